/* store_open: opening a diary. A writer creates it privately (folders
 * 0700, the file 0600), refuses what is not an ache diary without touching
 * it, sets up the write-ahead log and the connection's settings, and
 * upgrades an older schema. A reader opens it read-only and asks nothing
 * of it but to be read, so that reading commands work on a read-only
 * medium and cost little more than SQLite opening the file.
 *
 * The diary's folder is made canonical (its links resolved) before SQLite
 * sees the path: a link anywhere above the diary (~ on a second disk, an
 * XDG folder that is a link) is fine; only the diary file itself may not
 * be a link. Every connection keeps the -wal and -shm files when it
 * closes, so that commands do not create and remove them each time.
 */
#include "store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "ache/store.h"
#include "ache/util.h"

/* Long enough to outwait any other ache writing one check-in or a whole
 * import; short enough that a stuck process is reported, not waited on. */
#define STORE_BUSY_TIMEOUT_MS 10000

static const char sqlite_magic[16] = "SQLite format 3";

/* ---- creating the file ------------------------------------------------- */

/* mkdir -p of the folders above path. Folders made here get 0700 whatever
 * the umask; folders that exist are left as they are. */
static enum ache_status make_parents(const char *path, struct ache_err *err)
{
    char *dir = xstrdup(path);
    enum ache_status status = ACHE_OK;
    for (char *p = strchr(dir + 1, '/'); p && !status; p = strchr(p + 1, '/')) {
        if (p[-1] == '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) == 0) {
            if (chmod(dir, 0700) != 0)
                status = ache_fail(err, ACHE_ERR_IO, "%s: %s", dir,
                                   strerror(errno));
        } else if (errno != EEXIST) {
            status = ache_fail(err, ACHE_ERR_IO,
                               "%s: cannot create the folder: %s", dir,
                               strerror(errno));
        }
        *p = '/';
    }
    free(dir);
    return status;
}

/* Creates the file 0600 before SQLite sees it: SQLite would create it with
 * the umask's mode, and gives its -wal and -shm files the file's mode.
 * *created says whether this call made it. */
static enum ache_status create_file(const char *file, const char *shown,
                                    bool *created, struct ache_err *err)
{
    int fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0600);
    *created = fd >= 0;
    if (fd < 0)
        return errno == EEXIST ? ACHE_OK
                               : ache_fail(err, ACHE_ERR_IO,
                                           "%s: cannot create the diary: %s",
                                           shown, strerror(errno));
    enum ache_status status = ACHE_OK;
    if (fchmod(fd, 0600) != 0)
        status = ache_fail(err, ACHE_ERR_IO, "%s: %s", shown, strerror(errno));
    close(fd);
    return status;
}

/* A first creation that failed (a full disk, say) leaves no empty diary
 * behind. */
static void forget_created(const char *file)
{
    struct stat sb;
    if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0)
        unlink(file);
}

/* ---- refusing what is not ours, without touching it -------------------- */

static enum ache_status check_header(const char *file, const char *shown,
                                     struct ache_err *err)
{
    int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", shown, strerror(errno));
    char head[sizeof sqlite_magic];
    ssize_t got = read(fd, head, sizeof head);
    int saved = errno;
    close(fd);
    if (got < 0)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", shown, strerror(saved));
    if (got == 0)
        return ACHE_OK; /* an empty file: a diary not yet begun */
    if (got != (ssize_t)sizeof head || memcmp(head, sqlite_magic, sizeof head))
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (not a SQLite database)",
                         shown);
    return ACHE_OK;
}

static enum ache_status check_file(const char *file, const char *shown,
                                   struct ache_err *err)
{
    struct stat sb;
    if (lstat(file, &sb) != 0)
        return errno == ENOENT
                   ? ache_fail(err, ACHE_ERR_NOT_FOUND, "%s: no diary here",
                               shown)
                   : ache_fail(err, ACHE_ERR_IO, "%s: %s", shown,
                               strerror(errno));
    if (S_ISLNK(sb.st_mode))
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: is a symbolic link (give the diary's own path)",
                         shown);
    if (!S_ISREG(sb.st_mode))
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (not a regular file)", shown);
    return check_header(file, shown, err);
}

/* Reads the n numbers of sql's one row into out. */
static enum ache_status query_longs(struct store *st, const char *sql,
                                    long *out, int n, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
        for (int i = 0; i < n; i++)
            out[i] = (long)sqlite3_column_int64(s, i);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return ACHE_OK;
    if ((rc & 0xff) == SQLITE_NOTADB)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (not a SQLite database)",
                         st->path);
    return store_db_fail(st, rc, err, "reading the diary");
}

/* Another program's database: a foreign application_id, or none and
 * content that is not ache's. Plain PRAGMAs: their table-valued forms
 * would cost more than the rest of the opening; the tables are counted
 * only for a file without an application_id. */
static enum ache_status check_owner(struct store *st, long *version,
                                    struct ache_err *err)
{
    long app = 0, tables[2] = {0, 0};
    enum ache_status status =
        query_longs(st, "PRAGMA application_id", &app, 1, err);
    if (!status)
        status = query_longs(st, "PRAGMA user_version", version, 1, err);
    if (!status && app == 0)
        status = query_longs(
            st,
            "SELECT count(*), count(CASE WHEN name IN ('checkin', 'tag',"
            " 'checkin_tag') THEN 1 END) FROM sqlite_schema"
            " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            tables, 2, err);
    if (status)
        return status;
    bool foreign = app != 0 ? app != STORE_APPLICATION_ID
                            : (tables[0] > 0 || *version != 0) &&
                                  tables[1] < 3;
    if (foreign)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (it belongs to another "
                         "program)",
                         st->path);
    return ACHE_OK;
}

/* ---- the connection ---------------------------------------------------- */

/* SQLite's own words for a failed open. */
static enum ache_status open_failed(struct store *st, int rc,
                                    struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_IO, "%s: cannot open the diary: %s",
                     st->path,
                     st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
}

/* ache uses SQLite from one thread: no mutexes at all, and no memory
 * statistics, which SQLite keeps under a global mutex on every allocation
 * (a ten-year chart makes thousands). This must come before SQLite's
 * first use; a later call is refused by SQLite and changes nothing. */
static void configure_sqlite(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* name is st->file, or a URI naming it (SQLITE_OPEN_URI in flags). */
static enum ache_status connect(struct store *st, const char *name, int flags,
                                struct ache_err *err)
{
    /* NOMUTEX: each connection is used by one thread, and its column
     * calls need not lock. */
    flags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;
    configure_sqlite();
    int rc = sqlite3_open_v2(name, &st->db, flags, NULL);
    if (rc != SQLITE_OK)
        return open_failed(st, rc, err);
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
    /* No checkpoint when a refused file is closed: not even another
     * program's pending WAL is written into its database by us. */
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    /* The -wal and -shm stay when the connection closes: the next command
     * does not have to make them again. */
    int keep = 1;
    sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
    return ACHE_OK;
}

/* Reads only: nothing is written before the file is known to be ours.
 * *version is the schema version found. */
static enum ache_status inspect(struct store *st, long *version,
                                struct ache_err *err)
{
    enum ache_status status = check_owner(st, version, err);
    if (!status)
        status = store_check_version(st, *version, err);
    return status;
}

/* Switching a new diary to WAL needs the file to itself for a moment, and
 * SQLite answers SQLITE_BUSY at once there instead of calling the busy
 * handler: so wait here, as the busy timeout would, when another ache is
 * opening the same new diary. */
static int switch_to_wal(struct store *st, char mode[16])
{
    int rc, waited = 0;
    for (;;) {
        sqlite3_stmt *s = NULL;
        rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s,
                                NULL);
        if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
            snprintf(mode, 16, "%s",
                     sqlite3_column_type(s, 0) == SQLITE_TEXT
                         ? (const char *)sqlite3_column_text(s, 0)
                         : "?");
        sqlite3_finalize(s);
        if ((rc & 0xff) != SQLITE_BUSY || waited >= STORE_BUSY_TIMEOUT_MS)
            return rc;
        sqlite3_sleep(5);
        waited += 5;
    }
}

static enum ache_status configure(struct store *st, struct ache_err *err)
{
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    char mode[16] = "";
    int rc = switch_to_wal(st, mode);
    if (rc != SQLITE_ROW)
        return store_db_fail(st, rc, err, "turning on write-ahead logging");
    if (strcmp(mode, "wal") != 0)
        return ache_fail(err, ACHE_ERR_IO,
                         "%s: cannot use write-ahead logging here (the "
                         "journal stays '%s')",
                         st->path, mode);
    /* temp_store in memory: statement journals and sorts never put pages
     * of a private diary in /var/tmp, and per-row savepoints of an import
     * stay cheap. journal_size_limit 0: the -wal, kept between commands,
     * is emptied when a checkpoint has copied it, so no old page of a
     * note stays there. */
    rc = sqlite3_exec(st->db,
                      "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                      " PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;"
                      " PRAGMA journal_size_limit = 0;",
                      NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_db_fail(st, rc, err, "configuring the connection");
    return ACHE_OK;
}

/* ---- where the diary is ---------------------------------------------------- */

static struct store *new_store(const char *shown, char *file)
{
    struct store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(shown);
    st->file = file;
    st->lock_fd = -1;
    return st;
}

/* The path SQLite is given: the folder canonical, the name as it is.
 * NULL (and the message) when the folder is not there. */
static char *locate(const char *path, struct ache_err *err)
{
    char *file = path_canonical(path);
    if (!file)
        ache_fail(err, ACHE_ERR_NOT_FOUND, "%s: no diary here (%s)", path,
                  strerror(errno));
    return file;
}

/* A -wal or -shm of ours left without write permission (a copy made with
 * the wrong mode) would make every write fail: it is ours, so mend it. */
static void mend_side_files(const char *file)
{
    static const char *const suffix[] = {"-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        char *side = xasprintf("%s%s", file, suffix[i]);
        struct stat sb;
        if (lstat(side, &sb) == 0 && S_ISREG(sb.st_mode) &&
            sb.st_uid == geteuid() && !(sb.st_mode & S_IWUSR))
            chmod(side, 0600);
        free(side);
    }
}

/* Whether this process may make files in the diary's folder (its -wal
 * and -shm live there). */
static bool folder_writable(const char *file)
{
    char *dir = xstrdup(file);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir] = '\0';
    bool ok = access(dir, W_OK | X_OK) == 0;
    free(dir);
    return ok;
}

/* Whether this process may write the diary where it is: the file, and
 * the folder. */
static bool writable(const char *file)
{
    return access(file, W_OK) == 0 && folder_writable(file);
}

static enum ache_status read_only_here(const char *shown,
                                       struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_IO,
                     "%s: the diary is read-only here (its file or its "
                     "folder cannot be written); commands that only read, "
                     "such as list, show or export, work",
                     shown);
}

/* ---- a writer ---------------------------------------------------------- */

static enum ache_status open_writer(struct store *st, bool create,
                                    struct ache_err *err)
{
    long version = 0;
    mend_side_files(st->file);
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    enum ache_status status = connect(st, st->file, flags, err);
    if (!status)
        status = inspect(st, &version, err);
    if (!status)
        status = configure(st, err);
    if (!status)
        status = store_migrate(st, version, err);
    if (!status)
        status = store_fields_load(st, err);
    return status;
}

/* The file, created if asked, and known to be an ache diary or empty. */
static enum ache_status prepare_file(const char *path, bool create,
                                     char **file, bool *created,
                                     struct ache_err *err)
{
    enum ache_status status = create ? make_parents(path, err) : ACHE_OK;
    *created = false;
    *file = status ? NULL : locate(path, err);
    if (!*file)
        return status ? status : ACHE_ERR_NOT_FOUND;
    if (create)
        status = create_file(*file, path, created, err);
    if (!status)
        status = check_file(*file, path, err);
    if (!status && !writable(*file))
        status = read_only_here(path, err);
    return status;
}

enum ache_status store_open(const char *path, bool create, struct store **out,
                            struct ache_err *err)
{
    *out = NULL;
    if (!path || !*path)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "the path of the diary is empty");
    char *file = NULL;
    bool created = false;
    enum ache_status status = prepare_file(path, create, &file, &created, err);
    if (status) {
        if (created)
            forget_created(file);
        free(file);
        return status;
    }
    struct store *st = new_store(path, file);
    status = open_writer(st, create, err);
    if (status) {
        char *made = created ? xstrdup(st->file) : NULL;
        store_close(st);
        if (made)
            forget_created(made);
        free(made);
        return status;
    }
    *out = st;
    return ACHE_OK;
}

/* ---- a reader ------------------------------------------------------------- */

/* Whether the file lies on a medium mounted read-only, where no writer
 * can exist. */
static bool on_read_only_medium(const char *file)
{
    struct statvfs vfs;
    return statvfs(file, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

/* A URI naming the file, immutable: SQLite then reads it without the
 * -shm it cannot make on a read-only medium. */
static char *immutable_uri(const char *file)
{
    struct strbuf uri = {0};
    strbuf_append(&uri, "file:");
    for (const char *p = file; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            strbuf_printf(&uri, "%%%02X", (unsigned char)*p);
        else
            strbuf_putc(&uri, *p);
    }
    strbuf_append(&uri, "?immutable=1");
    return strbuf_take(&uri);
}

/* Whether the diary's -wal holds any page (changes not in the file yet). */
static bool wal_has_pages(const char *file)
{
    char *wal = xasprintf("%s-wal", file);
    struct stat sb;
    bool pages = stat(wal, &sb) == 0 && sb.st_size > 0;
    free(wal);
    return pages;
}

/* Where SQLite can neither find nor make the -shm it needs to read a WAL
 * diary: a medium mounted read-only, or a folder this process cannot
 * write with no -shm left in it (a diary file copied alone). */
static bool no_shm_here(const char *file)
{
    if (on_read_only_medium(file))
        return true;
    char *shm = xasprintf("%s-shm", file);
    bool found = access(shm, R_OK) == 0;
    free(shm);
    return !found && !folder_writable(file);
}

/* SQLite's unix locking: every open connection holds a read lock on these
 * bytes of the file, and a writer needs a write lock on all of them to
 * copy its -wal into the file as it closes. */
enum { SQLITE_SHARED_FIRST = 0x40000000 + 2, SQLITE_SHARED_SIZE = 510 };

/* Takes the read lock a connection would hold, for a reader SQLite reads
 * as immutable, and so without locks: the owner's writer then leaves its
 * changes in the -wal instead of moving pages of the file under the
 * reader. -1 when it cannot be had (a writer is closing just now). */
static int hold_shared_lock(const char *file)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    struct flock lock = {.l_type = F_RDLCK, .l_whence = SEEK_SET,
                         .l_start = SQLITE_SHARED_FIRST,
                         .l_len = SQLITE_SHARED_SIZE};
    if (fcntl(fd, F_SETLK, &lock) == 0)
        return fd;
    close(fd);
    return -1;
}

/* Whether the file may be read as immutable: on a read-only medium no
 * writer can exist; in a folder only its owner can write, the lock keeps
 * the file still while it is read. Either way the -wal must be empty, as
 * an immutable reader does not read it. */
static enum ache_status may_read_immutable(struct store *st,
                                           struct ache_err *err)
{
    if (!on_read_only_medium(st->file)) {
        st->lock_fd = hold_shared_lock(st->file);
        if (st->lock_fd < 0)
            return ache_fail(err, ACHE_ERR_BUSY,
                             "%s: another program is writing the diary "
                             "just now; try again in a moment",
                             st->path);
    }
    if (wal_has_pages(st->file))
        return ache_fail(err, ACHE_ERR_IO,
                         "%s: cannot read the diary here: SQLite cannot "
                         "make its -shm (a read-only medium, or a folder "
                         "you cannot write), and its -wal holds changes "
                         "that cannot be read without one; copy the diary "
                         "with its -wal to a writable place",
                         st->path);
    return ACHE_OK;
}

static enum ache_status connect_reader(struct store *st, long *version,
                                       struct ache_err *err)
{
    enum ache_status status =
        connect(st, st->file, SQLITE_OPEN_READONLY, err);
    if (!status)
        status = inspect(st, version, err);
    if (status == ACHE_OK || !no_shm_here(st->file))
        return status;
    sqlite3_close(st->db);
    st->db = NULL;
    status = may_read_immutable(st, err);
    if (status)
        return status;
    char *uri = immutable_uri(st->file);
    status = connect(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
    free(uri);
    return status ? status : inspect(st, version, err);
}

static enum ache_status too_old_here(const struct store *st, long version,
                                     struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_REFUSED,
                     "%s: written by an older ache (schema %ld; this one "
                     "reads %d), and read-only here, so it cannot be "
                     "upgraded: copy it to a writable place, where ache "
                     "upgrades the copy when it opens it",
                     st->path, version, STORE_SCHEMA_VERSION);
}

enum ache_status store_open_read(const char *path, struct store **out,
                                 struct ache_err *err)
{
    *out = NULL;
    if (!path || !*path)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "the path of the diary is empty");
    char *file = locate(path, err);
    enum ache_status status = file ? check_file(file, path, err)
                                   : ACHE_ERR_NOT_FOUND;
    if (status) {
        free(file);
        return status;
    }
    struct store *st = new_store(path, file);
    long version = 0;
    st->read_only = true;
    status = connect_reader(st, &version, err);
    if (!status && version < STORE_SCHEMA_VERSION) {
        /* an older diary is upgraded first, by a writer, where it can be */
        bool can_write = writable(st->file);
        if (!can_write)
            status = too_old_here(st, version, err);
        store_close(st);
        return status ? status : store_open(path, false, out, err);
    }
    if (!status && sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL,
                                NULL, NULL) != SQLITE_OK)
        status = store_db_fail(st, SQLITE_ERROR, err, "reading the diary");
    if (!status)
        status = store_fields_load(st, err);
    if (status) {
        store_close(st);
        return status;
    }
    *out = st;
    return ACHE_OK;
}
