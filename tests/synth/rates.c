/* rates: how often `ache insights` finds what a made-up diary holds and
 * invents what it does not, over seeds 1..S of each situation (synth.h
 * has the model). A measuring program, not a test: it judges nothing,
 * and it times itself. Usage: rates [S], S seeds a situation (default 40).
 *
 * It sees insights only through the public API (insights_effects with
 * the library's default options, insights_trial), so it measures whatever
 * method src/insights/ holds. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ache/checkin.h"
#include "ache/insights.h"
#include "synth.h"

#define ALPHA 0.05
#define NOISE_TAGS 20
#define TRIGGER_SHARE 0.2

struct situation {
    const char *name;
    const char *what;
    void (*setup)(struct synth_spec *s);
};

/* What the seeds of one situation came to. */
struct tally {
    int diaries;
    long noise_tests, noise_tests_p;  /* tested, and p < ALPHA */
    long noise_tags, noise_tags_q;    /* noise tags, and with any q < ALPHA */
    int any_noise_q;                  /* diaries with a noise tag q < ALPHA */
    int trigger_p, trigger_q;         /* trigger (pain, next day) */
    int companion_q;                  /* companion (pain, next day) */
    int trials, improved;             /* treatment trials, and "better" */
    bool trigger, companion;          /* planted in these diaries */
    double seconds;
};

/* ---- the situations ---------------------------------------------------- */

/* The diaries of issue 14: twenty tags that come in runs of days (half
 * lasting 3 days on average, half 7) over pain with day-to-day memory. */
static void runs_and_memory(struct synth_spec *s)
{
    s->noise_tags = NOISE_TAGS;
    s->noise_model = SYNTH_TAGS_RUNS;
    s->noise_run = 3;
    s->noise_run2 = 7;
}

/* iid pain with the same spread of daily pain as the AR(1) one:
 * 1.2 / sqrt(1 - 0.7^2) = 1.68. */
static void setup_a(struct synth_spec *s)
{
    s->noise_tags = NOISE_TAGS;
    s->noise_model = SYNTH_TAGS_IID;
    s->pain.phi = 0;
    s->pain.sd = 1.68;
}

static void setup_b3(struct synth_spec *s)
{
    runs_and_memory(s);
    s->noise_run2 = 0;
}

static void setup_b7(struct synth_spec *s)
{
    runs_and_memory(s);
    s->noise_run = 7;
    s->noise_run2 = 0;
}

/* The trigger where nothing else has memory: what the test can find
 * when no noise tag's small p-value lowers the bar for it. */
static void setup_c0(struct synth_spec *s)
{
    setup_a(s);
    s->trigger_share = TRIGGER_SHARE;
}

static void setup_c(struct synth_spec *s)
{
    runs_and_memory(s);
    s->trigger_share = TRIGGER_SHARE;
}

static void setup_d(struct synth_spec *s)
{
    setup_c(s);
    s->companion = true;
}

static void setup_e(struct synth_spec *s)
{
    runs_and_memory(s);
    s->treatment = true;
}

/* The same start after the worst week, by a treatment that works:
 * IMMPACT's "moderate" cut of 30%. */
static void setup_f(struct synth_spec *s)
{
    setup_e(s);
    s->treatment_effect = 0.3;
}

static const struct situation situations[] = {
    {"A", "iid tags, iid pain", setup_a},
    {"B3", "tags in runs of 3, AR pain", setup_b3},
    {"B7", "tags in runs of 7, AR pain", setup_b7},
    {"C0", "trigger, iid tags, iid pain", setup_c0},
    {"C", "trigger among tags in runs", setup_c},
    {"D", "trigger + companion", setup_d},
    {"E", "no-effect treatment", setup_e},
    {"F", "treatment cutting pain 30%", setup_f},
};

/* ---- measuring ---------------------------------------------------------- */

static bool is_noise(const char *tag, int *index)
{
    if (strncmp(tag, "noise-", 6) != 0)
        return false;
    *index = atoi(tag + 6) - 1;
    return *index >= 0 && *index < NOISE_TAGS;
}

static bool is_next_day_pain(const struct insight_effect *e, const char *tag)
{
    return strcmp(e->tag, tag) == 0 && e->outcome == CF_PAIN && e->lag == 1;
}

static void count_effects(const struct insight_effect_list *fx, int noise_tags,
                          struct tally *t)
{
    bool hit[NOISE_TAGS] = {false};
    int index;
    for (size_t i = 0; i < fx->tested; i++) {
        const struct insight_effect *e = &fx->items[i];
        if (is_noise(e->tag, &index)) {
            t->noise_tests++;
            t->noise_tests_p += e->p < ALPHA;
            hit[index] |= e->q < ALPHA;
        }
        t->trigger_p += is_next_day_pain(e, "trigger") && e->p < ALPHA;
        t->trigger_q += is_next_day_pain(e, "trigger") && e->q < ALPHA;
        t->companion_q += is_next_day_pain(e, "companion") && e->q < ALPHA;
    }
    int hits = 0;
    for (int i = 0; i < noise_tags; i++)
        hits += hit[i];
    t->noise_tags += noise_tags;
    t->noise_tags_q += hits;
    t->any_noise_q += hits > 0;
}

static bool improved(enum insight_change c)
{
    return c == INSIGHT_MINIMAL || c == INSIGHT_MODERATE ||
           c == INSIGHT_SUBSTANTIAL;
}

static void measure(const struct synth_spec *spec, struct tally *t)
{
    struct checkin_list list = {0};
    synth_diary(spec, &list);
    struct insight_effect_list fx;
    insights_effects(list.items, list.n, spec->first,
                     spec->first + spec->days - 1, NULL, &fx);
    count_effects(&fx, spec->noise_tags, t);
    insights_effect_list_free(&fx);
    if (spec->treatment) {
        struct insight_trial trial;
        insights_trial(list.items, list.n, "treatment", &trial);
        t->trials++;
        t->improved += improved(trial.change);
    }
    t->diaries++;
    checkin_list_free(&list);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run(const struct situation *sit, int seeds, struct tally *t)
{
    memset(t, 0, sizeof *t);
    double start = now_seconds();
    for (int seed = 1; seed <= seeds; seed++) {
        struct synth_spec spec;
        synth_spec_default(&spec);
        sit->setup(&spec);
        spec.seed = (uint64_t)seed;
        measure(&spec, t);
        t->trigger = spec.trigger_share > 0;
        t->companion = spec.companion;
    }
    t->seconds = now_seconds() - start;
}

/* ---- printing ------------------------------------------------------------ */

/* A share in percent in a column of 8, or "-" when there was nothing to
 * count. */
static void print_share(double part, double whole)
{
    if (whole <= 0)
        printf(" %8s", "-");
    else
        printf(" %7.1f%%", 100.0 * part / whole);
}

static void print_row(const struct situation *sit, const struct tally *t)
{
    printf("%-3s %-27s", sit->name, sit->what);
    print_share((double)t->noise_tests_p, (double)t->noise_tests);
    print_share((double)t->noise_tags_q, (double)t->noise_tags);
    print_share(t->any_noise_q, t->diaries);
    print_share(t->trigger_p, t->trigger ? t->diaries : 0);
    print_share(t->trigger_q, t->trigger ? t->diaries : 0);
    print_share(t->companion_q, t->companion ? t->diaries : 0);
    print_share(t->improved, t->trials);
    if (t->trials)
        printf(" %3d/%-3d", t->improved, t->trials);
    else
        printf(" %7s", "-");
    printf(" %7.1f\n", t->seconds);
}

static void print_heading(int seeds)
{
    struct synth_spec d;
    synth_spec_default(&d);
    printf("ache insights on made-up diaries (tests/synth/synth.h): seeds "
           "1..%d per situation,\n%d days, %.0f%% of days missing, %.0f%% "
           "with two check-ins, %d noise tags on %.0f%% of days.\n",
           seeds, d.days, 100 * d.missing, 100 * d.second_checkin,
           NOISE_TAGS, 100 * d.noise_share);
    printf("AR pain: mean %.1f, phi %.2f, innovation sd %.2f; trigger on "
           "%.0f%% of days, +%.1f next-day pain.\n",
           d.pain.mean, d.pain.phi, d.pain.sd, 100 * TRIGGER_SHARE,
           d.trigger_effect);
    printf("insights_effects options: NULL (the library's defaults");
#ifdef INSIGHTS_PERMUTATIONS
    printf(": %d permutations", INSIGHTS_PERMUTATIONS);
#endif
#ifdef INSIGHTS_SEED
    printf(", seed 0x%" PRIx64, (uint64_t)INSIGHTS_SEED);
#endif
    printf("); the whole diary as the period.\n\n");
    printf("%-31s %8s %8s %8s %8s %8s %8s %8s %7s %7s\n", "", "noise", "noise",
           "diaries", "trigger", "trigger", "compan.", "trial", "trials",
           "wall");
    printf("%-31s %8s %8s %8s %8s %8s %8s %8s %7s %7s\n", "situation",
           "p<.05", "tags q", "noise q", "p<.05", "q<.05", "q<.05", "better",
           "better", "s");
}

static void print_legend(void)
{
    static const char *const lines[][2] = {
        {"noise p<.05", "share of noise-tag tests (3 outcomes x 3 lags) "
                        "with p < .05"},
        {"noise tags q", "share of noise tags with any test at q < .05"},
        {"diaries noise q", "share of diaries with any noise tag at q < .05"},
        {"trigger, compan.", "share of diaries where the tag's next-day "
                             "pain test passed"},
        {"trial better", "share of insights_trial(\"treatment\") labelled "
                         "minimal, moderate or substantial"},
    };
    printf("\n");
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        printf("%-17s %s\n", lines[i][0], lines[i][1]);
}

int main(int argc, char **argv)
{
    int seeds = argc > 1 ? atoi(argv[1]) : 40;
    if (seeds < 1) {
        fprintf(stderr, "usage: rates [seeds]\n");
        return 2;
    }
    print_heading(seeds);
    double start = now_seconds();
    for (size_t i = 0; i < sizeof situations / sizeof situations[0]; i++) {
        struct tally t;
        run(&situations[i], seeds, &t);
        print_row(&situations[i], &t);
        fflush(stdout);
    }
    print_legend();
    printf("\ntotal wall time %.1f s\n", now_seconds() - start);
    return 0;
}
