/* insights: when each day's check-ins were entered, on the day or later,
 * and the days where that is not known (imported without created_at). */
#include "insights_impl.h"

#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/util.h"

/* What is known of a day's check-ins, as bits. */
enum { SEEN = 1, ON_TIME = 2, UNKNOWN = 4 };

unsigned char insights_entry_bits(const struct checkin *c)
{
    if (c->created_at == 0)
        return SEEN | UNKNOWN;
    return stamp_local_day(c->created_at) <= c->date ? SEEN | ON_TIME : SEEN;
}

/* A day is on time when any of its check-ins was entered on the day (the
 * person recorded it then); else unknown when any came without the moment
 * it was entered (it may have been on time); else later. */
unsigned char insights_entry_of(unsigned char bits)
{
    if (!(bits & SEEN))
        return INSIGHT_ENTRY_NONE;
    if (bits & ON_TIME)
        return INSIGHT_ENTRY_ON_TIME;
    return bits & UNKNOWN ? INSIGHT_ENTRY_UNKNOWN : INSIGHT_ENTRY_LATER;
}

static void count_entry(struct insight_entry_days *e, unsigned char entry)
{
    e->days += entry != INSIGHT_ENTRY_NONE;
    e->on_time += entry == INSIGHT_ENTRY_ON_TIME;
    e->later += entry == INSIGHT_ENTRY_LATER;
    e->unknown += entry == INSIGHT_ENTRY_UNKNOWN;
}

void insights_entry_in(const struct insight_diary *d, ache_day first,
                       ache_day last, struct insight_entry_days *out)
{
    memset(out, 0, sizeof *out);
    out->first = first;
    if (last < first)
        return;
    out->ndays = (size_t)(last - first) + 1;
    out->entry = xcalloc(out->ndays, 1);
    memcpy(out->entry, d->entry + (first - d->first), out->ndays);
    for (size_t i = 0; i < out->ndays; i++)
        count_entry(out, out->entry[i]);
}

void insights_entry_days(const struct checkin *items, size_t n,
                         ache_day first, ache_day last,
                         struct insight_entry_days *out)
{
    struct insight_diary d;
    insights_diary_build(items, n, first, last < first ? first : last, &d);
    insights_entry_in(&d, first, last, out);
    insights_diary_free(&d);
}

void insights_entry_days_free(struct insight_entry_days *e)
{
    free(e->entry);
    memset(e, 0, sizeof *e);
}

void insights_weeks_entry(struct insight_week_list *list,
                          const struct insight_entry_days *e)
{
    for (size_t w = 0; w < list->n; w++) {
        struct insight_week *wk = &list->items[w];
        wk->days_later = wk->days_unknown = 0;
        for (ache_day day = wk->monday; day < wk->monday + 7; day++) {
            if (day < e->first || day >= e->first + (ache_day)e->ndays)
                continue;
            unsigned char entry = e->entry[day - e->first];
            wk->days_later += entry == INSIGHT_ENTRY_LATER;
            wk->days_unknown += entry == INSIGHT_ENTRY_UNKNOWN;
        }
    }
}
