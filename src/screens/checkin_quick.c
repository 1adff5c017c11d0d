/* Fewer keys on the check-in screen: p copies the regions and tags of the
 * previous check-in (never its values or note), T sets the check-in's
 * time with a forgiving prompt, and / on the body map finds a region by
 * its name. Each change is one step for u and is saved like any other
 * (checkin_screen_save, with the revision it read). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"
#include "ache/store.h"
#include "ache/term.h"
#include "ache/util.h"
#include "checkin_impl.h"

/* A pause this long ends a find. */
#define FIND_PAUSE_MS 2500

/* ---- the check-ins before the one shown ------------------------------------ */

static void push_latest_first(const struct checkin_list *got, size_t n,
                              struct checkin_list *out)
{
    for (size_t i = got->n; i > 0 && out->n < n; i--)
        checkin_copy(checkin_list_push(out), &got->items[i - 1]);
}

void checkin_quick_before(struct checkin_state *s, struct app *app, size_t n,
                          struct checkin_list *out)
{
    /* the day's list is in the order of the day: those before the one
     * shown (all of them for a new one) came before it */
    for (int i = s->index - 1; i >= 0 && out->n < n; i--)
        if (i < (int)s->saved.n)
            checkin_copy(checkin_list_push(out), &s->saved.items[i]);
    ache_day first, last;
    bool empty = true;
    struct ache_err err = {{0}};
    if (out->n >= n ||
        store_date_span(app->store, &first, &last, &empty, &err) != ACHE_OK ||
        empty)
        return;
    /* back from the day before, a week, then ever wider: a diary of
     * every day finds what it needs in the first read */
    ache_day to = s->day - 1;
    long span = 7;
    while (out->n < n && to >= first) {
        ache_day from = to - span + 1 < first ? first : to - span + 1;
        struct checkin_list got = {0};
        if (store_list_range(app->store, from, to, &got, &err) != ACHE_OK) {
            checkin_list_free(&got);
            app_message(app, ST_ERROR, "%s", err.msg);
            return;
        }
        push_latest_first(&got, n, out);
        checkin_list_free(&got);
        to = from - 1;
        span *= 8;
    }
}

/* ---- p: the previous check-in's regions and tags ------------------------------ */

/* "Mon 23 Nov 08:10", "Mon 23 Nov" for a check-in with no time. */
static void describe_when(const struct checkin *c, char *buf, size_t size)
{
    int y, m, d;
    char when[TIME_BUF] = "";
    date_to_ymd(c->date, &y, &m, &d);
    if (c->minute != CHECKIN_TIME_ABSENT)
        time_format(c->minute, when);
    snprintf(buf, size, "%s %d %s%s%s", date_weekday_abbr(date_weekday(c->date)),
             d, date_month_abbr(m), when[0] ? " " : "", when);
}

/* Adds what prev has and the check-in shown lacks; counts what it added. */
static void add_missing(struct checkin *cur, const struct checkin *prev,
                        int *regions, int *tags)
{
    *regions = region_set_count(prev->regions & ~cur->regions);
    cur->regions |= prev->regions;
    *tags = 0;
    for (size_t i = 0; i < prev->ntags && cur->ntags < CHECKIN_TAGS_MAX; i++)
        if (!checkin_has_tag(cur, prev->tags[i])) {
            checkin_add_tag(cur, prev->tags[i]);
            (*tags)++;
        }
}

static bool adds_something(const struct checkin *cur,
                           const struct checkin *prev)
{
    if (prev->regions & ~cur->regions)
        return true;
    for (size_t i = 0; i < prev->ntags; i++)
        if (!checkin_has_tag(cur, prev->tags[i]))
            return cur->ntags < CHECKIN_TAGS_MAX;
    return false;
}

unsigned checkin_quick_copy_previous(struct checkin_state *s, struct app *app)
{
    struct checkin_list prev = {0};
    char when[64];
    /* a settled check-in gives way first: the new one's previous is it */
    checkin_screen_unsettle(s, app);
    checkin_quick_before(s, app, 1, &prev);
    if (prev.n == 0) {
        app_message(app, ST_DIM, "No earlier check-in to copy regions and "
                                 "tags from.");
        checkin_list_free(&prev);
        return H_HANDLED;
    }
    const struct checkin *p = &prev.items[0];
    describe_when(p, when, sizeof when);
    if (!adds_something(&s->cur, p)) {
        app_message(app, ST_DIM, "Nothing to copy: the regions and tags of "
                                 "%s are here already.", when);
    } else {
        int regions, tags;
        checkin_screen_step(s, app);
        add_missing(&s->cur, p, &regions, &tags);
        checkin_screen_save(s, app);
        if (!s->pending && !s->gone && !s->reloaded)
            app_message(app, ST_OK, "Copied %d region%s, %d tag%s from %s "
                                    "(u takes it back).",
                        regions, regions == 1 ? "" : "s", tags,
                        tags == 1 ? "" : "s", when);
    }
    checkin_list_free(&prev);
    return H_HANDLED;
}

/* ---- T: the check-in's time ------------------------------------------------------- */

static void say_prompt(const struct checkin_state *s, struct app *app)
{
    app_message(app, ST_FOCUS, TIMEPROMPT_LEAD "%s_  (Enter sets, "
                                               "Esc cancels)",
                s->ask_time.text);
}

unsigned checkin_quick_ask_time(struct checkin_state *s, struct app *app)
{
    s->ask_time.active = true;
    s->ask_time.text[0] = '\0';
    say_prompt(s, app);
    return H_HANDLED;
}

static void set_time(struct checkin_state *s, struct app *app)
{
    char was[TIMEPROMPT_MAX], when[TIME_BUF];
    memcpy(was, s->ask_time.text, sizeof was);
    int minute = time_parse_short(was);
    if (minute < 0) {
        app_message(app, ST_WARN, "Time: '%s' is not a time of day (00:00 "
                                  "to 23:59); the time is kept.",
                    was);
        return;
    }
    time_format(minute, when);
    if (minute != s->cur.minute) {
        checkin_screen_step(s, app);
        s->cur.minute = minute;
        s->timed = false; /* the person's, not the screen's */
        checkin_screen_save(s, app);
    }
    if (s->pending || s->gone || s->reloaded)
        return; /* what the save said stays */
    if (s->cur.id[0])
        app_message(app, ST_OK, "Time: %s.", when);
    else
        app_message(app, ST_OK, "Time: %s, stored with the first value you "
                                "set.", when);
}

bool checkin_quick_time_key(struct checkin_state *s, struct app *app, int key)
{
    struct timeprompt *t = &s->ask_time;
    if (!t->active)
        return false;
    size_t n = strlen(t->text);
    if (key == TK_ENTER) {
        t->active = false;
        if (n)
            set_time(s, app);
        else
            app_message(app, ST_DIM, "Time unchanged.");
    } else if (key == TK_ESC) {
        t->active = false;
        app_message(app, ST_DIM, "Time unchanged.");
    } else if (key == TK_BACKSPACE) {
        if (n)
            t->text[n - 1] = '\0';
        say_prompt(s, app);
    } else if (key > ' ' && key < 0x7f && n + 1 < sizeof t->text) {
        t->text[n] = (char)key;
        t->text[n + 1] = '\0';
        say_prompt(s, app);
    }
    return true; /* the prompt keeps every key while it is open */
}

/* ---- / on the body map: a region by its name --------------------------------------- */

static void say_find(const struct checkin_state *s, struct app *app)
{
    const struct region_info *r = region_get(s->region);
    if (!s->find.text[0])
        app_message(app, ST_FOCUS, FIND_START "type its name (Enter "
                                              "ticks, Esc stops)");
    else
        app_message(app, ST_FOCUS, FIND_LEAD "%s_  %s (Enter ticks it)",
                    s->find.text, r ? r->name : "");
}

void checkin_quick_find_end(struct checkin_state *s, struct app *app)
{
    if (!s->find.active)
        return;
    s->find.active = false;
    s->find.text[0] = '\0';
    app->message[0] = '\0';
}

int checkin_quick_find_ms_left(const struct checkin_state *s)
{
    if (!s->find.active)
        return -1;
    int64_t left = s->find.last_ms + FIND_PAUSE_MS - checkin_typing_now_ms();
    return left > 0 ? (int)left : 0;
}

static void find_type(struct checkin_state *s, struct app *app, int key)
{
    struct regionfind *f = &s->find;
    size_t n = strlen(f->text);
    char longer[REGIONFIND_MAX];
    if (n + 2 > sizeof longer)
        return;
    memcpy(longer, f->text, n);
    longer[n] = (char)key;
    longer[n + 1] = '\0';
    int found = region_find_name(longer);
    if (found < 0) {
        app_message(app, ST_WARN, "Find: no region's name holds '%s' "
                                  "(Backspace erases).",
                    longer);
        return;
    }
    memcpy(f->text, longer, n + 2);
    s->region = found;
    say_find(s, app);
}

static void find_erase(struct checkin_state *s, struct app *app)
{
    size_t n = strlen(s->find.text);
    if (n == 0) {
        checkin_quick_find_end(s, app);
        return;
    }
    s->find.text[n - 1] = '\0';
    int found = region_find_name(s->find.text);
    if (found >= 0)
        s->region = found;
    say_find(s, app);
}

/* Enter on a region found ticks it (never unticks: it is where it
 * hurts), and the find ends. */
static void find_tick(struct checkin_state *s, struct app *app)
{
    region_set bit = 1u << s->region;
    const struct region_info *r = region_get(s->region);
    checkin_quick_find_end(s, app);
    if (!(s->cur.regions & bit)) {
        checkin_screen_step(s, app);
        s->cur.regions |= bit;
        checkin_screen_save(s, app);
    }
    if (!s->pending && !s->gone && !s->reloaded)
        app_message(app, ST_OK, "Ticked: %s.", r->name);
}

bool checkin_quick_find_key(struct checkin_state *s, struct app *app, int key)
{
    struct regionfind *f = &s->find;
    if (!f->active) {
        if (key != '/')
            return false;
        s->focus = FOCUS_BODY; /* from anywhere on the form */
        f->active = true;
        f->text[0] = '\0';
        f->last_ms = checkin_typing_now_ms();
        say_find(s, app);
        return true;
    }
    f->last_ms = checkin_typing_now_ms();
    if (key == TK_ENTER) {
        find_tick(s, app);
    } else if (key == TK_ESC) {
        checkin_quick_find_end(s, app);
    } else if (key == TK_BACKSPACE) {
        find_erase(s, app);
    } else if (key >= ' ' && key < 0x7f && (key != ' ' || f->text[0])) {
        find_type(s, app, key); /* a space belongs to names: left hip */
    } else {
        checkin_quick_find_end(s, app); /* an arrow, Tab: moves as usual */
        return false;
    }
    return true;
}
