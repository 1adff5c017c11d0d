/* config: the settings file, $XDG_CONFIG_HOME/ache/config (XDG rules:
 * unset, empty or relative means ~/.config). Lines are "name = value";
 * '#' starts a comment; blank lines are fine. A missing file means the
 * defaults. Known settings:
 *   week_start = monday | sunday    (default monday)
 */
#ifndef ACHE_CONFIG_H
#define ACHE_CONFIG_H

#include "ache/util.h"

struct config {
    int week_start; /* 0 Monday, 6 Sunday (the weekday rows begin on) */
};

void config_defaults(struct config *c);
/* The settings file's path; the caller frees it. */
char *config_path(void);
/* Reads the file at path into *c (defaults first). A bad line fails with
 * "PATH:LINE: ..." naming the setting and what is allowed; *c then holds
 * the defaults. A missing file is not an error. */
enum ache_status config_load(const char *path, struct config *c,
                             struct ache_err *err);

#endif
