/* store_days: day summaries straight from the diary, for charts.
 *
 * A chart of ten years reads thousands of rows, so the query asks only for
 * the date and the fields charted, and from the index checkin_values,
 * which holds them all: a few pages instead of every page of the table,
 * notes and all. Rows come in date order, though stats_days_add would
 * take them in any.
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

/* Adds the current row to b. c holds the values of rows before: each row
 * sets the date and every field it reads, and the rest stay absent. */
static enum ache_status add_row(struct store *st, sqlite3_stmt *s,
                                unsigned what, struct checkin *c,
                                struct stats_days_build *b,
                                struct ache_err *err)
{
    const char *date = (const char *)sqlite3_column_text(s, 0);
    if (!date || !date_parse_iso(date, &c->date))
        return ache_fail(err, ACHE_ERR_DB,
                         "%s: a check-in has a bad date ('%s'): restore a "
                         "backup",
                         st->path, date ? date : "");
    int col = 1;
    for (int f = 0; f < CF_COUNT; f++)
        if (what & STORE_DAYS_FIELD(f))
            c->value[f] = store_read_value(s, col++, (enum checkin_field)f);
    if (what & STORE_DAYS_REGIONS)
        c->regions = (region_set)sqlite3_column_int64(s, col) & REGION_ALL;
    stats_days_add(b, c);
    return ACHE_OK;
}

static enum ache_status read_into(struct store *st, ache_day from,
                                  ache_day to, unsigned what,
                                  struct stats_days_build *b,
                                  struct ache_err *err)
{
    struct strbuf sql = {0};
    days_query(what, &sql);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, strbuf_str(&sql), -1, &s, NULL);
    strbuf_free(&sql);
    if (rc != SQLITE_OK)
        return store_db_fail(st, rc, err, "preparing a query");
    char lo[DATE_BUF], hi[DATE_BUF];
    store_range_bounds(from, to, lo, hi);
    sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
    enum ache_status status = ACHE_OK;
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
