/* bench: `ache search` over a hundred years of daily notes. Search keeps
 * no index of words (an FTS5 index would keep the words of notes edited
 * or removed, which secure_delete wipes), so every search reads every
 * note of its range: this says whether that is fast enough.
 *
 * The diary: 36,500 days, one check-in each, each with a note of a few
 * sentences (about 250 bytes, six times the demo's, and every day rather
 * than the demo's one day in ten). One note holds "quixotic", one in a
 * hundred "hydrotherapy", and every note the word "day". */
#include "bench.h"

#include <stdio.h>
#include <time.h>

enum { SEARCH_RUNS = 11, SEARCH_DAYS = 36500 };

static const char *const sentences[] = {
    "Bad night, woke at 3 and could not settle.",
    "Pain in the lower back after the shopping trip.",
    "Walked to the park and back; knees sore by the evening.",
    "Fog all morning, could not find the words at work.",
    "Slept better with the new pillow, a calmer day.",
    "Overdid the gardening and paid for it in the afternoon.",
    "Physio said to keep up the stretches for the upper back.",
    "Rain again, the joints feel it before the clouds come.",
    "Lunch with Anna, sat too long but it was worth it.",
    "Headache from noon, dark room and water helped a little.",
};
#define NSENTENCES (sizeof sentences / sizeof sentences[0])

/* The CSV: day i from BENCH_FROM_100Y, its note three sentences picked by
 * a fixed sequence, then the planted words. */
static bool build_notes_file(const char *csv)
{
    FILE *f = fopen(csv, "w");
    if (!f)
        return false;
    fputs("date,pain,note\n", f);
    struct tm start = {.tm_year = 26, .tm_mon = 11, .tm_mday = 20};
    time_t day0 = timegm(&start);
    unsigned seq = 12345;
    for (int i = 0; i < SEARCH_DAYS; i++) {
        time_t t = day0 + (time_t)i * 86400;
        struct tm tm;
        char date[16];
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        fprintf(f, "%s,%d,\"", date, i % 11);
        for (int s = 0; s < 3; s++) {
            seq = seq * 1103515245u + 12345u;
            fprintf(f, "%s ", sentences[(seq >> 16) % NSENTENCES]);
        }
        fprintf(f, "%s%sA day like the others.\"\n",
                i % 100 == 7 ? "Tried hydrotherapy. " : "",
                i == SEARCH_DAYS / 2 ? "A quixotic plan. " : "");
    }
    return fclose(f) == 0;
}

/* One search, timed; limit_ms 0: a figure with no target. */
static void search_row(const struct bench *b, const char *what,
                       const char *db, const char *word, double limit_ms)
{
    char *argv[] = {(char *)b->ache, "--db", (char *)db, "search",
                    (char *)word, "--color", "never", NULL};
    struct measure m = measure_cmd(argv, SEARCH_RUNS);
    report_row(what, limit_ms > 0 ? "< 200 ms" : "",
               m.ok ? (limit_ms > 0 ? verdict_of(m.ms < limit_ms) : V_INFO)
                    : V_NO,
               "%.1f ms (%d runs)", m.ms, m.runs);
    report_memory(what, m.kib);
}

void bench_search(const struct bench *b)
{
    char csv[160], db[160];
    snprintf(csv, sizeof csv, "%s/notes.csv", b->dir);
    snprintf(db, sizeof db, "%s/notes.db", b->dir);
    if (!build_notes_file(csv) ||
        !bench_sh("'%s' --db '%s' import '%s' > /dev/null", b->ache, db,
                  csv)) {
        report_row("search: 100 years of daily notes", "", V_NO,
                   "the diary could not be made");
        return;
    }
    search_row(b, "search 100y of daily notes, 1 hit", db, "quixotic", 200);
    search_row(b, "search 100y of daily notes, 365 hits", db,
               "hydrotherapy", 200);
    search_row(b, "search 100y, every note (36,500 lines)", db, "day", 0);
}
