/* cli_tags: `ache tags` lists tags; `ache tags add NAME [--kind K]` (and
 * the older `--add NAME --kind K`), `rename OLD NEW`, `merge FROM INTO`,
 * `kind NAME KIND` and `rm NAME [--force]` change them, each in a change
 * of its own that `ache undo` reverses. Names are shown through text_safe
 * (a diary from an older ache may hold one with a control character) and
 * padded by columns, not bytes. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/exchange.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_tags_opts[] = {
    {"add", 0, "NAME", "add a tag to the diary (as `tags add NAME`)"},
    {"kind", 0, "KIND", "its kind: trigger, treatment or other"},
    {"force", 0, NULL, "rm: take the tag off the check-ins that carry it"},
    {"format", 0, "text|json",
     "the list as text (default) or json, for programs"},
    {0}};

/* The words and options of `ache tags`. */
struct tags_args {
    const char *words[3]; /* action, NAME, OTHER */
    size_t nwords;
    const char *add, *kind, *format;
    bool force;
    char *typed[3]; /* the tag names, read as typed names are (below) */
};

/* The tag names among the words (and --add's), read as every command
 * reads a typed tag: "Stress" is "stress", and said so. Each replaces
 * its word; a name still no tag name is refused. */
static int read_names(const struct cli_ctx *ctx, struct tags_args *a,
                      size_t nnames)
{
    const char **slot[3] = {a->add ? &a->add : &a->words[1], &a->words[2],
                            NULL};
    for (size_t i = 0; i < nnames && *slot[i]; i++) {
        struct ache_err err = {{0}};
        if (cli_parse_tag_name(ctx, *slot[i], &a->typed[i], &err))
            return cli_fail(ctx, ACHE_ERR_INVALID, &err);
        *slot[i] = a->typed[i];
    }
    return EXIT_OK;
}

static void print_text(const struct cli_ctx *ctx, const struct tag_list *tags)
{
    unsigned flags = cli_utf8(false) ? TEXT_SAFE_UTF8 : 0;
    struct strbuf name = {0};
    fprintf(ctx->out, "%-10s %-24s %s\n", "KIND", "TAG", "USES");
    for (size_t i = 0; i < tags->n; i++) {
        const char *shown = text_safe_str(&name, tags->items[i].name, flags);
        size_t w = text_width(shown, strlen(shown));
        fprintf(ctx->out, "%-10s %s%*s %ld\n",
                tag_kind_name(tags->items[i].kind), shown,
                w < 24 ? (int)(24 - w) : 0, "", tags->items[i].uses);
    }
    strbuf_free(&name);
}

/* [{"name": "stress", "kind": "trigger", "uses": 12}, ...] */
static void print_json(const struct cli_ctx *ctx, const struct tag_list *tags)
{
    struct strbuf out = {0};
    strbuf_append(&out, "[");
    for (size_t i = 0; i < tags->n; i++) {
        strbuf_append(&out, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
        exchange_json_string(&out, tags->items[i].name);
        strbuf_printf(&out, ", \"kind\": \"%s\", \"uses\": %ld}",
                      tag_kind_name(tags->items[i].kind), tags->items[i].uses);
    }
    strbuf_append(&out, tags->n ? "\n]\n" : "]\n");
    fputs(strbuf_str(&out), ctx->out);
    strbuf_free(&out);
}

static int list_tags(const struct cli_ctx *ctx, bool json)
{
    struct store *st;
    struct tag_list tags = {0};
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = store_tags_list(st, &tags, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    if (json)
        print_json(ctx, &tags);
    else
        print_text(ctx, &tags);
    tag_list_free(&tags);
    return EXIT_OK;
}

static int parse_kind(const struct cli_ctx *ctx, const char *word,
                      enum tag_kind *kind)
{
    if (tag_kind_parse(word, kind))
        return EXIT_OK;
    char shown[64];
    return cli_usage_error(ctx, "kind: '%s' is not a kind (use trigger, "
                                "treatment or other)",
                           text_quote(word, strlen(word), shown,
                                      sizeof shown));
}

static int add_tag(const struct cli_ctx *ctx, const char *name,
                   enum tag_kind kind)
{
    struct ache_err err = {{0}};
    struct store *st;
    int rc = cli_open_writer(ctx, true, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = store_tag_add(st, name, kind, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    /* the name passed tag_name_check: nothing in it to show otherwise */
    fprintf(ctx->out, "added tag %s (%s)\n", name, tag_kind_name(kind));
    return EXIT_OK;
}

/* One change of an existing tag, by the store function `edit`. */
typedef enum ache_status (*tag_edit_fn)(struct store *,
                                        const struct store_tag_edit *,
                                        struct store_tag_result *,
                                        struct ache_err *);

static int edit_tag(const struct cli_ctx *ctx, const struct store_tag_edit *e,
                    tag_edit_fn edit, struct store_tag_result *r)
{
    struct ache_err err = {{0}};
    struct store *st;
    int rc = cli_open_writer(ctx, false, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = edit(st, e, r, &err);
    store_close(st);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* " (on 3 check-ins)", or nothing when none carried the tag. */
static void print_carriers(const struct cli_ctx *ctx, const char *how,
                           size_t n)
{
    if (n)
        fprintf(ctx->out, " (%s %zu check-in%s)", how, n, n == 1 ? "" : "s");
    fputc('\n', ctx->out);
}

static int rename_tag(const struct cli_ctx *ctx, const struct tags_args *a)
{
    struct store_tag_edit e = {.name = a->words[1], .to = a->words[2]};
    struct store_tag_result r;
    int rc = edit_tag(ctx, &e, store_tag_rename, &r);
    if (rc != EXIT_OK)
        return rc;
    if (r.unchanged) {
        fprintf(ctx->out, "tag %s keeps its name: nothing changed\n", e.name);
        return EXIT_OK;
    }
    fprintf(ctx->out, "renamed tag %s to %s", e.name, e.to);
    print_carriers(ctx, "on", r.checkins);
    return EXIT_OK;
}

static int merge_tag(const struct cli_ctx *ctx, const struct tags_args *a)
{
    struct store_tag_edit e = {.name = a->words[1], .to = a->words[2]};
    struct store_tag_result r;
    int rc = edit_tag(ctx, &e, store_tag_merge, &r);
    if (rc != EXIT_OK)
        return rc;
    fprintf(ctx->out, "merged tag %s into %s", e.name, e.to);
    print_carriers(ctx, "on", r.checkins);
    return EXIT_OK;
}

static int kind_tag(const struct cli_ctx *ctx, const struct tags_args *a)
{
    struct store_tag_edit e = {.name = a->words[1]};
    struct store_tag_result r;
    int rc = parse_kind(ctx, a->words[2], &e.kind);
    if (rc == EXIT_OK)
        rc = edit_tag(ctx, &e, store_tag_set_kind, &r);
    if (rc != EXIT_OK)
        return rc;
    fprintf(ctx->out, r.unchanged ? "tag %s is of kind %s already: nothing changed\n"
                                  : "tag %s is now of kind %s\n",
            e.name, tag_kind_name(e.kind));
    return EXIT_OK;
}

static int remove_tag(const struct cli_ctx *ctx, const struct tags_args *a)
{
    struct store_tag_edit e = {.name = a->words[1], .force = a->force};
    struct store_tag_result r;
    int rc = edit_tag(ctx, &e, store_tag_remove, &r);
    if (rc != EXIT_OK)
        return rc;
    fprintf(ctx->out, "removed tag %s", e.name);
    print_carriers(ctx, "from", r.checkins);
    return EXIT_OK;
}

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    struct tags_args *a = arg;
    if (!opt) {
        if (a->nwords == 3)
            return cli_unexpected(ctx, value);
        a->words[a->nwords++] = value;
    } else if (strcmp(opt->name, "add") == 0) {
        a->add = value;
    } else if (strcmp(opt->name, "kind") == 0) {
        a->kind = value;
    } else if (strcmp(opt->name, "format") == 0) {
        a->format = value;
    } else {
        a->force = true;
    }
    return EXIT_OK;
}

/* The actions: their words after `tags` and what runs them. */
static const struct tags_action {
    const char *name;
    size_t words; /* with the action's own */
    const char *usage;
    int (*run)(const struct cli_ctx *, const struct tags_args *);
} actions[] = {
    {"rename", 3, "tags rename OLD NEW", rename_tag},
    {"merge", 3, "tags merge FROM INTO", merge_tag},
    {"kind", 3, "tags kind NAME trigger|treatment|other", kind_tag},
    {"rm", 2, "tags rm NAME [--force]", remove_tag},
};

/* `tags add NAME [--kind K]`, or the older `tags --add NAME --kind K`. */
static int run_add(const struct cli_ctx *ctx, struct tags_args *a)
{
    if (a->add && !a->kind)
        return cli_usage_error(ctx, "--add needs --kind trigger, treatment "
                                    "or other");
    if ((a->add && a->nwords) || (!a->add && a->nwords != 2) || a->force)
        return cli_usage_error(ctx, "use: ache tags add NAME [--kind KIND]");
    enum tag_kind kind = TAG_OTHER;
    int rc = a->kind ? parse_kind(ctx, a->kind, &kind) : EXIT_OK;
    if (rc == EXIT_OK)
        rc = read_names(ctx, a, 1);
    return rc == EXIT_OK ? add_tag(ctx, a->add ? a->add : a->words[1], kind)
                         : rc;
}

static int run_action(const struct cli_ctx *ctx, struct tags_args *a)
{
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        const struct tags_action *act = &actions[i];
        if (strcmp(a->words[0], act->name) != 0)
            continue;
        if (a->nwords != act->words || a->kind ||
            (a->force && act->run != remove_tag))
            return cli_usage_error(ctx, "use: ache %s", act->usage);
        /* kind's second word is a kind, not a tag */
        int rc = read_names(ctx, a, act->run == kind_tag ? 1 : act->words - 1);
        return rc == EXIT_OK ? act->run(ctx, a) : rc;
    }
    char shown[64];
    return cli_usage_error(ctx, "'%s' is not an action of tags (use add, "
                                "rename, merge, kind or rm)",
                           text_quote(a->words[0], strlen(a->words[0]),
                                      shown, sizeof shown));
}

static int run_tags(const struct cli_ctx *ctx, struct tags_args *a);

int cli_tags(struct cli_ctx *ctx, int argc, char **argv)
{
    struct tags_args a = {.nwords = 0};
    int rc = cli_parse_args(ctx, argc, argv, cli_tags_opts, take_arg, &a);
    if (rc == EXIT_OK)
        rc = run_tags(ctx, &a);
    for (size_t i = 0; i < 3; i++)
        free(a.typed[i]);
    return rc;
}

static int run_tags(const struct cli_ctx *ctx, struct tags_args *a)
{
    if (a->format && (a->add || a->nwords || a->kind || a->force))
        return cli_usage_error(ctx, "--format goes with the list (ache tags "
                                    "--format json)");
    if (a->format && strcmp(a->format, "text") && strcmp(a->format, "json"))
        return cli_usage_error(ctx, "format: '%s' is not a format (use text "
                                    "or json)",
                               a->format);
    if (a->add || (a->nwords && strcmp(a->words[0], "add") == 0))
        return run_add(ctx, a);
    if (a->nwords)
        return run_action(ctx, a);
    if (a->kind)
        return cli_usage_error(ctx, "--kind goes with add NAME");
    if (a->force)
        return cli_usage_error(ctx, "--force goes with rm NAME");
    return list_tags(ctx, a->format && strcmp(a->format, "json") == 0);
}
