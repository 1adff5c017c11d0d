/* config: the small settings file. */
#include "ache/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ache/text.h"

void config_defaults(struct config *c)
{
    c->week_start = 0;
}

char *config_path(void)
{
    char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");
    char *path = xasprintf("%s/ache/config", dir);
    free(dir);
    return path;
}

char *config_default_db_path(void)
{
    const char *env = getenv("ACHE_DB");
    if (env && *env)
        return xstrdup(env);
    char *data = xdg_dir("XDG_DATA_HOME", ".local/share");
    char *path = xasprintf("%s/ache/diary.db", data);
    free(data);
    return path;
}

/* Trims blanks at both ends in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* What the file holds, quoted for a message: shown safely, and cut. */
#define QUOTE_SIZE 80
static const char *quote(const char *s, char out[QUOTE_SIZE])
{
    return text_quote(s, strlen(s), out, QUOTE_SIZE);
}

static enum ache_status apply(struct config *c, const char *name,
                              const char *value, struct ache_err *err)
{
    char shown[QUOTE_SIZE];
    if (strcmp(name, "week_start") != 0)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "unknown setting '%s' (known: week_start)",
                         quote(name, shown));
    if (strcmp(value, "monday") == 0)
        c->week_start = 0;
    else if (strcmp(value, "sunday") == 0)
        c->week_start = 6;
    else
        return ache_fail(err, ACHE_ERR_INVALID,
                         "week_start: '%s' is not allowed (use monday or "
                         "sunday)",
                         quote(value, shown));
    return ACHE_OK;
}

static enum ache_status parse_line(struct config *c, char *line,
                                   struct ache_err *err)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    char *text = trim(line);
    if (!*text)
        return ACHE_OK;
    char *eq = strchr(text, '=');
    char shown[QUOTE_SIZE];
    if (!eq)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is not a setting (write name = value)",
                         quote(text, shown));
    *eq = '\0';
    return apply(c, trim(text), trim(eq + 1), err);
}

/* One line, data[0..len) without its line end. A NUL byte is refused
 * rather than taken as the end of the line: what follows it would be
 * silently ignored, and a text file holds none. */
static enum ache_status parse_one(struct config *c, const char *data,
                                  size_t len, struct ache_err *err)
{
    if (memchr(data, '\0', len))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "a NUL byte (a settings file is text)");
    char *line = xstrndup(data, len);
    enum ache_status st = parse_line(c, line, err);
    free(line);
    return st;
}

enum ache_status config_parse(const char *name, const char *data, size_t len,
                              struct config *c, struct ache_err *err)
{
    config_defaults(c);
    size_t lineno = 0, at = 0;
    /* the byte order mark some editors put first is no setting */
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        at = 3;
    while (at < len) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - data) : len;
        lineno++;
        enum ache_status st = parse_one(c, data + at, end - at, err);
        if (st != ACHE_OK) {
            ache_err_prefix(err, "%s:%zu: ", name, lineno);
            config_defaults(c);
            return st;
        }
        at = end + 1;
    }
    return ACHE_OK;
}

/* Reads at most CONFIG_MAX_BYTES + 1 bytes of fd, so that a file that
 * grew after fstat is still found too large. Returns 0 or an errno. */
static int read_capped(int fd, struct strbuf *sb)
{
    char chunk[4096];
    while (sb->len <= CONFIG_MAX_BYTES) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            break;
        strbuf_appendn(sb, chunk, (size_t)n);
    }
    return 0;
}

/* Only a regular file of a sane size is read: a FIFO would block the
 * program (hence O_NONBLOCK, and fstat of what was opened, not of the
 * name) and a device such as /dev/zero would never end. */
static enum ache_status read_settings(int fd, const char *path,
                                      struct strbuf *sb, struct ache_err *err)
{
    struct stat sb_file;
    if (fstat(fd, &sb_file) != 0)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(errno));
    if (!S_ISREG(sb_file.st_mode))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: not a regular file; a settings file is a "
                         "few lines of text",
                         path);
    int e = sb_file.st_size > CONFIG_MAX_BYTES ? 0 : read_capped(fd, sb);
    if (e)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(e));
    if (sb_file.st_size > CONFIG_MAX_BYTES || sb->len > CONFIG_MAX_BYTES)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: larger than 64 KiB; a settings file is a few "
                         "lines",
                         path);
    return ACHE_OK;
}

enum ache_status config_load(const char *path, struct config *c,
                             struct ache_err *err)
{
    config_defaults(c);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return ACHE_OK; /* no file: the defaults */
    if (fd < 0)
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(errno));
    struct strbuf data = {0};
    enum ache_status st = read_settings(fd, path, &data, err);
    close(fd);
    if (st == ACHE_OK)
        st = config_parse(path, strbuf_str(&data), data.len, c, err);
    strbuf_free(&data);
    return st;
}
