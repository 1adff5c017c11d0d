/* Sync, as a property: three diaries, each on its own clock (one hours
 * fast, one behind), each syncing through its own copy of the folder,
 * make random check-ins, edits, removals, restores, undos, tag renames and
 * removals, own fields, medicines, changes of regimen and doses, and sync
 * in random orders; a carrier copies files between the copies of the
 * folder at random moments, sometimes only part of a file. Once the
 * carrier has brought every file everywhere and each diary has synced
 * again, every diary's JSON export is the same, byte for byte, and no
 * check-in version that was written and sent is lost: each diary has it
 * among the check-in's versions or kept aside (sync_other). Each round
 * has a fixed seed (the seed is in every failure's message).
 *
 * Then cases by hand: a clock hours fast wins only until others have seen
 * its stamps; a removal against an edit; a diary file copied (a backup
 * put back, a copy over itself) syncing as a new device; and the folder
 * read byte by byte for anything a person wrote. Last, "findings": what
 * these tests found wrong, each the smallest case that shows it.
 *
 * To follow a round: SYNC_SEED=N runs that seed alone, SYNC_TRACE=1
 * prints every step, SYNC_LAST_ONLY=1 checks only the last version of
 * each check-in sent (leaving out test_one_sync_*'s finding).
 *
 * ache opens one diary per process, and the field table is the
 * process's (fields.h): a diary is opened again before it is used after
 * another, so that the table is its own.
 */
#include <sqlite3.h>
#include <stdarg.h>

#include "sync_testutil.h"

#include "ache/checkin.h"
#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/tags.h"

#define NDIARY 3
#define STEPS 30
#define PASSPHRASE "correct horse battery staple"

/* The clocks: minutes after 2026-11-24T00:00; the second diary's is five
 * hours fast, the third's three hours behind. */
static const long clock_start[NDIARY] = {9 * 60, 14 * 60, 6 * 60};

/* A check-in version a diary's store_add or store_update acknowledged.
 * Its note is unique: it names the version. */
enum ack_state { ACK_PENDING, ACK_SENT, ACK_DROPPED };
struct ack {
    int diary;
    char id[CHECKIN_ID_LEN + 1];
    char note[48];
    int pain;
    enum ack_state state;
    /* sent, then its diary compacted: the files that carried it are gone,
     * and a diary that had not read them meets only what the snapshot
     * holds, each check-in's latest version or its removal (the author's
     * own history keeps it, which check_acks still asks) */
    bool compacted;
};

struct world {
    char *dir;
    char *folder[NDIARY];
    struct sync_folder *f[NDIARY];
    char *path[NDIARY];
    struct store *st[NDIARY];
    long clock[NDIARY];
    struct trng r;
    unsigned seed;
    struct ack *acks;
    size_t nacks, cap;
    unsigned notes;
    size_t syncs, carries, partial, skipped, sent;
    size_t problems; /* found at the end of the round */
    int installed;   /* the diary whose fields the process knows */
    bool broken;     /* a sync failed: the round is over */
};

/* Diary d, its fields the ones the process knows (fields.h keeps one
 * table for the process, as ache opens one diary): opened again when
 * another diary was used last. */
static struct store *use(struct world *w, int d)
{
    if (w->installed != d) {
        store_close(w->st[d]);
        w->st[d] = tstore_open(w->path[d]);
        w->installed = d;
    }
    return w->st[d];
}

static const char *const tag_pool[] = {"yoga", "heat", "rest", "walk",
                                       "calm", "swim", "yoga-a", "heat-b"};
#define NTAGS (sizeof tag_pool / sizeof tag_pool[0])
static const char *const field_pool[] = {"dizziness", "nausea", "brainfog",
                                         "tinnitus"};
/* Medicines of one name added on two devices before they met make a
 * sync fail for good (test_same_med_name); until that is mended, each
 * diary's medicines have names of their own: 1 here gives them shared
 * names again. */
#define SHARED_MED_NAMES 0
static const char *const med_pool[] = {"ibuprofen", "naproxen"};

static void med_name(struct world *w, int d, char out[MED_NAME_MAX + 1]);

/* SYNC_TRACE=1 in the environment: every step on stderr, to follow a
 * failing seed. */
static void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void trace(const char *fmt, ...)
{
    static int on = -1;
    if (on < 0)
        on = getenv("SYNC_TRACE") != NULL;
    if (!on)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

static void med_name(struct world *w, int d, char out[MED_NAME_MAX + 1])
{
    const char *name = med_pool[trng_below(&w->r, 2)];
    if (SHARED_MED_NAMES)
        snprintf(out, MED_NAME_MAX + 1, "%s", name);
    else
        snprintf(out, MED_NAME_MAX + 1, "%s-d%d", name, d);
}

static ache_day base_day(void)
{
    return date_from_ymd(2026, 11, 24);
}

/* A status a random step may meet: the step was refused as it should be
 * (nothing there, a name taken, a day before the regimen's start). A
 * failure of the diary itself never is. */
static void expect_refusal(const struct world *w, enum ache_status s,
                           const struct ache_err *err, const char *what)
{
    ck_assert_msg(s == ACHE_OK || s == ACHE_ERR_NOT_FOUND ||
                      s == ACHE_ERR_REFUSED || s == ACHE_ERR_INVALID ||
                      s == ACHE_ERR_GONE,
                  "seed %u: %s: %s", w->seed, what, err->msg);
}

static void ack_push(struct world *w, int d, const struct checkin *c)
{
    if (w->nacks == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->acks = xreallocarray(w->acks, w->cap, sizeof *w->acks);
    }
    struct ack *a = &w->acks[w->nacks++];
    *a = (struct ack){.diary = d, .pain = c->value[CF_PAIN]};
    memcpy(a->id, c->id, sizeof a->id);
    snprintf(a->note, sizeof a->note, "%s", c->note);
}

/* A unique note, and the rest of a check-in's values, at random. */
static void fill_checkin(struct world *w, int d, struct checkin *c)
{
    struct ache_err err = {""};
    char note[48];
    snprintf(note, sizeof note, "d%d version %u", d, ++w->notes);
    checkin_set_note(c, note);
    c->value[CF_PAIN] = (int)trng_below(&w->r, 11);
    c->value[CF_FATIGUE] = trng_below(&w->r, 2) ? (int)trng_below(&w->r, 11)
                                                : CHECKIN_ABSENT;
    checkin_clear_tags(c);
    for (unsigned i = trng_below(&w->r, 3); i > 0; i--)
        checkin_add_tag(c, tag_pool[trng_below(&w->r, NTAGS)]);
    struct store_field_list fields = {0};
    ck_assert_msg(store_fields_list(use(w, d), &fields, &err) == ACHE_OK, "%s",
                  err.msg);
    for (size_t i = 0; i < fields.n; i++)
        if (fields.items[i].key >= CF_COUNT && trng_below(&w->r, 2))
            checkin_set(c, fields.items[i].key, (int)trng_below(&w->r, 11));
    store_field_list_free(&fields);
}

static void op_add(struct world *w, int d)
{
    struct ache_err err = {""};
    struct checkin c;
    checkin_init(&c, base_day() - 1 - (ache_day)trng_below(&w->r, 20));
    c.minute = (int)trng_below(&w->r, 24) * 60;
    fill_checkin(w, d, &c);
    ck_assert_msg(store_add(use(w, d), &c, NULL, &err) == ACHE_OK,
                  "seed %u: add: %s", w->seed, err.msg);
    trace("d%d add %.8s '%s' pain %d\n", d, c.id, c.note, c.value[CF_PAIN]);
    ack_push(w, d, &c);
    checkin_free(&c);
}

/* A check-in of the diary at random; false when it has none. */
static bool pick_checkin(struct world *w, int d, struct checkin *out)
{
    struct ache_err err = {""};
    struct checkin_list list = {0};
    ck_assert_msg(store_list_range(use(w, d), date_from_ymd(1900, 1, 1),
                                   date_from_ymd(2200, 1, 1), &list,
                                   &err) == ACHE_OK,
                  "%s", err.msg);
    bool any = list.n > 0;
    if (any)
        checkin_copy(out, &list.items[trng_below(&w->r, (unsigned)list.n)]);
    checkin_list_free(&list);
    return any;
}

static void op_edit(struct world *w, int d)
{
    struct ache_err err = {""};
    struct checkin c;
    checkin_init(&c, 0);
    if (!pick_checkin(w, d, &c)) {
        op_add(w, d);
        return;
    }
    fill_checkin(w, d, &c);
    ck_assert_msg(store_update(use(w, d), &c, NULL, &err) == ACHE_OK,
                  "seed %u: edit: %s", w->seed, err.msg);
    trace("d%d edit %.8s '%s' pain %d\n", d, c.id, c.note, c.value[CF_PAIN]);
    ack_push(w, d, &c);
    checkin_free(&c);
}

static void op_remove(struct world *w, int d)
{
    struct ache_err err = {""};
    struct checkin c;
    checkin_init(&c, 0);
    if (pick_checkin(w, d, &c)) {
        ck_assert_msg(store_remove(use(w, d), &c, NULL, &err) == ACHE_OK,
                      "seed %u: remove: %s", w->seed, err.msg);
        trace("d%d remove %.8s\n", d, c.id);
    }
    checkin_free(&c);
}

static void op_restore(struct world *w, int d)
{
    if (!w->nacks)
        return;
    struct ache_err err = {""};
    struct checkin c;
    const char *id = w->acks[trng_below(&w->r, (unsigned)w->nacks)].id;
    enum ache_status s = store_restore(use(w, d), id, NULL, &c, &err);
    ck_assert_msg(s == ACHE_OK || s == ACHE_ERR_NOT_FOUND,
                  "seed %u: restore: %s", w->seed, err.msg);
    trace("d%d restore %.8s: %s\n", d, id, s ? err.msg : "ok");
    if (s == ACHE_OK)
        checkin_free(&c);
}

static void op_undo(struct world *w, int d)
{
    struct ache_err err = {""};
    struct store_undo_result u;
    enum ache_status s = store_undo(use(w, d), &u, &err);
    /* refused: the latest change is a sync, which is not undone */
    ck_assert_msg(s == ACHE_OK || s == ACHE_ERR_NOT_FOUND ||
                      (s == ACHE_ERR_REFUSED &&
                       strstr(err.msg, "the latest change is a sync")),
                  "seed %u: undo: %s", w->seed, err.msg);
    trace("d%d undo: %s (%s %s)\n", d, s ? err.msg : "ok",
          s ? "" : store_source_name(u.undone.source),
          s ? "" : u.undone.detail);
}

static void op_tag(struct world *w, int d)
{
    struct ache_err err = {""};
    struct store_tag_result res;
    struct store_tag_edit e = {
        .name = tag_pool[trng_below(&w->r, NTAGS)],
        .to = tag_pool[trng_below(&w->r, NTAGS)],
        .force = true};
    bool rename = trng_below(&w->r, 2);
    enum ache_status s = rename ? store_tag_rename(use(w, d), &e, &res, &err)
                                : store_tag_remove(use(w, d), &e, &res, &err);
    expect_refusal(w, s, &err, "tag");
    trace("d%d tag %s %s%s%s: %s\n", d, rename ? "rename" : "remove", e.name,
          rename ? " to " : "", rename ? e.to : "", s ? err.msg : "ok");
}

static void op_field(struct world *w, int d)
{
    struct ache_err err = {""};
    const char *name = field_pool[trng_below(&w->r, 4)];
    struct store_field_list fields = {0};
    ck_assert_msg(store_fields_list(use(w, d), &fields, &err) == ACHE_OK, "%s",
                  err.msg);
    struct field_record *own = NULL;
    for (size_t i = 0; i < fields.n; i++)
        if (fields.items[i].key >= CF_COUNT && trng_below(&w->r, 2))
            own = &fields.items[i];
    enum ache_status s;
    if (own) {
        snprintf(own->name, sizeof own->name, "%s", name);
        s = store_field_write(use(w, d), own, NULL, &err);
    } else {
        struct field_record f = {.kind = FIELD_RATING};
        snprintf(f.name, sizeof f.name, "%s", name);
        s = store_field_add(use(w, d), &f, NULL, &err);
        field_record_free(&f);
    }
    expect_refusal(w, s, &err, "field");
    trace("d%d field %s %s: %s\n", d, own ? "rename to" : "add", name,
          s ? err.msg : "ok");
    store_field_list_free(&fields);
}

static void op_med(struct world *w, int d)
{
    struct ache_err err = {""};
    char name[MED_NAME_MAX + 1];
    med_name(w, d, name);
    struct med_period p = {.start = base_day() - 60 +
                                    (ache_day)trng_below(&w->r, 30),
                           .stop = MED_OPEN,
                           .dose = (1 + (int64_t)trng_below(&w->r, 4)) * 100000,
                           .unit = "mg"};
    bool same = false;
    enum ache_status s = store_med_add(use(w, d), name, &p, NULL, &err);
    if (s != ACHE_OK)
        s = store_med_change(use(w, d), name, p.start + 30, &p, MED_SET_DOSE,
                             &same, NULL, &err);
    expect_refusal(w, s, &err, "medicine");
    trace("d%d med %s dose %lld: %s\n", d, name, (long long)p.dose,
          s ? err.msg : "ok");
}

static void op_dose(struct world *w, int d)
{
    struct ache_err err = {""};
    struct dose_list doses = {0};
    ck_assert_msg(store_doses_list(use(w, d), date_from_ymd(1900, 1, 1),
                                   date_from_ymd(2200, 1, 1), &doses,
                                   &err) == ACHE_OK,
                  "%s", err.msg);
    enum ache_status s;
    if (doses.n && trng_below(&w->r, 3) == 0) {
        s = store_dose_remove(
            use(w, d), &doses.items[trng_below(&w->r, (unsigned)doses.n)],
            NULL, &err);
    } else {
        struct dose x = {.date = base_day() - 1 -
                                 (ache_day)trng_below(&w->r, 20),
                         .minute = (int)trng_below(&w->r, 24) * 60};
        med_name(w, d, x.med);
        ache_day moved = MED_OPEN;
        s = store_dose_add(use(w, d), &x, &moved, NULL, &err);
    }
    expect_refusal(w, s, &err, "dose");
    trace("d%d dose: %s\n", d, s ? err.msg : "ok");
    dose_list_free(&doses);
}

/* One step of diary d, on its own clock. */
static void diary_step(struct world *w, int d)
{
    typedef void (*op_fn)(struct world *, int);
    static const op_fn ops[] = {op_add,    op_add,   op_add,  op_add,
                                op_edit,   op_edit,  op_edit, op_remove,
                                op_restore, op_undo, op_tag,  op_field,
                                op_med,    op_dose,  op_dose};
    w->clock[d] += 1 + (long)trng_below(&w->r, 20);
    tclock_set(w->clock[d]);
    ops[trng_below(&w->r, sizeof ops / sizeof ops[0])](w, d);
}

/* A problem found in a round, on stderr; counted. */
static void problem(struct world *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void problem(struct world *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "seed %u: ", w->seed);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    w->problems++;
}

/* Each version diary d acknowledged since its last sync is sent now when
 * it is still the check-in as the diary has it; otherwise (edited again,
 * undone, renamed, removed) it was never sent, and only d keeps it. */
static void mark_sent(struct world *w, int d)
{
    for (size_t i = 0; i < w->nacks; i++) {
        struct ack *a = &w->acks[i];
        if (a->diary != d || a->state != ACK_PENDING)
            continue;
        struct checkin c;
        struct ache_err err = {""};
        bool now = store_get(use(w, d), a->id, &c, &err) == ACHE_OK;
        a->state = now && c.note && strcmp(c.note, a->note) == 0 &&
                           c.value[CF_PAIN] == a->pain
                       ? ACK_SENT
                       : ACK_DROPPED;
        if (now)
            checkin_free(&c);
    }
}

/* A snapshot removes diary d's files: what they carried is found only
 * where they were read (and in d's own history). */
static void mark_compacted(struct world *w, int d)
{
    for (size_t i = 0; i < w->nacks; i++)
        if (w->acks[i].diary == d && w->acks[i].state == ACK_SENT)
            w->acks[i].compacted = true;
}

static void sync_step_as(struct world *w, int d, bool may_compact)
{
    w->clock[d] += 1;
    tclock_set(w->clock[d]);
    mark_sent(w, d);
    struct sync_report rep;
    struct ache_err err = {""};
    /* now and then a snapshot, and the files it covers removed */
    struct sync_options o = {.compact = may_compact &&
                                        trng_below(&w->r, 6) == 0};
    if (sync_run(use(w, d), w->f[d], &o, &rep, &err) != ACHE_OK) {
        /* the round ends here; the next seeds go on */
        problem(w, "diary %d's sync failed: %s", d, err.msg);
        trace("d%d sync failed: %s\n", d, err.msg);
        w->broken = true;
        return;
    }
    ck_assert_msg(rep.new_device == NULL || w->syncs == 0 ||
                      strcmp(rep.new_device, "first") == 0,
                  "seed %u: diary %d took a new device (%s)", w->seed, d,
                  rep.new_device);
    w->skipped += rep.skipped;
    trace("d%d sync%s as %.8s: wrote %s, %zu files applied, %zu skipped,"
          " %zu kept ours, %zu conflicts, %zu own files removed\n",
          d, o.compact ? " (compact)" : "", rep.device, rep.written,
          rep.files, rep.skipped, rep.kept_ours, rep.nconflicts,
          rep.removed_files);
    if (rep.skipped)
        trace("%s", strbuf_str(&rep.notes));
    w->syncs++;
    if (rep.removed_files)
        mark_compacted(w, d);
    sync_report_free(&rep);
}

static void sync_step(struct world *w, int d)
{
    sync_step_as(w, d, true);
}

static void carry_step(struct world *w, struct trng *r)
{
    int from = (int)trng_below(&w->r, NDIARY);
    int to = (from + 1 + (int)trng_below(&w->r, NDIARY - 1)) % NDIARY;
    struct tcarry c = tcarry(w->folder[from], w->folder[to], r);
    w->partial += c.partial;
    trace("carry F%d -> F%d: %zu files, %zu in part\n", from, to, c.copied,
          c.partial);
    w->carries++;
}

static void carry_all(struct world *w)
{
    for (int pass = 0; pass < 2; pass++)
        for (int a = 0; a < NDIARY; a++)
            for (int b = 0; b < NDIARY; b++)
                if (a != b)
                    tcarry(w->folder[a], w->folder[b], NULL);
}

/* ---- the checks at the end of a round -------------------------------------- */

static bool in_history(struct store *st, const struct ack *a)
{
    struct store_history h = {0};
    struct ache_err err = {""};
    enum ache_status s = store_history(st, a->id, &h, &err);
    if (s == ACHE_ERR_NOT_FOUND)
        return false;
    ck_assert_msg(s == ACHE_OK, "%s", err.msg);
    bool found = false;
    for (size_t i = 0; i < h.n && !found; i++) {
        const struct checkin *c = &h.items[i].state;
        found = !h.items[i].removal && c->note &&
                strcmp(c->note, a->note) == 0 && c->value[CF_PAIN] == a->pain;
    }
    store_history_free(&h);
    return found;
}

/* Whether the diary at path keeps a's version aside (sync_other holds the
 * check-in's body as a sync file gives it). */
static bool kept_aside(const char *path, const struct ack *a)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    sqlite3_stmt *s = NULL;
    ck_assert_int_eq(
        sqlite3_prepare_v2(db,
                           "SELECT body FROM sync_other WHERE kind = 'checkin'"
                           " AND id = ?1 AND body IS NOT NULL",
                           -1, &s, NULL),
        SQLITE_OK);
    sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
    char note[64], pain[24], pain_end[24];
    snprintf(note, sizeof note, "\"%s\"", a->note);
    snprintf(pain, sizeof pain, "\"pain\": %d,", a->pain);
    snprintf(pain_end, sizeof pain_end, "\"pain\": %d}", a->pain);
    bool found = false;
    while (!found && sqlite3_step(s) == SQLITE_ROW) {
        const char *body = (const char *)sqlite3_column_text(s, 0);
        found = strstr(body, note) &&
                (strstr(body, pain) || strstr(body, pain_end));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return found;
}

/* Whether a later version of the same check-in was sent (SYNC_LAST_ONLY
 * in the environment checks only the last: the versions a sync replaces
 * or removes within one change are not kept, test_one_sync_*). */
static bool superseded(const struct world *w, size_t i)
{
    for (size_t j = i + 1; j < w->nacks; j++)
        if (w->acks[j].state == ACK_SENT &&
            strcmp(w->acks[j].id, w->acks[i].id) == 0)
            return true;
    return false;
}

static void check_acks(struct world *w)
{
    size_t sent = 0;
    for (size_t i = 0; i < w->nacks; i++) {
        const struct ack *a = &w->acks[i];
        if (!in_history(use(w, a->diary), a))
            problem(w, "diary %d lost its own version '%s' of %s", a->diary,
                    a->note, a->id);
        if (a->state != ACK_SENT)
            continue;
        sent++;
        if (a->compacted || (getenv("SYNC_LAST_ONLY") && superseded(w, i)))
            continue;
        for (int d = 0; d < NDIARY; d++)
            if (!in_history(use(w, d), a) && !kept_aside(w->path[d], a))
                problem(w,
                        "diary %d has neither in its history nor aside the"
                        " version '%s' (pain %d) of %s sent by diary %d",
                        d, a->note, a->pain, a->id, a->diary);
    }
    /* a round whose every version was edited again, undone or removed
     * before its sync sends none: the rounds as a whole must send some */
    w->sent += sent;
}

/* The lines of a that b lacks and the other way round, on stderr: a
 * failure's message has room for little. */
static void show_lines_missing(const char *a, const char *b, const char *tag)
{
    const char *p = a;
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *line = xasprintf("%.*s", (int)len, p);
        if (!strstr(b, line))
            fprintf(stderr, "%s %s\n", tag, line);
        free(line);
        p += len + (end != NULL);
    }
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void show_difference(const char *a, const char *b)
{
    show_lines_missing(a, b, "only in diary 0:");
    show_lines_missing(b, a, "only in the other:");
}

/* Splits text at sep into a sorted array of n copies (freed by the
 * caller). */
static char **sorted_parts(const char *text, const char *sep, size_t *n)
{
    char **parts = NULL;
    size_t count = 0, seplen = strlen(sep);
    for (const char *p = text;;) {
        const char *end = strstr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        parts = xreallocarray(parts, count + 1, sizeof *parts);
        parts[count++] = xstrndup(p, len);
        if (!end)
            break;
        p = end + seplen;
    }
    qsort(parts, count, sizeof *parts, cmp_text);
    *n = count;
    return parts;
}

static void join_parts(char **parts, size_t n, const char *sep,
                       struct strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_append(out, sep);
        strbuf_append(out, parts[i]);
        free(parts[i]);
    }
    free(parts);
}

/* The export with its order taken out: each line's ", "-separated parts
 * sorted (its trailing comma dropped), then the lines. What is left when
 * two exports differ only in order: that of the fields, and of the own
 * values in a check-in, which follow the fields' keys, each diary's
 * numbering in the order it met them (test_field_order). Notes here hold
 * no ", ". */
static void unordered(const char *json, struct strbuf *out)
{
    size_t nlines = 0;
    char **lines = sorted_parts(json, "\n", &nlines);
    for (size_t i = 0; i < nlines; i++) {
        size_t len = strlen(lines[i]);
        if (len && lines[i][len - 1] == ',')
            lines[i][len - 1] = '\0';
        size_t n = 0;
        struct strbuf line = {0};
        /* n is set by sorted_parts: called first, not beside it as an
         * argument (the order arguments are worked out in is open) */
        char **parts = sorted_parts(lines[i], ", ", &n);
        join_parts(parts, n, ", ", &line);
        free(lines[i]);
        lines[i] = strbuf_take(&line);
    }
    qsort(lines, nlines, sizeof *lines, cmp_text);
    join_parts(lines, nlines, "\n", out);
}

/* Whether the exports a and b are the same: byte for byte, or (a
 * finding of its own, traced) but for the order of fields. */
static bool same_export(struct world *w, int d, const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    struct strbuf ua = {0}, ub = {0};
    unordered(a, &ua);
    unordered(b, &ub);
    bool same = strcmp(strbuf_str(&ua), strbuf_str(&ub)) == 0;
    if (same)
        trace("seed %u: diary 0 and %d differ in the order of fields\n",
              w->seed, d);
    strbuf_free(&ua);
    strbuf_free(&ub);
    return same;
}

static void check_same(struct world *w)
{
    struct strbuf first = {0}, tags0 = {0};
    texport_json(use(w, 0), &first);
    ttags_text(use(w, 0), &tags0);
    for (int d = 1; d < NDIARY; d++) {
        struct strbuf other = {0}, tags = {0};
        texport_json(use(w, d), &other);
        ttags_text(use(w, d), &tags);
        if (!same_export(w, d, strbuf_str(&first), strbuf_str(&other))) {
            show_difference(strbuf_str(&first), strbuf_str(&other));
            problem(w, "the exports of diary 0 and diary %d differ", d);
        }
        if (strcmp(strbuf_str(&tags0), strbuf_str(&tags)) != 0) {
            show_difference(strbuf_str(&tags0), strbuf_str(&tags));
            problem(w, "the tags of diary 0 and diary %d differ", d);
        }
        strbuf_free(&other);
        strbuf_free(&tags);
    }
    strbuf_free(&first);
    strbuf_free(&tags0);
}

/* Everything everywhere, every diary synced until nothing is new. */
static void settle(struct world *w)
{
    for (int pass = 0; pass < 3; pass++) {
        carry_all(w);
        for (int d = 0; d < NDIARY && !w->broken; d++)
            sync_step_as(w, d, false); /* a snapshot is a new file */
    }
    carry_all(w);
    for (int d = 0; d < NDIARY && !w->broken; d++) {
        struct sync_report rep;
        w->clock[d] += 1;
        tclock_set(w->clock[d]);
        tsync(use(w, d), w->f[d], &rep);
        if (rep.written[0] || rep.files || rep.skipped)
            problem(w,
                    "diary %d still wrote '%s', applied %zu and skipped %zu"
                    " files after everything was carried:\n%s",
                    d, rep.written, rep.files, rep.skipped,
                    strbuf_str(&rep.notes));
        sync_report_free(&rep);
    }
}

/* ---- rounds ------------------------------------------------------------------ */

static void world_open(struct world *w, const char *passphrase)
{
    memset(w, 0, sizeof *w);
    w->dir = test_tmpdir();
    for (int d = 0; d < NDIARY; d++)
        w->folder[d] = xasprintf("%s/F%d", w->dir, d);
    /* one header, written once and carried: the same folder everywhere */
    w->f[0] = tfolder_open(w->folder[0], passphrase);
    for (int d = 1; d < NDIARY; d++) {
        tcarry(w->folder[0], w->folder[d], NULL);
        w->f[d] = tfolder_open(w->folder[d], passphrase);
    }
}

static void world_close(struct world *w)
{
    for (int d = 0; d < NDIARY; d++) {
        sync_folder_close(w->f[d]);
        free(w->folder[d]);
    }
    free(w->acks);
    test_rmdir(w->dir);
    free(w->dir);
}

static void round_run(struct world *w, unsigned seed)
{
    trace("---- seed %u in %s\n", seed, w->dir);
    w->seed = seed;
    trng_seed(&w->r, seed);
    w->nacks = 0;
    w->notes = 0;
    w->syncs = 0;
    for (int d = 0; d < NDIARY; d++) {
        tfolder_clear(w->folder[d]);
        w->path[d] = xasprintf("%s/r%u-d%d.db", w->dir, seed, d);
        w->clock[d] = clock_start[d];
        tclock_set(w->clock[d]);
        w->st[d] = tstore_open(w->path[d]);
        w->installed = d;
    }
    w->broken = false;
    for (int step = 0; step < STEPS && !w->broken; step++) {
        unsigned what = trng_below(&w->r, 20);
        int d = (int)trng_below(&w->r, NDIARY);
        if (what < 11)
            diary_step(w, d);
        else if (what < 16)
            sync_step(w, d);
        else
            carry_step(w, &w->r);
    }
    if (!w->broken)
        settle(w);
    if (!w->broken) {
        check_same(w);
        check_acks(w);
    }
    for (int d = 0; d < NDIARY; d++) {
        struct ache_err err = {""};
        ck_assert_msg(store_check(w->st[d], &err) == ACHE_OK, "%s", err.msg);
        store_close(w->st[d]);
        free(w->path[d]);
    }
}

static void rounds(const char *passphrase, unsigned first, unsigned n)
{
    struct world w;
    world_open(&w, passphrase);
    size_t partial = 0, skipped = 0, acks = 0, sent = 0;
    char failing[256] = "";
    /* SYNC_SEED=N: that round alone, to follow it; SYNC_ROUNDS=N: more
     * rounds, to look further */
    const char *only = getenv("SYNC_SEED"), *more = getenv("SYNC_ROUNDS");
    if (more)
        n = (unsigned)strtoul(more, NULL, 10);
    for (unsigned seed = first; seed < first + n; seed++) {
        if (only && strtoul(only, NULL, 10) != seed)
            continue;
        w.problems = 0;
        round_run(&w, seed);
        if (w.problems && strlen(failing) < sizeof failing - 12)
            snprintf(failing + strlen(failing),
                     sizeof failing - strlen(failing), " %u", seed);
        partial += w.partial;
        skipped += w.skipped;
        acks += w.nacks;
        sent += w.sent;
        w.partial = w.skipped = w.sent = 0;
    }
    /* the rounds met what they are there for */
    ck_assert_msg(only || (partial > 0 && skipped > 0),
                  "%zu files copied in part, %zu skipped", partial, skipped);
    ck_assert_msg(failing[0] == '\0',
                  "seeds with problems (see stderr; SYNC_SEED=N SYNC_TRACE=1"
                  " follows one):%s",
                  failing);
    ck_assert_msg(only || acks > 0, "nothing was written");
    ck_assert_msg(only || sent > 0, "no version was sent");
    world_close(&w);
}

START_TEST(test_rounds_sealed)
{
    rounds(PASSPHRASE, 1, 14);
}
END_TEST

START_TEST(test_rounds_plain)
{
    rounds(NULL, 101, 6);
}
END_TEST


/* Two texts that must be the same: the lines that differ on stderr, a
 * short message in the failure. */
static void assert_same_text(struct strbuf *a, struct strbuf *b,
                             const char *what)
{
    bool same = strcmp(strbuf_str(a), strbuf_str(b)) == 0;
    if (!same)
        show_difference(strbuf_str(a), strbuf_str(b));
    strbuf_free(a);
    strbuf_free(b);
    ck_assert_msg(same, "%s differ (the lines on stderr)", what);
}

/* ---- cases by hand -------------------------------------------------------------
 *
 * Two diaries, a and b, syncing through one plain folder (no carrier). */

struct duo {
    char *dir, *folder;
    struct sync_folder *f;
    char *path[2];
    struct store *st[2];
    int installed;
};

static void duo_open(struct duo *x, const char *passphrase)
{
    memset(x, 0, sizeof *x);
    x->dir = test_tmpdir();
    x->folder = xasprintf("%s/F", x->dir);
    x->f = tfolder_open(x->folder, passphrase);
    for (int i = 0; i < 2; i++) {
        x->path[i] = xasprintf("%s/%c.db", x->dir, 'a' + i);
        x->st[i] = tstore_open(x->path[i]);
    }
    x->installed = 1;
}

static void duo_close(struct duo *x)
{
    for (int i = 0; i < 2; i++) {
        if (x->st[i])
            store_close(x->st[i]);
        free(x->path[i]);
    }
    sync_folder_close(x->f);
    free(x->folder);
    test_rmdir(x->dir);
    free(x->dir);
}

/* Diary i at `minutes` after 2026-11-24T00:00, its fields installed. */
static struct store *duo_at(struct duo *x, int i, long minutes)
{
    tclock_set(minutes);
    if (x->installed != i) {
        store_close(x->st[i]);
        x->st[i] = tstore_open(x->path[i]);
        x->installed = i;
    }
    return x->st[i];
}

static void duo_sync(struct duo *x, int i, long minutes)
{
    tsync_quiet(duo_at(x, i, minutes), x->f);
}

/* A check-in of pain `pain` and note `note`; its id into id. */
static void add_one(struct store *st, int pain, const char *note,
                    char id[CHECKIN_ID_LEN + 1])
{
    struct ache_err err = {""};
    struct checkin c;
    checkin_init(&c, date_from_ymd(2026, 11, 20));
    c.minute = 8 * 60;
    c.value[CF_PAIN] = pain;
    checkin_set_note(&c, note);
    ck_assert_msg(store_add(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    memcpy(id, c.id, CHECKIN_ID_LEN + 1);
    checkin_free(&c);
}

static void edit_one(struct store *st, const char *id, int pain,
                     const char *note)
{
    struct ache_err err = {""};
    struct checkin c;
    ck_assert_msg(store_get(st, id, &c, &err) == ACHE_OK, "%s", err.msg);
    c.value[CF_PAIN] = pain;
    checkin_set_note(&c, note);
    ck_assert_msg(store_update(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    checkin_free(&c);
}

static void remove_one(struct store *st, const char *id)
{
    struct ache_err err = {""};
    struct checkin c;
    ck_assert_msg(store_get(st, id, &c, &err) == ACHE_OK, "%s", err.msg);
    ck_assert_msg(store_remove(st, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    checkin_free(&c);
}

/* The note of the check-in id as the diary has it; "" when it is
 * removed. */
static void note_of(struct store *st, const char *id, char out[64])
{
    struct ache_err err = {""};
    struct checkin c;
    enum ache_status s = store_get(st, id, &c, &err);
    out[0] = '\0';
    ck_assert_msg(s == ACHE_OK || s == ACHE_ERR_NOT_FOUND || s == ACHE_ERR_GONE,
                  "%s", err.msg);
    if (s == ACHE_OK) {
        snprintf(out, 64, "%s", c.note ? c.note : "");
        checkin_free(&c);
    }
}

static bool history_has(struct store *st, const char *id, const char *note)
{
    struct store_history h = {0};
    struct ache_err err = {""};
    if (store_history(st, id, &h, &err) != ACHE_OK)
        return false;
    bool found = false;
    for (size_t i = 0; i < h.n && !found; i++)
        found = !h.items[i].removal && h.items[i].state.note &&
                strcmp(h.items[i].state.note, note) == 0;
    store_history_free(&h);
    return found;
}

/* A clock five hours fast: its edit wins while nobody has seen it, and
 * an edit made after seeing it is later, whatever the clocks say. */
START_TEST(test_fast_clock)
{
    struct duo x;
    duo_open(&x, NULL);
    long a_now = 14 * 60, b_now = 9 * 60; /* a is five hours fast */
    char id[CHECKIN_ID_LEN + 1], note[64];
    add_one(duo_at(&x, 0, a_now++), 5, "first", id);
    duo_sync(&x, 0, a_now++);
    duo_sync(&x, 1, b_now++);
    edit_one(duo_at(&x, 0, a_now++), id, 6, "a, fast clock");
    duo_sync(&x, 0, a_now++);
    duo_sync(&x, 1, b_now++);
    note_of(duo_at(&x, 1, b_now), id, note);
    ck_assert_str_eq(note, "a, fast clock");
    /* b, hours behind by the clock, edits after seeing a's edit */
    edit_one(duo_at(&x, 1, b_now++), id, 2, "b, after seeing a's");
    duo_sync(&x, 1, b_now++);
    duo_sync(&x, 0, a_now++);
    for (int i = 0; i < 2; i++) {
        note_of(duo_at(&x, i, i ? b_now : a_now), id, note);
        ck_assert_msg(strcmp(note, "b, after seeing a's") == 0,
                      "diary %c has '%s'", 'a' + i, note);
    }
    /* and again the other way: a's next edit, made after b's, wins */
    edit_one(duo_at(&x, 0, a_now++), id, 7, "a again");
    duo_sync(&x, 0, a_now++);
    duo_sync(&x, 1, b_now++);
    note_of(duo_at(&x, 1, b_now), id, note);
    ck_assert_str_eq(note, "a again");
    ck_assert(history_has(duo_at(&x, 1, b_now), id, "b, after seeing a's"));
    duo_close(&x);
}
END_TEST

/* Edits made on both without seeing each other: the later by the clock
 * wins everywhere, the other kept. */
START_TEST(test_concurrent_edits)
{
    struct duo x;
    duo_open(&x, NULL);
    char id[CHECKIN_ID_LEN + 1], note[64];
    add_one(duo_at(&x, 0, 600), 5, "first", id);
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    edit_one(duo_at(&x, 1, 610), id, 3, "b, earlier");
    edit_one(duo_at(&x, 0, 620), id, 4, "a, later");
    duo_sync(&x, 1, 621);
    duo_sync(&x, 0, 622);
    duo_sync(&x, 1, 623);
    for (int i = 0; i < 2; i++) {
        note_of(duo_at(&x, i, 630), id, note);
        ck_assert_msg(strcmp(note, "a, later") == 0, "diary %c has '%s'",
                      'a' + i, note);
    }
    ck_assert(history_has(duo_at(&x, 1, 631), id, "b, earlier"));
    struct ack b_edit = {.pain = 3};
    memcpy(b_edit.id, id, sizeof b_edit.id);
    snprintf(b_edit.note, sizeof b_edit.note, "b, earlier");
    ck_assert_msg(history_has(duo_at(&x, 0, 632), id, "b, earlier") ||
                      kept_aside(x.path[0], &b_edit),
                  "a lost b's edit");
    duo_close(&x);
}
END_TEST

/* A removal later than an edit made elsewhere wins; one earlier loses. */
START_TEST(test_removal_against_edit)
{
    struct duo x;
    duo_open(&x, NULL);
    char one[CHECKIN_ID_LEN + 1], two[CHECKIN_ID_LEN + 1], note[64];
    add_one(duo_at(&x, 0, 600), 5, "one", one);
    add_one(duo_at(&x, 0, 601), 5, "two", two);
    duo_sync(&x, 0, 602);
    duo_sync(&x, 1, 603);
    /* one: edited on a, then removed on b (later) */
    edit_one(duo_at(&x, 0, 610), one, 6, "one, edited");
    remove_one(duo_at(&x, 1, 620), one);
    /* two: removed on b, then edited on a (later) */
    remove_one(duo_at(&x, 1, 611), two);
    edit_one(duo_at(&x, 0, 621), two, 7, "two, edited");
    duo_sync(&x, 0, 630);
    duo_sync(&x, 1, 631);
    duo_sync(&x, 0, 632);
    for (int i = 0; i < 2; i++) {
        struct store *st = duo_at(&x, i, 640);
        note_of(st, one, note);
        ck_assert_msg(note[0] == '\0', "diary %c: one is there ('%s')",
                      'a' + i, note);
        note_of(st, two, note);
        ck_assert_msg(strcmp(note, "two, edited") == 0,
                      "diary %c: two is '%s'", 'a' + i, note);
    }
    /* the edit that lost is not lost: a keeps it */
    ck_assert(history_has(duo_at(&x, 0, 641), one, "one, edited"));
    /* and b, which removed one, can bring back what it removed */
    struct checkin back;
    struct ache_err err = {""};
    ck_assert_msg(store_restore(duo_at(&x, 1, 650), one, NULL, &back,
                                &err) == ACHE_OK,
                  "%s", err.msg);
    checkin_free(&back);
    duo_close(&x);
}
END_TEST

/* The device folder diary i writes into, from its last report. */
static size_t files_in(const char *folder, const char *device)
{
    char *dir = xasprintf("%s/%s", folder, device);
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    free(dir);
    return n;
}

static void copy_file(const char *from, const char *to)
{
    char *cmd = xasprintf("cp '%s' '%s'", from, to);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
}

/* A copy of the diary file (a backup put back, a copy on another disk)
 * syncs as a new device and never writes into the original's folder;
 * so does the file copied over itself (a new inode, the same path). */
START_TEST(test_copy_takes_new_device)
{
    struct duo x;
    duo_open(&x, NULL);
    char id[CHECKIN_ID_LEN + 1], note[64];
    struct sync_report rep;
    add_one(duo_at(&x, 0, 600), 5, "original", id);
    tsync(duo_at(&x, 0, 601), x.f, &rep);
    char original[STORE_DEVICE_HEX + 1];
    memcpy(original, rep.device, sizeof original);
    sync_report_free(&rep);
    ck_assert_uint_eq(files_in(x.folder, original), 1);
    /* a backup, as store_backup makes one, put back elsewhere */
    char *backup = xasprintf("%s/backup.db", x.dir);
    struct ache_err err = {""};
    ck_assert_msg(store_backup(x.st[0], backup, &err) == ACHE_OK, "%s",
                  err.msg);
    struct store *copy = tstore_open(backup);
    x.installed = -1;
    edit_one(copy, id, 8, "edited in the copy");
    tsync(copy, x.f, &rep);
    ck_assert_ptr_nonnull(rep.new_device);
    ck_assert_str_eq(rep.new_device, "copy");
    ck_assert_str_ne(rep.device, original);
    ck_assert_uint_eq(files_in(x.folder, original), 1);
    ck_assert_uint_eq(files_in(x.folder, rep.device), 1);
    sync_report_free(&rep);
    store_close(copy);
    /* the original goes on as itself, and takes the copy's edit */
    tsync(duo_at(&x, 0, 610), x.f, &rep);
    ck_assert_ptr_null(rep.new_device);
    ck_assert_str_eq(rep.device, original);
    sync_report_free(&rep);
    note_of(x.st[0], id, note);
    ck_assert_str_eq(note, "edited in the copy");
    /* the file copied over itself: cp to the side, then back (a new
     * inode where the diary was) */
    store_close(x.st[0]);
    x.st[0] = NULL;
    char *side = xasprintf("%s/side.db", x.dir);
    copy_file(x.path[0], side);
    ck_assert_int_eq(rename(side, x.path[0]), 0);
    x.installed = -1;
    x.st[0] = tstore_open(x.path[0]);
    edit_one(duo_at(&x, 0, 620), id, 9, "after the copy over itself");
    size_t before = files_in(x.folder, original);
    tsync(x.st[0], x.f, &rep);
    ck_assert_ptr_nonnull(rep.new_device);
    ck_assert_str_eq(rep.new_device, "copy");
    ck_assert_str_ne(rep.device, original);
    ck_assert_uint_eq(files_in(x.folder, original), before);
    sync_report_free(&rep);
    /* b sees every version, from all three devices */
    duo_sync(&x, 1, 630);
    note_of(duo_at(&x, 1, 631), id, note);
    ck_assert_str_eq(note, "after the copy over itself");
    free(side);
    free(backup);
    duo_close(&x);
}
END_TEST


/* A copy of a check-in read before a sync changed it is stale: writing
 * it is refused as changed elsewhere, and so is removing it. */
START_TEST(test_sync_under_a_reader)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    char id[CHECKIN_ID_LEN + 1], note[64];
    add_one(duo_at(&x, 0, 600), 5, "first", id);
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    struct checkin read;
    ck_assert_msg(store_get(duo_at(&x, 1, 603), id, &read, &err) == ACHE_OK,
                  "%s", err.msg);
    edit_one(duo_at(&x, 0, 604), id, 6, "a's edit");
    duo_sync(&x, 0, 605);
    duo_sync(&x, 1, 606);
    struct store *b = duo_at(&x, 1, 607);
    checkin_set_note(&read, "b's stale copy");
    ck_assert_int_eq(store_update(b, &read, NULL, &err), ACHE_ERR_CONFLICT);
    ck_assert_int_eq(store_remove(b, &read, NULL, &err), ACHE_ERR_CONFLICT);
    note_of(b, id, note);
    ck_assert_str_eq(note, "a's edit");
    checkin_free(&read);
    duo_close(&x);
}
END_TEST

/* The same for a field: b's copy, read before a sync brought a's
 * renaming, is refused. */
START_TEST(test_sync_under_a_field_reader)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    struct field_record f = {.kind = FIELD_RATING};
    snprintf(f.name, sizeof f.name, "dizziness");
    ck_assert_msg(store_field_add(duo_at(&x, 0, 600), &f, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    struct field_record stale = {.kind = FIELD_RATING};
    bool found = false;
    int key_b = -1;
    struct store_field_list list = {0};
    ck_assert_msg(store_fields_list(duo_at(&x, 1, 603), &list, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    for (size_t i = 0; i < list.n; i++)
        if (strcmp(list.items[i].name, "dizziness") == 0)
            key_b = list.items[i].key;
    store_field_list_free(&list);
    ck_assert_int_ge(key_b, CF_COUNT);
    ck_assert_msg(store_field_get(x.st[1], key_b, &stale, &found, &err) ==
                      ACHE_OK && found,
                  "%s", err.msg);
    snprintf(f.name, sizeof f.name, "vertigo");
    ck_assert_msg(store_field_write(duo_at(&x, 0, 604), &f, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    field_record_free(&f);
    duo_sync(&x, 0, 605);
    duo_sync(&x, 1, 606);
    snprintf(stale.name, sizeof stale.name, "lightheaded");
    ck_assert_int_eq(store_field_write(duo_at(&x, 1, 607), &stale, NULL,
                                       &err),
                     ACHE_ERR_CONFLICT);
    field_record_free(&stale);
    duo_close(&x);
}
END_TEST

/* A sync while another writer holds the diary waits, then gives up as
 * busy having written nothing into the folder; once the writer is done
 * it syncs what that writer wrote too. */
START_TEST(test_sync_waits_for_a_writer)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    char id[CHECKIN_ID_LEN + 1], later[CHECKIN_ID_LEN + 1], note[64];
    struct store *writer = duo_at(&x, 0, 600);
    add_one(writer, 5, "before the sync", id);
    struct store *syncer = tstore_open(x.path[0]);
    store_set_busy_timeout(syncer, 50);
    ck_assert_msg(store_begin(writer, &err) == ACHE_OK, "%s", err.msg);
    add_one(writer, 6, "inside the writer's batch", later);
    struct sync_report rep;
    struct sync_options o = {.compact = false};
    ck_assert_int_eq(sync_run(syncer, x.f, &o, &rep, &err), ACHE_ERR_BUSY);
    sync_report_free(&rep);
    struct sync_listing l = {0};
    ck_assert_msg(sync_folder_list(x.f, &l, &err) == ACHE_OK, "%s", err.msg);
    ck_assert_uint_eq(l.n, 0);
    sync_listing_free(&l);
    ck_assert_msg(store_commit(writer, &err) == ACHE_OK, "%s", err.msg);
    tsync_quiet(syncer, x.f);
    store_close(syncer);
    duo_sync(&x, 1, 610);
    note_of(duo_at(&x, 1, 611), later, note);
    ck_assert_str_eq(note, "inside the writer's batch");
    note_of(x.st[1], id, note);
    ck_assert_str_eq(note, "before the sync");
    duo_close(&x);
}
END_TEST

/* ---- the folder holds nothing a person wrote ---------------------------------- */

static const char *const secret_words[] = {
    "zebracornflakes", /* in a note */
    "quokkastew",      /* a tag */
    "marzipanfog",     /* an own field */
    "xylophonol",      /* a medicine */
};
#define NSECRETS (sizeof secret_words / sizeof secret_words[0])

/* The word as UTF-16 (little or big endian). */
static size_t utf16(const char *word, bool big, char *out)
{
    size_t n = 0;
    for (const char *p = word; *p; p++) {
        out[n++] = big ? '\0' : *p;
        out[n++] = big ? *p : '\0';
    }
    return n;
}

static bool holds(const char *data, size_t len, const char *needle,
                  size_t nlen)
{
    for (size_t i = 0; nlen <= len && i <= len - nlen; i++)
        if (memcmp(data + i, needle, nlen) == 0)
            return true;
    return false;
}

/* What a scan found: the first word seen, and where. */
struct scan {
    size_t files;
    char found[512];
};

static void scan_found(struct scan *sc, const char *path, const char *word,
                       const char *how)
{
    if (!sc->found[0])
        snprintf(sc->found, sizeof sc->found, "%s holds '%s'%s", path, word,
                 how);
}

static void scan_file(struct scan *sc, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    struct ache_err err = {""};
    ck_assert_msg(file_read_all(path, &data, &len, &err) == ACHE_OK, "%s",
                  err.msg);
    for (size_t w = 0; w < NSECRETS; w++) {
        char wide[64];
        const char *word = secret_words[w];
        if (holds(data, len, word, strlen(word)))
            scan_found(sc, path, word, "");
        for (int big = 0; big < 2; big++)
            if (holds(data, len, wide, utf16(word, big, wide)))
                scan_found(sc, path, word, " in UTF-16");
    }
    free(data);
    sc->files++;
}

/* Every file under dir, its name and every byte. */
static void scan_dir(struct scan *sc, const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "opendir %s", dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        for (size_t w = 0; w < NSECRETS; w++)
            if (strstr(e->d_name, secret_words[w]))
                scan_found(sc, path, secret_words[w], " in its name");
        struct stat sb;
        ck_assert_int_eq(lstat(path, &sb), 0);
        if (S_ISDIR(sb.st_mode))
            scan_dir(sc, path);
        else
            scan_file(sc, path);
        free(path);
    }
    closedir(d);
}

/* A diary of the words, in every kind of record, synced from a to b and
 * then a snapshot made; what a scan of the folder finds. */
static void words_synced(const char *passphrase, struct scan *sc)
{
    struct duo x;
    duo_open(&x, passphrase);
    struct ache_err err = {""};
    struct store *a = duo_at(&x, 0, 600);
    struct field_record f = {.kind = FIELD_RATING};
    snprintf(f.name, sizeof f.name, "marzipanfog");
    ck_assert_msg(store_field_add(a, &f, NULL, &err) == ACHE_OK, "%s",
                  err.msg);
    int key = f.key;
    field_record_free(&f);
    struct med_period p = {.start = date_from_ymd(2026, 11, 1),
                           .stop = MED_OPEN, .dose = 250000, .unit = "mg"};
    ck_assert_msg(store_med_add(a, "xylophonol", &p, NULL, &err) == ACHE_OK,
                  "%s", err.msg);
    struct dose dose = {.med = "xylophonol",
                        .date = date_from_ymd(2026, 11, 20),
                        .minute = 8 * 60};
    ache_day moved = MED_OPEN;
    ck_assert_msg(store_dose_add(a, &dose, &moved, NULL, &err) == ACHE_OK,
                  "%s", err.msg);
    for (int i = 0; i < 40; i++) {
        struct checkin c;
        checkin_init(&c, date_from_ymd(2026, 10, 1) + i);
        c.value[CF_PAIN] = i % 11;
        checkin_set(&c, key, i % 11);
        checkin_add_tag(&c, "quokkastew");
        checkin_set_note(&c, "a long day; zebracornflakes for breakfast");
        ck_assert_msg(store_add(a, &c, NULL, &err) == ACHE_OK, "%s",
                      err.msg);
        checkin_free(&c);
    }
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    /* b holds it all: the folder carried every word */
    struct strbuf ea = {0}, eb = {0};
    texport_json(duo_at(&x, 1, 603), &eb);
    for (size_t w = 0; w < NSECRETS; w++)
        ck_assert_msg(strstr(strbuf_str(&eb), secret_words[w]) != NULL,
                      "b lacks '%s'", secret_words[w]);
    texport_json(duo_at(&x, 0, 603), &ea);
    assert_same_text(&ea, &eb, "the exports of a and b");
    struct sync_report rep;
    struct sync_options o = {.compact = true};
    ck_assert_msg(sync_run(duo_at(&x, 0, 604), x.f, &o, &rep, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    sync_report_free(&rep);
    memset(sc, 0, sizeof *sc);
    scan_dir(sc, x.folder);
    duo_close(&x);
}

/* The words a person wrote, in every kind of record, synced (and a
 * snapshot made): no file of the sealed folder shows them, nor their
 * names. The same scan of a plain folder finds them (the scan works). */
START_TEST(test_folder_shows_nothing)
{
    struct scan sc;
    words_synced(PASSPHRASE, &sc);
    ck_assert_msg(sc.found[0] == '\0', "%s", sc.found);
    ck_assert_uint_ge(sc.files, 2); /* the header and a snapshot */
    words_synced(NULL, &sc);
    ck_assert_msg(sc.found[0] != '\0', "a plain folder showed nothing");
}
END_TEST

/* ---- what the findings are (failing until mended) --------------------------- */

/* A sync applies every file in one change, and a check-in's version is
 * kept only when an earlier change made it: a check-in that arrives and
 * is removed in the same sync (two files of one device) is kept nowhere,
 * so that history says there is no such check-in and restore refuses. */
START_TEST(test_one_sync_add_then_remove)
{
    struct duo x;
    duo_open(&x, NULL);
    char id[CHECKIN_ID_LEN + 1];
    add_one(duo_at(&x, 0, 540), 5, "added, then removed", id);
    duo_sync(&x, 0, 541);
    remove_one(duo_at(&x, 0, 545), id);
    duo_sync(&x, 0, 546);
    duo_sync(&x, 1, 550); /* both files at once */
    ck_assert_msg(history_has(duo_at(&x, 1, 551), id, "added, then removed"),
                  "b keeps no version of the check-in it received and saw"
                  " removed in one sync");
    struct checkin back;
    struct ache_err err = {""};
    ck_assert_msg(store_restore(x.st[1], id, NULL, &back, &err) == ACHE_OK,
                  "b cannot restore it: %s", err.msg);
    checkin_free(&back);
    duo_close(&x);
}
END_TEST

/* The same: a version replaced by a later one of the same device in one
 * sync is kept nowhere in the diary receiving both. */
START_TEST(test_one_sync_two_versions)
{
    struct duo x;
    duo_open(&x, NULL);
    char id[CHECKIN_ID_LEN + 1];
    add_one(duo_at(&x, 0, 540), 5, "first version", id);
    duo_sync(&x, 0, 541);
    edit_one(duo_at(&x, 0, 545), id, 6, "second version");
    duo_sync(&x, 0, 546);
    duo_sync(&x, 1, 550);
    ck_assert_msg(history_has(duo_at(&x, 1, 551), id, "first version"),
                  "b keeps no trace of the first version");
    duo_close(&x);
}
END_TEST

/* One medicine added on two devices before they met: one of them keeps
 * the other's id, and the other's periods then name a medicine it lacks:
 * "period X: its medicine Y is not in the diary", every sync after. */
START_TEST(test_same_med_name)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    for (int i = 0; i < 2; i++) {
        struct med_period p = {.start = date_from_ymd(2026, 11, 1),
                               .stop = MED_OPEN,
                               .dose = (i + 1) * 250000,
                               .unit = "mg"};
        ck_assert_msg(store_med_add(duo_at(&x, i, 600 + i), "naproxen", &p,
                                    NULL, &err) == ACHE_OK,
                      "%s", err.msg);
    }
    /* each way, so that the smaller id is on the receiving side once */
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 2; i++) {
            struct sync_report rep;
            struct sync_options o = {.compact = false};
            enum ache_status s =
                sync_run(duo_at(&x, i, 610 + round), x.f, &o, &rep, &err);
            ck_assert_msg(s == ACHE_OK, "diary %c's sync: %s", 'a' + i,
                          err.msg);
            sync_report_free(&rep);
        }
    struct strbuf a = {0}, b = {0};
    texport_json(duo_at(&x, 0, 620), &a);
    texport_json(duo_at(&x, 1, 620), &b);
    assert_same_text(&a, &b, "the exports of a and b");
    duo_close(&x);
}
END_TEST

/* A field removed on one device (an undo of its adding) while another
 * gave check-ins values of it: the other's every sync fails with "cannot
 * undo: a record it made is in use since". */
START_TEST(test_field_removed_while_used)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    struct field_record f = {.kind = FIELD_RATING};
    snprintf(f.name, sizeof f.name, "brainfog");
    ck_assert_msg(store_field_add(duo_at(&x, 0, 600), &f, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    int key = f.key;
    field_record_free(&f);
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    struct store *b = duo_at(&x, 1, 603);
    struct store_field_list fields = {0};
    ck_assert_msg(store_fields_list(b, &fields, &err) == ACHE_OK, "%s",
                  err.msg);
    for (size_t i = 0; i < fields.n; i++)
        if (strcmp(fields.items[i].name, "brainfog") == 0)
            key = fields.items[i].key;
    store_field_list_free(&fields);
    struct checkin c;
    checkin_init(&c, date_from_ymd(2026, 11, 20));
    checkin_set(&c, key, 4);
    ck_assert_msg(store_add(b, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    checkin_free(&c);
    struct store_undo_result u;
    ck_assert_msg(store_undo(duo_at(&x, 0, 604), &u, &err) == ACHE_OK, "%s",
                  err.msg);
    duo_sync(&x, 0, 605);
    struct sync_report rep;
    struct sync_options o = {.compact = false};
    enum ache_status s = sync_run(duo_at(&x, 1, 606), x.f, &o, &rep, &err);
    ck_assert_msg(s == ACHE_OK, "b's sync: %s", err.msg);
    sync_report_free(&rep);
    duo_close(&x);
}
END_TEST

/* The same with a medicine: its adding undone on one device while the
 * other recorded a dose of it. */
START_TEST(test_med_removed_while_dosed)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    struct med_period p = {.start = date_from_ymd(2026, 11, 1),
                           .stop = MED_OPEN, .dose = 250000, .unit = "mg"};
    ck_assert_msg(store_med_add(duo_at(&x, 0, 600), "naproxen", &p, NULL,
                                &err) == ACHE_OK,
                  "%s", err.msg);
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    struct dose d = {.med = "naproxen", .date = date_from_ymd(2026, 11, 20),
                     .minute = 8 * 60};
    ache_day moved = MED_OPEN;
    ck_assert_msg(store_dose_add(duo_at(&x, 1, 603), &d, &moved, NULL,
                                 &err) == ACHE_OK,
                  "%s", err.msg);
    struct store_undo_result u;
    ck_assert_msg(store_undo(duo_at(&x, 0, 604), &u, &err) == ACHE_OK, "%s",
                  err.msg);
    duo_sync(&x, 0, 605);
    struct sync_report rep;
    struct sync_options o = {.compact = false};
    enum ache_status s = sync_run(duo_at(&x, 1, 606), x.f, &o, &rep, &err);
    ck_assert_msg(s == ACHE_OK, "b's sync: %s", err.msg);
    sync_report_free(&rep);
    duo_sync(&x, 0, 607);
    struct strbuf a = {0}, b = {0};
    texport_json(duo_at(&x, 0, 610), &a);
    texport_json(duo_at(&x, 1, 610), &b);
    assert_same_text(&a, &b, "the exports of a and b");
    duo_close(&x);
}
END_TEST

/* A field renamed on one device to the name of a field another device
 * added: the sync taking both either fails for good ("storing a field
 * from the sync: UNIQUE constraint failed: field.id", when the diary
 * has the renamed field already and the other's id is the larger) or
 * leaves the two diaries with other fields (the ids drawn decide). */
START_TEST(test_field_renamed_onto_anothers)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    struct field_record fa = {.kind = FIELD_RATING},
                        fb = {.kind = FIELD_RATING};
    snprintf(fa.name, sizeof fa.name, "brainfog");
    ck_assert_msg(store_field_add(duo_at(&x, 0, 600), &fa, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    snprintf(fb.name, sizeof fb.name, "nausea");
    ck_assert_msg(store_field_add(duo_at(&x, 1, 603), &fb, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    snprintf(fa.name, sizeof fa.name, "nausea");
    ck_assert_msg(store_field_write(duo_at(&x, 0, 604), &fa, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 2; i++) {
            struct sync_report rep;
            struct sync_options o = {.compact = false};
            enum ache_status s =
                sync_run(duo_at(&x, i, 610 + round), x.f, &o, &rep, &err);
            ck_assert_msg(s == ACHE_OK, "diary %c's sync: %s", 'a' + i,
                          err.msg);
            sync_report_free(&rep);
        }
    struct strbuf a = {0}, b = {0};
    texport_json(duo_at(&x, 0, 620), &a);
    texport_json(duo_at(&x, 1, 620), &b);
    assert_same_text(&a, &b, "the exports of a and b");
    field_record_free(&fa);
    field_record_free(&fb);
    duo_close(&x);
}
END_TEST

/* An own field renamed on one device while another gave a check-in a
 * value of it: the other's file names the value by the old name, which
 * the renaming diary no longer knows ("unknown key \"tinnitus\""), and
 * it leaves that file for the next sync, every time. */
START_TEST(test_field_renamed_while_used)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    struct field_record f = {.kind = FIELD_RATING};
    snprintf(f.name, sizeof f.name, "tinnitus");
    ck_assert_msg(store_field_add(duo_at(&x, 0, 600), &f, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    duo_sync(&x, 0, 601);
    duo_sync(&x, 1, 602);
    struct store *b = duo_at(&x, 1, 603);
    int key = -1;
    struct store_field_list list = {0};
    ck_assert_msg(store_fields_list(b, &list, &err) == ACHE_OK, "%s",
                  err.msg);
    for (size_t i = 0; i < list.n; i++)
        if (strcmp(list.items[i].name, "tinnitus") == 0)
            key = list.items[i].key;
    store_field_list_free(&list);
    ck_assert_int_ge(key, CF_COUNT);
    struct checkin c;
    checkin_init(&c, date_from_ymd(2026, 11, 20));
    checkin_set(&c, key, 3);
    checkin_set_note(&c, "ringing since morning");
    ck_assert_msg(store_add(b, &c, NULL, &err) == ACHE_OK, "%s", err.msg);
    char id[CHECKIN_ID_LEN + 1], note[64];
    memcpy(id, c.id, sizeof id);
    checkin_free(&c);
    snprintf(f.name, sizeof f.name, "ringing");
    ck_assert_msg(store_field_write(duo_at(&x, 0, 604), &f, NULL, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    field_record_free(&f);
    duo_sync(&x, 0, 605);
    duo_sync(&x, 1, 606);
    struct sync_report rep;
    tsync(duo_at(&x, 0, 607), x.f, &rep);
    ck_assert_msg(rep.skipped == 0, "a left a file: %s",
                  strbuf_str(&rep.notes));
    sync_report_free(&rep);
    note_of(x.st[0], id, note);
    ck_assert_str_eq(note, "ringing since morning");
    duo_sync(&x, 1, 608);
    struct strbuf ea = {0}, eb = {0};
    texport_json(duo_at(&x, 0, 610), &ea);
    texport_json(duo_at(&x, 1, 610), &eb);
    assert_same_text(&ea, &eb, "the exports of a and b");
    duo_close(&x);
}
END_TEST

/* One field name added on two devices (one field after they meet, under
 * the smaller id), then the adding undone on the device of the smaller
 * id: the other device's own field goes with it, while the undoing
 * device takes the other's back: one diary has the field, the other not.
 * The ids are chosen (an import keeps a file's ids) so that the smaller
 * is a's. */
START_TEST(test_same_field_added_then_undone)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    static const char *const ids[] = {"01000000000000000000000000000000",
                                      "02000000000000000000000000000000"};
    for (int i = 0; i < 2; i++) {
        struct field_record f = {.kind = FIELD_RATING,
                                 .created_at = 1795500000000 + i,
                                 .updated_at = 1795500000000 + i};
        snprintf(f.id, sizeof f.id, "%s", ids[i]);
        snprintf(f.name, sizeof f.name, "brainfog");
        enum store_merge_result r;
        struct store_change ch = {.source = STORE_BY_IMPORT,
                                  .detail = "fields.json"};
        ck_assert_msg(store_field_merge(duo_at(&x, i, 600 + i), &f, &ch, &r,
                                        &err) == ACHE_OK,
                      "%s", err.msg);
        ck_assert_int_eq(r, STORE_ADDED);
    }
    duo_sync(&x, 0, 610);
    duo_sync(&x, 1, 611);
    struct store_undo_result u;
    ck_assert_msg(store_undo(duo_at(&x, 0, 612), &u, &err) == ACHE_OK, "%s",
                  err.msg);
    duo_sync(&x, 0, 613);
    duo_sync(&x, 1, 614);
    duo_sync(&x, 0, 615);
    struct strbuf a = {0}, b = {0};
    texport_json(duo_at(&x, 0, 620), &a);
    texport_json(duo_at(&x, 1, 620), &b);
    assert_same_text(&a, &b, "the exports of a and b");
    duo_close(&x);
}
END_TEST

/* `--compact` (sync_options.compact) writes no snapshot yet and removes
 * nothing: the issue asks for a snapshot of the device's view in its own
 * folder, and its files the snapshot covers removed. */
START_TEST(test_compact_writes_snapshot)
{
    struct duo x;
    duo_open(&x, NULL);
    char id[CHECKIN_ID_LEN + 1];
    for (int i = 0; i < 3; i++) {
        char note[32];
        snprintf(note, sizeof note, "entry %d", i);
        add_one(duo_at(&x, 0, 600 + 2 * i), i, note, id);
        duo_sync(&x, 0, 601 + 2 * i);
    }
    struct sync_report rep;
    struct sync_options o = {.compact = true};
    struct ache_err err = {""};
    ck_assert_msg(sync_run(duo_at(&x, 0, 610), x.f, &o, &rep, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    char device[STORE_DEVICE_HEX + 1];
    memcpy(device, rep.device, sizeof device);
    size_t removed = rep.removed_files;
    sync_report_free(&rep);
    struct sync_listing l = {0};
    ck_assert_msg(sync_folder_list(x.f, &l, &err) == ACHE_OK, "%s", err.msg);
    size_t snapshots = 0, files = 0;
    for (size_t d = 0; d < l.n; d++)
        for (size_t i = 0; d < l.n && i < l.devices[d].n; i++) {
            files += strcmp(l.devices[d].device, device) == 0;
            snapshots += strcmp(l.devices[d].device, device) == 0 &&
                         l.devices[d].files[i].snapshot;
        }
    sync_listing_free(&l);
    ck_assert_msg(snapshots == 1 && removed == 3 && files == 1,
                  "after a compacting sync: %zu snapshots, %zu files removed,"
                  " %zu files in the device's folder",
                  snapshots, removed, files);
    /* a new diary joins from the snapshot alone */
    duo_sync(&x, 1, 620);
    long n = 0;
    ck_assert_int_eq(store_count(duo_at(&x, 1, 621), &n, &err), ACHE_OK);
    ck_assert_int_eq(n, 3);
    duo_close(&x);
}
END_TEST

/* A tag removed on one device while another gave it to a check-in: the
 * first makes it again of kind "other", the second keeps its kind. */
START_TEST(test_tag_removed_while_used)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    struct store_tag_result res;
    struct store_tag_edit e = {.name = "yoga", .force = true};
    ck_assert_msg(store_tag_remove(duo_at(&x, 0, 600), &e, &res, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    struct checkin c;
    checkin_init(&c, date_from_ymd(2026, 11, 20));
    c.value[CF_PAIN] = 3;
    checkin_add_tag(&c, "yoga");
    ck_assert_msg(store_add(duo_at(&x, 1, 601), &c, NULL, &err) == ACHE_OK,
                  "%s", err.msg);
    checkin_free(&c);
    duo_sync(&x, 0, 610);
    duo_sync(&x, 1, 611);
    duo_sync(&x, 0, 612);
    duo_sync(&x, 1, 613);
    struct strbuf a = {0}, b = {0};
    ttags_text(duo_at(&x, 0, 620), &a);
    ttags_text(duo_at(&x, 1, 620), &b);
    assert_same_text(&a, &b, "the tags of a and b");
    duo_close(&x);
}
END_TEST

/* Own fields added on two devices: each diary numbers them in the order
 * it met them, and lists them (and a check-in's own values) by that key,
 * so the two exports may order them apart (a known limit, in the closing
 * note of issue 17): the same fields, values and stamps, whatever the
 * order. */
START_TEST(test_field_order)
{
    struct duo x;
    duo_open(&x, NULL);
    struct ache_err err = {""};
    static const char *const names[] = {"dizziness", "nausea"};
    for (int i = 0; i < 2; i++) {
        struct field_record f = {.kind = FIELD_RATING};
        snprintf(f.name, sizeof f.name, "%s", names[i]);
        ck_assert_msg(store_field_add(duo_at(&x, i, 600 + i), &f, NULL,
                                      &err) == ACHE_OK,
                      "%s", err.msg);
        field_record_free(&f);
    }
    duo_sync(&x, 0, 610);
    duo_sync(&x, 1, 611);
    duo_sync(&x, 0, 612);
    struct strbuf a = {0}, b = {0}, ua = {0}, ub = {0};
    texport_json(duo_at(&x, 0, 620), &a);
    texport_json(duo_at(&x, 1, 620), &b);
    ck_assert_ptr_nonnull(strstr(strbuf_str(&a), "\"dizziness\""));
    ck_assert_ptr_nonnull(strstr(strbuf_str(&a), "\"nausea\""));
    unordered(strbuf_str(&a), &ua);
    unordered(strbuf_str(&b), &ub);
    strbuf_free(&a);
    strbuf_free(&b);
    assert_same_text(&ua, &ub, "the exports of a and b, order aside,");
    duo_close(&x);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("sync_property");
    TCase *tc = tcase_create("rounds");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_rounds_sealed);
    tcase_add_test(tc, test_rounds_plain);
    suite_add_tcase(s, tc);
    TCase *cases = tcase_create("cases");
    tcase_set_timeout(cases, 30);
    tcase_add_test(cases, test_fast_clock);
    tcase_add_test(cases, test_concurrent_edits);
    tcase_add_test(cases, test_removal_against_edit);
    tcase_add_test(cases, test_copy_takes_new_device);
    tcase_add_test(cases, test_folder_shows_nothing);
    tcase_add_test(cases, test_sync_under_a_reader);
    tcase_add_test(cases, test_sync_under_a_field_reader);
    tcase_add_test(cases, test_sync_waits_for_a_writer);
    suite_add_tcase(s, cases);
    TCase *found = tcase_create("findings");
    tcase_set_timeout(found, 30);
    tcase_add_test(found, test_one_sync_add_then_remove);
    tcase_add_test(found, test_one_sync_two_versions);
    tcase_add_test(found, test_same_med_name);
    tcase_add_test(found, test_field_removed_while_used);
    tcase_add_test(found, test_med_removed_while_dosed);
    tcase_add_test(found, test_field_renamed_onto_anothers);
    tcase_add_test(found, test_field_renamed_while_used);
    tcase_add_test(found, test_same_field_added_then_undone);
    tcase_add_test(found, test_compact_writes_snapshot);
    tcase_add_test(found, test_tag_removed_while_used);
    tcase_add_test(found, test_field_order);
    suite_add_tcase(s, found);
    return s;
}

ACHE_TEST_MAIN(make_suite)
