/* The insights screen with fields of one's own: the real ache binary in a
 * pseudo-terminal, the fields made with `ache fields add` and 30 days
 * imported first, the screen reached with one key and scrolled to the
 * tag's table, where the own fields are rows beside pain: a yes/no in
 * percentage points, a rating as a difference toward its word. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uitest.h"

/* 30 days from 2026-10-26 to the tests' day: pain 3 and 4 by turns,
 * "wine" every third day from the first, with nausea and dizziness 6 on
 * those days (no nausea and dizziness 2 on the others). */
static void seed(void)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && export ACHE_DB='%s' ACHE_NOW=" UITEST_NOW " TZ=UTC "
             "&& '%s' fields add nausea --kind yesno >/dev/null && "
             "'%s' fields add dizziness --kind rating --high spinning "
             ">/dev/null && "
             "{ echo date,pain,nausea,dizziness,tags; "
             "for i in $(seq 0 29); do "
             "w=$((i %% 3 == 0)); t=; [ $w = 1 ] && t=wine; "
             "echo $(date -u -d \"2026-10-26 + $i days\" +%%F),"
             "$((3 + i %% 2)),$w,$((2 + 4 * w)),$t; done; } >own.csv && "
             "'%s' import own.csv >/dev/null",
             dir, db, ache_bin(), ache_bin(), ache_bin());
    ck_assert_int_eq(system(cmd), 0);
}

/* Pages down until `text` shows (the table is below the flares). */
static void page_to(struct vt *t, const char *text)
{
    int row, col;
    for (int page = 0; page < 10 && !vt_find(t, text, &row, &col); page++) {
        vt_send(t, " ");
        vt_wait_idle(t, 50, WAIT_MS);
    }
    expect_text(t, text);
}

START_TEST(test_own_outcomes_on_the_insights_screen)
{
    seed();
    struct vt *t = start();
    vt_send(t, "i");
    expect_text(t, "Insights: the last 90 days");
    page_to(t, "1. wine (other): strongest with dizziness on the same day");
    expect_text(t, "+4.0, toward");
    page_to(t, "  nausea ");
    expect_in_row(t, "  nausea ",
                  "nausea     +100% 10/20 p<0.001*  -47% 10/19 p<0.001*  "
                  "-50% 10/18 p<0.001*",
                  true);
    expect_in_row(t, "  dizziness ",
                  "dizziness   +4.0 10/20 p<0.001*  -1.9 10/19 p<0.001*  "
                  "-2.0 10/18 p<0.001*",
                  true);
    expect_in_row(t, "  pain ",
                  "pain           0.0 10/20 p=1.00     0.0 10/19 p=1.00",
                  true);
    quit(t);
}
END_TEST

/* Hidden, an own field is no row of the table when the screen comes
 * back to the front. */
START_TEST(test_hidden_own_field_leaves_the_screen)
{
    seed();
    char out[512];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out,
                             "fields hide nausea"),
                     0);
    struct vt *t = start();
    vt_send(t, "i");
    expect_text(t, "Insights: the last 90 days");
    page_to(t, "  dizziness ");
    /* sleep's row, then dizziness's: nausea would come between */
    expect_in_row(t, "  sleep ", "too little data", true);
    ck_assert(vt_wait_no_text(t, "  nausea ", 200));
    quit(t);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("insights_screen");
    TCase *tc = tcase_create("own");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_own_outcomes_on_the_insights_screen);
    tcase_add_test(tc, test_hidden_own_field_leaves_the_screen);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
