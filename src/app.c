/* app: the full-screen loop, the help screen, the status line and the
 * "terminal too small" screen. Handlers return flags; drawing happens in
 * one place, once per change. */
#include "ache/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/store.h"
#include "ache/term.h"
#include "ache/text.h"
#include "ache/util.h"

/* A key press waits at most this long for another writer; then the change
 * is kept and retried in the background (see checkin_screen_save). */
#define APP_BUSY_TIMEOUT_MS 250

/* Keys every screen shares (after the screen had its chance). */
static const struct binding global_bindings[] = {
    {'?', REQ_HELP, "?", NULL, "show the keys of this screen", "help"},
    {TK_F1, REQ_HELP, NULL, NULL, NULL, NULL},
    {'c', REQ_SCREEN_CALENDAR, "c", NULL, "the calendar", NULL},
    {'g', REQ_SCREEN_TRENDS, "g", NULL, "the trend charts (graphs)", NULL},
    {'i', REQ_SCREEN_INSIGHTS, "i", NULL, "insights: flares, triggers, "
     "treatments, pacing", NULL},
    {'d', REQ_SCREEN_CHECKIN, "d", NULL, "the selected day's check-in",
     NULL},
    {TK_ESC, REQ_BACK, "Esc", NULL, "back to the screen before", NULL},
    {'q', REQ_QUIT, "q", NULL, "quit (everything is already saved)", "quit"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

enum request binding_lookup(const struct binding *table, int key)
{
    for (const struct binding *b = table; b->req != REQ_NONE; b++)
        if (b->key == key)
            return b->req;
    return REQ_NONE;
}

/* Bytes a..b of text from x, at most room columns; the columns drawn. */
static int draw_bytes(struct grid *g, int x, int y, const char *text,
                      size_t a, size_t b, enum style st, int room)
{
    if (a >= b || room <= 0)
        return 0;
    char *piece = xstrndup(text + a, b - a);
    int cols = grid_text(g, x, y, piece, st, room);
    free(piece);
    return cols;
}

int app_draw_marked(struct grid *g, int x, int y, int room,
                    const struct app_marked *m, int *first)
{
    size_t at = m->from;
    int col = 0;
    if (first)
        *first = -1;
    for (size_t i = 0; i < m->nspans && m->spans[i].start < m->to; i++) {
        size_t a = m->spans[i].start > at ? m->spans[i].start : at;
        size_t b = m->spans[i].end < m->to ? m->spans[i].end : m->to;
        col += draw_bytes(g, x + col, y, m->text, at, a, ST_NORMAL,
                          room - col);
        if (first && *first < 0 && col < room)
            *first = x + col;
        col += draw_bytes(g, x + col, y, m->text, a, b, ST_CURSOR,
                          room - col);
        at = b > at ? b : at;
    }
    return col + draw_bytes(g, x + col, y, m->text, at, m->to, ST_NORMAL,
                            room - col);
}

bool app_line_edit(char *text, size_t size, int key)
{
    size_t len = strlen(text);
    if (key == TK_BACKSPACE) {
        if (len > 0)
            text[utf8_prev(text, len)] = '\0';
        return true;
    }
    if (key < ' ' || key >= TK_BASE || key == 0x7f ||
        text_cp_is_control((uint32_t)key) ||
        text_cp_is_bidi_override((uint32_t)key))
        return false;
    char enc[4];
    size_t n = utf8_encode((uint32_t)key, enc);
    if (len + n < size) {
        memcpy(text + len, enc, n);
        text[len + n] = '\0';
    }
    return true;
}

void app_message(struct app *app, enum style st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_style = st;
}

void app_unsaved(struct app *app, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->unsaved, sizeof app->unsaved, fmt, ap);
    va_end(ap);
}

static const char *binding_label(const struct app *app,
                                 const struct binding *b)
{
    return !app->utf8 && b->ascii_label ? b->ascii_label : b->label;
}

/* The width of a status pair: "key word  ". */
static int pair_width(const struct binding *b)
{
    const char *key = b->ascii_label ? b->ascii_label : b->label;
    return (int)text_width(key, strlen(key)) + 1 +
           (int)text_width(b->status, strlen(b->status)) + 2;
}

/* Appends "key word" pairs of a table to the status line from x on, as
 * many as fit before `limit`; the short (ASCII) key names keep it brief. */
static int status_pairs(struct grid *g, int x, int y,
                        const struct binding *table, int limit)
{
    for (const struct binding *b = table; b->req != REQ_NONE; b++) {
        if (!b->status || !b->label)
            continue;
        if (x + pair_width(b) - 2 > limit)
            break;
        x += grid_text(g, x, y, b->ascii_label ? b->ascii_label : b->label,
                       ST_STATUS_KEY, -1) + 1;
        x += grid_text(g, x, y, b->status, ST_STATUS, -1) + 2;
    }
    return x;
}

/* The status line: the screen's own keys, as many as fit beside help and
 * quit (the screens' keys are in the separator line, see draw_tabs). */
static void draw_status_of(struct grid *g, int y, const struct binding *table,
                           bool panel)
{
    grid_fill(g, 0, y, g->w, 1, ' ', ST_STATUS);
    if (panel) {
        /* a panel that takes every key: its own keys only */
        status_pairs(g, 1, y, table, g->w - 1);
        return;
    }
    int right_w = 0;
    for (const struct binding *b = global_bindings; b->req != REQ_NONE; b++)
        if (b->status)
            right_w += pair_width(b);
    status_pairs(g, 1, y, table, g->w - right_w - 1);
    status_pairs(g, g->w - right_w + 1, y, global_bindings, g->w);
}

void app_draw_status(struct app *app, struct grid *g, int y,
                     const struct binding *table)
{
    draw_status_of(g, y, table, table != app->screen->bindings);
}

/* The lines of the help screen below its title: the screen's own keys,
 * then those every screen shares, then a word on saving. A NULL label is
 * a line of text alone. */
/* A line of the help screen: a key's label and what it does, or a line of
 * text alone (label NULL). A wrapped line goes on under an empty label. */
struct help_line {
    const char *label, *text;
    size_t len; /* of text, once wrapped */
};

static size_t help_lines(struct app *app, const struct binding *table,
                         struct help_line *out, size_t cap)
{
    size_t n = 0;
    const struct binding *tables[2] = {table, global_bindings};
    for (int t = 0; t < 2; t++) {
        if (t == 1 && n < cap) {
            out[n++] = (struct help_line){.text = ""};
            if (n < cap)
                out[n++] = (struct help_line){.text = "Everywhere:"};
        }
        for (const struct binding *b = tables[t]; b->req != REQ_NONE; b++)
            if (b->label && b->help && n < cap)
                out[n++] = (struct help_line){.label = binding_label(app, b),
                                              .text = b->help};
    }
    if (n + 1 < cap) {
        out[n++] = (struct help_line){.text = ""};
        out[n++] = (struct help_line){
            .text = "Every change is saved the moment you make it."};
    }
    return n;
}

#define HELP_LINES_MAX 64
#define HELP_ROWS_MAX (2 * HELP_LINES_MAX)

/* How much of text[0..len) goes on a row of `cols` columns: up to the last
 * space that fits, or as much as fits when no space does. */
static size_t help_fit(const char *text, size_t len, int cols)
{
    size_t fit = text_fit(text, len, cols > 0 ? (size_t)cols : 0, NULL);
    if (fit == len)
        return len;
    for (size_t i = fit; i > 0; i--)
        if (text[i] == ' ')
            return i;
    return fit ? fit : utf8_next(text, len, 0);
}

/* The help's lines as rows of the screen: what a key does wraps onto the
 * rows below instead of being cut at the screen's edge. */
static size_t help_rows(const struct help_line *lines, size_t n, int cols,
                        struct help_line *rows, size_t cap)
{
    size_t m = 0;
    for (size_t i = 0; i < n && m < cap; i++) {
        const char *text = lines[i].text, *label = lines[i].label;
        size_t len = strlen(text);
        do {
            size_t take = label ? help_fit(text, len, cols) : len;
            rows[m++] = (struct help_line){label, text, take};
            for (text += take, len -= take; len && *text == ' '; len--)
                text++;
            label = "";
        } while (lines[i].label && len && m < cap);
    }
    return m;
}

/* Rows 3 to h-2 show the lines from app->help_scroll on; j/k scroll them
 * when they do not all fit (app_handle). */
static void app_draw_help(struct app *app, struct grid *g,
                          const struct binding *table)
{
    struct help_line lines[HELP_LINES_MAX], wrapped[HELP_ROWS_MAX];
    size_t n = help_lines(app, table, lines, HELP_LINES_MAX);
    n = help_rows(lines, n, g->w - 24, wrapped, HELP_ROWS_MAX);
    int rows = g->h - 4;
    app->help_more = (int)n > rows;
    if (app->help_scroll > (int)n - rows)
        app->help_scroll = (int)n > rows ? (int)n - rows : 0;
    grid_printf(g, 2, 1, ST_TITLE, "Keys of the %s screen",
                app->screen->name);
    for (int i = 0; i < rows && app->help_scroll + i < (int)n; i++) {
        const struct help_line *l = &wrapped[app->help_scroll + i];
        char text[256];
        snprintf(text, sizeof text, "%.*s", (int)l->len, l->text);
        if (!l->label)
            grid_text(g, 2, 3 + i, text, ST_DIM, g->w - 4);
        else {
            grid_text(g, 4, 3 + i, l->label, ST_STATUS_KEY, 16);
            grid_text(g, 22, 3 + i, text, ST_NORMAL, g->w - 24);
        }
    }
    grid_text(g, 2, g->h - 1,
              app->help_more ? "j/k or arrows: more keys; any other key: "
                               "back"
                             : "Press any key to go back.",
              ST_DIM, -1);
}

static void draw_too_small(struct app *app, struct grid *g)
{
    char need[64], now[64];
    snprintf(need, sizeof need, "need %dx%d", app->screen->min_w,
             app->screen->min_h);
    snprintf(now, sizeof now, "now %dx%d", g->w, g->h);
    const char *lines[] = {"terminal too small", need, now,
                           "enlarge it, or press q"};
    int n = (int)(sizeof lines / sizeof lines[0]);
    if (g->h < n) {
        grid_printf(g, 0, 0, ST_WARN, "too small: %s", need);
        return;
    }
    int top = (g->h - n) / 2;
    for (int i = 0; i < n; i++) {
        int w = (int)text_width(lines[i], strlen(lines[i]));
        int x = w < g->w ? (g->w - w) / 2 : 0;
        grid_text(g, x, top + i, lines[i], i == 0 ? ST_WARN : ST_NORMAL, -1);
    }
}

static bool too_small(const struct app *app)
{
    return app->grid->w < app->screen->min_w ||
           app->grid->h < app->screen->min_h;
}

/* The screens, one key each, named in the separator line under every
 * screen's header (the status line has no room for them at 80 columns). */
static const struct {
    const char *key, *name;
    const struct screen_ops *ops;
} tabs[] = {{"d", "day", &checkin_screen},
            {"c", "calendar", &calendar_screen},
            {"g", "trends", &trends_screen},
            {"i", "insights", &insights_screen}};

static void draw_tabs(const struct app *app, struct grid *g)
{
    int n = (int)(sizeof tabs / sizeof tabs[0]), width = 1;
    for (int i = 0; i < n; i++)
        width += (int)(strlen(tabs[i].key) + strlen(tabs[i].name)) + 4;
    int x = g->w - width - 1;
    if (x < g->w / 3 || g->h < 3)
        return;
    for (int i = 0; i < n; i++) {
        bool here = tabs[i].ops == app->screen;
        enum style st = here ? ST_CURSOR : ST_DIM;
        x += grid_text(g, x, 1, " ", ST_NORMAL, -1);
        x += grid_text(g, x, 1, tabs[i].key, here ? st : ST_STATUS_KEY, -1);
        x += grid_printf(g, x, 1, st, " %s", tabs[i].name);
        x += grid_text(g, x, 1, " ", ST_NORMAL, -1);
    }
}

static const struct binding *bindings_in_force(const struct app *app)
{
    if (app->screen->bindings_now)
        return app->screen->bindings_now(app->state);
    return app->screen->bindings;
}

/* The status line: the keys in force, or those the screen names for
 * where its focus is. */
static void draw_status_line(struct app *app, struct grid *g, int y)
{
    const struct binding *table = bindings_in_force(app);
    if (table == app->screen->bindings && app->screen->status_now)
        draw_status_of(g, y, app->screen->status_now(app->state), false);
    else
        app_draw_status(app, g, y, table);
}

static void app_redraw(struct app *app)
{
    int w, h, cx = -1, cy = -1;
    term_size(app->term, &w, &h);
    if (w != app->grid->w || h != app->grid->h)
        grid_resize(app->grid, w, h);
    else
        grid_clear(app->grid);
    struct grid *g = app->grid;
    if (too_small(app)) {
        draw_too_small(app, g);
    } else if (app->help_open) {
        app_draw_help(app, g, bindings_in_force(app));
    } else {
        app->screen->draw(app->state, app, g, &cx, &cy);
        draw_tabs(app, g);
        if (app->message[0])
            grid_text(g, 1, h - 2, app->message, app->message_style,
                      w - 2);
        draw_status_line(app, g, h - 1);
    }
    term_draw(app->term, g, cx, cy);
}

void app_push(struct app *app, const struct screen_ops *ops, ache_day day)
{
    app->open_day = day;
    if (app->depth == APP_STACK_MAX) {
        app->screen->close(app->state, app);
        app->screen = ops;
        app->state = ops->open(app);
        return;
    }
    app->below[app->depth] = app->screen;
    app->below_state[app->depth] = app->state;
    app->depth++;
    app->screen = ops;
    app->state = ops->open(app);
}

/* Closes the top screen and returns to the one below (if any). */
static bool app_pop(struct app *app)
{
    if (app->depth == 0)
        return false;
    app->screen->close(app->state, app);
    app->depth--;
    app->screen = app->below[app->depth];
    app->state = app->below_state[app->depth];
    if (app->screen->resume)
        app->screen->resume(app->state, app);
    return true;
}

static bool in_stack(const struct app *app, const struct screen_ops *ops)
{
    for (int i = 0; i < app->depth; i++)
        if (app->below[i] == ops)
            return true;
    return false;
}

/* Goes to a screen: back down to it when it is below (so each screen is
 * open once), else on top of the current one; when the stack is full the
 * top screen gives way. */
static unsigned app_goto(struct app *app, const struct screen_ops *ops)
{
    if (app->screen == ops)
        return H_IGNORED;
    if (in_stack(app, ops)) {
        while (app->screen != ops)
            app_pop(app);
        return H_REDRAW;
    }
    app_push(app, ops, app->open_day);
    return H_REDRAW;
}

/* On the help screen: j/k and the wheel scroll it when it is longer
 * than the terminal; a click or any other key goes back. */
static unsigned help_key(struct app *app, const struct term_event *ev)
{
    int key = ev->key;
    if (key == TK_MOUSE && ev->wheel && !app->help_more)
        return H_IGNORED; /* nothing to scroll: a wheel does not close it */
    int step = key == TK_MOUSE              ? ev->wheel * APP_WHEEL_LINES
               : key == 'j' || key == TK_DOWN ? 1
               : key == 'k' || key == TK_UP ? -1
               : key == TK_PGDN             ? 10
               : key == TK_PGUP             ? -10
                                            : 0;
    if (!step || !app->help_more) {
        app->help_open = false;
        app->help_scroll = 0;
        return H_REDRAW;
    }
    app->help_scroll += step;
    if (app->help_scroll < 0)
        app->help_scroll = 0;
    return H_REDRAW;
}

static unsigned app_handle(struct app *app, const struct term_event *ev)
{
    if (app->help_open)
        return help_key(app, ev);
    if (too_small(app))
        return ev->key == 'q' ? H_QUIT : H_IGNORED;
    app->message[0] = '\0';
    unsigned flags = app->screen->handle(app->state, app, ev);
    if (flags & (H_HANDLED | H_QUIT))
        return flags | H_REDRAW;
    switch (binding_lookup(global_bindings, ev->key)) {
    case REQ_HELP:
        app->help_open = true;
        return H_REDRAW;
    case REQ_QUIT:
        return H_QUIT;
    case REQ_SCREEN_CALENDAR:
        return app_goto(app, &calendar_screen) | H_REDRAW;
    case REQ_SCREEN_CHECKIN:
        return app_goto(app, &checkin_screen) | H_REDRAW;
    case REQ_SCREEN_TRENDS:
        return app_goto(app, &trends_screen) | H_REDRAW;
    case REQ_SCREEN_INSIGHTS:
        return app_goto(app, &insights_screen) | H_REDRAW;
    case REQ_BACK:
        app_pop(app);
        return H_REDRAW;
    default:
        return H_REDRAW; /* the message line may have been cleared */
    }
}

static unsigned app_tick(struct app *app)
{
    return app->screen->tick ? app->screen->tick(app->state, app) : 0;
}

static void app_loop(struct app *app)
{
    bool dirty = true;
    for (;;) {
        if (dirty)
            app_redraw(app);
        int timeout = app->screen->tick_after
                          ? app->screen->tick_after(app->state)
                          : -1;
        struct term_event ev;
        term_read(app->term, timeout, &ev);
        unsigned flags;
        if (ev.key == TK_INTERRUPT)
            break; /* the screens save what they hold as they close */
        if (ev.key == TK_TIMEOUT)
            flags = app_tick(app);
        else if (ev.key == TK_RESIZE)
            flags = H_REDRAW;
        else
            flags = app_handle(app, &ev);
        if (flags & H_QUIT)
            break;
        dirty = (flags & H_REDRAW) != 0;
    }
}

/* ---- a damaged diary ------------------------------------------------------ */

/* What to do about a damaged diary, on the screen and after it. */
#define DAMAGED_ADVICE                                                      \
    "`ache recover NEW.db` saves what can still be read; then use NEW.db " \
    "(or restore a backup)"

static void draw_damaged(struct app *app)
{
    int w, h;
    term_size(app->term, &w, &h);
    if (w != app->grid->w || h != app->grid->h)
        grid_resize(app->grid, w, h);
    else
        grid_clear(app->grid);
    struct grid *g = app->grid;
    static const char *const lines[] = {
        "Nothing you type is written to it: you could not read it back.",
        "",
        "To save what can still be read into a new diary, quit and run",
        "    ache recover NEW.db",
        "then use the new diary (ache --db NEW.db), or restore a backup.",
        "`ache check` says what is damaged."};
    grid_text(g, 2, 1, "This diary is damaged", ST_ERROR, w - 4);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        grid_text(g, 2, 3 + (int)i, lines[i], ST_NORMAL, w - 4);
    grid_text(g, 1, h - 2, app->message, app->message_style, w - 2);
    grid_fill(g, 0, h - 1, w, 1, ' ', ST_STATUS);
    int x = 1 + grid_text(g, 1, h - 1, "q", ST_STATUS_KEY, -1);
    grid_text(g, x + 1, h - 1, "quit", ST_STATUS, -1);
    term_draw(app->term, g, -1, -1);
}

/* Instead of the check-in screen: what happened and what to do, until q
 * (or Esc, or Ctrl-C). Nothing can be typed into the diary. */
static void damaged_loop(struct app *app)
{
    for (;;) {
        draw_damaged(app);
        struct term_event ev;
        term_read(app->term, -1, &ev);
        if (ev.key == 'q' || ev.key == TK_ESC || ev.key == TK_INTERRUPT)
            return;
    }
}

int app_run(struct store *store, const struct app_start *start)
{
    ache_day today = start->today;
    struct app app = {.store = store, .today = today,
                      .week_start = start->week_start};
    struct ache_err err = {{0}}, check = {{0}};
    /* at most once a day: a diary that cannot be read back takes no
     * more typing */
    enum ache_status damage = store_check_daily(store, today, NULL, &check);
    if (term_open(&app.term, &err) != ACHE_OK) {
        fprintf(stderr, "ache: %s\n", err.msg);
        return 1;
    }
    store_set_busy_timeout(store, APP_BUSY_TIMEOUT_MS);
    app.utf8 = term_utf8(app.term);
    app.gl = glyphs_get(app.utf8);
    int w, h;
    term_size(app.term, &w, &h);
    app.grid = grid_new(w, h);
    if (damage == ACHE_ERR_REFUSED) {
        app_message(&app, ST_ERROR, "%s: nothing can be written to it",
                    check.msg);
        damaged_loop(&app);
        grid_free(app.grid);
        term_close(app.term);
        fprintf(stderr, "ache: %s: nothing was written. " DAMAGED_ADVICE "\n",
                check.msg);
        return 1;
    }
    app.screen = &checkin_screen;
    app.open_day = today;
    app.state = app.screen->open(&app);
    if (start->notice)
        app_message(&app, ST_WARN, "%s", start->notice);
    else if (start->welcome)
        app_message(&app, ST_TITLE, "%s", start->welcome);
    else if (damage)
        app_message(&app, ST_WARN, "Could not check the diary for damage: %s",
                    check.msg);
    app_loop(&app);
    while (app_pop(&app))
        ;
    app.screen->close(app.state, &app);
    grid_free(app.grid);
    term_close(app.term);
    if (app.unsaved[0]) {
        fprintf(stderr, "ache: %s\n", app.unsaved);
        return 1;
    }
    return 0;
}
