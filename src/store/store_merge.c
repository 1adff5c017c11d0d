/* store_merge: one imported record into the diary, and what became of it
 * (see store_merge in store.h for the rules). Every record an import
 * reads ends in exactly one result, so that its counts add up to the
 * records read.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"
#include "ache/util.h"

/* ---- the check-ins an import matched, added or was given -------------- */

/* A set of check-in ids by a 64-bit fingerprint each (open addressing),
 * so that a million of them take 16 MiB less than the ids would. Two ids
 * sharing a fingerprint (a chance of about one in 10^9 for 100,000 ids)
 * would only have a row without an id added anew rather than matched. */
struct store_matched {
    uint64_t *slots; /* 0: empty */
    size_t cap, n;
};

struct store_matched *store_matched_new(void)
{
    return xcalloc(1, sizeof(struct store_matched));
}

void store_matched_free(struct store_matched *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

/* FNV-1a, never 0 (the empty slot). */
static uint64_t fingerprint(const char *id)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const char *p = id; *p; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001b3u;
    return h ? h : 1;
}

static size_t slot_of(const struct store_matched *m, uint64_t key)
{
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15u) & (m->cap - 1);
    while (m->slots[i] && m->slots[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool matched_has(const struct store_matched *m, const char *id)
{
    return m && m->cap && m->slots[slot_of(m, fingerprint(id))] ==
                              fingerprint(id);
}

static void put_key(struct store_matched *m, uint64_t key);

static void matched_grow(struct store_matched *m)
{
    struct store_matched old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i])
            put_key(m, old.slots[i]);
    free(old.slots);
}

static void put_key(struct store_matched *m, uint64_t key)
{
    if ((m->n + 1) * 2 > m->cap)
        matched_grow(m);
    size_t i = slot_of(m, key);
    if (!m->slots[i]) {
        m->slots[i] = key;
        m->n++;
    }
}

static void matched_add(struct store_matched *m, const char *id)
{
    if (m)
        put_key(m, fingerprint(id));
}

void store_matched_claim(struct store_matched *m, const char *id)
{
    matched_add(m, id);
}

/* ---- one record ------------------------------------------------------------- */

/* What a merge has to hand while it decides. */
struct merge {
    struct store *st;
    const struct store_merge_opts *opts;
    struct store_change *ch;
    int64_t change; /* taken at the first write */
    struct checkin *row;
    enum store_merge_result result;
    struct checkin *diary;
};

static enum ache_status take(struct merge *m, struct ache_err *err)
{
    return m->change ? ACHE_OK
                     : store_take_change(m->st, m->ch, false, &m->change, err);
}

static enum ache_status add_row(struct merge *m, struct ache_err *err)
{
    sqlite3_int64 n = 0;
    if (!m->row->updated_at)
        m->row->updated_at = stamp_now();
    enum ache_status status = checkin_check_tag_count(m->row, NULL, err);
    if (!status)
        status = take(m, err);
    if (!status)
        status = store_insert_row(m->st, m->row, m->change, &n, err);
    if (!status)
        matched_add(m->opts->matched, m->row->id);
    m->result = STORE_ADDED;
    return status;
}

/* Decides between the diary's check-in cur and the record, which differ
 * in content. */
static enum ache_status settle(struct merge *m, const struct store_current *cur,
                               struct ache_err *err)
{
    int64_t theirs = m->row->updated_at, ours = cur->c.updated_at;
    bool conflict = !theirs || theirs == ours;
    m->result = conflict ? STORE_CONFLICT
                : theirs > ours ? STORE_UPDATED
                                : STORE_OLDER;
    if (m->result == STORE_OLDER ||
        (conflict && m->opts->prefer_diary))
        return ACHE_OK;
    if (conflict && !m->opts->prefer_file) {
        if (m->diary)
            checkin_copy(m->diary, &cur->c);
        return ACHE_OK;
    }
    enum ache_status status = checkin_check_tag_count(m->row, &cur->c, err);
    if (!status)
        status = take(m, err);
    /* a conflict settled for the file is a new version: now, not its
     * stamp (which is not newer than the diary's) */
    if (!status)
        status = store_write_over(m->st, cur, m->row, conflict ? 0 : theirs,
                                  m->change, err);
    return status;
}

/* A record whose id was removed from the diary. */
static enum ache_status merge_removed(struct merge *m,
                                      const struct store_tombstone *t,
                                      struct ache_err *err)
{
    bool newer = m->row->updated_at > t->at;
    if (!newer && !m->opts->restore_deleted) {
        m->result = STORE_KEPT_DELETED;
        return ACHE_OK;
    }
    struct checkin kept;
    bool found = false;
    unsigned parts = 0;
    enum ache_status status = store_read_version(m->st, m->row->id, t->change,
                                                 &found, &parts, &kept, err);
    /* it comes back as a new version: its revision follows the removed
     * one's, and an older record gets a new stamp */
    m->row->rev = (found ? kept.rev : 0) + 1;
    if (!m->row->created_at && found)
        m->row->created_at = kept.created_at;
    if (!newer)
        m->row->updated_at = store_stamp_after(t->at);
    checkin_free(&kept);
    if (!status)
        status = add_row(m, err);
    sqlite3_stmt *s = NULL;
    if (!status)
        status = store_stmt(m->st, SS_TOMB_DROP, &s, err);
    if (!status) {
        sqlite3_bind_text(s, 1, m->row->id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        store_stmt_done(s);
        if (rc != SQLITE_DONE)
            status = store_db_fail(m->st, rc, err, "restoring a check-in");
    }
    m->result = STORE_RESTORED;
    return status;
}

static enum ache_status merge_by_id(struct merge *m, struct ache_err *err)
{
    struct store_current cur;
    bool found = false, removed = false;
    struct store_tombstone t;
    enum ache_status status =
        store_read_current(m->st, m->row->id, &found, &cur, err);
    if (!status && found) {
        matched_add(m->opts->matched, cur.c.id);
        if (checkin_diff(&cur.c, m->row) == 0)
            m->result = STORE_UNCHANGED;
        else
            status = settle(m, &cur, err);
    }
    checkin_free(&cur.c);
    if (status || found)
        return status;
    status = store_read_tombstone(m->st, m->row->id, &removed, &t, err);
    if (!status && removed)
        return merge_removed(m, &t, err);
    return status ? status : add_row(m, err);
}

/* A record without an id is the same check-in as one of that day with
 * the same content, which no record of this import has matched or named
 * by its id: in the diary (`query` SS_DAY_ROWS), or removed from it
 * (SS_REMOVED_ON_DAY). *found gets its id, or stays "". */
static enum ache_status find_same(struct merge *m, enum store_stmt query,
                                  char found[CHECKIN_ID_LEN + 1],
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(m->st, query, &s, err);
    if (status)
        return status;
    char day[DATE_BUF];
    sqlite3_bind_text(s, 1, date_format(m->row->date, day), -1,
                      SQLITE_TRANSIENT);
    int rc = SQLITE_DONE;
    found[0] = '\0';
    while (!status && !found[0] && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct checkin c;
        status = store_read_row(m->st, s, &c, err);
        if (!status && !matched_has(m->opts->matched, c.id) &&
            checkin_diff(&c, m->row) == 0) {
            memcpy(found, c.id, CHECKIN_ID_LEN + 1);
            matched_add(m->opts->matched, c.id);
        }
        checkin_free(&c);
    }
    if (!status && !found[0] && rc != SQLITE_DONE)
        status = store_db_fail(m->st, rc, err, "reading check-ins");
    store_stmt_done(s);
    return status;
}

static enum ache_status merge_anonymous(struct merge *m, struct ache_err *err)
{
    char id[CHECKIN_ID_LEN + 1];
    enum ache_status status = find_same(m, SS_DAY_ROWS, id, err);
    if (!status && id[0]) {
        m->result = STORE_UNCHANGED;
        return ACHE_OK;
    }
    /* the same as a check-in removed since: kept deleted, as by its id */
    if (!status)
        status = find_same(m, SS_REMOVED_ON_DAY, id, err);
    bool removed = false;
    struct store_tombstone t;
    if (!status && id[0]) {
        memcpy(m->row->id, id, sizeof m->row->id);
        status = store_read_tombstone(m->st, id, &removed, &t, err);
    }
    if (!status && removed)
        return merge_removed(m, &t, err);
    if (status)
        return status;
    checkin_new_id(m->row->id);
    return add_row(m, err);
}

/* A missing updated_at becomes now when the record is added (for an id
 * the diary has, it stays missing: a conflict); a missing created_at stays
 * unknown. */
static enum ache_status prepare(struct checkin *row, struct ache_err *err)
{
    if (row->id[0] && !checkin_id_valid(row->id))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "id: '%s' is not a check-in id (32 hex digits, "
                         "lowercase)",
                         row->id);
    row->rev = 1;
    return ACHE_OK;
}

enum ache_status store_merge(struct store *st, struct checkin *c,
                             const struct store_merge_opts *opts,
                             struct store_change *ch,
                             enum store_merge_result *result,
                             struct checkin *diary, struct ache_err *err)
{
    static const struct store_merge_opts defaults = {0};
    struct store_change own = {.source = STORE_BY_IMPORT, .detail = NULL};
    struct checkin row = *c; /* shares c's tags and note */
    struct merge m = {st, opts ? opts : &defaults, ch ? ch : &own, 0, &row,
                      STORE_UNCHANGED, diary};
    if (diary)
        checkin_init(diary, 0);
    enum ache_status status = checkin_validate(c, err);
    if (!status)
        status = prepare(&row, err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    status = row.id[0] ? merge_by_id(&m, err) : merge_anonymous(&m, err);
    status = store_write_end(st, status, err);
    if (status)
        return status;
    store_change_joined(st, m.ch, m.change);
    memcpy(c->id, row.id, sizeof c->id);
    c->created_at = row.created_at;
    c->updated_at = row.updated_at;
    c->rev = row.rev;
    if (result)
        *result = m.result;
    return ACHE_OK;
}
