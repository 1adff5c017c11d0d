/* synth: made-up diaries with known situations planted in them, to measure
 * how often `ache insights` finds what a diary holds and invents what it
 * does not (tests/synth/rates.c), and nothing else: no test judges
 * insights by them. Deterministic: its own SplitMix64, no rand(), no
 * clock; the same spec and seed give the same diary on every machine.
 *
 * The model, for days t = 0 .. days - 1:
 * - Pain follows a hidden AR(1) series, x_t = m + phi (x_{t-1} - m) +
 *   sd e_t (e_t standard normal; x_0 from the stationary law, so the first
 *   days vary as much as the rest). Each check-in's pain is x_t plus its
 *   own wobble (within_sd e) plus trigger_effect when the trigger was on
 *   day t - 1, rounded and clamped to 0-10. The wobble and the rounding
 *   make the check-ins' lag-1 autocorrelation a little below phi.
 * - Fatigue and sleep quality are their own AR(1) series, plus a weight
 *   times x_t - m (fatigue rises with pain, sleep quality falls), plus the
 *   same wobble; rounded and clamped. No tag touches them.
 * - A day has no check-in with probability `missing` (the series go on
 *   behind it); otherwise one (evening) or, with probability
 *   second_checkin, two (morning and evening).
 * - Noise tags "noise-01".. have no effect on anything. Their days are
 *   independent with probability noise_share (SYNTH_TAGS_IID), or runs
 *   of a two-state Markov chain (SYNTH_TAGS_RUNS) whose share of days on
 *   is noise_share and whose runs last noise_run days on average
 *   (noise_run2 for the even-numbered tags when it is not 0), as weather,
 *   a period, an illness or a course of treatment come.
 * - "trigger" (when trigger_share > 0): independent days with that
 *   probability; each adds trigger_effect to the next day's pain only (not
 *   to x, so it does not linger through the AR memory).
 * - "companion": on each trigger day with probability companion_overlap,
 *   on other days with probability companion_extra; no effect of its own.
 * - "treatment": no effect. It starts the day after the worst 7 days of
 *   recorded pain (mean of the recorded days, at least 4 of them), among
 *   weeks followed by a day with a check-in and leaving 14 days before
 *   that first use and 14 after inside the diary, as insights_trial
 *   needs; then it is carried on each later day with probability
 *   treatment_use. With treatment_effect > 0 it works: every check-in's
 *   pain on each day after the first use (carried that day or not, as a
 *   course of treatment goes on working) is cut by that fraction before
 *   rounding (0.3: 30% less pain, IMMPACT's "moderate"). The cut draws no
 *   random number, so a diary with 0 is the diary of before it existed.
 * A tag goes on the day's first check-in only, as a person logs it once.
 * Each part draws from its own stream of the seed, so that planting a
 * trigger moves neither the pain nor the noise tags of the same seed.
 */
#ifndef ACHE_TESTS_SYNTH_H
#define ACHE_TESTS_SYNTH_H

#include <stdbool.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "ache/date.h"

enum synth_tag_model { SYNTH_TAGS_IID, SYNTH_TAGS_RUNS };

/* An AR(1) series: mean, lag-1 coefficient (|phi| < 1), innovation sd. */
struct synth_series {
    double mean, phi, sd;
};

struct synth_spec {
    uint64_t seed;
    int days;                    /* 90 */
    ache_day first;              /* 2026-01-05 */
    struct synth_series pain;    /* {5, 0.7, 1.2} */
    struct synth_series fatigue; /* {5, 0.6, 1.0} */
    double fatigue_pain;         /* 0.5: weight of x_t - m */
    struct synth_series sleep;   /* sleep quality {6, 0.5, 1.2} */
    double sleep_pain;           /* -0.4 */
    double within_sd;            /* 0.5: a check-in's own wobble */
    double missing;              /* 0.1: share of days without a check-in */
    double second_checkin;       /* 0.2: share of days with two */
    int noise_tags;              /* 0 (at most 99) */
    enum synth_tag_model noise_model; /* SYNTH_TAGS_RUNS */
    double noise_share;          /* 0.25 */
    double noise_run;            /* 3: mean run in days (>= 1) */
    double noise_run2;           /* 0: even-numbered tags use noise_run too */
    double trigger_share;        /* 0: no trigger */
    double trigger_effect;       /* 2 */
    bool companion;              /* false */
    double companion_overlap;    /* 0.8 */
    double companion_extra;      /* 0.05 */
    bool treatment;              /* false */
    double treatment_use;        /* 0.85 */
    double treatment_effect;     /* 0: fractional cut in pain after first
                                    use (0.3 = 30% less) */
};

/* The defaults above; seed 1. */
void synth_spec_default(struct synth_spec *s);

/* The diary of spec s into out (emptied first; free it with
 * checkin_list_free), sorted by date and time as the store returns it. */
void synth_diary(const struct synth_spec *s, struct checkin_list *out);

/* The generator, for whoever needs a stream of their own. */
uint64_t synth_next(uint64_t *state);  /* SplitMix64 */
double synth_uniform(uint64_t *state); /* [0, 1) */
double synth_normal(uint64_t *state);  /* standard normal */

#endif
