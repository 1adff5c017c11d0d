/* The table of figures, printed and recorded in RESULTS.md. */
#include "bench.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

enum { MAX_ROWS = 48, MAX_NOTES = 16 };

struct row {
    char what[48];
    char figure[96];
    char target[24];
    enum verdict v;
};

static struct row rows[MAX_ROWS], mem_rows[MAX_ROWS];
static int nrows, nmem;
static char notes[MAX_NOTES][256];
static int nnotes;

/* 8 MiB: the target for every command's peak memory. */
#define MEMORY_TARGET_KIB (8L * 1024)

enum verdict verdict_of(bool holds)
{
    return holds ? V_YES : V_NO;
}

static void add(struct row *to, int *n, const char *what, const char *target,
                enum verdict v, const char *figure)
{
    if (*n == MAX_ROWS)
        return;
    struct row *r = &to[(*n)++];
    snprintf(r->what, sizeof r->what, "%s", what);
    snprintf(r->figure, sizeof r->figure, "%s", figure);
    snprintf(r->target, sizeof r->target, "%s", target);
    r->v = v;
}

void report_row(const char *what, const char *target, enum verdict v,
                const char *fmt, ...)
{
    char figure[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(figure, sizeof figure, fmt, ap);
    va_end(ap);
    add(rows, &nrows, what, target, v, figure);
    /* Show progress: the whole run takes minutes. */
    fprintf(stderr, "  %-36s %s\n", what, figure);
}

void report_memory(const char *what, long kib)
{
    char figure[32];
    snprintf(figure, sizeof figure, "%.1f MiB", (double)kib / 1024);
    add(mem_rows, &nmem, what, "< 8 MiB",
        verdict_of(kib < MEMORY_TARGET_KIB), figure);
}

void report_note(const char *fmt, ...)
{
    if (nnotes == MAX_NOTES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(notes[nnotes++], sizeof notes[0], fmt, ap);
    va_end(ap);
}

static const char *holds_text(enum verdict v)
{
    return v == V_YES ? "yes" : v == V_NO ? "NO" : "";
}

static void print_rows(FILE *to, const char *title, const char *figure,
                       const struct row *r, int n)
{
    fprintf(to, "%-36s %-46s %-12s %s\n", title, figure, "target", "holds");
    for (int i = 0; i < n; i++)
        fprintf(to, "%-36s %-46s %-12s %s\n", r[i].what, r[i].figure,
                r[i].target, holds_text(r[i].v));
}

/* Lists the rows whose target does not hold; returns how many. */
static int print_failures(FILE *to, const struct row *r, int n, int *held)
{
    int failed = 0;
    for (int i = 0; i < n; i++) {
        if (r[i].v == V_NO) {
            fprintf(to, "  does not hold: %s (%s, target %s)\n", r[i].what,
                    r[i].figure, r[i].target);
            failed++;
        } else if (r[i].v == V_YES) {
            (*held)++;
        }
    }
    return failed;
}

void report_print(FILE *to)
{
    print_rows(to, "what", "median", rows, nrows);
    fputc('\n', to);
    print_rows(to, "peak memory (ru_maxrss)", "highest of all runs", mem_rows,
               nmem);
    fputc('\n', to);
    for (int i = 0; i < nnotes; i++)
        fprintf(to, "* %s\n", notes[i]);
    int held = 0;
    int failed = print_failures(to, rows, nrows, &held) +
                 print_failures(to, mem_rows, nmem, &held);
    fprintf(to, "\n%d targets hold, %d do not.\n", held, failed);
}

/* The processor's name from /proc/cpuinfo, or "unknown". */
static void cpu_model(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon) {
            snprintf(out, size, "%s", colon + 2);
            out[strcspn(out, "\n")] = '\0';
            break;
        }
    }
    fclose(f);
}

static void print_machine(FILE *to)
{
    char model[128], date[32];
    struct utsname u;
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M %Z", localtime(&now));
    cpu_model(model, sizeof model);
    if (uname(&u) != 0)
        snprintf(u.sysname, sizeof u.sysname, "unknown");
    fprintf(to, "Recorded %s on %ld cores (%s), %s %s, SQLite %s.\n\n", date,
            sysconf(_SC_NPROCESSORS_ONLN), model, u.sysname, u.release,
            sqlite3_libversion());
}

bool report_record(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fputs("# ache benchmark results\n\n"
          "`make bench` builds diaries of 1, 10 and 100 years with `ache "
          "demo` and prints\nthe figures below; `make bench-record` also "
          "rewrites this file. Times are\nmedians over repeated runs, and "
          "each ratio compares two figures measured\nin turn in the same "
          "run. Source: `tests/bench/`.\n\n",
          f);
    print_machine(f);
    fputs("```\n", f);
    report_print(f);
    fputs("```\n", f);
    return fclose(f) == 0;
}
