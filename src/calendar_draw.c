/* calendar_draw: month blocks, their legend and the week strip, drawn into
 * a grid from day summaries. Everything here works on day numbers, never
 * on time_t, so the picture is the same in every time zone. */
#include "ache/calendar_draw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ache/date.h"
#include "ache/fields.h"
#include "ache/grid.h"
#include "ache/regions.h"
#include "ache/stats.h"

#define MIDDOT 0x00B7u       /* a missing day: "··" */
#define NOTE_MARK 0x270Eu    /* ✎ */
#define EN_DASH 0x2013u      /* "mean –" when a row has no value */
#define BAR_LOWEST 0x2581u   /* ▁; ▂ ... █ (U+2588) follow */
#define BAR_STEPS 7          /* eighth blocks above the lowest */

/* Rows of the month block. */
#define TITLE_ROW 0
#define HEADER_ROW 1
#define FIRST_WEEK_ROW 2

/* Sleep hours levels, in quarter-hour steps: 8 h, 7 h and 5.5 h are the
 * lower edges of levels 0, 1 and 2 (recommended adult sleep is 7-9 h;
 * much under 6 h is short sleep). */
#define SLEEP_STEPS_GOOD 32
#define SLEEP_STEPS_FAIR 28
#define SLEEP_STEPS_SHORT 22

/* The week strip: a day column is 3 wide (a 2-cell bar or number and a
 * gap); labels take 14 columns ("Sleep quality ") or, when the width is
 * short, 8 ("Fatigue "); the mean needs "mean 10.0". */
#define WEEK_COL_W 3
#define WEEK_LABEL_W 14
#define WEEK_SHORT_LABEL_W 8
#define WEEK_MEAN_W 9
_Static_assert(WEEK_LABEL_W + 7 * WEEK_COL_W + WEEK_MEAN_W ==
                   CALENDAR_WEEK_W,
               "the week strip's width");
_Static_assert(WEEK_SHORT_LABEL_W + 7 * WEEK_COL_W + WEEK_MEAN_W ==
                   CALENDAR_WEEK_NARROW_W,
               "the narrow week strip's width");
#define WEEK_WPI_ROW 5

/* ---- levels and their look -------------------------------------------- */

/* 0 | 1-3 | 4-6 | 7-10, the bands of checkin_value_band. */
static int band_of(int badness)
{
    return badness <= 0 ? 0 : badness <= 3 ? 1 : badness <= 6 ? 2 : 3;
}

/* Counts and minutes by thirds of the scale's top: 0 is level 0, then
 * 1 to a third, to two thirds, and above (calendar_value_level). */
static int third_of(int top, int n)
{
    return top * n / 3;
}

int calendar_value_level(enum checkin_field f, int v, int top)
{
    const struct field_info *fi = checkin_field_info(f);
    if (!fi || v == CHECKIN_ABSENT)
        return -1;
    switch (fi->kind) {
    case FIELD_HOURS:
        return v >= SLEEP_STEPS_GOOD    ? 0
               : v >= SLEEP_STEPS_FAIR  ? 1
               : v >= SLEEP_STEPS_SHORT ? 2
                                        : 3;
    case FIELD_YESNO:
        return v ? 3 : 0;
    case FIELD_TALLY:
    case FIELD_MINUTES:
        return v <= 0                ? 0
               : v <= third_of(top, 1) ? 1
               : v <= third_of(top, 2) ? 2
                                       : 3;
    default:
        return band_of(fi->higher_is_better ? fi->max_steps - v : v);
    }
}

int calendar_level(enum checkin_field f, const struct day_summary *d)
{
    if (!d || (unsigned)f >= CF_COUNT)
        return -1;
    return calendar_value_level(f, stats_day_value(d, f), 0);
}

/* Activity is neither good nor bad, so it is not painted like a symptom;
 * nor is an own field's count, minutes or yes/no, which may be either. */
static enum style level_style(enum checkin_field f, int level)
{
    const struct field_info *fi = checkin_field_info(f);
    if (level < 0)
        return ST_ABSENT;
    if (f == CF_ACTIVITY || (fi && (fi->kind == FIELD_TALLY ||
                                    fi->kind == FIELD_MINUTES ||
                                    fi->kind == FIELD_YESNO)))
        return ST_SERIES1;
    return (enum style)(ST_BAND_NONE + level);
}

/* The value a day shows, in steps: its mean rounded (stats_day_value),
 * from the view's means when it has them (own fields), else from the
 * day's summary. */
static int day_value(const struct calendar_view *v, ache_day day,
                     const struct day_summary *d)
{
    if (!v->means)
        return d && (unsigned)v->field < CF_COUNT
                   ? stats_day_value(d, v->field)
                   : CHECKIN_ABSENT;
    const struct field_info *fi = checkin_field_info(v->field);
    size_t i = (size_t)(day - v->days_first);
    if (!fi || day < v->days_first || i >= v->ndays || v->means[i] < 0)
        return CHECKIN_ABSENT;
    return (int)floor(v->means[i] * fi->steps_per_unit + 0.5);
}

int calendar_top(const struct calendar_view *v)
{
    double seen = 0;
    for (size_t i = 0; v->means && i < v->ndays; i++)
        if (v->means[i] > seen)
            seen = v->means[i];
    return field_scale_top(checkin_field_info(v->field), seen);
}

/* "Mo", "Tu"...: two letters fit above a 2-column day number. */
static const char *weekday_short(ache_day day, char out[3])
{
    memcpy(out, date_weekday_abbr(date_weekday(day)), 2);
    out[2] = '\0';
    return out;
}

static uint32_t missing_glyph(bool utf8)
{
    return utf8 ? MIDDOT : '-';
}

static uint32_t note_glyph(bool utf8)
{
    return utf8 ? NOTE_MARK : '"';
}

/* ---- the month block --------------------------------------------------- */

/* The month's grid of weeks; a week start outside 0-6 is taken modulo 7
 * so that a bad setting cannot shift days out of their columns. */
static void month_of(const struct calendar_view *v, struct month_grid *mg)
{
    int ws = ((v->week_start % 7) + 7) % 7;
    date_month_grid(v->year, v->month, ws, mg);
}

static bool in_month(const struct month_grid *mg, ache_day day)
{
    return day >= mg->first && day < mg->first + mg->days;
}

/* The summary of a day, or NULL when the caller gave none for it. */
static const struct day_summary *summary_of(const struct calendar_view *v,
                                            ache_day day)
{
    if (!v->days || day < v->days_first)
        return NULL;
    size_t i = (size_t)(day - v->days_first);
    return i < v->ndays ? &v->days[i] : NULL;
}

static void draw_title(struct grid *g, int x, int y,
                       const struct calendar_view *v)
{
    char title[32];
    snprintf(title, sizeof title, "%s %d", date_month_name(v->month),
             v->year);
    int w = (int)strlen(title);
    grid_text(g, x + (CALENDAR_MONTH_W - w) / 2, y + TITLE_ROW, title,
              ST_TITLE, CALENDAR_MONTH_W);
}

/* "Wk" over the week numbers, two-letter weekday names over the day
 * numbers, starting at the first weekday of a row. */
static void draw_header(struct grid *g, int x, int y, ache_day row_first)
{
    char name[3];
    grid_text(g, x, y + HEADER_ROW, "Wk", ST_DIM, -1);
    for (int col = 0; col < 7; col++)
        grid_text(g, x + CALENDAR_WEEKNO_W + col * CALENDAR_CELL_W,
                  y + HEADER_ROW, weekday_short(row_first + col, name),
                  ST_DIM, -1);
}

/* The ISO week of a row is the week of its 4th day: with a Monday start
 * that is the Thursday, which names the ISO week; with a Sunday start it
 * is the Wednesday, whose ISO week holds six of the row's seven days. */
static void draw_week_number(struct grid *g, int x, int y, ache_day row_first)
{
    int iso_year, iso_week;
    date_iso_week(row_first + 3, &iso_year, &iso_week);
    grid_printf(g, x, y, ST_DIM, "%2d", iso_week);
}

/* The 2-cell shade of a day: its level, "··" when nothing was recorded,
 * blank for a day still to come that has nothing (it cannot be missed). */
static void draw_shade(struct grid *g, int x, int y,
                       const struct calendar_view *v, int level, bool future)
{
    if (level < 0 && future)
        return;
    uint32_t cp = level < 0 ? missing_glyph(v->utf8)
                            : glyphs_get(v->utf8)->shade[level + 1];
    enum style st = level_style(v->field, level);
    grid_put(g, x, y, cp, st);
    grid_put(g, x + 1, y, cp, st);
}

/* A flare outweighs a note: it is the thing to see at a glance. */
static void draw_mark(struct grid *g, int x, int y, const struct day_summary *d,
                      bool utf8)
{
    if (!d)
        return;
    if (d->flare)
        grid_put(g, x, y, '!', ST_BAND_SEVERE);
    else if (d->has_note)
        grid_put(g, x, y, note_glyph(utf8), ST_DIM);
}

static void draw_day(struct grid *g, int x, int y,
                     const struct calendar_view *v, int top, ache_day day)
{
    const struct day_summary *d = summary_of(v, day);
    int level = calendar_value_level(v->field, day_value(v, day, d), top);
    int year, month, dom;
    date_to_ymd(day, &year, &month, &dom);
    bool future = day > v->today;
    enum style num = day == v->today ? ST_TITLE : future ? ST_DIM : ST_NORMAL;
    grid_put(g, x, y, dom >= 10 ? (uint32_t)('0' + dom / 10) : ' ', num);
    grid_put(g, x + 1, y, (uint32_t)('0' + dom % 10), num);
    draw_shade(g, x + 2, y, v, level, future);
    draw_mark(g, x + 4, y, d, v->utf8);
    if (day == v->selected)
        grid_restyle(g, x, y, CALENDAR_CELL_W, 1, ST_CURSOR);
}

void calendar_draw_month(struct grid *g, int x, int y,
                         const struct calendar_view *v)
{
    struct month_grid mg;
    month_of(v, &mg);
    int top = calendar_top(v);
    grid_fill(g, x, y, CALENDAR_MONTH_W, CALENDAR_MONTH_H, ' ', ST_NORMAL);
    draw_title(g, x, y, v);
    draw_header(g, x, y, mg.first_cell);
    for (int row = 0; row < mg.rows; row++) {
        ache_day row_first = mg.first_cell + row * 7;
        int ry = y + FIRST_WEEK_ROW + row;
        draw_week_number(g, x, ry, row_first);
        for (int col = 0; col < 7; col++)
            if (in_month(&mg, row_first + col))
                draw_day(g, x + CALENDAR_WEEKNO_W + col * CALENDAR_CELL_W, ry,
                         v, top, row_first + col);
    }
}

ache_day calendar_hit(const struct calendar_view *v, int x, int y)
{
    struct month_grid mg;
    month_of(v, &mg);
    int row = y - FIRST_WEEK_ROW, rel = x - CALENDAR_WEEKNO_W;
    if (row < 0 || row >= mg.rows || rel < 0 || rel >= 7 * CALENDAR_CELL_W)
        return -1;
    ache_day day = mg.first_cell + row * 7 + rel / CALENDAR_CELL_W;
    return in_month(&mg, day) ? day : -1;
}

bool calendar_day_cell(const struct calendar_view *v, ache_day day, int *x,
                       int *y)
{
    struct month_grid mg;
    month_of(v, &mg);
    if (!in_month(&mg, day))
        return false;
    int index = day - mg.first_cell;
    *x = CALENDAR_WEEKNO_W + index % 7 * CALENDAR_CELL_W;
    *y = FIRST_WEEK_ROW + index / 7;
    return true;
}

/* ---- the legend -------------------------------------------------------- */

/* One entry of the legend: a sample (cp repeated `reps` times) and what
 * it means. */
struct legend_item {
    uint32_t cp;
    int reps;
    enum style st;
    const char *text;
};

/* What each level means for a field, best first (for counts and
 * minutes, the thirds of the top: "0", "1-3", "4-6", "7-10"). */
static void level_words(enum checkin_field f, int top, char words[4][24])
{
    static const char *const symptom[4] = {"0", "1-3", "4-6", "7-10"};
    static const char *const better[4] = {"10", "7-9", "4-6", "0-3"};
    static const char *const hours[4] = {"8h+", "7-8h", "5.5-7h", "<5.5h"};
    static const char *const yesno[4] = {"no", "", "", "yes"};
    const struct field_info *fi = checkin_field_info(f);
    const char *const *fixed = fi->kind == FIELD_HOURS   ? hours
                               : fi->kind == FIELD_YESNO ? yesno
                               : fi->higher_is_better    ? better
                                                         : symptom;
    const char *unit = fi->kind == FIELD_MINUTES ? "m" : "";
    for (int level = 0; level < 4; level++) {
        int lo = level == 0 ? 0 : third_of(top, level - 1) + 1;
        int hi = level == 0 ? 0 : third_of(top, level);
        if (fi->kind != FIELD_TALLY && fi->kind != FIELD_MINUTES)
            snprintf(words[level], 24, "%s", fixed[level]);
        else if (lo >= hi)
            snprintf(words[level], 24, "%d%s", hi, unit);
        else
            snprintf(words[level], 24, "%d-%d%s", lo, hi, unit);
    }
}

/* The shades of a yes/no field are two: no (the lightest) and yes. */
static int legend_items(const struct calendar_view *v,
                        char words[4][24], struct legend_item out[7])
{
    level_words(v->field, calendar_top(v), words);
    const struct glyphs *gl = glyphs_get(v->utf8);
    int n = 0;
    for (int level = 0; level < 4; level++)
        if (words[level][0])
            out[n++] = (struct legend_item){gl->shade[level + 1], 2,
                                            level_style(v->field, level),
                                            words[level]};
    out[n++] = (struct legend_item){missing_glyph(v->utf8), 2, ST_ABSENT,
                                    "no entry"};
    out[n++] = (struct legend_item){'!', 1, ST_BAND_SEVERE, "flare"};
    out[n++] = (struct legend_item){note_glyph(v->utf8), 1, ST_DIM, "note"};
    return n;
}

/* Items are drawn whole or not at all (a cut "no ent" explains nothing);
 * only the label itself is ever cut, by characters. */
int calendar_draw_legend(struct grid *g, int x, int y, int max_w,
                         const struct calendar_view *v)
{
    const struct field_info *fi = checkin_field_info(v->field);
    if (max_w <= 0 || !fi)
        return 0;
    char label[FIELD_LABEL_MAX + 2];
    snprintf(label, sizeof label, "%s:", fi->label);
    int used = grid_text(g, x, y, label, ST_NORMAL, max_w);
    struct legend_item items[7];
    char words[4][24];
    int n = legend_items(v, words, items);
    for (int i = 0; i < n; i++) {
        int gap = i == 0 ? 1 : 2;
        int w = items[i].reps + 1 + (int)strlen(items[i].text);
        if (used + gap + w > max_w)
            break;
        int at = x + used + gap;
        for (int r = 0; r < items[i].reps; r++)
            grid_put(g, at + r, y, items[i].cp, items[i].st);
        grid_text(g, at + items[i].reps + 1, y, items[i].text, ST_DIM, -1);
        used += gap + w;
    }
    return used;
}

/* ---- the week strip ---------------------------------------------------- */

/* The strip's drawing area: nothing is drawn at or beyond `right`. */
struct strip {
    struct grid *g;
    int x, y, right;
    bool utf8;
};

static void strip_put(const struct strip *s, int x, int y, uint32_t cp,
                      enum style st)
{
    if (x < s->right)
        grid_put(s->g, x, y, cp, st);
}

static void strip_text(const struct strip *s, int x, int y, const char *text,
                       enum style st)
{
    if (x < s->right)
        grid_text(s->g, x, y, text, st, s->right - x);
}

/* A day's value: a 2-cell bar of eighth blocks (0 lowest, 10 full) or the
 * number right-aligned in 2 columns; '·' or '-' when missing. */
static void draw_bar(const struct strip *s, int x, int y, enum checkin_field f,
                     const struct day_summary *d)
{
    int v = stats_day_value(d, f);
    if (v == CHECKIN_ABSENT) {
        strip_put(s, x + 1, y, missing_glyph(s->utf8), ST_ABSENT);
        return;
    }
    enum style st = level_style(f, calendar_value_level(f, v, 0));
    if (!s->utf8) {
        strip_put(s, x, y, v >= 10 ? (uint32_t)('0' + v / 10) : ' ', st);
        strip_put(s, x + 1, y, (uint32_t)('0' + v % 10), st);
        return;
    }
    int clamped = v < 0 ? 0 : v > 10 ? 10 : v;
    uint32_t cp = BAR_LOWEST + (uint32_t)((clamped * BAR_STEPS + 5) / 10);
    strip_put(s, x, y, cp, st);
    strip_put(s, x + 1, y, cp, st);
}

/* "mean 4.6" over the days that have the field, "mean –" when none do. */
static void draw_mean(const struct strip *s, int x, int y,
                      enum checkin_field f, const struct day_summary *days)
{
    double sum = 0;
    int n = 0;
    for (int i = 0; i < 7; i++) {
        if (days[i].mean[f] >= 0) {
            sum += days[i].mean[f];
            n++;
        }
    }
    strip_text(s, x, y, "mean", ST_DIM);
    if (n == 0) {
        strip_put(s, x + 5, y, s->utf8 ? EN_DASH : '-', ST_ABSENT);
        return;
    }
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", sum / n);
    strip_text(s, x + 5, y, buf, ST_NORMAL);
}

static void draw_strip_row(const struct strip *s, int row, int label_w,
                           enum checkin_field f,
                           const struct day_summary *days)
{
    static const char *const short_labels[CF_COUNT] = {
        [CF_PAIN] = "Pain", [CF_FATIGUE] = "Fatigue",
        [CF_SLEEP_QUALITY] = "Sleep"};
    int y = s->y + row;
    const char *label = label_w == WEEK_LABEL_W ? checkin_field_info(f)->label
                                                : short_labels[f];
    strip_text(s, s->x, y, label, ST_NORMAL);
    for (int i = 0; i < 7; i++)
        draw_bar(s, s->x + label_w + i * WEEK_COL_W, y, f, &days[i]);
    draw_mean(s, s->x + label_w + 7 * WEEK_COL_W, y, f, days);
}

void calendar_draw_week(struct grid *g, int x, int y, int w,
                        const struct day_summary *days, ache_day first,
                        bool utf8)
{
    static const enum checkin_field rows[] = {CF_PAIN, CF_FATIGUE,
                                              CF_SLEEP_QUALITY};
    if (w <= 0)
        return;
    struct strip s = {g, x, y, x + w, utf8};
    int label_w = w >= CALENDAR_WEEK_W ? WEEK_LABEL_W : WEEK_SHORT_LABEL_W;
    char name[3];
    grid_fill(g, x, y, w, CALENDAR_WEEK_H, ' ', ST_NORMAL);
    for (int i = 0; i < 7; i++)
        strip_text(&s, x + label_w + i * WEEK_COL_W, y,
                   weekday_short(first + i, name), ST_DIM);
    for (int r = 0; r < 3; r++)
        draw_strip_row(&s, 1 + r, label_w, rows[r], days);
    char wpi[64];
    snprintf(wpi, sizeof wpi, "Regions that hurt this week: %d of %d",
             stats_wpi(days, 7), REGION_COUNT);
    strip_text(&s, x, y + WEEK_WPI_ROW, wpi, ST_NORMAL);
}
