/* insights: flares, with the tags and activity of the days before each. */
#include "insights_impl.h"

#include <stdlib.h>
#include <string.h>

#include "ache/util.h"

/* Days of history before the period: the 28 of a baseline plus the days
 * before a flare (which also makes the flag of the day before the period
 * right, so a flare that began earlier is not taken for a new one). */
#define HISTORY_DAYS (28 + INSIGHTS_FLARE_LOOKBACK)

/* The tags carried on days [from, to) of the diary, with their counts. */
static void flare_tags(const struct insight_diary *d, size_t from, size_t to,
                       struct insight_flare *f)
{
    f->tags = xcalloc(d->ntags ? d->ntags : 1, sizeof *f->tags);
    for (size_t t = 0; t < d->ntags; t++) {
        int days = 0;
        for (size_t i = from; i < to; i++)
            days += insights_diary_on(d, i, t);
        if (days == 0)
            continue;
        insights_copy_name(f->tags[f->ntags].name, d->tags[t]);
        f->tags[f->ntags++].days = days;
    }
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
