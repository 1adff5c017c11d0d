/* What the files of the sync folder's half share (sync_seal.c,
 * sync_folder.c, sync_secret.c), and what its unit test looks inside.
 *
 * The formats (all numbers big-endian):
 *
 * DIR/ache-sync, text, one item a line:
 *   ache-sync 1
 *   sealed xchacha20poly1305-secretstream      (or "plain", and no more)
 *   argon2id ops=N mem=N                       (crypto_pwhash limits)
 *   salt HEX                                   (16 bytes)
 *   check HEX                                  (32 bytes)
 * The check is a keyed hash of a fixed text under a sub-key of the
 * folder's key: it tells a wrong passphrase without ever holding the key.
 *
 * A sealed file: "ACHESYS1", the key id (8 bytes: the first 8 of the
 * header's check, so a file of another folder is named as such), the
 * secretstream header (24 bytes), then parts. A plain file: "ACHESYP1",
 * then parts. A part is a length prefix and L bytes:
 *   sealed: a secretstream message of at most 64 KiB (L = n + 17), the
 *           last one tagged FINAL, each with the file's opening (magic
 *           and key id) as additional data;
 *   plain:  a tag (0, or 3 for the last part), the n bytes, and a 16-byte
 *           crypto_generichash of tag and bytes keyed with the previous
 *           part's hash (16 zero bytes for the first), so that a part
 *           dropped, moved or changed fails its check (L = n + 17 too).
 * The length prefix is 4 bytes: L in three, then those three XORed with
 * 0xa5, so that a changed length reads as damage rather than as a file
 * still being copied.
 */
#ifndef ACHE_SYNC_IMPL_H
#define ACHE_SYNC_IMPL_H

#include <sodium.h>

#include "ache/sync.h"

#define SYNC_PART_MAX 65536u /* plaintext bytes in one part */
#define SYNC_PART_EXTRA 17u  /* bytes a part adds: ABYTES, or tag and hash */
#define SYNC_PREFIX_BYTES 4u
/* The most a sealed part takes on disk, its prefix included. */
#define SYNC_PART_DISK_MAX (SYNC_PREFIX_BYTES + SYNC_PART_MAX + SYNC_PART_EXTRA)
#define SYNC_MAGIC_BYTES 8u
#define SYNC_KEY_ID_BYTES 8u
#define SYNC_SALT_BYTES 16u
#define SYNC_CHECK_BYTES 32u
#define SYNC_KEY_BYTES 32u
#define SYNC_SUM_BYTES 16u
/* The most a file's opening takes (magic, key id, stream header). */
#define SYNC_OPENING_MAX (SYNC_MAGIC_BYTES + SYNC_KEY_ID_BYTES + 24u)
#define SYNC_HEADER_MAX 4096u  /* bytes of DIR/ache-sync read at most */
#define SYNC_PASSPHRASE_MAX 1024u
/* The Argon2id limits a header may ask for: a tampered header must not
 * make us run for hours or allocate gigabytes. */
#define SYNC_OPS_MIN 1ull
#define SYNC_OPS_MAX 10ull
#define SYNC_MEM_MIN 8192ull
#define SYNC_MEM_MAX (1ull << 30)

struct sync_folder {
    char *dir;                /* as given, without a trailing '/' */
    bool sealed;
    unsigned char *file_key;  /* sodium_malloc'd; NULL when plain */
    unsigned char key_id[SYNC_KEY_ID_BYTES];
};

/* What DIR/ache-sync says. */
struct sync_header {
    bool sealed;
    unsigned long long ops;
    unsigned long long mem;
    unsigned char salt[SYNC_SALT_BYTES];
    unsigned char check[SYNC_CHECK_BYTES];
};

/* sync_seal.c: the key and the header. */
enum ache_status sync_sodium_start(struct ache_err *err);
/* A new header: plain, or sealed with a random salt and the interactive
 * limits (its check is filled in by sync_key_derive). */
void sync_header_new(struct sync_header *h, bool sealed);
/* Parses a header's text; errors "PATH: line N: ..." (ACHE_ERR_INVALID). */
enum ache_status sync_header_parse(const char *path, const char *text,
                                   size_t len, struct sync_header *h,
                                   struct ache_err *err);
char *sync_header_format(const struct sync_header *h); /* caller frees */
/* Derives f's file key and key id from the passphrase and h's salt and
 * limits, and the check into check. ACHE_ERR_IO when Argon2id cannot
 * have its memory. */
enum ache_status sync_key_derive(struct sync_folder *f,
                                 const struct sync_header *h,
                                 const struct sync_secret *secret,
                                 unsigned char check[SYNC_CHECK_BYTES],
                                 struct ache_err *err);

/* Sealing a file part by part. */
struct sync_sealer {
    bool sealed;
    unsigned char ad[SYNC_MAGIC_BYTES + SYNC_KEY_ID_BYTES];
    unsigned char sum[SYNC_SUM_BYTES];
    crypto_secretstream_xchacha20poly1305_state ss;
};
/* Writes the file's opening into out; returns its length. */
size_t sync_seal_begin(struct sync_sealer *s, const struct sync_folder *f,
                       unsigned char out[SYNC_OPENING_MAX]);
/* Seals len <= SYNC_PART_MAX bytes as one part (with its prefix) into
 * out, of SYNC_PART_DISK_MAX bytes; returns its length. */
size_t sync_seal_part(struct sync_sealer *s, const unsigned char *in,
                      size_t len, bool final, unsigned char *out);
void sync_sealer_wipe(struct sync_sealer *s);

/* What opening a file found. */
enum sync_opened {
    SYNC_OPENED,        /* every part checks out, the last is final */
    SYNC_CUT,           /* it ends before its final part */
    SYNC_BAD,           /* a part fails its check, or bytes follow */
    SYNC_OTHER_KEY,     /* sealed under another folder's key */
    SYNC_UNSEALED_FILE, /* a plain file in a sealed folder */
    SYNC_SEALED_FILE,   /* a sealed file in a plain folder */
    SYNC_UNREADABLE     /* read() failed: *read_errno says why */
};
/* Reads fd from where it is to its end, opening it into plain (which is
 * left with what was opened so far when not SYNC_OPENED: the caller
 * wipes it). */
enum sync_opened sync_open_fd(const struct sync_folder *f, int fd,
                              struct strbuf *plain, int *read_errno);

/* sync_folder.c: "PATH: strerror(e)" as ACHE_ERR_IO. */
enum ache_status sync_io_fail(const char *path, int e, struct ache_err *err);
/* Makes dir (0700) unless it is there. */
enum ache_status sync_ensure_dir(const char *dir, struct ache_err *err);
/* Puts the finished file tmp at dest unless dest exists: 0, EEXIST, or
 * another errno. Never replaces a file. */
int sync_place_file(const char *tmp, const char *dest);
/* A name "<12 digits>-<8 hex>.ache" or ".snap". */
bool sync_name_parse(const char *name, uint64_t *seq, bool *snapshot);
bool sync_device_valid(const char *device);

#endif
