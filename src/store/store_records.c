/* store_records: the history of the records that are not check-ins
 * (fields, medicines, their periods and doses), and their undo.
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
     "DELETE FROM field WHERE id = ?1"},
    {"med", "SELECT id FROM med WHERE change = ?1",
     KEEP("med", "med", MED_BODY),
     "UPDATE med SET name = " J("name") ", " STAMPS("med")
     " FROM record_version v WHERE v.id = ?1 AND v.change = ?2"
     " AND med.id = ?1",
     "INSERT INTO med (n, id, name, created_at, updated_at, rev, change)"
     " SELECT " J("n") ", v.id, " J("name") ", " J("created_at") ", "
     BACK_STAMPS " FROM record_version v WHERE v.id = ?1 AND v.change = ?2",
     "DELETE FROM med WHERE id = ?1"},
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
     "DELETE FROM med_period WHERE id = ?1"},
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
     "DELETE FROM dose WHERE id = ?1"},
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

/* One record change `undone` wrote last, back to before it. */
static enum ache_status revert_record(struct store *st,
                                      const struct record_kind *k,
                                      const char *id, int64_t undone,
                                      int64_t change, size_t *count,
                                      struct ache_err *err)
{
    bool had = false;
    enum ache_status status = has_version(st, id, undone, &had, err);
    if (!status && had)
        status = run(st, k->keep, id, (int64_t[3]){change, 0, 0}, err);
    if (!status && had)
        status = run(st, k->put_back, id,
                     (int64_t[3]){undone, stamp_now(), change}, err);
    if (!status && !had)
        status = remove_record(st, k, id, change, err);
    *count += !status;
    return status;
}

static enum ache_status bring_back(struct store *st,
                                   const struct record_kind *k,
                                   const char *id, int64_t undone,
                                   int64_t change, size_t *count,
                                   struct ache_err *err)
{
    enum ache_status status =
        run(st, k->bring_back, id, (int64_t[3]){undone, stamp_now(), change},
            err);
    if (!status)
        status = run(st, "DELETE FROM record_deleted WHERE id = ?1", id,
                     (int64_t[3]){0, 0, 0}, err);
    *count += !status;
    return status;
}

/* Calls fn on each id of the newline-separated list. */
static enum ache_status each_id(struct store *st, const struct strbuf *ids,
                                const struct record_kind *k, int64_t undone,
                                int64_t change, size_t *count,
                                enum ache_status (*fn)(
                                    struct store *, const struct record_kind *,
                                    const char *, int64_t, int64_t, size_t *,
                                    struct ache_err *),
                                struct ache_err *err)
{
    char *copy = xstrdup(strbuf_str(ids));
    enum ache_status status = ACHE_OK;
    for (char *p = copy, *nl; !status && (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = '\0';
        status = fn(st, k, p, undone, change, count, err);
    }
    free(copy);
    return status;
}

/* The records of one kind change `undone` wrote last (or, `removed`,
 * took out), each put back as before. */
static enum ache_status undo_kind(struct store *st,
                                  const struct record_kind *k, bool removed,
                                  int64_t undone, int64_t change,
                                  size_t *count, struct ache_err *err)
{
    struct strbuf ids = {0};
    size_t n = 0;
    enum ache_status status =
        removed ? ids_of(st,
                         "SELECT id FROM record_deleted"
                         " WHERE change = ?1 AND kind = ?2",
                         k->kind, undone, &ids, &n, err)
                : ids_of(st, k->changed, NULL, undone, &ids, &n, err);
    if (!status)
        status = each_id(st, &ids, k, undone, change, count,
                         removed ? bring_back : revert_record, err);
    strbuf_free(&ids);
    return status;
}

_Static_assert(KIND_COUNT == STORE_RECORD_KINDS,
               "a record kind for each of enum store_record_kind");

enum ache_status store_records_undo(struct store *st, int64_t undone,
                                    int64_t change,
                                    size_t counts[STORE_RECORD_KINDS],
                                    struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    /* those the change wrote, a dose before its medicine (what the change
     * made is taken out, and a medicine's periods and doses go first);
     * then those it removed, a medicine before its periods and doses */
    for (size_t k = KIND_COUNT; !status && k-- > 0;)
        status = undo_kind(st, &kinds[k], false, undone, change, &counts[k],
                           err);
    for (size_t k = 0; !status && k < KIND_COUNT; k++)
        status = undo_kind(st, &kinds[k], true, undone, change, &counts[k],
                           err);
    return status;
}
