/* insights: what a diary suggests, in numbers, in the domain layer (no
 * SQLite, no curses): flares and what came before them, how tags go with
 * pain, fatigue and sleep (a permutation test), treatment trials named by
 * the IMMPACT thresholds, boom-and-bust pacing, the Widespread Pain
 * Index with a Symptom Severity estimate by ISO week, and which days were
 * filled in later than the day itself.
 *
 * Every number here is an association in one person's diary, not a cause;
 * whoever shows them says so.
 *
 * Inputs are check-ins sorted by date (as the store returns them) or day
 * summaries (stats_days) in date order. A "period" is the civil days
 * first..last, inclusive. Results are plain structs with fixed-size fields;
 * lists are allocated here and given back with the matching *_free, which
 * also accepts a zeroed or already freed list.
 *
 * Shared definitions:
 * - A day counts only when it holds at least one check-in; a day's value of
 *   a field is the mean of its check-ins that gave it (stats_days).
 * - High activity: a day is in the person's top quarter of activity when its
 *   mean activity is at least the 75th percentile of the daily activity
 *   means of the period's days that have one, computed by linear
 *   interpolation between order statistics (Hyndman and Fan type 7, the
 *   default of R and NumPy: with the n values sorted, the value at position
 *   (n - 1) * 0.75 counting from 0), and above the median. The second rule
 *   keeps ties from making ordinary days "high": in a diary of mostly 5s
 *   the 75th percentile is 5, and a day of 5 is no boom. Needs at least
 *   INSIGHTS_ACTIVITY_MIN_DAYS days with activity, else no day is high.
 * - Comparisons of means with a threshold ("at least 2 higher", "at least
 *   10%") allow 1e-5 of slack (in ratings, or 1e-3 in percent), since
 *   means of whole numbers come out of binary floating point a hair off
 *   (5/3 + 2 > 11/3), and a day keeps its means as floats (six digits).
 */
#ifndef ACHE_INSIGHTS_H
#define ACHE_INSIGHTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/stats.h"
#include "ache/tags.h"

struct day_summary;
struct strmap;

/* Room for a tag name and its NUL. */
#define INSIGHTS_TAG_BUF (TAG_NAME_MAX + 1)
/* An absent whole-number result (a score, a sum). Absent means are
 * STATS_ABSENT, as in stats. */
#define INSIGHTS_ABSENT (-1)

/* ---- the days of a period, summarised once -------------------------------- */

/* What every analysis reads of a span of days, built once from the
 * check-ins and shared: each day's summary, how its check-ins were
 * entered, and which tags it carried, kept both ways as lists (a
 * day-by-tag table grew with days times tags). A report of a hundred
 * years holds this and no list of check-ins. */
struct insight_diary {
    ache_day first;
    size_t ndays;
    struct day_summary *days; /* first .. first + ndays - 1 */
    unsigned char *entry;     /* enum insight_entry of each day */
    char (*tags)[INSIGHTS_TAG_BUF]; /* every tag carried, sorted */
    size_t ntags;
    /* tag t was carried on days tag_days[tag_first[t] .. tag_first[t + 1])
     * (day indices, ascending); day i carried tags
     * day_tags[day_first[i] .. day_first[i + 1]) (ascending) */
    uint32_t *tag_first, *tag_days;
    uint32_t *day_first, *day_tags;
    /* The daily means of the own fields that can be outcomes (see
     * insights_effects), by key: a field gets a column at its first
     * value, so a diary without own fields holds none. */
    struct insight_own_days *own;
    size_t nown;
    bool borrowed; /* days, entry and the own columns' means belong to the
                      diary it was cut from */
};

/* An own field's day means in a diary: floats, as the day summaries keep
 * the built-in ones. */
struct insight_own_days {
    int key;
    float *mean;      /* per day of the diary; STATS_ABSENT when no
                         check-in of the day gave it */
};

/* Built one check-in at a time, in date order (as the store walks them),
 * keeping no check-in: begin, add, end. Check-ins outside first..last are
 * ignored. */
struct insight_diary_build {
    struct insight_diary *d;
    struct stats_days_build days;
    struct strmap *names;   /* tag name -> its number in order of first use */
    uint32_t *last_day;     /* per number: the last day seen + 1 (0: none) */
    size_t ntags_carried;   /* day_tags so far, by day (tag numbers) */
    size_t cap;
    unsigned **own_count;   /* per own column: check-ins a day summed */
};
void insights_diary_begin(struct insight_diary_build *b, ache_day first,
                          ache_day last, struct insight_diary *out);
void insights_diary_add(struct insight_diary_build *b, const struct checkin *c);
void insights_diary_end(struct insight_diary_build *b);
/* The same from a list of check-ins (in any order). */
void insights_diary_build(const struct checkin *items, size_t n,
                          ache_day first, ache_day last,
                          struct insight_diary *out);
/* The diary of check-ins a period first..last reads: from the
 * INSIGHTS_HISTORY_DAYS before it that flares compare with, or from the
 * first check-in when that is earlier, to last (first when last is
 * before it). */
void insights_diary_with_history(const struct checkin *items, size_t n,
                                 ache_day first, ache_day last,
                                 struct insight_diary *out);
/* The days first..last of `whole` (which must hold them) as a diary of
 * their own that borrows whole's days: only the tags are its own. */
void insights_diary_slice(const struct insight_diary *whole, ache_day first,
                          ache_day last, struct insight_diary *out);
void insights_diary_free(struct insight_diary *d);
/* Gives back d's tags and their lists, keeping its days. */
void insights_diary_free_tags(struct insight_diary *d);

/* ---- high activity ------------------------------------------------------ */

#define INSIGHTS_ACTIVITY_MIN_DAYS 7

struct insight_activity {
    bool known;       /* enough days with activity to tell */
    int days;         /* days with an activity mean */
    double median;    /* STATS_ABSENT when !known */
    double threshold; /* 75th percentile (type 7); STATS_ABSENT when !known */
};

/* The top quarter of activity over days[0..n) (see above). */
void insights_activity(const struct day_summary *days, size_t n,
                       struct insight_activity *out);
/* Whether a day's mean activity (STATS_ABSENT: false) is high. */
bool insights_activity_is_high(const struct insight_activity *a,
                               double activity);

/* ---- flares --------------------------------------------------------------- */

/* A flare is a run of days stats_mark_flares marks (two or more days in a
 * row at least 2 above the median daily pain of the 28 days before). "Before
 * it" is the INSIGHTS_FLARE_LOOKBACK calendar days before its first day.
 *
 * Base rates: a tag seen before a flare means little when it is carried on
 * most days anyway, so each tag comes with how many of the period's days
 * with a check-in carried it (days_any of days_checked). */
#define INSIGHTS_FLARE_LOOKBACK 3

struct insight_flare_tag {
    char name[INSIGHTS_TAG_BUF];
    int days;     /* how many of the days before carried it (1-3) */
    int days_any; /* days of the period with a check-in that carried it */
};

struct insight_flare {
    ache_day start;        /* its first day (before the period's first when
                              begun_before_period) */
    ache_day end;          /* its last day; the period's last when ongoing */
    int length;            /* days, start..end */
    bool begun_before_period; /* it was already under way on the period's
                                 first day */
    bool ongoing;          /* runs to the last day of the period */
    double baseline;       /* the first day's baseline */
    double peak;           /* highest daily mean pain, start..end */
    ache_day peak_day;     /* the first day that reached it */
    int peak_max;          /* highest single pain rating */
    /* What came before: the tags (sorted by name) and whether any of the
     * days before had high activity (by the period's top quarter). */
    struct insight_flare_tag *tags;
    size_t ntags;
    double activity_before;     /* highest daily mean, or STATS_ABSENT */
    bool activity_high_before;
};

/* A tag carried on any day before a flare, against any day: the share
 * days_before / list days_before set beside days_any / list days_checked. */
struct insight_flare_base {
    char name[INSIGHTS_TAG_BUF];
    int days_before; /* days before flares (each counted once) carrying it */
    int days_any;    /* days of the period with a check-in carrying it */
};

struct insight_flare_list {
    struct insight_flare *items; /* by start date */
    size_t n;
    struct insight_activity activity; /* of the period, as used above */
    int days_checked; /* days of the period with a check-in */
    int days_before;  /* days with a check-in among the days before the
                         flares listed, each counted once */
    struct insight_flare_base *base; /* every tag of those days, by name */
    size_t nbase;
};

/* Days of history before a period that its flares read: a 28-day
 * baseline and the INSIGHTS_FLARE_LOOKBACK days before a flare. */
#define INSIGHTS_HISTORY_DAYS (28 + INSIGHTS_FLARE_LOOKBACK)
/* Whether a flare under way on `first` runs back into that history, so
 * that insights_flares would follow it further: a reader that gave it only
 * INSIGHTS_HISTORY_DAYS before the period must then give it all. */
bool insights_flare_reaches_back(struct insight_diary *d, ache_day first,
                                 ache_day last);
/* The flares that overlap first..last: those that start within it, and one
 * already under way on `first` (begun_before_period; its start, baseline,
 * peak and the days before it are found in the history). Pass check-ins
 * before `first` when you have them (31 days: 28 for the baseline, 3 for
 * what came before; more for a flare under way, which is followed back as
 * far as it goes); without them the first days of the period have no
 * baseline and cannot start a flare. */
void insights_flares(const struct checkin *items, size_t n, ache_day first,
                     ache_day last, struct insight_flare_list *out);
/* The same over the days of d, which holds first..last and what history
 * it has before (its days' flare flags are set on the way). */
void insights_flares_in(struct insight_diary *d, ache_day first, ache_day last,
                        struct insight_flare_list *out);
void insights_flare_list_free(struct insight_flare_list *list);

/* ---- tags: triggers and treatments ---------------------------------------- */

/* Outcomes compared, and lags in days. An outcome is a field key: the
 * three built in (pain, fatigue, sleep quality: their enum checkin_field)
 * and every own field that is not hidden, not asked weekly (a week's one
 * answer is no day's value) and has a value on a day of the period; a
 * person who keeps a field of their own asks how tags go with it. */
#define INSIGHTS_BUILTIN_OUTCOMES 3
#define INSIGHTS_OUTCOMES_MAX (INSIGHTS_BUILTIN_OUTCOMES + FIELD_OWN_MAX)
#define INSIGHTS_MAX_LAG 2
/* Fewer days than this on either side says nothing. */
#define INSIGHTS_MIN_GROUP 3
/* Permutations drawn first, and at most: a test draws more only while
 * fewer than INSIGHTS_SETTLED of them were as extreme as the diary and its
 * p is not yet surely below what the correction asks (INSIGHTS_FDR / the
 * number of tests), so the p-values near the line are measured finely
 * (down to 1 / (INSIGHTS_PERMUTATIONS_MAX + 1)) and the rest cheaply. */
#define INSIGHTS_PERMUTATIONS 1000
#define INSIGHTS_PERMUTATIONS_MAX 200000
#define INSIGHTS_SETTLED 20
#define INSIGHTS_SEED UINT64_C(0x61636865) /* "ache" */
/* From this many values on (the days that count for one test), p comes
 * from the normal curve rather than from shuffles: the studentized
 * statistic of insights_series_test is asymptotically standard normal
 * when the tag has nothing to do with the outcome, and the shuffles only
 * trace that curve, at a cost of O(n) a shuffle and up to
 * INSIGHTS_PERMUTATIONS_MAX of them (over ten minutes for a hundred
 * years of diary). Why 2000: on made-up series of 2000 days (AR(1) pain
 * with r = 0.7, a tag in runs of 5 days on a quarter of them; 200
 * series, 4000 shuffles each) the shuffles beyond the normal's two-sided
 * 5%, 1% and 0.1% points came to 5.0%, 0.97% and 0.090%: nearer than
 * the shuffles measure p themselves (1000 of them measure 0.05 to about
 * 14%, one standard error; the 20 as extreme that settle a small p, to
 * about 22%), and on the safe side, the curve's p being the larger. At
 * 1000 days the 0.1% point came to 0.078%, at 500 days to 0.063%, where
 * the curve's p would be half again too large. A tag on only a few days
 * is another matter at any length (INSIGHTS_NORMAL_SIDE). 2000 days is
 * five and a half years: a diary of a few years keeps the shuffles, one
 * of decades gets its p at once. */
#define INSIGHTS_NORMAL_FROM 2000
/* ... and when the tag was on at least this many of those days and off
 * at least as many. The statistic sets the tagged days' sum against
 * their own spread, so for a tag on (or off) only k days it stays below
 * about sqrt(k) however strong the effect: on 17 days the curve's p
 * cannot fall below 4e-5, on 3 days below 0.08, where shuffles go down to
 * 1 / 200001; such a sum also follows the curve badly (on 20 days of
 * 3000 the shuffles beyond its 0.1% point came to 0.014%). From 100 days
 * the ceiling is near 10 (p 1e-23), and on 3000 days the shuffles beyond
 * the 0.1% point came to 0.076% to 0.10% (tags on scattered days or in
 * runs of 7). Fewer days on a side keep the shuffles, long series or
 * not. */
#define INSIGHTS_NORMAL_SIDE 100
/* The false discovery rate of the correction: an effect whose q is below
 * it "survives". */
#define INSIGHTS_FDR 0.05

/* The built-in outcome fields in order: CF_PAIN, CF_FATIGUE,
 * CF_SLEEP_QUALITY (sleep quality is higher-is-better: a positive
 * difference is better sleep). i < INSIGHTS_BUILTIN_OUTCOMES. */
int insights_outcome(int i);

/* The outcomes of first..last of d, in order: the three built in, then
 * the own fields that qualify (see above) by key. Returns how many
 * (at most INSIGHTS_OUTCOMES_MAX). */
size_t insights_outcomes_in(const struct insight_diary *d, ache_day first,
                            ache_day last, int keys[INSIGHTS_OUTCOMES_MAX]);

struct insight_effect {
    char tag[INSIGHTS_TAG_BUF];
    int outcome;        /* a field key (see insights_outcome) */
    int lag;            /* 0 same day, 1 next day, 2 the day after */
    bool enough;        /* false: "too little data", the rest is partial */
    int days_with;      /* days with the tag whose outcome day has a value */
    int days_without;
    double mean_with;   /* STATS_ABSENT when that side has no day */
    double mean_without;
    double diff;        /* mean_with - mean_without (0 unless enough) */
    double p;           /* two-sided, by insights_series_test; 1 unless
                           enough */
    unsigned permutations; /* drawn for p (0 unless enough, and 0 when p
                              came from the normal curve: at least
                              INSIGHTS_NORMAL_FROM days, with and without
                              each INSIGHTS_NORMAL_SIDE or more) */
    double memory;      /* the outcome's memory the test took out */
    double q;           /* Benjamini-Hochberg over every effect with enough
                           data in the list (many tags x 9 tests turn up small
                           p by chance); 1 unless enough */
};

struct insight_effect_list {
    /* Effects with enough data first, by p, then |diff| (larger first),
     * then tag, outcome and lag; then the rest by tag, outcome and lag.
     * A p at or below 1 / (most + 1), the finest a shuffled p can be,
     * counts as equal to it (the normal curve of a long series goes far
     * lower), so overwhelming effects go by |diff| however long the
     * diary; q is worked out on the exact order of p first. */
    struct insight_effect *items;
    size_t n;
    size_t tested; /* items[0..tested) have enough data */
    /* The outcomes compared (insights_outcomes_in): every tag has an
     * effect for each of them at each lag. */
    int outcomes[INSIGHTS_OUTCOMES_MAX];
    size_t noutcomes;
};

struct insight_effect_options {
    unsigned permutations; /* drawn first; 0: INSIGHTS_PERMUTATIONS */
    uint64_t seed;
    unsigned most; /* at most; 0: INSIGHTS_PERMUTATIONS_MAX */
};

/* For every tag carried on a day of first..last, every outcome and lag:
 * the days with at least one check-in are split by whether any check-in of
 * the day carries the tag; a day's outcome at lag L is the mean of the
 * field on day + L (which must lie in the period and have a value; days
 * without one are left out of both groups). Each tag, outcome and lag gets
 * its own random stream from the seed, its name, outcome and lag (an own
 * field by its name, not its key, which another copy of the diary may
 * number otherwise), so its
 * p-value does not change when other tags come and go, unless it is so
 * small that it was measured only until it surely passed the correction
 * (INSIGHTS_FDR / the number of tests, which other tags change). opt may
 * be NULL (INSIGHTS_PERMUTATIONS, INSIGHTS_SEED,
 * INSIGHTS_PERMUTATIONS_MAX). */
void insights_effects(const struct checkin *items, size_t n, ache_day first,
                      ache_day last, const struct insight_effect_options *opt,
                      struct insight_effect_list *out);
/* The same over the days of d, which must hold first..last. */
void insights_effects_in(const struct insight_diary *d, ache_day first,
                         ache_day last, const struct insight_effect_options *opt,
                         struct insight_effect_list *out);
void insights_effect_list_free(struct insight_effect_list *list);

/* ---- overlapping tags ----------------------------------------------------- */

/* Two tags that share most of their days (more than half of the days of
 * each: a trigger and what usually comes with it) cannot be told apart by
 * their tests on all days; each one's effect on the days without the other
 * can, where there are enough such days. */
struct insight_overlap_side {
    char tag[INSIGHTS_TAG_BUF];
    int days;                  /* days of the period carrying it */
    /* Its strongest effect (the first of the tag in the effect list),
     * again on the days without the other tag only: */
    int outcome;
    int lag;
    bool enough;               /* INSIGHTS_MIN_GROUP days on each side */
    int days_with, days_without;
    double diff;               /* mean with - mean without (0 unless
                                  enough); not tested, not corrected */
};

struct insight_overlap {
    struct insight_overlap_side side[2]; /* by name */
    int shared;                          /* days carrying both */
};

struct insight_overlap_list {
    struct insight_overlap *items; /* by the first tag's name, then the
                                      second's */
    size_t n;
};

/* The pairs among the tested tags of fx (which insights_effects made from
 * the same items and period) that share more than half of each one's days
 * of first..last. */
void insights_overlaps(const struct checkin *items, size_t n, ache_day first,
                       ache_day last, const struct insight_effect_list *fx,
                       struct insight_overlap_list *out);
void insights_overlaps_in(const struct insight_diary *d, ache_day first,
                          ache_day last, const struct insight_effect_list *fx,
                          struct insight_overlap_list *out);
void insights_overlap_list_free(struct insight_overlap_list *list);

/* The test of one tag against one outcome at one lag: the values of the
 * days that count, in date order (days without a value left out), and
 * which of them the tag was on. */
struct insight_series {
    const double *value;
    const bool *tagged;
    size_t n;
};

struct insight_test_options {
    unsigned first; /* permutations drawn first (0: no test, p = 1, also
                       for a long series) */
    unsigned most;  /* at most (less than first: first) */
    uint64_t seed;
    /* Stop drawing once p is surely at or below this (a p counted over
     * the draws so far, (as extreme + 1) / (drawn + 1), is never below
     * the true one by more than chance allows): 0 draws on as `most`
     * says. */
    double clear;
};

struct insight_test {
    double p;              /* in (0, 1]; 1 when there is nothing to test */
    unsigned permutations; /* drawn; 0 for the normal curve */
    double memory;         /* the r taken out (insights_memory) */
};

/* Days next to each other are not independent: pain follows yesterday's,
 * and a tag comes in runs (weather, a period, a course of treatment).
 * Shuffling days as if each were new evidence turns runs of noise into
 * "effects" (a fifth of such tests came out p < 0.05). So the test first
 * takes out what yesterday explains: with r the outcome's memory
 * (insights_memory), each value becomes v[t] - r v[t-1] and the tag (1 on,
 * 0 off) t[t] - r t[t-1], both centred, over t = 1..n-1 (neighbours in
 * the series; a day without a value is skipped). The statistic is
 * |S| / sqrt(V), with u[t] the product of the two, S the sum of u and
 * V = sum u[t]^2 + sum u[t] u[t-1] (what neighbours still share counts
 * once more), and the whitened values are shuffled: a tag with an effect
 * still moves the day it acts on, which yesterday does not explain. p is
 * how often a shuffle gave a statistic at least as large as the diary's,
 * with the +1 correction: (count + 1) / (drawn + 1). opt->first are
 * drawn, then twice as many at a time while fewer than INSIGHTS_SETTLED
 * were as extreme, up to opt->most, so that the p-values that can pass
 * the correction are measured finely and the rest cheaply. From
 * INSIGHTS_NORMAL_FROM values on, with the tag on and off at least
 * INSIGHTS_NORMAL_SIDE of them each, nothing is shuffled: the statistic
 * is then near enough standard normal under the null (the values and
 * the tag are centred, the spread is estimated from the same u), so p =
 * erfc(statistic / sqrt 2), at least DBL_MIN so that it stays above 0,
 * and permutations is 0. No test
 * (p = 1) for fewer than 3 values or a tag on all or none of them. The
 * same arguments give the same answer. */
void insights_series_test(const struct insight_series *s,
                          const struct insight_test_options *opt,
                          struct insight_test *out);

/* The memory of a series: its lag-1 autocorrelation, raised by
 * (1 + 3r) / n for the bias of a short sample's own mean, held to
 * [0, INSIGHTS_MEMORY_MAX] (a negative one is taken as none; one near 1
 * would leave nothing to compare). 0 for fewer than 3 values. */
#define INSIGHTS_MEMORY_MAX 0.95
double insights_memory(const double *v, size_t n);

/* ---- treatment trials ----------------------------------------------------- */

/* A trial compares mean daily pain in the 28 days before a treatment's
 * first use (the baseline) with the 14 days after it; the day of first
 * use is in neither, being the change-over. Four weeks, not two, so that
 * one bad week weighs a quarter of the baseline rather than half; two
 * weeks after, long enough for most treatments to show and short enough
 * to hear about a trial while it is still going on. Each side needs at
 * least half its days with pain. */
#define INSIGHTS_TRIAL_BEFORE_DAYS 28
#define INSIGHTS_TRIAL_AFTER_DAYS 14
#define INSIGHTS_TRIAL_MIN_BEFORE 14
#define INSIGHTS_TRIAL_MIN_AFTER 7
/* A bad spell: the 7 days before the first use (at least 4 with pain)
 * had mean pain at least 1 point above the rest of the baseline (days 28
 * to 8 before, at least 7 with pain). People start treatments when pain
 * is bad, and bad spells ease by themselves (regression to the mean), so
 * then an improvement must also show against that rest ("usual" pain). */
#define INSIGHTS_TRIAL_SPELL_DAYS 7
#define INSIGHTS_TRIAL_SPELL_MIN_DAYS 4
#define INSIGHTS_TRIAL_USUAL_MIN_DAYS 7
#define INSIGHTS_TRIAL_SPELL_RISE 1.0
/* The 95% interval of the percentage change comes from a block bootstrap:
 * each side's days with pain, in date order, are resampled in runs of 4
 * days (so that a bad day keeps the days around it, as pain's day-to-day
 * memory does; Politis and White's rule (2004) gives 4 to 5 days for 14
 * to 28 days of pain with a lag-1 autocorrelation near 0.6, and 4 leaves
 * the 14 days after more than 3 runs), circular so
 * that every day is drawn equally often, 1999 times, from a fixed seed;
 * the interval runs from the 50th to the 1950th of the sorted changes. */
#define INSIGHTS_TRIAL_BLOCK 4
#define INSIGHTS_TRIAL_RESAMPLES 1999
#define INSIGHTS_TRIAL_SEED UINT64_C(0x747269616c) /* "trial" */
/* IMMPACT (Dworkin et al. 2008): a reduction in pain of at least 10% is
 * minimal, 30% moderate, 50% substantial. */
#define INSIGHTS_MINIMAL_PCT 10.0
#define INSIGHTS_MODERATE_PCT 30.0
#define INSIGHTS_SUBSTANTIAL_PCT 50.0
/* "worse": the interval above 0 and the change at least this. */
#define INSIGHTS_WORSE_PCT 10.0

/* A trial's label, in order: improvements last. */
enum insight_change {
    INSIGHT_TOO_LITTLE_DATA,
    INSIGHT_NO_CLEAR_CHANGE,
    INSIGHT_WORSE,
    INSIGHT_MINIMAL,
    INSIGHT_MODERATE,
    INSIGHT_SUBSTANTIAL
};

/* Why a trial has too little data (INSIGHT_TRIAL_LABELLED when it has a
 * label); the first that applies. */
enum insight_trial_why {
    INSIGHT_TRIAL_LABELLED,
    INSIGHT_TRIAL_NEVER_USED,  /* the tag is on no check-in */
    INSIGHT_TRIAL_FEW_BEFORE,  /* < INSIGHTS_TRIAL_MIN_BEFORE days with pain */
    INSIGHT_TRIAL_FEW_AFTER,   /* < INSIGHTS_TRIAL_MIN_AFTER days with pain */
    INSIGHT_TRIAL_LITTLE_USE   /* carried on fewer than half the days after
                                  with a check-in: a one-off is no trial */
};

/* Some days before the first use against the days after it. */
struct insight_trial_cmp {
    int days;            /* days with pain before */
    double mean;         /* their mean daily pain, or STATS_ABSENT */
    bool has_pct;        /* compared (the trial has enough data and use),
                            and pain before was above 0 */
    double pct;          /* (after - before) / before * 100: -40 is 40% less
                            pain; 0 unless has_pct */
    bool has_range;      /* compared, and both ends finite (a resample of
                            no pain before makes any pain after infinite) */
    double low, high;    /* the 95% interval of pct; 0 unless has_range */
    enum insight_change change; /* what this comparison alone supports */
};

/* A trial's name: a tag, or a medicine with its regimen ("amitriptyline
 * 20 mg"). */
#define INSIGHTS_TRIAL_NAME_BUF 80

struct insight_trial {
    char tag[INSIGHTS_TRIAL_NAME_BUF];
    enum insight_change change;  /* the label */
    enum insight_trial_why why;
    ache_day first_use;          /* meaningless when never used */
    int days_after;              /* days with pain after */
    double mean_after;           /* their mean, or STATS_ABSENT */
    int days_checked;            /* days after with a check-in */
    int days_used;               /* of those, days carrying the tag */
    struct insight_trial_cmp before; /* the whole baseline */
    int spell_days;              /* days with pain in the week before */
    double spell_mean;           /* their mean, or STATS_ABSENT */
    bool bad_spell;
    struct insight_trial_cmp usual;  /* the baseline without that week;
                                        compared only after a bad spell */
    /* A regimen's trial (insights_trial_regimen): first_use is the day
     * the regimen began, and of the days after (up to the period's last
     * day) `scheduled` doses were scheduled and `noted` noted. */
    bool regimen;
    long scheduled, noted;
};

/* A trial of `tag`: its first use is the first day any of items carries it
 * (items in any order). The label: "too little data" unless both sides
 * have their days and the tag was carried on at least half the days after
 * with a check-in; else insights_trial_label of the whole baseline, except
 * that after a bad spell an improvement is only as large as the one the
 * usual days also support (none when they support none). */
void insights_trial(const struct checkin *items, size_t n, const char *tag,
                    struct insight_trial *out);
/* A trial of a medicine's regimen from the day it began (a start or a
 * change of dose): as insights_trial, with `used[i]` saying whether the
 * regimen was taken on day start + 1 + i (i < INSIGHTS_TRIAL_AFTER_DAYS:
 * a day it covered, for a scheduled one; a day with a dose noted, for one
 * taken as needed). The caller sets the name and adherence. */
void insights_trial_regimen(const struct checkin *items, size_t n,
                            const char *name, ache_day start,
                            const bool used[INSIGHTS_TRIAL_AFTER_DAYS],
                            struct insight_trial *out);
/* The label of one comparison, named by the cautious end of its interval:
 * an improvement only when the interval's upper end `high` and the change
 * `pct` are both at least a 10% fall, and then the largest IMMPACT step
 * (10, 30, 50) both reach; "worse" when the whole interval is above 0 and
 * pct is at least INSIGHTS_WORSE_PCT; else "no clear change". pct and the
 * ends may be INFINITY (from no pain). */
enum insight_change insights_trial_label(double pct, double low, double high);
/* The labels as people read them (and as exported): "too little data",
 * "no clear change", "worse", "minimal improvement", "moderate
 * improvement", "substantial improvement"; "" for anything else. */
const char *insights_change_name(enum insight_change change);

/* ---- pacing: boom and bust ------------------------------------------------ */

/* A boom is a day of high activity; it is followed by a bust when within
 * the next INSIGHTS_BUST_DAYS days the mean pain is at least
 * INSIGHTS_BUST_RISE above the boom day's. Pain rises like that after
 * ordinary days too, so the same rise is counted after every ordinary day
 * (activity rated, below the top quarter) for comparison. */
#define INSIGHTS_BUST_DAYS 2
#define INSIGHTS_BUST_RISE 2.0

/* Means are kept as the days hold them (floats). */
struct insight_boom {
    ache_day day;
    float activity;
    float pain;         /* on the boom day, or STATS_ABSENT */
    bool assessed;      /* pain known on the boom day and on a day after */
    bool bust;
    ache_day bust_day;  /* the first day that qualified */
    float bust_pain;    /* STATS_ABSENT unless bust */
};

struct insight_pacing {
    struct insight_activity activity;
    struct insight_boom *items; /* every boom, by date */
    size_t booms;               /* = number of items */
    size_t assessed;            /* booms that could be followed by a bust */
    size_t busts;
    /* The same for ordinary days: the bust rate after them is
     * ordinary_busts / ordinary_assessed, beside busts / assessed. */
    size_t ordinary;            /* days with activity, none of them high */
    size_t ordinary_assessed;   /* pain known on the day and a day after */
    size_t ordinary_busts;      /* pain at least 2 higher within 2 days */
};

/* Booms and busts over days[0..n) (sorted by date; gaps allowed): the top
 * quarter is that of these days. Booms near the end may not be assessed.
 * Without a known top quarter there are no booms and no ordinary days. */
void insights_pacing(const struct day_summary *days, size_t n,
                     struct insight_pacing *out);
void insights_pacing_free(struct insight_pacing *p);

/* ---- widespread pain and symptom severity by week ------------------------- */

/* A week's mean of a 0-10 symptom as the 0-3 of the 2016 Symptom Severity
 * Scale: the mean rounded half up, then 0 -> 0, 1-3 -> 1, 4-6 -> 2,
 * 7-10 -> 3. INSIGHTS_ABSENT for an absent (negative) mean. For sleep
 * quality pass 10 - mean (0 is "woke unrefreshed" on our scale, the
 * severe end on theirs). */
int insights_severity_score(double mean);

struct insight_week {
    int iso_year, iso_week;
    ache_day monday;
    int days;             /* days with at least one check-in (0-7) */
    bool has_data;        /* days > 0; otherwise every value is absent */
    region_set regions;   /* every region marked during the week */
    int wpi;              /* Widespread Pain Index 0-19 */
    int groups;           /* region_set_generalized_groups (0-5) */
    bool generalized;     /* pain in at least 4 of 5 groups */
    /* Means of the days' means, STATS_ABSENT when no day gave one, and
     * their 0-3 scores (sleep from 10 - mean), INSIGHTS_ABSENT likewise. */
    double fatigue, sleep_quality, fog;
    int fatigue_score, sleep_score, fog_score;
    /* Symptom Severity estimate 0-9: the three scores above (the 2016
     * scale's 0-12 also counts headaches, abdominal pain and depression,
     * which a check-in does not ask). INSIGHTS_ABSENT unless all three are
     * there, since a partial sum would understate. */
    int sss;
    /* wpi + sss (0-28), or INSIGHTS_ABSENT. Not the ACR's 0-31
     * Fibromyalgia Severity scale: three of its symptoms are not asked. */
    int total;
    /* Days of the week filled in later and days whose timing is unknown
     * (insight_entry); 0 until insights_weeks_entry fills them. */
    int days_later, days_unknown;
};

struct insight_week_list {
    struct insight_week *items; /* every ISO week from the first day's to
                                   the last's, without gaps */
    size_t n;
};

/* Weeks of days[0..n) (sorted by date; gaps allowed; days outside the array
 * count as days without data, so edge weeks may be partial: see `days`). */
void insights_weeks(const struct day_summary *days, size_t n,
                    struct insight_week_list *out);
void insights_week_list_free(struct insight_week_list *list);

/* ---- when check-ins were entered ------------------------------------------ */

/* A day's check-ins may have been entered on the day or recalled later,
 * which a reader may weigh differently; for an imported check-in without
 * created_at (0) the moment is unknown, which is not "later". */
enum insight_entry {
    INSIGHT_ENTRY_NONE,    /* no check-in that day */
    INSIGHT_ENTRY_ON_TIME, /* at least one entered on the day (or before) */
    INSIGHT_ENTRY_LATER,   /* every one entered after the (local) day */
    INSIGHT_ENTRY_UNKNOWN  /* none known on time, some of unknown moment */
};

struct insight_entry_days {
    ache_day first;
    size_t ndays;
    unsigned char *entry; /* enum insight_entry of each day first..last */
    int days;             /* days with a check-in */
    int on_time, later, unknown; /* of those, by entry; they sum to days */
};

/* How the check-ins of each day first..last were entered (items in any
 * order; those outside the period are ignored). */
void insights_entry_days(const struct checkin *items, size_t n,
                         ache_day first, ache_day last,
                         struct insight_entry_days *out);
/* The same for first..last, which d must hold. */
void insights_entry_in(const struct insight_diary *d, ache_day first,
                       ache_day last, struct insight_entry_days *out);
void insights_entry_days_free(struct insight_entry_days *e);
/* Sets each week's days_later and days_unknown from e (days outside e
 * count as neither). */
void insights_weeks_entry(struct insight_week_list *list,
                          const struct insight_entry_days *e);

#endif
