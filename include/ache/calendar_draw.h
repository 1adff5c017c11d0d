/* calendar_draw: month grids and the week strip drawn into a grid (pure
 * drawing, shared by the calendar screen and `ache calendar`).
 *
 * A month block (CALENDAR_MONTH_W x CALENDAR_MONTH_H):
 *
 *       November 2026                       title, centred
 *   Wk  Mo   Tu   We   Th   Fr   Sa   Su     header (week start first)
 *   44                          1▓▓  2··     one row per ISO week
 *   45   3░░  4▒▒! 5▓▓  6██! 7▒▒✎ 8··  9··
 *   ...
 *
 * Each day cell is CALENDAR_CELL_W columns: the day number (2, right
 * aligned), the shade (2 cells: light to full for better to worse), and a
 * mark (1): '!' for a flare day, else a note mark ('✎' or '"' in ASCII),
 * else blank. A day with no check-in shows "··" ("--" in ASCII) dimmed:
 * plainly missing, never a 0. Today's number is drawn in ST_TITLE (bold
 * and coloured, so it shows without colour too); the selected day is
 * ST_CURSOR (reverse video) over the whole cell. Days of the neighbouring
 * months are left blank. Shades use the glyphs' shade[1..4] with the
 * band styles ST_BAND_NONE..ST_BAND_SEVERE (ST_SERIES1 for activity).
 */
#ifndef ACHE_CALENDAR_DRAW_H
#define ACHE_CALENDAR_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/checkin.h"
#include "ache/grid.h"
#include "ache/stats.h"

#define CALENDAR_CELL_W 5
#define CALENDAR_WEEKNO_W 4
#define CALENDAR_MONTH_W (CALENDAR_WEEKNO_W + 7 * CALENDAR_CELL_W)
/* title, weekday header, six week rows */
#define CALENDAR_MONTH_H 8

struct calendar_view {
    int year, month;          /* the month shown */
    int week_start;           /* 0 Monday, 6 Sunday */
    enum checkin_field field; /* what the shade shows */
    ache_day today;
    ache_day selected;        /* the day under the cursor, or -1 */
    /* Summaries of consecutive days from days_first, covering at least
     * the month; days outside what is given count as missing. */
    const struct day_summary *days;
    ache_day days_first;
    size_t ndays;
    bool utf8;
};

/* The shade level of a field's day value: -1 missing, 0 best ... 3 worst
 * (ratings by band, reversed for higher-is-better scales; sleep hours:
 * 8 h or more 0, 7 h 1, 5.5 h 2, less 3; activity by its own value). */
int calendar_level(enum checkin_field f, const struct day_summary *d);

/* Draws one month block with its top-left corner at (x, y). */
void calendar_draw_month(struct grid *g, int x, int y,
                         const struct calendar_view *v);
/* The day at cell (x, y) relative to the block's corner, or -1. */
ache_day calendar_hit(const struct calendar_view *v, int x, int y);
/* The cell of a day in the block (for placing a cursor); false when the
 * day is not in the month. */
bool calendar_day_cell(const struct calendar_view *v, ache_day day, int *x,
                       int *y);

/* One line explaining the shades and marks for a field, e.g.
 * "Pain: ·· none recorded ░ 0 ▒ 1-3 ▓ 4-6 █ 7-10  ! flare  ✎ note".
 * Returns the columns used. */
int calendar_draw_legend(struct grid *g, int x, int y, int max_w,
                         enum checkin_field f, bool utf8);

/* The week strip: for the 7 days from `first` (days[0..7)), rows for
 * pain, fatigue and sleep quality as small bars (eighth blocks in UTF-8,
 * numbers in ASCII; '·'/'-' for a missing day), each row's mean over the
 * week, and a last line with the Widespread Pain Index of the week
 * ("Regions that hurt this week: 7 of 19"). CALENDAR_WEEK_H rows tall,
 * at most w columns wide. */
#define CALENDAR_WEEK_H 6
void calendar_draw_week(struct grid *g, int x, int y, int w,
                        const struct day_summary *days, ache_day first,
                        bool utf8);

#endif
