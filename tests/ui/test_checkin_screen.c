/* The check-in screen as a person uses it: the real ache binary in a
 * pseudo-terminal, keys sent, the screen read back through libvterm, and
 * what was stored read back with `ache export`. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "uitest.h"

START_TEST(test_whole_checkin_by_keyboard)
{
    struct vt *t = start();
    expect_text(t, "new: nothing recorded yet");
    vt_send(t, "6");           /* pain */
    expect_text(t, "moderate");
    vt_send(t, "j7");          /* fatigue */
    vt_key(t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
    vt_send(t, "3");           /* sleep quality */
    vt_send(t, "j7");          /* sleep hours: 7 */
    vt_send(t, "l");           /* 7.25 */
    vt_send(t, "j4j2j5j8");    /* stiffness, fog, mood, activity */
    expect_text(t, "saved");
    expect_text(t, "7.25");
    quit(t);
    expect_export("4-11", "6,7,3,7.25,4,2,5,8\n");
}
END_TEST

START_TEST(test_slider_keys)
{
    struct vt *t = start();
    vt_send(t, "5");
    vt_key(t, VTERM_KEY_RIGHT, VTERM_MOD_NONE); /* 6 */
    vt_send(t, "l");                             /* 7 */
    vt_key(t, VTERM_KEY_LEFT, VTERM_MOD_NONE);  /* 6 */
    vt_send(t, "h");                             /* 5 */
    expect_text(t, "saved");
    vt_send(t, "j10");                           /* fatigue 10 */
    expect_text(t, "severe");
    vt_send(t, "j9x");                           /* sleep: 9, then absent */
    vt_send(t, "j1");
    vt_send(t, "2");                             /* sleep hours 12 */
    vt_send(t, "j3");
    vt_key(t, VTERM_KEY_DEL, VTERM_MOD_NONE);    /* stiffness absent */
    vt_send(t, "j0");                            /* fog 0, not absent */
    vt_send(t, "k");
    expect_text(t, "not given");
    quit(t);
    expect_export("4-11", "5,10,,12,,0,,\n");
}
END_TEST

START_TEST(test_absent_looks_different_from_zero)
{
    struct vt *t = start();
    vt_send(t, "0");
    expect_text(t, "✓ saved");
    int row, col;
    /* the band's word is on the row under the label */
    ck_assert(vt_find(t, "Fatigue", &row, &col));
    char *fatigue = vt_row_text(t, row), *fatigue_band = vt_row_text(t, row + 1);
    ck_assert_ptr_nonnull(strstr(fatigue_band, "not given"));
    ck_assert_ptr_nonnull(strstr(fatigue, "–"));
    ck_assert_ptr_nonnull(strstr(fatigue, "┈┈┈"));
    ck_assert(vt_find(t, "Pain", &row, &col));
    char *pain = vt_row_text(t, row), *pain_band = vt_row_text(t, row + 1);
    ck_assert_ptr_null(strstr(pain_band, "not given"));
    ck_assert_ptr_nonnull(strstr(pain_band, "none"));
    ck_assert_ptr_nonnull(strstr(pain, " 0 "));
    ck_assert_ptr_nonnull(strstr(pain, "●"));
    free(fatigue);
    free(fatigue_band);
    free(pain);
    free(pain_band);
    quit(t);
}
END_TEST

START_TEST(test_regions_toggle)
{
    struct vt *t = start();
    vt_send(t, "b");          /* the body map, cursor on the neck */
    expect_text(t, "neck");
    vt_send(t, " ");
    expect_text(t, "1 of 19 regions");
    vt_key(t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
    vt_send(t, " ");
    expect_text(t, "2 of 19 regions");
    vt_send(t, " ");          /* untick again */
    expect_text(t, "1 of 19 regions");
    quit(t);
    expect_export("12", "neck\n");
}
END_TEST

START_TEST(test_note_with_cjk_and_emoji)
{
    struct vt *t = start();
    vt_send(t, "n");
    expect_text(t, "Esc done");
    vt_send(t, "痛い day 😀");
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
    vt_send(t, "line two");
    vt_key(t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
    vt_key(t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
    vt_send(t, "ext");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    expect_text(t, "痛い day 😀");
    expect_text(t, "line text");
    quit(t);
    char *all = export_rows("1-");
    ck_assert_ptr_nonnull(strstr(all, ",\"痛い day 😀\nline text\","));
    free(all);
}
END_TEST

START_TEST(test_tags_filter_toggle_and_create)
{
    struct vt *t = start();
    vt_send(t, "#");
    expect_text(t, "Filter:");
    vt_send(t, "magn");
    expect_text(t, "magnesium");
    vt_send(t, " ");          /* tick it */
    expect_text(t, "[x]");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE); /* one Esc leaves */
    expect_text(t, "Tags   ");
    vt_send(t, "#gardening");
    expect_text(t, "+ new tag \"gardening\"");
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
    /* every choice whole in the panel, at 80 columns */
    expect_text(t, "Kind of the new tag? (Esc: cancel)");
    expect_text(t, "t trigger  r treatment  o other");
    vt_send(t, "t");
    expect_text(t, "New trigger tag: gardening");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    expect_text(t, "gardening, magnesium");
    quit(t);
    expect_export("13", "gardening;magnesium\n");
}
END_TEST

/* A check-in holds at most 100 tags: ticking a 101st, or creating one,
 * is refused on the status line, and the check-in keeps its 100. */
START_TEST(test_tag_picker_keeps_at_most_100_tags)
{
    char tags[1024] = "";
    for (int i = 1; i <= 100; i++)
        snprintf(tags + strlen(tags), sizeof tags - strlen(tags), "%st%d",
                 i > 1 ? "," : "", i);
    ck_assert_int_eq(ache_at(UITEST_NOW, NULL, 0, "add --pain 4 --tag %s",
                             tags),
                     0);
    struct vt *t = start();
    vt_send(t, "#");
    expect_text(t, "Filter:");
    vt_send(t, "magn");
    expect_text(t, "magnesium");
    vt_send(t, " ");
    expect_text(t, "A check-in holds at most 100 tags: untick one to make "
                   "room.");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE); /* one Esc leaves */
    expect_text(t, "Tags   ");
    vt_send(t, "#gardening");
    expect_text(t, "+ new tag \"gardening\"");
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
    expect_text(t, "A check-in holds at most 100 tags");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE); /* one Esc leaves */
    quit(t);
    char *all = export_rows("13");
    size_t seps = 0;
    for (const char *p = all; *p; p++)
        seps += *p == ';';
    ck_assert_uint_eq(seps, 99);
    ck_assert_ptr_null(strstr(all, "magnesium"));
    ck_assert_ptr_null(strstr(all, "gardening"));
    free(all);
    char out[4096];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "tags"), 0);
    ck_assert_ptr_null(strstr(out, "gardening"));
}
END_TEST

START_TEST(test_days_and_second_checkin)
{
    struct vt *t = start();
    vt_send(t, "4");
    vt_send(t, "[");
    expect_text(t, "Monday 23 November 2026 (yesterday)");
    vt_send(t, "3");
    vt_send(t, "]]");         /* the second ] would be the future */
    expect_text(t, "The future cannot be filled in yet.");
    vt_send(t, "a2");         /* a second check-in today */
    expect_text(t, "check-in 2 of 2");
    quit(t);
    expect_export("2,4", "2026-11-23,3\n2026-11-24,4\n2026-11-24,2\n");
}
END_TEST

START_TEST(test_resize_to_tiny_and_back)
{
    struct vt *t = start();
    vt_resize(t, 30, 6);
    expect_text(t, "terminal too small");
    expect_text(t, "need 80x24");
    vt_resize(t, 1, 1);
    vt_wait_idle(t, 100, WAIT_MS);
    vt_resize(t, 5, 2);
    expect_text(t, "too s");
    vt_resize(t, 100, 30);
    expect_text(t, "Sleep quality");
    vt_send(t, "7");
    expect_text(t, "✓ saved");
    quit(t);
    expect_export("4", "7\n");
}
END_TEST

START_TEST(test_no_color)
{
    struct vt *t = start_with("C.UTF-8", "xterm-256color", true, 80, 24);
    expect_text(t, "Sleep quality");
    vt_send(t, "8");
    expect_text(t, "✓ saved");
    for (int row = 0; row < 24; row++)
        for (int col = 0; col < 80; col++) {
            struct vt_cell_info c;
            ck_assert(vt_cell(t, row, col, &c));
            ck_assert_msg(c.fg_default && c.bg_default,
                          "colour at row %d col %d", row, col);
        }
    quit(t);
}
END_TEST

START_TEST(test_colour_by_default)
{
    struct vt *t = start();
    vt_send(t, "8");
    expect_text(t, "✓ saved");
    int row, col;
    ck_assert(vt_find(t, "Pain", &row, &col));
    struct vt_cell_info c;
    ck_assert(vt_cell(t, row + 1, 4, &c)); /* the band's word: "severe" */
    ck_assert_uint_eq(c.cp, 's');
    ck_assert(!c.fg_default);
    ck_assert_int_eq(c.fg_index, 167);
    quit(t);
}
END_TEST

START_TEST(test_ascii_on_vt100)
{
    struct vt *t = start_with("C", "vt100", false, 80, 24);
    expect_text(t, "Sleep quality");
    vt_send(t, "5b ");
    expect_text(t, "1 of 19 regions - 1 of 5 groups");
    ck_assert(vt_screen_is_ascii(t));
    quit(t);
}
END_TEST

START_TEST(test_kill_9_right_after_a_change)
{
    struct vt *t = start();
    vt_send(t, "9j3");
    expect_text(t, "saved");
    ck_assert(vt_wait_text(t, "mild", WAIT_MS));
    vt_kill(t, SIGKILL);
    int status;
    ck_assert(vt_wait_exit(t, WAIT_MS, &status));
    ck_assert(WIFSIGNALED(status));
    vt_free(t);
    expect_export("4-5", "9,3\n");
}
END_TEST

START_TEST(test_busy_diary_keeps_and_retries_the_change)
{
    struct vt *t = start();
    vt_send(t, "5");
    expect_text(t, "✓ saved");
    /* another program takes the write lock and keeps it a while */
    sqlite3 *other;
    ck_assert_int_eq(sqlite3_open(db, &other), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", 0, 0, 0),
                     SQLITE_OK);
    vt_send(t, "l");          /* pain 6 (a digit now would be fatigue's) */
    expect_text(t, "not saved yet: retrying");
    expect_text(t, "your change is kept and will be saved");
    ck_assert_int_eq(sqlite3_exec(other, "COMMIT", 0, 0, 0), SQLITE_OK);
    sqlite3_close(other);
    expect_text(t, "✓ saved");
    expect_text(t, "Saved.");
    quit(t);
    expect_export("4", "6\n");
}
END_TEST

START_TEST(test_ctrl_c_quits_and_keeps_everything)
{
    struct vt *t = start();
    vt_send(t, "3j4");
    expect_text(t, "✓ saved");
    vt_send(t, "\x03");
    int status;
    ck_assert(vt_wait_exit(t, WAIT_MS, &status));
    vt_free(t);
    expect_export("4-5", "3,4\n");
}
END_TEST

START_TEST(test_help_from_the_key_table)
{
    struct vt *t = start();
    vt_send(t, "?");
    expect_text(t, "Keys of the check-in screen");
    expect_text(t, "start another check-in on this day");
    expect_text(t, "j/k or arrows: more keys");
    vt_send(t, "jjjjjjjjjjjjjjjjjjjjjjjj"); /* the rest, at 80x24 */
    expect_text(t, "quit (everything is already saved)");
    expect_text(t, "Every change is saved the moment you make it.");
    vt_send(t, "x");
    expect_text(t, "Sleep quality");
    quit(t);
}
END_TEST

START_TEST(test_dumb_terminal_is_refused)
{
    struct vt *t = start_with("C.UTF-8", "dumb", false, 80, 24);
    int status;
    ck_assert(vt_wait_exit(t, WAIT_MS, &status));
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 1);
    expect_text(t, "cannot move the cursor");
    vt_free(t);
}
END_TEST

START_TEST(test_mouse_click_sets_and_toggles)
{
    struct vt *t = start();
    int row, col;
    ck_assert(vt_find(t, "none", &row, &col)); /* under the pain bar */
    /* the bar's right end is 10: click the last cell of the bar row */
    ck_assert(vt_mouse_click(t, row - 1, col + 21, 1));
    expect_text(t, "10");
    quit(t);
    char *got = export_rows("4");
    ck_assert_str_eq(got, "10\n");
    free(got);
}
END_TEST


/* As expect_export, the rows sorted: check-ins made within the same
 * millisecond have no order of their own. */
static void expect_export_sorted(const char *cut, const char *want)
{
    char cut_sorted[64];
    snprintf(cut_sorted, sizeof cut_sorted, "%s | LC_ALL=C sort", cut);
    expect_export(cut_sorted, want);
}

/* A pending first digit belongs to its field: moving on ends it, so the
 * next digit is a number of its own in the next field. */
START_TEST(test_first_digit_ends_when_the_field_changes)
{
    struct vt *t = start();
    vt_send(t, "1j0");        /* pain 1, fatigue 0 (never fatigue 10) */
    vt_send(t, "j1j7");       /* sleep quality 1, 7 hours (never 17) */
    expect_in_row(t, "Sleep hours", " 7", true);
    quit(t);
    expect_export("4-7", "1,0,1,7\n");
}
END_TEST

/* Any key but the 0 of "10" ends a pending 1: a step, x, a click, Esc,
 * another screen. What was typed stays; the next digit starts anew. */
START_TEST(test_first_digit_ends_on_any_other_key)
{
    struct vt *t = start();
    vt_send(t, "1l0");        /* pain: 1, 2, then 0 */
    vt_send(t, "j1x0");       /* fatigue: 1, not given, then 0 */
    vt_send(t, "j1");         /* sleep quality 1, then a click on fog */
    expect_in_row(t, "Sleep quality", " 1 ", true);
    int row, col;
    ck_assert(vt_find(t, "Brain fog", &row, &col));
    ck_assert(vt_mouse_click(t, row, 21 + 5, 1));
    expect_in_row(t, "Brain fog", "▸", true);
    vt_send(t, "0");          /* fog 0 */
    vt_send(t, "j1");         /* mood 1, then Esc */
    expect_in_row(t, "Mood", "1", true);
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    vt_wait_idle(t, 60, WAIT_MS); /* past the wait for an Alt- sequence */
    vt_send(t, "0");          /* mood 0 */
    vt_send(t, "j1c");        /* activity 1, then the calendar and back */
    expect_text(t, "Calendar:");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    expect_text(t, "Sleep quality");
    vt_send(t, "0");          /* activity 0 */
    expect_in_row(t, "Activity", " 0 ", true);
    quit(t);
    expect_export("4-11", "0,0,1,,,0,0,0\n");
}
END_TEST

/* A 1 is stored at once and shown waiting for its 0, with a hint. */
START_TEST(test_first_digit_waits_on_screen_for_ten)
{
    struct vt *t = start();
    vt_send(t, "1");
    expect_text(t, "1: type 0 within a moment for 10");
    expect_in_row(t, "Pain", "1_", true);
    expect_export("4", "1\n");
    vt_send(t, "0");
    expect_in_row(t, "Pain", " 10 ", true);
    expect_in_row(t, "Pain", "_", false);
    ck_assert(vt_wait_no_text(t, "type 0 within", WAIT_MS));
    quit(t);
    expect_export("4", "10\n");
}
END_TEST

/* The wait ends by itself (the app's tick), in ASCII too: the mark and
 * the hint go, and a 0 then is a 0. */
START_TEST(test_first_digit_window_ends_by_itself)
{
    struct vt *t = start_with("C", "vt100", false, 80, 24);
    expect_text(t, "Sleep quality");
    vt_send(t, "1");
    expect_in_row(t, "Pain", "1_", true);
    expect_text(t, "1: type 0 within a moment for 10");
    ck_assert(vt_screen_is_ascii(t));
    ck_assert(vt_wait_no_text(t, "1_", WAIT_MS));
    ck_assert(vt_wait_no_text(t, "type 0 within", WAIT_MS));
    expect_in_row(t, "Pain", " 1 ", true);
    vt_send(t, "0");
    expect_in_row(t, "Pain", " 0 ", true);
    quit(t);
    expect_export("4", "0\n");
}
END_TEST

/* Sleep hours are typed as text: 6.5, 6,5, 0.5, 6.25, 12, 24, "6." */
START_TEST(test_sleep_hours_typed_as_text)
{
    static const char *const typed[] = {"6.5", "6,5", "7",  "12", "0.5",
                                        "6.25", "6.75", "24", "6.", "0"};
    struct vt *t = start();
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        char keys[32];
        /* each on the day before the last, so the export's order is
         * known; [ ends the number before it */
        snprintf(keys, sizeof keys, "%sjjj%s", i ? "[" : "", typed[i]);
        vt_send(t, keys);
    }
    expect_text(t, "(9 days ago)");
    expect_in_row(t, "Sleep hours", "0_", true);
    quit(t);
    expect_export("7", "0\n6\n24\n6.75\n6.25\n0.5\n12\n7\n6.5\n6.5\n");
}
END_TEST

/* While typed, the text shows on the slider; each prefix that is a value
 * is stored at once (6, then 6.5); a 6.2 left there is refused whole. */
START_TEST(test_sleep_hours_shown_and_stored_while_typed)
{
    struct vt *t = start_with("C", "vt100", false, 80, 24);
    expect_text(t, "Sleep quality");
    vt_send(t, "jjj6");
    expect_in_row(t, "Sleep hours", "6_", true);
    expect_export("7", "6\n");
    vt_send(t, ".");
    expect_in_row(t, "Sleep hours", "6._", true);
    vt_send(t, "5");
    expect_in_row(t, "Sleep hours", "6.5_", true);
    expect_export("7", "6.5\n");
    ck_assert(vt_screen_is_ascii(t));
    vt_send(t, "k");          /* ends it: 6.5 stays */
    expect_in_row(t, "Sleep hours", "6.5_", false);
    expect_in_row(t, "Sleep hours", " 6.5 ", true);
    vt_send(t, "j6.2");       /* stored 6 while 6.2 waits for its 5 */
    expect_in_row(t, "Sleep hours", "6.2_", true);
    expect_text(t, "6.2: type 5 within a moment for 6.25");
    expect_export("7", "6\n");
    /* the window ends: refused whole, back to 6.5 */
    expect_text(t, "Sleep hours: 6.2 is not 0 to 24 in steps of 0.25 "
                   "(kept 6.5)");
    expect_in_row(t, "Sleep hours", " 6.5 ", true);
    quit(t);
    expect_export("7", "6.5\n");
}
END_TEST

/* Every text that is not a number of hours is refused whole, named with
 * the field in the message line, and the stored value does not change. */
START_TEST(test_sleep_hours_refused_whole)
{
    static const struct {
        const char *keys, *end, *shown;
    } bad[] = {
        {"25", "", "25"},     {"6.3", "", "6.3"}, {"6.27", "", "6.27"},
        {"123", "", "123"},   {"1234", "", "1234"}, {".5", "", ".5"},
        {"6..5", "", "6..5"}, {"6.2", "k", "6.2"}, {"6,7", "k", "6,7"},
        {"24.5", "", "24.5"}, {"6.2500", "", "6.2500"},
    };
    struct vt *t = start();
    vt_send(t, "jjj7k");      /* sleep hours 7, then back up */
    expect_in_row(t, "Sleep hours", " 7 ", true);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char keys[32], message[128];
        snprintf(keys, sizeof keys, "j%s%s", bad[i].keys, bad[i].end);
        vt_send(t, keys);
        snprintf(message, sizeof message, "Sleep hours: %s %s (kept 7)",
                 bad[i].shown,
                 strcmp(bad[i].shown, "6.2500") == 0
                     ? "has too many digits"
                     : "is not 0 to 24 in steps of 0.25");
        expect_text(t, message);
        expect_in_row(t, "Sleep hours", " 7 ", true);
        expect_export("7", "7\n");
        if (!*bad[i].end)
            vt_send(t, "k");
    }
    quit(t);
    expect_export("7", "7\n");
}
END_TEST

/* Refused with nothing there before: the check-in is not kept. */
START_TEST(test_sleep_hours_refused_on_a_new_checkin)
{
    struct vt *t = start();
    vt_send(t, "jjj25");
    expect_text(t, "Sleep hours: 25 is not 0 to 24 in steps of 0.25 (left "
                   "not given)");
    expect_in_row(t, "Sleep hours", "–", true);
    expect_text(t, "new: nothing recorded yet");
    quit(t);
    expect_export("7", "");
}
END_TEST

/* A new or newly shown check-in starts with the focus on pain. */
START_TEST(test_focus_on_pain_after_changing_checkin_or_day)
{
    struct vt *t = start();
    vt_send(t, "5");          /* today's first check-in */
    vt_send(t, "ja4");        /* a: a new one, pain 4 */
    vt_send(t, "j<6");        /* <: back to the first, pain 6 */
    vt_send(t, "j>3");        /* >: the second again, pain 3 */
    vt_send(t, "j[2");        /* [: yesterday, pain 2 */
    vt_send(t, "j]7");        /* ]: today's latest, pain 7 */
    vt_send(t, "j[jt8");      /* t: back to today, pain 8 */
    expect_text(t, "check-in 2 of 2");
    expect_in_row(t, "Pain", " 8 ", true);
    char *pain = row_of(t, "Pain");
    ck_assert_msg(strstr(pain, "▸") != NULL, "focus not on pain: %s", pain);
    free(pain);
    quit(t);
    expect_export_sorted("2,4,5",
                         "2026-11-23,2,\n2026-11-24,6,\n2026-11-24,8,\n");
}
END_TEST

/* A killed ache keeps the typed prefix that was already a value. */
START_TEST(test_kill_9_while_typing_keeps_the_prefix)
{
    struct vt *t = start();
    vt_send(t, "jjj6.2");
    expect_in_row(t, "Sleep hours", "6.2_", true);
    vt_kill(t, SIGKILL);
    int status;
    ck_assert(vt_wait_exit(t, WAIT_MS, &status));
    vt_free(t);
    expect_export("7", "6\n");
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("checkin screen");
    TCase *tc = tcase_create("screen");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_whole_checkin_by_keyboard);
    tcase_add_test(tc, test_slider_keys);
    tcase_add_test(tc, test_absent_looks_different_from_zero);
    tcase_add_test(tc, test_regions_toggle);
    tcase_add_test(tc, test_note_with_cjk_and_emoji);
    tcase_add_test(tc, test_tags_filter_toggle_and_create);
    tcase_add_test(tc, test_tag_picker_keeps_at_most_100_tags);
    tcase_add_test(tc, test_days_and_second_checkin);
    tcase_add_test(tc, test_resize_to_tiny_and_back);
    tcase_add_test(tc, test_no_color);
    tcase_add_test(tc, test_colour_by_default);
    tcase_add_test(tc, test_ascii_on_vt100);
    tcase_add_test(tc, test_kill_9_right_after_a_change);
    tcase_add_test(tc, test_busy_diary_keeps_and_retries_the_change);
    tcase_add_test(tc, test_ctrl_c_quits_and_keeps_everything);
    tcase_add_test(tc, test_help_from_the_key_table);
    tcase_add_test(tc, test_dumb_terminal_is_refused);
    tcase_add_test(tc, test_mouse_click_sets_and_toggles);
    tcase_add_test(tc, test_first_digit_ends_when_the_field_changes);
    tcase_add_test(tc, test_first_digit_ends_on_any_other_key);
    tcase_add_test(tc, test_first_digit_waits_on_screen_for_ten);
    tcase_add_test(tc, test_first_digit_window_ends_by_itself);
    tcase_add_test(tc, test_sleep_hours_typed_as_text);
    tcase_add_test(tc, test_sleep_hours_shown_and_stored_while_typed);
    tcase_add_test(tc, test_sleep_hours_refused_whole);
    tcase_add_test(tc, test_sleep_hours_refused_on_a_new_checkin);
    tcase_add_test(tc, test_focus_on_pain_after_changing_checkin_or_day);
    tcase_add_test(tc, test_kill_9_while_typing_keeps_the_prefix);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
