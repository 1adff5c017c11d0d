/* The calendar screen as a person uses it: open it, move, change month,
 * open a day, edit it, come back to the same day. */
#include "uitest.h"

/* A few check-ins in November 2026, added with the command line. */
static void seed(void)
{
    static const char *const adds[] = {
        "--date 2026-11-02 --pain 0",
        "--date 2026-11-03 --pain 2 --note first",
        "--date 2026-11-10 --pain 8 --tag stress",
        "--date 2026-10-15 --pain 4",
    };
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd,
                 "ACHE_DB='%s' ACHE_NOW=2026-11-24T09:00 '%s' add %s >/dev/null",
                 db, ache_bin(), adds[i]);
        ck_assert_int_eq(system(cmd), 0);
    }
}

static struct vt *open_calendar(void)
{
    seed();
    struct vt *t = start();
    vt_send(t, "c");
    expect_text(t, "Calendar: Pain");
    expect_text(t, "November 2026");
    return t;
}

START_TEST(test_calendar_shows_month_and_selected_day)
{
    struct vt *t = open_calendar();
    expect_text(t, "Tuesday 24 November 2026");
    expect_text(t, "No check-in. Enter fills it in.");
    expect_text(t, " 2░░  3▒▒✎");
    expect_text(t, "10██");
    /* the selected day is in reverse video */
    int row, col;
    ck_assert(vt_find(t, "48  23", &row, &col));
    struct vt_cell_info c;
    ck_assert(vt_cell(t, row, col + 9, &c)); /* the "2" of 24 */
    ck_assert_uint_eq(c.cp, '2');
    ck_assert(c.reverse);
    ck_assert(vt_cell(t, row, col + 4, &c)); /* 23: not selected */
    ck_assert(!c.reverse);
    quit(t);
}
END_TEST

/* Waits until the terminal's cursor is visible at row, col. */
static void expect_cursor_at(struct vt *t, int row, int col)
{
    for (int waited = 0; waited < WAIT_MS; waited += 20) {
        if (vt_cursor_visible(t) && vt_cursor_row(t) == row &&
            vt_cursor_col(t) == col)
            return;
        vt_pump(t, 20);
    }
    vt_dump(t, stderr);
    ck_abort_msg("the cursor is at %d,%d, not %d,%d", vt_cursor_row(t),
                 vt_cursor_col(t), row, col);
}

/* Screen readers follow the terminal's cursor: it sits on the selected
 * day's number, and follows it to another week and month. */
START_TEST(test_cursor_on_the_selected_day)
{
    struct vt *t = open_calendar();
    int row, col;
    ck_assert(vt_find(t, "48  23", &row, &col));
    expect_cursor_at(t, row, col + 9); /* the "2" of 24 */
    vt_send(t, "h");                   /* the 23rd */
    expect_text(t, "Monday 23 November 2026");
    expect_cursor_at(t, row, col + 4);
    vt_send(t, "k"); /* the 16th, a row up */
    expect_text(t, "Monday 16 November 2026");
    expect_cursor_at(t, row - 1, col + 4);
    vt_key(t, VTERM_KEY_PAGEUP, VTERM_MOD_NONE); /* 16 October: a Friday */
    expect_text(t, "Friday 16 October 2026");
    int orow, ocol;
    ck_assert(vt_find(t, "42  12", &orow, &ocol));
    expect_cursor_at(t, orow, ocol + 4 * 5 + 4); /* Fr: the fifth cell */
    quit(t);
}
END_TEST

/* With three months side by side, the cursor is in the middle one. */
START_TEST(test_cursor_in_the_middle_month_when_wide)
{
    seed();
    struct vt *t = wait_checkin_screen(start_at_with(
        UITEST_NOW, "C.UTF-8", "xterm-256color", false, 132, 30));
    vt_send(t, "c");
    expect_text(t, "December 2026");
    int row, col;
    ck_assert(vt_find(t, "48  23", &row, &col));
    expect_cursor_at(t, row, col + 9);
    ck_assert_int_gt(col, 40); /* November, not October */
    quit(t);
}
END_TEST

START_TEST(test_move_by_day_week_and_month)
{
    struct vt *t = open_calendar();
    vt_send(t, "k");           /* a week back: the 17th */
    expect_text(t, "Tuesday 17 November 2026");
    vt_send(t, "kh");          /* the 9th */
    expect_text(t, "Monday 9 November 2026");
    vt_key(t, VTERM_KEY_RIGHT, VTERM_MOD_NONE);
    expect_text(t, "Tuesday 10 November 2026");
    expect_text(t, "tags: stress");
    vt_key(t, VTERM_KEY_PAGEUP, VTERM_MOD_NONE);
    expect_text(t, "October 2026");
    expect_text(t, "Saturday 10 October 2026");
    vt_send(t, "<");
    expect_text(t, "September 2026");
    vt_send(t, "t");
    expect_text(t, "Tuesday 24 November 2026");
    vt_send(t, "l");           /* tomorrow is the future */
    expect_text(t, "That is in the future.");
    quit(t);
}
END_TEST

START_TEST(test_goto_a_typed_date)
{
    struct vt *t = open_calendar();
    vt_send(t, "/");
    expect_text(t, "Go to");
    vt_send(t, "2026-10-15\r");
    expect_text(t, "Thursday 15 October 2026");
    expect_text(t, "pain 4");
    vt_send(t, "/2026-13-01\r");
    expect_text(t, "'2026-13-01' is not a date");
    vt_send(t, "/2025-02\r");
    expect_text(t, "Friday 28 February 2025");
    quit(t);
}
END_TEST

START_TEST(test_open_edit_and_come_back)
{
    struct vt *t = open_calendar();
    vt_send(t, "kkh");         /* Monday the 9th: nothing recorded */
    expect_text(t, "Monday 9 November 2026");
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
    expect_text(t, "Monday 9 November 2026 (15 days ago)");
    expect_text(t, "new: nothing recorded yet");
    vt_send(t, "6");
    expect_text(t, "✓ saved");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    expect_text(t, "Calendar: Pain");
    expect_text(t, "Monday 9 November 2026");
    expect_text(t, "pain 6");
    expect_text(t, " 9▓▓");
    quit(t);
    expect_export("2,4", "2026-10-15,4\n2026-11-02,0\n2026-11-03,2\n"
                         "2026-11-09,6\n2026-11-10,8\n");
}
END_TEST

START_TEST(test_field_switch_and_click)
{
    struct vt *t = open_calendar();
    vt_send(t, "f");
    expect_text(t, "Calendar: Fatigue");
    expect_text(t, "Fatigue: ");
    vt_send(t, "f");
    expect_text(t, "Calendar: Sleep quality");
    int row, col;
    ck_assert(vt_find(t, " 3", &row, &col));
    ck_assert(vt_mouse_click(t, row, col + 1, 1));
    expect_text(t, "Tuesday 3 November 2026");
    expect_text(t, "first");
    quit(t);
}
END_TEST

START_TEST(test_calendar_ascii)
{
    seed();
    struct vt *t = start_with("C", "vt100", false, 80, 24);
    expect_text(t, "Sleep quality");
    vt_send(t, "c");
    expect_text(t, "November 2026");
    expect_text(t, " 2..  3::\"");
    ck_assert(vt_screen_is_ascii(t));
    quit(t);
}
END_TEST

START_TEST(test_three_months_when_wide)
{
    seed();
    struct vt *t = start_with("C.UTF-8", "xterm-256color", false, 130, 30);
    expect_text(t, "Sleep quality");
    vt_send(t, "c");
    expect_text(t, "October 2026");
    expect_text(t, "November 2026");
    expect_text(t, "December 2026");
    quit(t);
}
END_TEST

/* Fields of one's own shade the month as the built-in ones do: f and F go
 * through every field the screens offer, own ones after the built-in
 * ones, and pass a hidden one by. */
static void seed_own_fields(void)
{
    static const char *const cmds[] = {
        "fields add headache --kind rating",
        "fields add old --kind rating",
        "fields add naps --kind count",
        "add --date 2026-11-02 --set headache=0 --set old=5",
        "add --date 2026-11-03 --set headache=2 --set naps=1",
        "add --date 2026-11-10 --set headache=8 --set naps=4 --pain 3",
        "fields hide old",
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        ck_assert_int_eq(ache_at(UITEST_NOW, NULL, 0, "%s", cmds[i]), 0);
}

START_TEST(test_own_fields_shade_the_month)
{
    static const char *const titles[] = {
        "Pain", "Fatigue",  "Sleep quality", "Sleep hours", "Stiffness",
        "Brain fog", "Mood", "Activity", "Headache", "Naps"};
    seed_own_fields();
    struct vt *t = start();
    vt_send(t, "c");
    expect_text(t, "Calendar: Pain");
    vt_send(t, "FF"); /* back past naps and the hidden old to headache */
    expect_text(t, "Calendar: Headache");
    expect_text(t, "Headache: ░░ 0  ▒▒ 1-3  ▓▓ 4-6  ██ 7-10");
    expect_text(t, " 2░░  3▒▒");
    expect_text(t, "10██");
    vt_send(t, "f");
    expect_text(t, "Calendar: Naps");
    expect_text(t, "Naps: ░░ 0  ▒▒ 1  ▓▓ 2-3  ██ 4-5");
    expect_text(t, " 2··  3▒▒");
    expect_text(t, "10██");
    vt_send(t, "/2026-11-10\r");
    expect_text(t, "Tuesday 10 November 2026");
    expect_text(t, "pain 3 headache 8 naps 4");
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        char title[64];
        snprintf(title, sizeof title, "Calendar: %s ", titles[i]);
        vt_send(t, "f");
        expect_text(t, title);
    }
    vt_send(t, "?");
    expect_text(t, "show the next / previous field");
    vt_send(t, " "); /* any key leaves the help */
    expect_text(t, "Calendar: Naps");
    quit(t);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("calendar screen");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_calendar_shows_month_and_selected_day);
    tcase_add_test(tc, test_cursor_on_the_selected_day);
    tcase_add_test(tc, test_cursor_in_the_middle_month_when_wide);
    tcase_add_test(tc, test_move_by_day_week_and_month);
    tcase_add_test(tc, test_goto_a_typed_date);
    tcase_add_test(tc, test_open_edit_and_come_back);
    tcase_add_test(tc, test_field_switch_and_click);
    tcase_add_test(tc, test_calendar_ascii);
    tcase_add_test(tc, test_three_months_when_wide);
    tcase_add_test(tc, test_own_fields_shade_the_month);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
