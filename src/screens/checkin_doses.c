/* The check-in screen's doses row: a line for each medicine taken on the
 * day shown (its regimen covers the day), under the note. Facts only,
 * never advice.
 *
 * A medicine taken at times of day shows them as ticks:
 * "amitriptyline 10 mg: [x] 08:00 [ ] 21:00". A dose of it noted that day
 * ticks one time: the doses in order of their time, each ticks the
 * nearest time not ticked yet (an earlier one on a tie; a dose without a
 * time the first not ticked), so two doses near 08:00 tick 08:00 and the
 * next. Space or Enter on a time not ticked records a dose there (the
 * regimen's amount and unit, the day shown, that time), a change of its
 * own that `ache undo` takes back; a time not reached yet today may be
 * ticked too, as a dose may be taken early. On a ticked time, it removes
 * the dose that ticks it (a tick by mistake), kept whole so that `ache
 * undo` brings it back.
 *
 * Both writes state what the row was read from: a tick the regimen's
 * period at its revision and the medicine's doses of the day, an untick
 * the dose at its revision. When
 * another program changed either since, the write is refused, the row is
 * read again and the person sees what is now there before pressing
 * again: the screen never writes from a stale copy.
 *
 * A medicine taken as needed shows what the doses say. Today: the last
 * dose of the 24 hours before now and their total ("ibuprofen: last dose
 * 3 h ago; 1,200 mg in 24 h", whole hours rounded down, minutes under an
 * hour; "no dose in 24 h" when none), from the doses with a time; a past
 * day: that day's ("2 doses, 800 mg that day").
 *
 * The medicines and doses are read when a day is shown, after a save and
 * after a tick: never while drawing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ache/app.h"
#include "ache/bodymap_draw.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/meds.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "checkin_impl.h"

#define DAY_MINUTES 1440

void checkin_doses_free(struct checkin_state *s)
{
    free(s->dose_rows);
    s->dose_rows = NULL;
    s->ndose_rows = 0;
    dose_list_free(&s->doses);
}

static bool same_med(const struct dose *d, const char *name)
{
    return strcasecmp(d->med, name) == 0;
}

/* Each dose of the day ticks the nearest time not ticked yet. */
static void tick(struct dose_row *r, const struct dose_list *doses,
                 ache_day day)
{
    for (size_t i = 0; i < doses->n; i++) {
        const struct dose *d = &doses->items[i];
        if (d->date != day || !same_med(d, r->med))
            continue;
        int best = -1, best_gap = 0;
        for (size_t t = 0; t < r->p.ntimes; t++) {
            if (r->ticked[t])
                continue;
            int gap = d->minute == CHECKIN_TIME_ABSENT
                          ? 0
                          : abs(d->minute - r->p.times[t]);
            if (best < 0 || gap < best_gap) {
                best = (int)t;
                best_gap = gap;
            }
        }
        if (best >= 0) {
            r->ticked[best] = true;
            r->ticked_by[best] = i;
        }
    }
}

void checkin_doses_read(struct checkin_state *s, struct app *app)
{
    struct med_list meds = {0};
    struct ache_err err = {{0}};
    checkin_doses_free(s);
    if (store_meds_list(app->store, &meds, &err) != ACHE_OK ||
        store_doses_list(app->store, s->day - 1, s->day, &s->doses, &err) !=
            ACHE_OK) {
        med_list_free(&meds);
        s->doses = (struct dose_list){0};
        if (s->focus == FOCUS_DOSES)
            s->focus = FOCUS_NOTE;
        return; /* the row is left out: the check-in goes on */
    }
    for (size_t i = 0; i < meds.n; i++) {
        const struct med_period *p = med_period_on(&meds.items[i], s->day);
        if (!p || (!p->as_needed && p->ntimes == 0))
            continue; /* no times to tick, no doses to tell of */
        s->dose_rows = xreallocarray(s->dose_rows, s->ndose_rows + 1,
                                     sizeof *s->dose_rows);
        struct dose_row *r = &s->dose_rows[s->ndose_rows++];
        memset(r, 0, sizeof *r);
        snprintf(r->med, sizeof r->med, "%s", meds.items[i].name);
        r->p = *p;
        if (!p->as_needed)
            tick(r, &s->doses, s->day);
    }
    med_list_free(&meds);
    if (s->ndose_rows == 0 && s->focus == FOCUS_DOSES)
        s->focus = FOCUS_NOTE;
    if (s->dose_line >= (int)s->ndose_rows)
        s->dose_line = s->ndose_rows ? (int)s->ndose_rows - 1 : 0;
}

/* "1,200" from 1200000 thousandths. */
static void amount_text(int64_t milli, char *out, size_t size)
{
    char plain[32];
    med_amount_format(milli, plain, sizeof plain);
    size_t whole = strcspn(plain, "."), o = 0;
    for (size_t i = 0; plain[i] && o + 2 < size; i++) {
        if (i > 0 && i < whole && (whole - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = plain[i];
    }
    out[o] = '\0';
}

/* What an as-needed medicine's doses say; forms from the longest. */
static void facts(const struct checkin_state *s, const struct dose_row *r,
                  int form, char *out, size_t size)
{
    int64_t now = stamp_now();
    ache_day today = stamp_local_day(now);
    long now_abs = (long)today * DAY_MINUTES + time_now_local();
    bool is_today = s->day == today;
    long last = -1, count = 0;
    int64_t total = 0;
    bool summed = true;
    const char *unit = NULL;
    for (size_t i = 0; i < s->doses.n; i++) {
        const struct dose *d = &s->doses.items[i];
        if (!same_med(d, r->med))
            continue;
        if (is_today) {
            if (d->minute == CHECKIN_TIME_ABSENT)
                continue;
            long at = (long)d->date * DAY_MINUTES + d->minute;
            if (at > now_abs || now_abs - at >= DAY_MINUTES)
                continue;
            if (at > last)
                last = at;
        } else if (d->date != s->day) {
            continue;
        }
        count++;
        if (!d->amount || (unit && strcmp(unit, d->unit) != 0))
            summed = false;
        unit = d->unit;
        total += d->amount;
    }
    const char *name = r->med;
    if (count == 0) {
        snprintf(out, size, "%s: no dose %s", name,
                 is_today ? "in 24 h" : "that day");
        return;
    }
    char sum[64], amount[32];
    if (summed) {
        amount_text(total, amount, sizeof amount);
        snprintf(sum, sizeof sum, "%s%s%s", amount, unit[0] ? " " : "",
                 unit);
    } else {
        snprintf(sum, sizeof sum, "%ld dose%s", count, count == 1 ? "" : "s");
    }
    if (!is_today) {
        if (summed)
            snprintf(out, size, "%s: %ld dose%s, %s that day", name, count,
                     count == 1 ? "" : "s", sum);
        else
            snprintf(out, size, "%s: %s that day", name, sum);
        return;
    }
    long ago = now_abs - last;
    char ago_text[32];
    if (ago < 60)
        snprintf(ago_text, sizeof ago_text, "%ld min ago", ago);
    else
        snprintf(ago_text, sizeof ago_text, "%ld h ago", ago / 60);
    static const char *const lead[] = {"last dose ", "last ", ""};
    snprintf(out, size, "%s: %s%s; %s in 24 h", name, lead[form], ago_text,
             sum);
}

/* "amitriptyline 10 mg: " (form 0) or "amitriptyline: " (form 1). */
static void head(const struct dose_row *r, int form, char *out, size_t size)
{
    char amount[32] = "";
    if (form == 0 && r->p.dose)
        snprintf(amount, sizeof amount, " %s%s%s",
                 med_amount_format(r->p.dose, (char[32]){0}, 32),
                 r->p.unit[0] ? " " : "", r->p.unit);
    snprintf(out, size, "%s%s: ", r->med, amount);
}

static int width(const char *s)
{
    return (int)text_width(s, strlen(s));
}

static void draw_scheduled(const struct checkin_state *s, struct app *app,
                           struct grid *g, int x, int y, int room,
                           const struct dose_row *r, bool focused)
{
    int ticks_w = (int)r->p.ntimes * 10 - 1; /* "[x] 08:00 " each */
    char text[200], cut[160];
    head(r, 0, text, sizeof text);
    if (width(text) + ticks_w > room)
        head(r, 1, text, sizeof text);
    if (width(text) + ticks_w > room) {
        int name_w = room - ticks_w - 2;
        text_ellipsize(r->med, (size_t)(name_w > 1 ? name_w : 1), !app->utf8,
                       cut, sizeof cut);
        snprintf(text, sizeof text, "%s: ", cut);
    }
    x += grid_text(g, x, y, text, ST_NORMAL, room);
    for (size_t t = 0; t < r->p.ntimes; t++) {
        char slot[16], when[TIME_BUF];
        snprintf(slot, sizeof slot, "[%c] %s", r->ticked[t] ? 'x' : ' ',
                 time_format(r->p.times[t], when));
        bool here = focused && (int)t == s->dose_slot;
        enum style st = here ? ST_FOCUS : r->ticked[t] ? ST_OK : ST_DIM;
        if (x + width(slot) > g->w)
            break;
        x += grid_text(g, x, y, slot, st, -1) + 1;
    }
}

static void draw_as_needed(const struct checkin_state *s, struct app *app,
                           struct grid *g, int x, int y, int room,
                           const struct dose_row *r)
{
    char text[256], cut[256];
    for (int form = 0; form < 3; form++) {
        facts(s, r, form, text, sizeof text);
        if (width(text) <= room)
            break;
    }
    text_ellipsize(text, (size_t)room, !app->utf8, cut, sizeof cut);
    grid_text(g, x, y, cut, ST_NORMAL, -1);
}

void checkin_doses_draw(const struct checkin_state *s, struct app *app,
                        struct grid *g, const struct checkin_layout *l)
{
    int bw, bh;
    bodymap_size(app->utf8, &bw, &bh);
    int body_last = l->body_y + bh + 1; /* the body map's two lines under */
    for (size_t i = 0; i < s->ndose_rows; i++) {
        int y = l->doses_y + (int)i;
        if (y >= g->h - 2)
            break;
        bool focused = s->focus == FOCUS_DOSES && (int)i == s->dose_line;
        if (focused)
            grid_put(g, 0, y, app->gl->arrow_right, ST_FOCUS);
        if (i == 0)
            grid_text(g, 2, y, "Doses", focused ? ST_FOCUS : ST_NORMAL, 6);
        /* beside the body map up to a column before it, else to the edge */
        int room = (y <= body_last ? l->body_x - 1 : g->w) - 9;
        const struct dose_row *r = &s->dose_rows[i];
        if (r->p.as_needed)
            draw_as_needed(s, app, g, 9, y, room, r);
        else
            draw_scheduled(s, app, g, 9, y, room, r, focused);
    }
}

/* " 10 mg" of a dose, or "" when it has no amount. */
static void amount_words(const struct dose *d, char *out, size_t size)
{
    char amount[32];
    out[0] = '\0';
    if (d->amount)
        snprintf(out, size, " %s%s%s",
                 med_amount_format(d->amount, amount, sizeof amount),
                 d->unit[0] ? " " : "", d->unit);
}

/* The doses of the row's medicine on the day shown, as the row read them. */
static struct store_dose_day day_read(const struct checkin_state *s,
                                      const struct dose_row *r)
{
    struct store_dose_day seen = {0, 0};
    for (size_t i = 0; i < s->doses.n; i++) {
        const struct dose *d = &s->doses.items[i];
        if (d->date != s->day || !same_med(d, r->med))
            continue;
        seen.count++;
        if (d->updated_at > seen.latest)
            seen.latest = d->updated_at;
    }
    return seen;
}

/* Space on a time not ticked: a dose there, with the regimen's amount and
 * unit as the store reads them when it writes, refused when the regimen
 * or the day's doses of the medicine are no longer those shown (another
 * program may have ticked this very time). */
static void tick_slot(struct checkin_state *s, struct app *app,
                      const struct dose_row *r, const char *when)
{
    struct store_dose_day seen_day = day_read(s, r);
    struct store_dose_new n = {.dose = {.date = s->day,
                                        .minute = r->p.times[s->dose_slot]},
                               .seen = &r->p,
                               .seen_day = &seen_day};
    snprintf(n.dose.med, sizeof n.dose.med, "%s", r->med);
    struct ache_err err = {{0}};
    enum ache_status st = store_dose_record(app->store, &n, NULL, &err);
    char amount[64];
    amount_words(&n.dose, amount, sizeof amount);
    if (st == ACHE_ERR_CONFLICT)
        app_message(app, ST_ERROR, "%s was changed elsewhere; read again, "
                                   "nothing recorded.",
                    r->med);
    else if (st != ACHE_OK)
        app_message(app, ST_ERROR, "%s", err.msg);
    else
        app_message(app, ST_OK, "Recorded %s%s at %s; `ache undo` takes it "
                                "back.",
                    n.dose.med, amount, when);
}

/* Space on a ticked time: the dose that ticks it removed, as it was read
 * with the row; refused when another program changed or removed it
 * since. */
static void untick_slot(struct checkin_state *s, struct app *app,
                        const struct dose_row *r, const char *when)
{
    const struct dose *d = &s->doses.items[r->ticked_by[s->dose_slot]];
    struct ache_err err = {{0}};
    enum ache_status st = store_dose_remove(app->store, d, NULL, &err);
    char amount[64];
    amount_words(d, amount, sizeof amount);
    if (st == ACHE_ERR_CONFLICT || st == ACHE_ERR_GONE)
        app_message(app, ST_ERROR, "%s at %s was %s elsewhere; read again, "
                                   "nothing removed.",
                    r->med, when,
                    st == ACHE_ERR_GONE ? "removed" : "changed");
    else if (st != ACHE_OK)
        app_message(app, ST_ERROR, "%s", err.msg);
    else
        app_message(app, ST_OK, "Removed the dose of %s%s at %s; `ache undo` "
                                "brings it back.",
                    d->med, amount, when);
}

/* Space on a time: a dose there, or the dose that ticks it taken back;
 * either way the row is read again, as the diary now has it. */
static void toggle_slot(struct checkin_state *s, struct app *app)
{
    const struct dose_row *r = &s->dose_rows[s->dose_line];
    char when[TIME_BUF];
    if (r->p.as_needed) {
        app_message(app, ST_DIM, "%s is taken as needed: `ache took %s` "
                                 "records a dose.", r->med, r->med);
        return;
    }
    time_format(r->p.times[s->dose_slot], when);
    if (r->ticked[s->dose_slot])
        untick_slot(s, app, r, when);
    else
        tick_slot(s, app, r, when);
    checkin_doses_read(s, app);
}

unsigned checkin_doses_request(struct checkin_state *s, struct app *app,
                               enum request r)
{
    if (s->ndose_rows == 0)
        return H_IGNORED;
    const struct dose_row *row = &s->dose_rows[s->dose_line];
    int n = row->p.as_needed ? 0 : (int)row->p.ntimes;
    switch (r) {
    case REQ_INCREASE:
    case REQ_DECREASE:
        if (n > 0)
            s->dose_slot = (s->dose_slot + (r == REQ_INCREASE ? 1 : n - 1)) %
                           n;
        return H_HANDLED;
    case REQ_TOGGLE:
        if (s->dose_slot >= n)
            s->dose_slot = n ? n - 1 : 0;
        toggle_slot(s, app);
        return H_HANDLED;
    default:
        return H_IGNORED;
    }
}
