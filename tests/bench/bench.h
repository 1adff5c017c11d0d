/* bench: the speed and memory figures of ache, measured as medians over
 * repeated runs, with every ratio taken against a baseline measured in the
 * same run (these machines are noisy, so absolute numbers from another day
 * mean little).  Never part of `make check`: run `make bench`. */
#ifndef ACHE_BENCH_H
#define ACHE_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ACHE_TODAY for every run, so the diaries and windows never move. */
#define BENCH_TODAY "2026-11-24"
/* The first day of the 10-year diary: 3650 days ending BENCH_TODAY. */
#define BENCH_FROM_10Y "2016-11-27"
/* The first day of the 100-year diary: 36500 days ending BENCH_TODAY. */
#define BENCH_FROM_100Y "1926-12-20"

/* What the sections share: the program under test and its diaries. */
struct bench {
    const char *ache;     /* path of the ache binary */
    const char *echo;     /* path of the pty overhead program */
    const char *floor;    /* path of the floor program */
    const char *import_floor; /* path of the import floor program */
    const char *edit_all; /* path of the program editing every check-in */
    const char *kdf_floor; /* path of the program deriving a folder's key */
    char dir[64];         /* scratch folder, removed at the end */
    char y1[128], y10[128], y100[128]; /* diaries of 1, 10, 100 years */
    char csv[128];        /* 100,000 check-ins to import */
    char imported[128];   /* a diary holding exactly those */
};

/* ---- processes (proc.c) ------------------------------------------------ */

struct run {
    double ms;  /* wall time from fork to reaping */
    long kib;   /* peak resident memory (ru_maxrss) */
};

/* The figures of one command over several runs. */
struct measure {
    double ms;  /* median wall time */
    long kib;   /* the highest peak memory of any run */
    int runs;
    bool ok;    /* every run exited with status 0 */
    bool stopped; /* the run was stopped at its time limit (measure_slow) */
};

double bench_now_ms(void);
double bench_median(double *v, int n);

/* Runs argv to its end with stdin from /dev/null and stdout to out_path
 * (NULL: /dev/null); stderr is left alone so failures show.  False when it
 * could not start or did not exit with 0. */
bool proc_run(char *const argv[], const char *out_path, struct run *r);

/* As proc_run, but a command still running after limit_s seconds (0: no
 * limit) is ended by SIGALRM: then *stopped is set and it returns false. */
bool proc_run_limited(char *const argv[], const char *out_path,
                      unsigned limit_s, struct run *r, bool *stopped);

/* One warm-up run, then `runs` timed runs. */
struct measure measure_cmd(char *const argv[], int runs);

/* The same for a slow command: a warm-up still going after limit_s seconds
 * (0: no limit) is stopped (m.stopped), and a stopped warm-up or one that
 * took longer than slow_ms is the only run, its time the figure (runs 1).
 * The runs after it are not limited: they follow one shorter than slow_ms. */
struct measure measure_slow(char *const argv[], int runs, double slow_ms,
                            unsigned limit_s);

/* Two commands timed in turn (a b a b ...), after a warm-up of each, so
 * that both see the same noise and their ratio is fair. */
void measure_pair(char *const a[], char *const b[], int runs,
                  struct measure *ma, struct measure *mb);

/* Runs a shell line (setup only, never timed); false unless status 0. */
bool bench_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- the table (report.c) ------------------------------------------------ */

enum verdict { V_INFO, V_YES, V_NO };

/* A row of the table: what was measured, the figure, the target. */
void report_row(const char *what, const char *target, enum verdict v,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A peak memory figure, checked against the 8 MiB target. */
void report_memory(const char *what, long kib);
/* A line of explanation printed under the tables. */
void report_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
enum verdict verdict_of(bool holds);
/* A row for the ratio num / den (in ms) that must stay at most limit (or,
 * at_least, reach it); not ok: a run failed, and the row says NO.  In
 * bench.c, beside the first rows that use it. */
void report_ratio(const char *what, const char *target, bool ok,
                  double num, double den, double limit, bool at_least);

void report_print(FILE *to);
/* Rewrites the results file with the tables, the machine and the date. */
bool report_record(const char *path);

/* ---- the full-screen diary in a pseudo-terminal (screen.c) -------------- */

void bench_screen(const struct bench *b);

/* ---- the history a diary keeps (history.c) ------------------------------- */

void bench_history(const struct bench *b);
/* A diary of 200,000 distinct tags, and a rename of a tag on every
 * check-in of a century (tags.c). */
void bench_tags(const struct bench *b);
void bench_tag_rename(const struct bench *b);

/* ---- report and insights: the period, not the history (period.c) ---- */

void bench_period(const struct bench *b);

/* ---- search: every note read, no index (search.c) ------------------------ */

void bench_search(const struct bench *b);

/* ---- sync: a day's changes, and a join from a snapshot (sync.c) --------- */

void bench_sync(const struct bench *b);

#endif
