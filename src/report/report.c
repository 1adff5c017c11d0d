/* report: the one-page clinic report, section by section, in whichever
 * format the writer was made for; and the --format and --hide words. */
#include "report_impl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/chart.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/insights.h"
#include "ache/regions.h"
#include "ache/report.h"
#include "ache/stats.h"
#include "ache/text.h"
#include "ache/util.h"

/* The strongest tags shown, and how wide a tag name may be in a table. */
#define TOP_TAGS 5
#define TAG_COLS 13

struct rep {
    struct report_doc *d;
    const struct report_model *m;
    const struct report_input *in;
    const struct report_hide *hide;
    const struct report_own *own; /* the own fields shown by week */
};

static bool shown(const struct rep *r, enum checkin_field f)
{
    return !(r->hide->mask & REPORT_HIDE_FIELD(f));
}

static bool outcome_shown(const struct rep *r, int key)
{
    return !report_hides_own(r->hide, key); /* built-in keys too */
}

/* ---- the words of --format and --hide -------------------------------------- */

bool report_format_parse(const char *name, enum report_format *out)
{
    if (strcmp(name, "text") == 0)
        *out = REPORT_TEXT;
    else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        *out = REPORT_MARKDOWN;
    else if (strcmp(name, "html") == 0)
        *out = REPORT_HTML;
    else
        return false;
    return true;
}

bool report_format_from_path(const char *path, enum report_format *out)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return false;
    if (strcmp(dot, ".htm") == 0)
        return report_format_parse("html", out);
    if (strcmp(dot, ".txt") == 0)
        return report_format_parse("text", out);
    if (strcmp(dot, ".markdown") == 0)
        return report_format_parse("md", out);
    return report_format_parse(dot + 1, out);
}

/* An own field's key into hide->own, once. */
static void hide_own(struct report_hide *hide, int key)
{
    if (!report_hides_own(hide, key) && hide->nown < FIELD_OWN_MAX)
        hide->own[hide->nown++] = key;
}

static bool hide_word(const char *w, struct report_hide *hide)
{
    enum checkin_field f = checkin_field_find(w);
    unsigned *mask = &hide->mask;
    int key = field_find(w);
    if (strcmp(w, "notes") == 0 || strcmp(w, "note") == 0)
        *mask |= REPORT_HIDE_NOTES;
    else if (strcmp(w, "tags") == 0 || strcmp(w, "tag") == 0)
        *mask |= REPORT_HIDE_TAGS;
    else if (strcmp(w, "regions") == 0 || strcmp(w, "region") == 0)
        *mask |= REPORT_HIDE_REGIONS;
    else if (strcmp(w, "meds") == 0 || strcmp(w, "med") == 0 ||
             strcmp(w, "medicines") == 0)
        *mask |= REPORT_HIDE_MEDS;
    else if (f != CF_COUNT)
        *mask |= REPORT_HIDE_FIELD(f);
    else if (field_is_own(key))
        hide_own(hide, key);
    else
        return false;
    return true;
}

static enum ache_status not_a_part(const char *word, struct ache_err *err)
{
    char shown[64];
    struct strbuf fields = {0};
    fields_list(&fields, ", "); /* the built-in fields, then the own */
    enum ache_status st = ache_fail(
        err, ACHE_ERR_INVALID,
        "hide: '%s' is not part of a report (use notes, tags, regions, meds "
        "or a field: %s)",
        text_quote(word, strlen(word), shown, sizeof shown),
        strbuf_str(&fields));
    strbuf_free(&fields);
    return st;
}

enum ache_status report_hide_parse(const char *list, struct report_hide *hide,
                                   struct ache_err *err)
{
    char *copy = xstrdup(list), *save = NULL;
    enum ache_status st = ACHE_OK;
    for (char *w = strtok_r(copy, ",", &save); w && st == ACHE_OK;
         w = strtok_r(NULL, ",", &save)) {
        w += strspn(w, " ");
        w[strcspn(w, " ")] = '\0';
        if (*w && !hide_word(w, hide))
            st = not_a_part(w, err);
    }
    free(copy);
    return st;
}

/* ---- header and completeness ---------------------------------------------- */

static void hidden_list(const struct rep *r, struct strbuf *sb)
{
    static const char *const extra[] = {"notes", "tags", "regions",
                                        "medicines"};
    for (int f = 0; f < CF_COUNT; f++)
        if (!shown(r, (enum checkin_field)f))
            strbuf_printf(sb, "%s%s", sb->len ? ", " : "",
                          report_outcome_name((enum checkin_field)f));
    for (size_t i = CF_COUNT; i < fields_count(); i++) /* in key order */
        if (report_hides_own(r->hide, fields_at(i)->key))
            strbuf_printf(sb, "%s%s", sb->len ? ", " : "",
                          fields_at(i)->noun);
    for (int i = 0; i < 4; i++)
        if (r->hide->mask & (REPORT_HIDE_NOTES << i))
            strbuf_printf(sb, "%s%s", sb->len ? ", " : "", extra[i]);
}

static void header(const struct rep *r)
{
    char first[DATE_BUF], last[DATE_BUF], made[DATE_BUF];
    struct strbuf hidden = {0};
    report_doc_title(r->d, "Pain diary report");
    report_doc_para(r->d,
                    "%s to %s (%zu days). Written by ache %s on %s from the "
                    "person's own check-ins. Ratings are 0-10, 0 the least "
                    "(for sleep quality and mood, 0 is the worst).",
                    date_format(r->m->first, first),
                    date_format(r->m->last, last), r->m->ndays, ACHE_VERSION,
                    date_format(r->in->prepared, made));
    report_period_moved(r->d, r->in);
    hidden_list(r, &hidden);
    if (hidden.len)
        report_doc_para(r->d, "Left out at the person's wish: %s.",
                        strbuf_str(&hidden));
    strbuf_free(&hidden);
}

/* The parts of a check-in a report may name, with what is hidden left
 * out. */
static unsigned shown_parts(const struct rep *r, unsigned parts)
{
    for (int f = 0; f < CF_COUNT; f++)
        if (r->hide->mask & REPORT_HIDE_FIELD(f))
            parts &= ~CHECKIN_PART_VALUE(f);
    if (r->hide->mask & REPORT_HIDE_NOTES)
        parts &= ~CHECKIN_PART(CP_NOTE);
    if (r->hide->mask & REPORT_HIDE_TAGS)
        parts &= ~CHECKIN_PART(CP_TAGS);
    if (r->hide->mask & REPORT_HIDE_REGIONS)
        parts &= ~CHECKIN_PART(CP_REGIONS);
    /* the own values change as one part: it may be a hidden field's */
    if (r->hide->nown > 0)
        parts &= ~CHECKIN_PART(CP_OWN);
    return parts;
}

/* "pain, fatigue and the note" */
static void part_names(unsigned parts, struct strbuf *out)
{
    static const char *const other[] = {"the day", "the time"};
    const char *names[CP_COUNT];
    int n = 0;
    for (int p = 0; p < CP_COUNT; p++) {
        if (!(parts & CHECKIN_PART(p)))
            continue;
        if (p < CP_VALUE0)
            names[n++] = other[p];
        else if (p < CP_REGIONS)
            names[n++] = checkin_field_info(p - CP_VALUE0)->noun;
        else
            names[n++] = p == CP_REGIONS ? "regions"
                         : p == CP_TAGS  ? "tags"
                         : p == CP_OWN   ? "own fields"
                                         : "the note";
    }
    for (int i = 0; i < n; i++)
        strbuf_printf(out, "%s%s", i == 0 ? "" : i == n - 1 ? " and " : ", ",
                      names[i]);
}

/* Which values were changed after their day, and when: a reader may
 * weigh a value set from memory differently. */
#define LATE_SHOWN 5
static void late_changes(const struct rep *r)
{
    struct strbuf list = {0};
    size_t count = 0;
    for (size_t i = 0; i < r->in->nlate; i++) {
        const struct report_late *lc = &r->in->late[i];
        unsigned parts = shown_parts(r, lc->parts);
        if (!parts || lc->date < r->m->first || lc->date > r->m->last)
            continue;
        if (count++ < LATE_SHOWN) {
            char day[DATE_BUF], on[DATE_BUF];
            strbuf_printf(&list, "%s%s: ", count > 1 ? "; " : "",
                          date_format(lc->date, day));
            part_names(parts, &list);
            strbuf_printf(&list, " (on %s)", date_format(lc->changed_on, on));
        }
    }
    if (count > LATE_SHOWN)
        strbuf_printf(&list, "; and %zu more", count - LATE_SHOWN);
    if (count)
        report_doc_para(r->d, "Changed after their day (%zu change%s): %s.",
                        count, count == 1 ? "" : "s", strbuf_str(&list));
    strbuf_free(&list);
}

static void completeness(const struct rep *r)
{
    const struct report_model *m = r->m;
    report_doc_heading(r->d, "How complete the diary is");
    if (m->days_with == 0) {
        report_doc_para(r->d,
                        "No check-ins in this period: there is nothing to "
                        "report yet.");
        return;
    }
    struct strbuf entry = {0};
    report_entry_sentence(&entry, &m->entry);
    report_doc_para(r->d, "Check-ins on %d of %zu days (%d%%), %d in all. %s",
                    m->days_with, m->ndays,
                    report_pct(m->days_with, (int)m->ndays), m->checkins,
                    strbuf_str(&entry));
    strbuf_free(&entry);
    late_changes(r);
}

/* ---- week by week ----------------------------------------------------------- */

static const enum checkin_field weekly_fields[] = {CF_PAIN, CF_FATIGUE,
                                                   CF_SLEEP_QUALITY, CF_MOOD};
#define WEEKLY_FIELDS 4

/* Sleep hours keep their quarter hours ("7.25"); ratings one decimal. */
static const char *fmt_value(enum checkin_field f, double v,
                             char buf[REPORT_NUM_BUF])
{
    return checkin_field_info(f)->steps_per_unit > 1 ? report_fmt_hours(v, buf)
                                                     : report_fmt_num(v, buf);
}

static void stat_cell(struct report_doc *d, enum checkin_field f,
                      const struct report_stat *s)
{
    char a[REPORT_NUM_BUF], b[REPORT_NUM_BUF], c[REPORT_NUM_BUF];
    if (s->median < 0)
        report_doc_cell(d, "-");
    else
        report_doc_cell(d, "%s / %s / %s", fmt_value(f, s->min, a),
                        fmt_value(f, s->median, b), fmt_value(f, s->max, c));
}

/* The values the first weekly table has no room for within 80 columns,
 * and when the days were entered: a second table with the same weeks
 * (which HTML folds into the first). */
static const enum checkin_field more_fields[] = {CF_STIFFNESS,
                                                 CF_SLEEP_HOURS};
#define MORE_FIELDS 2

static void weekly_more_explain(const struct rep *r)
{
    bool stiff = shown(r, CF_STIFFNESS), hours = shown(r, CF_SLEEP_HOURS);
    struct strbuf sb = {0};
    if (stiff || hours)
        strbuf_printf(&sb, "%s: lowest / median / highest day. ",
                      stiff && hours ? "Stiffness and sleep hours"
                      : stiff        ? "Stiffness"
                                     : "Sleep hours");
    strbuf_append(&sb, "Filled later: days whose check-ins were all entered "
                       "after the day");
    if (r->m->entry.unknown)
        strbuf_append(&sb, "; unknown: days whose timing is not known "
                           "(imported without it)");
    report_doc_para(r->d, "%s.", strbuf_str(&sb));
    strbuf_free(&sb);
}

/* The columns of the second weekly table before any own field's: the
 * week, stiffness and sleep hours (those shown), filled later and, when
 * some days' timing is unknown, unknown. */
static size_t more_cols(const struct rep *r)
{
    size_t n = r->m->entry.unknown ? 3 : 2;
    for (int i = 0; i < MORE_FIELDS; i++)
        n += shown(r, more_fields[i]);
    return n;
}

/* Week w of the model, its Monday written as the row's first cell. */
static void week_row_start(struct report_doc *d, const struct rep *r,
                           size_t w, struct report_week *wk)
{
    report_week_at(r->m, w, wk);
    char monday[DATE_BUF];
    report_doc_cell(d, "%s", date_format(wk->monday, monday));
}

/* A table by week: the second table's columns (`more`) or the week alone,
 * then own fields from..to. `head`: row 0 is the header and row w + 1
 * week w (to measure the whole table at once). */
struct week_cols {
    const struct rep *r;
    bool more;
    size_t from, to;
    bool head;
};

static void week_cols_head(struct report_doc *d, const struct week_cols *c)
{
    const struct rep *r = c->r;
    char head[REPORT_OWN_HEAD_COLS * 4 + 4];
    report_doc_cell(d, "Week of");
    for (int i = 0; c->more && i < MORE_FIELDS; i++)
        if (shown(r, more_fields[i]))
            report_doc_cell(d, "%s", checkin_field_info(more_fields[i])->label);
    if (c->more)
        report_doc_cell(d, "Filled later");
    if (c->more && r->m->entry.unknown)
        report_doc_cell(d, "Unknown");
    for (size_t i = c->from; i < c->to; i++)
        report_doc_cell(d, "%s", report_own_head(r->own, i, !d->utf8, head,
                                                 sizeof head));
}

static void week_cols_row(struct report_doc *d, size_t w, const void *ctx)
{
    const struct week_cols *c = ctx;
    const struct rep *r = c->r;
    if (c->head && w == 0) {
        week_cols_head(d, c);
        return;
    }
    struct report_week wk;
    char figure[REPORT_NUM_BUF];
    week_row_start(d, r, w - c->head, &wk);
    for (int i = 0; c->more && i < MORE_FIELDS; i++)
        if (shown(r, more_fields[i]))
            stat_cell(d, more_fields[i], &wk.stat[more_fields[i]]);
    if (c->more)
        report_doc_cell(d, "%d", wk.days_later);
    if (c->more && r->m->entry.unknown)
        report_doc_cell(d, "%d", wk.days_unknown);
    for (size_t i = c->from; i < c->to; i++)
        report_doc_cell(d, "%s",
                        report_own_figure(r->own, i, wk.monday, figure));
}

static void week_cols_table(const struct rep *r, struct week_cols c)
{
    char align[MORE_FIELDS + 4 + FIELD_OWN_MAX];
    size_t lead = c.more ? more_cols(r) : 1, ncols = lead + c.to - c.from;
    memset(align, 'r', ncols);
    align[0] = 'l';
    align[ncols] = '\0';
    report_doc_table_begin(r->d, align);
    week_cols_head(r->d, &c);
    report_doc_table_rows(r->d, r->m->nweeks, week_cols_row, &c);
}

/* HTML folds the second weekly table into the first, which is full: its
 * own fields come in tables of their own, this many to a table. */
#define OWN_HTML_COLS 4

/* Which own fields go where: bounds[0] of them beside the second table's
 * columns, as many as fit in REPORT_WIDTH (none in HTML); then table t of
 * own fields bounds[t]..bounds[t + 1], the week and as many as fit (in
 * HTML OWN_HTML_COLS). Returns how many own tables. */
static size_t own_tables(const struct rep *r, size_t *bounds)
{
    size_t n = r->own->n, lead = more_cols(r), k = 0, t = 0;
    bounds[0] = 0;
    if (n == 0) /* no pass over the weeks to measure nothing */
        return 0;
    size_t *w = report_doc_measure(
        r->d, lead + n, r->m->nweeks + 1, week_cols_row,
        &(struct week_cols){r, true, 0, n, true});
    while (w && k < n &&
           report_doc_table_width(r->d, w, lead + k + 1) <= REPORT_WIDTH)
        k++;
    bounds[0] = k;
    size_t cols[1 + FIELD_OWN_MAX];
    cols[0] = w ? w[0] : 0;
    while (k < n) {
        size_t m = 0;
        for (; k + m < n; m++) {
            cols[1 + m] = w ? w[lead + k + m] : 0;
            bool fits = w ? report_doc_table_width(r->d, cols, m + 2) <=
                                REPORT_WIDTH
                          : m < OWN_HTML_COLS;
            if (m > 0 && !fits)
                break;
        }
        k += m;
        bounds[++t] = k;
    }
    free(w);
    return t;
}

/* The second weekly table, with the own fields that fit beside it, and
 * the own fields left in tables of their own, the week repeated. */
static void weekly_more(const struct rep *r)
{
    size_t bounds[FIELD_OWN_MAX + 1];
    size_t ntables = own_tables(r, bounds);
    if (bounds[0] > 0)
        report_own_explain(r->d, r->own);
    weekly_more_explain(r);
    week_cols_table(r, (struct week_cols){r, true, 0, bounds[0], false});
    if (bounds[0] == 0 && ntables > 0)
        report_own_explain(r->d, r->own);
    for (size_t t = 0; t < ntables; t++)
        week_cols_table(r, (struct week_cols){r, false, bounds[t],
                                              bounds[t + 1], false});
}

static void weekly_row(struct report_doc *d, size_t w, const void *ctx)
{
    const struct rep *r = ctx;
    struct report_week wk;
    week_row_start(d, r, w, &wk);
    report_doc_cell(d, "%d", wk.days);
    for (int i = 0; i < WEEKLY_FIELDS; i++)
        if (shown(r, weekly_fields[i]))
            stat_cell(d, weekly_fields[i], &wk.stat[weekly_fields[i]]);
}

static void weekly(const struct rep *r)
{
    char align[WEEKLY_FIELDS + 3] = "lr";
    report_doc_heading(r->d, "Week by week");
    report_doc_para(
        r->d, "Lowest / median / highest day of each week. Sleep is "
              "sleep quality (10 fully restored); mood 10 is very good.");
    for (int i = 0; i < WEEKLY_FIELDS; i++)
        if (shown(r, weekly_fields[i]))
            strcat(align, "r");
    report_doc_table_begin(r->d, align);
    report_doc_cell(r->d, "Week of");
    report_doc_cell(r->d, "Days");
    for (int i = 0; i < WEEKLY_FIELDS; i++)
        if (shown(r, weekly_fields[i]))
            report_doc_cell(r->d, "%s",
                            i == 2
                                ? "Sleep"
                                : checkin_field_info(weekly_fields[i])->label);
    report_doc_table_rows(r->d, r->m->nweeks, weekly_row, r);
    weekly_more(r);
}

/* ---- the trend chart ---------------------------------------------------------- */

/* Days a 7-day mean needs, so that one day does not pass for a week. */
#define ROLLING_MIN_DAYS 3

/* The mean of the 7 days ending with each day (CHART_GAP when fewer than
 * ROLLING_MIN_DAYS have a value). Three daily lines in one text chart are
 * a thicket; their weekly means read at a glance. */
static void rolling_means(const struct report_model *m, enum checkin_field f,
                          double *out)
{
    for (size_t k = 0; k < m->ndays; k++)
        out[k] = m->days[k].mean[f]; /* STATS_ABSENT is left out */
    stats_rolling_mean(out, m->ndays, ROLLING_MIN_DAYS, out);
}

static void daily_means(const struct report_model *m, enum checkin_field f,
                        double *out)
{
    for (size_t k = 0; k < m->ndays; k++)
        out[k] = m->days[k].mean[f] >= 0 ? m->days[k].mean[f] : CHART_GAP;
}

/* HTML draws the daily values (colour and dashes keep three lines apart);
 * the plain formats draw 7-day means. */
static void trend(const struct rep *r)
{
    bool daily = r->d->format == REPORT_HTML;
    struct chart_series series[3];
    double *values[3];
    int n = 0;
    for (int i = 0; i < 3; i++) {
        if (!shown(r, weekly_fields[i]))
            continue;
        values[n] = xcalloc(r->m->ndays, sizeof(double));
        (daily ? daily_means : rolling_means)(r->m, weekly_fields[i],
                                              values[n]);
        series[n] = (struct chart_series){weekly_fields[i], values[n]};
        n++;
    }
    if (n == 0)
        return;
    report_doc_heading(r->d, "Trend");
    report_doc_para(r->d, "%s; a gap is a time without values.",
                    daily ? "Daily means"
                          : "Means of the 7 days up to each day");
    struct chart_spec spec = {r->m->first, (int)r->m->ndays, series, n,
                              false, false, false, -1, false};
    report_doc_chart(r->d, &spec);
    for (int i = 0; i < n; i++)
        free(values[i]);
}

/* ---- where it hurt, flares ------------------------------------------------------- */

static void where(const struct rep *r)
{
    if (r->hide->mask & REPORT_HIDE_REGIONS)
        return;
    report_doc_heading(r->d, "Where it hurt");
    int any = 0;
    for (int i = 0; i < REGION_COUNT; i++)
        any += r->m->region_days[i];
    if (!any) {
        report_doc_para(r->d, "No painful region was marked in this period.");
        return;
    }
    report_doc_para(r->d,
                    "Days each region was marked as painful, of %d days with "
                    "a check-in. Left and right are the person's own.",
                    r->m->days_with);
    report_doc_body(r->d, r->m->region_days);
}

static void flares(const struct rep *r)
{
    if (!shown(r, CF_PAIN))
        return;
    report_doc_heading(r->d, "Flares");
    report_doc_para(r->d,
                    "Two or more days in a row with pain at least 2 above "
                    "the usual (the median of the 28 days before).");
    if (r->m->flares.n == 0)
        report_doc_para(r->d, "None in this period.");
    for (size_t i = 0; i < r->m->flares.n; i++)
        report_flare_item(r->d, &r->m->flares.items[i], &r->m->flares,
                          r->hide->mask);
}

/* ---- tags ------------------------------------------------------------------------ */

static void tag_row(const struct rep *r, const struct insight_effect *e)
{
    char name[TAG_COLS * 4 + 4], diff[REPORT_NUM_BUF], p[REPORT_NUM_BUF],
        q[REPORT_NUM_BUF], outcome[REPORT_OUTCOME_BUF];
    struct strbuf tag = {0};
    /* shown (text_safe) before it is cut, so that it is cut by what shows */
    text_safe_str(&tag, e->tag, TEXT_SAFE_UTF8);
    report_doc_cell(r->d, "%s",
                    text_ellipsize(strbuf_str(&tag), TAG_COLS, !r->d->utf8,
                                   name, sizeof name));
    strbuf_free(&tag);
    report_doc_cell(r->d, "%s", report_outcome_short(e->outcome, TAG_COLS,
                                                     !r->d->utf8, outcome));
    report_doc_cell(r->d, "%s", report_lag_name(e->lag));
    report_doc_cell(r->d, "%s", report_fmt_effect(e->outcome, e->diff, diff));
    report_doc_cell(r->d, "%d/%d", e->days_with, e->days_without);
    report_doc_cell(r->d, "%s", report_fmt_prob(e->p, p));
    report_doc_cell(r->d, "%s%s", report_fmt_prob(e->q, q),
                    e->q < INSIGHTS_FDR ? "*" : "");
}

/* The strongest effect of each tag (on a symptom shown), strongest first:
 * items are sorted by p, so the first of a tag is its strongest. */
static size_t top_effects(const struct rep *r,
                          const struct insight_effect *top[TOP_TAGS])
{
    size_t n = 0;
    for (size_t i = 0; i < r->m->effects.tested && n < TOP_TAGS; i++) {
        const struct insight_effect *e = &r->m->effects.items[i];
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen = seen || strcmp(top[j]->tag, e->tag) == 0;
        if (!seen && outcome_shown(r, e->outcome))
            top[n++] = e;
    }
    return n;
}

/* The overlaps that name a tag of the table: a clinician reading "wine"
 * beside "late-night" should know they mostly came together. */
static void overlaps_of_top(const struct rep *r,
                            const struct insight_effect *const *top, size_t n)
{
    const struct insight_overlap_list *l = &r->m->overlaps;
    for (size_t i = 0; i < l->n; i++) {
        bool named = false;
        for (size_t j = 0; j < n; j++)
            named = named || strcmp(top[j]->tag, l->items[i].side[0].tag) == 0 ||
                    strcmp(top[j]->tag, l->items[i].side[1].tag) == 0;
        if (named) {
            struct insight_overlap_list one = {&l->items[i], 1};
            report_overlap_note(r->d, &one, NULL);
        }
    }
}

static void tags(const struct rep *r)
{
    const struct insight_effect *top[TOP_TAGS];
    if (r->hide->mask & REPORT_HIDE_TAGS)
        return;
    report_doc_heading(r->d, "Tags that went with symptoms");
    size_t n = top_effects(r, top);
    if (n == 0) {
        report_doc_para(r->d,
                        "Too little data: a tag needs at least %d days with "
                        "it and %d without.",
                        INSIGHTS_MIN_GROUP, INSIGHTS_MIN_GROUP);
        return;
    }
    report_doc_para(r->d,
                    "This shows association, not cause. Change: the mean "
                    "with the tag minus the mean without, on the same day or "
                    "the one or two after. Days: with the tag / without it. "
                    "p: how often shuffled days (with the part the day "
                    "before explains taken out) gave as strong a link. q: p "
                    "corrected for the number of comparisons "
                    "(Benjamini-Hochberg); * survives it (q below 0.05).");
    report_correction_note(r->d, &r->m->effects);
    report_doc_table_begin(r->d, "lllrrrr");
    for (const char *const *h = (const char *const[]){"Tag", "Symptom",
             "When", "Change", "Days", "p", "q", NULL}; *h; h++)
        report_doc_cell(r->d, "%s", *h);
    for (size_t i = 0; i < n; i++)
        tag_row(r, top[i]);
    report_doc_table_end(r->d);
    overlaps_of_top(r, top, n);
}

/* ---- treatment trials ------------------------------------------------------ */

/* Trials whose 2 weeks after reach into the period: what a visit is
 * about (a course begun a year ago is old news, and the page is short). */
static bool trial_hidden(const struct rep *r, const struct insight_trial *t);

static bool trial_recent(const struct rep *r, const struct insight_trial *t)
{
    return t->why != INSIGHT_TRIAL_NEVER_USED && !trial_hidden(r, t) &&
           t->first_use + INSIGHTS_TRIAL_AFTER_DAYS >= r->m->first;
}

/* At most this many labelled trials, the latest, and this many names of
 * those without a label: the page is one page however many treatments a
 * person tried (ache insights lists every one). */
#define TRIALS_SHOWN 3
#define UNLABELLED_SHOWN 6

static int later_first(const void *pa, const void *pb)
{
    const struct insight_trial *a = *(const struct insight_trial *const *)pa;
    const struct insight_trial *b = *(const struct insight_trial *const *)pb;
    if (a->first_use != b->first_use)
        return a->first_use > b->first_use ? -1 : 1;
    return strcmp(a->tag, b->tag);
}

/* The recent trials with (`labelled`) or without a label, latest first;
 * returns how many. The caller frees *out. */
static size_t recent_trials(const struct rep *r, bool labelled,
                            const struct insight_trial ***out)
{
    size_t n = 0;
    *out = xcalloc(r->m->ntrials + 1, sizeof **out);
    for (size_t i = 0; i < r->m->ntrials; i++) {
        const struct insight_trial *t = &r->m->trials[i];
        if (trial_recent(r, t) &&
            (t->why == INSIGHT_TRIAL_LABELLED) == labelled)
            (*out)[n++] = t;
    }
    qsort(*out, n, sizeof **out, later_first);
    return n;
}

static void trials_labelled(const struct rep *r)
{
    const struct insight_trial **list;
    size_t n = recent_trials(r, true, &list);
    for (size_t i = 0; i < n && i < TRIALS_SHOWN; i++)
        report_trial_brief(r->d, list[i]);
    if (n > TRIALS_SHOWN)
        report_doc_para(r->d, "%zu earlier trial%s left out.",
                        n - TRIALS_SHOWN, n - TRIALS_SHOWN == 1 ? "" : "s");
    free(list);
}

/* The recent trials without a label, named in one line. */
static void trials_unlabelled(const struct rep *r)
{
    const struct insight_trial **list;
    size_t n = recent_trials(r, false, &list);
    struct strbuf sb = {0};
    for (size_t i = 0; i < n && i < UNLABELLED_SHOWN; i++)
        strbuf_printf(&sb, "%s%s", i ? ", " : "", list[i]->tag);
    if (n > UNLABELLED_SHOWN)
        strbuf_printf(&sb, " and %zu more", n - UNLABELLED_SHOWN);
    if (n)
        report_doc_para(r->d, "Too little data yet: %s.", strbuf_str(&sb));
    strbuf_free(&sb);
    free(list);
}

/* A trial is pain against a tag's first use or a regimen's start: hidden
 * with pain, and with the tags or the medicines it stands on. */
static bool trial_hidden(const struct rep *r, const struct insight_trial *t)
{
    return r->hide->mask & (t->regimen ? REPORT_HIDE_MEDS : REPORT_HIDE_TAGS);
}

static void trials(const struct rep *r)
{
    size_t recent = 0;
    for (size_t i = 0; i < r->m->ntrials; i++)
        recent += trial_recent(r, &r->m->trials[i]) &&
                  !trial_hidden(r, &r->m->trials[i]);
    if (!shown(r, CF_PAIN) || recent == 0)
        return;
    report_doc_heading(r->d, "Treatment trials");
    report_trials_explain(r->d, true);
    trials_labelled(r);
    trials_unlabelled(r);
}

/* ---- weekly WPI, notes --------------------------------------------------------- */

static void wpi(const struct rep *r)
{
    if (r->hide->mask & REPORT_HIDE_REGIONS)
        return;
    bool sss = shown(r, CF_FATIGUE) && shown(r, CF_SLEEP_QUALITY) &&
               shown(r, CF_FOG);
    report_doc_heading(r->d, "Widespread pain and symptom severity");
    report_wpi_explain(r->d, sss);
    report_wpi_table(r->d, r->m, sss, false);
    if (sss)
        report_full_scores(r->d, r->in, &r->m->wpi);
}

static void notes(const struct rep *r)
{
    char day[DATE_BUF], pain[REPORT_NUM_BUF];
    bool by_pain = shown(r, CF_PAIN);
    if (r->hide->mask & REPORT_HIDE_NOTES || r->m->nnotes == 0)
        return;
    report_doc_heading(r->d, by_pain ? "Notes from the most painful days"
                                     : "The latest notes");
    for (size_t i = 0; i < r->m->nnotes; i++) {
        const struct report_note *n = &r->m->notes[i];
        if (by_pain && n->pain >= 0)
            report_doc_item(r->d, "%s (pain %s): %s", date_format(n->day, day),
                            report_fmt_num(n->pain, pain), n->text);
        else
            report_doc_item(r->d, "%s: %s", date_format(n->day, day), n->text);
    }
}

/* The report, sent to sink as it is written when there is one. */
static char *render(const struct report_input *in,
                    const struct report_options *opt, FILE *sink)
{
    struct report_model m;
    struct report_model_parts parts = {
        .notes = true,
        .notes_by_pain = !(opt->hide.mask & REPORT_HIDE_FIELD(CF_PAIN))};
    report_model_build(in, &parts, &m);
    struct report_own own;
    report_own_build(in, &opt->hide, &own);
    struct rep r = {report_doc_new(opt->format, opt->utf8), &m, in,
                    &opt->hide, &own};
    report_doc_stream(r.d, sink);
    header(&r);
    completeness(&r);
    if (m.days_with > 0) {
        weekly(&r);
        wpi(&r);
        trend(&r);
        where(&r);
        flares(&r);
        tags(&r);
        trials(&r);
        if (!(opt->hide.mask & REPORT_HIDE_MEDS))
            report_meds(r.d, in);
        notes(&r);
    }
    report_own_free(&own);
    report_model_free(&m);
    return report_doc_finish(r.d);
}

char *report_render(const struct report_input *in,
                    const struct report_options *opt)
{
    return render(in, opt, NULL);
}

void report_render_to(const struct report_input *in,
                      const struct report_options *opt, FILE *out)
{
    char *rest = render(in, opt, out);
    fputs(rest, out);
    free(rest);
}
