/* vt: a program in a pseudo-terminal, its output on a libvterm screen.
 * See vt.h for the contract. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#if defined(__APPLE__)
#include <util.h>
#elif defined(__FreeBSD__)
#include <libutil.h>
#else
#include <pty.h>
#endif

extern char **environ;

/* One pump reads at most this much, so that a program that never stops
 * printing cannot keep a wait from checking its deadline. */
enum { READ_BUDGET = 16 * 1024 };
/* How long keys may wait for room in the pty's input queue. */
enum { WRITE_TIMEOUT_MS = 3000 };
/* How often vt_wait_exit looks at the child when it prints nothing. */
enum { EXIT_POLL_MS = 5 };

struct vt {
    pid_t pid;
    int fd;              /* pty master, non-blocking */
    bool closed;         /* read gave EIO: no process holds the slave */
    bool reaped;
    int status;          /* waitpid() status once reaped */
    VTerm *term;
    VTermState *state;
    VTermScreen *screen;
    size_t received;
    char *out;           /* bytes libvterm generated (keys, replies) */
    size_t out_len, out_cap;
    char pend[64];       /* a mode sequence being read (pend_take) */
    size_t pend_len;
    int pend_state;
    bool cursor_visible;
    int mouse_mode;      /* VTERM_PROP_MOUSE_*: what the program asked for */
    int bells;
};

/* ---- small helpers ------------------------------------------------------ */

/* The harness is test code: running out of memory is not worth handling. */
static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("vt: out of memory\n", stderr);
        abort();
    }
    return q;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long deadline_after(int timeout_ms)
{
    return now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
}

/* Milliseconds left until deadline, never negative, fits poll(). */
static int ms_left(long long deadline)
{
    long long left = deadline - now_ms();
    if (left <= 0)
        return 0;
    return left > INT_MAX ? INT_MAX : (int)left;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* poll() that survives signals by recomputing what is left of the wait. */
static int poll_until(struct pollfd *p, long long deadline)
{
    for (;;) {
        int r = poll(p, 1, ms_left(deadline));
        if (r >= 0 || errno != EINTR)
            return r;
    }
}

/* ---- the child's environment -------------------------------------------- */

static size_t name_len(const char *entry)
{
    return strcspn(entry, "=");
}

static bool same_name(const char *a, const char *b)
{
    size_t n = name_len(a);
    return n == name_len(b) && strncmp(a, b, n) == 0;
}

/* True if any of edits[from..] is about the same variable as entry. */
static bool edited(const char *entry, char *const edits[], size_t from,
                   size_t n)
{
    for (size_t i = from; i < n; i++)
        if (same_name(entry, edits[i]))
            return true;
    return false;
}

/* Built in the parent, because after fork only async-signal-safe calls are
 * allowed and setenv() allocates.  The strings are borrowed, not copied. */
static char **build_env(char *const extra[])
{
    static char *const defaults[] = {"TERM=xterm-256color", "LINES",
                                     "COLUMNS"};
    size_t nd = sizeof defaults / sizeof defaults[0], nx = 0, ne = 0;
    while (extra && extra[nx])
        nx++;
    while (environ && environ[ne])
        ne++;
    char **edits = xrealloc(NULL, (nd + nx) * sizeof *edits);
    memcpy(edits, defaults, sizeof defaults);
    for (size_t i = 0; i < nx; i++)
        edits[nd + i] = extra[i];
    char **env = xrealloc(NULL, (ne + nd + nx + 1) * sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < ne; i++)
        if (!edited(environ[i], edits, 0, nd + nx))
            env[k++] = environ[i];
    /* A later edit of the same name wins, so an extra TERM beats ours. */
    for (size_t i = 0; i < nd + nx; i++)
        if (strchr(edits[i], '=') && !edited(edits[i], edits, i + 1, nd + nx))
            env[k++] = edits[i];
    env[k] = NULL;
    free(edits);
    return env;
}

/* ---- the child ---------------------------------------------------------- */

/* Caught signals keep this process's handlers until exec (Check's SIGINT
 * handler would kill the whole test run), and ignored ones survive exec;
 * a program started from a terminal expects the defaults.  vt_spawn blocks
 * every signal around forkpty so none arrives before this has run. */
static void reset_signals(void)
{
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction old;
        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler != SIG_DFL) {
            struct sigaction dfl = {0};
            dfl.sa_handler = SIG_DFL;
            sigaction(sig, &dfl, NULL);
        }
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Runs in the forked child: only async-signal-safe calls from here on. */
static void child_exec(char *const argv[], char **env)
{
#ifdef IUTF8
    /* Real terminals in a UTF-8 locale set it; the kernel default lacks it,
     * and without it canonical-mode erase breaks multibyte characters. */
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) == 0) {
        t.c_iflag |= IUTF8;
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
    }
#endif
    reset_signals();
    environ = env; /* execvp then also searches the child's PATH */
    execvp(argv[0], argv);
    static const char msg[] = "vt_spawn: cannot execute ";
    ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
    ignored = write(STDERR_FILENO, argv[0], strlen(argv[0]));
    ignored = write(STDERR_FILENO, "\r\n", 2);
    (void)ignored;
    environ = NULL; /* the array is this child's own copy: no leak report */
    free(env);
    _exit(127);
}

/* ---- libvterm callbacks ------------------------------------------------- */

/* libvterm produces keys and query replies (cursor position, device
 * attributes) from inside its calls; they are queued here and written by
 * flush_out, never from the callback, so reading can't re-enter libvterm. */
static void on_output(const char *s, size_t len, void *user)
{
    struct vt *vt = user;
    if (vt->out_len + len > vt->out_cap) {
        vt->out_cap = (vt->out_len + len) * 2;
        vt->out = xrealloc(vt->out, vt->out_cap);
    }
    memcpy(vt->out + vt->out_len, s, len);
    vt->out_len += len;
}

/* Must return 1: libvterm only applies a property (mouse mode, alternate
 * screen) that the callback accepted. */
static int on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
    struct vt *vt = user;
    if (prop == VTERM_PROP_CURSORVISIBLE)
        vt->cursor_visible = val->boolean != 0;
    else if (prop == VTERM_PROP_MOUSE)
        vt->mouse_mode = val->number;
    return 1;
}

static int on_bell(void *user)
{
    struct vt *vt = user;
    vt->bells++;
    return 1;
}

/* libvterm keeps the pointer, so this must outlive every screen. */
static const VTermScreenCallbacks screen_callbacks = {
    .settermprop = on_settermprop,
    .bell = on_bell,
};

/* ---- spawning ----------------------------------------------------------- */

static void setup_term(struct vt *vt, int cols, int rows)
{
    vt->term = vterm_new(rows, cols);
    if (!vt->term) {
        fputs("vt: vterm_new failed\n", stderr);
        abort();
    }
    vterm_set_utf8(vt->term, 1);
    vterm_output_set_callback(vt->term, on_output, vt);
    vt->state = vterm_obtain_state(vt->term);
    vt->screen = vterm_obtain_screen(vt->term);
    vterm_screen_set_callbacks(vt->screen, &screen_callbacks, vt);
    /* Like xterm: curses' smcup switches to a second screen, and rmcup
     * brings back what was there before the program started. */
    vterm_screen_enable_altscreen(vt->screen, 1);
    vt->cursor_visible = true;
    vterm_screen_reset(vt->screen, 1);
}

struct vt *vt_spawn(char *const argv[], char *const extra_env[], int cols,
                    int rows)
{
    if (!argv || !argv[0] || cols < 1 || rows < 1 || cols > USHRT_MAX ||
        rows > USHRT_MAX)
        return NULL;
    char **env = build_env(extra_env);
    struct winsize ws = {.ws_row = (unsigned short)rows,
                         .ws_col = (unsigned short)cols};
    int fd = -1;
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid == 0)
        child_exec(argv, env);
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(env);
    if (pid < 0)
        return NULL;
    /* Close-on-exec so later children don't hold this pty open (which
     * would stop it from reporting EIO when this program ends). */
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
        close(fd);
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
        return NULL;
    }
    struct vt *vt = xrealloc(NULL, sizeof *vt);
    *vt = (struct vt){.pid = pid, .fd = fd};
    setup_term(vt, cols, rows);
    return vt;
}

/* ---- splitting mode sequences ------------------------------------------- */

/* libvterm 0.1.4 applies only the first parameter of SM/RM and DECSET/
 * DECRST, so "CSI ? 1006 ; 1000 h" (what ncurses sends for xterm-256color
 * to turn the mouse on) would pick the SGR encoding but never turn
 * reporting on.  The program's output goes through this filter, which
 * rewrites such sequences as one sequence per parameter; all other bytes,
 * and the order of everything, are left alone. */
enum { P_TEXT, P_ESC, P_CSI, P_PARAMS };

static bool is_param(char c)
{
    return (c >= '0' && c <= '9') || c == ';';
}

static void pend_flush(struct vt *vt)
{
    if (vt->pend_len)
        vterm_input_write(vt->term, vt->pend, vt->pend_len);
    vt->pend_len = 0;
    vt->pend_state = P_TEXT;
}

/* pend is ESC [ then an optional '?' then the parameters. */
static void pend_split(struct vt *vt, char final)
{
    bool dec = vt->pend[2] == '?';
    size_t start = dec ? 3 : 2;
    for (size_t i = start; i <= vt->pend_len; i++) {
        if (i < vt->pend_len && vt->pend[i] != ';')
            continue;
        char one[sizeof vt->pend + 8];
        int n = snprintf(one, sizeof one, "\x1b[%s%.*s%c", dec ? "?" : "",
                         (int)(i - start), vt->pend + start, final);
        vterm_input_write(vt->term, one, (size_t)n);
        start = i + 1;
    }
    vt->pend_len = 0;
    vt->pend_state = P_TEXT;
}

/* Takes one byte of a possible mode sequence into pend; false if the byte
 * is ordinary output (pend, if any, has then been passed on). */
static bool pend_take(struct vt *vt, char c)
{
    int next = -1;
    if (c == '\x1b') {
        pend_flush(vt);
        next = P_ESC;
    } else if (vt->pend_state == P_ESC && c == '[') {
        next = P_CSI;
    } else if (vt->pend_state == P_CSI && (c == '?' || is_param(c))) {
        next = P_PARAMS;
    } else if (vt->pend_state == P_PARAMS && is_param(c) &&
               vt->pend_len < sizeof vt->pend) {
        next = P_PARAMS;
    } else if (vt->pend_state == P_PARAMS && (c == 'h' || c == 'l')) {
        pend_split(vt, c);
        return true;
    }
    if (next < 0) {
        pend_flush(vt);
        return false;
    }
    vt->pend[vt->pend_len++] = c;
    vt->pend_state = next;
    return true;
}

/* Passes the program's output to libvterm through the filter above. */
static void feed(struct vt *vt, const char *buf, size_t n)
{
    size_t run = 0; /* start of bytes that go through unchanged */
    for (size_t i = 0; i < n; i++) {
        if (vt->pend_state == P_TEXT && buf[i] != '\x1b')
            continue;
        if (i > run)
            vterm_input_write(vt->term, buf + run, i - run);
        run = pend_take(vt, buf[i]) ? i + 1 : i;
    }
    if (n > run)
        vterm_input_write(vt->term, buf + run, n - run);
}

/* ---- reading and writing ------------------------------------------------ */

/* Reads what the program has written so far into the screen. */
static size_t read_available(struct vt *vt)
{
    char buf[4096];
    size_t total = 0;
    while (!vt->closed && total < READ_BUDGET) {
        ssize_t n = read(vt->fd, buf, sizeof buf);
        if (n > 0) {
            feed(vt, buf, (size_t)n);
            total += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            /* Linux says EIO once no process holds the slave (only after
             * everything written before was read); BSDs say 0. */
            vt->closed = true;
            pend_flush(vt);
        }
    }
    vt->received += total;
    return total;
}

/* Waits for room to write, reading meanwhile: a program blocked writing to
 * us is not reading its keys, so only draining it makes room. */
static bool wait_writable(struct vt *vt, long long deadline)
{
    struct pollfd p = {.fd = vt->fd, .events = POLLOUT | POLLIN};
    if (ms_left(deadline) == 0 || poll_until(&p, deadline) < 0)
        return false;
    if (p.revents & (POLLIN | POLLHUP))
        read_available(vt);
    return true;
}

/* Writes the queued bytes; whatever cannot be written is dropped, so one
 * stuck key does not leak into the next test step. */
static bool flush_out(struct vt *vt)
{
    long long deadline = deadline_after(WRITE_TIMEOUT_MS);
    size_t done = 0;
    bool ok = true;
    /* out_len may grow while we read inside wait_writable. */
    while (done < vt->out_len) {
        ssize_t n = write(vt->fd, vt->out + done, vt->out_len - done);
        if (n > 0)
            done += (size_t)n;
        else if (n < 0 && errno == EINTR)
            continue;
        else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
                 wait_writable(vt, deadline))
            continue;
        else {
            ok = false;
            break;
        }
    }
    vt->out_len = 0;
    return ok;
}

bool vt_pump(struct vt *vt, int timeout_ms)
{
    size_t got = read_available(vt);
    if (!got && !vt->closed && timeout_ms > 0) {
        struct pollfd p = {.fd = vt->fd, .events = POLLIN};
        if (poll_until(&p, deadline_after(timeout_ms)) > 0)
            got = read_available(vt);
    }
    /* Replies to queries the program just made must reach it now. */
    if (vt->out_len)
        flush_out(vt);
    return got > 0;
}

size_t vt_bytes_received(const struct vt *vt)
{
    return vt->received;
}

bool vt_closed(const struct vt *vt)
{
    return vt->closed;
}

/* ---- input -------------------------------------------------------------- */

bool vt_send(struct vt *vt, const char *bytes)
{
    on_output(bytes, strlen(bytes), vt);
    return flush_out(vt);
}

bool vt_key(struct vt *vt, VTermKey key, VTermModifier mod)
{
    vterm_keyboard_key(vt->term, key, mod);
    return flush_out(vt);
}

bool vt_unichar(struct vt *vt, uint32_t cp, VTermModifier mod)
{
    vterm_keyboard_unichar(vt->term, cp, mod);
    return flush_out(vt);
}

bool vt_mouse_click(struct vt *vt, int row, int col, int button)
{
    /* libvterm 0.1.4 reports clicks even when the program never asked for
     * them; a real terminal would not. */
    if (vt->mouse_mode == VTERM_PROP_MOUSE_NONE)
        return true;
    vterm_mouse_move(vt->term, row, col, VTERM_MOD_NONE);
    vterm_mouse_button(vt->term, button, true, VTERM_MOD_NONE);
    /* Wheel "buttons" have no release in xterm's protocols. */
    if (button >= 1 && button <= 3)
        vterm_mouse_button(vt->term, button, false, VTERM_MOD_NONE);
    return flush_out(vt);
}

/* ---- reading the screen ------------------------------------------------- */

int vt_rows(struct vt *vt)
{
    int rows, cols;
    vterm_get_size(vt->term, &rows, &cols);
    return rows;
}

int vt_cols(struct vt *vt)
{
    int rows, cols;
    vterm_get_size(vt->term, &rows, &cols);
    return cols;
}

static bool get_cell(struct vt *vt, int row, int col, VTermScreenCell *cell)
{
    if (row < 0 || col < 0 || row >= vt_rows(vt) || col >= vt_cols(vt))
        return false;
    VTermPos pos = {.row = row, .col = col};
    return vterm_screen_get_cell(vt->screen, pos, cell) != 0;
}

/* libvterm 0.1.4 marks the right half of a wide character with the code
 * point (uint32_t)-1 and reports it with width 1. */
static bool is_right_half(const VTermScreenCell *cell)
{
    return cell->chars[0] == (uint32_t)-1;
}

static size_t put_utf8(char *s, uint32_t cp)
{
    if (cp < 0x80) {
        s[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        s[0] = (char)(0xC0 | cp >> 6);
        s[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        s[0] = (char)(0xE0 | cp >> 12);
        s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    s[0] = (char)(0xF0 | (cp >> 18 & 0x07));
    s[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    s[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    s[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A row's text, untrimmed, with the column each byte came from. */
struct row_text {
    char *s;
    int *col;
    size_t len;
};

static void row_build(struct vt *vt, int row, struct row_text *rt)
{
    int cols = vt_cols(vt);
    size_t cap = (size_t)cols * VTERM_MAX_CHARS_PER_CELL * 4 + 1;
    rt->s = xrealloc(NULL, cap);
    rt->col = xrealloc(NULL, cap * sizeof *rt->col);
    rt->len = 0;
    for (int c = 0; c < cols; c++) {
        VTermScreenCell cell;
        if (!get_cell(vt, row, c, &cell) || is_right_half(&cell))
            continue;
        size_t start = rt->len;
        if (cell.chars[0] == 0)
            rt->s[rt->len++] = ' ';
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
            rt->len += put_utf8(rt->s + rt->len, cell.chars[i]);
        for (size_t b = start; b < rt->len; b++)
            rt->col[b] = c;
    }
    rt->s[rt->len] = '\0';
}

char *vt_row_text(struct vt *vt, int row)
{
    if (row < 0 || row >= vt_rows(vt))
        return NULL;
    struct row_text rt;
    row_build(vt, row, &rt);
    free(rt.col);
    while (rt.len > 0 && rt.s[rt.len - 1] == ' ')
        rt.s[--rt.len] = '\0';
    return rt.s;
}

char *vt_screen_text(struct vt *vt)
{
    int rows = vt_rows(vt);
    char *text = xrealloc(NULL, 1);
    size_t len = 0, kept = 0; /* kept: length up to the last non-empty row */
    for (int r = 0; r < rows; r++) {
        char *line = vt_row_text(vt, r);
        size_t n = strlen(line);
        text = xrealloc(text, len + n + 2);
        memcpy(text + len, line, n);
        len += n;
        text[len++] = '\n';
        if (n > 0)
            kept = len;
        free(line);
    }
    text[kept] = '\0';
    return text;
}

bool vt_find(struct vt *vt, const char *utf8, int *row, int *col)
{
    int rows = vt_rows(vt);
    for (int r = 0; r < rows; r++) {
        struct row_text rt;
        row_build(vt, r, &rt);
        const char *hit = strstr(rt.s, utf8);
        int c = -1;
        if (hit) /* an empty needle matches at the end of an empty row */
            c = (size_t)(hit - rt.s) < rt.len ? rt.col[hit - rt.s] : 0;
        free(rt.s);
        free(rt.col);
        if (c >= 0) {
            if (row)
                *row = r;
            if (col)
                *col = c;
            return true;
        }
    }
    return false;
}

static void colour_info(struct vt *vt, VTermColor colour, int *index,
                        uint8_t rgb[3])
{
    *index = VTERM_COLOR_IS_INDEXED(&colour) ? colour.indexed.idx : -1;
    vterm_screen_convert_color_to_rgb(vt->screen, &colour);
    rgb[0] = colour.rgb.red;
    rgb[1] = colour.rgb.green;
    rgb[2] = colour.rgb.blue;
}

bool vt_cell(struct vt *vt, int row, int col, struct vt_cell_info *out)
{
    VTermScreenCell cell;
    if (!get_cell(vt, row, col, &cell))
        return false;
    bool half = is_right_half(&cell);
    *out = (struct vt_cell_info){
        .cp = half ? 0 : cell.chars[0],
        .width = half ? 0 : cell.width,
        .bold = cell.attrs.bold,
        .reverse = cell.attrs.reverse,
        .underline = cell.attrs.underline != VTERM_UNDERLINE_OFF,
        .fg_default = VTERM_COLOR_IS_DEFAULT_FG(&cell.fg),
        .bg_default = VTERM_COLOR_IS_DEFAULT_BG(&cell.bg),
    };
    colour_info(vt, cell.fg, &out->fg_index, out->fg_rgb);
    colour_info(vt, cell.bg, &out->bg_index, out->bg_rgb);
    /* The default colours are stored as palette-less RGB; say -1 for
     * them whatever libvterm keeps. */
    if (out->fg_default)
        out->fg_index = -1;
    if (out->bg_default)
        out->bg_index = -1;
    return true;
}

bool vt_screen_is_ascii(struct vt *vt)
{
    int rows = vt_rows(vt), cols = vt_cols(vt);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            VTermScreenCell cell;
            if (!get_cell(vt, r, c, &cell) || is_right_half(&cell))
                continue;
            for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
                if (cell.chars[i] >= 0x80)
                    return false;
        }
    return true;
}

void vt_dump(struct vt *vt, FILE *to)
{
    int rows = vt_rows(vt), cols = vt_cols(vt);
    fprintf(to, "    +%*s+ %dx%d, cursor %d,%d\n", cols, "", cols, rows,
            vt_cursor_row(vt), vt_cursor_col(vt));
    for (int r = 0; r < rows; r++) {
        char *line = vt_row_text(vt, r);
        fprintf(to, "%3d |%s\n", r, line);
        free(line);
    }
    fprintf(to, "    +%*s+\n", cols, "");
}

void vt_resize(struct vt *vt, int cols, int rows)
{
    if (cols < 1 || rows < 1 || cols > USHRT_MAX || rows > USHRT_MAX)
        return;
    /* The screen first, so what the program redraws on SIGWINCH lands on
     * a screen of the new size. */
    vterm_set_size(vt->term, rows, cols);
    struct winsize ws = {.ws_row = (unsigned short)rows,
                         .ws_col = (unsigned short)cols};
    ioctl(vt->fd, TIOCSWINSZ, &ws);
}

int vt_cursor_row(struct vt *vt)
{
    VTermPos pos;
    vterm_state_get_cursorpos(vt->state, &pos);
    return pos.row;
}

int vt_cursor_col(struct vt *vt)
{
    VTermPos pos;
    vterm_state_get_cursorpos(vt->state, &pos);
    return pos.col;
}

bool vt_cursor_visible(const struct vt *vt)
{
    return vt->cursor_visible;
}

int vt_bells(const struct vt *vt)
{
    return vt->bells;
}

int vt_mouse_mode(const struct vt *vt)
{
    return vt->mouse_mode;
}

/* ---- waiting ------------------------------------------------------------ */

/* Pumps until the text is present (want) or absent (!want). */
static bool wait_text_state(struct vt *vt, const char *utf8, bool want,
                            int timeout_ms)
{
    long long deadline = deadline_after(timeout_ms);
    for (;;) {
        if (vt_find(vt, utf8, NULL, NULL) == want)
            return true;
        int left = ms_left(deadline);
        if (left == 0 || vt->closed)
            return false;
        vt_pump(vt, left);
    }
}

bool vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms)
{
    return wait_text_state(vt, utf8, true, timeout_ms);
}

bool vt_wait_no_text(struct vt *vt, const char *utf8, int timeout_ms)
{
    return wait_text_state(vt, utf8, false, timeout_ms);
}

bool vt_wait_idle(struct vt *vt, int quiet_ms, int timeout_ms)
{
    long long deadline = deadline_after(timeout_ms);
    long long quiet_until = deadline_after(quiet_ms);
    for (;;) {
        long long now = now_ms();
        if (vt->closed || now >= quiet_until)
            return true;
        if (now >= deadline)
            return false;
        long long until = quiet_until < deadline ? quiet_until : deadline;
        if (vt_pump(vt, (int)(until - now)))
            quiet_until = deadline_after(quiet_ms);
    }
}

/* ---- the process -------------------------------------------------------- */

static bool try_reap(struct vt *vt)
{
    if (vt->reaped)
        return true;
    int st;
    pid_t r;
    while ((r = waitpid(vt->pid, &st, WNOHANG)) < 0 && errno == EINTR)
        ;
    if (r == 0)
        return false;
    /* r < 0 means ECHILD: someone else's waitpid took it. */
    vt->reaped = true;
    vt->status = r == vt->pid ? st : -1;
    return true;
}

int vt_kill(struct vt *vt, int sig)
{
    if (try_reap(vt)) {
        errno = ESRCH;
        return -1;
    }
    return kill(vt->pid, sig);
}

bool vt_wait_exit(struct vt *vt, int timeout_ms, int *status)
{
    long long deadline = deadline_after(timeout_ms);
    while (!try_reap(vt)) {
        int left = ms_left(deadline);
        if (left == 0)
            return false;
        if (left > EXIT_POLL_MS)
            left = EXIT_POLL_MS;
        if (vt->closed)
            sleep_ms(left);
        else
            vt_pump(vt, left);
    }
    /* Everything it wrote before exiting is readable now (Linux flushes
     * the pty buffers before it reports EIO or EAGAIN). */
    while (vt_pump(vt, 0))
        ;
    if (status)
        *status = vt->status;
    return true;
}

void vt_free(struct vt *vt)
{
    if (!vt)
        return;
    if (!try_reap(vt)) {
        /* The child leads its own session and process group (forkpty calls
         * setsid), so this also stops what it started in the background;
         * it is unreaped, so the group id cannot belong to anyone else. */
        kill(-vt->pid, SIGKILL);
        kill(vt->pid, SIGKILL);
        while (waitpid(vt->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    close(vt->fd);
    vterm_free(vt->term);
    free(vt->out);
    free(vt);
}
