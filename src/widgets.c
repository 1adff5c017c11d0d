/* widgets: the slider of the check-in screen. */
#include "ache/widgets.h"

#include <stdio.h>
#include <string.h>

#include "ache/fields.h"
#include "ache/text.h"

/* A label beside a control that shows its value itself (a yes/no, a
 * number's box) has the number's columns too. */
#define LABEL_WIDE (SLIDER_BAR_X - 4)
/* The digits a number's box holds: 9999 and 1440 have four. */
#define BOX_DIGITS 4

int slider_bar_width(int w)
{
    int bar = w - SLIDER_BAR_X - 1;
    return bar < 2 ? 2 : bar;
}

/* The bar cell of a value: 0 at the left end, max at the right. */
static int value_cell(int bar, int steps, int max)
{
    return (steps * (bar - 1) + max / 2) / max;
}

int slider_value_at(int w, enum checkin_field f, int col)
{
    int bar = slider_bar_width(w);
    int max = checkin_field_info(f)->max_steps;
    int pos = col - SLIDER_BAR_X;
    if (pos < 0 || pos >= bar)
        return -1;
    return (pos * max + (bar - 1) / 2) / (bar - 1);
}

enum style slider_value_style(enum checkin_field f, int steps)
{
    const struct field_info *fi = checkin_field_info(f);
    if (steps == CHECKIN_ABSENT)
        return ST_ABSENT;
    if (!fi || fi->kind != FIELD_RATING || f == CF_ACTIVITY)
        return ST_SERIES1; /* neither good nor bad in itself */
    int badness = fi->higher_is_better ? fi->max_steps - steps : steps;
    if (badness == 0)
        return ST_BAND_NONE;
    return badness <= 3 ? ST_BAND_MILD
                        : badness <= 6 ? ST_BAND_MODERATE : ST_BAND_SEVERE;
}

static void draw_bar(struct grid *g, int x, int y, int bar,
                     enum checkin_field f, int steps,
                     const struct glyphs *gl)
{
    if (steps == CHECKIN_ABSENT) {
        grid_fill(g, x, y, bar, 1, gl->absent, ST_ABSENT);
        return;
    }
    int max = checkin_field_info(f)->max_steps;
    int knob = value_cell(bar, steps, max);
    enum style st = slider_value_style(f, steps);
    grid_fill(g, x, y, knob, 1, gl->fill, st);
    grid_fill(g, x + knob + 1, y, bar - knob - 1, 1, gl->track, ST_DIM);
    grid_put(g, x + knob, y, gl->knob, st);
}

static void draw_ends(struct grid *g, int x, int y, int bar,
                      const struct field_info *fi)
{
    grid_text(g, x, y, fi->low_word, ST_DIM, bar);
    int high = (int)text_width(fi->high_word, strlen(fi->high_word));
    int low = (int)text_width(fi->low_word, strlen(fi->low_word));
    if (low + 1 + high <= bar)
        grid_text(g, x + bar - high, y, fi->high_word, ST_DIM, high);
}

/* The focus mark and the label, cut with an ellipsis to `room`
 * columns. */
static void draw_label(struct grid *g, int x, int y,
                       const struct field_info *fi, int room, bool focused,
                       const struct glyphs *gl)
{
    char label[FIELD_LABEL_MAX + 8]; /* room for "…" */
    if (focused)
        grid_put(g, x, y, gl->arrow_right, ST_FOCUS);
    text_ellipsize(fi->label, (size_t)room, !gl->utf8, label, sizeof label);
    grid_text(g, x + 2, y, label, focused ? ST_FOCUS : ST_NORMAL, room);
}

/* A value's number as shown: what is being typed, "–" when it is not
 * given, else the value. */
static void number_text(const struct field_info *fi, int steps,
                        const char *typed, const struct glyphs *gl,
                        char *buf, size_t size)
{
    if (typed)
        snprintf(buf, size, "%s", typed);
    else if (steps == CHECKIN_ABSENT)
        snprintf(buf, size, "%s", gl->utf8 ? "–" : "-");
    else
        checkin_format_value(fi->key, steps, buf, size);
}

/* A slider's head: the label, and the number right-aligned before the
 * bar (the number being typed with a mark after it); the label gets
 * what the number leaves of its 14 columns. */
static void draw_head(struct grid *g, int x, int y, const struct field_info *fi,
                      int steps, const char *typed, bool focused,
                      const struct glyphs *gl)
{
    char number[16];
    number_text(fi, steps, typed, gl, number, sizeof number);
    int nw = (int)text_width(number, strlen(number));
    int number_x = x + SLIDER_BAR_X - 2 - nw;
    int room = number_x - 1 - (x + 2);
    draw_label(g, x, y, fi, room < 14 ? room : 14, focused, gl);
    enum style nst = typed ? ST_FOCUS
                           : steps == CHECKIN_ABSENT ? ST_ABSENT : ST_BOLD;
    grid_text(g, number_x, y, number, nst, 5);
    if (typed) /* more may follow: a mark after it, the digits stay put */
        grid_put(g, x + SLIDER_BAR_X - 2, y, '_', ST_FOCUS);
}

void slider_draw(struct grid *g, int x, int y, int w, enum checkin_field f,
                 int steps, const char *typed, bool focused,
                 const struct glyphs *gl)
{
    const struct field_info *fi = checkin_field_info(f);
    int bar = slider_bar_width(w);
    draw_head(g, x, y, fi, steps, typed, focused, gl);
    draw_bar(g, x + SLIDER_BAR_X, y, bar, f, steps, gl);
    const char *band = steps == CHECKIN_ABSENT ? "not given"
                                               : checkin_value_band(f, steps);
    grid_text(g, x + 4, y + 1, band, slider_value_style(f, steps),
              SLIDER_BAR_X - 6);
    draw_ends(g, x + SLIDER_BAR_X, y + 1, bar, fi);
}

/* Where a yes/no's answers stand in its control: "○ no   ● yes". */
static void yesno_spans(const struct field_info *fi, int *no_w, int *yes_x,
                        int *yes_w)
{
    *no_w = 2 + (int)text_width(fi->low_word, strlen(fi->low_word));
    *yes_x = *no_w + 3;
    *yes_w = 2 + (int)text_width(fi->high_word, strlen(fi->high_word));
}

static void draw_answer(struct grid *g, int x, int y, int room,
                        const char *word, bool chosen,
                        const struct glyphs *gl)
{
    if (room < 1)
        return;
    grid_put(g, x, y, chosen ? gl->mark_on : gl->mark_off,
             chosen ? ST_BOLD : ST_DIM);
    grid_text(g, x + 2, y, word, chosen ? ST_BOLD : ST_DIM, room - 2);
}

static void yesno_draw(struct grid *g, int x, int y, int w,
                       const struct field_info *fi, int steps, bool focused,
                       const struct glyphs *gl)
{
    int bar = slider_bar_width(w), no_w, yes_x, yes_w;
    yesno_spans(fi, &no_w, &yes_x, &yes_w);
    /* the answer shows in the control: the label has the number's room */
    draw_label(g, x, y, fi, LABEL_WIDE, focused, gl);
    int at = x + SLIDER_BAR_X;
    draw_answer(g, at, y, bar, fi->low_word, steps == 0, gl);
    draw_answer(g, at + yes_x, y, bar - yes_x, fi->high_word, steps == 1,
                gl);
    if (steps == CHECKIN_ABSENT)
        grid_text(g, x + 4, y + 1, "not given", ST_ABSENT, SLIDER_BAR_X - 6);
    if (focused)
        grid_text(g, at, y + 1, "y, n or Space", ST_DIM, bar);
}

/* Minutes for people: "45 min", "1 h 30 min", "2 h". */
static void minutes_words(int steps, char *buf, size_t size)
{
    if (steps < 60)
        snprintf(buf, size, "%d min", steps);
    else if (steps % 60 == 0)
        snprintf(buf, size, "%d h", steps / 60);
    else
        snprintf(buf, size, "%d h %d min", steps / 60, steps % 60);
}

/* A number typed, in a box: "[1440_]", right-aligned as numbers are,
 * the mark while more may follow; returns the box's width. */
static int draw_box(struct grid *g, int x, int y, const struct field_info *fi,
                    int steps, const char *typed, const struct glyphs *gl)
{
    char number[16];
    number_text(fi, steps, typed, gl, number, sizeof number);
    int nw = (int)text_width(number, strlen(number));
    enum style nst = typed ? ST_FOCUS
                           : steps == CHECKIN_ABSENT ? ST_ABSENT : ST_BOLD;
    grid_put(g, x, y, '[', ST_DIM);
    grid_text(g, x + 1 + BOX_DIGITS - nw, y, number, nst, BOX_DIGITS);
    if (typed)
        grid_put(g, x + 1 + BOX_DIGITS, y, '_', ST_FOCUS);
    grid_put(g, x + BOX_DIGITS + 2, y, ']', ST_DIM);
    return BOX_DIGITS + 3;
}

static void number_draw(struct grid *g, int x, int y, int w,
                        const struct field_info *fi, int steps,
                        const char *typed, bool focused,
                        const struct glyphs *gl)
{
    int bar = slider_bar_width(w), at = x + SLIDER_BAR_X;
    bool minutes = fi->kind == FIELD_MINUTES;
    char text[48];
    draw_label(g, x, y, fi, LABEL_WIDE, focused, gl);
    int used = draw_box(g, at, y, fi, steps, typed, gl);
    snprintf(text, sizeof text, "%s  0 to %d", minutes ? " min" : "",
             fi->max_steps);
    grid_text(g, at + used, y, text, ST_DIM, bar - used);
    if (steps == CHECKIN_ABSENT) {
        grid_text(g, x + 4, y + 1, "not given", ST_ABSENT, SLIDER_BAR_X - 6);
    } else if (minutes && steps >= 60) {
        minutes_words(steps, text, sizeof text);
        grid_text(g, x + 4, y + 1, text, ST_SERIES1, SLIDER_BAR_X - 6);
    }
    if (focused)
        grid_text(g, at, y + 1, minutes ? "type it; -/+ by 5"
                                        : "type it; -/+ by 1",
                  ST_DIM, bar);
}

void control_draw(struct grid *g, int x, int y, int w, int key, int steps,
                  const char *typed, bool focused, const struct glyphs *gl)
{
    const struct field_info *fi = checkin_field_info((enum checkin_field)key);
    if (!fi)
        return;
    if (fi->kind == FIELD_YESNO)
        yesno_draw(g, x, y, w, fi, steps, focused, gl);
    else if (fi->kind == FIELD_TALLY || fi->kind == FIELD_MINUTES)
        number_draw(g, x, y, w, fi, steps, typed, focused, gl);
    else
        slider_draw(g, x, y, w, (enum checkin_field)key, steps, typed,
                    focused, gl);
}

int control_value_at(int w, int key, int col)
{
    const struct field_info *fi = checkin_field_info((enum checkin_field)key);
    int pos = col - SLIDER_BAR_X, no_w, yes_x, yes_w;
    if (!fi || fi->kind == FIELD_TALLY || fi->kind == FIELD_MINUTES)
        return -1;
    if (fi->kind != FIELD_YESNO)
        return slider_value_at(w, (enum checkin_field)key, col);
    yesno_spans(fi, &no_w, &yes_x, &yes_w);
    if (pos >= 0 && pos < no_w)
        return 0;
    return pos >= yes_x && pos < yes_x + yes_w ? 1 : -1;
}
