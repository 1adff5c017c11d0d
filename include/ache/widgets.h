/* widgets: small pictures of the check-in screen drawn into a grid (pure
 * drawing: no curses, no SQLite), so that tests compare them as text.
 */
#ifndef ACHE_WIDGETS_H
#define ACHE_WIDGETS_H

#include <stdbool.h>

#include "ache/checkin.h"
#include "ache/grid.h"

/* A slider takes two rows:
 *   ▸ Pain             6  ━━━━━━━━━━━━━━━●──────────
 *     moderate            none      worst imaginable
 * The first column holds the focus mark; the band's word sits under the
 * label; the words of the scale's ends sit under the bar's ends. A value
 * that was not given shows "–", a dotted track and "not given", never a
 * bar at 0. */
#define SLIDER_ROWS 2
/* Columns before the bar: mark, label, number. */
#define SLIDER_BAR_X 21
/* The narrowest slider that still shows a usable bar. */
#define SLIDER_MIN_W (SLIDER_BAR_X + 12)

/* `typed`, when not NULL, is a number being typed that may go on ("1",
 * "6."): it shows in place of the value, with a mark after it ("1_"). */
void slider_draw(struct grid *g, int x, int y, int w, enum checkin_field f,
                 int steps, const char *typed, bool focused,
                 const struct glyphs *gl);
/* The bar's width for a slider w columns wide. */
int slider_bar_width(int w);
/* The value (in steps) a click at column `col` of a slider w wide means,
 * or -1 when the click is not on the bar. */
int slider_value_at(int w, enum checkin_field f, int col);
/* The style of a value: its band's colour, reversed for higher-is-better
 * scales so that "bad" always looks the same; one colour for values that
 * are neither good nor bad in themselves (hours, activity, counts,
 * minutes, yes/no). */
enum style slider_value_style(enum checkin_field f, int steps);

/* Any field's control, two rows as a slider's, by the field's kind:
 *   a rating or hours: the slider above;
 *   a yes/no: its answer, then both answers to choose from
 *     ▸ Nausea          yes  ○ no   ● yes
 *                            y, n or Space       (focused)
 *   a count or minutes: the number, typed, then its range
 *     ▸ Stiff minutes    90  minutes, 0 to 1440
 *         1 h 30 min         type it; -/+ by 5   (focused)
 * `typed` is as for slider_draw. A long label ends in "…" where the
 * number needs the room. */
void control_draw(struct grid *g, int x, int y, int w, int key, int steps,
                  const char *typed, bool focused, const struct glyphs *gl);
/* The value a click at column `col` of a control w wide sets: a slider's
 * as slider_value_at, a yes/no's answer under it; -1 for a number typed
 * and where nothing is. */
int control_value_at(int w, int key, int col);

#endif
