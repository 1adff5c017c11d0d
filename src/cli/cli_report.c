/* cli_report: `ache insights` (what the diary suggests, explained) and
 * `ache report` (one page for a clinician, as text, Markdown or HTML). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/date.h"
#include "ache/fields.h"
#include "ache/period.h"
#include "ache/report.h"
#include "ache/store.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_insights_opts[] = {
    {"from", 0, "D", "first day (default: 89 days before --to)"},
    {"to", 0, "D", "last day (default: today)"},
    {"format", 0, "text|json", "text (default) or json, for programs"},
    {0}};
const struct cli_opt cli_report_opts[] = {
    {"from", 0, "D", "first day (default: 89 days before --to)"},
    {"to", 0, "D", "last day (default: today)"},
    {"format", 0, "text|markdown|html",
     "text, markdown or html (default: from -o's name, else text)"},
    {"hide", 0, "WHAT,...", "leave out notes, mood, tags, regions, meds or "
                            "any other field, your own too"},
    {"output", 'o', "FILE", "write to FILE (mode 0600) instead of stdout"},
    {0}};

struct report_args {
    const char *from, *to, *format, *output;
    /* --hide's words, every --hide joined: read once the diary is open,
     * since own fields are known by its table */
    struct strbuf hide_words;
    struct report_hide hide;
};

static int take_report_arg(const struct cli_ctx *ctx,
                           const struct cli_opt *opt, const char *value,
                           void *arg)
{
    struct report_args *a = arg;
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
    else
        strbuf_printf(&a->hide_words, "%s%s", a->hide_words.len ? "," : "",
                      value);
    return EXIT_OK;
}

/* --to (default today) and --from (default the REPORT_DEFAULT_DAYS days
 * ending with --to). */
static int report_range(const struct cli_ctx *ctx, const struct report_args *a,
                        ache_day *first, ache_day *last)
{
    return cli_window(ctx, a->from, a->to, REPORT_DEFAULT_DAYS, first, last);
}

/* The values of the own fields a report may show, sorted by day as
 * report_input.own wants them. */
struct own_read {
    struct own_seen *items; /* as they come, until sorted */
    size_t n, cap;
    struct report_own_value *values;
};

/* A value with the order it came in: store_own_values gives each batch
 * of keys by day and time, and the batches are put in one order by day
 * with each key's answers of a day kept in their order of time. */
struct own_seen {
    struct report_own_value v;
    size_t seq;
};

static void take_own(ache_day day, int key, int steps, void *ctx)
{
    struct own_read *o = ctx;
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 256;
        o->items = xreallocarray(o->items, o->cap, sizeof *o->items);
    }
    o->items[o->n] = (struct own_seen){{day, key, steps}, o->n};
    o->n++;
}

static int by_day(const void *pa, const void *pb)
{
    const struct own_seen *a = pa, *b = pb;
    if (a->v.day != b->v.day)
        return a->v.day < b->v.day ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The own fields a report may show: not hidden in the diary nor by
 * --hide, and not a preset's (the period's answers hold those). */
static size_t own_keys(const struct report_hide *hide,
                       int keys[FIELD_OWN_MAX])
{
    size_t n = 0;
    for (size_t i = CF_COUNT; i < fields_count() && n < FIELD_OWN_MAX; i++) {
        const struct field_info *fi = fields_at(i);
        bool preset = false;
        for (int item = 0; item < PRESET_ITEMS; item++)
            preset = preset ||
                     field_preset_key((enum field_preset_item)item) == fi->key;
        if (!fi->hidden && !preset && !report_hides_own(hide, fi->key))
            keys[n++] = fi->key;
    }
    return n;
}

/* Their values from the Monday of the first day's week (a weekly answer
 * may come before the period), STORE_OWN_KEYS fields at a time as the
 * store reads them. */
#define STORE_OWN_KEYS 6
static enum ache_status read_own(struct store *st, struct report_input *in,
                                 const struct report_hide *hide,
                                 struct own_read *o, struct ache_err *err)
{
    int keys[FIELD_OWN_MAX];
    size_t n = own_keys(hide, keys);
    enum ache_status s = ACHE_OK;
    ache_day from = in->first - date_weekday(in->first);
    for (size_t k = 0; s == ACHE_OK && k < n; k += STORE_OWN_KEYS)
        s = store_own_values(st, keys + k,
                             n - k < STORE_OWN_KEYS ? n - k : STORE_OWN_KEYS,
                             from, in->last, take_own, o, err);
    if (o->n > 1) /* qsort may not be given a null array, even empty */
        qsort(o->items, o->n, sizeof *o->items, by_day);
    o->values = xcalloc(o->n ? o->n : 1, sizeof *o->values);
    for (size_t i = 0; i < o->n; i++)
        o->values[i] = o->items[i].v;
    free(o->items);
    o->items = NULL;
    in->own = o->values;
    in->nown = o->n;
    return s;
}

/* Opens the diary, reads --hide with its fields known, and reads the
 * period (with the own values, when `own`: the report's). */
static int load(const struct cli_ctx *ctx, struct report_args *a,
                struct report_input *in, struct period_data *data,
                struct own_read *own)
{
    struct store *st;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    if (a->hide_words.len &&
        report_hide_parse(strbuf_str(&a->hide_words), &a->hide, &err) !=
            ACHE_OK) {
        store_close(st);
        return cli_usage_error(ctx, "%s", err.msg);
    }
    enum ache_status s = period_read(st, in, data, &err);
    if (s == ACHE_OK && own)
        s = read_own(st, in, &a->hide, own, &err);
    store_close(st);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

static void own_read_free(struct own_read *o)
{
    free(o->items);
    free(o->values);
    *o = (struct own_read){0};
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
                   struct report_input *in, struct period_data *data,
                   struct own_read *own)
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
        rc = load(ctx, a, in, data, own);
    in->prepared = ctx->today;
    return rc;
}

int cli_insights(struct cli_ctx *ctx, int argc, char **argv)
{
    struct report_args a = {0};
    struct report_input in = {0};
    struct period_data data = {0};
    int rc = prepare(ctx, argc, argv, cli_insights_opts, &a, &in, &data,
                     NULL);
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
    strbuf_free(&a.hide_words);
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
    struct own_read own = {0};
    int rc = prepare(ctx, argc, argv, cli_report_opts, &a, &in, &data, &own);
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
    own_read_free(&own);
    strbuf_free(&a.hide_words);
    return rc;
}
