/* sync_names: the names a sync file gives its records by, and what they
 * are in this diary.
 *
 * A check-in of the export names its own values by the field's name, a
 * dose its medicine by name. The sender puts every own field and the
 * medicine of every dose it sends in the file (a record without a version
 * line is only there to be named). Names can differ between two diaries:
 * a field renamed on one machine while the other renamed it otherwise
 * keeps the other's name here, so the file's name must still reach this
 * diary's field of that id. Before the file's check-ins are read for
 * applying, each field of the file is made known by the file's name (a
 * name of this process's table alone, when the diary has another) and
 * every check-in's values are moved to the diary's key for that id.
 */
#include "sync_run_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ache/checkin.h"
#include "ache/fields.h"
#include "ache/store.h"
#include "ache/util.h"

void sync_names_field(struct sync_names *n, const struct field_record *f,
                      bool versioned)
{
    n->fields = xreallocarray(n->fields, n->nfields + 1, sizeof *n->fields);
    struct sync_file_field *ff = &n->fields[n->nfields++];
    memcpy(ff->id, f->id, sizeof ff->id);
    memcpy(ff->name, f->name, sizeof ff->name);
    ff->kind = f->kind;
    ff->versioned = versioned;
}

void sync_names_med(struct sync_names *n, const char *name)
{
    n->meds = xreallocarray(n->meds, n->nmeds + 1, sizeof *n->meds);
    snprintf(n->meds[n->nmeds++], sizeof *n->meds, "%s", name);
}

bool sync_names_has_med(const struct sync_names *n, const char *name)
{
    for (size_t i = 0; i < n->nmeds; i++)
        if (strcasecmp(n->meds[i], name) == 0)
            return true;
    return false;
}

/* The diary's key of the field id, else of the field named name; -1. */
static int diary_key(const struct store_field_list *list, const char *id,
                     const char *name)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i].id, id) == 0)
            return list->items[i].key;
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i].name, name) == 0)
            return list->items[i].key;
    return -1;
}

static void add_remap(struct sync_names *n, int from, int to)
{
    n->remap = xreallocarray(n->remap, n->nremap + 1, sizeof *n->remap);
    n->remap[n->nremap][0] = from;
    n->remap[n->nremap++][1] = to;
}

/* The file's name of one field, known to the process and led to the
 * diary's key (the field is the diary's by now: applied, or taken from
 * the file). */
static void name_one(struct sync_names *n, const struct store_field_list *list,
                     const struct sync_file_field *ff)
{
    int to = diary_key(list, ff->id, ff->name);
    if (to < 0)
        return;
    int from = field_find(ff->name);
    if (from < 0)
        from = fields_add(&(struct field_row){.name = ff->name,
                                              .kind = ff->kind});
    if (from != to)
        add_remap(n, from, to);
}

enum ache_status sync_names_ready(struct sync_names *n, struct store *st,
                                  struct ache_err *err)
{
    struct store_field_list list;
    enum ache_status status = store_fields_reload(st, err);
    if (!status)
        status = store_fields_list(st, &list, err);
    if (status)
        return status;
    free(n->remap);
    n->remap = NULL;
    n->nremap = 0;
    for (size_t i = 0; i < n->nfields; i++)
        name_one(n, &list, &n->fields[i]);
    store_field_list_free(&list);
    n->ready = true;
    return ACHE_OK;
}

static int by_key(const void *a, const void *b)
{
    const struct own_value *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

void sync_names_remap(const struct sync_names *n, struct checkin *c)
{
    bool moved = false;
    for (size_t i = 0; i < c->nown; i++)
        for (size_t r = 0; r < n->nremap; r++)
            if (c->own[i].key == n->remap[r][0]) {
                c->own[i].key = n->remap[r][1];
                moved = true;
                break;
            }
    if (moved && c->nown > 1)
        qsort(c->own, c->nown, sizeof *c->own, by_key);
}

void sync_names_free(struct sync_names *n)
{
    free(n->fields);
    free(n->meds);
    free(n->remap);
    memset(n, 0, sizeof *n);
}
