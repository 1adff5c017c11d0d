/* demo: a synthetic diary with real structure in it (see demo.h). */
#include "ache/demo.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"
#include "ache/util.h"

/* splitmix64: small, fast and good enough for synthetic data. */
struct rng {
    uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static bool rng_chance(struct rng *r, double p)
{
    return rng_unit(r) < p;
}

static int rng_range(struct rng *r, int lo, int hi)
{
    return lo + (int)(rng_unit(r) * (hi - lo + 1));
}

/* Roughly normal noise (sum of uniforms), mean 0, sd about `sd`. */
static double rng_noise(struct rng *r, double sd)
{
    double s = rng_unit(r) + rng_unit(r) + rng_unit(r) - 1.5;
    return s * 2.0 * sd;
}

static int clamp_rating(double v)
{
    long n = lround(v);
    return n < 0 ? 0 : n > 10 ? 10 : (int)n;
}

/* What carries from one day into the next ones. */
struct demo_state {
    struct rng rng;
    double drift;         /* slow wandering of the baseline */
    int flare_left;       /* days of flare still to come */
    double flare_boost;
    double carry[3];      /* extra pain today, tomorrow, the day after */
    ache_day magnesium_from;
    ache_day last; /* nothing may be filled in after this day */
};

/* One day's hidden truth, from which check-ins are written. */
struct demo_day {
    ache_day date;
    int weekday, month;
    int pain, fatigue, sleep_q, sleep_quarters, stiffness, fog, mood;
    int activity;
    region_set regions;
    const char *tags[12];
    int ntags;
};

static const double weekday_effect[7] = {0.2, 0.0, 0.2, 0.4, 0.7, -0.3,
                                         -0.5};

static void add_tag(struct demo_day *d, const char *tag)
{
    if (d->ntags < (int)(sizeof d->tags / sizeof d->tags[0]))
        d->tags[d->ntags++] = tag;
}

static void shift_carry(struct demo_state *s)
{
    s->carry[0] = s->carry[1];
    s->carry[1] = s->carry[2];
    s->carry[2] = 0;
}

static double flare_today(struct demo_state *s)
{
    if (s->flare_left == 0 && rng_chance(&s->rng, 1.0 / 35)) {
        s->flare_left = rng_range(&s->rng, 2, 6);
        s->flare_boost = 2.5 + rng_unit(&s->rng) * 1.5;
    }
    if (s->flare_left == 0)
        return 0;
    s->flare_left--;
    return s->flare_boost;
}

static void rate_day(struct demo_state *s, struct demo_day *d)
{
    struct rng *r = &s->rng;
    bool winter = d->month >= 11 || d->month <= 2;
    s->drift += rng_noise(r, 0.15) - s->drift * 0.02;
    double pain = 3.8 + s->drift + weekday_effect[d->weekday] +
                  (winter ? 0.4 : 0) + flare_today(s) + s->carry[0] +
                  rng_noise(r, 0.8);
    if (d->date >= s->magnesium_from)
        pain -= 0.3;
    d->pain = clamp_rating(pain);
    d->sleep_q = clamp_rating(7.5 - 0.5 * d->pain + rng_noise(r, 1.2));
    int hours4 = (int)lround((7.2 - 0.15 * d->pain + rng_noise(r, 0.7)) * 4);
    d->sleep_quarters = hours4 < 12 ? 12 : hours4 > 40 ? 40 : hours4;
    d->fatigue = clamp_rating(2 + 0.5 * d->pain + (6 - d->sleep_q) * 0.3 +
                              rng_noise(r, 1));
    d->stiffness = clamp_rating(d->pain - 0.5 + rng_noise(r, 1));
    d->fog = clamp_rating(0.7 * d->fatigue + rng_noise(r, 1));
    d->mood = clamp_rating(8.2 - 0.5 * d->pain + rng_noise(r, 1.2));
    bool workday = d->weekday < 5;
    d->activity = clamp_rating(workday ? 5 + rng_noise(r, 1.5)
                                       : 2 + rng_unit(r) * 6);
    if (d->pain <= 4 && rng_chance(r, 0.12)) /* a good day: the "boom" */
        d->activity = rng_range(r, 8, 10);
}

static void tag_triggers(struct demo_state *s, struct demo_day *d)
{
    struct rng *r = &s->rng;
    bool winter = d->month >= 11 || d->month <= 2;
    if (d->weekday < 5 && rng_chance(r, 0.45)) {
        add_tag(d, "long-sitting");
        s->carry[1] += 0.8;
    }
    if (rng_chance(r, 0.2)) {
        add_tag(d, "stress");
        s->carry[1] += 0.7;
    }
    if (rng_chance(r, winter ? 0.35 : 0.05)) {
        add_tag(d, "cold-weather");
        s->carry[1] += 0.6;
    }
    if (d->activity >= 8) { /* the "bust" follows within two days */
        add_tag(d, "overexertion");
        s->carry[1] += 1.5;
        s->carry[2] += 0.8;
    }
    if (d->sleep_q <= 3)
        add_tag(d, "poor-sleep");
}

static void tag_treatments(struct demo_state *s, struct demo_day *d)
{
    struct rng *r = &s->rng;
    if (rng_chance(r, 0.3)) {
        add_tag(d, "stretching");
        s->carry[1] -= 0.4;
    }
    if (rng_chance(r, d->weekday == 1 || d->weekday == 3 ? 0.5 : 0.08)) {
        add_tag(d, "yoga");
        s->carry[1] -= 0.6;
    }
    if (d->pain >= 6 && rng_chance(r, 0.4))
        add_tag(d, "heat");
    if (d->pain >= 7 && rng_chance(r, 0.6))
        add_tag(d, "pain-relief");
    if (d->date >= s->magnesium_from && rng_chance(r, 0.85))
        add_tag(d, "magnesium");
    if (rng_chance(r, 0.1))
        add_tag(d, "walking");
}

/* The person's usual sore places, and more of the body in a flare. */
static void mark_regions(struct demo_state *s, struct demo_day *d)
{
    static const char *const usual[] = {"neck", "shoulder-l", "shoulder-r",
                                        "upper-back", "lower-back"};
    d->regions = 0;
    if (d->pain == 0)
        return;
    for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++)
        if (rng_chance(&s->rng, d->pain / 10.0 + 0.1))
            d->regions |= 1u << region_find(usual[i]);
    for (int i = 0; i < REGION_COUNT; i++)
        if (rng_chance(&s->rng, (d->pain - 5) / 15.0))
            d->regions |= 1u << i;
}

static const char *const notes[] = {
    "Bad night, woke at 3 and could not settle.",
    "Long meeting, sat for hours. Shoulders like concrete.",
    "Good walk by the river, felt almost normal.",
    "Cold and damp today; everything aches.",
    "Physio: new stretches for the upper back.",
    "Overdid the gardening. Paying for it.",
    "Café with Anna — sat too long but worth it ☕",
    "Foggy all day, lost my keys twice.",
    "Hot bath helped a little before bed.",
    "Tried the new pillow. Neck a bit better?",
};

/* ms since the epoch of a local date and time (mktime handles DST). */
static int64_t local_stamp(ache_day day, int minute)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
                    .tm_hour = minute / 60, .tm_min = minute % 60,
                    .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return ((int64_t)day * 86400 + minute * 60) * 1000;
    return (int64_t)t * 1000;
}

static void fill_id(struct rng *r, char id[CHECKIN_ID_LEN + 1])
{
    snprintf(id, CHECKIN_ID_LEN + 1, "%016llx%016llx",
             (unsigned long long)rng_next(r), (unsigned long long)rng_next(r));
}

static void stamp_checkin(struct demo_state *s, struct checkin *c, int late)
{
    fill_id(&s->rng, c->id);
    c->created_at = late ? local_stamp(c->date + late, 9 * 60 + 15)
                         : local_stamp(c->date, c->minute);
    c->updated_at = c->created_at;
}

static void write_morning(struct demo_state *s, const struct demo_day *d,
                          struct checkin *c)
{
    checkin_init(c, d->date);
    c->minute = rng_range(&s->rng, 7 * 60, 9 * 60 + 30);
    c->value[CF_PAIN] = d->pain > 0 ? d->pain - (d->pain > 3) : 0;
    c->value[CF_SLEEP_QUALITY] = d->sleep_q;
    c->value[CF_SLEEP_HOURS] = d->sleep_quarters;
    c->value[CF_STIFFNESS] = clamp_rating(d->stiffness + 1);
    c->value[CF_FATIGUE] = d->fatigue;
}

static void write_evening(struct demo_state *s, const struct demo_day *d,
                          struct checkin *c, bool whole_day)
{
    checkin_init(c, d->date);
    c->minute = rng_range(&s->rng, 18 * 60 + 30, 22 * 60 + 30);
    c->value[CF_PAIN] = d->pain;
    c->value[CF_FATIGUE] = d->fatigue;
    if (whole_day) {
        c->value[CF_SLEEP_QUALITY] = d->sleep_q;
        c->value[CF_SLEEP_HOURS] = d->sleep_quarters;
        c->value[CF_STIFFNESS] = d->stiffness;
    }
    if (rng_chance(&s->rng, 0.8))
        c->value[CF_FOG] = d->fog;
    if (rng_chance(&s->rng, 0.9))
        c->value[CF_MOOD] = d->mood;
    c->value[CF_ACTIVITY] = d->activity;
    c->regions = d->regions;
    for (int i = 0; i < d->ntags; i++)
        checkin_add_tag(c, d->tags[i]);
    if (rng_chance(&s->rng, 0.12))
        checkin_set_note(c, notes[rng_next(&s->rng) % (sizeof notes /
                                                       sizeof notes[0])]);
}

static enum ache_status emit_one(struct checkin *c, demo_emit_fn emit,
                                 void *ctx)
{
    enum ache_status st = emit(c, ctx);
    checkin_free(c);
    return st;
}

static enum ache_status write_day(struct demo_state *s,
                                  const struct demo_day *d, demo_emit_fn emit,
                                  void *ctx)
{
    struct checkin c;
    int late = rng_chance(&s->rng, 0.07) ? rng_range(&s->rng, 1, 2) : 0;
    if (d->date + late > s->last)
        late = 0;
    bool two = rng_chance(&s->rng, 0.25);
    if (two) {
        write_morning(s, d, &c);
        stamp_checkin(s, &c, late);
        enum ache_status st = emit_one(&c, emit, ctx);
        if (st != ACHE_OK)
            return st;
    }
    write_evening(s, d, &c, !two);
    stamp_checkin(s, &c, late);
    return emit_one(&c, emit, ctx);
}

enum ache_status demo_generate(const struct demo_params *p, demo_emit_fn emit,
                               void *ctx)
{
    struct demo_state s = {.rng = {p->seed * 0x2545F4914F6CDD1Dull + 1}};
    s.magnesium_from = p->first + (p->last - p->first) * 2 / 5;
    s.last = p->last;
    for (ache_day day = p->first; day <= p->last; day++) {
        struct demo_day d = {.date = day, .weekday = date_weekday(day)};
        int y, dd;
        date_to_ymd(day, &y, &d.month, &dd);
        rate_day(&s, &d);
        tag_triggers(&s, &d);
        tag_treatments(&s, &d);
        mark_regions(&s, &d);
        shift_carry(&s);
        if (rng_chance(&s.rng, 0.12))
            continue; /* a skipped day: nothing written */
        enum ache_status st = write_day(&s, &d, emit, ctx);
        if (st != ACHE_OK)
            return st;
    }
    return ACHE_OK;
}
