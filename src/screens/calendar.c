/* The calendar screen: a month (three when the terminal is wide) shaded by
 * a field, the selected week's strip, and the selected day's check-ins.
 * Moving the selection inside the loaded window reads nothing; leaving it
 * reads the new window only (three months and the 28 days before them,
 * which flares need). Any field the screens offer can shade it, a
 * person's own too (f and F go through them); hidden ones are not.
 * s searches the notes as `ache search` does (store_search_notes, every
 * word in the note, no index) and selects the latest day found; n and N
 * go to the next day found back in time and forward. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/app.h"
#include "ache/calendar_draw.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/grid.h"
#include "ache/regions.h"
#include "ache/stats.h"
#include "ache/store.h"
#include "ache/term.h"
#include "ache/text.h"
#include "ache/util.h"

/* The flare baseline looks back this far before the first month shown. */
#define LOOKBACK_DAYS 28
#define WIDE_MONTHS 3
#define PANEL_MIN_W 30

struct calendar_state {
    ache_day selected;
    enum checkin_field field;
    int year, month;               /* the month of the loaded window's centre */
    struct checkin_list items;     /* the window's check-ins */
    struct day_summary *days;      /* the window's days */
    double *means;                 /* an own field's daily means, or NULL */
    ache_day days_first;
    size_t ndays;
    bool goto_open;
    char goto_text[16];
    bool search_open;
    char search_text[64];
    char searched[64];              /* the words of `search`, as typed */
    struct store_matcher *search;   /* the last search, or NULL */
};

static const struct binding calendar_bindings[] = {
    {'h', REQ_PREV_DAY, "h/l ←/→", "h/l", "previous / next day", "day"},
    {TK_LEFT, REQ_PREV_DAY, NULL, NULL, NULL, NULL},
    {'l', REQ_NEXT_DAY, NULL, NULL, NULL, NULL},
    {TK_RIGHT, REQ_NEXT_DAY, NULL, NULL, NULL, NULL},
    {'k', REQ_PREV_WEEK, "k/j ↑/↓", "k/j", "previous / next week", "week"},
    {TK_UP, REQ_PREV_WEEK, NULL, NULL, NULL, NULL},
    {'j', REQ_NEXT_WEEK, NULL, NULL, NULL, NULL},
    {TK_DOWN, REQ_NEXT_WEEK, NULL, NULL, NULL, NULL},
    {'<', REQ_PREV_MONTH, "< > PgUp PgDn", "< >", "previous / next month",
     "month"},
    {TK_PGUP, REQ_PREV_MONTH, NULL, NULL, NULL, NULL},
    {'>', REQ_NEXT_MONTH, NULL, NULL, NULL, NULL},
    {TK_PGDN, REQ_NEXT_MONTH, NULL, NULL, NULL, NULL},
    {'t', REQ_TODAY, "t", NULL, "today", "today"},
    /* s, n and N: no request of their own, the nearest in meaning (a
     * filter of notes; the check-in found before or after) */
    {'s', REQ_FILTER, "s", NULL, "search the notes (every word typed "
     "must be there)", NULL},
    {'n', REQ_PREV_CHECKIN, "n N", NULL, "the next note found back in "
     "time / forward", NULL},
    {'N', REQ_NEXT_CHECKIN, NULL, NULL, NULL, NULL},
    {'/', REQ_GOTO, "/", NULL, "go to a date (YYYY-MM-DD, YYYY-MM, -N...)",
     "go to"},
    {'f', REQ_FIELD, "f F", NULL, "show the next / previous field (pain, "
     "fatigue, sleep ... and your own fields)", "field"},
    {'F', REQ_PREV_FIELD, NULL, NULL, NULL, NULL},
    {TK_ENTER, REQ_OPEN, "Enter", NULL, "open the day's check-in to read, "
     "change or fill it in", "open"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

static void free_window(struct calendar_state *s)
{
    checkin_list_free(&s->items);
    free(s->days);
    free(s->means);
    s->days = NULL;
    s->means = NULL;
    s->ndays = 0;
}

/* An own field's daily means from the window's check-ins, which the day
 * summaries do not hold. */
static void field_means(struct calendar_state *s)
{
    free(s->means);
    s->means = NULL;
    if (!field_is_own((int)s->field) || !s->days)
        return;
    s->means = xcalloc(s->ndays, sizeof *s->means);
    stats_means(s->items.items, s->items.n, s->days_first,
                s->days_first + (ache_day)s->ndays - 1, s->field, s->means);
}

/* Reads the three months around `selected` (and the days before them that
 * the flare baselines need). */
static void load_window(struct calendar_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    int y, m, d, py, pm, ny, nm;
    date_to_ymd(s->selected, &y, &m, &d);
    py = ny = y;
    pm = nm = m;
    date_add_months(&py, &pm, -1);
    date_add_months(&ny, &nm, 1);
    free_window(s);
    s->year = y;
    s->month = m;
    s->days_first = date_from_ymd(py, pm, 1) - LOOKBACK_DAYS;
    ache_day last = date_from_ymd(ny, nm, date_days_in_month(ny, nm));
    s->ndays = (size_t)(last - s->days_first + 1);
    s->days = xcalloc(s->ndays, sizeof *s->days);
    if (store_list_range(app->store, s->days_first, last, &s->items, &err))
        app_message(app, ST_ERROR, "%s", err.msg);
    stats_days(s->items.items, s->items.n, s->days_first, last, s->days);
    stats_mark_flares(s->days, s->ndays);
    field_means(s);
}

static void select_day(struct calendar_state *s, struct app *app,
                       ache_day day)
{
    if (day > app->today) {
        app_message(app, ST_DIM, "That is in the future.");
        day = app->today;
    }
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    s->selected = day;
    if (y != s->year || m != s->month)
        load_window(s, app);
}

static void *calendar_open(struct app *app)
{
    struct calendar_state *s = xcalloc(1, sizeof *s);
    int first = field_next_visible(CF_PAIN - 1, 1); /* pain, unless hidden */
    s->field = first == FIELD_NONE ? CF_PAIN : (enum checkin_field)first;
    s->selected = app->open_day;
    load_window(s, app);
    return s;
}

static void calendar_close(void *state, struct app *app)
{
    struct calendar_state *s = state;
    (void)app;
    free_window(s);
    store_matcher_free(s->search);
    free(s);
}

static void calendar_resume(void *state, struct app *app)
{
    struct calendar_state *s = state;
    load_window(s, app); /* the check-in screen may have changed the day */
}

static void move_months(struct calendar_state *s, struct app *app, int n)
{
    int y, m, d;
    date_to_ymd(s->selected, &y, &m, &d);
    date_add_months(&y, &m, n);
    int last = date_days_in_month(y, m);
    select_day(s, app, date_from_ymd(y, m, d < last ? d : last));
}

/* "YYYY-MM" goes to the month (its last day, or today in this month);
 * anything else is a day as the commands take it. */
static void goto_typed(struct calendar_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    ache_day day;
    int y, m;
    char extra;
    s->goto_open = false;
    if (sscanf(s->goto_text, "%4d-%2d%c", &y, &m, &extra) == 2 &&
        strlen(s->goto_text) == 7 && date_valid_ymd(y, m, 1)) {
        select_day(s, app, date_from_ymd(y, m, date_days_in_month(y, m)));
        return;
    }
    if (date_parse_user(s->goto_text, app->today, &day, &err) != ACHE_OK) {
        app_message(app, ST_ERROR, "%s", err.msg);
        return;
    }
    select_day(s, app, day);
}

static unsigned goto_key(struct calendar_state *s, struct app *app, int key)
{
    size_t len = strlen(s->goto_text);
    if (key == TK_ESC)
        s->goto_open = false;
    else if (key == TK_ENTER)
        goto_typed(s, app);
    else if (key == TK_BACKSPACE && len > 0)
        s->goto_text[len - 1] = '\0';
    else if (key > ' ' && key < 0x7f && len + 1 < sizeof s->goto_text)
        s->goto_text[len] = (char)key, s->goto_text[len + 1] = '\0';
    return H_HANDLED;
}

/* ---- searching the notes ---- */

struct found {
    bool any;
    ache_day day;
};

static enum ache_status take_found(const struct store_note_hit *h, void *arg)
{
    struct found *f = arg;
    f->any = true;
    f->day = h->date;
    return ACHE_OK;
}

/* The nearest day from `from` (itself included) back in time, or
 * forward up to today, with a note holding the words. */
static struct found find_note(struct calendar_state *s, struct app *app,
                              ache_day from, bool back)
{
    struct store_search q = {
        .words = s->search, .limit = 1, .oldest_first = !back,
        .from = back ? date_from_ymd(DATE_MIN_YEAR, 1, 1) : from,
        .to = back ? from : app->today};
    struct found f = {false, 0};
    struct ache_err err = {{0}};
    if (store_search_notes(app->store, &q, take_found, &f, &err) != ACHE_OK)
        app_message(app, ST_ERROR, "%s", err.msg);
    return f;
}

/* Enter in the search line: the latest day found up to the selected
 * one, else the first after it. */
static void search_typed(struct calendar_state *s, struct app *app)
{
    s->search_open = false;
    store_matcher_free(s->search);
    s->search = store_matcher_new(s->search_text);
    if (!s->search) {
        app_message(app, ST_DIM, "No words: nothing searched.");
        return;
    }
    memcpy(s->searched, s->search_text, sizeof s->searched);
    struct found f = find_note(s, app, s->selected, true);
    if (!f.any)
        f = find_note(s, app, s->selected + 1, false);
    if (!f.any) {
        app_message(app, ST_DIM, "No note has \"%s\".", s->searched);
        store_matcher_free(s->search);
        s->search = NULL;
        return;
    }
    select_day(s, app, f.day);
    app_message(app, ST_DIM, "\"%s\" found: n goes back in time, N forward.",
                s->searched);
}

/* n (back) and N (forward): the next day found after the selected one. */
static void search_step(struct calendar_state *s, struct app *app, bool back)
{
    if (!s->search) {
        app_message(app, ST_DIM, "s searches the notes first.");
        return;
    }
    struct found f = find_note(s, app, s->selected + (back ? -1 : 1), back);
    if (f.any)
        select_day(s, app, f.day);
    else
        app_message(app, ST_DIM, "No %s note has \"%s\".",
                    back ? "earlier" : "later", s->searched);
}

/* Keys while the search line is open: text, Backspace, Enter, Esc. */
static unsigned search_key(struct calendar_state *s, struct app *app, int key)
{
    if (key == TK_ESC)
        s->search_open = false;
    else if (key == TK_ENTER)
        search_typed(s, app);
    else
        app_line_edit(s->search_text, sizeof s->search_text, key);
    return H_HANDLED;
}

/* The next field offered, own ones too; hidden ones are skipped. */
static void next_field(struct calendar_state *s, int dir)
{
    int key = field_next_visible((int)s->field, dir);
    if (key == FIELD_NONE)
        return;
    s->field = (enum checkin_field)key;
    field_means(s);
}

static void open_selected(struct calendar_state *s, struct app *app)
{
    app_push(app, &checkin_screen, s->selected);
}

static unsigned calendar_request(struct calendar_state *s, struct app *app,
                                 enum request r)
{
    static const int day_steps[] = {[REQ_PREV_DAY] = -1, [REQ_NEXT_DAY] = 1,
                                    [REQ_PREV_WEEK] = -7,
                                    [REQ_NEXT_WEEK] = 7};
    switch (r) {
    case REQ_PREV_DAY:
    case REQ_NEXT_DAY:
    case REQ_PREV_WEEK:
    case REQ_NEXT_WEEK:
        select_day(s, app, s->selected + day_steps[r]);
        return H_HANDLED;
    case REQ_PREV_MONTH:
    case REQ_NEXT_MONTH:
        move_months(s, app, r == REQ_NEXT_MONTH ? 1 : -1);
        return H_HANDLED;
    case REQ_TODAY:
        select_day(s, app, app->today);
        return H_HANDLED;
    case REQ_GOTO:
        s->goto_open = true;
        s->goto_text[0] = '\0';
        return H_HANDLED;
    case REQ_FIELD:
    case REQ_PREV_FIELD:
        next_field(s, r == REQ_FIELD ? 1 : -1);
        return H_HANDLED;
    case REQ_FILTER:
        s->search_open = true;
        s->search_text[0] = '\0';
        return H_HANDLED;
    case REQ_PREV_CHECKIN:
    case REQ_NEXT_CHECKIN:
        search_step(s, app, r == REQ_PREV_CHECKIN);
        return H_HANDLED;
    case REQ_OPEN:
        open_selected(s, app);
        return H_HANDLED;
    default:
        return H_IGNORED;
    }
}

/* Where the month blocks go for this size. */
struct calendar_layout {
    int months;       /* 1 or 3 */
    int month_x, month_y;
    int week_x, week_y, week_w;
    int panel_x, panel_y, panel_w, panel_h;
    int legend_y;
};

static void layout(const struct grid *g, struct calendar_layout *l)
{
    int wide = WIDE_MONTHS * (CALENDAR_MONTH_W + 2);
    l->months = g->w >= wide ? WIDE_MONTHS : 1;
    l->month_x = 1;
    l->month_y = 2;
    l->legend_y = l->month_y + CALENDAR_MONTH_H + 1;
    l->week_x = 1;
    l->week_y = l->legend_y + 2;
    l->week_w = CALENDAR_MONTH_W;
    l->panel_x = l->months == 1 ? CALENDAR_MONTH_W + 3 : CALENDAR_MONTH_W + 4;
    l->panel_y = l->months == 1 ? 2 : l->week_y;
    l->panel_w = g->w - l->panel_x - 1;
    l->panel_h = g->h - 2 - l->panel_y;
}

static void fill_view(const struct calendar_state *s, struct app *app,
                      int offset, struct calendar_view *v)
{
    int y, m, d;
    date_to_ymd(s->selected, &y, &m, &d);
    date_add_months(&y, &m, offset);
    *v = (struct calendar_view){
        .year = y, .month = m, .week_start = app->week_start,
        .field = s->field, .today = app->today, .selected = s->selected,
        .days = s->days, .days_first = s->days_first, .ndays = s->ndays,
        .utf8 = app->utf8, .means = s->means};
}

static unsigned calendar_click(struct calendar_state *s, struct app *app,
                               const struct term_event *ev)
{
    struct calendar_layout l;
    layout(app->grid, &l);
    if (!ev->mouse_down)
        return H_IGNORED;
    for (int i = 0; i < l.months; i++) {
        struct calendar_view v;
        fill_view(s, app, l.months == 1 ? 0 : i - 1, &v);
        int x = l.month_x + i * (CALENDAR_MONTH_W + 2);
        ache_day day = calendar_hit(&v, ev->x - x, ev->y - l.month_y);
        if (day >= 0) {
            select_day(s, app, day);
            return H_HANDLED;
        }
    }
    return H_IGNORED;
}

static unsigned calendar_handle(void *state, struct app *app,
                                const struct term_event *ev)
{
    struct calendar_state *s = state;
    if (s->goto_open)
        return goto_key(s, app, ev->key);
    if (s->search_open)
        return search_key(s, app, ev->key);
    if (ev->key == TK_MOUSE)
        return calendar_click(s, app, ev);
    /* the global "day" key opens the selected day, as Enter does */
    int key = ev->key == 'd' ? TK_ENTER : ev->key;
    return calendar_request(s, app, binding_lookup(calendar_bindings, key));
}

static const struct day_summary *summary_of(const struct calendar_state *s,
                                            ache_day day)
{
    if (day < s->days_first || day >= s->days_first + (ache_day)s->ndays)
        return NULL;
    return &s->days[day - s->days_first];
}

/* "08:30  pain 6 headache 3": the time and the values of every field the
 * screens offer, own ones too. */
static void values_line(const struct checkin *c, char *line, size_t size)
{
    char when[TIME_BUF] = "--:--", value[16];
    if (c->minute >= 0)
        time_format(c->minute, when);
    int n = snprintf(line, size, "%s ", when);
    for (size_t i = 0; i < fields_count() && n < (int)size; i++) {
        const struct field_info *fi = fields_at(i);
        int steps = checkin_get(c, fi->key);
        if (steps != CHECKIN_ABSENT && !fi->hidden)
            n += snprintf(line + n, size - (size_t)n, " %s %s", fi->option,
                          checkin_format_value((enum checkin_field)fi->key,
                                               steps, value, sizeof value));
    }
}

/* The note's line holding the first word found, from a little before
 * it, the words found in reverse video; false when the note does not
 * match. */
static bool panel_found_note(struct grid *g, int x, int y, int w,
                             const char *note, struct store_matcher *m)
{
    const struct store_span *sp;
    size_t n, len = strlen(note);
    if (!m || !store_matcher_match(m, note, len, &sp, &n))
        return false;
    size_t at = sp[0].start, end;
    while (at > 0 && note[at - 1] != '\n' &&
           text_width(note + at, sp[0].start - at) < (size_t)w / 3)
        at = utf8_prev(note, at);
    for (size_t i = at; at > 0 && note[at - 1] != '\n' && i < sp[0].start;
         i++)
        if (note[i] == ' ') { /* from a word's start */
            at = i + 1;
            break;
        }
    end = at + strcspn(note + at, "\n");
    int col = grid_text(g, x, y, at > 0 && note[at - 1] != '\n' ? "  ..."
                                                                : "  ",
                        ST_NORMAL, w);
    struct app_marked line = {note, at, end, sp, n};
    app_draw_marked(g, x + col, y, w - col, &line, NULL);
    return true;
}

/* One check-in in the side panel: time and values, regions, tags, note
 * (with a search, the line of it where the words are). */
static int panel_checkin(struct grid *g, struct app *app, int x, int y,
                         int w, const struct checkin *c,
                         struct store_matcher *search)
{
    char line[256];
    values_line(c, line, sizeof line);
    char cut[512];
    grid_text(g, x, y++, text_ellipsize(line, (size_t)w, !app->utf8, cut,
                                        sizeof cut), ST_NORMAL, w);
    if (c->regions) {
        char codes[REGION_SET_BUF];
        region_set_format(c->regions, ',', codes, sizeof codes);
        snprintf(line, sizeof line, "  where: %.200s", codes);
        grid_text(g, x, y++, text_ellipsize(line, (size_t)w, !app->utf8, cut,
                                            sizeof cut), ST_DIM, w);
    }
    if (c->ntags) {
        struct strbuf sb = {0};
        for (size_t i = 0; i < c->ntags; i++)
            strbuf_printf(&sb, "%s%s", i ? ", " : "  tags: ", c->tags[i]);
        grid_text(g, x, y++, text_ellipsize(sb.data, (size_t)w, !app->utf8,
                                            cut, sizeof cut), ST_DIM, w);
        strbuf_free(&sb);
    }
    if (c->note && panel_found_note(g, x, y, w, c->note, search)) {
        y++;
    } else if (c->note) {
        snprintf(line, sizeof line, "  %.*s", (int)strcspn(c->note, "\n"),
                 c->note);
        grid_text(g, x, y++, text_ellipsize(line, (size_t)w, !app->utf8, cut,
                                            sizeof cut), ST_NORMAL, w);
    }
    return y;
}

static void draw_panel(const struct calendar_state *s, struct app *app,
                       struct grid *g, const struct calendar_layout *l)
{
    int y = l->panel_y, x = l->panel_x, w = l->panel_w;
    int yy, mm, dd;
    date_to_ymd(s->selected, &yy, &mm, &dd);
    grid_printf(g, x, y++, ST_HEADER, "%s %d %s %d",
                date_weekday_name(date_weekday(s->selected)), dd,
                date_month_name(mm), yy);
    const struct day_summary *d = summary_of(s, s->selected);
    if (d && d->flare)
        grid_text(g, x, y++, "part of a flare", ST_BAND_SEVERE, w);
    int shown = 0;
    for (size_t i = 0; i < s->items.n && y < l->panel_y + l->panel_h; i++) {
        if (s->items.items[i].date != s->selected)
            continue;
        y = panel_checkin(g, app, x, y + 1, w, &s->items.items[i],
                          s->search);
        shown++;
    }
    if (!shown)
        grid_text(g, x, y + 1, "No check-in. Enter fills it in.", ST_DIM, w);
}

static void draw_week(const struct calendar_state *s, struct app *app,
                      struct grid *g, const struct calendar_layout *l)
{
    int lead = (date_weekday(s->selected) - app->week_start + 7) % 7;
    ache_day first = s->selected - lead;
    const struct day_summary *week = summary_of(s, first);
    if (week && summary_of(s, first + 6))
        calendar_draw_week(g, l->week_x, l->week_y, l->week_w, week, first,
                           app->utf8);
}

/* The terminal's cursor on the selected day's cell (screen readers and
 * braille displays follow it), in the month that holds it: the middle
 * one when three are shown. */
static void place_cursor(const struct calendar_state *s, struct app *app,
                         const struct calendar_layout *l, int *cx, int *cy)
{
    int at = l->months == 1 ? 0 : 1, x = 0, y = 0;
    struct calendar_view v;
    fill_view(s, app, 0, &v);
    *cx = *cy = -1;
    if (calendar_day_cell(&v, s->selected, &x, &y)) {
        *cx = l->month_x + at * (CALENDAR_MONTH_W + 2) + x;
        *cy = l->month_y + y;
    }
}

static void calendar_draw(void *state, struct app *app, struct grid *g,
                          int *cx, int *cy)
{
    struct calendar_state *s = state;
    struct calendar_layout l;
    layout(g, &l);
    grid_printf(g, 1, 0, ST_TITLE, "Calendar: %s",
                checkin_field_info(s->field)->label);
    grid_fill(g, 0, 1, g->w, 1, app->gl->hline, ST_DIM);
    for (int i = 0; i < l.months; i++) {
        struct calendar_view v;
        fill_view(s, app, l.months == 1 ? 0 : i - 1, &v);
        calendar_draw_month(g, l.month_x + i * (CALENDAR_MONTH_W + 2),
                            l.month_y, &v);
    }
    struct calendar_view v;
    fill_view(s, app, 0, &v);
    calendar_draw_legend(g, 1, l.legend_y, g->w - 2, &v);
    draw_week(s, app, g, &l);
    draw_panel(s, app, g, &l);
    place_cursor(s, app, &l, cx, cy);
    if (s->goto_open) {
        int x = 1 + grid_text(g, 1, g->h - 2, "Go to (YYYY-MM-DD, YYYY-MM, "
                                              "-N, Esc cancels): ",
                              ST_WARN, -1);
        *cx = x + grid_text(g, x, g->h - 2, s->goto_text, ST_BOLD, -1);
        *cy = g->h - 2;
    }
    if (s->search_open) {
        int x = 1 + grid_text(g, 1, g->h - 2, "Search notes (words; Enter "
                                              "finds, Esc cancels): ",
                              ST_WARN, -1);
        *cx = x + grid_text(g, x, g->h - 2, s->search_text, ST_BOLD, -1);
        *cy = g->h - 2;
    }
}

const struct screen_ops calendar_screen = {
    .name = "calendar",
    .min_w = 80,
    .min_h = 24,
    .open = calendar_open,
    .close = calendar_close,
    .resume = calendar_resume,
    .draw = calendar_draw,
    .handle = calendar_handle,
    .bindings = calendar_bindings,
};
