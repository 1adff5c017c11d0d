/* calendar_draw: month grids and the week strip drawn into a grid (pure
 * drawing, shared by the calendar screen and `ache calendar`). Only day
 * numbers are used, never time_t, so the picture is the same in every
 * time zone.
 *
 * A month block (CALENDAR_MONTH_W x CALENDAR_MONTH_H; two fit side by
 * side in 80 columns):
 *
 *                November 2026                 title, centred
 *   Wk  Mo   Tu   We   Th   Fr   Sa   Su        header (week start first)
 *   44                                 1▒▒     one row per week
 *   45   2░░  3▒▒  4··  5▓▓  6██! 7██! 8▓▓
 *   46   9·· 10▒▒ 11▓▓ 12▓▓ 13▒▒✎14·· 15░░
 *   ...
 *   48  23▒▒✎24▓▓ 25   26   27   28   29     today 24: later days blank
 *
 * The week number of a row is the ISO week of the row's 4th day: the
 * Thursday with a Monday start (exactly the ISO week), the Wednesday with
 * a Sunday start (the ISO week holding six of the row's seven days).
 * Rows the month does not need (it takes 4, 5 or 6) are blank.
 *
 * Each day cell is CALENDAR_CELL_W columns: the day number (2, right
 * aligned), the shade (2 cells: light to full for better to worse), and a
 * mark (1): '!' for a flare day, else a note mark ('✎' or '"' in ASCII),
 * else blank. A day with no value for the field shows "··" ("--" in
 * ASCII) in ST_ABSENT: plainly missing, never a 0. Today's number is
 * drawn in ST_TITLE (bold and coloured, so it shows without colour too);
 * days after today have a dimmed number and, having no data, no shade
 * (data dated in the future is still shown); the selected day is
 * ST_CURSOR (reverse video) over the whole cell, characters kept. Days
 * of the neighbouring months are left blank. Shades use the glyphs'
 * shade[1..4] with the band styles ST_BAND_NONE..ST_BAND_SEVERE
 * (ST_SERIES1 for activity, which is neither good nor bad, and for an own
 * field's count, minutes or yes/no, which may be either).
 *
 * Any field can shade the month, a person's own too (fields.h): a rating
 * by the bands of pain; a count or minutes by thirds of a round top at or
 * above the largest day of the view's days (0 | 1-3 | 4-6 | 7-10 for a
 * top of 10); yes/no as no (the lightest shade) or yes (the full one).
 */
#ifndef ACHE_CALENDAR_DRAW_H
#define ACHE_CALENDAR_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/checkin.h"
#include "date.h"

struct day_summary;
struct grid;

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
    ache_day selected;        /* the day under the cursor, or -1 (any
                                 day outside the month shows none) */
    /* Summaries of consecutive days from days_first, covering at least
     * the month; days outside what is given count as missing. */
    const struct day_summary *days;
    ache_day days_first;
    size_t ndays;
    bool utf8;
    /* The field's daily means for the same days (ndays from days_first;
     * STATS_ABSENT where none), for a field the summaries do not hold (an
     * own one: stats_means); NULL: the summaries' means. */
    const double *means;
};

/* The shade level of a field's day value (stats_day_value: the mean
 * rounded, sleep hours to quarter hours): -1 missing (or d NULL, or a
 * field the summaries do not hold), 0 best ... 3 worst. Ratings by band
 * 0 | 1-3 | 4-6 | 7-10, reversed for the higher-is-better scales (sleep
 * quality, mood: 10 | 7-9 | 4-6 | 0-3); sleep hours: 8 h or more 0, 7 to
 * 8 h 1, 5.5 to 7 h 2, less 3; activity by its own value like a
 * symptom. */
int calendar_level(enum checkin_field f, const struct day_summary *d);
/* The same for any field's value v in steps (CHECKIN_ABSENT: -1); top is
 * the scale's top for a count or minutes (calendar_top): 0 for 0, then
 * thirds of the top (1-3, 4-6, 7-10 of 10); yes/no 0 for no, 3 for
 * yes. */
int calendar_value_level(enum checkin_field f, int v, int top);
/* The top a view's count or minutes are shaded against: a round number at
 * or above the largest of its means (field_scale_top). */
int calendar_top(const struct calendar_view *v);

/* Draws one month block with its top-left corner at (x, y), clearing the
 * whole block first (no leftovers of a month drawn before). */
void calendar_draw_month(struct grid *g, int x, int y,
                         const struct calendar_view *v);
/* The day at cell (x, y) relative to the block's corner (any of the
 * CALENDAR_CELL_W columns of its cell), or -1 for the title, the header,
 * the week numbers and cells of other months. */
ache_day calendar_hit(const struct calendar_view *v, int x, int y);
/* The left column and row of a day's cell in the block, relative to its
 * corner (for placing a cursor); false when the day is not in the month.
 * calendar_hit of any column of that cell gives the day back. */
bool calendar_day_cell(const struct calendar_view *v, ache_day day, int *x,
                       int *y);

/* One line explaining the shades and marks for the view's field:
 *   "Pain: ░░ 0  ▒▒ 1-3  ▓▓ 4-6  ██ 7-10  ·· no entry  ! flare  ✎ note"
 * (66 columns; sleep quality and mood "10", "7-9", "4-6", "0-3"; sleep
 * hours "8h+", "7-8h", "5.5-7h", "<5.5h"; a count or minutes the thirds
 * of calendar_top, "0", "1", "2-3", "4-5" or "0", "1-10m", "11-20m",
 * "21-30m"; yes/no "no" and "yes" alone). Within max_w, entries are
 * drawn whole or not at all, from the left; only the label is ever cut.
 * Returns the columns used. */
int calendar_draw_legend(struct grid *g, int x, int y, int max_w,
                         const struct calendar_view *v);

/* The week strip: for the 7 days from `first` (days[0..7), which must
 * hold 7 summaries), a header of weekday names, rows for pain, fatigue
 * and sleep quality as small bars (2-cell eighth blocks in UTF-8, 0 the
 * lowest and 10 the full block; the number in ASCII; '·'/'-' for a
 * missing day; band styles as in the month), each row's mean over the
 * days that have it ("mean 4.6", "mean –" when none), a blank row and a
 * last line with the Widespread Pain Index of the week ("Regions that
 * hurt this week: 7 of 19"):
 *
 *                 Mo Tu We Th Fr Sa Su
 *   Pain          ▃▃ ▇▇ ██ ▅▅  · ▂▂ ▂▂ mean 5.2
 *   ...
 *
 * CALENDAR_WEEK_H rows tall; CALENDAR_WEEK_W columns wide, or with short
 * labels ("Sleep") CALENDAR_WEEK_NARROW_W when w is less; below that the
 * strip is cut at w. Its area is cleared first and nothing is ever drawn
 * beyond w columns. */
#define CALENDAR_WEEK_H 6
#define CALENDAR_WEEK_W 44
#define CALENDAR_WEEK_NARROW_W 38
void calendar_draw_week(struct grid *g, int x, int y, int w,
                        const struct day_summary *days, ache_day first,
                        bool utf8);

#endif
