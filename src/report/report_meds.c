/* report_meds: the medicines of the clinic report. Each period of a
 * regimen that overlaps the report's days is one line: the medicine, the
 * regimen, its days, what began, changed or stopped within the report, and
 * the doses noted against those scheduled. Noted, because a dose not
 * written down may still have been taken: the words say what the diary
 * knows. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/date.h"
#include "ache/meds.h"
#include "ache/report.h"
#include "ache/util.h"
#include "report_impl.h"

/* "from 2026-11-15 (a change in this period), still taken": `changed`
 * when it follows another period, `replaced` when another follows it
 * (then it ends on its last day, rather than stops). */
static void put_span(struct strbuf *out, const struct report_input *in,
                     const struct med_period *p, bool changed, bool replaced)
{
    char day[DATE_BUF];
    strbuf_printf(out, "from %s", date_format(p->start, day));
    if (p->start >= in->first && p->start <= in->last)
        strbuf_append(out, changed ? " (a change in this period)"
                                   : " (started in this period)");
    if (p->stop == MED_OPEN)
        strbuf_append(out, ", still taken");
    else if (replaced)
        strbuf_printf(out, " to %s", date_format(p->stop - 1, day));
    else
        strbuf_printf(out, ", stopped on %s", date_format(p->stop, day));
}

/* "18 of 20 scheduled doses noted (90%)", or "6 doses noted". */
static void put_adherence(struct strbuf *out, const struct report_input *in,
                          const struct med *m, const struct med_period *p)
{
    struct med_adherence a;
    med_adherence(p, m->name, in->doses, in->first, in->last, &a);
    if (a.scheduled)
        strbuf_printf(out, "; %ld of %ld scheduled dose%s noted (%d%%)",
                      a.taken, a.scheduled, a.scheduled == 1 ? "" : "s",
                      report_pct((int)a.taken, (int)a.scheduled));
    else
        strbuf_printf(out, "; %ld dose%s noted", a.taken,
                      a.taken == 1 ? "" : "s");
}

static bool overlaps(const struct report_input *in, const struct med_period *p)
{
    return p->start <= in->last && (p->stop == MED_OPEN || p->stop > in->first);
}

void report_meds(struct report_doc *d, const struct report_input *in)
{
    bool any = false;
    for (size_t i = 0; in->meds && i < in->meds->n; i++) {
        const struct med *m = &in->meds->items[i];
        for (size_t j = 0; j < m->nperiods; j++) {
            const struct med_period *p = &m->periods[j];
            if (!overlaps(in, p))
                continue;
            if (!any)
                report_doc_heading(d, "Medicines");
            any = true;
            bool changed = j > 0 && m->periods[j - 1].stop == p->start;
            bool replaced = j + 1 < m->nperiods &&
                            m->periods[j + 1].start == p->stop;
            struct strbuf line = {0};
            med_period_describe(p, &line);
            strbuf_append(&line, ", ");
            put_span(&line, in, p, changed, replaced);
            put_adherence(&line, in, m, p);
            report_doc_item(d, "%s: %s.", m->name, strbuf_str(&line));
            strbuf_free(&line);
        }
    }
}
