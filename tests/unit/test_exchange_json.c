/* exchange: the JSON writer and reader, every error with its place. */
#include "testutil.h"

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/regions.h"

static ache_day day(const char *iso)
{
    ache_day d = 0;
    ck_assert_msg(date_parse_iso(iso, &d), "bad date in test: %s", iso);
    return d;
}

#define TODAY day("2026-11-24")
#define FULL_ID "0123456789abcdef0123456789abcdef"
#define HEAD "{\"format\": \"ache\", \"version\": 2, \"checkins\": ["
#define ALLOWED                                                             \
    "id, date, time, pain, fatigue, sleep_quality, sleep_hours, "           \
    "stiffness, fog, mood, activity, regions, tags, note, created_at, "     \
    "updated_at"
#define GOOD "  {\"date\": \"2026-11-20\"}"

static enum ache_status parse(const char *data, size_t len,
                              struct checkin_list *out, struct ache_err *err)
{
    return exchange_parse(EXCHANGE_JSON, "diary.json", data, len, TODAY, out,
                          err);
}

static void parse_ok(const char *data, struct checkin_list *out)
{
    struct ache_err err = {{0}};
    enum ache_status st = parse(data, strlen(data), out, &err);
    ck_assert_msg(st == ACHE_OK, "parse failed: %s", err.msg);
}

static void json_error_n(const char *data, size_t len, const char *msg)
{
    struct checkin_list l = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(parse(data, len, &l, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, msg);
    checkin_list_free(&l);
}

static void json_error(const char *data, const char *msg)
{
    json_error_n(data, strlen(data), msg);
}

static void json_error_prefix(const char *data, const char *prefix)
{
    struct checkin_list l = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(parse(data, strlen(data), &l, &err), ACHE_ERR_INVALID);
    ck_assert_msg(str_starts_with(err.msg, prefix), "'%s' should start '%s'",
                  err.msg, prefix);
    checkin_list_free(&l);
}

/* A document whose check-ins are the given lines (line 2 onwards). */
#define DOC1(a) HEAD "\n" a "\n]}\n"
#define DOC2(a, b) HEAD "\n" a ",\n" b "\n]}\n"
#define DOC3(a, b, c) HEAD "\n" a ",\n" b ",\n" c "\n]}\n"

/* ---- writing --------------------------------------------------------------- */

START_TEST(write_full_and_minimal)
{
    static const int values[CF_COUNT] = {7, 5, 3, 30, 6, 4, 2, 1};
    struct checkin c, m;
    struct strbuf sb = {0};
    checkin_init(&c, day("2026-11-20"));
    strcpy(c.id, FULL_ID);
    c.minute = 8 * 60 + 30;
    memcpy(c.value, values, sizeof values);
    ck_assert_int_eq(region_set_parse("neck;shoulder-l;lower-back", ';',
                                      &c.regions, NULL),
                     ACHE_OK);
    checkin_add_tag(&c, "yoga");
    checkin_add_tag(&c, "magnesium");
    checkin_set_note(&c, "Woke at 3, \"bad\" night\nshoulder");
    ck_assert(stamp_parse("2026-11-20T08:31:02.123Z", &c.created_at));
    ck_assert(stamp_parse("2026-11-21T09:00:00Z", &c.updated_at));
    checkin_init(&m, day("2026-11-21"));
    exchange_write_begin(EXCHANGE_JSON, &sb);
    exchange_write_checkin(EXCHANGE_JSON, &c, 0, &sb);
    exchange_write_checkin(EXCHANGE_JSON, &m, 1, &sb);
    exchange_write_end(EXCHANGE_JSON, 2, &sb);
    ck_assert_str_eq(
        sb.data,
        HEAD "\n"
             "  {\"id\": \"" FULL_ID "\", \"date\": \"2026-11-20\", "
             "\"time\": \"08:30\", \"pain\": 7, \"fatigue\": 5, "
             "\"sleep_quality\": 3, \"sleep_hours\": 7.5, \"stiffness\": 6, "
             "\"fog\": 4, \"mood\": 2, \"activity\": 1, "
             "\"regions\": [\"shoulder-l\", \"neck\", \"lower-back\"], "
             "\"tags\": [\"magnesium\", \"yoga\"], "
             "\"note\": \"Woke at 3, \\\"bad\\\" night\\nshoulder\", "
             "\"created_at\": \"2026-11-20T08:31:02.123Z\", "
             "\"updated_at\": \"2026-11-21T09:00:00.000Z\"},\n"
             "  {\"date\": \"2026-11-21\"}\n"
             "]}\n");
    strbuf_free(&sb);
    checkin_free(&c);
    checkin_free(&m);
}
END_TEST

START_TEST(write_empty_list)
{
    struct strbuf sb = {0};
    exchange_write_begin(EXCHANGE_JSON, &sb);
    exchange_write_end(EXCHANGE_JSON, 0, &sb);
    ck_assert_str_eq(sb.data, HEAD "]}\n");
    strbuf_free(&sb);
}
END_TEST

START_TEST(write_escapes)
{
    struct checkin c;
    struct strbuf sb = {0};
    checkin_init(&c, day("2026-01-02"));
    checkin_set_note(&c, "q\" b\\ / \n\r\t \x01 \x1b \x7f \xc2\x85 "
                         "\xe2\x80\xa8 \xc3\xa9 \xf0\x9f\x98\x80 \xff!");
    exchange_write_checkin(EXCHANGE_JSON, &c, 0, &sb);
    ck_assert_str_eq(sb.data,
                     "\n  {\"date\": \"2026-01-02\", \"note\": \"q\\\" b\\\\ / "
                     "\\n\\r\\t \\u0001 \\u001b \\u007f \\u0085 \\u2028 "
                     "\xc3\xa9 \xf0\x9f\x98\x80 \\ufffd!\"}");
    strbuf_free(&sb);
    checkin_free(&c);
}
END_TEST

/* ---- reading --------------------------------------------------------------- */

START_TEST(read_compact_and_spacious)
{
    struct checkin_list l = {0};
    parse_ok("{\"format\":\"ache\",\"version\":1,\"checkins\":[{\"date\":"
             "\"2026-11-20\",\"pain\":0,\"sleep_hours\":24}]}",
             &l);
    parse_ok("\xEF\xBB\xBF\r\n\t{ \"checkins\" :\r\n [ { \"mood\" : 10 ,"
             " \"date\" : \"2026-11-24\" } ] , \"version\" : 1 , "
             "\"format\" : \"ache\" }\r\n\r\n",
             &l);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_int_eq(l.items[0].date, day("2026-11-20"));
    ck_assert_int_eq(l.items[0].value[CF_PAIN], 0);
    ck_assert_int_eq(l.items[0].value[CF_SLEEP_HOURS], 96);
    ck_assert_int_eq(l.items[0].value[CF_MOOD], CHECKIN_ABSENT);
    ck_assert_int_eq(l.items[1].date, TODAY);
    ck_assert_int_eq(l.items[1].value[CF_MOOD], 10);
    ck_assert_str_eq(l.items[1].id, "");
    ck_assert_int_eq(l.items[1].minute, CHECKIN_TIME_ABSENT);
    ck_assert(l.items[1].created_at == 0 && l.items[1].updated_at == 0);
    checkin_list_free(&l);
}
END_TEST

START_TEST(read_every_field)
{
    struct checkin_list l = {0};
    parse_ok(DOC1("  {\"updated_at\": \"2026-11-21T09:00:00Z\", \"id\": \""
                  FULL_ID "\", \"date\": \"2026-11-20\", \"time\": \"23:59\", "
                  "\"pain\": 7, \"fatigue\": 5, \"sleep_quality\": 3, "
                  "\"sleep_hours\": 0.25, \"stiffness\": 6, \"fog\": 4, "
                  "\"mood\": 2, \"activity\": 1, \"regions\": [\"neck\", "
                  "\"jaw-l\", \"neck\"], \"tags\": [\"yoga\", \"heat\", "
                  "\"yoga\"], \"note\": \"x\", \"created_at\": "
                  "\"2026-11-20T08:31:02.123Z\"}"),
             &l);
    const struct checkin *c = &l.items[0];
    ck_assert_str_eq(c->id, FULL_ID);
    ck_assert_int_eq(c->minute, 23 * 60 + 59);
    static const int values[CF_COUNT] = {7, 5, 3, 1, 6, 4, 2, 1};
    for (int f = 0; f < CF_COUNT; f++)
        ck_assert_int_eq(c->value[f], values[f]);
    ck_assert_uint_eq(c->regions, (1u << region_find("neck")) |
                                      (1u << region_find("jaw-l")));
    ck_assert_uint_eq(c->ntags, 2);
    ck_assert_str_eq(c->tags[0], "heat");
    ck_assert_str_eq(c->tags[1], "yoga");
    ck_assert_str_eq(c->note, "x");
    int64_t ms;
    ck_assert(stamp_parse("2026-11-20T08:31:02.123Z", &ms));
    ck_assert(c->created_at == ms);
    ck_assert(stamp_parse("2026-11-21T09:00:00.000Z", &ms));
    ck_assert(c->updated_at == ms);
    checkin_list_free(&l);
}
END_TEST

START_TEST(read_empty_values_are_absent)
{
    struct checkin_list l = {0};
    parse_ok(DOC1("  {\"date\": \"2026-11-20\", \"note\": \"\", \"regions\": "
                  "[], \"tags\": [ ]}"),
             &l);
    ck_assert_ptr_null(l.items[0].note);
    ck_assert_uint_eq(l.items[0].regions, 0);
    ck_assert_uint_eq(l.items[0].ntags, 0);
    parse_ok(HEAD "]}", &l);
    parse_ok("{\"checkins\": [], \"version\": 1, \"format\": \"ache\"}", &l);
    ck_assert_uint_eq(l.n, 1);
    checkin_list_free(&l);
}
END_TEST

START_TEST(read_string_escapes)
{
    struct checkin_list l = {0};
    parse_ok(DOC1("  {\"date\": \"2026-11-20\", \"note\": \"\\u00e9\\u00C9"
                  "\\uD83D\\uDE00\\n\\t\\r\\\"\\\\\\/\\b\\f\\u2028 raw "
                  "\xc3\xa9\xe8\x82\xa9\xf0\x9f\x98\xa3\"}"),
             &l);
    ck_assert_str_eq(l.items[0].note, "\xc3\xa9\xc3\x89\xf0\x9f\x98\x80\n\t\r"
                                      "\"\\/\b\f\xe2\x80\xa8 raw \xc3\xa9"
                                      "\xe8\x82\xa9\xf0\x9f\x98\xa3");
    checkin_list_free(&l);
}
END_TEST

START_TEST(read_escaped_keys_and_appending)
{
    struct checkin_list l = {0};
    checkin_init(checkin_list_push(&l), day("2020-01-01"));
    parse_ok("{\"f\\u006frmat\": \"\\u0061che\", \"version\": 1, "
             "\"checkins\": [{\"d\\u0061te\": \"2026-11-20\", "
             "\"p\\u0061in\": 4}, {\"date\": \"2026-11-21\"}]}",
             &l);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_int_eq(l.items[0].date, day("2020-01-01"));
    ck_assert_int_eq(l.items[1].date, day("2026-11-20"));
    ck_assert_int_eq(l.items[1].value[CF_PAIN], 4);
    ck_assert_int_eq(l.items[2].date, day("2026-11-21"));
    checkin_list_free(&l);
}
END_TEST

START_TEST(error_without_err)
{
    struct checkin_list l = {0};
    const char *doc = DOC1("  {\"date\": \"2026-11-20\", \"pain\": 11}");
    ck_assert_int_eq(exchange_parse(EXCHANGE_JSON, NULL, doc, strlen(doc),
                                    TODAY, &l, NULL),
                     ACHE_ERR_INVALID);
    ck_assert_int_eq(exchange_parse(EXCHANGE_JSON, "x", "{", 1, TODAY, &l,
                                    NULL),
                     ACHE_ERR_INVALID);
    checkin_list_free(&l);
}
END_TEST

/* ---- syntax errors ----------------------------------------------------------- */

START_TEST(error_empty)
{
    const char *msg = "diary.json:1:1: empty file (expected an ache export: "
                      "{\"format\": \"ache\", \"version\": 2, ...})";
    json_error("", msg);
    json_error("\xEF\xBB\xBF", msg);
    json_error("\n\n  ", "diary.json:3:3: empty file (expected an ache "
                         "export: {\"format\": \"ache\", \"version\": 2, ...})");
}
END_TEST

START_TEST(error_not_an_object)
{
    json_error("[]", "diary.json:1:1: expected an object {\"format\": "
                     "\"ache\", ...}, found an array");
    json_error(" \"ache\"", "diary.json:1:2: expected an object {\"format\": "
                            "\"ache\", ...}, found a string");
    json_error("x", "diary.json:1:1: expected an object {\"format\": "
                    "\"ache\", ...}, found 'x'");
    json_error("id,date\n", "diary.json:1:1: expected an object {\"format\": "
                            "\"ache\", ...}, found 'i'");
}
END_TEST

START_TEST(error_punctuation)
{
    json_error("{\"format\": \"ache\" \"version\": 1}",
               "diary.json:1:19: expected ',' or '}' after a member, found "
               "'\"'");
    json_error("{\"format\": \"ache\",}",
               "diary.json:1:19: a ',' before '}' (JSON allows no comma "
               "after the last member)");
    json_error(HEAD "{\"date\": \"2026-11-20\"},]}",
               "diary.json:1:70: a ',' before ']' (JSON allows no comma "
               "after the last element)");
    json_error(HEAD "{\"date\": \"2026-11-20\"} {}]}",
               "diary.json:1:70: expected ',' or ']' after an element, "
               "found '{'");
    json_error("{\"format\" \"ache\"}",
               "diary.json:1:11: expected ':' after the key, found '\"'");
    json_error("{format: 1}",
               "diary.json:1:2: expected a key in double quotes, found 'f'");
    json_error("{\"format\": \"ache\",",
               "diary.json:1:19: expected a key in double quotes, found the "
               "end of the file");
    json_error("{\"format\": \"ache\"",
               "diary.json:1:18: expected ',' or '}' after a member, found "
               "the end of the file");
    json_error("{\"format\": }",
               "diary.json:1:12: expected a value, found '}'");
}
END_TEST

START_TEST(error_trailing_text)
{
    json_error("{\"format\": \"ache\"} x",
               "diary.json:1:20: text after the end of the JSON document, "
               "found 'x'");
    json_error("{}\n{}", "diary.json:2:1: text after the end of the JSON "
                         "document, found '{'");
    json_error_n("{}\0", 3, "diary.json:1:3: text after the end of the JSON "
                            "document, found U+0000");
}
END_TEST

START_TEST(error_strings)
{
    json_error("{\"format\": \"ache",
               "diary.json:1:12: unterminated string (the '\"' that opens it "
               "is never closed)");
    json_error("{\"format\": \"ac\nhe\"}",
               "diary.json:1:15: control character U+000A inside a string "
               "(write it as an escape such as \\n or \\u000a)");
    json_error("{\"x\": \"a\tb\"}",
               "diary.json:1:9: control character U+0009 inside a string "
               "(write it as an escape such as \\n or \\u0009)");
    json_error("{\"format\": \"a\\xhe\"}",
               "diary.json:1:14: invalid escape: a backslash followed by 'x' "
               "(use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
    json_error("{\"format\": \"a\\",
               "diary.json:1:14: invalid escape: a backslash followed by the "
               "end of the file (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or "
               "\\uXXXX)");
    json_error_n("{\"x\": \"\0\"}", 10,
                 "diary.json:1:8: control character U+0000 inside a string "
                 "(write it as an escape such as \\n or \\u0000)");
}
END_TEST

START_TEST(error_unicode_escapes)
{
    json_error("{\"x\": \"\\u12G4\"}",
               "diary.json:1:8: \\u must be followed by 4 hex digits");
    json_error("{\"x\": \"\\u12\"}",
               "diary.json:1:8: \\u must be followed by 4 hex digits");
    json_error("{\"x\": \"\\uDC00\"}",
               "diary.json:1:8: \\uDC00 is a lone low surrogate (it must "
               "follow a high surrogate \\uD800-\\uDBFF)");
    json_error("{\"x\": \"\\ud83d\"}",
               "diary.json:1:8: \\uD83D is a lone high surrogate (a low "
               "surrogate \\uDC00-\\uDFFF must follow it)");
    json_error("{\"x\": \"\\uD83Dx\"}",
               "diary.json:1:8: \\uD83D is a lone high surrogate (a low "
               "surrogate \\uDC00-\\uDFFF must follow it)");
    json_error("{\"x\": \"\\uD83D\\u0041\"}",
               "diary.json:1:8: \\uD83D is a lone high surrogate (a low "
               "surrogate \\uDC00-\\uDFFF must follow it)");
    json_error("{\"x\": \"\\uD83D\\uZZZZ\"}",
               "diary.json:1:14: \\u must be followed by 4 hex digits");
    json_error("{\"x\": \"\\u0000\"}",
               "diary.json:1:8: \\u0000 (NUL) is not allowed in a string");
}
END_TEST

START_TEST(error_utf8)
{
    json_error("{\"format\": \"a\xff" "b\"}",
               "diary.json:1:14: invalid UTF-8 (byte 0xFF) inside a string");
    /* columns count characters, not bytes */
    json_error("{\"x\": \"\xc3\xa9\xc3\xa9\xe2\x82\xac\xed\xa0\x80\"}",
               "diary.json:1:11: invalid UTF-8 (byte 0xED) inside a string");
    json_error("{\"x\": \"\xc3\"}",
               "diary.json:1:8: invalid UTF-8 (byte 0xC3) inside a string");
    json_error("{\"x\": \xff}",
               "diary.json:1:7: expected a value, found byte 0xFF (not "
               "UTF-8)");
    json_error("{\"x\": \xc3\xa9}",
               "diary.json:1:7: expected a value, found U+00E9");
    json_error("\xc2\xa0{}", "diary.json:1:1: expected an object {\"format\": "
                             "\"ache\", ...}, found U+00A0");
}
END_TEST

START_TEST(error_words_and_numbers)
{
    json_error("{\"format\": ache}",
               "diary.json:1:12: unknown word 'ache' (strings need double "
               "quotes; the JSON words are true, false and null)");
    json_error("{\"x\": nul}",
               "diary.json:1:7: unknown word 'nul' (strings need double "
               "quotes; the JSON words are true, false and null)");
    json_error("{\"x\": True}",
               "diary.json:1:7: unknown word 'True' (strings need double "
               "quotes; the JSON words are true, false and null)");
    json_error("{\"x\": NaN}",
               "diary.json:1:7: unknown word 'NaN' (strings need double "
               "quotes; the JSON words are true, false and null)");
    json_error("{\"x\": nullx}",
               "diary.json:1:7: unknown word 'nullx' (strings need double "
               "quotes; the JSON words are true, false and null)");
    const char *bad[] = {"01", "1.", "-", "1e", "1e+", "-01", "1.5.3", "2-1",
                         "1.e3"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *doc = xasprintf("{\"x\": %s}", bad[i]);
        char *msg = xasprintf("diary.json:1:7: invalid number '%s' (numbers "
                              "are written like 7, 7.5 or -1e3)",
                              bad[i]);
        json_error(doc, msg);
        free(doc);
        free(msg);
    }
    json_error("{\"x\": .5}", "diary.json:1:7: expected a value, found '.'");
    json_error("{\"x\": +1}", "diary.json:1:7: expected a value, found '+'");
}
END_TEST

START_TEST(error_nesting_too_deep)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, HEAD); /* the object is level 1, '[' level 2 */
    for (int i = 0; i < 100; i++)
        strbuf_putc(&sb, '[');
    /* the run starts at column 47 with level 3, so level 65 is at 109 */
    json_error(sb.data, "diary.json:1:109: nesting deeper than 64 levels");
    strbuf_reset(&sb);
    strbuf_append(&sb, "{\"x\": ");
    for (int i = 0; i < 63; i++)
        strbuf_append(&sb, "{\"a\":");
    strbuf_append(&sb, "1");
    for (int i = 0; i < 64; i++)
        strbuf_putc(&sb, '}');
    /* 64 levels are fine: the error is about the content, not the depth */
    json_error(sb.data, "diary.json:1:1: not an ache export (there is no "
                        "\"format\": \"ache\")");
    strbuf_free(&sb);
}
END_TEST

/* ---- the top level ----------------------------------------------------------- */

START_TEST(error_format)
{
    json_error("{\"version\": 1, \"checkins\": []}",
               "diary.json:1:1: not an ache export (there is no \"format\": "
               "\"ache\")");
    json_error("{\"format\": \"csv\", \"version\": 1, \"checkins\": []}",
               "diary.json:1:12: format: 'csv' is not 'ache' (this file is "
               "not an ache export)");
    json_error("{\"format\": \"Ache\\u001b\", \"version\": 1}",
               "diary.json:1:12: format: 'Ache^[' is not 'ache' (this file "
               "is not an ache export)");
    json_error("{\"format\": 1, \"version\": 1, \"checkins\": []}",
               "diary.json:1:12: format: expected the string \"ache\", got a "
               "number");
    json_error("{\"format\": [\"ache\"], \"version\": 1, \"checkins\": []}",
               "diary.json:1:12: format: expected the string \"ache\", got an "
               "array");
}
END_TEST

START_TEST(error_version)
{
    /* a newer version wins over members this ache does not know */
    json_error("{\"format\": \"ache\", \"version\": 3, \"checkins\": [], "
               "\"scales\": {}}",
               "diary.json:1:31: version: 3 means this file was written by "
               "a newer ache (this one reads version 2)");
    json_error("{\"format\": \"ache\", \"version\": 99999999999999999999}",
               "diary.json:1:31: version: 99999999999999999999 means this "
               "file was written by a newer ache (this one reads version 2)");
    const char *bad[] = {"0", "-1", "1.0", "1e0", "-0"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *doc = xasprintf("{\"format\": \"ache\", \"version\": %s, "
                              "\"checkins\": []}",
                              bad[i]);
        char *msg = xasprintf("diary.json:1:31: version: %s is not a version "
                              "of the ache format (this one reads version 2)",
                              bad[i]);
        json_error(doc, msg);
        free(doc);
        free(msg);
    }
    json_error("{\"format\": \"ache\", \"version\": \"1\", \"checkins\": []}",
               "diary.json:1:31: version: expected a whole number, got a "
               "string");
    json_error("{\"format\": \"ache\", \"checkins\": []}",
               "diary.json:1:1: no \"version\" (an ache export has "
               "\"version\": 2)");
}
END_TEST

START_TEST(error_top_keys)
{
    json_error("{\"format\": \"ache\", \"version\": 1, \"checkins\": [], "
               "\"extra\": 1}",
               "diary.json:1:50: unknown key \"extra\" (allowed here: format, "
               "version, fields, meds, doses, checkins)");
    json_error("{\"format\": \"ache\", \"version\": 1, \"format\": \"ache\", "
               "\"checkins\": []}",
               "diary.json:1:34: duplicate key \"format\" (first at 1:2)");
    json_error("{\"format\": \"ache\", \"version\": 1}",
               "diary.json:1:1: no \"checkins\" (the list of check-ins, which "
               "may be empty: \"checkins\": [])");
    json_error("{\"format\": \"ache\", \"version\": 1, \"checkins\": {}}",
               "diary.json:1:46: checkins: expected an array of check-ins, "
               "got an object");
    json_error("{\"format\": \"ache\", \"version\": 1, \"checkins\": null}",
               "diary.json:1:46: checkins: expected an array of check-ins, "
               "got null");
    json_error(HEAD "1]}", "diary.json:1:47: a check-in must be an object "
                           "{\"date\": ...}, got a number");
    json_error(DOC2(GOOD, "  [\"2026-11-20\"]"),
               "diary.json:3:3: a check-in must be an object {\"date\": ...}, "
               "got an array");
}
END_TEST

/* ---- check-ins ----------------------------------------------------------------- */

START_TEST(error_checkin_keys)
{
    json_error(DOC1("  {\"date\": \"2026-11-20\", \"colour\": \"red\"}"),
               "diary.json:2:26: unknown key \"colour\" (allowed: " ALLOWED
               ")");
    json_error(DOC1("  {\"date\": \"2026-11-20\", \"Pain\": 1}"),
               "diary.json:2:26: unknown key \"Pain\" (allowed: " ALLOWED ")");
    json_error(DOC1("  {\"date\": \"2026-11-20\", \"pain\": 1, \"pain\": 2}"),
               "diary.json:2:37: duplicate key \"pain\" (first at 2:26)");
    json_error(DOC2(GOOD, "  {\"pain\": 1}"),
               "diary.json:3:3: date: missing (every check-in needs a date, "
               "YYYY-MM-DD)");
    json_error(DOC1("  {}"), "diary.json:2:3: date: missing (every check-in "
                             "needs a date, YYYY-MM-DD)");
}
END_TEST

/* The example of the issue: line 4, column 12. */
START_TEST(error_wrong_type_example)
{
    json_error(DOC3(GOOD, GOOD, "  {\"pain\": \"7\", \"date\": \"2026-11-20\"}"),
               "diary.json:4:12: pain: expected a whole number from 0 to 10, "
               "got a string");
}
END_TEST

static void wrong_type(const char *member, const char *msg)
{
    char *doc = xasprintf(DOC1("  {\"date\": \"2026-11-20\", %s}"), member);
    json_error(doc, msg);
    free(doc);
}

START_TEST(error_wrong_types)
{
    wrong_type("\"sleep_hours\": \"7.5\"",
               "diary.json:2:41: sleep_hours: expected a number from 0 to 24, "
               "got a string");
    wrong_type("\"mood\": true",
               "diary.json:2:34: mood: expected a whole number from 0 to 10, "
               "got true");
    wrong_type("\"fog\": false",
               "diary.json:2:33: fog: expected a whole number from 0 to 10, "
               "got false");
    wrong_type("\"fatigue\": null",
               "diary.json:2:37: fatigue: expected a whole number from 0 to "
               "10, got null");
    wrong_type("\"activity\": [1]",
               "diary.json:2:38: activity: expected a whole number from 0 to "
               "10, got an array");
    wrong_type("\"time\": 830",
               "diary.json:2:34: time: expected a time string \"HH:MM\", got "
               "a number");
    wrong_type("\"id\": null",
               "diary.json:2:32: id: expected a string of 32 hex digits, got "
               "null");
    wrong_type("\"note\": 5",
               "diary.json:2:34: note: expected a string, got a number");
    wrong_type("\"regions\": \"neck\"",
               "diary.json:2:37: regions: expected an array of body region "
               "codes, got a string");
    wrong_type("\"tags\": {}",
               "diary.json:2:34: tags: expected an array of tag names, got an "
               "object");
    wrong_type("\"regions\": [\"neck\", 1]",
               "diary.json:2:46: regions: expected a body region code "
               "string, got a number");
    wrong_type("\"tags\": [null]",
               "diary.json:2:35: tags: expected a tag name string, got null");
    wrong_type("\"created_at\": 0",
               "diary.json:2:40: created_at: expected a timestamp string "
               "\"YYYY-MM-DDTHH:MM:SS.mmmZ\", got a number");
    json_error(DOC1("  {\"date\": 20261120}"),
               "diary.json:2:12: date: expected a date string \"YYYY-MM-DD\", "
               "got a number");
}
END_TEST

START_TEST(error_values)
{
    json_error(DOC2(GOOD, "  {\"date\": \"2026-11-20\", \"pain\": 11}"),
               "diary.json:3:34: pain: 11 is out of range 0-10");
    wrong_type("\"pain\": 7.0",
               "diary.json:2:34: pain: '7.0' is not a whole number (use "
               "0-10)");
    wrong_type("\"pain\": 1e1",
               "diary.json:2:34: pain: '1e1' is not a whole number (use "
               "0-10)");
    wrong_type("\"stiffness\": -1",
               "diary.json:2:39: stiffness: -1 is out of range 0-10");
    wrong_type("\"sleep_hours\": 7.3",
               "diary.json:2:41: sleep_hours: 7.3 is not a number of hours "
               "from 0 to 24 in steps of 0.25");
    wrong_type("\"sleep_hours\": 1e400",
               "diary.json:2:41: sleep_hours: 1e400 is not a number of hours "
               "from 0 to 24 in steps of 0.25");
    wrong_type("\"time\": \"24:00\"",
               "diary.json:2:34: time: '24:00' is not a time of day (use "
               "HH:MM, 00:00 to 23:59)");
    wrong_type("\"id\": \"XYZ\"",
               "diary.json:2:32: id: 'XYZ' is not a check-in id (32 "
               "lowercase hex digits)");
    wrong_type("\"updated_at\": \"yesterday\"",
               "diary.json:2:40: updated_at: 'yesterday' is not a UTC "
               "timestamp (use YYYY-MM-DDTHH:MM:SS.mmmZ)");
    json_error(DOC1("  {\"date\": \"2026-11-25\"}"),
               "diary.json:2:12: date: 2026-11-25 is in the future");
    json_error(DOC1("  {\"date\": \"2026-13-01\"}"),
               "diary.json:2:12: date: '2026-13-01' is not a date (use "
               "YYYY-MM-DD)");
}
END_TEST

START_TEST(error_columns_count_characters)
{
    json_error(DOC1("  {\"note\": \"\xc3\xa9\xc3\xa9\xc3\xa9\", \"pain\": 11, "
                    "\"date\": \"2026-11-20\"}"),
               "diary.json:2:27: pain: 11 is out of range 0-10");
    json_error(DOC1("  {\"note\": \"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91"
                    "\xa9\", \"pain\": 11, \"date\": \"2026-11-20\"}"),
               "diary.json:2:27: pain: 11 is out of range 0-10");
    json_error(DOC1("  {\"note\": \"a\\nb\\u00e9\", \"pain\": 11, "
                    "\"date\": \"2026-11-20\"}"),
               "diary.json:2:34: pain: 11 is out of range 0-10");
}
END_TEST

START_TEST(error_regions_and_tags)
{
    json_error_prefix(DOC1("  {\"date\": \"2026-11-20\", \"regions\": "
                           "[\"neck\", \"knee\"]}"),
                      "diary.json:2:46: regions: 'knee' is not a body region "
                      "(use ");
    wrong_type("\"regions\": [\"neck;chest\"]",
               "diary.json:2:38: regions: 'neck;chest' is not a body region "
               "code (one code per string, e.g. \"neck\")");
    wrong_type("\"regions\": [\"\"]",
               "diary.json:2:38: regions: '' is not a body region code (one "
               "code per string, e.g. \"neck\")");
    wrong_type("\"regions\": [\" neck\"]",
               "diary.json:2:38: regions: ' neck' is not a body region code "
               "(one code per string, e.g. \"neck\")");
    json_error_prefix(DOC1("  {\"date\": \"2026-11-20\", \"tags\": [\"yoga\", "
                           "\"Yoga\"]}"),
                      "diary.json:2:43: tag: 'Yoga' is not a tag name");
    wrong_type("\"tags\": [\"\\u001b[31m\"]",
               "diary.json:2:35: tag: '^[[31m' is not a tag name: "
               "character 1 is U+001B, a control character (a tag name is "
               "lowercase letters, digits, '-' and '_', starting with a "
               "letter or digit, at most 40 bytes)");
}
END_TEST

START_TEST(error_repeated_id)
{
    json_error(DOC3("  {\"id\": \"" FULL_ID "\", \"date\": \"2026-11-20\"}",
                    GOOD,
                    "  {\"id\": \"" FULL_ID "\", \"date\": \"2026-11-21\"}"),
               "diary.json:4:10: id: " FULL_ID " is given twice (first at "
               "line 2)");
}
END_TEST

START_TEST(error_note_too_long)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, HEAD "{\"date\": \"2026-11-20\", \"note\": \"");
    for (int i = 0; i < CHECKIN_NOTE_MAX; i++)
        strbuf_append(&sb, "\\n");
    strbuf_append(&sb, "\"}]}");
    struct checkin_list l = {0};
    parse_ok(sb.data, &l);
    ck_assert_uint_eq(strlen(l.items[0].note), CHECKIN_NOTE_MAX);
    checkin_list_free(&l);
    strbuf_reset(&sb);
    strbuf_append(&sb, HEAD "{\"date\": \"2026-11-20\", \"note\": \"");
    for (int i = 0; i <= CHECKIN_NOTE_MAX; i++)
        strbuf_putc(&sb, 'a');
    strbuf_append(&sb, "\"}]}");
    json_error(sb.data, "diary.json:1:78: note: 16385 bytes is longer than "
                        "the 16384 allowed");
    strbuf_free(&sb);
}
END_TEST

START_TEST(error_order)
{
    /* within the check-ins, the first error in the file wins */
    json_error(DOC2("  {\"date\": \"2026-11-20\", \"pain\": 11}",
                    "  {\"date\": \"2026-11-20\", \"pain\": \"x\"}"),
               "diary.json:2:34: pain: 11 is out of range 0-10");
    /* but the syntax of the whole file is checked before any value */
    json_error(DOC2("  {\"date\": \"2026-11-20\", \"pain\": 11}",
                    "  {\"date\": \"2026-11-20\" \"pain\": 1}"),
               "diary.json:3:25: expected ',' or '}' after a member, found "
               "'\"'");
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("exchange_json");
    TCase *w = tcase_create("write");
    tcase_add_test(w, write_full_and_minimal);
    tcase_add_test(w, write_empty_list);
    tcase_add_test(w, write_escapes);
    suite_add_tcase(s, w);

    TCase *r = tcase_create("read");
    tcase_add_test(r, read_compact_and_spacious);
    tcase_add_test(r, read_every_field);
    tcase_add_test(r, read_empty_values_are_absent);
    tcase_add_test(r, read_string_escapes);
    tcase_add_test(r, read_escaped_keys_and_appending);
    tcase_add_test(r, error_without_err);
    suite_add_tcase(s, r);

    TCase *syn = tcase_create("syntax");
    tcase_add_test(syn, error_empty);
    tcase_add_test(syn, error_not_an_object);
    tcase_add_test(syn, error_punctuation);
    tcase_add_test(syn, error_trailing_text);
    tcase_add_test(syn, error_strings);
    tcase_add_test(syn, error_unicode_escapes);
    tcase_add_test(syn, error_utf8);
    tcase_add_test(syn, error_words_and_numbers);
    tcase_add_test(syn, error_nesting_too_deep);
    suite_add_tcase(s, syn);

    TCase *top = tcase_create("top");
    tcase_add_test(top, error_format);
    tcase_add_test(top, error_version);
    tcase_add_test(top, error_top_keys);
    suite_add_tcase(s, top);

    TCase *ci = tcase_create("checkins");
    tcase_add_test(ci, error_checkin_keys);
    tcase_add_test(ci, error_wrong_type_example);
    tcase_add_test(ci, error_wrong_types);
    tcase_add_test(ci, error_values);
    tcase_add_test(ci, error_columns_count_characters);
    tcase_add_test(ci, error_regions_and_tags);
    tcase_add_test(ci, error_repeated_id);
    tcase_add_test(ci, error_note_too_long);
    tcase_add_test(ci, error_order);
    suite_add_tcase(s, ci);
    return s;
}

ACHE_TEST_MAIN(make_suite)
