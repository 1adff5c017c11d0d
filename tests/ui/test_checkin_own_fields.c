/* The check-in screen with fields of one's own: the real ache binary in
 * a pseudo-terminal, the diary's fields made with `ache fields add`
 * first, keys sent, the screen read back, and what was stored read back
 * with `ache list`. A slider for an own rating, a yes/no answered and
 * switched, a count and minutes typed digit by digit, hidden fields left
 * out and kept, the form scrolling at 80x24, a weekly field asked once a
 * week, and another program changing an own value under the screen. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uitest.h"

#define EVENING "2026-11-24T21:00"
#define MINUTE_BEFORE "2026-11-24T20:59"
#define MINUTE_AFTER "2026-11-24T21:01"

/* The four own fields most tests use: a rating, a yes/no, minutes and a
 * count, after the eight built in. */
static void add_own_fields(void)
{
    ACHE_OK(UITEST_NOW, "fields add headache --kind rating");
    ACHE_OK(UITEST_NOW, "fields add nausea --kind yesno");
    ACHE_OK(UITEST_NOW, "fields add stiff_minutes --kind minutes");
    ACHE_OK(UITEST_NOW, "fields add steps --kind count");
}

/* `ache list` of the whole diary, one line per check-in. */
static void list_all(char *out, size_t size)
{
    int rc = ache_at(UITEST_NOW, out, size, "list --from 2000-01-01");
    ck_assert_int_eq(rc, 0);
}

/* Waits until `ache list` holds (or no longer holds) `text`. */
static void expect_listed(const char *text, bool there)
{
    char out[4096];
    for (int waited = 0; waited < WAIT_MS; waited += 50) {
        list_all(out, sizeof out);
        if ((strstr(out, text) != NULL) == there)
            return;
        usleep(50 * 1000);
    }
    ck_abort_msg("ache list %s %s: %s", there ? "lacks" : "still has", text,
                 out);
}

/* Presses j n times: the focus n fields on. */
static void down(struct vt *t, int n)
{
    for (int i = 0; i < n; i++)
        vt_send(t, "j");
}

/* As expect_in_row, waiting first for the label to come into view. */
static void expect_row_has(struct vt *t, const char *label, const char *text)
{
    expect_text(t, label);
    expect_in_row(t, label, text, true);
}

static void expect_focus(struct vt *t, const char *label)
{
    expect_row_has(t, label, "▸");
}

/* Waits for the end of the moment a number waits for its next digit. */
static void let_number_end(struct vt *t)
{
    ck_assert(vt_wait_no_text(t, "within a moment", WAIT_MS));
}

/* The own rating is a slider like pain's; the yes/no, minutes and count
 * take what is typed; all are saved with the check-in. */
START_TEST(test_own_fields_shown_and_saved)
{
    add_own_fields();
    struct vt *t = start();
    vt_send(t, "4");                  /* pain */
    down(t, 8);                       /* headache: the first own field */
    expect_focus(t, "Headache");
    vt_send(t, "7");
    expect_row_has(t, "Headache", " 7 ");
    expect_row_has(t, "Headache", "●");
    vt_send(t, "jy");                 /* nausea: yes */
    expect_row_has(t, "Nausea", "● yes");
    vt_send(t, "j45");                /* stiff minutes */
    expect_row_has(t, "Stiff minutes", "45_]");
    vt_send(t, "j1200");              /* steps */
    expect_row_has(t, "Steps", "1200_]");
    let_number_end(t);
    expect_row_has(t, "Steps", "[1200 ]");
    expect_row_has(t, "Stiff minutes", "[  45 ] min");
    quit(t);
    expect_listed("pain=4 headache=7 nausea=yes stiff_minutes=45 steps=1200",
                  true);
    char out[4096];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "show"), 0);
    ck_assert_msg(strstr(out, "Steps           1200") != NULL, "%s", out);
}
END_TEST

/* y and n answer, Space switches, x takes the answer away: absent until
 * set, and n on a yes/no answers it instead of opening the note. */
START_TEST(test_yesno_answered_and_switched)
{
    add_own_fields();
    struct vt *t = start();
    down(t, 9);
    expect_focus(t, "Nausea");
    expect_row_has(t, "Nausea", "○ no   ○ yes");
    expect_text(t, "y/n yes/no");     /* the status line's keys for it */
    vt_send(t, " ");                  /* the first switch says yes */
    expect_row_has(t, "Nausea", "● yes");
    expect_listed("nausea=yes", true);
    vt_send(t, " ");
    expect_row_has(t, "Nausea", "● no");
    expect_listed("nausea=no", true);
    vt_send(t, "y");
    expect_row_has(t, "Nausea", "● yes");
    vt_send(t, "n");
    expect_row_has(t, "Nausea", "● no");
    ck_assert(vt_wait_no_text(t, "Esc done", 300)); /* no note editor */
    expect_listed("nausea=no", true);
    int row, col;                     /* a click on an answer gives it */
    ck_assert(vt_find(t, "○ yes", &row, &col));
    ck_assert(vt_mouse_click(t, row, col + 2, 1));
    expect_row_has(t, "Nausea", "● yes");
    expect_listed("nausea=yes", true);
    vt_send(t, "x");
    expect_row_has(t, "Nausea", "○ no   ○ yes");
    expect_text(t, "new: nothing recorded yet"); /* emptied: not kept */
    vt_send(t, "1");                  /* no number: it says which keys */
    expect_text(t, "Nausea: y for yes, n for no, Space switches.");
    quit(t);
    expect_listed("nausea", false);
}
END_TEST

/* A count typed in bursts: each burst's digits go on while they come
 * quickly, Backspace takes one back mid-number, and a burst after the
 * pause is a new number. A number too large is refused whole. */
START_TEST(test_count_typed_in_bursts)
{
    add_own_fields();
    struct vt *t = start();
    down(t, 11);
    expect_focus(t, "Steps");
    vt_send(t, "1");
    expect_row_has(t, "Steps", "1_]");
    vt_send(t, "2");
    expect_row_has(t, "Steps", "12_]");
    expect_listed("steps=12", true);   /* each prefix is stored at once */
    vt_send(t, "5");
    expect_row_has(t, "Steps", "125_]");
    vt_key(t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
    expect_row_has(t, "Steps", "12_]");
    vt_send(t, "0");
    expect_row_has(t, "Steps", "120_]");
    expect_text(t, "120: type more within a moment, or it stays 120");
    let_number_end(t);
    expect_row_has(t, "Steps", "[ 120 ]");
    expect_listed("steps=120", true);
    vt_send(t, "7");                  /* a new burst: a new number */
    expect_row_has(t, "Steps", "7_]");
    let_number_end(t);
    expect_listed("steps=7", true);
    vt_send(t, "12345");
    expect_text(t, "Steps: 12345 is more than 9999 (kept 7)");
    expect_row_has(t, "Steps", "[   7 ]");
    vt_send(t, "k");                  /* ends the refused number */
    vt_send(t, "j");
    vt_key(t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE); /* 7, less its digit */
    expect_row_has(t, "Steps", "_]");
    let_number_end(t);
    expect_row_has(t, "Steps", "[   – ]"); /* not given, not 0 */
    vt_send(t, "30+");                /* + ends it, and steps by 1 */
    expect_row_has(t, "Steps", "[  31 ]");
    quit(t);
    expect_listed("steps=31", true);
}
END_TEST

/* Minutes step by five, to the next multiple of five; from absent the
 * first step gives 0; x makes them absent again. */
START_TEST(test_minutes_step_by_five)
{
    add_own_fields();
    struct vt *t = start();
    down(t, 10);
    expect_focus(t, "Stiff minutes");
    expect_row_has(t, "Stiff minutes", "[   – ]");
    vt_send(t, "l");
    expect_row_has(t, "Stiff minutes", "[   0 ]");
    vt_send(t, "ll");
    expect_row_has(t, "Stiff minutes", "[  10 ]");
    vt_send(t, "7h");                 /* h ends the 7 and steps down */
    expect_row_has(t, "Stiff minutes", "[   5 ]");
    vt_send(t, "90");
    let_number_end(t);
    vt_send(t, "+");
    expect_row_has(t, "Stiff minutes", "[  95 ]");
    expect_text(t, "1 h 35 min");
    quit(t);
    expect_listed("stiff_minutes=95", true);
}
END_TEST

/* Hidden fields are not on the screen; a change saved there keeps their
 * values as they were. */
START_TEST(test_hidden_fields_absent_and_kept)
{
    add_own_fields();
    ACHE_OK(MINUTE_BEFORE, "add --pain 2 --fog 5 --set steps=100 "
                           "--set headache=3");
    ACHE_OK(MINUTE_BEFORE, "fields hide fog");
    ACHE_OK(MINUTE_BEFORE, "fields hide steps");
    struct vt *t = start_at(EVENING);
    expect_row_has(t, "Pain", " 2 ");
    char *screen = vt_screen_text(t);
    ck_assert_msg(strstr(screen, "Brain fog") == NULL, "%s", screen);
    free(screen);
    vt_send(t, "6");
    expect_row_has(t, "Pain", " 6 ");
    down(t, 7);                       /* no fog on the way to headache */
    expect_focus(t, "Headache");
    vt_send(t, "8j");
    expect_focus(t, "Nausea");
    vt_send(t, "jj");                 /* minutes, then no steps: the body */
    expect_text(t, "neck");
    screen = vt_screen_text(t);
    ck_assert_msg(strstr(screen, "Steps") == NULL, "%s", screen);
    ck_assert_msg(strstr(screen, "Brain fog") == NULL, "%s", screen);
    free(screen);
    quit(t);
    expect_listed("pain=6 fog=5 headache=8 steps=100", true);
}
END_TEST

/* Six own fields and more at 80x24: the form scrolls to keep the field
 * being changed in view, says how many are above and below, and never
 * shows half a field. */
START_TEST(test_form_scrolls_at_80x24)
{
    add_own_fields();
    ACHE_OK(UITEST_NOW, "fields add jaw_pain --kind rating");
    ACHE_OK(UITEST_NOW, "fields add dizzy --kind yesno");
    ACHE_OK(UITEST_NOW, "fields add naps --kind count");
    struct vt *t = start();
    expect_text(t, "▼ 7 more below (j)");
    ck_assert(!vt_find(t, "more above", &(int){0}, &(int){0}));
    ck_assert(!vt_find(t, "Naps", &(int){0}, &(int){0}));
    int row, col;                     /* a click on "more below" */
    ck_assert(vt_find(t, "more below", &row, &col));
    ck_assert(vt_mouse_click(t, row, col, 1));
    expect_focus(t, "Headache");
    expect_text(t, "▲ 1 more above");
    expect_text(t, "▼ 6 more below (j)");
    vt_key(t, VTERM_KEY_TAB, VTERM_MOD_SHIFT); /* to the note, then */
    vt_key(t, VTERM_KEY_TAB, VTERM_MOD_NONE);   /* round to the first field */
    expect_focus(t, "Pain");
    ck_assert(vt_wait_no_text(t, "more above", WAIT_MS));
    down(t, 14);                      /* the fifteenth field: the last */
    expect_focus(t, "Naps");
    expect_text(t, "▲ 7 more above");
    ck_assert(vt_wait_no_text(t, "more below", WAIT_MS));
    ck_assert(vt_find(t, "Naps", &row, &col));
    ck_assert_int_eq(row, 16);        /* the last field's row of 8 */
    char *under = vt_row_text(t, row + 1), *top = vt_row_text(t, 2);
    ck_assert_msg(strstr(under, "not given") != NULL, "%s", under);
    /* the first row shown is a field's first row, never half a field */
    ck_assert_msg(strstr(top, "Activity") != NULL, "%s", top);
    free(under);
    free(top);
    expect_row_has(t, "Tags", "none: press # to choose");
    vt_send(t, "3");
    expect_row_has(t, "Naps", "[   3 ]");
    for (int i = 0; i < 11; i++)
        vt_send(t, "k");
    expect_focus(t, "Sleep hours");
    expect_text(t, "▲ 3 more above");
    expect_text(t, "▼ 4 more below (j)");
    char *screen = vt_screen_text(t);
    ck_assert_msg(strstr(screen, "Naps") == NULL, "%s", screen);
    free(screen);
    quit(t);
    expect_listed("naps=3", true);
}
END_TEST

/* A weekly field is asked on the week's first check-in, and on the next
 * ones until one answers it; then only that one shows it. */
START_TEST(test_weekly_field_once_a_week)
{
    ACHE_OK(UITEST_NOW, "fields add peg_pain --kind rating --weekly");
    /* weeks begin on Monday: Sunday 22's answer is last week's */
    ACHE_OK(UITEST_NOW, "add --date 2026-11-22 --pain 3 --set peg_pain=4");
    /* tall enough for every field: what is not shown is left out */
    struct vt *t = wait_checkin_screen(start_at_with(
        UITEST_NOW, "C.UTF-8", "xterm-256color", false, 80, 30));
    expect_text(t, "Peg pain");
    ck_assert(vt_wait_no_text(t, "more below", WAIT_MS));
    down(t, 8);
    expect_focus(t, "Peg pain");
    vt_send(t, "6");
    expect_row_has(t, "Peg pain", " 6 ");
    vt_send(t, "a");                  /* a second check-in today */
    expect_text(t, "check-in 2 of 2");
    ck_assert(vt_wait_no_text(t, "Peg pain", WAIT_MS));
    vt_send(t, "5");
    expect_text(t, "✓ saved");
    vt_send(t, "[");                  /* Monday: the same week */
    expect_text(t, "Monday 23 November 2026");
    ck_assert(vt_wait_no_text(t, "Peg pain", WAIT_MS));
    vt_send(t, "[");                  /* Sunday: last week's answer */
    expect_text(t, "Sunday 22 November 2026");
    expect_row_has(t, "Peg pain", " 4 ");
    vt_send(t, "t<");                 /* today's first: it holds the answer */
    expect_text(t, "check-in 1 of 2");
    expect_row_has(t, "Peg pain", " 6 ");
    quit(t);
    expect_listed("pain=5", true);
    expect_listed("peg_pain=6", true);
}
END_TEST

/* Another program changes own values of the check-in shown; the screen's
 * next change is saved on top of them: both stay. u takes back only the
 * screen's own changes, one by one. */
START_TEST(test_second_writer_own_values_merged)
{
    add_own_fields();
    ACHE_OK(MINUTE_BEFORE, "add --pain 4 --set headache=3");
    struct vt *t = start_at(EVENING);
    expect_row_has(t, "Pain", " 4 ");
    down(t, 11);
    expect_focus(t, "Steps");
    vt_send(t, "50");
    let_number_end(t);
    expect_listed("steps=50", true);
    char out[4096];
    list_all(out, sizeof out);
    char id[9];
    snprintf(id, sizeof id, "%.8s", out);
    ACHE_OK(MINUTE_AFTER, "edit %s --set nausea=yes --set headache=6", id);
    vt_send(t, "k3");                 /* stiff minutes, on the screen */
    expect_text(t, "Changed elsewhere: reloaded, with your change saved "
                   "on top.");
    vt_send(t, "0");                  /* the next key takes the message */
    expect_row_has(t, "Nausea", "● yes");
    expect_row_has(t, "Headache", " 6 ");
    expect_listed("pain=4 headache=6 nausea=yes stiff_minutes=30 steps=50",
                  true);
    let_number_end(t);
    vt_send(t, "u");
    expect_text(t, "Undone: stiff minutes 30 -> not given");
    expect_listed("pain=4 headache=6 nausea=yes steps=50", true);
    vt_send(t, "u");
    expect_text(t, "Undone: steps 50 -> not given");
    expect_listed("pain=4 headache=6 nausea=yes\n", true);
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here");
    quit(t);
    expect_listed("pain=4 headache=6 nausea=yes\n", true);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("checkin screen, own fields");
    TCase *tc = tcase_create("own fields");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_own_fields_shown_and_saved);
    tcase_add_test(tc, test_yesno_answered_and_switched);
    tcase_add_test(tc, test_count_typed_in_bursts);
    tcase_add_test(tc, test_minutes_step_by_five);
    tcase_add_test(tc, test_hidden_fields_absent_and_kept);
    tcase_add_test(tc, test_form_scrolls_at_80x24);
    tcase_add_test(tc, test_weekly_field_once_a_week);
    tcase_add_test(tc, test_second_writer_own_values_merged);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
