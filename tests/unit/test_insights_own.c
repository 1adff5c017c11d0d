/* Unit tests of a person's own fields as outcomes of the tag tests:
 * which fields count (not hidden, not weekly, with a value in the period),
 * their day means, the effects counted on them, seeds that keep the
 * built-in outcomes' p-values and follow an own field by name, and the
 * words the insights text and the report give them (a yes/no in
 * percentage points, a long name cut to keep 80 columns). Hand-made
 * diaries whose answers are worked out in the comments. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/insights.h"
#include "ache/report.h"
#include "ache/stats.h"
#include "ache/text.h"

#define TOL 1e-6
#define DAYS 12

/* The own fields of these diaries, by key. */
enum {
    DIZZY = CF_COUNT, /* rating */
    NAUSEA,           /* yes/no */
    RETIRED,          /* rating, hidden */
    WEEKLY,           /* rating, asked weekly */
    STEPS,            /* count */
    UNUSED            /* rating, never given */
};

static void install(int dizzy_key)
{
    const struct field_row rows[] = {
        {dizzy_key, "dizzy", NULL, NULL, "spinning", FIELD_RATING, false,
         false},
        {NAUSEA, "nausea", NULL, NULL, NULL, FIELD_YESNO, false, false},
        {RETIRED, "retired", NULL, NULL, NULL, FIELD_RATING, false, true},
        {WEEKLY, "weekly", NULL, NULL, NULL, FIELD_RATING, true, false},
        {STEPS, "steps", NULL, NULL, NULL, FIELD_TALLY, false, false},
        {UNUSED, "unused", NULL, NULL, NULL, FIELD_RATING, false, false},
    };
    fields_install(rows, sizeof rows / sizeof rows[0]);
}

static ache_day day0(void)
{
    return date_from_ymd(2026, 2, 2);
}

/* Day i of DAYS: "wine" on every third day from day 0 (0, 3, 6, 9), which
 * brings dizziness 6 (else 2), nausea (else none) and 5000 steps (else
 * 1000); pain 3 + i % 2 every day; the hidden and weekly fields 9 every
 * day. Day 1 has a second check-in with dizziness 4 and nausea, so that
 * day's means are 3 and 0.5. */
static void diary(struct checkin_list *list, int dizzy_key)
{
    for (int i = 0; i < DAYS; i++) {
        bool wine = i % 3 == 0;
        struct checkin *c = checkin_list_push(list);
        checkin_init(c, day0() + i);
        c->value[CF_PAIN] = 3 + i % 2;
        checkin_set(c, dizzy_key, wine ? 6 : 2);
        checkin_set(c, NAUSEA, wine);
        checkin_set(c, STEPS, wine ? 5000 : 1000);
        checkin_set(c, RETIRED, 9);
        checkin_set(c, WEEKLY, 9);
        if (wine)
            checkin_add_tag(c, "wine");
    }
    struct checkin *c = checkin_list_push(list);
    checkin_init(c, day0() + 1);
    checkin_set(c, dizzy_key, 4);
    checkin_set(c, NAUSEA, 1);
}

static const struct insight_effect *find(const struct insight_effect_list *l,
                                         int outcome, int lag)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].outcome == outcome && l->items[i].lag == lag)
            return &l->items[i];
    ck_abort_msg("no effect on %d at lag %d", outcome, lag);
    return NULL;
}

/* The three built in, then dizzy, nausea and steps: the hidden, the
 * weekly and the unused field are no outcomes. */
START_TEST(test_outcomes_qualify)
{
    install(DIZZY);
    struct checkin_list list = {0};
    diary(&list, DIZZY);
    struct insight_diary d;
    insights_diary_build(list.items, list.n, day0(), day0() + DAYS - 1, &d);
    int keys[INSIGHTS_OUTCOMES_MAX];
    size_t n = insights_outcomes_in(&d, day0(), day0() + DAYS - 1, keys);
    ck_assert_uint_eq(n, 6);
    const int want[] = {CF_PAIN, CF_FATIGUE, CF_SLEEP_QUALITY, DIZZY, NAUSEA,
                        STEPS};
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(keys[i], want[i]);
    /* day means: day 1's two check-ins make 3 and 0.5 */
    ck_assert_uint_eq(d.nown, 3);
    ck_assert_int_eq(d.own[0].key, DIZZY);
    ck_assert_double_eq_tol(d.own[0].mean[0], 6, TOL);
    ck_assert_double_eq_tol(d.own[0].mean[1], 3, TOL);
    ck_assert_double_eq_tol(d.own[1].mean[1], 0.5, TOL);
    ck_assert_double_eq_tol(d.own[2].mean[2], 1000, TOL);
    insights_diary_free(&d);
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

/* Counted by hand. Same day: wine days 0, 3, 6, 9 (dizzy 6 each); the 8
 * others dizzy 2, but day 1 is 3: 17/8. Next day: the wine days are
 * followed by 2, 2, 2, 2 (day 1 counts 3: 3, 2, 2, 2 = 9/4); the days
 * without, except day 11 (no next day): 1, 2, 4, 5, 7, 8, 10 followed by
 * 2, 6, 2, 6, 2, 6, 2 = 26/7. */
START_TEST(test_effects_on_own_fields)
{
    install(DIZZY);
    struct checkin_list list = {0};
    diary(&list, DIZZY);
    struct insight_effect_list l;
    insights_effects(list.items, list.n, day0(), day0() + DAYS - 1, NULL, &l);
    ck_assert_uint_eq(l.noutcomes, 6);
    ck_assert_uint_eq(l.n, 18); /* 1 tag x 6 outcomes x 3 lags */
    ck_assert_uint_eq(l.tested, 12); /* fatigue and sleep have no values */
    const struct insight_effect *e = find(&l, DIZZY, 0);
    ck_assert(e->enough);
    ck_assert_int_eq(e->days_with, 4);
    ck_assert_int_eq(e->days_without, 8);
    ck_assert_double_eq_tol(e->mean_with, 6, TOL);
    ck_assert_double_eq_tol(e->mean_without, 17.0 / 8, TOL);
    ck_assert_double_eq_tol(e->diff, 6 - 17.0 / 8, TOL);
    e = find(&l, DIZZY, 1);
    ck_assert_int_eq(e->days_with, 4);
    ck_assert_int_eq(e->days_without, 7);
    ck_assert_double_eq_tol(e->mean_with, 9.0 / 4, TOL);
    ck_assert_double_eq_tol(e->mean_without, 26.0 / 7, TOL);
    e = find(&l, NAUSEA, 0);
    ck_assert_double_eq_tol(e->mean_with, 1, TOL);
    ck_assert_double_eq_tol(e->mean_without, 0.5 / 8, TOL);
    ck_assert_double_eq_tol(e->diff, 1 - 0.5 / 8, TOL);
    e = find(&l, STEPS, 0);
    ck_assert_double_eq_tol(e->diff, 4000, TOL);
    insights_effect_list_free(&l);
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

/* The built-in outcomes draw the same shuffles with own fields as
 * without; an own field its own by name, whatever its key. */
START_TEST(test_seeds)
{
    struct checkin_list list = {0};
    diary(&list, DIZZY);
    struct insight_effect_list plain, own, moved;
    fields_reset(); /* no own fields: their values are not outcomes */
    insights_effects(list.items, list.n, day0(), day0() + DAYS - 1, NULL,
                     &plain);
    ck_assert_uint_eq(plain.noutcomes, 3);
    install(DIZZY);
    insights_effects(list.items, list.n, day0(), day0() + DAYS - 1, NULL,
                     &own);
    const struct insight_effect *a = find(&plain, CF_PAIN, 1),
                                *b = find(&own, CF_PAIN, 1);
    ck_assert(a->p == b->p && a->permutations == b->permutations);
    ck_assert(a->memory == b->memory);
    checkin_list_free(&list);
    diary(&list, UNUSED + 1); /* dizzy under another key */
    install(UNUSED + 1);
    insights_effects(list.items, list.n, day0(), day0() + DAYS - 1, NULL,
                     &moved);
    a = find(&own, DIZZY, 1);
    b = find(&moved, UNUSED + 1, 1);
    ck_assert(a->p == b->p && a->permutations == b->permutations);
    ck_assert(a->p < 1);
    insights_effect_list_free(&plain);
    insights_effect_list_free(&own);
    insights_effect_list_free(&moved);
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

/* A field with values only in the history before the period is no
 * outcome of the period; the slice keeps the days of the others. */
START_TEST(test_values_in_the_period)
{
    install(DIZZY);
    struct checkin_list list = {0};
    diary(&list, DIZZY);
    for (size_t i = 0; i < list.n; i++)
        if (list.items[i].date >= day0() + 6)
            checkin_set(&list.items[i], STEPS, CHECKIN_ABSENT);
    struct insight_diary d;
    insights_diary_build(list.items, list.n, day0(), day0() + DAYS - 1, &d);
    struct insight_effect_list l;
    insights_effects_in(&d, day0() + 6, day0() + DAYS - 1, NULL, &l);
    ck_assert_uint_eq(l.noutcomes, 5);
    ck_assert_int_eq(l.outcomes[4], NAUSEA);
    const struct insight_effect *e = find(&l, DIZZY, 0);
    ck_assert_int_eq(e->days_with, 2); /* days 6 and 9: too few to test */
    ck_assert_int_eq(e->days_without, 4);
    ck_assert(!e->enough);
    ck_assert_double_eq_tol(e->mean_with, 6, TOL);
    ck_assert_double_eq_tol(e->mean_without, 2, TOL);
    insights_effect_list_free(&l);
    insights_diary_free(&d);
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

/* ---- words -------------------------------------------------------------- */

static char *insights_text(const struct checkin_list *list)
{
    struct report_input in = {.items = list->items, .n = list->n,
                              .first = day0(), .last = day0() + DAYS - 1,
                              .prepared = day0() + DAYS - 1};
    return report_insights(&in, true);
}

static void assert_has(const char *text, const char *part)
{
    if (!strstr(text, part))
        fprintf(stderr, "%s\n", text);
    ck_assert_msg(strstr(text, part), "lacks \"%s\"", part);
}

static void assert_fits(const char *text)
{
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        size_t w = text_width(line, len);
        ck_assert_msg(w <= 80, "%zu columns: %.*s", w, (int)len, line);
        line += len + (line[len] == '\n');
    }
}

/* A rating as a difference toward its word, a yes/no in percentage
 * points, a count in its own numbers; never a yes/no as "+0.9". */
START_TEST(test_insights_words)
{
    install(DIZZY);
    struct checkin_list list = {0};
    diary(&list, DIZZY);
    char *text = insights_text(&list);
    assert_has(text, "Your own fields follow");
    assert_has(text, "  dizzy     +3.9 4/8 p=0.007*   -1.5 4/7 p=0.11   "
                     "-2.0 4/6 p=0.05\n");
    assert_has(text, "  nausea      +94% 4/8 p=0.01   -30% 4/7 p=0.13   "
                     "-50% 4/6 p=0.07\n");
    assert_has(text, "  steps    +4000 4/8 p=0.007*  -1714 4/7 p=0.11  "
                     "-2000 4/6 p=0.07\n");
    /* dizzy and steps tie on p: the larger difference is named */
    assert_has(text, "1. wine: strongest with steps on the same day, +4000 "
                     "(p=0.007, q=0.04):");
    ck_assert_ptr_null(strstr(text, "+0.9"));
    assert_fits(text);
    free(text);
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

/* The text of the diary with one own field alone: the others' values
 * are then of no field and no outcome. */
static char *text_with_one(const struct field_row *row)
{
    fields_install(row, 1);
    struct checkin_list list = {0};
    diary(&list, DIZZY);
    char *text = insights_text(&list);
    checkin_list_free(&list);
    fields_reset();
    return text;
}

/* The strongest effect on a yes/no field as the shares of days, on a
 * rating toward the word of its end. */
START_TEST(test_insights_headings)
{
    const struct field_row nausea = {NAUSEA, "nausea", NULL, NULL, NULL,
                                     FIELD_YESNO, false, false};
    char *text = text_with_one(&nausea);
    assert_has(text, "1. wine: strongest with nausea on the same day, 100% "
                     "of days vs 6%");
    free(text);
    const struct field_row dizzy = {DIZZY, "dizzy", NULL, NULL, "spinning",
                                    FIELD_RATING, false, false};
    text = text_with_one(&dizzy);
    assert_has(text, "1. wine: strongest with dizzy on the same day, +3.9, "
                     "toward spinning");
    free(text);
}
END_TEST

/* A name of 32 is cut in every table, and every line keeps to 80. */
START_TEST(test_long_name_fits)
{
    const struct field_row rows[] = {
        {DIZZY, "a_very_long_field_name_of_32_chr", NULL, NULL, NULL,
         FIELD_TALLY, false, false}};
    fields_install(rows, 1);
    struct checkin_list list = {0};
    diary(&list, DIZZY);
    for (size_t i = 0; i < list.n; i++)
        checkin_set(&list.items[i], DIZZY,
                    checkin_get(&list.items[i], DIZZY) * 1000);
    char *text = insights_text(&list);
    assert_has(text, "  a_very_lo…  +3875 4/8 p=0.007*  -1464 4/7 p=0.10  "
                     "-2000 4/6 p=0.06\n");
    assert_fits(text);
    free(text);
    struct report_input in = {.items = list.items, .n = list.n,
                              .first = day0(), .last = day0() + DAYS - 1,
                              .prepared = day0() + DAYS - 1};
    for (int f = REPORT_TEXT; f <= REPORT_MARKDOWN; f++) {
        struct report_options opt = {.format = (enum report_format)f, .utf8 = true};
        text = report_render(&in, &opt);
        assert_has(text, f == REPORT_TEXT ? "a_very_long_…"
                                          : "a\\_very\\_lon...");
        assert_fits(text);
        free(text);
    }
    checkin_list_free(&list);
    fields_reset();
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("insights_own");
    TCase *t = tcase_create("outcomes");
    tcase_add_test(t, test_outcomes_qualify);
    tcase_add_test(t, test_effects_on_own_fields);
    tcase_add_test(t, test_seeds);
    tcase_add_test(t, test_values_in_the_period);
    suite_add_tcase(s, t);
    TCase *w = tcase_create("words");
    tcase_add_test(w, test_insights_words);
    tcase_add_test(w, test_insights_headings);
    tcase_add_test(w, test_long_name_fits);
    suite_add_tcase(s, w);
    return s;
}

ACHE_TEST_MAIN(make_suite)
