/* cli_tags: `ache tags` lists tags; `ache tags --add NAME --kind K`.
 * Names are shown through text_safe (a diary from an older ache may hold
 * one with a control character) and padded by columns, not bytes. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/store.h"
#include "ache/tags.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_tags_opts[] = {
    {"add", 0, "NAME", "add a tag to the diary"},
    {"kind", 0, "KIND", "its kind: trigger, treatment or other"},
    {0}};

static int list_tags(const struct cli_ctx *ctx)
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
    unsigned flags = cli_utf8(false) ? TEXT_SAFE_UTF8 : 0;
    struct strbuf name = {0};
    fprintf(ctx->out, "%-10s %-24s %s\n", "KIND", "TAG", "USES");
    for (size_t i = 0; i < tags.n; i++) {
        const char *shown = text_safe_str(&name, tags.items[i].name, flags);
        size_t w = text_width(shown, strlen(shown));
        fprintf(ctx->out, "%-10s %s%*s %ld\n",
                tag_kind_name(tags.items[i].kind), shown,
                w < 24 ? (int)(24 - w) : 0, "", tags.items[i].uses);
    }
    strbuf_free(&name);
    tag_list_free(&tags);
    return EXIT_OK;
}

static int add_tag(const struct cli_ctx *ctx, const char *name,
                   const char *kind_word)
{
    enum tag_kind kind;
    struct ache_err err = {{0}};
    if (!kind_word)
        return cli_usage_error(ctx, "--add needs --kind trigger, treatment "
                                    "or other");
    if (!tag_kind_parse(kind_word, &kind)) {
        char shown[64];
        return cli_usage_error(ctx, "kind: '%s' is not a kind (use trigger, "
                                    "treatment or other)",
                               text_quote(kind_word, strlen(kind_word), shown,
                                          sizeof shown));
    }
    if (tag_name_check(name, &err) != ACHE_OK)
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
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

/* --add NAME and --kind KIND, in either order. */
static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    const char **name_kind = arg;
    if (!opt)
        return cli_unexpected(ctx, value);
    name_kind[strcmp(opt->name, "add") == 0 ? 0 : 1] = value;
    return EXIT_OK;
}

int cli_tags(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *name_kind[2] = {NULL, NULL};
    int rc = cli_parse_args(ctx, argc, argv, cli_tags_opts, take_arg,
                            name_kind);
    if (rc != EXIT_OK)
        return rc;
    const char *name = name_kind[0], *kind = name_kind[1];
    if (!name && kind)
        return cli_usage_error(ctx, "--kind goes with --add NAME");
    return name ? add_tag(ctx, name, kind) : list_tags(ctx);
}
