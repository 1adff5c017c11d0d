/* cli_report: `ache insights` (what the diary suggests, explained) and
 * `ache report` (one page for a clinician, as text, Markdown or HTML). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/date.h"
#include "ache/period.h"
#include "ache/report.h"
#include "ache/store.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_insights_opts[] = {
    {"from", 0, "D", "first day (default: 89 days before --to)"},
    {"to", 0, "D", "last day (default: today)"},
    {"format", 0, "FORMAT", "text (default) or json, for programs"},
    {0}};
const struct cli_opt cli_report_opts[] = {
    {"from", 0, "D", "first day (default: 89 days before --to)"},
    {"to", 0, "D", "last day (default: today)"},
    {"format", 0, "FORMAT", "text, markdown or html (default: from -o's "
                            "name, else text)"},
    {"hide", 0, "WHAT,...", "leave out notes, mood, tags, regions or any "
                            "other value"},
    {"output", 'o', "FILE", "write to FILE (mode 0600) instead of stdout"},
    {0}};

struct report_args {
    const char *from, *to, *format, *output;
    unsigned hide;
};

static int take_report_arg(const struct cli_ctx *ctx,
                           const struct cli_opt *opt, const char *value,
                           void *arg)
{
    struct report_args *a = arg;
    struct ache_err err = {{0}};
    if (!opt)
        return cli_unexpected(ctx, value);
    if (strcmp(opt->name, "from") == 0)
        a->from = value;
    else if (strcmp(opt->name, "to") == 0)
        a->to = value;
    else if (strcmp(opt->name, "format") == 0)
        a->format = value;
    else if (strcmp(opt->name, "output") == 0)
        a->output = value;
    else if (report_hide_parse(value, &a->hide, &err) != ACHE_OK)
        return cli_usage_error(ctx, "%s", err.msg);
    return EXIT_OK;
}

/* --to (default today) and --from (default the REPORT_DEFAULT_DAYS days
 * ending with --to). */
static int report_range(const struct cli_ctx *ctx, const struct report_args *a,
                        ache_day *first, ache_day *last)
{
    return cli_window(ctx, a->from, a->to, REPORT_DEFAULT_DAYS, first, last);
}

static int load(const struct cli_ctx *ctx, struct report_input *in,
                struct period_data *data)
{
    struct store *st;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = period_read(st, in, data, &err);
    store_close(st);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* Whether --format names a format of the command: report's, or for
 * insights text and json. */
static bool format_known(const struct cli_opt *opts, const char *format)
{
    if (opts == cli_insights_opts)
        return strcmp(format, "text") == 0 || strcmp(format, "json") == 0;
    return report_format_parse(format, &(enum report_format){0});
}

/* Parses, reads the diary and fills the input of a report. */
static int prepare(struct cli_ctx *ctx, int argc, char **argv,
                   const struct cli_opt *opts, struct report_args *a,
                   struct report_input *in, struct period_data *data)
{
    int rc = cli_parse_args(ctx, argc, argv, opts, take_report_arg, a);
    if (rc == EXIT_OK)
        rc = report_range(ctx, a, &in->first, &in->last);
    if (rc == EXIT_OK && a->format && !format_known(opts, a->format))
        rc = cli_usage_error(ctx, "format: '%s' is not a format (use %s)",
                             a->format,
                             opts == cli_insights_opts
                                 ? "text or json"
                                 : "text, markdown or html");
    if (rc == EXIT_OK)
        rc = load(ctx, in, data);
    in->prepared = ctx->today;
    return rc;
}

int cli_insights(struct cli_ctx *ctx, int argc, char **argv)
{
    struct report_args a = {0};
    struct report_input in = {0};
    struct period_data data = {0};
    int rc = prepare(ctx, argc, argv, cli_insights_opts, &a, &in, &data);
    if (rc == EXIT_OK) {
        bool json = a.format && strcmp(a.format, "json") == 0;
        if (json) {
            char *text = report_insights_json(&in);
            fputs(text, ctx->out);
            free(text);
        } else {
            report_insights_to(&in, cli_utf8(false), ctx->out);
        }
    }
    period_data_free(&data);
    return rc;
}

static int write_all(int fd, void *arg)
{
    const char *text = arg;
    return fd_write_all(fd, text, strlen(text));
}

static enum report_format chosen_format(const struct report_args *a)
{
    enum report_format f = REPORT_TEXT;
    if (a->format)
        report_format_parse(a->format, &f);
    else if (a->output)
        report_format_from_path(a->output, &f);
    return f;
}

int cli_report(struct cli_ctx *ctx, int argc, char **argv)
{
    struct report_args a = {0};
    struct report_input in = {0};
    struct period_data data = {0};
    int rc = prepare(ctx, argc, argv, cli_report_opts, &a, &in, &data);
    if (rc == EXIT_OK && !a.output)
        rc = cli_refuse_diary_file(ctx, NULL);
    if (rc == EXIT_OK) {
        struct report_options opt = {chosen_format(&a), cli_utf8(false),
                                     a.hide};
        if (a.output) {
            char *text = report_render(&in, &opt);
            rc = cli_replace_file(ctx, a.output, write_all, text);
            free(text);
        } else {
            report_render_to(&in, &opt, ctx->out);
        }
    }
    period_data_free(&data);
    return rc;
}
