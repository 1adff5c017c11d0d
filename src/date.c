/* date: civil-date arithmetic on day numbers (H. Hinnant's days-from-civil
 * algorithm, written from its description), ISO weeks, month grids, times
 * and UTC timestamps. */
#include "ache/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ache/text.h"

bool date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && date_is_leap(year));
}

bool date_valid_ymd(int year, int month, int day)
{
    return year >= DATE_MIN_YEAR && year <= DATE_MAX_YEAR && month >= 1 &&
           month <= 12 && day >= 1 && day <= date_days_in_month(year, month);
}

/* Years are shifted to begin in March so that the leap day is the last
 * day of the shifted year; eras are 400-year cycles of 146097 days. */
ache_day date_from_ymd(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (ache_day)(era * 146097 + doe - 719468);
}

void date_to_ymd(ache_day d, int *year, int *month, int *day)
{
    int z = d + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int m = mp < 10 ? mp + 3 : mp - 9;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = m;
    *year = yoe + era * 400 + (m <= 2);
}

int date_weekday(ache_day d)
{
    /* 1970-01-01 was a Thursday (ISO weekday index 3). */
    int w = (int)((d + 3) % 7);
    return w < 0 ? w + 7 : w;
}

void date_iso_week(ache_day d, int *iso_year, int *iso_week)
{
    /* The ISO week belongs to the year holding its Thursday. */
    ache_day thursday = d - date_weekday(d) + 3;
    int y, m, dd;
    date_to_ymd(thursday, &y, &m, &dd);
    ache_day jan1 = date_from_ymd(y, 1, 1);
    *iso_year = y;
    *iso_week = (thursday - jan1) / 7 + 1;
}

/* Writes v (0 <= v < 10^n) as exactly n digits. Done by hand because
 * snprintf("%02d") of an int the compiler cannot bound draws a
 * -Wformat-truncation warning, which CI turns into an error. */
static char *put_digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

char *date_format(ache_day d, char buf[DATE_BUF])
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if (y < 0 || y > 9999)
        y = y < 0 ? 0 : 9999;
    char *p = put_digits(buf, y, 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    p = put_digits(p, dd, 2);
    *p = '\0';
    return buf;
}

static const char *const weekday_names[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday"};
static const char *const weekday_abbrs[7] = {"Mon", "Tue", "Wed", "Thu",
                                             "Fri", "Sat", "Sun"};
static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
static const char *const month_abbrs[12] = {"Jan", "Feb", "Mar", "Apr",
                                            "May", "Jun", "Jul", "Aug",
                                            "Sep", "Oct", "Nov", "Dec"};

const char *date_weekday_name(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekday_names[weekday] : "?";
}

const char *date_weekday_abbr(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekday_abbrs[weekday] : "?";
}

const char *date_month_name(int month)
{
    return month >= 1 && month <= 12 ? month_names[month - 1] : "?";
}

const char *date_month_abbr(int month)
{
    return month >= 1 && month <= 12 ? month_abbrs[month - 1] : "?";
}

/* Reads exactly n ASCII digits. */
static bool read_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool date_parse_iso(const char *s, ache_day *out)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!read_digits(s, 4, &y) || !read_digits(s + 5, 2, &m) ||
        !read_digits(s + 8, 2, &d) || !date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

/* Whether s begins with the reader's "YYYY-MM-" (s may be shorter: a
 * month read holds no NUL, so the comparison stops at the end of s;
 * before the first, there is none to compare). */
static bool in_month(const struct date_reader *r, const char *s)
{
    const char *m = r->month;
    return r->days != 0 && s[0] == m[0] && s[1] == m[1] && s[2] == m[2] &&
           s[3] == m[3] && s[4] == m[4] && s[5] == m[5] && s[6] == m[6] &&
           s[7] == m[7];
}

bool date_read_iso(struct date_reader *r, const char *s, ache_day *out)
{
    int d;
    if (!in_month(r, s)) {
        if (!date_parse_iso(s, out))
            return false;
        int y, m;
        date_to_ymd(*out, &y, &m, &d);
        memcpy(r->month, s, sizeof r->month);
        r->first = *out - (d - 1);
        r->days = date_days_in_month(y, m);
        return true;
    }
    /* the same "YYYY-MM-": only the day is new */
    if (!read_digits(s + 8, 2, &d) || s[10] != '\0' || d < 1 || d > r->days)
        return false;
    *out = r->first + (d - 1);
    return true;
}

enum ache_status date_parse_user(const char *s, ache_day today, ache_day *out,
                                 struct ache_err *err)
{
    long ago;
    char shown[64]; /* s as typed or as a file holds it */
    if (strcmp(s, "today") == 0) {
        *out = today;
    } else if (strcmp(s, "yesterday") == 0) {
        *out = today - 1;
    } else if (s[0] == '-' && s[1] >= '0' && s[1] <= '9' &&
               parse_int(s + 1, 0, 100000, &ago)) {
        *out = today - (ache_day)ago;
    } else if (!date_parse_iso(s, out)) {
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is not a date (use YYYY-MM-DD, today, "
                         "yesterday or -N for N days ago)",
                         text_quote(s, strlen(s), shown, sizeof shown));
    }
    int y, m, d;
    date_to_ymd(*out, &y, &m, &d);
    if (y < DATE_MIN_YEAR)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is before the year %d",
                         text_quote(s, strlen(s), shown, sizeof shown),
                         DATE_MIN_YEAR);
    return ACHE_OK;
}

void date_month_grid(int year, int month, int week_start,
                     struct month_grid *grid)
{
    grid->year = year;
    grid->month = month;
    grid->first = date_from_ymd(year, month, 1);
    grid->days = date_days_in_month(year, month);
    int lead = (date_weekday(grid->first) - week_start + 7) % 7;
    grid->first_cell = grid->first - lead;
    grid->rows = (lead + grid->days + 6) / 7;
}

void date_add_months(int *year, int *month, int n)
{
    int index = *year * 12 + (*month - 1) + n;
    int y = index >= 0 ? index / 12 : (index - 11) / 12;
    *year = y;
    *month = index - y * 12 + 1;
}

bool time_parse(const char *s, int *minutes)
{
    int h, m;
    if (strlen(s) != 5 || s[2] != ':' || !read_digits(s, 2, &h) ||
        !read_digits(s + 3, 2, &m) || h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

bool time_parse_typed(const char *s, int *minutes)
{
    const char *colon = strchr(s, ':');
    size_t hours = colon ? (size_t)(colon - s) : 0;
    int h, m;
    if ((hours != 1 && hours != 2) || strlen(colon + 1) != 2 ||
        !read_digits(s, (int)hours, &h) || !read_digits(colon + 1, 2, &m) ||
        h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

/* Reads up to two digits at p; returns how many were read. */
static int read_up_to_two(const char *p, int *value)
{
    int n = 0;
    *value = 0;
    while (n < 2 && p[n] >= '0' && p[n] <= '9')
        *value = *value * 10 + (p[n++] - '0');
    return n;
}

int time_parse_short(const char *text)
{
    size_t len = strlen(text), digits = strspn(text, "0123456789");
    int h = 0, m = 0;
    if (digits == len && (len == 3 || len == 4)) { /* 830, 0830 */
        int hh = 0;
        for (size_t i = 0; i + 2 < len; i++)
            hh = hh * 10 + (text[i] - '0');
        h = hh;
        read_up_to_two(text + len - 2, &m);
    } else {
        int nh = read_up_to_two(text, &h);
        const char *p = text + nh;
        if (nh == 0 || (*p && !strchr(":.hH", *p)))
            return -1;
        if (*p) {
            p++;
            int nm = read_up_to_two(p, &m);
            if (nm == 1 || p[nm] != '\0') /* 8:3 is no time */
                return -1;
        }
    }
    return h < 24 && m < 60 ? h * 60 + m : -1;
}

char *time_format(int minutes, char buf[TIME_BUF])
{
    if (minutes < 0 || minutes >= 24 * 60)
        minutes = 0;
    snprintf(buf, TIME_BUF, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

/* Floor division, so that stamps before 1970 format correctly. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* ---- the clock ------------------------------------------------------------
 *
 * One clock for dates, times of day and timestamps. ACHE_NOW=YYYY-MM-DDTHH:MM
 * (or with :SS; local time) sets it, and it runs on from there, so tests and
 * demonstrations read no wall clock unless they mean to. ACHE_TODAY moves
 * the date alone: the time of day stays the real one. Either way the shift
 * is worked out once for each setting (and time zone), so the clock ticks
 * on as the real one does. */

static int64_t real_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The UTC stamp of a local date and time, through mktime (which knows the
 * zone's daylight-saving rules); false when it cannot say. */
static bool local_to_stamp(ache_day day, int seconds, int64_t *ms)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
                    .tm_hour = seconds / 3600, .tm_min = seconds / 60 % 60,
                    .tm_sec = seconds % 60, .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && (tm.tm_year != 69 || tm.tm_mday != 31))
        return false;
    *ms = (int64_t)t * 1000;
    return true;
}

/* "YYYY-MM-DDTHH:MM" or "...:SS" ('T' or a space) into a day and seconds. */
static bool parse_local_time(const char *s, ache_day *day, int *seconds)
{
    size_t len = strlen(s);
    char date[DATE_BUF], hm[TIME_BUF];
    int minutes, sec = 0;
    if ((len != 16 && len != 19) || (s[10] != 'T' && s[10] != ' '))
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    memcpy(hm, s + 11, 5);
    hm[5] = '\0';
    if (!date_parse_iso(date, day) || !time_parse(hm, &minutes))
        return false;
    if (len == 19 && (s[16] != ':' || !read_digits(s + 17, 2, &sec) ||
                      sec > 59))
        return false;
    *seconds = minutes * 60 + sec;
    return true;
}

/* The shift ACHE_NOW asks for; *ok false when it is malformed. */
static int64_t shift_to_now(const char *text, int64_t real, bool *ok)
{
    ache_day day;
    int seconds;
    int64_t target;
    *ok = parse_local_time(text, &day, &seconds) &&
          local_to_stamp(day, seconds, &target);
    return *ok ? target - real : 0;
}

/* The shift ACHE_TODAY asks for: to that date at the real time of day. */
static int64_t shift_to_day(const char *text, int64_t real, bool *ok)
{
    ache_day day;
    time_t secs = (time_t)(real / 1000);
    struct tm tm;
    int64_t target;
    *ok = date_parse_iso(text, &day);
    if (!*ok || !localtime_r(&secs, &tm))
        return 0;
    int seconds = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    if (!local_to_stamp(day, seconds, &target))
        return 0; /* a year mktime cannot reach: the date alone moves */
    return target - (int64_t)secs * 1000;
}

/* What the environment asks of the clock. */
enum clock_kind { CLOCK_REAL, CLOCK_NOW, CLOCK_TODAY };
struct clock_setting {
    enum clock_kind kind;
    const char *name; /* of the variable: "ACHE_NOW", "ACHE_TODAY" */
    const char *value;
};

static struct clock_setting clock_setting(void)
{
    const char *now = getenv("ACHE_NOW"), *today = getenv("ACHE_TODAY");
    if (now && *now)
        return (struct clock_setting){CLOCK_NOW, "ACHE_NOW", now};
    if (today && *today)
        return (struct clock_setting){CLOCK_TODAY, "ACHE_TODAY", today};
    return (struct clock_setting){CLOCK_REAL, "", ""};
}

/* The shift of the setting in force, worked out once per setting and
 * zone. *ok false when the setting is malformed. */
static int64_t clock_shift(const struct clock_setting *set, bool *ok)
{
    static char key[160];
    static int64_t shift;
    static bool key_ok;
    *ok = true;
    if (set->kind == CLOCK_REAL)
        return 0;
    char now_key[160];
    const char *tz = getenv("TZ");
    snprintf(now_key, sizeof now_key, "%s=%s;TZ=%s", set->name, set->value,
             tz ? tz : "");
    if (strcmp(now_key, key) != 0) {
        int64_t real = real_now_ms();
        snprintf(key, sizeof key, "%s", now_key);
        shift = set->kind == CLOCK_NOW ? shift_to_now(set->value, real, &key_ok)
                                    : shift_to_day(set->value, real, &key_ok);
    }
    *ok = key_ok;
    return shift;
}

static enum ache_status clock_fail(const struct clock_setting *set,
                                   struct ache_err *err)
{
    if (set->kind == CLOCK_NOW)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "ACHE_NOW: '%s' is not a local date and time (use "
                         "YYYY-MM-DDTHH:MM)",
                         set->value);
    return ache_fail(err, ACHE_ERR_INVALID,
                     "ACHE_TODAY: '%s' is not a date (use YYYY-MM-DD)",
                     set->value);
}

int64_t stamp_now(void)
{
    struct clock_setting set = clock_setting();
    bool ok;
    int64_t shift = clock_shift(&set, &ok);
    return real_now_ms() + shift;
}

/* The local date and time of day (seconds) of a stamp. */
static bool stamp_local(int64_t ms, ache_day *day, int *seconds)
{
    time_t secs = (time_t)floor_div(ms, 1000);
    struct tm tm;
    if (!localtime_r(&secs, &tm))
        return false;
    *day = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    *seconds = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    return true;
}

enum ache_status date_today(ache_day *out, struct ache_err *err)
{
    struct clock_setting set = clock_setting();
    bool ok;
    int64_t shift = clock_shift(&set, &ok);
    if (!ok)
        return clock_fail(&set, err);
    int seconds;
    /* ACHE_TODAY is the date whatever the zone and whatever mktime can
     * reach. */
    if (set.kind == CLOCK_TODAY)
        return date_parse_iso(set.value, out) ? ACHE_OK
                                              : clock_fail(&set, err);
    if (!stamp_local(real_now_ms() + shift, out, &seconds))
        return ache_fail(err, ACHE_ERR_IO, "cannot read the local time");
    return ACHE_OK;
}

int time_now_local(void)
{
    ache_day day;
    int seconds;
    return stamp_local(stamp_now(), &day, &seconds) ? seconds / 60 : 0;
}

char *stamp_format(int64_t ms, char buf[STAMP_BUF])
{
    int64_t secs = floor_div(ms, 1000);
    int millis = (int)(ms - secs * 1000);
    int64_t days = floor_div(secs, 86400);
    int sod = (int)(secs - days * 86400);
    date_format((ache_day)days, buf);
    char *p = buf + DATE_BUF - 1;
    *p++ = 'T';
    p = put_digits(p, sod / 3600, 2);
    *p++ = ':';
    p = put_digits(p, sod / 60 % 60, 2);
    *p++ = ':';
    p = put_digits(p, sod % 60, 2);
    *p++ = '.';
    p = put_digits(p, millis, 3);
    *p++ = 'Z';
    *p = '\0';
    return buf;
}

bool stamp_parse(const char *s, int64_t *ms)
{
    size_t len = strlen(s);
    char date[DATE_BUF];
    int h, m, sec, millis = 0;
    ache_day day;
    if ((len != 20 && len != 24) || s[10] != 'T' || s[len - 1] != 'Z')
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!date_parse_iso(date, &day) || s[13] != ':' || s[16] != ':' ||
        !read_digits(s + 11, 2, &h) || !read_digits(s + 14, 2, &m) ||
        !read_digits(s + 17, 2, &sec) || h > 23 || m > 59 || sec > 59)
        return false;
    if (len == 24 && (s[19] != '.' || !read_digits(s + 20, 3, &millis)))
        return false;
    *ms = ((int64_t)day * 86400 + h * 3600 + m * 60 + sec) * 1000 + millis;
    return true;
}

ache_day stamp_local_day(int64_t ms)
{
    ache_day day;
    int seconds;
    return stamp_local(ms, &day, &seconds) ? day
                                           : (ache_day)floor_div(ms, 86400000);
}

char *stamp_format_local(int64_t ms, char buf[STAMP_LOCAL_BUF])
{
    ache_day day;
    int seconds;
    char date[DATE_BUF], time[TIME_BUF];
    if (!stamp_local(ms, &day, &seconds)) {
        day = (ache_day)floor_div(ms, 86400000);
        seconds = (int)(floor_div(ms, 1000) - (int64_t)day * 86400);
    }
    snprintf(buf, STAMP_LOCAL_BUF, "%s %s", date_format(day, date),
             time_format(seconds / 60, time));
    return buf;
}
