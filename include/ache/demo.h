/* demo: a realistic synthetic diary, for trying ache out, screenshots and
 * benchmarks. Deterministic for a seed (ids included).
 *
 * The model: a slowly wandering baseline of pain, a weekly rhythm (worse
 * at the end of the working week), flares lasting days, triggers that
 * really raise the next day's pain (long sitting, stress, cold weather,
 * overexertion after high activity), treatments that help a little
 * (stretching, yoga, magnesium from a start date on), sleep and fatigue
 * that follow pain, about one day in eight skipped and some days with a
 * morning and an evening check-in, a few filled in a day or two later.
 */
#ifndef ACHE_DEMO_H
#define ACHE_DEMO_H

#include <stdint.h>

#include "ache/date.h"
#include "ache/util.h"

struct checkin;

struct demo_params {
    ache_day first, last; /* inclusive */
    uint64_t seed;
};

/* Called for each generated check-in, in date order; the callback may
 * keep nothing of c (it is freed after the call). A non-OK status stops
 * the generation and is returned. */
typedef enum ache_status (*demo_emit_fn)(struct checkin *c, void *ctx);

enum ache_status demo_generate(const struct demo_params *p, demo_emit_fn emit,
                               void *ctx);

#endif
