/* store_search: finding words in notes by reading them (see store.h for
 * why there is no index). The matcher folds the note's capitals to small
 * letters byte for byte (each folds to as many bytes), finds the words
 * with memmem, and gives back where each was found in bytes of the note
 * as stored, so that the caller marks the note's own text. */
#include "store_impl.h"

#include <stdlib.h>
#include <string.h>

#include "ache/text.h"

struct fold_word {
    char *bytes; /* folded, as UTF-8 */
    size_t n;
};

struct store_matcher {
    struct fold_word *words;
    size_t nwords;
    char *folded; /* the note being matched, folded: its bytes line up */
    size_t cap;
    struct store_span *spans;
    size_t nspans, spancap;
};

/* Latin Extended-A (U+0100-U+017F) pairs a capital with the small letter
 * after it, on even code points in two runs and on odd ones in two. */
static uint32_t fold_latin_a(uint32_t cp)
{
    if ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0)
        return cp + 1;
    if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) &&
        cp % 2 == 1)
        return cp + 1;
    return cp == 0x178 ? 0xFF : cp; /* Y with diaeresis */
}

/* A capital letter's small one, for the scripts store.h names. Each is
 * as long in UTF-8 as its capital, so a folded text keeps every byte
 * where it was: a word found in it is found at the same bytes of the
 * note. */
static uint32_t fold(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F)
        return fold_latin_a(cp);
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 32;
    if (cp == 0x3C2) /* final sigma is a sigma */
        return 0x3C3;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

/* s folded into m->folded, byte for byte. Bytes that are not UTF-8 stay
 * as they are (UTF-8 finds no word starting inside a character). */
static void fold_into(struct store_matcher *m, const char *s, size_t len)
{
    if (len + 1 > m->cap) {
        m->cap = len + 1;
        m->folded = xrealloc(m->folded, m->cap);
    }
    char *out = m->folded;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            out[i++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        char enc[4];
        uint32_t small = fold(cp);
        if (small != cp && utf8_encode(small, enc) == n)
            memcpy(out + i, enc, n);
        else
            memcpy(out + i, s + i, n);
        i += n;
    }
    out[len] = '\0';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

static void add_word(struct store_matcher *m, const char *w, size_t len)
{
    fold_into(m, w, len);
    m->words = xrealloc(m->words, (m->nwords + 1) * sizeof *m->words);
    struct fold_word *fw = &m->words[m->nwords++];
    fw->bytes = xmalloc(len);
    memcpy(fw->bytes, m->folded, len);
    fw->n = len;
}

struct store_matcher *store_matcher_new(const char *text)
{
    struct store_matcher *m = xcalloc(1, sizeof *m);
    for (const char *p = text; *p;) {
        while (is_space(*p))
            p++;
        size_t len = 0;
        while (p[len] && !is_space(p[len]))
            len++;
        if (len)
            add_word(m, p, len);
        p += len;
    }
    if (m->nwords == 0) {
        store_matcher_free(m);
        return NULL;
    }
    return m;
}

void store_matcher_free(struct store_matcher *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nwords; i++)
        free(m->words[i].bytes);
    free(m->words);
    free(m->folded);
    free(m->spans);
    free(m);
}

size_t store_matcher_words(const struct store_matcher *m)
{
    return m ? m->nwords : 0;
}

static void add_span(struct store_matcher *m, size_t start, size_t end)
{
    if (m->nspans == m->spancap) {
        m->spancap = m->spancap ? m->spancap * 2 : 16;
        m->spans = xrealloc(m->spans, m->spancap * sizeof *m->spans);
    }
    m->spans[m->nspans++] = (struct store_span){start, end};
}

/* Every place word w is found in the folded note of len bytes; false
 * when there is none. */
static bool find_word(struct store_matcher *m, size_t len,
                      const struct fold_word *w)
{
    bool found = false;
    const char *at = m->folded, *end = m->folded + len;
    while ((size_t)(end - at) >= w->n) {
        const char *hit = memmem(at, (size_t)(end - at), w->bytes, w->n);
        if (!hit)
            break;
        size_t start = (size_t)(hit - m->folded);
        add_span(m, start, start + w->n);
        found = true;
        at = hit + 1;
    }
    return found;
}

static int span_order(const void *a, const void *b)
{
    const struct store_span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Sorts the spans and joins those that overlap or touch. */
static void join_spans(struct store_matcher *m)
{
    if (m->nspans < 2)
        return;
    qsort(m->spans, m->nspans, sizeof *m->spans, span_order);
    size_t kept = 0;
    for (size_t i = 1; i < m->nspans; i++) {
        struct store_span *last = &m->spans[kept];
        if (m->spans[i].start <= last->end) {
            if (m->spans[i].end > last->end)
                last->end = m->spans[i].end;
        } else {
            m->spans[++kept] = m->spans[i];
        }
    }
    m->nspans = kept + 1;
}

bool store_matcher_match(struct store_matcher *m, const char *note,
                         size_t len, const struct store_span **spans,
                         size_t *nspans)
{
    fold_into(m, note, len);
    bool all = true;
    m->nspans = 0;
    for (size_t i = 0; all && i < m->nwords; i++)
        all = find_word(m, len, &m->words[i]);
    if (!all)
        m->nspans = 0;
    join_spans(m);
    *spans = m->spans;
    *nspans = m->nspans;
    return all;
}

/* One row of SS_NOTES: a hit when its note matches. */
static enum ache_status offer_row(struct store *st, sqlite3_stmt *s,
                                  const struct store_search *q,
                                  struct store_note_hit *hit,
                                  struct ache_err *err)
{
    const char *date = (const char *)sqlite3_column_text(s, 1);
    const char *time = (const char *)sqlite3_column_text(s, 2);
    hit->id = (const char *)sqlite3_column_text(s, 0);
    hit->note = (const char *)sqlite3_column_text(s, 3);
    hit->len = (size_t)sqlite3_column_bytes(s, 3);
    hit->minute = CHECKIN_TIME_ABSENT;
    if (!hit->id || !hit->note || !date || !date_parse_iso(date, &hit->date) ||
        (time && !time_parse(time, &hit->minute)))
        return ache_fail(err, ACHE_ERR_DB,
                         "%s: check-in '%s' has a bad date or time: restore "
                         "a backup",
                         st->path, hit->id ? hit->id : "");
    if (!store_matcher_match(q->words, hit->note, hit->len, &hit->spans,
                             &hit->nspans))
        hit->nspans = 0, hit->spans = NULL;
    return ACHE_OK;
}

enum ache_status store_search_notes(struct store *st,
                                    const struct store_search *q,
                                    store_hit_fn fn, void *ctx,
                                    struct ache_err *err)
{
    if (q->from > q->to)
        return ACHE_OK;
    sqlite3_stmt *s = NULL;
    enum ache_status status = store_stmt_range(
        st, q->oldest_first ? SS_NOTES : SS_NOTES_DESC, q->from, q->to, &s,
        err);
    size_t hits = 0;
    int rc = SQLITE_DONE;
    while (!status && (q->limit == 0 || hits < q->limit) &&
           (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_note_hit hit;
        status = offer_row(st, s, q, &hit, err);
        if (!status && hit.spans) {
            hits++;
            status = fn(&hit, ctx);
        }
    }
    if (!status && rc != SQLITE_DONE && rc != SQLITE_ROW)
        status = store_db_fail(st, rc, err, "reading notes");
    if (s)
        store_stmt_done(s);
    return status;
}
