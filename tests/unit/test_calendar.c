/* Unit tests for calendar_draw: shade levels, the month block against
 * golden files, every date of many months in its right place (under
 * several time zones), clicks and cursor cells, the legend and the week
 * strip.
 *
 * After a deliberate change to a picture, rewrite the goldens with
 *   ACHE_UPDATE_GOLDEN=1 build/tests/test_calendar
 * and look at the diff before committing. */
#include <time.h>

#include "golden.h"

#include "ache/calendar_draw.h"
#include "ache/fields.h"
#include "ache/grid.h"
#include "ache/stats.h"

#define BIT(code) (1u << region_find(code))
#define NONE CHECKIN_ABSENT

/* ---- the November 2026 diary the pictures show ------------------------- */

/* One check-in of the fixture; values are 0-10 or NONE. */
struct entry {
    int month, dom;
    int pain, fatigue, sleep;
    bool note;
    region_set regions;
};

/* Each band of pain, 0, missing days, a day of two check-ins (3 and 4:
 * mean 3.5, shown as 4), a day with a check-in but no pain (20th), notes,
 * and data in October that must not leak into November's picture. */
static const struct entry entries[] = {
    {10, 30, 6, 5, 4, false, 0},
    {10, 31, 9, 8, 2, true, 0},
    {11, 1, 2, 3, 7, false, 0},
    {11, 2, 0, 1, 9, false, 0},
    {11, 3, 3, 2, 8, false, 0},
    {11, 5, 5, 4, 6, false, 0},
    {11, 6, 7, 6, 4, false, 0},
    {11, 7, 8, 7, 3, true, 0},
    {11, 8, 4, 4, 5, false, 0},
    {11, 10, 1, 2, 8, false, 0},
    {11, 11, 6, 5, 5, false, 0},
    {11, 12, 3, 3, 6, false, 0},
    {11, 12, 4, 4, 6, false, 0},
    {11, 13, 2, 2, 7, true, 0},
    {11, 15, 0, 1, 10, false, 0},
    {11, 16, 3, 4, 6, false, 0},
    {11, 17, 9, 7, 2, false, 0},
    {11, 18, 10, 8, 0, true, 0},
    {11, 19, 6, NONE, 5, false, 0},
    {11, 20, NONE, NONE, 7, true, 0},
    {11, 21, 2, 3, 7, false, 0},
    {11, 22, 1, 2, 10, false, 0},
    {11, 23, 3, 3, 8, true, 0},
    {11, 24, 5, 4, 6, false, 0},
};

/* Flares are set by hand: finding them (stats_mark_flares) needs four
 * weeks of history and is tested with stats; here only the look counts. */
static const int flare_days[] = {6, 7, 17, 18};

#define FIX_FIRST_MONTH 10
#define FIX_NDAYS 61 /* October and November */

static struct day_summary fixture[FIX_NDAYS];

static region_set entry_regions(int month, int dom)
{
    if (month != 11)
        return 0;
    switch (dom) {
    case 17:
        return BIT("neck") | BIT("shoulder-l") | BIT("shoulder-r");
    case 18:
        return BIT("neck") | BIT("lower-back") | BIT("hip-l");
    case 21:
        return BIT("upper-leg-r");
    default:
        return 0;
    }
}

static void build_fixture(void)
{
    size_t n = sizeof entries / sizeof entries[0];
    struct checkin items[sizeof entries / sizeof entries[0]];
    for (size_t i = 0; i < n; i++) {
        const struct entry *e = &entries[i];
        checkin_init(&items[i], date_from_ymd(2026, e->month, e->dom));
        items[i].value[CF_PAIN] = e->pain;
        items[i].value[CF_FATIGUE] = e->fatigue;
        items[i].value[CF_SLEEP_QUALITY] = e->sleep;
        items[i].regions = entry_regions(e->month, e->dom);
        if (e->note)
            checkin_set_note(&items[i], "a note");
    }
    ache_day first = date_from_ymd(2026, FIX_FIRST_MONTH, 1);
    stats_days(items, n, first, first + FIX_NDAYS - 1, fixture);
    for (size_t i = 0; i < sizeof flare_days / sizeof flare_days[0]; i++)
        fixture[date_from_ymd(2026, 11, flare_days[i]) - first].flare = true;
    for (size_t i = 0; i < n; i++)
        checkin_free(&items[i]);
}

static struct calendar_view november(int week_start, bool utf8)
{
    build_fixture();
    return (struct calendar_view){
        .year = 2026,
        .month = 11,
        .week_start = week_start,
        .field = CF_PAIN,
        .today = date_from_ymd(2026, 11, 24),
        .selected = date_from_ymd(2026, 11, 11),
        .days = fixture,
        .days_first = date_from_ymd(2026, FIX_FIRST_MONTH, 1),
        .ndays = FIX_NDAYS,
        .utf8 = utf8,
    };
}

static struct grid *draw_month(const struct calendar_view *v)
{
    struct grid *g = grid_new(CALENDAR_MONTH_W, CALENDAR_MONTH_H);
    calendar_draw_month(g, 0, 0, v);
    return g;
}

static void assert_ascii(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        ck_assert_msg(*p < 0x80, "byte 0x%02x in ASCII output", *p);
}

static void check_month(const char *name, const char *styles_name,
                        int week_start, bool utf8)
{
    struct calendar_view v = november(week_start, utf8);
    struct grid *g = draw_month(&v);
    char *text = grid_to_text(g);
    check_golden(name, text);
    if (!utf8)
        assert_ascii(text);
    free(text);
    if (styles_name) {
        char *styles = grid_styles_to_text(g);
        check_golden(styles_name, styles);
        free(styles);
    }
    grid_free(g);
}

/* ---- levels ------------------------------------------------------------ */

static struct day_summary one_day(enum checkin_field f, double mean)
{
    struct day_summary d;
    stats_days(NULL, 0, 0, 0, &d);
    d.checkins = 1;
    d.mean[f] = mean;
    return d;
}

static int level_of(enum checkin_field f, double mean)
{
    struct day_summary d = one_day(f, mean);
    return calendar_level(f, &d);
}

START_TEST(test_level_bands)
{
    static const int symptom[11] = {0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3};
    for (int v = 0; v <= 10; v++) {
        ck_assert_int_eq(level_of(CF_PAIN, v), symptom[v]);
        ck_assert_int_eq(level_of(CF_FOG, v), symptom[v]);
        ck_assert_int_eq(level_of(CF_ACTIVITY, v), symptom[v]);
        /* higher is better: 10 is the best level, 0-3 the worst */
        ck_assert_int_eq(level_of(CF_SLEEP_QUALITY, v), symptom[10 - v]);
        ck_assert_int_eq(level_of(CF_MOOD, v), symptom[10 - v]);
    }
    /* a mean is rounded half up first: 3.5 is 4, moderate */
    ck_assert_int_eq(level_of(CF_PAIN, 3.5), 2);
    ck_assert_int_eq(level_of(CF_PAIN, 0.4), 0);
    ck_assert_int_eq(level_of(CF_PAIN, 0.5), 1);
}
END_TEST

START_TEST(test_level_sleep_hours)
{
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 9.5), 0);
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 8.0), 0);
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 7.75), 1);
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 7.0), 1);
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 6.75), 2);
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 5.5), 2);
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 5.25), 3);
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 0), 3);
    /* quarter-hour rounding: 7.9 h rounds to 8 h */
    ck_assert_int_eq(level_of(CF_SLEEP_HOURS, 7.9), 0);
}
END_TEST

START_TEST(test_level_missing)
{
    ck_assert_int_eq(calendar_level(CF_PAIN, NULL), -1);
    struct day_summary d = one_day(CF_SLEEP_QUALITY, 7);
    ck_assert_int_eq(calendar_level(CF_PAIN, &d), -1);
    ck_assert_int_eq(calendar_level(CF_COUNT, &d), -1);
}
END_TEST

/* ---- goldens ----------------------------------------------------------- */

START_TEST(test_golden_month)
{
    check_month("calendar_nov2026_utf8_mon.txt",
                "calendar_nov2026_utf8_mon_styles.txt", 0, true);
    check_month("calendar_nov2026_utf8_sun.txt", NULL, 6, true);
    check_month("calendar_nov2026_ascii_mon.txt", NULL, 0, false);
    check_month("calendar_nov2026_ascii_sun.txt",
                "calendar_nov2026_ascii_sun_styles.txt", 6, false);
}
END_TEST

static char *legend_picture(bool utf8, int w)
{
    static const enum checkin_field fields[] = {
        CF_PAIN, CF_SLEEP_QUALITY, CF_SLEEP_HOURS, CF_ACTIVITY};
    int n = (int)(sizeof fields / sizeof fields[0]);
    struct grid *g = grid_new(w, n);
    for (int i = 0; i < n; i++)
        calendar_draw_legend(g, 0, i, w,
                             &(struct calendar_view){.field = fields[i],
                                                     .utf8 = utf8});
    char *text = grid_to_text(g);
    grid_free(g);
    return text;
}

START_TEST(test_golden_legend)
{
    char *text = legend_picture(true, 80);
    check_golden("calendar_legend_utf8.txt", text);
    free(text);
    text = legend_picture(false, 80);
    check_golden("calendar_legend_ascii.txt", text);
    assert_ascii(text);
    free(text);
}
END_TEST

/* The week of 16-22 November at its full width and at the narrower width
 * where the labels shorten. */
static char *week_picture(bool utf8, bool styles)
{
    static const int widths[] = {44, 40};
    struct grid *g = grid_new(48, 2 * CALENDAR_WEEK_H + 1);
    ache_day first = date_from_ymd(2026, 11, 16);
    build_fixture();
    const struct day_summary *days =
        &fixture[first - date_from_ymd(2026, FIX_FIRST_MONTH, 1)];
    for (int i = 0; i < 2; i++)
        calendar_draw_week(g, 0, i * (CALENDAR_WEEK_H + 1), widths[i], days,
                           first, utf8);
    char *text = styles ? grid_styles_to_text(g) : grid_to_text(g);
    grid_free(g);
    return text;
}

START_TEST(test_golden_week)
{
    char *text = week_picture(true, false);
    check_golden("calendar_week_utf8.txt", text);
    free(text);
    text = week_picture(true, true);
    check_golden("calendar_week_utf8_styles.txt", text);
    free(text);
    text = week_picture(false, false);
    check_golden("calendar_week_ascii.txt", text);
    assert_ascii(text);
    free(text);
}
END_TEST

/* ---- details of the month picture ------------------------------------- */

/* The cell (x, y) of a day in a drawn November. */
static void cell_of(const struct calendar_view *v, int dom, int *x, int *y)
{
    ck_assert(calendar_day_cell(v, date_from_ymd(2026, 11, dom), x, y));
}

START_TEST(test_marks_and_cursor)
{
    for (int u = 0; u <= 1; u++) {
        struct calendar_view v = november(0, u);
        struct grid *g = draw_month(&v);
        int x, y;
        cell_of(&v, 18, &x, &y); /* flare and note: the flare shows */
        ck_assert_uint_eq(grid_at(g, x + 4, y)->cp, '!');
        ck_assert_int_eq(grid_at(g, x + 4, y)->style, ST_BAND_SEVERE);
        cell_of(&v, 13, &x, &y); /* note only */
        ck_assert_uint_eq(grid_at(g, x + 4, y)->cp, u ? 0x270E : '"');
        cell_of(&v, 20, &x, &y); /* a check-in without pain: missing */
        ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, u ? 0xB7 : '-');
        ck_assert_int_eq(grid_at(g, x + 2, y)->style, ST_ABSENT);
        cell_of(&v, 24, &x, &y); /* today */
        ck_assert_int_eq(grid_at(g, x + 1, y)->style, ST_TITLE);
        cell_of(&v, 25, &x, &y); /* the future: dim, no shade */
        ck_assert_int_eq(grid_at(g, x + 1, y)->style, ST_DIM);
        ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, ' ');
        cell_of(&v, 11, &x, &y); /* the cursor covers the whole cell */
        for (int dx = 0; dx < CALENDAR_CELL_W; dx++)
            ck_assert_int_eq(grid_at(g, x + dx, y)->style, ST_CURSOR);
        ck_assert_uint_eq(grid_at(g, x + 1, y)->cp, '1');
        ck_assert_int_ne(grid_at(g, x + CALENDAR_CELL_W, y)->style,
                         ST_CURSOR);
        grid_free(g);
    }
}
END_TEST

/* Only the selected day wears the cursor, and no day does without one. */
static int count_cursor_cells(const struct calendar_view *v)
{
    struct grid *g = draw_month(v);
    int n = 0;
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++)
            n += grid_at(g, x, y)->style == ST_CURSOR;
    grid_free(g);
    return n;
}

START_TEST(test_cursor_only_on_selected)
{
    struct calendar_view v = november(0, true);
    ck_assert_int_eq(count_cursor_cells(&v), CALENDAR_CELL_W);
    v.selected = -1;
    ck_assert_int_eq(count_cursor_cells(&v), 0);
    v.selected = date_from_ymd(2026, 10, 31); /* shown as blank: no cursor */
    ck_assert_int_eq(count_cursor_cells(&v), 0);
}
END_TEST

/* A day still to come that already has data (a clock that was wrong, a
 * date typed ahead) shows it rather than hiding it. */
START_TEST(test_future_day_with_data)
{
    struct calendar_view v = november(0, true);
    v.today = date_from_ymd(2026, 11, 4);
    struct grid *g = draw_month(&v);
    int x, y;
    cell_of(&v, 5, &x, &y);
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, 0x2593); /* 5: moderate */
    ck_assert_int_eq(grid_at(g, x + 1, y)->style, ST_DIM);
    cell_of(&v, 9, &x, &y); /* future and empty: blank, not "··" */
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, ' ');
    grid_free(g);
}
END_TEST

/* Days before or after the summaries given count as missing. */
START_TEST(test_days_outside_the_summaries)
{
    struct calendar_view v = november(0, false);
    v.days = fixture + 45; /* from 15 November */
    v.days_first = date_from_ymd(2026, 11, 15);
    v.ndays = 3;
    struct grid *g = draw_month(&v);
    int x, y;
    cell_of(&v, 14, &x, &y);
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, '-');
    cell_of(&v, 16, &x, &y);
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, ':'); /* pain 3: mild */
    cell_of(&v, 18, &x, &y);
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, '-');
    grid_free(g);
    v.days = NULL;
    v.ndays = 0;
    g = draw_month(&v);
    cell_of(&v, 16, &x, &y);
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, '-');
    grid_free(g);
}
END_TEST

/* Every field draws with its own styles: activity is not a symptom. */
START_TEST(test_activity_and_sleep_styles)
{
    struct calendar_view v = november(0, true);
    v.field = CF_ACTIVITY;
    fixture[date_from_ymd(2026, 11, 2) - v.days_first].mean[CF_ACTIVITY] = 9;
    struct grid *g = draw_month(&v);
    int x, y;
    cell_of(&v, 2, &x, &y);
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, 0x2588);
    ck_assert_int_eq(grid_at(g, x + 2, y)->style, ST_SERIES1);
    grid_free(g);
    v.field = CF_SLEEP_QUALITY; /* 18th: sleep 0, the worst shade */
    g = draw_month(&v);
    cell_of(&v, 18, &x, &y);
    ck_assert_uint_eq(grid_at(g, x + 2, y)->cp, 0x2588);
    ck_assert_int_eq(grid_at(g, x + 2, y)->style, ST_BAND_SEVERE);
    grid_free(g);
}
END_TEST

/* Drawn at an offset into a larger grid full of 'x': the whole block is
 * redrawn (no leftovers from a previous month) and nothing lands outside. */
START_TEST(test_block_stays_in_its_box)
{
    struct calendar_view v = november(6, true);
    struct grid *g = grid_new(CALENDAR_MONTH_W + 6, CALENDAR_MONTH_H + 4);
    grid_fill(g, 0, 0, g->w, g->h, 'x', ST_NORMAL);
    calendar_draw_month(g, 3, 2, &v);
    for (int y = 0; y < g->h; y++) {
        for (int x = 0; x < g->w; x++) {
            bool inside = x >= 3 && x < 3 + CALENDAR_MONTH_W && y >= 2 &&
                          y < 2 + CALENDAR_MONTH_H;
            ck_assert_msg(inside == (grid_at(g, x, y)->cp != 'x'),
                          "cell %d,%d", x, y);
        }
    }
    grid_free(g);
}
END_TEST

/* ---- every date in its place ------------------------------------------- */

/* The number (a day or a week) drawn at a cell, 0 for a blank cell. */
static int number_at(const struct grid *g, int x, int y)
{
    uint32_t tens = grid_at(g, x, y)->cp, ones = grid_at(g, x + 1, y)->cp;
    if (ones == ' ')
        return 0;
    ck_assert(ones >= '0' && ones <= '9');
    ck_assert(tens == ' ' || (tens >= '1' && tens <= '9'));
    return (tens == ' ' ? 0 : (int)(tens - '0') * 10) + (int)(ones - '0');
}

/* Reads the drawn block back: each day 1..N exactly once, in order, under
 * the name of its weekday, on a row whose week number is its ISO week
 * (Monday start) or the ISO week of most of the row (Sunday start), and
 * the rows below the month blank. */
static void check_month_dates(int year, int month, int week_start, bool utf8)
{
    struct calendar_view v = {.year = year, .month = month,
                              .week_start = week_start, .field = CF_PAIN,
                              .today = date_from_ymd(year, month, 15),
                              .selected = -1, .utf8 = utf8};
    struct grid *g = draw_month(&v);
    int next = 1;
    for (int row = 0; row < 6; row++) {
        int y = 2 + row, week = number_at(g, 0, y);
        for (int col = 0; col < 7; col++) {
            int x = CALENDAR_WEEKNO_W + col * CALENDAR_CELL_W;
            char name[3] = {(char)grid_at(g, x, 1)->cp,
                            (char)grid_at(g, x + 1, 1)->cp, 0};
            int dom = number_at(g, x, y);
            if (dom == 0)
                continue;
            ck_assert_msg(dom == next, "%d-%02d: %d where %d belongs", year,
                          month, dom, next);
            next++;
            ache_day day = date_from_ymd(year, month, dom);
            ck_assert(strncmp(date_weekday_abbr(date_weekday(day)), name,
                              2) == 0);
            int iso_year, iso_week;
            date_iso_week(week_start == 6 && col == 0 ? day + 1 : day,
                          &iso_year, &iso_week);
            ck_assert_msg(week == iso_week, "%d-%02d-%02d: week %d, want %d",
                          year, month, dom, week, iso_week);
        }
        if (week == 0)
            ck_assert_msg(next > date_days_in_month(year, month),
                          "%d-%02d: a row without a week", year, month);
    }
    ck_assert_int_eq(next, date_days_in_month(year, month) + 1);
    grid_free(g);
}

START_TEST(test_every_day_once)
{
    for (int year = 2019; year <= 2028; year++)
        for (int month = 1; month <= 12; month++)
            for (int ws = 0; ws <= 6; ws += 6)
                check_month_dates(year, month, ws, year % 2 == 0);
    check_month_dates(1, 1, 0, false);
    check_month_dates(9999, 12, 6, true);
    check_month_dates(1900, 2, 0, true); /* not a leap year */
    check_month_dates(2000, 2, 6, true); /* a leap year */
}
END_TEST

/* The number of week rows drawn (rows with a week number). */
static int week_rows(int year, int month, int week_start)
{
    struct calendar_view v = {.year = year, .month = month,
                              .week_start = week_start, .selected = -1};
    struct grid *g = draw_month(&v);
    int rows = 0;
    while (rows < 6 && number_at(g, 0, 2 + rows) != 0)
        rows++;
    grid_free(g);
    return rows;
}

START_TEST(test_row_counts)
{
    ck_assert_int_eq(week_rows(2026, 8, 0), 6);  /* starts on a Saturday */
    ck_assert_int_eq(week_rows(2026, 5, 6), 6);  /* Friday, Sunday start */
    ck_assert_int_eq(week_rows(2026, 5, 0), 5);
    ck_assert_int_eq(week_rows(2021, 2, 0), 4);  /* 28 days from a Monday */
    ck_assert_int_eq(week_rows(2015, 2, 6), 4);  /* 28 days from a Sunday */
    ck_assert_int_eq(week_rows(2024, 2, 0), 5);  /* 29 days */
}
END_TEST

/* The week numbers down the side of a month: year ends and week 53. */
static void check_weeks(int year, int month, int week_start,
                        const int *want, int n)
{
    struct calendar_view v = {.year = year, .month = month,
                              .week_start = week_start, .selected = -1};
    struct grid *g = draw_month(&v);
    for (int i = 0; i < n; i++)
        ck_assert_msg(number_at(g, 0, 2 + i) == want[i],
                      "%d-%02d row %d: week %d, want %d", year, month, i,
                      number_at(g, 0, 2 + i), want[i]);
    ck_assert_int_eq(number_at(g, 0, 2 + n), 0);
    grid_free(g);
}

START_TEST(test_week_numbers_at_year_ends)
{
    static const int dec2020[] = {49, 50, 51, 52, 53};
    static const int jan2021[] = {53, 1, 2, 3, 4};
    static const int jan2026[] = {1, 2, 3, 4, 5};
    static const int dec2024[] = {48, 49, 50, 51, 52, 1};
    static const int jan2027sun[] = {53, 1, 2, 3, 4, 5};
    check_weeks(2020, 12, 0, dec2020, 5);
    check_weeks(2021, 1, 0, jan2021, 5);
    check_weeks(2026, 1, 0, jan2026, 5);
    check_weeks(2024, 12, 0, dec2024, 6);
    /* Sunday start: the row of 27 Dec 2026 - 2 Jan 2027 is mostly ISO
     * week 53 of 2026 (Monday 28 December to Sunday 3 January) */
    check_weeks(2027, 1, 6, jan2027sun, 6);
}
END_TEST

/* All the months of several years as one text. */
static char *many_months(void)
{
    struct strbuf sb = {0};
    for (int year = 2020; year <= 2027; year++) {
        for (int month = 1; month <= 12; month++) {
            for (int ws = 0; ws <= 6; ws += 6) {
                struct calendar_view v = november(ws, true);
                v.year = year;
                v.month = month;
                struct grid *g = draw_month(&v);
                char *text = grid_to_text(g);
                strbuf_append(&sb, text);
                free(text);
                grid_free(g);
            }
        }
    }
    return strbuf_take(&sb);
}

static void set_tz(const char *tz)
{
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    tzset();
}

/* The drawing works on day numbers only, so every time zone, including
 * ones with daylight saving in March/April and October/November and Lord
 * Howe's half hour, gives the very same picture and the same dates. */
START_TEST(test_same_in_every_time_zone)
{
    static const char *const zones[] = {
        "America/New_York", "EST5EDT,M3.2.0,M11.1.0", "Europe/Berlin",
        "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago"};
    const char *saved = getenv("TZ");
    char *old = saved ? xstrdup(saved) : NULL;
    set_tz("UTC");
    char *want = many_months();
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
        set_tz(zones[i]);
        char *got = many_months();
        ck_assert_msg(strcmp(want, got) == 0, "differs in TZ=%s", zones[i]);
        free(got);
        for (int month = 1; month <= 12; month++)
            check_month_dates(2026, month, month % 2 ? 0 : 6, true);
    }
    free(want);
    set_tz(old);
    free(old);
}
END_TEST

/* ---- clicks and cursor cells ------------------------------------------- */

static void check_round_trip(int year, int month, int week_start)
{
    struct calendar_view v = {.year = year, .month = month,
                              .week_start = week_start, .selected = -1};
    ache_day first = date_from_ymd(year, month, 1);
    for (int dom = 1; dom <= date_days_in_month(year, month); dom++) {
        int x, y;
        ck_assert(calendar_day_cell(&v, first + dom - 1, &x, &y));
        ck_assert(x >= CALENDAR_WEEKNO_W && x < CALENDAR_MONTH_W);
        ck_assert(y >= 2 && y < CALENDAR_MONTH_H);
        for (int dx = 0; dx < CALENDAR_CELL_W; dx++)
            ck_assert_int_eq(calendar_hit(&v, x + dx, y), first + dom - 1);
    }
    int x, y;
    ck_assert(!calendar_day_cell(&v, first - 1, &x, &y));
    ck_assert(!calendar_day_cell(&v, first + date_days_in_month(year, month),
                                 &x, &y));
}

START_TEST(test_hit_round_trip)
{
    for (int year = 2024; year <= 2027; year++)
        for (int month = 1; month <= 12; month++)
            for (int ws = 0; ws <= 6; ws += 6)
                check_round_trip(year, month, ws);
}
END_TEST

START_TEST(test_hit_misses)
{
    struct calendar_view v = november(0, true);
    for (int x = -1; x <= CALENDAR_MONTH_W; x++) {
        ck_assert_int_eq(calendar_hit(&v, x, 0), -1); /* title */
        ck_assert_int_eq(calendar_hit(&v, x, 1), -1); /* weekday names */
        ck_assert_int_eq(calendar_hit(&v, x, CALENDAR_MONTH_H), -1);
    }
    for (int y = 2; y < CALENDAR_MONTH_H; y++)
        for (int x = -3; x < CALENDAR_WEEKNO_W; x++)
            ck_assert_int_eq(calendar_hit(&v, x, y), -1); /* week numbers */
    ck_assert_int_eq(calendar_hit(&v, CALENDAR_MONTH_W, 3), -1);
    /* Monday 26 October, on November's first row */
    ck_assert_int_eq(calendar_hit(&v, CALENDAR_WEEKNO_W, 2), -1);
    ck_assert_int_eq(calendar_hit(&v, CALENDAR_MONTH_W - 1, 2),
                     date_from_ymd(2026, 11, 1));
    /* 1-6 December, on the last row */
    ck_assert_int_eq(calendar_hit(&v, CALENDAR_WEEKNO_W, 7),
                     date_from_ymd(2026, 11, 30));
    ck_assert_int_eq(calendar_hit(&v, CALENDAR_WEEKNO_W + CALENDAR_CELL_W, 7),
                     -1);
    v.week_start = 6; /* five rows: the sixth is empty */
    ck_assert_int_eq(calendar_hit(&v, CALENDAR_WEEKNO_W, 7), -1);
}
END_TEST

/* ---- the legend --------------------------------------------------------- */

/* At every width the legend stays inside it and says how much it used. */
START_TEST(test_legend_cut)
{
    for (int u = 0; u <= 1; u++) {
        for (int f = 0; f < CF_COUNT; f++) {
            for (int w = 0; w <= 90; w++) {
                struct grid *g = grid_new(100, 1);
                struct calendar_view v = {.field = (enum checkin_field)f,
                                          .utf8 = u};
                int used = calendar_draw_legend(g, 2, 0, w, &v);
                ck_assert_int_le(used, w);
                for (int x = 0; x < g->w; x++)
                    ck_assert(grid_at(g, x, 0)->cp == ' ' ||
                              (x >= 2 && x < 2 + used));
                grid_free(g);
            }
        }
    }
}
END_TEST

START_TEST(test_legend_words)
{
    struct grid *g = grid_new(100, 1);
    struct calendar_view v = {.field = CF_SLEEP_HOURS, .utf8 = false};
    int used = calendar_draw_legend(g, 0, 0, 100, &v);
    char *text = grid_to_text(g);
    ck_assert_str_eq(text, "Sleep hours: .. 8h+  :: 7-8h  ** 5.5-7h  "
                           "## <5.5h  -- no entry  ! flare  \" note\n");
    ck_assert_int_eq(used, (int)strlen(text) - 1);
    free(text);
    grid_free(g);
}
END_TEST

/* ---- fields of one's own ------------------------------------------------ */

#define HEADACHE ((enum checkin_field)CF_COUNT)
#define NAPS ((enum checkin_field)(CF_COUNT + 1))
#define WALK ((enum checkin_field)(CF_COUNT + 2))
#define NAP ((enum checkin_field)(CF_COUNT + 3))

static void install_own(void)
{
    static const struct field_row rows[] = {
        {HEADACHE, "headache", NULL, NULL, NULL, FIELD_RATING, false, false},
        {NAPS, "naps", NULL, NULL, NULL, FIELD_TALLY, false, false},
        {WALK, "walk", NULL, NULL, NULL, FIELD_MINUTES, false, false},
        {NAP, "nap", NULL, NULL, NULL, FIELD_YESNO, false, false},
    };
    fields_install(rows, 4);
}

START_TEST(test_own_field_levels)
{
    install_own();
    static const int symptom[11] = {0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3};
    for (int v = 0; v <= 10; v++) /* a rating as pain is */
        ck_assert_int_eq(calendar_value_level(HEADACHE, v, 0), symptom[v]);
    /* counts and minutes by thirds of the top */
    ck_assert_int_eq(calendar_value_level(NAPS, 0, 5), 0);
    ck_assert_int_eq(calendar_value_level(NAPS, 1, 5), 1);
    ck_assert_int_eq(calendar_value_level(NAPS, 3, 5), 2);
    ck_assert_int_eq(calendar_value_level(NAPS, 4, 5), 3);
    ck_assert_int_eq(calendar_value_level(WALK, 10, 30), 1);
    ck_assert_int_eq(calendar_value_level(WALK, 11, 30), 2);
    ck_assert_int_eq(calendar_value_level(WALK, 21, 30), 3);
    ck_assert_int_eq(calendar_value_level(NAP, 0, 0), 0);
    ck_assert_int_eq(calendar_value_level(NAP, 1, 0), 3);
    ck_assert_int_eq(calendar_value_level(NAP, CHECKIN_ABSENT, 0), -1);
    ck_assert_int_eq(calendar_value_level((enum checkin_field)(CF_COUNT + 4), 1, 0),
                     -1); /* no such field */
    fields_reset();
}
END_TEST

/* A month shaded by an own field's means: the shades, the legend's
 * thirds and no band colours for a count, which may be good or bad. */
START_TEST(test_own_field_month_and_legend)
{
    install_own();
    struct calendar_view v = november(0, false);
    double means[FIX_NDAYS];
    for (size_t i = 0; i < FIX_NDAYS; i++)
        means[i] = STATS_ABSENT;
    ache_day first = v.days_first;
    means[date_from_ymd(2026, 11, 2) - first] = 0;
    means[date_from_ymd(2026, 11, 3) - first] = 1.5; /* rounds to 2 */
    means[date_from_ymd(2026, 11, 4) - first] = 7;
    v.field = NAPS;
    v.means = means;
    ck_assert_int_eq(calendar_top(&v), 10);
    struct grid *g = draw_month(&v);
    char *text = grid_to_text(g);
    ck_assert_msg(strstr(text, "45   2..  3::  4##  5--"), "%s", text);
    int x, y;
    ck_assert(calendar_day_cell(&v, date_from_ymd(2026, 11, 4), &x, &y));
    ck_assert_int_eq(grid_at(g, x + 2, y)->style, ST_SERIES1);
    free(text);
    grid_free(g);
    const struct {
        enum checkin_field field;
        const char *want;
    } legends[] = {
        {NAPS, "Naps: .. 0  :: 1-3  ** 4-6  ## 7-10  -- no entry"},
        {WALK, "Walk: .. 0m  :: 1-10m  ** 11-20m  ## 21-30m  -- no entry"},
        {NAP, "Nap: .. no  ## yes  -- no entry  ! flare"},
        {HEADACHE, "Headache: .. 0  :: 1-3  ** 4-6  ## 7-10  -- no entry"},
    };
    for (size_t i = 0; i < sizeof legends / sizeof legends[0]; i++) {
        struct grid *lg = grid_new(100, 1);
        v.field = legends[i].field;
        v.means = legends[i].field == NAPS ? means : NULL;
        calendar_draw_legend(lg, 0, 0, 100, &v);
        char *line = grid_to_text(lg);
        ck_assert_msg(strncmp(line, legends[i].want,
                              strlen(legends[i].want)) == 0,
                      "%s", line);
        free(line);
        grid_free(lg);
    }
    fields_reset();
}
END_TEST

/* ---- the week strip ----------------------------------------------------- */

static const struct day_summary *november_week(ache_day first)
{
    build_fixture();
    return &fixture[first - date_from_ymd(2026, FIX_FIRST_MONTH, 1)];
}

/* At every width, nothing is drawn beyond it (the picture is cut). */
START_TEST(test_week_never_overflows)
{
    ache_day first = date_from_ymd(2026, 11, 16);
    const struct day_summary *days = november_week(first);
    for (int u = 0; u <= 1; u++) {
        for (int w = 0; w <= 50; w++) {
            struct grid *g = grid_new(60, CALENDAR_WEEK_H + 2);
            grid_fill(g, 0, 0, g->w, g->h, 'x', ST_NORMAL);
            calendar_draw_week(g, 1, 1, w, days, first, u);
            for (int y = 0; y < g->h; y++)
                for (int x = 0; x < g->w; x++) {
                    bool inside = x >= 1 && x < 1 + w && y >= 1 &&
                                  y < 1 + CALENDAR_WEEK_H;
                    ck_assert_msg(inside == (grid_at(g, x, y)->cp != 'x'),
                                  "w %d: cell %d,%d", w, x, y);
                }
            grid_free(g);
        }
    }
}
END_TEST

/* The bar heights: 0 the lowest eighth block, 10 the full block. */
START_TEST(test_week_bars)
{
    struct day_summary days[7];
    ache_day first = date_from_ymd(2026, 11, 16);
    stats_days(NULL, 0, first, first + 6, days);
    static const int pain[7] = {0, 1, 3, 5, 7, 9, 10};
    static const uint32_t bars[7] = {0x2581, 0x2582, 0x2583, 0x2585,
                                     0x2586, 0x2587, 0x2588};
    for (int i = 0; i < 7; i++)
        days[i].mean[CF_PAIN] = pain[i];
    struct grid *g = grid_new(44, CALENDAR_WEEK_H);
    calendar_draw_week(g, 0, 0, 44, days, first, true);
    for (int i = 0; i < 7; i++)
        ck_assert_uint_eq(grid_at(g, 14 + 3 * i, 1)->cp, bars[i]);
    char *text = grid_to_text(g);
    ck_assert(strstr(text, "mean 5.0") != NULL);
    ck_assert(strstr(text, "mean \xE2\x80\x93") != NULL); /* fatigue: none */
    ck_assert(strstr(text, "Regions that hurt this week: 0 of 19") != NULL);
    free(text);
    grid_free(g);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("calendar");
    TCase *lv = tcase_create("levels");
    tcase_add_test(lv, test_level_bands);
    tcase_add_test(lv, test_level_sleep_hours);
    tcase_add_test(lv, test_level_missing);
    suite_add_tcase(s, lv);

    TCase *month = tcase_create("month");
    tcase_add_test(month, test_golden_month);
    tcase_add_test(month, test_marks_and_cursor);
    tcase_add_test(month, test_cursor_only_on_selected);
    tcase_add_test(month, test_future_day_with_data);
    tcase_add_test(month, test_days_outside_the_summaries);
    tcase_add_test(month, test_activity_and_sleep_styles);
    tcase_add_test(month, test_block_stays_in_its_box);
    suite_add_tcase(s, month);

    TCase *dates = tcase_create("dates");
    tcase_add_test(dates, test_every_day_once);
    tcase_add_test(dates, test_row_counts);
    tcase_add_test(dates, test_week_numbers_at_year_ends);
    tcase_add_test(dates, test_same_in_every_time_zone);
    tcase_set_timeout(dates, 30);
    suite_add_tcase(s, dates);

    TCase *hit = tcase_create("hit");
    tcase_add_test(hit, test_hit_round_trip);
    tcase_add_test(hit, test_hit_misses);
    suite_add_tcase(s, hit);

    TCase *legend = tcase_create("legend");
    tcase_add_test(legend, test_golden_legend);
    tcase_add_test(legend, test_legend_cut);
    tcase_add_test(legend, test_legend_words);
    tcase_add_test(legend, test_own_field_levels);
    tcase_add_test(legend, test_own_field_month_and_legend);
    suite_add_tcase(s, legend);

    TCase *week = tcase_create("week");
    tcase_add_test(week, test_golden_week);
    tcase_add_test(week, test_week_never_overflows);
    tcase_add_test(week, test_week_bars);
    suite_add_tcase(s, week);
    return s;
}

ACHE_TEST_MAIN(make_suite)
