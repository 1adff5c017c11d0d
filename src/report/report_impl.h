/* report internals shared by the report_*.c files: the numbers a report
 * shows (the model), a small document writer with one backend per format,
 * and number formatting. */
#ifndef ACHE_REPORT_IMPL_H
#define ACHE_REPORT_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/chart.h"
#include "ache/insights.h"
#include "ache/regions.h"
#include "ache/report.h"
#include "ache/stats.h"
#include "ache/util.h"

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
    struct day_summary *days; /* first..last */
    int days_with;            /* days with a check-in */
    int days_late;            /* of those, days filled in only later */
    int days_unknown;         /* of those, days when that is not known
                                 (imported without created_at) */
    int checkins;
    struct report_week *weeks;
    size_t nweeks;
    int region_days[REGION_COUNT];
    struct insight_flare_list flares;
    struct insight_effect_list effects;
    struct insight_week_list wpi;
    struct insight_pacing pacing;
    struct insight_trial *trials; /* treatments carried in the period */
    size_t ntrials;
    struct report_note notes[REPORT_NOTES]; /* by date */
    size_t nnotes;
};

/* notes_by_pain: quote the notes of the most painful days (else the most
 * recent ones, for a report that hides pain). */
void report_model_build(const struct report_input *in, bool notes_by_pain,
                        struct report_model *m);
void report_model_free(struct report_model *m);

/* ---- the document writer ---------------------------------------------------- */

struct doc;

struct doc_table {
    const char *align; /* one letter a column: 'l' or 'r' */
    size_t ncols;
    char **cells; /* row by row; the first row is the header */
    size_t ncells, cap;
};

/* A backend writes each block in its format; text it receives is raw (the
 * backend escapes it). */
struct doc_ops {
    void (*title)(struct doc *d, const char *text);
    void (*heading)(struct doc *d, const char *text);
    void (*para)(struct doc *d, const char *text);
    void (*list_begin)(struct doc *d);
    void (*item)(struct doc *d, const char *text);
    void (*list_end)(struct doc *d);
    void (*table)(struct doc *d, const struct doc_table *t);
    void (*chart)(struct doc *d, const struct chart_spec *spec);
    void (*body)(struct doc *d, const int counts[REGION_COUNT]);
    void (*finish)(struct doc *d);
};

struct doc {
    const struct doc_ops *ops;
    enum report_format format;
    bool utf8;
    struct strbuf out;
    bool in_list;
    bool fresh; /* nothing since the last heading: no blank line needed */
    bool section_open; /* HTML: a <section> to close */
    struct html_state *html; /* HTML: what the backend holds back */
    struct doc_table table;
};

extern const struct doc_ops doc_text_ops, doc_markdown_ops, doc_html_ops;

struct doc *doc_new(enum report_format format, bool utf8);
/* Ends the document and frees the writer; the caller frees the text. */
char *doc_finish(struct doc *d);
void doc_title(struct doc *d, const char *text);
void doc_heading(struct doc *d, const char *text);
void doc_para(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void doc_item(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A table: doc_table_begin, then cells row by row (header first), then
 * doc_table_end. */
void doc_table_begin(struct doc *d, const char *align);
void doc_cell(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void doc_table_end(struct doc *d);
void doc_chart(struct doc *d, const struct chart_spec *spec);
/* The body figure with the days each region hurt. */
void doc_body(struct doc *d, const int counts[REGION_COUNT]);

/* Text blocks for the plain backends (report_doc.c): `text` wrapped to
 * REPORT_WIDTH - 2 columns after the prefixes. */
void doc_wrap(struct strbuf *out, const char *text, const char *first,
              const char *rest, bool markdown);
/* Markdown: a backslash before every character that could be markup. */
char *doc_md_escape(const char *text);
/* The figures of the plain formats as lines of text. */
char *doc_chart_text(const struct chart_spec *spec, bool utf8);
char *doc_body_text(const int counts[REGION_COUNT], bool utf8);
/* The regions with a count, most days first (then in table order), into
 * order[]; returns how many. */
int report_hurt_regions(const int counts[REGION_COUNT],
                        int order[REGION_COUNT]);
/* HTML pictures (report_svg.c), appended as inline SVG. */
void svg_chart(struct strbuf *out, const struct chart_spec *spec);
void svg_body(struct strbuf *out, const int counts[REGION_COUNT]);
/* &, <, >, " and ' as entities. */
void html_escape(struct strbuf *out, const char *text);

/* ---- pieces shared by `ache insights` and the report (report_insights.c) */

/* A flare as a list item; `hide` leaves out its tags or activity. */
void report_flare_item(struct doc *d, const struct insight_flare *f,
                       const struct insight_activity *a, unsigned hide);
/* How far chance could explain a tested effect, as a phrase. */
const char *report_verdict(const struct insight_effect *e);
/* The weekly WPI table (with the SSS estimate when `sss`, and the days
 * with a check-in when `days`) and what its columns mean. */
void report_wpi_table(struct doc *d, const struct report_model *m, bool sss,
                      bool days);
void report_wpi_explain(struct doc *d, bool sss);

/* ---- numbers ---------------------------------------------------------------- */

#define NUM_BUF 24
/* "4", "4.5", "-" for STATS_ABSENT: one decimal, without a trailing ".0". */
const char *fmt_num(double v, char buf[NUM_BUF]);
/* "+2.1", "-0.4". */
const char *fmt_diff(double v, char buf[NUM_BUF]);
/* "p<0.001", "p=0.004", "p=0.52". */
const char *fmt_p(double p, char buf[NUM_BUF]);
/* "same day", "next day", "day after". */
const char *lag_name(int lag);
/* "pain", "fatigue", "sleep quality". */
const char *outcome_name(enum checkin_field f);
/* "2026-W45". */
const char *fmt_week(int iso_year, int iso_week, char buf[NUM_BUF]);

#endif
