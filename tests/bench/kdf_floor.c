/* kdf_floor DIR PASSFILE: opens the sealed sync folder DIR as `ache sync`
 * does (Argon2id with the folder's limits, then the key's check) and
 * exits. What a sync costs beyond this is the sync's own. */
#include <stdio.h>
#include <string.h>

#include "ache/sync.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: kdf_floor DIR PASSFILE\n", stderr);
        return 2;
    }
    char *pass = NULL;
    size_t len = 0;
    struct ache_err err = {""};
    struct sync_folder *f = NULL;
    bool created = false;
    enum ache_status s = sync_passphrase_from_file(argv[2], &pass, &len, &err);
    struct sync_secret secret = {.passphrase = pass, .len = len};
    if (s == ACHE_OK)
        s = sync_folder_open(argv[1], &secret, &created, &f, &err);
    sync_passphrase_free(pass, len);
    sync_folder_close(f);
    if (s != ACHE_OK)
        fprintf(stderr, "kdf_floor: %s\n", err.msg);
    return s == ACHE_OK ? 0 : 1;
}
