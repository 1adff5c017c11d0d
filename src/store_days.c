/* store_days: day summaries and daily means straight from the diary, for
 * charts (stats computes them from the check-ins read here).
 *
 * A chart of ten years reads thousands of rows, so the query asks only for
 * the date and the fields charted, and from the index checkin_values,
 * which holds them all: a few pages instead of every page of the table,
 * notes and all. Rows come in date order, though neither reader needs it.
 */
#include "store_impl.h"

#include "ache/checkin.h"
#include "ache/date.h"

/* The query of `what`: the date, then each field of what in enum order,
 * then the regions if asked. Only ache's own column names go in. */
static void days_query(unsigned what, struct strbuf *sql)
{
    strbuf_append(sql, "SELECT date");
    for (int f = 0; f < CF_COUNT; f++)
        if (what & STORE_DAYS_FIELD(f))
            strbuf_printf(sql, ", %s", store_value_columns[f]);
    if (what & STORE_DAYS_REGIONS)
        strbuf_append(sql, ", regions");
    strbuf_append(sql, " FROM checkin INDEXED BY checkin_values"
                       " WHERE date >= ?1 AND date <= ?2");
}

static enum ache_status bad_date(struct store *st, const char *date,
                                 struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_DB,
                     "%s: a check-in has a bad date ('%s'): restore a backup",
                     st->path, date ? date : "");
}

/* The query of `what` over from..to, ready to step. */
static enum ache_status prepare_days(struct store *st, ache_day from,
                                     ache_day to, unsigned what,
                                     sqlite3_stmt **out, struct ache_err *err)
{
    struct strbuf sql = {0};
    days_query(what, &sql);
    int rc = sqlite3_prepare_v2(st->db, strbuf_str(&sql), -1, out, NULL);
    strbuf_free(&sql);
    if (rc != SQLITE_OK)
        return store_db_fail(st, rc, err, "preparing a query");
    char lo[DATE_BUF], hi[DATE_BUF];
    store_range_bounds(from, to, lo, hi);
    sqlite3_bind_text(*out, 1, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*out, 2, hi, -1, SQLITE_TRANSIENT);
    return ACHE_OK;
}

/* Reads the current row into c, which holds the values of rows before:
 * each row sets the date and every field of `what`, and the rest stay
 * absent. */
static enum ache_status read_values(struct store *st, sqlite3_stmt *s,
                                    unsigned what, struct date_reader *dates,
                                    struct checkin *c, struct ache_err *err)
{
    const char *date = (const char *)sqlite3_column_text(s, 0);
    if (!date || !date_read_iso(dates, date, &c->date))
        return bad_date(st, date, err);
    int col = 1;
    for (int f = 0; f < CF_COUNT; f++)
        if (what & STORE_DAYS_FIELD(f))
            c->value[f] = store_read_value(s, col++, (enum checkin_field)f);
    if (what & STORE_DAYS_REGIONS)
        c->regions = (region_set)sqlite3_column_int64(s, col) & REGION_ALL;
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
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare_days(st, from, to, what, &s, err);
    if (status)
        return status;
    int rc = SQLITE_DONE;
    struct checkin c;
    checkin_init(&c, 0);
    struct date_reader dates = {.days = 0}; /* rows come in date order */
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW)
        if (!(status = read_values(st, s, what, &dates, &c, err)))
            add(ctx, &c);
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading check-ins");
    sqlite3_finalize(s);
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
