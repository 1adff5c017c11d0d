/* store: the connection's statements, transactions and errors, and the
 * check of a diary's pages. Opening a diary is in store_open.c, the
 * check-ins in store_checkin.c, tags in store_tags.c, the schema in
 * store_schema.c, backups in store_backup.c.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ache/date.h"
#include "ache/store.h"
#include "ache/util.h"

/* What to do about damage that SQLite meets while reading. */
#define RECOVER_ADVICE                                                    \
    "`ache recover NEW.db` saves what can still be read, or restore a "  \
    "backup"

/* ---- statements and errors ------------------------------------------- */

enum ache_status store_stmt(struct store *st, enum store_stmt id,
                            sqlite3_stmt **out, struct ache_err *err)
{
    if (!st->stmt[id]) {
        int rc = sqlite3_prepare_v3(st->db, store_sql(id), -1,
                                    SQLITE_PREPARE_PERSISTENT, &st->stmt[id],
                                    NULL);
        if (rc != SQLITE_OK)
            return store_db_fail(st, rc, err, "preparing a query");
    }
    *out = st->stmt[id];
    return ACHE_OK;
}

enum ache_status store_stmt_range(struct store *st, enum store_stmt id,
                                  ache_day from, ache_day to,
                                  sqlite3_stmt **out, struct ache_err *err)
{
    char lo[DATE_BUF], hi[DATE_BUF];
    store_range_bounds(from, to, lo, hi);
    enum ache_status status = store_stmt(st, id, out, err);
    if (status)
        return status;
    sqlite3_bind_text(*out, 1, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*out, 2, hi, -1, SQLITE_TRANSIENT);
    return ACHE_OK;
}

void store_stmt_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

enum ache_status store_db_fail(struct store *st, int rc, struct ache_err *err,
                               const char *doing)
{
    const char *why = sqlite3_errmsg(st->db);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ache_fail(err, ACHE_ERR_BUSY,
                         "%s: %s: the diary is busy (another program is "
                         "writing to it); try again",
                         st->path, doing);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return ache_fail(err, ACHE_ERR_IO, "%s: %s: %s", st->path, doing,
                         why);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return ache_fail(err, ACHE_ERR_DB,
                         "%s: %s: the diary is damaged (%s): " RECOVER_ADVICE,
                         st->path, doing, why);
    default:
        return ache_fail(err, ACHE_ERR_DB, "%s: %s: %s", st->path, doing, why);
    }
}

enum ache_status store_run(struct store *st, enum store_stmt id,
                           struct ache_err *err, const char *doing)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, id, &s, err);
    if (status)
        return status;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, doing);
    store_stmt_done(s);
    return status;
}

/* ---- transactions -------------------------------------------------------- */

/* Inside a batch each change has a savepoint, so that a failed one is
 * undone alone; an atomic batch is given up whole instead. */
enum ache_status store_prepare(struct store *st, const char *sql,
                               sqlite3_stmt **out, const char *doing,
                               struct ache_err *err)
{
    int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
    return rc == SQLITE_OK ? ACHE_OK : store_db_fail(st, rc, err, doing);
}

enum ache_status store_write_begin(struct store *st, struct ache_err *err)
{
    if (st->atomic)
        return st->batch_failed
                   ? ache_fail(err, ACHE_ERR_INVALID,
                               "%s: a change in this transaction failed: "
                               "roll it back",
                               st->path)
                   : ACHE_OK;
    return store_run(st, st->in_batch ? SS_SAVEPOINT : SS_BEGIN, err,
                     "starting a change");
}

/* Undoes the current write; errors are ignored, as there is nothing left
 * to do about them and the first error is the one worth reporting. */
static void write_undo(struct store *st)
{
    if (st->atomic) {
        st->batch_failed = true;
    } else if (st->in_batch) {
        store_run(st, SS_ROLLBACK_TO, NULL, "");
        store_run(st, SS_RELEASE, NULL, "");
    } else if (!sqlite3_get_autocommit(st->db)) {
        store_run(st, SS_ROLLBACK, NULL, "");
    }
}

enum ache_status store_write_end(struct store *st, enum ache_status status,
                                 struct ache_err *err)
{
    if (status == ACHE_OK) {
        if (st->atomic)
            return ACHE_OK;
        status = store_run(st, st->in_batch ? SS_RELEASE : SS_COMMIT, err,
                           "saving the change");
        if (status == ACHE_OK)
            return ACHE_OK;
    }
    write_undo(st);
    return status;
}

enum ache_status store_begin(struct store *st, struct ache_err *err)
{
    if (st->in_batch)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: a transaction is already open", st->path);
    enum ache_status status = store_run(st, SS_BEGIN, err,
                                        "starting a transaction");
    if (status == ACHE_OK)
        st->in_batch = true;
    return status;
}

enum ache_status store_begin_atomic(struct store *st, struct ache_err *err)
{
    enum ache_status status = store_begin(st, err);
    if (status == ACHE_OK)
        st->atomic = true;
    return status;
}

static void end_batch(struct store *st)
{
    st->in_batch = st->atomic = st->batch_failed = false;
    st->batch_change = 0;
    store_forget_tag_ids(st);
}

enum ache_status store_commit(struct store *st, struct ache_err *err)
{
    if (!st->in_batch)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: no transaction is open to commit", st->path);
    if (st->batch_failed) {
        store_rollback(st);
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: a change in this transaction failed, so "
                         "none of it was saved",
                         st->path);
    }
    enum ache_status status = store_run(st, SS_COMMIT, err,
                                        "saving the changes");
    if (status && !sqlite3_get_autocommit(st->db))
        store_run(st, SS_ROLLBACK, NULL, "");
    end_batch(st);
    return status;
}

void store_rollback(struct store *st)
{
    if (!st->in_batch)
        return;
    if (!sqlite3_get_autocommit(st->db))
        store_run(st, SS_ROLLBACK, NULL, "");
    end_batch(st);
}

enum ache_status store_check(struct store *st, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL);
    char what[200] = "";
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(s, 0);
        snprintf(what, sizeof what, "%s", text ? (const char *)text : "");
    } else {
        snprintf(what, sizeof what, "%s", sqlite3_errmsg(st->db));
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW && strcmp(what, "ok") == 0)
        return ACHE_OK;
    int primary = rc & 0xff;
    if (rc != SQLITE_ROW && primary != SQLITE_CORRUPT &&
        primary != SQLITE_NOTADB)
        return store_db_fail(st, rc, err, "checking the diary");
    return ache_fail(err, ACHE_ERR_REFUSED,
                     "%s: the diary is damaged (%s): " RECOVER_ADVICE,
                     st->path, what);
}

void store_set_busy_timeout(struct store *st, int ms)
{
    sqlite3_busy_timeout(st->db, ms);
}

void store_close(struct store *st)
{
    if (!st)
        return;
    store_rollback(st);
    for (int i = 0; i < SS_STMT_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_close(st->db);
    if (st->lock_fd >= 0)
        close(st->lock_fd);
    free(st->path);
    free(st->file);
    free(st);
}

const char *store_path(const struct store *st)
{
    return st->path;
}
