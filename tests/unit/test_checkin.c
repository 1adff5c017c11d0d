/* Unit tests of the domain: the check-in record, its field table and
 * validation, body regions and tag names. */
#include "testutil.h"

#include "ache/checkin.h"
#include "ache/regions.h"
#include "ache/tags.h"

static struct ache_err err;

static void expect_parse_error(enum checkin_field f, const char *text,
                               const char *message)
{
    int steps = 99;
    ck_assert_int_eq(checkin_parse_value(f, text, &steps, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, message);
    ck_assert_int_eq(steps, 99);
}

START_TEST(test_field_table)
{
    ck_assert_str_eq(checkin_field_info(CF_PAIN)->name, "pain");
    ck_assert_str_eq(checkin_field_info(CF_SLEEP_QUALITY)->option, "sleep");
    ck_assert_int_eq(checkin_field_info(CF_SLEEP_HOURS)->max_steps, 96);
    ck_assert(checkin_field_info(CF_MOOD)->higher_is_better);
    ck_assert(!checkin_field_info(CF_FOG)->higher_is_better);
    ck_assert_int_eq(checkin_field_find("sleep"), CF_SLEEP_QUALITY);
    ck_assert_int_eq(checkin_field_find("sleep_quality"), CF_SLEEP_QUALITY);
    ck_assert_int_eq(checkin_field_find("sleep-hours"), CF_SLEEP_HOURS);
    ck_assert_int_eq(checkin_field_find("sleep_hours"), CF_SLEEP_HOURS);
    ck_assert_int_eq(checkin_field_find("activity"), CF_ACTIVITY);
    ck_assert_int_eq(checkin_field_find("Pain"), CF_COUNT);
    ck_assert_int_eq(checkin_field_find(""), CF_COUNT);
    ck_assert_ptr_null(checkin_field_info(CF_COUNT));
    /* every field is a rating but sleep hours, kept in quarters */
    for (int f = 0; f < CF_COUNT; f++) {
        const struct field_info *fi = checkin_field_info(f);
        ck_assert_int_eq(fi->kind,
                         f == CF_SLEEP_HOURS ? FIELD_HOURS : FIELD_RATING);
        ck_assert_int_eq(fi->steps_per_unit, fi->kind == FIELD_HOURS ? 4 : 1);
    }
    /* a band of symptom words for ratings, none for hours */
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 8), "severe");
    ck_assert_str_eq(checkin_value_band(CF_SLEEP_HOURS, 8), "");
}
END_TEST

START_TEST(test_parse_ratings)
{
    int steps;
    for (int v = 0; v <= 10; v++) {
        char text[12];
        snprintf(text, sizeof text, "%d", v);
        ck_assert_int_eq(checkin_parse_value(CF_PAIN, text, &steps, &err),
                         ACHE_OK);
        ck_assert_int_eq(steps, v);
    }
    expect_parse_error(CF_PAIN, "11", "pain: 11 is out of range 0-10");
    expect_parse_error(CF_FATIGUE, "-1", "fatigue: -1 is out of range 0-10");
    expect_parse_error(CF_MOOD, "", "mood: '' is not a whole number (use 0-10)");
    expect_parse_error(CF_MOOD, "5.0",
                       "mood: '5.0' is not a whole number (use 0-10)");
    expect_parse_error(CF_FOG, "+5", "fog: '+5' is not a whole number (use 0-10)");
    expect_parse_error(CF_FOG, " 5", "fog: ' 5' is not a whole number (use 0-10)");
    expect_parse_error(CF_ACTIVITY, "99999999999999999999",
                       "activity: '99999999999999999999' is not a whole "
                       "number (use 0-10)");
}
END_TEST

START_TEST(test_parse_sleep_hours)
{
    static const struct {
        const char *text;
        int quarters;
    } good[] = {{"0", 0},      {"7", 28},    {"7.5", 30}, {"7.25", 29},
                {"7.75", 31},  {"7.50", 30}, {"24", 96},  {"24.0", 96},
                {"0.2500", 1}, {"07", 28}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int steps = -5;
        ck_assert_msg(checkin_parse_value(CF_SLEEP_HOURS, good[i].text,
                                          &steps, &err) == ACHE_OK,
                      "%s refused: %s", good[i].text, err.msg);
        ck_assert_int_eq(steps, good[i].quarters);
    }
    static const char *const bad[] = {"7.3", "24.25", "25", "-1", "7.",
                                      ".5", "7,5", "abc", "", "7.5h",
                                      "1e1", "7.125"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[160];
        snprintf(want, sizeof want,
                 "sleep_hours: %s is not a number of hours from 0 to 24 in "
                 "steps of 0.25",
                 bad[i]);
        expect_parse_error(CF_SLEEP_HOURS, bad[i], want);
    }
}
END_TEST

/* A value quoted in a message shows its controls: the CSV importer
 * passed a bidi override in sleep_hours to the terminal (make fuzz). */
START_TEST(test_parse_value_quotes_safely)
{
    expect_parse_error(CF_SLEEP_HOURS, "\xe2\x80\xae\xe2\x81\xa6 72750",
                       "sleep_hours: \xef\xbf\xbd\xef\xbf\xbd 72750 is not "
                       "a number of hours from 0 to 24 in steps of 0.25");
    expect_parse_error(CF_PAIN, "\x1b[2J\xc2\x9b",
                       "pain: '^[[2J\xef\xbf\xbd' is not a whole number "
                       "(use 0-10)");
    /* and a region's code (a CSV import's regions, make fuzz) */
    region_set set;
    ck_assert_int_eq(region_set_parse("neck,ne\xe2\x80\xae" "er-back", ',', &set,
                                      &err),
                     ACHE_ERR_INVALID);
    ck_assert(strstr(err.msg, "regions: 'ne\xef\xbf\xbd" "er-back' is not a "
                              "body region (use ") == err.msg);
}
END_TEST

START_TEST(test_format_values)
{
    char buf[16];
    ck_assert_str_eq(checkin_format_value(CF_SLEEP_HOURS, 30, buf, sizeof buf),
                     "7.5");
    ck_assert_str_eq(checkin_format_value(CF_SLEEP_HOURS, 29, buf, sizeof buf),
                     "7.25");
    ck_assert_str_eq(checkin_format_value(CF_SLEEP_HOURS, 31, buf, sizeof buf),
                     "7.75");
    ck_assert_str_eq(checkin_format_value(CF_SLEEP_HOURS, 96, buf, sizeof buf),
                     "24");
    ck_assert_str_eq(checkin_format_value(CF_PAIN, 0, buf, sizeof buf), "0");
    ck_assert_str_eq(checkin_format_value(CF_PAIN, CHECKIN_ABSENT, buf,
                                          sizeof buf),
                     "");
}
END_TEST

START_TEST(test_bands)
{
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 0), "none");
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 1), "mild");
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 3), "mild");
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 4), "moderate");
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 6), "moderate");
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 7), "severe");
    ck_assert_str_eq(checkin_value_band(CF_PAIN, 10), "severe");
    ck_assert_str_eq(checkin_value_band(CF_SLEEP_QUALITY, 2), "poor");
    ck_assert_str_eq(checkin_value_band(CF_MOOD, 9), "good");
    ck_assert_str_eq(checkin_value_band(CF_ACTIVITY, 0), "rested");
    ck_assert_str_eq(checkin_value_band(CF_ACTIVITY, 8), "strenuous");
    ck_assert_str_eq(checkin_value_band(CF_SLEEP_HOURS, 30), "");
    ck_assert_str_eq(checkin_value_band(CF_PAIN, CHECKIN_ABSENT), "");
}
END_TEST

START_TEST(test_tags_sorted_unique)
{
    struct checkin c;
    checkin_init(&c, 100);
    checkin_add_tag(&c, "yoga");
    checkin_add_tag(&c, "heat");
    checkin_add_tag(&c, "yoga");
    checkin_add_tag(&c, "magnesium");
    ck_assert_uint_eq(c.ntags, 3);
    ck_assert_str_eq(c.tags[0], "heat");
    ck_assert_str_eq(c.tags[1], "magnesium");
    ck_assert_str_eq(c.tags[2], "yoga");
    ck_assert(checkin_has_tag(&c, "magnesium"));
    ck_assert(!checkin_has_tag(&c, "stress"));
    ck_assert(checkin_remove_tag(&c, "magnesium"));
    ck_assert(!checkin_remove_tag(&c, "magnesium"));
    ck_assert_uint_eq(c.ntags, 2);
    ck_assert_str_eq(c.tags[1], "yoga");
    struct checkin copy;
    checkin_set_note(&c, "a note");
    checkin_copy(&copy, &c);
    checkin_free(&c);
    ck_assert_uint_eq(copy.ntags, 2);
    ck_assert_str_eq(copy.note, "a note");
    checkin_free(&copy);
}
END_TEST

START_TEST(test_empty_and_any_value)
{
    struct checkin c;
    checkin_init(&c, 5);
    ck_assert(!checkin_has_any_value(&c));
    for (int f = 0; f < CF_COUNT; f++)
        ck_assert_int_eq(c.value[f], CHECKIN_ABSENT);
    ck_assert_int_eq(c.minute, CHECKIN_TIME_ABSENT);
    checkin_set_note(&c, "");
    ck_assert_ptr_null(c.note);
    ck_assert(!checkin_has_any_value(&c));
    c.value[CF_ACTIVITY] = 0;
    ck_assert(checkin_has_any_value(&c));
    c.value[CF_ACTIVITY] = CHECKIN_ABSENT;
    c.regions = 1;
    ck_assert(checkin_has_any_value(&c));
    checkin_free(&c);
}
END_TEST

START_TEST(test_validate)
{
    struct checkin c;
    checkin_init(&c, date_from_ymd(2026, 11, 24));
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_OK);
    c.value[CF_PAIN] = 11;
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "pain: 11 is out of range 0-10");
    c.value[CF_PAIN] = 5;
    c.value[CF_SLEEP_HOURS] = 97;
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg,
                     "sleep_hours: 97 quarter hours is out of range 0-24 hours");
    c.value[CF_SLEEP_HOURS] = 96;
    c.minute = 1440;
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg,
                     "time: minute 1440 of the day is out of range 0-1439");
    c.minute = 0;
    c.regions = 1u << 19;
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "regions: unknown region bits 0x80000");
    c.regions = REGION_ALL;
    checkin_set_note(&c, "caf\xc3");
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "note: not valid UTF-8 (at byte 4)");
    checkin_set_note(&c, "Café ☕ 日本語");
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_OK);
    char *long_note = xmalloc(CHECKIN_NOTE_MAX + 2);
    memset(long_note, 'a', CHECKIN_NOTE_MAX + 1);
    long_note[CHECKIN_NOTE_MAX + 1] = '\0';
    checkin_set_note(&c, long_note);
    free(long_note);
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "note: 16385 bytes is longer than the 16384 "
                              "allowed");
    checkin_set_note(&c, NULL);
    c.date = date_from_ymd(1, 1, 1) - 1;
    ck_assert_int_eq(checkin_validate(&c, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "date: the year 0 is outside 1-9999");
    checkin_free(&c);
}
END_TEST

START_TEST(test_ids)
{
    char a[CHECKIN_ID_LEN + 1], b[CHECKIN_ID_LEN + 1];
    checkin_new_id(a);
    checkin_new_id(b);
    ck_assert(checkin_id_valid(a));
    ck_assert_str_ne(a, b);
    ck_assert(checkin_id_prefix_valid("abcdef"));
    ck_assert(checkin_id_prefix_valid(a));
    ck_assert(!checkin_id_prefix_valid("abcde"));
    ck_assert(!checkin_id_prefix_valid("ABCDEF"));
    ck_assert(!checkin_id_prefix_valid("abcdeg"));
    ck_assert(!checkin_id_valid("abcdef"));
    ck_assert(!checkin_id_valid("0123456789abcdef0123456789abcdef0"));
}
END_TEST

START_TEST(test_regions_table)
{
    ck_assert_str_eq(region_get(0)->code, "jaw-l");
    ck_assert_str_eq(region_get(18)->code, "abdomen");
    ck_assert_ptr_null(region_get(19));
    ck_assert_int_eq(region_find("lower-back"), 16);
    ck_assert_int_eq(region_find("knee"), -1);
    int per_group[RGROUP_COUNT] = {0};
    for (int i = 0; i < REGION_COUNT; i++)
        per_group[region_get(i)->group]++;
    ck_assert_int_eq(per_group[RGROUP_LEFT_UPPER], 4);
    ck_assert_int_eq(per_group[RGROUP_RIGHT_UPPER], 4);
    ck_assert_int_eq(per_group[RGROUP_LEFT_LOWER], 3);
    ck_assert_int_eq(per_group[RGROUP_RIGHT_LOWER], 3);
    ck_assert_int_eq(per_group[RGROUP_AXIAL], 5);
    ck_assert_str_eq(region_group_name(RGROUP_AXIAL), "axial");
}
END_TEST

START_TEST(test_region_sets)
{
    region_set s;
    char buf[REGION_SET_BUF];
    ck_assert_int_eq(region_set_parse(" neck , shoulder-l,neck,", ',', &s, &err),
                     ACHE_OK);
    ck_assert_int_eq(region_set_count(s), 2);
    ck_assert_str_eq(region_set_format(s, ';', buf, sizeof buf),
                     "shoulder-l;neck");
    ck_assert_int_eq(region_set_parse("", ';', &s, &err), ACHE_OK);
    ck_assert_uint_eq(s, 0);
    ck_assert_str_eq(region_set_format(0, ';', buf, sizeof buf), "");
    s = 77;
    ck_assert_int_eq(region_set_parse("neck;knee", ';', &s, &err),
                     ACHE_ERR_INVALID);
    ck_assert_uint_eq(s, 77);
    ck_assert(strstr(err.msg, "regions: 'knee' is not a body region (use ") ==
              err.msg);
    region_set_format(REGION_ALL, ',', buf, sizeof buf);
    ck_assert_int_eq(region_set_parse(buf, ',', &s, &err), ACHE_OK);
    ck_assert_uint_eq(s, REGION_ALL);
}
END_TEST

static region_set set_of(const char *codes)
{
    region_set s = 0;
    ck_assert_int_eq(region_set_parse(codes, ',', &s, &err), ACHE_OK);
    return s;
}

START_TEST(test_generalized_pain)
{
    /* Four groups, but one only through the jaw: not generalized. */
    region_set s = set_of("jaw-l,shoulder-r,hip-l,neck");
    ck_assert_int_eq(region_set_groups(s), 4);
    ck_assert_int_eq(region_set_generalized_groups(s), 3);
    ck_assert(!region_set_is_generalized(s));
    s = set_of("shoulder-l,shoulder-r,hip-l,neck");
    ck_assert(region_set_is_generalized(s));
    /* Chest and abdomen do not count for the axial group. */
    s = set_of("shoulder-l,shoulder-r,hip-l,chest,abdomen");
    ck_assert_int_eq(region_set_generalized_groups(s), 3);
    ck_assert_int_eq(region_set_groups(REGION_ALL), 5);
    ck_assert_int_eq(region_set_count(REGION_ALL), 19);
}
END_TEST

START_TEST(test_tag_names)
{
    static const char *const good[] = {"yoga", "long-sitting", "vitamin_d",
                                       "b12", "café", "1st-day", "кофе",
                                       "\xC3\xA9t\xC3\xA9", "痛み"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(tag_name_check(good[i], &err) == ACHE_OK, "%s",
                      good[i]);
    static const char *const bad[] = {"", "Yoga", "-x", "a b", "a,b",
                                      "a;b", "x\xff",
                                      "a12345678901234567890123456789012345678901"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(tag_name_check(bad[i], &err) == ACHE_ERR_INVALID, "%s",
                      bad[i]);
    tag_name_check("Yoga", &err);
    ck_assert_str_eq(err.msg, "tag: 'Yoga' is not a tag name: character 1 "
                              "is 'Y' (a tag name is lowercase letters, "
                              "digits, '-' and '_', starting with a letter "
                              "or digit, at most 40 bytes)");
}
END_TEST

/* Every refused name: what is wrong, and where. */
START_TEST(test_tag_names_say_what_and_where)
{
    static const struct {
        const char *name, *why;
    } bad[] = {
        {"", "it is empty"},
        {"Yoga", "character 1 is 'Y'"},
        {"a b", "character 2 is a space"},
        {"a,b", "character 2 is ','"},
        {"-x", "it starts with '-'"},
        {"_x", "it starts with '_'"},
        {"x\xff", "byte 2 is not UTF-8"},
        {"a12345678901234567890123456789012345678901", "it is 42 bytes long"},
        /* controls: C0, DEL, C1 */
        {"\x1b[2J", "character 1 is U+001B, a control character"},
        {"a\tb", "character 2 is U+0009, a control character"},
        {"a\x7f", "character 2 is U+007F, a control character"},
        {"x\xc2\x9b", "character 2 is U+009B, a control character"},
        {"ok\xc2\x85", "character 3 is U+0085, a control character"},
        /* bidi controls, the position counted in characters */
        {"ab\xe2\x80\xae" "c", "character 3 is U+202E, a bidirectional "
                               "control"},
        {"caf\xc3\xa9\xe2\x81\xa6", "character 5 is U+2066, a bidirectional "
                                    "control"},
        {"\xe2\x81\xa9x", "character 1 is U+2069, a bidirectional control"},
        {"a\xe2\x80\xaa", "character 2 is U+202A, a bidirectional control"},
        {"a\xe2\x80\x8f", "character 2 is U+200F, a bidirectional control"},
        {"a\xe2\x80\x8e", "character 2 is U+200E, a bidirectional control"},
        {"a\xd8\x9c", "character 2 is U+061C, a bidirectional control"},
        {"a\xe2\x80\xa8", "character 2 is U+2028, a line separator"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(tag_name_check(bad[i].name, &err), ACHE_ERR_INVALID);
        ck_assert_msg(strstr(err.msg, bad[i].why) != NULL, "'%s' lacks '%s'",
                      err.msg, bad[i].why);
        /* the name is quoted, never with a control character in it */
        for (const char *p = err.msg; *p; p++)
            ck_assert_msg((unsigned char)*p >= 0x20 && *p != 0x7f,
                          "a control in '%s'", err.msg);
        ck_assert_msg(strstr(err.msg, "\xc2\x9b") == NULL &&
                          strstr(err.msg, "\xe2\x80\xae") == NULL,
                      "a C1 or bidi control in '%s'", err.msg);
    }
    tag_name_check("ab\xe2\x80\xae" "c", &err);
    ck_assert_str_eq(err.msg, "tag: 'ab\xef\xbf\xbd" "c' is not a tag name: "
                              "character 3 is U+202E, a bidirectional control "
                              "(a tag name is lowercase letters, digits, '-' "
                              "and '_', starting with a letter or digit, at "
                              "most 40 bytes)");
    tag_name_check("\x1b]52;c;aGk=\x07", &err);
    ck_assert(str_starts_with(err.msg, "tag: '^[]52;c;aGk=^G' is not a tag "
                                       "name: character 1 is U+001B"));
}
END_TEST

START_TEST(test_tag_names_parse)
{
    char **names = NULL;
    size_t n = 0;
    ck_assert_int_eq(tag_names_parse(" yoga, heat,,yoga ", ',', &names, &n, &err),
                     ACHE_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(names[0], "yoga");
    ck_assert_str_eq(names[1], "heat");
    ck_assert_int_eq(tag_names_parse("ok;Bad", ';', &names, &n, &err),
                     ACHE_ERR_INVALID);
    ck_assert(strstr(err.msg, "'Bad'") != NULL);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
END_TEST

/* What tag_names_parse_typed said it lowered, "typed>name;" each. */
static void note_lowered(const char *typed, const char *name, void *arg)
{
    struct strbuf *said = arg;
    strbuf_printf(said, "%s>%s;", typed, name);
}

START_TEST(test_tag_names_parse_typed)
{
    char **names = NULL;
    size_t n = 0;
    struct strbuf said = {0};
    const struct tag_lowered lowered = {.said = note_lowered, .arg = &said};
    ck_assert_int_eq(tag_names_parse_typed(" Stress,yoga, YOGA,Übel ,Flare-Up",
                                           ',', &names, &n, &lowered, &err),
                     ACHE_OK);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(names[0], "stress");
    ck_assert_str_eq(names[1], "yoga");
    ck_assert_str_eq(names[2], "Übel"); /* beyond ASCII: kept as typed */
    ck_assert_str_eq(names[3], "flare-up");
    ck_assert_str_eq(strbuf_str(&said),
                     "Stress>stress;YOGA>yoga;Flare-Up>flare-up;");
    strbuf_reset(&said);
    /* refused names are quoted as typed, and nothing is said of them */
    ck_assert_int_eq(tag_names_parse_typed("Bad Tag", ',', &names, &n,
                                           &lowered, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tag: 'Bad Tag' is not a tag name: character 4 "
                              "is a space (a tag name is lowercase letters, "
                              "digits, '-' and '_', starting with a letter or "
                              "digit, at most 40 bytes)");
    ck_assert_int_eq(tag_names_parse_typed("_X", ',', &names, &n, &lowered,
                                           &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(strbuf_str(&said), "");
    ck_assert_uint_eq(n, 4);
    /* with no `lowered`, capitals are refused as by tag_names_parse */
    ck_assert_int_eq(tag_names_parse_typed("Heat", ',', &names, &n, NULL,
                                           &err),
                     ACHE_ERR_INVALID);
    ck_assert(strstr(err.msg, "'Heat' is not a tag name: character 1 is 'H'"));
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    strbuf_free(&said);
    char word[] = "MiXed-1_Ä";
    ck_assert(tag_name_lower(word));
    ck_assert_str_eq(word, "mixed-1_Ä");
    ck_assert(!tag_name_lower(word));
}
END_TEST

START_TEST(test_tag_kinds_and_catalogue)
{
    enum tag_kind k;
    ck_assert(tag_kind_parse("treatment", &k));
    ck_assert_int_eq(k, TAG_TREATMENT);
    ck_assert(!tag_kind_parse("Trigger", &k));
    ck_assert_str_eq(tag_kind_name(TAG_OTHER), "other");
    size_t n = tag_catalogue_size();
    ck_assert_uint_ge(n, 20);
    bool magnesium = false, long_sitting = false;
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(tag_name_check(tag_catalogue_name(i), &err), ACHE_OK);
        if (strcmp(tag_catalogue_name(i), "magnesium") == 0)
            magnesium = tag_catalogue_kind(i) == TAG_TREATMENT;
        if (strcmp(tag_catalogue_name(i), "long-sitting") == 0)
            long_sitting = tag_catalogue_kind(i) == TAG_TRIGGER;
    }
    ck_assert(magnesium && long_sitting);
}
END_TEST


/* ---- parts, differences and merging ------------------------------------- */

/* A check-in with something in every part. */
static void full(struct checkin *c)
{
    checkin_init(c, date_from_ymd(2026, 11, 20));
    c->minute = 8 * 60 + 30;
    c->value[CF_PAIN] = 6;
    c->value[CF_SLEEP_HOURS] = 26; /* 6.5 h */
    c->regions = (1u << region_find("neck")) | (1u << region_find("chest"));
    checkin_add_tag(c, "stress");
    checkin_add_tag(c, "yoga");
    checkin_set_note(c, "bad night");
}

START_TEST(test_diff_names_each_part)
{
    struct checkin a, b;
    full(&a);
    full(&b);
    ck_assert_uint_eq(checkin_diff(&a, &b), 0);
    b.created_at = 5, b.updated_at = 6, b.rev = 7; /* not content */
    memcpy(b.id, "0123456789abcdef0123456789abcdef", 33);
    ck_assert_uint_eq(checkin_diff(&a, &b), 0);
    b.date++;
    b.minute = CHECKIN_TIME_ABSENT;
    b.value[CF_MOOD] = 3;
    b.regions ^= 1u;
    checkin_remove_tag(&b, "yoga");
    checkin_set_note(&b, "good night");
    ck_assert_uint_eq(checkin_diff(&a, &b),
                      CHECKIN_PART(CP_DATE) | CHECKIN_PART(CP_TIME) |
                          CHECKIN_PART_VALUE(CF_MOOD) |
                          CHECKIN_PART(CP_REGIONS) | CHECKIN_PART(CP_TAGS) |
                          CHECKIN_PART(CP_NOTE));
    /* an empty note is no note */
    checkin_set_note(&a, NULL);
    checkin_set_note(&b, "");
    ck_assert_uint_eq(checkin_diff(&a, &b) & CHECKIN_PART(CP_NOTE), 0);
    checkin_free(&a), checkin_free(&b);
}
END_TEST

START_TEST(test_take_parts_and_given)
{
    struct checkin a, b;
    full(&a);
    checkin_init(&b, 0);
    ck_assert_uint_eq(checkin_given(&b), 0);
    checkin_take_parts(&b, &a, CHECKIN_PART_VALUE(CF_PAIN) |
                                   CHECKIN_PART(CP_TAGS));
    ck_assert_int_eq(b.value[CF_PAIN], 6);
    ck_assert_int_eq(b.value[CF_SLEEP_HOURS], CHECKIN_ABSENT);
    ck_assert_uint_eq(b.ntags, 2);
    ck_assert_ptr_null(b.note);
    ck_assert_uint_eq(checkin_given(&b),
                      CHECKIN_PART_VALUE(CF_PAIN) | CHECKIN_PART(CP_TAGS));
    checkin_take_parts(&b, &a, CHECKIN_ALL_PARTS);
    ck_assert_uint_eq(checkin_diff(&a, &b), 0);
    checkin_free(&a), checkin_free(&b);
}
END_TEST

START_TEST(test_describe_in_words)
{
    struct checkin a, b;
    struct strbuf out = {0};
    full(&a);
    checkin_describe(&a, checkin_given(&a), &out);
    ck_assert_str_eq(strbuf_str(&out), "time 08:30, pain 6, sleep hours 6.5, "
                                       "regions neck,chest, tags stress,yoga, "
                                       "a note");
    full(&b);
    b.value[CF_PAIN] = CHECKIN_ABSENT;
    b.value[CF_FATIGUE] = 7;
    b.regions = 1u << region_find("chest");
    checkin_remove_tag(&b, "yoga");
    checkin_add_tag(&b, "heat");
    checkin_set_note(&b, NULL);
    strbuf_reset(&out);
    checkin_describe_change(&a, &b, checkin_diff(&a, &b), &out);
    ck_assert_str_eq(strbuf_str(&out), "pain 6 -> not given, fatigue not given "
                                       "-> 7, regions -neck, tags +heat -yoga, "
                                       "note removed");
    strbuf_reset(&out);
    checkin_describe(&b, CHECKIN_PART_VALUE(CF_PAIN) | CHECKIN_PART(CP_NOTE),
                     &out);
    ck_assert_str_eq(strbuf_str(&out), "pain not given, no note");
    strbuf_reset(&out);
    checkin_describe(&b, 0, &out);
    ck_assert_str_eq(strbuf_str(&out), "");
    strbuf_free(&out);
    checkin_free(&a), checkin_free(&b);
}
END_TEST

/* Another writer added a tag and a region and set fatigue; mine set pain,
 * took a tag away and marked a region: both survive. */
START_TEST(test_merge3_keeps_both_writers)
{
    struct checkin base, mine, theirs;
    full(&base);
    full(&mine);
    full(&theirs);
    mine.value[CF_PAIN] = 8;
    checkin_remove_tag(&mine, "stress");
    mine.regions |= 1u << region_find("jaw-l");
    theirs.value[CF_FATIGUE] = 4;
    checkin_add_tag(&theirs, "heat");
    theirs.regions &= ~(1u << region_find("chest"));
    checkin_set_note(&theirs, "their words");
    checkin_merge3(&theirs, &base, &mine);
    ck_assert_int_eq(theirs.value[CF_PAIN], 8);
    ck_assert_int_eq(theirs.value[CF_FATIGUE], 4);
    ck_assert(!checkin_has_tag(&theirs, "stress"));
    ck_assert(checkin_has_tag(&theirs, "heat"));
    ck_assert(checkin_has_tag(&theirs, "yoga"));
    ck_assert_uint_eq(theirs.regions, (1u << region_find("neck")) |
                                          (1u << region_find("jaw-l")));
    ck_assert_str_eq(theirs.note, "their words"); /* mine left it alone */
    /* the same value changed by both: mine, the later word, wins */
    checkin_set_note(&mine, "my words");
    checkin_merge3(&theirs, &base, &mine);
    ck_assert_str_eq(theirs.note, "my words");
    checkin_free(&base), checkin_free(&mine), checkin_free(&theirs);
}
END_TEST


/* Messages name the fields from the table, as options. */
START_TEST(test_field_list)
{
    struct strbuf sb = {0};
    checkin_field_list(&sb, " or ");
    ck_assert_str_eq(strbuf_str(&sb), "pain, fatigue, sleep, sleep-hours, "
                                      "stiffness, fog, mood or activity");
    strbuf_free(&sb);
    checkin_field_list(&sb, ", ");
    ck_assert_str_eq(strbuf_str(&sb), "pain, fatigue, sleep, sleep-hours, "
                                      "stiffness, fog, mood, activity");
    strbuf_free(&sb);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("checkin");
    TCase *tc = tcase_create("checkin");
    tcase_add_test(tc, test_field_table);
    tcase_add_test(tc, test_field_list);
    tcase_add_test(tc, test_parse_ratings);
    tcase_add_test(tc, test_parse_sleep_hours);
    tcase_add_test(tc, test_parse_value_quotes_safely);
    tcase_add_test(tc, test_format_values);
    tcase_add_test(tc, test_bands);
    tcase_add_test(tc, test_tags_sorted_unique);
    tcase_add_test(tc, test_empty_and_any_value);
    tcase_add_test(tc, test_validate);
    tcase_add_test(tc, test_ids);
    suite_add_tcase(s, tc);
    TCase *td = tcase_create("differences");
    tcase_add_test(td, test_diff_names_each_part);
    tcase_add_test(td, test_take_parts_and_given);
    tcase_add_test(td, test_describe_in_words);
    tcase_add_test(td, test_merge3_keeps_both_writers);
    suite_add_tcase(s, td);
    TCase *tr = tcase_create("regions");
    tcase_add_test(tr, test_regions_table);
    tcase_add_test(tr, test_region_sets);
    tcase_add_test(tr, test_generalized_pain);
    suite_add_tcase(s, tr);
    TCase *tt = tcase_create("tags");
    tcase_add_test(tt, test_tag_names);
    tcase_add_test(tt, test_tag_names_say_what_and_where);
    tcase_add_test(tt, test_tag_names_parse);
    tcase_add_test(tt, test_tag_names_parse_typed);
    tcase_add_test(tt, test_tag_kinds_and_catalogue);
    suite_add_tcase(s, tt);
    return s;
}

ACHE_TEST_MAIN(make_suite)
