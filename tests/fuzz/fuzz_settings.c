/* libFuzzer target: config_parse, the settings file. On every input:
 *   - a refused file gets ACHE_ERR_INVALID, a message that starts with
 *     the file name and a line ("fuzz.conf:3: ") and carries no control
 *     or bidi character, and the defaults;
 *   - an accepted file parses again to the same settings, and so does
 *     the one line that states them.
 * `make fuzz` builds and runs it; `make check` replays the corpus in
 * tests/fuzz/corpus/settings through replay.c. */
#include <stddef.h>
#include <stdint.h>

#include "ache/config.h"
#include "fuzz_check.h"

#define NAME "fuzz.conf"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_refusal(enum ache_status st, const struct ache_err *err,
                          const struct config *c)
{
    if (st != ACHE_ERR_INVALID)
        fuzz_die("a refused file must be ACHE_ERR_INVALID", err->msg);
    const char *p = err->msg + strlen(NAME);
    if (strncmp(err->msg, NAME ":", strlen(NAME ":")) != 0 || p[1] < '1' ||
        p[1] > '9')
        fuzz_die("the message does not start with the name and a line",
                 err->msg);
    fuzz_check_clean(err->msg, false);
    struct config defaults;
    config_defaults(&defaults);
    if (c->week_start != defaults.week_start)
        fuzz_die("a refused file left settings other than the defaults",
                 err->msg);
}

static void check_same(const char *data, size_t len, const struct config *c)
{
    struct config again = {.week_start = -1};
    struct ache_err err = {{0}};
    if (config_parse(NAME, data, len, &again, &err) != ACHE_OK)
        fuzz_die("an accepted file was refused", err.msg);
    if (again.week_start != c->week_start)
        fuzz_die("the settings differ", data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct config c = {.week_start = -1};
    struct ache_err err = {{0}};
    enum ache_status st =
        config_parse(NAME, (const char *)data, size, &c, &err);
    if (st != ACHE_OK) {
        check_refusal(st, &err, &c);
        return 0;
    }
    if (c.week_start != 0 && c.week_start != 6)
        fuzz_die("week_start is neither Monday nor Sunday", "");
    check_same((const char *)data, size, &c);
    char *line = xasprintf("week_start = %s\n",
                           c.week_start == 6 ? "sunday" : "monday");
    check_same(line, strlen(line), &c);
    free(line);
    return 0;
}
