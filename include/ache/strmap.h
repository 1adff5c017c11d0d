/* strmap: a map from strings to numbers by open addressing, so that
 * finding or adding a key costs the same however many keys there are
 * (tag names to ids, to their first place in a list). Zero-initialise;
 * the map keeps copies of its keys.
 */
#ifndef ACHE_STRMAP_H
#define ACHE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap {
    struct strmap_slot {
        char *key; /* NULL: empty */
        int64_t value;
    } *slots;
    size_t n, cap; /* cap is 0 or a power of two */
};

/* *value gets key's value when the map has it (value may be NULL). */
bool strmap_get(const struct strmap *m, const char *key, int64_t *value);
/* Adds key, or gives it a new value. */
void strmap_put(struct strmap *m, const char *key, int64_t value);
void strmap_free(struct strmap *m);

#endif
