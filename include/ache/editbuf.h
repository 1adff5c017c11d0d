/* editbuf: a multi-line UTF-8 text editing buffer for the note field, with
 * no curses in it, so that every keystroke's effect can be tested as text.
 *
 * The unit of editing is the *character* as a person sees it (a simplified
 * grapheme cluster): a code point together with the code points that only
 * change how it looks. A cluster is
 *   - a base code point, then any number of zero-width code points (per
 *     text.h: combining marks, variation selectors, ZWJ, ...) and emoji skin
 *     tone modifiers (U+1F3FB-U+1F3FF);
 *   - after a ZERO WIDTH JOINER, a following pictographic code point and its
 *     own marks join too, so a ZWJ family such as U+1F468 U+200D U+1F469
 *     U+200D U+1F467 is one character;
 *   - two regional indicators (a flag) form one character;
 *   - '\n', '\t' and any other control always stand alone.
 * Zero-width code points at the start of the text or of a line, with no base
 * before them, form a character of their own. The cursor always sits on a
 * cluster boundary: movement skips whole clusters, backspace and delete
 * remove whole clusters, and an edit that makes two clusters merge (typing
 * "e" before a lone accent) moves the cursor to the end of the merged one.
 *
 * Widths are those of text.h, summed over a cluster (so a ZWJ family is 6
 * columns, as the grid draws its three pictures); a '\t' counts as 1 column
 * and should be drawn as one space.
 *
 * The text is always valid UTF-8 without NUL, CR, DEL or other controls than
 * '\n' and '\t'.
 */
#ifndef ACHE_EDITBUF_H
#define ACHE_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most a note may hold; the UI refuses inserts beyond it (see
 * editbuf_would_fit). */
#define EDITBUF_MAX_BYTES 16384

struct editbuf {
    char *text;         /* NUL-terminated, valid UTF-8 */
    size_t len, cap;    /* bytes used (without the NUL), bytes allocated */
    size_t cursor;      /* byte offset, always on a cluster boundary */
    int goal_col;       /* remembered display column for up/down, -1 none */
};

/* One visual row of the text under soft wrapping. */
struct editbuf_line {
    size_t start, end; /* byte range; end excludes the '\n' */
    int width;         /* columns the row's text occupies */
};

/* Starts with a copy of text (NULL means empty), cleaned as
 * editbuf_insert cleans; the cursor is put at the end, ready to add to an
 * existing note. */
void editbuf_init(struct editbuf *b, const char *text);
void editbuf_free(struct editbuf *b);
/* The text, NUL-terminated; valid until the next edit. */
const char *editbuf_text(const struct editbuf *b);

/* Inserts at the cursor and moves the cursor after the insertion. Bytes that
 * are not valid UTF-8 become U+FFFD; '\r', DEL and control characters other
 * than '\n' and '\t' (C0 and C1) are dropped. */
void editbuf_insert(struct editbuf *b, const char *utf8);
/* Inserts one code point (cleaned likewise; a surrogate or a value above
 * U+10FFFF becomes U+FFFD). */
void editbuf_insert_cp(struct editbuf *b, uint32_t cp);
/* The bytes editbuf_insert(b, utf8) would add, for editbuf_would_fit. */
size_t editbuf_clean_len(const char *utf8);
/* True when extra_bytes more keep the text within max bytes. */
bool editbuf_would_fit(const struct editbuf *b, size_t extra_bytes,
                       size_t max);

/* Deleting. Each returns whether the text changed. */
bool editbuf_backspace(struct editbuf *b); /* the character before */
bool editbuf_delete(struct editbuf *b);    /* the character after */
/* Ctrl-W: at the start of a line, the '\n' before it (joining the lines);
 * otherwise the blanks before the cursor and then the run of non-blank
 * characters before those (blanks: space, tab, U+3000), as the Unix
 * terminal's werase does, never crossing a '\n'. */
bool editbuf_delete_word_back(struct editbuf *b);
/* Ctrl-K: from the cursor to the end of its line; at the end of a line,
 * the '\n' (joining the next line to this one), as Emacs does. */
bool editbuf_kill_to_line_end(struct editbuf *b);

/* Moving. Each returns whether the cursor moved, and forgets the goal
 * column (except up and down, which use it). */
bool editbuf_left(struct editbuf *b);
bool editbuf_right(struct editbuf *b);
/* Words are runs of letters, digits and other non-space, non-punctuation
 * characters (CJK and emoji included), or runs of punctuation (ASCII,
 * General Punctuation, CJK punctuation such as "。").
 * Left: to the start of the word before the cursor; right: to the end of
 * the word after it; both skip spaces and line breaks on the way. */
bool editbuf_word_left(struct editbuf *b);
bool editbuf_word_right(struct editbuf *b);
/* Home and End: of the line between '\n's (not of the wrapped row). */
bool editbuf_line_start(struct editbuf *b);
bool editbuf_line_end(struct editbuf *b);
bool editbuf_buf_start(struct editbuf *b);
bool editbuf_buf_end(struct editbuf *b);
/* Up and down one row of the text wrapped at `cols` columns (as
 * editbuf_wrap; cols <= 0: one line between '\n's, no wrapping), keeping
 * the display column in goal_col across moves: the cursor lands on the last
 * boundary at or before that column (never halfway into a wide character).
 * On the first row (up) or the last (down) nothing happens and false is
 * returned, so the UI can move the focus to the field above or below. */
bool editbuf_up(struct editbuf *b, int cols);
bool editbuf_down(struct editbuf *b, int cols);

/* Splits the text into visual rows no wider than cols columns and returns
 * their count (at least 1) with a new array in *lines that the caller
 * frees. A row breaks after the last blank that fits; failing that, at the
 * last character that fits. A blank that would begin the next row right
 * after a full row hangs at the end of the full row instead (it is in the
 * row's byte range but not in its width: draw a row clipped to cols), so
 * no row begins with the space that separated it from the row before; when
 * that blank ends the line, an empty row follows for the cursor after it.
 * A character is never split: one wider than cols (a wide character at
 * cols 1, a 4-column toned thumb or a 6-column ZWJ family in a narrower
 * box) takes a row of its own, wider than cols. An empty line, including
 * the one after a final '\n', is a row of its own. cols <= 0 means no
 * wrapping (one row per line). */
size_t editbuf_wrap(const struct editbuf *b, int cols,
                    struct editbuf_line **lines);
/* The cursor's visual row and column under editbuf_wrap(b, cols). At a
 * soft break the cursor is shown at the start of the next row. At the end
 * of a row that fills all cols columns (the end of a line, or before a
 * hanging blank) it is reported at column == cols, one past the last cell:
 * give editbuf_wrap one column less than the box is wide to keep a cell
 * for it. */
void editbuf_cursor_pos(const struct editbuf *b, int cols, int *row,
                        int *col);

#endif
