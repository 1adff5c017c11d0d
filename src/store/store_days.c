/* store_days: day summaries and daily means straight from the diary, for
 * charts (stats computes them from the check-ins read here).
 *
 * A chart of ten years reads thousands of rows, so the query asks only for
 * the date and the fields charted, and from the index checkin_values,
 * which holds them all: a few pages instead of every page of the table,
 * notes and all. Rows come in date order, though neither reader needs it.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"
#include "ache/stats.h"
#include "ache/store.h"
#include "ache/util.h"

/* The query of `what`: the date, then each field of what in enum order,
 * then the regions if asked. Only ache's own column names go in. Rows
 * come in date order from the index, which holds them all (no sorting),
 * and the reader stops at the end of the range itself: an upper bound in
 * SQL costs a comparison of records for every row of a ten-year chart. */
static void days_query(unsigned what, struct strbuf *sql)
{
    strbuf_append(sql, "SELECT date");
    for (int f = 0; f < CF_COUNT; f++)
        if (what & STORE_DAYS_FIELD(f))
            strbuf_printf(sql, ", %s", checkin_field_info(f)->name);
    if (what & STORE_DAYS_REGIONS)
        strbuf_append(sql, ", regions");
    strbuf_append(sql, " FROM checkin INDEXED BY checkin_values"
                       " WHERE date >= ?1 ORDER BY date");
}

static enum ache_status bad_date(struct store *st, const char *date,
                                 struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_DB,
                     "%s: a check-in has a bad date ('%s'): restore a backup",
                     st->path, date ? date : "");
}

/* A walk over the rows of a range: the statement, the last date of the
 * range as stored text, and the columns of the fields asked for. */
struct days_walk {
    struct store *st;
    sqlite3_stmt *s;
    char hi[DATE_BUF];
    ache_day to;
    int nfields;
    enum checkin_field fields[CF_COUNT];
    bool regions;
    struct date_reader dates;
};

/* The query of `what` from `from` on, ready to step. */
static enum ache_status prepare_days(struct days_walk *w, ache_day from,
                                     ache_day to, unsigned what,
                                     struct ache_err *err)
{
    struct strbuf sql = {0};
    days_query(what, &sql);
    int rc = sqlite3_prepare_v2(w->st->db, strbuf_str(&sql), -1, &w->s, NULL);
    strbuf_free(&sql);
    if (rc != SQLITE_OK)
        return store_db_fail(w->st, rc, err, "preparing a query");
    char lo[DATE_BUF];
    store_range_bounds(from, to, lo, w->hi);
    w->to = to;
    sqlite3_bind_text(w->s, 1, lo, -1, SQLITE_TRANSIENT);
    for (int f = 0; f < CF_COUNT; f++)
        if (what & STORE_DAYS_FIELD(f))
            w->fields[w->nfields++] = (enum checkin_field)f;
    w->regions = what & STORE_DAYS_REGIONS;
    return ACHE_OK;
}

/* Reads the current row into c, which holds the values of rows before:
 * each row sets the date and every field asked for, and the rest stay
 * absent. *past is set, and c left alone, at the first row after the
 * range. */
static enum ache_status read_values(struct days_walk *w, struct checkin *c,
                                    bool *past, struct ache_err *err)
{
    const char *date = (const char *)sqlite3_column_text(w->s, 0);
    ache_day day;
    if (!date || !date_read_iso(&w->dates, date, &day)) {
        /* a bad date past the range is not this walk's to report */
        *past = date && strcmp(date, w->hi) > 0;
        return *past ? ACHE_OK : bad_date(w->st, date, err);
    }
    if ((*past = day > w->to))
        return ACHE_OK;
    c->date = day;
    for (int k = 0; k < w->nfields; k++)
        c->value[w->fields[k]] = store_read_value(w->s, k + 1, w->fields[k]);
    if (w->regions)
        c->regions = (region_set)sqlite3_column_int64(w->s, w->nfields + 1) &
                     REGION_ALL;
    return ACHE_OK;
}

/* Hands each check-in of from..to, with the fields of `what` alone, to
 * add(ctx, c). */
static enum ache_status walk_values(struct store *st, ache_day from,
                                    ache_day to, unsigned what,
                                    void (*add)(void *, const struct checkin *),
                                    void *ctx, struct ache_err *err)
{
    if (from > to)
        return ACHE_OK;
    struct days_walk w = {.st = st};
    enum ache_status status = prepare_days(&w, from, to, what, err);
    if (status)
        return status;
    int rc = SQLITE_DONE;
    struct checkin c;
    checkin_init(&c, 0);
    bool past = false; /* the rest come later still */
    while (!status && !past && (rc = sqlite3_step(w.s)) == SQLITE_ROW)
        if (!(status = read_values(&w, &c, &past, err)) && !past)
            add(ctx, &c);
    if (!status && rc != SQLITE_DONE && rc != SQLITE_ROW)
        status = store_db_fail(st, rc, err, "reading check-ins");
    sqlite3_finalize(w.s);
    return status;
}

static void add_to_days(void *build, const struct checkin *c)
{
    stats_days_add(build, c);
}

enum ache_status store_read_days(struct store *st, ache_day from, ache_day to,
                                 unsigned what, struct day_summary *out,
                                 struct ache_err *err)
{
    struct stats_days_build build;
    stats_days_begin(&build, from, to, out);
    enum ache_status status =
        walk_values(st, from, to, what, add_to_days, &build, err);
    stats_days_end(&build);
    return status;
}

static void add_to_means(void *build, const struct checkin *c)
{
    stats_means_add(build, c);
}

enum ache_status store_read_means(struct store *st, ache_day from,
                                  ache_day to, const enum checkin_field *fields,
                                  int n, double **means, struct ache_err *err)
{
    if (n < 1 || n > CF_COUNT)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "daily means of %d fields asked for (1 to %d)", n,
                         CF_COUNT);
    unsigned what = 0;
    for (int k = 0; k < n; k++)
        what |= STORE_DAYS_FIELD(fields[k]);
    struct stats_means_build build;
    stats_means_begin(&build, from, to, fields, n, means);
    enum ache_status status =
        walk_values(st, from, to, what, add_to_means, &build, err);
    stats_means_end(&build);
    return status;
}
