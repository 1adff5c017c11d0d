/* store: the diary on disk (SQLite). The only module that includes
 * <sqlite3.h> (make check-layers holds every other file to that).
 *
 * Every connection: journal_mode=WAL, synchronous=FULL, foreign_keys=ON,
 * busy_timeout, secure_delete=ON and ache's application_id. Tables are
 * STRICT with CHECK constraints mirroring the field table; migrations are
 * numbered by PRAGMA user_version, each in one BEGIN IMMEDIATE transaction.
 * Every change is committed before the call returns, unless the caller
 * opened a transaction with store_begin (imports, demo), in which case it is
 * all-or-nothing at store_commit.
 *
 * Refused with a clear message and nothing changed: a file that is not
 * SQLite, a SQLite file of another application, a diary of a newer ache;
 * and, by store_check (which reads the whole file, so it is not done on
 * every open: a chart of 30 days must not cost more on a long diary), a
 * database failing PRAGMA quick_check. Damage met later by a read or a
 * write is reported then, and nothing partial is written.
 */
#ifndef ACHE_STORE_H
#define ACHE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/checkin.h"
#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/date.h"
#include "ache/tags.h"
#include "ache/util.h"

struct store;
struct day_summary;

/* 'ache' in ASCII: PRAGMA application_id of every ache diary. */
#define STORE_APPLICATION_ID 0x61636865
/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 6

/* Opens (and when `create` is true, creates, with its folders 0700 and the
 * file 0600) the diary at path, then migrates it to the current schema.
 * A new diary receives the tag catalogue. Without `create`, a missing file
 * is ACHE_ERR_NOT_FOUND ("PATH: no diary here"). */
enum ache_status store_open(const char *path, bool create, struct store **out,
                            struct ache_err *err);
/* Opens the diary at path to read it only: read-only, without the
 * write-ahead set-up or the settings a writer needs, so that it works on
 * a read-only medium (where SQLite is told the file is immutable, as no
 * writer can exist there) and costs little more than SQLite opening the
 * file. A diary of an older schema is upgraded first when it can be
 * written (the store returned is then a writer's); read-only, it is
 * refused with its version ("copy it to a writable place"). Writes
 * through a reader fail. A writer (store_open) on a diary it cannot write
 * says "the diary is read-only here". */
enum ache_status store_open_read(const char *path, struct store **out,
                                 struct ache_err *err);
void store_close(struct store *st);
/* PRAGMA quick_check: "PATH: the diary is damaged (...): restore a
 * backup" (ACHE_ERR_REFUSED) unless it is sound. Imports, backups and the
 * demo run it before they write or copy. */
enum ache_status store_check(struct store *st, struct ache_err *err);
/* How long a write waits for another writer before ACHE_ERR_BUSY (the
 * default, 10 s, suits commands; the full-screen diary waits less and
 * retries, so that a key press never freezes the screen). */
void store_set_busy_timeout(struct store *st, int ms);
const char *store_path(const struct store *st);

/* ---- changes --------------------------------------------------------------
 *
 * Every write belongs to a change: one command (`ache add`, `edit`, `rm`,
 * `restore`), one import, one undo, or one sitting of the full-screen diary
 * on one check-in. A change is what `ache undo` reverses. The diary keeps,
 * for every change, what it replaced of each check-in (the earlier
 * version, only the parts that change touched) and for every removal the
 * check-in whole and a tombstone (id and when), so that nothing a person
 * entered is lost and a removed check-in can be brought back. */
enum store_source {
    STORE_BY_ADD,
    STORE_BY_EDIT,
    STORE_BY_RM,
    STORE_BY_IMPORT,
    STORE_BY_SCREEN,
    STORE_BY_UNDO,
    STORE_BY_RESTORE,
    STORE_BY_DEMO,
    STORE_BY_FIELDS,
    STORE_BY_MEDS,
    STORE_BY_TOOK,
    STORE_BY_TAGS,
    STORE_BY_SYNC,
    STORE_SOURCE_COUNT
};
/* The word a source is stored as: "add", "edit", "screen"... */
const char *store_source_name(enum store_source s);

/* A change being made. Writes given the same struct store_change join the
 * change it began while it is still the diary's latest change (so that
 * the many saves of one sitting make one version), and begin a new one
 * otherwise. n (and at) are set when the change's first write is
 * committed: a write that fails leaves them as they were, and a removal,
 * always a change of its own, leaves them too. NULL, where a write takes
 * one, is a change of its own whose source is the write's (add, edit, rm,
 * import). */
struct store_change {
    enum store_source source;
    const char *detail; /* what the list of changes shows with it: a
                           check-in's id, an import's file name */
    int64_t n;          /* 0 until the first write is committed */
    int64_t at;         /* when it began: with n it names the change, as
                           the number of a change given back with its
                           batch may be taken again by another */
};

/* ---- check-ins ------------------------------------------------------------ */

/* Adds a check-in. A check-in without an id gets a new one; without
 * timestamps (0), both become now. Tags it names that the diary does not
 * know are created with kind "other". Validates with checkin_validate
 * first. On success c->rev is 1. An id of a removed check-in is refused
 * (ACHE_ERR_GONE): store_restore brings it back. */
enum ache_status store_add(struct store *st, struct checkin *c,
                           struct store_change *ch, struct ache_err *err);
/* Replaces the stored check-in of the same id with c, if it is still at
 * revision c->rev (the one c was read at); sets c->updated_at to now and
 * c->rev to the new revision. Checked and written in one transaction:
 * ACHE_ERR_CONFLICT ("check-in 3f2a9c41 was changed elsewhere since it
 * was read") when another writer changed it since, ACHE_ERR_GONE when it
 * was removed, ACHE_ERR_NOT_FOUND when there is no such id. The same
 * content as stored writes nothing. */
enum ache_status store_update(struct store *st, struct checkin *c,
                              struct store_change *ch, struct ache_err *err);
/* Removes the check-in c->id, read at revision c->rev (refused as
 * store_update refuses), keeping it whole and a tombstone. A removal is
 * always a change of its own. */
enum ache_status store_remove(struct store *st, const struct checkin *c,
                              struct store_change *ch, struct ache_err *err);
/* Brings back the removed check-in id (a full id) as a new version with a
 * new updated_at; *out (initialised by the call) gets it. ACHE_ERR_NOT_FOUND
 * when id was not removed (or is not there at all). */
enum ache_status store_restore(struct store *st, const char *id,
                               struct store_change *ch, struct checkin *out,
                               struct ache_err *err);
/* Reads one check-in by full id into *out (initialised by the call). */
enum ache_status store_get(struct store *st, const char *id,
                           struct checkin *out, struct ache_err *err);
/* Resolves a full id or a unique prefix of 6+ hex digits. Messages:
 * "no check-in with id 'abc123'", "id 'abc123' matches 2 check-ins: give
 * more digits", "'xyz' is not a check-in id (6 to 32 hex digits)". Only
 * check-ins in the diary count, unless `where` says otherwise; the id of
 * a removed check-in is then ACHE_ERR_GONE ("check-in 3f2a9c41 was
 * removed on 2026-11-24: `ache restore 3f2a9c41` brings it back"). */
enum store_ids { STORE_IDS_PRESENT, STORE_IDS_REMOVED, STORE_IDS_ALL };
enum ache_status store_resolve_id(struct store *st, const char *prefix,
                                  enum store_ids where,
                                  char out[CHECKIN_ID_LEN + 1],
                                  struct ache_err *err);

/* ---- history and undo ------------------------------------------------------ */

/* One version of a check-in, or its removal. */
struct store_version {
    struct checkin state; /* the check-in as this version had it (empty,
                             for a removal) */
    bool removal;         /* this entry is the check-in's removal */
    unsigned parts;       /* what it changed of the version before */
    int64_t change;       /* the change that made it (0: not known, as for
                             what was written before ache kept changes) */
    enum store_source by; /* that change's source, when it is known */
    int64_t at;           /* when: its updated_at, or the removal's time */
};
/* A check-in's versions, oldest first; the last is the check-in as it is
 * now, or its removal. */
struct store_history {
    struct store_version *items;
    size_t n;
};
/* The versions of the check-in id (a full id, in the diary or removed). */
enum ache_status store_history(struct store *st, const char *id,
                               struct store_history *out,
                               struct ache_err *err);
void store_history_free(struct store_history *h);

/* A change as the list of changes shows it. */
struct store_change_info {
    int64_t n, at, undoes; /* undoes: the change an undo reversed, or 0 */
    enum store_source source;
    char detail[256];
};
/* The latest `limit` changes, newest first, into out (which holds limit);
 * *count says how many there were. */
enum ache_status store_changes_recent(struct store *st, size_t limit,
                                      struct store_change_info *out,
                                      size_t *count, struct ache_err *err);

/* What an undo did. */
/* The kinds of record other than check-ins, as store_undo counts them. */
enum store_record_kind {
    STORE_RECORD_FIELD,
    STORE_RECORD_MED,
    STORE_RECORD_PERIOD,
    STORE_RECORD_DOSE,
    STORE_RECORD_TAG,
    STORE_RECORD_KINDS
};

struct store_undo_result {
    struct store_change_info undone; /* the change it reversed */
    int64_t n;                       /* the undo's own change */
    size_t reverted, removed, restored; /* check-ins put back to their
                                           earlier version, taken out
                                           (added by the change), brought
                                           back (removed by it) */
    char one_id[CHECKIN_ID_LEN + 1]; /* when it touched one check-in */
    /* records put back as they were: fields, medicines, periods of their
     * regimens, doses */
    size_t records[STORE_RECORD_KINDS];
};
/* Reverses the diary's latest change (whatever made it: a command, an
 * import, a sitting of the screen, an undo) as a new change: every check-in
 * it touched goes back to the version before it, with a new revision and a
 * new updated_at. ACHE_ERR_NOT_FOUND "nothing to undo: the diary has no
 * changes yet" when there is none. */
enum ache_status store_undo(struct store *st, struct store_undo_result *out,
                            struct ache_err *err);

/* A change made to a check-in after its day, for the clinic report. */
struct store_late_change {
    ache_day date;  /* the check-in's day */
    int minute;
    unsigned parts; /* what the change touched */
    int64_t at;     /* when */
};
typedef enum ache_status (*store_late_fn)(const struct store_late_change *lc,
                                          void *ctx);
/* The changes made, after the check-in's own (local) day, to the values of
 * check-ins dated from..to, by date. */
enum ache_status store_each_late_change(struct store *st, ache_day from,
                                        ache_day to, store_late_fn fn,
                                        void *ctx, struct ache_err *err);

/* For a walk that reads each page of the diary once (a report of
 * decades), a page cache of STORE_WALK_CACHE_KIB instead of SQLite's 2 MiB,
 * which would only keep pages never read again; false restores it. */
#define STORE_WALK_CACHE_KIB 256
enum ache_status store_walk_once(struct store *st, bool once,
                                 struct ache_err *err);
/* Check-ins with from <= date <= to, ordered by date, time (absent
 * first), created_at, id. Uses the date index: cost follows the range. */
enum ache_status store_list_range(struct store *st, ache_day from, ache_day to,
                                  struct checkin_list *out,
                                  struct ache_err *err);
/* The same, one at a time, for exports of any size. The callback's
 * non-OK status stops the walk and is returned. */
typedef enum ache_status (*store_checkin_fn)(const struct checkin *c,
                                             void *ctx);
enum ache_status store_each_in_range(struct store *st, ache_day from,
                                     ache_day to, store_checkin_fn fn,
                                     void *ctx, struct ache_err *err);
/* ---- searching notes ------------------------------------------------------
 *
 * Notes are searched by reading them, with no index: a full-text index
 * (FTS5) would keep the words of notes edited or removed, which the
 * diary's secure_delete wipes from its own pages. A century of daily
 * notes is read and matched in well under a second (tests/bench).
 *
 * A search is words separated by white space; a note matches when it
 * holds every word, anywhere (inside longer words too), in any order.
 * Letters match whatever their case: ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic capitals are folded to small letters; anything else
 * must match exactly. */
struct store_matcher;
/* NULL when the text holds no word. */
struct store_matcher *store_matcher_new(const char *text);
void store_matcher_free(struct store_matcher *m);
size_t store_matcher_words(const struct store_matcher *m);
/* Where the words are found in a note: bytes start..end of it, ordered,
 * overlapping finds joined into one. */
struct store_span {
    size_t start, end;
};
/* Whether the note holds every word; *spans (the matcher's, valid until
 * its next use) and *nspans say where. */
bool store_matcher_match(struct store_matcher *m, const char *note,
                         size_t len, const struct store_span **spans,
                         size_t *nspans);

struct store_search {
    struct store_matcher *words;
    ache_day from, to;
    bool oldest_first; /* else newest first */
    size_t limit;      /* at most this many hits; 0: all */
};
struct store_note_hit {
    const char *id; /* the check-in's 32 hex digits */
    ache_day date;
    int minute; /* or CHECKIN_TIME_ABSENT */
    const char *note;
    size_t len;
    const struct store_span *spans;
    size_t nspans;
};
typedef enum ache_status (*store_hit_fn)(const struct store_note_hit *hit,
                                         void *ctx);
/* Calls fn for each check-in dated q->from..q->to whose note matches,
 * ordered by date, time, created_at and id (or the reverse); a non-OK
 * status from fn stops the walk and is returned. */
enum ache_status store_search_notes(struct store *st,
                                    const struct store_search *q,
                                    store_hit_fn fn, void *ctx,
                                    struct ache_err *err);

/* What store_read_days reads: a bit per enum checkin_field, and the
 * regions marked. A chart of one field reads that field alone. */
#define STORE_DAYS_FIELD(f) (1u << (f))
#define STORE_DAYS_REGIONS (1u << CF_COUNT)
#define STORE_DAYS_ALL ((1u << (CF_COUNT + 1)) - 1)
/* Summaries of the days from..to (out holds to - from + 1; see
 * stats_days), read value by value with no list of check-ins kept: what
 * charts need, several times faster on long ranges. Only the fields and
 * regions in `what` are read (others stay absent or empty); tags and notes
 * never are (has_note is false). On failure out is still filled, as if
 * the rest of the range were empty. */
enum ache_status store_read_days(struct store *st, ache_day from, ache_day to,
                                 unsigned what, struct day_summary *out,
                                 struct ache_err *err);
/* The daily mean of each of the n fields (1 to fields_count()) over
 * from..to: means[k][i] for fields[k] on day from + i, or STATS_ABSENT
 * where no check-in gave it; each means[k] holds to - from + 1. The same
 * means as store_read_days, with nothing else kept: what a chart draws.
 * Any field of the diary, built in or own (its values read in the same
 * walk); a key the diary has no field of is refused. */
enum ache_status store_read_means(struct store *st, ache_day from,
                                  ache_day to, const enum checkin_field *fields,
                                  int n, double **means, struct ache_err *err);
enum ache_status store_count(struct store *st, long *count,
                             struct ache_err *err);
/* First and last dates holding a check-in; *empty when there are none. */
enum ache_status store_date_span(struct store *st, ache_day *first,
                                 ache_day *last, bool *empty,
                                 struct ache_err *err);

/* Every tag with its kind and how many check-ins carry it, ordered by
 * kind (trigger, treatment, other) then name. */
enum ache_status store_tags_list(struct store *st, struct tag_list *out,
                                 struct ache_err *err);
/* The tags given a kind, triggers then treatments, by name (uses 0): every
 * other tag is of kind other. What a report of a period needs to know of
 * the tags its days carry, without a walk through the tags' uses. */
enum ache_status store_tags_kinded(struct store *st, struct tag_list *out,
                                   struct ache_err *err);
/* The first day a check-in carried the tag; *found false when none did.
 * It looks first among the diary's first STORE_FIRST_USE_PROBE check-ins
 * by date, then through the tag's own uses, so that it costs at most that
 * many rows plus the tag's uses, never a walk through the whole diary. */
#define STORE_FIRST_USE_PROBE 1000
enum ache_status store_tag_first_use(struct store *st, const char *name,
                                     bool *found, ache_day *day,
                                     struct ache_err *err);
/* Adds a tag, in a change of its own; an existing name fails with
 * "tag 'yoga' already exists (treatment)". */
enum ache_status store_tag_add(struct store *st, const char *name,
                               enum tag_kind kind, struct ache_err *err);
/* A change of the tag `name` (`ache tags rename, merge, kind, rm`), each
 * in a change of its own that `ache undo` reverses. */
struct store_tag_edit {
    const char *name;   /* the tag changed */
    const char *to;     /* rename: its new name; merge: the tag it joins */
    enum tag_kind kind; /* set_kind: the new kind */
    bool force;         /* remove: take it off the check-ins carrying it */
    int64_t rev;        /* the tag's revision as read, or 0: as it is */
};
struct store_tag_result {
    size_t checkins; /* check-ins whose tags changed (a new revision each) */
    bool unchanged;  /* it was so already: nothing written, no change */
};
/* Messages: "no tag 'x' in the diary (`ache tags` lists them)", "tag 'x'
 * was changed elsewhere since it was read" (ACHE_ERR_CONFLICT, e->rev
 * given and stale). A rename onto a tag there fails with "tag 'worry'
 * already exists (trigger): `ache tags merge stress worry` puts one into
 * the other"; the check-ins carrying the tag get a new revision, their
 * old name kept in their history. */
enum ache_status store_tag_rename(struct store *st,
                                  const struct store_tag_edit *e,
                                  struct store_tag_result *r,
                                  struct ache_err *err);
/* Moves the tag's check-ins to e->to (which must exist; one carrying both
 * keeps one) and removes the tag. */
enum ache_status store_tag_merge(struct store *st,
                                 const struct store_tag_edit *e,
                                 struct store_tag_result *r,
                                 struct ache_err *err);
enum ache_status store_tag_set_kind(struct store *st,
                                    const struct store_tag_edit *e,
                                    struct store_tag_result *r,
                                    struct ache_err *err);
/* Removes the tag: refused (ACHE_ERR_REFUSED) while check-ins carry it,
 * unless e->force, which takes it off them first. */
enum ache_status store_tag_remove(struct store *st,
                                  const struct store_tag_edit *e,
                                  struct store_tag_result *r,
                                  struct ache_err *err);
/* The tag's revision as it is now (*found false when the diary has no
 * such tag): what a screen states in its store_tag_edit.rev, so that a
 * change of the tag made elsewhere meanwhile is refused. */
enum ache_status store_tag_rev(struct store *st, const char *name,
                               bool *found, int64_t *rev,
                               struct ache_err *err);
/* Looks a tag up; *found false when the diary does not know it. */
enum ache_status store_tag_find(struct store *st, const char *name,
                                bool *found, enum tag_kind *kind,
                                struct ache_err *err);

/* ---- fields ----------------------------------------------------------------
 *
 * The diary's field table (fields.h): the eight built in and a person's
 * own. Opening a diary installs its table for the process; every write
 * here installs it again. Each write names the revision it read, is
 * refused when the field changed since, and keeps what it replaced as an
 * earlier version of the record (undone by `ache undo`). */
struct store_field_list {
    struct field_record *items;
    size_t n;
};
void store_field_list_free(struct store_field_list *list);
/* Every field in key order, with how many check-ins give it a value. */
enum ache_status store_fields_list(struct store *st,
                                   struct store_field_list *out,
                                   struct ache_err *err);
/* Installs the diary's field table for the process again (store_open
 * did so): for a process that holds two diaries and turns from one to
 * the other, as a sync of two diaries in one test does. */
enum ache_status store_fields_reload(struct store *st, struct ache_err *err);
/* The field of key (as fields.h knows it), without counting its uses;
 * *found false when the diary has none. */
enum ache_status store_field_get(struct store *st, int key,
                                 struct field_record *out, bool *found,
                                 struct ache_err *err);
/* Adds an own field (name checked with field_name_check, kind one of
 * rating, count, minutes, yesno); f gets its id, key, stamps and rev. */
enum ache_status store_field_add(struct store *st, struct field_record *f,
                                 struct store_change *ch,
                                 struct ache_err *err);
/* Writes f (found by id, at revision f->rev) over the stored field: its
 * name (own fields only), label, words, weekly and hidden; the kind and
 * key never change. f gets the new stamps and rev; a write that changes
 * nothing writes nothing. */
enum ache_status store_field_write(struct store *st, struct field_record *f,
                                   struct store_change *ch,
                                   struct ache_err *err);

/* The values of up to 6 own fields (keys) given on days from..to, by day
 * and time, through fn. */
typedef void (*store_value_fn)(ache_day day, int key, int steps, void *ctx);
enum ache_status store_own_values(struct store *st, const int *keys,
                                  size_t nkeys, ache_day from, ache_day to,
                                  store_value_fn fn, void *ctx,
                                  struct ache_err *err);

/* ---- medicines ------------------------------------------------------------
 *
 * Medicines, the periods of their regimens and doses (meds.h). Each write
 * is a change of its own (source meds, or took for a dose), keeps what it
 * replaces, and is undone by store_undo. Names are matched without regard
 * to case. */
enum ache_status store_meds_list(struct store *st, struct med_list *out,
                                 struct ache_err *err);
/* The medicine named name with its periods; *found false when none. */
enum ache_status store_med_get(struct store *st, const char *name,
                               struct med *out, bool *found,
                               struct ache_err *err);
/* Starts taking name on first->start with first's regimen: a new
 * medicine, or one stopped before (a new period, from its stop on).
 * Refused while it is taken ("... is taken already (since D)"). first gets
 * its id and stamps. */
enum ache_status store_med_add(struct store *st, const char *name,
                               struct med_period *first,
                               struct store_change *ch, struct ache_err *err);
/* Changes the regimen from `day` on: the current period (as read inside
 * this write) ends there and the next begins, with the parts `what`
 * names (MED_SET_*) taken from *given; on the current period's own start
 * day, that period is corrected instead. *given gets the new period.
 * When what is given is what the regimen is, nothing is written and *same
 * (when not NULL) is true. Refused for a day before the current start,
 * or a medicine stopped or unknown. */
enum ache_status store_med_change(struct store *st, const char *name,
                                  ache_day day, struct med_period *given,
                                  unsigned what, bool *same,
                                  struct store_change *ch,
                                  struct ache_err *err);
/* Stops name on `day` (the first day not taken), after its start;
 * *stopped gets the period as it now is. */
enum ache_status store_med_stop(struct store *st, const char *name,
                                ache_day day, struct med_period *stopped,
                                struct store_change *ch, struct ache_err *err);
/* A new medicine from a treatment kept as a tag: started on the tag's
 * first day (or first->start, when that is earlier; MED_OPEN: the tag's),
 * with first's regimen, and a dose (its amount and unit) on the day and
 * time of each check-in carrying the tag, all in one change. The tag
 * stays on the check-ins. *doses gets how many were made. */
enum ache_status store_med_from_tag(struct store *st, const char *name,
                                    struct med_period *first, const char *tag,
                                    size_t *doses, struct store_change *ch,
                                    struct ache_err *err);
/* Records a dose of d->med (found by name; d->med gets the stored name, d
 * its id and stamps). A dose before the medicine's first start moves
 * that start back to its day: *moved_from gets the old start (MED_OPEN
 * when nothing moved). */
enum ache_status store_dose_add(struct store *st, struct dose *d,
                                ache_day *moved_from, struct store_change *ch,
                                struct ache_err *err);
/* What was read of a medicine's doses on one day: how many, and the
 * latest updated_at among them (0 for none). Any dose recorded, changed,
 * brought back or removed since changes one or the other. */
struct store_dose_day {
    long count;
    int64_t latest;
};
/* A dose to record with what the regimen of its day gives, read inside
 * the write that records it: a change of regimen made between what a
 * command or a screen read and its write is never undone by a stale copy
 * of it. */
struct store_dose_new {
    struct dose dose; /* the medicine (by name), day and time; the amount
                         and unit when given: what is not given is the
                         regimen's (see below); gets the stored name, id
                         and stamps */
    /* The regimen the caller showed (its id and rev), or NULL: refused
     * with ACHE_ERR_CONFLICT when the period the dose takes its amount
     * from is no longer that one at that revision. */
    const struct med_period *seen;
    /* The doses of the medicine on the dose's day the caller showed, or
     * NULL: refused with ACHE_ERR_CONFLICT when another program recorded,
     * changed or removed one since (a time shown not ticked may have
     * been ticked elsewhere: a second dose there would be one too many). */
    const struct store_dose_day *seen_day;
    ache_day moved_from; /* out: as store_dose_add's */
    bool unit_alone;     /* out: refused, a unit given without an amount
                            that the regimen's dose (in another unit, or
                            none) cannot fill */
};
/* Records n->dose as store_dose_add does, its amount and unit filled from
 * the regimen of its day as it is when written: that period (before the
 * first start, the first; after every period, the last). No amount: the
 * regimen's dose, when the unit given is none or the regimen's own. An
 * amount without a unit: in the regimen's unit. */
enum ache_status store_dose_record(struct store *st, struct store_dose_new *n,
                                   struct store_change *ch,
                                   struct ache_err *err);
/* The doses of days from..to, by day and time. */
enum ache_status store_doses_list(struct store *st, ache_day from, ache_day to,
                                  struct dose_list *out, struct ache_err *err);
/* The dose of a full id; *found false when the diary has none. */
enum ache_status store_dose_get(struct store *st, const char *id,
                                struct dose *out, bool *found,
                                struct ache_err *err);
/* Resolves a dose's full id or a unique prefix of 6+ hex digits, among
 * the doses in the diary. Messages: "'xyz' is not a dose id (6 to 32 hex
 * digits)" and "id '3f2a9c' matches 2 doses: give more digits"
 * (ACHE_ERR_INVALID, ACHE_ERR_AMBIGUOUS), "no dose with id '3f2a9c'"
 * (ACHE_ERR_NOT_FOUND), "dose 3f2a9c41 was removed on 2026-11-24"
 * (ACHE_ERR_GONE). */
enum ache_status store_dose_resolve(struct store *st, const char *prefix,
                                    char out[CHECKIN_ID_LEN + 1],
                                    struct ache_err *err);
/* Removes the dose d->id, read at revision d->rev: kept whole as an
 * earlier version, with a tombstone, so that `ache undo` brings it back.
 * Checked and written in one transaction: ACHE_ERR_CONFLICT when another
 * writer changed it since it was read, ACHE_ERR_GONE when it was removed,
 * ACHE_ERR_NOT_FOUND when there is no such dose. A removal is a change of
 * its own; NULL is one of source rm, its detail naming the dose. */
enum ache_status store_dose_remove(struct store *st, const struct dose *d,
                                   struct store_change *ch,
                                   struct ache_err *err);

/* Explicit transactions (BEGIN IMMEDIATE) for all-or-nothing batches.
 * Inside one, store_add/update/remove/merge do not commit on their own;
 * a change that fails is undone by itself and the batch goes on.
 * store_begin_atomic is for a batch that is given up whole at the first
 * failure (an import): no change has its own savepoint and tag ids are
 * remembered, which makes a large batch several times faster; after a
 * failed change only store_rollback is left (store_commit refuses). */
enum ache_status store_begin(struct store *st, struct ache_err *err);
enum ache_status store_begin_atomic(struct store *st, struct ache_err *err);
enum ache_status store_commit(struct store *st, struct ache_err *err);
void store_rollback(struct store *st);

/* Importing one record, keeping its timestamps. By id:
 *   a new id                            ADDED
 *   the same content as the diary's     UNCHANGED (whatever the stamps)
 *   other content, a newer updated_at   UPDATED (the diary's is kept as
 *                                       an earlier version)
 *   other content, an older updated_at  OLDER (the diary's stays)
 *   other content, the same updated_at  CONFLICT: nothing is written,
 *   or none given                       unless opts say which wins
 *   a removed check-in's id             KEPT_DELETED, unless the record is
 *                                       newer than the removal or opts ask
 *                                       to restore it: RESTORED
 * Without an id: UNCHANGED when a check-in with the same content (date,
 * time, values, regions, tags, note) is in the diary and not matched yet
 * by this import (see struct store_merge_opts); KEPT_DELETED (or RESTORED)
 * when a check-in removed from the diary had that content; else ADDED
 * with a new id.
 * A missing updated_at becomes now; a missing created_at stays unknown. */
enum store_merge_result {
    STORE_ADDED,
    STORE_UPDATED,
    STORE_UNCHANGED,
    STORE_OLDER,
    STORE_KEPT_DELETED,
    STORE_RESTORED,
    STORE_CONFLICT,
    STORE_MERGE_RESULT_COUNT
};
struct store_matched; /* the check-ins an import has matched or added */

struct store_merge_opts {
    bool prefer_file;     /* a conflict takes the file's version (as a new
                             version, with a new updated_at) */
    bool prefer_diary;    /* a conflict keeps the diary's */
    bool restore_deleted; /* a removed check-in comes back */
    /* Set when the file has records without an id: every check-in the
     * import matched or added is remembered, so that two equal records
     * match two check-ins (store_matched_new, store_matched_free). */
    struct store_matched *matched;
};
struct store_matched *store_matched_new(void);
void store_matched_free(struct store_matched *m);
/* An id the file gives to one of its records: records without an id do
 * not match that check-in, which its own record will, so that the result
 * does not hang on the order of the records. */
void store_matched_claim(struct store_matched *m, const char *id);
/* *result says what became of c; when it is STORE_CONFLICT and neither
 * preference is set, *diary (when not NULL, initialised by the call) gets
 * the diary's version, to show. */
enum ache_status store_merge(struct store *st, struct checkin *c,
                             const struct store_merge_opts *opts,
                             struct store_change *ch,
                             enum store_merge_result *result,
                             struct checkin *diary, struct ache_err *err);

/* A field of an imported file: one the diary has by id is taken whole
 * when the file's is newer (*r STORE_UPDATED, else STORE_UNCHANGED or
 * STORE_OLDER); one it has by name and kind is the same field
 * (STORE_UNCHANGED); a new one is added with the file's id and stamps
 * (STORE_ADDED). The same name with another kind is refused. */
enum ache_status store_field_merge(struct store *st,
                                   const struct field_record *f,
                                   struct store_change *ch,
                                   enum store_merge_result *r,
                                   struct ache_err *err);

/* A medicine of an imported file, with its periods: the diary's of that
 * id, else of that name (any case), else a new one with the file's id and
 * stamps; each period is added, or taken when the file's is newer (with
 * its stamps). meds[] and periods[] count what each became. */
enum ache_status store_med_merge(struct store *st, const struct med *m,
                                 struct store_change *ch,
                                 size_t meds[STORE_MERGE_RESULT_COUNT],
                                 size_t periods[STORE_MERGE_RESULT_COUNT],
                                 struct ache_err *err);
/* A dose of an imported file: added (its medicine found by name), or
 * taken when the file's is newer than the diary's of its id. */
enum ache_status store_dose_merge(struct store *st, const struct dose *d,
                                  struct store_change *ch,
                                  enum store_merge_result *r,
                                  struct ache_err *err);

/* ---- sync (store_sync.c) ----------------------------------------------------
 *
 * What a sync (src/sync/) needs of the diary: the device it syncs as, a
 * hybrid logical clock, the versions of records made here since the last
 * sync, and writing other devices' versions with their own stamps.
 *
 * Every version a sync sends or takes has a stamp: the clock's reading
 * and the device that made it. The clock (hlc, milliseconds) never goes
 * back and never falls behind a stamp the diary has seen, so an edit made
 * after seeing another version is later than it, whatever the two
 * machines' clocks say: a clock hours fast wins only until others have
 * seen its stamps. The latest version of a record by (hlc, device) is the
 * one every diary keeps. */
#define STORE_DEVICE_HEX 32
struct store_stamp {
    int64_t hlc;
    char device[STORE_DEVICE_HEX + 1]; /* "" for no version */
};
enum store_sync_kind {
    SK_CHECKIN,
    SK_FIELD,
    SK_MED,
    SK_PERIOD,
    SK_DOSE,
    SK_TAG, /* named by its name, as check-ins name it */
    SK_COUNT
};
const char *store_sync_kind_name(enum store_sync_kind k);
bool store_sync_kind_parse(const char *s, enum store_sync_kind *out);

/* One version of a record, as a sync file carries it. */
struct store_sync_version {
    enum store_sync_kind kind;
    char id[TAG_NAME_MAX + 1]; /* a record's id; a tag's name */
    struct store_stamp stamp;
    struct store_stamp parent; /* the version it was made from */
    bool removed;
    enum tag_kind tag_kind; /* a tag that is not removed */
    char med[CHECKIN_ID_LEN + 1]; /* a period: its medicine's id */
};

/* The diary's side of one sync. */
struct store_sync {
    char device[STORE_DEVICE_HEX + 1];
    /* why this sync took a new device id: NULL (it did not), "first"
     * (the diary's first sync), "copy" (the file is not the one that
     * last synced: a copy, or a backup put back), "unknown files" (the
     * device's folder holds files this diary did not write: a copy or a
     * backup put back over the file, or a sync of this diary killed
     * before its commit) */
    const char *new_device;
    int64_t hlc;  /* the clock */
    int64_t sent; /* the last change sent */
    uint64_t seq; /* files this device has written */
    bool resend;  /* another folder than the last: every record is sent */
    struct store_change change; /* what the sync applies */
};
/* Begins the sync's transaction (all or nothing) and reads, or takes,
 * the device this diary syncs as. folder: the folder's id; another folder
 * than the last one sends every record again. */
enum ache_status store_sync_begin(struct store *st, const char *folder,
                                  struct store_sync *sy,
                                  struct ache_err *err);
/* Takes a new device id: the folder shows that another copy of this
 * diary wrote as this device. */
enum ache_status store_sync_new_device(struct store *st, struct store_sync *sy,
                                       struct ache_err *err);
/* Commits it, or gives it up. */
enum ache_status store_sync_commit(struct store *st, struct store_sync *sy,
                                   struct ache_err *err);
void store_sync_abandon(struct store *st);

/* The versions made here since the last sync, stamped now; `each` is
 * called with each, in the order kinds are listed (fields, medicines and
 * their periods, doses, tags, check-ins; removals last). They are noted
 * as sent when the sync commits. */
typedef enum ache_status (*store_sync_fn)(const struct store_sync_version *v,
                                          void *ctx, struct ache_err *err);
enum ache_status store_sync_collect(struct store *st, struct store_sync *sy,
                                    store_sync_fn each, void *ctx,
                                    struct ache_err *err);
/* Every record's latest version, removals too, for a snapshot (a tag's
 * kind and a period's medicine filled in as collect fills them). */
enum ache_status store_sync_each_head(struct store *st, store_sync_fn each,
                                     void *ctx, struct ache_err *err);

/* A record's latest version as the diary has seen it (stamp.device ""
 * when none). */
struct store_sync_head {
    struct store_stamp stamp, parent;
    bool removed;
};
enum ache_status store_sync_head(struct store *st, enum store_sync_kind kind,
                                 const char *id, struct store_sync_head *out,
                                 struct ache_err *err);
/* Whether the diary holds the record (a tag: by its name). */
enum ache_status store_sync_present(struct store *st,
                                    enum store_sync_kind kind, const char *id,
                                    bool *present, struct ache_err *err);
/* What to do with another device's version v. */
struct store_sync_judgement {
    bool seen;     /* the diary has it already: nothing to do */
    bool take;     /* later than the diary's: it becomes the record */
    bool conflict; /* neither was made from the other: both were edited
                      since the two devices last met */
    struct store_stamp head; /* the diary's latest (device "" if none) */
};
enum ache_status store_sync_judge(struct store *st,
                                  const struct store_sync_version *v,
                                  struct store_sync_judgement *out,
                                  struct ache_err *err);
/* Notes v as seen (after it was taken or kept aside). */
enum ache_status store_sync_note(struct store *st, struct store_sync *sy,
                                 const struct store_sync_version *v,
                                 struct ache_err *err);
/* Keeps a version not taken whole (body: the record as a sync file gives
 * it; NULL for a removal), and whether it is a conflict. */
struct store_sync_other {
    enum store_sync_kind kind;
    const char *id;
    const struct store_stamp *stamp;
    bool removed;
    const char *body;
    bool conflict;
};
enum ache_status store_sync_keep_other(struct store *st, struct store_sync *sy,
                                       const struct store_sync_other *o,
                                       struct ache_err *err);

/* Writes another device's check-in c over the diary's, with c's own
 * stamps (the diary's kept as an earlier version), bringing back a
 * removed one; or removes id. */
enum ache_status store_sync_put_checkin(struct store *st, struct store_sync *sy,
                                        const struct checkin *c,
                                        struct ache_err *err);
enum ache_status store_sync_remove_checkin(struct store *st,
                                           struct store_sync *sy,
                                           const char *id,
                                           struct ache_err *err);
/* A tag of that name and kind; or the tag's removal, which takes it out
 * once no check-in names it (store_sync_commit sweeps the rest). */
enum ache_status store_sync_put_tag(struct store *st, struct store_sync *sy,
                                    const char *name, enum tag_kind kind,
                                    struct ache_err *err);

/* Another device's field, medicine (its row: name and stamps), period
 * (of the medicine med: by its id, else by its name) or dose, with its own stamps, over the
 * diary's of that id; or a new one. A medicine the diary has under
 * another id and the same name is the same one: both copies keep the
 * smaller id (doses name it). Two fields of one name keep apart: the one
 * of the larger id is renamed "NAME_3f2a" (its id's first digits), alike
 * on every copy; values keep to their field. store_sync_remove_record
 * takes one out (kept whole), unless values or doses still use it. */
enum ache_status store_sync_put_field(struct store *st, struct store_sync *sy,
                                      const struct field_record *f,
                                      struct ache_err *err);
enum ache_status store_sync_put_med(struct store *st, struct store_sync *sy,
                                    const struct med *m, struct ache_err *err);
enum ache_status store_sync_put_period(struct store *st, struct store_sync *sy,
                                       const struct med *med,
                                       const struct med_period *p,
                                       struct ache_err *err);
enum ache_status store_sync_put_dose(struct store *st, struct store_sync *sy,
                                     const struct dose *d,
                                     struct ache_err *err);
enum ache_status store_sync_remove_record(struct store *st,
                                          struct store_sync *sy,
                                          enum store_sync_kind kind,
                                          const char *id,
                                          struct ache_err *err);

/* The versions of a record that syncs saw but did not take (they lost to
 * a later one), by stamp: each whole, as a small ache JSON export holding
 * it alone (NULL for a removal). */
struct store_sync_aside {
    struct store_stamp stamp;
    bool removed, conflict;
    char *body;
};
struct store_sync_asides {
    struct store_sync_aside *items;
    size_t n;
};
enum ache_status store_sync_asides(struct store *st, enum store_sync_kind kind,
                                   const char *id,
                                   struct store_sync_asides *out,
                                   struct ache_err *err);
void store_sync_asides_free(struct store_sync_asides *a);

/* The files of the folder this diary wrote (own) or applied. */
struct store_sync_file {
    const char *device, *name;
    bool own;
};
enum ache_status store_sync_file_known(struct store *st,
                                       const struct store_sync_file *f,
                                       bool *known, struct ache_err *err);
enum ache_status store_sync_file_note(struct store *st,
                                      const struct store_sync_file *f,
                                      struct ache_err *err);
/* Every file noted, by device and name. */
typedef enum ache_status (*store_sync_file_fn)(const struct store_sync_file *f,
                                               void *ctx,
                                               struct ache_err *err);
enum ache_status store_sync_each_file(struct store *st, store_sync_file_fn fn,
                                      void *ctx, struct ache_err *err);

/* A consistent copy of the diary at dest (mode 0600) through SQLite's
 * online backup API. An existing dest is replaced only when the copy is
 * complete (written to a temporary name, then renamed). */
enum ache_status store_backup(struct store *st, const char *dest,
                              struct ache_err *err);

/* ---- damage: found, and what can be read saved (store_health.c,
 * store_salvage.c) -----------------------------------------------------------
 *
 * A diary can be damaged behind ache's back: a failing disk, a copy cut
 * short, another program writing into it. Writers look for damage once a
 * day, so that nobody writes for long into a diary that cannot be read
 * back; `ache check` looks everywhere; `ache recover` copies what can
 * still be read into a new diary. None of them changes what a person
 * stored. */

/* The check a writer runs before it writes: PRAGMA quick_check, unless a
 * check already found the diary sound on `today` (ache's clock), which the
 * diary notes in meta ('checked_on', 'YYYY-MM-DD') when it is: the cost
 * (about 0.1 s on a hundred years of check-ins) is paid once a day.
 * Damage is ACHE_ERR_REFUSED, "PATH is damaged (part of the check-ins
 * cannot be read)", and nothing is written. *ran, when not NULL, says
 * whether the check ran. */
enum ache_status store_check_daily(struct store *st, ache_day today,
                                   bool *ran, struct ache_err *err);

/* Each problem a check finds, in plain words ("part of the check-ins
 * cannot be read (SQLite: Page 5: ...)"), one per call. */
typedef void (*store_problem_fn)(const char *problem, void *ctx);

/* The file at path read as it lies, without SQLite: its header (the first
 * 100 bytes, which SQLite needs whole to open it at all), its length and
 * its list of tables. *problems counts what fn was given. A file that is
 * no SQLite database at all is ACHE_ERR_REFUSED ("PATH: not an ache diary
 * (not a SQLite database)"); an empty one (a diary not yet begun) has no
 * problems. */
enum ache_status store_check_file(const char *path, store_problem_fn fn,
                                  void *ctx, size_t *problems,
                                  struct ache_err *err);
/* The full check of an open diary: PRAGMA integrity_check, PRAGMA
 * foreign_key_check and the schema (application id, version, the tables
 * ache makes with their columns, and their indexes). When it finds
 * nothing, a diary open for writing notes `today` as the day it was
 * checked, as store_check_daily does; one opened by store_open_read is
 * left as it is. */
enum ache_status store_check_all(struct store *st, ache_day today,
                                 store_problem_fn fn, void *ctx,
                                 size_t *problems, struct ache_err *err);

/* The kinds of rows a recovery counts. */
enum store_rows {
    STORE_ROWS_CHECKINS,
    STORE_ROWS_TAGS,
    STORE_ROWS_LINKS,    /* a check-in's tag */
    STORE_ROWS_CHANGES,
    STORE_ROWS_VERSIONS, /* earlier versions of check-ins */
    STORE_ROWS_REMOVALS, /* tombstones of removed check-ins */
    STORE_ROWS_FIELDS,
    STORE_ROWS_VALUES,   /* own values of check-ins */
    STORE_ROWS_MEDS,
    STORE_ROWS_PERIODS,  /* a medicine's regimens */
    STORE_ROWS_DOSES,
    STORE_ROWS_RECORD_VERSIONS, /* earlier versions of fields, medicines,
                                   periods and doses */
    STORE_ROWS_RECORD_REMOVALS, /* their tombstones */
    STORE_ROWS_COUNT
};
/* What a recovery saved and lost. A row is lost when it is known to have
 * been there (its own page or an index names it) and is not saved: its
 * page cannot be read, it fails the checks an import makes, or a row it
 * needs (a tag link's check-in, a version's change) is lost. Pages that
 * cannot be read at all are counted in unread_pages: rows there that
 * nothing else names are not counted. */
struct store_recovery {
    size_t saved[STORE_ROWS_COUNT], lost[STORE_ROWS_COUNT];
    size_t unread_pages;
};
/* Says what was lost: a check-in named by its id and day with why
 * (count 1), `count` rows of a kind with why ("their check-in was lost"),
 * or, with count 0, what was saved otherwise than it was stored. */
typedef void (*store_loss_fn)(enum store_rows rows, size_t count,
                              const char *what, void *ctx);
/* Copies every row of the diary at `from` that can still be read into a
 * new diary at `to` (created as store_open creates one: the current
 * schema, mode 0600), reading `from` page by page without SQLite, so that
 * a damaged page loses only its own rows. Nothing is written to `from`.
 * Refused (ACHE_ERR_INVALID) when `to` exists or is the diary; when
 * anything fails, `to` is removed again. The new diary passes
 * store_check_all, which notes `today` in it. */
enum ache_status store_recover(const char *from, const char *to,
                               ache_day today, store_loss_fn fn, void *ctx,
                               struct store_recovery *out,
                               struct ache_err *err);
/* "check-ins", "tag links"... (and with one: "check-in", "tag link"). */
const char *store_rows_name(enum store_rows rows, size_t count);

#endif
