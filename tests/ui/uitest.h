/* Shared helpers of the screen tests: a private diary per test, the real
 * ache binary started in a pseudo-terminal, waiting for text, and reading
 * back what was stored with `ache export`. */
#ifndef ACHE_UITEST_H
#define ACHE_UITEST_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check_main.h"
#include "vt.h"

#define WAIT_MS 5000

static char dir[64] __attribute__((unused));
static char db[128];
static char db_env[160];
static char home_env[160];

static inline void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/ache-ui-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/diary.db", dir);
    snprintf(db_env, sizeof db_env, "ACHE_DB=%s", db);
    snprintf(home_env, sizeof home_env, "HOME=%s", dir);
}

static inline void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static inline const char *ache_bin(void)
{
    const char *bin = getenv("ACHE_BIN");
    return bin ? bin : "./ache";
}

/* The moment every screen test starts at, unless it says otherwise
 * (local time, in TZ=UTC; ache's clock runs on from there). */
#define UITEST_NOW "2026-11-24T09:00"

/* Starts the diary with its clock at `now` (YYYY-MM-DDTHH:MM), a locale,
 * a terminal type and colour choice. */
static inline struct vt *start_at_with(const char *now, const char *lc_all,
                                       const char *term, bool no_color,
                                       int cols, int rows)
{
    char lc[64], term_env[64], now_env[64];
    snprintf(lc, sizeof lc, "LC_ALL=%s", lc_all);
    snprintf(term_env, sizeof term_env, "TERM=%s", term);
    snprintf(now_env, sizeof now_env, "ACHE_NOW=%s", now);
    char *env[] = {db_env,   home_env,           now_env,
                   "TZ=UTC", lc,                 term_env,
                   no_color ? "NO_COLOR=1" : "NO_COLOR", "XDG_DATA_HOME",
                   NULL};
    char *argv[] = {(char *)ache_bin(), NULL};
    struct vt *t = vt_spawn(argv, env, cols, rows);
    ck_assert_ptr_nonnull(t);
    return t;
}

/* Starts the diary with a locale, a terminal type and colour choice. */
static inline struct vt *start_with(const char *lc_all, const char *term,
                             bool no_color, int cols, int rows)
{
    return start_at_with(UITEST_NOW, lc_all, term, no_color, cols, rows);
}

/* Waits for the check-in screen of a diary just started. */
static inline struct vt *wait_checkin_screen(struct vt *t)
{
    if (!vt_wait_text(t, "Sleep quality", WAIT_MS)) {
        vt_dump(t, stderr);
        ck_abort_msg("the check-in screen did not appear");
    }
    vt_wait_idle(t, 50, WAIT_MS);
    return t;
}

/* The check-in screen at 80x24 in UTF-8, its clock starting at `now`
 * ("2026-11-24T21:00": the evening of the tests' day). */
static inline struct vt *start_at(const char *now)
{
    return wait_checkin_screen(
        start_at_with(now, "C.UTF-8", "xterm-256color", false, 80, 24));
}

static inline struct vt *start(void)
{
    return start_at(UITEST_NOW);
}

/* Runs `ache ARGS` on the test diary as another program would while the
 * screen is open (the second writer), its clock at `now`; ARGS is a
 * printf format, inserted into a shell command line as it is. Its output
 * (stdout and stderr) goes to out when out is not NULL. Returns the exit
 * status (-1 when it did not exit). */
static inline int ache_at(const char *now, char *out, size_t out_size,
                          const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline int ache_at(const char *now, char *out, size_t out_size,
                          const char *fmt, ...)
{
    char args[1024], cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd,
             "ACHE_DB='%s' HOME='%s' XDG_CONFIG_HOME='%s/.config' "
             "ACHE_NOW='%s' TZ=UTC '%s' %s 2>&1",
             db, dir, dir, now, ache_bin(), args);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char sink[4096];
    char *buf = out ? out : sink;
    size_t size = out ? out_size : sizeof sink, n = 0, got;
    while (size > 0 &&
           (got = fread(buf + n, 1, size - 1 - n, p)) > 0)
        n += got;
    while (fread(sink, 1, sizeof sink, p) > 0) /* the rest, unread */
        ;
    if (size > 0)
        buf[n] = '\0';
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Runs `ache ARGS` (a printf format) at `now` and expects it to succeed. */
#define ACHE_OK(now, ...)                                                   \
    do {                                                                    \
        char out_[4096];                                                    \
        int rc_ = ache_at(now, out_, sizeof out_, __VA_ARGS__);             \
        ck_assert_msg(rc_ == 0, "ache exited %d: %s", rc_, out_);           \
    } while (0)

/* `ache add ARGS` at `now`; the new check-in's id into id. */
static inline void add_at(const char *now, char id[33], const char *args)
{
    char out[256];
    int rc = ache_at(now, out, sizeof out, "add %s", args);
    ck_assert_msg(rc == 0, "ache add exited %d: %s", rc, out);
    ck_assert_uint_ge(strlen(out), 32);
    memcpy(id, out, 32);
    id[32] = '\0';
}

/* Waits for the diary to exit by itself and returns its exit status. */
static inline int exit_status(struct vt *t, int timeout_ms)
{
    int status = -1;
    if (!vt_wait_exit(t, timeout_ms, &status)) {
        vt_dump(t, stderr);
        ck_abort_msg("ache did not exit");
    }
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* Waits for the text, then for the rest of that redraw: a screen update
 * may arrive in several reads. */
static inline void expect_text(struct vt *t, const char *text)
{
    if (!vt_wait_text(t, text, WAIT_MS)) {
        vt_dump(t, stderr);
        ck_abort_msg("not on screen: %s", text);
    }
    vt_wait_idle(t, 50, WAIT_MS);
}

static inline void quit(struct vt *t)
{
    int status = -1;
    vt_send(t, "q");
    ck_assert(vt_wait_exit(t, WAIT_MS, &status));
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    vt_free(t);
}

/* `ache export` of the test diary, without its header; caller frees. */
static inline char *export_rows(const char *columns_cut)
{
    char cmd[512], buf[4096];
    snprintf(cmd, sizeof cmd,
             "ACHE_DB='%s' ACHE_NOW=" UITEST_NOW " '%s' export | tail -n +2 "
             "| cut -d, -f%s",
             db, ache_bin(), columns_cut);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = '\0';
    pclose(p);
    return strdup(buf);
}

static inline void expect_export(const char *cut, const char *want)
{
    char *got = export_rows(cut);
    ck_assert_str_eq(got, want);
    free(got);
}


/* The text of the row where a label first appears; caller frees. */
static inline char *row_of(struct vt *t, const char *label)
{
    int row, col;
    if (!vt_find(t, label, &row, &col)) {
        vt_dump(t, stderr);
        ck_abort_msg("not on screen: %s", label);
    }
    return vt_row_text(t, row);
}

/* Waits until the row of `label` holds (or no longer holds) `text`. */
static inline void expect_in_row(struct vt *t, const char *label,
                                 const char *text, bool there)
{
    for (int waited = 0; waited < WAIT_MS; waited += 20) {
        char *row = row_of(t, label);
        bool found = strstr(row, text) != NULL;
        free(row);
        if (found == there)
            return;
        vt_pump(t, 20);
    }
    vt_dump(t, stderr);
    ck_abort_msg("%s row %s %s", label, there ? "lacks" : "still has", text);
}

/* main() of a screen-test program: runs the suite, fails if a test did. */
#define UITEST_MAIN(suite_fn) ACHE_CHECK_MAIN(suite_fn)

#endif
