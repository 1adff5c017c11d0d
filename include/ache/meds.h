/* meds: medicines, the periods of their regimens, and doses taken.
 *
 * A medicine is taken in periods: each a regimen (a dose and unit, times
 * of day or "as needed") from its start up to the day it stopped (`stop`,
 * the first day not taken; open while it goes on). A change of dose ends
 * one period and begins the next on the same day, so the history of a
 * regimen is exact. A dose is one taking, with its day, time (or none),
 * amount and unit. Each is a record with a random id, stamps and a
 * revision, as check-ins are.
 *
 * Amounts are kept in thousandths (2.5 mg is 2500), so that what is typed
 * is what is kept.
 */
#ifndef ACHE_MEDS_H
#define ACHE_MEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/util.h"

#define MED_NAME_MAX 40
#define MED_UNIT_MAX 16
/* Times of day a regimen names at most: more than any schedule needs. */
#define MED_TIMES_MAX 12
/* The largest amount, in thousandths (a million units). */
#define MED_AMOUNT_MAX INT64_C(1000000000)
/* A period that goes on has no stop. */
#define MED_OPEN 0

struct med_period {
    char id[CHECKIN_ID_LEN + 1];
    ache_day start;
    ache_day stop;             /* the first day not taken, or MED_OPEN */
    int64_t dose;              /* thousandths, 0 when not given */
    char unit[MED_UNIT_MAX + 1];
    int times[MED_TIMES_MAX];  /* minutes of the day, in order */
    size_t ntimes;
    bool as_needed;
    int64_t created_at, updated_at, rev;
};

struct med {
    char id[CHECKIN_ID_LEN + 1];
    char name[MED_NAME_MAX + 1];
    int64_t created_at, updated_at, rev;
    struct med_period *periods; /* by start; owned */
    size_t nperiods;
};

struct med_list {
    struct med *items; /* by name */
    size_t n;
};

struct dose {
    char id[CHECKIN_ID_LEN + 1];
    char med[MED_NAME_MAX + 1]; /* the medicine's name */
    ache_day date;
    int minute;                 /* CHECKIN_TIME_ABSENT when not known */
    int64_t amount;             /* thousandths, 0 when not given */
    char unit[MED_UNIT_MAX + 1];
    int64_t created_at, updated_at, rev;
};

struct dose_list {
    struct dose *items; /* by day and time */
    size_t n;
};

/* What a change of regimen gives (the rest stays as it is). */
enum {
    MED_SET_DOSE = 1,
    MED_SET_UNIT = 2,
    MED_SET_TIMES = 4,
    MED_SET_AS_NEEDED = 8
};
/* Copies the parts `what` names from given into p. */
void med_period_apply(struct med_period *p, const struct med_period *given,
                      unsigned what);

void med_free(struct med *m);
void med_list_free(struct med_list *list);
void dose_list_free(struct dose_list *list);
/* The medicine's period on day d, or NULL when none covers it. */
const struct med_period *med_period_on(const struct med *m, ache_day d);
/* The last period (the current one when it is open), or NULL. */
const struct med_period *med_last_period(const struct med *m);

/* The doses a period scheduled on days from..to (its times of day on each
 * day it covers; none when taken as needed) and the doses of the
 * medicine `name` noted on those days. */
struct med_adherence {
    long scheduled, taken;
};
void med_adherence(const struct med_period *p, const char *name,
                   const struct dose_list *doses, ache_day from, ache_day to,
                   struct med_adherence *out);

/* "Ibuprofen 400": 1-40 bytes of UTF-8 without control characters or a
 * comma, not starting or ending with a space. */
enum ache_status med_name_check(const char *name, struct ache_err *err);
/* "400", "2.5", "0.125": a positive amount with up to three decimals, at
 * most a million. `what` names it in messages ("dose: ..."). */
enum ache_status med_amount_parse(const char *what, const char *text,
                                  int64_t *milli, struct ache_err *err);
/* "400", "2.5", "0.125": the amount without trailing zeros. */
char *med_amount_format(int64_t milli, char *buf, size_t bufsz);
/* "mg", "ml", "tablet", "%": 1-16 lowercase letters or '%'. */
enum ache_status med_unit_check(const char *unit, struct ache_err *err);
/* "08:00,21:00" into sorted minutes, repeats refused. */
enum ache_status med_times_parse(const char *text, struct med_period *p,
                                 struct ache_err *err);
/* "08:00,21:00" ("" for none). */
void med_times_format(const struct med_period *p, struct strbuf *out);
/* What a period says in a few words: "400 mg at 08:00, 21:00", "as
 * needed, 400 mg", "no dose given". */
void med_period_describe(const struct med_period *p, struct strbuf *out);

#endif
