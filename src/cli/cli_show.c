/* cli_show: `ache show` (a day, readable), `ache list` (a line each,
 * filtered) and `ache status` (has today a check-in?), each as text or
 * as JSON for programs.
 *
 * Notes and tag names reach the terminal through text_safe only: their
 * control characters are shown (ESC as "^["), never sent, in the
 * locale's character set. A note keeps its lines in `show`; `list` shows
 * its first line. JSON is the export's, check-in by check-in
 * (exchange_write_checkin), which escapes what a terminal must not get. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

#define FORMAT_OPT                                                         \
    {"format", 0, "text|json", "text (default) or json, for programs"}
const struct cli_opt cli_show_opts[] = {FORMAT_OPT, {0}};
const struct cli_opt cli_list_opts[] = {
    {"from", 0, "D", "first day (default: the first check-in)"},
    {"to", 0, "D", "last day (default: today)"},
    {"tag", 0, "NAME", "only check-ins carrying the tag (repeatable)"},
    {"region", 0, "CODE", "only check-ins marking the region (repeatable)"},
    {"min", 0, "FIELD=N", "only check-ins giving FIELD at least N"},
    {"max", 0, "FIELD=N", "only check-ins giving FIELD at most N"},
    FORMAT_OPT,
    {0}};
const struct cli_opt cli_status_opts[] = {FORMAT_OPT, {0}};

/* --format: text or json; prints the usage error itself. */
static int take_format(const struct cli_ctx *ctx, const char *value,
                       bool *json)
{
    if (strcmp(value, "text") != 0 && strcmp(value, "json") != 0)
        return cli_usage_error(ctx, "format: '%s' is not a format (use text "
                                    "or json)",
                               value);
    *json = strcmp(value, "json") == 0;
    return EXIT_OK;
}

/* A JSON array of check-ins, written as they come: "[", each as the
 * export writes it, "]". */
struct json_array {
    FILE *out;
    struct strbuf buf;
    size_t n;
};

static void json_array_add(struct json_array *a, const struct checkin *c)
{
    if (a->n == 0)
        fputc('[', a->out);
    strbuf_reset(&a->buf);
    exchange_write_checkin(EXCHANGE_JSON, c, a->n++, &a->buf);
    fputs(strbuf_str(&a->buf), a->out);
}

static void json_array_end(struct json_array *a)
{
    fputs(a->n ? "\n]\n" : "[]\n", a->out);
    strbuf_free(&a->buf);
}

static void print_regions(FILE *out, region_set set)
{
    const char *sep = "";
    fprintf(out, "  %-15s ", "Regions");
    for (int i = 0; i < REGION_COUNT; i++) {
        if (!(set & (1u << i)))
            continue;
        fprintf(out, "%s%s", sep, region_get(i)->name);
        sep = ", ";
    }
    fprintf(out, "\n  %-15s (%d of 19 regions, %d of 5 groups)\n", "",
            region_set_count(set), region_set_groups(set));
}

/* How person-provided text is shown on this output. */
static unsigned safe_flags(void)
{
    return cli_utf8(false) ? TEXT_SAFE_UTF8 : 0;
}

/* Prints the note indented, line by line. */
static void print_note(FILE *out, const char *raw)
{
    const char *label = "Note";
    struct strbuf safe = {0};
    text_safe(&safe, raw, strlen(raw), safe_flags() | TEXT_SAFE_LINES);
    const char *note = strbuf_str(&safe);
    while (*note) {
        const char *nl = strchr(note, '\n');
        int len = nl ? (int)(nl - note) : (int)strlen(note);
        fprintf(out, "  %-15s %.*s\n", label, len, note);
        label = "";
        note += len + (nl != NULL);
    }
    strbuf_free(&safe);
}

/* The widest label of the values c gives, at least 15 columns (labels
 * of one's own fields may be longer than ache's). */
static int label_width(const struct checkin *c)
{
    size_t widest = 15;
    for (size_t i = 0; i < fields_count(); i++) {
        const struct field_info *fi = fields_at(i);
        size_t w = text_width(fi->label, strlen(fi->label));
        if (checkin_get(c, fi->key) != CHECKIN_ABSENT && w > widest)
            widest = w;
    }
    return (int)widest;
}

/* Every value given, built in and own, in the order of the field table
 * (hidden fields too: a value is never hidden). */
static void print_values(FILE *out, const struct checkin *c)
{
    int width = label_width(c);
    for (size_t i = 0; i < fields_count(); i++) {
        const struct field_info *fi = fields_at(i);
        enum checkin_field f = (enum checkin_field)fi->key;
        int steps = checkin_get(c, fi->key);
        if (steps == CHECKIN_ABSENT)
            continue;
        char buf[16];
        const char *band = checkin_value_band(f, steps);
        int pad = width - (int)text_width(fi->label, strlen(fi->label));
        fprintf(out, "  %s%*s %-*s%s%s\n", fi->label, pad, "", *band ? 4 : 0,
                checkin_format_value(f, steps, buf, sizeof buf),
                *band ? " " : "", band);
    }
}

static void print_checkin(FILE *out, const struct checkin *c)
{
    char when[TIME_BUF] = "--:--", made[DATE_BUF];
    if (c->minute != CHECKIN_TIME_ABSENT)
        time_format(c->minute, when);
    fprintf(out, "\n%s  %.8s", when, c->id);
    ache_day written = stamp_local_day(c->created_at);
    if (written > c->date)
        fprintf(out, "  (filled in on %s)", date_format(written, made));
    fputc('\n', out);
    print_values(out, c);
    if (c->regions)
        print_regions(out, c->regions);
    struct strbuf tag = {0};
    for (size_t i = 0; i < c->ntags; i++)
        fprintf(out, "  %-15s %s\n", i ? "" : "Tags",
                text_safe_str(&tag, c->tags[i], safe_flags()));
    strbuf_free(&tag);
    if (c->note)
        print_note(out, c->note);
}

static int show_day(const struct cli_ctx *ctx, ache_day day, bool json)
{
    struct checkin_list list = {0};
    int rc = cli_read_days(ctx, day, day, &list);
    if (rc != EXIT_OK)
        return rc;
    if (json) {
        struct json_array a = {.out = ctx->out};
        for (size_t i = 0; i < list.n; i++)
            json_array_add(&a, &list.items[i]);
        json_array_end(&a);
        checkin_list_free(&list);
        return EXIT_OK;
    }
    char buf[DATE_BUF];
    fprintf(ctx->out, "%s %s: ", date_weekday_name(date_weekday(day)),
            date_format(day, buf));
    if (list.n == 0)
        fprintf(ctx->out, "no check-ins\n");
    else
        fprintf(ctx->out, "%zu check-in%s\n", list.n, list.n == 1 ? "" : "s");
    for (size_t i = 0; i < list.n; i++)
        print_checkin(ctx->out, &list.items[i]);
    checkin_list_free(&list);
    return EXIT_OK;
}

struct show_args {
    const char *date_word;
    bool json;
};

static int take_show_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                         const char *value, void *arg)
{
    struct show_args *a = arg;
    if (opt)
        return take_format(ctx, value, &a->json);
    if (a->date_word)
        return cli_unexpected(ctx, value);
    a->date_word = value;
    return EXIT_OK;
}

int cli_show(struct cli_ctx *ctx, int argc, char **argv)
{
    struct show_args a = {0};
    struct ache_err err = {{0}};
    int rc = cli_parse_args(ctx, argc, argv, cli_show_opts, take_show_arg, &a);
    if (rc != EXIT_OK)
        return rc;
    ache_day day = ctx->today;
    if (a.date_word &&
        cli_parse_date(ctx, "date", a.date_word, false, &day, &err) != ACHE_OK)
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    return show_day(ctx, day, a.json);
}

/* One line: "3f2a9c1b 2026-11-24 08:30 pain=6 ... note=\"...\"". */
static void print_line(const struct checkin *c, FILE *out)
{
    char date[DATE_BUF], when[TIME_BUF] = "--:--", buf[REGION_SET_BUF];
    if (c->minute != CHECKIN_TIME_ABSENT)
        time_format(c->minute, when);
    fprintf(out, "%.8s %s %s", c->id, date_format(c->date, date), when);
    for (size_t i = 0; i < fields_count(); i++) {
        const struct field_info *fi = fields_at(i);
        int steps = checkin_get(c, fi->key);
        if (steps != CHECKIN_ABSENT)
            fprintf(out, " %s=%s", fi->option,
                    checkin_format_value((enum checkin_field)fi->key, steps,
                                         buf, sizeof buf));
    }
    if (c->regions)
        fprintf(out, " regions=%s",
                region_set_format(c->regions, ',', buf, sizeof buf));
    struct strbuf safe = {0};
    for (size_t i = 0; i < c->ntags; i++)
        fprintf(out, "%s%s", i ? "," : " tags=",
                text_safe_str(&safe, c->tags[i], safe_flags()));
    if (c->note) {
        char cut[256];
        size_t len = strcspn(c->note, "\r\n");
        strbuf_reset(&safe);
        text_safe(&safe, c->note, len, safe_flags());
        /* 40 columns at most, and "..." once: for a line cut, or for
         * the lines after it */
        bool more = c->note[len] != '\0';
        bool cut_here = safe.len > 0 && text_width(safe.data, safe.len) >
                                            (more ? 37u : 40u);
        text_ellipsize(strbuf_str(&safe), more ? 37 : 40, true, cut,
                       sizeof cut);
        fprintf(out, " note=\"%s%s\"", cut, more && !cut_here ? "..." : "");
    }
    strbuf_free(&safe);
    fputc('\n', out);
}


/* ---- ache list: filters ---------------------------------------------------
 *
 * Every filter given must hold. A value a check-in does not give holds no
 * --min or --max (absent is not 0). Tags and fields are known by name
 * only once the diary is open, so the words are kept as typed and read
 * then. */

/* One --min or --max, read. */
struct bound {
    int key;
    int steps;
    bool is_min;
};

/* A --min or --max as typed. */
struct typed_bound {
    const char *which; /* "min" or "max" */
    const char *text;  /* "pain=7" */
};

struct list_args {
    struct cli_range range;
    bool json;
    const char **tags; /* as typed */
    size_t ntags;
    struct typed_bound *bounds;
    size_t nbounds;
    region_set regions;
};

struct list_filter {
    char **tags; /* folded to small letters */
    size_t ntags;
    region_set regions;
    struct bound *bounds;
    size_t nbounds;
};

static void push_tag(struct list_args *a, const char *tag)
{
    a->tags = xrealloc(a->tags, (a->ntags + 1) * sizeof *a->tags);
    a->tags[a->ntags++] = tag;
}

static int take_region(const struct cli_ctx *ctx, const char *value,
                       region_set *regions)
{
    struct ache_err err = {{0}};
    region_set set;
    if (region_set_parse(value, ',', &set, &err) != ACHE_OK)
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    *regions |= set;
    return EXIT_OK;
}

static int take_list_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                         const char *value, void *arg)
{
    struct list_args *a = arg;
    if (!opt)
        return cli_unexpected(ctx, value);
    if (strcmp(opt->name, "format") == 0)
        return take_format(ctx, value, &a->json);
    if (strcmp(opt->name, "tag") == 0)
        return push_tag(a, value), EXIT_OK;
    if (strcmp(opt->name, "region") == 0)
        return take_region(ctx, value, &a->regions);
    if (strcmp(opt->name, "min") == 0 || strcmp(opt->name, "max") == 0) {
        a->bounds = xrealloc(a->bounds, (a->nbounds + 1) * sizeof *a->bounds);
        a->bounds[a->nbounds++] = (struct typed_bound){opt->name, value};
        return EXIT_OK;
    }
    return cli_range_option(ctx, opt, value, &a->range);
}

/* "pain=7" for --min or --max (which): the field (any of the diary's,
 * by name or option) and a value in its range. */
static int read_bound(const struct cli_ctx *ctx, const char *which,
                      const char *text, struct bound *b)
{
    const char *eq = strchr(text, '=');
    if (!eq || eq == text || !eq[1])
        return cli_usage_error(ctx, "%s: '%s' is not FIELD=N (for example "
                                    "--%s pain=7)",
                               which, text, which);
    char *name = xasprintf("%.*s", (int)(eq - text), text);
    char *what = xasprintf("%s: ", which);
    int key = field_find(name);
    int rc = key == FIELD_NONE ? cli_not_a_field(ctx, what, name) : EXIT_OK;
    free(name);
    free(what);
    struct ache_err err = {{0}};
    if (rc == EXIT_OK && checkin_parse_value((enum checkin_field)key, eq + 1,
                                             &b->steps, &err) != ACHE_OK) {
        ache_err_prefix(&err, "%s: ", which);
        rc = cli_fail(ctx, ACHE_ERR_INVALID, &err);
    }
    b->key = key;
    b->is_min = strcmp(which, "min") == 0;
    return rc;
}

/* A tag filter names a tag the diary knows (read as every command reads
 * a typed tag: "Stress" is "stress", and said so). */
static int read_tag(const struct cli_ctx *ctx, struct store *st,
                    const char *typed, char **out)
{
    char *name = NULL;
    struct ache_err err = {{0}};
    bool found = false;
    enum tag_kind kind;
    enum ache_status s = cli_parse_tag_name(ctx, typed, &name, &err);
    if (!name)
        name = xstrdup(typed);
    if (s == ACHE_OK)
        s = store_tag_find(st, name, &found, &kind, &err);
    if (s == ACHE_OK && !found)
        s = ache_fail(&err, ACHE_ERR_INVALID,
                      "tag: '%s' is not a tag of this diary (ache tags "
                      "lists them)",
                      name);
    *out = name;
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

static int read_filter(const struct cli_ctx *ctx, struct store *st,
                       const struct list_args *a, struct list_filter *f)
{
    int rc = EXIT_OK;
    f->regions = a->regions;
    f->tags = a->ntags ? xcalloc(a->ntags, sizeof *f->tags) : NULL;
    for (; rc == EXIT_OK && f->ntags < a->ntags; f->ntags++)
        rc = read_tag(ctx, st, a->tags[f->ntags], &f->tags[f->ntags]);
    f->bounds = a->nbounds ? xcalloc(a->nbounds, sizeof *f->bounds) : NULL;
    for (; rc == EXIT_OK && f->nbounds < a->nbounds; f->nbounds++)
        rc = read_bound(ctx, a->bounds[f->nbounds].which,
                        a->bounds[f->nbounds].text, &f->bounds[f->nbounds]);
    return rc;
}

static void filter_free(struct list_filter *f)
{
    for (size_t i = 0; i < f->ntags; i++)
        free(f->tags[i]);
    free(f->tags);
    free(f->bounds);
}

static bool carries(const struct checkin *c, const char *tag)
{
    for (size_t i = 0; i < c->ntags; i++)
        if (strcmp(c->tags[i], tag) == 0)
            return true;
    return false;
}

static bool passes(const struct list_filter *f, const struct checkin *c)
{
    if ((c->regions & f->regions) != f->regions)
        return false;
    for (size_t i = 0; i < f->ntags; i++)
        if (!carries(c, f->tags[i]))
            return false;
    for (size_t i = 0; i < f->nbounds; i++) {
        const struct bound *b = &f->bounds[i];
        int v = checkin_get(c, b->key);
        if (v == CHECKIN_ABSENT || (b->is_min ? v < b->steps : v > b->steps))
            return false;
    }
    return true;
}

struct list_walk {
    const struct list_filter *filter;
    FILE *out;
    bool json;
    struct json_array array;
};

static enum ache_status list_one(const struct checkin *c, void *arg)
{
    struct list_walk *w = arg;
    if (!passes(w->filter, c))
        return ACHE_OK;
    if (w->json)
        json_array_add(&w->array, c);
    else
        print_line(c, w->out);
    return ACHE_OK;
}

static int list_checkins(const struct cli_ctx *ctx, const struct list_args *a)
{
    struct store *st;
    struct list_filter filter = {0};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    rc = read_filter(ctx, st, a, &filter);
    struct ache_err err = {{0}};
    struct list_walk w = {&filter, ctx->out, a->json, {.out = ctx->out}};
    enum ache_status s =
        rc == EXIT_OK ? store_each_in_range(st, a->range.from, a->range.to,
                                            list_one, &w, &err)
                      : ACHE_OK;
    store_close(st);
    filter_free(&filter);
    if (rc == EXIT_OK && s != ACHE_OK)
        rc = cli_fail(ctx, s, &err);
    if (rc == EXIT_OK && a->json)
        json_array_end(&w.array);
    strbuf_free(&w.array.buf);
    return rc;
}

int cli_list(struct cli_ctx *ctx, int argc, char **argv)
{
    struct list_args a = {0};
    cli_range_init(ctx, &a.range);
    int rc = cli_parse_args(ctx, argc, argv, cli_list_opts, take_list_arg, &a);
    if (rc == EXIT_OK)
        rc = cli_range_check(ctx, &a.range);
    if (rc == EXIT_OK)
        rc = list_checkins(ctx, &a);
    free(a.tags);
    free(a.bounds);
    return rc;
}

/* ---- ache status ------------------------------------------------------------ */

static void describe_today(const struct cli_ctx *ctx,
                           const struct checkin_list *list)
{
    const struct checkin *c = &list->items[list->n - 1];
    char when[TIME_BUF], value[16];
    fprintf(ctx->out, "today: %zu check-in%s", list->n,
            list->n == 1 ? "" : "s");
    if (c->minute >= 0)
        fprintf(ctx->out, ", the latest at %s", time_format(c->minute, when));
    if (c->value[CF_PAIN] != CHECKIN_ABSENT)
        fprintf(ctx->out, " (pain %s)",
                checkin_format_value(CF_PAIN, c->value[CF_PAIN], value,
                                     sizeof value));
    fputc('\n', ctx->out);
}

/* What the text says, as an object: {"date": "2026-11-24", "checkins":
 * 1, "latest_time": "08:15", "latest_pain": 6}, the latest's time and
 * pain left out when not given (as the export leaves absent values). */
static void describe_today_json(const struct cli_ctx *ctx,
                                const struct checkin_list *list)
{
    char day[DATE_BUF], when[TIME_BUF], value[16];
    fprintf(ctx->out, "{\"date\": \"%s\", \"checkins\": %zu",
            date_format(ctx->today, day), list->n);
    const struct checkin *c = list->n ? &list->items[list->n - 1] : NULL;
    if (c && c->minute >= 0)
        fprintf(ctx->out, ", \"latest_time\": \"%s\"",
                time_format(c->minute, when));
    if (c && c->value[CF_PAIN] != CHECKIN_ABSENT)
        fprintf(ctx->out, ", \"latest_pain\": %s",
                checkin_format_value(CF_PAIN, c->value[CF_PAIN], value,
                                     sizeof value));
    fputs("}\n", ctx->out);
}

static int take_status_arg(const struct cli_ctx *ctx,
                           const struct cli_opt *opt, const char *value,
                           void *json)
{
    return opt ? take_format(ctx, value, json) : cli_unexpected(ctx, value);
}

/* A diary that is not there is said to be missing, as every reading
 * command says it: a mistyped --db or ACHE_DB is not a day without a
 * check-in. */
int cli_status(struct cli_ctx *ctx, int argc, char **argv)
{
    bool json = false;
    int rc = cli_parse_args(ctx, argc, argv, cli_status_opts,
                            take_status_arg, &json);
    struct checkin_list list = {0};
    if (rc == EXIT_OK)
        rc = cli_read_days(ctx, ctx->today, ctx->today, &list);
    if (rc != EXIT_OK)
        return rc;
    if (json)
        describe_today_json(ctx, &list);
    else if (list.n)
        describe_today(ctx, &list);
    else
        fprintf(ctx->out, "today: no check-in yet (run ache to add one)\n");
    rc = list.n ? EXIT_OK : EXIT_FAIL;
    checkin_list_free(&list);
    return rc;
}
