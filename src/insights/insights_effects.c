/* insights: how each tag goes with pain, fatigue, sleep quality and the
 * person's own fields on the same day and the two days after, by a
 * permutation test. */
#include "insights_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/insights.h"
#include "ache/stats.h"
#include "ache/util.h"

static const int builtin_outcomes[INSIGHTS_BUILTIN_OUTCOMES] = {
    CF_PAIN, CF_FATIGUE, CF_SLEEP_QUALITY};

int insights_outcome(int i)
{
    return builtin_outcomes[i];
}

#define LAGS (INSIGHTS_MAX_LAG + 1)

/* The days that count for an outcome at a lag, and their sum. */
struct totals {
    size_t n;
    double sum;
};

/* The outcomes of a period, each with its values and, per lag, the days
 * that count and their sum. */
struct outcome_set {
    size_t n;
    int key[INSIGHTS_OUTCOMES_MAX];
    struct insights_outcome_days days[INSIGHTS_OUTCOMES_MAX];
    struct totals all[INSIGHTS_OUTCOMES_MAX * LAGS];
};

/* The values of one outcome at one lag in date order, and which days the
 * tag was on (buffers of the period's length, filled per test). */
struct series_buf {
    double *value;
    bool *tagged;
    size_t n;
};

/* Every day's value and whether the tag was on: only for a test that
 * will run, whose permutations cost more than this walk over the days. */
static void gather(const struct insight_diary *d, size_t tag,
                   const struct insights_outcome_days *f, int lag,
                   struct series_buf *b)
{
    const uint32_t *on = d->tag_days + d->tag_first[tag];
    const uint32_t *end = d->tag_days + d->tag_first[tag + 1];
    b->n = 0;
    for (size_t i = 0; i < d->ndays; i++) {
        double v;
        bool with = on < end && *on == i;
        on += with;
        if (!insights_day_counts(d, i, f, lag, &v))
            continue;
        b->value[b->n] = v;
        b->tagged[b->n++] = with;
    }
}

static struct totals totals_of(const struct insight_diary *d,
                               const struct insights_outcome_days *f, int lag)
{
    struct totals t = {0, 0};
    for (size_t i = 0; i < d->ndays; i++) {
        double v;
        if (insights_day_counts(d, i, f, lag, &v)) {
            t.n++;
            t.sum += v;
        }
    }
    return t;
}


#define FNV_PRIME UINT64_C(0x100000001b3)

static uint64_t fnv_text(uint64_t h, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * FNV_PRIME;
    return h;
}

/* A stream per tag, outcome and lag: FNV-1a of the name, mixed with the
 * rest by the generator's first step inside the test. A built-in outcome
 * mixes in its key, as it always has (so its p-values stay what they
 * were); an own field its name after a byte no name holds, since its key
 * is only the order in which this copy of the diary added it. */
static uint64_t effect_seed(uint64_t seed, const char *tag, int key, int lag)
{
    uint64_t h = fnv_text(UINT64_C(0xcbf29ce484222325), tag);
    if (key < CF_COUNT) {
        h = (h ^ (uint64_t)key) * FNV_PRIME;
    } else {
        const struct field_info *fi = checkin_field_info(key);
        h = fnv_text((h ^ 0xffu) * FNV_PRIME, fi ? fi->name : "");
    }
    h = (h ^ (uint64_t)lag) * FNV_PRIME;
    return seed ^ h;
}

/* The test of an effect with enough data (fill_partial has the counts
 * and means). */
/* How the tests of a diary's effects run: the options, the p below which
 * an effect surely passes the correction (INSIGHTS_FDR / the number of
 * tests: a p at most that survives whatever the others' are, and
 * shuffles past it would only measure it more finely), and the days'
 * values and tags of the test at hand. */
struct effect_tests {
    struct insight_effect_options opt;
    double clear;
    struct series_buf *b;
    const struct outcome_set *outcomes;
};

static void fill_effect(const struct effect_tests *run, uint64_t seed,
                        struct insight_effect *e)
{
    const struct series_buf *b = run->b;
    struct insight_series s = {b->value, b->tagged, b->n};
    struct insight_test_options t = {run->opt.permutations, run->opt.most,
                                     seed, run->clear};
    struct insight_test r;
    insights_series_test(&s, &t, &r);
    e->diff = e->mean_with - e->mean_without;
    e->p = r.p;
    e->permutations = r.permutations;
    e->memory = r.memory;
}

/* An effect with too little data, from the tag's own days alone: the
 * days without it are the rest of the period's (most tags are carried on
 * a few days, and looking at every day for each was the whole cost). */
static void fill_partial(const struct insight_diary *d, size_t tag,
                         const struct insights_outcome_days *f,
                         struct totals all, struct insight_effect *e)
{
    struct totals with = {0, 0};
    for (size_t j = d->tag_first[tag]; j < d->tag_first[tag + 1]; j++) {
        double v;
        if (insights_day_counts(d, d->tag_days[j], f, e->lag, &v)) {
            with.n++;
            with.sum += v;
        }
    }
    size_t without = all.n - with.n;
    e->days_with = (int)with.n;
    e->days_without = (int)without;
    e->mean_with = with.n ? with.sum / (double)with.n : STATS_ABSENT;
    e->mean_without =
        without ? (all.sum - with.sum) / (double)without : STATS_ABSENT;
    e->p = e->q = 1.0;
    e->enough = with.n >= INSIGHTS_MIN_GROUP &&
                without >= INSIGHTS_MIN_GROUP;
}

/* Every outcome and lag of one tag, counted, with no test yet. */
static void tag_partials(const struct insight_diary *d, size_t tag,
                         const struct outcome_set *os,
                         struct insight_effect *out)
{
    for (size_t o = 0; o < os->n; o++)
        for (int lag = 0; lag <= INSIGHTS_MAX_LAG; lag++) {
            struct insight_effect *e = out++;
            memset(e, 0, sizeof *e);
            insights_copy_name(e->tag, d->tags[tag]);
            e->outcome = os->key[o];
            e->lag = lag;
            fill_partial(d, tag, &os->days[o], os->all[o * LAGS + (size_t)lag],
                         e);
        }
}

/* The tests of one tag's effects with enough data. */
static void tag_tests(const struct insight_diary *d, size_t tag,
                      const struct effect_tests *run,
                      struct insight_effect *out)
{
    for (size_t i = 0; i < run->outcomes->n * LAGS; i++) {
        struct insight_effect *e = &out[i];
        if (!e->enough)
            continue;
        gather(d, tag, &run->outcomes->days[i / LAGS], e->lag, run->b);
        fill_effect(run,
                    effect_seed(run->opt.seed, e->tag, e->outcome, e->lag), e);
    }
}

/* By tag, outcome and lag: the last word, so the order never depends on
 * qsort. */
static int compare_names(const struct insight_effect *a,
                         const struct insight_effect *b)
{
    int c = strcmp(a->tag, b->tag);
    if (c)
        return c;
    if (a->outcome != b->outcome)
        return a->outcome < b->outcome ? -1 : 1;
    return (a->lag > b->lag) - (a->lag < b->lag);
}

/* Tested effects first, by p, then the larger |diff|; ties and the rest by
 * tag, outcome and lag. */
static int compare_effects(const void *pa, const void *pb)
{
    const struct insight_effect *a = pa, *b = pb;
    if (a->enough != b->enough)
        return a->enough ? -1 : 1;
    if (a->enough && a->p != b->p)
        return a->p < b->p ? -1 : 1;
    if (a->enough && fabs(a->diff) != fabs(b->diff))
        return fabs(a->diff) > fabs(b->diff) ? -1 : 1;
    return compare_names(a, b);
}

/* Tested effects by the larger |diff|, then tag, outcome and lag. */
static int compare_by_size(const void *pa, const void *pb)
{
    const struct insight_effect *a = pa, *b = pb;
    if (fabs(a->diff) != fabs(b->diff))
        return fabs(a->diff) > fabs(b->diff) ? -1 : 1;
    return compare_names(a, b);
}

/* Shuffles stop once p is surely at most the point where it passes the
 * correction whatever the others are (or at 1 / (most + 1)), so effects
 * beyond it are not measured apart and go by size; the normal curve of a
 * long series goes on to 1e-40 and 1e-90, and ranking two such
 * overwhelming effects by p would call the more certain one "strongest"
 * rather than the larger. So p-values at or below that point count as
 * equal here too. Done after the correction, which needs the exact order;
 * items[0..tested) sorted by p. */
static void order_beyond_shuffles(struct insight_effect_list *l,
                                  const struct effect_tests *run)
{
    double floor_p = 1.0 / ((double)run->opt.most + 1.0);
    if (run->clear > floor_p)
        floor_p = run->clear;
    size_t k = 0;
    while (k < l->tested && l->items[k].p <= floor_p)
        k++;
    qsort(l->items, k, sizeof *l->items, compare_by_size);
}

/* Benjamini-Hochberg on items sorted by p: q_i = min over j >= i of
 * p_j * m / j (ranks from 1), at most 1. */
static void adjust_q(struct insight_effect *items, size_t m)
{
    double running = 1.0;
    for (size_t i = m; i-- > 0;) {
        double q = items[i].p * (double)m / (double)(i + 1);
        if (q < running)
            running = q;
        items[i].q = running;
    }
}

/* The options with their defaults filled in. */
static struct insight_effect_options options_of(
    const struct insight_effect_options *opt)
{
    struct insight_effect_options o = {INSIGHTS_PERMUTATIONS, INSIGHTS_SEED,
                                       INSIGHTS_PERMUTATIONS_MAX};
    if (opt)
        o = *opt;
    if (o.permutations == 0)
        o.permutations = INSIGHTS_PERMUTATIONS;
    if (o.most == 0)
        o.most = INSIGHTS_PERMUTATIONS_MAX;
    return o;
}

/* The outcomes of d (which is the period), their values and totals. */
static void outcomes_of(const struct insight_diary *d, struct outcome_set *os)
{
    os->n = insights_outcomes_in(d, d->first,
                                 d->first + (ache_day)d->ndays - 1, os->key);
    for (size_t o = 0; o < os->n; o++) {
        os->days[o] = insights_outcome_days(d, os->key[o]);
        for (int lag = 0; lag < LAGS; lag++)
            os->all[o * LAGS + (size_t)lag] = totals_of(d, &os->days[o], lag);
    }
}

/* Every tag's effects counted, and how many have enough data to test. */
static size_t count_all(const struct insight_diary *d,
                        const struct outcome_set *os,
                        struct insight_effect_list *out)
{
    size_t per_tag = os->n * LAGS, tests = 0;
    for (size_t t = 0; t < d->ntags; t++) {
        tag_partials(d, t, os, out->items + t * per_tag);
        for (size_t i = 0; i < per_tag; i++)
            tests += out->items[t * per_tag + i].enough;
    }
    return tests;
}

/* The tests, the order and the correction, over the counted effects. */
static void test_all(const struct insight_diary *d, struct effect_tests *run,
                     size_t tests, struct insight_effect_list *out)
{
    size_t per_tag = run->outcomes->n * LAGS;
    run->clear = tests ? INSIGHTS_FDR / (double)tests : 0;
    for (size_t t = 0; t < d->ntags; t++)
        tag_tests(d, t, run, out->items + t * per_tag);
    qsort(out->items, out->n, sizeof *out->items, compare_effects);
    while (out->tested < out->n && out->items[out->tested].enough)
        out->tested++;
    adjust_q(out->items, out->tested);
    order_beyond_shuffles(out, run);
}

void insights_effects_in(const struct insight_diary *whole, ache_day first,
                         ache_day last, const struct insight_effect_options *opt,
                         struct insight_effect_list *out)
{
    memset(out, 0, sizeof *out);
    if (last < first)
        return;
    struct insight_diary cut;
    const struct insight_diary *d = insights_diary_view(whole, first, last,
                                                        &cut);
    struct outcome_set *os = xcalloc(1, sizeof *os);
    outcomes_of(d, os);
    memcpy(out->outcomes, os->key, os->n * sizeof *os->key);
    out->noutcomes = os->n;
    out->n = d->ntags * os->n * LAGS;
    out->items = xcalloc(out->n ? out->n : 1, sizeof *out->items);
    struct series_buf b = {xcalloc(d->ndays + 1, sizeof(double)),
                           xcalloc(d->ndays + 1, sizeof(bool)), 0};
    struct effect_tests run = {options_of(opt), 0, &b, os};
    test_all(d, &run, count_all(d, os, out), out);
    free(b.value);
    free(b.tagged);
    free(os);
    insights_diary_free(&cut);
}

void insights_effects(const struct checkin *items, size_t n, ache_day first,
                      ache_day last, const struct insight_effect_options *opt,
                      struct insight_effect_list *out)
{
    struct insight_diary d;
    insights_diary_build(items, n, first, last < first ? first : last, &d);
    insights_effects_in(&d, first, last, opt, out);
    insights_diary_free(&d);
}

void insights_effect_list_free(struct insight_effect_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
