/* insights: flares, with the tags and activity of the days before each. */
#include "insights_impl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/stats.h"
#include "ache/util.h"

/* Days of history before the period: the 28 of a baseline plus the days
 * before a flare (which also makes the flag of the day before the period
 * right, so a flare that began earlier is not taken for a new one). */
#define HISTORY_DAYS (28 + INSIGHTS_FLARE_LOOKBACK)

static int compare_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return (a > b) - (a < b);
}

/* The tags carried on days [from, to) of the diary, with their counts:
 * the days' own tags, sorted by index, which is by name. */
static void flare_tags(const struct insight_diary *d, size_t from, size_t to,
                       struct insight_flare *f)
{
    size_t lo = d->day_first[from], k = d->day_first[to] - lo;
    size_t *seen = xcalloc(k ? k : 1, sizeof *seen);
    memcpy(seen, d->day_tags + lo, k * sizeof *seen);
    qsort(seen, k, sizeof *seen, compare_index);
    f->tags = xcalloc(k ? k : 1, sizeof *f->tags);
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && seen[i] == seen[i - 1]) {
            f->tags[f->ntags - 1].days++;
            continue;
        }
        insights_copy_name(f->tags[f->ntags].name, d->tags[seen[i]]);
        f->tags[f->ntags++].days = 1;
    }
    free(seen);
}

static void flare_before(const struct insight_diary *d, size_t start,
                         const struct insight_activity *activity,
                         struct insight_flare *f)
{
    size_t from = start >= INSIGHTS_FLARE_LOOKBACK
                      ? start - INSIGHTS_FLARE_LOOKBACK
                      : 0;
    flare_tags(d, from, start, f);
    f->activity_before = STATS_ABSENT;
    for (size_t i = from; i < start; i++) {
        double a = d->days[i].mean[CF_ACTIVITY];
        if (a > f->activity_before)
            f->activity_before = a;
        if (insights_activity_is_high(activity, a))
            f->activity_high_before = true;
    }
}

/* The flare of diary days [start, end). */
static void flare_fill(const struct insight_diary *d, size_t start,
                       size_t end, struct insight_flare *f)
{
    memset(f, 0, sizeof *f);
    f->start = d->days[start].day;
    f->length = (int)(end - start);
    f->ongoing = end == d->ndays;
    f->baseline = stats_baseline(d->days, start);
    f->peak = STATS_ABSENT;
    f->peak_max = CHECKIN_ABSENT;
    for (size_t i = start; i < end; i++) {
        if (d->days[i].mean[CF_PAIN] > f->peak) {
            f->peak = d->days[i].mean[CF_PAIN];
            f->peak_day = d->days[i].day;
        }
        if (d->days[i].max_pain > f->peak_max)
            f->peak_max = d->days[i].max_pain;
    }
}

static void add_flare(struct insight_flare_list *out, size_t *cap,
                      const struct insight_diary *d, size_t start, size_t end)
{
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        out->items = xreallocarray(out->items, *cap, sizeof *out->items);
    }
    struct insight_flare *f = &out->items[out->n++];
    flare_fill(d, start, end, f);
    flare_before(d, start, &out->activity, f);
}

void insights_flares(const struct checkin *items, size_t n, ache_day first,
                     ache_day last, struct insight_flare_list *out)
{
    memset(out, 0, sizeof *out);
    if (last < first)
        return;
    struct insight_diary d;
    insights_diary_build(items, n, first - HISTORY_DAYS, last, &d);
    stats_mark_flares(d.days, d.ndays);
    insights_activity(d.days + HISTORY_DAYS, d.ndays - HISTORY_DAYS,
                      &out->activity);
    size_t cap = 0;
    for (size_t i = HISTORY_DAYS; i < d.ndays; i++) {
        if (!d.days[i].flare || d.days[i - 1].flare)
            continue;
        size_t end = i;
        while (end < d.ndays && d.days[end].flare)
            end++;
        add_flare(out, &cap, &d, i, end);
        i = end - 1;
    }
    insights_diary_free(&d);
}

void insights_flare_list_free(struct insight_flare_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i].tags);
    free(list->items);
    memset(list, 0, sizeof *list);
}
