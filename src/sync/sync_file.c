/* sync_file: one file of a device's folder: written in parts under a
 * temporary name and renamed once whole, read back and opened whole or
 * not at all, removed. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "sync_impl.h"

/* Times a name is drawn again when the drawn one is taken. */
#define NAME_TRIES 8
/* The most room made for a file's contents before reading it. */
#define READ_ROOM_MAX (16 << 20)

struct sync_writer {
    struct sync_folder *f;
    struct sync_write_spec spec;
    char device[SYNC_DEVICE_HEX + 1];
    char *dev_dir; /* DIR/<device> */
    char *tmp;     /* DIR/<device>/.tmp-XXXXXX */
    int fd;
    struct sync_sealer sealer;
    unsigned char *plain; /* SYNC_PART_MAX bytes waiting to be sealed */
    size_t used;
    unsigned char *disk;  /* one sealed part */
};

static void writer_free(struct sync_writer *w)
{
    if (w->fd >= 0)
        close(w->fd);
    sync_sealer_wipe(&w->sealer);
    sodium_memzero(w->plain, SYNC_PART_MAX);
    free(w->plain);
    free(w->disk);
    free(w->dev_dir);
    free(w->tmp);
    free(w);
}

static enum ache_status writer_out(struct sync_writer *w, const void *data,
                                   size_t len, struct ache_err *err)
{
    int e = fd_write_all(w->fd, data, len);
    return e ? sync_io_fail(w->tmp, e, err) : ACHE_OK;
}

static enum ache_status spec_check(const struct sync_write_spec *spec,
                                   struct ache_err *err)
{
    if (!sync_device_valid(spec->device))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "sync: a device id is 32 lowercase hex digits");
    if (spec->seq > 999999999999ull)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "sync: file number %" PRIu64 " has more than 12 digits",
                         spec->seq);
    return ACHE_OK;
}

enum ache_status sync_writer_begin(struct sync_folder *f,
                                   const struct sync_write_spec *spec,
                                   struct sync_writer **out,
                                   struct ache_err *err)
{
    *out = NULL;
    enum ache_status st = spec_check(spec, err);
    if (st != ACHE_OK)
        return st;
    struct sync_writer *w = xcalloc(1, sizeof *w);
    w->f = f;
    w->spec = *spec;
    memcpy(w->device, spec->device, sizeof w->device);
    w->spec.device = w->device;
    w->dev_dir = xasprintf("%s/%s", f->dir, spec->device);
    w->tmp = xasprintf("%s/.tmp-XXXXXX", w->dev_dir);
    w->plain = xmalloc(SYNC_PART_MAX);
    w->disk = xmalloc(SYNC_PART_DISK_MAX);
    w->fd = -1;
    if ((st = sync_ensure_dir(w->dev_dir, err)) == ACHE_OK &&
        (w->fd = mkstemp(w->tmp)) < 0)
        st = sync_io_fail(w->dev_dir, errno, err);
    if (st == ACHE_OK) {
        unsigned char opening[SYNC_OPENING_MAX];
        size_t n = sync_seal_begin(&w->sealer, f, opening);
        st = writer_out(w, opening, n, err);
    }
    if (st != ACHE_OK) {
        sync_writer_abandon(w);
        return st;
    }
    *out = w;
    return ACHE_OK;
}

static enum ache_status writer_flush(struct sync_writer *w, bool final,
                                     struct ache_err *err)
{
    size_t n = sync_seal_part(&w->sealer, w->plain, w->used, final, w->disk);
    w->used = 0;
    return writer_out(w, w->disk, n, err);
}

enum ache_status sync_writer_put(struct sync_writer *w, const void *data,
                                 size_t len, struct ache_err *err)
{
    const unsigned char *p = data;
    while (len) {
        /* A full part is sealed only when more follows: the last part is
         * the one marked final, even when it is full. */
        if (w->used == SYNC_PART_MAX) {
            enum ache_status st = writer_flush(w, false, err);
            if (st != ACHE_OK)
                return st;
        }
        size_t take = SYNC_PART_MAX - w->used;
        take = take < len ? take : len;
        memcpy(w->plain + w->used, p, take);
        w->used += take;
        p += take;
        len -= take;
    }
    return ACHE_OK;
}

/* Renames the whole file to a free name of its own. */
static enum ache_status writer_place(struct sync_writer *w,
                                     char name[SYNC_NAME_MAX],
                                     struct ache_err *err)
{
    for (int i = 0; i < NAME_TRIES; i++) {
        snprintf(name, SYNC_NAME_MAX, "%012" PRIu64 "-%08" PRIx32 ".%s",
                 w->spec.seq, randombytes_random(),
                 w->spec.snapshot ? "snap" : "ache");
        char *dest = xasprintf("%s/%s", w->dev_dir, name);
        int e = sync_place_file(w->tmp, dest);
        /* A file whose name may not last is taken back: failing means no
         * file, so the caller may write it again. */
        if (!e && (e = path_sync_folder(dest)) != 0)
            unlink(dest);
        free(dest);
        if (e != EEXIST)
            return e ? sync_io_fail(w->dev_dir, e, err) : ACHE_OK;
    }
    return sync_io_fail(w->dev_dir, EEXIST, err);
}

enum ache_status sync_writer_finish(struct sync_writer *w,
                                    char name[SYNC_NAME_MAX],
                                    struct ache_err *err)
{
    name[0] = '\0';
    enum ache_status st = writer_flush(w, true, err);
    if (st == ACHE_OK && fsync(w->fd) != 0)
        st = sync_io_fail(w->tmp, errno, err);
    if (st == ACHE_OK && close(w->fd) != 0)
        st = sync_io_fail(w->tmp, errno, err);
    w->fd = -1;
    if (st == ACHE_OK)
        st = writer_place(w, name, err);
    if (st != ACHE_OK) {
        name[0] = '\0';
        unlink(w->tmp);
    }
    writer_free(w);
    return st;
}

void sync_writer_abandon(struct sync_writer *w)
{
    if (!w)
        return;
    if (w->fd >= 0)
        unlink(w->tmp);
    writer_free(w);
}

/* ---- reading ------------------------------------------------------------- */

/* What a reader says of a file it leaves. */
static enum ache_status read_refused(const char *path, enum sync_opened how,
                                     enum sync_read_state *state,
                                     struct ache_err *err)
{
    const char *what =
        how == SYNC_CUT
            ? "ends before its last part (still being copied?): left for "
              "the next sync"
        : how == SYNC_OTHER_KEY
            ? "sealed with another folder's key: left as it is"
        : how == SYNC_UNSEALED_FILE
            ? "is not sealed, in a sealed folder: left as it is"
        : how == SYNC_SEALED_FILE
            ? "is sealed, in a folder that is not: left as it is"
            : "fails its check (damaged, changed, or sealed with another "
              "passphrase): left as it is";
    *state = how == SYNC_CUT ? SYNC_READ_INCOMPLETE : SYNC_READ_DAMAGED;
    return ache_fail(err, ACHE_ERR_INVALID, "%s: %s", path, what);
}

static enum ache_status name_check(const char *device, const char *name,
                                   struct ache_err *err)
{
    uint64_t seq;
    bool snapshot;
    if (!sync_device_valid(device))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "sync: a device id is 32 lowercase hex digits");
    if (!sync_name_parse(name, &seq, &snapshot))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "sync: \"%.64s\" is not the name of a sync file", name);
    return ACHE_OK;
}

enum ache_status sync_folder_read(struct sync_folder *f, const char *device,
                                  const char *name, struct strbuf *out,
                                  enum sync_read_state *state,
                                  struct ache_err *err)
{
    *state = SYNC_READ_INCOMPLETE; /* what a file that cannot be read is */
    enum ache_status st = name_check(device, name, err);
    if (st != ACHE_OK)
        return st;
    char *path = xasprintf("%s/%s/%s", f->dir, device, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), e = 0;
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        st = sync_io_fail(path, errno, err);
        if (fd >= 0)
            close(fd);
        free(path);
        return st;
    }
    struct strbuf plain = {0};
    /* Room for the whole file at once, so that no copy of what it holds
     * is left in memory given back by a realloc; not more than a sync
     * file holds, whatever size a file (sparse, or planted) claims. */
    strbuf_grow(&plain, sb.st_size < READ_ROOM_MAX ? (size_t)sb.st_size
                                                   : READ_ROOM_MAX);
    enum sync_opened how = sync_open_fd(f, fd, &plain, &e);
    close(fd);
    if (how == SYNC_OPENED && !out->len) {
        /* the whole of it, handed over: no second copy of a snapshot */
        *state = SYNC_READ_OK;
        strbuf_free(out);
        *out = plain;
        plain = (struct strbuf){0};
    } else if (how == SYNC_OPENED) {
        *state = SYNC_READ_OK;
        strbuf_appendn(out, plain.data, plain.len);
    } else {
        st = how == SYNC_UNREADABLE ? sync_io_fail(path, e, err)
                                    : read_refused(path, how, state, err);
    }
    sodium_memzero(plain.data, plain.cap);
    strbuf_free(&plain);
    free(path);
    return st;
}

enum ache_status sync_folder_remove(struct sync_folder *f, const char *device,
                                    const char *name, struct ache_err *err)
{
    enum ache_status st = name_check(device, name, err);
    if (st != ACHE_OK)
        return st;
    char *path = xasprintf("%s/%s/%s", f->dir, device, name);
    int e = unlink(path) == 0 ? path_sync_folder(path) : errno;
    if (e == ENOENT)
        st = ache_fail(err, ACHE_ERR_NOT_FOUND, "%s: no such file", path);
    else if (e)
        st = sync_io_fail(path, e, err);
    free(path);
    return st;
}
