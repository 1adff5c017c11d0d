/* chart internals shared by chart.c (layout, buckets, the public calls),
 * chart_plot.c (lines, bands, the cursor) and chart_axis.c (axes, date
 * ticks, legend); the unit tests use them to check the arithmetic. */
#ifndef ACHE_CHART_IMPL_H
#define ACHE_CHART_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/checkin.h"
#include "ache/grid.h"

struct chart_spec;

/* A y axis: the kind of values it measures (every series of that kind is
 * drawn against it), the top of its scale in the field's units (fixed for
 * ratings, hours and yes/no; for counts and minutes a round number at or
 * above the largest value charted, field_scale_top) and the columns its
 * widest label takes with the tick ("10┤" 3, "12h┤" 4). */
struct chart_scale {
    enum field_kind kind;
    double top;
    int label_w;
};

/* Where everything goes inside the rectangle:
 *
 *   row 0        legend
 *   rows 1..h-3  plot (ph rows), y axis labels left (and right)
 *   row h-2      x axis line with tick marks
 *   row h-1      date labels
 *
 * Days are grouped into nb buckets of k days (k = 1 when every day gets
 * its own dot column); bucket points are spread evenly over the dot
 * columns so a short range still fills the width. */
struct chart_layout {
    int x, y, w, h;     /* the rectangle */
    int px, py, pw, ph; /* the plot area, absolute */
    int dpc, dpr;       /* dots per cell: 2 x 4 in braille, 1 x 1 ASCII */
    int dots_w, dots_h;
    int k, nb;          /* days per bucket, number of buckets */
    bool utf8;    /* box drawing for the axes */
    bool braille; /* lines in braille dots, else marks on cells */
    /* Two scales at most: ratings, if any, on the left, else the first
     * series' kind; another kind on the right. */
    struct chart_scale left, right;
    bool right_axis;
};

/* The x part (columns, buckets) depends on w only, so the cursor
 * mapping needs no height; h < 3 leaves the rows empty. */
void chart_layout_init(struct chart_layout *L, const struct chart_spec *spec,
                       int x, int y, int w, int h);
/* The dot column (from the plot's left) of bucket b. */
int chart_point_x(const struct chart_layout *L, int b);
/* The dot row (from the plot's bottom) of a value on a 0..max scale;
 * values above max (more than 12 h of sleep) sit on the top row. */
int chart_dot_row(const struct chart_layout *L, double v, double max);
/* The scale a field's series is drawn against, or NULL when the chart
 * has no axis of its kind (a third kind: see chart_scales_fit). */
const struct chart_scale *chart_scale_of(const struct chart_layout *L,
                                         enum checkin_field f);
/* The kind of a field's values (a rating for a key the diary lacks). */
enum field_kind chart_kind_of(enum checkin_field f);
/* The largest present value of values[0..n) (0 when none). */
double chart_largest(const double *values, int n);
/* Writes the axis label of value v (in the field's units) on a scale:
 * "10", "12h", "30m", "50%" (yes/no in percent of days); returns its
 * length. */
int chart_axis_label(const struct chart_scale *sc, double v, char *out,
                     size_t size);

/* A bucket of days: mean, min and max of the present values; n = 0 is a
 * gap. */
struct chart_bucket {
    double mean, min, max;
    int n;
};
/* Fills ceil(ndays / k) buckets from values (negative: missing). */
void chart_buckets(const double *values, int ndays, int k,
                   struct chart_bucket *out);

/* One date label under the x axis. */
struct chart_tick {
    int col;       /* where the label starts, relative to the chart's x */
    char text[16];
};
/* The labels that fit (never overlapping, a space between, all inside
 * the chart's width); returns how many (at most max). */
int chart_ticks(const struct chart_layout *L, const struct chart_spec *spec,
                struct chart_tick *out, int max);

/* One series as drawn: its buckets and the style of its line. */
struct chart_track {
    const struct chart_bucket *bk;
    double max;          /* the top of its scale */
    enum style st;
    char mark;           /* ASCII mark at each point; '.' for dimmed daily */
    bool connect;        /* draw the line between points (ASCII) */
};

void chart_plot_cursor(struct grid *g, const struct chart_layout *L, int col);
void chart_plot_band(struct grid *g, const struct chart_layout *L,
                     const struct chart_track *t);
void chart_plot_line(struct grid *g, const struct chart_layout *L,
                     const struct chart_track *t);
/* ASCII only: the marks at the points, drawn after every line so that a
 * later series' line never hides an earlier series' point. */
void chart_plot_marks(struct grid *g, const struct chart_layout *L,
                      const struct chart_track *t);

void chart_draw_axes(struct grid *g, const struct chart_layout *L,
                     const struct chart_spec *spec);
void chart_draw_legend(struct grid *g, const struct chart_layout *L,
                       const struct chart_spec *spec);

#endif
