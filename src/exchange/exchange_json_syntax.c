/* exchange_json_syntax: the JSON tokenizer (see exchange_json_syntax.h).
 *
 * Strict RFC 8259: no comments, no trailing commas, no single quotes, no
 * NaN; strings must be UTF-8 without raw control characters, and \u0000
 * is refused as well (it would cut a C string short). */
#include "exchange_json_impl.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ache/text.h"
#include "ache/util.h"
#include "exchange_impl.h"

enum ache_status exchange_json_fail(struct json_parser *jp,
                                    struct json_pos where, const char *fmt,
                                    ...)
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

int exchange_json_peek(const struct json_parser *jp)
{
    return jp->at.p < jp->end ? (unsigned char)*jp->at.p : -1;
}

/* Columns count characters: continuation bytes do not move them. */
void exchange_json_advance(struct json_parser *jp)
{
    unsigned char b = (unsigned char)*jp->at.p++;
    if (b == '\n') {
        jp->at.line++;
        jp->at.col = 1;
    } else if ((b & 0xC0) != 0x80) {
        jp->at.col++;
    }
}

void exchange_json_skip_space(struct json_parser *jp)
{
    for (int c; (c = exchange_json_peek(jp)) == ' ' || c == '\t' ||
                c == '\n' || c == '\r';)
        exchange_json_advance(jp);
}

const char *exchange_json_found(const struct json_parser *jp, char *buf,
                                size_t bufsz)
{
    int c = exchange_json_peek(jp);
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

enum json_kind exchange_json_kind_at(const struct json_parser *jp)
{
    int c = exchange_json_peek(jp);
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

const char *exchange_json_kind_name(enum json_kind k)
{
    static const char *const names[] = {"an object", "an array", "a string",
                                        "a number",  "true",     "false",
                                        "null",      "nothing"};
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
static enum ache_status read_hex4(struct json_parser *jp, struct json_pos esc,
                                  uint32_t *out)
{
    exchange_json_advance(jp);
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(exchange_json_peek(jp));
        if (h < 0)
            return exchange_json_fail(jp, esc,
                                      "\\u must be followed by 4 hex digits");
        v = v << 4 | (uint32_t)h;
        exchange_json_advance(jp);
    }
    *out = v;
    return ACHE_OK;
}

/* A \uXXXX escape, joining a surrogate pair into one character. */
static enum ache_status read_unicode_escape(struct json_parser *jp,
                                            struct json_pos esc, uint32_t *cp)
{
    enum ache_status st = read_hex4(jp, esc, cp);
    if (st != ACHE_OK)
        return st;
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return exchange_json_fail(jp, esc,
                                  "\\u%04X is a lone low surrogate (it must "
                                  "follow a high surrogate \\uD800-\\uDBFF)",
                                  (unsigned)*cp);
    if (*cp == 0)
        return exchange_json_fail(jp, esc,
                                  "\\u0000 (NUL) is not allowed in a string");
    if (*cp < 0xD800 || *cp > 0xDBFF)
        return ACHE_OK;
    struct json_pos low_at = jp->at;
    uint32_t low = 0;
    if (exchange_json_peek(jp) == '\\' && jp->at.p + 1 < jp->end &&
        jp->at.p[1] == 'u') {
        exchange_json_advance(jp);
        if ((st = read_hex4(jp, low_at, &low)) != ACHE_OK)
            return st;
    }
    if (low < 0xDC00 || low > 0xDFFF)
        return exchange_json_fail(jp, esc,
                                  "\\u%04X is a lone high surrogate (a low "
                                  "surrogate \\uDC00-\\uDFFF must follow it)",
                                  (unsigned)*cp);
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (low - 0xDC00);
    return ACHE_OK;
}

static enum ache_status read_escape(struct json_parser *jp)
{
    static const char plain_in[] = "\"\\/bfnrt";
    static const char plain_out[] = "\"\\/\b\f\n\r\t";
    struct json_pos esc = jp->at;
    char buf[48];
    exchange_json_advance(jp); /* the backslash */
    int c = exchange_json_peek(jp);
    const char *hit = c > 0 ? strchr(plain_in, c) : NULL;
    if (hit) {
        strbuf_putc(&jp->tok, plain_out[hit - plain_in]);
        exchange_json_advance(jp);
        return ACHE_OK;
    }
    if (c != 'u')
        return exchange_json_fail(
            jp, esc,
            "invalid escape: a backslash followed by %s "
            "(use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)",
            exchange_json_found(jp, buf, sizeof buf));
    uint32_t cp;
    enum ache_status st = read_unicode_escape(jp, esc, &cp);
    if (st == ACHE_OK) {
        char enc[4];
        strbuf_appendn(&jp->tok, enc, utf8_encode(cp, enc));
    }
    return st;
}

/* One character of a string that is not a quote or a backslash. */
static enum ache_status read_string_char(struct json_parser *jp)
{
    int c = exchange_json_peek(jp);
    if (c < 0x20)
        return exchange_json_fail(
            jp, jp->at,
            "control character U+%04X inside a string "
            "(write it as an escape such as \\n or \\u%04x)",
            (unsigned)c, (unsigned)c);
    if (c < 0x80) {
        strbuf_putc(&jp->tok, (char)c);
        exchange_json_advance(jp);
        return ACHE_OK;
    }
    uint32_t cp;
    size_t n = utf8_decode(jp->at.p, (size_t)(jp->end - jp->at.p), &cp);
    if (n == 1 && cp == TEXT_REPLACEMENT)
        return exchange_json_fail(
            jp, jp->at, "invalid UTF-8 (byte 0x%02X) inside a string",
            (unsigned)c);
    strbuf_appendn(&jp->tok, jp->at.p, n);
    for (size_t i = 0; i < n; i++)
        exchange_json_advance(jp);
    return ACHE_OK;
}

enum ache_status exchange_json_read_string(struct json_parser *jp)
{
    struct json_pos start = jp->at;
    strbuf_reset(&jp->tok);
    strbuf_grow(&jp->tok, 0);
    exchange_json_advance(jp);
    for (;;) {
        int c = exchange_json_peek(jp);
        enum ache_status st = ACHE_OK;
        if (c < 0)
            return exchange_json_fail(jp, start,
                                      "unterminated string (the '\"' that "
                                      "opens it is never closed)");
        if (c == '"') {
            exchange_json_advance(jp);
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

enum ache_status exchange_json_read_number(struct json_parser *jp)
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
        return exchange_json_fail(jp, jp->at,
                                  "invalid number '%s' (numbers are written "
                                  "like 7, 7.5 or -1e3)",
                                  shown);
    }
    strbuf_reset(&jp->tok);
    strbuf_appendn(&jp->tok, jp->at.p, n);
    for (size_t i = 0; i < n; i++)
        exchange_json_advance(jp);
    return ACHE_OK;
}

static bool is_word_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
           c == '_';
}

/* true, false or null. */
static enum ache_status read_word(struct json_parser *jp)
{
    size_t n = 0;
    while (jp->at.p + n < jp->end && is_word_char((unsigned char)jp->at.p[n]))
        n++;
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        if (n == strlen(words[i]) && memcmp(jp->at.p, words[i], n) == 0) {
            for (size_t k = 0; k < n; k++)
                exchange_json_advance(jp);
            return ACHE_OK;
        }
    }
    char shown[96];
    exchange_describe(jp->at.p, n, shown, sizeof shown);
    return exchange_json_fail(jp, jp->at,
                              "unknown word '%s' (strings need double quotes; "
                              "the JSON words are true, false and null)",
                              shown);
}

enum ache_status exchange_json_next(struct json_parser *jp, char close,
                                    bool *first, bool *done)
{
    char buf[48];
    const char *what = close == '}' ? "member" : "element";
    const char *article = close == '}' ? "a" : "an";
    exchange_json_skip_space(jp);
    *done = exchange_json_peek(jp) == close;
    if (*done || *first) {
        if (*done)
            exchange_json_advance(jp);
        *first = false;
        return ACHE_OK;
    }
    if (exchange_json_peek(jp) != ',')
        return exchange_json_fail(
            jp, jp->at, "expected ',' or '%c' after %s %s, found %s", close,
            article, what, exchange_json_found(jp, buf, sizeof buf));
    exchange_json_advance(jp);
    exchange_json_skip_space(jp);
    if (exchange_json_peek(jp) == close)
        return exchange_json_fail(jp, jp->at,
                                  "a ',' before '%c' (JSON allows no comma "
                                  "after the last %s)",
                                  close, what);
    return ACHE_OK;
}

enum ache_status exchange_json_read_key(struct json_parser *jp,
                                        struct json_pos *key_at)
{
    char buf[48];
    exchange_json_skip_space(jp);
    *key_at = jp->at;
    if (exchange_json_peek(jp) != '"')
        return exchange_json_fail(jp, jp->at,
                                  "expected a key in double quotes, found %s",
                                  exchange_json_found(jp, buf, sizeof buf));
    enum ache_status st = exchange_json_read_string(jp);
    if (st != ACHE_OK)
        return st;
    exchange_json_skip_space(jp);
    if (exchange_json_peek(jp) != ':')
        return exchange_json_fail(jp, jp->at,
                                  "expected ':' after the key, found %s",
                                  exchange_json_found(jp, buf, sizeof buf));
    exchange_json_advance(jp);
    exchange_json_skip_space(jp);
    return ACHE_OK;
}

/* Skips an object or array (the parser stands on its bracket). */
static enum ache_status skip_container(struct json_parser *jp, int depth)
{
    char close = exchange_json_peek(jp) == '{' ? '}' : ']';
    if (depth >= JSON_DEPTH_MAX)
        return exchange_json_fail(jp, jp->at, "nesting deeper than %d levels",
                                  JSON_DEPTH_MAX);
    exchange_json_advance(jp);
    bool first = true, done = false;
    for (;;) {
        enum ache_status st = exchange_json_next(jp, close, &first, &done);
        if (st != ACHE_OK || done)
            return st;
        struct json_pos key_at;
        if (close == '}' &&
            (st = exchange_json_read_key(jp, &key_at)) != ACHE_OK)
            return st;
        if ((st = exchange_json_skip_value(jp, depth + 1)) != ACHE_OK)
            return st;
    }
}

enum ache_status exchange_json_skip_value(struct json_parser *jp, int depth)
{
    char buf[48];
    exchange_json_skip_space(jp);
    switch (exchange_json_kind_at(jp)) {
    case JK_OBJECT:
    case JK_ARRAY:
        return skip_container(jp, depth);
    case JK_STRING:
        return exchange_json_read_string(jp);
    case JK_NUMBER:
        return exchange_json_read_number(jp);
    case JK_TRUE:
    case JK_FALSE:
    case JK_NULL:
        return read_word(jp);
    default:
        if (is_word_char(exchange_json_peek(jp)))
            return read_word(jp);
        return exchange_json_fail(jp, jp->at, "expected a value, found %s",
                                  exchange_json_found(jp, buf, sizeof buf));
    }
}
