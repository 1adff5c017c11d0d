/* store_days: day summaries and daily means straight from the diary, for
 * charts.
 *
 * A chart of ten years reads thousands of rows, so the query asks only for
 * the date and the fields charted, and from the index checkin_values,
 * which holds them all: a few pages instead of every page of the table,
 * notes and all. Rows come in date order, though neither reader needs it.
 */
#include "store_impl.h"

#include <stdlib.h>

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

/* Adds the current row to b. c holds the values of rows before: each row
 * sets the date and every field it reads, and the rest stay absent. */
static enum ache_status add_row(struct store *st, sqlite3_stmt *s,
                                unsigned what, struct checkin *c,
                                struct stats_days_build *b,
                                struct ache_err *err)
{
    const char *date = (const char *)sqlite3_column_text(s, 0);
    if (!date || !date_parse_iso(date, &c->date))
        return bad_date(st, date, err);
    int col = 1;
    for (int f = 0; f < CF_COUNT; f++)
        if (what & STORE_DAYS_FIELD(f))
            c->value[f] = store_read_value(s, col++, (enum checkin_field)f);
    if (what & STORE_DAYS_REGIONS)
        c->regions = (region_set)sqlite3_column_int64(s, col) & REGION_ALL;
    stats_days_add(b, c);
    return ACHE_OK;
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

static enum ache_status read_into(struct store *st, ache_day from,
                                  ache_day to, unsigned what,
                                  struct stats_days_build *b,
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare_days(st, from, to, what, &s, err);
    if (status)
        return status;
    int rc;
    struct checkin c;
    checkin_init(&c, 0);
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW)
        status = add_row(st, s, what, &c, b, err);
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading check-ins");
    sqlite3_finalize(s);
    return status;
}

enum ache_status store_read_days(struct store *st, ache_day from, ache_day to,
                                 unsigned what, struct day_summary *out,
                                 struct ache_err *err)
{
    struct stats_days_build build;
    stats_days_begin(&build, from, to, out);
    enum ache_status status =
        from <= to ? read_into(st, from, to, what, &build, err) : ACHE_OK;
    stats_days_end(&build);
    return status;
}

/* ---- daily means ---------------------------------------------------------- */

/* Sums and counts of the days from `first`, for n fields. */
struct means_build {
    ache_day first;
    size_t ndays;
    int n;
    const enum checkin_field *fields;
    int column[CF_COUNT];         /* of each field in the query */
    double **sum;                 /* the caller's arrays */
    unsigned *count;              /* n * ndays */
};

static enum ache_status add_to_means(struct store *st, sqlite3_stmt *s,
                                     struct means_build *m,
                                     struct ache_err *err)
{
    const char *date = (const char *)sqlite3_column_text(s, 0);
    ache_day day;
    if (!date || !date_parse_iso(date, &day))
        return bad_date(st, date, err);
    size_t i = (size_t)(day - m->first);
    if (day < m->first || i >= m->ndays)
        return ACHE_OK;
    for (int k = 0; k < m->n; k++) {
        int v = store_read_value(s, m->column[k], m->fields[k]);
        if (v == CHECKIN_ABSENT)
            continue;
        m->sum[k][i] += (double)v / checkin_field_info(m->fields[k])
                                        ->steps_per_unit;
        m->count[(size_t)k * m->ndays + i]++;
    }
    return ACHE_OK;
}

/* Sums become means; a day without a value gets STATS_ABSENT. */
static void finish_means(struct means_build *m)
{
    for (int k = 0; k < m->n; k++)
        for (size_t i = 0; i < m->ndays; i++) {
            unsigned c = m->count[(size_t)k * m->ndays + i];
            m->sum[k][i] = c ? m->sum[k][i] / c : STATS_ABSENT;
        }
}

/* Where each field lands in the query of mask `what` (enum order). */
static unsigned mean_columns(struct means_build *m)
{
    unsigned what = 0;
    for (int k = 0; k < m->n; k++)
        what |= STORE_DAYS_FIELD(m->fields[k]);
    for (int k = 0; k < m->n; k++) {
        m->column[k] = 1;
        for (int f = 0; f < (int)m->fields[k]; f++)
            m->column[k] += (what & STORE_DAYS_FIELD(f)) != 0;
    }
    return what;
}

enum ache_status store_read_means(struct store *st, ache_day from,
                                  ache_day to, const enum checkin_field *fields,
                                  int n, double **means, struct ache_err *err)
{
    if (n < 1 || n > CF_COUNT)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "daily means of %d fields asked for (1 to %d)", n,
                         CF_COUNT);
    struct means_build m = {from, to < from ? 0 : (size_t)(to - from) + 1,
                            n, fields, {0}, means, NULL};
    for (int k = 0; k < n; k++)
        for (size_t i = 0; i < m.ndays; i++)
            means[k][i] = 0;
    m.count = xcalloc((size_t)n * m.ndays + 1, sizeof *m.count);
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        m.ndays ? prepare_days(st, from, to, mean_columns(&m), &s, err)
                : ACHE_OK;
    int rc = SQLITE_DONE;
    while (s && !status && (rc = sqlite3_step(s)) == SQLITE_ROW)
        status = add_to_means(st, s, &m, err);
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading check-ins");
    sqlite3_finalize(s);
    finish_means(&m);
    free(m.count);
    return status;
}
