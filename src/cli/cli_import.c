/* cli_import: `ache import FILE`, which accounts for every row it reads.
 *
 * An import reads the file twice: once to check every record, with the
 * diary untouched, then again to merge each record as it is read, in one
 * all-or-nothing transaction that is one change (`ache undo` takes it all
 * back). So a bad file changes nothing, not even whether the diary exists,
 * and no pass holds the file's check-ins. Every record read ends in one of
 * the results of store_merge, and the counts printed add up to the rows.
 * Rows in conflict with the diary store nothing unless --prefer-file or
 * --prefer-diary says which wins; --dry-run says what would happen and
 * stores nothing.
 *
 * The file's name is shown (in messages, counts and conflicts) as
 * text_quote shows what a person typed, and the conflicts' notes and tags
 * through text_safe: a name or a file never sends a control character to
 * the terminal.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/fields.h"
#include "ache/filemap.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_import_opts[] = {
    {"format", 0, "csv|json", "the format (default: from the name, else "
                              "from the content)"},
    {"dry-run", 'n', NULL, "say what the import would do, storing nothing"},
    {"prefer-file", 0, NULL, "in a conflict, take the file's version (as a "
                             "new version)"},
    {"prefer-diary", 0, NULL, "in a conflict, keep the diary's version"},
    {"restore-deleted", 0, NULL, "bring back check-ins removed from the "
                                 "diary since the file was written"},
    {"create-fields", 0, NULL, "CSV: make a field of your own for each "
                               "column that names none (its kind from its "
                               "values)"},
    {0}};

struct import_args {
    const char *path, *format;
    bool dry_run, create_fields;
    struct store_merge_opts merge;
};

struct import_job {
    const struct cli_ctx *ctx;
    const struct import_args *args;
    struct store_merge_opts merge;
    struct filemap map;
    enum exchange_format format;
    const char *name; /* "stdin" for -; shown safely (text_safe) */
    struct store *st; /* the second pass's */
    struct store_change change;
    int line;         /* where the record being read begins */
    size_t checked, rows, anonymous;
    size_t counts[STORE_MERGE_RESULT_COUNT];
    size_t field_counts[STORE_MERGE_RESULT_COUNT]; /* of the file's fields */
    size_t med_counts[STORE_MERGE_RESULT_COUNT];    /* ... medicines */
    size_t period_counts[STORE_MERGE_RESULT_COUNT]; /* ... their periods */
    size_t dose_counts[STORE_MERGE_RESULT_COUNT];   /* ... doses */
    struct strbuf conflicts; /* one line each */
    struct field_row *new_fields; /* --create-fields: what to make */
    size_t nnew_fields;
};

/* ---- the two passes ---------------------------------------------------------- */

static enum ache_status check_only(struct checkin *c, void *arg,
                                   struct ache_err *err)
{
    struct import_job *job = arg;
    (void)err;
    job->checked++;
    job->anonymous += c->id[0] == '\0';
    return ACHE_OK;
}

/* A field the file brings: one of the diary's (the same name and kind),
 * or a new one, known to the process from here on so that the check-ins
 * after it may name it. */
static enum ache_status check_field(const struct field_record *f, void *arg,
                                    struct ache_err *err)
{
    (void)arg;
    const struct field_info *fi = field_named(f->name);
    if (fi)
        return fi->kind == f->kind
                   ? ACHE_OK
                   : ache_fail(err, ACHE_ERR_INVALID,
                               "field %s: a %s in the file, a %s in the "
                               "diary",
                               f->name, field_kind_name(f->kind),
                               field_kind_name(fi->kind));
    char name[FIELD_NAME_MAX + 1];
    snprintf(name, sizeof name, "%s", f->name);
    enum ache_status s = field_name_check(name, err);
    if (!s && (strcmp(name, f->name) != 0 || f->kind == FIELD_HOURS))
        s = ache_fail(err, ACHE_ERR_INVALID,
                      "field %s: not a name or kind a field of one's own "
                      "may have",
                      f->name);
    if (!s)
        fields_add(&(struct field_row){0, f->name, f->label, f->low_word,
                                       f->high_word, f->kind, f->weekly,
                                       f->hidden});
    return s;
}

static enum ache_status merge_field(const struct field_record *f, void *arg,
                                    struct ache_err *err)
{
    struct import_job *job = arg;
    enum store_merge_result r;
    enum ache_status s = store_field_merge(job->st, f, &job->change, &r, err);
    if (s == ACHE_OK)
        job->field_counts[r]++;
    return s;
}

static enum ache_status merge_med(const struct med *m, void *arg,
                                  struct ache_err *err)
{
    struct import_job *job = arg;
    return store_med_merge(job->st, m, &job->change, job->med_counts,
                           job->period_counts, err);
}

static enum ache_status merge_dose(const struct dose *d, void *arg,
                                   struct ache_err *err)
{
    struct import_job *job = arg;
    enum store_merge_result r;
    enum ache_status s = store_dose_merge(job->st, d, &job->change, &r, err);
    if (s == ACHE_OK)
        job->dose_counts[r]++;
    return s;
}

/* What c has of the parts, in words, for a conflict: a note by its first
 * line, so that the file's and the diary's can be told apart. */
static void describe_parts(const struct checkin *c, unsigned parts,
                           struct strbuf *out)
{
    size_t start = out->len;
    checkin_describe(c, parts & ~CHECKIN_PART(CP_NOTE), out);
    if (!(parts & CHECKIN_PART(CP_NOTE)))
        return;
    if (out->len > start)
        strbuf_append(out, ", ");
    if (!c->note || !*c->note) {
        strbuf_append(out, "no note");
        return;
    }
    char cut[256];
    size_t len = strcspn(c->note, "\r\n");
    struct strbuf line = {0};
    text_safe(&line, c->note, len, cli_utf8(false) ? TEXT_SAFE_UTF8 : 0);
    const char *first = strbuf_str(&line);
    /* 40 columns at most, and "..." once: for a line cut, or for the
     * lines after it */
    text_ellipsize(first, 40, true, cut, sizeof cut);
    bool more = c->note[len] != '\0' && strcmp(cut, first) == 0;
    if (more && text_width(first, strlen(first)) > 37) {
        text_ellipsize(first, 37, true, cut, sizeof cut);
        more = false;
    }
    strbuf_printf(out, "note \"%s%s\"", cut, more ? "..." : "");
    strbuf_free(&line);
}

/* "  diary.csv:12: 3f2a9c41 2026-11-20 08:30: the file has pain 5, the
 * diary pain 6". */
static void note_conflict(struct import_job *job, const struct checkin *c,
                          const struct checkin *diary)
{
    struct strbuf line = {0}, *out = &line;
    char day[DATE_BUF], when[TIME_BUF];
    unsigned parts = checkin_diff(diary, c);
    strbuf_printf(out, "  %s:%d: %.8s %s", job->name, job->line, c->id,
                  date_format(diary->date, day));
    if (diary->minute != CHECKIN_TIME_ABSENT)
        strbuf_printf(out, " %s", time_format(diary->minute, when));
    strbuf_append(out, ": the file has ");
    describe_parts(c, parts, out);
    strbuf_append(out, "; the diary ");
    describe_parts(diary, parts, out);
    /* the tags of a diary from an older ache may hold anything */
    text_safe(&job->conflicts, line.data, line.len,
              cli_utf8(false) ? TEXT_SAFE_UTF8 : 0);
    strbuf_putc(&job->conflicts, '\n');
    strbuf_free(&line);
}

static enum ache_status merge_one(struct checkin *c, void *arg,
                                  struct ache_err *err)
{
    struct import_job *job = arg;
    enum store_merge_result r;
    struct checkin diary;
    enum ache_status s = store_merge(job->st, c, &job->merge, &job->change,
                                     &r, &diary, err);
    if (s == ACHE_OK) {
        job->rows++;
        job->counts[r]++;
        if (r == STORE_CONFLICT && diary.id[0])
            note_conflict(job, c, &diary);
    }
    checkin_free(&diary);
    return s;
}

/* Returns the heap's free pages too: the records freed one by one among
 * SQLite's pages leave holes that glibc would otherwise keep, and the
 * peak would grow with the file. */
static void give_back_before(const char *p, void *arg)
{
    struct import_job *job = arg;
    size_t before = job->map.given_back;
    filemap_done_before(&job->map, p);
#ifdef __GLIBC__
    if (job->map.given_back != before)
        malloc_trim(0);
#endif
}

/* A file mixing records with and without ids: each id it gives is
 * claimed first, so that a record without an id never matches a check-in
 * a later record names. */
static enum ache_status claim_one(struct checkin *c, void *arg,
                                  struct ache_err *err)
{
    struct import_job *job = arg;
    (void)err;
    if (c->id[0])
        store_matched_claim(job->merge.matched, c->id);
    return ACHE_OK;
}

/* The first pass (check_only) checks everything; the later ones
 * (claim_one, merge_one) read a file known to be good. */
static enum ache_status read_pass(struct import_job *job,
                                  enum ache_status (*each)(struct checkin *,
                                                           void *,
                                                           struct ache_err *),
                                  struct ache_err *err)
{
    bool merging = each == merge_one;
    struct exchange_reader reader = {
        .each = each,
        .done_before = give_back_before,
        .arg = job,
        .ids_checked = each != check_only,
        .line = &job->line,
        .field = merging ? merge_field : check_field,
        .med = merging ? merge_med : NULL,
        .dose = merging ? merge_dose : NULL};
    enum ache_status s = exchange_read(job->format, job->name, job->map.data,
                                       job->map.len, job->ctx->today, &reader,
                                       err);
    /* What changed under the reader is not what was checked (and a file
     * cut short reads as zeros): refused whole, whatever was read. */
    if (filemap_changed(&job->map))
        s = ache_fail(err, ACHE_ERR_IO,
                      "%s changed while it was read; nothing was stored: "
                      "import it again once it is complete",
                      job->name);
    return s;
}

/* Conflicts nobody settled leave the diary as it was. */
static bool unsettled(const struct import_job *job)
{
    return job->counts[STORE_CONFLICT] && !job->merge.prefer_file &&
           !job->merge.prefer_diary;
}

/* The fields --create-fields found columns for, made in the diary before
 * the rows that give them values (in the import's batch and change). */
static enum ache_status make_new_fields(struct import_job *job,
                                        struct ache_err *err)
{
    enum ache_status s = ACHE_OK;
    for (size_t i = 0; s == ACHE_OK && i < job->nnew_fields; i++) {
        const struct field_row *r = &job->new_fields[i];
        struct field_record f = {.kind = r->kind};
        snprintf(f.name, sizeof f.name, "%s", r->name);
        s = store_field_add(job->st, &f, &job->change, err);
        if (s == ACHE_OK)
            job->field_counts[STORE_ADDED]++;
    }
    return s;
}

/* --create-fields: the columns of a CSV file that could be fields, known
 * to the process from here on (the diary gets them in the merge). */
static enum ache_status guess_new_fields(struct import_job *job,
                                         struct ache_err *err)
{
    if (!job->args->create_fields || job->format != EXCHANGE_CSV)
        return ACHE_OK;
    enum ache_status s =
        exchange_csv_new_fields(job->name, job->map.data, job->map.len,
                                &job->new_fields, &job->nnew_fields, err);
    for (size_t i = 0; s == ACHE_OK && i < job->nnew_fields; i++)
        fields_add(&job->new_fields[i]);
    return s;
}

static void free_new_fields(struct import_job *job)
{
    for (size_t i = 0; i < job->nnew_fields; i++)
        free((char *)job->new_fields[i].name);
    free(job->new_fields);
}

static enum ache_status merge_pass(struct import_job *job,
                                   struct ache_err *err)
{
    enum ache_status s = ACHE_OK;
    if (job->anonymous)
        job->merge.matched = store_matched_new();
    if (job->anonymous && job->anonymous < job->checked)
        s = read_pass(job, claim_one, err);
    if (s == ACHE_OK)
        s = store_begin_atomic(job->st, err);
    if (s == ACHE_OK)
        s = make_new_fields(job, err);
    if (s == ACHE_OK)
        s = read_pass(job, merge_one, err);
    if (s == ACHE_OK && !job->args->dry_run && !unsettled(job))
        s = store_commit(job->st, err);
    else
        store_rollback(job->st);
    store_matched_free(job->merge.matched);
    job->merge.matched = NULL;
    return s;
}

/* ---- saying what it did ------------------------------------------------------- */

static const char *result_words(const struct import_job *job,
                                enum store_merge_result r)
{
    switch (r) {
    case STORE_ADDED:
        return "added";
    case STORE_UPDATED:
        return "updated";
    case STORE_UNCHANGED:
        return "unchanged";
    case STORE_OLDER:
        return "older than the diary";
    case STORE_KEPT_DELETED:
        return "kept deleted";
    case STORE_RESTORED:
        return "restored";
    default:
        return job->merge.prefer_file    ? "in conflict (the file's version "
                                           "taken)"
               : job->merge.prefer_diary ? "in conflict (the diary's version "
                                           "kept)"
                                         : "in conflict";
    }
}

/* "diary.csv: 12 rows: 3 added, 9 unchanged" (every result met). */
static void put_counts(const struct import_job *job, struct strbuf *out)
{
    strbuf_printf(out, "%s: %zu row%s", job->name, job->rows,
                  job->rows == 1 ? "" : "s");
    const char *sep = ": ";
    for (int r = 0; r < STORE_MERGE_RESULT_COUNT; r++) {
        if (!job->counts[r])
            continue;
        strbuf_printf(out, "%s%zu %s", sep, job->counts[r],
                      result_words(job, (enum store_merge_result)r));
        sep = ", ";
    }
}

/* Conflicts nobody settled: the counts, each conflict, and the way on,
 * on stderr; nothing was stored. */
static int report_conflicts(const struct import_job *job)
{
    FILE *err = job->ctx->err;
    size_t n = job->counts[STORE_CONFLICT];
    struct strbuf line = {0};
    put_counts(job, &line);
    fprintf(err, "ache import: %s\n", strbuf_str(&line));
    fprintf(err, "ache import: %zu row%s in conflict with the diary (the "
                 "same check-in with other content, and neither is "
                 "newer):\n%s",
            n, n == 1 ? " is" : "s are", strbuf_str(&job->conflicts));
    fprintf(err, "ache import: nothing %s imported: --prefer-file takes the "
                 "file's versions, --prefer-diary keeps the diary's\n",
            job->args->dry_run ? "would be" : "was");
    strbuf_free(&line);
    return EXIT_FAIL;
}

/* "fields: 2 added, 9 unchanged", when the file brought a record the
 * diary did not have as it is. */
static void put_record_counts(const struct import_job *job, const char *what,
                              const size_t *n)
{
    static const char *const words[] = {
        [STORE_ADDED] = "added", [STORE_UPDATED] = "updated",
        [STORE_UNCHANGED] = "unchanged", [STORE_OLDER] = "older than the "
                                                         "diary's",
        [STORE_KEPT_DELETED] = "removed from the diary since, and kept "
                               "removed"};
    if (!n[STORE_ADDED] && !n[STORE_UPDATED] && !n[STORE_KEPT_DELETED])
        return;
    const char *sep = "";
    fprintf(job->ctx->out, "%s: ", what);
    for (int r = STORE_ADDED; r <= STORE_KEPT_DELETED; r++)
        if (n[r]) {
            fprintf(job->ctx->out, "%s%zu %s", sep, n[r], words[r]);
            sep = ", ";
        }
    fputc('\n', job->ctx->out);
}

static void put_field_counts(const struct import_job *job)
{
    for (size_t i = 0; i < job->nnew_fields; i++)
        fprintf(job->ctx->out, "%s field %s (%s, from its values)\n",
                job->args->dry_run ? "would make" : "made",
                job->new_fields[i].name,
                field_kind_name(job->new_fields[i].kind));
    put_record_counts(job, "fields", job->field_counts);
    put_record_counts(job, "medicines", job->med_counts);
    put_record_counts(job, "regimen periods", job->period_counts);
    put_record_counts(job, "doses", job->dose_counts);
}

static int report(const struct import_job *job)
{
    if (unsettled(job))
        return report_conflicts(job);
    struct strbuf line = {0};
    put_counts(job, &line);
    fprintf(job->ctx->out, "%s %s\n",
            job->args->dry_run ? "would import" : "imported",
            strbuf_str(&line));
    size_t kept = job->counts[STORE_KEPT_DELETED];
    if (kept)
        fprintf(job->ctx->out,
                "%zu check-in%s in the file %s removed from the diary "
                "since, and %s removed: --restore-deleted brings %s back\n",
                kept, kept == 1 ? "" : "s", kept == 1 ? "was" : "were",
                job->args->dry_run ? "would stay"
                : kept == 1        ? "stays"
                                   : "stay",
                kept == 1 ? "it" : "them");
    put_field_counts(job);
    if (job->args->dry_run)
        fprintf(job->ctx->out, "(a dry run: nothing was stored)\n");
    strbuf_free(&line);
    return EXIT_OK;
}

/* ---- the command ------------------------------------------------------------- */

/* The format: given, else from the file name, else from the first
 * character that is not white space ('{' means JSON). */
static enum exchange_format guess_format(const char *path, const char *data,
                                         size_t len)
{
    enum exchange_format f;
    if (exchange_format_from_path(path, &f))
        return f;
    const char *end = data + len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3;
    while (data < end && *data && strchr(" \t\r\n", *data))
        data++;
    return data < end && *data == '{' ? EXCHANGE_JSON : EXCHANGE_CSV;
}

static int import_file(struct import_job *job)
{
    struct ache_err err = {{0}};
    cli_load_fields(job->ctx);
    enum ache_status s = guess_new_fields(job, &err);
    if (s == ACHE_OK)
        s = read_pass(job, check_only, &err);
    if (s != ACHE_OK)
        return cli_fail(job->ctx, s, &err);
    if (job->args->dry_run && access(job->ctx->db_path, F_OK) != 0) {
        /* no diary yet: every row would be added, and a dry run must not
         * create one */
        job->rows = job->counts[STORE_ADDED] = job->checked;
        return report(job);
    }
    int rc = cli_open_checked_store(job->ctx, true, &job->st);
    if (rc != EXIT_OK)
        return rc;
    s = merge_pass(job, &err);
    store_close(job->st);
    return s == ACHE_OK ? report(job) : cli_fail(job->ctx, s, &err);
}

static int take_import_arg(const struct cli_ctx *ctx,
                           const struct cli_opt *opt, const char *value,
                           void *arg)
{
    struct import_args *a = arg;
    if (!opt)
        return cli_take_one_word(ctx, NULL, value, &a->path);
    if (strcmp(opt->name, "format") == 0)
        a->format = value;
    else if (strcmp(opt->name, "dry-run") == 0)
        a->dry_run = true;
    else if (strcmp(opt->name, "prefer-file") == 0)
        a->merge.prefer_file = true;
    else if (strcmp(opt->name, "prefer-diary") == 0)
        a->merge.prefer_diary = true;
    else if (strcmp(opt->name, "create-fields") == 0)
        a->create_fields = true;
    else
        a->merge.restore_deleted = true;
    return EXIT_OK;
}

/* The arguments, checked before the file is read (it may be large, or
 * standard input). */
static int parse_import_args(const struct cli_ctx *ctx, int argc, char **argv,
                             struct import_args *a, enum exchange_format *f)
{
    int rc = cli_parse_args(ctx, argc, argv, cli_import_opts, take_import_arg,
                            a);
    if (rc != EXIT_OK)
        return rc;
    if (!a->path)
        return cli_usage_error(ctx, "which file? give its name, or - for "
                                    "standard input");
    if (a->merge.prefer_file && a->merge.prefer_diary)
        return cli_usage_error(ctx, "--prefer-file and --prefer-diary "
                                    "cannot both win; give one");
    if (a->format && !exchange_format_parse(a->format, f)) {
        char shown[64];
        return cli_usage_error(ctx, "format: '%s' is not a format (use csv "
                                    "or json)",
                               text_quote(a->format, strlen(a->format), shown,
                                          sizeof shown));
    }
    if (a->format && *f == EXCHANGE_FHIR)
        return cli_usage_error(ctx, "fhir: ache cannot import FHIR (export "
                                    "only)");
    return EXIT_OK;
}

int cli_import(struct cli_ctx *ctx, int argc, char **argv)
{
    struct import_args a = {0};
    enum exchange_format f = EXCHANGE_CSV;
    struct ache_err err = {{0}};
    int rc = parse_import_args(ctx, argc, argv, &a, &f);
    if (rc != EXIT_OK)
        return rc;
#ifdef __GLIBC__
    /* A fixed threshold: glibc would raise it (and the heap's trim
     * threshold with it) after the first large block is freed. */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    struct import_job job = {.ctx = ctx, .args = &a, .merge = a.merge,
                             .format = f};
    const char *path = strcmp(a.path, "-") == 0 ? "stdin" : a.path;
    struct strbuf name = {0};
    text_safe(&name, path, strlen(path), TEXT_SAFE_UTF8);
    job.name = strbuf_str(&name);
    /* the history keeps the name as it is, and shows it safely */
    job.change = (struct store_change){.source = STORE_BY_IMPORT, .detail = path};
    if (filemap_open(a.path, &job.map, &err) != ACHE_OK) {
        strbuf_free(&name);
        return cli_fail(ctx, ACHE_ERR_IO, &err);
    }
    if (!a.format)
        job.format = guess_format(a.path, job.map.data, job.map.len);
    rc = import_file(&job);
    free_new_fields(&job);
    filemap_close(&job.map);
    strbuf_free(&job.conflicts);
    strbuf_free(&name);
    return rc;
}
