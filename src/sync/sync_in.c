/* sync_in: one file of another device, read and applied.
 *
 * A file is read twice: once to check it whole (every line, every record
 * the export part gives, each record with its version line and each
 * version with its record), and only then once more to apply it, so that
 * a file refused changes nothing. Each version is judged against the
 * diary's latest of that record (store_sync_judge): a later one becomes
 * the record, with the diary's kept as an earlier version; an earlier one
 * is kept aside whole (sync_other), so that no version is lost either
 * way. Tags come first (check-ins name them), removals last.
 */
#include "sync_impl.h"
#include "sync_run_impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/store.h"
#include "ache/strmap.h"
#include "ache/tags.h"
#include "ache/util.h"

/* The versions of one file, found by kind and id. */
struct file_versions {
    struct store_sync_version *items;
    bool *has_record;
    size_t n, cap;
    struct strmap index;
    struct strbuf covers; /* a snapshot's "DEVICE NAME" lines */
};

static void versions_free(struct file_versions *fv)
{
    strbuf_free(&fv->covers);
    free(fv->items);
    free(fv->has_record);
    strmap_free(&fv->index);
}

static void version_key(enum store_sync_kind kind, const char *id,
                        char key[TAG_NAME_MAX + 8])
{
    snprintf(key, TAG_NAME_MAX + 8, "%d:%s", (int)kind, id);
}

static struct store_sync_version *find(struct file_versions *fv,
                                       enum store_sync_kind kind,
                                       const char *id, size_t *at)
{
    char key[TAG_NAME_MAX + 8];
    int64_t i = 0;
    version_key(kind, id, key);
    if (!strmap_get(&fv->index, key, &i))
        return NULL;
    if (at)
        *at = (size_t)i;
    return &fv->items[i];
}

/* ---- the lines ------------------------------------------------------------- */

static bool clock_text(const char *s, int64_t *out)
{
    if (!*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
        return false;
    *out = strtoll(s, NULL, 10);
    return true;
}

/* A stamp's two words ("-" "-" for none when `none_ok`). */
static bool stamp_words(const char *hlc, const char *dev, bool none_ok,
                        struct store_stamp *out)
{
    memset(out, 0, sizeof *out);
    if (none_ok && strcmp(hlc, "-") == 0 && strcmp(dev, "-") == 0)
        return true;
    if (!clock_text(hlc, &out->hlc) || !sync_device_valid(dev))
        return false;
    memcpy(out->device, dev, sizeof out->device);
    return true;
}

static bool id_fits(enum store_sync_kind kind, const char *id)
{
    if (kind != SK_TAG)
        return checkin_id_valid(id);
    return strlen(id) <= TAG_NAME_MAX && tag_name_check(id, NULL) == ACHE_OK;
}

#define WORDS 10

static bool words_fit(char *w[WORDS], struct store_sync_version *v)
{
    memset(v, 0, sizeof *v);
    v->tag_kind = TAG_OTHER;
    if (strcmp(w[0], "v") != 0 || !store_sync_kind_parse(w[1], &v->kind) ||
        !id_fits(v->kind, w[2]) || !stamp_words(w[3], w[4], false, &v->stamp) ||
        !stamp_words(w[5], w[6], true, &v->parent) ||
        (strcmp(w[7], "0") != 0 && strcmp(w[7], "1") != 0))
        return false;
    snprintf(v->id, sizeof v->id, "%s", w[2]);
    v->removed = w[7][0] == '1';
    bool tag_live = v->kind == SK_TAG && !v->removed;
    if (tag_live ? !tag_kind_parse(w[8], &v->tag_kind) : strcmp(w[8], "-"))
        return false;
    if (strcmp(w[9], "-") == 0)
        return true;
    memcpy(v->med, w[9], strlen(w[9]) <= CHECKIN_ID_LEN ? strlen(w[9]) + 1 : 1);
    return v->kind == SK_PERIOD && checkin_id_valid(w[9]);
}

enum ache_status sync_version_parse(const char *line,
                                    struct store_sync_version *v,
                                    struct ache_err *err)
{
    char copy[256], *w[WORDS], *save = NULL;
    size_t len = strlen(line), n = 0;
    if (len >= sizeof copy)
        return ache_fail(err, ACHE_ERR_INVALID, "a version line is too long");
    memcpy(copy, line, len + 1);
    for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
        if (n < WORDS)
            w[n++] = t;
        else
            n = WORDS + 1;
    if (n != WORDS || !words_fit(w, v))
        return ache_fail(err, ACHE_ERR_INVALID, "not a version: '%.60s'",
                         line);
    return ACHE_OK;
}

/* Splits text into its lines, up to the empty one; *rest gets what
 * follows it. `each` is called with each line (NUL-terminated in a copy)
 * and its number. */
struct line_walk {
    const struct strbuf *text;
    size_t at;
    int line;
};

static bool next_line(struct line_walk *lw, struct strbuf *out)
{
    const char *p = lw->text->data + lw->at;
    const char *end = lw->text->data + lw->text->len;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
        return false;
    strbuf_reset(out);
    strbuf_appendn(out, p, (size_t)(nl - p));
    lw->at = (size_t)(nl + 1 - lw->text->data);
    lw->line++;
    return true;
}

static enum ache_status opening_line(struct line_walk *lw, const char *word,
                                     char *out, size_t cap,
                                     struct ache_err *err)
{
    struct strbuf l = {0};
    size_t wlen = strlen(word);
    bool ok = next_line(lw, &l) && strncmp(strbuf_str(&l), word, wlen) == 0 &&
              l.data[wlen] == ' ' && l.len - wlen - 1 < cap;
    if (ok)
        snprintf(out, cap, "%s", l.data + wlen + 1);
    strbuf_free(&l);
    return ok ? ACHE_OK
              : ache_fail(err, ACHE_ERR_INVALID, "line %d: not '%s ...'",
                          lw->line, word);
}

static enum ache_status read_opening(struct line_walk *lw,
                                     struct sync_incoming *in,
                                     struct ache_err *err)
{
    struct strbuf l = {0};
    char device[64], snapshot[8];
    bool magic = next_line(lw, &l) && strcmp(strbuf_str(&l), SYNC_DATA_MAGIC) == 0;
    strbuf_free(&l);
    if (!magic)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "line 1: not a sync file of this ache");
    enum ache_status status =
        opening_line(lw, "device", device, sizeof device, err);
    if (!status && !sync_device_valid(device))
        status = ache_fail(err, ACHE_ERR_INVALID, "line 2: not a device id");
    if (!status && in->device && strcmp(device, in->device) != 0)
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "line 2: written by device %.8s, not by the "
                           "folder's owner",
                           device);
    if (!status)
        status = opening_line(lw, "snapshot", snapshot, sizeof snapshot, err);
    if (!status)
        in->snapshot = strcmp(snapshot, "1") == 0;
    return status;
}

static void versions_add(struct file_versions *fv,
                         const struct store_sync_version *v)
{
    if (fv->n == fv->cap) {
        fv->cap = fv->cap ? fv->cap * 2 : 64;
        fv->items = xreallocarray(fv->items, fv->cap, sizeof *fv->items);
        fv->has_record = xreallocarray(fv->has_record, fv->cap, 1);
    }
    char key[TAG_NAME_MAX + 8];
    version_key(v->kind, v->id, key);
    strmap_put(&fv->index, key, (int64_t)fv->n);
    fv->has_record[fv->n] = false;
    fv->items[fv->n++] = *v;
}

/* "covers DEVICE NAME": a file the snapshot's view holds. */
static enum ache_status read_cover(const char *rest, struct file_versions *fv,
                                   int line, struct ache_err *err)
{
    const char *sp = strchr(rest, ' ');
    uint64_t seq = 0;
    bool snap = false;
    char device[SYNC_DEVICE_HEX + 1];
    if (!sp || sp - rest != SYNC_DEVICE_HEX || strlen(sp + 1) >= SYNC_NAME_MAX)
        return ache_fail(err, ACHE_ERR_INVALID, "line %d: not 'covers DEVICE "
                         "NAME'", line);
    memcpy(device, rest, SYNC_DEVICE_HEX);
    device[SYNC_DEVICE_HEX] = '\0';
    if (!sync_device_valid(device) || !sync_name_parse(sp + 1, &seq, &snap))
        return ache_fail(err, ACHE_ERR_INVALID, "line %d: not 'covers DEVICE "
                         "NAME'", line);
    strbuf_append(&fv->covers, rest);
    strbuf_putc(&fv->covers, '\n');
    return ACHE_OK;
}

/* A snapshot, once applied: the files its view holds are the diary's
 * now too, never to be read (a device that joins reads one snapshot, not
 * years of files). This diary's own files are its own already. */
static enum ache_status note_covers(struct sync_job *job,
                                    const struct file_versions *fv,
                                    struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    const char *p = fv->covers.data, *end = p + fv->covers.len;
    while (!status && p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        char device[SYNC_DEVICE_HEX + 1], name[SYNC_NAME_MAX];
        memcpy(device, p, SYNC_DEVICE_HEX);
        device[SYNC_DEVICE_HEX] = '\0';
        size_t len = (size_t)(nl - p) - SYNC_DEVICE_HEX - 1;
        memcpy(name, p + SYNC_DEVICE_HEX + 1, len);
        name[len] = '\0';
        struct store_sync_file f = {device, name, false};
        if (strcmp(device, job->sy.device) != 0)
            status = store_sync_file_note(job->st, &f, err);
        p = nl + 1;
    }
    return status;
}

/* The version lines, up to the empty line; *doc is where the export
 * begins. */
static enum ache_status read_versions(struct line_walk *lw,
                                      struct file_versions *fv, size_t *doc,
                                      struct ache_err *err)
{
    struct strbuf l = {0};
    struct ache_err why;
    enum ache_status status = ACHE_OK;
    bool ended = false;
    while (!status && !ended && next_line(lw, &l)) {
        struct store_sync_version v;
        if (!l.len)
            ended = true;
        else if (strncmp(strbuf_str(&l), "covers ", 7) == 0)
            status = read_cover(strbuf_str(&l) + 7, fv, lw->line, err);
        else if ((status = sync_version_parse(strbuf_str(&l), &v, &why)))
            status = ache_fail(err, ACHE_ERR_INVALID, "line %d: %s",
                               lw->line, why.msg);
        else if (find(fv, v.kind, v.id, NULL))
            status = ache_fail(err, ACHE_ERR_INVALID,
                               "line %d: a second version of %s %s",
                               lw->line, store_sync_kind_name(v.kind), v.id);
        else
            versions_add(fv, &v);
    }
    strbuf_free(&l);
    if (!status && !ended)
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "line %d: the file ends in its versions", lw->line);
    *doc = lw->at;
    return status;
}

/* ---- the records, as bodies kept aside -------------------------------------- */

/* A record whole, as a small ache JSON export holding it alone: what
 * sync_other keeps of a version not taken, which `ache import` could
 * take back. */
static void body_of(const struct exchange_opts *opts, const struct checkin *c,
                    struct strbuf *out)
{
    strbuf_reset(out);
    exchange_write_begin_opts(EXCHANGE_JSON, opts, out);
    if (c)
        exchange_write_checkin(EXCHANGE_JSON, c, 0, out);
    exchange_write_end(EXCHANGE_JSON, c ? 1 : 0, out);
}

static void field_body(const struct field_record *f, struct strbuf *out)
{
    struct exchange_opts o = {.notes = true, .fields = f, .nfields = 1};
    body_of(&o, NULL, out);
}

static void med_body(const struct med *m, struct strbuf *out)
{
    struct med_list one = {(struct med *)m, 1};
    struct dose_list none = {NULL, 0};
    struct exchange_opts o = {.notes = true, .meds = &one, .doses = &none};
    body_of(&o, NULL, out);
}

static void dose_body(const struct dose *d, struct strbuf *out)
{
    struct med_list none = {NULL, 0};
    struct dose_list one = {(struct dose *)d, 1};
    struct exchange_opts o = {.notes = true, .meds = &none, .doses = &one};
    body_of(&o, NULL, out);
}

static void checkin_body(const struct checkin *c, struct strbuf *out)
{
    struct exchange_opts o = {.notes = true};
    body_of(&o, c, out);
}

/* ---- applying --------------------------------------------------------------- */

struct applier {
    struct sync_job *job;
    struct file_versions *fv;
    const char *file; /* "DEVICE/NAME", for messages */
    bool dry;         /* the first reading: check only */
    struct sync_names names;
};

/* The diary's side of a record: whether it has it, and its body. */
struct ours {
    bool present;
    struct strbuf body;
};

static void note_conflict(struct sync_report *r,
                          const struct store_sync_version *v, bool theirs)
{
    if (r->nconflicts < SYNC_CONFLICTS_KEPT) {
        struct sync_conflict *c = &r->conflicts[r->nconflicts];
        c->kind = v->kind;
        snprintf(c->id, sizeof c->id, "%s", v->id);
        c->took_theirs = theirs;
    }
    r->nconflicts++;
}

/* What a version's write does, once judged to be taken. */
typedef enum ache_status (*put_fn)(struct applier *a,
                                   const struct store_sync_version *v,
                                   const void *rec, struct ache_err *err);

struct arrival {
    const struct store_sync_version *v;
    const void *rec;        /* the record, NULL for a removal */
    const char *body;       /* its body, for keeping aside */
    const struct ours *ours;
    bool same;              /* the diary holds the same content */
    put_fn put;
};

/* Judges and applies one version: taken, or kept aside; either way noted
 * as seen, and a conflict told when both sides changed it apart. */
static enum ache_status arrive(struct applier *a, const struct arrival *ar,
                               struct ache_err *err)
{
    struct sync_job *job = a->job;
    struct store_sync_judgement j;
    enum ache_status status = store_sync_judge(job->st, ar->v, &j, err);
    job->report->versions_read++;
    job->report->already += !status && (j.seen || (j.take && ar->same));
    if (status || j.seen)
        return status;
    bool conflict = j.conflict && !ar->same;
    if (conflict)
        note_conflict(job->report, ar->v, j.take);
    struct store_sync_other o = {ar->v->kind, ar->v->id, &ar->v->stamp,
                                 ar->v->removed, ar->body, conflict};
    if (j.take) {
        /* the diary's version becomes an earlier one of its history as
         * the record is written over: nothing to keep aside */
        /* the same content may come with other stamps, which the record
         * takes; a removal of what the diary lacks has nothing to do */
        if (ar->ours->present || !ar->v->removed)
            status = ar->put(a, ar->v, ar->rec, err);
        /* counted when it brings what the diary did not hold */
        if (!ar->same && ar->v->removed)
            job->report->received_removed++;
        else if (!ar->same)
            job->report->received[ar->v->kind]++;
    } else {
        status = store_sync_keep_other(job->st, &job->sy, &o, err);
        job->report->kept_ours++;
    }
    return status ? status : store_sync_note(job->st, &job->sy, ar->v, err);
}

static void ours_free(struct ours *o)
{
    strbuf_free(&o->body);
}

/* ---- check-ins ---- */

static enum ache_status put_checkin(struct applier *a,
                                   const struct store_sync_version *v,
                                   const void *rec, struct ache_err *err)
{
    struct sync_job *job = a->job;
    return v->removed
               ? store_sync_remove_checkin(job->st, &job->sy, v->id, err)
               : store_sync_put_checkin(job->st, &job->sy, rec, err);
}

/* The diary's check-in id into *c (initialised), when it has it. */
static enum ache_status ours_checkin(struct applier *a, const char *id,
                                     struct ours *o, struct checkin *c,
                                     struct ache_err *err)
{
    enum ache_status status = store_get(a->job->st, id, c, err);
    o->present = status == ACHE_OK;
    if (status == ACHE_ERR_NOT_FOUND || status == ACHE_ERR_GONE)
        status = ACHE_OK;
    if (o->present)
        checkin_body(c, &o->body);
    return status;
}

static enum ache_status apply_checkin(struct applier *a,
                                      const struct store_sync_version *v,
                                      const struct checkin *c,
                                      struct ache_err *err)
{
    struct ours o = {0};
    struct checkin local;
    struct strbuf body = {0};
    enum ache_status status = ours_checkin(a, v->id, &o, &local, err);
    if (c)
        checkin_body(c, &body);
    bool same = c ? o.present && checkin_diff(&local, c) == 0 : !o.present;
    struct arrival ar = {v, c, c ? strbuf_str(&body) : NULL, &o, same,
                         put_checkin};
    if (!status)
        status = arrive(a, &ar, err);
    checkin_free(&local);
    strbuf_free(&body);
    ours_free(&o);
    return status;
}

static enum ache_status missing(struct applier *a, const char *what,
                                const char *id, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_INVALID, "%s: %s %s has no version line",
                     a->file, what, id);
}

static enum ache_status each_checkin(struct checkin *c, void *arg,
                                     struct ache_err *err)
{
    struct applier *a = arg;
    size_t i = 0;
    const struct store_sync_version *v = find(a->fv, SK_CHECKIN, c->id, &i);
    if (!v || v->removed)
        return missing(a, "check-in", c->id, err);
    if (a->dry) {
        a->fv->has_record[i] = true;
        return ACHE_OK;
    }
    enum ache_status status =
        a->names.ready ? ACHE_OK : sync_names_ready(&a->names, a->job->st, err);
    if (!status)
        sync_names_remap(&a->names, c);
    return status ? status : apply_checkin(a, v, c, err);
}

/* ---- fields ---- */

static enum ache_status put_field(struct applier *a,
                                  const struct store_sync_version *v,
                                  const void *rec, struct ache_err *err)
{
    struct sync_job *job = a->job;
    return v->removed ? store_sync_remove_record(job->st, &job->sy, SK_FIELD,
                                                 v->id, err)
                      : store_sync_put_field(job->st, &job->sy, rec, err);
}

static enum ache_status ours_field(struct applier *a, const char *id,
                                   struct ours *o, struct ache_err *err)
{
    struct store_field_list list;
    enum ache_status status = store_fields_list(a->job->st, &list, err);
    for (size_t i = 0; !status && i < list.n && !o->present; i++)
        if (strcmp(list.items[i].id, id) == 0) {
            o->present = true;
            field_body(&list.items[i], &o->body);
        }
    if (!status)
        store_field_list_free(&list);
    return status;
}

static enum ache_status apply_field(struct applier *a,
                                    const struct store_sync_version *v,
                                    const struct field_record *f,
                                    struct ache_err *err)
{
    struct ours o = {0};
    struct strbuf body = {0};
    enum ache_status status = ours_field(a, v->id, &o, err);
    if (f)
        field_body(f, &body);
    bool same = f ? o.present && strcmp(strbuf_str(&o.body),
                                        strbuf_str(&body)) == 0
                  : !o.present;
    struct arrival ar = {v, f, f ? strbuf_str(&body) : NULL, &o, same,
                         put_field};
    if (!status)
        status = arrive(a, &ar, err);
    strbuf_free(&body);
    ours_free(&o);
    return status;
}

/* The first reading makes a field the file brings known to this process,
 * so that its check-ins can give values of it. */
static void know_field(const struct field_record *f)
{
    if (!field_named(f->name))
        fields_add(&(struct field_row){.name = f->name,
                                       .label = f->label,
                                       .low_word = f->low_word,
                                       .high_word = f->high_word,
                                       .kind = f->kind,
                                       .weekly = f->weekly});
}

static enum ache_status ensure_field(struct applier *a,
                                     const struct field_record *f,
                                     struct ache_err *err)
{
    struct sync_job *job = a->job;
    bool present = false;
    enum ache_status status =
        store_sync_present(job->st, SK_FIELD, f->id, &present, err);
    if (status || present || field_named(f->name))
        return status;
    return store_sync_put_field(job->st, &job->sy, f, err);
}

static enum ache_status each_field(const struct field_record *f, void *arg,
                                   struct ache_err *err)
{
    struct applier *a = arg;
    size_t i = 0;
    const struct store_sync_version *v = find(a->fv, SK_FIELD, f->id, &i);
    if (v && v->removed)
        return missing(a, "field", f->id, err);
    if (a->dry) {
        if (v)
            a->fv->has_record[i] = true;
        sync_names_field(&a->names, f, v != NULL);
        know_field(f);
        return ACHE_OK;
    }
    /* a field without a version is there to be named; the diary takes
     * it when it has none of that id or name (removed here while the
     * other device gave it values, or its own file still to come) */
    enum ache_status status =
        v ? apply_field(a, v, f, err) : ensure_field(a, f, err);
    /* writing a field installs the diary's table again: the file's names
     * are made known anew for the check-ins that follow */
    return status ? status : sync_names_ready(&a->names, a->job->st, err);
}

/* ---- medicines, their periods, doses ---- */

static enum ache_status put_med(struct applier *a,
                                const struct store_sync_version *v,
                                const void *rec, struct ache_err *err)
{
    struct sync_job *job = a->job;
    return v->removed ? store_sync_remove_record(job->st, &job->sy, SK_MED,
                                                 v->id, err)
                      : store_sync_put_med(job->st, &job->sy, rec, err);
}

/* A period travels inside its medicine: rec is the medicine holding the
 * period alone. */
static enum ache_status put_period(struct applier *a,
                                   const struct store_sync_version *v,
                                   const void *rec, struct ache_err *err)
{
    struct sync_job *job = a->job;
    const struct med *m = rec;
    return v->removed
               ? store_sync_remove_record(job->st, &job->sy, SK_PERIOD, v->id,
                                          err)
               : store_sync_put_period(job->st, &job->sy, m, &m->periods[0],
                                       err);
}

/* The diary's medicine of id m_id (whole), or of the period p_id (the
 * medicine holding that period alone), as a body. */
static enum ache_status ours_med(struct applier *a, const char *m_id,
                                 const char *p_id, struct ours *o,
                                 struct ache_err *err)
{
    struct med_list list;
    enum ache_status status = store_meds_list(a->job->st, &list, err);
    for (size_t i = 0; !status && i < list.n && !o->present; i++) {
        struct med m = list.items[i];
        for (size_t k = 0; p_id && k < m.nperiods && !o->present; k++)
            if (strcmp(m.periods[k].id, p_id) == 0) {
                m.periods += k;
                m.nperiods = 1;
                o->present = true;
            }
        if (!p_id && strcmp(m.id, m_id) == 0)
            o->present = true;
        if (o->present)
            med_body(&m, &o->body);
    }
    if (!status)
        med_list_free(&list);
    return status;
}

/* rec: a medicine (for a period: holding that period alone), or NULL. */
static enum ache_status apply_med_part(struct applier *a,
                                       const struct store_sync_version *v,
                                       const struct med *rec,
                                       struct ache_err *err)
{
    struct ours o = {0};
    struct strbuf body = {0};
    bool period = v->kind == SK_PERIOD;
    enum ache_status status =
        ours_med(a, v->id, period ? v->id : NULL, &o, err);
    if (rec)
        med_body(rec, &body);
    bool same = rec ? o.present && strcmp(strbuf_str(&o.body),
                                          strbuf_str(&body)) == 0
                    : !o.present;
    struct arrival ar = {v, rec, rec ? strbuf_str(&body) : NULL, &o, same,
                         period ? put_period : put_med};
    if (!status)
        status = arrive(a, &ar, err);
    strbuf_free(&body);
    ours_free(&o);
    return status;
}

static enum ache_status each_period(struct applier *a, const struct med *m,
                                    size_t k, bool *any, struct ache_err *err)
{
    size_t i = 0;
    const struct store_sync_version *v =
        find(a->fv, SK_PERIOD, m->periods[k].id, &i);
    if (!v)
        return ACHE_OK; /* it came with its medicine, unchanged */
    if (v->removed || strcmp(v->med, m->id) != 0)
        return missing(a, "period", m->periods[k].id, err);
    *any = true;
    if (a->dry) {
        a->fv->has_record[i] = true;
        return ACHE_OK;
    }
    struct med one = *m;
    one.periods += k;
    one.nperiods = 1;
    return apply_med_part(a, v, &one, err);
}

/* A medicine without a version, there to name a dose's: the diary gets
 * it when it has none of that id or name (its own version comes later,
 * and is taken by its id). */
static enum ache_status ensure_med(struct applier *a, const struct med *m,
                                   struct ache_err *err)
{
    struct sync_job *job = a->job;
    bool present = false, named = false;
    struct med ours = {.nperiods = 0};
    enum ache_status status =
        store_sync_present(job->st, SK_MED, m->id, &present, err);
    if (!status && !present)
        status = store_med_get(job->st, m->name, &ours, &named, err);
    med_free(&ours);
    if (status || present || named)
        return status;
    struct med row = *m;
    row.nperiods = 0;
    return store_sync_put_med(job->st, &job->sy, &row, err);
}

static enum ache_status each_med(const struct med *m, void *arg,
                                 struct ache_err *err)
{
    struct applier *a = arg;
    size_t i = 0;
    const struct store_sync_version *v = find(a->fv, SK_MED, m->id, &i);
    bool any = v != NULL;
    enum ache_status status = ACHE_OK;
    if (v && v->removed)
        return missing(a, "medicine", m->id, err);
    if (a->dry)
        sync_names_med(&a->names, m->name);
    if (v && a->dry)
        a->fv->has_record[i] = true;
    else if (v) /* the medicine first: its periods need it */
        status = apply_med_part(a, v, m, err);
    for (size_t k = 0; !status && k < m->nperiods; k++)
        status = each_period(a, m, k, &any, err);
    return !status && !any && !a->dry ? ensure_med(a, m, err) : status;
}

static enum ache_status put_dose(struct applier *a,
                                 const struct store_sync_version *v,
                                 const void *rec, struct ache_err *err)
{
    struct sync_job *job = a->job;
    return v->removed ? store_sync_remove_record(job->st, &job->sy, SK_DOSE,
                                                 v->id, err)
                      : store_sync_put_dose(job->st, &job->sy, rec, err);
}

static enum ache_status apply_dose(struct applier *a,
                                   const struct store_sync_version *v,
                                   const struct dose *d, struct ache_err *err)
{
    struct ours o = {0};
    struct dose local;
    struct strbuf body = {0};
    enum ache_status status =
        store_dose_get(a->job->st, v->id, &local, &o.present, err);
    if (!status && o.present)
        dose_body(&local, &o.body);
    if (d)
        dose_body(d, &body);
    bool same = d ? o.present && strcmp(strbuf_str(&o.body),
                                        strbuf_str(&body)) == 0
                  : !o.present;
    struct arrival ar = {v, d, d ? strbuf_str(&body) : NULL, &o, same,
                         put_dose};
    if (!status)
        status = arrive(a, &ar, err);
    strbuf_free(&body);
    ours_free(&o);
    return status;
}

/* A dose's medicine, when the file does not bring it (a sender always
 * does), is the diary's. */
static enum ache_status med_known(struct applier *a, const struct dose *d,
                                  struct ache_err *err)
{
    struct med ours = {.nperiods = 0};
    bool found = false;
    enum ache_status status =
        store_med_get(a->job->st, d->med, &ours, &found, err);
    med_free(&ours);
    if (!status && !found)
        status = ache_fail(err, ACHE_ERR_INVALID,
                           "%s: dose %.8s names medicine %s, which neither "
                           "the file nor this diary holds",
                           a->file, d->id, d->med);
    return status;
}

static enum ache_status each_dose(const struct dose *d, void *arg,
                                  struct ache_err *err)
{
    struct applier *a = arg;
    size_t i = 0;
    const struct store_sync_version *v = find(a->fv, SK_DOSE, d->id, &i);
    if (!v || v->removed)
        return missing(a, "dose", d->id, err);
    if (!a->dry)
        return apply_dose(a, v, d, err);
    a->fv->has_record[i] = true;
    return sync_names_has_med(&a->names, d->med) ? ACHE_OK
                                                 : med_known(a, d, err);
}

/* ---- tags ---- */

static enum ache_status put_tag(struct applier *a,
                                const struct store_sync_version *v,
                                const void *rec, struct ache_err *err)
{
    (void)rec;
    struct sync_job *job = a->job;
    /* a removal is swept when the sync commits, once no check-in of the
     * diary names the tag any more */
    return v->removed ? ACHE_OK
                      : store_sync_put_tag(job->st, &job->sy, v->id,
                                           v->tag_kind, err);
}

static enum ache_status apply_tag(struct applier *a,
                                  const struct store_sync_version *v,
                                  struct ache_err *err)
{
    struct ours o = {0};
    enum tag_kind kind = TAG_OTHER;
    enum ache_status status =
        store_tag_find(a->job->st, v->id, &o.present, &kind, err);
    if (!status && o.present)
        strbuf_append(&o.body, tag_kind_name(kind));
    bool same = v->removed ? !o.present : o.present && kind == v->tag_kind;
    struct arrival ar = {v, NULL, v->removed ? NULL : tag_kind_name(v->tag_kind),
                         &o, same, put_tag};
    if (!status)
        status = arrive(a, &ar, err);
    ours_free(&o);
    return status;
}

/* ---- a file ------------------------------------------------------------------- */

/* Versions without a record in the export part: tags and removals. */
static enum ache_status apply_bare(struct applier *a, bool tags,
                                   struct ache_err *err)
{
    enum ache_status status = ACHE_OK;
    for (size_t i = 0; !status && i < a->fv->n; i++) {
        const struct store_sync_version *v = &a->fv->items[i];
        if ((v->kind == SK_TAG) != tags || (!tags && !v->removed))
            continue;
        if (v->kind == SK_TAG)
            status = apply_tag(a, v, err);
        else if (v->kind == SK_CHECKIN)
            status = apply_checkin(a, v, NULL, err);
        else if (v->kind == SK_FIELD)
            status = apply_field(a, v, NULL, err);
        else if (v->kind == SK_DOSE)
            status = apply_dose(a, v, NULL, err);
        else
            status = apply_med_part(a, v, NULL, err);
    }
    return status;
}

/* After the first reading: each version that is not a removal or a tag
 * came with its record. */
static enum ache_status all_have_records(struct applier *a,
                                         struct ache_err *err)
{
    for (size_t i = 0; i < a->fv->n; i++) {
        const struct store_sync_version *v = &a->fv->items[i];
        if (!v->removed && v->kind != SK_TAG && !a->fv->has_record[i])
            return ache_fail(err, ACHE_ERR_INVALID,
                             "%s: %s %s has a version line but no record",
                             a->file, store_sync_kind_name(v->kind), v->id);
    }
    return ACHE_OK;
}

/* One reading of the export part (a->dry says which). A check-in may be
 * dated after today by the device's clock, which may be ahead. */
static enum ache_status read_records(struct applier *a, const char *doc,
                                     size_t len, struct ache_err *err)
{
    struct exchange_reader r = {.each = each_checkin,
                                .arg = a,
                                .ids_checked = !a->dry,
                                .field = each_field,
                                .med = each_med,
                                .dose = each_dose};
    return exchange_read(EXCHANGE_JSON, a->file, doc, len,
                         date_from_ymd(9999, 12, 31), &r, err);
}

enum ache_status sync_apply_file(struct sync_job *job,
                                 struct sync_incoming *in,
                                 const struct strbuf *text,
                                 struct ache_err *err)
{
    struct file_versions fv = {0};
    char *file = xasprintf("%s/%s/%s", sync_folder_path(job->folder),
                           in->device, in->name);
    struct applier a = {.job = job, .fv = &fv, .file = file, .dry = true};
    struct line_walk lw = {text, 0, 0};
    size_t doc = 0;
    enum ache_status status = read_opening(&lw, in, err);
    if (!status)
        status = read_versions(&lw, &fv, &doc, err);
    if (status)
        ache_err_prefix(err, "%s: ", file);
    if (!status)
        status = read_records(&a, text->data + doc, text->len - doc, err);
    if (!status)
        status = all_have_records(&a, err);
    a.dry = false;
    in->checked = !status;
    /* the names the check took in are the process's alone: the fields
     * are applied against the diary's own table */
    if (!status)
        status = store_fields_reload(job->st, err);
    /* each file a change of its own: a check-in one file adds and the
     * next removes keeps its version (a change keeps none of a record it
     * made itself) */
    job->sy.change.n = 0;
    job->sy.change.at = 0;
    if (!status)
        status = apply_bare(&a, true, err);
    if (!status)
        status = read_records(&a, text->data + doc, text->len - doc, err);
    if (!status)
        status = apply_bare(&a, false, err);
    if (!status && in->snapshot)
        status = note_covers(job, &fv, err);
    versions_free(&fv);
    sync_names_free(&a.names);
    /* the names known for this file alone go */
    struct ache_err ignored;
    if (store_fields_reload(job->st, &ignored) != ACHE_OK && !status)
        status = ache_fail(err, ACHE_ERR_DB, "%s", ignored.msg);
    free(file);
    return status;
}
