/* The check-in screen: the day's sliders, body map, tags and note, and
 * the keys that move about and change them. Every change is stored the
 * moment it is made (checkin_save.c). */
#include <stdbool.h>
#include <stdlib.h>

#include "ache/app.h"
#include "ache/bodymap_draw.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/regions.h"
#include "ache/term.h"
#include "ache/util.h"
#include "ache/widgets.h"
#include "checkin_impl.h"

/* How often a change the diary refused for being busy is retried. */
#define RETRY_MS 1000

/* Every key of the screen, for the help screen and for what a key does
 * (a yes/no field takes y and n first: yesno_keys). */
static const struct binding checkin_bindings[] = {
    {'j', REQ_NEXT_FIELD, "j/k ↓/↑", "j/k", "next / previous field (the "
     "form scrolls when they do not all fit); in the body map, move",
     "field"},
    {TK_DOWN, REQ_NEXT_FIELD, NULL, NULL, NULL, NULL},
    {'k', REQ_PREV_FIELD, NULL, NULL, NULL, NULL},
    {TK_UP, REQ_PREV_FIELD, NULL, NULL, NULL, NULL},
    {'l', REQ_INCREASE, "h/l ←/→", "h/l", "lower / raise the value (sleep "
     "hours by a quarter, minutes by 5); a yes/no: no / yes; a dose's "
     "time", "value"},
    {TK_RIGHT, REQ_INCREASE, NULL, NULL, NULL, NULL},
    {'h', REQ_DECREASE, NULL, NULL, NULL, NULL},
    {TK_LEFT, REQ_DECREASE, NULL, NULL, NULL, NULL},
    {'-', REQ_DECREASE, "- +", NULL, "the same as h / l", NULL},
    {'+', REQ_INCREASE, NULL, NULL, NULL, NULL},
    {'0', REQ_DIGIT, "0-9", NULL, "set it (1 0 quickly: 10; 6 7 3 "
     "quickly fills three fields); hours 6.5 or 6,5; counts digit by digit",
     "set"},
    {'1', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'2', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'3', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'4', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'5', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'6', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'7', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'8', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'9', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {'.', REQ_DIGIT, NULL, NULL, NULL, NULL}, /* sleep hours' fraction */
    {',', REQ_DIGIT, NULL, NULL, NULL, NULL},
    {TK_BACKSPACE, REQ_ERASE, "Backspace", NULL, "take back the last "
     "digit of hours, a count or minutes", NULL},
    {'y', REQ_YES, "y n", NULL, "a yes/no: yes / no (elsewhere n is the "
     "note)", NULL},
    {' ', REQ_TOGGLE, "Space Enter", NULL, "switch a yes/no; mark a body "
     "region; open the tags or the note; tick or untick a dose (recorded "
     "at once)", NULL},
    {TK_ENTER, REQ_TOGGLE, NULL, NULL, NULL, NULL},
    {TK_TAB, REQ_NEXT_SECTION, "Tab", NULL, "jump between fields, body, "
     "tags, note and doses", NULL},
    {TK_BTAB, REQ_PREV_SECTION, NULL, NULL, NULL, NULL},
    {'b', REQ_BODY, "b", NULL, "go to the body map", NULL},
    {'#', REQ_TAGS, "#", NULL, "choose triggers, treatments and other "
     "tags; there, Ctrl-R renames the tag under the cursor", "tags"},
    {'n', REQ_NOTE, "n", NULL, "write the note", "note"},
    {'x', REQ_CLEAR, "x Del", "x", "make the value absent; in the body "
     "map, unmark", "clear"},
    {TK_DELETE, REQ_CLEAR, NULL, NULL, NULL, NULL},
    {'[', REQ_PREV_DAY, "[ ]", NULL, "previous / next day (to fill in a "
     "missed one)", "day"},
    {']', REQ_NEXT_DAY, NULL, NULL, NULL, NULL},
    {'t', REQ_TODAY, "t", NULL, "back to today", NULL},
    {'a', REQ_NEW_CHECKIN, "a", NULL, "start another check-in on this day",
     "another"},
    {'<', REQ_PREV_CHECKIN, "< >", NULL, "previous / next check-in of the "
     "day", NULL},
    {'u', REQ_UNDO, "u", NULL, "undo this screen's last change to the "
     "check-in", "undo"},
    {'e', REQ_CHANGE_SETTLED, "e", NULL, "change an older check-in, not "
     "start a new one", NULL},
    {'/', REQ_FILTER, "/", NULL, "find a body region by its name (/lo: "
     "lower back); letters are the name's until Enter ticks it, or Esc, an "
     "arrow or a pause ends it", NULL},
    {'p', REQ_COPY_PREVIOUS, "p", NULL, "copy the regions and tags of the "
     "previous check-in (never its values or note; u takes it back)",
     NULL},
    {'T', REQ_SET_TIME, "T", NULL, "set this check-in's time (8, 8:00, "
     "830 or 20.15)", NULL},
    {'D', REQ_REMOVE, "D", NULL, "remove this check-in (asks first; "
     "undo brings it back)", NULL},
    {'>', REQ_NEXT_CHECKIN, NULL, NULL, NULL, NULL},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

/* On a yes/no field, y and n answer it (n writes the note elsewhere). */
static const struct binding yesno_keys[] = {
    {'y', REQ_YES, NULL, NULL, NULL, NULL},
    {'Y', REQ_YES, NULL, NULL, NULL, NULL},
    {'n', REQ_NO, NULL, NULL, NULL, NULL},
    {'N', REQ_NO, NULL, NULL, NULL, NULL},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

/* What the status line names on a yes/no field, and on a count or
 * minutes (on the others, checkin_bindings' own words). */
static const struct binding yesno_status[] = {
    {'j', REQ_NEXT_FIELD, "j/k", NULL, NULL, "field"},
    {'y', REQ_YES, "y/n", NULL, NULL, "yes/no"},
    {' ', REQ_TOGGLE, "Space", NULL, NULL, "switch"},
    {'x', REQ_CLEAR, "x", NULL, NULL, "clear"},
    {'#', REQ_TAGS, "#", NULL, NULL, "tags"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};
static const struct binding doses_status[] = {
    {'j', REQ_NEXT_FIELD, "j/k", NULL, NULL, "row"},
    {'l', REQ_INCREASE, "h/l", NULL, NULL, "time"},
    {' ', REQ_TOGGLE, "Space", NULL, NULL, "tick/untick a dose"},
    {'#', REQ_TAGS, "#", NULL, NULL, "tags"},
    {'n', REQ_NOTE, "n", NULL, NULL, "note"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};
static const struct binding number_status[] = {
    {'j', REQ_NEXT_FIELD, "j/k", NULL, NULL, "field"},
    {'0', REQ_DIGIT, "0-9", NULL, NULL, "type"},
    {TK_BACKSPACE, REQ_ERASE, "Bksp", NULL, NULL, "erase"},
    {'+', REQ_INCREASE, "-/+", NULL, NULL, "step"},
    {'x', REQ_CLEAR, "x", NULL, NULL, "clear"},
    {'#', REQ_TAGS, "#", NULL, NULL, "tags"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

/* The status line on the body map, the tags and the note: only the keys
 * that do something there (no value to step, nothing for x to clear on
 * the tags or the note). */
static const struct binding body_status[] = {
    {'j', REQ_NEXT_FIELD, "h/j/k/l", NULL, NULL, "move"},
    {' ', REQ_TOGGLE, "Space", NULL, NULL, "mark"},
    {'/', REQ_FILTER, "/", NULL, NULL, "find"},
    {'p', REQ_COPY_PREVIOUS, "p", NULL, NULL, "copy last"},
    {'x', REQ_CLEAR, "x", NULL, NULL, "unmark"},
    {'#', REQ_TAGS, "#", NULL, NULL, "tags"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};
static const struct binding tags_status[] = {
    {'j', REQ_NEXT_FIELD, "j/k", NULL, NULL, "field"},
    {' ', REQ_TOGGLE, "Enter", NULL, NULL, "choose tags"},
    {'p', REQ_COPY_PREVIOUS, "p", NULL, NULL, "copy last"},
    {'n', REQ_NOTE, "n", NULL, NULL, "note"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};
static const struct binding note_status[] = {
    {'j', REQ_NEXT_FIELD, "j/k", NULL, NULL, "field"},
    {' ', REQ_TOGGLE, "Enter", NULL, NULL, "write"},
    {'#', REQ_TAGS, "#", NULL, NULL, "tags"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

static void *checkin_open(struct app *app)
{
    struct checkin_state *s = xcalloc(1, sizeof *s);
    checkin_init(&s->cur, app->today);
    s->region = bodymap_move(-1, 0, 0);
    checkin_screen_load_day(s, app, app->open_day <= app->today
                                        ? app->open_day
                                        : app->today);
    return s;
}

static void checkin_close(void *state, struct app *app)
{
    struct checkin_state *s = state;
    checkin_typing_end(s, app); /* what was typed is what is stored */
    checkin_screen_last_try(s, app);
    tagpick_close(s->picker);
    noteedit_close(s);
    checkin_free(&s->cur);
    checkin_list_free(&s->saved);
    checkin_list_free(&s->steps);
    free(s->week_skip);
    checkin_doses_free(s);
    free(s);
}

/* Shown again after another screen closed: what it shows may have been
 * changed there (or by another program) meanwhile. */
static void checkin_resume(void *state, struct app *app)
{
    checkin_screen_reload(state, app);
}

void checkin_screen_set(struct checkin_state *s, struct app *app, int field,
                        int steps)
{
    if (checkin_get(&s->cur, field) == steps)
        return;
    checkin_set(&s->cur, field, steps);
    checkin_screen_save(s, app);
}

/* A value set by a key of its own (not a typed number): a step for u. */
static void set_value(struct checkin_state *s, struct app *app, int steps)
{
    if (checkin_get(&s->cur, s->focus) == steps)
        return;
    checkin_screen_step(s, app);
    checkin_screen_set(s, app, s->focus, steps);
}

/* The value a step up (dir 1) or down (-1) from v gives: a rating, a
 * count or a quarter of sleep hours one step on, minutes to the next
 * five, a yes/no yes (up) or no (down). An absent value starts where
 * most answers are: 0, or 7 hours of sleep. */
static int stepped(const struct field_info *fi, int v, int dir)
{
    if (fi->kind == FIELD_YESNO)
        return dir > 0;
    if (v == CHECKIN_ABSENT)
        return fi->kind == FIELD_HOURS ? 7 * fi->steps_per_unit : 0;
    if (fi->kind == FIELD_MINUTES)
        return dir > 0 ? (v / 5 + 1) * 5 : ((v + 4) / 5 - 1) * 5;
    return v + dir;
}

static void step_value(struct checkin_state *s, struct app *app, int dir)
{
    const struct field_info *fi = checkin_field_info(s->focus);
    int v = stepped(fi, checkin_get(&s->cur, s->focus), dir);
    if (v < 0 || v > fi->max_steps)
        return;
    set_value(s, app, v);
}

/* Space and Enter switch a yes/no; the first press of one not answered
 * says yes (n says no). */
static void toggle_value(struct checkin_state *s, struct app *app)
{
    set_value(s, app, checkin_get(&s->cur, s->focus) == 1 ? 0 : 1);
}

static unsigned digit_key(struct checkin_state *s, struct app *app,
                          const struct field_info *fi, int key)
{
    if (checkin_typing_key(s, app, key))
        return H_HANDLED;
    if (fi->kind == FIELD_YESNO)
        app_message(app, ST_DIM, "%s: y for %s, n for %s, Space switches.",
                    fi->label, fi->high_word, fi->low_word);
    return H_HANDLED;
}

static unsigned field_request(struct checkin_state *s, struct app *app,
                              enum request r, int key)
{
    const struct field_info *fi = checkin_field_info(s->focus);
    bool yesno = fi->kind == FIELD_YESNO;
    switch (r) {
    case REQ_INCREASE:
    case REQ_DECREASE:
        step_value(s, app, r == REQ_INCREASE ? 1 : -1);
        return H_HANDLED;
    case REQ_DIGIT:
        return digit_key(s, app, fi, key);
    case REQ_ERASE:
        return checkin_typing_erase(s, app) ? H_HANDLED : H_IGNORED;
    case REQ_YES:
    case REQ_NO: /* y on a rating is no answer of it */
        if (yesno)
            set_value(s, app, r == REQ_YES);
        return yesno ? H_HANDLED : H_IGNORED;
    case REQ_TOGGLE:
        if (yesno)
            toggle_value(s, app);
        return yesno ? H_HANDLED : H_IGNORED;
    case REQ_CLEAR:
        set_value(s, app, CHECKIN_ABSENT);
        return H_HANDLED;
    default:
        return H_IGNORED;
    }
}

static void toggle_region(struct checkin_state *s, struct app *app, int r,
                          bool on)
{
    region_set bit = 1u << r;
    region_set next = on ? (s->cur.regions | bit) : (s->cur.regions & ~bit);
    if (next == s->cur.regions)
        return;
    checkin_screen_step(s, app);
    s->cur.regions ^= bit;
    checkin_screen_save(s, app);
}

static unsigned body_move(struct checkin_state *s, int dx, int dy)
{
    int next = bodymap_move(s->region, dx, dy);
    if (next != s->region)
        s->region = next;
    else if (dy < 0) /* off the top: back to the last field */
        checkin_rows_move(s, REQ_PREV_FIELD);
    else if (dy > 0)
        s->focus = FOCUS_TAGS;
    return H_HANDLED;
}

static unsigned body_request(struct checkin_state *s, struct app *app,
                             enum request r)
{
    switch (r) {
    case REQ_NEXT_FIELD:
    case REQ_PREV_FIELD:
        return body_move(s, 0, r == REQ_NEXT_FIELD ? 1 : -1);
    case REQ_INCREASE:
    case REQ_DECREASE:
        return body_move(s, r == REQ_INCREASE ? 1 : -1, 0);
    case REQ_TOGGLE:
        toggle_region(s, app, s->region,
                      !(s->cur.regions & (1u << s->region)));
        return H_HANDLED;
    case REQ_CLEAR:
        toggle_region(s, app, s->region, false);
        return H_HANDLED;
    default:
        return H_IGNORED;
    }
}

/* The tag picker and the note editor are for changing: a settled
 * check-in gives way to a new one as they open, so that what they show is
 * what they change. */
static void open_tags(struct checkin_state *s, struct app *app)
{
    checkin_screen_unsettle(s, app);
    s->focus = FOCUS_TAGS;
    s->picker = tagpick_open(s, app);
}

static void open_note(struct checkin_state *s, struct app *app)
{
    checkin_screen_unsettle(s, app);
    s->focus = FOCUS_NOTE;
    noteedit_open(s);
}

static unsigned row_request(struct checkin_state *s, struct app *app,
                            enum request r)
{
    if (r != REQ_TOGGLE)
        return H_IGNORED;
    if (s->focus == FOCUS_TAGS)
        open_tags(s, app);
    else if (s->focus == FOCUS_NOTE)
        open_note(s, app);
    return H_HANDLED;
}

static unsigned change_day(struct checkin_state *s, struct app *app,
                           ache_day day)
{
    if (day > app->today) {
        app_message(app, ST_WARN, "The future cannot be filled in yet.");
        return H_HANDLED;
    }
    if (day != s->day && checkin_screen_can_leave(s, app))
        checkin_screen_load_day(s, app, day);
    return H_HANDLED;
}

static unsigned change_checkin(struct checkin_state *s, struct app *app,
                               enum request r)
{
    if (!checkin_screen_can_leave(s, app))
        return H_HANDLED;
    int target = s->index + (r == REQ_NEXT_CHECKIN ? 1 : -1);
    if (r == REQ_NEW_CHECKIN) {
        checkin_screen_show_new(s);
        checkin_rows_read_week(s, app);
        app_message(app, ST_DIM, "A new check-in: it is stored as soon as "
                                 "you set something.");
    } else if (target >= 0 && target < (int)s->saved.n) {
        checkin_screen_show(s, app, target);
    } else {
        app_message(app, ST_DIM, target < 0 ? "This is the day's first "
                                              "check-in."
                                            : "This is the day's last "
                                              "check-in (a starts another).");
    }
    return H_HANDLED;
}

/* e: the check-in shown, settled or not, is the one changed. */
static unsigned change_settled(struct checkin_state *s, struct app *app)
{
    char when[TIME_BUF];
    if (!s->cur.id[0] || !s->settled) {
        app_message(app, ST_DIM, "This check-in is changed as it is: no "
                                 "need for e.");
        return H_HANDLED;
    }
    s->settled = false;
    if (s->cur.minute == CHECKIN_TIME_ABSENT)
        app_message(app, ST_OK, "Changing this check-in.");
    else
        app_message(app, ST_OK, "Changing the check-in of %s.",
                    time_format(s->cur.minute, when));
    return H_HANDLED;
}

static unsigned screen_request(struct checkin_state *s, struct app *app,
                               enum request r)
{
    switch (r) {
    case REQ_NEXT_FIELD:
    case REQ_PREV_FIELD:
    case REQ_NEXT_SECTION:
    case REQ_PREV_SECTION:
        return checkin_rows_move(s, r);
    case REQ_BODY:
        s->focus = FOCUS_BODY;
        return H_HANDLED;
    case REQ_TAGS:
        open_tags(s, app);
        return H_HANDLED;
    case REQ_NOTE:
        open_note(s, app);
        return H_HANDLED;
    case REQ_UNDO:
        return checkin_screen_undo(s, app);
    case REQ_COPY_PREVIOUS:
        return checkin_quick_copy_previous(s, app);
    case REQ_SET_TIME:
        return checkin_quick_ask_time(s, app);
    case REQ_REMOVE:
        return checkin_screen_ask_remove(s, app);
    case REQ_CHANGE_SETTLED:
        return change_settled(s, app);
    case REQ_PREV_DAY:
    case REQ_NEXT_DAY:
        return change_day(s, app, s->day + (r == REQ_NEXT_DAY ? 1 : -1));
    case REQ_TODAY:
        return change_day(s, app, app->today);
    case REQ_NEW_CHECKIN:
    case REQ_PREV_CHECKIN:
    case REQ_NEXT_CHECKIN:
        return change_checkin(s, app, r);
    default:
        return H_IGNORED;
    }
}

/* A click on a field focuses it; on a slider's bar, or a yes/no's
 * answer, it sets the value there too. */
static unsigned click_field(struct checkin_state *s, struct app *app,
                            const struct checkin_layout *l, int x, int y)
{
    int row = checkin_rows_at(l, y);
    if (row < 0)
        return H_IGNORED;
    s->focus = l->rows.key[row];
    int v = control_value_at(l->left_w, s->focus, x);
    if (v >= 0 && (y - l->slider_y) % SLIDER_ROWS == 0)
        set_value(s, app, v);
    return H_HANDLED;
}

/* A click on "more above" or "more below" brings the next field from
 * there into view, with the focus. */
static bool click_more(struct checkin_state *s, const struct checkin_layout *l,
                       int y)
{
    int row = -1;
    if (y == l->slider_y - 1 && l->first_row > 0)
        row = l->first_row - 1;
    else if (y == l->tags_y - 1 &&
             l->first_row + l->rows_shown < l->rows.n)
        row = l->first_row + l->rows_shown;
    if (row >= 0)
        s->focus = l->rows.key[row];
    return row >= 0;
}

static unsigned handle_mouse(struct checkin_state *s, struct app *app,
                             const struct term_event *ev)
{
    struct checkin_layout l;
    checkin_screen_layout(s, app, app->grid, &l);
    if (ev->wheel)
        return checkin_rows_move(s, ev->wheel > 0 ? REQ_NEXT_FIELD
                                                  : REQ_PREV_FIELD);
    if (!ev->mouse_down)
        return H_IGNORED;
    int region = bodymap_hit(ev->x - l.body_x, ev->y - l.body_y, app->utf8);
    if (region >= 0) {
        s->focus = FOCUS_BODY;
        s->region = region;
        toggle_region(s, app, region, !(s->cur.regions & (1u << region)));
        return H_HANDLED;
    }
    if (ev->x >= l.left_w)
        return H_IGNORED;
    if (click_more(s, &l, ev->y))
        return H_HANDLED;
    if (checkin_rows_at(&l, ev->y) >= 0)
        return click_field(s, app, &l, ev->x, ev->y);
    if (ev->y == l.tags_y)
        open_tags(s, app);
    else if (ev->y >= l.note_y && ev->y < l.doses_y)
        open_note(s, app);
    return H_HANDLED;
}

/* What a key asks for where the focus is: a yes/no field takes y and n
 * before the screen does. */
static enum request lookup(const struct checkin_state *s, int key)
{
    const struct field_info *fi =
        s->focus >= 0 ? checkin_field_info(s->focus) : NULL;
    enum request r = fi && fi->kind == FIELD_YESNO
                         ? binding_lookup(yesno_keys, key)
                         : REQ_NONE;
    return r != REQ_NONE ? r : binding_lookup(checkin_bindings, key);
}

static unsigned checkin_handle_key(struct checkin_state *s, struct app *app,
                                   const struct term_event *ev)
{
    /* Every key passes here: one that does not go on with a number being
     * typed ends it before it acts, so that no digit carries over. */
    if (!checkin_typing_goes_on(s, ev->key))
        checkin_typing_end(s, app);
    checkin_typing_flow(s, ev->key);
    if (checkin_screen_answer(s, app, ev->key))
        return H_HANDLED;
    if (checkin_quick_time_key(s, app, ev->key))
        return H_HANDLED;
    if (s->picker)
        return tagpick_handle(s, app, ev);
    if (s->note)
        return noteedit_handle(s, app, ev);
    if (ev->key == TK_MOUSE)
        return handle_mouse(s, app, ev);
    if (checkin_quick_find_key(s, app, ev->key))
        return H_HANDLED;
    enum request r = lookup(s, ev->key);
    unsigned flags = H_IGNORED;
    if (s->focus >= 0 && checkin_field_info(s->focus))
        flags = field_request(s, app, r, ev->key);
    else if (s->focus == FOCUS_BODY)
        flags = body_request(s, app, r);
    else if (s->focus == FOCUS_DOSES)
        flags = checkin_doses_request(s, app, r);
    else
        flags = row_request(s, app, r);
    return flags ? flags : screen_request(s, app, r);
}

static unsigned checkin_handle(void *state, struct app *app,
                               const struct term_event *ev)
{
    struct checkin_state *s = state;
    unsigned flags = checkin_handle_key(s, app, ev);
    app->open_day = s->day; /* where the calendar would open */
    return flags;
}

/* Ends a number whose time to go on is over (its mark goes), and
 * retries a change the diary was busy for. */
static unsigned checkin_tick(void *state, struct app *app)
{
    struct checkin_state *s = state;
    unsigned flags = H_IGNORED;
    if (checkin_typing_ms_left(s) == 0) {
        checkin_typing_end(s, app);
        flags = H_REDRAW;
    }
    if (checkin_quick_find_ms_left(s) == 0) { /* a pause ends a find */
        checkin_quick_find_end(s, app);
        flags = H_REDRAW;
    }
    if (s->pending) {
        checkin_screen_save(s, app);
        if (!s->pending)
            app_message(app, ST_OK, "Saved.");
        flags = H_REDRAW;
    }
    return flags;
}

/* The sooner of the end of a number's time and the next retry. */
static int checkin_tick_after(void *state)
{
    const struct checkin_state *s = state;
    int waits[] = {checkin_typing_ms_left(s), checkin_quick_find_ms_left(s),
                   s->pending ? RETRY_MS : -1};
    int soonest = -1;
    for (size_t i = 0; i < sizeof waits / sizeof waits[0]; i++)
        if (waits[i] >= 0 && (soonest < 0 || waits[i] < soonest))
            soonest = waits[i];
    return soonest;
}

static const struct binding *checkin_bindings_now(void *state)
{
    const struct checkin_state *s = state;
    if (s->picker)
        return tagpick_bindings_of(s->picker);
    return s->note ? noteedit_bindings : checkin_bindings;
}

/* The status line names the keys of the field the focus is on. */
static const struct binding *checkin_status_now(void *state)
{
    const struct checkin_state *s = state;
    const struct field_info *fi =
        s->focus >= 0 ? checkin_field_info(s->focus) : NULL;
    if (fi && fi->kind == FIELD_YESNO)
        return yesno_status;
    if (fi && (fi->kind == FIELD_TALLY || fi->kind == FIELD_MINUTES))
        return number_status;
    if (s->focus == FOCUS_DOSES)
        return doses_status;
    if (s->focus == FOCUS_BODY)
        return body_status;
    if (s->focus == FOCUS_TAGS)
        return tags_status;
    if (s->focus == FOCUS_NOTE)
        return note_status;
    return checkin_bindings;
}

const struct screen_ops checkin_screen = {
    .name = "check-in",
    .min_w = 80,
    .min_h = 24,
    .open = checkin_open,
    .close = checkin_close,
    .draw = checkin_screen_draw,
    .handle = checkin_handle,
    .resume = checkin_resume,
    .tick = checkin_tick,
    .tick_after = checkin_tick_after,
    .bindings = checkin_bindings,
    .bindings_now = checkin_bindings_now,
    .status_now = checkin_status_now,
};
