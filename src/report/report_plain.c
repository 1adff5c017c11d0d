/* report: the plain-text and Markdown backends of the document writer,
 * and the figures they share (the trend chart and the body figure drawn
 * into a grid, turned into lines of text). */
#include "report_impl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/bodymap_draw.h"
#include "ache/chart.h"
#include "ache/grid.h"
#include "ache/regions.h"
#include "ache/report.h"
#include "ache/text.h"
#include "ache/util.h"

#define FIGURE_COLS (REPORT_WIDTH - 2)
#define CHART_ROWS 12
/* A region's line beside the figure: name and days. */
#define REGION_COLS 20

static void blank_line(struct report_doc *d)
{
    if (report_doc_started(d) && !d->fresh)
        strbuf_putc(&d->out, '\n');
}

static void underline(struct strbuf *out, const char *text, char c)
{
    size_t w = text_width(text, strlen(text));
    strbuf_append(out, text);
    strbuf_putc(out, '\n');
    for (size_t i = 0; i < w; i++)
        strbuf_putc(out, c);
    strbuf_putc(out, '\n');
}

/* ---- figures ---------------------------------------------------------------- */

/* The figures of the plain formats as lines of text. */
static char *report_doc_chart_text(const struct chart_spec *spec, bool utf8)
{
    struct chart_spec s = *spec;
    s.utf8 = utf8;
    s.plain_text = true;
    struct grid *g = grid_new(FIGURE_COLS, CHART_ROWS);
    chart_draw(g, 0, 0, FIGURE_COLS, CHART_ROWS, &s);
    char *text = grid_to_text(g);
    grid_free(g);
    return text;
}

int report_hurt_regions(const int counts[REGION_COUNT],
                        int order[REGION_COUNT])
{
    int n = 0;
    for (int r = 0; r < REGION_COUNT; r++)
        if (counts[r] > 0)
            order[n++] = r;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && counts[order[j]] > counts[order[j - 1]];
             j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    return n;
}

/* The list beside the figure: one column, or two when it would be taller
 * than the figure. */
static void region_list(struct grid *g, int x, int rows,
                        const int counts[REGION_COUNT])
{
    int order[REGION_COUNT];
    int n = report_hurt_regions(counts, order);
    int per_col = n < rows ? n : (n + 1) / 2;
    for (int col = 0; col * per_col < n; col++) {
        int cx = x + col * (REGION_COLS + 2);
        grid_printf(g, cx, 0, ST_NORMAL, "%-15s %4s", "Region", "Days");
        for (int i = 0; i < per_col && col * per_col + i < n; i++) {
            int r = order[col * per_col + i];
            grid_printf(g, cx, i + 1, ST_NORMAL, "%-15s %4d",
                        region_get(r)->name, counts[r]);
        }
    }
}

static char *report_doc_body_text(const int counts[REGION_COUNT], bool utf8)
{
    int bw, bh;
    bodymap_size(utf8, &bw, &bh);
    region_set marked = 0;
    for (int r = 0; r < REGION_COUNT; r++)
        if (counts[r] > 0)
            marked |= (region_set)1u << r;
    struct grid *g = grid_new(FIGURE_COLS, bh);
    bodymap_draw(g, 0, 0, marked, -1, utf8);
    region_list(g, bw + 1, bh, counts);
    char *text = grid_to_text(g);
    grid_free(g);
    return text;
}

/* ---- tables ------------------------------------------------------------------- */

static size_t *column_widths(const struct report_doc_table *t, char **cells)
{
    size_t *w = xcalloc(t->ncols, sizeof *w);
    for (size_t i = 0; i < t->ncells; i++) {
        size_t cw = text_width(cells[i], strlen(cells[i]));
        if (cw > w[i % t->ncols])
            w[i % t->ncols] = cw;
    }
    return w;
}

static void pad(struct strbuf *out, size_t n)
{
    while (n--)
        strbuf_putc(out, ' ');
}

static void put_cell(struct strbuf *out, const char *text, size_t width,
                     char align)
{
    size_t cw = text_width(text, strlen(text));
    if (align == 'r')
        pad(out, width - cw);
    strbuf_append(out, text);
    if (align != 'r')
        pad(out, width - cw);
}

static void trim_line(struct strbuf *out)
{
    while (out->len > 0 && out->data[out->len - 1] == ' ')
        out->len--;
    out->data[out->len] = '\0';
    strbuf_putc(out, '\n');
}

static void text_row(struct strbuf *out, char *const *cells,
                     const struct report_doc_table *t, const size_t *w)
{
    for (size_t c = 0; c < t->ncols; c++) {
        strbuf_append(out, "  ");
        put_cell(out, cells[c], w[c], t->align[c]);
    }
    trim_line(out);
}

static size_t text_cell_width(const char *text)
{
    return text_width(text, strlen(text));
}

/* The table's widths: those of every part when it comes in parts, else
 * its own cells'. The caller frees them. */
static size_t *table_widths(const struct report_doc_table *t, char **cells)
{
    if (!t->widths)
        return column_widths(t, cells);
    size_t *w = xcalloc(t->ncols ? t->ncols : 1, sizeof *w);
    memcpy(w, t->widths, t->ncols * sizeof *w);
    return w;
}

/* Columns two spaces apart, a rule of dashes under the header. */
static void text_table(struct report_doc *d, const struct report_doc_table *t)
{
    size_t *w = table_widths(t, t->cells);
    bool head = !t->continued;
    if (head)
        blank_line(d);
    for (size_t r = 0; r * t->ncols < t->ncells; r++) {
        text_row(&d->out, t->cells + r * t->ncols, t, w);
        for (size_t c = 0; head && r == 0 && c < t->ncols; c++) {
            strbuf_append(&d->out, "  ");
            for (size_t j = 0; j < w[c]; j++)
                strbuf_putc(&d->out, '-');
        }
        if (head && r == 0)
            strbuf_putc(&d->out, '\n');
        report_doc_send_rows(d);
    }
    free(w);
}

static void md_rule(struct strbuf *out, const struct report_doc_table *t,
                    const size_t *w)
{
    for (size_t c = 0; c < t->ncols; c++) {
        strbuf_append(out, "| ");
        for (size_t j = 1; j < w[c]; j++)
            strbuf_putc(out, '-');
        strbuf_putc(out, t->align[c] == 'r' ? ':' : '-');
        strbuf_putc(out, ' ');
    }
    strbuf_append(out, "|\n");
}

static size_t md_cell_width(const char *text)
{
    char *escaped = report_doc_md_escape(text);
    size_t w = text_width(escaped, strlen(escaped));
    free(escaped);
    return w;
}

static void md_table(struct report_doc *d, const struct report_doc_table *t)
{
    char **cells = xcalloc(t->ncells ? t->ncells : 1, sizeof *cells);
    for (size_t i = 0; i < t->ncells; i++)
        cells[i] = report_doc_md_escape(t->cells[i]);
    size_t *w = table_widths(t, cells);
    for (size_t c = 0; c < t->ncols; c++)
        w[c] = w[c] < 3 ? 3 : w[c];
    if (!t->continued)
        blank_line(d);
    for (size_t i = 0; i < t->ncells; i++) {
        size_t c = i % t->ncols;
        strbuf_append(&d->out, "| ");
        put_cell(&d->out, cells[i], w[c], t->align[c]);
        strbuf_putc(&d->out, ' ');
        if (c + 1 == t->ncols)
            strbuf_append(&d->out, "|\n");
        if (i + 1 == t->ncols && !t->continued)
            md_rule(&d->out, t, w);
        if (c + 1 == t->ncols)
            report_doc_send_rows(d);
        free(cells[i]);
    }
    free(cells);
    free(w);
}

/* ---- plain text ------------------------------------------------------------------ */

static void text_title(struct report_doc *d, const char *text)
{
    underline(&d->out, text, '=');
}

static void text_heading(struct report_doc *d, const char *text)
{
    if (report_doc_started(d))
        strbuf_putc(&d->out, '\n');
    underline(&d->out, text, '-');
}

static void text_para(struct report_doc *d, const char *text)
{
    blank_line(d);
    report_doc_wrap(&d->out, text, "", "", false);
}

static void text_list_begin(struct report_doc *d)
{
    blank_line(d);
}

static void text_item(struct report_doc *d, const char *text)
{
    report_doc_wrap(&d->out, text, "  - ", "    ", false);
}

static void nothing(struct report_doc *d)
{
    (void)d;
}

static void text_chart(struct report_doc *d, const struct chart_spec *spec)
{
    char *text = report_doc_chart_text(spec, d->utf8);
    blank_line(d);
    strbuf_append(&d->out, text);
    free(text);
}

static void text_body(struct report_doc *d, const int counts[REGION_COUNT])
{
    char *text = report_doc_body_text(counts, d->utf8);
    blank_line(d);
    strbuf_append(&d->out, text);
    free(text);
}

const struct report_doc_ops report_doc_text_ops = {
    .title = text_title,         .heading = text_heading,
    .para = text_para,           .list_begin = text_list_begin,
    .item = text_item,           .list_end = nothing,
    .table = text_table,         .cell_width = text_cell_width,
    .chart = text_chart,         .body = text_body,
    .finish = nothing};

/* ---- Markdown ---------------------------------------------------------------------- */

static void md_blank_line(struct report_doc *d)
{
    if (report_doc_started(d))
        strbuf_putc(&d->out, '\n');
}

static void md_heading_at(struct report_doc *d, const char *marks,
                          const char *text)
{
    char *esc = report_doc_md_escape(text);
    md_blank_line(d);
    strbuf_append(&d->out, marks);
    strbuf_append(&d->out, esc);
    strbuf_putc(&d->out, '\n');
    free(esc);
}

static void md_title(struct report_doc *d, const char *text)
{
    md_heading_at(d, "# ", text);
}

static void md_heading(struct report_doc *d, const char *text)
{
    md_heading_at(d, "## ", text);
}

static void md_para(struct report_doc *d, const char *text)
{
    char *esc = report_doc_md_escape(text);
    md_blank_line(d);
    report_doc_wrap(&d->out, esc, "", "", true);
    free(esc);
}

static void md_item(struct report_doc *d, const char *text)
{
    char *esc = report_doc_md_escape(text);
    report_doc_wrap(&d->out, esc, "- ", "  ", true);
    free(esc);
}

/* Pictures in a fenced block, always ASCII: Markdown is read raw as often
 * as rendered, and a renderer's font may lack braille. */
static void md_code(struct report_doc *d, char *text)
{
    md_blank_line(d);
    strbuf_append(&d->out, "```text\n");
    strbuf_append(&d->out, text);
    strbuf_append(&d->out, "```\n");
    free(text);
}

static void md_chart(struct report_doc *d, const struct chart_spec *spec)
{
    md_code(d, report_doc_chart_text(spec, false));
}

static void md_body(struct report_doc *d, const int counts[REGION_COUNT])
{
    md_code(d, report_doc_body_text(counts, false));
}

static void md_table_block(struct report_doc *d,
                           const struct report_doc_table *t)
{
    d->fresh = false;
    md_table(d, t);
}

const struct report_doc_ops report_doc_markdown_ops = {
    .title = md_title,           .heading = md_heading,
    .para = md_para,             .list_begin = md_blank_line,
    .item = md_item,             .list_end = nothing,
    .table = md_table_block,     .cell_width = md_cell_width,
    .chart = md_chart,           .body = md_body,
    .finish = nothing};
