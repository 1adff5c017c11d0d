/* util: allocation that aborts on failure, growable strings, and the
 * status codes every layer returns.
 *
 * Errors travel as an `enum ache_status` return value plus a `struct ache_err`
 * that carries the sentence a person reads ("pain: 11 is out of range 0-10").
 * Only main.c and app decide to exit; everything else returns a status.
 */
#ifndef ACHE_UTIL_H
#define ACHE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ACHE_VERSION "0.1.0"

/* Status codes with their default messages (X-macro: one list, no drift). */
#define ACHE_STATUS_LIST(X)                                  \
    X(ACHE_OK, "ok")                                         \
    X(ACHE_ERR_INVALID, "invalid input")                     \
    X(ACHE_ERR_NOT_FOUND, "not found")                       \
    X(ACHE_ERR_AMBIGUOUS, "ambiguous")                       \
    X(ACHE_ERR_IO, "input/output error")                     \
    X(ACHE_ERR_DB, "database error")                         \
    X(ACHE_ERR_BUSY, "database is busy")                     \
    X(ACHE_ERR_REFUSED, "refused")                           \
    X(ACHE_ERR_CONFLICT, "changed elsewhere since it was read") \
    X(ACHE_ERR_GONE, "removed")

enum ache_status {
#define ACHE_STATUS_ENUM(name, msg) name,
    ACHE_STATUS_LIST(ACHE_STATUS_ENUM)
#undef ACHE_STATUS_ENUM
};

/* A human-readable account of what went wrong. */
struct ache_err {
    char msg[512];
};

const char *ache_status_message(enum ache_status st);

/* Formats `fmt` into err->msg (err may be NULL) and returns `st`, so a
 * failing function can `return ache_fail(err, ACHE_ERR_INVALID, ...)`. */
enum ache_status ache_fail(struct ache_err *err, enum ache_status st,
                           const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes err->msg with `fmt` (for adding "file:line:col: " context). */
void ache_err_prefix(struct ache_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Exit status for a status: 0 ok, 2 bad input, 1 everything else. */
int ache_exit_code(enum ache_status st);

/* Allocation: abort with a message on out-of-memory (nothing sensible to
 * do in a diary when malloc fails; better than a half-written state). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string. Zero-initialise or strbuf_init. */
struct strbuf {
    char *data;
    size_t len;
    size_t cap;
};

void strbuf_init(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_append(struct strbuf *sb, const char *s);
void strbuf_appendn(struct strbuf *sb, const char *s, size_t n);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Returns the buffer (never NULL) and leaves sb empty. */
char *strbuf_take(struct strbuf *sb);
/* Returns sb's text, "" when nothing was appended yet. */
const char *strbuf_str(const struct strbuf *sb);

/* Strict decimal parsing of a whole string: no sign unless allowed, no
 * spaces, no trailing text. Returns false on any deviation or overflow. */
bool parse_int(const char *s, long min, long max, long *out);

/* Case-sensitive string helpers. */
bool str_starts_with(const char *s, const char *prefix);
bool str_is_blank(const char *s);

/* Writes all of data to fd, through short writes and EINTR. Returns 0,
 * or the errno of the failure (EIO when the fd took nothing). */
int fd_write_all(int fd, const void *data, size_t len);

/* Reads fd to its end (binary safe; adds a NUL). Returns 0, or the errno
 * of the failure. */
int fd_read_all(int fd, char **data, size_t *len);

/* Makes a rename into path's folder durable (fsync of that folder).
 * Returns 0, or the errno of the failure. */
int path_sync_folder(const char *path);
/* path with its folder made absolute and free of links ("." and ".."
 * too), the last name as it is, so that a file that does not exist yet
 * has one; NULL when the folder does not exist. Caller frees. */
char *path_canonical(const char *path);
/* Whether path (followed if a link) names the file sb describes: the
 * same device and inode. False when path is missing. */
struct stat;
bool file_is(const char *path, const struct stat *sb);

/* The person's home folder: $HOME when it is an absolute path, else the
 * password database's, else "/". A relative HOME would put the diary and
 * the settings under whatever folder a command happens to run in, so it
 * is ignored as a relative XDG path is. Caller frees. */
char *home_dir(void);
/* An XDG base folder: $var when it is an absolute path, else
 * home_dir()/under (XDG rules: unset, empty or relative means the
 * default). Caller frees. */
char *xdg_dir(const char *var, const char *under);

/* Reads a whole file (binary safe; adds a NUL). Returns ACHE_ERR_IO with
 * "PATH: reason" on failure. */
enum ache_status file_read_all(const char *path, char **data, size_t *len,
                               struct ache_err *err);

#endif
