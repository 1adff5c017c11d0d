/* Crash safety: a child process adds check-ins as fast as it can and tells
 * the parent each id the store acknowledged; the parent kills it with
 * SIGKILL at a random moment. Several rounds on the same diary; after each,
 * SQLite's own PRAGMA integrity_check must say "ok" and every acknowledged
 * check-in must be there.
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

struct acked {
    char (*ids)[LINE];
    size_t n, cap;
    char partial[LINE];
    size_t partial_len;
};

/* Appends what arrived on the pipe; ids come whole (a write of LINE bytes
 * to a pipe is atomic), but are gathered byte-wise all the same. */
static void take(struct acked *a, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        a->partial[a->partial_len++] = buf[i];
        if (a->partial_len < LINE)
            continue;
        ck_assert_int_eq(a->partial[CHECKIN_ID_LEN], '\n');
        if (a->n == a->cap) {
            a->cap = a->cap ? 2 * a->cap : 256;
            a->ids = xreallocarray(a->ids, a->cap, sizeof *a->ids);
        }
        memcpy(a->ids[a->n], a->partial, CHECKIN_ID_LEN);
        a->ids[a->n++][CHECKIN_ID_LEN] = '\0';
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

static void one_round(const char *path, unsigned delay_ms, struct acked *a)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        write_until_killed(path, fds[1]);
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
        sqlite3_bind_text(s, 1, a->ids[i], -1, SQLITE_STATIC);
        ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
        ck_assert_msg(sqlite3_column_int(s, 0) == 1,
                      "seed %u: acknowledged check-in %s is missing", seed,
                      a->ids[i]);
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
    struct acked a = {0};
    for (int round = 0; round < ROUNDS; round++) {
        one_round(path, (unsigned)rand() % 80, &a);
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
    free(a.ids);
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
    return s;
}

ACHE_TEST_MAIN(make_suite)
