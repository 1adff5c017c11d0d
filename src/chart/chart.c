/* chart: layout, buckets and the public calls; the drawing itself is in
 * chart_plot.c (lines) and chart_axis.c (axes, ticks, legend). */
#include "chart_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/grid.h"
#include "ache/stats.h"
#include "ache/util.h"

/* How many of its 7 days a rolling mean needs, so that a few days do not
 * pass for a week. */
#define ROLLING_MIN 4

static const enum style series_styles[CHART_MAX_SERIES] = {
    ST_SERIES1, ST_SERIES2, ST_SERIES3, ST_SERIES4};
static const char series_marks[CHART_MAX_SERIES] = {'*', '+', 'o', 'x'};

enum style chart_series_style(int i)
{
    return series_styles[(unsigned)i % CHART_MAX_SERIES];
}

char chart_series_mark(int i)
{
    return series_marks[(unsigned)i % CHART_MAX_SERIES];
}

enum field_kind chart_kind_of(enum checkin_field f)
{
    const struct field_info *fi = checkin_field_info(f);
    return fi ? fi->kind : FIELD_RATING;
}

double chart_largest(const double *values, int n)
{
    double most = 0;
    for (int i = 0; values && i < n; i++)
        if (values[i] > most)
            most = values[i];
    return most;
}

static int series_count(const struct chart_spec *spec)
{
    if (!spec->series || spec->nseries < 0)
        return 0;
    return spec->nseries > CHART_MAX_SERIES ? CHART_MAX_SERIES
                                            : spec->nseries;
}

bool chart_scales_fit(const struct chart_series *series, int n)
{
    enum field_kind first = FIELD_KIND_COUNT, second = FIELD_KIND_COUNT;
    for (int i = 0; i < n; i++) {
        enum field_kind k = chart_kind_of(series[i].field);
        if (first == FIELD_KIND_COUNT || k == first)
            first = k;
        else if (second == FIELD_KIND_COUNT || k == second)
            second = k;
        else
            return false;
    }
    return true;
}

/* A scale of `kind` for the spec's series of that kind: the top from the
 * largest value any of them charts (counts and minutes), the label width
 * from the top's label. */
static struct chart_scale scale_for(const struct chart_spec *spec,
                                    enum field_kind kind)
{
    double seen = 0;
    const struct field_info *fi = NULL;
    for (int i = 0; i < series_count(spec); i++) {
        const struct chart_series *sr = &spec->series[i];
        if (chart_kind_of(sr->field) != kind)
            continue;
        /* only a count's or minutes' top follows what is charted; a
         * rating's or hours' is fixed, and its values are not read */
        bool open = kind == FIELD_TALLY || kind == FIELD_MINUTES;
        double most = open ? chart_largest(sr->values, spec->ndays) : 0;
        seen = most > seen ? most : seen;
        fi = fi ? fi : checkin_field_info(sr->field);
    }
    struct chart_scale sc = {kind, field_scale_top(fi, seen), 0};
    char label[16];
    sc.label_w = chart_axis_label(&sc, sc.top, label, sizeof label) + 1;
    return sc;
}

const struct chart_scale *chart_scale_of(const struct chart_layout *L,
                                         enum checkin_field f)
{
    enum field_kind k = chart_kind_of(f);
    if (k == L->left.kind)
        return &L->left;
    return L->right_axis && k == L->right.kind ? &L->right : NULL;
}

/* Which axes the series need: ratings take the left axis, another kind
 * the left one only when there are no ratings, and the right one when
 * there are. */
static void layout_axes(struct chart_layout *L, const struct chart_spec *spec)
{
    int ns = series_count(spec);
    enum field_kind left = ns > 0 ? chart_kind_of(spec->series[0].field)
                                  : FIELD_RATING;
    for (int i = 0; i < ns; i++)
        if (chart_kind_of(spec->series[i].field) == FIELD_RATING)
            left = FIELD_RATING;
    L->left = scale_for(spec, left);
    for (int i = 0; i < ns && !L->right_axis; i++) {
        enum field_kind k = chart_kind_of(spec->series[i].field);
        if (k != left) {
            L->right = scale_for(spec, k);
            L->right_axis = true;
        }
    }
}

static void layout_buckets(struct chart_layout *L, int ndays)
{
    int n = ndays > 0 ? ndays : 0;
    L->k = 1;
    if (L->dots_w > 0 && n > L->dots_w)
        L->k = (n + L->dots_w - 1) / L->dots_w;
    L->nb = (n + L->k - 1) / L->k;
}

void chart_layout_init(struct chart_layout *L, const struct chart_spec *spec,
                       int x, int y, int w, int h)
{
    *L = (struct chart_layout){.x = x, .y = y, .w = w, .h = h};
    L->utf8 = spec->utf8;
    L->braille = spec->utf8 && !(spec->plain_text && (spec->nseries > 1 ||
                                                      spec->rolling_mean));
    L->dpc = L->braille ? 2 : 1;
    L->dpr = L->braille ? 4 : 1;
    layout_axes(L, spec);
    int left = L->left.label_w;
    int right = L->right_axis ? L->right.label_w : 0;
    L->px = x + left;
    L->pw = w - left - right > 0 ? w - left - right : 0;
    L->py = y + 1;
    L->ph = h - 3 > 0 ? h - 3 : 0;
    L->dots_w = L->pw * L->dpc;
    L->dots_h = L->ph * L->dpr;
    layout_buckets(L, spec->ndays);
}

int chart_point_x(const struct chart_layout *L, int b)
{
    if (L->nb <= 1 || L->dots_w <= 1)
        return 0;
    /* round(b * (dots_w - 1) / (nb - 1)) in integers */
    long long num = 2LL * b * (L->dots_w - 1) + (L->nb - 1);
    return (int)(num / (2LL * (L->nb - 1)));
}

int chart_dot_row(const struct chart_layout *L, double v, double max)
{
    if (v < 0)
        v = 0;
    if (v > max)
        v = max;
    return (int)lround(v / max * (L->dots_h - 1));
}

static bool present(double v)
{
    return v >= 0; /* CHART_GAP, any negative and NaN are missing */
}

void chart_buckets(const double *values, int ndays, int k,
                   struct chart_bucket *out)
{
    for (int start = 0, b = 0; start < ndays; start += k, b++) {
        struct chart_bucket bk = {CHART_GAP, 0, 0, 0};
        double sum = 0;
        for (int i = start; i < start + k && i < ndays; i++) {
            double v = values[i];
            if (!present(v))
                continue;
            if (bk.n == 0 || v < bk.min)
                bk.min = v;
            if (bk.n == 0 || v > bk.max)
                bk.max = v;
            sum += v;
            bk.n++;
        }
        if (bk.n > 0)
            bk.mean = sum / bk.n;
        out[b] = bk;
    }
}

/* ---- columns and days --------------------------------------------------- */

/* The bucket whose point lies nearest the middle of plot column c (the
 * earlier one on a tie, so a column holding two points stands for the
 * first); -1 when there are no buckets. */
static int bucket_near_column(const struct chart_layout *L, int c)
{
    if (L->nb <= 0)
        return -1;
    double mid = c * L->dpc + (L->dpc - 1) / 2.0;
    double per = L->nb > 1 ? (double)(L->dots_w - 1) / (L->nb - 1) : 1.0;
    int guess = per > 0 ? (int)lround(mid / per) : 0;
    guess = guess < 0 ? 0 : guess >= L->nb ? L->nb - 1 : guess;
    int best = -1;
    double best_d = 0;
    for (int b = guess - 2; b <= guess + 2; b++) {
        if (b < 0 || b >= L->nb)
            continue;
        double d = fabs(chart_point_x(L, b) - mid);
        if (best < 0 || d < best_d) {
            best = b;
            best_d = d;
        }
    }
    return best;
}

ache_day chart_day_at(const struct chart_spec *spec, int w, int col)
{
    struct chart_layout L;
    chart_layout_init(&L, spec, 0, 0, w, CHART_MIN_H);
    if (col < L.px || col >= L.px + L.pw)
        return -1;
    int b = bucket_near_column(&L, col - L.px);
    return b < 0 ? -1 : spec->first + b * L.k;
}

int chart_column_of(const struct chart_spec *spec, int w, ache_day day)
{
    struct chart_layout L;
    chart_layout_init(&L, spec, 0, 0, w, CHART_MIN_H);
    long off = (long)day - spec->first;
    if (off < 0 || off >= spec->ndays || L.pw <= 0)
        return -1;
    return L.px + chart_point_x(&L, (int)(off / L.k)) / L.dpc;
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_too_small(struct grid *g, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0)
        return;
    char msg[32];
    snprintf(msg, sizeof msg, "chart needs %dx%d", CHART_MIN_W, CHART_MIN_H);
    grid_text(g, x, y, msg, ST_DIM, w);
}

/* Buckets of every series: daily values, and rolling means when asked. */
struct tracks {
    struct chart_bucket *daily[CHART_MAX_SERIES];
    struct chart_bucket *mean[CHART_MAX_SERIES];
    struct chart_bucket *mem;
};

static void tracks_build(struct tracks *t, const struct chart_layout *L,
                         const struct chart_spec *spec, int ns)
{
    size_t per = (size_t)L->nb, days = (size_t)(spec->ndays > 0 ? spec->ndays : 0);
    t->mem = xcalloc(2 * (size_t)ns * per + 1, sizeof *t->mem);
    double *rolling = spec->rolling_mean ? xmalloc(days * sizeof *rolling + 1)
                                         : NULL;
    for (int i = 0; i < ns; i++) {
        t->daily[i] = t->mem + (size_t)(2 * i) * per;
        t->mean[i] = t->daily[i] + per;
        chart_buckets(spec->series[i].values, spec->ndays, L->k, t->daily[i]);
        if (rolling) {
            stats_rolling_mean(spec->series[i].values, days, ROLLING_MIN,
                               rolling);
            chart_buckets(rolling, spec->ndays, L->k, t->mean[i]);
        }
    }
    free(rolling);
}

/* With a rolling mean the daily line steps back (dim, and '.' points in
 * ASCII) and the mean takes the series' style and mark. */
static struct chart_track daily_track(const struct chart_layout *L,
                                      const struct chart_spec *spec,
                                      const struct tracks *t, int i)
{
    bool dim = spec->rolling_mean;
    return (struct chart_track){
        .bk = t->daily[i],
        .max = chart_scale_of(L, spec->series[i].field)->top,
        .st = dim ? ST_DIM : chart_series_style(i),
        .mark = dim ? '.' : chart_series_mark(i),
        .connect = !dim || L->braille,
    };
}

static struct chart_track mean_track(const struct chart_layout *L,
                                     const struct chart_spec *spec,
                                     const struct tracks *t, int i)
{
    return (struct chart_track){
        .bk = t->mean[i],
        .max = chart_scale_of(L, spec->series[i].field)->top,
        .st = chart_series_style(i),
        .mark = chart_series_mark(i),
        .connect = true,
    };
}

/* Layers, bottom to top: cursor, spread bands, lines, then marks. */
static void draw_data(struct grid *g, const struct chart_layout *L,
                      const struct chart_spec *spec)
{
    int ns = series_count(spec);
    struct tracks t;
    tracks_build(&t, L, spec, ns);
    int cur = chart_column_of(spec, L->w, spec->cursor);
    if (spec->cursor >= 0 && cur >= 0)
        chart_plot_cursor(g, L, L->x + cur);
    /* a series of a third kind has no axis to be read against */
    if (spec->spread && L->k > 1)
        for (int i = 0; i < ns; i++) {
            if (!chart_scale_of(L, spec->series[i].field))
                continue;
            struct chart_track d = daily_track(L, spec, &t, i);
            d.st = ST_DIM;
            chart_plot_band(g, L, &d);
        }
    struct chart_track tr[2 * CHART_MAX_SERIES];
    int n = 0;
    for (int i = 0; i < ns; i++)
        if (chart_scale_of(L, spec->series[i].field))
            tr[n++] = daily_track(L, spec, &t, i);
    for (int i = 0; spec->rolling_mean && i < ns; i++)
        if (chart_scale_of(L, spec->series[i].field))
            tr[n++] = mean_track(L, spec, &t, i);
    for (int i = 0; i < n; i++)
        chart_plot_line(g, L, &tr[i]);
    for (int i = 0; !L->braille && i < n; i++)
        chart_plot_marks(g, L, &tr[i]);
    free(t.mem);
}

bool chart_draw(struct grid *g, int x, int y, int w, int h,
                const struct chart_spec *spec)
{
    if (w > 0 && h > 0)
        grid_fill(g, x, y, w, h, ' ', ST_NORMAL);
    if (w < CHART_MIN_W || h < CHART_MIN_H) {
        draw_too_small(g, x, y, w, h);
        return false;
    }
    struct chart_layout L;
    chart_layout_init(&L, spec, x, y, w, h);
    chart_draw_axes(g, &L, spec);
    draw_data(g, &L, spec);
    chart_draw_legend(g, &L, spec);
    return true;
}
