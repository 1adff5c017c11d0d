/* Two processes writing to one diary at the same time, each through its
 * own store: both must succeed (BEGIN IMMEDIATE plus the busy timeout), no
 * "database is locked", and every check-in must be there afterwards. They
 * start on a diary that does not exist yet, so the two also race to create
 * and migrate it.
 */
#include <sys/wait.h>

#include "testutil.h"

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"
#include "ache/tags.h"

#define PER_WRITER 500

static const char *const writer_tag[2] = {"stress", "yoga"};

/* File-scope, so that a writer process leaving through _exit still reaches
 * them (valgrind's leak check runs in the writers too). */
static char *dir, *path;

/* The body of one writer process; returns its exit status. */
static int write_many(const char *diary, int who, int go_fd)
{
    char go;
    if (read(go_fd, &go, 1) != 1)
        return 3;
    struct store *st = NULL;
    struct ache_err err = {""};
    if (store_open(diary, true, &st, &err)) {
        fprintf(stderr, "writer %d: open: %s\n", who, err.msg);
        return 1;
    }
    ache_day base = date_from_ymd(2025, 1, 1);
    int failed = 0;
    for (int i = 0; i < PER_WRITER && !failed; i++) {
        struct checkin c;
        checkin_init(&c, base + i % 400);
        c.minute = (i * 7 + who) % 1440;
        c.value[CF_PAIN] = who;
        c.value[CF_FATIGUE] = i % 11;
        checkin_add_tag(&c, writer_tag[who]);
        if (store_add(st, &c, NULL, &err)) {
            fprintf(stderr, "writer %d: add %d: %s\n", who, i, err.msg);
            failed = 2;
        }
        checkin_free(&c);
    }
    store_close(st);
    return failed;
}

static enum ache_status tally(const struct checkin *c, void *ctx)
{
    long *per_writer = ctx;
    ck_assert(c->value[CF_PAIN] == 0 || c->value[CF_PAIN] == 1);
    ck_assert_uint_eq(c->ntags, 1);
    ck_assert_str_eq(c->tags[0], writer_tag[c->value[CF_PAIN]]);
    per_writer[c->value[CF_PAIN]]++;
    return ACHE_OK;
}

static long tag_uses(struct store *st, const char *name)
{
    struct tag_list list = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_tags_list(st, &list, &err), ACHE_OK);
    long uses = -1;
    for (size_t i = 0; i < list.n; i++)
        if (strcmp(list.items[i].name, name) == 0)
            uses = list.items[i].uses;
    tag_list_free(&list);
    return uses;
}

START_TEST(test_two_writers_at_once)
{
    dir = test_tmpdir();
    path = xasprintf("%s/diary.db", dir);
    int go[2];
    ck_assert_int_eq(pipe(go), 0);
    pid_t pid[2];
    for (int who = 0; who < 2; who++) {
        pid[who] = fork();
        ck_assert_int_ge(pid[who], 0);
        if (pid[who] == 0) {
            close(go[1]);
            _exit(write_many(path, who, go[0]));
        }
    }
    close(go[0]);
    /* Both are waiting on the pipe: let them go at the same moment. */
    ck_assert_int_eq(write(go[1], "gg", 2), 2);
    close(go[1]);
    for (int who = 0; who < 2; who++) {
        int status = 0;
        ck_assert_int_eq(waitpid(pid[who], &status, 0), pid[who]);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                      "writer %d failed (status %d)", who, status);
    }
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(path, false, &st, &err), ACHE_OK);
    long count = 0;
    ck_assert_int_eq(store_count(st, &count, &err), ACHE_OK);
    ck_assert_int_eq(count, 2 * PER_WRITER);
    long per_writer[2] = {0, 0};
    ck_assert_int_eq(store_each_in_range(st, INT32_MIN, INT32_MAX, tally,
                                         per_writer, &err),
                     ACHE_OK);
    ck_assert_int_eq(per_writer[0], PER_WRITER);
    ck_assert_int_eq(per_writer[1], PER_WRITER);
    ck_assert_int_eq(tag_uses(st, "stress"), PER_WRITER);
    ck_assert_int_eq(tag_uses(st, "yoga"), PER_WRITER);
    /* One catalogue, not two: only one of them created the diary. */
    struct tag_list list = {0};
    ck_assert_int_eq(store_tags_list(st, &list, &err), ACHE_OK);
    ck_assert_uint_eq(list.n, tag_catalogue_size());
    tag_list_free(&list);
    store_close(st);
    test_rmdir(dir);
    free(path);
    free(dir);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("store_concurrency");
    TCase *tc = tcase_create("writers");
    tcase_set_timeout(tc, 60); /* seconds; ASan is slower */
    tcase_add_test(tc, test_two_writers_at_once);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
