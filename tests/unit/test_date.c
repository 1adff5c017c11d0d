/* Unit tests for date: civil dates, ISO weeks, month grids, parsing, times,
 * timestamps, and local dates in several time zones across DST changes.
 *
 * Time zones are given as POSIX TZ strings, so the tests need no tzdata;
 * the named zones are checked as well where /usr/share/zoneinfo has them. */
#include "testutil.h"

#include <time.h>

#include "ache/date.h"

#define DAY_MS INT64_C(86400000)

static char *saved_tz;
static char *saved_today;
static char *saved_now;

static char *save_env(const char *name)
{
    const char *v = getenv(name);
    return v ? xstrdup(v) : NULL;
}

static void restore_env(const char *name, char *value)
{
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
    free(value);
}

/* Every test may change TZ, ACHE_TODAY and ACHE_NOW; put them back (this
 * matters when Check runs the tests in one process, CK_FORK=no). Each test
 * starts with neither clock setting. */
static void env_setup(void)
{
    saved_tz = save_env("TZ");
    saved_today = save_env("ACHE_TODAY");
    saved_now = save_env("ACHE_NOW");
    unsetenv("ACHE_NOW");
}

static void env_teardown(void)
{
    restore_env("TZ", saved_tz);
    restore_env("ACHE_TODAY", saved_today);
    restore_env("ACHE_NOW", saved_now);
    saved_tz = saved_today = saved_now = NULL;
    tzset();
}

static void use_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

static ache_day ymd(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static const char *fmt(ache_day d)
{
    static char buf[DATE_BUF];
    return date_format(d, buf);
}

/* ---- calendar arithmetic ------------------------------------------------ */

START_TEST(test_leap_years)
{
    ck_assert(!date_is_leap(1900));
    ck_assert(date_is_leap(2000));
    ck_assert(date_is_leap(2024));
    ck_assert(!date_is_leap(2100));
    ck_assert(!date_is_leap(2023));
    ck_assert(!date_is_leap(2026));
    ck_assert(date_is_leap(4));
    ck_assert(!date_is_leap(1));
    ck_assert(date_is_leap(400));
    ck_assert(!date_is_leap(9999));
}
END_TEST

START_TEST(test_month_lengths)
{
    static const int len2023[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++)
        ck_assert_int_eq(date_days_in_month(2023, m), len2023[m - 1]);
    ck_assert_int_eq(date_days_in_month(2024, 2), 29);
    ck_assert_int_eq(date_days_in_month(1900, 2), 28);
    ck_assert_int_eq(date_days_in_month(2000, 2), 29);
    ck_assert_int_eq(date_days_in_month(2100, 2), 28);
    ck_assert_int_eq(date_days_in_month(2024, 0), 0);
    ck_assert_int_eq(date_days_in_month(2024, 13), 0);
}
END_TEST

START_TEST(test_valid_ymd)
{
    ck_assert(date_valid_ymd(1, 1, 1));
    ck_assert(date_valid_ymd(9999, 12, 31));
    ck_assert(date_valid_ymd(2024, 2, 29));
    ck_assert(!date_valid_ymd(0, 12, 31));
    ck_assert(!date_valid_ymd(10000, 1, 1));
    ck_assert(!date_valid_ymd(2023, 2, 29));
    ck_assert(!date_valid_ymd(1900, 2, 29));
    ck_assert(!date_valid_ymd(2024, 4, 31));
    ck_assert(!date_valid_ymd(2024, 1, 0));
    ck_assert(!date_valid_ymd(2024, 1, 32));
    ck_assert(!date_valid_ymd(2024, 0, 1));
    ck_assert(!date_valid_ymd(2024, 13, 1));
}
END_TEST

START_TEST(test_known_day_numbers)
{
    ck_assert_int_eq(ymd(1970, 1, 1), 0);
    ck_assert_int_eq(ymd(1969, 12, 31), -1);
    ck_assert_int_eq(ymd(1970, 1, 2), 1);
    ck_assert_int_eq(ymd(2000, 3, 1), 11017);
    ck_assert_int_eq(ymd(2024, 2, 29), 19782);
    ck_assert_int_eq(ymd(2026, 11, 24), 20781);
    ck_assert_int_eq(ymd(1900, 1, 1), -25567);
    ck_assert_int_eq(ymd(1, 1, 1), -719162);
    ck_assert_int_eq(ymd(9999, 12, 31), 2932896);
    int y, m, d;
    date_to_ymd(-719162, &y, &m, &d);
    ck_assert(y == 1 && m == 1 && d == 1);
    date_to_ymd(2932896, &y, &m, &d);
    ck_assert(y == 9999 && m == 12 && d == 31);
}
END_TEST

/* Every day of years 1-9999, in order: the day numbers count up by one,
 * convert back, format and parse back, and the weekday turns by one. */
START_TEST(test_round_trip_every_day)
{
    ache_day want = -719162;
    int weekday = 0; /* 0001-01-01 was a Monday (proleptic Gregorian) */
    for (int y = 1; y <= 9999; y++) {
        for (int m = 1; m <= 12; m++) {
            int n = date_days_in_month(y, m);
            for (int d = 1; d <= n; d++, want++, weekday = (weekday + 1) % 7) {
                int yy, mm, dd;
                ache_day got = date_from_ymd(y, m, d);
                date_to_ymd(want, &yy, &mm, &dd);
                if (got != want || yy != y || mm != m || dd != d)
                    ck_abort_msg("%04d-%02d-%02d: day %d, back %d-%d-%d", y,
                                 m, d, (int)got, yy, mm, dd);
                if (date_weekday(want) != weekday)
                    ck_abort_msg("%04d-%02d-%02d: weekday %d, want %d", y, m,
                                 d, date_weekday(want), weekday);
                char buf[DATE_BUF];
                ache_day parsed;
                if (!date_parse_iso(date_format(want, buf), &parsed) ||
                    parsed != want)
                    ck_abort_msg("%s does not parse back", buf);
            }
        }
    }
    ck_assert_int_eq(want, 2932897);
}
END_TEST

START_TEST(test_weekdays)
{
    ck_assert_int_eq(date_weekday(ymd(1970, 1, 1)), 3);   /* Thursday */
    ck_assert_int_eq(date_weekday(ymd(1969, 12, 31)), 2); /* Wednesday */
    ck_assert_int_eq(date_weekday(ymd(1969, 7, 20)), 6);  /* Sunday */
    ck_assert_int_eq(date_weekday(ymd(2000, 1, 1)), 5);   /* Saturday */
    ck_assert_int_eq(date_weekday(ymd(2026, 11, 24)), 1); /* Tuesday */
    ck_assert_int_eq(date_weekday(ymd(1900, 1, 1)), 0);   /* Monday */
    ck_assert_int_eq(date_weekday(ymd(9999, 12, 31)), 4); /* Friday */
    ck_assert_str_eq(date_weekday_name(0), "Monday");
    ck_assert_str_eq(date_weekday_name(6), "Sunday");
    ck_assert_str_eq(date_weekday_name(7), "?");
    ck_assert_str_eq(date_weekday_name(-1), "?");
    ck_assert_str_eq(date_weekday_abbr(1), "Tue");
    ck_assert_str_eq(date_weekday_abbr(6), "Sun");
    ck_assert_str_eq(date_weekday_abbr(7), "?");
    ck_assert_str_eq(date_month_name(1), "January");
    ck_assert_str_eq(date_month_name(12), "December");
    ck_assert_str_eq(date_month_name(0), "?");
    ck_assert_str_eq(date_month_name(13), "?");
    ck_assert_str_eq(date_month_abbr(9), "Sep");
    ck_assert_str_eq(date_month_abbr(13), "?");
}
END_TEST

static void assert_iso_week(int y, int m, int d, int want_year, int want_week)
{
    int iy = 0, iw = 0;
    date_iso_week(ymd(y, m, d), &iy, &iw);
    ck_assert_msg(iy == want_year && iw == want_week,
                  "%04d-%02d-%02d is %d-W%02d, want %d-W%02d", y, m, d, iy, iw,
                  want_year, want_week);
}

START_TEST(test_iso_weeks)
{
    assert_iso_week(2020, 12, 31, 2020, 53);
    assert_iso_week(2021, 1, 3, 2020, 53);
    assert_iso_week(2021, 1, 4, 2021, 1);
    assert_iso_week(2026, 1, 1, 2026, 1);
    assert_iso_week(2024, 12, 30, 2025, 1);
    assert_iso_week(2008, 12, 29, 2009, 1);
    assert_iso_week(2010, 1, 3, 2009, 53);
    assert_iso_week(2015, 12, 31, 2015, 53);
    assert_iso_week(2000, 1, 1, 1999, 52);
    assert_iso_week(2026, 11, 24, 2026, 48);
    assert_iso_week(1, 1, 1, 1, 1);
    assert_iso_week(9999, 12, 31, 9999, 52);
}
END_TEST

/* glibc's strftime %G/%V is an independent implementation to agree with. */
START_TEST(test_iso_weeks_match_strftime)
{
    for (int y = 1800; y <= 2400; y++) {
        ache_day jan1 = ymd(y, 1, 1);
        int n = date_is_leap(y) ? 366 : 365;
        for (int i = 0; i < n; i++) {
            struct tm tm = {0};
            tm.tm_year = y - 1900;
            tm.tm_yday = i;
            tm.tm_wday = (date_weekday(jan1 + i) + 1) % 7; /* Sunday = 0 */
            char want[32], got[32];
            strftime(want, sizeof want, "%G-W%V", &tm);
            int iy, iw;
            date_iso_week(jan1 + i, &iy, &iw);
            snprintf(got, sizeof got, "%d-W%02d", iy, iw);
            if (strcmp(want, got) != 0)
                ck_abort_msg("%s: %s, strftime says %s", fmt(jan1 + i), got,
                             want);
        }
    }
}
END_TEST

static void assert_grid(int y, int m, int start, const char *first_cell,
                        int rows, int days)
{
    struct month_grid g;
    date_month_grid(y, m, start, &g);
    ck_assert_int_eq(g.year, y);
    ck_assert_int_eq(g.month, m);
    ck_assert_int_eq(g.first, ymd(y, m, 1));
    ck_assert_str_eq(fmt(g.first_cell), first_cell);
    ck_assert_int_eq(g.rows, rows);
    ck_assert_int_eq(g.days, days);
}

START_TEST(test_month_grids)
{
    /* February 2021 begins on a Monday: exactly four rows. */
    assert_grid(2021, 2, 0, "2021-02-01", 4, 28);
    assert_grid(2021, 2, 6, "2021-01-31", 5, 28);
    /* February 2015 begins on a Sunday. */
    assert_grid(2015, 2, 6, "2015-02-01", 4, 28);
    assert_grid(2015, 2, 0, "2015-01-26", 5, 28);
    /* August 2021: 31 days from a Sunday need six Monday rows. */
    assert_grid(2021, 8, 0, "2021-07-26", 6, 31);
    assert_grid(2021, 8, 6, "2021-08-01", 5, 31);
    /* November 2026: 30 days from a Sunday, also six Monday rows. */
    assert_grid(2026, 11, 0, "2026-10-26", 6, 30);
    assert_grid(2026, 11, 6, "2026-11-01", 5, 30);
    assert_grid(2024, 2, 0, "2024-01-29", 5, 29);
}
END_TEST

/* For every month of three centuries and both week starts, the rows begin
 * on the week start and hold the month with less than a week to spare. */
START_TEST(test_month_grid_properties)
{
    int counts[7] = {0};
    for (int y = 1900; y <= 2100; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int start = 0; start <= 6; start += 6) {
                struct month_grid g;
                date_month_grid(y, m, start, &g);
                ck_assert_int_eq(date_weekday(g.first_cell), start);
                ck_assert_int_le(g.first_cell, g.first);
                ck_assert_int_gt(g.first_cell + 7, g.first);
                int cells = g.rows * 7;
                int used = (g.first - g.first_cell) + g.days;
                ck_assert_int_ge(cells, used);
                ck_assert_int_lt(cells - used, 7);
                ck_assert(g.rows >= 4 && g.rows <= 6);
                counts[g.rows]++;
            }
        }
    }
    ck_assert_int_gt(counts[4], 0);
    ck_assert_int_gt(counts[5], 0);
    ck_assert_int_gt(counts[6], 0);
}
END_TEST

static void assert_add_months(int y, int m, int n, int want_y, int want_m)
{
    date_add_months(&y, &m, n);
    ck_assert_msg(y == want_y && m == want_m, "got %d-%02d, want %d-%02d", y,
                  m, want_y, want_m);
}

START_TEST(test_add_months)
{
    assert_add_months(2026, 11, 0, 2026, 11);
    assert_add_months(2026, 11, 1, 2026, 12);
    assert_add_months(2026, 11, 2, 2027, 1);
    assert_add_months(2026, 12, 1, 2027, 1);
    assert_add_months(2026, 1, -1, 2025, 12);
    assert_add_months(2026, 3, -15, 2024, 12);
    assert_add_months(2026, 11, -24, 2024, 11);
    assert_add_months(2026, 11, 120, 2036, 11);
    assert_add_months(2026, 1, -12, 2025, 1);
    assert_add_months(2026, 1, -13, 2024, 12);
    assert_add_months(2, 1, -13, 0, 12);
    assert_add_months(9999, 12, -119976, 1, 12);
}
END_TEST

/* ---- parsing -------------------------------------------------------------- */

START_TEST(test_parse_iso)
{
    ache_day d = 12345;
    ck_assert(date_parse_iso("2026-02-03", &d));
    ck_assert_int_eq(d, ymd(2026, 2, 3));
    ck_assert(date_parse_iso("0001-01-01", &d));
    ck_assert_int_eq(d, -719162);
    ck_assert(date_parse_iso("9999-12-31", &d));
    ck_assert_int_eq(d, 2932896);
    ck_assert(date_parse_iso("2024-02-29", &d));
    ck_assert_int_eq(d, 19782);

    static const char *const bad[] = {
        "2026-2-3",    "2026-02-3",   "2026-2-03",   "2026-02-30",
        "2023-02-29",  "1900-02-29",  "0000-01-01",  "2026-13-01",
        "2026-00-10",  "2026-01-00",  "2026-01-32",  "2026-02-03x",
        "2026-02-03 ", " 2026-02-03", "2026/02/03",  "20260203",
        "",            "10000-01-01", "+026-02-03",  "2026-+2-03",
        "2026-02-+3",  "2026-0a-03",  "today",       "2026-02-03T00:00",
        "26-02-03",    "2026-02 03",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!date_parse_iso(bad[i], &d), "'%s' accepted", bad[i]);
}
END_TEST

static void assert_user_ok(const char *s, ache_day today, ache_day want)
{
    ache_day d = 0;
    struct ache_err err = {{0}};
    ck_assert_int_eq(date_parse_user(s, today, &d, &err), ACHE_OK);
    ck_assert_msg(d == want, "'%s' gave %s", s, fmt(d));
}

static void assert_user_bad(const char *s, ache_day today, const char *msg)
{
    ache_day d = 0;
    struct ache_err err = {{0}};
    ck_assert_int_eq(date_parse_user(s, today, &d, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, msg);
}

#define NOT_A_DATE(s)                                                      \
    "'" s "' is not a date (use YYYY-MM-DD, today, yesterday or -N for N " \
    "days ago)"

/* The reader of dates in order gives what date_parse_iso gives, for each
 * date after any other: every good and bad date of test_parse_iso, each
 * read after each, and runs within a month and across months. */
START_TEST(test_read_iso_in_order)
{
    static const char *const dates[] = {
        "2026-02-03",  "2026-02-28", "2026-02-29", "2026-02-30", "2026-02-3",
        "2026-02-031", "2026-02-0a", "2026-02-00", "2026-02-",   "2026-02",
        "",            "2024-02-29", "2024-02-01", "2026-03-31", "2026-03-32",
        "2026-04-31",  "0001-01-01", "9999-12-31", "2026-02-03x", "today",
        "2026-02-+3",  "2026-0a-03", "1900-02-29", "2026-12-01",
    };
    size_t n = sizeof dates / sizeof dates[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            struct date_reader r = {.days = 0};
            ache_day got = 7, want = 7;
            date_read_iso(&r, dates[i], &got);
            bool ok = date_read_iso(&r, dates[j], &got);
            ck_assert_msg(ok == date_parse_iso(dates[j], &want),
                          "'%s' after '%s'", dates[j], dates[i]);
            if (ok)
                ck_assert_int_eq(got, want);
        }
    /* every day of four years in order, months and leap days among them */
    struct date_reader r = {.days = 0};
    for (ache_day d = ymd(2023, 1, 1); d <= ymd(2026, 12, 31); d++) {
        char buf[DATE_BUF];
        ache_day got;
        ck_assert(date_read_iso(&r, date_format(d, buf), &got));
        ck_assert_int_eq(got, d);
    }
}
END_TEST

START_TEST(test_parse_user)
{
    ache_day today = ymd(2026, 11, 24);
    assert_user_ok("today", today, today);
    assert_user_ok("yesterday", today, today - 1);
    assert_user_ok("-3", today, ymd(2026, 11, 21));
    assert_user_ok("-0", today, today);
    assert_user_ok("-24", today, ymd(2026, 10, 31));
    assert_user_ok("-100000", today, today - 100000);
    assert_user_ok("2026-02-03", today, ymd(2026, 2, 3));
    assert_user_ok("2030-01-01", today, ymd(2030, 1, 1)); /* future: ok */

    assert_user_bad("2026-02-30", today, NOT_A_DATE("2026-02-30"));
    assert_user_bad("tomorrow", today, NOT_A_DATE("tomorrow"));
    assert_user_bad("Today", today, NOT_A_DATE("Today"));
    assert_user_bad("", today, NOT_A_DATE(""));
    assert_user_bad("-", today, NOT_A_DATE("-"));
    assert_user_bad("--3", today, NOT_A_DATE("--3"));
    assert_user_bad("-+3", today, NOT_A_DATE("-+3"));
    assert_user_bad("- 3", today, NOT_A_DATE("- 3"));
    assert_user_bad("-3 ", today, NOT_A_DATE("-3 "));
    assert_user_bad("+3", today, NOT_A_DATE("+3"));
    assert_user_bad("3", today, NOT_A_DATE("3"));
    assert_user_bad("-100001", today, NOT_A_DATE("-100001"));
    assert_user_bad("-3d", today, NOT_A_DATE("-3d"));
    assert_user_bad("2026-2-3", today, NOT_A_DATE("2026-2-3"));
    assert_user_bad(" today", today, NOT_A_DATE(" today"));

    /* Counting back past the year 1. */
    ache_day early = ymd(1, 1, 5);
    assert_user_ok("-4", early, ymd(1, 1, 1));
    assert_user_bad("-5", early, "'-5' is before the year 1");
    assert_user_bad("yesterday", ymd(1, 1, 1),
                    "'yesterday' is before the year 1");

    /* err may be NULL. */
    ache_day d;
    ck_assert_int_eq(date_parse_user("nope", today, &d, NULL),
                     ACHE_ERR_INVALID);
}
END_TEST

/* ---- today and the local clock ---------------------------------------- */

static int64_t floor_div64(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

START_TEST(test_today_fixed)
{
    ache_day d = 0;
    struct ache_err err = {{0}};
    setenv("ACHE_TODAY", "2026-11-24", 1);
    ck_assert_int_eq(date_today(&d, &err), ACHE_OK);
    ck_assert_int_eq(d, 20781);
    /* ACHE_TODAY wins whatever the time zone. */
    use_tz("<+14>-14");
    ck_assert_int_eq(date_today(&d, &err), ACHE_OK);
    ck_assert_int_eq(d, 20781);
    setenv("ACHE_TODAY", "0001-01-01", 1);
    ck_assert_int_eq(date_today(&d, &err), ACHE_OK);
    ck_assert_int_eq(d, -719162);
}
END_TEST

static int64_t stamp_of(const char *text)
{
    int64_t ms = 0;
    ck_assert_msg(stamp_parse(text, &ms), "%s", text);
    return ms;
}

/* ACHE_NOW sets date, time of day and stamps, as local time. */
START_TEST(test_now_fixed)
{
    static const struct {
        const char *tz, *now, *utc;
        int minutes;
    } cases[] = {
        {"UTC0", "2026-11-24T08:30", "2026-11-24T08:30:00Z", 510},
        {"UTC0", "2026-11-24 23:59:59", "2026-11-24T23:59:59Z", 1439},
        {"<+14>-14", "2026-11-24T08:30", "2026-11-23T18:30:00Z", 510},
        {"<-12>12", "2026-11-24T20:00", "2026-11-25T08:00:00Z", 1200},
        {"EST5EDT,M3.2.0,M11.1.0", "2026-07-01T12:00", "2026-07-01T16:00:00Z",
         720},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        use_tz(cases[i].tz);
        setenv("ACHE_NOW", cases[i].now, 1);
        setenv("ACHE_TODAY", "2001-01-01", 1); /* ACHE_NOW wins */
        ache_day d = 0;
        struct ache_err err = {{0}};
        ck_assert_int_eq(date_today(&d, &err), ACHE_OK);
        char want[DATE_BUF];
        memcpy(want, cases[i].now, 10);
        want[10] = '\0';
        ck_assert_str_eq(fmt(d), want);
        ck_assert_int_eq(time_now_local(), cases[i].minutes);
        int64_t now = stamp_now(), at = stamp_of(cases[i].utc);
        ck_assert_msg(now >= at && now < at + 5000, "%s: %lld, want %lld",
                      cases[i].now, (long long)now, (long long)at);
    }
}
END_TEST

/* The clock set by ACHE_NOW runs on, as the real one does. */
START_TEST(test_now_ticks)
{
    use_tz("UTC0");
    setenv("ACHE_NOW", "2026-11-24T08:30", 1);
    int64_t first = stamp_now();
    struct timespec pause = {0, 30 * 1000000};
    nanosleep(&pause, NULL);
    int64_t second = stamp_now();
    ck_assert_msg(second - first >= 30 && second - first < 5000,
                  "%lld then %lld", (long long)first, (long long)second);
    /* a new setting starts from where it says */
    setenv("ACHE_NOW", "2030-01-01T00:00", 1);
    int64_t third = stamp_now();
    ck_assert(third >= stamp_of("2030-01-01T00:00:00Z") &&
              third < stamp_of("2030-01-01T00:00:05Z"));
}
END_TEST

START_TEST(test_now_malformed)
{
    static const char *const bad[] = {
        "2026-11-24",       "2026-11-24T24:00",    "2026-11-24T09:00 ",
        "2026-02-30T08:00", "2026-11-24T09:00:60", "2026-11-24T9:00",
        "2026-11-24X09:00", "now",                 "2026-11-24T09:00Z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ache_day d = 777;
        struct ache_err err = {{0}};
        char want[160];
        snprintf(want, sizeof want,
                 "ACHE_NOW: '%s' is not a local date and time (use "
                 "YYYY-MM-DDTHH:MM)",
                 bad[i]);
        setenv("ACHE_NOW", bad[i], 1);
        ck_assert_int_eq(date_today(&d, &err), ACHE_ERR_INVALID);
        ck_assert_str_eq(err.msg, want);
        ck_assert_int_eq(d, 777);
    }
}
END_TEST

/* ACHE_TODAY alone moves the stamps to that date, at the real time of
 * day, so a check-in added then is not "filled in later". */
START_TEST(test_today_moves_stamps)
{
    use_tz("<+14>-14");
    setenv("ACHE_TODAY", "2021-03-04", 1);
    ck_assert_int_eq(stamp_local_day(stamp_now()), ymd(2021, 3, 4));
}
END_TEST

START_TEST(test_today_malformed)
{
    static const char *const bad[] = {"2026-13-01", "today", "2026-2-3",
                                      "2026-11-24 ", "yesterday", "-1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ache_day d = 777;
        struct ache_err err = {{0}};
        char want[128];
        snprintf(want, sizeof want,
                 "ACHE_TODAY: '%s' is not a date (use YYYY-MM-DD)", bad[i]);
        setenv("ACHE_TODAY", bad[i], 1);
        ck_assert_int_eq(date_today(&d, &err), ACHE_ERR_INVALID);
        ck_assert_str_eq(err.msg, want);
    }
}
END_TEST

static ache_day local_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    ck_assert_ptr_nonnull(localtime_r(&now, &tm));
    return ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Unset or empty ACHE_TODAY: the local date, as localtime has it (read
 * before and after, in case midnight passes in between). */
static void assert_today_is_local(void)
{
    ache_day before = local_today(), d = 0;
    struct ache_err err = {{0}};
    ck_assert_int_eq(date_today(&d, &err), ACHE_OK);
    ache_day after = local_today();
    ck_assert_msg(d == before || d == after, "%s, localtime says %d..%d",
                  fmt(d), (int)before, (int)after);
}

START_TEST(test_today_local)
{
    unsetenv("ACHE_TODAY");
    assert_today_is_local();
    setenv("ACHE_TODAY", "", 1);
    assert_today_is_local();
}
END_TEST

/* Zones with a fixed offset, where the local date and time follow from the
 * UTC clock by arithmetic alone. */
struct fixed_zone {
    const char *tz;
    int offset; /* seconds east of UTC */
};

static const struct fixed_zone fixed_zones[] = {
    {"UTC0", 0},
    {"<+14>-14", 14 * 3600},         /* like Pacific/Kiritimati */
    {"<-12>12", -12 * 3600},         /* like Baker Island */
    {"<-0330>3:30", -(3 * 3600 + 1800)}, /* St John's standard time */
    {"<+0545>-5:45", 5 * 3600 + 45 * 60}, /* like Asia/Kathmandu */
};

START_TEST(test_today_fixed_offsets)
{
    unsetenv("ACHE_TODAY");
    for (size_t i = 0; i < sizeof fixed_zones / sizeof fixed_zones[0]; i++) {
        const struct fixed_zone *z = &fixed_zones[i];
        use_tz(z->tz);
        int64_t t0 = (int64_t)time(NULL) + z->offset;
        ache_day d = 0;
        ck_assert_int_eq(date_today(&d, NULL), ACHE_OK);
        int minutes = time_now_local();
        int64_t t1 = (int64_t)time(NULL) + z->offset;
        ck_assert_msg(d == floor_div64(t0, 86400) || d == floor_div64(t1, 86400),
                      "%s: today is %s", z->tz, fmt(d));
        int m0 = (int)(t0 - floor_div64(t0, 86400) * 86400) / 60;
        int m1 = (int)(t1 - floor_div64(t1, 86400) * 86400) / 60;
        ck_assert_msg(minutes == m0 || minutes == m1,
                      "%s: time %d, want %d or %d", z->tz, minutes, m0, m1);
        assert_today_is_local();
    }
}
END_TEST

/* Zones with daylight-saving rules, as POSIX strings and (where tzdata is
 * installed) by name, with the two days of 2026 on which the clocks
 * change and those days' length in minutes. */
struct dst_zone {
    const char *tz;
    struct {
        int month, day, minutes;
    } change[2];
};

static const struct dst_zone dst_zones[] = {
    {"UTC0", {{0, 0, 0}, {0, 0, 0}}},
    {"<+14>-14", {{0, 0, 0}, {0, 0, 0}}},
    {"<-12>12", {{0, 0, 0}, {0, 0, 0}}},
    {"EST5EDT,M3.2.0,M11.1.0", {{3, 8, 1380}, {11, 1, 1500}}},
    {"CET-1CEST,M3.5.0,M10.5.0/3", {{3, 29, 1380}, {10, 25, 1500}}},
    {"NST3:30NDT,M3.2.0,M11.1.0", {{3, 8, 1380}, {11, 1, 1500}}},
    /* Lord Howe Island moves its clocks by half an hour. */
    {"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", {{4, 5, 1470}, {10, 4, 1410}}},
    {"AEST-10AEDT,M10.1.0,M4.1.0/3", {{4, 5, 1500}, {10, 4, 1380}}},
    {"America/New_York", {{3, 8, 1380}, {11, 1, 1500}}},
    {"Europe/Berlin", {{3, 29, 1380}, {10, 25, 1500}}},
    {"Australia/Lord_Howe", {{4, 5, 1470}, {10, 4, 1410}}},
    {"Pacific/Kiritimati", {{0, 0, 0}, {0, 0, 0}}},
    {"America/St_Johns", {{3, 8, 1380}, {11, 1, 1500}}},
};

static bool zone_available(const char *tz)
{
    if (strchr(tz, '/') == NULL)
        return true; /* a POSIX string */
    char path[256];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
    return access(path, R_OK) == 0;
}

static int expected_minutes(const struct dst_zone *z, ache_day d)
{
    for (int i = 0; i < 2; i++)
        if (z->change[i].month &&
            d == ymd(2026, z->change[i].month, z->change[i].day))
            return z->change[i].minutes;
    return 1440;
}

/* Steps through 2026 a quarter of an hour at a time (every clock change
 * here falls on a quarter hour): the local date never goes back or skips
 * a day, and each whole day lasts as long as its clock changes say. */
static void check_zone_year(const struct dst_zone *z)
{
    use_tz(z->tz);
    const int64_t step = 15 * 60 * 1000;
    int64_t from = (int64_t)ymd(2025, 12, 30) * DAY_MS;
    int64_t to = (int64_t)ymd(2027, 1, 3) * DAY_MS;
    ache_day prev = stamp_local_day(from);
    ache_day first_whole = prev + 1;
    int samples = 0;
    for (int64_t ms = from + step; ms < to; ms += step) {
        ache_day d = stamp_local_day(ms);
        if (d != prev && d != prev + 1)
            ck_abort_msg("%s: %s after %s", z->tz, fmt(d), fmt(prev));
        samples++;
        if (d == prev)
            continue;
        if (prev >= first_whole) {
            int minutes = samples * 15;
            if (minutes != expected_minutes(z, prev))
                ck_abort_msg("%s: %s lasted %d minutes", z->tz, fmt(prev),
                             minutes);
        }
        samples = 0;
        prev = d;
    }
    ck_assert_int_ge(prev, ymd(2027, 1, 2));
}

START_TEST(test_local_day_across_dst)
{
    int checked = 0;
    for (size_t i = 0; i < sizeof dst_zones / sizeof dst_zones[0]; i++) {
        if (!zone_available(dst_zones[i].tz))
            continue;
        check_zone_year(&dst_zones[i]);
        checked++;
    }
    ck_assert_int_ge(checked, 8);
}
END_TEST

static int64_t stamp(const char *s)
{
    int64_t ms = 0;
    ck_assert_msg(stamp_parse(s, &ms), "'%s' did not parse", s);
    return ms;
}

static void assert_local_day(const char *tz, const char *utc,
                             const char *want)
{
    use_tz(tz);
    ck_assert_str_eq(fmt(stamp_local_day(stamp(utc))), want);
}

START_TEST(test_local_day_known)
{
    assert_local_day("UTC0", "1970-01-01T00:00:00Z", "1970-01-01");
    assert_local_day("UTC0", "1969-12-31T23:59:59.999Z", "1969-12-31");
    assert_local_day("UTC0", "1900-03-01T12:00:00Z", "1900-03-01");
    /* New York: 01:30 EST on the morning the clocks go forward. */
    const char *ny = "EST5EDT,M3.2.0,M11.1.0";
    assert_local_day(ny, "2026-03-08T04:59:59Z", "2026-03-07");
    assert_local_day(ny, "2026-03-08T05:00:00Z", "2026-03-08");
    assert_local_day(ny, "2026-03-09T03:59:59Z", "2026-03-08"); /* EDT */
    assert_local_day(ny, "2026-03-09T04:00:00Z", "2026-03-09");
    assert_local_day(ny, "1969-07-04T03:59:59Z", "1969-07-03");
    assert_local_day("<+14>-14", "2026-01-01T09:59:59Z", "2026-01-01");
    assert_local_day("<+14>-14", "2026-01-01T10:00:00Z", "2026-01-02");
    assert_local_day("<-12>12", "2026-01-01T11:59:59Z", "2025-12-31");
    assert_local_day("<-12>12", "2026-01-01T12:00:00Z", "2026-01-01");
    const char *nst = "NST3:30NDT,M3.2.0,M11.1.0";
    assert_local_day(nst, "2026-01-01T03:29:59Z", "2025-12-31");
    assert_local_day(nst, "2026-01-01T03:30:00Z", "2026-01-01");
    const char *lhi = "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0";
    assert_local_day(lhi, "2025-12-31T12:59:59Z", "2025-12-31");
    assert_local_day(lhi, "2025-12-31T13:00:00Z", "2026-01-01");
    assert_local_day(lhi, "2026-06-30T13:29:59Z", "2026-06-30");
    assert_local_day(lhi, "2026-06-30T13:30:00Z", "2026-07-01");
}
END_TEST

/* The text as typed reaches the message with its controls shown. */
START_TEST(test_parse_user_quotes_safely)
{
    ache_day today = date_from_ymd(2026, 11, 24);
    assert_user_bad("\x1b]52;c;aGk=\x07", today, NOT_A_DATE("^[]52;c;aGk=^G"));
    assert_user_bad("2026\xe2\x80\xae-01", today,
                    NOT_A_DATE("2026\xef\xbf\xbd-01"));
}
END_TEST

/* ---- times of day and timestamps -------------------------------------- */

START_TEST(test_time_parse)
{
    int m = -1;
    ck_assert(time_parse("00:00", &m));
    ck_assert_int_eq(m, 0);
    ck_assert(time_parse("23:59", &m));
    ck_assert_int_eq(m, 1439);
    ck_assert(time_parse("07:30", &m));
    ck_assert_int_eq(m, 450);
    ck_assert(time_parse("12:00", &m));
    ck_assert_int_eq(m, 720);
    static const char *const bad[] = {
        "24:00", "7:30",   "12:60",  "07:3",   "07:300", "",      "07-30",
        "0730",  " 07:30", "07:30 ", "-1:00",  "+7:30",  "07:+3", "ab:cd",
        "7.30",  "07:30:00", "99:99",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        m = 42;
        ck_assert_msg(!time_parse(bad[i], &m), "'%s' accepted", bad[i]);
        ck_assert_int_eq(m, 42);
    }
}
END_TEST

START_TEST(test_time_parse_typed)
{
    static const struct {
        const char *text;
        int minutes;
    } good[] = {
        {"8:00", 480}, {"08:00", 480}, {"0:05", 5},
        {"23:59", 1439}, {"9:30", 570}, {"00:00", 0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int m = -1;
        ck_assert_msg(time_parse_typed(good[i].text, &m), "'%s' refused",
                      good[i].text);
        ck_assert_int_eq(m, good[i].minutes);
    }
    static const char *const bad[] = {
        "24:00", "8:60",  "8:5",    "8",      "800",   "",      ":30",
        "123:00", "8:000", " 8:00", "8:00 ", "-1:00", "+8:00", "8:+5",
        "a:00",  "8.00",  "8:00:00", "99:99", "8:",    "08-00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int m = 42;
        ck_assert_msg(!time_parse_typed(bad[i], &m), "'%s' accepted", bad[i]);
        ck_assert_int_eq(m, 42);
    }
}
END_TEST

/* The check-in screen's time prompt: the shortest forms too. */
START_TEST(test_time_parse_short)
{
    static const struct {
        const char *text;
        int minutes;
    } cases[] = {
        {"8", 480},     {"8:00", 480},  {"830", 510},  {"0830", 510},
        {"20.15", 1215}, {"7h30", 450}, {"23:59", 1439}, {"0", 0},
        {"24", -1},     {"8:3", -1},    {"8:60", -1},  {"2400", -1},
        {"", -1},       {"a", -1},      {"8:30x", -1}, {"12345", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(time_parse_short(cases[i].text) == cases[i].minutes,
                      "'%s' read as %d", cases[i].text,
                      time_parse_short(cases[i].text));
}
END_TEST

START_TEST(test_time_format)
{
    char buf[TIME_BUF];
    ck_assert_str_eq(time_format(0, buf), "00:00");
    ck_assert_str_eq(time_format(1439, buf), "23:59");
    ck_assert_str_eq(time_format(450, buf), "07:30");
    /* Out of range: midnight rather than nonsense. */
    ck_assert_str_eq(time_format(-1, buf), "00:00");
    ck_assert_str_eq(time_format(1440, buf), "00:00");
    for (int minutes = 0; minutes < 1440; minutes++) {
        int back = -1;
        if (!time_parse(time_format(minutes, buf), &back) || back != minutes)
            ck_abort_msg("%d -> '%s' -> %d", minutes, buf, back);
    }
}
END_TEST

START_TEST(test_time_now_local)
{
    for (size_t i = 0; i < sizeof dst_zones / sizeof dst_zones[0]; i++) {
        if (!zone_available(dst_zones[i].tz))
            continue;
        use_tz(dst_zones[i].tz);
        time_t t0 = time(NULL);
        int got = time_now_local();
        time_t t1 = time(NULL);
        struct tm a, b;
        localtime_r(&t0, &a);
        localtime_r(&t1, &b);
        ck_assert_msg(got == a.tm_hour * 60 + a.tm_min ||
                          got == b.tm_hour * 60 + b.tm_min,
                      "%s: %d", dst_zones[i].tz, got);
        ck_assert(got >= 0 && got < 1440);
    }
}
END_TEST

struct stamp_case {
    const char *text;
    int64_t ms;
};

START_TEST(test_stamp_format)
{
    static const struct stamp_case cases[] = {
        {"1970-01-01T00:00:00.000Z", 0},
        {"1970-01-01T00:00:00.001Z", 1},
        {"1969-12-31T23:59:59.999Z", -1},
        {"2024-02-29T12:34:56.789Z", INT64_C(1709210096789)},
        {"1960-02-29T23:59:59.500Z", INT64_C(-310435200500)},
        {"1900-01-01T00:00:00.000Z", INT64_C(-2208988800000)},
        {"0001-01-01T00:00:00.000Z", INT64_C(-62135596800000)},
        {"9999-12-31T23:59:59.999Z", INT64_C(253402300799999)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[STAMP_BUF];
        ck_assert_str_eq(stamp_format(cases[i].ms, buf), cases[i].text);
        ck_assert_int_eq(stamp(cases[i].text), cases[i].ms);
    }
    /* Without milliseconds. */
    ck_assert_int_eq(stamp("2024-02-29T12:34:56Z"), INT64_C(1709210096000));
    ck_assert_int_eq(stamp("1969-12-31T23:59:59Z"), -1000);
}
END_TEST

START_TEST(test_stamp_parse_rejects)
{
    static const char *const bad[] = {
        "2023-02-29T00:00:00Z",     "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z",     "2026-01-01T00:00:60Z",
        "2026-01-01 00:00:00Z",     "2026-01-01T00:00:00",
        "2026-01-01T00:00:00.5Z",   "2026-01-01T00:00:00.000",
        "2026-01-01T00:00:00,000Z", "2026-01-01T00:00:00+00:00",
        "2026-01-01T00:00:00.000z", "2026-1-01T00:00:00.000Z",
        "2026-01-01T0:00:00.0000Z", "2026-01-01T00-00-00Z",
        "0000-01-01T00:00:00Z",     "",
        "2026-01-01",               "2026-01-01T00:00:0aZ",
        "2026-01-01T00:00:00.00aZ", "2026-01-01T00:00:00Z ",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t ms = 42;
        ck_assert_msg(!stamp_parse(bad[i], &ms), "'%s' accepted", bad[i]);
        ck_assert_int_eq(ms, 42);
    }
}
END_TEST

START_TEST(test_stamp_round_trip)
{
    /* A prime stride of about eleven days lands on every millisecond,
     * second, minute and hour value somewhere in years 1-9999. */
    const int64_t lo = INT64_C(-62135596800000);
    const int64_t hi = INT64_C(253402300799999);
    const int64_t stride = INT64_C(1000000007);
    for (int64_t ms = lo; ms <= hi; ms += stride) {
        char buf[STAMP_BUF];
        int64_t back;
        if (!stamp_parse(stamp_format(ms, buf), &back) || back != ms)
            ck_abort_msg("%lld -> %s does not round trip", (long long)ms,
                         buf);
    }
    /* time() may read a coarser clock, so allow a second either way. */
    int64_t before = (int64_t)time(NULL);
    int64_t now = stamp_now();
    int64_t after = (int64_t)time(NULL);
    ck_assert_int_ge(now / 1000, before - 1);
    ck_assert_int_le(now / 1000, after + 1);
    char buf[STAMP_BUF];
    ck_assert_int_eq(stamp(stamp_format(now, buf)), now);
}
END_TEST

START_TEST(test_local_day_utc_boundaries)
{
    use_tz("UTC0");
    ck_assert_int_eq(stamp_local_day(0), 0);
    ck_assert_int_eq(stamp_local_day(DAY_MS - 1), 0);
    ck_assert_int_eq(stamp_local_day(DAY_MS), 1);
    ck_assert_int_eq(stamp_local_day(-1), -1);
    ck_assert_int_eq(stamp_local_day(-DAY_MS), -1);
    ck_assert_int_eq(stamp_local_day(-DAY_MS - 1), -2);
    ck_assert_int_eq(stamp_local_day(INT64_C(1709210096789)), 19782);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("calendar");
    tcase_add_test(tc, test_leap_years);
    tcase_add_test(tc, test_month_lengths);
    tcase_add_test(tc, test_valid_ymd);
    tcase_add_test(tc, test_known_day_numbers);
    tcase_add_test(tc, test_round_trip_every_day);
    tcase_add_test(tc, test_weekdays);
    tcase_add_test(tc, test_iso_weeks);
    tcase_add_test(tc, test_iso_weeks_match_strftime);
    tcase_add_test(tc, test_month_grids);
    tcase_add_test(tc, test_month_grid_properties);
    tcase_add_test(tc, test_add_months);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    tc = tcase_create("parse");
    tcase_add_test(tc, test_parse_iso);
    tcase_add_test(tc, test_read_iso_in_order);
    tcase_add_test(tc, test_parse_user);
    tcase_add_test(tc, test_time_parse);
    tcase_add_test(tc, test_time_parse_typed);
    tcase_add_test(tc, test_time_parse_short);
    tcase_add_test(tc, test_time_format);
    tcase_add_test(tc, test_stamp_format);
    tcase_add_test(tc, test_stamp_parse_rejects);
    tcase_add_test(tc, test_stamp_round_trip);
    tcase_add_test(tc, test_parse_user_quotes_safely);
    suite_add_tcase(s, tc);

    tc = tcase_create("zones");
    tcase_add_checked_fixture(tc, env_setup, env_teardown);
    tcase_add_test(tc, test_today_fixed);
    tcase_add_test(tc, test_today_malformed);
    tcase_add_test(tc, test_now_fixed);
    tcase_add_test(tc, test_now_ticks);
    tcase_add_test(tc, test_now_malformed);
    tcase_add_test(tc, test_today_moves_stamps);
    tcase_add_test(tc, test_today_local);
    tcase_add_test(tc, test_today_fixed_offsets);
    tcase_add_test(tc, test_time_now_local);
    tcase_add_test(tc, test_local_day_known);
    tcase_add_test(tc, test_local_day_utc_boundaries);
    tcase_add_test(tc, test_local_day_across_dst);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
