/* report_scores: the clinical scores that the weekly questions of the
 * presets complete (fields.h), week by week:
 *
 *   SSS (0-12)  the 2016 Symptom Severity Scale: the estimate from
 *               fatigue, waking unrefreshed and brain fog (0-9) plus one
 *               for each of headaches, lower abdominal pain or cramps and
 *               depression answered yes that week;
 *   FS (0-31)   the Fibromyalgia Severity scale: WPI plus that SSS;
 *   PEG (0-10)  the mean of the three PEG-3 items.
 *
 * A week's answer to an item is its latest; a score is given only for a
 * week that answers every item it needs, as a partial sum would
 * understate.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/date.h"
#include "ache/fields.h"
#include "ache/insights.h"
#include "ache/report.h"
#include "ache/util.h"
#include "report_impl.h"

/* The latest answer to each item in the week from monday; -1 for none. */
static void week_answers(const struct report_input *in, ache_day monday,
                         int answer[PRESET_ITEMS])
{
    for (int i = 0; i < PRESET_ITEMS; i++)
        answer[i] = -1;
    for (size_t i = 0; i < in->nanswers; i++) {
        const struct report_answer *a = &in->answers[i];
        if (a->day >= monday && a->day < monday + 7 && a->item >= 0 &&
            a->item < PRESET_ITEMS)
            answer[a->item] = a->value; /* by day: the last is the latest */
    }
}

/* The number of yes of items from..from+2, or -1 when one is missing. */
static int yes_count(const int answer[PRESET_ITEMS], int from)
{
    int yes = 0;
    for (int i = from; i < from + 3; i++) {
        if (answer[i] < 0)
            return -1;
        yes += answer[i] > 0;
    }
    return yes;
}

struct score_rows {
    const struct report_input *in;
    const struct insight_week_list *weeks;
};

static void score_row(struct report_doc *d, size_t i, const void *ctx)
{
    const struct score_rows *rows = ctx;
    const struct insight_week *w = &rows->weeks->items[i];
    int answer[PRESET_ITEMS];
    char week[DATE_BUF], peg[REPORT_NUM_BUF];
    week_answers(rows->in, w->monday, answer);
    int somatic = yes_count(answer, PRESET_HEADACHES);
    bool sss = somatic >= 0 && w->has_data && w->sss != INSIGHTS_ABSENT;
    bool peg_all = answer[PRESET_PEG_PAIN] >= 0 &&
                   answer[PRESET_PEG_ENJOYMENT] >= 0 &&
                   answer[PRESET_PEG_ACTIVITY] >= 0;
    report_doc_cell(d, "%s", date_format(w->monday, week));
    if (sss) {
        report_doc_cell(d, "%d", w->sss + somatic);
        report_doc_cell(d, "%d", w->wpi + w->sss + somatic);
    } else {
        report_doc_cell(d, "-");
        report_doc_cell(d, "-");
    }
    if (peg_all)
        report_doc_cell(d, "%s",
                        report_fmt_num((answer[PRESET_PEG_PAIN] +
                                        answer[PRESET_PEG_ENJOYMENT] +
                                        answer[PRESET_PEG_ACTIVITY]) /
                                           3.0,
                                       peg));
    else
        report_doc_cell(d, "-");
}

void report_full_scores(struct report_doc *d, const struct report_input *in,
                        const struct insight_week_list *weeks)
{
    if (in->nanswers == 0 || weeks->n == 0)
        return;
    report_doc_para(
        d, "With the weekly questions answered: SSS (0-12), the 2016 "
           "Symptom Severity Scale, the estimate above and one for each of "
           "headaches, lower abdominal pain or cramps and depression "
           "answered yes; FS (0-31), the Fibromyalgia Severity scale, WPI "
           "plus that SSS; PEG (0-10), the mean of average pain and pain's "
           "interference with enjoyment of life and with general activity "
           "in the week. A week that leaves a question unanswered has no "
           "score (-).");
    report_doc_table_begin(d, "lrrr");
    report_doc_cell(d, "Week of");
    report_doc_cell(d, "SSS (0-12)");
    report_doc_cell(d, "FS (0-31)");
    report_doc_cell(d, "PEG (0-10)");
    struct score_rows rows = {in, weeks};
    report_doc_table_rows(d, weeks->n, score_row, &rows);
}
