/* insights: a treatment's trial. Mean daily pain in the 28 days before
 * its first use against the 14 days after, with a moving-block bootstrap
 * interval of the change, a warning when it began during a bad spell, and
 * an IMMPACT label only where the interval supports one (the header says
 * why each number is what it is). */
#include "insights_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/stats.h"

static const char *const change_names[] = {
    [INSIGHT_TOO_LITTLE_DATA] = "too little data",
    [INSIGHT_NO_CLEAR_CHANGE] = "no clear change",
    [INSIGHT_WORSE] = "worse",
    [INSIGHT_MINIMAL] = "minimal improvement",
    [INSIGHT_MODERATE] = "moderate improvement",
    [INSIGHT_SUBSTANTIAL] = "substantial improvement",
};

const char *insights_change_name(enum insight_change change)
{
    if ((unsigned)change >= sizeof change_names / sizeof change_names[0])
        return "";
    return change_names[change];
}

/* ---- the label ------------------------------------------------------------ */

enum insight_change insights_trial_label(double pct, double low, double high)
{
    /* the slack keeps a fall from 5 to 4.5 (10% in decimals, 9.999... in
     * binary) on the side a person would put it */
    double s = INSIGHTS_SLACK * 100.0;
    /* the smaller of the two falls: a label must hold at the interval's
     * cautious end, and for the change seen */
    double cautious = pct > high ? pct : high;
    if (-cautious >= INSIGHTS_SUBSTANTIAL_PCT - s)
        return INSIGHT_SUBSTANTIAL;
    if (-cautious >= INSIGHTS_MODERATE_PCT - s)
        return INSIGHT_MODERATE;
    if (-cautious >= INSIGHTS_MINIMAL_PCT - s)
        return INSIGHT_MINIMAL;
    if (low > 0 && pct >= INSIGHTS_WORSE_PCT - s)
        return INSIGHT_WORSE;
    return INSIGHT_NO_CLEAR_CHANGE;
}

/* ---- the bootstrap -------------------------------------------------------- */

/* One side's days with pain, in date order. */
struct series {
    double v[INSIGHTS_TRIAL_BEFORE_DAYS];
    size_t n;
};

static void series_push(struct series *s, double v)
{
    s->v[s->n++] = v;
}

static double series_mean(const struct series *s)
{
    double sum = 0;
    for (size_t i = 0; i < s->n; i++)
        sum += s->v[i];
    return s->n ? sum / (double)s->n : STATS_ABSENT;
}

/* SplitMix64, the generator of insights_perm.c: our own, so that a diary
 * gives the same interval on every machine (rand() differs between C
 * libraries). */
static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* The mean of one circular block resample of s (Politis and Romano 1992):
 * runs of BLOCK days (all of s when shorter) from random starts, wrapping
 * from the last day to the first, laid end to end and cut at s->n. The
 * wrap draws every day equally often; plain moving blocks draw the days
 * at the ends less, and the days just before a first use are the ones
 * that matter most. A modulo of 64 random bits by at most 28 is biased by
 * under 1e-17, far below the resampling's own noise. */
static double resample_mean(const struct series *s, uint64_t *state)
{
    size_t block = s->n < INSIGHTS_TRIAL_BLOCK ? s->n : INSIGHTS_TRIAL_BLOCK;
    double sum = 0;
    for (size_t k = 0; k < s->n;) {
        size_t at = (size_t)(rng_next(state) % s->n);
        for (size_t j = 0; j < block && k < s->n; j++, k++)
            sum += s->v[(at + j) % s->n];
    }
    return sum / (double)s->n;
}

/* The change in percent; from no pain, any pain is an endless rise. */
static double pct_change(double before, double after)
{
    if (before > 0)
        return (after - before) / before * 100.0;
    return after > 0 ? INFINITY : 0;
}

static int compare_doubles(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* The 95% interval of the change from `before` to `after`: the
 * (B + 1) * 0.025th and (B + 1) * 0.975th of B sorted resamples, which
 * for B = 1999 are whole ranks (50th and 1950th). Always from the same
 * seed: the same diary gives the same interval. */
static void interval(const struct series *before, const struct series *after,
                     double *low, double *high)
{
    enum {
        B = INSIGHTS_TRIAL_RESAMPLES,
        LOW_AT = (B + 1) / 40 - 1,
        HIGH_AT = (B + 1) / 40 * 39 - 1
    };
    double r[B];
    uint64_t state = INSIGHTS_TRIAL_SEED;
    for (size_t i = 0; i < B; i++) {
        double b = resample_mean(before, &state);
        r[i] = pct_change(b, resample_mean(after, &state));
    }
    qsort(r, B, sizeof r[0], compare_doubles);
    *low = r[LOW_AT];
    *high = r[HIGH_AT];
}

/* ---- the trial ------------------------------------------------------------ */

/* The days around a first use as the trial reads them. */
struct trial_days {
    struct series before; /* the whole baseline */
    struct series usual;  /* the baseline but its last week */
    struct series spell;  /* that last week */
    struct series after;
    int checked, used;    /* days after with a check-in, with the tag */
};

static bool first_use(const struct checkin *items, size_t n, const char *tag,
                      ache_day *day)
{
    /* the store sorts by date, but looking at every check-in costs little
     * and makes the answer right for any order */
    bool found = false;
    for (size_t i = 0; i < n; i++)
        if (checkin_has_tag(&items[i], tag) && (!found || items[i].date < *day)) {
            *day = items[i].date;
            found = true;
        }
    return found;
}

/* The days after the first use that carry the tag. */
static void days_tagged(const struct checkin *items, size_t n,
                        const char *tag, ache_day first,
                        bool carried[INSIGHTS_TRIAL_AFTER_DAYS])
{
    for (size_t i = 0; i < n; i++) {
        ache_day d = items[i].date;
        if (d > first && d <= first + INSIGHTS_TRIAL_AFTER_DAYS &&
            checkin_has_tag(&items[i], tag))
            carried[d - first - 1] = true;
    }
}

/* The days after `first` with pain, used as `used` says. */
static void collect(const struct checkin *items, size_t n,
                    const bool used[INSIGHTS_TRIAL_AFTER_DAYS], ache_day first,
                    struct trial_days *t)
{
    enum { BEFORE = INSIGHTS_TRIAL_BEFORE_DAYS,
           SPAN = BEFORE + 1 + INSIGHTS_TRIAL_AFTER_DAYS };
    struct day_summary days[SPAN];
    memset(t, 0, sizeof *t);
    stats_days(items, n, first - BEFORE, first + INSIGHTS_TRIAL_AFTER_DAYS,
               days);
    for (int i = 0; i < SPAN; i++) {
        double pain = days[i].mean[CF_PAIN];
        t->checked += i > BEFORE && days[i].checkins > 0;
        if (pain < 0 || i == BEFORE)
            continue;
        if (i > BEFORE) {
            series_push(&t->after, pain);
            continue;
        }
        series_push(&t->before, pain);
        series_push(i >= BEFORE - INSIGHTS_TRIAL_SPELL_DAYS ? &t->spell
                                                            : &t->usual,
                    pain);
    }
    for (int i = 0; i < INSIGHTS_TRIAL_AFTER_DAYS; i++)
        t->used += used[i];
}

static void cmp_init(struct insight_trial_cmp *c, const struct series *s)
{
    *c = (struct insight_trial_cmp){.days = (int)s->n,
                                    .mean = series_mean(s),
                                    .change = INSIGHT_TOO_LITTLE_DATA};
}

static void compare(struct insight_trial_cmp *c, const struct series *before,
                    const struct series *after, double mean_after)
{
    double pct = pct_change(c->mean, mean_after), low, high;
    interval(before, after, &low, &high);
    c->change = insights_trial_label(pct, low, high);
    c->has_pct = c->mean > 0;
    c->pct = c->has_pct ? pct : 0;
    c->has_range = isfinite(low) && isfinite(high);
    c->low = c->has_range ? low : 0;
    c->high = c->has_range ? high : 0;
}

static enum insight_trial_why why_unlabelled(const struct insight_trial *t)
{
    if (t->before.days < INSIGHTS_TRIAL_MIN_BEFORE)
        return INSIGHT_TRIAL_FEW_BEFORE;
    if (t->days_after < INSIGHTS_TRIAL_MIN_AFTER)
        return INSIGHT_TRIAL_FEW_AFTER;
    if (2 * t->days_used < t->days_checked)
        return INSIGHT_TRIAL_LITTLE_USE;
    return INSIGHT_TRIAL_LABELLED;
}

/* After a bad spell an improvement is only as large as the one against
 * usual pain: pain easing back to usual is what a bad spell does anyway.
 * "Worse" stands on the whole baseline, which the spell makes the harder
 * one to rise above. */
static enum insight_change after_spell(enum insight_change whole,
                                       enum insight_change usual)
{
    if (whole < INSIGHT_MINIMAL)
        return whole;
    if (usual < INSIGHT_MINIMAL)
        return INSIGHT_NO_CLEAR_CHANGE;
    return usual < whole ? usual : whole;
}

static void trial_sides(struct insight_trial *out, const struct trial_days *t)
{
    cmp_init(&out->before, &t->before);
    cmp_init(&out->usual, &t->usual);
    out->days_after = (int)t->after.n;
    out->mean_after = series_mean(&t->after);
    out->days_checked = t->checked;
    out->days_used = t->used;
    out->spell_days = (int)t->spell.n;
    out->spell_mean = series_mean(&t->spell);
    out->bad_spell = out->spell_days >= INSIGHTS_TRIAL_SPELL_MIN_DAYS &&
                     out->usual.days >= INSIGHTS_TRIAL_USUAL_MIN_DAYS &&
                     out->spell_mean >= out->usual.mean +
                                            INSIGHTS_TRIAL_SPELL_RISE -
                                            INSIGHTS_SLACK;
}

static void trial_init(struct insight_trial *out, const char *name)
{
    memset(out, 0, sizeof *out);
    snprintf(out->tag, sizeof out->tag, "%s", name);
    out->change = INSIGHT_TOO_LITTLE_DATA;
    out->why = INSIGHT_TRIAL_NEVER_USED;
    out->mean_after = out->spell_mean = STATS_ABSENT;
    out->before.mean = out->usual.mean = STATS_ABSENT;
}

/* The trial from out->first_use, the days used as `used` says. */
static void trial_from(const struct checkin *items, size_t n,
                       const bool used[INSIGHTS_TRIAL_AFTER_DAYS],
                       struct insight_trial *out)
{
    struct trial_days t;
    collect(items, n, used, out->first_use, &t);
    trial_sides(out, &t);
    out->why = why_unlabelled(out);
    if (out->why != INSIGHT_TRIAL_LABELLED)
        return;
    compare(&out->before, &t.before, &t.after, out->mean_after);
    out->change = out->before.change;
    if (out->bad_spell) {
        compare(&out->usual, &t.usual, &t.after, out->mean_after);
        out->change = after_spell(out->change, out->usual.change);
    }
}

void insights_trial(const struct checkin *items, size_t n, const char *tag,
                    struct insight_trial *out)
{
    trial_init(out, tag);
    if (!first_use(items, n, tag, &out->first_use))
        return;
    bool used[INSIGHTS_TRIAL_AFTER_DAYS] = {false};
    days_tagged(items, n, tag, out->first_use, used);
    trial_from(items, n, used, out);
}

void insights_trial_regimen(const struct checkin *items, size_t n,
                            const char *name, ache_day start,
                            const bool used[INSIGHTS_TRIAL_AFTER_DAYS],
                            struct insight_trial *out)
{
    trial_init(out, name);
    out->regimen = true;
    out->first_use = start;
    trial_from(items, n, used, out);
}
