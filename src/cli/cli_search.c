/* cli_search: `ache search WORD...`, the check-ins whose notes hold every
 * word, newest first, a line each: day, time, id and the part of the note
 * around the first word found, the words marked.
 *
 * No index is kept or made (see store_search_notes): the notes are read.
 * A note reaches the terminal through text_safe only, its line ends
 * shown as spaces so that each check-in keeps to one line. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ache/checkin.h"
#include "ache/date.h"
#include "ache/grid.h"
#include "ache/store.h"
#include "ache/text.h"
#include "ache/util.h"
#include "cli_impl.h"

const struct cli_opt cli_search_opts[] = {
    {"from", 0, "D", "first day (default: the first check-in)"},
    {"to", 0, "D", "last day (default: today)"},
    {"oldest-first", 0, NULL, "the oldest check-in first (default: newest)"},
    {"color", 0, "WHEN", "mark words in bold reverse: auto, always, never"},
    {0}};

/* How much of a note a line shows, and how far before the first word
 * found it begins, in columns. */
enum { EXCERPT_COLS = 60, EXCERPT_LEAD = 20 };

struct search_args {
    struct cli_range range;
    struct strbuf words; /* every word given, joined by spaces */
    const char *color;
    bool oldest_first;
};

struct search_out {
    FILE *out;
    const char *mark_on, *mark_off;
    unsigned safe;
    size_t hits;
    struct strbuf piece, safe_piece;
};

static int take_search_arg(const struct cli_ctx *ctx,
                           const struct cli_opt *opt, const char *value,
                           void *arg)
{
    struct search_args *a = arg;
    if (!opt) {
        strbuf_printf(&a->words, "%s%s", a->words.len ? " " : "", value);
        return EXIT_OK;
    }
    if (strcmp(opt->name, "oldest-first") == 0) {
        a->oldest_first = true;
        return EXIT_OK;
    }
    if (strcmp(opt->name, "color") == 0) {
        a->color = value;
        return cli_check_color(ctx, value);
    }
    return cli_range_option(ctx, opt, value, &a->range);
}

/* The width a code point takes here: a control is shown in two columns
 * ("^["), a line end as one space. */
static size_t cp_cols(uint32_t cp)
{
    if (cp == '\n' || cp == '\r' || cp == '\t')
        return 1;
    if (text_cp_is_control(cp))
        return 2;
    int w = text_cp_width(cp);
    return w > 0 ? (size_t)w : 0;
}

/* The byte where the excerpt begins: up to EXCERPT_LEAD columns before
 * the first word found, or the note's start. */
static size_t excerpt_start(const struct store_note_hit *h)
{
    size_t at = h->spans[0].start, cols = 0;
    while (at > 0) {
        size_t prev = utf8_prev(h->note, at);
        uint32_t cp;
        utf8_decode(h->note + prev, h->len - prev, &cp);
        cols += cp_cols(cp);
        if (cols > EXCERPT_LEAD)
            break;
        at = prev;
    }
    return at;
}

/* A start moved back while the excerpt from it to the note's end still
 * fits: a note's end shows as much before it as a line holds. */
static size_t widen_start(const struct store_note_hit *h, size_t start)
{
    size_t cols = 0;
    for (size_t at = start; at < h->len;) {
        uint32_t cp;
        at += utf8_decode(h->note + at, h->len - at, &cp);
        cols += cp_cols(cp);
    }
    while (start > 0) {
        size_t prev = utf8_prev(h->note, start);
        uint32_t cp;
        utf8_decode(h->note + prev, h->len - prev, &cp);
        cols += cp_cols(cp);
        if (cols > EXCERPT_COLS)
            break;
        start = prev;
    }
    return start;
}

/* The byte after the excerpt: EXCERPT_COLS columns on from start. */
static size_t excerpt_end(const struct store_note_hit *h, size_t start)
{
    size_t at = start, cols = 0;
    while (at < h->len) {
        uint32_t cp;
        size_t n = utf8_decode(h->note + at, h->len - at, &cp);
        cols += cp_cols(cp);
        if (cols > EXCERPT_COLS)
            break;
        at += n;
    }
    return at;
}

/* Prints note bytes a..b safely, line ends as spaces. */
static void put_piece(struct search_out *o, const char *note, size_t a,
                      size_t b)
{
    if (a >= b)
        return;
    strbuf_reset(&o->piece);
    strbuf_appendn(&o->piece, note + a, b - a);
    for (size_t i = 0; i < o->piece.len; i++)
        if (o->piece.data[i] == '\n' || o->piece.data[i] == '\r')
            o->piece.data[i] = ' ';
    strbuf_reset(&o->safe_piece);
    text_safe(&o->safe_piece, o->piece.data, o->piece.len, o->safe);
    fputs(strbuf_str(&o->safe_piece), o->out);
}

static bool is_gap(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Moves the cuts of an excerpt to the gaps between words, where a gap
 * lies between the cut and the first word found. */
static void cut_at_words(const struct store_note_hit *h, size_t *start,
                         size_t *end)
{
    size_t first = h->spans[0].start, last = h->spans[0].end;
    for (size_t i = *start; *start > 0 && i < first; i++)
        if (is_gap(h->note[i])) {
            *start = i + 1;
            break;
        }
    for (size_t i = *end; *end < h->len && i > last; i--)
        if (is_gap(h->note[i - 1])) {
            *end = i - 1;
            break;
        }
}

static void put_excerpt(struct search_out *o, const struct store_note_hit *h)
{
    size_t start = excerpt_start(h), end = excerpt_end(h, start);
    if (end == h->len)
        start = widen_start(h, start);
    cut_at_words(h, &start, &end);
    size_t at = start;
    if (start > 0)
        fputs("...", o->out);
    for (size_t i = 0; i < h->nspans && h->spans[i].start < end; i++) {
        size_t a = h->spans[i].start > at ? h->spans[i].start : at;
        size_t b = h->spans[i].end < end ? h->spans[i].end : end;
        if (b <= a)
            continue;
        put_piece(o, h->note, at, a);
        fputs(o->mark_on, o->out);
        put_piece(o, h->note, a, b);
        fputs(o->mark_off, o->out);
        at = b;
    }
    put_piece(o, h->note, at, end);
    if (end < h->len)
        fputs("...", o->out);
}

/* "2026-11-24 08:30 3f2a9c1b  ...the [words] around..." */
static enum ache_status print_hit(const struct store_note_hit *h, void *arg)
{
    struct search_out *o = arg;
    char day[DATE_BUF], when[TIME_BUF] = "--:--";
    if (h->minute != CHECKIN_TIME_ABSENT)
        time_format(h->minute, when);
    o->hits++;
    fprintf(o->out, "%s %s %.8s  ", date_format(h->date, day), when, h->id);
    put_excerpt(o, h);
    fputc('\n', o->out);
    return ACHE_OK;
}

/* "no note has "stress"", or "all of" several words. */
static void say_none(const struct cli_ctx *ctx, const char *words,
                     size_t nwords, unsigned safe)
{
    struct strbuf shown = {0};
    text_safe(&shown, words, strlen(words), safe);
    fprintf(ctx->out, "no note has %s\"%s\"\n",
            nwords > 1 ? "all the words of " : "", strbuf_str(&shown));
    strbuf_free(&shown);
}

static int run_search(const struct cli_ctx *ctx, const struct search_args *a,
                      struct store_matcher *m)
{
    struct store *st;
    int rc = cli_open_reader(ctx, &st);
    if (rc != EXIT_OK)
        return rc;
    bool marks = cli_colors(a->color) != ANSI_NONE;
    struct search_out o = {.out = ctx->out,
                           .mark_on = marks ? "\033[1;7m" : "[",
                           .mark_off = marks ? "\033[0m" : "]",
                           .safe = cli_utf8(false) ? TEXT_SAFE_UTF8 : 0};
    struct store_search q = {.words = m, .from = a->range.from,
                             .to = a->range.to,
                             .oldest_first = a->oldest_first};
    struct ache_err err = {{0}};
    enum ache_status s = store_search_notes(st, &q, print_hit, &o, &err);
    store_close(st);
    strbuf_free(&o.piece);
    strbuf_free(&o.safe_piece);
    if (s != ACHE_OK)
        return cli_fail(ctx, s, &err);
    if (o.hits == 0)
        say_none(ctx, a->words.data, store_matcher_words(m), o.safe);
    return o.hits ? EXIT_OK : EXIT_FAIL;
}

int cli_search(struct cli_ctx *ctx, int argc, char **argv)
{
    struct search_args a = {.color = "auto"};
    cli_range_init(ctx, &a.range);
    int rc = cli_parse_args(ctx, argc, argv, cli_search_opts,
                            take_search_arg, &a);
    if (rc == EXIT_OK)
        rc = cli_range_check(ctx, &a.range);
    struct store_matcher *m =
        rc == EXIT_OK ? store_matcher_new(strbuf_str(&a.words)) : NULL;
    if (rc == EXIT_OK && !m)
        rc = cli_usage_error(ctx, "give the words to look for");
    if (rc == EXIT_OK)
        rc = run_search(ctx, &a, m);
    store_matcher_free(m);
    strbuf_free(&a.words);
    return rc;
}
