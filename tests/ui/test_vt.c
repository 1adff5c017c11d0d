/* Tests of the pty + libvterm harness itself, with small shell programs
 * standing in for ache: what they print must read back cell by cell, keys
 * must arrive as a terminal would encode them, and processes and file
 * descriptors must not leak. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vt.h"

/* Generous: these programs answer in milliseconds, but CI machines and
 * valgrind are slow; a passing test never waits this long. */
enum { WAIT_MS = 5000 };

/* The terminal of the running test; the teardown frees it even after a
 * failed assertion. */
static struct vt *term;

static void teardown(void)
{
    vt_free(term);
    term = NULL;
}

static struct vt *spawn(char *const argv[], char *const env[], int cols,
                        int rows)
{
    term = vt_spawn(argv, env, cols, rows);
    ck_assert_ptr_nonnull(term);
    return term;
}

static struct vt *spawn_sh(const char *script, int cols, int rows)
{
    char *const argv[] = {"/bin/sh", "-c", (char *)script, NULL};
    return spawn(argv, NULL, cols, rows);
}

/* Runs a script to its end, which must be a success. */
static struct vt *run_sh(const char *script, int cols, int rows)
{
    int status = -1;
    spawn_sh(script, cols, rows);
    ck_assert(vt_wait_exit(term, WAIT_MS, &status));
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    return term;
}

/* Fails with a picture of the screen, which is what one needs to see. */
#define expect_text(t, text)                                               \
    do {                                                                   \
        if (!vt_wait_text((t), (text), WAIT_MS)) {                         \
            vt_dump((t), stderr);                                          \
            ck_abort_msg("\"%s\" did not appear on the screen", (text));   \
        }                                                                  \
    } while (0)

#define expect_row(t, row, text)                                           \
    do {                                                                   \
        char *got_ = vt_row_text((t), (row));                              \
        ck_assert_ptr_nonnull(got_);                                       \
        ck_assert_str_eq(got_, (text));                                    \
        free(got_);                                                        \
    } while (0)

static long long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000LL +
           (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* ---- what is printed reads back ----------------------------------------- */

START_TEST(test_text_position)
{
    run_sh("printf 'hello\\n  world'", 40, 10);
    expect_row(term, 0, "hello");
    expect_row(term, 1, "  world");
    expect_row(term, 2, "");
    int row = -1, col = -1;
    ck_assert(vt_find(term, "world", &row, &col));
    ck_assert_int_eq(row, 1);
    ck_assert_int_eq(col, 2);
    ck_assert(!vt_find(term, "absent", NULL, NULL));
    ck_assert_int_eq(vt_cursor_row(term), 1);
    ck_assert_int_eq(vt_cursor_col(term), 7);
    ck_assert_ptr_null(vt_row_text(term, 10));
    ck_assert_ptr_null(vt_row_text(term, -1));
    ck_assert_int_eq(vt_rows(term), 10);
    ck_assert_int_eq(vt_cols(term), 40);
}
END_TEST

START_TEST(test_cursor_addressing)
{
    run_sh("printf '\\033[2J\\033[5;10HX\\033[1;1HY\\033[3;4H'", 20, 6);
    struct vt_cell_info cell;
    ck_assert(vt_cell(term, 4, 9, &cell));
    ck_assert_uint_eq(cell.cp, 'X');
    ck_assert_int_eq(cell.width, 1);
    ck_assert(vt_cell(term, 0, 0, &cell));
    ck_assert_uint_eq(cell.cp, 'Y');
    ck_assert(vt_cell(term, 0, 1, &cell));
    ck_assert_uint_eq(cell.cp, 0);
    ck_assert(!vt_cell(term, 6, 0, &cell));
    ck_assert(!vt_cell(term, 0, 20, &cell));
    int row, col;
    ck_assert(vt_find(term, "X", &row, &col));
    ck_assert_int_eq(row, 4);
    ck_assert_int_eq(col, 9);
    ck_assert_int_eq(vt_cursor_row(term), 2);
    ck_assert_int_eq(vt_cursor_col(term), 3);
}
END_TEST

START_TEST(test_wide_characters)
{
    run_sh("printf '中文😀x\\ne\\314\\201!'", 20, 5);
    expect_row(term, 0, "中文😀x");
    static const struct {
        int col;
        uint32_t cp;
        int width;
    } want[] = {{0, 0x4E2D, 2}, {1, 0, 0},   {2, 0x6587, 2},
                {3, 0, 0},      {4, 0x1F600, 2}, {5, 0, 0}, {6, 'x', 1}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct vt_cell_info cell;
        ck_assert(vt_cell(term, 0, want[i].col, &cell));
        ck_assert_uint_eq(cell.cp, want[i].cp);
        ck_assert_int_eq(cell.width, want[i].width);
    }
    int row, col;
    ck_assert(vt_find(term, "😀", &row, &col));
    ck_assert_int_eq(col, 4);
    ck_assert(vt_find(term, "x", &row, &col));
    ck_assert_int_eq(col, 6);
    /* A combining accent stays with its letter, in one cell. */
    expect_row(term, 1, "e\xcc\x81!");
    ck_assert(vt_find(term, "!", &row, &col));
    ck_assert_int_eq(row, 1);
    ck_assert_int_eq(col, 1);
    ck_assert(!vt_screen_is_ascii(term));
}
END_TEST

START_TEST(test_screen_text)
{
    run_sh("printf 'a\\n\\n  c  \\n'", 20, 6);
    char *text = vt_screen_text(term);
    ck_assert_str_eq(text, "a\n\n  c\n");
    free(text);
    teardown();
    run_sh("true", 20, 6);
    text = vt_screen_text(term);
    ck_assert_str_eq(text, "");
    free(text);
    ck_assert(vt_screen_is_ascii(term));
}
END_TEST

START_TEST(test_colours)
{
    run_sh("printf '\\033[31mR\\033[0mP\\033[38;5;200mQ\\033[0m"
           "\\033[38;2;10;20;30mT\\033[0m\\033[42mG\\033[0m\\033[91mH'",
           20, 3);
    struct vt_cell_info c;
    ck_assert(vt_cell(term, 0, 0, &c)); /* R: SGR 31 */
    ck_assert(!c.fg_default);
    ck_assert_int_eq(c.fg_index, 1);
    ck_assert(c.bg_default);
    ck_assert_int_eq(c.bg_index, -1);
    ck_assert(vt_cell(term, 0, 1, &c)); /* P: plain */
    ck_assert(c.fg_default && c.bg_default);
    ck_assert_int_eq(c.fg_index, -1);
    ck_assert(!c.bold && !c.reverse && !c.underline);
    ck_assert(vt_cell(term, 0, 2, &c)); /* Q: 256 colours */
    ck_assert_int_eq(c.fg_index, 200);
    ck_assert(vt_cell(term, 0, 3, &c)); /* T: direct colour */
    ck_assert(!c.fg_default);
    ck_assert_int_eq(c.fg_index, -1);
    ck_assert_uint_eq(c.fg_rgb[0], 10);
    ck_assert_uint_eq(c.fg_rgb[1], 20);
    ck_assert_uint_eq(c.fg_rgb[2], 30);
    ck_assert(vt_cell(term, 0, 4, &c)); /* G: background */
    ck_assert(c.fg_default && !c.bg_default);
    ck_assert_int_eq(c.bg_index, 2);
    ck_assert(vt_cell(term, 0, 5, &c)); /* H: bright */
    ck_assert_int_eq(c.fg_index, 9);
    ck_assert(vt_screen_is_ascii(term));
}
END_TEST

START_TEST(test_attributes)
{
    run_sh("printf '\\033[7mV\\033[0m\\033[1mB\\033[0m\\033[4mU\\033[0mN'",
           20, 3);
    struct vt_cell_info c;
    ck_assert(vt_cell(term, 0, 0, &c));
    ck_assert(c.reverse && !c.bold && !c.underline);
    ck_assert(c.fg_default && c.bg_default); /* reverse is not a colour */
    ck_assert(vt_cell(term, 0, 1, &c));
    ck_assert(c.bold && !c.reverse);
    ck_assert(vt_cell(term, 0, 2, &c));
    ck_assert(c.underline && !c.bold);
    ck_assert(vt_cell(term, 0, 3, &c));
    ck_assert(!c.reverse && !c.bold && !c.underline);
}
END_TEST

START_TEST(test_cursor_visibility_and_bell)
{
    spawn_sh("printf 'a\\a\\033[?25l'", 20, 3);
    ck_assert(vt_cursor_visible(term));
    ck_assert_int_eq(vt_bells(term), 0);
    ck_assert(vt_wait_exit(term, WAIT_MS, NULL));
    ck_assert(!vt_cursor_visible(term));
    ck_assert_int_eq(vt_bells(term), 1);
}
END_TEST

START_TEST(test_alternate_screen)
{
    spawn_sh("printf 'main\\033[?1049hALT'; read x; printf '\\033[?1049l'",
             20, 4);
    expect_text(term, "ALT");
    ck_assert(!vt_find(term, "main", NULL, NULL));
    ck_assert(vt_send(term, "\n"));
    ck_assert(vt_wait_exit(term, WAIT_MS, NULL));
    ck_assert(vt_find(term, "main", NULL, NULL));
    ck_assert(!vt_find(term, "ALT", NULL, NULL));
}
END_TEST

/* ---- size --------------------------------------------------------------- */

START_TEST(test_stty_size)
{
    char *const argv[] = {"stty", "size", NULL};
    spawn(argv, NULL, 100, 30);
    expect_text(term, "30 100");
}
END_TEST

START_TEST(test_resize)
{
    spawn_sh("stty size; read x; stty size", 80, 24);
    expect_text(term, "24 80");
    vt_resize(term, 100, 30);
    ck_assert_int_eq(vt_rows(term), 30);
    ck_assert_int_eq(vt_cols(term), 100);
    ck_assert(vt_send(term, "\n"));
    expect_text(term, "30 100");
}
END_TEST

START_TEST(test_resize_signals)
{
    spawn_sh("trap 'stty size' WINCH; echo ready; i=0; "
             "while [ $i -lt 200 ]; do sleep 0.02; i=$((i+1)); done",
             80, 24);
    expect_text(term, "ready");
    vt_resize(term, 90, 20);
    expect_text(term, "20 90");
    vt_resize(term, 40, 10);
    expect_text(term, "10 40");
}
END_TEST

/* ---- keys and mouse ----------------------------------------------------- */

/* The program reads n bytes in raw mode and prints them in hex. */
static void spawn_reader(const char *setup, int n)
{
    char script[256];
    snprintf(script, sizeof script,
             "stty raw -echo; printf '%s'; echo ready; "
             "head -c %d | od -An -tx1",
             setup, n);
    spawn_sh(script, 60, 6);
    expect_text(term, "ready");
}

START_TEST(test_key_normal_cursor_mode)
{
    spawn_reader("", 3);
    ck_assert(vt_key(term, VTERM_KEY_UP, VTERM_MOD_NONE));
    expect_text(term, "1b 5b 41");
}
END_TEST

START_TEST(test_key_application_cursor_mode)
{
    spawn_reader("\\033[?1h", 3); /* what keypad(stdscr, TRUE) asks for */
    ck_assert(vt_key(term, VTERM_KEY_UP, VTERM_MOD_NONE));
    expect_text(term, "1b 4f 41");
}
END_TEST

START_TEST(test_key_enter_backspace_escape)
{
    spawn_reader("", 3);
    ck_assert(vt_key(term, VTERM_KEY_ENTER, VTERM_MOD_NONE));
    ck_assert(vt_key(term, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE));
    ck_assert(vt_key(term, VTERM_KEY_ESCAPE, VTERM_MOD_NONE));
    expect_text(term, "0d 7f 1b");
}
END_TEST

START_TEST(test_unichar)
{
    spawn_reader("", 5);
    ck_assert(vt_unichar(term, 'c', VTERM_MOD_CTRL));
    ck_assert(vt_unichar(term, 0xE9, VTERM_MOD_NONE)); /* é */
    ck_assert(vt_unichar(term, 'x', VTERM_MOD_ALT));
    expect_text(term, "03 c3 a9 1b 78");
}
END_TEST

START_TEST(test_send_raw)
{
    spawn_reader("", 4);
    ck_assert(vt_send(term, "ab"));
    ck_assert(vt_send(term, "\x1b\x03"));
    expect_text(term, "61 62 1b 03");
}
END_TEST

START_TEST(test_mouse_x10)
{
    spawn_reader("\\033[?1000h", 6);
    ck_assert_int_eq(vt_mouse_mode(term), VTERM_PROP_MOUSE_CLICK);
    ck_assert(vt_mouse_click(term, 2, 3, 1));
    /* ESC [ M, then button 0, column 4 and row 3, each plus 32. */
    expect_text(term, "1b 5b 4d 20 24 23");
}
END_TEST

/* What ncurses sends for xterm-256color: both modes in one sequence,
 * which libvterm 0.1.4 alone would only half apply. */
START_TEST(test_mouse_sgr)
{
    spawn_reader("\\033[?1006;1000h", 18);
    ck_assert_int_eq(vt_mouse_mode(term), VTERM_PROP_MOUSE_CLICK);
    ck_assert(vt_mouse_click(term, 2, 3, 1));
    /* ESC [ < 0 ; 4 ; 3 M for the press, m for the release */
    expect_text(term, "1b 5b 3c 30 3b 34 3b 33 4d 1b 5b 3c 30 3b 34 3b");
    expect_text(term, "33 6d");
}
END_TEST

/* The same sequence cut in two by the timing of the writes, then undone. */
START_TEST(test_mode_sequence_split)
{
    spawn_sh("printf '\\033[?10'; sleep 0.05; printf '06;1000hA'; read x; "
             "printf '\\033[?1000;1006lB'; read x",
             20, 3);
    expect_text(term, "A");
    ck_assert_int_eq(vt_mouse_mode(term), VTERM_PROP_MOUSE_CLICK);
    ck_assert(vt_send(term, "\n"));
    expect_text(term, "B");
    ck_assert_int_eq(vt_mouse_mode(term), VTERM_PROP_MOUSE_NONE);
}
END_TEST

START_TEST(test_mouse_off)
{
    spawn_reader("", 1);
    ck_assert_int_eq(vt_mouse_mode(term), VTERM_PROP_MOUSE_NONE);
    ck_assert(vt_mouse_click(term, 2, 3, 1)); /* nothing to send */
    ck_assert(vt_send(term, "z"));
    expect_text(term, "7a");
}
END_TEST

START_TEST(test_ctrl_c_interrupts)
{
    int status = 0;
    spawn_sh("echo ready; exec cat", 40, 5);
    expect_text(term, "ready");
    ck_assert(vt_send(term, "\x03"));
    ck_assert(vt_wait_exit(term, WAIT_MS, &status));
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGINT);
}
END_TEST

/* More than the pty's input queue holds, while the program first fills
 * its output: sending must keep reading or both sides would block. */
START_TEST(test_send_while_program_writes)
{
    /* The numbers overwrite one row, so "ready" stays in sight. */
    spawn_sh("stty raw -echo; echo ready; seq 20001 60000 | tr '\\n' '\\r';"
             "head -c 10000 | wc -c",
             40, 5);
    expect_text(term, "ready");
    char *keys = malloc(10001);
    ck_assert_ptr_nonnull(keys);
    memset(keys, 'a', 10000);
    keys[10000] = '\0';
    ck_assert(vt_send(term, keys));
    free(keys);
    expect_text(term, "10000");
    ck_assert(vt_wait_exit(term, WAIT_MS, NULL));
}
END_TEST

/* ---- processes ---------------------------------------------------------- */

START_TEST(test_exit_status)
{
    int status = -1;
    spawn_sh("echo bye; exit 3", 40, 5);
    ck_assert(vt_wait_exit(term, WAIT_MS, &status));
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 3);
    ck_assert(vt_find(term, "bye", NULL, NULL));
    ck_assert(vt_closed(term));
    /* Asking again gives the same answer; signals are refused. */
    status = -1;
    ck_assert(vt_wait_exit(term, 0, &status));
    ck_assert_int_eq(WEXITSTATUS(status), 3);
    errno = 0;
    ck_assert_int_eq(vt_kill(term, SIGTERM), -1);
    ck_assert_int_eq(errno, ESRCH);
    /* Nothing more can come: waits end at once. */
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    ck_assert(!vt_pump(term, 1000));
    ck_assert(!vt_wait_text(term, "never", 1000));
    ck_assert(vt_wait_idle(term, 1000, 2000));
    ck_assert_int_lt(elapsed_ms(&start), 500);
}
END_TEST

START_TEST(test_kill)
{
    int status = 0;
    char *const argv[] = {"sleep", "10", NULL};
    spawn(argv, NULL, 40, 5);
    ck_assert(!vt_wait_exit(term, 50, &status));
    ck_assert_int_eq(vt_kill(term, SIGKILL), 0);
    ck_assert(vt_wait_exit(term, WAIT_MS, &status));
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGKILL);
}
END_TEST

START_TEST(test_exec_failure)
{
    int status = 0;
    char *const argv[] = {"/nonexistent/vt-test-program", NULL};
    spawn(argv, NULL, 60, 5);
    ck_assert(vt_wait_exit(term, WAIT_MS, &status));
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 127);
    ck_assert(vt_find(term, "cannot execute", NULL, NULL));
}
END_TEST

START_TEST(test_environment)
{
    char *const env[] = {"FOO=bar", NULL};
    char *const argv[] = {
        "/bin/sh", "-c",
        "echo \"[$FOO] [$TERM] [${LINES-none}] [${COLUMNS-none}]\"", NULL};
    /* Curses would believe these over the pty; the harness drops them. */
    setenv("LINES", "99", 1);
    setenv("COLUMNS", "99", 1);
    spawn(argv, env, 60, 5);
    unsetenv("LINES");
    unsetenv("COLUMNS");
    expect_text(term, "[bar] [xterm-256color] [none] [none]");
}
END_TEST

START_TEST(test_environment_overrides)
{
    char *const unset[] = {"TERM", "VT_TEST_X", NULL};
    char *const dumb[] = {"TERM=dumb", NULL};
    char *const argv[] = {"/bin/sh", "-c",
                          "echo \"[${TERM-unset}] [${VT_TEST_X-gone}]\"",
                          NULL};
    setenv("VT_TEST_X", "here", 1);
    spawn(argv, unset, 60, 5);
    expect_text(term, "[unset] [gone]");
    teardown();
    spawn(argv, dumb, 60, 5);
    unsetenv("VT_TEST_X");
    expect_text(term, "[dumb] [here]");
}
END_TEST

/* ---- waiting ------------------------------------------------------------ */

START_TEST(test_wait_timeouts)
{
    char *const argv[] = {"sleep", "5", NULL};
    spawn(argv, NULL, 40, 5);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    ck_assert(!vt_wait_text(term, "never", 100));
    long long ms = elapsed_ms(&start);
    ck_assert_int_ge(ms, 95);
    ck_assert_int_lt(ms, 1000);
    ck_assert(vt_wait_idle(term, 50, 1000));
    ck_assert(vt_wait_no_text(term, "never", 0));
    ck_assert(!vt_pump(term, 20));
    ck_assert(!vt_closed(term));
}
END_TEST

START_TEST(test_wait_idle_busy)
{
    char *const argv[] = {"yes", NULL};
    spawn(argv, NULL, 40, 5);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    ck_assert(!vt_wait_idle(term, 200, 300));
    ck_assert_int_lt(elapsed_ms(&start), 2000);
    ck_assert_uint_gt(vt_bytes_received(term), 0);
}
END_TEST

START_TEST(test_wait_no_text)
{
    spawn_sh("printf 'busy'; read x; printf '\\033[H\\033[2Jdone'", 40, 5);
    expect_text(term, "busy");
    ck_assert(!vt_wait_no_text(term, "busy", 50));
    ck_assert(vt_send(term, "\n"));
    ck_assert(vt_wait_no_text(term, "busy", WAIT_MS));
    expect_text(term, "done");
}
END_TEST

START_TEST(test_bytes_received)
{
    run_sh("printf abcdef", 40, 5);
    ck_assert_uint_eq(vt_bytes_received(term), 6);
}
END_TEST

/* Every byte arrives, however much there is, and the screen scrolls.  (A
 * small screen: libvterm memmoves the whole screen for every scrolled
 * line, which AddressSanitizer's memmove makes slow.) */
START_TEST(test_large_output)
{
    run_sh("seq 1 20000", 20, 5);
    /* digits of 1..20000 plus "\r\n" per line (the tty adds the \r) */
    size_t want = 9 * 1 + 90 * 2 + 900 * 3 + 9000 * 4 + 10001 * 5 + 2 * 20000;
    ck_assert_uint_eq(vt_bytes_received(term), want);
    expect_row(term, 3, "20000");
    expect_row(term, 0, "19997");
    ck_assert_int_eq(vt_cursor_row(term), 4);
}
END_TEST

/* ---- cleaning up -------------------------------------------------------- */

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    ck_assert_ptr_nonnull(d);
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

START_TEST(test_no_fd_leak)
{
    int before = count_fds();
    for (int i = 0; i < 3; i++) {
        run_sh("echo hi", 20, 3);
        teardown();
        char *const argv[] = {"sleep", "10", NULL};
        spawn(argv, NULL, 20, 3);
        teardown();
    }
    ck_assert_int_eq(count_fds(), before);
    vt_free(NULL);
}
END_TEST

/* Gone, or a zombie waiting for init: either way it runs no more. */
static bool process_dead(pid_t pid)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return true;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')');
    return paren && (paren[2] == 'Z' || paren[2] == 'X');
}

START_TEST(test_free_kills_the_group)
{
    spawn_sh("sleep 30 & echo \"pid=$!.\"; wait", 40, 5);
    expect_text(term, ".");
    char *line = vt_row_text(term, 0);
    long pid = 0;
    ck_assert_int_eq(sscanf(line, "pid=%ld.", &pid), 1);
    free(line);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    teardown();
    ck_assert_int_lt(elapsed_ms(&start), 1000);
    /* Our child was reaped: this process has no children left. */
    errno = 0;
    ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
    ck_assert_int_eq(errno, ECHILD);
    /* The background sleep went with it. */
    while (!process_dead((pid_t)pid) && elapsed_ms(&start) < WAIT_MS)
        usleep(5000);
    ck_assert(process_dead((pid_t)pid));
}
END_TEST

static Suite *vt_suite(void)
{
    Suite *s = suite_create("vt");
    TCase *screen = tcase_create("screen");
    TCase *input = tcase_create("input");
    TCase *process = tcase_create("process");
    TCase *all[] = {screen, input, process};
    for (size_t i = 0; i < 3; i++) {
        tcase_add_checked_fixture(all[i], NULL, teardown);
        tcase_set_timeout(all[i], 30);
        suite_add_tcase(s, all[i]);
    }
    tcase_add_test(screen, test_text_position);
    tcase_add_test(screen, test_cursor_addressing);
    tcase_add_test(screen, test_wide_characters);
    tcase_add_test(screen, test_screen_text);
    tcase_add_test(screen, test_colours);
    tcase_add_test(screen, test_attributes);
    tcase_add_test(screen, test_cursor_visibility_and_bell);
    tcase_add_test(screen, test_alternate_screen);
    tcase_add_test(screen, test_stty_size);
    tcase_add_test(screen, test_resize);
    tcase_add_test(screen, test_resize_signals);
    tcase_add_test(input, test_key_normal_cursor_mode);
    tcase_add_test(input, test_key_application_cursor_mode);
    tcase_add_test(input, test_key_enter_backspace_escape);
    tcase_add_test(input, test_unichar);
    tcase_add_test(input, test_send_raw);
    tcase_add_test(input, test_mouse_x10);
    tcase_add_test(input, test_mouse_sgr);
    tcase_add_test(input, test_mouse_off);
    tcase_add_test(input, test_mode_sequence_split);
    tcase_add_test(input, test_ctrl_c_interrupts);
    tcase_add_test(input, test_send_while_program_writes);
    tcase_add_test(process, test_exit_status);
    tcase_add_test(process, test_kill);
    tcase_add_test(process, test_exec_failure);
    tcase_add_test(process, test_environment);
    tcase_add_test(process, test_environment_overrides);
    tcase_add_test(process, test_wait_timeouts);
    tcase_add_test(process, test_wait_idle_busy);
    tcase_add_test(process, test_wait_no_text);
    tcase_add_test(process, test_bytes_received);
    tcase_add_test(process, test_large_output);
    tcase_add_test(process, test_no_fd_leak);
    tcase_add_test(process, test_free_kills_the_group);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(vt_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
