/* store_impl: what the store_*.c files share and nobody else sees: the
 * connection, its cache of prepared statements, write transactions and the
 * translation of SQLite's errors into ache's. Only src/store*.c include it
 * (and with it <sqlite3.h>).
 */
#ifndef ACHE_STORE_IMPL_H
#define ACHE_STORE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "ache/date.h"
#include "ache/store.h"

/* The statements the store runs; the hot ones are prepared once per
 * connection on first use and kept. */
enum store_stmt {
    SS_BEGIN,
    SS_COMMIT,
    SS_ROLLBACK,
    SS_SAVEPOINT,
    SS_RELEASE,
    SS_ROLLBACK_TO,
    SS_INSERT,
    SS_UPDATE,
    SS_DELETE,
    SS_STAMPS,
    SS_GET,
    SS_PREFIX,
    SS_COUNT,
    SS_SPAN,
    SS_TAG_ENSURE,
    SS_TAG_FIND,
    SS_TAG_INSERT,
    SS_TAGS_LIST,
    SS_LINK,
    SS_LINK_ID,
    SS_TAG_ID,
    SS_UNLINK_ALL,
    SS_RANGE, /* prepared per walk (a callback may start another walk) */
    SS_STMT_COUNT
};

/* The text of each statement (store_sql.c): every query in one place, to
 * be read next to the schema in store_schema.c. */
extern const char *const store_sql[SS_STMT_COUNT];
/* The column of each enum checkin_field, for the queries store_days.c
 * puts together from these names alone. */
extern const char *const store_value_columns[CF_COUNT];

struct store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmt[SS_STMT_COUNT];
    bool in_batch; /* inside store_begin ... store_commit/rollback */
    bool atomic; /* the batch is store_begin_atomic's */
    bool batch_failed; /* a change of the atomic batch failed */
    struct tag_ids *tag_ids; /* names to ids, in an atomic batch */
};

/* The cached statement `id`, reset and ready for binding. */
enum ache_status store_stmt(struct store *st, enum store_stmt id,
                            sqlite3_stmt **out, struct ache_err *err);
/* Resets a statement after use (and drops its bindings, so that a long
 * text bound to it is not kept alive). */
void store_stmt_done(sqlite3_stmt *s);

/* Turns SQLite's result code rc into a status and a message
 * "PATH: DOING: SQLite's words". */
enum ache_status store_db_fail(struct store *st, int rc, struct ache_err *err,
                               const char *doing);
/* Runs a statement that returns no rows (DONE), reporting failures. */
enum ache_status store_run(struct store *st, enum store_stmt id,
                           struct ache_err *err, const char *doing);

/* A write: BEGIN IMMEDIATE (or a savepoint inside store_begin), then
 * store_write_end commits when status is ACHE_OK and rolls back otherwise,
 * so a failed write leaves nothing behind. Returns status, or the commit's
 * failure. */
enum ache_status store_write_begin(struct store *st, struct ache_err *err);
enum ache_status store_write_end(struct store *st, enum ache_status status,
                                 struct ache_err *err);

/* Refuses a diary whose schema `version` is newer than this build's
 * ("PATH: written by a newer ache ..."); ACHE_OK otherwise. */
enum ache_status store_check_version(struct store *st, long version,
                                     struct ache_err *err);
/* Migrates the connection's database, found at schema `version`, to
 * STORE_SCHEMA_VERSION (store_schema.c). */
enum ache_status store_migrate(struct store *st, long version,
                               struct ache_err *err);

/* A stored value of field f in column col, in steps (CHECKIN_ABSENT for
 * NULL). */
int store_read_value(sqlite3_stmt *s, int col, enum checkin_field f);
/* The dates 'YYYY-MM-DD' bounding from..to. Days outside years 1-9999
 * (say INT32_MIN and INT32_MAX for "all") are clamped to them, as no
 * check-in can be there. */
void store_range_bounds(ache_day from, ache_day to, char lo[DATE_BUF],
                        char hi[DATE_BUF]);

/* Links c, the check-in keyed n, to its tags, creating unknown tags with
 * kind "other" (store_tags.c). Called inside a write. */
enum ache_status store_link_tags(struct store *st, sqlite3_int64 n,
                                 const struct checkin *c,
                                 struct ache_err *err);
/* Forgets the remembered tag ids (the batch that may have added the tags
 * is over, perhaps rolled back). */
void store_forget_tag_ids(struct store *st);

#endif
