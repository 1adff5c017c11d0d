/* insights: the diary of days with their tags, and the top quarter of
 * activity, which flares and pacing share. */
#include "insights_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/stats.h"
#include "ache/util.h"

void insights_copy_name(char dst[INSIGHTS_TAG_BUF], const char *src)
{
    snprintf(dst, INSIGHTS_TAG_BUF, "%s", src);
}

static bool in_range(const struct checkin *c, ache_day first, ache_day last)
{
    return c->date >= first && c->date <= last;
}

/* One tag carried on one day of the period. */
struct carried {
    const char *name;
    size_t day;
};

static int compare_carried(const void *pa, const void *pb)
{
    const struct carried *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->day > b->day) - (a->day < b->day);
}

/* Every tag carried in the period with its day, sorted by name and day:
 * one sort of them all, n log n in the tags carried. */
static struct carried *collect_carried(const struct checkin *items, size_t n,
                                       const struct insight_diary *d,
                                       size_t *count)
{
    ache_day last = d->first + (ache_day)d->ndays - 1;
    size_t total = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        if (in_range(&items[i], d->first, last))
            total += items[i].ntags;
    struct carried *all = xcalloc(total ? total : 1, sizeof *all);
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; in_range(&items[i], d->first, last) &&
                           t < items[i].ntags; t++)
            all[k++] = (struct carried){items[i].tags[t],
                                        (size_t)(items[i].date - d->first)};
    qsort(all, k, sizeof *all, compare_carried);
    *count = k;
    return all;
}

/* The sorted tags and each one's days, from the sorted pairs (a tag
 * carried twice in a day counts once). */
static void list_tags(const struct carried *all, size_t k,
                      struct insight_diary *d)
{
    d->tags = xcalloc(k ? k : 1, sizeof *d->tags);
    d->tag_first = xcalloc(k + 1, sizeof *d->tag_first);
    d->tag_days = xcalloc(k ? k : 1, sizeof *d->tag_days);
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        bool new_tag = i == 0 || strcmp(all[i].name, all[i - 1].name) != 0;
        if (!new_tag && all[i].day == all[i - 1].day)
            continue;
        if (new_tag) {
            d->tag_first[d->ntags] = m;
            insights_copy_name(d->tags[d->ntags++], all[i].name);
        }
        d->tag_days[m++] = all[i].day;
    }
    d->tag_first[d->ntags] = m;
}

/* The same pairs by day: a count per day, then each tag in order. */
static void list_days(struct insight_diary *d)
{
    size_t m = d->tag_first[d->ntags];
    d->day_first = xcalloc(d->ndays + 1, sizeof *d->day_first);
    d->day_tags = xcalloc(m ? m : 1, sizeof *d->day_tags);
    for (size_t j = 0; j < m; j++)
        d->day_first[d->tag_days[j] + 1]++;
    for (size_t i = 0; i < d->ndays; i++)
        d->day_first[i + 1] += d->day_first[i];
    size_t *next = xcalloc(d->ndays ? d->ndays : 1, sizeof *next);
    memcpy(next, d->day_first, d->ndays * sizeof *next);
    for (size_t t = 0; t < d->ntags; t++)
        for (size_t j = d->tag_first[t]; j < d->tag_first[t + 1]; j++)
            d->day_tags[next[d->tag_days[j]]++] = t;
    free(next);
}

void insights_diary_build(const struct checkin *items, size_t n,
                          ache_day first, ache_day last,
                          struct insight_diary *d)
{
    memset(d, 0, sizeof *d);
    d->first = first;
    d->ndays = (size_t)(last - first) + 1;
    d->days = xcalloc(d->ndays, sizeof *d->days);
    stats_days(items, n, first, last, d->days);
    size_t k;
    struct carried *all = collect_carried(items, n, d, &k);
    list_tags(all, k, d);
    free(all);
    list_days(d);
}

bool insights_day_counts(const struct insight_diary *d, size_t i,
                         enum checkin_field f, int lag, double *v)
{
    if (i + (size_t)lag >= d->ndays)
        return false;
    *v = d->days[i + (size_t)lag].mean[f];
    return d->days[i].checkins != 0 && *v >= 0;
}

void insights_diary_free(struct insight_diary *d)
{
    free(d->days);
    free(d->tags);
    free(d->tag_first);
    free(d->tag_days);
    free(d->day_first);
    free(d->day_tags);
    memset(d, 0, sizeof *d);
}

/* ---- the top quarter of activity --------------------------------------- */

/* Hyndman and Fan type 7 quantile of sorted values (n > 0). */
static double quantile7(const double *sorted, size_t n, double prob)
{
    double h = (double)(n - 1) * prob;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

void insights_activity(const struct day_summary *days, size_t n,
                       struct insight_activity *out)
{
    memset(out, 0, sizeof *out);
    out->median = out->threshold = STATS_ABSENT;
    double *values = xcalloc(n ? n : 1, sizeof *values);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (days[i].mean[CF_ACTIVITY] >= 0)
            values[k++] = days[i].mean[CF_ACTIVITY];
    out->days = (int)k;
    if (k >= INSIGHTS_ACTIVITY_MIN_DAYS) {
        out->known = true;
        out->median = stats_median(values, k); /* sorts values */
        out->threshold = quantile7(values, k, 0.75);
    }
    free(values);
}

bool insights_activity_is_high(const struct insight_activity *a,
                               double activity)
{
    return a->known && activity >= 0 &&
           activity >= a->threshold - INSIGHTS_SLACK &&
           activity > a->median + INSIGHTS_SLACK;
}
