/* fields: the field table of the diary in use, by key. The eight built-in
 * fields are ache's; a diary adds its own and may relabel or hide any. */
#include "ache/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/text.h"
#include "ache/util.h"

static const struct field_info builtin[CF_COUNT] = {
    [CF_PAIN] = {"pain", "pain", "Pain", 10, 1, false, "none",
                 "worst imaginable", "pain", FIELD_RATING, CF_PAIN, false,
                 false},
    [CF_FATIGUE] = {"fatigue", "fatigue", "Fatigue", 10, 1, false, "none",
                    "exhausted", "fatigue", FIELD_RATING, CF_FATIGUE, false,
                    false},
    [CF_SLEEP_QUALITY] = {"sleep_quality", "sleep", "Sleep quality", 10, 1,
                          true, "unrefreshed", "fully restored",
                          "sleep quality", FIELD_RATING, CF_SLEEP_QUALITY,
                          false, false},
    [CF_SLEEP_HOURS] = {"sleep_hours", "sleep-hours", "Sleep hours", 96, 4,
                        true, "0 h", "24 h", "sleep hours", FIELD_HOURS,
                        CF_SLEEP_HOURS, false, false},
    [CF_STIFFNESS] = {"stiffness", "stiffness", "Stiffness", 10, 1, false,
                      "none", "severe", "stiffness", FIELD_RATING,
                      CF_STIFFNESS, false, false},
    [CF_FOG] = {"fog", "fog", "Brain fog", 10, 1, false, "none", "severe",
                "brain fog", FIELD_RATING, CF_FOG, false, false},
    [CF_MOOD] = {"mood", "mood", "Mood", 10, 1, true, "very low",
                 "very good", "mood", FIELD_RATING, CF_MOOD, false, false},
    [CF_ACTIVITY] = {"activity", "activity", "Activity", 10, 1, false,
                     "rested", "very strenuous", "activity", FIELD_RATING,
                     CF_ACTIVITY, false, false},
};

/* Each kind's name, largest value and steps per unit, and the words at
 * both ends an own field of it has until given others. */
static const struct kind_info {
    const char *name;
    int max_steps, steps_per_unit;
    const char *low, *high;
} kinds[FIELD_KIND_COUNT] = {
    [FIELD_RATING] = {"rating", 10, 1, "none", "severe"},
    [FIELD_HOURS] = {"hours", 96, 4, "0 h", "24 h"},
    [FIELD_TALLY] = {"count", 9999, 1, "0", "9999"},
    [FIELD_MINUTES] = {"minutes", 1440, 1, "0 min", "1440 min"},
    [FIELD_YESNO] = {"yesno", 1, 1, "no", "yes"},
};

/* The table in use: the built-in fields at 0..CF_COUNT-1, then the own
 * ones by key. Strings of an installed table are owned by `strings`. */
static struct field_info *table;
static size_t table_n;
static char **strings;
static size_t nstrings;

const char *field_kind_name(enum field_kind k)
{
    return (unsigned)k < FIELD_KIND_COUNT ? kinds[k].name : "?";
}

enum field_kind field_kind_find(const char *name)
{
    for (int k = 0; k < FIELD_KIND_COUNT; k++)
        if (strcmp(name, kinds[k].name) == 0)
            return (enum field_kind)k;
    return FIELD_KIND_COUNT;
}

int field_kind_max(enum field_kind k)
{
    return (unsigned)k < FIELD_KIND_COUNT ? kinds[k].max_steps : 0;
}

const char *field_kind_choices(void)
{
    return "rating, count, minutes or yesno";
}

static const char *keep(const char *s)
{
    strings = xreallocarray(strings, nstrings + 1, sizeof *strings);
    strings[nstrings] = xstrdup(s);
    return strings[nstrings++];
}

void fields_reset(void)
{
    for (size_t i = 0; i < nstrings; i++)
        free(strings[i]);
    free(strings);
    free(table);
    strings = NULL;
    nstrings = 0;
    table = NULL;
    table_n = 0;
}

/* A label's lowercase form for sentences: "Morning stiffness" reads
 * "morning stiffness". Only the first letter is lowered, so names stay. */
static const char *noun_of(const char *label)
{
    char *noun = xstrdup(label);
    if (noun[0] >= 'A' && noun[0] <= 'Z' &&
        !(noun[1] >= 'A' && noun[1] <= 'Z'))
        noun[0] = (char)(noun[0] - 'A' + 'a');
    const char *kept = keep(noun);
    free(noun);
    return kept;
}

/* "morning_stiffness" reads "Morning stiffness" until labelled. */
static const char *label_of(const char *name)
{
    char *label = xstrdup(name);
    for (char *p = label; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (label[0] >= 'a' && label[0] <= 'z')
        label[0] = (char)(label[0] - 'a' + 'A');
    const char *kept = keep(label);
    free(label);
    return kept;
}

static void apply_row(struct field_info *fi, const struct field_row *r)
{
    if (r->key >= CF_COUNT) {
        const struct kind_info *k = &kinds[r->kind];
        fi->name = fi->option = keep(r->name);
        fi->label = label_of(r->name);
        fi->max_steps = k->max_steps;
        fi->steps_per_unit = k->steps_per_unit;
        fi->higher_is_better = false;
        fi->low_word = k->low;
        fi->high_word = k->high;
        fi->kind = r->kind;
        fi->key = r->key;
    }
    if (r->label)
        fi->label = keep(r->label);
    fi->noun = r->key < CF_COUNT && !r->label ? fi->noun : noun_of(fi->label);
    if (r->low_word)
        fi->low_word = keep(r->low_word);
    if (r->high_word)
        fi->high_word = keep(r->high_word);
    fi->weekly = r->weekly;
    fi->hidden = r->hidden;
}

static int by_key(const void *a, const void *b)
{
    const struct field_info *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

void fields_install(const struct field_row *rows, size_t n)
{
    fields_reset();
    table = xcalloc(CF_COUNT + n, sizeof *table);
    memcpy(table, builtin, sizeof builtin);
    table_n = CF_COUNT;
    for (size_t i = 0; i < n; i++) {
        const struct field_row *r = &rows[i];
        if (r->key < 0 || (r->key >= CF_COUNT &&
                           (unsigned)r->kind >= FIELD_KIND_COUNT))
            continue;
        apply_row(r->key < CF_COUNT ? &table[r->key] : &table[table_n++],
                  r);
    }
    qsort(table + CF_COUNT, table_n - CF_COUNT, sizeof *table, by_key);
}

int fields_add(const struct field_row *row)
{
    if (!table) {
        table = xcalloc(CF_COUNT, sizeof *table);
        memcpy(table, builtin, sizeof builtin);
        table_n = CF_COUNT;
    }
    table = xreallocarray(table, table_n + 1, sizeof *table);
    struct field_row r = *row;
    r.key = table_n > CF_COUNT ? table[table_n - 1].key + 1 : CF_COUNT;
    memset(&table[table_n], 0, sizeof *table);
    apply_row(&table[table_n++], &r);
    return r.key;
}

size_t fields_count(void)
{
    return table ? table_n : CF_COUNT;
}

const struct field_info *fields_at(size_t i)
{
    if (i >= fields_count())
        return NULL;
    return table ? &table[i] : &builtin[i];
}

const struct field_info *checkin_field_info(enum checkin_field f)
{
    int key = (int)f;
    if (key < 0)
        return NULL;
    if (key < CF_COUNT)
        return fields_at((size_t)key);
    struct field_info want = {.key = key};
    if (!table)
        return NULL;
    return bsearch(&want, table + CF_COUNT, table_n - CF_COUNT,
                   sizeof *table, by_key);
}

bool field_is_own(int key)
{
    return key >= CF_COUNT && checkin_field_info((enum checkin_field)key);
}

int field_next_visible(int key, int dir)
{
    int n = (int)fields_count(), at = dir > 0 ? -1 : n;
    for (int i = 0; i < n; i++)
        if (fields_at((size_t)i)->key == key)
            at = i;
    for (int step = 1; step <= n; step++) {
        int i = ((at + (dir > 0 ? step : -step)) % n + n) % n;
        if (!fields_at((size_t)i)->hidden)
            return fields_at((size_t)i)->key;
    }
    return FIELD_NONE;
}

/* The first round number at or above seen, from a list that ends at the
 * kind's largest value: an axis reads in round numbers, and the top is
 * never far above what was seen. */
static int round_top(const int *tops, size_t n, double seen)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (seen <= tops[i])
            return tops[i];
    return tops[n - 1];
}

/* Counts start at 5 so that a day or two of 1 does not fill the axis;
 * minutes go up in steps a clock reads: half hours, hours, quarter days. */
static const int count_tops[] = {5,   10,   20,   50,   100,  200,
                                 500, 1000, 2000, 5000, 10000};
static const int minute_tops[] = {30, 60, 90, 120, 180, 240, 360, 480, 720,
                                  1440};
#define NTOPS(a) (sizeof a / sizeof a[0])

int field_scale_top(const struct field_info *fi, double seen)
{
    switch (fi ? fi->kind : FIELD_RATING) {
    case FIELD_HOURS:
        return 12;
    case FIELD_YESNO:
        return 1;
    case FIELD_TALLY:
        return round_top(count_tops, NTOPS(count_tops), seen);
    case FIELD_MINUTES:
        return round_top(minute_tops, NTOPS(minute_tops), seen);
    default:
        return 10;
    }
}

/* Compares names treating '-' and '_' alike ("sleep-hours"). */
static bool name_matches(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

int field_find(const char *name)
{
    for (size_t i = 0; i < fields_count(); i++) {
        const struct field_info *fi = fields_at(i);
        if (name_matches(name, fi->name) || name_matches(name, fi->option))
            return fi->key;
    }
    return FIELD_NONE;
}

const struct field_info *field_named(const char *name)
{
    const struct field_info *fi = checkin_field_info(field_find(name));
    return fi && strcmp(fi->name, name) == 0 ? fi : NULL;
}

void fields_list(struct strbuf *out, const char *last)
{
    size_t n = fields_count();
    for (size_t i = 0; i < n; i++)
        strbuf_printf(out, "%s%s", i == 0 ? "" : i == n - 1 ? last : ", ",
                      fields_at(i)->option);
}

enum checkin_field checkin_field_find(const char *name)
{
    for (int f = 0; f < CF_COUNT; f++)
        if (name_matches(name, builtin[f].name) ||
            name_matches(name, builtin[f].option))
            return (enum checkin_field)f;
    return CF_COUNT;
}

void checkin_field_list(struct strbuf *out, const char *last)
{
    for (int f = 0; f < CF_COUNT; f++)
        strbuf_printf(out, "%s%s",
                      f == 0 ? "" : f == CF_COUNT - 1 ? last : ", ",
                      builtin[f].option);
}

/* ---- presets ---------------------------------------------------------------- */

static const struct field_row presets[PRESET_ITEMS] = {
    [PRESET_HEADACHES] = {0, "headaches", "Headaches", NULL, NULL,
                          FIELD_YESNO, true, false},
    [PRESET_ABDOMEN] = {0, "abdominal_pain",
                        "Pain or cramps in the lower abdomen", NULL, NULL,
                        FIELD_YESNO, true, false},
    [PRESET_DEPRESSION] = {0, "depression", "Depression", NULL, NULL,
                           FIELD_YESNO, true, false},
    [PRESET_PEG_PAIN] = {0, "peg_pain", "PEG: average pain, past week",
                         "no pain", "as bad as you can imagine",
                         FIELD_RATING, true, false},
    [PRESET_PEG_ENJOYMENT] = {0, "peg_enjoyment",
                              "PEG: pain's interference with enjoyment",
                              "none", "completely", FIELD_RATING, true,
                              false},
    [PRESET_PEG_ACTIVITY] = {0, "peg_activity",
                             "PEG: pain's interference with activity",
                             "none", "completely", FIELD_RATING, true,
                             false},
};

bool field_preset(const char *name, const struct field_row **rows, size_t *n)
{
    if (strcmp(name, "sss") == 0) {
        *rows = &presets[PRESET_HEADACHES];
        *n = 3;
    } else if (strcmp(name, "peg") == 0) {
        *rows = &presets[PRESET_PEG_PAIN];
        *n = 3;
    } else {
        return false;
    }
    return true;
}

int field_preset_key(enum field_preset_item item)
{
    const struct field_row *r = &presets[item];
    const struct field_info *fi = field_named(r->name);
    return fi && fi->kind == r->kind ? fi->key : FIELD_NONE;
}

/* The words an own field's name may not be: the CSV's columns, the words
 * of --clear, and what a command line sets otherwise. */
static const char *const reserved[] = {
    "id",   "date", "time",       "regions",    "tags", "note",
    "created_at", "updated_at", "tag", "untag", "set",  "clear",
};

static bool name_shape_ok(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > FIELD_NAME_MAX || name[0] < 'a' || name[0] > 'z')
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return false;
    return true;
}

enum ache_status field_name_check(char *name, struct ache_err *err)
{
    for (char *p = name; *p; p++)
        if (*p == '-')
            *p = '_';
    if (!name_shape_ok(name))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s': a field name is lowercase letters, digits "
                         "and _, starting with a letter, at most %d characters",
                         name, FIELD_NAME_MAX);
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strcmp(name, reserved[i]) == 0)
            return ache_fail(err, ACHE_ERR_INVALID,
                             "'%s' is a column of the CSV or a word of "
                             "--clear; pick another name",
                             name);
    if (checkin_field_find(name) != CF_COUNT)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is a built-in field; pick another name", name);
    if (field_find(name) != FIELD_NONE)
        return ache_fail(err, ACHE_ERR_INVALID, "'%s' is already a field",
                         name);
    return ACHE_OK;
}

void field_record_free(struct field_record *f)
{
    free(f->label);
    free(f->low_word);
    free(f->high_word);
    f->label = f->low_word = f->high_word = NULL;
}

/* A label or word: valid UTF-8 without control characters, 1 to max
 * bytes. */
static enum ache_status check_words(const char *what, const char *text,
                                    size_t max, struct ache_err *err)
{
    size_t len = text ? strlen(text) : 0, bad = 0;
    if (!text)
        return ACHE_OK;
    if (len == 0 || len > max)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: %zu bytes; give 1 to %zu", what, len, max);
    if (!utf8_valid(text, len, &bad))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: not valid UTF-8 (at byte %zu)", what, bad + 1);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return ache_fail(err, ACHE_ERR_INVALID,
                             "%s: holds a control character (at byte %zu)",
                             what, (size_t)(p - (const unsigned char *)text) + 1);
    return ACHE_OK;
}

enum ache_status field_record_check_texts(const struct field_record *f,
                                          struct ache_err *err)
{
    enum ache_status status =
        check_words("label", f->label, FIELD_LABEL_MAX, err);
    if (!status)
        status = check_words("low", f->low_word, FIELD_WORD_MAX, err);
    if (!status)
        status = check_words("high", f->high_word, FIELD_WORD_MAX, err);
    return status;
}
