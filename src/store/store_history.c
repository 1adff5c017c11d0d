/* store_history: changes, the earlier versions they keep, tombstones of
 * removed check-ins, and what is built on them: restoring, undoing, and
 * reading a check-in's history.
 *
 * A version row (checkin_version) holds what change `change` replaced of
 * a check-in: the parts it touched, as they were before it, and the change
 * that had made them (made_by). A change that created a check-in keeps no
 * version of it (there was none before), which is how an undo knows to
 * take it out again. A removal keeps the check-in whole (all parts and
 * STORE_PART_REMOVED) and leaves a tombstone (checkin_deleted).
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"
#include "ache/util.h"

static const char *const source_names[STORE_SOURCE_COUNT] = {
    [STORE_BY_ADD] = "add",         [STORE_BY_EDIT] = "edit",
    [STORE_BY_RM] = "rm",           [STORE_BY_IMPORT] = "import",
    [STORE_BY_SCREEN] = "screen",   [STORE_BY_UNDO] = "undo",
    [STORE_BY_RESTORE] = "restore", [STORE_BY_DEMO] = "demo",
    [STORE_BY_FIELDS] = "fields",   [STORE_BY_MEDS] = "meds",
    [STORE_BY_TOOK] = "took",       [STORE_BY_TAGS] = "tags",
    [STORE_BY_SYNC] = "sync",
};

const char *store_source_name(enum store_source s)
{
    return (unsigned)s < STORE_SOURCE_COUNT ? source_names[s] : "?";
}

static enum store_source source_parse(const char *name)
{
    for (int i = 0; i < STORE_SOURCE_COUNT; i++)
        if (name && strcmp(name, source_names[i]) == 0)
            return (enum store_source)i;
    return STORE_BY_EDIT; /* the schema allows no other word */
}

static const char *column_text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

/* Steps a statement that returns no rows. */
static enum ache_status step_done(struct store *st, sqlite3_stmt *s,
                                  const char *doing, struct ache_err *err)
{
    int rc = sqlite3_step(s);
    store_stmt_done(s);
    return rc == SQLITE_DONE ? ACHE_OK : store_db_fail(st, rc, err, doing);
}

/* ---- changes ---------------------------------------------------------------- */

enum ache_status store_insert_change(struct store *st, enum store_source src,
                                     const char *detail, int64_t undoes,
                                     int64_t *n, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_CHANGE_INSERT, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 2, store_source_name(src), -1, SQLITE_STATIC);
    /* a check-in's id as people see it: its first 8 digits (a change is
     * made for every check-in edited, so this is most of its row) */
    if (detail && *detail)
        sqlite3_bind_text(s, 3, detail, checkin_id_valid(detail) ? 8 : -1,
                          SQLITE_TRANSIENT);
    if (undoes)
        sqlite3_bind_int64(s, 4, undoes);
    int64_t at = stamp_now();
    sqlite3_bind_int64(s, 1, at);
    status = step_done(st, s, "recording a change", err);
    if (!status) {
        *n = st->new_change = sqlite3_last_insert_rowid(st->db);
        st->new_change_at = at;
        if (st->in_batch)
            st->batch_change = *n;
    }
    return status;
}

enum ache_status store_lazy_take(struct store *st,
                                 struct store_lazy_change *lc, int64_t *n,
                                 struct ache_err *err)
{
    enum ache_status status =
        lc->n ? ACHE_OK : store_take_change(st, lc->ch, false, &lc->n, err);
    *n = lc->n;
    return status;
}

void store_change_joined(struct store *st, struct store_change *ch,
                         int64_t n)
{
    if (!n || n == ch->n)
        return;
    ch->n = n;
    ch->at = n == st->new_change ? st->new_change_at : 0;
}

/* Whether ch is the diary's latest change, by its number and when it
 * began. */
static enum ache_status is_latest(struct store *st,
                                  const struct store_change *ch, bool *latest,
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_CHANGE_LAST, &s, err);
    if (status)
        return status;
    int rc = sqlite3_step(s);
    *latest = rc == SQLITE_ROW && sqlite3_column_int64(s, 0) == ch->n &&
              sqlite3_column_int64(s, 1) == ch->at;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading the changes");
    store_stmt_done(s);
    return status;
}

enum ache_status store_take_change(struct store *st,
                                   const struct store_change *ch, bool fresh,
                                   int64_t *n, struct ache_err *err)
{
    if (ch->n && !fresh) {
        /* Inside a batch no other writer can come between. */
        if (st->in_batch && st->batch_change == ch->n) {
            *n = ch->n;
            return ACHE_OK;
        }
        bool latest = false;
        enum ache_status status = is_latest(st, ch, &latest, err);
        if (status || latest) {
            *n = ch->n;
            return status;
        }
    }
    return store_insert_change(st, ch->source, ch->detail, 0, n, err);
}

static void read_change_info(sqlite3_stmt *s, struct store_change_info *out)
{
    out->n = sqlite3_column_int64(s, 0);
    out->at = sqlite3_column_int64(s, 1);
    out->source = source_parse(column_text(s, 2));
    const char *detail = column_text(s, 3);
    snprintf(out->detail, sizeof out->detail, "%s", detail ? detail : "");
    out->undoes = sqlite3_column_int64(s, 4);
}

/* The change n; *found false when there is none. */
static enum ache_status get_change(struct store *st, int64_t n, bool *found,
                                   struct store_change_info *out,
                                   struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_CHANGE_GET, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, n);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found)
        read_change_info(s, out);
    else if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading a change");
    store_stmt_done(s);
    return status;
}

enum ache_status store_changes_recent(struct store *st, size_t limit,
                                      struct store_change_info *out,
                                      size_t *count, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_CHANGES_RECENT, &s, err);
    *count = 0;
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)limit);
    int rc = SQLITE_DONE;
    while (*count < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
        read_change_info(s, &out[(*count)++]);
    if (*count < limit && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading the changes");
    store_stmt_done(s);
    return status;
}

/* ---- earlier versions ----------------------------------------------------- */

static enum ache_status version_exists(struct store *st, const char *id,
                                       int64_t change, bool *found,
                                       struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_VERSION_EXISTS, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, change);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading a check-in's history");
    store_stmt_done(s);
    return status;
}

static void join_tags(const struct checkin *c, struct strbuf *out)
{
    for (size_t i = 0; i < c->ntags; i++)
        strbuf_printf(out, "%s%s", i ? "," : "", c->tags[i]);
}

enum ache_status store_keep_version(struct store *st,
                                    const struct store_current *cur,
                                    unsigned parts, int64_t change,
                                    struct ache_err *err)
{
    bool exists = false;
    enum ache_status status = ACHE_OK;
    if (!parts)
        return ACHE_OK;
    if (cur->change == change) {
        status = version_exists(st, cur->c.id, change, &exists, err);
        if (status || !exists)
            return status; /* made by this change: nothing came before */
    }
    sqlite3_stmt *s = NULL;
    if ((status = store_stmt(st, SS_VERSION_KEEP, &s, err)))
        return status;
    struct store_texts texts;
    struct strbuf tags = {0}, own = {0};
    store_bind_parts(s, &cur->c, parts, &texts);
    if (!(parts & STORE_PART_REMOVED)) /* kept by the check-in itself */
        sqlite3_bind_null(s, STORE_COL_CREATED + 1);
    /* after the columns of enum store_col: the tags, the own values,
     * then the change, the parts and the change that made the version */
    int next = STORE_COL_TAGS + 1;
    if (parts & CHECKIN_PART(CP_TAGS)) {
        join_tags(&cur->c, &tags);
        sqlite3_bind_text(s, next, strbuf_str(&tags), -1, SQLITE_STATIC);
    }
    if (parts & CHECKIN_PART(CP_OWN)) {
        checkin_own_format(&cur->c, &own);
        sqlite3_bind_text(s, next + 1, strbuf_str(&own), -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(s, next + 2, change);
    sqlite3_bind_int64(s, next + 3, parts);
    if (cur->change)
        sqlite3_bind_int64(s, next + 4, cur->change);
    status = step_done(st, s, "keeping the earlier version", err);
    strbuf_free(&tags);
    strbuf_free(&own);
    return status;
}

enum ache_status store_read_version(struct store *st, const char *id,
                                    int64_t change, bool *found,
                                    unsigned *parts, struct checkin *out,
                                    struct ache_err *err)
{
    checkin_init(out, 0);
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_VERSION_GET, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, change);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found) {
        status = store_read_row(st, s, out, err);
        *parts = (unsigned)sqlite3_column_int64(s, STORE_COL_PARTS);
    } else if (rc != SQLITE_DONE) {
        status = store_db_fail(st, rc, err, "reading a check-in's history");
    }
    store_stmt_done(s);
    return status;
}

/* ---- tombstones -------------------------------------------------------------- */

enum ache_status store_read_tombstone(struct store *st, const char *id,
                                      bool *found, struct store_tombstone *t,
                                      struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_TOMB_GET, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found) {
        t->at = sqlite3_column_int64(s, 0);
        t->change = sqlite3_column_int64(s, 1);
    } else if (rc != SQLITE_DONE) {
        status = store_db_fail(st, rc, err, "reading a removed check-in");
    }
    store_stmt_done(s);
    return status;
}

enum ache_status store_gone(const char *id, const struct store_tombstone *t,
                            struct ache_err *err)
{
    char day[DATE_BUF];
    return ache_fail(err, ACHE_ERR_GONE,
                     "check-in %.8s was removed on %s: `ache restore %.8s` "
                     "brings it back",
                     id, date_format(stamp_local_day(t->at), day), id);
}

static enum ache_status drop_tombstone(struct store *st, const char *id,
                                       struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_TOMB_DROP, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    return step_done(st, s, "restoring a check-in", err);
}

enum ache_status store_bring_back(struct store *st, const char *id,
                                  const struct store_tombstone *t,
                                  int64_t change, struct checkin *out,
                                  struct ache_err *err)
{
    bool found = false;
    unsigned parts = 0;
    enum ache_status status =
        store_read_version(st, id, t->change, &found, &parts, out, err);
    if (!status && !(parts & STORE_PART_REMOVED))
        status = ache_fail(err, ACHE_ERR_DB,
                           "%s: removed check-in %.8s was not kept: restore "
                           "a backup",
                           st->path, id);
    if (status)
        return status;
    snprintf(out->id, sizeof out->id, "%s", id);
    out->updated_at = store_stamp_after(t->at > out->updated_at
                                            ? t->at
                                            : out->updated_at);
    out->rev++;
    sqlite3_int64 n;
    status = store_insert_row(st, out, change, &n, err);
    if (!status)
        status = drop_tombstone(st, id, err);
    return status;
}

enum ache_status store_restore(struct store *st, const char *id,
                               struct store_change *ch, struct checkin *out,
                               struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_RESTORE, .detail = id};
    if (!ch)
        ch = &own;
    checkin_init(out, 0);
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    bool removed = false;
    struct store_tombstone t;
    int64_t change = 0;
    status = store_read_tombstone(st, id, &removed, &t, err);
    if (!status && !removed)
        status = ache_fail(err, ACHE_ERR_NOT_FOUND,
                           "check-in %.8s was not removed", id);
    if (!status)
        status = store_take_change(st, ch, false, &change, err);
    if (!status)
        status = store_bring_back(st, id, &t, change, out, err);
    status = store_write_end(st, status, err);
    if (!status) {
        store_change_joined(st, ch, change);
    } else {
        /* what was read of the removed check-in is not left to the
         * caller, who frees *out only when it got it */
        checkin_free(out);
        checkin_init(out, 0);
    }
    return status;
}

/* ---- a check-in's history ----------------------------------------------- */

static struct store_version *push_version(struct store_history *h)
{
    h->items = xreallocarray(h->items, h->n + 1, sizeof *h->items);
    struct store_version *v = &h->items[h->n++];
    memset(v, 0, sizeof *v);
    checkin_init(&v->state, 0);
    return v;
}

/* Who made a version: the change's number and source, when known. */
static enum ache_status set_maker(struct store *st, struct store_version *v,
                                  int64_t change, struct ache_err *err)
{
    struct store_change_info info;
    bool found = false;
    v->change = change;
    enum ache_status status =
        change ? get_change(st, change, &found, &info, err) : ACHE_OK;
    if (found)
        v->by = info.source;
    else
        v->change = 0;
    return status;
}

/* One earlier version row, s at its columns: pushed after `newer` (the
 * version that followed it, which it is the state before). */
static enum ache_status push_earlier(struct store *st, sqlite3_stmt *s,
                                     struct store_history *h,
                                     struct ache_err *err)
{
    struct checkin kept;
    enum ache_status status = store_read_row(st, s, &kept, err);
    unsigned parts = (unsigned)sqlite3_column_int64(s, STORE_COL_PARTS);
    int col = STORE_COL_PARTS + 1; /* change, at, made_by, its source */
    if (!status && (parts & STORE_PART_REMOVED)) {
        struct store_version *gone = push_version(h);
        gone->removal = true;
        gone->change = sqlite3_column_int64(s, col);
        gone->by = STORE_BY_RM;
        gone->at = sqlite3_column_int64(s, col + 1);
    }
    if (!status) {
        /* the state before this change: the newer one with the parts it
         * kept put back (a removal kept them all) */
        struct store_version *v = push_version(h);
        if (!(parts & STORE_PART_REMOVED))
            checkin_copy(&v->state, &h->items[h->n - 2].state);
        checkin_take_parts(&v->state, &kept, parts);
        if (parts & STORE_PART_REMOVED)
            v->state.created_at = kept.created_at;
        v->state.updated_at = v->at = kept.updated_at;
        v->state.rev = kept.rev;
        snprintf(v->state.id, sizeof v->state.id, "%s", kept.id);
        v->change = sqlite3_column_int64(s, col + 2);
        v->by = source_parse(column_text(s, col + 3));
    }
    checkin_free(&kept);
    return status;
}

/* The removal's maker: a removal row's change is set by push_earlier;
 * its source is read here. */
static enum ache_status name_removals(struct store *st,
                                      struct store_history *h,
                                      struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    for (size_t i = 0; i < h->n && !status; i++)
        if (h->items[i].removal)
            status = set_maker(st, &h->items[i], h->items[i].change, err);
    return status;
}

static enum ache_status walk_versions(struct store *st, const char *id,
                                      struct store_history *h,
                                      struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, SS_VERSIONS_OF, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        /* a removal starts from nothing newer: the first row, when the
         * check-in is not in the diary */
        if (h->n == 0 && !(sqlite3_column_int64(s, STORE_COL_PARTS) &
                           STORE_PART_REMOVED))
            status = ache_fail(err, ACHE_ERR_DB,
                               "%s: the history of %.8s is damaged",
                               st->path, id);
        else
            status = push_earlier(st, s, h, err);
    }
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading a check-in's history");
    store_stmt_done(s);
    return status;
}

/* Oldest first, each with what it changed of the one before. */
static void put_in_order(struct store_history *h)
{
    for (size_t i = 0, j = h->n ? h->n - 1 : 0; i < j; i++, j--) {
        struct store_version t = h->items[i];
        h->items[i] = h->items[j];
        h->items[j] = t;
    }
    const struct checkin *before = NULL;
    for (size_t i = 0; i < h->n; i++) {
        struct store_version *v = &h->items[i];
        if (v->removal)
            continue;
        v->parts =
            before ? checkin_diff(before, &v->state) : CHECKIN_ALL_PARTS;
        before = &v->state;
    }
}

enum ache_status store_history(struct store *st, const char *id,
                               struct store_history *out,
                               struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    struct store_current cur;
    bool found = false;
    enum ache_status status = store_read_current(st, id, &found, &cur, err);
    if (!status && found) {
        struct store_version *now = push_version(out);
        checkin_free(&now->state);
        now->state = cur.c; /* taken whole */
        now->at = cur.c.updated_at;
        status = set_maker(st, now, cur.change, err);
    } else {
        checkin_free(&cur.c);
    }
    if (!status)
        status = walk_versions(st, id, out, err);
    if (!status && out->n == 0)
        status = ache_fail(err, ACHE_ERR_NOT_FOUND,
                           "no check-in with id '%s'", id);
    if (!status)
        status = name_removals(st, out, err);
    if (status)
        store_history_free(out);
    else
        put_in_order(out);
    return status;
}

void store_history_free(struct store_history *h)
{
    for (size_t i = 0; i < h->n; i++)
        checkin_free(&h->items[i].state);
    free(h->items);
    memset(h, 0, sizeof *h);
}

/* ---- changes after the day ----------------------------------------------- */

enum ache_status store_each_late_change(struct store *st, ache_day from,
                                        ache_day to, store_late_fn fn,
                                        void *ctx, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        store_stmt_range(st, SS_LATE_CHANGES, from, to, &s, err);
    if (status)
        return status;
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_late_change lc = {0, CHECKIN_TIME_ABSENT, 0, 0};
        const char *time = column_text(s, 1);
        if (!date_parse_iso(column_text(s, 0) ? column_text(s, 0) : "",
                            &lc.date) ||
            (time && !time_parse(time, &lc.minute)))
            status = ache_fail(err, ACHE_ERR_DB,
                               "%s: a check-in has a bad date: restore a "
                               "backup",
                               st->path);
        lc.parts = (unsigned)sqlite3_column_int64(s, 2) & CHECKIN_ALL_PARTS;
        lc.at = sqlite3_column_int64(s, 3);
        if (!status && stamp_local_day(lc.at) > lc.date)
            status = fn(&lc, ctx);
    }
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading the changes");
    store_stmt_done(s);
    return status;
}
