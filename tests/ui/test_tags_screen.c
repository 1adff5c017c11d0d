/* A tag renamed or merged by another program while the check-in screen
 * holds a check-in carrying it: the screen's next change is saved on top
 * of the new name, never the old name brought back as a new tag. */
#include "uitest.h"

#define EVENING "2026-11-24T21:00"
#define MINUTE_BEFORE "2026-11-24T20:59"
#define MINUTE_AFTER "2026-11-24T21:01"

/* The diary has no tag called name (as `ache tags` lists them). */
static void expect_no_tag(const char *name)
{
    char out[8192];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "tags"), 0);
    ck_assert_ptr_nonnull(strstr(out, "KIND"));
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        char kind[32], tag[64];
        if (sscanf(line, "%31s %63s", kind, tag) == 2)
            ck_assert_msg(strcmp(tag, name) != 0, "tag %s is back", name);
    }
}

START_TEST(test_rename_elsewhere_then_a_change_on_the_screen)
{
    ACHE_OK(MINUTE_BEFORE, "add --pain 4 --tag stress");
    struct vt *t = start_at(EVENING);
    expect_in_row(t, "Tags", "stress", true);
    ACHE_OK(MINUTE_AFTER, "tags rename stress strain");
    vt_send(t, "6");
    expect_text(t, "Changed elsewhere: reloaded, with your change saved on "
                   "top.");
    expect_in_row(t, "Tags", "strain", true);
    quit(t);
    expect_export("4,13", "6,strain\n");
    expect_no_tag("stress");
}
END_TEST

START_TEST(test_merge_elsewhere_then_a_change_on_the_screen)
{
    ACHE_OK(MINUTE_BEFORE, "add --pain 4 --tag coffee");
    struct vt *t = start_at(EVENING);
    expect_in_row(t, "Tags", "coffee", true);
    ACHE_OK(MINUTE_AFTER, "tags merge coffee caffeine");
    vt_send(t, "7");
    expect_text(t, "Changed elsewhere: reloaded");
    expect_in_row(t, "Tags", "caffeine", true);
    quit(t);
    expect_export("4,13", "7,caffeine\n");
    expect_no_tag("coffee");
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("tags screen");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_rename_elsewhere_then_a_change_on_the_screen);
    tcase_add_test(tc, test_merge_elsewhere_then_a_change_on_the_screen);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
