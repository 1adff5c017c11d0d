/* Unit tests of the made-up diaries of tests/synth (the instrument that
 * measures insights, so it must itself be right): the same seed gives the
 * same diary; values stay in range; over long diaries, pain's lag-1
 * autocorrelation, the runs of a Markov tag, the trigger's effect, the
 * companion's overlap and the missing days come out as specified; the
 * treatment starts after the worst week, and one that works cuts pain by
 * its fraction after its first use and by nothing before. Tolerances are several standard
 * errors wide; the diaries are fixed, so a pass is a pass for good. */
#include "testutil.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>

#include "../synth/synth.h"
#include "ache/checkin.h"
#include "ache/date.h"

#define LONG_DIARY 5000

/* A long diary with one check-in every day and no wobble, so that what a
 * test counts is the model itself. */
static void plain_spec(struct synth_spec *s, int days)
{
    synth_spec_default(s);
    s->days = days;
    s->missing = 0;
    s->second_checkin = 0;
    s->within_sd = 0;
}

/* Each day's mean pain (-1 without a check-in), and whether the day's
 * check-ins carry `tag` (may be NULL). */
static void by_day(const struct synth_spec *s, const struct checkin_list *l,
                   double *pain, bool *tagged, const char *tag)
{
    int *count = xcalloc((size_t)s->days, sizeof *count);
    for (int t = 0; t < s->days; t++) {
        pain[t] = 0;
        if (tagged)
            tagged[t] = false;
    }
    for (size_t i = 0; i < l->n; i++) {
        int t = (int)(l->items[i].date - s->first);
        pain[t] += l->items[i].value[CF_PAIN];
        count[t]++;
        if (tagged && tag && checkin_has_tag(&l->items[i], tag))
            tagged[t] = true;
    }
    for (int t = 0; t < s->days; t++)
        pain[t] = count[t] ? pain[t] / count[t] : -1;
    free(count);
}

static double lag1_autocorrelation(const double *x, int n)
{
    double mean = 0, num = 0, den = 0;
    for (int t = 0; t < n; t++)
        mean += x[t];
    mean /= n;
    for (int t = 0; t < n; t++) {
        den += (x[t] - mean) * (x[t] - mean);
        if (t > 0)
            num += (x[t] - mean) * (x[t - 1] - mean);
    }
    return num / den;
}

/* Two diaries, check-in by check-in: date, time and content. */
static void expect_same_diary(const struct checkin_list *a,
                              const struct checkin_list *b)
{
    ck_assert_uint_eq(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        ck_assert_int_eq(a->items[i].date, b->items[i].date);
        ck_assert_int_eq(a->items[i].minute, b->items[i].minute);
        ck_assert_uint_eq(checkin_diff(&a->items[i], &b->items[i]), 0);
    }
}

static void full_spec(struct synth_spec *s, uint64_t seed)
{
    synth_spec_default(s);
    s->seed = seed;
    s->noise_tags = 20;
    s->noise_run2 = 7;
    s->trigger_share = 0.2;
    s->companion = true;
    s->treatment = true;
}

START_TEST(same_seed_same_diary)
{
    struct synth_spec s;
    full_spec(&s, 7);
    struct checkin_list a = {0}, b = {0}, c = {0};
    synth_diary(&s, &a);
    synth_diary(&s, &b);
    expect_same_diary(&a, &b);
    s.seed = 8;
    synth_diary(&s, &c);
    bool differs = a.n != c.n;
    for (size_t i = 0; !differs && i < a.n; i++)
        differs = checkin_diff(&a.items[i], &c.items[i]) != 0;
    ck_assert(differs);
    checkin_list_free(&a);
    checkin_list_free(&b);
    checkin_list_free(&c);
}
END_TEST

/* A trigger planted into the same seed moves neither pain on days it
 * does not touch nor the noise tags (each part has its own stream). */
START_TEST(planting_keeps_the_rest)
{
    struct synth_spec s;
    full_spec(&s, 3);
    s.trigger_share = 0;
    s.companion = s.treatment = false;
    struct checkin_list a = {0}, b = {0};
    synth_diary(&s, &a);
    s.trigger_effect = 0;
    s.trigger_share = 0.2;
    synth_diary(&s, &b);
    ck_assert_uint_eq(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        checkin_remove_tag(&b.items[i], "trigger");
        ck_assert_uint_eq(checkin_diff(&a.items[i], &b.items[i]), 0);
    }
    checkin_list_free(&a);
    checkin_list_free(&b);
}
END_TEST

START_TEST(values_in_range_and_sorted)
{
    struct synth_spec s;
    full_spec(&s, 11);
    s.second_checkin = 0.5;
    s.pain.mean = 8; /* leans on the clamp at 10 */
    struct checkin_list l = {0};
    synth_diary(&s, &l);
    ck_assert_uint_gt(l.n, 0);
    for (size_t i = 0; i < l.n; i++) {
        const struct checkin *c = &l.items[i];
        struct ache_err err;
        ck_assert_int_eq(checkin_validate(c, &err), ACHE_OK);
        ck_assert(c->date >= s.first && c->date < s.first + s.days);
        for (int f = 0; f < CF_COUNT; f++) {
            bool given = f == CF_PAIN || f == CF_FATIGUE ||
                         f == CF_SLEEP_QUALITY;
            if (given)
                ck_assert(c->value[f] >= 0 && c->value[f] <= 10);
            else
                ck_assert_int_eq(c->value[f], CHECKIN_ABSENT);
        }
        if (i > 0) {
            const struct checkin *p = &l.items[i - 1];
            ck_assert(p->date < c->date ||
                      (p->date == c->date && p->minute < c->minute));
        }
    }
    checkin_list_free(&l);
}
END_TEST

START_TEST(pain_autocorrelation_near_phi)
{
    static const double phis[] = {0.0, 0.4, 0.7};
    for (size_t k = 0; k < sizeof phis / sizeof phis[0]; k++) {
        struct synth_spec s;
        plain_spec(&s, LONG_DIARY);
        s.pain.phi = phis[k];
        struct checkin_list l = {0};
        synth_diary(&s, &l);
        double *pain = xcalloc(LONG_DIARY, sizeof *pain);
        by_day(&s, &l, pain, NULL, NULL);
        double r = lag1_autocorrelation(pain, LONG_DIARY);
        ck_assert_msg(fabs(r - phis[k]) < 0.05, "phi %.1f: lag-1 r %.3f",
                      phis[k], r);
        free(pain);
        checkin_list_free(&l);
    }
}
END_TEST

/* The share of days tagged, and the mean length of a run of them. */
static void runs_of(const bool *on, int n, double *share, double *mean_run)
{
    int days = 0, runs = 0;
    for (int t = 0; t < n; t++) {
        days += on[t];
        runs += on[t] && (t == 0 || !on[t - 1]);
    }
    *share = (double)days / n;
    *mean_run = runs ? (double)days / runs : 0;
}

static void expect_runs(const struct synth_spec *s, const char *tag,
                        double share, double run)
{
    struct checkin_list l = {0};
    synth_diary(s, &l);
    double *pain = xcalloc((size_t)s->days, sizeof *pain);
    bool *on = xcalloc((size_t)s->days, sizeof *on);
    by_day(s, &l, pain, on, tag);
    double got_share, got_run;
    runs_of(on, s->days, &got_share, &got_run);
    ck_assert_msg(fabs(got_share - share) < 0.03, "%s: share %.3f", tag,
                  got_share);
    ck_assert_msg(fabs(got_run - run) < 0.1 * run, "%s: mean run %.2f", tag,
                  got_run);
    free(pain);
    free(on);
    checkin_list_free(&l);
}

START_TEST(markov_tag_runs_as_specified)
{
    struct synth_spec s;
    plain_spec(&s, 4 * LONG_DIARY); /* runs of 7 are few in 5000 days */
    s.noise_tags = 2;
    s.noise_share = 0.25;
    s.noise_run = 3;
    s.noise_run2 = 7;
    expect_runs(&s, "noise-01", 0.25, 3);
    expect_runs(&s, "noise-02", 0.25, 7);
    /* independent days: runs of 1 / (1 - share) on average */
    s.noise_model = SYNTH_TAGS_IID;
    expect_runs(&s, "noise-01", 0.25, 1 / 0.75);
}
END_TEST

START_TEST(trigger_raises_next_day_pain)
{
    struct synth_spec s;
    plain_spec(&s, LONG_DIARY);
    s.pain.mean = 4; /* far enough from 10 that the clamp hardly bites */
    s.trigger_share = 0.2;
    s.trigger_effect = 2;
    struct checkin_list l = {0};
    synth_diary(&s, &l);
    double *pain = xcalloc(LONG_DIARY, sizeof *pain);
    bool *on = xcalloc(LONG_DIARY, sizeof *on);
    by_day(&s, &l, pain, on, "trigger");
    double sum[2] = {0, 0};
    int n[2] = {0, 0};
    for (int t = 1; t < LONG_DIARY; t++) {
        sum[on[t - 1]] += pain[t];
        n[on[t - 1]]++;
    }
    double diff = sum[1] / n[1] - sum[0] / n[0];
    ck_assert_msg(fabs(diff - 2) < 0.25, "next-day rise %.3f", diff);
    ck_assert(fabs((double)n[1] / (LONG_DIARY - 1) - 0.2) < 0.02);
    free(pain);
    free(on);
    checkin_list_free(&l);
}
END_TEST

START_TEST(companion_overlaps_trigger)
{
    struct synth_spec s;
    plain_spec(&s, LONG_DIARY);
    s.trigger_share = 0.2;
    s.companion = true;
    struct checkin_list l = {0};
    synth_diary(&s, &l);
    int both = 0, trigger = 0, alone = 0, others = 0;
    for (size_t i = 0; i < l.n; i++) {
        bool t = checkin_has_tag(&l.items[i], "trigger");
        bool c = checkin_has_tag(&l.items[i], "companion");
        trigger += t;
        both += t && c;
        others += !t;
        alone += !t && c;
    }
    ck_assert(fabs((double)both / trigger - 0.8) < 0.05);
    ck_assert(fabs((double)alone / others - 0.05) < 0.02);
    checkin_list_free(&l);
}
END_TEST

START_TEST(missing_days_and_second_checkins)
{
    struct synth_spec s;
    plain_spec(&s, LONG_DIARY);
    s.missing = 0.2;
    s.second_checkin = 0.3;
    struct checkin_list l = {0};
    synth_diary(&s, &l);
    double *pain = xcalloc(LONG_DIARY, sizeof *pain);
    by_day(&s, &l, pain, NULL, NULL);
    int recorded = 0;
    for (int t = 0; t < LONG_DIARY; t++)
        recorded += pain[t] >= 0;
    double missing = 1 - (double)recorded / LONG_DIARY;
    double second = (double)(l.n - (size_t)recorded) / recorded;
    ck_assert_msg(fabs(missing - 0.2) < 0.02, "missing %.3f", missing);
    ck_assert_msg(fabs(second - 0.3) < 0.03, "two check-ins %.3f", second);
    free(pain);
    checkin_list_free(&l);
}
END_TEST

/* Mean pain of the recorded days among pain[end - 6 .. end], or -1 when
 * fewer than 4 were recorded (the generator's rule for the worst week). */
static double week_mean(const double *pain, int end)
{
    double sum = 0;
    int n = 0;
    for (int t = end - 6; t <= end; t++)
        if (pain[t] >= 0) {
            sum += pain[t];
            n++;
        }
    return n >= 4 ? sum / n : -1;
}

START_TEST(treatment_starts_after_worst_week)
{
    for (uint64_t seed = 1; seed <= 20; seed++) {
        struct synth_spec s;
        full_spec(&s, seed);
        struct checkin_list l = {0};
        synth_diary(&s, &l);
        double pain[90];
        bool on[90];
        by_day(&s, &l, pain, on, "treatment");
        int start = 0;
        while (start < s.days && !on[start])
            start++;
        /* 14 days before the first use and 14 after lie in the diary */
        ck_assert(start >= 14 && start + 14 < s.days);
        for (int end = 13; end + 15 < s.days; end++)
            if (pain[end + 1] >= 0)
                ck_assert(week_mean(pain, end) <=
                          week_mean(pain, start - 1));
        int used = 0;
        for (int t = start; t < s.days; t++)
            used += on[t];
        ck_assert(used >= (s.days - start) / 2);
        checkin_list_free(&l);
    }
}
END_TEST

/* FNV-1a over what a diary holds, check-in by check-in: a fingerprint
 * that any change to the draws of a seed would move. */
static uint64_t fingerprint(const struct checkin_list *l)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < l->n; i++) {
        const struct checkin *c = &l->items[i];
        int64_t parts[] = {c->date, c->minute, c->value[CF_PAIN],
                           c->value[CF_FATIGUE], c->value[CF_SLEEP_QUALITY],
                           (int64_t)c->ntags};
        for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
            h = (h ^ (uint64_t)parts[k]) * UINT64_C(0x100000001b3);
        for (size_t t = 0; t < c->ntags; t++)
            for (const char *p = c->tags[t]; *p; p++)
                h = (h ^ (uint8_t)*p) * UINT64_C(0x100000001b3);
    }
    return h;
}

/* The diaries of seeds 1 and 2 with every part planted are the ones the
 * generator made before treatment_effect existed (the rates measured
 * before stay comparable with those measured after). */
START_TEST(existing_seeds_unchanged)
{
    static const uint64_t want[] = {UINT64_C(0x31d7fd494b87f2e2),
                                     UINT64_C(0xcb086853ffaf7afd)};
    for (uint64_t seed = 1; seed <= 2; seed++) {
        struct synth_spec s;
        full_spec(&s, seed);
        struct checkin_list l = {0};
        synth_diary(&s, &l);
        ck_assert_msg(fingerprint(&l) == want[seed - 1],
                      "seed %d: %016" PRIx64, (int)seed, fingerprint(&l));
        checkin_list_free(&l);
    }
}
END_TEST

/* Each day's mean pain from `from` on, summed over the days both diaries
 * recorded (the same days: the cut draws nothing). */
static double pain_sum(const double *pain, int from, int n)
{
    double sum = 0;
    for (int t = from; t < n; t++)
        sum += pain[t] >= 0 ? pain[t] : 0;
    return sum;
}

/* The diaries of one seed without and with a cut of 30%: the same days,
 * times and tags, the same pain up to the first use; adds the pain after
 * it of each to sums[0] and sums[1]. */
static void compare_cut(struct synth_spec *s, double sums[2])
{
    struct checkin_list a = {0}, b = {0};
    s->treatment_effect = 0;
    synth_diary(s, &a);
    s->treatment_effect = 0.3;
    synth_diary(s, &b);
    ck_assert_uint_eq(a.n, b.n);
    double *pa = xcalloc((size_t)s->days, sizeof *pa);
    double *pb = xcalloc((size_t)s->days, sizeof *pb);
    bool *on = xcalloc((size_t)s->days, sizeof *on);
    by_day(s, &a, pa, on, "treatment");
    by_day(s, &b, pb, NULL, NULL);
    int start = 0;
    while (start < s->days && !on[start])
        start++;
    for (size_t i = 0; i < a.n; i++) {
        ck_assert_int_eq(a.items[i].date, b.items[i].date);
        ck_assert_uint_eq(checkin_diff(&a.items[i], &b.items[i]) &
                              ~CHECKIN_PART_VALUE(CF_PAIN),
                          0);
        if (a.items[i].date <= s->first + start)
            ck_assert_int_eq(a.items[i].value[CF_PAIN],
                             b.items[i].value[CF_PAIN]);
    }
    sums[0] += pain_sum(pa, start + 1, s->days);
    sums[1] += pain_sum(pb, start + 1, s->days);
    free(pa);
    free(pb);
    free(on);
    checkin_list_free(&a);
    checkin_list_free(&b);
}

/* Pooled over seeds, since the worst week (and so the first use) may come
 * late in any one diary. */
START_TEST(treatment_effect_cuts_pain_after_first_use)
{
    double sums[2] = {0, 0};
    for (uint64_t seed = 1; seed <= 40; seed++) {
        struct synth_spec s;
        plain_spec(&s, 300);
        s.seed = seed;
        s.treatment = true;
        compare_cut(&s, sums);
    }
    ck_assert_msg(sums[0] > 3000, "pain summed over too few days: %.0f",
                  sums[0]);
    double ratio = sums[1] / sums[0];
    ck_assert_msg(fabs(ratio - 0.7) < 0.01, "pain after: %.3f of before",
                  ratio);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("synth");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, same_seed_same_diary);
    tcase_add_test(tc, planting_keeps_the_rest);
    tcase_add_test(tc, values_in_range_and_sorted);
    tcase_add_test(tc, pain_autocorrelation_near_phi);
    tcase_add_test(tc, markov_tag_runs_as_specified);
    tcase_add_test(tc, trigger_raises_next_day_pain);
    tcase_add_test(tc, companion_overlaps_trigger);
    tcase_add_test(tc, missing_days_and_second_checkins);
    tcase_add_test(tc, treatment_starts_after_worst_week);
    tcase_add_test(tc, existing_seeds_unchanged);
    tcase_add_test(tc, treatment_effect_cuts_pain_after_first_use);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
