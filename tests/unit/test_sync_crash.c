/* A sync killed at any moment: a child runs sync_run and the parent
 * SIGKILLs it after a random delay (fixed seeds; the delays spread over
 * how long one whole sync takes here, measured first). Both sides:
 *
 * - sending: a diary with 2000 new check-ins writes its file. After the
 *   kill the diary passes integrity_check and store_check, the folder
 *   lists, every file it lists reads whole (a temporary file is never
 *   taken for one), the next sync completes, and a second diary syncing
 *   then holds every check-in once: its export is the sender's.
 * - receiving: a diary takes those 2000 check-ins, from 8 files. After
 *   the kill it
 *   holds all of them or none, and the next sync completes with all.
 *
 * The folder is sealed in even rounds and plain in odd ones; each is
 * opened once in the parent (Argon2id is slow on purpose), and the
 * children inherit it.
 */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>

#include "sync_testutil.h"

#include "ache/checkin.h"

/* Under AddressSanitizer a sync is five times slower: fewer check-ins
 * keep the test as long (the delays follow the sync's own length). */
#ifdef __SANITIZE_ADDRESS__
#define CHECKINS 600
#else
#define CHECKINS 2000
#endif
#define ROUNDS 10

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {.tv_sec = ms / 1000,
                          .tv_nsec = (long)(ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

struct bench {
    char *dir;
    struct sync_folder *f[2]; /* sealed, plain */
    char *folder[2];
    char *template; /* a diary of CHECKINS check-ins, never synced */
};

/* Check-ins from..to-1 of the long diary, in one transaction. */
static void add_checkins(struct store *st, int from, int to)
{
    struct ache_err err = {""};
    ck_assert_msg(store_begin_atomic(st, &err) == ACHE_OK, "%s", err.msg);
    for (int i = from; i < to; i++) {
        struct checkin c;
        checkin_init(&c, date_from_ymd(2020, 1, 1) + i);
        c.minute = (i * 7) % 1440;
        c.value[CF_PAIN] = i % 11;
        c.value[CF_FATIGUE] = (i * 3) % 11;
        checkin_add_tag(&c, i % 2 ? "yoga" : "heat");
        char note[120];
        snprintf(note, sizeof note, "check-in %d of a long diary", i);
        checkin_set_note(&c, note);
        ck_assert_msg(store_add(st, &c, NULL, &err) == ACHE_OK, "%s",
                      err.msg);
        checkin_free(&c);
    }
    ck_assert_msg(store_commit(st, &err) == ACHE_OK, "%s", err.msg);
}

static void make_template(const char *path)
{
    struct store *st = tstore_open(path);
    add_checkins(st, 0, CHECKINS);
    store_close(st);
}

/* A diary of the same check-ins that wrote them into both folders in
 * FILES files, for a receiver to apply many. */
#define FILES 8
static void make_sender(struct bench *b, const char *path)
{
    struct store *st = tstore_open(path);
    for (int i = 0; i < FILES; i++) {
        add_checkins(st, i * CHECKINS / FILES, (i + 1) * CHECKINS / FILES);
        for (int k = 0; k < 2; k++)
            tsync_quiet(st, b->f[k]);
    }
    store_close(st);
}

static void bench_open(struct bench *b)
{
    tclock_set(9 * 60);
    b->dir = test_tmpdir();
    b->folder[0] = xasprintf("%s/sealed", b->dir);
    b->folder[1] = xasprintf("%s/plain", b->dir);
    b->f[0] = tfolder_open(b->folder[0], "a passphrase for the crash test");
    b->f[1] = tfolder_open(b->folder[1], NULL);
    b->template = xasprintf("%s/template.db", b->dir);
    make_template(b->template);
}

static void bench_close(struct bench *b)
{
    for (int i = 0; i < 2; i++) {
        sync_folder_close(b->f[i]);
        free(b->folder[i]);
    }
    free(b->template);
    test_rmdir(b->dir);
    free(b->dir);
}

static void copy_file(const char *from, const char *to)
{
    char *cmd = xasprintf("cp '%s' '%s'", from, to);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
}

/* The child: one sync of the diary at path through f; exits 0 when it
 * completed. Never returns. */
static void sync_child(const char *path, struct sync_folder *f, int ready)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    if (store_open(path, false, &st, &err) != ACHE_OK) {
        fprintf(stderr, "child: %s\n", err.msg);
        _exit(2);
    }
    char go = 'g';
    if (write(ready, &go, 1) != 1)
        _exit(3);
    struct sync_report rep;
    struct sync_options o = {.compact = false};
    enum ache_status s = sync_run(st, f, &o, &rep, &err);
    if (s != ACHE_OK)
        fprintf(stderr, "child: %s\n", err.msg);
    _exit(s == ACHE_OK ? 0 : 1);
}

/* Runs the child and kills it delay_ms after it opened the diary (when
 * it has not ended by then); true when it was killed. */
static bool sync_killed(const char *path, struct sync_folder *f,
                        unsigned delay_ms)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        sync_child(path, f, fds[1]);
    }
    close(fds[1]);
    char go = 0;
    ck_assert_int_eq(read(fds[0], &go, 1), 1);
    close(fds[0]);
    sleep_ms(delay_ms);
    kill(pid, SIGKILL);
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) {
        ck_assert_int_eq(WTERMSIG(status), SIGKILL);
        return true;
    }
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "the sync failed on its own (status %d)", status);
    return false;
}

/* ---- checks ---------------------------------------------------------------- */

static void integrity_ok(const char *path, unsigned seed)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL),
                     SQLITE_OK);
    sqlite3_stmt *s = NULL;
    ck_assert_int_eq(
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL),
        SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_msg(strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0,
                  "seed %u: integrity_check: %s", seed,
                  sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
    struct store *st = tstore_open(path);
    struct ache_err err = {""};
    ck_assert_msg(store_check(st, &err) == ACHE_OK, "seed %u: %s", seed,
                  err.msg);
    store_close(st);
}

/* The folder lists, and every file it lists reads whole. */
static void folder_sound(struct sync_folder *f, unsigned seed)
{
    struct sync_listing l = {0};
    struct ache_err err = {""};
    ck_assert_msg(sync_folder_list(f, &l, &err) == ACHE_OK, "seed %u: %s",
                  seed, err.msg);
    for (size_t d = 0; d < l.n; d++)
        for (size_t i = 0; i < l.devices[d].n; i++) {
            const char *name = l.devices[d].files[i].name;
            ck_assert_msg(name[0] != '.', "seed %u: %s listed", seed, name);
            struct strbuf text = {0};
            enum sync_read_state state = SYNC_READ_OK;
            ck_assert_msg(sync_folder_read(f, l.devices[d].device, name,
                                           &text, &state, &err) == ACHE_OK,
                          "seed %u: %s", seed, err.msg);
            strbuf_free(&text);
        }
    sync_listing_free(&l);
}

static long count_of(const char *path)
{
    struct store *st = tstore_open(path);
    struct ache_err err = {""};
    long n = -1;
    ck_assert_msg(store_count(st, &n, &err) == ACHE_OK, "%s", err.msg);
    store_close(st);
    return n;
}

static void export_of(const char *path, struct strbuf *out)
{
    struct store *st = tstore_open(path);
    texport_json(st, out);
    store_close(st);
}

static void sync_whole(const char *path, struct sync_folder *f)
{
    struct store *st = tstore_open(path);
    tsync_quiet(st, f);
    store_close(st);
}

/* How long one whole sync of `path` (a copy made here) takes, in ms. */
static unsigned measure(struct bench *b, int sealed_or_plain,
                        const char *from, bool receive)
{
    char *probe = xasprintf("%s/probe.db", b->dir);
    if (receive) {
        struct store *st = tstore_open(probe);
        store_close(st);
    } else {
        copy_file(from, probe);
    }
    int64_t t0 = mono_ms();
    sync_whole(probe, b->f[sealed_or_plain]);
    unsigned took = (unsigned)(mono_ms() - t0);
    unlink(probe);
    char *wal = xasprintf("%s-wal", probe), *shm = xasprintf("%s-shm", probe);
    unlink(wal);
    unlink(shm);
    free(wal);
    free(shm);
    free(probe);
    return took ? took : 1;
}

/* ---- the sending side --------------------------------------------------------- */

START_TEST(test_killed_sending)
{
    struct bench b;
    bench_open(&b);
    unsigned took[2];
    for (int k = 0; k < 2; k++) {
        took[k] = measure(&b, k, b.template, false);
        tfolder_clear(b.folder[k]);
    }
    struct strbuf want = {0};
    export_of(b.template, &want);
    size_t killed = 0;
    for (unsigned seed = 1; seed <= ROUNDS; seed++) {
        tclock_set(9 * 60 + (long)seed);
        int k = (int)(seed % 2);
        struct trng r;
        trng_seed(&r, seed);
        unsigned delay = trng_below(&r, took[k] + took[k] / 5 + 1);
        tfolder_clear(b.folder[k]);
        char *path = xasprintf("%s/send%u.db", b.dir, seed);
        char *other = xasprintf("%s/recv%u.db", b.dir, seed);
        copy_file(b.template, path);
        killed += sync_killed(path, b.f[k], delay);
        integrity_ok(path, seed);
        folder_sound(b.f[k], seed);
        ck_assert_int_eq(count_of(path), CHECKINS);
        /* the next sync completes, and another diary gets it all once */
        sync_whole(path, b.f[k]);
        folder_sound(b.f[k], seed);
        sync_whole(other, b.f[k]);
        struct strbuf got = {0};
        export_of(other, &got);
        ck_assert_msg(strcmp(strbuf_str(&got), strbuf_str(&want)) == 0,
                      "seed %u (killed after %u ms): the receiving diary"
                      " differs from the sender",
                      seed, delay);
        ck_assert_int_eq(count_of(other), CHECKINS);
        strbuf_free(&got);
        free(path);
        free(other);
    }
    if (getenv("SYNC_TRACE"))
        fprintf(stderr, "sending: a whole sync %u ms sealed, %u ms plain;"
                " %zu of %d killed\n", took[0], took[1], killed, ROUNDS);
    /* the rounds killed a sync at work, not only after it */
    ck_assert_msg(killed >= ROUNDS / 3, "only %zu of %d syncs were killed",
                  killed, ROUNDS);
    strbuf_free(&want);
    bench_close(&b);
}
END_TEST

/* ---- the receiving side ------------------------------------------------------- */

START_TEST(test_killed_receiving)
{
    struct bench b;
    bench_open(&b);
    unsigned took[2];
    char *sender = xasprintf("%s/sender.db", b.dir);
    make_sender(&b, sender); /* the files to receive */
    for (int k = 0; k < 2; k++)
        took[k] = measure(&b, k, NULL, true);
    struct strbuf want = {0};
    export_of(sender, &want);
    free(sender);
    size_t killed = 0, none = 0, all = 0;
    for (unsigned seed = 101; seed < 101 + ROUNDS; seed++) {
        tclock_set(10 * 60 + (long)seed);
        int k = (int)(seed % 2);
        struct trng r;
        trng_seed(&r, seed);
        unsigned delay = trng_below(&r, took[k] + took[k] / 5 + 1);
        char *path = xasprintf("%s/recv%u.db", b.dir, seed);
        store_close(tstore_open(path));
        killed += sync_killed(path, b.f[k], delay);
        integrity_ok(path, seed);
        folder_sound(b.f[k], seed);
        long n = count_of(path);
        ck_assert_msg(n == 0 || n == CHECKINS,
                      "seed %u (killed after %u ms): %ld check-ins, neither"
                      " none nor all",
                      seed, delay, n);
        none += n == 0;
        all += n == CHECKINS;
        sync_whole(path, b.f[k]);
        struct strbuf got = {0};
        export_of(path, &got);
        ck_assert_msg(strcmp(strbuf_str(&got), strbuf_str(&want)) == 0,
                      "seed %u (killed after %u ms): the diary differs from"
                      " the sender after the next sync",
                      seed, delay);
        strbuf_free(&got);
        free(path);
    }
    if (getenv("SYNC_TRACE"))
        fprintf(stderr, "receiving: a whole sync %u ms sealed, %u ms plain;"
                " %zu of %d killed, %zu left none, %zu all\n", took[0],
                took[1], killed, ROUNDS, none, all);
    ck_assert_msg(killed >= ROUNDS / 3 && none > 0,
                  "%zu of %d syncs killed, %zu left nothing, %zu all",
                  killed, ROUNDS, none, all);
    strbuf_free(&want);
    bench_close(&b);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("sync_crash");
    TCase *tc = tcase_create("killed");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, test_killed_sending);
    tcase_add_test(tc, test_killed_receiving);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
