/* store_days: day summaries and daily means straight from the diary, for
 * charts (stats computes them from the check-ins read here).
 *
 * A chart of ten years reads thousands of rows, so the query asks only for
 * the date and the fields charted, and from the index checkin_values,
 * which holds them all: a few pages instead of every page of the table,
 * notes and all. An own field's value is in checkin_value, found for each
 * row by its check-in (the row's n, which the index holds too) in the
 * same query, so that own fields stream as the built-in ones do. Rows
 * come in date order, though neither reader needs it.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/stats.h"
#include "ache/store.h"
#include "ache/util.h"

/* The most own fields one walk reads. */
#define OWN_READ_MAX FIELD_OWN_MAX

/* The query of `what` and the own fields' keys: the date, then each field
 * of what in enum order, then the regions if asked, then each own field's
 * value (NULL where the check-in gives none). Only ache's own column names
 * and integer keys go in. Rows come in date order from the index, which
 * holds them all (no sorting), and the reader stops at the end of the
 * range itself: an upper bound in SQL costs a comparison of records for
 * every row of a ten-year chart. */
static void days_query(unsigned what, const int *own, int nown,
                       struct strbuf *sql)
{
    strbuf_append(sql, "SELECT date");
    for (int f = 0; f < CF_COUNT; f++)
        if (what & STORE_DAYS_FIELD(f))
            strbuf_printf(sql, ", %s", checkin_field_info(f)->name);
    if (what & STORE_DAYS_REGIONS)
        strbuf_append(sql, ", regions");
    for (int j = 0; j < nown; j++)
        strbuf_printf(sql, ", (SELECT value FROM checkin_value"
                           " WHERE checkin_value.checkin = checkin.n"
                           " AND checkin_value.field = %d)",
                      own[j]);
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
    const int *own; /* the own fields' keys, read after the regions */
    int nown;
    struct date_reader dates;
};

/* The query of `what` from `from` on, ready to step. */
static enum ache_status prepare_days(struct days_walk *w, ache_day from,
                                     ache_day to, unsigned what,
                                     struct ache_err *err)
{
    struct strbuf sql = {0};
    days_query(what, w->own, w->nown, &sql);
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
    int col = w->nfields + w->regions + 1;
    for (int j = 0; j < w->nown; j++, col++)
        checkin_set(c, w->own[j],
                    sqlite3_column_type(w->s, col) == SQLITE_NULL
                        ? CHECKIN_ABSENT
                        : sqlite3_column_int(w->s, col));
    return ACHE_OK;
}

/* What a walk reads: the built-in fields of `what` (and the regions), and
 * the own fields of own[0..nown). */
struct days_want {
    unsigned what;
    const int *own;
    int nown;
};

/* Hands each check-in of from..to, with the fields wanted alone, to
 * add(ctx, c). */
static enum ache_status walk_values(struct store *st, ache_day from,
                                    ache_day to, const struct days_want *want,
                                    void (*add)(void *, const struct checkin *),
                                    void *ctx, struct ache_err *err)
{
    if (from > to)
        return ACHE_OK;
    struct days_walk w = {.st = st, .own = want->own, .nown = want->nown};
    enum ache_status status = prepare_days(&w, from, to, want->what, err);
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
    checkin_free(&c);
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
    struct days_want want = {what, NULL, 0};
    stats_days_begin(&build, from, to, out);
    enum ache_status status =
        walk_values(st, from, to, &want, add_to_days, &build, err);
    stats_days_end(&build);
    return status;
}

static void add_to_means(void *build, const struct checkin *c)
{
    stats_means_add(build, c);
}

/* Sorts the fields asked for into the built-in ones (bits of what) and
 * the own ones (keys in own); refuses a key the diary has no field of. */
static enum ache_status split_fields(const enum checkin_field *fields, int n,
                                    struct days_want *want, int *own,
                                    struct ache_err *err)
{
    for (int k = 0; k < n; k++) {
        int key = (int)fields[k];
        if (!checkin_field_info(fields[k]))
            return ache_fail(err, ACHE_ERR_INVALID,
                             "daily means of field %d asked for, which the "
                             "diary does not have",
                             key);
        if (key < CF_COUNT)
            want->what |= STORE_DAYS_FIELD(key);
        else if (want->nown < OWN_READ_MAX)
            own[want->nown++] = key;
    }
    return ACHE_OK;
}

enum ache_status store_read_means(struct store *st, ache_day from,
                                  ache_day to, const enum checkin_field *fields,
                                  int n, double **means, struct ache_err *err)
{
    int most = (int)fields_count();
    if (n < 1 || n > most)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "daily means of %d fields asked for (1 to %d)", n,
                         most);
    int own[OWN_READ_MAX];
    struct days_want want = {0, own, 0};
    enum ache_status status = split_fields(fields, n, &want, own, err);
    if (status)
        return status;
    struct stats_means_build build;
    stats_means_begin(&build, from, to, fields, n, means);
    status = walk_values(st, from, to, &want, add_to_means, &build, err);
    stats_means_end(&build);
    return status;
}
