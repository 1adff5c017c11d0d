/* store_fields: the diary's field table, read into the process's (fields.h)
 * and written a field at a time.
 *
 * A field is a record like a check-in: a random id (the built-in ones a
 * fixed one every copy shares), stamps, a revision that a write must name,
 * and the change that wrote it last. What a change replaces is kept whole
 * in record_version, as JSON, so that `ache undo` can put it back.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/fields.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"

#define FIELD_COLUMNS                                                      \
    "id, n, name, kind, label, low_word, high_word, weekly, hidden,"       \
    " created_at, updated_at, rev"

/* ---- reading --------------------------------------------------------------- */

static const char *column_text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

static char *column_dup(sqlite3_stmt *s, int col)
{
    const char *t = column_text(s, col);
    return t ? xstrdup(t) : NULL;
}

/* A row of FIELD_COLUMNS. */
static void read_field(sqlite3_stmt *s, struct field_record *f)
{
    memset(f, 0, sizeof *f);
    snprintf(f->id, sizeof f->id, "%s", column_text(s, 0));
    f->key = sqlite3_column_int(s, 1);
    snprintf(f->name, sizeof f->name, "%s", column_text(s, 2));
    f->kind = field_kind_find(column_text(s, 3));
    f->label = column_dup(s, 4);
    f->low_word = column_dup(s, 5);
    f->high_word = column_dup(s, 6);
    f->weekly = sqlite3_column_int(s, 7) != 0;
    f->hidden = sqlite3_column_int(s, 8) != 0;
    f->created_at = sqlite3_column_int64(s, 9);
    f->updated_at = sqlite3_column_int64(s, 10);
    f->rev = sqlite3_column_int64(s, 11);
}

void store_field_list_free(struct store_field_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        field_record_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

static enum ache_status prepare(struct store *st, const char *sql,
                                sqlite3_stmt **s, struct ache_err *err)
{
    return store_prepare(st, sql, s, "reading the fields", err);
}

/* Every field row, in key order (uses left 0). */
static enum ache_status read_all(struct store *st,
                                 struct store_field_list *out,
                                 struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(
        st, "SELECT " FIELD_COLUMNS " FROM field ORDER BY n", &s, err);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->items = xreallocarray(out->items, out->n + 1, sizeof *out->items);
        read_field(s, &out->items[out->n++]);
    }
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading the fields");
    sqlite3_finalize(s);
    if (status)
        store_field_list_free(out);
    return status;
}

/* Makes the rows the process's field table. A row of a kind this ache
 * does not know (a newer ache's) is left out rather than misread. */
static void install(const struct store_field_list *list)
{
    struct field_row *rows = xcalloc(list->n + 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++) {
        const struct field_record *f = &list->items[i];
        if (f->kind == FIELD_KIND_COUNT)
            continue;
        rows[n++] = (struct field_row){f->key,      f->name,
                                       f->label,    f->low_word,
                                       f->high_word, f->kind,
                                       f->weekly,   f->hidden};
    }
    fields_install(rows, n);
    free(rows);
}

enum ache_status store_fields_load(struct store *st, struct ache_err *err)
{
    struct store_field_list list;
    enum ache_status status = read_all(st, &list, err);
    if (!status)
        install(&list);
    store_field_list_free(&list);
    return status;
}

/* How many check-ins give each field a value: the built-in ones from
 * their columns' index, the own ones from theirs. */
static enum ache_status count_uses(struct store *st,
                                   struct store_field_list *list,
                                   struct ache_err *err)
{
    struct strbuf sql = {0};
    strbuf_append(&sql, "SELECT -1, 0");
    for (int f = 0; f < CF_COUNT; f++)
        strbuf_printf(&sql, " UNION ALL SELECT %d, count(%s) FROM checkin", f,
                      checkin_field_info((enum checkin_field)f)->name);
    strbuf_append(&sql, " UNION ALL SELECT field, count(*) FROM"
                        " checkin_value GROUP BY field");
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, strbuf_str(&sql), &s, err);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        int key = sqlite3_column_int(s, 0);
        for (size_t i = 0; i < list->n; i++)
            if (list->items[i].key == key)
                list->items[i].uses = (long)sqlite3_column_int64(s, 1);
    }
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "counting the fields' values");
    sqlite3_finalize(s);
    strbuf_free(&sql);
    return status;
}

enum ache_status store_fields_list(struct store *st,
                                   struct store_field_list *out,
                                   struct ache_err *err)
{
    enum ache_status status = read_all(st, out, err);
    if (!status)
        status = count_uses(st, out, err);
    if (status)
        store_field_list_free(out);
    return status;
}

/* The stored field of id (or, id NULL, of key); *found false when there
 * is none. */
static enum ache_status read_one(struct store *st, const char *id, int key,
                                 struct field_record *f, bool *found,
                                 struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        prepare(st,
                id ? "SELECT " FIELD_COLUMNS " FROM field WHERE id = ?1"
                   : "SELECT " FIELD_COLUMNS " FROM field WHERE n = ?1",
                &s, err);
    if (status)
        return status;
    if (id)
        sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int(s, 1, key);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found)
        read_field(s, f);
    else if (rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading a field");
    sqlite3_finalize(s);
    return status;
}

enum ache_status store_field_get(struct store *st, int key,
                                 struct field_record *out, bool *found,
                                 struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    return read_one(st, NULL, key, out, found, err);
}

/* ---- checks --------------------------------------------------------------- */

static bool own_kind(enum field_kind k)
{
    return k == FIELD_RATING || k == FIELD_TALLY || k == FIELD_MINUTES ||
           k == FIELD_YESNO;
}

/* ---- writing --------------------------------------------------------------- */

/* Binds f's columns as FIELD_WRITE and FIELD_INSERT name them. */
static void bind_field(sqlite3_stmt *s, const struct field_record *f,
                       int64_t change)
{
    sqlite3_bind_text(s, 1, f->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, f->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, f->label, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, f->low_word, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, f->high_word, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 6, f->weekly);
    sqlite3_bind_int(s, 7, f->hidden);
    sqlite3_bind_int64(s, 8, f->updated_at);
    sqlite3_bind_int64(s, 9, f->rev);
    sqlite3_bind_int64(s, 10, change);
    sqlite3_bind_text(s, 11, field_kind_name(f->kind), -1, SQLITE_STATIC);
    if (f->created_at)
        sqlite3_bind_int64(s, 12, f->created_at);
}

static enum ache_status run_field(struct store *st, const char *sql,
                                  const struct field_record *f, int64_t change,
                                  struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    bind_field(s, f, change);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return ache_fail(err, ACHE_ERR_INVALID, "'%s' is already a field",
                         f->name);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err, "storing a field");
}

/* Ends a write of the field table: committed, the table is read again
 * into the process's. */
static enum ache_status end_field_write(struct store *st,
                                        enum ache_status status,
                                        struct store_change *ch,
                                        int64_t change, struct ache_err *err)
{
    status = store_write_end(st, status, err);
    if (!status)
        store_change_joined(st, ch, change);
    if (!status)
        status = store_fields_load(st, err);
    return status;
}

static enum ache_status check_new_field(struct field_record *f,
                                        struct ache_err *err)
{
    enum ache_status status = field_name_check(f->name, err);
    if (!status && !own_kind(f->kind))
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "kind: give %s", field_kind_choices());
    if (!status)
        status = field_record_check_texts(f, err);
    if (!status && fields_count() >= CF_COUNT + FIELD_OWN_MAX)
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "the diary has %d fields of its own, the most "
                           "it holds; hide one you no longer use, or reuse "
                           "it",
                           FIELD_OWN_MAX);
    return status;
}

static enum ache_status insert_row(struct store *st, struct field_record *f,
                                   int64_t change, struct ache_err *err)
{
    static const char sql[] =
        "INSERT INTO field (id, name, label, low_word, high_word, weekly,"
        " hidden, updated_at, rev, change, kind, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    enum ache_status status = run_field(st, sql, f, change, err);
    if (!status)
        f->key = (int)sqlite3_last_insert_rowid(st->db);
    return status;
}

/* Writes f over the stored field of its id, keeping what it replaces. */
static enum ache_status update_row(struct store *st,
                                   const struct field_record *f,
                                   int64_t change, struct ache_err *err)
{
    static const char sql[] =
        "UPDATE field SET name = ?2, label = ?3, low_word = ?4,"
        " high_word = ?5, weekly = ?6, hidden = ?7, updated_at = ?8,"
        " rev = ?9, change = ?10 WHERE id = ?1 AND kind = ?11";
    enum ache_status status =
        store_record_keep(st, "field", f->id, change, false, err);
    return status ? status : run_field(st, sql, f, change, err);
}

enum ache_status store_field_add(struct store *st, struct field_record *f,
                                 struct store_change *ch,
                                 struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_FIELDS, .detail = f->name};
    ch = ch ? ch : &own;
    enum ache_status status = check_new_field(f, err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    checkin_new_id(f->id);
    f->created_at = f->updated_at = stamp_now();
    f->rev = 1;
    int64_t change = 0;
    status = store_take_change(st, ch, false, &change, err);
    if (!status)
        status = insert_row(st, f, change, err);
    return end_field_write(st, status, ch, change, err);
}

static bool same_text(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

static bool same_field(const struct field_record *a,
                       const struct field_record *b)
{
    return strcmp(a->name, b->name) == 0 && same_text(a->label, b->label) &&
           same_text(a->low_word, b->low_word) &&
           same_text(a->high_word, b->high_word) && a->weekly == b->weekly &&
           a->hidden == b->hidden;
}

/* What may change of cur to become f: an own field's name (checked, and
 * free), never a built-in one's, never a kind. */
static enum ache_status check_rewrite(const struct field_record *cur,
                                      struct field_record *f,
                                      struct ache_err *err)
{
    if (cur->rev != f->rev)
        return ache_fail(err, ACHE_ERR_CONFLICT,
                         "field %s was changed elsewhere since it was read",
                         cur->name);
    if (f->kind != cur->kind)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: a field's kind stays what it was made (%s)",
                         cur->name, field_kind_name(cur->kind));
    if (strcmp(f->name, cur->name) == 0)
        return field_record_check_texts(f, err);
    if (cur->key < CF_COUNT)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s is built in: its name stays (files and "
                         "exports use it); give it a --label instead",
                         cur->name);
    enum ache_status status = field_name_check(f->name, err);
    return status ? status : field_record_check_texts(f, err);
}

enum ache_status store_field_write(struct store *st, struct field_record *f,
                                   struct store_change *ch,
                                   struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_FIELDS, .detail = f->name};
    ch = ch ? ch : &own;
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    struct field_record cur = {0};
    bool found = false;
    int64_t change = 0;
    status = read_one(st, f->id, 0, &cur, &found, err);
    if (!status && !found)
        status = ache_fail(err, ACHE_ERR_NOT_FOUND, "no field with id '%s'",
                           f->id);
    if (!status)
        status = check_rewrite(&cur, f, err);
    bool same = !status && same_field(&cur, f);
    if (!status && !same)
        status = store_take_change(st, ch, false, &change, err);
    f->updated_at = same ? cur.updated_at : store_stamp_after(cur.updated_at);
    f->rev = same ? cur.rev : cur.rev + 1;
    f->created_at = cur.created_at;
    if (!status && !same)
        status = update_row(st, f, change, err);
    field_record_free(&cur);
    return end_field_write(st, status, ch, change, err);
}

/* ---- merging a file's field ------------------------------------------------- */

/* The stored field of the name f has, when f's id is not in the diary:
 * the same field when the kinds agree, refused when they do not. */
static enum ache_status match_by_name(struct store *st,
                                      const struct field_record *f,
                                      bool *found, struct ache_err *err)
{
    const struct field_info *fi = field_named(f->name);
    *found = fi != NULL;
    if (*found && fi->kind != f->kind)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "field %s: a %s in the file, a %s in the diary",
                         f->name, field_kind_name(f->kind),
                         field_kind_name(fi->kind));
    (void)st;
    return ACHE_OK;
}

/* The file's version of a field the diary has by id: taken whole (with
 * its stamps) when newer, as a check-in's is. */
static enum ache_status merge_newer(struct store *st,
                                    const struct field_record *cur,
                                    const struct field_record *f,
                                    struct store_lazy_change *lc,
                                    enum store_merge_result *r,
                                    struct ache_err *err)
{
    struct field_record next = *f;
    next.key = cur->key;
    next.rev = cur->rev;
    enum ache_status status = check_rewrite(cur, &next, err);
    bool same = !status && same_field(cur, &next);
    bool newer = f->updated_at > cur->updated_at;
    *r = same ? STORE_UNCHANGED : newer ? STORE_UPDATED : STORE_OLDER;
    next.rev = cur->rev + 1;
    if (!next.created_at)
        next.created_at = cur->created_at;
    /* the same content newer elsewhere takes its stamps too, so that
     * copies agree on which is newest */
    int64_t change = 0;
    if (!status && newer)
        status = store_lazy_take(st, lc, &change, err);
    if (!status && newer)
        status = update_row(st, &next, change, err);
    return status;
}

static enum ache_status merge_field(struct store *st,
                                    const struct field_record *f,
                                    struct store_lazy_change *lc,
                                    enum store_merge_result *r,
                                    struct ache_err *err)
{
    struct field_record cur = {0};
    bool found = false;
    enum ache_status status =
        f->id[0] ? read_one(st, f->id, 0, &cur, &found, err) : ACHE_OK;
    if (!status && found)
        status = merge_newer(st, &cur, f, lc, r, err);
    field_record_free(&cur);
    if (status || found)
        return status;
    status = match_by_name(st, f, &found, err);
    *r = found ? STORE_UNCHANGED : STORE_ADDED;
    if (status || found)
        return status;
    struct field_record add = *f;
    if (!add.id[0])
        checkin_new_id(add.id);
    add.updated_at = add.updated_at ? add.updated_at : stamp_now();
    add.rev = 1;
    int64_t change = 0;
    status = check_new_field(&add, err);
    if (!status)
        status = store_lazy_take(st, lc, &change, err);
    return status ? status : insert_row(st, &add, change, err);
}

enum ache_status store_field_merge(struct store *st,
                                   const struct field_record *f,
                                   struct store_change *ch,
                                   enum store_merge_result *r,
                                   struct ache_err *err)
{
    *r = STORE_UNCHANGED;
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    /* NULL: a change of its own, as store.h promises */
    struct store_change own = {.source = STORE_BY_IMPORT, .detail = NULL};
    ch = ch ? ch : &own;
    struct store_lazy_change lc = {ch, 0};
    status = merge_field(st, f, &lc, r, err);
    return end_field_write(st, status, ch, lc.n, err);
}

/* ---- values of chosen fields ------------------------------------------------ */

enum ache_status store_own_values(struct store *st, const int *keys,
                                  size_t nkeys, ache_day from, ache_day to,
                                  store_value_fn fn, void *ctx,
                                  struct ache_err *err)
{
    static const char sql[] =
        "SELECT c.date, cv.field, cv.value FROM checkin_value cv"
        " JOIN checkin c ON c.n = cv.checkin"
        " WHERE cv.field IN (?3, ?4, ?5, ?6, ?7, ?8)"
        " AND c.date >= ?1 AND c.date <= ?2 ORDER BY c.date, c.time";
    char lo[DATE_BUF], hi[DATE_BUF];
    store_range_bounds(from, to, lo, hi);
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
    for (int i = 0; i < 6; i++) /* the keys not asked for match nothing */
        sqlite3_bind_int(s, 3 + i, (size_t)i < nkeys ? keys[i] : -1);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ache_day day;
        if (date_parse_iso(column_text(s, 0), &day))
            fn(day, sqlite3_column_int(s, 1), sqlite3_column_int(s, 2), ctx);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err, "reading values");
}

enum ache_status store_fields_reload(struct store *st, struct ache_err *err)
{
    return store_fields_load(st, err);
}
