/* app: the full-screen diary's loop, its screens and key bindings.
 *
 * Every screen is a state plus a const table of operations (tig's views):
 * handlers return flags and never draw; the loop redraws once, when a
 * handler said something changed. Keys map to requests through one table
 * per screen that also carries the help text, so the help screen and the
 * status line can never drift from the bindings.
 */
#ifndef ACHE_APP_H
#define ACHE_APP_H

#include <stdbool.h>

#include "ache/date.h"
#include "ache/grid.h"

struct store;
struct term_event;

/* What a handler tells the loop. */
enum {
    H_IGNORED = 0,
    H_HANDLED = 1 << 0,
    H_REDRAW = 1 << 1,
    H_QUIT = 1 << 2,
};

/* Requests every screen may receive. */
#define APP_REQUESTS(X)                                                     \
    X(REQ_NONE)                                                             \
    X(REQ_QUIT)                                                             \
    X(REQ_HELP)                                                             \
    X(REQ_SCREEN_CHECKIN)                                                   \
    X(REQ_SCREEN_CALENDAR)                                                  \
    X(REQ_SCREEN_TRENDS)                                                    \
    X(REQ_SCREEN_INSIGHTS)                                                  \
    X(REQ_RANGE)                                                            \
    X(REQ_AVG)                                                              \
    X(REQ_SPREAD)                                                           \
    X(REQ_START)                                                            \
    X(REQ_END)                                                              \
    X(REQ_BACK)                                                             \
    X(REQ_GOTO)                                                             \
    X(REQ_FIELD)                                                            \
    X(REQ_PREV_WEEK)                                                        \
    X(REQ_NEXT_WEEK)                                                        \
    X(REQ_PREV_MONTH)                                                       \
    X(REQ_NEXT_MONTH)                                                       \
    X(REQ_OPEN)                                                             \
    X(REQ_NEXT_FIELD)                                                       \
    X(REQ_PREV_FIELD)                                                       \
    X(REQ_NEXT_SECTION)                                                     \
    X(REQ_PREV_SECTION)                                                     \
    X(REQ_DECREASE)                                                         \
    X(REQ_INCREASE)                                                         \
    X(REQ_DIGIT)                                                            \
    X(REQ_ERASE)                                                            \
    X(REQ_YES)                                                              \
    X(REQ_NO)                                                               \
    X(REQ_CLEAR)                                                            \
    X(REQ_TOGGLE)                                                           \
    X(REQ_PREV_DAY)                                                         \
    X(REQ_NEXT_DAY)                                                         \
    X(REQ_TODAY)                                                            \
    X(REQ_NEW_CHECKIN)                                                      \
    X(REQ_PREV_CHECKIN)                                                     \
    X(REQ_NEXT_CHECKIN)                                                     \
    X(REQ_BODY)                                                             \
    X(REQ_TAGS)                                                             \
    X(REQ_NOTE)                                                             \
    X(REQ_FILTER)                                                           \
    X(REQ_UNDO)                                                             \
    X(REQ_REMOVE)                                                           \
    X(REQ_CHANGE_SETTLED)                                                   \
    X(REQ_COPY_PREVIOUS)                                                    \
    X(REQ_SET_TIME)                                                         \
    X(REQ_SEARCH)                                                           \
    X(REQ_SEARCH_NEXT)                                                      \
    X(REQ_SEARCH_PREV)                                                      \
    X(REQ_RENAME)

enum request {
#define APP_REQUEST_ENUM(name) name,
    APP_REQUESTS(APP_REQUEST_ENUM)
#undef APP_REQUEST_ENUM
};

/* One key binding: the key, what it asks for, and how help shows it.
 * Several keys may share a request; the first binding of a request in a
 * table carries the label and help ("j/k ↓/↑"), the others have NULL. */
struct binding {
    int key;              /* enum term_key or a code point */
    enum request req;
    const char *label;    /* keys as shown, e.g. "j/k ↓↑" (NULL: hidden) */
    const char *ascii_label; /* the same without UTF-8 (NULL: label) */
    const char *help;     /* what it does, for the help screen */
    const char *status;   /* short form for the status line, or NULL */
};

enum request binding_lookup(const struct binding *table, int key);

struct app;

struct screen_ops {
    const char *name;
    int min_w, min_h;
    void *(*open)(struct app *app);
    /* Stores anything still pending, then frees the state. */
    void (*close)(void *state, struct app *app);
    /* Draws the whole screen above the status line; sets *cx, *cy to
     * where the terminal cursor belongs (-1 to hide it). */
    void (*draw)(void *state, struct app *app, struct grid *g, int *cx,
                 int *cy);
    unsigned (*handle)(void *state, struct app *app,
                       const struct term_event *ev);
    /* Called when the screen is on top again after the one above closed
     * (to re-read what that one changed). May be NULL. */
    void (*resume)(void *state, struct app *app);
    /* Called when nothing happened for a while (retrying a busy save). */
    unsigned (*tick)(void *state, struct app *app);
    /* Milliseconds until tick is wanted, or -1 for never. */
    int (*tick_after)(void *state);
    const struct binding *bindings;
    /* The keys in force right now, when a panel of the screen has its
     * own (NULL: always `bindings`). For the status line and help. */
    const struct binding *(*bindings_now)(void *state);
    /* The few of the screen's keys the status line names right now, when
     * they follow where the screen's focus is (NULL: those of the table
     * in force). Asked only while `bindings` is in force: a panel's keys
     * are its own. */
    const struct binding *(*status_now)(void *state);
};

extern const struct screen_ops checkin_screen;
extern const struct screen_ops calendar_screen;
extern const struct screen_ops trends_screen;
extern const struct screen_ops insights_screen;

#define APP_STACK_MAX 4

/* Lines a turn of the mouse wheel scrolls, as in most terminal programs. */
#define APP_WHEEL_LINES 3

struct app {
    struct store *store;
    struct terminal *term;
    ache_day today;
    bool utf8;
    const struct glyphs *gl;
    struct grid *grid;
    const struct screen_ops *screen; /* the screen on top */
    void *state;
    /* The screens below the top one, bottom first. */
    const struct screen_ops *below[APP_STACK_MAX];
    void *below_state[APP_STACK_MAX];
    int depth;
    ache_day open_day;   /* the day a screen being opened starts on */
    int week_start;      /* 0 Monday, 6 Sunday (from the config file) */
    bool help_open;
    int help_scroll;     /* the first line of the help shown */
    bool help_more;      /* the help is longer than the terminal */
    char message[200];   /* a transient line above the status line */
    enum style message_style;
    char unsaved[512];   /* a change not saved when the diary closed */
};

/* How the full-screen diary starts. */
struct app_start {
    ache_day today;
    int week_start;
    /* A problem to show in the message line at the start (the settings
     * file, say), or NULL. */
    const char *notice;
    /* A first run's few words (the new diary's path, what to type), shown
     * when there is no notice; the first key clears it and still counts. */
    const char *welcome;
};

/* Opens the full-screen diary on an open store; returns an exit status:
 * 1, after saying why on stderr, when a change could not be saved. */
int app_run(struct store *store, const struct app_start *start);

/* Opens a screen on top of the current one, starting on `day` (a drill
 * down: Esc returns); when the stack is full the top one gives way. */
void app_push(struct app *app, const struct screen_ops *ops, ache_day day);

struct store_span;
/* A line of text with the words a search found marked. */
struct app_marked {
    const char *text;
    size_t from, to;                /* the bytes drawn */
    const struct store_span *spans; /* ordered; those before `to` marked */
    size_t nspans;
};
/* Draws m's bytes from (x, y), at most room columns, the words found in
 * ST_CURSOR (reverse video); returns the columns drawn. *first, when not
 * NULL, gets the column of the first word shown, or -1. */
int app_draw_marked(struct grid *g, int x, int y, int room,
                    const struct app_marked *m, int *first);

/* A key typed into a one-line text (a search line, a tag's new name):
 * Backspace takes back the last character, a printable one (no control
 * or bidirectional override) is added when it fits in size bytes with
 * its NUL; false for any other key, which the caller handles. */
bool app_line_edit(char *text, size_t size, int key);

/* Sets the transient message shown above the status line. */
void app_message(struct app *app, enum style st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Says, once the terminal is given back, that a change was not saved (a
 * screen's last words on closing); app_run then exits 1. */
void app_unsaved(struct app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Draws the status line of a binding table at row y. */
void app_draw_status(struct app *app, struct grid *g, int y,
                     const struct binding *table);

#endif
