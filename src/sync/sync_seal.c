/* sync_seal: the folder's key, its header, and the sealing and opening of
 * its files, all through libsodium (the formats are in sync_impl.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "sync_impl.h"

static const char MAGIC_SEALED[SYNC_MAGIC_BYTES + 1] = "ACHESYS1";
static const char MAGIC_PLAIN[SYNC_MAGIC_BYTES + 1] = "ACHESYP1";
static const char SEALED_LINE[] = "sealed xchacha20poly1305-secretstream";
/* Sub-keys of the key Argon2id gives: one for the check, one for files. */
static const char KDF_CONTEXT[crypto_kdf_CONTEXTBYTES + 1] = "achesync";
enum { SUBKEY_CHECK = 1, SUBKEY_FILES = 2 };
static const char CHECK_TEXT[] = "ache-sync: the key of this folder";
#define TAG_PART crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
#define TAG_LAST crypto_secretstream_xchacha20poly1305_TAG_FINAL

enum ache_status sync_sodium_start(struct ache_err *err)
{
    if (sodium_init() < 0)
        return ache_fail(err, ACHE_ERR_IO, "libsodium could not start");
    return ACHE_OK;
}

/* ---- the header ---------------------------------------------------------- */

void sync_header_new(struct sync_header *h, bool sealed)
{
    memset(h, 0, sizeof *h);
    h->sealed = sealed;
    if (!sealed)
        return;
    h->ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    h->mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    randombytes_buf(h->salt, sizeof h->salt);
}

char *sync_header_format(const struct sync_header *h)
{
    if (!h->sealed)
        return xstrdup("ache-sync 1\nplain\n");
    char salt[2 * SYNC_SALT_BYTES + 1], check[2 * SYNC_CHECK_BYTES + 1];
    sodium_bin2hex(salt, sizeof salt, h->salt, sizeof h->salt);
    sodium_bin2hex(check, sizeof check, h->check, sizeof h->check);
    return xasprintf("ache-sync 1\n%s\nargon2id ops=%llu mem=%llu\n"
                     "salt %s\ncheck %s\n",
                     SEALED_LINE, h->ops, h->mem, salt, check);
}

/* One line of the header being read, without its line end. */
struct header_line {
    const char *text;
    size_t len;
    int no;
};

static bool line_is(const struct header_line *l, const char *want)
{
    return l->len == strlen(want) && memcmp(l->text, want, l->len) == 0;
}

static bool line_starts(const struct header_line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->len >= n && memcmp(l->text, prefix, n) == 0;
}

/* Exactly 2*n hex digits after prefix, into out. */
static bool line_hex(const struct header_line *l, const char *prefix,
                     unsigned char *out, size_t n)
{
    size_t skip = strlen(prefix);
    if (!line_starts(l, prefix) || l->len - skip != 2 * n)
        return false;
    for (size_t i = skip; i < l->len; i++)
        if (!strchr("0123456789abcdefABCDEF", l->text[i]) || !l->text[i])
            return false;
    size_t got = 0;
    return sodium_hex2bin(out, n, l->text + skip, 2 * n, NULL, &got,
                          NULL) == 0 && got == n;
}

/* A decimal number of at most 19 digits at *p, moving *p past it. */
static bool take_number(const struct header_line *l, size_t *p,
                        unsigned long long *out)
{
    size_t start = *p;
    unsigned long long v = 0;
    while (*p < l->len && l->text[*p] >= '0' && l->text[*p] <= '9' &&
           *p - start < 19)
        v = v * 10 + (unsigned long long)(l->text[(*p)++] - '0');
    *out = v;
    return *p > start;
}

static enum ache_status line_fail(const char *path, const struct header_line *l,
                                  struct ache_err *err, const char *what)
{
    return ache_fail(err, ACHE_ERR_INVALID, "%s: line %d: %s", path, l->no,
                     what);
}

static enum ache_status parse_limits(const char *path,
                                     const struct header_line *l,
                                     struct sync_header *h,
                                     struct ache_err *err)
{
    size_t p = strlen("argon2id ops=");
    bool ok = line_starts(l, "argon2id ops=") && take_number(l, &p, &h->ops);
    const char *mem = " mem=";
    ok = ok && l->len - p > strlen(mem) &&
         memcmp(l->text + p, mem, strlen(mem)) == 0;
    p += strlen(mem);
    ok = ok && take_number(l, &p, &h->mem) && p == l->len;
    if (!ok)
        return line_fail(path, l, err, "\"argon2id ops=N mem=N\" expected");
    if (h->ops < SYNC_OPS_MIN || h->ops > SYNC_OPS_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: line %d: ops=%llu is out of range %llu-%llu",
                         path, l->no, h->ops, SYNC_OPS_MIN, SYNC_OPS_MAX);
    if (h->mem < SYNC_MEM_MIN || h->mem > SYNC_MEM_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: line %d: mem=%llu is out of range %llu-%llu",
                         path, l->no, h->mem, SYNC_MEM_MIN, SYNC_MEM_MAX);
    return ACHE_OK;
}

static enum ache_status parse_format_line(const char *path,
                                          const struct header_line *l,
                                          struct ache_err *err)
{
    if (line_is(l, "ache-sync 1"))
        return ACHE_OK;
    size_t p = strlen("ache-sync ");
    unsigned long long v = 0;
    if (line_starts(l, "ache-sync ") && take_number(l, &p, &v) &&
        p == l->len && v > 1)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: line 1: format %llu is newer than this ache "
                         "reads (1): update ache to use this folder",
                         path, v);
    return line_fail(path, l, err,
                     "not an ache sync header (\"ache-sync 1\" expected)");
}

/* Line `no` (from 1) of the header, or false past its end. */
static bool header_line_at(const char *text, size_t len, int no,
                           struct header_line *l)
{
    const char *p = text, *end = text + len;
    for (int i = 1; i < no; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return false;
        p = nl + 1;
    }
    if (p == end)
        return false;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    l->text = p;
    l->len = (size_t)((nl ? nl : end) - p);
    if (l->len && p[l->len - 1] == '\r') /* a carrier that turns line ends */
        l->len--;
    l->no = no;
    return true;
}

static enum ache_status parse_line(const char *path,
                                   const struct header_line *l,
                                   struct sync_header *h, struct ache_err *err)
{
    switch (l->no) {
    case 1:
        return parse_format_line(path, l, err);
    case 2:
        h->sealed = line_is(l, SEALED_LINE);
        if (h->sealed || line_is(l, "plain"))
            return ACHE_OK;
        return line_fail(path, l, err,
                         "\"sealed xchacha20poly1305-secretstream\" or "
                         "\"plain\" expected");
    case 3:
        return parse_limits(path, l, h, err);
    case 4:
        return line_hex(l, "salt ", h->salt, sizeof h->salt)
                   ? ACHE_OK
                   : line_fail(path, l, err,
                               "\"salt\" and 32 hex digits expected");
    default:
        return line_hex(l, "check ", h->check, sizeof h->check)
                   ? ACHE_OK
                   : line_fail(path, l, err,
                               "\"check\" and 64 hex digits expected");
    }
}

enum ache_status sync_header_parse(const char *path, const char *text,
                                   size_t len, struct sync_header *h,
                                   struct ache_err *err)
{
    memset(h, 0, sizeof *h);
    if (len > SYNC_HEADER_MAX)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: longer than a header can be (%u bytes)", path,
                         SYNC_HEADER_MAX);
    struct header_line l;
    int lines = 2;
    for (int no = 1; no <= lines; no++) {
        if (!header_line_at(text, len, no, &l))
            return ache_fail(err, ACHE_ERR_INVALID,
                             "%s: line %d: missing (the header ends early)",
                             path, no);
        enum ache_status st = parse_line(path, &l, h, err);
        if (st != ACHE_OK)
            return st;
        if (no == 2 && h->sealed)
            lines = 5;
    }
    if (header_line_at(text, len, lines + 1, &l))
        return line_fail(path, &l, err,
                         "unexpected text after the header's last line");
    return ACHE_OK;
}

/* ---- the key ------------------------------------------------------------- */

enum ache_status sync_key_derive(struct sync_folder *f,
                                 const struct sync_header *h,
                                 const struct sync_secret *secret,
                                 unsigned char check[SYNC_CHECK_BYTES],
                                 struct ache_err *err)
{
    unsigned char *master = sodium_malloc(crypto_kdf_KEYBYTES);
    unsigned char *sub = sodium_malloc(crypto_kdf_KEYBYTES);
    if (!master || !sub)
        abort(); /* as xmalloc does */
    if (crypto_pwhash(master, crypto_kdf_KEYBYTES, secret->passphrase,
                      secret->len, h->salt, h->ops, (size_t)h->mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        sodium_free(master);
        sodium_free(sub);
        return ache_fail(err, ACHE_ERR_IO,
                         "%s: not enough memory to derive the key (%llu MiB)",
                         f->dir, h->mem >> 20);
    }
    crypto_kdf_derive_from_key(sub, crypto_kdf_KEYBYTES, SUBKEY_CHECK,
                               KDF_CONTEXT, master);
    crypto_generichash(check, SYNC_CHECK_BYTES,
                       (const unsigned char *)CHECK_TEXT, strlen(CHECK_TEXT),
                       sub, crypto_kdf_KEYBYTES);
    if (!f->file_key && !(f->file_key = sodium_malloc(SYNC_KEY_BYTES)))
        abort();
    crypto_kdf_derive_from_key(f->file_key, SYNC_KEY_BYTES, SUBKEY_FILES,
                               KDF_CONTEXT, master);
    memcpy(f->key_id, check, SYNC_KEY_ID_BYTES);
    sodium_free(master); /* sodium_free wipes */
    sodium_free(sub);
    return ACHE_OK;
}

/* ---- parts --------------------------------------------------------------- */

static void prefix_put(unsigned char out[SYNC_PREFIX_BYTES], size_t len)
{
    out[0] = (unsigned char)(len >> 16);
    out[1] = (unsigned char)(len >> 8);
    out[2] = (unsigned char)len;
    out[3] = (unsigned char)(out[0] ^ out[1] ^ out[2] ^ 0xa5);
}

/* The length a prefix holds, or 0 when it fails its check or is out of
 * the range of a part. */
static size_t prefix_get(const unsigned char in[SYNC_PREFIX_BYTES])
{
    if ((in[0] ^ in[1] ^ in[2] ^ 0xa5) != in[3])
        return 0;
    size_t len = (size_t)in[0] << 16 | (size_t)in[1] << 8 | in[2];
    return len < SYNC_PART_EXTRA || len > SYNC_PART_MAX + SYNC_PART_EXTRA
               ? 0
               : len;
}

/* The hash of a plain part (tag and bytes), chained to the one before. */
static void plain_sum(unsigned char sum[SYNC_SUM_BYTES],
                      const unsigned char *tagged, size_t len)
{
    unsigned char prev[SYNC_SUM_BYTES];
    memcpy(prev, sum, sizeof prev);
    crypto_generichash(sum, SYNC_SUM_BYTES, tagged, len, prev, sizeof prev);
}

size_t sync_seal_begin(struct sync_sealer *s, const struct sync_folder *f,
                       unsigned char out[SYNC_OPENING_MAX])
{
    memset(s, 0, sizeof *s);
    s->sealed = f->sealed;
    if (!f->sealed) {
        memcpy(out, MAGIC_PLAIN, SYNC_MAGIC_BYTES);
        return SYNC_MAGIC_BYTES;
    }
    memcpy(s->ad, MAGIC_SEALED, SYNC_MAGIC_BYTES);
    memcpy(s->ad + SYNC_MAGIC_BYTES, f->key_id, SYNC_KEY_ID_BYTES);
    memcpy(out, s->ad, sizeof s->ad);
    crypto_secretstream_xchacha20poly1305_init_push(&s->ss, out + sizeof s->ad,
                                                    f->file_key);
    return sizeof s->ad + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
}

size_t sync_seal_part(struct sync_sealer *s, const unsigned char *in,
                      size_t len, bool final, unsigned char *out)
{
    unsigned char tag = final ? TAG_LAST : TAG_PART;
    unsigned char *body = out + SYNC_PREFIX_BYTES;
    prefix_put(out, len + SYNC_PART_EXTRA);
    if (s->sealed) {
        crypto_secretstream_xchacha20poly1305_push(&s->ss, body, NULL, in, len,
                                                   s->ad, sizeof s->ad, tag);
    } else {
        body[0] = tag;
        if (len)
            memcpy(body + 1, in, len);
        plain_sum(s->sum, body, 1 + len);
        memcpy(body + 1 + len, s->sum, SYNC_SUM_BYTES);
    }
    return SYNC_PREFIX_BYTES + len + SYNC_PART_EXTRA;
}

void sync_sealer_wipe(struct sync_sealer *s)
{
    sodium_memzero(s, sizeof *s);
}

/* ---- opening ------------------------------------------------------------- */

/* Reads up to n bytes (fewer only at the end of the file); -1 on error. */
static ssize_t read_upto(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* A file being opened: where it is read from, and its state. */
struct opener {
    const struct sync_folder *f;
    int fd;
    int *read_errno;
    struct sync_sealer s; /* ss in pull mode for sealed files */
    unsigned char *buf;   /* SYNC_PART_DISK_MAX */
};

/* Reads exactly n bytes into buf: SYNC_OPENED, SYNC_CUT when the file
 * ends first (*got says how many came), or SYNC_UNREADABLE. */
static enum sync_opened read_exact(struct opener *o, void *buf, size_t n,
                                   size_t *got)
{
    ssize_t r = read_upto(o->fd, buf, n);
    if (r < 0) {
        *o->read_errno = errno;
        return SYNC_UNREADABLE;
    }
    *got = (size_t)r;
    return *got == n ? SYNC_OPENED : SYNC_CUT;
}

static enum sync_opened open_magic(struct opener *o)
{
    unsigned char m[SYNC_MAGIC_BYTES];
    size_t got = 0;
    enum sync_opened st = read_exact(o, m, sizeof m, &got);
    const char *want = o->f->sealed ? MAGIC_SEALED : MAGIC_PLAIN;
    const char *other = o->f->sealed ? MAGIC_PLAIN : MAGIC_SEALED;
    if (st == SYNC_UNREADABLE)
        return st;
    if (memcmp(m, want, got) == 0)
        return st; /* whole, or a beginning cut short */
    if (got == sizeof m && memcmp(m, other, got) == 0)
        return o->f->sealed ? SYNC_UNSEALED_FILE : SYNC_SEALED_FILE;
    return SYNC_BAD;
}

static enum sync_opened open_stream_header(struct opener *o)
{
    unsigned char id[SYNC_KEY_ID_BYTES];
    size_t got = 0;
    enum sync_opened st = read_exact(o, id, sizeof id, &got);
    if (st == SYNC_UNREADABLE)
        return st;
    if (memcmp(id, o->f->key_id, got) != 0)
        return SYNC_OTHER_KEY;
    if (st != SYNC_OPENED)
        return st;
    unsigned char hd[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    if ((st = read_exact(o, hd, sizeof hd, &got)) != SYNC_OPENED)
        return st;
    memcpy(o->s.ad, MAGIC_SEALED, SYNC_MAGIC_BYTES);
    memcpy(o->s.ad + SYNC_MAGIC_BYTES, id, SYNC_KEY_ID_BYTES);
    if (crypto_secretstream_xchacha20poly1305_init_pull(&o->s.ss, hd,
                                                        o->f->file_key) != 0)
        return SYNC_BAD;
    return SYNC_OPENED;
}

/* Checks one part of len bytes in o->buf, appending what it holds. */
static enum sync_opened open_part(struct opener *o, size_t len,
                                  struct strbuf *plain, bool *final)
{
    size_t n = len - SYNC_PART_EXTRA;
    unsigned char tag = 0;
    strbuf_grow(plain, n);
    if (o->s.sealed) {
        if (crypto_secretstream_xchacha20poly1305_pull(
                &o->s.ss, (unsigned char *)plain->data + plain->len, NULL,
                &tag, o->buf, len, o->s.ad, sizeof o->s.ad) != 0)
            return SYNC_BAD;
    } else {
        plain_sum(o->s.sum, o->buf, 1 + n);
        if (sodium_memcmp(o->s.sum, o->buf + 1 + n, SYNC_SUM_BYTES) != 0)
            return SYNC_BAD;
        tag = o->buf[0];
        if (n)
            memcpy(plain->data + plain->len, o->buf + 1, n);
    }
    if (tag != TAG_PART && tag != TAG_LAST)
        return SYNC_BAD;
    plain->len += n;
    plain->data[plain->len] = '\0';
    *final = tag == TAG_LAST;
    return SYNC_OPENED;
}

static enum sync_opened open_parts(struct opener *o, struct strbuf *plain)
{
    for (bool final = false; !final;) {
        unsigned char pre[SYNC_PREFIX_BYTES];
        size_t got = 0, len;
        enum sync_opened st = read_exact(o, pre, sizeof pre, &got);
        if (st != SYNC_OPENED)
            return st;
        if (!(len = prefix_get(pre)))
            return SYNC_BAD;
        if ((st = read_exact(o, o->buf, len, &got)) != SYNC_OPENED)
            return st;
        if ((st = open_part(o, len, plain, &final)) != SYNC_OPENED)
            return st;
    }
    unsigned char more;
    size_t got = 0;
    enum sync_opened st = read_exact(o, &more, 1, &got);
    return st == SYNC_UNREADABLE ? st : got ? SYNC_BAD : SYNC_OPENED;
}

enum sync_opened sync_open_fd(const struct sync_folder *f, int fd,
                              struct strbuf *plain, int *read_errno)
{
    struct opener o = {.f = f, .fd = fd, .read_errno = read_errno};
    o.s.sealed = f->sealed;
    enum sync_opened st = open_magic(&o);
    if (st == SYNC_OPENED && f->sealed)
        st = open_stream_header(&o);
    if (st == SYNC_OPENED) {
        o.buf = xmalloc(SYNC_PART_DISK_MAX);
        st = open_parts(&o, plain);
        sodium_memzero(o.buf, SYNC_PART_DISK_MAX);
        free(o.buf);
    }
    sync_sealer_wipe(&o.s);
    return st;
}
