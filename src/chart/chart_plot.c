/* chart_plot: the data layers of a chart: the cursor line, the min-max
 * bands of buckets and the lines, in braille dots (UTF-8) or characters
 * (ASCII). Every write is clipped to the plot area.
 *
 * A braille cell can hold dots of several layers but has one style. A
 * line's dots landing on a cell that held only dim dots (a band, or the
 * daily line under a rolling mean) replace them, so the line stays crisp
 * and the band shows around it; where two series share a cell, their
 * dots merge and the cell takes the later series' style. */
#include "chart_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "ache/grid.h"

#define BRAILLE_BASE 0x2800u
#define CURSOR_UTF8 0x2502u

static bool is_braille(uint32_t cp)
{
    return cp >= BRAILLE_BASE && cp <= BRAILLE_BASE + 0xff;
}

/* (dx, dr): dot column from the plot's left, dot row from its bottom. */
static void braille_dot(struct grid *g, const struct chart_layout *L, int dx,
                        int dr, enum style st)
{
    static const uint8_t bits[2][4] = {{0x01, 0x02, 0x04, 0x40},
                                       {0x08, 0x10, 0x20, 0x80}};
    if (dx < 0 || dx >= L->dots_w || dr < 0 || dr >= L->dots_h)
        return;
    int cx = L->px + dx / 2, cy = L->py + L->ph - 1 - dr / 4;
    const struct cell *c = grid_at(g, cx, cy);
    uint32_t have = 0;
    if (is_braille(c->cp)) {
        bool was_dim = c->style == ST_DIM;
        if (st == ST_DIM && !was_dim)
            st = (enum style)c->style; /* a dim dot joins a line's cell */
        if (st == ST_DIM || !was_dim)
            have = c->cp - BRAILLE_BASE;
    }
    grid_put(g, cx, cy, BRAILLE_BASE | have | bits[dx % 2][3 - dr % 4], st);
}

/* Bresenham's line between two dots, both ends included. */
static void braille_segment(struct grid *g, const struct chart_layout *L,
                            int x0, int y0, int x1, int y1, enum style st)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        braille_dot(g, L, x0, y0, st);
        if (x0 == x1 && y0 == y1)
            return;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

static void ascii_put(struct grid *g, const struct chart_layout *L, int col,
                      int row, char ch, enum style st)
{
    if (col < 0 || col >= L->pw || row < 0 || row >= L->ph)
        return;
    grid_put(g, L->px + col, L->py + L->ph - 1 - row, (uint32_t)ch, st);
}

static char slope_char(double s)
{
    if (fabs(s) > 1.5)
        return '|';
    if (fabs(s) < 0.5)
        return '-';
    return s > 0 ? '/' : '\\';
}

/* The characters between two ASCII points (the points themselves get the
 * series' mark later). Each column covers the rows the segment crosses in
 * it; gentle slopes keep one character a column so they read as a line,
 * not a staircase of blocks. */
static void ascii_segment(struct grid *g, const struct chart_layout *L,
                          int x0, int r0, int x1, int r1, enum style st)
{
    double s = (double)(r1 - r0) / (x1 - x0);
    char ch = slope_char(s);
    for (int c = x0; c <= x1; c++) {
        double lo = c - 0.5 < x0 ? x0 : c - 0.5;
        double hi = c + 0.5 > x1 ? x1 : c + 0.5;
        double ya = r0 + s * (lo - x0), yb = r0 + s * (hi - x0);
        int ra = (int)floor(fmin(ya, yb) + 0.5);
        int rb = (int)floor(fmax(ya, yb) + 0.5);
        if (fabs(s) <= 1.0)
            ra = rb = (int)floor(r0 + s * (c - x0) + 0.5);
        for (int r = ra; r <= rb; r++) {
            if ((c == x0 && r == r0) || (c == x1 && r == r1))
                continue;
            ascii_put(g, L, c, r, ch, st);
        }
    }
}

static bool bucket_present(const struct chart_track *t,
                           const struct chart_layout *L, int b)
{
    return b >= 0 && b < L->nb && t->bk[b].n > 0;
}

/* A point with gaps on both sides: two dots side by side in its cell, as
 * one dot alone is easy to miss. */
static void braille_lone_point(struct grid *g, const struct chart_layout *L,
                               int x, int r, enum style st)
{
    braille_dot(g, L, x, r, st);
    braille_dot(g, L, x ^ 1, r, st);
}

void chart_plot_line(struct grid *g, const struct chart_layout *L,
                     const struct chart_track *t)
{
    if (L->dots_h <= 0 || (!L->braille && !t->connect))
        return;
    int px = 0, pr = 0;
    for (int b = 0; b < L->nb; b++) {
        if (!bucket_present(t, L, b))
            continue;
        int x = chart_point_x(L, b), r = chart_dot_row(L, t->bk[b].mean, t->max);
        bool joined = bucket_present(t, L, b - 1);
        if (L->braille && joined)
            braille_segment(g, L, px, pr, x, r, t->st);
        else if (L->braille && !bucket_present(t, L, b + 1))
            braille_lone_point(g, L, x, r, t->st);
        else if (L->braille)
            braille_dot(g, L, x, r, t->st);
        else if (joined)
            ascii_segment(g, L, px, pr, x, r, t->st);
        px = x;
        pr = r;
    }
}

void chart_plot_marks(struct grid *g, const struct chart_layout *L,
                      const struct chart_track *t)
{
    for (int b = 0; b < L->nb && L->dots_h > 0; b++)
        if (bucket_present(t, L, b))
            ascii_put(g, L, chart_point_x(L, b),
                      chart_dot_row(L, t->bk[b].mean, t->max), t->mark,
                      t->st);
}

/* The min-max range of each bucket, held until the next point so that
 * the band is continuous where buckets are spread apart. In braille one
 * dot in four (every other column and row) keeps it light: a stipple the
 * line stands out of. */
void chart_plot_band(struct grid *g, const struct chart_layout *L,
                     const struct chart_track *t)
{
    for (int b = 0; b < L->nb && L->dots_h > 0; b++) {
        if (!bucket_present(t, L, b))
            continue;
        int x0 = chart_point_x(L, b), x1 = x0;
        if (bucket_present(t, L, b + 1))
            x1 = chart_point_x(L, b + 1) - 1;
        int r0 = chart_dot_row(L, t->bk[b].min, t->max);
        int r1 = chart_dot_row(L, t->bk[b].max, t->max);
        for (int x = x0; x <= x1; x++)
            for (int r = r0; r <= r1; r++) {
                if (!L->braille)
                    ascii_put(g, L, x, r, ':', ST_DIM);
                else if (x % 2 == 0 && r % 2 == 0)
                    braille_dot(g, L, x, r, ST_DIM);
            }
    }
}

void chart_plot_cursor(struct grid *g, const struct chart_layout *L, int col)
{
    if (col < L->px || col >= L->px + L->pw)
        return;
    for (int row = L->py; row < L->py + L->ph; row++)
        grid_put(g, col, row, L->utf8 ? CURSOR_UTF8 : (uint32_t)'|',
                 ST_FOCUS);
}
