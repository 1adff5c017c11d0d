/* Unit tests for util: status codes and messages, errors, allocation,
 * growable strings, strict integer parsing, reading files. */
#include "testutil.h"

#include <limits.h>

/* ---- status codes and errors ---------------------------------------- */

START_TEST(test_status_messages)
{
    ck_assert_str_eq(ache_status_message(ACHE_OK), "ok");
    ck_assert_str_eq(ache_status_message(ACHE_ERR_INVALID), "invalid input");
    ck_assert_str_eq(ache_status_message(ACHE_ERR_NOT_FOUND), "not found");
    ck_assert_str_eq(ache_status_message(ACHE_ERR_AMBIGUOUS), "ambiguous");
    ck_assert_str_eq(ache_status_message(ACHE_ERR_IO), "input/output error");
    ck_assert_str_eq(ache_status_message(ACHE_ERR_DB), "database error");
    ck_assert_str_eq(ache_status_message(ACHE_ERR_BUSY), "database is busy");
    ck_assert_str_eq(ache_status_message(ACHE_ERR_REFUSED), "refused");
    ck_assert_str_eq(ache_status_message((enum ache_status)99),
                     "unknown error");
}
END_TEST

START_TEST(test_exit_codes)
{
    ck_assert_int_eq(ache_exit_code(ACHE_OK), 0);
    ck_assert_int_eq(ache_exit_code(ACHE_ERR_INVALID), 2);
    ck_assert_int_eq(ache_exit_code(ACHE_ERR_AMBIGUOUS), 2);
    ck_assert_int_eq(ache_exit_code(ACHE_ERR_NOT_FOUND), 1);
    ck_assert_int_eq(ache_exit_code(ACHE_ERR_IO), 1);
    ck_assert_int_eq(ache_exit_code(ACHE_ERR_DB), 1);
    ck_assert_int_eq(ache_exit_code(ACHE_ERR_BUSY), 1);
    ck_assert_int_eq(ache_exit_code(ACHE_ERR_REFUSED), 1);
}
END_TEST

START_TEST(test_fail)
{
    struct ache_err err = {{0}};
    enum ache_status st =
        ache_fail(&err, ACHE_ERR_INVALID, "%s: %d is out of range %d-%d",
                  "pain", 11, 0, 10);
    ck_assert_int_eq(st, ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "pain: 11 is out of range 0-10");
    /* err may be NULL: the status still comes back. */
    ck_assert_int_eq(ache_fail(NULL, ACHE_ERR_DB, "x %d", 1), ACHE_ERR_DB);
    ck_assert_int_eq(ache_fail(&err, ACHE_OK, "fine"), ACHE_OK);
    ck_assert_str_eq(err.msg, "fine");
}
END_TEST

START_TEST(test_fail_truncates)
{
    char longer[600];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    longer[510] = 'Z'; /* the last byte that fits */
    struct ache_err err;
    memset(&err, 'Q', sizeof err);
    ache_fail(&err, ACHE_ERR_IO, "%s", longer);
    ck_assert_uint_eq(strlen(err.msg), 511);
    ck_assert_int_eq(err.msg[511], '\0');
    ck_assert_int_eq(err.msg[510], 'Z');
    ck_assert_int_eq(memcmp(err.msg, longer, 511), 0);
}
END_TEST

START_TEST(test_err_prefix)
{
    struct ache_err err = {{0}};
    ache_fail(&err, ACHE_ERR_INVALID, "pain: 11 is out of range 0-10");
    ache_err_prefix(&err, "%s:%d:%d: ", "diary.csv", 3, 7);
    ck_assert_str_eq(err.msg, "diary.csv:3:7: pain: 11 is out of range 0-10");
    ache_err_prefix(&err, "import: ");
    ck_assert_str_eq(err.msg,
                     "import: diary.csv:3:7: pain: 11 is out of range 0-10");
    /* An empty prefix changes nothing. */
    ache_err_prefix(&err, "%s", "");
    ck_assert_str_eq(err.msg,
                     "import: diary.csv:3:7: pain: 11 is out of range 0-10");
    /* The prefix may quote the message itself. */
    ache_fail(&err, ACHE_ERR_IO, "abc");
    ache_err_prefix(&err, "%s / ", err.msg);
    ck_assert_str_eq(err.msg, "abc / abc");
    /* NULL is accepted and ignored. */
    ache_err_prefix(NULL, "x: ");
}
END_TEST

START_TEST(test_err_prefix_truncates)
{
    struct ache_err err;
    char full[512];
    memset(full, 'm', 511);
    full[511] = '\0';
    ache_fail(&err, ACHE_ERR_INVALID, "%s", full);
    ache_err_prefix(&err, "line %d: ", 12);
    /* The prefix and as much of the message's head as fits. */
    ck_assert_uint_eq(strlen(err.msg), 511);
    ck_assert_int_eq(strncmp(err.msg, "line 12: mmm", 12), 0);
    ck_assert_int_eq(err.msg[510], 'm');

    /* A prefix longer than the buffer leaves only (part of) the prefix. */
    char huge[700];
    memset(huge, 'p', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    ache_fail(&err, ACHE_ERR_INVALID, "message");
    ache_err_prefix(&err, "%s", huge);
    ck_assert_uint_eq(strlen(err.msg), 511);
    ck_assert_int_eq(err.msg[0], 'p');
    ck_assert_int_eq(err.msg[510], 'p');
    ck_assert_ptr_null(strchr(err.msg, 'm'));
}
END_TEST

/* ---- allocation ------------------------------------------------------- */

START_TEST(test_alloc)
{
    char *p = xmalloc(0);
    ck_assert_ptr_nonnull(p);
    free(p);
    int *zeros = xcalloc(100, sizeof *zeros);
    for (int i = 0; i < 100; i++)
        ck_assert_int_eq(zeros[i], 0);
    zeros = xreallocarray(zeros, 1000, sizeof *zeros);
    zeros[999] = 7;
    ck_assert_int_eq(zeros[0], 0);
    ck_assert_int_eq(zeros[99], 0);
    ck_assert_int_eq(zeros[999], 7);
    free(zeros);
    char *s = xstrdup("magnesium");
    ck_assert_str_eq(s, "magnesium");
    free(s);
    s = xstrndup("magnesium", 3);
    ck_assert_str_eq(s, "mag");
    free(s);
    s = xstrndup("yoga", 50);
    ck_assert_str_eq(s, "yoga");
    free(s);
    s = xasprintf("%s-%02d", "week", 7);
    ck_assert_str_eq(s, "week-07");
    free(s);
    s = xasprintf("%s", "");
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

/* ---- strbuf ----------------------------------------------------------- */

START_TEST(test_strbuf_empty)
{
    struct strbuf sb = {0};
    ck_assert_str_eq(strbuf_str(&sb), "");
    strbuf_reset(&sb); /* nothing allocated yet: still fine */
    ck_assert_str_eq(strbuf_str(&sb), "");
    char *taken = strbuf_take(&sb);
    ck_assert_str_eq(taken, ""); /* never NULL */
    free(taken);
    strbuf_free(&sb);
    strbuf_free(&sb); /* twice is harmless */
    ck_assert_ptr_null(sb.data);

    struct strbuf junk;
    memset(&junk, 0x5A, sizeof junk);
    strbuf_init(&junk);
    ck_assert_ptr_null(junk.data);
    ck_assert_uint_eq(junk.len, 0);
    ck_assert_uint_eq(junk.cap, 0);
}
END_TEST

START_TEST(test_strbuf_append)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_append(&sb, "neck");
    strbuf_putc(&sb, ',');
    strbuf_append(&sb, "");
    strbuf_appendn(&sb, "jaw-lXXX", 5);
    ck_assert_str_eq(strbuf_str(&sb), "neck,jaw-l");
    ck_assert_uint_eq(sb.len, 10);
    /* Binary safe: a NUL byte is kept and counted. */
    strbuf_appendn(&sb, "a\0b", 3);
    ck_assert_uint_eq(sb.len, 13);
    ck_assert_int_eq(memcmp(sb.data + 10, "a\0b", 4), 0);
    strbuf_reset(&sb);
    ck_assert_uint_eq(sb.len, 0);
    ck_assert_str_eq(strbuf_str(&sb), "");
    ck_assert_uint_gt(sb.cap, 0); /* the memory is kept */
    strbuf_append(&sb, "again");
    ck_assert_str_eq(strbuf_str(&sb), "again");
    strbuf_free(&sb);
    ck_assert_ptr_null(sb.data);
    ck_assert_uint_eq(sb.len, 0);
}
END_TEST

START_TEST(test_strbuf_growth)
{
    struct strbuf sb = {0};
    for (size_t i = 0; i < 100000; i++) {
        strbuf_putc(&sb, (char)('a' + i % 26));
        if (sb.cap < sb.len + 1 || sb.data[sb.len] != '\0')
            ck_abort_msg("after %zu bytes: cap %zu", i + 1, sb.cap);
    }
    ck_assert_uint_eq(sb.len, 100000);
    for (size_t i = 0; i < sb.len; i++)
        if (sb.data[i] != (char)('a' + i % 26))
            ck_abort_msg("byte %zu is wrong", i);
    /* After grow, appending that much does not move the buffer. */
    strbuf_grow(&sb, 300000);
    ck_assert_uint_ge(sb.cap, sb.len + 300000 + 1);
    const char *before = sb.data;
    char block[1000];
    memset(block, 'z', sizeof block);
    for (int i = 0; i < 300; i++)
        strbuf_appendn(&sb, block, sizeof block);
    ck_assert_ptr_eq(sb.data, before);
    ck_assert_uint_eq(sb.len, 400000);
    ck_assert_int_eq(sb.data[399999], 'z');
    ck_assert_int_eq(sb.data[400000], '\0');
    char *taken = strbuf_take(&sb);
    ck_assert_ptr_eq(taken, before);
    ck_assert_ptr_null(sb.data);
    ck_assert_uint_eq(sb.len, 0);
    ck_assert_uint_eq(sb.cap, 0);
    ck_assert_str_eq(strbuf_str(&sb), "");
    free(taken);
}
END_TEST

static void __attribute__((format(printf, 2, 3)))
call_vprintf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

START_TEST(test_strbuf_printf)
{
    struct strbuf sb = {0};
    strbuf_printf(&sb, "%s=%d", "pain", 7);
    ck_assert_str_eq(strbuf_str(&sb), "pain=7");
    strbuf_printf(&sb, "; %s=%.2f", "sleep", 6.25);
    ck_assert_str_eq(strbuf_str(&sb), "pain=7; sleep=6.25");
    strbuf_printf(&sb, "%s", "");
    ck_assert_uint_eq(sb.len, 18);
    call_vprintf(&sb, " [%c%c]", 'o', 'k');
    ck_assert_str_eq(strbuf_str(&sb), "pain=7; sleep=6.25 [ok]");
    strbuf_free(&sb);

    /* Output longer than any first allocation. */
    strbuf_printf(&sb, "<%0*d>", 1000, 42);
    ck_assert_uint_eq(sb.len, 1002);
    ck_assert_int_eq(sb.data[0], '<');
    ck_assert_int_eq(sb.data[1], '0');
    ck_assert_int_eq(sb.data[998], '0');
    ck_assert_str_eq(sb.data + 999, "42>");
    strbuf_free(&sb);

    /* Printing nothing into an empty buffer still gives a string. */
    strbuf_printf(&sb, "%s", "");
    ck_assert_ptr_nonnull(sb.data);
    ck_assert_str_eq(sb.data, "");
    strbuf_free(&sb);
}
END_TEST

/* ---- parse_int -------------------------------------------------------- */

static void assert_int(const char *s, long min, long max, long want)
{
    long v = -12345;
    ck_assert_msg(parse_int(s, min, max, &v), "'%s' refused", s);
    ck_assert_int_eq(v, want);
}

static void assert_not_int(const char *s, long min, long max)
{
    long v = -12345;
    ck_assert_msg(!parse_int(s, min, max, &v), "'%s' accepted", s);
    ck_assert_int_eq(v, -12345); /* untouched */
}

START_TEST(test_parse_int)
{
    assert_int("0", 0, 10, 0);
    assert_int("10", 0, 10, 10);
    assert_int("7", 0, 10, 7);
    assert_int("007", 0, 10, 7);
    assert_int("-3", -10, 10, -3);
    assert_int("+7", 0, 10, 7);

    assert_not_int(NULL, 0, 10);
    assert_not_int("", 0, 10);
    assert_not_int("+", 0, 10);
    assert_not_int("-", -10, 10);
    assert_not_int(" 1", 0, 10);
    assert_not_int("1 ", 0, 10);
    assert_not_int("\t1", 0, 10);
    assert_not_int("1\n", 0, 10);
    assert_not_int("- 1", -10, 10);
    assert_not_int("--1", -10, 10);
    assert_not_int("+-1", -10, 10);
    assert_not_int("1a", 0, 10);
    assert_not_int("0x10", 0, 100);
    assert_not_int("1.5", 0, 10);
    assert_not_int("1e3", 0, 10000);
    /* Bounds are inclusive, and only them. */
    assert_not_int("11", 0, 10);
    assert_not_int("-1", 0, 10);
    assert_not_int("4", 5, 9);
    assert_int("5", 5, 9, 5);
    assert_int("9", 5, 9, 9);
    assert_not_int("10", 5, 9);
}
END_TEST

START_TEST(test_parse_int_overflow)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%ld", LONG_MAX);
    assert_int(buf, LONG_MIN, LONG_MAX, LONG_MAX);
    snprintf(buf, sizeof buf, "%ld", LONG_MIN);
    assert_int(buf, LONG_MIN, LONG_MAX, LONG_MIN);
    /* One past each end: strtol would clamp; parse_int refuses. */
    assert_not_int("9223372036854775808", LONG_MIN, LONG_MAX);
    assert_not_int("-9223372036854775809", LONG_MIN, LONG_MAX);
    assert_not_int("99999999999999999999999999", LONG_MIN, LONG_MAX);
    /* A clamped value must not pass as the bound itself. */
    snprintf(buf, sizeof buf, "%ld0", LONG_MAX);
    assert_not_int(buf, LONG_MIN, LONG_MAX);
}
END_TEST

START_TEST(test_str_helpers)
{
    ck_assert(str_starts_with("upper-arm-l", "upper"));
    ck_assert(str_starts_with("neck", "neck"));
    ck_assert(str_starts_with("neck", ""));
    ck_assert(!str_starts_with("ne", "neck"));
    ck_assert(!str_starts_with("Neck", "neck"));
    ck_assert(str_is_blank(""));
    ck_assert(str_is_blank(" \t\r\n "));
    ck_assert(!str_is_blank("  x "));
    ck_assert(!str_is_blank("\v"));
}
END_TEST

/* ---- file_read_all ---------------------------------------------------- */

static char *write_file(const char *dir, const char *name, const char *data,
                        size_t len)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

START_TEST(test_read_missing)
{
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/missing.csv", dir);
    char *data = (char *)"untouched";
    size_t len = 99;
    struct ache_err err = {{0}};
    ck_assert_int_eq(file_read_all(path, &data, &len, &err), ACHE_ERR_IO);
    char *want = xasprintf("%s: No such file or directory", path);
    ck_assert_str_eq(err.msg, want);
    ck_assert_str_eq(data, "untouched");
    ck_assert_uint_eq(len, 99);
    /* A folder opens but cannot be read. */
    ck_assert_int_eq(file_read_all(dir, &data, &len, &err), ACHE_ERR_IO);
    char *want_dir = xasprintf("%s: Is a directory", dir);
    ck_assert_str_eq(err.msg, want_dir);
    ck_assert_int_eq(file_read_all(path, &data, &len, NULL), ACHE_ERR_IO);
    free(want_dir);
    free(want);
    free(path);
    test_rmdir(dir);
    free(dir);
}
END_TEST

START_TEST(test_read_binary)
{
    char *dir = test_tmpdir();
    static const char bytes[] = "pain\0fatigue\0\n\xFF\x00z";
    char *path = write_file(dir, "nul.bin", bytes, sizeof bytes - 1);
    char *data = NULL;
    size_t len = 0;
    struct ache_err err = {{0}};
    ck_assert_int_eq(file_read_all(path, &data, &len, &err), ACHE_OK);
    ck_assert_uint_eq(len, sizeof bytes - 1);
    ck_assert_int_eq(memcmp(data, bytes, len), 0);
    ck_assert_int_eq(data[len], '\0'); /* a NUL is added */
    free(data);
    free(path);

    path = write_file(dir, "empty", "", 0);
    ck_assert_int_eq(file_read_all(path, &data, &len, &err), ACHE_OK);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_eq(data, "");
    free(data);
    free(path);
    test_rmdir(dir);
    free(dir);
}
END_TEST

START_TEST(test_read_large)
{
    /* Larger than the read chunk, and not a multiple of it. */
    size_t n = 3 * 65536 + 123;
    char *big = xmalloc(n);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 7 % 251);
    char *dir = test_tmpdir();
    char *path = write_file(dir, "big", big, n);
    char *data = NULL;
    size_t len = 0;
    ck_assert_int_eq(file_read_all(path, &data, &len, NULL), ACHE_OK);
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(memcmp(data, big, n), 0);
    ck_assert_int_eq(data[n], '\0');
    free(data);
    free(big);
    free(path);
    test_rmdir(dir);
    free(dir);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("errors");
    tcase_add_test(tc, test_status_messages);
    tcase_add_test(tc, test_exit_codes);
    tcase_add_test(tc, test_fail);
    tcase_add_test(tc, test_fail_truncates);
    tcase_add_test(tc, test_err_prefix);
    tcase_add_test(tc, test_err_prefix_truncates);
    suite_add_tcase(s, tc);

    tc = tcase_create("memory");
    tcase_add_test(tc, test_alloc);
    tcase_add_test(tc, test_strbuf_empty);
    tcase_add_test(tc, test_strbuf_append);
    tcase_add_test(tc, test_strbuf_growth);
    tcase_add_test(tc, test_strbuf_printf);
    suite_add_tcase(s, tc);

    tc = tcase_create("parse");
    tcase_add_test(tc, test_parse_int);
    tcase_add_test(tc, test_parse_int_overflow);
    tcase_add_test(tc, test_str_helpers);
    suite_add_tcase(s, tc);

    tc = tcase_create("files");
    tcase_add_test(tc, test_read_missing);
    tcase_add_test(tc, test_read_binary);
    tcase_add_test(tc, test_read_large);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
