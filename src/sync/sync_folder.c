/* sync_folder: the sync folder on disk: its header, the listing of every
 * device's files, writing one file and reading one back. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "sync_impl.h"

#define SEQ_DIGITS 12
#define SEQ_MAX 999999999999ull
#define NAME_RANDOM_HEX 8
#define NAME_LEN (SEQ_DIGITS + 1 + NAME_RANDOM_HEX + 5)

enum ache_status sync_io_fail(const char *path, int e, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(e));
}

static bool is_lower_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool all_of(const char *s, size_t n, bool (*ok)(char))
{
    for (size_t i = 0; i < n; i++)
        if (!ok(s[i]))
            return false;
    return true;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool sync_device_valid(const char *device)
{
    return device && strlen(device) == SYNC_DEVICE_HEX &&
           all_of(device, SYNC_DEVICE_HEX, is_lower_hex);
}

bool sync_name_parse(const char *name, uint64_t *seq, bool *snapshot)
{
    if (strlen(name) != NAME_LEN || !all_of(name, SEQ_DIGITS, is_digit) ||
        name[SEQ_DIGITS] != '-' ||
        !all_of(name + SEQ_DIGITS + 1, NAME_RANDOM_HEX, is_lower_hex))
        return false;
    const char *ext = name + SEQ_DIGITS + 1 + NAME_RANDOM_HEX;
    if (strcmp(ext, ".ache") != 0 && strcmp(ext, ".snap") != 0)
        return false;
    *snapshot = ext[1] == 's';
    *seq = strtoull(name, NULL, 10);
    return true;
}

/* Puts the finished file tmp at dest unless dest exists (EEXIST then):
 * link() then unlink(), or, on a file system without links (FAT on a USB
 * stick), a rename that refuses to replace. Returns 0 or an errno. */
int sync_place_file(const char *tmp, const char *dest)
{
    if (link(tmp, dest) == 0) {
        unlink(tmp);
        return 0;
    }
    int e = errno;
    if (e != EPERM && e != EOPNOTSUPP && e != ENOSYS)
        return e;
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_NOREPLACE) == 0)
        return 0;
    return errno;
}

/* Makes dir (0700) unless it is there; an existing folder keeps its mode
 * (it may be the carrier's, shared on purpose). */
enum ache_status sync_ensure_dir(const char *dir, struct ache_err *err)
{
    struct stat sb;
    if (mkdir(dir, 0700) == 0)
        return chmod(dir, 0700) == 0 ? ACHE_OK : sync_io_fail(dir, errno, err);
    if (errno != EEXIST)
        return sync_io_fail(dir, errno, err);
    if (stat(dir, &sb) != 0)
        return sync_io_fail(dir, errno, err);
    if (!S_ISDIR(sb.st_mode))
        return ache_fail(err, ACHE_ERR_IO, "%s: not a folder", dir);
    return ACHE_OK;
}

/* ---- the header ---------------------------------------------------------- */

/* ACHE_OK with h filled, ACHE_ERR_NOT_FOUND when there is no header. */
static enum ache_status header_read(const char *dir, struct sync_header *h,
                                    struct ache_err *err)
{
    char *path = xasprintf("%s/%s", dir, SYNC_HEADER_NAME);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    enum ache_status st = ACHE_OK;
    if (fd < 0) {
        st = errno == ENOENT ? ACHE_ERR_NOT_FOUND : sync_io_fail(path, errno, err);
        free(path);
        return st;
    }
    char text[SYNC_HEADER_MAX + 1];
    size_t got = 0;
    while (got < sizeof text) {
        ssize_t r = read(fd, text + got, sizeof text - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            st = sync_io_fail(path, errno, err);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (st == ACHE_OK)
        st = sync_header_parse(path, text, got, h, err);
    free(path);
    return st;
}

/* Writes h under a temporary name and links it into place: EEXIST (as
 * ACHE_ERR_CONFLICT) when another device was first. */
static enum ache_status header_write(const char *dir,
                                     const struct sync_header *h,
                                     struct ache_err *err)
{
    char *tmp = xasprintf("%s/.ache-sync-XXXXXX", dir);
    char *path = xasprintf("%s/%s", dir, SYNC_HEADER_NAME);
    char *text = sync_header_format(h);
    enum ache_status st = ACHE_OK;
    int fd = mkstemp(tmp), e = 0;
    if (fd < 0) {
        st = sync_io_fail(dir, errno, err);
        goto out;
    }
    e = fd_write_all(fd, text, strlen(text));
    if (!e && fsync(fd) != 0)
        e = errno;
    close(fd);
    if (!e && (e = sync_place_file(tmp, path)) == 0)
        e = path_sync_folder(path);
    else
        unlink(tmp);
    if (e == EEXIST)
        st = ACHE_ERR_CONFLICT;
    else if (e)
        st = sync_io_fail(path, e, err);
out:
    free(text);
    free(path);
    free(tmp);
    return st;
}

/* ---- opening ------------------------------------------------------------- */

static enum ache_status check_secret(const struct sync_folder *f,
                                     const struct sync_header *h,
                                     const struct sync_secret *secret,
                                     struct ache_err *err)
{
    if (h->sealed && secret->plain)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: this sync folder is sealed: leave out "
                         "--no-encrypt",
                         f->dir);
    if (!h->sealed && !secret->plain)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: this sync folder is not sealed: give "
                         "--no-encrypt to use it",
                         f->dir);
    return ACHE_OK;
}

/* Opens the folder under the header it has. */
static enum ache_status open_existing(struct sync_folder *f,
                                      const struct sync_header *h,
                                      const struct sync_secret *secret,
                                      struct ache_err *err)
{
    enum ache_status st = check_secret(f, h, secret, err);
    f->sealed = h->sealed;
    if (st != ACHE_OK || !h->sealed)
        return st;
    unsigned char check[SYNC_CHECK_BYTES];
    if ((st = sync_key_derive(f, h, secret, check, err)) != ACHE_OK)
        return st;
    if (sodium_memcmp(check, h->check, sizeof check) != 0)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: the passphrase does not open this sync folder",
                         f->dir);
    return ACHE_OK;
}

/* Gives the folder a header; *h is the one it has in the end (another
 * device's, when one was written first). */
static enum ache_status open_new(struct sync_folder *f, struct sync_header *h,
                                 const struct sync_secret *secret,
                                 bool *created, struct ache_err *err)
{
    sync_header_new(h, !secret->plain);
    f->sealed = h->sealed;
    enum ache_status st = ACHE_OK;
    if (h->sealed)
        st = sync_key_derive(f, h, secret, h->check, err);
    if (st == ACHE_OK)
        st = header_write(f->dir, h, err);
    if (st == ACHE_OK) {
        *created = true;
        return ACHE_OK;
    }
    if (st != ACHE_ERR_CONFLICT)
        return st;
    st = header_read(f->dir, h, err); /* the first device's */
    if (st == ACHE_ERR_NOT_FOUND) /* written, then removed at once */
        return ache_fail(err, ACHE_ERR_IO, "%s/%s: vanished while opened",
                         f->dir, SYNC_HEADER_NAME);
    return st == ACHE_OK ? open_existing(f, h, secret, err) : st;
}

static char *dir_trimmed(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return xstrndup(dir, n);
}

enum ache_status sync_folder_open(const char *dir,
                                  const struct sync_secret *secret,
                                  bool *created, struct sync_folder **out,
                                  struct ache_err *err)
{
    *created = false;
    *out = NULL;
    enum ache_status st = sync_sodium_start(err);
    if (st != ACHE_OK)
        return st;
    if (!secret->plain && (!secret->passphrase || !secret->len))
        return ache_fail(err, ACHE_ERR_INVALID, "%s: no passphrase given",
                         dir);
    struct sync_folder *f = xcalloc(1, sizeof *f);
    f->dir = dir_trimmed(dir);
    struct sync_header h;
    if ((st = sync_ensure_dir(f->dir, err)) == ACHE_OK)
        st = header_read(f->dir, &h, err);
    if (st == ACHE_OK)
        st = open_existing(f, &h, secret, err);
    else if (st == ACHE_ERR_NOT_FOUND)
        st = open_new(f, &h, secret, created, err);
    sodium_memzero(&h, sizeof h);
    if (st != ACHE_OK) {
        *created = false;
        sync_folder_close(f);
        return st;
    }
    *out = f;
    return ACHE_OK;
}

void sync_folder_close(struct sync_folder *f)
{
    if (!f)
        return;
    if (f->file_key)
        sodium_free(f->file_key);
    free(f->dir);
    free(f);
}

const char *sync_folder_path(const struct sync_folder *f)
{
    return f->dir;
}

bool sync_folder_sealed(const struct sync_folder *f)
{
    return f->sealed;
}

bool sync_folder_exists(const char *dir)
{
    char *path = xasprintf("%s/%s", dir, SYNC_HEADER_NAME);
    struct stat sb;
    bool there = stat(path, &sb) == 0;
    free(path);
    return there;
}

/* ---- the listing --------------------------------------------------------- */

/* Whether a name that is not ours looks like a carrier's copy of a file
 * (Syncthing's "x.sync-conflict-DATE-ID.ache", Dropbox's and Nextcloud's
 * "x (conflicted copy DATE)", ownCloud's "x_conflict-DATE", an editor's or
 * rsync's "x~"), or begins like one of our names and goes on otherwise.
 * `ours` is how our names begin there: 12 digits in a device's folder, a
 * device id or "ache-sync" at the top. A README is not counted. */
static bool looks_like_copy(const char *name, bool in_device)
{
    size_t n = strlen(name);
    if (strcasestr(name, "conflict") || (n && name[n - 1] == '~'))
        return true;
    if (in_device)
        return n > SEQ_DIGITS && all_of(name, SEQ_DIGITS, is_digit);
    return str_starts_with(name, SYNC_HEADER_NAME) ||
           (n > SYNC_DEVICE_HEX && all_of(name, SYNC_DEVICE_HEX, is_lower_hex));
}

/* Whether an entry of dirfd is a folder (want_dir) or a regular file,
 * not following links. */
static bool entry_is(int dirfd, const struct dirent *e, bool want_dir)
{
    unsigned char type = e->d_type;
    struct stat sb;
    if (type == DT_UNKNOWN) {
        if (fstatat(dirfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
            return false;
        type = S_ISDIR(sb.st_mode) ? DT_DIR : S_ISREG(sb.st_mode) ? DT_REG : 0;
    }
    return type == (want_dir ? DT_DIR : DT_REG);
}

static int file_order(const void *a, const void *b)
{
    const struct sync_file *x = a, *y = b;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int device_order(const void *a, const void *b)
{
    const struct sync_device_files *x = a, *y = b;
    return strcmp(x->device, y->device);
}

/* One device's files into d, counting strays. */
static enum ache_status list_device(const char *path,
                                    struct sync_device_files *d,
                                    size_t *strays, struct ache_err *err)
{
    DIR *dir = opendir(path);
    if (!dir)
        return sync_io_fail(path, errno, err);
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        struct sync_file file = {.seq = 0};
        if (e->d_name[0] == '.')
            continue;
        if (!sync_name_parse(e->d_name, &file.seq, &file.snapshot) ||
            !entry_is(dirfd(dir), e, false)) {
            *strays += looks_like_copy(e->d_name, true);
            continue;
        }
        memcpy(file.name, e->d_name, NAME_LEN + 1);
        if (d->n == cap)
            d->files = xreallocarray(d->files, cap = cap ? 2 * cap : 16,
                                     sizeof *d->files);
        d->files[d->n++] = file;
    }
    closedir(dir);
    if (d->n)
        qsort(d->files, d->n, sizeof *d->files, file_order);
    return ACHE_OK;
}

static enum ache_status list_top(struct sync_folder *f, DIR *dir,
                                 struct sync_listing *out, struct ache_err *err)
{
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        const char *name = e->d_name;
        if (name[0] == '.' || strcmp(name, SYNC_HEADER_NAME) == 0)
            continue;
        if (!sync_device_valid(name) || !entry_is(dirfd(dir), e, true)) {
            out->strays += looks_like_copy(name, false);
            continue;
        }
        if (out->n == cap)
            out->devices = xreallocarray(out->devices, cap = cap ? 2 * cap : 4,
                                         sizeof *out->devices);
        struct sync_device_files *d = &out->devices[out->n++];
        *d = (struct sync_device_files){.n = 0};
        memcpy(d->device, name, SYNC_DEVICE_HEX + 1);
        char *path = xasprintf("%s/%s", f->dir, name);
        enum ache_status st = list_device(path, d, &out->strays, err);
        free(path);
        if (st != ACHE_OK)
            return st;
    }
    return ACHE_OK;
}

enum ache_status sync_folder_list(struct sync_folder *f,
                                  struct sync_listing *out,
                                  struct ache_err *err)
{
    *out = (struct sync_listing){.n = 0};
    DIR *dir = opendir(f->dir);
    if (!dir)
        return sync_io_fail(f->dir, errno, err);
    enum ache_status st = list_top(f, dir, out, err);
    closedir(dir);
    if (st != ACHE_OK) {
        sync_listing_free(out);
        return st;
    }
    if (out->n)
        qsort(out->devices, out->n, sizeof *out->devices, device_order);
    return ACHE_OK;
}

void sync_listing_free(struct sync_listing *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->devices[i].files);
    free(l->devices);
    *l = (struct sync_listing){.n = 0};
}
