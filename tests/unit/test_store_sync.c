/* The diary's side of a sync (store_sync*.c) and what sync_run does with
 * it, on two diaries and a folder of plain files (the sealed folder is
 * tested in test_sync_folder.c; Argon2id would cost every test 0.1 s):
 * the clock, the judgement of versions, stale copies after a sync, a
 * sync refused while another writer holds the diary, and the records
 * that two diaries make apart under one name. The clock is fixed by
 * ACHE_NOW and moved per diary where a test needs it. */
#include <sqlite3.h>

#include "testutil.h"

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/store.h"
#include "ache/sync.h"

static char *dir, *path_a, *path_b, *folder_path;
static struct store *a, *b;
static struct sync_folder *folder;

static struct store *open_diary(const char *p)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_msg(store_open(p, true, &st, &err) == ACHE_OK, "%s", err.msg);
    return st;
}

static void setup(void)
{
    setenv("ACHE_NOW", "2026-11-24T09:00", 1);
    dir = test_tmpdir();
    path_a = xasprintf("%s/a.db", dir);
    path_b = xasprintf("%s/b.db", dir);
    folder_path = xasprintf("%s/F", dir);
    a = open_diary(path_a);
    b = open_diary(path_b);
    struct sync_secret plain = {.plain = true};
    struct ache_err err = {""};
    bool created = false;
    ck_assert_msg(sync_folder_open(folder_path, &plain, &created, &folder,
                                   &err) == ACHE_OK,
                  "%s", err.msg);
}

static void teardown(void)
{
    sync_folder_close(folder);
    store_close(a);
    store_close(b);
    test_rmdir(dir);
    free(dir);
    free(path_a);
    free(path_b);
    free(folder_path);
}

static struct sync_report sync_ok(struct store *st)
{
    struct sync_report r;
    struct sync_options o = {.compact = false};
    struct ache_err err = {""};
    ck_assert_msg(sync_run(st, folder, &o, &r, &err) == ACHE_OK, "%s",
                  err.msg);
    return r;
}

static void sync_quiet(struct store *st)
{
    struct sync_report r = sync_ok(st);
    sync_report_free(&r);
}

/* Adds a check-in of pain p on 2026-11-20; its id into id. */
static void add_pain(struct store *st, int p, char id[CHECKIN_ID_LEN + 1])
{
    struct checkin c;
    struct ache_err err = {""};
    checkin_init(&c, date_from_ymd(2026, 11, 20));
    c.value[CF_PAIN] = p;
    ck_assert_msg(store_add(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    memcpy(id, c.id, CHECKIN_ID_LEN + 1);
    checkin_free(&c);
}

static int pain_of(struct store *st, const char *id)
{
    struct checkin c;
    struct ache_err err = {""};
    ck_assert_msg(store_get(st, id, &c, &err) == ACHE_OK, "%s", err.msg);
    int p = c.value[CF_PAIN];
    checkin_free(&c);
    return p;
}

static void set_pain(struct store *st, const char *id, int p)
{
    struct checkin c;
    struct ache_err err = {""};
    ck_assert_int_eq(store_get(st, id, &c, &err), ACHE_OK);
    c.value[CF_PAIN] = p;
    ck_assert_msg(store_update(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    checkin_free(&c);
}

static long long query(const char *p, const char *sql)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0)
                                                 : -1;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

/* ---- the clock ----------------------------------------------------------- */

START_TEST(test_the_clock_never_falls_behind_a_stamp_seen)
{
    char id[CHECKIN_ID_LEN + 1];
    add_pain(a, 5, id);
    /* a's clock is five hours fast */
    setenv("ACHE_NOW", "2026-11-24T14:00", 1);
    set_pain(a, id, 8);
    sync_quiet(a);
    setenv("ACHE_NOW", "2026-11-24T09:10", 1);
    sync_quiet(b);
    ck_assert_int_eq(pain_of(b, id), 8);
    long long seen = query(path_b, "SELECT max(hlc) FROM sync_version");
    /* b's own edit, by its right clock, comes after a's stamp */
    setenv("ACHE_NOW", "2026-11-24T09:20", 1);
    set_pain(b, id, 3);
    sync_quiet(b);
    ck_assert_int_eq(query(path_b, "SELECT max(hlc) FROM sync_version"),
                     seen + 1);
    setenv("ACHE_NOW", "2026-11-24T14:30", 1);
    sync_quiet(a);
    ck_assert_int_eq(pain_of(a, id), 3);
}
END_TEST

START_TEST(test_a_clock_gone_back_still_stamps_later)
{
    char id[CHECKIN_ID_LEN + 1];
    add_pain(a, 5, id);
    sync_quiet(a);
    long long first = query(path_a, "SELECT max(hlc) FROM sync_version");
    setenv("ACHE_NOW", "2026-11-23T09:00", 1); /* a day back */
    set_pain(a, id, 6);
    sync_quiet(a);
    ck_assert_int_eq(query(path_a, "SELECT max(hlc) FROM sync_version"),
                     first + 1);
    sync_quiet(b);
    ck_assert_int_eq(pain_of(b, id), 6);
}
END_TEST

/* ---- judging versions ---------------------------------------------------- */

static struct store_sync_version version(const char *id, int64_t hlc,
                                         const char *device,
                                         int64_t parent_hlc,
                                         const char *parent_device)
{
    struct store_sync_version v;
    memset(&v, 0, sizeof v);
    v.kind = SK_CHECKIN;
    snprintf(v.id, sizeof v.id, "%s", id);
    v.stamp.hlc = hlc;
    snprintf(v.stamp.device, sizeof v.stamp.device, "%s", device);
    v.parent.hlc = parent_hlc;
    snprintf(v.parent.device, sizeof v.parent.device, "%s", parent_device);
    return v;
}

#define DEV1 "11111111111111111111111111111111"
#define DEV2 "22222222222222222222222222222222"
#define RID "abababababababababababababababab"

START_TEST(test_judging_later_earlier_seen_and_conflicting)
{
    struct store_sync sy;
    struct store_sync_judgement j;
    struct ache_err err = {""};
    ck_assert_int_eq(store_sync_begin(a, "f", &sy, &err), ACHE_OK);
    struct store_sync_version v1 = version(RID, 100, DEV1, 0, "");
    ck_assert_int_eq(store_sync_judge(a, &v1, &j, &err), ACHE_OK);
    ck_assert(!j.seen && j.take && !j.conflict); /* nothing to beat */
    ck_assert_int_eq(store_sync_note(a, &sy, &v1, &err), ACHE_OK);
    ck_assert_int_eq(sy.hlc, 100);
    ck_assert_int_eq(store_sync_judge(a, &v1, &j, &err), ACHE_OK);
    ck_assert(j.seen);
    /* made from v1, later: taken, no conflict */
    struct store_sync_version v2 = version(RID, 200, DEV2, 100, DEV1);
    ck_assert_int_eq(store_sync_judge(a, &v2, &j, &err), ACHE_OK);
    ck_assert(j.take && !j.conflict);
    ck_assert_int_eq(store_sync_note(a, &sy, &v2, &err), ACHE_OK);
    /* made from v1 too, beside v2 and earlier: kept aside, a conflict */
    struct store_sync_version v3 = version(RID, 150, DEV1, 100, DEV1);
    ck_assert_int_eq(store_sync_judge(a, &v3, &j, &err), ACHE_OK);
    ck_assert(!j.take && j.conflict);
    ck_assert_int_eq(j.head.hlc, 200);
    /* the same clock: the larger device id is the later */
    struct store_sync_version v4 = version(RID, 200, DEV1, 100, DEV1);
    ck_assert_int_eq(store_sync_judge(a, &v4, &j, &err), ACHE_OK);
    ck_assert(!j.take && j.conflict);
    /* v1 again, as a snapshot would bring it: seen */
    ck_assert_int_eq(store_sync_judge(a, &v1, &j, &err), ACHE_OK);
    ck_assert(j.seen);
    store_sync_abandon(a);
}
END_TEST

/* ---- writers beside a sync ------------------------------------------------- */

START_TEST(test_a_copy_read_before_a_sync_is_refused_after_it)
{
    char id[CHECKIN_ID_LEN + 1];
    add_pain(a, 5, id);
    sync_quiet(a);
    sync_quiet(b);
    struct checkin held;
    struct ache_err err = {""};
    ck_assert_int_eq(store_get(b, id, &held, &err), ACHE_OK);
    setenv("ACHE_NOW", "2026-11-24T10:00", 1);
    set_pain(a, id, 9);
    sync_quiet(a);
    sync_quiet(b); /* writes a's version under b's held copy */
    held.value[CF_PAIN] = 1;
    ck_assert_int_eq(store_update(b, &held, NULL, &err), ACHE_ERR_CONFLICT);
    ck_assert_int_eq(pain_of(b, id), 9);
    checkin_free(&held);
}
END_TEST

START_TEST(test_a_sync_waits_for_no_writer_and_leaves_all_as_it_was)
{
    char id[CHECKIN_ID_LEN + 1];
    add_pain(a, 5, id);
    store_set_busy_timeout(a, 50);
    sqlite3 *other = NULL;
    ck_assert_int_eq(sqlite3_open(path_a, &other), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                     SQLITE_OK);
    struct sync_report r;
    struct sync_options o = {.compact = false};
    struct ache_err err = {""};
    ck_assert_int_eq(sync_run(a, folder, &o, &r, &err), ACHE_ERR_BUSY);
    sync_report_free(&r);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    struct sync_listing l;
    ck_assert_int_eq(sync_folder_list(folder, &l, &err), ACHE_OK);
    ck_assert_uint_eq(l.n, 0); /* nothing written into the folder */
    sync_listing_free(&l);
    ck_assert_int_eq(query(path_a, "SELECT count(*) FROM sync_version"), 0);
    sync_quiet(a); /* and the next one goes through */
    sync_quiet(b);
    ck_assert_int_eq(pain_of(b, id), 5);
}
END_TEST

/* ---- records made apart under one name ----------------------------------- */

/* Two fields made apart under one name stay two, alike on both copies:
 * the smaller id keeps the name, the other is set apart by its id. */
START_TEST(test_a_field_made_on_both_keeps_apart_under_one_rule)
{
    struct field_record fa = {.kind = FIELD_RATING}, fb = {.kind = FIELD_RATING};
    struct ache_err err = {""};
    snprintf(fa.name, sizeof fa.name, "itch");
    snprintf(fb.name, sizeof fb.name, "itch");
    ck_assert_int_eq(store_fields_reload(a, &err), ACHE_OK);
    ck_assert_int_eq(store_field_add(a, &fa, NULL, &err), ACHE_OK);
    ck_assert_int_eq(store_fields_reload(b, &err), ACHE_OK);
    ck_assert_int_eq(store_field_add(b, &fb, NULL, &err), ACHE_OK);
    sync_quiet(a);
    sync_quiet(b);
    sync_quiet(a);
    bool a_first = strcmp(fa.id, fb.id) < 0;
    char *want = xasprintf("SELECT group_concat(name, ' ') FROM (SELECT name"
                           " FROM field WHERE n >= 8 ORDER BY id)");
    char apart[FIELD_NAME_MAX + 1];
    snprintf(apart, sizeof apart, "itch_%.4s", a_first ? fb.id : fa.id);
    char *expected = xasprintf("itch %s", apart);
    for (int d = 0; d < 2; d++) {
        sqlite3 *db = NULL;
        ck_assert_int_eq(sqlite3_open(d ? path_b : path_a, &db), SQLITE_OK);
        sqlite3_stmt *s = NULL;
        ck_assert_int_eq(sqlite3_prepare_v2(db, want, -1, &s, NULL), SQLITE_OK);
        ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
        ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), expected);
        sqlite3_finalize(s);
        sqlite3_close(db);
    }
    free(want);
    free(expected);
    field_record_free(&fa);
    field_record_free(&fb);
}
END_TEST

START_TEST(test_a_tag_removed_goes_once_no_check_in_names_it)
{
    struct ache_err err = {""};
    ck_assert_int_eq(store_tag_add(a, "knitting", TAG_TREATMENT, &err),
                     ACHE_OK);
    sync_quiet(a);
    sync_quiet(b);
    bool found = false;
    enum tag_kind kind = TAG_OTHER;
    ck_assert_int_eq(store_tag_find(b, "knitting", &found, &kind, &err),
                     ACHE_OK);
    ck_assert(found);
    ck_assert_int_eq(kind, TAG_TREATMENT);
    struct store_tag_edit e = {.name = "knitting"};
    struct store_tag_result tr;
    ck_assert_int_eq(store_tag_remove(a, &e, &tr, &err), ACHE_OK);
    sync_quiet(a);
    sync_quiet(b);
    ck_assert_int_eq(store_tag_find(b, "knitting", &found, &kind, &err),
                     ACHE_OK);
    ck_assert(!found);
}
END_TEST

/* The merges an import and a test use take NULL for a change of their
 * own, as store.h says (they once followed the NULL). */
START_TEST(test_merges_take_no_change_as_their_own)
{
    struct field_record f = {.kind = FIELD_RATING, .created_at = 1,
                             .updated_at = 1};
    struct ache_err err = {""};
    enum store_merge_result r;
    snprintf(f.id, sizeof f.id, "%s", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");
    snprintf(f.name, sizeof f.name, "itch");
    ck_assert_int_eq(store_field_merge(a, &f, NULL, &r, &err), ACHE_OK);
    ck_assert_int_eq(r, STORE_ADDED);
    struct med m = {.created_at = 1, .updated_at = 1};
    snprintf(m.id, sizeof m.id, "%s", "efefefefefefefefefefefefefefefef");
    snprintf(m.name, sizeof m.name, "naproxen");
    size_t meds[STORE_MERGE_RESULT_COUNT] = {0},
           periods[STORE_MERGE_RESULT_COUNT] = {0};
    ck_assert_int_eq(store_med_merge(a, &m, NULL, meds, periods, &err),
                     ACHE_OK);
    ck_assert_uint_eq(meds[STORE_ADDED], 1);
    ck_assert_int_eq(query(path_a, "SELECT count(*) FROM change"
                                   " WHERE source = 'import'"),
                     2);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("store sync");
    TCase *tc = tcase_create("sync");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_the_clock_never_falls_behind_a_stamp_seen);
    tcase_add_test(tc, test_a_clock_gone_back_still_stamps_later);
    tcase_add_test(tc, test_judging_later_earlier_seen_and_conflicting);
    tcase_add_test(tc, test_a_copy_read_before_a_sync_is_refused_after_it);
    tcase_add_test(tc, test_a_sync_waits_for_no_writer_and_leaves_all_as_it_was);
    tcase_add_test(tc, test_a_field_made_on_both_keeps_apart_under_one_rule);
    tcase_add_test(tc, test_a_tag_removed_goes_once_no_check_in_names_it);
    tcase_add_test(tc, test_merges_take_no_change_as_their_own);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
