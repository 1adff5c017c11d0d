/* store_checkin: check-ins in and out of the diary: add, update, remove,
 * merge, get, id prefixes, ranges and counts.
 *
 * A check-in's date is stored as TEXT 'YYYY-MM-DD' (so that SQLite's date
 * functions and people reading the file agree with ache), its time as
 * 'HH:MM' or NULL, ratings as INTEGER and sleep hours as REAL hours; an
 * absent value is NULL.
 */
#include "store_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"

/* Columns of store_sql's CHECKIN_COLUMNS and parameters of SS_INSERT and
 * SS_UPDATE (parameters count from 1, columns from 0). */
enum {
    COL_ID,
    COL_DATE,
    COL_TIME,
    COL_VALUE0, /* CF_COUNT columns in enum checkin_field order */
    COL_REGIONS = COL_VALUE0 + CF_COUNT,
    COL_NOTE,
    COL_CREATED,
    COL_UPDATED,
    COL_TAGS
};

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

/* Texts the binding of a row points at (SQLITE_STATIC: SQLite reads them
 * while the statement runs, and store_stmt_done drops them after). */
struct row_texts {
    char date[DATE_BUF], time[TIME_BUF];
};

static void bind_row(sqlite3_stmt *s, const struct checkin *c,
                     struct row_texts *t)
{
    sqlite3_bind_text(s, COL_ID + 1, c->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, COL_DATE + 1, date_format(c->date, t->date), -1,
                      SQLITE_STATIC);
    if (c->minute == CHECKIN_TIME_ABSENT)
        sqlite3_bind_null(s, COL_TIME + 1);
    else
        sqlite3_bind_text(s, COL_TIME + 1, time_format(c->minute, t->time),
                          -1, SQLITE_STATIC);
    for (int f = 0; f < CF_COUNT; f++)
        bind_value(s, COL_VALUE0 + f + 1, (enum checkin_field)f, c->value[f]);
    sqlite3_bind_int64(s, COL_REGIONS + 1, c->regions);
    /* An empty note is no note (as checkin_set_note has it). */
    if (c->note && *c->note)
        sqlite3_bind_text(s, COL_NOTE + 1, c->note, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, COL_NOTE + 1);
    sqlite3_bind_int64(s, COL_CREATED + 1, c->created_at);
    sqlite3_bind_int64(s, COL_UPDATED + 1, c->updated_at);
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

static void read_tags(struct checkin *c, const char *joined)
{
    if (!joined)
        return;
    char *names = xstrdup(joined), *save = NULL;
    for (char *t = strtok_r(names, ",", &save); t;
         t = strtok_r(NULL, ",", &save))
        checkin_add_tag(c, t);
    free(names);
}

/* Reads the current row of a CHECKIN_COLUMNS query into c (initialised
 * here). The CHECK constraints keep bad rows out; should one be there all
 * the same (a file edited by hand), it is reported, not guessed at. */
static enum ache_status read_row(struct store *st, sqlite3_stmt *s,
                                 struct checkin *c, struct ache_err *err)
{
    checkin_init(c, 0);
    const char *id = column_text(s, COL_ID);
    const char *date = column_text(s, COL_DATE);
    const char *time = column_text(s, COL_TIME);
    snprintf(c->id, sizeof c->id, "%s", id ? id : "");
    if (!date || !date_parse_iso(date, &c->date) ||
        (time && !time_parse(time, &c->minute)))
        return ache_fail(err, ACHE_ERR_DB,
                         "%s: check-in '%s' has a bad date or time: restore "
                         "a backup",
                         st->path, c->id);
    for (int f = 0; f < CF_COUNT; f++)
        c->value[f] =
            store_read_value(s, COL_VALUE0 + f, (enum checkin_field)f);
    c->regions = (region_set)sqlite3_column_int64(s, COL_REGIONS) & REGION_ALL;
    checkin_set_note(c, column_text(s, COL_NOTE));
    c->created_at = sqlite3_column_int64(s, COL_CREATED);
    c->updated_at = sqlite3_column_int64(s, COL_UPDATED);
    read_tags(c, column_text(s, COL_TAGS));
    return ACHE_OK;
}

static enum ache_status no_such_id(const char *id, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_NOT_FOUND, "no check-in with id '%s'", id);
}

/* Gives row a new id when it has none and now for a missing timestamp
 * (created_at never later than a given updated_at). */
static enum ache_status fill_identity(struct checkin *row, int64_t now,
                                      struct ache_err *err)
{
    if (!row->id[0])
        checkin_new_id(row->id);
    else if (!checkin_id_valid(row->id))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "id: '%s' is not a check-in id (32 hex digits, "
                         "lowercase)",
                         row->id);
    if (!row->created_at)
        row->created_at = row->updated_at && row->updated_at < now
                              ? row->updated_at
                              : now;
    if (!row->updated_at)
        row->updated_at = now;
    return ACHE_OK;
}

/* What the diary holds of a check-in found by its id. */
struct stored {
    int64_t created_at, updated_at;
    sqlite3_int64 n; /* the row's key, which its tag links name */
};

/* Inserts row (SS_INSERT) or updates the row keyed n (SS_UPDATE), then
 * links its tags. */
static enum ache_status write_row(struct store *st, enum store_stmt which,
                                  const struct checkin *row, sqlite3_int64 n,
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, which, &s, err);
    if (status)
        return status;
    struct row_texts texts;
    bind_row(s, row, &texts);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "a check-in with id '%s' is already in the diary",
                           row->id);
    else if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "storing a check-in");
    store_stmt_done(s);
    if (which == SS_INSERT)
        n = sqlite3_last_insert_rowid(st->db);
    if (!status)
        status = store_link_tags(st, n, row, err);
    return status;
}

/* What is stored of id; *found false when there is no such row. */
static enum ache_status read_stored(struct store *st, const char *id,
                                    bool *found, struct stored *out,
                                    struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_STAMPS, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found) {
        out->created_at = sqlite3_column_int64(s, 0);
        out->updated_at = sqlite3_column_int64(s, 1);
        out->n = sqlite3_column_int64(s, 2);
    } else if (rc != SQLITE_DONE) {
        status = store_db_fail(st, rc, err, "reading a check-in");
    }
    store_stmt_done(s);
    return status;
}

static void keep_identity(struct checkin *c, const struct checkin *row)
{
    memcpy(c->id, row->id, sizeof c->id);
    c->created_at = row->created_at;
    c->updated_at = row->updated_at;
}

/* ---- changes ---------------------------------------------------------------- */

enum ache_status store_add(struct store *st, struct checkin *c,
                           struct ache_err *err)
{
    /* row shares c's tags and note; only its id and stamps are its own,
     * so c is left as it was when the add fails. */
    struct checkin row = *c;
    enum ache_status status = checkin_validate(c, err);
    if (!status)
        status = fill_identity(&row, stamp_now(), err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    status = write_row(st, SS_INSERT, &row, 0, err);
    status = store_write_end(st, status, err);
    if (!status)
        keep_identity(c, &row);
    return status;
}

static enum ache_status replace_row(struct store *st,
                                    const struct checkin *row,
                                    sqlite3_int64 n, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_UNLINK_ALL, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, n);
    int rc = sqlite3_step(s);
    store_stmt_done(s);
    if (rc != SQLITE_DONE)
        return store_db_fail(st, rc, err, "updating a check-in's tags");
    return write_row(st, SS_UPDATE, row, n, err);
}

enum ache_status store_update(struct store *st, struct checkin *c,
                              struct ache_err *err)
{
    enum ache_status status = checkin_validate(c, err);
    if (status)
        return status;
    if (!checkin_id_valid(c->id))
        return no_such_id(c->id, err);
    if ((status = store_write_begin(st, err)))
        return status;
    struct checkin row = *c;
    bool found = false;
    struct stored was = {0, 0, 0};
    status = read_stored(st, c->id, &found, &was, err);
    if (!status && !found)
        status = no_such_id(c->id, err);
    if (!status) {
        /* Strictly later than the stored stamp, even within one
         * millisecond or after the clock went back: a merge takes the newer
         * record by this stamp. */
        int64_t now = stamp_now();
        row.created_at = was.created_at;
        row.updated_at = now > was.updated_at ? now : was.updated_at + 1;
        status = replace_row(st, &row, was.n, err);
    }
    status = store_write_end(st, status, err);
    if (!status)
        keep_identity(c, &row);
    return status;
}

enum ache_status store_merge(struct store *st, struct checkin *c,
                             enum store_merge_result *result,
                             struct ache_err *err)
{
    struct checkin row = *c;
    enum ache_status status = checkin_validate(c, err);
    if (!status)
        status = fill_identity(&row, stamp_now(), err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    bool found = false;
    struct stored was = {0, 0, 0};
    status = read_stored(st, row.id, &found, &was, err);
    enum store_merge_result what =
        !found                          ? STORE_ADDED
        : row.updated_at > was.updated_at ? STORE_UPDATED
                                          : STORE_UNCHANGED;
    if (!status && what == STORE_ADDED)
        status = write_row(st, SS_INSERT, &row, 0, err);
    else if (!status && what == STORE_UPDATED)
        status = replace_row(st, &row, was.n, err);
    status = store_write_end(st, status, err);
    if (status)
        return status;
    if (what != STORE_UNCHANGED)
        keep_identity(c, &row);
    if (result)
        *result = what;
    return ACHE_OK;
}

enum ache_status store_remove(struct store *st, const char *id,
                              struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    status = store_stmt(st, SS_DELETE, &s, err);
    if (!status) {
        sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(s);
        if (rc != SQLITE_DONE)
            status = store_db_fail(st, rc, err, "removing a check-in");
        else if (sqlite3_changes(st->db) == 0)
            status = no_such_id(id, err);
        store_stmt_done(s);
    }
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
        status = read_row(st, s, out, err);
    } else if (rc == SQLITE_DONE) {
        status = no_such_id(id, err);
    } else {
        status = store_db_fail(st, rc, err, "reading a check-in");
    }
    store_stmt_done(s);
    return status;
}

enum ache_status store_resolve_id(struct store *st, const char *prefix,
                                  char out[CHECKIN_ID_LEN + 1],
                                  struct ache_err *err)
{
    /* Ids are shown in lowercase; a prefix typed in capitals is the same
     * id. */
    char low[CHECKIN_ID_LEN + 1] = "";
    size_t n = strlen(prefix);
    for (size_t i = 0; i < n && i < CHECKIN_ID_LEN; i++)
        low[i] = (prefix[i] >= 'A' && prefix[i] <= 'F')
                     ? (char)(prefix[i] - 'A' + 'a')
                     : prefix[i];
    if (n > CHECKIN_ID_LEN || !checkin_id_prefix_valid(low))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is not a check-in id (6 to 32 hex digits)",
                         prefix);
    char above[CHECKIN_ID_LEN + 2];
    snprintf(above, sizeof above, "%sg", low);
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_PREFIX, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, low, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, above, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    long count = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    if (rc != SQLITE_ROW)
        status = store_db_fail(st, rc, err, "looking up a check-in id");
    else if (count == 0)
        status = no_such_id(prefix, err);
    else if (count > 1)
        status = ache_fail(err, ACHE_ERR_AMBIGUOUS,
                           "id '%s' matches %ld check-ins: give more digits",
                           prefix, count);
    else
        snprintf(out, CHECKIN_ID_LEN + 1, "%s", column_text(s, 1));
    store_stmt_done(s);
    return status;
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
        status = read_row(st, s, &c, err);
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
    int rc = sqlite3_prepare_v2(st->db, store_sql[query], -1, &s, NULL);
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
