/* Unit tests for editbuf: editing, movement, word and line operations,
 * wrapping and the cursor's place, in ASCII, CJK, emoji, combining marks,
 * Arabic and Cyrillic, and a long random run that checks the invariants. */
#include "testutil.h"

#include <stdint.h>

#include "ache/editbuf.h"
#include "ache/text.h"

#define ZWJ "\u200D"
#define ACUTE "\u0301"             /* combining acute accent, 2 bytes */
#define FAMILY "👨" ZWJ "👩" ZWJ "👧" /* 18 bytes, one character */
#define THUMB_TONE "👍🏽"            /* thumbs up + medium skin tone, 8 bytes */

/* A buffer holding text with the cursor at byte `cursor`. */
static void setup(struct editbuf *b, const char *text, size_t cursor)
{
    editbuf_init(b, text);
    b->cursor = cursor;
}

#define ASSERT_TEXT(b, want) ck_assert_str_eq(editbuf_text(b), (want))

/* The number of cases in a table, for tcase_add_loop_test. */
#define NCASES(cases) ((int)(sizeof(cases) / sizeof((cases)[0])))

/* ---- plain editing ---------------------------------------------------- */

START_TEST(test_init)
{
    struct editbuf b;
    editbuf_init(&b, NULL);
    ASSERT_TEXT(&b, "");
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cursor, 0);
    ck_assert_int_eq(b.goal_col, -1);
    editbuf_free(&b);

    editbuf_init(&b, "sore\r\nneck");
    ASSERT_TEXT(&b, "sore\nneck"); /* cleaned like an insert */
    ck_assert_uint_eq(b.len, 9);
    ck_assert_uint_eq(b.cursor, 9); /* at the end, to add to the note */
    ck_assert(!editbuf_buf_end(&b));
    ck_assert(editbuf_buf_start(&b));
    ck_assert_uint_eq(b.cursor, 0);
    editbuf_free(&b);
    ck_assert_ptr_null(b.text);
}
END_TEST

START_TEST(test_ascii_editing)
{
    struct editbuf b;
    editbuf_init(&b, NULL);
    editbuf_insert(&b, "hello");
    ck_assert_uint_eq(b.cursor, 5);
    ck_assert(editbuf_left(&b));
    ck_assert(editbuf_left(&b));
    editbuf_insert(&b, "XY");
    ASSERT_TEXT(&b, "helXYlo");
    ck_assert_uint_eq(b.cursor, 5);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "helXlo");
    ck_assert(editbuf_delete(&b));
    ASSERT_TEXT(&b, "helXo");
    ck_assert_uint_eq(b.cursor, 4);
    editbuf_insert_cp(&b, '!');
    ASSERT_TEXT(&b, "helX!o");

    ck_assert(editbuf_buf_start(&b));
    ck_assert(!editbuf_buf_start(&b));
    ck_assert(!editbuf_left(&b));
    ck_assert(!editbuf_backspace(&b));
    ck_assert(editbuf_buf_end(&b));
    ck_assert(!editbuf_right(&b));
    ck_assert(!editbuf_delete(&b));
    ASSERT_TEXT(&b, "helX!o");
    editbuf_free(&b);
}
END_TEST

/* Enough text to make the buffer grow several times. */
START_TEST(test_growth)
{
    struct editbuf b;
    editbuf_init(&b, NULL);
    for (int i = 0; i < 1000; i++)
        editbuf_insert(&b, "ache ");
    ck_assert_uint_eq(b.len, 5000);
    ck_assert_uint_eq(strlen(editbuf_text(&b)), 5000);
    ck_assert_uint_eq(b.cursor, 5000);
    editbuf_free(&b);
}
END_TEST

START_TEST(test_multiline)
{
    struct editbuf b;
    editbuf_init(&b, NULL);
    editbuf_insert(&b, "one\ntwo");
    editbuf_insert_cp(&b, '\n');
    editbuf_insert(&b, "three");
    ASSERT_TEXT(&b, "one\ntwo\nthree");
    ck_assert(editbuf_line_start(&b));
    ck_assert_uint_eq(b.cursor, 8);
    ck_assert(!editbuf_line_start(&b));
    ck_assert(editbuf_left(&b)); /* over the '\n' */
    ck_assert_uint_eq(b.cursor, 7);
    ck_assert(!editbuf_line_end(&b));
    ck_assert(editbuf_line_start(&b));
    ck_assert_uint_eq(b.cursor, 4);
    ck_assert(editbuf_backspace(&b)); /* joins "one" and "two" */
    ASSERT_TEXT(&b, "onetwo\nthree");
    ck_assert_uint_eq(b.cursor, 3);
    ck_assert(editbuf_line_end(&b));
    ck_assert_uint_eq(b.cursor, 6);
    ck_assert(editbuf_delete(&b)); /* joins "onetwo" and "three" */
    ASSERT_TEXT(&b, "onetwothree");
    editbuf_free(&b);
}
END_TEST

/* ---- scripts and characters ------------------------------------------- */

START_TEST(test_cjk)
{
    struct editbuf b;
    editbuf_init(&b, NULL);
    editbuf_insert(&b, "日本語");
    ck_assert_uint_eq(b.len, 9);
    ck_assert_uint_eq(b.cursor, 9);
    ck_assert(editbuf_left(&b));
    ck_assert_uint_eq(b.cursor, 6);
    int row, col;
    editbuf_cursor_pos(&b, 80, &row, &col);
    ck_assert_int_eq(row, 0);
    ck_assert_int_eq(col, 4); /* two wide characters before it */
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "日語");
    ck_assert_uint_eq(b.cursor, 3);
    editbuf_insert(&b, "本");
    ASSERT_TEXT(&b, "日本語");
    ck_assert(editbuf_delete(&b));
    ASSERT_TEXT(&b, "日本");
    editbuf_free(&b);
}
END_TEST

START_TEST(test_emoji_simple_and_skin_tone)
{
    struct editbuf b;
    setup(&b, "a😀" THUMB_TONE "b", 0);
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 1);
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 5); /* over the 4 bytes of U+1F600 */
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 13); /* thumb and tone are one character */
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "a😀b");
    ck_assert_uint_eq(b.cursor, 5);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "ab");
    editbuf_free(&b);

    /* A tone typed after a thumb joins it: one left step goes over both. */
    editbuf_init(&b, NULL);
    editbuf_insert(&b, "👍");
    editbuf_insert_cp(&b, 0x1F3FD);
    ASSERT_TEXT(&b, THUMB_TONE);
    ck_assert(editbuf_left(&b));
    ck_assert_uint_eq(b.cursor, 0);
    ck_assert(editbuf_delete(&b));
    ASSERT_TEXT(&b, "");
    editbuf_free(&b);
}
END_TEST

/* Backspace after a ZWJ family removes the whole family (all 18 bytes:
 * man, ZWJ, woman, ZWJ, girl): it is one character on the screen. */
START_TEST(test_emoji_zwj_family)
{
    struct editbuf b;
    setup(&b, "x" FAMILY "y", 0);
    ck_assert(editbuf_right(&b));
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 19);
    ck_assert(editbuf_left(&b));
    ck_assert_uint_eq(b.cursor, 1);
    ck_assert(editbuf_delete(&b));
    ASSERT_TEXT(&b, "xy");
    editbuf_free(&b);

    setup(&b, "x" FAMILY, 19);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "x");
    editbuf_free(&b);

    /* Built up as typed, it becomes one character at the last emoji. */
    editbuf_init(&b, NULL);
    editbuf_insert(&b, "👨");
    editbuf_insert(&b, ZWJ);
    ck_assert_uint_eq(b.cursor, 7);
    editbuf_insert(&b, "👩");
    ck_assert(editbuf_left(&b));
    ck_assert_uint_eq(b.cursor, 0);
    editbuf_free(&b);

    /* A ZWJ joins emoji, not letters. */
    setup(&b, "a" ZWJ "b", 5);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "a" ZWJ);
    editbuf_free(&b);
}
END_TEST

START_TEST(test_flags_and_keycaps)
{
    struct editbuf b;
    /* Two flags, each a pair of regional indicators. */
    setup(&b, "🇯🇵🇫🇷", 16);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "🇯🇵");
    ck_assert(editbuf_left(&b));
    ck_assert_uint_eq(b.cursor, 0);
    editbuf_free(&b);

    /* Keycap one: digit, VS16, combining enclosing keycap. */
    setup(&b, "1\uFE0F\u20E3!", 0);
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 7);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "!");
    editbuf_free(&b);
}
END_TEST

START_TEST(test_combining_accents)
{
    struct editbuf b;
    setup(&b, "cafe" ACUTE "!", 0);
    for (int i = 0; i < 3; i++)
        editbuf_right(&b);
    ck_assert_uint_eq(b.cursor, 3);
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 6); /* e and its accent together */
    ck_assert(editbuf_left(&b));
    ck_assert_uint_eq(b.cursor, 3);
    ck_assert(editbuf_delete(&b));
    ASSERT_TEXT(&b, "caf!");
    editbuf_free(&b);

    setup(&b, "e" ACUTE ACUTE, 5);
    ck_assert(editbuf_backspace(&b)); /* base and both marks */
    ASSERT_TEXT(&b, "");
    editbuf_free(&b);

    /* Typing an accent after a letter: the cursor stays after both. */
    editbuf_init(&b, "e");
    editbuf_insert_cp(&b, 0x301);
    ck_assert_uint_eq(b.cursor, 3);
    int row, col;
    editbuf_cursor_pos(&b, 80, &row, &col);
    ck_assert_int_eq(col, 1);
    editbuf_free(&b);

    /* A letter typed before a lone accent merges with it; the cursor goes
     * to the end of the merged character, never between them. */
    setup(&b, ACUTE "x", 0);
    editbuf_insert(&b, "e");
    ASSERT_TEXT(&b, "e" ACUTE "x");
    ck_assert_uint_eq(b.cursor, 3);
    editbuf_free(&b);
}
END_TEST

START_TEST(test_arabic_and_cyrillic)
{
    struct editbuf b;
    /* "marhaban": five letters of two bytes. */
    setup(&b, "مرحبا", 10);
    ck_assert(editbuf_left(&b));
    ck_assert_uint_eq(b.cursor, 8);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "مرحا");
    editbuf_free(&b);

    /* Beh with fatha (U+064E) is one character. */
    setup(&b, "\u0628\u064E\u062A", 0);
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 4);
    editbuf_free(&b);

    setup(&b, "Привет мир", 19);
    ck_assert(editbuf_word_left(&b));
    ck_assert_uint_eq(b.cursor, 13);
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "мир");
    ck_assert(editbuf_right(&b));
    ck_assert_uint_eq(b.cursor, 2);
    editbuf_free(&b);

    /* A decomposed short i (и + combining breve) is one character. */
    setup(&b, "мои\u0306", 8);
    ck_assert(editbuf_backspace(&b));
    ASSERT_TEXT(&b, "мо");
    editbuf_free(&b);
}
END_TEST

/* ---- cleaning input ---------------------------------------------------- */

START_TEST(test_invalid_utf8_replaced)
{
    struct editbuf b;
    editbuf_init(&b, NULL);
    editbuf_insert(&b, "a\xFF" "b\xC3");
    ASSERT_TEXT(&b, "a\uFFFDb\uFFFD");
    ck_assert_uint_eq(b.cursor, b.len);
    editbuf_free(&b);

    editbuf_init(&b, "\xC0\xAF|\xED\xA0\x80|\xF4\x90\x80\x80");
    /* Overlong, surrogate, beyond U+10FFFF: every byte is replaced. */
    ASSERT_TEXT(&b, "\uFFFD\uFFFD|\uFFFD\uFFFD\uFFFD|"
                    "\uFFFD\uFFFD\uFFFD\uFFFD");
    ck_assert(utf8_valid(b.text, b.len, NULL));
    editbuf_free(&b);

    editbuf_init(&b, NULL);
    editbuf_insert_cp(&b, 0xD800);
    editbuf_insert_cp(&b, 0x110000);
    ASSERT_TEXT(&b, "\uFFFD\uFFFD");
    editbuf_free(&b);
}
END_TEST

START_TEST(test_controls_dropped)
{
    struct editbuf b;
    const char *in = "a\r\nb\x01\x1B[31mc\td\x7F" "e\xC2\x9B" "f";
    editbuf_init(&b, NULL);
    editbuf_insert(&b, in);
    ASSERT_TEXT(&b, "a\nb[31mc\tdef");
    ck_assert_uint_eq(editbuf_clean_len(in), b.len);
    ck_assert_uint_eq(editbuf_clean_len("\xFF"), 3);
    editbuf_insert_cp(&b, 0);
    editbuf_insert_cp(&b, '\r');
    editbuf_insert_cp(&b, 0x1B);
    editbuf_insert_cp(&b, 0x85); /* NEL, a C1 control */
    ASSERT_TEXT(&b, "a\nb[31mc\tdef");
    editbuf_insert_cp(&b, '\t');
    editbuf_insert_cp(&b, '\n');
    ASSERT_TEXT(&b, "a\nb[31mc\tdef\t\n");
    editbuf_free(&b);
}
END_TEST

START_TEST(test_would_fit)
{
    struct editbuf b;
    editbuf_init(&b, "0123456789");
    ck_assert(editbuf_would_fit(&b, 6, 16));
    ck_assert(!editbuf_would_fit(&b, 7, 16));
    ck_assert(!editbuf_would_fit(&b, SIZE_MAX, 16));
    ck_assert(!editbuf_would_fit(&b, 0, 5));
    ck_assert(editbuf_would_fit(&b, EDITBUF_MAX_BYTES - 10,
                                EDITBUF_MAX_BYTES));
    ck_assert_int_eq(EDITBUF_MAX_BYTES, 16384);
    editbuf_free(&b);
}
END_TEST

/* ---- words and lines --------------------------------------------------- */

START_TEST(test_word_movement)
{
    struct editbuf b;
    setup(&b, "hello, world  foo", 0);
    static const size_t right[] = {5, 6, 12, 17};
    for (size_t i = 0; i < 4; i++) {
        ck_assert(editbuf_word_right(&b));
        ck_assert_uint_eq(b.cursor, right[i]);
    }
    ck_assert(!editbuf_word_right(&b));
    static const size_t left[] = {14, 7, 5, 0};
    for (size_t i = 0; i < 4; i++) {
        ck_assert(editbuf_word_left(&b));
        ck_assert_uint_eq(b.cursor, left[i]);
    }
    ck_assert(!editbuf_word_left(&b));
    editbuf_free(&b);

    /* Across a line break; ideographs and emoji are word characters. */
    setup(&b, "ab\n  日本語😀 テスト。", 3);
    ck_assert(editbuf_word_left(&b));
    ck_assert_uint_eq(b.cursor, 0);
    ck_assert(editbuf_word_right(&b));
    ck_assert_uint_eq(b.cursor, 2);
    ck_assert(editbuf_word_right(&b));
    ck_assert_uint_eq(b.cursor, 18);
    ck_assert(editbuf_word_right(&b));
    ck_assert_uint_eq(b.cursor, 28); /* stops before the 。 */
    editbuf_free(&b);
}
END_TEST

START_TEST(test_delete_word_back)
{
    struct editbuf b;
    setup(&b, "hello big  world", 16);
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "hello big  ");
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "hello ");
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "");
    ck_assert(!editbuf_delete_word_back(&b));
    editbuf_free(&b);

    /* Punctuation goes with the word, as in a terminal. */
    setup(&b, "it hurts.", 9);
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "it ");
    editbuf_free(&b);

    /* From the middle of a word, only its first part. */
    setup(&b, "hello world", 8);
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "hello rld");
    ck_assert_uint_eq(b.cursor, 6);
    editbuf_free(&b);

    /* Line breaks: one at a time. */
    setup(&b, "foo bar\n  baz", 13);
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "foo bar\n  ");
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "foo bar\n");
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "foo bar");
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "foo ");
    editbuf_free(&b);

    setup(&b, "I feel 😀" THUMB_TONE, 19);
    ck_assert(editbuf_delete_word_back(&b));
    ASSERT_TEXT(&b, "I feel ");
    editbuf_free(&b);
}
END_TEST

START_TEST(test_kill_to_line_end)
{
    struct editbuf b;
    setup(&b, "one two\nthree", 3);
    ck_assert(editbuf_kill_to_line_end(&b));
    ASSERT_TEXT(&b, "one\nthree");
    ck_assert_uint_eq(b.cursor, 3);
    ck_assert(editbuf_kill_to_line_end(&b)); /* the line break */
    ASSERT_TEXT(&b, "onethree");
    ck_assert(editbuf_kill_to_line_end(&b));
    ASSERT_TEXT(&b, "one");
    ck_assert(!editbuf_kill_to_line_end(&b));
    editbuf_free(&b);

    setup(&b, "日本" FAMILY "\nx", 3);
    ck_assert(editbuf_kill_to_line_end(&b));
    ASSERT_TEXT(&b, "日\nx");
    editbuf_free(&b);
}
END_TEST

/* ---- up and down ------------------------------------------------------ */

START_TEST(test_up_down_lines)
{
    struct editbuf b;
    /* Line starts: 0 (日本語), 10 (abcdef), 17 (xy). */
    setup(&b, "日本語\nabcdef\nxy", 6); /* after 本: column 4 */
    ck_assert(!editbuf_up(&b, 0));
    ck_assert(editbuf_down(&b, 0));
    ck_assert_uint_eq(b.cursor, 14); /* abcd| */
    ck_assert_int_eq(b.goal_col, 4);
    ck_assert(editbuf_down(&b, 0));
    ck_assert_uint_eq(b.cursor, 19); /* xy| is as far as it goes */
    ck_assert(!editbuf_down(&b, 0));
    ck_assert(editbuf_up(&b, 0));
    ck_assert_uint_eq(b.cursor, 14); /* the goal column was kept */
    ck_assert(editbuf_up(&b, 0));
    ck_assert_uint_eq(b.cursor, 6);

    /* Column 3 falls inside 本: the cursor lands before it. */
    b.cursor = 13;
    ck_assert(editbuf_left(&b));
    ck_assert_int_eq(b.goal_col, -1);
    ck_assert(editbuf_right(&b));
    ck_assert(editbuf_up(&b, 0));
    ck_assert_uint_eq(b.cursor, 3);
    editbuf_free(&b);

    /* Accented letters are one column each. */
    setup(&b, "e" ACUTE "e" ACUTE "e" ACUTE "\nabcd", 12);
    ck_assert(editbuf_up(&b, 0));
    ck_assert_uint_eq(b.cursor, 6);
    editbuf_free(&b);

    /* An empty line in between. */
    setup(&b, "abc\n\nabc", 2);
    ck_assert(editbuf_down(&b, 0));
    ck_assert_uint_eq(b.cursor, 4);
    ck_assert(editbuf_down(&b, 0));
    ck_assert_uint_eq(b.cursor, 7);
    editbuf_free(&b);
}
END_TEST

START_TEST(test_up_down_wrapped)
{
    struct editbuf b;
    setup(&b, "abcdefgh", 6); /* rows abcd | efgh at 4 columns */
    ck_assert(editbuf_up(&b, 4));
    ck_assert_uint_eq(b.cursor, 2);
    ck_assert(editbuf_down(&b, 4));
    ck_assert_uint_eq(b.cursor, 6);
    ck_assert(!editbuf_down(&b, 4));
    /* From the end (column 4), up cannot land at offset 4: that place is
     * shown at the start of the next row. */
    b.cursor = 8;
    b.goal_col = -1;
    ck_assert(editbuf_up(&b, 4));
    ck_assert_uint_eq(b.cursor, 3);
    ck_assert(!editbuf_up(&b, 4));
    /* Unwrapped, the same text is a single line. */
    ck_assert(!editbuf_down(&b, 0));
    editbuf_free(&b);

    /* Wide characters in wrapped rows: 日本 | 語ab at 4 columns. */
    setup(&b, "日本語ab", 10);
    int row, col;
    editbuf_cursor_pos(&b, 4, &row, &col);
    ck_assert_int_eq(row, 1);
    ck_assert_int_eq(col, 3);
    ck_assert(editbuf_up(&b, 4));
    ck_assert_uint_eq(b.cursor, 3); /* column 3 is inside 本: before it */
    ck_assert(editbuf_down(&b, 4));
    ck_assert_uint_eq(b.cursor, 10);
    editbuf_free(&b);

    /* Unwrapped: 日本語 over ab, column 1 is inside 日. */
    setup(&b, "日本語\nab", 11);
    ck_assert(editbuf_up(&b, 0));
    ck_assert_uint_eq(b.cursor, 0);
    ck_assert(editbuf_down(&b, 0));
    ck_assert_uint_eq(b.cursor, 11);
    editbuf_free(&b);
}
END_TEST

/* ---- wrapping ---------------------------------------------------------- */

/* A text, the columns it is wrapped to, and the rows editbuf_wrap must
 * give, as "start-end:width" triples. */
struct wrap_case {
    const char *text;
    int cols;
    const char *rows;
};

/* Checks editbuf_wrap(text, cols) against its rows; a failure names the
 * text and the columns. */
static void assert_wrap(const struct wrap_case *c)
{
    struct editbuf b;
    editbuf_init(&b, c->text);
    struct editbuf_line *rows;
    size_t n = editbuf_wrap(&b, c->cols, &rows);
    struct strbuf got;
    strbuf_init(&got);
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&got, "%s%zu-%zu:%d", i ? " " : "", rows[i].start,
                      rows[i].end, rows[i].width);
    ck_assert_msg(strcmp(strbuf_str(&got), c->rows) == 0,
                  "wrap(\"%s\", %d) = %s, want %s", c->text, c->cols,
                  strbuf_str(&got), c->rows);
    strbuf_free(&got);
    free(rows);
    editbuf_free(&b);
}

/* Words: rows break at blanks, and a blank at the end of a row hangs. */
static const struct wrap_case wrap_words[] = {
    {"", 10, "0-0:0"},
    {"hello world", 20, "0-11:11"},
    {"hello world", 11, "0-11:11"},
    {"hello world", 8, "0-6:6 6-11:5"},
    /* The space after a full row hangs at its end. */
    {"hello world", 5, "0-6:5 6-11:5"},
    /* No space in reach: a hard break. */
    {"hello world", 3, "0-3:3 3-6:3 6-9:3 9-11:2"},
    {"ab cd ef gh", 7, "0-6:6 6-11:5"},
    /* Only one space hangs; the next begins a row. */
    {"hello  world", 5, "0-6:5 6-7:1 7-12:5"},
    /* A trailing space that hangs is followed by a row for the cursor. */
    {"hello ", 5, "0-6:5 6-6:0"},
    {"a\n\nb\n", 5, "0-1:1 2-2:0 3-4:1 5-5:0"},
    {"pain\nlow back\n", 4, "0-4:4 5-9:4 9-13:4 14-14:0"},
    /* Tabs count one column and are blanks (this one hangs). */
    {"a\tb\tc", 3, "0-4:3 4-5:1"},
    {"a\tbc d", 3, "0-2:2 2-5:3 5-6:1"},
    /* No wrapping at all. */
    {"hello world\nagain", 0, "0-11:11 12-17:5"},
    {"hello world\nagain", -1, "0-11:11 12-17:5"},
};

START_TEST(test_wrap_words)
{
    assert_wrap(&wrap_words[_i]);
}
END_TEST

/* Wide characters: a wide character is never split; at width 1 it
 * overflows alone. */
static const struct wrap_case wrap_wide[] = {
    {"日本語", 1, "0-3:2 3-6:2 6-9:2"},
    {"日本語", 2, "0-3:2 3-6:2 6-9:2"},
    {"日本語", 3, "0-3:2 3-6:2 6-9:2"},
    {"日本語", 4, "0-6:4 6-9:2"},
    {"日本語", 5, "0-6:4 6-9:2"},
    {"日本語", 6, "0-9:6"},
    {"a日b", 2, "0-1:1 1-4:2 4-5:1"},
    {"a日b", 1, "0-1:1 1-4:2 4-5:1"},
    {"😀x", 1, "0-4:2 4-5:1"},
    /* So does a character wider than the row: a toned thumb (4). */
    {THUMB_TONE "ok", 3, "0-8:4 8-10:2"},
    /* The family is 6 columns (three pictures as the grid draws them). */
    {"a" FAMILY "b", 4, "0-1:1 1-19:6 19-20:1"},
    /* Combining marks stay with their letter, even at width 1. */
    {"e" ACUTE "e" ACUTE, 1, "0-3:1 3-6:1"},
    /* The ideographic space is a blank that hangs. */
    {"日本\u3000語", 4, "0-9:4 9-12:2"},
};

START_TEST(test_wrap_wide)
{
    assert_wrap(&wrap_wide[_i]);
}
END_TEST

/* A text with the cursor at byte `cursor`, and the row and column
 * editbuf_cursor_pos gives it when wrapped at `cols` columns. */
struct cursor_case {
    const char *name;
    const char *text;
    size_t cursor;
    int cols;
    int row, col;
};

static const struct cursor_case cursor_cases[] = {
    {"after a line break", "ab\ncd", 3, 10, 1, 0},
    {"before a line break", "ab\ncd", 2, 10, 0, 2},
    /* At a soft break, the start of the next row; at the end of a full
     * row, column == cols. */
    {"at a soft break", "abcdefgh", 4, 4, 1, 0},
    {"at the end of a full row", "abcdefgh", 8, 4, 1, 4},
    {"before a hanging space", "hello world", 5, 5, 0, 5},
    {"after a hanging space", "hello world", 6, 5, 1, 0},
    /* After a final line break: the empty last row. */
    {"after a final line break", "日本語\n", 10, 4, 2, 0},
    {"before a final line break", "日本語\n", 9, 4, 1, 2},
};

START_TEST(test_cursor_pos)
{
    const struct cursor_case *c = &cursor_cases[_i];
    struct editbuf b;
    int row, col;
    setup(&b, c->text, c->cursor);
    editbuf_cursor_pos(&b, c->cols, &row, &col);
    ck_assert_msg(row == c->row, "case %s: row %d, want %d", c->name, row,
                  c->row);
    ck_assert_msg(col == c->col, "case %s: column %d, want %d", c->name, col,
                  c->col);
    editbuf_free(&b);
}
END_TEST

/* ---- a long random run -------------------------------------------------- */

static uint32_t rng_state;

/* A fixed-seed generator of our own, so the run is the same everywhere. */
static uint32_t rng(uint32_t n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

static const char *const pieces[] = {
    "a", "b", " ", "  ", "\n", "\t", "hello world ", "日", "本", "😀", "👍",
    "\xF0\x9F\x8F\xBD", /* a skin tone on its own */
    ZWJ, "👨", "👩", ACUTE, "\u0306", "e", "\xFF", "\xC3", "\r\n", "\x1B",
    "🇯", "🇵", "é", "\u0628", "\u064E", "и", "\uFE0F", "\u3000", "。",
    FAMILY, THUMB_TONE, ",", "x\xE2\x82", "\xED\xA0\x80",
};

static void random_insert(struct editbuf *b)
{
    if (rng(4) == 0) {
        static const uint32_t cps[] = {0,      '\n',    '\t',   0x301,
                                       0x200D, 0x1F3FB, 0x1F1EF, 0xD800,
                                       0x85,   0x3000,  'q'};
        uint32_t cp = rng(3) == 0 ? rng(0x110010)
                                  : cps[rng(sizeof cps / sizeof *cps)];
        editbuf_insert_cp(b, cp);
        return;
    }
    const char *p = pieces[rng(sizeof pieces / sizeof *pieces)];
    if (editbuf_would_fit(b, editbuf_clean_len(p), 2000))
        editbuf_insert(b, p);
}

static void random_op(struct editbuf *b)
{
    int cols = (int)rng(12); /* 0: no wrapping */
    switch (rng(20)) {
    case 0: case 1: case 2: case 3: case 4: case 5: random_insert(b); break;
    case 6: editbuf_backspace(b); break;
    case 7: editbuf_delete(b); break;
    case 8: editbuf_delete_word_back(b); break;
    case 9: if (rng(4) == 0) editbuf_kill_to_line_end(b); break;
    case 10: editbuf_left(b); break;
    case 11: editbuf_right(b); break;
    case 12: editbuf_word_left(b); break;
    case 13: editbuf_word_right(b); break;
    case 14: rng(2) ? editbuf_line_start(b) : editbuf_line_end(b);
        break;
    case 15: rng(2) ? editbuf_buf_start(b) : editbuf_buf_end(b);
        break;
    case 16: editbuf_up(b, 0); break;
    case 17: editbuf_down(b, 0); break;
    case 18: editbuf_up(b, cols); break;
    default: editbuf_down(b, cols); break;
    }
}

/* Only '\n' and '\t' among the controls, and well-formed UTF-8. (Checks
 * are gathered into one assertion: Check records every assertion it
 * passes, which would make this run slow.) */
static void assert_clean_text(const struct editbuf *b)
{
    bool clean = true;
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->text[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            clean = false;
    }
    ck_assert(clean);
    ck_assert_uint_eq(strlen(b->text), b->len);
    ck_assert_uint_lt(b->len, b->cap);
    ck_assert(utf8_valid(b->text, b->len, NULL));
}

/* The cursor is on a character boundary: stepping right from the start
 * reaches it, and stepping right then left (or left then right) comes back
 * to it. Done on copies, which share the text but never change it. */
static void assert_cursor_on_boundary(const struct editbuf *b)
{
    ck_assert_uint_le(b->cursor, b->len);
    struct editbuf c = *b;
    c.cursor = 0;
    while (c.cursor < b->cursor)
        editbuf_right(&c);
    ck_assert_uint_eq(c.cursor, b->cursor);
    if (b->cursor < b->len) {
        c = *b;
        editbuf_right(&c);
        editbuf_left(&c);
        ck_assert_uint_eq(c.cursor, b->cursor);
    }
    if (b->cursor > 0) {
        c = *b;
        editbuf_left(&c);
        editbuf_right(&c);
        ck_assert_uint_eq(c.cursor, b->cursor);
    }
}

/* Stepping left from the end finds the same boundaries as stepping right
 * from the start (characters are found reading forwards, so this checks
 * that reading can start anywhere the code starts it). */
static void assert_steps_agree(const struct editbuf *b)
{
    size_t n = 0, *marks = xcalloc(b->len + 1, sizeof *marks);
    struct editbuf c = *b;
    c.cursor = 0;
    do
        marks[n++] = c.cursor;
    while (editbuf_right(&c));
    ck_assert_uint_eq(c.cursor, b->len);
    c.cursor = b->len;
    bool agree = true;
    while (n > 0) {
        agree = agree && c.cursor == marks[--n];
        editbuf_left(&c);
    }
    free(marks);
    ck_assert(agree);
}

/* Width of the first character of row r. */
static int first_char_width(const struct editbuf *b,
                            const struct editbuf_line *r)
{
    struct editbuf c = *b;
    c.cursor = r->start;
    editbuf_right(&c);
    return (int)text_width(b->text + r->start, c.cursor - r->start);
}

/* The rows cover the text in order, each within cols (but for a single
 * character wider than cols, alone in its row), and the cursor is on one
 * of them, at most one column past its end. */
static bool row_sane(const struct editbuf *b,
                     const struct editbuf_line *rows, size_t n, size_t i,
                     int cols)
{
    const struct editbuf_line *r = &rows[i];
    if (r->start > r->end || (b->text[r->end] & 0xC0) == 0x80)
        return false;
    if (r->width > cols && r->width != first_char_width(b, r))
        return false;
    if (i + 1 == n)
        return r->end == b->len;
    size_t next = rows[i + 1].start;
    return next == r->end ||
           (next == r->end + 1 && b->text[r->end] == '\n');
}

static void assert_wrap_sane(const struct editbuf *b, int cols)
{
    struct editbuf_line *rows;
    size_t n = editbuf_wrap(b, cols, &rows);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(rows[0].start, 0);
    size_t bad = n;
    for (size_t i = 0; i < n && bad == n; i++)
        if (!row_sane(b, rows, n, i, cols))
            bad = i;
    ck_assert_msg(bad == n, "row %zu of %zu is wrong at %d columns", bad, n,
                  cols);
    int row, col;
    editbuf_cursor_pos(b, cols, &row, &col);
    ck_assert(row >= 0 && (size_t)row < n);
    int widest = rows[row].width > cols ? rows[row].width : cols;
    ck_assert(col >= 0 && col <= widest);
    free(rows);
}

START_TEST(test_random_operations)
{
    struct editbuf b;
    editbuf_init(&b, NULL);
    rng_state = 20261124u;
    for (int i = 0; i < 10000; i++) {
        random_op(&b);
        assert_clean_text(&b);
        assert_cursor_on_boundary(&b);
        assert_wrap_sane(&b, 1 + (int)rng(10));
        if (i % 50 == 0)
            assert_steps_agree(&b);
    }
    editbuf_free(&b);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("editbuf");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_init);
    tcase_add_test(tc, test_ascii_editing);
    tcase_add_test(tc, test_growth);
    tcase_add_test(tc, test_multiline);
    tcase_add_test(tc, test_cjk);
    tcase_add_test(tc, test_emoji_simple_and_skin_tone);
    tcase_add_test(tc, test_emoji_zwj_family);
    tcase_add_test(tc, test_flags_and_keycaps);
    tcase_add_test(tc, test_combining_accents);
    tcase_add_test(tc, test_arabic_and_cyrillic);
    tcase_add_test(tc, test_invalid_utf8_replaced);
    tcase_add_test(tc, test_controls_dropped);
    tcase_add_test(tc, test_would_fit);
    tcase_add_test(tc, test_word_movement);
    tcase_add_test(tc, test_delete_word_back);
    tcase_add_test(tc, test_kill_to_line_end);
    tcase_add_test(tc, test_up_down_lines);
    tcase_add_test(tc, test_up_down_wrapped);
    tcase_add_loop_test(tc, test_wrap_words, 0, NCASES(wrap_words));
    tcase_add_loop_test(tc, test_wrap_wide, 0, NCASES(wrap_wide));
    tcase_add_loop_test(tc, test_cursor_pos, 0, NCASES(cursor_cases));
    tcase_add_test(tc, test_random_operations);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
