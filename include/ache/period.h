/* period: what a report of a period reads from the diary, and no more: the
 * period's check-ins, the INSIGHTS_HISTORY_DAYS before it that flares
 * compare with (all of the diary when a flare under way began further
 * back), the days around each period treatment's first use that its trial
 * compares, the period's tags with their kinds, and the changes made after
 * their day to check-ins of the period. A period asked to begin before the
 * diary's first check-in begins there (report_input.from_moved). */
#ifndef ACHE_PERIOD_H
#define ACHE_PERIOD_H

#include <stddef.h>

#include "ache/checkin.h"
#include "ache/insights.h"
#include "ache/meds.h"
#include "ache/report.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"

/* What a report reads; it owns what report_input points to. No list of
 * check-ins: the days are summarised as they are read. */
struct period_data {
    struct insight_diary diary; /* the period and the history before it */
    struct insight_trial *trials;
    size_t ntrials;
    struct report_day_note *notes;
    size_t nnotes;
    struct tag_list tags;
    struct report_late *late;
    size_t nlate;
    struct med_list meds;   /* every medicine with its periods */
    struct dose_list doses; /* the doses of the period */
    struct report_answer *answers; /* to the presets' weekly questions */
    size_t nanswers;
};

/* Reads in->first..in->last (first may move to the diary's first
 * check-in) and points in->diary, trials, notes, tags and late at data, which the caller
 * frees with period_data_free whatever the status. */
enum ache_status period_read(struct store *st, struct report_input *in,
                             struct period_data *data, struct ache_err *err);
void period_data_free(struct period_data *data);

#endif
