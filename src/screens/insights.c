/* The insights screen: the text of `ache insights` (flares, tags that went
 * with symptoms, treatment trials, boom and bust, weekly WPI and symptom
 * severity) for a chosen period, in a pager. The numbers are computed once
 * per period (the permutation tests take a moment), never per key. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/app.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/period.h"
#include "ache/report.h"
#include "ache/store.h"
#include "ache/term.h"
#include "ache/util.h"

static const struct {
    const char *name;
    int days;
} periods[] = {{"the last 30 days", 30},
               {"the last 90 days", 90},
               {"the last year", 365},
               {"everything", 0}};
#define PERIOD_COUNT ((int)(sizeof periods / sizeof periods[0]))

struct insights_state {
    int period;
    char *text;     /* the insights, lines separated by '\n' */
    int lines;
    int top;        /* the first line shown */
};

static const struct binding insights_bindings[] = {
    {'j', REQ_NEXT_FIELD, "j/k ↓/↑", "j/k", "scroll a line", "scroll"},
    {TK_DOWN, REQ_NEXT_FIELD, NULL, NULL, NULL, NULL},
    {'k', REQ_PREV_FIELD, NULL, NULL, NULL, NULL},
    {TK_UP, REQ_PREV_FIELD, NULL, NULL, NULL, NULL},
    {' ', REQ_NEXT_MONTH, "Space PgDn", "Space", "scroll a page down",
     "page"},
    {TK_PGDN, REQ_NEXT_MONTH, NULL, NULL, NULL, NULL},
    {TK_PGUP, REQ_PREV_MONTH, "PgUp", NULL, "scroll a page up", NULL},
    {TK_HOME, REQ_START, "Home End", NULL, "the top / the end", NULL},
    {TK_END, REQ_END, NULL, NULL, NULL, NULL},
    {'r', REQ_RANGE, "r", NULL, "period: 30 days, 90 days, a year, "
     "everything", "period"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

static int count_lines(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n + (text[0] && text[strlen(text) - 1] != '\n');
}

/* Reads what the period needs (period_read: the weeks before it for
 * flares, the first use of a treatment for its trial) and computes. A
 * diary that cannot be read shows why instead. */
static void compute(struct insights_state *s, struct app *app)
{
    struct period_data data = {0};
    struct ache_err err = {{0}};
    ache_day first = app->today, last = app->today;
    bool empty = true;
    int days = periods[s->period].days;
    enum ache_status st =
        store_date_span(app->store, &first, &last, &empty, &err);
    struct report_input in = {
        .first = days ? app->today - days + 1 : (empty ? app->today : first),
        .last = app->today, .prepared = app->today};
    if (st == ACHE_OK)
        st = period_read(app->store, &in, &data, &err);
    free(s->text);
    s->text = st == ACHE_OK ? report_insights(&in, app->utf8)
                            : xasprintf("The diary could not be read: %s\n",
                                        err.msg);
    s->lines = count_lines(s->text);
    s->top = 0;
    period_data_free(&data);
}

static void *insights_open(struct app *app)
{
    struct insights_state *s = xcalloc(1, sizeof *s);
    s->period = 1;
    compute(s, app);
    return s;
}

static void insights_close(void *state, struct app *app)
{
    struct insights_state *s = state;
    (void)app;
    free(s->text);
    free(s);
}

static void insights_resume(void *state, struct app *app)
{
    compute(state, app); /* check-ins may have changed meanwhile */
}

/* Rows the text may use: between the header and the message line. */
static int page_rows(const struct app *app)
{
    return app->grid->h - 4;
}

static void scroll(struct insights_state *s, struct app *app, int by)
{
    int max_top = s->lines - page_rows(app);
    s->top += by;
    if (s->top > max_top)
        s->top = max_top;
    if (s->top < 0)
        s->top = 0;
}

static unsigned insights_handle(void *state, struct app *app,
                                const struct term_event *ev)
{
    struct insights_state *s = state;
    int page = page_rows(app) - 1;
    if (ev->key == TK_MOUSE && ev->wheel) {
        scroll(s, app, ev->wheel * APP_WHEEL_LINES);
        return H_HANDLED;
    }
    switch (binding_lookup(insights_bindings, ev->key)) {
    case REQ_NEXT_FIELD:
    case REQ_PREV_FIELD:
        scroll(s, app, ev->key == 'j' || ev->key == TK_DOWN ? 1 : -1);
        return H_HANDLED;
    case REQ_NEXT_MONTH:
    case REQ_PREV_MONTH:
        scroll(s, app, ev->key == TK_PGUP ? -page : page);
        return H_HANDLED;
    case REQ_START:
    case REQ_END:
        scroll(s, app, ev->key == TK_HOME ? -s->lines : s->lines);
        return H_HANDLED;
    case REQ_RANGE:
        s->period = (s->period + 1) % PERIOD_COUNT;
        compute(s, app);
        return H_HANDLED;
    default:
        return H_IGNORED;
    }
}

static void insights_draw(void *state, struct app *app, struct grid *g,
                          int *cx, int *cy)
{
    struct insights_state *s = state;
    grid_printf(g, 1, 0, ST_TITLE, "Insights: %s", periods[s->period].name);
    if (s->lines > page_rows(app))
        grid_printf(g, g->w - 16, 0, ST_DIM, "line %d of %d", s->top + 1,
                    s->lines);
    grid_fill(g, 0, 1, g->w, 1, app->gl->hline, ST_DIM);
    const char *p = s->text;
    for (int skip = 0; skip < s->top && *p; skip++)
        p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
    for (int row = 2; row < 2 + page_rows(app) && *p; row++) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len);
        grid_text(g, 1, row, line, ST_NORMAL, g->w - 2);
        free(line);
        p += len + (p[len] == '\n');
    }
    *cx = *cy = -1;
}

const struct screen_ops insights_screen = {
    .name = "insights",
    .min_w = 60,
    .min_h = 12,
    .open = insights_open,
    .close = insights_close,
    .resume = insights_resume,
    .draw = insights_draw,
    .handle = insights_handle,
    .bindings = insights_bindings,
};
