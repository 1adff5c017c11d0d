/* Searching the notes on the calendar screen: s types the words, Enter
 * selects the latest day found, n and N go back in time and forward, the
 * panel shows the note's line with the words in reverse video, and the
 * help lists the keys. */
#include "uitest.h"

/* Notes in October and November 2026, added with the command line. */
static void seed(void)
{
    static const char *const adds[] = {
        "--date 2026-10-15 --pain 4 --note 'Swim at the pool, warm water'",
        "--date 2026-11-03 --pain 2 --note 'first'",
        "--date 2026-11-10 --pain 8 --note 'Bad night; POOL closed, "
        "walked instead'",
        "--date 2026-11-20 --pain 3 --note \"$(printf 'two lines\\nthe "
        "pool again, with Anna')\"",
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
    expect_text(t, "Tuesday 24 November 2026");
    return t;
}

/* Whether the text on screen is in reverse video, first cell and last. */
static bool reversed(struct vt *t, const char *text)
{
    int row, col;
    struct vt_cell_info first, last;
    ck_assert_msg(vt_find(t, text, &row, &col), "'%s' is not on screen",
                  text);
    ck_assert(vt_cell(t, row, col, &first));
    ck_assert(vt_cell(t, row, col + (int)strlen(text) - 1, &last));
    return first.reverse && last.reverse;
}

static void search_for(struct vt *t, const char *words)
{
    vt_send(t, "s");
    expect_text(t, "Search notes (words; Enter finds, Esc cancels):");
    vt_send(t, words);
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
}

START_TEST(test_search_selects_the_latest_day_found)
{
    struct vt *t = open_calendar();
    search_for(t, "Pool");
    expect_text(t, "Friday 20 November 2026");
    expect_text(t, "\"Pool\" found: n goes back in time, N forward.");
    /* the line of the note where the word is, the word reversed */
    expect_text(t, "the pool again, with Anna");
    ck_assert(reversed(t, "pool"));
    ck_assert(!reversed(t, "again"));
    vt_send(t, "n");
    expect_text(t, "Tuesday 10 November 2026");
    expect_text(t, "POOL closed");
    ck_assert(reversed(t, "POOL"));
    vt_send(t, "n");
    expect_text(t, "Thursday 15 October 2026");
    expect_text(t, "October 2026");
    vt_send(t, "n");
    expect_text(t, "No earlier note has \"Pool\".");
    expect_text(t, "Thursday 15 October 2026");
    vt_send(t, "N");
    expect_text(t, "Tuesday 10 November 2026");
    vt_send(t, "NN");
    expect_text(t, "No later note has \"Pool\".");
    expect_text(t, "Friday 20 November 2026");
    quit(t);
}
END_TEST

START_TEST(test_search_needs_every_word)
{
    struct vt *t = open_calendar();
    search_for(t, "pool night");
    expect_text(t, "Tuesday 10 November 2026");
    ck_assert(reversed(t, "night"));
    ck_assert(reversed(t, "POOL"));
    search_for(t, "pool storm");
    expect_text(t, "No note has \"pool storm\".");
    expect_text(t, "Tuesday 10 November 2026");
    vt_send(t, "n");
    expect_text(t, "s searches the notes first.");
    quit(t);
}
END_TEST

/* From a day before every match, Enter finds the first one after it. */
START_TEST(test_search_looks_forward_when_nothing_is_before)
{
    struct vt *t = open_calendar();
    vt_send(t, "/2026-10-01");
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
    expect_text(t, "Thursday 1 October 2026");
    search_for(t, "water");
    expect_text(t, "Thursday 15 October 2026");
    ck_assert(reversed(t, "water"));
    quit(t);
}
END_TEST

START_TEST(test_search_line_edits_and_cancels)
{
    struct vt *t = open_calendar();
    vt_send(t, "s");
    expect_text(t, "Search notes");
    vt_send(t, "poox");
    vt_key(t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
    vt_send(t, "l");
    expect_text(t, "Esc cancels): pool");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    ck_assert(vt_wait_no_text(t, "Search notes", WAIT_MS));
    expect_text(t, "Tuesday 24 November 2026");
    /* the keys typed there moved nothing: h is still a day back */
    vt_send(t, "h");
    expect_text(t, "Monday 23 November 2026");
    search_for(t, "   ");
    expect_text(t, "No words: nothing searched.");
    quit(t);
}
END_TEST

START_TEST(test_search_keys_are_in_the_help)
{
    struct vt *t = open_calendar();
    vt_send(t, "?");
    expect_text(t, "search the notes (every word typed must be there)");
    expect_text(t, "the next note found back in time / forward");
    expect_text(t, "go to a date");
    vt_send(t, " "); /* any key leaves the help */
    expect_text(t, "Calendar: Pain");
    quit(t);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("calendar search");
    TCase *tc = tcase_create("search");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_search_selects_the_latest_day_found);
    tcase_add_test(tc, test_search_needs_every_word);
    tcase_add_test(tc, test_search_looks_forward_when_nothing_is_before);
    tcase_add_test(tc, test_search_line_edits_and_cancels);
    tcase_add_test(tc, test_search_keys_are_in_the_help);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
