/* period: what a report of a period reads from the diary, and no more, so
 * that `ache insights`, `ache report` and the insights screen cost what
 * their period holds, not the length of the diary. */
#include "ache/period.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/insights.h"
#include "ache/report.h"
#include "ache/store.h"
#include "ache/strmap.h"
#include "ache/tags.h"
#include "ache/util.h"

static void free_notes(struct period_data *data)
{
    for (size_t i = 0; i < data->nnotes; i++)
        free(data->notes[i].text);
    free(data->notes);
    data->notes = NULL;
    data->nnotes = 0;
}

void period_data_free(struct period_data *data)
{
    insights_diary_free(&data->diary);
    free(data->trials);
    free_notes(data);
    tag_list_free(&data->tags);
    free(data->late);
    med_list_free(&data->meds);
    dose_list_free(&data->doses);
    free(data->answers);
    *data = (struct period_data){0};
}

static enum ache_status take_late(const struct store_late_change *lc,
                                  void *arg)
{
    struct period_data *data = arg;
    data->late = xreallocarray(data->late, data->nlate + 1,
                               sizeof *data->late);
    data->late[data->nlate++] = (struct report_late){
        lc->date, lc->parts, stamp_local_day(lc->at)};
    return ACHE_OK;
}

/* ---- the days, summarised as they are read -------------------------------- */

struct reading {
    struct insight_diary_build build;
    struct period_data *data;
    ache_day first, last; /* the period, whose notes are kept */
};

static enum ache_status take_checkin(const struct checkin *c, void *arg)
{
    struct reading *r = arg;
    insights_diary_add(&r->build, c);
    if (c->note && c->date >= r->first && c->date <= r->last) {
        struct period_data *data = r->data;
        data->notes = xreallocarray(data->notes, data->nnotes + 1,
                                    sizeof *data->notes);
        data->notes[data->nnotes++] =
            (struct report_day_note){c->date, xstrdup(c->note)};
    }
    return ACHE_OK;
}

/* The days from..last into data->diary, with the notes of first..last. */
static enum ache_status read_days(struct store *st, ache_day from,
                                  ache_day first, ache_day last,
                                  struct period_data *data,
                                  struct ache_err *err)
{
    struct reading r = {.data = data, .first = first, .last = last};
    insights_diary_begin(&r.build, from, last, &data->diary);
    enum ache_status s = store_each_in_range(st, from, last, take_checkin, &r,
                                             err);
    insights_diary_end(&r.build);
    return s;
}

/* Reading again from the diary's first day: the days and notes so far go. */
static void forget_days(struct period_data *data)
{
    insights_diary_free(&data->diary);
    free_notes(data);
}

/* ---- the period's tags ------------------------------------------------------- */

/* The tags the days from `first` to the diary's end carried, with their
 * days there as uses, in store_tags_list's order (triggers, treatments,
 * others, each by name): names from the diary, kinds from the few tags
 * that have one. */
static enum ache_status read_tags(struct store *st, ache_day first,
                                  struct period_data *data,
                                  struct ache_err *err)
{
    struct tag_list kinded = {0};
    struct strmap kinds = {0};
    enum ache_status s = store_tags_kinded(st, &kinded, err);
    for (size_t i = 0; i < kinded.n; i++)
        strmap_put(&kinds, kinded.items[i].name, kinded.items[i].kind);
    const struct insight_diary *d = &data->diary;
    long *days = xcalloc(d->ntags + 1, sizeof *days);
    for (size_t i = (size_t)(first - d->first); i < d->ndays; i++)
        for (uint32_t j = d->day_first[i]; j < d->day_first[i + 1]; j++)
            days[d->day_tags[j]]++;
    static const enum tag_kind order[] = {TAG_TRIGGER, TAG_TREATMENT,
                                          TAG_OTHER};
    for (size_t k = 0; s == ACHE_OK && k < 3; k++)
        for (size_t t = 0; t < d->ntags; t++) {
            int64_t kind = TAG_OTHER;
            strmap_get(&kinds, d->tags[t], &kind);
            if (days[t] > 0 && kind == (int64_t)order[k])
                tag_list_push(&data->tags, d->tags[t], order[k], days[t]);
        }
    free(days);
    strmap_free(&kinds);
    tag_list_free(&kinded);
    return s;
}

/* ---- treatment trials ---------------------------------------------------------- */

/* The trial of one treatment from the days around its first use, read on
 * their own (they may lie years before the period) and no later than the
 * period's last day. */
static enum ache_status trial_of(struct store *st, const char *tag,
                                 ache_day last, struct insight_trial *out,
                                 struct ache_err *err)
{
    bool found = false;
    ache_day use = 0;
    struct checkin_list around = {0};
    enum ache_status s = store_tag_first_use(st, tag, &found, &use, err);
    if (s == ACHE_OK && found) {
        ache_day to = use + INSIGHTS_TRIAL_AFTER_DAYS;
        s = store_list_range(st, use - INSIGHTS_TRIAL_BEFORE_DAYS,
                             to < last ? to : last, &around, err);
    }
    insights_trial(around.items, around.n, tag, out);
    checkin_list_free(&around);
    return s;
}

/* A trial for every treatment carried in the period, in the tags' order. */
static enum ache_status read_trials(struct store *st, ache_day last,
                                    struct period_data *data,
                                    struct ache_err *err)
{
    enum ache_status s = ACHE_OK;
    data->trials = xcalloc(data->tags.n ? data->tags.n : 1,
                           sizeof *data->trials);
    for (size_t t = 0; s == ACHE_OK && t < data->tags.n; t++)
        if (data->tags.items[t].kind == TAG_TREATMENT)
            s = trial_of(st, data->tags.items[t].name, last,
                         &data->trials[data->ntrials++], err);
    return s;
}

/* The days after a regimen began that it was taken: each day it covered
 * (scheduled), or with a dose of it noted (as needed). */
static void regimen_days(const struct med *m, const struct med_period *p,
                         const struct dose_list *doses,
                         bool used[INSIGHTS_TRIAL_AFTER_DAYS])
{
    for (int i = 0; i < INSIGHTS_TRIAL_AFTER_DAYS; i++) {
        ache_day d = p->start + 1 + i;
        used[i] = !p->as_needed && (p->stop == MED_OPEN || d < p->stop);
    }
    for (size_t i = 0; p->as_needed && i < doses->n; i++) {
        ache_day d = doses->items[i].date;
        if (strcasecmp(doses->items[i].med, m->name) == 0 && d > p->start &&
            d <= p->start + INSIGHTS_TRIAL_AFTER_DAYS)
            used[d - p->start - 1] = true;
    }
}

/* The trial of one period of a regimen, from the day it began: its days
 * around read on their own, as a tag's are, and its doses noted of those
 * scheduled in the days after (up to the period's last day). */
static enum ache_status regimen_trial(struct store *st, const struct med *m,
                                      const struct med_period *p,
                                      ache_day last, struct insight_trial *out,
                                      struct ache_err *err)
{
    ache_day to = p->start + INSIGHTS_TRIAL_AFTER_DAYS;
    to = to < last ? to : last;
    struct checkin_list around = {0};
    struct dose_list doses = {0};
    enum ache_status s = store_list_range(
        st, p->start - INSIGHTS_TRIAL_BEFORE_DAYS, to, &around, err);
    if (s == ACHE_OK)
        s = store_doses_list(st, p->start + 1, to, &doses, err);
    bool used[INSIGHTS_TRIAL_AFTER_DAYS];
    regimen_days(m, p, &doses, used);
    /* "amitriptyline 20 mg", "paracetamol 500 mg as needed" */
    struct strbuf name = {0};
    char amount[32];
    strbuf_append(&name, m->name);
    if (p->dose)
        strbuf_printf(&name, " %s%s%s",
                      med_amount_format(p->dose, amount, sizeof amount),
                      p->unit[0] ? " " : "", p->unit);
    if (p->as_needed)
        strbuf_append(&name, " as needed");
    insights_trial_regimen(around.items, around.n, strbuf_str(&name),
                           p->start, used, out);
    struct med_adherence a;
    med_adherence(p, m->name, &doses, p->start + 1, to, &a);
    out->scheduled = a.scheduled;
    out->noted = a.taken;
    strbuf_free(&name);
    dose_list_free(&doses);
    checkin_list_free(&around);
    return s;
}

/* A trial for every period of a regimen whose days after reach into the
 * period read (a start, a restart or a change of dose). */
static enum ache_status read_regimen_trials(struct store *st, ache_day first,
                                           ache_day last,
                                           struct period_data *data,
                                           struct ache_err *err)
{
    enum ache_status s = ACHE_OK;
    for (size_t i = 0; s == ACHE_OK && i < data->meds.n; i++) {
        const struct med *m = &data->meds.items[i];
        for (size_t j = 0; s == ACHE_OK && j < m->nperiods; j++) {
            const struct med_period *p = &m->periods[j];
            if (p->start + INSIGHTS_TRIAL_AFTER_DAYS < first ||
                p->start > last)
                continue;
            data->trials = xreallocarray(data->trials, data->ntrials + 1,
                                         sizeof *data->trials);
            s = regimen_trial(st, m, p, last,
                              &data->trials[data->ntrials++], err);
        }
    }
    return s;
}

/* ---- the whole ------------------------------------------------------------------ */

/* What the period needs and no more, so that a report costs what its
 * period holds, not the whole diary: its days with the history its flares
 * read before it (all of it when a flare under way reaches that far), the
 * period's tags with their kinds, the days around each treatment's first
 * use that its trial compares, and the changes made after their day to
 * check-ins of the period. */
static enum ache_status read_period(struct store *st, ache_day first,
                                    ache_day last, ache_day diary_first,
                                    struct period_data *data,
                                    struct ache_err *err)
{
    /* no day before the diary's first holds anything to read (but the
     * days read always hold the period, which may lie before the diary) */
    ache_day from = first - INSIGHTS_HISTORY_DAYS;
    if (from < diary_first)
        from = diary_first < first ? diary_first : first;
    enum ache_status s = read_days(st, from, first, last, data, err);
    if (s == ACHE_OK && diary_first < data->diary.first &&
        insights_flare_reaches_back(&data->diary, first, last)) {
        forget_days(data);
        s = read_days(st, diary_first, first, last, data, err);
    }
    if (s == ACHE_OK)
        s = read_tags(st, first, data, err);
    if (s == ACHE_OK)
        s = read_trials(st, last, data, err);
    if (s == ACHE_OK)
        s = store_each_late_change(st, first, last, take_late, data, err);
    return s;
}

/* A period asked to begin before the diary's first check-in begins there
 * (in->from_moved says so): the days before hold nothing, and a --from of
 * 0001-01-01 would otherwise size every table of days by two thousand
 * years. An empty diary, or one that begins after the period, keeps the
 * period asked. *diary_first is the diary's first day. */
static enum ache_status fit_to_diary(struct store *st, struct report_input *in,
                                     ache_day *diary_first,
                                     struct ache_err *err)
{
    ache_day lo = 0, hi = 0;
    bool empty = true;
    enum ache_status s = store_date_span(st, &lo, &hi, &empty, err);
    *diary_first = empty ? in->first : lo;
    if (s == ACHE_OK && !empty && in->first < lo && lo <= in->last) {
        in->asked_first = in->first;
        in->first = lo;
        in->from_moved = true;
    }
    return s;
}

struct answers {
    struct period_data *data;
    int keys[PRESET_ITEMS];
};

static void take_answer(ache_day day, int key, int steps, void *ctx)
{
    struct answers *a = ctx;
    struct period_data *data = a->data;
    for (int item = 0; item < PRESET_ITEMS; item++)
        if (a->keys[item] == key) {
            data->answers = xreallocarray(data->answers, data->nanswers + 1,
                                          sizeof *data->answers);
            data->answers[data->nanswers++] =
                (struct report_answer){day, item, steps};
        }
}

/* The answers to the presets' weekly questions, from the Monday of the
 * first day's week (a week's answer may come on its last day). */
static enum ache_status read_answers(struct store *st, ache_day first,
                                     ache_day last, struct period_data *data,
                                     struct ache_err *err)
{
    struct answers a = {data, {0}};
    size_t n = 0;
    for (int item = 0; item < PRESET_ITEMS; item++) {
        a.keys[item] = field_preset_key((enum field_preset_item)item);
        n += a.keys[item] != FIELD_NONE;
    }
    if (n == 0)
        return ACHE_OK;
    return store_own_values(st, a.keys, PRESET_ITEMS,
                            first - date_weekday(first), last, take_answer,
                            &a, err);
}

enum ache_status period_read(struct store *st, struct report_input *in,
                             struct period_data *data, struct ache_err *err)
{
    ache_day diary_first;
    enum ache_status s = fit_to_diary(st, in, &diary_first, err);
    if (s == ACHE_OK)
        s = store_walk_once(st, true, err);
    if (s == ACHE_OK)
        s = read_period(st, in->first, in->last, diary_first, data, err);
    struct ache_err second = {0}; /* the first failure is the one told */
    enum ache_status restored = store_walk_once(st, false, &second);
    if (s == ACHE_OK && restored != ACHE_OK) {
        *err = second;
        s = restored;
    }
    in->items = NULL;
    in->n = 0;
    in->diary = &data->diary;
    in->diary_once = true;
    in->trials = data->trials;
    in->ntrials = data->ntrials;
    in->notes = data->notes;
    in->nnotes = data->nnotes;
    in->tags = &data->tags;
    in->late = data->late;
    in->nlate = data->nlate;
    if (s == ACHE_OK)
        s = store_meds_list(st, &data->meds, err);
    if (s == ACHE_OK)
        s = store_doses_list(st, in->first, in->last, &data->doses, err);
    if (s == ACHE_OK)
        s = read_regimen_trials(st, in->first, in->last, data, err);
    in->trials = data->trials;
    in->ntrials = data->ntrials;
    if (s == ACHE_OK)
        s = read_answers(st, in->first, in->last, data, err);
    in->meds = &data->meds;
    in->doses = &data->doses;
    in->answers = data->answers;
    in->nanswers = data->nanswers;
    return s;
}
