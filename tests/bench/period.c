/* bench: `ache report` and `ache insights` against the period asked and
 * the history kept.  Ninety days (the default) on a diary of 100 years
 * must cost what they cost on a diary of one: the work should follow the
 * period asked, never the history behind it.  The whole 100 years must
 * still take well under a second, and a period reaching far before the
 * first check-in (--from 0001-01-01) must cost no more than the days the
 * diary holds, in time as in memory.  These runs can be very slow, so each
 * is stopped at a limit and a slow one is run once only. */
#include "bench.h"

#include <stdio.h>

/* Runs of the 90-day pairs; of the slow commands, after a warm-up (one run
 * only when the warm-up passes SLOW_MS); the limit each run is stopped at. */
enum { PAIR_RUNS = 21, SLOW_RUNS = 3, LIMIT_S = 60 };
#define SLOW_MS 10000.0

/* The first day of the last year of the 100-year diary. */
#define BENCH_FROM_1Y "2025-11-25"

/* The last year of the 100-year diary as a diary of its own: the same
 * check-ins in the 90 days, so that both sides do the same work on them
 * (the 1-year demo is another made-up year, whose tags may call for more
 * shuffles or fewer). */
static bool build_last_year(const struct bench *b, char *db, size_t size)
{
    snprintf(db, size, "%s/last-year.db", b->dir);
    return bench_sh("'%s' --db '%s' export --from %s > '%s/last-year.csv' && "
                    "'%s' --db '%s' import '%s/last-year.csv' > /dev/null",
                    b->ache, b->y100, BENCH_FROM_1Y, b->dir, b->ache, db,
                    b->dir);
}

/* `cmd` over the default 90 days, on 100 years against their last year. */
static void ratio_90d(const struct bench *b, const char *last_year,
                      const char *cmd, const char *what,
                      const char *mem_what)
{
    char *y100[] = {(char *)b->ache, "--db", (char *)b->y100, (char *)cmd,
                    NULL};
    char *y1[] = {(char *)b->ache, "--db", (char *)last_year, (char *)cmd,
                  NULL};
    struct measure m100, m1;
    measure_pair(y100, y1, PAIR_RUNS, &m100, &m1);
    report_ratio(what, "<= 1.2x", m100.ok && m1.ok, m100.ms, m1.ms, 1.2,
                 false);
    report_memory(mem_what, m100.kib);
}

/* The time of a slow measure, saying how many runs it took or that the
 * limit stopped it. */
static void slow_figure(char *out, size_t size, const struct measure *m)
{
    if (m->stopped)
        snprintf(out, size, "> %d s: stopped (1 run)", LIMIT_S);
    else if (m->runs == 1)
        snprintf(out, size, "%.0f ms (1 run: over %.0f s)", m->ms,
                 SLOW_MS / 1000);
    else
        snprintf(out, size, "%.0f ms (%d runs)", m->ms, m->runs);
}

/* A row for a slow command: against limit_ms, or information when it is
 * not above 0.  Its peak memory goes under mem_what. */
static void slow_row(char *const argv[], const char *what,
                     const char *target, double limit_ms,
                     const char *mem_what)
{
    char figure[64];
    struct measure m = measure_slow(argv, SLOW_RUNS, SLOW_MS, LIMIT_S);
    slow_figure(figure, sizeof figure, &m);
    /* a stop is the figure, not a failure: it does not hold a target */
    bool failed = !m.ok && !m.stopped;
    enum verdict v = failed         ? V_NO
                     : limit_ms > 0 ? verdict_of(!m.stopped && m.ms < limit_ms)
                                    : V_INFO;
    if (limit_ms > 0)
        report_row(what, target, v, "%s", figure);
    else
        report_row(what, target, v, "%s, %.1f MiB", figure,
                   (double)m.kib / 1024);
    report_memory(mem_what, m.kib);
}

/* `cmd` over every day of the 100-year diary. */
static void all_100y(const struct bench *b, const char *cmd,
                     const char *target, double limit_ms)
{
    char *argv[] = {(char *)b->ache, "--db", (char *)b->y100, (char *)cmd,
                    "--from", BENCH_FROM_100Y, "--to", BENCH_TODAY, NULL};
    char what[48], mem_what[48];
    snprintf(what, sizeof what, "%s, all 100 years", cmd);
    snprintf(mem_what, sizeof mem_what, "ache %s, all 100 years", cmd);
    slow_row(argv, what, target, limit_ms, mem_what);
}

/* `ache insights` over the last `years` of the 10-year diary: periods of a
 * few years keep shuffling (the normal curve starts at INSIGHTS_NORMAL_FROM
 * days), and must not take as long as they once did. */
static void years_of_10y(const struct bench *b, int years, const char *from,
                         double limit_ms)
{
    char *argv[] = {(char *)b->ache, "--db", (char *)b->y10, "insights",
                    "--from", (char *)from, "--to", BENCH_TODAY, NULL};
    char what[48], mem_what[48], target[16];
    snprintf(what, sizeof what, "insights, last %d year%s of 10y", years,
             years == 1 ? "" : "s");
    snprintf(mem_what, sizeof mem_what, "ache %s", what);
    snprintf(target, sizeof target, "< %.0f ms", limit_ms);
    slow_row(argv, what, target, limit_ms, mem_what);
}

void bench_period(const struct bench *b)
{
    char last_year[160];
    if (build_last_year(b, last_year, sizeof last_year)) {
        ratio_90d(b, last_year, "report", "report 90d, 100y / last year",
                  "ache report 90 days, 100 years");
        ratio_90d(b, last_year, "insights", "insights 90d, 100y / last year",
                  "ache insights 90 days, 100 years");
    } else {
        report_row("report 90d, 100y / last year", "<= 1.2x", V_NO,
                   "the last year could not be copied");
    }
    years_of_10y(b, 1, "2025-11-25", 1000);
    years_of_10y(b, 3, "2023-11-25", 2000);
    years_of_10y(b, 6, "2020-11-25", 5000);
    all_100y(b, "insights", "< 500 ms", 500);
    all_100y(b, "report", "< 1000 ms", 1000);
    char *far[] = {(char *)b->ache, "--db", (char *)b->y100, "report",
                   "--from", "0001-01-01", NULL};
    slow_row(far, "report --from 0001-01-01, 100y", "", 0,
             "ache report --from 0001-01-01, 100y");
    report_note("90d, 100y / last year: the same default 90 days, on a "
                "diary of 100 years and on a copy of its last year.");
    report_note("  Near 1x, the cost follows the period asked; far above, the "
                "history kept is read or worked over.");
    report_note("Slow rows: %d runs after a warm-up, one run when that passes "
                "%.0f s, stopped at %d s;", SLOW_RUNS, SLOW_MS / 1000,
                LIMIT_S);
    report_note("  the peak memory of a stopped run is its peak until then.");
}
