/* insights: tags that share most of their days, and each one's effect on
 * the days without the other. A companion of a real trigger (coffee
 * with every late night) passes its test on all days as often as the
 * trigger; only the days one has without the other tell them apart. */
#include "insights_impl.h"

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/util.h"

/* The tested tags, each with its strongest effect: the first of the tag
 * in the list, which is sorted by p. */
struct tested_tag {
    size_t index; /* in the diary's tags */
    const struct insight_effect *best;
};

static size_t tested_tags(const struct insight_diary *d,
                          const struct insight_effect_list *fx,
                          struct tested_tag *out)
{
    size_t k = 0;
    for (size_t t = 0; t < d->ntags; t++)
        for (size_t i = 0; i < fx->tested; i++)
            if (strcmp(fx->items[i].tag, d->tags[t]) == 0) {
                out[k++] = (struct tested_tag){t, &fx->items[i]};
                break;
            }
    return k;
}

static size_t days_of(const struct insight_diary *d, size_t t)
{
    return d->tag_first[t + 1] - d->tag_first[t];
}

/* Days carrying both tags: a merge of their sorted day lists. */
static size_t shared_days(const struct insight_diary *d, size_t a, size_t b)
{
    const uint32_t *x = d->tag_days + d->tag_first[a];
    const uint32_t *xe = d->tag_days + d->tag_first[a + 1];
    const uint32_t *y = d->tag_days + d->tag_first[b];
    const uint32_t *ye = d->tag_days + d->tag_first[b + 1];
    size_t n = 0;
    while (x < xe && y < ye) {
        if (*x == *y) {
            n++;
            x++;
            y++;
        } else if (*x < *y) {
            x++;
        } else {
            y++;
        }
    }
    return n;
}

/* Marks the days carrying tag t. */
static void mark(const struct insight_diary *d, size_t t, bool *on)
{
    memset(on, 0, d->ndays * sizeof *on);
    for (size_t j = d->tag_first[t]; j < d->tag_first[t + 1]; j++)
        on[d->tag_days[j]] = true;
}

/* One tag's strongest effect on the days without the other. */
static void side_alone(const struct insight_diary *d, const struct tested_tag *mine,
                       size_t other, bool *scratch,
                       struct insight_overlap_side *s)
{
    bool *with_other = scratch, *with_mine = scratch + d->ndays;
    mark(d, other, with_other);
    mark(d, mine->index, with_mine);
    insights_copy_name(s->tag, d->tags[mine->index]);
    s->days = (int)days_of(d, mine->index);
    s->outcome = mine->best->outcome;
    s->lag = mine->best->lag;
    double sum_with = 0, sum_without = 0;
    struct insights_outcome_days f = insights_outcome_days(d, s->outcome);
    for (size_t i = 0; i < d->ndays; i++) {
        double v;
        if (with_other[i] || !insights_day_counts(d, i, &f, s->lag, &v))
            continue;
        if (with_mine[i]) {
            s->days_with++;
            sum_with += v;
        } else {
            s->days_without++;
            sum_without += v;
        }
    }
    s->enough = s->days_with >= INSIGHTS_MIN_GROUP &&
                s->days_without >= INSIGHTS_MIN_GROUP;
    if (s->enough)
        s->diff = sum_with / s->days_with - sum_without / s->days_without;
}

/* Whether two tags share more than half of each one's days. Sharing more
 * than half of the larger needs the smaller to be more than half of it,
 * which skips most pairs without a merge. */
static bool overlapping(const struct insight_diary *d, size_t a, size_t b,
                        size_t *shared)
{
    size_t da = days_of(d, a), db = days_of(d, b);
    size_t most = da > db ? da : db, least = da > db ? db : da;
    if (2 * least <= most)
        return false;
    *shared = shared_days(d, a, b);
    return 2 * *shared > most;
}

void insights_overlaps_in(const struct insight_diary *whole, ache_day first,
                          ache_day last, const struct insight_effect_list *fx,
                          struct insight_overlap_list *out)
{
    memset(out, 0, sizeof *out);
    if (last < first || fx->tested == 0)
        return;
    struct insight_diary cut;
    const struct insight_diary *d = insights_diary_view(whole, first, last,
                                                        &cut);
    struct tested_tag *tags = xcalloc(d->ntags + 1, sizeof *tags);
    size_t k = tested_tags(d, fx, tags);
    bool *scratch = xcalloc(2 * d->ndays, sizeof *scratch);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            size_t shared;
            if (!overlapping(d, tags[i].index, tags[j].index, &shared))
                continue;
            out->items = xreallocarray(out->items, out->n + 1,
                                       sizeof *out->items);
            struct insight_overlap *o = &out->items[out->n++];
            memset(o, 0, sizeof *o);
            o->shared = (int)shared;
            side_alone(d, &tags[i], tags[j].index, scratch, &o->side[0]);
            side_alone(d, &tags[j], tags[i].index, scratch, &o->side[1]);
        }
    free(scratch);
    free(tags);
    insights_diary_free(&cut);
}

void insights_overlaps(const struct checkin *items, size_t n, ache_day first,
                       ache_day last, const struct insight_effect_list *fx,
                       struct insight_overlap_list *out)
{
    struct insight_diary d;
    insights_diary_build(items, n, first, last < first ? first : last, &d);
    insights_overlaps_in(&d, first, last, fx, out);
    insights_diary_free(&d);
}

void insights_overlap_list_free(struct insight_overlap_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
