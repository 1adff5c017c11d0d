/* date: civil dates as day numbers, ISO weeks, month grids, times of day,
 * UTC timestamps, and parsing what people type for a date.
 *
 * A civil date is a count of days since 1970-01-01 (day 0), whatever the
 * time zone: day arithmetic is integer arithmetic, never time_t + 86400
 * (which doubles or drops days at daylight-saving changes).
 * Supported years: 1 to 9999.
 */
#ifndef ACHE_DATE_H
#define ACHE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "ache/util.h"

typedef int32_t ache_day;

#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999
/* "YYYY-MM-DD" plus NUL */
#define DATE_BUF 11
/* "HH:MM" plus NUL */
#define TIME_BUF 6
/* "YYYY-MM-DDTHH:MM:SS.mmmZ" plus NUL */
#define STAMP_BUF 25

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
bool date_valid_ymd(int year, int month, int day);
/* The caller guarantees a valid date. */
ache_day date_from_ymd(int year, int month, int day);
void date_to_ymd(ache_day d, int *year, int *month, int *day);

/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int date_weekday(ache_day d);
/* ISO 8601 week-numbering year and week (1-53). */
void date_iso_week(ache_day d, int *iso_year, int *iso_week);

/* Writes "YYYY-MM-DD" into buf (DATE_BUF bytes); returns buf. */
char *date_format(ache_day d, char buf[DATE_BUF]);
/* English weekday and month names: "Monday", "Mon", "November", "Nov". */
const char *date_weekday_name(int weekday);
const char *date_weekday_abbr(int weekday);
const char *date_month_name(int month);
const char *date_month_abbr(int month);

/* Strict "YYYY-MM-DD" (a real date; four-digit year). */
bool date_parse_iso(const char *s, ache_day *out);

/* Many ISO dates read in order (a chart's thousands of rows), most in the
 * month of the one before: the month is parsed once, and each date after
 * only by its day. Zero it to begin; it accepts and gives exactly what
 * date_parse_iso does. */
struct date_reader {
    char month[8]; /* "YYYY-MM-" of the last date read */
    ache_day first; /* that month's first day */
    int days;       /* its number of days; 0 before the first date */
};
bool date_read_iso(struct date_reader *r, const char *s, ache_day *out);

/* What people type: "YYYY-MM-DD", "today", "yesterday", "-N" (N days ago,
 * 0-100000). On failure the message names the text and what is allowed:
 * "'2026-02-30' is not a date (use YYYY-MM-DD, today, yesterday or -N for
 * N days ago)". */
enum ache_status date_parse_user(const char *s, ache_day today, ache_day *out,
                                 struct ache_err *err);

/* Today in local time, by ache's clock (see stamp_now), or
 * ACHE_TODAY=YYYY-MM-DD when set. A malformed ACHE_NOW or ACHE_TODAY is an
 * error naming it. */
enum ache_status date_today(ache_day *out, struct ache_err *err);

/* A month shown as a grid of whole weeks. */
struct month_grid {
    int year, month;
    ache_day first;      /* the 1st of the month */
    ache_day first_cell; /* the first day shown (a week start) */
    int rows;            /* 4, 5 or 6 weeks */
    int days;            /* days in the month */
};
/* week_start: 0 for Monday, 6 for Sunday (the weekday the rows begin on). */
void date_month_grid(int year, int month, int week_start,
                     struct month_grid *grid);
/* Add n months to (year, month), normalising the result. */
void date_add_months(int *year, int *month, int n);

/* Time of day as minutes since midnight (0-1439). Strict "HH:MM", 24 h. */
bool time_parse(const char *s, int *minutes);
/* A time of day as a person types it: "H:MM" or "HH:MM" ("8:00" is
 * 08:00). Minutes always take two digits: "8:5" could mean 08:05 or
 * 08:50, so it is no time. Stored and exported times stay strict
 * (time_parse); this is for what is typed. */
bool time_parse_typed(const char *s, int *minutes);
/* A time typed into the check-in screen's short prompt, where fewer keys
 * matter more than one form: "8", "8:00", "830", "0830", "20.15" or
 * "7h30". Minutes, when given, take two digits ("8:3" is no time).
 * Returns the minutes since midnight, or -1. */
int time_parse_short(const char *text);
char *time_format(int minutes, char buf[TIME_BUF]);
/* The local time of day now by ache's clock (minutes since midnight). */
int time_now_local(void);

/* UTC timestamps: milliseconds since 1970-01-01T00:00:00Z. */
/* Now, by ache's clock: the real one, unless ACHE_NOW=YYYY-MM-DDTHH:MM[:SS]
 * (local time) sets it, from where it runs on as the real one does, or
 * ACHE_TODAY=YYYY-MM-DD moves it to that date at the real time of day.
 * Tests and demonstrations set one of them, so that nothing they do
 * depends on the day they run (a malformed setting counts as unset here;
 * date_today reports it). */
int64_t stamp_now(void);
/* Writes "YYYY-MM-DDTHH:MM:SS.mmmZ". */
char *stamp_format(int64_t ms, char buf[STAMP_BUF]);
/* Accepts "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DDTHH:MM:SS.mmmZ". */
bool stamp_parse(const char *s, int64_t *ms);
/* "YYYY-MM-DD HH:MM" in the local time zone, for people. */
#define STAMP_LOCAL_BUF 17
char *stamp_format_local(int64_t ms, char buf[STAMP_LOCAL_BUF]);
/* The civil date (in the local time zone) of a UTC timestamp. */
ache_day stamp_local_day(int64_t ms);

#endif
