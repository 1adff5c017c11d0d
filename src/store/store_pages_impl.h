/* store_pages: a damaged diary read page by page, without SQLite.
 *
 * SQLite stops at the first damaged page it meets; recovering what can
 * still be read means going round it. This reads the file (and the
 * committed frames of its -wal file) as the SQLite file format describes
 * it: the header, then each b-tree from its root page, every page checked
 * before it is trusted. A page that fails a check is skipped with the
 * pages below it; a cell that fails is skipped alone. Nothing is written,
 * to the file or beside it. Only store_health.c, store_salvage.c and the tests use it.
 */
#ifndef ACHE_STORE_PAGES_IMPL_H
#define ACHE_STORE_PAGES_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/util.h"

struct pagefile;

/* What is wrong with the header (the first 100 bytes), as bits. */
enum pf_header_problem {
    PF_BAD_MAGIC = 1 << 0,      /* not "SQLite format 3\0" */
    PF_BAD_PAGE_SIZE = 1 << 1,  /* not a power of two 512-65536, or not
                                   the size the pages are */
    PF_BAD_VERSIONS = 1 << 2,   /* the read/write format bytes not 1 or 2 */
    PF_BAD_RESERVED = 1 << 3,   /* bytes reserved per page (ache: none) */
    PF_BAD_FRACTIONS = 1 << 4,  /* bytes 21-23 not 64, 32, 32 */
    PF_BAD_FORMAT = 1 << 5,     /* the schema format not 1-4 */
    PF_BAD_ENCODING = 1 << 6,   /* the text encoding not UTF-8 */
    PF_SHORT = 1 << 7,          /* the file ends before its last page */
};

/* The header as read, and what the pages turned out to be. */
struct pf_header {
    unsigned problems;       /* enum pf_header_problem bits */
    uint32_t page_size;      /* the size the pages are read at */
    uint32_t header_pages;   /* the pages the header (or the WAL) counts */
    uint32_t file_pages;     /* the whole pages the files hold */
    uint32_t header_page_size; /* what the header says (0: nonsense) */
    uint32_t encoding, schema_format, reserved;
    unsigned char versions[2], fractions[3];
    int64_t application_id, user_version;
    bool wal;                /* committed frames of a -wal file are read */
    bool sqlite;             /* the pages are a SQLite database's at all */
};

/* One row of the table of tables (sqlite_schema). */
struct pf_object {
    char *type, *name, *table, *sql;
    uint32_t root;
};

/* A value of a record: SQLite's datatypes (1 integer, 2 float, 3 text,
 * 4 blob, 5 null); text and blobs point into the record. */
struct pf_value {
    int type;
    int64_t i;
    double r;
    const char *p;
    size_t n;
};

#define PF_MAX_COLUMNS 32

/* A cell of a b-tree: a table's row (with its rowid) or an index entry. */
struct pf_record {
    int64_t rowid;        /* tables only */
    int ncols;            /* -1: a table's row that cannot be read */
    struct pf_value col[PF_MAX_COLUMNS];
};

/* What a walk met. */
struct pf_walk {
    size_t rows;      /* records given to the callback */
    size_t damaged;   /* table rows whose rowid can be read and content
                         cannot: given to the callback with ncols -1 */
    size_t bad_cells; /* cells on sound pages that could not be read */
    size_t bad_pages; /* pages that could not be read (with all below) */
};

typedef void (*pf_record_fn)(const struct pf_record *rec, void *ctx);

/* Opens path (and path-wal, when it holds committed frames) to read;
 * works out the page size when the header's is damaged. Fails only when
 * the file cannot be read at all. */
enum ache_status store_pagefile_open(const char *path, struct pagefile **out,
                                     struct ache_err *err);
void store_pagefile_close(struct pagefile *pf);
const struct pf_header *store_pagefile_header(const struct pagefile *pf);

/* The table of tables, as far as it can be read; *count objects. */
const struct pf_object *store_pagefile_objects(const struct pagefile *pf,
                                               size_t *count);
/* The object named name (NULL: none). */
const struct pf_object *store_pagefile_object(const struct pagefile *pf,
                                              const char *name);

/* Walks the b-tree rooted at root (a table's when `table`, else an
 * index's, which is also how a WITHOUT ROWID table is kept), giving each
 * record that can be read to fn. */
void store_pagefile_walk(struct pagefile *pf, uint32_t root, bool table,
                         pf_record_fn fn, void *ctx, struct pf_walk *out);

/* The b-tree page `page` belongs to: the root page of its tree (1 for
 * the table of tables), or 0 when no tree reaches it (free, or below a
 * damaged page). Walks every tree the first time it is asked. */
uint32_t store_pagefile_owner(struct pagefile *pf, uint32_t page);

/* The pages of b-trees that no tree reaches and that are not free: the
 * leaves (and interior index pages, whose cells are entries too) below a
 * damaged page. *pages (the caller frees it) gets them; returns how many. */
size_t store_pagefile_orphans(struct pagefile *pf, uint32_t **pages);
/* 1 for a table's b-tree page, 2 for an index's, 0 for neither. */
int store_pagefile_page_kind(struct pagefile *pf, uint32_t pgno);
/* Gives the records of one page (a leaf, or an interior index page's
 * entries) to fn, as store_pagefile_walk does, without going below it. */
void store_pagefile_page(struct pagefile *pf, uint32_t pgno, bool table,
                         pf_record_fn fn, void *ctx, struct pf_walk *out);

#endif
