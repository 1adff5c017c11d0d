/* store_tags_edit: tags changed as records (`ache tags add, rename, merge,
 * kind, rm`), each in a change of its own with its history kept.
 *
 * A tag is a record like a field: record_version keeps it whole before a
 * change writes over it or removes it, and an undo puts it back. Check-ins
 * show their tags by name, so a change that alters what check-ins show (a
 * rename, a merge, a removal with --force) also keeps a version of each
 * check-in carrying the tag and raises its revision: `ache history` shows
 * the name it had, and a screen holding a copy read before is refused
 * rather than write the old name back as a new tag.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"

/* A tag as a change reads it. */
struct tag_row {
    int64_t key; /* tag.id, what check-ins link to */
    char uid[CHECKIN_ID_LEN + 1];
    enum tag_kind kind;
    int64_t rev, updated_at, uses;
};

static enum ache_status prepare(struct store *st, const char *sql,
                                sqlite3_stmt **s, struct ache_err *err)
{
    return store_prepare(st, sql, s, "changing a tag", err);
}

static enum ache_status done(struct store *st, sqlite3_stmt *s, int rc,
                             struct ache_err *err)
{
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err, "changing a tag");
}

/* The tag called name; *found false when the diary has none. */
static enum ache_status read_tag(struct store *st, const char *name,
                                 bool *found, struct tag_row *t,
                                 struct ache_err *err)
{
    static const char sql[] =
        "SELECT id, uid, kind, rev, updated_at,"
        " (SELECT count(*) FROM checkin_tag WHERE tag_id = tag.id)"
        " FROM tag WHERE name = ?1";
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found) {
        t->key = sqlite3_column_int64(s, 0);
        snprintf(t->uid, sizeof t->uid, "%.32s", sqlite3_column_text(s, 1));
        tag_kind_parse((const char *)sqlite3_column_text(s, 2), &t->kind);
        t->rev = sqlite3_column_int64(s, 3);
        t->updated_at = sqlite3_column_int64(s, 4);
        t->uses = sqlite3_column_int64(s, 5);
        rc = SQLITE_DONE;
    }
    return done(st, s, rc, err);
}

enum ache_status store_tag_rev(struct store *st, const char *name,
                               bool *found, int64_t *rev,
                               struct ache_err *err)
{
    struct tag_row t = {0};
    enum ache_status status = read_tag(st, name, found, &t, err);
    *rev = status == ACHE_OK && *found ? t.rev : 0;
    return status;
}

/* The tag e->name as e read it: there, and at e->rev when e gives one. */
static enum ache_status read_named(struct store *st,
                                   const struct store_tag_edit *e,
                                   struct tag_row *t, struct ache_err *err)
{
    bool found = false;
    enum ache_status status = read_tag(st, e->name, &found, t, err);
    if (!status && !found)
        status = ache_fail(err, ACHE_ERR_NOT_FOUND,
                           "no tag '%s' in the diary (`ache tags` lists them)",
                           e->name);
    if (!status && e->rev && t->rev != e->rev)
        status = ache_fail(err, ACHE_ERR_CONFLICT,
                           "tag '%s' was changed elsewhere since it was read",
                           e->name);
    return status;
}

/* ---- the check-ins a change of a tag touches ------------------------------ */

/* The ids of the check-ins carrying the tag keyed `key`. */
static enum ache_status carriers(struct store *st, int64_t key,
                                 struct strbuf *ids, size_t *n,
                                 struct ache_err *err)
{
    static const char sql[] =
        "SELECT c.id FROM checkin_tag ct JOIN checkin c ON c.n = ct.checkin"
        " WHERE ct.tag_id = ?1 ORDER BY c.n";
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, key);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        strbuf_printf(ids, "%.32s", sqlite3_column_text(s, 0));
        (*n)++;
    }
    return done(st, s, rc, err);
}

/* What a change does to one check-in carrying tag `from`: takes it off,
 * and puts `into` on (0: nothing) unless the check-in has it. */
struct retag {
    int64_t from, into, change;
};

static enum ache_status relink(struct store *st, int64_t checkin,
                               const struct retag *r, struct ache_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO checkin_tag (checkin, tag_id)"
        " SELECT ?1, ?3 WHERE ?3 <> 0;"
        "DELETE FROM checkin_tag WHERE checkin = ?1 AND tag_id = ?2";
    const char *tail = sql;
    enum ache_status status = ACHE_OK;
    while (!status && *tail) {
        sqlite3_stmt *s = NULL;
        int rc = sqlite3_prepare_v2(st->db, tail, -1, &s, &tail);
        if (rc != SQLITE_OK)
            return store_db_fail(st, rc, err, "changing a tag");
        sqlite3_bind_int64(s, 1, checkin);
        sqlite3_bind_int64(s, 2, r->from);
        sqlite3_bind_int64(s, 3, r->into);
        status = done(st, s, sqlite3_step(s), err);
    }
    return status;
}

/* A new revision of the check-in, its tags as they were kept first. */
static enum ache_status touch(struct store *st,
                              const struct store_current *cur, int64_t change,
                              struct ache_err *err)
{
    static const char sql[] = "UPDATE checkin SET updated_at = ?2,"
                              " rev = rev + 1, change = ?3 WHERE n = ?1";
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, cur->n);
    sqlite3_bind_int64(s, 2, store_stamp_after(cur->c.updated_at));
    sqlite3_bind_int64(s, 3, change);
    return done(st, s, sqlite3_step(s), err);
}

/* One carrier: its tags kept as they are, then changed (r->from 0: only a
 * new revision, the tag itself being renamed). */
static enum ache_status retag_one(struct store *st, const char *id,
                                  const struct retag *r, struct ache_err *err)
{
    struct store_current cur;
    bool found = false;
    enum ache_status status = store_read_current(st, id, &found, &cur, err);
    if (!status && !found)
        status = store_db_fail(st, SQLITE_CORRUPT, err, "changing a tag");
    if (!status)
        status = store_keep_version(st, &cur, 1u << CP_TAGS, r->change, err);
    if (!status && r->from)
        status = relink(st, cur.n, r, err);
    if (!status)
        status = touch(st, &cur, r->change, err);
    checkin_free(&cur.c);
    return status;
}

/* Every check-in carrying tag `key`, through retag_one; *count of them. */
static enum ache_status retag_all(struct store *st, int64_t key,
                                  const struct retag *r, size_t *count,
                                  struct ache_err *err)
{
    struct strbuf ids = {0};
    *count = 0;
    enum ache_status status = carriers(st, key, &ids, count, err);
    const char *all = strbuf_str(&ids);
    for (size_t i = 0; !status && i < *count; i++) {
        char id[CHECKIN_ID_LEN + 1];
        memcpy(id, all + i * CHECKIN_ID_LEN, CHECKIN_ID_LEN);
        id[CHECKIN_ID_LEN] = '\0';
        status = retag_one(st, id, r, err);
    }
    strbuf_free(&ids);
    return status;
}

/* ---- the tag row --------------------------------------------------------- */

/* Writes name and kind over the tag, kept first as it was. */
static enum ache_status rewrite_tag(struct store *st, const struct tag_row *t,
                                    const char *name, enum tag_kind kind,
                                    int64_t change, struct ache_err *err)
{
    static const char sql[] =
        "UPDATE tag SET name = ?2, kind = ?3, updated_at = ?4,"
        " rev = rev + 1, change = ?5 WHERE uid = ?1";
    enum ache_status status =
        store_record_keep(st, "tag", t->uid, change, false, err);
    sqlite3_stmt *s = NULL;
    if (!status)
        status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, t->uid, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, tag_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, store_stamp_after(t->updated_at));
    sqlite3_bind_int64(s, 5, change);
    return done(st, s, sqlite3_step(s), err);
}

static enum ache_status insert_tag(struct store *st, const char *name,
                                   enum tag_kind kind, int64_t change,
                                   struct ache_err *err)
{
    static const char sql[] =
        "INSERT INTO tag (name, kind, created_at, updated_at, change)"
        " VALUES (?1, ?2, ?3, ?3, ?4)";
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, tag_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, stamp_now());
    sqlite3_bind_int64(s, 4, change);
    return done(st, s, sqlite3_step(s), err);
}

/* ---- one change ---------------------------------------------------------- */

/* What a change of a tag does inside its write, once the tag is read. */
typedef enum ache_status (*tag_step)(struct store *st,
                                     const struct store_tag_edit *e,
                                     const struct tag_row *t, int64_t change,
                                     struct store_tag_result *r,
                                     struct ache_err *err);

/* Runs step on the tag e->name, in a write and a change of its own named
 * by detail ("rename stress worry"). A step that finds nothing to do sets
 * r->unchanged: the write is then given back, and no change is left. */
static enum ache_status in_change(struct store *st,
                                  const struct store_tag_edit *e,
                                  const char *detail, tag_step step,
                                  struct store_tag_result *r,
                                  struct ache_err *err)
{
    memset(r, 0, sizeof *r);
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    struct tag_row t;
    struct store_change ch = {.source = STORE_BY_TAGS, .detail = detail};
    int64_t change = 0;
    status = read_named(st, e, &t, err);
    if (!status)
        status = store_take_change(st, &ch, true, &change, err);
    if (!status)
        status = step(st, e, &t, change, r, err);
    if (!status && r->unchanged)
        status = ACHE_ERR_REFUSED; /* roll back the empty change */
    status = store_write_end(st, status, err);
    store_forget_tag_ids(st);
    return r->unchanged ? ACHE_OK : status;
}

/* A name the tag may take: valid, and no other tag's. */
static enum ache_status check_free_name(struct store *st, const char *name,
                                        struct ache_err *err)
{
    enum ache_status status = tag_name_check(name, err);
    bool taken = false;
    struct tag_row other;
    if (!status)
        status = read_tag(st, name, &taken, &other, err);
    if (!status && taken)
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "tag '%s' already exists (%s)", name,
                           tag_kind_name(other.kind));
    return status;
}

static enum ache_status rename_step(struct store *st,
                                    const struct store_tag_edit *e,
                                    const struct tag_row *t, int64_t change,
                                    struct store_tag_result *r,
                                    struct ache_err *err)
{
    if (strcmp(e->name, e->to) == 0) {
        r->unchanged = true;
        return ACHE_OK;
    }
    bool taken = false;
    struct tag_row other;
    enum ache_status status = tag_name_check(e->to, err);
    if (!status)
        status = read_tag(st, e->to, &taken, &other, err);
    if (!status && taken)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "tag '%s' already exists (%s): `ache tags merge %s "
                         "%s` puts one into the other",
                         e->to, tag_kind_name(other.kind), e->name, e->to);
    struct retag touch_only = {.change = change};
    if (!status)
        status = retag_all(st, t->key, &touch_only, &r->checkins, err);
    if (!status)
        status = rewrite_tag(st, t, e->to, t->kind, change, err);
    return status;
}

enum ache_status store_tag_rename(struct store *st,
                                  const struct store_tag_edit *e,
                                  struct store_tag_result *r,
                                  struct ache_err *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "rename %s %s", e->name, e->to);
    return in_change(st, e, detail, rename_step, r, err);
}

static enum ache_status kind_step(struct store *st,
                                  const struct store_tag_edit *e,
                                  const struct tag_row *t, int64_t change,
                                  struct store_tag_result *r,
                                  struct ache_err *err)
{
    r->unchanged = t->kind == e->kind;
    return r->unchanged ? ACHE_OK
                        : rewrite_tag(st, t, e->name, e->kind, change, err);
}

enum ache_status store_tag_set_kind(struct store *st,
                                    const struct store_tag_edit *e,
                                    struct store_tag_result *r,
                                    struct ache_err *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "kind %s %s", e->name,
             tag_kind_name(e->kind));
    return in_change(st, e, detail, kind_step, r, err);
}

static enum ache_status merge_step(struct store *st,
                                   const struct store_tag_edit *e,
                                   const struct tag_row *t, int64_t change,
                                   struct store_tag_result *r,
                                   struct ache_err *err)
{
    if (strcmp(e->name, e->to) == 0)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "a tag cannot be merged into itself");
    bool found = false;
    struct tag_row into;
    enum ache_status status = read_tag(st, e->to, &found, &into, err);
    if (!status && !found)
        return ache_fail(err, ACHE_ERR_NOT_FOUND,
                         "no tag '%s' to merge into (`ache tags rename %s "
                         "%s` gives the tag that name)",
                         e->to, e->name, e->to);
    struct retag move = {.from = t->key, .into = into.key, .change = change};
    if (!status)
        status = retag_all(st, t->key, &move, &r->checkins, err);
    if (!status)
        status = store_record_remove(st, "tag", t->uid, change, err);
    return status;
}

enum ache_status store_tag_merge(struct store *st,
                                 const struct store_tag_edit *e,
                                 struct store_tag_result *r,
                                 struct ache_err *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "merge %s %s", e->name, e->to);
    return in_change(st, e, detail, merge_step, r, err);
}

static enum ache_status remove_step(struct store *st,
                                    const struct store_tag_edit *e,
                                    const struct tag_row *t, int64_t change,
                                    struct store_tag_result *r,
                                    struct ache_err *err)
{
    if (t->uses && !e->force)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "tag '%s' is on %lld check-in%s: `ache tags rm %s "
                         "--force` takes it off them (`ache undo` puts it "
                         "back)",
                         e->name, (long long)t->uses, t->uses == 1 ? "" : "s",
                         e->name);
    struct retag off = {.from = t->key, .change = change};
    enum ache_status status = retag_all(st, t->key, &off, &r->checkins, err);
    if (!status)
        status = store_record_remove(st, "tag", t->uid, change, err);
    return status;
}

enum ache_status store_tag_remove(struct store *st,
                                  const struct store_tag_edit *e,
                                  struct store_tag_result *r,
                                  struct ache_err *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "rm %s", e->name);
    return in_change(st, e, detail, remove_step, r, err);
}

enum ache_status store_tag_add(struct store *st, const char *name,
                               enum tag_kind kind, struct ache_err *err)
{
    if ((int)kind < 0 || kind >= TAG_KIND_COUNT)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "tag: kind %d is not trigger, treatment or other",
                         (int)kind);
    char detail[128];
    snprintf(detail, sizeof detail, "add %s", name);
    struct store_change ch = {.source = STORE_BY_TAGS, .detail = detail};
    int64_t change = 0;
    enum ache_status status = check_free_name(st, name, err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    status = check_free_name(st, name, err); /* again, inside the write */
    if (!status)
        status = store_take_change(st, &ch, true, &change, err);
    if (!status)
        status = insert_tag(st, name, kind, change, err);
    status = store_write_end(st, status, err);
    store_forget_tag_ids(st);
    return status;
}
