/* fields: the diary's field table, the eight fields built in and a
 * person's own, by key.
 *
 * The table is data the diary holds (the store's field table); the store
 * installs it here when it opens a diary, so that checkin_field_info and
 * field_find know every field by key and name wherever a value is shown,
 * parsed or charted. One diary is open per process at a time; until one is,
 * the table holds the built-in fields alone.
 */
#ifndef ACHE_FIELDS_H
#define ACHE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "ache/util.h"

#define FIELD_NONE (-1)
#define FIELD_NAME_MAX 32
#define FIELD_LABEL_MAX 64
#define FIELD_WORD_MAX 40
/* A diary holds at most this many own fields: more than any person needs,
 * and few enough for every screen and export to list. */
#define FIELD_OWN_MAX 100

/* "rating", "hours", "count", "minutes", "yesno". */
const char *field_kind_name(enum field_kind k);
/* FIELD_KIND_COUNT when name is none of them. */
enum field_kind field_kind_find(const char *name);
/* The largest value of a kind, in steps (10, 96, 9999, 1440, 1). */
int field_kind_max(enum field_kind k);
/* The kinds an own field may have, for messages: "rating, count, minutes
 * or yesno". */
const char *field_kind_choices(void);

/* A field as the diary's table gives it. Own fields have keys from
 * CF_COUNT up; a built-in's row carries only what the person changed
 * (label, words, hidden), its other strings NULL. */
struct field_row {
    int key;
    const char *name, *label, *low_word, *high_word;
    enum field_kind kind;
    bool weekly, hidden;
};

/* Makes rows the process's field table (copied; built-in fields not among
 * them keep ache's words). */
void fields_install(const struct field_row *rows, size_t n);
/* Adds an own field to the process's table alone, under the next key
 * (row->key is not used), and returns that key: what an import's first
 * pass knows of a field its file brings, before the diary has it. */
int fields_add(const struct field_row *row);
/* Back to the built-in fields alone. */
void fields_reset(void);
/* Every field, in key order: the built-in ones first. */
size_t fields_count(void);
const struct field_info *fields_at(size_t i);
/* Any field by name or option name ('-' and '_' alike); FIELD_NONE when
 * the diary has none of that name. */
int field_find(const char *name);
/* The diary's field whose name is exactly `name` (no option names, no '-'
 * for '_'): what a file or a preset names. NULL when there is none. */
const struct field_info *field_named(const char *name);
/* Every field's option name, in table order, with `last` between the last
 * two ("pain, ..., headache" with ", "; "... or headache" with " or "). */
void fields_list(struct strbuf *out, const char *last);
/* True for a key of the diary's own fields. */
bool field_is_own(int key);

/* The field the screens offer after the one of `key` (dir 1) or before
 * it (dir -1), in key order, wrapping round, own fields among them;
 * hidden fields are skipped. From a key the table lacks, the first (or
 * last) offered. FIELD_NONE when every field is hidden. */
int field_next_visible(int key, int dir);

/* The top of the scale a chart or a calendar shows a field on, in its
 * units: 10 for a rating, 12 (hours) for hours, 1 for yes/no (a share of
 * days); for a count or minutes, which have no fixed top worth drawing,
 * the first round number at or above `seen` (the largest value shown):
 * 5, 10, 20, 50, 100... for counts, 30, 60, 90, 120, 180, 240, 360, 480,
 * 720, 1440 for minutes. */
int field_scale_top(const struct field_info *fi, double seen);

/* A field as the diary keeps it: a record with a random id (the
 * built-in fields a fixed one every copy shares), stamps and a
 * revision. */
struct field_record {
    char id[CHECKIN_ID_LEN + 1]; /* "" until stored */
    int key;                     /* enum checkin_field, or 8 and up */
    char name[FIELD_NAME_MAX + 1];
    enum field_kind kind;
    char *label, *low_word, *high_word; /* NULL: ache's words; owned */
    bool weekly, hidden;
    int64_t created_at, updated_at, rev;
    long uses; /* check-ins that give it a value (when counted) */
};
void field_record_free(struct field_record *f);
/* Refuses a label or word that is empty, too long (64 bytes for a label,
 * 40 for a word), not UTF-8 or holds a control character: "label: 65
 * bytes; give 1 to 64". */
enum ache_status field_record_check_texts(const struct field_record *f,
                                          struct ache_err *err);

/* The questions that complete the clinical scores ache estimates, offered
 * as own fields asked once a week: "sss" the three somatic items of the
 * ACR 2016 Symptom Severity Scale (headaches, lower abdominal pain or
 * cramps, depression: yes/no), "peg" the PEG-3 (average pain, and pain's
 * interference with enjoyment of life and with general activity, 0-10
 * over the past week). *rows points at a static table. */
bool field_preset(const char *name, const struct field_row **rows,
                  size_t *n);
/* The fields of the presets by what they stand for, for the report. */
enum field_preset_item {
    PRESET_HEADACHES,
    PRESET_ABDOMEN,
    PRESET_DEPRESSION,
    PRESET_PEG_PAIN,
    PRESET_PEG_ENJOYMENT,
    PRESET_PEG_ACTIVITY,
    PRESET_ITEMS
};
/* The key of the diary's field for a preset item (its name and kind), or
 * FIELD_NONE. */
int field_preset_key(enum field_preset_item item);

/* Refuses a name an own field cannot take: "NAME: a field name is
 * lowercase letters, digits and _, starting with a letter, at most 32",
 * or "NAME is a column of the CSV", "... is a built-in field", "... is a
 * word of --clear", "... is already a field". '-' is taken as '_' (the
 * name is rewritten in place). */
enum ache_status field_name_check(char *name, struct ache_err *err);

#endif
