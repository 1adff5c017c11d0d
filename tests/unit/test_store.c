/* Tests of the store: opening and refusing files, the connection's
 * settings, every field in and out, ids, ranges, tags, merges,
 * transactions, backups and migrations.
 *
 * White-box where it must be: the store's private header gives the tests
 * the connection (to read its PRAGMAs, inject a failure, or ask SQLite for
 * a query plan). A second, plain SQLite handle looks at the file the way
 * another program would.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "testutil.h"

#include "../../src/store/store_impl.h"
#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/period.h"
#include "ache/regions.h"
#include "ache/stats.h"
#include "ache/store.h"
#include "ache/tags.h"

static char *dir;
static char *path;

/* The clock the store stamps check-ins with (stamp_now): set, so that no
 * test depends on the day or hour it runs (a removal just before midnight
 * would otherwise be dated the next day). */
#define NOW "2026-11-24T09:00"

static void setup(void)
{
    dir = test_tmpdir();
    path = xasprintf("%s/diary.db", dir);
    setenv("ACHE_NOW", NOW, 1);
}

static void teardown(void)
{
    unsetenv("ACHE_NOW");
    test_rmdir(dir);
    free(dir);
    free(path);
}

/* ---- helpers -------------------------------------------------------------- */

/* The number of cases in a table, for tcase_add_loop_test. */
#define NCASES(cases) ((int)(sizeof(cases) / sizeof((cases)[0])))

static struct store *open_ok(const char *p)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    enum ache_status s = store_open(p, true, &st, &err);
    ck_assert_msg(s == ACHE_OK, "store_open(%s): %s", p, err.msg);
    ck_assert_ptr_nonnull(st);
    return st;
}

static ache_day day(const char *iso)
{
    ache_day d;
    ck_assert_msg(date_parse_iso(iso, &d), "bad test date %s", iso);
    return d;
}

static void add_ok(struct store *st, struct checkin *c)
{
    struct ache_err err = {""};
    enum ache_status s = store_add(st, c, NULL, &err);
    ck_assert_msg(s == ACHE_OK, "store_add: %s", err.msg);
}

static long count_of(struct store *st)
{
    long n = -1;
    struct ache_err err = {""};
    ck_assert_int_eq(store_count(st, &n, &err), ACHE_OK);
    return n;
}

/* An id made of one repeated hex digit and a distinct last one. */
static void make_id(char out[CHECKIN_ID_LEN + 1], char fill, char last)
{
    memset(out, fill, CHECKIN_ID_LEN);
    out[CHECKIN_ID_LEN - 1] = last;
    out[CHECKIN_ID_LEN] = '\0';
}

static void assert_same(const struct checkin *a, const struct checkin *b)
{
    ck_assert_str_eq(a->id, b->id);
    ck_assert_int_eq(a->date, b->date);
    ck_assert_int_eq(a->minute, b->minute);
    for (int f = 0; f < CF_COUNT; f++)
        ck_assert_msg(a->value[f] == b->value[f], "%s: %d != %d",
                      checkin_field_info((enum checkin_field)f)->name,
                      a->value[f], b->value[f]);
    ck_assert_uint_eq(a->regions, b->regions);
    if (a->note || b->note) {
        ck_assert_ptr_nonnull(a->note);
        ck_assert_ptr_nonnull(b->note);
        ck_assert_str_eq(a->note, b->note);
    }
    ck_assert_uint_eq(a->ntags, b->ntags);
    for (size_t i = 0; i < a->ntags; i++)
        ck_assert_str_eq(a->tags[i], b->tags[i]);
    ck_assert_int_eq(a->created_at, b->created_at);
    ck_assert_int_eq(a->updated_at, b->updated_at);
}

static void get_ok(struct store *st, const char *id, struct checkin *out)
{
    struct ache_err err = {""};
    enum ache_status s = store_get(st, id, out, &err);
    ck_assert_msg(s == ACHE_OK, "store_get: %s", err.msg);
}

/* A plain SQLite connection, as another program would open the file. */
static sqlite3 *raw_open(const char *p)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(p, &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    ck_assert_int_eq(rc, SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
    sqlite3_free(msg);
}

/* The first column of the first row, as text ("" for NULL); freed by
 * the caller. */
static char *raw_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(db));
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(s, 0);
    char *out = xstrdup(t ? (const char *)t : "");
    sqlite3_finalize(s);
    return out;
}

static long raw_long(sqlite3 *db, const char *sql)
{
    char *t = raw_text(db, sql);
    long v = strtol(t, NULL, 10);
    free(t);
    return v;
}

/* Every line of the schema, to compare two diaries' structure. */
static char *raw_schema(sqlite3 *db)
{
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT type, name, sql FROM"
                                        " sqlite_schema ORDER BY name",
                                        -1, &s, NULL),
                     SQLITE_OK);
    struct strbuf sb = {0};
    while (sqlite3_step(s) == SQLITE_ROW)
        strbuf_printf(&sb, "%s %s %s\n", sqlite3_column_text(s, 0),
                      sqlite3_column_text(s, 1),
                      sqlite3_column_text(s, 2)
                          ? (const char *)sqlite3_column_text(s, 2)
                          : "-");
    sqlite3_finalize(s);
    return strbuf_take(&sb);
}

static bool exists(const char *p)
{
    struct stat sb;
    return lstat(p, &sb) == 0;
}

static mode_t mode_of(const char *p)
{
    struct stat sb;
    ck_assert_msg(stat(p, &sb) == 0, "stat %s: %s", p, strerror(errno));
    return sb.st_mode & 07777;
}

static void write_file(const char *p, const char *data, size_t len)
{
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* ---- opening, creating, refusing ------------------------------------- */

START_TEST(test_create_private_files)
{
    mode_t old = umask(0); /* the most permissive: modes must not follow it */
    char *deep = xasprintf("%s/a/b/diary.db", dir);
    struct store *st = open_ok(deep);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    add_ok(st, &c);
    char *a = xasprintf("%s/a", dir), *b = xasprintf("%s/a/b", dir);
    char *wal = xasprintf("%s-wal", deep), *shm = xasprintf("%s-shm", deep);
    ck_assert_int_eq(mode_of(a), 0700);
    ck_assert_int_eq(mode_of(b), 0700);
    ck_assert_int_eq(mode_of(deep), 0600);
    ck_assert_int_eq(mode_of(wal), 0600);
    ck_assert_int_eq(mode_of(shm), 0600);
    ck_assert_str_eq(store_path(st), deep);
    store_close(st);
    umask(old);
    checkin_free(&c);
    free(a), free(b), free(wal), free(shm), free(deep);
}
END_TEST

START_TEST(test_existing_folder_mode_kept)
{
    char *sub = xasprintf("%s/shared", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    ck_assert_int_eq(chmod(sub, 0755), 0);
    char *p = xasprintf("%s/diary.db", sub);
    store_close(open_ok(p));
    ck_assert_int_eq(mode_of(sub), 0755); /* not ours to change */
    ck_assert_int_eq(mode_of(p), 0600);
    free(p), free(sub);
}
END_TEST

START_TEST(test_open_missing_without_create)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(path, false, &st, &err), ACHE_ERR_NOT_FOUND);
    ck_assert_ptr_null(st);
    char *want = xasprintf("%s: no diary here", path);
    ck_assert_str_eq(err.msg, want);
    ck_assert(!exists(path));
    free(want);
}
END_TEST

START_TEST(test_open_empty_path)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open("", true, &st, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "the path of the diary is empty");
}
END_TEST

START_TEST(test_reopen_keeps_data)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    c.value[CF_PAIN] = 4;
    add_ok(st, &c);
    store_close(st);
    struct store *again = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(path, false, &again, &err), ACHE_OK);
    struct checkin got;
    get_ok(again, c.id, &got);
    assert_same(&c, &got);
    ck_assert_int_eq(count_of(again), 1);
    store_close(again);
    checkin_free(&c), checkin_free(&got);
}
END_TEST

/* What a file looked like before an open that must not touch it. */
struct snapshot {
    char *data;
    size_t len;
    struct timespec mtime;
};

static void snap(const char *p, struct snapshot *s)
{
    struct ache_err err = {""};
    ck_assert_int_eq(file_read_all(p, &s->data, &s->len, &err), ACHE_OK);
    struct stat sb;
    ck_assert_int_eq(stat(p, &sb), 0);
    s->mtime = sb.st_mtim;
}

static void assert_unchanged(const char *p, struct snapshot *before)
{
    struct snapshot now;
    snap(p, &now);
    ck_assert_uint_eq(now.len, before->len);
    ck_assert(memcmp(now.data, before->data, now.len) == 0);
    ck_assert_int_eq(now.mtime.tv_sec, before->mtime.tv_sec);
    ck_assert_int_eq(now.mtime.tv_nsec, before->mtime.tv_nsec);
    free(now.data);
}

/* Opens p (with and without create) and expects a refusal whose message is
 * `want` (or starts with `want` and ends with `tail` when tail is given),
 * with the file left exactly as it was. `what` names the file in a
 * failure. */
static void expect_refused(const char *what, const char *p, const char *want,
                           const char *tail)
{
    struct snapshot before;
    snap(p, &before);
    for (int create = 0; create < 2; create++) {
        struct store *st = NULL;
        struct ache_err err = {""};
        enum ache_status s = store_open(p, create, &st, &err);
        ck_assert_msg(s == ACHE_ERR_REFUSED,
                      "%s (create %d): status %d, want %d", what, create, s,
                      ACHE_ERR_REFUSED);
        ck_assert_msg(st == NULL, "%s (create %d): opened", what, create);
        if (!tail) {
            ck_assert_msg(strcmp(err.msg, want) == 0,
                          "%s (create %d): \"%s\", want \"%s\"", what,
                          create, err.msg, want);
        } else {
            size_t n = strlen(err.msg), t = strlen(tail);
            ck_assert_msg(str_starts_with(err.msg, want) && n >= t &&
                              strcmp(err.msg + n - t, tail) == 0,
                          "%s: unexpected message: %s", what, err.msg);
        }
        assert_unchanged(p, &before);
    }
    free(before.data);
}

static void assert_no_side_files(const char *what, const char *p)
{
    const char *suffix[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 3; i++) {
        char *side = xasprintf("%s%s", p, suffix[i]);
        ck_assert_msg(!exists(side), "%s: %s was created", what, side);
        free(side);
    }
}

/* Files that are not ache diaries: each is refused, with or without
 * create, with the reason in its message ("not an ache diary (why)"), and
 * is left as it was, without so much as a journal beside it. Each is
 * written as `bytes`, or else made by running `sql` in a new database. */
static const struct {
    const char *name;
    const char *bytes, *sql;
    const char *why;
} not_diaries[] = {
    {"a text file", "2026-01-05 pain 4\nmy old diary, in text\n", NULL,
     "not a SQLite database"},
    {"a file shorter than a header", "SQLite", NULL,
     "not a SQLite database"},
    {"another program's application id", NULL,
     "PRAGMA application_id = 1234; CREATE TABLE checkin (x);"
     " INSERT INTO checkin VALUES (1);",
     "it belongs to another program"},
    {"other tables and no application id", NULL,
     "CREATE TABLE contacts (name TEXT, phone TEXT);"
     " INSERT INTO contacts VALUES ('Ann', '555');",
     "it belongs to another program"},
};

START_TEST(test_refuse_not_a_diary)
{
    const char *what = not_diaries[_i].name, *bytes = not_diaries[_i].bytes;
    if (bytes) {
        write_file(path, bytes, strlen(bytes));
    } else {
        sqlite3 *db = raw_open(path);
        raw_exec(db, not_diaries[_i].sql);
        sqlite3_close(db);
    }
    char *want = xasprintf("%s: not an ache diary (%s)", path,
                           not_diaries[_i].why);
    expect_refused(what, path, want, NULL);
    assert_no_side_files(what, path);
    free(want);
}
END_TEST

/* Another program's WAL database with changes not yet in the main file:
 * refusing it must not checkpoint them into its file. */
START_TEST(test_refuse_foreign_wal_untouched)
{
    sqlite3 *db = raw_open(path);
    raw_exec(db, "PRAGMA journal_mode = WAL; PRAGMA application_id = 99;"
                 " CREATE TABLE notes (t TEXT);");
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    raw_exec(db, "INSERT INTO notes VALUES ('only in the WAL')");
    sqlite3_close(db);
    char *wal = xasprintf("%s-wal", path);
    struct snapshot wal_before;
    snap(wal, &wal_before);
    ck_assert_uint_gt(wal_before.len, 0);
    char *want = xasprintf("%s: not an ache diary (it belongs to another "
                           "program)",
                           path);
    expect_refused("a foreign WAL database", path, want, NULL);
    assert_unchanged(wal, &wal_before);
    free(wal_before.data), free(want), free(wal);
}
END_TEST

START_TEST(test_refuse_newer_schema)
{
    store_close(open_ok(path));
    sqlite3 *db = raw_open(path);
    raw_exec(db, "PRAGMA user_version = 7");
    sqlite3_close(db);
    char *want = xasprintf("%s: written by a newer ache (schema 7, this ache "
                           "knows up to %d); upgrade ache",
                           path, STORE_SCHEMA_VERSION);
    expect_refused("a newer schema", path, want, NULL);
    free(want);
}
END_TEST

START_TEST(test_refuse_damaged)
{
    struct store *st = open_ok(path);
    for (int i = 0; i < 20; i++) {
        struct checkin c;
        checkin_init(&c, day("2026-01-01") + i);
        checkin_set_note(&c, "a note that takes some room in the page");
        add_ok(st, &c);
        checkin_free(&c);
    }
    store_close(st);
    sqlite3 *db = raw_open(path);
    long page = raw_long(db, "SELECT rootpage FROM sqlite_schema"
                             " WHERE name = 'checkin'");
    long size = raw_long(db, "PRAGMA page_size");
    sqlite3_close(db);
    ck_assert_int_gt(page, 1);
    /* An impossible b-tree page type where the table's root page starts. */
    int fd = open(path, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pwrite(fd, "\x07", 1, (off_t)((page - 1) * size)), 1);
    close(fd);
    /* opening reads no data pages; the check reads them all */
    struct ache_err err = {""};
    st = open_ok(path);
    ck_assert_int_eq(store_check(st, &err), ACHE_ERR_REFUSED);
    char *want = xasprintf("%s: the diary is damaged (", path);
    ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
    ck_assert_ptr_nonnull(strstr(err.msg, "): `ache recover NEW.db` saves what can still be read, or restore a backup"));
    free(want);
    store_close(st);
}
END_TEST

START_TEST(test_refuse_symlink)
{
    store_close(open_ok(path));
    char *link = xasprintf("%s/link.db", dir);
    ck_assert_int_eq(symlink(path, link), 0);
    struct store *st = NULL;
    struct ache_err err = {""};
    for (int create = 0; create < 2; create++) {
        ck_assert_int_eq(store_open(link, create, &st, &err),
                         ACHE_ERR_REFUSED);
        char *want = xasprintf("%s: is a symbolic link (give the diary's own "
                               "path)",
                               link);
        ck_assert_str_eq(err.msg, want);
        free(want);
    }
    free(link);
}
END_TEST

START_TEST(test_refuse_folder)
{
    ck_assert_int_eq(mkdir(path, 0700), 0);
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(path, true, &st, &err), ACHE_ERR_REFUSED);
    char *want = xasprintf("%s: not an ache diary (not a regular file)", path);
    ck_assert_str_eq(err.msg, want);
    free(want);
}
END_TEST

START_TEST(test_create_below_a_file_fails)
{
    write_file(path, "x", 1);
    char *below = xasprintf("%s/sub/diary.db", path);
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_int_eq(store_open(below, true, &st, &err), ACHE_ERR_IO);
    char *want = xasprintf("%s/sub: cannot create the folder: Not a directory",
                           path);
    ck_assert_str_eq(err.msg, want);
    free(want), free(below);
}
END_TEST

/* ---- the connection's settings --------------------------------------- */

START_TEST(test_settings_in_force)
{
    struct store *st = open_ok(path);
    char *mode = raw_text(st->db, "PRAGMA journal_mode");
    ck_assert_str_eq(mode, "wal");
    free(mode);
    ck_assert_int_eq(raw_long(st->db, "PRAGMA synchronous"), 2); /* FULL */
    ck_assert_int_eq(raw_long(st->db, "PRAGMA foreign_keys"), 1);
    ck_assert_int_eq(raw_long(st->db, "PRAGMA secure_delete"), 1);
    ck_assert_int_eq(raw_long(st->db, "PRAGMA busy_timeout"), 10000);
    ck_assert_int_eq(raw_long(st->db, "PRAGMA application_id"),
                     STORE_APPLICATION_ID);
    ck_assert_int_eq(raw_long(st->db, "PRAGMA user_version"),
                     STORE_SCHEMA_VERSION);
    /* The persistent ones, as another program sees the file. */
    sqlite3 *db = raw_open(path);
    mode = raw_text(db, "PRAGMA journal_mode");
    ck_assert_str_eq(mode, "wal");
    ck_assert_int_eq(raw_long(db, "PRAGMA application_id"), 0x61636865);
    free(mode);
    sqlite3_close(db);
    store_close(st);
}
END_TEST

/* A removed check-in is kept whole, note and all, until it is restored:
 * nothing a person entered is lost by a removal. */
START_TEST(test_removed_note_is_kept_for_restoring)
{
    static const char marker[] = "zebra-marker-41f7c2 private words";
    struct store *st = open_ok(path);
    struct checkin c, back;
    checkin_init(&c, day("2026-01-05"));
    checkin_set_note(&c, marker);
    add_ok(st, &c);
    struct ache_err err = {""};
    ck_assert_int_eq(store_remove(st, &c, NULL, &err), ACHE_OK);
    ck_assert_int_eq(count_of(st), 0);
    ck_assert_int_eq(store_restore(st, c.id, NULL, &back, &err), ACHE_OK);
    ck_assert_str_eq(back.note, marker);
    ck_assert_int_eq(count_of(st), 1);
    store_close(st);
    checkin_free(&c), checkin_free(&back);
}
END_TEST

/* foreign_keys at work: removing a check-in removes its tag links. */
START_TEST(test_remove_cascades_to_tags)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    checkin_add_tag(&c, "yoga");
    checkin_add_tag(&c, "stress");
    add_ok(st, &c);
    sqlite3 *db = raw_open(path);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM checkin_tag"), 2);
    struct ache_err err = {""};
    ck_assert_int_eq(store_remove(st, &c, NULL, &err), ACHE_OK);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM checkin_tag"), 0);
    sqlite3_close(db);
    store_close(st);
    checkin_free(&c);
}
END_TEST

/* ---- check-ins in and out ---------------------------------------------- */

START_TEST(test_round_trip_every_field)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2024-02-29"));
    c.minute = 23 * 60 + 59;
    for (int f = 0; f < CF_COUNT; f++)
        c.value[f] = f + 2;
    c.value[CF_PAIN] = 10;
    c.value[CF_SLEEP_HOURS] = 29; /* 7.25 hours */
    c.value[CF_ACTIVITY] = 0;
    c.regions = REGION_ALL;
    checkin_add_tag(&c, "yoga");
    checkin_add_tag(&c, "zz-mine");
    checkin_add_tag(&c, "stress");
    checkin_add_tag(&c, "d\xc3\xad" "a"); /* "día" */
    static const char note[] =
        "Knie \xf0\x9f\xa6\xb5 tut weh \xe2\x80\x93 \xc2\xabtr\xc3\xa8s\xc2\xbb"
        " \xe7\x97\x9b\xe3\x81\x84\nsecond line, 'single' \"double\", a,b;c";
    checkin_set_note(&c, note);
    int64_t before = stamp_now();
    add_ok(st, &c);
    int64_t after = stamp_now();
    ck_assert(checkin_id_valid(c.id));
    ck_assert(c.created_at >= before && c.created_at <= after);
    ck_assert_int_eq(c.updated_at, c.created_at);
    struct checkin got;
    get_ok(st, c.id, &got);
    assert_same(&c, &got);
    ck_assert_str_eq(got.tags[0], "d\xc3\xad" "a");
    ck_assert_str_eq(got.tags[1], "stress");
    ck_assert_str_eq(got.tags[2], "yoga");
    ck_assert_str_eq(got.tags[3], "zz-mine");
    ck_assert_str_eq(got.note, note);
    /* Stored the way a person reading the file would expect. */
    char *row = raw_text(st->db,
                         "SELECT date || ' ' || time || ' ' || pain || ' ' ||"
                         " sleep_hours || ' ' || typeof(sleep_hours) || ' ' ||"
                         " regions || ' ' || activity FROM checkin");
    ck_assert_str_eq(row, "2024-02-29 23:59 10 7.25 real 524287 0");
    free(row);
    store_close(st);
    checkin_free(&c), checkin_free(&got);
}
END_TEST

START_TEST(test_round_trip_absent)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    add_ok(st, &c);
    struct checkin got;
    get_ok(st, c.id, &got);
    assert_same(&c, &got);
    ck_assert_int_eq(got.minute, CHECKIN_TIME_ABSENT);
    for (int f = 0; f < CF_COUNT; f++)
        ck_assert_int_eq(got.value[f], CHECKIN_ABSENT);
    ck_assert_ptr_null(got.note);
    ck_assert_uint_eq(got.ntags, 0);
    ck_assert_uint_eq(got.regions, 0);
    /* Absent is NULL in the file, never 0. */
    ck_assert_int_eq(raw_long(st->db,
                              "SELECT count(*) FROM checkin WHERE time IS NULL"
                              " AND pain IS NULL AND fatigue IS NULL AND"
                              " sleep_quality IS NULL AND sleep_hours IS NULL"
                              " AND stiffness IS NULL AND fog IS NULL AND"
                              " mood IS NULL AND activity IS NULL AND"
                              " note IS NULL AND regions = 0"),
                     1);
    store_close(st);
    checkin_free(&c), checkin_free(&got);
}
END_TEST

START_TEST(test_empty_note_is_no_note)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    c.note = xstrdup(""); /* set directly, not through checkin_set_note */
    add_ok(st, &c);
    struct checkin got;
    get_ok(st, c.id, &got);
    ck_assert_ptr_null(got.note);
    store_close(st);
    checkin_free(&c), checkin_free(&got);
}
END_TEST

START_TEST(test_sleep_hours_quarters)
{
    static const int steps[] = {0, 1, 2, 3, 4, 29, 30, 31, 95, 96};
    struct store *st = open_ok(path);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        struct checkin c, got;
        checkin_init(&c, day("2026-01-01") + (ache_day)i);
        c.value[CF_SLEEP_HOURS] = steps[i];
        add_ok(st, &c);
        get_ok(st, c.id, &got);
        ck_assert_int_eq(got.value[CF_SLEEP_HOURS], steps[i]);
        sqlite3_stmt *s;
        ck_assert_int_eq(sqlite3_prepare_v2(st->db,
                                            "SELECT sleep_hours FROM checkin"
                                            " WHERE id = ?1",
                                            -1, &s, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(s, 1, c.id, -1, SQLITE_STATIC);
        ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
        ck_assert(sqlite3_column_double(s, 0) == steps[i] / 4.0);
        sqlite3_finalize(s);
        checkin_free(&c), checkin_free(&got);
    }
    store_close(st);
}
END_TEST

START_TEST(test_every_region)
{
    struct store *st = open_ok(path);
    for (int i = 0; i < REGION_COUNT; i++) {
        struct checkin c, got;
        checkin_init(&c, day("2026-01-01") + i);
        c.regions = (region_set)1 << i;
        add_ok(st, &c);
        get_ok(st, c.id, &got);
        ck_assert_msg(got.regions == c.regions, "region %s",
                      region_get(i)->code);
        checkin_free(&c), checkin_free(&got);
    }
    ck_assert_int_eq(raw_long(st->db, "SELECT sum(regions) FROM checkin"),
                     REGION_ALL);
    store_close(st);
}
END_TEST

START_TEST(test_add_keeps_given_id_and_stamps)
{
    struct store *st = open_ok(path);
    struct checkin c, got;
    checkin_init(&c, day("2026-01-05"));
    make_id(c.id, 'a', '1');
    c.created_at = 1700000000000;
    c.updated_at = 1700000500000;
    add_ok(st, &c);
    get_ok(st, c.id, &got);
    assert_same(&c, &got);
    ck_assert_int_eq(got.created_at, 1700000000000);
    ck_assert_int_eq(got.updated_at, 1700000500000);
    /* The same id again is refused, and c is left as it was. */
    struct ache_err err = {""};
    c.value[CF_PAIN] = 3;
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_ERR_INVALID);
    char *want = xasprintf("a check-in with id '%s' is already in the diary",
                           c.id);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(count_of(st), 1);
    store_close(st);
    free(want);
    checkin_free(&c), checkin_free(&got);
}
END_TEST

START_TEST(test_add_refuses_bad_id)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    snprintf(c.id, sizeof c.id, "ABCDEF");
    struct ache_err err = {""};
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "id: 'ABCDEF' is not a check-in id (32 hex "
                              "digits, lowercase)");
    ck_assert_int_eq(count_of(st), 0);
    store_close(st);
    checkin_free(&c);
}
END_TEST

START_TEST(test_invalid_checkin_refused)
{
    struct store *st = open_ok(path);
    struct checkin ok;
    checkin_init(&ok, day("2026-01-04"));
    add_ok(st, &ok);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    c.value[CF_PAIN] = 11; /* set directly, past the parser */
    checkin_add_tag(&c, "yoga");
    struct ache_err want = {""}, err = {""};
    ck_assert_int_eq(checkin_validate(&c, &want), ACHE_ERR_INVALID);
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, want.msg);
    ck_assert_str_eq(err.msg, "pain: 11 is out of range 0-10");
    ck_assert_str_eq(c.id, ""); /* untouched */
    ck_assert_int_eq(c.created_at, 0);
    ck_assert_int_eq(count_of(st), 1);
    ck_assert_int_eq(raw_long(st->db, "SELECT count(*) FROM checkin_tag"), 0);
    /* The same through update: the stored one stays as it was. */
    struct checkin upd;
    checkin_copy(&upd, &ok);
    upd.value[CF_SLEEP_HOURS] = 97;
    ck_assert_int_eq(store_update(st, &upd, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_int_eq(checkin_validate(&upd, &want), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, want.msg);
    struct checkin got;
    get_ok(st, ok.id, &got);
    assert_same(&ok, &got);
    store_close(st);
    checkin_free(&ok), checkin_free(&c), checkin_free(&upd),
        checkin_free(&got);
}
END_TEST

START_TEST(test_update_replaces_values_and_tags)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    c.value[CF_PAIN] = 6;
    c.minute = 8 * 60;
    checkin_add_tag(&c, "yoga");
    checkin_add_tag(&c, "stress");
    checkin_set_note(&c, "before");
    c.created_at = c.updated_at = 1000; /* long ago */
    add_ok(st, &c);
    struct checkin upd;
    checkin_copy(&upd, &c);
    upd.value[CF_PAIN] = 2;
    upd.value[CF_MOOD] = 8;
    upd.minute = CHECKIN_TIME_ABSENT;
    upd.date = day("2026-01-06");
    checkin_remove_tag(&upd, "stress");
    checkin_add_tag(&upd, "walking");
    checkin_set_note(&upd, NULL);
    upd.created_at = 5; /* not the caller's to change */
    int64_t before = stamp_now();
    struct ache_err err = {""};
    ck_assert_int_eq(store_update(st, &upd, NULL, &err), ACHE_OK);
    ck_assert_int_eq(upd.created_at, 1000);
    ck_assert(upd.updated_at >= before);
    struct checkin got;
    get_ok(st, c.id, &got);
    assert_same(&upd, &got);
    ck_assert_uint_eq(got.ntags, 2);
    ck_assert_str_eq(got.tags[0], "walking");
    ck_assert_str_eq(got.tags[1], "yoga");
    ck_assert_int_eq(count_of(st), 1);
    store_close(st);
    checkin_free(&c), checkin_free(&upd), checkin_free(&got);
}
END_TEST

START_TEST(test_update_stamp_always_moves_on)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    int64_t future = stamp_now() + 86400000; /* a clock that was ahead */
    c.created_at = c.updated_at = future;
    add_ok(st, &c);
    struct ache_err err = {""};
    c.value[CF_PAIN] = 1;
    ck_assert_int_eq(store_update(st, &c, NULL, &err), ACHE_OK);
    ck_assert_int_eq(c.updated_at, future + 1);
    c.value[CF_PAIN] = 2;
    ck_assert_int_eq(store_update(st, &c, NULL, &err), ACHE_OK);
    ck_assert_int_eq(c.updated_at, future + 2);
    /* the same content again writes nothing: no new stamp, revision */
    ck_assert_int_eq(store_update(st, &c, NULL, &err), ACHE_OK);
    ck_assert_int_eq(c.updated_at, future + 2);
    ck_assert_int_eq(c.rev, 3);
    store_close(st);
    checkin_free(&c);
}
END_TEST

START_TEST(test_update_missing)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    make_id(c.id, 'b', '2');
    struct ache_err err = {""};
    ck_assert_int_eq(store_update(st, &c, NULL, &err), ACHE_ERR_NOT_FOUND);
    char *want = xasprintf("no check-in with id '%s'", c.id);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(count_of(st), 0);
    c.id[0] = '\0';
    ck_assert_int_eq(store_update(st, &c, NULL, &err), ACHE_ERR_NOT_FOUND);
    ck_assert_str_eq(err.msg, "no check-in with id ''");
    store_close(st);
    free(want);
    checkin_free(&c);
}
END_TEST

START_TEST(test_remove)
{
    struct store *st = open_ok(path);
    struct checkin a, b;
    checkin_init(&a, day("2026-01-05"));
    checkin_init(&b, day("2026-01-06"));
    add_ok(st, &a);
    add_ok(st, &b);
    struct ache_err err = {""};
    ck_assert_int_eq(store_remove(st, &a, NULL, &err), ACHE_OK);
    ck_assert_int_eq(count_of(st), 1);
    struct checkin got;
    ck_assert_int_eq(store_get(st, a.id, &got, &err), ACHE_ERR_NOT_FOUND);
    char *want = xasprintf("no check-in with id '%s'", a.id);
    ck_assert_str_eq(err.msg, want);
    checkin_free(&got);
    ck_assert_int_eq(store_remove(st, &a, NULL, &err), ACHE_ERR_GONE);
    char *gone = xasprintf("check-in %.8s was removed on %s: `ache restore "
                           "%.8s` brings it back",
                           a.id, date_format(stamp_local_day(stamp_now()),
                                             (char[DATE_BUF]){0}),
                           a.id);
    ck_assert_str_eq(err.msg, gone);
    free(gone);
    get_ok(st, b.id, &got);
    assert_same(&b, &got);
    store_close(st);
    free(want);
    checkin_free(&a), checkin_free(&b), checkin_free(&got);
}
END_TEST

/* ---- ids ------------------------------------------------------------------- */

#define ID_ABCDEF_A "abcdef0000000000000000000000000a"
#define ID_ABCDEF_B "abcdef0000000000000000000000000b"
#define ID_123456 "123456789abcdef0123456789abcdef0"

/* A diary of three check-ins, two of whose ids differ only in the last
 * digit. */
static struct store *open_with_three_ids(void)
{
    static const char *const ids[] = {ID_ABCDEF_A, ID_ABCDEF_B, ID_123456};
    struct store *st = open_ok(path);
    for (int i = 0; i < 3; i++) {
        struct checkin c;
        checkin_init(&c, day("2026-01-05"));
        snprintf(c.id, sizeof c.id, "%s", ids[i]);
        add_ok(st, &c);
        checkin_free(&c);
    }
    return st;
}

/* An id or prefix given and what it comes to in that diary: the status,
 * then the id found or the error's message (NULL: not looked at). */
struct resolve_case {
    const char *given;
    enum ache_status status;
    const char *id, *msg;
};

#define NOT_AN_ID " is not a check-in id (6 to 32 hex digits)"

static const struct resolve_case resolve_cases[] = {
    {"123456", ACHE_OK, ID_123456, NULL},
    {"123456789ABC", ACHE_OK, ID_123456, NULL},
    {ID_ABCDEF_B, ACHE_OK, ID_ABCDEF_B, NULL},
    {"abcdef000000000000000000000000", ACHE_ERR_AMBIGUOUS, NULL,
     "id 'abcdef000000000000000000000000' matches 2 check-ins: give more "
     "digits"},
    {"abcdef", ACHE_ERR_AMBIGUOUS, NULL,
     "id 'abcdef' matches 2 check-ins: give more digits"},
    {"abcdee", ACHE_ERR_NOT_FOUND, NULL, "no check-in with id 'abcdee'"},
    /* Just above the range of "abcdef": a prefix ending in f. */
    {"abcdf0", ACHE_ERR_NOT_FOUND, NULL, NULL},
    /* Not ids at all: letters past f, too few or too many digits, a
     * blank, a sign. */
    {"xyz", ACHE_ERR_INVALID, NULL, "'xyz'" NOT_AN_ID},
    {"abc12", ACHE_ERR_INVALID, NULL, "'abc12'" NOT_AN_ID},
    {"12345g", ACHE_ERR_INVALID, NULL, "'12345g'" NOT_AN_ID},
    {"", ACHE_ERR_INVALID, NULL, "''" NOT_AN_ID},
    {ID_123456 "1", ACHE_ERR_INVALID, NULL, "'" ID_123456 "1'" NOT_AN_ID},
    {"12345 6", ACHE_ERR_INVALID, NULL, "'12345 6'" NOT_AN_ID},
    {"-123456", ACHE_ERR_INVALID, NULL, "'-123456'" NOT_AN_ID},
};

START_TEST(test_resolve_id)
{
    const struct resolve_case *c = &resolve_cases[_i];
    struct store *st = open_with_three_ids();
    char out[CHECKIN_ID_LEN + 1];
    struct ache_err err = {""};
    enum ache_status s = store_resolve_id(st, c->given, STORE_IDS_PRESENT,
                                          out, &err);
    ck_assert_msg(s == c->status, "case '%s': status %d, want %d", c->given,
                  s, c->status);
    if (c->id)
        ck_assert_msg(strcmp(out, c->id) == 0, "case '%s': %s, want %s",
                      c->given, out, c->id);
    if (c->msg)
        ck_assert_msg(strcmp(err.msg, c->msg) == 0,
                      "case '%s': \"%s\", want \"%s\"", c->given, err.msg,
                      c->msg);
    store_close(st);
}
END_TEST

/* ---- ranges ------------------------------------------------------------------ */

struct planned {
    const char *date;
    const char *time; /* NULL: absent */
    int64_t created;
    char fill, last; /* the id */
};

/* In the order a range must return them. */
static const struct planned order[] = {
    {"2026-02-28", "12:00", 10, '1', '1'},
    {"2026-03-01", "22:00", 10, '2', '2'},
    {"2026-03-02", NULL, 500, '3', '3'},
    {"2026-03-02", "08:00", 100, '4', '4'},
    {"2026-03-02", "08:00", 200, '0', '5'}, /* same time and stamp: by id */
    {"2026-03-02", "08:00", 200, 'f', '6'},
    {"2026-03-02", "09:30", 50, '7', '7'},
    {"2026-03-03", NULL, 1, '8', '8'},
    {"2026-03-04", "00:00", 1, '9', '9'},
};
#define NPLANNED (sizeof order / sizeof order[0])

static void add_planned(struct store *st)
{
    static const int scrambled[] = {5, 8, 2, 1, 0, 4, 7, 3, 6};
    for (size_t k = 0; k < NPLANNED; k++) {
        const struct planned *p = &order[scrambled[k]];
        struct checkin c;
        checkin_init(&c, day(p->date));
        if (p->time)
            ck_assert(time_parse(p->time, &c.minute));
        make_id(c.id, p->fill, p->last);
        c.created_at = c.updated_at = p->created;
        c.value[CF_PAIN] = scrambled[k];
        add_ok(st, &c);
        checkin_free(&c);
    }
}

/* A range asked for, and what it must return: n check-ins of `order`
 * from order[first] on. A NULL end is as far as a day goes. */
struct range_case {
    const char *name;
    const char *from, *to;
    size_t first, n;
};

static const struct range_case range_cases[] = {
    {"a year", "2026-01-01", "2026-12-31", 0, NPLANNED},
    {"three days", "2026-03-01", "2026-03-03", 1, 7},
    {"one day of five", "2026-03-02", "2026-03-02", 2, 5},
    {"the first day", "2026-02-28", "2026-02-28", 0, 1},
    {"the last day", "2026-03-04", "2026-03-04", 8, 1},
    {"after the last day", "2026-03-05", "2026-04-01", 0, 0},
    {"from after to", "2026-03-03", "2026-03-01", 0, 0},
    {"every day there is", NULL, NULL, 0, NPLANNED},
};

static void assert_range(struct store *st, const struct range_case *r)
{
    ache_day from = r->from ? day(r->from) : INT32_MIN;
    ache_day to = r->to ? day(r->to) : INT32_MAX;
    struct checkin_list list = {0};
    struct ache_err err = {""};
    ck_assert_msg(store_list_range(st, from, to, &list, &err) == ACHE_OK,
                  "case %s: %s", r->name, err.msg);
    ck_assert_msg(list.n == r->n, "case %s: %zu check-ins, want %zu",
                  r->name, list.n, r->n);
    for (size_t i = 0; i < r->n; i++) {
        char id[CHECKIN_ID_LEN + 1];
        make_id(id, order[r->first + i].fill, order[r->first + i].last);
        ck_assert_msg(strcmp(list.items[i].id, id) == 0,
                      "case %s, position %zu: got %s, want %s", r->name, i,
                      list.items[i].id, id);
        ck_assert_msg(list.items[i].value[CF_PAIN] == (int)(r->first + i),
                      "case %s, position %zu: pain %d, want %d", r->name, i,
                      list.items[i].value[CF_PAIN], (int)(r->first + i));
    }
    checkin_list_free(&list);
}

START_TEST(test_range_order_and_bounds)
{
    struct store *st = open_ok(path);
    add_planned(st);
    assert_range(st, &range_cases[_i]);
    store_close(st);
}
END_TEST

START_TEST(test_range_extreme_dates)
{
    struct store *st = open_ok(path);
    struct checkin a, b;
    checkin_init(&a, date_from_ymd(1, 1, 1));
    checkin_init(&b, date_from_ymd(9999, 12, 31));
    add_ok(st, &b);
    add_ok(st, &a);
    struct checkin_list list = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_list_range(st, INT32_MIN, INT32_MAX, &list, &err),
                     ACHE_OK);
    ck_assert_uint_eq(list.n, 2);
    ck_assert_str_eq(list.items[0].id, a.id);
    ck_assert_str_eq(list.items[1].id, b.id);
    ck_assert_int_eq(list.items[1].date, b.date);
    ache_day first = 0, last = 0;
    bool empty = true;
    ck_assert_int_eq(store_date_span(st, &first, &last, &empty, &err), ACHE_OK);
    ck_assert(!empty);
    ck_assert_int_eq(first, a.date);
    ck_assert_int_eq(last, b.date);
    checkin_list_free(&list);
    store_close(st);
    checkin_free(&a), checkin_free(&b);
}
END_TEST

struct walk_ctx {
    int seen;
    int stop_after;
};

static enum ache_status count_and_stop(const struct checkin *c, void *ctx)
{
    struct walk_ctx *w = ctx;
    ck_assert(checkin_id_valid(c->id));
    return ++w->seen == w->stop_after ? ACHE_ERR_IO : ACHE_OK;
}

static void assert_days_equal(const struct day_summary *got,
                              const struct day_summary *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(got[i].day, want[i].day);
        ck_assert_int_eq(got[i].checkins, want[i].checkins);
        ck_assert_int_eq(got[i].max_pain, want[i].max_pain);
        ck_assert_uint_eq(got[i].regions, want[i].regions);
        for (int f = 0; f < CF_COUNT; f++)
            ck_assert_double_eq(got[i].mean[f], want[i].mean[f]);
    }
}

/* The day summaries read value by value are stats_days of the full
 * check-ins, but for notes (not read there). */
START_TEST(test_read_days_matches_stats_days)
{
    struct store *st = open_ok(path);
    const int pains[] = {2, 5, 7, 3, 6};
    for (int i = 0; i < 5; i++) {
        struct checkin c;
        checkin_init(&c, day("2026-03-01") + (i > 2 ? i : i / 2));
        c.value[CF_PAIN] = pains[i];
        c.value[CF_SLEEP_HOURS] = 25 + i; /* quarter hours */
        c.regions = (region_set)1 << i;
        checkin_set_note(&c, "a note");
        checkin_add_tag(&c, "yoga");
        add_ok(st, &c);
        checkin_free(&c);
    }
    ache_day from = day("2026-02-28"), to = day("2026-03-06");
    struct day_summary got[7], want[7];
    struct checkin_list all = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_list_range(st, from, to, &all, &err), ACHE_OK);
    stats_days(all.items, all.n, from, to, want);
    ck_assert_int_eq(store_read_days(st, from, to, STORE_DAYS_ALL, got, &err), ACHE_OK);
    assert_days_equal(got, want, 7);
    for (int i = 0; i < 7; i++) {
        ck_assert(!got[i].has_note);
        ck_assert(want[i].has_note == (want[i].checkins > 0));
    }
    ck_assert_int_eq(got[1].checkins, 2); /* March 1st: pains 2 and 5 */
    ck_assert_double_eq(got[1].mean[CF_PAIN], 3.5);
    ck_assert_int_eq(got[0].checkins, 0);
    ck_assert_double_eq(got[0].mean[CF_PAIN], STATS_ABSENT);
    checkin_list_free(&all);
    store_close(st);
}
END_TEST

/* Windows inside, across either end of and outside a long diary give what
 * stats_days gives. */
START_TEST(test_read_days_windows)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    ache_day first = day("2025-06-01");
    ck_assert_int_eq(store_begin_atomic(st, &err), ACHE_OK);
    for (int i = 0; i < 200; i++) {
        struct checkin c;
        checkin_init(&c, first + i);
        c.value[CF_PAIN] = i % 11;
        c.value[CF_MOOD] = i % 3 ? 4 : CHECKIN_ABSENT;
        c.regions = (region_set)1 << (i % REGION_COUNT);
        add_ok(st, &c);
        checkin_free(&c);
    }
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    static const struct {
        int from, to;
    } windows[] = {{50, 59}, {10, 189}, {-30, 20}, {180, 230}, {-40, 240},
                   {250, 260}, {-20, -10}, {0, 0}, {199, 199}};
    for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
        ache_day from = first + windows[w].from, to = first + windows[w].to;
        size_t n = (size_t)(to - from + 1);
        struct day_summary *got = xcalloc(n, sizeof *got);
        struct day_summary *want = xcalloc(n, sizeof *want);
        struct checkin_list all = {0};
        ck_assert_int_eq(store_list_range(st, from, to, &all, &err), ACHE_OK);
        stats_days(all.items, all.n, from, to, want);
        ck_assert_int_eq(store_read_days(st, from, to, STORE_DAYS_ALL, got,
                                         &err),
                         ACHE_OK);
        assert_days_equal(got, want, n);
        checkin_list_free(&all);
        free(got), free(want);
    }
    store_close(st);
}
END_TEST

/* Only the fields asked for are read; the rest stay absent. */
START_TEST(test_read_days_reads_what_is_asked)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-03-01"));
    c.value[CF_PAIN] = 6;
    c.value[CF_SLEEP_HOURS] = 30; /* 7.5 hours */
    c.value[CF_FOG] = 2;
    c.regions = 5;
    add_ok(st, &c);
    checkin_free(&c);
    struct day_summary got[2];
    struct ache_err err = {""};
    ck_assert_int_eq(store_read_days(st, day("2026-03-01"), day("2026-03-02"),
                                     STORE_DAYS_FIELD(CF_SLEEP_HOURS), got,
                                     &err),
                     ACHE_OK);
    ck_assert_int_eq(got[0].checkins, 1);
    ck_assert_double_eq(got[0].mean[CF_SLEEP_HOURS], 7.5);
    ck_assert_double_eq(got[0].mean[CF_PAIN], STATS_ABSENT);
    ck_assert_int_eq(got[0].max_pain, CHECKIN_ABSENT);
    ck_assert_double_eq(got[0].mean[CF_FOG], STATS_ABSENT);
    ck_assert_uint_eq(got[0].regions, 0);
    ck_assert_int_eq(got[1].checkins, 0);
    ck_assert_int_eq(store_read_days(st, day("2026-03-01"), day("2026-03-01"),
                                     STORE_DAYS_FIELD(CF_PAIN) |
                                         STORE_DAYS_REGIONS,
                                     got, &err),
                     ACHE_OK);
    ck_assert_double_eq(got[0].mean[CF_PAIN], 6);
    ck_assert_int_eq(got[0].max_pain, 6);
    ck_assert_uint_eq(got[0].regions, 5);
    ck_assert_double_eq(got[0].mean[CF_SLEEP_HOURS], STATS_ABSENT);
    /* A range that ends before it starts reads nothing. */
    ck_assert_int_eq(store_read_days(st, day("2026-03-02"), day("2026-03-01"),
                                     STORE_DAYS_ALL, got, &err),
                     ACHE_OK);
    store_close(st);
}
END_TEST

/* The daily means a chart reads are those of store_read_days, field by
 * field, inside and across the ends of the diary. */
START_TEST(test_read_means_match_read_days)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    ache_day first = day("2025-06-01");
    ck_assert_int_eq(store_begin_atomic(st, &err), ACHE_OK);
    for (int i = 0; i < 60; i++) {
        struct checkin c;
        checkin_init(&c, first + i - i % 2); /* two check-ins a day */
        c.value[CF_PAIN] = i % 11;
        c.value[CF_SLEEP_HOURS] = i % 3 ? 20 + i : CHECKIN_ABSENT;
        if (i % 7 != 3)
            add_ok(st, &c);
        checkin_free(&c);
    }
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    const enum checkin_field fields[] = {CF_SLEEP_HOURS, CF_PAIN, CF_MOOD};
    ache_day from = first - 5, to = first + 70;
    size_t n = (size_t)(to - from + 1);
    struct day_summary *days = xcalloc(n, sizeof *days);
    double *means[3];
    for (int k = 0; k < 3; k++)
        means[k] = xcalloc(n, sizeof *means[k]);
    ck_assert_int_eq(store_read_days(st, from, to, STORE_DAYS_ALL, days, &err),
                     ACHE_OK);
    ck_assert_int_eq(store_read_means(st, from, to, fields, 3, means, &err),
                     ACHE_OK);
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < n; i++)
            ck_assert_double_eq(means[k][i], days[i].mean[fields[k]]);
    ck_assert_double_eq(means[1][5], 0.5); /* pains 0 and 1 */
    ck_assert_double_eq(means[2][5], STATS_ABSENT);
    ck_assert_double_eq(means[1][0], STATS_ABSENT);
    /* One field is enough; none or too many is a mistake of the caller. */
    ck_assert_int_eq(store_read_means(st, from, to, fields + 1, 1, means,
                                      &err),
                     ACHE_OK);
    ck_assert_double_eq(means[0][5], 0.5);
    ck_assert_int_eq(store_read_means(st, from, to, fields, 0, means, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "daily means of 0 fields asked for (1 to 8)");
    for (int k = 0; k < 3; k++)
        free(means[k]);
    free(days);
    store_close(st);
}
END_TEST

/* A date no check could have let in (written with the checks off) is
 * reported by both chart readers, with the diary and the date. */
START_TEST(test_read_days_reports_a_bad_date)
{
    struct store *st = open_ok(path);
    raw_exec(st->db, "PRAGMA ignore_check_constraints = ON;"
                     "INSERT INTO checkin (id, date, created_at, updated_at)"
                     " VALUES ('0123456789abcdef0123456789abcdef',"
                     " '2026-02-30', 1, 1);"
                     "PRAGMA ignore_check_constraints = OFF");
    ache_day from = day("2026-02-01"), to = day("2026-03-31");
    size_t n = (size_t)(to - from + 1);
    struct day_summary *days = xcalloc(n, sizeof *days);
    double *means = xcalloc(n, sizeof *means);
    enum checkin_field pain = CF_PAIN;
    char *want = xasprintf("%s: a check-in has a bad date ('2026-02-30'): "
                           "restore a backup",
                           path);
    struct ache_err err = {""};
    ck_assert_int_eq(store_read_days(st, from, to, STORE_DAYS_ALL, days, &err),
                     ACHE_ERR_DB);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(store_read_means(st, from, to, &pain, 1, &means, &err),
                     ACHE_ERR_DB);
    ck_assert_str_eq(err.msg, want);
    /* a range that ends before it never meets it */
    from = day("2026-01-01"), to = day("2026-01-31");
    ck_assert_int_eq(store_read_days(st, from, to, STORE_DAYS_ALL, days, &err),
                     ACHE_OK);
    ck_assert_int_eq(store_read_means(st, from, to, &pain, 1, &means, &err),
                     ACHE_OK);
    free(want), free(means), free(days);
    store_close(st);
}
END_TEST

START_TEST(test_each_stops_on_callback_status)
{
    struct store *st = open_ok(path);
    add_planned(st);
    struct ache_err err = {"untouched"};
    struct walk_ctx w = {0, 3};
    ck_assert_int_eq(store_each_in_range(st, INT32_MIN, INT32_MAX,
                                         count_and_stop, &w, &err),
                     ACHE_ERR_IO);
    ck_assert_int_eq(w.seen, 3);
    ck_assert_str_eq(err.msg, "untouched");
    w = (struct walk_ctx){0, -1};
    ck_assert_int_eq(store_each_in_range(st, INT32_MIN, INT32_MAX,
                                         count_and_stop, &w, &err),
                     ACHE_OK);
    ck_assert_int_eq(w.seen, (int)NPLANNED);
    store_close(st);
}
END_TEST

START_TEST(test_range_uses_index)
{
    struct store *st = open_ok(path);
    add_planned(st);
    char *sql = xasprintf("EXPLAIN QUERY PLAN %s", store_sql(SS_RANGE));
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_text(s, 1, "2026-03-01", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, "2026-03-31", -1, SQLITE_STATIC);
    struct strbuf plan = {0};
    while (sqlite3_step(s) == SQLITE_ROW)
        strbuf_printf(&plan, "%s\n", sqlite3_column_text(s, 3));
    sqlite3_finalize(s);
    const char *text = strbuf_str(&plan);
    ck_assert_msg(strstr(text, "SEARCH c USING INDEX checkin_by_date (date>? "
                               "AND date<?)"),
                  "plan: %s", text);
    ck_assert_msg(!strstr(text, "SCAN"), "plan: %s", text);
    ck_assert_msg(!strstr(text, "TEMP B-TREE"), "plan: %s", text);
    strbuf_free(&plan);
    free(sql);
    store_close(st);
}
END_TEST

START_TEST(test_count_and_span_empty)
{
    struct store *st = open_ok(path);
    ck_assert_int_eq(count_of(st), 0);
    ache_day first = 7, last = 7;
    bool empty = false;
    struct ache_err err = {""};
    ck_assert_int_eq(store_date_span(st, &first, &last, &empty, &err), ACHE_OK);
    ck_assert(empty);
    add_planned(st);
    ck_assert_int_eq(count_of(st), (long)NPLANNED);
    ck_assert_int_eq(store_date_span(st, &first, &last, &empty, &err), ACHE_OK);
    ck_assert(!empty);
    ck_assert_int_eq(first, day("2026-02-28"));
    ck_assert_int_eq(last, day("2026-03-04"));
    store_close(st);
}
END_TEST

/* ---- tags ---------------------------------------------------------------- */

static const struct tag *find_tag(const struct tag_list *list,
                                  const char *name)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i].name, name) == 0)
            return &list->items[i];
    return NULL;
}

static void assert_tag_order(const struct tag_list *list)
{
    for (size_t i = 1; i < list->n; i++) {
        const struct tag *a = &list->items[i - 1], *b = &list->items[i];
        ck_assert_msg(a->kind < b->kind ||
                          (a->kind == b->kind && strcmp(a->name, b->name) < 0),
                      "%s before %s", a->name, b->name);
    }
}

START_TEST(test_new_diary_has_catalogue)
{
    struct store *st = open_ok(path);
    struct tag_list list = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_tags_list(st, &list, &err), ACHE_OK);
    ck_assert_uint_gt(tag_catalogue_size(), 0);
    ck_assert_uint_eq(list.n, tag_catalogue_size());
    for (size_t i = 0; i < tag_catalogue_size(); i++) {
        const struct tag *t = find_tag(&list, tag_catalogue_name(i));
        ck_assert_msg(t != NULL, "%s missing", tag_catalogue_name(i));
        ck_assert_int_eq(t->kind, tag_catalogue_kind(i));
        ck_assert_int_eq(t->uses, 0);
    }
    assert_tag_order(&list);
    ck_assert_int_eq(list.items[0].kind, TAG_TRIGGER);
    ck_assert_int_eq(list.items[list.n - 1].kind, TAG_OTHER);
    tag_list_free(&list);
    store_close(st);
}
END_TEST

START_TEST(test_tags_list_counts_uses)
{
    struct store *st = open_ok(path);
    const char *sets[][3] = {{"yoga", "stress", NULL},
                             {"yoga", "my-own", NULL},
                             {"yoga", NULL, NULL}};
    for (int i = 0; i < 3; i++) {
        struct checkin c;
        checkin_init(&c, day("2026-01-01") + i);
        for (int k = 0; k < 3 && sets[i][k]; k++)
            checkin_add_tag(&c, sets[i][k]);
        add_ok(st, &c);
        checkin_free(&c);
    }
    struct tag_list list = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_tags_list(st, &list, &err), ACHE_OK);
    ck_assert_uint_eq(list.n, tag_catalogue_size() + 1);
    assert_tag_order(&list);
    const struct tag *yoga = find_tag(&list, "yoga");
    const struct tag *stress = find_tag(&list, "stress");
    const struct tag *mine = find_tag(&list, "my-own");
    const struct tag *heat = find_tag(&list, "heat");
    ck_assert(yoga && stress && mine && heat);
    ck_assert_int_eq(yoga->uses, 3);
    ck_assert_int_eq(yoga->kind, TAG_TREATMENT);
    ck_assert_int_eq(stress->uses, 1);
    ck_assert_int_eq(stress->kind, TAG_TRIGGER);
    ck_assert_int_eq(mine->uses, 1);
    ck_assert_int_eq(mine->kind, TAG_OTHER);
    ck_assert_int_eq(heat->uses, 0);
    tag_list_free(&list);
    store_close(st);
}
END_TEST

/* A check-in on `d` carrying the tags of a NULL-ended list. */
static void add_tagged(struct store *st, ache_day d, const char *const *tags)
{
    struct checkin c;
    checkin_init(&c, d);
    for (size_t k = 0; tags && tags[k]; k++)
        checkin_add_tag(&c, tags[k]);
    add_ok(st, &c);
    checkin_free(&c);
}

START_TEST(test_tags_kinded)
{
    struct store *st = open_ok(path);
    const char *sets[][3] = {{"yoga", "stress", NULL},
                             {"my-own", NULL, NULL}};
    for (int i = 0; i < 2; i++)
        add_tagged(st, day("2026-01-01") + i, sets[i]);
    struct tag_list list = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_tags_kinded(st, &list, &err), ACHE_OK);
    /* triggers, then treatments; my-own is of kind other */
    ck_assert_uint_ge(list.n, 2);
    bool seen_treatment = false, yoga = false, stress = false;
    for (size_t i = 0; i < list.n; i++) {
        ck_assert_int_ne(list.items[i].kind, TAG_OTHER);
        ck_assert_str_ne(list.items[i].name, "my-own");
        ck_assert(!(seen_treatment && list.items[i].kind == TAG_TRIGGER));
        seen_treatment |= list.items[i].kind == TAG_TREATMENT;
        yoga |= strcmp(list.items[i].name, "yoga") == 0;
        stress |= strcmp(list.items[i].name, "stress") == 0;
        if (i > 0 && list.items[i].kind == list.items[i - 1].kind)
            ck_assert_int_lt(strcmp(list.items[i - 1].name,
                                    list.items[i].name), 0);
    }
    ck_assert(yoga && stress);
    tag_list_free(&list);
    store_close(st);
}
END_TEST

/* A report's tags are those its period carried, with their kinds and
 * their days there, in the tag list's order. */
START_TEST(test_period_tags_are_the_periods)
{
    struct store *st = open_ok(path);
    const char *sets[][3] = {{"yoga", "stress", NULL},
                             {"yoga", "my-own", NULL},
                             {"yoga", NULL, NULL}};
    for (int i = 0; i < 3; i++)
        add_tagged(st, day("2026-01-01") + i, sets[i]);
    struct report_input in = {.first = day("2026-01-02"),
                              .last = day("2026-01-03")};
    struct period_data data = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(period_read(st, &in, &data, &err), ACHE_OK);
    /* yoga (treatment) before my-own (other); stress fell outside */
    ck_assert_uint_eq(in.tags->n, 2);
    ck_assert_str_eq(in.tags->items[0].name, "yoga");
    ck_assert_int_eq(in.tags->items[0].kind, TAG_TREATMENT);
    ck_assert_int_eq(in.tags->items[0].uses, 2);
    ck_assert_str_eq(in.tags->items[1].name, "my-own");
    ck_assert_int_eq(in.tags->items[1].kind, TAG_OTHER);
    ck_assert_int_eq(in.tags->items[1].uses, 1);
    /* yoga's trial, from its first use, which lies before the period */
    ck_assert_uint_eq(in.ntrials, 1);
    ck_assert_str_eq(in.trials[0].tag, "yoga");
    ck_assert_int_eq(in.trials[0].first_use, day("2026-01-01"));
    period_data_free(&data);
    store_close(st);
}
END_TEST

static void expect_first_use(struct store *st, const char *tag, bool found,
                             const char *iso)
{
    struct ache_err err = {""};
    bool got = !found;
    ache_day d = 0;
    ck_assert_int_eq(store_tag_first_use(st, tag, &got, &d, &err), ACHE_OK);
    ck_assert_msg(got == found, "%s: found %d", tag, got);
    if (found)
        ck_assert_int_eq(d, day(iso));
}

/* Added out of date order, so that the order of rows says nothing. */
START_TEST(test_tag_first_use_is_the_earliest_day)
{
    struct store *st = open_ok(path);
    const char *yoga[] = {"yoga", NULL};
    add_tagged(st, day("2026-03-05"), yoga);
    add_tagged(st, day("2026-01-10"), yoga);
    add_tagged(st, day("2026-02-01"), NULL);
    expect_first_use(st, "yoga", true, "2026-01-10");
    expect_first_use(st, "stress", false, NULL); /* known, never used */
    expect_first_use(st, "no-such-tag", false, NULL);
    store_close(st);
}
END_TEST

/* A tag first used after the diary's first STORE_FIRST_USE_PROBE
 * check-ins is found through its own uses. */
START_TEST(test_tag_first_use_after_the_probe)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    const char *late[] = {"late", NULL};
    ache_day start = day("2020-01-01");
    int n = STORE_FIRST_USE_PROBE + 100;
    ck_assert_int_eq(store_begin(st, &err), ACHE_OK);
    add_tagged(st, start + n - 1, late);
    for (int i = 0; i < n - 1; i++)
        add_tagged(st, start + i, i == n - 40 ? late : NULL);
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    expect_first_use(st, "late", true, "2022-11-26"); /* day n - 40 */
    store_close(st);
}
END_TEST

START_TEST(test_tag_add_and_find)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""}, want = {""};
    bool found = true;
    enum tag_kind kind = TAG_TRIGGER;
    ck_assert_int_eq(store_tag_find(st, "tai-chi", &found, &kind, &err),
                     ACHE_OK);
    ck_assert(!found);
    ck_assert_int_eq(store_tag_add(st, "tai-chi", TAG_TREATMENT, &err),
                     ACHE_OK);
    ck_assert_int_eq(store_tag_find(st, "tai-chi", &found, &kind, &err),
                     ACHE_OK);
    ck_assert(found);
    ck_assert_int_eq(kind, TAG_TREATMENT);
    ck_assert_int_eq(store_tag_add(st, "tai-chi", TAG_OTHER, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tag 'tai-chi' already exists (treatment)");
    ck_assert_int_eq(store_tag_add(st, "stress", TAG_TREATMENT, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tag 'stress' already exists (trigger)");
    ck_assert_int_eq(store_tag_add(st, "Tai Chi", TAG_OTHER, &err),
                     ACHE_ERR_INVALID);
    ck_assert_int_eq(tag_name_check("Tai Chi", &want), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, want.msg);
    ck_assert_int_eq(store_tag_add(st, "ok-name", TAG_KIND_COUNT, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tag: kind 3 is not trigger, treatment or other");
    ck_assert_int_eq(store_tag_find(st, "ok-name", &found, &kind, &err),
                     ACHE_OK);
    ck_assert(!found);
    struct tag_list list = {0};
    ck_assert_int_eq(store_tags_list(st, &list, &err), ACHE_OK);
    ck_assert_uint_eq(list.n, tag_catalogue_size() + 1);
    tag_list_free(&list);
    store_close(st);
}
END_TEST

/* The schema itself refuses what ache would never write. */
START_TEST(test_schema_checks)
{
    struct store *st = open_ok(path);
    static const char *refused[] = {
        "INSERT INTO tag (name, kind) VALUES ('Yoga', 'other')",
        "INSERT INTO tag (name, kind) VALUES ('-x', 'other')",
        "INSERT INTO tag (name, kind) VALUES ('a b', 'other')",
        "INSERT INTO tag (name, kind) VALUES ('fine', 'sometimes')",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('abc', '2026-01-01', 1, 1)",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '2026-02-30', 1, 1)",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('0123456789ABCDEF0123456789abcdef', '2026-02-03', 1, 1)",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef0', '2026-02-03', 1, 1)",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '2026-2-03', 1, 1)",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '2026-02-03 ', 1, 1)",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '0000-12-31', 1, 1)",
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '2023-02-29', 1, 1)",
        "INSERT INTO checkin (id, date, time, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '2026-02-03', '24:00', 1, 1)",
        "INSERT INTO checkin (id, date, pain, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '2026-02-03', 11, 1, 1)",
        "INSERT INTO checkin (id, date, sleep_hours, created_at, updated_at)"
        " VALUES ('0123456789abcdef0123456789abcdef', '2026-02-03', 7.3, 1, 1)",
        "INSERT INTO checkin (id, date, sleep_hours, created_at, updated_at)"
        " VALUES ('0123456789abcdef0123456789abcdef', '2026-02-03', 24.25, 1,"
        " 1)",
        "INSERT INTO checkin (id, date, regions, created_at, updated_at)"
        " VALUES ('0123456789abcdef0123456789abcdef', '2026-02-03', 524288, 1,"
        " 1)",
        "INSERT INTO checkin (id, date, pain, created_at, updated_at) VALUES"
        " ('0123456789abcdef0123456789abcdef', '2026-02-03', 'five', 1, 1)",
        "INSERT INTO checkin_tag VALUES ('0123456789abcdef0123456789abcdef',"
        " 1)",
        "INSERT INTO checkin_tag VALUES (999, 1)", /* no such check-in */
        "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
        " ('ffffffffffffffffffffffffffffffff', '2026-02-03', 1, 1)",
    };
    /* The last one repeats the id of a check-in already there. */
    raw_exec(st->db, "INSERT INTO checkin (id, date, created_at, updated_at)"
                     " VALUES ('ffffffffffffffffffffffffffffffff',"
                     " '2026-02-02', 1, 1)");
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        ck_assert_msg(sqlite3_exec(st->db, refused[i], NULL, NULL, NULL) !=
                          SQLITE_OK,
                      "accepted: %s", refused[i]);
    raw_exec(st->db, "INSERT INTO checkin (id, date, time, sleep_hours,"
                     " created_at, updated_at) VALUES"
                     " ('0123456789abcdef0123456789abcdef', '2024-02-29',"
                     " '23:59', 23.75, 1, 1)");
    ck_assert_int_eq(count_of(st), 2);
    store_close(st);
}
END_TEST

/* ---- merging and transactions -------------------------------------------- */

static enum store_merge_result merge_ok(struct store *st, struct checkin *c)
{
    enum store_merge_result r = (enum store_merge_result)-1;
    struct ache_err err = {""};
    enum ache_status s = store_merge(st, c, NULL, NULL, &r, NULL, &err);
    ck_assert_msg(s == ACHE_OK, "store_merge: %s", err.msg);
    return r;
}

static int stored_pain(struct store *st, const char *id)
{
    struct checkin got;
    get_ok(st, id, &got);
    int pain = got.value[CF_PAIN];
    checkin_free(&got);
    return pain;
}

START_TEST(test_merge)
{
    struct store *st = open_ok(path);
    struct checkin c, got;
    checkin_init(&c, day("2026-01-05"));
    make_id(c.id, 'c', '1');
    c.created_at = 1000;
    c.updated_at = 2000;
    c.value[CF_PAIN] = 3;
    ck_assert_int_eq(merge_ok(st, &c), STORE_ADDED);
    get_ok(st, c.id, &got);
    assert_same(&c, &got);
    checkin_free(&got);

    ck_assert_int_eq(merge_ok(st, &c), STORE_UNCHANGED);
    c.updated_at = 9000; /* the same content: unchanged, whatever the stamp */
    ck_assert_int_eq(merge_ok(st, &c), STORE_UNCHANGED);
    c.updated_at = 1500; /* other content, older: the diary's stays */
    c.value[CF_PAIN] = 9;
    ck_assert_int_eq(merge_ok(st, &c), STORE_OLDER);
    c.updated_at = 2000; /* other content, the same stamp: a conflict */
    ck_assert_int_eq(merge_ok(st, &c), STORE_CONFLICT);
    c.updated_at = 0; /* other content, no stamp: a conflict */
    ck_assert_int_eq(merge_ok(st, &c), STORE_CONFLICT);
    ck_assert_int_eq(stored_pain(st, c.id), 3);

    c.updated_at = 3000; /* newer: replaces, keeping its stamps */
    c.value[CF_PAIN] = 5;
    checkin_add_tag(&c, "walking");
    ck_assert_int_eq(merge_ok(st, &c), STORE_UPDATED);
    get_ok(st, c.id, &got);
    ck_assert_int_eq(got.updated_at, 3000);
    ck_assert_int_eq(got.created_at, 1000);
    ck_assert_int_eq(got.rev, 2);
    ck_assert_uint_eq(checkin_diff(&c, &got), 0);
    checkin_free(&got);
    ck_assert_int_eq(count_of(st), 1);
    checkin_free(&c);

    checkin_init(&c, day("2026-01-06")); /* no id, no stamps */
    int64_t before = stamp_now();
    ck_assert_int_eq(merge_ok(st, &c), STORE_ADDED);
    ck_assert(checkin_id_valid(c.id));
    ck_assert_int_eq(c.created_at, 0); /* not known */
    ck_assert(c.updated_at >= before);
    get_ok(st, c.id, &got);
    assert_same(&c, &got);
    checkin_free(&got);
    checkin_free(&c);

    checkin_init(&c, day("2026-01-07")); /* only updated_at given */
    c.updated_at = 777;
    ck_assert_int_eq(merge_ok(st, &c), STORE_ADDED);
    ck_assert_int_eq(c.created_at, 0);
    ck_assert_int_eq(count_of(st), 3);
    store_close(st);
    checkin_free(&c);
}
END_TEST

START_TEST(test_merge_invalid)
{
    struct store *st = open_ok(path);
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    c.value[CF_MOOD] = -2;
    struct ache_err err = {""}, want = {""};
    enum store_merge_result r = STORE_UNCHANGED;
    ck_assert_int_eq(store_merge(st, &c, NULL, NULL, &r, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_int_eq(checkin_validate(&c, &want), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, want.msg);
    ck_assert_str_eq(c.id, "");
    ck_assert_int_eq(count_of(st), 0);
    store_close(st);
    checkin_free(&c);
}
END_TEST

START_TEST(test_batch_rollback_leaves_nothing)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    ck_assert_int_eq(store_begin(st, &err), ACHE_OK);
    for (int i = 0; i < 5; i++) {
        struct checkin c;
        checkin_init(&c, day("2026-01-01") + i);
        checkin_add_tag(&c, "batch-only");
        ck_assert_int_eq(merge_ok(st, &c), STORE_ADDED);
        checkin_free(&c);
    }
    ck_assert_int_eq(count_of(st), 5); /* seen inside the transaction */
    /* Not yet seen by anyone else. */
    sqlite3 *db = raw_open(path);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM checkin"), 0);
    store_rollback(st);
    ck_assert_int_eq(count_of(st), 0);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM checkin"), 0);
    bool found = true;
    ck_assert_int_eq(store_tag_find(st, "batch-only", &found, NULL, &err),
                     ACHE_OK);
    ck_assert(!found);
    sqlite3_close(db);
    store_rollback(st); /* harmless when nothing is open */
    store_close(st);
}
END_TEST

START_TEST(test_batch_commit)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    ck_assert_int_eq(store_commit(st, &err), ACHE_ERR_INVALID);
    char *want = xasprintf("%s: no transaction is open to commit", path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    ck_assert_int_eq(store_begin(st, &err), ACHE_OK);
    ck_assert_int_eq(store_begin(st, &err), ACHE_ERR_INVALID);
    want = xasprintf("%s: a transaction is already open", path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    struct checkin a, bad, b;
    checkin_init(&a, day("2026-01-01"));
    checkin_init(&bad, day("2026-01-02"));
    checkin_init(&b, day("2026-01-03"));
    bad.value[CF_FOG] = 12;
    ck_assert_int_eq(merge_ok(st, &a), STORE_ADDED);
    enum store_merge_result r;
    ck_assert_int_eq(store_merge(st, &bad, NULL, NULL, &r, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_int_eq(merge_ok(st, &b), STORE_ADDED);
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    store_close(st);
    st = open_ok(path);
    ck_assert_int_eq(count_of(st), 2);
    store_close(st);
    checkin_free(&a), checkin_free(&bad), checkin_free(&b);
}
END_TEST

/* A write failing halfway (here: at the tag links, by a trigger the test
 * adds) leaves nothing of itself behind. */
START_TEST(test_failed_write_rolls_back)
{
    struct store *st = open_ok(path);
    struct checkin c0;
    checkin_init(&c0, day("2026-01-05"));
    c0.value[CF_PAIN] = 4;
    checkin_add_tag(&c0, "yoga");
    add_ok(st, &c0);
    raw_exec(st->db, "CREATE TEMP TRIGGER no_links BEFORE INSERT ON"
                     " main.checkin_tag BEGIN SELECT RAISE(ABORT,"
                     " 'injected failure'); END");
    struct ache_err err = {""};
    struct checkin c1;
    checkin_init(&c1, day("2026-01-06"));
    checkin_add_tag(&c1, "brand-new");
    ck_assert_int_eq(store_add(st, &c1, NULL, &err), ACHE_ERR_DB);
    ck_assert_msg(strstr(err.msg, "injected failure"), "%s", err.msg);
    ck_assert_str_eq(c1.id, "");
    ck_assert_int_eq(count_of(st), 1);
    bool found = true;
    ck_assert_int_eq(store_tag_find(st, "brand-new", &found, NULL, &err),
                     ACHE_OK);
    ck_assert(!found);

    struct checkin upd;
    checkin_copy(&upd, &c0);
    upd.value[CF_PAIN] = 9;
    checkin_add_tag(&upd, "stress");
    ck_assert_int_eq(store_update(st, &upd, NULL, &err), ACHE_ERR_DB);
    struct checkin got;
    get_ok(st, c0.id, &got);
    assert_same(&c0, &got);
    checkin_free(&got);

    /* Inside a batch only the failed write is undone. */
    struct checkin plain;
    checkin_init(&plain, day("2026-01-07"));
    ck_assert_int_eq(store_begin(st, &err), ACHE_OK);
    ck_assert_int_eq(merge_ok(st, &plain), STORE_ADDED);
    enum store_merge_result r;
    ck_assert_int_eq(store_merge(st, &c1, NULL, NULL, &r, NULL, &err), ACHE_ERR_DB);
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    ck_assert_int_eq(count_of(st), 2);
    get_ok(st, plain.id, &got);
    assert_same(&plain, &got);
    store_close(st);
    checkin_free(&c0), checkin_free(&c1), checkin_free(&upd),
        checkin_free(&got), checkin_free(&plain);
}
END_TEST

/* An atomic batch: every change lands at the commit, tags new and old
 * are linked through the remembered ids, and an update replaces tags. */
START_TEST(test_atomic_batch_commit)
{
    struct store *st = open_ok(path);
    struct checkin old;
    checkin_init(&old, day("2026-01-01"));
    checkin_add_tag(&old, "yoga");
    add_ok(st, &old);
    struct ache_err err = {""};
    ck_assert_int_eq(store_begin_atomic(st, &err), ACHE_OK);
    struct checkin c[3];
    for (int i = 0; i < 3; i++) {
        checkin_init(&c[i], day("2026-01-02") + i);
        checkin_add_tag(&c[i], "yoga");
        checkin_add_tag(&c[i], i % 2 ? "walk-fast" : "stress");
        ck_assert_int_eq(merge_ok(st, &c[i]), STORE_ADDED);
    }
    struct checkin newer;
    checkin_copy(&newer, &old);
    newer.updated_at = old.updated_at + 1;
    checkin_add_tag(&newer, "walk-fast");
    ck_assert_int_eq(merge_ok(st, &newer), STORE_UPDATED);
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    store_close(st);

    st = open_ok(path);
    ck_assert_int_eq(count_of(st), 4);
    struct checkin got;
    get_ok(st, c[1].id, &got);
    ck_assert_uint_eq(got.ntags, 2);
    ck_assert_str_eq(got.tags[0], "walk-fast");
    ck_assert_str_eq(got.tags[1], "yoga");
    checkin_free(&got);
    get_ok(st, old.id, &got);
    ck_assert_uint_eq(got.ntags, 2);
    ck_assert_str_eq(got.tags[0], "walk-fast");
    checkin_free(&got);
    store_close(st);
    for (int i = 0; i < 3; i++)
        checkin_free(&c[i]);
    checkin_free(&old), checkin_free(&newer);
}
END_TEST

/* A change failing partway through an atomic batch is not undone alone:
 * the batch refuses more changes, and its commit saves none of it. */
START_TEST(test_atomic_batch_failure)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    ck_assert_int_eq(store_begin_atomic(st, &err), ACHE_OK);
    struct checkin plain, tagged, after;
    checkin_init(&plain, day("2026-01-07"));
    checkin_init(&tagged, day("2026-01-08"));
    checkin_init(&after, day("2026-01-09"));
    checkin_add_tag(&tagged, "brand-new");
    ck_assert_int_eq(merge_ok(st, &plain), STORE_ADDED);
    raw_exec(st->db, "CREATE TEMP TRIGGER no_links BEFORE INSERT ON"
                     " main.checkin_tag BEGIN SELECT RAISE(ABORT,"
                     " 'injected failure'); END");
    enum store_merge_result r;
    ck_assert_int_eq(store_merge(st, &tagged, NULL, NULL, &r, NULL, &err), ACHE_ERR_DB);
    ck_assert_msg(strstr(err.msg, "injected failure"), "%s", err.msg);
    ck_assert_int_eq(store_merge(st, &after, NULL, NULL, &r, NULL, &err), ACHE_ERR_INVALID);
    char *want = xasprintf("%s: a change in this transaction failed: roll "
                           "it back", path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    ck_assert_int_eq(store_commit(st, &err), ACHE_ERR_INVALID);
    want = xasprintf("%s: a change in this transaction failed, so none of "
                     "it was saved", path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    ck_assert_int_eq(count_of(st), 0);
    bool found = true;
    ck_assert_int_eq(store_tag_find(st, "brand-new", &found, NULL, &err),
                     ACHE_OK);
    ck_assert(!found);
    /* The next batch starts clean. */
    ck_assert_int_eq(store_begin(st, &err), ACHE_OK);
    ck_assert_int_eq(merge_ok(st, &after), STORE_ADDED);
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    ck_assert_int_eq(count_of(st), 1);
    store_close(st);
    checkin_free(&plain), checkin_free(&tagged), checkin_free(&after);
}
END_TEST

/* A tag added in a rolled-back atomic batch is gone, and so is its
 * remembered id: a later batch adds the tag afresh and links to it. */
START_TEST(test_atomic_batch_forgets_tag_ids)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    struct checkin a, b;
    checkin_init(&a, day("2026-02-01"));
    checkin_init(&b, day("2026-02-02"));
    checkin_add_tag(&a, "fresh-tag");
    checkin_add_tag(&b, "fresh-tag");
    ck_assert_int_eq(store_begin_atomic(st, &err), ACHE_OK);
    ck_assert_int_eq(merge_ok(st, &a), STORE_ADDED);
    store_rollback(st);
    /* Another tag takes the rolled-back tag's place in the id sequence. */
    ck_assert_int_eq(store_tag_add(st, "other-tag", TAG_TRIGGER, &err),
                     ACHE_OK);
    ck_assert_int_eq(store_begin_atomic(st, &err), ACHE_OK);
    ck_assert_int_eq(merge_ok(st, &b), STORE_ADDED);
    ck_assert_int_eq(store_commit(st, &err), ACHE_OK);
    struct checkin got;
    get_ok(st, b.id, &got);
    ck_assert_uint_eq(got.ntags, 1);
    ck_assert_str_eq(got.tags[0], "fresh-tag");
    checkin_free(&got);
    store_close(st);
    checkin_free(&a), checkin_free(&b);
}
END_TEST

START_TEST(test_busy_is_reported)
{
    struct store *st = open_ok(path);
    sqlite3_busy_timeout(st->db, 50); /* not the 10 s of real life */
    sqlite3 *other = raw_open(path);
    raw_exec(other, "BEGIN IMMEDIATE");
    struct checkin c;
    checkin_init(&c, day("2026-01-05"));
    struct ache_err err = {""};
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_ERR_BUSY);
    char *want = xasprintf("%s: starting a change: the diary is busy (another "
                           "program is writing to it); try again",
                           path);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(store_begin(st, &err), ACHE_ERR_BUSY);
    raw_exec(other, "ROLLBACK");
    sqlite3_close(other);
    add_ok(st, &c);
    ck_assert_int_eq(count_of(st), 1);
    store_close(st);
    free(want);
    checkin_free(&c);
}
END_TEST

/* ---- backup ---------------------------------------------------------------- */

static void assert_same_lists(struct store *a, struct store *b)
{
    struct checkin_list la = {0}, lb = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_list_range(a, INT32_MIN, INT32_MAX, &la, &err),
                     ACHE_OK);
    ck_assert_int_eq(store_list_range(b, INT32_MIN, INT32_MAX, &lb, &err),
                     ACHE_OK);
    ck_assert_uint_eq(la.n, lb.n);
    for (size_t i = 0; i < la.n; i++)
        assert_same(&la.items[i], &lb.items[i]);
    checkin_list_free(&la);
    checkin_list_free(&lb);
}

static size_t temp_files_in(const char *folder)
{
    char *cmd = xasprintf("ls -a '%s' | grep -c tmp-", folder);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = 0;
    ck_assert_int_eq(fscanf(p, "%zu", &n), 1);
    pclose(p);
    free(cmd);
    return n;
}

START_TEST(test_backup)
{
    struct store *st = open_ok(path);
    add_planned(st);
    struct checkin c;
    checkin_init(&c, day("2026-03-10"));
    checkin_add_tag(&c, "heat");
    checkin_set_note(&c, "copied \xe2\x9c\x93");
    add_ok(st, &c);
    struct ache_err err = {""};
    ck_assert_int_eq(store_tag_add(st, "sauna", TAG_TREATMENT, &err), ACHE_OK);
    char *dest = xasprintf("%s/backup.db", dir);
    write_file(dest, "an older backup, to be replaced", 31);
    ck_assert_int_eq(chmod(dest, 0644), 0);
    /* Journals left by the replaced file must not meet the new one. */
    char *stale_wal = xasprintf("%s-wal", dest);
    char *stale_journal = xasprintf("%s-journal", dest);
    write_file(stale_wal, "stale", 5);
    write_file(stale_journal, "stale", 5);
    ck_assert_int_eq(store_backup(st, dest, &err), ACHE_OK);
    ck_assert_int_eq(mode_of(dest), 0600);
    ck_assert_uint_eq(temp_files_in(dir), 0);
    ck_assert(!exists(stale_wal));
    ck_assert(!exists(stale_journal));
    free(stale_wal), free(stale_journal);
    struct store *copy = NULL;
    ck_assert_int_eq(store_open(dest, false, &copy, &err), ACHE_OK);
    assert_same_lists(st, copy);
    bool found = false;
    enum tag_kind kind = TAG_OTHER;
    ck_assert_int_eq(store_tag_find(copy, "sauna", &found, &kind, &err),
                     ACHE_OK);
    ck_assert(found);
    ck_assert_int_eq(kind, TAG_TREATMENT);
    store_close(copy);
    sqlite3 *db = raw_open(dest);
    char *check = raw_text(db, "PRAGMA integrity_check");
    ck_assert_str_eq(check, "ok");
    free(check);
    sqlite3_close(db);
    store_close(st);
    free(dest);
    checkin_free(&c);
}
END_TEST

START_TEST(test_backup_failures)
{
    struct store *st = open_ok(path);
    add_planned(st);
    struct ache_err err = {""};
    /* Over a folder: the rename fails, the temporary copy is removed. */
    char *folder = xasprintf("%s/folder", dir);
    ck_assert_int_eq(mkdir(folder, 0700), 0);
    ck_assert_int_eq(store_backup(st, folder, &err), ACHE_ERR_IO);
    char *want = xasprintf("%s: cannot back up: Is a directory", folder);
    ck_assert_str_eq(err.msg, want);
    ck_assert_uint_eq(temp_files_in(dir), 0);
    free(want);
    /* Into a folder that is not there. */
    char *nowhere = xasprintf("%s/missing/backup.db", dir);
    ck_assert_int_eq(store_backup(st, nowhere, &err), ACHE_ERR_IO);
    want = xasprintf("%s: cannot create the backup: No such file or "
                     "directory",
                     nowhere);
    ck_assert_str_eq(err.msg, want);
    free(want);
    /* Not over the diary itself, under whatever name. */
    char *self = xasprintf("%s/./diary.db", dir);
    ck_assert_int_eq(store_backup(st, self, &err), ACHE_ERR_INVALID);
    want = xasprintf("%s: is the diary itself; back up to another file", self);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(count_of(st), (long)NPLANNED);
    free(want), free(self);
    /* Not in the middle of a transaction (it would copy half of it). */
    char *dest = xasprintf("%s/b.db", dir);
    ck_assert_int_eq(store_begin(st, &err), ACHE_OK);
    ck_assert_int_eq(store_backup(st, dest, &err), ACHE_ERR_INVALID);
    want = xasprintf("%s: cannot back up while a transaction is open", path);
    ck_assert_str_eq(err.msg, want);
    ck_assert(!exists(dest));
    store_rollback(st);
    store_close(st);
    free(want), free(dest), free(nowhere), free(folder);
}
END_TEST

/* ---- migrations -------------------------------------------------------------- */

/* Every schema version ache ever wrote, frozen here as it was, so that each
 * can be migrated from for as long as ache lives. A new schema version adds
 * an entry (and keeps the old ones). */
static void build_v0(const char *p)
{
    write_file(p, "", 0); /* a diary created but never begun */
}

static void check_v0(struct store *st)
{
    ck_assert_int_eq(count_of(st), 0);
    bool found = false;
    struct ache_err err = {""};
    ck_assert_int_eq(store_tag_find(st, tag_catalogue_name(0), &found, NULL,
                                    &err),
                     ACHE_OK);
    ck_assert(found);
}

static const char frozen_v1[] =
    "CREATE TABLE checkin ("
    " id TEXT PRIMARY KEY NOT NULL"
    "  CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),"
    " date TEXT NOT NULL"
    "  CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    "   AND date >= '0001-01-01' AND date(julianday(date)) IS date),"
    " time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'),"
    " pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    " fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),"
    " sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"
    " sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24"
    "  AND sleep_hours * 4 = round(sleep_hours * 4)),"
    " stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10),"
    " fog INTEGER CHECK (fog BETWEEN 0 AND 10),"
    " mood INTEGER CHECK (mood BETWEEN 0 AND 10),"
    " activity INTEGER CHECK (activity BETWEEN 0 AND 10),"
    " regions INTEGER NOT NULL DEFAULT 0"
    "  CHECK (regions BETWEEN 0 AND 524287),"
    " note TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 16384),"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX checkin_by_date ON checkin (date, time, created_at, id);"
    "CREATE TABLE tag ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE"
    "  CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40"
    "   AND name NOT GLOB '*[^-_0-9a-z\xc2\x80-\xf4\x8f\xbf\xbf]*'"
    "   AND name NOT GLOB '[-_]*'),"
    " kind TEXT NOT NULL CHECK (kind IN ('trigger', 'treatment', 'other'))"
    ") STRICT;"
    "CREATE TABLE checkin_tag ("
    " checkin_id TEXT NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,"
    " tag_id INTEGER NOT NULL REFERENCES tag (id),"
    " PRIMARY KEY (checkin_id, tag_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_tag_by_tag ON checkin_tag (tag_id);"
    "INSERT INTO tag (name, kind) VALUES ('yoga', 'treatment'),"
    " ('stress', 'trigger');"
    "INSERT INTO checkin VALUES ('11111111111111111111111111111111',"
    " '2025-12-24', '07:15', 6, 5, 4, 6.5, 3, 2, 7, 1, 3, 'from version 1',"
    " 1735000000000, 1735000100000);"
    "INSERT INTO checkin_tag VALUES ('11111111111111111111111111111111', 1);"
    /* Stored later, dated earlier, so its place changes in version 2. */
    "INSERT INTO checkin (id, date, created_at, updated_at) VALUES"
    " ('22222222222222222222222222222222', '2025-12-20', 1, 2),"
    " ('33333333333333333333333333333333', '2025-12-22', 1, 2);"
    "INSERT INTO checkin_tag VALUES ('22222222222222222222222222222222', 1),"
    " ('22222222222222222222222222222222', 2);"
    "PRAGMA application_id = 1633904741; PRAGMA user_version = 1;";

static void build_v1(const char *p)
{
    sqlite3 *db = raw_open(p);
    raw_exec(db, "PRAGMA journal_mode = WAL");
    raw_exec(db, frozen_v1);
    sqlite3_close(db);
}

/* The check-ins of the frozen diaries of versions 1 and 2, the first
 * with the note `note`. */
static void check_v1_data(struct store *st, const char *note)
{
    struct checkin got;
    get_ok(st, "11111111111111111111111111111111", &got);
    ck_assert_int_eq(got.date, day("2025-12-24"));
    ck_assert_int_eq(got.minute, 7 * 60 + 15);
    static const int want[CF_COUNT] = {6, 5, 4, 26, 3, 2, 7, 1};
    for (int f = 0; f < CF_COUNT; f++)
        ck_assert_int_eq(got.value[f], want[f]);
    ck_assert_uint_eq(got.regions, 3);
    ck_assert_str_eq(got.note, note);
    ck_assert_uint_eq(got.ntags, 1);
    ck_assert_str_eq(got.tags[0], "yoga");
    ck_assert_int_eq(got.created_at, 1735000000000);
    ck_assert_int_eq(got.updated_at, 1735000100000);
    checkin_free(&got);
    /* Every tag still on its own check-in. */
    get_ok(st, "22222222222222222222222222222222", &got);
    ck_assert_uint_eq(got.ntags, 2);
    ck_assert_str_eq(got.tags[0], "stress");
    ck_assert_str_eq(got.tags[1], "yoga");
    checkin_free(&got);
    get_ok(st, "33333333333333333333333333333333", &got);
    ck_assert_uint_eq(got.ntags, 0);
    checkin_free(&got);
    struct tag_list list = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_tags_list(st, &list, &err), ACHE_OK);
    long yoga = -1;
    for (size_t i = 0; i < list.n; i++)
        if (strcmp(list.items[i].name, "yoga") == 0)
            yoga = list.items[i].uses;
    ck_assert_int_eq(yoga, 2);
    tag_list_free(&list);
}

static void check_v1(struct store *st)
{
    check_v1_data(st, "from version 1");
}

static const char frozen_v2[] =
    "CREATE TABLE tag ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE"
    "  CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40"
    "   AND name NOT GLOB '*[^-_0-9a-z\xc2\x80-\xf4\x8f\xbf\xbf]*'"
    "   AND name NOT GLOB '[-_]*'),"
    " kind TEXT NOT NULL CHECK (kind IN ('trigger', 'treatment', 'other'))"
    ") STRICT;"
    "CREATE TABLE checkin ("
    " n INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),"
    " date TEXT NOT NULL"
    "  CHECK (date >= '0001-01-01' AND date(julianday(date)) IS date),"
    " time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'),"
    " pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    " fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),"
    " sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"
    " sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24"
    "  AND sleep_hours * 4 = round(sleep_hours * 4)),"
    " stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10),"
    " fog INTEGER CHECK (fog BETWEEN 0 AND 10),"
    " mood INTEGER CHECK (mood BETWEEN 0 AND 10),"
    " activity INTEGER CHECK (activity BETWEEN 0 AND 10),"
    " regions INTEGER NOT NULL DEFAULT 0"
    "  CHECK (regions BETWEEN 0 AND 524287),"
    " note TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 16384),"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE UNIQUE INDEX checkin_by_id ON checkin (id);"
    "CREATE INDEX checkin_by_date ON checkin (date, time, created_at, id);"
    "CREATE INDEX checkin_values ON checkin (date, pain, fatigue,"
    " sleep_quality, sleep_hours, stiffness, fog, mood, activity, regions);"
    "CREATE TABLE checkin_tag ("
    " checkin INTEGER NOT NULL REFERENCES checkin (n) ON DELETE CASCADE,"
    " tag_id INTEGER NOT NULL REFERENCES tag (id),"
    " PRIMARY KEY (checkin, tag_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_tag_by_tag ON checkin_tag (tag_id);"
    "INSERT INTO tag (name, kind) VALUES ('yoga', 'treatment'),"
    " ('stress', 'trigger');"
    "INSERT INTO checkin (n, id, date, time, pain, fatigue, sleep_quality,"
    " sleep_hours, stiffness, fog, mood, activity, regions, note, created_at,"
    " updated_at) VALUES (7, '11111111111111111111111111111111',"
    " '2025-12-24', '07:15', 6, 5, 4, 6.5, 3, 2, 7, 1, 3, 'from version 2',"
    " 1735000000000, 1735000100000);"
    "INSERT INTO checkin_tag VALUES (7, 1);"
    "INSERT INTO checkin (n, id, date, created_at, updated_at) VALUES"
    " (9, '22222222222222222222222222222222', '2025-12-20', 1, 2),"
    " (3, '33333333333333333333333333333333', '2025-12-22', 1, 2);"
    "INSERT INTO checkin_tag VALUES (9, 1), (9, 2);"
    "PRAGMA application_id = 1633904741; PRAGMA user_version = 2;";

static void build_v2(const char *p)
{
    sqlite3 *db = raw_open(p);
    raw_exec(db, "PRAGMA journal_mode = WAL");
    raw_exec(db, frozen_v2);
    sqlite3_close(db);
}

/* Version 2's check-ins come through as version 1's did, each at its
 * first revision, with no history yet: an edit after the migration is
 * kept, and undone. */
static void check_v2(struct store *st)
{
    struct checkin got;
    struct ache_err err = {""};
    get_ok(st, "11111111111111111111111111111111", &got);
    ck_assert_str_eq(got.note, "from version 2");
    checkin_free(&got);
    check_v1_data(st, "from version 2");
    get_ok(st, "33333333333333333333333333333333", &got);
    ck_assert_int_eq(got.rev, 1);
    got.value[CF_PAIN] = 4;
    ck_assert_int_eq(store_update(st, &got, NULL, &err), ACHE_OK);
    ck_assert_int_eq(got.rev, 2);
    struct store_history h;
    ck_assert_int_eq(store_history(st, got.id, &h, &err), ACHE_OK);
    ck_assert_uint_eq(h.n, 2);
    ck_assert_int_eq(h.items[0].change, 0); /* made before changes were kept */
    ck_assert_int_eq(h.items[0].state.value[CF_PAIN], CHECKIN_ABSENT);
    ck_assert_int_eq(h.items[1].state.value[CF_PAIN], 4);
    store_history_free(&h);
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.reverted, 1);
    checkin_free(&got);
    get_ok(st, "33333333333333333333333333333333", &got);
    ck_assert_int_eq(got.value[CF_PAIN], CHECKIN_ABSENT);
    ck_assert_int_eq(got.rev, 3);
    checkin_free(&got);
}

/* Version 3 as a diary made today holds it, copied from one (the text of
 * each CREATE as SQLite keeps it), with history: a check-in edited once
 * (pain 5, then 6), one whose entry time is unknown, and one removed. The
 * next schema must bring all of it across. */
static const char frozen_v3_schema[] =
    "CREATE TABLE tag ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE  "
    "CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40   AND name NOT GLOB "
    "'*[^-_0-9a-z\xc2\x80-\xf4\x8f\xbf\xbf]*'   AND name NOT GLOB '[-_]*'), "
    "kind TEXT NOT NULL CHECK (kind IN ('trigger', 'treatment', 'other'))) "
    "STRICT;"
    "CREATE TABLE change ( n INTEGER PRIMARY KEY, at INTEGER NOT NULL, source "
    "TEXT NOT NULL CHECK (source IN ('add', 'edit', 'rm', 'import',  'screen', "
    "'undo', 'restore', 'demo')), detail TEXT CHECK (length(CAST(detail AS "
    "BLOB)) <= 4096), undoes INTEGER REFERENCES change (n)) STRICT;"
    "CREATE TABLE checkin ( n INTEGER PRIMARY KEY, id TEXT NOT NULL CHECK "
    "(id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), "
    "date TEXT NOT NULL CHECK (date >= '0001-01-01' AND date(julianday(date)) "
    "IS date), time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time "
    "< '24:00'), pain INTEGER CHECK (pain BETWEEN 0 AND 10), fatigue INTEGER "
    "CHECK (fatigue BETWEEN 0 AND 10), sleep_quality INTEGER CHECK (sleep_quality "
    "BETWEEN 0 AND 10), sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND "
    "24  AND sleep_hours * 4 = round(sleep_hours * 4)), stiffness INTEGER "
    "CHECK (stiffness BETWEEN 0 AND 10), fog INTEGER CHECK (fog BETWEEN 0 "
    "AND 10), mood INTEGER CHECK (mood BETWEEN 0 AND 10), activity INTEGER "
    "CHECK (activity BETWEEN 0 AND 10), note TEXT CHECK (length(CAST(note "
    "AS BLOB)) BETWEEN 1 AND 16384), regions INTEGER NOT NULL DEFAULT 0  "
    "CHECK (regions BETWEEN 0 AND 524287), created_at INTEGER, updated_at "
    "INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 1 CHECK (rev >= 1), change "
    "INTEGER REFERENCES change (n)) STRICT;"
    "CREATE UNIQUE INDEX checkin_by_id ON checkin (id);"
    "CREATE INDEX checkin_by_date ON checkin (date, time, created_at, id);"
    "CREATE INDEX checkin_values ON checkin (date, pain, fatigue, sleep_quality, "
    "sleep_hours, stiffness, fog, mood, activity, regions);"
    "CREATE TABLE checkin_tag ( checkin INTEGER NOT NULL REFERENCES checkin "
    "(n) ON DELETE CASCADE, tag_id INTEGER NOT NULL REFERENCES tag (id), "
    "PRIMARY KEY (checkin, tag_id)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_tag_by_tag ON checkin_tag (tag_id);"
    "CREATE TABLE checkin_version ( id TEXT NOT NULL, change INTEGER NOT "
    "NULL REFERENCES change (n), parts INTEGER NOT NULL CHECK (parts BETWEEN "
    "1 AND 16383), made_by INTEGER REFERENCES change (n), date TEXT CHECK "
    "(date >= '0001-01-01' AND date(julianday(date)) IS date), time TEXT "
    "CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'), pain INTEGER "
    "CHECK (pain BETWEEN 0 AND 10), fatigue INTEGER CHECK (fatigue BETWEEN "
    "0 AND 10), sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND "
    "10), sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24  AND sleep_hours "
    "* 4 = round(sleep_hours * 4)), stiffness INTEGER CHECK (stiffness BETWEEN "
    "0 AND 10), fog INTEGER CHECK (fog BETWEEN 0 AND 10), mood INTEGER CHECK "
    "(mood BETWEEN 0 AND 10), activity INTEGER CHECK (activity BETWEEN 0 "
    "AND 10), note TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 16384), "
    "regions INTEGER CHECK (regions BETWEEN 0 AND 524287), tags TEXT, created_at "
    "INTEGER, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL, PRIMARY "
    "KEY (id, change)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_version_removed ON checkin_version (date) WHERE "
    "parts >= 8192;"
    "CREATE TABLE checkin_deleted ( id TEXT PRIMARY KEY NOT NULL, deleted_at "
    "INTEGER NOT NULL, change INTEGER NOT NULL REFERENCES change (n)) STRICT, "
    "WITHOUT ROWID;"
    "CREATE INDEX checkin_deleted_by_change ON checkin_deleted (change);"
    "CREATE TABLE meta ( key TEXT PRIMARY KEY NOT NULL, value ANY) STRICT, "
    "WITHOUT ROWID;";

static const char frozen_v3_data[] =
    "INSERT INTO tag (id, name, kind) VALUES (1, 'yoga', 'treatment'),"
    " (2, 'stress', 'trigger');"
    "INSERT INTO change (n, at, source) VALUES (1, 1735000000000, 'add'),"
    " (2, 1735000200000, 'edit'), (3, 1735000300000, 'rm');"
    "INSERT INTO checkin (n, id, date, time, pain, fatigue, sleep_quality,"
    " sleep_hours, stiffness, fog, mood, activity, note, regions, created_at,"
    " updated_at, rev, change) VALUES (7, '11111111111111111111111111111111',"
    " '2025-12-24', '07:15', 6, 5, 4, 6.5, 3, 2, 7, 1, 'from version 3', 3,"
    " 1735000000000, 1735000200000, 2, 2),"
    " (9, '22222222222222222222222222222222', '2025-12-20', NULL, 4, NULL,"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, 1735000000000, 1,"
    " 1);"
    "INSERT INTO checkin_tag VALUES (9, 1);"
    "INSERT INTO checkin_version (id, change, parts, made_by, pain,"
    " updated_at, rev) VALUES ('11111111111111111111111111111111', 2, 4, 1,"
    " 5, 1735000000000, 1);"
    "INSERT INTO checkin_version (id, change, parts, made_by, date, pain,"
    " note, regions, tags, created_at, updated_at, rev) VALUES"
    " ('33333333333333333333333333333333', 3, 16383, 1, '2025-12-22', 2,"
    " 'removed in version 3', 0, 'stress', 1735000000000, 1735000000000, 1);"
    "INSERT INTO checkin_deleted VALUES ('33333333333333333333333333333333',"
    " 1735000300000, 3);"
    "INSERT INTO meta VALUES ('checked_on', '2025-12-24');"
    "PRAGMA application_id = 1633904741; PRAGMA user_version = 3;";

static void build_v3(const char *p)
{
    sqlite3 *db = raw_open(p);
    raw_exec(db, "PRAGMA journal_mode = WAL");
    raw_exec(db, frozen_v3_schema);
    raw_exec(db, frozen_v3_data);
    sqlite3_close(db);
}

/* What version 4 rewrote, read as it lies: a removal's parts move from
 * 8192 to 16384, keeping the old bit (now the own values, which a removal
 * keeps whole), an edit's parts stay, and the built-in fields are listed
 * with the ids every copy of a diary shares. */
static void check_v3_rows(const char *p)
{
    sqlite3 *db = raw_open(p);
    ck_assert_int_eq(raw_long(db, "SELECT parts FROM checkin_version WHERE"
                                  " id = '33333333333333333333333333333333'"
                                  " AND change = 3"),
                     32767);
    ck_assert_int_eq(raw_long(db, "SELECT parts FROM checkin_version WHERE"
                                  " id = '11111111111111111111111111111111'"
                                  " AND change = 2"),
                     4);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM checkin_version"
                                  " WHERE own IS NOT NULL"),
                     0);
    char *fields = raw_text(db, "SELECT group_concat(n || ':' || id, ' ')"
                                " FROM (SELECT n, id FROM field ORDER BY n)");
    ck_assert_str_eq(fields, "0:00000000000000000000000000000001"
                             " 1:00000000000000000000000000000002"
                             " 2:00000000000000000000000000000003"
                             " 3:00000000000000000000000000000004"
                             " 4:00000000000000000000000000000005"
                             " 5:00000000000000000000000000000006"
                             " 6:00000000000000000000000000000007"
                             " 7:00000000000000000000000000000008");
    free(fields);
    sqlite3_close(db);
}

/* Version 3's check-ins, history and removal come through: the edit is
 * in the history, the unknown entry time stays unknown, and undoing the
 * last change brings the removed check-in back whole. */
static void check_v3(struct store *st)
{
    struct checkin got;
    struct ache_err err = {""};
    check_v3_rows(path);
    get_ok(st, "11111111111111111111111111111111", &got);
    ck_assert_str_eq(got.note, "from version 3");
    ck_assert_int_eq(got.value[CF_PAIN], 6);
    ck_assert_int_eq(got.rev, 2);
    struct store_history h;
    ck_assert_int_eq(store_history(st, got.id, &h, &err), ACHE_OK);
    ck_assert_uint_eq(h.n, 2);
    ck_assert_int_eq(h.items[0].state.value[CF_PAIN], 5);
    ck_assert_int_eq(h.items[1].state.value[CF_PAIN], 6);
    store_history_free(&h);
    checkin_free(&got);
    get_ok(st, "22222222222222222222222222222222", &got);
    ck_assert_int_eq(got.created_at, 0); /* unknown, not 1970 */
    ck_assert_uint_eq(got.ntags, 1);
    ck_assert_str_eq(got.tags[0], "yoga");
    checkin_free(&got);
    ck_assert_int_eq(store_get(st, "33333333333333333333333333333333", &got,
                               &err),
                     ACHE_ERR_NOT_FOUND);
    checkin_free(&got);
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.restored, 1);
    get_ok(st, "33333333333333333333333333333333", &got);
    ck_assert_str_eq(got.note, "removed in version 3");
    ck_assert_int_eq(got.value[CF_PAIN], 2);
    ck_assert_str_eq(got.tags[0], "stress");
    checkin_free(&got);
}

/* Version 4 as it was written: fields, medicines, doses and the history
 * of records, with tags that carried no id of their own. */
static const char frozen_v4_schema1[] =
    "CREATE TABLE tag ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE  "
    "CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40   AND name NOT GLOB"
    " '*[^-_0-9a-z\xc2\x80-\xf4\x8f\xbf\xbf]*'   AND name NOT GLOB '[-_]*'), kind TEXT NOT NULL "
    "CHECK (kind IN ('trigger', 'treatment', 'other'))) STRICT;"
    "CREATE TABLE checkin ( n INTEGER PRIMARY KEY, id TEXT NOT NULL CHECK "
    "(id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9"
    "a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0"
    "-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), date TEXT "
    "NOT NULL CHECK (date >= '0001-01-01' AND date(julianday(date)) IS "
    "date), time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < "
    "'24:00'), pain INTEGER CHECK (pain BETWEEN 0 AND 10), fatigue INTEGER "
    "CHECK (fatigue BETWEEN 0 AND 10), sleep_quality INTEGER CHECK "
    "(sleep_quality BETWEEN 0 AND 10), sleep_hours REAL CHECK (sleep_hours "
    "BETWEEN 0 AND 24  AND sleep_hours * 4 = round(sleep_hours * 4)), "
    "stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10), fog INTEGER "
    "CHECK (fog BETWEEN 0 AND 10), mood INTEGER CHECK (mood BETWEEN 0 AND "
    "10), activity INTEGER CHECK (activity BETWEEN 0 AND 10), note TEXT "
    "CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 16384), regions "
    "INTEGER NOT NULL DEFAULT 0  CHECK (regions BETWEEN 0 AND 524287), "
    "created_at INTEGER, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL "
    "DEFAULT 1 CHECK (rev >= 1), change INTEGER REFERENCES change (n)) "
    "STRICT;"
    "CREATE UNIQUE INDEX checkin_by_id ON checkin (id);"
    "CREATE INDEX checkin_by_date ON checkin (date, time, created_at, id);"
    "CREATE INDEX checkin_values ON checkin (date, pain, fatigue, "
    "sleep_quality, sleep_hours, stiffness, fog, mood, activity, regions);"
    "CREATE TABLE checkin_tag ( checkin INTEGER NOT NULL REFERENCES checkin"
    " (n) ON DELETE CASCADE, tag_id INTEGER NOT NULL REFERENCES tag (id), "
    "PRIMARY KEY (checkin, tag_id)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_tag_by_tag ON checkin_tag (tag_id);"
    "CREATE TABLE checkin_deleted ( id TEXT PRIMARY KEY NOT NULL, "
    "deleted_at INTEGER NOT NULL, change INTEGER NOT NULL REFERENCES change"
    " (n)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_deleted_by_change ON checkin_deleted (change);"
    "CREATE TABLE meta ( key TEXT PRIMARY KEY NOT NULL, value ANY) STRICT, "
    "WITHOUT ROWID;"
    "CREATE TABLE \"change\" ( n INTEGER PRIMARY KEY, at INTEGER NOT NULL, "
    "source TEXT NOT NULL CHECK (source IN ('add', 'edit', 'rm', 'import',"
    "  'screen', 'undo', 'restore', 'demo', 'fields', 'meds', 'took')), "
    "detail TEXT CHECK (length(CAST(detail AS BLOB)) <= 4096), undoes "
    "INTEGER REFERENCES change (n)) STRICT;";
static const char frozen_v4_schema2[] =
    "CREATE TABLE checkin_version ( id TEXT NOT NULL, change INTEGER NOT "
    "NULL REFERENCES change (n), parts INTEGER NOT NULL CHECK (parts "
    "BETWEEN 1 AND 32767), made_by INTEGER REFERENCES change (n), date TEXT"
    " CHECK (date >= '0001-01-01' AND date(julianday(date)) IS date), time "
    "TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'), "
    "pain INTEGER CHECK (pain BETWEEN 0 AND 10), fatigue INTEGER CHECK "
    "(fatigue BETWEEN 0 AND 10), sleep_quality INTEGER CHECK (sleep_quality"
    " BETWEEN 0 AND 10), sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND "
    "24  AND sleep_hours * 4 = round(sleep_hours * 4)), stiffness INTEGER "
    "CHECK (stiffness BETWEEN 0 AND 10), fog INTEGER CHECK (fog BETWEEN 0 "
    "AND 10), mood INTEGER CHECK (mood BETWEEN 0 AND 10), activity INTEGER "
    "CHECK (activity BETWEEN 0 AND 10), note TEXT CHECK (length(CAST(note "
    "AS BLOB)) BETWEEN 1 AND 16384), regions INTEGER CHECK (regions BETWEEN"
    " 0 AND 524287), tags TEXT, own TEXT, created_at INTEGER, updated_at "
    "INTEGER NOT NULL, rev INTEGER NOT NULL, PRIMARY KEY (id, change)) "
    "STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_version_removed ON checkin_version (date) WHERE "
    "parts >= 16384;"
    "CREATE TABLE field ( n INTEGER PRIMARY KEY CHECK (n >= 0), id TEXT NOT"
    " NULL UNIQUE CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]["
    "0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f"
    "][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a"
    "-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-"
    "9a-f]'), name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND "
    "32  AND name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'), kind "
    "TEXT NOT NULL  CHECK (kind IN ('rating', 'hours', 'count', 'minutes', "
    "'yesno')), label TEXT CHECK (length(CAST(label AS BLOB)) BETWEEN 1 AND"
    " 64), low_word TEXT CHECK (length(CAST(low_word AS BLOB)) BETWEEN 1 "
    "AND 40), high_word TEXT  CHECK (length(CAST(high_word AS BLOB)) "
    "BETWEEN 1 AND 40), weekly INTEGER NOT NULL DEFAULT 0 CHECK (weekly IN "
    "(0, 1)), hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)), "
    "created_at INTEGER, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL "
    "DEFAULT 1 CHECK (rev >= 1), change INTEGER REFERENCES change (n)) "
    "STRICT;"
    "CREATE TABLE checkin_value ( checkin INTEGER NOT NULL REFERENCES "
    "checkin (n) ON DELETE CASCADE, field INTEGER NOT NULL REFERENCES field"
    " (n) CHECK (field >= 8), value INTEGER NOT NULL CHECK (value BETWEEN 0"
    " AND 9999), PRIMARY KEY (checkin, field)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX checkin_value_by_field ON checkin_value (field, checkin, "
    "value);"
    "CREATE TABLE med ( n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE "
    "CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-"
    "f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9"
    "a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0"
    "-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), name"
    " TEXT NOT NULL UNIQUE COLLATE NOCASE  CHECK (length(CAST(name AS "
    "BLOB)) BETWEEN 1 AND 40   AND name = trim(name) AND instr(name, ',') ="
    " 0), created_at INTEGER, updated_at INTEGER NOT NULL, rev INTEGER NOT "
    "NULL DEFAULT 1 CHECK (rev >= 1), change INTEGER REFERENCES change (n))"
    " STRICT;";
static const char frozen_v4_schema3[] =
    "CREATE TABLE med_period ( n INTEGER PRIMARY KEY, id TEXT NOT NULL "
    "UNIQUE CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f"
    "][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a"
    "-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-"
    "9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'"
    "), med INTEGER NOT NULL REFERENCES med (n) ON DELETE CASCADE, start "
    "TEXT NOT NULL  CHECK (start >= '0001-01-01' AND date(julianday(start))"
    " IS start), stop TEXT CHECK (stop >= start AND date(julianday(stop)) "
    "IS stop), dose REAL CHECK (dose > 0 AND dose <= 1000000), unit TEXT "
    "CHECK (length(CAST(unit AS BLOB)) BETWEEN 1 AND 16  AND unit NOT GLOB "
    "'*[^a-z%]*'), times TEXT CHECK (length(times) BETWEEN 5 AND 71  AND "
    "times GLOB '[0-2][0-9]:[0-5][0-9]*'  AND times NOT GLOB '*[^0-9:,]*'),"
    " as_needed INTEGER NOT NULL DEFAULT 0 CHECK (as_needed IN (0, 1)), "
    "created_at INTEGER, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL "
    "DEFAULT 1 CHECK (rev >= 1), change INTEGER REFERENCES change (n)) "
    "STRICT;"
    "CREATE INDEX med_period_by_med ON med_period (med, start);"
    "CREATE TABLE dose ( n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE "
    "CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-"
    "f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9"
    "a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0"
    "-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), med "
    "INTEGER NOT NULL REFERENCES med (n), date TEXT NOT NULL CHECK (date >="
    " '0001-01-01' AND date(julianday(date)) IS date), time TEXT CHECK "
    "(time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'), amount REAL "
    "CHECK (amount > 0 AND amount <= 1000000), unit TEXT CHECK "
    "(length(CAST(unit AS BLOB)) BETWEEN 1 AND 16  AND unit NOT GLOB "
    "'*[^a-z%]*'), created_at INTEGER, updated_at INTEGER NOT NULL, rev "
    "INTEGER NOT NULL DEFAULT 1 CHECK (rev >= 1), change INTEGER REFERENCES"
    " change (n)) STRICT;"
    "CREATE INDEX dose_by_date ON dose (date, time);"
    "CREATE INDEX dose_by_med ON dose (med, date, time);"
    "CREATE TABLE record_version ( id TEXT NOT NULL, change INTEGER NOT "
    "NULL REFERENCES change (n), kind TEXT NOT NULL CHECK (kind IN "
    "('field', 'med', 'period', 'dose')), removed INTEGER NOT NULL DEFAULT "
    "0 CHECK (removed IN (0, 1)), made_by INTEGER REFERENCES change (n), "
    "body TEXT NOT NULL CHECK (json_valid(body)), updated_at INTEGER NOT "
    "NULL, rev INTEGER NOT NULL, PRIMARY KEY (id, change)) STRICT, WITHOUT "
    "ROWID;"
    "CREATE TABLE record_deleted ( id TEXT PRIMARY KEY NOT NULL, kind TEXT "
    "NOT NULL CHECK (kind IN ('field', 'med', 'period', 'dose')), "
    "deleted_at INTEGER NOT NULL, change INTEGER NOT NULL REFERENCES change"
    " (n)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX record_deleted_by_change ON record_deleted (change);";

/* A tag in use and one unused, an own field, a medicine with a dose, a
 * field renamed (its earlier version kept) and a dose removed, last. */
static const char frozen_v4_data[] =
    "INSERT INTO tag (id, name, kind) VALUES (1, 'stress', 'trigger'),"
    " (2, 'knitting', 'treatment');"
    "INSERT INTO change (n, at, source, detail) VALUES"
    " (1, 1764000000000, 'fields', 'itch'),"
    " (2, 1764000100000, 'add', NULL), (3, 1764000200000, 'meds', NULL),"
    " (4, 1764000300000, 'fields', 'itch'), (5, 1764000400000, 'rm', NULL);"
    "INSERT INTO field (n, id, name, kind, updated_at, rev) VALUES"
    " (0, '00000000000000000000000000000001', 'pain', 'rating', 0, 1),"
    " (1, '00000000000000000000000000000002', 'fatigue', 'rating', 0, 1),"
    " (2, '00000000000000000000000000000003', 'sleep', 'rating', 0, 1),"
    " (3, '00000000000000000000000000000004', 'sleep_hours', 'hours', 0, 1),"
    " (4, '00000000000000000000000000000005', 'stiffness', 'rating', 0, 1),"
    " (5, '00000000000000000000000000000006', 'fog', 'rating', 0, 1),"
    " (6, '00000000000000000000000000000007', 'mood', 'rating', 0, 1),"
    " (7, '00000000000000000000000000000008', 'activity', 'rating', 0, 1);"
    "INSERT INTO field (n, id, name, kind, label, created_at, updated_at,"
    " rev, change) VALUES (8, '44444444444444444444444444444444', 'itch',"
    " 'rating', 'Itching', 1764000000000, 1764000300000, 2, 4);"
    "INSERT INTO record_version (id, change, kind, removed, made_by, body,"
    " updated_at, rev) VALUES ('44444444444444444444444444444444', 4,"
    " 'field', 0, 1, json_object('key', 8, 'name', 'itch', 'kind',"
    " 'rating', 'label', NULL, 'low_word', NULL, 'high_word', NULL,"
    " 'weekly', 0, 'hidden', 0, 'created_at', 1764000000000),"
    " 1764000000000, 1);"
    "INSERT INTO checkin (n, id, date, time, pain, regions, created_at,"
    " updated_at, rev, change) VALUES (1,"
    " '55555555555555555555555555555555', '2025-11-24', '08:00', 6, 0,"
    " 1764000100000, 1764000100000, 1, 2);"
    "INSERT INTO checkin_tag VALUES (1, 1);"
    "INSERT INTO checkin_value VALUES (1, 8, 3);"
    "INSERT INTO med (n, id, name, created_at, updated_at, rev, change)"
    " VALUES (1, '66666666666666666666666666666666', 'ibuprofen',"
    " 1764000200000, 1764000200000, 1, 3);"
    "INSERT INTO record_version (id, change, kind, removed, made_by, body,"
    " updated_at, rev) VALUES ('77777777777777777777777777777777', 5,"
    " 'dose', 1, 3, json_object('n', 1, 'med', 1, 'date', '2025-11-24',"
    " 'time', '08:10', 'amount', 400, 'unit', 'mg', 'created_at',"
    " 1764000200000), 1764000200000, 1);"
    "INSERT INTO record_deleted VALUES ('77777777777777777777777777777777',"
    " 'dose', 1764000400000, 5);"
    "PRAGMA application_id = 1633904741; PRAGMA user_version = 4;";

static void build_v4(const char *p)
{
    sqlite3 *db = raw_open(p);
    raw_exec(db, "PRAGMA journal_mode = WAL");
    raw_exec(db, frozen_v4_schema1);
    raw_exec(db, frozen_v4_schema2);
    raw_exec(db, frozen_v4_schema3);
    raw_exec(db, frozen_v4_data);
    sqlite3_close(db);
}

/* What version 5 rewrote, read as it lies: the tags keep their keys,
 * names and kinds, and each gets an id of its own. */
static void check_v4_rows(const char *p)
{
    sqlite3 *db = raw_open(p);
    char *tags = raw_text(db, "SELECT group_concat(id || ':' || name || ':'"
                              " || kind || ':' || rev, ' ') FROM"
                              " (SELECT * FROM tag ORDER BY id)");
    ck_assert_str_eq(tags, "1:stress:trigger:1 2:knitting:treatment:1");
    free(tags);
    ck_assert_int_eq(raw_long(db, "SELECT count(DISTINCT uid) FROM tag"
                                  " WHERE length(uid) = 32"),
                     2);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM record_version"), 2);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM change"
                                  " WHERE source IN ('fields', 'meds')"),
                     3);
    sqlite3_close(db);
}

/* Version 4's check-ins, own values and records come through: the last
 * change (a dose removed) is undone, and its tags can be changed now. */
static void check_v4(struct store *st)
{
    struct checkin got;
    struct ache_err err = {""};
    check_v4_rows(path);
    get_ok(st, "55555555555555555555555555555555", &got);
    ck_assert_int_eq(got.value[CF_PAIN], 6);
    ck_assert_uint_eq(got.ntags, 1);
    ck_assert_str_eq(got.tags[0], "stress");
    int itch = field_find("itch");
    ck_assert_int_eq(itch, 8);
    ck_assert_int_eq(checkin_get(&got, itch), 3);
    checkin_free(&got);
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.records[STORE_RECORD_DOSE], 1);
    struct store_tag_edit e = {.name = "stress", .to = "strain"};
    struct store_tag_result tr;
    ck_assert_int_eq(store_tag_rename(st, &e, &tr, &err), ACHE_OK);
    ck_assert_uint_eq(tr.checkins, 1);
    get_ok(st, "55555555555555555555555555555555", &got);
    ck_assert_str_eq(got.tags[0], "strain");
    ck_assert_int_eq(got.rev, 2);
    checkin_free(&got);
}

static const char frozen_v5_schema1[] =
    "CREATE TABLE checkin ( n INTEGER PRIMARY KEY, id TEXT NOT NULL CHECK ("
    "id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a"
    "-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-"
    "9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]["
    "0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), date TEXT N"
    "OT NULL CHECK (date >= '0001-01-01' AND date(julianday(date)) IS date)"
    ", time TEXT CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00"
    "'), pain INTEGER CHECK (pain BETWEEN 0 AND 10), fatigue INTEGER CHECK "
    "(fatigue BETWEEN 0 AND 10), sleep_quality INTEGER CHECK (sleep_quality"
    " BETWEEN 0 AND 10), sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND "
    "24  AND sleep_hours * 4 = round(sleep_hours * 4)), stiffness INTEGER C"
    "HECK (stiffness BETWEEN 0 AND 10), fog INTEGER CHECK (fog BETWEEN 0 AN"
    "D 10), mood INTEGER CHECK (mood BETWEEN 0 AND 10), activity INTEGER CH"
    "ECK (activity BETWEEN 0 AND 10), note TEXT CHECK (length(CAST(note AS "
    "BLOB)) BETWEEN 1 AND 16384), regions INTEGER NOT NULL DEFAULT 0  CHECK"
    " (regions BETWEEN 0 AND 524287), created_at INTEGER, updated_at INTEGE"
    "R NOT NULL, rev INTEGER NOT NULL DEFAULT 1 CHECK (rev >= 1), change IN"
    "TEGER REFERENCES change (n)) STRICT;CREATE UNIQUE INDEX checkin_by_id "
    "ON checkin (id);CREATE INDEX checkin_by_date ON checkin (date, time, c"
    "reated_at, id);CREATE INDEX checkin_values ON checkin (date, pain, fat"
    "igue, sleep_quality, sleep_hours, stiffness, fog, mood, activity, regi"
    "ons);CREATE TABLE checkin_tag ( checkin INTEGER NOT NULL REFERENCES ch"
    "eckin (n) ON DELETE CASCADE, tag_id INTEGER NOT NULL REFERENCES tag (i"
    "d), PRIMARY KEY (checkin, tag_id)) STRICT, WITHOUT ROWID;CREATE INDEX "
    "checkin_tag_by_tag ON checkin_tag (tag_id);CREATE TABLE checkin_delete"
    "d ( id TEXT PRIMARY KEY NOT NULL, deleted_at INTEGER NOT NULL, change "
    "INTEGER NOT NULL REFERENCES change (n)) STRICT, WITHOUT ROWID;CREATE I"
    "NDEX checkin_deleted_by_change ON checkin_deleted (change);CREATE TABL"
    "E meta ( key TEXT PRIMARY KEY NOT NULL, value ANY) STRICT, WITHOUT ROW"
    "ID;CREATE TABLE checkin_version ( id TEXT NOT NULL, change INTEGER NOT"
    " NULL REFERENCES change (n), parts INTEGER NOT NULL CHECK (parts BETWE"
    "EN 1 AND 32767), made_by INTEGER REFERENCES change (n), date TEXT CHEC"
    "K (date >= '0001-01-01' AND date(julianday(date)) IS date), time TEXT "
    "CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'), pain INT"
    "EGER CHECK (pain BETWEEN 0 AND 10), fatigue INTEGER CHECK (fatigue BET"
    "WEEN 0 AND 10), sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 A"
    "ND 10), sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24  AND slee"
    "p_hours * 4 = round(sleep_hours * 4)), stiffness INTEGER CHECK (stiffn"
    "ess BETWEEN 0 AND 10), fog INTEGER CHECK (fog BETWEEN 0 AND 10), mood "
    "INTEGER CHECK (mood BETWEEN 0 AND 10), activity INTEGER CHECK (activit"
    "y BETWEEN 0 AND 10), note TEXT CHECK (length(CAST(note AS BLOB)) BETWE"
    "EN 1 AND 16384), regions INTEGER CHECK (regions BETWEEN 0 AND 524287),"
    " tags TEXT, own TEXT, created_at INTEGER, updated_at INTEGER NOT NULL,"
    " rev INTEGER NOT NULL, PRIMARY KEY (id, change)) STRICT, WITHOUT ROWID"
    ";CREATE INDEX checkin_version_removed ON checkin_version (date) WHERE "
    "parts >= 16384;";
static const char frozen_v5_schema2[] =
    "CREATE TABLE field ( n INTEGER PRIMARY KEY CHECK (n >= 0), id TEXT NOT"
    " NULL UNIQUE CHECK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]["
    "0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f"
    "][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a"
    "-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-"
    "9a-f]'), name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 3"
    "2  AND name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'), kind TEXT"
    " NOT NULL  CHECK (kind IN ('rating', 'hours', 'count', 'minutes', 'yes"
    "no')), label TEXT CHECK (length(CAST(label AS BLOB)) BETWEEN 1 AND 64)"
    ", low_word TEXT CHECK (length(CAST(low_word AS BLOB)) BETWEEN 1 AND 40"
    "), high_word TEXT  CHECK (length(CAST(high_word AS BLOB)) BETWEEN 1 AN"
    "D 40), weekly INTEGER NOT NULL DEFAULT 0 CHECK (weekly IN (0, 1)), hid"
    "den INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)), created_at IN"
    "TEGER, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 1 CHE"
    "CK (rev >= 1), change INTEGER REFERENCES change (n)) STRICT;CREATE TAB"
    "LE checkin_value ( checkin INTEGER NOT NULL REFERENCES checkin (n) ON "
    "DELETE CASCADE, field INTEGER NOT NULL REFERENCES field (n) CHECK (fie"
    "ld >= 8), value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 9999), PRI"
    "MARY KEY (checkin, field)) STRICT, WITHOUT ROWID;CREATE INDEX checkin_"
    "value_by_field ON checkin_value (field, checkin, value);CREATE TABLE m"
    "ed ( n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE CHECK (id GLOB '[0"
    "-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-"
    "f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9"
    "a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), name TEXT NOT NULL UNI"
    "QUE COLLATE NOCASE  CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 40"
    "   AND name = trim(name) AND instr(name, ',') = 0), created_at INTEGER"
    ", updated_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 1 CHECK (r"
    "ev >= 1), change INTEGER REFERENCES change (n)) STRICT;CREATE TABLE me"
    "d_period ( n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE CHECK (id GL"
    "OB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0"
    "-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-"
    "f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), med INTEGER NOT "
    "NULL REFERENCES med (n) ON DELETE CASCADE, start TEXT NOT NULL  CHECK "
    "(start >= '0001-01-01' AND date(julianday(start)) IS start), stop TEXT"
    " CHECK (stop >= start AND date(julianday(stop)) IS stop), dose REAL CH"
    "ECK (dose > 0 AND dose <= 1000000), unit TEXT CHECK (length(CAST(unit "
    "AS BLOB)) BETWEEN 1 AND 16  AND unit NOT GLOB '*[^a-z%]*'), times TEXT"
    " CHECK (length(times) BETWEEN 5 AND 71  AND times GLOB '[0-2][0-9]:[0-"
    "5][0-9]*'  AND times NOT GLOB '*[^0-9:,]*'), as_needed INTEGER NOT NUL"
    "L DEFAULT 0 CHECK (as_needed IN (0, 1)), created_at INTEGER, updated_a"
    "t INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 1 CHECK (rev >= 1), c"
    "hange INTEGER REFERENCES change (n)) STRICT;CREATE INDEX med_period_by"
    "_med ON med_period (med, start);";
static const char frozen_v5_schema3[] =
    "CREATE TABLE dose ( n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE CHE"
    "CK (id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]["
    "0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f"
    "][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a"
    "-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), med INT"
    "EGER NOT NULL REFERENCES med (n), date TEXT NOT NULL CHECK (date >= '0"
    "001-01-01' AND date(julianday(date)) IS date), time TEXT CHECK (time G"
    "LOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'), amount REAL CHECK (am"
    "ount > 0 AND amount <= 1000000), unit TEXT CHECK (length(CAST(unit AS "
    "BLOB)) BETWEEN 1 AND 16  AND unit NOT GLOB '*[^a-z%]*'), created_at IN"
    "TEGER, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 1 CHE"
    "CK (rev >= 1), change INTEGER REFERENCES change (n)) STRICT;CREATE IND"
    "EX dose_by_date ON dose (date, time);CREATE INDEX dose_by_med ON dose "
    "(med, date, time);CREATE TABLE \"change\" ( n INTEGER PRIMARY KEY, at "
    "INTEGER NOT NULL, source TEXT NOT NULL CHECK (source IN ('add', 'edit'"
    ", 'rm', 'import',  'screen', 'undo', 'restore', 'demo', 'fields', 'med"
    "s', 'took',  'tags')), detail TEXT CHECK (length(CAST(detail AS BLOB))"
    " <= 4096), undoes INTEGER REFERENCES change (n)) STRICT;CREATE TABLE "
    "\"tag\" ( id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE DEFAULT (lo"
    "wer(hex(randomblob(16))))  CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0"
    "-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
    "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-"
    "f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9"
    "a-f][0-9a-f][0-9a-f]'), name TEXT NOT NULL UNIQUE  CHECK (length(CAST("
    "name AS BLOB)) BETWEEN 1 AND 40   AND name NOT GLOB '*[^-_0-9a-z\xc2"
    "\x80-\xf4\x8f\xbf\xbf]*'   AND name NOT GLOB '[-_]*'), kind TEXT NOT N"
    "ULL CHECK (kind IN ('trigger', 'treatment', 'other')), created_at INTE"
    "GER, updated_at INTEGER NOT NULL DEFAULT 0, rev INTEGER NOT NULL DEFAU"
    "LT 1 CHECK (rev >= 1), change INTEGER REFERENCES change (n)) STRICT;CR"
    "EATE TABLE \"record_version\" ( id TEXT NOT NULL, change INTEGER NOT N"
    "ULL REFERENCES change (n), kind TEXT NOT NULL  CHECK (kind IN ('field'"
    ", 'med', 'period', 'dose', 'tag')), removed INTEGER NOT NULL DEFAULT 0"
    " CHECK (removed IN (0, 1)), made_by INTEGER REFERENCES change (n), bod"
    "y TEXT NOT NULL CHECK (json_valid(body)), updated_at INTEGER NOT NULL,"
    " rev INTEGER NOT NULL, PRIMARY KEY (id, change)) STRICT, WITHOUT ROWID"
    ";CREATE TABLE \"record_deleted\" ( id TEXT PRIMARY KEY NOT NULL, kind "
    "TEXT NOT NULL  CHECK (kind IN ('field', 'med', 'period', 'dose', 'tag'"
    ")), deleted_at INTEGER NOT NULL, change INTEGER NOT NULL REFERENCES ch"
    "ange (n)) STRICT, WITHOUT ROWID;CREATE INDEX record_deleted_by_change "
    "ON record_deleted (change);";

/* Version 5 as it was written: a tag renamed (its earlier name kept as a
 * record version) on a check-in, and an own field. */
static const char frozen_v5_data[] =
    "INSERT INTO tag (id, uid, name, kind, created_at, updated_at, rev,"
    " change) VALUES (5, 'aba87aa0a2881edfdb7f4d90ca5f0af8', 'strain',"
    " 'trigger', NULL, 1763971200002, 2, 2);"
    "INSERT INTO change VALUES (1, 1763971200025, 'add', '75b19ca6', NULL),"
    " (2, 1763971200001, 'tags', 'rename stress strain', NULL),"
    " (3, 1763971200001, 'fields', 'itch', NULL);"
    "INSERT INTO checkin VALUES (1, '75b19ca6c6f7adaabb4d2bcd86bff187',"
    " '2025-11-24', '08:00', 6, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    " 'before', 0, 1763971200025, 1763971200026, 2, 2);"
    "INSERT INTO checkin_tag VALUES (1, 5);"
    "INSERT INTO checkin_version VALUES ('75b19ca6c6f7adaabb4d2bcd86bff187',"
    " 2, 2048, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    " NULL, NULL, NULL, 'stress', NULL, NULL, 1763971200025, 1);"
    "INSERT INTO field (n, id, name, kind, updated_at, rev) VALUES"
    " (0, '00000000000000000000000000000001', 'pain', 'rating', 0, 1),"
    " (1, '00000000000000000000000000000002', 'fatigue', 'rating', 0, 1),"
    " (2, '00000000000000000000000000000003', 'sleep_quality', 'rating', 0,"
    " 1), (3, '00000000000000000000000000000004', 'sleep_hours', 'hours', 0,"
    " 1), (4, '00000000000000000000000000000005', 'stiffness', 'rating', 0,"
    " 1), (5, '00000000000000000000000000000006', 'fog', 'rating', 0, 1),"
    " (6, '00000000000000000000000000000007', 'mood', 'rating', 0, 1),"
    " (7, '00000000000000000000000000000008', 'activity', 'rating', 0, 1);"
    "INSERT INTO field VALUES (8, 'bea3749f985e58074e0b463403fceb4b', 'itch',"
    " 'rating', NULL, NULL, NULL, 0, 0, 1763971200001, 1763971200001, 1, 3);"
    "INSERT INTO record_version VALUES ('aba87aa0a2881edfdb7f4d90ca5f0af8',"
    " 2, 'tag', 0, NULL, '{\"n\":5,\"name\":\"stress\",\"kind\":\"trigger\","
    "\"created_at\":null}', 0, 1);"
    "PRAGMA application_id = 1633904741; PRAGMA user_version = 5;";

static void build_v5(const char *p)
{
    sqlite3 *db = raw_open(p);
    raw_exec(db, "PRAGMA journal_mode = WAL");
    raw_exec(db, frozen_v5_schema1);
    raw_exec(db, frozen_v5_schema2);
    raw_exec(db, frozen_v5_schema3);
    raw_exec(db, frozen_v5_data);
    sqlite3_close(db);
}

/* Version 5's rows come through and the changes keep their sources; the
 * last change (the field) is undone, and the tag can be renamed again. */
static void check_v5(struct store *st)
{
    struct checkin got;
    struct ache_err err = {""};
    get_ok(st, "75b19ca6c6f7adaabb4d2bcd86bff187", &got);
    ck_assert_int_eq(got.value[CF_PAIN], 6);
    ck_assert_str_eq(got.tags[0], "strain");
    ck_assert_int_eq(checkin_get(&got, field_find("itch")), CHECKIN_ABSENT);
    checkin_free(&got);
    sqlite3 *db = raw_open(path);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM sync_version"), 0);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM change"
                                  " WHERE source IN ('add', 'tags', 'fields')"),
                     3);
    sqlite3_close(db);
    struct store_undo_result r;
    ck_assert_int_eq(store_undo(st, &r, &err), ACHE_OK);
    ck_assert_uint_eq(r.records[STORE_RECORD_FIELD], 1);
    struct store_tag_edit e = {.name = "strain", .to = "worry"};
    struct store_tag_result tr;
    ck_assert_int_eq(store_tag_rename(st, &e, &tr, &err), ACHE_OK);
    get_ok(st, "75b19ca6c6f7adaabb4d2bcd86bff187", &got);
    ck_assert_str_eq(got.tags[0], "worry");
    ck_assert_int_eq(got.rev, 3);
    checkin_free(&got);
}

static const struct {
    int version;
    void (*build)(const char *path);
    void (*check)(struct store *st);
} old_schemas[] = {
    {0, build_v0, check_v0},
    {1, build_v1, check_v1},
    {2, build_v2, check_v2},
    {3, build_v3, check_v3},
    {4, build_v4, check_v4},
    {5, build_v5, check_v5},
};

START_TEST(test_migrate_from_every_older_schema)
{
    ck_assert_int_eq(old_schemas[_i].version, _i);
    /* The structure a diary made today has. */
    char *fresh = xasprintf("%s/fresh.db", dir);
    store_close(open_ok(fresh));
    sqlite3 *db = raw_open(fresh);
    char *want = raw_schema(db);
    sqlite3_close(db);

    old_schemas[_i].build(path);
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_msg(store_open(path, false, &st, &err) == ACHE_OK, "%s",
                  err.msg);
    old_schemas[_i].check(st);
    /* Data written after the migration goes in and comes out. */
    struct checkin c, got;
    checkin_init(&c, day("2026-01-05"));
    checkin_add_tag(&c, "after-migration");
    add_ok(st, &c);
    get_ok(st, c.id, &got);
    assert_same(&c, &got);
    store_close(st);

    db = raw_open(path);
    ck_assert_int_eq(raw_long(db, "PRAGMA user_version"),
                     STORE_SCHEMA_VERSION);
    ck_assert_int_eq(raw_long(db, "PRAGMA application_id"),
                     STORE_APPLICATION_ID);
    char *have = raw_schema(db);
    ck_assert_str_eq(have, want);
    char *check = raw_text(db, "PRAGMA integrity_check");
    ck_assert_str_eq(check, "ok");
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    sqlite3_close(db);
    free(check), free(have), free(want), free(fresh);
    checkin_free(&c), checkin_free(&got);
}
END_TEST

/* A version 3 diary recovered (read page by page, never migrated) comes
 * into today's schema as a migration brings it. */
START_TEST(test_recover_a_version_3_diary)
{
    build_v3(path);
    char *to = xasprintf("%s/recovered.db", dir);
    struct store_recovery res;
    struct ache_err err = {""};
    ck_assert_msg(store_recover(path, to, day("2026-01-05"), NULL, NULL, &res,
                                &err) == ACHE_OK,
                  "%s", err.msg);
    ck_assert_uint_eq(res.saved[STORE_ROWS_CHECKINS], 2);
    ck_assert_uint_eq(res.saved[STORE_ROWS_VERSIONS], 2);
    ck_assert_uint_eq(res.saved[STORE_ROWS_REMOVALS], 1);
    for (int r = 0; r < STORE_ROWS_COUNT; r++)
        ck_assert_uint_eq(res.lost[r], 0);
    check_v3_rows(to);
    free(to);
}
END_TEST

/* Two stores opening one new file at once both end up with one schema. */
START_TEST(test_two_connections_share_a_new_diary)
{
    struct store *a = open_ok(path), *b = open_ok(path);
    struct checkin c, got;
    checkin_init(&c, day("2026-01-05"));
    add_ok(a, &c);
    get_ok(b, c.id, &got);
    assert_same(&c, &got);
    struct tag_list list = {0};
    struct ache_err err = {""};
    ck_assert_int_eq(store_tags_list(b, &list, &err), ACHE_OK);
    ck_assert_uint_eq(list.n, tag_catalogue_size());
    tag_list_free(&list);
    store_close(a);
    store_close(b);
    checkin_free(&c), checkin_free(&got);
}
END_TEST

/* ---- the number of tags ------------------------------------------------ */

/* Tags t1..tN on c. */
static void tag_many(struct checkin *c, int from, int to)
{
    for (int i = from; i <= to; i++) {
        char name[16];
        snprintf(name, sizeof name, "t%d", i);
        checkin_add_tag(c, name);
    }
}

static size_t stored_tags(struct store *st, const char *id)
{
    struct checkin got;
    struct ache_err err = {""};
    ck_assert_int_eq(store_get(st, id, &got, &err), ACHE_OK);
    size_t n = got.ntags;
    checkin_free(&got);
    return n;
}

/* The store is the last guard: whatever its caller, no 101st tag. */
START_TEST(test_store_refuses_more_than_100_tags)
{
    struct store *st = open_ok(path);
    struct checkin c;
    struct ache_err err = {""};
    checkin_init(&c, day("2026-03-01"));
    c.value[CF_PAIN] = 3;
    tag_many(&c, 1, 101);
    ck_assert_int_eq(store_add(st, &c, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tags: 101 tags; a check-in holds at most 100");
    ck_assert_int_eq(count_of(st), 0);
    checkin_remove_tag(&c, "t101");
    add_ok(st, &c);
    checkin_add_tag(&c, "t101");
    ck_assert_int_eq(store_update(st, &c, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tags: 101 tags; a check-in holds at most 100");
    ck_assert_uint_eq(stored_tags(st, c.id), 100);
    checkin_free(&c);
    store_close(st);
}
END_TEST

/* One stored with 150 tags by an older version changes and loses tags,
 * but gains none. */
START_TEST(test_store_old_checkin_with_more_tags_can_change)
{
    struct store *st = open_ok(path);
    struct checkin c;
    struct ache_err err = {""};
    checkin_init(&c, day("2026-03-01"));
    c.value[CF_PAIN] = 3;
    add_ok(st, &c);
    char id[CHECKIN_ID_LEN + 1];
    memcpy(id, c.id, sizeof id);
    checkin_free(&c);
    sqlite3 *db = raw_open(path);
    raw_exec(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                 "FROM k WHERE i < 150) INSERT INTO tag (name, kind) "
                 "SELECT 't' || i, 'other' FROM k;"
                 "INSERT INTO checkin_tag (checkin, tag_id) SELECT c.n, t.id "
                 "FROM checkin c, tag t WHERE t.name GLOB 't[0-9]*';");
    sqlite3_close(db);
    ck_assert_int_eq(store_get(st, id, &c, &err), ACHE_OK);
    ck_assert_uint_eq(c.ntags, 150);
    c.value[CF_PAIN] = 6;
    checkin_set_note(&c, "still here");
    ck_assert_msg(store_update(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    checkin_remove_tag(&c, "t7");
    ck_assert_msg(store_update(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    ck_assert_uint_eq(stored_tags(st, id), 149);
    checkin_add_tag(&c, "t7");
    ck_assert_int_eq(store_update(st, &c, NULL, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "tags: 150 tags; a check-in holds at most 100 "
                              "(this one had 149 from before: it can lose "
                              "tags, not gain them)");
    ck_assert_uint_eq(stored_tags(st, id), 149);
    checkin_free(&c);
    store_close(st);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("store");
    TCase *open = tcase_create("open");
    tcase_add_checked_fixture(open, setup, teardown);
    tcase_add_test(open, test_create_private_files);
    tcase_add_test(open, test_existing_folder_mode_kept);
    tcase_add_test(open, test_open_missing_without_create);
    tcase_add_test(open, test_open_empty_path);
    tcase_add_test(open, test_reopen_keeps_data);
    tcase_add_loop_test(open, test_refuse_not_a_diary, 0,
                        NCASES(not_diaries));
    tcase_add_test(open, test_refuse_foreign_wal_untouched);
    tcase_add_test(open, test_refuse_newer_schema);
    tcase_add_test(open, test_refuse_damaged);
    tcase_add_test(open, test_refuse_symlink);
    tcase_add_test(open, test_refuse_folder);
    tcase_add_test(open, test_create_below_a_file_fails);
    tcase_add_test(open, test_settings_in_force);
    tcase_add_test(open, test_removed_note_is_kept_for_restoring);
    tcase_add_test(open, test_remove_cascades_to_tags);
    tcase_add_loop_test(open, test_migrate_from_every_older_schema, 0,
                        (int)(sizeof old_schemas / sizeof old_schemas[0]));
    tcase_add_test(open, test_two_connections_share_a_new_diary);
    tcase_add_test(open, test_recover_a_version_3_diary);
    suite_add_tcase(s, open);

    TCase *rows = tcase_create("checkins");
    tcase_add_checked_fixture(rows, setup, teardown);
    tcase_add_test(rows, test_round_trip_every_field);
    tcase_add_test(rows, test_round_trip_absent);
    tcase_add_test(rows, test_empty_note_is_no_note);
    tcase_add_test(rows, test_sleep_hours_quarters);
    tcase_add_test(rows, test_every_region);
    tcase_add_test(rows, test_add_keeps_given_id_and_stamps);
    tcase_add_test(rows, test_add_refuses_bad_id);
    tcase_add_test(rows, test_invalid_checkin_refused);
    tcase_add_test(rows, test_update_replaces_values_and_tags);
    tcase_add_test(rows, test_update_stamp_always_moves_on);
    tcase_add_test(rows, test_update_missing);
    tcase_add_test(rows, test_remove);
    tcase_add_loop_test(rows, test_resolve_id, 0, NCASES(resolve_cases));
    tcase_add_test(rows, test_schema_checks);
    suite_add_tcase(s, rows);

    TCase *ranges = tcase_create("ranges");
    tcase_add_checked_fixture(ranges, setup, teardown);
    tcase_add_loop_test(ranges, test_range_order_and_bounds, 0,
                        NCASES(range_cases));
    tcase_add_test(ranges, test_read_days_matches_stats_days);
    tcase_add_test(ranges, test_read_days_windows);
    tcase_add_test(ranges, test_read_days_reads_what_is_asked);
    tcase_add_test(ranges, test_read_means_match_read_days);
    tcase_add_test(ranges, test_read_days_reports_a_bad_date);
    tcase_add_test(ranges, test_range_extreme_dates);
    tcase_add_test(ranges, test_each_stops_on_callback_status);
    tcase_add_test(ranges, test_range_uses_index);
    tcase_add_test(ranges, test_count_and_span_empty);
    suite_add_tcase(s, ranges);

    TCase *tags = tcase_create("tags");
    tcase_add_checked_fixture(tags, setup, teardown);
    tcase_add_test(tags, test_new_diary_has_catalogue);
    tcase_add_test(tags, test_tags_list_counts_uses);
    tcase_add_test(tags, test_tags_kinded);
    tcase_add_test(tags, test_period_tags_are_the_periods);
    tcase_add_test(tags, test_tag_first_use_is_the_earliest_day);
    tcase_add_test(tags, test_tag_first_use_after_the_probe);
    tcase_add_test(tags, test_tag_add_and_find);
    tcase_add_test(tags, test_store_refuses_more_than_100_tags);
    tcase_add_test(tags, test_store_old_checkin_with_more_tags_can_change);
    suite_add_tcase(s, tags);

    TCase *tx = tcase_create("transactions");
    tcase_add_checked_fixture(tx, setup, teardown);
    tcase_set_timeout(tx, 30);
    tcase_add_test(tx, test_merge);
    tcase_add_test(tx, test_merge_invalid);
    tcase_add_test(tx, test_batch_rollback_leaves_nothing);
    tcase_add_test(tx, test_batch_commit);
    tcase_add_test(tx, test_failed_write_rolls_back);
    tcase_add_test(tx, test_atomic_batch_commit);
    tcase_add_test(tx, test_atomic_batch_failure);
    tcase_add_test(tx, test_atomic_batch_forgets_tag_ids);
    tcase_add_test(tx, test_busy_is_reported);
    tcase_add_test(tx, test_backup);
    tcase_add_test(tx, test_backup_failures);
    suite_add_tcase(s, tx);
    return s;
}

ACHE_TEST_MAIN(make_suite)
