/* bench: ache's speed and memory against its targets.
 *
 *   bench [--record RESULTS.md] ACHE
 *
 * Builds diaries of 1, 10 and 100 years with `ache demo` in a scratch
 * folder, times the commands and the full-screen diary, and prints a table
 * of figures, targets and whether they hold.  The helper programs floor and
 * ptyecho are found beside this one.  Exits 0 even when a target does not
 * hold: a benchmark reports, it does not fail a build.
 *
 * ACHE_BENCH_ONLY=period (a comma-separated list of chart, gnuplot,
 * screen, import, history, tags, rename, period, search) runs only those
 * sections, after the diaries are built: for working on one of them.  Not
 * with --record, which writes every figure. */
#include "bench.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs of each timed command (after one warm-up); fewer for slow ones. */
enum { FAST_RUNS = 61, GNUPLOT_RUNS = 21, EXPORT_RUNS = 5, IMPORT_RUNS = 3 };

#define CHART_SIZE "--width", "80", "--height", "20", "--color", "never"

/* ---- setup ---------------------------------------------------------------- */

/* The sections ACHE_BENCH_ONLY asks for; NULL (all of them) when unset. */
static const char *bench_only(void)
{
    const char *only = getenv("ACHE_BENCH_ONLY");
    return only && *only ? only : NULL;
}

/* Whether the section is to run: every one, unless ACHE_BENCH_ONLY says. */
static bool wanted(const char *name)
{
    const char *only = bench_only();
    if (!only)
        return true;
    size_t n = strlen(name);
    for (const char *p = only;; p++) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, name, n) == 0)
            return true;
        p += len;
        if (!*p)
            return false;
    }
}

/* The same world for every run: a fixed today, no settings of the person
 * running the bench, no diary of theirs within reach. */
static void set_environment(const struct bench *b)
{
    char path[160];
    setenv("ACHE_TODAY", BENCH_TODAY, 1);
    setenv("TZ", "UTC", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    setenv("HOME", b->dir, 1);
    snprintf(path, sizeof path, "%s/config", b->dir);
    setenv("XDG_CONFIG_HOME", path, 1);
    snprintf(path, sizeof path, "%s/data", b->dir);
    setenv("XDG_DATA_HOME", path, 1);
    unsetenv("ACHE_DB");
    unsetenv("NO_COLOR");
}

static void helper_path(char *out, size_t size, const char *argv0,
                        const char *name)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", argv0);
    snprintf(out, size, "%s/%s", dirname(copy), name);
}

static bool setup(struct bench *b, const char *argv0)
{
    static char floor_path[600], echo_path[600], import_path[600],
        edit_path[600], kdf_path[600];
    helper_path(edit_path, sizeof edit_path, argv0, "edit_all");
    b->edit_all = edit_path;
    helper_path(kdf_path, sizeof kdf_path, argv0, "kdf_floor");
    b->kdf_floor = kdf_path;
    helper_path(floor_path, sizeof floor_path, argv0, "floor");
    helper_path(import_path, sizeof import_path, argv0, "import_floor");
    b->import_floor = import_path;
    helper_path(echo_path, sizeof echo_path, argv0, "ptyecho");
    b->floor = floor_path;
    b->echo = echo_path;
    snprintf(b->dir, sizeof b->dir, "/tmp/ache-bench-XXXXXX");
    if (!mkdtemp(b->dir))
        return false;
    snprintf(b->y1, sizeof b->y1, "%s/y1.db", b->dir);
    snprintf(b->y10, sizeof b->y10, "%s/y10.db", b->dir);
    snprintf(b->y100, sizeof b->y100, "%s/y100.db", b->dir);
    snprintf(b->csv, sizeof b->csv, "%s/import.csv", b->dir);
    snprintf(b->imported, sizeof b->imported, "%s/imported.db", b->dir);
    set_environment(b);
    return true;
}

/* ---- the diaries ----------------------------------------------------------- */

/* Builds the diary `runs` times afresh, keeping the last; the median. */
static bool build_diary(const struct bench *b, const char *db,
                        const char *days, int runs, const char *label)
{
    char *argv[] = {(char *)b->ache, "--db", (char *)db, "demo", "--days",
                    (char *)days, "--seed", "1", NULL};
    double v[8];
    struct run r = {0, 0};
    long kib = 0;
    bool ok = true;
    for (int i = 0; i < runs && i < 8; i++) {
        ok = ok && bench_sh("rm -f '%s' '%s-wal' '%s-shm'", db, db, db) &&
             proc_run(argv, NULL, &r);
        v[i] = r.ms;
        kib = r.kib > kib ? r.kib : kib;
    }
    report_row(label, "", ok ? V_INFO : V_NO, "%.0f ms (%d run%s)",
               bench_median(v, runs < 8 ? runs : 8), runs, runs > 1 ? "s" : "");
    char what[64];
    snprintf(what, sizeof what, "ache %s", label);
    report_memory(what, kib);
    return ok;
}

/* 100,000 check-ins as CSV: a long demo history, cut to that many. */
static bool build_import_file(const struct bench *b)
{
    char big[128];
    snprintf(big, sizeof big, "%s/big.db", b->dir);
    return build_diary(b, big, "100000", 1, "demo 274 years (for the CSV)") &&
           bench_sh("'%s' --db '%s' export | head -n 100001 > '%s'", b->ache,
                    big, b->csv) &&
           bench_sh("rm -f '%s' '%s-wal' '%s-shm'", big, big, big);
}

static bool build_diaries(const struct bench *b)
{
    fprintf(stderr, "building diaries in %s\n", b->dir);
    return build_diary(b, b->y1, "365", 3, "demo 1 year") &&
           build_diary(b, b->y10, "3650", 3, "demo 10 years") &&
           build_diary(b, b->y100, "36500", 1, "demo 100 years") &&
           (!wanted("import") || build_import_file(b));
}

/* ---- ache chart -------------------------------------------------------------- */

void report_ratio(const char *what, const char *target, bool ok,
                  double num, double den, double limit, bool at_least)
{
    double ratio = den > 0 ? num / den : 0;
    bool holds = at_least ? ratio >= limit : ratio <= limit;
    report_row(what, target, ok ? verdict_of(holds) : V_NO,
               "%.1f ms / %.1f ms = %.2fx", num, den, ratio);
}

static void bench_chart_10y(const struct bench *b)
{
    char *floor[] = {(char *)b->floor, (char *)b->y10, NULL};
    char *chart[] = {(char *)b->ache, "--db", (char *)b->y10, "chart",
                     "pain", "--from", BENCH_FROM_10Y, "--to", BENCH_TODAY,
                     CHART_SIZE, NULL};
    struct measure mf, mc;
    measure_pair(chart, floor, FAST_RUNS, &mc, &mf);
    report_ratio("chart 10y / floor (open only)", "<= 1.3x", mc.ok && mf.ok,
                 mc.ms, mf.ms, 1.3, false);
    report_memory("floor (sqlite3 open, one query)", mf.kib);
    report_memory("ache chart, 10 years", mc.kib);
}

static void bench_chart_30d(const struct bench *b)
{
    char *y100[] = {(char *)b->ache, "--db", (char *)b->y100, "chart",
                    "pain", "--days", "30", CHART_SIZE, NULL};
    char *y1[] = {(char *)b->ache, "--db", (char *)b->y1, "chart",
                  "pain", "--days", "30", CHART_SIZE, NULL};
    struct measure m100, m1;
    measure_pair(y100, y1, FAST_RUNS, &m100, &m1);
    report_ratio("chart --days 30, 100y / 1y", "<= 1.2x", m100.ok && m1.ok,
                 m100.ms, m1.ms, 1.2, false);
    report_memory("ache chart --days 30, 100 years", m100.kib);
}

/* ---- gnuplot ----------------------------------------------------------------- */

/* The 10-year diary's daily mean pain as "date value" lines. Only well
 * formed rows count: a note may hold commas and line breaks.  (No {n} in
 * the patterns: Debian's mawk does not know them.) */
static bool gnuplot_data(const struct bench *b, const char *path)
{
    return bench_sh(
        "'%s' --db '%s' export | awk -F, 'length($1) == 32 && "
        "$2 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ && "
        "$4 ~ /^[0-9]+$/ "
        "{ s[$2] += $4; n[$2]++ } END { for (d in s) print d, s[d] / n[d] }' "
        "| sort > '%s'",
        b->ache, b->y10, path);
}

static void bench_gnuplot(const struct bench *b)
{
    char *chart[] = {(char *)b->ache, "--db", (char *)b->y10, "chart",
                     "pain", "--from", BENCH_FROM_10Y, "--to", BENCH_TODAY,
                     CHART_SIZE, NULL};
    if (system("command -v gnuplot >/dev/null 2>&1") != 0) {
        report_row("gnuplot dumb / chart 10y", ">= 4x", V_INFO,
                   "gnuplot not installed: skipped");
        return;
    }
    char data[160], script[400];
    snprintf(data, sizeof data, "%s/pain.dat", b->dir);
    snprintf(script, sizeof script,
             "set terminal dumb 80 20; set xdata time; "
             "set timefmt '%%Y-%%m-%%d'; plot '%s' using 1:2 with lines",
             data);
    char *gnuplot[] = {"gnuplot", "-e", script, NULL};
    struct measure mg, mc;
    bool ok = gnuplot_data(b, data);
    measure_pair(gnuplot, chart, GNUPLOT_RUNS, &mg, &mc);
    report_ratio("gnuplot dumb / chart 10y", ">= 4x", ok && mg.ok && mc.ok,
                 mg.ms, mc.ms, 4, true);
}

/* ---- import and export --------------------------------------------------- */

/* One run of SQLite alone storing the imported rows into an empty diary
 * of the same schema (import_floor.c), made empty by importing a CSV of
 * the header alone. */
static bool run_import_floor(const struct bench *b, int i, const char *header,
                             struct run *r)
{
    char db[160];
    snprintf(db, sizeof db, "%s/floor-%d.db", b->dir, i);
    char *argv[] = {(char *)b->import_floor, db, (char *)b->imported, NULL};
    bool ok = bench_sh("'%s' --db '%s' import '%s' > /dev/null", b->ache, db,
                       header) &&
              proc_run(argv, NULL, r);
    bench_sh("rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
    return ok;
}

/* Each run imports into a diary of its own, created by the import; each
 * is followed by a run of SQLite alone storing the same rows. */
static void bench_import(const struct bench *b)
{
    char db[160], header[160];
    char *argv[] = {(char *)b->ache, "--db", db, "import",
                    (char *)b->csv, NULL};
    double v[IMPORT_RUNS + 1], vf[IMPORT_RUNS];
    struct run r = {0, 0}, rf = {0, 0};
    long kib = 0;
    snprintf(header, sizeof header, "%s/header.csv", b->dir);
    bool ok = bench_sh("head -n 1 '%s' > '%s'", b->csv, header);
    /* The first run leaves the diary that export reads; it is a warm-up. */
    for (int i = 0; i <= IMPORT_RUNS; i++) {
        snprintf(db, sizeof db, "%s/import-%d.db", b->dir, i);
        ok = ok && proc_run(argv, NULL, &r);
        v[i] = r.ms;
        kib = r.kib > kib ? r.kib : kib;
        if (i == 0) {
            ok = ok && bench_sh("mv '%s' '%s'", db, b->imported);
            continue;
        }
        bench_sh("rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
        ok = ok && run_import_floor(b, i, header, &rf);
        vf[i - 1] = rf.ms;
    }
    double ms = bench_median(v + 1, IMPORT_RUNS);
    double floor_ms = bench_median(vf, IMPORT_RUNS);
    report_row("import 100,000 check-ins (CSV)", "< 1000 ms",
               ok ? verdict_of(ms < 1000) : V_NO, "%.0f ms (%d runs)", ms,
               IMPORT_RUNS);
    report_row("import / SQLite alone, same rows", "", ok ? V_INFO : V_NO,
               "%.0f ms / %.0f ms = %.2fx", ms, floor_ms,
               floor_ms > 0 ? ms / floor_ms : 0);
    report_memory("ache import, 100,000 check-ins", kib);
}

static void bench_export(const struct bench *b)
{
    char *argv[] = {(char *)b->ache, "--db", (char *)b->imported, "export",
                    NULL};
    struct measure m = measure_cmd(argv, EXPORT_RUNS);
    report_row("export 100,000 check-ins (CSV)", "", m.ok ? V_INFO : V_NO,
               "%.0f ms (%d runs)", m.ms, m.runs);
    report_memory("ache export, 100,000 check-ins", m.kib);
}

/* What a process that does nothing shows as its peak: the floor under
 * every memory figure. */
static void bench_nothing(void)
{
    char *argv[] = {"true", NULL};
    struct measure m = measure_cmd(argv, 3);
    report_memory("a process doing nothing (true)", m.kib);
}

/* ---- main ------------------------------------------------------------------- */

static void bench_chart(const struct bench *b)
{
    bench_chart_10y(b);
    bench_chart_30d(b);
}

/* export reads the diary the first import leaves. */
static void bench_exchange(const struct bench *b)
{
    bench_import(b);
    bench_export(b);
}

static const struct section {
    const char *name;
    void (*run)(const struct bench *b);
} sections[] = {
    {"chart", bench_chart},     {"gnuplot", bench_gnuplot},
    {"screen", bench_screen},   {"import", bench_exchange},
    {"history", bench_history}, {"tags", bench_tags},
    {"rename", bench_tag_rename},
    {"period", bench_period},   {"search", bench_search},
    {"sync", bench_sync},
};

/* The sections ACHE_BENCH_ONLY asks for (all by default); how many ran. */
static int run_sections(const struct bench *b)
{
    int ran = 0;
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        if (wanted(sections[i].name)) {
            sections[i].run(b);
            ran++;
        }
    }
    return ran;
}

static void notes(void)
{
    report_note("Times are medians after a warm-up run; the two sides of "
                "each ratio ran in turn, in this run.");
    report_note("harness: the same measure on ptyecho, which does no work "
                "but writes as many bytes");
    report_note("  through the same pty and libvterm; it is subtracted from "
                "the full-screen figures.");
    report_note("A full-screen time runs from spawn or key to the last byte "
                "of the redraw.");
    report_note("Peak memory is ru_maxrss; the full-screen figure is ache's "
                "alone (a helper process reaps it).");
    report_note("SQLite alone: import_floor copies the imported rows with "
                "INSERT ... SELECT into");
    report_note("  an empty diary of the same schema and settings, in one "
                "transaction; each import is followed by one.");
}

/* The sections asked for, on diaries built for them in a scratch folder
 * removed after; 0, else the exit status for what went wrong. */
static int measure(struct bench *b, const char *argv0)
{
    if (!setup(b, argv0))
        return 1;
    bench_nothing();
    notes();
    bool built = build_diaries(b);
    int ran = built ? run_sections(b) : 0;
    bench_sh("rm -rf '%s'", b->dir);
    if (!built) {
        fputs("bench: the diaries could not be built; nothing measured\n",
              stderr);
        return 1;
    }
    if (ran == 0) {
        fputs("bench: ACHE_BENCH_ONLY names no section\n", stderr);
        return 2;
    }
    return 0;
}

static int usage(void)
{
    fputs("usage: bench [--record RESULTS.md] ACHE\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const char *record = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--record") == 0) {
        record = argv[i + 1];
        i += 2;
    }
    if (i + 1 != argc)
        return usage();
    if (record && bench_only()) {
        fputs("bench: --record writes every figure; unset ACHE_BENCH_ONLY\n",
              stderr);
        return 2;
    }
    /* A bare name would send execvp searching PATH for another ache. */
    char ache[PATH_MAX];
    if (!realpath(argv[i], ache)) {
        perror(argv[i]);
        return 1;
    }
    struct bench b = {.ache = ache};
    int status = measure(&b, argv[0]);
    if (status != 0)
        return status;
    fputc('\n', stdout);
    report_print(stdout);
    if (record && !report_record(record))
        fprintf(stderr, "bench: could not write %s\n", record);
    return 0;
}
