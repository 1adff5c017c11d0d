/* The full-screen diary on a damaged diary: it looks for damage at start
 * (once a day), says what happened and what to do instead of opening the
 * check-in screen, takes no typing into the diary, and exits 1 with the
 * same words once the terminal is given back. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "uitest.h"

#define NEXT_DAY "2026-11-25T09:00"

/* A diary of a check-in, whose page of check-ins is then damaged (an
 * impossible page type where it starts). */
static void damaged_diary(void)
{
    char out[256];
    int rc = ache_at(UITEST_NOW, out, sizeof out, "add --pain 6 --note hello");
    ck_assert_msg(rc == 0, "ache add: %s", out);
    sqlite3 *d = NULL;
    ck_assert_int_eq(sqlite3_open(db, &d), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(d,
                                        "SELECT rootpage, (SELECT page_size"
                                        " FROM pragma_page_size) FROM"
                                        " sqlite_schema WHERE name ="
                                        " 'checkin'",
                                        -1, &s, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    long page = sqlite3_column_int(s, 0), size = sqlite3_column_int(s, 1);
    sqlite3_finalize(s);
    sqlite3_close(d);
    int fd = open(db, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pwrite(fd, "\x07", 1, (off_t)((page - 1) * size)), 1);
    close(fd);
}

static char *file_bytes(size_t *len)
{
    FILE *f = fopen(db, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

START_TEST(test_damaged_diary_takes_no_typing)
{
    damaged_diary();
    size_t before_len, after_len;
    char *before = file_bytes(&before_len);
    /* found sound this morning by ache add: looked at again tomorrow */
    struct vt *t = start_at_with(NEXT_DAY, "C.UTF-8", "xterm-256color", false,
                                 80, 24);
    expect_text(t, "This diary is damaged");
    expect_text(t, "ache recover NEW.db");
    char *line = vt_row_text(t, 22);
    char *want = NULL;
    ck_assert_int_gt(asprintf(&want, "%s is damaged (part of the check-ins "
                                     "cannot be read): nothing can be "
                                     "written to it",
                              db),
                     0);
    ck_assert_msg(strncmp(line + 1, want, strlen(line + 1)) == 0 &&
                      strlen(line) > 40,
                  "message line: '%s'", line);
    free(want);
    free(line);
    /* the keys of the check-in screen do nothing here */
    vt_send(t, "5");
    vt_send(t, "n");
    vt_send(t, "hello");
    vt_send(t, "c");
    vt_wait_idle(t, 100, WAIT_MS);
    ck_assert(vt_find(t, "This diary is damaged", NULL, NULL));
    vt_send(t, "q");
    int status = -1;
    ck_assert(vt_wait_exit(t, WAIT_MS, &status));
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 1);
    vt_free(t);
    char *after = file_bytes(&after_len);
    ck_assert_uint_eq(before_len, after_len);
    ck_assert(memcmp(before, after, before_len) == 0);
    free(before);
    free(after);
}
END_TEST

/* What it says once the terminal is given back (a shell around it keeps
 * its standard error and exit status). */
START_TEST(test_damaged_diary_says_so_on_leaving)
{
    damaged_diary();
    char script[512], now_env[64], err_path[160];
    snprintf(err_path, sizeof err_path, "%s/err.txt", dir);
    snprintf(script, sizeof script, "'%s' 2>'%s'; echo $? >>'%s'", ache_bin(),
             err_path, err_path);
    snprintf(now_env, sizeof now_env, "ACHE_NOW=%s", NEXT_DAY);
    char *env[] = {db_env, home_env, now_env, "TZ=UTC", "LC_ALL=C.UTF-8",
                   "TERM=xterm-256color", "XDG_DATA_HOME", NULL};
    char *argv[] = {"/bin/sh", "-c", script, NULL};
    struct vt *t = vt_spawn(argv, env, 80, 24);
    ck_assert_ptr_nonnull(t);
    expect_text(t, "This diary is damaged");
    vt_send(t, "q");
    int status = -1;
    ck_assert(vt_wait_exit(t, WAIT_MS, &status));
    vt_free(t);
    FILE *f = fopen(err_path, "r");
    ck_assert_ptr_nonnull(f);
    char out[1024];
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    fclose(f);
    char *want = NULL;
    ck_assert_int_gt(asprintf(&want,
                              "ache: %s is damaged (part of the check-ins "
                              "cannot be read): nothing was written. `ache "
                              "recover NEW.db` saves what can still be read; "
                              "then use NEW.db (or restore a backup)\n1\n",
                              db),
                     0);
    ck_assert_str_eq(out, want);
    free(want);
}
END_TEST

/* A sound diary opens on the check-in screen as ever. */
START_TEST(test_sound_diary_opens_as_ever)
{
    char out[256];
    ck_assert_int_eq(ache_at(UITEST_NOW, out, sizeof out, "add --pain 6"), 0);
    struct vt *t = start_at(NEXT_DAY);
    ck_assert(!vt_find(t, "damaged", NULL, NULL));
    quit(t);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("damaged_screen");
    TCase *tc = tcase_create("damaged");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_damaged_diary_takes_no_typing);
    tcase_add_test(tc, test_damaged_diary_says_so_on_leaving);
    tcase_add_test(tc, test_sound_diary_opens_as_ever);
    suite_add_tcase(s, tc);
    return s;
}

UITEST_MAIN(make_suite)
