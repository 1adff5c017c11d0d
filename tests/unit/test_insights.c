/* Unit tests of insights: the top quarter of activity, flares and what came
 * before them, tag effects with their permutation test, treatment trials
 * (their labels, interval, bad spells and use), boom and bust, and the weekly WPI and Symptom
 * Severity estimate, on hand-made diaries whose answers are worked out in
 * the comments. */
#include "testutil.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/regions.h"
#include "ache/stats.h"

#define TOL 1e-12

/* The first day of every hand-made diary: Monday 2026-02-02, ISO week 6. */
static ache_day day0(void)
{
    return date_from_ymd(2026, 2, 2);
}

/* A check-in on day0 + offset with the given pain (CHECKIN_ABSENT for
 * none), every other value absent, and one tag unless tag is NULL. */
static struct checkin *add(struct checkin_list *list, int offset, int pain,
                           const char *tag)
{
    struct checkin *c = checkin_list_push(list);
    checkin_init(c, day0() + offset);
    c->value[CF_PAIN] = pain;
    if (tag)
        checkin_add_tag(c, tag);
    return c;
}

static region_set region(const char *code)
{
    int i = region_find(code);
    ck_assert_msg(i >= 0, "unknown region %s", code);
    return (region_set)1u << i;
}

/* n consecutive days from day0 with the given activity (negative: none). */
static void activity_days(const double *activity, size_t n,
                          struct day_summary *out)
{
    stats_days(NULL, 0, day0(), day0() + (ache_day)n - 1, out);
    for (size_t i = 0; i < n; i++) {
        out[i].checkins = 1;
        out[i].mean[CF_ACTIVITY] = activity[i] < 0 ? STATS_ABSENT : activity[i];
    }
}

/* ---- the top quarter of activity ----------------------------------------- */

START_TEST(test_activity_quantile)
{
    /* 1..8: the 75th percentile sits at position 7 * 0.75 = 5.25, between
     * 6 and 7: 6.25; the median is 4.5. High: 7 and 8. */
    double a[] = {3, 8, 1, 6, 2, 7, 5, 4};
    struct day_summary days[8];
    activity_days(a, 8, days);
    struct insight_activity act;
    insights_activity(days, 8, &act);
    ck_assert(act.known);
    ck_assert_int_eq(act.days, 8);
    ck_assert_double_eq_tol(act.threshold, 6.25, TOL);
    ck_assert_double_eq_tol(act.median, 4.5, TOL);
    ck_assert(insights_activity_is_high(&act, 7));
    ck_assert(insights_activity_is_high(&act, 6.25)); /* at least */
    ck_assert(!insights_activity_is_high(&act, 6.2));
    ck_assert(!insights_activity_is_high(&act, STATS_ABSENT));
    /* the input is not reordered */
    ck_assert_double_eq(days[0].mean[CF_ACTIVITY], 3);
}
END_TEST

START_TEST(test_activity_ties_and_gaps)
{
    /* eight 5s, an 8 and a 9, and days without activity (left out):
     * the 75th percentile of ten values is at 6.75, among the 5s: 5. The
     * median is 5 too, so a day of 5 is no boom; 8 and 9 are. */
    double a[] = {5, -1, 5, 5, 8, 5, 5, -1, 5, 9, 5, 5};
    struct day_summary days[12];
    activity_days(a, 12, days);
    struct insight_activity act;
    insights_activity(days, 12, &act);
    ck_assert(act.known);
    ck_assert_int_eq(act.days, 10);
    ck_assert_double_eq_tol(act.threshold, 5, TOL);
    ck_assert_double_eq_tol(act.median, 5, TOL);
    ck_assert(!insights_activity_is_high(&act, 5));
    ck_assert(insights_activity_is_high(&act, 8));

    /* every day the same: nobody stands out */
    double same[] = {3, 3, 3, 3, 3, 3, 3};
    activity_days(same, 7, days);
    insights_activity(days, 7, &act);
    ck_assert(act.known);
    ck_assert(!insights_activity_is_high(&act, 3));
}
END_TEST

START_TEST(test_activity_too_few_days)
{
    /* six days with activity are too few for a quarter */
    double a[] = {1, 2, -1, 3, 9, 10, 10};
    struct day_summary days[7];
    activity_days(a, 7, days);
    struct insight_activity act;
    insights_activity(days, 7, &act);
    ck_assert(!act.known);
    ck_assert_int_eq(act.days, 6);
    ck_assert_double_eq(act.threshold, STATS_ABSENT);
    ck_assert(!insights_activity_is_high(&act, 10));
    insights_activity(NULL, 0, &act);
    ck_assert(!act.known);
    ck_assert_int_eq(act.days, 0);
}
END_TEST

/* ---- flares --------------------------------------------------------------- */

/* 28 quiet days of pain 2 (offsets 0..27, the history), then the period,
 * offsets 28..37:
 *   offset   28 29 30 31 32 33 34 35 36 37
 *   pain      2  2  2  6  7  5  2  2  5  5
 *   activity  2  3  9  1  1  1  2  2  2  2
 * Flares (rise >= 2 over a baseline of 2): 31-33 and 36-37 (ongoing).
 * Activity over the period: 1 1 1 2 2 2 2 2 3 9, 75th percentile at 6.75
 * is 2, median 2: high is above 2 (the 3 and the 9).
 * Tags: yoga on 27 (four days before: not counted) and 31 (the flare's own
 * day: not counted); long-sitting on 29 and 30; stress on 30. Offset 32 has
 * two check-ins, 6 and 8 (mean 7, highest rating 8). */
static void flare_diary(struct checkin_list *list)
{
    static const int pain[] = {2, 2, 2, 6, 7, 5, 2, 2, 5, 5};
    static const int activity[] = {2, 3, 9, 1, 1, 1, 2, 2, 2, 2};
    for (int i = 0; i < 28; i++)
        add(list, i, 2, i == 27 ? "yoga" : NULL);
    for (int i = 0; i < 10; i++) {
        int off = 28 + i;
        struct checkin *c = add(list, off, off == 32 ? 6 : pain[i], NULL);
        c->value[CF_ACTIVITY] = activity[i];
        if (off == 29 || off == 30)
            checkin_add_tag(c, "long-sitting");
        if (off == 30)
            checkin_add_tag(c, "stress");
        if (off == 31)
            checkin_add_tag(c, "yoga");
        if (off == 32)
            add(list, off, 8, NULL);
    }
}

START_TEST(test_flares_listed_with_what_came_before)
{
    struct checkin_list list = {0};
    flare_diary(&list);
    struct insight_flare_list fl;
    insights_flares(list.items, list.n, day0() + 28, day0() + 37, &fl);
    ck_assert(fl.activity.known);
    ck_assert_double_eq_tol(fl.activity.threshold, 2, TOL);
    ck_assert_uint_eq(fl.n, 2);

    const struct insight_flare *f = &fl.items[0];
    ck_assert_int_eq(f->start, day0() + 31);
    ck_assert_int_eq(f->length, 3);
    ck_assert(!f->ongoing);
    ck_assert_double_eq_tol(f->baseline, 2, TOL);
    ck_assert_double_eq_tol(f->peak, 7, TOL);
    ck_assert_int_eq(f->peak_day, day0() + 32);
    ck_assert_int_eq(f->peak_max, 8);
    ck_assert_uint_eq(f->ntags, 2);
    ck_assert_str_eq(f->tags[0].name, "long-sitting");
    ck_assert_int_eq(f->tags[0].days, 2);
    ck_assert_str_eq(f->tags[1].name, "stress");
    ck_assert_int_eq(f->tags[1].days, 1);
    ck_assert_double_eq_tol(f->activity_before, 9, TOL);
    ck_assert(f->activity_high_before);

    f = &fl.items[1];
    ck_assert_int_eq(f->start, day0() + 36);
    ck_assert_int_eq(f->length, 2);
    ck_assert(f->ongoing);
    ck_assert_double_eq_tol(f->peak, 5, TOL);
    ck_assert_int_eq(f->peak_day, day0() + 36); /* the first to reach it */
    ck_assert_uint_eq(f->ntags, 0);
    /* 1, 2, 2 before it: not above the median */
    ck_assert_double_eq_tol(f->activity_before, 2, TOL);
    ck_assert(!f->activity_high_before);

    insights_flare_list_free(&fl);
    ck_assert_uint_eq(fl.n, 0);
    insights_flare_list_free(&fl); /* twice is harmless */
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_flares_at_the_edges_of_the_period)
{
    struct checkin_list list = {0};
    flare_diary(&list);
    struct insight_flare_list fl;
    /* a period starting the day after the first flare began lists it, from
     * its own first day, marked as begun before the period */
    insights_flares(list.items, list.n, day0() + 32, day0() + 37, &fl);
    ck_assert_uint_eq(fl.n, 2);
    const struct insight_flare *f = &fl.items[0];
    ck_assert(f->begun_before_period);
    ck_assert_int_eq(f->start, day0() + 31);
    ck_assert_int_eq(f->end, day0() + 33);
    ck_assert_int_eq(f->length, 3);
    ck_assert(!f->ongoing);
    ck_assert_double_eq_tol(f->baseline, 2, TOL);
    ck_assert_double_eq_tol(f->peak, 7, TOL);
    ck_assert_int_eq(f->peak_day, day0() + 32);
    /* its days before (28-30) lie outside the period: the tags are there,
     * and neither is carried on a day of the period */
    ck_assert_uint_eq(f->ntags, 2);
    ck_assert_str_eq(f->tags[0].name, "long-sitting");
    ck_assert_int_eq(f->tags[0].days_any, 0);
    ck_assert(!fl.items[1].begun_before_period);
    ck_assert_int_eq(fl.items[1].start, day0() + 36);
    insights_flare_list_free(&fl);

    /* a flare starting exactly on the period's first day began within it */
    insights_flares(list.items, list.n, day0() + 31, day0() + 37, &fl);
    ck_assert_uint_eq(fl.n, 2);
    ck_assert(!fl.items[0].begun_before_period);
    ck_assert_int_eq(fl.items[0].start, day0() + 31);
    insights_flare_list_free(&fl);

    /* a one-day period on the last day of a flare that runs to the end:
     * both begun before and still going */
    insights_flares(list.items, list.n, day0() + 37, day0() + 37, &fl);
    ck_assert_uint_eq(fl.n, 1);
    ck_assert(fl.items[0].begun_before_period && fl.items[0].ongoing);
    ck_assert_int_eq(fl.items[0].start, day0() + 36);
    ck_assert_int_eq(fl.items[0].end, day0() + 37);
    ck_assert_int_eq(fl.items[0].length, 2);
    insights_flare_list_free(&fl);

    /* a period starting the day after a flare ended does not list it */
    insights_flares(list.items, list.n, day0() + 34, day0() + 35, &fl);
    ck_assert_uint_eq(fl.n, 0);
    insights_flare_list_free(&fl);

    /* a period ending inside it cuts the flare short and says so */
    insights_flares(list.items, list.n, day0() + 28, day0() + 32, &fl);
    ck_assert_uint_eq(fl.n, 1);
    ck_assert_int_eq(fl.items[0].length, 2);
    ck_assert_int_eq(fl.items[0].end, day0() + 32);
    ck_assert(fl.items[0].ongoing);
    ck_assert(!fl.items[0].begun_before_period);
    /* five days of activity are too few for a top quarter */
    ck_assert(!fl.activity.known);
    ck_assert(!fl.items[0].activity_high_before);
    ck_assert_double_eq_tol(fl.items[0].activity_before, 9, TOL);
    insights_flare_list_free(&fl);
    checkin_list_free(&list);
}
END_TEST

/* 60 days of pain 2, then eight days of 8 (offsets 60-67: the baseline
 * stays 2 while fewer than 14 of its 28 days are 8s), then 2 again; stress
 * on offset 58. */
static void long_flare_diary(struct checkin_list *list)
{
    for (int i = 0; i < 75; i++)
        add(list, i, i >= 60 && i < 68 ? 8 : 2, i == 58 ? "stress" : NULL);
}

/* A flare under way since before the 31 days of history the period gets
 * first: the diary is read further back to find its first day. */
START_TEST(test_flares_begun_long_before)
{
    struct checkin_list list = {0};
    long_flare_diary(&list);
    /* the period starts 2, 4 and 7 days into the flare: with 2 the days
     * read first hold its start and its baseline; 4 and 7 run back past
     * the first day whose baseline they hold */
    static const int into[] = {2, 4, 7};
    for (int k = 0; k < 3; k++) {
        struct insight_flare_list fl;
        insights_flares(list.items, list.n, day0() + 60 + into[k],
                        day0() + 74, &fl);
        ck_assert_uint_eq(fl.n, 1);
        const struct insight_flare *f = &fl.items[0];
        ck_assert_msg(f->start == day0() + 60, "%d days in: start %d", into[k],
                      (int)(f->start - day0()));
        ck_assert(f->begun_before_period);
        ck_assert_int_eq(f->end, day0() + 67);
        ck_assert_int_eq(f->length, 8);
        ck_assert_double_eq_tol(f->baseline, 2, TOL);
        ck_assert_uint_eq(f->ntags, 1);
        ck_assert_str_eq(f->tags[0].name, "stress");
        ck_assert_int_eq(f->tags[0].days, 1);
        insights_flare_list_free(&fl);
    }
    checkin_list_free(&list);
}
END_TEST

/* Pain 2 on offset 9 and on 20-25 only, then 8 on 37-43. The baseline of
 * 37 is the median of 9-36: seven days of 2 (the least a baseline needs),
 * so 37 is high; 38 (6 twos and an 8) to 43 (6 and 6: 5) are too. For a
 * period from 41 the 31 days read first (10-40) miss offset 9, and with it
 * 37's baseline: the flare's first day is found only by reading back. */
START_TEST(test_flares_first_day_needs_more_history)
{
    struct checkin_list list = {0};
    add(&list, 9, 2, NULL);
    for (int i = 20; i <= 25; i++)
        add(&list, i, 2, NULL);
    add(&list, 36, CHECKIN_ABSENT, "before");
    for (int i = 37; i <= 43; i++)
        add(&list, i, 8, i == 37 ? "first" : NULL);
    struct insight_flare_list fl;
    insights_flares(list.items, list.n, day0() + 41, day0() + 50, &fl);
    ck_assert_uint_eq(fl.n, 1);
    ck_assert_int_eq(fl.items[0].start, day0() + 37);
    ck_assert_int_eq(fl.items[0].end, day0() + 43);
    ck_assert(fl.items[0].begun_before_period && !fl.items[0].ongoing);
    ck_assert_double_eq_tol(fl.items[0].baseline, 2, TOL);
    ck_assert_uint_eq(fl.items[0].ntags, 1);
    ck_assert_str_eq(fl.items[0].tags[0].name, "before");
    insights_flare_list_free(&fl);
    checkin_list_free(&list);
}
END_TEST

/* How often each tag came on any day, beside the days before flares. */
START_TEST(test_flares_base_rates)
{
    struct checkin_list list = {0};
    flare_diary(&list);
    /* a day with long-sitting and no flare after it: 34 */
    checkin_add_tag(&list.items[35], "long-sitting");
    ck_assert_int_eq(list.items[35].date, day0() + 34);
    struct insight_flare_list fl;
    insights_flares(list.items, list.n, day0() + 28, day0() + 37, &fl);
    ck_assert_uint_eq(fl.n, 2);
    /* days before: 28-30 and 33-35, all with a check-in; ten days in all */
    ck_assert_int_eq(fl.days_checked, 10);
    ck_assert_int_eq(fl.days_before, 6);
    /* long-sitting on 29, 30 (before the first) and 34 (before the
     * second); stress on 30; yoga on 31 only, a flare's own day */
    ck_assert_uint_eq(fl.nbase, 2);
    ck_assert_str_eq(fl.base[0].name, "long-sitting");
    ck_assert_int_eq(fl.base[0].days_before, 3);
    ck_assert_int_eq(fl.base[0].days_any, 3);
    ck_assert_str_eq(fl.base[1].name, "stress");
    ck_assert_int_eq(fl.base[1].days_before, 1);
    ck_assert_int_eq(fl.base[1].days_any, 1);
    const struct insight_flare *f = &fl.items[0];
    ck_assert_int_eq(f->tags[0].days, 2);
    ck_assert_int_eq(f->tags[0].days_any, 3);
    ck_assert_int_eq(f->tags[1].days_any, 1);
    ck_assert_uint_eq(fl.items[1].ntags, 1);
    ck_assert_str_eq(fl.items[1].tags[0].name, "long-sitting");
    ck_assert_int_eq(fl.items[1].tags[0].days, 1);
    insights_flare_list_free(&fl);
    ck_assert_ptr_null(fl.base);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_flares_need_history)
{
    struct checkin_list list = {0};
    flare_diary(&list);
    /* only the period's check-ins (offsets 28..37, from item 28): no day
     * before offset 35 has 7 days of pain behind it, so the first flare
     * goes unseen; the second (36, 37 against a baseline of 2) is found */
    struct insight_flare_list fl;
    insights_flares(list.items + 28, list.n - 28, day0() + 28, day0() + 37,
                    &fl);
    ck_assert_uint_eq(fl.n, 1);
    ck_assert_int_eq(fl.items[0].start, day0() + 36);
    ck_assert_double_eq_tol(fl.items[0].baseline, 2, TOL);
    insights_flare_list_free(&fl);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_flares_empty)
{
    struct insight_flare_list fl;
    insights_flares(NULL, 0, day0(), day0() + 60, &fl);
    ck_assert_uint_eq(fl.n, 0);
    ck_assert(!fl.activity.known);
    insights_flare_list_free(&fl);
    insights_flares(NULL, 0, day0() + 1, day0(), &fl); /* backwards */
    ck_assert_uint_eq(fl.n, 0);
    insights_flare_list_free(&fl);
}
END_TEST

/* ---- the permutation test ------------------------------------------------- */

/* A number from i, the same on every machine (MurmurHash3's finaliser). */
static uint32_t fixture_noise(int i)
{
    uint32_t h = (uint32_t)i * 0x9e3779b1u + 0x85ebca6bu;
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    return h ^ (h >> 16);
}

/* A test of values v[0..n) with the tag on where on[i] is set. */
static struct insight_test series_test(const double *v, const bool *on,
                                       size_t n, unsigned first,
                                       unsigned most)
{
    struct insight_series s = {v, on, n};
    struct insight_test_options o = {first, most, 11, 0};
    struct insight_test t;
    insights_series_test(&s, &o, &t);
    return t;
}

START_TEST(test_memory)
{
    /* 1,2,3,4: lag-1 correlation 1.25 / 5 = 0.25, raised by
     * (1 + 0.75) / 4 for the short sample's own mean */
    double rising[] = {1, 2, 3, 4};
    ck_assert_double_eq_tol(insights_memory(rising, 4), 0.6875, 1e-12);
    /* a see-saw has negative memory, taken as none; so has a flat line */
    double saw[] = {1, 9, 1, 9, 1, 9};
    ck_assert_double_eq(insights_memory(saw, 6), 0);
    double flat[] = {4, 4, 4, 4, 4};
    ck_assert_double_eq(insights_memory(flat, 5), 0);
    /* a long rise is held below 1 */
    double ramp[40];
    for (int i = 0; i < 40; i++)
        ramp[i] = i;
    ck_assert_double_eq(insights_memory(ramp, 40), INSIGHTS_MEMORY_MAX);
    /* too short to say */
    ck_assert_double_eq(insights_memory(rising, 2), 0);
}
END_TEST

START_TEST(test_series_nothing_to_test)
{
    double v[] = {3, 5, 4, 6, 5, 7};
    bool none[6] = {false}, all[6] = {true, true, true, true, true, true};
    bool some[6] = {true, false, true, false, true, false};
    struct insight_test t = series_test(v, none, 6, 1000, 8000);
    ck_assert_double_eq(t.p, 1.0);
    ck_assert_uint_eq(t.permutations, 0);
    t = series_test(v, all, 6, 1000, 8000);
    ck_assert_double_eq(t.p, 1.0);
    t = series_test(v, some, 2, 1000, 8000); /* two values */
    ck_assert_double_eq(t.p, 1.0);
    t = series_test(v, some, 6, 0, 8000); /* no shuffles asked */
    ck_assert_double_eq(t.p, 1.0);
    ck_assert_uint_eq(t.permutations, 0);
}
END_TEST

/* Every other day tagged, and pain 5 higher on those days: no shuffle
 * comes near, so the test keeps drawing to the most it may, and p is the
 * smallest there is. */
START_TEST(test_series_strong_effect_draws_more)
{
    double v[40];
    bool on[40];
    for (int i = 0; i < 40; i++) {
        on[i] = i % 2 == 0;
        v[i] = 3 + (on[i] ? 5 : 0) + (double)(fixture_noise(i) % 3);
    }
    struct insight_test t = series_test(v, on, 40, 1000, 16000);
    ck_assert_uint_eq(t.permutations, 16000);
    ck_assert_double_eq_tol(t.p, 1.0 / 16001, 1e-15);
    /* a lower ceiling stops there */
    t = series_test(v, on, 40, 1000, 3000);
    ck_assert_uint_eq(t.permutations, 3000);
    ck_assert_double_eq_tol(t.p, 1.0 / 3001, 1e-15);
}
END_TEST

/* The same effect asked only whether it is below `clear`: the shuffles
 * stop once none as extreme in so many makes that sure (4.6 expected at
 * most, 99% upper limit, against clear * drawn), not at the most. */
START_TEST(test_series_stops_once_surely_clear)
{
    double v[40];
    bool on[40];
    for (int i = 0; i < 40; i++) {
        on[i] = i % 2 == 0;
        v[i] = 3 + (on[i] ? 5 : 0) + (double)(fixture_noise(i) % 3);
    }
    struct insight_series s = {v, on, 40};
    struct insight_test t;
    /* 1e-3: 4000 shuffles leave 4.6 / 4000 above it, 8000 do not */
    insights_series_test(&s, &(struct insight_test_options){1000, 200000, 11,
                                                            1e-3},
                         &t);
    ck_assert_uint_eq(t.permutations, 8000);
    ck_assert_double_eq_tol(t.p, 1.0 / 8001, 1e-15);
    /* 1e-4 asks for 64000 */
    insights_series_test(&s, &(struct insight_test_options){1000, 200000, 11,
                                                            1e-4},
                         &t);
    ck_assert_uint_eq(t.permutations, 64000);
    /* a p settled by 20 as extreme is never cut short */
    double noise[60];
    bool some[60];
    for (int i = 0; i < 60; i++) {
        noise[i] = (double)(fixture_noise(i) % 7);
        some[i] = fixture_noise(i + 1000) % 3 == 0;
    }
    struct insight_series n = {noise, some, 60};
    struct insight_test settled;
    insights_series_test(&n, &(struct insight_test_options){1000, 200000, 11,
                                                            0.5},
                         &settled);
    ck_assert_uint_eq(settled.permutations, 1000);
    ck_assert_double_eq(settled.p, series_test(noise, some, 60, 1000,
                                               200000).p);
}
END_TEST

/* A tag unrelated to the values: many shuffles are as extreme, and the
 * first thousand settle it. */
START_TEST(test_series_no_effect_settles_early)
{
    double v[60];
    bool on[60];
    for (int i = 0; i < 60; i++) {
        v[i] = (double)(fixture_noise(i) % 7);
        on[i] = fixture_noise(i + 1000) % 3 == 0;
    }
    struct insight_test t = series_test(v, on, 60, 1000, 200000);
    ck_assert_uint_eq(t.permutations, 1000);
    ck_assert_msg(t.p > 0.05, "p = %g", t.p);
    /* the same arguments, the same answer; p is a count over 1001 */
    struct insight_test again = series_test(v, on, 60, 1000, 200000);
    ck_assert_double_eq(t.p, again.p);
    double count = t.p * 1001;
    ck_assert_double_eq_tol(count, floor(count + 0.5), 1e-9);
    /* the inputs are not touched */
    ck_assert_double_eq(v[0], (double)(fixture_noise(0) % 7));
}
END_TEST

/* Pain that drifts (each day 0.9 of yesterday's distance from 5, plus a
 * nudge) and a tag on for the first 30 days, when pain happened to run
 * high: the halves differ by 1.7, which a shuffle of single days calls
 * nearly certain (p 0.00003), but it is one coincidence of two slow things,
 * not thirty. With the drift's memory taken out the test is not fooled. */
START_TEST(test_series_runs_are_not_evidence)
{
    double v[60];
    bool on[60];
    double x = 7;
    for (int i = 0; i < 60; i++) {
        x = 5 + 0.9 * (x - 5) + ((double)(fixture_noise(i) % 7) - 3) / 2;
        v[i] = x;
        on[i] = i < 30;
    }
    struct insight_test t = series_test(v, on, 60, 1000, 200000);
    ck_assert_msg(t.p > 0.05, "p = %g", t.p);
    ck_assert_msg(t.memory > 0.7, "memory = %g", t.memory);
}
END_TEST

/* ---- the normal tail of long series --------------------------------------- */

/* A long series: pain with memory (each day 0.7 of yesterday's distance
 * from 5, plus a nudge of -1.5..1.5), a tag in runs of `run` days on
 * about a quarter of the days, and `effect` added on the tagged days.
 * Each stream draws other numbers (streams 0..399 stay apart). */
static void long_series(double *v, bool *on, size_t n, double effect,
                        int run, int stream)
{
    int base = stream * 1000003;
    double x = 5;
    for (size_t i = 0; i < n; i++) {
        int d = (int)i;
        x = 5 + 0.7 * (x - 5) +
            ((double)(fixture_noise(base + d) % 7) - 3) / 2;
        on[i] = fixture_noise(base + 500000 + d / run) % 4 == 0;
        v[i] = x + (on[i] ? effect : 0);
    }
}

/* The studentized statistic worked out again from the header's words,
 * apart from the code under test: whiten both by the memory, centre
 * both, then |S| / sqrt(sum u^2 + sum u[t] u[t-1]). */
static double statistic_by_hand(const double *v, const bool *on, size_t n)
{
    double r = insights_memory(v, n), mv = 0, mt = 0;
    for (size_t t = 1; t < n; t++) {
        mv += v[t] - r * v[t - 1];
        mt += (double)on[t] - r * (double)on[t - 1];
    }
    mv /= (double)(n - 1);
    mt /= (double)(n - 1);
    double sum = 0, spread = 0, before = 0;
    for (size_t t = 1; t < n; t++) {
        double u = ((double)on[t] - r * (double)on[t - 1] - mt) *
                   (v[t] - r * v[t - 1] - mv);
        sum += u;
        spread += u * u + u * before;
        before = u;
    }
    return fabs(sum) / sqrt(spread);
}

/* Whether a test took its p from the normal curve of the statistic. */
static void assert_normal_tail(const struct insight_test *t, const double *v,
                               const bool *on, size_t n)
{
    double want = erfc(statistic_by_hand(v, on, n) / sqrt(2.0));
    ck_assert_uint_eq(t->permutations, 0);
    ck_assert_msg(fabs(t->p - want) <= 1e-9 * want, "p %.17g, erfc %.17g",
                  t->p, want);
}

#define LONG_DAYS 3000

/* From INSIGHTS_NORMAL_FROM values on nothing is shuffled: a tag that
 * adds 0.5 (half the spread of a day's nudge) is found, a tag that
 * does nothing is not, and one so overwhelming that erfc underflows
 * still gets a p above 0 (BH and "p<0.001" need one). */
START_TEST(test_series_long_uses_the_normal_tail)
{
    static double v[LONG_DAYS];
    static bool on[LONG_DAYS];
    long_series(v, on, LONG_DAYS, 0.5, 4, 0);
    struct insight_test t = series_test(v, on, LONG_DAYS, 1000, 200000);
    assert_normal_tail(&t, v, on, LONG_DAYS);
    ck_assert_msg(t.p < 1e-6, "effect p = %g", t.p);

    long_series(v, on, LONG_DAYS, 0, 4, 1);
    t = series_test(v, on, LONG_DAYS, 1000, 200000);
    assert_normal_tail(&t, v, on, LONG_DAYS);
    ck_assert_msg(t.p > 0.05, "no effect p = %g", t.p);

    /* every other day +5 over noise of 0-2: the statistic comes to 37.7,
     * where erfc falls below the smallest normal double, which p keeps */
    for (int i = 0; i < LONG_DAYS; i++) {
        on[i] = i % 2 == 0;
        v[i] = 3 + (on[i] ? 5 : 0) + (double)(fixture_noise(i) % 3);
    }
    t = series_test(v, on, LONG_DAYS, 1000, 200000);
    ck_assert_uint_eq(t.permutations, 0);
    ck_assert_double_eq(t.p, DBL_MIN);
}
END_TEST

/* One value short of INSIGHTS_NORMAL_FROM the shuffles still decide:
 * a clear effect draws to the most allowed; one value more and the
 * normal curve does. */
START_TEST(test_series_shuffled_below_normal_from)
{
    static double v[INSIGHTS_NORMAL_FROM];
    static bool on[INSIGHTS_NORMAL_FROM];
    size_t n = INSIGHTS_NORMAL_FROM - 1;
    long_series(v, on, INSIGHTS_NORMAL_FROM, 0.3, 4, 0);
    struct insight_test t = series_test(v, on, n, 1000, 4000);
    ck_assert_uint_eq(t.permutations, 4000);
    ck_assert_double_eq_tol(t.p, 1.0 / 4001, 1e-15);
    /* and the curve agrees: beyond what 4000 shuffles can show */
    t = series_test(v, on, n + 1, 1000, 4000);
    assert_normal_tail(&t, v, on, n + 1);
    ck_assert_msg(t.p < 1.0 / 4001, "p = %g", t.p);
}
END_TEST

/* A tag on few days of a long series keeps the shuffles (the statistic
 * of a tag on k days stays below about sqrt(k): see
 * INSIGHTS_NORMAL_SIDE). On 40 days of 3000 with 2 more pain no shuffle
 * comes near, so all 2000 allowed are drawn; off only 40 days, the same;
 * on exactly INSIGHTS_NORMAL_SIDE days, the curve. */
START_TEST(test_series_long_but_rare_tag_shuffled)
{
    static double v[LONG_DAYS];
    static bool on[LONG_DAYS], off[LONG_DAYS];
    for (int i = 0; i < LONG_DAYS; i++) {
        on[i] = i % 75 == 0; /* 40 days */
        off[i] = !on[i];
        v[i] = 3 + (double)(fixture_noise(i) % 3) + (on[i] ? 2 : 0);
    }
    struct insight_test t = series_test(v, on, LONG_DAYS, 1000, 2000);
    ck_assert_uint_eq(t.permutations, 2000);
    ck_assert_double_eq_tol(t.p, 1.0 / 2001, 1e-15);
    t = series_test(v, off, LONG_DAYS, 1000, 2000);
    ck_assert_uint_eq(t.permutations, 2000);
    for (int i = 0; i < LONG_DAYS; i++)
        on[i] = i % (LONG_DAYS / INSIGHTS_NORMAL_SIDE) == 0;
    t = series_test(v, on, LONG_DAYS, 1000, 2000);
    assert_normal_tail(&t, v, on, LONG_DAYS);
}
END_TEST

/* The normal curve keeps its promise on long noise: 400 series of 2200
 * days of pain with memory, under tags that do nothing in runs of 3 or
 * 7 days, come out p < 0.05 about 5% of the time. Out of 400 the share
 * has a standard error near 1.1%, so 2.5% to 8% allows for luck but not
 * for a curve that is off (these come to 18, 4.5%). */
START_TEST(test_series_long_noise_calibrated)
{
    enum { DAYS = 2200, SERIES = 400 };
    static double v[DAYS];
    static bool on[DAYS];
    int small = 0;
    for (int k = 0; k < SERIES; k++) {
        long_series(v, on, DAYS, 0, k % 2 ? 7 : 3, k);
        struct insight_test t = series_test(v, on, DAYS, 1000, 200000);
        ck_assert_uint_eq(t.permutations, 0);
        small += t.p < 0.05;
    }
    double share = (double)small / SERIES;
    ck_assert_msg(share >= 0.025 && share <= 0.08, "%d of %d p < 0.05",
                  small, SERIES);
}
END_TEST

/* ---- tag effects ---------------------------------------------------------- */

/* Fixture numbers: a hash of the day and a stream number (the finaliser
 * of MurmurHash3), so every value is the same on every machine and the
 * streams do not follow one another the way successive outputs of a small
 * generator can. */
static uint32_t fixture(int day, int stream)
{
    uint32_t h = (uint32_t)day * 0x9e3779b1u + (uint32_t)stream * 0x85ebca77u;
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    return h ^ (h >> 16);
}

#define SIGNAL_DAYS 120

/* `days` days, one check-in each. "late-night" on about half the days
 * raises the next day's pain by 3; "blue-mug" on about half the days, drawn
 * independently, does nothing. Pain is 2 plus 0-2 of noise plus that 3;
 * fatigue 3-6 and sleep quality 5-7 (absent every tenth day) are noise.
 * Diaries with another `variant` draw other numbers. */
static void signal_diary(struct checkin_list *list, int days, int variant,
                         bool cause[SIGNAL_DAYS], int pain[SIGNAL_DAYS])
{
    int k = variant * 8;
    for (int i = 0; i < days; i++) {
        cause[i] = fixture(i, k + 1) & 1;
        bool noise = fixture(i, k + 2) & 1;
        pain[i] = 2 + (int)(fixture(i, k + 3) % 3) +
                  (i > 0 && cause[i - 1] ? 3 : 0);
        struct checkin *c = add(list, i, pain[i], NULL);
        c->value[CF_FATIGUE] = 3 + (int)(fixture(i, k + 4) % 4);
        c->value[CF_SLEEP_QUALITY] =
            i % 10 ? 5 + (int)(fixture(i, k + 5) % 3) : CHECKIN_ABSENT;
        if (cause[i])
            checkin_add_tag(c, "late-night");
        if (noise)
            checkin_add_tag(c, "blue-mug");
    }
}

static const struct insight_effect *find_effect(
    const struct insight_effect_list *l, const char *tag,
    enum checkin_field f, int lag)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->items[i].tag, tag) && l->items[i].outcome == (int)f &&
            l->items[i].lag == lag)
            return &l->items[i];
    ck_abort_msg("no effect %s/%d/%d", tag, (int)f, lag);
    return NULL;
}

START_TEST(test_effects_signal_and_noise)
{
    struct checkin_list list = {0};
    bool cause[SIGNAL_DAYS];
    int pain[SIGNAL_DAYS];
    signal_diary(&list, SIGNAL_DAYS, 0, cause, pain);
    struct insight_effect_list l;
    insights_effects(list.items, list.n, day0(), day0() + SIGNAL_DAYS - 1,
                     NULL, &l);
    ck_assert_uint_eq(l.n, 18); /* 2 tags x 3 outcomes x 3 lags */
    ck_assert_uint_eq(l.tested, 18);

    /* the real effect comes first, and matches a count by hand */
    const struct insight_effect *e = &l.items[0];
    ck_assert_str_eq(e->tag, "late-night");
    ck_assert_int_eq(e->outcome, CF_PAIN);
    ck_assert_int_eq(e->lag, 1);
    int nw = 0, nwo = 0;
    double sw = 0, swo = 0;
    for (int i = 0; i + 1 < SIGNAL_DAYS; i++) {
        if (cause[i]) {
            nw++;
            sw += pain[i + 1];
        } else {
            nwo++;
            swo += pain[i + 1];
        }
    }
    ck_assert_int_eq(e->days_with, nw);
    ck_assert_int_eq(e->days_without, nwo);
    ck_assert_double_eq_tol(e->mean_with, sw / nw, 1e-9);
    ck_assert_double_eq_tol(e->diff, sw / nw - swo / nwo, 1e-9);
    ck_assert_msg(e->diff > 2.5 && e->diff < 3.5, "diff %g", e->diff);
    ck_assert_msg(e->p < 0.001, "p = %g", e->p);
    ck_assert_msg(e->q < 0.01, "q = %g", e->q);

    /* Of 18 comparisons a few small p-values turn up by chance (in this
     * diary blue-mug's next-day pain has p near 0.03, fatigue after
     * late-night near 0.01): that is why q is there. After the
     * correction, the real effect is the only one left. */
    for (size_t i = 1; i < l.n; i++)
        ck_assert_msg(l.items[i].q > 0.05, "%s/%d/%d q = %g", l.items[i].tag,
                      (int)l.items[i].outcome, l.items[i].lag, l.items[i].q);
    e = find_effect(&l, "blue-mug", CF_PAIN, 1);
    ck_assert_msg(fabs(e->diff) < 1, "blue-mug diff %g", e->diff);

    /* ranked by p, q never below p and never above 1 */
    for (size_t i = 0; i < l.n; i++) {
        ck_assert(l.items[i].p > 0 && l.items[i].p <= 1);
        ck_assert(l.items[i].q >= l.items[i].p - TOL && l.items[i].q <= 1);
        if (i > 0)
            ck_assert(l.items[i - 1].p <= l.items[i].p);
    }
    insights_effect_list_free(&l);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_effects_noise_calibrated)
{
    /* Over 60 diaries of 60 days, a tag that does nothing should reach
     * p <= 0.05 about 5% of the time (the +1 correction makes it a little
     * less), and the real effect should be found every time. Fewer
     * permutations keep this fast; the smallest p is then 1 / 201. */
    struct insight_effect_options opt = {200, INSIGHTS_SEED, 200};
    int false_alarms = 0, tests = 0, found = 0;
    for (int v = 1; v <= 60; v++) {
        struct checkin_list list = {0};
        bool cause[SIGNAL_DAYS];
        int pain[SIGNAL_DAYS];
        signal_diary(&list, 60, v, cause, pain);
        struct insight_effect_list l;
        insights_effects(list.items, list.n, day0(), day0() + 59, &opt, &l);
        for (size_t i = 0; i < l.n; i++) {
            const struct insight_effect *e = &l.items[i];
            if (!strcmp(e->tag, "blue-mug") && e->enough) {
                tests++;
                false_alarms += e->p <= 0.05;
            }
        }
        found += find_effect(&l, "late-night", CF_PAIN, 1)->p <= 0.01;
        insights_effect_list_free(&l);
        checkin_list_free(&list);
    }
    ck_assert_int_eq(tests, 60 * 9);
    ck_assert_int_eq(found, 60);
    double rate = (double)false_alarms / tests;
    ck_assert_msg(rate > 0.01 && rate < 0.09, "false alarms %d of %d",
                  false_alarms, tests);
}
END_TEST

/* The signal diary with "coffee" on most late nights (not the fifth of
 * them) and on every tenth day besides: coffee's own test on all days
 * looks like late-night's, and only the days without late-night tell
 * that it does nothing. */
START_TEST(test_overlaps_tell_companions_apart)
{
    struct checkin_list list = {0};
    bool cause[SIGNAL_DAYS];
    int pain[SIGNAL_DAYS];
    signal_diary(&list, SIGNAL_DAYS, 0, cause, pain);
    int nights = 0, coffee = 0, shared = 0, coffee_alone = 0,
        night_alone = 0;
    for (int i = 0; i < SIGNAL_DAYS; i++) {
        bool on = cause[i] ? ++nights % 5 != 0 : i % 10 == 0;
        bool next = i + 1 < SIGNAL_DAYS; /* a next day to look at */
        night_alone += cause[i] && !on && next;
        if (!on)
            continue;
        checkin_add_tag(&list.items[i], "coffee");
        coffee++;
        shared += cause[i];
        coffee_alone += !cause[i] && next;
    }
    ache_day last = day0() + SIGNAL_DAYS - 1;
    struct insight_effect_list fx;
    insights_effects(list.items, list.n, day0(), last, NULL, &fx);
    struct insight_overlap_list ov;
    insights_overlaps(list.items, list.n, day0(), last, &fx, &ov);
    ck_assert_uint_eq(ov.n, 1); /* blue-mug overlaps neither */
    const struct insight_overlap *o = &ov.items[0];
    ck_assert_int_eq(o->shared, shared);
    ck_assert_str_eq(o->side[0].tag, "coffee");
    ck_assert_int_eq(o->side[0].days, coffee);
    ck_assert_str_eq(o->side[1].tag, "late-night");
    ck_assert_int_eq(o->side[1].days, nights);
    /* late-night without coffee: its fifth nights, still +3 the next day */
    const struct insight_overlap_side *ln = &o->side[1];
    ck_assert_int_eq(ln->outcome, CF_PAIN);
    ck_assert_int_eq(ln->lag, 1);
    ck_assert(ln->enough);
    ck_assert_int_eq(ln->days_with, night_alone);
    ck_assert_msg(ln->diff > 2, "late-night alone %g", ln->diff);
    /* coffee without late-night: its tenth days, nothing */
    const struct insight_overlap_side *cf = &o->side[0];
    ck_assert_int_eq(cf->outcome, CF_PAIN);
    ck_assert_int_eq(cf->lag, 1);
    ck_assert_int_eq(cf->days_with, coffee_alone);
    ck_assert(cf->enough);
    ck_assert_msg(fabs(cf->diff) < 1, "coffee alone %g", cf->diff);
    insights_overlap_list_free(&ov);
    insights_effect_list_free(&fx);
    checkin_list_free(&list);
}
END_TEST

/* 3000 days of pain 2-4, plus 2 on the days of "walking" (half of them)
 * and 4 on the days of "storm" (about 150): the normal curve makes both
 * same-day p-values far below what shuffles could show (1 / 200001), and
 * walking's, over 1500 days, the smaller. Shuffles would have tied them
 * and put the larger difference first; so does the list, while q still
 * follows the exact p. */
START_TEST(test_effects_overwhelming_go_by_size)
{
    struct checkin_list list = {0};
    for (int i = 0; i < LONG_DAYS; i++) {
        bool walk = fixture(i, 60) & 1, storm = fixture(i, 61) % 20 == 0;
        add(&list, i, 2 + (int)(fixture(i, 62) % 3) + 2 * walk + 4 * storm,
            NULL);
        if (walk)
            checkin_add_tag(&list.items[i], "walking");
        if (storm)
            checkin_add_tag(&list.items[i], "storm");
    }
    struct insight_effect_list l;
    insights_effects(list.items, list.n, day0(), day0() + LONG_DAYS - 1, NULL,
                     &l);
    ck_assert_uint_eq(l.tested, 6); /* pain only: 2 tags x 3 lags */
    const struct insight_effect *storm = &l.items[0], *walk = &l.items[1];
    ck_assert_str_eq(storm->tag, "storm");
    ck_assert_str_eq(walk->tag, "walking");
    ck_assert_int_eq(storm->lag, 0);
    ck_assert_int_eq(walk->lag, 0);
    ck_assert_uint_eq(storm->permutations, 0);
    ck_assert_msg(walk->p < storm->p && storm->p < 1.0 / 200001,
                  "walking p %g, storm p %g", walk->p, storm->p);
    ck_assert_double_eq_tol(walk->q, walk->p * 6, walk->p * 1e-9);
    ck_assert_double_eq_tol(storm->q, storm->p * 3, storm->p * 1e-9);
    for (size_t i = 3; i < l.tested; i++)
        ck_assert(l.items[i - 1].p <= l.items[i].p);
    insights_effect_list_free(&l);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_effects_reproducible)
{
    struct checkin_list list = {0};
    bool cause[SIGNAL_DAYS];
    int pain[SIGNAL_DAYS];
    signal_diary(&list, SIGNAL_DAYS, 0, cause, pain);
    ache_day last = day0() + SIGNAL_DAYS - 1;
    struct insight_effect_list a, b, c;
    insights_effects(list.items, list.n, day0(), last, NULL, &a);
    struct insight_effect_options opt = {0, INSIGHTS_SEED, 0};
    insights_effects(list.items, list.n, day0(), last, &opt, &b);
    ck_assert_uint_eq(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        ck_assert_str_eq(a.items[i].tag, b.items[i].tag);
        ck_assert_double_eq(a.items[i].p, b.items[i].p);
    }

    /* a new tag leaves the p-values of the others as they were, but for
     * those measured only until they surely passed the correction: more
     * tests ask more of them, and they are measured further, and pass */
    for (size_t i = 0; i < list.n; i += 3)
        checkin_add_tag(&list.items[i], "extra");
    insights_effects(list.items, list.n, day0(), last, NULL, &c);
    ck_assert_uint_eq(c.n, 27);
    double clear = INSIGHTS_FDR / (double)a.tested;
    size_t kept = 0, further = 0;
    for (size_t i = 0; i < a.n; i++) {
        const struct insight_effect *e = &a.items[i];
        const struct insight_effect *now =
            find_effect(&c, e->tag, e->outcome, e->lag);
        if (e->enough && e->p <= clear) {
            ck_assert_uint_gt(now->permutations, e->permutations);
            ck_assert(e->q < INSIGHTS_FDR && now->q < INSIGHTS_FDR);
            further++;
            continue;
        }
        ck_assert_double_eq(now->p, e->p);
        kept++;
    }
    ck_assert_uint_gt(kept, 0);
    ck_assert_uint_gt(further, 0);
    insights_effect_list_free(&a);
    insights_effect_list_free(&b);
    insights_effect_list_free(&c);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_effects_day_rules)
{
    /*   day   0      1  2   3    4        5    6  7
     *   pain  2t,4   1  -   5t   (t, -)   7t   2  0
     * Lag 0: with the tag 3, 5, 7 (day 4 has no pain: left out), without
     * 1, 2, 0: means 5 and 1, 3 days each. Lag 1: a day counts only if it
     * has a check-in, so day 2 (none) adds nothing though day 3 has pain;
     * days 0, 4, 5 (tagged) give 1, 7, 2; day 6 gives 0; days 1 and 3 lead
     * to days without pain. One day without: too little data. */
    struct checkin_list list = {0};
    add(&list, 0, 2, "t");
    add(&list, 0, 4, NULL);
    add(&list, 1, 1, NULL);
    add(&list, 3, 5, "t");
    add(&list, 4, CHECKIN_ABSENT, "t");
    add(&list, 5, 7, "t");
    add(&list, 6, 2, NULL);
    add(&list, 7, 0, NULL);
    struct insight_effect_list l;
    insights_effects(list.items, list.n, day0(), day0() + 7, NULL, &l);
    ck_assert_uint_eq(l.n, 9);
    ck_assert_uint_eq(l.tested, 1);

    const struct insight_effect *e = &l.items[0];
    ck_assert_int_eq(e->outcome, CF_PAIN);
    ck_assert_int_eq(e->lag, 0);
    ck_assert(e->enough);
    ck_assert_int_eq(e->days_with, 3);
    ck_assert_int_eq(e->days_without, 3);
    ck_assert_double_eq_tol(e->mean_with, 5, TOL);
    ck_assert_double_eq_tol(e->mean_without, 1, TOL);
    ck_assert_double_eq_tol(e->diff, 4, TOL);
    ck_assert(e->p > 0 && e->p <= 1);
    ck_assert_double_eq(e->q, e->p); /* one test: nothing to adjust */

    e = find_effect(&l, "t", CF_PAIN, 1);
    ck_assert(!e->enough);
    ck_assert_int_eq(e->days_with, 3);
    ck_assert_int_eq(e->days_without, 1);
    ck_assert_double_eq_tol(e->mean_with, 10.0 / 3, TOL);
    ck_assert_double_eq_tol(e->mean_without, 0, TOL);
    ck_assert_double_eq(e->diff, 0);
    ck_assert_double_eq(e->p, 1);

    /* no fatigue anywhere: nothing on either side */
    e = find_effect(&l, "t", CF_FATIGUE, 0);
    ck_assert(!e->enough);
    ck_assert_int_eq(e->days_with + e->days_without, 0);
    ck_assert_double_eq(e->mean_with, STATS_ABSENT);
    ck_assert_double_eq(e->mean_without, STATS_ABSENT);
    insights_effect_list_free(&l);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_effects_too_little_data)
{
    /* ten days of pain; "often" on days 0-6, off on 7-9: 3 days without at
     * lag 0 (just enough), 2 at lag 1 (day 9 has no next day in the
     * period), 1 at lag 2. "rare" on two days, "always" on all ten. */
    struct checkin_list list = {0};
    for (int i = 0; i < 10; i++) {
        struct checkin *c = add(&list, i, i % 4, "always");
        if (i < 7)
            checkin_add_tag(c, "often");
        if (i == 2 || i == 5)
            checkin_add_tag(c, "rare");
    }
    /* outside the period: neither counted nor listed */
    add(&list, 10, 9, "later");
    struct insight_effect_list l;
    insights_effects(list.items, list.n, day0(), day0() + 9, NULL, &l);
    ck_assert_uint_eq(l.n, 27);
    ck_assert_uint_eq(l.tested, 1);
    const struct insight_effect *e = &l.items[0];
    ck_assert_str_eq(e->tag, "often");
    ck_assert_int_eq(e->lag, 0);
    ck_assert_int_eq(e->days_without, 3);
    ck_assert_int_eq(find_effect(&l, "often", CF_PAIN, 1)->days_without, 2);
    ck_assert(!find_effect(&l, "often", CF_PAIN, 1)->enough);
    ck_assert_int_eq(find_effect(&l, "always", CF_PAIN, 0)->days_without, 0);
    ck_assert_int_eq(find_effect(&l, "rare", CF_PAIN, 0)->days_with, 2);
    /* the untested follow by tag, outcome and lag */
    ck_assert_str_eq(l.items[1].tag, "always");
    ck_assert_int_eq(l.items[1].outcome, CF_PAIN);
    ck_assert_int_eq(l.items[1].lag, 0);
    ck_assert_str_eq(l.items[l.n - 1].tag, "rare");
    ck_assert_int_eq(l.items[l.n - 1].outcome, CF_SLEEP_QUALITY);
    ck_assert_int_eq(l.items[l.n - 1].lag, 2);
    for (size_t i = 1; i < l.n; i++) {
        ck_assert(!l.items[i].enough);
        ck_assert_double_eq(l.items[i].p, 1);
        ck_assert_str_ne(l.items[i].tag, "later");
    }
    insights_effect_list_free(&l);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_effects_empty)
{
    struct insight_effect_list l;
    insights_effects(NULL, 0, day0(), day0() + 30, NULL, &l);
    ck_assert_uint_eq(l.n, 0);
    ck_assert_uint_eq(l.tested, 0);
    insights_effect_list_free(&l);
    /* check-ins without tags: nothing to compare */
    struct checkin_list list = {0};
    for (int i = 0; i < 10; i++)
        add(&list, i, 3, NULL);
    insights_effects(list.items, list.n, day0(), day0() + 9, NULL, &l);
    ck_assert_uint_eq(l.n, 0);
    insights_effect_list_free(&l);
    insights_effects(list.items, list.n, day0() + 9, day0(), NULL, &l);
    ck_assert_uint_eq(l.n, 0);
    insights_effect_list_free(&l);
    checkin_list_free(&list);
    ck_assert_int_eq(insights_outcome(0), CF_PAIN);
    ck_assert_int_eq(insights_outcome(1), CF_FATIGUE);
    ck_assert_int_eq(insights_outcome(2), CF_SLEEP_QUALITY);
}
END_TEST

/* ---- treatment trials ----------------------------------------------------- */

START_TEST(test_trial_label_rules)
{
    static const struct {
        double pct, low, high;
        enum insight_change change;
    } cases[] = {
        /* an improvement is named by the interval's cautious (upper) end */
        {-40, -60, -35, INSIGHT_MODERATE},
        {-40, -60, -29, INSIGHT_MINIMAL},
        {-40, -60, -9, INSIGHT_NO_CLEAR_CHANGE},
        {-40, -60, 3, INSIGHT_NO_CLEAR_CHANGE},
        {-55, -70, -50, INSIGHT_SUBSTANTIAL},
        {-60, -80, -49, INSIGHT_MODERATE},
        {-12, -20, -10, INSIGHT_MINIMAL},
        /* and by the change seen, when that is the smaller fall */
        {-9, -20, -12, INSIGHT_NO_CLEAR_CHANGE},
        {-35, -60, -40, INSIGHT_MODERATE},
        /* worse: the whole interval above 0 and at least +10% seen */
        {15, 2, 30, INSIGHT_WORSE},
        {10, 0.1, 20, INSIGHT_WORSE},
        {9, 1, 20, INSIGHT_NO_CLEAR_CHANGE},
        {15, -1, 30, INSIGHT_NO_CLEAR_CHANGE},
        {15, 0, 30, INSIGHT_NO_CLEAR_CHANGE},
        {0, 0, 0, INSIGHT_NO_CLEAR_CHANGE},
        /* from no pain: endless rises */
        {INFINITY, INFINITY, INFINITY, INSIGHT_WORSE},
        {INFINITY, 0, INFINITY, INSIGHT_NO_CLEAR_CHANGE},
        {-20, -50, INFINITY, INSIGHT_NO_CLEAR_CHANGE},
        /* decimal boundaries that binary fractions miss by a hair */
        {(4.5 - 5) / 5 * 100, -20, (4.5 - 5) / 5 * 100, INSIGHT_MINIMAL},
        {(2.1 - 3) / 3 * 100, -40, (2.1 - 3) / 3 * 100, INSIGHT_MODERATE},
        {(7.0 / 6 - 7.0 / 3) / (7.0 / 3) * 100, -60, -50, INSIGHT_SUBSTANTIAL},
        {(6.05 - 5.5) / 5.5 * 100, 1, 20, INSIGHT_WORSE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum insight_change c = insights_trial_label(
            cases[i].pct, cases[i].low, cases[i].high);
        ck_assert_msg(c == cases[i].change, "%g [%g, %g]: %s, not %s",
                      cases[i].pct, cases[i].low, cases[i].high,
                      insights_change_name(c),
                      insights_change_name(cases[i].change));
    }
}
END_TEST

START_TEST(test_change_names)
{
    ck_assert_str_eq(insights_change_name(INSIGHT_TOO_LITTLE_DATA),
                     "too little data");
    ck_assert_str_eq(insights_change_name(INSIGHT_NO_CLEAR_CHANGE),
                     "no clear change");
    ck_assert_str_eq(insights_change_name(INSIGHT_WORSE), "worse");
    ck_assert_str_eq(insights_change_name(INSIGHT_MINIMAL),
                     "minimal improvement");
    ck_assert_str_eq(insights_change_name(INSIGHT_MODERATE),
                     "moderate improvement");
    ck_assert_str_eq(insights_change_name(INSIGHT_SUBSTANTIAL),
                     "substantial improvement");
    ck_assert_str_eq(insights_change_name((enum insight_change)99), "");
}
END_TEST

/* Pain before(i) on offsets 0..27, the first use of "heat" on 28 (pain 9,
 * which counts for neither side), pain after(i) with heat on 29..42, and
 * more after the window (ignored). Without a function, a side is flat at
 * its number. */
struct trial_plan {
    int before, after;
    int (*before_at)(int i); /* i = 0..27 */
    int (*after_at)(int i);  /* i = 0..13 */
};

static void trial_diary(struct checkin_list *list, const struct trial_plan *p)
{
    for (int i = 0; i < 28; i++)
        add(list, i, p->before_at ? p->before_at(i) : p->before, NULL);
    add(list, 28, 9, "heat");
    for (int i = 0; i < 14; i++)
        add(list, 29 + i, p->after_at ? p->after_at(i) : p->after, "heat");
    add(list, 43, 10, NULL);
    add(list, 50, 0, "heat");
}

static void flat_trial(struct checkin_list *list, int before, int after,
                       struct insight_trial *t)
{
    trial_diary(list, &(struct trial_plan){.before = before, .after = after});
    insights_trial(list->items, list->n, "heat", t);
    checkin_list_free(list);
}

/* Steady pain on each side: every resample is the same, so the interval
 * is the change itself. */
START_TEST(test_trial_steady_sides)
{
    struct checkin_list list = {0};
    struct insight_trial t;
    flat_trial(&list, 6, 3, &t);
    ck_assert_str_eq(t.tag, "heat");
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_LABELLED);
    ck_assert_int_eq(t.change, INSIGHT_SUBSTANTIAL);
    ck_assert_int_eq(t.first_use, day0() + 28);
    ck_assert_int_eq(t.before.days, 28);
    ck_assert_int_eq(t.days_after, 14);
    ck_assert_int_eq(t.days_checked, 14);
    ck_assert_int_eq(t.days_used, 14);
    ck_assert_double_eq_tol(t.before.mean, 6, TOL);
    ck_assert_double_eq_tol(t.mean_after, 3, TOL);
    ck_assert(t.before.has_pct && t.before.has_range);
    ck_assert_double_eq_tol(t.before.pct, -50, 1e-9);
    ck_assert_double_eq_tol(t.before.low, -50, 1e-9);
    ck_assert_double_eq_tol(t.before.high, -50, 1e-9);
    /* no bad spell: the week before is like the three before it */
    ck_assert_int_eq(t.spell_days, 7);
    ck_assert_double_eq_tol(t.spell_mean, 6, TOL);
    ck_assert_int_eq(t.usual.days, 21);
    ck_assert_double_eq_tol(t.usual.mean, 6, TOL);
    ck_assert(!t.bad_spell);
    ck_assert(!t.usual.has_pct); /* compared only after a bad spell */
    ck_assert_int_eq(t.usual.change, INSIGHT_TOO_LITTLE_DATA);

    flat_trial(&list, 4, 5, &t);
    ck_assert_int_eq(t.change, INSIGHT_WORSE);
    ck_assert_double_eq_tol(t.before.pct, 25, 1e-9);
    flat_trial(&list, 5, 5, &t);
    ck_assert_int_eq(t.change, INSIGHT_NO_CLEAR_CHANGE);
    ck_assert_double_eq_tol(t.before.high, 0, 1e-9);
    /* from no pain: no percentage and no range, but any pain is worse */
    flat_trial(&list, 0, 2, &t);
    ck_assert_int_eq(t.change, INSIGHT_WORSE);
    ck_assert(!t.before.has_pct && !t.before.has_range);
    ck_assert_double_eq(t.before.pct, 0);
    flat_trial(&list, 0, 0, &t);
    ck_assert_int_eq(t.change, INSIGHT_NO_CLEAR_CHANGE);
}
END_TEST

/* Usual pain 3, 3, 4, 4, ... (eleven 3s and ten 4s: 73/21), then a week
 * of 7 (at least 1 above: a bad spell), then heat and 2, 2, 3, 3, ...
 * (eight 2s, six 3s: 34/14). Against the whole 4 weeks (122/28) that is
 * -44.3%, and the resampled range (-77/139 to -15/49, -55.4% to -30.6%)
 * clears 30%: moderate. Against usual pain it is -30.1% (-44/146), but the
 * range's cautious end is -25%: minimal, and that is the name. */
static int usual_then_spell(int i)
{
    return i < 21 ? 3 + (i / 2) % 2 : 7;
}
static int lower_after(int i)
{
    return 2 + (i / 2) % 2;
}

START_TEST(test_trial_bad_spell)
{
    struct checkin_list list = {0};
    trial_diary(&list, &(struct trial_plan){.before_at = usual_then_spell,
                                            .after_at = lower_after});
    struct insight_trial t, again;
    insights_trial(list.items, list.n, "heat", &t);
    ck_assert(t.bad_spell);
    ck_assert_int_eq(t.spell_days, 7);
    ck_assert_double_eq_tol(t.spell_mean, 7, TOL);
    ck_assert_double_eq_tol(t.usual.mean, 73.0 / 21, TOL);
    ck_assert_double_eq_tol(t.before.mean, 122.0 / 28, TOL);
    ck_assert_double_eq_tol(t.mean_after, 34.0 / 14, TOL);
    ck_assert_double_eq_tol(t.before.pct, -54.0 / 122 * 100, 1e-9);
    ck_assert_double_eq_tol(t.before.low, -77.0 / 139 * 100, 1e-9);
    ck_assert_double_eq_tol(t.before.high, -15.0 / 49 * 100, 1e-9);
    ck_assert_int_eq(t.before.change, INSIGHT_MODERATE);
    ck_assert(t.usual.has_pct && t.usual.has_range);
    ck_assert_double_eq_tol(t.usual.pct, -44.0 / 146 * 100, 1e-9);
    ck_assert_double_eq_tol(t.usual.low, -53.0 / 146 * 100, 1e-9);
    ck_assert_double_eq_tol(t.usual.high, -25, 1e-9);
    ck_assert_int_eq(t.usual.change, INSIGHT_MINIMAL);
    ck_assert_int_eq(t.change, INSIGHT_MINIMAL);
    /* the same diary, the same range: the seed is fixed */
    insights_trial(list.items, list.n, "heat", &again);
    ck_assert(memcmp(&t, &again, sizeof t) == 0);
    checkin_list_free(&list);
}
END_TEST

/* A week before less than 1 above the rest is no bad spell; and with
 * fewer than 4 days of pain in the week before, there is no telling. */
START_TEST(test_trial_spell_needs_a_clear_rise)
{
    struct checkin_list list = {0};
    for (int i = 0; i < 28; i++)
        add(&list, i, i < 21 ? 4 : 5, NULL);
    list.items[21].value[CF_PAIN] = 4; /* the week: 34/7, 0.86 above */
    add(&list, 28, CHECKIN_ABSENT, "heat");
    for (int i = 29; i < 43; i++)
        add(&list, i, 4, "heat");
    struct insight_trial t;
    insights_trial(list.items, list.n, "heat", &t);
    ck_assert(!t.bad_spell);
    list.items[21].value[CF_PAIN] = 5; /* 5: exactly 1 above */
    insights_trial(list.items, list.n, "heat", &t);
    ck_assert(t.bad_spell);
    for (int i = 21; i < 25; i++) /* 3 days of pain left in the week */
        list.items[i].value[CF_PAIN] = CHECKIN_ABSENT;
    insights_trial(list.items, list.n, "heat", &t);
    ck_assert_int_eq(t.spell_days, 3);
    ck_assert(!t.bad_spell);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_trial_needs_days_each_side)
{
    /* before: 14 days of pain 5 (offsets 14..27) and 14 check-ins without
     * pain; after: 7 days of pain 4 and nothing else: -20% */
    struct checkin_list list = {0};
    for (int i = 0; i < 28; i++)
        add(&list, i, i >= 14 ? 5 : CHECKIN_ABSENT, NULL);
    add(&list, 28, CHECKIN_ABSENT, "magnesium");
    for (int i = 29; i < 36; i++)
        add(&list, i, 4, "magnesium");
    struct insight_trial t;
    insights_trial(list.items, list.n, "magnesium", &t);
    ck_assert_int_eq(t.before.days, 14);
    ck_assert_int_eq(t.days_after, 7);
    ck_assert_int_eq(t.change, INSIGHT_MINIMAL);
    ck_assert_double_eq_tol(t.before.pct, -20, 1e-9);

    /* one day fewer before */
    list.items[14].value[CF_PAIN] = CHECKIN_ABSENT;
    insights_trial(list.items, list.n, "magnesium", &t);
    ck_assert_int_eq(t.before.days, 13);
    ck_assert_int_eq(t.change, INSIGHT_TOO_LITTLE_DATA);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_FEW_BEFORE);
    ck_assert(!t.before.has_pct);
    ck_assert_double_eq_tol(t.before.mean, 5, TOL); /* still told */

    /* one day fewer after */
    list.items[14].value[CF_PAIN] = 5;
    list.items[35].value[CF_PAIN] = CHECKIN_ABSENT;
    insights_trial(list.items, list.n, "magnesium", &t);
    ck_assert_int_eq(t.days_after, 6);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_FEW_AFTER);
    ck_assert_int_eq(t.change, INSIGHT_TOO_LITTLE_DATA);
    checkin_list_free(&list);

    /* first used on the diary's first day: nothing before */
    add(&list, 0, 5, "magnesium");
    for (int i = 1; i < 20; i++)
        add(&list, i, 5, "magnesium");
    insights_trial(list.items, list.n, "magnesium", &t);
    ck_assert_int_eq(t.before.days, 0);
    ck_assert_double_eq(t.before.mean, STATS_ABSENT);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_FEW_BEFORE);
    checkin_list_free(&list);
}
END_TEST

/* A label needs the tag on at least half the days after with a check-in:
 * one use and a drop after it is no trial. */
START_TEST(test_trial_needs_continued_use)
{
    struct checkin_list list = {0};
    for (int i = 0; i < 28; i++)
        add(&list, i, 6, NULL);
    add(&list, 28, 6, "heat");
    /* after: 12 days with a check-in (none on 30 and 31), heat on 5 of
     * them (29, 32-35) */
    for (int i = 29; i < 43; i++)
        if (i != 30 && i != 31)
            add(&list, i, 3, i <= 35 ? "heat" : NULL);
    struct insight_trial t;
    insights_trial(list.items, list.n, "heat", &t);
    ck_assert_int_eq(t.days_checked, 12);
    ck_assert_int_eq(t.days_used, 5);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_LITTLE_USE);
    ck_assert_int_eq(t.change, INSIGHT_TOO_LITTLE_DATA);
    ck_assert(!t.before.has_pct);
    /* a second check-in of a day with heat counts that day once */
    add(&list, 33, CHECKIN_ABSENT, "heat");
    insights_trial(list.items, list.n, "heat", &t);
    ck_assert_int_eq(t.days_used, 5);
    /* heat on a sixth day: half of 12 */
    checkin_add_tag(&list.items[list.n - 2], "heat"); /* offset 42 */
    insights_trial(list.items, list.n, "heat", &t);
    ck_assert_int_eq(t.days_used, 6);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_LABELLED);
    ck_assert_int_eq(t.change, INSIGHT_SUBSTANTIAL);
    checkin_list_free(&list);
}
END_TEST

/* A regimen's trial starts from the day it began, whatever the tags, and
 * its days of use are the caller's: all of them for a schedule, a few
 * for a medicine stopped early. */
START_TEST(test_trial_of_a_regimen)
{
    struct checkin_list list = {0};
    for (int i = 0; i < 28; i++)
        add(&list, i, 6, NULL);
    for (int i = 28; i < 43; i++)
        add(&list, i, 3, NULL);
    bool used[INSIGHTS_TRIAL_AFTER_DAYS];
    for (int i = 0; i < INSIGHTS_TRIAL_AFTER_DAYS; i++)
        used[i] = true;
    struct insight_trial t;
    insights_trial_regimen(list.items, list.n, "amitriptyline 20 mg",
                           day0() + 28, used, &t);
    ck_assert_str_eq(t.tag, "amitriptyline 20 mg");
    ck_assert(t.regimen);
    ck_assert_int_eq(t.first_use, day0() + 28);
    ck_assert_int_eq(t.days_used, 14);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_LABELLED);
    ck_assert_int_eq(t.change, INSIGHT_SUBSTANTIAL);
    /* stopped after 5 days: too little use to judge */
    for (int i = 5; i < INSIGHTS_TRIAL_AFTER_DAYS; i++)
        used[i] = false;
    insights_trial_regimen(list.items, list.n, "amitriptyline 20 mg",
                           day0() + 28, used, &t);
    ck_assert_int_eq(t.days_used, 5);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_LITTLE_USE);
    ck_assert_int_eq(t.change, INSIGHT_TOO_LITTLE_DATA);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_trial_never_used)
{
    struct checkin_list list = {0};
    trial_diary(&list, &(struct trial_plan){.before = 6, .after = 3});
    struct insight_trial t;
    insights_trial(list.items, list.n, "acupuncture", &t);
    ck_assert_int_eq(t.change, INSIGHT_TOO_LITTLE_DATA);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_NEVER_USED);
    ck_assert_str_eq(t.tag, "acupuncture");
    ck_assert_int_eq(t.before.days + t.days_after, 0);
    ck_assert_double_eq(t.mean_after, STATS_ABSENT);
    insights_trial(NULL, 0, "heat", &t);
    ck_assert_int_eq(t.why, INSIGHT_TRIAL_NEVER_USED);
    checkin_list_free(&list);
}
END_TEST

/* ---- boom and bust -------------------------------------------------------- */

/*   day       0  1  2  3  4  5  6  7  8  9  10 11
 *   activity  2  2  8  2  2  9  2  2  8  2  3  9
 *   pain      2  2  3  4  5  4  5  5  2  -  4  3
 * Activity: seven 2s, a 3, 8, 8, 9, 9; the 75th percentile of twelve is at
 * 8.25: 8; median 2. Booms: 2, 5, 8, 11. Day 2 (pain 3) busts on day 4
 * (5, exactly 2 more; day 3 is only 1 more). Day 5 (4): 5 and 5, no bust.
 * Day 8 (2): day 9 has no pain, day 10 has 4: a bust. Day 11 is the last
 * day: not assessed. */
static void pacing_days(struct day_summary *days)
{
    static const double activity[] = {2, 2, 8, 2, 2, 9, 2, 2, 8, 2, 3, 9};
    static const double pain[] = {2, 2, 3, 4, 5, 4, 5, 5, 2, -1, 4, 3};
    activity_days(activity, 12, days);
    for (int i = 0; i < 12; i++)
        days[i].mean[CF_PAIN] = pain[i] < 0 ? STATS_ABSENT : pain[i];
}

START_TEST(test_pacing_boom_and_bust)
{
    struct day_summary days[12];
    pacing_days(days);
    struct insight_pacing p;
    insights_pacing(days, 12, &p);
    ck_assert_double_eq_tol(p.activity.threshold, 8, TOL);
    ck_assert_uint_eq(p.booms, 4);
    ck_assert_uint_eq(p.assessed, 3);
    ck_assert_uint_eq(p.busts, 2);
    static const int boom_days[] = {2, 5, 8, 11};
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(p.items[i].day, day0() + boom_days[i]);
    ck_assert(p.items[0].bust);
    ck_assert_int_eq(p.items[0].bust_day, day0() + 4);
    ck_assert_double_eq_tol(p.items[0].bust_pain, 5, TOL);
    ck_assert_double_eq_tol(p.items[0].pain, 3, TOL);
    ck_assert_double_eq_tol(p.items[0].activity, 8, TOL);
    ck_assert(p.items[1].assessed && !p.items[1].bust);
    ck_assert_double_eq(p.items[1].bust_pain, STATS_ABSENT);
    ck_assert(p.items[2].bust);
    ck_assert_int_eq(p.items[2].bust_day, day0() + 10);
    ck_assert(!p.items[3].assessed && !p.items[3].bust);
    insights_pacing_free(&p);
    insights_pacing_free(&p);
}
END_TEST

/* The same rise after ordinary days: 0, 1, 3, 4, 6, 7, 9 and 10 (activity
 * 2 or 3, below the top quarter). Day 1 (pain 2) is followed by 4 on day 3:
 * the one rise of 2. Day 9 has no pain: not assessed; day 10 (4) is
 * followed by day 11 (3). So 8 ordinary days, 7 assessed, 1 rise. */
START_TEST(test_pacing_ordinary_days)
{
    struct day_summary days[12];
    pacing_days(days);
    struct insight_pacing p;
    insights_pacing(days, 12, &p);
    ck_assert_uint_eq(p.ordinary, 8);
    ck_assert_uint_eq(p.ordinary_assessed, 7);
    ck_assert_uint_eq(p.ordinary_busts, 1);
    insights_pacing_free(&p);

    /* a day without activity is neither a boom nor ordinary */
    days[1].mean[CF_ACTIVITY] = STATS_ABSENT;
    insights_pacing(days, 12, &p);
    ck_assert_uint_eq(p.ordinary, 7);
    ck_assert_uint_eq(p.ordinary_busts, 0);
    insights_pacing_free(&p);

    /* no pain at all: ordinary days, none of them followed */
    for (int i = 0; i < 12; i++)
        days[i].mean[CF_PAIN] = STATS_ABSENT;
    insights_pacing(days, 12, &p);
    ck_assert_uint_eq(p.ordinary, 7);
    ck_assert_uint_eq(p.ordinary_assessed, 0);
    ck_assert_uint_eq(p.assessed, 0);
    insights_pacing_free(&p);
}
END_TEST

START_TEST(test_pacing_window_and_gaps)
{
    struct day_summary days[12];
    pacing_days(days);
    /* a rise three days later is too late: lift day 8 to 9 and day 5
     * (pain 4) still has no bust, while day 8 itself now has none (day 10
     * is 4); a boom without pain that day cannot be judged */
    days[8].mean[CF_PAIN] = 9;
    days[2].mean[CF_PAIN] = STATS_ABSENT;
    struct insight_pacing p;
    insights_pacing(days, 12, &p);
    ck_assert_uint_eq(p.booms, 4);
    ck_assert(!p.items[0].assessed && !p.items[0].bust);
    ck_assert(p.items[1].assessed && !p.items[1].bust);
    ck_assert(p.items[2].assessed && !p.items[2].bust);
    ck_assert_uint_eq(p.assessed, 2);
    ck_assert_uint_eq(p.busts, 0);
    insights_pacing_free(&p);

    /* summaries with a gap: day 9 is not in the array at all; day 8's
     * bust on day 10 is still two calendar days on */
    pacing_days(days);
    struct day_summary gap[11];
    memcpy(gap, days, 9 * sizeof *days);
    memcpy(gap + 9, days + 10, 2 * sizeof *days);
    insights_pacing(gap, 11, &p);
    ck_assert_uint_eq(p.booms, 4);
    ck_assert(p.items[2].bust);
    ck_assert_int_eq(p.items[2].bust_day, day0() + 10);
    insights_pacing_free(&p);
}
END_TEST

START_TEST(test_pacing_too_little_data)
{
    struct insight_pacing p;
    insights_pacing(NULL, 0, &p);
    ck_assert_uint_eq(p.booms, 0);
    ck_assert(!p.activity.known);
    insights_pacing_free(&p);
    /* six days of activity: no top quarter, no booms */
    double a[] = {1, 9, 1, 9, 1, 9};
    struct day_summary days[6];
    activity_days(a, 6, days);
    insights_pacing(days, 6, &p);
    ck_assert_uint_eq(p.booms, 0);
    ck_assert_uint_eq(p.busts, 0);
    /* nor ordinary days: nothing to compare with */
    ck_assert_uint_eq(p.ordinary, 0);
    ck_assert_uint_eq(p.ordinary_assessed, 0);
    insights_pacing_free(&p);
}
END_TEST

/* ---- weeks ---------------------------------------------------------------- */

START_TEST(test_severity_score)
{
    static const struct {
        double mean;
        int score;
    } cases[] = {{0, 0},      {0.49, 0}, {0.5, 1},  {1, 1},   {3, 1},
                 {3.49, 1},   {3.5, 2},  {4, 2},    {6, 2},   {6.49, 2},
                 {6.5, 3},    {7, 3},    {10, 3},   {10.0 / 3 + 1.0 / 6, 2}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(insights_severity_score(cases[i].mean) == cases[i].score,
                      "%g -> %d", cases[i].mean,
                      insights_severity_score(cases[i].mean));
    ck_assert_int_eq(insights_severity_score(STATS_ABSENT), INSIGHTS_ABSENT);
}
END_TEST

/* Check-ins from Thursday 2026-01-29 (ISO week 5) to Tuesday 2026-02-17
 * (week 8); summaries from Wednesday 2026-01-28. */
static void week_diary(struct checkin_list *list)
{
    /* week 5: jaw, chest, abdomen and neck: WPI 5, but only the neck counts
     * for generalized pain (1 group). Fatigue 6 and 7 -> 6.5 -> 7 -> 3.
     * Sleep 3 and 4 -> 3.5, reversed 6.5 -> 7 -> 3 (reversing the rounded
     * mean, 10 - 4 = 6, would give 2). Fog 0 -> 0. SSS 6, total 11. */
    struct checkin *c = add(list, -4, 5, NULL);
    c->regions = region("jaw-l") | region("jaw-r") | region("chest");
    c->value[CF_FATIGUE] = 6;
    c->value[CF_SLEEP_QUALITY] = 3;
    c->value[CF_FOG] = 0;
    c = add(list, -1, 4, NULL);
    c->regions = region("abdomen") | region("neck");
    c->value[CF_FATIGUE] = 7;
    c->value[CF_SLEEP_QUALITY] = 4;
    /* week 6: nothing. Week 7: all five groups; fatigue 0 and 1 -> 0.5 ->
     * 1; sleep 10 and 9 -> 9.5, reversed 0.5 -> 1; no fog: no SSS. */
    c = add(list, 7, 3, NULL);
    c->regions = region("shoulder-l") | region("shoulder-r") | region("hip-l");
    c->value[CF_FATIGUE] = 0;
    c->value[CF_SLEEP_QUALITY] = 10;
    c = add(list, 13, 3, NULL);
    c->regions = region("upper-leg-r") | region("lower-back");
    c->value[CF_FATIGUE] = 1;
    c->value[CF_SLEEP_QUALITY] = 9;
    /* week 8 (Monday and Tuesday): jaw-l, chest and abdomen do not count,
     * shoulder-r, hip-l, lower-leg-r and neck make 4 groups: generalized,
     * WPI 7. Fatigue 4 -> 2, sleep 10 -> 0, fog 10 -> 3: SSS 5, total 12. */
    c = add(list, 14, 6, NULL);
    c->regions = region("jaw-l") | region("chest") | region("abdomen") |
                 region("shoulder-r") | region("hip-l");
    c->value[CF_FATIGUE] = 4;
    c->value[CF_SLEEP_QUALITY] = 10;
    c->value[CF_FOG] = 10;
    c = add(list, 15, 6, NULL);
    c->regions = region("lower-leg-r") | region("neck");
}

START_TEST(test_weeks_wpi_and_sss)
{
    struct checkin_list list = {0};
    week_diary(&list);
    ache_day first = day0() - 5, last = day0() + 15;
    struct day_summary days[21];
    stats_days(list.items, list.n, first, last, days);
    struct insight_week_list wl;
    insights_weeks(days, 21, &wl);
    ck_assert_uint_eq(wl.n, 4);

    const struct insight_week *w = &wl.items[0];
    ck_assert_int_eq(w->iso_year, 2026);
    ck_assert_int_eq(w->iso_week, 5);
    ck_assert_int_eq(w->monday, day0() - 7);
    ck_assert_int_eq(w->days, 2);
    ck_assert(w->has_data);
    ck_assert_int_eq(w->wpi, 5);
    ck_assert_int_eq(w->groups, 1);
    ck_assert(!w->generalized);
    ck_assert_double_eq_tol(w->fatigue, 6.5, TOL);
    ck_assert_double_eq_tol(w->sleep_quality, 3.5, TOL);
    ck_assert_int_eq(w->fatigue_score, 3);
    ck_assert_int_eq(w->sleep_score, 3);
    ck_assert_int_eq(w->fog_score, 0);
    ck_assert_int_eq(w->sss, 6);
    ck_assert_int_eq(w->total, 11);

    w = &wl.items[1];
    ck_assert_int_eq(w->iso_week, 6);
    ck_assert_int_eq(w->monday, day0());
    ck_assert(!w->has_data);
    ck_assert_int_eq(w->days, 0);
    ck_assert_int_eq(w->wpi, 0);
    ck_assert_double_eq(w->fatigue, STATS_ABSENT);
    ck_assert_int_eq(w->fatigue_score, INSIGHTS_ABSENT);
    ck_assert_int_eq(w->sss, INSIGHTS_ABSENT);
    ck_assert_int_eq(w->total, INSIGHTS_ABSENT);

    w = &wl.items[2];
    ck_assert_int_eq(w->iso_week, 7);
    ck_assert_int_eq(w->wpi, 5);
    ck_assert_int_eq(w->groups, 5);
    ck_assert(w->generalized);
    ck_assert_int_eq(w->fatigue_score, 1);
    ck_assert_int_eq(w->sleep_score, 1);
    ck_assert_int_eq(w->fog_score, INSIGHTS_ABSENT);
    ck_assert_int_eq(w->sss, INSIGHTS_ABSENT);
    ck_assert_int_eq(w->total, INSIGHTS_ABSENT);

    w = &wl.items[3];
    ck_assert_int_eq(w->iso_week, 8);
    ck_assert_int_eq(w->days, 2);
    ck_assert_int_eq(w->wpi, 7);
    ck_assert_int_eq(w->groups, 4);
    ck_assert(w->generalized);
    ck_assert_uint_eq(w->regions & region("chest"), region("chest"));
    ck_assert_int_eq(w->fatigue_score, 2);
    ck_assert_int_eq(w->sleep_score, 0);
    ck_assert_int_eq(w->fog_score, 3);
    ck_assert_int_eq(w->sss, 5);
    ck_assert_int_eq(w->total, 12);

    insights_week_list_free(&wl);
    insights_week_list_free(&wl);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_weeks_edges)
{
    struct insight_week_list wl;
    insights_weeks(NULL, 0, &wl);
    ck_assert_uint_eq(wl.n, 0);
    insights_week_list_free(&wl);

    /* 2026-12-28 (Monday) to 2027-01-03 is ISO week 53 of 2026; one
     * check-in without regions: data, WPI 0 */
    struct checkin_list list = {0};
    struct checkin *c = checkin_list_push(&list);
    checkin_init(c, date_from_ymd(2026, 12, 31));
    c->value[CF_PAIN] = 2;
    ache_day first = date_from_ymd(2026, 12, 28);
    struct day_summary days[8];
    stats_days(list.items, list.n, first, first + 7, days);
    insights_weeks(days, 7, &wl);
    ck_assert_uint_eq(wl.n, 1);
    ck_assert_int_eq(wl.items[0].iso_year, 2026);
    ck_assert_int_eq(wl.items[0].iso_week, 53);
    ck_assert(wl.items[0].has_data);
    ck_assert_int_eq(wl.items[0].wpi, 0);
    ck_assert(!wl.items[0].generalized);
    insights_week_list_free(&wl);

    /* one more day starts 2027-W01 */
    insights_weeks(days, 8, &wl);
    ck_assert_uint_eq(wl.n, 2);
    ck_assert_int_eq(wl.items[1].iso_year, 2027);
    ck_assert_int_eq(wl.items[1].iso_week, 1);
    ck_assert(!wl.items[1].has_data);
    insights_week_list_free(&wl);
    checkin_list_free(&list);
}
END_TEST

/* ---- when check-ins were entered ------------------------------------------ */

/* Milliseconds of noon on day0 + offset, in UTC, which the test sets as
 * the local zone (a check-in's day is its local day). */
static int64_t noon(int offset)
{
    return ((int64_t)(day0() + offset) * 86400 + 12 * 3600) * 1000;
}

/* Sets TZ (NULL: unset) and returns the old value, to be given back. */
static char *swap_tz(const char *tz)
{
    const char *now = getenv("TZ");
    char *old = now ? xstrdup(now) : NULL;
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    tzset();
    return old;
}

/*   offset   0        1      2        3               4 (none)  5
 *   entered  on time  later  unknown  unknown, later            later, on time
 * Offset 3 has no check-in known to be on time and one of unknown
 * moment: unknown, not later. */
START_TEST(test_entry_days)
{
    char *tz = swap_tz("UTC0");
    struct checkin_list list = {0};
    add(&list, 0, 3, NULL)->created_at = noon(0);
    add(&list, 1, 3, NULL)->created_at = noon(3);
    add(&list, 2, 3, NULL)->created_at = 0;
    add(&list, 3, 3, NULL)->created_at = 0;
    add(&list, 3, 3, NULL)->created_at = noon(4);
    add(&list, 5, 3, NULL)->created_at = noon(6);
    add(&list, 5, 3, NULL)->created_at = noon(5);
    add(&list, 9, 3, NULL)->created_at = noon(12); /* outside */
    struct insight_entry_days e;
    insights_entry_days(list.items, list.n, day0(), day0() + 6, &e);
    ck_assert_uint_eq(e.ndays, 7);
    static const unsigned char want[] = {
        INSIGHT_ENTRY_ON_TIME, INSIGHT_ENTRY_LATER, INSIGHT_ENTRY_UNKNOWN,
        INSIGHT_ENTRY_UNKNOWN, INSIGHT_ENTRY_NONE, INSIGHT_ENTRY_ON_TIME,
        INSIGHT_ENTRY_NONE};
    for (int i = 0; i < 7; i++)
        ck_assert_msg(e.entry[i] == want[i], "day %d: %d", i, e.entry[i]);
    ck_assert_int_eq(e.days, 5);
    ck_assert_int_eq(e.on_time, 2);
    ck_assert_int_eq(e.later, 1);
    ck_assert_int_eq(e.unknown, 2);

    /* by week: the diary's weeks from Monday day0 - 7 */
    struct day_summary days[14];
    stats_days(list.items, list.n, day0() - 7, day0() + 6, days);
    struct insight_week_list wl;
    insights_weeks(days, 14, &wl);
    insights_weeks_entry(&wl, &e);
    ck_assert_uint_eq(wl.n, 2);
    ck_assert_int_eq(wl.items[0].days_later, 0);
    ck_assert_int_eq(wl.items[0].days_unknown, 0);
    ck_assert_int_eq(wl.items[1].days_later, 1);
    ck_assert_int_eq(wl.items[1].days_unknown, 2);
    insights_week_list_free(&wl);
    insights_entry_days_free(&e);
    insights_entry_days_free(&e);
    checkin_list_free(&list);
    free(swap_tz(tz));
    free(tz);
}
END_TEST

/* Every check-in imported without created_at: all timing unknown, none
 * later; an empty or backwards period has no days. */
START_TEST(test_entry_days_all_unknown)
{
    struct checkin_list list = {0};
    for (int i = 0; i < 4; i++)
        add(&list, i, 3, NULL);
    struct insight_entry_days e;
    insights_entry_days(list.items, list.n, day0(), day0() + 3, &e);
    ck_assert_int_eq(e.days, 4);
    ck_assert_int_eq(e.unknown, 4);
    ck_assert_int_eq(e.later, 0);
    ck_assert_int_eq(e.on_time, 0);
    insights_entry_days_free(&e);
    insights_entry_days(list.items, list.n, day0() + 1, day0(), &e);
    ck_assert_uint_eq(e.ndays, 0);
    ck_assert_int_eq(e.days, 0);
    insights_entry_days_free(&e);
    checkin_list_free(&list);
}
END_TEST


/* ---- the diary every analysis reads ----------------------------------------- */

/* The tags of day i of d, joined with commas. */
static void day_tags_text(const struct insight_diary *d, size_t i, char *out,
                          size_t size)
{
    out[0] = '\0';
    for (uint32_t j = d->day_first[i]; j < d->day_first[i + 1]; j++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s",
                 j > d->day_first[i] ? "," : "", d->tags[d->day_tags[j]]);
}

/* Three days of check-ins given out of date order, a tag twice in a day,
 * and a check-in outside the days asked. */
static void mixed_diary(struct checkin_list *list)
{
    add(list, 2, 6, "walk");
    checkin_add_tag(add(list, 0, 4, "yoga"), "cold");
    add(list, 0, 5, "yoga");
    add(list, 1, CHECKIN_ABSENT, NULL);
    add(list, 9, 9, "late");
}

START_TEST(test_diary_days_and_tags)
{
    struct checkin_list list = {0};
    mixed_diary(&list);
    struct insight_diary d;
    insights_diary_build(list.items, list.n, day0(), day0() + 2, &d);
    ck_assert_uint_eq(d.ndays, 3);
    ck_assert_uint_eq(d.ntags, 3);
    ck_assert_str_eq(d.tags[0], "cold");
    ck_assert_str_eq(d.tags[1], "walk");
    ck_assert_str_eq(d.tags[2], "yoga");
    ck_assert_int_eq(d.days[0].checkins, 2);
    ck_assert_double_eq_tol(d.days[0].mean[CF_PAIN], 4.5, TOL);
    ck_assert_int_eq(d.days[1].checkins, 1);
    ck_assert_double_eq_tol(d.days[1].mean[CF_PAIN], STATS_ABSENT, TOL);
    ck_assert_double_eq_tol(d.days[2].mean[CF_PAIN], 6, TOL);
    char text[64];
    day_tags_text(&d, 0, text, sizeof text);
    ck_assert_str_eq(text, "cold,yoga"); /* yoga twice counts once */
    day_tags_text(&d, 1, text, sizeof text);
    ck_assert_str_eq(text, "");
    day_tags_text(&d, 2, text, sizeof text);
    ck_assert_str_eq(text, "walk");
    /* by tag: yoga on day 0 alone, walk on day 2 */
    ck_assert_uint_eq(d.tag_first[3] - d.tag_first[2], 1);
    ck_assert_uint_eq(d.tag_days[d.tag_first[2]], 0);
    ck_assert_uint_eq(d.tag_days[d.tag_first[1]], 2);
    ck_assert_uint_eq(d.entry[0], INSIGHT_ENTRY_UNKNOWN);
    ck_assert_uint_eq(d.entry[1], INSIGHT_ENTRY_UNKNOWN);
    insights_diary_free(&d);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_diary_slice)
{
    struct checkin_list list = {0};
    mixed_diary(&list);
    struct insight_diary whole, cut;
    insights_diary_build(list.items, list.n, day0() - 3, day0() + 9, &whole);
    insights_diary_slice(&whole, day0() + 1, day0() + 2, &cut);
    ck_assert(cut.borrowed);
    ck_assert_int_eq(cut.first, day0() + 1);
    ck_assert_uint_eq(cut.ndays, 2);
    ck_assert_ptr_eq(cut.days, whole.days + 4);
    ck_assert_uint_eq(cut.ntags, 1); /* cold, late and yoga lie outside */
    ck_assert_str_eq(cut.tags[0], "walk");
    ck_assert_uint_eq(cut.tag_first[1], 1);
    ck_assert_uint_eq(cut.tag_days[0], 1);
    char text[64];
    day_tags_text(&cut, 1, text, sizeof text);
    ck_assert_str_eq(text, "walk");
    insights_diary_free(&cut);
    ck_assert_int_eq(whole.days[3].checkins, 2); /* whole keeps its days */
    insights_diary_free(&whole);
    checkin_list_free(&list);
}
END_TEST

/* The analyses of a period read from a longer diary (history before it,
 * days after) find what they find on a diary of the period alone. */
START_TEST(test_diary_longer_than_the_period)
{
    struct checkin_list list = {0};
    bool cause[SIGNAL_DAYS];
    int pain[SIGNAL_DAYS];
    signal_diary(&list, SIGNAL_DAYS, 0, cause, pain);
    ache_day first = day0() + 40, last = day0() + 99;
    struct insight_diary whole;
    insights_diary_build(list.items, list.n, day0(), day0() + 119, &whole);
    struct insight_effect_list a, b;
    insights_effects_in(&whole, first, last, NULL, &a);
    insights_effects(list.items, list.n, first, last, NULL, &b);
    ck_assert_uint_eq(a.n, b.n);
    ck_assert_uint_gt(a.n, 0);
    for (size_t i = 0; i < a.n; i++) {
        ck_assert_str_eq(a.items[i].tag, b.items[i].tag);
        ck_assert_int_eq(a.items[i].days_with, b.items[i].days_with);
        ck_assert_double_eq_tol(a.items[i].p, b.items[i].p, TOL);
    }
    insights_effect_list_free(&a);
    insights_effect_list_free(&b);
    insights_diary_free(&whole);
    checkin_list_free(&list);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("insights");

    TCase *ta = tcase_create("activity");
    tcase_add_test(ta, test_activity_quantile);
    tcase_add_test(ta, test_activity_ties_and_gaps);
    tcase_add_test(ta, test_activity_too_few_days);
    suite_add_tcase(s, ta);

    TCase *tf = tcase_create("flares");
    tcase_add_test(tf, test_flares_listed_with_what_came_before);
    tcase_add_test(tf, test_flares_at_the_edges_of_the_period);
    tcase_add_test(tf, test_flares_begun_long_before);
    tcase_add_test(tf, test_flares_first_day_needs_more_history);
    tcase_add_test(tf, test_flares_base_rates);
    tcase_add_test(tf, test_flares_need_history);
    tcase_add_test(tf, test_flares_empty);
    suite_add_tcase(s, tf);

    TCase *tp = tcase_create("permutation");
    tcase_add_test(tp, test_memory);
    tcase_add_test(tp, test_series_nothing_to_test);
    tcase_add_test(tp, test_series_strong_effect_draws_more);
    tcase_add_test(tp, test_series_stops_once_surely_clear);
    tcase_add_test(tp, test_series_no_effect_settles_early);
    tcase_add_test(tp, test_series_runs_are_not_evidence);
    tcase_add_test(tp, test_series_long_uses_the_normal_tail);
    tcase_add_test(tp, test_series_shuffled_below_normal_from);
    tcase_add_test(tp, test_series_long_but_rare_tag_shuffled);
    tcase_add_test(tp, test_series_long_noise_calibrated);
    suite_add_tcase(s, tp);

    TCase *te = tcase_create("effects");
    tcase_add_test(te, test_effects_signal_and_noise);
    tcase_add_test(te, test_effects_noise_calibrated);
    tcase_add_test(te, test_effects_reproducible);
    tcase_add_test(te, test_effects_overwhelming_go_by_size);
    tcase_add_test(te, test_overlaps_tell_companions_apart);
    tcase_add_test(te, test_effects_day_rules);
    tcase_add_test(te, test_effects_too_little_data);
    tcase_add_test(te, test_effects_empty);
    suite_add_tcase(s, te);

    TCase *tt = tcase_create("trials");
    tcase_add_test(tt, test_trial_label_rules);
    tcase_add_test(tt, test_change_names);
    tcase_add_test(tt, test_trial_steady_sides);
    tcase_add_test(tt, test_trial_bad_spell);
    tcase_add_test(tt, test_trial_spell_needs_a_clear_rise);
    tcase_add_test(tt, test_trial_needs_days_each_side);
    tcase_add_test(tt, test_trial_needs_continued_use);
    tcase_add_test(tt, test_trial_never_used);
    tcase_add_test(tt, test_trial_of_a_regimen);
    suite_add_tcase(s, tt);

    TCase *tb = tcase_create("pacing");
    tcase_add_test(tb, test_pacing_boom_and_bust);
    tcase_add_test(tb, test_pacing_ordinary_days);
    tcase_add_test(tb, test_pacing_window_and_gaps);
    tcase_add_test(tb, test_pacing_too_little_data);
    suite_add_tcase(s, tb);

    TCase *tw = tcase_create("weeks");
    tcase_add_test(tw, test_severity_score);
    tcase_add_test(tw, test_weeks_wpi_and_sss);
    tcase_add_test(tw, test_weeks_edges);
    suite_add_tcase(s, tw);

    TCase *tn = tcase_create("entry");
    tcase_add_test(tn, test_entry_days);
    tcase_add_test(tn, test_entry_days_all_unknown);
    suite_add_tcase(s, tn);

    TCase *td = tcase_create("diary");
    tcase_add_test(td, test_diary_days_and_tags);
    tcase_add_test(td, test_diary_slice);
    tcase_add_test(td, test_diary_longer_than_the_period);
    suite_add_tcase(s, td);
    return s;
}

ACHE_TEST_MAIN(make_suite)
