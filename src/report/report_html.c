/* report: the HTML backend of the document writer. One self-contained
 * file: inline CSS and SVG, no scripts, no fonts or images from anywhere
 * (a Content-Security-Policy says so to the browser too), laid out to
 * print on one sheet of A4 or of Letter.
 *
 * One page needs a little more than CSS: the backend folds the second
 * week-by-week table (stiffness, sleep hours, days filled later) and the
 * weekly WPI table into the first week-by-week table (one row a week
 * instead of three tables), shows at most WEEKS_SHOWN weeks of any table
 * by week (its first header "Week of") and FLARES_SHOWN flares, and says
 * so where it cuts. It knows these sections by their headings, and writes
 * any table it cannot fold as it came. */
#include "report_impl.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/regions.h"
#include "ache/util.h"

/* The classes of the sections the backend reshapes (heading words joined
 * by dashes). */
#define SEC_WEEKS "week-by-week"
#define SEC_WPI "widespread-pain-and-symptom-severity"
#define SEC_FLARES "flares"
#define SEC_COMPLETE "how-complete-the-diary-is"

/* A 90-day period (the default) meets at most 14 ISO weeks, so only
 * longer periods lose their earliest weeks; the trend chart still shows
 * the whole period. */
#define WEEKS_SHOWN 14
/* The latest flares; the most recent are what a visit is about. */
#define FLARES_SHOWN 3

/* Print width is fixed at the A4 width less margins (186 mm; Letter is
 * 6 mm wider but 18 mm shorter), so the layout is the same on both and
 * the height is the only budget: Letter's 255 mm. The period, the
 * completeness and the weekly table run the full width; the rest flows in
 * two balanced 90 mm columns, breaking between blocks, never inside a
 * table, a figure or a list item.
 *
 * No print text is below 7pt. SVG text scales with its picture, so the
 * CSS sets it in SVG units: the chart is 720 units across 90 mm (20 units
 * = 7.1pt); its legend, spaced for 11 units, is scaled as a whole (1.85
 * times about its first swatch) so its words keep apart. The body figure
 * is 350 units across 38 mm (23 units = 7.1pt); the numbers inside its
 * circles cannot be that large, so print leaves them to the table beside
 * it (the shading stays). Colours are dark on white and every line and
 * mark also differs in shape, so a grey printout still reads. */
static const char css[] =
    "@page { size: auto; margin: 12mm; }\n"
    "* { box-sizing: border-box; -webkit-print-color-adjust: exact; "
    "print-color-adjust: exact; }\n"
    "html { background: #fff; color: #111; }\n"
    "body { font: 8pt system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', "
    "Arial, sans-serif; line-height: 1.25; max-width: 186mm; margin: 0 auto; "
    "padding: 5mm; }\n"
    "h1 { font-size: 14pt; margin: 0; }\n"
    "h2 { font-size: 9.5pt; margin: 1.6mm 0 0.6mm; padding-bottom: 0.3mm; "
    "border-bottom: 0.5pt solid #888; break-after: avoid; }\n"
    "p { margin: 0.6mm 0; }\n"
    "p.note { font-size: 7pt; color: #333; }\n"
    "ul { margin: 0.6mm 0; padding-left: 4mm; }\n"
    "li { margin: 0.3mm 0; }\n"
    "table { border-collapse: collapse; font-size: 7.5pt; line-height: 1.1; "
    "margin: 0.6mm 0; }\n"
    "th, td { padding: 0 1mm; border-bottom: 0.4pt solid #ccc; "
    "text-align: left; vertical-align: top; white-space: nowrap; }\n"
    "th { border-bottom: 0.8pt solid #555; }\n"
    /* a long tag name wraps rather than push its table out of the column */
    ".flow td:first-child { white-space: normal; }\n"
    "th.group { text-align: center; font-weight: 600; "
    "border-bottom: 0.4pt solid #888; }\n"
    "th.group:empty { border-bottom: none; }\n"
    /* the folded weekly table has a column for every value: its text is
     * at the 7pt floor, its headers wrap and its cells sit closer, so that
     * it keeps to the page's width */
    "table.weeks { font-size: 7pt; }\n"
    "table.weeks th { white-space: normal; }\n"
    "table.weeks th, table.weeks td { padding: 0 0.6mm; }\n"
    /* the tables of own fields side by side, not a page's height of them */
    ".own { display: flex; flex-wrap: wrap; gap: 0 4mm; "
    "align-items: flex-start; }\n"
    ".own > p { flex-basis: 100%; }\n"
    ".sep { border-left: 0.6pt solid #888; }\n"
    ".num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    ".mid { text-align: center; font-variant-numeric: tabular-nums; }\n"
    "section { break-inside: avoid; }\n"
    /* one sentence: its heading runs in */
    ".how-complete-the-diary-is > * { display: inline; }\n"
    ".how-complete-the-diary-is > h2 { font-size: 8pt; border: none; "
    "margin-right: 1mm; }\n"
    ".how-complete-the-diary-is > h2::after { content: \":\"; }\n"
    ".how-complete-the-diary-is { margin-top: 1mm; }\n"
    ".flow { columns: 2; column-gap: 6mm; }\n"
    ".flow section { break-inside: auto; }\n"
    ".flow > section:first-child > h2 { margin-top: 1mm; }\n"
    "table, figure, li, p { break-inside: avoid; }\n"
    "figure { margin: 0.6mm 0; }\n"
    "svg { display: block; }\n"
    /* narrow figures, so that a year of month labels keeps apart */
    "svg text { font-family: Arial, 'Liberation Sans', Helvetica, "
    "sans-serif; }\n"
    "figure.chart svg { width: 100%; height: auto; }\n"
    "svg.trend text { font-size: 20px; }\n"
    "svg.trend > line[y1=\"12\"], svg.trend > text[y=\"16\"] "
    "{ font-size: 11px; transform-origin: 34px 12px; "
    "transform: scale(1.85); }\n"
    "figure.body { display: flex; gap: 2mm; align-items: flex-start; }\n"
    "figure.body svg { width: 38mm; height: auto; flex: none; "
    "overflow: visible; }\n"
    "svg.bodymap > text { font-size: 23px; }\n"
    "@media print { body { padding: 0; }\n"
    "  svg.bodymap g text { display: none; }\n"
    /* a long note keeps its first three lines (the screen shows it all) */
    "  .notes-from-the-most-painful-days li > span, "
    ".the-latest-notes li > span "
    "{ display: -webkit-box; -webkit-box-orient: vertical; "
    "-webkit-line-clamp: 3; overflow: hidden; } }\n";

struct held_table {
    char *align;
    size_t ncols, ncells;
    char **cells;
};

struct html_state {
    char section[64];        /* the open section's class */
    struct held_table weeks; /* the weekly table, held for the WPI one */
    struct held_table more;  /* the second weekly table, held likewise */
    struct held_table *own;  /* the tables of own fields after it, held to
                                follow the folded table */
    size_t nown;
    bool merging;            /* in the WPI section, folded into the weeks */
    struct strbuf after;     /* paragraphs of what is folded, to follow
                                the table */
    bool flow;               /* the two-column part is open */
    char **items;            /* flares, held until their list ends */
    size_t nitems, cap;
};

static struct html_state *state(struct report_doc *d)
{
    if (!d->html)
        d->html = xcalloc(1, sizeof *d->html);
    return d->html;
}

static bool in_section(struct report_doc *d, const char *name)
{
    return strcmp(state(d)->section, name) == 0;
}

void report_html_escape(struct strbuf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': strbuf_append(out, "&amp;"); break;
        case '<': strbuf_append(out, "&lt;"); break;
        case '>': strbuf_append(out, "&gt;"); break;
        case '"': strbuf_append(out, "&quot;"); break;
        case '\'': strbuf_append(out, "&#39;"); break;
        default: strbuf_putc(out, *p);
        }
    }
}

static void element(struct strbuf *out, const char *open, const char *tag,
                    const char *text)
{
    strbuf_printf(out, "<%s>", open);
    report_html_escape(out, text);
    strbuf_printf(out, "</%s>\n", tag);
}

static void html_title(struct report_doc *d, const char *text)
{
    strbuf_append(
        &d->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, "
                 "initial-scale=1\">\n");
    element(&d->out, "title", "title", text);
    strbuf_printf(&d->out, "<style>\n%s</style>\n</head>\n<body>\n<main>\n",
                  css);
    element(&d->out, "h1", "h1", text);
}

/* ---- tables -------------------------------------------------------------- */

static size_t table_rows(const struct report_doc_table *t)
{
    return t->ncols ? t->ncells / t->ncols : 0;
}

/* Columns from..ncols of one row of t; `sep` rules off the first of
 * them; `thin` sets the slashes of "2 / 4 / 8" between thin spaces. */
struct cells_at {
    const struct report_doc_table *t;
    size_t row, from;
    bool sep, thin;
};

/* In a header, a hyphen between digits does not break a range ("0-28"). */
static void header_text(struct strbuf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '-' && p > text && isdigit((unsigned char)p[-1]) &&
            isdigit((unsigned char)p[1])) {
            strbuf_append(out, "&#8209;");
            continue;
        }
        char one[2] = {*p, '\0'};
        report_html_escape(out, one);
    }
}

static void cell_text(struct strbuf *out, const char *text, bool thin)
{
    const char *slash;
    while (thin && (slash = strstr(text, " / ")) != NULL) {
        char *part = xstrndup(text, (size_t)(slash - text));
        report_html_escape(out, part);
        free(part);
        strbuf_append(out, "&#8201;/&#8201;");
        text = slash + 3;
    }
    report_html_escape(out, text);
}

static void write_cells(struct report_doc *d, const struct cells_at *at)
{
    const struct report_doc_table *t = at->t;
    const char *tag = at->row == 0 ? "th" : "td";
    for (size_t c = at->from; c < t->ncols; c++) {
        bool num = t->align[c] == 'r', rule = at->sep && c == at->from;
        const char *cls = num && rule ? " class=\"num sep\""
                          : num       ? " class=\"num\""
                          : rule      ? " class=\"sep\""
                                      : "";
        const char *text = t->cells[at->row * t->ncols + c];
        strbuf_printf(&d->out, "<%s%s>", tag, cls);
        if (at->row == 0 && at->thin)
            header_text(&d->out, text);
        else
            cell_text(&d->out, text, at->thin);
        strbuf_printf(&d->out, "</%s>", tag);
    }
}

/* Tables with the same weeks side by side: each after the first without
 * its first column (which repeats the first's), ruled off. */
struct week_parts {
    const struct report_doc_table *t[3];
    const char *label[3]; /* group header of each part after the first */
    size_t n;
    bool thin;
};

/* Row r of the parts side by side. */
static void write_row(struct report_doc *d, const struct week_parts *p,
                      size_t r)
{
    for (size_t i = 0; i < p->n; i++)
        write_cells(d, &(struct cells_at){p->t[i], r, i > 0, i > 0, p->thin});
}

/* Rows first..rows of the parts. */
static void write_rows(struct report_doc *d, const struct week_parts *p,
                       size_t first)
{
    strbuf_append(&d->out, "<tbody>\n");
    for (size_t r = first; r < table_rows(p->t[0]); r++) {
        strbuf_append(&d->out, "<tr>");
        write_row(d, p, r);
        strbuf_append(&d->out, "</tr>\n");
    }
    strbuf_append(&d->out, "</tbody>\n</table>\n");
}

static void write_table(struct report_doc *d, const struct report_doc_table *t)
{
    struct week_parts p = {{t}, {NULL}, 1, false};
    strbuf_append(&d->out, "<table>\n<thead>\n<tr>");
    if (t->ncells)
        write_row(d, &p, 0);
    strbuf_append(&d->out, "</tr>\n</thead>\n");
    write_rows(d, &p, 1);
}

/* A header row naming the parts of the folded weekly table: the first is
 * Week of, Days and a column a symptom; the others say what they are. */
static void group_header(struct report_doc *d, const struct week_parts *p)
{
    const struct report_doc_table *a = p->t[0];
    size_t lead = a->ncols < 2 ? a->ncols : 2;
    strbuf_printf(&d->out, "<tr><th class=\"group\" colspan=\"%zu\"></th>",
                  lead);
    if (a->ncols > lead)
        strbuf_printf(&d->out, "<th class=\"group\" colspan=\"%zu\">Lowest "
                               "/ median / highest day</th>",
                      a->ncols - lead);
    for (size_t i = 1; i < p->n; i++)
        strbuf_printf(&d->out, "<th class=\"group sep\" colspan=\"%zu\">"
                               "%s</th>",
                      p->t[i]->ncols - 1, p->label[i]);
    strbuf_append(&d->out, "</tr>\n");
}

/* Whether b's rows are a's weeks, one for one. */
static bool same_weeks(const struct report_doc_table *a,
                       const struct report_doc_table *b)
{
    if (table_rows(a) != table_rows(b) || b->ncols < 2)
        return false;
    for (size_t r = 0; r < table_rows(a); r++)
        if (strcmp(a->cells[r * a->ncols], b->cells[r * b->ncols]) != 0)
            return false;
    return true;
}

/* A week table with the parts folded in, its earliest weeks cut past
 * WEEKS_SHOWN. */
static void week_table(struct report_doc *d, struct week_parts *p)
{
    size_t weeks = table_rows(p->t[0]) ? table_rows(p->t[0]) - 1 : 0;
    size_t skip = weeks > WEEKS_SHOWN ? weeks - WEEKS_SHOWN : 0;
    p->thin = true;
    strbuf_append(&d->out, "<table class=\"weeks\">\n<thead>\n");
    if (p->n > 1)
        group_header(d, p);
    strbuf_append(&d->out, "<tr>");
    if (p->t[0]->ncells)
        write_row(d, p, 0);
    strbuf_append(&d->out, "</tr>\n</thead>\n");
    write_rows(d, p, 1 + skip);
    if (skip)
        strbuf_printf(&d->out, "<p class=\"note\">The last %d of the "
                               "period&#39;s %zu weeks; ache report --format "
                               "text lists every week.</p>\n",
                      WEEKS_SHOWN, weeks);
}

static void held_free(struct held_table *h)
{
    for (size_t i = 0; i < h->ncells; i++)
        free(h->cells[i]);
    free(h->cells);
    free(h->align);
    memset(h, 0, sizeof *h);
}

static void held_keep(struct held_table *h, const struct report_doc_table *t)
{
    h->align = xstrdup(t->align);
    h->ncols = t->ncols;
    h->ncells = t->ncells;
    h->cells = xcalloc(t->ncells ? t->ncells : 1, sizeof *h->cells);
    for (size_t i = 0; i < t->ncells; i++)
        h->cells[i] = xstrdup(t->cells[i]);
}

/* Adds t to the parts when its weeks are the first's; else it is to be
 * written alone. */
static void fold_or_alone(struct week_parts *p,
                          const struct report_doc_table *t, const char *label,
                          const struct report_doc_table **alone)
{
    if (!t || !t->ncells)
        return;
    if (same_weeks(p->t[0], t)) {
        p->t[p->n] = t;
        p->label[p->n++] = label;
    } else {
        *alone = t;
    }
}

static struct report_doc_table held_view(const struct held_table *h)
{
    return (struct report_doc_table){.align = h->align, .ncols = h->ncols,
                                     .cells = h->cells, .ncells = h->ncells};
}

/* Writes the held weekly table, with the second one and the WPI table t
 * folded in when their weeks match (else after it), the tables of own
 * fields (the folded one has no room left for them), then the paragraphs
 * of what was folded. */
static void flush_weeks(struct report_doc *d, const struct report_doc_table *t)
{
    struct html_state *st = state(d);
    struct report_doc_table a = held_view(&st->weeks),
                            more = held_view(&st->more);
    const struct report_doc_table *alone[2] = {NULL, NULL};
    struct week_parts p = {{&a}, {NULL}, 1, true};
    fold_or_alone(&p, &more, "", &alone[0]);
    fold_or_alone(&p, t, "Widespread pain and severity", &alone[1]);
    week_table(d, &p);
    for (int i = 0; i < 2; i++)
        if (alone[i])
            week_table(d, &(struct week_parts){{alone[i]}, {NULL}, 1, true});
    if (st->nown)
        strbuf_append(&d->out, "<div class=\"own\">\n");
    for (size_t i = 0; i < st->nown; i++) {
        struct report_doc_table own = held_view(&st->own[i]);
        week_table(d, &(struct week_parts){{&own}, {NULL}, 1, true});
        held_free(&st->own[i]);
    }
    if (st->nown)
        strbuf_append(&d->out, "</div>\n");
    free(st->own);
    st->own = NULL;
    st->nown = 0;
    strbuf_append(&d->out, strbuf_str(&st->after));
    strbuf_reset(&st->after);
    held_free(&st->weeks);
    held_free(&st->more);
    st->merging = false;
}

static bool by_week(const struct report_doc_table *t)
{
    return t->ncells > 0 && strcmp(t->cells[0], "Week of") == 0;
}

static void held_own(struct html_state *st, const struct report_doc_table *t)
{
    st->own = xreallocarray(st->own, st->nown + 1, sizeof *st->own);
    held_keep(&st->own[st->nown++], t);
}

/* The weekly tables are held until the WPI one comes (or the section
 * after them begins), to be folded into one. */
static void html_table(struct report_doc *d, const struct report_doc_table *t)
{
    struct html_state *st = state(d);
    if (st->merging)
        flush_weeks(d, t);
    else if (in_section(d, SEC_WEEKS) && !st->weeks.cells)
        held_keep(&st->weeks, t);
    else if (in_section(d, SEC_WEEKS) && !st->more.cells)
        held_keep(&st->more, t);
    else if (in_section(d, SEC_WEEKS) && st->weeks.cells)
        held_own(st, t);
    else if (by_week(t))
        week_table(d, &(struct week_parts){{t}, {NULL}, 1, true});
    else
        write_table(d, t);
}

/* ---- sections, paragraphs, lists ----------------------------------------- */

static void section_class(char *out, size_t size, const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < size; p++)
        if (isalnum((unsigned char)*p))
            out[n++] = (char)tolower((unsigned char)*p);
        else if (*p == ' ')
            out[n++] = '-';
    out[n] = '\0';
}

/* A section runs from its heading to the next; its class is the
 * heading's words joined by dashes. The full-width ones at the top stay
 * whole in print; those after them flow in two columns (opened here). The
 * WPI section joins the open week-by-week one when that holds its table. */
static void html_heading(struct report_doc *d, const char *text)
{
    struct html_state *st = state(d);
    char cls[sizeof st->section];
    section_class(cls, sizeof cls, text);
    if (strcmp(cls, SEC_WPI) == 0 && st->weeks.cells) {
        st->merging = true;
        return;
    }
    if (st->weeks.cells)
        flush_weeks(d, NULL);
    if (d->section_open)
        strbuf_append(&d->out, "</section>\n");
    if (!st->flow && strcmp(cls, SEC_COMPLETE) != 0 &&
        strcmp(cls, SEC_WEEKS) != 0 && strcmp(cls, SEC_WPI) != 0) {
        strbuf_append(&d->out, "<div class=\"flow\">\n");
        st->flow = true;
    }
    memcpy(st->section, cls, sizeof cls);
    strbuf_printf(&d->out, "<section class=\"%s\">\n", cls);
    d->section_open = true;
    element(&d->out, "h2", "h2", text);
}

/* Paragraphs of what is folded into the weekly table (the second table's,
 * the WPI section's) explain it, so they follow it, in the small print of
 * notes. */
static void html_para(struct report_doc *d, const char *text)
{
    struct html_state *st = state(d);
    if (st->merging || (in_section(d, SEC_WEEKS) && st->weeks.cells))
        element(&st->after, "p class=\"note\"", "p", text);
    else
        element(&d->out, "p", "p", text);
}

static void html_list_begin(struct report_doc *d)
{
    strbuf_append(&d->out, "<ul>\n");
}

/* The text in a span, which print can cut to a few lines. */
static void list_item(struct strbuf *out, const char *text)
{
    strbuf_append(out, "<li><span>");
    report_html_escape(out, text);
    strbuf_append(out, "</span></li>\n");
}

static void html_item(struct report_doc *d, const char *text)
{
    struct html_state *st = state(d);
    if (!in_section(d, SEC_FLARES)) {
        list_item(&d->out, text);
        return;
    }
    if (st->nitems == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 8;
        st->items = xreallocarray(st->items, st->cap, sizeof *st->items);
    }
    st->items[st->nitems++] = xstrdup(text);
}

/* Held flares: the latest FLARES_SHOWN, and how many earlier ones were
 * left out. */
static void html_list_end(struct report_doc *d)
{
    struct html_state *st = state(d);
    size_t skip = st->nitems > FLARES_SHOWN ? st->nitems - FLARES_SHOWN : 0;
    for (size_t i = 0; i < st->nitems; i++) {
        if (i >= skip)
            list_item(&d->out, st->items[i]);
        free(st->items[i]);
    }
    st->nitems = 0;
    strbuf_append(&d->out, "</ul>\n");
    if (skip)
        strbuf_printf(&d->out, "<p class=\"note\">%zu earlier flare%s left "
                               "out here; ache insights lists them all.</p>\n",
                      skip, skip == 1 ? " is" : "s are");
}

/* ---- pictures, the end --------------------------------------------------- */

static void html_chart(struct report_doc *d, const struct chart_spec *spec)
{
    strbuf_append(&d->out, "<figure class=\"chart\">\n");
    report_svg_chart(&d->out, spec);
    strbuf_append(&d->out, "</figure>\n");
}

/* 'l' or 'r' for a region of one side (its code ends "-l" or "-r", the
 * person's own side), 0 for the axial ones. */
static char region_side(int r)
{
    const char *code = region_get(r)->code;
    size_t n = strlen(code);
    if (n < 2 || code[n - 2] != '-')
        return 0;
    return code[n - 1] == 'l' || code[n - 1] == 'r' ? code[n - 1] : 0;
}

/* The same region on the other side ("shoulder-l", "shoulder-r"), or -1. */
static int region_partner(int r)
{
    const char *code = region_get(r)->code;
    char side = region_side(r), other[32];
    if (!side)
        return -1;
    snprintf(other, sizeof other, "%.*s-%c", (int)(strlen(code) - 2), code,
             side == 'l' ? 'r' : 'l');
    return region_find(other);
}

/* One row a body part, right and left side by side (the person's own, as
 * the figure is labelled): half the rows of one a region, and a
 * difference between the sides shows at a glance. */
static void region_row(struct report_doc *d, const int counts[REGION_COUNT],
                       int r)
{
    int pair = region_partner(r);
    const char *name = region_get(r)->name, *space = strchr(name, ' ');
    if (pair < 0) {
        strbuf_printf(&d->out, "<tr><td>%s</td><td class=\"mid\" "
                               "colspan=\"2\">%d</td></tr>\n",
                      name, counts[r]);
        return;
    }
    bool right = region_side(r) == 'r';
    strbuf_printf(&d->out, "<tr><td>%s</td><td class=\"num\">%d</td>"
                           "<td class=\"num\">%d</td></tr>\n",
                  space ? space + 1 : name, counts[right ? r : pair],
                  counts[right ? pair : r]);
}

static void html_body(struct report_doc *d, const int counts[REGION_COUNT])
{
    strbuf_append(&d->out, "<figure class=\"body\">\n");
    report_svg_body(&d->out, counts);
    int order[REGION_COUNT];
    bool done[REGION_COUNT] = {false};
    int n = report_hurt_regions(counts, order);
    strbuf_append(&d->out, "<table>\n<thead>\n<tr><th>Region</th>"
                           "<th class=\"num\">Right</th>"
                           "<th class=\"num\">Left</th></tr>\n</thead>\n"
                           "<tbody>\n");
    for (int i = 0; i < n; i++) {
        int r = order[i], pair = region_partner(r);
        if (done[r])
            continue;
        done[r] = true;
        if (pair >= 0)
            done[pair] = true;
        region_row(d, counts, r);
    }
    strbuf_append(&d->out, "</tbody>\n</table>\n</figure>\n");
}

static void html_finish(struct report_doc *d)
{
    struct html_state *st = state(d);
    if (st->weeks.cells)
        flush_weeks(d, NULL);
    if (d->section_open)
        strbuf_append(&d->out, "</section>\n");
    if (st->flow)
        strbuf_append(&d->out, "</div>\n");
    strbuf_append(&d->out, "</main>\n</body>\n</html>\n");
    strbuf_free(&st->after);
    free(st->items);
    free(st);
    d->html = NULL;
}

const struct report_doc_ops report_doc_html_ops = {
    .title = html_title,         .heading = html_heading,
    .para = html_para,           .list_begin = html_list_begin,
    .item = html_item,           .list_end = html_list_end,
    .table = html_table,         .cell_width = NULL,
    .chart = html_chart,         .body = html_body,
    .finish = html_finish};
