/* checkin: the record, its field table and validation. */
#include "ache/checkin.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "ache/fields.h"
#include "ache/tags.h"
#include "ache/text.h"

void checkin_init(struct checkin *c, ache_day date)
{
    memset(c, 0, sizeof *c);
    c->date = date;
    c->minute = CHECKIN_TIME_ABSENT;
    for (int f = 0; f < CF_COUNT; f++)
        c->value[f] = CHECKIN_ABSENT;
}

void checkin_free(struct checkin *c)
{
    checkin_clear_tags(c);
    free(c->note);
    c->note = NULL;
    free(c->own);
    c->own = NULL;
    c->nown = 0;
}

void checkin_copy(struct checkin *dst, const struct checkin *src)
{
    *dst = *src;
    dst->tags = NULL;
    dst->ntags = 0;
    dst->note = src->note ? xstrdup(src->note) : NULL;
    checkin_set_tags(dst, src->tags, src->ntags);
    dst->own = NULL;
    if (src->nown) {
        dst->own = xcalloc(src->nown, sizeof *dst->own);
        memcpy(dst->own, src->own, src->nown * sizeof *dst->own);
    }
}

bool checkin_has_any_value(const struct checkin *c)
{
    for (int f = 0; f < CF_COUNT; f++)
        if (c->value[f] != CHECKIN_ABSENT)
            return true;
    return c->regions || c->ntags || (c->note && *c->note) || c->nown;
}

/* Parses "H", "H.5", "H.25", "H.75" (any number of trailing zeros) into
 * quarter hours without going through floating point. */
static bool parse_quarters(const char *s, long *quarters)
{
    long whole;
    const char *dot = strchr(s, '.');
    char intpart[8];
    size_t ilen = dot ? (size_t)(dot - s) : strlen(s);
    if (ilen == 0 || ilen >= sizeof intpart)
        return false;
    memcpy(intpart, s, ilen);
    intpart[ilen] = '\0';
    if (intpart[0] == '-' || intpart[0] == '+' ||
        !parse_int(intpart, 0, 1000, &whole))
        return false;
    long frac = 0; /* in 1/10000 */
    if (dot) {
        const char *p = dot + 1;
        int digits = 0;
        if (!*p)
            return false;
        for (; *p; p++, digits++) {
            if (*p < '0' || *p > '9')
                return false;
            if (digits < 4)
                frac = frac * 10 + (*p - '0');
            else if (*p != '0')
                return false;
        }
        for (; digits < 4; digits++)
            frac *= 10;
    }
    if (frac % 2500 != 0)
        return false;
    *quarters = whole * 4 + frac / 2500;
    return true;
}

/* "yes"/"no" (or 1/0) of a yes/no field. */
static bool parse_yesno(const char *text, long *v)
{
    if (strcmp(text, "yes") == 0 || strcmp(text, "1") == 0)
        *v = 1;
    else if (strcmp(text, "no") == 0 || strcmp(text, "0") == 0)
        *v = 0;
    else
        return false;
    return true;
}

enum ache_status checkin_parse_value(enum checkin_field f, const char *text,
                                     int *steps, struct ache_err *err)
{
    const struct field_info *fi = checkin_field_info(f);
    long v;
    char shown[64]; /* the text as typed or as a file holds it */
    text_quote(text, strlen(text), shown, sizeof shown);
    if (fi->kind == FIELD_YESNO) {
        if (!parse_yesno(text, &v))
            return ache_fail(err, ACHE_ERR_INVALID,
                             "%s: '%s' is not yes or no", fi->name, shown);
    } else if (fi->steps_per_unit == 1) {
        if (text[0] == '+' || !parse_int(text, -1000000, 1000000, &v))
            return ache_fail(err, ACHE_ERR_INVALID,
                             "%s: '%s' is not a whole number (use 0-%d)",
                             fi->name, shown, fi->max_steps);
    } else if (!parse_quarters(text, &v) || v > fi->max_steps) {
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: %s is not a number of hours from 0 to 24 "
                         "in steps of 0.25",
                         fi->name, shown);
    }
    if (v < 0 || v > fi->max_steps)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: %s is out of range 0-%d", fi->name, text,
                         fi->max_steps);
    *steps = (int)v;
    return ACHE_OK;
}

char *checkin_format_value(enum checkin_field f, int steps, char *buf,
                           size_t bufsz)
{
    static const char *const quarter[4] = {"", ".25", ".5", ".75"};
    const struct field_info *fi = checkin_field_info(f);
    if (steps == CHECKIN_ABSENT || !fi)
        snprintf(buf, bufsz, "%s", "");
    else if (fi->kind == FIELD_YESNO)
        snprintf(buf, bufsz, "%s", steps ? "yes" : "no");
    else if (fi->steps_per_unit == 4)
        snprintf(buf, bufsz, "%d%s", steps / 4, quarter[steps % 4]);
    else
        snprintf(buf, bufsz, "%d", steps);
    return buf;
}

const char *checkin_value_band(enum checkin_field f, int steps)
{
    static const char *const symptom[] = {"none", "mild", "moderate",
                                          "severe"};
    static const char *const sleep[] = {"poor", "poor", "fair", "good"};
    static const char *const mood[] = {"low", "low", "fair", "good"};
    static const char *const activity[] = {"rested", "light", "moderate",
                                           "strenuous"};
    const struct field_info *fi = checkin_field_info(f);
    if (steps == CHECKIN_ABSENT || !fi || fi->kind != FIELD_RATING ||
        steps < 0 || steps > 10)
        return "";
    /* 0 | 1-3 | 4-6 | 7-10 */
    int band = steps == 0 ? 0 : steps <= 3 ? 1 : steps <= 6 ? 2 : 3;
    switch (f) {
    case CF_SLEEP_QUALITY:
        return sleep[band];
    case CF_MOOD:
        return mood[band];
    case CF_ACTIVITY:
        return activity[band];
    default:
        return symptom[band];
    }
}

/* Checks a value in steps against the field's range. */
static enum ache_status checkin_check_value(enum checkin_field f, int steps,
                                            struct ache_err *err)
{
    const struct field_info *fi = checkin_field_info(f);
    if (!fi)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "the diary has no field of key %d", (int)f);
    if (steps == CHECKIN_ABSENT || (steps >= 0 && steps <= fi->max_steps))
        return ACHE_OK;
    if (fi->steps_per_unit == 4)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: %d quarter hours is out of range 0-24 hours",
                         fi->name, steps);
    return ache_fail(err, ACHE_ERR_INVALID, "%s: %d is out of range 0-%d",
                     fi->name, steps, fi->max_steps);
}

/* Where key is in c's own values (sorted by key), or would go. */
static bool own_slot(const struct checkin *c, int key, size_t *at)
{
    size_t lo = 0, hi = c->nown;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->own[mid].key == key) {
            *at = mid;
            return true;
        }
        if (c->own[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    *at = lo;
    return false;
}

int checkin_get(const struct checkin *c, int key)
{
    size_t at;
    if (key >= 0 && key < CF_COUNT)
        return c->value[key];
    return own_slot(c, key, &at) ? c->own[at].steps : CHECKIN_ABSENT;
}

void checkin_set(struct checkin *c, int key, int steps)
{
    size_t at;
    if (key >= 0 && key < CF_COUNT) {
        c->value[key] = steps;
        return;
    }
    bool found = own_slot(c, key, &at);
    if (found && steps != CHECKIN_ABSENT) {
        c->own[at].steps = steps;
    } else if (found) {
        memmove(&c->own[at], &c->own[at + 1],
                (c->nown - at - 1) * sizeof *c->own);
        c->nown--;
    } else if (steps != CHECKIN_ABSENT) {
        c->own = xreallocarray(c->own, c->nown + 1, sizeof *c->own);
        memmove(&c->own[at + 1], &c->own[at],
                (c->nown - at) * sizeof *c->own);
        c->own[at] = (struct own_value){key, steps};
        c->nown++;
    }
}

void checkin_own_format(const struct checkin *c, struct strbuf *out)
{
    for (size_t i = 0; i < c->nown; i++)
        strbuf_printf(out, "%s%d:%d", i ? "," : "", c->own[i].key,
                      c->own[i].steps);
}

void checkin_set_own_joined(struct checkin *c, const char *joined)
{
    free(c->own);
    c->own = NULL;
    c->nown = 0;
    for (const char *p = joined; p && *p;) {
        char *end;
        long key = strtol(p, &end, 10), steps = -1;
        if (*end == ':' && end > p)
            steps = strtol(end + 1, &end, 10);
        if (key >= CF_COUNT && key <= INT32_MAX && steps >= 0 &&
            steps <= 9999 && (*end == ',' || *end == '\0'))
            checkin_set(c, (int)key, (int)steps);
        p = strchr(p, ',');
        p = p ? p + 1 : NULL;
    }
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Where name is in c's sorted tags, or would go: a bisection, so that
 * adding, finding and removing a tag cost no more than moving the ones
 * after it. */
static bool tag_slot(const struct checkin *c, const char *name, size_t *at)
{
    size_t lo = 0, hi = c->ntags;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = strcmp(c->tags[mid], name);
        if (d == 0) {
            *at = mid;
            return true;
        }
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *at = lo;
    return false;
}

void checkin_add_tag(struct checkin *c, const char *name)
{
    size_t at;
    if (tag_slot(c, name, &at))
        return;
    c->tags = xreallocarray(c->tags, c->ntags + 1, sizeof *c->tags);
    memmove(&c->tags[at + 1], &c->tags[at],
            (c->ntags - at) * sizeof *c->tags);
    c->tags[at] = xstrdup(name);
    c->ntags++;
}

void checkin_set_tags(struct checkin *c, char *const *names, size_t n)
{
    checkin_clear_tags(c);
    c->tags = xcalloc(n ? n : 1, sizeof *c->tags);
    for (size_t i = 0; i < n; i++)
        c->tags[i] = xstrdup(names[i]);
    /* one sort and one pass for repeats, however many names */
    qsort(c->tags, n, sizeof *c->tags, compare_names);
    for (size_t i = 0; i < n; i++) {
        if (c->ntags && strcmp(c->tags[c->ntags - 1], c->tags[i]) == 0)
            free(c->tags[i]);
        else
            c->tags[c->ntags++] = c->tags[i];
    }
}

void checkin_add_tags(struct checkin *c, char *const *names, size_t n)
{
    struct checkin more;
    checkin_init(&more, 0);
    checkin_set_tags(&more, names, n);
    /* both sorted: one merge of the two */
    char **all = xcalloc(c->ntags + more.ntags + 1, sizeof *all);
    size_t i = 0, j = 0, k = 0;
    while (i < c->ntags || j < more.ntags) {
        int d = i == c->ntags    ? 1
                : j == more.ntags ? -1
                                  : strcmp(c->tags[i], more.tags[j]);
        if (d == 0)
            free(more.tags[j++]);
        all[k++] = d <= 0 ? c->tags[i++] : more.tags[j++];
    }
    free(c->tags);
    free(more.tags);
    c->tags = all;
    c->ntags = k;
}

void checkin_set_tags_joined(struct checkin *c, const char *joined, char sep)
{
    char *copy = xstrdup(joined);
    size_t n = 0, cap = 16;
    char **names = xcalloc(cap, sizeof *names);
    for (char *p = copy; *p;) {
        char *end = strchr(p, sep);
        if (end)
            *end = '\0';
        if (*p && n == cap)
            names = xreallocarray(names, cap *= 2, sizeof *names);
        if (*p)
            names[n++] = p;
        p = end ? end + 1 : p + strlen(p);
    }
    checkin_set_tags(c, names, n);
    free(names);
    free(copy);
}

bool checkin_remove_tag(struct checkin *c, const char *name)
{
    size_t at;
    if (!tag_slot(c, name, &at))
        return false;
    free(c->tags[at]);
    memmove(&c->tags[at], &c->tags[at + 1],
            (c->ntags - at - 1) * sizeof *c->tags);
    c->ntags--;
    return true;
}

bool checkin_has_tag(const struct checkin *c, const char *name)
{
    size_t at;
    return tag_slot(c, name, &at);
}

void checkin_clear_tags(struct checkin *c)
{
    for (size_t i = 0; i < c->ntags; i++)
        free(c->tags[i]);
    free(c->tags);
    c->tags = NULL;
    c->ntags = 0;
}

void checkin_set_note(struct checkin *c, const char *note)
{
    free(c->note);
    c->note = note && *note ? xstrdup(note) : NULL;
}

/* Whether every tag of c is one of before's (both sorted): a walk of
 * both, not a search per tag. */
static bool tags_within(const struct checkin *c, const struct checkin *before)
{
    size_t j = 0;
    for (size_t i = 0; i < c->ntags; i++) {
        int d = 1;
        while (j < before->ntags &&
               (d = strcmp(before->tags[j], c->tags[i])) < 0)
            j++;
        if (d != 0)
            return false;
    }
    return true;
}

enum ache_status checkin_too_many_tags(size_t count, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_INVALID,
                     "tags: %zu tags; a check-in holds at most %d", count,
                     CHECKIN_TAGS_MAX);
}

enum ache_status checkin_check_tag_count(const struct checkin *c,
                                         const struct checkin *before,
                                         struct ache_err *err)
{
    if (c->ntags <= CHECKIN_TAGS_MAX || (before && tags_within(c, before)))
        return ACHE_OK;
    if (before && before->ntags > CHECKIN_TAGS_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "tags: %zu tags; a check-in holds at most %d (this "
                         "one had %zu from before: it can lose tags, not "
                         "gain them)",
                         c->ntags, CHECKIN_TAGS_MAX, before->ntags);
    return checkin_too_many_tags(c->ntags, err);
}

static enum ache_status validate_note(const char *note, struct ache_err *err)
{
    size_t len = strlen(note), bad;
    if (len > CHECKIN_NOTE_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "note: %zu bytes is longer than the %d allowed",
                         len, CHECKIN_NOTE_MAX);
    if (!utf8_valid(note, len, &bad))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "note: not valid UTF-8 (at byte %zu)", bad + 1);
    return ACHE_OK;
}

enum ache_status checkin_validate(const struct checkin *c,
                                  struct ache_err *err)
{
    int y, m, d;
    date_to_ymd(c->date, &y, &m, &d);
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "date: the year %d is outside %d-%d", y,
                         DATE_MIN_YEAR, DATE_MAX_YEAR);
    if (c->minute != CHECKIN_TIME_ABSENT &&
        (c->minute < 0 || c->minute >= 24 * 60))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "time: minute %d of the day is out of range 0-1439",
                         c->minute);
    for (int f = 0; f < CF_COUNT; f++)
        if (checkin_check_value((enum checkin_field)f, c->value[f], err))
            return ACHE_ERR_INVALID;
    for (size_t i = 0; i < c->nown; i++)
        if (checkin_check_value((enum checkin_field)c->own[i].key,
                                c->own[i].steps, err))
            return ACHE_ERR_INVALID;
    if (c->regions & ~REGION_ALL)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "regions: unknown region bits 0x%x",
                         (unsigned)(c->regions & ~REGION_ALL));
    for (size_t i = 0; i < c->ntags; i++)
        if (tag_name_check(c->tags[i], err))
            return ACHE_ERR_INVALID;
    return c->note ? validate_note(c->note, err) : ACHE_OK;
}

void checkin_new_id(char out[CHECKIN_ID_LEN + 1])
{
    unsigned char bytes[CHECKIN_ID_LEN / 2];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) {
            perror("ache: getrandom");
            abort();
        }
        got += (size_t)n;
    }
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof bytes; i++) {
        out[2 * i] = hex[bytes[i] >> 4];
        out[2 * i + 1] = hex[bytes[i] & 15];
    }
    out[CHECKIN_ID_LEN] = '\0';
}

static size_t hex_run(const char *s)
{
    size_t n = 0;
    while ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))
        n++;
    return n;
}

bool checkin_id_valid(const char *id)
{
    return hex_run(id) == CHECKIN_ID_LEN && id[CHECKIN_ID_LEN] == '\0';
}

bool checkin_id_prefix_valid(const char *prefix)
{
    size_t n = hex_run(prefix);
    return n >= 6 && n <= CHECKIN_ID_LEN && prefix[n] == '\0';
}

struct checkin *checkin_list_push(struct checkin_list *list)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = xreallocarray(list->items, list->cap,
                                    sizeof *list->items);
    }
    struct checkin *c = &list->items[list->n++];
    checkin_init(c, 0);
    return c;
}

static int compare_by_date(const void *pa, const void *pb)
{
    const struct checkin *const *a = pa, *const *b = pb;
    if ((*a)->date != (*b)->date)
        return ((*a)->date > (*b)->date) - ((*a)->date < (*b)->date);
    return (*a > *b) - (*a < *b); /* stable: in the list's order */
}

const struct checkin **checkin_by_date(const struct checkin *items, size_t n)
{
    const struct checkin **order = xcalloc(n ? n : 1, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = &items[i];
    qsort(order, n, sizeof *order, compare_by_date);
    return order;
}

void checkin_list_free(struct checkin_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        checkin_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->n = list->cap = 0;
}
