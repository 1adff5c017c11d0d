/* tags: names, kinds and the built-in catalogue. */
#include "ache/tags.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/text.h"

/* Generated at build time from data/tags.tsv; ends with {NULL, NULL}. */
extern const char *const ache_tag_catalogue[][2];

static const char *const kind_names[TAG_KIND_COUNT] = {"trigger", "treatment",
                                                       "other"};

const char *tag_kind_name(enum tag_kind kind)
{
    return (unsigned)kind < TAG_KIND_COUNT ? kind_names[kind] : "?";
}

bool tag_kind_parse(const char *s, enum tag_kind *out)
{
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        if (strcmp(s, kind_names[k]) == 0) {
            *out = (enum tag_kind)k;
            return true;
        }
    }
    return false;
}

static bool tag_char_ok(unsigned char c, bool first)
{
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    return !first && (c == '-' || c == '_');
}

/* Characters beyond ASCII that no tag name may hold, and what they are:
 * controls; every bidirectional control (the marks too: a name is a
 * word, with no text around it to order); the line and paragraph
 * separators. NULL for any other character. */
static const char *forbidden(uint32_t cp)
{
    if (text_cp_is_control(cp))
        return "a control character";
    if (text_cp_is_bidi_override(cp) || cp == 0x061C || cp == 0x200E ||
        cp == 0x200F)
        return "a bidirectional control";
    if (cp == 0x2028 || cp == 0x2029)
        return "a line separator";
    return NULL;
}

/* What makes `name` no tag name, into why[] ("character 3 is U+202E, a
 * bidirectional control"); false when it is one. */
static bool tag_name_fault(const char *name, size_t len, char *why,
                           size_t whysz)
{
    size_t bad;
    if (len == 0) {
        snprintf(why, whysz, "it is empty");
        return true;
    }
    if (!utf8_valid(name, len, &bad)) {
        snprintf(why, whysz, "byte %zu is not UTF-8", bad + 1);
        return true;
    }
    size_t pos = 1;
    for (size_t i = 0; i < len; pos++) {
        uint32_t cp;
        size_t n = utf8_decode(name + i, len - i, &cp);
        const char *what = forbidden(cp);
        if (what) {
            snprintf(why, whysz, "character %zu is U+%04X, %s", pos,
                     (unsigned)cp, what);
            return true;
        }
        if (cp < 0x80 && !tag_char_ok((unsigned char)cp, i == 0)) {
            if (cp == ' ')
                snprintf(why, whysz, "character %zu is a space", pos);
            else if (i == 0 && (cp == '-' || cp == '_'))
                snprintf(why, whysz, "it starts with '%c'", (char)cp);
            else
                snprintf(why, whysz, "character %zu is '%c'", pos, (char)cp);
            return true;
        }
        i += n;
    }
    if (len > TAG_NAME_MAX) {
        snprintf(why, whysz, "it is %zu bytes long", len);
        return true;
    }
    return false;
}

/* Checks `name`; the message quotes `typed`, what the person gave (the
 * same name, or the same before its capitals were lowered: the same
 * characters at the same places). */
static enum ache_status check_as_typed(const char *typed, const char *name,
                                       struct ache_err *err)
{
    size_t len = strlen(name);
    char why[96], shown[64];
    if (!tag_name_fault(name, len, why, sizeof why))
        return ACHE_OK;
    return ache_fail(err, ACHE_ERR_INVALID,
                     "tag: '%s' is not a tag name: %s (a tag name is "
                     "lowercase letters, digits, '-' and '_', starting with "
                     "a letter or digit, at most %d bytes)",
                     text_quote(typed, len, shown, sizeof shown), why,
                     TAG_NAME_MAX);
}

enum ache_status tag_name_check(const char *name, struct ache_err *err)
{
    return check_as_typed(name, name, err);
}

bool tag_name_lower(char *name)
{
    bool changed = false;
    for (char *p = name; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (char)(*p - 'A' + 'a');
            changed = true;
        }
    }
    return changed;
}

/* A name and where it came, for finding repeats by sorting. */
struct placed_name {
    char *name;
    size_t at;
};

static int compare_placed(const void *pa, const void *pb)
{
    const struct placed_name *a = pa, *b = pb;
    int d = strcmp(a->name, b->name);
    return d ? d : (a->at > b->at) - (a->at < b->at);
}

/* Drops every name of names[from..*count) that came before, keeping the
 * order: a sort, not a search per name, so many names cost n log n. */
static void drop_repeats(char **names, size_t from, size_t *count)
{
    size_t n = *count;
    struct placed_name *sorted = xcalloc(n ? n : 1, sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = (struct placed_name){.name = names[i], .at = i};
    qsort(sorted, n, sizeof *sorted, compare_placed);
    /* a run of one name: its first stays, the repeats go */
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(sorted[i].name, sorted[first].name) != 0) {
            first = i;
        } else if (sorted[i].at >= from) {
            free(names[sorted[i].at]);
            names[sorted[i].at] = NULL;
        }
    }
    free(sorted);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (names[i])
            names[k++] = names[i];
    *count = k;
}

/* The next name of `text` (trimmed; NULL at its end), *p moved past it
 * and its separator. */
static char *next_name(const char **p, char sep)
{
    while (**p) {
        const char *end = strchr(*p, sep);
        size_t len = end ? (size_t)(end - *p) : strlen(*p);
        const char *start = *p;
        while (len > 0 && (*start == ' ' || *start == '\t'))
            start++, len--;
        while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
            len--;
        *p = end ? end + 1 : *p + strlen(*p);
        if (len > 0)
            return xstrndup(start, len);
    }
    return NULL;
}

/* Checks the name as it is, or with its capitals lowered when `lowered`
 * (not NULL) and saying so through it. */
static enum ache_status take_name(char *name, const struct tag_lowered *lowered,
                                  struct ache_err *err)
{
    if (!lowered)
        return tag_name_check(name, err);
    char *typed = xstrdup(name);
    bool changed = tag_name_lower(name);
    enum ache_status st = check_as_typed(typed, name, err);
    if (st == ACHE_OK && changed && lowered->said)
        lowered->said(typed, name, lowered->arg);
    free(typed);
    return st;
}

enum ache_status tag_names_parse_typed(const char *text, char sep,
                                       char ***names, size_t *count,
                                       const struct tag_lowered *lowered,
                                       struct ache_err *err)
{
    const char *p = text;
    size_t from = *count, cap = *count;
    char *name;
    while ((name = next_name(&p, sep)) != NULL) {
        if (take_name(name, lowered, err) != ACHE_OK) {
            free(name);
            return ACHE_ERR_INVALID;
        }
        if (*count == cap)
            *names = xreallocarray(*names, cap = cap * 2 + 8, sizeof **names);
        (*names)[(*count)++] = name;
    }
    drop_repeats(*names, from, count);
    return ACHE_OK;
}

enum ache_status tag_names_parse(const char *text, char sep, char ***names,
                                 size_t *count, struct ache_err *err)
{
    return tag_names_parse_typed(text, sep, names, count, NULL, err);
}

size_t tag_catalogue_size(void)
{
    size_t n = 0;
    while (ache_tag_catalogue[n][0])
        n++;
    return n;
}

const char *tag_catalogue_name(size_t i)
{
    return ache_tag_catalogue[i][0];
}

enum tag_kind tag_catalogue_kind(size_t i)
{
    enum tag_kind kind = TAG_OTHER;
    tag_kind_parse(ache_tag_catalogue[i][1], &kind);
    return kind;
}

enum tag_kind tag_catalogue_kind_of(const char *name)
{
    for (size_t i = 0; i < tag_catalogue_size(); i++)
        if (strcmp(tag_catalogue_name(i), name) == 0)
            return tag_catalogue_kind(i);
    return TAG_OTHER;
}

void tag_list_push(struct tag_list *list, const char *name,
                   enum tag_kind kind, long uses)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = xreallocarray(list->items, list->cap,
                                    sizeof *list->items);
    }
    list->items[list->n++] =
        (struct tag){.name = xstrdup(name), .kind = kind, .uses = uses};
}

void tag_list_free(struct tag_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i].name);
    free(list->items);
    list->items = NULL;
    list->n = list->cap = 0;
}
