/* cli_args: a small option walker, so that every command accepts options
 * in any order, as "--name value", "--name=value", "-x value" or "-xvalue"
 * (a short option's value glued on: `ache add -p6`). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/date.h"
#include "ache/tags.h"
#include "ache/util.h"
#include "cli_impl.h"

void cli_iter_init(struct cli_iter *it, const char *command, int argc,
                   char **argv, const struct cli_opt *opts)
{
    it->argc = argc;
    it->argv = argv;
    it->index = 1; /* argv[0] is the command name */
    it->options_done = false;
    it->command = command;
    it->opts = opts;
}

static const struct cli_opt *find_long(const struct cli_opt *opts,
                                       const char *name, size_t len)
{
    for (const struct cli_opt *o = opts; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

static const struct cli_opt *find_short(const struct cli_opt *opts, char c)
{
    for (const struct cli_opt *o = opts; o->name; o++)
        if (o->short_name == c)
            return o;
    return NULL;
}

/* Takes the value of option `o`, inline ("--x=v", "-xv") or from the next
 * word; `typed` is the option as typed ("--pain", "-p"), for messages. */
static enum cli_next take_value(struct cli_iter *it, const struct cli_opt *o,
                                const char *typed, const char *inline_value,
                                const char **value, struct ache_err *err)
{
    if (!o->arg) {
        if (inline_value)
            return ache_fail(err, ACHE_ERR_INVALID,
                             "--%s takes no value", o->name),
                   CLI_ERROR;
        *value = NULL;
        return CLI_OPTION;
    }
    if (inline_value) {
        *value = inline_value;
        return CLI_OPTION;
    }
    if (it->index >= it->argc)
        return ache_fail(err, ACHE_ERR_INVALID, "%s needs a value (%s)",
                         typed, o->arg),
               CLI_ERROR;
    *value = it->argv[it->index++];
    return CLI_OPTION;
}

/* "-x", or "-xVALUE" for a short option that takes a value; a flag with
 * letters after it ("-nx") is no option. */
static const struct cli_opt *find_short_word(const struct cli_opt *opts,
                                             const char *word,
                                             const char **inline_value)
{
    const struct cli_opt *o = find_short(opts, word[1]);
    *inline_value = NULL;
    if (!o || word[2] == '\0')
        return o;
    if (!o->arg)
        return NULL;
    *inline_value = word + 2;
    return o;
}

enum cli_next cli_iter_next(struct cli_iter *it, const struct cli_opt **opt,
                            const char **value, struct ache_err *err)
{
    if (it->index >= it->argc)
        return CLI_END;
    const char *word = it->argv[it->index++];
    if (it->options_done || word[0] != '-' || word[1] == '\0' ||
        (word[1] >= '0' && word[1] <= '9')) {
        *value = word; /* "-" is stdin; "-3" is a date */
        return CLI_POSITIONAL;
    }
    if (strcmp(word, "--") == 0) {
        it->options_done = true;
        return cli_iter_next(it, opt, value, err);
    }
    const struct cli_opt *o = NULL;
    const char *inline_value = NULL;
    if (word[1] == '-') {
        const char *eq = strchr(word + 2, '=');
        size_t len = eq ? (size_t)(eq - word - 2) : strlen(word + 2);
        o = find_long(it->opts, word + 2, len);
        inline_value = eq ? eq + 1 : NULL;
    } else {
        o = find_short_word(it->opts, word, &inline_value);
    }
    if (!o)
        return ache_fail(err, ACHE_ERR_INVALID, "unknown option '%s'", word),
               CLI_ERROR;
    *opt = o;
    char typed[3] = {'-', word[1], '\0'};
    return take_value(it, o, word[1] == '-' ? word : typed, inline_value,
                      value, err);
}

int cli_parse_args(const struct cli_ctx *ctx, int argc, char **argv,
                   const struct cli_opt *opts, cli_arg_fn fn, void *arg)
{
    struct cli_iter it;
    const struct cli_opt *opt;
    const char *value;
    struct ache_err err = {{0}};
    cli_iter_init(&it, ctx->command, argc, argv, opts);
    enum cli_next n;
    while ((n = cli_iter_next(&it, &opt, &value, &err)) != CLI_END) {
        if (n == CLI_ERROR)
            return cli_usage_error(ctx, "%s", err.msg);
        int rc = fn(ctx, n == CLI_OPTION ? opt : NULL, value, arg);
        if (rc != EXIT_OK)
            return rc;
    }
    return EXIT_OK;
}

int cli_take_one_word(const struct cli_ctx *ctx, const struct cli_opt *opt,
                      const char *value, void *arg)
{
    const char **word = arg;
    (void)opt; /* commands using this take no options */
    if (*word)
        return cli_unexpected(ctx, value);
    *word = value;
    return EXIT_OK;
}

int cli_unexpected(const struct cli_ctx *ctx, const char *word)
{
    return cli_usage_error(ctx, "unexpected '%s'", word);
}

/* Reads a typed time into *minutes and shown[] (HH:MM); says so when it
 * was typed otherwise ("read time 8:00 as 08:00"). False: no time. */
static bool read_typed_time(const struct cli_ctx *ctx, const char *text,
                            int *minutes, char shown[TIME_BUF])
{
    if (!time_parse_typed(text, minutes))
        return false;
    if (strcmp(time_format(*minutes, shown), text) != 0 &&
        !ctx->read_notes_said)
        cli_err(ctx, "ache %s: read time %s as %s\n", ctx->command, text,
                shown);
    return true;
}

enum ache_status cli_parse_time(const struct cli_ctx *ctx, const char *text,
                                int *minutes, struct ache_err *err)
{
    int m;
    char shown[TIME_BUF];
    if (!read_typed_time(ctx, text, &m, shown))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "time: '%s' is not a time of day (use HH:MM, "
                         "00:00-23:59)",
                         text);
    *minutes = m;
    return ACHE_OK;
}

char *cli_times_typed(const struct cli_ctx *ctx, const char *text)
{
    struct strbuf out = {0};
    for (const char *p = text;;) {
        const char *comma = strchr(p, ',');
        char *part = xstrndup(p, comma ? (size_t)(comma - p) : strlen(p));
        int m;
        char shown[TIME_BUF];
        /* one that is no time stays as typed, for med_times_parse to name */
        strbuf_append(&out, read_typed_time(ctx, part, &m, shown) ? shown
                                                                  : part);
        free(part);
        if (!comma)
            break;
        strbuf_putc(&out, ',');
        p = comma + 1;
    }
    return strbuf_take(&out);
}

static void say_lowered(const char *typed, const char *name, void *arg)
{
    const struct cli_ctx *ctx = arg;
    if (!ctx->read_notes_said)
        cli_err(ctx, "ache %s: read tag '%s' as '%s'\n", ctx->command,
                typed, name);
}

enum ache_status cli_parse_tags(const struct cli_ctx *ctx, const char *text,
                                char ***names, size_t *count,
                                struct ache_err *err)
{
    struct tag_lowered lowered = {.said = say_lowered, .arg = (void *)ctx};
    return tag_names_parse_typed(text, ',', names, count, &lowered, err);
}

enum ache_status cli_parse_tag_name(const struct cli_ctx *ctx,
                                    const char *text, char **name,
                                    struct ache_err *err)
{
    char **names = NULL;
    size_t count = 0;
    enum ache_status st = cli_parse_tags(ctx, text, &names, &count, err);
    if (st == ACHE_OK && count != 1)
        st = ache_fail(err, ACHE_ERR_INVALID,
                       "tag: give one tag name, not '%s'", text);
    *name = st == ACHE_OK ? names[0] : NULL;
    for (size_t i = st == ACHE_OK ? 1 : 0; i < count; i++)
        free(names[i]);
    free(names);
    return st;
}
