/* store: the diary on disk (SQLite). The only module that includes
 * <sqlite3.h> (with exchange, should it ever need to).
 *
 * Every connection: journal_mode=WAL, synchronous=FULL, foreign_keys=ON,
 * busy_timeout, secure_delete=ON and ache's application_id. Tables are
 * STRICT with CHECK constraints mirroring the field table; migrations are
 * numbered by PRAGMA user_version, each in one BEGIN IMMEDIATE transaction.
 * Every change is committed before the call returns, unless the caller
 * opened a transaction with store_begin (imports, demo), in which case it is
 * all-or-nothing at store_commit.
 *
 * Refused with a clear message and nothing changed: a file that is not
 * SQLite, a SQLite file of another application, a diary of a newer ache;
 * and, by store_check (which reads the whole file, so it is not done on
 * every open: a chart of 30 days must not cost more on a long diary), a
 * database failing PRAGMA quick_check. Damage met later by a read or a
 * write is reported then, and nothing partial is written.
 */
#ifndef ACHE_STORE_H
#define ACHE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "ache/stats.h"
#include "ache/date.h"
#include "ache/tags.h"
#include "ache/util.h"

struct store;

/* 'ache' in ASCII: PRAGMA application_id of every ache diary. */
#define STORE_APPLICATION_ID 0x61636865
/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 2

/* Opens (and when `create` is true, creates, with its folders 0700 and the
 * file 0600) the diary at path, then migrates it to the current schema.
 * A new diary receives the tag catalogue. Without `create`, a missing file
 * is ACHE_ERR_NOT_FOUND ("PATH: no diary here"). */
enum ache_status store_open(const char *path, bool create, struct store **out,
                            struct ache_err *err);
void store_close(struct store *st);
/* PRAGMA quick_check: "PATH: the diary is damaged (...): restore a
 * backup" (ACHE_ERR_REFUSED) unless it is sound. Imports, backups and the
 * demo run it before they write or copy. */
enum ache_status store_check(struct store *st, struct ache_err *err);
/* How long a write waits for another writer before ACHE_ERR_BUSY (the
 * default, 10 s, suits commands; the full-screen diary waits less and
 * retries, so that a key press never freezes the screen). */
void store_set_busy_timeout(struct store *st, int ms);
const char *store_path(const struct store *st);

/* Adds a check-in. A check-in without an id gets a new one; without
 * timestamps (0), both become now. Tags it names that the diary does not
 * know are created with kind "other". Validates with checkin_validate
 * first. */
enum ache_status store_add(struct store *st, struct checkin *c,
                           struct ache_err *err);
/* Replaces the stored check-in of the same id with c and sets
 * c->updated_at to now. ACHE_ERR_NOT_FOUND when there is no such id. */
enum ache_status store_update(struct store *st, struct checkin *c,
                              struct ache_err *err);
enum ache_status store_remove(struct store *st, const char *id,
                              struct ache_err *err);
/* Reads one check-in by full id into *out (initialised by the call). */
enum ache_status store_get(struct store *st, const char *id,
                           struct checkin *out, struct ache_err *err);
/* Resolves a full id or a unique prefix of 6+ hex digits. Messages:
 * "no check-in with id 'abc123'", "id 'abc123' matches 2 check-ins: give
 * more digits", "'xyz' is not a check-in id (6 to 32 hex digits)". */
enum ache_status store_resolve_id(struct store *st, const char *prefix,
                                  char out[CHECKIN_ID_LEN + 1],
                                  struct ache_err *err);

/* Check-ins with from <= date <= to, ordered by date, time (absent
 * first), created_at, id. Uses the date index: cost follows the range. */
enum ache_status store_list_range(struct store *st, ache_day from, ache_day to,
                                  struct checkin_list *out,
                                  struct ache_err *err);
/* The same, one at a time, for exports of any size. The callback's
 * non-OK status stops the walk and is returned. */
typedef enum ache_status (*store_checkin_fn)(const struct checkin *c,
                                             void *ctx);
enum ache_status store_each_in_range(struct store *st, ache_day from,
                                     ache_day to, store_checkin_fn fn,
                                     void *ctx, struct ache_err *err);
/* What store_read_days reads: a bit per enum checkin_field, and the
 * regions marked. A chart of one field reads that field alone. */
#define STORE_DAYS_FIELD(f) (1u << (f))
#define STORE_DAYS_REGIONS (1u << CF_COUNT)
#define STORE_DAYS_ALL ((1u << (CF_COUNT + 1)) - 1)
/* Summaries of the days from..to (out holds to - from + 1; see
 * stats_days), read value by value with no list of check-ins kept: what
 * charts need, several times faster on long ranges. Only the fields and
 * regions in `what` are read (others stay absent or empty); tags and notes
 * never are (has_note is false). On failure out is still filled, as if
 * the rest of the range were empty. */
enum ache_status store_read_days(struct store *st, ache_day from, ache_day to,
                                 unsigned what, struct day_summary *out,
                                 struct ache_err *err);
/* The daily mean of each of the n fields (1 to CF_COUNT) over from..to:
 * means[k][i] for fields[k] on day from + i, or STATS_ABSENT where no
 * check-in gave it; each means[k] holds to - from + 1. The same means as
 * store_read_days, with nothing else kept: what a chart draws. */
enum ache_status store_read_means(struct store *st, ache_day from,
                                  ache_day to, const enum checkin_field *fields,
                                  int n, double **means, struct ache_err *err);
enum ache_status store_count(struct store *st, long *count,
                             struct ache_err *err);
/* First and last dates holding a check-in; *empty when there are none. */
enum ache_status store_date_span(struct store *st, ache_day *first,
                                 ache_day *last, bool *empty,
                                 struct ache_err *err);

/* Every tag with its kind and how many check-ins carry it, ordered by
 * kind (trigger, treatment, other) then name. */
enum ache_status store_tags_list(struct store *st, struct tag_list *out,
                                 struct ache_err *err);
/* Adds a tag; an existing name fails with
 * "tag 'yoga' already exists (treatment)". */
enum ache_status store_tag_add(struct store *st, const char *name,
                               enum tag_kind kind, struct ache_err *err);
/* Looks a tag up; *found false when the diary does not know it. */
enum ache_status store_tag_find(struct store *st, const char *name,
                                bool *found, enum tag_kind *kind,
                                struct ache_err *err);

/* Explicit transactions (BEGIN IMMEDIATE) for all-or-nothing batches.
 * Inside one, store_add/update/remove/merge do not commit on their own;
 * a change that fails is undone by itself and the batch goes on.
 * store_begin_atomic is for a batch that is given up whole at the first
 * failure (an import): no change has its own savepoint and tag ids are
 * remembered, which makes a large batch several times faster; after a
 * failed change only store_rollback is left (store_commit refuses). */
enum ache_status store_begin(struct store *st, struct ache_err *err);
enum ache_status store_begin_atomic(struct store *st, struct ache_err *err);
enum ache_status store_commit(struct store *st, struct ache_err *err);
void store_rollback(struct store *st);

/* Import one record, keeping its timestamps: a new id is added; an
 * existing id is replaced when c->updated_at is newer than the stored one
 * and left alone otherwise. Missing id or timestamps are filled in. */
enum store_merge_result { STORE_ADDED, STORE_UPDATED, STORE_UNCHANGED };
enum ache_status store_merge(struct store *st, struct checkin *c,
                             enum store_merge_result *result,
                             struct ache_err *err);

/* A consistent copy of the diary at dest (mode 0600) through SQLite's
 * online backup API. An existing dest is replaced only when the copy is
 * complete (written to a temporary name, then renamed). */
enum ache_status store_backup(struct store *st, const char *dest,
                              struct ache_err *err);

#endif
