/* checkin: one sitting of the diary, its field table and its validation.
 *
 * Ratings are kept as integers in "steps": ratings step by 1 (0-10), sleep
 * hours by a quarter hour (0-96 steps for 0-24 h). An absent value is
 * CHECKIN_ABSENT, never 0.
 */
#ifndef ACHE_CHECKIN_H
#define ACHE_CHECKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/date.h"
#include "ache/regions.h"
#include "ache/util.h"

enum checkin_field {
    CF_PAIN,
    CF_FATIGUE,
    CF_SLEEP_QUALITY,
    CF_SLEEP_HOURS,
    CF_STIFFNESS,
    CF_FOG,
    CF_MOOD,
    CF_ACTIVITY,
    CF_COUNT
};

#define CHECKIN_ABSENT (-1)
#define CHECKIN_ID_LEN 32
#define CHECKIN_TIME_ABSENT (-1)
/* Notes longer than this are refused (a page of text is plenty). */
#define CHECKIN_NOTE_MAX 16384
/* A check-in holds at most this many tags: enough for any day, and it
 * keeps what a check-in costs to store, read and analyse small. */
#define CHECKIN_TAGS_MAX 100

/* What a field's values are: a rating 0-10 in whole steps, hours in
 * quarters (sleep hours), a count 0-9999 (FIELD_TALLY, named "count"),
 * minutes 0-1440, or yes/no (1/0). Code that treats values by what they
 * are asks the kind, not the field. */
enum field_kind {
    FIELD_RATING,
    FIELD_HOURS,
    FIELD_TALLY,
    FIELD_MINUTES,
    FIELD_YESNO,
    FIELD_KIND_COUNT
};

struct field_info {
    const char *name;     /* storage, CSV and JSON name: "sleep_quality" */
    const char *option;   /* command-line option without "--": "sleep" */
    const char *label;    /* what a person reads: "Sleep quality" */
    int max_steps;        /* 10 for ratings, 96 for sleep hours */
    int steps_per_unit;   /* 1 for ratings, 4 for sleep hours */
    bool higher_is_better;
    const char *low_word; /* "none" */
    const char *high_word;/* "worst imaginable" */
    const char *noun;     /* the label inside a sentence: "sleep quality" */
    enum field_kind kind;
    int key;              /* its key: enum checkin_field for the eight
                             built in, 8 and up for a person's own */
    bool hidden;          /* retired from the screens, values kept */
    bool weekly;          /* asked once a week */
};

/* Any field by key, built in or the diary's own (fields.h), with the
 * diary's label; NULL for a key the diary has no field of. */
const struct field_info *checkin_field_info(enum checkin_field f);
/* By storage name or option name ("sleep", "sleep_quality",
 * "sleep-hours", "sleep_hours"...). Returns CF_COUNT when unknown. */
enum checkin_field checkin_field_find(const char *name);
/* The fields' option names for a message, in table order, with `last`
 * between the last two: "pain, fatigue, ..., mood or activity" with " or ",
 * "..., mood, activity" with ", ". Messages name the fields from the table,
 * so that a field added is named with the others. */
void checkin_field_list(struct strbuf *out, const char *last);

/* A value of one of the diary's own fields (keys from CF_COUNT up). */
struct own_value {
    int key;
    int steps;
};

struct checkin {
    char id[CHECKIN_ID_LEN + 1]; /* "" until stored */
    ache_day date;
    int minute;                  /* time of day, or CHECKIN_TIME_ABSENT */
    int value[CF_COUNT];         /* in steps, or CHECKIN_ABSENT */
    region_set regions;
    char **tags;                 /* sorted, unique, owned */
    size_t ntags;
    char *note;                  /* NULL when there is none; owned */
    int64_t created_at;          /* ms since epoch UTC; 0 until stored,
                                    and for good when it is unknown (a
                                    check-in imported without it) */
    int64_t updated_at;
    int64_t rev;                 /* the stored revision this copy was read
                                    at (1 for a new check-in, one more at
                                    every change); 0 until stored */
    struct own_value *own;       /* values of own fields, by key, only
                                    those given; owned */
    size_t nown;
};

/* The value of any field by key (value[] for the built-in ones), or
 * CHECKIN_ABSENT. */
int checkin_get(const struct checkin *c, int key);
/* Sets the value of any field by key; CHECKIN_ABSENT clears it. */
void checkin_set(struct checkin *c, int key, int steps);
/* The own values as the store keeps them, "8:3,11:1" (key:steps by key;
 * "" for none), and back; parts that are not a key and a value are
 * skipped. */
void checkin_own_format(const struct checkin *c, struct strbuf *out);
void checkin_set_own_joined(struct checkin *c, const char *joined);

/* An empty check-in: every value absent, no regions, tags or note. */
void checkin_init(struct checkin *c, ache_day date);
void checkin_free(struct checkin *c);
void checkin_copy(struct checkin *dst, const struct checkin *src);
bool checkin_has_any_value(const struct checkin *c);

/* Parses a value as typed ("7", "7.5" for sleep hours) into steps.
 * Errors name the field, the value and what is allowed:
 * "pain: 11 is out of range 0-10",
 * "sleep_hours: 7.3 is not a number of hours from 0 to 24 in steps of 0.25". */
enum ache_status checkin_parse_value(enum checkin_field f, const char *text,
                                     int *steps, struct ache_err *err);
/* Writes a value for people and files: "7", "7.5", "7.25". */
char *checkin_format_value(enum checkin_field f, int steps, char *buf,
                           size_t bufsz);
/* A word for a value's band: pain, fatigue, stiffness and fog "none" (0),
 * "mild" (1-3), "moderate" (4-6), "severe" (7-10); sleep quality and mood
 * "poor"/"low" (0-3), "fair" (4-6), "good" (7-10); activity "rested" (0),
 * "light", "moderate", "strenuous"; "" for sleep hours and absent values. */
const char *checkin_value_band(enum checkin_field f, int steps);

/* Tags: adds (keeping the set sorted and unique) or removes a name. */
void checkin_add_tag(struct checkin *c, const char *name);
bool checkin_remove_tag(struct checkin *c, const char *name);
bool checkin_has_tag(const struct checkin *c, const char *name);
void checkin_clear_tags(struct checkin *c);
/* Replaces c's tags by names[0..n) (never c's own), sorted, repeats
 * dropped, in n log n (adding them one by one costs a move per name). */
void checkin_set_tags(struct checkin *c, char *const *names, size_t n);
/* Adds names[0..n) to c's tags, as checkin_add_tag one by one would,
 * in n log n plus one pass over c's tags. */
void checkin_add_tags(struct checkin *c, char *const *names, size_t n);
/* checkin_set_tags from names joined by sep ("a,b,c"; empty parts
 * skipped), as the store keeps them. */
void checkin_set_tags_joined(struct checkin *c, const char *joined, char sep);
void checkin_set_note(struct checkin *c, const char *note);

/* Refuses c when it holds more than CHECKIN_TAGS_MAX tags, unless every
 * one of them is in `before` (the stored version it replaces; NULL for a
 * new check-in): one stored with more by an older version may still be
 * changed and lose tags, only not gain any. "tags: 101 tags; a check-in
 * holds at most 100". */
enum ache_status checkin_check_tag_count(const struct checkin *c,
                                         const struct checkin *before,
                                         struct ache_err *err);

/* The refusal of a check-in of `count` tags, for a reader that counts
 * them as it goes. */
enum ache_status checkin_too_many_tags(size_t count, struct ache_err *err);

/* Whole-record validation before storing: date within years 1-9999, time,
 * every value in range, note valid UTF-8 and not too long, tag names. */
enum ache_status checkin_validate(const struct checkin *c,
                                  struct ache_err *err);

/* A fresh random id of 32 lowercase hex digits (from getrandom). */
void checkin_new_id(char out[CHECKIN_ID_LEN + 1]);
/* True for 32 lowercase hex digits; for prefixes, 6-32 hex digits. */
bool checkin_id_valid(const char *id);
bool checkin_id_prefix_valid(const char *prefix);

/* The parts of a check-in a change may touch, as bits of a mask: what two
 * versions differ in, what an earlier version kept (checkin_diff.c). */
enum checkin_part {
    CP_DATE,
    CP_TIME,
    CP_VALUE0, /* CF_COUNT parts, in enum checkin_field order */
    CP_REGIONS = CP_VALUE0 + CF_COUNT,
    CP_TAGS,
    CP_NOTE,
    CP_OWN, /* the values of own fields, as one part */
    CP_COUNT
};
#define CHECKIN_PART(p) (1u << (p))
#define CHECKIN_PART_VALUE(f) (1u << (CP_VALUE0 + (f)))
#define CHECKIN_ALL_PARTS ((1u << CP_COUNT) - 1)

/* The parts in which a and b differ (0: the same content; ids, stamps
 * and revisions are not content). */
unsigned checkin_diff(const struct checkin *a, const struct checkin *b);
/* The parts of c that hold something: its time, values given, regions,
 * tags, note (never the date, which every check-in has). */
unsigned checkin_given(const struct checkin *c);
/* Copies the parts in `parts` from src into dst. */
void checkin_take_parts(struct checkin *dst, const struct checkin *src,
                        unsigned parts);
/* Puts into `theirs` (the stored check-in as another writer left it) the
 * changes `mine` made to `base` (the version both started from): a value,
 * the date, the time or the note where mine differs from base; each
 * region and each tag mine added or took away. What theirs changed and
 * mine did not stays as theirs has it. */
void checkin_merge3(struct checkin *theirs, const struct checkin *base,
                    const struct checkin *mine);
/* Appends what a person reads of the parts of c in `parts`, "pain 6,
 * fatigue not given, tags stress,yoga, a note" ("" when parts is 0);
 * each value by its field's noun ("sleep quality 3"). */
void checkin_describe(const struct checkin *c, unsigned parts,
                      struct strbuf *out);
/* Appends the change from a to b in `parts` (usually checkin_diff(a, b)):
 * "pain 5 -> 6, brain fog not given -> 7, tags +stress -yoga, note
 * changed". */
void checkin_describe_change(const struct checkin *a, const struct checkin *b,
                             unsigned parts, struct strbuf *out);

/* A growable array of check-ins (owning). */
struct checkin_list {
    struct checkin *items;
    size_t n, cap;
};
/* Appends an empty slot and returns it (initialised to date 0). */
struct checkin *checkin_list_push(struct checkin_list *list);
void checkin_list_free(struct checkin_list *list);
/* Pointers to items[0..n) in date order, those of one day in the order
 * given: for a walk that needs the days in order from a list that may not
 * be. The caller frees the array (not the check-ins). */
const struct checkin **checkin_by_date(const struct checkin *items, size_t n);

#endif
