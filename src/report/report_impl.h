/* report internals shared by the report_*.c files: the numbers a report
 * shows (the model), a small document writer with one backend per format,
 * and number formatting. */
#ifndef ACHE_REPORT_IMPL_H
#define ACHE_REPORT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/insights.h"
#include "ache/regions.h"
#include "ache/report.h"
#include "ache/util.h"

struct chart_spec;

/* ---- the model ------------------------------------------------------------ */

/* Notes quoted (from the most painful days) and how long each may be. */
#define REPORT_NOTES 5
#define REPORT_NOTE_COLS 240

/* The lowest, median and highest daily mean of a field over some days,
 * STATS_ABSENT when none of them has it. */
struct report_stat {
    double min, median, max;
};

struct report_week {
    ache_day monday;
    int iso_year, iso_week;
    int days; /* days of the period in this week with a check-in */
    int days_later, days_unknown; /* of those (see insight_entry) */
    struct report_stat stat[CF_COUNT];
};

struct report_note {
    ache_day day;
    double pain; /* the day's mean, or STATS_ABSENT */
    char *text;  /* the day's notes joined, one line, cut to fit */
};

struct report_model {
    ache_day first, last;
    size_t ndays;
    struct day_summary *days; /* first..last, in the diary read */
    struct insight_diary own; /* that diary, when made of check-ins */
    int days_with;            /* days with a check-in */
    struct insight_entry_days entry; /* of those, when they were entered */
    int checkins;
    size_t nweeks; /* ISO weeks meeting the period (report_week_at) */
    int region_days[REGION_COUNT];
    struct insight_flare_list flares;
    struct insight_effect_list effects;
    struct insight_overlap_list overlaps; /* among the tested tags */
    struct insight_week_list wpi;
    struct insight_pacing pacing;
    struct insight_trial *trials; /* treatments carried in the period */
    size_t ntrials;
    struct report_note notes[REPORT_NOTES]; /* by date */
    size_t nnotes;
};

/* What a model is built for: the clinic report quotes notes (those of
 * the most painful days, or the most recent ones when it hides pain) and
 * shows no pacing; insights show pacing and quote no note. What neither
 * shows is not made (a century of booms or notes is not small). */
struct report_model_parts {
    bool notes;
    bool notes_by_pain;
    bool pacing;
};
void report_model_build(const struct report_input *in,
                        const struct report_model_parts *parts,
                        struct report_model *m);void report_model_free(struct report_model *m);
/* Week w (0 for the one holding the period's first day) of the model. */
void report_week_at(const struct report_model *m, size_t w,
                    struct report_week *wk);

/* ---- the document writer ---------------------------------------------------- */

struct report_doc;

/* Where a table's cell texts live until the table is written: blocks
 * that each hold many cells (a century of weeks is tens of thousands of
 * short cells, and one allocation each cost ten times their text). */
struct report_doc_cells {
    char **blocks;
    size_t nblocks;
    size_t used, size; /* of the last block */
};

struct report_doc_table {
    const char *align; /* one letter a column: 'l' or 'r' */
    size_t ncols;
    char **cells; /* row by row; the first row is the header */
    size_t ncells, cap;
    struct report_doc_cells store; /* what cells point into */
    /* A long table written in parts (report_doc_table_rows): the widths
     * of its columns over every part, and whether the header and the
     * blank line before it went with an earlier part. */
    const size_t *widths;
    bool continued;
};

/* A backend writes each block in its format; text it receives is raw (the
 * backend escapes it). */
struct report_doc_ops {
    void (*title)(struct report_doc *d, const char *text);
    void (*heading)(struct report_doc *d, const char *text);
    void (*para)(struct report_doc *d, const char *text);
    void (*list_begin)(struct report_doc *d);
    void (*item)(struct report_doc *d, const char *text);
    void (*list_end)(struct report_doc *d);
    void (*table)(struct report_doc *d, const struct report_doc_table *t);
    /* The width a cell takes in the table, for a table written in parts
     * (NULL: this format holds tables whole). */
    size_t (*cell_width)(const char *text);
    void (*chart)(struct report_doc *d, const struct chart_spec *spec);
    void (*body)(struct report_doc *d, const int counts[REGION_COUNT]);
    void (*finish)(struct report_doc *d);
};

struct report_doc {
    const struct report_doc_ops *ops;
    enum report_format format;
    bool utf8;
    struct strbuf out;   /* what is written and not yet sent */
    FILE *sink;          /* where it goes block by block, or NULL */
    size_t sent;         /* bytes already sent there */
    bool in_list;
    bool fresh; /* nothing since the last heading: no blank line needed */
    size_t *measuring; /* widths that cells only widen, when not NULL */
    size_t measured;   /* cells measured so far */
    bool section_open; /* HTML: a <section> to close */
    struct html_state *html; /* HTML: what the backend holds back */
    struct report_doc_table table;
};

extern const struct report_doc_ops report_doc_text_ops,
    report_doc_markdown_ops, report_doc_html_ops;

struct report_doc *report_doc_new(enum report_format format, bool utf8);
/* Sends the document to `out` a block at a time as it is written, rather
 * than keeping it whole (a century's report is megabytes). HTML, whose
 * backend holds tables back to fold them together, is kept whole and sent
 * at the end. */
void report_doc_stream(struct report_doc *d, FILE *out);
/* For a backend writing a long table: sends the rows written so far once
 * they reach REPORT_DOC_SEND_AT bytes (call between rows). */
#define REPORT_DOC_SEND_AT 16384
void report_doc_send_rows(struct report_doc *d);
/* Whether anything is written yet, sent or not. */
bool report_doc_started(const struct report_doc *d);
/* Ends the document and frees the writer; the caller frees the text (the
 * rest of it not sent yet, when streamed: "" for text and Markdown). */
char *report_doc_finish(struct report_doc *d);
void report_doc_title(struct report_doc *d, const char *text);
void report_doc_heading(struct report_doc *d, const char *text);
void report_doc_para(struct report_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void report_doc_item(struct report_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A table: report_doc_table_begin, then cells row by row (header first), then
 * report_doc_table_end. */
void report_doc_table_begin(struct report_doc *d, const char *align);
void report_doc_cell(struct report_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void report_doc_table_end(struct report_doc *d);
/* The rows of a table whose header cells are written: row(d, r, ctx)
 * writes the cells of row r, for r below nrows; the table ends. A
 * streamed text or Markdown document calls it twice a row, once to
 * measure the columns and once to write, so that a century of weeks is
 * never held whole; otherwise once. */
typedef void (*report_doc_row_fn)(struct report_doc *d, size_t r,
                                  const void *ctx);
void report_doc_table_rows(struct report_doc *d, size_t nrows,
                           report_doc_row_fn row, const void *ctx);
/* The widths the columns of a table of ncols would take in this format,
 * row(d, r, ctx) writing the cells of row r (the header among them), for
 * r below nrows; nothing is written. NULL for a format that holds tables
 * whole and has no width to keep (HTML). The caller frees them. */
size_t *report_doc_measure(struct report_doc *d, size_t ncols, size_t nrows,
                           report_doc_row_fn row, const void *ctx);
/* The columns a line of a text or Markdown table with these column widths
 * takes. */
size_t report_doc_table_width(const struct report_doc *d, const size_t *w,
                              size_t ncols);
void report_doc_chart(struct report_doc *d, const struct chart_spec *spec);
/* The body figure with the days each region hurt. */
void report_doc_body(struct report_doc *d, const int counts[REGION_COUNT]);

/* Text blocks for the plain backends (report_doc.c): `text` wrapped to
 * REPORT_WIDTH - 2 columns after the prefixes. */
void report_doc_wrap(struct strbuf *out, const char *text, const char *first,
                     const char *rest, bool markdown);
/* Markdown: a backslash before every character that could be markup. */
char *report_doc_md_escape(const char *text);
/* The regions with a count, most days first (then in table order), into
 * order[]; returns how many. */
int report_hurt_regions(const int counts[REGION_COUNT],
                        int order[REGION_COUNT]);
/* HTML pictures (report_svg.c), appended as inline SVG. */
void report_svg_chart(struct strbuf *out, const struct chart_spec *spec);
void report_svg_body(struct strbuf *out, const int counts[REGION_COUNT]);
/* &, <, >, " and ' as entities. */
void report_html_escape(struct strbuf *out, const char *text);

/* ---- pieces shared by `ache insights` and the report (report_insights.c) */

/* "The diary begins on D, so the period starts there, not on ASKED.",
 * when the period asked began before the first check-in; else nothing. */
void report_period_moved(struct report_doc *d, const struct report_input *in);

/* A flare of list l as a list item; `hide` leaves out its tags or
 * activity. */
void report_flare_item(struct report_doc *d, const struct insight_flare *f,
                       const struct insight_flare_list *l, unsigned hide);
/* The weekly WPI table (with the SSS estimate when `sss`, and the days
 * with a check-in when `days`) and what its columns mean. */
void report_wpi_table(struct report_doc *d, const struct report_model *m,
                      bool sss, bool days);
void report_wpi_explain(struct report_doc *d, bool sss);
/* How many tag comparisons had enough data and how many survive the
 * correction, or that none does. */
void report_correction_note(struct report_doc *d,
                            const struct insight_effect_list *l);
/* For each pair of tags in overlaps that names `tag` (NULL: every pair),
 * one sentence: the days they share, and each one's strongest effect on
 * the days without the other. */
void report_overlap_note(struct report_doc *d,
                         const struct insight_overlap_list *overlaps,
                         const char *tag);
/* "3 of those days (4%) were filled in later than the day itself; for 2
 * (2%) the timing is unknown (imported without it)." */
void report_entry_sentence(struct strbuf *sb,
                           const struct insight_entry_days *e);
/* A treatment trial as a list item (its label, numbers, range and any
 * warning), and what trials mean (`brief`: in two lines, for the
 * one-page report). */
void report_trial_item(struct report_doc *d, const struct insight_trial *t);
/* The same of a labelled trial in two lines or so. */
void report_trial_brief(struct report_doc *d, const struct insight_trial *t);
void report_trials_explain(struct report_doc *d, bool brief);

/* ---- numbers ---------------------------------------------------------------- */

#define REPORT_NUM_BUF 24
/* "4", "4.5", "-" for STATS_ABSENT: one decimal, without a trailing ".0". */
const char *report_fmt_num(double v, char buf[REPORT_NUM_BUF]);
/* Hours to the quarter: "7", "7.5", "7.25", "-" for STATS_ABSENT. */
const char *report_fmt_hours(double v, char buf[REPORT_NUM_BUF]);
/* "+2.1", "-0.4". */
const char *report_fmt_diff(double v, char buf[REPORT_NUM_BUF]);
/* "p<0.001", "p=0.004", "p=0.52"; the same with q; and the bare number
 * ("<0.001", "0.004") for a column headed p or q. */
const char *report_fmt_p(double p, char buf[REPORT_NUM_BUF]);
const char *report_fmt_q(double q, char buf[REPORT_NUM_BUF]);
const char *report_fmt_prob(double v, char buf[REPORT_NUM_BUF]);
/* "same day", "next day", "day after". */
const char *report_lag_name(int lag);
/* "pain", "fatigue", "sleep quality", or an own field's name. */
const char *report_outcome_name(int key);
/* The same cut to `cols` columns (an own field's name may be 32 long,
 * more than a table of three lags has room for beside it). */
#define REPORT_OUTCOME_BUF (4 * FIELD_NAME_MAX + 4)
const char *report_outcome_short(int key, int cols, bool ascii,
                                 char buf[REPORT_OUTCOME_BUF]);
/* A tag's effect on an outcome in a table cell, by the outcome's kind: a
 * difference of means ("+2.1"; whole numbers from 100 on, so that steps
 * or minutes keep a cell narrow), or for a yes/no field the difference
 * of the shares of days with a yes in percentage points ("+80%"): a mean
 * of yes/no answers read as "+0.8" means nothing to anyone. */
const char *report_fmt_effect(int key, double diff, char buf[REPORT_NUM_BUF]);
/* The same for a sentence, with what the numbers stand for: "+4.0,
 * toward severe" (a rating: the word of the end it moved toward),
 * "+12.5 minutes", "80% of days vs 0%" (yes/no: with the tag, without). */
void report_effect_words(struct strbuf *sb, int key, double diff,
                         double mean_with, double mean_without);
/* part / whole as a whole percentage, rounded half up (0 when whole is). */
int report_pct(int part, int whole);

/* The medicines taken in the period: each period of a regimen that
 * overlaps it, what changed within it, and the doses noted of those
 * scheduled (report_meds.c). Nothing when there are none. */
void report_meds(struct report_doc *d, const struct report_input *in);
/* ---- own fields week by week (report_own.c) ------------------------------ */

/* The columns an own field's head may take, cut with an ellipsis past it:
 * four of them and the week fit in 80 columns, and the paragraph above
 * the tables names each in full. */
#define REPORT_OWN_HEAD_COLS 15

/* The own fields a report shows by week (see report_own.c for which and
 * their figures), with the values it reads. */
struct report_own {
    int keys[FIELD_OWN_MAX]; /* in key order */
    size_t n;
    const struct report_own_value *values; /* by day */
    size_t nvalues;
    /* indexes into values, field by field in keys' order and each field's
     * by day: field i's are order[start[i]..start[i + 1]) */
    size_t *order;
    size_t start[FIELD_OWN_MAX + 1];
    struct report_own_value *owned; /* values made of check-ins, or NULL */
    ache_day first, last;           /* the period */
};
void report_own_build(const struct report_input *in,
                      const struct report_hide *hide, struct report_own *o);
void report_own_free(struct report_own *o);
/* The figure of own field i in the week from monday ("-" for none). */
const char *report_own_figure(const struct report_own *o, size_t i,
                              ache_day monday, char buf[REPORT_NUM_BUF]);
/* Its label, made safe and cut to REPORT_OWN_HEAD_COLS columns ("..."
 * when ascii). */
const char *report_own_head(const struct report_own *o, size_t i, bool ascii,
                            char *buf, size_t size);
/* What each field's figure is, every field named in full. */
void report_own_explain(struct report_doc *d, const struct report_own *o);

/* The full SSS, FS and PEG by week, where the presets' weekly questions
 * were answered (report_scores.c). Nothing when none was. */
void report_full_scores(struct report_doc *d, const struct report_input *in,
                        const struct insight_week_list *weeks);

#endif
