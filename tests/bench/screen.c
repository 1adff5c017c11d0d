/* The full-screen diary in a pseudo-terminal (tests/ui/vt.h): the first
 * screen, key presses on the check-in screen and in the calendar, and the
 * bytes each writes.  The same measures on ptyecho, a program that does no
 * work but writes as many bytes, give the harness's own share (pty, libvterm,
 * this loop), which is subtracted and printed as such. */
#include "bench.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vt.h"

/* A redraw is over when nothing more came for this long; the time taken is
 * that of its last byte, so the wait itself is not counted. */
enum { QUIET_MS = 30, WAIT_MS = 5000 };
/* The calendar's ratios compare figures near a millisecond: more runs. */
enum { SCREEN_RUNS = 11, KEY_RUNS = 40, CALENDAR_RUNS = 80, MAX_KEYS = 80 };
enum { MAX_TERMS = 2 };

/* The end of the check-in screen's status line: the paint is whole. */
#define FIRST_SCREEN_TEXT " quit"

struct took {
    double ms;
    size_t bytes;
};

/* Medians of a series of key presses on one terminal. */
struct keyfig {
    double ms, bytes;
    bool ok;
};

/* Reads output until `text` (unless NULL) is on the screen and nothing
 * more came for QUIET_MS; the time is that of the last byte after t0. */
static bool settle(struct vt *t, const char *text, double t0, size_t b0,
                   struct took *out)
{
    double deadline = t0 + WAIT_MS, last = -1;
    for (;;) {
        double now = bench_now_ms();
        bool seen = !text || vt_find(t, text, NULL, NULL);
        if (seen && last >= 0 && now - last >= QUIET_MS)
            break;
        if (now >= deadline || vt_closed(t))
            return false;
        double until = seen && last >= 0 ? last + QUIET_MS : deadline;
        if (vt_pump(t, (int)(until - now) + 1))
            last = bench_now_ms();
    }
    out->ms = last - t0;
    out->bytes = vt_bytes_received(t) - b0;
    return true;
}

static void finish(struct vt *t)
{
    if (!t)
        return;
    vt_send(t, "q");
    vt_wait_exit(t, WAIT_MS, NULL);
    vt_free(t);
}

/* Starts a program and waits for its first screen (all of its output when
 * text is NULL). */
static struct vt *open_term(char *const argv[], const char *text,
                            struct took *first)
{
    char *env[] = {"NO_COLOR", NULL};
    double t0 = bench_now_ms();
    struct vt *t = vt_spawn(argv, env, 80, 24);
    if (t && settle(t, text, t0, 0, first))
        return t;
    fprintf(stderr, "bench: %s: the first screen did not appear\n",
            argv[0]);
    if (t)
        vt_dump(t, stderr);
    vt_free(t);
    return NULL;
}

static struct vt *open_ache(const struct bench *b, const char *db,
                            struct took *first)
{
    char *argv[] = {(char *)b->ache, "--db", (char *)db, NULL};
    return open_term(argv, FIRST_SCREEN_TEXT, first);
}

/* ptyecho writing `first` bytes at start, then sizes[i] for key 'a'+i. */
static struct vt *open_echo(const struct bench *b, size_t first,
                            const size_t sizes[], int n, struct took *took)
{
    char num[8][24];
    char *argv[8 + 3] = {(char *)b->echo};
    int argc = 1;
    for (int i = -1; i < n && i < 7; i++) {
        snprintf(num[i + 1], sizeof num[0], "%zu", i < 0 ? first : sizes[i]);
        argv[argc++] = num[i + 1];
    }
    argv[argc] = NULL;
    return open_term(argv, NULL, took);
}

static bool press(struct vt *t, const char *key, struct took *out)
{
    double t0 = bench_now_ms();
    size_t b0 = vt_bytes_received(t);
    return vt_send(t, key) && settle(t, NULL, t0, b0, out);
}

/* Presses seq[0], seq[1], seq[0]... `runs` times, on each terminal in
 * turn so that they share the machine's noise; out[i] gets the medians of
 * the timed presses (seq[1]'s too when time_second). */
static void time_keys(struct vt *const t[], int nt, const char *const seq[2],
                      bool time_second, int runs, struct keyfig out[])
{
    double ms[MAX_TERMS][MAX_KEYS], bytes[MAX_TERMS][MAX_KEYS];
    int n = 0;
    for (int v = 0; v < nt; v++)
        out[v].ok = t[v] != NULL;
    for (int i = 0; i < runs && i < MAX_KEYS; i++) {
        bool timed = i % 2 == 0 || time_second;
        for (int v = 0; v < nt && v < MAX_TERMS; v++) {
            struct took k = {0, 0};
            if (!out[v].ok || !press(t[v], seq[i % 2], &k))
                out[v].ok = false;
            ms[v][n] = k.ms;
            bytes[v][n] = (double)k.bytes;
        }
        n += timed;
    }
    for (int v = 0; v < nt; v++) {
        out[v].ms = bench_median(ms[v], n);
        out[v].bytes = bench_median(bytes[v], n);
    }
}

static void time_key(struct vt *t, const char *a, const char *b,
                     struct keyfig *out)
{
    const char *seq[2] = {a, b};
    time_keys(&t, 1, seq, true, KEY_RUNS, out);
}

/* ---- the first screen ----------------------------------------------------- */

struct first {
    double ache_ms, echo_ms;
    size_t bytes;
    bool ok;
};

/* Fresh processes of ache and of ptyecho writing as much, in turn. */
static struct first first_screens(const struct bench *b, const char *db,
                                  int runs)
{
    struct first f = {.ok = true};
    struct took w = {0, 0}, a = {0, 0}, e = {0, 0};
    finish(open_ache(b, db, &w)); /* warm-up; tells the size */
    f.bytes = w.bytes;
    double va[SCREEN_RUNS], ve[SCREEN_RUNS];
    runs = runs < SCREEN_RUNS ? runs : SCREEN_RUNS;
    for (int i = 0; i < runs; i++) {
        struct vt *t = open_ache(b, db, &a);
        f.ok = f.ok && t;
        finish(t);
        t = open_echo(b, f.bytes, NULL, 0, &e);
        f.ok = f.ok && t;
        finish(t);
        va[i] = a.ms;
        ve[i] = e.ms;
    }
    f.ache_ms = bench_median(va, runs);
    f.echo_ms = bench_median(ve, runs);
    return f;
}

/* The 10-year diary is held to the target; the 100-year one shows
 * whether opening grows with the history. */
static void report_first(const struct first *f, const struct first *f100)
{
    double net = f->ache_ms - f->echo_ms;
    report_row("first screen, 10y diary (net)", "< 30 ms",
               f->ok ? verdict_of(net < 30) : V_NO,
               "%.1f ms - %.1f ms harness = %.1f ms", f->ache_ms, f->echo_ms,
               net);
    net = f100->ache_ms - f100->echo_ms;
    report_row("first screen, 100y diary (net)", "", f100->ok ? V_INFO : V_NO,
               "%.1f ms - %.1f ms harness = %.1f ms", f100->ache_ms,
               f100->echo_ms, net);
    report_row("first screen, bytes written", "", V_INFO, "%zu B", f->bytes);
}

/* ---- key presses -------------------------------------------------------- */

/* What the key presses cost, before the harness is subtracted. */
struct keys {
    struct keyfig focus, value;              /* check-in: j/k, l/h */
    struct keyfig day[2], month[2], open[2]; /* calendar: 1y, 100y */
};

static void checkin_keys(const struct bench *b, struct keys *k)
{
    struct took first, ignored;
    struct vt *t = open_ache(b, b->y10, &first);
    time_key(t, "j", "k", &k->focus);
    /* A value in the middle, so that l and h both change it. */
    if (t)
        press(t, "5", &ignored);
    time_key(t, "l", "h", &k->value);
    finish(t);
}

/* The calendar on the 1- and 100-year diaries, key for key in turn. */
static void calendar_keys(const struct bench *b, struct keys *k)
{
    struct took first, ignored;
    struct vt *t[2] = {open_ache(b, b->y1, &first),
                       open_ache(b, b->y100, &first)};
    for (int v = 0; v < 2; v++)
        if (t[v])
            press(t[v], "c", &ignored);
    const char *day[2] = {"h", "l"}, *month[2] = {"<", ">"},
               *open[2] = {"c", "d"};
    time_keys(t, 2, day, true, CALENDAR_RUNS, k->day);
    time_keys(t, 2, month, true, CALENDAR_RUNS, k->month);
    /* c opens the calendar (timed), d goes back to the check-in screen. */
    for (int v = 0; v < 2; v++)
        if (t[v])
            press(t[v], "d", &ignored);
    time_keys(t, 2, open, false, CALENDAR_RUNS, k->open);
    finish(t[0]);
    finish(t[1]);
}

/* The harness's time for a key answered with as many bytes as each of
 * ache's: ptyecho keys 'a'.. answer with sizes[0]... */
static void echo_keys(const struct bench *b, size_t paint,
                      const size_t sizes[], int n, double out[])
{
    struct took first;
    struct vt *t = open_echo(b, paint, sizes, n, &first);
    for (int i = 0; i < n; i++) {
        char key[2] = {(char)('a' + i), '\0'};
        struct keyfig f;
        time_key(t, key, key, &f);
        out[i] = f.ok ? f.ms : 0;
    }
    finish(t);
}

static void report_key(const char *what, const struct keyfig *k,
                       double harness)
{
    double net = k->ms - harness;
    report_row(what, "< 2 ms", k->ok ? verdict_of(net < 2) : V_NO,
               "%.2f ms - %.2f ms harness = %.2f ms", k->ms, harness, net);
}

/* Only the cells that changed are written: far fewer bytes than a paint
 * of the whole screen (a quarter is a generous line to draw). */
static void report_bytes(const char *what, const struct keyfig *k,
                         size_t paint)
{
    report_row(what, "< 1/4 paint", verdict_of(k->bytes * 4 < (double)paint),
               "%.0f B of %zu B for a whole screen (%.0f%%)", k->bytes,
               paint, paint ? 100 * k->bytes / (double)paint : 0);
}

/* A ratio of two net times, held when at most `limit`. */
static void report_net_ratio(const char *what, const struct keyfig k[2],
                             double harness, double limit)
{
    double small = k[0].ms - harness, big = k[1].ms - harness;
    double ratio = small > 0 ? big / small : 0;
    char target[24];
    snprintf(target, sizeof target, "<= %.1fx", limit);
    report_row(what, target,
               k[0].ok && k[1].ok ? verdict_of(ratio <= limit) : V_NO,
               "%.2f ms / %.2f ms = %.2fx", big, small, ratio);
}

static void report_keys(const struct first *f, const struct keys *k,
                        const double h[5])
{
    report_key("key j/k on check-in (net)", &k->focus, h[0]);
    report_bytes("key j/k, bytes written", &k->focus, f->bytes);
    report_key("key l/h, value saved (net)", &k->value, h[1]);
    report_bytes("key l/h, bytes written", &k->value, f->bytes);
    report_key("calendar day h/l, 100y (net)", &k->day[1], h[2]);
    report_bytes("calendar day h/l, bytes written", &k->day[1], f->bytes);
    report_net_ratio("calendar day h/l, 100y / 1y", k->day, h[2], 1.2);
    report_net_ratio("calendar month </>, 100y / 1y", k->month, h[3], 1.2);
    report_net_ratio("calendar open c, 100y / 1y", k->open, h[4], 1.2);
}

/* ---- peak memory --------------------------------------------------------- */

/* A whole session in a child of a child: the child's RUSAGE_CHILDREN then
 * holds the peak of ache alone. */
static long session_kib(const struct bench *b, const char *db)
{
    struct took took;
    struct vt *t = open_ache(b, db, &took);
    static const char *const keys[] = {"j", "k", "5", "l", "c",
                                       "h", "<", ">", "d"};
    for (size_t i = 0; t && i < sizeof keys / sizeof keys[0]; i++)
        press(t, keys[i], &took);
    finish(t);
    struct rusage ru;
    return t && getrusage(RUSAGE_CHILDREN, &ru) == 0 ? ru.ru_maxrss : -1;
}

static long screen_peak_kib(const struct bench *b, const char *db)
{
    int p[2];
    long kib = -1;
    if (pipe(p) < 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        kib = session_kib(b, db);
        _exit(write(p[1], &kib, sizeof kib) == sizeof kib ? 0 : 1);
    }
    close(p[1]);
    if (pid > 0 && read(p[0], &kib, sizeof kib) != sizeof kib)
        kib = -1;
    close(p[0]);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return kib;
}

void bench_screen(const struct bench *b)
{
    fprintf(stderr, "full-screen diary (pseudo-terminal, 80x24)\n");
    struct first f = first_screens(b, b->y10, SCREEN_RUNS);
    struct first f100 = first_screens(b, b->y100, SCREEN_RUNS / 2);
    report_first(&f, &f100);
    struct keys k;
    checkin_keys(b, &k);
    calendar_keys(b, &k);
    size_t sizes[5] = {(size_t)k.focus.bytes, (size_t)k.value.bytes,
                       (size_t)k.day[1].bytes, (size_t)k.month[1].bytes,
                       (size_t)k.open[1].bytes};
    double harness[5];
    echo_keys(b, f.bytes, sizes, 5, harness);
    report_keys(&f, &k, harness);
    report_memory("ache full screen, 10y diary", screen_peak_kib(b, b->y10));
    report_memory("ache full screen, 100y diary", screen_peak_kib(b, b->y100));
}
