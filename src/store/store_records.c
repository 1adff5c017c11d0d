/* store_records: the history of the records that are not check-ins
 * (fields; later medicines, their periods and doses), and their undo.
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
};
#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

static enum ache_status prepare(struct store *st, const char *sql,
                                sqlite3_stmt **s, struct ache_err *err)
{
    int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);
    return rc == SQLITE_OK ? ACHE_OK
                           : store_db_fail(st, rc, err, "undoing a change");
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

enum ache_status store_records_undo(struct store *st, int64_t undone,
                                    int64_t change, size_t *count,
                                    struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    for (size_t k = 0; !status && k < KIND_COUNT; k++) {
        struct strbuf written = {0}, removed = {0};
        size_t nw = 0, nr = 0;
        status = ids_of(st, kinds[k].changed, NULL, undone, &written, &nw,
                        err);
        if (!status)
            status = ids_of(st,
                            "SELECT id FROM record_deleted"
                            " WHERE change = ?1 AND kind = ?2",
                            kinds[k].kind, undone, &removed, &nr, err);
        if (!status)
            status = each_id(st, &written, &kinds[k], undone, change, count,
                             revert_record, err);
        if (!status)
            status = each_id(st, &removed, &kinds[k], undone, change, count,
                             bring_back, err);
        strbuf_free(&written);
        strbuf_free(&removed);
    }
    return status;
}
