/* bench: `ache sync` on a ten-year diary.
 *
 * The targets: a day's changes go from one ten-year diary to
 * another in milliseconds beyond the key derivation, and a new machine
 * joins from a compacted folder in under a second beyond it. The key
 * derivation (Argon2id, interactive limits: about 0.1 s and 64 MiB, by
 * design) is measured alone in the same run by kdf_floor, which opens the
 * same folder and exits; each figure is given with it taken off. Peak
 * memory is the same syncs through a folder of plain files, which derive
 * no key: a sealed sync's peak is Argon2id's 64 MiB. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>

enum { SYNC_RUNS = 7 };

struct sync_paths {
    char a[160], b[160], folder[160], plain[160], pass[160], join[160];
};

/* One sync of db through dir, timed; false when it failed. */
static bool sync_once(const struct bench *b, const char *db, const char *dir,
                      const char *pass, struct run *r)
{
    char *sealed[] = {(char *)b->ache, "--db", (char *)db, "sync",
                      (char *)dir, "--passphrase-file", (char *)pass, NULL};
    char *plain[] = {(char *)b->ache, "--db", (char *)db, "sync",
                     (char *)dir, "--no-encrypt", NULL};
    return proc_run(pass ? sealed : plain, NULL, r);
}

/* The diaries: a's ten years in the folder, b joined by every file. */
static bool sync_setup(const struct bench *b, const struct sync_paths *p)
{
    struct run r;
    return bench_sh("cp '%s' '%s' && printf 'bench horse\\n' > '%s' && "
                    "chmod 600 '%s'",
                    b->y10, p->a, p->pass, p->pass) &&
           sync_once(b, p->a, p->folder, p->pass, &r) &&
           sync_once(b, p->a, p->plain, NULL, &r) &&
           sync_once(b, p->b, p->folder, p->pass, &r);
}

/* A day's check-in on a, then a's sync and b's: the medians. */
static bool day_syncs(const struct bench *b, const struct sync_paths *p,
                      double *send_ms, double *receive_ms)
{
    double send[SYNC_RUNS], receive[SYNC_RUNS];
    struct run r;
    for (int i = 0; i < SYNC_RUNS; i++) {
        if (!bench_sh("'%s' --db '%s' add -p %d -t stress -n 'a day' >"
                      " /dev/null",
                      b->ache, p->a, i % 11) ||
            !sync_once(b, p->a, p->folder, p->pass, &r))
            return false;
        send[i] = r.ms;
        if (!sync_once(b, p->b, p->folder, p->pass, &r))
            return false;
        receive[i] = r.ms;
    }
    *send_ms = bench_median(send, SYNC_RUNS);
    *receive_ms = bench_median(receive, SYNC_RUNS);
    return true;
}

/* A new, empty diary joining from dir, each run afresh: the median, and
 * the highest peak memory. */
static bool joins(const struct bench *b, const struct sync_paths *p,
                  const char *dir, const char *pass, double *ms, long *kib)
{
    double t[SYNC_RUNS];
    *kib = 0;
    for (int i = 0; i < SYNC_RUNS; i++) {
        struct run r;
        if (!bench_sh("rm -f '%s' '%s-wal' '%s-shm'", p->join, p->join,
                      p->join) ||
            !sync_once(b, p->join, dir, pass, &r))
            return false;
        t[i] = r.ms;
        *kib = r.kib > *kib ? r.kib : *kib;
    }
    *ms = bench_median(t, SYNC_RUNS);
    return true;
}

static void beyond_row(const char *what, const char *target, double ms,
                       double kdf, double limit)
{
    report_row(what, target, verdict_of(ms - kdf < limit),
               "%.0f ms: %.1f ms beyond the key's %.0f ms", ms, ms - kdf, kdf);
}

static void sync_rows(const struct bench *b, const struct sync_paths *p)
{
    char *kdf_argv[] = {(char *)b->kdf_floor, (char *)p->folder,
                        (char *)p->pass, NULL};
    struct measure kdf = measure_cmd(kdf_argv, SYNC_RUNS);
    double send = 0, receive = 0, join = 0, plain_join = 0;
    long kib = 0, plain_kib = 0;
    if (!kdf.ok || !day_syncs(b, p, &send, &receive)) {
        report_row("sync: a day's changes, 10 years", "", V_NO, "failed");
        return;
    }
    beyond_row("sync: send a day's changes (10y diary)", "< 100 ms beyond",
               send, kdf.ms, 100);
    beyond_row("sync: receive a day's changes (10y diary)",
               "< 100 ms beyond", receive, kdf.ms, 100);
    struct run r;
    if (!sync_once(b, p->a, p->folder, p->pass, &r) ||
        !bench_sh("'%s' --db '%s' sync '%s' --passphrase-file '%s' --compact"
                  " > /dev/null && '%s' --db '%s' sync '%s' --no-encrypt"
                  " --compact > /dev/null",
                  b->ache, p->a, p->folder, p->pass, b->ache, p->a,
                  p->plain) ||
        !joins(b, p, p->folder, p->pass, &join, &kib) ||
        !joins(b, p, p->plain, NULL, &plain_join, &plain_kib)) {
        report_row("sync: join 10 years from a snapshot", "", V_NO, "failed");
        return;
    }
    beyond_row("sync: join 10y from a snapshot", "< 1000 ms beyond", join,
               kdf.ms, 1000);
    report_row("sync: join 10y from a snapshot, plain files", "", V_INFO,
               "%.0f ms", plain_join);
    report_memory("sync: join 10y from a snapshot (plain)", plain_kib);
    report_row("sync: peak memory of a sealed join", "", V_INFO,
               "%.1f MiB (Argon2id's 64 MiB, exempt)", kib / 1024.0);
}

void bench_sync(const struct bench *b)
{
    struct sync_paths p;
    snprintf(p.a, sizeof p.a, "%s/sync_a.db", b->dir);
    snprintf(p.b, sizeof p.b, "%s/sync_b.db", b->dir);
    snprintf(p.join, sizeof p.join, "%s/sync_join.db", b->dir);
    snprintf(p.folder, sizeof p.folder, "%s/sync_sealed", b->dir);
    snprintf(p.plain, sizeof p.plain, "%s/sync_plain", b->dir);
    snprintf(p.pass, sizeof p.pass, "%s/sync_pass", b->dir);
    if (!sync_setup(b, &p)) {
        report_row("sync: 10 years", "", V_NO, "the diaries could not be made");
        return;
    }
    sync_rows(b, &p);
}
