/* report: the findings of `ache insights` as one JSON object, for
 * programs: the same numbers as the text, unrounded, with every tested
 * association (not only each tag's strongest), so that a script can
 * recompute or filter what the text summarises. */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/report.h"
#include "ache/stats.h"
#include "ache/util.h"
#include "report_impl.h"

/* A JSON string: quotes, backslashes and control characters escaped,
 * everything else (UTF-8 included) as it is. */
static void json_string(struct strbuf *sb, const char *s)
{
    strbuf_putc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            strbuf_printf(sb, "\\%c", *p);
        else if (*p < 0x20)
            strbuf_printf(sb, "\\u%04x", *p);
        else
            strbuf_putc(sb, (char)*p);
    }
    strbuf_putc(sb, '"');
}

static void json_date(struct strbuf *sb, ache_day day)
{
    char buf[DATE_BUF];
    json_string(sb, date_format(day, buf));
}

/* A number as it is (17 significant digits keep every double), or null
 * for an absent mean. */
static void json_number(struct strbuf *sb, double v, bool present)
{
    if (present)
        strbuf_printf(sb, "%.17g", v);
    else
        strbuf_append(sb, "null");
}

/* A built-in outcome by its option name, an own one by its name. */
static const char *outcome_key(int key)
{
    const struct field_info *fi = checkin_field_info(key);
    if (key == CF_SLEEP_QUALITY)
        return "sleep_quality";
    return fi ? fi->option : "?";
}

static void association(struct strbuf *sb, const struct insight_effect *e,
                        size_t tests)
{
    strbuf_append(sb, "{\"tag\": ");
    json_string(sb, e->tag);
    strbuf_printf(sb, ", \"outcome\": \"%s\", \"lag\": %d, \"difference\": ",
                  outcome_key(e->outcome), e->lag);
    json_number(sb, e->diff, true);
    strbuf_append(sb, ", \"mean_with\": ");
    json_number(sb, e->mean_with, e->mean_with >= 0);
    strbuf_append(sb, ", \"mean_without\": ");
    json_number(sb, e->mean_without, e->mean_without >= 0);
    strbuf_printf(sb, ", \"days_with\": %d, \"days_without\": %d, \"p\": ",
                  e->days_with, e->days_without);
    json_number(sb, e->p, true);
    strbuf_append(sb, ", \"q\": ");
    json_number(sb, e->q, true);
    strbuf_printf(sb,
                  ", \"tests\": %zu, \"survives_correction\": %s, "
                  "\"permutations\": %u}",
                  tests, e->q < INSIGHTS_FDR ? "true" : "false",
                  e->permutations);
}

static void associations(struct strbuf *sb, const struct report_model *m)
{
    const struct insight_effect_list *l = &m->effects;
    size_t survive = 0;
    for (size_t i = 0; i < l->tested; i++)
        survive += l->items[i].q < INSIGHTS_FDR;
    strbuf_printf(sb,
                  "  \"tests\": %zu,\n  \"surviving_correction\": %zu,\n"
                  "  \"false_discovery_rate\": %g,\n  \"associations\": [",
                  l->tested, survive, INSIGHTS_FDR);
    for (size_t i = 0; i < l->tested; i++) {
        strbuf_append(sb, i ? ",\n    " : "\n    ");
        association(sb, &l->items[i], l->tested);
    }
    strbuf_append(sb, l->tested ? "\n  ],\n" : "],\n");
}

/* A treatment's trial: the change against the whole baseline, with its
 * interval (null where there is none: too little data, or no pain
 * before). */
static void trial(struct strbuf *sb, const struct insight_trial *t)
{
    const struct insight_trial_cmp *c = &t->before;
    bool used = t->why != INSIGHT_TRIAL_NEVER_USED;
    strbuf_append(sb, "{\"treatment\": ");
    json_string(sb, t->tag);
    strbuf_append(sb, ", \"start\": ");
    if (used)
        json_date(sb, t->first_use);
    else
        strbuf_append(sb, "null");
    strbuf_append(sb, ", \"change_percent\": ");
    json_number(sb, c->pct, c->has_pct);
    strbuf_append(sb, ", \"interval\": ");
    if (c->has_range) {
        strbuf_putc(sb, '[');
        json_number(sb, c->low, true);
        strbuf_append(sb, ", ");
        json_number(sb, c->high, true);
        strbuf_putc(sb, ']');
    } else {
        strbuf_append(sb, "null");
    }
    strbuf_append(sb, ", \"label\": ");
    json_string(sb, insights_change_name(t->change));
    strbuf_printf(sb, ", \"bad_spell\": %s", t->bad_spell ? "true" : "false");
    if (t->regimen)
        strbuf_printf(sb, ", \"regimen\": true, \"doses_scheduled\": %ld, "
                          "\"doses_noted\": %ld",
                      t->scheduled, t->noted);
    strbuf_putc(sb, '}');
}

static void trials(struct strbuf *sb, const struct report_model *m)
{
    strbuf_append(sb, "  \"trials\": [");
    for (size_t i = 0; i < m->ntrials; i++) {
        strbuf_append(sb, i ? ",\n    " : "\n    ");
        trial(sb, &m->trials[i]);
    }
    strbuf_append(sb, m->ntrials ? "\n  ],\n" : "],\n");
}

static void overlap_side(struct strbuf *sb,
                         const struct insight_overlap_side *s)
{
    strbuf_append(sb, "{\"tag\": ");
    json_string(sb, s->tag);
    strbuf_printf(sb,
                  ", \"outcome\": \"%s\", \"lag\": %d, \"days_with\": %d, "
                  "\"days_without\": %d, \"difference\": ",
                  outcome_key(s->outcome), s->lag, s->days_with,
                  s->days_without);
    json_number(sb, s->diff, s->enough);
    strbuf_putc(sb, '}');
}

/* Pairs of tags sharing most of their days, each one's strongest effect
 * on the days without the other (difference null when too few). */
static void overlaps(struct strbuf *sb, const struct report_model *m)
{
    strbuf_append(sb, "  \"overlaps\": [");
    for (size_t i = 0; i < m->overlaps.n; i++) {
        const struct insight_overlap *o = &m->overlaps.items[i];
        strbuf_append(sb, i ? ",\n    {\"tags\": [" : "\n    {\"tags\": [");
        json_string(sb, o->side[0].tag);
        strbuf_append(sb, ", ");
        json_string(sb, o->side[1].tag);
        strbuf_printf(sb, "], \"shared_days\": %d, \"days\": [%d, %d], "
                          "\"alone\": [",
                      o->shared, o->side[0].days, o->side[1].days);
        overlap_side(sb, &o->side[0]);
        strbuf_append(sb, ", ");
        overlap_side(sb, &o->side[1]);
        strbuf_append(sb, "]}");
    }
    strbuf_append(sb, m->overlaps.n ? "\n  ],\n" : "],\n");
}

static void flare(struct strbuf *sb, const struct insight_flare *f)
{
    strbuf_append(sb, "{\"start\": ");
    json_date(sb, f->start);
    strbuf_append(sb, ", \"end\": ");
    json_date(sb, f->end);
    strbuf_printf(sb, ", \"days\": %d, \"peak\": ", f->length);
    json_number(sb, f->peak, true);
    strbuf_append(sb, ", \"peak_day\": ");
    json_date(sb, f->peak_day);
    strbuf_printf(sb, ", \"begun_before_period\": %s, \"ongoing\": %s}",
                  f->begun_before_period ? "true" : "false",
                  f->ongoing ? "true" : "false");
}

static void flares(struct strbuf *sb, const struct report_model *m)
{
    strbuf_append(sb, "  \"flares\": [");
    for (size_t i = 0; i < m->flares.n; i++) {
        strbuf_append(sb, i ? ",\n    " : "\n    ");
        flare(sb, &m->flares.items[i]);
    }
    strbuf_append(sb, m->flares.n ? "\n  ],\n" : "],\n");
}

static void pacing(struct strbuf *sb, const struct report_model *m)
{
    const struct insight_pacing *p = &m->pacing;
    strbuf_printf(sb,
                  "  \"pacing\": {\"booms\": %zu, \"booms_followed\": %zu, "
                  "\"busts\": %zu, \"ordinary_days_followed\": %zu, "
                  "\"ordinary_days_with_a_rise\": %zu}",
                  p->booms, p->assessed, p->busts, p->ordinary_assessed,
                  p->ordinary_busts);
}

static void period(struct strbuf *sb, const struct report_model *m)
{
    strbuf_append(sb, "{\n  \"from\": ");
    json_date(sb, m->first);
    strbuf_append(sb, ",\n  \"to\": ");
    json_date(sb, m->last);
    strbuf_printf(sb,
                  ",\n  \"days\": %zu,\n  \"days_with_checkins\": %d,\n"
                  "  \"checkins\": %d,\n  \"days_filled_later\": %d,\n"
                  "  \"days_timing_unknown\": %d,\n",
                  m->ndays, m->days_with, m->checkins, m->entry.later,
                  m->entry.unknown);
}

char *report_insights_json(const struct report_input *in)
{
    struct report_model m;
    report_model_build(in, &(struct report_model_parts){.pacing = true}, &m);
    struct strbuf sb = {0};
    period(&sb, &m);
    associations(&sb, &m);
    overlaps(&sb, &m);
    trials(&sb, &m);
    flares(&sb, &m);
    pacing(&sb, &m);
    strbuf_append(&sb, "\n}\n");
    report_model_free(&m);
    return strbuf_take(&sb);
}
