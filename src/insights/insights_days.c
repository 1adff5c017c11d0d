/* insights: the diary of days with their tags, and the top quarter of
 * activity, which flares and pacing share. */
#include "insights_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/insights.h"
#include "ache/stats.h"
#include "ache/strmap.h"
#include "ache/util.h"

void insights_copy_name(char dst[INSIGHTS_TAG_BUF], const char *src)
{
    snprintf(dst, INSIGHTS_TAG_BUF, "%s", src);
}

/* ---- building: one check-in at a time ------------------------------------- */

void insights_diary_begin(struct insight_diary_build *b, ache_day first,
                          ache_day last, struct insight_diary *out)
{
    memset(out, 0, sizeof *out);
    out->first = first;
    out->ndays = last < first ? 0 : (size_t)(last - first) + 1;
    out->days = xcalloc(out->ndays ? out->ndays : 1, sizeof *out->days);
    out->entry = xcalloc(out->ndays ? out->ndays : 1, 1);
    out->day_first = xcalloc(out->ndays + 1, sizeof *out->day_first);
    *b = (struct insight_diary_build){.d = out,
                                      .names = xcalloc(1, sizeof *b->names)};
    stats_days_begin(&b->days, first, last, out->days);
}

/* The tag's number in order of first use, a new one for a new name. */
static uint32_t tag_number(struct insight_diary_build *b, const char *name)
{
    int64_t k;
    if (strmap_get(b->names, name, &k))
        return (uint32_t)k;
    struct insight_diary *d = b->d;
    d->tags = xreallocarray(d->tags, d->ntags + 1, sizeof *d->tags);
    b->last_day = xreallocarray(b->last_day, d->ntags + 1,
                                sizeof *b->last_day);
    insights_copy_name(d->tags[d->ntags], name);
    b->last_day[d->ntags] = 0;
    strmap_put(b->names, name, (int64_t)d->ntags);
    return (uint32_t)d->ntags++;
}

/* ---- own fields as outcomes ---------------------------------------------- */

/* Whether an own field's values are a day's outcome: a hidden field is
 * retired from view, and a weekly one's answer stands for a week. */
static bool own_outcome(int key)
{
    const struct field_info *fi = checkin_field_info(key);
    return fi && key >= CF_COUNT && !fi->hidden && !fi->weekly &&
           fi->kind != FIELD_HOURS;
}

/* The column of an own field, made at its first value (sums, with
 * counts beside them, until the diary ends). */
static size_t own_column(struct insight_diary_build *b, int key)
{
    struct insight_diary *d = b->d;
    for (size_t k = 0; k < d->nown; k++)
        if (d->own[k].key == key)
            return k;
    d->own = xreallocarray(d->own, d->nown + 1, sizeof *d->own);
    b->own_count = xreallocarray(b->own_count, d->nown + 1,
                                 sizeof *b->own_count);
    d->own[d->nown] = (struct insight_own_days){
        key, xcalloc(d->ndays ? d->ndays : 1, sizeof(float))};
    b->own_count[d->nown] = xcalloc(d->ndays ? d->ndays : 1,
                                    sizeof(unsigned));
    return d->nown++;
}

static void add_own(struct insight_diary_build *b, const struct checkin *c,
                    uint32_t day)
{
    for (size_t j = 0; j < c->nown; j++) {
        const struct own_value *v = &c->own[j];
        if (v->steps < 0 || !own_outcome(v->key))
            continue;
        size_t k = own_column(b, v->key);
        /* whole steps of an own field sum exactly in a float */
        b->d->own[k].mean[day] += (float)v->steps /
            (float)checkin_field_info(v->key)->steps_per_unit;
        b->own_count[k][day]++;
    }
}

static int compare_own(const void *pa, const void *pb)
{
    const struct insight_own_days *a = pa, *b = pb;
    return (a->key > b->key) - (a->key < b->key);
}

/* The sums become means (absent where no check-in gave one), by key. */
static void end_own(struct insight_diary_build *b)
{
    struct insight_diary *d = b->d;
    for (size_t k = 0; k < d->nown; k++) {
        for (size_t i = 0; i < d->ndays; i++) {
            unsigned n = b->own_count[k][i];
            float *m = &d->own[k].mean[i];
            *m = n ? (float)((double)*m / n) : (float)STATS_ABSENT;
        }
        free(b->own_count[k]);
    }
    free(b->own_count);
    if (d->nown > 1) /* qsort may not be given a null array, even empty */
        qsort(d->own, d->nown, sizeof *d->own, compare_own);
}

void insights_diary_add(struct insight_diary_build *b, const struct checkin *c)
{
    struct insight_diary *d = b->d;
    if (c->date < d->first || c->date >= d->first + (ache_day)d->ndays)
        return;
    uint32_t day = (uint32_t)(c->date - d->first);
    stats_days_add(&b->days, c);
    add_own(b, c, day);
    d->entry[day] |= insights_entry_bits(c);
    for (size_t t = 0; t < c->ntags; t++) {
        uint32_t k = tag_number(b, c->tags[t]);
        if (b->last_day[k] == day + 1)
            continue; /* a tag carried twice in a day counts once */
        b->last_day[k] = day + 1;
        if (b->ntags_carried == b->cap) {
            b->cap = b->cap ? 2 * b->cap : 64;
            d->day_tags = xreallocarray(d->day_tags, b->cap,
                                        sizeof *d->day_tags);
        }
        d->day_tags[b->ntags_carried++] = k;
        d->day_first[day + 1]++;
    }
}

static int compare_names(const void *pa, const void *pb)
{
    const char *const *a = pa, *const *b = pb;
    return strcmp(*a, *b);
}

/* Renumbers the tags in name order: rank[number] is its place. */
static uint32_t *rank_names(struct insight_diary *d)
{
    const char **order = xcalloc(d->ntags + 1, sizeof *order);
    for (size_t t = 0; t < d->ntags; t++)
        order[t] = d->tags[t];
    qsort(order, d->ntags, sizeof *order, compare_names);
    uint32_t *rank = xcalloc(d->ntags + 1, sizeof *rank);
    char (*sorted)[INSIGHTS_TAG_BUF] = xcalloc(d->ntags + 1, sizeof *sorted);
    for (size_t r = 0; r < d->ntags; r++) {
        size_t t = (size_t)(order[r] - d->tags[0]) / INSIGHTS_TAG_BUF;
        rank[t] = (uint32_t)r;
        memcpy(sorted[r], d->tags[t], INSIGHTS_TAG_BUF);
    }
    free(order);
    free(d->tags);
    d->tags = sorted;
    return rank;
}

static int compare_numbers(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

/* Each day's tags by their place in name order: the day lists came in
 * date order with a count per day, so sums of the counts find them. */
static void order_days(struct insight_diary *d, const uint32_t *rank)
{
    for (size_t i = 0; i < d->ndays; i++)
        d->day_first[i + 1] += d->day_first[i];
    for (size_t j = 0; j < d->day_first[d->ndays]; j++)
        d->day_tags[j] = rank[d->day_tags[j]];
    for (size_t i = 0; i < d->ndays; i++)
        qsort(d->day_tags + d->day_first[i],
              d->day_first[i + 1] - d->day_first[i], sizeof *d->day_tags,
              compare_numbers);
}

/* The lists of pairs turned the other way: row r of the `from` lists
 * holds items[first[r] .. first[r + 1]), each a column below ncols; the
 * result lists each column's rows, ascending (a count per column, then
 * each row in order). */
struct pair_lists {
    size_t n;
    uint32_t *first, *items;
};

static struct pair_lists transpose(struct pair_lists from, size_t ncols)
{
    size_t m = from.first[from.n];
    struct pair_lists to = {ncols, xcalloc(ncols + 1, sizeof *to.first),
                            xcalloc(m ? m : 1, sizeof *to.items)};
    for (size_t j = 0; j < m; j++)
        to.first[from.items[j] + 1]++;
    for (size_t c = 0; c < ncols; c++)
        to.first[c + 1] += to.first[c];
    uint32_t *next = xcalloc(ncols + 1, sizeof *next);
    memcpy(next, to.first, ncols * sizeof *next);
    for (size_t r = 0; r < from.n; r++)
        for (size_t j = from.first[r]; j < from.first[r + 1]; j++)
            to.items[next[from.items[j]]++] = (uint32_t)r;
    free(next);
    return to;
}

/* Each tag's days from the days' tags. */
static void list_tags(struct insight_diary *d)
{
    struct pair_lists by_day = {d->ndays, d->day_first, d->day_tags};
    struct pair_lists by_tag = transpose(by_day, d->ntags);
    d->tag_first = by_tag.first;
    d->tag_days = by_tag.items;
}

/* Each day's tags from the tags' days (for a slice). */
static void list_days(struct insight_diary *d)
{
    struct pair_lists by_tag = {d->ntags, d->tag_first, d->tag_days};
    struct pair_lists by_day = transpose(by_tag, d->ndays);
    d->day_first = by_day.first;
    d->day_tags = by_day.items;
}

void insights_diary_end(struct insight_diary_build *b)
{
    struct insight_diary *d = b->d;
    stats_days_end(&b->days);
    for (size_t i = 0; i < d->ndays; i++)
        d->entry[i] = insights_entry_of(d->entry[i]);
    /* the room grown for more tags is given back: a century keeps these */
    d->day_tags = xreallocarray(d->day_tags,
                                b->ntags_carried ? b->ntags_carried : 1,
                                sizeof *d->day_tags);
    uint32_t *rank = rank_names(d);
    order_days(d, rank);
    free(rank);
    end_own(b);
    free(b->last_day);
    strmap_free(b->names);
    free(b->names);
    list_tags(d);
    *b = (struct insight_diary_build){0};
}

void insights_diary_build(const struct checkin *items, size_t n,
                          ache_day first, ache_day last,
                          struct insight_diary *out)
{
    const struct checkin **order = checkin_by_date(items, n);
    struct insight_diary_build b;
    insights_diary_begin(&b, first, last, out);
    for (size_t i = 0; i < n; i++)
        insights_diary_add(&b, order[i]);
    insights_diary_end(&b);
    free(order);
}

void insights_diary_with_history(const struct checkin *items, size_t n,
                                 ache_day first, ache_day last,
                                 struct insight_diary *out)
{
    ache_day from = first - INSIGHTS_HISTORY_DAYS;
    for (size_t i = 0; i < n; i++)
        if (items[i].date < from)
            from = items[i].date;
    insights_diary_build(items, n, from, last < first ? first : last, out);
}

/* ---- a slice of days -------------------------------------------------------- */

/* The tags of whole carried within first..last (as day indices of whole),
 * renumbered from 0, with their days counted from first. */
static void slice_tags(const struct insight_diary *whole, size_t lo, size_t hi,
                       struct insight_diary *out)
{
    size_t m = whole->day_first[hi] - whole->day_first[lo];
    out->tags = xcalloc(whole->ntags + 1, sizeof *out->tags);
    out->tag_first = xcalloc(whole->ntags + 1, sizeof *out->tag_first);
    out->tag_days = xcalloc(m ? m : 1, sizeof *out->tag_days);
    size_t k = 0;
    for (size_t t = 0; t < whole->ntags; t++) {
        size_t before = k;
        for (size_t j = whole->tag_first[t]; j < whole->tag_first[t + 1]; j++)
            if (whole->tag_days[j] >= lo && whole->tag_days[j] < hi)
                out->tag_days[k++] = (uint32_t)(whole->tag_days[j] - lo);
        if (k == before)
            continue;
        memcpy(out->tags[out->ntags], whole->tags[t], INSIGHTS_TAG_BUF);
        out->tag_first[++out->ntags] = (uint32_t)k;
    }
}

void insights_diary_slice(const struct insight_diary *whole, ache_day first,
                          ache_day last, struct insight_diary *out)
{
    memset(out, 0, sizeof *out);
    size_t lo = (size_t)(first - whole->first);
    size_t hi = (size_t)(last - whole->first) + 1;
    out->first = first;
    out->ndays = hi - lo;
    out->days = whole->days + lo;
    out->entry = whole->entry + lo;
    out->own = xcalloc(whole->nown ? whole->nown : 1, sizeof *out->own);
    for (size_t k = 0; k < whole->nown; k++)
        out->own[k] = (struct insight_own_days){whole->own[k].key,
                                                whole->own[k].mean + lo};
    out->nown = whole->nown;
    out->borrowed = true;
    slice_tags(whole, lo, hi, out);
    list_days(out);
}

struct insights_outcome_days insights_outcome_days(
    const struct insight_diary *d, int key)
{
    struct insights_outcome_days o = {key, NULL};
    for (size_t k = 0; key >= CF_COUNT && k < d->nown; k++)
        if (d->own[k].key == key)
            o.own = d->own[k].mean;
    return o;
}

bool insights_day_counts(const struct insight_diary *d, size_t i,
                         const struct insights_outcome_days *o, int lag,
                         double *v)
{
    size_t at = i + (size_t)lag;
    if (at >= d->ndays || (o->key >= CF_COUNT && !o->own))
        return false;
    *v = o->own ? o->own[at] : d->days[at].mean[o->key];
    return d->days[i].checkins != 0 && *v >= 0;
}

/* Whether an own column has a value on one of n days. */
static bool has_value(const float *mean, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (mean[i] >= 0)
            return true;
    return false;
}

size_t insights_outcomes_in(const struct insight_diary *whole, ache_day first,
                            ache_day last, int keys[INSIGHTS_OUTCOMES_MAX])
{
    size_t n = 0;
    for (int o = 0; o < INSIGHTS_BUILTIN_OUTCOMES; o++)
        keys[n++] = insights_outcome(o);
    if (last < first)
        return n;
    size_t lo = (size_t)(first - whole->first);
    size_t ndays = (size_t)(last - first) + 1;
    /* a field hidden or made weekly since the diary was read is left
     * out, as one would be when it is read again */
    for (size_t k = 0; k < whole->nown && n < INSIGHTS_OUTCOMES_MAX; k++)
        if (own_outcome(whole->own[k].key) &&
            has_value(whole->own[k].mean + lo, ndays))
            keys[n++] = whole->own[k].key;
    return n;
}

const struct insight_diary *insights_diary_view(
    const struct insight_diary *whole, ache_day first, ache_day last,
    struct insight_diary *cut)
{
    memset(cut, 0, sizeof *cut);
    if (whole->first == first &&
        whole->ndays == (size_t)(last - first) + 1)
        return whole;
    insights_diary_slice(whole, first, last, cut);
    return cut;
}

void insights_diary_free_tags(struct insight_diary *d)
{
    free(d->tags);
    free(d->tag_first);
    free(d->tag_days);
    free(d->day_first);
    free(d->day_tags);
    d->tags = NULL;
    d->tag_first = d->tag_days = d->day_first = d->day_tags = NULL;
    d->ntags = 0;
}

void insights_diary_free(struct insight_diary *d)
{
    if (!d->borrowed) {
        free(d->days);
        free(d->entry);
        for (size_t k = 0; k < d->nown; k++)
            free(d->own[k].mean);
    }
    free(d->own);
    insights_diary_free_tags(d);
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
