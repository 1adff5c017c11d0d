/* sync_run: one sync, from the folder's listing to the diary's commit.
 *
 * In order: the device this diary syncs as (a new one when the diary file
 * is a copy, or when its folder holds files it did not write); its own
 * versions since the last sync into a new file; every file of the other
 * devices not applied yet, each checked whole before it is applied; then
 * the diary's commit. A file still being copied, damaged, or refused is
 * left where it is, named in the report, and read again next time. The
 * diary changes only at the commit: killed before it, the diary is as it
 * was, and the file written (if any) holds versions the next sync sends
 * again with the same stamps.
 */
#include "sync_run_impl.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/store.h"
#include "ache/sync.h"
#include "ache/util.h"

/* 32 hex digits of a hash (not keyed) of text. */
static void hash_hex(const void *text, size_t len, char out[SYNC_FOLDER_ID_HEX + 1])
{
    unsigned char h[SYNC_FOLDER_ID_HEX / 2];
    crypto_generichash(h, sizeof h, text, len, NULL, 0);
    sodium_bin2hex(out, SYNC_FOLDER_ID_HEX + 1, h, sizeof h);
}

/* The folder's identity: its header, written once by the first device. */
static enum ache_status folder_identity(struct sync_folder *f,
                                        char out[SYNC_FOLDER_ID_HEX + 1],
                                        struct ache_err *err)
{
    char *path = xasprintf("%s/%s", sync_folder_path(f), SYNC_HEADER_NAME);
    char *text = NULL;
    size_t len = 0;
    enum ache_status status = file_read_all(path, &text, &len, err);
    if (!status)
        hash_hex(text, len, out);
    free(text);
    free(path);
    return status;
}

static void note(struct strbuf *notes, const char *line)
{
    strbuf_append(notes, line);
    strbuf_putc(notes, '\n');
}

/* Reads one file of the folder into text; false (with a note) when it is
 * left for a later sync. */
static enum ache_status read_one(struct sync_job *job, const char *device,
                                 const char *name, struct strbuf *text,
                                 bool *readable, struct ache_err *err)
{
    enum sync_read_state state = SYNC_READ_OK;
    enum ache_status status =
        sync_folder_read(job->folder, device, name, text, &state, err);
    *readable = status == ACHE_OK;
    if (status == ACHE_ERR_INVALID && state != SYNC_READ_OK) {
        note(&job->report->notes, err->msg);
        job->report->skipped++;
        job->report->damaged += state == SYNC_READ_DAMAGED;
        status = ACHE_OK;
    }
    return status;
}

static const struct sync_device_files *own_files(const struct sync_job *job,
                                                const struct sync_listing *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->devices[i].device, job->sy.device) == 0)
            return &l->devices[i];
    return NULL;
}

/* A file in this device's folder that the diary does not know it wrote
 * means another diary wrote as this device: a copy of the file, a backup
 * put back over it, or this diary in a sync killed before its commit.
 * The diary then takes a new device id, and the folder's files are
 * another device's, applied as such (what the diary has already changes
 * nothing, stamps and all); so no two diaries ever write as one device,
 * nor give one stamp to two versions. */
static enum ache_status claim_own_folder(struct sync_job *job,
                                         const struct sync_listing *l,
                                         struct ache_err *err)
{
    const struct sync_device_files *own = own_files(job, l);
    enum ache_status status = ACHE_OK;
    bool unknown = false;
    for (size_t i = 0; own && !status && !unknown && i < own->n; i++) {
        bool known = false;
        struct store_sync_file f = {job->sy.device, own->files[i].name, true};
        status = store_sync_file_known(job->st, &f, &known, err);
        unknown = !known;
    }
    if (!status && unknown)
        status = store_sync_new_device(job->st, &job->sy, err);
    return status;
}

/* What applying one file came to. */
enum outcome {
    APPLIED,
    LEFT,   /* read, found unsound or still being copied: noted */
    KNOWN   /* applied before */
};

/* Applies one file of another device; a file found unsound is left. */
static enum ache_status apply_one(struct sync_job *job, const char *device,
                                  const struct sync_file *file,
                                  enum outcome *out, struct ache_err *err)
{
    struct strbuf text = {0};
    bool readable = false;
    struct sync_incoming in = {.device = device, .name = file->name};
    *out = LEFT;
    enum ache_status status =
        read_one(job, device, file->name, &text, &readable, err);
    if (!status && readable)
        status = sync_apply_file(job, &in, &text, err);
    strbuf_free(&text);
    /* refused whole before anything was applied: not a sync file of this
     * ache */
    if (status == ACHE_ERR_INVALID && !in.checked) {
        note(&job->report->notes, err->msg);
        job->report->skipped++;
        job->report->damaged++;
        return ACHE_OK;
    }
    struct store_sync_file f = {device, file->name, false};
    *out = !status && readable ? APPLIED : LEFT;
    return *out == APPLIED ? store_sync_file_note(job->st, &f, err) : status;
}

static enum ache_status apply_if_new(struct sync_job *job, const char *device,
                                     const struct sync_file *file,
                                     enum outcome *out, struct ache_err *err)
{
    bool known = false;
    struct store_sync_file f = {device, file->name, false};
    enum ache_status status = store_sync_file_known(job->st, &f, &known, err);
    *out = KNOWN;
    if (!status && !known)
        status = apply_one(job, device, file, out, err);
    job->report->files += *out == APPLIED;
    return status;
}

/* The latest snapshot of device d, when it is new: it may cover the
 * device's other files, and others' (an older snapshot is covered by the
 * latest). */
static enum ache_status apply_snapshot(struct sync_job *job,
                                       const struct sync_device_files *d,
                                       bool *any, struct ache_err *err)
{
    for (size_t i = d->n; i-- > 0;)
        if (d->files[i].snapshot) {
            enum outcome out;
            enum ache_status status =
                apply_if_new(job, d->device, &d->files[i], &out, err);
            *any |= out == APPLIED;
            return status;
        }
    return ACHE_OK;
}

/* The files of device d not applied yet, in order. */
static enum ache_status apply_files(struct sync_job *job,
                                    const struct sync_device_files *d,
                                    bool *any, struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    for (size_t i = 0; !status && i < d->n; i++) {
        enum outcome out;
        status = apply_if_new(job, d->device, &d->files[i], &out, err);
        *any |= out == APPLIED;
    }
    return status;
}

/* Snapshots first (one can cover the other files), then the rest. A file
 * may name a record another device's file brings: it carries that record
 * too, so the order of devices does not matter. */
static enum ache_status apply_all(struct sync_job *job,
                                  const struct sync_listing *l,
                                  struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    bool *any = xcalloc(l->n + 1, sizeof *any);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; !status && i < l->n; i++)
            if (strcmp(l->devices[i].device, job->sy.device) != 0)
                status = pass ? apply_files(job, &l->devices[i], &any[i], err)
                              : apply_snapshot(job, &l->devices[i], &any[i],
                                               err);
    for (size_t i = 0; i < l->n; i++)
        job->report->devices += any[i];
    free(any);
    return status;
}

/* After a snapshot is committed: this device's files it covers go (never
 * another device's); one that cannot be removed is left for next time. */
static void remove_covered(struct sync_job *job, const struct sync_listing *l)
{
    const struct sync_device_files *own = own_files(job, l);
    struct ache_err ignored;
    for (size_t i = 0; own && i < own->n; i++) {
        const char *name = own->files[i].name;
        if (strcmp(name, job->report->snapshot) != 0 &&
            sync_folder_remove(job->folder, job->sy.device, name,
                               &ignored) == ACHE_OK)
            job->report->removed_files++;
    }
    if (job->report->written[0] &&
        sync_folder_remove(job->folder, job->sy.device, job->report->written,
                           &ignored) == ACHE_OK)
        job->report->removed_files++;
}

static enum ache_status run_steps(struct sync_job *job,
                                  struct sync_listing *l,
                                  struct ache_err *err)
{
    enum ache_status status = sync_folder_list(job->folder, l, err);
    if (!status) {
        job->report->strays = l->strays;
        status = claim_own_folder(job, l, err);
    }
    if (!status)
        status = sync_send(job, err);
    if (!status)
        status = apply_all(job, l, err);
    if (!status && job->opts && job->opts->compact)
        status = sync_snapshot(job, err);
    return status;
}

enum ache_status sync_run(struct store *st, struct sync_folder *f,
                          const struct sync_options *o,
                          struct sync_report *report, struct ache_err *err)
{
    memset(report, 0, sizeof *report);
    struct sync_job job = {.st = st, .folder = f, .opts = o, .report = report};
    char folder[SYNC_FOLDER_ID_HEX + 1];
    enum ache_status status = folder_identity(f, folder, err);
    /* the files name fields by this diary's table */
    if (!status)
        status = store_fields_reload(st, err);
    if (status)
        return status;
    status = store_sync_begin(st, folder, &job.sy, err);
    if (status)
        return status;
    struct sync_listing l = {0};
    status = run_steps(&job, &l, err);
    if (!status)
        status = store_sync_commit(st, &job.sy, err);
    else
        store_sync_abandon(st);
    if (!status && report->snapshot[0])
        remove_covered(&job, &l);
    sync_listing_free(&l);
    memcpy(report->device, job.sy.device, sizeof report->device);
    report->new_device = job.sy.new_device;
    return status;
}

void sync_report_free(struct sync_report *r)
{
    strbuf_free(&r->notes);
}
