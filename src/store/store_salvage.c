/* store_salvage: `ache recover`, what can still be read of a damaged diary
 * copied into a new one.
 *
 * The damaged file is read by store_pages.c, page by page, never by
 * SQLite (which stops at the first damaged page it meets). Where each
 * table keeps which column is learnt from the file's own CREATE
 * statements, run in a scratch database in memory, so that a diary of an
 * older schema is read as well. Each row must pass the checks an import
 * makes (checkin_validate, tag_name_check, stamps an export could write)
 * and find the rows it needs (a tag link its check-in and tag, a version
 * its change); it is written to the new diary, made by store_open, with
 * its number, in one transaction. The records of version 4 (fields, own
 * values, medicines, their periods and doses, and their history) are
 * checked column by column and then by the new diary's own CHECK
 * constraints; an own value also by its field's kind.
 *
 * A row is counted lost when something shows it was there: a cell of a
 * sound page whose content is bad, or an entry of an index (or a
 * reference from another row) for a row that cannot be read. Indexes
 * name the check-ins of a damaged page, by id, day and time, so that a
 * person knows which days to fill in again. Rows on a page that cannot be
 * read at all and that nothing else names cannot be counted; the pages
 * are.
 */
#include "store_impl.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/regions.h"
#include "ache/store.h"
#include "ache/tags.h"
#include "ache/text.h"
#include "ache/util.h"
#include "store_pages_impl.h"

enum { V_INT = 1, V_REAL = 2, V_TEXT = 3, V_BLOB = 4, V_NULL = 5 };

/* ---- sets of numbers ------------------------------------------------------ */

struct iset {
    int64_t *v;
    size_t n, cap;
    bool sorted;
};

static void iset_add(struct iset *s, int64_t x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
    s->sorted = false;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void iset_sort(struct iset *s)
{
    if (s->sorted)
        return;
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, cmp_i64);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (k == 0 || s->v[k - 1] != s->v[i])
            s->v[k++] = s->v[i];
    s->n = k;
    s->sorted = true;
}

static bool iset_has(struct iset *s, int64_t x)
{
    iset_sort(s);
    return s->n && bsearch(&x, s->v, s->n, sizeof *s->v, cmp_i64);
}

/* Adds x to a set kept sorted (cheap when numbers come in order, as a
 * table's rowids do); false when it was there. */
static bool iset_put(struct iset *s, int64_t x)
{
    iset_sort(s);
    if (s->n == 0 || s->v[s->n - 1] < x) {
        iset_add(s, x);
        s->sorted = true;
        return true;
    }
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (s->v[lo] == x)
        return false;
    iset_add(s, x);
    memmove(s->v + lo + 1, s->v + lo, (s->n - 1 - lo) * sizeof *s->v);
    s->v[lo] = x;
    s->sorted = true;
    return true;
}

static void iset_free(struct iset *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* ---- where a table keeps its columns ----------------------------------------- */

struct layout {
    bool found;
    uint32_t root;
    bool table; /* a rowid table's b-tree (else an index's) */
    int n;
    char *name[PF_MAX_COLUMNS];
    char type[PF_MAX_COLUMNS];  /* 'I'nteger, 'T'ext, 'R'eal or 'A'ny */
    bool notnull[PF_MAX_COLUMNS];
    int ipk; /* the column that is the rowid (-1: none) */
};

static void layout_free(struct layout *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->name[i]);
    memset(l, 0, sizeof *l);
}

static int layout_col(const struct layout *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (l->name[i] && strcmp(l->name[i], name) == 0)
            return i;
    return -1;
}

/* Runs one CREATE statement of the damaged file in the scratch database
 * (one statement only, and nothing runs but the CREATE). */
static void shadow_run(sqlite3 *db, const char *sql)
{
    if (!sql || (strncmp(sql, "CREATE TABLE", 12) != 0 &&
                 strncmp(sql, "CREATE INDEX", 12) != 0 &&
                 strncmp(sql, "CREATE UNIQUE INDEX", 19) != 0))
        return;
    sqlite3_stmt *s = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, &tail) == SQLITE_OK && tail &&
        tail[strspn(tail, " \t\r\n;")] == '\0')
        sqlite3_step(s);
    sqlite3_finalize(s);
}

static sqlite3 *shadow_open(struct pagefile *pf)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(":memory:", &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    size_t n = 0;
    const struct pf_object *o = store_pagefile_objects(pf, &n);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(o[i].type, pass ? "index" : "table") == 0 &&
                strncmp(o[i].name, "sqlite_", 7) != 0)
                shadow_run(db, o[i].sql);
    return db;
}

/* Reads the columns of a record as a pragma query lists them: name,
 * whether it is the rowid, declared type, NOT NULL. */
static bool layout_from(sqlite3 *db, const char *sql, const char *name,
                        const char *table, struct layout *l)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, table, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW && l->n < PF_MAX_COLUMNS) {
        const unsigned char *c = sqlite3_column_text(s, 0);
        const char *type = (const char *)sqlite3_column_text(s, 2);
        if (sqlite3_column_int(s, 1))
            l->ipk = l->n;
        l->type[l->n] = !type                  ? 'A'
                        : strstr(type, "INT")  ? 'I'
                        : strstr(type, "TEXT") ? 'T'
                        : strstr(type, "REAL") ? 'R'
                                               : 'A';
        l->notnull[l->n] = sqlite3_column_int(s, 3);
        l->name[l->n++] = xstrdup(c ? (const char *)c : "rowid");
    }
    sqlite3_finalize(s);
    return l->n > 0;
}

/* The layout of a table's records: a rowid table's columns in order (its
 * INTEGER PRIMARY KEY kept as the rowid); a WITHOUT ROWID table's key
 * first, as its primary key index lists them. */
static void learn_table(struct pagefile *pf, sqlite3 *db, const char *name,
                        struct layout *l)
{
    memset(l, 0, sizeof *l);
    l->ipk = -1;
    const struct pf_object *o = store_pagefile_object(pf, name);
    if (!o || strcmp(o->type, "table") != 0 || !db)
        return;
    sqlite3_stmt *s = NULL;
    bool wr = false;
    if (sqlite3_prepare_v2(db, "SELECT wr FROM pragma_table_list(?1)", -1,
                           &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_finalize(s);
            return; /* its CREATE statement did not run */
        }
        wr = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    l->root = o->root;
    l->table = !wr;
    /* a lone INTEGER primary key column of a rowid table is the rowid */
    l->found = layout_from(
        db,
        wr ? "SELECT x.name, 0, upper(t.type), t.\"notnull\""
             " FROM pragma_index_list(?1) i, pragma_index_xinfo(i.name) x"
             " JOIN pragma_table_xinfo(?1) t ON t.name = x.name"
             " WHERE i.origin = 'pk' ORDER BY x.seqno"
           : "SELECT name, pk = 1 AND upper(type) = 'INTEGER' AND"
             " (SELECT count(*) FROM pragma_table_xinfo(?1) WHERE pk) = 1,"
             " upper(type), \"notnull\" FROM pragma_table_xinfo(?1)"
             " ORDER BY cid",
        name, name, l);
}

static void learn_index(struct pagefile *pf, sqlite3 *db, const char *name,
                        struct layout *l)
{
    memset(l, 0, sizeof *l);
    l->ipk = -1;
    const struct pf_object *o = store_pagefile_object(pf, name);
    if (!o || strcmp(o->type, "index") != 0 || !db)
        return;
    l->root = o->root;
    /* the rowid at the end of a rowid table's index has no name */
    l->found = layout_from(db,
                           "SELECT x.name, 0, coalesce(upper(t.type),"
                           " 'INTEGER'), coalesce(t.\"notnull\", 1)"
                           " FROM pragma_index_xinfo(?1) x"
                           " LEFT JOIN pragma_table_xinfo(?2) t"
                           " ON t.name = x.name ORDER BY x.seqno",
                           name, o->table, l);
}

/* The value of the column `name` of rec (NULL when the table has no such
 * column: an older schema's). */
static const struct pf_value *get(const struct layout *l,
                                  const struct pf_record *rec,
                                  const char *name, struct pf_value *tmp)
{
    int i = layout_col(l, name);
    if (i < 0)
        return NULL;
    memset(tmp, 0, sizeof *tmp);
    if (i == l->ipk) {
        tmp->type = V_INT;
        tmp->i = rec->rowid;
        return tmp;
    }
    if (i >= rec->ncols) {
        tmp->type = V_NULL; /* a column added later: its default */
        return tmp;
    }
    return &rec->col[i];
}

/* ---- values as an import would take them ----------------------------------- */

static bool is_null(const struct pf_value *v)
{
    return !v || v->type == V_NULL;
}

/* A text value as a C string (NULL when it is no text, holds a NUL or is
 * not UTF-8). */
static char *text_value(const struct pf_value *v)
{
    if (!v || v->type != V_TEXT || memchr(v->p, '\0', v->n) ||
        !utf8_valid(v->p, v->n, NULL))
        return NULL;
    return xstrndup(v->p, v->n);
}

static bool stamp_ok(int64_t ms)
{
    int64_t lo = (int64_t)date_from_ymd(DATE_MIN_YEAR, 1, 1) * 86400000;
    int64_t hi = ((int64_t)date_from_ymd(DATE_MAX_YEAR, 12, 31) + 1) *
                     86400000 - 1;
    return ms >= lo && ms <= hi;
}

static enum ache_status stamp_value(const struct pf_value *v,
                                    const char *name, bool may_be_null,
                                    int64_t *out, struct ache_err *err)
{
    *out = 0;
    if (is_null(v) && may_be_null)
        return ACHE_OK;
    if (!v || v->type != V_INT || !stamp_ok(v->i))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: not a time (years %d-%d)", name, DATE_MIN_YEAR,
                         DATE_MAX_YEAR);
    *out = v->i;
    return ACHE_OK;
}

static enum ache_status int_value(const struct pf_value *v, const char *name,
                                  int64_t *out, struct ache_err *err)
{
    if (!v || v->type != V_INT)
        return ache_fail(err, ACHE_ERR_INVALID, "%s: not a whole number",
                         name);
    *out = v->i;
    return ACHE_OK;
}

static enum ache_status id_value(const struct pf_value *v,
                                 char out[CHECKIN_ID_LEN + 1],
                                 struct ache_err *err)
{
    if (!v || v->type != V_TEXT || v->n != CHECKIN_ID_LEN)
        return ache_fail(err, ACHE_ERR_INVALID, "id: not a check-in id");
    memcpy(out, v->p, CHECKIN_ID_LEN);
    out[CHECKIN_ID_LEN] = '\0';
    return checkin_id_valid(out) ? ACHE_OK
                                 : ache_fail(err, ACHE_ERR_INVALID,
                                             "id: not a check-in id");
}

/* A value of field f in steps (CHECKIN_ABSENT for NULL); sleep hours in
 * quarters of an hour. */
static enum ache_status field_value(const struct pf_value *v,
                                    enum checkin_field f, int *steps,
                                    struct ache_err *err)
{
    const struct field_info *fi = checkin_field_info(f);
    *steps = CHECKIN_ABSENT;
    if (is_null(v))
        return ACHE_OK;
    double x = v->type == V_INT ? (double)v->i : v->type == V_REAL ? v->r : -1;
    if (v->type != V_INT && !(fi->steps_per_unit > 1 && v->type == V_REAL))
        return ache_fail(err, ACHE_ERR_INVALID, "%s: not a number", fi->name);
    double s = x * fi->steps_per_unit;
    if (!(s >= 0 && s <= fi->max_steps))
        return ache_fail(err, ACHE_ERR_INVALID, "%s: %g is out of range 0-%d",
                         fi->name, x, fi->max_steps / fi->steps_per_unit);
    if (s != (double)(int)s)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: %g is not in steps of %g", fi->name, x,
                         1.0 / fi->steps_per_unit);
    *steps = (int)s;
    return ACHE_OK;
}

/* A version's tags and own values, kept as text. The own values must read
 * back as they were written ("8:3,11:1"): checkin_set_own_joined skips
 * what it cannot read, which would save a version that says less. */
static enum ache_status lists_of(const struct layout *l,
                                 const struct pf_record *rec,
                                 struct checkin *c, struct ache_err *err)
{
    struct pf_value tmp;
    const struct pf_value *v = get(l, rec, "tags", &tmp);
    char *tags = text_value(v);
    if (!is_null(v) && !tags)
        return ache_fail(err, ACHE_ERR_INVALID, "tags: not a text");
    if (tags)
        checkin_set_tags_joined(c, tags, ',');
    free(tags);
    v = get(l, rec, "own", &tmp);
    char *own = text_value(v);
    if (!is_null(v) && !own)
        return ache_fail(err, ACHE_ERR_INVALID, "own: not a text");
    struct strbuf back = {0};
    strbuf_append(&back, "");
    if (own) {
        checkin_set_own_joined(c, own);
        checkin_own_format(c, &back);
    }
    bool same = !own || strcmp(own, strbuf_str(&back)) == 0;
    free(own);
    strbuf_free(&back);
    if (!same)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "own: not the values of own fields ache keeps");
    for (size_t i = 0; i < c->nown; i++)
        if (!checkin_field_info((enum checkin_field)c->own[i].key))
            return ache_fail(err, ACHE_ERR_INVALID, "their field was lost");
    return ACHE_OK;
}

/* The content of a check-in or an earlier version: date, time, values,
 * regions, note and (a version's) tags as a check-in, validated as an
 * import validates one. A missing date is allowed (`date_needed` false):
 * a version keeps only the parts it changed. */
static enum ache_status content_of(const struct layout *l,
                                   const struct pf_record *rec,
                                   bool date_needed, struct checkin *c,
                                   struct ache_err *err)
{
    struct pf_value tmp;
    const struct pf_value *v = get(l, rec, "date", &tmp);
    char *text = text_value(v);
    bool bad = text ? !date_parse_iso(text, &c->date) : !is_null(v) ||
                                                           date_needed;
    free(text);
    if (bad)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "date: not a date (YYYY-MM-DD)");
    v = get(l, rec, "time", &tmp);
    text = text_value(v);
    bad = text ? !time_parse(text, &c->minute) : !is_null(v);
    free(text);
    if (bad)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "time: not a time of day (HH:MM)");
    for (int f = 0; f < CF_COUNT; f++)
        if (field_value(get(l, rec,
                            checkin_field_info((enum checkin_field)f)->name,
                            &tmp),
                        (enum checkin_field)f, &c->value[f], err))
            return ACHE_ERR_INVALID;
    v = get(l, rec, "regions", &tmp);
    if (!is_null(v) && (v->type != V_INT || v->i < 0 || v->i > REGION_ALL))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "regions: not a set of the 19 regions");
    c->regions = is_null(v) ? 0 : (region_set)v->i;
    v = get(l, rec, "note", &tmp);
    if (!is_null(v)) {
        if (v->type != V_TEXT || memchr(v->p, '\0', v->n))
            return ache_fail(err, ACHE_ERR_INVALID, "note: not a text");
        char *note = xstrndup(v->p, v->n);
        checkin_set_note(c, note);
        free(note);
    }
    if (lists_of(l, rec, c, err))
        return ACHE_ERR_INVALID;
    return checkin_validate(c, err);
}

/* ---- the recovery ---------------------------------------------------------------- */

/* The kinds of rows of version 4, which have tables of their own to
 * read (enum store_rows lists them last). */
#define SR_NEW (STORE_ROWS_COUNT - STORE_ROWS_FIELDS)

/* A reason rows were lost, and how many. */
struct reason {
    char *text;
    size_t count;
};

/* A check-in known to have been there and not saved. */
struct lost_checkin {
    int64_t n;
    char id[CHECKIN_ID_LEN + 1];
    ache_day date;
    int minute;
    bool has_date;
    char *why; /* NULL: its row cannot be read */
};

/* An entry of an index of the check-ins: what it tells of one. */
struct known_checkin {
    int64_t n;
    char id[CHECKIN_ID_LEN + 1];
    ache_day date;
    int minute;
    bool has_date;
};

/* A key of a WITHOUT ROWID table: a link (n, tag) or a version (id,
 * change) or a removal (id); or a row's number, a. v: an own value's. */
struct key {
    int64_t a, b;
    char id[CHECKIN_ID_LEN + 1];
    int64_t v;
};

struct keys {
    struct key *v;
    size_t n, cap;
};

struct salvage {
    struct pagefile *pf;
    sqlite3 *shadow;
    struct store *out;
    sqlite3_stmt *ins;
    struct store_recovery *res;
    size_t saved[STORE_ROWS_COUNT], lost_rows[STORE_ROWS_COUNT];
    struct reason *reasons[STORE_ROWS_COUNT];
    size_t nreasons[STORE_ROWS_COUNT];
    struct lost_checkin *lost;
    size_t nlost, lost_cap;
    struct note {
        int rows;
        char *text;
    } *notes; /* what was saved otherwise than it was stored */
    size_t nnotes;
    struct iset changes;      /* saved */
    struct iset change_seen;  /* read from the table, saved or not */
    struct iset change_refs;  /* named by another row */
    struct iset checkins;     /* saved, by n */
    struct iset checkin_seen; /* read from the table, saved or not */
    struct known_checkin *known;
    size_t nknown, known_cap;
    struct saved_id {
        char id[CHECKIN_ID_LEN + 1];
        int64_t n;
    } *ids; /* saved */
    size_t nids, ids_cap;
    struct { int64_t old, now; } *tags; /* tag ids, old to new */
    size_t ntags, tags_cap;
    struct keys link_keys, version_keys, version_seen, removal_keys,
        removal_seen;
    struct keys value_keys; /* own values: (checkin, field), v */
    /* rows of the tables of version 4, by key (a row's number, or a
     * version's (change, id), a removal's id): read from the table, named
     * by an index or another row, and saved (by number) */
    struct keys seen[SR_NEW], named[SR_NEW];
    struct iset kept[SR_NEW];
    const struct record_table *table; /* the one being read */
    struct orphan {
        uint32_t page;
        char *table;
    } *orphans; /* pages below a damaged page, and their table */
    size_t norphans;
    struct layout l; /* the table being read */
    struct layout ix;
    enum ache_status status;
    struct ache_err *err;
    const char *doing;
};

static void lose(struct salvage *sv, int rows, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void lose(struct salvage *sv, int rows, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct strbuf why = {0};
    strbuf_vprintf(&why, fmt, ap);
    va_end(ap);
    sv->lost_rows[rows]++;
    for (size_t i = 0; i < sv->nreasons[rows]; i++)
        if (strcmp(sv->reasons[rows][i].text, strbuf_str(&why)) == 0) {
            sv->reasons[rows][i].count++;
            strbuf_free(&why);
            return;
        }
    sv->reasons[rows] = xrealloc(sv->reasons[rows], (sv->nreasons[rows] + 1) *
                                                        sizeof **sv->reasons);
    sv->reasons[rows][sv->nreasons[rows]++] =
        (struct reason){strbuf_take(&why), 1};
}

static void note(struct salvage *sv, int rows, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note(struct salvage *sv, int rows, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct strbuf text = {0};
    strbuf_vprintf(&text, fmt, ap);
    va_end(ap);
    sv->notes = xrealloc(sv->notes, (sv->nnotes + 1) * sizeof *sv->notes);
    sv->notes[sv->nnotes++] = (struct note){rows, strbuf_take(&text)};
}

static void lose_checkin(struct salvage *sv, int64_t n, const char *id,
                         const struct checkin *c, const char *why)
{
    if (sv->nlost == sv->lost_cap) {
        sv->lost_cap = sv->lost_cap ? sv->lost_cap * 2 : 64;
        sv->lost = xrealloc(sv->lost, sv->lost_cap * sizeof *sv->lost);
    }
    struct lost_checkin *l = &sv->lost[sv->nlost++];
    memset(l, 0, sizeof *l);
    l->n = n;
    snprintf(l->id, sizeof l->id, "%s", id ? id : "");
    l->minute = CHECKIN_TIME_ABSENT;
    if (c && c->date) {
        l->date = c->date;
        l->minute = c->minute;
        l->has_date = true;
    }
    l->why = why ? xstrdup(why) : NULL;
    sv->lost_rows[STORE_ROWS_CHECKINS]++;
}

/* Runs the insert prepared in sv->ins; a failure stops the recovery. */
static bool insert_row(struct salvage *sv)
{
    int rc = sqlite3_step(sv->ins);
    sqlite3_reset(sv->ins);
    sqlite3_clear_bindings(sv->ins);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    if (!sv->status)
        sv->status = store_db_fail(sv->out, rc, sv->err, sv->doing);
    return false;
}

static bool prepare(struct salvage *sv, const char *sql, const char *doing)
{
    sqlite3_finalize(sv->ins);
    sv->ins = NULL;
    sv->doing = doing;
    int rc = sqlite3_prepare_v2(sv->out->db, sql, -1, &sv->ins, NULL);
    if (rc != SQLITE_OK && !sv->status)
        sv->status = store_db_fail(sv->out, rc, sv->err, doing);
    return rc == SQLITE_OK;
}

static void bind_value(sqlite3_stmt *s, int i, const struct pf_value *v)
{
    if (is_null(v))
        sqlite3_bind_null(s, i);
    else if (v->type == V_INT)
        sqlite3_bind_int64(s, i, v->i);
    else if (v->type == V_REAL)
        sqlite3_bind_double(s, i, v->r);
    else if (v->type == V_TEXT)
        sqlite3_bind_text(s, i, v->p, (int)v->n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_blob(s, i, v->p, (int)v->n, SQLITE_TRANSIENT);
}

/* Walks the table `name` (its layout into sv->l), giving fn its rows; the
 * pages and cells that cannot be read at all are counted. */
static void read_table(struct salvage *sv, const char *name, pf_record_fn fn)
{
    layout_free(&sv->l);
    learn_table(sv->pf, sv->shadow, name, &sv->l);
    if (!sv->l.found)
        return;
    struct pf_walk w;
    store_pagefile_walk(sv->pf, sv->l.root, sv->l.table, fn, sv, &w);
    sv->res->unread_pages += w.bad_pages + w.bad_cells;
    for (size_t i = 0; i < sv->norphans; i++)
        if (strcmp(sv->orphans[i].table, name) == 0) {
            store_pagefile_page(sv->pf, sv->orphans[i].page, sv->l.table, fn,
                                sv, &w);
            sv->res->unread_pages += w.bad_cells;
        }
}

/* ---- pages below a damaged page ---- */

/* Whether rec has the shape of l's records: as many columns, each of its
 * declared type, none missing that must be there. */
static bool record_fits(const struct layout *l, const struct pf_record *rec)
{
    if (rec->ncols != l->n)
        return false;
    for (int i = 0; i < l->n; i++) {
        int t = rec->col[i].type;
        if (i == l->ipk) {
            if (t != V_NULL)
                return false;
        } else if (t == V_NULL) {
            if (l->notnull[i])
                return false;
        } else if ((l->type[i] == 'I' && t != V_INT) ||
                   (l->type[i] == 'T' && t != V_TEXT) ||
                   (l->type[i] == 'R' && t != V_INT && t != V_REAL)) {
            return false;
        }
    }
    return true;
}

struct peek {
    const struct layout *l;
    bool fits;
};

static void peek_record(const struct pf_record *rec, void *arg)
{
    struct peek *p = arg;
    if (rec->ncols >= 0 && !record_fits(p->l, rec))
        p->fits = false;
}

/* Finds the table of each page that no tree reaches (its parent page is
 * damaged): the one table whose records all its records fit, when no
 * index's fit too. */
static void find_orphans(struct salvage *sv)
{
    uint32_t *pages = NULL;
    size_t n = store_pagefile_orphans(sv->pf, &pages), count = 0;
    if (!n)
        return;
    const struct pf_object *o = store_pagefile_objects(sv->pf, &count);
    struct layout *ls = xcalloc(count, sizeof *ls);
    for (size_t i = 0; i < count; i++) {
        if (strncmp(o[i].name, "sqlite_", 7) == 0 &&
            strcmp(o[i].type, "table") == 0)
            continue;
        if (strcmp(o[i].type, "table") == 0)
            learn_table(sv->pf, sv->shadow, o[i].name, &ls[i]);
        else
            learn_index(sv->pf, sv->shadow, o[i].name, &ls[i]);
    }
    for (size_t p = 0; p < n; p++) {
        bool table_page = store_pagefile_page_kind(sv->pf, pages[p]) == 1;
        size_t fits = 0, which = 0;
        for (size_t i = 0; i < count; i++) {
            /* a rowid table's page, or an index's (WITHOUT ROWID tables
             * are kept as indexes are) */
            bool rowid = ls[i].found && ls[i].table &&
                         strcmp(o[i].type, "table") == 0;
            if (!ls[i].found || rowid != table_page)
                continue;
            struct peek pk = {&ls[i], true};
            struct pf_walk w;
            store_pagefile_page(sv->pf, pages[p], table_page, peek_record, &pk,
                                &w);
            if (pk.fits && w.rows) {
                fits++;
                which = i;
            }
        }
        if (fits != 1 || strcmp(o[which].type, "table") != 0)
            continue;
        sv->orphans = xrealloc(sv->orphans,
                               (sv->norphans + 1) * sizeof *sv->orphans);
        sv->orphans[sv->norphans].page = pages[p];
        sv->orphans[sv->norphans++].table = xstrdup(o[which].name);
    }
    for (size_t i = 0; i < count; i++)
        layout_free(&ls[i]);
    free(ls);
    free(pages);
}

/* Walks every index of table `table` (the layout of each into sv->ix). */
static void read_indexes(struct salvage *sv, const char *table,
                         pf_record_fn fn)
{
    size_t n = 0;
    const struct pf_object *o = store_pagefile_objects(sv->pf, &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(o[i].type, "index") != 0 || strcmp(o[i].table, table) != 0)
            continue;
        layout_free(&sv->ix);
        learn_index(sv->pf, sv->shadow, o[i].name, &sv->ix);
        if (!sv->ix.found)
            continue;
        struct pf_walk w;
        store_pagefile_walk(sv->pf, sv->ix.root, false, fn, sv, &w);
    }
}

/* ---- changes ---- */

/* A source is one the store writes: the store's own list, so that a
 * command added later (fields, meds, took) is never taken for damage and
 * its changes, with the versions that need them, lost. */
static bool source_known(const struct pf_value *source)
{
    if (!source || source->type != V_TEXT)
        return false;
    for (int i = 0; i < STORE_SOURCE_COUNT; i++) {
        const char *name = store_source_name((enum store_source)i);
        if (strlen(name) == source->n && memcmp(name, source->p, source->n) == 0)
            return true;
    }
    return false;
}

static void take_change(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    if (rec->ncols < 0) {
        if (iset_put(&sv->change_seen, rec->rowid))
            lose(sv, STORE_ROWS_CHANGES, "their content cannot be read");
        return;
    }
    const struct layout *l = &sv->l;
    struct pf_value t1, t2, t3, t4, t5;
    const struct pf_value *n = get(l, rec, "n", &t1),
                          *at = get(l, rec, "at", &t2),
                          *source = get(l, rec, "source", &t3),
                          *detail = get(l, rec, "detail", &t4),
                          *undoes = get(l, rec, "undoes", &t5);
    int64_t num = rec->rowid, when;
    struct ache_err err = {{0}};
    if (sv->status || !n || !iset_put(&sv->change_seen, num))
        return;
    if (!is_null(undoes) && undoes->type == V_INT)
        iset_add(&sv->change_refs, undoes->i);
    char *text = is_null(detail) ? NULL : text_value(detail);
    if (stamp_value(at, "at", false, &when, &err)) {
    } else if (!source_known(source)) {
        ache_fail(&err, ACHE_ERR_INVALID, "source: not one ache writes");
    } else if (!is_null(detail) && (!text || detail->n > 4096)) {
        ache_fail(&err, ACHE_ERR_INVALID,
                  "detail: not a text of at most 4096 bytes");
    } else if (!is_null(undoes) && undoes->type != V_INT) {
        ache_fail(&err, ACHE_ERR_INVALID, "undoes: not a change's number");
    }
    free(text);
    if (err.msg[0]) {
        lose(sv, STORE_ROWS_CHANGES, "%s", err.msg);
        return;
    }
    sqlite3_bind_int64(sv->ins, 1, num);
    sqlite3_bind_int64(sv->ins, 2, when);
    bind_value(sv->ins, 3, source);
    bind_value(sv->ins, 4, detail);
    bind_value(sv->ins, 5, undoes);
    if (insert_row(sv)) {
        iset_put(&sv->changes, num);
        sv->saved[STORE_ROWS_CHANGES]++;
    }
}

/* An undo of a change that is lost undoes nothing known. */
static void save_changes(struct salvage *sv)
{
    if (!prepare(sv,
                 "INSERT INTO change (n, at, source, detail, undoes)"
                 " VALUES (?1, ?2, ?3, ?4, ?5)",
                 "saving a change"))
        return;
    read_table(sv, "change", take_change);
    if (sv->status)
        return;
    iset_sort(&sv->changes);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(sv->out->db,
                                "UPDATE change SET undoes = NULL WHERE"
                                " undoes NOT IN (SELECT n FROM change)",
                                -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        sv->status = store_db_fail(sv->out, rc, sv->err, "saving the changes");
}

/* ---- tags ---- */

static int64_t tag_now(struct salvage *sv, int64_t old)
{
    for (size_t i = 0; i < sv->ntags; i++)
        if (sv->tags[i].old == old)
            return sv->tags[i].now;
    return 0;
}

/* Saves a tag (name, kind, and its record id when version 5's row gives
 * one, so that its history still names it), or, with kind NULL, keeps the
 * kind the new diary's catalogue gives it ("other" when it has none). */
static void save_tag(struct salvage *sv, int64_t old, const char *name,
                     const char *kind, const char *uid)
{
    sqlite3_bind_text(sv->ins, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(sv->ins, 2, kind ? kind : "other", -1, SQLITE_STATIC);
    sqlite3_bind_int(sv->ins, 3, kind != NULL);
    if (uid && checkin_id_valid(uid))
        sqlite3_bind_text(sv->ins, 4, uid, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(sv->ins);
    int64_t now = rc == SQLITE_ROW ? sqlite3_column_int64(sv->ins, 0) : 0;
    const char *saved = rc == SQLITE_ROW
                            ? (const char *)sqlite3_column_text(sv->ins, 1)
                            : NULL;
    char *saved_kind = saved ? xstrdup(saved) : NULL;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(sv->ins);
    sqlite3_reset(sv->ins);
    sqlite3_clear_bindings(sv->ins);
    if (rc != SQLITE_DONE) {
        free(saved_kind);
        sv->status = store_db_fail(sv->out, rc, sv->err, "saving a tag");
        return;
    }
    if (sv->ntags == sv->tags_cap) {
        sv->tags_cap = sv->tags_cap ? sv->tags_cap * 2 : 64;
        sv->tags = xrealloc(sv->tags, sv->tags_cap * sizeof *sv->tags);
    }
    sv->tags[sv->ntags].old = old;
    sv->tags[sv->ntags++].now = now;
    sv->saved[STORE_ROWS_TAGS]++;
    if (!kind)
        note(sv, STORE_ROWS_TAGS,
             "tag '%s': its kind cannot be read; saved as %s", name,
             saved_kind ? saved_kind : "other");
    free(saved_kind);
}

static void take_tag(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    if (rec->ncols < 0) {
        lose(sv, STORE_ROWS_TAGS, "their content cannot be read");
        return;
    }
    struct pf_value t1, t2, t3;
    char *name = text_value(get(&sv->l, rec, "name", &t1));
    char *kind = text_value(get(&sv->l, rec, "kind", &t2));
    const struct pf_value *uid_value = get(&sv->l, rec, "uid", &t3);
    char *uid = uid_value ? text_value(uid_value) : NULL;
    enum tag_kind k;
    struct ache_err err = {{0}};
    if (sv->status || tag_now(sv, rec->rowid)) {
    } else if (!name) {
        lose(sv, STORE_ROWS_TAGS, "name: not a text");
    } else if (tag_name_check(name, &err)) {
        lose(sv, STORE_ROWS_TAGS, "%s", err.msg);
    } else if (!kind || !tag_kind_parse(kind, &k)) {
        lose(sv, STORE_ROWS_TAGS,
             "kind: not trigger, treatment or other");
    } else {
        save_tag(sv, rec->rowid, name, kind, uid);
    }
    free(name);
    free(kind);
    free(uid);
}

/* A tag its index names and whose row cannot be read: its name is what
 * its links need. */
static void take_tag_entry(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    int name_at = layout_col(&sv->ix, "name"), id_at = layout_col(&sv->ix,
                                                                  "rowid");
    if (sv->status || name_at < 0 || id_at < 0 || id_at >= rec->ncols ||
        rec->col[id_at].type != V_INT || tag_now(sv, rec->col[id_at].i))
        return;
    char *name = name_at < rec->ncols ? text_value(&rec->col[name_at]) : NULL;
    struct ache_err err;
    if (name && !tag_name_check(name, &err))
        save_tag(sv, rec->col[id_at].i, name, NULL, NULL);
    free(name);
}

static void save_tags(struct salvage *sv)
{
    if (!prepare(sv,
                 "INSERT INTO tag (name, kind, uid) VALUES (?1, ?2,"
                 " coalesce(?4, lower(hex(randomblob(16)))))"
                 " ON CONFLICT (name) DO UPDATE SET"
                 " kind = CASE WHEN ?3 THEN excluded.kind ELSE kind END,"
                 " uid = coalesce(?4, uid)"
                 " RETURNING id, kind",
                 "saving a tag"))
        return;
    read_table(sv, "tag", take_tag);
    read_indexes(sv, "tag", take_tag_entry);
}

/* ---- check-ins ---- */

static int cmp_known(const void *a, const void *b)
{
    const struct known_checkin *x = a, *y = b;
    return (x->n > y->n) - (x->n < y->n);
}

static const struct known_checkin *known_of(struct salvage *sv, int64_t n)
{
    struct known_checkin key = {.n = n};
    return sv->nknown ? bsearch(&key, sv->known, sv->nknown, sizeof key,
                                cmp_known)
                      : NULL;
}

/* What an index of the check-ins tells of one. */
static void take_checkin_entry(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    const struct layout *l = &sv->ix;
    int at = layout_col(l, "rowid");
    if (at < 0)
        at = layout_col(l, "n");
    if (at < 0 || at >= rec->ncols || rec->col[at].type != V_INT)
        return;
    if (sv->nknown == sv->known_cap) {
        sv->known_cap = sv->known_cap ? sv->known_cap * 2 : 256;
        sv->known = xrealloc(sv->known, sv->known_cap * sizeof *sv->known);
    }
    struct known_checkin *k = &sv->known[sv->nknown++];
    memset(k, 0, sizeof *k);
    k->n = rec->col[at].i;
    k->minute = CHECKIN_TIME_ABSENT;
    struct pf_value tmp;
    struct ache_err err;
    if (id_value(get(l, rec, "id", &tmp), k->id, &err))
        k->id[0] = '\0';
    char *date = text_value(get(l, rec, "date", &tmp));
    char *time = text_value(get(l, rec, "time", &tmp));
    if (date && date_parse_iso(date, &k->date)) {
        k->has_date = true;
        if (!time || !time_parse(time, &k->minute))
            k->minute = CHECKIN_TIME_ABSENT;
    }
    free(date);
    free(time);
}

/* Merges the entries of the indexes: one per check-in, with all they
 * tell. */
static void merge_known(struct salvage *sv)
{
    if (sv->nknown)
        qsort(sv->known, sv->nknown, sizeof *sv->known, cmp_known);
    size_t k = 0;
    for (size_t i = 0; i < sv->nknown; i++) {
        struct known_checkin *e = &sv->known[i];
        if (k && sv->known[k - 1].n == e->n) {
            struct known_checkin *m = &sv->known[k - 1];
            if (!m->id[0])
                memcpy(m->id, e->id, sizeof m->id);
            if (!m->has_date && e->has_date) {
                m->date = e->date;
                m->has_date = true;
            }
            if (m->minute == CHECKIN_TIME_ABSENT)
                m->minute = e->minute;
        } else {
            sv->known[k++] = *e;
        }
    }
    sv->nknown = k;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(a, b); /* the id is the first member */
}

/* The number of the saved check-in id (sv->ids sorted once they are all
 * saved). */
static bool id_saved(struct salvage *sv, const char *id, int64_t *n)
{
    char key[sizeof sv->ids->id + sizeof(int64_t)];
    snprintf(key, sizeof sv->ids->id, "%s", id);
    const void *hit = sv->nids ? bsearch(key, sv->ids, sv->nids,
                                         sizeof *sv->ids, cmp_id)
                               : NULL;
    if (hit && n)
        memcpy(n, (const char *)hit + offsetof(struct saved_id, n),
               sizeof *n);
    return hit != NULL;
}

static void take_checkin(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    const struct layout *l = &sv->l;
    int64_t n = rec->rowid;
    if (sv->status || !iset_put(&sv->checkin_seen, n))
        return;
    struct checkin c;
    checkin_init(&c, 0);
    struct ache_err err = {{0}};
    struct pf_value tmp;
    char id[CHECKIN_ID_LEN + 1] = "";
    int64_t rev = 1, change = 0;
    const struct pf_value *v;
    bool id_ok = !id_value(get(l, rec, "id", &tmp), id, &err);
    if (!id_ok) {
        id[0] = '\0';
    } else if (content_of(l, rec, true, &c, &err)) {
    } else if (stamp_value(get(l, rec, "created_at", &tmp), "created_at",
                           true, &c.created_at, &err) ||
               stamp_value(get(l, rec, "updated_at", &tmp), "updated_at",
                           false, &c.updated_at, &err)) {
    } else if ((v = get(l, rec, "rev", &tmp)) != NULL &&
               (int_value(v, "rev", &rev, &err) ||
                (rev < 1 && ache_fail(&err, ACHE_ERR_INVALID,
                                      "rev: %lld is below 1",
                                      (long long)rev)))) {
    } else if ((v = get(l, rec, "change", &tmp)) != NULL && !is_null(v) &&
               int_value(v, "change", &change, &err)) {
    }
    if (err.msg[0]) {
        lose_checkin(sv, n, id, &c, err.msg);
        checkin_free(&c);
        return;
    }
    if (change)
        iset_add(&sv->change_refs, change);
    memcpy(c.id, id, sizeof c.id);
    c.rev = rev;
    struct store_texts texts;
    store_bind_parts(sv->ins, &c, CHECKIN_ALL_PARTS, &texts);
    if (change && iset_has(&sv->changes, change))
        sqlite3_bind_int64(sv->ins, STORE_COL_CHANGE + 1, change);
    sqlite3_bind_int64(sv->ins, STORE_COL_CHANGE + 2, n);
    int rc = sqlite3_step(sv->ins);
    sqlite3_reset(sv->ins);
    sqlite3_clear_bindings(sv->ins);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        lose_checkin(sv, n, id, &c,
                     "another check-in with the same id is saved");
    } else if (rc != SQLITE_DONE) {
        sv->status = store_db_fail(sv->out, rc, sv->err, sv->doing);
    } else {
        iset_put(&sv->checkins, n);
        if (sv->nids == sv->ids_cap) {
            sv->ids_cap = sv->ids_cap ? sv->ids_cap * 2 : 256;
            sv->ids = xrealloc(sv->ids, sv->ids_cap * sizeof *sv->ids);
        }
        memcpy(sv->ids[sv->nids].id, id, sizeof id);
        sv->ids[sv->nids++].n = n;
        sv->saved[STORE_ROWS_CHECKINS]++;
    }
    checkin_free(&c);
}

/* A cell of a sound page whose content cannot be read: the check-in its
 * rowid names is lost. */
static void take_damaged_checkin(struct salvage *sv, int64_t n)
{
    if (iset_put(&sv->checkin_seen, n))
        lose_checkin(sv, n, NULL, NULL, "its content cannot be read");
}

static void take_checkin_or_damage(const struct pf_record *rec, void *arg)
{
    if (rec->ncols < 0)
        take_damaged_checkin(arg, rec->rowid);
    else
        take_checkin(rec, arg);
}

static void save_checkins(struct salvage *sv)
{
    read_indexes(sv, "checkin", take_checkin_entry);
    merge_known(sv);
    /* store_bind_parts binds the columns of enum store_col from 1, then
     * the change and the number */
    if (!prepare(sv,
                 "INSERT INTO checkin (id, date, time, pain, fatigue,"
                 " sleep_quality, sleep_hours, stiffness, fog, mood, activity,"
                 " regions, note, created_at, updated_at, rev, change, n)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                 " ?13, ?14, ?15, ?16, ?17, ?18)",
                 "saving a check-in"))
        return;
    read_table(sv, "checkin", take_checkin_or_damage);
    if (sv->nids)
        qsort(sv->ids, sv->nids, sizeof *sv->ids, cmp_id);
    for (size_t i = 0; i < sv->nknown; i++)
        if (!iset_has(&sv->checkin_seen, sv->known[i].n))
            lose_checkin(sv, sv->known[i].n, NULL, NULL, NULL);
    /* the indexes name what the row could not */
    for (size_t i = 0; i < sv->nlost; i++) {
        struct lost_checkin *l = &sv->lost[i];
        const struct known_checkin *k = known_of(sv, l->n);
        if (k && !l->id[0])
            memcpy(l->id, k->id, sizeof l->id);
        if (k && !l->has_date && k->has_date) {
            l->date = k->date;
            l->minute = k->minute;
            l->has_date = true;
        }
    }
}

/* ---- keys of WITHOUT ROWID tables ---- */

static int cmp_key(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    if (x->a != y->a)
        return (x->a > y->a) - (x->a < y->a);
    return (x->b > y->b) - (x->b < y->b);
}

static struct key *keys_add(struct keys *k, int64_t a, int64_t b,
                            const char *id)
{
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 256;
        k->v = xrealloc(k->v, k->cap * sizeof *k->v);
    }
    struct key *e = &k->v[k->n++];
    e->a = a;
    e->b = b;
    snprintf(e->id, sizeof e->id, "%s", id ? id : "");
    e->v = 0;
    return e;
}

static void keys_sort(struct keys *k)
{
    if (k->n)
        qsort(k->v, k->n, sizeof *k->v, cmp_key);
    size_t m = 0;
    for (size_t i = 0; i < k->n; i++)
        if (m == 0 || cmp_key(&k->v[m - 1], &k->v[i]))
            k->v[m++] = k->v[i];
    k->n = m;
}

static bool keys_has(const struct keys *k, int64_t a, int64_t b,
                     const char *id)
{
    struct key e = {a, b, "", 0};
    snprintf(e.id, sizeof e.id, "%s", id ? id : "");
    return k->n && bsearch(&e, k->v, k->n, sizeof e, cmp_key);
}

static void keys_free(struct keys *k)
{
    free(k->v);
    memset(k, 0, sizeof *k);
}

/* ---- tag links ---- */

/* A link from the table or its index: the check-in by its number (or, in
 * a schema 1 diary, by its id) and the tag. */
static void take_link_from(struct salvage *sv, const struct layout *l,
                           const struct pf_record *rec)
{
    struct pf_value t1, t2;
    const struct pf_value *c = get(l, rec, "checkin", &t1),
                          *tag = get(l, rec, "tag_id", &t2);
    if (!tag || tag->type != V_INT)
        return;
    int64_t n;
    if (c && c->type == V_INT) {
        keys_add(&sv->link_keys, c->i, tag->i, NULL);
        return;
    }
    char id[CHECKIN_ID_LEN + 1];
    struct ache_err err;
    c = get(l, rec, "checkin_id", &t1);
    if (!id_value(c, id, &err) && id_saved(sv, id, &n))
        keys_add(&sv->link_keys, n, tag->i, NULL);
    else if (l == &sv->l)
        lose(sv, STORE_ROWS_LINKS, "their check-in was lost");
}

static void take_link(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    if (rec->ncols >= 0)
        take_link_from(sv, &sv->l, rec);
}

static void take_link_entry(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    take_link_from(sv, &sv->ix, rec);
}

static void save_links(struct salvage *sv)
{
    read_table(sv, "checkin_tag", take_link);
    read_indexes(sv, "checkin_tag", take_link_entry);
    keys_sort(&sv->link_keys);
    if (!prepare(sv,
                 "INSERT OR IGNORE INTO checkin_tag (checkin, tag_id)"
                 " VALUES (?1, ?2)",
                 "saving a tag link"))
        return;
    for (size_t i = 0; !sv->status && i < sv->link_keys.n; i++) {
        const struct key *k = &sv->link_keys.v[i];
        int64_t tag = tag_now(sv, k->b);
        if (!iset_has(&sv->checkins, k->a)) {
            lose(sv, STORE_ROWS_LINKS, "their check-in was lost");
        } else if (!tag) {
            lose(sv, STORE_ROWS_LINKS, "their tag was lost");
        } else {
            sqlite3_bind_int64(sv->ins, 1, k->a);
            sqlite3_bind_int64(sv->ins, 2, tag);
            if (insert_row(sv)) {
                if (sqlite3_changes(sv->out->db))
                    sv->saved[STORE_ROWS_LINKS]++;
                else
                    lose(sv, STORE_ROWS_LINKS,
                         "their tag was saved under the name of another");
            }
        }
    }
}

/* ---- removals ---- */

static void take_removal(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    if (sv->status || rec->ncols < 0)
        return;
    struct pf_value t1, t2, t3;
    char id[CHECKIN_ID_LEN + 1] = "";
    int64_t at, change = 0;
    struct ache_err err = {{0}};
    if (id_value(get(&sv->l, rec, "id", &t1), id, &err)) {
        lose(sv, STORE_ROWS_REMOVALS, "%s", err.msg);
        return;
    }
    keys_add(&sv->removal_seen, 0, 0, id);
    if (stamp_value(get(&sv->l, rec, "deleted_at", &t2), "deleted_at", false,
                    &at, &err) ||
        int_value(get(&sv->l, rec, "change", &t3), "change", &change, &err)) {
        lose(sv, STORE_ROWS_REMOVALS, "%s", err.msg);
        return;
    }
    iset_add(&sv->change_refs, change);
    /* its removal kept the check-in whole, as an earlier version */
    keys_add(&sv->version_keys, change, 0, id);
    if (!iset_has(&sv->changes, change)) {
        lose(sv, STORE_ROWS_REMOVALS, "their change was lost");
        return;
    }
    sqlite3_bind_text(sv->ins, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(sv->ins, 2, at);
    sqlite3_bind_int64(sv->ins, 3, change);
    /* OR IGNORE: a key met twice in a damaged tree is saved once */
    if (insert_row(sv) && sqlite3_changes(sv->out->db))
        sv->saved[STORE_ROWS_REMOVALS]++;
}

static void take_removal_entry(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    struct pf_value t1, t2;
    char id[CHECKIN_ID_LEN + 1];
    struct ache_err err;
    const struct pf_value *change = get(&sv->ix, rec, "change", &t2);
    if (change && change->type == V_INT)
        iset_add(&sv->change_refs, change->i);
    if (!id_value(get(&sv->ix, rec, "id", &t1), id, &err))
        keys_add(&sv->removal_keys, 0, 0, id);
}

static void save_removals(struct salvage *sv)
{
    if (!prepare(sv,
                 "INSERT OR IGNORE INTO checkin_deleted (id, deleted_at,"
                 " change) VALUES (?1, ?2, ?3)",
                 "saving a removal"))
        return;
    read_table(sv, "checkin_deleted", take_removal);
    read_indexes(sv, "checkin_deleted", take_removal_entry);
    keys_sort(&sv->removal_keys);
    keys_sort(&sv->removal_seen);
    for (size_t i = 0; i < sv->removal_keys.n; i++)
        if (!keys_has(&sv->removal_seen, 0, 0, sv->removal_keys.v[i].id))
            lose(sv, STORE_ROWS_REMOVALS, "their row cannot be read");
}

/* ---- earlier versions ---- */

static const char *const version_cols[] = {
    "id",          "change",    "parts",      "made_by",    "date",
    "time",        "pain",      "fatigue",    "sleep_quality",
    "sleep_hours", "stiffness", "fog",        "mood",       "activity",
    "note",        "regions",   "tags",       "own",        "created_at",
    "updated_at",  "rev"};
#define VERSION_COLS (sizeof version_cols / sizeof version_cols[0])
enum { VC_ID, VC_CHANGE, VC_PARTS, VC_MADE_BY, VC_OWN = 17, VC_CREATED,
       VC_UPDATED, VC_REV };
_Static_assert(VERSION_COLS == VC_REV + 1, "a VC_ for each column");

/* A version's parts as version 4 has them. Before it (a table without
 * own values) a removal was 8192, which is now the own part: a removal
 * is 16384, and keeps the own part (it kept the check-in whole). */
static enum ache_status version_parts(const struct salvage *sv,
                                      const struct pf_value *v,
                                      int64_t *parts, struct ache_err *err)
{
    bool v4 = layout_col(&sv->l, "own") >= 0;
    if (int_value(v, "parts", parts, err))
        return ACHE_ERR_INVALID;
    int64_t most = v4 ? STORE_PART_REMOVED | CHECKIN_ALL_PARTS : 16383;
    if (*parts < 1 || *parts > most)
        return ache_fail(err, ACHE_ERR_INVALID, "parts: %lld is out of range",
                         (long long)*parts);
    if (!v4 && *parts >= 8192)
        *parts |= STORE_PART_REMOVED;
    return ACHE_OK;
}

/* Checks a version's row; err says why it cannot be saved. *parts: as
 * version 4 has them. */
static void check_version(struct salvage *sv, const struct pf_record *rec,
                          const struct pf_value *const *v, int64_t change,
                          int64_t *parts, struct ache_err *err)
{
    int64_t made_by = 0, stamp, rev;
    struct checkin c;
    checkin_init(&c, 0);
    if (!is_null(v[VC_MADE_BY]) &&
        !int_value(v[VC_MADE_BY], "made_by", &made_by, err))
        iset_add(&sv->change_refs, made_by);
    if (version_parts(sv, v[VC_PARTS], parts, err) ||
        (!is_null(v[VC_MADE_BY]) &&
         int_value(v[VC_MADE_BY], "made_by", &made_by, err))) {
    } else if (content_of(&sv->l, rec, false, &c, err) ||
               stamp_value(v[VC_CREATED], "created_at", true, &stamp, err) ||
               stamp_value(v[VC_UPDATED], "updated_at", false, &stamp, err) ||
               int_value(v[VC_REV], "rev", &rev, err)) {
    } else if (!iset_has(&sv->changes, change)) {
        ache_fail(err, ACHE_ERR_INVALID, "their change was lost");
    }
    checkin_free(&c);
}

static void take_version(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    if (sv->status || rec->ncols < 0)
        return;
    struct pf_value tmp[VERSION_COLS];
    const struct pf_value *v[VERSION_COLS];
    for (size_t i = 0; i < VERSION_COLS; i++)
        v[i] = get(&sv->l, rec, version_cols[i], &tmp[i]);
    char id[CHECKIN_ID_LEN + 1] = "";
    int64_t change = 0;
    struct ache_err err = {{0}};
    if (id_value(v[VC_ID], id, &err) ||
        int_value(v[VC_CHANGE], "change", &change, &err)) {
        lose(sv, STORE_ROWS_VERSIONS, "%s", err.msg);
        return;
    }
    keys_add(&sv->version_seen, change, 0, id);
    iset_add(&sv->change_refs, change);
    int64_t parts = 0;
    check_version(sv, rec, v, change, &parts, &err);
    if (err.msg[0]) {
        lose(sv, STORE_ROWS_VERSIONS, "%s", err.msg);
        return;
    }
    for (size_t i = 0; i < VERSION_COLS; i++)
        bind_value(sv->ins, (int)i + 1, v[i]);
    sqlite3_bind_int64(sv->ins, VC_PARTS + 1, parts);
    if (!is_null(v[VC_MADE_BY]) && !iset_has(&sv->changes, v[VC_MADE_BY]->i))
        sqlite3_bind_null(sv->ins, VC_MADE_BY + 1);
    if (insert_row(sv) && sqlite3_changes(sv->out->db))
        sv->saved[STORE_ROWS_VERSIONS]++;
}

static void take_version_entry(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    struct pf_value t1, t2;
    char id[CHECKIN_ID_LEN + 1];
    struct ache_err err;
    const struct pf_value *change = get(&sv->ix, rec, "change", &t2);
    if (change && change->type == V_INT &&
        !id_value(get(&sv->ix, rec, "id", &t1), id, &err))
        keys_add(&sv->version_keys, change->i, 0, id);
}

static void save_versions(struct salvage *sv)
{
    struct strbuf sql = {0};
    strbuf_append(&sql, "INSERT OR IGNORE INTO checkin_version (");
    for (size_t i = 0; i < VERSION_COLS; i++)
        strbuf_printf(&sql, "%s%s", i ? ", " : "", version_cols[i]);
    strbuf_append(&sql, ") VALUES (");
    for (size_t i = 0; i < VERSION_COLS; i++)
        strbuf_printf(&sql, "%s?%zu", i ? ", " : "", i + 1);
    strbuf_append(&sql, ")");
    bool ok = prepare(sv, strbuf_str(&sql), "saving an earlier version");
    strbuf_free(&sql);
    if (!ok)
        return;
    read_table(sv, "checkin_version", take_version);
    read_indexes(sv, "checkin_version", take_version_entry);
    keys_sort(&sv->version_keys);
    keys_sort(&sv->version_seen);
    for (size_t i = 0; i < sv->version_keys.n; i++) {
        const struct key *k = &sv->version_keys.v[i];
        if (!keys_has(&sv->version_seen, k->a, 0, k->id))
            lose(sv, STORE_ROWS_VERSIONS, "their row cannot be read");
    }
}

/* ---- the records of version 4 ---- */

/* What a column must hold for its row to be saved. The new diary's CHECK
 * constraints judge the rest (ranges, lengths, the words a kind may be):
 * a row they refuse is lost, said by the column they name. */
enum col_rule {
    CR_INT,
    CR_NUMBER, /* whole or not */
    CR_TEXT,   /* UTF-8 */
    CR_ID,     /* 32 lowercase hexadecimal digits */
    CR_DATE,   /* YYYY-MM-DD */
    CR_TIME,   /* HH:MM */
    CR_STAMP,  /* a time in the years ache knows */
    CR_CHANGE, /* a change's number: NULL in its place when it is lost */
    CR_MED,    /* a saved medicine's number */
};
#define CR_NULL 0x100 /* or NULL */
#define CR_RULE(r) ((r) & 0xff)

struct col_spec {
    const char *name;
    int rule;
};

/* The stamps, revision and change each record of version 4 carries. */
#define RECORD_COLS                                                        \
    {"created_at", CR_STAMP | CR_NULL}, {"updated_at", CR_STAMP},           \
        {"rev", CR_INT}, {"change", CR_CHANGE | CR_NULL}

static const struct col_spec field_cols[] = {
    {"n", CR_INT},
    {"id", CR_ID},
    {"name", CR_TEXT},
    {"kind", CR_TEXT},
    {"label", CR_TEXT | CR_NULL},
    {"low_word", CR_TEXT | CR_NULL},
    {"high_word", CR_TEXT | CR_NULL},
    {"weekly", CR_INT},
    {"hidden", CR_INT},
    RECORD_COLS};
static const struct col_spec med_cols[] = {
    {"n", CR_INT}, {"id", CR_ID}, {"name", CR_TEXT}, RECORD_COLS};
static const struct col_spec period_cols[] = {
    {"n", CR_INT},
    {"id", CR_ID},
    {"med", CR_MED},
    {"start", CR_DATE},
    {"stop", CR_DATE | CR_NULL},
    {"dose", CR_NUMBER | CR_NULL},
    {"unit", CR_TEXT | CR_NULL},
    {"times", CR_TEXT | CR_NULL},
    {"as_needed", CR_INT},
    RECORD_COLS};
static const struct col_spec dose_cols[] = {
    {"n", CR_INT},
    {"id", CR_ID},
    {"med", CR_MED},
    {"date", CR_DATE},
    {"time", CR_TIME | CR_NULL},
    {"amount", CR_NUMBER | CR_NULL},
    {"unit", CR_TEXT | CR_NULL},
    RECORD_COLS};
static const struct col_spec record_version_cols[] = {
    {"id", CR_ID},          {"change", CR_CHANGE},
    {"kind", CR_TEXT},      {"removed", CR_INT},
    {"made_by", CR_CHANGE | CR_NULL}, {"body", CR_TEXT},
    {"updated_at", CR_STAMP}, {"rev", CR_INT}};
static const struct col_spec record_deleted_cols[] = {
    {"id", CR_ID},
    {"kind", CR_TEXT},
    {"deleted_at", CR_STAMP},
    {"change", CR_CHANGE}};

#define COLS(a) a, sizeof a / sizeof a[0]
#define MAX_RECORD_COLS 13

/* A table of version 4: the kind of its rows, its columns, and what its
 * INSERT adds. */
struct record_table {
    const char *table;
    int rows; /* enum store_rows */
    const struct col_spec *cols;
    size_t ncols;
    const char *doing, *upsert;
};

/* The built-in fields are in the new diary before anything is read (a
 * new diary lists them): a row read for one writes over what a person
 * may change of it, when it is that field. */
static const struct record_table fields_table = {
    "field", STORE_ROWS_FIELDS, COLS(field_cols), "saving a field",
    " ON CONFLICT (n) DO UPDATE SET label = excluded.label,"
    " low_word = excluded.low_word, high_word = excluded.high_word,"
    " weekly = excluded.weekly, hidden = excluded.hidden,"
    " created_at = excluded.created_at, updated_at = excluded.updated_at,"
    " rev = excluded.rev, change = excluded.change"
    " WHERE id = excluded.id AND name = excluded.name"
    " AND kind = excluded.kind"};

/* In the order they need each other: a medicine before its periods and
 * doses. */
static const struct record_table record_tables[] = {
    {"med", STORE_ROWS_MEDS, COLS(med_cols), "saving a medicine", ""},
    {"med_period", STORE_ROWS_PERIODS, COLS(period_cols), "saving a medicine period",
     ""},
    {"dose", STORE_ROWS_DOSES, COLS(dose_cols), "saving a dose", ""},
    {"record_version", STORE_ROWS_RECORD_VERSIONS, COLS(record_version_cols),
     "saving an earlier version of a record", ""},
    {"record_deleted", STORE_ROWS_RECORD_REMOVALS, COLS(record_deleted_cols),
     "saving a removal of a record", ""},
};

_Static_assert(sizeof field_cols / sizeof field_cols[0] <= MAX_RECORD_COLS &&
                   sizeof period_cols / sizeof period_cols[0] <=
                       MAX_RECORD_COLS,
               "room for every column of a record");

#define NEW(rows) ((rows) - STORE_ROWS_FIELDS) /* index into seen, named, kept */

/* The key of a record in the table or one of its indexes (layout l): a
 * rowid table's row number; a WITHOUT ROWID table's id (and a version's
 * change). False when it cannot be read. */
static bool record_key(const struct salvage *sv, const struct layout *l,
                       const struct pf_record *rec, struct key *k)
{
    memset(k, 0, sizeof *k);
    struct pf_value t1, t2;
    struct ache_err err;
    const struct pf_value *v;
    if (sv->l.table && l == &sv->l) {
        k->a = rec->rowid;
        return true;
    }
    if (sv->l.table) {
        v = get(l, rec, "rowid", &t1);
        k->a = v && v->type == V_INT ? v->i : 0;
        return v && v->type == V_INT;
    }
    if (rec->ncols < 0 || id_value(get(l, rec, "id", &t1), k->id, &err))
        return false;
    if (sv->table->rows != STORE_ROWS_RECORD_VERSIONS)
        return true;
    v = get(l, rec, "change", &t2);
    k->a = v && v->type == V_INT ? v->i : 0;
    return v && v->type == V_INT;
}

/* The changes and medicines a row (or an index entry) names. */
static void note_refs(struct salvage *sv, const struct layout *l,
                      const struct pf_record *rec)
{
    const struct record_table *t = sv->table;
    for (size_t i = 0; rec->ncols >= 0 && i < t->ncols; i++) {
        struct pf_value tmp;
        const struct pf_value *v = get(l, rec, t->cols[i].name, &tmp);
        int rule = CR_RULE(t->cols[i].rule);
        if (!v || v->type != V_INT)
            continue;
        if (rule == CR_CHANGE)
            iset_add(&sv->change_refs, v->i);
        else if (rule == CR_MED)
            keys_add(&sv->named[NEW(STORE_ROWS_MEDS)], v->i, 0, NULL);
    }
}

static void check_text_column(const struct col_spec *c,
                              const struct pf_value *v, struct ache_err *err)
{
    char *text = text_value(v);
    int rule = CR_RULE(c->rule), minute;
    ache_day d;
    if (!text)
        ache_fail(err, ACHE_ERR_INVALID, "%s: not a text", c->name);
    else if (rule == CR_ID && !checkin_id_valid(text))
        ache_fail(err, ACHE_ERR_INVALID, "%s: not an id ache makes", c->name);
    else if (rule == CR_DATE && !date_parse_iso(text, &d))
        ache_fail(err, ACHE_ERR_INVALID, "%s: not a date (YYYY-MM-DD)",
                  c->name);
    else if (rule == CR_TIME && !time_parse(text, &minute))
        ache_fail(err, ACHE_ERR_INVALID, "%s: not a time of day (HH:MM)",
                  c->name);
    free(text);
}

/* Checks one column of a record; err says why the row cannot be saved. */
static void check_column(struct salvage *sv, const struct col_spec *c,
                         const struct pf_value *v, struct ache_err *err)
{
    int rule = CR_RULE(c->rule);
    int64_t x;
    if (is_null(v)) {
        if (!(c->rule & CR_NULL))
            ache_fail(err, ACHE_ERR_INVALID, "%s: missing", c->name);
    } else if (rule >= CR_TEXT && rule <= CR_TIME) {
        check_text_column(c, v, err);
    } else if (rule == CR_NUMBER) {
        if (v->type != V_INT && v->type != V_REAL)
            ache_fail(err, ACHE_ERR_INVALID, "%s: not a number", c->name);
    } else if (rule == CR_STAMP) {
        stamp_value(v, c->name, false, &x, err);
    } else if (int_value(v, c->name, &x, err)) {
    } else if (rule == CR_CHANGE && !(c->rule & CR_NULL) &&
               !iset_has(&sv->changes, x)) {
        ache_fail(err, ACHE_ERR_INVALID, "their change was lost");
    } else if (rule == CR_MED && !iset_has(&sv->kept[NEW(STORE_ROWS_MEDS)], x)) {
        ache_fail(err, ACHE_ERR_INVALID, "their medicine was lost");
    }
}

/* The first of t's columns that SQLite's words name, outside quotes
 * ("CHECK constraint failed: dose > 0 AND dose <= 1000000"). */
static const char *column_named(const struct record_table *t,
                                const char *msg)
{
    const char *p = strstr(msg, ": ");
    for (p = p ? p + 2 : msg; *p;) {
        if (*p == '\'') {
            const char *end = strchr(p + 1, '\'');
            p = end ? end + 1 : p + strlen(p);
            continue;
        }
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
        for (size_t i = 0; n && i < t->ncols; i++)
            if (strlen(t->cols[i].name) == n &&
                strncmp(p, t->cols[i].name, n) == 0)
                return t->cols[i].name;
        p += n ? n : 1;
    }
    return NULL;
}

/* Says why the new diary refused a row, from SQLite's words: "UNIQUE
 * constraint failed: med.name" is another medicine of that name. */
static void refused(struct salvage *sv, int rc, const char *msg)
{
    const struct record_table *t = sv->table;
    const char *dot = strchr(msg, '.'), *col = column_named(t, msg);
    if (rc == SQLITE_CONSTRAINT_UNIQUE && dot)
        lose(sv, t->rows, "another %s with the same %s is saved",
             store_rows_name((enum store_rows)t->rows, 1), dot + 1);
    else if (col)
        lose(sv, t->rows, "%s: a value ache never writes", col);
    else
        lose(sv, t->rows, "a value ache never writes (SQLite: %s)", msg);
}

/* Runs the INSERT bound in sv->ins: a row the new diary's constraints
 * refuse is lost; one met twice (a damaged tree) is saved once. */
static void insert_record(struct salvage *sv, const struct key *k)
{
    const struct record_table *t = sv->table;
    int rc = sqlite3_step(sv->ins);
    char *msg = xstrdup(sqlite3_errmsg(sv->out->db));
    sqlite3_reset(sv->ins);
    sqlite3_clear_bindings(sv->ins);
    if (rc == SQLITE_DONE && sqlite3_changes(sv->out->db)) {
        sv->saved[t->rows]++;
        if (k && sv->l.table)
            iset_put(&sv->kept[NEW(t->rows)], k->a);
    } else if (rc == SQLITE_DONE) { /* the upsert's WHERE */
        lose(sv, t->rows, "not the built-in field of its key");
    } else if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    } else if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        refused(sv, rc, msg);
    } else if (!sv->status) {
        sv->status = store_db_fail(sv->out, rc, sv->err, sv->doing);
    }
    free(msg);
}

/* Checks, binds and inserts a readable row of sv->table (k: its key, NULL
 * when it cannot be read, which the checks say). */
static void save_record(struct salvage *sv, const struct pf_record *rec,
                        const struct key *k)
{
    const struct record_table *t = sv->table;
    struct pf_value tmp[MAX_RECORD_COLS];
    const struct pf_value *v[MAX_RECORD_COLS];
    struct ache_err err = {{0}};
    for (size_t i = 0; i < t->ncols; i++)
        v[i] = get(&sv->l, rec, t->cols[i].name, &tmp[i]);
    for (size_t i = 0; !err.msg[0] && i < t->ncols; i++)
        check_column(sv, &t->cols[i], v[i], &err);
    if (err.msg[0]) {
        lose(sv, t->rows, "%s", err.msg);
        return;
    }
    for (size_t i = 0; i < t->ncols; i++) {
        bool gone = CR_RULE(t->cols[i].rule) == CR_CHANGE &&
                    !is_null(v[i]) && !iset_has(&sv->changes, v[i]->i);
        bind_value(sv->ins, (int)i + 1, gone ? NULL : v[i]);
    }
    insert_record(sv, k);
}

static void take_record(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    const struct record_table *t = sv->table;
    struct key k;
    bool keyed = record_key(sv, &sv->l, rec, &k);
    if (sv->status || (keyed && sv->l.table &&
                       iset_has(&sv->kept[NEW(t->rows)], k.a)))
        return;
    if (keyed)
        keys_add(&sv->seen[NEW(t->rows)], k.a, 0, k.id);
    if (rec->ncols < 0) {
        if (keyed)
            lose(sv, t->rows, "their content cannot be read");
        return;
    }
    note_refs(sv, &sv->l, rec);
    struct pf_value tmp;
    const struct pf_value *change = get(&sv->l, rec, "change", &tmp);
    /* a removal kept the record whole, as an earlier version */
    if (keyed && t->rows == STORE_ROWS_RECORD_REMOVALS && change &&
        change->type == V_INT)
        keys_add(&sv->named[NEW(STORE_ROWS_RECORD_VERSIONS)], change->i, 0, k.id);
    save_record(sv, rec, keyed ? &k : NULL);
}

/* What an index tells of the rows of sv->table: which were there, and
 * what they name. */
static void take_record_entry(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    struct key k;
    if (record_key(sv, &sv->ix, rec, &k))
        keys_add(&sv->named[NEW(sv->table->rows)], k.a, 0, k.id);
    note_refs(sv, &sv->ix, rec);
}

/* Saves the rows of one table of version 4 (none in an older diary). */
static void save_records(struct salvage *sv, const struct record_table *t)
{
    sv->table = t;
    struct strbuf sql = {0};
    strbuf_printf(&sql, "INSERT INTO %s (", t->table);
    for (size_t i = 0; i < t->ncols; i++)
        strbuf_printf(&sql, "%s%s", i ? ", " : "", t->cols[i].name);
    strbuf_append(&sql, ") VALUES (");
    for (size_t i = 0; i < t->ncols; i++)
        strbuf_printf(&sql, "%s?%zu", i ? ", " : "", i + 1);
    strbuf_printf(&sql, ")%s", t->upsert);
    bool ok = prepare(sv, strbuf_str(&sql), t->doing);
    strbuf_free(&sql);
    if (!ok)
        return;
    read_table(sv, t->table, take_record);
    if (sv->l.found && !sv->status)
        read_indexes(sv, t->table, take_record_entry);
}

static void save_more_records(struct salvage *sv)
{
    for (size_t i = 0;
         !sv->status && i < sizeof record_tables / sizeof record_tables[0];
         i++)
        save_records(sv, &record_tables[i]);
}

/* The recovered diary's fields become the process's table, as opening it
 * makes them: an own value is judged by its field's kind. */
static void install_fields(struct salvage *sv)
{
    sqlite3_stmt *s = NULL;
    struct field_row *rows = NULL;
    char **texts = NULL; /* what rows point to: 4 a row */
    size_t n = 0;
    int rc = sqlite3_prepare_v2(sv->out->db,
                                "SELECT n, kind, weekly, hidden, name, label,"
                                " low_word, high_word FROM field ORDER BY n",
                                -1, &s, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        rows = xreallocarray(rows, n + 1, sizeof *rows);
        texts = xreallocarray(texts, 4 * (n + 1), sizeof *texts);
        for (int i = 0; i < 4; i++) {
            const unsigned char *t = sqlite3_column_text(s, 4 + i);
            texts[4 * n + i] = t ? xstrdup((const char *)t) : NULL;
        }
        const char *kind = (const char *)sqlite3_column_text(s, 1);
        rows[n] = (struct field_row){
            sqlite3_column_int(s, 0), texts[4 * n], texts[4 * n + 1],
            texts[4 * n + 2], texts[4 * n + 3],
            field_kind_find(kind ? kind : ""), sqlite3_column_int(s, 2) != 0,
            sqlite3_column_int(s, 3) != 0};
        n++;
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        fields_install(rows, n);
    else
        sv->status = store_db_fail(sv->out, rc, sv->err, "reading the fields");
    for (size_t i = 0; i < 4 * n; i++)
        free(texts[i]);
    free(texts);
    free(rows);
}

static void save_fields(struct salvage *sv)
{
    save_records(sv, &fields_table);
    if (!sv->status)
        install_fields(sv);
}

/* ---- own values ---- */

/* An own value from the table or its index (which holds all of it). */
static void take_value_from(struct salvage *sv, const struct layout *l,
                            const struct pf_record *rec)
{
    struct pf_value t1, t2, t3;
    const struct pf_value *c = get(l, rec, "checkin", &t1),
                          *f = get(l, rec, "field", &t2),
                          *v = get(l, rec, "value", &t3);
    if (rec->ncols < 0 || !c || !f || c->type != V_INT || f->type != V_INT)
        return;
    if (f->i >= CF_COUNT)
        keys_add(&sv->named[NEW(STORE_ROWS_FIELDS)], f->i, 0, NULL);
    if (v && v->type == V_INT)
        keys_add(&sv->value_keys, c->i, f->i, NULL)->v = v->i;
    else if (l == &sv->l)
        lose(sv, STORE_ROWS_VALUES, "value: not a whole number");
}

static void take_value(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    take_value_from(sv, &sv->l, rec);
}

static void take_value_entry(const struct pf_record *rec, void *arg)
{
    struct salvage *sv = arg;
    take_value_from(sv, &sv->ix, rec);
}

/* A value needs its check-in and its field, and a value the field's kind
 * allows (the table allows any up to 9999). */
static void save_value(struct salvage *sv, const struct key *k)
{
    const struct field_info *fi =
        k->b >= CF_COUNT && iset_has(&sv->kept[NEW(STORE_ROWS_FIELDS)], k->b)
            ? checkin_field_info((enum checkin_field)k->b)
            : NULL;
    if (!iset_has(&sv->checkins, k->a)) {
        lose(sv, STORE_ROWS_VALUES, "their check-in was lost");
    } else if (!fi) {
        lose(sv, STORE_ROWS_VALUES, "their field was lost");
    } else if (k->v < 0 || k->v > fi->max_steps) {
        lose(sv, STORE_ROWS_VALUES, "%s: %lld is out of range 0-%d", fi->name,
             (long long)k->v, fi->max_steps);
    } else {
        sqlite3_bind_int64(sv->ins, 1, k->a);
        sqlite3_bind_int64(sv->ins, 2, k->b);
        sqlite3_bind_int64(sv->ins, 3, k->v);
        if (insert_row(sv))
            sv->saved[STORE_ROWS_VALUES]++;
    }
}

static void save_values(struct salvage *sv)
{
    read_table(sv, "checkin_value", take_value);
    if (sv->l.found)
        read_indexes(sv, "checkin_value", take_value_entry);
    keys_sort(&sv->value_keys); /* one a key, table or index */
    if (!prepare(sv,
                 "INSERT INTO checkin_value (checkin, field, value)"
                 " VALUES (?1, ?2, ?3)",
                 "saving an own value"))
        return;
    for (size_t i = 0; !sv->status && i < sv->value_keys.n; i++)
        save_value(sv, &sv->value_keys.v[i]);
}

/* Rows of version 4's tables that an index or another row names and that
 * cannot be read. A built-in field is in the new diary whatever became of
 * its row: only the words a person gave it are lost. */
static void count_lost_records(struct salvage *sv)
{
    for (int r = 0; r < SR_NEW; r++) {
        keys_sort(&sv->seen[r]);
        keys_sort(&sv->named[r]);
        for (size_t i = 0; i < sv->named[r].n; i++) {
            const struct key *k = &sv->named[r].v[i];
            if (keys_has(&sv->seen[r], k->a, 0, k->id))
                continue;
            if (r == NEW(STORE_ROWS_FIELDS) && k->a >= 0 && k->a < CF_COUNT)
                note(sv, STORE_ROWS_FIELDS,
                     "field '%s': its row cannot be read; kept as ache "
                     "makes it",
                     checkin_field_info((enum checkin_field)k->a)->name);
            else
                lose(sv, STORE_ROWS_FIELDS + r, "their row cannot be read");
        }
    }
}

/* Changes other rows name that cannot be read. */
static void count_lost_changes(struct salvage *sv)
{
    iset_sort(&sv->change_refs);
    for (size_t i = 0; i < sv->change_refs.n; i++)
        if (!iset_has(&sv->change_seen, sv->change_refs.v[i]))
            lose(sv, STORE_ROWS_CHANGES, "their row cannot be read");
}

/* ---- saying what was lost ---------------------------------------------------- */

static int cmp_lost(const void *a, const void *b)
{
    const struct lost_checkin *x = a, *y = b;
    if (x->has_date != y->has_date)
        return x->has_date ? -1 : 1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->minute != y->minute)
        return x->minute < y->minute ? -1 : 1;
    return (x->n > y->n) - (x->n < y->n);
}

static void tell(struct salvage *sv, store_loss_fn fn, void *ctx)
{
    if (sv->nlost)
        qsort(sv->lost, sv->nlost, sizeof *sv->lost, cmp_lost);
    for (size_t i = 0; i < sv->nlost; i++) {
        const struct lost_checkin *l = &sv->lost[i];
        struct strbuf line = {0};
        char day[DATE_BUF], when[TIME_BUF];
        if (l->id[0])
            strbuf_printf(&line, "check-in %.8s", l->id);
        else if (l->has_date)
            strbuf_append(&line, "a check-in");
        else
            strbuf_printf(&line, "check-in number %lld", (long long)l->n);
        if (l->has_date)
            strbuf_printf(&line, " of %s", date_format(l->date, day));
        if (l->has_date && l->minute != CHECKIN_TIME_ABSENT)
            strbuf_printf(&line, " %s", time_format(l->minute, when));
        strbuf_printf(&line, ": %s", l->why ? l->why : "its row cannot be read");
        if (fn)
            fn(STORE_ROWS_CHECKINS, 1, strbuf_str(&line), ctx);
        strbuf_free(&line);
    }
    for (int r = 0; r < STORE_ROWS_COUNT; r++)
        for (size_t i = 0; fn && i < sv->nreasons[r]; i++)
            fn((enum store_rows)r, sv->reasons[r][i].count,
               sv->reasons[r][i].text, ctx);
    for (size_t i = 0; fn && i < sv->nnotes; i++)
        fn((enum store_rows)sv->notes[i].rows, 0, sv->notes[i].text, ctx);
}

static void salvage_free(struct salvage *sv)
{
    sqlite3_finalize(sv->ins);
    sqlite3_close(sv->shadow);
    store_pagefile_close(sv->pf);
    layout_free(&sv->l);
    layout_free(&sv->ix);
    for (size_t i = 0; i < sv->norphans; i++)
        free(sv->orphans[i].table);
    free(sv->orphans);
    for (int r = 0; r < STORE_ROWS_COUNT; r++) {
        for (size_t i = 0; i < sv->nreasons[r]; i++)
            free(sv->reasons[r][i].text);
        free(sv->reasons[r]);
    }
    for (size_t i = 0; i < sv->nlost; i++)
        free(sv->lost[i].why);
    free(sv->lost);
    for (size_t i = 0; i < sv->nnotes; i++)
        free(sv->notes[i].text);
    free(sv->notes);
    iset_free(&sv->changes);
    iset_free(&sv->change_seen);
    iset_free(&sv->change_refs);
    iset_free(&sv->checkins);
    iset_free(&sv->checkin_seen);
    free(sv->known);
    free(sv->ids);
    free(sv->tags);
    keys_free(&sv->link_keys);
    keys_free(&sv->version_keys);
    keys_free(&sv->version_seen);
    keys_free(&sv->removal_keys);
    keys_free(&sv->removal_seen);
    keys_free(&sv->value_keys);
    for (int r = 0; r < SR_NEW; r++) {
        keys_free(&sv->seen[r]);
        keys_free(&sv->named[r]);
        iset_free(&sv->kept[r]);
    }
}

/* ---- the new diary --------------------------------------------------------------- */

static enum ache_status check_target(const char *from, const char *to,
                                     struct ache_err *err)
{
    struct stat a, b;
    if (stat(to, &a) == 0 && stat(from, &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: is the diary itself; recover into a new file",
                         to);
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        char *side = xasprintf("%s%s", to, suffix[i]);
        bool there = lstat(side, &a) == 0 || errno != ENOENT;
        enum ache_status st =
            there ? ache_fail(err, ACHE_ERR_INVALID,
                              "%s: already exists; recover into a new file",
                              side)
                  : ACHE_OK;
        free(side);
        if (st)
            return st;
    }
    return ACHE_OK;
}

static void remove_target(const char *to)
{
    static const char *const suffix[] = {"-wal", "-shm", "-journal", ""};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        char *side = xasprintf("%s%s", to, suffix[i]);
        unlink(side);
        free(side);
    }
}

static void gather_problem(const char *problem, void *ctx)
{
    struct strbuf *all = ctx;
    strbuf_printf(all, "%s%s", strbuf_str(all)[0] ? "; " : "", problem);
}

/* Reads every table into the new diary, in one transaction. */
static enum ache_status salvage_all(struct salvage *sv, ache_day today,
                                    struct ache_err *err)
{
    struct store *out = sv->out;
    enum ache_status status = store_begin(out, err);
    if (status)
        return status;
    sqlite3_exec(out->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL);
    find_orphans(sv);
    /* in the order rows need each other: the fields before the values
     * and versions judged by them */
    static void (*const steps[])(struct salvage *) = {
        save_changes,  save_tags,         save_fields,
        save_checkins, save_links,        save_values,
        save_removals, save_versions,     save_more_records,
        count_lost_changes, count_lost_records};
    for (size_t i = 0; !sv->status && i < sizeof steps / sizeof steps[0];
         i++)
        steps[i](sv);
    sqlite3_finalize(sv->ins);
    sv->ins = NULL;
    if (sv->status) {
        store_rollback(out);
        return sv->status;
    }
    status = store_commit(out, err);
    size_t problems = 0;
    struct strbuf found = {0};
    strbuf_append(&found, "");
    if (!status)
        status = store_check_all(out, today, gather_problem, &found,
                                 &problems, err);
    if (!status && problems)
        status = ache_fail(err, ACHE_ERR_DB,
                           "%s: the recovered diary does not pass the check "
                           "(%s)",
                           store_path(out), strbuf_str(&found));
    strbuf_free(&found);
    return status;
}

enum ache_status store_recover(const char *from, const char *to,
                               ache_day today, store_loss_fn fn, void *ctx,
                               struct store_recovery *out,
                               struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    struct salvage sv = {.res = out, .err = err};
    enum ache_status status = check_target(from, to, err);
    if (!status)
        status = store_pagefile_open(from, &sv.pf, err);
    if (!status && (!store_pagefile_header(sv.pf)->sqlite ||
                    !store_pagefile_object(sv.pf, "checkin")))
        status = ache_fail(err, ACHE_ERR_REFUSED,
                           "%s: no check-ins can be found in it (not an "
                           "ache diary, or its list of tables cannot be "
                           "read)",
                           from);
    if (status) {
        salvage_free(&sv);
        return status;
    }
    sv.shadow = shadow_open(sv.pf);
    status = store_open(to, true, &sv.out, err);
    if (!status)
        status = salvage_all(&sv, today, err);
    store_close(sv.out);
    /* the recovery leaves no diary open: the built-in fields alone (it
     * installed the recovered diary's to judge own values) */
    fields_reset();
    if (status) {
        remove_target(to);
        memset(out, 0, sizeof *out);
    } else {
        memcpy(out->saved, sv.saved, sizeof out->saved);
        memcpy(out->lost, sv.lost_rows, sizeof out->lost);
        tell(&sv, fn, ctx);
    }
    salvage_free(&sv);
    return status;
}
