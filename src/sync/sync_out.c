/* sync_out: this device's versions since the last sync, as a new file of
 * its folder.
 *
 * The store stamps the versions (store_sync_collect); this file writes
 * one line for each, then the records of those that are not removals or
 * tags as an ache JSON export (the export's own writer, so that a record
 * travels exactly as `ache export` keeps it). A medicine goes whole, with
 * every period. The file is sealed part by part as it is written, never
 * held whole.
 */
#include "sync_run_impl.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ache/checkin.h"
#include "ache/exchange.h"
#include "ache/store.h"
#include "ache/sync.h"
#include "ache/util.h"

#define FLUSH_AT 65536

/* The versions collected: their lines, and the ids of the records to
 * write whole (32 characters each, one after another). */
struct outgoing {
    struct sync_job *job;
    struct strbuf lines;
    struct strbuf ids[SK_COUNT];
    size_t versions;
    bool snapshot;
    struct strbuf covers; /* a snapshot's "covers DEVICE NAME" lines */
};

void sync_version_line(const struct store_sync_version *v, struct strbuf *out)
{
    strbuf_printf(out, "v %s %s %lld %s ", store_sync_kind_name(v->kind),
                  v->id, (long long)v->stamp.hlc, v->stamp.device);
    if (v->parent.device[0])
        strbuf_printf(out, "%lld %s", (long long)v->parent.hlc,
                      v->parent.device);
    else
        strbuf_append(out, "- -");
    strbuf_printf(out, " %d %s %s\n", v->removed ? 1 : 0,
                  v->kind == SK_TAG && !v->removed
                      ? tag_kind_name(v->tag_kind)
                      : "-",
                  v->med[0] ? v->med : "-");
}

static bool has_id(const struct strbuf *ids, const char *id)
{
    for (size_t at = 0; at + CHECKIN_ID_LEN <= ids->len; at += CHECKIN_ID_LEN)
        if (memcmp(ids->data + at, id, CHECKIN_ID_LEN) == 0)
            return true;
    return false;
}

/* A record to write whole: a period's is its medicine. */
static void want_record(struct outgoing *o, const struct store_sync_version *v)
{
    if (v->removed || v->kind == SK_TAG)
        return;
    enum store_sync_kind kind = v->kind == SK_PERIOD ? SK_MED : v->kind;
    const char *id = v->kind == SK_PERIOD ? v->med : v->id;
    if (strlen(id) != CHECKIN_ID_LEN)
        return;
    if (kind != SK_CHECKIN && has_id(&o->ids[kind], id))
        return;
    strbuf_appendn(&o->ids[kind], id, CHECKIN_ID_LEN);
}

static enum ache_status collect_one(const struct store_sync_version *v,
                                    void *ctx, struct ache_err *err)
{
    (void)err;
    struct outgoing *o = ctx;
    struct sync_report *r = o->job->report;
    sync_version_line(v, &o->lines);
    want_record(o, v);
    o->versions++;
    if (v->removed)
        r->sent_removed++;
    else
        r->sent[v->kind]++;
    return ACHE_OK;
}

static void outgoing_free(struct outgoing *o)
{
    strbuf_free(&o->covers);
    strbuf_free(&o->lines);
    for (int k = 0; k < SK_COUNT; k++)
        strbuf_free(&o->ids[k]);
}

/* ---- the records ------------------------------------------------------------ */

/* The fields, medicines and doses to write, chosen from the diary's. */
struct chosen {
    struct store_field_list fields;
    struct field_record *field_items;
    size_t nfields;
    struct med_list all_meds, meds;
    struct dose_list doses;
};

/* The fields whose versions go, and every own field besides: a check-in
 * names its values by them, and the other diary may lack one it has not
 * seen written yet. */
static void choose_fields(struct chosen *c, const struct strbuf *ids)
{
    c->field_items = xcalloc(c->fields.n + 1, sizeof *c->field_items);
    for (size_t i = 0; i < c->fields.n; i++)
        if (has_id(ids, c->fields.items[i].id) ||
            c->fields.items[i].key >= CF_COUNT)
            c->field_items[c->nfields++] = c->fields.items[i];
}

static bool names_a_dose(const struct dose_list *doses, const char *med)
{
    for (size_t i = 0; i < doses->n; i++)
        if (strcasecmp(doses->items[i].med, med) == 0)
            return true;
    return false;
}

/* The medicines whose versions go, and the medicine of each dose sent. */
static void choose_meds(struct chosen *c, const struct strbuf *ids)
{
    c->meds.items = xcalloc(c->all_meds.n + 1, sizeof *c->meds.items);
    for (size_t i = 0; i < c->all_meds.n; i++)
        if (has_id(ids, c->all_meds.items[i].id) ||
            names_a_dose(&c->doses, c->all_meds.items[i].name))
            c->meds.items[c->meds.n++] = c->all_meds.items[i];
}

static enum ache_status choose_doses(struct sync_job *job, struct chosen *c,
                                     const struct strbuf *ids,
                                     struct ache_err *err)
{
    size_t n = ids->len / CHECKIN_ID_LEN;
    c->doses.items = xcalloc(n + 1, sizeof *c->doses.items);
    enum ache_status status = ACHE_OK;
    for (size_t i = 0; !status && i < n; i++) {
        char id[CHECKIN_ID_LEN + 1];
        memcpy(id, ids->data + i * CHECKIN_ID_LEN, CHECKIN_ID_LEN);
        id[CHECKIN_ID_LEN] = '\0';
        bool found = false;
        status = store_dose_get(job->st, id, &c->doses.items[c->doses.n],
                                &found, err);
        if (!status && found)
            c->doses.n++;
    }
    return status;
}

static enum ache_status choose(struct sync_job *job, const struct outgoing *o,
                               struct chosen *c, struct ache_err *err)
{
    memset(c, 0, sizeof *c);
    enum ache_status status = store_fields_list(job->st, &c->fields, err);
    if (!status)
        status = store_meds_list(job->st, &c->all_meds, err);
    if (status)
        return status;
    choose_fields(c, &o->ids[SK_FIELD]);
    status = choose_doses(job, c, &o->ids[SK_DOSE], err);
    if (!status)
        choose_meds(c, &o->ids[SK_MED]);
    return status;
}

static void chosen_free(struct chosen *c)
{
    free(c->field_items);
    free(c->meds.items); /* they are all_meds' */
    med_list_free(&c->all_meds);
    store_field_list_free(&c->fields);
    dose_list_free(&c->doses);
}

/* ---- the file ------------------------------------------------------------------ */

static enum ache_status flush(struct sync_writer *w, struct strbuf *b,
                              bool all, struct ache_err *err)
{
    if (!b->len || (!all && b->len < FLUSH_AT))
        return ACHE_OK;
    enum ache_status status = sync_writer_put(w, b->data, b->len, err);
    strbuf_reset(b);
    return status;
}

static enum ache_status write_checkins(struct sync_job *job,
                                       const struct strbuf *ids,
                                       struct sync_writer *w,
                                       struct strbuf *b, struct ache_err *err)
{
    size_t n = ids->len / CHECKIN_ID_LEN;
    enum ache_status status = ACHE_OK;
    for (size_t i = 0; !status && i < n; i++) {
        char id[CHECKIN_ID_LEN + 1];
        memcpy(id, ids->data + i * CHECKIN_ID_LEN, CHECKIN_ID_LEN);
        id[CHECKIN_ID_LEN] = '\0';
        struct checkin c;
        status = store_get(job->st, id, &c, err);
        if (!status)
            exchange_write_checkin(EXCHANGE_JSON, &c, i, b);
        checkin_free(&c);
        if (!status)
            status = flush(w, b, false, err);
    }
    if (!status)
        exchange_write_end(EXCHANGE_JSON, n, b);
    return status;
}

static enum ache_status write_body(struct sync_job *job,
                                   const struct outgoing *o,
                                   struct sync_writer *w, struct ache_err *err)
{
    struct chosen c;
    struct strbuf b = {0};
    enum ache_status status = choose(job, o, &c, err);
    if (!status) {
        struct exchange_opts opts = {.notes = true,
                                     .fields = c.field_items,
                                     .nfields = c.nfields,
                                     .meds = &c.meds,
                                     .doses = &c.doses};
        strbuf_printf(&b, "%s\ndevice %s\nsnapshot %d\n", SYNC_DATA_MAGIC,
                      job->sy.device, o->snapshot ? 1 : 0);
        strbuf_appendn(&b, o->covers.data, o->covers.len);
        strbuf_appendn(&b, o->lines.data, o->lines.len);
        strbuf_putc(&b, '\n');
        exchange_write_begin_opts(EXCHANGE_JSON, &opts, &b);
        status = write_checkins(job, &o->ids[SK_CHECKIN], w, &b, err);
    }
    if (!status)
        status = flush(w, &b, true, err);
    strbuf_free(&b);
    chosen_free(&c);
    return status;
}

static enum ache_status write_file(struct sync_job *job,
                                   const struct outgoing *o,
                                   struct ache_err *err)
{
    struct sync_write_spec spec = {.device = job->sy.device,
                                   .seq = job->sy.seq + 1,
                                   .snapshot = o->snapshot};
    struct sync_writer *w = NULL;
    enum ache_status status = sync_writer_begin(job->folder, &spec, &w, err);
    if (status)
        return status;
    status = write_body(job, o, w, err);
    if (status) {
        sync_writer_abandon(w);
        return status;
    }
    char *name = o->snapshot ? job->report->snapshot : job->report->written;
    status = sync_writer_finish(w, name, err);
    if (status)
        return status;
    job->sy.seq++;
    struct store_sync_file f = {job->sy.device, name, true};
    return store_sync_file_note(job->st, &f, err);
}

enum ache_status sync_send(struct sync_job *job, struct ache_err *err)
{
    struct outgoing o = {.job = job};
    enum ache_status status =
        store_sync_collect(job->st, &job->sy, collect_one, &o, err);
    if (!status && o.versions)
        status = write_file(job, &o, err);
    outgoing_free(&o);
    return status;
}

/* ---- a snapshot --------------------------------------------------------------- */

/* Every record's latest version that the diary holds (or its removal). */
static enum ache_status snapshot_one(const struct store_sync_version *v,
                                     void *ctx, struct ache_err *err)
{
    struct outgoing *o = ctx;
    bool present = true;
    enum ache_status status =
        v->removed ? ACHE_OK
                   : store_sync_present(o->job->st, v->kind, v->id, &present,
                                        err);
    if (status || !present)
        return status;
    sync_version_line(v, &o->lines);
    want_record(o, v);
    o->versions++;
    return ACHE_OK;
}

static enum ache_status cover_one(const struct store_sync_file *f, void *ctx,
                                  struct ache_err *err)
{
    (void)err;
    struct outgoing *o = ctx;
    strbuf_printf(&o->covers, "covers %s %s\n", f->device, f->name);
    return ACHE_OK;
}

enum ache_status sync_snapshot(struct sync_job *job, struct ache_err *err)
{
    struct outgoing o = {.job = job, .snapshot = true};
    enum ache_status status =
        store_sync_each_file(job->st, cover_one, &o, err);
    if (!status)
        status = store_sync_each_head(job->st, snapshot_one, &o, err);
    if (!status)
        status = write_file(job, &o, err);
    outgoing_free(&o);
    return status;
}
