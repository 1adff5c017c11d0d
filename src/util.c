/* util: allocation, strings, status codes. */
#include "ache/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const status_messages[] = {
#define ACHE_STATUS_MSG(name, msg) msg,
    ACHE_STATUS_LIST(ACHE_STATUS_MSG)
#undef ACHE_STATUS_MSG
};

const char *ache_status_message(enum ache_status st)
{
    size_t n = sizeof status_messages / sizeof status_messages[0];
    if ((size_t)st >= n)
        return "unknown error";
    return status_messages[st];
}

enum ache_status ache_fail(struct ache_err *err, enum ache_status st,
                           const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

void ache_err_prefix(struct ache_err *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    /* Shift the message right and keep its head when the two do not fit:
     * done by hand, as snprintf("%s%s") of two full buffers is a certain
     * -Wformat-truncation warning (an error in CI). */
    size_t cap = sizeof err->msg - 1;
    size_t plen = strlen(prefix);
    size_t mlen = strnlen(err->msg, cap);
    size_t keep = mlen < cap - plen ? mlen : cap - plen;
    memmove(err->msg + plen, err->msg, keep);
    memcpy(err->msg, prefix, plen);
    err->msg[plen + keep] = '\0';
}

int ache_exit_code(enum ache_status st)
{
    switch (st) {
    case ACHE_OK:
        return 0;
    case ACHE_ERR_INVALID:
    case ACHE_ERR_AMBIGUOUS:
        return 2;
    default:
        return 1;
    }
}

static void out_of_memory(size_t n)
{
    fprintf(stderr, "ache: out of memory (allocating %zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

void *xreallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    return xrealloc(p, count * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    struct strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    return strbuf_take(&sb);
}

void strbuf_init(struct strbuf *sb)
{
    sb->data = NULL;
    sb->len = 0;
    sb->cap = 0;
}

void strbuf_free(struct strbuf *sb)
{
    free(sb->data);
    strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
    if (extra > SIZE_MAX - sb->len - 1)
        out_of_memory(SIZE_MAX);
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    sb->data = xrealloc(sb->data, cap);
    sb->cap = cap;
}

void strbuf_appendn(struct strbuf *sb, const char *s, size_t n)
{
    strbuf_grow(sb, n);
    if (n) /* s may be an empty strbuf's NULL, which memcpy may not take */
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void strbuf_append(struct strbuf *sb, const char *s)
{
    strbuf_appendn(sb, s, strlen(s));
}

void strbuf_putc(struct strbuf *sb, char c)
{
    strbuf_appendn(sb, &c, 1);
}

void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    strbuf_grow(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

char *strbuf_take(struct strbuf *sb)
{
    char *p = sb->data ? sb->data : xstrdup("");
    strbuf_init(sb);
    return p;
}

const char *strbuf_str(const struct strbuf *sb)
{
    return sb->data ? sb->data : "";
}

bool parse_int(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return false;
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

int fd_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, p + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        off += (size_t)n;
    }
    return 0;
}

int fd_read_all(int fd, char **data, size_t *len)
{
    struct strbuf sb = {0};
    char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            strbuf_free(&sb);
            return e;
        }
        strbuf_appendn(&sb, chunk, (size_t)n);
    }
    *len = sb.len;
    *data = strbuf_take(&sb);
    return 0;
}

enum ache_status file_read_all(const char *path, char **data, size_t *len,
                               struct ache_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int e = fd < 0 ? errno : fd_read_all(fd, data, len);
    if (fd >= 0)
        close(fd);
    if (e)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(e));
    return ACHE_OK;
}

int path_sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = !slash ? xstrdup(".")
                : slash == path ? xstrdup("/")
                                : xstrndup(path, (size_t)(slash - path));
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e = 0;
    if (fd < 0 || fsync(fd) != 0)
        e = errno;
    if (fd >= 0)
        close(fd);
    free(dir);
    return e;
}

bool file_is(const char *path, const struct stat *sb)
{
    struct stat other;
    return stat(path, &other) == 0 && other.st_dev == sb->st_dev &&
           other.st_ino == sb->st_ino;
}

char *path_canonical(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = !slash ? xstrdup(".")
                : slash == path ? xstrdup("/")
                                : xstrndup(path, (size_t)(slash - path));
    char *real = realpath(dir, NULL);
    free(dir);
    if (!real)
        return NULL;
    char *whole = xasprintf("%s%s%s", real, strcmp(real, "/") ? "/" : "",
                            slash ? slash + 1 : path);
    free(real);
    return whole;
}

char *home_dir(void)
{
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return xstrdup(home);
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
        return xstrdup(pw->pw_dir);
    return xstrdup("/");
}

char *xdg_dir(const char *var, const char *under)
{
    const char *xdg = getenv(var);
    if (xdg && xdg[0] == '/')
        return xstrdup(xdg);
    char *home = home_dir();
    char *dir = xasprintf("%s%s%s", home, strcmp(home, "/") ? "/" : "", under);
    free(home);
    return dir;
}
