/* The check-in screen's writing: every change stored the moment it is
 * made, as part of this sitting's change (so the many saves of a sitting
 * make one version in the diary's history), stating the revision it read.
 *
 * When another program changed the check-in meanwhile, the diary refuses
 * the write; the screen reloads the check-in as it now is, puts the
 * person's own changes back onto it (checkin_merge3), says so and saves
 * again. When it was removed meanwhile, the screen offers it back. A
 * change the diary cannot take yet (busy, full) is kept and retried, and
 * quitting with one still unsaved says so.
 *
 * The screen keeps its own steps for u: the check-in as it was before
 * each change (a typed number, a region, a tag, a note's editing), back
 * to how it was when the screen showed it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/store.h"
#include "ache/util.h"
#include "checkin_impl.h"

/* How many times a write refused for a change made elsewhere is tried
 * again on the reloaded check-in before the screen gives up. */
#define RELOAD_TRIES 3
/* A check-in made longer ago than this is settled: the first change of a
 * sitting starts a new check-in instead (the morning's is not typed over
 * in the evening); e changes it all the same. */
#define SETTLE_MS (3 * 60 * 60 * 1000)

/* ---- what is shown ------------------------------------------------------------ */

static void clear_steps(struct checkin_state *s)
{
    checkin_list_free(&s->steps);
}

/* A check-in shown anew is a new sitting: its own change, its own steps. */
static void new_sitting(struct checkin_state *s)
{
    clear_steps(s);
    s->sitting = (struct store_change){.source = STORE_BY_SCREEN};
    s->gone = s->confirm_remove = s->timed = false;
}

void checkin_screen_show_new(struct checkin_state *s)
{
    checkin_free(&s->cur);
    checkin_init(&s->cur, s->day);
    s->index = (int)s->saved.n;
    s->focus = checkin_rows_first(s); /* the next number goes to the top */
    s->scroll = 0;
    s->settled = false;
    new_sitting(s);
}

static bool is_settled(const struct checkin *c)
{
    return c->created_at == 0 || stamp_now() - c->created_at > SETTLE_MS;
}

static void say_settled(const struct checkin_state *s, struct app *app)
{
    char when[TIME_BUF];
    if (!s->settled || s->cur.minute == CHECKIN_TIME_ABSENT)
        return;
    app_message(app, ST_DIM, "The %s check-in stays as it is: what you set "
                             "starts a new one (e: edit).",
                time_format(s->cur.minute, when));
}

void checkin_screen_show(struct checkin_state *s, struct app *app, int index)
{
    checkin_free(&s->cur);
    checkin_copy(&s->cur, &s->saved.items[index]);
    s->index = index;
    s->settled = is_settled(&s->cur);
    new_sitting(s);
    checkin_rows_read_week(s, app);
    s->focus = checkin_rows_first(s);
    s->scroll = 0;
    say_settled(s, app);
}

/* The day's check-ins from the diary; false (with a message) when they
 * could not be read. */
static bool read_day(struct checkin_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    checkin_list_free(&s->saved);
    checkin_doses_read(s, app); /* the medicines taken that day */
    if (store_list_range(app->store, s->day, s->day, &s->saved, &err) ==
        ACHE_OK)
        return true;
    app_message(app, ST_ERROR, "%s", err.msg);
    return false;
}

void checkin_screen_load_day(struct checkin_state *s, struct app *app,
                             ache_day day)
{
    s->day = day;
    read_day(s, app);
    if (s->saved.n > 0) {
        checkin_screen_show(s, app, (int)s->saved.n - 1);
    } else {
        checkin_screen_show_new(s);
        checkin_rows_read_week(s, app);
    }
}

/* ---- steps for u ------------------------------------------------------------------ */

void checkin_screen_unsettle(struct checkin_state *s, struct app *app)
{
    char when[TIME_BUF] = "";
    if (!s->settled)
        return;
    if (s->cur.minute != CHECKIN_TIME_ABSENT)
        time_format(s->cur.minute, when);
    /* the change about to be made is made where the person is: a number
     * typed on fatigue is fatigue's, and the focus stays there */
    int focus = s->focus;
    checkin_screen_show_new(s);
    s->focus = focus;
    app_message(app, ST_DIM, "A new check-in: the one of %s stays as it "
                             "was (< shows it).",
                when[0] ? when : "earlier");
}

void checkin_screen_step(struct checkin_state *s, struct app *app)
{
    checkin_screen_unsettle(s, app);
    checkin_copy(checkin_list_push(&s->steps), &s->cur);
}

/* Own values as the built-in ones: each one the other program changed
 * from `was` is as it set it (the others stay as the step has them). */
static void take_their_own(struct checkin *step, const struct checkin *was,
                           const struct checkin *now)
{
    for (size_t i = 0; i < was->nown; i++) {
        int key = was->own[i].key;
        if (checkin_get(now, key) != was->own[i].steps)
            checkin_set(step, key, checkin_get(now, key));
    }
    for (size_t i = 0; i < now->nown; i++)
        if (checkin_get(was, now->own[i].key) != now->own[i].steps)
            checkin_set(step, now->own[i].key, now->own[i].steps);
}

/* Each step as the person made it, put onto the check-in as it now is
 * (another program changed it from `was`): an undo never takes back
 * someone else's change. A value (or the time, the date, the note) the
 * other program set stays as it set it in every step, even where the
 * person had changed it before: their later change replaced the
 * person's. Regions and tags go one by one (checkin_merge3), own values
 * key by key (take_their_own). */
static void rebase_steps(struct checkin_state *s, const struct checkin *was,
                         const struct checkin *now)
{
    unsigned theirs = checkin_diff(was, now) &
                      ~(CHECKIN_PART(CP_REGIONS) | CHECKIN_PART(CP_TAGS) |
                        CHECKIN_PART(CP_OWN));
    for (size_t i = 0; i < s->steps.n; i++) {
        struct checkin moved;
        checkin_copy(&moved, now);
        checkin_merge3(&moved, was, &s->steps.items[i]);
        checkin_take_parts(&moved, now, theirs);
        take_their_own(&moved, was, now);
        checkin_free(&s->steps.items[i]);
        s->steps.items[i] = moved;
    }
}

unsigned checkin_screen_undo(struct checkin_state *s, struct app *app)
{
    /* steps that changed nothing in the end (a refused number) go */
    while (s->steps.n &&
           checkin_diff(&s->steps.items[s->steps.n - 1], &s->cur) == 0)
        checkin_free(&s->steps.items[--s->steps.n]);
    if (s->steps.n == 0) {
        app_message(app, ST_DIM, "Nothing to undo here (ache undo reverses "
                                 "the diary's last change).");
        return H_HANDLED;
    }
    struct checkin *back = &s->steps.items[--s->steps.n];
    struct strbuf what = {0};
    checkin_describe_change(&s->cur, back, checkin_diff(&s->cur, back),
                            &what);
    checkin_take_parts(&s->cur, back, CHECKIN_ALL_PARTS);
    checkin_free(back);
    checkin_screen_save(s, app);
    if (s->reloaded)
        app_message(app, ST_WARN, "Changed elsewhere: reloaded; undone: %s",
                    strbuf_str(&what));
    else if (!s->pending && !s->gone)
        app_message(app, ST_OK, "Undone: %s", strbuf_str(&what));
    strbuf_free(&what);
    return H_HANDLED;
}

/* ---- saving ---------------------------------------------------------------------- */

/* Keeps the day's list in step with what was just stored. */
static void remember_saved(struct checkin_state *s)
{
    if (s->index < (int)s->saved.n) {
        checkin_free(&s->saved.items[s->index]);
    } else {
        checkin_list_push(&s->saved);
        s->index = (int)s->saved.n - 1;
    }
    checkin_copy(&s->saved.items[s->index], &s->cur);
}

/* Takes the shown check-in out of the day's list (it is no longer
 * stored); a new one is shown in its place. */
static void forget_shown(struct checkin_state *s)
{
    if (s->index < (int)s->saved.n) {
        checkin_free(&s->saved.items[s->index]);
        memmove(&s->saved.items[s->index], &s->saved.items[s->index + 1],
                (s->saved.n - (size_t)s->index - 1) *
                    sizeof s->saved.items[0]);
        s->saved.n--;
    }
}

/* The check-in as another program left it, with the person's changes put
 * back onto it; false when it could not be read (removed meanwhile: the
 * write that follows says so). */
static bool reload_and_reapply(struct checkin_state *s, struct app *app,
                               struct ache_err *err)
{
    struct checkin fresh;
    if (store_get(app->store, s->cur.id, &fresh, err) != ACHE_OK) {
        checkin_free(&fresh);
        return false;
    }
    /* the person's changes are the difference between base and cur; from
     * now on, from the check-in as it is */
    struct checkin base = s->saved.items[s->index];
    checkin_copy(&s->saved.items[s->index], &fresh);
    rebase_steps(s, &base, &fresh);
    checkin_merge3(&fresh, &base, &s->cur);
    checkin_free(&base);
    checkin_free(&s->cur);
    s->cur = fresh;
    return true;
}

/* A check-in emptied of everything is removed rather than kept as an
 * empty record, so a value set by mistake can be taken back whole; it is
 * kept in the diary's history like any removal. A check-in another
 * program changed meanwhile is reloaded first, the emptying put onto it:
 * false when it then has values of theirs, and is to be written instead. */
static bool remove_emptied(struct checkin_state *s, struct app *app,
                           bool *reloaded)
{
    struct ache_err err = {{0}};
    enum ache_status st = store_remove(app->store, &s->saved.items[s->index],
                                       NULL, &err);
    for (int i = 1; st == ACHE_ERR_CONFLICT && i < RELOAD_TRIES; i++) {
        if (reload_and_reapply(s, app, &err)) {
            *reloaded = true;
            if (checkin_has_any_value(&s->cur))
                return false;
        }
        st = store_remove(app->store, &s->saved.items[s->index], NULL, &err);
    }
    s->pending = st == ACHE_ERR_BUSY;
    if (st != ACHE_OK && st != ACHE_ERR_GONE) { /* gone: not stored either */
        snprintf(s->why, sizeof s->why, "%s", err.msg);
        app_message(app, st == ACHE_ERR_BUSY ? ST_WARN : ST_ERROR, "%s",
                    err.msg);
        return true;
    }
    forget_shown(s);
    s->cur.id[0] = '\0';
    s->cur.rev = 0;
    if (s->timed) /* a value set later begins it anew, at that time */
        s->cur.minute = CHECKIN_TIME_ABSENT;
    s->timed = false;
    s->index = (int)s->saved.n;
    app_message(app, ST_DIM, "Emptied: this check-in is no longer stored.");
    return true;
}

/* One write of the shown check-in; a change made elsewhere meanwhile is
 * reloaded under the person's own and written again. */
static enum ache_status write_shown(struct checkin_state *s, struct app *app,
                                    bool *reloaded, struct ache_err *err)
{
    bool is_new = s->cur.id[0] == '\0';
    if (is_new && s->cur.minute == CHECKIN_TIME_ABSENT &&
        s->day == app->today) {
        /* the time it was begun at: no step for u, so that undoing the
         * first value takes back that value, never the time */
        s->cur.minute = time_now_local();
        s->timed = true;
        for (size_t i = 0; i < s->steps.n; i++)
            if (s->steps.items[i].minute == CHECKIN_TIME_ABSENT)
                s->steps.items[i].minute = s->cur.minute;
    }
    s->sitting.detail = is_new ? NULL : s->cur.id;
    if (is_new)
        return store_add(app->store, &s->cur, &s->sitting, err);
    enum ache_status st = store_update(app->store, &s->cur, &s->sitting, err);
    for (int i = 1; st == ACHE_ERR_CONFLICT && i < RELOAD_TRIES; i++) {
        *reloaded = reload_and_reapply(s, app, err) || *reloaded;
        st = store_update(app->store, &s->cur, &s->sitting, err);
    }
    return st;
}

static void say_not_saved(struct checkin_state *s, struct app *app,
                          enum ache_status st, const struct ache_err *err)
{
    snprintf(s->why, sizeof s->why, "%s", err->msg);
    if (st == ACHE_ERR_GONE) {
        s->gone = true;
        app_message(app, ST_WARN, "Removed elsewhere: r brings it back with "
                                  "your change; other keys leave it.");
    } else if (st == ACHE_ERR_BUSY) {
        app_message(app, ST_WARN, "The diary is busy (another ache?): your "
                                  "change is kept and will be saved.");
    } else {
        app_message(app, ST_ERROR, "Not saved, will try again: %s",
                    err->msg);
    }
}

void checkin_screen_save(struct checkin_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    bool reloaded = false;
    s->reloaded = false;
    if (!checkin_has_any_value(&s->cur)) {
        if (!s->cur.id[0]) {
            s->pending = false;
            return;
        }
        if (remove_emptied(s, app, &reloaded))
            return;
        /* reloaded, it has values given elsewhere: written as it is */
    }
    enum ache_status st = write_shown(s, app, &reloaded, &err);
    s->pending = st != ACHE_OK && st != ACHE_ERR_GONE;
    if (st != ACHE_OK) {
        say_not_saved(s, app, st, &err);
        return;
    }
    remember_saved(s);
    checkin_doses_read(s, app); /* doses another wrote meanwhile */
    s->reloaded = reloaded;
    if (reloaded)
        app_message(app, ST_WARN, "Changed elsewhere: reloaded, with your "
                                  "change saved on top.");
}

bool checkin_screen_can_leave(struct checkin_state *s, struct app *app)
{
    if (s->pending)
        checkin_screen_save(s, app);
    if (s->pending)
        app_message(app, ST_WARN, "Waiting to save your change first.");
    return !s->pending;
}

/* ---- removed: D here, or elsewhere --------------------------------------------------- */

unsigned checkin_screen_ask_remove(struct checkin_state *s, struct app *app)
{
    if (!s->cur.id[0]) {
        app_message(app, ST_DIM, "Nothing to remove: this check-in is not "
                                 "stored.");
        return H_HANDLED;
    }
    s->confirm_remove = true;
    app_message(app, ST_WARN, "Remove this check-in? y: yes (ache undo "
                              "brings it back); any other key: no");
    return H_HANDLED;
}

static void remove_shown(struct checkin_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    char id[CHECKIN_ID_LEN + 1];
    snprintf(id, sizeof id, "%s", s->cur.id);
    enum ache_status st = store_remove(app->store, &s->cur, NULL, &err);
    if (st == ACHE_ERR_CONFLICT) {
        /* not removed unseen: shown as it now is, to be removed again */
        checkin_screen_reload(s, app);
        app_message(app, ST_WARN, "Changed elsewhere meanwhile: reloaded, "
                                  "not removed (D removes it).");
        return;
    }
    if (st == ACHE_ERR_GONE) {
        checkin_screen_load_day(s, app, s->day);
        app_message(app, ST_DIM, "Already removed elsewhere: `ache restore "
                                 "%.8s` brings it back.",
                    id);
        return;
    }
    if (st != ACHE_OK) {
        app_message(app, ST_ERROR, "Not removed: %s", err.msg);
        return;
    }
    checkin_screen_load_day(s, app, s->day);
    app_message(app, ST_OK, "Removed: `ache undo` or `ache restore %.8s` "
                            "brings it back.",
                id);
}

/* Brings back the check-in removed elsewhere, with the person's change
 * put onto it as it was when it was removed. */
static void bring_back(struct checkin_state *s, struct app *app)
{
    struct ache_err err = {{0}};
    struct checkin back;
    if (store_restore(app->store, s->cur.id, NULL, &back, &err) != ACHE_OK) {
        checkin_free(&back);
        app_message(app, ST_ERROR, "Not brought back: %s", err.msg);
        return;
    }
    struct checkin base = s->saved.items[s->index];
    checkin_copy(&s->saved.items[s->index], &back);
    rebase_steps(s, &base, &back);
    checkin_merge3(&back, &base, &s->cur);
    checkin_free(&base);
    checkin_free(&s->cur);
    s->cur = back;
    s->gone = false;
    checkin_screen_save(s, app);
    if (!s->pending)
        app_message(app, ST_OK, "Brought back, with your change.");
}

/* The answer to a question the screen asked (remove? bring back?);
 * false when none was asked. */
bool checkin_screen_answer(struct checkin_state *s, struct app *app, int key)
{
    if (s->confirm_remove) {
        s->confirm_remove = false;
        if (key == 'y' || key == 'Y')
            remove_shown(s, app);
        else
            app_message(app, ST_DIM, "Kept.");
        return true;
    }
    if (!s->gone)
        return false;
    if (key == 'q' && !s->note && !s->picker)
        return false; /* quitting says the change was not saved */
    char id[CHECKIN_ID_LEN + 1];
    snprintf(id, sizeof id, "%s", s->cur.id);
    if (key == 'r' || key == 'R') {
        bring_back(s, app);
        return true;
    }
    /* the note or the tags being changed were the removed check-in's:
     * they close, and never go on in the check-in shown next */
    noteedit_close(s);
    tagpick_close(s->picker);
    s->picker = NULL;
    checkin_screen_load_day(s, app, s->day);
    app_message(app, ST_DIM, "Left removed: `ache restore %.8s` brings it "
                             "back.",
                id);
    return true;
}

/* ---- coming back and leaving ---------------------------------------------------------- */

/* The check-in shown is no longer on its day: moved to another (its
 * date changed elsewhere), which the screen follows, or removed. */
static void lost_from_day(struct checkin_state *s, struct app *app,
                          const char *id)
{
    struct checkin moved;
    struct ache_err err = {{0}};
    char day[DATE_BUF];
    bool there = store_get(app->store, id, &moved, &err) == ACHE_OK;
    checkin_screen_load_day(s, app, there ? moved.date : s->day);
    for (size_t i = 0; there && i < s->saved.n; i++)
        if (strcmp(s->saved.items[i].id, id) == 0)
            checkin_screen_show(s, app, (int)i);
    if (there)
        app_message(app, ST_WARN, "The check-in shown was moved to %s "
                                  "elsewhere.",
                    date_format(moved.date, day));
    else
        app_message(app, ST_WARN, "The check-in shown was removed "
                                  "elsewhere.");
    checkin_free(&moved);
}

void checkin_screen_reload(struct checkin_state *s, struct app *app)
{
    if (s->pending || s->gone)
        return; /* its own change waits; the write will meet any other */
    char id[CHECKIN_ID_LEN + 1];
    snprintf(id, sizeof id, "%s", s->cur.id);
    struct checkin was;
    checkin_copy(&was, &s->cur);
    if (!read_day(s, app))
        s->saved.n = 0;
    int found = -1;
    for (size_t i = 0; id[0] && i < s->saved.n; i++)
        if (strcmp(s->saved.items[i].id, id) == 0)
            found = (int)i;
    if (found >= 0) {
        rebase_steps(s, &was, &s->saved.items[found]);
        checkin_free(&s->cur);
        checkin_copy(&s->cur, &s->saved.items[found]);
        s->index = found;
    } else if (id[0]) {
        lost_from_day(s, app, id);
    } else {
        s->index = (int)s->saved.n; /* a new one, not stored yet */
    }
    checkin_free(&was);
    checkin_rows_read_week(s, app); /* another may have answered one */
}

void checkin_screen_last_try(struct checkin_state *s, struct app *app)
{
    char id[CHECKIN_ID_LEN + 1];
    snprintf(id, sizeof id, "%s", s->cur.id);
    if (s->pending) {
        store_set_busy_timeout(app->store, 10000);
        checkin_screen_save(s, app);
    }
    if (s->pending) {
        /* what is lost, in words: the person may put it in again */
        struct strbuf what = {0};
        struct checkin none;
        checkin_init(&none, s->day);
        const struct checkin *before =
            s->index < (int)s->saved.n ? &s->saved.items[s->index] : &none;
        checkin_describe_change(before, &s->cur, checkin_diff(before, &s->cur),
                                &what);
        app_unsaved(app, "your change to the check-in (%s) was not saved: %s",
                    strbuf_str(&what), s->why);
        strbuf_free(&what);
    }
    else if (s->gone)
        app_unsaved(app, "your change to check-in %.8s was not saved: it "
                         "was removed elsewhere (`ache restore %.8s` brings "
                         "it back)",
                    id, id);
}
