/* store_backup: a consistent copy of the diary through SQLite's online
 * backup API, written beside the destination under a temporary name, made
 * durable, then renamed over it: an existing backup is only ever replaced
 * by a complete one. */
#include "store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ache/store.h"
#include "ache/util.h"

static enum ache_status copy_pages(struct store *st, sqlite3 *to,
                                   const char *dest, struct ache_err *err)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", st->db, "main");
    if (!b)
        return ache_fail(err, ACHE_ERR_DB, "%s: cannot back up: %s", dest,
                         sqlite3_errmsg(to));
    int rc;
    /* All pages in one step: the read transaction this takes does not
     * block writers of a WAL diary, so there is no reason to go slower. */
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_OK ||
           rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(20);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE || sqlite3_errcode(to) != SQLITE_OK)
        return ache_fail(err, rc == SQLITE_DONE ? ACHE_ERR_DB : ACHE_ERR_IO,
                         "%s: cannot back up: %s", dest, sqlite3_errmsg(to));
    return ACHE_OK;
}

static enum ache_status copy_into(struct store *st, const char *tmp,
                                  const char *dest, struct ache_err *err)
{
    sqlite3 *to = NULL;
    int rc = sqlite3_open_v2(tmp, &to,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                             NULL);
    enum ache_status status =
        rc == SQLITE_OK ? copy_pages(st, to, dest, err)
                        : ache_fail(err, ACHE_ERR_IO, "%s: cannot back up: %s",
                                    dest, to ? sqlite3_errmsg(to)
                                             : sqlite3_errstr(rc));
    if (sqlite3_close(to) != SQLITE_OK && !status)
        status = ache_fail(err, ACHE_ERR_IO, "%s: cannot back up: %s", dest,
                           sqlite3_errmsg(to));
    return status;
}

static enum ache_status sync_path(const char *path, int flags,
                                  const char *dest, struct ache_err *err)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        return ache_fail(err, ACHE_ERR_IO, "%s: cannot back up: %s", dest,
                         strerror(saved));
    }
    close(fd);
    return ACHE_OK;
}

/* Makes the rename itself durable. */
static enum ache_status sync_folder(const char *dest, struct ache_err *err)
{
    int e = path_sync_folder(dest);
    return e ? ache_fail(err, ACHE_ERR_IO, "%s: cannot back up: %s", dest,
                         strerror(e))
             : ACHE_OK;
}

/* Removes the journal files SQLite may have left beside path: a stale WAL
 * or hot journal of the file being replaced would otherwise be applied to
 * the new copy when it is next opened. */
static void remove_side_files(const char *path)
{
    static const char *const suffix[] = {"-journal", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        char *side = xasprintf("%s%s", path, suffix[i]);
        unlink(side);
        free(side);
    }
}

/* Copying the diary over itself would replace the file under its own
 * connection. */
static enum ache_status check_not_self(struct store *st, const char *dest,
                                       struct ache_err *err)
{
    struct stat a, b;
    if (stat(dest, &a) == 0 && stat(st->file, &b) == 0 &&
        a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: is the diary itself; back up to another file",
                         dest);
    return ACHE_OK;
}

static enum ache_status make_temp(const char *dest, char **tmp,
                                  struct ache_err *err)
{
    *tmp = xasprintf("%s.tmp-XXXXXX", dest);
    int fd = mkstemp(*tmp); /* mode 0600 */
    if (fd >= 0) {
        close(fd);
        return ACHE_OK;
    }
    enum ache_status status = ache_fail(
        err, ACHE_ERR_IO, "%s: cannot create the backup: %s", dest,
        strerror(errno));
    free(*tmp);
    *tmp = NULL;
    return status;
}

enum ache_status store_backup(struct store *st, const char *dest,
                              struct ache_err *err)
{
    if (st->in_batch)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: cannot back up while a transaction is open",
                         st->path);
    char *tmp = NULL;
    enum ache_status status = check_not_self(st, dest, err);
    if (!status)
        status = make_temp(dest, &tmp, err);
    if (status)
        return status;
    status = copy_into(st, tmp, dest, err);
    if (!status)
        status = sync_path(tmp, O_RDONLY, dest, err);
    if (!status) {
        remove_side_files(dest);
        if (rename(tmp, dest) != 0)
            status = ache_fail(err, ACHE_ERR_IO, "%s: cannot back up: %s",
                               dest, strerror(errno));
    }
    if (status) {
        remove_side_files(tmp);
        unlink(tmp);
    } else {
        status = sync_folder(dest, err);
    }
    free(tmp);
    return status;
}
