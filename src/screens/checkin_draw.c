/* The check-in screen's drawing: a pure function of the state into the
 * grid (the loop blits it). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/app.h"
#include "ache/bodymap_draw.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/regions.h"
#include "ache/text.h"
#include "ache/util.h"
#include "ache/widgets.h"
#include "checkin_impl.h"

/* Draws the saved / not saved mark at the right end of the header;
 * returns its width. */
static int draw_save_state(const struct checkin_state *s, struct app *app,
                           struct grid *g)
{
    const char *text;
    enum style st;
    if (s->pending) {
        text = "not saved yet: retrying";
        st = ST_WARN;
    } else if (s->gone) {
        text = "removed elsewhere: r brings it back";
        st = ST_WARN;
    } else if (s->cur.id[0] && s->settled) {
        text = app->utf8 ? "✓ saved · e changes it" : "saved - e changes it";
        st = ST_DIM;
    } else if (s->cur.id[0]) {
        text = app->utf8 ? "✓ saved" : "saved";
        st = ST_OK;
    } else {
        text = "new: nothing recorded yet";
        st = ST_DIM;
    }
    int w = (int)text_width(text, strlen(text));
    grid_text(g, g->w - w - 1, 0, text, st, -1);
    return w;
}

/* The header's forms, widest first: the first that fits beside the save
 * state is drawn, so that the check-in's number and time stay whole
 * beside the longest date ("Wednesday 23 September 2026 (62 days ago)")
 * and the longest state ("removed elsewhere: r brings it back"). From
 * "Tuesday 24 November 2026 (yesterday) · check-in 1 of 2 · 08:30" to
 * "Tue 24 Nov 2026 · 1 of 2". */
static const struct header_form {
    bool abbr;  /* "Tue 24 Nov 2026" */
    bool ago;   /* " (yesterday)", " (62 days ago)" */
    bool word;  /* "check-in 1 of 2", not "1 of 2" */
    bool time;  /* " · 08:30" */
} header_forms[] = {
    {false, true, true, true}, {false, true, false, true},
    {true, true, true, true},  {true, true, false, true},
    {true, false, false, true}, {true, false, false, false},
};

static void draw_header(const struct checkin_state *s, struct app *app,
                        struct grid *g)
{
    int y, m, d;
    date_to_ymd(s->day, &y, &m, &d);
    int wd = date_weekday(s->day);
    const char *dot = app->utf8 ? " · " : " - ";
    long ago = app->today - s->day;
    char ago_text[32] = "", when[TIME_BUF] = "";
    if (ago == 1)
        snprintf(ago_text, sizeof ago_text, " (yesterday)");
    else if (ago > 1)
        snprintf(ago_text, sizeof ago_text, " (%ld days ago)", ago);
    if (s->cur.minute >= 0)
        time_format(s->cur.minute, when);
    int total = (int)s->saved.n + (s->index == (int)s->saved.n);
    int state_w = draw_save_state(s, app, g);
    /* from column 1 to two columns before the state */
    int room = g->w - state_w - 4;
    size_t nforms = sizeof header_forms / sizeof header_forms[0];
    for (size_t i = 0; i < nforms; i++) {
        const struct header_form *f = &header_forms[i];
        char date[64], extra[128];
        snprintf(date, sizeof date, "%s %d %s %d",
                 f->abbr ? date_weekday_abbr(wd) : date_weekday_name(wd), d,
                 f->abbr ? date_month_abbr(m) : date_month_name(m), y);
        snprintf(extra, sizeof extra, "%s%s%s%d of %d%s%s",
                 f->ago ? ago_text : "", dot, f->word ? "check-in " : "",
                 s->index + 1, total, f->time && when[0] ? dot : "",
                 f->time ? when : "");
        int w = (int)(text_width(date, strlen(date)) +
                      text_width(extra, strlen(extra)));
        if (w > room && i + 1 < nforms)
            continue;
        int x = 1 + grid_text(g, 1, 0, date, ST_TITLE, room);
        grid_text(g, x, 0, extra, ST_DIM, room - (x - 1));
        break;
    }
    grid_fill(g, 0, 1, g->w, 1, app->gl->hline, ST_DIM);
}

static void draw_label(struct grid *g, struct app *app, int y,
                       const char *label, bool focused)
{
    if (focused)
        grid_put(g, 0, y, app->gl->arrow_right, ST_FOCUS);
    grid_text(g, 2, y, label, focused ? ST_FOCUS : ST_NORMAL, 6);
}

static void draw_tags_row(const struct checkin_state *s, struct app *app,
                          struct grid *g, const struct checkin_layout *l)
{
    draw_label(g, app, l->tags_y, "Tags", s->focus == FOCUS_TAGS);
    if (s->cur.ntags == 0) {
        grid_text(g, 9, l->tags_y, "none: press # to choose", ST_DIM,
                  l->left_w - 10);
        return;
    }
    struct strbuf sb = {0};
    for (size_t i = 0; i < s->cur.ntags; i++)
        strbuf_printf(&sb, "%s%s", i ? ", " : "", s->cur.tags[i]);
    char cut[512];
    text_ellipsize(sb.data, (size_t)(l->left_w - 10), !app->utf8, cut,
                   sizeof cut);
    grid_text(g, 9, l->tags_y, cut, ST_NORMAL, -1);
    strbuf_free(&sb);
}

static void draw_note_row(const struct checkin_state *s, struct app *app,
                          struct grid *g, const struct checkin_layout *l)
{
    draw_label(g, app, l->note_y, "Note", s->focus == FOCUS_NOTE);
    if (!s->cur.note) {
        grid_text(g, 9, l->note_y, "none: press n to write", ST_DIM,
                  l->left_w - 10);
        return;
    }
    int last = l->doses_y - 1; /* rows up to the doses or message line */
    const char *p = s->cur.note;
    for (int y = l->note_y; y <= last && *p; y++) {
        size_t len = strcspn(p, "\n");
        bool more = p[len] != '\0' && y == last;
        char line[CHECKIN_NOTE_MAX + 1], cut[512];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        text_ellipsize(line, (size_t)(l->left_w - 10 - more), !app->utf8,
                       cut, sizeof cut);
        int x = 9 + grid_text(g, 9, y, cut, ST_NORMAL, -1);
        if (more)
            grid_put(g, x, y, app->gl->ellipsis, ST_DIM);
        p += len + (p[len] == '\n');
    }
}

static void draw_body(const struct checkin_state *s, struct app *app,
                      struct grid *g, const struct checkin_layout *l)
{
    bool focused = s->focus == FOCUS_BODY;
    int bw, bh;
    bodymap_size(app->utf8, &bw, &bh);
    bodymap_draw(g, l->body_x, l->body_y, s->cur.regions,
                 focused ? s->region : -1, app->utf8);
    int y = l->body_y + bh;
    if (focused) {
        const struct region_info *r = region_get(s->region);
        bool on = s->cur.regions & (1u << s->region);
        grid_put(g, l->body_x, y, app->gl->arrow_right, ST_FOCUS);
        grid_printf(g, l->body_x + 2, y, ST_FOCUS, "%s", r->name);
        grid_text(g, l->body_x + 3 + (int)strlen(r->name), y,
                  on ? "(hurts)" : "", ST_REGION_ON, -1);
    } else {
        grid_text(g, l->body_x + 2, y, "b: where it hurts", ST_DIM, -1);
    }
    char summary[BODYMAP_SUMMARY_BUF];
    bodymap_summary(s->cur.regions, app->utf8, summary, sizeof summary);
    grid_text(g, l->body_x + 2, y + 1, summary, ST_DIM, -1);
}

/* While a number waits for more, the message line says what the next
 * key would make of it (unless the line holds a message already). */
static void draw_typing_hint(const struct checkin_state *s,
                             const struct app *app, struct grid *g)
{
    char hint[128];
    if (!app->message[0] && checkin_typing_hint(s, hint, sizeof hint))
        grid_text(g, 1, g->h - 2, hint, ST_DIM, g->w - 2);
}

/* "▲ 2 more above" over the header's line, "▼ 3 more below" in the row
 * under the last field shown: the fields that do not fit, and where. */
static void draw_more(struct app *app, struct grid *g,
                      const struct checkin_layout *l)
{
    char text[48];
    int above = l->first_row,
        below = l->rows.n - l->first_row - l->rows_shown;
    if (above > 0) {
        snprintf(text, sizeof text, " %s %d more above ",
                 app->utf8 ? "▲" : "^", above);
        grid_text(g, 1, l->slider_y - 1, text, ST_HEADER, l->left_w - 2);
    }
    if (below > 0) {
        snprintf(text, sizeof text, " %s %d more below (j) ",
                 app->utf8 ? "▼" : "v", below);
        grid_text(g, 1, l->tags_y - 1, text, ST_HEADER, l->left_w - 2);
    }
}

static void draw_fields(const struct checkin_state *s, struct app *app,
                        struct grid *g, const struct checkin_layout *l)
{
    for (int i = 0; i < l->rows_shown; i++) {
        int key = l->rows.key[l->first_row + i];
        control_draw(g, 0, l->slider_y + i * SLIDER_ROWS, l->left_w, key,
                     checkin_get(&s->cur, key), checkin_typing_shown(s, key),
                     s->focus == key, app->gl);
    }
    draw_more(app, g, l);
}

/* The terminal's cursor on the focused slider, region, tags, note or
 * dose line, where screen readers and braille displays follow it. */
static void place_cursor(const struct checkin_state *s, const struct app *app,
                         const struct checkin_layout *l, int h, int *cx,
                         int *cy)
{
    *cx = *cy = -1;
    if (s->ask_time.active || s->find.active) {
        /* on the message line, where the next character typed goes */
        *cy = h - 2;
        *cx = s->ask_time.active
                  ? 1 + (int)strlen(TIMEPROMPT_LEAD) +
                        (int)strlen(s->ask_time.text)
                  : 1 + (int)strlen(s->find.text[0] ? FIND_LEAD
                                                      : FIND_START) +
                        (int)strlen(s->find.text);
        return;
    }
    if (s->focus >= 0) {
        int row = checkin_rows_find(&l->rows, s->focus) - l->first_row;
        if (row >= 0 && row < l->rows_shown) {
            *cx = 2;
            *cy = l->slider_y + row * SLIDER_ROWS;
        }
    } else if (s->focus == FOCUS_BODY) {
        int x, y;
        bodymap_spot(s->region, app->utf8, &x, &y);
        if (x >= 0) {
            *cx = l->body_x + x;
            *cy = l->body_y + y;
        }
    } else if (s->focus == FOCUS_TAGS || s->focus == FOCUS_NOTE) {
        *cx = 2;
        *cy = s->focus == FOCUS_TAGS ? l->tags_y : l->note_y;
    } else if (s->focus == FOCUS_DOSES) {
        *cx = 2;
        *cy = l->doses_y + s->dose_line;
    }
}

void checkin_screen_draw(void *state, struct app *app, struct grid *g,
                         int *cx, int *cy)
{
    struct checkin_state *s = state;
    struct checkin_layout l;
    checkin_screen_layout(s, app, g, &l);
    draw_header(s, app, g);
    draw_fields(s, app, g, &l);
    draw_body(s, app, g, &l);
    draw_tags_row(s, app, g, &l);
    draw_note_row(s, app, g, &l);
    checkin_doses_draw(s, app, g, &l);
    draw_typing_hint(s, app, g);
    place_cursor(s, app, &l, g->h, cx, cy);
    if (s->picker)
        tagpick_draw(s, app, g, &l, cx, cy);
    else if (s->note)
        noteedit_draw(s, app, g, &l, cx, cy);
}
