/* store_checkin: check-ins in and out of the diary: add, update, remove,
 * merge, get, id prefixes, ranges and counts.
 *
 * A check-in's date is stored as TEXT 'YYYY-MM-DD' (so that SQLite's date
 * functions and people reading the file agree with ache), its time as
 * 'HH:MM' or NULL, ratings as INTEGER and sleep hours as REAL hours; an
 * absent value is NULL.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"
#include "ache/store.h"
#include "ache/util.h"

/* ---- rows ----------------------------------------------------------------- */

static void bind_value(sqlite3_stmt *s, int param, enum checkin_field f,
                       int steps)
{
    int per_unit = checkin_field_info(f)->steps_per_unit;
    if (steps == CHECKIN_ABSENT)
        sqlite3_bind_null(s, param);
    else if (per_unit == 1)
        sqlite3_bind_int(s, param, steps);
    else
        sqlite3_bind_double(s, param, (double)steps / per_unit);
}


static void bind_stamp(sqlite3_stmt *s, int param, int64_t ms)
{
    if (ms) /* 0: not known */
        sqlite3_bind_int64(s, param, ms);
    else
        sqlite3_bind_null(s, param);
}

/* The texts bound point into t (SQLITE_STATIC: SQLite reads them while
 * the statement runs, and store_stmt_done drops them after). */
void store_bind_parts(sqlite3_stmt *s, const struct checkin *c,
                      unsigned parts, struct store_texts *t)
{
    sqlite3_bind_text(s, STORE_COL_ID + 1, c->id, -1, SQLITE_STATIC);
    if (parts & CHECKIN_PART(CP_DATE))
        sqlite3_bind_text(s, STORE_COL_DATE + 1, date_format(c->date, t->date),
                          -1, SQLITE_STATIC);
    if ((parts & CHECKIN_PART(CP_TIME)) && c->minute != CHECKIN_TIME_ABSENT)
        sqlite3_bind_text(s, STORE_COL_TIME + 1,
                          time_format(c->minute, t->time), -1, SQLITE_STATIC);
    for (int f = 0; f < CF_COUNT; f++)
        if (parts & CHECKIN_PART_VALUE(f))
            bind_value(s, STORE_COL_VALUE0 + f + 1, (enum checkin_field)f,
                       c->value[f]);
    if (parts & CHECKIN_PART(CP_REGIONS))
        sqlite3_bind_int64(s, STORE_COL_REGIONS + 1, c->regions);
    /* An empty note is no note (as checkin_set_note has it). */
    if ((parts & CHECKIN_PART(CP_NOTE)) && c->note && *c->note)
        sqlite3_bind_text(s, STORE_COL_NOTE + 1, c->note, -1, SQLITE_STATIC);
    bind_stamp(s, STORE_COL_CREATED + 1, c->created_at);
    sqlite3_bind_int64(s, STORE_COL_UPDATED + 1, c->updated_at);
    sqlite3_bind_int64(s, STORE_COL_REV + 1, c->rev);
}

static const char *column_text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

int store_read_value(sqlite3_stmt *s, int col, enum checkin_field f)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return CHECKIN_ABSENT;
    int per_unit = checkin_field_info(f)->steps_per_unit;
    if (per_unit == 1)
        return sqlite3_column_int(s, col);
    /* Rounded to the nearest step; the schema keeps values at 0 or above. */
    return (int)(sqlite3_column_double(s, col) * per_unit + 0.5);
}

/* The CHECK constraints keep bad rows out; should one be there all the
 * same (a file edited by hand), it is reported, not guessed at. An earlier
 * version may lack its date (a part it did not keep). */
enum ache_status store_read_row(struct store *st, sqlite3_stmt *s,
                                struct checkin *c, struct ache_err *err)
{
    checkin_init(c, 0);
    const char *id = column_text(s, STORE_COL_ID);
    const char *date = column_text(s, STORE_COL_DATE);
    const char *time = column_text(s, STORE_COL_TIME);
    snprintf(c->id, sizeof c->id, "%s", id ? id : "");
    if ((date && !date_parse_iso(date, &c->date)) ||
        (time && !time_parse(time, &c->minute)))
        return ache_fail(err, ACHE_ERR_DB,
                         "%s: check-in '%s' has a bad date or time: restore "
                         "a backup",
                         st->path, c->id);
    for (int f = 0; f < CF_COUNT; f++)
        c->value[f] =
            store_read_value(s, STORE_COL_VALUE0 + f, (enum checkin_field)f);
    c->regions =
        (region_set)sqlite3_column_int64(s, STORE_COL_REGIONS) & REGION_ALL;
    checkin_set_note(c, column_text(s, STORE_COL_NOTE));
    c->created_at = sqlite3_column_int64(s, STORE_COL_CREATED);
    c->updated_at = sqlite3_column_int64(s, STORE_COL_UPDATED);
    c->rev = sqlite3_column_int64(s, STORE_COL_REV);
    const char *tags = column_text(s, STORE_COL_TAGS);
    if (tags)
        checkin_set_tags_joined(c, tags, ',');
    checkin_set_own_joined(c, column_text(s, STORE_COL_OWN));
    return ACHE_OK;
}

static enum ache_status no_such_id(const char *id, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_NOT_FOUND, "no check-in with id '%s'", id);
}

/* Gives row a new id when it has none, and now for a missing updated_at;
 * a new check-in (`made_now`) also for a missing created_at, which an
 * imported one leaves unknown. */
static enum ache_status fill_identity(struct checkin *row, int64_t now,
                                      bool made_now, struct ache_err *err)
{
    if (!row->id[0])
        checkin_new_id(row->id);
    else if (!checkin_id_valid(row->id))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "id: '%s' is not a check-in id (32 hex digits, "
                         "lowercase)",
                         row->id);
    if (!row->created_at && made_now)
        row->created_at = row->updated_at && row->updated_at < now
                              ? row->updated_at
                              : now;
    if (!row->updated_at)
        row->updated_at = now;
    row->rev = 1;
    return ACHE_OK;
}

/* Stores row's own values under the check-in keyed n (which holds none). */
static enum ache_status put_own(struct store *st, sqlite3_int64 n,
                                const struct checkin *row,
                                struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    for (size_t i = 0; !status && i < row->nown; i++) {
        sqlite3_stmt *s = NULL;
        if ((status = store_stmt(st, SS_OWN_PUT, &s, err)))
            break;
        sqlite3_bind_int64(s, 1, n);
        sqlite3_bind_int(s, 2, row->own[i].key);
        sqlite3_bind_int(s, 3, row->own[i].steps);
        int rc = sqlite3_step(s);
        store_stmt_done(s);
        if (rc != SQLITE_DONE)
            status = store_db_fail(st, rc, err, "storing a value");
    }
    return status;
}

/* Inserts row (SS_INSERT) or updates the row keyed n (SS_UPDATE, its tags
 * and own values taken away first), then links its tags and stores its
 * own values. */
static enum ache_status write_row(struct store *st, enum store_stmt which,
                                  const struct checkin *row, int64_t change,
                                  sqlite3_int64 *n, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, which, &s, err);
    if (status)
        return status;
    struct store_texts texts;
    store_bind_parts(s, row, CHECKIN_ALL_PARTS, &texts);
    bind_stamp(s, STORE_COL_CHANGE + 1, change);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "a check-in with id '%s' is already in the diary",
                           row->id);
    else if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "storing a check-in");
    store_stmt_done(s);
    if (which == SS_INSERT)
        *n = sqlite3_last_insert_rowid(st->db);
    if (!status)
        status = store_link_tags(st, *n, row, err);
    if (!status)
        status = put_own(st, *n, row, err);
    return status;
}

enum ache_status store_insert_row(struct store *st, const struct checkin *row,
                                  int64_t change, sqlite3_int64 *n,
                                  struct ache_err *err)
{
    return write_row(st, SS_INSERT, row, change, n, err);
}

/* Runs a statement of one integer parameter that returns no rows. */
static enum ache_status run_with_key(struct store *st, enum store_stmt id,
                                     sqlite3_int64 key, const char *doing,
                                     struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, id, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, key);
    int rc = sqlite3_step(s);
    store_stmt_done(s);
    return rc == SQLITE_DONE ? ACHE_OK : store_db_fail(st, rc, err, doing);
}

enum ache_status store_read_current(struct store *st, const char *id,
                                    bool *found, struct store_current *cur,
                                    struct ache_err *err)
{
    checkin_init(&cur->c, 0);
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_CURRENT, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found) {
        status = store_read_row(st, s, &cur->c, err);
        cur->n = sqlite3_column_int64(s, STORE_COL_N);
        cur->change = sqlite3_column_int64(s, STORE_COL_LAST_CHANGE);
    } else if (rc != SQLITE_DONE) {
        status = store_db_fail(st, rc, err, "reading a check-in");
    }
    store_stmt_done(s);
    return status;
}

int64_t store_stamp_after(int64_t than)
{
    /* Strictly later than the stored stamp, even within one millisecond
     * or after the clock went back. */
    int64_t now = stamp_now();
    return now > than ? now : than + 1;
}

/* Writes next (its stamps and revision set) over cur's row, keeping the
 * parts that differ as an earlier version. */
static enum ache_status write_over_row(struct store *st,
                                       const struct store_current *cur,
                                       const struct checkin *next,
                                       unsigned parts, int64_t change,
                                       struct ache_err *err)
{
    enum ache_status status =
        store_keep_version(st, cur, parts, change, err);
    if (!status)
        status = run_with_key(st, SS_UNLINK_ALL, cur->n,
                              "updating a check-in's tags", err);
    if (!status && (cur->c.nown || next->nown))
        status = run_with_key(st, SS_OWN_CLEAR, cur->n,
                              "updating a check-in's values", err);
    sqlite3_int64 n = cur->n;
    if (!status)
        status = write_row(st, SS_UPDATE, next, change, &n, err);
    return status;
}

enum ache_status store_write_over(struct store *st,
                                  const struct store_current *cur,
                                  struct checkin *next, int64_t stamp,
                                  int64_t change, struct ache_err *err)
{
    unsigned parts = checkin_diff(&cur->c, next);
    memcpy(next->id, cur->c.id, sizeof next->id);
    next->created_at = cur->c.created_at;
    if (!parts) {
        /* Nothing to write. Writing all the same would mark the row as
         * the change's own with no version kept, which is how a check-in
         * the change created looks: its undo would remove it. */
        next->updated_at = cur->c.updated_at;
        next->rev = cur->c.rev;
        return ACHE_OK;
    }
    next->updated_at = stamp > cur->c.updated_at
                           ? stamp
                           : store_stamp_after(cur->c.updated_at);
    next->rev = cur->c.rev + 1;
    return write_over_row(st, cur, next, parts, change, err);
}

/* The same content under other stamps: no part to keep as a version,
 * and the row stays the change's that wrote its content (an undo of the
 * sync must not take it for a check-in the sync made). */
static enum ache_status restamp(struct store *st, sqlite3_int64 n,
                                const struct checkin *next,
                                struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st,
        "UPDATE checkin SET created_at = ?2, updated_at = ?3, rev = ?4"
        " WHERE n = ?1",
        &s, "restamping a check-in", err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, n);
    if (next->created_at)
        sqlite3_bind_int64(s, 2, next->created_at);
    sqlite3_bind_int64(s, 3, next->updated_at);
    sqlite3_bind_int64(s, 4, next->rev);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err,
                                             "restamping a check-in");
}

enum ache_status store_write_exact(struct store *st,
                                   const struct store_current *cur,
                                   struct checkin *next, int64_t change,
                                   struct ache_err *err)
{
    unsigned parts = checkin_diff(&cur->c, next);
    if (!parts && next->updated_at == cur->c.updated_at &&
        next->created_at == cur->c.created_at) {
        next->rev = cur->c.rev;
        return ACHE_OK;
    }
    next->rev = cur->c.rev + 1;
    return parts ? write_over_row(st, cur, next, parts, change, err)
                 : restamp(st, cur->n, next, err);
}

enum ache_status store_write_removal(struct store *st,
                                     const struct store_current *cur,
                                     int64_t change, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_keep_version(
        st, cur, CHECKIN_ALL_PARTS | STORE_PART_REMOVED, change, err);
    if (!status)
        status = store_stmt(st, SS_TOMB_INSERT, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, cur->c.id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, store_stamp_after(cur->c.updated_at));
    sqlite3_bind_int64(s, 3, change);
    int rc = sqlite3_step(s);
    store_stmt_done(s);
    if (rc != SQLITE_DONE)
        return store_db_fail(st, rc, err, "keeping a removed check-in");
    return run_with_key(st, SS_DELETE, cur->n, "removing a check-in", err);
}

/* ---- changes ---------------------------------------------------------------- */

/* The change a write of `source` to check-in id belongs to when the
 * caller names none. */
static struct store_change *own_change(struct store_change *ch,
                                       struct store_change *own,
                                       enum store_source source,
                                       const char *id)
{
    *own = (struct store_change){.source = source, .detail = id};
    return ch ? ch : own;
}

/* Ends a write begun with store_write_begin; the change it joined or
 * began is ch's once the write is committed. */
static enum ache_status end_write(struct store *st, enum ache_status status,
                                  struct store_change *ch, int64_t change,
                                  struct ache_err *err)
{
    status = store_write_end(st, status, err);
    if (!status)
        store_change_joined(st, ch, change);
    return status;
}

/* Refused with the right message when the diary lacks id. */
static enum ache_status missing(struct store *st, const char *id,
                                struct ache_err *err)
{
    bool removed = false;
    struct store_tombstone t;
    enum ache_status status = store_read_tombstone(st, id, &removed, &t, err);
    if (status)
        return status;
    return removed ? store_gone(id, &t, err) : no_such_id(id, err);
}

static enum ache_status changed_since(const char *id, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_CONFLICT,
                     "check-in %.8s was changed elsewhere since it was read",
                     id);
}

/* Reads id inside a write and checks it is still at revision rev. */
static enum ache_status read_unchanged(struct store *st, const char *id,
                                       int64_t rev, struct store_current *cur,
                                       struct ache_err *err)
{
    checkin_init(&cur->c, 0);
    if (!checkin_id_valid(id))
        return no_such_id(id, err);
    bool found = false;
    enum ache_status status = store_read_current(st, id, &found, cur, err);
    if (!status && !found)
        status = missing(st, id, err);
    if (!status && cur->c.rev != rev)
        status = changed_since(id, err);
    return status;
}

enum ache_status store_add(struct store *st, struct checkin *c,
                           struct store_change *ch, struct ache_err *err)
{
    struct store_change own;
    ch = own_change(ch, &own, STORE_BY_ADD, NULL);
    /* row shares c's tags and note; only its id and stamps are its own,
     * so c is left as it was when the add fails. */
    struct checkin row = *c;
    enum ache_status status = checkin_validate(c, err);
    if (!status)
        status = checkin_check_tag_count(c, NULL, err);
    if (!status)
        status = fill_identity(&row, stamp_now(), true, err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    /* a change begun by this add is named by the new check-in */
    struct store_change named = *ch;
    if (!named.detail)
        named.detail = row.id;
    bool removed = false;
    struct store_tombstone t;
    int64_t change = 0;
    sqlite3_int64 n = 0;
    status = store_read_tombstone(st, row.id, &removed, &t, err);
    if (!status && removed)
        status = store_gone(row.id, &t, err);
    if (!status)
        status = store_take_change(st, &named, false, &change, err);
    if (!status)
        status = store_insert_row(st, &row, change, &n, err);
    status = end_write(st, status, ch, change, err);
    if (!status) {
        memcpy(c->id, row.id, sizeof c->id);
        c->created_at = row.created_at;
        c->updated_at = row.updated_at;
        c->rev = row.rev;
    }
    return status;
}

/* Gives c what the write gave next: its stamps and revision. */
static void keep_stamps(struct checkin *c, const struct checkin *next)
{
    c->created_at = next->created_at;
    c->updated_at = next->updated_at;
    c->rev = next->rev;
}

enum ache_status store_update(struct store *st, struct checkin *c,
                              struct store_change *ch, struct ache_err *err)
{
    struct store_change own;
    ch = own_change(ch, &own, STORE_BY_EDIT, c->id);
    enum ache_status status = checkin_validate(c, err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    struct store_current cur;
    int64_t change = 0;
    struct checkin next = *c; /* shares c's tags and note */
    status = read_unchanged(st, c->id, c->rev, &cur, err);
    /* against the stored version: one with more tags than a check-in may
     * now hold can still be changed, as long as it gains none */
    if (!status)
        status = checkin_check_tag_count(c, &cur.c, err);
    bool same = !status && checkin_diff(&cur.c, c) == 0;
    if (!status && !same)
        status = store_take_change(st, ch, false, &change, err);
    if (!status && !same)
        status = store_write_over(st, &cur, &next, 0, change, err);
    status = end_write(st, status, ch, change, err);
    if (!status)
        keep_stamps(c, same ? &cur.c : &next);
    checkin_free(&cur.c);
    return status;
}

enum ache_status store_remove(struct store *st, const struct checkin *c,
                              struct store_change *ch, struct ache_err *err)
{
    struct store_change own;
    ch = own_change(ch, &own, STORE_BY_RM, c->id);
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    struct store_current cur;
    int64_t change = 0;
    status = read_unchanged(st, c->id, c->rev, &cur, err);
    if (!status)
        status = store_take_change(st, ch, true, &change, err);
    if (!status)
        status = store_write_removal(st, &cur, change, err);
    checkin_free(&cur.c);
    /* ch->n is left as it was: a removal is a change of its own, which
     * no later write given ch may join (its undo would bring the
     * check-in back with them). */
    return store_write_end(st, status, err);
}

/* ---- reading ------------------------------------------------------------------ */

enum ache_status store_get(struct store *st, const char *id,
                           struct checkin *out, struct ache_err *err)
{
    checkin_init(out, 0);
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_GET, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        status = store_read_row(st, s, out, err);
    } else if (rc == SQLITE_DONE) {
        status = no_such_id(id, err);
    } else {
        status = store_db_fail(st, rc, err, "reading a check-in");
    }
    store_stmt_done(s);
    return status;
}

/* How many ids of one table start with the prefix low (below `above`),
 * and the first of them. */
static enum ache_status count_prefix(struct store *st, enum store_stmt query,
                                     const char *low, const char *above,
                                     long *count, char first[CHECKIN_ID_LEN + 1],
                                     struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, query, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, low, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, above, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    *count = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    if (rc != SQLITE_ROW)
        status = store_db_fail(st, rc, err, "looking up a check-in id");
    else if (*count > 0)
        snprintf(first, CHECKIN_ID_LEN + 1, "%s", column_text(s, 1));
    store_stmt_done(s);
    return status;
}

/* Ids are shown in lowercase; a prefix typed in capitals is the same id. */
static bool lower_prefix(const char *prefix, char low[CHECKIN_ID_LEN + 1])
{
    size_t n = strlen(prefix);
    memset(low, 0, CHECKIN_ID_LEN + 1);
    for (size_t i = 0; i < n && i < CHECKIN_ID_LEN; i++)
        low[i] = (prefix[i] >= 'A' && prefix[i] <= 'F')
                     ? (char)(prefix[i] - 'A' + 'a')
                     : prefix[i];
    return n <= CHECKIN_ID_LEN && checkin_id_prefix_valid(low);
}

/* What the prefix matches where asked: *present and *removed count the
 * matches in the diary and among the removed check-ins. */
static enum ache_status match_prefix(struct store *st, const char *low,
                                     long count[2],
                                     char first[2][CHECKIN_ID_LEN + 1],
                                     struct ache_err *err)
{
    char above[CHECKIN_ID_LEN + 2];
    /* the prefix followed by 'g', just above every hex digit, so the
     * range walks the index */
    snprintf(above, sizeof above, "%sg", low);
    enum ache_status status =
        count_prefix(st, SS_PREFIX, low, above, &count[0], first[0], err);
    if (!status)
        status = count_prefix(st, SS_PREFIX_REMOVED, low, above, &count[1],
                              first[1], err);
    return status;
}

enum ache_status store_resolve_id(struct store *st, const char *prefix,
                                  enum store_ids where,
                                  char out[CHECKIN_ID_LEN + 1],
                                  struct ache_err *err)
{
    char low[CHECKIN_ID_LEN + 1], first[2][CHECKIN_ID_LEN + 1];
    long count[2] = {0, 0};
    if (!lower_prefix(prefix, low))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is not a check-in id (6 to 32 hex digits)",
                         prefix);
    enum ache_status status = match_prefix(st, low, count, first, err);
    if (status)
        return status;
    bool present = where != STORE_IDS_REMOVED, removed = where != STORE_IDS_PRESENT;
    long total = (present ? count[0] : 0) + (removed ? count[1] : 0);
    if (total > 1)
        return ache_fail(err, ACHE_ERR_AMBIGUOUS,
                         "id '%s' matches %ld check-ins: give more digits",
                         prefix, total);
    if (total == 1) {
        snprintf(out, CHECKIN_ID_LEN + 1, "%s",
                 present && count[0] ? first[0] : first[1]);
        return ACHE_OK;
    }
    if (where == STORE_IDS_PRESENT && count[1] == 1)
        return missing(st, first[1], err);
    if (where == STORE_IDS_REMOVED && count[0] == 1)
        return ache_fail(err, ACHE_ERR_NOT_FOUND,
                         "check-in %.8s is in the diary: it was not removed",
                         first[0]);
    return no_such_id(prefix, err);
}

void store_range_bounds(ache_day from, ache_day to, char lo[DATE_BUF],
                         char hi[DATE_BUF])
{
    ache_day first = date_from_ymd(DATE_MIN_YEAR, 1, 1);
    ache_day last = date_from_ymd(DATE_MAX_YEAR, 12, 31);
    date_format(from < first ? first : from > last ? last : from, lo);
    date_format(to > last ? last : to < first ? first : to, hi);
}

static enum ache_status walk(struct store *st, sqlite3_stmt *s,
                             store_checkin_fn fn, void *ctx,
                             struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct checkin c;
        status = store_read_row(st, s, &c, err);
        if (!status)
            status = fn(&c, ctx);
        checkin_free(&c);
    }
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading check-ins");
    return status;
}

static enum ache_status each_in_range(struct store *st, enum store_stmt query,
                                      ache_day from, ache_day to,
                                      store_checkin_fn fn, void *ctx,
                                      struct ache_err *err)
{
    if (from > to)
        return ACHE_OK;
    char lo[DATE_BUF], hi[DATE_BUF];
    store_range_bounds(from, to, lo, hi);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, store_sql(query), -1, &s, NULL);
    if (rc != SQLITE_OK)
        return store_db_fail(st, rc, err, "preparing a query");
    sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
    enum ache_status status = walk(st, s, fn, ctx, err);
    sqlite3_finalize(s);
    return status;
}

enum ache_status store_each_in_range(struct store *st, ache_day from,
                                     ache_day to, store_checkin_fn fn,
                                     void *ctx, struct ache_err *err)
{
    return each_in_range(st, SS_RANGE, from, to, fn, ctx, err);
}

static enum ache_status push_copy(const struct checkin *c, void *ctx)
{
    checkin_copy(checkin_list_push(ctx), c);
    return ACHE_OK;
}

static enum ache_status list_range(struct store *st, enum store_stmt query,
                                   ache_day from, ache_day to,
                                   struct checkin_list *out,
                                   struct ache_err *err)
{
    size_t before = out->n;
    enum ache_status status = each_in_range(st, query, from, to, push_copy,
                                            out, err);
    if (status) {
        /* Nothing half-read is left in the caller's list. */
        while (out->n > before)
            checkin_free(&out->items[--out->n]);
    }
    return status;
}

enum ache_status store_list_range(struct store *st, ache_day from, ache_day to,
                                  struct checkin_list *out,
                                  struct ache_err *err)
{
    return list_range(st, SS_RANGE, from, to, out, err);
}

enum ache_status store_count(struct store *st, long *count,
                             struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_COUNT, &s, err);
    if (status)
        return status;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *count = (long)sqlite3_column_int64(s, 0);
    else
        status = store_db_fail(st, rc, err, "counting check-ins");
    store_stmt_done(s);
    return status;
}

enum ache_status store_walk_once(struct store *st, bool once,
                                 struct ache_err *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %d",
             once ? -STORE_WALK_CACHE_KIB : -2000);
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK && !once)
        sqlite3_db_release_memory(st->db); /* the walk's pages, read once */
    return rc == SQLITE_OK ? ACHE_OK
                           : store_db_fail(st, rc, err, "sizing the page cache");
}

enum ache_status store_date_span(struct store *st, ache_day *first,
                                 ache_day *last, bool *empty,
                                 struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_SPAN, &s, err);
    if (status)
        return status;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        status = store_db_fail(st, rc, err, "reading the dates");
    } else {
        const char *lo = column_text(s, 0), *hi = column_text(s, 1);
        *empty = !lo || !hi;
        if (!*empty && (!date_parse_iso(lo, first) ||
                        !date_parse_iso(hi, last)))
            status = ache_fail(err, ACHE_ERR_DB,
                               "%s: a check-in has a bad date: restore a "
                               "backup",
                               st->path);
    }
    store_stmt_done(s);
    return status;
}
