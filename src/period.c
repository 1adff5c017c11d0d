/* period: what a report of a period reads from the diary, and no more, so
 * that `ache insights`, `ache report` and the insights screen cost what
 * their period holds, not the length of the diary. */
#include "ache/period.h"

#include <stdbool.h>
#include <stdlib.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/report.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"

void period_data_free(struct period_data *data)
{
    checkin_list_free(&data->list);
    tag_list_free(&data->tags);
    free(data->late);
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

/* ---- reading what the period needs ---------------------------------------- */

/* Days to read before the period's own reading begins. */
struct window {
    ache_day from, to;
};

static int compare_windows(const void *pa, const void *pb)
{
    const struct window *a = pa, *b = pb;
    return (a->from > b->from) - (a->from < b->from);
}

/* The days each treatment carried in the period needs for its trial (the
 * baseline before its first use and the days after) that lie before
 * `before`, sorted and merged so that no day is read twice. */
static enum ache_status trial_windows(struct store *st,
                                      const struct tag_list *tags,
                                      ache_day before, struct window *w,
                                      size_t *nw, struct ache_err *err)
{
    enum ache_status s = ACHE_OK;
    *nw = 0;
    for (size_t t = 0; s == ACHE_OK && t < tags->n; t++) {
        bool found = false;
        ache_day use = 0;
        if (tags->items[t].kind == TAG_TREATMENT)
            s = store_tag_first_use(st, tags->items[t].name, &found, &use,
                                    err);
        if (!found || use - INSIGHTS_TRIAL_BEFORE_DAYS >= before)
            continue;
        ache_day to = use + INSIGHTS_TRIAL_AFTER_DAYS;
        w[(*nw)++] = (struct window){use - INSIGHTS_TRIAL_BEFORE_DAYS,
                                     to < before ? to : before - 1};
    }
    qsort(w, *nw, sizeof *w, compare_windows);
    size_t k = 0;
    for (size_t i = 0; i < *nw; i++)
        if (k > 0 && w[i].from <= w[k - 1].to + 1)
            w[k - 1].to = w[i].to > w[k - 1].to ? w[i].to : w[k - 1].to;
        else
            w[k++] = w[i];
    *nw = k;
    return s;
}

/* Moves every check-in of `from` to the end of `to`. */
static void list_move(struct checkin_list *to, struct checkin_list *from)
{
    for (size_t i = 0; i < from->n; i++)
        *checkin_list_push(to) = from->items[i];
    free(from->items);
    *from = (struct checkin_list){0};
}

/* Puts the check-ins of the trial windows before those of the period's
 * reading, which begins at `before`, keeping the list in date order. */
static enum ache_status read_trials(struct store *st, ache_day before,
                                    struct period_data *data,
                                    struct ache_err *err)
{
    struct window *w = xcalloc(data->tags.n ? data->tags.n : 1, sizeof *w);
    size_t nw = 0;
    struct checkin_list early = {0};
    enum ache_status s = trial_windows(st, &data->tags, before, w, &nw, err);
    for (size_t i = 0; s == ACHE_OK && i < nw; i++)
        s = store_list_range(st, w[i].from, w[i].to, &early, err);
    free(w);
    list_move(&early, &data->list);
    data->list = early;
    return s;
}

/* The check-ins the period needs and no more, so that a report costs what
 * its period holds, not the whole diary: the period, the history its
 * flares read before it (all of it when a flare under way reaches that
 * far), and the days around each treatment's first use that its trial
 * compares. Then the period's tags with their kinds, and the changes made
 * after their day to check-ins of the period. */
static enum ache_status read_period(struct store *st, ache_day first,
                                    ache_day last, struct period_data *data,
                                    struct ache_err *err)
{
    ache_day from = first - INSIGHTS_HISTORY_DAYS;
    bool all = false;
    enum ache_status s = store_tags_in_range(st, first, last, &data->tags,
                                             err);
    if (s == ACHE_OK)
        s = store_list_range(st, from, last, &data->list, err);
    if (s == ACHE_OK && insights_flare_reaches_back(data->list.items,
                                                    data->list.n, first,
                                                    last)) {
        checkin_list_free(&data->list);
        all = true;
        s = store_list_range(st, date_from_ymd(DATE_MIN_YEAR, 1, 1), last,
                             &data->list, err);
    }
    /* with the whole diary read, every trial has its days already */
    if (s == ACHE_OK && !all)
        s = read_trials(st, from, data, err);
    if (s == ACHE_OK)
        s = store_each_late_change(st, first, last, take_late, data, err);
    return s;
}

/* A period asked to begin before the diary's first check-in begins there
 * (in->from_moved says so): the days before hold nothing, and a --from of
 * 0001-01-01 would otherwise size every table of days by two thousand
 * years. An empty diary, or one that begins after the period, keeps the
 * period asked. */
static enum ache_status fit_to_diary(struct store *st, struct report_input *in,
                                     struct ache_err *err)
{
    ache_day lo = 0, hi = 0;
    bool empty = true;
    enum ache_status s = store_date_span(st, &lo, &hi, &empty, err);
    if (s == ACHE_OK && !empty && in->first < lo && lo <= in->last) {
        in->asked_first = in->first;
        in->first = lo;
        in->from_moved = true;
    }
    return s;
}

enum ache_status period_read(struct store *st, struct report_input *in,
                             struct period_data *data, struct ache_err *err)
{
    enum ache_status s = fit_to_diary(st, in, err);
    if (s == ACHE_OK)
        s = read_period(st, in->first, in->last, data, err);
    in->items = data->list.items;
    in->n = data->list.n;
    in->tags = &data->tags;
    in->late = data->late;
    in->nlate = data->nlate;
    return s;
}
