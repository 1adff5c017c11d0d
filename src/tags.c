/* tags: names, kinds and the built-in catalogue. */
#include "ache/tags.h"

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
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
        return true;
    return !first && (c == '-' || c == '_');
}

enum ache_status tag_name_check(const char *name, struct ache_err *err)
{
    size_t len = strlen(name);
    bool ok = len >= 1 && len <= TAG_NAME_MAX && utf8_valid(name, len, NULL);
    for (size_t i = 0; ok && i < len; i++)
        ok = tag_char_ok((unsigned char)name[i], i == 0);
    if (ok)
        return ACHE_OK;
    return ache_fail(err, ACHE_ERR_INVALID,
                     "tag: '%s' is not a tag name (lowercase letters, "
                     "digits, '-' and '_', starting with a letter or "
                     "digit, at most %d bytes)",
                     name, TAG_NAME_MAX);
}

static bool names_contain(char **names, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

enum ache_status tag_names_parse(const char *text, char sep, char ***names,
                                 size_t *count, struct ache_err *err)
{
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *start = p;
        while (len > 0 && (*start == ' ' || *start == '\t'))
            start++, len--;
        while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
            len--;
        p = end ? end + 1 : p + strlen(p);
        if (len == 0)
            continue;
        char *name = xstrndup(start, len);
        if (tag_name_check(name, err) != ACHE_OK) {
            free(name);
            return ACHE_ERR_INVALID;
        }
        if (names_contain(*names, *count, name)) {
            free(name);
            continue;
        }
        *names = xreallocarray(*names, *count + 1, sizeof **names);
        (*names)[(*count)++] = name;
    }
    return ACHE_OK;
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
