/* config: the small settings file. */
#include "ache/config.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void config_defaults(struct config *c)
{
    c->week_start = 0;
}

char *config_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/ache/config", xdg);
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(getuid());
        home = pw && pw->pw_dir ? pw->pw_dir : "/";
    }
    return xasprintf("%s/.config/ache/config", home);
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

static enum ache_status apply(struct config *c, const char *name,
                              const char *value, struct ache_err *err)
{
    if (strcmp(name, "week_start") != 0)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "unknown setting '%s' (known: week_start)", name);
    if (strcmp(value, "monday") == 0)
        c->week_start = 0;
    else if (strcmp(value, "sunday") == 0)
        c->week_start = 6;
    else
        return ache_fail(err, ACHE_ERR_INVALID,
                         "week_start: '%s' is not allowed (use monday or "
                         "sunday)",
                         value);
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
    if (!eq)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is not a setting (write name = value)", text);
    *eq = '\0';
    return apply(c, trim(text), trim(eq + 1), err);
}

enum ache_status config_load(const char *path, struct config *c,
                             struct ache_err *err)
{
    config_defaults(c);
    char *data;
    size_t len;
    struct ache_err io;
    if (access(path, F_OK) != 0 && errno == ENOENT)
        return ACHE_OK; /* no file: the defaults */
    if (file_read_all(path, &data, &len, &io) != ACHE_OK)
        return ache_fail(err, ACHE_ERR_IO, "%s", io.msg);
    enum ache_status st = ACHE_OK;
    char *save = NULL;
    int lineno = 0;
    for (char *p = data; st == ACHE_OK && p; p = save) {
        save = strchr(p, '\n');
        if (save)
            *save++ = '\0';
        lineno++;
        st = parse_line(c, p, err);
    }
    free(data);
    if (st != ACHE_OK) {
        ache_err_prefix(err, "%s:%d: ", path, lineno);
        config_defaults(c);
    }
    return st;
}
