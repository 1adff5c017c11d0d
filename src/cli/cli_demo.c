/* cli_demo: `ache demo --days N [--seed S]` fills an empty diary. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/demo.h"
#include "ache/store.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_demo_opts[] = {
    {"days", 0, "N", "how many days of history, ending today (1-100000)"},
    {"seed", 0, "S", "a number choosing the history (default 1)"},
    {0}};

/* The whole made-up history is one change (ache undo takes it back). */
struct demo_sink {
    struct store *st;
    struct ache_err *err;
    long count;
    struct store_change change;
};

static enum ache_status store_one(struct checkin *c, void *arg)
{
    struct demo_sink *sink = arg;
    sink->count++;
    return store_add(sink->st, c, &sink->change, sink->err);
}

struct demo_args {
    long days;
    uint64_t seed;
};

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    struct demo_args *a = arg;
    char *end;
    if (!opt)
        return cli_unexpected(ctx, value);
    if (strcmp(opt->name, "days") == 0) {
        if (!parse_int(value, 1, 100000, &a->days) || value[0] == '+')
            return cli_usage_error(ctx, "days: '%s' is not a number of days "
                                        "from 1 to 100000",
                                   value);
    } else if (!*value || value[0] == '-' || value[0] == '+' ||
               (a->seed = strtoull(value, &end, 10), *end)) {
        return cli_usage_error(ctx, "seed: '%s' is not a whole number",
                               value);
    }
    return EXIT_OK;
}

static int parse_demo_args(const struct cli_ctx *ctx, int argc, char **argv,
                           long *days, uint64_t *seed)
{
    struct demo_args a = {0, 1};
    int rc = cli_parse_args(ctx, argc, argv, cli_demo_opts, take_arg, &a);
    if (rc != EXIT_OK)
        return rc;
    *days = a.days;
    *seed = a.seed;
    return *days ? EXIT_OK : cli_usage_error(ctx, "how many days? give "
                                                  "--days N");
}

static int fill(const struct cli_ctx *ctx, struct store *st, long days,
                uint64_t seed)
{
    struct ache_err err = {{0}};
    long existing = 0;
    enum ache_status s = store_count(st, &existing, &err);
    if (s == ACHE_OK && existing > 0)
        s = ache_fail(&err, ACHE_ERR_REFUSED,
                      "%s already holds %ld check-in%s; demo fills only an "
                      "empty diary (name a new one with --db PATH)",
                      ctx->db_path, existing, existing == 1 ? "" : "s");
    struct demo_params p = {ctx->today - (ache_day)days + 1, ctx->today,
                            seed};
    struct demo_sink sink = {st, &err, 0, {.source = STORE_BY_DEMO, .detail = NULL}};
    /* All or nothing, as a half-made demo diary is of no use. */
    if (s == ACHE_OK)
        s = store_begin_atomic(st, &err);
    if (s == ACHE_OK) {
        s = demo_generate(&p, store_one, &sink);
        s = s == ACHE_OK ? store_commit(st, &err) : (store_rollback(st), s);
    }
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    char a[DATE_BUF], b[DATE_BUF];
    fprintf(ctx->out, "added %ld check-ins over %ld days (%s to %s) to %s\n",
            sink.count, days, date_format(p.first, a), date_format(p.last, b),
            ctx->db_path);
    return EXIT_OK;
}

int cli_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    long days = 0;
    uint64_t seed = 1;
    int rc = parse_demo_args(ctx, argc, argv, &days, &seed);
    if (rc != EXIT_OK)
        return rc;
    struct store *st;
    rc = cli_open_checked_store(ctx, true, &st);
    if (rc != EXIT_OK)
        return rc;
    rc = fill(ctx, st, days, seed);
    store_close(st);
    return rc;
}
