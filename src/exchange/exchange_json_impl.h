/* exchange_json_syntax: the JSON tokenizer under exchange_json.c.
 *
 * A cursor over the bytes that knows its line and column (columns count
 * characters, from 1), and readers for the pieces of JSON, each of which
 * either consumes a well-formed piece or fails with "NAME:LINE:COL: what
 * was wrong". Nothing here knows what an ache export looks like.
 */
#ifndef ACHE_EXCHANGE_JSON_IMPL_H
#define ACHE_EXCHANGE_JSON_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/util.h"

/* Ample for the 4 levels of the format, small enough for any stack. */
#define JSON_DEPTH_MAX 64

enum json_kind {
    JK_OBJECT,
    JK_ARRAY,
    JK_STRING,
    JK_NUMBER,
    JK_TRUE,
    JK_FALSE,
    JK_NULL,
    JK_NONE
};

struct json_pos {
    const char *p;
    int line, col;
};

struct json_parser {
    struct json_pos at; /* the next byte and its place */
    const char *end;
    const char *name; /* the file name messages start with */
    struct ache_err *err;
    struct strbuf tok; /* the last string (decoded) or number (as is) */
};

/* Fails with "NAME:LINE:COL: " and the message; returns ACHE_ERR_INVALID. */
enum ache_status exchange_json_fail(struct json_parser *jp,
                                    struct json_pos where, const char *fmt,
                                    ...) __attribute__((format(printf, 3, 4)));

/* The byte at the cursor, or -1 at the end. */
int exchange_json_peek(const struct json_parser *jp);
void exchange_json_advance(struct json_parser *jp);
void exchange_json_skip_space(struct json_parser *jp);
/* What stands at the cursor, for "found ..." in messages. */
const char *exchange_json_found(const struct json_parser *jp, char *buf,
                                size_t bufsz);
/* The kind of value that starts at the cursor (by its first byte). */
enum json_kind exchange_json_kind_at(const struct json_parser *jp);
/* "an object", "a string", "null", ... */
const char *exchange_json_kind_name(enum json_kind k);

/* A string (the cursor on its quote) into jp->tok, decoded. */
enum ache_status exchange_json_read_string(struct json_parser *jp);
/* A number into jp->tok, exactly as written. */
enum ache_status exchange_json_read_number(struct json_parser *jp);
/* Before each element of an object or array (the cursor after the opening
 * bracket or after an element): consumes the ',' between elements or the
 * closing bracket; *done says the container ended. */
enum ache_status exchange_json_next(struct json_parser *jp, char close,
                                    bool *first, bool *done);
/* An object member's key (into jp->tok) and its ':'; *key_at is where the
 * key starts. Leaves the cursor on the value. */
enum ache_status exchange_json_read_key(struct json_parser *jp,
                                        struct json_pos *key_at);
/* Checks the syntax of any value and moves past it; `depth` containers
 * enclose it (a value deeper than JSON_DEPTH_MAX is refused). */
enum ache_status exchange_json_skip_value(struct json_parser *jp, int depth);

#endif
