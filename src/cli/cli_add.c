/* cli_add: `ache add`, `ache edit` and `ache rm`. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/util.h"
#include "cli_impl.h"

#define VALUE_OPTS                                                            \
    {"date", 'd', "D", "the day: YYYY-MM-DD, today, yesterday, -N (not "       \
                     "in the future)"},                                      \
    {"time", 0, "HH:MM", "time of day (add: now when the day is today)"},    \
    {"pain", 'p', "N", "pain 0-10 (0 none, 10 worst imaginable)"},             \
    {"fatigue", 'f', "N", "fatigue 0-10 (0 none, 10 exhausted)"},              \
    {"sleep", 's', "N", "sleep quality 0-10 (0 unrefreshed, 10 restored)"},    \
    {"sleep-hours", 'H', "H", "hours slept, 0-24 in steps of 0.25"},           \
    {"stiffness", 0, "N", "stiffness 0-10 (0 none, 10 severe)"},             \
    {"fog", 0, "N", "brain fog 0-10 (0 none, 10 severe)"},                   \
    {"mood", 0, "N", "mood 0-10 (0 very low, 10 very good)"},                \
    {"activity", 0, "N", "activity 0-10 (0 rested, 10 very strenuous)"},     \
    {"regions", 'r', "CODE,...", "where it hurts (replaces the set): "         \
                               "neck,shoulder-l,..."},                       \
    {"set", 0, "NAME=VALUE", "set any field, built in or your own "          \
                             "(repeatable; see ache fields)"},              \
    {"tag", 't', "NAME", "add a tag (repeatable, or NAME,NAME)"},              \
    {"note", 'n', "TEXT", "a free-text note (replaces it)"}

const struct cli_opt cli_add_opts[] = {
    VALUE_OPTS,
    {"like", 0, "DAY|ID", "copy the regions and tags (never values or the "
                          "note) of that day's latest check-in, or of that "
                          "check-in; --regions and --tag add to them"},
    {0}};
const struct cli_opt cli_edit_opts[] = {
    VALUE_OPTS,
    {"untag", 0, "NAME", "remove a tag (repeatable)"},
    {"clear", 0, "FIELD", "make a value absent: a field's name, time, "
                          "regions, tags or note"},
    {0}};
const struct cli_opt cli_rm_opts[] = {{0}};

static enum ache_status apply_tags(const struct cli_ctx *ctx,
                                   struct checkin *c, const char *value,
                                   bool add, struct ache_err *err)
{
    char **names = NULL;
    size_t count = 0;
    enum ache_status st = cli_parse_tags(ctx, value, &names, &count, err);
    if (st == ACHE_OK && add)
        checkin_add_tags(c, names, count);
    for (size_t i = 0; i < count; i++) {
        if (st == ACHE_OK && !add && !checkin_remove_tag(c, names[i]))
            st = ache_fail(err, ACHE_ERR_INVALID,
                           "untag: the check-in has no tag '%s'", names[i]);
        free(names[i]);
    }
    free(names);
    return st;
}

static enum ache_status not_clearable(const char *what, struct ache_err *err)
{
    struct strbuf fields = {0};
    fields_list(&fields, ", ");
    enum ache_status st = ache_fail(err, ACHE_ERR_INVALID,
                                    "clear: '%s' is not a field (use %s, "
                                    "time, regions, tags or note)",
                                    what, strbuf_str(&fields));
    strbuf_free(&fields);
    return st;
}

static enum ache_status no_such_field(const char *what, const char *name,
                                      struct ache_err *err)
{
    struct strbuf fields = {0};
    fields_list(&fields, ", ");
    enum ache_status st = ache_fail(err, ACHE_ERR_INVALID,
                                    "%s: '%s' is not a field (use %s; `ache "
                                    "fields add` makes one)",
                                    what, name, strbuf_str(&fields));
    strbuf_free(&fields);
    return st;
}

/* --set NAME=VALUE, for any field the diary has. */
static enum ache_status apply_set(struct checkin *c, const char *pair,
                                  struct ache_err *err)
{
    const char *eq = strchr(pair, '=');
    if (!eq)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "set: '%s' is not NAME=VALUE (for example "
                         "--set headache=4)",
                         pair);
    char *name = xasprintf("%.*s", (int)(eq - pair), pair);
    int key = field_find(name), steps;
    enum ache_status st =
        key == FIELD_NONE
            ? no_such_field("set", name, err)
            : checkin_parse_value((enum checkin_field)key, eq + 1, &steps,
                                  err);
    if (!st)
        checkin_set(c, key, steps);
    free(name);
    return st;
}

static enum ache_status apply_clear(struct checkin *c, const char *what,
                                    struct ache_err *err)
{
    int key = field_find(what);
    if (key != FIELD_NONE)
        checkin_set(c, key, CHECKIN_ABSENT);
    else if (strcmp(what, "time") == 0)
        c->minute = CHECKIN_TIME_ABSENT;
    else if (strcmp(what, "regions") == 0)
        c->regions = 0;
    else if (strcmp(what, "tags") == 0)
        checkin_clear_tags(c);
    else if (strcmp(what, "note") == 0)
        checkin_set_note(c, NULL);
    else
        return not_clearable(what, err);
    return ACHE_OK;
}

/* Applies one option of add/edit to the check-in. */
static enum ache_status apply_option(const struct cli_ctx *ctx,
                                     struct checkin *c,
                                     const struct cli_opt *opt,
                                     const char *value, struct ache_err *err)
{
    enum checkin_field f = checkin_field_find(opt->name);
    if (f != CF_COUNT && strcmp(opt->name, "time") != 0)
        return checkin_parse_value(f, value, &c->value[f], err);
    if (strcmp(opt->name, "date") == 0)
        return cli_parse_date(ctx, "date", value, true, &c->date, err);
    if (strcmp(opt->name, "time") == 0)
        return cli_parse_time(ctx, value, &c->minute, err);
    if (strcmp(opt->name, "regions") == 0)
        return region_set_parse(value, ',', &c->regions, err);
    if (strcmp(opt->name, "set") == 0)
        return apply_set(c, value, err);
    if (strcmp(opt->name, "tag") == 0 || strcmp(opt->name, "untag") == 0)
        return apply_tags(ctx, c, value, opt->name[0] == 't', err);
    if (strcmp(opt->name, "note") == 0) {
        checkin_set_note(c, value);
        return ACHE_OK;
    }
    return apply_clear(c, value, err);
}

/* What the options of add, edit and rm say besides the check-in's values:
 * the positional word (edit and rm's id, when `takes_id`), add's --like,
 * and how many options changed the check-in. */
struct parsed {
    bool takes_id;
    const char *id;
    const char *like;
    int changes;
};

/* Walks the options into c and *p. Returns an exit status. */
static int parse_into(const struct cli_ctx *ctx, int argc, char **argv,
                      const struct cli_opt *opts, struct checkin *c,
                      struct parsed *p)
{
    struct cli_iter it;
    const struct cli_opt *opt;
    const char *value;
    struct ache_err err = {{0}};
    cli_iter_init(&it, ctx->command, argc, argv, opts);
    for (;;) {
        enum cli_next n = cli_iter_next(&it, &opt, &value, &err);
        if (n == CLI_END)
            return EXIT_OK;
        if (n == CLI_ERROR)
            return cli_usage_error(ctx, "%s", err.msg);
        if (n == CLI_POSITIONAL) {
            if (!p->takes_id || p->id)
                return cli_usage_error(ctx, "unexpected '%s'", value);
            p->id = value;
            continue;
        }
        if (strcmp(opt->name, "like") == 0) {
            p->like = value; /* read once the diary is open */
            continue;
        }
        enum ache_status st = apply_option(ctx, c, opt, value, &err);
        if (st != ACHE_OK)
            return cli_fail(ctx, st, &err);
        p->changes++;
    }
}

/* Says which tags the diary did not know yet (the store adds them of the
 * catalogue's kind, else "other"), so a typo does not pass unnoticed. */
static void announce_new_tags(const struct cli_ctx *ctx, struct store *st,
                              const struct checkin *c)
{
    for (size_t i = 0; i < c->ntags; i++) {
        bool found = true;
        enum tag_kind kind;
        struct ache_err err;
        if (store_tag_find(st, c->tags[i], &found, &kind, &err) == ACHE_OK &&
            !found)
            cli_err(ctx, "ache %s: new tag '%s' (kind %s)\n", ctx->command,
                    c->tags[i], tag_kind_name(tag_catalogue_kind_of(c->tags[i])));
    }
}

/* Refuses more tags than a check-in holds before the diary is touched
 * (the store would refuse them too, after a line per new tag). */
static int check_tag_count(const struct cli_ctx *ctx, const struct checkin *c,
                           const struct checkin *before)
{
    struct ache_err err = {{0}};
    enum ache_status s = checkin_check_tag_count(c, before, &err);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

/* "2 regions and 1 tag", "1 region", "3 tags" into out. */
static void count_copied(int regions, size_t tags, struct strbuf *out)
{
    if (regions)
        strbuf_printf(out, "%d region%s", regions, regions == 1 ? "" : "s");
    if (regions && tags)
        strbuf_append(out, " and ");
    if (tags)
        strbuf_printf(out, "%zu tag%s", tags, tags == 1 ? "" : "s");
}

static bool all_hex(const char *s)
{
    for (; *s; s++)
        if (!isxdigit((unsigned char)*s))
            return false;
    return true;
}

/* The check-in --like names: the latest of a day (a date as --date takes
 * it), or one by id; *from is initialised by the call when it succeeds. */
static enum ache_status like_source(const struct cli_ctx *ctx,
                                    struct store *st, const char *like,
                                    struct checkin *from,
                                    struct ache_err *err)
{
    ache_day day;
    struct ache_err date_err = {{0}};
    char id[CHECKIN_ID_LEN + 1], shown[DATE_BUF];
    bool is_day = date_parse_user(like, ctx->today, &day, &date_err) ==
                  ACHE_OK;
    if (!is_day && !all_hex(like))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "like: '%s' is neither a day (YYYY-MM-DD, today, "
                         "yesterday or -N) nor a check-in id (6 to 32 hex "
                         "digits)",
                         like);
    if (!is_day) {
        enum ache_status s =
            store_resolve_id(st, like, STORE_IDS_PRESENT, id, err);
        if (s == ACHE_OK)
            return store_get(st, id, from, err);
        ache_err_prefix(err, "like: ");
        return s == ACHE_ERR_NOT_FOUND ? ACHE_ERR_INVALID : s;
    }
    struct checkin_list day_list = {0};
    enum ache_status s = store_list_range(st, day, day, &day_list, err);
    if (s == ACHE_OK && day_list.n == 0)
        s = ache_fail(err, ACHE_ERR_INVALID,
                      "like: no check-in on %s to copy from",
                      date_format(day, shown));
    if (s == ACHE_OK) /* ordered by time: the last is the latest */
        checkin_copy(from, &day_list.items[day_list.n - 1]);
    checkin_list_free(&day_list);
    return s;
}

/* --like: adds the source's regions and tags to c (what --regions and
 * --tag gave stays), never its values or note, and says what it copied. */
static int copy_like(const struct cli_ctx *ctx, struct store *st,
                     const char *like, struct checkin *c)
{
    struct checkin from;
    struct ache_err err = {{0}};
    enum ache_status s = like_source(ctx, st, like, &from, &err);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    c->regions |= from.regions;
    checkin_add_tags(c, from.tags, from.ntags);
    struct strbuf what = {0};
    char day[DATE_BUF], when[TIME_BUF] = "";
    count_copied(region_set_count(from.regions), from.ntags, &what);
    if (from.minute != CHECKIN_TIME_ABSENT)
        time_format(from.minute, when);
    cli_err(ctx, "ache %s: %s %s from %s%s%s\n", ctx->command,
            what.len ? "copied" : "nothing to copy:",
            what.len ? strbuf_str(&what) : "no regions or tags",
            date_format(from.date, day), when[0] ? " " : "", when);
    strbuf_free(&what);
    checkin_free(&from);
    return EXIT_OK;
}

/* Checks a new check-in before it is written: something to record, and
 * no more tags than a check-in holds. */
static int check_new(const struct cli_ctx *ctx, const struct checkin *c)
{
    if (!checkin_has_any_value(c))
        return cli_usage_error(ctx, "nothing to record: give at least one "
                                    "value, for example --pain 4");
    return check_tag_count(ctx, c, NULL);
}

/* --like reads a diary that is there: it never starts one. */
static int like_needs_diary(const struct cli_ctx *ctx)
{
    struct stat sb;
    if (stat(ctx->db_path, &sb) == 0 || errno != ENOENT)
        return EXIT_OK;
    cli_err(ctx, "ache %s: like: no diary at %s yet, so nothing to copy\n",
            ctx->command, ctx->db_path);
    return EXIT_FAIL;
}

static int save_new(const struct cli_ctx *ctx, struct checkin *c,
                    const char *like)
{
    struct store *st;
    struct ache_err err = {{0}};
    int rc = like ? like_needs_diary(ctx) : EXIT_OK;
    if (rc == EXIT_OK)
        rc = cli_open_writer(ctx, !like, &st);
    if (rc != EXIT_OK)
        return rc;
    if (like)
        rc = copy_like(ctx, st, like, c);
    if (rc == EXIT_OK && like)
        rc = check_new(ctx, c);
    if (rc == EXIT_OK) {
        announce_new_tags(ctx, st, c);
        enum ache_status s = store_add(st, c, NULL, &err);
        if (s == ACHE_OK)
            fprintf(ctx->out, "%s\n", c->id);
        else
            rc = cli_fail(ctx, s, &err);
    }
    store_close(st);
    return rc;
}

int cli_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct checkin c;
    struct parsed p = {0};
    cli_load_fields(ctx);
    checkin_init(&c, ctx->today);
    int rc = parse_into(ctx, argc, argv, cli_add_opts, &c, &p);
    if (rc == EXIT_OK && !p.like) /* with --like, once it is copied */
        rc = check_new(ctx, &c);
    if (rc == EXIT_OK) {
        if (c.minute == CHECKIN_TIME_ABSENT && c.date == ctx->today)
            c.minute = time_now_local();
        rc = save_new(ctx, &c, p.like);
    }
    checkin_free(&c);
    return rc;
}

/* Opens the diary and resolves an id or prefix; prints errors itself. */
static int open_and_resolve(const struct cli_ctx *ctx, const char *prefix,
                            struct store **st, char id[CHECKIN_ID_LEN + 1])
{
    struct ache_err err = {{0}};
    if (!prefix)
        return cli_usage_error(ctx, "which check-in? give its id (see "
                                    "ache list)");
    int rc = cli_open_writer(ctx, false, st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s =
        store_resolve_id(*st, prefix, STORE_IDS_PRESENT, id, &err);
    if (s == ACHE_OK)
        return EXIT_OK;
    store_close(*st);
    return cli_fail(ctx, s == ACHE_ERR_NOT_FOUND ? ACHE_ERR_INVALID : s, &err);
}

/* How often a command reads a check-in again and redoes its change when
 * another writer changed the check-in between its reading and its
 * writing: each time, someone else's change was saved, so a long run of
 * them means a busy loop elsewhere. */
#define CHANGE_TRIES 100

/* Reads id, resolved a moment ago, into *c (initialised by the call).
 * When another writer removed it in between, that is what is said (with
 * how to bring it back), not that there is no such check-in. */
static enum ache_status get_current(struct store *st, const char *id,
                                    struct checkin *c, struct ache_err *err)
{
    enum ache_status s = store_get(st, id, c, err);
    char again[CHECKIN_ID_LEN + 1];
    struct ache_err why = {{0}};
    if (s == ACHE_ERR_NOT_FOUND &&
        store_resolve_id(st, id, STORE_IDS_PRESENT, again, &why) ==
            ACHE_ERR_GONE) {
        *err = why;
        s = ACHE_ERR_GONE;
    }
    return s;
}

/* Reads id and applies the options to it; exit status. */
static int edit_read(const struct cli_ctx *ctx, struct store *st,
                     const char *id, int argc, char **argv, struct checkin *c)
{
    struct ache_err err = {{0}};
    enum ache_status s = get_current(st, id, c, &err);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    struct parsed p = {.takes_id = true}; /* id resolved by the caller */
    struct checkin stored;
    checkin_copy(&stored, c);
    int rc = parse_into(ctx, argc, argv, cli_edit_opts, c, &p);
    if (rc == EXIT_OK && p.changes == 0)
        rc = cli_usage_error(ctx, "nothing to change: give at least one "
                                  "option, for example --pain 4");
    else if (rc == EXIT_OK && !checkin_has_any_value(c))
        rc = cli_usage_error(ctx, "that would leave the check-in empty; "
                                  "use `ache rm %.8s` to remove it",
                             id);
    if (rc == EXIT_OK)
        rc = check_tag_count(ctx, c, &stored);
    checkin_free(&stored);
    return rc;
}

/* Reads the check-in, applies the options and writes it back, stating
 * the revision it read: when another writer changed it in between, the
 * write is refused and it all starts again from the check-in as it now
 * is, so that neither change is lost. */
static int edit_stored(const struct cli_ctx *ctx, struct store *st,
                       const char *id, int argc, char **argv)
{
    struct store_change ch = {.source = STORE_BY_EDIT, .detail = id};
    enum ache_status s = ACHE_ERR_CONFLICT;
    struct ache_err err = {{0}};
    int rc = EXIT_OK;
    struct cli_ctx again = *ctx; /* says its notes once */
    for (int i = 0; rc == EXIT_OK && s == ACHE_ERR_CONFLICT &&
                    i < CHANGE_TRIES; i++) {
        struct checkin c;
        again.read_notes_said = i > 0;
        rc = edit_read(&again, st, id, argc, argv, &c);
        if (rc == EXIT_OK && i == 0)
            announce_new_tags(ctx, st, &c);
        if (rc == EXIT_OK)
            s = store_update(st, &c, &ch, &err);
        checkin_free(&c);
    }
    if (rc != EXIT_OK)
        return rc;
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    /* the same content as stored is written nothing, and is no change
     * (`ache undo` would reverse the one before) */
    if (ch.n)
        fprintf(ctx->out, "updated %s\n", id);
    else
        fprintf(ctx->out, "unchanged %s: it already had that\n", id);
    return EXIT_OK;
}

/* The first positional word (the id), found before the options are
 * applied, so that errors about the id come first. */
static const char *first_positional(int argc, char **argv,
                                    const struct cli_opt *opts)
{
    struct cli_iter it;
    const struct cli_opt *opt;
    const char *value;
    struct ache_err err;
    cli_iter_init(&it, "", argc, argv, opts);
    enum cli_next n;
    while ((n = cli_iter_next(&it, &opt, &value, &err)) != CLI_END)
        if (n == CLI_POSITIONAL || n == CLI_ERROR)
            return n == CLI_POSITIONAL ? value : NULL;
    return NULL;
}

int cli_edit(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store *st;
    char id[CHECKIN_ID_LEN + 1];
    const char *prefix = first_positional(argc, argv, cli_edit_opts);
    if (!prefix) {
        struct checkin scratch;
        struct parsed p = {0};
        checkin_init(&scratch, ctx->today);
        int rc = parse_into(ctx, argc, argv, cli_edit_opts, &scratch, &p);
        checkin_free(&scratch);
        if (rc != EXIT_OK)
            return rc;
    }
    int rc = open_and_resolve(ctx, prefix, &st, id);
    if (rc != EXIT_OK)
        return rc;
    rc = edit_stored(ctx, st, id, argc, argv);
    store_close(st);
    return rc;
}

/* Removes id as it is when the removal is written (read again when
 * another writer changed it in between); *gone gets what was removed. */
static enum ache_status remove_current(struct store *st, const char *id,
                                       struct checkin *gone,
                                       struct ache_err *err)
{
    struct store_change ch = {.source = STORE_BY_RM, .detail = id};
    enum ache_status s = ACHE_ERR_CONFLICT;
    checkin_init(gone, 0);
    for (int i = 0; s == ACHE_ERR_CONFLICT && i < CHANGE_TRIES; i++) {
        checkin_free(gone);
        s = get_current(st, id, gone, err);
        if (s == ACHE_OK)
            s = store_remove(st, gone, &ch, err);
    }
    return s;
}

int cli_rm(struct cli_ctx *ctx, int argc, char **argv)
{
    struct checkin c;
    struct parsed p = {.takes_id = true};
    checkin_init(&c, 0);
    int rc = parse_into(ctx, argc, argv, cli_rm_opts, &c, &p);
    checkin_free(&c);
    const char *prefix = p.id;
    struct store *st;
    char id[CHECKIN_ID_LEN + 1];
    if (rc == EXIT_OK)
        rc = open_and_resolve(ctx, prefix, &st, id);
    if (rc != EXIT_OK)
        return rc;
    struct ache_err err = {{0}};
    enum ache_status s = remove_current(st, id, &c, &err);
    store_close(st);
    if (s != ACHE_OK) {
        checkin_free(&c);
        return cli_fail(ctx, s, &err);
    }
    struct strbuf what = {0};
    cli_describe_checkin(&c, &what);
    fprintf(ctx->out, "removed %.8s (%s)\n`ache restore %.8s` brings it "
                      "back\n",
            id, strbuf_str(&what), id);
    strbuf_free(&what);
    checkin_free(&c);
    return EXIT_OK;
}
