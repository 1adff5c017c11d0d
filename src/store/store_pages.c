/* store_pages: reading a damaged diary page by page (see store_pages.h).
 *
 * The layout is SQLite's file format (https://sqlite.org/fileformat2.html):
 * a 100-byte header on page 1; b-tree pages of four kinds (table and index,
 * interior and leaf), each a small header, an array of cell offsets and
 * the cells; payloads too long for a page continued on a chain of
 * overflow pages; records as a header of serial types and the values. A
 * -wal file holds newer copies of pages, valid up to its last frame that
 * ends a transaction and passes its checksums.
 *
 * Every number read is checked before it is used: a page number against
 * the file, an offset against the page, a length against what is left.
 * A page reached twice in one walk is a loop, and read once.
 */
#include "store_pages_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ache/util.h"

/* The owner of a free page. */
#define PF_FREE UINT32_MAX
/* SQLite's limit on the depth of a b-tree. */
#define PF_MAX_DEPTH 20
/* No row of a diary comes near this; a larger payload is damage. */
#define PF_MAX_PAYLOAD (1u << 20)

enum { PAGE_INDEX_INTERIOR = 2, PAGE_TABLE_INTERIOR = 5,
       PAGE_INDEX_LEAF = 10, PAGE_TABLE_LEAF = 13 };

struct pagefile {
    int fd, wal_fd;
    uint64_t file_size;
    uint32_t page_size, usable;
    uint32_t npages;          /* the pages the database has */
    uint64_t *wal_off;        /* per page: its frame's offset, or 0 */
    unsigned char head[100];  /* page 1's first 100 bytes */
    struct pf_header hdr;
    struct pf_object *objs;
    size_t nobjs;
    unsigned char *bufs;      /* a page for each level, and an overflow */
    unsigned char *seen;      /* pages reached in the current walk */
    uint32_t *owner;          /* the root of each page's tree */
    uint32_t walk_root;
    unsigned char *payload;
    size_t payload_cap;
};

/* ---- numbers ------------------------------------------------------------- */

static uint32_t be16(const unsigned char *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 |
           p[0];
}

/* A varint of at most 9 bytes from p, not reading at or past end; the
 * number of bytes, or 0 when it runs past end. */
static int varint(const unsigned char *p, const unsigned char *end,
                  uint64_t *v)
{
    uint64_t x = 0;
    for (int i = 0; i < 9; i++) {
        if (p + i >= end)
            return 0;
        if (i == 8) {
            *v = x << 8 | p[i];
            return 9;
        }
        x = x << 7 | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    return 0;
}

static bool read_all(int fd, void *buf, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        got += (size_t)r;
    }
    return true;
}

static bool power_of_two_size(uint32_t n)
{
    return n >= 512 && n <= 65536 && (n & (n - 1)) == 0;
}

/* ---- the -wal file ---------------------------------------------------------- */

/* SQLite's checksum of the WAL: words in the byte order the WAL header's
 * magic names. */
static void wal_sum(const unsigned char *p, size_t n, bool big, uint32_t s[2])
{
    for (size_t i = 0; i + 8 <= n; i += 8) {
        uint32_t x0 = big ? be32(p + i) : le32(p + i);
        uint32_t x1 = big ? be32(p + i + 4) : le32(p + i + 4);
        s[0] += x0 + s[1];
        s[1] += x1 + s[0];
    }
}

/* The frames of the WAL up to its last valid commit, as page -> offset
 * (pf->wal_off, for pages up to the commit's size, pf->npages). *used is
 * false when the WAL holds no committed frame of this page size. */
static void wal_map(struct pagefile *pf, bool *used)
{
    *used = false;
    unsigned char h[32];
    if (pf->wal_fd < 0 || !read_all(pf->wal_fd, h, sizeof h, 0))
        return;
    uint32_t magic = be32(h);
    if ((magic & ~1u) != 0x377f0682 || be32(h + 4) != 3007000 ||
        be32(h + 8) != pf->page_size)
        return;
    bool big = magic & 1;
    uint32_t s[2] = {0, 0};
    wal_sum(h, 24, big, s);
    if (s[0] != be32(h + 24) || s[1] != be32(h + 28))
        return;
    size_t frame = 24 + (size_t)pf->page_size;
    unsigned char *f = xmalloc(frame);
    struct { uint32_t page; uint64_t off; } *frames = NULL;
    size_t n = 0, cap = 0, committed = 0;
    uint32_t size = 0;
    for (uint64_t off = 32; read_all(pf->wal_fd, f, frame, off); off += frame) {
        if (memcmp(f + 8, h + 16, 8) != 0 || be32(f) == 0)
            break;
        wal_sum(f, 8, big, s);
        wal_sum(f + 24, pf->page_size, big, s);
        if (s[0] != be32(f + 16) || s[1] != be32(f + 20))
            break;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            frames = xrealloc(frames, cap * sizeof *frames);
        }
        frames[n].page = be32(f);
        frames[n++].off = off + 24;
        if (be32(f + 4)) {
            committed = n;
            size = be32(f + 4);
        }
    }
    free(f);
    if (committed) {
        *used = true;
        pf->npages = size;
        pf->wal_off = xcalloc((size_t)size + 1, sizeof *pf->wal_off);
        for (size_t i = 0; i < committed; i++)
            if (frames[i].page <= size)
                pf->wal_off[frames[i].page] = frames[i].off;
    }
    free(frames);
}

/* ---- pages ------------------------------------------------------------------ */

/* Page pgno into buf; false when the files do not hold it whole. */
static bool read_page(struct pagefile *pf, uint32_t pgno, unsigned char *buf)
{
    if (pgno == 0 || pgno > pf->npages)
        return false;
    if (pf->wal_off && pf->wal_off[pgno])
        return read_all(pf->wal_fd, buf, pf->page_size, pf->wal_off[pgno]);
    uint64_t off = (uint64_t)(pgno - 1) * pf->page_size;
    if (off + pf->page_size > pf->file_size)
        return false;
    return read_all(pf->fd, buf, pf->page_size, off);
}

static unsigned char *level_buf(struct pagefile *pf, int depth)
{
    return pf->bufs + (size_t)depth * pf->page_size;
}

/* ---- records ---------------------------------------------------------------- */

static bool decode_record(const unsigned char *p, size_t n,
                          struct pf_record *rec)
{
    uint64_t hs;
    int k = varint(p, p + n, &hs);
    if (!k || hs < (uint64_t)k || hs > n)
        return false;
    const unsigned char *type = p + k, *body = p + hs, *end = p + n;
    rec->ncols = 0;
    while (type < p + hs) {
        uint64_t t;
        int m = varint(type, p + hs, &t);
        if (!m || rec->ncols == PF_MAX_COLUMNS || t == 10 || t == 11)
            return false;
        type += m;
        static const unsigned char int_size[] = {0, 1, 2, 3, 4, 6, 8};
        uint64_t size = t <= 6 ? int_size[t] : t == 7 ? 8 : t < 12 ? 0
                                                         : (t - 12) / 2;
        if (size > (uint64_t)(end - body))
            return false;
        struct pf_value *v = &rec->col[rec->ncols++];
        memset(v, 0, sizeof *v);
        if (t == 0) {
            v->type = 5;
        } else if (t <= 6 || t == 8 || t == 9) {
            v->type = 1;
            if (t == 8 || t == 9) {
                v->i = t == 9;
            } else {
                uint64_t x = body[0] & 0x80 ? UINT64_MAX : 0;
                for (uint64_t i = 0; i < size; i++)
                    x = x << 8 | body[i];
                memcpy(&v->i, &x, sizeof x);
            }
        } else if (t == 7) {
            uint64_t x = 0;
            for (int i = 0; i < 8; i++)
                x = x << 8 | body[i];
            v->type = 2;
            memcpy(&v->r, &x, sizeof x);
        } else {
            v->type = t & 1 ? 3 : 4;
            v->p = (const char *)body;
            v->n = (size_t)size;
        }
        body += size;
    }
    return true;
}

/* How much of a payload of `size` bytes a cell keeps on its page (SQLite's
 * rule; the rest goes to overflow pages). */
static size_t local_size(const struct pagefile *pf, uint64_t size, bool table)
{
    uint64_t u = pf->usable;
    uint64_t max = table ? u - 35 : (u - 12) * 64 / 255 - 23;
    if (size <= max)
        return (size_t)size;
    uint64_t min = (u - 12) * 32 / 255 - 23;
    uint64_t k = min + (size - min) % (u - 4);
    return (size_t)(k <= max ? k : min);
}

/* Gathers a payload of `size` bytes: `local` of them at p on the page,
 * the rest from the chain of overflow pages starting at `first`. */
static bool gather(struct pagefile *pf, const unsigned char *p, size_t local,
                   uint64_t size, uint32_t first)
{
    if (size > pf->payload_cap) {
        pf->payload_cap = (size_t)size;
        pf->payload = xrealloc(pf->payload, pf->payload_cap);
    }
    memcpy(pf->payload, p, local);
    size_t have = local;
    unsigned char *ov = level_buf(pf, PF_MAX_DEPTH);
    for (uint32_t page = first; have < size;) {
        if (page == 0 || page > pf->npages || pf->seen[page] ||
            !read_page(pf, page, ov))
            return false;
        pf->seen[page] = 1;
        if (pf->owner)
            pf->owner[page] = pf->walk_root;
        size_t take = pf->usable - 4;
        if (take > size - have)
            take = (size_t)(size - have);
        memcpy(pf->payload + have, ov + 4, take);
        have += take;
        page = be32(ov);
    }
    return true;
}

/* The payload of the cell at c (after its child pointer, for interior
 * index cells), checked against the page's end; *rowid for table leaves,
 * with *keyed set once it is read (even when the payload cannot be). */
static bool cell_payload(struct pagefile *pf, const unsigned char *c,
                         const unsigned char *end, bool table,
                         int64_t *rowid, bool *keyed, size_t *len)
{
    uint64_t size, key = 0;
    int k = varint(c, end, &size);
    if (!k)
        return false;
    c += k;
    if (table) {
        k = varint(c, end, &key);
        if (!k)
            return false;
        c += k;
        memcpy(rowid, &key, sizeof key);
        *keyed = true;
    }
    if (size > PF_MAX_PAYLOAD)
        return false;
    size_t local = local_size(pf, size, table);
    bool spills = local < size;
    if ((size_t)(end - c) < local + (spills ? 4 : 0))
        return false;
    *len = (size_t)size;
    return gather(pf, c, local, size, spills ? be32(c + local) : 0);
}

/* ---- walking a b-tree -------------------------------------------------------- */

struct walk_ctx {
    bool table;
    pf_record_fn fn;
    void *arg;
    struct pf_walk *out;
};

struct bounds {
    bool has_lo, has_hi;
    int64_t lo, hi; /* a table's rowids here are > lo and <= hi */
};

static bool in_bounds(const struct bounds *b, int64_t rowid)
{
    return !(b->has_lo && rowid <= b->lo) && !(b->has_hi && rowid > b->hi);
}

/* A row of a table whose rowid is known and whose content is not: given
 * to fn with ncols -1, as a row that was there. */
static void deliver_damaged(struct walk_ctx *w, int64_t rowid)
{
    struct pf_record rec;
    rec.rowid = rowid;
    rec.ncols = -1;
    w->out->damaged++;
    if (w->fn)
        w->fn(&rec, w->arg);
}

static void deliver(struct pagefile *pf, struct walk_ctx *w, size_t len,
                    int64_t rowid)
{
    struct pf_record rec;
    if (!decode_record(pf->payload, len, &rec)) {
        if (w->table)
            deliver_damaged(w, rowid);
        else
            w->out->bad_cells++;
        return;
    }
    rec.rowid = rowid;
    w->out->rows++;
    if (w->fn)
        w->fn(&rec, w->arg);
}

/* A cell of a leaf page (or an interior index page's entry). */
static void leaf_cell(struct pagefile *pf, struct walk_ctx *w,
                      const unsigned char *c, const unsigned char *end,
                      bool table, const struct bounds *b)
{
    int64_t rowid = 0;
    bool keyed = false;
    size_t len = 0;
    bool ok = cell_payload(pf, c, end, table, &rowid, &keyed, &len);
    if (table && keyed && !in_bounds(b, rowid))
        w->out->bad_cells++; /* not where its rowid belongs */
    else if (ok)
        deliver(pf, w, len, rowid);
    else if (keyed)
        deliver_damaged(w, rowid);
    else
        w->out->bad_cells++;
}

static void walk_page(struct pagefile *pf, struct walk_ctx *w, uint32_t pgno,
                      int depth, struct bounds b);

/* The cells of a sound page, and the pages below an interior one. */
static void walk_cells(struct pagefile *pf, struct walk_ctx *w,
                       const unsigned char *page, uint32_t off, int depth,
                       struct bounds b)
{
    unsigned type = page[off];
    bool interior = type == PAGE_INDEX_INTERIOR || type == PAGE_TABLE_INTERIOR;
    uint32_t ncell = be16(page + off + 3), first = off + (interior ? 12 : 8);
    const unsigned char *end = page + pf->usable;
    struct bounds left = b;
    for (uint32_t i = 0; i < ncell; i++) {
        uint32_t at = be16(page + first + 2 * i);
        if (at < first + 2 * ncell || at + 4 > pf->usable) {
            if (interior && w->table)
                w->out->bad_pages++; /* the pages below it are lost */
            else
                w->out->bad_cells++;
            continue;
        }
        const unsigned char *c = page + at;
        if (!interior) {
            leaf_cell(pf, w, c, end, w->table, &b);
            continue;
        }
        uint32_t child = be32(c);
        struct bounds sub = left;
        if (w->table) {
            uint64_t key;
            if (!varint(c + 4, end, &key)) {
                w->out->bad_pages++;
                continue;
            }
            sub.has_hi = true;
            memcpy(&sub.hi, &key, sizeof key);
            left.has_lo = true;
            left.lo = sub.hi;
        }
        walk_page(pf, w, child, depth + 1, sub);
        if (!w->table) /* an interior cell of an index is an entry too */
            leaf_cell(pf, w, c + 4, end, false, &b);
    }
    if (interior)
        walk_page(pf, w, be32(page + off + 8), depth + 1, left);
}

static void walk_page(struct pagefile *pf, struct walk_ctx *w, uint32_t pgno,
                      int depth, struct bounds b)
{
    if (depth >= PF_MAX_DEPTH || pgno == 0 || pgno > pf->npages ||
        pf->seen[pgno]) {
        w->out->bad_pages++;
        return;
    }
    pf->seen[pgno] = 1;
    if (pf->owner)
        pf->owner[pgno] = pf->walk_root;
    unsigned char *page = level_buf(pf, depth);
    uint32_t off = pgno == 1 ? 100 : 0;
    if (!read_page(pf, pgno, page)) {
        w->out->bad_pages++;
        return;
    }
    unsigned type = page[off];
    bool ok = w->table ? type == PAGE_TABLE_INTERIOR || type == PAGE_TABLE_LEAF
                       : type == PAGE_INDEX_INTERIOR || type == PAGE_INDEX_LEAF;
    bool interior = type == PAGE_INDEX_INTERIOR || type == PAGE_TABLE_INTERIOR;
    uint32_t ncell = be16(page + off + 3);
    if (!ok || off + (interior ? 12u : 8u) + 2 * ncell > pf->usable) {
        w->out->bad_pages++;
        return;
    }
    walk_cells(pf, w, page, off, depth, b);
}

void store_pagefile_walk(struct pagefile *pf, uint32_t root, bool table,
                         pf_record_fn fn, void *ctx, struct pf_walk *out)
{
    memset(out, 0, sizeof *out);
    memset(pf->seen, 0, (size_t)pf->npages + 1);
    struct walk_ctx w = {table, fn, ctx, out};
    pf->walk_root = root;
    walk_page(pf, &w, root, 0, (struct bounds){false, false, 0, 0});
}

/* ---- the table of tables ------------------------------------------------------ */

static char *text_of(const struct pf_value *v)
{
    return v->type == 3 && !memchr(v->p, '\0', v->n) ? xstrndup(v->p, v->n)
                                                     : NULL;
}

static void take_object(const struct pf_record *rec, void *ctx)
{
    struct pagefile *pf = ctx;
    if (rec->ncols < 5 || rec->col[3].type != 1 || rec->col[3].i < 0 ||
        rec->col[3].i > UINT32_MAX)
        return;
    struct pf_object o = {text_of(&rec->col[0]), text_of(&rec->col[1]),
                          text_of(&rec->col[2]), text_of(&rec->col[4]),
                          (uint32_t)rec->col[3].i};
    if (!o.type || !o.name || !o.table) {
        free(o.type);
        free(o.name);
        free(o.table);
        free(o.sql);
        return;
    }
    pf->objs = xrealloc(pf->objs, (pf->nobjs + 1) * sizeof *pf->objs);
    pf->objs[pf->nobjs++] = o;
}

static void drop_objects(struct pagefile *pf)
{
    for (size_t i = 0; i < pf->nobjs; i++) {
        free(pf->objs[i].type);
        free(pf->objs[i].name);
        free(pf->objs[i].table);
        free(pf->objs[i].sql);
    }
    free(pf->objs);
    pf->objs = NULL;
    pf->nobjs = 0;
}

static bool without_rowid(const struct pf_object *o)
{
    return o->sql && strcasestr(o->sql, "WITHOUT ROWID");
}

/* Reads the pages at a page size and reserve, as far as the table of
 * tables goes: how many of its b-trees start on a page of their kind (0:
 * it holds no table). A wrong page size reads page 1 well enough when it
 * is larger than the right one, but not the pages the roots are on. */
static size_t try_layout(struct pagefile *pf, uint32_t size, uint32_t reserved)
{
    drop_objects(pf);
    free(pf->wal_off);
    pf->wal_off = NULL;
    free(pf->bufs);
    free(pf->seen);
    pf->page_size = size;
    pf->usable = size - reserved;
    /* a last page cut short is a page, missing */
    pf->npages = (uint32_t)((pf->file_size + size - 1) / size);
    bool wal;
    wal_map(pf, &wal);
    pf->hdr.wal = wal;
    uint32_t counted = be32(pf->head + 28);
    bool counted_valid = counted &&
                         memcmp(pf->head + 24, pf->head + 92, 4) == 0;
    if (!wal && counted_valid && counted > pf->npages)
        pf->npages = counted; /* the pages past the end are missing */
    pf->bufs = xmalloc((size_t)(PF_MAX_DEPTH + 1) * size);
    pf->seen = xcalloc((size_t)pf->npages + 1, 1);
    struct pf_walk w;
    store_pagefile_walk(pf, 1, true, take_object, pf, &w);
    bool tables = false;
    size_t score = 0;
    for (size_t i = 0; i < pf->nobjs; i++) {
        const struct pf_object *o = &pf->objs[i];
        bool table = strcmp(o->type, "table") == 0;
        tables |= table && o->sql && strncmp(o->sql, "CREATE TABLE", 12) == 0;
        unsigned char *page = level_buf(pf, 0);
        if (o->root > 1 && read_page(pf, o->root, page)) {
            unsigned t = page[0];
            score += table && !without_rowid(o)
                         ? t == PAGE_TABLE_LEAF || t == PAGE_TABLE_INTERIOR
                         : t == PAGE_INDEX_LEAF || t == PAGE_INDEX_INTERIOR;
        }
    }
    return tables ? score + 1 : 0;
}

/* Page 1, from the WAL when it has a newer copy: its header is the one in
 * force. */
static void read_head(struct pagefile *pf)
{
    unsigned char *page = xmalloc(pf->page_size);
    if (pf->wal_off && pf->wal_off[1] && read_page(pf, 1, page))
        memcpy(pf->head, page, sizeof pf->head);
    free(page);
}

/* The page size and reserve: of the header's, the WAL's and the usual
 * sizes, the one under which most b-trees start where the table of tables
 * says (the header's first, when it ties). */
static void find_layout(struct pagefile *pf)
{
    uint32_t said = be16(pf->head + 16) == 1 ? 65536 : be16(pf->head + 16);
    uint32_t reserved = pf->head[20];
    unsigned char wh[12];
    uint32_t wal_size = pf->wal_fd >= 0 && read_all(pf->wal_fd, wh, 12, 0)
                            ? be32(wh + 8)
                            : 0;
    uint32_t tries[12][2], n = 0;
    if (power_of_two_size(said) && said - reserved >= 480)
        tries[n][0] = said, tries[n++][1] = reserved;
    static const uint32_t usual[] = {4096, 1024, 2048, 8192,
                                     16384, 32768, 65536, 512};
    if (power_of_two_size(wal_size))
        tries[n][0] = wal_size, tries[n++][1] = 0;
    for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++)
        tries[n][0] = usual[i], tries[n++][1] = 0;
    size_t best = 0, best_score = 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t score = try_layout(pf, tries[i][0], tries[i][1]);
        if (score > best_score)
            best = i, best_score = score;
    }
    pf->hdr.sqlite = best_score > 0;
    if (best_score)
        try_layout(pf, tries[best][0], tries[best][1]);
    else
        try_layout(pf, power_of_two_size(said) ? said : 4096, 0);
    read_head(pf);
}

static void judge_header(struct pagefile *pf)
{
    struct pf_header *h = &pf->hdr;
    const unsigned char *p = pf->head;
    uint32_t said = be16(p + 16) == 1 ? 65536 : be16(p + 16);
    h->header_page_size = power_of_two_size(said) ? said : 0;
    h->page_size = pf->page_size;
    h->reserved = p[20];
    memcpy(h->versions, p + 18, 2);
    memcpy(h->fractions, p + 21, 3);
    h->schema_format = be32(p + 44);
    h->encoding = be32(p + 56);
    h->user_version = (int32_t)be32(p + 60);
    h->application_id = (int32_t)be32(p + 68);
    h->file_pages = (uint32_t)(pf->file_size / pf->page_size);
    h->header_pages = pf->npages;
    if (memcmp(p, "SQLite format 3", 16) != 0)
        h->problems |= PF_BAD_MAGIC;
    if (said != pf->page_size)
        h->problems |= PF_BAD_PAGE_SIZE;
    for (int i = 0; i < 2; i++)
        if (p[18 + i] != 1 && p[18 + i] != 2)
            h->problems |= PF_BAD_VERSIONS;
    if (pf->usable != pf->page_size - p[20])
        h->problems |= PF_BAD_RESERVED;
    if (p[21] != 64 || p[22] != 32 || p[23] != 32)
        h->problems |= PF_BAD_FRACTIONS;
    if (h->schema_format < 1 || h->schema_format > 4)
        h->problems |= PF_BAD_FORMAT;
    if (h->encoding != 1)
        h->problems |= PF_BAD_ENCODING;
    bool missing = false;
    for (uint32_t pg = h->file_pages + 1; !missing && pg <= pf->npages; pg++)
        missing = !(pf->wal_off && pf->wal_off[pg]);
    if (missing)
        h->problems |= PF_SHORT;
}

enum ache_status store_pagefile_open(const char *path, struct pagefile **out,
                                     struct ache_err *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        return ache_fail(err, ACHE_ERR_IO, "%s: %s", path, strerror(saved));
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (not a regular file)", path);
    }
    struct pagefile *pf = xcalloc(1, sizeof *pf);
    pf->fd = fd;
    pf->file_size = (uint64_t)sb.st_size;
    char *wal = xasprintf("%s-wal", path);
    pf->wal_fd = open(wal, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    free(wal);
    if (pf->file_size >= sizeof pf->head &&
        !read_all(fd, pf->head, sizeof pf->head, 0)) {
        enum ache_status st = ache_fail(err, ACHE_ERR_IO, "%s: %s", path,
                                        strerror(errno ? errno : EIO));
        store_pagefile_close(pf);
        return st;
    }
    find_layout(pf);
    judge_header(pf);
    *out = pf;
    return ACHE_OK;
}

void store_pagefile_close(struct pagefile *pf)
{
    if (!pf)
        return;
    close(pf->fd);
    if (pf->wal_fd >= 0)
        close(pf->wal_fd);
    drop_objects(pf);
    free(pf->wal_off);
    free(pf->bufs);
    free(pf->seen);
    free(pf->owner);
    free(pf->payload);
    free(pf);
}

const struct pf_header *store_pagefile_header(const struct pagefile *pf)
{
    return &pf->hdr;
}

const struct pf_object *store_pagefile_objects(const struct pagefile *pf,
                                               size_t *count)
{
    *count = pf->nobjs;
    return pf->objs;
}

const struct pf_object *store_pagefile_object(const struct pagefile *pf,
                                              const char *name)
{
    for (size_t i = 0; i < pf->nobjs; i++)
        if (strcmp(pf->objs[i].name, name) == 0)
            return &pf->objs[i];
    return NULL;
}

/* The free pages: trunk pages of the freelist and the pages they list. */
static void mark_free(struct pagefile *pf)
{
    unsigned char *page = level_buf(pf, 0);
    uint32_t trunk = be32(pf->head + 32);
    for (uint32_t hops = 0; trunk && trunk <= pf->npages &&
                            hops < pf->npages && !pf->owner[trunk];
         hops++) {
        pf->owner[trunk] = PF_FREE;
        if (!read_page(pf, trunk, page))
            return;
        uint32_t n = be32(page + 4);
        for (uint32_t i = 0; i < n && 8 + 4 * (i + 1) <= pf->usable; i++) {
            uint32_t leaf = be32(page + 8 + 4 * i);
            if (leaf && leaf <= pf->npages && !pf->owner[leaf])
                pf->owner[leaf] = PF_FREE;
        }
        trunk = be32(page);
    }
}

static void find_owners(struct pagefile *pf)
{
    pf->owner = xcalloc((size_t)pf->npages + 1, sizeof *pf->owner);
    struct pf_walk w;
    store_pagefile_walk(pf, 1, true, NULL, NULL, &w);
    for (size_t i = 0; i < pf->nobjs; i++)
        if (pf->objs[i].root > 1)
            store_pagefile_walk(pf, pf->objs[i].root,
                                strcmp(pf->objs[i].type, "table") == 0 &&
                                    !without_rowid(&pf->objs[i]),
                                NULL, NULL, &w);
    mark_free(pf);
}

uint32_t store_pagefile_owner(struct pagefile *pf, uint32_t page)
{
    if (!pf->owner)
        find_owners(pf);
    return page <= pf->npages && pf->owner[page] != PF_FREE ? pf->owner[page]
                                                            : 0;
}

size_t store_pagefile_orphans(struct pagefile *pf, uint32_t **pages)
{
    if (!pf->owner)
        find_owners(pf);
    size_t n = 0;
    *pages = NULL;
    unsigned char *page = level_buf(pf, 0);
    for (uint32_t p = 2; p <= pf->npages; p++) {
        if (pf->owner[p] || !read_page(pf, p, page))
            continue;
        unsigned type = page[0];
        if (type != PAGE_TABLE_LEAF && type != PAGE_INDEX_LEAF &&
            type != PAGE_INDEX_INTERIOR)
            continue;
        *pages = xrealloc(*pages, (n + 1) * sizeof **pages);
        (*pages)[n++] = p;
    }
    return n;
}

int store_pagefile_page_kind(struct pagefile *pf, uint32_t pgno)
{
    unsigned char *page = level_buf(pf, 0);
    if (!read_page(pf, pgno, page))
        return 0;
    unsigned type = page[pgno == 1 ? 100 : 0];
    return type == PAGE_TABLE_LEAF || type == PAGE_TABLE_INTERIOR ? 1
           : type == PAGE_INDEX_LEAF || type == PAGE_INDEX_INTERIOR ? 2
                                                                    : 0;
}

void store_pagefile_page(struct pagefile *pf, uint32_t pgno, bool table,
                         pf_record_fn fn, void *ctx, struct pf_walk *out)
{
    memset(out, 0, sizeof *out);
    memset(pf->seen, 0, (size_t)pf->npages + 1);
    struct walk_ctx w = {table, fn, ctx, out};
    struct bounds none = {false, false, 0, 0};
    unsigned char *page = level_buf(pf, 0);
    if (pgno == 0 || pgno > pf->npages || !read_page(pf, pgno, page)) {
        out->bad_pages++;
        return;
    }
    pf->seen[pgno] = 1;
    unsigned type = page[0];
    uint32_t ncell = be16(page + 3), first = type == PAGE_INDEX_INTERIOR
                                                 ? 12
                                                 : 8;
    bool ok = table ? type == PAGE_TABLE_LEAF
                    : type == PAGE_INDEX_LEAF || type == PAGE_INDEX_INTERIOR;
    if (!ok || first + 2 * ncell > pf->usable) {
        out->bad_pages++;
        return;
    }
    for (uint32_t i = 0; i < ncell; i++) {
        uint32_t at = be16(page + first + 2 * i);
        if (at < first + 2 * ncell || at + 4 > pf->usable) {
            out->bad_cells++;
            continue;
        }
        leaf_cell(pf, &w, page + at + (type == PAGE_INDEX_INTERIOR ? 4 : 0),
                  page + pf->usable, table, &none);
    }
}
