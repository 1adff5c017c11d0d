/* Tests of finding damage and of recovering a damaged diary: the daily
 * check of writers, the full check, and store_recover on diaries damaged
 * in several ways (a table page, an index page, a page above others, the
 * header, a file cut short, rows an import would refuse, a -wal file).
 *
 * What a damage must cost is worked out here independently of
 * store_pages.c: a small reader of the file's b-tree pages lists which
 * check-ins live on which page, before the page is damaged; SQLite (a
 * plain connection) gives the rows to compare with.
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
#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/regions.h"
#include "ache/store.h"

#define NOW "2026-11-24T09:00"

static char *dir, *path, *out;

static void setup(void)
{
    dir = test_tmpdir();
    path = xasprintf("%s/diary.db", dir);
    out = xasprintf("%s/new.db", dir);
    setenv("ACHE_NOW", NOW, 1);
}

static void teardown(void)
{
    fields_reset(); /* what install_own_fields installed */
    unsetenv("ACHE_NOW");
    test_rmdir(dir);
    free(dir);
    free(path);
    free(out);
}

/* ---- helpers ------------------------------------------------------------------ */

static ache_day day(const char *iso)
{
    ache_day d;
    ck_assert_msg(date_parse_iso(iso, &d), "bad test date %s", iso);
    return d;
}

static struct store *open_ok(const char *p)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    enum ache_status s = store_open(p, true, &st, &err);
    ck_assert_msg(s == ACHE_OK, "store_open(%s): %s", p, err.msg);
    return st;
}

static sqlite3 *raw_open(const char *p)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(p, &db, SQLITE_OPEN_READWRITE, NULL),
                     SQLITE_OK);
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

/* Every row of a query, each column with its type, a line a row. */
static char *raw_dump(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(db));
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    while (sqlite3_step(s) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(s); i++) {
            const unsigned char *t = sqlite3_column_text(s, i);
            strbuf_printf(&sb, "%d:%s|", sqlite3_column_type(s, i),
                          t ? (const char *)t : "");
        }
        strbuf_putc(&sb, '\n');
    }
    sqlite3_finalize(s);
    return strbuf_take(&sb);
}

static long raw_long(sqlite3 *db, const char *sql)
{
    char *t = raw_dump(db, sql);
    long v = strtol(t + 2, NULL, 10);
    free(t);
    return v;
}

static void add_ok(struct store *st, struct checkin *c)
{
    struct ache_err err = {""};
    ck_assert_msg(store_add(st, c, NULL, &err) == ACHE_OK, "store_add: %s",
                  err.msg);
}

/* A diary of n check-ins, a day each from 2025-01-01, with every kind of
 * value, tags, notes (one long enough to go on overflow pages), edits,
 * removals and an undo, so that every table has rows. */
static void build(int n)
{
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    char ids[400][CHECKIN_ID_LEN + 1];
    ck_assert_int_le(n, 400);
    for (int i = 0; i < n; i++) {
        struct checkin c;
        checkin_init(&c, day("2025-01-01") + i);
        c.minute = 7 * 60 + (i % 12) * 61 % (24 * 60);
        for (int f = 0; f < CF_COUNT; f++)
            if ((i + f) % 5)
                c.value[f] = (i * (f + 3)) %
                             (checkin_field_info((enum checkin_field)f)
                                  ->max_steps + 1);
        c.regions = (region_set)((uint32_t)i * 2654435761u) & REGION_ALL;
        checkin_add_tag(&c, i % 2 ? "stress" : "yoga");
        if (i % 3 == 0) {
            char tag[16];
            snprintf(tag, sizeof tag, "walk-%d", i % 5);
            checkin_add_tag(&c, tag);
        }
        if (i == 5) {
            char *note = xmalloc(6001);
            for (int k = 0; k < 6000; k++)
                note[k] = "abcdefgh ij\n"[k % 12];
            note[6000] = '\0';
            checkin_set_note(&c, note);
            free(note);
        } else if (i % 3 == 0) {
            char note[64];
            snprintf(note, sizeof note, "note %d: a day like any, héhé", i);
            checkin_set_note(&c, note);
        }
        add_ok(st, &c);
        memcpy(ids[i], c.id, sizeof ids[i]);
        checkin_free(&c);
    }
    for (int i = 0; i < n; i += 7) {
        struct checkin c;
        ck_assert_int_eq(store_get(st, ids[i], &c, &err), ACHE_OK);
        c.value[CF_PAIN] = (c.value[CF_PAIN] + 1) % 11;
        checkin_set_note(&c, "changed later");
        ck_assert_msg(store_update(st, &c, NULL, &err) == ACHE_OK, "%s",
                      err.msg);
        checkin_free(&c);
    }
    for (int i = 3; i < n; i += 11) {
        struct checkin c;
        ck_assert_int_eq(store_get(st, ids[i], &c, &err), ACHE_OK);
        ck_assert_int_eq(store_remove(st, &c, NULL, &err), ACHE_OK);
        checkin_free(&c);
    }
    struct store_undo_result undone;
    ck_assert_int_eq(store_undo(st, &undone, &err), ACHE_OK);
    store_close(st);
}

/* The own fields build_v4 gives the diary, as the process's field table:
 * the store judges own values by it. */
static void install_own_fields(void)
{
    static const struct field_row rows[] = {
        {8, "itch", "Itchiness", NULL, NULL, FIELD_RATING, true, false},
        {9, "walks", NULL, NULL, NULL, FIELD_TALLY, false, false},
    };
    fields_install(rows, 2);
}

#define STAMP "1764000000000"
#define LAST_CHANGE "(SELECT max(n) FROM change)"

/* The rows of version 4's tables, written raw (as a later ache might,
 * beside what write_records_as_ache_does writes through the store): two own fields and a built-in one
 * relabelled, own values on some check-ins, two medicines taken in three
 * periods, doses, an earlier version of a medicine, and a dose removed
 * (its version and tombstone). */
static const char v4_rows[] =
    "INSERT INTO change (at, source, detail) VALUES (" STAMP ", 'edit',"
    " 'fields and medicines');"
    "INSERT INTO field (n, id, name, kind, label, weekly, created_at,"
    " updated_at, rev, change) VALUES (8, '0000000000000000000000000000aa08',"
    " 'itch', 'rating', 'Itchiness', 1, " STAMP ", " STAMP ", 2, "
    LAST_CHANGE "), (9, '0000000000000000000000000000aa09', 'walks',"
    " 'count', NULL, 0, " STAMP ", " STAMP ", 1, NULL);"
    "UPDATE field SET label = 'Aches', low_word = 'nothing', rev = 2,"
    " updated_at = " STAMP ", change = " LAST_CHANGE " WHERE n = 0;"
    "INSERT INTO checkin_value (checkin, field, value)"
    " SELECT n, 8, n % 11 FROM checkin WHERE n % 2 = 0;"
    "INSERT INTO checkin_value (checkin, field, value)"
    " SELECT n, 9, n * 37 % 5000 FROM checkin WHERE n % 3 = 0;"
    "INSERT INTO med (n, id, name, created_at, updated_at, rev, change)"
    " VALUES (1, '0000000000000000000000000000bb01', 'Ibuprofen', " STAMP
    ", " STAMP ", 1, NULL), (2, '0000000000000000000000000000bb02',"
    " 'Amitriptyline', " STAMP ", " STAMP ", 2, " LAST_CHANGE ");"
    "INSERT INTO med_period (n, id, med, start, stop, dose, unit, times,"
    " as_needed, created_at, updated_at, rev) VALUES"
    " (1, '0000000000000000000000000000cc01', 1, '2025-01-01', NULL, 400,"
    " 'mg', NULL, 1, " STAMP ", " STAMP ", 1),"
    " (2, '0000000000000000000000000000cc02', 2, '2025-01-01', '2025-03-01',"
    " 10, 'mg', '22:00', 0, " STAMP ", " STAMP ", 1),"
    " (3, '0000000000000000000000000000cc03', 2, '2025-03-01', NULL, 25.5,"
    " 'mg', '08:00,22:00', 0, NULL, " STAMP ", 1);"
    "INSERT INTO dose (id, med, date, time, amount, unit, created_at,"
    " updated_at, rev) SELECT printf('%032x', n + 65536), 1 + n / 4 % 2, date,"
    " time, CASE WHEN n / 4 % 2 THEN 10 ELSE 400 END, 'mg', " STAMP ", " STAMP
    ", 1 FROM checkin WHERE n % 4 = 0;"
    "INSERT INTO record_version (id, change, kind, removed, made_by, body,"
    " updated_at, rev) VALUES ('0000000000000000000000000000bb02', "
    LAST_CHANGE ", 'med', 0, NULL, '{\"name\":\"Amitryptiline\"}', "
    STAMP ", 1), ('0000000000000000000000000000dd01', " LAST_CHANGE
    ", 'dose', 1, NULL, '{\"med\":\"0000000000000000000000000000bb01\","
    "\"date\":\"2025-02-02\",\"amount\":400,\"unit\":\"mg\"}', "
    STAMP ", 1);"
    "INSERT INTO record_deleted (id, kind, deleted_at, change) VALUES"
    " ('0000000000000000000000000000dd01', 'dose', " STAMP ", " LAST_CHANGE
    ");";

/* The id of the check-in numbered n. */
static char *id_of(sqlite3 *db, long n)
{
    char *sql = xasprintf("SELECT id FROM checkin WHERE n = %ld", n);
    char *row = raw_dump(db, sql);
    free(sql);
    ck_assert_uint_eq(strlen(row), 2 + CHECKIN_ID_LEN + 2);
    char *id = xstrndup(row + 2, CHECKIN_ID_LEN);
    free(row);
    return id;
}

/* A medicine begun, a dose taken and a field added through the store, so
 * that the diary has the changes those commands make ("meds", "took",
 * "fields"), which a recovery must keep as it keeps a check-in's. */
static void write_records_as_ache_does(struct store *st)
{
    struct ache_err err = {""};
    struct med_period first = {.start = day("2025-01-10"), .stop = MED_OPEN,
                               .dose = 500000, .unit = "mg"};
    ck_assert_msg(store_med_add(st, "Naproxen", &first, NULL, &err) == ACHE_OK,
                  "%s", err.msg);
    struct dose d = {.med = "Naproxen", .date = day("2025-01-11"),
                     .minute = 8 * 60, .amount = 500000, .unit = "mg"};
    ache_day moved = MED_OPEN;
    ck_assert_msg(store_dose_add(st, &d, &moved, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
    ck_assert_int_eq(moved, MED_OPEN);
    struct field_record f = {.name = "morning_ache", .kind = FIELD_MINUTES};
    ck_assert_msg(store_field_add(st, &f, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
}

/* build(n) with the rows of version 4's tables, then a check-in's own
 * values edited and one with own values removed by the store, so that
 * earlier versions keep own values (and the removal's parts are 32767). */
static void build_v4(int n)
{
    build(n);
    sqlite3 *db = raw_open(path);
    raw_exec(db, v4_rows);
    char *edited = id_of(db, 2), *removed = id_of(db, 6);
    sqlite3_close(db);
    install_own_fields();
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    struct checkin c;
    ck_assert_int_eq(store_get(st, edited, &c, &err), ACHE_OK);
    ck_assert_int_eq(checkin_get(&c, 8), 2);
    checkin_set(&c, 8, 7);
    checkin_set(&c, 9, 12);
    ck_assert_msg(store_update(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    checkin_free(&c);
    ck_assert_int_eq(store_get(st, removed, &c, &err), ACHE_OK);
    ck_assert_int_eq(store_remove(st, &c, NULL, &err), ACHE_OK);
    checkin_free(&c);
    write_records_as_ache_does(st);
    store_close(st);
    db = raw_open(path);
    char *sql = xasprintf("SELECT parts, own FROM checkin_version WHERE id"
                          " IN ('%s', '%s') ORDER BY parts",
                          edited, removed);
    char *versions = raw_dump(db, sql);
    ck_assert_str_eq(versions, "1:8192|3:8:2|\n1:32767|3:8:6,9:222|\n");
    free(versions);
    free(sql);
    sqlite3_close(db);
    free(edited);
    free(removed);
}

/* ---- the file's pages, read independently ------------------------------------ */

static uint32_t be16(const unsigned char *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static int varint(const unsigned char *p, int64_t *v)
{
    uint64_t x = 0;
    for (int i = 0; i < 9; i++) {
        if (i == 8) {
            *v = (int64_t)(x << 8 | p[i]);
            return 9;
        }
        x = x << 7 | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = (int64_t)x;
            return i + 1;
        }
    }
    return 9;
}

struct file {
    unsigned char *b;
    size_t len;
    uint32_t ps;
};

static struct file file_read(const char *p)
{
    struct file f = {0};
    int fd = open(p, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    struct stat sb;
    ck_assert_int_eq(fstat(fd, &sb), 0);
    f.len = (size_t)sb.st_size;
    f.b = xmalloc(f.len);
    ck_assert_int_eq(pread(fd, f.b, f.len, 0), (ssize_t)f.len);
    close(fd);
    f.ps = f.len >= 100 ? be16(f.b + 16) : 0;
    return f;
}

struct ilist {
    int64_t v[4096];
    size_t n;
};

static bool ilist_has(const struct ilist *l, int64_t x)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == x)
            return true;
    return false;
}

/* The last value of an index entry's record: the rowid it names. */
static int64_t record_last(const unsigned char *rec)
{
    static const size_t size[] = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0};
    int64_t hs, t, last = 0;
    int k = varint(rec, &hs);
    const unsigned char *body = rec + hs;
    for (const unsigned char *p = rec + k; p < rec + hs;) {
        p += varint(p, &t);
        size_t n = t >= 12 ? (size_t)(t - 12) / 2 : size[t];
        last = 0;
        if (t >= 1 && t <= 6) {
            uint64_t x = body[0] & 0x80 ? UINT64_MAX : 0;
            for (size_t i = 0; i < n; i++)
                x = x << 8 | body[i];
            last = (int64_t)x;
        } else if (t == 9) {
            last = 1;
        }
        body += n;
    }
    return last;
}

/* Walks the b-tree at root as it lies in f, skipping the page `skip` and
 * every page from `limit` on (0: none): the leaf pages of a table tree
 * and their rows' rowids, or the rowids an index's entries name. */
static void walk(const struct file *f, uint32_t pg, bool table, uint32_t skip,
                 uint32_t limit, struct ilist *pages, struct ilist *rowids)
{
    if (pg == skip || (limit && pg >= limit) ||
        (size_t)pg * f->ps > f->len)
        return;
    const unsigned char *p = f->b + (size_t)(pg - 1) * f->ps;
    unsigned type = p[0];
    bool interior = type == 2 || type == 5;
    uint32_t n = be16(p + 3), first = interior ? 12 : 8;
    if (pages && !interior)
        pages->v[pages->n++] = pg;
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *c = p + be16(p + first + 2 * i);
        int64_t size, key;
        if (interior)
            walk(f, be32(c), table, skip, limit, pages, rowids);
        if (table && !interior) {
            varint(c + varint(c, &size), &key);
            rowids->v[rowids->n++] = key;
        } else if (!table) {
            const unsigned char *e = c + (interior ? 4 : 0);
            int k = varint(e, &size);
            rowids->v[rowids->n++] = record_last(e + k);
        }
    }
    if (interior)
        walk(f, be32(p + 8), table, skip, limit, pages, rowids);
}

static uint32_t root_of(sqlite3 *db, const char *name)
{
    char *sql = xasprintf("SELECT rootpage FROM sqlite_schema WHERE name = "
                          "'%s'",
                          name);
    uint32_t r = (uint32_t)raw_long(db, sql);
    free(sql);
    ck_assert_uint_gt(r, 1);
    return r;
}

/* The rowids of the check-ins on table page pg. */
static void rows_on(const struct file *f, uint32_t pg, struct ilist *rowids)
{
    walk(f, pg, true, 0, 0, NULL, rowids);
}

static mode_t mode_of_file(const char *p)
{
    struct stat sb;
    ck_assert_int_eq(stat(p, &sb), 0);
    return sb.st_mode & 07777;
}

static void write_text(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static void poke(const char *p, off_t at, const void *bytes, size_t n)
{
    int fd = open(p, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pwrite(fd, bytes, n, at), (ssize_t)n);
    close(fd);
}

/* An impossible page type where page pg starts: SQLite and store_pages
 * both refuse the page. */
static void damage_page(const char *p, uint32_t ps, uint32_t pg)
{
    poke(p, (off_t)(pg - 1) * ps, "\x07", 1);
}

static char *file_sum(const char *p)
{
    struct file f = file_read(p);
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < f.len; i++)
        h = (h ^ f.b[i]) * 1099511628211u;
    free(f.b);
    return xasprintf("%zu:%llx", f.len, (unsigned long long)h);
}

/* ---- what a recovery says ------------------------------------------------------- */

struct told {
    struct strbuf lines;
    size_t checkin_lines;
};

static void tell(enum store_rows rows, size_t count, const char *what,
                 void *arg)
{
    struct told *t = arg;
    strbuf_printf(&t->lines, "%d %zu %s\n", (int)rows, count, what);
    if (rows == STORE_ROWS_CHECKINS && count == 1)
        t->checkin_lines++;
}

static struct store_recovery recover_ok(struct told *t)
{
    struct store_recovery res;
    struct ache_err err = {""};
    memset(t, 0, sizeof *t);
    strbuf_append(&t->lines, "");
    enum ache_status s = store_recover(path, out, day("2026-11-24"), tell, t,
                                       &res, &err);
    ck_assert_msg(s == ACHE_OK, "store_recover: %s", err.msg);
    return res;
}

static void told_has(const struct told *t, const char *line)
{
    ck_assert_msg(strstr(strbuf_str(&t->lines), line), "not said: %s\nsaid:\n%s",
                  line, strbuf_str(&t->lines));
}

/* The recovered diary passes the full check. */
static void new_diary_sound(void)
{
    struct store *st = open_ok(out);
    size_t problems = 99;
    struct ache_err err = {""};
    ck_assert_int_eq(store_check_all(st, day("2026-11-24"), NULL, NULL,
                                     &problems, &err),
                     ACHE_OK);
    ck_assert_uint_eq(problems, 0);
    store_close(st);
    ck_assert_uint_eq(mode_of_file(out), 0600);
}

/* ---- the daily check ------------------------------------------------------------ */

START_TEST(test_daily_check_runs_once_a_day)
{
    build(30);
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    bool ran = false;
    ck_assert_int_eq(store_check_daily(st, day("2026-11-24"), &ran, &err),
                     ACHE_OK);
    ck_assert(ran);
    ck_assert_int_eq(store_check_daily(st, day("2026-11-24"), &ran, &err),
                     ACHE_OK);
    ck_assert(!ran);
    store_close(st);
    sqlite3 *db = raw_open(path);
    char *meta = raw_dump(db, "SELECT key, value FROM meta");
    ck_assert_str_eq(meta, "3:checked_on|3:2026-11-24|\n");
    free(meta);
    sqlite3_close(db);
    /* another connection, the same day: noted in the diary, not run */
    st = open_ok(path);
    ck_assert_int_eq(store_check_daily(st, day("2026-11-24"), &ran, &err),
                     ACHE_OK);
    ck_assert(!ran);
    ck_assert_int_eq(store_check_daily(st, day("2026-11-25"), &ran, &err),
                     ACHE_OK);
    ck_assert(ran);
    store_close(st);
}
END_TEST

START_TEST(test_daily_check_refuses_a_damaged_diary)
{
    build(200);
    sqlite3 *db = raw_open(path);
    uint32_t root = root_of(db, "checkin");
    sqlite3_close(db);
    struct file f = file_read(path);
    struct ilist pages = {.n = 0}, rowids = {.n = 0};
    walk(&f, root, true, 0, 0, &pages, &rowids);
    free(f.b);
    ck_assert_uint_gt(pages.n, 2);
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    bool ran = false;
    ck_assert_int_eq(store_check_daily(st, day("2026-11-24"), &ran, &err),
                     ACHE_OK);
    store_close(st);
    damage_page(path, f.ps, (uint32_t)pages.v[1]);
    char *before = file_sum(path);
    /* found sound today: not looked at again until tomorrow */
    st = open_ok(path);
    ck_assert_int_eq(store_check_daily(st, day("2026-11-24"), &ran, &err),
                     ACHE_OK);
    ck_assert(!ran);
    ck_assert_int_eq(store_check_daily(st, day("2026-11-25"), &ran, &err),
                     ACHE_ERR_REFUSED);
    ck_assert(ran);
    char *want = xasprintf("%s is damaged (part of the check-ins cannot be "
                           "read)",
                           path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    /* and again: a damaged diary is not noted as checked */
    ck_assert_int_eq(store_check_daily(st, day("2026-11-25"), &ran, &err),
                     ACHE_ERR_REFUSED);
    ck_assert(ran);
    store_close(st);
    char *after = file_sum(path);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
}
END_TEST

/* ---- the full check ---------------------------------------------------------------- */

struct problems {
    struct strbuf all;
};

static void collect(const char *problem, void *arg)
{
    strbuf_printf(&((struct problems *)arg)->all, "%s\n", problem);
}

static char *check_all(size_t *n)
{
    struct problems p = {{0}};
    strbuf_append(&p.all, "");
    struct store *st = open_ok(path);
    struct ache_err err = {""};
    ck_assert_int_eq(store_check_all(st, day("2026-11-24"), collect, &p, n,
                                     &err),
                     ACHE_OK);
    store_close(st);
    return strbuf_take(&p.all);
}

static char *check_file(size_t *n, enum ache_status want)
{
    struct problems p = {{0}};
    strbuf_append(&p.all, "");
    struct ache_err err = {""};
    ck_assert_int_eq(store_check_file(path, collect, &p, n, &err), want);
    if (want)
        return strbuf_free(&p.all), xstrdup(err.msg);
    return strbuf_take(&p.all);
}

START_TEST(test_check_sound_diary)
{
    build(40);
    size_t n = 99;
    char *said = check_file(&n, ACHE_OK);
    ck_assert_str_eq(said, "");
    ck_assert_uint_eq(n, 0);
    free(said);
    said = check_all(&n);
    ck_assert_str_eq(said, "");
    ck_assert_uint_eq(n, 0);
    free(said);
    sqlite3 *db = raw_open(path);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM meta WHERE key ="
                                  " 'checked_on' AND value = '2026-11-24'"),
                     1);
    sqlite3_close(db);
}
END_TEST

START_TEST(test_check_names_damaged_pages)
{
    build(200);
    sqlite3 *db = raw_open(path);
    uint32_t table = root_of(db, "checkin"), index = root_of(db,
                                                             "checkin_by_date");
    sqlite3_close(db);
    struct file f = file_read(path);
    struct ilist tpages = {.n = 0}, ipages = {.n = 0}, ids = {.n = 0};
    walk(&f, table, true, 0, 0, &tpages, &ids);
    walk(&f, index, false, 0, 0, &ipages, &ids);
    free(f.b);
    uint32_t tp = (uint32_t)tpages.v[2], ip = (uint32_t)ipages.v[0];
    damage_page(path, f.ps, tp);
    damage_page(path, f.ps, ip);
    size_t n = 0;
    char *said = check_all(&n);
    char *table_line = xasprintf("part of the check-ins cannot be read "
                                 "(SQLite: Page %u: btreeInitPage() returns "
                                 "error code 11)\n",
                                 tp);
    char *index_line = xasprintf("an index of the check-ins is damaged "
                                 "(SQLite: Page %u: btreeInitPage() returns "
                                 "error code 11)\n",
                                 ip);
    ck_assert_msg(strstr(said, table_line), "%s", said);
    ck_assert_msg(strstr(said, index_line), "%s", said);
    ck_assert_uint_ge(n, 2);
    free(table_line);
    free(index_line);
    free(said);
    /* a damaged diary is not noted as checked */
    db = raw_open(path);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM meta"), 0);
    sqlite3_close(db);
}
END_TEST

START_TEST(test_check_foreign_keys_and_schema)
{
    build(20);
    sqlite3 *db = raw_open(path);
    raw_exec(db, "PRAGMA foreign_keys = OFF;"
                 " INSERT INTO checkin_tag (checkin, tag_id) VALUES (9999, 1);"
                 " INSERT INTO checkin_tag (checkin, tag_id) VALUES (9998, 1);"
                 " INSERT INTO checkin_tag (checkin, tag_id) VALUES (1, 777);"
                 " DROP INDEX checkin_values;"
                 " PRAGMA user_version = 6;");
    sqlite3_close(db);
    size_t n = 0;
    char *said = check_all(&n);
    ck_assert_str_eq(said,
                     "2 tag links name a check-in that is not in the diary\n"
                     "1 tag link names a tag that is not in the diary\n"
                     "the index checkin_values of the check-ins is "
                     "missing\n");
    ck_assert_uint_eq(n, 3);
    free(said);
}
END_TEST

/* The tables of version 4 are named in words too: what refers to what,
 * and the tables and indexes the schema has. */
START_TEST(test_check_names_the_parts_of_version_4)
{
    build_v4(20);
    sqlite3 *db = raw_open(path);
    raw_exec(db, "PRAGMA foreign_keys = OFF;"
                 " INSERT INTO checkin_value (checkin, field, value)"
                 " VALUES (1, 77, 1);"
                 " INSERT OR REPLACE INTO checkin_value (checkin, field, value)"
                 " SELECT 2, n, 11 FROM field WHERE kind = 'rating' AND n >= 8"
                 " LIMIT 1;"
                 " INSERT INTO dose (id, med, date, updated_at) VALUES"
                 " ('0000000000000000000000000000ee01', 99, '2025-01-01', "
                 STAMP "), ('0000000000000000000000000000ee02', 98,"
                 " '2025-01-01', " STAMP ");"
                 " DROP INDEX dose_by_med;"
                 " DROP TABLE record_deleted;");
    sqlite3_close(db);
    size_t n = 0;
    char *said = check_all(&n);
    ck_assert_str_eq(said,
                     "1 own value names a field that is not in the diary\n"
                     "2 doses name a medicine that is not in the diary\n"
                     "1 value of itch is beyond its range (0-10)\n"
                     "the index dose_by_med of the doses is missing\n"
                     "the table of the removals of fields, medicines, "
                     "doses and tags (record_deleted) is missing\n"
                     "the index record_deleted_by_change of the removals "
                     "of fields, medicines, doses and tags is missing\n");
    ck_assert_uint_eq(n, 6);
    free(said);
    /* the file as it lies: its tables are the current version's */
    db = raw_open(path);
    raw_exec(db, "PRAGMA user_version = 3");
    sqlite3_close(db);
    said = check_file(&n, ACHE_OK);
    ck_assert_str_eq(said, "the file's header is damaged: it gives the "
                           "schema version as 3, but the tables are version "
                           "6's\n");
    free(said);
    /* the kinds of rows of version 4's tables */
    static const char *const kinds[] = {
        "fields", "own values", "medicines", "medicine periods", "doses",
        "earlier versions of fields, medicines, doses and tags",
        "removals of fields, medicines, doses and tags", "rows"};
    for (int r = 0; r < 8; r++)
        ck_assert_str_eq(
            store_rows_name((enum store_rows)(STORE_ROWS_FIELDS + r), 2),
            kinds[r]);
    ck_assert_str_eq(store_rows_name(STORE_ROWS_VALUES, 1), "own value");
}
END_TEST

START_TEST(test_check_file_header)
{
    build(20);
    struct file f = file_read(path);
    free(f.b);
    size_t n = 0;
    /* the application id, one bit off */
    poke(path, 71, "\x64", 1);
    char *said = check_file(&n, ACHE_OK);
    ck_assert_str_eq(said, "the file's header is damaged: its application "
                           "id is 0x61636864, not ache's (0x61636865)\n");
    free(said);
    poke(path, 71, "\x65", 1);
    /* the first bytes, the page size and the text encoding */
    poke(path, 0, "SQLite format 4\0\x08\x00", 18);
    poke(path, 56, "\0\0\0\x02", 4);
    said = check_file(&n, ACHE_OK);
    ck_assert_str_eq(said,
                     "the file's header is damaged: it does not begin as a "
                     "SQLite database does\n"
                     "the file's header is damaged: it gives the page size "
                     "as 2048, but the pages are 4096 bytes\n"
                     "the file's header is damaged: its text encoding is 2 "
                     "(ache writes UTF-8, 1)\n");
    ck_assert_uint_eq(n, 3);
    free(said);
    /* cut short */
    poke(path, 0, "SQLite format 3\0\x10\x00", 18);
    poke(path, 56, "\0\0\0\x01", 4);
    ck_assert_int_eq(truncate(path, (off_t)(f.len - f.ps - 100)), 0);
    said = check_file(&n, ACHE_OK);
    char *want = xasprintf("the file is cut short: it holds %zu whole pages "
                           "of the %zu it needs\n",
                           f.len / f.ps - 2, f.len / f.ps);
    ck_assert_str_eq(said, want);
    free(want);
    free(said);
    /* not a database at all; nothing yet */
    write_text(path, "id,date\n");
    said = check_file(&n, ACHE_ERR_REFUSED);
    want = xasprintf("%s: not an ache diary (not a SQLite database)", path);
    ck_assert_str_eq(said, want);
    free(want);
    free(said);
    write_text(path, "");
    said = check_file(&n, ACHE_OK);
    ck_assert_str_eq(said, "");
    ck_assert_uint_eq(n, 0);
    free(said);
}
END_TEST

/* ---- recovering ------------------------------------------------------------------ */

/* The rows of every table, as the two diaries hold them (tag links and
 * tags by name: the new diary numbers its tags itself). */
static const char *const dumps[] = {
    "SELECT * FROM change ORDER BY n",
    "SELECT * FROM checkin ORDER BY n",
    "SELECT c.id, t.name FROM checkin_tag l JOIN checkin c ON c.n = l.checkin"
    " JOIN tag t ON t.id = l.tag_id ORDER BY 1, 2",
    "SELECT name, kind FROM tag ORDER BY name",
    "SELECT * FROM checkin_version ORDER BY id, change",
    "SELECT * FROM checkin_deleted ORDER BY id",
    "SELECT * FROM field ORDER BY n",
    "SELECT * FROM checkin_value ORDER BY checkin, field",
    "SELECT * FROM med ORDER BY n",
    "SELECT * FROM med_period ORDER BY n",
    "SELECT * FROM dose ORDER BY n",
    "SELECT * FROM record_version ORDER BY id, change",
    "SELECT * FROM record_deleted ORDER BY id",
};

static char *dump_all(const char *p)
{
    sqlite3 *db = raw_open(p);
    struct strbuf sb = {0};
    for (size_t i = 0; i < sizeof dumps / sizeof dumps[0]; i++) {
        char *d = raw_dump(db, dumps[i]);
        strbuf_printf(&sb, "-- %s\n%s", dumps[i], d);
        free(d);
    }
    sqlite3_close(db);
    return strbuf_take(&sb);
}

static long count_in(const char *p, const char *table)
{
    sqlite3 *db = raw_open(p);
    char *sql = xasprintf("SELECT count(*) FROM %s", table);
    long n = raw_long(db, sql);
    free(sql);
    sqlite3_close(db);
    return n;
}

static const char *const tables[STORE_ROWS_COUNT] = {
    "checkin",        "tag",          "checkin_tag", "change",
    "checkin_version", "checkin_deleted", "field",    "checkin_value",
    "med",            "med_period",   "dose",        "record_version",
    "record_deleted"};

START_TEST(test_recover_sound_diary_whole)
{
    build(300);
    char *before = dump_all(path), *sum = file_sum(path);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    for (int r = 0; r < STORE_ROWS_COUNT; r++) {
        ck_assert_uint_eq(res.saved[r], (size_t)count_in(path, tables[r]));
        ck_assert_uint_eq(res.lost[r], 0);
    }
    ck_assert_uint_eq(res.unread_pages, 0);
    ck_assert_str_eq(strbuf_str(&t.lines), "");
    char *after = dump_all(out), *sum2 = file_sum(path);
    ck_assert_str_eq(before, after);
    ck_assert_str_eq(sum, sum2); /* the diary itself is not touched */
    new_diary_sound();
    free(before);
    free(after);
    free(sum);
    free(sum2);
    strbuf_free(&t.lines);
}
END_TEST

/* Compares the check-ins of the copy made before the damage (at keep)
 * with the recovered ones: equal, but for the rowids in lost, which are
 * missing, and the change that last wrote one, which is not named when
 * that change is lost. */
static void compare_checkins(const char *keep, const struct ilist *lost)
{
    sqlite3 *a = raw_open(keep), *b = raw_open(out);
    char *attach = xasprintf("ATTACH '%s' AS old", keep);
    raw_exec(b, attach);
    free(attach);
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(a, "SELECT n FROM checkin ORDER BY n",
                                        -1, &s, NULL),
                     SQLITE_OK);
    size_t kept = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        int64_t n = sqlite3_column_int64(s, 0);
        char *sql = xasprintf(
            "SELECT n, id, date, time, pain, fatigue, sleep_quality,"
            " sleep_hours, stiffness, fog, mood, activity, note, regions,"
            " created_at, updated_at, rev FROM checkin WHERE n = %lld",
            (long long)n);
        char *row = raw_dump(a, sql);
        char *got = raw_dump(b, sql);
        char *by = xasprintf("SELECT change IS NULL OR change = (SELECT"
                             " change FROM old.checkin WHERE n = %lld) FROM"
                             " checkin WHERE n = %lld",
                             (long long)n, (long long)n);
        if (!ilist_has(lost, n))
            ck_assert_int_eq(raw_long(b, by), 1);
        free(by);
        if (ilist_has(lost, n)) {
            ck_assert_str_eq(got, "");
        } else {
            ck_assert_str_eq(got, row);
            kept++;
        }
        free(sql);
        free(row);
        free(got);
    }
    sqlite3_finalize(s);
    ck_assert_int_eq(raw_long(b, "SELECT count(*) FROM checkin"), (long)kept);
    sqlite3_close(a);
    sqlite3_close(b);
}

static char *keep_copy(void)
{
    char *keep = xasprintf("%s/before.db", dir);
    char *cmd = xasprintf("cp '%s' '%s'", path, keep);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    return keep;
}

static long links_of(const char *p, const struct ilist *rows)
{
    sqlite3 *db = raw_open(p);
    long n = 0;
    for (size_t i = 0; i < rows->n; i++) {
        char *sql = xasprintf("SELECT count(*) FROM checkin_tag WHERE checkin"
                              " = %lld",
                              (long long)rows->v[i]);
        n += raw_long(db, sql);
        free(sql);
    }
    sqlite3_close(db);
    return n;
}

START_TEST(test_recover_table_page)
{
    build(300);
    char *keep = keep_copy();
    sqlite3 *db = raw_open(path);
    uint32_t root = root_of(db, "checkin");
    sqlite3_close(db);
    struct file f = file_read(path);
    struct ilist pages = {.n = 0}, all = {.n = 0}, lost = {.n = 0};
    walk(&f, root, true, 0, 0, &pages, &all);
    uint32_t bad = (uint32_t)pages.v[3];
    rows_on(&f, bad, &lost);
    free(f.b);
    ck_assert_uint_gt(lost.n, 10);
    damage_page(path, f.ps, bad);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    ck_assert_uint_eq(res.lost[STORE_ROWS_CHECKINS], lost.n);
    ck_assert_uint_eq(res.saved[STORE_ROWS_CHECKINS], all.n - lost.n);
    ck_assert_uint_eq(t.checkin_lines, lost.n);
    ck_assert_uint_eq(res.unread_pages, 1);
    /* each lost check-in named, by id, day and time */
    db = raw_open(keep);
    for (size_t i = 0; i < lost.n; i++) {
        char *sql = xasprintf("SELECT substr(id, 1, 8) || ' of ' || date ||"
                              " ' ' || time FROM checkin WHERE n = %lld",
                              (long long)lost.v[i]);
        char *what = raw_dump(db, sql);
        what[strlen(what) - 2] = '\0'; /* "|\n" */
        char *line = xasprintf("0 1 check-in %s: its row cannot be read",
                               what + 2);
        told_has(&t, line);
        free(line);
        free(what);
        free(sql);
    }
    sqlite3_close(db);
    long links = links_of(keep, &lost);
    ck_assert_uint_eq(res.lost[STORE_ROWS_LINKS], (size_t)links);
    ck_assert_uint_eq(res.saved[STORE_ROWS_LINKS],
                      (size_t)(count_in(keep, "checkin_tag") - links));
    char *said = xasprintf("2 %ld their check-in was lost", links);
    told_has(&t, said);
    free(said);
    for (int r = 0; r < STORE_ROWS_COUNT; r++)
        if (r != STORE_ROWS_CHECKINS && r != STORE_ROWS_LINKS) {
            ck_assert_uint_eq(res.saved[r], (size_t)count_in(keep, tables[r]));
            ck_assert_uint_eq(res.lost[r], 0);
        }
    compare_checkins(keep, &lost);
    new_diary_sound();
    strbuf_free(&t.lines);
    free(keep);
}
END_TEST

/* A page above others (the root of the check-ins): SQLite reaches none
 * of them, the recovery all, as no row was on it. */
START_TEST(test_recover_page_above_others)
{
    build(300);
    char *keep = keep_copy();
    char *before = dump_all(path);
    sqlite3 *db = raw_open(path);
    uint32_t root = root_of(db, "checkin");
    sqlite3_close(db);
    struct file f = file_read(path);
    ck_assert_uint_eq(f.b[(size_t)(root - 1) * f.ps], 5); /* interior */
    free(f.b);
    damage_page(path, f.ps, root);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    for (int r = 0; r < STORE_ROWS_COUNT; r++) {
        ck_assert_uint_eq(res.saved[r], (size_t)count_in(keep, tables[r]));
        ck_assert_uint_eq(res.lost[r], 0);
    }
    ck_assert_uint_eq(res.unread_pages, 1);
    char *after = dump_all(out);
    ck_assert_str_eq(before, after);
    new_diary_sound();
    free(before);
    free(after);
    free(keep);
    strbuf_free(&t.lines);
}
END_TEST

START_TEST(test_recover_index_page)
{
    build(300);
    char *keep = keep_copy();
    char *before = dump_all(path);
    sqlite3 *db = raw_open(path);
    uint32_t root = root_of(db, "checkin_by_date");
    sqlite3_close(db);
    struct file f = file_read(path);
    struct ilist pages = {.n = 0}, rows = {.n = 0};
    walk(&f, root, false, 0, 0, &pages, &rows);
    free(f.b);
    damage_page(path, f.ps, (uint32_t)pages.v[1]);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    for (int r = 0; r < STORE_ROWS_COUNT; r++) {
        ck_assert_uint_eq(res.saved[r], (size_t)count_in(keep, tables[r]));
        ck_assert_uint_eq(res.lost[r], 0);
    }
    ck_assert_uint_eq(res.unread_pages, 0); /* no table's page */
    char *after = dump_all(out);
    ck_assert_str_eq(before, after);
    new_diary_sound();
    free(before);
    free(after);
    free(keep);
    strbuf_free(&t.lines);
}
END_TEST

START_TEST(test_recover_damaged_header)
{
    build(300);
    char *before = dump_all(path);
    /* all that SQLite needs to open the file, and more */
    poke(path, 0, "not SQLite at all, not at all! \x01\x01", 33);
    poke(path, 44, "\0\0\0\x09", 4);
    poke(path, 56, "\0\0\0\x03", 4);
    poke(path, 60, "\0\0\0\x07\x61\x63\x68\x65\x61\x63\x68\x65", 12);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    char *after = dump_all(out);
    ck_assert_str_eq(before, after);
    for (int r = 0; r < STORE_ROWS_COUNT; r++)
        ck_assert_uint_eq(res.lost[r], 0);
    ck_assert_str_eq(strbuf_str(&t.lines), "");
    new_diary_sound();
    free(before);
    free(after);
    strbuf_free(&t.lines);
}
END_TEST

START_TEST(test_recover_cut_short)
{
    build(300);
    char *keep = keep_copy();
    sqlite3 *db = raw_open(path);
    uint32_t root = root_of(db, "checkin");
    uint32_t indexes[3] = {root_of(db, "checkin_by_id"),
                           root_of(db, "checkin_by_date"),
                           root_of(db, "checkin_values")};
    sqlite3_close(db);
    struct file f = file_read(path);
    /* cut where the last page of check-ins starts */
    struct ilist pages = {.n = 0}, all = {.n = 0}, kept = {.n = 0}, named = {.n = 0};
    walk(&f, root, true, 0, 0, &pages, &all);
    uint32_t cut = 0;
    for (size_t i = 0; i < pages.n; i++)
        if ((uint32_t)pages.v[i] > cut)
            cut = (uint32_t)pages.v[i];
    /* the rows on the pages left (all leaves, whatever is above them) */
    for (size_t i = 0; i < pages.n; i++)
        if ((uint32_t)pages.v[i] < cut)
            rows_on(&f, (uint32_t)pages.v[i], &kept);
    for (int i = 0; i < 3; i++)
        walk(&f, indexes[i], false, 0, cut, NULL, &named);
    struct ilist lost = {.n = 0};
    size_t lost_named = 0;
    for (size_t i = 0; i < all.n; i++)
        if (!ilist_has(&kept, all.v[i])) {
            lost.v[lost.n++] = all.v[i];
            lost_named += ilist_has(&named, all.v[i]);
        }
    free(f.b);
    ck_assert_uint_gt(lost_named, 0);
    ck_assert_int_eq(truncate(path, (off_t)(cut - 1) * f.ps), 0);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    ck_assert_uint_eq(res.saved[STORE_ROWS_CHECKINS], kept.n);
    ck_assert_uint_eq(res.lost[STORE_ROWS_CHECKINS], lost_named);
    ck_assert_uint_eq(t.checkin_lines, lost_named);
    /* what is said saved is in the new diary (which has the catalogue's
     * tags too) */
    for (int r = 0; r < STORE_ROWS_COUNT; r++)
        if (r == STORE_ROWS_TAGS)
            ck_assert_uint_le(res.saved[r], (size_t)count_in(out, tables[r]));
        else
            ck_assert_uint_eq(res.saved[r], (size_t)count_in(out, tables[r]));
    compare_checkins(keep, &lost);
    new_diary_sound();
    free(keep);
    strbuf_free(&t.lines);
}
END_TEST

/* Rows the file holds that an import would refuse: not saved, and said
 * why; what needs them is lost with them. */
START_TEST(test_recover_refuses_what_an_import_would)
{
    build(30);
    sqlite3 *db = raw_open(path);
    long n1 = raw_long(db, "SELECT n FROM checkin ORDER BY n LIMIT 1 OFFSET 1");
    long n2 = raw_long(db, "SELECT n FROM checkin ORDER BY n LIMIT 1 OFFSET 4");
    char *sql = xasprintf(
        "PRAGMA ignore_check_constraints = ON;"
        " UPDATE checkin SET pain = 11 WHERE n = %ld;"
        " UPDATE checkin SET note = CAST(x'41ff42' AS TEXT) WHERE n = %ld;"
        " UPDATE tag SET name = 'Walk 3' WHERE name = 'walk-3';",
        n1, n2);
    raw_exec(db, sql);
    free(sql);
    sql = xasprintf("SELECT substr(id, 1, 8) || ' of ' || date || ' ' || time"
                    " FROM checkin WHERE n = %ld",
                    n1);
    char *id2 = raw_dump(db, sql);
    free(sql);
    sql = xasprintf("SELECT substr(id, 1, 8) || ' of ' || date || ' ' || time"
                    " FROM checkin WHERE n = %ld",
                    n2);
    char *id4 = raw_dump(db, sql);
    free(sql);
    sql = xasprintf("SELECT count(*) FROM checkin_tag WHERE checkin IN (%ld,"
                    " %ld)",
                    n1, n2);
    long links = raw_long(db, sql);
    free(sql);
    sql = xasprintf("SELECT count(*) FROM checkin_tag l JOIN tag t ON t.id ="
                    " l.tag_id WHERE t.name = 'Walk 3' AND l.checkin NOT IN"
                    " (%ld, %ld)",
                    n1, n2);
    long walk3 = raw_long(db, sql);
    free(sql);
    sqlite3_close(db);
    id2[strlen(id2) - 2] = id4[strlen(id4) - 2] = '\0';
    struct told t;
    struct store_recovery res = recover_ok(&t);
    char *line = xasprintf("0 1 check-in %s: pain: 11 is out of range 0-10",
                           id2 + 2);
    told_has(&t, line);
    free(line);
    line = xasprintf("0 1 check-in %s: note: not valid UTF-8 (at byte 2)",
                     id4 + 2);
    told_has(&t, line);
    free(line);
    told_has(&t, "1 1 tag: 'Walk 3' is not a tag name");
    ck_assert_uint_eq(res.lost[STORE_ROWS_CHECKINS], 2);
    ck_assert_uint_eq(res.lost[STORE_ROWS_TAGS], 1);
    ck_assert_uint_eq(res.lost[STORE_ROWS_LINKS], (size_t)(links + walk3));
    new_diary_sound();
    free(id2);
    free(id4);
    strbuf_free(&t.lines);
}
END_TEST

/* Committed frames of the -wal file are read: the last change is there. */
START_TEST(test_recover_reads_the_wal)
{
    build(30);
    sqlite3 *db = raw_open(path);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    raw_exec(db, "PRAGMA wal_autocheckpoint = 0;"
                 " UPDATE checkin SET note = 'only in the wal' WHERE n = 7;");
    sqlite3_close(db);
    struct stat sb;
    char *wal = xasprintf("%s-wal", path);
    ck_assert_int_eq(stat(wal, &sb), 0);
    ck_assert_int_gt(sb.st_size, 0);
    struct told t;
    recover_ok(&t);
    db = raw_open(out);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM checkin WHERE n = 7"
                                  " AND note = 'only in the wal'"),
                     1);
    sqlite3_close(db);
    free(wal);
    strbuf_free(&t.lines);
}
END_TEST

START_TEST(test_recover_refuses_its_target)
{
    build(10);
    struct store_recovery res;
    struct ache_err err = {""};
    ck_assert_int_eq(store_recover(path, path, day("2026-11-24"), NULL, NULL,
                                   &res, &err),
                     ACHE_ERR_INVALID);
    char *want = xasprintf("%s: is the diary itself; recover into a new file",
                           path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    write_text(out, "mine");
    ck_assert_int_eq(store_recover(path, out, day("2026-11-24"), NULL, NULL,
                                   &res, &err),
                     ACHE_ERR_INVALID);
    want = xasprintf("%s: already exists; recover into a new file", out);
    ck_assert_str_eq(err.msg, want);
    free(want);
    struct file f = file_read(out);
    ck_assert_uint_eq(f.len, 4); /* left as it was */
    free(f.b);
    unlink(out);
    char *wal = xasprintf("%s-wal", out);
    write_text(wal, "");
    ck_assert_int_eq(store_recover(path, out, day("2026-11-24"), NULL, NULL,
                                   &res, &err),
                     ACHE_ERR_INVALID);
    want = xasprintf("%s: already exists; recover into a new file", wal);
    ck_assert_str_eq(err.msg, want);
    free(want);
    unlink(wal);
    free(wal);
    /* nothing ache can find: no new diary is left behind */
    write_text(path, "a,b,c\n1,2,3\n");
    ck_assert_int_eq(store_recover(path, out, day("2026-11-24"), NULL, NULL,
                                   &res, &err),
                     ACHE_ERR_REFUSED);
    want = xasprintf("%s: no check-ins can be found in it (not an ache "
                     "diary, or its list of tables cannot be read)",
                     path);
    ck_assert_str_eq(err.msg, want);
    free(want);
    struct stat sb;
    ck_assert_int_ne(stat(out, &sb), 0);
}
END_TEST

/* ---- recovering version 4's tables ---------------------------------------------- */

/* The kinds of rows of version 4 as the loss callback numbers them (after
 * enum store_rows, in the order store_rows_name names them). */
enum { FIELDS = STORE_ROWS_COUNT, VALUES, MEDS, PERIODS, DOSES, RECORD_VERSIONS,
       RECORD_REMOVALS };

START_TEST(test_recover_version_4_whole)
{
    build_v4(60);
    char *before = dump_all(path);
    sqlite3 *db = raw_open(path);
    /* every kind of row is there to be recovered */
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM checkin_version"
                                  " WHERE own <> ''"),
                     2);
    ck_assert_int_gt(raw_long(db, "SELECT count(*) FROM checkin_value"), 20);
    ck_assert_int_gt(raw_long(db, "SELECT count(*) FROM dose"), 10);
    sqlite3_close(db);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    ck_assert_str_eq(strbuf_str(&t.lines), "");
    for (int r = 0; r < STORE_ROWS_COUNT; r++) {
        ck_assert_msg(res.saved[r] == (size_t)count_in(path, tables[r]),
                      "%s: %zu saved of %ld", tables[r], res.saved[r],
                      count_in(path, tables[r]));
        ck_assert_uint_eq(res.lost[r], 0);
    }
    char *after = dump_all(out);
    ck_assert_str_eq(before, after);
    new_diary_sound();
    free(before);
    free(after);
    strbuf_free(&t.lines);
}
END_TEST

/* The one page of a small table, a leaf. */
static uint32_t leaf_of(const char *table, uint32_t *ps)
{
    sqlite3 *db = raw_open(path);
    uint32_t root = root_of(db, table);
    sqlite3_close(db);
    struct file f = file_read(path);
    ck_assert_uint_eq(f.b[(size_t)(root - 1) * f.ps], 13);
    *ps = f.ps;
    free(f.b);
    return root;
}

/* The medicines' page lost: the medicines, named by their indexes, and
 * their periods and doses with them; the rest is whole. */
START_TEST(test_recover_version_4_medicines_lost)
{
    build_v4(60);
    char *keep = keep_copy();
    uint32_t ps, page = leaf_of("med", &ps);
    damage_page(path, ps, page);
    struct told t;
    struct store_recovery res = recover_ok(&t);
    told_has(&t, "8 3 their row cannot be read\n");
    char *line = xasprintf("9 4 their medicine was lost\n10 %ld their "
                           "medicine was lost\n",
                           count_in(keep, "dose"));
    told_has(&t, line);
    free(line);
    ck_assert_uint_eq(res.unread_pages, 1);
    /* the counts add up to what the callback said */
    size_t lost[STORE_ROWS_COUNT] = {0};
    lost[STORE_ROWS_MEDS] = 3;
    lost[STORE_ROWS_PERIODS] = 4;
    lost[STORE_ROWS_DOSES] = (size_t)count_in(keep, "dose");
    for (int r = 0; r < STORE_ROWS_COUNT; r++)
        ck_assert_uint_eq(res.lost[r], lost[r]);
    ck_assert_int_eq(count_in(out, "med"), 0);
    ck_assert_int_eq(count_in(out, "med_period"), 0);
    ck_assert_int_eq(count_in(out, "dose"), 0);
    ck_assert_int_eq(count_in(out, "checkin_value"),
                     count_in(keep, "checkin_value"));
    ck_assert_int_eq(count_in(out, "record_version"), 2);
    ck_assert_int_eq(count_in(out, "record_deleted"), 1);
    new_diary_sound();
    /* and the check names the damaged part in words */
    size_t n = 0;
    char *said = check_all(&n);
    char *words = xasprintf("part of the medicines cannot be read (SQLite: "
                            "Page %u: ",
                            page);
    ck_assert_msg(strstr(said, words), "%s", said);
    free(words);
    free(said);
    free(keep);
    strbuf_free(&t.lines);
}
END_TEST

/* The fields' page lost: the built-in fields are in the new diary all
 * the same (with ache's words), the own ones are lost with their values
 * and the versions that hold some. */
START_TEST(test_recover_version_4_fields_lost)
{
    build_v4(60);
    char *keep = keep_copy();
    uint32_t ps, page = leaf_of("field", &ps);
    damage_page(path, ps, page);
    struct told t;
    recover_ok(&t);
    told_has(&t, "6 3 their row cannot be read\n");
    told_has(&t, "6 0 field 'pain': its row cannot be read; kept as ache "
                 "makes it\n");
    told_has(&t, "6 0 field 'activity': its row cannot be read; kept as "
                 "ache makes it\n");
    char *line = xasprintf("7 %ld their field was lost\n",
                           count_in(keep, "checkin_value"));
    told_has(&t, line);
    free(line);
    told_has(&t, "4 2 their field was lost\n");
    sqlite3 *db = raw_open(out);
    char *fields = raw_dump(db, "SELECT group_concat(n || ':' || id || ':'"
                                " || name || ':' || kind || ':' ||"
                                " coalesce(label, '-'), ' ') FROM (SELECT *"
                                " FROM field ORDER BY n)");
    ck_assert_str_eq(fields,
                     "3:0:00000000000000000000000000000001:pain:rating:- "
                     "1:00000000000000000000000000000002:fatigue:rating:- "
                     "2:00000000000000000000000000000003:sleep_quality:"
                     "rating:- "
                     "3:00000000000000000000000000000004:sleep_hours:hours:- "
                     "4:00000000000000000000000000000005:stiffness:rating:- "
                     "5:00000000000000000000000000000006:fog:rating:- "
                     "6:00000000000000000000000000000007:mood:rating:- "
                     "7:00000000000000000000000000000008:activity:rating:-|\n");
    free(fields);
    sqlite3_close(db);
    ck_assert_int_eq(count_in(out, "checkin_value"), 0);
    ck_assert_int_eq(count_in(out, "dose"), count_in(keep, "dose"));
    new_diary_sound();
    free(keep);
    strbuf_free(&t.lines);
}
END_TEST

/* A page of check-ins lost: their own values with them. */
START_TEST(test_recover_version_4_values_of_lost_checkins)
{
    build_v4(300);
    char *keep = keep_copy();
    sqlite3 *db = raw_open(path);
    uint32_t root = root_of(db, "checkin");
    sqlite3_close(db);
    struct file f = file_read(path);
    struct ilist pages = {.n = 0}, all = {.n = 0}, lost = {.n = 0};
    walk(&f, root, true, 0, 0, &pages, &all);
    rows_on(&f, (uint32_t)pages.v[3], &lost);
    free(f.b);
    damage_page(path, f.ps, (uint32_t)pages.v[3]);
    db = raw_open(keep);
    long values = 0;
    for (size_t i = 0; i < lost.n; i++) {
        char *sql = xasprintf("SELECT count(*) FROM checkin_value WHERE"
                              " checkin = %lld",
                              (long long)lost.v[i]);
        values += raw_long(db, sql);
        free(sql);
    }
    sqlite3_close(db);
    ck_assert_int_gt(values, 0);
    struct told t;
    recover_ok(&t);
    char *line = xasprintf("7 %ld their check-in was lost\n", values);
    told_has(&t, line);
    free(line);
    ck_assert_int_eq(count_in(out, "checkin_value"),
                     count_in(keep, "checkin_value") - values);
    ck_assert_int_eq(count_in(out, "dose"), count_in(keep, "dose"));
    new_diary_sound();
    free(keep);
    strbuf_free(&t.lines);
}
END_TEST

/* Rows of version 4 an import would refuse, or the new diary's checks:
 * lost, said why by the column. A built-in field's row that is not that
 * field leaves ache's in its place. */
START_TEST(test_recover_version_4_refuses_what_ache_never_writes)
{
    build_v4(30);
    sqlite3 *db = raw_open(path);
    raw_exec(db, "PRAGMA ignore_check_constraints = ON;"
                 " UPDATE med_period SET dose = 0 WHERE n = 2;"
                 " UPDATE checkin_value SET value = 11 WHERE checkin = 8"
                 " AND field = 8;"
                 " UPDATE record_version SET body = '{oops' WHERE kind ="
                 " 'med';"
                 " UPDATE checkin_version SET own = '8:x' WHERE parts ="
                 " 8192;"
                 " UPDATE field SET kind = 'count' WHERE n = 1;"
                 " UPDATE dose SET time = '25:00' WHERE n = 1;");
    sqlite3_close(db);
    struct told t;
    recover_ok(&t);
    ck_assert_str_eq(strbuf_str(&t.lines),
                     "4 1 own: not the values of own fields ache keeps\n"
                     "6 1 not the built-in field of its key\n"
                     "7 1 itch: 11 is out of range 0-10\n"
                     "9 1 dose: a value ache never writes\n"
                     "10 1 time: not a time of day (HH:MM)\n"
                     "11 1 body: a value ache never writes\n");
    db = raw_open(out);
    ck_assert_int_eq(raw_long(db, "SELECT count(*) FROM field WHERE n = 1"
                                  " AND kind = 'rating' AND rev = 1"),
                     1);
    sqlite3_close(db);
    new_diary_sound();
    strbuf_free(&t.lines);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("store_recover");
    TCase *check = tcase_create("check");
    tcase_add_checked_fixture(check, setup, teardown);
    tcase_set_timeout(check, 60);
    tcase_add_test(check, test_daily_check_runs_once_a_day);
    tcase_add_test(check, test_daily_check_refuses_a_damaged_diary);
    tcase_add_test(check, test_check_sound_diary);
    tcase_add_test(check, test_check_names_damaged_pages);
    tcase_add_test(check, test_check_foreign_keys_and_schema);
    tcase_add_test(check, test_check_names_the_parts_of_version_4);
    tcase_add_test(check, test_check_file_header);
    suite_add_tcase(s, check);
    TCase *recover = tcase_create("recover");
    tcase_add_checked_fixture(recover, setup, teardown);
    tcase_set_timeout(recover, 60);
    tcase_add_test(recover, test_recover_sound_diary_whole);
    tcase_add_test(recover, test_recover_table_page);
    tcase_add_test(recover, test_recover_page_above_others);
    tcase_add_test(recover, test_recover_index_page);
    tcase_add_test(recover, test_recover_damaged_header);
    tcase_add_test(recover, test_recover_cut_short);
    tcase_add_test(recover, test_recover_refuses_what_an_import_would);
    tcase_add_test(recover, test_recover_reads_the_wal);
    tcase_add_test(recover, test_recover_refuses_its_target);
    tcase_add_test(recover, test_recover_version_4_whole);
    tcase_add_test(recover, test_recover_version_4_medicines_lost);
    tcase_add_test(recover, test_recover_version_4_fields_lost);
    tcase_add_test(recover, test_recover_version_4_values_of_lost_checkins);
    tcase_add_test(recover,
                   test_recover_version_4_refuses_what_ache_never_writes);
    suite_add_tcase(s, recover);
    return s;
}

ACHE_TEST_MAIN(make_suite)
