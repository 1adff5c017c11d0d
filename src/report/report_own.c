/* report_own: the diary's own fields week by week, for the clinic report.
 *
 * Each own field the report shows gets one figure a week, by its kind:
 *
 *   rating   the mean of the days' means ("4.5");
 *   count    the total of the days' means, with the mean per day answered
 *            in brackets ("12 (2.4)");
 *   minutes  the mean of the days' means, in whole minutes ("38");
 *   yes/no   days answered yes (any yes that day) of days answered ("3/5");
 *   weekly   (asked once a week) the week's latest answer ("7", "yes").
 *
 * A day is the mean of its check-ins' answers, as the calendar and the
 * charts show it, so that a day with three check-ins does not weigh three
 * times. A week with no answer shows "-", never 0. Daily figures count
 * only the period's days of a week, as the other weekly tables do; a
 * weekly field's answer may come on any day of its week up to the
 * period's last (the week's question is often answered on its Monday).
 *
 * Preset fields (fields.h) are left out: the report shows them as the
 * scores they complete. So are fields hidden in the diary, fields left
 * out with --hide and fields with no answer in the period.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/report.h"
#include "ache/text.h"
#include "ache/util.h"
#include "report_impl.h"

bool report_hides_own(const struct report_hide *h, int key)
{
    if (key >= 0 && key < CF_COUNT)
        return h->mask & REPORT_HIDE_FIELD(key);
    for (size_t i = 0; i < h->nown; i++)
        if (h->own[i] == key)
            return true;
    return false;
}

/* ---- which fields, which values ------------------------------------------- */

static bool is_preset(int key)
{
    for (int item = 0; item < PRESET_ITEMS; item++)
        if (field_preset_key((enum field_preset_item)item) == key)
            return true;
    return false;
}

/* The check-ins' own values from `from` on, when the report is given
 * check-ins (the unit tests) rather than values read for it. */
static void values_of_items(const struct report_input *in, ache_day from,
                            struct report_own *o)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n; i++)
        n += in->items[i].nown;
    struct report_own_value *v = xcalloc(n ? n : 1, sizeof *v);
    o->nvalues = 0;
    for (size_t i = 0; i < in->n; i++) {
        const struct checkin *c = &in->items[i];
        if (c->date < from || c->date > in->last)
            continue;
        for (size_t j = 0; j < c->nown; j++)
            v[o->nvalues++] = (struct report_own_value){c->date, c->own[j].key,
                                                        c->own[j].steps};
    }
    o->values = v;
    o->owned = v;
}

/* Position of key in o->keys (in key order), or -1. */
static long key_at(const struct report_own *o, int key)
{
    size_t lo = 0, hi = o->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->keys[mid] == key)
            return (long)mid;
        if (o->keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Each field's answers by day in o->order, field after field (o->start),
 * so that a week's figure reads its own answers and no others; the fields
 * without an answer go. */
static void index_values(struct report_own *o)
{
    size_t count[FIELD_OWN_MAX] = {0}, n = 0;
    long *at = xcalloc(o->nvalues ? o->nvalues : 1, sizeof *at);
    for (size_t v = 0; v < o->nvalues; v++) {
        at[v] = o->values[v].steps < 0 ? -1 : key_at(o, o->values[v].key);
        if (at[v] >= 0)
            count[at[v]]++;
    }
    long moved[FIELD_OWN_MAX];
    for (size_t i = 0; i < o->n; i++) {
        moved[i] = count[i] ? (long)n : -1;
        if (count[i]) {
            o->keys[n] = o->keys[i];
            o->start[n + 1] = o->start[n] + count[i];
            n++;
        }
    }
    o->n = n;
    size_t fill[FIELD_OWN_MAX + 1];
    memcpy(fill, o->start, sizeof fill);
    o->order = xcalloc(o->start[n] ? o->start[n] : 1, sizeof *o->order);
    for (size_t v = 0; v < o->nvalues; v++) /* by day, as the values are */
        if (at[v] >= 0)
            o->order[fill[moved[at[v]]]++] = v;
    free(at);
}

void report_own_build(const struct report_input *in,
                      const struct report_hide *hide, struct report_own *o)
{
    memset(o, 0, sizeof *o);
    o->first = in->first;
    o->last = in->last;
    ache_day from = in->first - date_weekday(in->first);
    if (in->own || !in->items) {
        o->values = in->own;
        o->nvalues = in->nown;
    } else {
        values_of_items(in, from, o);
    }
    for (size_t i = CF_COUNT; i < fields_count(); i++) {
        const struct field_info *fi = fields_at(i);
        if (o->n < FIELD_OWN_MAX && !fi->hidden && !is_preset(fi->key) &&
            !report_hides_own(hide, fi->key))
            o->keys[o->n++] = fi->key;
    }
    index_values(o);
}

void report_own_free(struct report_own *o)
{
    free(o->owned);
    free(o->order);
    memset(o, 0, sizeof *o);
}

/* ---- a week's figure ------------------------------------------------------- */

static const struct field_info *own_info(const struct report_own *o,
                                         size_t i)
{
    return checkin_field_info((enum checkin_field)o->keys[i]);
}

/* The first answer to field i on or after day, in o->order. */
static size_t first_on(const struct report_own *o, size_t i, ache_day day)
{
    size_t lo = o->start[i], hi = o->start[i + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->values[o->order[mid]].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* What a week's answers to one field come to. */
struct own_week {
    int days;        /* days answered */
    double sum;      /* of the days' means */
    int days_yes;    /* days with a yes */
    int latest;      /* the last answer, or CHECKIN_ABSENT */
};

/* The day's answers so far: their sum and count, and whether one was a
 * yes; added to the week when the day ends. */
struct own_day {
    ache_day day;
    double sum;
    int n;
    bool yes;
};

static void day_end(struct own_week *w, struct own_day *day)
{
    if (day->n == 0)
        return;
    w->days++;
    w->sum += day->sum / day->n;
    w->days_yes += day->yes;
    *day = (struct own_day){0};
}

static void week_of(const struct report_own *o, size_t i, ache_day from,
                    ache_day to, struct own_week *w)
{
    struct own_day day = {0};
    *w = (struct own_week){0, 0, 0, CHECKIN_ABSENT};
    for (size_t j = first_on(o, i, from);
         j < o->start[i + 1] && o->values[o->order[j]].day <= to; j++) {
        const struct report_own_value *v = &o->values[o->order[j]];
        if (day.n && day.day != v->day)
            day_end(w, &day);
        day.day = v->day;
        day.sum += v->steps;
        day.n++;
        day.yes = day.yes || v->steps > 0;
        w->latest = v->steps;
    }
    day_end(w, &day);
}

/* The latest answer as it reads: "yes", "no" or its number. */
static const char *latest_text(const struct field_info *fi, int steps,
                               char buf[REPORT_NUM_BUF])
{
    if (fi->kind == FIELD_YESNO)
        return strcpy(buf, steps ? "yes" : "no");
    if (fi->steps_per_unit > 1)
        return report_fmt_hours((double)steps / fi->steps_per_unit, buf);
    snprintf(buf, REPORT_NUM_BUF, "%d", steps);
    return buf;
}

static const char *daily_text(const struct field_info *fi,
                              const struct own_week *w,
                              char buf[REPORT_NUM_BUF])
{
    char total[REPORT_NUM_BUF], mean[REPORT_NUM_BUF];
    double per_day = w->sum / w->days;
    switch (fi->kind) {
    case FIELD_YESNO:
        snprintf(buf, REPORT_NUM_BUF, "%d/%d", w->days_yes, w->days);
        return buf;
    case FIELD_TALLY:
        snprintf(buf, REPORT_NUM_BUF, "%s (%s)", report_fmt_num(w->sum, total),
                 report_fmt_num(per_day, mean));
        return buf;
    case FIELD_MINUTES:
        snprintf(buf, REPORT_NUM_BUF, "%.0f", floor(per_day + 0.5));
        return buf;
    case FIELD_HOURS:
        return report_fmt_hours(per_day / fi->steps_per_unit, buf);
    default:
        return report_fmt_num(per_day, buf);
    }
}

const char *report_own_figure(const struct report_own *o, size_t i,
                              ache_day monday, char buf[REPORT_NUM_BUF])
{
    const struct field_info *fi = own_info(o, i);
    ache_day to = monday + 6 < o->last ? monday + 6 : o->last;
    ache_day from = fi->weekly || monday > o->first ? monday : o->first;
    struct own_week w;
    week_of(o, i, from, to, &w);
    if (w.days == 0)
        return strcpy(buf, "-");
    return fi->weekly ? latest_text(fi, w.latest, buf)
                      : daily_text(fi, &w, buf);
}

/* ---- heads and what they mean ------------------------------------------------- */

/* The columns a head cut in the middle keeps of its label's end. */
#define HEAD_TAIL_COLS 5

/* label cut to REPORT_OWN_HEAD_COLS with an ellipsis: at the end, or with
 * `middle` in the middle, keeping the label's last HEAD_TAIL_COLS
 * columns ("Field n...ame 2"). No space is left before the ellipsis. */
static void cut_head(const char *label, bool ascii, bool middle, char *buf,
                     size_t size)
{
    size_t len = strlen(label), tail = len;
    if (text_width(label, len) <= REPORT_OWN_HEAD_COLS) {
        snprintf(buf, size, "%s", label);
        return;
    }
    for (size_t q = 0; middle && q < len && tail == len; q++)
        if ((label[q] & 0xC0) != 0x80 &&
            text_width(label + q, len - q) <= HEAD_TAIL_COLS)
            tail = q;
    size_t room = REPORT_OWN_HEAD_COLS - (ascii ? 3 : 1) -
                  text_width(label + tail, len - tail);
    size_t head = text_fit(label, tail, room, NULL);
    while (head > 0 && label[head - 1] == ' ')
        head--;
    snprintf(buf, size, "%.*s%s%s", (int)head, label,
             ascii ? "..." : "\u2026", label + tail);
}

/* Own field i's label, made safe, so that it is cut by what shows. */
static const char *safe_label(const struct report_own *o, size_t i,
                              struct strbuf *sb)
{
    return text_safe_str(sb, own_info(o, i)->label, TEXT_SAFE_UTF8);
}

/* Cut at the end, two long labels that begin alike would read the same:
 * those are cut in the middle, so that their ends tell them apart. */
const char *report_own_head(const struct report_own *o, size_t i, bool ascii,
                            char *buf, size_t size)
{
    struct strbuf sb = {0};
    char mine[REPORT_OWN_HEAD_COLS * 4 + 4], other[sizeof mine];
    cut_head(safe_label(o, i, &sb), ascii, false, mine, sizeof mine);
    bool alike = false;
    for (size_t j = 0; j < o->n && !alike; j++) {
        cut_head(safe_label(o, j, &sb), ascii, false, other, sizeof other);
        alike = j != i && strcmp(mine, other) == 0;
    }
    cut_head(safe_label(o, i, &sb), ascii, alike, buf, size);
    strbuf_free(&sb);
    return buf;
}

/* What a figure of field fi is, and what its values are (`many`: said of
 * several fields): "a count: the week's total, and in brackets the mean a
 * day answered". Fields of one meaning are named together. */
static void field_meaning(struct strbuf *sb, const struct field_info *fi,
                          bool many)
{
    static const char *const kind[FIELD_KIND_COUNT][2] = {
        [FIELD_RATING] = {"0-10", "0-10"},
        [FIELD_HOURS] = {"hours", "hours"},
        [FIELD_TALLY] = {"a count", "counts"},
        [FIELD_MINUTES] = {"minutes", "minutes"},
        [FIELD_YESNO] = {"yes/no", "yes/no"},
    };
    static const char *const figure[FIELD_KIND_COUNT] = {
        [FIELD_RATING] = "the mean a day",
        [FIELD_HOURS] = "the mean a day",
        [FIELD_TALLY] = "the week's total, and in brackets the mean a day "
                        "answered",
        [FIELD_MINUTES] = "the mean a day",
        [FIELD_YESNO] = "days yes / days answered",
    };
    strbuf_printf(sb, ", %s%s: %s", kind[fi->kind][many],
                  fi->weekly ? " asked weekly" : "",
                  fi->weekly ? "the week's latest answer" : figure[fi->kind]);
}

static bool same_meaning(const struct field_info *a,
                         const struct field_info *b)
{
    return a->kind == b->kind && a->weekly == b->weekly;
}

/* The fields of the meaning of field i, from i on, named "A, B and C"
 * with what their figures are; done[] marks them named. */
static void name_group(struct strbuf *sb, const struct report_own *o,
                       size_t i, bool *done)
{
    const struct field_info *fi = own_info(o, i);
    size_t n = 0, left = 0;
    for (size_t j = i; j < o->n; j++)
        left += !done[j] && same_meaning(fi, own_info(o, j));
    for (size_t j = i; j < o->n; j++) {
        if (done[j] || !same_meaning(fi, own_info(o, j)))
            continue;
        done[j] = true;
        n++;
        strbuf_printf(sb, "%s%s", n == 1 ? "" : n == left ? " and " : ", ",
                      own_info(o, j)->label);
    }
    field_meaning(sb, fi, left > 1);
}

void report_own_explain(struct report_doc *d, const struct report_own *o)
{
    struct strbuf sb = {0};
    bool done[FIELD_OWN_MAX] = {false};
    for (size_t i = 0; i < o->n; i++) {
        if (done[i])
            continue;
        strbuf_append(&sb, sb.len ? "; " : "");
        name_group(&sb, o, i, done);
    }
    report_doc_para(d,
                    "The person's own fields, a figure a week. %s. A day "
                    "counts as the mean of its answers (for yes/no, yes if "
                    "any was); - is a week without an answer.",
                    strbuf_str(&sb));
    strbuf_free(&sb);
}
