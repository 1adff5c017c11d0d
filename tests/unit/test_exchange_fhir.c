/* exchange: the FHIR R4 export. The Bundle is read back with SQLite's JSON
 * functions, so the checks are about the parsed document (every entry an
 * Observation with what FHIR requires), not about how it happens to be
 * spaced; one test pins the exact bytes of a small check-in. */
#include "testutil.h"

#include <sqlite3.h>
#include <time.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/regions.h"

#define FULL_ID "0123456789abcdef0123456789abcdef"
#define OTHER_ID "0123456789abcdef0123456789abcdee"
#define CET "CET-1CEST,M3.5.0,M10.5.0/3"

static sqlite3 *db;
static char *saved_tz;

/* Each test gets a fresh in-memory database for the JSON functions and
 * may change TZ; both are put back (this matters with CK_FORK=no). */
static void setup(void)
{
    const char *tz = getenv("TZ");
    saved_tz = tz ? xstrdup(tz) : NULL;
    setenv("TZ", "UTC0", 1);
    tzset();
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
}

static void teardown(void)
{
    sqlite3_close(db);
    db = NULL;
    if (saved_tz)
        setenv("TZ", saved_tz, 1);
    else
        unsetenv("TZ");
    free(saved_tz);
    saved_tz = NULL;
    tzset();
}

static void use_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

static ache_day day(const char *iso)
{
    ache_day d = 0;
    ck_assert_msg(date_parse_iso(iso, &d), "bad date in test: %s", iso);
    return d;
}

/* ---- reading the document back ------------------------------------------- */

/* One SQL expression over the document bound as ?1; NULL for SQL NULL.
 * The caller frees the text. */
static char *sql_text(const char *doc, const char *expr)
{
    char *sql = xasprintf("SELECT %s", expr);
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "%s: %s", sql,
                  sqlite3_errmsg(db));
    const unsigned char *t = sqlite3_column_text(st, 0);
    char *out = t ? xstrdup((const char *)t) : NULL;
    sqlite3_finalize(st);
    free(sql);
    return out;
}

static long sql_long(const char *doc, const char *expr)
{
    char *t = sql_text(doc, expr);
    ck_assert_msg(t != NULL, "%s is NULL", expr);
    long v = strtol(t, NULL, 10);
    free(t);
    return v;
}

static void expect_sql(const char *doc, const char *expr, const char *want)
{
    char *got = sql_text(doc, expr);
    if (!want)
        ck_assert_msg(!got, "%s: '%s', expected NULL", expr, got);
    else
        ck_assert_msg(got && strcmp(got, want) == 0, "%s: '%s', expected '%s'",
                      expr, got ? got : "NULL", want);
    free(got);
}

/* The resource of the Observation with the given id, as a JSON path. */
#define OBS(id, path)                                                       \
    "(SELECT json_extract(e.value, '$.resource" path "') FROM "             \
    "json_each(?1, '$.entry') e WHERE json_extract(e.value, "               \
    "'$.resource.id') = '" id "')"

/* Entries lacking anything FHIR requires of them, or that ache promises:
 * an Observation, final, category survey, a coded code, the effective
 * time as a FHIR dateTime, a value, a FHIR id, a urn:uuid fullUrl (RFC
 * 9562 version 8). Must be 0; coalesce, as a missing member makes the
 * test NULL rather than false. */
static const char bad_entries[] =
    "(SELECT count(*) FROM (SELECT json_extract(value, '$.resource') AS r, "
    "json_extract(value, '$.fullUrl') AS url FROM json_each(?1, '$.entry')) "
    "WHERE NOT coalesce(("
    "json_extract(r, '$.resourceType') = 'Observation' AND "
    "json_extract(r, '$.status') = 'final' AND "
    "json_extract(r, '$.category[0].coding[0].system') = "
    "'http://terminology.hl7.org/CodeSystem/observation-category' AND "
    "json_extract(r, '$.category[0].coding[0].code') = 'survey' AND "
    "length(json_extract(r, '$.code.coding[0].system')) > 0 AND "
    "length(json_extract(r, '$.code.coding[0].code')) > 0 AND "
    "length(json_extract(r, '$.code.text')) > 0 AND "
    "(json_extract(r, '$.effectiveDateTime') GLOB "
    "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR "
    "json_extract(r, '$.effectiveDateTime') GLOB "
    "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:00"
    "[+-][0-9][0-9]:[0-9][0-9]') AND "
    "(json_type(r, '$.valueInteger') = 'integer' OR "
    "json_type(r, '$.valueQuantity.value') IN ('integer', 'real')) AND "
    "length(json_extract(r, '$.id')) BETWEEN 1 AND 64 AND "
    "json_extract(r, '$.id') NOT GLOB '*[^A-Za-z0-9.-]*' AND "
    "url GLOB 'urn:uuid:"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-8[0-9a-f][0-9a-f][0-9a-f]-"
    "[89ab][0-9a-f][0-9a-f][0-9a-f]-"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), 0))";

/* A valid Bundle of `entries` well-formed Observations with unique
 * fullUrls and ids. */
static void expect_bundle(const char *doc, long entries)
{
    expect_sql(doc, "json_valid(?1)", "1");
    expect_sql(doc, "json_extract(?1, '$.resourceType')", "Bundle");
    expect_sql(doc, "json_extract(?1, '$.type')", "collection");
    /* FHIR allows no empty arrays: no Observations, no "entry" */
    expect_sql(doc, "json_type(?1, '$.entry')", entries ? "array" : NULL);
    if (!entries)
        return;
    ck_assert_int_eq(sql_long(doc, "json_array_length(?1, '$.entry')"),
                     entries);
    ck_assert_int_eq(sql_long(doc, bad_entries), 0);
    ck_assert_int_eq(sql_long(doc, "(SELECT count(DISTINCT json_extract("
                                   "value, '$.fullUrl')) FROM "
                                   "json_each(?1, '$.entry'))"),
                     entries);
    ck_assert_int_eq(sql_long(doc, "(SELECT count(DISTINCT json_extract("
                                   "value, '$.resource.id')) FROM "
                                   "json_each(?1, '$.entry'))"),
                     entries);
}

/* ---- writing ------------------------------------------------------------- */

/* Every rating, regions, a tag, a note, time and stamps. */
static void full_checkin(struct checkin *c)
{
    static const int values[CF_COUNT] = {7, 5, 3, 30, 6, 4, 2, 1};
    checkin_init(c, day("2026-11-20"));
    strcpy(c->id, FULL_ID);
    c->minute = 8 * 60 + 30;
    memcpy(c->value, values, sizeof values);
    ck_assert_int_eq(region_set_parse("neck;shoulder-l;lower-back", ';',
                                      &c->regions, NULL),
                     ACHE_OK);
    checkin_add_tag(c, "yoga");
    checkin_set_note(c, "Woke at 3, \"bad\" night\nshoulder");
    ck_assert(stamp_parse("2026-11-20T08:31:02.123Z", &c->created_at));
    ck_assert(stamp_parse("2026-11-21T09:00:00Z", &c->updated_at));
}

/* The Bundle of n check-ins, as the CLI writes it; *records (if given)
 * gets the Observations each check-in gave. */
static char *write_bundle(const struct checkin *cs, size_t n, bool notes,
                          size_t *records)
{
    struct strbuf sb = {0};
    struct exchange_opts opts = {.notes = notes};
    size_t count = 0;
    exchange_write_begin(EXCHANGE_FHIR, &sb);
    for (size_t i = 0; i < n; i++) {
        size_t k = exchange_write_checkin_opts(EXCHANGE_FHIR, &cs[i], count,
                                               &opts, &sb);
        if (records)
            records[i] = k;
        count += k;
    }
    exchange_write_end(EXCHANGE_FHIR, count, &sb);
    return strbuf_take(&sb);
}

static void free_all(struct checkin *cs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        checkin_free(&cs[i]);
}

START_TEST(write_one_observation_per_rating)
{
    struct checkin cs[3];
    size_t records[3];
    full_checkin(&cs[0]);
    checkin_init(&cs[1], day("2026-11-21")); /* no ratings: no Observation */
    checkin_set_note(&cs[1], "nothing rated");
    checkin_init(&cs[2], day("2026-11-22")); /* not stored: no id yet */
    cs[2].value[CF_FATIGUE] = 2;
    char *doc = write_bundle(cs, 3, false, records);
    ck_assert_uint_eq(records[0], CF_COUNT);
    ck_assert_uint_eq(records[1], 0);
    ck_assert_uint_eq(records[2], 1);
    expect_bundle(doc, CF_COUNT + 1);
    /* in field order, with ids from the check-in id and the field */
    expect_sql(doc, "json_extract(?1, '$.entry[0].resource.id')",
               FULL_ID "-pain");
    expect_sql(doc, "json_extract(?1, '$.entry[3].resource.id')",
               FULL_ID "-sleep-hours");
    expect_sql(doc, "json_extract(?1, '$.entry[8].resource.id')",
               "new8-fatigue");
    expect_sql(doc, OBS("new8-fatigue", ".effectiveDateTime"), "2026-11-22");
    expect_sql(doc, OBS("new8-fatigue", ".issued"), NULL);
    free(doc);
    free_all(cs, 3);
}
END_TEST

START_TEST(write_codes_and_values)
{
    struct checkin c;
    full_checkin(&c);
    char *doc = write_bundle(&c, 1, false, NULL);
    expect_bundle(doc, CF_COUNT);
    expect_sql(doc, OBS(FULL_ID "-pain", ".code.coding[0].system"),
               "http://loinc.org");
    expect_sql(doc, OBS(FULL_ID "-pain", ".code.coding[0].code"), "72514-3");
    expect_sql(doc, OBS(FULL_ID "-pain", ".code.text"),
               "Pain (0 none to 10 worst imaginable)");
    expect_sql(doc, OBS(FULL_ID "-pain", ".valueInteger"), "7");
    expect_sql(doc, OBS(FULL_ID "-sleep-hours", ".code.coding[0].system"),
               "http://loinc.org");
    expect_sql(doc, OBS(FULL_ID "-sleep-hours", ".code.coding[0].code"),
               "93832-4");
    expect_sql(doc, OBS(FULL_ID "-sleep-hours", ".valueQuantity.value"),
               "7.5");
    expect_sql(doc, OBS(FULL_ID "-sleep-hours", ".valueQuantity.unit"), "h");
    expect_sql(doc, OBS(FULL_ID "-sleep-hours", ".valueQuantity.system"),
               "http://unitsofmeasure.org");
    expect_sql(doc, OBS(FULL_ID "-sleep-hours", ".valueQuantity.code"), "h");
    expect_sql(doc, OBS(FULL_ID "-sleep-quality", ".code.coding[0].system"),
               "urn:ache:rating");
    expect_sql(doc, OBS(FULL_ID "-sleep-quality", ".code.coding[0].code"),
               "sleep_quality");
    expect_sql(doc, OBS(FULL_ID "-sleep-quality", ".code.text"),
               "Sleep quality (0 unrefreshed to 10 fully restored)");
    expect_sql(doc, OBS(FULL_ID "-mood", ".valueInteger"), "2");
    expect_sql(doc, OBS(FULL_ID "-fog", ".code.coding[0].display"),
               "Brain fog");
    /* the time this version of the values was made: updated_at */
    expect_sql(doc, OBS(FULL_ID "-fog", ".issued"),
               "2026-11-21T09:00:00.000Z");
    free(doc);
    checkin_free(&c);
}
END_TEST

START_TEST(write_regions_on_pain_only)
{
    struct checkin c[2];
    full_checkin(&c[0]);
    checkin_init(&c[1], day("2026-11-21"));
    strcpy(c[1].id, OTHER_ID);
    c[1].value[CF_MOOD] = 5; /* regions but no pain: nowhere to put them */
    c[1].regions = 1u << region_find("chest");
    char *doc = write_bundle(c, 2, false, NULL);
    expect_bundle(doc, CF_COUNT + 1);
    expect_sql(doc, OBS(FULL_ID "-pain", ".bodySite.text"),
               "left shoulder, neck, lower back");
    ck_assert_int_eq(sql_long(doc, "(SELECT count(*) FROM json_each(?1, "
                                   "'$.entry') WHERE json_type(value, "
                                   "'$.resource.bodySite') IS NOT NULL)"),
                     1);
    free(doc);
    free_all(c, 2);
}
END_TEST

static long notes_in(const char *doc)
{
    return sql_long(doc, "(SELECT count(*) FROM json_each(?1, '$.entry') "
                         "WHERE json_type(value, '$.resource.note') "
                         "IS NOT NULL)");
}

START_TEST(write_notes_only_when_asked)
{
    struct checkin c[2];
    full_checkin(&c[0]);
    checkin_init(&c[1], day("2026-11-21")); /* no pain: on the first */
    strcpy(c[1].id, OTHER_ID);
    c[1].value[CF_STIFFNESS] = 4;
    c[1].value[CF_MOOD] = 6;
    checkin_set_note(&c[1], "second");
    char *without = write_bundle(c, 2, false, NULL);
    expect_bundle(without, CF_COUNT + 2);
    ck_assert_int_eq(notes_in(without), 0);
    ck_assert_ptr_null(strstr(without, "Woke"));
    char *with = write_bundle(c, 2, true, NULL);
    expect_bundle(with, CF_COUNT + 2);
    ck_assert_int_eq(notes_in(with), 2);
    expect_sql(with, OBS(FULL_ID "-pain", ".note[0].text"),
               "Woke at 3, \"bad\" night\nshoulder");
    expect_sql(with, OBS(OTHER_ID "-stiffness", ".note[0].text"), "second");
    free(without);
    free(with);
    free_all(c, 2);
}
END_TEST

START_TEST(write_default_leaves_notes_out)
{
    struct checkin c;
    struct strbuf sb = {0};
    full_checkin(&c);
    ck_assert_uint_eq(exchange_write_checkin(EXCHANGE_FHIR, &c, 0, &sb),
                      CF_COUNT);
    ck_assert_ptr_null(strstr(sb.data, "\"note\""));
    ck_assert_ptr_null(strstr(sb.data, "Woke"));
    strbuf_free(&sb);
    checkin_free(&c);
}
END_TEST

START_TEST(write_escapes_notes)
{
    static const char note[] = "q\" b\\ / \n\r\t \x01 \x1b \xc2\x85 "
                               "\xe2\x80\xa8 \xc3\xa9 \xf0\x9f\x98\x80 end";
    struct checkin c;
    checkin_init(&c, day("2026-01-02"));
    strcpy(c.id, FULL_ID);
    c.value[CF_PAIN] = 3;
    checkin_set_note(&c, note);
    char *doc = write_bundle(&c, 1, true, NULL);
    expect_bundle(doc, 1);
    /* reads back as written, and no raw control character is in the file */
    expect_sql(doc, OBS(FULL_ID "-pain", ".note[0].text"), note);
    for (const char *p = doc; *p; p++)
        ck_assert_msg((unsigned char)*p >= 0x20 || *p == '\n',
                      "raw control character 0x%02x", (unsigned char)*p);
    ck_assert_ptr_null(strstr(doc, "\xc2\x85"));
    ck_assert_ptr_null(strstr(doc, "\xe2\x80\xa8"));
    free(doc);
    checkin_free(&c);
}
END_TEST

START_TEST(write_is_deterministic)
{
    struct checkin c[2];
    full_checkin(&c[0]);
    full_checkin(&c[1]);
    strcpy(c[1].id, OTHER_ID); /* one digit apart */
    char *a = write_bundle(c, 2, true, NULL);
    char *b = write_bundle(c, 2, true, NULL);
    ck_assert_str_eq(a, b);
    expect_bundle(a, 2 * CF_COUNT); /* unique fullUrls across both */
    free(a);
    free(b);
    free_all(c, 2);
}
END_TEST

START_TEST(write_exact_bytes)
{
    struct checkin c;
    checkin_init(&c, day("2026-11-24"));
    strcpy(c.id, FULL_ID);
    c.minute = 8 * 60 + 30;
    c.value[CF_PAIN] = 5;
    c.regions = 1u << region_find("neck");
    char *doc = write_bundle(&c, 1, false, NULL);
    ck_assert_str_eq(
        doc,
        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", "
        "\"entry\": [\n"
        "  {\"fullUrl\": \"urn:uuid:0722b40d-f42c-8941-b32b-46b3e7017360\", "
        "\"resource\": {\"resourceType\": "
        "\"Observation\", \"id\": \"" FULL_ID "-pain\", \"status\": "
        "\"final\", \"category\": [{\"coding\": [{\"system\": "
        "\"http://terminology.hl7.org/CodeSystem/observation-category\", "
        "\"code\": \"survey\", \"display\": \"Survey\"}]}], \"code\": "
        "{\"coding\": [{\"system\": \"http://loinc.org\", \"code\": "
        "\"72514-3\", \"display\": \"Pain severity - 0-10 verbal numeric "
        "rating [Score] - Reported\"}], \"text\": \"Pain (0 none to 10 "
        "worst imaginable)\"}, \"effectiveDateTime\": "
        "\"2026-11-24T08:30:00+00:00\", \"valueInteger\": 5, \"bodySite\": "
        "{\"text\": \"neck\"}}}\n"
        "]}\n");
    free(doc);
    checkin_free(&c);
}
END_TEST

START_TEST(write_empty_bundle)
{
    struct checkin c;
    checkin_init(&c, day("2026-11-24"));
    checkin_set_note(&c, "only a note");
    c.regions = 1u << region_find("neck");
    char *none = write_bundle(NULL, 0, true, NULL);
    char *unrated = write_bundle(&c, 1, true, NULL);
    ck_assert_str_eq(none, "{\"resourceType\": \"Bundle\", \"type\": "
                           "\"collection\"}\n");
    ck_assert_str_eq(unrated, none);
    expect_bundle(none, 0);
    free(none);
    free(unrated);
    checkin_free(&c);
}
END_TEST

/* effectiveDateTime of a check-in at `date` and `time` (NULL: none). */
static char *effective(const char *date, const char *time)
{
    struct checkin c;
    checkin_init(&c, day(date));
    strcpy(c.id, FULL_ID);
    c.value[CF_PAIN] = 1;
    if (time)
        ck_assert(time_parse(time, &c.minute));
    char *doc = write_bundle(&c, 1, false, NULL);
    expect_bundle(doc, 1);
    char *t = sql_text(doc, "json_extract(?1, "
                            "'$.entry[0].resource.effectiveDateTime')");
    free(doc);
    checkin_free(&c);
    return t;
}

static void expect_effective(const char *date, const char *time,
                             const char *want)
{
    char *got = effective(date, time);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(write_effective_local_offset)
{
    /* a time needs an offset in FHIR: the local zone's, DST included */
    expect_effective("2026-11-24", "08:30", "2026-11-24T08:30:00+00:00");
    expect_effective("2026-11-24", NULL, "2026-11-24");
    use_tz(CET);
    expect_effective("2026-01-15", "23:59", "2026-01-15T23:59:00+01:00");
    expect_effective("2026-07-01", "00:00", "2026-07-01T00:00:00+02:00");
    expect_effective("2026-03-29", "01:59", "2026-03-29T01:59:00+01:00");
    expect_effective("2026-03-29", "03:00", "2026-03-29T03:00:00+02:00");
    use_tz("EST5EDT,M3.2.0,M11.1.0");
    expect_effective("2026-01-15", "07:00", "2026-01-15T07:00:00-05:00");
    expect_effective("2026-07-15", "21:15", "2026-07-15T21:15:00-04:00");
    use_tz("IST-5:30");
    expect_effective("2024-02-29", "12:00", "2024-02-29T12:00:00+05:30");
    use_tz("NPT-5:45");
    expect_effective("2026-11-24", "06:05", "2026-11-24T06:05:00+05:45");
}
END_TEST

/* ---- formats and refusing to import -------------------------------------- */

START_TEST(format_names)
{
    enum exchange_format f = EXCHANGE_FORMAT_COUNT;
    ck_assert_str_eq(exchange_format_name(EXCHANGE_FHIR), "fhir");
    ck_assert(exchange_format_parse("fhir", &f) && f == EXCHANGE_FHIR);
    ck_assert(!exchange_format_parse("FHIR", &f));
    ck_assert(exchange_format_from_path("bundle.json", &f) &&
              f == EXCHANGE_JSON);
    ck_assert(exchange_format_from_path("bundle.FHIR", &f) &&
              f == EXCHANGE_FHIR);
    ck_assert(exchange_format_from_path("a.csv", &f) && f == EXCHANGE_CSV);
}
END_TEST

START_TEST(import_refused)
{
    static const char doc[] = "{\"resourceType\": \"Bundle\"}";
    struct checkin_list l = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(exchange_parse(EXCHANGE_FHIR, "b.json", doc,
                                    strlen(doc), day("2026-11-24"), &l, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "fhir: ache cannot import FHIR (export only)");
    ck_assert_uint_eq(l.n, 0);
    checkin_list_free(&l);
}
END_TEST

START_TEST(other_formats_count_one_record_each)
{
    struct checkin c;
    struct strbuf sb = {0};
    full_checkin(&c);
    ck_assert_uint_eq(exchange_write_checkin(EXCHANGE_CSV, &c, 0, &sb), 1);
    ck_assert_uint_eq(exchange_write_checkin(EXCHANGE_JSON, &c, 0, &sb), 1);
    strbuf_free(&sb);
    checkin_free(&c);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("exchange_fhir");
    TCase *w = tcase_create("write");
    tcase_add_checked_fixture(w, setup, teardown);
    tcase_add_test(w, write_one_observation_per_rating);
    tcase_add_test(w, write_codes_and_values);
    tcase_add_test(w, write_regions_on_pain_only);
    tcase_add_test(w, write_notes_only_when_asked);
    tcase_add_test(w, write_default_leaves_notes_out);
    tcase_add_test(w, write_escapes_notes);
    tcase_add_test(w, write_is_deterministic);
    tcase_add_test(w, write_exact_bytes);
    tcase_add_test(w, write_empty_bundle);
    tcase_add_test(w, write_effective_local_offset);
    suite_add_tcase(s, w);

    TCase *f = tcase_create("formats");
    tcase_add_test(f, format_names);
    tcase_add_test(f, import_refused);
    tcase_add_test(f, other_formats_count_one_record_each);
    suite_add_tcase(s, f);
    return s;
}

ACHE_TEST_MAIN(make_suite)
