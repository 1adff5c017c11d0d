/* cli_report: `ache insights` (what the diary suggests, explained) and
 * `ache report` (one page for a clinician, as text, Markdown or HTML). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/report.h"
#include "ache/store.h"
#include "ache/tags.h"
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

/* What a report reads from the diary. */
struct report_data {
    struct checkin_list list;
    struct tag_list tags;
    struct report_late *late;
    size_t nlate;
};

static void report_data_free(struct report_data *data)
{
    checkin_list_free(&data->list);
    tag_list_free(&data->tags);
    free(data->late);
}

static enum ache_status take_late(const struct store_late_change *lc,
                                  void *arg)
{
    struct report_data *data = arg;
    data->late = xreallocarray(data->late, data->nlate + 1,
                               sizeof *data->late);
    data->late[data->nlate++] = (struct report_late){
        lc->date, lc->parts, stamp_local_day(lc->at)};
    return ACHE_OK;
}

/* ---- reading what the period needs ---------------------------------------- */

/* Days to read before the period's own reading begins. */
struct window {
    ache_day from, to;
};

static int compare_windows(const void *pa, const void *pb)
{
    const struct window *a = pa, *b = pb;
    return (a->from > b->from) - (a->from < b->from);
}

/* The days each treatment carried in the period needs for its trial (the
 * baseline before its first use and the days after) that lie before
 * `before`, sorted and merged so that no day is read twice. */
static enum ache_status trial_windows(struct store *st,
                                      const struct tag_list *tags,
                                      ache_day before, struct window *w,
                                      size_t *nw, struct ache_err *err)
{
    enum ache_status s = ACHE_OK;
    *nw = 0;
    for (size_t t = 0; s == ACHE_OK && t < tags->n; t++) {
        bool found = false;
        ache_day use = 0;
        if (tags->items[t].kind == TAG_TREATMENT)
            s = store_tag_first_use(st, tags->items[t].name, &found, &use,
                                    err);
        if (!found || use - INSIGHTS_TRIAL_BEFORE_DAYS >= before)
            continue;
        ache_day to = use + INSIGHTS_TRIAL_AFTER_DAYS;
        w[(*nw)++] = (struct window){use - INSIGHTS_TRIAL_BEFORE_DAYS,
                                     to < before ? to : before - 1};
    }
    qsort(w, *nw, sizeof *w, compare_windows);
    size_t k = 0;
    for (size_t i = 0; i < *nw; i++)
        if (k > 0 && w[i].from <= w[k - 1].to + 1)
            w[k - 1].to = w[i].to > w[k - 1].to ? w[i].to : w[k - 1].to;
        else
            w[k++] = w[i];
    *nw = k;
    return s;
}

/* Moves every check-in of `from` to the end of `to`. */
static void list_move(struct checkin_list *to, struct checkin_list *from)
{
    for (size_t i = 0; i < from->n; i++)
        *checkin_list_push(to) = from->items[i];
    free(from->items);
    *from = (struct checkin_list){0};
}

/* Puts the check-ins of the trial windows before those of the period's
 * reading, which begins at `before`, keeping the list in date order. */
static enum ache_status read_trials(struct store *st, ache_day before,
                                    struct report_data *data,
                                    struct ache_err *err)
{
    struct window *w = xcalloc(data->tags.n ? data->tags.n : 1, sizeof *w);
    size_t nw = 0;
    struct checkin_list early = {0};
    enum ache_status s = trial_windows(st, &data->tags, before, w, &nw, err);
    for (size_t i = 0; s == ACHE_OK && i < nw; i++)
        s = store_list_range(st, w[i].from, w[i].to, &early, err);
    free(w);
    list_move(&early, &data->list);
    data->list = early;
    return s;
}

/* The check-ins the period needs and no more, so that a report costs what
 * its period holds, not the whole diary: the period, the history its
 * flares read before it (all of it when a flare under way reaches that
 * far), and the days around each treatment's first use that its trial
 * compares. Then the period's tags with their kinds, and the changes made
 * after their day to check-ins of the period. */
static enum ache_status read_period(struct store *st, ache_day first,
                                    ache_day last, struct report_data *data,
                                    struct ache_err *err)
{
    ache_day from = first - INSIGHTS_HISTORY_DAYS;
    enum ache_status s = store_tags_in_range(st, first, last, &data->tags,
                                             err);
    if (s == ACHE_OK)
        s = store_list_range(st, from, last, &data->list, err);
    if (s == ACHE_OK && insights_flare_reaches_back(data->list.items,
                                                    data->list.n, first,
                                                    last)) {
        checkin_list_free(&data->list);
        from = date_from_ymd(DATE_MIN_YEAR, 1, 1);
        s = store_list_range(st, from, last, &data->list, err);
    }
    if (s == ACHE_OK)
        s = read_trials(st, from, data, err);
    if (s == ACHE_OK)
        s = store_each_late_change(st, first, last, take_late, data, err);
    return s;
}

/* A period asked to begin before the diary's first check-in begins there
 * (in->from_moved says so): the days before hold nothing, and a --from of
 * 0001-01-01 would otherwise size every table of days by two thousand
 * years. An empty diary, or one that begins after the period, keeps the
 * period asked. */
static enum ache_status fit_to_diary(struct store *st, struct report_input *in,
                                     struct ache_err *err)
{
    ache_day lo = 0, hi = 0;
    bool empty = true;
    enum ache_status s = store_date_span(st, &lo, &hi, &empty, err);
    if (s == ACHE_OK && !empty && in->first < lo && lo <= in->last) {
        in->asked_first = in->first;
        in->first = lo;
        in->from_moved = true;
    }
    return s;
}

static int load(const struct cli_ctx *ctx, struct report_input *in,
                struct report_data *data)
{
    struct store *st;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = fit_to_diary(st, in, &err);
    if (s == ACHE_OK)
        s = read_period(st, in->first, in->last, data, &err);
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
                   struct report_input *in, struct report_data *data)
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
    in->items = data->list.items;
    in->n = data->list.n;
    in->tags = &data->tags;
    in->late = data->late;
    in->nlate = data->nlate;
    in->prepared = ctx->today;
    return rc;
}

int cli_insights(struct cli_ctx *ctx, int argc, char **argv)
{
    struct report_args a = {0};
    struct report_input in = {0};
    struct report_data data = {0};
    int rc = prepare(ctx, argc, argv, cli_insights_opts, &a, &in, &data);
    if (rc == EXIT_OK) {
        bool json = a.format && strcmp(a.format, "json") == 0;
        char *text = json ? report_insights_json(&in)
                          : report_insights(&in, cli_utf8(false));
        fputs(text, ctx->out);
        free(text);
    }
    report_data_free(&data);
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
    struct report_data data = {0};
    int rc = prepare(ctx, argc, argv, cli_report_opts, &a, &in, &data);
    if (rc == EXIT_OK && !a.output)
        rc = cli_refuse_diary_file(ctx, NULL);
    if (rc == EXIT_OK) {
        struct report_options opt = {chosen_format(&a), cli_utf8(false),
                                     a.hide};
        char *text = report_render(&in, &opt);
        if (a.output)
            rc = cli_replace_file(ctx, a.output, write_all, text);
        else
            fputs(text, ctx->out);
        free(text);
    }
    report_data_free(&data);
    return rc;
}
