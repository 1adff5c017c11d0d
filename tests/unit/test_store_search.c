/* Tests of searching notes (store_search.c): the matcher's words, case
 * folding and the places it gives back, and store_search_notes over a
 * diary: its order, range and limit, notes changed or removed, and its
 * query plan (the date index, no index of words). */
#include "testutil.h"

#include "../../src/store/store_impl.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"

static char *dir;
static char *path;

static void setup(void)
{
    dir = test_tmpdir();
    path = xasprintf("%s/diary.db", dir);
    setenv("ACHE_NOW", "2026-11-24T09:00", 1);
}

static void teardown(void)
{
    unsetenv("ACHE_NOW");
    test_rmdir(dir);
    free(dir);
    free(path);
}

/* The spans a match gave, as "start-end start-end", or "none". */
static char *match_text(const char *words, const char *note)
{
    struct store_matcher *m = store_matcher_new(words);
    ck_assert_ptr_nonnull(m);
    const struct store_span *spans;
    size_t n;
    struct strbuf sb = {0};
    if (!store_matcher_match(m, note, strlen(note), &spans, &n))
        strbuf_append(&sb, "none");
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&sb, "%s%zu-%zu", i ? " " : "", spans[i].start,
                      spans[i].end);
    store_matcher_free(m);
    return strbuf_take(&sb);
}

#define ck_match(words, note, want)                                    \
    do {                                                               \
        char *got_ = match_text(words, note);                          \
        ck_assert_msg(strcmp(got_, want) == 0, "'%s' in '%s': %s, not %s", \
                      words, note, got_, want);                        \
        free(got_);                                                    \
    } while (0)

START_TEST(test_matcher_needs_a_word)
{
    ck_assert_ptr_null(store_matcher_new(""));
    ck_assert_ptr_null(store_matcher_new(" \t\n "));
    struct store_matcher *m = store_matcher_new("  bad   night ");
    ck_assert_uint_eq(store_matcher_words(m), 2);
    store_matcher_free(m);
}
END_TEST

START_TEST(test_matcher_finds_every_place)
{
    ck_match("shop", "the SHOP, then shopping", "4-8 15-19");
    ck_match("Shop", "the shop", "4-8");
    ck_match("shop", "the shed", "none");
    /* every word must be there; each is marked */
    ck_match("bad night", "a bad night", "2-5 6-11");
    ck_match("bad day", "a bad night", "none");
    ck_match("night bad", "a bad night", "2-5 6-11");
    /* words found overlapping or touching make one place */
    ck_match("ab bc", "xabcx", "1-4");
    ck_match("ab c", "abc", "0-3");
    ck_match("aa", "aaa", "0-3");
}
END_TEST

START_TEST(test_matcher_folds_letters_beyond_ascii)
{
    /* "Ü" and "ü" are two bytes each: places are bytes of the note */
    ck_match("übel", "ganz ÜBEL heute", "5-10");
    ck_match("ÉTÉ", "un été", "3-8");
    ck_match("ĳssel", "aan de ĲSSEL", "7-13");   /* Latin Extended-A, even */
    ck_match("łódź", "w ŁÓDŹ", "2-9");           /* and odd pairs */
    ck_match("σοφια", "ΣΟΦΙΑ", "0-10");          /* Greek */
    ck_match("πόνος", "ΠΌΝΟΣ", "none");          /* accented capitals: exact */
    ck_match("πονος", "πονος", "0-10");
    ck_match("боль", "БОЛЬ в спине", "0-8");    /* Cyrillic */
    ck_match("ёж", "ЁЖ", "0-4");
    ck_match("痛み", "頭が痛み", "6-12");          /* no case: exact */
    ck_match("ss", "Straße", "none");           /* no expansion of ß */
}
END_TEST

/* Bytes that are not UTF-8 are kept as they are, and places stay bytes
 * of the note; a note of many finds gives one joined place. */
START_TEST(test_matcher_odd_notes)
{
    ck_match("pain", "\xff\xfePAIN\xc3", "2-6");
    ck_match("\xc3\x9c", "\xc3\xbc", "0-2"); /* a word of one capital */
    char *many = xmalloc(16385);
    memset(many, 'a', 16384);
    many[16384] = '\0';
    ck_match("A", many, "0-16384");
    many[8000] = ' ';
    ck_match("aa", many, "0-8000 8001-16384");
    free(many);
    struct store_matcher *m = store_matcher_new("x");
    const struct store_span *spans;
    size_t n = 7;
    ck_assert(!store_matcher_match(m, "", 0, &spans, &n));
    ck_assert_uint_eq(n, 0);
    store_matcher_free(m);
}
END_TEST

static struct store *open_ok(void)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_msg(store_open(path, true, &st, &err) == ACHE_OK, "%s", err.msg);
    return st;
}

static void add_note(struct store *st, const char *date, int minute,
                     const char *note, struct checkin *out)
{
    struct checkin c;
    ache_day d;
    ck_assert(date_parse_iso(date, &d));
    checkin_init(&c, d);
    c.minute = minute;
    c.value[CF_PAIN] = 3;
    checkin_set_note(&c, note);
    struct ache_err err = {""};
    ck_assert_msg(store_add(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    if (out)
        *out = c;
    else
        checkin_free(&c);
}

/* The hits as "DATE HH:MM" lines, in order. */
static enum ache_status note_hit(const struct store_note_hit *h, void *arg)
{
    char day[DATE_BUF], when[TIME_BUF] = "--:--";
    if (h->minute != CHECKIN_TIME_ABSENT)
        time_format(h->minute, when);
    strbuf_printf(arg, "%s %s %.*s|", date_format(h->date, day), when,
                  (int)(h->spans[0].end - h->spans[0].start),
                  h->note + h->spans[0].start);
    return ACHE_OK;
}

static char *search(struct store *st, const char *words, bool oldest_first,
                    const char *from, const char *to, size_t limit)
{
    struct store_search q = {.words = store_matcher_new(words),
                             .oldest_first = oldest_first, .limit = limit};
    ck_assert(date_parse_iso(from, &q.from));
    ck_assert(date_parse_iso(to, &q.to));
    struct strbuf sb = {0};
    struct ache_err err = {""};
    enum ache_status s = store_search_notes(st, &q, note_hit, &sb, &err);
    ck_assert_msg(s == ACHE_OK, "%s", err.msg);
    store_matcher_free(q.words);
    return strbuf_take(&sb);
}

#define ck_search(st, words, oldest, from, to, limit, want)                 \
    do {                                                                    \
        char *got_ = search(st, words, oldest, from, to, limit);            \
        ck_assert_msg(strcmp(got_, want) == 0, "%s: got %s", words, got_); \
        free(got_);                                                         \
    } while (0)

static void add_diary(struct store *st)
{
    add_note(st, "2026-11-01", 8 * 60, "Stress at work", NULL);
    add_note(st, "2026-11-01", 21 * 60, "less stress tonight", NULL);
    add_note(st, "2026-11-03", CHECKIN_TIME_ABSENT, "a calm day", NULL);
    add_note(st, "2026-11-05", 7 * 60, "STRESSED, slept badly", NULL);
    struct checkin none;
    checkin_init(&none, 20400); /* no note at all */
    none.value[CF_PAIN] = 1;
    struct ache_err err = {""};
    ck_assert(store_add(st, &none, NULL, &err) == ACHE_OK);
    checkin_free(&none);
}

START_TEST(test_search_orders_newest_or_oldest_first)
{
    struct store *st = open_ok();
    add_diary(st);
    ck_search(st, "stress", false, "2026-01-01", "2026-12-31", 0,
              "2026-11-05 07:00 STRESS|2026-11-01 21:00 stress|"
              "2026-11-01 08:00 Stress|");
    ck_search(st, "stress", true, "2026-01-01", "2026-12-31", 0,
              "2026-11-01 08:00 Stress|2026-11-01 21:00 stress|"
              "2026-11-05 07:00 STRESS|");
    ck_search(st, "stress work", true, "2026-01-01", "2026-12-31", 0,
              "2026-11-01 08:00 Stress|");
    ck_search(st, "storm", true, "2026-01-01", "2026-12-31", 0, "");
    store_close(st);
}
END_TEST

START_TEST(test_search_range_and_limit)
{
    struct store *st = open_ok();
    add_diary(st);
    ck_search(st, "stress", false, "2026-11-02", "2026-11-30", 0,
              "2026-11-05 07:00 STRESS|");
    ck_search(st, "calm", false, "2026-11-03", "2026-11-03", 0,
              "2026-11-03 --:-- calm|");
    ck_search(st, "calm", false, "2026-11-04", "2026-11-30", 0, "");
    ck_search(st, "stress", false, "2026-11-06", "2026-11-05", 0, "");
    /* a limit counts hits, not the notes read past */
    ck_search(st, "stress", true, "2026-01-01", "2026-12-31", 1,
              "2026-11-01 08:00 Stress|");
    ck_search(st, "stress", false, "2026-01-01", "2026-12-31", 2,
              "2026-11-05 07:00 STRESS|2026-11-01 21:00 stress|");
    ck_search(st, "slept", true, "2026-01-01", "2026-12-31", 1,
              "2026-11-05 07:00 slept|");
    store_close(st);
}
END_TEST

START_TEST(test_search_sees_only_notes_as_they_are)
{
    struct store *st = open_ok();
    struct checkin edited, removed;
    add_note(st, "2026-11-01", 8 * 60, "secret plan", &edited);
    add_note(st, "2026-11-02", 8 * 60, "another secret", &removed);
    struct ache_err err = {""};
    checkin_set_note(&edited, "nothing to see");
    ck_assert_msg(store_update(st, &edited, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
    ck_assert_msg(store_remove(st, &removed, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
    ck_search(st, "secret", true, "2026-01-01", "2026-12-31", 0, "");
    ck_search(st, "see", true, "2026-01-01", "2026-12-31", 0,
              "2026-11-01 08:00 see|");
    checkin_free(&edited);
    checkin_free(&removed);
    store_close(st);
}
END_TEST

/* The walk reads the date index in either order, with no sorting and no
 * table of words. */
START_TEST(test_search_query_plan)
{
    struct store *st = open_ok();
    add_diary(st);
    for (int id = SS_NOTES; id <= SS_NOTES_DESC; id++) {
        char *sql = xasprintf("EXPLAIN QUERY PLAN %s",
                              store_sql((enum store_stmt)id));
        sqlite3_stmt *s;
        ck_assert_int_eq(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL),
                         SQLITE_OK);
        struct strbuf plan = {0};
        while (sqlite3_step(s) == SQLITE_ROW)
            strbuf_printf(&plan, "%s\n", sqlite3_column_text(s, 3));
        sqlite3_finalize(s);
        const char *text = strbuf_str(&plan);
        ck_assert_msg(strstr(text, "USING INDEX checkin_by_date"), "%s", text);
        ck_assert_msg(!strstr(text, "TEMP B-TREE"), "plan: %s", text);
        strbuf_free(&plan);
        free(sql);
    }
    store_close(st);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("store_search");
    TCase *m = tcase_create("matcher");
    tcase_add_test(m, test_matcher_needs_a_word);
    tcase_add_test(m, test_matcher_finds_every_place);
    tcase_add_test(m, test_matcher_folds_letters_beyond_ascii);
    tcase_add_test(m, test_matcher_odd_notes);
    suite_add_tcase(s, m);
    TCase *t = tcase_create("search");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_search_orders_newest_or_oldest_first);
    tcase_add_test(t, test_search_range_and_limit);
    tcase_add_test(t, test_search_sees_only_notes_as_they_are);
    tcase_add_test(t, test_search_query_plan);
    suite_add_tcase(s, t);
    return s;
}

ACHE_TEST_MAIN(make_suite)
