/* stats: daily summaries, rolling means, baselines and flares, the
 * Widespread Pain Index. */
#include "ache/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ache/util.h"

/* Baselines look back this many days and need this many with pain. */
#define BASELINE_DAYS 28
#define BASELINE_MIN_DAYS 7
/* A day this far above its baseline is high; two high days make a flare. */
#define FLARE_RISE 2.0
#define FLARE_MIN_DAYS 2
/* Means are fractions of whole numbers that binary floating point rounds
 * (5/3 + 2 comes out above 11/3), and a day keeps its means as floats,
 * good to about a millionth of a rating; so a rise of exactly FLARE_RISE
 * is compared with this much slack. Distinct means of up to a few hundred
 * check-ins a day differ by far more. */
#define FLARE_SLACK 1e-5

struct stats_sums {
    double sum[CF_COUNT];
    int count[CF_COUNT];
};

/* A present value of c in its field's units (hours, not quarters); any
 * field, built in or own. */
static double in_units(const struct checkin *c, enum checkin_field f)
{
    return (double)checkin_get(c, (int)f) /
           checkin_field_info(f)->steps_per_unit;
}

static void add_checkin(struct day_summary *d, struct stats_sums *s,
                        const struct checkin *c)
{
    d->checkins++;
    d->regions |= c->regions;
    d->has_note |= c->note != NULL;
    for (int f = 0; f < CF_COUNT; f++) {
        if (c->value[f] == CHECKIN_ABSENT)
            continue;
        s->sum[f] += in_units(c, (enum checkin_field)f);
        s->count[f]++;
    }
    if (c->value[CF_PAIN] != CHECKIN_ABSENT && c->value[CF_PAIN] > d->max_pain)
        d->max_pain = (short)c->value[CF_PAIN];
}

static void init_day(struct day_summary *d, ache_day day)
{
    memset(d, 0, sizeof *d);
    d->day = day;
    d->max_pain = CHECKIN_ABSENT;
    for (int f = 0; f < CF_COUNT; f++)
        d->mean[f] = STATS_ABSENT;
}

void stats_days_begin(struct stats_days_build *b, ache_day first,
                      ache_day last, struct day_summary *out)
{
    size_t count = last < first ? 0 : (size_t)(last - first) + 1;
    *b = (struct stats_days_build){first, last, out,
                                   xcalloc(1, sizeof *b->sums), first - 1};
    for (size_t i = 0; i < count; i++)
        init_day(&out[i], first + (ache_day)i);
}

/* The open day's means from its sums, which then start again at zero. */
static void close_day(struct stats_days_build *b)
{
    if (b->open < b->first)
        return;
    struct day_summary *d = &b->out[b->open - b->first];
    for (int f = 0; f < CF_COUNT; f++)
        if (b->sums->count[f])
            d->mean[f] = (float)(b->sums->sum[f] / b->sums->count[f]);
    memset(b->sums, 0, sizeof *b->sums);
    b->open = b->first - 1;
}

void stats_days_add(struct stats_days_build *b, const struct checkin *c)
{
    if (c->date < b->first || c->date > b->last)
        return;
    if (c->date != b->open) {
        close_day(b);
        b->open = c->date;
    }
    add_checkin(&b->out[c->date - b->first], b->sums, c);
}

void stats_days_end(struct stats_days_build *b)
{
    close_day(b);
    free(b->sums);
    b->sums = NULL;
}

void stats_days(const struct checkin *items, size_t n, ache_day first,
                ache_day last, struct day_summary *out)
{
    /* the build sums one day at a time, so it takes the days in order */
    const struct checkin **order = checkin_by_date(items, n);
    struct stats_days_build b;
    stats_days_begin(&b, first, last, out);
    for (size_t i = 0; i < n; i++)
        stats_days_add(&b, order[i]);
    stats_days_end(&b);
    free(order);
}

void stats_means_begin(struct stats_means_build *b, ache_day first,
                       ache_day last, const enum checkin_field *fields, int n,
                       double **means)
{
    size_t ndays = last < first ? 0 : (size_t)(last - first) + 1;
    *b = (struct stats_means_build){
        first, ndays, n, fields, means,
        xcalloc((size_t)n * ndays + 1, sizeof *b->count)};
    for (int k = 0; k < n; k++)
        for (size_t i = 0; i < ndays; i++)
            means[k][i] = 0;
}

void stats_means_add(struct stats_means_build *b, const struct checkin *c)
{
    size_t i = (size_t)(c->date - b->first);
    if (c->date < b->first || i >= b->ndays)
        return;
    for (int k = 0; k < b->n; k++) {
        if (checkin_get(c, (int)b->fields[k]) == CHECKIN_ABSENT ||
            !checkin_field_info(b->fields[k]))
            continue;
        b->sum[k][i] += in_units(c, b->fields[k]);
        b->count[(size_t)k * b->ndays + i]++;
    }
}

void stats_means_end(struct stats_means_build *b)
{
    for (int k = 0; k < b->n; k++)
        for (size_t i = 0; i < b->ndays; i++) {
            unsigned c = b->count[(size_t)k * b->ndays + i];
            b->sum[k][i] = c ? b->sum[k][i] / c : STATS_ABSENT;
        }
    free(b->count);
    b->count = NULL;
}

void stats_means(const struct checkin *items, size_t n, ache_day first,
                 ache_day last, enum checkin_field f, double *means)
{
    struct stats_means_build b;
    stats_means_begin(&b, first, last, &f, 1, &means);
    for (size_t i = 0; i < n; i++)
        stats_means_add(&b, &items[i]);
    stats_means_end(&b);
}

/* The mean of the present values[from..to], or STATS_ABSENT with fewer
 * than min_days (or none). */
static double window_mean(const double *values, size_t from, size_t to,
                          int min_days)
{
    double sum = 0;
    int count = 0;
    for (size_t j = from; j <= to; j++)
        if (values[j] >= 0) { /* false for NaN too */
            sum += values[j];
            count++;
        }
    return count > 0 && count >= min_days ? sum / count : STATS_ABSENT;
}

/* Each window is summed afresh, oldest day first, not slid along (add the
 * day entering, drop the day leaving): a slid sum carries the rounding of
 * every day before the window, so one day's mean would hang on where the
 * series starts and could land on another dot row of a longer chart. Days
 * go last to first so that out may be values: a window reads no later
 * day. */
void stats_rolling_mean(const double *values, size_t n, int min_days,
                        double *out)
{
    const size_t back = STATS_ROLLING_DAYS - 1;
    for (size_t i = n; i-- > 0;)
        out[i] = window_mean(values, i > back ? i - back : 0, i, min_days);
}

int stats_day_value(const struct day_summary *d, enum checkin_field f)
{
    if (d->mean[f] < 0)
        return CHECKIN_ABSENT;
    int spu = checkin_field_info(f)->steps_per_unit;
    return (int)floor(d->mean[f] * spu + 0.5);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median(double *values, size_t n)
{
    if (n == 0)
        return STATS_ABSENT;
    qsort(values, n, sizeof *values, compare_doubles);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double stats_baseline(const struct day_summary *days, size_t i)
{
    double window[BASELINE_DAYS];
    size_t n = 0;
    for (size_t back = 1; back <= BASELINE_DAYS && back <= i; back++)
        if (days[i - back].mean[CF_PAIN] >= 0)
            window[n++] = days[i - back].mean[CF_PAIN];
    if (n < BASELINE_MIN_DAYS)
        return STATS_ABSENT;
    return stats_median(window, n);
}

static bool is_high(const struct day_summary *days, size_t i)
{
    double base = stats_baseline(days, i);
    double mean = days[i].mean[CF_PAIN];
    return base >= 0 && mean >= 0 && mean - base >= FLARE_RISE - FLARE_SLACK;
}

void stats_mark_flares(struct day_summary *days, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
        days[i].flare = false;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && is_high(days, i)) {
            run++;
            continue;
        }
        if (run >= FLARE_MIN_DAYS)
            for (size_t k = i - run; k < i; k++)
                days[k].flare = true;
        run = 0;
    }
}

int stats_wpi(const struct day_summary *days, size_t n)
{
    region_set all = 0;
    for (size_t i = 0; i < n; i++)
        all |= days[i].regions;
    return region_set_count(all);
}
