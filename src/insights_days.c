/* insights: the diary of days with their tags, and the top quarter of
 * activity, which flares and pacing share. */
#include "insights_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/util.h"

void insights_copy_name(char dst[INSIGHTS_TAG_BUF], const char *src)
{
    snprintf(dst, INSIGHTS_TAG_BUF, "%s", src);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in_range(const struct checkin *c, ache_day first, ache_day last)
{
    return c->date >= first && c->date <= last;
}

/* The sorted, unique tag names carried by check-ins in the range. */
static void collect_tags(const struct checkin *items, size_t n,
                         ache_day first, ache_day last,
                         struct insight_diary *d)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (in_range(&items[i], first, last))
            total += items[i].ntags;
    const char **names = xcalloc(total ? total : 1, sizeof *names);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; in_range(&items[i], first, last) &&
                           t < items[i].ntags; t++)
            names[k++] = items[i].tags[t];
    qsort(names, k, sizeof *names, compare_names);
    d->tags = xcalloc(k ? k : 1, sizeof *d->tags);
    for (size_t i = 0; i < k; i++)
        if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
            insights_copy_name(d->tags[d->ntags++], names[i]);
    free(names);
}

static int compare_tag(const void *key, const void *elem)
{
    return strncmp(key, elem, INSIGHTS_TAG_BUF - 1);
}

static void mark_tags(const struct checkin *items, size_t n,
                      struct insight_diary *d)
{
    ache_day last = d->first + (ache_day)d->ndays - 1;
    d->on = xcalloc(d->ndays * (d->ntags ? d->ntags : 1), 1);
    for (size_t i = 0; i < n; i++) {
        if (!in_range(&items[i], d->first, last))
            continue;
        size_t day = (size_t)(items[i].date - d->first);
        for (size_t t = 0; t < items[i].ntags; t++) {
            char (*hit)[INSIGHTS_TAG_BUF] =
                bsearch(items[i].tags[t], d->tags, d->ntags, sizeof *d->tags,
                        compare_tag);
            if (hit)
                d->on[day * d->ntags + (size_t)(hit - d->tags)] = 1;
        }
    }
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
    collect_tags(items, n, first, last, d);
    mark_tags(items, n, d);
}

void insights_diary_free(struct insight_diary *d)
{
    free(d->days);
    free(d->tags);
    free(d->on);
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
