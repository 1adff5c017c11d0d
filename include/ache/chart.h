/* chart: trend charts drawn into a grid (pure drawing, shared by the
 * trends screen and `ache chart`), and one-line sparklines.
 *
 * Lines are drawn in braille cells (2 x 4 dots a cell) in UTF-8 and with
 * plain characters in ASCII. Any field can be charted, built in or a
 * person's own (fields.h); its kind gives the y scale, labelled: 0-10 for
 * ratings, 0-12 hours for hours, 0-100% for yes/no (a day's mean is the
 * share of its check-ins that said yes, a bucket's the share of its
 * days), and for counts and minutes 0 up to a round number at or above
 * the largest value charted (field_scale_top). Ratings take the left
 * axis; a second kind of series gets its own axis on the right (the
 * hours beside ratings, say); a chart has no third. The x axis carries
 * date ticks that suit the range (days, weeks, months, years) and never
 * collide. A missing day is a gap in the line: never 0, never drawn
 * through. When there are more days than dot columns, days are grouped
 * into buckets (their mean; the min-max spread as a light band when
 * asked). A 7-day rolling mean can be drawn over the daily line. Each
 * series has its own style and, without colour, its own mark, named in a
 * legend: on a colour terminal by colour; in plain text, and on a
 * terminal without colour (plain_text), by the ASCII marks.
 *
 * The rectangle: the legend on the top row, the plot, the x axis line,
 * the date labels on the bottom row; y labels left (and right for hours).
 * Points are spread evenly over the width, so a short range fills it.
 * Hours above 12 sit on the top row. In braille a cell has one style:
 * where two series share a cell it takes the later series' style; a line
 * replaces the dim dots (band, dimmed daily line) of a cell it crosses.
 * With rolling_mean the daily line is drawn in ST_DIM (in ASCII as dim
 * '.' points) and the mean in the series' style and mark; the legend says
 * "Pain 7-day mean" and "daily". The min-max band is a dim stipple in
 * braille and ':' in ASCII. The cursor is a ST_FOCUS vertical line under
 * the data.
 */
#ifndef ACHE_CHART_H
#define ACHE_CHART_H

#include <stdbool.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"

/* The smallest chart worth drawing; below it chart_draw says so. */
#define CHART_MIN_W 24
#define CHART_MIN_H 6
#define CHART_MAX_SERIES 4
/* A day without a value (the same as STATS_ABSENT). */
#define CHART_GAP (-1.0)

struct chart_series {
    enum checkin_field field; /* any field's key, own ones too */
    /* One per day from spec.first; CHART_GAP: none. The layout reads them
     * too (chart_day_at, chart_column_of): the top of a count's or
     * minutes' scale, and so the width of its labels, follows them. */
    const double *values;
};

struct chart_spec {
    ache_day first;           /* the day of values[0] */
    int ndays;
    const struct chart_series *series;
    int nseries;              /* 1..CHART_MAX_SERIES */
    bool rolling_mean;        /* the 7-day mean too (stats_rolling_mean) */
    bool spread;              /* min-max band when days are bucketed */
    bool utf8;
    ache_day cursor;          /* a day to mark with a vertical line, or -1 */
    /* Plain text, shown without colour or attributes (`ache chart
     * --color never`): braille lines of two series, or of a mean and its
     * daily line, would look alike, so then points are drawn as marks, the
     * ASCII way, even in UTF-8. */
    bool plain_text;
};

/* Draws the chart (axes, lines, ticks, legend) into the rectangle. Below
 * CHART_MIN_W x CHART_MIN_H it writes "chart needs WxH" instead and
 * returns false. */
bool chart_draw(struct grid *g, int x, int y, int w, int h,
                const struct chart_spec *spec);

/* Whether the series fit the two y axes a chart has: at most two kinds
 * of values among them (ratings, hours, counts, minutes, yes/no). A series
 * of a third kind is left out of the drawing. */
bool chart_scales_fit(const struct chart_series *series, int n);

/* The style and the ASCII mark of the i-th series (ST_SERIES1.., '*',
 * '+', 'o', 'x'), so a legend elsewhere can match. */
enum style chart_series_style(int i);
char chart_series_mark(int i);

/* Which day a column of the plot area stands for (the first day of its
 * bucket), for a cursor; -1 outside the plot. `col` is relative to the
 * chart's x. */
ache_day chart_day_at(const struct chart_spec *spec, int w, int col);
/* The plot column of a day, or -1 (relative to the chart's x). */
int chart_column_of(const struct chart_spec *spec, int w, ache_day day);

/* A one-line sparkline of values[0..n) in `cols` columns at (x, y), on
 * the chart's scale of the field (0-10, 0-12 h, 0-100%; counts and
 * minutes up to a round number at or above their largest): eight levels,
 * 0 the lowest and the top of the scale the highest, as eighth blocks
 * "▁▂▃▄▅▆▇█" in UTF-8 and "_-:=+*#@" in ASCII. A missing day (or bucket)
 * is a space, or with `dot_gaps` a ST_ABSENT '·' (UTF-8) or '.' (ASCII).
 * Days are bucketed (mean) when n > cols; fewer days than columns draw one
 * column a day. Returns the columns used. */
int chart_sparkline(struct grid *g, int x, int y, int cols,
                    const double *values, int n, enum checkin_field f,
                    bool utf8, bool dot_gaps);

#endif
