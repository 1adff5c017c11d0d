/* Screen tests of the check-in screen's quick keys: the morning check-in
 * in as few keys as the issue asks (counted), p copying the previous
 * check-in's regions and tags, / finding a body region by name, the tag
 * picker's order and keys, and T setting the time (with a second writer
 * changing the check-in under the screen). The real binary in a pty. */
#include "uitest.h"

#define MINUTE_BEFORE "2026-11-24T20:59"
#define EVENING "2026-11-24T21:00"
#define MINUTE_AFTER "2026-11-24T21:01"

/* ---- keys, counted ------------------------------------------------------ */

static int keys_sent;

/* Sends each character as a key of its own, and counts it. */
static void keys(struct vt *t, const char *text)
{
    for (const char *p = text; *p; p++) {
        char one[2] = {*p, '\0'};
        ck_assert(vt_send(t, one));
        keys_sent++;
    }
}

static void key(struct vt *t, VTermKey k)
{
    ck_assert(vt_key(t, k, VTERM_MOD_NONE));
    keys_sent++;
}

static void expect_gone(struct vt *t, const char *text)
{
    if (!vt_wait_no_text(t, text, WAIT_MS)) {
        vt_dump(t, stderr);
        ck_abort_msg("still on screen: %s", text);
    }
}

/* ---- the issue's targets ---------------------------------------------- */

/* Pain 6, fatigue 7, sleep 3, 5.5 h, neck and lower back, "stress", from
 * a diary whose last check-in has other regions and tags: 18 keys, the
 * tag picker left again. */
static void morning_in_18_keys(int cols, int rows)
{
    ACHE_OK("2026-11-23T08:10", "add --pain 4 --regions shoulder-r,hip-l "
                                "--tag walking,poor-sleep");
    struct vt *t = wait_checkin_screen(start_at_with(
        UITEST_NOW, "C.UTF-8", "xterm-256color", false, cols, rows));
    keys_sent = 0;
    keys(t, "673");            /* pain, fatigue, sleep quality: the digits
                                  flow from field to field */
    keys(t, "j5.5");           /* sleep hours */
    keys(t, "b ");             /* the body map's cursor starts on the neck */
    keys(t, "/lo");            /* find: lower back */
    key(t, VTERM_KEY_ENTER);
    keys(t, "#st ");           /* stress, ticked */
    key(t, VTERM_KEY_ESCAPE);
    expect_text(t, "Tags   stress");
    ck_assert_int_eq(keys_sent, 18);
    quit(t);
    expect_export("2-13", "2026-11-23,08:10,4,,,,,,,,shoulder-r;hip-l,"
                          "poor-sleep;walking\n"
                          "2026-11-24,09:00,6,7,3,5.5,,,,,neck;lower-back,"
                          "stress\n");
}

START_TEST(test_morning_checkin_in_18_keys)
{
    morning_in_18_keys(80, 24);
}
END_TEST

START_TEST(test_morning_checkin_in_18_keys_larger)
{
    morning_in_18_keys(120, 40);
}
END_TEST

/* The same morning when yesterday's regions and tags are those of today:
 * p reuses them, 8 keys in all. */
START_TEST(test_morning_checkin_reusing_yesterday_in_8_keys)
{
    ACHE_OK("2026-11-23T08:10", "add --pain 5 --fatigue 5 "
                                "--regions neck,lower-back --tag stress "
                                "--note 'slept badly'");
    struct vt *t = start();
    keys_sent = 0;
    keys(t, "673j5.5p");
    expect_text(t, "Copied 2 regions, 1 tag from Mon 23 Nov 08:10 (u takes "
                   "it back).");
    ck_assert_int_eq(keys_sent, 8);
    ck_assert_int_le(keys_sent, 10);
    quit(t);
    /* never the values or the note of the check-in copied from */
    expect_export("2-14", "2026-11-23,08:10,5,5,,,,,,,neck;lower-back,"
                          "stress,slept badly\n"
                          "2026-11-24,09:00,6,7,3,5.5,,,,,neck;lower-back,"
                          "stress,\n");
}
END_TEST

/* ---- p: the previous check-in ------------------------------------------ */

START_TEST(test_copy_from_the_latest_before_and_undo)
{
    ACHE_OK("2026-11-22T10:00", "add --pain 2 --tag magnesium");
    ACHE_OK("2026-11-23T20:00", "add --pain 3 --tag heat --regions chest");
    ACHE_OK("2026-11-23T08:00", "add --time 08:00 --pain 3 --tag yoga");
    ACHE_OK(UITEST_NOW, "add --time 07:00 --pain 4 --regions neck "
                        "--tag walking");
    struct vt *t = start();
    keys(t, "a");              /* another check-in, after the 07:00 one */
    expect_text(t, "check-in 2 of 2");
    keys(t, "p");
    expect_text(t, "Copied 1 region, 1 tag from Tue 24 Nov 07:00");
    keys(t, "p");
    expect_text(t, "Nothing to copy: the regions and tags of Tue 24 Nov "
                   "07:00 are here already.");
    keys(t, "<");              /* the 07:00 one: its previous is yesterday's
                                  latest, at 20:00 */
    expect_text(t, "check-in 1 of 2");
    keys(t, "p");
    expect_text(t, "Copied 1 region, 1 tag from Mon 23 Nov 20:00");
    expect_export("2,3,4,12,13", "2026-11-22,10:00,2,,magnesium\n"
                                 "2026-11-23,08:00,3,,yoga\n"
                                 "2026-11-23,20:00,3,chest,heat\n"
                                 "2026-11-24,07:00,4,neck;chest,heat;walking\n"
                                 "2026-11-24,09:00,,neck,walking\n");
    keys(t, "u");
    expect_text(t, "Undone:");
    quit(t);
    expect_export("2,3,4,12,13", "2026-11-22,10:00,2,,magnesium\n"
                                 "2026-11-23,08:00,3,,yoga\n"
                                 "2026-11-23,20:00,3,chest,heat\n"
                                 "2026-11-24,07:00,4,neck,walking\n"
                                 "2026-11-24,09:00,,neck,walking\n");
}
END_TEST

START_TEST(test_copy_with_nothing_before)
{
    struct vt *t = start();
    keys(t, "p");
    expect_text(t, "No earlier check-in to copy regions and tags from.");
    quit(t);
    expect_export("1-", "");
}
END_TEST

/* ---- / on the body map ----------------------------------------------------- */

START_TEST(test_find_a_region_by_name)
{
    struct vt *t = start();
    keys(t, "/");              /* from a field: to the body map */
    expect_text(t, "Find a region: type its name (Enter ticks, Esc stops)");
    keys(t, "ne");
    expect_text(t, "Find: ne_  neck (Enter ticks it)");
    keys(t, "z");              /* no name holds it: not taken */
    expect_text(t, "Find: no region's name holds 'nez' (Backspace "
                   "erases).");
    key(t, VTERM_KEY_BACKSPACE);
    expect_text(t, "Find: n_  neck");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Ticked: neck.");
    keys(t, "/shou");          /* no name begins so: one that holds it */
    expect_text(t, "Find: shou_  left shoulder");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Ticked: left shoulder.");
    keys(t, "/up");
    expect_text(t, "Find: up_  upper back");
    expect_text(t, "▸ upper back");
    /* a pause ends it: j is the map's key again */
    ck_assert(vt_wait_no_text(t, "Find:", WAIT_MS));
    keys(t, "j");
    expect_text(t, "▸ lower back");
    keys(t, "/ch");
    expect_text(t, "▸ chest");
    key(t, VTERM_KEY_UP);      /* an arrow ends it, and moves */
    expect_gone(t, "Find:");
    expect_gone(t, "▸ chest");
    keys(t, "/abd");
    key(t, VTERM_KEY_ESCAPE);  /* Esc ends it, nothing ticked */
    expect_gone(t, "Find:");
    quit(t);
    expect_export("12", "shoulder-l;neck\n");
}
END_TEST

/* ---- the tag picker ------------------------------------------------------------ */

/* The row a text is on (-1 when it is not on screen). */
static int row_with(struct vt *t, const char *text)
{
    int row, col;
    return vt_find(t, text, &row, &col) ? row : -1;
}

START_TEST(test_tag_picker_order_and_keys)
{
    ACHE_OK("2026-11-20T10:00", "tags --add jogging --kind treatment");
    ACHE_OK("2026-11-22T10:00", "add --pain 2 --tag magnesium");
    ACHE_OK("2026-11-23T10:00", "add --pain 3 --tag stress,heat");
    struct vt *t = start();
    keys(t, "#");
    expect_text(t, "j/k move, / filter, Space tick, Esc done");
    /* the recent ones first, the latest check-in's first, then the rest */
    int heat = row_with(t, "] heat"), stress = row_with(t, "] stress"),
        magnesium = row_with(t, "] magnesium"),
        alcohol = row_with(t, "] alcohol");
    ck_assert_int_ge(heat, 0);
    ck_assert_int_eq(stress, heat + 1);
    ck_assert_int_eq(magnesium, heat + 2);
    ck_assert_int_eq(alcohol, heat + 3);
    keys(t, "jjk ");           /* j, j, k: the second row, stress */
    expect_in_row(t, "] stress", "[x]", true);
    key(t, VTERM_KEY_ESCAPE);  /* one Esc leaves */
    expect_text(t, "Tags   stress");
    keys(t, "#");              /* the ticked one first now */
    expect_text(t, "Filter:");
    ck_assert_int_eq(row_with(t, "] stress"), row_with(t, "] heat") - 1);
    keys(t, "/jo");            /* after /, j is a letter */
    expect_text(t, "Filter: jo");
    expect_text(t, "[ ] jogging");
    keys(t, " ");
    expect_text(t, "[x] jogging");
    key(t, VTERM_KEY_ESCAPE);  /* one Esc, with a filter too */
    expect_gone(t, "Filter:");
    keys(t, "#ma");            /* a letter that is not a move filters */
    expect_text(t, "Filter: ma");
    ck_assert_int_eq(row_with(t, "] magnesium"), row_with(t, "Filter:") + 2);
    key(t, VTERM_KEY_BACKSPACE);
    key(t, VTERM_KEY_BACKSPACE);
    key(t, VTERM_KEY_BACKSPACE); /* past the empty filter: j moves again */
    expect_text(t, "j/k move, / filter");
    keys(t, "jjj ");           /* stress, jogging, heat, magnesium */
    expect_in_row(t, "] magnesium", "[x]", true);
    key(t, VTERM_KEY_ESCAPE);
    expect_gone(t, "Filter:");
    quit(t);
    expect_export("2,13", "2026-11-22,magnesium\n2026-11-23,heat;stress\n"
                          "2026-11-24,jogging;magnesium;stress\n");
}
END_TEST

/* ---- T: the time ----------------------------------------------------------------- */

START_TEST(test_time_set_forgivingly_and_refused_when_no_time)
{
    struct vt *t = start();
    keys(t, "T");
    expect_text(t, "Time of this check-in: _  (Enter sets, Esc cancels)");
    keys(t, "8");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Time: 08:00, stored with the first value you set.");
    expect_text(t, "check-in 1 of 1 · 08:00");
    keys(t, "5");
    expect_text(t, "✓ saved");
    expect_export("3,4", "08:00,5\n");
    keys(t, "T25:00");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Time: '25:00' is not a time of day (00:00 to 23:59); "
                   "the time is kept.");
    keys(t, "T8:3");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Time: '8:3' is not a time of day");
    keys(t, "T7x");
    key(t, VTERM_KEY_BACKSPACE);
    key(t, VTERM_KEY_ESCAPE);
    expect_text(t, "Time unchanged.");
    expect_export("3,4", "08:00,5\n");
    keys(t, "T2015");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Time: 20:15.");
    expect_text(t, "check-in 1 of 1 · 20:15");
    expect_export("3,4", "20:15,5\n");
    keys(t, "u");              /* a step like any other */
    expect_text(t, "Undone:");
    expect_text(t, "check-in 1 of 1 · 08:00");
    quit(t);
    expect_export("3,4", "08:00,5\n");
}
END_TEST

/* A day filled in later: its check-in has no time until T gives it one,
 * and the header shows it. */
START_TEST(test_time_of_a_past_day)
{
    struct vt *t = start();
    keys(t, "[3");
    expect_text(t, "Monday 23 November 2026 (yesterday) · check-in 1 of 1");
    expect_export("2,3,4", "2026-11-23,,3\n");
    keys(t, "T7h30");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Time: 07:30.");
    expect_text(t, "(yesterday) · check-in 1 of 1 · 07:30");
    keys(t, "T830");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "(yesterday) · check-in 1 of 1 · 08:30");
    quit(t);
    expect_export("2,3,4", "2026-11-23,08:30,3\n");
}
END_TEST

/* ache edit changes the check-in while the screen shows it: the time set
 * on the screen states the revision it read, is refused, and is put on
 * top of the other change; both stay. */
START_TEST(test_time_set_over_a_change_made_elsewhere)
{
    char id[33];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    expect_text(t, "· 20:59");
    ACHE_OK(MINUTE_AFTER, "edit %s --mood 3", id);
    keys(t, "T19.30");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Changed elsewhere: reloaded, with your change saved on "
                   "top.");
    expect_in_row(t, "Mood", " 3 ", true);
    expect_text(t, "· 19:30");
    quit(t);
    expect_export("3,4,10", "19:30,4,3\n");
}
END_TEST

/* p and a region found, over a change made elsewhere: each states the
 * revision it read, is refused, and is put on top; both changes stay. */
START_TEST(test_copy_and_find_over_a_change_made_elsewhere)
{
    char id[33];
    ACHE_OK("2026-11-23T08:00", "add --pain 3 --regions chest --tag heat");
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    expect_text(t, "· 20:59");
    ACHE_OK(MINUTE_AFTER, "edit %s --mood 3 --tag yoga", id);
    keys(t, "p");
    expect_text(t, "Changed elsewhere: reloaded, with your change saved on "
                   "top.");
    expect_export("3,4,10,12,13", "08:00,3,,chest,heat\n"
                                  "20:59,4,3,chest,heat;yoga\n");
    ACHE_OK("2026-11-24T21:02", "edit %s --fatigue 2", id);
    keys(t, "/ne");
    key(t, VTERM_KEY_ENTER);
    expect_text(t, "Changed elsewhere: reloaded, with your change saved on "
                   "top.");
    quit(t);
    expect_export("3,4,5,10,12,13", "08:00,3,,,chest,heat\n"
                                    "20:59,4,2,3,neck;chest,heat;yoga\n");
}
END_TEST

/* ---- where the cursor is, and the status line ---------------------------- */

/* Waits until the terminal's cursor is on the row of `label`. */
static void expect_cursor_on(struct vt *t, const char *label)
{
    for (int waited = 0; waited < WAIT_MS; waited += 20) {
        int row, col;
        if (vt_find(t, label, &row, &col) && vt_cursor_visible(t) &&
            vt_cursor_row(t) == row)
            return;
        vt_pump(t, 20);
    }
    vt_dump(t, stderr);
    ck_abort_msg("the cursor is not on the row of %s", label);
}

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

static void expect_status(struct vt *t, const char *has, const char *lacks)
{
    expect_text(t, has);
    char *last = vt_row_text(t, 23);
    ck_assert_ptr_nonnull(strstr(last, has));
    ck_assert_msg(strstr(last, lacks) == NULL, "status line has %s: %s",
                  lacks, last);
    free(last);
}

START_TEST(test_cursor_on_the_focus_and_its_keys_below)
{
    struct vt *t = start();
    expect_cursor_on(t, "Pain");
    expect_status(t, "h/l value", "Space mark");
    keys(t, "j");
    expect_cursor_on(t, "Fatigue");
    keys(t, "b");              /* the body map: its keys only */
    expect_status(t, "Space mark", "h/l value");
    expect_status(t, "/ find", "0-9 set");
    int neck = vt_cursor_row(t);
    keys(t, "j");              /* neck down: the chest, lower */
    expect_text(t, "▸ chest");
    ck_assert_int_gt(vt_cursor_row(t), neck);
    key(t, VTERM_KEY_TAB);     /* the tags: nothing for x to clear */
    expect_cursor_on(t, "Tags");
    expect_status(t, "Enter choose tags", "x clear");
    key(t, VTERM_KEY_TAB);
    expect_cursor_on(t, "Note");
    expect_status(t, "Enter write", "x clear");
    keys(t, "T12");            /* the prompt: after what is typed */
    expect_text(t, "Time of this check-in: 12_");
    expect_cursor_at(t, 22, 1 + 23 + 2);
    key(t, VTERM_KEY_ESCAPE);
    keys(t, "/ne");
    expect_text(t, "Find: ne_");
    expect_cursor_at(t, 22, 1 + 6 + 2);
    key(t, VTERM_KEY_ESCAPE);
    quit(t);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("checkin_quick");
    TCase *tc = tcase_create("quick");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_morning_checkin_in_18_keys);
    tcase_add_test(tc, test_morning_checkin_in_18_keys_larger);
    tcase_add_test(tc, test_morning_checkin_reusing_yesterday_in_8_keys);
    tcase_add_test(tc, test_copy_from_the_latest_before_and_undo);
    tcase_add_test(tc, test_copy_with_nothing_before);
    tcase_add_test(tc, test_find_a_region_by_name);
    tcase_add_test(tc, test_tag_picker_order_and_keys);
    tcase_add_test(tc, test_time_set_forgivingly_and_refused_when_no_time);
    tcase_add_test(tc, test_time_of_a_past_day);
    tcase_add_test(tc, test_time_set_over_a_change_made_elsewhere);
    tcase_add_test(tc, test_copy_and_find_over_a_change_made_elsewhere);
    tcase_add_test(tc, test_cursor_on_the_focus_and_its_keys_below);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
