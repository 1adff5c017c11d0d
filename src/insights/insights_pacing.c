/* insights: boom and bust, days of high activity followed within two days
 * by a clear rise in pain. */
#include "insights_impl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/insights.h"
#include "ache/stats.h"
#include "ache/util.h"

/* Looks at the days after days[i] (within INSIGHTS_BUST_DAYS calendar days;
 * the array may have gaps) for pain, and the first that busts. Any day can
 * be followed so, a boom or an ordinary one; b->pain is days[i]'s. */
static void follow_day(const struct day_summary *days, size_t n, size_t i,
                       struct insight_boom *b)
{
    for (size_t j = i + 1;
         j < n && days[j].day - days[i].day <= INSIGHTS_BUST_DAYS; j++) {
        double pain = days[j].mean[CF_PAIN];
        if (pain < 0 || b->pain < 0)
            continue;
        b->assessed = true;
        if (pain - b->pain >= INSIGHTS_BUST_RISE - INSIGHTS_SLACK) {
            b->bust = true;
            b->bust_day = days[j].day;
            b->bust_pain = (float)pain;
            return;
        }
    }
}

static struct insight_boom followed(const struct day_summary *days, size_t n,
                                    size_t i)
{
    struct insight_boom b = {
        .day = days[i].day,
        .activity = days[i].mean[CF_ACTIVITY],
        .pain = days[i].mean[CF_PAIN],
        .bust_pain = STATS_ABSENT,
    };
    follow_day(days, n, i, &b);
    return b;
}

/* An ordinary day: activity rated, and not in a known top quarter (with
 * no top quarter known, no day is ordinary either: nothing to compare). */
static bool is_ordinary(const struct insight_activity *a, double activity)
{
    return a->known && activity >= 0 &&
           !insights_activity_is_high(a, activity);
}

void insights_pacing(const struct day_summary *days, size_t n,
                     struct insight_pacing *out)
{
    memset(out, 0, sizeof *out);
    insights_activity(days, n, &out->activity);
    size_t high = 0; /* a list of as many as there are days outgrew the rest */
    for (size_t i = 0; i < n; i++)
        high += insights_activity_is_high(&out->activity,
                                          days[i].mean[CF_ACTIVITY]);
    out->items = xcalloc(high ? high : 1, sizeof *out->items);
    for (size_t i = 0; i < n; i++) {
        double activity = days[i].mean[CF_ACTIVITY];
        if (insights_activity_is_high(&out->activity, activity)) {
            struct insight_boom *b = &out->items[out->booms++];
            *b = followed(days, n, i);
            out->assessed += b->assessed;
            out->busts += b->bust;
        } else if (is_ordinary(&out->activity, activity)) {
            struct insight_boom o = followed(days, n, i);
            out->ordinary++;
            out->ordinary_assessed += o.assessed;
            out->ordinary_busts += o.bust;
        }
    }
}

void insights_pacing_free(struct insight_pacing *p)
{
    free(p->items);
    memset(p, 0, sizeof *p);
}
