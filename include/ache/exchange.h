/* exchange: CSV and JSON export and import of check-ins, and FHIR export.
 *
 * CSV: UTF-8, RFC 4180 quoting, a header line, the columns that
 * exchange_column_name names; regions and tags joined with ';'; an absent
 * value is an empty cell. Import takes any subset of the columns in any order as long
 * as `date` is there; an unknown or repeated column is an error.
 *
 * JSON: {"format": "ache", "version": 1, "checkins": [ {...}, ... ]} with
 * the same names; absent values are left out; regions and tags are arrays.
 *
 * FHIR (export only): a FHIR R4 Bundle of type "collection" holding one
 * Observation per rating of each check-in, for a clinic's system (see
 * src/exchange/exchange_fhir.c for the codes). It carries no tags, and notes only
 * when asked (struct exchange_opts), since a note may say more than its
 * writer means to send to a clinic. A check-in without ratings gives no
 * Observation.
 *
 * Writers append to a strbuf (the caller flushes it), so the same code
 * serves files, stdout and tests. Export then import into an empty diary
 * then export gives the same bytes (CSV and JSON).
 */
#ifndef ACHE_EXCHANGE_H
#define ACHE_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/util.h"

struct checkin;
struct checkin_list;

enum exchange_format {
    EXCHANGE_CSV,
    EXCHANGE_JSON,
    EXCHANGE_FHIR, /* export only */
    EXCHANGE_FORMAT_COUNT
};

/* The columns in their order: id, date, time, each field by its storage
 * name in the order of enum checkin_field, regions, tags, note, created_at,
 * updated_at. exchange_column_name(i) is NULL outside 0..COUNT-1. */
#define EXCHANGE_COLUMN_COUNT (CF_COUNT + 8)
const char *exchange_column_name(int i);

const char *exchange_format_name(enum exchange_format f);
/* "csv", "json" or "fhir" (exactly). */
bool exchange_format_parse(const char *s, enum exchange_format *out);
/* From a file name ending in .csv, .json or .fhir (any case); a FHIR
 * export named .json is JSON to this function. */
bool exchange_format_from_path(const char *path, enum exchange_format *out);

/* What a writer may leave out. CSV and JSON, the diary's own copies,
 * always carry everything; FHIR carries notes only with `notes` set. */
struct exchange_opts {
    bool notes;
    /* JSON: the diary's fields, written before the check-ins (NULL: none
     * written, as for a list of check-ins without their diary) */
    const struct field_record *fields;
    size_t nfields;
    /* JSON: the medicines and the doses of the days exported (NULL: none
     * written) */
    const struct med_list *meds;
    const struct dose_list *doses;
};

/* Writing: begin, one call per check-in in order, end. A writer emits
 * records: one per check-in for CSV and JSON, one per rating for FHIR.
 * `index` is the number of records written before this check-in, and
 * the call returns how many it wrote (so CSV and JSON may be given the
 * check-in's index); `count` is the total. opts NULL means the defaults
 * (FHIR without notes). */
void exchange_write_begin(enum exchange_format f, struct strbuf *out);
void exchange_write_begin_opts(enum exchange_format f,
                               const struct exchange_opts *opts,
                               struct strbuf *out);
/* Appends s as a JSON string (quoted, escaped as the export escapes), for
 * the commands that print JSON of their own (`ache tags --format json`). */
void exchange_json_string(struct strbuf *out, const char *s);
size_t exchange_write_checkin(enum exchange_format f, const struct checkin *c,
                              size_t index, struct strbuf *out);
size_t exchange_write_checkin_opts(enum exchange_format f,
                                   const struct checkin *c, size_t index,
                                   const struct exchange_opts *opts,
                                   struct strbuf *out);
void exchange_write_end(enum exchange_format f, size_t count,
                        struct strbuf *out);

/* FHIR: a MedicationStatement for each period of meds overlapping
 * from..to, after `index` entries; returns how many it wrote. */
size_t exchange_fhir_write_meds(const struct med_list *meds, ache_day from,
                                ache_day to, size_t index, struct strbuf *out);

/* The doses as CSV: id,date,time,medicine,amount,unit,created_at,
 * updated_at (a name that would start a formula gets an apostrophe, as a
 * note does). */
void exchange_csv_write_doses(const struct dose_list *doses,
                              struct strbuf *out);

/* Reading a file, one check-in at a time, so that a file of any size is
 * read in little memory. `each` is called for every check-in in file
 * order once it has been checked (checkin_validate, and its id not given
 * by an earlier record); the check-in is the reader's and is freed after
 * the call, so `each` copies or moves what it keeps (it may take the
 * tags and note and leave the pointers NULL). A status other than
 * ACHE_OK from `each` stops the read and is returned with its message.
 * `done_before`, when set, is told from time to time that the reader is
 * done for now with the data before `p` (a mapped file may give those
 * pages back; the reader may come back to them, as JSON does once).
 * `ids_checked` is for a second reading of a file whose first one passed:
 * ids given twice are not looked for again (nor remembered, which costs
 * a megabyte per 100,000 check-ins). `line`, when set, gets the line
 * where each record begins before `each` is called with it. */
struct exchange_reader {
    enum ache_status (*each)(struct checkin *c, void *arg,
                             struct ache_err *err);
    void (*done_before)(const char *p, void *arg);
    void *arg;
    bool ids_checked;
    int *line;
    /* JSON: each field of the file's "fields", before any check-in (NULL:
     * they are skipped, and check-ins may name only the fields the
     * process knows) */
    enum ache_status (*field)(const struct field_record *f, void *arg,
                              struct ache_err *err);
    /* JSON: each medicine (with its periods), then each dose, after the
     * fields and before the check-ins (NULL: skipped) */
    enum ache_status (*med)(const struct med *m, void *arg,
                            struct ache_err *err);
    enum ache_status (*dose)(const struct dose *d, void *arg,
                             struct ache_err *err);
};

/* Reads a whole file. `name` prefixes every message with the place:
 * "diary.csv:57:4: pain: 11 is out of range 0-10" (CSV: line and field
 * number; JSON: line and column of the value). Rows with a date after
 * `today` are refused. Ids, times and timestamps not given are left
 * empty (id "", minute absent, stamps 0). EXCHANGE_FHIR is refused:
 * "fhir: ache cannot import FHIR (export only)". */
enum ache_status exchange_read(enum exchange_format f, const char *name,
                               const char *data, size_t len, ache_day today,
                               const struct exchange_reader *reader,
                               struct ache_err *err);

/* The columns of a CSV file that name no column and no field the process
 * knows but could name a field of one's own, each with the kind its values
 * allow (yes/no; a rating when every value is a whole number 0-10; a count
 * when some is larger, up to 9999): what `import --create-fields` makes.
 * A column whose values fit no kind is left out (the import then names
 * it). *rows (names owned, freed with free) may be empty. */
enum ache_status exchange_csv_new_fields(const char *name, const char *data,
                                         size_t len, struct field_row **rows,
                                         size_t *n, struct ache_err *err);

/* exchange_read into a list: check-ins are appended to *out. On failure
 * nothing useful is left in *out (the caller frees it). */
enum ache_status exchange_parse(enum exchange_format f, const char *name,
                                const char *data, size_t len, ache_day today,
                                struct checkin_list *out,
                                struct ache_err *err);

#endif
