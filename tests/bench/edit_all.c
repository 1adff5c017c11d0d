/* edit_all DB: changes one value of every check-in of the diary, each
 * through ache's own write path (store_update) as a change of its own, as
 * a person editing each check-in once, on a different day, would. The
 * bench then weighs the history this leaves (tests/bench/history.c).
 * Prints how many check-ins it changed. */
#include <stdio.h>
#include <stdlib.h>

#include "ache/store.h"

struct ids {
    char (*items)[CHECKIN_ID_LEN + 1];
    size_t n;
};

static enum ache_status take_id(const struct checkin *c, void *arg)
{
    struct ids *ids = arg;
    ids->items = xreallocarray(ids->items, ids->n + 1, sizeof *ids->items);
    snprintf(ids->items[ids->n++], CHECKIN_ID_LEN + 1, "%s", c->id);
    return ACHE_OK;
}

/* One value moved by one step: the smallest edit a person makes. */
static enum ache_status edit_one(struct store *st, const char *id,
                                 struct ache_err *err)
{
    struct checkin c;
    enum ache_status s = store_get(st, id, &c, err);
    int *pain = &c.value[CF_PAIN];
    *pain = *pain == CHECKIN_ABSENT ? 5 : (*pain + 1) % 11;
    if (s == ACHE_OK)
        s = store_update(st, &c, NULL, err);
    checkin_free(&c);
    return s;
}

int main(int argc, char **argv)
{
    struct store *st = NULL;
    struct ache_err err = {{0}};
    struct ids ids = {NULL, 0};
    if (argc != 2) {
        fputs("usage: edit_all DB\n", stderr);
        return 2;
    }
    enum ache_status s = store_open(argv[1], false, &st, &err);
    if (s == ACHE_OK)
        s = store_each_in_range(st, INT32_MIN, INT32_MAX, take_id, &ids,
                                &err);
    for (size_t i = 0; s == ACHE_OK && i < ids.n; i++)
        s = edit_one(st, ids.items[i], &err);
    store_close(st);
    free(ids.items);
    if (s != ACHE_OK) {
        fprintf(stderr, "edit_all: %s\n", err.msg);
        return 1;
    }
    printf("%zu\n", ids.n);
    return 0;
}
