/* report: what the diary says, written out for people: the text of
 * `ache insights` (the insights module's results, explained) and the
 * one-page clinic report of `ache report` as plain text, Markdown or a
 * self-contained HTML file.
 *
 * Drawing layer: it reads check-ins it is given and returns text; no
 * SQLite, no curses. Charts and the body figure of the text formats come
 * from chart and bodymap_draw (through a grid); HTML draws its own SVG.
 *
 * Plain text and Markdown lines are at most REPORT_WIDTH columns. Every
 * piece of the person's own text (notes, tag names) is escaped for the
 * format: Markdown gets backslashes before its punctuation, HTML gets
 * entities, plain text has its control characters replaced by spaces.
 */
#ifndef ACHE_REPORT_H
#define ACHE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ache/date.h"
#include "ache/fields.h"
#include "ache/util.h"

struct insight_diary;
struct med_list;
struct dose_list;
struct insight_trial;

#define REPORT_WIDTH 80
/* The period `ache insights` and `ache report` cover by default. */
#define REPORT_DEFAULT_DAYS 90

enum report_format { REPORT_TEXT, REPORT_MARKDOWN, REPORT_HTML };

/* "text", "markdown" (or "md"), "html". */
bool report_format_parse(const char *name, enum report_format *out);
/* From a file name's ending: .txt, .md/.markdown, .html/.htm. */
bool report_format_from_path(const char *path, enum report_format *out);

/* What a report can leave out (--hide): any built-in value by its field
 * (bit f of enum checkin_field), and these. */
#define REPORT_HIDE_FIELD(f) (1u << (unsigned)(f))
#define REPORT_HIDE_NOTES (1u << CF_COUNT)
#define REPORT_HIDE_TAGS (1u << (CF_COUNT + 1))
#define REPORT_HIDE_REGIONS (1u << (CF_COUNT + 2))
#define REPORT_HIDE_MEDS (1u << (CF_COUNT + 3))

/* What --hide leaves out: the bits above, and the diary's own fields by
 * key (a diary has at most FIELD_OWN_MAX; a name given twice is kept
 * once). {0} hides nothing. */
struct report_hide {
    unsigned mask;
    int own[FIELD_OWN_MAX];
    size_t nown;
};

/* Whether the report leaves out the field of `key`: an own field named in
 * --hide, or a built-in one by its bit (so any key may be asked). */
bool report_hides_own(const struct report_hide *h, int key);

/* Adds the names in a comma-separated list ("notes,mood,tags") to *hide:
 * notes, tags, regions, meds (singular too) and every field of the diary's
 * table by name or option ("sleep", "sleep_quality", an own field's
 * name), so the diary's table must be installed first (store_open).
 * Unknown names fail with "hide: 'x' is not part of a report (use notes,
 * tags, regions, meds or a field: pain, fatigue, ..., headache)", the own
 * fields named too. */
enum ache_status report_hide_parse(const char *list, struct report_hide *hide,
                                   struct ache_err *err);

/* A change made to a check-in after its day (from the diary's history),
 * for the report to say which values were changed later. */
struct report_late {
    ache_day date;      /* the check-in's day */
    unsigned parts;     /* enum checkin_part bits the change touched */
    ache_day changed_on; /* the (local) day of the change */
};

/* An answer to a question of the presets: its day, item (enum
 * field_preset_item) and value (yes 1 / no 0, or 0-10). */
struct report_answer {
    ache_day day;
    int item;
    int value;
};

/* A value given to one of the diary's own fields (fields.h) on a day. */
struct report_own_value {
    ache_day day;
    int key;   /* the field's key, CF_COUNT and up */
    int steps; /* its value in steps (yes 1 / no 0) */
};

/* A note of a check-in of the period. */
struct report_day_note {
    ache_day day;
    char *text;
};

struct report_input {
    /* What the report reads, in one of two forms. Check-ins sorted by date
     * (as the store returns them): those before `first` are history (the
     * baseline of flares near the start, and the days around a treatment's
     * first use), those after `last` are ignored. */
    const struct checkin *items;
    size_t n;
    /* Or, when `diary` is set (period_read), no check-ins: the days of the
     * period with the history before it that flares read, the trials of
     * the period's treatments, and the period's notes by date. */
    struct insight_diary *diary;
    /* The diary serves this one report: the lists of its tags go as soon
     * as the analyses have read them (most of a megabyte for a century),
     * before the report is written. */
    bool diary_once;
    const struct insight_trial *trials;
    size_t ntrials;
    const struct report_day_note *notes;
    size_t nnotes;
    ache_day first, last;
    /* When the period asked began before the diary's first check-in and
     * was moved to it: the day asked, which the text names. */
    bool from_moved;
    ache_day asked_first;
    /* The tags with their kinds (at least those of the period), for
     * treatment trials; NULL leaves trials out. */
    const struct tag_list *tags;
    ache_day prepared;     /* the day the report is written (today) */
    unsigned permutations; /* for the tag tests; 0: the insights default */
    /* Changes made after their day to check-ins of the period, by date
     * (NULL: none known). */
    const struct report_late *late;
    size_t nlate;
    /* The medicines with their periods, and the doses noted in the
     * period (NULL: none known). */
    const struct med_list *meds;
    const struct dose_list *doses;
    /* The answers to the weekly questions of the presets (fields.h), by
     * day: what completes the symptom severity and gives PEG. */
    const struct report_answer *answers;
    size_t nanswers;
    /* The values of the diary's own fields, by day (and within a day by
     * time: the last of a week is its latest), from the Monday of the
     * first day's week (a weekly field's answer may come before the
     * period's first day) to the last day: what the weekly table of own
     * fields shows. Values of fields the report does not show are
     * ignored. With `items` and no `own`, the check-ins' own values are
     * read instead. */
    const struct report_own_value *own;
    size_t nown;
};

struct report_options {
    enum report_format format;
    bool utf8; /* plain text may draw with UTF-8 (Markdown never does) */
    struct report_hide hide;
};

/* The clinic report. The caller frees it. */
char *report_render(const struct report_input *in,
                    const struct report_options *opt);
/* The same written to out as it is made, a block at a time for text and
 * Markdown, so that a report of decades is never held whole. */
void report_render_to(const struct report_input *in,
                      const struct report_options *opt, FILE *out);

/* The text of `ache insights`: the days filled in later, flares, tags,
 * treatment trials, pacing and the weekly WPI and symptom severity, each
 * explained, in plain text. An
 * empty or small diary gets a calm account of what is missing. The caller
 * frees it. */
char *report_insights(const struct report_input *in, bool utf8);
/* The same written to out as it is made. */
void report_insights_to(const struct report_input *in, bool utf8, FILE *out);
/* The same findings as one JSON object for programs (the keys are listed
 * in the man page under insights --format json). The caller frees it. */
char *report_insights_json(const struct report_input *in);

#endif
