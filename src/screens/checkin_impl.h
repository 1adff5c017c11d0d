/* The check-in screen's private parts, shared by checkin.c (state, keys),
 * checkin_save.c (saving), checkin_rows.c (the fields shown, focus and
 * layout), checkin_draw.c (drawing), checkin_typing.c (numbers typed),
 * checkin_quick.c (p copies the previous check-in's regions and tags, T
 * sets the time, / finds a body region),
 * tagpick.c (the tag picker) and noteedit.c (the note editor). */
#ifndef ACHE_CHECKIN_IMPL_H
#define ACHE_CHECKIN_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/store.h"
#include "ache/tags.h"

struct grid;
struct term_event;

/* The rows of the form, top to bottom: a control for each field shown
 * (in the field table's order; the focus is then the field's key), then
 * the body map, the tags, the note and the doses (a line for each
 * medicine taken on the day, when there are any: s->dose_line says
 * which), which have keys of their own below every field's. */
enum { FOCUS_DOSES = -4, FOCUS_BODY = -3, FOCUS_TAGS = -2, FOCUS_NOTE = -1 };

/* A line of the doses row: a medicine taken on the day shown, with its
 * regimen that day, and which of its times a dose of the day ticks
 * (checkin_doses.c). */
struct dose_row {
    char med[MED_NAME_MAX + 1];
    struct med_period p;
    bool ticked[MED_TIMES_MAX];
    size_t ticked_by[MED_TIMES_MAX]; /* where ticked: the dose that ticks
                                        it, in the state's doses */
};

/* At most this many fields are shown: every built-in and own one. */
#define CHECKIN_ROWS_MAX (CF_COUNT + FIELD_OWN_MAX)

/* The fields a check-in shows, in order (checkin_rows.c). */
struct checkin_rows {
    int key[CHECKIN_ROWS_MAX];
    int n;
};

/* The screen's layout for one size, computed before drawing and before
 * mouse hit-testing, so both agree. */
struct checkin_layout {
    int left_w;             /* width of the slider column */
    int slider_y;           /* first slider row */
    int rows_shown;         /* how many fields fit from slider_y on */
    int first_row;          /* the first of them shown (s->scroll, kept
                               so that the focused field is in view) */
    struct checkin_rows rows; /* the fields the check-in shows */
    int body_x, body_y;     /* top-left of the body figure */
    int tags_y, note_y;     /* rows of the tags and note lines */
    int doses_y;            /* first row of the doses, when there are */
    int panel_x, panel_y, panel_w, panel_h; /* the pickers' box */
};

struct tagpick {
    struct tag_list tags; /* the diary's tags */
    int *rank;            /* per tag, its place in the list before any
                             filter: ticked (0), recent (1 the latest),
                             the rest (TAGPICK_REST) */
    bool filtering;       /* letters filter (after / or a letter that is
                             not j or k); j and k are letters then */
    char filter[TAG_NAME_MAX + 1];
    int cursor;           /* index into the visible rows */
    int scroll;
    bool choosing_kind;   /* asking the kind of a new tag */
    /* Ctrl-R: renaming the tag under the cursor (tagpick.c) */
    bool renaming;        /* the new name is being typed */
    bool asking_merge;    /* the new name is a tag there: merge into it? */
    char rename_from[TAG_NAME_MAX + 1];
    int64_t rename_rev;   /* its revision when the prompt opened */
    char rename_text[4 * TAG_NAME_MAX + 1]; /* as typed */
    char merge_into[TAG_NAME_MAX + 1];
    enum tag_kind merge_kind;
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
 * what an undo of it would). Backspace takes back its last character, or
 * begins a number from the value shown (a count, minutes, hours). */
struct typing {
    bool active;      /* a number is being typed (its text may be empty:
                         Backspace took every character back) */
    int field;
    char text[TYPING_BUF]; /* as typed ("1", "6,5"): slider, messages */
    int before;       /* the field's value before the number began */
    int64_t last_ms;  /* when its last character came (monotonic clock) */
    bool refused;     /* it cannot be a value: the field is back at
                         `before`, and the rest of it is swallowed */
    bool flow;        /* a rating was just made whole: a digit that
                         follows at once goes to the next field */
    int flow_field;
    int64_t flow_ms;  /* when its last digit came */
};

/* Type-to-find on the body map (checkin_quick.c): after /, letters find a
 * region by its name, until Enter ticks it, a pause or a move. */
#define REGIONFIND_MAX 24
/* How the message line begins while a find or the time prompt is open
 * (the cursor goes after it, where the next character typed shows). */
#define FIND_START "Find a region: "
#define FIND_LEAD "Find: "
#define TIMEPROMPT_LEAD "Time of this check-in: "
struct regionfind {
    bool active;
    char text[REGIONFIND_MAX];
    int64_t last_ms;
};

/* The time prompt (checkin_quick.c): T asks the check-in's time. */
#define TIMEPROMPT_MAX 8
struct timeprompt {
    bool active;
    char text[TIMEPROMPT_MAX];
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
    int focus;                 /* a field's key, or FOCUS_BODY... */
    int scroll;                /* the first field shown, when they do not
                                  all fit (kept by checkin_screen_layout) */
    int *week_skip;            /* weekly fields answered by another
                                  check-in of the week, and not by this
                                  one: not asked again (their keys) */
    size_t nweek_skip;
    int region;                /* the body map's cursor */
    struct typing typing;      /* a number being typed */
    struct regionfind find;    /* a region being found by name */
    struct timeprompt ask_time; /* the time being typed */
    struct tagpick *picker;    /* open when not NULL */
    struct editbuf *note;      /* the note editor, open when not NULL */
    bool note_changed;         /* the open editor's text was changed */
    struct dose_row *dose_rows; /* the doses row's lines, as last read */
    size_t ndose_rows;
    struct dose_list doses;    /* of the day shown and the day before */
    int dose_line;             /* the focused line of the doses row */
    int dose_slot;             /* the focused time on it */
};

/* checkin.c */
/* Sets a field of the check-in shown and stores it. */
void checkin_screen_set(struct checkin_state *s, struct app *app, int field,
                        int steps);

/* checkin_rows.c: which fields are shown, and moving among them. */
/* The fields the check-in shown asks: not hidden, and a weekly one only
 * while the week has no answer to it elsewhere. */
void checkin_rows_get(const struct checkin_state *s, struct checkin_rows *r);
/* The row of a key among them, or -1. */
int checkin_rows_find(const struct checkin_rows *r, int key);
/* The first field shown, or FOCUS_BODY when every field is hidden. */
int checkin_rows_first(const struct checkin_state *s);
/* Puts the focus on a field shown when the field it was on is not. */
void checkin_rows_fix_focus(struct checkin_state *s);
/* Reads the week of the check-in shown for the weekly fields another
 * check-in of it answered (the week begins on app->week_start). */
void checkin_rows_read_week(struct checkin_state *s, struct app *app);
/* j/k, Tab and Shift-Tab over the fields shown, body, tags and note. */
unsigned checkin_rows_move(struct checkin_state *s, enum request r);
/* The index in l->rows of the field whose control is at row y of the
 * screen, or -1 when none is. */
int checkin_rows_at(const struct checkin_layout *l, int y);

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
/* The layout of the form for the grid's size; keeps s->scroll such that
 * the focused field is in view. */
void checkin_screen_layout(struct checkin_state *s, const struct app *app,
                           const struct grid *g, struct checkin_layout *l);

/* checkin_doses.c: the doses row. */
/* Reads the medicines taken on the day shown and the doses of that day
 * and the day before (on showing a day, after a save and after a tick). */
void checkin_doses_read(struct checkin_state *s, struct app *app);
void checkin_doses_free(struct checkin_state *s);
/* h/l (dir -1/1) over the focused line's times; Space ticks one. */
unsigned checkin_doses_request(struct checkin_state *s, struct app *app,
                               enum request r);
void checkin_doses_draw(const struct checkin_state *s, struct app *app,
                        struct grid *g, const struct checkin_layout *l);

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
/* Backspace: takes back the last character of the number being typed, or
 * begins one from the value shown less its last digit; false for a field
 * whose numbers are not typed as text (a rating, a yes/no). */
bool checkin_typing_erase(struct checkin_state *s, struct app *app);
/* Whether a field's numbers are typed as text: hours, counts, minutes. */
bool checkin_typing_as_text(int field);
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

/* checkin_typing.c: the clock numbers are timed by. */
int64_t checkin_typing_now_ms(void);
/* A digit right after a rating was made whole moves the focus on to the
 * next field first (6 7 3 fills pain, fatigue, sleep); any other key
 * ends that. Called with every key, after the number was ended. */
void checkin_typing_flow(struct checkin_state *s, int key);

/* checkin_quick.c: fewer keys. */
/* The latest n check-ins before the one shown (the day's earlier ones,
 * then earlier days), latest first, into out. */
void checkin_quick_before(struct checkin_state *s, struct app *app, size_t n,
                          struct checkin_list *out);
/* p: the regions and tags of the previous check-in added to this one. */
unsigned checkin_quick_copy_previous(struct checkin_state *s, struct app *app);
/* T: asks the check-in's time; the prompt takes the keys that follow. */
unsigned checkin_quick_ask_time(struct checkin_state *s, struct app *app);
bool checkin_quick_time_key(struct checkin_state *s, struct app *app, int key);
/* Type-to-find on the body map: / begins it; false for a key it does not
 * take (a move key ends it, and is then handled as usual). */
bool checkin_quick_find_key(struct checkin_state *s, struct app *app, int key);
void checkin_quick_find_end(struct checkin_state *s, struct app *app);
/* Milliseconds until a pause ends the find (0: over), or -1. */
int checkin_quick_find_ms_left(const struct checkin_state *s);

/* tagpick.c */
/* The rank of the tags that are neither ticked nor recent. */
#define TAGPICK_REST 1000000
/* How many of the latest check-ins make a tag recent. */
#define TAGPICK_RECENT_CHECKINS 20
extern const struct binding tagpick_bindings[];
/* The keys the picker takes now: its own, or the rename prompt's, or the
 * merge question's. */
const struct binding *tagpick_bindings_of(const struct tagpick *p);
struct tagpick *tagpick_open(struct checkin_state *s, struct app *app);
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
