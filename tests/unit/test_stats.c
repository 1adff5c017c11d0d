/* Unit tests of stats: daily summaries, rounding, rolling means, medians,
 * baselines, flares and the Widespread Pain Index, on small hand-made
 * diaries whose right answers are worked out in the comments. */
#include <math.h>

#include "testutil.h"

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"
#include "ache/stats.h"

#define TOL 1e-12
/* A day's mean is kept as a float: six digits of a few ratings' mean. */
#define MEAN_TOL 1e-6

/* The first day of every hand-made diary (a Sunday, not that it matters). */
static ache_day day0(void)
{
    return date_from_ymd(2026, 2, 1);
}

/* A check-in on day0 + offset with the given pain (CHECKIN_ABSENT for
 * none) and every other value absent. */
static struct checkin *add(struct checkin_list *list, int offset, int pain)
{
    struct checkin *c = checkin_list_push(list);
    checkin_init(c, day0() + offset);
    c->value[CF_PAIN] = pain;
    return c;
}

static region_set region(const char *code)
{
    int i = region_find(code);
    ck_assert_msg(i >= 0, "unknown region %s", code);
    return (region_set)1u << i;
}

/* Summaries of n consecutive days from day0 whose mean pain is pain[i]
 * (a negative number for a day without pain). */
static void pain_days(const double *pain, size_t n, struct day_summary *out)
{
    stats_days(NULL, 0, day0(), day0() + (ache_day)n - 1, out);
    for (size_t i = 0; i < n; i++)
        out[i].mean[CF_PAIN] = pain[i] < 0 ? STATS_ABSENT : pain[i];
}

static void assert_absent_day(const struct day_summary *d, ache_day day)
{
    ck_assert_int_eq(d->day, day);
    ck_assert_int_eq(d->checkins, 0);
    for (int f = 0; f < CF_COUNT; f++)
        ck_assert_double_eq(d->mean[f], STATS_ABSENT);
    ck_assert_int_eq(d->max_pain, CHECKIN_ABSENT);
    ck_assert_uint_eq(d->regions, 0);
    ck_assert(!d->has_note);
    ck_assert(!d->flare);
}

/* ---- stats_days ------------------------------------------------------ */

START_TEST(test_days_empty_input)
{
    struct day_summary out[3];
    memset(out, 0x5a, sizeof out); /* garbage that must be overwritten */
    stats_days(NULL, 0, day0(), day0() + 2, out);
    for (int i = 0; i < 3; i++)
        assert_absent_day(&out[i], day0() + i);
}
END_TEST

START_TEST(test_days_single_day_range)
{
    struct checkin_list list = {0};
    add(&list, 0, 4);
    struct day_summary out[2];
    memset(out, 0x5a, sizeof out);
    stats_days(list.items, list.n, day0(), day0(), out);
    ck_assert_int_eq(out[0].day, day0());
    ck_assert_int_eq(out[0].checkins, 1);
    ck_assert_double_eq_tol(out[0].mean[CF_PAIN], 4.0, TOL);
    /* nothing written past the one day asked for */
    unsigned char sentinel[sizeof out[1]];
    memset(sentinel, 0x5a, sizeof sentinel);
    ck_assert(memcmp(&out[1], sentinel, sizeof sentinel) == 0);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_range_backwards_writes_nothing)
{
    struct checkin_list list = {0};
    add(&list, 0, 4);
    struct day_summary out[1];
    memset(out, 0x5a, sizeof out);
    stats_days(list.items, list.n, day0() + 2, day0(), out);
    unsigned char sentinel[sizeof out];
    memset(sentinel, 0x5a, sizeof sentinel);
    ck_assert(memcmp(out, sentinel, sizeof sentinel) == 0);
    checkin_list_free(&list);
}
END_TEST

/* Check-ins out of date order (a list a caller built by hand) give the
 * same days as in order: a day's check-ins are summed wherever they come. */
START_TEST(test_days_out_of_order)
{
    struct checkin_list list = {0};
    add(&list, 0, 2);
    add(&list, 1, 4);
    add(&list, 0, 6);
    struct day_summary out[2];
    stats_days(list.items, list.n, day0(), day0() + 1, out);
    ck_assert_int_eq(out[0].checkins, 2);
    ck_assert_double_eq_tol(out[0].mean[CF_PAIN], 4.0, MEAN_TOL);
    ck_assert_int_eq(out[0].max_pain, 6);
    ck_assert_int_eq(out[1].checkins, 1);
    ck_assert_double_eq_tol(out[1].mean[CF_PAIN], 4.0, MEAN_TOL);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_means)
{
    struct checkin_list list = {0};
    /* day 0: morning pain 3 fatigue 2, evening pain 6 fatigue absent */
    struct checkin *c = add(&list, 0, 3);
    c->value[CF_FATIGUE] = 2;
    c->value[CF_STIFFNESS] = 0;
    c = add(&list, 0, 6);
    c->value[CF_STIFFNESS] = 5;
    /* day 1: pain 1, 2, 2 -> 5/3 */
    add(&list, 1, 1);
    add(&list, 1, 2);
    add(&list, 1, 2);
    /* day 2: nothing; day 3: a check-in with no values at all */
    add(&list, 3, CHECKIN_ABSENT);

    struct day_summary out[4];
    stats_days(list.items, list.n, day0(), day0() + 3, out);

    ck_assert_int_eq(out[0].day, day0());
    ck_assert_int_eq(out[0].checkins, 2);
    ck_assert_double_eq_tol(out[0].mean[CF_PAIN], 4.5, TOL);
    /* the absent evening fatigue is left out, not counted as 0 (not 1.0) */
    ck_assert_double_eq_tol(out[0].mean[CF_FATIGUE], 2.0, TOL);
    /* 0 is a value, not an absence: (0 + 5) / 2 */
    ck_assert_double_eq_tol(out[0].mean[CF_STIFFNESS], 2.5, TOL);
    /* fields no check-in gave stay absent */
    ck_assert_double_eq(out[0].mean[CF_MOOD], STATS_ABSENT);
    ck_assert_double_eq(out[0].mean[CF_SLEEP_HOURS], STATS_ABSENT);
    ck_assert_double_eq(out[0].mean[CF_SLEEP_QUALITY], STATS_ABSENT);
    ck_assert_double_eq(out[0].mean[CF_FOG], STATS_ABSENT);
    ck_assert_double_eq(out[0].mean[CF_ACTIVITY], STATS_ABSENT);
    ck_assert_int_eq(out[0].max_pain, 6);

    ck_assert_int_eq(out[1].checkins, 3);
    ck_assert_double_eq_tol(out[1].mean[CF_PAIN], 5.0 / 3.0, MEAN_TOL);
    ck_assert_int_eq(out[1].max_pain, 2);
    ck_assert_double_eq(out[1].mean[CF_FATIGUE], STATS_ABSENT);

    assert_absent_day(&out[2], day0() + 2);

    /* a check-in was made, but it gave nothing */
    ck_assert_int_eq(out[3].day, day0() + 3);
    ck_assert_int_eq(out[3].checkins, 1);
    ck_assert_double_eq(out[3].mean[CF_PAIN], STATS_ABSENT);
    ck_assert_int_eq(out[3].max_pain, CHECKIN_ABSENT);
    ck_assert_int_eq(stats_day_value(&out[3], CF_PAIN), CHECKIN_ABSENT);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_every_field)
{
    struct checkin_list list = {0};
    struct checkin *c = add(&list, 0, 2);
    int a[CF_COUNT] = {2, 4, 6, 28, 1, 3, 7, 9};
    int b[CF_COUNT] = {5, 5, 3, 32, 2, 0, 8, 1};
    memcpy(c->value, a, sizeof a);
    c = add(&list, 0, 0);
    memcpy(c->value, b, sizeof b);
    struct day_summary out[1];
    stats_days(list.items, list.n, day0(), day0(), out);
    for (int f = 0; f < CF_COUNT; f++) {
        double spu = checkin_field_info((enum checkin_field)f)->steps_per_unit;
        ck_assert_double_eq_tol(out[0].mean[f], (a[f] + b[f]) / spu / 2, TOL);
    }
    ck_assert_double_eq_tol(out[0].mean[CF_SLEEP_HOURS], 7.5, TOL);
    ck_assert_int_eq(out[0].max_pain, 5);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_max_pain)
{
    struct checkin_list list = {0};
    add(&list, 0, CHECKIN_ABSENT);
    add(&list, 0, 0); /* pain 0 is a value: the maximum is 0, not absent */
    add(&list, 0, CHECKIN_ABSENT);
    add(&list, 1, 7);
    add(&list, 1, 2);
    add(&list, 1, 9);
    add(&list, 1, 1);
    add(&list, 2, 10);
    struct day_summary out[3];
    stats_days(list.items, list.n, day0(), day0() + 2, out);
    ck_assert_int_eq(out[0].max_pain, 0);
    ck_assert_double_eq_tol(out[0].mean[CF_PAIN], 0.0, TOL);
    ck_assert_int_eq(stats_day_value(&out[0], CF_PAIN), 0);
    ck_assert_int_eq(out[0].checkins, 3);
    ck_assert_int_eq(out[1].max_pain, 9);
    ck_assert_double_eq_tol(out[1].mean[CF_PAIN], 19.0 / 4.0, TOL);
    ck_assert_int_eq(out[2].max_pain, 10);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_sleep_hours_in_hours)
{
    struct checkin_list list = {0};
    /* day 0: one night of 7.5 h (30 quarters) */
    add(&list, 0, CHECKIN_ABSENT)->value[CF_SLEEP_HOURS] = 30;
    /* day 1: 7 h and 7.75 h -> 7.375 h */
    add(&list, 1, CHECKIN_ABSENT)->value[CF_SLEEP_HOURS] = 28;
    add(&list, 1, CHECKIN_ABSENT)->value[CF_SLEEP_HOURS] = 31;
    /* day 2: 0 h is a value */
    add(&list, 2, CHECKIN_ABSENT)->value[CF_SLEEP_HOURS] = 0;
    /* day 3: 24 h and absent */
    add(&list, 3, CHECKIN_ABSENT)->value[CF_SLEEP_HOURS] = 96;
    add(&list, 3, 3);
    struct day_summary out[4];
    stats_days(list.items, list.n, day0(), day0() + 3, out);
    ck_assert_double_eq_tol(out[0].mean[CF_SLEEP_HOURS], 7.5, TOL);
    ck_assert_int_eq(stats_day_value(&out[0], CF_SLEEP_HOURS), 30);
    ck_assert_double_eq_tol(out[1].mean[CF_SLEEP_HOURS], 7.375, TOL);
    /* 29.5 quarters rounds half up to 30 (7.5 h) */
    ck_assert_int_eq(stats_day_value(&out[1], CF_SLEEP_HOURS), 30);
    ck_assert_double_eq_tol(out[2].mean[CF_SLEEP_HOURS], 0.0, TOL);
    ck_assert_int_eq(stats_day_value(&out[2], CF_SLEEP_HOURS), 0);
    ck_assert_double_eq_tol(out[3].mean[CF_SLEEP_HOURS], 24.0, TOL);
    ck_assert_int_eq(stats_day_value(&out[3], CF_SLEEP_HOURS), 96);
    /* sleep hours never leak into the pain mean or the maximum */
    ck_assert_double_eq(out[0].mean[CF_PAIN], STATS_ABSENT);
    ck_assert_int_eq(out[0].max_pain, CHECKIN_ABSENT);
    ck_assert_double_eq_tol(out[3].mean[CF_PAIN], 3.0, TOL);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_regions_and_notes)
{
    struct checkin_list list = {0};
    struct checkin *c = add(&list, 0, 4);
    c->regions = region("neck") | region("shoulder-l");
    c = add(&list, 0, 5);
    c->regions = region("shoulder-l") | region("lower-back");
    checkin_set_note(c, "after the long drive");
    c = add(&list, 1, 2);
    c->regions = region("hip-r");
    checkin_set_note(c, ""); /* an empty note is no note */
    c = add(&list, 2, 2);
    struct day_summary out[3];
    stats_days(list.items, list.n, day0(), day0() + 2, out);
    ck_assert_uint_eq(out[0].regions, region("neck") | region("shoulder-l") |
                                          region("lower-back"));
    ck_assert(out[0].has_note);
    ck_assert_uint_eq(out[1].regions, region("hip-r"));
    ck_assert(!out[1].has_note);
    ck_assert_uint_eq(out[2].regions, 0);
    ck_assert(!out[2].has_note);
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_outside_range_ignored)
{
    struct checkin_list list = {0};
    struct checkin *c = add(&list, -30, 10);
    c->regions = region("jaw-l");
    checkin_set_note(c, "long ago");
    add(&list, -1, 9)->regions = region("jaw-r");
    add(&list, 0, 2); /* first day: counted */
    add(&list, 1, 4);
    add(&list, 2, 6); /* last day: counted */
    add(&list, 3, 8)->regions = region("chest");
    add(&list, 400, 10);
    struct day_summary out[3];
    stats_days(list.items, list.n, day0(), day0() + 2, out);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(out[i].day, day0() + i);
        ck_assert_int_eq(out[i].checkins, 1);
        ck_assert_double_eq_tol(out[i].mean[CF_PAIN], 2.0 + 2 * i, TOL);
        ck_assert_int_eq(out[i].max_pain, 2 + 2 * i);
        ck_assert_uint_eq(out[i].regions, 0);
        ck_assert(!out[i].has_note);
    }
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_days_across_month_and_year)
{
    /* days are civil day numbers: 2027-12-30 .. 2028-01-02 is 4 days, and
     * 2028-02-28 .. 2028-03-01 crosses a leap day */
    struct checkin_list list = {0};
    struct checkin *c = checkin_list_push(&list);
    checkin_init(c, date_from_ymd(2028, 1, 1));
    c->value[CF_PAIN] = 6;
    struct day_summary out[4];
    stats_days(list.items, list.n, date_from_ymd(2027, 12, 30),
               date_from_ymd(2028, 1, 2), out);
    ck_assert_int_eq(out[2].day, date_from_ymd(2028, 1, 1));
    ck_assert_int_eq(out[2].max_pain, 6);
    ck_assert_int_eq(out[3].day, date_from_ymd(2028, 1, 2));
    ck_assert_int_eq(out[3].checkins, 0);

    c->date = date_from_ymd(2028, 2, 29);
    stats_days(list.items, list.n, date_from_ymd(2028, 2, 28),
               date_from_ymd(2028, 3, 1), out);
    ck_assert_int_eq(out[1].checkins, 1);
    ck_assert_int_eq(out[2].day, date_from_ymd(2028, 3, 1));
    ck_assert_int_eq(out[2].checkins, 0);
    checkin_list_free(&list);
}
END_TEST

/* ---- stats_day_value -------------------------------------------------- */

START_TEST(test_day_value_rounding)
{
    struct day_summary d;
    stats_days(NULL, 0, day0(), day0(), &d);
    ck_assert_int_eq(stats_day_value(&d, CF_PAIN), CHECKIN_ABSENT);
    ck_assert_int_eq(stats_day_value(&d, CF_SLEEP_HOURS), CHECKIN_ABSENT);

    static const struct {
        double mean;
        int value;
    } ratings[] = {{0.0, 0},   {0.49, 0},  {0.5, 1},      {1.5, 2},
                   {2.5, 3},   {2.4999, 2}, {3.5, 4},     {4.0 / 3, 1},
                   {5.0 / 3, 2}, {9.5, 10}, {10.0, 10},   {6.75, 7},
                   {6.25, 6}};
    for (size_t i = 0; i < sizeof ratings / sizeof ratings[0]; i++) {
        d.mean[CF_FATIGUE] = ratings[i].mean;
        ck_assert_msg(stats_day_value(&d, CF_FATIGUE) == ratings[i].value,
                      "mean %g shows as %d, not %d", ratings[i].mean,
                      stats_day_value(&d, CF_FATIGUE), ratings[i].value);
    }

    /* sleep hours: the value is in quarter hours */
    static const struct {
        double hours;
        int quarters;
    } sleep[] = {{0.0, 0},    {7.0, 28},   {7.1, 28},  {7.125, 29},
                 {7.2, 29},   {7.25, 29},  {7.375, 30}, {7.6, 30},
                 {7.625, 31}, {23.875, 96}, {24.0, 96}, {0.1, 0},
                 {0.125, 1}};
    for (size_t i = 0; i < sizeof sleep / sizeof sleep[0]; i++) {
        d.mean[CF_SLEEP_HOURS] = sleep[i].hours;
        ck_assert_msg(stats_day_value(&d, CF_SLEEP_HOURS) == sleep[i].quarters,
                      "%g h shows as %d quarters, not %d", sleep[i].hours,
                      stats_day_value(&d, CF_SLEEP_HOURS), sleep[i].quarters);
    }
}
END_TEST

START_TEST(test_day_value_from_checkins)
{
    struct checkin_list list = {0};
    /* pain 1 and 2 -> 1.5 -> 2; mood 6 and 7 and 7 -> 6.67 -> 7;
     * fog 2, 3, 3, 4 -> 3 */
    struct checkin *c = add(&list, 0, 1);
    c->value[CF_MOOD] = 6;
    c->value[CF_FOG] = 2;
    c = add(&list, 0, 2);
    c->value[CF_MOOD] = 7;
    c->value[CF_FOG] = 3;
    c = add(&list, 0, CHECKIN_ABSENT);
    c->value[CF_MOOD] = 7;
    c->value[CF_FOG] = 3;
    c = add(&list, 0, CHECKIN_ABSENT);
    c->value[CF_FOG] = 4;
    struct day_summary d;
    stats_days(list.items, list.n, day0(), day0(), &d);
    ck_assert_int_eq(stats_day_value(&d, CF_PAIN), 2);
    ck_assert_int_eq(stats_day_value(&d, CF_MOOD), 7);
    ck_assert_int_eq(stats_day_value(&d, CF_FOG), 3);
    ck_assert_int_eq(stats_day_value(&d, CF_ACTIVITY), CHECKIN_ABSENT);
    checkin_list_free(&list);
}
END_TEST

/* ---- stats_rolling_mean ---------------------------------------------- */

#define A STATS_ABSENT

/* The chart's rolling mean (4 of the 7 days needed), as it was tested
 * when the chart computed it. */
START_TEST(test_rolling_mean)
{
    static const double v[] = {1, 2, 3, A, 4, A, A, 5, A, A, A, A, 6, 7};
    double out[14];
    stats_rolling_mean(v, 14, 4, out);
    ck_assert_double_eq(out[0], A); /* fewer than 4 days yet */
    ck_assert_double_eq(out[2], A);
    ck_assert_double_eq_tol(out[4], 2.5, 1e-9); /* 1 2 3 4 */
    ck_assert_double_eq_tol(out[6], 2.5, 1e-9); /* days 0-6: 1 2 3 4 */
    ck_assert_double_eq_tol(out[7], 3.5, 1e-9); /* days 1-7: 2 3 4 5 */
    ck_assert_double_eq(out[8], A);             /* 3 4 5: too few */
    ck_assert_double_eq(out[13], A);            /* 5 6 7 */
}
END_TEST

/* The first days have fewer days behind them; day 7 no longer sees day 0. */
START_TEST(test_rolling_mean_first_days)
{
    static const double v[] = {2, 4, 6, 8, 10, 12, 14, 16};
    double out[8];
    stats_rolling_mean(v, 8, 1, out);
    ck_assert_double_eq_tol(out[0], 2.0, TOL); /* day 0 alone */
    ck_assert_double_eq_tol(out[1], 3.0, TOL);
    ck_assert_double_eq_tol(out[2], 4.0, TOL);
    ck_assert_double_eq_tol(out[6], 8.0, TOL);  /* days 0-6 */
    ck_assert_double_eq_tol(out[7], 10.0, TOL); /* days 1-7 */
    stats_rolling_mean(v, 8, 3, out); /* the report's minimum */
    ck_assert_double_eq(out[0], A);
    ck_assert_double_eq(out[1], A);
    ck_assert_double_eq_tol(out[2], 4.0, TOL);
    stats_rolling_mean(v, 8, 7, out); /* a whole week */
    ck_assert_double_eq(out[5], A);
    ck_assert_double_eq_tol(out[6], 8.0, TOL);
    ck_assert_double_eq_tol(out[7], 10.0, TOL);
}
END_TEST

/* NaN and any negative are absent like STATS_ABSENT: left out of the sum
 * and of the count, never passed on. */
START_TEST(test_rolling_mean_absent_days)
{
    const double v[] = {3, NAN, -2, 5, A, 7, NAN};
    double out[7];
    stats_rolling_mean(v, 7, 1, out);
    ck_assert_double_eq_tol(out[1], 3.0, TOL);
    ck_assert_double_eq_tol(out[2], 3.0, TOL);
    ck_assert_double_eq_tol(out[3], 4.0, TOL); /* 3 5 */
    ck_assert_double_eq_tol(out[6], 5.0, TOL); /* 3 5 7 */
    stats_rolling_mean(v, 7, 3, out);
    ck_assert_double_eq(out[4], A); /* 3 5: two of the five days */
    ck_assert_double_eq_tol(out[5], 5.0, TOL);
    for (int i = 0; i < 7; i++)
        ck_assert(!isnan(out[i]));
}
END_TEST

/* No present day gives no mean, whatever minimum is asked (0 / 0 is not a
 * mean); no days write nothing. */
START_TEST(test_rolling_mean_all_absent)
{
    const double v[] = {A, A, NAN, A, A, A, A, A, A};
    double out[9];
    for (int min = -1; min <= 4; min++) {
        stats_rolling_mean(v, 9, min, out);
        for (int i = 0; i < 9; i++)
            ck_assert_double_eq(out[i], A);
    }
    const double late[] = {A, NAN, 4};
    stats_rolling_mean(late, 3, 0, out);
    ck_assert_double_eq(out[0], A);
    ck_assert_double_eq(out[1], A);
    ck_assert_double_eq_tol(out[2], 4.0, TOL);
    double untouched = 9;
    stats_rolling_mean(v, 0, 1, &untouched);
    ck_assert_double_eq(untouched, 9);
}
END_TEST

/* Means of three check-ins (thirds) that binary floating point rounds. */
static void thirds(double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        v[i] = i % 5 == 4 ? A : (double)((i * 7) % 31) / 3;
}

/* out may be values itself, and gives the very same numbers. */
START_TEST(test_rolling_mean_in_place)
{
    double v[40], out[40];
    thirds(v, 40);
    stats_rolling_mean(v, 40, 4, out);
    stats_rolling_mean(v, 40, 4, v);
    for (int i = 0; i < 40; i++)
        ck_assert_double_eq(v[i], out[i]);
}
END_TEST

/* A day's mean is the same to the last bit however early the series
 * starts, so a chart of a month and one of a year put it on the same
 * row. */
START_TEST(test_rolling_mean_whatever_the_start)
{
    double v[400], all[400], late[300];
    thirds(v, 400);
    stats_rolling_mean(v, 400, 4, all);
    stats_rolling_mean(v + 100, 300, 4, late);
    for (int i = STATS_ROLLING_DAYS - 1; i < 300; i++)
        ck_assert_double_eq(late[i], all[100 + i]);
}
END_TEST

#undef A

/* ---- stats_median ----------------------------------------------------- */

START_TEST(test_median)
{
    double odd[] = {5, 1, 3};
    ck_assert_double_eq_tol(stats_median(odd, 3), 3.0, TOL);
    double odd5[] = {9, 2, 2, 8, 4};
    ck_assert_double_eq_tol(stats_median(odd5, 5), 4.0, TOL);
    double even[] = {4, 1, 3, 2};
    ck_assert_double_eq_tol(stats_median(even, 4), 2.5, TOL);
    double even2[] = {10, 0};
    ck_assert_double_eq_tol(stats_median(even2, 2), 5.0, TOL);
    double same[] = {3, 3, 3, 3};
    ck_assert_double_eq_tol(stats_median(same, 4), 3.0, TOL);
    double one[] = {7.25};
    ck_assert_double_eq_tol(stats_median(one, 1), 7.25, TOL);
    double zero[] = {0};
    ck_assert_double_eq_tol(stats_median(zero, 1), 0.0, TOL);
    ck_assert_double_eq(stats_median(NULL, 0), STATS_ABSENT);
    double unused[] = {4};
    ck_assert_double_eq(stats_median(unused, 0), STATS_ABSENT);
    /* the list is reordered, but keeps its values */
    double mixed[] = {6, 1, 5, 2, 4, 3};
    ck_assert_double_eq_tol(stats_median(mixed, 6), 3.5, TOL);
    double total = 0;
    for (int i = 0; i < 6; i++)
        total += mixed[i];
    ck_assert_double_eq_tol(total, 21.0, TOL);
}
END_TEST

/* ---- stats_baseline --------------------------------------------------- */

START_TEST(test_baseline_needs_seven_days)
{
    /* days 0-5 pain (6 days), day 6 pain, day 7 is the day asked about */
    double pain[] = {1, 2, 3, 4, 5, 6, 7, 9};
    struct day_summary days[8];
    pain_days(pain, 8, days);
    for (size_t i = 0; i <= 6; i++)
        ck_assert_double_eq(stats_baseline(days, i), STATS_ABSENT);
    /* exactly 7 days before day 7: median of 1..7 is 4 */
    ck_assert_double_eq_tol(stats_baseline(days, 7), 4.0, TOL);

    /* take one away: 6 days of pain again */
    days[3].mean[CF_PAIN] = STATS_ABSENT;
    ck_assert_double_eq(stats_baseline(days, 7), STATS_ABSENT);
}
END_TEST

START_TEST(test_baseline_skips_days_without_pain)
{
    /* 14 days: every other day has pain (1, 2, ... 7), the others none; a
     * day without pain is not a day of pain 0 */
    double pain[15];
    for (int i = 0; i < 14; i++)
        pain[i] = i % 2 ? -1 : 1 + i / 2;
    pain[14] = 3;
    struct day_summary days[15];
    pain_days(pain, 15, days);
    /* days 0..13 hold 7 days of pain 1..7: median 4 (with 7 zeros it
     * would be 0.5) */
    ck_assert_double_eq_tol(stats_baseline(days, 14), 4.0, TOL);
    /* day 13 sees only 1..7 on days 0..12: still 7 days of pain */
    ck_assert_double_eq_tol(stats_baseline(days, 13), 4.0, TOL);
    /* day 12 sees days 0..11: 6 days of pain */
    ck_assert_double_eq(stats_baseline(days, 12), STATS_ABSENT);

    /* a day of pain 0 does count, as 0 */
    days[1].mean[CF_PAIN] = 0;
    days[3].mean[CF_PAIN] = 0;
    /* 0 0 1 2 3 4 5 6 7 -> median 3 */
    ck_assert_double_eq_tol(stats_baseline(days, 14), 3.0, TOL);
}
END_TEST

START_TEST(test_baseline_only_28_days_before)
{
    /* day 0, 1: pain 9 (29 and 30 days before day 30: outside);
     * days 2..15: pain 1; days 16..29: pain 3; day 30: pain 10.
     * The 28 days before day 30 are days 2..29: median (1 + 3) / 2 = 2.
     * With days 0 and 1 it would be 3; with day 30 itself also 3. */
    double pain[31];
    pain[0] = pain[1] = 9;
    for (int i = 2; i <= 15; i++)
        pain[i] = 1;
    for (int i = 16; i <= 29; i++)
        pain[i] = 3;
    pain[30] = 10;
    struct day_summary days[31];
    pain_days(pain, 31, days);
    ck_assert_double_eq_tol(stats_baseline(days, 30), 2.0, TOL);
    /* day 29 looks at days 1..28: one 9, fourteen 1s, thirteen 3s:
     * sorted, the 14th and 15th are 1 and 3 -> 2 */
    ck_assert_double_eq_tol(stats_baseline(days, 29), 2.0, TOL);
    /* day 28 looks at days 0..27: two 9s, fourteen 1s, twelve 3s:
     * the 14th and 15th are 1 and 3 -> 2 */
    ck_assert_double_eq_tol(stats_baseline(days, 28), 2.0, TOL);
    /* day 16 looks at days 0..15: two 9s and fourteen 1s -> 1 */
    ck_assert_double_eq_tol(stats_baseline(days, 16), 1.0, TOL);

    /* the day itself never counts: make it huge, nothing moves */
    days[30].mean[CF_PAIN] = 10;
    double before = stats_baseline(days, 30);
    days[30].mean[CF_PAIN] = 0;
    ck_assert_double_eq_tol(stats_baseline(days, 30), before, TOL);
}
END_TEST

START_TEST(test_baseline_window_of_fewer_pain_days)
{
    /* 28 days before, of which only 6 have pain: absent, even though a
     * 7th lies 29 days back */
    double pain[30];
    for (int i = 0; i < 30; i++)
        pain[i] = -1;
    pain[0] = 5; /* 29 days before day 29: outside */
    for (int i = 1; i <= 6; i++)
        pain[i * 4] = 2;
    struct day_summary days[30];
    pain_days(pain, 30, days);
    ck_assert_double_eq(stats_baseline(days, 29), STATS_ABSENT);
    /* day 28's window, days 0..27, holds the 5 as well: 7 days, median 2 */
    ck_assert_double_eq_tol(stats_baseline(days, 28), 2.0, TOL);
}
END_TEST

START_TEST(test_baseline_of_fractional_means)
{
    /* the baseline is the median of daily means, not of check-ins */
    struct checkin_list list = {0};
    for (int i = 0; i < 7; i++) {
        add(&list, i, 1);
        add(&list, i, i < 4 ? 2 : 4); /* means 1.5 x4, 2.5 x3 */
    }
    struct day_summary days[8];
    stats_days(list.items, list.n, day0(), day0() + 7, days);
    ck_assert_double_eq_tol(stats_baseline(days, 7), 1.5, TOL);
    checkin_list_free(&list);
}
END_TEST

/* ---- stats_mark_flares ------------------------------------------------ */

#define QUIET 28 /* days of steady pain before anything happens */

/* QUIET days of pain 2, then the given days. */
static size_t flare_diary(const double *after, size_t n,
                          struct day_summary *out)
{
    double pain[QUIET + 16];
    ck_assert_uint_le(n, 16);
    for (int i = 0; i < QUIET; i++)
        pain[i] = 2;
    for (size_t i = 0; i < n; i++)
        pain[QUIET + i] = after[i];
    pain_days(pain, QUIET + n, out);
    stats_mark_flares(out, QUIET + n);
    return QUIET + n;
}

static void expect_flares(const struct day_summary *days, size_t n,
                          const char *expected)
{
    /* expected: one character per day after the quiet ones, 'F' flare */
    for (size_t i = 0; i < QUIET; i++)
        ck_assert_msg(!days[i].flare, "quiet day %zu marked", i);
    for (size_t i = QUIET; i < n; i++)
        ck_assert_msg(days[i].flare == (expected[i - QUIET] == 'F'),
                      "day %zu: flare %d, expected %s", i - QUIET,
                      days[i].flare, expected);
}

START_TEST(test_flares_one_high_day_is_none)
{
    double after[] = {6, 2, 2, 7, 2};
    struct day_summary days[QUIET + 16];
    size_t n = flare_diary(after, 5, days);
    expect_flares(days, n, ".....");
}
END_TEST

START_TEST(test_flares_two_in_a_row)
{
    double after[] = {2, 5, 6, 2, 2, 4, 4, 4, 3, 10};
    struct day_summary days[QUIET + 16];
    size_t n = flare_diary(after, 10, days);
    /* 5, 6 (rise 3, 4) is a flare; 4 4 4 (rise exactly 2) is one of three
     * days; 3 (rise 1) is not high; the lone 10 at the end is no flare */
    expect_flares(days, n, ".FF..FFF..");
}
END_TEST

START_TEST(test_flares_run_to_the_end)
{
    double after[] = {2, 8, 9};
    struct day_summary days[QUIET + 16];
    size_t n = flare_diary(after, 3, days);
    expect_flares(days, n, ".FF");
}
END_TEST

START_TEST(test_flares_broken_by_missing_day)
{
    double after[] = {5, -1, 5, 2, 6, -1, -1, 6};
    struct day_summary days[QUIET + 16];
    size_t n = flare_diary(after, 8, days);
    expect_flares(days, n, "........");
}
END_TEST

START_TEST(test_flares_broken_by_ordinary_day)
{
    double after[] = {5, 3, 5};
    struct day_summary days[QUIET + 16];
    size_t n = flare_diary(after, 3, days);
    expect_flares(days, n, "...");
}
END_TEST

START_TEST(test_flares_rise_exactly_two)
{
    double after[] = {4, 4};
    struct day_summary days[QUIET + 16];
    size_t n = flare_diary(after, 2, days);
    expect_flares(days, n, "FF");

    double below[] = {3.9, 3.9, 4, 3.9};
    n = flare_diary(below, 4, days);
    expect_flares(days, n, "....");

    /* baseline 2.1, day 4.0: a rise of 1.9 */
    double pain[QUIET + 2];
    for (int i = 0; i < QUIET; i++)
        pain[i] = 2.1;
    pain[QUIET] = pain[QUIET + 1] = 4.0;
    pain_days(pain, QUIET + 2, days);
    stats_mark_flares(days, QUIET + 2);
    expect_flares(days, QUIET + 2, "..");
    /* and 4.1 is exactly 2 above 2.1 */
    days[QUIET].mean[CF_PAIN] = days[QUIET + 1].mean[CF_PAIN] = 4.1;
    stats_mark_flares(days, QUIET + 2);
    expect_flares(days, QUIET + 2, "FF");
}
END_TEST

START_TEST(test_flares_rise_of_two_in_fractional_means)
{
    /* each quiet day has check-ins 1, 2, 2 (mean 5/3); two days have 3, 4,
     * 4 (mean 11/3): exactly 2 above, though 5/3 + 2 > 11/3 in floating
     * point (and the means are floats, a few millionths off) */
    struct checkin_list list = {0};
    for (int i = 0; i < QUIET + 2; i++) {
        int lift = i >= QUIET ? 2 : 0;
        add(&list, i, 1 + lift);
        add(&list, i, 2 + lift);
        add(&list, i, 2 + lift);
    }
    struct day_summary days[QUIET + 2];
    stats_days(list.items, list.n, day0(), day0() + QUIET + 1, days);
    ck_assert_double_eq_tol(stats_baseline(days, QUIET), 5.0 / 3.0, MEAN_TOL);
    stats_mark_flares(days, QUIET + 2);
    expect_flares(days, QUIET + 2, "FF");
    checkin_list_free(&list);
}
END_TEST

START_TEST(test_flares_need_a_baseline)
{
    /* without 7 days of pain before, no day can be high */
    double pain[] = {1, 1, 1, 9, 9, 9, 9, 9, 9};
    struct day_summary days[9];
    pain_days(pain, 9, days);
    stats_mark_flares(days, 9);
    for (int i = 0; i < 9; i++)
        ck_assert(!days[i].flare);
    stats_mark_flares(days, 0); /* nothing to do, nothing touched */
    stats_mark_flares(NULL, 0);
}
END_TEST

START_TEST(test_flares_reset_on_changed_data)
{
    double after[] = {6, 6, 2, 6, 6};
    struct day_summary days[QUIET + 16];
    size_t n = flare_diary(after, 5, days);
    expect_flares(days, n, "FF.FF");

    /* the person corrects the first two days; the second flare stays */
    days[QUIET].mean[CF_PAIN] = 2;
    days[QUIET + 1].mean[CF_PAIN] = 3;
    days[5].flare = true; /* a stale flag on a quiet day goes too */
    stats_mark_flares(days, n);
    expect_flares(days, n, "...FF");

    /* and all of them */
    days[QUIET + 3].mean[CF_PAIN] = STATS_ABSENT;
    stats_mark_flares(days, n);
    expect_flares(days, n, ".....");
}
END_TEST

START_TEST(test_flares_baseline_moves_with_the_flare)
{
    /* a long flare lifts the baseline it is measured against: after 7
     * quiet days of 1, days of 5 are high until the 5s make up more than
     * half of the window (day 15 sees seven 1s and eight 5s: median 5) */
    double pain[20];
    for (int i = 0; i < 7; i++)
        pain[i] = 1;
    for (int i = 7; i < 20; i++)
        pain[i] = 5;
    struct day_summary days[20];
    pain_days(pain, 20, days);
    stats_mark_flares(days, 20);
    for (int i = 0; i < 20; i++)
        ck_assert_msg(days[i].flare == (i >= 7 && i <= 14),
                      "day %d flare %d", i, days[i].flare);
}
END_TEST

/* ---- stats_wpi -------------------------------------------------------- */

START_TEST(test_wpi)
{
    struct day_summary days[4];
    stats_days(NULL, 0, day0(), day0() + 3, days);
    ck_assert_int_eq(stats_wpi(days, 4), 0);
    ck_assert_int_eq(stats_wpi(NULL, 0), 0);
    days[0].regions = region("neck") | region("shoulder-l");
    days[1].regions = region("shoulder-l"); /* counted once */
    days[3].regions = region("hip-r") | region("lower-leg-l") | region("neck");
    ck_assert_int_eq(stats_wpi(days, 4), 4);
    ck_assert_int_eq(stats_wpi(days, 1), 2);
    ck_assert_int_eq(stats_wpi(days + 1, 2), 1);
    days[2].regions = REGION_ALL;
    ck_assert_int_eq(stats_wpi(days, 4), 19);
}
END_TEST

START_TEST(test_wpi_from_checkins)
{
    /* a week: regions of several check-ins a day and across days */
    struct checkin_list list = {0};
    add(&list, 0, 4)->regions = region("jaw-l") | region("jaw-r");
    add(&list, 0, 5)->regions = region("chest");
    add(&list, 3, 3)->regions = region("jaw-l") | region("upper-back");
    add(&list, 6, 6)->regions = region("abdomen");
    add(&list, 7, 6)->regions = region("lower-back"); /* next week */
    struct day_summary days[7];
    stats_days(list.items, list.n, day0(), day0() + 6, days);
    ck_assert_int_eq(stats_wpi(days, 7), 5);
    checkin_list_free(&list);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("stats");

    TCase *td = tcase_create("days");
    tcase_add_test(td, test_days_empty_input);
    tcase_add_test(td, test_days_single_day_range);
    tcase_add_test(td, test_days_range_backwards_writes_nothing);
    tcase_add_test(td, test_days_means);
    tcase_add_test(td, test_days_out_of_order);
    tcase_add_test(td, test_days_every_field);
    tcase_add_test(td, test_days_max_pain);
    tcase_add_test(td, test_days_sleep_hours_in_hours);
    tcase_add_test(td, test_days_regions_and_notes);
    tcase_add_test(td, test_days_outside_range_ignored);
    tcase_add_test(td, test_days_across_month_and_year);
    tcase_add_test(td, test_day_value_rounding);
    tcase_add_test(td, test_day_value_from_checkins);
    suite_add_tcase(s, td);

    TCase *tr = tcase_create("rolling");
    tcase_add_test(tr, test_rolling_mean);
    tcase_add_test(tr, test_rolling_mean_first_days);
    tcase_add_test(tr, test_rolling_mean_absent_days);
    tcase_add_test(tr, test_rolling_mean_all_absent);
    tcase_add_test(tr, test_rolling_mean_in_place);
    tcase_add_test(tr, test_rolling_mean_whatever_the_start);
    suite_add_tcase(s, tr);

    TCase *tb = tcase_create("baseline");
    tcase_add_test(tb, test_median);
    tcase_add_test(tb, test_baseline_needs_seven_days);
    tcase_add_test(tb, test_baseline_skips_days_without_pain);
    tcase_add_test(tb, test_baseline_only_28_days_before);
    tcase_add_test(tb, test_baseline_window_of_fewer_pain_days);
    tcase_add_test(tb, test_baseline_of_fractional_means);
    suite_add_tcase(s, tb);

    TCase *tf = tcase_create("flares");
    tcase_add_test(tf, test_flares_one_high_day_is_none);
    tcase_add_test(tf, test_flares_two_in_a_row);
    tcase_add_test(tf, test_flares_run_to_the_end);
    tcase_add_test(tf, test_flares_broken_by_missing_day);
    tcase_add_test(tf, test_flares_broken_by_ordinary_day);
    tcase_add_test(tf, test_flares_rise_exactly_two);
    tcase_add_test(tf, test_flares_rise_of_two_in_fractional_means);
    tcase_add_test(tf, test_flares_need_a_baseline);
    tcase_add_test(tf, test_flares_reset_on_changed_data);
    tcase_add_test(tf, test_flares_baseline_moves_with_the_flare);
    suite_add_tcase(s, tf);

    TCase *tw = tcase_create("wpi");
    tcase_add_test(tw, test_wpi);
    tcase_add_test(tw, test_wpi_from_checkins);
    suite_add_tcase(s, tw);
    return s;
}

ACHE_TEST_MAIN(make_suite)
