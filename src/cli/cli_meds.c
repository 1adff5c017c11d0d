/* cli_meds: `ache meds` lists medicines and changes their regimens, `ache
 * took` records a dose, `ache doses` lists them. What is said is facts
 * only (what was taken, when, how much): never advice. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/date.h"
#include "ache/meds.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_meds_opts[] = {
    {"dose", 0, "N", "the amount each time (400, 2.5)"},
    {"unit", 0, "UNIT", "mg, ml, mcg, tablet, drop, puff, ..."},
    {"times", 0, "HH:MM,...", "the times of day it is taken"},
    {"as-needed", 0, NULL, "taken when needed, not on a schedule"},
    {"scheduled", 0, NULL, "change: back on a schedule (with --times)"},
    {"start", 0, "D", "add: the first day (default today)"},
    {"from-tag", 0, "TAG", "add: a dose on each day the tag was given, "
                           "from its first"},
    {"on", 0, "D", "change, stop: the day (default today)"},
    {0}};
const struct cli_opt cli_took_opts[] = {
    {"date", 0, "D", "the day (default today)"},
    {"time", 0, "HH:MM", "the time (default now, when the day is today)"},
    {"unit", 0, "UNIT", "the unit, when not the regimen's"},
    {0}};
const struct cli_opt cli_doses_opts[] = {
    {"from", 0, "D", "first day (default: 29 days before --to)"},
    {"to", 0, "D", "last day (default: today)"},
    {0}};

struct meds_args {
    const char *words[3]; /* action, NAME, AMOUNT (took) */
    size_t nwords;
    const char *dose, *unit, *times, *start, *on, *date, *time, *tag;
    bool as_needed, scheduled;
};

static int take_word(const struct cli_ctx *ctx, struct meds_args *a,
                     const char *value)
{
    if (a->nwords == 3)
        return cli_unexpected(ctx, value);
    a->words[a->nwords++] = value;
    return EXIT_OK;
}

static int take_arg(const struct cli_ctx *ctx, const struct cli_opt *opt,
                    const char *value, void *arg)
{
    struct meds_args *a = arg;
    if (!opt)
        return take_word(ctx, a, value);
    const char *n = opt->name;
    const char **slot = strcmp(n, "dose") == 0    ? &a->dose
                        : strcmp(n, "unit") == 0  ? &a->unit
                        : strcmp(n, "times") == 0 ? &a->times
                        : strcmp(n, "start") == 0 ? &a->start
                        : strcmp(n, "on") == 0    ? &a->on
                        : strcmp(n, "date") == 0  ? &a->date
                        : strcmp(n, "time") == 0  ? &a->time
                        : strcmp(n, "from-tag") == 0 ? &a->tag
                                                  : NULL;
    if (slot)
        *slot = value;
    else if (strcmp(n, "as-needed") == 0)
        a->as_needed = true;
    else
        a->scheduled = true;
    return EXIT_OK;
}

/* A day option (default today), never in the future. */
static int day_of(const struct cli_ctx *ctx, const char *what,
                  const char *text, ache_day *day)
{
    struct ache_err err = {{0}};
    *day = ctx->today;
    if (text && cli_parse_date(ctx, what, text, true, day, &err) != ACHE_OK)
        return cli_fail(ctx, ACHE_ERR_INVALID, &err);
    return EXIT_OK;
}

/* ---- the list ------------------------------------------------------------ */

/* "ibuprofen  400 mg at 08:00, 21:00  since 2026-11-02". */
static void put_med_line(const struct cli_ctx *ctx, const struct med *m)
{
    const struct med_period *p = med_last_period(m);
    struct strbuf what = {0}, name = {0};
    char day[DATE_BUF];
    if (p)
        med_period_describe(p, &what);
    const char *shown = text_safe_str(&name, m->name,
                                      cli_utf8(false) ? TEXT_SAFE_UTF8 : 0);
    size_t w = text_width(shown, strlen(shown));
    fprintf(ctx->out, "%s%*s  %-32s  ", shown, w < 20 ? (int)(20 - w) : 0,
            "", strbuf_str(&what));
    if (!p)
        fprintf(ctx->out, "no regimen\n");
    else if (p->stop == MED_OPEN)
        fprintf(ctx->out, "since %s\n", date_format(p->start, day));
    else
        fprintf(ctx->out, "stopped %s\n", date_format(p->stop, day));
    strbuf_free(&what);
    strbuf_free(&name);
}

static int list_meds(const struct cli_ctx *ctx)
{
    struct store *st;
    struct med_list list;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = store_meds_list(st, &list, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    if (list.n == 0)
        fprintf(ctx->out, "no medicines yet (`ache meds add NAME` adds "
                          "one)\n");
    for (size_t i = 0; i < list.n; i++)
        put_med_line(ctx, &list.items[i]);
    med_list_free(&list);
    return EXIT_OK;
}

/* Every period of one medicine, oldest first. */
static int show_med(const struct cli_ctx *ctx, const char *name)
{
    struct store *st;
    struct med m;
    bool found = false;
    struct ache_err err = {{0}};
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    enum ache_status s = store_med_get(st, name, &m, &found, &err);
    store_close(st);
    if (s == ACHE_OK && !found)
        s = ache_fail(&err, ACHE_ERR_INVALID,
                      "no medicine '%s' (`ache meds` lists them)", name);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    for (size_t i = 0; i < m.nperiods; i++) {
        const struct med_period *p = &m.periods[i];
        char from[DATE_BUF], to[DATE_BUF];
        struct strbuf what = {0};
        med_period_describe(p, &what);
        fprintf(ctx->out, "%s to %-10s  %s\n", date_format(p->start, from),
                p->stop == MED_OPEN ? "now" : date_format(p->stop, to),
                strbuf_str(&what));
        strbuf_free(&what);
    }
    med_free(&m);
    return EXIT_OK;
}

/* ---- regimens ------------------------------------------------------------- */

/* The parts of a regimen the options give (MED_SET_*). */
static unsigned regimen_given(const struct meds_args *a)
{
    return (a->dose ? MED_SET_DOSE : 0u) | (a->unit ? MED_SET_UNIT : 0u) |
           (a->times ? MED_SET_TIMES : 0u) |
           (a->as_needed || a->scheduled ? MED_SET_AS_NEEDED : 0u);
}

/* The options of a regimen into p; exit status. A dose without a unit is
 * refused for a new regimen (`whole`); a change may keep the unit it
 * has. */
static int regimen_of(const struct cli_ctx *ctx, const struct meds_args *a,
                      bool whole, struct med_period *p)
{
    struct ache_err err = {{0}};
    enum ache_status s = ACHE_OK;
    if (a->dose)
        s = med_amount_parse("dose", a->dose, &p->dose, &err);
    if (!s && a->unit)
        s = med_unit_check(a->unit, &err);
    if (!s && a->unit)
        snprintf(p->unit, sizeof p->unit, "%s", a->unit);
    if (!s && a->times) {
        char *times = cli_times_typed(ctx, a->times);
        s = med_times_parse(times, p, &err);
        free(times);
    }
    if (a->as_needed)
        p->as_needed = true;
    if (a->scheduled)
        p->as_needed = false;
    if (!s && whole && p->dose && !p->unit[0])
        s = ache_fail(&err, ACHE_ERR_INVALID,
                      "dose: give its --unit too (mg, ml, tablet...)");
    return s ? cli_fail(ctx, s, &err) : EXIT_OK;
}

static void say_regimen(const struct cli_ctx *ctx, const char *verb,
                        const char *name, const struct med_period *p,
                        ache_day day)
{
    struct strbuf what = {0};
    char on[DATE_BUF];
    med_period_describe(p, &what);
    fprintf(ctx->out, "%s %s from %s: %s\n", verb, name,
            date_format(day, on), strbuf_str(&what));
    strbuf_free(&what);
}

/* --from-tag: the new medicine and its doses, from the tag's days. */
static int add_from_tag(const struct cli_ctx *ctx, const struct meds_args *a,
                        struct store *st, struct med_period *p)
{
    struct ache_err err = {{0}};
    size_t doses = 0;
    char *tag = NULL;
    if (!a->start)
        p->start = MED_OPEN; /* from the tag's first day */
    enum ache_status s = cli_parse_tag_name(ctx, a->tag, &tag, &err);
    if (s == ACHE_OK)
        s = store_med_from_tag(st, a->words[1], p, tag, &doses, NULL, &err);
    store_close(st);
    if (s == ACHE_OK) {
        say_regimen(ctx, "taking", a->words[1], p, p->start);
        fprintf(ctx->out, "%zu dose%s from the days tagged %s (the tag "
                          "stays on them)\n",
                doses, doses == 1 ? "" : "s", tag);
    }
    free(tag);
    return s == ACHE_OK ? EXIT_OK : cli_fail(ctx, s, &err);
}

static int add_med(const struct cli_ctx *ctx, const struct meds_args *a)
{
    struct med_period p = {.stop = MED_OPEN};
    struct ache_err err = {{0}};
    int rc = day_of(ctx, "start", a->start, &p.start);
    if (rc == EXIT_OK)
        rc = regimen_of(ctx, a, true, &p);
    if (rc == EXIT_OK && med_name_check(a->words[1], &err) != ACHE_OK)
        rc = cli_fail(ctx, ACHE_ERR_INVALID, &err);
    struct store *st = NULL;
    if (rc == EXIT_OK)
        rc = cli_open_writer(ctx, !a->tag, &st);
    if (rc != EXIT_OK)
        return rc;
    if (a->tag)
        return add_from_tag(ctx, a, st, &p);
    enum ache_status s = store_med_add(st, a->words[1], &p, NULL, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    say_regimen(ctx, "taking", a->words[1], &p, p.start);
    return EXIT_OK;
}

/* change and stop: the medicine's regimen, changed from a day (the store
 * puts what is given on top of the regimen as it is when it writes). A
 * medicine unknown or stopped is refused by the store; a change to what
 * the regimen already is changes nothing, and says so. */
static int rewrite_med(const struct cli_ctx *ctx, const struct meds_args *a)
{
    bool stop = strcmp(a->words[0], "stop") == 0, same = false;
    ache_day day;
    struct store *st = NULL;
    struct med_period p = {.stop = MED_OPEN};
    int rc = day_of(ctx, "on", a->on, &day);
    if (rc == EXIT_OK && !stop)
        rc = regimen_of(ctx, a, false, &p);
    if (rc == EXIT_OK)
        rc = cli_open_writer(ctx, false, &st);
    if (rc != EXIT_OK)
        return rc;
    struct ache_err err = {{0}};
    enum ache_status s =
        stop ? store_med_stop(st, a->words[1], day, &p, NULL, &err)
             : store_med_change(st, a->words[1], day, &p, regimen_given(a),
                                &same, NULL, &err);
    /* the name as the diary has it, whatever case was typed */
    struct med m = {.nperiods = 0};
    bool found = false;
    if (s == ACHE_OK)
        s = store_med_get(st, a->words[1], &m, &found, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    const char *name = found ? m.name : a->words[1];
    char on[DATE_BUF];
    if (stop)
        fprintf(ctx->out, "stopped %s on %s\n", name, date_format(day, on));
    else if (same)
        fprintf(ctx->out, "%s unchanged: its regimen already was so\n", name);
    else
        say_regimen(ctx, "changed", name, &p, day);
    med_free(&m);
    return EXIT_OK;
}

static int check_meds_usage(const struct cli_ctx *ctx,
                            const struct meds_args *a)
{
    const char *action = a->words[0];
    bool add = strcmp(action, "add") == 0, stop = strcmp(action, "stop") == 0;
    bool change = strcmp(action, "change") == 0;
    if (!add && !stop && !change)
        return a->nwords == 1 && !a->dose && !a->unit && !a->times &&
                       !a->start && !a->on && !a->tag && !a->as_needed &&
                       !a->scheduled
                   ? EXIT_OK /* a medicine's name: its periods */
                   : cli_usage_error(ctx, "'%s' is not an action of meds "
                                          "(use add, change or stop)",
                                     action);
    if (a->nwords < 2)
        return cli_usage_error(ctx, "meds %s needs the medicine's name",
                               action);
    if (a->nwords > 2)
        return cli_unexpected(ctx, a->words[2]);
    if (!add && a->start)
        return cli_usage_error(ctx, "--start goes with add (change and "
                                    "stop take --on)");
    if (!add && a->tag)
        return cli_usage_error(ctx, "--from-tag goes with add");
    if (add && (a->on || a->scheduled))
        return cli_usage_error(ctx, "meds add takes --start, not --on or "
                                    "--scheduled");
    if (stop && (a->dose || a->unit || a->times || a->as_needed ||
                 a->scheduled))
        return cli_usage_error(ctx, "meds stop takes only --on");
    if (a->as_needed && a->scheduled)
        return cli_usage_error(ctx, "--as-needed or --scheduled, not both");
    if (change && !a->dose && !a->unit && !a->times && !a->as_needed &&
        !a->scheduled)
        return cli_usage_error(ctx, "meds change needs what changes: --dose, "
                                    "--unit, --times, --as-needed or "
                                    "--scheduled");
    return EXIT_OK;
}

int cli_meds(struct cli_ctx *ctx, int argc, char **argv)
{
    struct meds_args a = {{NULL}, 0, NULL, NULL, NULL, NULL, NULL, NULL,
                          NULL, NULL, false, false};
    int rc = cli_parse_args(ctx, argc, argv, cli_meds_opts, take_arg, &a);
    if (rc != EXIT_OK)
        return rc;
    if (a.nwords == 0)
        return a.dose || a.unit || a.times || a.start || a.on || a.tag ||
                       a.as_needed || a.scheduled
                   ? cli_usage_error(ctx, "options go with an action: ache "
                                          "meds add NAME --dose N --unit U")
                   : list_meds(ctx);
    rc = check_meds_usage(ctx, &a);
    if (rc != EXIT_OK)
        return rc;
    if (strcmp(a.words[0], "add") == 0)
        return add_med(ctx, &a);
    if (strcmp(a.words[0], "change") == 0 || strcmp(a.words[0], "stop") == 0)
        return rewrite_med(ctx, &a);
    return show_med(ctx, a.words[0]);
}

/* ---- doses ---------------------------------------------------------------- */

/* The dose as given: its day and time, amount and unit (else the
 * regimen's, filled in by the store as the regimen is when it writes). */
static int dose_of(const struct cli_ctx *ctx, const struct meds_args *a,
                   struct dose *d)
{
    struct ache_err err = {{0}};
    int rc = day_of(ctx, "date", a->date, &d->date);
    if (rc != EXIT_OK)
        return rc;
    d->minute = d->date == ctx->today ? time_now_local() : CHECKIN_TIME_ABSENT;
    enum ache_status s = ACHE_OK;
    if (a->time && cli_parse_time(ctx, a->time, &d->minute, &err) != ACHE_OK)
        return cli_usage_error(ctx, "%s", err.msg);
    if (a->nwords == 2)
        s = med_amount_parse("amount", a->words[1], &d->amount, &err);
    if (!s && a->unit && (s = med_unit_check(a->unit, &err)) == ACHE_OK)
        snprintf(d->unit, sizeof d->unit, "%s", a->unit);
    return s ? cli_fail(ctx, s, &err) : EXIT_OK;
}

static void say_took(const struct cli_ctx *ctx, const struct dose *d,
                     ache_day moved_from)
{
    char day[DATE_BUF], when[TIME_BUF], amount[32], was[DATE_BUF];
    fprintf(ctx->out, "took %s", d->med);
    if (d->amount)
        fprintf(ctx->out, " %s%s%s",
                med_amount_format(d->amount, amount, sizeof amount),
                d->unit[0] ? " " : "", d->unit);
    fprintf(ctx->out, " on %s", date_format(d->date, day));
    if (d->minute != CHECKIN_TIME_ABSENT)
        fprintf(ctx->out, " at %s", time_format(d->minute, when));
    fputc('\n', ctx->out);
    if (moved_from != MED_OPEN)
        fprintf(ctx->out, "%s now starts on %s (it started on %s): the dose "
                          "was taken before\n",
                d->med, day, date_format(moved_from, was));
}

int cli_took(struct cli_ctx *ctx, int argc, char **argv)
{
    struct meds_args a = {{NULL}, 0, NULL, NULL, NULL, NULL, NULL, NULL,
                          NULL, NULL, false, false};
    struct store_dose_new n = {.dose = {.minute = CHECKIN_TIME_ABSENT}};
    int rc = cli_parse_args(ctx, argc, argv, cli_took_opts, take_arg, &a);
    if (rc == EXIT_OK && a.nwords == 0)
        rc = cli_usage_error(ctx, "took what? give the medicine's name");
    if (rc == EXIT_OK && a.nwords > 2)
        rc = cli_unexpected(ctx, a.words[2]);
    if (rc == EXIT_OK)
        rc = dose_of(ctx, &a, &n.dose);
    struct store *st = NULL;
    if (rc == EXIT_OK)
        rc = cli_open_writer(ctx, false, &st);
    if (rc != EXIT_OK)
        return rc;
    snprintf(n.dose.med, sizeof n.dose.med, "%s", a.words[0]);
    struct ache_err err = {{0}};
    /* the regimen is read inside the write that records the dose, so a
     * change of regimen made meanwhile is the one the dose follows */
    enum ache_status s = strlen(a.words[0]) > MED_NAME_MAX
                             ? med_name_check(a.words[0], &err)
                             : store_dose_record(st, &n, NULL, &err);
    store_close(st);
    if (s != ACHE_OK && n.unit_alone)
        return cli_usage_error(ctx, "%s", err.msg);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    say_took(ctx, &n.dose, n.moved_from);
    return EXIT_OK;
}

struct doses_args {
    const char *from, *to;
    const char *words[2]; /* rm ID */
    size_t nwords;
};

static int take_range(const struct cli_ctx *ctx, const struct cli_opt *opt,
                      const char *value, void *arg)
{
    struct doses_args *a = arg;
    if (!opt && (a->nwords == 2 || (a->nwords == 0 && strcmp(value, "rm"))))
        return cli_unexpected(ctx, value);
    if (!opt)
        a->words[a->nwords++] = value;
    else
        *(strcmp(opt->name, "from") == 0 ? &a->from : &a->to) = value;
    return EXIT_OK;
}

/* The medicine's name as text_safe shows it. */
static void put_med_name(FILE *out, const char *name)
{
    struct strbuf sb = {0};
    fputs(text_safe_str(&sb, name, cli_utf8(false) ? TEXT_SAFE_UTF8 : 0),
          out);
    strbuf_free(&sb);
}

/* "3f2a9c41  2026-11-24 08:00  Ibuprofen            400 mg": the first
 * digits of the id lead, as `doses rm` takes them. */
static void put_dose_line(FILE *out, const struct dose *d)
{
    char day[DATE_BUF], when[TIME_BUF] = "--:--", amount[32] = "";
    struct strbuf name = {0};
    if (d->minute != CHECKIN_TIME_ABSENT)
        time_format(d->minute, when);
    if (d->amount)
        med_amount_format(d->amount, amount, sizeof amount);
    fprintf(out, "%.8s  %s %s  %-20s %s%s%s\n", d->id,
            date_format(d->date, day), when,
            text_safe_str(&name, d->med, cli_utf8(false) ? TEXT_SAFE_UTF8 : 0),
            amount, d->unit[0] ? " " : "", d->unit);
    strbuf_free(&name);
}

/* "Ibuprofen 400 mg on 2026-11-24 at 08:00". */
static void put_dose_words(FILE *out, const struct dose *d)
{
    char day[DATE_BUF], when[TIME_BUF], amount[32];
    put_med_name(out, d->med);
    if (d->amount)
        fprintf(out, " %s%s%s",
                med_amount_format(d->amount, amount, sizeof amount),
                d->unit[0] ? " " : "", d->unit);
    fprintf(out, " on %s", date_format(d->date, day));
    if (d->minute != CHECKIN_TIME_ABSENT)
        fprintf(out, " at %s", time_format(d->minute, when));
}

/* How often `doses rm` reads the dose again when another writer changed
 * it between the reading and the removal, as `ache rm` does: each time,
 * someone else's change was saved (and the removal keeps it). */
#define REMOVE_TRIES 100

/* Removes the dose of id as it is when the removal is written: the
 * removal names the revision it read, and is refused if it changed. */
static enum ache_status remove_current_dose(struct store *st, const char *id,
                                            struct dose *gone,
                                            struct ache_err *err)
{
    enum ache_status s = ACHE_ERR_CONFLICT;
    for (int i = 0; s == ACHE_ERR_CONFLICT && i < REMOVE_TRIES; i++) {
        bool found = false;
        s = store_dose_get(st, id, gone, &found, err);
        if (s == ACHE_OK)
            s = store_dose_remove(st, gone, NULL, err);
    }
    return s;
}

/* `ache doses rm ID`: a dose recorded by mistake. */
static int remove_dose(const struct cli_ctx *ctx, const char *prefix)
{
    struct store *st = NULL;
    int rc = cli_open_writer(ctx, false, &st);
    if (rc != EXIT_OK)
        return rc;
    char id[CHECKIN_ID_LEN + 1];
    struct dose gone;
    struct ache_err err = {{0}};
    enum ache_status s = store_dose_resolve(st, prefix, id, &err);
    if (s == ACHE_OK)
        s = remove_current_dose(st, id, &gone, &err);
    store_close(st);
    if (s != ACHE_OK) /* an id that names no dose is bad input */
        return cli_fail(ctx, s == ACHE_ERR_NOT_FOUND ? ACHE_ERR_INVALID : s,
                        &err);
    fprintf(ctx->out, "removed dose %.8s (", id);
    put_dose_words(ctx->out, &gone);
    fprintf(ctx->out, ")\n`ache undo` brings it back, while no change has "
                      "been made since\n");
    return EXIT_OK;
}

static int check_doses_usage(const struct cli_ctx *ctx,
                             const struct doses_args *a)
{
    if (a->nwords == 1)
        return cli_usage_error(ctx, "doses rm needs the dose's id (`ache "
                                    "doses` lists them)");
    if (a->nwords == 2 && (a->from || a->to))
        return cli_usage_error(ctx, "doses rm takes only the dose's id, not "
                                    "--from or --to");
    return EXIT_OK;
}

/* The doses of 30 days up to --to (today unless given), each led by the
 * first 8 digits of its id (what `doses rm` takes). */
int cli_doses(struct cli_ctx *ctx, int argc, char **argv)
{
    struct doses_args a = {NULL, NULL, {NULL, NULL}, 0};
    ache_day from, to;
    int rc = cli_parse_args(ctx, argc, argv, cli_doses_opts, take_range, &a);
    if (rc == EXIT_OK)
        rc = check_doses_usage(ctx, &a);
    if (rc == EXIT_OK && a.nwords == 2)
        return remove_dose(ctx, a.words[1]);
    if (rc == EXIT_OK)
        rc = cli_window(ctx, a.from, a.to, 30, &from, &to);
    struct store *st = NULL;
    if (rc == EXIT_OK)
        rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    struct dose_list list;
    struct ache_err err = {{0}};
    enum ache_status s = store_doses_list(st, from, to, &list, &err);
    store_close(st);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    for (size_t i = 0; i < list.n; i++)
        put_dose_line(ctx->out, &list.items[i]);
    if (list.n == 0)
        fprintf(ctx->out, "no doses from %s to %s\n",
                date_format(from, (char[DATE_BUF]){0}),
                date_format(to, (char[DATE_BUF]){0}));
    dose_list_free(&list);
    return EXIT_OK;
}
