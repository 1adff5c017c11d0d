/* cli_show: `ache show` (a day, readable) and `ache list` (a line each).
 *
 * Notes and tag names reach the terminal through text_safe only: their
 * control characters are shown (ESC as "^["), never sent, in the
 * locale's character set. A note keeps its lines in `show`; `list` shows
 * its first line. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_show_opts[] = {{0}};
const struct cli_opt cli_list_opts[] = {
    {"from", 0, "D", "first day (default: the first check-in)"},
    {"to", 0, "D", "last day (default: today)"},
    {0}};

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

static int show_day(const struct cli_ctx *ctx, ache_day day)
{
    struct checkin_list list = {0};
    int rc = cli_read_days(ctx, day, day, &list);
    if (rc != EXIT_OK)
        return rc;
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

int cli_show(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *date_word = NULL;
    struct ache_err err = {{0}};
    int rc = cli_parse_args(ctx, argc, argv, cli_show_opts, cli_take_one_word,
                            &date_word);
    if (rc != EXIT_OK)
        return rc;
    ache_day day = ctx->today;
    if (date_word &&
        cli_parse_date(ctx, "date", date_word, false, &day, &err) != ACHE_OK)
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    return show_day(ctx, day);
}

/* One line: "3f2a9c1b 2026-11-24 08:30 pain=6 ... note=\"...\"". */
static enum ache_status print_line(const struct checkin *c, void *out_file)
{
    FILE *out = out_file;
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
    return ACHE_OK;
}

static int take_list_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                         const char *value, void *range)
{
    return opt ? cli_range_option(ctx, opt, value, range)
               : cli_unexpected(ctx, value);
}

int cli_list(struct cli_ctx *ctx, int argc, char **argv)
{
    struct ache_err err = {{0}};
    struct cli_range r;
    cli_range_init(ctx, &r);
    int rc = cli_parse_args(ctx, argc, argv, cli_list_opts, take_list_arg, &r);
    if (rc == EXIT_OK)
        rc = cli_range_check(ctx, &r);
    struct store *st;
    if (rc == EXIT_OK)
        rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s =
        store_each_in_range(st, r.from, r.to, print_line, ctx->out, &err);
    store_close(st);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}
