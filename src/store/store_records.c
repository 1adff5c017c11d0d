/* store_records: the history of the records that are not check-ins
 * (fields, medicines, their periods and doses, tags), and their undo.
 *
 * Each kind of record names its table and gives, as SQL, how it is kept
 * whole as JSON (record_version.body), put back from that JSON, and
 * brought back after a removal. A record's version is kept once per
 * change, before the change first writes over it, and never for a record
 * the change made: as with check-ins, an undo finds what a change did by
 * the change column of the records it wrote last and by its tombstones.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/store.h"
#include "ache/util.h"

struct record_kind {
    const char *kind;     /* record_version.kind */
    const char *changed;  /* ?1 change: the ids it wrote last */
    const char *keep;     /* ?1 id, ?2 change, ?3 removed: keep it whole */
    const char *put_back; /* ?1 id, ?2 the undone change, ?3 now, ?4 the
                             undo: the version kept by ?2 over the row */
    const char *bring_back; /* the same, into a new row from a removal */
    const char *drop;       /* ?1 id */
    /* Check-ins name it (a tag): one the change renamed or removed is put
     * back before the check-ins, so that they find it under its old name;
     * one the change made is taken out after them, once no check-in the
     * change linked to it still does. A record of another kind is undone
     * whole after the check-ins (a field is taken out only once the
     * check-ins with its values are). */
    bool named_by_checkins;
};

#define FIELD_BODY                                                         \
    "json_object('key', n, 'name', name, 'kind', kind, 'label', label,"    \
    " 'low_word', low_word, 'high_word', high_word, 'weekly', weekly,"     \
    " 'hidden', hidden, 'created_at', created_at)"
#define J(path) "json_extract(v.body, '$." path "')"
#define MED_BODY "json_object('n', n, 'name', name, 'created_at', created_at)"
#define PERIOD_BODY                                                        \
    "json_object('n', n, 'med', med, 'start', start, 'stop', stop,"        \
    " 'dose', dose, 'unit', unit, 'times', times, 'as_needed', as_needed,"  \
    " 'created_at', created_at)"
#define TAG_BODY                                                           \
    "json_object('n', id, 'name', name, 'kind', kind,"                    \
    " 'created_at', created_at)"
#define DOSE_BODY                                                          \
    "json_object('n', n, 'med', med, 'date', date, 'time', time,"          \
    " 'amount', amount, 'unit', unit, 'created_at', created_at)"
/* ?1 id, ?2 change, ?3 removed: the record whole, once per change. */
#define KEEP(kind, table, body)                                            \
    "INSERT INTO record_version (id, change, kind, removed, made_by, body," \
    " updated_at, rev) SELECT id, ?2, '" kind "', ?3, change, " body       \
    ", updated_at, rev FROM " table                                       \
    " WHERE id = ?1 AND (?3 OR change IS NOT ?2)"                          \
    " ON CONFLICT (id, change) DO UPDATE SET removed = excluded.removed"
/* The stamps of a record put back by an undo (?3 now, ?4 the undo). */
#define STAMPS(table)                                                      \
    "updated_at = max(?3, " table ".updated_at + 1), rev = " table         \
    ".rev + 1, change = ?4"
#define BACK_STAMPS "max(?3, v.updated_at + 1), v.rev + 1, ?4"

static const struct record_kind kinds[] = {
    {"field", "SELECT id FROM field WHERE change = ?1",
     "INSERT INTO record_version (id, change, kind, removed, made_by, body,"
     " updated_at, rev) SELECT id, ?2, 'field', ?3, change, " FIELD_BODY
     ", updated_at, rev FROM field WHERE id = ?1 AND (?3 OR change IS NOT ?2)"
     " ON CONFLICT (id, change) DO UPDATE SET removed = excluded.removed",
     "UPDATE field SET name = " J("name") ", label = " J("label")
     ", low_word = " J("low_word") ", high_word = " J("high_word")
     ", weekly = " J("weekly") ", hidden = " J("hidden")
     ", updated_at = max(?3, field.updated_at + 1), rev = field.rev + 1,"
     " change = ?4 FROM record_version v"
     " WHERE v.id = ?1 AND v.change = ?2 AND field.id = ?1",
     "INSERT INTO field (n, id, name, kind, label, low_word, high_word,"
     " weekly, hidden, created_at, updated_at, rev, change)"
     " SELECT " J("key") ", v.id, " J("name") ", " J("kind") ", " J("label")
     ", " J("low_word") ", " J("high_word") ", " J("weekly") ", " J("hidden")
     ", " J("created_at") ", max(?3, v.updated_at + 1), v.rev + 1, ?4"
     " FROM record_version v WHERE v.id = ?1 AND v.change = ?2",
     "DELETE FROM field WHERE id = ?1", false},
    {"med", "SELECT id FROM med WHERE change = ?1",
     KEEP("med", "med", MED_BODY),
     "UPDATE med SET name = " J("name") ", " STAMPS("med")
     " FROM record_version v WHERE v.id = ?1 AND v.change = ?2"
     " AND med.id = ?1",
     "INSERT INTO med (n, id, name, created_at, updated_at, rev, change)"
     " SELECT " J("n") ", v.id, " J("name") ", " J("created_at") ", "
     BACK_STAMPS " FROM record_version v WHERE v.id = ?1 AND v.change = ?2",
     "DELETE FROM med WHERE id = ?1", false},
    {"period", "SELECT id FROM med_period WHERE change = ?1",
     KEEP("period", "med_period", PERIOD_BODY),
     "UPDATE med_period SET start = " J("start") ", stop = " J("stop")
     ", dose = " J("dose") ", unit = " J("unit") ", times = " J("times")
     ", as_needed = " J("as_needed") ", " STAMPS("med_period")
     " FROM record_version v WHERE v.id = ?1 AND v.change = ?2"
     " AND med_period.id = ?1",
     "INSERT INTO med_period (n, id, med, start, stop, dose, unit, times,"
     " as_needed, created_at, updated_at, rev, change) SELECT " J("n")
     ", v.id, " J("med") ", " J("start") ", " J("stop") ", " J("dose") ", "
     J("unit") ", " J("times") ", " J("as_needed") ", " J("created_at")
     ", " BACK_STAMPS " FROM record_version v WHERE v.id = ?1"
     " AND v.change = ?2",
     "DELETE FROM med_period WHERE id = ?1", false},
    {"dose", "SELECT id FROM dose WHERE change = ?1",
     KEEP("dose", "dose", DOSE_BODY),
     "UPDATE dose SET date = " J("date") ", time = " J("time")
     ", amount = " J("amount") ", unit = " J("unit") ", " STAMPS("dose")
     " FROM record_version v WHERE v.id = ?1 AND v.change = ?2"
     " AND dose.id = ?1",
     "INSERT INTO dose (n, id, med, date, time, amount, unit, created_at,"
     " updated_at, rev, change) SELECT " J("n") ", v.id, " J("med") ", "
     J("date") ", " J("time") ", " J("amount") ", " J("unit") ", "
     J("created_at") ", " BACK_STAMPS " FROM record_version v"
     " WHERE v.id = ?1 AND v.change = ?2",
     "DELETE FROM dose WHERE id = ?1", false},
    /* a tag's id is its uid: its integer key is what links check-ins */
    {"tag", "SELECT uid FROM tag WHERE change = ?1",
     "INSERT INTO record_version (id, change, kind, removed, made_by, body,"
     " updated_at, rev) SELECT uid, ?2, 'tag', ?3, change, " TAG_BODY
     ", updated_at, rev FROM tag WHERE uid = ?1 AND (?3 OR change IS NOT ?2)"
     " ON CONFLICT (id, change) DO UPDATE SET removed = excluded.removed",
     "UPDATE tag SET name = " J("name") ", kind = " J("kind") ", "
     STAMPS("tag") " FROM record_version v WHERE v.id = ?1"
     " AND v.change = ?2 AND tag.uid = ?1",
     /* its old key, unless a recovery gave that key to another tag */
     "INSERT INTO tag (id, uid, name, kind, created_at, updated_at, rev,"
     " change) SELECT (SELECT " J("n") " WHERE NOT EXISTS (SELECT 1 FROM"
     " tag WHERE id = " J("n") ")), v.id, " J("name") ", " J("kind") ", "
     J("created_at") ", " BACK_STAMPS " FROM record_version v"
     " WHERE v.id = ?1 AND v.change = ?2",
     "DELETE FROM tag WHERE uid = ?1", true},
};
#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

static enum ache_status prepare(struct store *st, const char *sql,
                                sqlite3_stmt **s, struct ache_err *err)
{
    return store_prepare(st, sql, s, "undoing a change", err);
}

/* Runs sql with ?1 id and the integers a, b, c at ?2..?4 (those sql
 * names). */
static enum ache_status run(struct store *st, const char *sql, const char *id,
                            const int64_t abc[3], struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int params = sqlite3_bind_parameter_count(s);
    for (int i = 0; i < 3 && i + 2 <= params; i++)
        sqlite3_bind_int64(s, i + 2, abc[i]);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "cannot undo: a record it made is in use since");
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err, "undoing a change");
}

enum ache_status store_record_keep(struct store *st, const char *kind,
                                   const char *id, int64_t change,
                                   bool removed, struct ache_err *err)
{
    for (size_t k = 0; k < KIND_COUNT; k++)
        if (strcmp(kinds[k].kind, kind) == 0)
            return run(st, kinds[k].keep, id,
                       (int64_t[3]){change, removed, 0}, err);
    return ache_fail(err, ACHE_ERR_DB, "no records of kind %s", kind);
}

/* The ids one query of one change returns. */
static enum ache_status ids_of(struct store *st, const char *sql,
                               const char *kind, int64_t change,
                               struct strbuf *ids, size_t *n,
                               struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, change);
    if (kind)
        sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        strbuf_printf(ids, "%s", (const char *)sqlite3_column_text(s, 0));
        strbuf_append(ids, "\n");
        (*n)++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err, "reading a change");
}

static enum ache_status has_version(struct store *st, const char *id,
                                    int64_t change, bool *has,
                                    struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(
        st, "SELECT 1 FROM record_version WHERE id = ?1 AND change = ?2", &s,
        err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, change);
    int rc = sqlite3_step(s);
    *has = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a change");
}

/* Takes the record id out as part of change `change`: kept whole, with a
 * tombstone. */
static enum ache_status remove_record(struct store *st,
                                      const struct record_kind *k,
                                      const char *id, int64_t change,
                                      struct ache_err *err)
{
    static const char tomb[] =
        "INSERT INTO record_deleted (id, kind, deleted_at, change)"
        " VALUES (?1, ?3, ?2, ?4) ON CONFLICT (id) DO UPDATE SET"
        " deleted_at = excluded.deleted_at, change = excluded.change";
    enum ache_status status =
        run(st, k->keep, id, (int64_t[3]){change, 1, 0}, err);
    sqlite3_stmt *s = NULL;
    if (!status)
        status = prepare(st, tomb, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, stamp_now());
    sqlite3_bind_text(s, 3, k->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, change);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_db_fail(st, rc, err, "keeping a removed record");
    return run(st, k->drop, id, (int64_t[3]){0, 0, 0}, err);
}

enum ache_status store_record_remove(struct store *st, const char *kind,
                                     const char *id, int64_t change,
                                     struct ache_err *err)
{
    for (size_t k = 0; k < KIND_COUNT; k++)
        if (strcmp(kinds[k].kind, kind) == 0)
            return remove_record(st, &kinds[k], id, change, err);
    return ache_fail(err, ACHE_ERR_DB, "no records of kind %s", kind);
}

/* Which records of a change an undo puts back in one pass. */
enum undo_pass {
    UNDO_KEPT = 1, /* written over (a version kept) or removed */
    UNDO_MADE = 2, /* made by the change: taken out */
    UNDO_ALL = UNDO_KEPT | UNDO_MADE
};

/* One undo of one kind of record: what it reverses, and the change the
 * undo is. */
struct undo_run {
    const struct record_kind *k;
    enum undo_pass pass;
    int64_t undone, change;
    size_t *count;
};

/* One record change `undone` wrote last, back to before it. */
static enum ache_status revert_record(struct store *st,
                                      const struct undo_run *u,
                                      const char *id, struct ache_err *err)
{
    bool had = false;
    enum ache_status status = has_version(st, id, u->undone, &had, err);
    if (status || !(u->pass & (had ? UNDO_KEPT : UNDO_MADE)))
        return status;
    if (had)
        status = run(st, u->k->keep, id, (int64_t[3]){u->change, 0, 0}, err);
    if (!status && had)
        status = run(st, u->k->put_back, id,
                     (int64_t[3]){u->undone, stamp_now(), u->change}, err);
    if (!status && !had)
        status = remove_record(st, u->k, id, u->change, err);
    *u->count += !status;
    return status;
}

static enum ache_status bring_back(struct store *st,
                                   const struct undo_run *u, const char *id,
                                   struct ache_err *err)
{
    enum ache_status status =
        run(st, u->k->bring_back, id,
            (int64_t[3]){u->undone, stamp_now(), u->change}, err);
    if (!status)
        status = run(st, "DELETE FROM record_deleted WHERE id = ?1", id,
                     (int64_t[3]){0, 0, 0}, err);
    *u->count += !status;
    return status;
}

typedef enum ache_status (*undo_one)(struct store *, const struct undo_run *,
                                     const char *, struct ache_err *);

/* Calls fn on each id of the newline-separated list. */
static enum ache_status each_id(struct store *st, const struct strbuf *ids,
                                const struct undo_run *u, undo_one fn,
                                struct ache_err *err)
{
    char *copy = xstrdup(strbuf_str(ids));
    enum ache_status status = ACHE_OK;
    for (char *p = copy, *nl; !status && (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = '\0';
        status = fn(st, u, p, err);
    }
    free(copy);
    return status;
}

/* The records of one kind change `undone` wrote last (or, `removed`,
 * took out), each put back as before. */
static enum ache_status undo_kind(struct store *st, const struct undo_run *u,
                                  bool removed, struct ache_err *err)
{
    struct strbuf ids = {0};
    size_t n = 0;
    enum ache_status status =
        removed ? ids_of(st,
                         "SELECT id FROM record_deleted"
                         " WHERE change = ?1 AND kind = ?2",
                         u->k->kind, u->undone, &ids, &n, err)
                : ids_of(st, u->k->changed, NULL, u->undone, &ids, &n, err);
    if (!status)
        status = each_id(st, &ids, u, removed ? bring_back : revert_record,
                         err);
    strbuf_free(&ids);
    return status;
}

_Static_assert(KIND_COUNT == STORE_RECORD_KINDS,
               "a record kind for each of enum store_record_kind");

/* What pass `before_checkins` undoes of kind k: of a kind check-ins name,
 * what was kept before the check-ins and what was made after them; of
 * another kind, everything after them. */
static enum undo_pass pass_of(const struct record_kind *k,
                              bool before_checkins)
{
    if (k->named_by_checkins)
        return before_checkins ? UNDO_KEPT : UNDO_MADE;
    return before_checkins ? 0 : UNDO_ALL;
}

enum ache_status store_records_undo(struct store *st, int64_t undone,
                                    int64_t change, bool before_checkins,
                                    size_t counts[STORE_RECORD_KINDS],
                                    struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    /* those the change wrote, a dose before its medicine (what the change
     * made is taken out, and a medicine's periods and doses go first);
     * then those it removed, a medicine before its periods and doses */
    for (size_t k = KIND_COUNT; !status && k-- > 0;) {
        struct undo_run u = {&kinds[k], pass_of(&kinds[k], before_checkins),
                             undone, change, &counts[k]};
        if (u.pass)
            status = undo_kind(st, &u, false, err);
    }
    for (size_t k = 0; !status && k < KIND_COUNT; k++) {
        struct undo_run u = {&kinds[k], pass_of(&kinds[k], before_checkins),
                             undone, change, &counts[k]};
        if (u.pass & UNDO_KEPT)
            status = undo_kind(st, &u, true, err);
    }
    return status;
}
