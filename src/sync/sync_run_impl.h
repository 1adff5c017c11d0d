/* What the files of the sync itself share (sync_run.c, sync_out.c,
 * sync_in.c): the text a sync file opens to, and the sync under way.
 *
 * A file, once opened (sync_folder_read), is text:
 *   ache-sync-data 1
 *   device HEX            the device that wrote it
 *   snapshot 0|1
 *   covers DEVICE NAME    (a snapshot: each file its view holds)
 *   v KIND ID HLC DEVICE PARENT-HLC PARENT-DEVICE REMOVED TAG-KIND MED
 *                         one line a version ("-" for none)
 *   (an empty line)
 *   an ache JSON export   the records of the versions that are not
 *                         removals or tags: fields, medicines with their
 *                         periods, doses, check-ins
 */
#ifndef ACHE_SYNC_RUN_IMPL_H
#define ACHE_SYNC_RUN_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/checkin.h"
#include "ache/fields.h"
#include "ache/meds.h"
#include "ache/store.h"
#include "ache/sync.h"
#include "ache/util.h"

#define SYNC_DATA_MAGIC "ache-sync-data 1"
#define SYNC_FOLDER_ID_HEX 32

/* A sync under way. */
struct sync_job {
    struct store *st;
    struct sync_folder *folder;
    const struct sync_options *opts;
    struct store_sync sy;
    struct sync_report *report;
};

/* sync_out.c: writes this device's versions since the last sync into a
 * new file of its folder (none when there are none). */
enum ache_status sync_send(struct sync_job *job, struct ache_err *err);
/* Writes a snapshot: every record's latest version the diary holds, and
 * the files its view covers. */
enum ache_status sync_snapshot(struct sync_job *job, struct ache_err *err);

/* sync_in.c: the versions of one file of another device, applied. */
struct sync_incoming {
    const char *device, *name;
    bool snapshot;
    bool checked; /* the file was read whole and found sound: a failure
                     after that is the diary's, not the file's */
};
enum ache_status sync_apply_file(struct sync_job *job,
                                 struct sync_incoming *in,
                                 const struct strbuf *text,
                                 struct ache_err *err);

/* sync_names.c: the names a file gives fields and medicines by, and the
 * diary's keys for them (see there). */
struct sync_file_field {
    char id[CHECKIN_ID_LEN + 1];
    char name[FIELD_NAME_MAX + 1];
    enum field_kind kind;
    bool versioned; /* with a version line: the file brings it */
};
struct sync_names {
    struct sync_file_field *fields;
    size_t nfields;
    char (*meds)[MED_NAME_MAX + 1];
    size_t nmeds;
    int (*remap)[2]; /* a key the file's names give -> the diary's */
    size_t nremap;
    bool ready;
};
/* While a file is checked: its fields and medicines. */
void sync_names_field(struct sync_names *n, const struct field_record *f,
                      bool versioned);
void sync_names_med(struct sync_names *n, const char *name);
bool sync_names_has_med(const struct sync_names *n, const char *name);
/* Before its check-ins are applied (its fields are by then): every name
 * known to the process, and the keys to move values to. */
enum ache_status sync_names_ready(struct sync_names *n, struct store *st,
                                  struct ache_err *err);
void sync_names_remap(const struct sync_names *n, struct checkin *c);
void sync_names_free(struct sync_names *n);

/* A version as one line of a file, and back. */
void sync_version_line(const struct store_sync_version *v, struct strbuf *out);
enum ache_status sync_version_parse(const char *line,
                                    struct store_sync_version *v,
                                    struct ache_err *err);

#endif
