/* term: the only file that talks to curses. */
#define NCURSES_WIDECHAR 1
#include "ache/term.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/grid.h"
#include "ache/text.h"

struct terminal {
    SCREEN *screen;
    bool utf8;
    enum term_colors colors;
    attr_t attrs[ST_COUNT];
    short pairs[ST_COUNT];
    int ctrl_left, ctrl_right; /* key codes curses gives them, or 0 */
};

/* Ctrl-C, a closed terminal or a polite kill: noted here, and read as a
 * key (TK_INTERRUPT) so that the screens save what is pending and say
 * what could not be saved before ache goes. The handler only sets the
 * flag; without SA_RESTART, a wait for a key ends at once. */
static volatile sig_atomic_t interrupted;

static void note_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Before newterm, which leaves handlers it did not install alone. */
static void catch_interrupts(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static enum term_colors detect_colors(void)
{
    const char *no_color = getenv("NO_COLOR");
    if ((no_color && *no_color) || !has_colors())
        return TERM_COLORS_NONE;
    if (start_color() == ERR)
        return TERM_COLORS_NONE;
    use_default_colors();
    return COLORS >= 256 ? TERM_COLORS_256 : COLORS >= 8 ? TERM_COLORS_8
                                                          : TERM_COLORS_NONE;
}

static attr_t curses_attrs(unsigned attrs)
{
    attr_t a = A_NORMAL;
    if (attrs & STA_BOLD)
        a |= A_BOLD;
    if (attrs & STA_DIM)
        a |= A_DIM;
    if (attrs & STA_REVERSE)
        a |= A_REVERSE;
    if (attrs & STA_UNDERLINE)
        a |= A_UNDERLINE;
    return a;
}

static void setup_styles(struct terminal *t)
{
    for (int s = 0; s < ST_COUNT; s++) {
        const struct style_spec *sp = style_spec((enum style)s);
        t->pairs[s] = 0;
        t->attrs[s] = curses_attrs(sp->attrs);
        if (t->colors == TERM_COLORS_NONE) {
            t->attrs[s] |= curses_attrs(sp->mono_attrs);
            continue;
        }
        bool rich = t->colors == TERM_COLORS_256;
        short fg = rich ? sp->fg256 : sp->fg8, bg = rich ? sp->bg256 : sp->bg8;
        if (fg < 0 && bg < 0)
            continue;
        init_pair((short)(s + 1), fg, bg);
        t->pairs[s] = (short)(s + 1);
    }
}

/* The key code curses assigned to an extended key such as Ctrl-Left
 * ("kLFT5"), or 0 when the terminal description has none. */
static int extended_key(const char *capname)
{
    char *seq = tigetstr(capname);
    if (!seq || seq == (char *)-1)
        return 0;
    int code = key_defined(seq);
    return code > 0 ? code : 0;
}

static bool has_cursor_addressing(void)
{
    char *cup = tigetstr("cup");
    return cup && cup != (char *)-1;
}

static void start_modes(struct terminal *t)
{
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
                  | BUTTON5_PRESSED
#endif
              ,
              NULL);
    mouseinterval(0);
    t->ctrl_left = extended_key("kLFT5");
    t->ctrl_right = extended_key("kRIT5");
}

enum ache_status term_open(struct terminal **out, struct ache_err *err)
{
    const char *name = getenv("TERM");
    if (!name || !*name)
        return ache_fail(err, ACHE_ERR_IO,
                         "TERM is not set, so the full-screen diary cannot "
                         "draw; the commands work without it (ache --help)");
    text_locale_load(); /* curses draws in the person's character set */
    catch_interrupts();
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen)
        return ache_fail(err, ACHE_ERR_IO,
                         "unknown terminal type '%s'; the commands work "
                         "without it (ache --help)",
                         name);
    set_term(screen);
    if (!has_cursor_addressing()) {
        endwin();
        delscreen(screen);
        return ache_fail(err, ACHE_ERR_IO,
                         "the terminal '%s' cannot move the cursor, so the "
                         "full-screen diary cannot draw; the commands work "
                         "(ache --help)",
                         name);
    }
    struct terminal *t = xcalloc(1, sizeof *t);
    t->screen = screen;
    const char *codeset = nl_langinfo(CODESET);
    t->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
    t->colors = detect_colors();
    setup_styles(t);
    start_modes(t);
    *out = t;
    return ACHE_OK;
}

void term_close(struct terminal *t)
{
    if (!t)
        return;
    curs_set(1);
    endwin();
    delscreen(t->screen);
    free(t);
}

void term_size(const struct terminal *t, int *w, int *h)
{
    (void)t;
    getmaxyx(stdscr, *h, *w);
}

enum term_colors term_colors(const struct terminal *t)
{
    return t->colors;
}

bool term_utf8(const struct terminal *t)
{
    return t->utf8;
}

static void put_cell(struct terminal *t, int x, int y, const struct cell *c)
{
    wchar_t wide[2] = {(wchar_t)c->cp, 0};
    cchar_t cc;
    int style = c->style < ST_COUNT ? c->style : ST_NORMAL;
    if (!t->utf8 && c->cp >= 0x80)
        wide[0] = '?'; /* never send a byte the terminal cannot show */
    setcchar(&cc, wide, t->attrs[style], t->pairs[style], NULL);
    mvwadd_wch(stdscr, y, x, &cc);
}

void term_draw(struct terminal *t, const struct grid *g, int cx, int cy)
{
    int w, h;
    getmaxyx(stdscr, h, w);
    werase(stdscr);
    for (int y = 0; y < g->h && y < h; y++)
        for (int x = 0; x < g->w && x < w; x++) {
            const struct cell *c = grid_at(g, x, y);
            if (c->width != 0)
                put_cell(t, x, y, c);
        }
    if (cx >= 0 && cy >= 0 && cx < w && cy < h) {
        wmove(stdscr, cy, cx);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

static const struct {
    int curses;
    int key;
} key_map[] = {
    {KEY_UP, TK_UP},           {KEY_DOWN, TK_DOWN},
    {KEY_LEFT, TK_LEFT},       {KEY_RIGHT, TK_RIGHT},
    {KEY_HOME, TK_HOME},       {KEY_END, TK_END},
    {KEY_PPAGE, TK_PGUP},      {KEY_NPAGE, TK_PGDN},
    {KEY_IC, TK_INSERT},       {KEY_DC, TK_DELETE},
    {KEY_BACKSPACE, TK_BACKSPACE}, {KEY_ENTER, TK_ENTER},
    {KEY_BTAB, TK_BTAB},       {KEY_F(1), TK_F1},
    {KEY_RESIZE, TK_RESIZE},   {KEY_A1, TK_HOME},
    {KEY_C1, TK_END},          {KEY_A3, TK_PGUP},
    {KEY_C3, TK_PGDN},
};

static void read_mouse(struct term_event *ev)
{
    MEVENT me;
    ev->key = TK_MOUSE;
    ev->mouse_down = false;
    ev->wheel = 0;
    if (getmouse(&me) != OK)
        return;
    ev->x = me.x;
    ev->y = me.y;
    ev->mouse_down = (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
    if (me.bstate & BUTTON4_PRESSED)
        ev->wheel = -1;
#ifdef BUTTON5_PRESSED
    if (me.bstate & BUTTON5_PRESSED)
        ev->wheel = 1;
#endif
}

static int translate_function_key(const struct terminal *t, int code)
{
    for (size_t i = 0; i < sizeof key_map / sizeof key_map[0]; i++)
        if (key_map[i].curses == code)
            return key_map[i].key;
    if (t->ctrl_left && code == t->ctrl_left)
        return TK_CTRL_LEFT;
    if (t->ctrl_right && code == t->ctrl_right)
        return TK_CTRL_RIGHT;
    return TK_UNKNOWN;
}

static int translate_char(wint_t ch)
{
    switch (ch) {
    case '\r':
    case '\n':
        return TK_ENTER;
    case '\t':
        return TK_TAB;
    case 27:
        return TK_ESC;
    case 8:
    case 127:
        return TK_BACKSPACE;
    default:
        return (int)ch;
    }
}

void term_read(struct terminal *t, int timeout_ms, struct term_event *ev)
{
    wint_t ch;
    memset(ev, 0, sizeof *ev);
    wtimeout(stdscr, interrupted ? 0 : timeout_ms);
    int rc = wget_wch(stdscr, &ch);
    if (interrupted)
        ev->key = TK_INTERRUPT;
    else if (rc == ERR)
        ev->key = TK_TIMEOUT;
    else if (rc == KEY_CODE_YES && ch == KEY_MOUSE)
        read_mouse(ev);
    else if (rc == KEY_CODE_YES)
        ev->key = translate_function_key(t, (int)ch);
    else
        ev->key = translate_char(ch);
}
