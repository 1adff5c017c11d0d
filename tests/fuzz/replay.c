/* Replays a fuzz corpus without libFuzzer: calls LLVMFuzzerTestOneInput on
 * every file in a folder, so that `make check` (and its sanitizer build)
 * runs the seeds and every crash ever found as plain regression tests.
 *
 *   replay_fuzz_csv tests/fuzz/corpus/csv
 *
 * Each input is copied into a buffer of exactly its size, so that reading
 * one byte too far is caught under AddressSanitizer. An empty or missing
 * folder is a failure: a replay that tests nothing must not pass. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* asprintf, scandir */
#endif
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads path into a fresh buffer of exactly its size (1 byte if empty). */
static int read_exact(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    int failed = 0;
    while (!failed) {
        if (len == cap) {
            uint8_t *grown = realloc(buf, cap = cap ? cap * 2 : 4096);
            if (!grown) {
                failed = 1;
                break;
            }
            buf = grown;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            failed = ferror(f);
        if (n == 0)
            break;
    }
    fclose(f);
    uint8_t *exact = failed ? NULL : malloc(len ? len : 1);
    if (exact && len)
        memcpy(exact, buf, len);
    free(buf);
    if (!exact)
        return -1;
    *data = exact;
    *size = len;
    return 0;
}

static int is_input(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    struct dirent **names;
    int n = scandir(dir, &names, is_input, alphasort);
    if (n < 0) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    int count = 0, failed = 0;
    for (int i = 0; i < n; i++) {
        char *path = NULL;
        struct stat sb;
        uint8_t *data;
        size_t size;
        if (asprintf(&path, "%s/%s", dir, names[i]->d_name) < 0)
            path = NULL;
        if (path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
            if (read_exact(path, &data, &size) == 0) {
                LLVMFuzzerTestOneInput(data, size);
                free(data);
                count++;
            } else {
                fprintf(stderr, "replay: cannot read %s\n", path);
                failed = 1;
            }
        }
        free(path);
        free(names[i]);
    }
    free(names);
    printf("replay: %d inputs from %s\n", count, dir);
    if (count == 0) {
        fprintf(stderr, "replay: no inputs in %s\n", dir);
        return 1;
    }
    return failed;
}
