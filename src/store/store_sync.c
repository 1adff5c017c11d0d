/* store_sync: the diary's side of a sync (see "sync" in store.h).
 *
 * The device id and where the diary file was when it took it, the clock,
 * the last change sent and the count of files written live in meta. A
 * diary file found elsewhere (another machine, another file: a copy, or a
 * backup put back) takes a new device id, so that two copies never write
 * as one device. Versions seen are in sync_version; the latest by stamp
 * is the record's. Everything happens inside one transaction, begun by
 * store_sync_begin: a sync killed at any moment leaves the diary as it
 * was before it.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"

static const char *const kind_names[SK_COUNT] = {
    "checkin", "field", "med", "period", "dose", "tag"};

const char *store_sync_kind_name(enum store_sync_kind k)
{
    return (unsigned)k < SK_COUNT ? kind_names[k] : "?";
}

bool store_sync_kind_parse(const char *s, enum store_sync_kind *out)
{
    for (int k = 0; k < SK_COUNT; k++)
        if (strcmp(s, kind_names[k]) == 0) {
            *out = (enum store_sync_kind)k;
            return true;
        }
    return false;
}

/* What a write of a few values binds: ?1 and ?2 texts (NULL: none),
 * ?3 an integer, ?4 now; each only when the SQL names it. */
struct sync_write {
    const char *sql, *doing;
    const char *a, *b;
    int64_t c;
};

static enum ache_status run_write(struct store *st, const struct sync_write *w,
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(st, w->sql, &s, w->doing, err);
    if (status)
        return status;
    int params = sqlite3_bind_parameter_count(s);
    sqlite3_bind_text(s, 1, w->a, -1, SQLITE_STATIC);
    if (params >= 2)
        sqlite3_bind_text(s, 2, w->b, -1, SQLITE_STATIC);
    if (params >= 3)
        sqlite3_bind_int64(s, 3, w->c);
    if (params >= 4)
        sqlite3_bind_int64(s, 4, stamp_now());
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK : store_db_fail(st, rc, err, w->doing);
}

/* ---- meta ------------------------------------------------------------------ */

#define META_DEVICE "device_id"
#define META_HOME "device_home"
#define META_FOLDER "sync_folder"
#define META_HLC "sync_hlc"
#define META_SENT "sync_sent"
#define META_SEQ "sync_seq"
#define HOME_MAX 160

static enum ache_status meta_text(struct store *st, const char *key,
                                  char *out, size_t cap, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        store_prepare(st, "SELECT value FROM meta WHERE key = ?1", &s,
                      "reading the sync's notes", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    out[0] = '\0';
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_db_fail(st, rc, err, "reading the sync's notes");
    return ACHE_OK;
}

static enum ache_status meta_int(struct store *st, const char *key,
                                 int64_t *out, struct ache_err *err)
{
    char text[32];
    enum ache_status status = meta_text(st, key, text, sizeof text, err);
    *out = status ? 0 : strtoll(text, NULL, 10);
    return status;
}

static enum ache_status meta_put(struct store *st, const char *key,
                                 const char *text, struct ache_err *err)
{
    struct sync_write w = {
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        "noting the sync", key, text, 0};
    return run_write(st, &w, err);
}

static enum ache_status meta_put_int(struct store *st, const char *key,
                                     int64_t v, struct ache_err *err)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)v);
    return meta_put(st, key, text, err);
}

/* ---- the device ------------------------------------------------------------- */

/* Where the diary file is: the machine, and the file itself (device and
 * inode), which a copy or a backup put back does not share. */
static void device_home(const struct store *st, char out[HOME_MAX])
{
    char machine[64] = "";
    FILE *f = fopen("/etc/machine-id", "r");
    if (!f || !fgets(machine, sizeof machine, f))
        gethostname(machine, sizeof machine - 1);
    if (f)
        fclose(f);
    machine[strcspn(machine, "\r\n")] = '\0';
    struct stat sb = {0};
    stat(st->file, &sb);
    snprintf(out, HOME_MAX, "%.63s:%llu:%llu", machine,
             (unsigned long long)sb.st_dev, (unsigned long long)sb.st_ino);
}

static enum ache_status new_device(struct store *st, struct store_sync *sy,
                                   const char *home, struct ache_err *err)
{
    checkin_new_id(sy->device);
    sy->seq = 0;
    enum ache_status status = meta_put(st, META_DEVICE, sy->device, err);
    if (!status)
        status = meta_put(st, META_HOME, home, err);
    return status ? status : meta_put_int(st, META_SEQ, 0, err);
}

/* The device id this diary syncs as: the one noted, unless the file is
 * not where it was when it took it. */
static enum ache_status take_device(struct store *st, struct store_sync *sy,
                                    struct ache_err *err)
{
    char home[HOME_MAX], noted[HOME_MAX];
    device_home(st, home);
    enum ache_status status =
        meta_text(st, META_DEVICE, sy->device, sizeof sy->device, err);
    if (!status)
        status = meta_text(st, META_HOME, noted, sizeof noted, err);
    if (status)
        return status;
    sy->new_device = NULL;
    if (strlen(sy->device) != STORE_DEVICE_HEX)
        sy->new_device = "first";
    else if (strcmp(home, noted) != 0)
        sy->new_device = "copy";
    return sy->new_device ? new_device(st, sy, home, err) : ACHE_OK;
}

enum ache_status store_sync_new_device(struct store *st, struct store_sync *sy,
                                       struct ache_err *err)
{
    char home[HOME_MAX];
    device_home(st, home);
    sy->new_device = "unknown files";
    return new_device(st, sy, home, err);
}

enum ache_status store_sync_begin(struct store *st, const char *folder,
                                  struct store_sync *sy, struct ache_err *err)
{
    memset(sy, 0, sizeof *sy);
    sy->change = (struct store_change){.source = STORE_BY_SYNC,
                                       .detail = "from the sync folder"};
    /* a join writes every record of years once: SQLite's 2 MiB of cache
     * would only hold pages not read again (the 8 MiB target) */
    enum ache_status status = store_walk_once(st, true, err);
    if (!status)
        status = store_begin_atomic(st, err);
    if (status)
        return status;
    char last_folder[64];
    int64_t seq = 0;
    status = meta_int(st, META_HLC, &sy->hlc, err);
    if (!status)
        status = meta_int(st, META_SENT, &sy->sent, err);
    if (!status)
        status = meta_int(st, META_SEQ, &seq, err);
    if (!status)
        status = meta_text(st, META_FOLDER, last_folder, sizeof last_folder,
                           err);
    sy->seq = (uint64_t)seq;
    if (!status)
        status = take_device(st, sy, err);
    /* another folder has none of this diary's versions: all go again */
    sy->resend = !status && strcmp(last_folder, folder) != 0;
    if (!status && sy->resend)
        status = meta_put(st, META_FOLDER, folder, err);
    if (status)
        store_sync_abandon(st);
    return status;
}

/* The latest change in the diary: what a sync has sent once it commits
 * (its own change included, which sends nothing). */
static enum ache_status last_change(struct store *st, int64_t *n,
                                    struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st, "SELECT coalesce(max(n), 0) FROM change", &s,
        "reading the changes", err);
    if (status)
        return status;
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? ACHE_OK
                            : store_db_fail(st, rc, err,
                                            "reading the changes");
}

static enum ache_status sweep_tags(struct store *st, struct store_sync *sy,
                                   struct ache_err *err);

static enum ache_status settle_field_names(struct store *st,
                                          struct store_sync *sy,
                                          struct ache_err *err);

enum ache_status store_sync_commit(struct store *st, struct store_sync *sy,
                                   struct ache_err *err)
{
    enum ache_status status = sweep_tags(st, sy, err);
    if (!status)
        status = settle_field_names(st, sy, err);
    if (!status)
        status = last_change(st, &sy->sent, err);
    if (!status)
        status = meta_put_int(st, META_SENT, sy->sent, err);
    if (!status)
        status = meta_put_int(st, META_HLC, sy->hlc, err);
    if (!status)
        status = meta_put_int(st, META_SEQ, (int64_t)sy->seq, err);
    if (!status)
        status = store_commit(st, err);
    if (status)
        store_rollback(st);
    store_walk_once(st, false, NULL);
    return status;
}

void store_sync_abandon(struct store *st)
{
    store_rollback(st);
    store_walk_once(st, false, NULL);
}

/* ---- versions seen ------------------------------------------------------------ */

static void bind_version(sqlite3_stmt *s, const struct store_sync_version *v)
{
    sqlite3_bind_text(s, 1, kind_names[v->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, v->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, v->stamp.hlc);
    sqlite3_bind_text(s, 4, v->stamp.device, -1, SQLITE_STATIC);
}

static bool same_stamp(const struct store_stamp *a, const struct store_stamp *b)
{
    return a->device[0] && a->hlc == b->hlc &&
           strcmp(a->device, b->device) == 0;
}

/* >0 when a is later than b (by clock, then device id). */
static int stamp_cmp(const struct store_stamp *a, const struct store_stamp *b)
{
    if (a->hlc != b->hlc)
        return a->hlc > b->hlc ? 1 : -1;
    return strcmp(a->device, b->device);
}

void store_sync_read_stamp(sqlite3_stmt *s, int col, struct store_stamp *out)
{
    const unsigned char *dev = sqlite3_column_text(s, col + 1);
    out->hlc = sqlite3_column_int64(s, col);
    snprintf(out->device, sizeof out->device, "%s",
             dev ? (const char *)dev : "");
}

enum ache_status store_sync_head(struct store *st, enum store_sync_kind kind,
                                 const char *id, struct store_sync_head *out,
                                 struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st,
        "SELECT hlc, device, parent_hlc, parent_device, removed"
        " FROM sync_version WHERE kind = ?1 AND id = ?2"
        " ORDER BY hlc DESC, device DESC LIMIT 1",
        &s, "reading a record's versions", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, kind_names[kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_sync_read_stamp(s, 0, &out->stamp);
        store_sync_read_stamp(s, 2, &out->parent);
        out->removed = sqlite3_column_int(s, 4) != 0;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a record's versions");
}

static enum ache_status seen_before(struct store *st,
                                    const struct store_sync_version *v,
                                    bool *seen, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st,
        "SELECT 1 FROM sync_version WHERE kind = ?1 AND id = ?2"
        " AND hlc = ?3 AND device = ?4",
        &s, "reading a record's versions", err);
    if (status)
        return status;
    bind_version(s, v);
    int rc = sqlite3_step(s);
    *seen = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a record's versions");
}

enum ache_status store_sync_judge(struct store *st,
                                  const struct store_sync_version *v,
                                  struct store_sync_judgement *out,
                                  struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    struct store_sync_head head;
    enum ache_status status = seen_before(st, v, &out->seen, err);
    if (status || out->seen)
        return status;
    status = store_sync_head(st, v->kind, v->id, &head, err);
    if (status)
        return status;
    out->head = head.stamp;
    out->take = !head.stamp.device[0] || stamp_cmp(&v->stamp, &head.stamp) > 0;
    out->conflict = head.stamp.device[0] &&
                    !same_stamp(&v->parent, &head.stamp) &&
                    !same_stamp(&head.parent, &v->stamp);
    return ACHE_OK;
}

enum ache_status store_sync_note(struct store *st, struct store_sync *sy,
                                 const struct store_sync_version *v,
                                 struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st,
        "INSERT OR IGNORE INTO sync_version (kind, id, hlc, device,"
        " parent_hlc, parent_device, removed)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &s, "noting a version", err);
    if (status)
        return status;
    bind_version(s, v);
    if (v->parent.device[0]) {
        sqlite3_bind_int64(s, 5, v->parent.hlc);
        sqlite3_bind_text(s, 6, v->parent.device, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(s, 7, v->removed);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    /* the clock never falls behind a stamp the diary has seen */
    if (v->stamp.hlc > sy->hlc)
        sy->hlc = v->stamp.hlc;
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err, "noting a version");
}

enum ache_status store_sync_change(struct store *st, struct store_sync *sy,
                                   int64_t *n, struct ache_err *err)
{
    enum ache_status status =
        store_take_change(st, &sy->change, false, n, err);
    if (!status)
        store_change_joined(st, &sy->change, *n);
    return status;
}

enum ache_status store_sync_keep_other(struct store *st, struct store_sync *sy,
                                       const struct store_sync_other *o,
                                       struct ache_err *err)
{
    int64_t n = 0;
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_sync_change(st, sy, &n, err);
    if (!status)
        status = store_prepare(
            st,
            "INSERT OR IGNORE INTO sync_other (kind, id, hlc, device,"
            " removed, body, conflict, change)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &s, "keeping another version", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, kind_names[o->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, o->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, o->stamp->hlc);
    sqlite3_bind_text(s, 4, o->stamp->device, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 5, o->removed);
    if (o->body)
        sqlite3_bind_text(s, 6, o->body, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 7, o->conflict);
    sqlite3_bind_int64(s, 8, n);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err,
                                             "keeping another version");
}

/* ---- check-ins ------------------------------------------------------------------ */

/* A check-in the diary does not hold: brought back after its removal
 * (its revision following the removed one's), or new. */
static enum ache_status put_absent(struct store *st, struct checkin *row,
                                   int64_t n, struct ache_err *err)
{
    bool removed = false;
    struct store_tombstone t;
    enum ache_status status =
        store_read_tombstone(st, row->id, &removed, &t, err);
    row->rev = 1;
    if (!status && removed) {
        struct checkin kept;
        bool found = false;
        unsigned parts = 0;
        status = store_read_version(st, row->id, t.change, &found, &parts,
                                    &kept, err);
        row->rev = (found ? kept.rev : 0) + 1;
        checkin_free(&kept);
        sqlite3_stmt *s = NULL;
        if (!status)
            status = store_stmt(st, SS_TOMB_DROP, &s, err);
        if (!status) {
            sqlite3_bind_text(s, 1, row->id, -1, SQLITE_STATIC);
            int rc = sqlite3_step(s);
            store_stmt_done(s);
            if (rc != SQLITE_DONE)
                status = store_db_fail(st, rc, err, "restoring a check-in");
        }
    }
    sqlite3_int64 key = 0;
    return status ? status : store_insert_row(st, row, n, &key, err);
}

enum ache_status store_sync_put_checkin(struct store *st, struct store_sync *sy,
                                        const struct checkin *c,
                                        struct ache_err *err)
{
    int64_t n = 0;
    struct checkin row = *c; /* shares c's tags and note */
    struct store_current cur;
    checkin_init(&cur.c, 0);
    bool found = false;
    enum ache_status status = checkin_check_tag_count(&row, NULL, err);
    if (!status)
        status = store_sync_change(st, sy, &n, err);
    if (!status)
        status = store_read_current(st, c->id, &found, &cur, err);
    if (!status && found)
        status = store_write_exact(st, &cur, &row, n, err);
    else if (!status)
        status = put_absent(st, &row, n, err);
    checkin_free(&cur.c);
    return status;
}

enum ache_status store_sync_remove_checkin(struct store *st,
                                           struct store_sync *sy,
                                           const char *id,
                                           struct ache_err *err)
{
    int64_t n = 0;
    struct store_current cur;
    bool found = false;
    enum ache_status status = store_read_current(st, id, &found, &cur, err);
    if (!status && found)
        status = store_sync_change(st, sy, &n, err);
    if (!status && found)
        status = store_write_removal(st, &cur, n, err);
    checkin_free(&cur.c);
    return status;
}

/* ---- tags --------------------------------------------------------------------- */

/* The uid and kind of the tag `name`; uid "" when there is none. */
static enum ache_status tag_named(struct store *st, const char *name,
                                  char uid[CHECKIN_ID_LEN + 1],
                                  enum tag_kind *kind, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st, "SELECT uid, kind FROM tag WHERE name = ?1", &s,
        "reading a tag", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    uid[0] = '\0';
    if (rc == SQLITE_ROW) {
        snprintf(uid, CHECKIN_ID_LEN + 1, "%s",
                 (const char *)sqlite3_column_text(s, 0));
        tag_kind_parse((const char *)sqlite3_column_text(s, 1), kind);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a tag");
}

enum ache_status store_sync_put_tag(struct store *st, struct store_sync *sy,
                                    const char *name, enum tag_kind kind,
                                    struct ache_err *err)
{
    char uid[CHECKIN_ID_LEN + 1];
    enum tag_kind has = TAG_OTHER;
    int64_t n = 0;
    enum ache_status status = tag_named(st, name, uid, &has, err);
    if (status || (uid[0] && has == kind))
        return status;
    status = store_sync_change(st, sy, &n, err);
    if (!status && uid[0])
        status = store_record_keep(st, "tag", uid, n, false, err);
    struct sync_write update = {
        "UPDATE tag SET kind = ?2, rev = rev + 1, change = ?3,"
        " updated_at = max(updated_at + 1, ?4) WHERE uid = ?1",
        "writing a tag from the sync", uid, tag_kind_name(kind), n};
    struct sync_write insert = {
        "INSERT INTO tag (name, kind, created_at, updated_at, change)"
        " VALUES (?1, ?2, NULL, 0, ?3)",
        "writing a tag from the sync", name, tag_kind_name(kind), n};
    if (!status && uid[0])
        return run_write(st, &update, err);
    store_forget_tag_ids(st);
    return status ? status : run_write(st, &insert, err);
}

/* Takes out every tag whose latest version is its removal and that no
 * check-in names (one that a check-in still names stays: the check-in
 * was written later, or elsewhere without knowing of the removal). */
static enum ache_status sweep_tags(struct store *st, struct store_sync *sy,
                                   struct ache_err *err)
{
    static const char sql[] =
        "SELECT t.uid FROM tag t WHERE NOT EXISTS (SELECT 1 FROM checkin_tag"
        " l WHERE l.tag_id = t.id) AND (SELECT v.removed FROM sync_version v"
        " WHERE v.kind = 'tag' AND v.id = t.name"
        " ORDER BY v.hlc DESC, v.device DESC LIMIT 1) = 1";
    struct strbuf uids = {0};
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        store_prepare(st, sql, &s, "reading removed tags", err);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW)
        strbuf_append(&uids, (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading removed tags");
    size_t count = uids.len / CHECKIN_ID_LEN;
    int64_t n = 0;
    if (!status && count)
        status = store_sync_change(st, sy, &n, err);
    for (size_t i = 0; !status && i < count; i++) {
        char uid[CHECKIN_ID_LEN + 1];
        memcpy(uid, strbuf_str(&uids) + i * CHECKIN_ID_LEN, CHECKIN_ID_LEN);
        uid[CHECKIN_ID_LEN] = '\0';
        status = store_record_remove(st, "tag", uid, n, err);
    }
    if (count)
        store_forget_tag_ids(st);
    strbuf_free(&uids);
    return status;
}

/* ---- files ----------------------------------------------------------------------- */

enum ache_status store_sync_file_known(struct store *st,
                                       const struct store_sync_file *f,
                                       bool *known, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st, "SELECT own FROM sync_file WHERE device = ?1 AND name = ?2", &s,
        "reading the files synced", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, f->device, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, f->name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *known = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading the files synced");
}

enum ache_status store_sync_file_note(struct store *st,
                                      const struct store_sync_file *f,
                                      struct ache_err *err)
{
    struct sync_write w = {"INSERT OR IGNORE INTO sync_file (device, name,"
                           " own) VALUES (?1, ?2, ?3)",
                           "noting a file synced", f->device, f->name,
                           f->own};
    return run_write(st, &w, err);
}

/* ---- fields and the removal of records ------------------------------------ */

/* Binds f's columns: ?1 id, ?2 name, ?3 kind, ?4 label, ?5 low word,
 * ?6 high word, ?7 weekly, ?8 hidden, ?9 created_at, ?10 updated_at,
 * ?11 the change. */
static void bind_field(sqlite3_stmt *s, const struct field_record *f,
                       int64_t change)
{
    sqlite3_bind_text(s, 1, f->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, f->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, field_kind_name(f->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, f->label, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, f->low_word, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, f->high_word, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 7, f->weekly);
    sqlite3_bind_int(s, 8, f->hidden);
    if (f->created_at)
        sqlite3_bind_int64(s, 9, f->created_at);
    sqlite3_bind_int64(s, 10, f->updated_at);
    sqlite3_bind_int64(s, 11, change);
}

static enum ache_status field_sql(struct store *st, const char *sql,
                                  const struct field_record *f,
                                  int64_t change, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        store_prepare(st, sql, &s, "storing a field from the sync", err);
    if (status)
        return status;
    bind_field(s, f, change);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err,
                                             "storing a field from the sync");
}

/* The id of the field named name, "" when none. */
static enum ache_status field_id_named(struct store *st, const char *name,
                                       char id[CHECKIN_ID_LEN + 1],
                                       struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st, "SELECT id FROM field WHERE name = ?1", &s, "reading a field",
        err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    id[0] = '\0';
    if (rc == SQLITE_ROW)
        snprintf(id, CHECKIN_ID_LEN + 1, "%s",
                 (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a field");
}

#define FIELD_SET                                                          \
    " name = ?2, label = ?4, low_word = ?5, high_word = ?6, weekly = ?7,"  \
    " hidden = ?8, created_at = ?9, updated_at = ?10, rev = rev + 1,"      \
    " change = ?11"

/* "swelling_3f2a": the name a field takes when another field of the
 * diary has its name and the smaller id (made apart on two machines, or
 * renamed onto another's name). Both copies of the diary name the two
 * alike, whatever the order they meet them in; values keep to their own
 * field, found by id. */
static void name_apart(const char *name, const char *id,
                       char out[FIELD_NAME_MAX + 1])
{
    snprintf(out, FIELD_NAME_MAX + 1, "%.*s_%.4s", FIELD_NAME_MAX - 5, name,
             id);
}

/* Names the diary's field `id` anew as part of change n, kept first as it
 * was. */
static enum ache_status set_field_name(struct store *st, const char *id,
                                       const char *name, int64_t n,
                                       struct ache_err *err)
{
    struct sync_write w = {"UPDATE field SET name = ?2, rev = rev + 1,"
                           " change = ?3 WHERE id = ?1",
                           "naming a field", id, name, n};
    enum ache_status status =
        store_record_keep(st, "field", id, n, false, err);
    return status ? status : run_write(st, &w, err);
}

/* Gives the diary's field `id` the name name_apart makes. */
static enum ache_status rename_apart(struct store *st, const char *id,
                                     const char *name, int64_t n,
                                     struct ache_err *err)
{
    char apart[FIELD_NAME_MAX + 1];
    name_apart(name, id, apart);
    return set_field_name(st, id, apart, n, err);
}

static enum ache_status field_known(struct store *st, const char *id,
                                    bool *known, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st, "SELECT 1 FROM field WHERE id = ?1", &s, "reading a field", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *known = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a field");
}

enum ache_status store_sync_put_field(struct store *st, struct store_sync *sy,
                                      const struct field_record *f,
                                      struct ache_err *err)
{
    char by_name[CHECKIN_ID_LEN + 1];
    int64_t n = 0;
    bool known = false;
    struct field_record row = *f;
    enum ache_status status = field_id_named(st, f->name, by_name, err);
    if (!status)
        status = field_known(st, f->id, &known, err);
    if (!status)
        status = store_sync_change(st, sy, &n, err);
    /* another field has the name: the larger id of the two goes apart */
    bool clash = !status && by_name[0] && strcmp(by_name, f->id) != 0;
    if (clash && strcmp(by_name, f->id) > 0)
        status = rename_apart(st, by_name, f->name, n, err);
    else if (clash)
        name_apart(f->name, f->id, row.name);
    if (!status && known)
        status = store_record_keep(st, "field", f->id, n, false, err);
    if (!status)
        status = field_sql(st,
                           known ? "UPDATE field SET" FIELD_SET " WHERE id = ?1"
                                 : "INSERT INTO field (n, id, name, kind, label,"
                                   " low_word, high_word, weekly, hidden,"
                                   " created_at, updated_at, rev, change)"
                                   " VALUES ((SELECT max(coalesce(max(n), 7)"
                                   " + 1, 8) FROM field), ?1, ?2, ?3, ?4, ?5,"
                                   " ?6, ?7, ?8, ?9, ?10, 1, ?11)",
                           &row, n, err);
    return status ? status : store_fields_load(st, err);
}

static const char *const record_tables[SK_COUNT] = {
    [SK_CHECKIN] = "SELECT 1 FROM checkin WHERE id = ?1",
    [SK_TAG] = "SELECT 1 FROM tag WHERE name = ?1",
    [SK_FIELD] = "SELECT 1 FROM field WHERE id = ?1",
    [SK_MED] = "SELECT 1 FROM med WHERE id = ?1",
    [SK_PERIOD] = "SELECT 1 FROM med_period WHERE id = ?1",
    [SK_DOSE] = "SELECT 1 FROM dose WHERE id = ?1",
};

enum ache_status store_sync_present(struct store *st,
                                    enum store_sync_kind kind, const char *id,
                                    bool *present, struct ache_err *err)
{
    *present = false;
    if ((unsigned)kind >= SK_COUNT)
        return ache_fail(err, ACHE_ERR_INVALID, "no records of that kind");
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(st, record_tables[kind], &s,
                                            "reading a record", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *present = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a record");
}

/* A field some check-in gives a value, or a medicine some dose names,
 * that another device removed (not knowing of the values): it stays, for
 * the values are this diary's; the other device gets it back from the
 * file that carries them. */
static enum ache_status record_in_use(struct store *st,
                                      enum store_sync_kind kind,
                                      const char *id, bool *used,
                                      struct ache_err *err)
{
    static const char *const sql[SK_COUNT] = {
        [SK_FIELD] = "SELECT 1 FROM checkin_value v JOIN field f ON f.n ="
                     " v.field WHERE f.id = ?1 LIMIT 1",
        [SK_MED] = "SELECT 1 FROM dose d JOIN med m ON m.n = d.med"
                   " WHERE m.id = ?1 LIMIT 1",
    };
    *used = false;
    if (!sql[kind])
        return ACHE_OK;
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        store_prepare(st, sql[kind], &s, "reading a record's use", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *used = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a record's use");
}

enum ache_status store_sync_remove_record(struct store *st,
                                          struct store_sync *sy,
                                          enum store_sync_kind kind,
                                          const char *id,
                                          struct ache_err *err)
{
    if (kind == SK_CHECKIN || kind == SK_TAG)
        return ache_fail(err, ACHE_ERR_INVALID, "no records of that kind");
    bool present = false, used = false;
    enum ache_status status = store_sync_present(st, kind, id, &present, err);
    if (!status && present)
        status = record_in_use(st, kind, id, &used, err);
    if (used)
        return ACHE_OK; /* it stays: see record_in_use */
    int64_t n = 0;
    if (present)
        status = store_sync_change(st, sy, &n, err);
    if (!status && present)
        status = store_record_remove(st, kind_names[kind], id, n, err);
    return status;
}

/* ---- versions kept aside ------------------------------------------------------ */

enum ache_status store_sync_asides(struct store *st, enum store_sync_kind kind,
                                   const char *id,
                                   struct store_sync_asides *out,
                                   struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st,
        "SELECT hlc, device, removed, conflict, body FROM sync_other"
        " WHERE kind = ?1 AND id = ?2 ORDER BY hlc, device",
        &s, "reading the versions a sync kept aside", err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, kind_names[kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->items = xreallocarray(out->items, out->n + 1, sizeof *out->items);
        struct store_sync_aside *a = &out->items[out->n++];
        store_sync_read_stamp(s, 0, &a->stamp);
        a->removed = sqlite3_column_int(s, 2) != 0;
        a->conflict = sqlite3_column_int(s, 3) != 0;
        const unsigned char *body = sqlite3_column_text(s, 4);
        a->body = body ? xstrdup((const char *)body) : NULL;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err,
                               "reading the versions a sync kept aside");
}

void store_sync_asides_free(struct store_sync_asides *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->items[i].body);
    free(a->items);
    memset(a, 0, sizeof *a);
}

enum ache_status store_sync_each_file(struct store *st, store_sync_file_fn fn,
                                      void *ctx, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st, "SELECT device, name, own FROM sync_file ORDER BY device, name",
        &s, "reading the files synced", err);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_sync_file f = {(const char *)sqlite3_column_text(s, 0),
                                    (const char *)sqlite3_column_text(s, 1),
                                    sqlite3_column_int(s, 2) != 0};
        status = fn(&f, ctx, err);
    }
    sqlite3_finalize(s);
    if (!status && rc != SQLITE_DONE && rc != SQLITE_ROW)
        status = store_db_fail(st, rc, err, "reading the files synced");
    return status;
}

/* ---- fields of one name ----------------------------------------------------- */

/* An own field as settle_field_names sees it. */
struct named_field {
    char id[CHECKIN_ID_LEN + 1];
    char name[FIELD_NAME_MAX + 1];  /* as the diary has it now */
    char taken[FIELD_NAME_MAX + 1]; /* the name it was given (a name set
                                       apart loses its suffix) */
    char want[FIELD_NAME_MAX + 1];
};

/* The name a field was given: its name set apart ("itch_3f2a", the
 * suffix its own id's first digits) comes back to "itch". A name of 28
 * or more letters was cut to be set apart and comes back cut. */
static void taken_name(struct named_field *f)
{
    char suffix[6];
    size_t len = strlen(f->name);
    snprintf(suffix, sizeof suffix, "_%.4s", f->id);
    memcpy(f->taken, f->name, len + 1);
    if (len > 5 && strcmp(f->name + len - 5, suffix) == 0)
        f->taken[len - 5] = '\0';
}

static enum ache_status read_own_fields(struct store *st,
                                        struct named_field **out, size_t *n,
                                        struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        st, "SELECT id, name FROM field WHERE n >= 8 ORDER BY id", &s,
        "reading the fields", err);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = xreallocarray(*out, *n + 1, sizeof **out);
        struct named_field *f = &(*out)[(*n)++];
        snprintf(f->id, sizeof f->id, "%s",
                 (const char *)sqlite3_column_text(s, 0));
        snprintf(f->name, sizeof f->name, "%s",
                 (const char *)sqlite3_column_text(s, 1));
        taken_name(f);
    }
    sqlite3_finalize(s);
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading the fields");
    return status;
}

/* Each field's name, from the names given alone: of the fields given one
 * name, the smallest id has it and the others are set apart. (fields are
 * by id) */
static void want_names(struct named_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool first = true;
        for (size_t j = 0; j < i && first; j++)
            first = strcmp(f[j].taken, f[i].taken) != 0;
        if (first)
            memcpy(f[i].want, f[i].taken, sizeof f[i].want);
        else
            name_apart(f[i].taken, f[i].id, f[i].want);
    }
}

/* The names of the own fields as every copy of the diary names them,
 * whatever order it met them in: a field set apart for another that has
 * gone since gets its name back. Renamed through a name of its id alone
 * first ("z" and the id), so that no two hold one name on the way. */
static enum ache_status settle_field_names(struct store *st,
                                          struct store_sync *sy,
                                          struct ache_err *err)
{
    struct named_field *f = NULL;
    size_t count = 0;
    int64_t n = 0;
    enum ache_status status = read_own_fields(st, &f, &count, err);
    want_names(f, count);
    for (size_t pass = 0; pass < 2 && !status; pass++)
        for (size_t i = 0; i < count && !status; i++) {
            if (strcmp(f[i].name, f[i].want) == 0)
                continue;
            char through[FIELD_NAME_MAX + 1];
            snprintf(through, sizeof through, "z%.31s", f[i].id);
            if (!n)
                status = store_sync_change(st, sy, &n, err);
            if (!status)
                status = set_field_name(st, f[i].id,
                                        pass ? f[i].want : through, n, err);
        }
    free(f);
    return !status && n ? store_fields_load(st, err) : status;
}
