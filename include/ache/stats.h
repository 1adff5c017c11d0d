/* stats: numbers computed from check-ins, in the domain layer (no SQLite,
 * no curses): daily summaries, rolling 7-day means, the person's baseline
 * and flares, and the Widespread Pain Index over a week.
 *
 * A day is the mean of its check-ins for each field (absent values left
 * out; a field no check-in of the day gave is absent for the day), and the
 * maximum for pain where asked.
 */
#ifndef ACHE_STATS_H
#define ACHE_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"

/* A mean that may be absent. Values are in the field's units (hours for
 * sleep hours, 0-10 for ratings). */
#define STATS_ABSENT (-1.0)

struct day_summary {
    ache_day day;
    int checkins;               /* 0: nothing recorded that day */
    /* STATS_ABSENT when no check-in gave it. A float: a century of days
     * is 36,500 of these, and a mean of a few ratings needs no more than
     * its six digits (comparisons with a threshold allow for them). */
    float mean[CF_COUNT];
    region_set regions;         /* every region marked that day */
    short max_pain;             /* CHECKIN_ABSENT when no pain was given */
    bool has_note;
    bool flare;                 /* part of a flare (see stats_mark_flares) */
};

/* Summaries of the days first..last (inclusive), one per day in order,
 * from check-ins in any order (any check-in outside the range is
 * ignored). out must hold last - first + 1 entries. */
void stats_days(const struct checkin *items, size_t n, ache_day first,
                ache_day last, struct day_summary *out);

/* The same summaries built one check-in at a time, for a walk over the
 * diary that keeps no list of check-ins (charts of years of days):
 * begin, add each check-in in date order (as the store walks them), end.
 * Only the day being added to keeps its sums, so a walk of a hundred years
 * holds no more than the summaries themselves. */
struct stats_days_build {
    ache_day first, last;
    struct day_summary *out;
    struct stats_sums *sums; /* of day `open`, until it is closed */
    ache_day open;           /* the day being summed; before first: none */
};
void stats_days_begin(struct stats_days_build *b, ache_day first,
                      ache_day last, struct day_summary *out);
void stats_days_add(struct stats_days_build *b, const struct checkin *c);
void stats_days_end(struct stats_days_build *b);

/* The daily means of n fields alone, the same as those of stats_days, into
 * the caller's arrays (means[k] holds last - first + 1; STATS_ABSENT where
 * no check-in gave fields[k]): a chart of years keeps no day summaries.
 * begin, add each check-in (in any order), end. Any field may be asked
 * for, built in or own (fields.h); a key the diary has no field of has no
 * value. */
struct stats_means_build {
    ache_day first;
    size_t ndays;
    int n;
    const enum checkin_field *fields;
    double **sum;    /* the caller's means, sums until end */
    unsigned *count; /* n * ndays, until end */
};
void stats_means_begin(struct stats_means_build *b, ache_day first,
                       ache_day last, const enum checkin_field *fields, int n,
                       double **means);
void stats_means_add(struct stats_means_build *b, const struct checkin *c);
void stats_means_end(struct stats_means_build *b);
/* The daily means of one field (own fields too, which day summaries do
 * not hold) from check-ins in any order: means holds last - first + 1. */
void stats_means(const struct checkin *items, size_t n, ache_day first,
                 ache_day last, enum checkin_field f, double *means);

/* Rolling means of daily values (one a day, consecutive days): out[i] is
 * the mean of the present values among values[i - 6..i], the trailing 7
 * days ending with day i (fewer at the start of values, which holds no
 * earlier day), or STATS_ABSENT when fewer than min_days of them are
 * present (and always when none is), so that a day or two does not pass
 * for a week. A value is present when >= 0: STATS_ABSENT, any negative
 * and NaN are absent. A day's mean hangs on its 7 days alone, to the last
 * bit, not on where values starts. out holds n; it may be values itself. */
#define STATS_ROLLING_DAYS 7
void stats_rolling_mean(const double *values, size_t n, int min_days,
                        double *out);

/* The rounded value a day shows for a field, or CHECKIN_ABSENT: the mean
 * rounded half up, in steps (quarter hours for sleep hours). */
int stats_day_value(const struct day_summary *d, enum checkin_field f);

/* Flares: the baseline of a day is the median of the daily mean pain over
 * the 28 days before it (days without pain left out; needs at least 7
 * such days); a day is "high" when its mean pain is at least 2 above its
 * baseline; a flare is two or more high days in a row. Sets `flare` on
 * every day of days[0..n) that belongs to one. days must be consecutive
 * and should start 28 days before the first day that matters. */
void stats_mark_flares(struct day_summary *days, size_t n);
/* The baseline of days[i] as defined above, or STATS_ABSENT. */
double stats_baseline(const struct day_summary *days, size_t i);

/* Widespread Pain Index of a span of days: how many of the 19 regions hurt
 * on any of them (0-19). */
int stats_wpi(const struct day_summary *days, size_t n);

/* The median of a list of values (the list is reordered). */
double stats_median(double *values, size_t n);

#endif
