/* exchange_impl: what the files of src/exchange share (the CSV, JSON and
 * FHIR writers and readers). Not part of the public interface
 * (include/ache/exchange.h).
 *
 * The two formats differ in syntax only: both name their values by the
 * column names, and both turn a value into a check-in field through
 * exchange_set_text, so a bad pain reads the same in a CSV and a JSON
 * file, apart from the place in front.
 */
#ifndef ACHE_EXCHANGE_IMPL_H
#define ACHE_EXCHANGE_IMPL_H

#include <stddef.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/exchange.h"
#include "ache/fields.h"
#include "ache/util.h"

/* The columns in file order; the fields follow enum checkin_field, from
 * EC_FIRST_FIELD to EC_LAST_FIELD. */
enum exchange_column {
    EC_ID,
    EC_DATE,
    EC_TIME,
    EC_FIRST_FIELD,
    EC_LAST_FIELD = EC_FIRST_FIELD + CF_COUNT - 1,
    EC_REGIONS,
    EC_TAGS,
    EC_NOTE,
    EC_CREATED_AT,
    EC_UPDATED_AT,
    EC_COUNT
};

/* The column of the diary's own field `key`: after the fixed columns. */
#define EC_OWN(key) (EC_COUNT + (key))
/* At most this many columns: the fixed ones and every own field. */
#define EXCHANGE_MAX_COLUMNS (EC_COUNT + FIELD_OWN_MAX)

/* Index of a column name (exact, case-sensitive), an own field's
 * EC_OWN(key), or -1. */
int exchange_column_find(const char *name);
/* "id, date, time, ..." for messages listing the allowed names (valid
 * until the next call). */
const char *exchange_column_list(void);
/* The field a column holds (enum checkin_field, or an own field's key),
 * or FIELD_NONE for the other columns. */
int exchange_column_field(int col);
/* The columns in file order into cols (at most max): the built-in fields
 * are followed by the diary's own, in key order; returns how many. */
size_t exchange_columns(int *cols, size_t max);

/* Copies `s` for quoting in a message: text_quote (control characters
 * shown visibly, long text cut with "..."), so that a message never
 * carries terminal escapes or runs on for a page. */
char *exchange_describe(const char *s, size_t len, char *out, size_t outsz);

/* Sets column `col` of c from its text (NUL-terminated, `len` bytes, which
 * may hold NULs that are refused). Empty text is for the caller to treat
 * as absent; regions and tags are lists joined by ';'. The message names
 * the field and the value but not the place (the caller prefixes it). */
enum ache_status exchange_set_text(struct checkin *c, int col, const char *text,
                                   size_t len, ache_day today,
                                   struct ache_err *err);
/* One region code or one tag name (the elements of JSON arrays). */
enum ache_status exchange_add_region(struct checkin *c, const char *code,
                                     size_t len, struct ache_err *err);
enum ache_status exchange_add_tag(struct checkin *c, const char *name,
                                  size_t len, struct ache_err *err);

/* Where a check-in came from, for messages about the record as a whole. */
struct exchange_place {
    int line, col; /* of the record (CSV: col 0) */
    int id_line, id_col; /* of its id, when it has one */
};

/* What the CSV and JSON readers share while reading one file: the
 * caller's reader, and the ids seen so far (to refuse one given twice). */
struct exchange_run {
    const char *name;
    const struct exchange_reader *reader;
    struct id_seen *ids; /* NULL: ids are not checked */
    enum exchange_format format;
    const char *data;
    size_t len;
    ache_day today;
    const struct exchange_place *place; /* of the record being handed on */
    size_t delivered; /* records handed on so far */
};

/* Checks a record just read (checkin_validate; its id not given before,
 * messages prefixed with its place), hands it to the reader's `each`, and
 * frees it for the next record. */
enum ache_status exchange_deliver(struct exchange_run *run, struct checkin *c,
                                  const struct exchange_place *place,
                                  struct ache_err *err);
/* Tells the reader the data before p is done with (see done_before). */
void exchange_done_before(struct exchange_run *run, const char *p);

void exchange_csv_write_header(struct strbuf *out);
void exchange_csv_write_checkin(const struct checkin *c, struct strbuf *out);
/* The readers of the two formats: run's data, with run's reader. */
enum ache_status exchange_csv_read(struct exchange_run *run,
                                   struct ache_err *err);

/* Appends s as a JSON string in double quotes, escaping what JSON needs
 * and control characters besides (the FHIR writer shares it). */
void exchange_json_put_string(struct strbuf *out, const char *s);
/* Begins an export: the format and version, the fields when opts gives
 * them (exchange_json_fields.c), then the check-ins' array. */
void exchange_json_write_begin(const struct exchange_opts *opts,
                               struct strbuf *out);
void exchange_json_write_fields(const struct field_record *fields, size_t n,
                                struct strbuf *out);
void exchange_json_write_meds(const struct med_list *meds, struct strbuf *out);
void exchange_json_write_doses(const struct dose_list *doses,
                               struct strbuf *out);
void exchange_json_write_checkin(const struct checkin *c, size_t index,
                                 struct strbuf *out);
void exchange_json_write_end(size_t count, struct strbuf *out);
enum ache_status exchange_json_read(struct exchange_run *run,
                                    struct ache_err *err);
struct json_parser;
/* The "fields" array (the parser on its '['), each handed to the
 * reader's `field`. */
enum ache_status exchange_json_read_fields(struct json_parser *jp,
                                           struct exchange_run *run);
/* "meds" and "doses" the same way, to the reader's `med` and `dose`. */
enum ache_status exchange_json_read_meds(struct json_parser *jp,
                                         struct exchange_run *run);
enum ache_status exchange_json_read_doses(struct json_parser *jp,
                                          struct exchange_run *run);

void exchange_fhir_write_begin(struct strbuf *out);
/* Returns the number of Observations written (one per rating given). */
size_t exchange_fhir_write_checkin(const struct checkin *c, size_t index,
                                   const struct exchange_opts *opts,
                                   struct strbuf *out);
void exchange_fhir_write_end(size_t count, struct strbuf *out);

#endif
