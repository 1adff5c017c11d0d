/* sync_secret: the passphrase, from a file or typed on the terminal. It
 * never comes from the environment (which other processes of the same
 * person can read, and which children inherit), and every copy of it is
 * wiped before its memory is given back. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "sync_impl.h"

void sync_passphrase_free(char *p, size_t len)
{
    if (!p)
        return;
    sodium_memzero(p, len + 1);
    free(p);
}

/* Reads the first line of fd (at most SYNC_PASSPHRASE_MAX bytes before
 * its end) into buf, without its line end: its length, or -1 with errno,
 * or -2 when the line is longer. A byte at a time, so that nothing after
 * the line is read (a terminal keeps it). */
static ssize_t read_line(int fd, char *buf)
{
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0 || c == '\n')
            break;
        if (n == SYNC_PASSPHRASE_MAX)
            return -2;
        buf[n++] = c;
    }
    if (n && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return (ssize_t)n;
}

/* The line read_line gave, as the passphrase. `file` names it in the
 * messages (NULL: the terminal). */
static enum ache_status line_taken(const char *file, ssize_t n, char *buf,
                                   char **out, size_t *len,
                                   struct ache_err *err)
{
    const char *sep = file ? ": " : "";
    file = file ? file : "";
    if (n == -1)
        return sync_io_fail(*file ? file : "/dev/tty", errno, err);
    if (n == -2)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s%sthe passphrase is longer than %u bytes", file,
                         sep, SYNC_PASSPHRASE_MAX);
    if (n == 0)
        return ache_fail(err, ACHE_ERR_INVALID, "%s%sthe passphrase is empty",
                         file, sep);
    *out = xmalloc((size_t)n + 1);
    memcpy(*out, buf, (size_t)n + 1);
    *len = (size_t)n;
    return ACHE_OK;
}

enum ache_status sync_passphrase_from_file(const char *path, char **out,
                                           size_t *len, struct ache_err *err)
{
    *out = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        enum ache_status st = sync_io_fail(path, errno, err);
        if (fd >= 0)
            close(fd);
        return st;
    }
    if (sb.st_mode & (S_IRGRP | S_IROTH)) {
        close(fd);
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: readable by others: chmod 600 %s", path, path);
    }
    char buf[SYNC_PASSPHRASE_MAX + 1];
    ssize_t n = read_line(fd, buf);
    int e = errno;
    close(fd);
    errno = e;
    enum ache_status st = line_taken(path, n, buf, out, len, err);
    sodium_memzero(buf, sizeof buf);
    return st;
}

/* ---- the terminal -------------------------------------------------------- */

/* The terminal whose echo is off, so that a signal that ends the process
 * (Ctrl-C at the prompt) turns it back on first. */
static struct {
    volatile sig_atomic_t fd;
    struct termios before;
} quiet = {.fd = -1};

static const int ENDING_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define N_ENDING (sizeof ENDING_SIGNALS / sizeof ENDING_SIGNALS[0])

static void on_ending_signal(int sig)
{
    if (quiet.fd >= 0)
        tcsetattr(quiet.fd, TCSAFLUSH, &quiet.before);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Turns echo off on tty (on=false) or back as it was (on=true). */
static bool tty_echo(int tty, bool on, struct sigaction saved[N_ENDING])
{
    if (on) {
        tcsetattr(tty, TCSAFLUSH, &quiet.before);
        quiet.fd = -1;
        for (size_t i = 0; i < N_ENDING; i++)
            sigaction(ENDING_SIGNALS[i], &saved[i], NULL);
        return true;
    }
    if (tcgetattr(tty, &quiet.before) != 0)
        return false;
    struct termios t = quiet.before;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    t.c_lflag |= ICANON;
    struct sigaction sa = {.sa_handler = on_ending_signal};
    sigemptyset(&sa.sa_mask);
    quiet.fd = tty;
    for (size_t i = 0; i < N_ENDING; i++)
        sigaction(ENDING_SIGNALS[i], &sa, &saved[i]);
    if (tcsetattr(tty, TCSAFLUSH, &t) != 0) {
        tty_echo(tty, true, saved);
        return false;
    }
    return true;
}

/* Asks once: the line typed (without echo) into buf. */
static ssize_t ask_once(int tty, const char *prompt, char *buf)
{
    struct sigaction saved[N_ENDING];
    /* Echo off before the prompt: what is typed once it shows is kept
     * (turning echo off flushes what was typed before). */
    if (!tty_echo(tty, false, saved))
        return -1;
    if (fd_write_all(tty, prompt, strlen(prompt)) != 0) {
        tty_echo(tty, true, saved);
        return -1;
    }
    ssize_t n = read_line(tty, buf);
    int e = errno;
    tty_echo(tty, true, saved);
    (void)fd_write_all(tty, "\n", 1); /* the Enter the echo did not show */
    errno = e;
    return n;
}

static enum ache_status ask_on(int tty, bool confirm, char **out, size_t *len,
                               struct ache_err *err)
{
    char first[SYNC_PASSPHRASE_MAX + 1], again[SYNC_PASSPHRASE_MAX + 1];
    ssize_t n = ask_once(tty, "Passphrase of the sync folder: ", first);
    enum ache_status st = ACHE_OK;
    if (n > 0 && confirm) {
        ssize_t m = ask_once(tty, "The same passphrase again: ", again);
        if (m >= 0 && (m != n || sodium_memcmp(first, again, (size_t)n) != 0))
            st = ache_fail(err, ACHE_ERR_INVALID, "the passphrases differ");
        else if (m < 0)
            n = m;
    }
    if (st == ACHE_OK)
        st = line_taken(NULL, n, first, out, len, err);
    sodium_memzero(first, sizeof first);
    sodium_memzero(again, sizeof again);
    return st;
}

enum ache_status sync_passphrase_ask(bool confirm, char **out, size_t *len,
                                     struct ache_err *err)
{
    *out = NULL;
    *len = 0;
    int tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (tty < 0)
        return ache_fail(err, ACHE_ERR_IO,
                         "no terminal to ask the passphrase on: give "
                         "--passphrase-file FILE");
    enum ache_status st = ask_on(tty, confirm, out, len, err);
    close(tty);
    return st;
}
