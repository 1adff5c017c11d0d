/* sync: one diary on several machines, through a folder that another
 * program carries between them (Syncthing, Nextcloud, a git repository, a
 * USB stick). ache has no network code: it writes files into the folder
 * and reads the files other devices wrote there.
 *
 * The folder:
 *   DIR/ache-sync        a small text header, written once by the first
 *                        device: the format, whether files are sealed, and
 *                        for sealed folders the Argon2id parameters, the
 *                        salt and a check of the key (never the key)
 *   DIR/<device>/NAME    the files of one device (32 hex digits), each
 *                        written once under a temporary name starting with
 *                        '.', then renamed; never changed afterwards, so
 *                        that a carrier never sees two machines edit one
 *                        file (and git never has to merge one)
 * A NAME is "<seq>-<8 hex digits>.ache" (changes) or ".snap" (a compacted
 * view), seq being 12 decimal digits, the device's own count of files.
 * Names say nothing of what a file holds.
 *
 * A sealed file is libsodium's secretstream (XChaCha20-Poly1305) in parts
 * of at most 64 KiB, the last one marked final: a file the carrier has
 * not finished copying is told from one that was changed (or damaged, or
 * sealed with another folder's key).
 *
 * This header has two halves: the folder (sync_folder.c, sync_seal.c) and
 * the sync itself (sync_run.c), which puts the folder and the diary
 * (store_sync.c) together.
 */
#ifndef ACHE_SYNC_H
#define ACHE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ache/store.h"
#include "ache/util.h"

#define SYNC_DEVICE_HEX 32 /* a device id: 32 lowercase hex digits */
#define SYNC_NAME_MAX 64   /* a file's name in a device's folder, with NUL */
#define SYNC_HEADER_NAME "ache-sync"

/* ---- the folder ---------------------------------------------------------- */

struct sync_folder; /* the folder's path and key (wiped when closed) */

/* How the folder is opened: with a passphrase, or, on explicit request
 * (--no-encrypt), without sealing anything. */
struct sync_secret {
    const char *passphrase; /* UTF-8; NULL when plain */
    size_t len;
    bool plain;
};

/* Opens DIR, making it (0700) when it does not exist. A folder without a
 * header gets one (sealed unless secret->plain), written under a
 * temporary name and linked into place, so that two first devices racing
 * cannot overwrite each other's; *created says whether this call wrote
 * it. A sealed folder derives the key from the passphrase with Argon2id
 * (libsodium's crypto_pwhash, interactive limits, kept in the header) and
 * checks it. Messages (ACHE_ERR_REFUSED):
 *   "DIR: the passphrase does not open this sync folder"
 *   "DIR: this sync folder is sealed: leave out --no-encrypt"
 *   "DIR: this sync folder is not sealed: give --no-encrypt to use it"
 * and for a header that cannot be read, ACHE_ERR_INVALID
 * "DIR/ache-sync: line N: ..." naming what is wrong (the line missing,
 * out of range or not as expected). The header is 0600; an existing DIR
 * keeps its mode. A passphrase refused writes nothing. */
enum ache_status sync_folder_open(const char *dir,
                                  const struct sync_secret *secret,
                                  bool *created, struct sync_folder **out,
                                  struct ache_err *err);
void sync_folder_close(struct sync_folder *f);
const char *sync_folder_path(const struct sync_folder *f);
bool sync_folder_sealed(const struct sync_folder *f);
/* Whether DIR holds a header (so a passphrase asked on the terminal is
 * asked twice for a new folder). */
bool sync_folder_exists(const char *dir);

/* The files of one device, in the order of their seq (then name). */
struct sync_file {
    char name[SYNC_NAME_MAX];
    uint64_t seq;
    bool snapshot;
};
struct sync_device_files {
    char device[SYNC_DEVICE_HEX + 1];
    struct sync_file *files;
    size_t n;
};
/* Every device folder and its files, by device id. Names that are not a
 * device's folder or file (a carrier's conflict copy, a temporary file
 * left by a killed sync, a README) are left out; `strays` counts the ones
 * that look like a carrier's copy of a file (so a sync can say so): a
 * name with "conflict" in it (any case: Syncthing's ".sync-conflict-",
 * Dropbox's and Nextcloud's "conflicted copy", ownCloud's "_conflict-")
 * or ending in '~', and a name that begins like ours but goes on
 * otherwise (12 digits in a device's folder; a device id or "ache-sync"
 * at the top). Names starting with '.' are never counted. */
struct sync_listing {
    struct sync_device_files *devices;
    size_t n;
    size_t strays;
};
enum ache_status sync_folder_list(struct sync_folder *f,
                                  struct sync_listing *out,
                                  struct ache_err *err);
void sync_listing_free(struct sync_listing *l);

/* Writing one file, in parts, never holding it whole: begin makes
 * DIR/<device>/ (0700) and a temporary file (0600) in it; put seals what
 * it is given in parts of 64 KiB; finish seals the last part, flushes the
 * file to disk, renames it to its name (given back in name) and flushes
 * the folder. abandon removes the temporary file. Both free w (finish
 * also when it fails, removing the temporary file); after a failed put,
 * call abandon. A device that is not 32 lowercase hex digits or a seq of
 * more than 12 digits: ACHE_ERR_INVALID from begin. A name is never
 * reused: when the one drawn is taken, another is drawn. */
struct sync_writer;
struct sync_write_spec {
    const char *device;
    uint64_t seq;
    bool snapshot;
};
enum ache_status sync_writer_begin(struct sync_folder *f,
                                   const struct sync_write_spec *spec,
                                   struct sync_writer **out,
                                   struct ache_err *err);
enum ache_status sync_writer_put(struct sync_writer *w, const void *data,
                                 size_t len, struct ache_err *err);
enum ache_status sync_writer_finish(struct sync_writer *w,
                                    char name[SYNC_NAME_MAX],
                                    struct ache_err *err);
void sync_writer_abandon(struct sync_writer *w);

/* What reading a file found. */
enum sync_read_state {
    SYNC_READ_OK,
    SYNC_READ_INCOMPLETE, /* it ends before its last part: the carrier is
                             still copying it (or was cut short) */
    SYNC_READ_DAMAGED     /* a part fails its check: changed by someone
                             without the key, damaged, or sealed with
                             another folder's key */
};
/* Reads DIR/<device>/<name> and opens it whole into out (appended).
 * SYNC_READ_OK: ACHE_OK. Otherwise ACHE_ERR_INVALID with *state saying
 * which and err "DIR/<device>/<name>: ..." (what was found, and that the
 * file is left as it is); nothing is appended then:
 *   INCOMPLETE "...: ends before its last part (still being copied?):
 *               left for the next sync"
 *   DAMAGED    "...: fails its check (damaged, changed, or sealed with
 *               another passphrase): left as it is"
 *              "...: sealed with another folder's key: left as it is"
 *              "...: is not sealed, in a sealed folder: left as it is"
 *              "...: is sealed, in a folder that is not: left as it is"
 * A file that cannot be read at all: ACHE_ERR_IO "PATH: reason", *state
 * INCOMPLETE (try again next time). A device or name that is not one:
 * ACHE_ERR_INVALID "sync: ...". */
enum ache_status sync_folder_read(struct sync_folder *f, const char *device,
                                  const char *name, struct strbuf *out,
                                  enum sync_read_state *state,
                                  struct ache_err *err);
/* Removes one of this device's own files (after a snapshot covers it).
 * ACHE_ERR_NOT_FOUND "PATH: no such file" when it is already gone. */
enum ache_status sync_folder_remove(struct sync_folder *f, const char *device,
                                    const char *name, struct ache_err *err);

/* The passphrase: the first line of a file (without its line end; a file
 * others may read is refused: "FILE: readable by others: chmod 600 FILE"),
 * or typed on the terminal (/dev/tty) without echo, twice when `confirm`
 * (a new folder): "the passphrases differ". Empty is refused ("FILE: the
 * passphrase is empty", or without "FILE: " when typed), and so is one
 * longer than 1024 bytes. Never from the environment. *out is
 * NUL-terminated; the caller wipes and frees it with
 * sync_passphrase_free. No terminal: ACHE_ERR_IO "no terminal to ask the
 * passphrase on: give --passphrase-file FILE". */
enum ache_status sync_passphrase_from_file(const char *path, char **out,
                                           size_t *len, struct ache_err *err);
enum ache_status sync_passphrase_ask(bool confirm, char **out, size_t *len,
                                     struct ache_err *err);
void sync_passphrase_free(char *p, size_t len);

/* ---- the sync -------------------------------------------------------------- */

struct sync_options {
    bool compact; /* also a snapshot of this device's view, and its own
                     files the snapshot covers removed */
};

#define SYNC_CONFLICTS_KEPT 20
/* A record edited on two devices since they last met. */
struct sync_conflict {
    enum store_sync_kind kind;
    char id[TAG_NAME_MAX + 1];
    bool took_theirs; /* the other device's version is now the record */
};

/* What a sync did, to tell. */
struct sync_report {
    char device[STORE_DEVICE_HEX + 1];
    const char *new_device;       /* as struct store_sync says */
    char written[SYNC_NAME_MAX];  /* the file written, "" for none */
    char snapshot[SYNC_NAME_MAX]; /* --compact: the snapshot written */
    size_t sent[SK_COUNT], sent_removed;
    size_t received[SK_COUNT], received_removed;
    /* the versions of the files applied, which add up: those taken (the
     * received counts), those that lost to the diary's (kept aside), and
     * those the diary had already (seen, or the same content) */
    size_t versions_read, kept_ours, already;
    size_t files, devices; /* files applied, from how many devices */
    size_t skipped;     /* files left for a later sync */
    size_t damaged;     /* of those, files that failed their check or could
                           not be read as a sync file */
    size_t strays;      /* carrier's copies of files, left alone */
    size_t removed_files; /* own files a snapshot covers, removed */
    size_t nconflicts;
    struct sync_conflict conflicts[SYNC_CONFLICTS_KEPT];
    struct strbuf notes; /* a line for each file skipped, and why */
};
/* One sync of the diary through f: this device's versions since the
 * last sync written into a new file of its own folder, then every file
 * of the other devices not applied yet applied, all in one transaction
 * of the diary. A file still being copied, or damaged, is left (a line
 * in report->notes) and read again by the next sync. */
enum ache_status sync_run(struct store *st, struct sync_folder *f,
                          const struct sync_options *o,
                          struct sync_report *report, struct ache_err *err);
void sync_report_free(struct sync_report *r);

#endif
