/* store_tags: the diary's tags, their kinds and use counts, and the links
 * between check-ins and tags. */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"
#include "ache/strmap.h"
#include "ache/tags.h"
#include "ache/util.h"

static enum ache_status step_done(struct store *st, sqlite3_stmt *s,
                                  struct ache_err *err, const char *doing)
{
    int rc = sqlite3_step(s);
    store_stmt_done(s);
    return rc == SQLITE_DONE ? ACHE_OK : store_db_fail(st, rc, err, doing);
}

/* Binds SS_TAG_ENSURE: the name, and the kind a tag of that name is made
 * with (the catalogue's, else other). */
static void bind_ensure(sqlite3_stmt *ensure, const char *name)
{
    sqlite3_bind_text(ensure, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(ensure, 2, tag_kind_name(tag_catalogue_kind_of(name)),
                      -1, SQLITE_STATIC);
}

static enum ache_status link_by_name(struct store *st, sqlite3_int64 n,
                                     const struct checkin *c,
                                     struct ache_err *err)
{
    sqlite3_stmt *ensure = NULL, *link = NULL;
    enum ache_status status = store_stmt(st, SS_TAG_ENSURE, &ensure, err);
    if (!status)
        status = store_stmt(st, SS_LINK, &link, err);
    for (size_t i = 0; !status && i < c->ntags; i++) {
        bind_ensure(ensure, c->tags[i]);
        status = step_done(st, ensure, err, "adding a tag");
        if (status)
            break;
        sqlite3_bind_int64(link, 1, n);
        sqlite3_bind_text(link, 2, c->tags[i], -1, SQLITE_STATIC);
        status = step_done(st, link, err, "tagging a check-in");
    }
    return status;
}

/* ---- tag ids remembered through an atomic batch ------------------------- */

/* An import may bring many thousands of new tags: a hash map finds or
 * adds each in constant time (a sorted array moved its tail on every new
 * one, which grew with the square of their number). */
void store_forget_tag_ids(struct store *st)
{
    if (!st->tag_ids)
        return;
    strmap_free(st->tag_ids);
    free(st->tag_ids);
    st->tag_ids = NULL;
}

/* The tag's id, adding the tag when the diary lacks it (of the
 * catalogue's kind, else other). */
static enum ache_status read_tag_id(struct store *st, const char *name,
                                    sqlite3_int64 *id, struct ache_err *err)
{
    sqlite3_stmt *ensure = NULL, *find = NULL;
    enum ache_status status = store_stmt(st, SS_TAG_ENSURE, &ensure, err);
    if (!status) {
        bind_ensure(ensure, name);
        status = step_done(st, ensure, err, "adding a tag");
    }
    if (!status)
        status = store_stmt(st, SS_TAG_ID, &find, err);
    if (status)
        return status;
    sqlite3_bind_text(find, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(find, 0);
    else
        status = store_db_fail(st, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                               err, "looking up a tag");
    store_stmt_done(find);
    return status;
}

static enum ache_status tag_id(struct store *st, const char *name,
                               sqlite3_int64 *id, struct ache_err *err)
{
    if (!st->tag_ids)
        st->tag_ids = xcalloc(1, sizeof *st->tag_ids);
    int64_t known;
    if (strmap_get(st->tag_ids, name, &known)) {
        *id = known;
        return ACHE_OK;
    }
    enum ache_status status = read_tag_id(st, name, id, err);
    if (!status)
        strmap_put(st->tag_ids, name, *id);
    return status;
}

static enum ache_status link_by_id(struct store *st, sqlite3_int64 n,
                                   const struct checkin *c,
                                   struct ache_err *err)
{
    sqlite3_stmt *link = NULL;
    enum ache_status status = store_stmt(st, SS_LINK_ID, &link, err);
    for (size_t i = 0; !status && i < c->ntags; i++) {
        sqlite3_int64 id = 0;
        if ((status = tag_id(st, c->tags[i], &id, err)))
            break;
        sqlite3_bind_int64(link, 1, n);
        sqlite3_bind_int64(link, 2, id);
        status = step_done(st, link, err, "tagging a check-in");
    }
    return status;
}

/* In an atomic batch a failure gives up the whole batch, so ids read in
 * it stay true to its end and can be remembered; elsewhere a savepoint
 * may undo the tag an id was read for. */
enum ache_status store_link_tags(struct store *st, sqlite3_int64 n,
                                 const struct checkin *c,
                                 struct ache_err *err)
{
    return st->atomic ? link_by_id(st, n, c, err)
                      : link_by_name(st, n, c, err);
}

/* Pushes the rows of a name, kind, count query onto out. */
static enum ache_status read_tags(struct store *st, sqlite3_stmt *s,
                                  struct tag_list *out, struct ache_err *err)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        enum tag_kind kind = TAG_OTHER;
        tag_kind_parse((const char *)sqlite3_column_text(s, 1), &kind);
        tag_list_push(out, (const char *)sqlite3_column_text(s, 0), kind,
                      (long)sqlite3_column_int64(s, 2));
    }
    enum ache_status status = ACHE_OK;
    if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "listing tags");
    store_stmt_done(s);
    return status;
}

enum ache_status store_tags_list(struct store *st, struct tag_list *out,
                                 struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_TAGS_LIST, &s, err);
    return status ? status : read_tags(st, s, out, err);
}

enum ache_status store_tags_kinded(struct store *st, struct tag_list *out,
                                   struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_TAGS_KINDED, &s, err);
    return status ? status : read_tags(st, s, out, err);
}

/* Runs one of the first-use queries; *found false when it gave no date. */
static enum ache_status first_use_query(struct store *st,
                                        enum store_stmt query,
                                        const char *name, bool *found,
                                        ache_day *day, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, query, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (query == SS_TAG_FIRST_EARLY)
        sqlite3_bind_int(s, 2, STORE_FIRST_USE_PROBE);
    int rc = sqlite3_step(s);
    const char *date = rc == SQLITE_ROW
                           ? (const char *)sqlite3_column_text(s, 0)
                           : NULL;
    *found = date != NULL;
    if (date && !date_parse_iso(date, day))
        status = ache_fail(err, ACHE_ERR_DB,
                           "%s: a check-in has a bad date: restore a backup",
                           st->path);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "finding a tag's first use");
    store_stmt_done(s);
    return status;
}

/* Most treatments are taken from a diary's first weeks, where a walk by
 * date finds them at once; a later one is found through its uses. */
enum ache_status store_tag_first_use(struct store *st, const char *name,
                                     bool *found, ache_day *day,
                                     struct ache_err *err)
{
    enum ache_status status =
        first_use_query(st, SS_TAG_FIRST_EARLY, name, found, day, err);
    if (status == ACHE_OK && !*found)
        status = first_use_query(st, SS_TAG_FIRST_USE, name, found, day, err);
    return status;
}

/* Reads a tag's kind; *found false when the diary has no such tag. */
static enum ache_status find_kind(struct store *st, const char *name,
                                  bool *found, enum tag_kind *kind,
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_TAG_FIND, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found) {
        *kind = TAG_OTHER;
        tag_kind_parse((const char *)sqlite3_column_text(s, 0), kind);
    } else if (rc != SQLITE_DONE) {
        status = store_db_fail(st, rc, err, "looking up a tag");
    }
    store_stmt_done(s);
    return status;
}

enum ache_status store_tag_find(struct store *st, const char *name,
                                bool *found, enum tag_kind *kind,
                                struct ache_err *err)
{
    enum tag_kind k = TAG_OTHER;
    enum ache_status status = find_kind(st, name, found, &k, err);
    if (!status && *found && kind)
        *kind = k;
    return status;
}
