/* store: opening a diary (creating it privately, refusing what is not an
 * ache diary without touching it), the connection's settings, statements,
 * transactions and errors. The check-ins are in store_checkin.c, tags in
 * store_tags.c, the schema in store_schema.c, backups in store_backup.c.
 */
#include "store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Long enough to outwait any other ache writing one check-in or a whole
 * import; short enough that a stuck process is reported, not waited on. */
#define STORE_BUSY_TIMEOUT_MS 10000

static const char sqlite_magic[16] = "SQLite format 3";

/* ---- statements and errors ------------------------------------------- */

enum ache_status store_stmt(struct store *st, enum store_stmt id,
                            sqlite3_stmt **out, struct ache_err *err)
{
    if (!st->stmt[id]) {
        int rc = sqlite3_prepare_v3(st->db, store_sql[id], -1,
                                    SQLITE_PREPARE_PERSISTENT, &st->stmt[id],
                                    NULL);
        if (rc != SQLITE_OK)
            return store_db_fail(st, rc, err, "preparing a query");
    }
    *out = st->stmt[id];
    return ACHE_OK;
}

void store_stmt_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

enum ache_status store_db_fail(struct store *st, int rc, struct ache_err *err,
                               const char *doing)
{
    const char *why = sqlite3_errmsg(st->db);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ache_fail(err, ACHE_ERR_BUSY,
                         "%s: %s: the diary is busy (another program is "
                         "writing to it); try again",
                         st->path, doing);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return ache_fail(err, ACHE_ERR_IO, "%s: %s: %s", st->path, doing,
                         why);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return ache_fail(err, ACHE_ERR_DB,
                         "%s: %s: the diary is damaged (%s): restore a backup",
                         st->path, doing, why);
    default:
        return ache_fail(err, ACHE_ERR_DB, "%s: %s: %s", st->path, doing, why);
    }
}

enum ache_status store_run(struct store *st, enum store_stmt id,
                           struct ache_err *err, const char *doing)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt(st, id, &s, err);
    if (status)
        return status;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, doing);
    store_stmt_done(s);
    return status;
}

/* ---- transactions -------------------------------------------------------- */

/* Inside a batch each change has a savepoint, so that a failed one is
 * undone alone; an atomic batch is given up whole instead. */
enum ache_status store_write_begin(struct store *st, struct ache_err *err)
{
    if (st->atomic)
        return st->batch_failed
                   ? ache_fail(err, ACHE_ERR_INVALID,
                               "%s: a change in this transaction failed: "
                               "roll it back",
                               st->path)
                   : ACHE_OK;
    return store_run(st, st->in_batch ? SS_SAVEPOINT : SS_BEGIN, err,
                     "starting a change");
}

/* Undoes the current write; errors are ignored, as there is nothing left
 * to do about them and the first error is the one worth reporting. */
static void write_undo(struct store *st)
{
    if (st->atomic) {
        st->batch_failed = true;
    } else if (st->in_batch) {
        store_run(st, SS_ROLLBACK_TO, NULL, "");
        store_run(st, SS_RELEASE, NULL, "");
    } else if (!sqlite3_get_autocommit(st->db)) {
        store_run(st, SS_ROLLBACK, NULL, "");
    }
}

enum ache_status store_write_end(struct store *st, enum ache_status status,
                                 struct ache_err *err)
{
    if (status == ACHE_OK) {
        if (st->atomic)
            return ACHE_OK;
        status = store_run(st, st->in_batch ? SS_RELEASE : SS_COMMIT, err,
                           "saving the change");
        if (status == ACHE_OK)
            return ACHE_OK;
    }
    write_undo(st);
    return status;
}

enum ache_status store_begin(struct store *st, struct ache_err *err)
{
    if (st->in_batch)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: a transaction is already open", st->path);
    enum ache_status status = store_run(st, SS_BEGIN, err,
                                        "starting a transaction");
    if (status == ACHE_OK)
        st->in_batch = true;
    return status;
}

enum ache_status store_begin_atomic(struct store *st, struct ache_err *err)
{
    enum ache_status status = store_begin(st, err);
    if (status == ACHE_OK)
        st->atomic = true;
    return status;
}

static void end_batch(struct store *st)
{
    st->in_batch = st->atomic = st->batch_failed = false;
    st->batch_change = 0;
    store_forget_tag_ids(st);
}

enum ache_status store_commit(struct store *st, struct ache_err *err)
{
    if (!st->in_batch)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: no transaction is open to commit", st->path);
    if (st->batch_failed) {
        store_rollback(st);
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: a change in this transaction failed, so "
                         "none of it was saved",
                         st->path);
    }
    enum ache_status status = store_run(st, SS_COMMIT, err,
                                        "saving the changes");
    if (status && !sqlite3_get_autocommit(st->db))
        store_run(st, SS_ROLLBACK, NULL, "");
    end_batch(st);
    return status;
}

void store_rollback(struct store *st)
{
    if (!st->in_batch)
        return;
    if (!sqlite3_get_autocommit(st->db))
        store_run(st, SS_ROLLBACK, NULL, "");
    end_batch(st);
}

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
 * the umask's mode, and gives its -wal and -shm files the file's mode. */
static enum ache_status create_file(const char *path, struct ache_err *err)
{
    enum ache_status status = make_parents(path, err);
    if (status)
        return status;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0600);
    if (fd < 0)
        return errno == EEXIST ? ACHE_OK
                               : ache_fail(err, ACHE_ERR_IO,
                                           "%s: cannot create the diary: %s",
                                           path, strerror(errno));
    if (fchmod(fd, 0600) != 0)
        status = ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(errno));
    close(fd);
    return status;
}

/* ---- refusing what is not ours, without touching it -------------------- */

static enum ache_status check_header(const char *path, struct ache_err *err)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(errno));
    char head[sizeof sqlite_magic];
    ssize_t got = read(fd, head, sizeof head);
    int saved = errno;
    close(fd);
    if (got < 0)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(saved));
    if (got == 0)
        return ACHE_OK; /* an empty file: a diary not yet begun */
    if (got != (ssize_t)sizeof head || memcmp(head, sqlite_magic, sizeof head))
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (not a SQLite database)",
                         path);
    return ACHE_OK;
}

static enum ache_status check_file(const char *path, struct ache_err *err)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return errno == ENOENT
                   ? ache_fail(err, ACHE_ERR_NOT_FOUND, "%s: no diary here",
                               path)
                   : ache_fail(err, ACHE_ERR_IO, "%s: %s", path,
                               strerror(errno));
    if (S_ISLNK(sb.st_mode))
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: is a symbolic link (give the diary's own path)",
                         path);
    if (!S_ISREG(sb.st_mode))
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (not a regular file)", path);
    return check_header(path, err);
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
 * would cost more than the rest of the opening. */
static enum ache_status check_owner(struct store *st, long *version,
                                    struct ache_err *err)
{
    enum { APP, VERSION, TABLES, OURS };
    long got[4] = {0, 0, 0, 0};
    enum ache_status status =
        query_longs(st, "PRAGMA application_id", &got[APP], 1, err);
    if (!status)
        status = query_longs(st, "PRAGMA user_version", &got[VERSION], 1, err);
    if (!status)
        status = query_longs(
            st,
            "SELECT count(*), count(CASE WHEN name IN ('checkin', 'tag',"
            " 'checkin_tag') THEN 1 END) FROM sqlite_schema"
            " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            &got[TABLES], 2, err);
    if (status)
        return status;
    long app = got[APP], tables = got[TABLES], ours = got[OURS];
    *version = got[VERSION];
    bool foreign = app != 0 ? app != STORE_APPLICATION_ID
                            : (tables > 0 || *version != 0) && ours < 3;
    if (foreign)
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (it belongs to another "
                         "program)",
                         st->path);
    return ACHE_OK;
}

enum ache_status store_check(struct store *st, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL);
    char what[200] = "";
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(s, 0);
        snprintf(what, sizeof what, "%s", text ? (const char *)text : "");
    } else {
        snprintf(what, sizeof what, "%s", sqlite3_errmsg(st->db));
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW && strcmp(what, "ok") == 0)
        return ACHE_OK;
    int primary = rc & 0xff;
    if (rc != SQLITE_ROW && primary != SQLITE_CORRUPT &&
        primary != SQLITE_NOTADB)
        return store_db_fail(st, rc, err, "checking the diary");
    return ache_fail(err, ACHE_ERR_REFUSED,
                     "%s: the diary is damaged (%s): restore a backup",
                     st->path, what);
}

/* ---- the connection ---------------------------------------------------- */

static enum ache_status connect(struct store *st, bool create,
                                struct ache_err *err)
{
    /* NOMUTEX: each connection is used by one thread, and its column
     * calls need not lock. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
                SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(st->path, &st->db, flags, NULL);
    if (rc != SQLITE_OK)
        return ache_fail(err, ACHE_ERR_IO, "%s: cannot open the diary: %s",
                         st->path,
                         st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
    /* No checkpoint when a refused file is closed: not even another
     * program's pending WAL is written into its database by us. */
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
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
     * stay cheap. */
    rc = sqlite3_exec(st->db,
                      "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                      " PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;",
                      NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_db_fail(st, rc, err, "configuring the connection");
    return ACHE_OK;
}

enum ache_status store_open(const char *path, bool create, struct store **out,
                            struct ache_err *err)
{
    *out = NULL;
    if (!path || !*path)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "the path of the diary is empty");
    enum ache_status status = create ? create_file(path, err) : ACHE_OK;
    if (!status)
        status = check_file(path, err);
    if (status)
        return status;
    struct store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    long version = 0;
    status = connect(st, create, err);
    if (!status)
        status = inspect(st, &version, err);
    if (!status)
        status = configure(st, err);
    if (!status)
        status = store_migrate(st, version, err);
    if (status) {
        store_close(st);
        return status;
    }
    *out = st;
    return ACHE_OK;
}

void store_set_busy_timeout(struct store *st, int ms)
{
    sqlite3_busy_timeout(st->db, ms);
}

void store_close(struct store *st)
{
    if (!st)
        return;
    store_rollback(st);
    for (int i = 0; i < SS_STMT_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

const char *store_path(const struct store *st)
{
    return st->path;
}
