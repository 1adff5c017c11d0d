/* insights: the test of a tag against an outcome, a permutation test on
 * what each day adds to the days before (see insights_series_test), or
 * for a long series the normal curve that test approaches. The shuffles
 * draw from a small PRNG of our own so that the same diary and seed give
 * the same p-values on every machine (rand() and random() differ between
 * C libraries). */
#include "ache/insights.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ache/util.h"

/* SplitMix64 (Steele, Lea and Flood 2014): one 64-bit state, passes
 * BigCrush, and every seed (0 included) is a good one. */
static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, bound) by Lemire's multiply-and-shift (2019), which
 * needs a division only in the rare case it must throw a draw back to stay
 * unbiased; a bare modulo would favour small numbers, and dividing on
 * every draw was most of the test's time. */
static uint32_t rng_below(uint64_t *state, uint32_t bound)
{
    uint64_t m = (rng_next(state) >> 32) * (uint64_t)bound;
    if ((uint32_t)m < bound) {
        uint32_t reject_below = (0u - bound) % bound;
        while ((uint32_t)m < reject_below)
            m = (rng_next(state) >> 32) * (uint64_t)bound;
    }
    return (uint32_t)(m >> 32);
}

double insights_memory(const double *v, size_t n)
{
    if (n < 3)
        return 0;
    double mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += v[i];
    mean /= (double)n;
    double num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        den += (v[i] - mean) * (v[i] - mean);
        if (i + 1 < n)
            num += (v[i] - mean) * (v[i + 1] - mean);
    }
    double r = den > 0 ? num / den : 0;
    if (r <= 0)
        return 0;
    /* The sample's own mean pulls its lag-1 correlation towards zero by
     * about (1 + 3r) / n (Marriott and Pope 1954); left in, the memory
     * that stays behind makes runs of noise look like effects. */
    r += (1 + 3 * r) / (double)n;
    return r > INSIGHTS_MEMORY_MAX ? INSIGHTS_MEMORY_MAX : r;
}

/* The series with yesterday's share taken out: e[t] = v[t] - r v[t-1]
 * for the values, then centred, and the same for the tag (as 0 or 1), for
 * t = 1..n-1. */
struct whitened {
    double *value, *tag;
    size_t n;
    double observed; /* the diary's statistic */
};

/* |S| / sqrt(V) for u[t] = tag[t] value[t], S the sum of u and V = sum of
 * u[t]^2 + sum of u[t] u[t-1]: the sum scaled by its spread, counting
 * what neighbouring days still share after whitening (Newey and West
 * 1987, one day). Shuffles scatter what neighbours share, the diary keeps
 * it; without this the diary's runs of noise still came out "unlikely to
 * be chance" more often than p says. */
static double studentized(const struct whitened *w)
{
    double sum = 0, spread = 0, before = 0;
    for (size_t i = 0; i < w->n; i++) {
        double u = w->tag[i] * w->value[i];
        sum += u;
        spread += u * u + u * before;
        before = u;
    }
    return spread > 0 ? fabs(sum) / sqrt(spread) : 0;
}

static void centre(double *v, size_t n)
{
    double mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += v[i];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++)
        v[i] -= mean;
}

static void whiten(const struct insight_series *s, double r,
                   struct whitened *w)
{
    w->n = s->n - 1;
    w->value = xcalloc(w->n, sizeof *w->value);
    w->tag = xcalloc(w->n, sizeof *w->tag);
    for (size_t t = 1; t < s->n; t++) {
        w->value[t - 1] = s->value[t] - r * s->value[t - 1];
        w->tag[t - 1] = (double)s->tagged[t] - r * (double)s->tagged[t - 1];
    }
    centre(w->value, w->n);
    centre(w->tag, w->n);
    w->observed = studentized(w);
}

/* One shuffle of the values (Fisher-Yates, in place: each draw starts
 * from the last, which is as random), and whether it matched the tag at
 * least as strongly as the diary did (the slack keeps rounding from
 * hiding a tie). */
static bool shuffle_is_extreme(struct whitened *w, uint64_t *state)
{
    for (size_t i = 0; i + 1 < w->n; i++) {
        size_t j = i + rng_below(state, (uint32_t)(w->n - i));
        double v = w->value[j];
        w->value[j] = w->value[i];
        w->value[i] = v;
    }
    return studentized(w) >= w->observed * (1 - 1e-9);
}

/* How many of the values the tag was on. */
static size_t tagged_count(const struct insight_series *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        k += s->tagged[i];
    return k;
}

/* Whether the normal curve stands in for the shuffles: a long series
 * with enough days on each side (INSIGHTS_NORMAL_FROM and
 * INSIGHTS_NORMAL_SIDE say why). */
static bool normal_enough(const struct insight_series *s, size_t k)
{
    return s->n >= INSIGHTS_NORMAL_FROM && k >= INSIGHTS_NORMAL_SIDE &&
           s->n - k >= INSIGHTS_NORMAL_SIDE;
}

/* Two-sided p from the normal curve: P(|Z| >= stat) = erfc(stat / sqrt 2).
 * Past stat 37.5 erfc leaves the normal doubles, and past 38.6 it is 0,
 * which the correction (p * m / rank) and "p<0.001" cannot use; the
 * smallest normal double still says "beyond anything shuffles show". */
static double normal_tail(double stat)
{
    double p = erfc(stat / sqrt(2.0));
    return p > DBL_MIN ? p : DBL_MIN;
}

/* Whether p is surely at most `clear`, with `extreme` as extreme in
 * `drawn` shuffles: whether the 99% upper limit of the Poisson count
 * behind them (4.6 for none, 6.6 for one, 10.0 for three; this form is
 * within 2% of it) stays below clear * drawn. Stopping when the count
 * merely dipped below would favour a p just above clear that drew few
 * extremes early. */
static bool surely_below(unsigned extreme, unsigned drawn, double clear)
{
    double upper = extreme + 2.3 + 2.33 * sqrt(extreme + 1.0);
    return clear > 0 && upper <= clear * drawn;
}

/* p by shuffles: opt->first, then twice as many while fewer than
 * INSIGHTS_SETTLED were as extreme, up to opt->most, and no further once
 * p is at most opt->clear. */
static void shuffled_p(struct whitened *w,
                       const struct insight_test_options *opt,
                       struct insight_test *out)
{
    uint64_t state = opt->seed;
    unsigned drawn = 0, extreme = 0, target = opt->first;
    unsigned most = opt->most > opt->first ? opt->most : opt->first;
    for (;;) {
        for (; drawn < target; drawn++)
            extreme += shuffle_is_extreme(w, &state);
        /* enough shuffles as extreme settle p; only a p still near the
         * bottom of what was drawn is worth drawing more for, and only
         * while it is not yet surely below what the caller needs */
        if (extreme >= INSIGHTS_SETTLED || target >= most ||
            surely_below(extreme, drawn, opt->clear))
            break;
        target = target > most / 2 ? most : target * 2;
    }
    out->permutations = drawn;
    out->p = (extreme + 1.0) / (drawn + 1.0);
}

void insights_series_test(const struct insight_series *s,
                          const struct insight_test_options *opt,
                          struct insight_test *out)
{
    memset(out, 0, sizeof *out);
    out->p = 1.0;
    size_t k = s->n < 3 ? 0 : tagged_count(s);
    /* too short, or a tag on every day or on none: nothing to compare */
    if (k == 0 || k == s->n || opt->first == 0)
        return;
    out->memory = insights_memory(s->value, s->n);
    struct whitened w;
    whiten(s, out->memory, &w);
    /* On a long series the shuffles only trace the normal curve their
     * statistic approaches, at O(n) a shuffle and up to 200000 of them
     * (minutes for a lifetime's diary); the curve itself is as exact
     * there and free. */
    if (normal_enough(s, k))
        out->p = normal_tail(w.observed);
    else
        shuffled_p(&w, opt, out);
    free(w.value);
    free(w.tag);
}
