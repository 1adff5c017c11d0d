/* Helpers shared by the sync tests (test_sync_property.c,
 * test_sync_crash.c): a seeded random source, a carrier that copies the
 * files of one copy of a sync folder into another (sometimes only part of
 * a file, as a carrier caught half way), a diary's JSON export as `ache
 * export --format json` writes it, and a sync that must succeed. */
#ifndef ACHE_SYNC_TESTUTIL_H
#define ACHE_SYNC_TESTUTIL_H

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>

#include "testutil.h"

#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/store.h"
#include "ache/sync.h"

/* ---- a seeded random source (xorshift64*) ------------------------------ */

struct trng {
    uint64_t s;
};

static inline void trng_seed(struct trng *r, uint64_t seed)
{
    r->s = seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
    if (!r->s)
        r->s = 1;
}

static inline uint64_t trng_next(struct trng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Dull;
}

/* 0..n-1 (n > 0). */
static inline unsigned trng_below(struct trng *r, unsigned n)
{
    return (unsigned)(trng_next(r) >> 33) % n;
}

/* ---- files ------------------------------------------------------------- */

static inline bool tfile_size(const char *path, off_t *size)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return false;
    *size = sb.st_size;
    return true;
}

/* Copies the first `len` bytes of src to dst (created 0600, replaced). */
static inline void tfile_copy(const char *src, const char *dst, off_t len)
{
    int in = open(src, O_RDONLY);
    ck_assert_msg(in >= 0, "open %s", src);
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_msg(out >= 0, "open %s", dst);
    char buf[65536];
    off_t left = len;
    while (left > 0) {
        ssize_t got = read(in, buf, left < (off_t)sizeof buf
                                        ? (size_t)left
                                        : sizeof buf);
        ck_assert_int_gt(got, 0);
        ck_assert_int_eq(write(out, buf, (size_t)got), got);
        left -= got;
    }
    close(in);
    close(out);
}

static inline bool tname_is_device(const char *name)
{
    if (strlen(name) != SYNC_DEVICE_HEX)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

/* What a carrier did. */
struct tcarry {
    size_t copied, partial;
};

/* One device folder: each file (never a temporary one, starting with
 * '.') that dst lacks, or holds shorter (a copy cut short before), is
 * copied; with `r` given, one in three only in part. */
static inline void tcarry_device(const char *src, const char *dst,
                                 struct trng *r, struct tcarry *done)
{
    mkdir(dst, 0700);
    DIR *d = opendir(src);
    ck_assert_msg(d != NULL, "opendir %s", src);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *from = xasprintf("%s/%s", src, e->d_name);
        char *to = xasprintf("%s/%s", dst, e->d_name);
        off_t have = -1, size = 0;
        if (!tfile_size(to, &have))
            have = -1;
        if (tfile_size(from, &size) && have < size) {
            off_t len = size;
            if (r && size > 1 && trng_below(r, 3) == 0) {
                len = 1 + (off_t)trng_below(r, (unsigned)size - 1);
                done->partial++;
            }
            tfile_copy(from, to, len);
            done->copied++;
        }
        free(from);
        free(to);
    }
    closedir(d);
}

/* The carrier: the header and every device folder of src into dst. */
static inline struct tcarry tcarry(const char *src, const char *dst,
                                   struct trng *r)
{
    struct tcarry done = {0};
    mkdir(dst, 0700);
    char *hs = xasprintf("%s/%s", src, SYNC_HEADER_NAME);
    char *hd = xasprintf("%s/%s", dst, SYNC_HEADER_NAME);
    off_t size = 0, have = 0;
    if (tfile_size(hs, &size) && (!tfile_size(hd, &have) || have != size))
        tfile_copy(hs, hd, size);
    free(hs);
    free(hd);
    DIR *d = opendir(src);
    ck_assert_msg(d != NULL, "opendir %s", src);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!tname_is_device(e->d_name))
            continue;
        char *from = xasprintf("%s/%s", src, e->d_name);
        char *to = xasprintf("%s/%s", dst, e->d_name);
        tcarry_device(from, to, r, &done);
        free(from);
        free(to);
    }
    closedir(d);
    return done;
}

/* Takes every device folder out of dir, keeping its header. */
static inline void tfolder_clear(const char *dir)
{
    ck_assert(strncmp(dir, "/tmp/ache-test-", 15) == 0);
    char *cmd = xasprintf("cd '%s' && find . -mindepth 1 -maxdepth 1"
                          " ! -name '%s' -exec rm -rf {} +",
                          dir, SYNC_HEADER_NAME);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
}

/* ---- the diary ----------------------------------------------------------- */

struct texport_sink {
    struct exchange_opts *opts;
    struct strbuf *out;
    size_t count;
};

static inline enum ache_status texport_one(const struct checkin *c, void *ctx)
{
    struct texport_sink *k = ctx;
    k->count += exchange_write_checkin_opts(EXCHANGE_JSON, c, k->count,
                                            k->opts, k->out);
    return ACHE_OK;
}

/* The whole diary as `ache export --format json` writes it (fields,
 * medicines, doses, check-ins with their notes). */
static inline void texport_json(struct store *st, struct strbuf *out)
{
    struct ache_err err = {""};
    struct store_field_list fields = {0};
    struct med_list meds = {0};
    struct dose_list doses = {0};
    ache_day from = date_from_ymd(1900, 1, 1), to = date_from_ymd(2200, 1, 1);
    ck_assert_msg(store_fields_list(st, &fields, &err) == ACHE_OK, "%s",
                  err.msg);
    ck_assert_msg(store_meds_list(st, &meds, &err) == ACHE_OK, "%s", err.msg);
    ck_assert_msg(store_doses_list(st, from, to, &doses, &err) == ACHE_OK,
                  "%s", err.msg);
    struct exchange_opts opts = {.notes = true,
                                 .fields = fields.items,
                                 .nfields = fields.n,
                                 .meds = &meds,
                                 .doses = &doses};
    exchange_write_begin_opts(EXCHANGE_JSON, &opts, out);
    struct texport_sink sink = {.opts = &opts, .out = out};
    ck_assert_msg(store_each_in_range(st, from, to, texport_one, &sink,
                                      &err) == ACHE_OK,
                  "%s", err.msg);
    exchange_write_end(EXCHANGE_JSON, sink.count, out);
    dose_list_free(&doses);
    med_list_free(&meds);
    store_field_list_free(&fields);
}

/* The diary's tags, "name:kind\n" each, in store_tags_list's order. */
static inline void ttags_text(struct store *st, struct strbuf *out)
{
    struct ache_err err = {""};
    struct tag_list tags = {0};
    ck_assert_msg(store_tags_list(st, &tags, &err) == ACHE_OK, "%s", err.msg);
    for (size_t i = 0; i < tags.n; i++) {
        strbuf_append(out, tags.items[i].name);
        strbuf_putc(out, ':');
        strbuf_append(out, tag_kind_name(tags.items[i].kind));
        strbuf_putc(out, '\n');
    }
    tag_list_free(&tags);
}

/* A sync that must succeed. */
static inline void tsync(struct store *st, struct sync_folder *f,
                         struct sync_report *rep)
{
    struct ache_err err = {""};
    struct sync_options o = {.compact = false};
    enum ache_status s = sync_run(st, f, &o, rep, &err);
    ck_assert_msg(s == ACHE_OK, "sync of %s: %s", store_path(st), err.msg);
}

static inline void tsync_quiet(struct store *st, struct sync_folder *f)
{
    struct sync_report rep;
    tsync(st, f, &rep);
    sync_report_free(&rep);
}

/* Opens (making) the sync folder dir: sealed with `passphrase`, or plain
 * when it is NULL. */
static inline struct sync_folder *tfolder_open(const char *dir,
                                               const char *passphrase)
{
    struct sync_secret secret = {.passphrase = passphrase,
                                 .len = passphrase ? strlen(passphrase) : 0,
                                 .plain = passphrase == NULL};
    struct sync_folder *f = NULL;
    bool created = false;
    struct ache_err err = {""};
    ck_assert_msg(sync_folder_open(dir, &secret, &created, &f, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    return f;
}

static inline struct store *tstore_open(const char *path)
{
    struct store *st = NULL;
    struct ache_err err = {""};
    ck_assert_msg(store_open(path, true, &st, &err) == ACHE_OK, "%s",
                  err.msg);
    return st;
}

/* ACHE_NOW set to `minutes` after 2026-11-24T00:00 (may be negative). */
static inline void tclock_set(long minutes)
{
    long day = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    long m = minutes - day * 1440;
    char date[DATE_BUF], now[40];
    date_format(date_from_ymd(2026, 11, 24) + (ache_day)day, date);
    snprintf(now, sizeof now, "%sT%02ld:%02ld", date, m / 60, m % 60);
    ck_assert_int_eq(setenv("ACHE_NOW", now, 1), 0);
}

#endif
