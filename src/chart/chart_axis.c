/* chart_axis: the y axes (fixed scales, labelled), the x axis with date
 * labels that suit the range, and the legend. */
#include "chart_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/text.h"

/* ---- y axes ----------------------------------------------------------- */

/* The steps labels may go up by, finest first, in label units (percent
 * for yes/no); a step is used only when it divides the top, and the top
 * alone (0 and the top labelled) is the last resort. */
static const int rating_steps[] = {2, 5, 0};
static const int hour_steps[] = {2, 4, 6, 0};
static const int percent_steps[] = {25, 50, 0};
static const int count_steps[] = {1,   2,   5,    10,   20,   50,
                                  100, 200, 500, 1000, 2000, 5000, 0};
static const int minute_steps[] = {5,   10,  15,  30,  60,
                                   120, 180, 240, 360, 720, 0};

static const int *steps_of(enum field_kind kind)
{
    switch (kind) {
    case FIELD_HOURS:
        return hour_steps;
    case FIELD_YESNO:
        return percent_steps;
    case FIELD_TALLY:
        return count_steps;
    case FIELD_MINUTES:
        return minute_steps;
    default:
        return rating_steps;
    }
}

/* Label units per unit of value: yes/no is labelled in percent. */
static int label_mult(const struct chart_scale *sc)
{
    return sc->kind == FIELD_YESNO ? 100 : 1;
}

int chart_axis_label(const struct chart_scale *sc, double v, char *out,
                     size_t size)
{
    static const char *const units[FIELD_KIND_COUNT] = {
        [FIELD_RATING] = "", [FIELD_HOURS] = "h", [FIELD_TALLY] = "",
        [FIELD_MINUTES] = "m", [FIELD_YESNO] = "%"};
    const char *unit =
        (unsigned)sc->kind < FIELD_KIND_COUNT ? units[sc->kind] : "";
    int n = snprintf(out, size, "%d%s", (int)lround(v * label_mult(sc)),
                     unit);
    return n < 0 ? 0 : n;
}

/* The plot row (from the bottom) where a label for value v goes. */
static int label_row(const struct chart_layout *L, double v, double max)
{
    return chart_dot_row(L, v, max) / L->dpr;
}

/* The finest step (in label units) whose labels have a free row between
 * any two. */
static int pick_step(const struct chart_layout *L, const struct chart_scale *sc)
{
    int mult = label_mult(sc), top = (int)lround(sc->top * mult);
    const int *steps = steps_of(sc->kind);
    for (int i = 0; steps[i] != 0 && steps[i] < top; i++) {
        if (top % steps[i] != 0)
            continue;
        bool fits = true;
        for (int v = steps[i]; v <= top && fits; v += steps[i])
            fits = label_row(L, (double)v / mult, sc->top) -
                       label_row(L, (double)(v - steps[i]) / mult, sc->top) >=
                   2;
        if (fits)
            return steps[i];
    }
    return top > 0 ? top : 1; /* just 0 and the top */
}

static void draw_y_axis(struct grid *g, const struct chart_layout *L,
                        const struct chart_scale *sc, bool right)
{
    int col = right ? L->px + L->pw : L->px - 1;
    uint32_t tick = L->utf8 ? (right ? 0x251c : 0x2524) : '+';
    grid_fill(g, col, L->py, 1, L->ph, L->utf8 ? 0x2502 : '|', ST_DIM);
    int step = pick_step(L, sc), mult = label_mult(sc);
    int top = (int)lround(sc->top * mult);
    for (int v = 0; v <= top; v += step) {
        int row = L->py + L->ph - 1 - label_row(L, (double)v / mult, sc->top);
        char text[16];
        int len = chart_axis_label(sc, (double)v / mult, text, sizeof text);
        grid_put(g, col, row, tick, ST_DIM);
        grid_text(g, right ? col + 1 : col - len, row, text, ST_DIM, len);
    }
}

/* ---- x axis ----------------------------------------------------------- */

enum tick_kind { TK_DAYS, TK_WEEKS, TK_MONTHS, TK_QUARTERS, TK_YEARS };

struct tick_level {
    enum tick_kind kind;
    int step;      /* days for TK_DAYS, years for TK_YEARS */
    double period; /* days between ticks, about */
    double need;   /* columns between ticks for labels to breathe */
};

static const struct tick_level levels[] = {
    {TK_DAYS, 1, 1, 3},        {TK_DAYS, 2, 2, 3},
    {TK_WEEKS, 1, 7, 4},       {TK_MONTHS, 1, 30.44, 5},
    {TK_QUARTERS, 1, 91.3, 6}, {TK_YEARS, 1, 365.25, 6},
    {TK_YEARS, 2, 730.5, 6},   {TK_YEARS, 5, 1826, 6},
    {TK_YEARS, 10, 3652, 6},   {TK_YEARS, 20, 7305, 6},
    {TK_YEARS, 50, 18262, 6},  {TK_YEARS, 100, 36525, 6},
    {TK_YEARS, 1000, 365250, 6},
};
/* Past two weeks, Mondays read better than every day or every other. */
#define DAY_TICKS_MAX 14
#define NLEVELS ((int)(sizeof levels / sizeof levels[0]))

static const struct tick_level *pick_level(const struct chart_layout *L,
                                           int ndays)
{
    double cols_per_day = (double)L->pw / (ndays > 0 ? ndays : 1);
    for (int i = 0; i < NLEVELS - 1; i++)
        if (levels[i].period * cols_per_day >= levels[i].need &&
            (levels[i].kind != TK_DAYS || ndays <= DAY_TICKS_MAX))
            return &levels[i];
    return &levels[NLEVELS - 1];
}

/* A day and its calendar date, stepped along a range without converting
 * each of years of days afresh. */
struct day_walk {
    ache_day d;
    int y, m, dom;
};

static void walk_next(struct day_walk *w)
{
    w->d++;
    if (++w->dom <= date_days_in_month(w->y, w->m))
        return;
    w->dom = 1;
    if (++w->m > 12) {
        w->m = 1;
        w->y++;
    }
}

static bool is_tick(const struct tick_level *lv, const struct day_walk *w,
                    ache_day first)
{
    ache_day d = w->d;
    int y = w->y, m = w->m, dom = w->dom;
    if (lv->kind == TK_DAYS)
        return (d - first) % lv->step == 0;
    if (lv->kind == TK_WEEKS)
        return date_weekday(d) == 0;
    if (dom != 1)
        return false;
    if (lv->kind == TK_MONTHS)
        return true;
    if (lv->kind == TK_QUARTERS)
        return (m - 1) % 3 == 0;
    return m == 1 && y % lv->step == 0;
}

/* The label of a tick: day numbers with the month where it changes (and
 * on the first label), months with the year on the first label and in
 * place of January, years alone. `last_month` is the year*12+month of the
 * last label placed, or -1. */
static void tick_text(const struct tick_level *lv, ache_day d, int last_month,
                      char *out, size_t size)
{
    int y, m, dom;
    date_to_ymd(d, &y, &m, &dom);
    bool first = last_month < 0;
    if (lv->kind == TK_YEARS)
        snprintf(out, size, "%d", y);
    else if (lv->kind >= TK_MONTHS && first)
        snprintf(out, size, "%s %d", date_month_abbr(m), y);
    else if (lv->kind >= TK_MONTHS && m == 1)
        snprintf(out, size, "%d", y);
    else if (lv->kind >= TK_MONTHS)
        snprintf(out, size, "%s", date_month_abbr(m));
    else if (first || last_month != y * 12 + m - 1)
        snprintf(out, size, "%s %d", date_month_abbr(m), dom);
    else
        snprintf(out, size, "%d", dom);
}

/* The column (relative to the chart) of day offset i. */
static int day_col(const struct chart_layout *L, int i)
{
    return L->px - L->x + chart_point_x(L, i / L->k) / L->dpc;
}

/* Places the label of day i if it fits after the previous one. */
static bool place_tick(const struct chart_layout *L, const struct tick_level *lv,
                       const struct chart_spec *spec, int i, int *last_month,
                       int *free_col, struct chart_tick *out)
{
    int col = day_col(L, i);
    tick_text(lv, spec->first + i, *last_month, out->text, sizeof out->text);
    int len = (int)strlen(out->text);
    if (col < *free_col || col + len > L->w)
        return false;
    out->col = col;
    *free_col = col + len + 1;
    int y, m, dom;
    date_to_ymd(spec->first + i, &y, &m, &dom);
    *last_month = y * 12 + m - 1;
    return true;
}

int chart_ticks(const struct chart_layout *L, const struct chart_spec *spec,
                struct chart_tick *out, int max)
{
    if (L->pw <= 0 || spec->ndays <= 0 || max <= 0)
        return 0;
    const struct tick_level *lv = pick_level(L, spec->ndays);
    int n = 0, last_month = -1, free_col = 0;
    struct day_walk w = {spec->first, 0, 0, 0};
    date_to_ymd(w.d, &w.y, &w.m, &w.dom);
    for (int i = 0; i < spec->ndays && n < max; i++, walk_next(&w))
        if (is_tick(lv, &w, spec->first) &&
            place_tick(L, lv, spec, i, &last_month, &free_col, &out[n]))
            n++;
    if (n == 0) /* no tick day in range: name the first day */
        n = place_tick(L, &levels[0], spec, 0, &last_month, &free_col, out);
    return n;
}

static void draw_x_axis(struct grid *g, const struct chart_layout *L,
                        const struct chart_spec *spec)
{
    int row = L->py + L->ph;
    uint32_t h = L->utf8 ? 0x2500 : '-';
    grid_fill(g, L->px, row, L->pw, 1, h, ST_DIM);
    grid_put(g, L->px - 1, row, L->utf8 ? 0x2514 : '+', ST_DIM);
    if (L->right_axis)
        grid_put(g, L->px + L->pw, row, L->utf8 ? 0x2518 : '+', ST_DIM);
    struct chart_tick ticks[64];
    int n = chart_ticks(L, spec, ticks, 64);
    for (int i = 0; i < n; i++) {
        grid_put(g, L->x + ticks[i].col, row, L->utf8 ? 0x252c : '+', ST_DIM);
        grid_text(g, L->x + ticks[i].col, row + 1, ticks[i].text, ST_DIM,
                  L->w - ticks[i].col);
    }
}

void chart_draw_axes(struct grid *g, const struct chart_layout *L,
                     const struct chart_spec *spec)
{
    if (L->ph <= 0 || L->pw <= 0)
        return;
    draw_y_axis(g, L, &L->left, false);
    if (L->right_axis)
        draw_y_axis(g, L, &L->right, true);
    draw_x_axis(g, L, spec);
}

/* ---- legend ----------------------------------------------------------- */

struct legend_pen {
    struct grid *g;
    int col, end, row;
};

/* Writes "swatch label" and two spaces; `whole` items are left out
 * rather than cut when they do not fit. */
static void legend_item(struct legend_pen *p, const char *swatch,
                        enum style swatch_st, const char *label, bool whole)
{
    int sw = (int)text_width(swatch, strlen(swatch));
    int need = sw + (sw > 0) + (int)text_width(label, strlen(label));
    if (p->col >= p->end || (whole && p->col + need > p->end))
        return;
    if (sw > 0) {
        p->col += grid_text(p->g, p->col, p->row, swatch, swatch_st,
                            p->end - p->col);
        p->col += grid_text(p->g, p->col, p->row, " ", ST_NORMAL,
                            p->end - p->col);
    }
    p->col += grid_text(p->g, p->col, p->row, label,
                        swatch_st == ST_DIM ? ST_DIM : ST_NORMAL,
                        p->end - p->col) + 2;
}

static void legend_series(struct legend_pen *p, const struct chart_layout *L,
                          const struct chart_spec *spec, int i)
{
    enum checkin_field f = spec->series[i].field;
    char swatch[8] = "\xe2\x94\x80\xe2\x94\x80"; /* "──" */
    if (!L->braille)
        snprintf(swatch, sizeof swatch, "%c", chart_series_mark(i));
    const struct field_info *fi = checkin_field_info(f);
    const char *name = fi ? fi->label : "?";
    char label[96];
    snprintf(label, sizeof label, "%s%s%s", name,
             spec->rolling_mean ? " 7-day mean" : "",
             chart_scale_of(L, f) == &L->right ? " (right)" : "");
    /* short of room, the name alone beats a name cut mid-word */
    int room = p->end - p->col - (int)text_width(swatch, strlen(swatch)) - 1;
    if ((int)text_width(label, strlen(label)) > room)
        snprintf(label, sizeof label, "%s", name);
    legend_item(p, swatch, chart_series_style(i), label, false);
}

void chart_draw_legend(struct grid *g, const struct chart_layout *L,
                       const struct chart_spec *spec)
{
    struct legend_pen p = {g, L->x, L->x + L->w, L->y};
    int ns = spec->series ? spec->nseries : 0;
    for (int i = 0; i < ns && i < CHART_MAX_SERIES; i++)
        if (chart_scale_of(L, spec->series[i].field)) /* else not drawn */
            legend_series(&p, L, spec, i);
    if (spec->rolling_mean)
        legend_item(&p, L->braille ? "\xe2\x94\x80\xe2\x94\x80" : ".",
                    ST_DIM, "daily", true);
    if (spec->spread && L->k > 1)
        legend_item(&p, L->braille ? "\xe2\xa1\x82" : ":", ST_DIM,
                    "min-max", true);
    if (L->k > 1) {
        char note[32];
        snprintf(note, sizeof note, "%d-day means", L->k);
        legend_item(&p, "", ST_DIM, note, true);
    }
}
