/* A first run: the diary says where it started a new diary (so that a
 * mistyped --db or ACHE_DB shows at once) and what to type, without
 * taking a key; later runs say nothing of the kind. */
#include "uitest.h"

#define WELCOME "New diary at ~/diary.db - type 0-9 for pain, ? for keys"

/* The first digit sets pain and clears the welcome: nothing typed is
 * spent on reading it. */
START_TEST(test_first_run_welcomes_and_the_first_digit_counts)
{
    ck_assert_int_ne(access(db, F_OK), 0);
    struct vt *t = start();
    expect_text(t, WELCOME);
    vt_send(t, "6");
    expect_text(t, "moderate");
    ck_assert(vt_wait_no_text(t, "New diary", WAIT_MS));
    quit(t);
    expect_export("4", "6\n");
}
END_TEST

START_TEST(test_an_existing_diary_gets_no_welcome)
{
    ck_assert_int_eq(ache_at(UITEST_NOW, NULL, 0, "add --pain 2"), 0);
    struct vt *t = start();
    vt_wait_idle(t, 100, WAIT_MS);
    ck_assert(vt_wait_no_text(t, "New diary", 100));
    quit(t);
}
END_TEST

/* A diary outside the home folder is named whole; a long path keeps its
 * end, the file's name, and the line still fits 80 columns. */
START_TEST(test_a_long_path_keeps_its_end)
{
    snprintf(db, sizeof db, "%s/a-folder-with-a-long-name/typo-diary.db", dir);
    snprintf(db_env, sizeof db_env, "ACHE_DB=%s", db);
    struct vt *t = start();
    expect_text(t, "New diary at ...with-a-long-name/typo-diary.db - type "
                   "0-9 for pain, ? for keys");
    quit(t);
    ck_assert_int_eq(access(db, F_OK), 0);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("welcome screen");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_first_run_welcomes_and_the_first_digit_counts);
    tcase_add_test(tc, test_an_existing_diary_gets_no_welcome);
    tcase_add_test(tc, test_a_long_path_keeps_its_end);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
