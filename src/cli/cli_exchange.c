/* cli_exchange: `ache export` and `ache backup` (import: cli_import.c). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_export_opts[] = {
    {"format", 0, "csv|json|fhir", "the format (default: from -o's name, "
                                   "else csv)"},
    {"from", 0, "D", "first day (default: the first check-in)"},
    {"to", 0, "D", "last day (default: today)"},
    {"output", 'o', "FILE", "write to FILE (mode 0600) instead of stdout"},
    {"notes", 0, NULL, "with --format fhir, include notes (CSV and JSON "
                       "always do)"},
    {"what", 0, "checkins|doses", "what to export (default: check-ins; "
                                  "doses as CSV)"},
    {0}};
const struct cli_opt cli_backup_opts[] = {{0}};

/* Flush the buffer to the file descriptor once it holds this much. */
#define FLUSH_AT 65536

struct export_sink {
    enum exchange_format format;
    struct exchange_opts opts;
    struct strbuf buf;
    size_t count; /* records written (FHIR: Observations) */
    size_t checkins, ndoses; /* what was written, as a person counts it */
    int fd;
    bool to_terminal; /* shown through text_safe: a person reads it */
    bool doses;       /* the doses, not the check-ins */
    bool failed;
    int saved_errno;
};

/* Writes what the sink holds. On a terminal a note is read, not kept: its
 * control characters are shown (^[) rather than run. The buffer always
 * ends where a record does, so no character is cut in two. */
static void sink_flush(struct export_sink *sink)
{
    if (sink->to_terminal && sink->buf.len) {
        struct strbuf shown = {0};
        text_safe(&shown, sink->buf.data, sink->buf.len,
                  TEXT_SAFE_LINES | (cli_utf8(false) ? TEXT_SAFE_UTF8 : 0));
        strbuf_free(&sink->buf);
        sink->buf = shown;
    }
    if (!sink->failed && sink->buf.len) {
        int e = fd_write_all(sink->fd, sink->buf.data, sink->buf.len);
        sink->failed = e != 0;
        sink->saved_errno = e;
    }
    strbuf_reset(&sink->buf);
}

static enum ache_status sink_checkin(const struct checkin *c, void *arg)
{
    struct export_sink *sink = arg;
    sink->checkins++;
    sink->count += exchange_write_checkin_opts(sink->format, c, sink->count,
                                               &sink->opts, &sink->buf);
    if (sink->buf.len >= FLUSH_AT)
        sink_flush(sink);
    return sink->failed ? ACHE_ERR_IO : ACHE_OK;
}

/* The doses of the range as CSV into the sink. */
static enum ache_status export_doses(struct store *st,
                                     struct export_sink *sink, ache_day from,
                                     ache_day to, struct ache_err *err)
{
    struct dose_list doses = {0};
    enum ache_status s = store_doses_list(st, from, to, &doses, err);
    if (s == ACHE_OK) {
        exchange_csv_write_doses(&doses, &sink->buf);
        sink->count = doses.n;
        sink->ndoses = doses.n;
        sink_flush(sink);
    }
    dose_list_free(&doses);
    return s;
}

/* Writes the range into the sink; returns an exit status, printing
 * errors (`where` names the output in them). */
static int export_range(const struct cli_ctx *ctx, struct store *st,
                        struct export_sink *sink, ache_day from, ache_day to,
                        const char *where)
{
    struct ache_err err = {{0}};
    if (sink->doses) {
        enum ache_status s = export_doses(st, sink, from, to, &err);
        if (s == ACHE_OK && sink->failed)
            s = ache_fail(&err, ACHE_ERR_IO, "%s: %s", where,
                          strerror(sink->saved_errno));
        return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
    }
    struct store_field_list fields = {0};
    struct med_list meds = {0};
    struct dose_list doses = {0};
    bool json = sink->format == EXCHANGE_JSON;
    bool fhir = sink->format == EXCHANGE_FHIR;
    enum ache_status s = json ? store_fields_list(st, &fields, &err) : ACHE_OK;
    if (s == ACHE_OK && (json || fhir))
        s = store_meds_list(st, &meds, &err);
    if (s == ACHE_OK && json)
        s = store_doses_list(st, from, to, &doses, &err);
    sink->ndoses = doses.n;
    sink->opts.fields = fields.items;
    sink->opts.nfields = fields.n;
    sink->opts.meds = json ? &meds : NULL;
    sink->opts.doses = json ? &doses : NULL;
    if (s == ACHE_OK) {
        exchange_write_begin_opts(sink->format, &sink->opts, &sink->buf);
        s = store_each_in_range(st, from, to, sink_checkin, sink, &err);
    }
    if (s == ACHE_OK && fhir)
        sink->count += exchange_fhir_write_meds(&meds, from, to, sink->count,
                                                &sink->buf);
    sink->opts.fields = NULL;
    sink->opts.meds = NULL;
    sink->opts.doses = NULL;
    store_field_list_free(&fields);
    med_list_free(&meds);
    dose_list_free(&doses);
    if (s == ACHE_OK) {
        exchange_write_end(sink->format, sink->count, &sink->buf);
        sink_flush(sink);
    }
    if (sink->failed)
        s = ache_fail(&err, ACHE_ERR_IO, "%s: %s", where,
                      strerror(sink->saved_errno));
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* An export into a file: cli_replace_file writes it to a temporary name,
 * syncs and renames it, so a failed export never leaves half a file. */
struct export_job {
    const struct cli_ctx *ctx;
    struct store *st;
    struct export_sink *sink;
    ache_day from, to;
    const char *path;
};

static int fill_export(int fd, void *arg)
{
    struct export_job *job = arg;
    job->sink->fd = fd;
    int rc = export_range(job->ctx, job->st, job->sink, job->from, job->to,
                          job->path);
    return rc == EXIT_OK ? 0 : -1; /* -1: the reason is already printed */
}

struct export_args {
    const char *format, *output, *what;
    struct cli_range range;
    bool notes;
};

static int take_export_arg(const struct cli_ctx *ctx,
                           const struct cli_opt *opt, const char *value,
                           void *arg)
{
    struct export_args *a = arg;
    if (!opt)
        return cli_unexpected(ctx, value);
    if (strcmp(opt->name, "format") == 0)
        a->format = value;
    else if (strcmp(opt->name, "output") == 0)
        a->output = value;
    else if (strcmp(opt->name, "notes") == 0)
        a->notes = true;
    else if (strcmp(opt->name, "what") == 0)
        a->what = value;
    else
        return cli_range_option(ctx, opt, value, &a->range);
    return EXIT_OK;
}

static int parse_export_args(const struct cli_ctx *ctx, int argc, char **argv,
                             struct export_args *a)
{
    cli_range_init(ctx, &a->range);
    int rc = cli_parse_args(ctx, argc, argv, cli_export_opts,
                            take_export_arg, a);
    return rc == EXIT_OK ? cli_range_check(ctx, &a->range) : rc;
}

/* Says what an export into a file wrote, and where: "wrote 3 check-ins
 * and 2 doses to out.json (JSON)". Nothing is said of standard output,
 * which holds the export itself. */
static void say_written(const struct cli_ctx *ctx,
                        const struct export_sink *sink, const char *path)
{
    static const char *const format_names[] = {
        [EXCHANGE_CSV] = "CSV", [EXCHANGE_JSON] = "JSON",
        [EXCHANGE_FHIR] = "FHIR"};
    struct strbuf what = {0};
    if (!sink->doses)
        strbuf_printf(&what, "%zu check-in%s", sink->checkins,
                      sink->checkins == 1 ? "" : "s");
    if (!sink->doses && sink->ndoses)
        strbuf_append(&what, " and ");
    if (sink->doses || sink->ndoses)
        strbuf_printf(&what, "%zu dose%s", sink->ndoses,
                      sink->ndoses == 1 ? "" : "s");
    cli_err(ctx, "ache %s: wrote %s to %s (%s)\n", ctx->command,
            strbuf_str(&what), path, format_names[sink->format]);
    strbuf_free(&what);
}

int cli_export(struct cli_ctx *ctx, int argc, char **argv)
{
    struct export_args a = {0};
    int rc = parse_export_args(ctx, argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    struct export_sink sink = {.format = EXCHANGE_CSV, .fd = STDOUT_FILENO};
    if (a.format && !exchange_format_parse(a.format, &sink.format))
        return cli_usage_error(ctx, "format: '%s' is not a format (use csv, "
                                    "json or fhir)",
                               a.format);
    if (!a.format && a.output)
        exchange_format_from_path(a.output, &sink.format);
    /* Refused rather than ignored: someone who asks for notes in a CSV
     * should not think that leaving it off would leave them out. */
    if (a.notes && sink.format != EXCHANGE_FHIR)
        return cli_usage_error(ctx, "--notes goes with --format fhir; CSV "
                                    "and JSON always carry notes");
    if (a.what && strcmp(a.what, "doses") != 0 &&
        strcmp(a.what, "checkins") != 0)
        return cli_usage_error(ctx, "what: '%s' is not what ache exports "
                                    "(use checkins or doses)",
                               a.what);
    sink.doses = a.what && strcmp(a.what, "doses") == 0;
    if (sink.doses && sink.format != EXCHANGE_CSV)
        return cli_usage_error(ctx, "--what doses writes CSV (JSON carries "
                                    "the doses with the check-ins)");
    sink.opts.notes = a.notes;
    sink.to_terminal = !a.output && isatty(STDOUT_FILENO);
    struct store *st;
    rc = a.output ? EXIT_OK : cli_refuse_diary_file(ctx, NULL);
    if (rc == EXIT_OK)
        rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    fflush(ctx->out);
    struct export_job job = {ctx, st, &sink, a.range.from, a.range.to,
                             a.output};
    rc = a.output ? cli_replace_file(ctx, a.output, fill_export, &job)
                  : export_range(ctx, st, &sink, job.from, job.to,
                                 "standard output");
    if (rc == EXIT_OK && a.output)
        say_written(ctx, &sink, a.output);
    store_close(st);
    strbuf_free(&sink.buf);
    return rc;
}

/* The one positional word a command takes (a file name). */
static int one_positional(const struct cli_ctx *ctx, int argc, char **argv,
                          const struct cli_opt *opts, const char **word)
{
    *word = NULL;
    int rc = cli_parse_args(ctx, argc, argv, opts, cli_take_one_word, word);
    if (rc == EXIT_OK && !*word)
        rc = cli_usage_error(ctx, "where to? give a file name");
    return rc;
}

int cli_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *dest;
    int rc = one_positional(ctx, argc, argv, cli_backup_opts, &dest);
    if (rc != EXIT_OK)
        return rc;
    struct store *st;
    struct ache_err err = {{0}};
    long count = 0;
    char *target = NULL; /* a backup is a diary: a plain file, never a device */
    rc = cli_refuse_diary_file(ctx, dest);
    if (rc == EXIT_OK)
        rc = cli_output_target(ctx, dest, false, &target);
    if (rc == EXIT_OK)
        rc = cli_open_checked_store(ctx, false, &st);
    if (rc != EXIT_OK) {
        free(target);
        return rc;
    }
    enum ache_status s = store_backup(st, target, &err);
    free(target);
    if (s == ACHE_OK)
        s = store_count(st, &count, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    fprintf(ctx->out, "backed up %ld check-in%s to %s\n", count,
            count == 1 ? "" : "s", dest);
    return EXIT_OK;
}
