/* report: the HTML report's pictures as inline SVG. The trend chart is a
 * polyline per run of days with a value (a day without one breaks the
 * line: never drawn as 0, never bridged); the body figure is an outline,
 * front and back, with the 19 regions as circles shaded by how many days
 * each hurt and labelled with that number. */
#include "report_impl.h"

#include <stdbool.h>
#include <string.h>

#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"
#include "ache/util.h"

/* ---- the chart ------------------------------------------------------------ */

#define CHART_W 720
#define CHART_H 250
#define PLOT_X0 34.0
#define PLOT_X1 708.0
#define PLOT_Y0 30.0
#define PLOT_Y1 218.0
/* Date labels closer than this (in SVG units) would collide. */
#define LABEL_GAP 46.0

struct series_look {
    const char *colour, *dash;
};

/* Series differ in dash as well as colour, for grey print and colour
 * blindness. */
static const struct series_look looks[CHART_MAX_SERIES] = {
    {"#b3261e", "none"}, {"#1f5fa8", "7 3"}, {"#2e7d32", "2 3"},
    {"#6a3d9a", "9 3 2 3"}};

static double scale_max(enum checkin_field f)
{
    return checkin_field_info(f)->kind == FIELD_HOURS ? 12.0 : 10.0;
}

static double x_of(const struct chart_spec *s, int i)
{
    if (s->ndays <= 1)
        return (PLOT_X0 + PLOT_X1) / 2;
    return PLOT_X0 + (PLOT_X1 - PLOT_X0) * i / (s->ndays - 1);
}

static double y_of(double v, double max)
{
    if (v > max)
        v = max;
    return PLOT_Y1 - (PLOT_Y1 - PLOT_Y0) * v / max;
}

static void y_axis(struct strbuf *out)
{
    for (int v = 0; v <= 10; v += 2) {
        double y = y_of(v, 10);
        strbuf_printf(out,
                      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                      "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"0.6\"/>\n",
                      PLOT_X0, y, PLOT_X1, y, v == 0 ? "#555" : "#ddd");
        strbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                           "text-anchor=\"end\" fill=\"#333\">%d</text>\n",
                      PLOT_X0 - 6, y + 3.5, v);
    }
}

/* Months for long ranges, Mondays for short ones. */
static bool tick_day(const struct chart_spec *s, ache_day day)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    if (s->ndays <= 35)
        return date_weekday(day) == 0;
    if (s->ndays <= 400)
        return d == 1;
    return d == 1 && m == 1;
}

static void x_axis(struct strbuf *out, const struct chart_spec *s)
{
    double last_x = -1e9;
    for (int i = 0; i < s->ndays; i++) {
        ache_day day = s->first + i;
        double x = x_of(s, i);
        if (!tick_day(s, day) || x - last_x < LABEL_GAP)
            continue;
        int y, m, d;
        date_to_ymd(day, &y, &m, &d);
        strbuf_printf(out,
                      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                      "y2=\"%.1f\" stroke=\"#555\" stroke-width=\"0.6\"/>\n",
                      x, PLOT_Y1, x, PLOT_Y1 + 4);
        if (s->ndays > 400)
            strbuf_printf(out,
                          "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                          "text-anchor=\"middle\" fill=\"#333\">%d</text>\n",
                          x, PLOT_Y1 + 16, y);
        else
            strbuf_printf(
                out,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                "text-anchor=\"middle\" fill=\"#333\">%s %d</text>\n",
                x, PLOT_Y1 + 16, date_month_abbr(m), d);
        last_x = x;
    }
}

static void run_end(struct strbuf *out, const struct series_look *look,
                    int points, double x, double y)
{
    if (points == 1)
        strbuf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.4\" "
                           "fill=\"%s\"/>\n",
                      x, y, look->colour);
    else if (points > 1)
        strbuf_printf(out, "\" fill=\"none\" stroke=\"%s\" "
                           "stroke-width=\"1.8\" stroke-dasharray=\"%s\" "
                           "stroke-linejoin=\"round\"/>\n",
                      look->colour, look->dash);
}

/* One polyline per run of days with a value. A run of one day is a dot;
 * the polyline is opened only once its second point is known. */
static void series_lines(struct strbuf *out, const struct chart_spec *s,
                         int k)
{
    const struct series_look *look = &looks[k];
    double max = scale_max(s->series[k].field), px = 0, py = 0;
    int points = 0;
    for (int i = 0; i <= s->ndays; i++) {
        double v = i < s->ndays ? s->series[k].values[i] : CHART_GAP;
        if (v < 0) {
            run_end(out, look, points, px, py);
            points = 0;
            continue;
        }
        double x = x_of(s, i), y = y_of(v, max);
        if (points == 1)
            strbuf_printf(out, "<polyline points=\"%.1f,%.1f", px, py);
        if (points >= 1)
            strbuf_printf(out, " %.1f,%.1f", x, y);
        px = x;
        py = y;
        points++;
    }
}

static void legend(struct strbuf *out, const struct chart_spec *s)
{
    double x = PLOT_X0;
    for (int k = 0; k < s->nseries; k++) {
        const char *label = checkin_field_info(s->series[k].field)->label;
        strbuf_printf(out, "<line x1=\"%.1f\" y1=\"12\" x2=\"%.1f\" y2=\"12\" "
                           "stroke=\"%s\" stroke-width=\"2\" "
                           "stroke-dasharray=\"%s\"/>\n",
                      x, x + 22, looks[k].colour, looks[k].dash);
        strbuf_printf(out, "<text x=\"%.1f\" y=\"16\" font-size=\"11\" "
                           "fill=\"#111\">",
                      x + 27);
        report_html_escape(out, label);
        strbuf_append(out, "</text>\n");
        x += 27 + 6.5 * (double)strlen(label) + 22;
    }
}

void report_svg_chart(struct strbuf *out, const struct chart_spec *spec)
{
    strbuf_printf(out,
                  "<svg class=\"trend\" viewBox=\"0 0 %d %d\" "
                  "role=\"img\" aria-label=\"Trend chart of daily means\">\n",
                  CHART_W, CHART_H);
    y_axis(out);
    x_axis(out, spec);
    for (int k = 0; k < spec->nseries && k < CHART_MAX_SERIES; k++)
        series_lines(out, spec, k);
    legend(out, spec);
    strbuf_append(out, "</svg>\n");
}

/* ---- the body figure ---------------------------------------------------------- */

#define BODY_W 350
#define BODY_H 430
/* Where the front and back outlines start (each is 160 wide). */
#define FRONT_X 20
#define BACK_X 190

/* Each region's circle (table order) in an outline's own coordinates; the
 * person faces the reader, so their left is on the reader's right. */
static const struct {
    short x, y, r;
    bool back;
} spots[REGION_COUNT] = {
    {88, 53, 7, false},   {112, 86, 11, false}, {127, 132, 9, false},
    {135, 200, 8, false}, {72, 53, 7, false},   {48, 86, 11, false},
    {33, 132, 9, false},  {25, 200, 8, false},  {98, 238, 11, false},
    {93, 300, 12, false}, {92, 365, 11, false}, {62, 238, 11, false},
    {67, 300, 12, false}, {68, 365, 11, false}, {80, 69, 8, false},
    {80, 122, 17, true},  {80, 196, 17, true},  {80, 118, 14, false},
    {80, 180, 14, false}};

/* One outline (head, arms, torso, legs), the right half mirroring the
 * left. */
static void outline(struct strbuf *out, int x0, const char *caption)
{
    strbuf_printf(out, "<g transform=\"translate(%d 0)\" fill=\"none\" "
                       "stroke=\"#777\" stroke-width=\"1.4\" "
                       "stroke-linejoin=\"round\" stroke-linecap=\"round\">\n",
                  x0);
    strbuf_append(out,
                  "<circle cx=\"80\" cy=\"38\" r=\"20\"/>\n"
                  "<path d=\"M72 58 L72 68 L46 78 Q34 82 31 96 L22 168 "
                  "L14 234 M46 100 L38 168 L28 234 M46 100 L50 150 L54 214 "
                  "L52 250 L58 400 L76 404 L79 262 "
                  "M88 58 L88 68 L114 78 Q126 82 129 96 L138 168 L146 234 "
                  "M114 100 L122 168 L132 234 M114 100 L110 150 L106 214 "
                  "L108 250 L102 400 L84 404 L81 262\"/>\n"
                  "</g>\n");
    strbuf_printf(out, "<text x=\"%d\" y=\"424\" font-size=\"12\" "
                       "text-anchor=\"middle\" fill=\"#333\">%s</text>\n",
                  x0 + 80, caption);
}

static int max_count(const int counts[REGION_COUNT])
{
    int max = 0;
    for (int r = 0; r < REGION_COUNT; r++)
        max = counts[r] > max ? counts[r] : max;
    return max;
}

static void spot(struct strbuf *out, int r, int count, int max)
{
    int x = spots[r].x + (spots[r].back ? BACK_X : FRONT_X);
    double share = max > 0 ? (double)count / max : 0;
    strbuf_printf(out, "<g><title>%s: %d day%s</title>\n",
                  region_get(r)->name, count, count == 1 ? "" : "s");
    strbuf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#b3261e\" "
                       "fill-opacity=\"%.2f\" stroke=\"#7a1a14\" "
                       "stroke-width=\"1\"/>\n",
                  x, spots[r].y, spots[r].r, count ? 0.12 + 0.88 * share : 0);
    if (count > 0)
        strbuf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
                           "text-anchor=\"middle\" fill=\"%s\">%d</text>\n",
                      x, spots[r].y + (spots[r].r < 11 ? 3 : 4),
                      spots[r].r < 11 ? 9 : 12,
                      share > 0.5 ? "#fff" : "#111", count);
    strbuf_append(out, "</g>\n");
}

void report_svg_body(struct strbuf *out, const int counts[REGION_COUNT])
{
    strbuf_printf(out, "<svg class=\"bodymap\" viewBox=\"0 0 %d %d\" "
                       "role=\"img\" aria-label=\"Body figure: days each "
                       "region hurt\">\n",
                  BODY_W, BODY_H);
    outline(out, FRONT_X, "front");
    outline(out, BACK_X, "back");
    /* the person's own sides, since the front view mirrors them */
    strbuf_printf(out, "<text x=\"%d\" y=\"16\" font-size=\"11\" "
                       "fill=\"#333\">right</text>\n"
                       "<text x=\"%d\" y=\"16\" font-size=\"11\" "
                       "text-anchor=\"end\" fill=\"#333\">left</text>\n",
                  FRONT_X, FRONT_X + 160);
    int max = max_count(counts);
    for (int r = 0; r < REGION_COUNT; r++)
        spot(out, r, counts[r], max);
    strbuf_append(out, "</svg>\n");
}
