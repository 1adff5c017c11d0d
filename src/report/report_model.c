/* report: the numbers a report shows, computed once from the check-ins:
 * how complete the diary is, the week-by-week spread, where it hurt, the
 * insights, and the notes worth quoting. */
#include "report_impl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/insights.h"
#include "ache/regions.h"
#include "ache/report.h"
#include "ache/stats.h"
#include "ache/strmap.h"
#include "ache/tags.h"
#include "ache/text.h"
#include "ache/util.h"

static bool in_period(const struct report_model *m, const struct checkin *c)
{
    return c->date >= m->first && c->date <= m->last;
}

/* Days with a check-in, and check-ins, of the period. */
static void count_days(struct report_model *m)
{
    for (size_t d = 0; d < m->ndays; d++) {
        m->checkins += m->days[d].checkins;
        m->days_with += m->days[d].checkins > 0;
    }
}

/* Over the values the days show (their means rounded, as on the calendar),
 * so that a week's numbers match what the person saw. */
static void week_stat(const struct day_summary *days, size_t n,
                      enum checkin_field f, double *scratch,
                      struct report_stat *s)
{
    size_t k = 0;
    s->min = s->median = s->max = STATS_ABSENT;
    for (size_t i = 0; i < n; i++) {
        int steps = stats_day_value(&days[i], f);
        if (steps == CHECKIN_ABSENT)
            continue;
        double v = (double)steps / checkin_field_info(f)->steps_per_unit;
        scratch[k++] = v;
        if (s->min < 0 || v < s->min)
            s->min = v;
        if (v > s->max)
            s->max = v;
    }
    if (k > 0)
        s->median = stats_median(scratch, k);
}

/* Every ISO week that meets the period, counting only the period's days;
 * each is made when it is written (a century of weeks held at once cost
 * more than the days they come from). */
static void count_weeks(struct report_model *m)
{
    ache_day monday = m->first - date_weekday(m->first);
    m->nweeks = (size_t)((m->last - monday) / 7 + 1);
}

void report_week_at(const struct report_model *m, size_t w,
                    struct report_week *wk)
{
    memset(wk, 0, sizeof *wk);
    wk->monday = m->first - date_weekday(m->first) + (ache_day)(7 * w);
    date_iso_week(wk->monday, &wk->iso_year, &wk->iso_week);
    ache_day from = wk->monday < m->first ? m->first : wk->monday;
    ache_day to = wk->monday + 6 > m->last ? m->last : wk->monday + 6;
    const struct day_summary *days = m->days + (from - m->first);
    size_t n = (size_t)(to - from + 1);
    const unsigned char *entry = m->entry.entry + (from - m->first);
    for (size_t i = 0; i < n; i++) {
        wk->days += days[i].checkins > 0;
        wk->days_later += entry[i] == INSIGHT_ENTRY_LATER;
        wk->days_unknown += entry[i] == INSIGHT_ENTRY_UNKNOWN;
    }
    double scratch[7];
    for (int f = 0; f < CF_COUNT; f++)
        week_stat(days, n, (enum checkin_field)f, scratch, &wk->stat[f]);
}

static void count_regions(struct report_model *m)
{
    for (size_t d = 0; d < m->ndays; d++)
        for (int r = 0; r < REGION_COUNT; r++)
            m->region_days[r] += (m->days[d].regions >> r) & 1u;
}

/* The tags carried in the period, found by name in one pass over the
 * check-ins (a pass per tag of the diary grew with their product). */
static void tags_in_period(const struct report_model *m,
                           const struct report_input *in, struct strmap *out)
{
    for (size_t i = 0; i < in->n; i++)
        for (size_t t = 0; in_period(m, &in->items[i]) &&
                           t < in->items[i].ntags; t++)
            strmap_put(out, in->items[i].tags[t], 1);
}

/* A trial for every treatment carried in the period; its first use may lie
 * before the period, which the text then says by its date. */
static void build_trials(struct report_model *m, const struct report_input *in)
{
    if (in->diary) {
        m->trials = xcalloc(in->ntrials ? in->ntrials : 1, sizeof *m->trials);
        memcpy(m->trials, in->trials, in->ntrials * sizeof *m->trials);
        m->ntrials = in->ntrials;
        return;
    }
    if (!in->tags)
        return;
    struct strmap carried = {0};
    tags_in_period(m, in, &carried);
    m->trials = xcalloc(in->tags->n ? in->tags->n : 1, sizeof *m->trials);
    for (size_t t = 0; t < in->tags->n; t++) {
        const struct tag *tag = &in->tags->items[t];
        if (tag->kind == TAG_TREATMENT &&
            strmap_get(&carried, tag->name, NULL))
            insights_trial(in->items, in->n, tag->name,
                           &m->trials[m->ntrials++]);
    }
    strmap_free(&carried);
}

/* ---- notes ------------------------------------------------------------------ */

/* The day's notes as one line: line ends and tabs become spaces, other
 * control characters are shown (text_safe), several check-ins' notes are
 * joined by " / ", and the whole is cut to fit. */
static void join_note(struct strbuf *sb, const char *note)
{
    if (!note || str_is_blank(note))
        return;
    if (sb->len)
        strbuf_append(sb, " / ");
    size_t start = sb->len;
    text_safe(sb, note, strlen(note), TEXT_SAFE_UTF8 | TEXT_SAFE_LINES);
    for (size_t k = start; k < sb->len; k++)
        if (sb->data[k] == '\n')
            sb->data[k] = ' ';
}

static char *day_notes(const struct report_input *in, ache_day day)
{
    struct strbuf sb = {0};
    for (size_t i = 0; i < in->n; i++)
        if (in->items[i].date == day)
            join_note(&sb, in->items[i].note);
    for (size_t i = 0; i < in->nnotes; i++)
        if (in->notes[i].day == day)
            join_note(&sb, in->notes[i].text);
    char *joined = strbuf_take(&sb);
    size_t size = REPORT_NOTE_COLS * 4 + 8;
    char *cut = xmalloc(size);
    text_ellipsize(joined, REPORT_NOTE_COLS, false, cut, size);
    free(joined);
    return cut;
}

struct note_pick {
    size_t index; /* into days */
    double key;   /* higher first */
};

static int compare_picks(const void *pa, const void *pb)
{
    const struct note_pick *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

static int compare_notes(const void *pa, const void *pb)
{
    const struct report_note *a = pa, *b = pb;
    return (a->day > b->day) - (a->day < b->day);
}

static void pick_notes(struct report_model *m, const struct report_input *in,
                       bool by_pain)
{
    size_t noted = 0; /* room for the days with a note, not every day */
    for (size_t d = 0; d < m->ndays; d++)
        noted += m->days[d].has_note;
    struct note_pick *picks = xcalloc(noted ? noted : 1, sizeof *picks);
    size_t k = 0;
    for (size_t d = 0; d < m->ndays; d++)
        if (m->days[d].has_note)
            picks[k++] = (struct note_pick){
                d, by_pain ? m->days[d].mean[CF_PAIN] : (double)d};
    qsort(picks, k, sizeof *picks, compare_picks);
    for (size_t i = 0; i < k && m->nnotes < REPORT_NOTES; i++) {
        const struct day_summary *day = &m->days[picks[i].index];
        char *text = day_notes(in, day->day);
        if (*text == '\0') {
            free(text);
            continue;
        }
        m->notes[m->nnotes++] =
            (struct report_note){day->day, day->mean[CF_PAIN], text};
    }
    qsort(m->notes, m->nnotes, sizeof *m->notes, compare_notes);
    free(picks);
}

/* ---- the whole ---------------------------------------------------------------- */

/* The days the report reads: the caller's diary, or one made of the
 * check-ins from the first of them (history for flares) to the end. */
static struct insight_diary *model_diary(const struct report_input *in,
                                         struct report_model *m)
{
    if (in->diary)
        return in->diary;
    insights_diary_with_history(in->items, in->n, in->first, in->last,
                                &m->own);
    return &m->own;
}

void report_model_build(const struct report_input *in,
                        const struct report_model_parts *parts,
                        struct report_model *m)
{
    memset(m, 0, sizeof *m);
    m->first = in->first;
    m->last = in->last;
    m->ndays = (size_t)(in->last - in->first + 1);
    struct insight_diary *d = model_diary(in, m);
    /* first what reads the tags, which a diary read for this one report
     * then gives back */
    insights_flares_in(d, m->first, m->last, &m->flares);
    struct insight_effect_options eo = {in->permutations, INSIGHTS_SEED, 0};
    insights_effects_in(d, m->first, m->last, &eo, &m->effects);
    insights_overlaps_in(d, m->first, m->last, &m->effects, &m->overlaps);
    build_trials(m, in);
    if (in->diary && in->diary_once)
        insights_diary_free_tags(in->diary);
    m->days = d->days + (m->first - d->first);
    count_days(m);
    insights_entry_in(d, m->first, m->last, &m->entry);
    count_weeks(m);
    count_regions(m);
    if (parts->pacing)
        insights_pacing(m->days, m->ndays, &m->pacing);
    insights_weeks(m->days, m->ndays, &m->wpi);
    insights_weeks_entry(&m->wpi, &m->entry);
    if (parts->notes)
        pick_notes(m, in, parts->notes_by_pain);
}

void report_model_free(struct report_model *m)
{
    insights_diary_free(&m->own);
    insights_entry_days_free(&m->entry);
    insights_flare_list_free(&m->flares);
    insights_effect_list_free(&m->effects);
    insights_overlap_list_free(&m->overlaps);
    insights_week_list_free(&m->wpi);
    insights_pacing_free(&m->pacing);
    free(m->trials);
    for (size_t i = 0; i < m->nnotes; i++)
        free(m->notes[i].text);
    memset(m, 0, sizeof *m);
}
