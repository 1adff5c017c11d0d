/* config: the settings file, $XDG_CONFIG_HOME/ache/config (XDG rules:
 * unset, empty or relative means ~/.config). Lines are "name = value";
 * '#' starts a comment; blank lines are fine. A missing file means the
 * defaults. Known settings:
 *   week_start = monday | sunday    (default monday)
 */
#ifndef ACHE_CONFIG_H
#define ACHE_CONFIG_H

#include <stddef.h>

#include "ache/util.h"

struct config {
    int week_start; /* 0 Monday, 6 Sunday (the weekday rows begin on) */
};

void config_defaults(struct config *c);
/* The settings file's path; the caller frees it. */
char *config_path(void);
/* The diary's path when --db is not given: $ACHE_DB, else
 * $XDG_DATA_HOME/ache/diary.db (XDG rules: unset, empty or relative means
 * ~/.local/share). The caller frees it. */
char *config_default_db_path(void);
/* A settings file larger than this is refused, not read: it is a few
 * lines, and reading without a limit would let a link to /dev/zero eat
 * the memory. */
#define CONFIG_MAX_BYTES (64 * 1024)

/* Parses the settings in data[0..len) (any bytes) into *c (defaults
 * first). A bad line fails with ACHE_ERR_INVALID and "NAME:LINE: ..."
 * naming the setting and what is allowed, what the file holds quoted by
 * text_quote; a NUL byte is refused, not taken as an end. *c then holds
 * the defaults. A UTF-8 byte order mark first is skipped. */
enum ache_status config_parse(const char *name, const char *data, size_t len,
                              struct config *c, struct ache_err *err);
/* Reads the file at path and parses it (config_parse). A missing file is
 * not an error: the defaults. Only a regular file of at most
 * CONFIG_MAX_BYTES is read ("PATH: not a regular file; ...", "PATH:
 * larger than 64 KiB; ...", ACHE_ERR_INVALID), without waiting for a
 * FIFO's writer. */
enum ache_status config_load(const char *path, struct config *c,
                             struct ache_err *err);

#endif
