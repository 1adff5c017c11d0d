/* term: the terminal. The only module that includes <curses.h>: it starts
 * and ends full-screen mode, maps semantic styles to colours, blits a grid,
 * and turns key presses, mouse clicks and resizes into term_events.
 *
 * Rules: newterm() rather than initscr() so that a terminal
 * that cannot do it gives a message instead of an exit; no SIGWINCH handler
 * of our own (KEY_RESIZE); a short ESCDELAY; use_default_colors; 256
 * colours where available, 8 otherwise, none under NO_COLOR or on a
 * monochrome terminal; redraw with one doupdate.
 */
#ifndef ACHE_TERM_H
#define ACHE_TERM_H

#include <stdbool.h>

#include "ache/util.h"

struct grid;

/* Keys: Unicode code points as themselves, special keys above them. */
enum term_key {
    TK_TIMEOUT = -1, /* nothing happened within the timeout */
    TK_BASE = 0x110000,
    TK_UP = TK_BASE,
    TK_DOWN,
    TK_LEFT,
    TK_RIGHT,
    TK_HOME,
    TK_END,
    TK_PGUP,
    TK_PGDN,
    TK_INSERT,
    TK_DELETE,
    TK_BACKSPACE,
    TK_ENTER,
    TK_TAB,
    TK_BTAB,
    TK_ESC,
    TK_F1,
    TK_RESIZE,
    TK_MOUSE,
    TK_CTRL_LEFT,
    TK_CTRL_RIGHT,
    TK_INTERRUPT, /* Ctrl-C, or the terminal closed (SIGINT, SIGHUP,
                     SIGTERM): time to save what is pending and go */
    TK_UNKNOWN
};

/* Control keys arrive as their code points (Ctrl-A is 1 ...). */
#define TK_CTRL(letter) ((letter) & 0x1f)

struct term_event {
    int key;         /* enum term_key or a code point */
    int x, y;        /* TK_MOUSE: the cell clicked */
    bool mouse_down; /* TK_MOUSE: button 1 pressed or clicked */
    int wheel;       /* TK_MOUSE: -1 up, +1 down, 0 none */
};

enum term_colors { TERM_COLORS_NONE, TERM_COLORS_8, TERM_COLORS_256 };

struct terminal;

/* Starts full-screen mode on the controlling terminal's stdin/stdout.
 * Fails (ACHE_ERR_IO, with a message naming $TERM) for an unknown terminal
 * or one without cursor addressing such as TERM=dumb. */
enum ache_status term_open(struct terminal **out, struct ache_err *err);
/* Leaves full-screen mode and restores the terminal. */
void term_close(struct terminal *t);

void term_size(const struct terminal *t, int *w, int *h);
/* The colours in use: none with NO_COLOR or on a terminal without them. */
enum term_colors term_colors(const struct terminal *t);
/* True when the locale's character set is UTF-8 (then ache draws with
 * box drawing, blocks and braille; otherwise plain ASCII). */
bool term_utf8(const struct terminal *t);

/* Shows the grid (the same size as the terminal), the cursor at (cx, cy)
 * or hidden when cx < 0; one doupdate, so curses writes only the cells
 * that changed. */
void term_draw(struct terminal *t, const struct grid *g, int cx, int cy);
/* Waits up to timeout_ms (-1: forever) for a key, click or resize. */
void term_read(struct terminal *t, int timeout_ms, struct term_event *ev);

#endif
