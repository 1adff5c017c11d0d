/* The trends screen as a person uses it: reach it with one key, choose
 * fields and range, move the cursor and read a day's values. */
#include "uitest.h"

static void seed(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "for d in 10 11 12 14 15 16 17 18 19 20 21 22 23 24; do "
             "ACHE_DB='%s' ACHE_NOW=2026-11-24T09:00 '%s' add --date 2026-11-$d "
             "--pain $((d %% 7 + 2)) --fatigue 4 --sleep-hours 7.5 "
             ">/dev/null; done",
             db, ache_bin());
    ck_assert_int_eq(system(cmd), 0);
}

static struct vt *open_trends(void)
{
    seed();
    struct vt *t = start();
    vt_send(t, "g");
    expect_text(t, "Trends: month, 2026-10-26 to 2026-11-24");
    return t;
}

START_TEST(test_trends_reached_from_every_screen)
{
    struct vt *t = open_trends();
    expect_text(t, "Tue 24 Nov 2026: pain 5.0 fatigue 4.0");
    vt_send(t, "c");
    expect_text(t, "Calendar: Pain");
    vt_send(t, "g");
    expect_text(t, "Trends: month");
    vt_send(t, "d");
    expect_text(t, "Sleep quality");
    quit(t);
}
END_TEST

START_TEST(test_cursor_reads_days_and_gaps)
{
    struct vt *t = open_trends();
    vt_send(t, "h");
    expect_text(t, "Mon 23 Nov 2026: pain 4.0");
    vt_key(t, VTERM_KEY_HOME, VTERM_MOD_NONE);
    expect_text(t, "Mon 26 Oct 2026: pain – fatigue –");
    expect_text(t, "(no check-in)");
    quit(t);
}
END_TEST

/* Where the terminal's cursor is, once it is visible. */
static void cursor_at(struct vt *t, int *row, int *col)
{
    for (int waited = 0; waited < WAIT_MS && !vt_cursor_visible(t);
         waited += 20)
        vt_pump(t, 20);
    ck_assert(vt_cursor_visible(t));
    *row = vt_cursor_row(t);
    *col = vt_cursor_col(t);
}

/* Screen readers follow the terminal's cursor: it sits at the top of the
 * cursor's line in the plot, and moves with it. */
START_TEST(test_terminal_cursor_on_the_cursor_column)
{
    struct vt *t = open_trends();
    int top, col, row, at;
    ck_assert(vt_find(t, "10┤", &top, &col));
    cursor_at(t, &row, &at);
    ck_assert_int_eq(row, top);
    struct vt_cell_info c;
    ck_assert(vt_cell(t, row, at, &c));
    ck_assert_uint_eq(c.cp, 0x2502); /* the cursor's line */
    vt_send(t, "h");
    expect_text(t, "Mon 23 Nov 2026: pain 4.0");
    int row2 = -1, at2 = at;
    for (int waited = 0; waited < WAIT_MS && at2 == at; waited += 20) {
        vt_pump(t, 20);
        cursor_at(t, &row2, &at2);
    }
    ck_assert_int_eq(row2, top);
    ck_assert_int_lt(at2, at);
    ck_assert(vt_cell(t, row2, at2, &c));
    ck_assert_uint_eq(c.cp, 0x2502);
    vt_key(t, VTERM_KEY_HOME, VTERM_MOD_NONE);
    expect_text(t, "Mon 26 Oct 2026");
    cursor_at(t, &row2, &at2);
    ck_assert_int_eq(row2, top);
    ck_assert_int_lt(at2, 10); /* the first day, by the left axis */
    quit(t);
}
END_TEST

START_TEST(test_fields_and_ranges)
{
    struct vt *t = open_trends();
    vt_send(t, "2");         /* hide fatigue */
    expect_text(t, "Tue 24 Nov 2026: pain 5.0");
    vt_wait_no_text(t, "fatigue 4.0", 2000);
    vt_send(t, "4");         /* show sleep hours */
    expect_text(t, "sleep-hours 7.5");
    vt_send(t, "1");         /* hide pain */
    vt_send(t, "4");         /* the last one stays */
    expect_text(t, "At least one field stays shown.");
    vt_send(t, "r");
    expect_text(t, "Trends: 3 months");
    vt_send(t, "r");
    expect_text(t, "Trends: year");
    vt_send(t, "rr");
    expect_text(t, "Trends: 2 weeks, 2026-11-11 to 2026-11-24");
    vt_send(t, "[");
    expect_text(t, "2026-10-28 to 2026-11-10");
    vt_send(t, "]]");
    expect_text(t, "2026-11-11 to 2026-11-24");
    quit(t);
}
END_TEST

/* A key's help longer than the screen is wide goes on under it, word by
 * word, instead of being cut at the edge. */
START_TEST(test_help_wraps_long_lines)
{
    struct vt *t = open_trends();
    vt_send(t, "?");
    expect_text(t, "Keys of the trends screen");
    int row = -1;
    for (int r = 0; r < vt_rows(t) && row < 0; r++) {
        char *text = vt_row_text(t, r);
        if (strstr(text, "show or hide a field"))
            row = r;
        free(text);
    }
    ck_assert_int_ge(row, 0);
    char *first = vt_row_text(t, row), *next = vt_row_text(t, row + 1);
    ck_assert_str_eq(first, "    1-8               show or hide a field: 1 "
                            "pain, 2 fatigue, 3 sleep, 4");
    ck_assert_str_eq(next, "                      sleep hours, 5 stiffness, "
                           "6 fog, 7 mood, 8 activity");
    free(first);
    free(next);
    vt_send(t, " "); /* any key leaves the help */
    expect_text(t, "Tue 24 Nov 2026: pain 5.0 fatigue 4.0");
    quit(t);
}
END_TEST

START_TEST(test_enter_opens_the_cursor_day)
{
    struct vt *t = open_trends();
    vt_send(t, "hh");
    expect_text(t, "Sun 22 Nov 2026");
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
    expect_text(t, "Sunday 22 November 2026 (2 days ago)");
    quit(t);
}
END_TEST

START_TEST(test_trends_ascii_and_tiny)
{
    seed();
    struct vt *t = start_with("C", "vt100", false, 80, 24);
    expect_text(t, "Sleep quality");
    vt_send(t, "g");
    expect_text(t, "Trends: month");
    ck_assert(vt_screen_is_ascii(t));
    vt_resize(t, 20, 5);
    expect_text(t, "terminal too small");
    vt_resize(t, 80, 24);
    expect_text(t, "Trends: month");
    quit(t);
}
END_TEST

/* Without colour, series are told apart by their marks, named in the
 * legend, as `ache chart --color never` draws them; with colour, by
 * colour, the braille line left whole. */
START_TEST(test_no_color_marks_the_series)
{
    seed();
    struct vt *t = wait_checkin_screen(
        start_with("C.UTF-8", "xterm-256color", true, 80, 24));
    vt_send(t, "g");
    expect_text(t, "* Pain  + Fatigue");
    expect_text(t, "+--+--+");
    quit(t);
    t = start();
    vt_send(t, "g");
    expect_text(t, "Trends: month");
    vt_wait_idle(t, 100, WAIT_MS);
    ck_assert_msg(vt_wait_no_text(t, "* Pain", 100), "marks with colour");
    ck_assert_msg(vt_wait_no_text(t, "+--+--+", 100), "marks with colour");
    quit(t);
}
END_TEST

START_TEST(test_insights_screen)
{
    seed();
    struct vt *t = start();
    expect_text(t, "d day  c calendar  g trends  i insights");
    vt_send(t, "i");
    expect_text(t, "Insights: the last 90 days");
    expect_text(t, "not a cause");
    vt_send(t, "r");
    expect_text(t, "Insights: the last year");
    vt_send(t, "r");
    expect_text(t, "Insights: everything");
    vt_key(t, VTERM_KEY_END, VTERM_MOD_NONE);
    vt_key(t, VTERM_KEY_HOME, VTERM_MOD_NONE);
    expect_text(t, "line 1 of");
    vt_send(t, "g");
    expect_text(t, "Trends: month");
    vt_send(t, "i");
    expect_text(t, "Insights: everything");
    quit(t);
}
END_TEST

/* The wheel scrolls the insights three lines a turn, and the help when it
 * is longer than the screen, which a click then closes. */
START_TEST(test_wheel_scrolls_insights_and_help)
{
    seed();
    struct vt *t = start();
    vt_send(t, "i");
    expect_text(t, "line 1 of");
    ck_assert(vt_mouse_click(t, 10, 10, 5));
    expect_text(t, "line 4 of");
    ck_assert(vt_mouse_click(t, 10, 10, 5));
    expect_text(t, "line 7 of");
    ck_assert(vt_mouse_click(t, 10, 10, 4));
    expect_text(t, "line 4 of");
    vt_send(t, "g?");
    expect_text(t, "Keys of the trends screen");
    ck_assert(vt_mouse_click(t, 10, 10, 5));
    expect_text(t, "quit (everything is already saved)");
    ck_assert(vt_wait_no_text(t, "show or hide a field", WAIT_MS));
    ck_assert(vt_mouse_click(t, 10, 10, 4));
    expect_text(t, "show or hide a field");
    ck_assert(vt_mouse_click(t, 10, 10, 1));
    expect_text(t, "Trends: month");
    quit(t);
}
END_TEST

/* f and F reach fields of one's own: the field chosen last gives way to
 * the next (or previous) one offered, on its own scale, a hidden one
 * passed by; a third kind of scale is refused. */
START_TEST(test_own_fields_in_the_chart)
{
    static const char *const cmds[] = {
        "fields add headache --kind rating", "fields add old --kind rating",
        "fields add walk --kind minutes",    "fields add nap --kind yesno",
        "fields hide old",
        "add --date 2026-11-24 --set headache=6 --set walk=45 --set nap=yes",
        "add --date 2026-11-23 --set headache=2 --set walk=20 --set nap=no",
        "add --date 2026-11-23 --set nap=yes",
    };
    seed();
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        ck_assert_int_eq(ache_at(UITEST_NOW, NULL, 0, "%s", cmds[i]), 0);
    struct vt *t = start();
    vt_send(t, "g");
    expect_text(t, "Tue 24 Nov 2026: pain 5.0 fatigue 4.0");
    vt_send(t, "F"); /* fatigue gives way to the last field, nap */
    expect_text(t, "Tue 24 Nov 2026: pain 5.0 nap yes");
    expect_text(t, "Nap (right)");
    expect_text(t, "├100%");
    vt_send(t, "h");
    expect_text(t, "Mon 23 Nov 2026: pain 4.0 nap 50% yes");
    vt_send(t, "F");
    expect_text(t, "Mon 23 Nov 2026: pain 4.0 walk 20");
    expect_text(t, "Walk (right)");
    expect_text(t, "├60m");
    vt_send(t, "4"); /* sleep hours would be a third scale */
    expect_text(t, "A chart has two scales");
    vt_send(t, "F"); /* old is hidden: headache */
    expect_text(t, "Mon 23 Nov 2026: pain 4.0 headache 2.0");
    expect_text(t, "Headache");
    vt_send(t, "f");
    expect_text(t, "Mon 23 Nov 2026: pain 4.0 walk 20");
    vt_send(t, "?");
    expect_text(t, "swap the field chosen last");
    vt_send(t, " ");
    expect_text(t, "Mon 23 Nov 2026: pain 4.0 walk 20");
    quit(t);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("trends screen");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_trends_reached_from_every_screen);
    tcase_add_test(tc, test_cursor_reads_days_and_gaps);
    tcase_add_test(tc, test_terminal_cursor_on_the_cursor_column);
    tcase_add_test(tc, test_fields_and_ranges);
    tcase_add_test(tc, test_help_wraps_long_lines);
    tcase_add_test(tc, test_enter_opens_the_cursor_day);
    tcase_add_test(tc, test_trends_ascii_and_tiny);
    tcase_add_test(tc, test_no_color_marks_the_series);
    tcase_add_test(tc, test_insights_screen);
    tcase_add_test(tc, test_wheel_scrolls_insights_and_help);
    tcase_add_test(tc, test_own_fields_in_the_chart);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
