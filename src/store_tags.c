/* store_tags: the diary's tags, their kinds and use counts, and the links
 * between check-ins and tags. */
#include "store_impl.h"

#include "ache/tags.h"

static enum ache_status step_done(struct store *st, sqlite3_stmt *s,
                                  struct ache_err *err, const char *doing)
{
    int rc = sqlite3_step(s);
    store_stmt_done(s);
    return rc == SQLITE_DONE ? ACHE_OK : store_db_fail(st, rc, err, doing);
}

enum ache_status store_link_tags(struct store *st, const struct checkin *c,
                                 struct ache_err *err)
{
    sqlite3_stmt *ensure = NULL, *link = NULL;
    enum ache_status status = store_stmt(st, SS_TAG_ENSURE, &ensure, err);
    if (!status)
        status = store_stmt(st, SS_LINK, &link, err);
    for (size_t i = 0; !status && i < c->ntags; i++) {
        sqlite3_bind_text(ensure, 1, c->tags[i], -1, SQLITE_TRANSIENT);
        status = step_done(st, ensure, err, "adding a tag");
        if (status)
            break;
        sqlite3_bind_text(link, 1, c->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(link, 2, c->tags[i], -1, SQLITE_TRANSIENT);
        status = step_done(st, link, err, "tagging a check-in");
    }
    return status;
}

enum ache_status store_tags_list(struct store *st, struct tag_list *out,
                                 struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_TAGS_LIST, &s, err);
    if (status)
        return status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        enum tag_kind kind = TAG_OTHER;
        tag_kind_parse((const char *)sqlite3_column_text(s, 1), &kind);
        tag_list_push(out, (const char *)sqlite3_column_text(s, 0), kind,
                      (long)sqlite3_column_int64(s, 2));
    }
    if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "listing tags");
    store_stmt_done(s);
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

static enum ache_status insert_tag(struct store *st, const char *name,
                                   enum tag_kind kind, struct ache_err *err)
{
    bool found = false;
    enum tag_kind had = TAG_OTHER;
    enum ache_status status = find_kind(st, name, &found, &had, err);
    if (!status && found)
        return ache_fail(err, ACHE_ERR_INVALID, "tag '%s' already exists (%s)",
                         name, tag_kind_name(had));
    sqlite3_stmt *s = NULL;
    if (!status)
        status = store_stmt(st, SS_TAG_INSERT, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, tag_kind_name(kind), -1, SQLITE_STATIC);
    return step_done(st, s, err, "adding a tag");
}

enum ache_status store_tag_add(struct store *st, const char *name,
                               enum tag_kind kind, struct ache_err *err)
{
    enum ache_status status = tag_name_check(name, err);
    if (status)
        return status;
    if ((int)kind < 0 || kind >= TAG_KIND_COUNT)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "tag: kind %d is not trigger, treatment or other",
                         (int)kind);
    if ((status = store_write_begin(st, err)))
        return status;
    status = insert_tag(st, name, kind, err);
    return store_write_end(st, status, err);
}
