/* Tests of filemap: a regular file is mapped and its read pages given
 * back without changing what is read; a pipe is read whole; an empty
 * file is empty data; a missing one is named in the message. */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#include "ache/filemap.h"

static char *dir;

static void setup(void)
{
    dir = test_tmpdir();
}

static void teardown(void)
{
    test_rmdir(dir);
    free(dir);
}

/* Writes n bytes of a known pattern (byte i is i*7 % 251) to a file. */
static char *write_pattern(const char *name, size_t n)
{
    char *path = xasprintf("%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    char *buf = xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(i * 7 % 251);
    ck_assert_int_eq(fd_write_all(fd, buf, n), 0);
    close(fd);
    free(buf);
    return path;
}

static bool holds_pattern(const struct filemap *m, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (m->data[i] != (char)(i * 7 % 251))
            return false;
    return true;
}

START_TEST(test_regular_file_mapped_and_given_back)
{
    size_t n = 3u << 20;
    char *path = write_pattern("big", n);
    struct filemap m;
    struct ache_err err = {{0}};
    ck_assert_int_eq(filemap_open(path, &m, &err), ACHE_OK);
    ck_assert(m.mapped);
    ck_assert_uint_eq(m.len, n);
    ck_assert(holds_pattern(&m, 0, n));
    /* Less than the step: nothing goes back yet. */
    filemap_done_before(&m, m.data + 1000);
    ck_assert_uint_eq(m.given_back, 0);
    filemap_done_before(&m, m.data + (2u << 20) + 5);
    ck_assert_uint_eq(m.given_back, 2u << 20);
    /* The pages given back read the same when touched again. */
    ck_assert(holds_pattern(&m, 0, n));
    /* A reader back at the start counts from there again. */
    filemap_done_before(&m, m.data + 10);
    ck_assert_uint_eq(m.given_back, 0);
    /* A pointer outside the data is ignored. */
    filemap_done_before(&m, m.data + n + 1);
    ck_assert_uint_eq(m.given_back, 0);
    filemap_close(&m);
    ck_assert_uint_eq(m.len, 0);
    free(path);
}
END_TEST

/* The resident KiB and the number of mappings of path in this process,
 * from /proc/self/smaps. */
static void mapped_of(const char *path, long *kib, int *pieces)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    ck_assert_ptr_nonnull(f);
    char line[1024];
    bool ours = false;
    *kib = 0;
    *pieces = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        long n;
        /* A mapping begins with its range: "lo-hi perms offset dev inode
         * path"; the lines about it follow ("Rss:   12 kB"). */
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3) {
            line[strcspn(line, "\n")] = '\0';
            size_t len = strlen(line), plen = strlen(path);
            ours = len >= plen && strcmp(line + len - plen, path) == 0;
            *pieces += ours;
        } else if (ours && sscanf(line, "Rss: %ld kB", &n) == 1) {
            *kib += n;
        }
    }
    fclose(f);
}

/* However the file is cached (in pages of 2 MiB, say), a reader giving
 * back what it has read holds at most a few steps of it. */
START_TEST(test_reading_holds_a_few_steps)
{
    size_t n = 3u << 20;
    char *path = write_pattern("held", n);
    struct filemap m;
    struct ache_err err = {{0}};
    ck_assert_int_eq(filemap_open(path, &m, &err), ACHE_OK);
    long kib, most = 0;
    int pieces;
    mapped_of(path, &kib, &pieces);
    ck_assert_int_ge(pieces, 12); /* 3 MiB in pieces of 256 KiB */
    unsigned sum = 0;
    for (size_t at = 0; at < n; at += 4096) {
        sum += (unsigned char)m.data[at];
        filemap_done_before(&m, m.data + at);
        if (at % (64u << 10) == 0) {
            mapped_of(path, &kib, &pieces);
            most = kib > most ? kib : most;
        }
    }
    ck_assert_uint_gt(sum, 0);
    ck_assert_int_le(most, 3 * 256 + 64);
    filemap_close(&m);
    free(path);
}
END_TEST

START_TEST(test_empty_file)
{
    char *path = write_pattern("empty", 0);
    struct filemap m;
    struct ache_err err = {{0}};
    ck_assert_int_eq(filemap_open(path, &m, &err), ACHE_OK);
    ck_assert_uint_eq(m.len, 0);
    ck_assert_ptr_nonnull(m.data);
    filemap_close(&m);
    free(path);
}
END_TEST

START_TEST(test_missing_file_named)
{
    char *path = xasprintf("%s/nope.csv", dir);
    struct filemap m;
    struct ache_err err = {{0}};
    ck_assert_int_eq(filemap_open(path, &m, &err), ACHE_ERR_IO);
    char *want = xasprintf("%s: No such file or directory", path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    free(path);
}
END_TEST

/* filemap_open("-") with fd (closed here) as standard input for the
 * while; standard input is put back after. */
static enum ache_status open_as_stdin(int fd, struct filemap *m)
{
    int saved = dup(STDIN_FILENO);
    dup2(fd, STDIN_FILENO);
    close(fd);
    struct ache_err err = {{0}};
    enum ache_status st = filemap_open("-", m, &err);
    dup2(saved, STDIN_FILENO);
    close(saved);
    return st;
}

/* Standard input from a pipe is read whole (a pipe cannot be mapped). */
START_TEST(test_stdin_pipe_read_whole)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        for (int i = 0; i < 1000; i++)
            if (fd_write_all(fds[1], "0123456789", 10))
                _exit(1);
        _exit(0);
    }
    close(fds[1]);
    struct filemap m;
    enum ache_status st = open_as_stdin(fds[0], &m);
    waitpid(pid, NULL, 0);
    ck_assert_int_eq(st, ACHE_OK);
    ck_assert(!m.mapped);
    ck_assert_uint_eq(m.len, 10000);
    ck_assert(memcmp(m.data + 9990, "0123456789", 10) == 0);
    filemap_close(&m);
}
END_TEST

START_TEST(test_stdin_regular_file_mapped)
{
    char *path = write_pattern("in", 5000);
    struct filemap m;
    enum ache_status st = open_as_stdin(open(path, O_RDONLY), &m);
    ck_assert_int_eq(st, ACHE_OK);
    ck_assert(m.mapped);
    ck_assert(holds_pattern(&m, 0, 5000));
    filemap_close(&m);
    free(path);
}
END_TEST

/* Sets a file's time of writing to a fixed moment long past, so that any
 * write the test makes later gives it another one. */
static void set_old_mtime(const char *path)
{
    struct timespec t[2] = {{1600000000, 0}, {1600000000, 0}};
    ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* A file cut short under the mapping: the bytes past its new end read as
 * zeros (not SIGBUS), those before it as they were, and the map says the
 * file changed. */
START_TEST(test_file_cut_short_reads_zeros_and_is_changed)
{
    /* valgrind cannot restart an access after a SIGBUS handler mapped
     * the page (it faults again at address 0): `make check-valgrind`
     * sets this, and the plain and sanitizer runs test it. */
    if (getenv("ACHE_UNDER_VALGRIND"))
        return;
    size_t n = 1u << 20;
    char *path = write_pattern("cut", n);
    set_old_mtime(path);
    struct filemap m;
    struct ache_err err = {{0}};
    ck_assert_int_eq(filemap_open(path, &m, &err), ACHE_OK);
    ck_assert(!filemap_changed(&m));
    ck_assert(holds_pattern(&m, 0, 8192));
    filemap_done_before(&m, m.data + (512u << 10)); /* pages given back */
    ck_assert_int_eq(truncate(path, 8192), 0);
    ck_assert(holds_pattern(&m, 0, 8192));
    for (size_t at = 8192; at < n; at += 4096)
        ck_assert_int_eq(m.data[at], 0);
    ck_assert_int_eq(m.data[n - 1], 0);
    ck_assert(filemap_changed(&m));
    filemap_close(&m);
    free(path);
}
END_TEST

/* Rewritten in place to the same length: a change too. */
START_TEST(test_file_rewritten_is_changed)
{
    char *path = write_pattern("rewritten", 20000);
    set_old_mtime(path);
    struct filemap m;
    struct ache_err err = {{0}};
    ck_assert_int_eq(filemap_open(path, &m, &err), ACHE_OK);
    int fd = open(path, O_WRONLY);
    ck_assert_int_eq(pwrite(fd, "x", 1, 100), 1);
    close(fd);
    ck_assert(filemap_changed(&m));
    filemap_close(&m);
    /* and one that grows */
    ck_assert_int_eq(filemap_open(path, &m, &err), ACHE_OK);
    ck_assert(!filemap_changed(&m));
    ck_assert_int_eq(truncate(path, 30000), 0);
    ck_assert(filemap_changed(&m));
    filemap_close(&m);
    free(path);
}
END_TEST

/* Only faults inside the map are caught: one in another mapping of a
 * file cut short is left to what handled SIGBUS before (here the default,
 * which ends the process; a sanitizer build has its own). */
START_TEST(test_other_faults_still_end_the_process)
{
    char *path = write_pattern("ours", 20000);
    char *other = write_pattern("theirs", 20000);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        signal(SIGBUS, SIG_DFL);
        struct filemap m;
        struct ache_err err = {{0}};
        int fd = open(other, O_RDONLY);
        volatile char *p = mmap(NULL, 20000, PROT_READ, MAP_PRIVATE, fd, 0);
        if (filemap_open(path, &m, &err) != ACHE_OK || p == MAP_FAILED ||
            truncate(other, 0) != 0)
            _exit(2);
        _exit(p[12000] == 99 ? 3 : 4);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGBUS);
    free(other);
    free(path);
}
END_TEST

/* Bytes read whole from a pipe cannot change. */
START_TEST(test_pipe_never_changed)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(fd_write_all(fds[1], "a,b\n", 4), 0);
    close(fds[1]);
    struct filemap m;
    ck_assert_int_eq(open_as_stdin(fds[0], &m), ACHE_OK);
    ck_assert(!m.mapped);
    ck_assert(!filemap_changed(&m));
    filemap_close(&m);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("filemap");
    TCase *t = tcase_create("filemap");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_regular_file_mapped_and_given_back);
    tcase_add_test(t, test_reading_holds_a_few_steps);
    tcase_add_test(t, test_empty_file);
    tcase_add_test(t, test_missing_file_named);
    tcase_add_test(t, test_stdin_pipe_read_whole);
    tcase_add_test(t, test_stdin_regular_file_mapped);
    tcase_add_test(t, test_file_cut_short_reads_zeros_and_is_changed);
    tcase_add_test(t, test_file_rewritten_is_changed);
    tcase_add_test(t, test_other_faults_still_end_the_process);
    tcase_add_test(t, test_pipe_never_changed);
    suite_add_tcase(s, t);
    return s;
}

ACHE_TEST_MAIN(make_suite)
