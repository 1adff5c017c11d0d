/* insights internals shared by the insights_*.c files: a diary of day
 * summaries with the tags each day carried. */
#ifndef ACHE_INSIGHTS_IMPL_H
#define ACHE_INSIGHTS_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/insights.h"

/* Slack for comparing means of whole numbers with a threshold (see the
 * header's note). */
#define INSIGHTS_SLACK 1e-9

struct insight_diary {
    ache_day first;
    size_t ndays;
    struct day_summary *days;       /* first .. first + ndays - 1 */
    char (*tags)[INSIGHTS_TAG_BUF]; /* every tag carried, sorted */
    size_t ntags;
    unsigned char *on;              /* ndays x ntags: day carried tag */
};

/* The days first..last (last >= first) of sorted check-ins, and their tags. */
void insights_diary_build(const struct checkin *items, size_t n,
                          ache_day first, ache_day last,
                          struct insight_diary *d);
void insights_diary_free(struct insight_diary *d);

static inline bool insights_diary_on(const struct insight_diary *d,
                                     size_t day, size_t tag)
{
    return d->on[day * d->ntags + tag] != 0;
}

/* A copy of a tag name into a fixed buffer (names are checked to fit
 * before they are stored; a longer one is cut rather than overrun). */
void insights_copy_name(char dst[INSIGHTS_TAG_BUF], const char *src);

#endif
