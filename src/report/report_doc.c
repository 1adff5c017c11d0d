/* report: the document writer (blocks handed to the format's backend,
 * lists opened and closed around items, tables gathered cell by cell),
 * word wrapping for the plain formats, and number formatting.
 *
 * Every text a block carries passes text_safe here, before any backend
 * sees it, so that no note or tag name brings a control character into a
 * report or `ache insights`, whatever the format: the text report in the
 * locale's character set (ASCII outside UTF-8), Markdown and HTML in
 * UTF-8, which their files are. */
#include "report_impl.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/regions.h"
#include "ache/report.h"
#include "ache/text.h"
#include "ache/util.h"

/* Plain text and Markdown wrap two columns short of the limit, so that a
 * terminal of exactly REPORT_WIDTH columns never wraps a line itself. */
#define WRAP_COLS (REPORT_WIDTH - 2)

struct report_doc *report_doc_new(enum report_format format, bool utf8)
{
    struct report_doc *d = xcalloc(1, sizeof *d);
    d->format = format;
    d->utf8 = utf8 && format == REPORT_TEXT;
    d->ops = format == REPORT_HTML       ? &report_doc_html_ops
             : format == REPORT_MARKDOWN ? &report_doc_markdown_ops
                                         : &report_doc_text_ops;
    d->fresh = true;
    return d;
}

void report_doc_stream(struct report_doc *d, FILE *out)
{
    d->sink = out;
}

bool report_doc_started(const struct report_doc *d)
{
    return d->sent > 0 || d->out.len > 0;
}

/* Sends what the blocks so far wrote, when streaming a format whose
 * blocks, once written, never change. */
static void send(struct report_doc *d)
{
    if (!d->sink || d->format == REPORT_HTML || d->out.len == 0)
        return;
    fwrite(d->out.data, 1, d->out.len, d->sink);
    d->sent += d->out.len;
    d->out.len = 0;
    d->out.data[0] = '\0';
}

void report_doc_send_rows(struct report_doc *d)
{
    if (d->out.len >= REPORT_DOC_SEND_AT)
        send(d);
}

/* Every block but a list item ends an open list first. */
static void close_list(struct report_doc *d)
{
    if (!d->in_list)
        return;
    d->ops->list_end(d);
    d->in_list = false;
}

char *report_doc_finish(struct report_doc *d)
{
    close_list(d);
    d->ops->finish(d);
    send(d);
    char *text = strbuf_take(&d->out);
    free(d);
    return text;
}

/* text as the document shows it: every control character visible. */
static char *safe(const struct report_doc *d, const char *text)
{
    struct strbuf sb = {0};
    bool utf8 = d->format != REPORT_TEXT || d->utf8;
    text_safe(&sb, text, strlen(text), utf8 ? TEXT_SAFE_UTF8 : 0);
    return strbuf_take(&sb);
}

void report_doc_title(struct report_doc *d, const char *text)
{
    char *shown = safe(d, text);
    close_list(d);
    d->ops->title(d, shown);
    d->fresh = true;
    free(shown);
    send(d);
}

void report_doc_heading(struct report_doc *d, const char *text)
{
    char *shown = safe(d, text);
    close_list(d);
    d->ops->heading(d, shown);
    d->fresh = true;
    free(shown);
    send(d);
}

static char *vformat(const struct report_doc *d, const char *fmt, va_list ap)
{
    struct strbuf sb = {0};
    strbuf_vprintf(&sb, fmt, ap);
    char *shown = safe(d, strbuf_str(&sb));
    strbuf_free(&sb);
    return shown;
}

void report_doc_para(struct report_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(d, fmt, ap);
    va_end(ap);
    close_list(d);
    d->ops->para(d, text);
    d->fresh = false;
    free(text);
    send(d);
}

void report_doc_item(struct report_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(d, fmt, ap);
    va_end(ap);
    if (!d->in_list) {
        d->ops->list_begin(d);
        d->in_list = true;
    }
    d->ops->item(d, text);
    d->fresh = false;
    free(text);
    send(d);
}

void report_doc_table_begin(struct report_doc *d, const char *align)
{
    close_list(d);
    d->table =
        (struct report_doc_table){.align = align, .ncols = strlen(align)};
}

#define CELL_BLOCK 16384

/* A copy of text in the table's blocks. */
static char *keep_cell(struct report_doc_cells *c, const char *text)
{
    size_t n = strlen(text) + 1;
    if (c->nblocks == 0 || c->used + n > c->size) {
        c->size = n > CELL_BLOCK ? n : CELL_BLOCK;
        c->blocks = xreallocarray(c->blocks, c->nblocks + 1,
                                  sizeof *c->blocks);
        c->blocks[c->nblocks++] = xmalloc(c->size);
        c->used = 0;
    }
    char *kept = c->blocks[c->nblocks - 1] + c->used;
    memcpy(kept, text, n);
    c->used += n;
    return kept;
}

/* A column's width *w made room for text. */
static void widen(const struct report_doc *d, size_t *w, const char *text)
{
    size_t cw = d->ops->cell_width(text);
    if (cw > *w)
        *w = cw;
}

void report_doc_cell(struct report_doc *d, const char *fmt, ...)
{
    struct report_doc_table *t = &d->table;
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(d, fmt, ap);
    va_end(ap);
    if (d->measuring) {
        widen(d, &d->measuring[d->measured++ % t->ncols], text);
        free(text);
        return;
    }
    if (t->ncells == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->cells = xreallocarray(t->cells, t->cap, sizeof *t->cells);
    }
    t->cells[t->ncells++] = keep_cell(&t->store, text);
    free(text);
}

/* Gives back the cells written so far. */
static void drop_cells(struct report_doc_table *t)
{
    for (size_t i = 0; i < t->store.nblocks; i++)
        free(t->store.blocks[i]);
    free(t->store.blocks);
    free(t->cells);
    t->store = (struct report_doc_cells){0};
    t->cells = NULL;
    t->ncells = t->cap = 0;
}

void report_doc_table_end(struct report_doc *d)
{
    struct report_doc_table *t = &d->table;
    d->ops->table(d, t);
    drop_cells(t);
    memset(t, 0, sizeof *t);
    d->fresh = false;
    send(d);
}

/* Rows written to the document this many at a time. */
#define ROWS_A_PART 128

/* The widths of the header cells written and of every row. */
static size_t *measure_rows(struct report_doc *d, size_t nrows,
                            report_doc_row_fn row, const void *ctx)
{
    struct report_doc_table *t = &d->table;
    size_t *w = xcalloc(t->ncols ? t->ncols : 1, sizeof *w);
    for (size_t i = 0; i < t->ncells; i++)
        widen(d, &w[i % t->ncols], t->cells[i]);
    d->measuring = w;
    d->measured = 0;
    for (size_t r = 0; r < nrows; r++)
        row(d, r, ctx);
    d->measuring = NULL;
    return w;
}

void report_doc_table_rows(struct report_doc *d, size_t nrows,
                           report_doc_row_fn row, const void *ctx)
{
    struct report_doc_table *t = &d->table;
    if (!d->sink || !d->ops->cell_width) {
        for (size_t r = 0; r < nrows; r++)
            row(d, r, ctx);
        report_doc_table_end(d);
        return;
    }
    size_t *w = measure_rows(d, nrows, row, ctx);
    t->widths = w;
    for (size_t r = 0; r < nrows || !t->continued; r++) {
        if (r < nrows)
            row(d, r, ctx);
        if (r + 1 < nrows && (r + 1) % ROWS_A_PART != 0)
            continue;
        d->ops->table(d, t);
        drop_cells(t);
        t->continued = true;
        send(d);
    }
    free(w);
    memset(t, 0, sizeof *t);
    d->fresh = false;
}

size_t *report_doc_measure(struct report_doc *d, size_t ncols, size_t nrows,
                           report_doc_row_fn row, const void *ctx)
{
    if (!d->ops->cell_width)
        return NULL;
    struct report_doc_table held = d->table;
    size_t *w = xcalloc(ncols ? ncols : 1, sizeof *w);
    d->table = (struct report_doc_table){.ncols = ncols};
    d->measuring = w;
    d->measured = 0;
    for (size_t r = 0; r < nrows; r++)
        row(d, r, ctx);
    d->measuring = NULL;
    d->table = held;
    return w;
}

size_t report_doc_table_width(const struct report_doc *d, const size_t *w,
                              size_t ncols)
{
    size_t width = d->format == REPORT_MARKDOWN; /* the closing '|' */
    for (size_t c = 0; c < ncols; c++)
        width += d->format == REPORT_MARKDOWN ? 3 + (w[c] < 3 ? 3 : w[c])
                                              : 2 + w[c];
    return width;
}

void report_doc_chart(struct report_doc *d, const struct chart_spec *spec)
{
    close_list(d);
    d->ops->chart(d, spec);
    d->fresh = false;
    send(d);
}

void report_doc_body(struct report_doc *d, const int counts[REGION_COUNT])
{
    close_list(d);
    d->ops->body(d, counts);
    d->fresh = false;
    send(d);
}

/* ---- wrapping ------------------------------------------------------------- */

/* Markdown reads a line that starts with "-", "+", "=" or "12." as a list
 * or a heading underline; a wrapped line must not start that way. */
static void md_guard_line_start(struct strbuf *out, const char *word,
                                size_t len)
{
    size_t digits = strspn(word, "0123456789");
    if (len > 0 && strchr("-+=", word[0])) {
        strbuf_putc(out, '\\');
        strbuf_appendn(out, word, len);
    } else if (digits > 0 && digits < len &&
               (word[digits] == '.' || word[digits] == ')')) {
        strbuf_appendn(out, word, digits);
        strbuf_putc(out, '\\');
        strbuf_appendn(out, word + digits, len - digits);
    } else {
        strbuf_appendn(out, word, len);
    }
}

struct wrap_state {
    struct strbuf *out;
    const char *rest;
    size_t col;      /* columns used on the current line */
    bool line_empty; /* no word on it yet */
    bool markdown;
    bool continued;  /* past the first line */
};

static void wrap_newline(struct wrap_state *w)
{
    strbuf_putc(w->out, '\n');
    strbuf_append(w->out, w->rest);
    w->col = text_width(w->rest, strlen(w->rest));
    w->line_empty = true;
    w->continued = true;
}

/* A word wider than a whole line is cut where it must be. */
static void wrap_long_word(struct wrap_state *w, const char *word, size_t len)
{
    while (len > 0) {
        size_t room = WRAP_COLS > w->col ? WRAP_COLS - w->col : 0;
        size_t used = 0, fit = text_fit(word, len, room, &used);
        if (fit == 0) {
            fit = utf8_next(word, len, 0);
            used = text_width(word, fit);
        }
        strbuf_appendn(w->out, word, fit);
        w->col += used;
        word += fit;
        len -= fit;
        if (len > 0)
            wrap_newline(w);
    }
}

static void wrap_word(struct wrap_state *w, const char *word, size_t len)
{
    size_t width = text_width(word, len);
    if (!w->line_empty && w->col + 1 + width > WRAP_COLS)
        wrap_newline(w);
    else if (!w->line_empty) {
        strbuf_putc(w->out, ' ');
        w->col++;
    }
    if (w->col + width > WRAP_COLS) {
        wrap_long_word(w, word, len);
    } else if (w->markdown && w->line_empty && w->continued) {
        md_guard_line_start(w->out, word, len);
        w->col += width;
    } else {
        strbuf_appendn(w->out, word, len);
        w->col += width;
    }
    w->line_empty = false;
}

void report_doc_wrap(struct strbuf *out, const char *text, const char *first,
                     const char *rest, bool markdown)
{
    struct wrap_state w = {out, rest, text_width(first, strlen(first)), true,
                           markdown, false};
    strbuf_append(out, first);
    for (const char *p = text; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        wrap_word(&w, p, len);
        p += len;
    }
    strbuf_putc(out, '\n');
}

char *report_doc_md_escape(const char *text)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    for (const char *p = text; *p; p++) {
        /* '<' starts markup only before a letter, '/', '!' or '?' */
        bool tag = *p == '<' && (isalpha((unsigned char)p[1]) ||
                                 (p[1] && strchr("/!?", p[1])));
        if (tag || strchr("\\`*_[]>|#&!", *p))
            strbuf_putc(&sb, '\\');
        strbuf_putc(&sb, *p);
    }
    return strbuf_take(&sb);
}

/* ---- numbers ---------------------------------------------------------------- */

const char *report_fmt_num(double v, char buf[REPORT_NUM_BUF])
{
    if (v < 0)
        return strcpy(buf, "-");
    snprintf(buf, REPORT_NUM_BUF, "%.1f", v);
    size_t len = strlen(buf);
    if (len > 2 && strcmp(buf + len - 2, ".0") == 0)
        buf[len - 2] = '\0';
    return buf;
}

const char *report_fmt_hours(double v, char buf[REPORT_NUM_BUF])
{
    if (v < 0)
        return strcpy(buf, "-");
    /* half up, as people round: a median of 5.5 and 5.75 is 5.63 */
    snprintf(buf, REPORT_NUM_BUF, "%.2f", floor(v * 100 + 0.5) / 100);
    size_t len = strlen(buf);
    while (buf[len - 1] == '0')
        buf[--len] = '\0';
    if (buf[len - 1] == '.')
        buf[--len] = '\0';
    return buf;
}

const char *report_fmt_diff(double v, char buf[REPORT_NUM_BUF])
{
    /* a difference that rounds to 0 has no direction */
    if (fabs(v) < 0.05)
        return strcpy(buf, "0.0");
    snprintf(buf, REPORT_NUM_BUF, "%+.1f", v);
    return buf;
}

const char *report_fmt_prob(double v, char buf[REPORT_NUM_BUF])
{
    /* two decimals say enough of a large one; below 0.001 the exact
     * value says more than the diary can (and a shuffle count floors it) */
    if (v < 0.001)
        return strcpy(buf, "<0.001");
    snprintf(buf, REPORT_NUM_BUF, v < 0.01 ? "%.3f" : "%.2f", v);
    return buf;
}

/* "p=0.04", "q<0.001": a probability named by its letter. */
static const char *fmt_probability(char letter, double v,
                                   char buf[REPORT_NUM_BUF])
{
    /* written in one call, not pasted from report_fmt_prob's buffer, so
     * that no compiler can see a 24-byte number pasted into 24 bytes */
    if (v < 0.001)
        snprintf(buf, REPORT_NUM_BUF, "%c<0.001", letter);
    else
        snprintf(buf, REPORT_NUM_BUF, v < 0.01 ? "%c=%.3f" : "%c=%.2f",
                 letter, v);
    return buf;
}

const char *report_fmt_p(double p, char buf[REPORT_NUM_BUF])
{
    return fmt_probability('p', p, buf);
}

const char *report_fmt_q(double q, char buf[REPORT_NUM_BUF])
{
    return fmt_probability('q', q, buf);
}

const char *report_lag_name(int lag)
{
    return lag == 0 ? "same day" : lag == 1 ? "next day" : "day after";
}

const char *report_outcome_name(int key)
{
    const struct field_info *fi = checkin_field_info(key);
    if (key == CF_SLEEP_QUALITY)
        return "sleep quality";
    return fi ? fi->option : "?";
}

const char *report_outcome_short(int key, int cols, bool ascii,
                                 char buf[REPORT_OUTCOME_BUF])
{
    return text_ellipsize(report_outcome_name(key), (size_t)cols, ascii, buf,
                          REPORT_OUTCOME_BUF);
}

/* The kind of an outcome's values (a rating for a key the table lacks). */
static enum field_kind outcome_kind(int key)
{
    const struct field_info *fi = checkin_field_info(key);
    return fi ? fi->kind : FIELD_RATING;
}

/* A difference of shares, in percentage points: "+80%", "0%". */
static const char *fmt_points(double share, char buf[REPORT_NUM_BUF])
{
    double v = share * 100;
    snprintf(buf, REPORT_NUM_BUF, fabs(v) < 0.5 ? "0%%" : "%+.0f%%", v);
    return buf;
}

const char *report_fmt_effect(int key, double diff, char buf[REPORT_NUM_BUF])
{
    enum field_kind k = outcome_kind(key);
    if (k == FIELD_YESNO)
        return fmt_points(diff, buf);
    if ((k == FIELD_TALLY || k == FIELD_MINUTES) && fabs(diff) >= 99.95) {
        snprintf(buf, REPORT_NUM_BUF, "%+.0f", diff);
        return buf;
    }
    return report_fmt_diff(diff, buf);
}

void report_effect_words(struct strbuf *sb, int key, double diff,
                         double mean_with, double mean_without)
{
    char v[REPORT_NUM_BUF];
    const struct field_info *fi = checkin_field_info(key);
    enum field_kind k = outcome_kind(key);
    if (k == FIELD_YESNO) {
        strbuf_printf(sb, "%.0f%% of days vs %.0f%%",
                      floor(mean_with * 100 + 0.5),
                      floor(mean_without * 100 + 0.5));
        return;
    }
    strbuf_append(sb, report_fmt_effect(key, diff, v));
    if (k == FIELD_MINUTES)
        strbuf_append(sb, " minutes");
    /* the built-in ratings are known by their names; an own one says
     * which end of its scale the tag went with */
    if (k == FIELD_RATING && fi && key >= CF_COUNT && fabs(diff) >= 0.05)
        strbuf_printf(sb, ", toward %s",
                      diff > 0 ? fi->high_word : fi->low_word);
}

int report_pct(int part, int whole)
{
    return whole > 0 ? (part * 100 + whole / 2) / whole : 0;
}
