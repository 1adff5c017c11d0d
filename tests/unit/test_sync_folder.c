/* Tests of the sync folder (sync_folder.c, sync_file.c, sync_seal.c,
 * sync_secret.c): the header and its key, files sealed and read back
 * whole, a file cut short told from one changed, the listing, and the
 * passphrase from a file or the terminal. Key derivation takes a tenth of
 * a second, so each test opens its folders once. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "testutil.h"

#include "../../src/sync/sync_impl.h"
#include "ache/sync.h"

static const char DEV_A[] = "0123456789abcdef0123456789abcdef";
static const char DEV_B[] = "fedcba9876543210fedcba9876543210";
static const char MARKER[] = "MARKER-ibuprofen-knee-pain-7";

static char *root;   /* a private temporary folder */
static char *folder; /* root/sync: made by the first open */

static void setup(void)
{
    root = test_tmpdir();
    folder = xasprintf("%s/sync", root);
}

static void teardown(void)
{
    test_rmdir(root);
    free(folder);
    free(root);
}

static struct sync_secret pass(const char *p)
{
    return (struct sync_secret){.passphrase = p, .len = strlen(p)};
}

static const struct sync_secret PLAIN = {.plain = true};

static struct sync_folder *open_ok(const char *dir, struct sync_secret s,
                                   bool want_created)
{
    struct sync_folder *f = NULL;
    struct ache_err err = {{0}};
    bool created = !want_created;
    enum ache_status st = sync_folder_open(dir, &s, &created, &f, &err);
    ck_assert_msg(st == ACHE_OK, "open %s: %s", dir, err.msg);
    ck_assert(f != NULL);
    ck_assert(created == want_created);
    return f;
}

/* Byte i of a payload made with seed. */
static char *payload(size_t n, unsigned seed)
{
    char *p = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        p[i] = (char)((i * 31 + seed * 7 + i / 251) & 0xff);
    p[n] = '\0';
    return p;
}

/* Writes data in pieces of `chunk` bytes; the file's name into name. */
static void write_file(struct sync_folder *f, const char *dev, uint64_t seq,
                       const char *data, size_t len, size_t chunk,
                       char name[SYNC_NAME_MAX])
{
    struct sync_writer *w = NULL;
    struct ache_err err = {{0}};
    struct sync_write_spec spec = {.device = dev, .seq = seq};
    ck_assert_int_eq(sync_writer_begin(f, &spec, &w, &err), ACHE_OK);
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        ck_assert_int_eq(sync_writer_put(w, data + off, n, &err), ACHE_OK);
    }
    ck_assert_msg(sync_writer_finish(w, name, &err) == ACHE_OK, "%s",
                  err.msg);
}

static char *file_path(const char *dev, const char *name)
{
    return xasprintf("%s/%s/%s", folder, dev, name);
}

static off_t size_of(const char *path)
{
    struct stat sb;
    ck_assert_int_eq(stat(path, &sb), 0);
    return sb.st_size;
}

static mode_t mode_of(const char *path)
{
    struct stat sb;
    ck_assert_int_eq(stat(path, &sb), 0);
    return sb.st_mode & 07777;
}

/* Reads a file into a buffer holding "kept": on failure the buffer must
 * still hold exactly that; err gets the message. */
static enum sync_read_state read_state(struct sync_folder *f, const char *dev,
                                       const char *name, struct strbuf *got,
                                       struct ache_err *err)
{
    enum sync_read_state state = SYNC_READ_OK;
    strbuf_reset(got);
    strbuf_append(got, "kept");
    enum ache_status st = sync_folder_read(f, dev, name, got, &state, err);
    if (state == SYNC_READ_OK) {
        ck_assert_int_eq(st, ACHE_OK);
    } else {
        ck_assert_int_eq(st, ACHE_ERR_INVALID);
        ck_assert_str_eq(strbuf_str(got), "kept");
    }
    return state;
}

static void assert_round_trip(struct sync_folder *f, size_t len, size_t chunk,
                              off_t want_size)
{
    char *data = payload(len, (unsigned)len);
    char name[SYNC_NAME_MAX];
    write_file(f, DEV_A, 7 + len, data, len, chunk, name);
    uint64_t seq = 0;
    bool snap = true;
    ck_assert(sync_name_parse(name, &seq, &snap));
    ck_assert_uint_eq(seq, 7 + len);
    ck_assert(!snap);
    char *path = file_path(DEV_A, name);
    ck_assert_int_eq(size_of(path), want_size);
    ck_assert_int_eq(mode_of(path), 0600);
    struct strbuf got = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(read_state(f, DEV_A, name, &got, &err), SYNC_READ_OK);
    ck_assert_uint_eq(got.len, 4 + len);
    ck_assert(memcmp(got.data + 4, data, len) == 0);
    strbuf_free(&got);
    free(path);
    free(data);
}

/* The size on disk of n bytes in parts of 64 KiB (the last one final,
 * even when full), after an opening of `opening` bytes. */
static off_t sealed_size(size_t opening, size_t n)
{
    size_t parts = n ? (n + SYNC_PART_MAX - 1) / SYNC_PART_MAX : 1;
    return (off_t)(opening + n + parts * (SYNC_PREFIX_BYTES + SYNC_PART_EXTRA));
}

/* ---- round trips ----------------------------------------------------------- */

static void round_trips(struct sync_secret s, size_t opening)
{
    struct sync_folder *f = open_ok(folder, s, true);
    assert_round_trip(f, 0, 1, sealed_size(opening, 0));
    assert_round_trip(f, 11, 3, sealed_size(opening, 11));
    assert_round_trip(f, 65536, 65536, sealed_size(opening, 65536));
    assert_round_trip(f, 65536, 1000, sealed_size(opening, 65536));
    assert_round_trip(f, 200 * 1024, 7777, sealed_size(opening, 200 * 1024));
    assert_round_trip(f, 200 * 1024, 200 * 1024,
                      sealed_size(opening, 200 * 1024));
    sync_folder_close(f);
}

START_TEST(test_round_trip_sealed)
{
    round_trips(pass("correct horse"), 40);
}
END_TEST

START_TEST(test_round_trip_plain)
{
    round_trips(PLAIN, 8);
}
END_TEST

START_TEST(test_snapshot_name)
{
    struct sync_folder *f = open_ok(folder, PLAIN, true);
    struct sync_writer *w = NULL;
    struct ache_err err = {{0}};
    struct sync_write_spec spec = {.device = DEV_B, .seq = 42, .snapshot = true};
    ck_assert_int_eq(sync_writer_begin(f, &spec, &w, &err), ACHE_OK);
    ck_assert_int_eq(sync_writer_put(w, "view", 4, &err), ACHE_OK);
    char name[SYNC_NAME_MAX];
    ck_assert_int_eq(sync_writer_finish(w, name, &err), ACHE_OK);
    ck_assert_uint_eq(strlen(name), 26);
    ck_assert(strncmp(name, "000000000042-", 13) == 0);
    ck_assert_str_eq(name + 21, ".snap");
    uint64_t seq = 0;
    bool snap = false;
    ck_assert(sync_name_parse(name, &seq, &snap));
    ck_assert(snap);
    ck_assert_uint_eq(seq, 42);
    sync_folder_close(f);
}
END_TEST

START_TEST(test_writer_refuses_bad_spec)
{
    struct sync_folder *f = open_ok(folder, PLAIN, true);
    struct sync_writer *w = NULL;
    struct ache_err err = {{0}};
    struct sync_write_spec spec = {.device = "0123456789ABCDEF0123456789ABCDEF",
                                   .seq = 1};
    ck_assert_int_eq(sync_writer_begin(f, &spec, &w, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "sync: a device id is 32 lowercase hex digits");
    ck_assert(w == NULL);
    spec = (struct sync_write_spec){.device = DEV_A, .seq = 1000000000000ull};
    ck_assert_int_eq(sync_writer_begin(f, &spec, &w, &err), ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg,
                     "sync: file number 1000000000000 has more than 12 digits");
    ck_assert(w == NULL);
    sync_folder_close(f);
    char *dev = xasprintf("%s/%s", folder, DEV_A);
    ck_assert_int_eq(access(dev, F_OK), -1);
    free(dev);
}
END_TEST

/* ---- opening the folder ---------------------------------------------------- */

/* Every name and its bytes under dir, so a test can see nothing changed. */
static void snapshot_tree(const char *dir, struct strbuf *out)
{
    char *cmd = xasprintf("cd '%s' && find . -print0 | LC_ALL=C sort -z | "
                          "xargs -0 ls -ld --time-style=+ -- && "
                          "find . -type f -print0 | LC_ALL=C sort -z | "
                          "xargs -0 -r cat",
                          dir);
    FILE *p = popen(cmd, "r");
    ck_assert(p != NULL);
    char buf[4096];
    size_t n;
    strbuf_reset(out);
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        strbuf_appendn(out, buf, n);
    ck_assert_int_eq(pclose(p), 0);
    free(cmd);
}

START_TEST(test_open_makes_private_folder_and_header)
{
    struct sync_folder *f = open_ok(folder, pass("correct horse"), true);
    ck_assert(sync_folder_sealed(f));
    ck_assert_str_eq(sync_folder_path(f), folder);
    ck_assert(sync_folder_exists(folder));
    ck_assert_int_eq(mode_of(folder), 0700);
    char *header = xasprintf("%s/ache-sync", folder);
    ck_assert_int_eq(mode_of(header), 0600);
    char *text = NULL;
    size_t len = 0;
    struct ache_err err = {{0}};
    ck_assert_int_eq(file_read_all(header, &text, &len, &err), ACHE_OK);
    const char *want = "ache-sync 1\n"
                       "sealed xchacha20poly1305-secretstream\n"
                       "argon2id ops=2 mem=67108864\n"
                       "salt ";
    ck_assert(strncmp(text, want, strlen(want)) == 0);
    ck_assert_uint_eq(len, strlen(want) + 32 + strlen("\ncheck ") + 64 + 1);
    ck_assert(strstr(text, "\ncheck ") != NULL);
    ck_assert(strstr(text, "correct horse") == NULL);
    free(text);
    char name[SYNC_NAME_MAX];
    write_file(f, DEV_A, 1, "x", 1, 1, name);
    char *dev = xasprintf("%s/%s", folder, DEV_A);
    ck_assert_int_eq(mode_of(dev), 0700);
    sync_folder_close(f);
    /* No temporary file of the header is left. */
    char *cmd = xasprintf("test \"$(ls -A '%s' | tr '\\n' ' ')\" = "
                          "'%s ache-sync '", folder, DEV_A);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    free(dev);
    free(header);
}
END_TEST

START_TEST(test_second_open_and_wrong_passphrase)
{
    struct sync_folder *f = open_ok(folder, pass("correct horse"), true);
    char name[SYNC_NAME_MAX];
    write_file(f, DEV_A, 1, MARKER, strlen(MARKER), 100, name);
    sync_folder_close(f);

    struct strbuf before = {0}, after = {0};
    snapshot_tree(folder, &before);
    struct sync_secret wrong = pass("correct horsf");
    struct ache_err err = {{0}};
    bool created = true;
    f = (struct sync_folder *)&err; /* must be set to NULL */
    ck_assert_int_eq(sync_folder_open(folder, &wrong, &created, &f, &err),
                     ACHE_ERR_REFUSED);
    ck_assert(f == NULL);
    ck_assert(!created);
    char *want = xasprintf("%s: the passphrase does not open this sync folder",
                           folder);
    ck_assert_str_eq(err.msg, want);
    snapshot_tree(folder, &after);
    ck_assert_str_eq(strbuf_str(&after), strbuf_str(&before));

    f = open_ok(folder, pass("correct horse"), false);
    struct strbuf got = {0};
    ck_assert_int_eq(read_state(f, DEV_A, name, &got, &err), SYNC_READ_OK);
    ck_assert_str_eq(strbuf_str(&got) + 4, MARKER);
    sync_folder_close(f);
    strbuf_free(&got);
    strbuf_free(&before);
    strbuf_free(&after);
    free(want);
}
END_TEST

START_TEST(test_sealed_and_plain_do_not_mix)
{
    char *plain_dir = xasprintf("%s/plain", root);
    struct sync_folder *sealed = open_ok(folder, pass("pw"), true);
    struct sync_folder *plain = open_ok(plain_dir, PLAIN, true);
    ck_assert(!sync_folder_sealed(plain));
    struct ache_err err = {{0}};
    bool created = true;
    struct sync_folder *f = NULL;
    ck_assert_int_eq(sync_folder_open(folder, &PLAIN, &created, &f, &err),
                     ACHE_ERR_REFUSED);
    char *want = xasprintf("%s: this sync folder is sealed: leave out "
                           "--no-encrypt", folder);
    ck_assert_str_eq(err.msg, want);
    free(want);
    struct sync_secret pw = pass("pw");
    ck_assert_int_eq(sync_folder_open(plain_dir, &pw, &created, &f, &err),
                     ACHE_ERR_REFUSED);
    want = xasprintf("%s: this sync folder is not sealed: give --no-encrypt "
                     "to use it", plain_dir);
    ck_assert_str_eq(err.msg, want);
    free(want);
    ck_assert(f == NULL && !created);

    /* A file of the one copied into the other is refused, not read. */
    char name_s[SYNC_NAME_MAX], name_p[SYNC_NAME_MAX];
    write_file(sealed, DEV_A, 1, "sealed", 6, 6, name_s);
    write_file(plain, DEV_B, 1, "plain", 5, 5, name_p);
    char *from = xasprintf("%s/%s/%s", plain_dir, DEV_B, name_p);
    char *to = xasprintf("%s/%s/%s", folder, DEV_A, name_p);
    ck_assert_int_eq(link(from, to), 0);
    struct strbuf got = {0};
    ck_assert_int_eq(read_state(sealed, DEV_A, name_p, &got, &err),
                     SYNC_READ_DAMAGED);
    want = xasprintf("%s: is not sealed, in a sealed folder: left as it is", to);
    ck_assert_str_eq(err.msg, want);
    free(want);
    free(from);
    free(to);
    from = xasprintf("%s/%s/%s", folder, DEV_A, name_s);
    to = xasprintf("%s/%s/%s", plain_dir, DEV_B, name_s);
    ck_assert_int_eq(link(from, to), 0);
    ck_assert_int_eq(read_state(plain, DEV_B, name_s, &got, &err),
                     SYNC_READ_DAMAGED);
    want = xasprintf("%s: is sealed, in a folder that is not: left as it is",
                     to);
    ck_assert_str_eq(err.msg, want);
    free(want);
    free(from);
    free(to);
    strbuf_free(&got);
    sync_folder_close(sealed);
    sync_folder_close(plain);
    free(plain_dir);
}
END_TEST

START_TEST(test_file_of_another_folder)
{
    char *other_dir = xasprintf("%s/other", root);
    /* The same passphrase, another salt: another key. */
    struct sync_folder *f = open_ok(folder, pass("same words"), true);
    struct sync_folder *other = open_ok(other_dir, pass("same words"), true);
    char name[SYNC_NAME_MAX], mine[SYNC_NAME_MAX];
    write_file(other, DEV_B, 3, MARKER, strlen(MARKER), 64, name);
    write_file(f, DEV_B, 1, "mine", 4, 4, mine);
    char *from = xasprintf("%s/%s/%s", other_dir, DEV_B, name);
    char *to = file_path(DEV_B, name);
    ck_assert_int_eq(link(from, to), 0);
    struct strbuf got = {0};
    struct ache_err err = {{0}};
    ck_assert_int_eq(read_state(f, DEV_B, name, &got, &err),
                     SYNC_READ_DAMAGED);
    char *want = xasprintf("%s: sealed with another folder's key: left as it "
                           "is", to);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(read_state(f, DEV_B, mine, &got, &err), SYNC_READ_OK);
    strbuf_free(&got);
    sync_folder_close(f);
    sync_folder_close(other);
    free(want);
    free(from);
    free(to);
    free(other_dir);
}
END_TEST

/* Devices opening a new folder at once: one header wins (link, not
 * rename), the others take it, and every one writes under its key. */
struct raced {
    int status;
    bool created;
};

static void racer(int go, int out, int i)
{
    char c;
    if (read(go, &c, 1) != 0) /* returns when the test closes its end */
        _exit(4);
    struct raced r = {.status = -1};
    struct sync_secret s = pass("raced");
    struct sync_folder *f = NULL;
    struct ache_err err = {{0}};
    r.status = (int)sync_folder_open(folder, &s, &r.created, &f, &err);
    if (r.status == ACHE_OK) {
        char dev[SYNC_DEVICE_HEX + 1], name[SYNC_NAME_MAX];
        snprintf(dev, sizeof dev, "%031x%x", 0, i);
        struct sync_writer *w = NULL;
        struct sync_write_spec spec = {.device = dev, .seq = 1};
        if (sync_writer_begin(f, &spec, &w, &err) != ACHE_OK ||
            sync_writer_put(w, dev, strlen(dev), &err) != ACHE_OK ||
            sync_writer_finish(w, name, &err) != ACHE_OK)
            r.status = -2;
        sync_folder_close(f);
    }
    (void)fd_write_all(out, &r, sizeof r);
    _exit(0);
}

START_TEST(test_first_devices_racing)
{
    enum { RACERS = 4 };
    int go[2], back[2];
    ck_assert_int_eq(pipe(go), 0);
    ck_assert_int_eq(pipe(back), 0);
    pid_t pids[RACERS];
    for (int i = 0; i < RACERS; i++) {
        ck_assert_int_ge(pids[i] = fork(), 0);
        if (pids[i] == 0) {
            close(go[1]);
            close(back[0]);
            racer(go[0], back[1], i);
        }
    }
    close(go[0]);
    close(go[1]); /* off they go */
    close(back[1]);
    int created = 0;
    for (int i = 0; i < RACERS; i++) {
        struct raced r;
        ck_assert_int_eq(read(back[0], &r, sizeof r), (ssize_t)sizeof r);
        ck_assert_int_eq(r.status, ACHE_OK);
        created += r.created;
    }
    for (int i = 0; i < RACERS; i++)
        ck_assert_int_eq(waitpid(pids[i], NULL, 0), pids[i]);
    close(back[0]);
    ck_assert_int_eq(created, 1);
    char *cmd = xasprintf("test \"$(ls -A '%s' | grep -c '^\\.')\" -eq 0",
                          folder);
    ck_assert_int_eq(system(cmd), 0); /* no header left half-placed */
    free(cmd);
    struct sync_folder *f = open_ok(folder, pass("raced"), false);
    struct sync_listing l;
    struct ache_err err = {{0}};
    ck_assert_int_eq(sync_folder_list(f, &l, &err), ACHE_OK);
    ck_assert_uint_eq(l.n, RACERS);
    struct strbuf got = {0};
    for (size_t i = 0; i < l.n; i++) {
        ck_assert_uint_eq(l.devices[i].n, 1);
        strbuf_reset(&got);
        enum sync_read_state state;
        ck_assert_int_eq(sync_folder_read(f, l.devices[i].device,
                                          l.devices[i].files[0].name, &got,
                                          &state, &err),
                         ACHE_OK);
        ck_assert_str_eq(strbuf_str(&got), l.devices[i].device);
    }
    strbuf_free(&got);
    sync_listing_free(&l);
    sync_folder_close(f);
}
END_TEST

/* ---- a damaged header ------------------------------------------------------ */

static void expect_header_refused(const char *text, size_t len,
                                  const char *want_tail)
{
    ck_assert_int_eq(mkdir(folder, 0700) == 0 || errno == EEXIST, 1);
    char *header = xasprintf("%s/ache-sync", folder);
    int fd = open(header, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(fd_write_all(fd, text, len), 0);
    close(fd);
    struct sync_secret pw = pass("pw");
    struct sync_folder *f = NULL;
    struct ache_err err = {{0}};
    bool created = true;
    ck_assert_int_eq(sync_folder_open(folder, &pw, &created, &f, &err),
                     ACHE_ERR_INVALID);
    ck_assert(f == NULL && !created);
    char *want = xasprintf("%s: %s", header, want_tail);
    ck_assert_str_eq(err.msg, want);
    /* Left as it was. */
    char *now = NULL;
    size_t now_len = 0;
    ck_assert_int_eq(file_read_all(header, &now, &now_len, &err), ACHE_OK);
    ck_assert_uint_eq(now_len, len);
    ck_assert(memcmp(now, text, len) == 0);
    free(now);
    free(want);
    free(header);
}

#define SALT "salt 00112233445566778899aabbccddeeff\n"
#define CHECK                                                                  \
    "check 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"
#define SEALED "ache-sync 1\nsealed xchacha20poly1305-secretstream\n"
#define LIMITS "argon2id ops=2 mem=67108864\n"

static const struct {
    const char *text;
    const char *want;
} BAD_HEADERS[] = {
    {"", "line 1: missing (the header ends early)"},
    {"hello\n", "line 1: not an ache sync header (\"ache-sync 1\" expected)"},
    {"ache-sync 1.0\nplain\n",
     "line 1: not an ache sync header (\"ache-sync 1\" expected)"},
    {"ache-sync 2\nplain\n", "line 1: format 2 is newer than this ache reads "
                             "(1): update ache to use this folder"},
    {"ache-sync 1\n", "line 2: missing (the header ends early)"},
    {"ache-sync 1\nsealed aes\n",
     "line 2: \"sealed xchacha20poly1305-secretstream\" or \"plain\" "
     "expected"},
    {"ache-sync 1\nplain\nsalt 00\n",
     "line 3: unexpected text after the header's last line"},
    {SEALED, "line 3: missing (the header ends early)"},
    {SEALED "argon2id ops=2\n" SALT CHECK,
     "line 3: \"argon2id ops=N mem=N\" expected"},
    {SEALED "argon2i ops=2 mem=67108864\n" SALT CHECK,
     "line 3: \"argon2id ops=N mem=N\" expected"},
    {SEALED "argon2id ops=2 mem=67108864 \n" SALT CHECK,
     "line 3: \"argon2id ops=N mem=N\" expected"},
    {SEALED "argon2id ops=11 mem=67108864\n" SALT CHECK,
     "line 3: ops=11 is out of range 1-10"},
    {SEALED "argon2id ops=0 mem=67108864\n" SALT CHECK,
     "line 3: ops=0 is out of range 1-10"},
    {SEALED "argon2id ops=2 mem=4096\n" SALT CHECK,
     "line 3: mem=4096 is out of range 8192-1073741824"},
    {SEALED "argon2id ops=2 mem=1073741825\n" SALT CHECK,
     "line 3: mem=1073741825 is out of range 8192-1073741824"},
    {SEALED LIMITS "salt 0011\n" CHECK,
     "line 4: \"salt\" and 32 hex digits expected"},
    {SEALED LIMITS "salt 00112233445566778899aabbccddeefg\n" CHECK,
     "line 4: \"salt\" and 32 hex digits expected"},
    {SEALED LIMITS SALT, "line 5: missing (the header ends early)"},
    {SEALED LIMITS SALT "check 0011\n",
     "line 5: \"check\" and 64 hex digits expected"},
    {SEALED LIMITS SALT CHECK "\n",
     "line 6: unexpected text after the header's last line"},
};

START_TEST(test_bad_header_lines)
{
    size_t i = (size_t)_i;
    expect_header_refused(BAD_HEADERS[i].text, strlen(BAD_HEADERS[i].text),
                          BAD_HEADERS[i].want);
}
END_TEST

START_TEST(test_header_odd_bytes)
{
    expect_header_refused("ache-sync 1\nplain\0\n", 19,
                          "line 2: \"sealed xchacha20poly1305-secretstream\" "
                          "or \"plain\" expected");
    char *big = xmalloc(SYNC_HEADER_MAX + 2);
    memset(big, '\n', SYNC_HEADER_MAX + 1);
    expect_header_refused(big, SYNC_HEADER_MAX + 1,
                          "longer than a header can be (4096 bytes)");
    free(big);
}
END_TEST

START_TEST(test_header_with_crlf_opens)
{
    ck_assert_int_eq(mkdir(folder, 0700), 0);
    char *header = xasprintf("%s/ache-sync", folder);
    int fd = open(header, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const char *text = "ache-sync 1\r\nplain\r\n";
    ck_assert_int_eq(fd_write_all(fd, text, strlen(text)), 0);
    close(fd);
    struct sync_folder *f = open_ok(folder, PLAIN, false);
    ck_assert(!sync_folder_sealed(f));
    sync_folder_close(f);
    free(header);
}
END_TEST

/* ---- files cut short and damaged ------------------------------------------ */

/* A file of three parts (64 KiB, 64 KiB, 100 bytes); its bytes. */
static char *three_parts(struct sync_folder *f, char name[SYNC_NAME_MAX],
                         size_t *len)
{
    size_t n = 2 * SYNC_PART_MAX + 100;
    char *data = payload(n, 3);
    memcpy(data + 5000, MARKER, strlen(MARKER));
    write_file(f, DEV_A, 9, data, n, 4096, name);
    free(data);
    char *path = file_path(DEV_A, name), *bytes = NULL;
    struct ache_err err = {{0}};
    ck_assert_int_eq(file_read_all(path, &bytes, len, &err), ACHE_OK);
    free(path);
    return bytes;
}

/* Where cuts and changes are tried: every byte of the opening, of each
 * length prefix and of the end (and 64 either side), every 97th byte in
 * between: every byte would open ~130 KiB 130 000 times. */
static bool worth_trying(size_t off, size_t len, size_t opening)
{
    size_t part = SYNC_PART_DISK_MAX;
    if (off < opening + 64 || off + 64 >= len)
        return true;
    size_t into = (off - opening) % part;
    return into < 64 + SYNC_PREFIX_BYTES || into + 64 >= part || off % 97 == 0;
}

static void cuts(struct sync_secret s, size_t opening)
{
    struct sync_folder *f = open_ok(folder, s, true);
    char name[SYNC_NAME_MAX];
    size_t len = 0;
    char *bytes = three_parts(f, name, &len);
    ck_assert_uint_eq(len, (size_t)sealed_size(opening, 2 * SYNC_PART_MAX + 100));
    char *path = file_path(DEV_A, name);
    char *want = xasprintf("%s: ends before its last part (still being "
                           "copied?): left for the next sync", path);
    int fd = open(path, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    struct strbuf got = {0};
    struct ache_err err = {{0}};
    size_t tried = 0;
    for (size_t cut = len; cut-- > 0;) {
        if (!worth_trying(cut, len, opening))
            continue;
        ck_assert_int_eq(ftruncate(fd, (off_t)cut), 0);
        ck_assert_msg(read_state(f, DEV_A, name, &got, &err) ==
                          SYNC_READ_INCOMPLETE,
                      "cut at %zu of %zu: %s", cut, len, err.msg);
        ck_assert_str_eq(err.msg, want);
        tried++;
    }
    ck_assert_uint_gt(tried, 1500);
    close(fd);
    strbuf_free(&got);
    sync_folder_close(f);
    free(want);
    free(path);
    free(bytes);
}

START_TEST(test_cut_anywhere_is_incomplete_sealed)
{
    cuts(pass("pw"), 40);
}
END_TEST

START_TEST(test_cut_anywhere_is_incomplete_plain)
{
    cuts(PLAIN, 8);
}
END_TEST

static void flips(struct sync_secret s, size_t opening)
{
    struct sync_folder *f = open_ok(folder, s, true);
    char name[SYNC_NAME_MAX];
    size_t len = 0;
    char *bytes = three_parts(f, name, &len);
    char *path = file_path(DEV_A, name);
    char *damaged = xasprintf("%s: fails its check (damaged, changed, or "
                              "sealed with another passphrase): left as it is",
                              path);
    char *other_key = xasprintf("%s: sealed with another folder's key: left "
                                "as it is", path);
    int fd = open(path, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    struct strbuf got = {0};
    struct ache_err err = {{0}};
    for (size_t off = 0; off < len; off++) {
        if (!worth_trying(off, len, opening))
            continue;
        for (unsigned bit = 1; bit < 256; bit <<= 7) { /* 0x01 and 0x80 */
            char c = (char)(bytes[off] ^ (char)bit);
            ck_assert_int_eq(pwrite(fd, &c, 1, (off_t)off), 1);
            ck_assert_msg(read_state(f, DEV_A, name, &got, &err) ==
                              SYNC_READ_DAMAGED,
                          "byte %zu of %zu ^ %u: %s", off, len, bit, err.msg);
            bool in_key_id = s.passphrase && off >= 8 && off < 16;
            ck_assert_str_eq(err.msg, in_key_id ? other_key : damaged);
        }
        ck_assert_int_eq(pwrite(fd, bytes + off, 1, (off_t)off), 1);
    }
    ck_assert_int_eq(read_state(f, DEV_A, name, &got, &err), SYNC_READ_OK);
    /* Bytes after the final part. */
    ck_assert_int_eq(pwrite(fd, "x", 1, (off_t)len), 1);
    ck_assert_int_eq(read_state(f, DEV_A, name, &got, &err), SYNC_READ_DAMAGED);
    ck_assert_str_eq(err.msg, damaged);
    ck_assert_int_eq(pwrite(fd, bytes + opening, 100, (off_t)len), 100);
    ck_assert_int_eq(read_state(f, DEV_A, name, &got, &err), SYNC_READ_DAMAGED);
    ck_assert_str_eq(err.msg, damaged);
    close(fd);
    strbuf_free(&got);
    sync_folder_close(f);
    free(damaged);
    free(other_key);
    free(path);
    free(bytes);
}

START_TEST(test_changed_byte_is_damaged_sealed)
{
    flips(pass("pw"), 40);
}
END_TEST

START_TEST(test_changed_byte_is_damaged_plain)
{
    flips(PLAIN, 8);
}
END_TEST

/* Parts moved or left out: each part checks out alone, not in its place. */
START_TEST(test_parts_moved_or_dropped_are_damaged)
{
    for (int sealed = 0; sealed < 2; sealed++) {
        struct sync_folder *f =
            open_ok(folder, sealed ? pass("pw") : PLAIN, true);
        size_t opening = sealed ? 40 : 8, part = SYNC_PART_DISK_MAX;
        char name[SYNC_NAME_MAX];
        size_t len = 0;
        char *bytes = three_parts(f, name, &len);
        char *path = file_path(DEV_A, name);
        /* Without the second part; then the first two swapped. */
        struct strbuf b = {0};
        strbuf_appendn(&b, bytes, opening + part);
        strbuf_appendn(&b, bytes + opening + 2 * part,
                       len - opening - 2 * part);
        struct ache_err err = {{0}};
        ck_assert_int_eq(unlink(path), 0);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ck_assert_int_eq(fd_write_all(fd, b.data, b.len), 0);
        struct strbuf got = {0};
        ck_assert_int_eq(read_state(f, DEV_A, name, &got, &err),
                         SYNC_READ_DAMAGED);
        strbuf_reset(&b);
        strbuf_appendn(&b, bytes, opening);
        strbuf_appendn(&b, bytes + opening + part, part);
        strbuf_appendn(&b, bytes + opening, part);
        strbuf_appendn(&b, bytes + opening + 2 * part,
                       len - opening - 2 * part);
        ck_assert_int_eq(pwrite(fd, b.data, b.len, 0), (ssize_t)b.len);
        close(fd);
        ck_assert_int_eq(read_state(f, DEV_A, name, &got, &err),
                         SYNC_READ_DAMAGED);
        strbuf_free(&got);
        strbuf_free(&b);
        sync_folder_close(f);
        free(path);
        free(bytes);
        test_rmdir(root);
        ck_assert_int_eq(mkdir(root, 0700), 0);
    }
}
END_TEST

START_TEST(test_read_missing_file_and_bad_names)
{
    struct sync_folder *f = open_ok(folder, PLAIN, true);
    struct strbuf got = {0};
    struct ache_err err = {{0}};
    enum sync_read_state state = SYNC_READ_OK;
    const char *name = "000000000001-0badcafe.ache";
    ck_assert_int_eq(sync_folder_read(f, DEV_A, name, &got, &state, &err),
                     ACHE_ERR_IO);
    char *path = file_path(DEV_A, name);
    char *want = xasprintf("%s: No such file or directory", path);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_ne(state, SYNC_READ_OK);
    ck_assert_int_eq(sync_folder_read(f, DEV_A, "../ache-sync", &got, &state,
                                      &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg,
                     "sync: \"../ache-sync\" is not the name of a sync file");
    ck_assert_int_eq(sync_folder_read(f, "..", name, &got, &state, &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg, "sync: a device id is 32 lowercase hex digits");
    ck_assert_uint_eq(got.len, 0);
    sync_folder_close(f);
    free(want);
    free(path);
}
END_TEST

/* ---- the listing ----------------------------------------------------------- */

static void touch(const char *rel)
{
    char *path = xasprintf("%s/%s", folder, rel);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    ck_assert_msg(fd >= 0, "%s", path);
    close(fd);
    free(path);
}

static void make_dir(const char *rel)
{
    char *path = xasprintf("%s/%s", folder, rel);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    free(path);
}

START_TEST(test_listing)
{
    struct sync_folder *f = open_ok(folder, PLAIN, true);
    char n10[SYNC_NAME_MAX], n2a[SYNC_NAME_MAX], n2b[SYNC_NAME_MAX],
        n1000[SYNC_NAME_MAX], nb[SYNC_NAME_MAX];
    write_file(f, DEV_B, 10, "a", 1, 1, n10);
    write_file(f, DEV_B, 1000, "b", 1, 1, n1000);
    write_file(f, DEV_B, 2, "c", 1, 1, n2a);
    write_file(f, DEV_B, 2, "d", 1, 1, n2b);
    write_file(f, DEV_A, 5, "e", 1, 1, nb);
    /* A writer still at work (a sync running elsewhere, or killed). */
    struct sync_writer *w = NULL;
    struct ache_err err = {{0}};
    struct sync_write_spec spec = {.device = DEV_A, .seq = 6};
    ck_assert_int_eq(sync_writer_begin(f, &spec, &w, &err), ACHE_OK);
    ck_assert_int_eq(sync_writer_put(w, "f", 1, &err), ACHE_OK);
    /* Not ours, and not counted. */
    touch(".stfolder");
    touch("README.md");
    make_dir("0123456789ABCDEF0123456789ABCDEF");
    touch("0123456789abcdef0123456789abcdef/.tmp-abc123");
    touch("0123456789abcdef0123456789abcdef/.syncthing.000000000007-0badcafe.ache.tmp");
    touch("0123456789abcdef0123456789abcdef/notes.txt");
    /* Counted: copies a carrier made of our files. */
    touch("ache-sync.sync-conflict-20261124-090000-ABCDEFG");
    make_dir("fedcba9876543210fedcba9876543210 (conflicted copy 2026-11-24)");
    touch("0123456789abcdef0123456789abcdef0"); /* a device id and more */
    touch("0123456789abcdef0123456789abcdef/000000000005-0badcafe.sync-conflict-20261124-090000-ABCDEFG.ache");
    touch("0123456789abcdef0123456789abcdef/000000000005-0badcafe (Sam's conflicted copy 2026-11-24).ache");
    touch("0123456789abcdef0123456789abcdef/000000000005-0badcafe.ache~");
    touch("0123456789abcdef0123456789abcdef/000000000005-0BADCAFE.ache");
    touch("0123456789abcdef0123456789abcdef/README_conflict-20261124.md");
    make_dir("0123456789abcdef0123456789abcdef/000000000008-0badcafe.ache");

    struct sync_listing l;
    ck_assert_int_eq(sync_folder_list(f, &l, &err), ACHE_OK);
    ck_assert_uint_eq(l.n, 2);
    /* 3 at the top, 6 in DEV_A's folder (the folder named like a file
     * among them) */
    ck_assert_uint_eq(l.strays, 9);
    ck_assert_str_eq(l.devices[0].device, DEV_A);
    ck_assert_uint_eq(l.devices[0].n, 1);
    ck_assert_str_eq(l.devices[0].files[0].name, nb);
    ck_assert_uint_eq(l.devices[0].files[0].seq, 5);
    ck_assert_str_eq(l.devices[1].device, DEV_B);
    ck_assert_uint_eq(l.devices[1].n, 4);
    const char *lo = strcmp(n2a, n2b) < 0 ? n2a : n2b;
    const char *hi = lo == n2a ? n2b : n2a;
    ck_assert_str_eq(l.devices[1].files[0].name, lo);
    ck_assert_str_eq(l.devices[1].files[1].name, hi);
    ck_assert_str_eq(l.devices[1].files[2].name, n10);
    ck_assert_str_eq(l.devices[1].files[3].name, n1000);
    ck_assert_uint_eq(l.devices[1].files[3].seq, 1000);
    ck_assert(!l.devices[1].files[3].snapshot);
    sync_listing_free(&l);
    ck_assert_uint_eq(l.n, 0);

    /* Abandoned, the writer leaves nothing behind. */
    sync_writer_abandon(w);
    char *dev = xasprintf("%s/%s", folder, DEV_A);
    char *cmd = xasprintf("test $(ls -A '%s' | grep -c '^\\.tmp-') -eq 1", dev);
    ck_assert_int_eq(system(cmd), 0); /* only the one touched above */
    free(cmd);
    free(dev);
    sync_folder_close(f);
}
END_TEST

START_TEST(test_abandon_leaves_no_file)
{
    struct sync_folder *f = open_ok(folder, pass("pw"), true);
    struct sync_writer *w = NULL;
    struct ache_err err = {{0}};
    struct sync_write_spec spec = {.device = DEV_A, .seq = 1};
    ck_assert_int_eq(sync_writer_begin(f, &spec, &w, &err), ACHE_OK);
    char *data = payload(150000, 1);
    ck_assert_int_eq(sync_writer_put(w, data, 150000, &err), ACHE_OK);
    sync_writer_abandon(w);
    char *cmd = xasprintf("test -z \"$(ls -A '%s/%s')\"", folder, DEV_A);
    ck_assert_int_eq(system(cmd), 0);
    struct sync_listing l;
    ck_assert_int_eq(sync_folder_list(f, &l, &err), ACHE_OK);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_uint_eq(l.devices[0].n, 0);
    ck_assert_uint_eq(l.strays, 0);
    sync_listing_free(&l);
    sync_folder_close(f);
    free(cmd);
    free(data);
}
END_TEST

/* ---- removing -------------------------------------------------------------- */

START_TEST(test_remove)
{
    struct sync_folder *f = open_ok(folder, PLAIN, true);
    char name[SYNC_NAME_MAX];
    write_file(f, DEV_A, 1, "x", 1, 1, name);
    struct ache_err err = {{0}};
    ck_assert_int_eq(sync_folder_remove(f, DEV_A, name, &err), ACHE_OK);
    char *path = file_path(DEV_A, name);
    ck_assert_int_eq(access(path, F_OK), -1);
    ck_assert_int_eq(sync_folder_remove(f, DEV_A, name, &err),
                     ACHE_ERR_NOT_FOUND);
    char *want = xasprintf("%s: no such file", path);
    ck_assert_str_eq(err.msg, want);
    ck_assert_int_eq(sync_folder_remove(f, DEV_A, "ache-sync", &err),
                     ACHE_ERR_INVALID);
    ck_assert_str_eq(err.msg,
                     "sync: \"ache-sync\" is not the name of a sync file");
    ck_assert(sync_folder_exists(folder));
    sync_folder_close(f);
    free(want);
    free(path);
}
END_TEST

/* ---- nothing in the clear -------------------------------------------------- */

START_TEST(test_folder_holds_no_plaintext)
{
    const char *phrase = "a passphrase nobody guesses";
    struct sync_folder *f = open_ok(folder, pass(phrase), true);
    struct strbuf text = {0};
    for (int i = 0; i < 5000; i++)
        strbuf_printf(&text, "%s %d;", MARKER, i);
    char name[SYNC_NAME_MAX];
    write_file(f, DEV_A, 1, text.data, text.len, 333, name);
    write_file(f, DEV_B, 1, MARKER, strlen(MARKER), 5, name);
    struct sync_writer *w = NULL;
    struct ache_err err = {{0}};
    struct sync_write_spec spec = {.device = DEV_B, .seq = 2};
    ck_assert_int_eq(sync_writer_begin(f, &spec, &w, &err), ACHE_OK);
    ck_assert_int_eq(sync_writer_put(w, MARKER, strlen(MARKER), &err),
                     ACHE_OK); /* a temporary file too */
    char *cmd = xasprintf("test $(find '%s' -type f | wc -l) -eq 4 && "
                          "! grep -r -a -l -F -e '%s' -e 'ibuprofen' -e '%s' "
                          "'%s'",
                          folder, MARKER, phrase, folder);
    ck_assert_int_eq(system(cmd), 0);
    sync_writer_abandon(w);
    sync_folder_close(f);
    strbuf_free(&text);
    free(cmd);
}
END_TEST

/* ---- the passphrase -------------------------------------------------------- */

static char *secret_file(const char *text, size_t len, mode_t mode)
{
    char *path = xasprintf("%s/pass", root);
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(fd_write_all(fd, text, len), 0);
    close(fd);
    ck_assert_int_eq(chmod(path, mode), 0);
    return path;
}

static void expect_passphrase(const char *text, size_t len, const char *want,
                              size_t want_len)
{
    char *path = secret_file(text, len, 0600), *got = NULL;
    size_t got_len = 0;
    struct ache_err err = {{0}};
    ck_assert_msg(sync_passphrase_from_file(path, &got, &got_len, &err) ==
                      ACHE_OK,
                  "%s", err.msg);
    ck_assert_uint_eq(got_len, want_len);
    ck_assert(memcmp(got, want, want_len) == 0);
    ck_assert_int_eq(got[got_len], '\0');
    sync_passphrase_free(got, got_len);
    free(path);
}

static void expect_no_passphrase(const char *text, size_t len, mode_t mode,
                                 enum ache_status want_st, const char *tail)
{
    char *path = secret_file(text, len, mode), *got = (char *)"x";
    size_t got_len = 7;
    struct ache_err err = {{0}};
    ck_assert_int_eq(sync_passphrase_from_file(path, &got, &got_len, &err),
                     want_st);
    ck_assert(got == NULL);
    ck_assert_uint_eq(got_len, 0);
    /* A tail ending in a space ends with the file's name. */
    bool named = tail[strlen(tail) - 1] == ' ';
    char *want = xasprintf("%s: %s%s", path, tail, named ? path : "");
    ck_assert_str_eq(err.msg, want);
    free(want);
    free(path);
}

START_TEST(test_passphrase_from_file)
{
    expect_passphrase("open sesame\n", 12, "open sesame", 11);
    expect_passphrase("open sesame", 11, "open sesame", 11);
    expect_passphrase("crlf\r\nsecond line\n", 18, "crlf", 4);
    expect_passphrase(" spaces kept \n", 14, " spaces kept ", 13);
    expect_passphrase("nul\0inside\n", 11, "nul\0inside", 10);
    expect_no_passphrase("", 0, 0600, ACHE_ERR_INVALID,
                         "the passphrase is empty");
    expect_no_passphrase("\nsecond\n", 8, 0400, ACHE_ERR_INVALID,
                         "the passphrase is empty");
    expect_no_passphrase("\r\n", 2, 0600, ACHE_ERR_INVALID,
                         "the passphrase is empty");
    expect_no_passphrase("pw\n", 3, 0640, ACHE_ERR_REFUSED,
                         "readable by others: chmod 600 ");
    expect_no_passphrase("pw\n", 3, 0604, ACHE_ERR_REFUSED,
                         "readable by others: chmod 600 ");
    char *longer = xmalloc(SYNC_PASSPHRASE_MAX + 2);
    memset(longer, 'a', SYNC_PASSPHRASE_MAX + 1);
    longer[SYNC_PASSPHRASE_MAX + 1] = '\n';
    expect_no_passphrase(longer, SYNC_PASSPHRASE_MAX + 2, 0600,
                         ACHE_ERR_INVALID,
                         "the passphrase is longer than 1024 bytes");
    expect_passphrase(longer, SYNC_PASSPHRASE_MAX, longer,
                      SYNC_PASSPHRASE_MAX);
    free(longer);
    char *missing = xasprintf("%s/none", root), *got = NULL;
    size_t got_len = 0;
    struct ache_err err = {{0}};
    ck_assert_int_eq(sync_passphrase_from_file(missing, &got, &got_len, &err),
                     ACHE_ERR_IO);
    char *want = xasprintf("%s: No such file or directory", missing);
    ck_assert_str_eq(err.msg, want);
    free(want);
    free(missing);
}
END_TEST

/* The terminal: a child in a session of its own whose controlling
 * terminal is a pseudo-terminal; the test types on its other side. */
struct asked {
    int status;
    char passphrase[64];
    char msg[256];
    bool echo_back;
};

static void child_asks(const char *slave, bool confirm, int out)
{
    setsid();
    int tty = open(slave, O_RDWR); /* becomes the controlling terminal */
    if (tty < 0)
        _exit(3);
    struct asked a = {.status = -1};
    char *p = NULL;
    size_t len = 0;
    struct ache_err err = {{0}};
    a.status = (int)sync_passphrase_ask(confirm, &p, &len, &err);
    if (p)
        memcpy(a.passphrase, p, len < 63 ? len : 63);
    memcpy(a.msg, err.msg, sizeof a.msg - 1);
    struct termios t;
    a.echo_back = tcgetattr(tty, &t) == 0 && (t.c_lflag & ECHO);
    sync_passphrase_free(p, len);
    (void)fd_write_all(out, &a, sizeof a);
    _exit(0);
}

/* Types each line after the prompt that asks for it; returns what the
 * child found and what the terminal showed. */
static struct asked ask_through_pty(bool confirm, const char *lines[],
                                    int n, struct strbuf *screen)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(master, 0);
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    char *slave = xstrdup(ptsname(master));
    int pipefd[2];
    ck_assert_int_eq(pipe(pipefd), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(master);
        close(pipefd[0]);
        child_asks(slave, confirm, pipefd[1]);
    }
    close(pipefd[1]);
    for (int i = 0; i < n; i++) {
        /* Wait for the prompt (it ends in ": "), then type. */
        char buf[256];
        for (;;) {
            ssize_t r = read(master, buf, sizeof buf);
            ck_assert_int_gt(r, 0);
            strbuf_appendn(screen, buf, (size_t)r);
            if (screen->len >= 2 &&
                strcmp(screen->data + screen->len - 2, ": ") == 0)
                break;
        }
        ck_assert_int_eq(fd_write_all(master, lines[i], strlen(lines[i])), 0);
    }
    struct asked a = {.status = -1};
    ck_assert_int_eq(read(pipefd[0], &a, sizeof a), (ssize_t)sizeof a);
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* What the terminal showed after the last line. */
    char buf[256];
    ssize_t r;
    while ((r = read(master, buf, sizeof buf)) > 0)
        strbuf_appendn(screen, buf, (size_t)r);
    close(pipefd[0]);
    close(master);
    free(slave);
    return a;
}

START_TEST(test_passphrase_typed)
{
    struct strbuf screen = {0};
    const char *twice[] = {"hidden words\n", "hidden words\n"};
    struct asked a = ask_through_pty(true, twice, 2, &screen);
    ck_assert_int_eq(a.status, ACHE_OK);
    ck_assert_str_eq(a.passphrase, "hidden words");
    ck_assert(a.echo_back);
    ck_assert(strstr(screen.data, "Passphrase of the sync folder: ") != NULL);
    ck_assert(strstr(screen.data, "The same passphrase again: ") != NULL);
    ck_assert(strstr(screen.data, "hidden") == NULL);

    strbuf_reset(&screen);
    const char *differ[] = {"hidden words\n", "hidden word\n"};
    a = ask_through_pty(true, differ, 2, &screen);
    ck_assert_int_eq(a.status, ACHE_ERR_INVALID);
    ck_assert_str_eq(a.msg, "the passphrases differ");
    ck_assert_str_eq(a.passphrase, "");
    ck_assert(a.echo_back);

    strbuf_reset(&screen);
    const char *once[] = {"just once\n"};
    a = ask_through_pty(false, once, 1, &screen);
    ck_assert_int_eq(a.status, ACHE_OK);
    ck_assert_str_eq(a.passphrase, "just once");
    ck_assert(strstr(screen.data, "again") == NULL);

    strbuf_reset(&screen);
    const char *empty[] = {"\n"};
    a = ask_through_pty(false, empty, 1, &screen);
    ck_assert_int_eq(a.status, ACHE_ERR_INVALID);
    ck_assert_str_eq(a.msg, "the passphrase is empty");
    strbuf_free(&screen);
}
END_TEST

/* Ctrl-C at the prompt ends the process with the echo turned back on. */
START_TEST(test_interrupted_prompt_restores_echo)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(master, 0);
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    char *slave = xstrdup(ptsname(master));
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(master);
        child_asks(slave, false, -1);
    }
    struct strbuf screen = {0};
    char buf[256];
    while (screen.len < 2 || strcmp(screen.data + screen.len - 2, ": ") != 0) {
        ssize_t r = read(master, buf, sizeof buf);
        ck_assert_int_gt(r, 0);
        strbuf_appendn(&screen, buf, (size_t)r);
    }
    struct termios t;
    ck_assert_int_eq(tcgetattr(master, &t), 0);
    ck_assert(!(t.c_lflag & ECHO));
    ck_assert_int_eq(kill(pid, SIGINT), 0);
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
    ck_assert_int_eq(tcgetattr(master, &t), 0);
    ck_assert(t.c_lflag & ECHO);
    close(master);
    free(slave);
    strbuf_free(&screen);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("sync_folder");
    TCase *tc = tcase_create("folder");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_round_trip_sealed);
    tcase_add_test(tc, test_round_trip_plain);
    tcase_add_test(tc, test_snapshot_name);
    tcase_add_test(tc, test_writer_refuses_bad_spec);
    tcase_add_test(tc, test_open_makes_private_folder_and_header);
    tcase_add_test(tc, test_second_open_and_wrong_passphrase);
    tcase_add_test(tc, test_sealed_and_plain_do_not_mix);
    tcase_add_test(tc, test_file_of_another_folder);
    tcase_add_test(tc, test_first_devices_racing);
    tcase_add_loop_test(tc, test_bad_header_lines, 0,
                        (int)(sizeof BAD_HEADERS / sizeof BAD_HEADERS[0]));
    tcase_add_test(tc, test_header_odd_bytes);
    tcase_add_test(tc, test_header_with_crlf_opens);
    tcase_add_test(tc, test_cut_anywhere_is_incomplete_sealed);
    tcase_add_test(tc, test_cut_anywhere_is_incomplete_plain);
    tcase_add_test(tc, test_changed_byte_is_damaged_sealed);
    tcase_add_test(tc, test_changed_byte_is_damaged_plain);
    tcase_add_test(tc, test_parts_moved_or_dropped_are_damaged);
    tcase_add_test(tc, test_read_missing_file_and_bad_names);
    tcase_add_test(tc, test_listing);
    tcase_add_test(tc, test_abandon_leaves_no_file);
    tcase_add_test(tc, test_remove);
    tcase_add_test(tc, test_folder_holds_no_plaintext);
    tcase_add_test(tc, test_passphrase_from_file);
    tcase_add_test(tc, test_passphrase_typed);
    tcase_add_test(tc, test_interrupted_prompt_restores_echo);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
