/* The trends screen: a chart of chosen fields over a range (two weeks to
 * everything), stepping back and forward in time, with a cursor that
 * reads a day's values. The chart is the same drawing as `ache chart`.
 * The number keys show or hide the eight built-in fields; f and F swap
 * the field chosen last for the next or previous one, so that every field
 * the screens offer, a person's own too, can be reached (hidden ones are
 * not offered). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/app.h"
#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
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
    int shown[CHART_MAX_SERIES]; /* the keys of the fields shown, in key
                                    order (the series' order) */
    int nshown;
    int chosen;                /* the field chosen last, which f swaps */
    enum range range;
    ache_day last;             /* the range's last day */
    ache_day first;
    ache_day cursor;
    bool avg, spread;
    struct day_summary *days;  /* first..last */
    size_t ndays;
    /* Each shown field's daily means over first..last (CHART_GAP where
     * none), by the index in shown: the built-in ones from days, own ones
     * read from the diary, which the summaries do not hold. */
    double *values[CHART_MAX_SERIES];
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
    {'f', REQ_FIELD, "f F", NULL,
     "swap the field chosen last for the next / previous one, your own "
     "fields too",
     "field"},
    {'F', REQ_PREV_FIELD, NULL, NULL, NULL, NULL},
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

/* Each shown field's values: own fields' means read from the diary in
 * one walk, the built-in ones taken from the day summaries. */
static void fill_values(struct trends_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    enum checkin_field own[CHART_MAX_SERIES];
    double *own_means[CHART_MAX_SERIES];
    int nown = 0;
    for (int k = 0; k < s->nshown; k++) {
        free(s->values[k]);
        s->values[k] = xreallocarray(NULL, s->ndays, sizeof(double));
        int key = s->shown[k];
        for (size_t i = 0; i < s->ndays && key < CF_COUNT; i++)
            s->values[k][i] = s->days[i].mean[key] >= 0 ? s->days[i].mean[key]
                                                        : CHART_GAP;
        if (key >= CF_COUNT) {
            own[nown] = (enum checkin_field)key;
            own_means[nown++] = s->values[k];
        }
    }
    if (nown && store_read_means(app->store, s->first, s->last, own, nown,
                                 own_means, &err))
        app_message(app, ST_ERROR, "%s", err.msg);
    for (int j = 0; j < nown; j++)
        for (size_t i = 0; i < s->ndays; i++)
            if (own_means[j][i] < 0)
                own_means[j][i] = CHART_GAP;
}

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
    fill_values(s, app);
}

/* The built-in fields the number keys reach, hidden ones left out. */
static void fill_toggle_help(void)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "show or hide a field:");
    for (int f = 0, n = 0; f < CF_COUNT; f++) {
        const struct field_info *fi = checkin_field_info((enum checkin_field)f);
        if (fi->hidden)
            continue;
        char word[32];
        snprintf(word, sizeof word, "%s", fi->option);
        for (char *dash = strchr(word, '-'); dash; dash = strchr(dash, '-'))
            *dash = ' ';
        strbuf_printf(&sb, "%s %d %s", n++ ? "," : "", f + 1, word);
    }
    snprintf(toggle_help, sizeof toggle_help, "%s", strbuf_str(&sb));
    strbuf_free(&sb);
}

static int shown_index(const struct trends_state *s, int key)
{
    for (int k = 0; k < s->nshown; k++)
        if (s->shown[k] == key)
            return k;
    return -1;
}

/* Adds a field to those shown, keeping key order (values are filled
 * again by the caller). */
static void show_key(struct trends_state *s, int key)
{
    int at = s->nshown;
    while (at > 0 && s->shown[at - 1] > key) {
        s->shown[at] = s->shown[at - 1];
        at--;
    }
    s->shown[at] = key;
    s->nshown++;
    s->chosen = key;
}

static void hide_key(struct trends_state *s, int key)
{
    int k = shown_index(s, key);
    if (k < 0)
        return;
    free(s->values[k]);
    memmove(&s->shown[k], &s->shown[k + 1],
            (size_t)(s->nshown - k - 1) * sizeof s->shown[0]);
    memmove(&s->values[k], &s->values[k + 1],
            (size_t)(s->nshown - k - 1) * sizeof s->values[0]);
    s->values[--s->nshown] = NULL;
}

/* Pain and fatigue, or the first fields offered when those are hidden. */
static void show_first(struct trends_state *s)
{
    for (int key = CF_PAIN - 1; s->nshown < 2;) {
        key = field_next_visible(key, 1);
        if (key == FIELD_NONE || shown_index(s, key) >= 0)
            break;
        show_key(s, key);
    }
    if (s->nshown == 0)
        show_key(s, CF_PAIN);
}

static void *trends_open(struct app *app)
{
    if (!toggle_help[0])
        fill_toggle_help();
    struct trends_state *s = xcalloc(1, sizeof *s);
    show_first(s);
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
    for (int k = 0; k < s->nshown; k++)
        free(s->values[k]);
    free(s->days);
    free(s);
}

static void trends_resume(void *state, struct app *app)
{
    load(state, app); /* a day may have been changed meanwhile */
}

/* Whether the fields shown, with `add` in place of `drop` (FIELD_NONE:
 * nothing dropped), fit a chart's two scales. */
static bool scales_fit_with(const struct trends_state *s, int add, int drop)
{
    struct chart_series series[CHART_MAX_SERIES + 1];
    int n = 0;
    for (int k = 0; k < s->nshown; k++)
        if (s->shown[k] != drop)
            series[n++] = (struct chart_series){
                (enum checkin_field)s->shown[k], NULL};
    series[n++] = (struct chart_series){(enum checkin_field)add, NULL};
    return chart_scales_fit(series, n);
}

/* Whether field f can be shown beside those shown; says why not. */
static bool can_show(const struct trends_state *s, struct app *app, int f)
{
    const struct field_info *fi = checkin_field_info((enum checkin_field)f);
    if (fi->hidden)
        app_message(app, ST_DIM, "%s is hidden (ache fields show %s "
                                 "offers it again).",
                    fi->label, fi->option);
    else if (s->nshown == CHART_MAX_SERIES)
        app_message(app, ST_WARN, "At most %d fields at once: hide one "
                                  "first.",
                    CHART_MAX_SERIES);
    else if (!scales_fit_with(s, f, FIELD_NONE))
        app_message(app, ST_WARN, "A chart has two scales: hide a field of "
                                  "another kind first.");
    else
        return true;
    return false;
}

static void toggle_field(struct trends_state *s, struct app *app, int f)
{
    bool shown = shown_index(s, f) >= 0;
    if (shown && s->nshown == 1) {
        app_message(app, ST_DIM, "At least one field stays shown.");
    } else if (shown) {
        hide_key(s, f);
    } else if (can_show(s, app, f)) {
        show_key(s, f);
        fill_values(s, app); /* the new field's values */
    }
}

/* f and F: the field chosen last (or the last shown) gives way to the
 * next field offered that is not shown and fits the chart's scales. */
static void swap_field(struct trends_state *s, struct app *app, int dir)
{
    int from = shown_index(s, s->chosen) >= 0 ? s->chosen
                                              : s->shown[s->nshown - 1];
    int key = from;
    for (size_t tries = 0; tries < fields_count(); tries++) {
        key = field_next_visible(key, dir);
        if (key == FIELD_NONE || key == from)
            break;
        if (shown_index(s, key) >= 0 || !scales_fit_with(s, key, from))
            continue;
        hide_key(s, from);
        show_key(s, key);
        fill_values(s, app);
        return;
    }
    app_message(app, ST_DIM, "No other field to show in its place.");
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

/* The chart's description for the fields shown. */
static void fill_spec(const struct trends_state *s, const struct app *app,
                      struct chart_series series[CHART_MAX_SERIES],
                      struct chart_spec *spec)
{
    for (int k = 0; k < s->nshown; k++)
        series[k] = (struct chart_series){(enum checkin_field)s->shown[k],
                                          s->values[k]};
    /* Colour tells series apart; without it (NO_COLOR, a monochrome
     * terminal) weight and underline are too subtle, so each series gets
     * its mark, as `ache chart` draws in plain text. */
    bool monochrome = app->term && term_colors(app->term) == TERM_COLORS_NONE;
    *spec = (struct chart_spec){s->first, (int)s->ndays, series, s->nshown,
                                s->avg, s->spread, app->utf8, s->cursor,
                                monochrome};
}

/* The cursor moves a day, or to the next column's days when days are
 * grouped into columns. */
static void move_cursor(struct trends_state *s, struct app *app, int dir)
{
    int w = app->grid->w;
    struct chart_series series[CHART_MAX_SERIES];
    struct chart_spec spec;
    fill_spec(s, app, series, &spec);
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

/* The keys that choose the fields shown: 1-8, f and F. */
static unsigned field_request(struct trends_state *s, struct app *app,
                              enum request r, int key)
{
    if (r == REQ_TOGGLE)
        toggle_field(s, app, key - '1');
    else
        swap_field(s, app, r == REQ_FIELD ? 1 : -1);
    return H_HANDLED;
}

static unsigned trends_request(struct trends_state *s, struct app *app,
                               enum request r, int key)
{
    if (r == REQ_TOGGLE || r == REQ_FIELD || r == REQ_PREV_FIELD)
        return field_request(s, app, r, key);
    switch (r) {
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
        fill_spec(s, app, series, &spec);
        ache_day day = chart_day_at(&spec, app->grid->w, ev->x);
        if (day < 0)
            return H_IGNORED;
        s->cursor = day;
        return H_HANDLED;
    }
    return trends_request(s, app, binding_lookup(trends_bindings, ev->key),
                          ev->key);
}

/* A day's mean as the readout shows it: "5.5"; a count or minutes whole
 * when it is ("3", "2.5"); yes/no "yes", "no" or the share of yes
 * ("50% yes") when the day's check-ins differ. */
static void format_mean(enum checkin_field f, double v, char *out,
                        size_t size)
{
    enum field_kind kind = checkin_field_info(f)->kind;
    if (kind == FIELD_YESNO && (v == 0 || v == 1))
        snprintf(out, size, "%s", v == 1 ? "yes" : "no");
    else if (kind == FIELD_YESNO)
        snprintf(out, size, "%.0f%% yes", v * 100);
    else if ((kind == FIELD_TALLY || kind == FIELD_MINUTES) &&
             v == (double)(long)v)
        snprintf(out, size, "%ld", (long)v);
    else
        snprintf(out, size, "%.1f", v);
}

/* "Tue 17 Nov 2026: pain 6.0 fatigue 5.5" under the chart. */
static void draw_readout(const struct trends_state *s, struct grid *g, int y)
{
    int yy, mm, dd;
    date_to_ymd(s->cursor, &yy, &mm, &dd);
    int x = 1 + grid_printf(g, 1, y, ST_FOCUS, "%s %d %s %d:",
                            date_weekday_abbr(date_weekday(s->cursor)), dd,
                            date_month_abbr(mm), yy);
    size_t i = (size_t)(s->cursor - s->first);
    for (int k = 0; k < s->nshown; k++) {
        enum checkin_field f = (enum checkin_field)s->shown[k];
        const char *label = checkin_field_info(f)->option;
        char value[32];
        if (s->values[k][i] < 0) {
            x += grid_printf(g, x, y, ST_ABSENT, " %s –", label);
            continue;
        }
        format_mean(f, s->values[k][i], value, sizeof value);
        x += grid_printf(g, x, y, chart_series_style(k), " %s %s", label,
                         value);
    }
    if (s->days[i].checkins == 0)
        grid_text(g, x + 2, y, "(no check-in)", ST_DIM, -1);
}

static void trends_draw(void *state, struct app *app, struct grid *g,
                        int *cx, int *cy)
{
    struct trends_state *s = state;
    struct chart_series series[CHART_MAX_SERIES];
    struct chart_spec spec;
    fill_spec(s, app, series, &spec);
    char a[DATE_BUF], b[DATE_BUF];
    grid_printf(g, 1, 0, ST_TITLE, "Trends: %s, %s to %s",
                ranges[s->range].name, date_format(s->first, a),
                date_format(s->last, b));
    grid_fill(g, 0, 1, g->w, 1, app->gl->hline, ST_DIM);
    int chart_h = g->h - CHART_TOP - BOTTOM_ROWS;
    chart_draw(g, 0, CHART_TOP, g->w, chart_h, &spec);
    draw_readout(s, g, g->h - 3);
    /* The terminal's cursor at the top of the cursor's line (screen
     * readers follow it): the plot begins under the chart's legend row. */
    int col = chart_column_of(&spec, g->w, s->cursor);
    *cx = *cy = -1;
    if (col >= 0 && chart_h > 3) {
        *cx = col;
        *cy = CHART_TOP + 1;
    }
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
