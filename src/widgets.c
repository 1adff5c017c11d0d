/* widgets: the slider of the check-in screen. */
#include "ache/widgets.h"

#include <stdio.h>
#include <string.h>

#include "ache/text.h"

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
    if (f == CF_SLEEP_HOURS || f == CF_ACTIVITY)
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

void slider_draw(struct grid *g, int x, int y, int w, enum checkin_field f,
                 int steps, const char *typed, bool focused,
                 const struct glyphs *gl)
{
    const struct field_info *fi = checkin_field_info(f);
    int bar = slider_bar_width(w);
    char number[16];
    if (focused)
        grid_put(g, x, y, gl->arrow_right, ST_FOCUS);
    grid_text(g, x + 2, y, fi->label, focused ? ST_FOCUS : ST_NORMAL, 14);
    if (typed)
        snprintf(number, sizeof number, "%s", typed);
    else if (steps == CHECKIN_ABSENT)
        snprintf(number, sizeof number, "%s", gl->utf8 ? "–" : "-");
    else
        checkin_format_value(f, steps, number, sizeof number);
    int nw = (int)text_width(number, strlen(number));
    enum style nst = typed ? ST_FOCUS
                           : steps == CHECKIN_ABSENT ? ST_ABSENT : ST_BOLD;
    grid_text(g, x + SLIDER_BAR_X - 2 - nw, y, number, nst, 5);
    if (typed) /* more may follow: a mark after it, the digits stay put */
        grid_put(g, x + SLIDER_BAR_X - 2, y, '_', ST_FOCUS);
    draw_bar(g, x + SLIDER_BAR_X, y, bar, f, steps, gl);
    const char *band = steps == CHECKIN_ABSENT ? "not given"
                                               : checkin_value_band(f, steps);
    grid_text(g, x + 4, y + 1, band, slider_value_style(f, steps),
              SLIDER_BAR_X - 6);
    draw_ends(g, x + SLIDER_BAR_X, y + 1, bar, fi);
}
