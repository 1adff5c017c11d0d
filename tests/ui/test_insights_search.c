/* Searching the text on the insights screen: s types the words, Enter
 * scrolls to the first line holding them all (any case), n and N go to
 * the next and previous such line and stop at either end, the words are
 * in reverse video with the cursor on the line found, a search that
 * finds nothing says so and moves nothing, Esc leaves the search line,
 * and the help lists the keys.
 *
 * The diary is `ache demo --days 120` at the tests' day; the insights of
 * its last 90 days are 258 lines, "stress" on lines 22, 44 and 154 of
 * them, "Pacing: boom and bust" on line 200, and a page is 20 lines. */
#include "uitest.h"

static struct vt *open_insights(void)
{
    char out[256];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "demo --days 120"),
                     0);
    struct vt *t = start();
    vt_send(t, "i");
    expect_text(t, "Insights: the last 90 days");
    expect_text(t, "line 1 of 258");
    return t;
}

static void search_for(struct vt *t, const char *words)
{
    vt_send(t, "s");
    expect_text(t, "Search the text (words; Enter finds, Esc cancels):");
    vt_send(t, words);
    vt_key(t, VTERM_KEY_ENTER, VTERM_MOD_NONE);
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

/* The terminal cursor sits at the start of `text` (a screen reader
 * follows it to the line found). */
static void cursor_on(struct vt *t, const char *text)
{
    int row, col;
    vt_wait_idle(t, 50, WAIT_MS);
    ck_assert_msg(vt_find(t, text, &row, &col), "'%s' is not on screen",
                  text);
    ck_assert(vt_cursor_visible(t));
    ck_assert_int_eq(vt_cursor_row(t), row);
    ck_assert_int_eq(vt_cursor_col(t), col);
}

START_TEST(test_search_scrolls_to_the_first_line_found)
{
    struct vt *t = open_insights();
    search_for(t, "STRESS");
    expect_text(t, "\"STRESS\" found: n the next line, N the previous.");
    /* line 22 was below the page: it comes with two lines above it */
    expect_text(t, "line 20 of 258");
    expect_text(t, "days), stress on 1 day (28%), stretching on 2 days");
    ck_assert(reversed(t, "stress"));
    ck_assert(!reversed(t, "stretching"));
    cursor_on(t, "stress on 1 day");
    quit(t);
}
END_TEST

START_TEST(test_n_and_N_stop_at_either_end)
{
    struct vt *t = open_insights();
    search_for(t, "stress");
    expect_text(t, "line 20 of 258");
    vt_send(t, "n");
    expect_text(t, "line 42 of 258");
    cursor_on(t, "stress         1 of 8");
    vt_send(t, "n");
    expect_text(t, "line 152 of 258");
    cursor_on(t, "stress (trigger)");
    ck_assert(reversed(t, "stress"));
    vt_send(t, "n");
    expect_text(t, "No line below has \"stress\".");
    expect_text(t, "line 152 of 258"); /* no wrapping to the top */
    vt_send(t, "N");
    expect_text(t, "line 42 of 258");
    vt_send(t, "N");
    expect_text(t, "line 20 of 258");
    vt_send(t, "N");
    expect_text(t, "No line above has \"stress\".");
    expect_text(t, "line 20 of 258");
    quit(t);
}
END_TEST

/* From a page below every match, Enter finds the first one from the top. */
START_TEST(test_search_from_below_starts_again_at_the_top)
{
    struct vt *t = open_insights();
    vt_key(t, VTERM_KEY_END, VTERM_MOD_NONE);
    expect_text(t, "line 239 of 258");
    search_for(t, "stress");
    expect_text(t, "line 20 of 258");
    cursor_on(t, "stress on 1 day");
    quit(t);
}
END_TEST

START_TEST(test_search_needs_every_word_on_the_line)
{
    struct vt *t = open_insights();
    search_for(t, "boom pacing");
    expect_text(t, "line 198 of 258");
    expect_text(t, "Pacing: boom and bust");
    ck_assert(reversed(t, "Pacing"));
    ck_assert(reversed(t, "boom"));
    ck_assert(!reversed(t, "bust"));
    vt_send(t, "n");
    expect_text(t, "No line below has \"boom pacing\".");
    quit(t);
}
END_TEST

START_TEST(test_nothing_found_says_so_and_moves_nothing)
{
    struct vt *t = open_insights();
    vt_send(t, "jjj");
    expect_text(t, "line 4 of 258");
    search_for(t, "stress zebra");
    expect_text(t, "No line of these insights has \"stress zebra\".");
    expect_text(t, "line 4 of 258");
    vt_send(t, "n");
    expect_text(t, "s searches the text first.");
    expect_text(t, "line 4 of 258");
    search_for(t, "   ");
    expect_text(t, "No words: nothing searched.");
    quit(t);
}
END_TEST

START_TEST(test_search_line_edits_and_cancels)
{
    struct vt *t = open_insights();
    vt_send(t, "s");
    expect_text(t, "Search the text");
    /* keys of the screen are text here: j does not scroll, q not quit */
    vt_send(t, "jqx");
    vt_key(t, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
    expect_text(t, "Esc cancels): jq");
    expect_text(t, "line 1 of 258");
    vt_key(t, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
    ck_assert(vt_wait_no_text(t, "Search the text", WAIT_MS));
    /* one Esc left the search line only, not the screen */
    expect_text(t, "Insights: the last 90 days");
    vt_send(t, "j");
    expect_text(t, "line 2 of 258");
    vt_send(t, "n");
    expect_text(t, "s searches the text first.");
    quit(t);
}
END_TEST

START_TEST(test_search_keys_are_in_the_help)
{
    struct vt *t = open_insights();
    vt_send(t, "?");
    expect_text(t, "search the text (every word typed must be on the line)");
    expect_text(t, "n N               the next / previous line found");
    expect_text(t, "period: 30 days, 90 days, a year, everything");
    vt_send(t, " "); /* any key leaves the help */
    expect_text(t, "line 1 of 258");
    quit(t);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("insights search");
    TCase *tc = tcase_create("search");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_search_scrolls_to_the_first_line_found);
    tcase_add_test(tc, test_n_and_N_stop_at_either_end);
    tcase_add_test(tc, test_search_from_below_starts_again_at_the_top);
    tcase_add_test(tc, test_search_needs_every_word_on_the_line);
    tcase_add_test(tc, test_nothing_found_says_so_and_moves_nothing);
    tcase_add_test(tc, test_search_line_edits_and_cancels);
    tcase_add_test(tc, test_search_keys_are_in_the_help);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
