/* The note editor: a box over the sliders where the note is written,
 * several lines, any script. Every change is stored at once, like every
 * other change on the screen; Esc closes the box. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/editbuf.h"
#include "ache/grid.h"
#include "ache/term.h"
#include "ache/text.h"
#include "ache/util.h"
#include "checkin_impl.h"

/* The editor's keys, for the status line and help. */
const struct binding noteedit_bindings[] = {
    {TK_ENTER, REQ_TOGGLE, "Enter", NULL, "a new line", "new line"},
    {TK_LEFT, REQ_DECREASE, "arrows", NULL, "move; Home/End or Ctrl-A/E "
     "the line's ends, Ctrl-arrows by word", "move"},
    {TK_BACKSPACE, REQ_CLEAR, "Backspace Del", "Bksp Del", "erase a "
     "character; Ctrl-W a word, Ctrl-K to the line's end", "erase"},
    {TK_ESC, REQ_QUIT, "Esc", NULL, "close the note (it is saved as you "
     "type)", "done"},
    {0, REQ_NONE, NULL, NULL, NULL, NULL}};

void noteedit_open(struct checkin_state *s)
{
    s->note_changed = false; /* a sitting in the editor is one step */
    s->note = xcalloc(1, sizeof *s->note);
    editbuf_init(s->note, s->cur.note); /* the cursor at the end */
}

void noteedit_close(struct checkin_state *s)
{
    if (!s->note)
        return;
    editbuf_free(s->note);
    free(s->note);
    s->note = NULL;
}

static void store_note(struct checkin_state *s, struct app *app)
{
    const char *text = editbuf_text(s->note);
    if (s->cur.note ? strcmp(s->cur.note, text) == 0 : !*text)
        return;
    if (!s->note_changed)
        checkin_screen_step(s, app);
    s->note_changed = true;
    checkin_set_note(&s->cur, text);
    checkin_screen_save(s, app);
}

static void insert_char(struct checkin_state *s, struct app *app,
                        uint32_t cp)
{
    char enc[4];
    size_t n = utf8_encode(cp, enc);
    if (!editbuf_would_fit(s->note, n, CHECKIN_NOTE_MAX)) {
        app_message(app, ST_WARN, "The note is full (%d bytes).",
                    CHECKIN_NOTE_MAX);
        return;
    }
    editbuf_insert_cp(s->note, cp);
}

/* The editor's text columns: the box's inside less one cell, kept for
 * the cursor at the end of a full row. */
static int text_cols(const struct checkin_layout *l)
{
    return l->panel_w - 5;
}

/* Keys that only move the cursor; returns false for any other key. */
static bool move_key(struct editbuf *b, int key, int cols)
{
    switch (key) {
    case TK_LEFT:
        editbuf_left(b);
        return true;
    case TK_RIGHT:
        editbuf_right(b);
        return true;
    case TK_UP:
        editbuf_up(b, cols);
        return true;
    case TK_DOWN:
        editbuf_down(b, cols);
        return true;
    case TK_HOME:
    case TK_CTRL('a'):
        editbuf_line_start(b);
        return true;
    case TK_END:
    case TK_CTRL('e'):
        editbuf_line_end(b);
        return true;
    case TK_CTRL_LEFT:
        editbuf_word_left(b);
        return true;
    case TK_CTRL_RIGHT:
        editbuf_word_right(b);
        return true;
    default:
        return false;
    }
}

/* Keys that change the text. */
static void edit_key(struct checkin_state *s, struct app *app, int key)
{
    struct editbuf *b = s->note;
    if (key == TK_ENTER)
        insert_char(s, app, '\n');
    else if (key == TK_BACKSPACE)
        editbuf_backspace(b);
    else if (key == TK_DELETE || key == TK_CTRL('d'))
        editbuf_delete(b);
    else if (key == TK_CTRL('w'))
        editbuf_delete_word_back(b);
    else if (key == TK_CTRL('k'))
        editbuf_kill_to_line_end(b);
    else if (key == TK_TAB || (key >= ' ' && key < TK_BASE && key != 0x7f))
        insert_char(s, app, key == TK_TAB ? '\t' : (uint32_t)key);
    else
        return;
    store_note(s, app);
}

unsigned noteedit_handle(struct checkin_state *s, struct app *app,
                         const struct term_event *ev)
{
    if (ev->key == TK_ESC) {
        store_note(s, app);
        noteedit_close(s);
        return H_HANDLED;
    }
    if (ev->key == TK_MOUSE)
        return H_HANDLED;
    struct checkin_layout l;
    checkin_screen_layout(s, app, app->grid, &l);
    if (!move_key(s->note, ev->key, text_cols(&l)))
        edit_key(s, app, ev->key);
    return H_HANDLED; /* the editor keeps every key while open */
}

void noteedit_draw(const struct checkin_state *s, struct app *app,
                   struct grid *g, const struct checkin_layout *l, int *cx,
                   int *cy)
{
    int x = l->panel_x, y = l->panel_y, w = l->panel_w, h = l->panel_h;
    int cols = text_cols(l), rows = h - 3;
    grid_box(g, x, y, w, h, app->gl, "Note", ST_DIM);
    struct editbuf_line *lines = NULL;
    size_t n = editbuf_wrap(s->note, cols, &lines);
    int crow, ccol;
    editbuf_cursor_pos(s->note, cols, &crow, &ccol);
    int top = crow >= rows ? crow - rows + 1 : 0;
    const char *text = editbuf_text(s->note);
    for (int i = 0; i < rows && (size_t)(top + i) < n; i++) {
        const struct editbuf_line *ln = &lines[top + i];
        char *piece = xstrndup(text + ln->start, ln->end - ln->start);
        for (char *tab = strchr(piece, '\t'); tab; tab = strchr(tab, '\t'))
            *tab = ' '; /* a tab is one column, drawn as a space */
        grid_text(g, x + 2, y + 1 + i, piece, ST_NORMAL, cols + 1);
        free(piece);
    }
    free(lines);
    grid_text(g, x + 2, y + h - 2,
              "saved as you type; Esc: done", ST_DIM,
              w - 4);
    *cx = x + 2 + ccol;
    *cy = y + 1 + crow - top;
}
