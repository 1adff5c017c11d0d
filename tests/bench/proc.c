/* Running commands and taking their time and peak memory. */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v in place. */
double bench_median(double *v, int n)
{
    if (n <= 0)
        return 0;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void redirect(int fd, const char *path, int flags)
{
    int f = open(path, flags, 0600);
    if (f < 0 || dup2(f, fd) < 0)
        _exit(126);
    close(f);
}

/* limit_s: seconds before SIGALRM ends the command (an alarm survives
 * exec, and ache leaves SIGALRM alone); 0 for none. */
static void child_exec(char *const argv[], const char *out_path,
                       unsigned limit_s)
{
    alarm(limit_s);
    redirect(STDIN_FILENO, "/dev/null", O_RDONLY);
    redirect(STDOUT_FILENO, out_path ? out_path : "/dev/null",
             O_WRONLY | O_CREAT | O_TRUNC);
    execvp(argv[0], argv);
    _exit(127);
}

static void print_failure(char *const argv[], int status)
{
    fputs("bench: failed:", stderr);
    for (int i = 0; argv[i]; i++)
        fprintf(stderr, " %s", argv[i]);
    if (WIFEXITED(status))
        fprintf(stderr, " (exit status %d)\n", WEXITSTATUS(status));
    else
        fprintf(stderr, " (status %#x)\n", (unsigned)status);
}

/* fork() rather than posix_spawn(): a vfork-style spawn makes the kernel
 * count this program's own resident pages in the child's ru_maxrss when it
 * execs, while a plain fork copies only the few anonymous pages we hold
 * (see the "a process doing nothing" row).  False when it could not start;
 * else *status is the wait status. */
static bool run_child(char *const argv[], const char *out_path,
                      unsigned limit_s, struct run *r, int *status)
{
    double t0 = bench_now_ms();
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0)
        child_exec(argv, out_path, limit_s);
    struct rusage ru;
    while (wait4(pid, status, 0, &ru) < 0)
        if (errno != EINTR)
            return false;
    r->ms = bench_now_ms() - t0;
    r->kib = ru.ru_maxrss;
    return true;
}

bool proc_run(char *const argv[], const char *out_path, struct run *r)
{
    bool stopped;
    return proc_run_limited(argv, out_path, 0, r, &stopped);
}

bool proc_run_limited(char *const argv[], const char *out_path,
                      unsigned limit_s, struct run *r, bool *stopped)
{
    int status = 0;
    *stopped = false;
    if (!run_child(argv, out_path, limit_s, r, &status))
        return false;
    if (limit_s && WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
        *stopped = true;
        return false;
    }
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok)
        print_failure(argv, status);
    return ok;
}

/* Adds one timed run to m (whose ms collects into v). */
static void take(char *const argv[], struct measure *m, double *v)
{
    struct run r;
    if (!proc_run(argv, NULL, &r))
        m->ok = false;
    v[m->runs++] = r.ms;
    if (r.kib > m->kib)
        m->kib = r.kib;
}

enum { MAX_RUNS = 64 };

static int clamp_runs(int runs)
{
    return runs < 1 ? 1 : runs > MAX_RUNS ? MAX_RUNS : runs;
}

struct measure measure_cmd(char *const argv[], int runs)
{
    return measure_slow(argv, runs, HUGE_VAL, 0);
}

struct measure measure_slow(char *const argv[], int runs, double slow_ms,
                            unsigned limit_s)
{
    struct measure m = {.ok = true};
    struct run r = {0, 0};
    double v[MAX_RUNS];
    /* the warm-up fills the page cache; its time is dropped */
    m.ok = proc_run_limited(argv, NULL, limit_s, &r, &m.stopped);
    m.kib = r.kib;
    if (m.stopped || r.ms > slow_ms) {
        m.ms = r.ms;
        m.runs = 1;
        return m;
    }
    runs = clamp_runs(runs);
    for (int i = 0; i < runs; i++)
        take(argv, &m, v);
    m.ms = bench_median(v, m.runs);
    return m;
}

void measure_pair(char *const a[], char *const b[], int runs,
                  struct measure *ma, struct measure *mb)
{
    double va[MAX_RUNS], vb[MAX_RUNS];
    *ma = (struct measure){.ok = true};
    *mb = (struct measure){.ok = true};
    take(a, ma, va);
    take(b, mb, vb);
    ma->runs = mb->runs = 0;
    runs = clamp_runs(runs);
    for (int i = 0; i < runs; i++) {
        take(a, ma, va);
        take(b, mb, vb);
    }
    ma->ms = bench_median(va, ma->runs);
    mb->ms = bench_median(vb, mb->runs);
}

bool bench_sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof cmd)
        return false;
    int st = system(cmd);
    if (st != 0)
        fprintf(stderr, "bench: failed (%d): %s\n", st, cmd);
    return st == 0;
}
