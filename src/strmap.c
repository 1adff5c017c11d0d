/* strmap: string keys by open addressing with linear probing. */
#include "ache/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "ache/util.h"

/* FNV-1a: short keys, no adversary to fear (a file can make many tags,
 * but each probe is still a string compare, and the table stays at most
 * half full). */
static size_t hash_of(const char *key)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * UINT64_C(0x100000001b3);
    return (size_t)(h ^ (h >> 32));
}

/* The slot holding key, or the empty one where it would go. */
static struct strmap_slot *slot_for(const struct strmap *m, const char *key)
{
    size_t mask = m->cap - 1;
    for (size_t i = hash_of(key) & mask;; i = (i + 1) & mask) {
        struct strmap_slot *s = &m->slots[i];
        if (!s->key || strcmp(s->key, key) == 0)
            return s;
    }
}

bool strmap_get(const struct strmap *m, const char *key, int64_t *value)
{
    if (m->cap == 0)
        return false;
    const struct strmap_slot *s = slot_for(m, key);
    if (s->key && value)
        *value = s->value;
    return s->key != NULL;
}

static void grow(struct strmap *m)
{
    struct strmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key)
            *slot_for(m, old.slots[i].key) = old.slots[i];
    free(old.slots);
}

void strmap_put(struct strmap *m, const char *key, int64_t value)
{
    if (2 * (m->n + 1) > m->cap)
        grow(m);
    struct strmap_slot *s = slot_for(m, key);
    if (!s->key) {
        s->key = xstrdup(key);
        m->n++;
    }
    s->value = value;
}

void strmap_free(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    *m = (struct strmap){0};
}
