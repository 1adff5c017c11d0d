/* The history a diary keeps (every earlier version and every change):
 * its size after every check-in of the ten-year demo has been edited once,
 * each edit a change of its own (edit_all.c, through ache's own store), set
 * against the diary's size before. Sizes are the pages SQLite gives each
 * table and index (the dbstat table). */
#include "bench.h"

#include <string.h>

#include <sqlite3.h>

/* The tables and indexes that are history, not the check-ins. */
static bool is_history(const char *name)
{
    static const char *const names[] = {"change", "checkin_version",
                                        "checkin_deleted",
                                        "checkin_deleted_by_change"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The bytes of the whole file and of its history; false without dbstat. */
static bool sizes(const char *db, double *all, double *history)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    bool ok = sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) ==
                  SQLITE_OK &&
              sqlite3_prepare_v2(h, "SELECT name, sum(pgsize) FROM dbstat"
                                    " GROUP BY name", -1, &s, NULL) ==
                  SQLITE_OK;
    *all = *history = 0;
    while (ok && sqlite3_step(s) == SQLITE_ROW) {
        double bytes = (double)sqlite3_column_int64(s, 1);
        *all += bytes;
        if (is_history((const char *)sqlite3_column_text(s, 0)))
            *history += bytes;
    }
    sqlite3_finalize(s);
    sqlite3_close(h);
    return ok;
}

void bench_history(const struct bench *b)
{
    char db[160], out[160];
    snprintf(db, sizeof db, "%s/history.db", b->dir);
    snprintf(out, sizeof out, "%s/edited.txt", b->dir);
    double before = 0, after = 0, history = 0, unused;
    char *argv[] = {(char *)b->edit_all, db, NULL};
    struct run r = {0, 0};
    bool ok = bench_sh("cp '%s' '%s'", b->y10, db) &&
              sizes(db, &before, &unused) && proc_run(argv, out, &r) &&
              sizes(db, &after, &history);
    long edited = 0;
    FILE *f = fopen(out, "r");
    if (!f || fscanf(f, "%ld", &edited) != 1)
        ok = false;
    if (f)
        fclose(f);
    double share = before > 0 ? history / before : 0;
    report_row("history, 10y with every check-in edited", "< 1/2 diary",
               ok ? verdict_of(share < 0.5) : V_NO,
               "%.0f KiB = %.0f%% of the diary (%.0f KiB)", history / 1024,
               share * 100, before / 1024);
    report_row("  the edits (one change each)", "", ok ? V_INFO : V_NO,
               "%ld check-ins in %.0f ms: %.2f ms each", edited, r.ms,
               edited ? r.ms / (double)edited : 0);
    report_memory("edit_all, 10 years (ache's store)", r.kib);
}
