/* checkin_diff: the parts of a check-in, what two versions differ in, and
 * saying so in words (history, import conflicts, undo). */
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
}

void checkin_merge3(struct checkin *theirs, const struct checkin *base,
                    const struct checkin *mine)
{
    unsigned mine_changed = checkin_diff(base, mine);
    /* whole parts: the date, the time, each value, the note */
    checkin_take_parts(theirs, mine,
                       mine_changed & ~(CHECKIN_PART(CP_REGIONS) |
                                        CHECKIN_PART(CP_TAGS)));
    region_set flipped = base->regions ^ mine->regions;
    theirs->regions = (theirs->regions & ~flipped) | (mine->regions & flipped);
    for (size_t i = 0; i < mine->ntags; i++)
        if (!checkin_has_tag(base, mine->tags[i]))
            checkin_add_tag(theirs, mine->tags[i]);
    for (size_t i = 0; i < base->ntags; i++)
        if (!checkin_has_tag(mine, base->tags[i]))
            checkin_remove_tag(theirs, base->tags[i]);
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
}
