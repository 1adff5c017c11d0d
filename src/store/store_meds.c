/* store_meds: medicines, their periods and doses in the diary.
 *
 * Every write is one change (source meds or took), keeps what it replaces
 * as an earlier version of the record (store_records.c), and reads what it
 * changes inside its own transaction, so that two programs changing one
 * medicine never undo each other. Names are found without regard to case
 * (the schema's COLLATE NOCASE): "Ibuprofen" and "ibuprofen" are one.
 */
#include "store_impl.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/date.h"
#include "ache/meds.h"
#include "ache/store.h"
#include "ache/util.h"

#define PERIOD_COLUMNS                                                     \
    "p.id, p.start, p.stop, p.dose, p.unit, p.times, p.as_needed,"         \
    " p.created_at, p.updated_at, p.rev"

static const char *column_text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

static enum ache_status prepare(struct store *st, const char *sql,
                                sqlite3_stmt **s, struct ache_err *err)
{
    return store_prepare(st, sql, s, "reading medicines", err);
}

static enum ache_status step_done(struct store *st, sqlite3_stmt *s,
                                  const char *doing, struct ache_err *err)
{
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK : store_db_fail(st, rc, err, doing);
}

static void copy_text(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static ache_day column_day(sqlite3_stmt *s, int col)
{
    ache_day d = MED_OPEN;
    const char *t = column_text(s, col);
    if (t && !date_parse_iso(t, &d))
        d = MED_OPEN;
    return d;
}

/* Thousandths from a REAL column (0 for NULL). */
static int64_t column_milli(sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return 0;
    double v = sqlite3_column_double(s, col) * 1000.0;
    return (int64_t)(v + 0.5);
}

static void bind_milli(sqlite3_stmt *s, int param, int64_t milli)
{
    if (milli)
        sqlite3_bind_double(s, param, (double)milli / 1000.0);
}

/* A row of PERIOD_COLUMNS from column 0. */
static void read_period(sqlite3_stmt *s, struct med_period *p)
{
    struct ache_err ignored;
    memset(p, 0, sizeof *p);
    copy_text(p->id, sizeof p->id, column_text(s, 0));
    p->start = column_day(s, 1);
    p->stop = column_day(s, 2);
    p->dose = column_milli(s, 3);
    copy_text(p->unit, sizeof p->unit, column_text(s, 4));
    if (column_text(s, 5))
        med_times_parse(column_text(s, 5), p, &ignored);
    p->as_needed = sqlite3_column_int(s, 6) != 0;
    p->created_at = sqlite3_column_int64(s, 7);
    p->updated_at = sqlite3_column_int64(s, 8);
    p->rev = sqlite3_column_int64(s, 9);
}

/* ---- reading ---------------------------------------------------------------- */

/* The periods of the medicine keyed n, by start, into m. */
static enum ache_status read_periods(struct store *st, sqlite3_int64 n,
                                     struct med *m, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(
        st,
        "SELECT " PERIOD_COLUMNS " FROM med_period p WHERE p.med = ?1"
        " ORDER BY p.start, coalesce(p.created_at, 0), p.id",
        &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, n);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        m->periods = xreallocarray(m->periods, m->nperiods + 1,
                                   sizeof *m->periods);
        read_period(s, &m->periods[m->nperiods++]);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading medicines");
}

#define MED_SELECT                                                         \
    "SELECT id, name, created_at, updated_at, rev, n FROM med"

static void read_med(sqlite3_stmt *s, struct med *m, sqlite3_int64 *n)
{
    memset(m, 0, sizeof *m);
    copy_text(m->id, sizeof m->id, column_text(s, 0));
    copy_text(m->name, sizeof m->name, column_text(s, 1));
    m->created_at = sqlite3_column_int64(s, 2);
    m->updated_at = sqlite3_column_int64(s, 3);
    m->rev = sqlite3_column_int64(s, 4);
    *n = sqlite3_column_int64(s, 5);
}

enum ache_status store_meds_list(struct store *st, struct med_list *out,
                                 struct ache_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = NULL;
    enum ache_status status =
        prepare(st, MED_SELECT " ORDER BY name COLLATE NOCASE", &s, err);
    int rc = SQLITE_DONE;
    while (!status && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 n;
        out->items = xreallocarray(out->items, out->n + 1, sizeof *out->items);
        struct med *m = &out->items[out->n++];
        read_med(s, m, &n);
        status = read_periods(st, n, m, err);
    }
    if (!status && rc != SQLITE_DONE)
        status = store_db_fail(st, rc, err, "reading medicines");
    sqlite3_finalize(s);
    if (status)
        med_list_free(out);
    return status;
}

/* The medicine named name (any case) into *m with its periods; *n its
 * key, 0 when the diary has none of that name. */
static enum ache_status find_med(struct store *st, const char *name,
                                 struct med *m, sqlite3_int64 *n,
                                 struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    *n = 0;
    memset(m, 0, sizeof *m);
    enum ache_status status = prepare(st, MED_SELECT " WHERE name = ?1", &s,
                                      err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_med(s, m, n);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_db_fail(st, rc, err, "reading a medicine");
    return *n ? read_periods(st, *n, m, err) : ACHE_OK;
}

enum ache_status store_med_get(struct store *st, const char *name,
                               struct med *out, bool *found,
                               struct ache_err *err)
{
    sqlite3_int64 n = 0;
    enum ache_status status = find_med(st, name, out, &n, err);
    *found = n != 0;
    return status;
}

static enum ache_status no_such_med(const char *name, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_INVALID,
                     "no medicine '%s' (`ache meds` lists them; `ache meds "
                     "add NAME` adds one)",
                     name);
}

/* ---- writing periods -------------------------------------------------------- */

static void bind_day(sqlite3_stmt *s, int param, ache_day d)
{
    char buf[DATE_BUF];
    if (d != MED_OPEN)
        sqlite3_bind_text(s, param, date_format(d, buf), -1,
                          SQLITE_TRANSIENT);
}

/* Binds a period's columns at ?2..?10 (?1 its id, ?11 the change). */
static void bind_period(sqlite3_stmt *s, const struct med_period *p,
                        int64_t change)
{
    struct strbuf times = {0};
    med_times_format(p, &times);
    sqlite3_bind_text(s, 1, p->id, -1, SQLITE_STATIC);
    bind_day(s, 2, p->start);
    bind_day(s, 3, p->stop);
    bind_milli(s, 4, p->dose);
    if (p->unit[0])
        sqlite3_bind_text(s, 5, p->unit, -1, SQLITE_STATIC);
    if (times.len)
        sqlite3_bind_text(s, 6, strbuf_str(&times), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 7, p->as_needed);
    if (p->created_at)
        sqlite3_bind_int64(s, 8, p->created_at);
    sqlite3_bind_int64(s, 9, p->updated_at);
    sqlite3_bind_int64(s, 10, p->rev);
    sqlite3_bind_int64(s, 11, change);
    strbuf_free(&times);
}

static enum ache_status insert_period(struct store *st, sqlite3_int64 med,
                                      struct med_period *p, int64_t change,
                                      struct ache_err *err)
{
    static const char sql[] =
        "INSERT INTO med_period (id, start, stop, dose, unit, times,"
        " as_needed, created_at, updated_at, rev, change, med)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    if (!p->id[0]) { /* a new period; an imported one keeps its own */
        checkin_new_id(p->id);
        p->created_at = p->updated_at = stamp_now();
    }
    p->rev = 1;
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    bind_period(s, p, change);
    sqlite3_bind_int64(s, 12, med);
    return step_done(st, s, "storing a medicine's period", err);
}

/* Writes p over the stored period of its id (at p->rev), keeping the
 * version it replaces; p gets the new stamps and revision. An imported
 * period (`imported`) keeps the stamp it comes with. */
static enum ache_status write_period(struct store *st, struct med_period *p,
                                     int64_t change, bool imported,
                                     struct ache_err *err)
{
    static const char sql[] =
        "UPDATE med_period SET start = ?2, stop = ?3, dose = ?4, unit = ?5,"
        " times = ?6, as_needed = ?7, updated_at = ?9, rev = ?10 + 1,"
        " change = ?11 WHERE id = ?1 AND rev = ?10";
    enum ache_status status =
        store_record_keep(st, "period", p->id, change, false, err);
    sqlite3_stmt *s = NULL;
    if (!status)
        status = prepare(st, sql, &s, err);
    if (status)
        return status;
    if (!imported)
        p->updated_at = store_stamp_after(p->updated_at);
    bind_period(s, p, change);
    status = step_done(st, s, "changing a medicine's period", err);
    if (!status && sqlite3_changes(st->db) != 1)
        status = ache_fail(err, ACHE_ERR_CONFLICT,
                           "the regimen was changed elsewhere since it was "
                           "read");
    p->rev++;
    return status;
}

static enum ache_status update_period(struct store *st, struct med_period *p,
                                      int64_t change, struct ache_err *err)
{
    return write_period(st, p, change, false, err);
}

/* ---- the writes ------------------------------------------------------------- */

/* Runs `write` on the medicine named name inside one write and change. */
struct med_write {
    const char *name;
    struct med_period *period; /* the regimen given; what it became */
    unsigned what;             /* change: the parts of it given */
    bool *same;                /* change: it gave what was there */
    ache_day day;
    struct dose *dose;
    struct store_dose_new *take; /* a dose filled from its regimen */
    ache_day *moved_from; /* a dose before the start: where it was */
    const char *tag;      /* --from-tag: whose days become doses */
    size_t *count;        /* ... how many */
    /* the write's change, taken by the first write it makes (a change
     * of regimen to what it is writes nothing, and makes no change) */
    struct store_lazy_change lc;
    enum ache_status (*fn)(struct store *st, struct med_write *w,
                           struct med *m, sqlite3_int64 n, int64_t change,
                           struct ache_err *err);
};

static enum ache_status change_fn(struct store *st, struct med_write *w,
                                  struct med *m, sqlite3_int64 n,
                                  int64_t change, struct ache_err *err);

/* Runs w->fn inside one write; fn is given the write's change, taken
 * now, except a change of regimen, which takes it when it writes. */
static enum ache_status run_write(struct store *st, struct med_write *w,
                                  struct store_change *ch,
                                  struct ache_err *err)
{
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    struct med m;
    sqlite3_int64 n = 0;
    int64_t change = 0;
    w->lc = (struct store_lazy_change){ch, 0};
    status = find_med(st, w->name, &m, &n, err);
    if (!status && w->fn != change_fn)
        status = store_lazy_take(st, &w->lc, &change, err);
    if (!status)
        status = w->fn(st, w, &m, n, change, err);
    med_free(&m);
    status = store_write_end(st, status, err);
    if (!status)
        store_change_joined(st, ch, w->lc.n);
    return status;
}

/* A new medicine, or (m->id set) an imported one with its id and stamps. */
static enum ache_status insert_med(struct store *st, const struct med *m,
                                   int64_t change, sqlite3_int64 *n,
                                   struct ache_err *err)
{
    static const char sql[] =
        "INSERT INTO med (id, name, created_at, updated_at, rev, change)"
        " VALUES (?1, ?2, ?3, ?4, 1, ?5)";
    char id[CHECKIN_ID_LEN + 1];
    int64_t now = stamp_now();
    if (m->id[0])
        memcpy(id, m->id, sizeof id);
    else
        checkin_new_id(id);
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, m->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, m->id[0] ? m->created_at : now);
    sqlite3_bind_int64(s, 4, m->id[0] && m->updated_at ? m->updated_at : now);
    sqlite3_bind_int64(s, 5, change);
    status = step_done(st, s, "storing a medicine", err);
    *n = sqlite3_last_insert_rowid(st->db);
    return status;
}

static enum ache_status add_fn(struct store *st, struct med_write *w,
                               struct med *m, sqlite3_int64 n, int64_t change,
                               struct ache_err *err)
{
    const struct med_period *last = med_last_period(m);
    char day[DATE_BUF];
    if (last && last->stop == MED_OPEN)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s is taken already (since %s): `ache meds change` "
                         "changes its regimen",
                         m->name, date_format(last->start, day));
    if (last && w->period->start < last->stop)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s was taken until %s: a new start comes on or "
                         "after that day",
                         m->name, date_format(last->stop, day));
    struct med named = {.nperiods = 0};
    snprintf(named.name, sizeof named.name, "%s", w->name);
    enum ache_status status =
        n ? ACHE_OK : insert_med(st, &named, change, &n, err);
    w->period->stop = MED_OPEN;
    return status ? status : insert_period(st, n, w->period, change, err);
}

enum ache_status store_med_add(struct store *st, const char *name,
                               struct med_period *first,
                               struct store_change *ch, struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_MEDS, .detail = name};
    struct med_write w = {.name = name, .period = first, .fn = add_fn};
    enum ache_status status = med_name_check(name, err);
    return status ? status : run_write(st, &w, ch ? ch : &own, err);
}

/* The open period of m, or the message why there is none. */
static enum ache_status open_period(const struct med *m, sqlite3_int64 n,
                                    const char *name, struct med_period **p,
                                    struct ache_err *err)
{
    char day[DATE_BUF];
    if (!n)
        return no_such_med(name, err);
    *p = m->nperiods ? &m->periods[m->nperiods - 1] : NULL;
    if (!*p)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s has no regimen: `ache meds add %s` starts one",
                         m->name, m->name);
    if ((*p)->stop != MED_OPEN)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s was stopped on %s: `ache meds add %s --start "
                         "DAY` starts it again",
                         m->name, date_format((*p)->stop, day), m->name);
    return ACHE_OK;
}

/* Whether two regimens say the same (their days and stamps aside). */
static bool same_regimen(const struct med_period *x,
                         const struct med_period *y)
{
    return x->dose == y->dose && strcmp(x->unit, y->unit) == 0 &&
           x->as_needed == y->as_needed && x->ntimes == y->ntimes &&
           memcmp(x->times, y->times, x->ntimes * sizeof *x->times) == 0;
}

static enum ache_status change_fn(struct store *st, struct med_write *w,
                                  struct med *m, sqlite3_int64 n,
                                  int64_t change, struct ache_err *err)
{
    struct med_period *cur = NULL;
    char day[DATE_BUF];
    enum ache_status status = open_period(m, n, w->name, &cur, err);
    if (status)
        return status;
    if (w->day < cur->start)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: a change on %s comes before its regimen began "
                         "(%s)",
                         m->name, date_format(w->day, day),
                         date_format(cur->start, (char[DATE_BUF]){0}));
    /* the regimen as it is now, read in this write, with what is given
     * put on top: never a copy read before */
    struct med_period next = *cur;
    med_period_apply(&next, w->period, w->what);
    if (next.dose && !next.unit[0])
        return ache_fail(err, ACHE_ERR_INVALID,
                         "dose: give its --unit too (mg, ml, tablet...)");
    *w->same = same_regimen(cur, &next);
    if (*w->same) { /* nothing to write, and no change to undo */
        *w->period = *cur;
        return ACHE_OK;
    }
    if ((status = store_lazy_take(st, &w->lc, &change, err)))
        return status;
    if (w->day == cur->start) { /* the same day: the regimen corrected */
        *w->period = next;
        return update_period(st, w->period, change, err);
    }
    cur->stop = w->day;
    status = update_period(st, cur, change, err);
    next.start = w->day;
    next.id[0] = '\0'; /* a period of its own */
    *w->period = next;
    return status ? status : insert_period(st, n, w->period, change, err);
}

enum ache_status store_med_change(struct store *st, const char *name,
                                  ache_day day, struct med_period *given,
                                  unsigned what, bool *same,
                                  struct store_change *ch,
                                  struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_MEDS, .detail = name};
    bool ignored = false;
    struct med_write w = {.name = name, .period = given, .what = what,
                          .same = same ? same : &ignored, .day = day,
                          .fn = change_fn};
    return run_write(st, &w, ch ? ch : &own, err);
}

static enum ache_status stop_fn(struct store *st, struct med_write *w,
                                struct med *m, sqlite3_int64 n,
                                int64_t change, struct ache_err *err)
{
    struct med_period *cur = NULL;
    char day[DATE_BUF], start[DATE_BUF];
    enum ache_status status = open_period(m, n, w->name, &cur, err);
    if (status)
        return status;
    if (w->day <= cur->start)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s: a stop on %s is not after its start (%s)",
                         m->name, date_format(w->day, day),
                         date_format(cur->start, start));
    cur->stop = w->day;
    *w->period = *cur;
    return update_period(st, w->period, change, err);
}

enum ache_status store_med_stop(struct store *st, const char *name,
                                ache_day day, struct med_period *stopped,
                                struct store_change *ch, struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_MEDS, .detail = name};
    struct med_write w = {.name = name, .period = stopped, .day = day,
                          .fn = stop_fn};
    return run_write(st, &w, ch ? ch : &own, err);
}

/* ---- a tag's days into doses ------------------------------------------------- */

/* The first day a check-in carried the tag; MED_OPEN when none did. */
static enum ache_status tag_first_day(struct store *st, const char *tag,
                                      ache_day *first, struct ache_err *err)
{
    bool found = false;
    enum ache_status status = store_tag_first_use(st, tag, &found, first, err);
    if (!found)
        *first = MED_OPEN;
    return status;
}

/* A dose for each check-in that carries the tag, on its day and time,
 * with the regimen's amount and unit. */
static enum ache_status doses_from_tag(struct store *st, sqlite3_int64 med,
                                       const struct med_write *w,
                                       int64_t change, struct ache_err *err)
{
    static const char sql[] =
        "INSERT INTO dose (id, med, date, time, amount, unit, created_at,"
        " updated_at, rev, change)"
        " SELECT lower(hex(randomblob(16))), ?1, c.date, c.time, ?2, ?3,"
        " ?4, ?4, 1, ?5 FROM checkin c"
        " JOIN checkin_tag ct ON ct.checkin = c.n"
        " JOIN tag t ON t.id = ct.tag_id WHERE t.name = ?6"
        " ORDER BY c.date, c.time, c.n";
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, med);
    bind_milli(s, 2, w->period->dose);
    if (w->period->unit[0])
        sqlite3_bind_text(s, 3, w->period->unit, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, stamp_now());
    sqlite3_bind_int64(s, 5, change);
    sqlite3_bind_text(s, 6, w->tag, -1, SQLITE_STATIC);
    status = step_done(st, s, "turning a tag into doses", err);
    *w->count = (size_t)sqlite3_changes(st->db);
    return status;
}

static enum ache_status from_tag_fn(struct store *st, struct med_write *w,
                                    struct med *m, sqlite3_int64 n,
                                    int64_t change, struct ache_err *err)
{
    ache_day first;
    if (n)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "%s is in the diary already: --from-tag makes a "
                         "new medicine",
                         m->name);
    enum ache_status status = tag_first_day(st, w->tag, &first, err);
    if (!status && first == MED_OPEN)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "no check-in carries the tag '%s'", w->tag);
    if (!status && (w->period->start == MED_OPEN || first < w->period->start))
        w->period->start = first;
    if (!status)
        status = add_fn(st, w, m, n, change, err);
    struct med added;
    if (!status)
        status = find_med(st, w->name, &added, &n, err);
    if (!status)
        med_free(&added);
    return status ? status : doses_from_tag(st, n, w, change, err);
}

enum ache_status store_med_from_tag(struct store *st, const char *name,
                                    struct med_period *first, const char *tag,
                                    size_t *doses, struct store_change *ch,
                                    struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_MEDS, .detail = name};
    struct med_write w = {.name = name, .period = first, .tag = tag,
                          .count = doses, .fn = from_tag_fn};
    *doses = 0;
    enum ache_status status = med_name_check(name, err);
    return status ? status : run_write(st, &w, ch ? ch : &own, err);
}

/* ---- doses ------------------------------------------------------------------ */

static enum ache_status insert_dose(struct store *st, sqlite3_int64 med,
                                    struct dose *d, int64_t change,
                                    struct ache_err *err)
{
    static const char sql[] =
        "INSERT INTO dose (id, med, date, time, amount, unit, created_at,"
        " updated_at, rev, change) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9,"
        " 1, ?8)";
    char day[DATE_BUF], when[TIME_BUF];
    if (!d->id[0]) { /* a new dose; an imported one keeps its own */
        checkin_new_id(d->id);
        d->created_at = d->updated_at = stamp_now();
    }
    d->rev = 1;
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, med);
    sqlite3_bind_text(s, 3, date_format(d->date, day), -1, SQLITE_STATIC);
    if (d->minute != CHECKIN_TIME_ABSENT)
        sqlite3_bind_text(s, 4, time_format(d->minute, when), -1,
                          SQLITE_STATIC);
    bind_milli(s, 5, d->amount);
    if (d->unit[0])
        sqlite3_bind_text(s, 6, d->unit, -1, SQLITE_STATIC);
    if (d->created_at)
        sqlite3_bind_int64(s, 7, d->created_at);
    sqlite3_bind_int64(s, 8, change);
    sqlite3_bind_int64(s, 9, d->updated_at ? d->updated_at : stamp_now());
    return step_done(st, s, "storing a dose", err);
}

/* The period a dose takes its amount from: its day's; before the first
 * start the first (whose start the dose moves back); off every period
 * the latest. */
static const struct med_period *dose_period(const struct med *m, ache_day day)
{
    const struct med_period *p = med_period_on(m, day);
    if (!p && m->nperiods && day < m->periods[0].start)
        p = &m->periods[0];
    return p ? p : med_last_period(m);
}

/* What the caller left out of t->dose, from p as this write read it. A
 * unit alone only names the regimen's own: the regimen's amount in
 * another unit would be another dose. */
static enum ache_status fill_dose(struct store_dose_new *t,
                                  const struct med_period *p,
                                  struct ache_err *err)
{
    struct dose *d = &t->dose;
    if (t->seen && (!p || strcmp(p->id, t->seen->id) != 0 ||
                    p->rev != t->seen->rev))
        return ache_fail(err, ACHE_ERR_CONFLICT,
                         "the regimen of %s was changed elsewhere since it "
                         "was read",
                         d->med);
    bool unit_given = d->unit[0] != '\0';
    bool own_unit = p && (!unit_given || strcmp(d->unit, p->unit) == 0);
    if (p && !d->amount && p->dose && own_unit)
        d->amount = p->dose;
    if (p && d->amount && (!unit_given || own_unit))
        copy_text(d->unit, sizeof d->unit, p->unit);
    t->unit_alone = !d->amount && unit_given;
    if (t->unit_alone)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "--unit %s goes with the amount taken (ache took "
                         "NAME AMOUNT --unit %s)",
                         d->unit, d->unit);
    return ACHE_OK;
}

/* Refuses a dose when the doses of its medicine (key med) on its day are
 * no longer those the caller read. */
static enum ache_status same_dose_day(struct store *st, sqlite3_int64 med,
                                      const struct store_dose_new *t,
                                      struct ache_err *err)
{
    char day[DATE_BUF];
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(
        st,
        "SELECT count(*), ifnull(max(updated_at), 0) FROM dose"
        " WHERE med = ?1 AND date = ?2",
        &s, err);
    if (status)
        return status;
    sqlite3_bind_int64(s, 1, med);
    sqlite3_bind_text(s, 2, date_format(t->dose.date, day), -1,
                      SQLITE_STATIC);
    int rc = sqlite3_step(s);
    bool same = rc == SQLITE_ROW &&
                sqlite3_column_int64(s, 0) == t->seen_day->count &&
                sqlite3_column_int64(s, 1) == t->seen_day->latest;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return store_db_fail(st, rc, err, "reading doses");
    return same ? ACHE_OK
                : ache_fail(err, ACHE_ERR_CONFLICT,
                            "the doses of %s on %s were changed elsewhere "
                            "since they were read",
                            t->dose.med, day);
}

/* A dose before the medicine's first start moves that start back to the
 * dose's day (it was taken before it was entered). */
static enum ache_status took_fn(struct store *st, struct med_write *w,
                                struct med *m, sqlite3_int64 n,
                                int64_t change, struct ache_err *err)
{
    if (!n)
        return no_such_med(w->name, err);
    snprintf(w->dose->med, sizeof w->dose->med, "%s", m->name);
    struct med_period *first = m->nperiods ? &m->periods[0] : NULL;
    enum ache_status status =
        w->take ? fill_dose(w->take, dose_period(m, w->dose->date), err)
                : ACHE_OK;
    if (!status && w->take && w->take->seen_day)
        status = same_dose_day(st, n, w->take, err);
    if (status)
        return status;
    if (first && w->dose->date < first->start) {
        *w->moved_from = first->start;
        first->start = w->dose->date;
        status = update_period(st, first, change, err);
    }
    return status ? status : insert_dose(st, n, w->dose, change, err);
}

enum ache_status store_dose_add(struct store *st, struct dose *d,
                                ache_day *moved_from, struct store_change *ch,
                                struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_TOOK, .detail = d->med};
    struct med_write w = {.name = d->med, .dose = d, .moved_from = moved_from,
                          .fn = took_fn};
    *moved_from = MED_OPEN;
    return run_write(st, &w, ch ? ch : &own, err);
}

enum ache_status store_dose_record(struct store *st, struct store_dose_new *n,
                                   struct store_change *ch,
                                   struct ache_err *err)
{
    struct store_change own = {.source = STORE_BY_TOOK,
                               .detail = n->dose.med};
    struct med_write w = {.name = n->dose.med, .dose = &n->dose, .take = n,
                          .moved_from = &n->moved_from, .fn = took_fn};
    n->moved_from = MED_OPEN;
    n->unit_alone = false;
    return run_write(st, &w, ch ? ch : &own, err);
}

#define DOSE_SELECT                                                        \
    "SELECT d.id, m.name, d.date, d.time, d.amount, d.unit,"               \
    " d.created_at, d.updated_at, d.rev FROM dose d"                       \
    " JOIN med m ON m.n = d.med"

/* A row of DOSE_SELECT. */
static void read_dose(sqlite3_stmt *s, struct dose *d)
{
    memset(d, 0, sizeof *d);
    copy_text(d->id, sizeof d->id, column_text(s, 0));
    copy_text(d->med, sizeof d->med, column_text(s, 1));
    d->date = column_day(s, 2);
    if (!column_text(s, 3) || !time_parse(column_text(s, 3), &d->minute))
        d->minute = CHECKIN_TIME_ABSENT;
    d->amount = column_milli(s, 4);
    copy_text(d->unit, sizeof d->unit, column_text(s, 5));
    d->created_at = sqlite3_column_int64(s, 6);
    d->updated_at = sqlite3_column_int64(s, 7);
    d->rev = sqlite3_column_int64(s, 8);
}

enum ache_status store_doses_list(struct store *st, ache_day from, ache_day to,
                                  struct dose_list *out, struct ache_err *err)
{
    static const char sql[] =
        DOSE_SELECT " WHERE d.date >= ?1 AND d.date <= ?2"
        " ORDER BY d.date, d.time, d.n";
    char lo[DATE_BUF], hi[DATE_BUF];
    memset(out, 0, sizeof *out);
    store_range_bounds(from, to, lo, hi);
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->items = xreallocarray(out->items, out->n + 1, sizeof *out->items);
        read_dose(s, &out->items[out->n++]);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ACHE_OK
                             : store_db_fail(st, rc, err, "reading doses");
}

enum ache_status store_dose_get(struct store *st, const char *id,
                                struct dose *out, bool *found,
                                struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    *found = false;
    memset(out, 0, sizeof *out);
    enum ache_status status = prepare(st, DOSE_SELECT " WHERE d.id = ?1", &s,
                                      err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found)
        read_dose(s, out);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a dose");
}

/* ---- removing a dose ---------------------------------------------------------- */

/* When the dose id was removed: *at its stamp, 0 when it was not. */
static enum ache_status dose_removed_at(struct store *st, const char *id,
                                        int64_t *at, struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    *at = 0;
    enum ache_status status = prepare(
        st,
        "SELECT deleted_at FROM record_deleted WHERE id = ?1"
        " AND kind = 'dose'",
        &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *at = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a dose");
}

/* Why the dose id is not in the diary: removed (when), or never there. */
static enum ache_status dose_missing(struct store *st, const char *id,
                                     struct ache_err *err)
{
    int64_t at = 0;
    char day[DATE_BUF];
    enum ache_status status = dose_removed_at(st, id, &at, err);
    if (status)
        return status;
    if (at)
        return ache_fail(err, ACHE_ERR_GONE, "dose %.8s was removed on %s",
                         id, date_format(stamp_local_day(at), day));
    return ache_fail(err, ACHE_ERR_NOT_FOUND, "no dose with id '%s'", id);
}

/* How many ids `sql` finds from low up to above, and the first. */
static enum ache_status count_ids(struct store *st, const char *sql,
                                  const char *low, long *count,
                                  char first[CHECKIN_ID_LEN + 1],
                                  struct ache_err *err)
{
    char above[CHECKIN_ID_LEN + 2];
    /* 'g' is just above every hex digit: the range walks the index */
    snprintf(above, sizeof above, "%sg", low);
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, low, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, above, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *count = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    if (*count > 0)
        copy_text(first, CHECKIN_ID_LEN + 1, column_text(s, 1));
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? ACHE_OK
                            : store_db_fail(st, rc, err, "looking up a dose");
}

enum ache_status store_dose_resolve(struct store *st, const char *prefix,
                                    char out[CHECKIN_ID_LEN + 1],
                                    struct ache_err *err)
{
    char low[CHECKIN_ID_LEN + 1] = "", first[2][CHECKIN_ID_LEN + 1];
    long count[2] = {0, 0};
    size_t len = strlen(prefix);
    for (size_t i = 0; i < len && i < CHECKIN_ID_LEN; i++)
        low[i] = (char)(prefix[i] >= 'A' && prefix[i] <= 'F'
                            ? prefix[i] - 'A' + 'a'
                            : prefix[i]); /* shown in lowercase */
    if (len > CHECKIN_ID_LEN || !checkin_id_prefix_valid(low))
        return ache_fail(err, ACHE_ERR_INVALID,
                         "'%s' is not a dose id (6 to 32 hex digits)", prefix);
    enum ache_status status = count_ids(
        st, "SELECT count(*), min(id) FROM dose WHERE id >= ?1 AND id < ?2",
        low, &count[0], first[0], err);
    if (!status && count[0] == 0)
        status = count_ids(st,
                           "SELECT count(*), min(id) FROM record_deleted"
                           " WHERE id >= ?1 AND id < ?2 AND kind = 'dose'",
                           low, &count[1], first[1], err);
    if (status)
        return status;
    if (count[0] > 1)
        return ache_fail(err, ACHE_ERR_AMBIGUOUS,
                         "id '%s' matches %ld doses: give more digits", prefix,
                         count[0]);
    if (count[0] == 1)
        snprintf(out, CHECKIN_ID_LEN + 1, "%s", first[0]);
    return count[0] == 1   ? ACHE_OK
           : count[1] == 1 ? dose_missing(st, first[1], err)
                           : ache_fail(err, ACHE_ERR_NOT_FOUND,
                                       "no dose with id '%s'", prefix);
}

/* "dose 3f2a9c41: Ibuprofen 400 mg on 2026-11-24 at 08:00": what the
 * list of changes says of a removal. */
static void dose_detail(const struct dose *d, char *out, size_t size)
{
    char day[DATE_BUF], time[TIME_BUF], when[TIME_BUF + 4] = "";
    char amount[64] = "";
    if (d->amount)
        snprintf(amount, sizeof amount, " %s%s%s",
                 med_amount_format(d->amount, (char[32]){0}, 32),
                 d->unit[0] ? " " : "", d->unit);
    if (d->minute != CHECKIN_TIME_ABSENT)
        snprintf(when, sizeof when, " at %s", time_format(d->minute, time));
    snprintf(out, size, "dose %.8s: %s%s on %s%s", d->id, d->med, amount,
             date_format(d->date, day), when);
}

/* Reads the dose d->id inside a write into *cur, refused unless it is
 * still at revision d->rev. */
static enum ache_status read_dose_unchanged(struct store *st,
                                            const struct dose *d,
                                            struct dose *cur,
                                            struct ache_err *err)
{
    bool found = false;
    enum ache_status status = store_dose_get(st, d->id, cur, &found, err);
    if (status)
        return status;
    if (!found)
        return dose_missing(st, d->id, err);
    if (cur->rev != d->rev)
        return ache_fail(err, ACHE_ERR_CONFLICT,
                         "dose %.8s was changed elsewhere since it was read",
                         d->id);
    return ACHE_OK;
}

enum ache_status store_dose_remove(struct store *st, const struct dose *d,
                                   struct store_change *ch,
                                   struct ache_err *err)
{
    char detail[160];
    struct store_change own = {.source = STORE_BY_RM, .detail = detail};
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    struct dose cur;
    int64_t change = 0;
    status = read_dose_unchanged(st, d, &cur, err);
    if (!status) {
        dose_detail(&cur, detail, sizeof detail);
        /* a change of its own: no later write given ch may join it (its
         * undo would bring the dose back with theirs) */
        status = store_take_change(st, ch ? ch : &own, true, &change, err);
    }
    if (!status)
        status = store_record_remove(st, "dose", cur.id, change, err);
    return store_write_end(st, status, err);
}

/* ---- merging an imported file's medicines and doses ------------------------ */

/* A record of `table` by id: its key, updated_at and revision; *n 0 when
 * there is none. */
static enum ache_status find_id(struct store *st, const char *sql,
                                const char *id, sqlite3_int64 *n,
                                int64_t *updated_at, int64_t *rev,
                                struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    *n = 0;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *n = sqlite3_column_int64(s, 0);
        *updated_at = sqlite3_column_int64(s, 1);
        *rev = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? ACHE_OK
               : store_db_fail(st, rc, err, "reading a medicine");
}

/* One period of an imported medicine keyed med: taken when new or newer. */
static enum ache_status merge_period(struct store *st, sqlite3_int64 med,
                                     const struct med_period *given,
                                     struct store_lazy_change *lc,
                                     enum store_merge_result *r,
                                     struct ache_err *err)
{
    sqlite3_int64 n = 0;
    int64_t updated = 0, rev = 0, change = 0;
    struct med_period p = *given;
    enum ache_status status = find_id(
        st, "SELECT n, updated_at, rev FROM med_period WHERE id = ?1", p.id,
        &n, &updated, &rev, err);
    if (status)
        return status;
    *r = !n ? STORE_ADDED
         : p.updated_at > updated ? STORE_UPDATED
                                  : STORE_UNCHANGED;
    if (*r != STORE_UNCHANGED)
        status = store_lazy_take(st, lc, &change, err);
    if (status)
        return status;
    if (!n) {
        if (!p.updated_at)
            p.updated_at = stamp_now();
        return insert_period(st, med, &p, change, err);
    }
    p.rev = rev;
    return *r == STORE_UPDATED ? write_period(st, &p, change, true, err)
                               : ACHE_OK;
}

/* The medicine of an imported file: by id, else by name, else new. */
static enum ache_status merge_med_row(struct store *st, const struct med *m,
                                      struct store_lazy_change *lc,
                                      sqlite3_int64 *n,
                                      enum store_merge_result *r,
                                      struct ache_err *err)
{
    int64_t updated = 0, rev = 0, change = 0;
    struct med found = {.nperiods = 0};
    enum ache_status status =
        m->id[0] ? find_id(st, "SELECT n, updated_at, rev FROM med"
                               " WHERE id = ?1",
                           m->id, n, &updated, &rev, err)
                 : ACHE_OK;
    if (!status && !*n)
        status = find_med(st, m->name, &found, n, err);
    med_free(&found);
    *r = *n ? STORE_UNCHANGED : STORE_ADDED;
    if (!status && !*n)
        status = store_lazy_take(st, lc, &change, err);
    return status || *n ? status : insert_med(st, m, change, n, err);
}

enum ache_status store_med_merge(struct store *st, const struct med *m,
                                 struct store_change *ch,
                                 size_t meds[STORE_MERGE_RESULT_COUNT],
                                 size_t periods[STORE_MERGE_RESULT_COUNT],
                                 struct ache_err *err)
{
    enum ache_status status = med_name_check(m->name, err);
    if (!status)
        status = store_write_begin(st, err);
    if (status)
        return status;
    /* NULL: a change of its own, as store.h promises */
    struct store_change own = {.source = STORE_BY_IMPORT, .detail = NULL};
    ch = ch ? ch : &own;
    struct store_lazy_change lc = {ch, 0};
    sqlite3_int64 n = 0;
    enum store_merge_result r = STORE_UNCHANGED;
    status = merge_med_row(st, m, &lc, &n, &r, err);
    meds[r] += !status;
    for (size_t i = 0; !status && i < m->nperiods; i++) {
        status = merge_period(st, n, &m->periods[i], &lc, &r, err);
        periods[r] += !status;
    }
    status = store_write_end(st, status, err);
    if (!status)
        store_change_joined(st, ch, lc.n);
    return status;
}

/* A dose of an imported file that the diary does not hold: added, unless
 * it was removed from the diary after the file's version was written (a
 * removal is what the person said last, as for check-ins). One newer than
 * its removal comes back, and its tombstone goes. */
static enum ache_status merge_new_dose(struct store *st, const struct dose *d,
                                       struct store_lazy_change *lc,
                                       enum store_merge_result *r,
                                       struct ache_err *err)
{
    sqlite3_int64 med = 0;
    int64_t removed_at = 0, change = 0;
    struct dose copy = *d;
    struct med m;
    enum ache_status status = dose_removed_at(st, d->id, &removed_at, err);
    *r = removed_at && d->updated_at <= removed_at ? STORE_KEPT_DELETED
                                                   : STORE_ADDED;
    if (status || *r == STORE_KEPT_DELETED)
        return status;
    status = find_med(st, d->med, &m, &med, err);
    med_free(&m);
    if (!status && !med)
        return no_such_med(d->med, err);
    if (!status)
        status = store_lazy_take(st, lc, &change, err);
    if (!status)
        status = insert_dose(st, med, &copy, change, err);
    sqlite3_stmt *s = NULL;
    if (!status && removed_at)
        status = prepare(st, "DELETE FROM record_deleted WHERE id = ?1", &s,
                         err);
    if (status || !removed_at)
        return status;
    sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
    return step_done(st, s, "bringing a dose back", err);
}

/* Writes d over the dose of its id, with d's stamp, as part of change. */
static enum ache_status overwrite_dose(struct store *st, const struct dose *d,
                                       int64_t change, struct ache_err *err)
{
    static const char update[] =
        "UPDATE dose SET date = ?2, time = ?3, amount = ?4, unit = ?5,"
        " updated_at = ?6, rev = rev + 1, change = ?7 WHERE id = ?1";
    enum ache_status status =
        store_record_keep(st, "dose", d->id, change, false, err);
    sqlite3_stmt *s = NULL;
    if (!status)
        status = prepare(st, update, &s, err);
    if (status)
        return status;
    char day[DATE_BUF], when[TIME_BUF];
    sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, date_format(d->date, day), -1, SQLITE_STATIC);
    if (d->minute != CHECKIN_TIME_ABSENT)
        sqlite3_bind_text(s, 3, time_format(d->minute, when), -1,
                          SQLITE_STATIC);
    bind_milli(s, 4, d->amount);
    if (d->unit[0])
        sqlite3_bind_text(s, 5, d->unit, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, d->updated_at);
    sqlite3_bind_int64(s, 7, change);
    return step_done(st, s, "changing a dose", err);
}

static enum ache_status merge_dose_row(struct store *st, const struct dose *d,
                                       struct store_lazy_change *lc,
                                       enum store_merge_result *r,
                                       struct ache_err *err)
{
    sqlite3_int64 n = 0;
    int64_t updated = 0, rev = 0, change = 0;
    enum ache_status status = find_id(
        st, "SELECT n, updated_at, rev FROM dose WHERE id = ?1", d->id, &n,
        &updated, &rev, err);
    if (!status && !n)
        return merge_new_dose(st, d, lc, r, err);
    *r = !status && d->updated_at > updated ? STORE_UPDATED : STORE_UNCHANGED;
    if (status || *r != STORE_UPDATED)
        return status;
    status = store_lazy_take(st, lc, &change, err);
    return status ? status : overwrite_dose(st, d, change, err);
}

enum ache_status store_dose_merge(struct store *st, const struct dose *d,
                                  struct store_change *ch,
                                  enum store_merge_result *r,
                                  struct ache_err *err)
{
    enum ache_status status = store_write_begin(st, err);
    if (status)
        return status;
    /* NULL: a change of its own, as store.h promises */
    struct store_change own = {.source = STORE_BY_IMPORT, .detail = NULL};
    ch = ch ? ch : &own;
    struct store_lazy_change lc = {ch, 0};
    *r = STORE_UNCHANGED;
    status = merge_dose_row(st, d, &lc, r, err);
    status = store_write_end(st, status, err);
    if (!status)
        store_change_joined(st, ch, lc.n);
    return status;
}

/* ---- another device's records (a sync) ------------------------------------- */

static enum ache_status med_key(struct store *st, const char *id,
                                sqlite3_int64 *n, struct ache_err *err)
{
    int64_t updated = 0, rev = 0;
    return find_id(st, "SELECT n, updated_at, rev FROM med WHERE id = ?1", id,
                   n, &updated, &rev, err);
}

/* Runs sql with ?1 a text, ?2 a text, ?3 and ?4 integers, ?5 the change. */
static enum ache_status med_row_sql(struct store *st, const char *sql,
                                    const char *a, const char *b,
                                    const int64_t cd[2], int64_t change,
                                    struct ache_err *err)
{
    sqlite3_stmt *s = NULL;
    enum ache_status status = prepare(st, sql, &s, err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, cd[0]);
    sqlite3_bind_int64(s, 4, cd[1]);
    sqlite3_bind_int64(s, 5, change);
    return step_done(st, s, "storing a medicine", err);
}

/* The diary has a medicine of that name under another id: the same
 * medicine, under the smaller of the two ids on every copy. */
static enum ache_status adopt_med(struct store *st, const struct med *m,
                                  const struct med *ours, int64_t change,
                                  struct ache_err *err)
{
    if (strcmp(m->id, ours->id) > 0)
        return ACHE_OK; /* ours keeps its id; the other's version is seen */
    enum ache_status status =
        store_record_keep(st, "med", ours->id, change, false, err);
    const int64_t stamps[2] = {m->created_at, m->updated_at};
    return status ? status
                  : med_row_sql(st,
                                "UPDATE med SET id = ?1, name = ?2,"
                                " created_at = ?3, updated_at = ?4,"
                                " rev = rev + 1, change = ?5"
                                " WHERE name = ?2",
                                m->id, m->name, stamps, change, err);
}

enum ache_status store_sync_put_med(struct store *st, struct store_sync *sy,
                                    const struct med *m, struct ache_err *err)
{
    sqlite3_int64 n = 0, by_name = 0;
    int64_t change = 0;
    struct med ours = {.nperiods = 0};
    enum ache_status status = med_key(st, m->id, &n, err);
    if (!status && !n)
        status = find_med(st, m->name, &ours, &by_name, err);
    if (!status)
        status = store_sync_change(st, sy, &change, err);
    const int64_t stamps[2] = {m->created_at, m->updated_at};
    if (!status && n)
        status = store_record_keep(st, "med", m->id, change, false, err);
    if (!status && n)
        status = med_row_sql(st,
                             "UPDATE med SET name = ?2, created_at = ?3,"
                             " updated_at = ?4, rev = rev + 1, change = ?5"
                             " WHERE id = ?1",
                             m->id, m->name, stamps, change, err);
    else if (!status && by_name)
        status = adopt_med(st, m, &ours, change, err);
    else if (!status)
        status = insert_med(st, m, change, &n, err);
    med_free(&ours);
    return status;
}

enum ache_status store_sync_put_period(struct store *st, struct store_sync *sy,
                                       const struct med *holder,
                                       const struct med_period *given,
                                       struct ache_err *err)
{
    sqlite3_int64 med = 0, n = 0;
    int64_t updated = 0, rev = 0, change = 0;
    struct med_period p = *given;
    struct med named = {.nperiods = 0};
    /* by its id; else by its name: made apart on two machines, the
     * medicine is one, under the smaller id */
    enum ache_status status = med_key(st, holder->id, &med, err);
    if (!status && !med)
        status = find_med(st, holder->name, &named, &med, err);
    med_free(&named);
    if (!status && !med)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "period %.8s: its medicine %.8s is not in the diary",
                         p.id, holder->id);
    if (!status)
        status = find_id(st,
                         "SELECT n, updated_at, rev FROM med_period"
                         " WHERE id = ?1",
                         p.id, &n, &updated, &rev, err);
    if (!status)
        status = store_sync_change(st, sy, &change, err);
    if (status)
        return status;
    if (!n)
        return insert_period(st, med, &p, change, err);
    p.rev = rev;
    return write_period(st, &p, change, true, err);
}

enum ache_status store_sync_put_dose(struct store *st, struct store_sync *sy,
                                     const struct dose *d,
                                     struct ache_err *err)
{
    sqlite3_int64 n = 0, med = 0;
    int64_t updated = 0, rev = 0, change = 0;
    struct dose copy = *d;
    struct med m = {.nperiods = 0};
    enum ache_status status = find_id(
        st, "SELECT n, updated_at, rev FROM dose WHERE id = ?1", d->id, &n,
        &updated, &rev, err);
    if (!status)
        status = store_sync_change(st, sy, &change, err);
    if (!status && n)
        return overwrite_dose(st, d, change, err);
    if (!status)
        status = find_med(st, d->med, &m, &med, err);
    med_free(&m);
    if (!status && !med)
        return no_such_med(d->med, err);
    sqlite3_stmt *s = NULL;
    if (!status)
        status = prepare(st, "DELETE FROM record_deleted WHERE id = ?1", &s,
                         err);
    if (status)
        return status;
    sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
    status = step_done(st, s, "bringing a dose back", err);
    return status ? status : insert_dose(st, med, &copy, change, err);
}
