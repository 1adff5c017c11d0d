/* The check-in screen's private parts, shared by checkin.c (state, keys,
 * saving), checkin_draw.c (layout and drawing), tagpick.c (the tag
 * picker) and noteedit.c (the note editor). */
#ifndef ACHE_CHECKIN_IMPL_H
#define ACHE_CHECKIN_IMPL_H

#include <stdint.h>

#include "ache/app.h"
#include "ache/checkin.h"
#include "ache/editbuf.h"
#include "ache/tags.h"

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

struct checkin_state {
    ache_day day;
    struct checkin_list saved; /* the day's stored check-ins */
    int index;                 /* which one; saved.n means a new one */
    struct checkin cur;        /* the working copy shown */
    bool pending;              /* a change the diary has not taken yet */
    int focus;
    int region;                /* the body map's cursor */
    int last_digit;            /* for typing "10": the digit before */
    int64_t last_digit_ms;
    struct tagpick *picker;    /* open when not NULL */
    struct editbuf *note;      /* the note editor, open when not NULL */
};

/* checkin.c */
void checkin_screen_save(struct checkin_state *s, struct app *app);
void checkin_screen_layout(const struct app *app, const struct grid *g,
                           struct checkin_layout *l);

/* checkin_draw.c */
void checkin_screen_draw(void *state, struct app *app, struct grid *g,
                         int *cx, int *cy);

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
