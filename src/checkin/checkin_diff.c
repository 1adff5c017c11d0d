/* checkin_diff: the parts of a check-in, what two versions differ in, and
 * saying so in words (history, import conflicts, undo). */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/regions.h"
#include "ache/util.h"

static bool same_text(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

static bool same_tags(const struct checkin *a, const struct checkin *b)
{
    if (a->ntags != b->ntags)
        return false;
    for (size_t i = 0; i < a->ntags; i++) /* both sorted */
        if (strcmp(a->tags[i], b->tags[i]) != 0)
            return false;
    return true;
}

static bool same_own(const struct checkin *a, const struct checkin *b)
{
    if (a->nown != b->nown)
        return false;
    for (size_t i = 0; i < a->nown; i++) /* both sorted by key */
        if (a->own[i].key != b->own[i].key ||
            a->own[i].steps != b->own[i].steps)
            return false;
    return true;
}

/* The keys of own values in a or b (each once, in key order), through
 * fn. */
static void each_own_key(const struct checkin *a, const struct checkin *b,
                         void (*fn)(int key, void *ctx), void *ctx)
{
    size_t i = 0, j = 0;
    while (i < a->nown || j < b->nown) {
        int ka = i < a->nown ? a->own[i].key : INT_MAX;
        int kb = j < b->nown ? b->own[j].key : INT_MAX;
        int key = ka < kb ? ka : kb;
        fn(key, ctx);
        i += ka == key;
        j += kb == key;
    }
}

unsigned checkin_diff(const struct checkin *a, const struct checkin *b)
{
    unsigned parts = 0;
    if (a->date != b->date)
        parts |= CHECKIN_PART(CP_DATE);
    if (a->minute != b->minute)
        parts |= CHECKIN_PART(CP_TIME);
    for (int f = 0; f < CF_COUNT; f++)
        if (a->value[f] != b->value[f])
            parts |= CHECKIN_PART_VALUE(f);
    if (a->regions != b->regions)
        parts |= CHECKIN_PART(CP_REGIONS);
    if (!same_tags(a, b))
        parts |= CHECKIN_PART(CP_TAGS);
    /* An empty note is no note. */
    if (!same_text(a->note && *a->note ? a->note : NULL,
                   b->note && *b->note ? b->note : NULL))
        parts |= CHECKIN_PART(CP_NOTE);
    if (!same_own(a, b))
        parts |= CHECKIN_PART(CP_OWN);
    return parts;
}

unsigned checkin_given(const struct checkin *c)
{
    struct checkin empty;
    checkin_init(&empty, c->date);
    return checkin_diff(&empty, c);
}

void checkin_take_parts(struct checkin *dst, const struct checkin *src,
                        unsigned parts)
{
    if (parts & CHECKIN_PART(CP_DATE))
        dst->date = src->date;
    if (parts & CHECKIN_PART(CP_TIME))
        dst->minute = src->minute;
    for (int f = 0; f < CF_COUNT; f++)
        if (parts & CHECKIN_PART_VALUE(f))
            dst->value[f] = src->value[f];
    if (parts & CHECKIN_PART(CP_REGIONS))
        dst->regions = src->regions;
    if (parts & CHECKIN_PART(CP_TAGS))
        checkin_set_tags(dst, src->tags, src->ntags);
    if (parts & CHECKIN_PART(CP_NOTE))
        checkin_set_note(dst, src->note);
    if (parts & CHECKIN_PART(CP_OWN)) {
        struct strbuf joined = {0};
        checkin_own_format(src, &joined);
        checkin_set_own_joined(dst, strbuf_str(&joined));
        strbuf_free(&joined);
    }
}

struct own_merge {
    struct checkin *theirs;
    const struct checkin *base, *mine;
};

static void merge_own_key(int key, void *ctx)
{
    struct own_merge *m = ctx;
    int was = checkin_get(m->base, key), now = checkin_get(m->mine, key);
    if (was != now)
        checkin_set(m->theirs, key, now);
}

void checkin_merge3(struct checkin *theirs, const struct checkin *base,
                    const struct checkin *mine)
{
    unsigned mine_changed = checkin_diff(base, mine);
    /* whole parts: the date, the time, each value, the note */
    checkin_take_parts(theirs, mine,
                       mine_changed & ~(CHECKIN_PART(CP_REGIONS) |
                                        CHECKIN_PART(CP_TAGS) |
                                        CHECKIN_PART(CP_OWN)));
    region_set flipped = base->regions ^ mine->regions;
    theirs->regions = (theirs->regions & ~flipped) | (mine->regions & flipped);
    for (size_t i = 0; i < mine->ntags; i++)
        if (!checkin_has_tag(base, mine->tags[i]))
            checkin_add_tag(theirs, mine->tags[i]);
    for (size_t i = 0; i < base->ntags; i++)
        if (!checkin_has_tag(mine, base->tags[i]))
            checkin_remove_tag(theirs, base->tags[i]);
    /* own values one by one, as the values built in */
    struct own_merge m = {theirs, base, mine};
    each_own_key(base, mine, merge_own_key, &m);
}

/* ---- in words --------------------------------------------------------- */

static void put_sep(struct strbuf *out, size_t start)
{
    if (out->len > start)
        strbuf_append(out, ", ");
}

static const char *value_text(enum checkin_field f, int steps, char *buf,
                              size_t bufsz)
{
    if (steps == CHECKIN_ABSENT)
        return "not given";
    return checkin_format_value(f, steps, buf, bufsz);
}

static const char *time_text(int minute, char buf[TIME_BUF])
{
    return minute == CHECKIN_TIME_ABSENT ? "no time" : time_format(minute, buf);
}

/* The regions or tags in words: "neck, chest"; "none" when empty. */
static void put_regions(struct strbuf *out, region_set set)
{
    char buf[REGION_SET_BUF];
    strbuf_append(out, set ? region_set_format(set, ',', buf, sizeof buf)
                           : "none");
}

static void put_tags(struct strbuf *out, const struct checkin *c)
{
    if (c->ntags == 0)
        strbuf_append(out, "none");
    for (size_t i = 0; i < c->ntags; i++)
        strbuf_printf(out, "%s%s", i ? "," : "", c->tags[i]);
}

/* A field's noun for a key, or "field N" for one the diary lost. */
static void put_noun(struct strbuf *out, int key)
{
    const struct field_info *fi = checkin_field_info((enum checkin_field)key);
    if (fi)
        strbuf_append(out, fi->noun);
    else
        strbuf_printf(out, "field %d", key);
}

/* Own values in words: "headache 3, nausea yes"; "no own values". */
static void put_own(struct strbuf *out, const struct checkin *c,
                    size_t start)
{
    if (c->nown == 0) {
        put_sep(out, start);
        strbuf_append(out, "no own values");
    }
    for (size_t i = 0; i < c->nown; i++) {
        char v[16];
        put_sep(out, start);
        put_noun(out, c->own[i].key);
        strbuf_printf(out, " %s",
                      value_text((enum checkin_field)c->own[i].key,
                                 c->own[i].steps, v, sizeof v));
    }
}

struct own_change {
    const struct checkin *a, *b;
    struct strbuf *out;
    size_t start;
};

static void put_own_key_change(int key, void *ctx)
{
    struct own_change *oc = ctx;
    int x = checkin_get(oc->a, key), y = checkin_get(oc->b, key);
    if (x == y)
        return;
    char vx[16], vy[16];
    put_sep(oc->out, oc->start);
    put_noun(oc->out, key);
    strbuf_printf(oc->out, " %s -> %s",
                  value_text((enum checkin_field)key, x, vx, sizeof vx),
                  value_text((enum checkin_field)key, y, vy, sizeof vy));
}

void checkin_describe(const struct checkin *c, unsigned parts,
                      struct strbuf *out)
{
    size_t start = out->len;
    char buf[DATE_BUF];
    if (parts & CHECKIN_PART(CP_DATE)) {
        put_sep(out, start);
        strbuf_printf(out, "date %s", date_format(c->date, buf));
    }
    if (parts & CHECKIN_PART(CP_TIME)) {
        put_sep(out, start);
        strbuf_printf(out, "time %s", time_text(c->minute, buf));
    }
    for (int f = 0; f < CF_COUNT; f++)
        if (parts & CHECKIN_PART_VALUE(f)) {
            char v[16];
            put_sep(out, start);
            strbuf_printf(out, "%s %s", checkin_field_info(f)->noun,
                          value_text(f, c->value[f], v, sizeof v));
        }
    if (parts & CHECKIN_PART(CP_REGIONS)) {
        put_sep(out, start);
        strbuf_append(out, "regions ");
        put_regions(out, c->regions);
    }
    if (parts & CHECKIN_PART(CP_TAGS)) {
        put_sep(out, start);
        strbuf_append(out, "tags ");
        put_tags(out, c);
    }
    if (parts & CHECKIN_PART(CP_NOTE)) {
        put_sep(out, start);
        strbuf_append(out, c->note && *c->note ? "a note" : "no note");
    }
    if (parts & CHECKIN_PART(CP_OWN))
        put_own(out, c, start);
}

/* "+neck -chest": what a set gained and lost. */
static void put_region_change(struct strbuf *out, region_set a, region_set b)
{
    const char *sep = "";
    for (int i = 0; i < REGION_COUNT; i++) {
        region_set bit = 1u << i;
        if ((a & bit) != (b & bit)) {
            strbuf_printf(out, "%s%c%s", sep, b & bit ? '+' : '-',
                          region_get(i)->code);
            sep = " ";
        }
    }
}

static void put_tag_change(struct strbuf *out, const struct checkin *a,
                           const struct checkin *b)
{
    const char *sep = "";
    for (size_t i = 0; i < b->ntags; i++)
        if (!checkin_has_tag(a, b->tags[i])) {
            strbuf_printf(out, "%s+%s", sep, b->tags[i]);
            sep = " ";
        }
    for (size_t i = 0; i < a->ntags; i++)
        if (!checkin_has_tag(b, a->tags[i])) {
            strbuf_printf(out, "%s-%s", sep, a->tags[i]);
            sep = " ";
        }
}

static void put_scalar_changes(const struct checkin *a,
                               const struct checkin *b, unsigned parts,
                               struct strbuf *out, size_t start)
{
    char x[DATE_BUF], y[DATE_BUF];
    if (parts & CHECKIN_PART(CP_DATE)) {
        put_sep(out, start);
        strbuf_printf(out, "date %s -> %s", date_format(a->date, x),
                      date_format(b->date, y));
    }
    if (parts & CHECKIN_PART(CP_TIME)) {
        put_sep(out, start);
        strbuf_printf(out, "time %s -> %s", time_text(a->minute, x),
                      time_text(b->minute, y));
    }
    for (int f = 0; f < CF_COUNT; f++)
        if (parts & CHECKIN_PART_VALUE(f)) {
            put_sep(out, start);
            strbuf_printf(out, "%s %s -> %s", checkin_field_info(f)->noun,
                          value_text(f, a->value[f], x, sizeof x),
                          value_text(f, b->value[f], y, sizeof y));
        }
}

void checkin_describe_change(const struct checkin *a, const struct checkin *b,
                             unsigned parts, struct strbuf *out)
{
    size_t start = out->len;
    put_scalar_changes(a, b, parts, out, start);
    if (parts & CHECKIN_PART(CP_REGIONS)) {
        put_sep(out, start);
        strbuf_append(out, "regions ");
        put_region_change(out, a->regions, b->regions);
    }
    if (parts & CHECKIN_PART(CP_TAGS)) {
        put_sep(out, start);
        strbuf_append(out, "tags ");
        put_tag_change(out, a, b);
    }
    if (parts & CHECKIN_PART(CP_NOTE)) {
        put_sep(out, start);
        bool had = a->note && *a->note, has = b->note && *b->note;
        strbuf_append(out, !had ? "note added"
                           : !has ? "note removed"
                                  : "note changed");
    }
    if (parts & CHECKIN_PART(CP_OWN)) {
        struct own_change oc = {a, b, out, start};
        each_own_key(a, b, put_own_key_change, &oc);
    }
}
