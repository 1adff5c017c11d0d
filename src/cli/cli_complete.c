/* cli_complete: `ache _complete WHAT`, the names the shell completion
 * scripts (data/completions/) offer, one a line. Commands and options come
 * from the command table (cli.c), fields, regions and tags from the code's
 * tables and the diary, so that no script holds a list that could drift.
 * The name starts with '_' to keep it off `ache --help`'s list.
 *
 * A completion must never print an error into a line being typed: a
 * missing or unreadable diary gives no names and exit status 0. The words
 * after WHAT may follow a "--", so that a word typed as "--db" or "--help"
 * reaches this command rather than being taken as ache's own option. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_complete_opts[] = {{0}};

static const struct cli_command *command_named(const char *name)
{
    for (size_t i = 0; name && i < cli_command_count; i++)
        if (strcmp(cli_command_table[i].name, name) == 0)
            return &cli_command_table[i];
    return NULL;
}

static void print_commands(const struct cli_ctx *ctx)
{
    for (size_t i = 0; i < cli_command_count; i++)
        if (cli_command_table[i].name[0] != '_')
            fprintf(ctx->out, "%s\n", cli_command_table[i].name);
}

/* A command's options, long and short, and the two every command takes. */
static void print_options(const struct cli_ctx *ctx,
                          const struct cli_command *cmd)
{
    for (const struct cli_opt *o = cmd->opts; o->name; o++) {
        fprintf(ctx->out, "--%s\n", o->name);
        if (o->short_name)
            fprintf(ctx->out, "-%c\n", o->short_name);
    }
    fprintf(ctx->out, "--db\n--help\n");
}

static void print_fields(const struct cli_ctx *ctx)
{
    cli_load_fields(ctx); /* the diary's own fields too, when there is one */
    for (size_t i = 0; i < fields_count(); i++)
        fprintf(ctx->out, "%s\n", fields_at(i)->option);
}

static void print_regions(const struct cli_ctx *ctx)
{
    for (int i = 0; i < REGION_COUNT; i++)
        fprintf(ctx->out, "%s\n", region_get(i)->code);
}

/* A name a shell can take as one word: no blank, no control character
 * (a diary from an older ache may hold such a tag). */
static bool one_word(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == 0x7f)
            return false;
    return true;
}

static void print_tags(const struct cli_ctx *ctx)
{
    struct store *st;
    struct tag_list tags = {0};
    struct ache_err err = {{0}};
    if (access(ctx->db_path, F_OK) != 0 ||
        store_open_read(ctx->db_path, &st, &err) != ACHE_OK)
        return;
    if (store_tags_list(st, &tags, &err) == ACHE_OK)
        for (size_t i = 0; i < tags.n; i++)
            if (one_word(tags.items[i].name))
                fprintf(ctx->out, "%s\n", tags.items[i].name);
    store_close(st);
    tag_list_free(&tags);
}

/* The words of a list such as "a|b|c" or "rating, count or yesno". */
static void print_words(const struct cli_ctx *ctx, const char *list)
{
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, "|, ");
        if (len && strncmp(p, "or", len) != 0)
            fprintf(ctx->out, "%.*s\n", (int)len, p);
        p += len;
        p += strspn(p, "|, ");
    }
}

static const struct cli_opt *option_named(const struct cli_command *cmd,
                                          const char *word)
{
    for (const struct cli_opt *o = cmd->opts; o->name; o++)
        if ((str_starts_with(word, "--") && strcmp(word + 2, o->name) == 0) ||
            (word[0] == '-' && word[1] == o->short_name && word[2] == '\0' &&
             o->short_name))
            return o;
    return NULL;
}

/* print_values' exit status for an option whose value is a file's name:
 * the shell then offers files. */
#define COMPLETE_FILES 3

/* The values an option takes, by what its placeholder says it is. Exit
 * status 0 when it takes a value (those known printed, perhaps none: a
 * number, a date, a note), COMPLETE_FILES for a file's name, 1 when it is
 * no option of the command or takes no value. */
static int print_values(const struct cli_ctx *ctx,
                        const struct cli_command *cmd, const char *word)
{
    if (strcmp(word, "--db") == 0)
        return COMPLETE_FILES;
    const struct cli_opt *o = option_named(cmd, word);
    if (!o || !o->arg)
        return EXIT_FAIL;
    if (strstr(o->arg, "FILE") || strstr(o->arg, "PATH"))
        return COMPLETE_FILES;
    if (strcmp(o->name, "tag") == 0 || strcmp(o->name, "untag") == 0 ||
        strcmp(o->name, "from-tag") == 0)
        print_tags(ctx);
    else if (strchr(o->arg, '|'))
        print_words(ctx, o->arg);
    else if (strcmp(o->arg, "WHEN") == 0)
        print_words(ctx, "auto|always|never");
    else if (strcmp(o->arg, "FIELD") == 0)
        print_fields(ctx);
    else if (strcmp(o->arg, "CODE,...") == 0)
        print_regions(ctx);
    else if (strcmp(o->arg, "KIND") == 0 && strcmp(cmd->name, "fields") == 0)
        print_words(ctx, field_kind_choices());
    else if (strcmp(o->arg, "KIND") == 0)
        for (int k = 0; k < TAG_KIND_COUNT; k++)
            fprintf(ctx->out, "%s\n", tag_kind_name((enum tag_kind)k));
    return EXIT_OK;
}

/* The words a command takes that are no option: fields, for a command
 * whose synopsis begins with FIELD (chart, spark); for tags, its actions
 * and the diary's tags (the names they act on). */
static void print_words_of(const struct cli_ctx *ctx,
                           const struct cli_command *cmd)
{
    if (str_starts_with(cmd->synopsis, "FIELD") ||
        str_starts_with(cmd->synopsis, "[FIELD"))
        print_fields(ctx);
    if (strcmp(cmd->name, "tags") == 0) {
        fputs("add\nrename\nmerge\nkind\nrm\n", ctx->out);
        print_tags(ctx);
    }
}

#define COMPLETE_WHAT \
    "commands, options CMD, arg CMD OPTION, words CMD, fields, regions or tags"

static bool known_what(const char *what)
{
    static const char *const whats[] = {"commands", "options", "arg", "words",
                                        "fields", "regions", "tags"};
    for (size_t i = 0; i < sizeof whats / sizeof whats[0]; i++)
        if (strcmp(what, whats[i]) == 0)
            return true;
    return false;
}

static int complete(const struct cli_ctx *ctx, const char *what,
                    const char *name, const char *word)
{
    const struct cli_command *cmd = command_named(name);
    if (!known_what(what))
        return cli_usage_error(ctx, "'%s' is not something to complete (use "
                                    COMPLETE_WHAT ")", what);
    if (strcmp(what, "commands") == 0)
        print_commands(ctx);
    else if (strcmp(what, "fields") == 0)
        print_fields(ctx);
    else if (strcmp(what, "regions") == 0)
        print_regions(ctx);
    else if (strcmp(what, "tags") == 0)
        print_tags(ctx);
    else if (!cmd)
        return EXIT_FAIL; /* an unknown command has nothing to complete */
    else if (strcmp(what, "options") == 0)
        print_options(ctx, cmd);
    else if (strcmp(what, "words") == 0)
        print_words_of(ctx, cmd);
    else if (strcmp(what, "arg") == 0)
        return word ? print_values(ctx, cmd, word) : EXIT_FAIL;
    return EXIT_OK;
}

int cli_complete(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *words[3] = {NULL, NULL, NULL};
    int n = 0;
    bool dashes = false;
    for (int i = 1; i < argc; i++) {
        if (!dashes && strcmp(argv[i], "--") == 0) {
            dashes = true;
            continue;
        }
        if (n == 3)
            return cli_unexpected(ctx, argv[i]);
        words[n++] = argv[i];
    }
    if (!words[0])
        return cli_usage_error(ctx, "say what to complete: " COMPLETE_WHAT);
    return complete(ctx, words[0], words[1], words[2]);
}
