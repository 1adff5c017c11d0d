/* Unit tests for chart: the pictures against golden files (UTF-8 and
 * ASCII), gaps never bridged, bucket arithmetic (the rolling mean is
 * stats_rolling_mean's, tested in test_stats.c), date labels that never
 * collide, drawing that never leaves its rectangle, columns and days that
 * map back and forth, and sparklines.
 *
 * After a deliberate change to a picture, rewrite the goldens with
 *   ACHE_UPDATE_GOLDEN=1 build/tests/test_chart
 * and look at every one (cat tests/golden/chart_*) before committing. */
#include <math.h>

#include "golden.h"

#include "ache/chart.h"
#include "ache/fields.h"
#include "../../src/chart/chart_impl.h"

#define N CHART_GAP
#define NDAYS30 30

/* ---- fixtures ------------------------------------------------------------ */

/* November 2026: a flare around the 7th, a quieter middle, missing days
 * (5th, 13th-14th, 22nd). */
static const double pain30[NDAYS30] = {
    4, 5, 5, 6, N, 7, 8, 7, 6, 5, 5, 4, N, N, 3,
    4, 4, 5, 6, 6, 5, N, 4, 3, 3, 2, 3, 4, 4, 5};
static const double fatigue30[NDAYS30] = {
    3, 4, 4, 5, 5, 6, 7, 7, 6, 6, 5, 5, N, 4, 4,
    4, 5, 5, 6, 7, 6, N, 5, 4, 4, 3, 3, 3, 4, 4};
static const double hours30[NDAYS30] = {
    7.5, 7, 6.5, 6, N, 5.5, 5, 5.5, 6, 6.5, 7, 7.5, N, N, 8,
    8, 7.5, 7, 6.5, 6, 6.5, N, 7, 7.5, 8, 8.5, 8, 7.5, 7, 7};

static ache_day nov1(void)
{
    return date_from_ymd(2026, 11, 1);
}

static struct chart_spec spec_of(const struct chart_series *s, int ns,
                                 ache_day first, int ndays, bool utf8)
{
    return (struct chart_spec){.first = first, .ndays = ndays, .series = s,
                               .nseries = ns, .utf8 = utf8, .cursor = -1};
}

#define NDAYS10Y 3650
static double pain10y[NDAYS10Y];

/* Ten years from 1 November 2016: a yearly swing (worse in winter), a
 * slow improvement, day-to-day noise of a point or two, days missed now
 * and then and a three-month break in 2020. A fixed LCG keeps it the same
 * everywhere. */
static void build_10y(void)
{
    uint32_t s = 12345;
    for (int i = 0; i < NDAYS10Y; i++) {
        s = s * 1103515245u + 12345u;
        double noise = (double)((s >> 16) % 31) / 10.0 - 1.5;
        double v = 5.0 + 1.5 * cos(2 * M_PI * i / 365.25) - 1.5 * i / NDAYS10Y;
        v = fmin(10, fmax(0, round(v + noise)));
        bool missed = (s >> 8) % 9 == 0 || (i >= 1250 && i < 1340);
        pain10y[i] = missed ? N : v;
    }
}

static char *draw_text(const struct chart_spec *sp, int w, int h,
                       bool styles)
{
    struct grid *g = grid_new(w, h);
    chart_draw(g, 0, 0, w, h, sp);
    char *text = styles ? grid_styles_to_text(g) : grid_to_text(g);
    grid_free(g);
    return text;
}

static void assert_ascii(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        ck_assert_msg(*p < 0x80, "byte 0x%02x in ASCII output", *p);
}

/* The golden pair <name>_utf8.txt and <name>_ascii.txt of one spec. */
static void check_pair(const char *name, struct chart_spec sp, int w, int h)
{
    for (int u = 1; u >= 0; u--) {
        sp.utf8 = u;
        char *text = draw_text(&sp, w, h, false);
        char *file = xasprintf("chart_%s_%s.txt", name, u ? "utf8" : "ascii");
        check_golden(file, text);
        if (!u)
            assert_ascii(text);
        free(file);
        free(text);
    }
}

/* ---- goldens ------------------------------------------------------------- */

START_TEST(test_golden_one_series_gaps)
{
    struct chart_series s[] = {{CF_PAIN, pain30}};
    check_pair("gaps", spec_of(s, 1, nov1(), NDAYS30, true), 72, 14);
}
END_TEST

START_TEST(test_golden_two_series)
{
    struct chart_series s[] = {{CF_PAIN, pain30}, {CF_FATIGUE, fatigue30}};
    struct chart_spec sp = spec_of(s, 2, nov1(), NDAYS30, true);
    check_pair("two", sp, 72, 14);
    char *styles = draw_text(&sp, 72, 14, true);
    check_golden("chart_two_utf8_styles.txt", styles);
    free(styles);
}
END_TEST

/* Braille cells are U+2800..U+28FF: E2 A0..A3 xx in UTF-8. */
static bool has_braille(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (p[0] == 0xe2 && p[1] >= 0xa0 && p[1] <= 0xa3)
            return true;
    return false;
}

/* Plain text has no colour: in UTF-8 two series are drawn with their
 * ASCII marks (under box-drawn axes), a mean over its daily line too;
 * one series alone keeps its braille line. */
START_TEST(test_golden_plain_text)
{
    struct chart_series s[] = {{CF_PAIN, pain30}, {CF_FATIGUE, fatigue30}};
    struct chart_spec sp = spec_of(s, 2, nov1(), NDAYS30, true);
    sp.plain_text = true;
    char *text = draw_text(&sp, 72, 14, false);
    check_golden("chart_two_utf8_plain.txt", text);
    ck_assert_ptr_nonnull(strstr(text, "* Pain  + Fatigue"));
    ck_assert(!has_braille(text));
    free(text);
    sp.nseries = 1;
    sp.rolling_mean = true;
    text = draw_text(&sp, 72, 14, false);
    ck_assert_ptr_nonnull(strstr(text, "* Pain 7-day mean  . daily"));
    free(text);
    sp.rolling_mean = false;
    text = draw_text(&sp, 72, 14, false);
    ck_assert(has_braille(text));
    sp.plain_text = false;
    char *colour = draw_text(&sp, 72, 14, false);
    ck_assert_str_eq(text, colour);
    free(text);
    free(colour);
}
END_TEST

START_TEST(test_golden_sleep_hours_right_axis)
{
    struct chart_series s[] = {{CF_PAIN, pain30}, {CF_SLEEP_HOURS, hours30}};
    check_pair("sleep", spec_of(s, 2, nov1(), NDAYS30, true), 72, 14);
}
END_TEST

START_TEST(test_golden_ten_years)
{
    build_10y();
    struct chart_series s[] = {{CF_PAIN, pain10y}};
    struct chart_spec sp =
        spec_of(s, 1, date_from_ymd(2016, 11, 1), NDAYS10Y, true);
    sp.spread = true;
    check_pair("10y", sp, 80, 20);
}
END_TEST

START_TEST(test_golden_rolling_mean)
{
    struct chart_series s[] = {{CF_PAIN, pain30}};
    struct chart_spec sp = spec_of(s, 1, nov1(), NDAYS30, true);
    sp.rolling_mean = true;
    check_pair("rolling", sp, 72, 14);
    char *styles = draw_text(&sp, 72, 14, true);
    check_golden("chart_rolling_utf8_styles.txt", styles);
    free(styles);
}
END_TEST

START_TEST(test_golden_cursor)
{
    struct chart_series s[] = {{CF_PAIN, pain30}};
    struct chart_spec sp = spec_of(s, 1, nov1(), NDAYS30, true);
    sp.cursor = date_from_ymd(2026, 11, 13); /* a missing day */
    check_pair("cursor", sp, 72, 14);
}
END_TEST

START_TEST(test_golden_minimum_size)
{
    struct chart_series s[] = {{CF_PAIN, pain30}, {CF_FATIGUE, fatigue30}};
    check_pair("min", spec_of(s, 2, nov1(), NDAYS30, true), CHART_MIN_W,
               CHART_MIN_H);
}
END_TEST

/* Below the minimum: the message, cut to fit, at several sizes. */
START_TEST(test_golden_too_small)
{
    static const int sizes[][2] = {{23, 6}, {24, 5}, {10, 3}, {1, 1}};
    struct chart_series s[] = {{CF_PAIN, pain30}};
    struct chart_spec sp = spec_of(s, 1, nov1(), NDAYS30, true);
    struct strbuf sb = {0};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct grid *g = grid_new(sizes[i][0], sizes[i][1]);
        ck_assert(!chart_draw(g, 0, 0, sizes[i][0], sizes[i][1], &sp));
        char *text = grid_to_text(g);
        strbuf_printf(&sb, "%dx%d:\n%s", sizes[i][0], sizes[i][1], text);
        free(text);
        grid_free(g);
    }
    check_golden("chart_too_small.txt", strbuf_str(&sb));
    strbuf_free(&sb);
}
END_TEST

/* ---- gaps ---------------------------------------------------------------- */

static bool cell_has_data(const struct cell *c, bool utf8)
{
    if (utf8)
        return c->cp >= 0x2800 && c->cp <= 0x28ff;
    return c->cp != ' ';
}

/* The column of every missing day holds no part of the line, from the
 * top of the plot to its bottom (30 days in 72 columns: each day has a
 * column of its own). */
START_TEST(test_gaps_never_bridged)
{
    struct chart_series s[] = {{CF_PAIN, pain30}};
    for (int u = 0; u <= 1; u++) {
        struct chart_spec sp = spec_of(s, 1, nov1(), NDAYS30, u);
        struct grid *g = grid_new(72, 14);
        chart_draw(g, 0, 0, 72, 14, &sp);
        int gaps = 0;
        for (int i = 0; i < NDAYS30; i++) {
            if (pain30[i] != N)
                continue;
            int col = chart_column_of(&sp, 72, nov1() + i);
            ck_assert_int_ge(col, 0);
            for (int row = 1; row <= 14 - 3; row++)
                ck_assert_msg(!cell_has_data(grid_at(g, col, row), u),
                              "day %d, row %d has a line (utf8 %d)", i, row,
                              u);
            gaps++;
        }
        ck_assert_int_eq(gaps, 4);
        grid_free(g);
    }
}
END_TEST

/* Two days far apart with nothing between: two marks, nothing joining. */
START_TEST(test_lone_points_stay_alone)
{
    double v[20];
    for (int i = 0; i < 20; i++)
        v[i] = N;
    v[3] = 2;
    v[15] = 9;
    struct chart_series s[] = {{CF_PAIN, v}};
    for (int u = 0; u <= 1; u++) {
        struct chart_spec sp = spec_of(s, 1, nov1(), 20, u);
        struct grid *g = grid_new(60, 12);
        chart_draw(g, 0, 0, 60, 12, &sp);
        int a = chart_column_of(&sp, 60, nov1() + 3);
        int b = chart_column_of(&sp, 60, nov1() + 15);
        int seen = 0;
        for (int col = 0; col < 60; col++)
            for (int row = 1; row < 10; row++)
                if (cell_has_data(grid_at(g, col, row), u) &&
                    col > 2 && col != a && col != b)
                    ck_abort_msg("data at %d,%d (utf8 %d)", col, row, u);
                else if (col == a || col == b)
                    seen += cell_has_data(grid_at(g, col, row), u);
        ck_assert_int_eq(seen, 2);
        grid_free(g);
    }
}
END_TEST

/* ---- buckets ------------------------------------------------------------ */

START_TEST(test_buckets_math)
{
    static const double v[] = {1, 3, N, 5, N, N, N, N, 2, 8};
    struct chart_bucket b[10];
    chart_buckets(v, 10, 4, b);
    ck_assert_int_eq(b[0].n, 3);
    ck_assert_double_eq_tol(b[0].mean, 3.0, 1e-9);
    ck_assert_double_eq(b[0].min, 1);
    ck_assert_double_eq(b[0].max, 5);
    ck_assert_int_eq(b[1].n, 0); /* every day missing: a gap */
    ck_assert_int_eq(b[2].n, 2); /* the short last bucket */
    ck_assert_double_eq_tol(b[2].mean, 5.0, 1e-9);
    ck_assert_double_eq(b[2].min, 2);
    ck_assert_double_eq(b[2].max, 8);
    chart_buckets(v, 10, 1, b); /* k = 1: the days themselves */
    ck_assert_double_eq(b[1].mean, 3);
    ck_assert_int_eq(b[2].n, 0);
}
END_TEST

START_TEST(test_bucket_layout)
{
    struct chart_series s[] = {{CF_PAIN, pain30}};
    struct chart_spec sp = spec_of(s, 1, 0, NDAYS10Y, true);
    struct chart_layout L;
    chart_layout_init(&L, &sp, 0, 0, 80, 20);
    ck_assert_int_eq(L.pw, 77);
    ck_assert_int_eq(L.k, 24); /* 3650 days over 154 dot columns */
    ck_assert_int_eq(L.nb, 153);
    ck_assert_int_le(L.nb, L.dots_w);
    sp.utf8 = false;
    chart_layout_init(&L, &sp, 0, 0, 80, 20);
    ck_assert_int_eq(L.k, 48);
    sp.ndays = 77; /* exactly one a column: no buckets */
    chart_layout_init(&L, &sp, 0, 0, 80, 20);
    ck_assert_int_eq(L.k, 1);
    ck_assert_int_eq(chart_point_x(&L, 76), 76);
}
END_TEST

/* ---- date labels ------------------------------------------------------- */

static void check_ticks(const struct chart_spec *sp, int w)
{
    struct chart_layout L;
    chart_layout_init(&L, sp, 0, 0, w, 12);
    struct chart_tick t[64];
    int n = chart_ticks(&L, sp, t, 64);
    ck_assert_msg(n >= 1, "no label for %d days at width %d", sp->ndays, w);
    int free_col = 0;
    for (int i = 0; i < n; i++) {
        int len = (int)strlen(t[i].text);
        ck_assert_msg(t[i].col >= free_col && t[i].col >= L.px &&
                          t[i].col < L.px + L.pw && t[i].col + len <= w,
                      "label '%s' at %d (%d days, width %d)", t[i].text,
                      t[i].col, sp->ndays, w);
        free_col = t[i].col + len + 1; /* at least one space between */
    }
}

START_TEST(test_ticks_never_collide)
{
    static const int ranges[] = {7, 14, 30, 90, 365, 3650};
    static double zeros[NDAYS10Y];
    struct chart_series one[] = {{CF_PAIN, zeros}};
    struct chart_series two[] = {{CF_PAIN, zeros}, {CF_SLEEP_HOURS, zeros}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (int w = CHART_MIN_W; w <= 200; w++)
            for (int u = 0; u <= 1; u++) {
                struct chart_spec a = spec_of(one, 1, nov1() - 3, ranges[r], u);
                struct chart_spec b = spec_of(two, 2, nov1() + 17, ranges[r], u);
                check_ticks(&a, w);
                check_ticks(&b, w);
            }
}
END_TEST

/* The first label says the month (short ranges) or the year (long). */
START_TEST(test_ticks_orient)
{
    static double zeros[NDAYS10Y];
    struct chart_series s[] = {{CF_PAIN, zeros}};
    struct chart_spec sp = spec_of(s, 1, nov1(), 30, true);
    struct chart_layout L;
    struct chart_tick t[64];
    chart_layout_init(&L, &sp, 0, 0, 72, 12);
    ck_assert_int_ge(chart_ticks(&L, &sp, t, 64), 3);
    ck_assert_str_eq(t[0].text, "Nov 2"); /* the first Monday */
    ck_assert_str_eq(t[1].text, "9");
    sp.ndays = 365;
    chart_layout_init(&L, &sp, 0, 0, 72, 12);
    ck_assert_int_ge(chart_ticks(&L, &sp, t, 64), 3);
    ck_assert_str_eq(t[0].text, "Nov 2026");
    ck_assert_str_eq(t[1].text, "2027"); /* January says the year */
    sp.ndays = NDAYS10Y;
    chart_layout_init(&L, &sp, 0, 0, 72, 12);
    ck_assert_int_ge(chart_ticks(&L, &sp, t, 64), 3);
    ck_assert_str_eq(t[0].text, "2027");
}
END_TEST

/* ---- bounds ------------------------------------------------------------ */

#define PAD 3

/* Draws into a larger grid full of '#' and checks that only the
 * rectangle changed. */
static void check_bounds(const struct chart_spec *sp, int w, int h)
{
    struct grid *g = grid_new(w + 2 * PAD, h + 2 * PAD);
    grid_fill(g, 0, 0, g->w, g->h, '#', ST_WARN);
    chart_draw(g, PAD, PAD, w, h, sp);
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++) {
            bool inside = x >= PAD && x < PAD + w && y >= PAD && y < PAD + h;
            const struct cell *c = grid_at(g, x, y);
            if (!inside)
                ck_assert_msg(c->cp == '#' && c->style == ST_WARN,
                              "drawn outside at %d,%d for %dx%d", x - PAD,
                              y - PAD, w, h);
            else if (!sp->utf8)
                ck_assert_uint_lt(c->cp, 0x80);
        }
    grid_free(g);
}

START_TEST(test_never_draws_outside)
{
    build_10y();
    struct chart_series s[] = {{CF_PAIN, pain10y}, {CF_SLEEP_HOURS, hours30}};
    for (int u = 0; u <= 1; u++) {
        struct chart_spec a = spec_of(s, 2, nov1(), NDAYS30, u);
        a.cursor = nov1() + 29;
        a.rolling_mean = true;
        struct chart_spec b = spec_of(s, 1, nov1(), NDAYS10Y, u);
        b.spread = true;
        b.cursor = nov1();
        for (int w = 0; w <= 90; w += (w < 40 ? 1 : 7))
            for (int h = 0; h <= 26; h++) {
                check_bounds(&a, w, h);
                check_bounds(&b, w, h);
            }
    }
}
END_TEST

START_TEST(test_minimum_size)
{
    struct chart_series s[] = {{CF_PAIN, pain30}};
    struct chart_spec sp = spec_of(s, 1, nov1(), NDAYS30, true);
    struct grid *g = grid_new(80, 20);
    ck_assert(chart_draw(g, 0, 0, CHART_MIN_W, CHART_MIN_H, &sp));
    ck_assert(!chart_draw(g, 0, 0, CHART_MIN_W - 1, CHART_MIN_H, &sp));
    ck_assert(!chart_draw(g, 0, 0, CHART_MIN_W, CHART_MIN_H - 1, &sp));
    ck_assert(!chart_draw(g, 0, 0, 0, 0, &sp));
    grid_free(g);
}
END_TEST

/* Nothing to draw is not an error: axes, no line. */
START_TEST(test_empty_inputs)
{
    struct chart_spec sp = spec_of(NULL, 0, nov1(), 0, true);
    char *text = draw_text(&sp, 30, 8, false);
    ck_assert_ptr_nonnull(strstr(text, "10"));
    free(text);
    double all_gap[5] = {N, N, N, N, N};
    struct chart_series s[] = {{CF_PAIN, all_gap}};
    sp = spec_of(s, 1, nov1(), 5, false);
    text = draw_text(&sp, 30, 8, false);
    ck_assert_ptr_null(strchr(strchr(text, '\n'), '*')); /* legend only */
    free(text);
}
END_TEST

/* ---- styles ------------------------------------------------------------ */

/* Where two series share a braille cell, the later series' style wins. */
START_TEST(test_shared_cell_takes_later_style)
{
    struct chart_series s[] = {{CF_PAIN, pain30}, {CF_FATIGUE, pain30}};
    struct chart_spec sp = spec_of(s, 2, nov1(), NDAYS30, true);
    struct grid *g = grid_new(72, 14);
    chart_draw(g, 0, 0, 72, 14, &sp);
    int cells = 0;
    for (int y = 1; y < 12; y++)
        for (int x = 0; x < 72; x++)
            if (cell_has_data(grid_at(g, x, y), true)) {
                ck_assert_int_eq(grid_at(g, x, y)->style, ST_SERIES2);
                cells++;
            }
    ck_assert_int_gt(cells, 30);
    grid_free(g);
    ck_assert_int_eq(chart_series_style(0), ST_SERIES1);
    ck_assert_int_eq(chart_series_style(3), ST_SERIES4);
    ck_assert_int_eq(chart_series_mark(0), '*');
    ck_assert_int_eq(chart_series_mark(3), 'x');
}
END_TEST

/* The cursor is a line in its column wherever there is no data. */
START_TEST(test_cursor_column)
{
    struct chart_series s[] = {{CF_PAIN, pain30}};
    struct chart_spec sp = spec_of(s, 1, nov1(), NDAYS30, true);
    sp.cursor = nov1() + 12;
    struct grid *g = grid_new(72, 14);
    chart_draw(g, 0, 0, 72, 14, &sp);
    int col = chart_column_of(&sp, 72, sp.cursor);
    for (int y = 1; y <= 11; y++) {
        ck_assert_uint_eq(grid_at(g, col, y)->cp, 0x2502);
        ck_assert_int_eq(grid_at(g, col, y)->style, ST_FOCUS);
    }
    ck_assert_uint_ne(grid_at(g, col - 1, 5)->cp, 0x2502);
    grid_free(g);
}
END_TEST

/* ---- columns and days -------------------------------------------------- */

static void check_inverse(const struct chart_spec *sp, int w)
{
    struct chart_layout L;
    chart_layout_init(&L, sp, 0, 0, w, CHART_MIN_H);
    for (int col = -1; col <= w; col++) {
        ache_day d = chart_day_at(sp, w, col);
        if (col < L.px || col >= L.px + L.pw) {
            ck_assert_int_eq(d, -1);
            continue;
        }
        ck_assert_msg(d >= sp->first && d < sp->first + sp->ndays,
                      "column %d: day %d (%d days, width %d, utf8 %d)", col,
                      d - sp->first, sp->ndays, w, sp->utf8);
        int c = chart_column_of(sp, w, d);
        ck_assert_int_eq(chart_day_at(sp, w, c), d);
    }
    int last = -1;
    for (ache_day d = sp->first; d < sp->first + sp->ndays; d++) {
        int c = chart_column_of(sp, w, d);
        ck_assert_int_ge(c, last); /* later days never further left */
        ache_day back = chart_day_at(sp, w, c);
        ck_assert_int_le(back, d); /* the first day of its column */
        ck_assert_int_eq(chart_column_of(sp, w, back), c);
        last = c;
    }
    ck_assert_int_eq(chart_column_of(sp, w, sp->first - 1), -1);
    ck_assert_int_eq(chart_column_of(sp, w, sp->first + sp->ndays), -1);
}

START_TEST(test_day_column_inverse)
{
    static const int ranges[] = {1, 2, 7, 30, 77, 154, 365, 3650};
    static double zeros[NDAYS10Y];
    struct chart_series s[] = {{CF_PAIN, zeros}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (int w = CHART_MIN_W; w <= 200; w += 7)
            for (int u = 0; u <= 1; u++) {
                struct chart_spec sp = spec_of(s, 1, nov1(), ranges[r], u);
                check_inverse(&sp, w);
            }
}
END_TEST

/* ---- sparklines -------------------------------------------------------- */

static uint32_t spark_cell(const double *v, int n, int cols,
                           enum checkin_field f, bool utf8, int at)
{
    struct grid *g = grid_new(40, 1);
    chart_sparkline(g, 0, 0, cols, v, n, f, utf8, true);
    uint32_t cp = grid_at(g, at, 0)->cp;
    grid_free(g);
    return cp;
}

START_TEST(test_sparkline_levels)
{
    static const double v[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    ck_assert_uint_eq(spark_cell(v, 11, 40, CF_PAIN, true, 0), 0x2581);
    ck_assert_uint_eq(spark_cell(v, 11, 40, CF_PAIN, true, 10), 0x2588);
    ck_assert_uint_eq(spark_cell(v, 11, 40, CF_PAIN, true, 5), 0x2585);
    ck_assert_uint_eq(spark_cell(v, 11, 40, CF_PAIN, false, 0), '_');
    ck_assert_uint_eq(spark_cell(v, 11, 40, CF_PAIN, false, 10), '@');
    uint32_t prev = 0;
    for (int i = 0; i <= 10; i++) { /* never falls as the value rises */
        uint32_t cp = spark_cell(v, 11, 40, CF_PAIN, true, i);
        ck_assert_uint_ge(cp, prev);
        prev = cp;
    }
    static const double h[] = {12, 6, 0, 14};
    ck_assert_uint_eq(spark_cell(h, 4, 40, CF_SLEEP_HOURS, true, 0), 0x2588);
    ck_assert_uint_eq(spark_cell(h, 4, 40, CF_SLEEP_HOURS, true, 1), 0x2585);
    ck_assert_uint_eq(spark_cell(h, 4, 40, CF_SLEEP_HOURS, true, 3), 0x2588);
}
END_TEST

START_TEST(test_sparkline_gaps_and_buckets)
{
    static const double v[] = {3, N, 5, N, N, N, 10, 10};
    struct grid *g = grid_new(20, 1);
    ck_assert_int_eq(chart_sparkline(g, 0, 0, 20, v, 8, CF_PAIN, true, false),
                     8);
    ck_assert_uint_eq(grid_at(g, 1, 0)->cp, ' ');
    chart_sparkline(g, 0, 0, 20, v, 8, CF_PAIN, true, true);
    ck_assert_uint_eq(grid_at(g, 1, 0)->cp, 0xB7);
    chart_sparkline(g, 0, 0, 20, v, 8, CF_PAIN, false, true);
    ck_assert_uint_eq(grid_at(g, 1, 0)->cp, '.');
    grid_clear(g);
    /* 8 days in 3 columns: buckets of 3 (3 and 5 -> 4; gaps; 10) */
    ck_assert_int_eq(chart_sparkline(g, 0, 0, 3, v, 8, CF_PAIN, true, true),
                     3);
    ck_assert_uint_eq(grid_at(g, 0, 0)->cp, 0x2581 + 3); /* 4 -> 2.8 -> 3 */
    ck_assert_uint_eq(grid_at(g, 1, 0)->cp, 0xB7);
    ck_assert_uint_eq(grid_at(g, 2, 0)->cp, 0x2588);
    ck_assert_uint_eq(grid_at(g, 3, 0)->cp, ' ');
    ck_assert_int_eq(chart_sparkline(g, 0, 0, 0, v, 8, CF_PAIN, true, true),
                     0);
    grid_free(g);
}
END_TEST

/* ---- fields of one's own ------------------------------------------------- */

enum { NAPS = CF_COUNT, WALK, NAP };

static void install_own(void)
{
    static const struct field_row rows[] = {
        {NAPS, "naps", NULL, NULL, NULL, FIELD_TALLY, false, false},
        {WALK, "walk", NULL, NULL, NULL, FIELD_MINUTES, false, false},
        {NAP, "nap", NULL, NULL, NULL, FIELD_YESNO, false, false},
    };
    fields_install(rows, 3);
}

static const double naps30[NDAYS30] = {
    0, 1, 1, 2, N, 3, 4, 3, 2, 1, 1, 0, N, N, 0,
    1, 1, 2, 2, 3, 2, N, 1, 0, 0, 0, 1, 1, 2, 1};
static const double nap30[NDAYS30] = {
    0, 1, 1, 1, N, 1, 1, 0.5, 0, 0, 1, 0, N, N, 0,
    0, 1, 1, 0, 1, 1, N, 0, 0, 0, 0, 0, 1, 1, 0};

/* Pain on the left and a count on the right, its top the first round
 * number above the largest count (4: 0-5); yes/no alone in percent. */
START_TEST(test_golden_own_fields)
{
    install_own();
    struct chart_series two[] = {{CF_PAIN, pain30},
                                 {(enum checkin_field)NAPS, naps30}};
    check_pair("own_count", spec_of(two, 2, nov1(), NDAYS30, true), 72, 14);
    struct chart_series one[] = {{(enum checkin_field)NAP, nap30}};
    check_pair("own_yesno", spec_of(one, 1, nov1(), NDAYS30, true), 60, 10);
    fields_reset();
}
END_TEST

static bool has_text(const struct chart_spec *sp, int w, int h,
                     const char *want)
{
    char *text = draw_text(sp, w, h, false);
    bool found = strstr(text, want) != NULL;
    free(text);
    return found;
}

START_TEST(test_own_scales)
{
    install_own();
    double walk[3] = {20, N, 95}, naps[3] = {N, 7, 12};
    struct chart_series s[] = {{(enum checkin_field)WALK, walk},
                               {(enum checkin_field)NAPS, naps},
                               {CF_PAIN, pain30}};
    struct chart_spec sp = spec_of(s, 1, nov1(), 3, false);
    struct chart_layout L;
    chart_layout_init(&L, &sp, 0, 0, 60, 12);
    ck_assert_int_eq(L.left.kind, FIELD_MINUTES);
    ck_assert_double_eq(L.left.top, 120); /* 95 min: the next round top */
    ck_assert_int_eq(L.left.label_w, 5);  /* "120m+" */
    ck_assert(has_text(&sp, 60, 12, "120m+"));
    /* two kinds: the minutes go right of the ratings */
    s[1] = s[2];
    sp.nseries = 2;
    chart_layout_init(&L, &sp, 0, 0, 60, 12);
    ck_assert_int_eq(L.left.kind, FIELD_RATING);
    ck_assert(L.right_axis);
    ck_assert_int_eq(L.right.kind, FIELD_MINUTES);
    ck_assert(has_text(&sp, 60, 12, "Walk (right)"));
    /* a third kind has no axis: refused by the callers, left out here */
    s[1] = (struct chart_series){(enum checkin_field)NAPS, naps};
    sp.nseries = 3;
    ck_assert(!chart_scales_fit(s, 3));
    ck_assert(chart_scales_fit(s, 2));
    chart_layout_init(&L, &sp, 0, 0, 60, 12);
    ck_assert_ptr_eq(chart_scale_of(&L, CF_PAIN), &L.left);
    ck_assert_ptr_eq(chart_scale_of(&L, (enum checkin_field)WALK), &L.right);
    ck_assert_ptr_null(chart_scale_of(&L, (enum checkin_field)NAPS));
    ck_assert(!has_text(&sp, 60, 12, "Naps"));
    /* a sparkline of counts reaches its top at the largest round top */
    struct grid *g = grid_new(3, 1);
    chart_sparkline(g, 0, 0, 3, naps, 3, (enum checkin_field)NAPS, true,
                    true);
    ck_assert_uint_eq(grid_at(g, 0, 0)->cp, 0xB7);
    ck_assert_uint_eq(grid_at(g, 1, 0)->cp, 0x2581 + 2); /* 7 of 20 */
    ck_assert_uint_eq(grid_at(g, 2, 0)->cp, 0x2581 + 4); /* 12 of 20 */
    grid_free(g);
    fields_reset();
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_golden_one_series_gaps);
    tcase_add_test(tc, test_golden_two_series);
    tcase_add_test(tc, test_golden_plain_text);
    tcase_add_test(tc, test_golden_sleep_hours_right_axis);
    tcase_add_test(tc, test_golden_ten_years);
    tcase_add_test(tc, test_golden_rolling_mean);
    tcase_add_test(tc, test_golden_cursor);
    tcase_add_test(tc, test_golden_minimum_size);
    tcase_add_test(tc, test_golden_too_small);
    tcase_add_test(tc, test_gaps_never_bridged);
    tcase_add_test(tc, test_lone_points_stay_alone);
    tcase_add_test(tc, test_buckets_math);
    tcase_add_test(tc, test_bucket_layout);
    tcase_add_test(tc, test_ticks_never_collide);
    tcase_add_test(tc, test_ticks_orient);
    tcase_add_test(tc, test_never_draws_outside);
    tcase_add_test(tc, test_minimum_size);
    tcase_add_test(tc, test_empty_inputs);
    tcase_add_test(tc, test_shared_cell_takes_later_style);
    tcase_add_test(tc, test_cursor_column);
    tcase_add_test(tc, test_day_column_inverse);
    tcase_add_test(tc, test_sparkline_levels);
    tcase_add_test(tc, test_sparkline_gaps_and_buckets);
    tcase_add_test(tc, test_golden_own_fields);
    tcase_add_test(tc, test_own_scales);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
