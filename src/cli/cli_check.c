/* cli_check: `ache check` and `ache recover`, and the check writers run
 * before they write into the diary (see store_check_daily). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/config.h"
#include "ache/store.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_check_opts[] = {{0}};
const struct cli_opt cli_recover_opts[] = {{0}};

/* A path that can stand in a shell command as it is. */
static bool plain_path(const char *p)
{
    return *p && strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
                           "WXYZ0123456789/._-+,:@%~") == strlen(p);
}

/* What to do about a damaged diary: the recover command as the person
 * would type it (with --db when the diary is not the default one). */
static char *advice(const struct cli_ctx *ctx)
{
    char *usual = config_default_db_path();
    bool is_usual = strcmp(usual, ctx->db_path) == 0;
    free(usual);
    char *db = is_usual ? xstrdup("")
               : plain_path(ctx->db_path) ? xasprintf("--db %s ", ctx->db_path)
                                          : xstrdup("--db DIARY ");
    char *text = xasprintf("`ache %srecover NEW.db` saves what can still be "
                           "read; then use NEW.db (or restore a backup)",
                           db);
    free(db);
    return text;
}

static int say_damaged(const struct cli_ctx *ctx, const char *what)
{
    char *todo = advice(ctx);
    cli_err(ctx, "ache %s: %s: nothing was written. %s\n", ctx->command,
            what, todo);
    free(todo);
    return EXIT_FAIL;
}

static void first_problem(const char *problem, void *arg)
{
    char **first = arg;
    if (!*first)
        *first = xstrdup(problem);
}

int cli_open_writer(const struct cli_ctx *ctx, bool create,
                    struct store **out)
{
    int rc = cli_open_store(ctx, create, out);
    if (rc != EXIT_OK) {
        /* SQLite cannot open a file whose header is damaged or which is
         * cut short: say so, and what to do */
        char *first = NULL;
        size_t problems = 0;
        struct ache_err err = {{0}};
        if (store_check_file(ctx->db_path, first_problem, &first, &problems,
                             &err) == ACHE_OK &&
            first) {
            char *what = xasprintf("%s is damaged (%s)", ctx->db_path, first);
            say_damaged(ctx, what);
            free(what);
        }
        free(first);
        return rc;
    }
    struct ache_err err = {{0}};
    enum ache_status s = store_check_daily(*out, ctx->today, NULL, &err);
    if (s == ACHE_OK)
        return EXIT_OK;
    store_close(*out);
    *out = NULL;
    return s == ACHE_ERR_REFUSED ? say_damaged(ctx, err.msg)
                                 : cli_fail(ctx, s, &err);
}

/* ---- ache check ------------------------------------------------------------ */

struct found {
    FILE *out;
};

static void print_problem(const char *problem, void *arg)
{
    fprintf(((struct found *)arg)->out, "%s\n", problem);
}

int cli_check(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *word = NULL;
    int rc = cli_parse_args(ctx, argc, argv, cli_check_opts,
                            cli_take_one_word, &word);
    if (rc == EXIT_OK && word)
        rc = cli_unexpected(ctx, word);
    if (rc == EXIT_OK)
        rc = cli_no_diary_yet(ctx);
    if (rc != EXIT_OK)
        return rc;
    struct found f = {ctx->out};
    struct ache_err err = {{0}};
    size_t problems = 0;
    enum ache_status s = store_check_file(ctx->db_path, print_problem, &f,
                                          &problems, &err);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    if (problems == 0) {
        /* the header is sound: SQLite can open the file and look, read
         * only, so that a diary on a read-only medium can be checked */
        struct store *st;
        rc = cli_open_reader(ctx, &st);
        if (rc != EXIT_OK)
            return rc;
        s = store_check_all(st, ctx->today, print_problem, &f, &problems,
                            &err);
        store_close(st);
        if (s != ACHE_OK)
            return cli_fail(ctx, s, &err);
    }
    if (problems == 0) {
        fprintf(ctx->out,
                "%s: sound (integrity, foreign keys and schema checked)\n",
                ctx->db_path);
        return EXIT_OK;
    }
    char *todo = advice(ctx);
    cli_err(ctx, "ache check: %s is damaged (%zu problem%s): %s\n",
            ctx->db_path, problems, problems == 1 ? "" : "s", todo);
    free(todo);
    return EXIT_FAIL;
}

/* ---- ache recover ------------------------------------------------------------ */

static void take_loss(enum store_rows rows, size_t count, const char *what,
                      void *arg)
{
    struct strbuf *lines = arg;
    struct strbuf *to = &lines[count ? 0 : 1];
    if (rows == STORE_ROWS_CHECKINS && count == 1)
        strbuf_printf(to, "  %s\n", what);
    else if (count)
        strbuf_printf(to, "  %zu %s: %s\n", count,
                      store_rows_name(rows, count), what);
    else
        strbuf_printf(to, "  %s\n", what);
}

int cli_recover(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *dest = NULL;
    int rc = cli_parse_args(ctx, argc, argv, cli_recover_opts,
                            cli_take_one_word, &dest);
    if (rc == EXIT_OK && !dest)
        rc = cli_usage_error(ctx, "where to? give a new file for the "
                                  "recovered diary, for example "
                                  "`ache recover recovered.db`");
    if (rc == EXIT_OK)
        rc = cli_no_diary_yet(ctx);
    if (rc != EXIT_OK)
        return rc;
    struct store_recovery res;
    struct strbuf lines[2] = {{0}, {0}}; /* lost; saved otherwise */
    struct ache_err err = {{0}};
    enum ache_status s = store_recover(ctx->db_path, dest, ctx->today,
                                       take_loss, lines, &res, &err);
    if (s != ACHE_OK) {
        strbuf_free(&lines[0]);
        strbuf_free(&lines[1]);
        return cli_fail(ctx, s, &err);
    }
    fprintf(ctx->out, "recovered what can be read of %s into %s:\n",
            ctx->db_path, dest);
    for (int r = 0; r < STORE_ROWS_COUNT; r++)
        fprintf(ctx->out, "  %7zu saved %5zu lost  %s\n", res.saved[r],
                res.lost[r], store_rows_name((enum store_rows)r, 2));
    if (lines[0].len)
        fprintf(ctx->out, "lost:\n%s", strbuf_str(&lines[0]));
    if (lines[1].len)
        fprintf(ctx->out, "saved otherwise:\n%s", strbuf_str(&lines[1]));
    if (res.unread_pages)
        fprintf(ctx->out,
                "%zu damaged page%s could not be read at all: rows there "
                "that nothing else names are not counted\n",
                res.unread_pages, res.unread_pages == 1 ? "" : "s");
    fprintf(ctx->out,
            "%s passes `ache check`: use it with `ache --db %s`, or put it "
            "in the diary's place (keep the damaged one)\n",
            dest, plain_path(dest) ? dest : "NEW.db");
    strbuf_free(&lines[0]);
    strbuf_free(&lines[1]);
    return EXIT_OK;
}
