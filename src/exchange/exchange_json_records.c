/* exchange_json_records: the records of an ache JSON export other than
 * check-ins, written before them so that a reader knows every field a
 * check-in names and every medicine a dose names:
 *
 *   "fields": [{"id": "...", "name": "headache", "kind": "rating",
 *               "label": "Headache", "low": "none", "high": "crushing",
 *               "weekly": true, "hidden": true, "created_at": "...",
 *               "updated_at": "..."}, ...],
 *   "meds": [{"id": "...", "name": "ibuprofen", "created_at": "...",
 *             "updated_at": "...", "periods": [{"id": "...", "start":
 *             "2026-11-01", "stop": "2026-12-01", "dose": 400, "unit":
 *             "mg", "times": ["08:00"], "as_needed": true, ...}]}, ...],
 *   "doses": [{"id": "...", "med": "ibuprofen", "date": "2026-11-02",
 *              "time": "08:00", "amount": 400, "unit": "mg", ...}, ...],
 *
 * every field of the diary (the eight built in too: their label, words and
 * hidden state are the person's), every medicine with every period, and
 * the doses of the days exported. Members not set are left out.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/util.h"
#include "exchange_impl.h"
#include "exchange_json_impl.h"

/* ---- writing --------------------------------------------------------------- */

/* ", \"name\": \"text\"" (no comma before the first member). */
static void put_text(struct strbuf *out, bool *first, const char *name,
                     const char *s)
{
    if (!s || !*s)
        return;
    strbuf_printf(out, "%s\"%s\": ", *first ? "" : ", ", name);
    exchange_json_put_string(out, s);
    *first = false;
}

static void put_raw(struct strbuf *out, bool *first, const char *name,
                    const char *raw)
{
    strbuf_printf(out, "%s\"%s\": %s", *first ? "" : ", ", name, raw);
    *first = false;
}

static void put_stamps(struct strbuf *out, bool *first, int64_t created,
                       int64_t updated)
{
    char buf[STAMP_BUF];
    if (created)
        put_text(out, first, "created_at", stamp_format(created, buf));
    if (updated)
        put_text(out, first, "updated_at", stamp_format(updated, buf));
}

static void put_field(struct strbuf *out, const struct field_record *f)
{
    bool first = true;
    strbuf_append(out, "\n  {");
    put_text(out, &first, "id", f->id);
    put_text(out, &first, "name", f->name);
    put_text(out, &first, "kind", field_kind_name(f->kind));
    put_text(out, &first, "label", f->label);
    put_text(out, &first, "low", f->low_word);
    put_text(out, &first, "high", f->high_word);
    if (f->weekly)
        put_raw(out, &first, "weekly", "true");
    if (f->hidden)
        put_raw(out, &first, "hidden", "true");
    put_stamps(out, &first, f->created_at, f->updated_at);
    strbuf_putc(out, '}');
}

void exchange_json_write_fields(const struct field_record *fields, size_t n,
                                struct strbuf *out)
{
    strbuf_append(out, "\"fields\": [");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(out, ',');
        put_field(out, &fields[i]);
    }
    strbuf_append(out, n ? "\n], " : "], ");
}

static void put_amount(struct strbuf *out, bool *first, const char *name,
                       int64_t milli)
{
    char buf[32];
    if (milli)
        put_raw(out, first, name, med_amount_format(milli, buf, sizeof buf));
}

static void put_period(struct strbuf *out, const struct med_period *p)
{
    char day[DATE_BUF], t[TIME_BUF];
    bool first = true;
    strbuf_putc(out, '{');
    put_text(out, &first, "id", p->id);
    put_text(out, &first, "start", date_format(p->start, day));
    if (p->stop != MED_OPEN)
        put_text(out, &first, "stop", date_format(p->stop, day));
    put_amount(out, &first, "dose", p->dose);
    put_text(out, &first, "unit", p->unit);
    for (size_t i = 0; i < p->ntimes; i++)
        strbuf_printf(out, "%s\"%s\"", i ? ", " : ", \"times\": [",
                      time_format(p->times[i], t));
    if (p->ntimes)
        strbuf_putc(out, ']');
    if (p->as_needed)
        put_raw(out, &first, "as_needed", "true");
    put_stamps(out, &first, p->created_at, p->updated_at);
    strbuf_putc(out, '}');
}

void exchange_json_write_meds(const struct med_list *meds, struct strbuf *out)
{
    strbuf_append(out, "\"meds\": [");
    for (size_t i = 0; i < meds->n; i++) {
        const struct med *m = &meds->items[i];
        bool first = true;
        strbuf_append(out, i ? ",\n  {" : "\n  {");
        put_text(out, &first, "id", m->id);
        put_text(out, &first, "name", m->name);
        put_stamps(out, &first, m->created_at, m->updated_at);
        strbuf_append(out, ", \"periods\": [");
        for (size_t j = 0; j < m->nperiods; j++) {
            strbuf_append(out, j ? ",\n    " : "\n    ");
            put_period(out, &m->periods[j]);
        }
        strbuf_append(out, m->nperiods ? "]}" : "]}");
    }
    strbuf_append(out, meds->n ? "\n], " : "], ");
}

void exchange_json_write_doses(const struct dose_list *doses,
                               struct strbuf *out)
{
    char day[DATE_BUF], t[TIME_BUF];
    strbuf_append(out, "\"doses\": [");
    for (size_t i = 0; i < doses->n; i++) {
        const struct dose *d = &doses->items[i];
        bool first = true;
        strbuf_append(out, i ? ",\n  {" : "\n  {");
        put_text(out, &first, "id", d->id);
        put_text(out, &first, "med", d->med);
        put_text(out, &first, "date", date_format(d->date, day));
        if (d->minute != CHECKIN_TIME_ABSENT)
            put_text(out, &first, "time", time_format(d->minute, t));
        put_amount(out, &first, "amount", d->amount);
        put_text(out, &first, "unit", d->unit);
        put_stamps(out, &first, d->created_at, d->updated_at);
        strbuf_putc(out, '}');
    }
    strbuf_append(out, doses->n ? "\n], " : "], ");
}

/* ---- reading: objects and arrays -------------------------------------------- */

typedef enum ache_status (*member_fn)(struct json_parser *jp, int member,
                                      struct json_pos at, void *ctx);

/* The members of an object (the cursor on '{'), each key one of
 * names[0..n), none twice; fn reads each value. seen[] gets where each
 * key was, for the caller to ask for those it needs. */
static enum ache_status walk_object(struct json_parser *jp,
                                    const char *const *names, int n,
                                    struct json_pos *seen, member_fn fn,
                                    void *ctx)
{
    bool first = true, done = false;
    char shown[96];
    exchange_json_advance(jp);
    for (;;) {
        struct json_pos key_at;
        enum ache_status st = exchange_json_next(jp, '}', &first, &done);
        if (!st && !done)
            st = exchange_json_read_key(jp, &key_at);
        if (st || done)
            return st;
        int m = 0;
        while (m < n && (strlen(names[m]) != jp->tok.len ||
                         strcmp(names[m], jp->tok.data) != 0))
            m++;
        exchange_describe(jp->tok.data, jp->tok.len, shown, sizeof shown);
        if (m == n)
            return exchange_json_fail(jp, key_at, "unknown key \"%s\"", shown);
        if (seen[m].p)
            return exchange_json_fail(jp, key_at,
                                      "duplicate key \"%s\" (first at %d:%d)",
                                      shown, seen[m].line, seen[m].col);
        seen[m] = key_at;
        exchange_json_skip_space(jp);
        if ((st = fn(jp, m, jp->at, ctx)))
            return st;
    }
}

/* The elements of an array (the cursor on '['), each an object read by
 * fn with the cursor on its '{'. */
static enum ache_status walk_array(struct json_parser *jp, const char *what,
                                   enum ache_status (*fn)(
                                       struct json_parser *jp, void *ctx),
                                   void *ctx)
{
    bool first = true, done = false;
    exchange_json_advance(jp);
    for (;;) {
        enum ache_status st = exchange_json_next(jp, ']', &first, &done);
        if (st || done)
            return st;
        exchange_json_skip_space(jp);
        if (exchange_json_kind_at(jp) != JK_OBJECT)
            return exchange_json_fail(jp, jp->at, "%s must be an object, got %s",
                                      what,
                                      exchange_json_kind_name(
                                          exchange_json_kind_at(jp)));
        if ((st = fn(jp, ctx)))
            return st;
    }
}

/* A string value into jp->tok (NUL-free), or a message naming `what`. */
static enum ache_status take_string(struct json_parser *jp, const char *what)
{
    struct json_pos at = jp->at;
    enum json_kind kind = exchange_json_kind_at(jp);
    if (kind != JK_STRING)
        return exchange_json_fail(jp, at, "%s: expected a string, got %s",
                                  what, exchange_json_kind_name(kind));
    enum ache_status st = exchange_json_read_string(jp);
    if (!st && strlen(jp->tok.data) != jp->tok.len)
        st = exchange_json_fail(jp, at, "%s: holds a NUL character", what);
    return st;
}

static enum ache_status take_flag(struct json_parser *jp, const char *what,
                                  bool *flag)
{
    enum json_kind kind = exchange_json_kind_at(jp);
    if (kind != JK_TRUE && kind != JK_FALSE)
        return exchange_json_fail(jp, jp->at, "%s: expected true or false, "
                                              "got %s",
                                  what, exchange_json_kind_name(kind));
    *flag = kind == JK_TRUE;
    return exchange_json_skip_value(jp, 4);
}

static enum ache_status take_id(struct json_parser *jp, char *id)
{
    struct json_pos at = jp->at;
    enum ache_status st = take_string(jp, "id");
    if (!st && !checkin_id_valid(jp->tok.data))
        st = exchange_json_fail(jp, at, "id: not 32 lowercase hex digits");
    if (!st)
        memcpy(id, jp->tok.data, CHECKIN_ID_LEN + 1);
    return st;
}

static enum ache_status take_stamp(struct json_parser *jp, const char *what,
                                   int64_t *stamp)
{
    struct json_pos at = jp->at;
    enum ache_status st = take_string(jp, what);
    if (!st && !stamp_parse(jp->tok.data, stamp))
        st = exchange_json_fail(jp, at, "%s: not a UTC timestamp (use "
                                        "YYYY-MM-DDTHH:MM:SS.mmmZ)",
                                what);
    return st;
}

static enum ache_status take_day(struct json_parser *jp, const char *what,
                                 ache_day *day)
{
    struct json_pos at = jp->at;
    enum ache_status st = take_string(jp, what);
    if (!st && !date_parse_iso(jp->tok.data, day))
        st = exchange_json_fail(jp, at, "%s: not a date (YYYY-MM-DD)", what);
    return st;
}

/* A text member of at most max bytes into buf. */
static enum ache_status take_name(struct json_parser *jp, const char *what,
                                  char *buf, size_t max)
{
    struct json_pos at = jp->at;
    enum ache_status st = take_string(jp, what);
    if (!st && jp->tok.len > max)
        st = exchange_json_fail(jp, at, "%s: longer than %zu bytes", what,
                                max);
    if (!st)
        memcpy(buf, jp->tok.data, jp->tok.len + 1);
    return st;
}

static enum ache_status take_amount(struct json_parser *jp, const char *what,
                                    int64_t *milli)
{
    struct json_pos at = jp->at;
    enum json_kind kind = exchange_json_kind_at(jp);
    if (kind != JK_NUMBER)
        return exchange_json_fail(jp, at, "%s: expected a number, got %s",
                                  what, exchange_json_kind_name(kind));
    enum ache_status st = exchange_json_read_number(jp);
    if (!st && med_amount_parse(what, jp->tok.data, milli, jp->err))
        st = exchange_json_fail(jp, at, "%s", jp->err->msg);
    return st;
}

/* Hands a record read to the reader's callback; its message gets the
 * record's place. */
static enum ache_status hand_on(struct json_parser *jp, struct json_pos at,
                                enum ache_status st)
{
    if (st)
        ache_err_prefix(jp->err, "%s:%d:%d: ", jp->name, at.line, at.col);
    return st;
}

/* ---- reading fields ------------------------------------------------------- */

enum field_member {
    FM_ID, FM_NAME, FM_KIND, FM_LABEL, FM_LOW, FM_HIGH, FM_WEEKLY,
    FM_HIDDEN, FM_CREATED_AT, FM_UPDATED_AT, FM_COUNT
};
static const char *const field_names[FM_COUNT] = {
    "id",   "name",   "kind",   "label",      "low",
    "high", "weekly", "hidden", "created_at", "updated_at"};

static enum ache_status field_text(struct json_parser *jp, char **slot,
                                   const char *what)
{
    enum ache_status st = take_string(jp, what);
    if (!st)
        *slot = xstrdup(jp->tok.data);
    return st;
}

static enum ache_status field_member(struct json_parser *jp, int m,
                                     struct json_pos at, void *ctx)
{
    struct field_record *f = ctx;
    const char *what = field_names[m];
    enum ache_status st;
    switch (m) {
    case FM_ID:
        return take_id(jp, f->id);
    case FM_NAME:
        return take_name(jp, what, f->name, FIELD_NAME_MAX);
    case FM_KIND:
        st = take_string(jp, what);
        f->kind = st ? FIELD_KIND_COUNT : field_kind_find(jp->tok.data);
        return st || f->kind != FIELD_KIND_COUNT
                   ? st
                   : exchange_json_fail(jp, at, "kind: not a kind (rating, "
                                                "hours, count, minutes or "
                                                "yesno)");
    case FM_LABEL:
        return field_text(jp, &f->label, what);
    case FM_LOW:
        return field_text(jp, &f->low_word, what);
    case FM_HIGH:
        return field_text(jp, &f->high_word, what);
    case FM_WEEKLY:
    case FM_HIDDEN:
        return take_flag(jp, what, m == FM_WEEKLY ? &f->weekly : &f->hidden);
    default:
        return take_stamp(jp, what,
                          m == FM_CREATED_AT ? &f->created_at
                                             : &f->updated_at);
    }
}

static enum ache_status read_field(struct json_parser *jp, void *ctx)
{
    struct exchange_run *run = ctx;
    struct json_pos at = jp->at, seen[FM_COUNT] = {{0}};
    struct field_record f = {.kind = FIELD_KIND_COUNT};
    enum ache_status st =
        walk_object(jp, field_names, FM_COUNT, seen, field_member, &f);
    if (!st && (!seen[FM_NAME].p || !seen[FM_KIND].p))
        st = exchange_json_fail(jp, at, "a field needs a name and a kind");
    if (!st && run->reader->field)
        st = hand_on(jp, at, run->reader->field(&f, run->reader->arg,
                                                jp->err));
    field_record_free(&f);
    return st;
}

enum ache_status exchange_json_read_fields(struct json_parser *jp,
                                           struct exchange_run *run)
{
    return walk_array(jp, "a field", read_field, run);
}

/* ---- reading medicines ---------------------------------------------------- */

enum period_member {
    PM_ID, PM_START, PM_STOP, PM_DOSE, PM_UNIT, PM_TIMES, PM_AS_NEEDED,
    PM_CREATED_AT, PM_UPDATED_AT, PM_COUNT
};
static const char *const period_names[PM_COUNT] = {
    "id",    "start",     "stop",       "dose",      "unit",
    "times", "as_needed", "created_at", "updated_at"};

/* "times": ["08:00", ...] into p. */
static enum ache_status take_times(struct json_parser *jp,
                                   struct med_period *p)
{
    struct json_pos at = jp->at;
    struct strbuf joined = {0};
    bool first = true, done = false;
    if (exchange_json_kind_at(jp) != JK_ARRAY)
        return exchange_json_fail(jp, at, "times: expected an array of "
                                          "\"HH:MM\"");
    exchange_json_advance(jp);
    enum ache_status st = ACHE_OK;
    while (!st && !(st = exchange_json_next(jp, ']', &first, &done)) &&
           !done) {
        exchange_json_skip_space(jp);
        if (!(st = take_string(jp, "times")))
            strbuf_printf(&joined, "%s%s", joined.len ? "," : "",
                          jp->tok.data);
    }
    if (!st && med_times_parse(strbuf_str(&joined), p, jp->err))
        st = exchange_json_fail(jp, at, "%s", jp->err->msg);
    strbuf_free(&joined);
    return st;
}

static enum ache_status period_member(struct json_parser *jp, int m,
                                      struct json_pos at, void *ctx)
{
    struct med_period *p = ctx;
    const char *what = period_names[m];
    enum ache_status st;
    switch (m) {
    case PM_ID:
        return take_id(jp, p->id);
    case PM_START:
    case PM_STOP:
        return take_day(jp, what, m == PM_START ? &p->start : &p->stop);
    case PM_DOSE:
        return take_amount(jp, what, &p->dose);
    case PM_UNIT:
        st = take_name(jp, what, p->unit, MED_UNIT_MAX);
        return st || !med_unit_check(p->unit, jp->err)
                   ? st
                   : exchange_json_fail(jp, at, "%s", jp->err->msg);
    case PM_TIMES:
        return take_times(jp, p);
    case PM_AS_NEEDED:
        return take_flag(jp, what, &p->as_needed);
    default:
        return take_stamp(jp, what,
                          m == PM_CREATED_AT ? &p->created_at
                                             : &p->updated_at);
    }
}

static enum ache_status read_period(struct json_parser *jp, void *ctx)
{
    struct med *m = ctx;
    struct json_pos at = jp->at, seen[PM_COUNT] = {{0}};
    struct med_period p = {.stop = MED_OPEN};
    enum ache_status st =
        walk_object(jp, period_names, PM_COUNT, seen, period_member, &p);
    if (!st && !seen[PM_START].p)
        st = exchange_json_fail(jp, at, "a period needs its start");
    if (!st && p.stop != MED_OPEN && p.stop <= p.start)
        st = exchange_json_fail(jp, at, "stop: not after the start");
    if (!st) {
        m->periods = xreallocarray(m->periods, m->nperiods + 1,
                                   sizeof *m->periods);
        m->periods[m->nperiods++] = p;
    }
    return st;
}

enum med_member { MM_ID, MM_NAME, MM_CREATED_AT, MM_UPDATED_AT, MM_PERIODS,
                  MM_COUNT };
static const char *const med_names[MM_COUNT] = {"id", "name", "created_at",
                                                "updated_at", "periods"};

static enum ache_status med_member(struct json_parser *jp, int mm,
                                   struct json_pos at, void *ctx)
{
    struct med *m = ctx;
    enum ache_status st;
    switch (mm) {
    case MM_ID:
        return take_id(jp, m->id);
    case MM_NAME:
        st = take_name(jp, "name", m->name, MED_NAME_MAX);
        return st || !med_name_check(m->name, jp->err)
                   ? st
                   : exchange_json_fail(jp, at, "%s", jp->err->msg);
    case MM_PERIODS:
        if (exchange_json_kind_at(jp) != JK_ARRAY)
            return exchange_json_fail(jp, at, "periods: expected an array");
        return walk_array(jp, "a period", read_period, m);
    default:
        return take_stamp(jp, med_names[mm],
                          mm == MM_CREATED_AT ? &m->created_at
                                              : &m->updated_at);
    }
}

static enum ache_status read_med(struct json_parser *jp, void *ctx)
{
    struct exchange_run *run = ctx;
    struct json_pos at = jp->at, seen[MM_COUNT] = {{0}};
    struct med m = {.nperiods = 0};
    enum ache_status st =
        walk_object(jp, med_names, MM_COUNT, seen, med_member, &m);
    if (!st && !seen[MM_NAME].p)
        st = exchange_json_fail(jp, at, "a medicine needs its name");
    if (!st && run->reader->med)
        st = hand_on(jp, at, run->reader->med(&m, run->reader->arg, jp->err));
    med_free(&m);
    return st;
}

enum ache_status exchange_json_read_meds(struct json_parser *jp,
                                         struct exchange_run *run)
{
    return walk_array(jp, "a medicine", read_med, run);
}

/* ---- reading doses -------------------------------------------------------- */

enum dose_member { DM_ID, DM_MED, DM_DATE, DM_TIME, DM_AMOUNT, DM_UNIT,
                   DM_CREATED_AT, DM_UPDATED_AT, DM_COUNT };
static const char *const dose_names[DM_COUNT] = {
    "id",   "med",  "date",       "time",      "amount",
    "unit", "created_at", "updated_at"};

static enum ache_status dose_member(struct json_parser *jp, int m,
                                    struct json_pos at, void *ctx)
{
    struct dose *d = ctx;
    enum ache_status st;
    switch (m) {
    case DM_ID:
        return take_id(jp, d->id);
    case DM_MED:
        return take_name(jp, "med", d->med, MED_NAME_MAX);
    case DM_DATE:
        return take_day(jp, "date", &d->date);
    case DM_TIME:
        st = take_string(jp, "time");
        return st || time_parse(jp->tok.data, &d->minute)
                   ? st
                   : exchange_json_fail(jp, at, "time: not a time of day "
                                                "(HH:MM)");
    case DM_AMOUNT:
        return take_amount(jp, "amount", &d->amount);
    case DM_UNIT:
        st = take_name(jp, "unit", d->unit, MED_UNIT_MAX);
        return st || !med_unit_check(d->unit, jp->err)
                   ? st
                   : exchange_json_fail(jp, at, "%s", jp->err->msg);
    default:
        return take_stamp(jp, dose_names[m],
                          m == DM_CREATED_AT ? &d->created_at
                                             : &d->updated_at);
    }
}

static enum ache_status read_dose(struct json_parser *jp, void *ctx)
{
    struct exchange_run *run = ctx;
    struct json_pos at = jp->at, seen[DM_COUNT] = {{0}};
    struct dose d = {.minute = CHECKIN_TIME_ABSENT};
    enum ache_status st =
        walk_object(jp, dose_names, DM_COUNT, seen, dose_member, &d);
    if (!st && (!seen[DM_MED].p || !seen[DM_DATE].p))
        st = exchange_json_fail(jp, at, "a dose needs its med and date");
    if (!st && d.date > run->today)
        st = exchange_json_fail(jp, at, "date: a dose in the future");
    if (!st && run->reader->dose)
        st = hand_on(jp, at, run->reader->dose(&d, run->reader->arg, jp->err));
    return st;
}

enum ache_status exchange_json_read_doses(struct json_parser *jp,
                                          struct exchange_run *run)
{
    return walk_array(jp, "a dose", read_dose, run);
}
