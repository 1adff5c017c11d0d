/* regions: the 19 body regions of the Widespread Pain Index (ACR 2016),
 * in five groups, with their storage codes and names.
 *
 * A set of regions is a bit mask: bit i is region i of the table in
 * regions.c, group by group (left upper, right upper, left lower, right
 * lower, axial). Left and right are the person's own.
 */
#ifndef ACHE_REGIONS_H
#define ACHE_REGIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/util.h"

enum region_group {
    RGROUP_LEFT_UPPER,
    RGROUP_RIGHT_UPPER,
    RGROUP_LEFT_LOWER,
    RGROUP_RIGHT_LOWER,
    RGROUP_AXIAL,
    RGROUP_COUNT
};

#define REGION_COUNT 19
#define REGION_ALL ((uint32_t)((1u << REGION_COUNT) - 1u))

typedef uint32_t region_set;

struct region_info {
    const char *code;      /* "shoulder-l" */
    const char *name;      /* "left shoulder" */
    enum region_group group;
    bool counts_for_generalized; /* jaw, chest, abdomen do not */
};

const struct region_info *region_get(int index);
/* Index of a code, or -1. */
int region_find(const char *code);
/* The first region whose name as shown ("lower back") begins with the
 * typed text, else the first that holds it anywhere, in table order and
 * ignoring case: "ne" is the neck, "lo" the lower back, "shou" the left
 * shoulder. -1 when none does or the text is empty. */
int region_find_name(const char *typed);
const char *region_group_name(enum region_group g);

int region_set_count(region_set set);
/* How many of the 5 groups `set` touches (every region counts). */
int region_set_groups(region_set set);
/* Groups touched counting only regions that count for generalized pain
 * (the 2016 criteria leave out jaw, chest and abdomen). */
int region_set_generalized_groups(region_set set);
/* Pain in at least 4 of the 5 groups, by the rule above. */
bool region_set_is_generalized(region_set set);

/* Parses codes joined by `sep` (',' on the command line, ';' in files).
 * Empty text is the empty set; spaces around codes are ignored; repeats are
 * harmless. An unknown code fails with
 * "regions: 'knee' is not a body region (use jaw-l, jaw-r, ...)". */
enum ache_status region_set_parse(const char *text, char sep, region_set *out,
                                  struct ache_err *err);
/* Writes the codes of `set` in table order joined by `sep` into buf
 * (REGION_SET_BUF bytes suffice for every set). */
#define REGION_SET_BUF 256
char *region_set_format(region_set set, char sep, char *buf, size_t bufsz);

#endif
