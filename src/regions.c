/* regions: the 19 Widespread Pain Index regions and sets of them. */
#include "ache/regions.h"

#include <stdio.h>
#include <string.h>

#include "ache/text.h"

static const struct region_info regions[REGION_COUNT] = {
    {"jaw-l", "left jaw", RGROUP_LEFT_UPPER, false},
    {"shoulder-l", "left shoulder", RGROUP_LEFT_UPPER, true},
    {"upper-arm-l", "left upper arm", RGROUP_LEFT_UPPER, true},
    {"lower-arm-l", "left lower arm", RGROUP_LEFT_UPPER, true},
    {"jaw-r", "right jaw", RGROUP_RIGHT_UPPER, false},
    {"shoulder-r", "right shoulder", RGROUP_RIGHT_UPPER, true},
    {"upper-arm-r", "right upper arm", RGROUP_RIGHT_UPPER, true},
    {"lower-arm-r", "right lower arm", RGROUP_RIGHT_UPPER, true},
    {"hip-l", "left hip", RGROUP_LEFT_LOWER, true},
    {"upper-leg-l", "left upper leg", RGROUP_LEFT_LOWER, true},
    {"lower-leg-l", "left lower leg", RGROUP_LEFT_LOWER, true},
    {"hip-r", "right hip", RGROUP_RIGHT_LOWER, true},
    {"upper-leg-r", "right upper leg", RGROUP_RIGHT_LOWER, true},
    {"lower-leg-r", "right lower leg", RGROUP_RIGHT_LOWER, true},
    {"neck", "neck", RGROUP_AXIAL, true},
    {"upper-back", "upper back", RGROUP_AXIAL, true},
    {"lower-back", "lower back", RGROUP_AXIAL, true},
    {"chest", "chest", RGROUP_AXIAL, false},
    {"abdomen", "abdomen", RGROUP_AXIAL, false},
};

static const char *const group_names[RGROUP_COUNT] = {
    "left upper", "right upper", "left lower", "right lower", "axial"};

const struct region_info *region_get(int index)
{
    if (index < 0 || index >= REGION_COUNT)
        return NULL;
    return &regions[index];
}

int region_find(const char *code)
{
    for (int i = 0; i < REGION_COUNT; i++)
        if (strcmp(regions[i].code, code) == 0)
            return i;
    return -1;
}

/* Whether the first n bytes of typed match name at, ignoring ASCII case. */
static bool matches_at(const char *name, const char *typed, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char a = name[i], b = typed[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

int region_find_name(const char *typed)
{
    size_t n = strlen(typed);
    if (n == 0)
        return -1;
    for (int i = 0; i < REGION_COUNT; i++) /* "lo": lower back */
        if (strlen(regions[i].name) >= n &&
            matches_at(regions[i].name, typed, n))
            return i;
    for (int i = 0; i < REGION_COUNT; i++) { /* "shoulder": left shoulder */
        const char *name = regions[i].name;
        for (size_t at = 1; at + n <= strlen(name); at++)
            if (matches_at(name + at, typed, n))
                return i;
    }
    return -1;
}

const char *region_group_name(enum region_group g)
{
    return (unsigned)g < RGROUP_COUNT ? group_names[g] : "?";
}

int region_set_count(region_set set)
{
    return __builtin_popcount(set & REGION_ALL);
}

static int groups_touched(region_set set, bool generalized_only)
{
    unsigned seen = 0;
    for (int i = 0; i < REGION_COUNT; i++) {
        if (!(set & (1u << i)))
            continue;
        if (generalized_only && !regions[i].counts_for_generalized)
            continue;
        seen |= 1u << regions[i].group;
    }
    return __builtin_popcount(seen);
}

int region_set_groups(region_set set)
{
    return groups_touched(set, false);
}

int region_set_generalized_groups(region_set set)
{
    return groups_touched(set, true);
}

bool region_set_is_generalized(region_set set)
{
    return region_set_generalized_groups(set) >= 4;
}

/* Copies one separator-delimited part without surrounding spaces. */
static const char *next_part(const char *p, char sep, char *part,
                             size_t partsz)
{
    while (*p == ' ' || *p == '\t')
        p++;
    const char *end = strchr(p, sep);
    size_t len = end ? (size_t)(end - p) : strlen(p);
    size_t keep = len;
    while (keep > 0 && (p[keep - 1] == ' ' || p[keep - 1] == '\t'))
        keep--;
    if (keep >= partsz)
        keep = partsz - 1;
    memcpy(part, p, keep);
    part[keep] = '\0';
    return end ? end + 1 : p + len;
}

enum ache_status region_set_parse(const char *text, char sep, region_set *out,
                                  struct ache_err *err)
{
    region_set set = 0;
    const char *p = text;
    while (*p) {
        char part[64];
        p = next_part(p, sep, part, sizeof part);
        if (!part[0])
            continue;
        int i = region_find(part);
        char shown[sizeof part];
        if (i < 0)
            return ache_fail(err, ACHE_ERR_INVALID,
                             "regions: '%s' is not a body region (use "
                             "jaw-l/-r, shoulder-l/-r, upper-arm-l/-r, "
                             "lower-arm-l/-r, hip-l/-r, upper-leg-l/-r, "
                             "lower-leg-l/-r, neck, upper-back, "
                             "lower-back, chest, abdomen)",
                             text_quote(part, strlen(part), shown,
                                        sizeof shown));
        set |= 1u << i;
    }
    *out = set;
    return ACHE_OK;
}

char *region_set_format(region_set set, char sep, char *buf, size_t bufsz)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < REGION_COUNT; i++) {
        if (!(set & (1u << i)))
            continue;
        int n = snprintf(buf + used, bufsz - used, "%s%s",
                         used ? (char[]){sep, '\0'} : "", regions[i].code);
        if (n < 0 || (size_t)n >= bufsz - used)
            break;
        used += (size_t)n;
    }
    return buf;
}
