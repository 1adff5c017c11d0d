/* report: the HTML backend of the document writer. One self-contained
 * file: inline CSS and SVG, no scripts, no fonts or images from anywhere
 * (a Content-Security-Policy says so to the browser too), laid out to
 * print on A4 and on Letter alike. */
#include "report_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The page is sized by the printer's paper (size: auto) and the content
 * kept narrower than both A4 (210 mm) and Letter (216 mm) less margins,
 * so neither clips nor shrinks it. Colours are dark on white and every
 * line and mark also differs in shape, so a grey printout still reads. */
static const char css[] =
    "@page { size: auto; margin: 12mm 13mm; }\n"
    "* { box-sizing: border-box; -webkit-print-color-adjust: exact; "
    "print-color-adjust: exact; }\n"
    "html { background: #fff; color: #111; }\n"
    "body { font: 10pt/1.35 system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', "
    "Arial, sans-serif; max-width: 182mm; margin: 0 auto; padding: 6mm; }\n"
    "h1 { font-size: 16pt; margin: 0 0 1mm; }\n"
    "h2 { font-size: 11pt; margin: 4mm 0 1mm; padding-bottom: 0.5mm; "
    "border-bottom: 0.5pt solid #888; }\n"
    "p { margin: 1mm 0; }\n"
    "ul { margin: 1mm 0; padding-left: 5mm; }\n"
    "li { margin: 0.5mm 0; }\n"
    "table { border-collapse: collapse; font-size: 7.5pt; margin: 1mm 0; }\n"
    "th, td { padding: 0.3mm 1mm; border-bottom: 0.4pt solid #bbb; "
    "text-align: left; vertical-align: top; white-space: nowrap; }\n"
    "th { border-bottom: 0.8pt solid #555; }\n"
    ".num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "section { break-inside: avoid; page-break-inside: avoid; }\n"
    "figure { margin: 1mm 0; }\n"
    "svg { display: block; }\n"
    "svg text { font-family: system-ui, Arial, sans-serif; }\n"
    "figure.chart svg { width: 100%; height: auto; }\n"
    "figure.body { display: flex; gap: 4mm; align-items: flex-start; }\n"
    "figure.body svg { width: 52mm; height: auto; flex: none; }\n"
    /* two columns where two sections belong side by side */
    "main { display: grid; grid-template-columns: minmax(0, 1.1fr) "
    "minmax(0, 1fr); column-gap: 5mm; align-items: start; }\n"
    "main > * { grid-column: 1 / -1; }\n"
    "main > .week-by-week, main > .where-it-hurt { grid-column: 1; }\n"
    "main > .widespread-pain-and-symptom-severity, main > .flares "
    "{ grid-column: 2; }\n"
    ".widespread-pain-and-symptom-severity p { font-size: 8pt; }\n"
    "@media print { body { padding: 0; max-width: none; } }\n";

void html_escape(struct strbuf *out, const char *text)
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

static void element(struct doc *d, const char *tag, const char *text)
{
    strbuf_printf(&d->out, "<%s>", tag);
    html_escape(&d->out, text);
    strbuf_printf(&d->out, "</%s>\n", tag);
}

static void html_title(struct doc *d, const char *text)
{
    strbuf_append(&d->out,
                  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                  "<meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" "
                  "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, "
                  "initial-scale=1\">\n");
    element(d, "title", text);
    strbuf_printf(&d->out, "<style>\n%s</style>\n</head>\n<body>\n<main>\n",
                  css);
    element(d, "h1", text);
}

/* A section runs from its heading to the next, so that print keeps it on
 * one page; its class is the heading's words joined by dashes. */
static void html_heading(struct doc *d, const char *text)
{
    if (d->section_open)
        strbuf_append(&d->out, "</section>\n");
    strbuf_append(&d->out, "<section class=\"");
    for (const char *p = text; *p; p++)
        if (isalnum((unsigned char)*p))
            strbuf_putc(&d->out, (char)tolower((unsigned char)*p));
        else if (*p == ' ')
            strbuf_putc(&d->out, '-');
    strbuf_append(&d->out, "\">\n");
    d->section_open = true;
    element(d, "h2", text);
}

static void html_para(struct doc *d, const char *text)
{
    element(d, "p", text);
}

static void html_list_begin(struct doc *d)
{
    strbuf_append(&d->out, "<ul>\n");
}

static void html_item(struct doc *d, const char *text)
{
    element(d, "li", text);
}

static void html_list_end(struct doc *d)
{
    strbuf_append(&d->out, "</ul>\n");
}

static void html_row(struct doc *d, const struct doc_table *t, size_t row)
{
    const char *tag = row == 0 ? "th" : "td";
    strbuf_append(&d->out, "<tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        strbuf_printf(&d->out, "<%s%s>", tag,
                      t->align[c] == 'r' ? " class=\"num\"" : "");
        html_escape(&d->out, t->cells[row * t->ncols + c]);
        strbuf_printf(&d->out, "</%s>", tag);
    }
    strbuf_append(&d->out, "</tr>\n");
}

static void html_table(struct doc *d, const struct doc_table *t)
{
    size_t rows = t->ncols ? t->ncells / t->ncols : 0;
    strbuf_append(&d->out, "<table>\n<thead>\n");
    for (size_t r = 0; r < rows; r++) {
        html_row(d, t, r);
        if (r == 0)
            strbuf_append(&d->out, "</thead>\n<tbody>\n");
    }
    strbuf_append(&d->out, rows ? "</tbody>\n</table>\n" : "</thead>\n</table>\n");
}

static void html_chart(struct doc *d, const struct chart_spec *spec)
{
    strbuf_append(&d->out, "<figure class=\"chart\">\n");
    svg_chart(&d->out, spec);
    strbuf_append(&d->out, "</figure>\n");
}

static void html_body(struct doc *d, const int counts[REGION_COUNT])
{
    strbuf_append(&d->out, "<figure class=\"body\">\n");
    svg_body(&d->out, counts);
    int order[REGION_COUNT];
    int n = report_hurt_regions(counts, order);
    strbuf_append(&d->out, "<table>\n<thead>\n<tr><th>Region</th>"
                           "<th class=\"num\">Days</th></tr>\n</thead>\n"
                           "<tbody>\n");
    for (int i = 0; i < n; i++)
        strbuf_printf(&d->out, "<tr><td>%s</td><td class=\"num\">%d</td>"
                               "</tr>\n",
                      region_get(order[i])->name, counts[order[i]]);
    strbuf_append(&d->out, "</tbody>\n</table>\n</figure>\n");
}

static void html_finish(struct doc *d)
{
    if (d->section_open)
        strbuf_append(&d->out, "</section>\n");
    strbuf_append(&d->out, "</main>\n</body>\n</html>\n");
}

const struct doc_ops doc_html_ops = {
    html_title, html_heading, html_para, html_list_begin, html_item,
    html_list_end, html_table, html_chart, html_body, html_finish};
