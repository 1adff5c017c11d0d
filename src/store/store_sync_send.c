/* store_sync_send: the versions made here since the last sync, stamped.
 *
 * What changed is found by the change that last wrote each record (and
 * each tombstone): every change after the last one sent, but a sync's
 * own. Each of those changes gets a reading of the clock, in order (never
 * behind the last reading or a stamp seen, so a version made after
 * seeing another is later than it), and every record it wrote last is
 * sent at that reading, made from the version the syncs last knew.
 * Records older than the first sync (or written before changes were
 * kept) share one reading. A tag goes by its name; one renamed or removed
 * here is sent as its old name's removal.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"

/* The changes to send, each with its clock reading. */
struct stamper {
    struct store *st;
    struct store_sync *sy;
    int64_t *changes, *clocks;
    size_t n, cap;
    int64_t first; /* the reading of records older than changes (0: none
                      taken yet) */
    store_sync_fn each;
    void *ctx;
};

static int64_t next_reading(struct store_sync *sy, int64_t at)
{
    sy->hlc = at > sy->hlc ? at : sy->hlc + 1;
    return sy->hlc;
}

static enum ache_status read_changes(struct stamper *sp, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(
        sp->st,
        "SELECT n, at FROM change WHERE n > ?1 AND source <> 'sync'"
        " ORDER BY n",
        &s, "reading the changes to send", err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, sp->sy->sent);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (sp->n == sp->cap) {
            sp->cap = sp->cap ? sp->cap * 2 : 64;
            sp->changes = xreallocarray(sp->changes, sp->cap, sizeof(int64_t));
            sp->clocks = xreallocarray(sp->clocks, sp->cap, sizeof(int64_t));
        }
        sp->changes[sp->n] = sqlite3_column_int64(s, 0);
        sp->clocks[sp->n++] =
            next_reading(sp->sy, sqlite3_column_int64(s, 1));
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(sp->st, rc, err, "reading the changes to send");
}

/* The reading of change n, or 0 when it is not one to send. */
static int64_t clock_of(const struct stamper *sp, int64_t n)
{
    size_t lo = 0, hi = sp->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sp->changes[mid] == n)
            return sp->clocks[mid];
        if (sp->changes[mid] < n)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Stamps v (written last by change `change`, 0 for none) and hands it on:
 * a new version at its change's reading; one the syncs know (sent again
 * to another folder) as it was; one never sent at the first reading. */
static enum ache_status send_one(struct stamper *sp,
                                 struct store_sync_version *v, int64_t change,
                                 struct ache_err *err)
{
    struct store_sync_head head;
    enum ache_status status =
        store_sync_head(sp->st, v->kind, v->id, &head, err);
    if (status)
        return status;
    int64_t reading = change > sp->sy->sent ? clock_of(sp, change) : 0;
    if (!reading && head.stamp.device[0]) {
        if (!sp->sy->resend && head.removed == v->removed)
            return ACHE_OK; /* nothing new */
        v->stamp = head.stamp;
        v->parent = head.parent;
        v->removed = head.removed;
        return sp->each(v, sp->ctx, err);
    }
    if (!reading)
        reading = sp->first ? sp->first
                            : (sp->first = next_reading(sp->sy, 0));
    v->stamp.hlc = reading;
    memcpy(v->stamp.device, sp->sy->device, sizeof v->stamp.device);
    v->parent = head.stamp;
    status = store_sync_note(sp->st, sp->sy, v, err);
    return status ? status : sp->each(v, sp->ctx, err);
}

/* What each query gives: ?1 every record (another folder), ?2 the last
 * change sent; columns id (or name), the change that wrote it last, and
 * a tag's kind or a period's medicine. */
struct send_query {
    enum store_sync_kind kind;
    bool removed;
    const char *sql;
};

#define CHANGED(table) " FROM " table " WHERE ?1 OR change > ?2 ORDER BY n"
#define GONE(kind)                                                         \
    "SELECT id, change FROM record_deleted WHERE kind = '" kind "'"         \
    " AND (?1 OR change > ?2) ORDER BY change"

static const struct send_query queries[] = {
    /* the built-in fields, as every diary has them, until changed */
    {SK_FIELD, false,
     "SELECT id, change FROM field WHERE (?1 AND (change IS NOT NULL"
     " OR updated_at > 0)) OR change > ?2 ORDER BY n"},
    {SK_MED, false, "SELECT id, change" CHANGED("med")},
    {SK_PERIOD, false,
     "SELECT p.id, p.change, m.id FROM med_period p JOIN med m"
     " ON m.n = p.med WHERE ?1 OR p.change > ?2 ORDER BY p.n"},
    {SK_DOSE, false, "SELECT id, change" CHANGED("dose")},
    /* a tag made where a check-in names it has no change: it is sent
     * once, when no version of its name is known */
    {SK_TAG, false,
     "SELECT name, change, kind FROM tag t WHERE ?1 OR change > ?2"
     " OR NOT EXISTS (SELECT 1 FROM sync_version v WHERE v.kind = 'tag'"
     " AND v.id = t.name) ORDER BY id"},
    {SK_CHECKIN, false, "SELECT id, change" CHANGED("checkin")},
    {SK_CHECKIN, true,
     "SELECT id, change FROM checkin_deleted WHERE ?1 OR change > ?2"
     " ORDER BY change"},
    {SK_DOSE, true, GONE("dose")},
    {SK_PERIOD, true, GONE("period")},
    {SK_MED, true, GONE("med")},
    {SK_FIELD, true, GONE("field")},
    /* a tag renamed or removed here: its old name, unless a tag has it
     * again; to another folder, every name whose latest is a removal */
    {SK_TAG, true,
     "SELECT name, max(change) FROM (SELECT json_extract(body, '$.name')"
     " AS name, change FROM record_version WHERE kind = 'tag'"
     " AND change > ?2 UNION ALL SELECT id, NULL FROM sync_version"
     " WHERE ?1 AND kind = 'tag' AND removed = 1) r"
     " WHERE NOT EXISTS (SELECT 1 FROM tag WHERE tag.name = r.name)"
     " GROUP BY name ORDER BY name"},
};
#define QUERY_COUNT (sizeof queries / sizeof queries[0])

static void row_version(sqlite3_stmt *s, const struct send_query *q,
                        struct store_sync_version *v)
{
    memset(v, 0, sizeof *v);
    v->kind = q->kind;
    v->removed = q->removed;
    v->tag_kind = TAG_OTHER;
    snprintf(v->id, sizeof v->id, "%s",
             (const char *)sqlite3_column_text(s, 0));
    const unsigned char *third = sqlite3_column_text(s, 2);
    if (third && q->kind == SK_TAG)
        tag_kind_parse((const char *)third, &v->tag_kind);
    else if (third && q->kind == SK_PERIOD)
        snprintf(v->med, sizeof v->med, "%s", (const char *)third);
}

/* A tag of the catalogue every new diary starts with, never changed:
 * every copy has it already. */
static bool is_catalogue(sqlite3_stmt *s, const struct send_query *q,
                         const struct store_sync_version *v)
{
    if (q->kind != SK_TAG || q->removed ||
        sqlite3_column_type(s, 1) != SQLITE_NULL)
        return false;
    for (size_t i = 0; i < tag_catalogue_size(); i++)
        if (strcmp(tag_catalogue_name(i), v->id) == 0)
            return tag_catalogue_kind(i) == v->tag_kind;
    return false;
}

static enum ache_status run_query(struct stamper *sp,
                                  const struct send_query *q,
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_prepare(sp->st, q->sql, &s,
                                            "reading what to send", err);
    if (status)
        return status;
    sqlite3_bind_int(s, 1, sp->sy->resend);
    sqlite3_bind_int64(s, 2, sp->sy->sent);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (sqlite3_column_type(s, 0) == SQLITE_NULL)
            continue;
        struct store_sync_version v;
        row_version(s, q, &v);
        if (!is_catalogue(s, q, &v))
            status = send_one(sp, &v, sqlite3_column_int64(s, 1), err);
    }
    sqlite3_finalize(s);
    if (!status && rc != SQLITE_DONE && rc != SQLITE_ROW)
        status = store_db_fail(sp->st, rc, err, "reading what to send");
    return status;
}

enum ache_status store_sync_collect(struct store *st, struct store_sync *sy,
                                    store_sync_fn each, void *ctx,
                                    struct ache_err *err)
{
    struct stamper sp = {.st = st, .sy = sy, .each = each, .ctx = ctx};
    enum ache_status status = read_changes(&sp, err);
    for (size_t i = 0; !status && i < QUERY_COUNT; i++)
        status = run_query(&sp, &queries[i], err);
    free(sp.changes);
    free(sp.clocks);
    return status;
}

/* ---- every record's latest version --------------------------------------- */

enum ache_status store_sync_each_head(struct store *st, store_sync_fn each,
                                     void *ctx, struct ache_err *err)
{
    static const char sql[] =
        "SELECT v.kind, v.id, v.hlc, v.device, v.parent_hlc,"
        " v.parent_device, v.removed, t.kind, m.id FROM sync_version v"
        " LEFT JOIN tag t ON v.kind = 'tag' AND t.name = v.id"
        " LEFT JOIN med_period p ON v.kind = 'period' AND p.id = v.id"
        " LEFT JOIN med m ON m.n = p.med"
        " WHERE NOT EXISTS (SELECT 1 FROM sync_version w WHERE w.kind ="
        " v.kind AND w.id = v.id AND (w.hlc > v.hlc OR (w.hlc = v.hlc"
        " AND w.device > v.device))) ORDER BY v.kind, v.id";
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        store_prepare(st, sql, &s, "reading the latest versions", err);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_sync_version v;
        memset(&v, 0, sizeof v);
        store_sync_kind_parse((const char *)sqlite3_column_text(s, 0),
                              &v.kind);
        snprintf(v.id, sizeof v.id, "%s",
                 (const char *)sqlite3_column_text(s, 1));
        store_sync_read_stamp(s, 2, &v.stamp);
        store_sync_read_stamp(s, 4, &v.parent);
        v.removed = sqlite3_column_int(s, 6) != 0;
        v.tag_kind = TAG_OTHER;
        if (sqlite3_column_text(s, 7))
            tag_kind_parse((const char *)sqlite3_column_text(s, 7),
                           &v.tag_kind);
        if (sqlite3_column_text(s, 8))
            snprintf(v.med, sizeof v.med, "%s",
                     (const char *)sqlite3_column_text(s, 8));
        status = each(&v, ctx, err);
    }
    sqlite3_finalize(s);
    if (!status && rc != SQLITE_DONE && rc != SQLITE_ROW)
        status = store_db_fail(st, rc, err, "reading the latest versions");
    return status;
}
