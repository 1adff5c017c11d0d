/* editbuf: the note being edited. Characters (simplified grapheme clusters,
 * see editbuf.h) are found by reading forwards from a point known to begin
 * one; every operation keeps the cursor on a character boundary. A note is
 * at most a few kilobytes, so a plain array with memmove is fast enough and
 * much simpler than a gap buffer. */
#include "ache/editbuf.h"

#include <stdlib.h>
#include <string.h>

#include "ache/text.h"
#include "ache/util.h"

#define ZWJ 0x200Du
#define IDEOGRAPHIC_SPACE 0x3000u

struct cp_range {
    uint32_t lo, hi;
};

/* Pictographs that may follow a ZWJ in an emoji sequence (an approximation
 * of Extended_Pictographic, UAX #29): joining only these keeps a ZWJ
 * between two letters from gluing the letters into one character. */
static const struct cp_range pictographic[] = {
    {0x00A9, 0x00A9},   {0x00AE, 0x00AE}, {0x203C, 0x203C},
    {0x2049, 0x2049},   {0x2122, 0x2122}, {0x2139, 0x2139},
    {0x2194, 0x21AA},   {0x231A, 0x23FF}, {0x24C2, 0x24C2},
    {0x25AA, 0x25FE},   {0x2600, 0x27BF}, {0x2934, 0x2935},
    {0x2B05, 0x2B55},   {0x3030, 0x3030}, {0x303D, 0x303D},
    {0x3297, 0x3297},   {0x3299, 0x3299}, {0x1F000, 0x1FAFF},
};

static bool in_ranges(uint32_t cp, const struct cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return true;
    return false;
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* A code point that belongs to the character before it: anything of zero
 * width that is not a control, and the skin tone modifiers (which text.h
 * counts as 2 columns, as the grid draws them). */
static bool is_extend(uint32_t cp)
{
    if (cp >= 0x1F3FB && cp <= 0x1F3FF)
        return true;
    return !is_control(cp) && text_cp_width(cp) == 0;
}

static bool is_regional(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == IDEOGRAPHIC_SPACE;
}

static uint32_t cp_at(const struct editbuf *b, size_t off, size_t *used)
{
    uint32_t cp;
    size_t n = utf8_decode(b->text + off, b->len - off, &cp);
    if (used)
        *used = n;
    return cp;
}

/* The end of the character that begins at off (off < len). */
static size_t cluster_end(const struct editbuf *b, size_t off)
{
    size_t n;
    uint32_t cp = cp_at(b, off, &n);
    off += n;
    if (is_control(cp))
        return off; /* '\n' and '\t' stand alone, whatever follows */
    if (is_regional(cp) && off < b->len && is_regional(cp_at(b, off, &n)))
        off += n; /* two regional indicators are one flag */
    uint32_t prev = cp;
    while (off < b->len) {
        cp = cp_at(b, off, &n);
        bool joined = prev == ZWJ &&
                      in_ranges(cp, pictographic,
                                sizeof pictographic / sizeof *pictographic);
        if (!is_extend(cp) && !joined)
            break;
        prev = cp;
        off += n;
    }
    return off;
}

/* The start of the character that holds byte pos (pos < len); its end in
 * *end. Characters can only be told apart reading forwards; an ASCII byte
 * always begins one (nothing ASCII joins what comes before it), so reading
 * starts at the last ASCII byte at or before pos, or at the start. */
static size_t cluster_containing(const struct editbuf *b, size_t pos,
                                 size_t *end)
{
    size_t at = pos;
    while (at > 0 && (unsigned char)b->text[at] >= 0x80)
        at--;
    for (;;) {
        size_t e = cluster_end(b, at);
        if (e > pos) {
            *end = e;
            return at;
        }
        at = e;
    }
}

static size_t prev_boundary(const struct editbuf *b, size_t off)
{
    size_t end;
    return off == 0 ? 0 : cluster_containing(b, off - 1, &end);
}

static size_t next_boundary(const struct editbuf *b, size_t off)
{
    size_t end = b->len;
    if (off < b->len)
        cluster_containing(b, off, &end);
    return end;
}

/* An edit can make two characters one (a letter typed before a lone accent,
 * or the last thing between a ZWJ and an emoji deleted); the cursor then
 * goes to the end of the merged character. */
static void snap_cursor(struct editbuf *b)
{
    size_t end;
    if (b->cursor > 0 && b->cursor < b->len &&
        cluster_containing(b, b->cursor, &end) != b->cursor)
        b->cursor = end;
}

/* Columns of [from, to), a tab counting as one (it is drawn as a space). */
static int span_width(const struct editbuf *b, size_t from, size_t to)
{
    int w = 0;
    while (from < to) {
        size_t n;
        uint32_t cp = cp_at(b, from, &n);
        w += cp == '\t' ? 1 : text_cp_width(cp);
        from += n;
    }
    return w;
}

static size_t line_start(const struct editbuf *b, size_t off)
{
    while (off > 0 && b->text[off - 1] != '\n')
        off--;
    return off;
}

static size_t line_end(const struct editbuf *b, size_t off)
{
    const char *nl = memchr(b->text + off, '\n', b->len - off);
    return nl ? (size_t)(nl - b->text) : b->len;
}

void editbuf_init(struct editbuf *b, const char *text)
{
    b->cap = 64;
    b->text = xmalloc(b->cap);
    b->text[0] = '\0';
    b->len = 0;
    b->cursor = 0;
    if (text)
        editbuf_insert(b, text); /* leaves the cursor at the end */
    b->goal_col = -1;
}

void editbuf_free(struct editbuf *b)
{
    free(b->text);
    memset(b, 0, sizeof *b);
    b->goal_col = -1;
}

const char *editbuf_text(const struct editbuf *b)
{
    return b->text;
}

/* Appends to out the text with invalid bytes as U+FFFD and the controls
 * that have no place in a note dropped: a pasted '\r', an escape sequence's
 * ESC or a C1 CSI could otherwise reach the terminal when drawn. */
static void clean_into(struct strbuf *out, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        if (is_control(cp) && cp != '\n' && cp != '\t')
            continue;
        char enc[4];
        strbuf_appendn(out, enc, utf8_encode(cp, enc));
    }
}

size_t editbuf_clean_len(const char *utf8)
{
    struct strbuf sb;
    strbuf_init(&sb);
    clean_into(&sb, utf8);
    size_t n = sb.len;
    strbuf_free(&sb);
    return n;
}

bool editbuf_would_fit(const struct editbuf *b, size_t extra_bytes,
                       size_t max)
{
    return extra_bytes <= max && b->len <= max - extra_bytes;
}

/* Replaces [from, to) with n bytes; the cursor is left to the caller. */
static void splice(struct editbuf *b, size_t from, size_t to,
                   const char *bytes, size_t n)
{
    size_t need = b->len - (to - from) + n + 1;
    if (need > b->cap) {
        while (b->cap < need)
            b->cap *= 2;
        b->text = xrealloc(b->text, b->cap);
    }
    memmove(b->text + from + n, b->text + to, b->len - to + 1);
    memcpy(b->text + from, bytes, n);
    b->len = need - 1;
    b->goal_col = -1;
}

void editbuf_insert(struct editbuf *b, const char *utf8)
{
    struct strbuf sb;
    strbuf_init(&sb);
    clean_into(&sb, utf8);
    splice(b, b->cursor, b->cursor, strbuf_str(&sb), sb.len);
    b->cursor += sb.len;
    strbuf_free(&sb);
    snap_cursor(b);
}

void editbuf_insert_cp(struct editbuf *b, uint32_t cp)
{
    char enc[5];
    enc[utf8_encode(cp, enc)] = '\0'; /* U+0000 is "" and so dropped */
    editbuf_insert(b, enc);
}

static bool remove_range(struct editbuf *b, size_t from, size_t to)
{
    if (from == to)
        return false;
    splice(b, from, to, "", 0);
    b->cursor = from;
    snap_cursor(b);
    return true;
}

bool editbuf_backspace(struct editbuf *b)
{
    return remove_range(b, prev_boundary(b, b->cursor), b->cursor);
}

bool editbuf_delete(struct editbuf *b)
{
    return remove_range(b, b->cursor, next_boundary(b, b->cursor));
}

static bool blank_at(const struct editbuf *b, size_t off)
{
    return is_blank(cp_at(b, off, NULL));
}

bool editbuf_delete_word_back(struct editbuf *b)
{
    size_t off = b->cursor, p = prev_boundary(b, off);
    if (off > 0 && b->text[p] == '\n')
        return remove_range(b, p, off);
    while (off > 0 && blank_at(b, p = prev_boundary(b, off)))
        off = p;
    while (off > 0) {
        p = prev_boundary(b, off);
        if (b->text[p] == '\n' || blank_at(b, p))
            break;
        off = p;
    }
    return remove_range(b, off, b->cursor);
}

bool editbuf_kill_to_line_end(struct editbuf *b)
{
    size_t end = line_end(b, b->cursor);
    if (end == b->cursor && end < b->len)
        end++; /* at the end of a line: the '\n' */
    return remove_range(b, b->cursor, end);
}

static bool move_to(struct editbuf *b, size_t off)
{
    bool moved = off != b->cursor;
    b->cursor = off;
    b->goal_col = -1;
    return moved;
}

bool editbuf_left(struct editbuf *b)
{
    return move_to(b, prev_boundary(b, b->cursor));
}

bool editbuf_right(struct editbuf *b)
{
    return move_to(b, next_boundary(b, b->cursor));
}

enum word_class { WC_SPACE, WC_PUNCT, WC_WORD };

/* ASCII punctuation, General Punctuation and CJK punctuation separate
 * words; letters, digits, ideographs and emoji make them. */
static enum word_class class_at(const struct editbuf *b, size_t off)
{
    uint32_t cp = cp_at(b, off, NULL);
    if (cp == '\n' || is_blank(cp))
        return WC_SPACE;
    if ((cp > ' ' && cp < '0') || (cp > '9' && cp < 'A') ||
        (cp > 'Z' && cp < 'a') || (cp > 'z' && cp < 0x7F) ||
        (cp >= 0x2010 && cp <= 0x205E) || (cp > 0x3000 && cp <= 0x303F))
        return WC_PUNCT;
    return WC_WORD;
}

bool editbuf_word_left(struct editbuf *b)
{
    size_t off = b->cursor, p;
    while (off > 0 && class_at(b, p = prev_boundary(b, off)) == WC_SPACE)
        off = p;
    if (off > 0) {
        enum word_class c = class_at(b, prev_boundary(b, off));
        while (off > 0 && class_at(b, p = prev_boundary(b, off)) == c)
            off = p;
    }
    return move_to(b, off);
}

bool editbuf_word_right(struct editbuf *b)
{
    size_t off = b->cursor;
    while (off < b->len && class_at(b, off) == WC_SPACE)
        off = cluster_end(b, off);
    if (off < b->len) {
        enum word_class c = class_at(b, off);
        while (off < b->len && class_at(b, off) == c)
            off = cluster_end(b, off);
    }
    return move_to(b, off);
}

bool editbuf_line_start(struct editbuf *b)
{
    return move_to(b, line_start(b, b->cursor));
}

bool editbuf_line_end(struct editbuf *b)
{
    return move_to(b, line_end(b, b->cursor));
}

bool editbuf_buf_start(struct editbuf *b)
{
    return move_to(b, 0);
}

bool editbuf_buf_end(struct editbuf *b)
{
    return move_to(b, b->len);
}

/* Wrapping. */

struct rows {
    struct editbuf_line *v;
    size_t n, cap;
};

static void rows_push(struct rows *r, size_t start, size_t end, int width)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
    }
    r->v[r->n++] = (struct editbuf_line){start, end, width};
}

/* One row from `row` of the line ending at `end`. */
struct fit {
    size_t end;
    int width;
    bool hung; /* ends with a blank that did not fit */
};

/* Takes characters while they fit in cols (always at least one, so that a
 * wide character in a 1-column box still moves on); when the line goes on,
 * ends the row after the last blank instead, or hangs the blank that did
 * not fit at the end of the row. */
static struct fit fit_row(const struct editbuf *b, size_t row, size_t end,
                          int cols)
{
    size_t off = row, brk = row;
    int w = 0, brk_w = 0;
    while (off < end) {
        size_t next = cluster_end(b, off);
        int cw = span_width(b, off, next);
        if (w + cw > cols && off > row)
            break;
        w += cw;
        if (blank_at(b, off)) {
            brk = next;
            brk_w = w;
        }
        off = next;
    }
    if (off >= end)
        return (struct fit){end, w, false};
    if (blank_at(b, off))
        return (struct fit){cluster_end(b, off), w, true};
    if (brk > row)
        return (struct fit){brk, brk_w, false};
    return (struct fit){off, w, false};
}

/* The rows of the line [start, end). A blank hung at the very end of the
 * line is followed by an empty row, where the cursor after it is shown. */
static void wrap_line(const struct editbuf *b, size_t start, size_t end,
                      int cols, struct rows *out)
{
    if (cols <= 0) {
        rows_push(out, start, end, span_width(b, start, end));
        return;
    }
    size_t row = start;
    for (;;) {
        struct fit f = fit_row(b, row, end, cols);
        rows_push(out, row, f.end, f.width);
        if (f.end >= end && !f.hung)
            return;
        row = f.end;
    }
}

size_t editbuf_wrap(const struct editbuf *b, int cols,
                    struct editbuf_line **lines)
{
    struct rows out = {NULL, 0, 0};
    size_t start = 0;
    for (;;) {
        size_t end = line_end(b, start);
        wrap_line(b, start, end, cols, &out);
        if (end >= b->len)
            break;
        start = end + 1;
    }
    *lines = out.v;
    return out.n;
}

/* The row the cursor is shown on: the last that starts at or before it, so
 * at a soft break it is the later row. */
static size_t row_of(const struct editbuf_line *rows, size_t n, size_t off)
{
    size_t r = 0;
    while (r + 1 < n && rows[r + 1].start <= off)
        r++;
    return r;
}

void editbuf_cursor_pos(const struct editbuf *b, int cols, int *row,
                        int *col)
{
    struct editbuf_line *rows;
    size_t n = editbuf_wrap(b, cols, &rows);
    size_t r = row_of(rows, n, b->cursor);
    *row = (int)r;
    *col = span_width(b, rows[r].start, b->cursor);
    free(rows);
}

/* The last boundary in row t at or before column goal. The end of a row
 * that the next row continues is shown at the next row's start, so it is
 * not a place on this row. */
static size_t offset_at_col(const struct editbuf *b,
                            const struct editbuf_line *rows, size_t n,
                            size_t t, int goal)
{
    const struct editbuf_line *r = &rows[t];
    bool continued = t + 1 < n && rows[t + 1].start == r->end;
    size_t off = r->start;
    int col = 0;
    while (off < r->end) {
        size_t next = cluster_end(b, off);
        int cw = span_width(b, off, next);
        if ((next == r->end && continued) || col + cw > goal)
            break;
        col += cw;
        off = next;
    }
    return off;
}

static bool move_vertically(struct editbuf *b, int cols, bool down)
{
    struct editbuf_line *rows;
    size_t n = editbuf_wrap(b, cols, &rows);
    size_t r = row_of(rows, n, b->cursor);
    bool moved = false;
    if (down ? r + 1 < n : r > 0) {
        int goal = b->goal_col >= 0
                       ? b->goal_col
                       : span_width(b, rows[r].start, b->cursor);
        size_t off = offset_at_col(b, rows, n, down ? r + 1 : r - 1, goal);
        moved = move_to(b, off);
        b->goal_col = goal; /* kept for the next up or down */
    }
    free(rows);
    return moved;
}

bool editbuf_up(struct editbuf *b, int cols)
{
    return move_vertically(b, cols, false);
}

bool editbuf_down(struct editbuf *b, int cols)
{
    return move_vertically(b, cols, true);
}
