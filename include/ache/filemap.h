/* filemap: the bytes of an input file, read in little memory. A regular
 * file is mapped, and the pages a reader is done with are given back as
 * it goes (a 100,000-check-in import then costs a few pages, not the
 * file's size); a pipe or terminal is read whole, as it cannot be mapped.
 * A mapped file that another program truncates while it is read ends the
 * process with SIGBUS: imports read files that are not being written. */
#ifndef ACHE_FILEMAP_H
#define ACHE_FILEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "ache/util.h"

struct filemap {
    const char *data; /* len bytes; not NUL-terminated when mapped */
    size_t len;
    bool mapped;
    size_t given_back; /* pages before this offset went back (since the
                        * reader last went back to the start) */
};

/* Opens path ("-" is standard input). Fails with ACHE_ERR_IO and
 * "PATH: reason" (standard input is named "stdin"). */
enum ache_status filemap_open(const char *path, struct filemap *m,
                              struct ache_err *err);
/* Gives back the pages before p (inside the data) once there are at least
 * 256 KiB of them; the data stays readable, as the pages come back
 * from the file when touched again. */
void filemap_done_before(struct filemap *m, const char *p);
void filemap_close(struct filemap *m);

#endif
