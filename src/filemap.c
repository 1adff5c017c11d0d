/* filemap: a mapped input file whose read pages are given back. */
#include "ache/filemap.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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

/* The mapping being read, for the SIGBUS handler (one at a time: an
 * import reads one file). */
static struct {
    char *volatile start;
    volatile size_t len;
    volatile size_t page;
    volatile sig_atomic_t cut;
    struct sigaction before;
} watched;

/* A page past the end of a file cut short under its mapping faults with
 * SIGBUS. Zeros are mapped over the rest of the mapping instead, so that
 * the reader goes on to its end, and filemap_changed then refuses what it
 * read. A fault anywhere else is not ours: the handler steps aside, the
 * access faults again and ends the process as it would have. */
static void on_bus(int sig, siginfo_t *info, void *context)
{
    (void)sig;
    (void)context;
    char *at = info->si_addr, *start = watched.start;
    if (!start || at < start || at >= start + watched.len) {
        sigaction(SIGBUS, &watched.before, NULL);
        return;
    }
    char *from = start + (size_t)(at - start) / watched.page * watched.page;
    size_t n = (size_t)(start + watched.len - from);
    if (mmap(from, n, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
             0) == MAP_FAILED) {
        sigaction(SIGBUS, &watched.before, NULL);
        return;
    }
    watched.cut = 1;
}

static void watch(const struct filemap *m)
{
    watched.page = (size_t)sysconf(_SC_PAGESIZE);
    watched.len = m->len;
    watched.cut = 0;
    watched.start = (char *)m->data;
    struct sigaction sa = {.sa_sigaction = on_bus,
                           .sa_flags = SA_SIGINFO | SA_NODEFER};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, &watched.before);
}

static void unwatch(const struct filemap *m)
{
    if (watched.start != m->data)
        return;
    sigaction(SIGBUS, &watched.before, NULL);
    watched.start = NULL;
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
    m->data = p;
    m->len = (size_t)sb.st_size;
    m->mapped = true;
    m->mtime = sb.st_mtim;
    watch(m);
    return ACHE_OK;
}

static void close_fd(struct filemap *m)
{
    if (m->owns_fd && m->fd >= 0)
        close(m->fd);
    m->fd = -1;
    m->owns_fd = false;
}

enum ache_status filemap_open(const char *path, struct filemap *m,
                              struct ache_err *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    *m = (struct filemap){.fd = fd, .owns_fd = !is_stdin};
    if (fd < 0)
        return io_fail(path, errno, err);
    enum ache_status st = map_fd(fd, path, m, err);
    if (st != ACHE_OK)
        filemap_close(m);
    else if (!m->mapped)
        close_fd(m); /* read whole: nothing more to see */
    return st;
}

bool filemap_changed(const struct filemap *m)
{
    if (!m->mapped)
        return false;
    struct stat sb;
    if (watched.cut || fstat(m->fd, &sb) != 0)
        return true;
    return (size_t)sb.st_size != m->len ||
           sb.st_mtim.tv_sec != m->mtime.tv_sec ||
           sb.st_mtim.tv_nsec != m->mtime.tv_nsec;
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
    if (m->mapped) {
        unwatch(m);
        munmap((void *)m->data, m->len);
    } else {
        free((void *)m->data);
    }
    close_fd(m);
    *m = (struct filemap){.fd = -1};
}
