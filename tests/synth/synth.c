/* synth: the made-up diaries of synth.h. */
#include "synth.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/util.h"

/* Each part of a diary draws from its own stream (see the header). */
enum synth_part {
    PART_PAIN = 1,
    PART_FATIGUE,
    PART_SLEEP,
    PART_WOBBLE,
    PART_SITTINGS,
    PART_TRIGGER,
    PART_COMPANION,
    PART_TREATMENT,
    PART_NOISE = 100 /* + tag index */
};

/* The values a check-in gets, in this order. */
enum { V_PAIN, V_FATIGUE, V_SLEEP, NVALUES };
static const enum checkin_field value_fields[NVALUES] = {
    CF_PAIN, CF_FATIGUE, CF_SLEEP_QUALITY};

#define MAX_SITTINGS 2
#define WORST_WINDOW 7
/* A window with fewer recorded days than this is not called the worst. */
#define WORST_WINDOW_MIN_DAYS 4
/* insights_trial's windows before and after the first use. */
#define TRIAL_SIDE_DAYS 14
/* Check-in times: evening when alone, morning and evening when two. */
#define MORNING (8 * 60)
#define EVENING (20 * 60 + 30)

struct synth_day {
    int sittings;                          /* check-ins: 0, 1 or 2 */
    double value[MAX_SITTINGS][NVALUES];   /* before rounding */
    bool trigger, companion, treatment;
};

void synth_spec_default(struct synth_spec *s)
{
    memset(s, 0, sizeof *s);
    s->seed = 1;
    s->days = 90;
    s->first = date_from_ymd(2026, 1, 5);
    s->pain = (struct synth_series){5.0, 0.7, 1.2};
    s->fatigue = (struct synth_series){5.0, 0.6, 1.0};
    s->fatigue_pain = 0.5;
    s->sleep = (struct synth_series){6.0, 0.5, 1.2};
    s->sleep_pain = -0.4;
    s->within_sd = 0.5;
    s->missing = 0.1;
    s->second_checkin = 0.2;
    s->noise_model = SYNTH_TAGS_RUNS;
    s->noise_share = 0.25;
    s->noise_run = 3.0;
    s->trigger_effect = 2.0;
    s->companion_overlap = 0.8;
    s->companion_extra = 0.05;
    s->treatment_use = 0.85;
}

/* ---- the generator -------------------------------------------------------- */

/* SplitMix64 (Steele, Lea and Flood 2014): one 64-bit state, and every
 * seed, 0 included, is a good one. */
uint64_t synth_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

double synth_uniform(uint64_t *state)
{
    return (double)(synth_next(state) >> 11) * 0x1.0p-53;
}

/* Box-Muller; the second value of each pair is thrown away, which keeps
 * every draw a function of the state alone. */
double synth_normal(uint64_t *state)
{
    static const double two_pi = 6.283185307179586;
    double u = 1.0 - synth_uniform(state); /* (0, 1]: never log(0) */
    double v = synth_uniform(state);
    return sqrt(-2.0 * log(u)) * cos(two_pi * v);
}

static bool chance(uint64_t *state, double p)
{
    return synth_uniform(state) < p;
}

static uint64_t stream(uint64_t seed, uint64_t part)
{
    uint64_t s = seed ^ (part * UINT64_C(0xd1b54a32d192ed03));
    return synth_next(&s);
}

/* ---- the values ------------------------------------------------------------- */

/* n days of an AR(1) series, started from its stationary law. */
static void ar1(const struct synth_series *s, uint64_t state, double *out,
                int n)
{
    double dev = s->sd / sqrt(1.0 - s->phi * s->phi) * synth_normal(&state);
    for (int t = 0; t < n; t++) {
        if (t > 0)
            dev = s->phi * dev + s->sd * synth_normal(&state);
        out[t] = s->mean + dev;
    }
}

/* Every possible check-in's values before rounding; both sittings of
 * every day are drawn, so that the streams do not hang on which days a
 * person wrote. */
static void fill_values(const struct synth_spec *s, struct synth_day *days)
{
    size_t n = (size_t)s->days;
    double *pain = xcalloc(n, sizeof *pain);
    double *fatigue = xcalloc(n, sizeof *fatigue);
    double *sleep = xcalloc(n, sizeof *sleep);
    ar1(&s->pain, stream(s->seed, PART_PAIN), pain, s->days);
    ar1(&s->fatigue, stream(s->seed, PART_FATIGUE), fatigue, s->days);
    ar1(&s->sleep, stream(s->seed, PART_SLEEP), sleep, s->days);
    uint64_t wobble = stream(s->seed, PART_WOBBLE);
    for (size_t t = 0; t < n; t++) {
        double dev = pain[t] - s->pain.mean;
        double base[NVALUES] = {pain[t], fatigue[t] + s->fatigue_pain * dev,
                                sleep[t] + s->sleep_pain * dev};
        for (int k = 0; k < MAX_SITTINGS; k++)
            for (int v = 0; v < NVALUES; v++)
                days[t].value[k][v] =
                    base[v] + s->within_sd * synth_normal(&wobble);
    }
    free(pain);
    free(fatigue);
    free(sleep);
}

static void fill_sittings(const struct synth_spec *s, struct synth_day *days)
{
    uint64_t state = stream(s->seed, PART_SITTINGS);
    for (int t = 0; t < s->days; t++) {
        bool missing = chance(&state, s->missing);
        bool second = chance(&state, s->second_checkin);
        days[t].sittings = missing ? 0 : second ? 2 : 1;
    }
}

/* A 0-10 rating as a person gives it. */
static int rating(double v)
{
    return (int)lround(v < 0 ? 0 : v > 10 ? 10 : v);
}

/* ---- the tags --------------------------------------------------------------- */

/* The trigger, its effect on the next day's pain, and its companion. */
static void plant_trigger(const struct synth_spec *s, struct synth_day *days)
{
    uint64_t trigger = stream(s->seed, PART_TRIGGER);
    uint64_t companion = stream(s->seed, PART_COMPANION);
    for (int t = 0; t < s->days; t++) {
        struct synth_day *d = &days[t];
        d->trigger = s->trigger_share > 0 && chance(&trigger, s->trigger_share);
        double p = d->trigger ? s->companion_overlap : s->companion_extra;
        d->companion = s->companion && chance(&companion, p);
        if (d->trigger && t + 1 < s->days)
            for (int k = 0; k < MAX_SITTINGS; k++)
                days[t + 1].value[k][V_PAIN] += s->trigger_effect;
    }
}

/* The day's mean pain as the diary shows it, or -1 without a check-in. */
static double day_pain(const struct synth_day *d)
{
    if (d->sittings == 0)
        return -1;
    double sum = 0;
    for (int k = 0; k < d->sittings; k++)
        sum += rating(d->value[k][V_PAIN]);
    return sum / d->sittings;
}

/* Mean recorded pain of the week ending on day `end`, or -1 when too few
 * of its days were recorded to call it bad. */
static double week_pain(const struct synth_day *days, int end)
{
    double sum = 0;
    int count = 0;
    for (int t = end - WORST_WINDOW + 1; t <= end; t++)
        if (days[t].sittings > 0) {
            sum += day_pain(&days[t]);
            count++;
        }
    return count >= WORST_WINDOW_MIN_DAYS ? sum / count : -1;
}

/* The day after the worst week, among weeks followed by a day with a
 * check-in (a person starting a treatment writes it down that day) that
 * leave a whole trial inside the diary; -1 when there is none. */
static int treatment_start(const struct synth_spec *s,
                           const struct synth_day *days)
{
    int start = -1;
    double worst = -1;
    for (int end = TRIAL_SIDE_DAYS - 1; end + 1 + TRIAL_SIDE_DAYS < s->days;
         end++) {
        double pain = week_pain(days, end);
        if (days[end + 1].sittings > 0 && pain > worst) {
            worst = pain;
            start = end + 1;
        }
    }
    return start;
}

static void plant_treatment(const struct synth_spec *s,
                            struct synth_day *days)
{
    int start = s->treatment ? treatment_start(s, days) : -1;
    if (start < 0)
        return;
    days[start].treatment = true;
    uint64_t state = stream(s->seed, PART_TREATMENT);
    for (int t = start + 1; t < s->days; t++) {
        days[t].treatment = chance(&state, s->treatment_use);
        /* after the worst week is picked, so that the cut does not move
         * the start; no draw, so the use days stay those of no effect */
        for (int k = 0; k < MAX_SITTINGS; k++)
            days[t].value[k][V_PAIN] *= 1.0 - s->treatment_effect;
    }
}

/* The days of noise tag i (noise-(i+1)): independent, or on and off in
 * runs of a two-state Markov chain. Leaving a run with probability 1/run
 * makes runs last `run` days on average; entering with share / (1 -
 * share) / run keeps the share of days on at `share`. */
static void noise_days(const struct synth_spec *s, int i, bool *on)
{
    uint64_t state = stream(s->seed, PART_NOISE + (uint64_t)i);
    double share = s->noise_share;
    bool even = (i + 1) % 2 == 0;
    double run = even && s->noise_run2 > 0 ? s->noise_run2 : s->noise_run;
    double leave = 1.0 / (run < 1 ? 1 : run);
    double enter = share < 1 ? share / (1.0 - share) * leave : 1;
    bool now = chance(&state, share);
    for (int t = 0; t < s->days; t++) {
        if (s->noise_model == SYNTH_TAGS_IID)
            now = chance(&state, share);
        else if (t > 0)
            now = now ? !chance(&state, leave) : chance(&state, enter);
        on[t] = now;
    }
}

/* ---- the check-ins ---------------------------------------------------------- */

static void add_tags(const struct synth_spec *s, const struct synth_day *d,
                     const bool *noise_today, struct checkin *c)
{
    char name[32]; /* room for any int, though at most 99 are made */
    for (int i = 0; i < s->noise_tags; i++)
        if (noise_today[(size_t)i * (size_t)s->days]) {
            snprintf(name, sizeof name, "noise-%02d", i + 1);
            checkin_add_tag(c, name);
        }
    if (d->trigger)
        checkin_add_tag(c, "trigger");
    if (d->companion)
        checkin_add_tag(c, "companion");
    if (d->treatment)
        checkin_add_tag(c, "treatment");
}

/* Day t's check-ins; noise_today[i * days] is whether tag i was on. */
static void emit_day(const struct synth_spec *s, const struct synth_day *d,
                     int t, const bool *noise_today, struct checkin_list *out)
{
    for (int k = 0; k < d->sittings; k++) {
        struct checkin *c = checkin_list_push(out);
        checkin_init(c, s->first + t);
        c->minute = d->sittings == 2 && k == 0 ? MORNING : EVENING;
        for (int v = 0; v < NVALUES; v++)
            c->value[value_fields[v]] = rating(d->value[k][v]);
        if (k == 0)
            add_tags(s, d, noise_today, c);
    }
}

void synth_diary(const struct synth_spec *s, struct checkin_list *out)
{
    checkin_list_free(out);
    size_t n = (size_t)s->days;
    struct synth_day *days = xcalloc(n ? n : 1, sizeof *days);
    bool *noise = xcalloc((size_t)s->noise_tags * n + 1, sizeof *noise);
    fill_values(s, days);
    fill_sittings(s, days);
    plant_trigger(s, days);
    plant_treatment(s, days);
    for (int i = 0; i < s->noise_tags; i++)
        noise_days(s, i, noise + (size_t)i * n);
    for (int t = 0; t < s->days; t++)
        emit_day(s, &days[t], t, noise + t, out);
    free(days);
    free(noise);
}
