/* bench: a diary of many tags. 2,000 check-ins of 100 tags each, every
 * tag its own (200,000 in all): what a check-in may hold at most, and
 * far more tags than any diary has. Import, insights and the report
 * over all of it must grow with the tags carried, not their square
 * (before, insights ran for more than 15 minutes). */
#include "bench.h"

#include <stdio.h>
#include <time.h>

enum { TAG_RUNS = 3, TAG_CHECKINS = 2000, TAG_PER_CHECKIN = 100 };
/* A century of daily check-ins, every one carrying the tag renamed. */
enum { RENAME_CHECKINS = 36500 };

/* The CSV: day i (from 2020-01-01) carries ti-1 .. ti-100. */
static bool build_tags_file(const char *csv)
{
    FILE *f = fopen(csv, "w");
    if (!f)
        return false;
    fputs("date,pain,tags\n", f);
    struct tm start = {.tm_year = 120, .tm_mon = 0, .tm_mday = 1};
    time_t day0 = timegm(&start);
    for (int i = 0; i < TAG_CHECKINS; i++) {
        time_t t = day0 + (time_t)i * 86400;
        struct tm tm;
        char date[16];
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        fprintf(f, "%s,%d,", date, i % 11);
        for (int j = 1; j <= TAG_PER_CHECKIN; j++)
            fprintf(f, "%st%d-%d", j > 1 ? ";" : "", i, j);
        fputc('\n', f);
    }
    return fclose(f) == 0;
}

/* The CSV of a century: day i (from 1926-01-01) carries "common". */
static bool build_century_file(const char *csv)
{
    FILE *f = fopen(csv, "w");
    if (!f)
        return false;
    fputs("date,pain,tags\n", f);
    struct tm start = {.tm_year = 26, .tm_mon = 0, .tm_mday = 1};
    time_t day0 = timegm(&start);
    for (int i = 0; i < RENAME_CHECKINS; i++) {
        time_t t = day0 + (time_t)i * 86400;
        struct tm tm;
        char date[16];
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        fprintf(f, "%s,%d,common;day-%d\n", date, i % 11, i % 7);
    }
    return fclose(f) == 0;
}

static void time_row(const char *what, char *const argv[], int runs)
{
    struct measure m = measure_cmd(argv, runs);
    report_row(what, "< 5000 ms", m.ok ? verdict_of(m.ms < 5000) : V_NO,
               "%.0f ms (%d runs)", m.ms, m.runs);
}

void bench_tags(const struct bench *b)
{
    char csv[160], db[160];
    snprintf(csv, sizeof csv, "%s/tags.csv", b->dir);
    snprintf(db, sizeof db, "%s/tags.db", b->dir);
    if (!build_tags_file(csv)) {
        report_row("tags: 2,000 check-ins x 100 tags", "", V_NO,
                   "the file could not be made");
        return;
    }
    /* each import starts from no diary, so the rows are new every time */
    char *import[] = {"sh", "-c", "rm -f \"$1\" \"$1-wal\" \"$1-shm\" && "
                      "\"$2\" --db \"$1\" import \"$3\"",
                      "sh", db, (char *)b->ache, csv, NULL};
    char *insights[] = {(char *)b->ache, "--db", db, "insights", "--from",
                        "2020-01-01", NULL};
    char *report[] = {(char *)b->ache, "--db", db, "report", "--from",
                      "2020-01-01", NULL};
    time_row("import 2,000 x 100 distinct tags", import, TAG_RUNS);
    time_row("insights, 200,000 distinct tags", insights, TAG_RUNS);
    time_row("report, 200,000 distinct tags", report, TAG_RUNS);
}

/* `ache tags rename` of a tag on every check-in of a century: each
 * check-in keeps its tags in its history and gets a new revision. A run
 * renames there and back (two changes), so every run does real work. */
void bench_tag_rename(const struct bench *b)
{
    char csv[160], db[160];
    snprintf(csv, sizeof csv, "%s/century.csv", b->dir);
    snprintf(db, sizeof db, "%s/century.db", b->dir);
    char *import[] = {(char *)b->ache, "--db", db, "import", csv, NULL};
    if (!build_century_file(csv) || measure_cmd(import, 1).ok == false) {
        report_row("tags rename, 36,500 check-ins", "", V_NO,
                   "the diary could not be made");
        return;
    }
    char *rename[] = {"sh", "-c", "\"$2\" --db \"$1\" tags rename common "
                      "shared >/dev/null && \"$2\" --db \"$1\" tags rename "
                      "shared common >/dev/null",
                      "sh", db, (char *)b->ache, NULL};
    struct measure m = measure_cmd(rename, TAG_RUNS);
    report_row("tags rename there and back, 36,500 check-ins", "< 5000 ms",
               m.ok ? verdict_of(m.ms < 5000) : V_NO, "%.0f ms (%d runs)",
               m.ms, m.runs);
}
