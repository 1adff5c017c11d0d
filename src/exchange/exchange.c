/* exchange: the parts of CSV and JSON import/export that both formats
 * share: column names, format names, turning a value into a field, and the
 * checks on whole records. The syntax of each format lives in
 * exchange_csv.c and exchange_json.c; the FHIR export in exchange_fhir.c. */
#include "ache/exchange.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ache/checkin.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/tags.h"
#include "ache/text.h"
#include "exchange_impl.h"

_Static_assert(EC_COUNT == EXCHANGE_COLUMN_COUNT,
               "enum exchange_column and EXCHANGE_COLUMN_COUNT disagree");

/* The columns that are not fields; the fields' names come from the field
 * table (checkin_field_info), so a field is listed in one place. */
static const char *const other_columns[EC_COUNT] = {
    [EC_ID] = "id",
    [EC_DATE] = "date",
    [EC_TIME] = "time",
    [EC_REGIONS] = "regions",
    [EC_TAGS] = "tags",
    [EC_NOTE] = "note",
    [EC_CREATED_AT] = "created_at",
    [EC_UPDATED_AT] = "updated_at",
};

static const char *const format_names[EXCHANGE_FORMAT_COUNT] = {"csv", "json",
                                                                 "fhir"};

const char *exchange_column_name(int i)
{
    int key = exchange_column_field(i);
    if (key != FIELD_NONE) {
        const struct field_info *fi = checkin_field_info(key);
        return fi ? fi->name : NULL;
    }
    return i >= 0 && i < EC_COUNT ? other_columns[i] : NULL;
}

int exchange_column_find(const char *name)
{
    for (int i = 0; i < EC_COUNT; i++)
        if (strcmp(name, exchange_column_name(i)) == 0)
            return i;
    /* an own field by its name alone: "-" for "_" is for the command
     * line, and a file names columns exactly */
    const struct field_info *fi = field_named(name);
    if (fi && fi->key >= CF_COUNT)
        return EC_OWN(fi->key);
    return -1;
}

size_t exchange_columns(int *cols, size_t max)
{
    size_t n = 0;
    for (int i = 0; i < EC_COUNT && n < max; i++) {
        cols[n++] = i;
        if (i != EC_LAST_FIELD)
            continue;
        for (size_t f = CF_COUNT; f < fields_count() && n < max; f++)
            cols[n++] = EC_OWN(fields_at(f)->key);
    }
    return n;
}

const char *exchange_column_list(void)
{
    static struct strbuf list; /* the diary's own fields may change */
    int cols[EXCHANGE_MAX_COLUMNS];
    size_t n = exchange_columns(cols, EXCHANGE_MAX_COLUMNS);
    strbuf_reset(&list);
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&list, "%s%s", i ? ", " : "",
                      exchange_column_name(cols[i]));
    return strbuf_str(&list);
}

int exchange_column_field(int col)
{
    if (col >= EC_FIRST_FIELD && col <= EC_LAST_FIELD)
        return col - EC_FIRST_FIELD;
    return col >= EC_OWN(CF_COUNT) ? col - EC_COUNT : FIELD_NONE;
}

const char *exchange_format_name(enum exchange_format f)
{
    return (unsigned)f < EXCHANGE_FORMAT_COUNT ? format_names[f] : "?";
}

bool exchange_format_parse(const char *s, enum exchange_format *out)
{
    for (int f = 0; f < EXCHANGE_FORMAT_COUNT; f++) {
        if (strcmp(s, format_names[f]) == 0) {
            *out = (enum exchange_format)f;
            return true;
        }
    }
    return false;
}

bool exchange_format_from_path(const char *path, enum exchange_format *out)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    /* "dir.csv/diary" has no extension, nor has ".csv" alone a name. */
    if (!dot || dot == path || (slash && dot < slash) || dot[-1] == '/')
        return false;
    for (int f = 0; f < EXCHANGE_FORMAT_COUNT; f++) {
        if (strcasecmp(dot + 1, format_names[f]) == 0) {
            *out = (enum exchange_format)f;
            return true;
        }
    }
    return false;
}

void exchange_write_begin(enum exchange_format f, struct strbuf *out)
{
    exchange_write_begin_opts(f, NULL, out);
}

void exchange_write_begin_opts(enum exchange_format f,
                               const struct exchange_opts *opts,
                               struct strbuf *out)
{
    if (f == EXCHANGE_CSV)
        exchange_csv_write_header(out);
    else if (f == EXCHANGE_JSON)
        exchange_json_write_begin(opts, out);
    else if (f == EXCHANGE_FHIR)
        exchange_fhir_write_begin(out);
}

size_t exchange_write_checkin(enum exchange_format f, const struct checkin *c,
                              size_t index, struct strbuf *out)
{
    return exchange_write_checkin_opts(f, c, index, NULL, out);
}

size_t exchange_write_checkin_opts(enum exchange_format f,
                                   const struct checkin *c, size_t index,
                                   const struct exchange_opts *opts,
                                   struct strbuf *out)
{
    /* The defaults leave out what a person did not ask to share. */
    static const struct exchange_opts defaults = {.notes = false};
    if (f == EXCHANGE_CSV)
        exchange_csv_write_checkin(c, out);
    else if (f == EXCHANGE_JSON)
        exchange_json_write_checkin(c, index, out);
    else if (f == EXCHANGE_FHIR)
        return exchange_fhir_write_checkin(c, index, opts ? opts : &defaults,
                                           out);
    else
        return 0;
    return 1;
}

void exchange_write_end(enum exchange_format f, size_t count,
                        struct strbuf *out)
{
    if (f == EXCHANGE_JSON)
        exchange_json_write_end(count, out);
    else if (f == EXCHANGE_FHIR)
        exchange_fhir_write_end(count, out);
}

/* ---- describing values in messages ------------------------------------ */

char *exchange_describe(const char *s, size_t len, char *out, size_t outsz)
{
    return text_quote(s, len, out, outsz);
}

/* ---- values into fields ------------------------------------------------ */

/* Whether s is printable ASCII (or, in a note, any ASCII but NUL): most
 * values are, and pass without being decoded. */
static bool plain_ascii(int col, const char *s, size_t len)
{
    unsigned char low = col == EC_NOTE ? 0x01 : 0x20;
    unsigned char high = col == EC_NOTE ? 0x7f : 0x7e;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < low || (unsigned char)s[i] > high)
            return false;
    return true;
}

/* Text a value may hold: UTF-8 without NUL; outside notes and tags, no
 * control characters either. Tags are left to tag_name_check, the one
 * check of every path, which names the character and where it is. */
static enum ache_status check_text(int col, const char *s, size_t len,
                                   struct ache_err *err)
{
    if (plain_ascii(col, s, len))
        return ACHE_OK;
    const char *field = exchange_column_name(col);
    const char *nul = memchr(s, '\0', len);
    if (nul)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: contains a NUL byte (at byte %zu)", field,
                         (size_t)(nul - s) + 1);
    size_t bad;
    if (!utf8_valid(s, len, &bad))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: not valid UTF-8 (at byte %zu)", field, bad + 1);
    if (col == EC_NOTE || col == EC_TAGS)
        return ACHE_OK;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (text_cp_is_control(cp))
            return ache_fail(err, ACHE_ERR_INVALID,
                             "%s: control character U+%04X is not allowed "
                             "(at byte %zu)",
                             field, (unsigned)cp, i + 1);
        i += n;
    }
    return ACHE_OK;
}

static enum ache_status set_id(struct checkin *c, const char *text, size_t len,
                               struct ache_err *err)
{
    char shown[96];
    if (!checkin_id_valid(text))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "id: '%s' is not a check-in id (32 lowercase hex "
                         "digits)",
                         exchange_describe(text, len, shown, sizeof shown));
    memcpy(c->id, text, CHECKIN_ID_LEN + 1);
    return ACHE_OK;
}

static enum ache_status set_date(struct checkin *c, const char *text,
                                 size_t len, ache_day today,
                                 struct ache_err *err)
{
    char shown[96];
    ache_day day;
    if (!date_parse_iso(text, &day))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "date: '%s' is not a date (use YYYY-MM-DD)",
                         exchange_describe(text, len, shown, sizeof shown));
    if (day > today)
        return ache_fail(err, ACHE_ERR_INVALID, "date: %s is in the future",
                         text);
    c->date = day;
    return ACHE_OK;
}

static enum ache_status set_time(struct checkin *c, const char *text,
                                 size_t len, struct ache_err *err)
{
    char shown[96];
    if (!time_parse(text, &c->minute))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "time: '%s' is not a time of day (use HH:MM, "
                         "00:00 to 23:59)",
                         exchange_describe(text, len, shown, sizeof shown));
    return ACHE_OK;
}

static enum ache_status set_stamp(struct checkin *c, int col, const char *text,
                                  size_t len, struct ache_err *err)
{
    char shown[96];
    int64_t *stamp = col == EC_CREATED_AT ? &c->created_at : &c->updated_at;
    if (!stamp_parse(text, stamp))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: '%s' is not a UTC timestamp (use "
                         "YYYY-MM-DDTHH:MM:SS.mmmZ)",
                         exchange_column_name(col),
                         exchange_describe(text, len, shown, sizeof shown));
    return ACHE_OK;
}

static enum ache_status set_note(struct checkin *c, const char *text,
                                 size_t len, struct ache_err *err)
{
    if (len > CHECKIN_NOTE_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "note: %zu bytes is longer than the %d allowed", len,
                         CHECKIN_NOTE_MAX);
    checkin_set_note(c, text);
    return ACHE_OK;
}

static enum ache_status set_tags(struct checkin *c, const char *text,
                                 struct ache_err *err)
{
    char **names = NULL;
    size_t count = 0;
    enum ache_status st = tag_names_parse(text, ';', &names, &count, err);
    /* refused before they are added, one by one */
    if (st == ACHE_OK && count > CHECKIN_TAGS_MAX)
        st = checkin_too_many_tags(count, err);
    if (st == ACHE_OK)
        checkin_add_tags(c, names, count);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return st;
}

enum ache_status exchange_set_text(struct checkin *c, int col, const char *text,
                                   size_t len, ache_day today,
                                   struct ache_err *err)
{
    enum ache_status st = check_text(col, text, len, err);
    if (st != ACHE_OK)
        return st;
    switch (col) {
    case EC_ID:
        return set_id(c, text, len, err);
    case EC_DATE:
        return set_date(c, text, len, today, err);
    case EC_TIME:
        return set_time(c, text, len, err);
    case EC_REGIONS:
        return region_set_parse(text, ';', &c->regions, err);
    case EC_TAGS:
        return set_tags(c, text, err);
    case EC_NOTE:
        return set_note(c, text, len, err);
    case EC_CREATED_AT:
    case EC_UPDATED_AT:
        return set_stamp(c, col, text, len, err);
    default: {
        int key = exchange_column_field(col), steps;
        st = checkin_parse_value((enum checkin_field)key, text, &steps, err);
        if (st == ACHE_OK)
            checkin_set(c, key, steps);
        return st;
    }
    }
}

enum ache_status exchange_add_region(struct checkin *c, const char *code,
                                     size_t len, struct ache_err *err)
{
    enum ache_status st = check_text(EC_REGIONS, code, len, err);
    if (st != ACHE_OK)
        return st;
    int i = region_find(code);
    if (i >= 0) {
        c->regions |= 1u << i;
        return ACHE_OK;
    }
    /* region_set_parse words the message for an unknown code; what it
     * would accept here (" neck", "neck;chest", "") is still not one code. */
    region_set unused;
    if (region_set_parse(code, ';', &unused, err) != ACHE_OK)
        return ACHE_ERR_INVALID;
    char shown[96];
    return ache_fail(err, ACHE_ERR_INVALID,
                     "regions: '%s' is not a body region code (one code "
                     "per string, e.g. \"neck\")",
                     exchange_describe(code, len, shown, sizeof shown));
}

enum ache_status exchange_add_tag(struct checkin *c, const char *name,
                                  size_t len, struct ache_err *err)
{
    enum ache_status st = check_text(EC_TAGS, name, len, err);
    if (st == ACHE_OK)
        st = tag_name_check(name, err);
    if (st == ACHE_OK && c->ntags >= CHECKIN_TAGS_MAX &&
        !checkin_has_tag(c, name))
        st = checkin_too_many_tags(c->ntags + 1, err);
    if (st == ACHE_OK)
        checkin_add_tag(c, name);
    return st;
}
