/* cli_sync: `ache sync DIR`, one diary on several machines through a
 * folder another program carries (src/sync/ does the work).
 *
 * The passphrase comes from --passphrase-file, or is asked on the
 * terminal (twice for a new folder); never from an option's value or the
 * environment, where other programs could read it. --no-encrypt is the
 * only way to a folder of plain files.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/store.h"
#include "ache/sync.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_sync_opts[] = {
    {"passphrase-file", 0, "FILE",
     "read the passphrase from FILE's first line (mode 600)"},
    {"no-encrypt", 0, NULL, "a folder of plain files (never by default)"},
    {"compact", 0, NULL,
     "also write a snapshot, and remove this device's files it covers"},
    {0}};

struct sync_args {
    const char *dir, *passphrase_file;
    bool plain, compact;
};

static int take_sync_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                         const char *value, void *arg)
{
    struct sync_args *a = arg;
    if (!opt) {
        if (a->dir)
            return cli_unexpected(ctx, value);
        a->dir = value;
    } else if (strcmp(opt->name, "passphrase-file") == 0) {
        a->passphrase_file = value;
    } else if (strcmp(opt->name, "no-encrypt") == 0) {
        a->plain = true;
    } else if (strcmp(opt->name, "compact") == 0) {
        a->compact = true;
    }
    return EXIT_OK;
}

/* The folder, opened with the passphrase from the file or the terminal. */
static int open_folder(const struct cli_ctx *ctx, const struct sync_args *a,
                       struct sync_folder **out)
{
    struct sync_secret secret = {.plain = a->plain};
    char *pass = NULL;
    size_t len = 0;
    struct ache_err err;
    enum ache_status st = ACHE_OK;
    if (!a->plain && a->passphrase_file)
        st = sync_passphrase_from_file(a->passphrase_file, &pass, &len, &err);
    else if (!a->plain)
        st = sync_passphrase_ask(!sync_folder_exists(a->dir), &pass, &len,
                                 &err);
    secret.passphrase = pass;
    secret.len = len;
    bool created = false;
    if (!st)
        st = sync_folder_open(a->dir, &secret, &created, out, &err);
    sync_passphrase_free(pass, len);
    if (st)
        return cli_fail(ctx, st, &err);
    if (created)
        fprintf(ctx->out, "started the sync folder %s (%s)\n", a->dir,
                a->plain ? "plain files: anyone who can read the folder "
                           "reads the diary"
                         : "sealed with your passphrase");
    return EXIT_OK;
}

/* "3 check-ins, 1 tag and 2 removals" into out; false when none. */
static bool counts(const size_t by_kind[SK_COUNT], size_t removed,
                   struct strbuf *out)
{
    static const char *const one[SK_COUNT] = {"check-in", "field", "medicine",
                                              "period", "dose", "tag"};
    static const char *const many[SK_COUNT] = {
        "check-ins", "fields", "medicines", "periods", "doses", "tags"};
    size_t parts = 0, total = removed;
    for (int k = 0; k < SK_COUNT; k++)
        total += by_kind[k];
    for (int k = 0; k < SK_COUNT; k++)
        if (by_kind[k])
            strbuf_printf(out, "%s%zu %s", parts++ ? ", " : "", by_kind[k],
                          by_kind[k] == 1 ? one[k] : many[k]);
    if (removed)
        strbuf_printf(out, "%s%zu %s", parts ? " and " : "", removed,
                      removed == 1 ? "removal" : "removals");
    return total > 0;
}

static void say_device(const struct cli_ctx *ctx, const struct sync_report *r)
{
    if (!r->new_device)
        return;
    if (strcmp(r->new_device, "first") == 0)
        fprintf(ctx->out, "this diary syncs as device %.8s\n", r->device);
    else if (strcmp(r->new_device, "unknown files") == 0)
        fprintf(ctx->out,
                "the folder holds files of this device that this diary did "
                "not write (a copy or a backup of it wrote them, or a sync "
                "was cut short): it syncs as a new device, %.8s\n",
                r->device);
    else
        fprintf(ctx->out,
                "this diary is a copy of another (or a backup put back): "
                "it syncs as a new device, %.8s\n",
                r->device);
}

/* "check-in 3f2a9c41", "tag stress", "medicine 3f2a9c41". */
static void put_record(FILE *out, const struct sync_conflict *c)
{
    static const char *const words[SK_COUNT] = {
        "check-in", "field", "medicine", "period of a medicine", "dose",
        "tag"};
    fprintf(out, "%s ", words[c->kind]);
    if (c->kind == SK_TAG)
        cli_put_safe(out, c->id);
    else
        fprintf(out, "%.8s", c->id);
}

static void say_conflicts(const struct cli_ctx *ctx,
                          const struct sync_report *r)
{
    size_t shown = r->nconflicts < SYNC_CONFLICTS_KEPT ? r->nconflicts
                                                       : SYNC_CONFLICTS_KEPT;
    for (size_t i = 0; i < shown; i++) {
        const struct sync_conflict *c = &r->conflicts[i];
        fputs("conflict: ", ctx->out);
        put_record(ctx->out, c);
        fprintf(ctx->out,
                " was changed on two devices since they last met; kept %s "
                "(the later)",
                c->took_theirs ? "theirs" : "this diary's");
        if (c->kind == SK_CHECKIN)
            fprintf(ctx->out, ", the other is in `ache history %.8s`", c->id);
        fputc('\n', ctx->out);
    }
    if (r->nconflicts > shown)
        fprintf(ctx->out, "and %zu more conflicts\n", r->nconflicts - shown);
}

static void say_report(const struct cli_ctx *ctx, const struct sync_args *a,
                       const struct sync_report *r)
{
    struct strbuf sent = {0}, got = {0};
    say_device(ctx, r);
    if (counts(r->sent, r->sent_removed, &sent))
        fprintf(ctx->out, "sent %s\n", strbuf_str(&sent));
    if (counts(r->received, r->received_removed, &got))
        fprintf(ctx->out, "received %s from %zu device%s\n", strbuf_str(&got),
                r->devices, r->devices == 1 ? "" : "s");
    if (!sent.len && !got.len)
        fprintf(ctx->out, "nothing new to send or receive in %s\n", a->dir);
    /* the accounting, when "received" alone does not say it all */
    if (r->files && (r->kept_ours || r->already))
        fprintf(ctx->out,
                "read %zu file%s: %zu version%s, %zu new, %zu older than "
                "this diary's (kept aside), %zu already here\n",
                r->files, r->files == 1 ? "" : "s", r->versions_read,
                r->versions_read == 1 ? "" : "s",
                r->versions_read - r->kept_ours - r->already, r->kept_ours,
                r->already);
    say_conflicts(ctx, r);
    if (r->snapshot[0])
        fprintf(ctx->out,
                "wrote a snapshot of this diary; removed %zu of this "
                "device's files it covers\n",
                r->removed_files);
    if (r->notes.len)
        cli_err(ctx, "ache sync: left for the next sync:\n%s",
                strbuf_str(&r->notes));
    strbuf_free(&sent);
    strbuf_free(&got);
}

int cli_sync(struct cli_ctx *ctx, int argc, char **argv)
{
    struct sync_args a = {0};
    int rc = cli_parse_args(ctx, argc, argv, cli_sync_opts, take_sync_arg, &a);
    if (rc == EXIT_OK && !a.dir)
        rc = cli_usage_error(ctx, "give the sync folder: ache sync DIR");
    if (rc == EXIT_OK && a.plain && a.passphrase_file)
        rc = cli_usage_error(ctx, "--no-encrypt takes no passphrase");
    struct store *st = NULL;
    struct sync_folder *f = NULL;
    if (rc == EXIT_OK)
        rc = cli_open_writer(ctx, true, &st);
    if (rc == EXIT_OK)
        rc = open_folder(ctx, &a, &f);
    struct sync_report r;
    struct ache_err err;
    struct sync_options o = {.compact = a.compact};
    if (rc == EXIT_OK) {
        enum ache_status s = sync_run(st, f, &o, &r, &err);
        rc = s ? cli_fail(ctx, s, &err) : EXIT_OK;
        if (!s)
            say_report(ctx, &a, &r);
        /* a file changed or damaged is worth a failing status: a script
         * syncing on a timer should tell someone */
        if (!s && r.damaged)
            rc = EXIT_FAIL;
        sync_report_free(&r);
    }
    sync_folder_close(f);
    store_close(st);
    return rc;
}
