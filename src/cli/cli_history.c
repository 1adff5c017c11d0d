/* cli_history: `ache history [ID]`, `ache undo` and `ache restore ID`:
 * what the diary keeps of every change, shown and put to use. What a
 * diary holds (tag names, an import's file name) is shown through
 * text_safe. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"


const struct cli_opt cli_history_opts[] = {
    {"last", 0, "N", "without an id: how many of the latest changes (1-1000, "
                     "default 20)"},
    {0}};
const struct cli_opt cli_undo_opts[] = {{0}};
const struct cli_opt cli_restore_opts[] = {{0}};

/* What made a change, for people: "ache edit", "the full-screen diary". */
static const char *source_words(enum store_source s)
{
    static const char *const words[STORE_SOURCE_COUNT] = {
        [STORE_BY_ADD] = "ache add",         [STORE_BY_EDIT] = "ache edit",
        [STORE_BY_RM] = "ache rm",           [STORE_BY_IMPORT] = "ache import",
        [STORE_BY_SCREEN] = "full screen",   [STORE_BY_UNDO] = "ache undo",
        [STORE_BY_RESTORE] = "ache restore", [STORE_BY_DEMO] = "ache demo",
        [STORE_BY_FIELDS] = "ache fields",   [STORE_BY_MEDS] = "ache meds",
        [STORE_BY_TOOK] = "ache took",       [STORE_BY_TAGS] = "ache tags",
        [STORE_BY_SYNC] = "ache sync",
    };
    return (unsigned)s < STORE_SOURCE_COUNT && words[s] ? words[s] : "?";
}

/* "2026-11-24 08:30" of a check-in, or its date alone. */
static void put_when(struct strbuf *out, const struct checkin *c)
{
    char day[DATE_BUF], when[TIME_BUF];
    strbuf_append(out, date_format(c->date, day));
    if (c->minute != CHECKIN_TIME_ABSENT)
        strbuf_printf(out, " %s", time_format(c->minute, when));
}

/* ---- ache history ID ------------------------------------------------------ */

/* What a version changed, in words. */
static void version_words(const struct store_version *v,
                          const struct store_version *before,
                          bool after_removal, bool last, struct strbuf *what)
{
    if (v->removal) {
        /* the way back is worth saying only while it is removed */
        if (last)
            strbuf_printf(what, "removed: `ache restore %.8s` brings it "
                                "back",
                          v->state.id);
        else
            strbuf_append(what, "removed");
        return;
    }
    if (after_removal)
        strbuf_append(what, "brought back");
    struct strbuf change = {0};
    if (!before)
        checkin_describe(&v->state, checkin_given(&v->state), &change);
    else
        checkin_describe_change(&before->state, &v->state, v->parts, &change);
    if (change.len)
        strbuf_printf(what, "%s%s", after_removal ? ": " : "",
                      strbuf_str(&change));
    else if (!after_removal)
        strbuf_append(what, before ? "the same again" : "nothing given");
    strbuf_free(&change);
}

/* One line of a check-in's history; `after_removal` when it came back
 * from a removal. */
static void print_version(FILE *out, const struct store_version *v,
                          int number, const struct store_version *before,
                          bool last, bool after_removal)
{
    char at[STAMP_LOCAL_BUF], num[16] = "-";
    struct strbuf what = {0};
    if (!v->removal)
        snprintf(num, sizeof num, "%d", number);
    version_words(v, before, after_removal, last, &what);
    fprintf(out, "%-3s %s  %-13s ", num, stamp_format_local(v->at, at),
            v->change ? source_words(v->by) : "(not recorded)");
    cli_put_safe(out, strbuf_str(&what));
    fprintf(out, "%s\n", last && !v->removal ? "  (now)" : "");
    strbuf_free(&what);
}

static void print_history(FILE *out, const char *id,
                          const struct store_history *h)
{
    const struct store_version *newest = NULL;
    for (size_t i = 0; i < h->n; i++)
        if (!h->items[i].removal)
            newest = &h->items[i];
    struct strbuf head = {0};
    put_when(&head, &newest->state);
    fprintf(out, "check-in %.8s, %s %s\n", id,
            date_weekday_name(date_weekday(newest->state.date)),
            strbuf_str(&head));
    const struct store_version *before = NULL;
    int number = 0;
    for (size_t i = 0; i < h->n; i++) {
        struct store_version *v = &h->items[i];
        if (v->removal)
            snprintf(v->state.id, sizeof v->state.id, "%s", id);
        print_version(out, v, v->removal ? number : ++number, before,
                      i + 1 == h->n, i > 0 && h->items[i - 1].removal);
        if (!v->removal)
            before = v;
    }
    strbuf_free(&head);
}

/* One version a sync kept aside: "-   2026-11-24 09:00  from device
 * a7a896b7  pain 2, a note  (changed there too: a conflict)". */
static void print_aside(const struct cli_ctx *ctx,
                        const struct store_sync_aside *a)
{
    struct checkin_list list = {0};
    struct ache_err err;
    struct strbuf what = {0};
    char at[STAMP_LOCAL_BUF] = "";
    if (a->removed)
        strbuf_append(&what, "removed");
    else if (a->body &&
             exchange_parse(EXCHANGE_JSON, "sync", a->body, strlen(a->body),
                            date_from_ymd(9999, 12, 31), &list, &err) ==
                 ACHE_OK &&
             list.n == 1)
        checkin_describe(&list.items[0], checkin_given(&list.items[0]),
                         &what);
    else
        strbuf_append(&what, "(cannot be read)");
    if (list.n == 1)
        stamp_format_local(list.items[0].updated_at, at);
    fprintf(ctx->out, "-   %-16s  device %.8s  ", at, a->stamp.device);
    cli_put_safe(ctx->out, strbuf_str(&what));
    fprintf(ctx->out, "%s\n", a->conflict ? "  (a conflict)" : "");
    checkin_list_free(&list);
    strbuf_free(&what);
}

/* The versions of the check-in that syncs saw but did not take. */
static int print_asides(const struct cli_ctx *ctx, struct store *st,
                        const char *id)
{
    struct store_sync_asides asides;
    struct ache_err err;
    enum ache_status s = store_sync_asides(st, SK_CHECKIN, id, &asides, &err);
    if (s)
        return cli_fail(ctx, s, &err);
    if (asides.n)
        fprintf(ctx->out, "not taken: versions from other devices that a "
                          "later one replaced\n");
    for (size_t i = 0; i < asides.n; i++)
        print_aside(ctx, &asides.items[i]);
    store_sync_asides_free(&asides);
    return EXIT_OK;
}

static int history_of(const struct cli_ctx *ctx, struct store *st,
                      const char *prefix)
{
    char id[CHECKIN_ID_LEN + 1];
    struct store_history h;
    struct ache_err err = {{0}};
    enum ache_status s = store_resolve_id(st, prefix, STORE_IDS_ALL, id, &err);
    if (s != ACHE_OK)
        return cli_fail(ctx, s == ACHE_ERR_NOT_FOUND ? ACHE_ERR_INVALID : s,
                        &err);
    s = store_history(st, id, &h, &err);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    print_history(ctx->out, id, &h);
    store_history_free(&h);
    return print_asides(ctx, st, id);
}

/* ---- ache history (the latest changes) ------------------------------------ */

/* What a change touched: a check-in by its id's first 8 digits, an
 * import by its file name, whole. */
static void put_detail(FILE *out, const char *detail)
{
    if (checkin_id_valid(detail))
        fprintf(out, "%.8s", detail);
    else
        cli_put_safe(out, detail);
}

/* "     5  2026-11-24 13:00  ache undo of change 4 (3f2a9c41)". */
static void print_change(FILE *out, const struct store_change_info *c)
{
    char at[STAMP_LOCAL_BUF];
    fprintf(out, "%6lld  %s  %s", (long long)c->n,
            stamp_format_local(c->at, at), source_words(c->source));
    if (c->undoes)
        fprintf(out, " of change %lld", (long long)c->undoes);
    if (c->detail[0]) {
        fputs(c->undoes ? " (" : " ", out);
        put_detail(out, c->detail);
        fputs(c->undoes ? ")" : "", out);
    }
    fputc('\n', out);
}

static int recent_changes(const struct cli_ctx *ctx, struct store *st,
                          long last)
{
    struct store_change_info *list = xcalloc((size_t)last, sizeof *list);
    size_t n = 0;
    struct ache_err err = {{0}};
    enum ache_status s = store_changes_recent(st, (size_t)last, list, &n,
                                              &err);
    if (s == ACHE_OK && n == 0)
        fprintf(ctx->out, "no changes yet\n");
    else if (s == ACHE_OK)
        fprintf(ctx->out, "change  when              what\n");
    for (size_t i = 0; s == ACHE_OK && i < n; i++)
        print_change(ctx->out, &list[i]);
    free(list);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

struct history_args {
    const char *id;
    long last;
};

static int take_history_arg(const struct cli_ctx *ctx,
                            const struct cli_opt *opt, const char *value,
                            void *arg)
{
    struct history_args *a = arg;
    if (!opt)
        return cli_take_one_word(ctx, NULL, value, &a->id);
    if (!parse_int(value, 1, 1000, &a->last) || value[0] == '+') {
        char shown[64];
        return cli_usage_error(ctx, "last: '%s' is not a number from 1 to "
                                    "1000",
                               text_quote(value, strlen(value), shown,
                                          sizeof shown));
    }
    return EXIT_OK;
}

int cli_history(struct cli_ctx *ctx, int argc, char **argv)
{
    struct history_args a = {NULL, 0};
    int rc = cli_parse_args(ctx, argc, argv, cli_history_opts,
                            take_history_arg, &a);
    if (rc == EXIT_OK && a.id && a.last)
        rc = cli_usage_error(ctx, "--last goes with the list of changes, "
                                  "not with an id: give one or the other");
    struct store *st;
    if (rc == EXIT_OK)
        rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    rc = a.id ? history_of(ctx, st, a.id)
              : recent_changes(ctx, st, a.last ? a.last : 20);
    store_close(st);
    return rc;
}

/* ---- ache undo ------------------------------------------------------------- */

/* The one check-in an undo touched: what it did to it. */
static void print_undone_one(FILE *out, struct store *st, const char *id)
{
    struct store_history h;
    struct ache_err err;
    if (store_history(st, id, &h, &err) != ACHE_OK)
        return;
    const struct store_version *now = &h.items[h.n - 1], *was = NULL;
    for (size_t i = h.n - 1; i-- > 0;)
        if (!h.items[i].removal) {
            was = &h.items[i];
            break;
        }
    struct strbuf line = {0};
    const struct store_version *shown = now->removal ? was : now;
    if (shown)
        put_when(&line, &shown->state);
    strbuf_append(&line, ": ");
    if (now->removal)
        strbuf_append(&line, "removed");
    else if (was && h.items[h.n - 2].removal)
        strbuf_append(&line, "back in the diary");
    else if (was)
        checkin_describe_change(&was->state, &now->state, now->parts, &line);
    fprintf(out, "  %.8s ", id);
    cli_put_safe(out, strbuf_str(&line));
    fputc('\n', out);
    strbuf_free(&line);
    store_history_free(&h);
}

/* "1 field, 2 doses put back as before": the records other than
 * check-ins an undo touched; false when none. */
static bool put_record_counts(struct strbuf *line,
                              const struct store_undo_result *r)
{
    static const char *const one[STORE_RECORD_KINDS] = {
        "field", "medicine", "regimen period", "dose", "tag"};
    size_t start = line->len;
    for (int k = 0; k < STORE_RECORD_KINDS; k++)
        if (r->records[k])
            strbuf_printf(line, "%s%zu %s%s", line->len > start ? ", " : "",
                          r->records[k], one[k],
                          r->records[k] == 1 ? "" : "s");
    if (line->len > start)
        strbuf_append(line, " put back as before");
    return line->len > start;
}

/* "4 check-ins: 1 put back as before, 3 taken out", or "3 check-ins
 * taken out": what an undo of several did, each kind it did once. */
static void put_undone_counts(struct strbuf *line,
                              const struct store_undo_result *r)
{
    const size_t n[3] = {r->reverted, r->removed, r->restored};
    static const char *const what[3] = {"put back as before", "taken out",
                                        "brought back"};
    size_t total = n[0] + n[1] + n[2];
    int kinds = (n[0] > 0) + (n[1] > 0) + (n[2] > 0);
    bool records = put_record_counts(line, r);
    if (records && total)
        strbuf_append(line, "; ");
    if (total == 0) {
        if (!records)
            strbuf_append(line, "no check-in needed changing");
        return;
    }
    strbuf_printf(line, "%zu check-in%s%s", total, total == 1 ? "" : "s",
                  kinds > 1 ? ":" : "");
    const char *sep = " ";
    for (int i = 0; i < 3; i++) {
        if (!n[i])
            continue;
        if (kinds > 1)
            strbuf_printf(line, "%s%zu", sep, n[i]);
        strbuf_printf(line, " %s", what[i]);
        sep = ", ";
    }
}

static void print_undo(FILE *out, struct store *st,
                       const struct store_undo_result *r)
{
    char at[STAMP_LOCAL_BUF];
    fprintf(out, "undid change %lld (%s", (long long)r->undone.n,
            source_words(r->undone.source));
    if (r->undone.undoes)
        fprintf(out, " of change %lld", (long long)r->undone.undoes);
    else if (r->undone.source == STORE_BY_IMPORT && r->undone.detail[0]) {
        fputc(' ', out); /* a file name; an id is on the next line */
        cli_put_safe(out, r->undone.detail);
    }
    fprintf(out, ", %s)\n", stamp_format_local(r->undone.at, at));
    if (r->one_id[0]) {
        print_undone_one(out, st, r->one_id);
    } else {
        struct strbuf line = {0};
        put_undone_counts(&line, r);
        fprintf(out, "  %s\n", strbuf_str(&line));
        strbuf_free(&line);
    }
    fprintf(out, "this undo is change %lld: `ache undo` again reverses it\n",
            (long long)r->n);
}

static int take_nothing(const struct cli_ctx *ctx, const struct cli_opt *opt,
                        const char *value, void *arg)
{
    (void)opt, (void)arg;
    return cli_unexpected(ctx, value);
}

int cli_undo(struct cli_ctx *ctx, int argc, char **argv)
{
    int rc = cli_parse_args(ctx, argc, argv, cli_undo_opts, take_nothing,
                            NULL);
    struct store *st;
    if (rc == EXIT_OK)
        rc = cli_open_writer(ctx, false, &st);
    if (rc != EXIT_OK)
        return rc;
    struct store_undo_result r;
    struct ache_err err = {{0}};
    enum ache_status s = store_undo(st, &r, &err);
    if (s == ACHE_OK)
        print_undo(ctx->out, st, &r);
    else
        rc = cli_fail(ctx, s, &err);
    store_close(st);
    return rc;
}

/* ---- ache restore ID ------------------------------------------------------- */

int cli_restore(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *prefix = NULL;
    int rc = cli_parse_args(ctx, argc, argv, cli_restore_opts,
                            cli_take_one_word, &prefix);
    if (rc == EXIT_OK && !prefix)
        rc = cli_usage_error(ctx, "which check-in? give its id (ache rm "
                                  "printed it)");
    struct store *st;
    if (rc == EXIT_OK)
        rc = cli_open_writer(ctx, false, &st);
    if (rc != EXIT_OK)
        return rc;
    char id[CHECKIN_ID_LEN + 1];
    struct checkin back;
    struct ache_err err = {{0}};
    enum ache_status s = store_resolve_id(st, prefix, STORE_IDS_REMOVED, id,
                                          &err);
    if (s == ACHE_OK)
        s = store_restore(st, id, NULL, &back, &err);
    if (s == ACHE_OK) {
        struct strbuf what = {0};
        cli_describe_checkin(&back, &what);
        fprintf(ctx->out, "restored %.8s (", id);
        cli_put_safe(ctx->out, strbuf_str(&what));
        fputs(")\n", ctx->out);
        strbuf_free(&what);
        checkin_free(&back);
    } else {
        /* an id that names no check-in is bad input (2); one in the diary
         * is a failure (1), as `ache rm` of a removed one is */
        char here[CHECKIN_ID_LEN + 1];
        struct ache_err ignored;
        bool present = s == ACHE_ERR_NOT_FOUND &&
                       store_resolve_id(st, prefix, STORE_IDS_PRESENT, here,
                                        &ignored) == ACHE_OK;
        rc = cli_fail(
            ctx, s == ACHE_ERR_NOT_FOUND && !present ? ACHE_ERR_INVALID : s,
            &err);
    }
    store_close(st);
    return rc;
}
