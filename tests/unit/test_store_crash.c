/* Crash safety: a child process writes to the diary as fast as it can and
 * tells the parent what the store acknowledged; the parent kills it with
 * SIGKILL at a random moment. Several rounds on the same diary; after
 * each, SQLite's own PRAGMA integrity_check must say "ok" and everything
 * acknowledged must be there. One writer only adds check-ins; the other
 * edits, removes, restores and undoes, and then the diary's own rules are
 * checked too: foreign keys, every check-in in the diary or tombstoned
 * (never both), every tombstone with the version that can bring it back,
 * every acknowledged change recorded.
 */
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>

#include "testutil.h"

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"

#define ROUNDS 8
#define LINE (CHECKIN_ID_LEN + 1) /* an id and '\n' */
/* What the second writer acknowledges: "K NNNNNNNNNNNN ID\n", K the kind
 * of write, N its change, ID the check-in (dashes when none). */
#define RECORD (1 + 1 + 12 + 1 + CHECKIN_ID_LEN + 1)
#define MIXED_ROUNDS 24

/* The child: never returns. */
static void write_until_killed(const char *path, int out)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    if (store_open(path, false, &st, &err)) {
        fprintf(stderr, "writer: %s\n", err.msg);
        _exit(1);
    }
    ache_day base = date_from_ymd(2024, 6, 1);
    for (int i = 0;; i++) {
        struct checkin c;
        checkin_init(&c, base + i % 700);
        c.value[CF_PAIN] = i % 11;
        c.regions = (region_set)i & REGION_ALL;
        checkin_add_tag(&c, i % 2 ? "yoga" : "heat");
        /* Notes of changing length, so pages split and fill. */
        char note[600];
        memset(note, 'a' + i % 26, sizeof note);
        note[(i * 37) % (sizeof note - 1) + 1] = '\0';
        checkin_set_note(&c, note);
        if (store_add(st, &c, NULL, &err)) {
            fprintf(stderr, "writer: %s\n", err.msg);
            _exit(2);
        }
        char line[LINE];
        memcpy(line, c.id, CHECKIN_ID_LEN);
        line[CHECKIN_ID_LEN] = '\n';
        /* Only now, after the commit returned, is the id acknowledged. */
        if (write(out, line, LINE) != LINE)
            _exit(3);
        checkin_free(&c);
    }
}

/* Fixed-size records that arrived on the pipe, each ending in '\n'. */
struct acked {
    size_t len; /* of a record: LINE or RECORD */
    char (*recs)[RECORD + 1];
    size_t n, cap;
    char partial[RECORD];
    size_t partial_len;
};

/* Appends what arrived on the pipe; records come whole (a write of at
 * most PIPE_BUF bytes to a pipe is atomic), but are gathered byte-wise
 * all the same. */
static void take(struct acked *a, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        a->partial[a->partial_len++] = buf[i];
        if (a->partial_len < a->len)
            continue;
        ck_assert_int_eq(a->partial[a->len - 1], '\n');
        if (a->n == a->cap) {
            a->cap = a->cap ? 2 * a->cap : 256;
            a->recs = xreallocarray(a->recs, a->cap, sizeof *a->recs);
        }
        memcpy(a->recs[a->n], a->partial, a->len - 1);
        a->recs[a->n++][a->len - 1] = '\0';
        a->partial_len = 0;
    }
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads from fd until `deadline` (ms, monotonic), end of file, or `enough`
 * ids in all (when not 0), whichever is first; a deadline of -1 means until
 * end of file. */
static void read_until(int fd, int64_t deadline, size_t enough,
                       struct acked *a)
{
    while (!enough || a->n < enough) {
        int wait = -1;
        if (deadline >= 0) {
            int64_t left = deadline - now_ms();
            if (left <= 0)
                return;
            wait = (int)left;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, wait);
        if (r == 0)
            continue;
        ck_assert_int_eq(r, 1);
        char buf[4096];
        ssize_t got = read(fd, buf, sizeof buf);
        ck_assert_int_ge(got, 0);
        if (got == 0)
            return;
        take(a, buf, (size_t)got);
    }
}

typedef void (*writer_fn)(const char *path, int out);

static void one_round(const char *path, writer_fn writer, unsigned delay_ms,
                      struct acked *a)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        writer(path, fds[1]);
    }
    close(fds[1]);
    /* The first acknowledgement says the writer is past opening the diary
     * (slow under valgrind); from then on it is killed at a random moment
     * of its writing. */
    size_t before = a->n;
    read_until(fds[0], now_ms() + 30000, before + 1, a);
    ck_assert_msg(a->n > before, "the writer acknowledged nothing (it ended, or took 30 s)");
    read_until(fds[0], now_ms() + delay_ms, 0, a);
    ck_assert_int_eq(kill(pid, SIGKILL), 0);
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "the writer ended on its own (status %d)", status);
    read_until(fds[0], -1, 0, a); /* what it acknowledged before dying */
    close(fds[0]);
    ck_assert_uint_eq(a->partial_len, 0);
}

static void check_diary(const char *path, const struct acked *a,
                        unsigned seed)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL),
                     SQLITE_OK);
    sqlite3_stmt *s = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s,
                                        NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_msg(strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0,
                  "seed %u: integrity_check: %s", seed,
                  sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM checkin"
                                        " WHERE id = ?1",
                                        -1, &s, NULL),
                     SQLITE_OK);
    for (size_t i = 0; i < a->n; i++) {
        sqlite3_bind_text(s, 1, a->recs[i], -1, SQLITE_STATIC);
        ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
        ck_assert_msg(sqlite3_column_int(s, 0) == 1,
                      "seed %u: acknowledged check-in %s is missing", seed,
                      a->recs[i]);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
}

START_TEST(test_killed_writer_loses_nothing_acknowledged)
{
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/diary.db", dir);
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(path, true, &st, &err), ACHE_OK);
    store_close(st);
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    srand(seed);
    struct acked a = {.len = LINE};
    for (int round = 0; round < ROUNDS; round++) {
        one_round(path, write_until_killed, (unsigned)rand() % 80, &a);
        check_diary(path, &a, seed);
    }
    /* The store opens it and finds at least everything acknowledged (the
     * last write of a round may have committed without being reported). */
    ck_assert_int_eq(store_open(path, false, &st, &err), ACHE_OK);
    long count = 0;
    ck_assert_int_eq(store_count(st, &count, &err), ACHE_OK);
    ck_assert_int_ge(count, (long)a.n);
    ck_assert_int_le(count, (long)a.n + ROUNDS);
    store_close(st);
    free(a.recs);
    test_rmdir(dir);
    free(path);
    free(dir);
}
END_TEST

/* ---- edits, removals, restores and undos ------------------------------- */

/* The check-ins the mixed writer knows of, in the diary or removed: read
 * from the diary when it starts, as a killed writer left no other word. */
struct known {
    char (*ids)[CHECKIN_ID_LEN + 1];
    bool *present;
    size_t n;
};

static void know(struct known *k, const char *id, bool present)
{
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->ids[i], id) == 0) {
            k->present[i] = present;
            return;
        }
    k->ids = xreallocarray(k->ids, k->n + 1, sizeof *k->ids);
    k->present = xreallocarray(k->present, k->n + 1, sizeof *k->present);
    snprintf(k->ids[k->n], sizeof k->ids[k->n], "%s", id);
    k->present[k->n++] = present;
}

static enum ache_status know_present(const struct checkin *c, void *ctx)
{
    know(ctx, c->id, true);
    return ACHE_OK;
}

static void read_known(const char *path, struct store *st, struct known *k)
{
    struct ache_err err = {""};
    if (store_each_in_range(st, INT32_MIN, INT32_MAX, know_present, k, &err)) {
        fprintf(stderr, "writer: %s\n", err.msg);
        _exit(1);
    }
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT id FROM checkin_deleted", -1, &s,
                           NULL) != SQLITE_OK)
        _exit(1);
    while (sqlite3_step(s) == SQLITE_ROW)
        know(k, (const char *)sqlite3_column_text(s, 0), false);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

/* A known check-in in the diary (or removed), at random; NULL if none. */
static const char *pick(const struct known *k, bool present, unsigned *seed)
{
    size_t n = 0;
    for (size_t i = 0; i < k->n; i++)
        n += k->present[i] == present;
    if (!n)
        return NULL;
    size_t which = rand_r(seed) % n;
    for (size_t i = 0; i < k->n; i++)
        if (k->present[i] == present && which-- == 0)
            return k->ids[i];
    return NULL;
}

/* Tells the parent: only after the write returned ACHE_OK. */
static void ack(int out, char kind, int64_t n, const char *id)
{
    char rec[RECORD + 1];
    snprintf(rec, sizeof rec, "%c %012lld %-32s\n", kind, (long long)n,
             id && *id ? id : "--------------------------------");
    if (write(out, rec, RECORD) != RECORD)
        _exit(3);
}

static void writer_fail(const char *doing, const struct ache_err *err)
{
    fprintf(stderr, "writer: %s: %s\n", doing, err->msg);
    _exit(2);
}

/* Random values and a note of changing length (pages split and fill). */
static void fill(struct checkin *c, unsigned *seed)
{
    c->value[CF_PAIN] = (int)(rand_r(seed) % 11);
    c->value[CF_FATIGUE] = rand_r(seed) % 2 ? (int)(rand_r(seed) % 11)
                                            : CHECKIN_ABSENT;
    c->regions = (region_set)rand_r(seed) & REGION_ALL;
    checkin_clear_tags(c);
    checkin_add_tag(c, rand_r(seed) % 2 ? "yoga" : "heat");
    char note[600];
    memset(note, 'a' + (int)(rand_r(seed) % 26), sizeof note);
    note[rand_r(seed) % (sizeof note - 1) + 1] = '\0';
    checkin_set_note(c, note);
}

static unsigned writer_seed;

/* The second child: never returns. */
static void change_until_killed(const char *path, int out)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    if (store_open(path, false, &st, &err))
        writer_fail("open", &err);
    struct known k = {0};
    read_known(path, st, &k);
    unsigned seed = writer_seed;
    for (;;) {
        unsigned what = rand_r(&seed) % 10;
        const char *id = pick(&k, what < 6, &seed);
        struct checkin c;
        checkin_init(&c, 0);
        if (k.n < 8 || what < 2 || (what >= 6 && what < 8 && !id)) {
            checkin_init(&c, date_from_ymd(2025, 1, 1) +
                                 (ache_day)(rand_r(&seed) % 400));
            fill(&c, &seed);
            struct store_change ch = {.source = STORE_BY_ADD, .detail = NULL};
            if (store_add(st, &c, &ch, &err))
                writer_fail("add", &err);
            ack(out, 'a', ch.n, c.id);
            know(&k, c.id, true);
        } else if (what < 4 && id) { /* an edit */
            struct store_change ch = {.source = STORE_BY_EDIT, .detail = id};
            if (store_get(st, id, &c, &err))
                writer_fail("get", &err);
            fill(&c, &seed);
            if (store_update(st, &c, &ch, &err))
                writer_fail("edit", &err);
            if (ch.n) /* else the same content: no change */
                ack(out, 'e', ch.n, id);
        } else if (what < 6 && id) { /* a removal */
            struct store_change_info last;
            size_t count = 0;
            if (store_get(st, id, &c, &err) || store_remove(st, &c, NULL, &err) ||
                store_changes_recent(st, 1, &last, &count, &err))
                writer_fail("remove", &err);
            ack(out, 'r', last.n, id); /* the only writer: its change */
            know(&k, id, false);
        } else if (what < 8 && id) { /* a restore */
            struct store_change ch = {.source = STORE_BY_RESTORE, .detail = id};
            if (store_restore(st, id, &ch, &c, &err))
                writer_fail("restore", &err);
            ack(out, 's', ch.n, id);
            know(&k, id, true);
        } else { /* an undo: every change here touched one check-in */
            struct store_undo_result r;
            if (store_undo(st, &r, &err))
                writer_fail("undo", &err);
            ack(out, 'u', r.n, r.one_id);
            if (r.one_id[0]) {
                struct checkin now;
                enum ache_status got = store_get(st, r.one_id, &now, &err);
                if (got != ACHE_OK && got != ACHE_ERR_NOT_FOUND)
                    writer_fail("get", &err);
                know(&k, r.one_id, got == ACHE_OK);
                checkin_free(&now);
            }
        }
        checkin_free(&c);
    }
}

static const char *source_of(char kind)
{
    switch (kind) {
    case 'a': return "add";
    case 'e': return "edit";
    case 'r': return "rm";
    case 's': return "restore";
    default: return "undo";
    }
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(db));
    return s;
}

/* The first column of the one row of sql, with text bound to ?1. */
static int64_t count_where(sqlite3 *db, const char *sql, const char *text)
{
    sqlite3_stmt *s = prepare(db, sql);
    if (text)
        sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void check_rules(const char *path, const struct acked *a, unsigned seed)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL),
                     SQLITE_OK);
    sqlite3_stmt *s = prepare(db, "PRAGMA integrity_check");
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_msg(strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0,
                  "seed %u: integrity_check: %s", seed,
                  sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    s = prepare(db, "PRAGMA foreign_key_check");
    ck_assert_msg(sqlite3_step(s) == SQLITE_DONE,
                  "seed %u: foreign_key_check: a row of %s breaks a key",
                  seed, sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    ck_assert_msg(count_where(db, "SELECT count(*) FROM checkin"
                                  " JOIN checkin_deleted USING (id)",
                              NULL) == 0,
                  "seed %u: a check-in is in the diary and tombstoned", seed);
    ck_assert_msg(count_where(db, "SELECT count(*) FROM checkin_deleted d"
                                  " WHERE NOT EXISTS (SELECT 1 FROM"
                                  " checkin_version v WHERE v.id = d.id"
                                  " AND v.change = d.change"
                                  " AND v.parts >= 8192)",
                              NULL) == 0,
                  "seed %u: a tombstone without its removed version", seed);
    for (size_t i = 0; i < a->n; i++) {
        const char *rec = a->recs[i], *id = rec + 15;
        char n[13];
        memcpy(n, rec + 2, 12);
        n[12] = '\0';
        char *sql = xasprintf("SELECT count(*) FROM change WHERE n = %s"
                              " AND source = ?1%s",
                              n, rec[0] == 'u' ? " AND undoes IS NOT NULL"
                                               : "");
        ck_assert_msg(count_where(db, sql, source_of(rec[0])) == 1,
                      "seed %u: acknowledged change %s (%s) is missing",
                      seed, n, source_of(rec[0]));
        free(sql);
        if (*id == '-')
            continue;
        int64_t in = count_where(db, "SELECT count(*) FROM checkin"
                                     " WHERE id = ?1", id);
        int64_t out = count_where(db, "SELECT count(*) FROM checkin_deleted"
                                      " WHERE id = ?1", id);
        ck_assert_msg(in + out == 1,
                      "seed %u: %.8s is in the diary %lld times and "
                      "tombstoned %lld times",
                      seed, id, (long long)in, (long long)out);
    }
    sqlite3_close(db);
}

/* After the last round the store reads every acknowledged check-in's
 * history, which ends in a removal exactly when it is removed. */
static void check_histories(const char *path, const struct acked *a)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(path, false, &st, &err), ACHE_OK);
    ck_assert_int_eq(store_check(st, &err), ACHE_OK);
    for (size_t i = 0; i < a->n; i++) {
        const char *id = a->recs[i] + 15;
        if (a->recs[i][0] != 'a')
            continue;
        struct store_history h;
        ck_assert_msg(store_history(st, id, &h, &err) == ACHE_OK,
                      "history of %.8s: %s", id, err.msg);
        struct checkin c;
        enum ache_status got = store_get(st, id, &c, &err);
        ck_assert_int_eq(h.items[h.n - 1].removal, got == ACHE_ERR_NOT_FOUND);
        checkin_free(&c);
        store_history_free(&h);
    }
    store_close(st);
}

START_TEST(test_killed_editor_keeps_every_rule)
{
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/diary.db", dir);
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(path, true, &st, &err), ACHE_OK);
    store_close(st);
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    srand(seed);
    struct acked a = {.len = RECORD};
    for (int round = 0; round < MIXED_ROUNDS; round++) {
        writer_seed = seed + (unsigned)round;
        one_round(path, change_until_killed, (unsigned)rand() % 60, &a);
        check_rules(path, &a, seed);
    }
    check_histories(path, &a);
    free(a.recs);
    test_rmdir(dir);
    free(path);
    free(dir);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("store_crash");
    TCase *tc = tcase_create("sigkill");
    tcase_set_timeout(tc, 60); /* seconds; ASan is slower */
    tcase_add_test(tc, test_killed_writer_loses_nothing_acknowledged);
    suite_add_tcase(s, tc);
    tc = tcase_create("sigkill-mixed");
    tcase_set_timeout(tc, 120); /* seconds; ASan is slower */
    tcase_add_test(tc, test_killed_editor_keeps_every_rule);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
