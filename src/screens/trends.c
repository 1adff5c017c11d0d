/* The trends screen: a chart of chosen fields over a range (two weeks to
 * everything), stepping back and forward in time, with a cursor that
 * reads a day's values. The chart is the same drawing as `ache chart`. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/app.h"
#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/stats.h"
#include "ache/store.h"
#include "ache/term.h"
#include "ache/util.h"

enum range { R_2WEEKS, R_MONTH, R_3MONTHS, R_YEAR, R_ALL, R_COUNT };

static const struct {
    const char *name;
    int days; /* 0: everything in the diary */
} ranges[R_COUNT] = {
    {"2 weeks", 14}, {"month", 30}, {"3 months", 91}, {"year", 365},
    {"all", 0},
};

struct trends_state {
    bool shown[CF_COUNT];
    enum range range;
    ache_day last;             /* the range's last day */
    ache_day first;
    ache_day cursor;
    bool avg, spread;
    struct day_summary *days;  /* first..last */
    size_t ndays;
};

/* "show or hide a field: 1 pain, 2 fatigue, ...", from the field table
 * (fill_toggle_help) so that it names the fields the keys toggle. */
static char toggle_help[200];

static const struct binding trends_bindings[] = {
    {'1', REQ_TOGGLE, "1-8", NULL, toggle_help, "fields"},
    {'2', REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {'3', REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {'4', REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {'5', REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {'6', REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {'7', REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {'8', REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {'r', REQ_RANGE, "r", NULL,
     "range: 2 weeks, month, 3 months, year, "
     "all",
     "range"},
    {'[', REQ_PREV_MONTH, "[ ]", NULL, "step back / forward by a range",
     "step"},
    {']', REQ_NEXT_MONTH, NULL, NULL, NULL, NULL},
    {'h', REQ_PREV_DAY, "h/l ←/→", "h/l",
     "move the cursor a day (or a "
     "column)",
     "cursor"},
    {TK_LEFT, REQ_PREV_DAY, NULL, NULL, NULL, NULL},
    {'l', REQ_NEXT_DAY, NULL, NULL, NULL, NULL},
    {TK_RIGHT, REQ_NEXT_DAY, NULL, NULL, NULL, NULL},
    {TK_HOME, REQ_START, "Home End", NULL,
     "cursor to the first / last "
     "day",
     NULL},
    {TK_END, REQ_END, NULL, NULL, NULL, NULL},
    {'a', REQ_AVG, "a", NULL, "7-day rolling mean on or off", "mean"},
    {'s', REQ_SPREAD, "s", NULL, "min-max band on or off (long ranges)", NULL},
    {'t', REQ_TODAY, "t", NULL, "the range ending today", NULL},
    {TK_ENTER, REQ_OPEN, "Enter", NULL, "open the cursor's day", NULL},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

/* The rows the chart may use: below the header, above the readout. */
#define CHART_TOP 2
#define BOTTOM_ROWS 4

static void load(struct trends_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    s->first = s->last - ranges[s->range].days + 1;
    if (ranges[s->range].days == 0) {
        ache_day first, last;
        bool empty;
        if (store_date_span(app->store, &first, &last, &empty, &err) ||
            empty)
            first = s->last - 13;
        s->first = first < s->last - 13 ? first : s->last - 13;
    }
    free(s->days);
    s->ndays = (size_t)(s->last - s->first + 1);
    s->days = xreallocarray(NULL, s->ndays, sizeof *s->days);
    if (store_read_days(app->store, s->first, s->last, STORE_DAYS_ALL,
                        s->days, &err))
        app_message(app, ST_ERROR, "%s", err.msg);
    if (s->cursor < s->first || s->cursor > s->last)
        s->cursor = s->last;
}

static void fill_toggle_help(void)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "show or hide a field:");
    for (int f = 0; f < CF_COUNT; f++) {
        char word[32];
        snprintf(word, sizeof word, "%s",
                 checkin_field_info((enum checkin_field)f)->option);
        for (char *dash = strchr(word, '-'); dash; dash = strchr(dash, '-'))
            *dash = ' ';
        strbuf_printf(&sb, "%s %d %s", f ? "," : "", f + 1, word);
    }
    snprintf(toggle_help, sizeof toggle_help, "%s", strbuf_str(&sb));
    strbuf_free(&sb);
}

static void *trends_open(struct app *app)
{
    if (!toggle_help[0])
        fill_toggle_help();
    struct trends_state *s = xcalloc(1, sizeof *s);
    s->shown[CF_PAIN] = s->shown[CF_FATIGUE] = true;
    s->range = R_MONTH;
    s->last = app->today;
    s->cursor = app->open_day <= app->today ? app->open_day : app->today;
    if (s->cursor < s->last - 29)
        s->last = s->cursor + 29 > app->today ? app->today : s->cursor + 29;
    load(s, app);
    return s;
}

static void trends_close(void *state, struct app *app)
{
    struct trends_state *s = state;
    (void)app;
    free(s->days);
    free(s);
}

static void trends_resume(void *state, struct app *app)
{
    load(state, app); /* a day may have been changed meanwhile */
}

static int shown_count(const struct trends_state *s)
{
    int n = 0;
    for (int f = 0; f < CF_COUNT; f++)
        n += s->shown[f];
    return n;
}

static void toggle_field(struct trends_state *s, struct app *app, int f)
{
    if (s->shown[f] && shown_count(s) == 1)
        app_message(app, ST_DIM, "At least one field stays shown.");
    else if (!s->shown[f] && shown_count(s) == CHART_MAX_SERIES)
        app_message(app, ST_WARN, "At most %d fields at once: hide one "
                                  "first.",
                    CHART_MAX_SERIES);
    else
        s->shown[f] = !s->shown[f];
}

/* Steps the range back or forward by its own length (not past today). */
static void step(struct trends_state *s, struct app *app, int dir)
{
    int len = (int)s->ndays;
    ache_day last = s->last + dir * len;
    if (last > app->today)
        last = app->today;
    if (ranges[s->range].days == 0 || last == s->last) {
        app_message(app, ST_DIM, "Nothing further that way.");
        return;
    }
    s->cursor += last - s->last;
    s->last = last;
    load(s, app);
}

/* The chart's description for the fields shown; values stay NULL unless
 * `values` is given (the layout, for the cursor, needs no values). */
static void fill_spec(const struct trends_state *s, const struct app *app,
                      struct chart_series series[CHART_MAX_SERIES],
                      double *values[CHART_MAX_SERIES],
                      struct chart_spec *spec)
{
    int n = 0;
    for (int f = 0; f < CF_COUNT && n < CHART_MAX_SERIES; f++) {
        if (!s->shown[f])
            continue;
        if (values) {
            values[n] = xcalloc(s->ndays, sizeof(double));
            for (size_t i = 0; i < s->ndays; i++)
                values[n][i] = s->days[i].mean[f] >= 0 ? s->days[i].mean[f]
                                                       : CHART_GAP;
        }
        series[n] = (struct chart_series){(enum checkin_field)f,
                                          values ? values[n] : NULL};
        n++;
    }
    /* A terminal tells series apart by colour, or weight and underline. */
    *spec = (struct chart_spec){s->first, (int)s->ndays, series, n, s->avg,
                                s->spread, app->utf8, s->cursor, false};
}

/* The cursor moves a day, or to the next column's days when days are
 * grouped into columns. */
static void move_cursor(struct trends_state *s, struct app *app, int dir)
{
    int w = app->grid->w;
    struct chart_series series[CHART_MAX_SERIES];
    struct chart_spec spec;
    fill_spec(s, app, series, NULL, &spec);
    int col = chart_column_of(&spec, w, s->cursor);
    ache_day next = s->cursor + dir;
    for (int c = col + dir; col >= 0 && c >= 0 && c < w; c += dir) {
        ache_day day = chart_day_at(&spec, w, c);
        if (day >= 0 && day != chart_day_at(&spec, w, col)) {
            next = day;
            break;
        }
    }
    if (next >= s->first && next <= s->last)
        s->cursor = next;
}

static unsigned trends_request(struct trends_state *s, struct app *app,
                               enum request r, int key)
{
    switch (r) {
    case REQ_TOGGLE:
        toggle_field(s, app, key - '1');
        break;
    case REQ_RANGE:
        s->range = (enum range)((s->range + 1) % R_COUNT);
        load(s, app);
        break;
    case REQ_PREV_MONTH:
    case REQ_NEXT_MONTH:
        step(s, app, r == REQ_NEXT_MONTH ? 1 : -1);
        break;
    case REQ_PREV_DAY:
    case REQ_NEXT_DAY:
        move_cursor(s, app, r == REQ_NEXT_DAY ? 1 : -1);
        break;
    case REQ_START:
    case REQ_END:
        s->cursor = r == REQ_START ? s->first : s->last;
        break;
    case REQ_AVG:
    case REQ_SPREAD:
        *(r == REQ_AVG ? &s->avg : &s->spread) ^= true;
        break;
    case REQ_TODAY:
        s->last = s->cursor = app->today;
        load(s, app);
        break;
    case REQ_OPEN:
        app_push(app, &checkin_screen, s->cursor);
        break;
    default:
        return H_IGNORED;
    }
    return H_HANDLED;
}

static unsigned trends_handle(void *state, struct app *app,
                              const struct term_event *ev)
{
    struct trends_state *s = state;
    if (ev->key == TK_MOUSE && ev->mouse_down) {
        struct chart_series series[CHART_MAX_SERIES];
        struct chart_spec spec;
        fill_spec(s, app, series, NULL, &spec);
        ache_day day = chart_day_at(&spec, app->grid->w, ev->x);
        if (day < 0)
            return H_IGNORED;
        s->cursor = day;
        return H_HANDLED;
    }
    return trends_request(s, app, binding_lookup(trends_bindings, ev->key),
                          ev->key);
}

/* "Tue 17 Nov 2026: pain 6 · fatigue 5.5" under the chart. */
static void draw_readout(const struct trends_state *s, struct app *app,
                         struct grid *g, int y)
{
    int yy, mm, dd;
    date_to_ymd(s->cursor, &yy, &mm, &dd);
    int x = 1 + grid_printf(g, 1, y, ST_FOCUS, "%s %d %s %d:",
                            date_weekday_abbr(date_weekday(s->cursor)), dd,
                            date_month_abbr(mm), yy);
    const struct day_summary *d = &s->days[s->cursor - s->first];
    for (int f = 0, i = 0; f < CF_COUNT; f++) {
        if (!s->shown[f])
            continue;
        const char *label = checkin_field_info((enum checkin_field)f)->option;
        if (d->mean[f] < 0)
            x += grid_printf(g, x, y, ST_ABSENT, " %s –", label);
        else
            x += grid_printf(g, x, y, chart_series_style(i), " %s %.1f",
                             label, d->mean[f]);
        i++;
    }
    if (d->checkins == 0)
        grid_text(g, x + 2, y, "(no check-in)", ST_DIM, -1);
    (void)app;
}

static void trends_draw(void *state, struct app *app, struct grid *g,
                        int *cx, int *cy)
{
    struct trends_state *s = state;
    struct chart_series series[CHART_MAX_SERIES];
    double *values[CHART_MAX_SERIES];
    struct chart_spec spec;
    fill_spec(s, app, series, values, &spec);
    char a[DATE_BUF], b[DATE_BUF];
    grid_printf(g, 1, 0, ST_TITLE, "Trends: %s, %s to %s",
                ranges[s->range].name, date_format(s->first, a),
                date_format(s->last, b));
    grid_fill(g, 0, 1, g->w, 1, app->gl->hline, ST_DIM);
    chart_draw(g, 0, CHART_TOP, g->w, g->h - CHART_TOP - BOTTOM_ROWS, &spec);
    draw_readout(s, app, g, g->h - 3);
    for (int i = 0; i < spec.nseries; i++)
        free(values[i]);
    *cx = *cy = -1;
}

const struct screen_ops trends_screen = {
    .name = "trends",
    .min_w = 40,
    .min_h = 14,
    .open = trends_open,
    .close = trends_close,
    .resume = trends_resume,
    .draw = trends_draw,
    .handle = trends_handle,
    .bindings = trends_bindings,
};
