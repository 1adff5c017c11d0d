/* insights: a treatment's trial, the 14 days before its first use against
 * the 14 days after, named by the IMMPACT thresholds. */
#include "insights_impl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/stats.h"

/* IMMPACT reductions, in percent. */
#define MINIMAL_PCT 10.0
#define MODERATE_PCT 30.0
#define SUBSTANTIAL_PCT 50.0

static const char *const change_names[] = {
    [INSIGHT_TOO_LITTLE_DATA] = "too little data",
    [INSIGHT_NEVER_USED] = "never used",
    [INSIGHT_WORSE] = "worse",
    [INSIGHT_NO_CHANGE] = "no meaningful change",
    [INSIGHT_MINIMAL] = "minimal",
    [INSIGHT_MODERATE] = "moderate",
    [INSIGHT_SUBSTANTIAL] = "substantial",
};

const char *insights_change_name(enum insight_change change)
{
    if ((unsigned)change >= sizeof change_names / sizeof change_names[0])
        return "";
    return change_names[change];
}

enum insight_change insights_immpact(double before, double after,
                                     double *pct, bool *has_pct)
{
    *pct = 0;
    *has_pct = before > 0;
    if (before <= 0)
        return after > 0 ? INSIGHT_WORSE : INSIGHT_NO_CHANGE;
    *pct = (after - before) / before * 100.0;
    /* the slack keeps 4.5 from 5 (10% in decimals, 9.999... in binary)
     * on the side a person would put it */
    double s = INSIGHTS_SLACK * 100.0;
    if (*pct >= INSIGHTS_WORSE_PCT - s)
        return INSIGHT_WORSE;
    if (-*pct >= SUBSTANTIAL_PCT - s)
        return INSIGHT_SUBSTANTIAL;
    if (-*pct >= MODERATE_PCT - s)
        return INSIGHT_MODERATE;
    if (-*pct >= MINIMAL_PCT - s)
        return INSIGHT_MINIMAL;
    return INSIGHT_NO_CHANGE;
}

static bool first_use(const struct checkin *items, size_t n, const char *tag,
                      ache_day *day)
{
    /* the store sorts by date, but looking at every check-in costs little
     * and makes the answer right for any order */
    bool found = false;
    for (size_t i = 0; i < n; i++)
        if (checkin_has_tag(&items[i], tag) && (!found || items[i].date < *day)) {
            *day = items[i].date;
            found = true;
        }
    return found;
}

/* Mean daily pain over days[0..n), and how many days had pain. */
static double window_mean(const struct day_summary *days, size_t n, int *count)
{
    double sum = 0;
    *count = 0;
    for (size_t i = 0; i < n; i++)
        if (days[i].mean[CF_PAIN] >= 0) {
            sum += days[i].mean[CF_PAIN];
            ++*count;
        }
    return *count ? sum / *count : STATS_ABSENT;
}

void insights_trial(const struct checkin *items, size_t n, const char *tag,
                    struct insight_trial *out)
{
    memset(out, 0, sizeof *out);
    insights_copy_name(out->tag, tag);
    out->mean_before = out->mean_after = STATS_ABSENT;
    out->change = INSIGHT_NEVER_USED;
    if (!first_use(items, n, tag, &out->first_use))
        return;
    enum { SPAN = 2 * INSIGHTS_TRIAL_DAYS + 1 };
    struct day_summary days[SPAN];
    stats_days(items, n, out->first_use - INSIGHTS_TRIAL_DAYS,
               out->first_use + INSIGHTS_TRIAL_DAYS, days);
    out->mean_before = window_mean(days, INSIGHTS_TRIAL_DAYS,
                                   &out->days_before);
    out->mean_after = window_mean(days + INSIGHTS_TRIAL_DAYS + 1,
                                  INSIGHTS_TRIAL_DAYS, &out->days_after);
    out->change = INSIGHT_TOO_LITTLE_DATA;
    if (out->days_before < INSIGHTS_TRIAL_MIN_DAYS ||
        out->days_after < INSIGHTS_TRIAL_MIN_DAYS)
        return;
    out->change = insights_immpact(out->mean_before, out->mean_after,
                                   &out->change_pct, &out->has_pct);
}
