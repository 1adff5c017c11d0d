/* filemap: a mapped input file whose read pages are given back. */
#include "ache/filemap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pages are given back in steps of this much, not after every record. */
#define GIVE_BACK_STEP (256u << 10)

static enum ache_status io_fail(const char *path, int e, struct ache_err *err)
{
    return ache_fail(err, ACHE_ERR_IO, "%s: %s",
                     strcmp(path, "-") == 0 ? "stdin" : path, strerror(e));
}

/* A pipe: read to its end into memory. */
static enum ache_status read_stream(int fd, const char *path,
                                    struct filemap *m, struct ache_err *err)
{
    char *data;
    int e = fd_read_all(fd, &data, &m->len);
    if (e)
        return io_fail(path, e, err);
    m->data = data;
    return ACHE_OK;
}

/* The kernel maps a file's page cache a whole folio at a time, and a
 * file written in one go may be cached in folios of 2 MiB: read through
 * one mapping, the pages given back would no longer bound the memory
 * held. So the mapping is cut into pieces of GIVE_BACK_STEP, every other
 * one with another read-ahead hint (pieces that differ are never merged),
 * and no fault maps more than a piece. No huge pages either. */
static void split_mapping(void *p, size_t len)
{
    madvise(p, len, MADV_NOHUGEPAGE);
    for (size_t at = 0; at < len; at += GIVE_BACK_STEP) {
        size_t n = len - at < GIVE_BACK_STEP ? len - at : GIVE_BACK_STEP;
        int hint = (at / GIVE_BACK_STEP) % 2 ? MADV_NORMAL : MADV_SEQUENTIAL;
        madvise((char *)p + at, n, hint);
    }
}

static enum ache_status map_fd(int fd, const char *path, struct filemap *m,
                               struct ache_err *err)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return io_fail(path, errno, err);
    /* An empty file cannot be mapped either. */
    if (!S_ISREG(sb.st_mode) || sb.st_size == 0)
        return read_stream(fd, path, m, err);
    void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return io_fail(path, errno, err);
    split_mapping(p, (size_t)sb.st_size);
    *m = (struct filemap){p, (size_t)sb.st_size, true, 0};
    return ACHE_OK;
}

enum ache_status filemap_open(const char *path, struct filemap *m,
                              struct ache_err *err)
{
    *m = (struct filemap){NULL, 0, false, 0};
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_fail(path, errno, err);
    enum ache_status st = map_fd(fd, path, m, err);
    if (!is_stdin)
        close(fd);
    return st;
}

void filemap_done_before(struct filemap *m, const char *p)
{
    if (!m->mapped || p < m->data || p > m->data + m->len)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t upto = (size_t)(p - m->data) / page * page;
    /* A reader that went back to the start (a second pass) touches the
     * pages before given_back again: count from the start again. */
    if (upto < m->given_back)
        m->given_back = 0;
    if (upto < m->given_back + GIVE_BACK_STEP)
        return;
    /* The mapping is private and never written, so the pages are only
     * dropped: touched again, they are read from the file again. */
    madvise((char *)m->data + m->given_back, upto - m->given_back,
            MADV_DONTNEED);
    m->given_back = upto;
}

void filemap_close(struct filemap *m)
{
    if (m->mapped)
        munmap((void *)m->data, m->len);
    else
        free((void *)m->data);
    *m = (struct filemap){NULL, 0, false, 0};
}
