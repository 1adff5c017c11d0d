/* The insights screen: the text of `ache insights` (flares, tags that went
 * with symptoms, treatment trials, boom and bust, weekly WPI and symptom
 * severity) for a chosen period, in a pager. The numbers are computed once
 * per period (the permutation tests take a moment), never per key.
 *
 * s searches the text as the calendar searches notes (the shared matcher
 * of store.h: every word typed, in any case, on one line): Enter scrolls
 * to the first line found from the top of the page, n and N to the next
 * and previous one; they stop at either end and say so rather than wrap,
 * as the calendar's do. The words are reversed wherever they show. */
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
#include "ache/text.h"
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
    size_t *starts; /* where each line of text starts */
    int lines;
    int top;        /* the first line shown */
    bool search_open;
    char search_text[64];
    char searched[64];            /* the words of `search`, as typed */
    struct store_matcher *search; /* the last search, or NULL */
    int found;                    /* the line found last, or -1 */
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
    {'s', REQ_SEARCH, "s", NULL, "search the text (every word typed must "
     "be on the line)", "search"},
    {'n', REQ_SEARCH_NEXT, "n N", NULL, "the next / previous line found",
     NULL},
    {'N', REQ_SEARCH_PREV, NULL, NULL, NULL, NULL},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

/* Splits the text into lines once, for drawing and searching. */
static void index_lines(struct insights_state *s)
{
    int n = 0;
    for (const char *p = s->text; *p; p++)
        n += *p == '\n';
    free(s->starts);
    s->starts = xcalloc((size_t)n + 2, sizeof *s->starts);
    s->lines = 0;
    for (size_t at = 0; s->text[at];) {
        s->starts[s->lines++] = at;
        at += strcspn(s->text + at, "\n");
        at += s->text[at] == '\n';
    }
}

static size_t line_len(const struct insights_state *s, int i)
{
    return strcspn(s->text + s->starts[i], "\n");
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
    index_lines(s);
    s->top = 0;
    s->found = -1;
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
    free(s->starts);
    store_matcher_free(s->search);
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

/* ---- searching the text ---- */

static bool line_found(const struct insights_state *s, int i,
                       const struct store_span **spans, size_t *nspans)
{
    return store_matcher_match(s->search, s->text + s->starts[i],
                               line_len(s, i), spans, nspans);
}

/* The first line from `from` (itself included) in direction dir (+1
 * down, -1 up) holding the words, or -1. */
static int find_line(const struct insights_state *s, int from, int dir)
{
    const struct store_span *sp;
    size_t n;
    for (int i = from; i >= 0 && i < s->lines; i += dir)
        if (line_found(s, i, &sp, &n))
            return i;
    return -1;
}

static bool on_page(const struct insights_state *s, struct app *app, int i)
{
    return i >= s->top && i < s->top + page_rows(app);
}

/* Makes line i the one found, scrolling (with two lines above it for
 * context) only when it is off the page. */
static void show_found(struct insights_state *s, struct app *app, int i)
{
    s->found = i;
    if (!on_page(s, app, i)) {
        s->top = i - 2;
        scroll(s, app, 0);
    }
}

/* Enter in the search line: the first line found from the top of the
 * page down, else from the start of the text. */
static void search_typed(struct insights_state *s, struct app *app)
{
    s->search_open = false;
    store_matcher_free(s->search);
    s->search = store_matcher_new(s->search_text);
    s->found = -1;
    if (!s->search) {
        app_message(app, ST_DIM, "No words: nothing searched.");
        return;
    }
    memcpy(s->searched, s->search_text, sizeof s->searched);
    int i = find_line(s, s->top, 1);
    if (i < 0)
        i = find_line(s, 0, 1);
    if (i < 0) {
        app_message(app, ST_DIM, "No line of these insights has \"%s\".",
                    s->searched);
        store_matcher_free(s->search);
        s->search = NULL;
        return;
    }
    show_found(s, app, i);
    app_message(app, ST_DIM, "\"%s\" found: n the next line, N the "
                "previous.", s->searched);
}

/* n (dir 1) and N (dir -1): from the line found last while it is on the
 * page, else from the page's top (n) or bottom (N). */
static void search_step(struct insights_state *s, struct app *app, int dir)
{
    if (!s->search) {
        app_message(app, ST_DIM, "s searches the text first.");
        return;
    }
    int from = dir > 0 ? s->top : s->top + page_rows(app) - 1;
    if (s->found >= 0 && on_page(s, app, s->found))
        from = s->found + dir;
    if (from >= s->lines)
        from = s->lines - 1 + (dir > 0);
    int i = find_line(s, from, dir);
    if (i >= 0)
        show_found(s, app, i);
    else
        app_message(app, ST_DIM, "No line %s has \"%s\".",
                    dir > 0 ? "below" : "above", s->searched);
}

/* Keys while the search line is open: text, Backspace, Enter, Esc. */
static unsigned search_key(struct insights_state *s, struct app *app, int key)
{
    if (key == TK_ESC)
        s->search_open = false;
    else if (key == TK_ENTER)
        search_typed(s, app);
    else
        app_line_edit(s->search_text, sizeof s->search_text, key);
    return H_HANDLED;
}

/* ---- keys ---- */

static unsigned insights_request(struct insights_state *s, struct app *app,
                                 int key, enum request r)
{
    int page = page_rows(app) - 1;
    switch (r) {
    case REQ_NEXT_FIELD:
    case REQ_PREV_FIELD:
        scroll(s, app, key == 'j' || key == TK_DOWN ? 1 : -1);
        return H_HANDLED;
    case REQ_NEXT_MONTH:
    case REQ_PREV_MONTH:
        scroll(s, app, key == TK_PGUP ? -page : page);
        return H_HANDLED;
    case REQ_START:
    case REQ_END:
        scroll(s, app, key == TK_HOME ? -s->lines : s->lines);
        return H_HANDLED;
    case REQ_RANGE:
        s->period = (s->period + 1) % PERIOD_COUNT;
        compute(s, app);
        return H_HANDLED;
    case REQ_SEARCH:
        s->search_open = true;
        s->search_text[0] = '\0';
        return H_HANDLED;
    case REQ_SEARCH_NEXT:
    case REQ_SEARCH_PREV:
        search_step(s, app, r == REQ_SEARCH_NEXT ? 1 : -1);
        return H_HANDLED;
    default:
        return H_IGNORED;
    }
}

static unsigned insights_handle(void *state, struct app *app,
                                const struct term_event *ev)
{
    struct insights_state *s = state;
    if (s->search_open)
        return search_key(s, app, ev->key);
    if (ev->key == TK_MOUSE && ev->wheel) {
        scroll(s, app, ev->wheel * APP_WHEEL_LINES);
        return H_HANDLED;
    }
    return insights_request(s, app, ev->key,
                            binding_lookup(insights_bindings, ev->key));
}

/* ---- drawing ---- */

/* Line i at row y, the words found in reverse video; the column of the
 * first word found, or -1. */
static int draw_line(const struct insights_state *s, struct grid *g, int i,
                     int y)
{
    const struct store_span *sp = NULL;
    size_t n = 0;
    if (!s->search || !line_found(s, i, &sp, &n))
        n = 0;
    struct app_marked line = {s->text + s->starts[i], 0, line_len(s, i), sp,
                              n};
    int first;
    app_draw_marked(g, 1, y, g->w - 2, &line, &first);
    return first;
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
    *cx = *cy = -1;
    for (int i = s->top; i < s->lines && i < s->top + page_rows(app); i++) {
        int y = 2 + i - s->top, x = draw_line(s, g, i, y);
        if (i == s->found && x >= 0) /* the cursor on the line found */
            *cx = x, *cy = y;
    }
    if (s->search_open) {
        int x = 1 + grid_text(g, 1, g->h - 2, "Search the text (words; "
                                              "Enter finds, Esc cancels): ",
                              ST_WARN, -1);
        *cx = x + grid_text(g, x, g->h - 2, s->search_text, ST_BOLD, -1);
        *cy = g->h - 2;
    }
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
