/* The full-screen diary and a settings file it must not read: it starts
 * with the defaults and says why, instead of hanging on a FIFO or reading
 * /dev/zero until memory runs out. */
#include <sys/stat.h>

#include "uitest.h"

/* The settings file's path under the test's HOME, its folder made. */
static void settings_path(char *path, size_t size)
{
    snprintf(path, size, "%s/.config", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, size, "%s/.config/ache", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, size, "%s/.config/ache/config", dir);
}

static void expect_refused_and_usable(void)
{
    struct vt *t = start(); /* the check-in screen within WAIT_MS */
    expect_text(t, "/.config/ache/config: not a regular file");
    quit(t);
}

START_TEST(test_fifo_settings_do_not_hang)
{
    char path[256];
    settings_path(path, sizeof path);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    expect_refused_and_usable();
}
END_TEST

START_TEST(test_dev_zero_settings_are_not_read)
{
    char path[256];
    settings_path(path, sizeof path);
    ck_assert_int_eq(symlink("/dev/zero", path), 0);
    expect_refused_and_usable();
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("settings screen");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_fifo_settings_do_not_hang);
    tcase_add_test(tc, test_dev_zero_settings_are_not_read);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
