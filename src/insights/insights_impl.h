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

/* Whether day i counts for outcome f at lag: it has a check-in, and day
 * i + lag lies in the period with a value, which *v gets. */
bool insights_day_counts(const struct insight_diary *d, size_t i,
                         enum checkin_field f, int lag, double *v);

/* What a check-in tells of when it was entered, as bits a day gathers
 * (insights_entry_of turns them into an enum insight_entry). */
unsigned char insights_entry_bits(const struct checkin *c);
unsigned char insights_entry_of(unsigned char bits);

/* A copy of a tag name into a fixed buffer (names are checked to fit
 * before they are stored; a longer one is cut rather than overrun). */
void insights_copy_name(char dst[INSIGHTS_TAG_BUF], const char *src);

#endif
