/* insights internals shared by the insights_*.c files: a diary of day
 * summaries with the tags each day carried. */
#ifndef ACHE_INSIGHTS_IMPL_H
#define ACHE_INSIGHTS_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"

struct checkin;

/* Slack for comparing means of whole numbers with a threshold (see the
 * header's note). */
#define INSIGHTS_SLACK 1e-9

/* Which tags each day carried, kept both ways as lists (a day-by-tag
 * table grew with days times tags, which a diary of many tags made the
 * whole cost). */
struct insight_diary {
    ache_day first;
    size_t ndays;
    struct day_summary *days;       /* first .. first + ndays - 1 */
    char (*tags)[INSIGHTS_TAG_BUF]; /* every tag carried, sorted */
    size_t ntags;
    /* tag t was carried on days tag_days[tag_first[t] .. tag_first[t + 1])
     * (day indices, ascending); day i carried tags
     * day_tags[day_first[i] .. day_first[i + 1]) (ascending) */
    size_t *tag_first, *tag_days;
    size_t *day_first, *day_tags;
};

/* The days first..last (last >= first) of sorted check-ins, and their tags. */
void insights_diary_build(const struct checkin *items, size_t n,
                          ache_day first, ache_day last,
                          struct insight_diary *d);
void insights_diary_free(struct insight_diary *d);

/* Whether day i counts for outcome f at lag: it has a check-in, and day
 * i + lag lies in the period with a value, which *v gets. */
bool insights_day_counts(const struct insight_diary *d, size_t i,
                         enum checkin_field f, int lag, double *v);

/* A copy of a tag name into a fixed buffer (names are checked to fit
 * before they are stored; a longer one is cut rather than overrun). */
void insights_copy_name(char dst[INSIGHTS_TAG_BUF], const char *src);

#endif
