/* store_undo: reversing the diary's latest change, as a change of its own.
 *
 * What the change wrote is found through the change column of the
 * check-ins (those it created or changed last), and the tombstones it left
 * (those it removed). Each goes back to the version the change kept of it:
 * the parts it had before are written over it, a check-in it created is
 * removed, one it removed is brought back. Every write is an ordinary one
 * of the new change, with a new revision and updated_at, so an undo can be
 * undone in turn, and copies of the diary merged later agree on what is
 * newest.
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
#include "ache/util.h"

/* The ids a query of one change parameter returns. */
static enum ache_status ids_of(struct store *st, enum store_stmt query,
                               int64_t change, char (**ids)[CHECKIN_ID_LEN + 1],
                               size_t *n, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, query, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, change);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *ids = xreallocarray(*ids, *n + 1, sizeof **ids);
        snprintf((*ids)[(*n)++], CHECKIN_ID_LEN + 1, "%s",
                 (const char *)sqlite3_column_text(s, 0));
    }
    if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading a change");
    store_stmt_done(s);
    return status;
}

/* Puts the check-in id, last written by change `undone`, back to the
 * version before it, as part of change `change`. */
static enum ache_status revert_one(struct store *st, const char *id,
                                   int64_t undone, int64_t change,
                                   struct store_undo_result *res,
                                   struct ache_err *err)
{
    struct store_current cur;
    struct checkin kept;
    bool found = false, had = false;
    unsigned parts = 0;
    enum ache_status status = store_read_current(st, id, &found, &cur, err);
    checkin_init(&kept, 0);
    if (!status && found)
        status = store_read_version(st, id, undone, &had, &parts, &kept, err);
    if (!status && found && had) {
        /* A change may end where it began (a sitting that put a value
         * back): then there is nothing to put back, and nothing is
         * written. */
        struct checkin next;
        checkin_copy(&next, &cur.c);
        checkin_take_parts(&next, &kept, parts);
        if (checkin_diff(&cur.c, &next)) {
            status = store_write_over(st, &cur, &next, 0, change, err);
            res->reverted++;
        }
        checkin_free(&next);
    } else if (!status && found) {
        status = store_write_removal(st, &cur, change, err);
        res->removed++;
    }
    checkin_free(&kept);
    checkin_free(&cur.c);
    return status;
}

static enum ache_status bring_back_one(struct store *st, const char *id,
                                       int64_t change,
                                       struct store_undo_result *res,
                                       struct ache_err *err)
{
    bool found = false;
    struct store_tombstone t;
    enum ache_status status = store_read_tombstone(st, id, &found, &t, err);
    if (status || !found)
        return status;
    struct checkin back;
    status = store_bring_back(st, id, &t, change, &back, err);
    checkin_free(&back);
    res->restored++;
    return status;
}

/* The check-ins change `undone` wrote, each back to before it. */
static enum ache_status revert_all(struct store *st, int64_t undone,
                                   int64_t change,
                                   struct store_undo_result *res,
                                   struct ache_err *err)
{
    char (*written)[CHECKIN_ID_LEN + 1] = NULL, (*removed)[CHECKIN_ID_LEN + 1] = NULL;
    size_t nw = 0, nr = 0;
    enum ache_status status =
        ids_of(st, SS_CHANGED_BY, undone, &written, &nw, err);
    if (!status)
        status = ids_of(st, SS_REMOVED_BY, undone, &removed, &nr, err);
    /* one_id names the check-in when the undo touched one: counted
     * before and after each, as one left as it was is not touched */
    size_t touched = 0;
    const char *one = NULL;
    for (size_t i = 0; !status && i < nw + nr; i++) {
        size_t before = res->reverted + res->removed + res->restored;
        status = i < nw ? revert_one(st, written[i], undone, change, res, err)
                        : bring_back_one(st, removed[i - nw], change, res,
                                         err);
        if (res->reverted + res->removed + res->restored > before) {
            touched++;
            one = i < nw ? written[i] : removed[i - nw];
        }
    }
    if (touched == 1)
        snprintf(res->one_id, sizeof res->one_id, "%s", one);
    free(written);
    free(removed);
    return status;
}

/* The latest change, into res->undone. */
static enum ache_status latest(struct store *st, struct store_undo_result *res,
                               struct ache_err *err)
{
    size_t count = 0;
    enum ache_status status =
        store_changes_recent(st, 1, &res->undone, &count, err);
    if (!status && count == 0)
        status = ache_fail(err, ACHE_ERR_NOT_FOUND,
                           "nothing to undo: the diary has no changes yet");
    /* what a sync brought is another device's: undone here, the undo
     * would travel back and take it from that device too */
    if (!status && res->undone.source == STORE_BY_SYNC)
        status = ache_fail(err, ACHE_ERR_REFUSED,
                           "the latest change is a sync (change %lld), "
                           "which brought other devices' versions: it is not "
                           "undone; change or remove what it brought instead "
                           "(`ache history` lists each check-in's versions)",
                           (long long)res->undone.n);
    return status;
}

enum ache_status store_undo(struct store *st, struct store_undo_result *res,
                            struct ache_err *err)
{
    memset(res, 0, sizeof *res);
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    status = latest(st, res, err);
    if (!status)
        status = store_insert_change(st, STORE_BY_UNDO, res->undone.detail,
                                     res->undone.n, &res->n, err);
    if (!status)
        status = store_records_undo(st, res->undone.n, res->n, true,
                                    res->records, err);
    if (!status)
        status = revert_all(st, res->undone.n, res->n, res, err);
    if (!status)
        status = store_records_undo(st, res->undone.n, res->n, false,
                                    res->records, err);
    status = store_write_end(st, status, err);
    if (res->records[STORE_RECORD_TAG])
        store_forget_tag_ids(st); /* names may point elsewhere now */
    if (!status && res->records[STORE_RECORD_FIELD])
        status = store_fields_load(st, err);
    return status;
}
