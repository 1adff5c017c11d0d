/* exchange: names, the CSV writer and reader, and round trips through
 * both formats (the JSON reader's errors are in test_exchange_json.c). */
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
#define HEADER                                                              \
    "id,date,time,pain,fatigue,sleep_quality,sleep_hours,stiffness,fog,"    \
    "mood,activity,regions,tags,note,created_at,updated_at\n"
#define COLUMNS                                                             \
    "id, date, time, pain, fatigue, sleep_quality, sleep_hours, "           \
    "stiffness, fog, mood, activity, regions, tags, note, created_at, "     \
    "updated_at"
#define ALLOWED                                                             \
    COLUMNS "; `ache fields add` makes a field of your own, and import "   \
    "--create-fields one for each such column"

static int64_t stamp(const char *s)
{
    int64_t ms = 0;
    ck_assert_msg(stamp_parse(s, &ms), "bad stamp in test: %s", s);
    return ms;
}

static region_set regions(const char *codes)
{
    region_set set = 0;
    ck_assert_int_eq(region_set_parse(codes, ';', &set, NULL), ACHE_OK);
    return set;
}

/* Every field present. */
static void fill_full(struct checkin *c)
{
    static const int values[CF_COUNT] = {7, 5, 3, 30, 6, 4, 2, 1};
    checkin_init(c, day("2026-11-20"));
    strcpy(c->id, FULL_ID);
    c->minute = 8 * 60 + 30;
    memcpy(c->value, values, sizeof values);
    c->regions = regions("neck;shoulder-l;lower-back");
    checkin_add_tag(c, "yoga");
    checkin_add_tag(c, "magnesium");
    checkin_set_note(c, "Woke at 3, \"bad\" night\nshoulder, neck");
    c->created_at = stamp("2026-11-20T08:31:02.123Z");
    c->updated_at = stamp("2026-11-21T09:00:00.000Z");
}

static char *write_list(enum exchange_format f, const struct checkin_list *l)
{
    struct strbuf sb = {0};
    exchange_write_begin(f, &sb);
    for (size_t i = 0; i < l->n; i++)
        exchange_write_checkin(f, &l->items[i], i, &sb);
    exchange_write_end(f, l->n, &sb);
    return strbuf_take(&sb);
}

static enum ache_status parse_n(enum exchange_format f, const char *data,
                                size_t len, struct checkin_list *out,
                                struct ache_err *err)
{
    const char *name = f == EXCHANGE_CSV ? "diary.csv" : "diary.json";
    return exchange_parse(f, name, data, len, TODAY, out, err);
}

/* Parses CSV that must be good; the caller frees the list. */
static void parse_ok(const char *data, size_t len, struct checkin_list *out)
{
    struct ache_err err = {{0}};
    enum ache_status st = parse_n(EXCHANGE_CSV, data, len, out, &err);
    ck_assert_msg(st == ACHE_OK, "parse failed: %s", err.msg);
}

/* Parses CSV that must fail with exactly `msg`. */
static void csv_error_n(const char *data, size_t len, const char *msg)
{
    struct checkin_list l = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(parse_n(EXCHANGE_CSV, data, len, &l, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, msg);
    checkin_list_free(&l);
}

static void csv_error(const char *data, const char *msg)
{
    csv_error_n(data, strlen(data), msg);
}

/* For messages whose tail another module words. */
static void csv_error_prefix(const char *data, const char *prefix)
{
    struct checkin_list l = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(parse_n(EXCHANGE_CSV, data, strlen(data), &l, &err),
                     ACHE_ERR_INVALID);
    ck_assert_msg(str_starts_with(err.msg, prefix), "'%s' should start '%s'",
                  err.msg, prefix);
    checkin_list_free(&l);
}

static void assert_same_checkin(const struct checkin *a,
                                const struct checkin *b)
{
    ck_assert_str_eq(a->id, b->id);
    ck_assert_int_eq(a->date, b->date);
    ck_assert_int_eq(a->minute, b->minute);
    for (int f = 0; f < CF_COUNT; f++)
        ck_assert_int_eq(a->value[f], b->value[f]);
    ck_assert_uint_eq(a->regions, b->regions);
    ck_assert_uint_eq(a->ntags, b->ntags);
    for (size_t i = 0; i < a->ntags; i++)
        ck_assert_str_eq(a->tags[i], b->tags[i]);
    ck_assert_str_eq(a->note ? a->note : "(none)", b->note ? b->note : "(none)");
    ck_assert(a->created_at == b->created_at);
    ck_assert(a->updated_at == b->updated_at);
}

/* ---- names ----------------------------------------------------------------- */

START_TEST(column_names_in_file_order)
{
    struct strbuf sb = {0};
    for (int i = 0; i < EXCHANGE_COLUMN_COUNT; i++)
        strbuf_printf(&sb, "%s%s", i ? "," : "", exchange_column_name(i));
    strbuf_putc(&sb, '\n');
    ck_assert_str_eq(sb.data, HEADER);
    ck_assert_ptr_null(exchange_column_name(-1));
    ck_assert_ptr_null(exchange_column_name(EXCHANGE_COLUMN_COUNT));
    strbuf_free(&sb);
}
END_TEST

START_TEST(format_names)
{
    enum exchange_format f = EXCHANGE_FORMAT_COUNT;
    ck_assert_str_eq(exchange_format_name(EXCHANGE_CSV), "csv");
    ck_assert_str_eq(exchange_format_name(EXCHANGE_JSON), "json");
    ck_assert(exchange_format_parse("json", &f) && f == EXCHANGE_JSON);
    ck_assert(exchange_format_parse("csv", &f) && f == EXCHANGE_CSV);
    ck_assert(!exchange_format_parse("CSV", &f));
    ck_assert(!exchange_format_parse("tsv", &f));
    ck_assert(!exchange_format_parse("", &f));
}
END_TEST

START_TEST(format_from_path)
{
    enum exchange_format f = EXCHANGE_FORMAT_COUNT;
    ck_assert(exchange_format_from_path("diary.csv", &f) && f == EXCHANGE_CSV);
    ck_assert(exchange_format_from_path("/tmp/x.y/Diary.JSON", &f) &&
              f == EXCHANGE_JSON);
    ck_assert(exchange_format_from_path("a.Csv", &f) && f == EXCHANGE_CSV);
    f = EXCHANGE_FORMAT_COUNT;
    ck_assert(!exchange_format_from_path("diary.txt", &f));
    ck_assert(!exchange_format_from_path("csv", &f));
    ck_assert(!exchange_format_from_path("dir.csv/diary", &f));
    ck_assert(!exchange_format_from_path("dir/.csv", &f));
    ck_assert(!exchange_format_from_path("diary.csv.bak", &f));
    ck_assert_int_eq(f, EXCHANGE_FORMAT_COUNT);
}
END_TEST

/* ---- writing CSV ----------------------------------------------------------- */

START_TEST(csv_write_full_and_empty)
{
    struct checkin_list l = {0};
    fill_full(checkin_list_push(&l));
    checkin_init(checkin_list_push(&l), day("2026-11-21"));
    char *csv = write_list(EXCHANGE_CSV, &l);
    ck_assert_str_eq(csv,
                     HEADER FULL_ID ",2026-11-20,08:30,7,5,3,7.5,6,4,2,1,"
                     "shoulder-l;neck;lower-back,magnesium;yoga,"
                     "\"Woke at 3, \"\"bad\"\" night\nshoulder, neck\","
                     "2026-11-20T08:31:02.123Z,2026-11-21T09:00:00.000Z\n"
                     ",2026-11-21,,,,,,,,,,,,,,\n");
    free(csv);
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_write_header_only)
{
    struct checkin_list l = {0};
    char *csv = write_list(EXCHANGE_CSV, &l);
    ck_assert_str_eq(csv, HEADER);
    free(csv);
}
END_TEST

/* Quoted only for comma, quote, CR, LF and a space at either end. */
static void check_note_cell(const char *note, const char *cell)
{
    struct checkin c;
    struct strbuf sb = {0};
    checkin_init(&c, day("2026-01-02"));
    checkin_set_note(&c, note);
    exchange_write_checkin(EXCHANGE_CSV, &c, 0, &sb);
    char *want = xasprintf(",2026-01-02,,,,,,,,,,,,%s,,\n", cell);
    ck_assert_str_eq(sb.data, want);
    free(want);
    strbuf_free(&sb);
    checkin_free(&c);
}

START_TEST(csv_write_quotes_only_when_needed)
{
    check_note_cell("plain words; semicolons\tand tabs",
                    "plain words; semicolons\tand tabs");
    check_note_cell("a,b", "\"a,b\"");
    check_note_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
    check_note_cell("\"", "\"\"\"\"");
    check_note_cell("cr\rhere", "\"cr\rhere\"");
    check_note_cell("lf\nhere", "\"lf\nhere\"");
    check_note_cell(" lead", "\" lead\"");
    check_note_cell("trail ", "\"trail \"");
    check_note_cell("in side", "in side");
    check_note_cell("Болит шея 😣", "Болит шея 😣");
}
END_TEST

/* A note a spreadsheet would run as a formula gets one more leading
 * apostrophe: '=', '+', '-', '@', tab and CR after any apostrophes. */
START_TEST(csv_write_neutralises_formulas)
{
    check_note_cell("=SUM(A1:A9)", "'=SUM(A1:A9)");
    check_note_cell("+1", "'+1");
    check_note_cell("-2 after", "'-2 after");
    check_note_cell("@cmd", "'@cmd");
    check_note_cell("\tTab first", "'\tTab first");
    check_note_cell("\rCR first", "\"'\rCR first\"");
    check_note_cell("=", "'=");
    check_note_cell("=HYPERLINK(\"http://x\",\"y\")",
                    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    check_note_cell("'=x", "''=x");
    check_note_cell("''+y", "'''+y");
    /* an apostrophe before anything else, or a formula character later,
     * is left alone */
    check_note_cell("'plain", "'plain");
    check_note_cell("'", "'");
    check_note_cell("''", "''");
    check_note_cell("it's = 3 - 1", "it's = 3 - 1");
    check_note_cell(" =1", "\" =1\"");
    check_note_cell("\n=1", "\"\n=1\"");
}
END_TEST

/* ---- reading CSV ----------------------------------------------------------- */

/* The note of a one-row CSV whose note cell is `cell` (quoted as the
 * file has it). */
static char *note_read_from(const char *cell)
{
    char *csv = xasprintf("date,note\n2026-11-20,%s\n", cell);
    struct checkin_list l = {0};
    parse_ok(csv, strlen(csv), &l);
    ck_assert_uint_eq(l.n, 1);
    char *note = xstrdup(l.items[0].note ? l.items[0].note : "(none)");
    checkin_list_free(&l);
    free(csv);
    return note;
}

static void check_note_read(const char *cell, const char *note)
{
    char *got = note_read_from(cell);
    ck_assert_msg(strcmp(got, note) == 0, "cell %s read as '%s', want '%s'",
                  cell, got, note);
    free(got);
}

/* A note cell of apostrophes and a formula character loses exactly one
 * apostrophe; anything else is read as it is. */
START_TEST(csv_read_takes_one_apostrophe_off_formulas)
{
    check_note_read("'=SUM(A1:A9)", "=SUM(A1:A9)");
    check_note_read("'+1", "+1");
    check_note_read("'-2", "-2");
    check_note_read("'@cmd", "@cmd");
    check_note_read("'\tx", "\tx");
    check_note_read("\"'\rx\"", "\rx");
    check_note_read("''=x", "'=x");
    check_note_read("'''+y", "''+y");
    check_note_read("'plain", "'plain");
    check_note_read("'", "'");
    check_note_read("''", "''");
    check_note_read("it's", "it's");
    /* a file written by hand, without the apostrophe: read as it is */
    check_note_read("=SUM(A1)", "=SUM(A1)");
    check_note_read("-3", "-3");
    /* only the note: no other column is written with the apostrophe */
    csv_error_prefix("date,pain\n2026-11-20,'1\n", "diary.csv:2:2: pain: ");
    /* JSON has no formulas: an apostrophe there is the note's own */
    struct checkin_list l = {0};
    struct ache_err err = {{0}};
    const char *json = "{\"format\": \"ache\", \"version\": 1, \"checkins\": "
                       "[{\"date\": \"2026-11-20\", \"note\": \"'=x\"}]}";
    ck_assert_int_eq(parse_n(EXCHANGE_JSON, json, strlen(json), &l, &err),
                     ACHE_OK);
    ck_assert_str_eq(l.items[0].note, "'=x");
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_full_row)
{
    struct checkin_list l = {0};
    struct checkin want;
    fill_full(&want);
    const char *csv =
        HEADER FULL_ID ",2026-11-20,08:30,7,5,3,7.5,6,4,2,1,"
        "neck;shoulder-l;lower-back,yoga;magnesium;yoga,"
        "\"Woke at 3, \"\"bad\"\" night\nshoulder, neck\","
        "2026-11-20T08:31:02.123Z,2026-11-21T09:00:00Z\n";
    parse_ok(csv, strlen(csv), &l);
    ck_assert_uint_eq(l.n, 1);
    assert_same_checkin(&l.items[0], &want);
    checkin_free(&want);
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_absent_values)
{
    struct checkin_list l = {0};
    const char *csv = HEADER ",2026-11-20,,,,,,,,,,,,,,\n";
    parse_ok(csv, strlen(csv), &l);
    ck_assert_uint_eq(l.n, 1);
    struct checkin want;
    checkin_init(&want, day("2026-11-20"));
    assert_same_checkin(&l.items[0], &want);
    ck_assert_str_eq(l.items[0].id, "");
    ck_assert_int_eq(l.items[0].minute, CHECKIN_TIME_ABSENT);
    ck_assert_int_eq(l.items[0].value[CF_PAIN], CHECKIN_ABSENT);
    ck_assert_ptr_null(l.items[0].note);
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_subset_in_other_order)
{
    struct checkin_list l = {0};
    const char *csv = "note,sleep_hours,date,pain\n"
                      "first,7.75,2026-11-20,3\n"
                      ",,2026-11-21,\n"
                      "\"third, with comma\",0,2026-11-24,10\n";
    parse_ok(csv, strlen(csv), &l);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_str_eq(l.items[0].note, "first");
    ck_assert_int_eq(l.items[0].value[CF_SLEEP_HOURS], 31);
    ck_assert_int_eq(l.items[0].date, day("2026-11-20"));
    ck_assert_int_eq(l.items[0].value[CF_PAIN], 3);
    ck_assert_int_eq(l.items[0].value[CF_FATIGUE], CHECKIN_ABSENT);
    ck_assert_ptr_null(l.items[1].note);
    ck_assert_int_eq(l.items[1].value[CF_SLEEP_HOURS], CHECKIN_ABSENT);
    ck_assert_int_eq(l.items[1].value[CF_PAIN], CHECKIN_ABSENT);
    ck_assert_str_eq(l.items[2].note, "third, with comma");
    ck_assert_int_eq(l.items[2].value[CF_SLEEP_HOURS], 0);
    ck_assert_int_eq(l.items[2].value[CF_PAIN], 10);
    ck_assert_int_eq(l.items[2].date, TODAY);
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_header_only)
{
    struct checkin_list l = {0};
    parse_ok(HEADER, strlen(HEADER), &l);
    ck_assert_uint_eq(l.n, 0);
    parse_ok("date", 4, &l); /* no line end at all */
    ck_assert_uint_eq(l.n, 0);
    parse_ok("\xEF\xBB\xBF" "date\r\n\r\n", 11, &l);
    ck_assert_uint_eq(l.n, 0);
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_bom_crlf_blank_lines)
{
    struct checkin_list l = {0};
    const char *csv = "\xEF\xBB\xBF\r\n"
                      "date,pain,note\r\n"
                      "\r\n"
                      "2026-11-20,4,\"two\r\nlines\"\r\n"
                      "\n"
                      "2026-11-21,5,last";
    parse_ok(csv, strlen(csv), &l);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_int_eq(l.items[0].value[CF_PAIN], 4);
    ck_assert_str_eq(l.items[0].note, "two\r\nlines");
    ck_assert_int_eq(l.items[1].date, day("2026-11-21"));
    ck_assert_str_eq(l.items[1].note, "last");
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_quoted_header_and_empty_last_field)
{
    struct checkin_list l = {0};
    const char *csv = "\"date\",\"note\",pain\n2026-11-20,\"\",";
    parse_ok(csv, strlen(csv), &l);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_ptr_null(l.items[0].note);
    ck_assert_int_eq(l.items[0].value[CF_PAIN], CHECKIN_ABSENT);
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_appends_to_list)
{
    struct checkin_list l = {0};
    checkin_init(checkin_list_push(&l), day("2020-01-01"));
    strcpy(l.items[0].id, FULL_ID);
    /* the same id as a record already in the list is for the store to
     * judge; only repeats within one file are refused here */
    const char *csv = "id,date\n" FULL_ID ",2026-11-20\n,2026-11-21\n";
    parse_ok(csv, strlen(csv), &l);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_int_eq(l.items[0].date, day("2020-01-01"));
    ck_assert_int_eq(l.items[2].date, day("2026-11-21"));
    checkin_list_free(&l);
}
END_TEST

START_TEST(csv_read_normalises_values)
{
    struct checkin_list l = {0};
    const char *csv = "date,sleep_hours,regions,tags\n"
                      "2026-11-20,7.50, neck ; jaw-l;neck,yoga; heat ;yoga\n";
    parse_ok(csv, strlen(csv), &l);
    ck_assert_int_eq(l.items[0].value[CF_SLEEP_HOURS], 30);
    ck_assert_uint_eq(l.items[0].regions, regions("jaw-l;neck"));
    ck_assert_uint_eq(l.items[0].ntags, 2);
    ck_assert_str_eq(l.items[0].tags[0], "heat");
    ck_assert_str_eq(l.items[0].tags[1], "yoga");
    char *out = write_list(EXCHANGE_CSV, &l);
    ck_assert_str_eq(out, HEADER ",2026-11-20,,,,,7.5,,,,,jaw-l;neck,"
                              "heat;yoga,,,\n");
    free(out);
    checkin_list_free(&l);
}
END_TEST

/* ---- CSV errors -------------------------------------------------------------- */

START_TEST(csv_error_header)
{
    csv_error("id,date,colour\n",
              "diary.csv:1:3: unknown column 'colour' (allowed: " ALLOWED ")");
    csv_error("date,Pain\n",
              "diary.csv:1:2: unknown column 'Pain' (allowed: " ALLOWED ")");
    csv_error("date, pain\n",
              "diary.csv:1:2: unknown column ' pain' (allowed: " ALLOWED ")");
    csv_error("date,pain,\n",
              "diary.csv:1:3: unknown column '' (allowed: " ALLOWED ")");
    csv_error("date,\x1b[31mred\n", "diary.csv:1:2: unknown column "
                                    "'^[[31mred' (allowed: " ALLOWED ")");
    csv_error("\n\ndate,pain,mood,pain\n",
              "diary.csv:3:4: column 'pain' is repeated (first at column 2)");
    csv_error("pain,note\n3,x\n", "diary.csv:1: the header has no 'date' "
                                  "column (every check-in needs a date)");
}
END_TEST

START_TEST(csv_error_header_nul)
{
    csv_error_n("date,pa\0in\n", sizeof "date,pa\0in\n" - 1, "diary.csv:1:2: unknown column "
                                     "'pa^@in' (allowed: " ALLOWED ")");
}
END_TEST

START_TEST(csv_error_empty_file)
{
    const char *msg = "diary.csv:1: empty file (expected a header line "
                      "with the columns: " COLUMNS ")";
    csv_error("", msg);
    csv_error("\xEF\xBB\xBF", msg);
    csv_error("\n\r\n\n",
              "diary.csv:4: empty file (expected a header line with the "
              "columns: " COLUMNS ")");
}
END_TEST

START_TEST(csv_error_field_count)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, HEADER);
    for (int i = 0; i < 4; i++)
        strbuf_append(&sb, ",2026-11-20,,,,,,,,,,,,,,\n");
    strbuf_append(&sb, "\n"); /* line 6, empty, skipped */
    strbuf_append(&sb, ",2026-11-20,,,,,,,,,,,,,\n"); /* line 7 */
    csv_error(sb.data, "diary.csv:7: 15 fields, but the header has 16");
    strbuf_free(&sb);
    csv_error("date,pain\n2026-11-20\n",
              "diary.csv:2: 1 field, but the header has 2");
    csv_error("date,pain\n2026-11-20,1,\n",
              "diary.csv:2: 3 fields, but the header has 2");
}
END_TEST

START_TEST(csv_error_long_records)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "date,pain\n2026-11-20");
    for (int i = 1; i < 100000; i++)
        strbuf_append(&sb, ",\"x\"");
    csv_error(sb.data, "diary.csv:2: 100000 fields, but the header has 2");
    strbuf_reset(&sb);
    strbuf_append(&sb, HEADER);
    sb.data[--sb.len] = '\0';
    strbuf_append(&sb, ",pain,x,y,z\n");
    csv_error(sb.data, "diary.csv:1:17: column 'pain' is repeated (first at "
                       "column 4)");
    strbuf_free(&sb);
}
END_TEST

START_TEST(csv_error_quoting)
{
    csv_error("date,note\n2026-11-20,\"open\nmore\n",
              "diary.csv:2:2: unterminated quoted field (the '\"' that "
              "opens it is never closed)");
    csv_error("date,note\n2026-11-20,\"a\nb\",\"open\n",
              "diary.csv:3:3: unterminated quoted field (the '\"' that "
              "opens it is never closed)");
    csv_error("date,note\n2026-11-20,ab\"c\n",
              "diary.csv:2:2: a '\"' inside an unquoted field (quote the "
              "whole field and write the quote as \"\")");
    csv_error("date,note\n2026-11-20,\"ab\"c\n",
              "diary.csv:2:2: text after the closing quote (a quote inside "
              "a quoted field is written \"\")");
    csv_error("date,note\n2026-11-20,\"ab\" \n",
              "diary.csv:2:2: text after the closing quote (a quote inside "
              "a quoted field is written \"\")");
    csv_error("date,note\n2026-11-20,a\rb\n",
              "diary.csv:2:2: a carriage return outside quotes (line ends "
              "are LF or CRLF; quote a field that holds one)");
    csv_error("date\r2026-11-20\r",
              "diary.csv:1:1: a carriage return outside quotes (line ends "
              "are LF or CRLF; quote a field that holds one)");
}
END_TEST

/* The example of the issue: line 57, field 4. */
START_TEST(csv_error_line_57)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, HEADER);
    for (int line = 2; line < 57; line++)
        strbuf_append(&sb, ",2026-11-20,,5,,,,,,,,,,,,\n");
    strbuf_append(&sb, ",2026-11-20,,11,,,,,,,,,,,,\n");
    strbuf_append(&sb, ",2026-11-20,,12,,,,,,,,,,,,\n");
    csv_error(sb.data, "diary.csv:57:4: pain: 11 is out of range 0-10");
    strbuf_free(&sb);
}
END_TEST

START_TEST(csv_error_line_after_multiline_note)
{
    csv_error("date,note,mood\n"
              "2026-11-20,\"one\ntwo\nthree\",4\n"
              "\n"
              "2026-11-21,fine,x\n",
              "diary.csv:6:3: mood: 'x' is not a whole number (use 0-10)");
}
END_TEST

START_TEST(csv_error_values)
{
    csv_error("date,pain\n2026-11-20,x\n",
              "diary.csv:2:2: pain: 'x' is not a whole number (use 0-10)");
    csv_error("date,fatigue\n2026-11-20,-1\n",
              "diary.csv:2:2: fatigue: -1 is out of range 0-10");
    csv_error("date,activity\n2026-11-20, 3\n",
              "diary.csv:2:2: activity: ' 3' is not a whole number "
              "(use 0-10)");
    csv_error("sleep_hours,date\n7.3,2026-11-20\n",
              "diary.csv:2:1: sleep_hours: 7.3 is not a number of hours "
              "from 0 to 24 in steps of 0.25");
    csv_error("sleep_hours,date\n24.25,2026-11-20\n",
              "diary.csv:2:1: sleep_hours: 24.25 is not a number of hours "
              "from 0 to 24 in steps of 0.25");
    csv_error("date,pain\n2026-11-20,\x1b[2J\n",
              "diary.csv:2:2: pain: control character U+001B is not allowed "
              "(at byte 1)");
}
END_TEST

START_TEST(csv_error_dates_and_times)
{
    csv_error("date\n2026-02-30\n",
              "diary.csv:2:1: date: '2026-02-30' is not a date (use "
              "YYYY-MM-DD)");
    csv_error("date\n24.11.2026\n",
              "diary.csv:2:1: date: '24.11.2026' is not a date (use "
              "YYYY-MM-DD)");
    csv_error("id,date\n,2026-11-25\n",
              "diary.csv:2:2: date: 2026-11-25 is in the future");
    csv_error("pain,date\n3,\n",
              "diary.csv:2:2: date: missing (every check-in needs a date, "
              "YYYY-MM-DD)");
    csv_error("date,time\n2026-11-20,25:00\n",
              "diary.csv:2:2: time: '25:00' is not a time of day (use "
              "HH:MM, 00:00 to 23:59)");
    csv_error("date,time\n2026-11-20,8:30\n",
              "diary.csv:2:2: time: '8:30' is not a time of day (use "
              "HH:MM, 00:00 to 23:59)");
    csv_error("date,created_at\n2026-11-20,2026-11-20 08:00\n",
              "diary.csv:2:2: created_at: '2026-11-20 08:00' is not a UTC "
              "timestamp (use YYYY-MM-DDTHH:MM:SS.mmmZ)");
    csv_error("date,updated_at\n2026-11-20,2026-11-20T08:00:00+01:00\n",
              "diary.csv:2:2: updated_at: '2026-11-20T08:00:00+01:00' is "
              "not a UTC timestamp (use YYYY-MM-DDTHH:MM:SS.mmmZ)");
}
END_TEST

START_TEST(csv_error_ids)
{
    csv_error("id,date\nxyz,2026-11-20\n",
              "diary.csv:2:1: id: 'xyz' is not a check-in id (32 lowercase "
              "hex digits)");
    csv_error("id,date\n0123456789ABCDEF0123456789abcdef,2026-11-20\n",
              "diary.csv:2:1: id: '0123456789ABCDEF0123456789abcdef' is not "
              "a check-in id (32 lowercase hex digits)");
    csv_error("date,id\n2026-11-20," FULL_ID "\n2026-11-21,\n"
              "2026-11-22," FULL_ID "\n",
              "diary.csv:4:2: id: " FULL_ID " is given twice (first at "
              "line 2)");
}
END_TEST

START_TEST(csv_error_regions_and_tags)
{
    csv_error_prefix("date,regions\n2026-11-20,neck;knee\n",
                     "diary.csv:2:2: regions: 'knee' is not a body region "
                     "(use ");
    csv_error_prefix("date,tags\n2026-11-20,yoga;Yoga\n",
                     "diary.csv:2:2: tag: 'Yoga' is not a tag name");
    csv_error_prefix("date,tags\n2026-11-20,\"a,b\"\n",
                     "diary.csv:2:2: tag: 'a,b' is not a tag name");
}
END_TEST

START_TEST(csv_error_note_bytes)
{
    csv_error("date,note\n2026-11-20,ab\xff\n",
              "diary.csv:2:2: note: not valid UTF-8 (at byte 3)");
    csv_error("date,note\n2026-11-20,\"\xc3\"\n",
              "diary.csv:2:2: note: not valid UTF-8 (at byte 1)");
    csv_error("date,note\n2026-11-20,\xed\xa0\x80\n", /* a surrogate */
              "diary.csv:2:2: note: not valid UTF-8 (at byte 1)");
    csv_error_n("date,note\n2026-11-20,a\0b\n",
                sizeof "date,note\n2026-11-20,a\0b\n" - 1,
                "diary.csv:2:2: note: contains a NUL byte (at byte 2)");
    csv_error("date,tags\n2026-11-20,\xc0\xaf\n",
              "diary.csv:2:2: tags: not valid UTF-8 (at byte 1)");
}
END_TEST

START_TEST(csv_note_length_limit)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "date,note\n2026-11-20,");
    for (int i = 0; i < CHECKIN_NOTE_MAX; i++)
        strbuf_putc(&sb, 'a');
    struct checkin_list l = {0};
    parse_ok(sb.data, sb.len, &l);
    ck_assert_uint_eq(strlen(l.items[0].note), CHECKIN_NOTE_MAX);
    checkin_list_free(&l);
    strbuf_putc(&sb, 'a');
    csv_error(sb.data, "diary.csv:2:2: note: 16385 bytes is longer than the "
                       "16384 allowed");
    strbuf_free(&sb);
}
END_TEST

START_TEST(csv_first_error_wins)
{
    csv_error("date,pain,mood\n2026-11-20,1,11\n2026-11-20,11,1\n",
              "diary.csv:2:3: mood: 11 is out of range 0-10");
    csv_error("date,pain,mood\n2026-11-20,11,x\n",
              "diary.csv:2:2: pain: 11 is out of range 0-10");
}
END_TEST

START_TEST(csv_error_without_err_and_name)
{
    struct checkin_list l = {0};
    const char *csv = "date\n2030-01-01\n";
    ck_assert_int_eq(exchange_parse(EXCHANGE_CSV, NULL, csv, strlen(csv),
                                    TODAY, &l, NULL),
                     ACHE_ERR_INVALID);
    struct ache_err err = {{0}};
    ck_assert_int_eq(exchange_parse(EXCHANGE_CSV, NULL, csv, strlen(csv),
                                    TODAY, &l, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "input:2:1: date: 2030-01-01 is in the future");
    checkin_list_free(&l);
}
END_TEST

START_TEST(unknown_format_refused)
{
    struct checkin_list l = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(exchange_parse(EXCHANGE_FORMAT_COUNT, "x.txt", "date\n",
                                    5, TODAY, &l, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "x.txt: unknown import format 3 (use csv or "
                              "json)");
    ck_assert_uint_eq(l.n, 0);
}
END_TEST

/* ---- round trips ------------------------------------------------------------- */

static const char *const round_trip_notes[] = {
    "commas, and \"quotes\", \"\"doubled\"\"",
    "line one\nline two\n",
    "crlf\r\nline\r\n",
    "lone\rcarriage return",
    "tab\there\t",
    " leading and trailing ",
    "   ",
    "\"",
    ",",
    "ألم في الكتف الأيسر بعد العمل",
    "肩の痛みがひどい。眠れなかった",
    "头痛，颈部僵硬",
    "Болит шея, плохо спала",
    "😣 pain 👨‍👩‍👧 family 🏳️‍🌈 👍🏽 🇺🇦",
    "escape \x1b[31m red, bell \x07, del \x7f, c1 \xc2\x85",
    "line sep \xe2\x80\xa8 para sep \xe2\x80\xa9",
    "backslash \\ slash / \\n not a newline",
    "bidi \xe2\x80\xae override \xe2\x81\xa6 isolate \xe2\x81\xa9, rlm \xe2\x80\x8f",
    "osc52 \x1b]52;c;aGk=\x07 csi \xc2\x9b" "2J",
    /* what a spreadsheet would run, and notes that look like the guard */
    "=SUM(A1:A9)",
    "+1",
    "-2 after",
    "@cmd",
    "\tTab first",
    "\rCR first",
    "\r\nCRLF first",
    "=",
    "'=x",
    "''+y",
    "'''-z",
    "'@",
    "'plain",
    "'",
    "''",
    "'\t",
    "a",
};

/* Check-ins with every note above, every field absent and every field
 * present, and sleep hours in quarters. */
static void fill_round_trip(struct checkin_list *l)
{
    static const int quarters[] = {0, 1, 3, 30, 96};
    size_t nnotes = sizeof round_trip_notes / sizeof *round_trip_notes;
    fill_full(checkin_list_push(l));
    checkin_init(checkin_list_push(l), day("0001-01-01"));
    checkin_init(checkin_list_push(l), TODAY);
    for (size_t i = 0; i < nnotes; i++) {
        struct checkin *c = checkin_list_push(l);
        checkin_init(c, day("2026-10-01") + (ache_day)i);
        checkin_set_note(c, round_trip_notes[i]);
        c->minute = (int)i * 79 % 1440;
        c->value[CF_SLEEP_HOURS] = quarters[i % 5];
        c->value[CF_PAIN] = (int)i % 11;
        c->regions = (region_set)(i * 0x9e37u) & REGION_ALL;
        if (i % 2)
            checkin_add_tag(c, i % 4 == 1 ? "long-sitting" : "vitamin_d");
        checkin_add_tag(c, "кофе");
        snprintf(c->id, sizeof c->id, "%032zx", i + 1);
        c->created_at = stamp("1969-12-31T23:59:59.999Z") + (int64_t)i;
        c->updated_at = stamp("9999-12-31T23:59:59.999Z") - (int64_t)i;
    }
    struct checkin *c = checkin_list_push(l);
    checkin_init(c, day("2026-11-23"));
    c->regions = REGION_ALL;
    c->minute = 0;
    c->value[CF_SLEEP_HOURS] = 96;
}

static void assert_round_trip(enum exchange_format f,
                              const struct checkin_list *l)
{
    char *first = write_list(f, l);
    struct checkin_list back = {0};
    struct ache_err err = {{0}};
    enum ache_status st = parse_n(f, first, strlen(first), &back, &err);
    ck_assert_msg(st == ACHE_OK, "%s: %s", exchange_format_name(f), err.msg);
    ck_assert_uint_eq(back.n, l->n);
    for (size_t i = 0; i < l->n; i++)
        assert_same_checkin(&back.items[i], &l->items[i]);
    char *second = write_list(f, &back);
    ck_assert_str_eq(first, second);
    free(first);
    free(second);
    checkin_list_free(&back);
}

START_TEST(round_trip_csv)
{
    struct checkin_list l = {0};
    fill_round_trip(&l);
    assert_round_trip(EXCHANGE_CSV, &l);
    checkin_list_free(&l);
}
END_TEST

START_TEST(round_trip_json)
{
    struct checkin_list l = {0};
    fill_round_trip(&l);
    assert_round_trip(EXCHANGE_JSON, &l);
    checkin_list_free(&l);
}
END_TEST

START_TEST(round_trip_empty)
{
    struct checkin_list l = {0};
    assert_round_trip(EXCHANGE_CSV, &l);
    assert_round_trip(EXCHANGE_JSON, &l);
}
END_TEST

/* JSON and CSV keep every control character exactly; JSON writes control
 * characters, C1, bidi overrides and isolates and the line separators as
 * escapes, so that an export printed on a terminal acts on nothing. */
START_TEST(exports_keep_controls_escaped_and_exact)
{
    struct checkin_list l = {0};
    struct checkin *c = checkin_list_push(&l);
    checkin_init(c, day("2026-11-20"));
    checkin_set_note(c, "\x1b]52;c;aGk=\x07 \xc2\x9b" "2J \xe2\x80\xae"
                        "x\xe2\x81\xa6 \xe2\x80\xa8 \x7f");
    char *json = write_list(EXCHANGE_JSON, &l);
    ck_assert_ptr_nonnull(strstr(json, "\"\\u001b]52;c;aGk=\\u0007 \\u009b2J "
                                       "\\u202ex\\u2066 \\u2028 \\u007f\""));
    for (const char *p = json; *p; p++)
        ck_assert((unsigned char)*p < 0x80 && ((unsigned char)*p >= 0x20 ||
                                               *p == '\n'));
    char *csv = write_list(EXCHANGE_CSV, &l);
    ck_assert_ptr_nonnull(strstr(csv, ",\x1b]52;c;aGk=\x07 \xc2\x9b" "2J "
                                      "\xe2\x80\xae" "x\xe2\x81\xa6 "
                                      "\xe2\x80\xa8 \x7f,"));
    free(json);
    free(csv);
    assert_round_trip(EXCHANGE_JSON, &l);
    assert_round_trip(EXCHANGE_CSV, &l);
    checkin_list_free(&l);
}
END_TEST

/* A tag name with a bidi control is refused from a file too, by the one
 * check of every path, which names it and where. */
START_TEST(imported_tags_refuse_bidi_and_controls)
{
    csv_error("date,tags\n2026-11-20,yoga;ab\xe2\x80\xae" "c\n",
              "diary.csv:2:2: tag: 'ab\xef\xbf\xbd" "c' is not a tag name: "
              "character 3 is U+202E, a bidirectional control (a tag name is "
              "lowercase letters, digits, '-' and '_', starting with a letter "
              "or digit, at most 40 bytes)");
    csv_error_prefix("date,tags\n2026-11-20,x\xc2\x9b\n",
                     "diary.csv:2:2: tag: 'x\xef\xbf\xbd' is not a tag name: "
                     "character 2 is U+009B, a control character");
    csv_error_prefix("date,tags\n2026-11-20,a\x1b" "b\n",
                     "diary.csv:2:2: tag: 'a^[b' is not a tag name: "
                     "character 2 is U+001B, a control character");
    /* around a name, spaces and tabs are trimmed as ever */
    struct checkin_list l = {0};
    const char *ok = "date,tags\n2026-11-20,\tyoga ; heat\t\n";
    parse_ok(ok, strlen(ok), &l);
    ck_assert_uint_eq(l.items[0].ntags, 2);
    checkin_list_free(&l);
}
END_TEST

/* CSV -> check-ins -> JSON -> check-ins -> CSV gives the CSV back. */
START_TEST(round_trip_across_formats)
{
    struct checkin_list l = {0}, mid = {0}, back = {0};
    struct ache_err err = {{0}};
    fill_round_trip(&l);
    char *csv = write_list(EXCHANGE_CSV, &l);
    ck_assert_int_eq(parse_n(EXCHANGE_CSV, csv, strlen(csv), &mid, &err),
                     ACHE_OK);
    char *json = write_list(EXCHANGE_JSON, &mid);
    ck_assert_int_eq(parse_n(EXCHANGE_JSON, json, strlen(json), &back, &err),
                     ACHE_OK);
    char *csv2 = write_list(EXCHANGE_CSV, &back);
    ck_assert_str_eq(csv, csv2);
    free(csv);
    free(json);
    free(csv2);
    checkin_list_free(&l);
    checkin_list_free(&mid);
    checkin_list_free(&back);
}
END_TEST

/* ---- reading one check-in at a time ---------------------------------- */

struct stream_log {
    int calls, stop_at; /* stop_at: the call that fails (0: none) */
    ache_day dates[8];
    const char *data, *last_done; /* the bounds done_before was given */
    int done_calls;
    bool done_went_back;
};

static enum ache_status log_each(struct checkin *c, void *arg,
                                 struct ache_err *err)
{
    struct stream_log *log = arg;
    if (log->calls < 8)
        log->dates[log->calls] = c->date;
    if (++log->calls == log->stop_at)
        return ache_fail(err, ACHE_ERR_IO, "stop here");
    return ACHE_OK;
}

static void log_done(const char *p, void *arg)
{
    struct stream_log *log = arg;
    if (log->last_done && p < log->last_done)
        log->done_went_back = true;
    log->last_done = p;
    log->done_calls++;
}

static enum ache_status read_logged(enum exchange_format f, const char *data,
                                    struct stream_log *log, bool ids_checked,
                                    struct ache_err *err)
{
    struct exchange_reader reader = {.each = log_each,
                                     .done_before = log_done,
                                     .arg = log,
                                     .ids_checked = ids_checked};
    log->data = data;
    return exchange_read(f, f == EXCHANGE_CSV ? "diary.csv" : "diary.json",
                         data, strlen(data), TODAY, &reader, err);
}

START_TEST(stream_in_file_order_and_stops)
{
    const char *csv = "date,pain\n2026-11-20,1\n2026-11-18,2\n"
                      "2026-11-19,3\n2026-11-21,4\n";
    struct stream_log log = {.stop_at = 3};
    struct ache_err err = {{0}};
    ck_assert_int_eq(read_logged(EXCHANGE_CSV, csv, &log, false, &err),
                     ACHE_ERR_IO);
    ck_assert_str_eq(err.msg, "stop here");
    ck_assert_int_eq(log.calls, 3);
    ck_assert_int_eq(log.dates[0], date_from_ymd(2026, 11, 20));
    ck_assert_int_eq(log.dates[1], date_from_ymd(2026, 11, 18));
    ck_assert_int_eq(log.dates[2], date_from_ymd(2026, 11, 19));
    /* Told after each record handed on, never past the data. */
    ck_assert_int_eq(log.done_calls, 2);
    ck_assert(log.last_done > csv && log.last_done <= csv + strlen(csv));
}
END_TEST

START_TEST(stream_bad_record_after_good_ones)
{
    const char *csv = "date,pain\n2026-11-20,1\n2026-11-18,2\n"
                      "2026-11-19,11\n2026-11-21,4\n";
    struct stream_log log = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(read_logged(EXCHANGE_CSV, csv, &log, false, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "diary.csv:4:2: pain: 11 is out of range 0-10");
    ck_assert_int_eq(log.calls, 2);
}
END_TEST

START_TEST(stream_ids_checked_lets_repeats_through)
{
    const char *csv = "id,date\n" FULL_ID ",2026-11-20\n" FULL_ID
                      ",2026-11-21\n";
    struct stream_log log = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(read_logged(EXCHANGE_CSV, csv, &log, true, &err),
                     ACHE_OK);
    ck_assert_int_eq(log.calls, 2);
    log = (struct stream_log){0};
    ck_assert_int_eq(read_logged(EXCHANGE_CSV, csv, &log, false, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "diary.csv:3:1: id: " FULL_ID " is given "
                              "twice (first at line 2)");
    ck_assert_int_eq(log.calls, 1);
}
END_TEST

/* Thousands of ids that share one half or the other (the table grows
 * and must tell them apart), then one given again far from its first. */
START_TEST(stream_many_ids_and_a_late_repeat)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "id,date\n");
    for (unsigned i = 0; i < 5000; i++)
        strbuf_printf(&sb, "%016x%016x,2026-11-20\n", i % 2 ? i : 7u,
                       i % 2 ? 7u : i);
    struct stream_log log = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(read_logged(EXCHANGE_CSV, sb.data, &log, false, &err),
                     ACHE_OK);
    ck_assert_int_eq(log.calls, 5000);
    strbuf_printf(&sb, "%016x%016x,2026-11-21\n", 7u, 1234u);
    log = (struct stream_log){0};
    ck_assert_int_eq(read_logged(EXCHANGE_CSV, sb.data, &log, false, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "diary.csv:5002:1: id: 0000000000000007"
                              "00000000000004d2 is given twice (first at "
                              "line 1236)");
    ck_assert_int_eq(log.calls, 5000);
    strbuf_free(&sb);
}
END_TEST

/* JSON is read twice (the top level, then the check-ins): done_before
 * hears of both passes, going back once. */
START_TEST(stream_json_tells_both_passes)
{
    const char *doc = "{\"format\": \"ache\", \"version\": 1, "
                      "\"checkins\": [{\"date\": \"2026-11-20\"}, "
                      "{\"date\": \"2026-11-21\"}]}";
    struct stream_log log = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(read_logged(EXCHANGE_JSON, doc, &log, false, &err),
                     ACHE_OK);
    ck_assert_int_eq(log.calls, 2);
    ck_assert_int_eq(log.done_calls, 4);
    ck_assert(log.done_went_back);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("exchange");
    TCase *names = tcase_create("names");
    tcase_add_test(names, column_names_in_file_order);
    tcase_add_test(names, format_names);
    tcase_add_test(names, format_from_path);
    tcase_add_test(names, unknown_format_refused);
    suite_add_tcase(s, names);

    TCase *w = tcase_create("csv_write");
    tcase_add_test(w, csv_write_full_and_empty);
    tcase_add_test(w, csv_write_header_only);
    tcase_add_test(w, csv_write_quotes_only_when_needed);
    tcase_add_test(w, csv_write_neutralises_formulas);
    suite_add_tcase(s, w);

    TCase *r = tcase_create("csv_read");
    tcase_add_test(r, csv_read_full_row);
    tcase_add_test(r, csv_read_absent_values);
    tcase_add_test(r, csv_read_subset_in_other_order);
    tcase_add_test(r, csv_read_header_only);
    tcase_add_test(r, csv_read_bom_crlf_blank_lines);
    tcase_add_test(r, csv_read_quoted_header_and_empty_last_field);
    tcase_add_test(r, csv_read_appends_to_list);
    tcase_add_test(r, csv_read_normalises_values);
    tcase_add_test(r, csv_read_takes_one_apostrophe_off_formulas);
    suite_add_tcase(s, r);

    TCase *e = tcase_create("csv_errors");
    tcase_add_test(e, csv_error_header);
    tcase_add_test(e, csv_error_header_nul);
    tcase_add_test(e, csv_error_empty_file);
    tcase_add_test(e, csv_error_field_count);
    tcase_add_test(e, csv_error_long_records);
    tcase_add_test(e, csv_error_quoting);
    tcase_add_test(e, csv_error_line_57);
    tcase_add_test(e, csv_error_line_after_multiline_note);
    tcase_add_test(e, csv_error_values);
    tcase_add_test(e, csv_error_dates_and_times);
    tcase_add_test(e, csv_error_ids);
    tcase_add_test(e, csv_error_regions_and_tags);
    tcase_add_test(e, imported_tags_refuse_bidi_and_controls);
    tcase_add_test(e, csv_error_note_bytes);
    tcase_add_test(e, csv_note_length_limit);
    tcase_add_test(e, csv_first_error_wins);
    tcase_add_test(e, csv_error_without_err_and_name);
    suite_add_tcase(s, e);

    TCase *st = tcase_create("streaming");
    tcase_add_test(st, stream_in_file_order_and_stops);
    tcase_add_test(st, stream_bad_record_after_good_ones);
    tcase_add_test(st, stream_ids_checked_lets_repeats_through);
    tcase_add_test(st, stream_many_ids_and_a_late_repeat);
    tcase_add_test(st, stream_json_tells_both_passes);
    suite_add_tcase(s, st);

    TCase *rt = tcase_create("round_trip");
    tcase_add_test(rt, round_trip_csv);
    tcase_add_test(rt, round_trip_json);
    tcase_add_test(rt, round_trip_empty);
    tcase_add_test(rt, round_trip_across_formats);
    tcase_add_test(rt, exports_keep_controls_escaped_and_exact);
    suite_add_tcase(s, rt);
    return s;
}

ACHE_TEST_MAIN(make_suite)
