/* The check-in screen's private parts, shared by checkin.c (state, keys,
 * saving), checkin_draw.c (layout and drawing), tagpick.c (the tag
 * picker) and noteedit.c (the note editor). */
#ifndef ACHE_CHECKIN_IMPL_H
#define ACHE_CHECKIN_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"
#include "ache/tags.h"

struct grid;
struct term_event;

/* The rows of the form, top to bottom: the eight sliders (in field
 * order), then the body map, the tags and the note. */
enum { FOCUS_BODY = CF_COUNT, FOCUS_TAGS, FOCUS_NOTE, FOCUS_COUNT };

/* The screen's layout for one size, computed before drawing and before
 * mouse hit-testing, so both agree. */
struct checkin_layout {
    int left_w;             /* width of the slider column */
    int slider_y;           /* first slider row */
    int body_x, body_y;     /* top-left of the body figure */
    int tags_y, note_y;     /* rows of the tags and note lines */
    int panel_x, panel_y, panel_w, panel_h; /* the pickers' box */
};

struct tagpick {
    struct tag_list tags; /* the diary's tags */
    char filter[TAG_NAME_MAX + 1];
    int cursor;           /* index into the visible rows */
    int scroll;
    bool choosing_kind;   /* asking the kind of a new tag */
};

/* The longest text of sleep hours that can still become a value
 * ("12.25", "6.250"). */
#define TYPING_TEXT_MAX 5
/* Room for the text of a number, with the rest of a refused one. */
#define TYPING_BUF 16

/* A number being typed into a slider, from its first character until it
 * ends (checkin_typing.c); text[0] == '\0' when there is none. Each
 * prefix that is already a value is stored at once, so that a closed
 * terminal loses nothing, yet the whole number is one change of one
 * field: `before` is what it changed, what refusing it goes back to (and
 * what an undo of it would). */
struct typing {
    int field;
    char text[TYPING_BUF]; /* as typed ("1", "6,5"): slider, messages */
    int before;       /* the field's value before the number began */
    int64_t last_ms;  /* when its last character came (monotonic clock) */
    bool refused;     /* it cannot be a value: the field is back at
                         `before`, and the rest of it is swallowed */
};

struct checkin_state {
    ache_day day;
    struct checkin_list saved; /* the day's stored check-ins, as last read
                                  or written */
    int index;                 /* which one; saved.n means a new one */
    struct checkin cur;        /* the working copy shown */
    bool pending;              /* a change the diary has not taken yet */
    char why[512];             /* why it has not */
    bool settled;              /* made long ago and not changed in this
                                  sitting: a change starts a new one */
    bool gone;                 /* removed elsewhere while shown */
    bool reloaded;             /* the last save met a change made
                                  elsewhere, and reloaded */
    bool timed;                /* the screen gave the check-in shown,
                                  new in this sitting, its time of day */
    bool confirm_remove;       /* D asked whether to remove it */
    struct store_change sitting; /* the change this sitting makes */
    struct checkin_list steps; /* for u: the check-in before each change */
    int focus;
    int region;                /* the body map's cursor */
    struct typing typing;      /* a number being typed */
    struct tagpick *picker;    /* open when not NULL */
    struct editbuf *note;      /* the note editor, open when not NULL */
    bool note_changed;         /* the open editor's text was changed */
};

/* checkin.c */
/* Sets a field of the check-in shown and stores it. */
void checkin_screen_set(struct checkin_state *s, struct app *app, int field,
                        int steps);

/* checkin_save.c: showing, saving, steps for u, removal. */
/* Shows a new, empty check-in of the day, or the stored one at index,
 * each a sitting of its own, with the focus on pain. */
void checkin_screen_show_new(struct checkin_state *s);
void checkin_screen_show(struct checkin_state *s, struct app *app, int index);
/* Reads the day and shows its latest check-in (or a new one). */
void checkin_screen_load_day(struct checkin_state *s, struct app *app,
                             ache_day day);
/* Reads the day again, keeping the check-in shown (after another screen,
 * or another program, may have changed it). */
void checkin_screen_reload(struct checkin_state *s, struct app *app);
/* Before a change of the check-in shown: a settled check-in gives way to
 * a new one (unsettle), and the check-in as it is becomes a step for u
 * (step). */
void checkin_screen_unsettle(struct checkin_state *s, struct app *app);
void checkin_screen_step(struct checkin_state *s, struct app *app);
/* u: back to the check-in as it was before the last step. */
unsigned checkin_screen_undo(struct checkin_state *s, struct app *app);
/* Stores the shown check-in (see checkin_save.c). */
void checkin_screen_save(struct checkin_state *s, struct app *app);
/* Whether the check-in shown may be left: its changes are stored. */
bool checkin_screen_can_leave(struct checkin_state *s, struct app *app);
/* D: asks whether to remove the check-in shown. */
unsigned checkin_screen_ask_remove(struct checkin_state *s, struct app *app);
/* A key answering the question the screen asked; false when none was. */
bool checkin_screen_answer(struct checkin_state *s, struct app *app,
                           int key);
/* On leaving the screen: a last try for a change not saved yet, and the
 * app told of one that still is not. */
void checkin_screen_last_try(struct checkin_state *s, struct app *app);
void checkin_screen_layout(const struct app *app, const struct grid *g,
                           struct checkin_layout *l);

/* checkin_draw.c */
void checkin_screen_draw(void *state, struct app *app, struct grid *g,
                         int *cx, int *cy);

/* checkin_typing.c */
/* Whether a key is the next character of the number being typed (in the
 * focused field, within its time); any other key ends it first. */
bool checkin_typing_goes_on(const struct checkin_state *s, int key);
/* Takes a digit (and, for sleep hours, a '.' or ','); false for a key
 * that is no part of a number of the focused field. */
bool checkin_typing_key(struct checkin_state *s, struct app *app, int key);
/* Ends the number being typed, if any (refusing it if it is no value). */
void checkin_typing_end(struct checkin_state *s, struct app *app);
/* Milliseconds until the number's time to go on is over (0: over), or -1
 * when none is being typed. */
int checkin_typing_ms_left(const struct checkin_state *s);
/* The text to show on a field's slider while it waits for more, or NULL. */
const char *checkin_typing_shown(const struct checkin_state *s, int field);
/* The message line's hint while a number waits; false when there is none. */
bool checkin_typing_hint(const struct checkin_state *s, char *buf,
                         size_t size);

/* tagpick.c */
extern const struct binding tagpick_bindings[];
struct tagpick *tagpick_open(struct app *app);
void tagpick_close(struct tagpick *p);
unsigned tagpick_handle(struct checkin_state *s, struct app *app,
                        const struct term_event *ev);
void tagpick_draw(const struct checkin_state *s, struct app *app,
                  struct grid *g, const struct checkin_layout *l, int *cx,
                  int *cy);

/* noteedit.c */
extern const struct binding noteedit_bindings[];
void noteedit_open(struct checkin_state *s);
void noteedit_close(struct checkin_state *s);
unsigned noteedit_handle(struct checkin_state *s, struct app *app,
                         const struct term_event *ev);
void noteedit_draw(const struct checkin_state *s, struct app *app,
                   struct grid *g, const struct checkin_layout *l, int *cx,
                   int *cy);

#endif
