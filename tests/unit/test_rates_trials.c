/* Rates of treatment-trial labels on made-up diaries (tests/synth/synth.h),
 * the promises of issue 14 held as tests: a treatment with no effect,
 * started the day after the person's worst week (when people start
 * treatments, and when regression to the mean makes any of them look
 * good), is called an improvement in at most 1 diary in 10; one that truly
 * cuts pain by 30% is called an improvement in a good share of them, and
 * neither is called worse. Seeds 1..40 of each, fixed: the rates are
 * those quoted in the README and never move unless the method does.
 *
 * Measured with this method (seeds 1..40): no effect, 2/40 improvements,
 * 0/40 worse, 38/40 warned of a bad spell; a 30% cut, 20/40 improvements
 * (400 seeds: 3.5% and 46%). The method before it (14 days against 14,
 * IMMPACT by the point estimate, no interval) called 30/40 no-effect
 * treatments an improvement, so the first test fails against it.
 *
 * 80 trials of 2 x 1999 resamples take about 0.1 s, and about 1 s under
 * valgrind, so ACHE_UNDER_VALGRIND runs every seed too. */
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>

#include "../synth/synth.h"
#include "ache/checkin.h"
#include "ache/insights.h"

#define SEEDS 40

struct tally {
    int diaries;
    int improved; /* minimal, moderate or substantial improvement */
    int worse;
    int warned;   /* began during a bad spell */
};

/* rates.c's situation E (or F with a cut): tags in runs over pain with
 * day-to-day memory, a treatment started after the worst week. */
static void trial_spec(struct synth_spec *s, uint64_t seed, double effect)
{
    synth_spec_default(s);
    s->seed = seed;
    s->noise_tags = 20;
    s->noise_run = 3;
    s->noise_run2 = 7;
    s->treatment = true;
    s->treatment_effect = effect;
}

static void tally_seeds(double effect, struct tally *t)
{
    *t = (struct tally){0};
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        struct synth_spec s;
        trial_spec(&s, seed, effect);
        struct checkin_list l = {0};
        synth_diary(&s, &l);
        struct insight_trial trial;
        insights_trial(l.items, l.n, "treatment", &trial);
        t->diaries++;
        t->improved += trial.change >= INSIGHT_MINIMAL;
        t->worse += trial.change == INSIGHT_WORSE;
        t->warned += trial.bad_spell;
        checkin_list_free(&l);
    }
    printf("treatment cutting pain by %.0f%%: %d/%d improvement, %d worse, "
           "%d warned of a bad spell\n",
           100 * effect, t->improved, t->diaries, t->worse, t->warned);
}

START_TEST(no_effect_after_bad_week_rarely_improves)
{
    struct tally t;
    tally_seeds(0, &t);
    ck_assert_int_eq(t.diaries, SEEDS);
    ck_assert_msg(t.improved * 10 <= SEEDS,
                  "no-effect treatment called an improvement in %d of %d",
                  t.improved, SEEDS);
    ck_assert_msg(t.worse * 10 <= SEEDS,
                  "no-effect treatment called worse in %d of %d", t.worse,
                  SEEDS);
    /* every start follows the diary's worst week: most are warned */
    ck_assert_msg(t.warned * 10 >= SEEDS * 8, "warned in %d of %d",
                  t.warned, SEEDS);
}
END_TEST

/* Pain this autocorrelated hides a 30% cut in two weeks often: at 400
 * seeds half the diaries show it. The floor keeps a method that is
 * honest only by never naming anything from passing. */
START_TEST(thirty_percent_cut_often_improves)
{
    struct tally t;
    tally_seeds(0.3, &t);
    ck_assert_msg(t.improved * 100 >= SEEDS * 35,
                  "30%% cut called an improvement in only %d of %d",
                  t.improved, SEEDS);
    ck_assert_int_eq(t.worse, 0);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("rates_trials");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, no_effect_after_bad_week_rarely_improves);
    tcase_add_test(tc, thirty_percent_cut_often_improves);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
