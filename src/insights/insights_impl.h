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
#define INSIGHTS_SLACK 1e-5

/* whole itself when it holds first..last and no more, else a slice of
 * it in *cut (which insights_diary_free gives back either way). */
const struct insight_diary *insights_diary_view(
    const struct insight_diary *whole, ache_day first, ache_day last,
    struct insight_diary *cut);

/* One outcome's daily values in a diary, found once per test rather
 * than once a day: a built-in field's means in the day summaries, or an
 * own field's column. */
struct insights_outcome_days {
    int key;
    const float *own; /* the own field's means; NULL for a built-in one */
};
/* The values of outcome `key` in d (an own field without a column in d
 * has no values: own stays NULL and no day counts). */
struct insights_outcome_days insights_outcome_days(
    const struct insight_diary *d, int key);

/* Whether day i counts for outcome o at lag: it has a check-in, and day
 * i + lag lies in the period with a value, which *v gets. */
bool insights_day_counts(const struct insight_diary *d, size_t i,
                         const struct insights_outcome_days *o, int lag,
                         double *v);

/* What a check-in tells of when it was entered, as bits a day gathers
 * (insights_entry_of turns them into an enum insight_entry). */
unsigned char insights_entry_bits(const struct checkin *c);
unsigned char insights_entry_of(unsigned char bits);

/* A copy of a tag name into a fixed buffer (names are checked to fit
 * before they are stored; a longer one is cut rather than overrun). */
void insights_copy_name(char dst[INSIGHTS_TAG_BUF], const char *src);

#endif
