/* report: the text of `ache insights`, and the pieces the clinic report
 * shares with it (a flare in words, a tag's strongest effect, a treatment
 * trial, the weekly WPI table). Every section says what its numbers mean, since the reader
 * is the person who kept the diary, not a statistician. */
#include "report_impl.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/report.h"
#include "ache/strmap.h"
#include "ache/tags.h"
#include "ache/util.h"

/* Fewer days with a check-in than this and most insights say "too little
 * data"; the introduction warns of it. */
#define FEW_DAYS 14

/* Each tag's kind by name, looked up once per tag shown. */
static void kinds_map(const struct tag_list *tags, struct strmap *kinds)
{
    for (size_t i = 0; tags && i < tags->n; i++)
        strmap_put(kinds, tags->items[i].name, tags->items[i].kind);
}

static const char *kind_of(const struct strmap *kinds, const char *name)
{
    int64_t kind;
    return strmap_get(kinds, name, &kind) ? tag_kind_name((enum tag_kind)kind)
                                          : NULL;
}

void report_period_moved(struct report_doc *d, const struct report_input *in)
{
    char begins[DATE_BUF], asked[DATE_BUF];
    if (in->from_moved)
        report_doc_para(d,
                        "The diary begins on %s, so the period starts "
                        "there, not on %s.",
                        date_format(in->first, begins),
                        date_format(in->asked_first, asked));
}

/* ---- when check-ins were entered ------------------------------------------ */

void report_entry_sentence(struct strbuf *sb, const struct insight_entry_days *e)
{
    strbuf_printf(sb,
                  "%d of those days (%d%%) %s filled in later than the day "
                  "itself",
                  e->later, report_pct(e->later, e->days),
                  e->later == 1 ? "was" : "were");
    if (e->unknown)
        strbuf_printf(sb,
                      "; for %d (%d%%) the timing is unknown (imported "
                      "without it)",
                      e->unknown, report_pct(e->unknown, e->days));
    strbuf_putc(sb, '.');
}

/* ---- flares ------------------------------------------------------------------ */

/* Each tag with its share of all days: the first spells it out, the rest
 * follow its pattern. */
static void flare_tags_text(struct strbuf *sb, const struct insight_flare *f,
                            int days_checked)
{
    if (f->ntags == 0) {
        strbuf_append(sb, " No tags in the 3 days before.");
        return;
    }
    strbuf_append(sb, " In the 3 days before:");
    for (size_t i = 0; i < f->ntags; i++) {
        const struct insight_flare_tag *t = &f->tags[i];
        strbuf_printf(sb, "%s %s on %d day%s (%s%d%%%s)", i ? "," : "",
                      t->name, t->days, t->days == 1 ? "" : "s",
                      i ? "" : "on ", report_pct(t->days_any, days_checked),
                      i ? "" : " of all days");
    }
    strbuf_putc(sb, '.');
}

static void flare_activity_text(struct strbuf *sb,
                                const struct insight_flare *f,
                                const struct insight_activity *a)
{
    char v[REPORT_NUM_BUF], t[REPORT_NUM_BUF];
    if (f->activity_before < 0)
        strbuf_append(sb, " No activity recorded in the 3 days before.");
    else if (!a->known)
        strbuf_printf(sb,
                      " Activity before: up to %s (too few activity "
                      "ratings to tell what is high for you).",
                      report_fmt_num(f->activity_before, v));
    else
        strbuf_printf(sb,
                      " Activity had %sbeen high (up to %s; your top "
                      "quarter starts at %s).",
                      f->activity_high_before ? "" : "not ",
                      report_fmt_num(f->activity_before, v),
                      report_fmt_num(a->threshold, t));
}

void report_flare_item(struct report_doc *d, const struct insight_flare *f,
                       const struct insight_flare_list *l, unsigned hide)
{
    char start[DATE_BUF], end[DATE_BUF], peak_day[DATE_BUF],
        peak[REPORT_NUM_BUF], base[REPORT_NUM_BUF];
    struct strbuf sb = {0};
    strbuf_printf(&sb,
                  "%s to %s, %d days%s%s: peak %s on %s (usual %s, highest "
                  "single rating %d).",
                  date_format(f->start, start), date_format(f->end, end),
                  f->length,
                  f->begun_before_period ? ", begun before this period" : "",
                  f->ongoing ? ", still going at the end" : "",
                  report_fmt_num(f->peak, peak),
                  date_format(f->peak_day, peak_day),
                  report_fmt_num(f->baseline, base), f->peak_max);
    if (!(hide & REPORT_HIDE_TAGS))
        flare_tags_text(&sb, f, l->days_checked);
    if (!(hide & REPORT_HIDE_FIELD(CF_ACTIVITY)))
        flare_activity_text(&sb, f, &l->activity);
    report_doc_item(d, "%s", strbuf_str(&sb));
    strbuf_free(&sb);
}

/* Every tag of the days before flares, beside its share of all days: what
 * the lists above cannot show at a glance. */
static void flare_base_table(struct report_doc *d,
                             const struct insight_flare_list *l)
{
    if (l->nbase == 0)
        return;
    report_doc_para(
        d,
        "Tags before flares against any day: of the %d day%s with a "
        "check-in in the 3 days before a flare, how many carried each tag, "
        "and of all %d days with a check-in, how many did. A tag as common "
        "on any day as before flares says little about them.",
        l->days_before, l->days_before == 1 ? "" : "s", l->days_checked);
    report_doc_table_begin(d, "lrr");
    report_doc_cell(d, "Tag");
    report_doc_cell(d, "Before flares");
    report_doc_cell(d, "Any day");
    for (size_t i = 0; i < l->nbase; i++) {
        const struct insight_flare_base *b = &l->base[i];
        report_doc_cell(d, "%s", b->name);
        report_doc_cell(d, "%d of %d (%d%%)", b->days_before, l->days_before,
                        report_pct(b->days_before, l->days_before));
        report_doc_cell(d, "%d of %d (%d%%)", b->days_any, l->days_checked,
                        report_pct(b->days_any, l->days_checked));
    }
    report_doc_table_end(d);
}

static void flares_section(struct report_doc *d, const struct report_model *m)
{
    report_doc_heading(d, "Flares");
    report_doc_para(
        d, "A flare is two or more days in a row with pain at least 2 "
           "above your usual level (the median of the 28 days before). "
           "For each: the tags of the 3 days before it, with the share of "
           "all days with a check-in in this period that carried each (a "
           "tag you use most days is often before a flare by chance "
           "alone), and whether your activity had been high. A flare "
           "already under way when the period begins is listed from its "
           "first day.");
    if (m->flares.n == 0)
        report_doc_para(d,
                        "No flares in this period. (Telling needs at least 7 "
                        "days with pain in the 4 weeks before a day.)");
    for (size_t i = 0; i < m->flares.n; i++)
        report_flare_item(d, &m->flares.items[i], &m->flares, 0);
    flare_base_table(d, &m->flares);
}

/* ---- tags ----------------------------------------------------------------------- */

/* The effects of each tag by name, in the order the list first names
 * them (by a hash map: a search of the list per tag and cell grew with
 * the square of the tags). A row holds a cell per outcome and lag. */
#define LAGS (INSIGHTS_MAX_LAG + 1)
/* How wide an outcome's name may be beside three cells of a tag table:
 * "dizziness" whole, a name of 32 cut, so that a line keeps to 80. */
#define OUTCOME_COLS 10
struct effect_index {
    struct strmap row;                   /* tag -> its row */
    size_t *first;                       /* row -> its first effect */
    const struct insight_effect **cells; /* row * cells + outcome, lag */
    const struct insight_effect_list *l; /* its outcomes, in order */
    size_t ncells;                       /* cells of a row */
};

static size_t outcome_index(const struct effect_index *x, int key)
{
    for (size_t o = 0; o < x->l->noutcomes; o++)
        if (x->l->outcomes[o] == key)
            return o;
    return 0;
}

/* The cells of a tag's row. */
static const struct insight_effect *const *row_cells(
    const struct effect_index *x, const char *tag)
{
    int64_t row = 0;
    strmap_get(&x->row, tag, &row);
    return x->cells + (size_t)row * x->ncells;
}

static void index_effects(const struct insight_effect_list *l,
                          struct effect_index *x)
{
    *x = (struct effect_index){.first = xcalloc(l->n + 1, sizeof *x->first),
                               .l = l, .ncells = l->noutcomes * LAGS};
    x->cells = xcalloc(l->n * x->ncells + 1, sizeof *x->cells);
    for (size_t i = 0; i < l->n; i++) {
        const struct insight_effect *e = &l->items[i];
        int64_t row;
        if (!strmap_get(&x->row, e->tag, &row)) {
            row = (int64_t)x->row.n;
            strmap_put(&x->row, e->tag, row);
            x->first[row] = i;
        }
        x->cells[(size_t)row * x->ncells +
                 outcome_index(x, e->outcome) * LAGS + (size_t)e->lag] = e;
    }
}

static void index_free(struct effect_index *x)
{
    strmap_free(&x->row);
    free(x->first);
    free(x->cells);
}

/* Whether an effect before items[i] named its tag. */
static bool seen_before(const struct effect_index *x,
                        const struct insight_effect_list *l, size_t i)
{
    int64_t row = 0;
    strmap_get(&x->row, l->items[i].tag, &row);
    return x->first[row] != i;
}

/* How far chance could explain an effect, given how many were tested. */
static void verdict(struct strbuf *sb, const struct insight_effect *e,
                    size_t tests)
{
    if (e->q < INSIGHTS_FDR)
        strbuf_printf(sb,
                      "unlikely to be chance alone, even allowing for the "
                      "%zu comparisons made",
                      tests);
    else if (e->p < 0.05)
        strbuf_printf(sb,
                      "with %zu comparisons made, it could still be chance",
                      tests);
    else
        strbuf_append(sb, "this could well be chance");
}

static bool is_treatment(const char *kind)
{
    return kind && strcmp(kind, tag_kind_name(TAG_TREATMENT)) == 0;
}

/* A treatment with more pain on the day it was taken: what taking it when
 * in pain looks like, not what it does. */
static bool taken_for_pain(const struct insight_effect *same_day_pain,
                           const char *kind)
{
    const struct insight_effect *e = same_day_pain;
    return is_treatment(kind) && e && e->enough && e->diff > 0 &&
           e->p < 0.05;
}

static void tag_heading(struct report_doc *d, const struct insight_effect *best,
                        const char *kind, size_t rank, size_t tests)
{
    char p[REPORT_NUM_BUF], q[REPORT_NUM_BUF];
    struct strbuf sb = {0};
    strbuf_printf(&sb, "%zu. %s%s%s%s: strongest with %s on the %s, ", rank,
                  best->tag, kind ? " (" : "", kind ? kind : "",
                  kind ? ")" : "", report_outcome_name(best->outcome),
                  report_lag_name(best->lag));
    report_effect_words(&sb, best->outcome, best->diff, best->mean_with,
                        best->mean_without);
    strbuf_printf(&sb, " (%s, %s): ", report_fmt_p(best->p, p),
                  report_fmt_q(best->q, q));
    verdict(&sb, best, tests);
    report_doc_para(d, "%s.", strbuf_str(&sb));
    strbuf_free(&sb);
}

static void effect_cell(struct report_doc *d, const struct insight_effect *e)
{
    char diff[REPORT_NUM_BUF], p[REPORT_NUM_BUF];
    if (!e || !e->enough)
        report_doc_cell(d, "too little data");
    else
        report_doc_cell(d, "%s %d/%d %s%s",
                        report_fmt_effect(e->outcome, e->diff, diff),
                        e->days_with, e->days_without, report_fmt_p(e->p, p),
                        e->q < INSIGHTS_FDR ? "*" : "");
}

/* An outcome's name at the head of its row: "sleep" for sleep quality
 * (said once above), an own field's name cut to fit. */
static void outcome_cell(struct report_doc *d, int key)
{
    char name[REPORT_OUTCOME_BUF];
    if (key == CF_SLEEP_QUALITY)
        report_doc_cell(d, "%s", "sleep");
    else
        report_doc_cell(d, "%s", report_outcome_short(key, OUTCOME_COLS,
                                                      !d->utf8, name));
}

static void tag_table(struct report_doc *d, const struct effect_index *x,
                      const char *tag)
{
    const struct insight_effect *const *cells = row_cells(x, tag);
    report_doc_table_begin(d, "lrrr");
    report_doc_cell(d, "%s", "");
    for (int lag = 0; lag <= INSIGHTS_MAX_LAG; lag++)
        report_doc_cell(d, "%s", report_lag_name(lag));
    for (size_t o = 0; o < x->l->noutcomes; o++) {
        outcome_cell(d, x->l->outcomes[o]);
        for (int lag = 0; lag <= INSIGHTS_MAX_LAG; lag++)
            effect_cell(d, cells[o * LAGS + (size_t)lag]);
    }
    report_doc_table_end(d);
}

static void untested_tags(struct report_doc *d, const struct report_model *m,
                          const struct effect_index *x)
{
    struct strbuf sb = {0};
    const struct insight_effect_list *l = &m->effects;
    for (size_t i = l->tested; i < l->n; i++)
        if (!seen_before(x, l, i))
            strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", l->items[i].tag);
    if (sb.len)
        report_doc_para(
            d,
            "Too little data for: %s (a tag needs at least %d days "
            "with it and %d without, with the symptom recorded).",
            strbuf_str(&sb), INSIGHTS_MIN_GROUP, INSIGHTS_MIN_GROUP);
    strbuf_free(&sb);
}

void report_correction_note(struct report_doc *d,
                            const struct insight_effect_list *l)
{
    size_t survive = 0;
    for (size_t i = 0; i < l->tested; i++)
        survive += l->items[i].q < INSIGHTS_FDR;
    if (l->tested == 0)
        return;
    if (survive == 0)
        report_doc_para(d,
                        "%zu comparison%s had enough data, and none "
                        "survives the correction for their number: every "
                        "difference below could be chance.",
                        l->tested, l->tested == 1 ? "" : "s");
    else
        report_doc_para(d,
                        "%zu comparison%s had enough data; %zu survive%s "
                        "the correction for their number (q below %.2f, "
                        "marked *).",
                        l->tested, l->tested == 1 ? "" : "s", survive,
                        survive == 1 ? "s" : "", INSIGHTS_FDR);
}

/* "trigger +2.1 (pain, next day; 12 days with it, 60 without)". */
static void side_text(struct strbuf *sb, const struct insight_overlap_side *s,
                      const char *other)
{
    char diff[REPORT_NUM_BUF];
    if (!s->enough) {
        strbuf_printf(sb,
                      "%s has too few days without %s to tell (%d with it, "
                      "%d without)",
                      s->tag, other, s->days_with, s->days_without);
        return;
    }
    strbuf_printf(sb, "%s %s (%s, %s; %d days with it, %d without)", s->tag,
                  report_fmt_effect(s->outcome, s->diff, diff),
                  report_outcome_name(s->outcome), report_lag_name(s->lag),
                  s->days_with, s->days_without);
}

static void overlap_sentence(struct report_doc *d,
                             const struct insight_overlap *o)
{
    const struct insight_overlap_side *a = &o->side[0], *b = &o->side[1];
    struct strbuf sb = {0};
    strbuf_printf(&sb,
                  "%s and %s share most of their days (%d of %s's %d, and "
                  "of %s's %d), so their tests on all days cannot tell them "
                  "apart. On the days without the other (not tested "
                  "separately): ",
                  a->tag, b->tag, o->shared, a->tag, a->days, b->tag, b->days);
    side_text(&sb, a, b->tag);
    strbuf_append(&sb, "; ");
    side_text(&sb, b, a->tag);
    report_doc_para(d, "%s.", strbuf_str(&sb));
    strbuf_free(&sb);
}

void report_overlap_note(struct report_doc *d,
                         const struct insight_overlap_list *overlaps,
                         const char *tag)
{
    for (size_t i = 0; i < overlaps->n; i++) {
        const struct insight_overlap *o = &overlaps->items[i];
        if (!tag || strcmp(o->side[0].tag, tag) == 0 ||
            strcmp(o->side[1].tag, tag) == 0)
            overlap_sentence(d, o);
    }
}

/* What the rows of fields of one's own hold, when there are any. */
static void own_outcomes_note(struct report_doc *d,
                              const struct insight_effect_list *l)
{
    if (l->noutcomes <= INSIGHTS_BUILTIN_OUTCOMES)
        return;
    report_doc_para(
        d,
        "Your own fields follow: a rating, count or minutes as the "
        "difference of the means; a yes/no field as the difference of the "
        "shares of days with a yes, in percentage points.");
}

static void tags_intro(struct report_doc *d)
{
    report_doc_para(
        d,
        "This shows association, not cause. For each tag: the mean "
        "with it minus the mean without it, on the same day, the "
        "next day and the day after; the days with and without it; "
        "and p, how often shuffled days gave as strong a link (small "
        "p: unlikely to be chance alone). Pain follows yesterday's "
        "and tags come in runs, so the part of each day that the day "
        "before explains is taken out first, and runs of days count "
        "as the little evidence they are. Many comparisons turn up "
        "some small p by chance, so each p is corrected for how many "
        "were made (Benjamini-Hochberg): q. Sleep is sleep quality, "
        "where higher is better. Strongest first.");
}

/* The tag's heading, its table, and a note when a treatment went with
 * more pain on the day it was taken. */
/* A treatment's strongest effect on the days after it was taken (the
 * same day shows why it was taken more than what it did), or `best` when
 * none of those has enough data. Cells of equal p keep the order of the
 * list: the larger difference first. */
static const struct insight_effect *
best_after(const struct effect_index *x, const struct insight_effect *best)
{
    const struct insight_effect *const *cells = row_cells(x, best->tag);
    const struct insight_effect *found = NULL;
    for (size_t c = 0; c < x->ncells; c++) {
        const struct insight_effect *e = cells[c];
        if (e && e->enough && e->lag > 0 &&
            (!found || e < found))
            found = e;
    }
    return found ? found : best;
}

static void tag_block(struct report_doc *d, const struct report_model *m,
                      const struct effect_index *x,
                      const struct insight_effect *best, const char *kind,
                      size_t rank)
{
    tag_heading(d, is_treatment(kind) ? best_after(x, best) : best, kind,
                rank, m->effects.tested);
    report_overlap_note(d, &m->overlaps, best->tag);
    const struct insight_effect *same_day_pain =
        row_cells(x, best->tag)[outcome_index(x, CF_PAIN) * LAGS];
    if (taken_for_pain(same_day_pain, kind))
        report_doc_para(d,
                        "More pain on the days it was taken is what taking "
                        "it when in pain looks like, not what it does: it is "
                        "judged above by the days after, and by its trial "
                        "below.");
    tag_table(d, x, best->tag);
}

static void tags_section(struct report_doc *d, const struct report_model *m,
                         const struct report_input *in)
{
    report_doc_heading(d, "Tags and symptoms");
    tags_intro(d);
    own_outcomes_note(d, &m->effects);
    if (m->effects.n == 0)
        report_doc_para(d, "No tags were used in this period.");
    report_correction_note(d, &m->effects);
    size_t rank = 0;
    struct effect_index x;
    struct strmap kinds = {0};
    index_effects(&m->effects, &x);
    kinds_map(in->tags, &kinds);
    for (size_t i = 0; i < m->effects.tested; i++) {
        const struct insight_effect *e = &m->effects.items[i];
        if (!seen_before(&x, &m->effects, i))
            tag_block(d, m, &x, e, kind_of(&kinds, e->tag), ++rank);
    }
    untested_tags(d, m, &x);
    index_free(&x);
    strmap_free(&kinds);
}

/* ---- treatment trials ----------------------------------------------------------- */

#define WEEKS_BEFORE (INSIGHTS_TRIAL_BEFORE_DAYS / 7)
#define WEEKS_AFTER (INSIGHTS_TRIAL_AFTER_DAYS / 7)

/* "-34%", "+5%", "0%" (never "-0%"). */
static const char *fmt_pct(double v, char buf[REPORT_NUM_BUF])
{
    snprintf(buf, REPORT_NUM_BUF, fabs(v) < 0.5 ? "0%%" : "%+.0f%%", v);
    return buf;
}

/* A comparison's change and its range: "-34% (95% range -52% to -15%)". */
static void cmp_text(struct strbuf *sb, const struct insight_trial_cmp *c)
{
    char pct[REPORT_NUM_BUF], low[REPORT_NUM_BUF], high[REPORT_NUM_BUF];
    if (!c->has_pct) {
        strbuf_append(sb, "no pain before, so no percentage");
        return;
    }
    strbuf_append(sb, fmt_pct(c->pct, pct));
    if (c->has_range)
        strbuf_printf(sb, " (95%% range %s to %s)", fmt_pct(c->low, low),
                      fmt_pct(c->high, high));
    else
        strbuf_append(sb, " (no range: too little pain before)");
}

/* The warning of regression to the mean, in words. */
static void spell_text(struct strbuf *sb, const struct insight_trial *t)
{
    char spell[REPORT_NUM_BUF], usual[REPORT_NUM_BUF];
    strbuf_printf(sb,
                  " Careful: it began in a bad spell (pain %s in the week "
                  "before, %s in the %d weeks before that). Bad spells often "
                  "ease on their own",
                  report_fmt_num(t->spell_mean, spell),
                  report_fmt_num(t->usual.mean, usual), WEEKS_BEFORE - 1);
    if (t->why != INSIGHT_TRIAL_LABELLED) {
        strbuf_putc(sb, '.');
        return;
    }
    strbuf_printf(sb, ", so ache only counts a drop below those %d weeks: ",
                  WEEKS_BEFORE - 1);
    cmp_text(sb, &t->usual);
    strbuf_putc(sb, '.');
}

/* Why a trial has no name yet. */
static void unlabelled_text(struct strbuf *sb, const struct insight_trial *t)
{
    if (t->why == INSIGHT_TRIAL_FEW_BEFORE)
        strbuf_printf(sb, " %d day%s with pain in the %d weeks before; a "
                          "trial needs %d.",
                      t->before.days, t->before.days == 1 ? "" : "s",
                      WEEKS_BEFORE, INSIGHTS_TRIAL_MIN_BEFORE);
    else if (t->why == INSIGHT_TRIAL_FEW_AFTER)
        strbuf_printf(sb, " %d day%s with pain in the %d weeks after; a "
                          "trial needs %d.",
                      t->days_after, t->days_after == 1 ? "" : "s",
                      WEEKS_AFTER, INSIGHTS_TRIAL_MIN_AFTER);
    else if (t->why == INSIGHT_TRIAL_LITTLE_USE)
        strbuf_printf(sb, " Used on %d of the %d days with a check-in in "
                          "the %d weeks after; a trial needs it on at least "
                          "half.",
                      t->days_used, t->days_checked, WEEKS_AFTER);
}

/* A regimen's adherence: "Doses noted: 18 of 20 scheduled" (what the
 * diary knows; a dose may be taken and not noted), or for one taken as
 * needed "Doses noted: 6". */
static void adherence_text(struct strbuf *sb, const struct insight_trial *t)
{
    if (t->scheduled)
        strbuf_printf(sb, "doses noted: %ld of %ld scheduled (%d%%)",
                      t->noted, t->scheduled,
                      report_pct((int)t->noted, (int)t->scheduled));
    else
        strbuf_printf(sb, "doses noted: %ld", t->noted);
}

static void labelled_text(struct strbuf *sb, const struct insight_trial *t)
{
    char before[REPORT_NUM_BUF], after[REPORT_NUM_BUF];
    strbuf_printf(sb, " Pain %s in the %d weeks before, %s in the %d weeks "
                      "after: ",
                  report_fmt_num(t->before.mean, before), WEEKS_BEFORE,
                  report_fmt_num(t->mean_after, after), WEEKS_AFTER);
    cmp_text(sb, &t->before);
    if (!t->regimen) {
        strbuf_printf(sb, ". Used on %d of the %d days with a check-in "
                          "after.",
                      t->days_used, t->days_checked);
        return;
    }
    strbuf_append(sb, "; ");
    adherence_text(sb, t);
    strbuf_putc(sb, '.');
}

void report_trial_item(struct report_doc *d, const struct insight_trial *t)
{
    char first[DATE_BUF];
    struct strbuf sb = {0};
    if (t->why == INSIGHT_TRIAL_NEVER_USED) {
        report_doc_item(d, "%s: never used.", t->tag);
        return;
    }
    strbuf_printf(&sb, "%s (%s %s): %s.", t->tag,
                  t->regimen ? "from" : "first used",
                  date_format(t->first_use, first),
                  insights_change_name(t->change));
    if (t->why == INSIGHT_TRIAL_LABELLED)
        labelled_text(&sb, t);
    else
        unlabelled_text(&sb, t);
    if (t->why != INSIGHT_TRIAL_LABELLED && t->regimen) {
        strbuf_append(&sb, " Its ");
        adherence_text(&sb, t);
        strbuf_putc(&sb, '.');
    }
    if (t->bad_spell)
        spell_text(&sb, t);
    report_doc_item(d, "%s", strbuf_str(&sb));
    strbuf_free(&sb);
}

/* A labelled trial in two lines, for the one-page report. */
void report_trial_brief(struct report_doc *d, const struct insight_trial *t)
{
    char first[DATE_BUF], before[REPORT_NUM_BUF], after[REPORT_NUM_BUF],
        spell[REPORT_NUM_BUF], usual[REPORT_NUM_BUF];
    struct strbuf sb = {0};
    strbuf_printf(&sb, "%s (from %s): %s, ", t->tag,
                  date_format(t->first_use, first),
                  insights_change_name(t->change));
    cmp_text(&sb, &t->before);
    strbuf_printf(&sb, "; pain %s before, %s after; ",
                  report_fmt_num(t->before.mean, before),
                  report_fmt_num(t->mean_after, after));
    if (t->regimen)
        adherence_text(&sb, t);
    else
        strbuf_printf(&sb, "used on %d of %d days", t->days_used,
                      t->days_checked);
    strbuf_putc(&sb, '.');
    if (t->bad_spell) {
        strbuf_printf(&sb, " Careful: began in a bad spell (%s the week "
                           "before, usual %s); below usual: ",
                      report_fmt_num(t->spell_mean, spell),
                      report_fmt_num(t->usual.mean, usual));
        cmp_text(&sb, &t->usual);
        strbuf_putc(&sb, '.');
    }
    report_doc_item(d, "%s", strbuf_str(&sb));
    strbuf_free(&sb);
}

void report_trials_explain(struct report_doc *d, bool brief)
{
    if (brief) {
        report_doc_para(
            d,
            "Mean pain %d weeks before a treatment's first use (a medicine's "
            "start or change of dose) against %d weeks after, with a 95%% "
            "range. Improvements (IMMPACT: 10%%, 30%%, 50%% less) are named "
            "by the range's cautious end.",
            WEEKS_BEFORE, WEEKS_AFTER);
        return;
    }
    report_doc_para(
        d,
        "Mean daily pain in the %d weeks before a treatment's first use "
        "(for a medicine, the day its regimen began: a start or a change of "
        "dose) against the %d weeks after (the day itself in neither). The range "
        "is where the change plausibly lies (95%%), from resampling the "
        "days in runs of %d so that good and bad spells stay together. A "
        "name needs the whole range behind it: an improvement is named by "
        "the range's cautious end (IMMPACT: a drop of 10%% minimal, 30%% "
        "moderate, 50%% substantial); worse means the whole range is a "
        "rise, of %.0f%% or more as seen; otherwise no clear change. A "
        "trial needs %d days with pain before, %d after, and the treatment "
        "on at least half the days after. Other things change too; a trial "
        "is a hint, not proof.",
        WEEKS_BEFORE, WEEKS_AFTER, INSIGHTS_TRIAL_BLOCK, INSIGHTS_WORSE_PCT,
        INSIGHTS_TRIAL_MIN_BEFORE, INSIGHTS_TRIAL_MIN_AFTER);
}

static void trials_section(struct report_doc *d, const struct report_model *m)
{
    report_doc_heading(d, "Treatment trials");
    report_trials_explain(d, false);
    if (m->ntrials == 0)
        report_doc_para(d, "No treatment tags were used in this period.");
    for (size_t i = 0; i < m->ntrials; i++)
        report_trial_item(d, &m->trials[i]);
}

/* ---- pacing ------------------------------------------------------------------------ */

static void boom_dates(struct report_doc *d, const struct insight_pacing *p,
                       bool assessed, const char *label)
{
    struct strbuf sb = {0};
    char day[DATE_BUF];
    for (size_t i = 0; i < p->booms; i++)
        if (p->items[i].assessed == assessed && !p->items[i].bust)
            strbuf_printf(&sb, "%s%s", sb.len ? ", " : "",
                          date_format(p->items[i].day, day));
    if (sb.len)
        report_doc_para(d, "%s: %s.", label, strbuf_str(&sb));
    strbuf_free(&sb);
}

static void bust_items(struct report_doc *d, const struct insight_pacing *p)
{
    char day[DATE_BUF], bust[DATE_BUF], a[REPORT_NUM_BUF], p1[REPORT_NUM_BUF],
        p2[REPORT_NUM_BUF];
    for (size_t i = 0; i < p->booms; i++) {
        const struct insight_boom *b = &p->items[i];
        if (b->bust)
            report_doc_item(
                d, "%s: activity %s, pain %s; pain %s on %s.",
                date_format(b->day, day), report_fmt_num(b->activity, a),
                report_fmt_num(b->pain, p1), report_fmt_num(b->bust_pain, p2),
                date_format(b->bust_day, bust));
    }
}

/* The same rise after ordinary days, beside the busts: without it a bust
 * rate cannot be told from how often pain rises anyway. (With a top
 * quarter known, at least half the days with activity are ordinary.) */
static void ordinary_text(struct strbuf *sb, const struct insight_pacing *p)
{
    if (p->ordinary_assessed == 0) {
        strbuf_printf(sb,
                      " None of the %zu ordinary day%s (activity rated, "
                      "below your top quarter) could be followed, so there "
                      "is nothing to compare with.",
                      p->ordinary, p->ordinary == 1 ? "" : "s");
        return;
    }
    strbuf_printf(sb,
                  " For comparison, of the %zu ordinary day%s (activity "
                  "rated, below your top quarter) that could be followed, "
                  "%zu (%d%%) had pain at least 2 higher within the %d days "
                  "after. When the two shares are close, pain rises as "
                  "often after ordinary days as after booms.",
                  p->ordinary_assessed, p->ordinary_assessed == 1 ? "" : "s",
                  p->ordinary_busts,
                  report_pct((int)p->ordinary_busts,
                             (int)p->ordinary_assessed),
                  INSIGHTS_BUST_DAYS);
}

static void pacing_section(struct report_doc *d, const struct report_model *m)
{
    const struct insight_pacing *p = &m->pacing;
    char t[REPORT_NUM_BUF], med[REPORT_NUM_BUF];
    report_doc_heading(d, "Pacing: boom and bust");
    if (!p->activity.known) {
        report_doc_para(
            d,
            "Pacing needs at least %d days with an activity rating; "
            "this period has %d.",
            INSIGHTS_ACTIVITY_MIN_DAYS, p->activity.days);
        return;
    }
    report_doc_para(
        d,
        "A boom is a day in your top quarter of activity (at least "
        "%s here, and above your median of %s). A bust is pain at "
        "least 2 higher than on the boom day within the %d days "
        "after.",
        report_fmt_num(p->activity.threshold, t),
        report_fmt_num(p->activity.median, med), INSIGHTS_BUST_DAYS);
    struct strbuf sb = {0};
    strbuf_printf(&sb,
                  "%zu boom%s; %zu could be followed (pain known on the day "
                  "and after); %zu ended in a bust",
                  p->booms, p->booms == 1 ? "" : "s", p->assessed, p->busts);
    if (p->assessed)
        strbuf_printf(&sb, " (%d%%)",
                      report_pct((int)p->busts, (int)p->assessed));
    strbuf_append(&sb, ".");
    ordinary_text(&sb, p);
    report_doc_para(d, "%s%s", strbuf_str(&sb), p->busts ? " The busts:" : "");
    strbuf_free(&sb);
    bust_items(d, p);
    boom_dates(d, p, true, "Booms without a bust");
    boom_dates(d, p, false, "Booms that could not be followed");
}

/* ---- weekly WPI and symptom severity ------------------------------------------------ */

static void wpi_row(struct report_doc *d, const struct insight_week *w,
                    bool sss, bool days)
{
    char week[DATE_BUF];
    report_doc_cell(d, "%s", date_format(w->monday, week));
    if (days)
        report_doc_cell(d, "%d", w->days);
    if (!w->has_data) {
        for (int i = 0; i < (sss ? 5 : 3); i++)
            report_doc_cell(d, "-");
        return;
    }
    report_doc_cell(d, "%d", w->wpi);
    report_doc_cell(d, "%d/5", w->groups);
    report_doc_cell(d, "%s", w->generalized ? "yes" : "no");
    if (!sss)
        return;
    if (w->sss == INSIGHTS_ABSENT) {
        report_doc_cell(d, "-");
        report_doc_cell(d, "-");
    } else {
        report_doc_cell(d, "%d", w->sss);
        report_doc_cell(d, "%d", w->total);
    }
}

struct wpi_rows {
    const struct insight_week_list *weeks;
    bool sss, days;
};

static void wpi_table_row(struct report_doc *d, size_t i, const void *ctx)
{
    const struct wpi_rows *w = ctx;
    wpi_row(d, &w->weeks->items[i], w->sss, w->days);
}

void report_wpi_table(struct report_doc *d, const struct report_model *m,
                      bool sss, bool days)
{
    static const char *const align[2][2] = {{"lrrl", "lrrlrr"},
                                            {"lrrrl", "lrrrlrr"}};
    report_doc_table_begin(d, align[days][sss]);
    report_doc_cell(d, "Week of");
    if (days)
        report_doc_cell(d, "Days");
    report_doc_cell(d, "WPI");
    report_doc_cell(d, "Groups");
    report_doc_cell(d, "Generalized");
    if (sss) {
        report_doc_cell(d, "SSS est.");
        report_doc_cell(d, "WPI+SSS est. (0-28)");
    }
    struct wpi_rows rows = {&m->wpi, sss, days};
    report_doc_table_rows(d, m->wpi.n, wpi_table_row, &rows);
}

void report_wpi_explain(struct report_doc *d, bool sss)
{
    report_doc_para(
        d,
        "An aid for a conversation with a clinician, not a "
        "diagnosis. WPI (Widespread Pain Index, 0-19): how many of "
        "the 19 regions hurt in the week. Generalized: pain in at "
        "least 4 of the 5 body areas (jaw, chest and abdomen not "
        "counted).%s",
        sss ? " SSS est. (0-9): the 2016 Symptom Severity Scale estimated "
              "from fatigue, waking unrefreshed and brain fog, each 0-3 "
              "from the week's mean; its 3 other items (headaches, lower "
              "abdominal pain, depression) are not asked. WPI+SSS est. "
              "(0-28): their sum; not the ACR's 0-31 Fibromyalgia "
              "Severity scale, since those 3 items are not asked."
            : "");
}

static void weeks_section(struct report_doc *d, const struct report_model *m)
{
    report_doc_heading(d, "Widespread pain and symptom severity by week");
    report_wpi_explain(d, true);
    report_wpi_table(d, m, true, true);
}

/* ---- the whole ------------------------------------------------------------------------ */

static void intro(struct report_doc *d, const struct report_model *m,
                  const struct report_input *in)
{
    char first[DATE_BUF], last[DATE_BUF];
    char *title = xasprintf("Insights: %s to %s", date_format(m->first, first),
                            date_format(m->last, last));
    report_doc_title(d, title);
    free(title);
    report_doc_para(d,
                    "%zu day%s, %d of them with a check-in (%d check-in%s).",
                    m->ndays, m->ndays == 1 ? "" : "s", m->days_with,
                    m->checkins, m->checkins == 1 ? "" : "s");
    report_period_moved(d, in);
    if (m->days_with == 0) {
        report_doc_para(
            d, "There are no check-ins in this period, so there is "
               "nothing to look at yet. Insights need a few weeks of "
               "check-ins: record one a day (ache add, or ache for the "
               "full-screen diary) and come back.");
        return;
    }
    struct strbuf entry = {0};
    report_entry_sentence(&entry, &m->entry);
    report_doc_para(d, "%s%s", strbuf_str(&entry),
                    m->entry.later ? " Values recalled later may be less "
                                     "exact."
                                   : "");
    strbuf_free(&entry);
    report_doc_para(
        d, "Everything below is an association in your own diary, not "
           "a cause: a tag that goes with more pain may share a cause "
           "with it, or follow from it.");
    if (m->days_with < FEW_DAYS)
        report_doc_para(d,
                        "Only %d day%s a check-in. Most of what follows "
                        "needs a few weeks of them, so expect \"too little "
                        "data\" below.",
                        m->days_with, m->days_with == 1 ? " has" : "s have");
}

static char *insights_text(const struct report_input *in, bool utf8,
                           FILE *sink)
{
    struct report_model m;
    report_model_build(in, &(struct report_model_parts){.pacing = true}, &m);
    struct report_doc *d = report_doc_new(REPORT_TEXT, utf8);
    report_doc_stream(d, sink);
    intro(d, &m, in);
    if (m.days_with > 0) {
        flares_section(d, &m);
        tags_section(d, &m, in);
        trials_section(d, &m);
        pacing_section(d, &m);
        weeks_section(d, &m);
    }
    report_model_free(&m);
    return report_doc_finish(d);
}

char *report_insights(const struct report_input *in, bool utf8)
{
    return insights_text(in, utf8, NULL);
}

void report_insights_to(const struct report_input *in, bool utf8, FILE *out)
{
    char *rest = insights_text(in, utf8, out);
    fputs(rest, out);
    free(rest);
}
