/* insights: flares, with the tags and activity of the days before each. */
#include "insights_impl.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/stats.h"
#include "ache/util.h"

/* Days of history before the period: the 28 of a baseline plus the days
 * before a flare (which also makes the flag of the day before the period
 * right, so that a flare already under way is not taken for a new one). */
#define BASELINE_DAYS 28
#define HISTORY_DAYS INSIGHTS_HISTORY_DAYS

/* The diary of the period with its history, flares marked, and where the
 * period starts in it. */
struct flare_diary {
    const struct insight_diary *d; /* the whole diary, or cut from it */
    struct insight_diary cut;
    size_t period;   /* index of the period's first day */
    int *tag_period; /* per tag: days of the period that carried it */
};

static int compare_index(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

/* The tags carried on days [from, to) of the diary, with their counts:
 * the days' own tags, sorted by index, which is by name. */
static void flare_tags(const struct flare_diary *fd, size_t from, size_t to,
                       struct insight_flare *f)
{
    const struct insight_diary *d = fd->d;
    size_t lo = d->day_first[from], k = d->day_first[to] - lo;
    uint32_t *seen = xcalloc(k ? k : 1, sizeof *seen);
    memcpy(seen, d->day_tags + lo, k * sizeof *seen);
    qsort(seen, k, sizeof *seen, compare_index);
    f->tags = xcalloc(k ? k : 1, sizeof *f->tags);
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && seen[i] == seen[i - 1]) {
            f->tags[f->ntags - 1].days++;
            continue;
        }
        struct insight_flare_tag *t = &f->tags[f->ntags++];
        insights_copy_name(t->name, d->tags[seen[i]]);
        t->days = 1;
        t->days_any = fd->tag_period[seen[i]];
    }
    free(seen);
    /* room for each day's tags shrinks to the tags: a century has many */
    f->tags = xreallocarray(f->tags, f->ntags ? f->ntags : 1, sizeof *f->tags);
}

static size_t lookback_from(size_t start)
{
    return start >= INSIGHTS_FLARE_LOOKBACK ? start - INSIGHTS_FLARE_LOOKBACK
                                            : 0;
}

static void flare_before(const struct flare_diary *fd, size_t start,
                         const struct insight_activity *activity,
                         struct insight_flare *f)
{
    size_t from = lookback_from(start);
    flare_tags(fd, from, start, f);
    f->activity_before = STATS_ABSENT;
    for (size_t i = from; i < start; i++) {
        double a = fd->d->days[i].mean[CF_ACTIVITY];
        if (a > f->activity_before)
            f->activity_before = a;
        if (insights_activity_is_high(activity, a))
            f->activity_high_before = true;
    }
}

/* The flare of diary days [start, end). */
static void flare_fill(const struct flare_diary *fd, size_t start, size_t end,
                       struct insight_flare *f)
{
    const struct insight_diary *d = fd->d;
    memset(f, 0, sizeof *f);
    f->start = d->days[start].day;
    f->end = d->days[end - 1].day;
    f->length = (int)(end - start);
    f->begun_before_period = start < fd->period;
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
                      const struct flare_diary *fd, size_t start, size_t end)
{
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        out->items = xreallocarray(out->items, *cap, sizeof *out->items);
    }
    struct insight_flare *f = &out->items[out->n++];
    flare_fill(fd, start, end, f);
    flare_before(fd, start, &out->activity, f);
}

/* ---- the diary and its history ------------------------------------------ */

/* Flags the days from..last of whole (from at or after its first day)
 * and views them, the period beginning at `first`. */
static void build_from(struct insight_diary *whole, ache_day from,
                       ache_day first, ache_day last, struct flare_diary *fd)
{
    fd->d = insights_diary_view(whole, from, last, &fd->cut);
    stats_mark_flares(whole->days + (from - whole->first), fd->d->ndays);
    fd->period = (size_t)(first - from);
}

/* Where the run of flare days that holds the period's first day starts
 * (the period's index when none does). */
static size_t edge_start(const struct flare_diary *fd)
{
    size_t j = fd->period;
    if (j >= fd->d->ndays || !fd->d->days[j].flare)
        return j;
    while (j > 0 && fd->d->days[j - 1].flare)
        j--;
    return j;
}

/* The first day of history to read: HISTORY_DAYS before the period, or
 * the diary's first day when it begins later. */
static ache_day history_from(const struct insight_diary *whole, ache_day first)
{
    ache_day from = first - HISTORY_DAYS;
    return from < whole->first ? whole->first : from;
}

bool insights_flare_reaches_back(struct insight_diary *whole, ache_day first,
                                 ache_day last)
{
    /* a flare is two high days in a row: a week past `first` is more
     * than its flag can depend on, and keeps this cheap on a long period */
    struct flare_diary fd = {0};
    ache_day until = last < first + 7 ? last : first + 7;
    build_from(whole, history_from(whole, first), first, until, &fd);
    bool reaches = edge_start(&fd) <= BASELINE_DAYS;
    insights_diary_free(&fd.cut);
    return reaches;
}

/* A flag is sure only with the whole 28-day window of its day inside the
 * diary. A flare under way that runs back to the first such day may have
 * begun earlier still: then the days are flagged again from the diary's
 * first day (before which no day has pain), rarely and at linear cost. */
static void build_flare_diary(struct insight_diary *whole, ache_day first,
                              ache_day last, struct flare_diary *fd)
{
    ache_day from = history_from(whole, first);
    build_from(whole, from, first, last, fd);
    /* insights_flare_reaches_back asks the same question */
    if (edge_start(fd) <= BASELINE_DAYS && whole->first < from) {
        insights_diary_free(&fd->cut);
        build_from(whole, whole->first, first, last, fd);
    }
    fd->tag_period = xcalloc(fd->d->ntags ? fd->d->ntags : 1, sizeof(int));
    for (size_t t = 0; t < fd->d->ntags; t++)
        for (size_t j = fd->d->tag_first[t]; j < fd->d->tag_first[t + 1]; j++)
            fd->tag_period[t] += fd->d->tag_days[j] >= fd->period;
}

static void free_flare_diary(struct flare_diary *fd)
{
    insights_diary_free(&fd->cut);
    free(fd->tag_period);
}

/* ---- base rates --------------------------------------------------------- */

/* Which days lie in the days before a listed flare. */
static bool *mark_before(const struct flare_diary *fd,
                         const struct insight_flare_list *out)
{
    bool *before = xcalloc(fd->d->ndays, sizeof *before);
    for (size_t i = 0; i < out->n; i++) {
        size_t start = (size_t)(out->items[i].start - fd->d->first);
        for (size_t k = lookback_from(start); k < start; k++)
            before[k] = true;
    }
    return before;
}

/* Every tag of the days before the flares, with its days there and its
 * days in the period; the days checked in both places. */
static void base_rates(const struct flare_diary *fd,
                       struct insight_flare_list *out)
{
    const struct insight_diary *d = fd->d;
    bool *before = mark_before(fd, out);
    for (size_t i = 0; i < d->ndays; i++) {
        bool checked = d->days[i].checkins > 0;
        out->days_checked += checked && i >= fd->period;
        out->days_before += checked && before[i];
    }
    out->base = xcalloc(d->ntags ? d->ntags : 1, sizeof *out->base);
    for (size_t t = 0; t < d->ntags; t++) {
        int days = 0;
        for (size_t j = d->tag_first[t]; j < d->tag_first[t + 1]; j++)
            days += before[d->tag_days[j]];
        if (days == 0)
            continue;
        struct insight_flare_base *b = &out->base[out->nbase++];
        insights_copy_name(b->name, d->tags[t]);
        b->days_before = days;
        b->days_any = fd->tag_period[t];
    }
    free(before);
}

void insights_flares_in(struct insight_diary *whole, ache_day first,
                        ache_day last, struct insight_flare_list *out)
{
    memset(out, 0, sizeof *out);
    if (last < first)
        return;
    struct flare_diary fd;
    build_flare_diary(whole, first, last, &fd);
    const struct insight_diary *d = fd.d;
    insights_activity(d->days + fd.period, d->ndays - fd.period,
                      &out->activity);
    size_t cap = 0;
    for (size_t i = fd.period; i < d->ndays; i++) {
        if (!d->days[i].flare || (i > fd.period && d->days[i - 1].flare))
            continue;
        size_t start = i == fd.period ? edge_start(&fd) : i, end = i;
        while (end < d->ndays && d->days[end].flare)
            end++;
        add_flare(out, &cap, &fd, start, end);
        i = end - 1;
    }
    base_rates(&fd, out);
    free_flare_diary(&fd);
}

void insights_flares(const struct checkin *items, size_t n, ache_day first,
                     ache_day last, struct insight_flare_list *out)
{
    struct insight_diary d;
    insights_diary_with_history(items, n, first, last, &d);
    insights_flares_in(&d, first, last, out);
    insights_diary_free(&d);
}

void insights_flare_list_free(struct insight_flare_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i].tags);
    free(list->items);
    free(list->base);
    memset(list, 0, sizeof *list);
}
