/* store_impl: what the store_*.c files share and nobody else sees: the
 * connection, its cache of prepared statements, write transactions and the
 * translation of SQLite's errors into ache's. Only src/store/ includes it
 * (and with it <sqlite3.h>).
 */
#ifndef ACHE_STORE_IMPL_H
#define ACHE_STORE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"
#include "ache/util.h"

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
    SS_TAGS_KINDED,
    SS_TAG_FIRST_EARLY,
    SS_TAG_FIRST_USE,
    SS_LINK,
    SS_LINK_ID,
    SS_TAG_ID,
    SS_UNLINK_ALL,
    SS_OWN_PUT,
    SS_OWN_CLEAR,
    SS_CURRENT,
    SS_DAY_ROWS,
    SS_REMOVED_ON_DAY,
    SS_PREFIX_REMOVED,
    SS_CHANGE_LAST,
    SS_CHANGE_INSERT,
    SS_CHANGE_GET,
    SS_CHANGES_RECENT,
    SS_VERSION_EXISTS,
    SS_VERSION_KEEP,
    SS_VERSION_GET,
    SS_VERSIONS_OF,
    SS_TOMB_INSERT,
    SS_TOMB_GET,
    SS_TOMB_DROP,
    SS_CHANGED_BY,
    SS_REMOVED_BY,
    SS_LATE_CHANGES,
    SS_NOTES,      /* store_search.c: oldest first */
    SS_NOTES_DESC, /* and newest first */
    SS_RANGE, /* prepared per walk (a callback may start another walk) */
    SS_STMT_COUNT
};

/* The columns of a check-in as CHECKIN_COLUMNS (store_sql.c) gives them,
 * counted from 0; SS_INSERT and SS_UPDATE bind the same order from 1, with
 * STORE_COL_CHANGE in place of the tags. SS_CURRENT adds the row's key
 * and change after the own values, a version its parts. */
enum store_col {
    STORE_COL_ID,
    STORE_COL_DATE,
    STORE_COL_TIME,
    STORE_COL_VALUE0, /* CF_COUNT columns in enum checkin_field order */
    STORE_COL_REGIONS = STORE_COL_VALUE0 + CF_COUNT,
    STORE_COL_NOTE,
    STORE_COL_CREATED,
    STORE_COL_UPDATED,
    STORE_COL_REV,
    STORE_COL_TAGS,
    STORE_COL_OWN, /* own values, "key:steps" joined by ',' */
    STORE_COL_CHANGE = STORE_COL_TAGS, /* as bound by SS_INSERT/SS_UPDATE */
    STORE_COL_PARTS = STORE_COL_OWN + 1, /* a version's (VERSION_COLUMNS) */
    STORE_COL_N = STORE_COL_OWN + 1,     /* SS_CURRENT's */
    STORE_COL_LAST_CHANGE                /* SS_CURRENT's */
};

/* The text of each statement (store_sql.c): every query in one place, to
 * be read next to the schema in store_schema.c. Those that name every
 * field are built from the field table on first use. */
const char *store_sql(enum store_stmt id);

struct store {
    sqlite3 *db;
    char *path;  /* as given: what messages name */
    char *file;  /* what SQLite opened: the folder made canonical */
    bool read_only; /* opened by store_open_read */
    int lock_fd; /* a read lock held for an immutable reader, or -1 */
    sqlite3_stmt *stmt[SS_STMT_COUNT];
    bool in_batch; /* inside store_begin ... store_commit/rollback */
    bool atomic; /* the batch is store_begin_atomic's */
    bool batch_failed; /* a change of the atomic batch failed */
    struct strmap *tag_ids; /* names to ids, in an atomic batch */
    int64_t batch_change; /* the change begun inside the open batch */
    int64_t new_change, new_change_at; /* the change inserted last */
};

/* The cached statement `id`, reset and ready for binding. */
enum ache_status store_stmt(struct store *st, enum store_stmt id,
                            sqlite3_stmt **out, struct ache_err *err);
/* store_stmt with ?1 and ?2 bound to the dates bounding from..to (as
 * store_range_bounds gives them), for the queries of a range of days. */
enum ache_status store_stmt_range(struct store *st, enum store_stmt id,
                                  ache_day from, ache_day to,
                                  sqlite3_stmt **out, struct ache_err *err);
/* Resets a statement after use (and drops its bindings, so that a long
 * text bound to it is not kept alive). */
void store_stmt_done(sqlite3_stmt *s);

/* Turns SQLite's result code rc into a status and a message
 * "PATH: DOING: SQLite's words". */
enum ache_status store_db_fail(struct store *st, int rc, struct ache_err *err,
                               const char *doing);
/* A statement prepared for one use (the caller finalizes it): for the
 * rare writes that the cache of store_stmt need not keep. */
enum ache_status store_prepare(struct store *st, const char *sql,
                               sqlite3_stmt **out, const char *doing,
                               struct ache_err *err);
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

/* Reads the diary's field table into the process's (store_fields.c). */
enum ache_status store_fields_load(struct store *st, struct ache_err *err);

/* Keeps the record id of `kind` ("field") whole before change `change`
 * writes over it (once per change, and not when the change made it), or
 * as `removed` by it (store_records.c). */
enum ache_status store_record_keep(struct store *st, const char *kind,
                                   const char *id, int64_t change,
                                   bool removed, struct ache_err *err);
/* Takes the record id of `kind` out as part of change `change`: kept
 * whole as removed by it, with a tombstone (store_records.c), so that an
 * undo of the change brings it back. */
enum ache_status store_record_remove(struct store *st, const char *kind,
                                     const char *id, int64_t change,
                                     struct ache_err *err);
/* Puts every record change `undone` wrote back as it was before, as part
 * of change `change`; counts[kind] grows by the records touched. Called
 * twice, around the check-ins' undo: the kinds check-ins name (tags)
 * with before_checkins, then the rest. */
enum ache_status store_records_undo(struct store *st, int64_t undone,
                                    int64_t change, bool before_checkins,
                                    size_t counts[STORE_RECORD_KINDS],
                                    struct ache_err *err);

/* ---- rows (store_checkin.c) ------------------------------------------------ */

/* A check-in as the diary holds it, read inside a write. */
struct store_current {
    struct checkin c;
    sqlite3_int64 n; /* its key */
    int64_t change;  /* the change that last wrote it (0: before changes
                        were kept) */
};
/* Reads the current row of a CHECKIN_COLUMNS query into c. */
enum ache_status store_read_row(struct store *st, sqlite3_stmt *s,
                                struct checkin *c, struct ache_err *err);
/* Reads id into *cur (its checkin initialised by the call); *found false
 * when the diary has no such check-in. */
enum ache_status store_read_current(struct store *st, const char *id,
                                    bool *found, struct store_current *cur,
                                    struct ache_err *err);
/* Inserts row (its stamps and rev set) as written by change `change`,
 * with its tags; *n gets its key. */
enum ache_status store_insert_row(struct store *st, const struct checkin *row,
                                  int64_t change, sqlite3_int64 *n,
                                  struct ache_err *err);
/* Writes `next` over the stored check-in cur as part of change `change`:
 * keeps what it replaces as an earlier version, and gives next cur's id
 * and created_at, the next revision and an updated_at later than cur's
 * (`stamp` when it is, else now or just after cur's). When next holds
 * cur's content, nothing is written and next gets cur's stamps and
 * revision. */
enum ache_status store_write_over(struct store *st,
                                  const struct store_current *cur,
                                  struct checkin *next, int64_t stamp,
                                  int64_t change, struct ache_err *err);
/* The same as store_write_over, but next keeps its own created_at and
 * updated_at (another device's version, which every copy must hold with
 * the same stamps); the revision is the diary's next. */
enum ache_status store_write_exact(struct store *st,
                                   const struct store_current *cur,
                                   struct checkin *next, int64_t change,
                                   struct ache_err *err);
/* Removes cur as part of change `change`, keeping it whole as an earlier
 * version, with a tombstone. */
enum ache_status store_write_removal(struct store *st,
                                     const struct store_current *cur,
                                     int64_t change, struct ache_err *err);
/* An updated_at later than `than`: now, or than + 1 when the clock is
 * not past it (a merge takes the newer record by this stamp). */
int64_t store_stamp_after(int64_t than);

/* Binds the parts of c in `parts` (the others NULL), its stamps and
 * revision, at the parameters of enum store_col counted from 1. */
struct store_texts {
    char date[DATE_BUF], time[TIME_BUF];
};
void store_bind_parts(sqlite3_stmt *s, const struct checkin *c,
                      unsigned parts, struct store_texts *t);

/* ---- changes, versions, tombstones (store_history.c) ---------------------- */

/* In an earlier version's parts: the change removed the check-in (the
 * version holds it whole). */
#define STORE_PART_REMOVED (1u << CP_COUNT)

/* The change a write belongs to: ch's when it is still the latest (and
 * `fresh` is false), else a new one, inserted now. *n gets its number; the
 * caller sets ch->n once the write is committed. */
enum ache_status store_take_change(struct store *st,
                                   const struct store_change *ch, bool fresh,
                                   int64_t *n, struct ache_err *err);
/* Once a write of change n (0: none) is done: n is ch's, with the moment
 * it began (inside a batch, before the batch is committed: a batch given
 * back leaves ch naming a change that is not there, whose number another
 * may take, but not the moment it began). */
void store_change_joined(struct store *st, struct store_change *ch,
                         int64_t n);
/* A change taken only when a write needs one: a merge that finds nothing
 * new writes nothing and makes no change (an undo would reverse the one
 * before). */
struct store_lazy_change {
    struct store_change *ch;
    int64_t n; /* 0 until taken */
};
/* *n: lc's change, taken now when it was not yet. */
enum ache_status store_lazy_take(struct store *st,
                                 struct store_lazy_change *lc, int64_t *n,
                                 struct ache_err *err);

/* Inserts a change row; *n gets its number. */
enum ache_status store_insert_change(struct store *st, enum store_source src,
                                     const char *detail, int64_t undoes,
                                     int64_t *n, struct ache_err *err);
/* Keeps the parts `parts` of cur as they are before change `change`
 * writes over them: a new earlier version, or the parts not kept yet
 * added to the change's version. Nothing when cur was created by that
 * very change (there was no version before it). */
enum ache_status store_keep_version(struct store *st,
                                    const struct store_current *cur,
                                    unsigned parts, int64_t change,
                                    struct ache_err *err);
/* The earlier version change `change` kept of id: *found false when it
 * kept none; *parts says which parts it holds (the rest of *out is as
 * checkin_init leaves it), with STORE_PART_REMOVED for a removal. */
enum ache_status store_read_version(struct store *st, const char *id,
                                    int64_t change, bool *found,
                                    unsigned *parts, struct checkin *out,
                                    struct ache_err *err);
/* A removed check-in's tombstone; *found false when id has none. */
struct store_tombstone {
    int64_t at, change;
};
enum ache_status store_read_tombstone(struct store *st, const char *id,
                                      bool *found, struct store_tombstone *t,
                                      struct ache_err *err);
/* The message for a removed check-in. */
enum ache_status store_gone(const char *id, const struct store_tombstone *t,
                            struct ache_err *err);
/* Brings the removed check-in id back as part of change `change` from the
 * version its removal kept; *out gets it. */
enum ache_status store_bring_back(struct store *st, const char *id,
                                  const struct store_tombstone *t,
                                  int64_t change, struct checkin *out,
                                  struct ache_err *err);

/* Links c, the check-in keyed n, to its tags, creating unknown tags with
 * kind "other" (store_tags.c). Called inside a write. */
enum ache_status store_link_tags(struct store *st, sqlite3_int64 n,
                                 const struct checkin *c,
                                 struct ache_err *err);
/* The change a sync applies under, taken at its first write
 * (store_sync.c). */
struct store_sync;
struct store_stamp;
/* A stamp from columns col (clock) and col + 1 (device). */
void store_sync_read_stamp(sqlite3_stmt *s, int col, struct store_stamp *out);
enum ache_status store_sync_change(struct store *st, struct store_sync *sy,
                                   int64_t *n, struct ache_err *err);

/* Forgets the remembered tag ids (the batch that may have added the tags
 * is over, perhaps rolled back). */
void store_forget_tag_ids(struct store *st);

#endif
