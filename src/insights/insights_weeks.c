/* insights: the Widespread Pain Index and a Symptom Severity estimate by
 * ISO week (Monday to Sunday). */
#include "insights_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/regions.h"
#include "ache/stats.h"
#include "ache/util.h"

int insights_severity_score(double mean)
{
    if (mean < 0)
        return INSIGHTS_ABSENT;
    /* half up, with slack so that a mean of 3.5 reached through thirds
     * still rounds to 4 */
    int r = (int)floor(mean + 0.5 + INSIGHTS_SLACK);
    if (r <= 0)
        return 0;
    return r <= 3 ? 1 : r <= 6 ? 2 : 3;
}

static ache_day monday_of(ache_day d)
{
    return d - date_weekday(d);
}

/* Sums of the days' means of one field. */
struct field_sum {
    double sum;
    int days;
};

static void add_mean(struct field_sum *s, double mean)
{
    if (mean < 0)
        return;
    s->sum += mean;
    s->days++;
}

static double sum_mean(const struct field_sum *s)
{
    return s->days ? s->sum / s->days : STATS_ABSENT;
}

struct week_sums {
    struct field_sum fatigue, sleep, fog;
};

static void add_day(struct insight_week *w, struct week_sums *s,
                    const struct day_summary *d)
{
    if (d->checkins == 0)
        return;
    w->days++;
    w->regions |= d->regions;
    add_mean(&s->fatigue, d->mean[CF_FATIGUE]);
    add_mean(&s->sleep, d->mean[CF_SLEEP_QUALITY]);
    add_mean(&s->fog, d->mean[CF_FOG]);
}

static void finish_week(struct insight_week *w, const struct week_sums *s)
{
    w->has_data = w->days > 0;
    w->wpi = region_set_count(w->regions);
    w->groups = region_set_generalized_groups(w->regions);
    w->generalized = region_set_is_generalized(w->regions);
    w->fatigue = sum_mean(&s->fatigue);
    w->sleep_quality = sum_mean(&s->sleep);
    w->fog = sum_mean(&s->fog);
    w->fatigue_score = insights_severity_score(w->fatigue);
    w->sleep_score = w->sleep_quality < 0
                         ? INSIGHTS_ABSENT
                         : insights_severity_score(10.0 - w->sleep_quality);
    w->fog_score = insights_severity_score(w->fog);
    w->sss = w->total = INSIGHTS_ABSENT;
    if (w->fatigue_score < 0 || w->sleep_score < 0 || w->fog_score < 0)
        return;
    w->sss = w->fatigue_score + w->sleep_score + w->fog_score;
    w->total = w->wpi + w->sss;
}

static void start_week(struct insight_week *w, ache_day monday)
{
    memset(w, 0, sizeof *w);
    w->monday = monday;
    date_iso_week(monday, &w->iso_year, &w->iso_week);
}

void insights_weeks(const struct day_summary *days, size_t n,
                    struct insight_week_list *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return;
    ache_day first = monday_of(days[0].day);
    out->n = (size_t)((monday_of(days[n - 1].day) - first) / 7) + 1;
    out->items = xcalloc(out->n, sizeof *out->items);
    struct week_sums *sums = xcalloc(out->n, sizeof *sums);
    for (size_t w = 0; w < out->n; w++)
        start_week(&out->items[w], first + 7 * (ache_day)w);
    for (size_t i = 0; i < n; i++) {
        ache_day monday = monday_of(days[i].day);
        size_t w = (size_t)((monday - first) / 7);
        if (monday < first || w >= out->n)
            continue; /* out of order: not ours to guess where it goes */
        add_day(&out->items[w], &sums[w], &days[i]);
    }
    for (size_t w = 0; w < out->n; w++)
        finish_week(&out->items[w], &sums[w]);
    free(sums);
}

void insights_week_list_free(struct insight_week_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
