/* insights: the permutation test, on a small PRNG of our own so that the
 * same diary and seed give the same p-values on every machine (rand() and
 * random() differ between C libraries). */
#include "ache/insights.h"

#include <math.h>
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

static double sum_of(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

/* The difference of means scaled by k * (n - k), which keeps its order:
 * |S/k - (T - S)/(n - k)| * k * (n - k) = |S * n - T * k| for a group of
 * k values summing to S out of n summing to T. Only the smaller group needs
 * drawing, and no division is done per permutation. */
static double statistic(double group_sum, size_t k, double total, size_t n)
{
    return fabs(group_sum * (double)n - total * (double)k);
}

/* The sum of k values drawn without replacement: a partial Fisher-Yates
 * shuffle (the pool is left shuffled, which is as good a start as any). */
static double draw_sum(double *pool, size_t n, size_t k, uint64_t *state)
{
    double s = 0;
    for (size_t i = 0; i < k; i++) {
        size_t j = i + rng_below(state, (uint32_t)(n - i));
        double tmp = pool[i];
        pool[i] = pool[j];
        pool[j] = tmp;
        s += pool[i];
    }
    return s;
}

double insights_permutation_p(const double *a, size_t na, const double *b,
                              size_t nb, unsigned permutations,
                              uint64_t seed)
{
    if (na == 0 || nb == 0)
        return 1.0;
    size_t n = na + nb, k = na < nb ? na : nb;
    double *pool = xcalloc(n, sizeof *pool);
    memcpy(pool, a, na * sizeof *a);
    memcpy(pool + na, b, nb * sizeof *b);
    double total = sum_of(pool, n);
    double observed = statistic(sum_of(a, na), na, total, n);
    /* rounding must not hide a relabelling that ties the observed one */
    double slack = 1e-9 * (fabs(total) + 1) * (double)n;
    unsigned extreme = 0;
    uint64_t state = seed;
    for (unsigned r = 0; r < permutations; r++)
        if (statistic(draw_sum(pool, n, k, &state), k, total, n) >=
            observed - slack)
            extreme++;
    free(pool);
    return (extreme + 1.0) / (permutations + 1.0);
}
