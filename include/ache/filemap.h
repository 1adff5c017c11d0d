/* filemap: the bytes of an input file, read in little memory. A regular
 * file is mapped, and the pages a reader is done with are given back as
 * it goes (a 100,000-check-in import then costs a few pages, not the
 * file's size); a pipe or terminal is read whole, as it cannot be mapped.
 * A mapped file may change while it is read: filemap_changed says so, and
 * the reader refuses what it read. A file cut short under the mapping
 * would end the process with SIGBUS: the pages past its new end read as
 * zeros instead, and count as a change. */
#ifndef ACHE_FILEMAP_H
#define ACHE_FILEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "ache/util.h"

struct filemap {
    const char *data; /* len bytes; not NUL-terminated when mapped */
    size_t len;
    bool mapped;
    size_t given_back; /* pages before this offset went back (since the
                        * reader last went back to the start) */
    int fd;             /* the mapped file, kept open to see it change */
    bool owns_fd;       /* false for standard input */
    struct timespec mtime; /* when it was last written, at the opening */
};

/* Opens path ("-" is standard input). Fails with ACHE_ERR_IO and
 * "PATH: reason" (standard input is named "stdin"). */
enum ache_status filemap_open(const char *path, struct filemap *m,
                              struct ache_err *err);
/* Gives back the pages before p (inside the data) once there are at least
 * 256 KiB of them; the data stays readable, as the pages come back
 * from the file when touched again. */
void filemap_done_before(struct filemap *m, const char *p);
/* Whether the file changed since it was opened: another length, another
 * time of writing, or pages cut away under the mapping. Data read from a
 * pipe never changes. */
bool filemap_changed(const struct filemap *m);
void filemap_close(struct filemap *m);

#endif
