/* exchange_read: reading a CSV or JSON file one check-in at a time, and
 * the checks on whole records that both formats share: each record is
 * valid, and no id is given twice. A file is never held as a list of
 * check-ins here, so an import of any size runs in little memory. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/util.h"
#include "exchange_impl.h"

/* ---- the ids seen so far ---------------------------------------------- */

/* A 64-bit fingerprint of each id given so far, in an open-addressing
 * table kept at most 7/8 full: 100,000 ids fit in 2^17 slots (1 MiB).
 * Two ids with one fingerprint are rare (about 1 in 10^9 for a file of
 * 100,000), but possible: a fingerprint seen before is confirmed by
 * reading the file again up to the record (find_earlier). 0 marks an
 * empty slot and is never a fingerprint. */
struct id_seen {
    uint64_t *slots;
    size_t cap, n;
};

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDu;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53u;
    return x ^ x >> 33;
}

/* Every digit counts, since hand-made ids may share any part. */
static uint64_t id_fingerprint(const char *id)
{
    uint64_t w[4];
    memcpy(w, id, sizeof w);
    uint64_t h = mix64(w[0] ^ mix64(w[1] ^ mix64(w[2] ^ mix64(w[3]))));
    return h ? h : 1;
}

/* The slot holding fp, or the empty slot where it would go. */
static uint64_t *id_slot(struct id_seen *s, uint64_t fp)
{
    size_t i = (size_t)fp & (s->cap - 1);
    while (s->slots[i] && s->slots[i] != fp)
        i = (i + 1) & (s->cap - 1);
    return &s->slots[i];
}

static void id_grow(struct id_seen *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    struct id_seen bigger = {xcalloc(cap, sizeof *s->slots), cap, s->n};
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            *id_slot(&bigger, s->slots[i]) = s->slots[i];
    free(s->slots);
    *s = bigger;
}

/* Adds id's fingerprint; false when an earlier id had the same one. */
static bool id_add(struct id_seen *s, const char *id)
{
    if ((s->n + 1) * 8 > s->cap * 7)
        id_grow(s);
    uint64_t fp = id_fingerprint(id);
    uint64_t *slot = id_slot(s, fp);
    if (*slot)
        return false;
    *slot = fp;
    s->n++;
    return true;
}

static enum ache_status exchange_read_run(struct exchange_run *run,
                                          struct ache_err *err);

/* ---- whole records ------------------------------------------------------ */

static void prefix_place(struct ache_err *err, const char *name, int line,
                         int col)
{
    if (col > 0)
        ache_err_prefix(err, "%s:%d:%d: ", name, line, col);
    else
        ache_err_prefix(err, "%s:%d: ", name, line);
}

/* The search for the record that gave an id first, in a second reading
 * of the file from its start (run->ids NULL: no checks on ids there). */
struct id_search {
    const struct exchange_reader *outer; /* to pass done_before on */
    struct exchange_run *inner;
    const char *id;
    size_t before; /* look at this many records only */
    size_t seen;
    int line; /* the id's line in the record found, or 0 */
};

/* Stops the reading once the search is over; not an error. */
#define SEARCH_OVER ACHE_ERR_REFUSED

static enum ache_status search_one(struct checkin *c, void *arg,
                                   struct ache_err *err)
{
    (void)err;
    struct id_search *search = arg;
    if (search->seen++ == search->before)
        return SEARCH_OVER;
    if (strcmp(c->id, search->id) != 0)
        return ACHE_OK;
    search->line = search->inner->place->id_line;
    return SEARCH_OVER;
}

static void search_done_before(const char *p, void *arg)
{
    const struct exchange_reader *outer = ((struct id_search *)arg)->outer;
    if (outer->done_before)
        outer->done_before(p, outer->arg);
}

/* The line of the id of the earlier record that gave id, or 0 when none
 * did (another id only shares its fingerprint). */
static int find_earlier(const struct exchange_run *run, const char *id)
{
    struct id_search search = {run->reader, NULL, id, run->delivered, 0, 0};
    struct exchange_reader reader = {.each = search_one,
                                     .done_before = search_done_before,
                                     .arg = &search,
                                     .ids_checked = true};
    struct exchange_run inner = *run;
    inner.reader = &reader;
    inner.ids = NULL;
    inner.delivered = 0;
    search.inner = &inner;
    struct ache_err ignored;
    exchange_read_run(&inner, &ignored);
    return search.line;
}

static enum ache_status check_record(struct exchange_run *run,
                                     const struct checkin *c,
                                     const struct exchange_place *at,
                                     struct ache_err *err)
{
    if (checkin_validate(c, err) != ACHE_OK) {
        prefix_place(err, run->name, at->line, at->col);
        return ACHE_ERR_INVALID;
    }
    if (!run->ids || !c->id[0] || id_add(run->ids, c->id))
        return ACHE_OK;
    int first = find_earlier(run, c->id);
    if (!first)
        return ACHE_OK;
    ache_fail(err, ACHE_ERR_INVALID, "id: %s is given twice (first at line %d)",
              c->id, first);
    prefix_place(err, run->name, at->id_line, at->id_col);
    return ACHE_ERR_INVALID;
}

enum ache_status exchange_deliver(struct exchange_run *run, struct checkin *c,
                                  const struct exchange_place *place,
                                  struct ache_err *err)
{
    enum ache_status st = check_record(run, c, place, err);
    run->place = place;
    if (run->reader->line)
        *run->reader->line = place->line;
    if (st == ACHE_OK)
        st = run->reader->each(c, run->reader->arg, err);
    run->delivered++;
    checkin_free(c);
    return st;
}

void exchange_done_before(struct exchange_run *run, const char *p)
{
    if (run->reader->done_before)
        run->reader->done_before(p, run->reader->arg);
}

/* ---- the two entry points ----------------------------------------------- */

/* Reads run's file with run's reader. */
static enum ache_status exchange_read_run(struct exchange_run *run,
                                          struct ache_err *err)
{
    if (run->format == EXCHANGE_CSV)
        return exchange_csv_read(run, err);
    if (run->format == EXCHANGE_JSON)
        return exchange_json_read(run, err);
    /* A Bundle of Observations lacks what a check-in needs (ids, tags,
     * timestamps) and may come from any system: not worth guessing at. */
    if (run->format == EXCHANGE_FHIR)
        return ache_fail(err, ACHE_ERR_INVALID,
                         "fhir: ache cannot import FHIR (export only)");
    return ache_fail(err, ACHE_ERR_INVALID,
                     "%s: unknown import format %d (use csv or json)",
                     run->name, (int)run->format);
}

enum ache_status exchange_read(enum exchange_format f, const char *name,
                               const char *data, size_t len, ache_day today,
                               const struct exchange_reader *reader,
                               struct ache_err *err)
{
    struct id_seen ids = {NULL, 0, 0};
    struct exchange_run run = {.name = name ? name : "input",
                               .reader = reader,
                               .ids = reader->ids_checked ? NULL : &ids,
                               .format = f,
                               .data = data,
                               .len = len,
                               .today = today};
    enum ache_status st = exchange_read_run(&run, err);
    free(ids.slots);
    return st;
}

/* Moves the reader's check-in into the list (its tags and note with it). */
static enum ache_status push_checkin(struct checkin *c, void *arg,
                                     struct ache_err *err)
{
    (void)err;
    *checkin_list_push(arg) = *c;
    c->tags = NULL;
    c->ntags = 0;
    c->note = NULL;
    return ACHE_OK;
}

enum ache_status exchange_parse(enum exchange_format f, const char *name,
                                const char *data, size_t len, ache_day today,
                                struct checkin_list *out, struct ache_err *err)
{
    struct exchange_reader reader = {.each = push_checkin, .arg = out};
    return exchange_read(f, name, data, len, today, &reader, err);
}
