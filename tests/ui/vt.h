/* vt: run a program in a pseudo-terminal and read its screen as a person
 * sees it, for the UI tests.
 *
 * The program's output goes through libvterm (an xterm-like emulator with
 * an alternate screen), so a test can send keys and then ask for the text,
 * colours and attributes of each cell.  Keys are encoded by libvterm too,
 * which makes cursor keys follow the mode the program asked for (curses'
 * keypad() switches to application cursor keys: Up is ESC O A, not ESC [ A).
 *
 * Nothing happens in the background: output is only read inside the calls
 * that take a timeout (vt_pump, vt_wait_*) and when keys are sent.  A test
 * therefore waits for what it expects, e.g.
 *
 *     struct vt *t = vt_spawn((char *const[]){"ache", NULL}, env, 80, 24);
 *     ck_assert(vt_wait_text(t, "Today", 2000));
 *     vt_key(t, VTERM_KEY_DOWN, VTERM_MOD_NONE);
 *     ck_assert(vt_wait_text(t, "Yesterday", 2000));
 *     vt_free(t);
 *
 * Rows and columns count from 0, in screen cells (a wide character takes
 * two).  Timeouts are in milliseconds on CLOCK_MONOTONIC; negative counts as
 * 0.  Strings are UTF-8.  Not thread-safe; the process should not have other
 * threads that fork (the pty master is made close-on-exec just after forkpty).
 */
#ifndef ACHE_TESTS_VT_H
#define ACHE_TESTS_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vterm.h>

struct vt;

/* Starts argv[0] (searched in PATH like execvp) on a new pty of cols x rows.
 * The child gets this process's environment with these changes, in order:
 * TERM=xterm-256color, LINES and COLUMNS removed (curses would believe them
 * over the pty size), then each extra_env entry: "NAME=value" sets, a bare
 * "NAME" removes.  extra_env may be NULL.  The child also gets IUTF8 on the
 * tty and default signal dispositions.  If exec fails the child prints a
 * message on the terminal and exits with 127.  Returns NULL if the pty or
 * the process could not be made. */
struct vt *vt_spawn(char *const argv[], char *const extra_env[], int cols,
                    int rows);

/* Sends raw bytes as if typed ("j", "\x1b", "\x03" for Ctrl-C).  All the
 * input functions return false if the bytes could not all be written within
 * a few seconds (the program is not reading) or the program is gone. */
bool vt_send(struct vt *vt, const char *bytes);

/* A special key as the terminal encodes it in the program's current modes
 * (Enter is "\r", Backspace is DEL, Escape is ESC). */
bool vt_key(struct vt *vt, VTermKey key, VTermModifier mod);

/* A character typed with modifiers.  Beware libvterm: Ctrl only gives the
 * classic control byte for lowercase a-z (minus i, j, m) and \ ] ^ _; for
 * anything else it sends a CSI u sequence.  Use vt_send("\x03") for the
 * plain control bytes.  Alt prefixes ESC. */
bool vt_unichar(struct vt *vt, uint32_t cp, VTermModifier mod);

/* Clicks at a cell: buttons 1-3 are pressed and released there, 4 and 5
 * (wheel up/down) are pressed only.  Sends nothing unless the program has
 * turned mouse reporting on (see vt_mouse_mode); the encoding (X10, SGR
 * 1006...) is the one the program asked for. */
bool vt_mouse_click(struct vt *vt, int row, int col, int button);

/* Waits up to timeout_ms for output, then reads what is there (a bounded
 * amount) into the screen.  True if anything was read.  Returns false at
 * once when the program's side of the pty is closed (see vt_closed). */
bool vt_pump(struct vt *vt, int timeout_ms);

/* Bytes read from the program since vt_spawn. */
size_t vt_bytes_received(const struct vt *vt);

/* True once every process holding the pty's slave side has closed it (the
 * program exited): the screen cannot change any more. */
bool vt_closed(const struct vt *vt);

/* Pumps until the text is on the screen (within one row) or the time is
 * up or the program's side closed; true if found. */
bool vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms);

/* Pumps until the text is nowhere on the screen; true if it went. */
bool vt_wait_no_text(struct vt *vt, const char *utf8, int timeout_ms);

/* Pumps until the program has written nothing for quiet_ms (or closed its
 * side); false if it was still writing after timeout_ms. */
bool vt_wait_idle(struct vt *vt, int quiet_ms, int timeout_ms);

/* The text of a row: each character once (the right half of a wide one is
 * skipped, combining marks follow their base), blank cells as spaces,
 * trailing spaces trimmed.  NULL if row is off the screen.  Caller frees. */
char *vt_row_text(struct vt *vt, int row);

/* Every row as vt_row_text gives it, each followed by '\n', with the empty
 * rows at the bottom left out (a blank screen is "").  Caller frees. */
char *vt_screen_text(struct vt *vt);

/* Where the text first appears (top to bottom, left to right, within one
 * row).  row and col may be NULL; col is in cells. */
bool vt_find(struct vt *vt, const char *utf8, int *row, int *col);

struct vt_cell_info {
    uint32_t cp;    /* first code point; 0 for a blank cell or the right half
                       of a wide character */
    int width;      /* 1, 2 for a wide character, 0 for its right half */
    bool bold, reverse, underline;
    bool fg_default, bg_default; /* no colour was asked for */
    int fg_index, bg_index;      /* palette index 0-255, or -1 (default or
                                    direct RGB colour) */
    uint8_t fg_rgb[3], bg_rgb[3]; /* the colour libvterm would paint */
};

/* Fills *out for a cell; false if the cell is off the screen. */
bool vt_cell(struct vt *vt, int row, int col, struct vt_cell_info *out);

/* True if every character on the screen is below 0x80. */
bool vt_screen_is_ascii(struct vt *vt);

/* Prints the screen in a frame with row numbers, for failure messages. */
void vt_dump(struct vt *vt, FILE *to);

/* Resizes the pty (the kernel sends SIGWINCH to the program) and the
 * emulated screen. */
void vt_resize(struct vt *vt, int cols, int rows);

int vt_rows(struct vt *vt);
int vt_cols(struct vt *vt);
int vt_cursor_row(struct vt *vt);
int vt_cursor_col(struct vt *vt);
/* False after the program hid the cursor (curs_set(0), "\e[?25l"). */
bool vt_cursor_visible(const struct vt *vt);
/* How many times the program rang the bell. */
int vt_bells(const struct vt *vt);
/* The mouse reporting the program turned on: VTERM_PROP_MOUSE_NONE (0),
 * _CLICK (1000), _DRAG (1002) or _MOVE (1003). */
int vt_mouse_mode(const struct vt *vt);

/* Sends a signal to the program (not to its children).  -1 with errno
 * ESRCH once it has been reaped, so a recycled pid is never signalled. */
int vt_kill(struct vt *vt, int sig);

/* Waits for the program to exit, reading its output meanwhile (so it never
 * blocks on a full pty) and afterwards (so its last words are on screen).
 * Stores the waitpid() status in *status (may be NULL); -1 if something
 * else reaped the child.  False on timeout.  Can be called again. */
bool vt_wait_exit(struct vt *vt, int timeout_ms, int *status);

/* Kills the program's process group with SIGKILL if it is still running,
 * reaps it, closes the pty and frees everything.  NULL is fine. */
void vt_free(struct vt *vt);

#endif
