/* The check-in screen's rows: which fields a check-in shows (every field
 * of the diary's table that is not hidden, a weekly one only while its
 * week has no answer elsewhere), moving the focus among them and the
 * body map, tags and note, and which of them fit on the screen.
 *
 * A weekly field is asked once a week: on the first check-in of the
 * week, and on the next ones until one of them answers it. A check-in
 * that holds an answer always shows it, so that it can be changed; the
 * others of the week leave it out, keeping any value they hold. */
#include <stdlib.h>
#include <string.h>

#include "ache/app.h"
#include "ache/bodymap_draw.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/store.h"
#include "ache/util.h"
#include "ache/widgets.h"
#include "checkin_impl.h"

/* Sliders wider than this read as a ruler, not a scale. */
#define MAX_LEFT_W 66
/* Rows under the fields' last: the tags, two of the note, the message
 * line and the status line. With doses, the note has one at least, and
 * each line of the doses one. */
#define TAIL_ROWS 5

static bool week_skips(const struct checkin_state *s, int key)
{
    for (size_t i = 0; i < s->nweek_skip; i++)
        if (s->week_skip[i] == key)
            return true;
    return false;
}

void checkin_rows_get(const struct checkin_state *s, struct checkin_rows *r)
{
    r->n = 0;
    size_t n = fields_count();
    for (size_t i = 0; i < n && r->n < CHECKIN_ROWS_MAX; i++) {
        const struct field_info *fi = fields_at(i);
        if (fi->hidden || (fi->weekly && week_skips(s, fi->key)))
            continue;
        r->key[r->n++] = fi->key;
    }
}

int checkin_rows_find(const struct checkin_rows *r, int key)
{
    for (int i = 0; i < r->n; i++)
        if (r->key[i] == key)
            return i;
    return -1;
}

int checkin_rows_first(const struct checkin_state *s)
{
    struct checkin_rows r;
    checkin_rows_get(s, &r);
    return r.n ? r.key[0] : FOCUS_BODY;
}

void checkin_rows_fix_focus(struct checkin_state *s)
{
    struct checkin_rows r;
    checkin_rows_get(s, &r);
    if (s->focus >= 0 && checkin_rows_find(&r, s->focus) < 0)
        s->focus = r.n ? r.key[0] : FOCUS_BODY;
}

/* Whether a check-in of the week other than the one shown answers key. */
static bool answered_elsewhere(const struct checkin_state *s,
                               const struct checkin_list *week, int key)
{
    for (size_t i = 0; i < week->n; i++) {
        const struct checkin *c = &week->items[i];
        bool shown = s->cur.id[0] && strcmp(c->id, s->cur.id) == 0;
        if (!shown && checkin_get(c, key) != CHECKIN_ABSENT)
            return true;
    }
    return false;
}

void checkin_rows_read_week(struct checkin_state *s, struct app *app)
{
    struct checkin_list week = {0};
    struct ache_err err = {{0}};
    ache_day first = s->day - (date_weekday(s->day) - app->week_start + 7) % 7;
    s->nweek_skip = 0;
    /* unread, every weekly field is asked: a question too many is better
     * than one never asked */
    if (store_list_range(app->store, first, first + 6, &week, &err) ==
        ACHE_OK) {
        size_t n = fields_count();
        for (size_t i = 0; i < n; i++) {
            const struct field_info *fi = fields_at(i);
            if (!fi->weekly ||
                checkin_get(&s->cur, fi->key) != CHECKIN_ABSENT ||
                !answered_elsewhere(s, &week, fi->key))
                continue;
            s->week_skip = xreallocarray(s->week_skip, s->nweek_skip + 1,
                                         sizeof *s->week_skip);
            s->week_skip[s->nweek_skip++] = fi->key;
        }
    }
    checkin_list_free(&week);
    checkin_rows_fix_focus(s);
}

/* The place of the focus in the form's order: fields, body, tags, note,
 * the lines of the doses. */
static int position(const struct checkin_state *s, const struct checkin_rows *r)
{
    if (s->focus >= 0) {
        int at = checkin_rows_find(r, s->focus);
        return at >= 0 ? at : 0;
    }
    if (s->focus == FOCUS_DOSES)
        return r->n + 3 + s->dose_line;
    return r->n + (s->focus - FOCUS_BODY);
}

/* A line of the doses gets the focus on its first time not ticked. */
static void focus_dose_line(struct checkin_state *s, int line)
{
    const struct dose_row *d = &s->dose_rows[line];
    s->focus = FOCUS_DOSES;
    s->dose_line = line;
    s->dose_slot = 0;
    while (s->dose_slot + 1 < (int)d->p.ntimes && d->ticked[s->dose_slot])
        s->dose_slot++;
}

static void focus_at(struct checkin_state *s, const struct checkin_rows *r,
                     int pos)
{
    if (pos < r->n)
        s->focus = r->key[pos];
    else if (pos < r->n + 3)
        s->focus = FOCUS_BODY + (pos - r->n);
    else
        focus_dose_line(s, pos - r->n - 3);
}

unsigned checkin_rows_move(struct checkin_state *s, enum request r)
{
    struct checkin_rows rows;
    checkin_rows_get(s, &rows);
    int pos = position(s, &rows), last = rows.n + 2 + (int)s->ndose_rows;
    /* the first row of each section, for Tab: the fields (when any are
     * shown), body, tags, note, doses (when there are any) */
    int starts[5], nstarts = 0;
    if (rows.n)
        starts[nstarts++] = 0;
    for (int i = 0; i < 3 + (s->ndose_rows > 0); i++)
        starts[nstarts++] = rows.n + i;
    int sec = nstarts - 1;
    while (sec > 0 && starts[sec] > pos)
        sec--;
    if (r == REQ_NEXT_FIELD && pos < last)
        pos++;
    else if (r == REQ_PREV_FIELD && pos > 0)
        pos--;
    else if (r == REQ_NEXT_SECTION)
        pos = starts[(sec + 1) % nstarts];
    else if (r == REQ_PREV_SECTION)
        pos = starts[(sec + nstarts - 1) % nstarts];
    focus_at(s, &rows, pos);
    return H_HANDLED;
}

int checkin_rows_at(const struct checkin_layout *l, int y)
{
    int shown = y - l->slider_y;
    if (shown < 0 || shown >= l->rows_shown * SLIDER_ROWS)
        return -1;
    int row = l->first_row + shown / SLIDER_ROWS;
    return row < l->rows.n ? row : -1;
}

/* The first field shown: s->scroll moved as little as brings the focused
 * field into view, and no further than the last field allows. */
static int keep_in_view(struct checkin_state *s, const struct checkin_layout *l)
{
    int row = s->focus >= 0 ? checkin_rows_find(&l->rows, s->focus) : -1;
    int first = s->scroll;
    if (row >= 0 && row < first)
        first = row;
    if (row >= 0 && row >= first + l->rows_shown)
        first = row - l->rows_shown + 1;
    if (first > l->rows.n - l->rows_shown)
        first = l->rows.n - l->rows_shown;
    return first > 0 ? first : 0;
}

void checkin_screen_layout(struct checkin_state *s, const struct app *app,
                           const struct grid *g, struct checkin_layout *l)
{
    int bw, bh;
    bodymap_size(app->utf8, &bw, &bh);
    l->left_w = g->w - bw - 2;
    if (l->left_w > MAX_LEFT_W)
        l->left_w = MAX_LEFT_W;
    l->slider_y = 2;
    checkin_rows_get(s, &l->rows);
    /* the fields take the rows the tags, two of the note, the message
     * and the status line leave, and a row under them for "more below" */
    int tail = TAIL_ROWS + (s->ndose_rows ? (int)s->ndose_rows - 1 : 0);
    int room = (g->h - tail - 1 - l->slider_y) / SLIDER_ROWS;
    l->rows_shown = l->rows.n < room ? l->rows.n : room;
    if (l->rows_shown < 1)
        l->rows_shown = l->rows.n ? 1 : 0;
    s->scroll = l->first_row = keep_in_view(s, l);
    l->body_x = l->left_w + 2;
    l->body_y = 2;
    l->tags_y = l->slider_y + l->rows_shown * SLIDER_ROWS + 1;
    l->note_y = l->tags_y + 1;
    /* the doses under the note's two rows, or its one when room is short;
     * without doses, doses_y is the row under the note's last */
    l->doses_y = g->h - 2 - (int)s->ndose_rows;
    if (l->doses_y > l->note_y + 2)
        l->doses_y = l->note_y + 2;
    if (l->doses_y < l->note_y + 1)
        l->doses_y = l->note_y + 1;
    if (!s->ndose_rows)
        l->doses_y = g->h - 2;
    l->panel_x = 0;
    l->panel_y = 2;
    l->panel_w = l->left_w;
    l->panel_h = g->h - 2 - l->panel_y;
}
