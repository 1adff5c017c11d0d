/* store_health: finding damage. Writers run a quick check once a day (the
 * day it last passed is noted in meta); `ache check` runs the full one:
 * the file's header as it lies, then SQLite's integrity and foreign key
 * checks and the schema. What SQLite says is put in plain words, naming
 * the part of the diary a damaged page belongs to (store_pages.c reads
 * the file to know); SQLite's own words follow in brackets. Recovery is
 * in store_salvage.c.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/date.h"
#include "ache/fields.h"
#include "ache/store.h"
#include "ache/util.h"
#include "store_pages_impl.h"

/* The meta key of the day a check last found the diary sound. */
#define CHECKED_ON "checked_on"

/* ---- names ---------------------------------------------------------------- */

/* What each of ache's tables holds, in words, with its rows' nouns: the
 * first STORE_ROWS_COUNT follow enum store_rows, and meta, whose rows a
 * recovery does not count, comes last. */
static const struct part {
    const char *table, *what, *one, *many;
} parts[] = {
    {"checkin", "check-ins", "check-in", "check-ins"},
    {"tag", "tags", "tag", "tags"},
    {"checkin_tag", "tag links", "tag link", "tag links"},
    {"change", "changes", "change", "changes"},
    {"checkin_version", "earlier versions", "earlier version",
     "earlier versions"},
    {"checkin_deleted", "removals", "removal", "removals"},
    {"field", "fields", "field", "fields"},
    {"checkin_value", "own values", "own value", "own values"},
    {"med", "medicines", "medicine", "medicines"},
    {"med_period", "medicine periods", "medicine period",
     "medicine periods"},
    {"dose", "doses", "dose", "doses"},
    {"record_version", "earlier versions of fields, medicines, doses and tags",
     "earlier version of a field, medicine, dose or tag",
     "earlier versions of fields, medicines, doses and tags"},
    {"record_deleted", "removals of fields, medicines, doses and tags",
     "removal of a field, medicine, dose or tag",
     "removals of fields, medicines, doses and tags"},
    {"meta", "ache's notes on the diary", "note", "notes"},
};
#define PART_COUNT (sizeof parts / sizeof parts[0])
/* The kinds of rows a recovery counts: every part but meta. */
#define ROW_KINDS (PART_COUNT - 1)

_Static_assert(ROW_KINDS == STORE_ROWS_COUNT, "a part for each kind of row");

const char *store_rows_name(enum store_rows rows, size_t count)
{
    if ((unsigned)rows >= ROW_KINDS)
        return "rows";
    return count == 1 ? parts[rows].one : parts[rows].many;
}

static const struct part *part_of(const char *table)
{
    for (size_t i = 0; table && i < PART_COUNT; i++)
        if (strcmp(parts[i].table, table) == 0)
            return &parts[i];
    return NULL;
}

/* "the check-ins", or "the table 'x'" for one that is not ache's. */
static void name_table(const char *table, struct strbuf *out)
{
    const struct part *p = part_of(table);
    if (p)
        strbuf_printf(out, "the %s", p->what);
    else if (table && strcmp(table, "sqlite_schema") == 0)
        strbuf_append(out, "the list of tables");
    else
        strbuf_printf(out, "the table '%s'", table ? table : "?");
}

/* ---- SQLite's findings in plain words --------------------------------------- */

/* The first number after "page " in SQLite's line (0: none). */
static uint32_t page_in(const char *line)
{
    for (const char *p = line; (p = strcasestr(p, "page ")) != NULL; p += 5) {
        char *end;
        unsigned long n = strtoul(p + 5, &end, 10);
        if (end != p + 5 && n > 0 && n <= UINT32_MAX)
            return (uint32_t)n;
    }
    return 0;
}

/* The object (table or index) named after `marker` in line, in pf. */
static const struct pf_object *named_in(struct pagefile *pf, const char *line,
                                        const char *marker)
{
    const char *p = strstr(line, marker);
    if (!p || !pf)
        return NULL;
    p += strlen(marker);
    size_t n = strcspn(p, " .,:;");
    char *name = xstrndup(p, n);
    const struct pf_object *o = store_pagefile_object(pf, name);
    free(name);
    return o;
}

/* Says what SQLite's line means for the diary. pf (may be NULL) names the
 * part a page belongs to. */
static void plain_words(struct pagefile *pf, const char *line,
                        struct strbuf *out)
{
    const struct pf_object *o = NULL;
    if ((o = named_in(pf, line, "index ")) != NULL) {
        strbuf_append(out, "an index of ");
        name_table(o->table, out);
        strbuf_append(out, " does not match them");
        return;
    }
    if (strncmp(line, "NULL value in ", 14) == 0 ||
        strncmp(line, "CHECK constraint failed in ", 27) == 0 ||
        strncmp(line, "non-", 4) == 0) {
        const char *in = strstr(line, " in ");
        char *table = xstrndup(in + 4, strcspn(in + 4, ". "));
        strbuf_append(out, "a row of ");
        name_table(table, out);
        strbuf_append(out, " holds a value ache never writes");
        free(table);
        return;
    }
    uint32_t page = page_in(line);
    uint32_t root = page && pf ? store_pagefile_owner(pf, page) : 0;
    size_t count = 0;
    const struct pf_object *all =
        pf ? store_pagefile_objects(pf, &count) : NULL;
    for (size_t i = 0; root && i < count; i++)
        if (all[i].root == root)
            o = &all[i];
    if (page == 1 || root == 1) {
        strbuf_append(out, "the list of tables is damaged");
    } else if (o && strcmp(o->type, "index") == 0) {
        strbuf_append(out, "an index of ");
        name_table(o->table, out);
        strbuf_append(out, " is damaged");
    } else if (o) {
        strbuf_append(out, "part of ");
        name_table(o->table, out);
        strbuf_append(out, " cannot be read");
    } else if (page) {
        strbuf_append(out, "a page that is no part of the diary is damaged");
    } else {
        strbuf_append(out, "the file is damaged");
    }
}

/* The first finding in what SQLite says, without its "*** in database
 * main ***" heading. */
static char *sqlite_line(const char *text)
{
    const char *head = "*** in database main ***\n";
    if (strncmp(text, head, strlen(head)) == 0)
        text += strlen(head);
    return xstrndup(text, strcspn(text, "\r\n"));
}

/* ---- the daily check ----------------------------------------------------------- */

static bool checked_on(struct store *st, const char *day)
{
    sqlite3_stmt *s = NULL;
    bool same = false;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT value FROM meta WHERE key = '" CHECKED_ON
                           "'",
                           -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW &&
        sqlite3_column_type(s, 0) == SQLITE_TEXT)
        same = strcmp((const char *)sqlite3_column_text(s, 0), day) == 0;
    sqlite3_finalize(s);
    return same;
}

/* Notes the day in meta, in a transaction of its own; a failure (another
 * writer holding the diary) only means the check runs again next time.
 * A reader notes nothing. */
static void note_checked(struct store *st, const char *day)
{
    if (st->read_only || st->in_batch || !sqlite3_get_autocommit(st->db))
        return;
    sqlite3_stmt *s = NULL;
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return;
    int rc = sqlite3_prepare_v2(st->db,
                                "INSERT OR REPLACE INTO meta (key, value)"
                                " VALUES ('" CHECKED_ON "', ?1)",
                                -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_OK ||
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static bool is_damage(int rc)
{
    return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* PRAGMA quick_check: its first finding in plain words into *what (NULL
 * when the diary is sound). */
static enum ache_status quick_check(struct store *st, char **what,
                                    struct ache_err *err)
{
    *what = NULL;
    sqlite3_stmt *s = NULL;
    char *line = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(s, 0);
        if (!text || strcmp((const char *)text, "ok") != 0)
            line = sqlite_line(text ? (const char *)text : "");
    } else if (is_damage(rc)) {
        line = xstrdup(sqlite3_errmsg(st->db));
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && !is_damage(rc))
        return store_db_fail(st, rc, err, "checking the diary");
    if (!line)
        return ACHE_OK;
    struct pagefile *pf = NULL;
    struct ache_err ignored;
    store_pagefile_open(st->path, &pf, &ignored);
    struct strbuf words = {0};
    plain_words(pf, line, &words);
    store_pagefile_close(pf);
    free(line);
    *what = strbuf_take(&words);
    return ACHE_OK;
}

enum ache_status store_check_daily(struct store *st, ache_day today,
                                   bool *ran, struct ache_err *err)
{
    char day[DATE_BUF];
    date_format(today, day);
    if (ran)
        *ran = false;
    if (checked_on(st, day))
        return ACHE_OK;
    if (ran)
        *ran = true;
    char *what = NULL;
    enum ache_status status = quick_check(st, &what, err);
    if (status)
        return status;
    if (!what) {
        note_checked(st, day);
        return ACHE_OK;
    }
    status = ache_fail(err, ACHE_ERR_REFUSED, "%s is damaged (%s)", st->path,
                       what);
    free(what);
    return status;
}

/* ---- the file as it lies ------------------------------------------------------- */

struct findings {
    store_problem_fn fn;
    void *ctx;
    size_t n;
};

static void found(struct findings *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void found(struct findings *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct strbuf line = {0};
    strbuf_vprintf(&line, fmt, ap);
    va_end(ap);
    f->n++;
    if (f->fn)
        f->fn(strbuf_str(&line), f->ctx);
    strbuf_free(&line);
}

/* The schema version ache's tables are of, by what they hold (0: none of
 * ache's). */
static long tables_version(struct pagefile *pf)
{
    const struct pf_object *link = store_pagefile_object(pf, "checkin_tag");
    if (!store_pagefile_object(pf, "checkin") || !link)
        return 0;
    const struct pf_object *tag = store_pagefile_object(pf, "tag");
    if (store_pagefile_object(pf, "sync_version"))
        return 6;
    if (tag && tag->sql && strstr(tag->sql, " uid TEXT"))
        return 5;
    if (store_pagefile_object(pf, "field"))
        return 4;
    if (store_pagefile_object(pf, "meta") ||
        store_pagefile_object(pf, "change"))
        return 3;
    return link->sql && strstr(link->sql, "checkin_id") ? 1 : 2;
}

static void judge_header(struct pagefile *pf, struct findings *f)
{
    const struct pf_header *h = store_pagefile_header(pf);
    const char *hd = "the file's header is damaged";
    if (h->problems & PF_BAD_MAGIC)
        found(f, "%s: it does not begin as a SQLite database does", hd);
    if (h->problems & PF_BAD_PAGE_SIZE) {
        if (h->header_page_size)
            found(f, "%s: it gives the page size as %u, but the pages are "
                     "%u bytes",
                  hd, h->header_page_size, h->page_size);
        else
            found(f, "%s: it gives no page size SQLite knows (the pages "
                     "are %u bytes)",
                  hd, h->page_size);
    }
    if (h->problems & PF_BAD_VERSIONS)
        found(f, "%s: its format bytes are %u and %u (SQLite writes 1 or 2)",
              hd, h->versions[0], h->versions[1]);
    if (h->problems & PF_BAD_RESERVED)
        found(f, "%s: it reserves %u bytes of each page (ache reserves "
                 "none)",
              hd, h->reserved);
    if (h->problems & PF_BAD_FRACTIONS)
        found(f, "%s: its bytes 22-24 are %u, %u and %u (always 64, 32 and "
                 "32)",
              hd, h->fractions[0], h->fractions[1], h->fractions[2]);
    if (h->problems & PF_BAD_FORMAT)
        found(f, "%s: its schema format is %u (SQLite knows 1 to 4)", hd,
              h->schema_format);
    if (h->problems & PF_BAD_ENCODING)
        found(f, "%s: its text encoding is %u (ache writes UTF-8, 1)", hd,
              h->encoding);
    long tables = tables_version(pf);
    if (tables && h->application_id != STORE_APPLICATION_ID)
        found(f, "%s: its application id is 0x%08lx, not ache's (0x%08x)",
              hd, (unsigned long)(uint32_t)h->application_id,
              STORE_APPLICATION_ID);
    if (tables && h->user_version != tables)
        found(f, "%s: it gives the schema version as %ld, but the tables "
                 "are version %ld's",
              hd, (long)h->user_version, tables);
    if (h->problems & PF_SHORT)
        found(f, "the file is cut short: it holds %u whole pages of the %u "
                 "it needs",
              h->file_pages, h->header_pages);
}

enum ache_status store_check_file(const char *path, store_problem_fn fn,
                                  void *ctx, size_t *problems,
                                  struct ache_err *err)
{
    *problems = 0;
    struct pagefile *pf = NULL;
    enum ache_status status = store_pagefile_open(path, &pf, err);
    if (status)
        return status;
    const struct pf_header *h = store_pagefile_header(pf);
    struct findings f = {fn, ctx, 0};
    size_t objects = 0;
    store_pagefile_objects(pf, &objects);
    if (!h->sqlite && (h->problems & PF_BAD_MAGIC)) {
        bool empty = h->file_pages == 0 && !(h->problems & PF_SHORT);
        store_pagefile_close(pf);
        return empty ? ACHE_OK
                     : ache_fail(err, ACHE_ERR_REFUSED,
                                 "%s: not an ache diary (not a SQLite "
                                 "database)",
                                 path);
    }
    if (!h->sqlite) {
        found(&f, "the list of tables cannot be read");
    } else if (!tables_version(pf) &&
               h->application_id != STORE_APPLICATION_ID) {
        store_pagefile_close(pf);
        return ache_fail(err, ACHE_ERR_REFUSED,
                         "%s: not an ache diary (it belongs to another "
                         "program)",
                         path);
    }
    judge_header(pf, &f);
    store_pagefile_close(pf);
    *problems = f.n;
    return ACHE_OK;
}

/* ---- the full check ------------------------------------------------------------ */

/* One line of what integrity_check found. */
struct integrity {
    struct store *st;
    struct findings *f;
    struct pagefile *pf;
    size_t unused;
    uint32_t first_unused;
};

static void integrity_line(struct integrity *ic, const char *line)
{
    if (!*line || strcmp(line, "*** in database main ***") == 0)
        return;
    if (strstr(line, " is never used")) {
        /* what a damaged page leaves behind: said once */
        if (!ic->unused++)
            ic->first_unused = page_in(line);
        return;
    }
    if (!ic->pf) {
        struct ache_err ignored;
        store_pagefile_open(ic->st->path, &ic->pf, &ignored);
    }
    struct strbuf words = {0};
    plain_words(ic->pf, line, &words);
    found(ic->f, "%s (SQLite: %s)", strbuf_str(&words), line);
    strbuf_free(&words);
}

static void check_integrity(struct store *st, struct findings *f,
                            struct ache_err *err, enum ache_status *status)
{
    sqlite3_stmt *s = NULL;
    struct integrity ic = {st, f, NULL, 0, 0};
    size_t before = f->n;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check(100)", -1, &s,
                                NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const unsigned char *text = sqlite3_column_text(s, 0);
        if (!text || strcmp((const char *)text, "ok") == 0)
            continue;
        /* several findings may come in one row, a line each */
        char *all = xstrdup((const char *)text), *save = NULL;
        for (char *line = strtok_r(all, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save))
            integrity_line(&ic, line);
        free(all);
    }
    sqlite3_finalize(s);
    store_pagefile_close(ic.pf);
    if (ic.unused == 1)
        found(f, "page %u belongs to no part of the diary (lost below a "
                 "damaged page, or space never freed)",
              ic.first_unused);
    else if (ic.unused)
        found(f, "%zu pages belong to no part of the diary (lost below a "
                 "damaged page, or space never freed)",
              ic.unused);
    if (rc == SQLITE_DONE)
        return;
    if (is_damage(rc)) {
        if (f->n == before) /* what it found first says more */
            found(f, "the file is damaged (SQLite: %s)",
                  sqlite3_errmsg(st->db));
    } else {
        *status = store_db_fail(st, rc, err, "checking the diary");
    }
}

/* Foreign keys: counted by the table and what its rows name. */
static void check_links(struct store *st, struct findings *f,
                        struct ache_err *err, enum ache_status *status)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(
        st->db,
        "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check"
        " GROUP BY 1, 2 ORDER BY 1, 2",
        -1, &s, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *table = (const char *)sqlite3_column_text(s, 0);
        const char *parent = (const char *)sqlite3_column_text(s, 1);
        long n = (long)sqlite3_column_int64(s, 2);
        const struct part *t = part_of(table), *p = part_of(parent);
        found(f, "%ld %s name%s a %s that is not in the diary", n,
              t ? (n == 1 ? t->one : t->many) : table, n == 1 ? "s" : "",
              p ? p->one : parent);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return;
    if (is_damage(rc))
        found(f, "what refers to what cannot be checked (SQLite: %s)",
              sqlite3_errmsg(st->db));
    else
        *status = store_db_fail(st, rc, err, "checking the diary");
}

/* Own values beyond their field's range (the table's CHECK allows any up
 * to 9999, since a row cannot check another table): a value recovered or
 * imported would be refused, and a chart would draw it off its scale. */
static void check_own_values(struct store *st, struct findings *f,
                             struct ache_err *err, enum ache_status *status)
{
    static const char sql[] =
        "SELECT fd.name, fd.kind, count(*) FROM checkin_value cv"
        " JOIN field fd ON fd.n = cv.field WHERE cv.value > CASE fd.kind"
        " WHEN 'rating' THEN ?1 WHEN 'yesno' THEN ?2 WHEN 'minutes' THEN ?3"
        " ELSE ?4 END GROUP BY fd.name ORDER BY fd.name";
    static const enum field_kind kinds[] = {FIELD_RATING, FIELD_YESNO,
                                            FIELD_MINUTES, FIELD_TALLY};
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    for (int i = 0; rc == SQLITE_OK && i < 4; i++)
        sqlite3_bind_int(s, i + 1, field_kind_max(kinds[i]));
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        long n = (long)sqlite3_column_int64(s, 2);
        enum field_kind k =
            field_kind_find((const char *)sqlite3_column_text(s, 1));
        found(f, "%ld value%s of %s %s beyond its range (0-%d)", n,
              n == 1 ? "" : "s", (const char *)sqlite3_column_text(s, 0),
              n == 1 ? "is" : "are", field_kind_max(k));
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return;
    if (is_damage(rc))
        found(f, "the values of fields of your own cannot be checked "
                 "(SQLite: %s)",
              sqlite3_errmsg(st->db));
    else if (rc != SQLITE_ERROR) /* no field table: the schema check says */
        *status = store_db_fail(st, rc, err, "checking the diary");
}

/* The tables and indexes of schema 5, with their columns in order (a
 * UNIQUE constraint's index is SQLite's sqlite_autoindex_TABLE_N). */
static const struct {
    const char *name, *table, *columns;
} expected[] = {
    {"change", NULL, "n,at,source,detail,undoes"},
    {"checkin", NULL,
     "n,id,date,time,pain,fatigue,sleep_quality,sleep_hours,stiffness,fog,"
     "mood,activity,note,regions,created_at,updated_at,rev,change"},
    {"checkin_by_id", "checkin", "id"},
    {"checkin_by_date", "checkin", "date,time,created_at,id"},
    {"checkin_values", "checkin",
     "date,pain,fatigue,sleep_quality,sleep_hours,stiffness,fog,mood,"
     "activity,regions"},
    {"tag", NULL, "id,uid,name,kind,created_at,updated_at,rev,change"},
    {"sqlite_autoindex_tag_1", "tag", "uid"},
    {"sqlite_autoindex_tag_2", "tag", "name"},
    {"checkin_tag", NULL, "checkin,tag_id"},
    {"checkin_tag_by_tag", "checkin_tag", "tag_id"},
    {"checkin_version", NULL,
     "id,change,parts,made_by,date,time,pain,fatigue,sleep_quality,"
     "sleep_hours,stiffness,fog,mood,activity,note,regions,tags,own,"
     "created_at,updated_at,rev"},
    {"checkin_version_removed", "checkin_version", "date"},
    {"checkin_deleted", NULL, "id,deleted_at,change"},
    {"checkin_deleted_by_change", "checkin_deleted", "change"},
    {"meta", NULL, "key,value"},
    {"field", NULL,
     "n,id,name,kind,label,low_word,high_word,weekly,hidden,created_at,"
     "updated_at,rev,change"},
    {"sqlite_autoindex_field_1", "field", "id"},
    {"sqlite_autoindex_field_2", "field", "name"},
    {"checkin_value", NULL, "checkin,field,value"},
    {"checkin_value_by_field", "checkin_value", "field,checkin,value"},
    {"med", NULL, "n,id,name,created_at,updated_at,rev,change"},
    {"sqlite_autoindex_med_1", "med", "id"},
    {"sqlite_autoindex_med_2", "med", "name"},
    {"med_period", NULL,
     "n,id,med,start,stop,dose,unit,times,as_needed,created_at,updated_at,"
     "rev,change"},
    {"sqlite_autoindex_med_period_1", "med_period", "id"},
    {"med_period_by_med", "med_period", "med,start"},
    {"dose", NULL,
     "n,id,med,date,time,amount,unit,created_at,updated_at,rev,change"},
    {"sqlite_autoindex_dose_1", "dose", "id"},
    {"dose_by_date", "dose", "date,time"},
    {"dose_by_med", "dose", "med,date,time"},
    {"record_version", NULL,
     "id,change,kind,removed,made_by,body,updated_at,rev"},
    {"record_deleted", NULL, "id,kind,deleted_at,change"},
    {"record_deleted_by_change", "record_deleted", "change"},
    {"sync_version", NULL,
     "kind,id,hlc,device,parent_hlc,parent_device,removed"},
    {"sync_other", NULL, "kind,id,hlc,device,removed,body,conflict,change"},
    {"sync_file", NULL, "device,name,own"},
};

/* One text of a query with one bound name; NULL when there is no row. */
static char *query_text(struct store *st, const char *sql, const char *name,
                        int *rc)
{
    sqlite3_stmt *s = NULL;
    char *out = NULL;
    *rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (*rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        *rc = sqlite3_step(s);
        if (*rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
            out = xstrdup((const char *)sqlite3_column_text(s, 0));
        if (*rc == SQLITE_ROW)
            *rc = SQLITE_DONE;
    }
    sqlite3_finalize(s);
    return out;
}

static void check_object(struct store *st, size_t i, struct findings *f,
                         int *rc)
{
    const char *name = expected[i].name, *table = expected[i].table;
    struct strbuf what = {0};
    if (table) {
        strbuf_printf(&what, "the index %s of ", name);
        name_table(table, &what);
    } else {
        strbuf_append(&what, "the table of ");
        name_table(name, &what);
        strbuf_printf(&what, " (%s)", name);
    }
    char *owner = query_text(st,
                             "SELECT type || ' ' || tbl_name FROM"
                             " sqlite_schema WHERE name = ?1",
                             name, rc);
    char *want = xasprintf("%s %s", table ? "index" : "table",
                           table ? table : name);
    char *columns = NULL;
    if (!owner && *rc == SQLITE_DONE) {
        found(f, "%s is missing", strbuf_str(&what));
    } else if (owner && strcmp(owner, want) != 0) {
        found(f, "%s is not what ache makes (it is the %s)",
              strbuf_str(&what), owner);
    } else if (owner) {
        columns = query_text(
            st,
            table ? "SELECT group_concat(name, ',') FROM (SELECT name FROM"
                    " pragma_index_info(?1) ORDER BY seqno)"
                  : "SELECT group_concat(name, ',') FROM (SELECT name FROM"
                    " pragma_table_xinfo(?1) ORDER BY cid)",
            name, rc);
        if (*rc == SQLITE_DONE &&
            strcmp(columns ? columns : "", expected[i].columns) != 0)
            found(f, "%s has the columns %s, not %s", strbuf_str(&what),
                  columns ? columns : "(none)", expected[i].columns);
    }
    free(columns);
    free(want);
    free(owner);
    strbuf_free(&what);
}

static void check_schema(struct store *st, struct findings *f,
                         struct ache_err *err, enum ache_status *status)
{
    long app = 0, version = 0;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT * FROM pragma_application_id,"
                                " pragma_user_version",
                                -1, &s, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        app = (long)sqlite3_column_int64(s, 0);
        version = (long)sqlite3_column_int64(s, 1);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE && app != STORE_APPLICATION_ID)
        found(f, "the application id is 0x%08lx, not ache's (0x%08x)",
              (unsigned long)(uint32_t)app, STORE_APPLICATION_ID);
    if (rc == SQLITE_DONE && version != STORE_SCHEMA_VERSION)
        found(f, "the schema version is %ld, not %d", version,
              STORE_SCHEMA_VERSION);
    for (size_t i = 0; rc == SQLITE_DONE && i < sizeof expected /
                                                    sizeof expected[0];
         i++)
        check_object(st, i, f, &rc);
    if (rc == SQLITE_DONE)
        return;
    if (is_damage(rc))
        found(f, "the list of tables cannot be read (SQLite: %s)",
              sqlite3_errmsg(st->db));
    else
        *status = store_db_fail(st, rc, err, "checking the diary");
}

enum ache_status store_check_all(struct store *st, ache_day today,
                                 store_problem_fn fn, void *ctx,
                                 size_t *problems, struct ache_err *err)
{
    struct findings f = {fn, ctx, 0};
    enum ache_status status = ACHE_OK;
    check_integrity(st, &f, err, &status);
    if (!status)
        check_links(st, &f, err, &status);
    if (!status)
        check_own_values(st, &f, err, &status);
    if (!status)
        check_schema(st, &f, err, &status);
    *problems = f.n;
    if (!status && f.n == 0) {
        char day[DATE_BUF];
        note_checked(st, date_format(today, day));
    }
    return status;
}
