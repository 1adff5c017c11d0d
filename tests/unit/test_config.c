/* Unit tests for config: parsing the settings file (config_parse), reading
 * only a regular file of a sane size (config_load), and where the file and
 * the diary are when HOME is relative. */
#include "testutil.h"

#include <pwd.h>

#include "ache/config.h"

static enum ache_status parse(const char *data, size_t len, struct config *c,
                              struct ache_err *err)
{
    return config_parse("cfg", data, len, c, err);
}

START_TEST(test_parse_good)
{
    static const char text[] = "# settings\r\n\n  week_start = sunday # why"
                               "\r\n\t\n";
    struct config c = {.week_start = 3};
    struct ache_err err = {{0}};
    ck_assert_int_eq(parse(text, sizeof text - 1, &c, &err), ACHE_OK);
    ck_assert_int_eq(c.week_start, 6);
    /* the last line needs no line end; an empty file is the defaults */
    ck_assert_int_eq(parse("week_start=monday", 17, &c, &err), ACHE_OK);
    ck_assert_int_eq(c.week_start, 0);
    c.week_start = 6;
    ck_assert_int_eq(parse("", 0, &c, &err), ACHE_OK);
    ck_assert_int_eq(c.week_start, 0);
}
END_TEST

/* Some editors begin a UTF-8 file with a byte order mark. */
START_TEST(test_parse_byte_order_mark)
{
    static const char text[] = "\xef\xbb\xbfweek_start = sunday\r\n";
    struct config c;
    struct ache_err err = {{0}};
    ck_assert_int_eq(parse(text, sizeof text - 1, &c, &err), ACHE_OK);
    ck_assert_int_eq(c.week_start, 6);
}
END_TEST

/* A NUL byte is refused with its line, not taken as the end of the line
 * (which would silently drop "day" and keep "sun"). */
START_TEST(test_parse_nul_byte)
{
    static const char text[] = "# ok\nweek_start = sun\0day\n";
    struct config c;
    struct ache_err err = {{0}};
    ck_assert_int_eq(parse(text, sizeof text - 1, &c, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "cfg:2: a NUL byte (a settings file is text)");
    ck_assert_int_eq(c.week_start, 0);
    ck_assert_int_eq(parse("\0", 1, &c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "cfg:1: a NUL byte (a settings file is text)");
}
END_TEST

/* What the file holds reaches a message with its controls shown. */
START_TEST(test_parse_quotes_safely)
{
    struct config c;
    struct ache_err err = {{0}};
    const char *value = "week_start = \x1b]52;c;aGk=\x07\n";
    ck_assert_int_eq(parse(value, strlen(value), &c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "cfg:1: week_start: '^[]52;c;aGk=^G' is not "
                              "allowed (use monday or sunday)");
    const char *name = "col\xe2\x80\xaeour = blue\n";
    ck_assert_int_eq(parse(name, strlen(name), &c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "cfg:1: unknown setting 'col\xef\xbf\xbdour' "
                              "(known: week_start)");
    const char *word = "\n\nweek\x9b""2J monday\n";
    ck_assert_int_eq(parse(word, strlen(word), &c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "cfg:3: 'week\xef\xbf\xbd""2J monday' is not a "
                              "setting (write name = value)");
}
END_TEST

/* A file of the given size, all comment, at dir/name; returns its path. */
static char *write_file(const char *dir, const char *name, size_t size)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    for (size_t i = 0; i < size; i++)
        fputc(i % 64 == 63 ? '\n' : '#', f);
    fclose(f);
    return path;
}

static void expect_refused(const char *path, const char *why)
{
    struct config c = {.week_start = 6};
    struct ache_err err = {{0}};
    ck_assert_int_eq(config_load(path, &c, &err), ACHE_ERR_INVALID);
    char *want = xasprintf("%s: %s", path, why);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(c.week_start, 0);
    free(want);
}

#define NOT_REGULAR "not a regular file; a settings file is a few lines of text"
#define TOO_LARGE "larger than 64 KiB; a settings file is a few lines"

/* A FIFO would block until a writer came (the test would time out), a
 * link to /dev/zero would be read for ever, a folder is no file. */
START_TEST(test_load_only_regular_files)
{
    char *dir = test_tmpdir();
    char *fifo = xasprintf("%s/fifo", dir), *zero = xasprintf("%s/zero", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(symlink("/dev/zero", zero), 0);
    expect_refused(fifo, NOT_REGULAR);
    expect_refused(zero, NOT_REGULAR);
    expect_refused(dir, NOT_REGULAR);
    free(fifo);
    free(zero);
    test_rmdir(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_size_limit)
{
    char *dir = test_tmpdir();
    char *big = write_file(dir, "big", CONFIG_MAX_BYTES + 1);
    char *edge = write_file(dir, "edge", CONFIG_MAX_BYTES);
    expect_refused(big, TOO_LARGE);
    struct config c;
    struct ache_err err = {{0}};
    ck_assert_int_eq(config_load(edge, &c, &err), ACHE_OK);
    char *missing = xasprintf("%s/missing", dir);
    c.week_start = 6;
    ck_assert_int_eq(config_load(missing, &c, &err), ACHE_OK);
    ck_assert_int_eq(c.week_start, 0);
    free(big);
    free(edge);
    free(missing);
    test_rmdir(dir);
    free(dir);
}
END_TEST

/* A relative HOME is ignored, as a relative XDG path is: the password
 * database's home instead, never a folder under the current one. */
START_TEST(test_relative_home)
{
    struct passwd *pw = getpwuid(getuid());
    ck_assert_ptr_nonnull(pw);
    const char *home = strcmp(pw->pw_dir, "/") ? pw->pw_dir : "";
    char *db = xasprintf("%s/.local/share/ache/diary.db", home);
    char *conf = xasprintf("%s/.config/ache/config", home);
    unsetenv("ACHE_DB");
    setenv("XDG_DATA_HOME", "data", 1);
    setenv("XDG_CONFIG_HOME", "", 1);
    const char *homes[] = {"rel", "./rel", "", NULL};
    for (size_t i = 0; i < sizeof homes / sizeof homes[0]; i++) {
        if (homes[i])
            setenv("HOME", homes[i], 1);
        else
            unsetenv("HOME");
        char *got_db = config_default_db_path(), *got_conf = config_path();
        ck_assert_str_eq(got_db, db);
        ck_assert_str_eq(got_conf, conf);
        free(got_db);
        free(got_conf);
    }
    setenv("HOME", "/home/someone", 1);
    char *got = config_path();
    ck_assert_str_eq(got, "/home/someone/.config/ache/config");
    free(got);
    free(db);
    free(conf);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_parse_good);
    tcase_add_test(tc, test_parse_byte_order_mark);
    tcase_add_test(tc, test_parse_nul_byte);
    tcase_add_test(tc, test_parse_quotes_safely);
    suite_add_tcase(s, tc);
    tc = tcase_create("load");
    tcase_add_test(tc, test_load_only_regular_files);
    tcase_add_test(tc, test_load_size_limit);
    tcase_add_test(tc, test_relative_home);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
