/* The check-in screen and the diary's history, as a person meets them: a
 * check-in made hours ago that stays as it is, another program writing
 * under an open screen (ache edit, import, undo, rm), a screen left below
 * the calendar, u and D, one version per sitting, and a change the diary
 * could not take when the person quits.
 *
 * The screen's clock starts at ACHE_NOW and runs on; every command a test
 * runs meanwhile (the second writer) has its own ACHE_NOW, a minute or so
 * later. Nothing reads the wall clock. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "uitest.h"

#define MORNING "2026-11-24T08:30"
#define EVENING "2026-11-24T21:00"
#define MINUTE_BEFORE "2026-11-24T20:59"
#define MINUTE_AFTER "2026-11-24T21:01"

/* ---- helpers ---------------------------------------------------------- */


/* The focus mark is on the row of `label`. */
static void expect_focus(struct vt *t, const char *label)
{
    expect_in_row(t, label, "▸", true);
}

/* Waits until a row (0 is the header) is exactly `want`, trailing
 * spaces aside. */
static void expect_row(struct vt *t, int row, const char *want)
{
    for (int waited = 0; waited < WAIT_MS; waited += 20) {
        char *got = vt_row_text(t, row);
        bool same = strcmp(got, want) == 0;
        free(got);
        if (same)
            return;
        vt_pump(t, 20);
    }
    vt_dump(t, stderr);
    ck_abort_msg("row %d is not \"%s\"", row, want);
}

/* Esc, and the moment curses waits for an Alt- sequence after it. */
static void escape(struct vt *t)
{
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    vt_wait_idle(t, 60, WAIT_MS);
}

/* A message naming the first 8 digits of an id: before, id, after. */
static void expect_text_with_id(struct vt *t, const char *before,
                                const char *id, const char *after)
{
    char text[200];
    snprintf(text, sizeof text, "%s%.8s%s", before, id, after);
    expect_text(t, text);
}

/* How many lines of `text` hold `what`. */
static int lines_with(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; p && *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        n += strstr(line, what) != NULL;
        p = end ? end + 1 : NULL;
    }
    return n;
}

/* ---- a check-in made hours ago stays as it is --------------------------- */

/* In the evening the morning's check-in is shown, saved and left as it
 * is: the first digit starts a new check-in of 21:00; < shows the
 * morning's again, and after e a digit changes it. */
START_TEST(test_evening_starts_a_new_checkin_beside_the_morning)
{
    add_at(MORNING, (char[33]){0}, "--pain 4 --fatigue 2");
    struct vt *t = start_at(EVENING);
    expect_row(t, 0, " Tuesday 24 November 2026 · check-in 1 of 1 · 08:30"
                     "      ✓ saved · e changes it");
    expect_text(t, "The 08:30 check-in stays as it is: what you set starts "
                   "a new one (e: edit).");
    expect_in_row(t, "Pain", " 4 ", true);
    vt_send(t, "6");
    expect_text(t, "A new check-in: the one of 08:30 stays as it was (< "
                   "shows it).");
    expect_text(t, "check-in 2 of 2 · 21:00");
    expect_in_row(t, "Pain", " 6 ", true);
    expect_in_row(t, "Fatigue", "not given", false);
    expect_export("3-5", "08:30,4,2\n21:00,6,\n");
    vt_send(t, "<");
    expect_text(t, "check-in 1 of 2 · 08:30");
    expect_text(t, "✓ saved · e changes it");
    expect_in_row(t, "Pain", " 4 ", true);
    vt_send(t, "e");
    expect_text(t, "Changing the check-in of 08:30.");
    expect_row(t, 0, " Tuesday 24 November 2026 · check-in 1 of 2 · 08:30"
                     "                     ✓ saved");
    vt_send(t, "5j3");        /* the morning's pain, then its fatigue */
    expect_in_row(t, "Fatigue", " 3 ", true);
    quit(t);
    expect_export("3-5", "08:30,5,3\n21:00,6,\n");
}
END_TEST

/* The new check-in gets what was set where it was set: a number typed on
 * fatigue is fatigue, a region marked is that region, and the focus stays
 * where the person is. */
START_TEST(test_evening_change_goes_to_the_field_it_was_made_in)
{
    add_at(MORNING, (char[33]){0}, "--pain 4 --fatigue 2");
    struct vt *t = start_at(EVENING);
    expect_text(t, "e changes it");
    vt_send(t, "j5");         /* fatigue 5: a new check-in */
    expect_text(t, "check-in 2 of 2 · 21:00");
    expect_focus(t, "Fatigue");
    expect_in_row(t, "Fatigue", " 5 ", true);
    expect_in_row(t, "Pain", "–", true);
    expect_export("3-5", "08:30,4,2\n21:00,,5\n");
    vt_send(t, "<");          /* the morning's again, on pain */
    expect_text(t, "check-in 1 of 2 · 08:30");
    expect_focus(t, "Pain");
    vt_send(t, "jl");         /* its fatigue raised: 2 to 3, on a new one */
    expect_text(t, "check-in 3 of 3 · 21:00");
    expect_focus(t, "Fatigue");
    expect_in_row(t, "Fatigue", " 3 ", true);
    vt_send(t, "<<");
    expect_text(t, "check-in 1 of 3 · 08:30");
    vt_send(t, "b ");         /* the neck, on a new one */
    expect_text(t, "check-in 4 of 4 · 21:00");
    expect_text(t, "1 of 19 regions");
    expect_text(t, "▸ neck (hurts)");
    quit(t);
    char *rows = export_rows("3-5,12");
    ck_assert_str_eq(rows, "08:30,4,2,\n21:00,,5,\n21:00,,3,\n"
                           "21:00,,,neck\n");
    free(rows);
}
END_TEST

/* A check-in entered a minute ago is not settled, whatever its day: the
 * first digit changes it. */
START_TEST(test_checkin_entered_a_minute_ago_is_changed)
{
    add_at(MINUTE_BEFORE, (char[33]){0}, "--date yesterday --pain 3");
    struct vt *t = start_at(EVENING);
    expect_text(t, "new: nothing recorded yet");
    vt_send(t, "[");
    expect_text(t, "Monday 23 November 2026 (yesterday)");
    expect_text(t, "✓ saved");
    ck_assert(!vt_find(t, "e changes it", NULL, NULL));
    ck_assert(!vt_find(t, "stays as it is", NULL, NULL));
    vt_send(t, "5");
    expect_in_row(t, "Pain", " 5 ", true);
    expect_text(t, "check-in 1 of 1");
    quit(t);
    expect_export("2,4", "2026-11-23,5\n");
}
END_TEST

/* ---- another program writes under the screen ------------------------------ */

/* ache edit changes the check-in shown; the person's next change is put
 * on top of it: both stay. u then takes back the person's change only. */
START_TEST(test_edit_elsewhere_is_kept_under_the_screens_change)
{
    char id[33];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    expect_in_row(t, "Pain", " 4 ", true);
    ACHE_OK(MINUTE_AFTER, "edit %s --tag yoga --mood 3", id);
    vt_send(t, "6");
    expect_text(t, "Changed elsewhere: reloaded, with your change saved on "
                   "top.");
    expect_in_row(t, "Pain", " 6 ", true);
    expect_in_row(t, "Mood", " 3 ", true);
    expect_in_row(t, "Tags", "yoga", true);
    expect_export("4,10,13", "6,3,yoga\n");
    vt_send(t, "u");
    expect_text(t, "Undone: pain 6 -> 4");
    expect_in_row(t, "Pain", " 4 ", true);
    expect_in_row(t, "Mood", " 3 ", true);
    expect_in_row(t, "Tags", "yoga", true);
    expect_export("4,10,13", "4,3,yoga\n");
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here (ache undo reverses the diary's "
                   "last change).");
    quit(t);
    expect_export("4,10,13", "4,3,yoga\n");
}
END_TEST

/* The same value changed on the screen, then elsewhere: u takes back the
 * screen's later change, never the other program's value. */
START_TEST(test_u_never_takes_back_a_value_set_elsewhere)
{
    char id[33];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    vt_send(t, "5");
    expect_in_row(t, "Pain", " 5 ", true);
    expect_export("4", "5\n");
    ACHE_OK(MINUTE_AFTER, "edit %s --pain 8", id);
    vt_send(t, "j2");
    expect_text(t, "Changed elsewhere: reloaded");
    expect_in_row(t, "Pain", " 8 ", true);
    expect_export("4-5", "8,2\n");
    vt_send(t, "u");
    expect_text(t, "Undone: fatigue 2 -> not given");
    expect_export("4-5", "8,\n");
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here");
    expect_in_row(t, "Pain", " 8 ", true);
    quit(t);
    expect_export("4-5", "8,\n");
}
END_TEST

/* An import of a newer version of the check-in shown, then a change on
 * the screen: the import's values stay, with the screen's on top. */
START_TEST(test_import_elsewhere_is_kept_under_the_screens_change)
{
    char id[33], cmd[1024];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    expect_in_row(t, "Pain", " 4 ", true);
    /* the same check-in, changed in another copy of the diary later */
    ACHE_OK(MINUTE_AFTER, "export -o '%s/mine.csv'", dir);
    snprintf(cmd, sizeof cmd,
             "awk -F, -v OFS=, 'NR > 1 { $10 = 3; $13 = \"yoga\"; "
             "$16 = \"2026-11-24T21:30:00.000Z\" } 1' '%s/mine.csv' > "
             "'%s/newer.csv'",
             dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    char out[4096];
    ck_assert_int_eq(ache_at(MINUTE_AFTER, out, sizeof out,
                             "import '%s/newer.csv'", dir),
                     0);
    ck_assert_msg(strstr(out, "1 updated"), "import said: %s", out);
    vt_send(t, "j2");         /* fatigue 2 */
    expect_text(t, "Changed elsewhere: reloaded, with your change saved on "
                   "top.");
    expect_in_row(t, "Mood", " 3 ", true);
    expect_in_row(t, "Tags", "yoga", true);
    expect_export("4,5,10,13", "4,2,3,yoga\n");
    vt_send(t, "u");          /* the fatigue only */
    expect_text(t, "Undone: fatigue 2 -> not given");
    expect_in_row(t, "Tags", "yoga", true);
    quit(t);
    expect_export("4,5,10,13", "4,,3,yoga\n");
}
END_TEST

/* ache undo of the screen's own sitting, run in another terminal: the
 * screen's next change does not bring the undone value back. */
START_TEST(test_undo_elsewhere_is_kept_under_the_screens_change)
{
    char out[4096];
    add_at(MINUTE_BEFORE, (char[33]){0}, "--pain 4");
    struct vt *t = start_at(EVENING);
    vt_send(t, "j3");         /* fatigue 3: the screen's sitting */
    expect_in_row(t, "Fatigue", " 3 ", true);
    expect_export("4-5", "4,3\n");
    ck_assert_int_eq(ache_at(MINUTE_AFTER, out, sizeof out, "undo"), 0);
    expect_export("4-5", "4,\n");
    vt_send(t, "jjjjj7");     /* mood 7 */
    expect_text(t, "Changed elsewhere: reloaded");
    expect_in_row(t, "Fatigue", "not given", false); /* the word is below */
    expect_in_row(t, "Fatigue", "–", true);
    expect_in_row(t, "Mood", " 7 ", true);
    expect_export("4,5,10", "4,,7\n");
    vt_send(t, "u");          /* the mood only */
    expect_text(t, "Undone: mood 7 -> not given");
    expect_export("4,5,10", "4,,\n");
    quit(t);
    expect_export("4,5,10", "4,,\n");
}
END_TEST

/* A new check-in begun on the screen gets the time it was begun at; a
 * change elsewhere, then u back to before the first value: the other
 * program's value stays, and so does the time. */
START_TEST(test_u_to_the_start_keeps_the_time_and_a_change_elsewhere)
{
    struct vt *t = start_at(EVENING);
    vt_send(t, "6");
    expect_text(t, "check-in 1 of 1 · 21:00");
    char *rows = export_rows("1");
    char id[33];
    snprintf(id, sizeof id, "%s", rows);
    free(rows);
    ACHE_OK(MINUTE_AFTER, "edit %s --mood 3", id);
    vt_send(t, "u");
    expect_text(t, "Changed elsewhere: reloaded; undone: pain 6 -> not given");
    expect_in_row(t, "Mood", " 3 ", true);
    expect_text(t, "check-in 1 of 1 · 21:00");
    quit(t);
    expect_export("3,4,10", "21:00,,3\n");
}
END_TEST

/* ---- removed elsewhere ------------------------------------------------------ */

static struct vt *removed_under_the_screen(char id[33])
{
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    expect_in_row(t, "Pain", " 4 ", true);
    ACHE_OK(MINUTE_AFTER, "rm %s", id);
    vt_send(t, "6");
    expect_text(t, "removed elsewhere: r brings it back");
    expect_text(t, "Removed elsewhere: r brings it back with your change; "
                   "other keys leave it.");
    expect_in_row(t, "Pain", " 6 ", true);
    expect_export("4", "");
    return t;
}

START_TEST(test_removed_elsewhere_r_brings_it_back_with_the_change)
{
    char id[33];
    struct vt *t = removed_under_the_screen(id);
    vt_send(t, "r");
    expect_text(t, "Brought back, with your change.");
    expect_text(t, "✓ saved");
    expect_in_row(t, "Pain", " 6 ", true);
    char want[64];
    snprintf(want, sizeof want, "%s,6\n", id);
    expect_export("1,4", want);
    vt_send(t, "j2");         /* and it is the one changed after */
    expect_in_row(t, "Fatigue", " 2 ", true);
    quit(t);
    snprintf(want, sizeof want, "%s,6,2\n", id);
    expect_export("1,4,5", want);
}
END_TEST

START_TEST(test_removed_elsewhere_any_other_key_leaves_it_removed)
{
    char id[33];
    struct vt *t = removed_under_the_screen(id);
    vt_send(t, "j");
    expect_text_with_id(t, "Left removed: `ache restore ", id,
                        "` brings it back.");
    expect_text(t, "new: nothing recorded yet");
    expect_in_row(t, "Pain", "–", true);
    expect_focus(t, "Pain");  /* the j only answered */
    quit(t);
    expect_export("4", "");
    ACHE_OK(MINUTE_AFTER, "restore %.8s", id);
    expect_export("4", "4\n"); /* as it was removed */
}
END_TEST

/* q while the change waits for r: ache quits, says the change was not
 * saved, and exits 1. */
START_TEST(test_quit_when_removed_elsewhere_says_not_saved)
{
    char id[33];
    struct vt *t = removed_under_the_screen(id);
    vt_send(t, "q");
    ck_assert_int_eq(exit_status(t, WAIT_MS), 1);
    expect_text(t, "was not saved: it was removed elsewhere");
    char said[64];
    snprintf(said, sizeof said, "ache restore %.8s", id);
    expect_text(t, said);
    vt_free(t);
    expect_export("4", "");
}
END_TEST

/* Ctrl-C, and a closed terminal (SIGHUP), are quitting too: what could
 * not be saved is said, and the exit status is 1. */
START_TEST(test_ctrl_c_when_removed_elsewhere_says_not_saved)
{
    static const char *const how[] = {"\x03", NULL};
    for (int i = 0; i < 2; i++) {
        char id[33];
        struct vt *t = removed_under_the_screen(id);
        if (how[i])
            vt_send(t, how[i]);
        else
            vt_kill(t, SIGHUP);
        ck_assert_int_eq(exit_status(t, WAIT_MS), 1);
        if (how[i])
            expect_text(t, "was not saved: it was removed elsewhere");
        vt_free(t);
        teardown(); /* a fresh diary for the next way of quitting */
        setup();
    }
}
END_TEST

/* Ctrl-C with everything saved quits with 0 and keeps it all. */
START_TEST(test_ctrl_c_with_everything_saved_exits_0)
{
    struct vt *t = start();
    vt_send(t, "4j5");
    expect_text(t, "✓ saved");
    vt_send(t, "\x03");
    ck_assert_int_eq(exit_status(t, WAIT_MS), 0);
    vt_free(t);
    expect_export("4-5", "4,5\n");
}
END_TEST

/* The note being written when its check-in is removed elsewhere: r
 * brings it back with the note, and the note goes on there. */
START_TEST(test_note_removed_elsewhere_r_brings_it_back_with_the_note)
{
    char id[33];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    vt_send(t, "n");
    expect_text(t, "Esc done");
    vt_send(t, "stiff");
    expect_text(t, "stiff");
    ACHE_OK(MINUTE_AFTER, "rm %s", id);
    vt_send(t, " ");
    expect_text(t, "removed elsewhere: r brings it back");
    vt_send(t, "r");
    expect_text(t, "Brought back, with your change.");
    vt_send(t, "neck");       /* still in the note */
    expect_text(t, "stiff neck");
    escape(t);
    quit(t);
    char want[64];
    snprintf(want, sizeof want, "%s,4,stiff neck\n", id);
    expect_export("1,4,14", want);
}
END_TEST

/* Any other key: the note editor closes with the check-in left removed,
 * and what is typed next goes into no other check-in of the day. */
START_TEST(test_note_removed_elsewhere_goes_into_no_other_checkin)
{
    char id[33];
    add_at(MINUTE_BEFORE, (char[33]){0}, "--time 08:00 --pain 2");
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    expect_text(t, "check-in 2 of 2 · 20:59");
    vt_send(t, "n");
    expect_text(t, "Esc done");
    vt_send(t, "stiff");
    expect_text(t, "stiff");
    ACHE_OK(MINUTE_AFTER, "rm %s", id);
    vt_send(t, " ");
    expect_text(t, "removed elsewhere: r brings it back");
    vt_send(t, "n");          /* not r: left removed */
    expect_text_with_id(t, "Left removed: `ache restore ", id,
                        "` brings it back.");
    expect_text(t, "check-in 1 of 1 · 08:00");
    ck_assert(vt_wait_no_text(t, "Esc done", WAIT_MS)); /* editor closed */
    expect_in_row(t, "Note", "none: press n to write", true);
    vt_send(t, "jj");         /* keys of the screen again, not the note */
    expect_focus(t, "Sleep quality");
    quit(t);
    expect_export("3,4,14", "08:00,2,\n");
}
END_TEST

/* ---- a screen left below another ------------------------------------------ */

/* The day opened from the calendar (Enter, or d) is a check-in screen of
 * its own on top of the first; what is changed there shows on the first
 * one when Esc comes back to it, and its next change keeps it. */
static struct vt *changed_on_a_screen_above(const char *open_key)
{
    struct vt *t = start();
    vt_send(t, "4j2");        /* pain 4, fatigue 2; the focus on fatigue */
    expect_in_row(t, "Fatigue", " 2 ", true);
    vt_send(t, "c");
    expect_text(t, "Calendar: Pain");
    vt_send(t, open_key);
    expect_text(t, "Sleep quality");
    expect_focus(t, "Pain");  /* a screen of its own */
    vt_send(t, "7");
    expect_in_row(t, "Pain", " 7 ", true);
    expect_export("4-6", "7,2,\n");
    escape(t);
    expect_text(t, "Calendar: Pain");
    return t;
}

/* Back on the first screen: the change made above shows, and the next
 * change there keeps it. */
static void back_on_the_first_screen(struct vt *t, const char *want)
{
    escape(t);
    expect_text(t, "Sleep quality");
    expect_focus(t, "Fatigue"); /* the first screen, as it was left */
    expect_in_row(t, "Pain", " 7 ", true);
    vt_send(t, "j3");         /* sleep quality 3 */
    expect_in_row(t, "Sleep quality", " 3 ", true);
    expect_in_row(t, "Pain", " 7 ", true);
    ck_assert(!vt_find(t, "Changed elsewhere", NULL, NULL));
    quit(t);
    expect_export("4-6", want);
}

START_TEST(test_screen_below_the_calendar_shows_the_change_made_above)
{
    struct vt *t = changed_on_a_screen_above("\r");
    back_on_the_first_screen(t, "7,2,3\n");
}
END_TEST

/* d on the calendar opens the day once more, on top: a change there too,
 * and the first screen, two screens down, still writes none back. */
START_TEST(test_screen_two_below_shows_the_changes_made_above)
{
    struct vt *t = changed_on_a_screen_above("\r");
    vt_send(t, "d");
    expect_focus(t, "Pain");
    expect_in_row(t, "Pain", " 7 ", true);
    vt_send(t, "j5");         /* fatigue 5 */
    expect_in_row(t, "Fatigue", " 5 ", true);
    expect_export("4-6", "7,5,\n");
    escape(t);
    expect_text(t, "Calendar: Pain");
    back_on_the_first_screen(t, "7,5,3\n");
}
END_TEST

/* ---- u ---------------------------------------------------------------------------- */

START_TEST(test_u_takes_back_each_change_one_by_one)
{
    struct vt *t = start();
    vt_send(t, "6j7");        /* pain, fatigue */
    vt_send(t, "b ");         /* the neck */
    expect_text(t, "1 of 19 regions");
    vt_send(t, "#");
    expect_text(t, "Filter:");
    vt_send(t, "yoga");
    expect_text(t, "[ ] yoga");
    vt_send(t, " ");
    expect_text(t, "[x] yoga");
    escape(t);                /* the filter */
    escape(t);                /* the picker */
    expect_in_row(t, "Tags", "yoga", true);
    vt_send(t, "n");
    expect_text(t, "Esc done");
    vt_send(t, "stiff after the bus");
    escape(t);
    expect_in_row(t, "Note", "stiff after the bus", true);
    expect_export("3-5,12-14", "09:00,6,7,neck,yoga,stiff after the bus\n");

    vt_send(t, "u");
    expect_text(t, "Undone: note removed");
    expect_in_row(t, "Note", "none: press n to write", true);
    expect_export("3-5,12-14", "09:00,6,7,neck,yoga,\n");
    vt_send(t, "u");
    expect_text(t, "Undone: tags -yoga");
    expect_in_row(t, "Tags", "none: press # to choose", true);
    expect_export("3-5,12-14", "09:00,6,7,neck,,\n");
    vt_send(t, "u");
    expect_text(t, "Undone: regions -neck");
    expect_text(t, "0 of 19 regions");
    expect_export("3-5,12-14", "09:00,6,7,,,\n");
    vt_send(t, "u");
    expect_text(t, "Undone: fatigue 7 -> not given");
    expect_in_row(t, "Fatigue", "–", true);
    expect_export("3-5,12-14", "09:00,6,,,,\n");
    vt_send(t, "u");          /* back to nothing: no longer stored */
    expect_text(t, "Undone: pain 6 -> not given");
    /* a new one again: the next value gives it its time */
    expect_row(t, 0, " Tuesday 24 November 2026 · check-in 1 of 1"
                     "           new: nothing recorded yet");
    expect_export("1", "");
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here (ache undo reverses the diary's "
                   "last change).");
    quit(t);
    expect_export("1", "");
}
END_TEST

/* A typed number is one change however many keys it took, also when the
 * field changes right after it. */
START_TEST(test_u_takes_back_a_typed_number_whole)
{
    struct vt *t = start();
    vt_send(t, "10");         /* pain 10 */
    expect_in_row(t, "Pain", " 10 ", true);
    vt_send(t, "jjj6.5j1j0"); /* 6.5 hours, stiffness 1, fog 0: a burst */
    expect_in_row(t, "Brain fog", " 0 ", true);
    expect_export("4,7-9", "10,6.5,1,0\n");
    vt_send(t, "u");
    expect_text(t, "Undone: brain fog 0 -> not given");
    expect_in_row(t, "Stiffness", " 1 ", true);
    expect_export("4,7-9", "10,6.5,1,\n");
    vt_send(t, "u");
    expect_text(t, "Undone: stiffness 1 -> not given");
    expect_export("4,7-9", "10,6.5,,\n");
    vt_send(t, "u");
    expect_text(t, "Undone: sleep hours 6.5 -> not given");
    expect_in_row(t, "Sleep hours", "–", true);
    expect_export("4,7-9", "10,,,\n");
    vt_send(t, "u");
    expect_text(t, "Undone: pain 10 -> not given");
    expect_export("4,7-9", "");
    quit(t);
}
END_TEST

/* u undoes the check-in shown: not another of the day (a), not another
 * day's ([ ]), not an earlier sitting. */
START_TEST(test_u_stays_with_its_checkin)
{
    struct vt *t = start();
    vt_send(t, "5");
    expect_in_row(t, "Pain", " 5 ", true);
    vt_send(t, "a3");         /* another check-in today */
    expect_text(t, "check-in 2 of 2");
    expect_export("4", "5\n3\n");
    vt_send(t, "u");
    expect_text(t, "Undone: pain 3 -> not given");
    expect_export("4", "5\n");
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here");
    expect_export("4", "5\n");
    vt_send(t, "<");          /* the first: a sitting of its own now */
    expect_text(t, "check-in 1 of 1");
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here");
    vt_send(t, "[2]");        /* yesterday's pain 2, then today again */
    expect_text(t, "Tuesday 24 November 2026");
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here");
    vt_send(t, "[");
    expect_text(t, "(yesterday)");
    vt_send(t, "u");
    expect_text(t, "Nothing to undo here");
    quit(t);
    expect_export("2,4", "2026-11-23,2\n2026-11-24,5\n");
}
END_TEST

/* ---- D ------------------------------------------------------------------------------ */

START_TEST(test_D_asks_and_any_other_key_keeps_it)
{
    add_at(MINUTE_BEFORE, (char[33]){0}, "--pain 4");
    struct vt *t = start_at(EVENING);
    vt_send(t, "D");
    expect_text(t, "Remove this check-in? y: yes (ache undo brings it "
                   "back); any other key: no");
    vt_send(t, "n");
    expect_text(t, "Kept.");
    vt_send(t, "D");
    expect_text(t, "Remove this check-in?");
    vt_send(t, "j");          /* only the answer */
    expect_text(t, "Kept.");
    expect_focus(t, "Pain");
    quit(t);
    expect_export("4", "4\n");
}
END_TEST

static void remove_with_D(char id[33])
{
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    vt_send(t, "D");
    expect_text(t, "Remove this check-in?");
    vt_send(t, "y");
    expect_text_with_id(t, "Removed: `ache undo` or `ache restore ", id,
                        "` brings it back.");
    expect_text(t, "new: nothing recorded yet");
    expect_in_row(t, "Pain", "–", true);
    expect_export("4", "");
    quit(t);
}

START_TEST(test_D_y_removes_and_restore_brings_it_back)
{
    char id[33];
    remove_with_D(id);
    ACHE_OK(MINUTE_AFTER, "restore %.8s", id);
    expect_export("4", "4\n");
}
END_TEST

START_TEST(test_D_y_removes_and_undo_brings_it_back)
{
    char id[33];
    remove_with_D(id);
    ACHE_OK(MINUTE_AFTER, "undo");
    expect_export("4", "4\n");
}
END_TEST

START_TEST(test_D_on_a_new_checkin_has_nothing_to_remove)
{
    struct vt *t = start();
    vt_send(t, "D");
    expect_text(t, "Nothing to remove: this check-in is not stored.");
    vt_send(t, "y");          /* no question was asked: nothing happens */
    quit(t);
    expect_export("4", "");
}
END_TEST

/* D on a copy that another program changed meanwhile: nothing is removed
 * unseen; the screen shows the check-in as it now is, and D again
 * removes it. */
START_TEST(test_D_on_a_checkin_changed_elsewhere_shows_it_first)
{
    char id[33];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    ACHE_OK(MINUTE_AFTER, "edit %s --mood 3", id);
    vt_send(t, "D");
    expect_text(t, "Remove this check-in?");
    vt_send(t, "y");
    expect_text(t, "Changed elsewhere meanwhile: reloaded, not removed (D "
                   "removes it).");
    expect_in_row(t, "Mood", " 3 ", true);
    expect_export("4,10", "4,3\n");
    vt_send(t, "Dy");
    expect_text(t, "Removed: `ache undo`");
    quit(t);
    expect_export("4", "");
}
END_TEST

/* ---- one version per sitting ---------------------------------------------------- */

START_TEST(test_a_sitting_of_many_keys_is_one_version)
{
    char id[33], out[4096];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    vt_send(t, "6j7j3j6.5j4j2j5j8h");   /* nine changes */
    expect_in_row(t, "Activity", " 7 ", true);
    vt_send(t, "b ");                    /* the tenth */
    expect_text(t, "1 of 19 regions");
    quit(t);
    expect_export("4-12", "6,7,3,6.5,4,2,5,7,neck\n");
    ck_assert_int_eq(ache_at(MINUTE_AFTER, out, sizeof out, "history %s",
                             id),
                     0);
    ck_assert_msg(lines_with(out, "full screen") == 1, "history:\n%s", out);
    ck_assert_msg(lines_with(out, "ache add") == 1, "history:\n%s", out);
    ck_assert_msg(lines_with(out, "pain 4 -> 6") == 1, "history:\n%s", out);
    ck_assert_msg(strstr(out, "regions +neck") || strstr(out, "neck"),
                  "history:\n%s", out);
    /* the diary's list of changes: one for the sitting too */
    ck_assert_int_eq(ache_at(MINUTE_AFTER, out, sizeof out, "history"), 0);
    ck_assert_msg(lines_with(out, "full screen") == 1, "changes:\n%s", out);
}
END_TEST

/* A check-in moved to another day by a command while the screen shows it:
 * the screen, shown again, follows it there. */
START_TEST(test_screen_follows_a_checkin_moved_elsewhere)
{
    char id[33];
    add_at(MINUTE_BEFORE, id, "--pain 4");
    struct vt *t = start_at(EVENING);
    expect_text(t, "check-in 1 of 1");
    vt_send(t, "c"); /* away to the calendar ... */
    expect_text(t, "November 2026");
    ACHE_OK(MINUTE_AFTER, "edit %s --date 2026-11-20", id);
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE); /* ... and back */
    expect_text(t, "The check-in shown was moved to 2026-11-20 elsewhere.");
    expect_text(t, "Friday 20 November 2026");
    vt_send(t, "6");
    expect_text(t, "✓ saved");
    quit(t);
    expect_export("2,4", "2026-11-20,6\n");
}
END_TEST

/* ---- a change not saved when the person quits ----------------------------------- */

START_TEST(test_quit_with_the_diary_busy_says_not_saved_and_exits_1)
{
    struct vt *t = start();
    vt_send(t, "5");
    expect_text(t, "✓ saved");
    sqlite3 *other;
    ck_assert_int_eq(sqlite3_open(db, &other), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", 0, 0, 0),
                     SQLITE_OK);
    vt_send(t, "h");          /* pain 4 (a digit now would be fatigue's) */
    expect_text(t, "not saved yet: retrying");
    vt_send(t, "q");          /* a last try of 10 s, then it gives up */
    ck_assert_int_eq(exit_status(t, 20000), 1);
    expect_text(t, "your change to the check-in (pain 5 -> 4) was not saved");
    vt_free(t);
    ck_assert_int_eq(sqlite3_exec(other, "COMMIT", 0, 0, 0), SQLITE_OK);
    sqlite3_close(other);
    expect_export("4", "5\n");
}
END_TEST

/* ---- how it looks -------------------------------------------------------------------- */

/* The header keeps the check-in's number and time beside the longest
 * date and the longest state, in UTF-8 and in ASCII. */
static void long_header(const char *lc_all, const char *settled,
                        const char *settled_row, const char *gone_row)
{
    char id[33];
    add_at(MORNING, id, "--date 2026-09-23 --time 08:30 --pain 3");
    struct vt *t = wait_checkin_screen(
        start_at_with(EVENING, lc_all, "xterm-256color", true, 80, 24));
    char back[64];
    memset(back, '[', 62); /* Wednesday 23 September: 62 days ago */
    back[62] = '\0';
    vt_send(t, back);
    expect_text(t, settled);
    expect_row(t, 0, settled_row);
    vt_send(t, "e");
    ACHE_OK(MINUTE_AFTER, "rm %s", id);
    vt_send(t, "5");
    expect_text(t, "removed elsewhere: r brings it back");
    expect_row(t, 0, gone_row);
    vt_send(t, "r");
    expect_text(t, "Brought back, with your change.");
    quit(t);
    expect_export("2-4", "2026-09-23,08:30,5\n");
}

START_TEST(test_header_fits_beside_a_long_date_utf8)
{
    long_header("C.UTF-8", "e changes it",
                " Wed 23 Sep 2026 (62 days ago) · 1 of 1 · 08:30"
                "          ✓ saved · e changes it",
                " Wed 23 Sep 2026 · 1 of 1 · 08:30"
                "           removed elsewhere: r brings it back");
}
END_TEST

START_TEST(test_header_fits_beside_a_long_date_ascii)
{
    long_header("C", "e changes it",
                " Wed 23 Sep 2026 (62 days ago) - check-in 1 of 1 - 08:30"
                "   saved - e changes it",
                " Wed 23 Sep 2026 - 1 of 1 - 08:30"
                "           removed elsewhere: r brings it back");
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("checkin history");
    TCase *tc = tcase_create("history");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_evening_starts_a_new_checkin_beside_the_morning);
    tcase_add_test(tc, test_evening_change_goes_to_the_field_it_was_made_in);
    tcase_add_test(tc, test_checkin_entered_a_minute_ago_is_changed);
    tcase_add_test(tc, test_edit_elsewhere_is_kept_under_the_screens_change);
    tcase_add_test(tc, test_u_never_takes_back_a_value_set_elsewhere);
    tcase_add_test(tc, test_import_elsewhere_is_kept_under_the_screens_change);
    tcase_add_test(tc, test_undo_elsewhere_is_kept_under_the_screens_change);
    tcase_add_test(tc,
                   test_u_to_the_start_keeps_the_time_and_a_change_elsewhere);
    tcase_add_test(tc, test_removed_elsewhere_r_brings_it_back_with_the_change);
    tcase_add_test(tc, test_removed_elsewhere_any_other_key_leaves_it_removed);
    tcase_add_test(tc, test_quit_when_removed_elsewhere_says_not_saved);
    tcase_add_test(tc, test_ctrl_c_when_removed_elsewhere_says_not_saved);
    tcase_add_test(tc, test_ctrl_c_with_everything_saved_exits_0);
    tcase_add_test(tc, test_screen_follows_a_checkin_moved_elsewhere);
    tcase_add_test(tc,
                   test_note_removed_elsewhere_r_brings_it_back_with_the_note);
    tcase_add_test(tc, test_note_removed_elsewhere_goes_into_no_other_checkin);
    tcase_add_test(tc,
                   test_screen_below_the_calendar_shows_the_change_made_above);
    tcase_add_test(tc, test_screen_two_below_shows_the_changes_made_above);
    tcase_add_test(tc, test_u_takes_back_each_change_one_by_one);
    tcase_add_test(tc, test_u_takes_back_a_typed_number_whole);
    tcase_add_test(tc, test_u_stays_with_its_checkin);
    tcase_add_test(tc, test_D_asks_and_any_other_key_keeps_it);
    tcase_add_test(tc, test_D_y_removes_and_restore_brings_it_back);
    tcase_add_test(tc, test_D_y_removes_and_undo_brings_it_back);
    tcase_add_test(tc, test_D_on_a_new_checkin_has_nothing_to_remove);
    tcase_add_test(tc, test_D_on_a_checkin_changed_elsewhere_shows_it_first);
    tcase_add_test(tc, test_a_sitting_of_many_keys_is_one_version);
    tcase_add_test(tc, test_quit_with_the_diary_busy_says_not_saved_and_exits_1);
    tcase_add_test(tc, test_header_fits_beside_a_long_date_utf8);
    tcase_add_test(tc, test_header_fits_beside_a_long_date_ascii);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
