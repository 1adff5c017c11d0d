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

/* 32 hex digits of a keyed-less hash of text. */
static void hash_hex(const void *text, size_t len, char out[SYNC_HOME_HEX + 1])
{
    unsigned char h[SYNC_HOME_HEX / 2];
    crypto_generichash(h, sizeof h, text, len, NULL, 0);
    sodium_bin2hex(out, SYNC_HOME_HEX + 1, h, sizeof h);
}

/* The folder's identity: its header, written once by the first device. */
static enum ache_status folder_identity(struct sync_folder *f,
                                        char out[SYNC_HOME_HEX + 1],
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

static void note(struct sync_report *r, const char *line)
{
    strbuf_append(&r->notes, line);
    strbuf_putc(&r->notes, '\n');
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
        note(job->report, err->msg);
        job->report->skipped++;
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

/* A file in this device's folder that the diary does not know it wrote:
 * its own, written by a sync killed before its commit (the same diary
 * file wrote it: it is noted as written, and what it held is sent again),
 * or another copy's, writing as this device: the diary then takes a new
 * device id, and the file is applied as another device's. */
static enum ache_status claim_one(struct sync_job *job,
                                  const struct sync_file *file, bool *copy,
                                  struct ache_err *err)
{
    struct strbuf text = {0};
    bool readable = false;
    struct sync_incoming in = {.device = job->sy.device, .name = file->name};
    enum ache_status status =
        read_one(job, job->sy.device, file->name, &text, &readable, err);
    if (!status && readable && sync_read_opening(&text, &in, err) == ACHE_OK) {
        *copy = strcmp(in.writer_home, job->home) != 0;
        if (!*copy && file->seq > job->sy.seq)
            job->sy.seq = file->seq;
        struct store_sync_file f = {job->sy.device, file->name, true};
        if (!*copy)
            status = store_sync_file_note(job->st, &f, err);
    }
    strbuf_free(&text);
    return status;
}

static enum ache_status claim_own_folder(struct sync_job *job,
                                         const struct sync_listing *l,
                                         struct ache_err *err)
{
    const struct sync_device_files *own = own_files(job, l);
    enum ache_status status = ACHE_OK;
    bool copy = false;
    for (size_t i = 0; own && !status && !copy && i < own->n; i++) {
        bool known = false;
        struct store_sync_file f = {job->sy.device, own->files[i].name, true};
        status = store_sync_file_known(job->st, &f, &known, err);
        if (!status && !known)
            status = claim_one(job, &own->files[i], &copy, err);
    }
    if (!status && copy)
        status = store_sync_new_device(job->st, &job->sy, err);
    return status;
}

/* Applies one file of another device; a file found unsound is left. */
static enum ache_status apply_one(struct sync_job *job, const char *device,
                                  const struct sync_file *file, bool *applied,
                                  struct ache_err *err)
{
    struct strbuf text = {0};
    bool readable = false;
    struct sync_incoming in = {.device = device, .name = file->name};
    *applied = false;
    enum ache_status status =
        read_one(job, device, file->name, &text, &readable, err);
    if (!status && readable)
        status = sync_apply_file(job, &in, &text, err);
    strbuf_free(&text);
    if (status == ACHE_ERR_INVALID && !in.checked) {
        note(job->report, err->msg);
        job->report->skipped++;
        return ACHE_OK;
    }
    struct store_sync_file f = {device, file->name, false};
    *applied = !status && readable;
    return *applied ? store_sync_file_note(job->st, &f, err) : status;
}

static enum ache_status apply_device(struct sync_job *job,
                                     const struct sync_device_files *d,
                                     struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    bool any = false;
    for (size_t i = 0; !status && i < d->n; i++) {
        bool known = false, applied = false;
        struct store_sync_file f = {d->device, d->files[i].name, false};
        status = store_sync_file_known(job->st, &f, &known, err);
        if (!status && !known)
            status = apply_one(job, d->device, &d->files[i], &applied, err);
        any |= applied;
        job->report->files += applied;
    }
    job->report->devices += any;
    return status;
}

static enum ache_status apply_all(struct sync_job *job,
                                  const struct sync_listing *l,
                                  struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    for (size_t i = 0; !status && i < l->n; i++)
        if (strcmp(l->devices[i].device, job->sy.device) != 0)
            status = apply_device(job, &l->devices[i], err);
    return status;
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
    return status;
}

enum ache_status sync_run(struct store *st, struct sync_folder *f,
                          const struct sync_options *o,
                          struct sync_report *report, struct ache_err *err)
{
    memset(report, 0, sizeof *report);
    struct sync_job job = {.st = st, .folder = f, .opts = o, .report = report};
    char folder[SYNC_HOME_HEX + 1], home[STORE_HOME_MAX];
    enum ache_status status = folder_identity(f, folder, err);
    if (status)
        return status;
    store_sync_home(st, home);
    hash_hex(home, strlen(home), job.home);
    status = store_sync_begin(st, folder, &job.sy, err);
    if (status)
        return status;
    struct sync_listing l = {0};
    status = run_steps(&job, &l, err);
    sync_listing_free(&l);
    if (!status)
        status = store_sync_commit(st, &job.sy, err);
    else
        store_sync_abandon(st);
    memcpy(report->device, job.sy.device, sizeof report->device);
    report->new_device = job.sy.new_device;
    return status;
}

void sync_report_free(struct sync_report *r)
{
    strbuf_free(&r->notes);
}
