/* Every screen and every help at 80x24 (and larger): nothing a person
 * reads runs off the right edge. A help longer than the screen is read
 * page by page with j, as a person would, and every row of it checked;
 * the headers and status lines are checked on each screen. */
#include "uitest.h"

/* The last cell of a row holds nothing but a border or a blank: text
 * that reaches it was cut (the help wraps within the width instead). */
static void expect_row_ends_inside(struct vt *t, int row, const char *where)
{
    struct vt_cell_info cell;
    int last = vt_cols(t) - 1;
    ck_assert(vt_cell(t, row, last, &cell));
    bool border = cell.cp == 0 || cell.cp == ' ' || cell.cp == 0x2502 ||
                  cell.cp == 0x2500 || cell.cp == '|' || cell.cp == '-';
    if (!border) {
        vt_dump(t, stderr);
        ck_abort_msg("%s: row %d runs to the edge", where, row);
    }
}

/* Appends text to the growing, NUL-ended *all. */
static void append(char **all, const char *text)
{
    size_t had = *all ? strlen(*all) : 0, more = strlen(text);
    *all = realloc(*all, had + more + 1);
    ck_assert_ptr_nonnull(*all);
    memcpy(*all + had, text, more + 1);
}

/* Reads the help open on the screen to its end, checking every row; the
 * help's rows joined, for the caller to look for whole lines in. */
static char *read_help(struct vt *t, const char *title)
{
    expect_text(t, title);
    char *all = NULL;
    char *before = NULL;
    for (int page = 0; page < 80; page++) {
        for (int row = 0; row < vt_rows(t); row++)
            expect_row_ends_inside(t, row, title);
        char *now = vt_screen_text(t);
        append(&all, now);
        bool same = before && strcmp(before, now) == 0;
        free(before);
        before = now;
        if (same || !vt_find(t, "more keys", NULL, NULL))
            break;
        vt_send(t, "j");
        vt_wait_idle(t, 60, WAIT_MS);
    }
    free(before);
    vt_send(t, " "); /* any other key closes it */
    vt_wait_idle(t, 60, WAIT_MS);
    return all;
}

static void expect_screen_inside(struct vt *t, const char *where)
{
    vt_wait_idle(t, 60, WAIT_MS);
    expect_row_ends_inside(t, 0, where);
    expect_row_ends_inside(t, vt_rows(t) - 1, where);
    expect_row_ends_inside(t, vt_rows(t) - 2, where);
}

static void expect_has(const char *text, const char *want)
{
    ck_assert_msg(strstr(text, want), "not whole: %s", want);
}

static void seed(void)
{
    for (int d = 18; d <= 24; d++)
        ck_assert_int_eq(ache_at(UITEST_NOW, NULL, 0,
                                 "add --date 2026-11-%d --pain %d --fatigue 5 "
                                 "--tag stress --note 'a note'",
                                 d, d % 7 + 2),
                         0);
}

/* The check-in screen, its help, and a past day's header. */
static void check_checkin(struct vt *t)
{
    expect_screen_inside(t, "check-in");
    vt_send(t, "?");
    char *help = read_help(t, "Keys of the check-in screen");
    expect_has(help, "set this check-in's time (8, 8:00, 830 or 20.15)");
    expect_has(help, "quit (everything is already saved)");
    free(help);
    vt_send(t, "[[[[[[[[[");
    expect_text(t, "(9 days ago)");
    expect_text(t, "new: nothing recorded yet");
    expect_screen_inside(t, "a past day with nothing");
    vt_send(t, "t");
}

static void check_screen(struct vt *t, const char *key, const char *shown,
                         const char *title, const char *line)
{
    vt_send(t, key);
    expect_text(t, shown);
    expect_screen_inside(t, shown);
    vt_send(t, "?");
    char *help = read_help(t, title);
    expect_has(help, line);
    free(help);
}

static void check_all(int cols, int rows)
{
    seed();
    struct vt *t = wait_checkin_screen(
        start_with("C.UTF-8", "xterm-256color", false, cols, rows));
    check_checkin(t);
    check_screen(t, "c", "Calendar: Pain", "Keys of the calendar",
                 "the selected day's check-in");
    check_screen(t, "g", "Trends: month", "Keys of the trends screen",
                 "show or hide a field: 1 pain");
    check_screen(t, "i", "Insights: the last 90 days",
                 "Keys of the insights screen", "scroll a page down");
    quit(t);
}

START_TEST(test_every_screen_and_help_at_80x24)
{
    check_all(80, 24);
}
END_TEST

START_TEST(test_every_screen_and_help_at_120x40)
{
    check_all(120, 40);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("screens at 80x24");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_every_screen_and_help_at_80x24);
    tcase_add_test(tc, test_every_screen_and_help_at_120x40);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
