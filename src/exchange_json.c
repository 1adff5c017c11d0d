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
 * Read by a small recursive-descent parser of our own rather than SQLite's
 * JSON functions, so that every message carries the line and column (in
 * characters, from 1) of the value it is about. Reading takes two passes
 * without building a tree: the first checks the syntax of the whole file
 * and notes where the top-level members are (so that "written by a newer
 * ache" wins over complaints about members a newer ache added); the second
 * walks the check-ins from where the first found them.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/exchange.h"
#include "ache/regions.h"
#include "ache/text.h"
#include "exchange_internal.h"

#define JSON_FORMAT_VERSION 1
/* Ample for the 4 levels of the format, small enough for any stack. */
#define JSON_DEPTH_MAX 64

/* ---- writing ----------------------------------------------------------- */

static bool needs_escape(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 ||
           cp == 0x2029;
}

/* Escapes what JSON requires, and control characters and the line
 * separators besides, so an export is safe to print on a terminal. Bytes
 * that are not UTF-8 (never stored, but a writer should not emit invalid
 * JSON whatever it is given) become U+FFFD. */
static void put_string(struct strbuf *out, const char *s)
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
    put_string(out, value);
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
            put_string(out, region_get(i)->code);
            sep = ", ";
        }
        strbuf_putc(out, ']');
    }
    if (c->ntags) {
        put_key(out, first, EC_TAGS);
        for (size_t i = 0; i < c->ntags; i++) {
            strbuf_append(out, i ? ", " : "[");
            put_string(out, c->tags[i]);
        }
        strbuf_putc(out, ']');
    }
}

void exchange_json_write_begin(struct strbuf *out)
{
    strbuf_printf(out, "{\"format\": \"ache\", \"version\": %d, \"checkins\": [",
                  JSON_FORMAT_VERSION);
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
    for (int f = 0; f < CF_COUNT; f++) {
        if (c->value[f] == CHECKIN_ABSENT)
            continue;
        put_key(out, &first, EC_PAIN + f);
        strbuf_append(out, checkin_format_value((enum checkin_field)f,
                                                c->value[f], buf, sizeof buf));
    }
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

/* ---- the tokenizer ------------------------------------------------------- */

enum jkind { JK_OBJECT, JK_ARRAY, JK_STRING, JK_NUMBER, JK_TRUE, JK_FALSE,
             JK_NULL, JK_NONE };

struct jpos {
    const char *p;
    int line, col;
};

struct jparser {
    struct jpos at;       /* the next byte and its place */
    const char *end;
    const char *name;
    struct ache_err *err;
    struct strbuf tok;    /* the last string (decoded) or number (as is) */
};

static enum ache_status jfail(struct jparser *jp, struct jpos where,
                              const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum ache_status jfail(struct jparser *jp, struct jpos where,
                              const char *fmt, ...)
{
    if (jp->err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(jp->err->msg, sizeof jp->err->msg, fmt, ap);
        va_end(ap);
    }
    ache_err_prefix(jp->err, "%s:%d:%d: ", jp->name, where.line, where.col);
    return ACHE_ERR_INVALID;
}

static int jpeek(const struct jparser *jp)
{
    return jp->at.p < jp->end ? (unsigned char)*jp->at.p : -1;
}

/* Columns count characters: continuation bytes do not move them. */
static void jadvance(struct jparser *jp)
{
    unsigned char b = (unsigned char)*jp->at.p++;
    if (b == '\n') {
        jp->at.line++;
        jp->at.col = 1;
    } else if ((b & 0xC0) != 0x80) {
        jp->at.col++;
    }
}

static void jskip_space(struct jparser *jp)
{
    for (int c; (c = jpeek(jp)) == ' ' || c == '\t' || c == '\n' || c == '\r';)
        jadvance(jp);
}

/* What stands at the current place, for "found ..." in messages. */
static const char *jfound(const struct jparser *jp, char *buf, size_t bufsz)
{
    int c = jpeek(jp);
    uint32_t cp;
    if (c < 0)
        return "the end of the file";
    if (c > 0x20 && c < 0x7f)
        snprintf(buf, bufsz, "'%c'", c);
    else if (utf8_decode(jp->at.p, (size_t)(jp->end - jp->at.p), &cp) == 1 &&
             cp == TEXT_REPLACEMENT)
        snprintf(buf, bufsz, "byte 0x%02X (not UTF-8)", (unsigned)c);
    else
        snprintf(buf, bufsz, "U+%04X", (unsigned)cp);
    return buf;
}

static enum jkind jkind_at(const struct jparser *jp)
{
    int c = jpeek(jp);
    if (c == '{')
        return JK_OBJECT;
    if (c == '[')
        return JK_ARRAY;
    if (c == '"')
        return JK_STRING;
    if (c == '-' || (c >= '0' && c <= '9'))
        return JK_NUMBER;
    if (c == 't')
        return JK_TRUE;
    if (c == 'f')
        return JK_FALSE;
    if (c == 'n')
        return JK_NULL;
    return JK_NONE;
}

static const char *jkind_name(enum jkind k)
{
    static const char *const names[] = {"an object", "an array", "a string",
                                        "a number", "true", "false", "null",
                                        "nothing"};
    return names[k];
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads the 4 hex digits after "\u" (the parser stands on the 'u'). */
static enum ache_status read_hex4(struct jparser *jp, struct jpos esc,
                                  uint32_t *out)
{
    jadvance(jp);
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(jpeek(jp));
        if (h < 0)
            return jfail(jp, esc, "\\u must be followed by 4 hex digits");
        v = v << 4 | (uint32_t)h;
        jadvance(jp);
    }
    *out = v;
    return ACHE_OK;
}

/* A \uXXXX escape, joining a surrogate pair into one character. */
static enum ache_status read_unicode_escape(struct jparser *jp,
                                            struct jpos esc, uint32_t *cp)
{
    enum ache_status st = read_hex4(jp, esc, cp);
    if (st != ACHE_OK)
        return st;
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return jfail(jp, esc, "\\u%04X is a lone low surrogate (it must "
                     "follow a high surrogate \\uD800-\\uDBFF)", (unsigned)*cp);
    if (*cp == 0)
        return jfail(jp, esc, "\\u0000 (NUL) is not allowed in a string");
    if (*cp < 0xD800 || *cp > 0xDBFF)
        return ACHE_OK;
    struct jpos low_at = jp->at;
    uint32_t low = 0;
    if (jpeek(jp) == '\\' && jp->at.p + 1 < jp->end && jp->at.p[1] == 'u') {
        jadvance(jp);
        if ((st = read_hex4(jp, low_at, &low)) != ACHE_OK)
            return st;
    }
    if (low < 0xDC00 || low > 0xDFFF)
        return jfail(jp, esc, "\\u%04X is a lone high surrogate (a low "
                     "surrogate \\uDC00-\\uDFFF must follow it)", (unsigned)*cp);
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (low - 0xDC00);
    return ACHE_OK;
}

static enum ache_status read_escape(struct jparser *jp)
{
    static const char plain_in[] = "\"\\/bfnrt";
    static const char plain_out[] = "\"\\/\b\f\n\r\t";
    struct jpos esc = jp->at;
    char buf[48];
    jadvance(jp); /* the backslash */
    int c = jpeek(jp);
    const char *hit = c > 0 ? strchr(plain_in, c) : NULL;
    if (hit) {
        strbuf_putc(&jp->tok, plain_out[hit - plain_in]);
        jadvance(jp);
        return ACHE_OK;
    }
    if (c != 'u')
        return jfail(jp, esc, "invalid escape: a backslash followed by %s "
                     "(use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)",
                     jfound(jp, buf, sizeof buf));
    uint32_t cp;
    enum ache_status st = read_unicode_escape(jp, esc, &cp);
    if (st == ACHE_OK) {
        char enc[4];
        strbuf_appendn(&jp->tok, enc, utf8_encode(cp, enc));
    }
    return st;
}

/* One character of a string that is not a quote or a backslash. */
static enum ache_status read_string_char(struct jparser *jp)
{
    int c = jpeek(jp);
    if (c < 0x20)
        return jfail(jp, jp->at, "control character U+%04X inside a string "
                     "(write it as an escape such as \\n or \\u%04x)",
                     (unsigned)c, (unsigned)c);
    if (c < 0x80) {
        strbuf_putc(&jp->tok, (char)c);
        jadvance(jp);
        return ACHE_OK;
    }
    uint32_t cp;
    size_t n = utf8_decode(jp->at.p, (size_t)(jp->end - jp->at.p), &cp);
    if (n == 1 && cp == TEXT_REPLACEMENT)
        return jfail(jp, jp->at, "invalid UTF-8 (byte 0x%02X) inside a "
                     "string", (unsigned)c);
    strbuf_appendn(&jp->tok, jp->at.p, n);
    for (size_t i = 0; i < n; i++)
        jadvance(jp);
    return ACHE_OK;
}

/* A string into jp->tok (decoded). The parser stands on the quote. */
static enum ache_status read_string(struct jparser *jp)
{
    struct jpos start = jp->at;
    strbuf_reset(&jp->tok);
    strbuf_grow(&jp->tok, 0);
    jadvance(jp);
    for (;;) {
        int c = jpeek(jp);
        enum ache_status st = ACHE_OK;
        if (c < 0)
            return jfail(jp, start, "unterminated string (the '\"' that "
                         "opens it is never closed)");
        if (c == '"') {
            jadvance(jp);
            return ACHE_OK;
        }
        st = c == '\\' ? read_escape(jp) : read_string_char(jp);
        if (st != ACHE_OK)
            return st;
    }
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Length of a JSON number at p (0 when there is none):
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static size_t number_length(const char *p, const char *end)
{
    const char *q = p;
#define AT(c) (q < end && *q == (c))
#define DIGIT() (q < end && is_digit((unsigned char)*q))
    if (AT('-'))
        q++;
    if (AT('0'))
        q++;
    else if (DIGIT())
        while (DIGIT())
            q++;
    else
        return 0;
    if (AT('.')) {
        if (++q, !DIGIT())
            return 0;
        while (DIGIT())
            q++;
    }
    if (AT('e') || AT('E')) {
        q++;
        if (AT('+') || AT('-'))
            q++;
        if (!DIGIT())
            return 0;
        while (DIGIT())
            q++;
    }
#undef AT
#undef DIGIT
    return (size_t)(q - p);
}

/* A number into jp->tok, exactly as written. */
static enum ache_status read_number(struct jparser *jp)
{
    size_t n = number_length(jp->at.p, jp->end);
    /* what follows a good number must not glue onto it: "01", "1.", "1x" */
    const char *after = jp->at.p + n;
    if (n == 0 || (after < jp->end && (is_digit((unsigned char)*after) ||
                                       (*after && strchr(".eE+-", *after))))) {
        size_t shown_len = 0;
        while (jp->at.p + shown_len < jp->end && jp->at.p[shown_len] &&
               strchr("+-.0123456789eE", jp->at.p[shown_len]))
            shown_len++;
        char shown[96];
        exchange_describe(jp->at.p, shown_len ? shown_len : 1, shown,
                          sizeof shown);
        return jfail(jp, jp->at, "invalid number '%s' (numbers are written "
                     "like 7, 7.5 or -1e3)", shown);
    }
    strbuf_reset(&jp->tok);
    strbuf_appendn(&jp->tok, jp->at.p, n);
    for (size_t i = 0; i < n; i++)
        jadvance(jp);
    return ACHE_OK;
}

static bool is_word_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
           c == '_';
}

/* true, false or null. */
static enum ache_status read_word(struct jparser *jp)
{
    size_t n = 0;
    while (jp->at.p + n < jp->end && is_word_char((unsigned char)jp->at.p[n]))
        n++;
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        if (n == strlen(words[i]) && memcmp(jp->at.p, words[i], n) == 0) {
            for (size_t k = 0; k < n; k++)
                jadvance(jp);
            return ACHE_OK;
        }
    }
    char shown[96];
    exchange_describe(jp->at.p, n, shown, sizeof shown);
    return jfail(jp, jp->at, "unknown word '%s' (strings need double quotes; "
                 "the JSON words are true, false and null)", shown);
}

/* Before each element of an object or array (the parser stands after '{'
 * or '[' or after an element): consumes the ',' between elements or the
 * closing bracket; *done says the container ended. */
static enum ache_status jnext(struct jparser *jp, char close, bool *first,
                              bool *done)
{
    char buf[48];
    const char *what = close == '}' ? "member" : "element";
    const char *article = close == '}' ? "a" : "an";
    jskip_space(jp);
    *done = jpeek(jp) == close;
    if (*done || *first) {
        if (*done)
            jadvance(jp);
        *first = false;
        return ACHE_OK;
    }
    if (jpeek(jp) != ',')
        return jfail(jp, jp->at, "expected ',' or '%c' after %s %s, found %s",
                     close, article, what, jfound(jp, buf, sizeof buf));
    jadvance(jp);
    jskip_space(jp);
    if (jpeek(jp) == close)
        return jfail(jp, jp->at, "a ',' before '%c' (JSON allows no comma "
                     "after the last %s)", close, what);
    return ACHE_OK;
}

/* An object member's key (into jp->tok) and its ':'; *key_at is where the
 * key starts. Leaves the parser on the value. */
static enum ache_status read_key(struct jparser *jp, struct jpos *key_at)
{
    char buf[48];
    jskip_space(jp);
    *key_at = jp->at;
    if (jpeek(jp) != '"')
        return jfail(jp, jp->at, "expected a key in double quotes, found %s",
                     jfound(jp, buf, sizeof buf));
    enum ache_status st = read_string(jp);
    if (st != ACHE_OK)
        return st;
    jskip_space(jp);
    if (jpeek(jp) != ':')
        return jfail(jp, jp->at, "expected ':' after the key, found %s",
                     jfound(jp, buf, sizeof buf));
    jadvance(jp);
    jskip_space(jp);
    return ACHE_OK;
}

static enum ache_status skip_value(struct jparser *jp, int depth);

/* Skips an object or array (the parser stands on its bracket). */
static enum ache_status skip_container(struct jparser *jp, int depth)
{
    char close = jpeek(jp) == '{' ? '}' : ']';
    if (depth >= JSON_DEPTH_MAX)
        return jfail(jp, jp->at, "nesting deeper than %d levels",
                     JSON_DEPTH_MAX);
    jadvance(jp);
    bool first = true, done = false;
    for (;;) {
        enum ache_status st = jnext(jp, close, &first, &done);
        if (st != ACHE_OK || done)
            return st;
        struct jpos key_at;
        if (close == '}' && (st = read_key(jp, &key_at)) != ACHE_OK)
            return st;
        if ((st = skip_value(jp, depth + 1)) != ACHE_OK)
            return st;
    }
}

/* Checks the syntax of any value; `depth` containers enclose it. */
static enum ache_status skip_value(struct jparser *jp, int depth)
{
    char buf[48];
    jskip_space(jp);
    switch (jkind_at(jp)) {
    case JK_OBJECT:
    case JK_ARRAY:
        return skip_container(jp, depth);
    case JK_STRING:
        return read_string(jp);
    case JK_NUMBER:
        return read_number(jp);
    case JK_TRUE:
    case JK_FALSE:
    case JK_NULL:
        return read_word(jp);
    default:
        if (is_word_char(jpeek(jp)))
            return read_word(jp);
        return jfail(jp, jp->at, "expected a value, found %s",
                     jfound(jp, buf, sizeof buf));
    }
}

/* ---- the first pass: the top level --------------------------------------- */

enum top_member { TOP_FORMAT, TOP_VERSION, TOP_CHECKINS, TOP_COUNT };

struct jtop {
    struct jpos object_at;
    bool has[TOP_COUNT];
    struct jpos key_at[TOP_COUNT]; /* where each key starts */
    struct jpos at[TOP_COUNT];    /* where each value starts */
    enum jkind kind[TOP_COUNT];
    char *text[TOP_COUNT];        /* format and version as written */
    bool key_problem;             /* an unknown or repeated key ... */
    struct ache_err key_err;      /* ... and its message */
};

static const char *const top_names[TOP_COUNT] = {"format", "version",
                                                 "checkins"};

static void note_key_problem(struct jparser *jp, struct jtop *top,
                             struct jpos key_at, int member)
{
    char shown[96];
    if (top->key_problem)
        return;
    top->key_problem = true;
    exchange_describe(jp->tok.data, jp->tok.len, shown, sizeof shown);
    struct jparser quiet = *jp;
    quiet.err = &top->key_err;
    if (member < 0)
        jfail(&quiet, key_at, "unknown key \"%s\" (allowed here: format, "
              "version, checkins)", shown);
    else
        jfail(&quiet, key_at, "duplicate key \"%s\" (first at %d:%d)", shown,
              top->key_at[member].line, top->key_at[member].col);
}

static int top_find(const char *key, size_t len)
{
    for (int i = 0; i < TOP_COUNT; i++)
        if (strlen(top_names[i]) == len && strcmp(key, top_names[i]) == 0)
            return i;
    return -1;
}

/* One top-level member: notes where it is; keeps format and version. */
static enum ache_status scan_top_member(struct jparser *jp, struct jtop *top)
{
    struct jpos key_at;
    enum ache_status st = read_key(jp, &key_at);
    if (st != ACHE_OK)
        return st;
    int m = top_find(jp->tok.data, jp->tok.len);
    if (m < 0 || top->has[m]) {
        note_key_problem(jp, top, key_at, m < 0 ? -1 : m);
        return skip_value(jp, 1);
    }
    top->has[m] = true;
    top->key_at[m] = key_at;
    top->at[m] = jp->at;
    top->kind[m] = jkind_at(jp);
    st = skip_value(jp, 1);
    if (st == ACHE_OK && m != TOP_CHECKINS &&
        (top->kind[m] == JK_STRING || top->kind[m] == JK_NUMBER))
        top->text[m] = xstrndup(jp->tok.data, jp->tok.len);
    return st;
}

static enum ache_status scan_top(struct jparser *jp, struct jtop *top)
{
    char buf[48];
    jskip_space(jp);
    top->object_at = jp->at;
    if (jpeek(jp) < 0)
        return jfail(jp, jp->at, "empty file (expected an ache export: "
                     "{\"format\": \"ache\", \"version\": 1, ...})");
    if (jpeek(jp) != '{')
        return jfail(jp, jp->at, "expected an object {\"format\": \"ache\", "
                     "...}, found %s",
                     jkind_at(jp) != JK_NONE ? jkind_name(jkind_at(jp))
                                             : jfound(jp, buf, sizeof buf));
    jadvance(jp);
    bool first = true, done = false;
    for (;;) {
        enum ache_status st = jnext(jp, '}', &first, &done);
        if (st == ACHE_OK && !done)
            st = scan_top_member(jp, top);
        if (st != ACHE_OK)
            return st;
        if (done)
            break;
    }
    jskip_space(jp);
    if (jpeek(jp) >= 0)
        return jfail(jp, jp->at, "text after the end of the JSON document, "
                     "found %s", jfound(jp, buf, sizeof buf));
    return ACHE_OK;
}

static enum ache_status check_format(struct jparser *jp, struct jtop *top)
{
    char shown[96];
    if (!top->has[TOP_FORMAT])
        return jfail(jp, top->object_at, "not an ache export (there is no "
                     "\"format\": \"ache\")");
    if (top->kind[TOP_FORMAT] != JK_STRING)
        return jfail(jp, top->at[TOP_FORMAT], "format: expected the string "
                     "\"ache\", got %s", jkind_name(top->kind[TOP_FORMAT]));
    const char *text = top->text[TOP_FORMAT];
    if (strcmp(text, "ache") != 0)
        return jfail(jp, top->at[TOP_FORMAT], "format: '%s' is not 'ache' "
                     "(this file is not an ache export)",
                     exchange_describe(text, strlen(text), shown,
                                       sizeof shown));
    return ACHE_OK;
}

static enum ache_status check_version(struct jparser *jp, struct jtop *top)
{
    struct jpos at = top->at[TOP_VERSION];
    if (!top->has[TOP_VERSION])
        return jfail(jp, top->object_at, "no \"version\" (an ache export "
                     "has \"version\": %d)", JSON_FORMAT_VERSION);
    if (top->kind[TOP_VERSION] != JK_NUMBER)
        return jfail(jp, at, "version: expected a whole number, got %s",
                     jkind_name(top->kind[TOP_VERSION]));
    const char *text = top->text[TOP_VERSION];
    long v = 0;
    bool digits_only = text[strspn(text, "0123456789")] == '\0';
    if (digits_only && (!parse_int(text, 0, INT_MAX, &v) ||
                        v > JSON_FORMAT_VERSION))
        return jfail(jp, at, "version: %s means this file was written by a "
                     "newer ache (this one reads version %d)",
                     text, JSON_FORMAT_VERSION);
    if (!digits_only || v < JSON_FORMAT_VERSION)
        return jfail(jp, at, "version: %s is not a version of the ache "
                     "format (this one reads version %d)",
                     text, JSON_FORMAT_VERSION);
    return ACHE_OK;
}

static enum ache_status check_top(struct jparser *jp, struct jtop *top)
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
        return jfail(jp, top->object_at, "no \"checkins\" (the list of "
                     "check-ins, which may be empty: \"checkins\": [])");
    if (top->kind[TOP_CHECKINS] != JK_ARRAY)
        return jfail(jp, top->at[TOP_CHECKINS], "checkins: expected an array "
                     "of check-ins, got %s",
                     jkind_name(top->kind[TOP_CHECKINS]));
    return ACHE_OK;
}

/* ---- the second pass: the check-ins -------------------------------------- */

/* What a member's value should be, for "expected ..., got ...". */
static const char *expected_for(int col, char *buf, size_t bufsz)
{
    enum checkin_field f = exchange_column_field(col);
    if (f != CF_COUNT) {
        const struct field_info *fi = checkin_field_info(f);
        if (fi->steps_per_unit > 1)
            snprintf(buf, bufsz, "a number from 0 to %d",
                     fi->max_steps / fi->steps_per_unit);
        else
            snprintf(buf, bufsz, "a whole number from 0 to %d",
                     fi->max_steps);
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

static enum jkind kind_wanted(int col)
{
    if (col == EC_REGIONS || col == EC_TAGS)
        return JK_ARRAY;
    return exchange_column_field(col) != CF_COUNT ? JK_NUMBER : JK_STRING;
}

/* The elements of a regions or tags array (the parser stands on '['). */
static enum ache_status read_name_list(struct jparser *jp, int col,
                                       struct checkin *c)
{
    const char *what = col == EC_REGIONS ? "a body region code string"
                                         : "a tag name string";
    bool first = true, done = false;
    jadvance(jp);
    for (;;) {
        enum ache_status st = jnext(jp, ']', &first, &done);
        if (st != ACHE_OK || done)
            return st;
        jskip_space(jp);
        struct jpos at = jp->at;
        enum jkind kind = jkind_at(jp);
        if (kind != JK_STRING)
            return jfail(jp, at, "%s: expected %s, got %s",
                         exchange_column_name(col), what, jkind_name(kind));
        if ((st = read_string(jp)) != ACHE_OK)
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
static enum ache_status read_member_value(struct jparser *jp, int col,
                                          ache_day today, struct checkin *c)
{
    char buf[64];
    struct jpos at = jp->at;
    enum jkind kind = jkind_at(jp);
    if (kind != kind_wanted(col))
        return jfail(jp, at, "%s: expected %s, got %s",
                     exchange_column_name(col),
                     expected_for(col, buf, sizeof buf), jkind_name(kind));
    if (kind == JK_ARRAY)
        return read_name_list(jp, col, c);
    enum ache_status st = kind == JK_NUMBER ? read_number(jp)
                                            : read_string(jp);
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

/* One check-in object (the parser stands on '{'). */
static enum ache_status read_checkin(struct jparser *jp, ache_day today,
                                     struct checkin *c,
                                     struct exchange_place *place)
{
    struct jpos seen[EC_COUNT] = {{0}};
    bool first = true, done = false;
    char shown[96];
    jadvance(jp);
    for (;;) {
        struct jpos key_at;
        enum ache_status st = jnext(jp, '}', &first, &done);
        if (st != ACHE_OK)
            return st;
        if (done)
            break;
        if ((st = read_key(jp, &key_at)) != ACHE_OK)
            return st;
        int col = exchange_column_find(jp->tok.data);
        exchange_describe(jp->tok.data, jp->tok.len, shown, sizeof shown);
        if (col < 0 || strlen(jp->tok.data) != jp->tok.len)
            return jfail(jp, key_at, "unknown key \"%s\" (allowed: %s)", shown,
                         exchange_column_list());
        if (seen[col].p)
            return jfail(jp, key_at, "duplicate key \"%s\" (first at %d:%d)",
                         shown, seen[col].line, seen[col].col);
        seen[col] = key_at;
        if (col == EC_ID)
            *place = (struct exchange_place){place->line, place->col,
                                             jp->at.line, jp->at.col};
        if ((st = read_member_value(jp, col, today, c)) != ACHE_OK)
            return st;
    }
    if (!seen[EC_DATE].p)
        return jfail(jp, (struct jpos){NULL, place->line, place->col},
                     "date: missing (every check-in needs a date, "
                     "YYYY-MM-DD)");
    return ACHE_OK;
}

static enum ache_status read_checkins(struct jparser *jp, ache_day today,
                                      struct checkin_list *out,
                                      struct exchange_place **places)
{
    size_t first_index = out->n, cap = 0;
    bool first = true, done = false;
    jadvance(jp); /* '[' */
    for (;;) {
        enum ache_status st = jnext(jp, ']', &first, &done);
        if (st != ACHE_OK || done)
            return st;
        jskip_space(jp);
        enum jkind kind = jkind_at(jp);
        if (kind != JK_OBJECT)
            return jfail(jp, jp->at, "a check-in must be an object "
                         "{\"date\": ...}, got %s", jkind_name(kind));
        size_t k = out->n - first_index;
        if (k == cap) {
            cap = cap ? cap * 2 : 64;
            *places = xreallocarray(*places, cap, sizeof **places);
        }
        (*places)[k] = (struct exchange_place){jp->at.line, jp->at.col, 0, 0};
        st = read_checkin(jp, today, checkin_list_push(out), &(*places)[k]);
        if (st != ACHE_OK)
            return st;
    }
}

enum ache_status exchange_json_parse(const char *name, const char *data,
                                     size_t len, ache_day today,
                                     struct checkin_list *out,
                                     struct ache_err *err)
{
    struct jparser jp = {.at = {data, 1, 1}, .end = data + len,
                         .name = name, .err = err};
    struct jtop top = {0};
    struct exchange_place *places = NULL;
    size_t first = out->n;
    /* A BOM is not JSON, but some editors write one; it takes no column. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        jp.at.p += 3;
    enum ache_status st = scan_top(&jp, &top);
    if (st == ACHE_OK)
        st = check_top(&jp, &top);
    if (st == ACHE_OK) {
        jp.at = top.at[TOP_CHECKINS];
        st = read_checkins(&jp, today, out, &places);
    }
    if (st == ACHE_OK)
        st = exchange_check_records(name, out, first, places, err);
    for (int i = 0; i < TOP_COUNT; i++)
        free(top.text[i]);
    free(places);
    strbuf_free(&jp.tok);
    return st;
}
