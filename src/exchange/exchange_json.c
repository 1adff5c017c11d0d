/* exchange_json: check-ins as JSON.
 *
 *   {"format": "ache", "version": 1, "checkins": [
 *     {"id": "...", "date": "2026-11-24", "pain": 5, "regions": ["neck"]},
 *     ...
 *   ]}
 *
 * Written deterministically (one check-in a line, members in column order,
 * absent values left out), so export -> import -> export gives the same
 * bytes.
 *
 * Read by a small recursive-descent parser of our own
 * (exchange_json_syntax.c) rather than SQLite's JSON functions, so that
 * every message carries the line and column (in characters, from 1) of the
 * value it is about. Reading takes two passes without building a tree: the
 * first checks the syntax of the whole file and notes where the top-level
 * members are (so that "written by a newer ache" wins over complaints
 * about members a newer ache added); the second walks the check-ins from
 * where the first found them.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/text.h"
#include "ache/util.h"
#include "exchange_impl.h"
#include "exchange_json_impl.h"

/* Version 2 added "fields" and own fields' values; version 1 files are
 * read as before. */
#define JSON_FORMAT_VERSION 2
#define JSON_OLDEST_VERSION 1

/* ---- writing ----------------------------------------------------------- */

static bool needs_escape(uint32_t cp)
{
    return text_cp_is_control(cp) || text_cp_is_bidi_override(cp) ||
           cp == 0x2028 || cp == 0x2029;
}

/* Escapes what JSON requires, and control characters, bidi overrides and
 * isolates and the line separators besides, so an export is safe to
 * print on a terminal (and reads back exactly as it was). Bytes
 * that are not UTF-8 (never stored, but a writer should not emit invalid
 * JSON whatever it is given) become U+FFFD. */
void exchange_json_put_string(struct strbuf *out, const char *s)
{
    size_t len = strlen(s);
    strbuf_putc(out, '"');
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (cp == '"' || cp == '\\') {
            strbuf_putc(out, '\\');
            strbuf_putc(out, (char)cp);
        } else if (cp == '\n' || cp == '\t' || cp == '\r') {
            strbuf_append(out, cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : "\\r");
        } else if (needs_escape(cp)) {
            strbuf_printf(out, "\\u%04x", (unsigned)cp);
        } else if (cp == TEXT_REPLACEMENT && n == 1) {
            strbuf_append(out, "\\ufffd");
        } else {
            strbuf_appendn(out, s + i, n);
        }
        i += n;
    }
    strbuf_putc(out, '"');
}

void exchange_json_string(struct strbuf *out, const char *s)
{
    exchange_json_put_string(out, s);
}

static void put_key(struct strbuf *out, bool *first, int col)
{
    strbuf_printf(out, "%s\"%s\": ", *first ? "" : ", ",
                  exchange_column_name(col));
    *first = false;
}

static void put_string_member(struct strbuf *out, bool *first, int col,
                              const char *value)
{
    put_key(out, first, col);
    exchange_json_put_string(out, value);
}

static void put_lists(struct strbuf *out, bool *first, const struct checkin *c)
{
    if (c->regions) {
        put_key(out, first, EC_REGIONS);
        const char *sep = "[";
        for (int i = 0; i < REGION_COUNT; i++) {
            if (!(c->regions & (1u << i)))
                continue;
            strbuf_append(out, sep);
            exchange_json_put_string(out, region_get(i)->code);
            sep = ", ";
        }
        strbuf_putc(out, ']');
    }
    if (c->ntags) {
        put_key(out, first, EC_TAGS);
        for (size_t i = 0; i < c->ntags; i++) {
            strbuf_append(out, i ? ", " : "[");
            exchange_json_put_string(out, c->tags[i]);
        }
        strbuf_putc(out, ']');
    }
}

/* The values given, built in then own; a yes/no as true or false. */
static void put_values(struct strbuf *out, bool *first,
                       const struct checkin *c)
{
    char buf[16];
    for (size_t i = 0; i < fields_count(); i++) {
        const struct field_info *fi = fields_at(i);
        int steps = checkin_get(c, fi->key);
        if (steps == CHECKIN_ABSENT)
            continue;
        put_key(out, first, fi->key < CF_COUNT ? EC_FIRST_FIELD + fi->key
                                               : EC_OWN(fi->key));
        if (fi->kind == FIELD_YESNO)
            strbuf_append(out, steps ? "true" : "false");
        else
            strbuf_append(out, checkin_format_value(
                                   (enum checkin_field)fi->key, steps, buf,
                                   sizeof buf));
    }
}

void exchange_json_write_begin(const struct exchange_opts *opts,
                               struct strbuf *out)
{
    strbuf_printf(out, "{\"format\": \"ache\", \"version\": %d, ",
                  JSON_FORMAT_VERSION);
    if (opts && opts->fields)
        exchange_json_write_fields(opts->fields, opts->nfields, out);
    if (opts && opts->meds)
        exchange_json_write_meds(opts->meds, out);
    if (opts && opts->doses)
        exchange_json_write_doses(opts->doses, out);
    strbuf_append(out, "\"checkins\": [");
}

void exchange_json_write_checkin(const struct checkin *c, size_t index,
                                 struct strbuf *out)
{
    char buf[STAMP_BUF + 8];
    bool first = true;
    strbuf_append(out, index ? ",\n  {" : "\n  {");
    if (c->id[0])
        put_string_member(out, &first, EC_ID, c->id);
    put_string_member(out, &first, EC_DATE, date_format(c->date, buf));
    if (c->minute != CHECKIN_TIME_ABSENT)
        put_string_member(out, &first, EC_TIME, time_format(c->minute, buf));
    put_values(out, &first, c);
    put_lists(out, &first, c);
    if (c->note && *c->note)
        put_string_member(out, &first, EC_NOTE, c->note);
    if (c->created_at)
        put_string_member(out, &first, EC_CREATED_AT,
                          stamp_format(c->created_at, buf));
    if (c->updated_at)
        put_string_member(out, &first, EC_UPDATED_AT,
                          stamp_format(c->updated_at, buf));
    strbuf_putc(out, '}');
}

void exchange_json_write_end(size_t count, struct strbuf *out)
{
    strbuf_append(out, count ? "\n]}\n" : "]}\n");
}

/* ---- the first pass: the top level --------------------------------------- */

enum top_member {
    TOP_FORMAT,
    TOP_VERSION,
    TOP_FIELDS,
    TOP_MEDS,
    TOP_DOSES,
    TOP_CHECKINS,
    TOP_COUNT
};

struct jtop {
    struct json_pos object_at;
    bool has[TOP_COUNT];
    struct json_pos key_at[TOP_COUNT]; /* where each key starts */
    struct json_pos at[TOP_COUNT]; /* where each value starts */
    enum json_kind kind[TOP_COUNT];
    char *text[TOP_COUNT]; /* format and version as written */
    bool key_problem; /* an unknown or repeated key ... */
    struct ache_err key_err; /* ... and its message */
};

static const char *const top_names[TOP_COUNT] = {
    "format", "version", "fields", "meds", "doses", "checkins"};

static void note_key_problem(struct json_parser *jp, struct jtop *top,
                             struct json_pos key_at, int member)
{
    char shown[96];
    if (top->key_problem)
        return;
    top->key_problem = true;
    exchange_describe(jp->tok.data, jp->tok.len, shown, sizeof shown);
    struct json_parser quiet = *jp;
    quiet.err = &top->key_err;
    if (member < 0)
        exchange_json_fail(&quiet, key_at,
                           "unknown key \"%s\" (allowed here: format, "
                           "version, fields, meds, doses, checkins)",
                           shown);
    else
        exchange_json_fail(&quiet, key_at,
                           "duplicate key \"%s\" (first at %d:%d)", shown,
                           top->key_at[member].line, top->key_at[member].col);
}

static int top_find(const char *key, size_t len)
{
    for (int i = 0; i < TOP_COUNT; i++)
        if (strlen(top_names[i]) == len && strcmp(key, top_names[i]) == 0)
            return i;
    return -1;
}

/* Skips the array of check-ins element by element, so that the reader
 * hears how far the scan has got (a large file's pages can go back). */
static enum ache_status skip_checkins(struct json_parser *jp,
                                      struct exchange_run *run)
{
    bool first = true, done = false;
    exchange_json_advance(jp); /* '[' */
    for (;;) {
        enum ache_status st = exchange_json_next(jp, ']', &first, &done);
        if (st == ACHE_OK && !done)
            st = exchange_json_skip_value(jp, 2);
        if (st != ACHE_OK || done)
            return st;
        exchange_done_before(run, jp->at.p);
    }
}

/* One top-level member: notes where it is; keeps format and version. */
static enum ache_status scan_top_member(struct json_parser *jp,
                                        struct jtop *top,
                                        struct exchange_run *run)
{
    struct json_pos key_at;
    enum ache_status st = exchange_json_read_key(jp, &key_at);
    if (st != ACHE_OK)
        return st;
    int m = top_find(jp->tok.data, jp->tok.len);
    if (m < 0 || top->has[m]) {
        note_key_problem(jp, top, key_at, m < 0 ? -1 : m);
        return exchange_json_skip_value(jp, 1);
    }
    top->has[m] = true;
    top->key_at[m] = key_at;
    top->at[m] = jp->at;
    top->kind[m] = exchange_json_kind_at(jp);
    st = m == TOP_CHECKINS && top->kind[m] == JK_ARRAY
             ? skip_checkins(jp, run)
             : exchange_json_skip_value(jp, 1);
    if (st == ACHE_OK && m <= TOP_VERSION &&
        (top->kind[m] == JK_STRING || top->kind[m] == JK_NUMBER))
        top->text[m] = xstrndup(jp->tok.data, jp->tok.len);
    return st;
}

static enum ache_status scan_top(struct json_parser *jp, struct jtop *top,
                                 struct exchange_run *run)
{
    char buf[48];
    exchange_json_skip_space(jp);
    top->object_at = jp->at;
    if (exchange_json_peek(jp) < 0)
        return exchange_json_fail(
            jp, jp->at,
            "empty file (expected an ache export: "
            "{\"format\": \"ache\", \"version\": 2, ...})");
    if (exchange_json_peek(jp) != '{')
        return exchange_json_fail(
            jp, jp->at,
            "expected an object {\"format\": \"ache\", "
            "...}, found %s",
            exchange_json_kind_at(jp) != JK_NONE
                ? exchange_json_kind_name(exchange_json_kind_at(jp))
                : exchange_json_found(jp, buf, sizeof buf));
    exchange_json_advance(jp);
    bool first = true, done = false;
    for (;;) {
        enum ache_status st = exchange_json_next(jp, '}', &first, &done);
        if (st == ACHE_OK && !done)
            st = scan_top_member(jp, top, run);
        if (st != ACHE_OK)
            return st;
        if (done)
            break;
    }
    exchange_json_skip_space(jp);
    if (exchange_json_peek(jp) >= 0)
        return exchange_json_fail(
            jp, jp->at, "text after the end of the JSON document, found %s",
            exchange_json_found(jp, buf, sizeof buf));
    return ACHE_OK;
}

static enum ache_status check_format(struct json_parser *jp, struct jtop *top)
{
    char shown[96];
    if (!top->has[TOP_FORMAT])
        return exchange_json_fail(jp, top->object_at,
                                  "not an ache export (there is no "
                                  "\"format\": \"ache\")");
    if (top->kind[TOP_FORMAT] != JK_STRING)
        return exchange_json_fail(
            jp, top->at[TOP_FORMAT],
            "format: expected the string \"ache\", got %s",
            exchange_json_kind_name(top->kind[TOP_FORMAT]));
    const char *text = top->text[TOP_FORMAT];
    if (strcmp(text, "ache") != 0)
        return exchange_json_fail(
            jp, top->at[TOP_FORMAT],
            "format: '%s' is not 'ache' (this file is not an ache export)",
            exchange_describe(text, strlen(text), shown, sizeof shown));
    return ACHE_OK;
}

static enum ache_status check_version(struct json_parser *jp, struct jtop *top)
{
    struct json_pos at = top->at[TOP_VERSION];
    if (!top->has[TOP_VERSION])
        return exchange_json_fail(
            jp, top->object_at,
            "no \"version\" (an ache export has \"version\": %d)",
            JSON_FORMAT_VERSION);
    if (top->kind[TOP_VERSION] != JK_NUMBER)
        return exchange_json_fail(
            jp, at, "version: expected a whole number, got %s",
            exchange_json_kind_name(top->kind[TOP_VERSION]));
    const char *text = top->text[TOP_VERSION];
    long v = 0;
    bool digits_only = text[strspn(text, "0123456789")] == '\0';
    if (digits_only &&
        (!parse_int(text, 0, INT_MAX, &v) || v > JSON_FORMAT_VERSION))
        return exchange_json_fail(
            jp, at,
            "version: %s means this file was written by a "
            "newer ache (this one reads version %d)",
            text, JSON_FORMAT_VERSION);
    if (!digits_only || v < JSON_OLDEST_VERSION)
        return exchange_json_fail(jp, at,
                                  "version: %s is not a version of the ache "
                                  "format (this one reads version %d)",
                                  text, JSON_FORMAT_VERSION);
    return ACHE_OK;
}

static enum ache_status check_top(struct json_parser *jp, struct jtop *top)
{
    enum ache_status st = check_format(jp, top);
    if (st == ACHE_OK)
        st = check_version(jp, top);
    if (st != ACHE_OK)
        return st;
    if (top->key_problem) {
        if (jp->err)
            *jp->err = top->key_err;
        return ACHE_ERR_INVALID;
    }
    if (!top->has[TOP_CHECKINS])
        return exchange_json_fail(
            jp, top->object_at,
            "no \"checkins\" (the list of "
            "check-ins, which may be empty: \"checkins\": [])");
    if (top->kind[TOP_CHECKINS] != JK_ARRAY)
        return exchange_json_fail(
            jp, top->at[TOP_CHECKINS],
            "checkins: expected an array of check-ins, got %s",
            exchange_json_kind_name(top->kind[TOP_CHECKINS]));
    for (int m = TOP_FIELDS; m < TOP_CHECKINS; m++)
        if (top->has[m] && top->kind[m] != JK_ARRAY)
            return exchange_json_fail(jp, top->at[m],
                                      "%s: expected an array, got %s",
                                      top_names[m],
                                      exchange_json_kind_name(top->kind[m]));
    return ACHE_OK;
}

/* ---- the second pass: the check-ins -------------------------------------- */

/* What a member's value should be, for "expected ..., got ...". */
static const char *expected_for(int col, char *buf, size_t bufsz)
{
    int key = exchange_column_field(col);
    if (key != FIELD_NONE) {
        const struct field_info *fi = checkin_field_info(key);
        if (fi->kind == FIELD_YESNO)
            snprintf(buf, bufsz, "true or false");
        else if (fi->steps_per_unit > 1)
            snprintf(buf, bufsz, "a number from 0 to %d",
                     fi->max_steps / fi->steps_per_unit);
        else
            snprintf(buf, bufsz, "a whole number from 0 to %d", fi->max_steps);
        return buf;
    }
    switch (col) {
    case EC_ID:
        return "a string of 32 hex digits";
    case EC_DATE:
        return "a date string \"YYYY-MM-DD\"";
    case EC_TIME:
        return "a time string \"HH:MM\"";
    case EC_REGIONS:
        return "an array of body region codes";
    case EC_TAGS:
        return "an array of tag names";
    case EC_CREATED_AT:
    case EC_UPDATED_AT:
        return "a timestamp string \"YYYY-MM-DDTHH:MM:SS.mmmZ\"";
    default:
        return "a string";
    }
}

/* The kind of value a column takes (a yes/no field: JK_TRUE, standing for
 * true or false). */
static enum json_kind kind_wanted(int col)
{
    if (col == EC_REGIONS || col == EC_TAGS)
        return JK_ARRAY;
    int key = exchange_column_field(col);
    if (key == FIELD_NONE)
        return JK_STRING;
    return checkin_field_info(key)->kind == FIELD_YESNO ? JK_TRUE : JK_NUMBER;
}

/* The elements of a regions or tags array (the parser stands on '['). */
static enum ache_status read_name_list(struct json_parser *jp, int col,
                                       struct checkin *c)
{
    const char *what =
        col == EC_REGIONS ? "a body region code string" : "a tag name string";
    bool first = true, done = false;
    exchange_json_advance(jp);
    for (;;) {
        enum ache_status st = exchange_json_next(jp, ']', &first, &done);
        if (st != ACHE_OK || done)
            return st;
        exchange_json_skip_space(jp);
        struct json_pos at = jp->at;
        enum json_kind kind = exchange_json_kind_at(jp);
        if (kind != JK_STRING)
            return exchange_json_fail(jp, at, "%s: expected %s, got %s",
                                      exchange_column_name(col), what,
                                      exchange_json_kind_name(kind));
        if ((st = exchange_json_read_string(jp)) != ACHE_OK)
            return st;
        st = col == EC_REGIONS
                 ? exchange_add_region(c, jp->tok.data, jp->tok.len, jp->err)
                 : exchange_add_tag(c, jp->tok.data, jp->tok.len, jp->err);
        if (st != ACHE_OK) {
            ache_err_prefix(jp->err, "%s:%d:%d: ", jp->name, at.line, at.col);
            return st;
        }
    }
}

/* A member's value into column `col` of c. */
static enum ache_status read_member_value(struct json_parser *jp, int col,
                                          ache_day today, struct checkin *c)
{
    char buf[64];
    struct json_pos at = jp->at;
    enum json_kind kind = exchange_json_kind_at(jp);
    enum json_kind want = kind_wanted(col);
    if (kind != want && !(want == JK_TRUE && kind == JK_FALSE))
        return exchange_json_fail(
            jp, at, "%s: expected %s, got %s", exchange_column_name(col),
            expected_for(col, buf, sizeof buf), exchange_json_kind_name(kind));
    if (kind == JK_ARRAY)
        return read_name_list(jp, col, c);
    if (want == JK_TRUE) {
        enum ache_status st = exchange_json_skip_value(jp, 2);
        if (st == ACHE_OK)
            checkin_set(c, exchange_column_field(col), kind == JK_TRUE);
        return st;
    }
    enum ache_status st = kind == JK_NUMBER ? exchange_json_read_number(jp)
                                            : exchange_json_read_string(jp);
    if (st != ACHE_OK)
        return st;
    /* an empty note is no note, as in CSV */
    if (col == EC_NOTE && jp->tok.len == 0)
        return ACHE_OK;
    st = exchange_set_text(c, col, jp->tok.data, jp->tok.len, today, jp->err);
    if (st != ACHE_OK)
        ache_err_prefix(jp->err, "%s:%d:%d: ", jp->name, at.line, at.col);
    return st;
}

/* Where a check-in object notes the key of column col: the fixed columns
 * by their index, own fields after them by their place in the table. */
static struct json_pos *seen_slot(struct json_pos *seen, int col)
{
    if (col < EC_COUNT)
        return &seen[col];
    size_t i = CF_COUNT;
    while (i < fields_count() - 1 && fields_at(i)->key != col - EC_COUNT)
        i++;
    return &seen[EC_COUNT + (i - CF_COUNT)];
}

/* One check-in object (the parser stands on '{'). */
static enum ache_status read_checkin(struct json_parser *jp, ache_day today,
                                     struct checkin *c,
                                     struct exchange_place *place)
{
    struct json_pos seen[EXCHANGE_MAX_COLUMNS] = {{0}};
    bool first = true, done = false;
    char shown[96];
    exchange_json_advance(jp);
    for (;;) {
        struct json_pos key_at;
        enum ache_status st = exchange_json_next(jp, '}', &first, &done);
        if (st != ACHE_OK)
            return st;
        if (done)
            break;
        if ((st = exchange_json_read_key(jp, &key_at)) != ACHE_OK)
            return st;
        int col = exchange_column_find(jp->tok.data);
        exchange_describe(jp->tok.data, jp->tok.len, shown, sizeof shown);
        if (col < 0 || strlen(jp->tok.data) != jp->tok.len)
            return exchange_json_fail(jp, key_at,
                                      "unknown key \"%s\" (allowed: %s)",
                                      shown, exchange_column_list());
        struct json_pos *was = seen_slot(seen, col);
        if (was->p)
            return exchange_json_fail(jp, key_at,
                                      "duplicate key \"%s\" (first at %d:%d)",
                                      shown, was->line, was->col);
        *was = key_at;
        if (col == EC_ID)
            *place = (struct exchange_place){place->line, place->col,
                                             jp->at.line, jp->at.col};
        if ((st = read_member_value(jp, col, today, c)) != ACHE_OK)
            return st;
    }
    if (!seen[EC_DATE].p)
        return exchange_json_fail(
            jp, (struct json_pos){NULL, place->line, place->col},
            "date: missing (every check-in needs a date, "
            "YYYY-MM-DD)");
    return ACHE_OK;
}

static enum ache_status read_checkins(struct json_parser *jp,
                                      struct exchange_run *run)
{
    bool first = true, done = false;
    exchange_json_advance(jp); /* '[' */
    for (;;) {
        enum ache_status st = exchange_json_next(jp, ']', &first, &done);
        if (st != ACHE_OK || done)
            return st;
        exchange_json_skip_space(jp);
        enum json_kind kind = exchange_json_kind_at(jp);
        if (kind != JK_OBJECT)
            return exchange_json_fail(jp, jp->at,
                                      "a check-in must be an object "
                                      "{\"date\": ...}, got %s",
                                      exchange_json_kind_name(kind));
        struct exchange_place place = {jp->at.line, jp->at.col, 0, 0};
        struct checkin c;
        checkin_init(&c, 0);
        st = read_checkin(jp, run->today, &c, &place);
        if (st == ACHE_OK)
            st = exchange_deliver(run, &c, &place, jp->err);
        else
            checkin_free(&c);
        if (st != ACHE_OK)
            return st;
        exchange_done_before(run, jp->at.p);
    }
}

enum ache_status exchange_json_read(struct exchange_run *run,
                                    struct ache_err *err)
{
    struct json_parser jp = {.at = {run->data, 1, 1},
                             .end = run->data + run->len,
                             .name = run->name,
                             .err = err};
    struct jtop top = {0};
    /* A BOM is not JSON, but some editors write one; it takes no column. */
    if (run->len >= 3 && memcmp(run->data, "\xEF\xBB\xBF", 3) == 0)
        jp.at.p += 3;
    enum ache_status st = scan_top(&jp, &top, run);
    if (st == ACHE_OK)
        st = check_top(&jp, &top);
    /* the fields first, wherever they stand (the check-ins name them),
     * then the medicines (the doses name them) and the doses */
    enum ache_status (*const readers[])(struct json_parser *,
                                        struct exchange_run *) = {
        exchange_json_read_fields, exchange_json_read_meds,
        exchange_json_read_doses};
    for (int m = TOP_FIELDS; st == ACHE_OK && m < TOP_CHECKINS; m++)
        if (top.has[m]) {
            jp.at = top.at[m];
            st = readers[m - TOP_FIELDS](&jp, run);
        }
    if (st == ACHE_OK) {
        jp.at = top.at[TOP_CHECKINS];
        st = read_checkins(&jp, run);
    }
    for (int i = 0; i < TOP_COUNT; i++)
        free(top.text[i]);
    strbuf_free(&jp.tok);
    return st;
}
