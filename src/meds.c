/* meds: the checks, parsing and words of medicines, regimens and doses. */
#include "ache/meds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ache/date.h"
#include "ache/text.h"
#include "ache/util.h"

void med_free(struct med *m)
{
    free(m->periods);
    m->periods = NULL;
    m->nperiods = 0;
}

void med_list_free(struct med_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        med_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

void dose_list_free(struct dose_list *list)
{
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

void med_period_apply(struct med_period *p, const struct med_period *given,
                      unsigned what)
{
    if (what & MED_SET_DOSE)
        p->dose = given->dose;
    if (what & MED_SET_UNIT)
        memcpy(p->unit, given->unit, sizeof p->unit);
    if (what & MED_SET_TIMES) {
        memcpy(p->times, given->times, sizeof p->times);
        p->ntimes = given->ntimes;
    }
    if (what & MED_SET_AS_NEEDED)
        p->as_needed = given->as_needed;
}

const struct med_period *med_period_on(const struct med *m, ache_day d)
{
    for (size_t i = m->nperiods; i-- > 0;) {
        const struct med_period *p = &m->periods[i];
        if (p->start <= d && (p->stop == MED_OPEN || d < p->stop))
            return p;
    }
    return NULL;
}

const struct med_period *med_last_period(const struct med *m)
{
    return m->nperiods ? &m->periods[m->nperiods - 1] : NULL;
}

void med_adherence(const struct med_period *p, const char *name,
                   const struct dose_list *doses, ache_day from, ache_day to,
                   struct med_adherence *out)
{
    ache_day lo = p->start > from ? p->start : from;
    ache_day hi = p->stop != MED_OPEN && p->stop - 1 < to ? p->stop - 1 : to;
    *out = (struct med_adherence){0, 0};
    if (lo > hi)
        return;
    if (!p->as_needed)
        out->scheduled = (long)(hi - lo + 1) * (long)p->ntimes;
    for (size_t i = 0; doses && i < doses->n; i++) {
        const struct dose *d = &doses->items[i];
        out->taken += d->date >= lo && d->date <= hi &&
                      strcasecmp(d->med, name) == 0;
    }
}

enum ache_status med_name_check(const char *name, struct ache_err *err)
{
    size_t len = strlen(name), bad = 0;
    char shown[64];
    text_quote(name, len, shown, sizeof shown);
    if (len == 0 || len > MED_NAME_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s': a medicine's name is 1 to %d bytes", shown,
                         MED_NAME_MAX);
    if (!utf8_valid(name, len, &bad))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s': not valid UTF-8 (at byte %zu)", shown,
                         bad + 1);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == ',')
            return ache_fail(err, ACHE_ERR_INVALID,
                             "'%s': a medicine's name holds no control "
                             "character or comma",
                             shown);
    if (name[0] == ' ' || name[len - 1] == ' ')
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s': a medicine's name does not start or end "
                         "with a space",
                         shown);
    return ACHE_OK;
}

/* "12.345" into 12345: digits, then up to three decimals. */
static bool parse_milli(const char *s, int64_t *milli)
{
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    for (; *s >= '0' && *s <= '9' && digits < 10; s++, digits++)
        whole = whole * 10 + (*s - '0');
    if (digits == 0)
        return false;
    if (*s == '.' || *s == ',') {
        for (s++; *s >= '0' && *s <= '9' && decimals < 3; s++, decimals++)
            frac = frac * 10 + (*s - '0');
        if (decimals == 0)
            return false;
    }
    for (; decimals < 3; decimals++)
        frac *= 10;
    *milli = whole * 1000 + frac;
    return *s == '\0';
}

enum ache_status med_amount_parse(const char *what, const char *text,
                                  int64_t *milli, struct ache_err *err)
{
    char shown[64];
    if (!parse_milli(text, milli) || *milli <= 0 ||
        *milli > MED_AMOUNT_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: '%s' is not an amount (a number above 0, up "
                         "to 1000000, with at most 3 decimals)",
                         what, text_quote(text, strlen(text), shown,
                                          sizeof shown));
    return ACHE_OK;
}

char *med_amount_format(int64_t milli, char *buf, size_t bufsz)
{
    int n = snprintf(buf, bufsz, "%lld.%03lld", (long long)(milli / 1000),
                     (long long)(milli % 1000));
    /* "2.500" reads "2.5", "400.000" reads "400" */
    while (n > 0 && (size_t)n < bufsz && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[n - 1] = '\0';
    return buf;
}

enum ache_status med_unit_check(const char *unit, struct ache_err *err)
{
    size_t len = strlen(unit);
    bool ok = len >= 1 && len <= MED_UNIT_MAX;
    for (const char *p = unit; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || *p == '%';
    char shown[64];
    if (!ok)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "unit: '%s' is not a unit (1 to %d lowercase "
                         "letters, such as mg, ml, mcg, tablet, drop, puff)",
                         text_quote(unit, len, shown, sizeof shown),
                         MED_UNIT_MAX);
    return ACHE_OK;
}

static int compare_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

enum ache_status med_times_parse(const char *text, struct med_period *p,
                                 struct ache_err *err)
{
    size_t len = strlen(text);
    if (len && (text[0] == ',' || text[len - 1] == ',' || strstr(text, ",,")))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "times: an empty time between commas (give "
                         "HH:MM,HH:MM)");
    char *copy = xstrdup(text), *save = NULL;
    enum ache_status st = ACHE_OK;
    p->ntimes = 0;
    for (char *t = strtok_r(copy, ",", &save); t && !st;
         t = strtok_r(NULL, ",", &save)) {
        int minute;
        if (p->ntimes == MED_TIMES_MAX)
            st = ache_fail(err, ACHE_ERR_INVALID,
                           "times: at most %d times of day", MED_TIMES_MAX);
        else if (!time_parse(t, &minute))
            st = ache_fail(err, ACHE_ERR_INVALID,
                           "times: '%.16s' is not a time of day (use HH:MM, "
                           "00:00-23:59, joined by commas)",
                           t);
        else
            p->times[p->ntimes++] = minute;
    }
    if (!st && p->ntimes == 0)
        st = ache_fail(err, ACHE_ERR_INVALID,
                       "times: give one or more times of day, such as "
                       "08:00,21:00");
    qsort(p->times, p->ntimes, sizeof *p->times, compare_int);
    for (size_t i = 1; !st && i < p->ntimes; i++)
        if (p->times[i] == p->times[i - 1])
            st = ache_fail(err, ACHE_ERR_INVALID,
                           "times: %02d:%02d is given twice",
                           p->times[i] / 60, p->times[i] % 60);
    free(copy);
    return st;
}

void med_times_format(const struct med_period *p, struct strbuf *out)
{
    char buf[TIME_BUF];
    for (size_t i = 0; i < p->ntimes; i++)
        strbuf_printf(out, "%s%s", i ? "," : "",
                      time_format(p->times[i], buf));
}

void med_period_describe(const struct med_period *p, struct strbuf *out)
{
    char amount[32];
    size_t start = out->len;
    if (p->as_needed)
        strbuf_append(out, "as needed");
    if (p->dose)
        strbuf_printf(out, "%s%s%s%s", out->len > start ? ", " : "",
                      med_amount_format(p->dose, amount, sizeof amount),
                      p->unit[0] ? " " : "", p->unit);
    if (p->ntimes) {
        strbuf_append(out, out->len > start ? " at " : "at ");
        for (size_t i = 0; i < p->ntimes; i++) {
            char t[TIME_BUF];
            strbuf_printf(out, "%s%s", i ? ", " : "",
                          time_format(p->times[i], t));
        }
    }
    if (out->len == start)
        strbuf_append(out, "no dose given");
}
