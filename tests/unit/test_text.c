/* Unit tests for text: UTF-8 decoding and validation, widths, cutting,
 * and text made safe to print (text_safe, text_quote). */
#include "testutil.h"

#include "ache/text.h"

/* Decodes a string literal (its length taken by sizeof, so embedded bytes
 * after a NUL still count). */
#define DECODE(lit, cp) utf8_decode((lit), sizeof(lit) - 1, (cp))
#define WIDTH(lit) text_width((lit), sizeof(lit) - 1)

static void assert_decodes(const char *s, size_t len, uint32_t want_cp,
                           size_t want_used)
{
    uint32_t cp = 0;
    size_t used = utf8_decode(s, len, &cp);
    ck_assert_msg(cp == want_cp, "decoded U+%04X, want U+%04X",
                  (unsigned)cp, (unsigned)want_cp);
    ck_assert_uint_eq(used, want_used);
}

static void assert_rejected(const char *s, size_t len)
{
    assert_decodes(s, len, TEXT_REPLACEMENT, 1);
    size_t bad = 99;
    ck_assert(!utf8_valid(s, len, &bad));
    ck_assert_uint_eq(bad, 0);
}

START_TEST(test_decode_well_formed)
{
    assert_decodes("A", 1, 'A', 1);
    assert_decodes("\x7F", 1, 0x7F, 1);
    assert_decodes("\xC2\x80", 2, 0x80, 2);
    assert_decodes("\xC3\xA9", 2, 0xE9, 2);            /* é */
    assert_decodes("\xDF\xBF", 2, 0x7FF, 2);
    assert_decodes("\xE0\xA0\x80", 3, 0x800, 3);
    assert_decodes("\xE2\x82\xAC", 3, 0x20AC, 3);      /* € */
    assert_decodes("\xED\x9F\xBF", 3, 0xD7FF, 3);      /* below surrogates */
    assert_decodes("\xEE\x80\x80", 3, 0xE000, 3);      /* above them */
    assert_decodes("\xEF\xBF\xBD", 3, 0xFFFD, 3);      /* a real U+FFFD */
    assert_decodes("\xEF\xBF\xBF", 3, 0xFFFF, 3);
    assert_decodes("\xF0\x90\x80\x80", 4, 0x10000, 4);
    assert_decodes("\xF0\x9F\x98\x80", 4, 0x1F600, 4); /* 😀 */
    assert_decodes("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
    /* Only the first code point is read; a NUL is a code point. */
    assert_decodes("ab", 2, 'a', 1);
    assert_decodes("\0x", 2, 0, 1);
}
END_TEST

START_TEST(test_decode_overlong)
{
    assert_rejected("\xC0\x80", 2); /* overlong NUL */
    assert_rejected("\xC1\xBF", 2);
    assert_rejected("\xE0\x80\x80", 3);
    assert_rejected("\xE0\x9F\xBF", 3); /* U+07FF in three bytes */
    assert_rejected("\xF0\x80\x80\x80", 4);
    assert_rejected("\xF0\x8F\xBF\xBF", 4); /* U+FFFF in four bytes */
}
END_TEST

START_TEST(test_decode_surrogates_and_range)
{
    assert_rejected("\xED\xA0\x80", 3); /* U+D800 */
    assert_rejected("\xED\xBF\xBF", 3); /* U+DFFF */
    assert_rejected("\xED\xA0\xBD\xED\xB8\x80", 6); /* CESU-8 pair */
    assert_rejected("\xF4\x90\x80\x80", 4); /* U+110000 */
    assert_rejected("\xF5\x80\x80\x80", 4);
    assert_rejected("\xF7\xBF\xBF\xBF", 4);
    assert_rejected("\xF8\x88\x80\x80\x80", 5); /* old 5-byte form */
    assert_rejected("\xFE", 1);
    assert_rejected("\xFF", 1);
}
END_TEST

START_TEST(test_decode_truncated_and_stray)
{
    assert_rejected("\xC3", 1);
    assert_rejected("\xE2\x82", 2);
    assert_rejected("\xF0\x9F\x98", 3);
    /* The bytes are there but len says they are not. */
    assert_rejected("\xE2\x82\xAC", 2);
    /* A continuation byte missing in the middle. */
    assert_rejected("\xE2\x28\xA1", 3);
    assert_rejected("\xF0\x9F\x41\x80", 4);
    /* Stray continuation bytes. */
    assert_rejected("\x80", 1);
    assert_rejected("\xBF", 1);
    assert_rejected("\x80\x80\x80\x80", 4);
}
END_TEST

/* Every code point goes through encode and back; nothing else is ever
 * accepted for it, because a second decoding would make the byte
 * counts of the three-byte forms come out wrong below. */
START_TEST(test_encode_round_trip_all)
{
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char buf[4];
        size_t n = utf8_encode(cp, buf);
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        uint32_t back;
        if (n != want || utf8_decode(buf, n, &back) != n || back != cp)
            ck_abort_msg("U+%04X does not round trip", (unsigned)cp);
    }
}
END_TEST

START_TEST(test_decode_accepts_exactly_canonical)
{
    /* Of all two- and three-byte inputs, the ones decoded as one whole
     * character are exactly the canonical encodings of U+0080-U+07FF and
     * of U+0800-U+FFFF without the 2048 surrogates. */
    size_t two = 0, three = 0;
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            char s[3] = {(char)a, (char)b, 0};
            uint32_t cp;
            two += utf8_decode(s, 2, &cp) == 2;
            if (a < 0xE0 || a > 0xEF)
                continue;
            for (unsigned c = 0; c < 256; c++) {
                s[2] = (char)c;
                three += utf8_decode(s, 3, &cp) == 3;
            }
        }
    }
    ck_assert_uint_eq(two, 0x800 - 0x80);
    ck_assert_uint_eq(three, 0x10000 - 0x800 - 0x800);
}
END_TEST

START_TEST(test_encode_special)
{
    char buf[4];
    ck_assert_uint_eq(utf8_encode('x', buf), 1);
    ck_assert_int_eq(buf[0], 'x');
    ck_assert_uint_eq(utf8_encode(0xE9, buf), 2);
    ck_assert_int_eq(memcmp(buf, "\xC3\xA9", 2), 0);
    ck_assert_uint_eq(utf8_encode(0x2026, buf), 3);
    ck_assert_int_eq(memcmp(buf, "\xE2\x80\xA6", 3), 0);
    ck_assert_uint_eq(utf8_encode(0x1F600, buf), 4);
    ck_assert_int_eq(memcmp(buf, "\xF0\x9F\x98\x80", 4), 0);
    /* What cannot be encoded becomes U+FFFD, never invalid bytes. */
    ck_assert_uint_eq(utf8_encode(0xD800, buf), 3);
    ck_assert_int_eq(memcmp(buf, "\xEF\xBF\xBD", 3), 0);
    ck_assert_uint_eq(utf8_encode(0x110000, buf), 3);
    ck_assert_int_eq(memcmp(buf, "\xEF\xBF\xBD", 3), 0);
    ck_assert_uint_eq(utf8_encode(0xFFFFFFFFu, buf), 3);
    ck_assert_int_eq(memcmp(buf, "\xEF\xBF\xBD", 3), 0);
}
END_TEST

START_TEST(test_valid)
{
    size_t bad = 99;
    ck_assert(utf8_valid("", 0, &bad));
    ck_assert_uint_eq(bad, 99); /* untouched when valid */
    ck_assert(utf8_valid("plain ascii", 11, NULL));
    const char mixed[] = "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 \xEF\xBF\xBD";
    ck_assert(utf8_valid(mixed, sizeof mixed - 1, &bad));
    ck_assert(utf8_valid("a\0b", 3, NULL)); /* NUL is valid UTF-8 */

    const char late[] = "caf\xC3\xA9\xC3";
    ck_assert(!utf8_valid(late, sizeof late - 1, &bad));
    ck_assert_uint_eq(bad, 5);
    const char stray[] = "ab\xE2\x82\xAC\x80z";
    ck_assert(!utf8_valid(stray, sizeof stray - 1, &bad));
    ck_assert_uint_eq(bad, 5);
    const char surrogate[] = "x\xED\xA0\x80";
    ck_assert(!utf8_valid(surrogate, sizeof surrogate - 1, &bad));
    ck_assert_uint_eq(bad, 1);
    ck_assert(!utf8_valid("\xC0\xAF", 2, NULL));
    /* Cutting a valid string inside a character makes it invalid. */
    ck_assert(!utf8_valid(mixed, 4, &bad));
    ck_assert_uint_eq(bad, 3);
}
END_TEST

START_TEST(test_length)
{
    ck_assert_uint_eq(utf8_length("", 0), 0);
    ck_assert_uint_eq(utf8_length("hello", 5), 5);
    const char s[] = "h\xC3\xA9llo \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80";
    ck_assert_uint_eq(utf8_length(s, sizeof s - 1), 10);
    /* Each bad byte counts as one (it will show as one U+FFFD). */
    ck_assert_uint_eq(utf8_length("a\x80\x80" "b", 4), 4);
    ck_assert_uint_eq(utf8_length("\xE2\x82", 2), 2);
    ck_assert_uint_eq(utf8_length("\xF0\x9F\x98\x80", 3), 3);
}
END_TEST

START_TEST(test_next_prev_walk)
{
    /* a é 中 😀 z : starts at 0, 1, 3, 6, 10; end 11 */
    const char s[] = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80z";
    const size_t len = sizeof s - 1;
    const size_t starts[] = {0, 1, 3, 6, 10, 11};
    for (size_t i = 0; i + 1 < 6; i++) {
        ck_assert_uint_eq(utf8_next(s, len, starts[i]), starts[i + 1]);
        ck_assert_uint_eq(utf8_prev(s, starts[i + 1]), starts[i]);
    }
    /* Clamped at both ends. */
    ck_assert_uint_eq(utf8_prev(s, 0), 0);
    ck_assert_uint_eq(utf8_next(s, len, len), len);
    ck_assert_uint_eq(utf8_next(s, len, len + 5), len);
}
END_TEST

/* Walking back over malformed text visits the same offsets as walking
 * forward, one bad byte at a time. */
START_TEST(test_next_prev_malformed)
{
    /* a, stray 80, truncated E2 82, euro, stray 80 80 80, F0 9F (cut), b */
    const char s[] = "a\x80\xE2\x82\xE2\x82\xAC\x80\x80\x80\xF0\x9F" "b";
    const size_t len = sizeof s - 1;
    size_t fwd[32], n = 0;
    for (size_t off = 0; off < len; off = utf8_next(s, len, off))
        fwd[n++] = off;
    fwd[n] = len;
    const size_t want[] = {0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13};
    ck_assert_uint_eq(n + 1, sizeof want / sizeof want[0]);
    for (size_t i = 0; i <= n; i++)
        ck_assert_uint_eq(fwd[i], want[i]);
    for (size_t i = n; i > 0; i--)
        ck_assert_uint_eq(utf8_prev(s, fwd[i]), fwd[i - 1]);
    /* Four continuation bytes after a lead: the lead is too far back. */
    const char four[] = "\xE2\x82\xAC\x80\x80";
    ck_assert_uint_eq(utf8_prev(four, 5), 4);
    ck_assert_uint_eq(utf8_prev(four, 3), 0);
}
END_TEST

struct width_case {
    uint32_t cp;
    int width;
};

START_TEST(test_cp_width)
{
    static const struct width_case cases[] = {
        /* controls */
        {0x00, 0}, {0x09, 0}, {0x1B, 0}, {0x1F, 0}, {0x7F, 0}, {0x80, 0},
        {0x9F, 0},
        /* plain and accented letters, symbols the drawing code uses */
        {' ', 1}, {'A', 1}, {'~', 1}, {0xA0, 1}, {0xE9, 1}, {0x2FF, 1},
        {0x0416, 1}, {0x2026, 1}, {0x2500, 1}, {0x2588, 1}, {0x2591, 1},
        {0x28FF, 1}, {0x2764, 1}, {0xFFFD, 1},
        /* combining marks, edges of each block */
        {0x0300, 0}, {0x0301, 0}, {0x036F, 0}, {0x0370, 1}, {0x1AAF, 1},
        {0x1AB0, 0}, {0x1AFF, 0}, {0x1DC0, 0}, {0x1DFF, 0}, {0x20CF, 1},
        {0x20D0, 0}, {0x20FF, 0}, {0x2100, 1}, {0xFE20, 0}, {0xFE2F, 0},
        /* zero-width and format characters */
        {0x200A, 1}, {0x200B, 0}, {0x200C, 0}, {0x200D, 0}, {0x200F, 0},
        {0x2010, 1}, {0x2060, 0}, {0x2064, 0}, {0xFEFF, 0},
        /* variation selectors */
        {0xFDFF, 1}, {0xFE00, 0}, {0xFE0F, 0}, {0xE00FF, 1}, {0xE0100, 0},
        {0xE01EF, 0}, {0xE01F0, 1},
        /* wide: Hangul, CJK, kana, fullwidth */
        {0x10FF, 1}, {0x1100, 2}, {0x115F, 2}, {0x1160, 0}, {0x3000, 2},
        {0x3042, 2}, {0x30A2, 2}, {0x3099, 0}, {0x4E00, 2}, {0x4E2D, 2},
        {0x9FFF, 2}, {0xAC00, 2}, {0xD55C, 2}, {0xD7A3, 2}, {0xD7A4, 1},
        {0xFF01, 2}, {0xFF21, 2}, {0xFF60, 2}, {0xFF61, 1}, {0xFF71, 1},
        {0xFFE0, 2}, {0x20000, 2}, {0x2A6DF, 2}, {0x3FFFD, 2},
        /* emoji */
        {0x231A, 2}, {0x2705, 2}, {0x2B50, 2}, {0x1F2FF, 1}, {0x1F300, 2},
        {0x1F600, 2}, {0x1F64F, 2}, {0x1F650, 1}, {0x1F680, 2},
        {0x1F8FF, 1}, {0x1F900, 2}, {0x1F923, 2}, {0x1F9FF, 2},
        {0x1FA70, 2},
        /* the ends of the code space */
        {0x10FFFF, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(text_cp_width(cases[i].cp) == cases[i].width,
                      "U+%04X: width %d, want %d", (unsigned)cases[i].cp,
                      text_cp_width(cases[i].cp), cases[i].width);
}
END_TEST

START_TEST(test_string_width)
{
    ck_assert_uint_eq(text_width("", 0), 0);
    ck_assert_uint_eq(WIDTH("hello"), 5);
    ck_assert_uint_eq(WIDTH("caf\xC3\xA9"), 4);       /* precomposed é */
    ck_assert_uint_eq(WIDTH("cafe\xCC\x81"), 4);      /* e + U+0301 */
    ck_assert_uint_eq(WIDTH("a\xCC\x81\xCC\xA7"), 1); /* two marks */
    ck_assert_uint_eq(WIDTH("\xE4\xB8\xAD\xE6\x96\x87"), 4); /* 中文 */
    ck_assert_uint_eq(WIDTH("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E" "abc"), 9);
    ck_assert_uint_eq(WIDTH("\xED\x95\x9C"), 2);      /* 한 */
    /* 한 as conjoining jamo: the vowel and final take no column. */
    ck_assert_uint_eq(WIDTH("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), 2);
    ck_assert_uint_eq(WIDTH("\xEF\xBC\xA1\xEF\xBC\xA2"), 4); /* ＡＢ */
    ck_assert_uint_eq(WIDTH("\xF0\x9F\x98\x80"), 2);  /* 😀 */
    /* 👨‍👩‍👧: three emoji, two zero-width joiners. Cells are counted per
     * code point, as terminals without grapheme clustering draw it. */
    ck_assert_uint_eq(WIDTH("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9"
                            "\xE2\x80\x8D\xF0\x9F\x91\xA7"),
                      6);
    ck_assert_uint_eq(WIDTH("a\xE2\x80\x8D" "b"), 2); /* ZWJ alone */
    ck_assert_uint_eq(WIDTH("\xE2\x9C\x85\xEF\xB8\x8F"), 2); /* ✅ + VS16 */
    ck_assert_uint_eq(WIDTH("x\xEF\xBB\xBFy"), 2);   /* BOM inside */
    ck_assert_uint_eq(WIDTH("a\tb\x1B" "c"), 3);      /* controls: none */
    /* A bad byte shows as one U+FFFD. */
    ck_assert_uint_eq(WIDTH("a\xFF" "b"), 3);
    ck_assert_uint_eq(WIDTH("\xE4\xB8"), 2);
    /* Only len bytes are measured. */
    ck_assert_uint_eq(text_width("abcdef", 2), 2);
}
END_TEST

static void assert_fit(const char *s, size_t cols, size_t want_bytes,
                       size_t want_used)
{
    size_t used = 999;
    size_t n = text_fit(s, strlen(s), cols, &used);
    ck_assert_msg(n == want_bytes && used == want_used,
                  "fit('%s', %zu) = %zu bytes/%zu cols, want %zu/%zu", s,
                  cols, n, used, want_bytes, want_used);
}

START_TEST(test_fit)
{
    assert_fit("", 5, 0, 0);
    assert_fit("abcdef", 0, 0, 0);
    assert_fit("abcdef", 3, 3, 3);
    assert_fit("abcdef", 6, 6, 6);
    assert_fit("abcdef", 60, 6, 6);
    /* 中文字: each 3 bytes, 2 columns */
    const char *cjk = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97";
    assert_fit(cjk, 1, 0, 0); /* half a wide character is nothing */
    assert_fit(cjk, 2, 3, 2);
    assert_fit(cjk, 3, 3, 2);
    assert_fit(cjk, 4, 6, 4);
    assert_fit(cjk, 5, 6, 4);
    assert_fit(cjk, 6, 9, 6);
    assert_fit("a\xE4\xB8\xAD" "b", 2, 1, 1);
    assert_fit("a\xE4\xB8\xAD" "b", 3, 4, 3);
    /* Emoji at the boundary. */
    assert_fit("ab\xF0\x9F\x98\x80", 3, 2, 2);
    assert_fit("ab\xF0\x9F\x98\x80", 4, 6, 4);
    /* A combining accent stays with its letter... */
    assert_fit("e\xCC\x81x", 1, 3, 1);
    assert_fit("xe\xCC\x81", 1, 1, 1);
    /* ...and a ZWJ after the last emoji that fits is kept, the next
     * emoji is not. */
    assert_fit("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", 3, 7, 2);
    /* used may be NULL. */
    ck_assert_uint_eq(text_fit("abc", 3, 2, NULL), 2);
    /* Only len bytes are considered. */
    ck_assert_uint_eq(text_fit("abcdef", 4, 10, NULL), 4);
}
END_TEST

static void assert_ellipsis(const char *s, size_t cols, bool ascii,
                            const char *want)
{
    char out[64];
    memset(out, 'Z', sizeof out);
    char *r = text_ellipsize(s, cols, ascii, out, sizeof out);
    ck_assert_ptr_eq(r, out);
    ck_assert_msg(strcmp(out, want) == 0,
                  "ellipsize('%s', %zu, %s) = '%s', want '%s'", s, cols,
                  ascii ? "ascii" : "utf8", out, want);
}

START_TEST(test_ellipsize_ascii_text)
{
    assert_ellipsis("hello", 5, false, "hello"); /* fits: unchanged */
    assert_ellipsis("hello", 9, true, "hello");
    assert_ellipsis("", 0, false, "");
    assert_ellipsis("hello world", 8, false, "hello w\xE2\x80\xA6");
    assert_ellipsis("hello world", 8, true, "hello...");
    assert_ellipsis("hello world", 10, true, "hello w...");
    assert_ellipsis("hello world", 3, true, "...");
    assert_ellipsis("hello world", 1, false, "\xE2\x80\xA6");
    /* Narrower than the mark: as many dots as fit, or nothing. */
    assert_ellipsis("hello world", 2, true, "..");
    assert_ellipsis("hello world", 1, true, ".");
    assert_ellipsis("hello world", 0, true, "");
    assert_ellipsis("hello world", 0, false, "");
}
END_TEST

START_TEST(test_ellipsize_wide)
{
    /* 中文字符: 8 columns */
    const char *cjk = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6";
    assert_ellipsis(cjk, 8, false, cjk);
    assert_ellipsis(cjk, 7, false,
                    "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE2\x80\xA6");
    /* 3 columns for text: the second character would need a fourth, so
     * it is dropped whole and the line is one column short. */
    assert_ellipsis(cjk, 4, false, "\xE4\xB8\xAD\xE2\x80\xA6");
    assert_ellipsis(cjk, 5, false, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6");
    assert_ellipsis(cjk, 2, false, "\xE2\x80\xA6");
    assert_ellipsis(cjk, 6, true, "\xE4\xB8\xAD...");
    assert_ellipsis(cjk, 4, true, "...");
    /* Accents stay on their letters; emoji are whole or absent. */
    assert_ellipsis("re\xCC\x81sume\xCC\x81 long", 3, false,
                    "re\xCC\x81\xE2\x80\xA6");
    assert_ellipsis("ok \xF0\x9F\x98\x80\xF0\x9F\x98\x80", 5, false,
                    "ok \xE2\x80\xA6");
    assert_ellipsis("ok \xF0\x9F\x98\x80\xF0\x9F\x98\x80", 6, false,
                    "ok \xF0\x9F\x98\x80\xE2\x80\xA6");
}
END_TEST

/* Whatever the width asked for, the result is valid UTF-8, no wider than
 * asked, and a prefix of the text plus the mark. */
START_TEST(test_ellipsize_properties)
{
    const char *s = "Pain \xE7\x97\x9B\xE3\x81\xBF caf\xC3\xA9 e\xCC\x81 "
                    "\xF0\x9F\x98\x80\xE2\x80\x8D\xF0\x9F\x94\xA5 end";
    size_t full = text_width(s, strlen(s));
    for (int ascii = 0; ascii <= 1; ascii++) {
        const char *mark = ascii ? "..." : "\xE2\x80\xA6";
        for (size_t cols = 0; cols <= full + 2; cols++) {
            char out[128];
            text_ellipsize(s, cols, ascii, out, sizeof out);
            size_t len = strlen(out);
            ck_assert(utf8_valid(out, len, NULL));
            ck_assert_uint_le(text_width(out, len), cols);
            if (cols >= full) {
                ck_assert_str_eq(out, s);
                continue;
            }
            size_t ml = strlen(mark);
            if (cols < (ascii ? 3u : 1u))
                continue;
            ck_assert_uint_ge(len, ml);
            ck_assert_str_eq(out + len - ml, mark);
            ck_assert_int_eq(memcmp(out, s, len - ml), 0);
            /* Never more than one column wasted (a dropped wide char). */
            ck_assert_uint_ge(text_width(out, len) + 1, cols);
        }
    }
}
END_TEST

START_TEST(test_ellipsize_small_buffer)
{
    const char *cjk = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6";
    char out[8];
    /* Fits in columns but not in bytes: cut at a character boundary. */
    ck_assert_str_eq(text_ellipsize("hello world", 40, false, out, 6),
                     "hello");
    ck_assert_str_eq(text_ellipsize(cjk, 40, false, out, 8),
                     "\xE4\xB8\xAD\xE6\x96\x87");
    ck_assert_str_eq(text_ellipsize(cjk, 40, false, out, 6),
                     "\xE4\xB8\xAD");
    /* Cut in columns and bytes: the mark always fits. */
    ck_assert_str_eq(text_ellipsize(cjk, 7, false, out, 8),
                     "\xE4\xB8\xAD\xE2\x80\xA6");
    ck_assert_str_eq(text_ellipsize("hello world", 8, true, out, 7),
                     "hel...");
    /* Too small even for the mark. */
    ck_assert_str_eq(text_ellipsize(cjk, 7, false, out, 3), "");
    ck_assert_str_eq(text_ellipsize("hello world", 8, true, out, 3), "..");
    ck_assert_str_eq(text_ellipsize("hello", 8, true, out, 1), "");
    /* outsz 0: nothing is written. */
    out[0] = 'Q';
    ck_assert_ptr_eq(text_ellipsize("hello", 8, true, out, 0), out);
    ck_assert_int_eq(out[0], 'Q');
}
END_TEST


/* ---- safe to print ---------------------------------------------------------- */

#define U8 TEXT_SAFE_UTF8
#define LINES TEXT_SAFE_LINES
#define FFFD "\xEF\xBF\xBD"

/* text_safe of s[0..len) with flags, as a string the caller frees. */
static char *safe_n(const char *s, size_t len, unsigned flags)
{
    struct strbuf sb = {0};
    text_safe(&sb, s, len, flags);
    return strbuf_take(&sb);
}

static void assert_safe(const char *s, unsigned flags, const char *want)
{
    char *got = safe_n(s, strlen(s), flags);
    ck_assert_msg(strcmp(got, want) == 0, "text_safe(flags %u) gave '%s', "
                  "want '%s'", flags, got, want);
    free(got);
}

START_TEST(test_safe_plain_text_unchanged)
{
    const char *plain[] = {"", "Slept badly; walked 20 min.",
                           "Tom & Jerry <b>bold</b> \"q\" it's ~^_`{|}",
                           "^[ typed by hand stays as typed"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        for (unsigned f = 0; f < 4; f++)
            assert_safe(plain[i], f, plain[i]);
    /* the world's scripts, emoji and combining marks pass in UTF-8 */
    const char *words = "caf\xC3\xA9 \xD0\x91\xD0\xBE\xD0\xBB\xD0\xB8\xD1\x82 "
                        "\xE7\x97\x9B\xE3\x81\xBF \xD8\xA3\xD9\x84\xD9\x85 "
                        "\xF0\x9F\x98\xA3 e\xCC\x81 \xE2\x80\x8F";
    assert_safe(words, U8, words);
    assert_safe(words, U8 | LINES, words);
}
END_TEST

START_TEST(test_safe_c0_in_caret_notation)
{
    assert_safe("osc \x1B]52;c;aGk=\x07 clear \x1B[2J", U8,
                "osc ^[]52;c;aGk=^G clear ^[[2J");
    assert_safe("del \x7F bs \x08 vt \x0B ff \x0C so \x0E us \x1F", 0,
                "del ^? bs ^H vt ^K ff ^L so ^N us ^_");
    char *nul = safe_n("a\0b", 3, U8);
    ck_assert_str_eq(nul, "a^@b");
    free(nul);
    /* every C0 control and DEL: '^' and one printable character */
    for (unsigned c = 0; c < 0x80; c++) {
        if (c >= 0x20 && c < 0x7F)
            continue;
        char in[1] = {(char)c};
        char *got = safe_n(in, 1, U8);
        if (c == '\t')
            ck_assert_str_eq(got, " ");
        else {
            ck_assert_uint_eq(strlen(got), 2);
            ck_assert_int_eq(got[0], '^');
            ck_assert_int_eq(got[1], (int)(c ^ 0x40));
        }
        free(got);
    }
}
END_TEST

START_TEST(test_safe_tabs_and_line_ends)
{
    assert_safe("a\tb\t", U8, "a b ");
    assert_safe("a\tb", U8 | LINES, "a b");
    /* one line: a line end is shown; several lines: it is kept */
    assert_safe("one\ntwo", U8, "one^Jtwo");
    assert_safe("one\ntwo\n", U8 | LINES, "one\ntwo\n");
    assert_safe("one\r\ntwo\r\n", U8 | LINES, "one\ntwo\n");
    assert_safe("one\r\ntwo", 0, "one^M^Jtwo");
    assert_safe("lone\rcr", U8 | LINES, "lone^Mcr");
    assert_safe("cr at end\r", LINES, "cr at end^M");
    assert_safe("\r\r\n", LINES, "^M\n");
}
END_TEST

START_TEST(test_safe_c1_and_bidi)
{
    assert_safe("c1 \xC2\x9B" "2J \xC2\x85 \xC2\x80 \xC2\x9F", U8,
                "c1 " FFFD "2J " FFFD " " FFFD " " FFFD);
    assert_safe("c1 \xC2\x9B" "2J", 0, "c1 ?2J");
    /* every C1 control */
    for (uint32_t cp = 0x80; cp <= 0x9F; cp++) {
        char in[4];
        size_t n = utf8_encode(cp, in);
        char *got = safe_n(in, n, U8 | LINES);
        ck_assert_str_eq(got, FFFD);
        free(got);
    }
    /* the embeddings, overrides and isolates; not the marks */
    static const uint32_t bidi[] = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                    0x2066, 0x2067, 0x2068, 0x2069};
    for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++) {
        char in[8] = "a";
        size_t n = 1 + utf8_encode(bidi[i], in + 1);
        in[n++] = 'b';
        char *got = safe_n(in, n, U8);
        ck_assert_str_eq(got, "a" FFFD "b");
        free(got);
        got = safe_n(in, n, 0);
        ck_assert_str_eq(got, "a?b");
        free(got);
        ck_assert(text_cp_is_bidi_override(bidi[i]));
    }
    ck_assert(!text_cp_is_bidi_override(0x200F));
    ck_assert(!text_cp_is_bidi_override(0x2029));
    ck_assert(text_cp_is_control(0x9B) && text_cp_is_control(0x7F) &&
              text_cp_is_control(0) && !text_cp_is_control(0xA0) &&
              !text_cp_is_control(' '));
}
END_TEST

START_TEST(test_safe_bytes_not_utf8)
{
    char *got = safe_n("a\xFF" "b\xC3", 4, U8);
    ck_assert_str_eq(got, "a" FFFD "b" FFFD);
    free(got);
    got = safe_n("\xED\xA0\x80", 3, U8); /* a surrogate: three bad bytes */
    ck_assert_str_eq(got, FFFD FFFD FFFD);
    free(got);
    got = safe_n("a\xFF" "b", 3, 0);
    ck_assert_str_eq(got, "a?b");
    free(got);
}
END_TEST

/* Outside UTF-8 every character beyond ASCII is one '?'. */
START_TEST(test_safe_ascii_output)
{
    assert_safe("caf\xC3\xA9 \xE7\x97\x9B\xE3\x81\xBF \xF0\x9F\x98\xA3!", 0,
                "caf? ?? ?!");
    assert_safe("\xEF\xBF\xBD", 0, "?");
    assert_safe("a\x1B" "b\nc", LINES, "a^[b\nc");
}
END_TEST

/* For any bytes at all: nothing a terminal would act on comes out, the
 * result is UTF-8 (ASCII without TEXT_SAFE_UTF8), and making it safe
 * again changes nothing. */
START_TEST(test_safe_properties)
{
    unsigned long seed = 12345;
    char in[64];
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)(round % 40);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            unsigned r = (unsigned)(seed >> 33);
            /* mostly the interesting bytes */
            static const unsigned char pick[] = {
                0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0xC2, 0x9B, 0x85,
                0xE2, 0x80, 0xAE, 0x81, 0xA6, 0xEF, 0xBF, 0xBD, 0xFF, 'a'};
            in[i] = (char)(r % 3 ? pick[r % sizeof pick] : r & 0xFF);
        }
        for (unsigned f = 0; f < 4; f++) {
            char *once = safe_n(in, len, f);
            size_t n = strlen(once);
            ck_assert(utf8_valid(once, n, NULL));
            for (size_t i = 0; i < n;) {
                uint32_t cp;
                i += utf8_decode(once + i, n - i, &cp);
                ck_assert_msg(!text_cp_is_control(cp) ||
                                  (cp == '\n' && (f & LINES)),
                              "U+%04X came out", (unsigned)cp);
                ck_assert(!text_cp_is_bidi_override(cp));
                ck_assert(cp < 0x80 || (f & U8));
            }
            ck_assert_uint_le(n, len * 3);
            char *twice = safe_n(once, n, f);
            ck_assert_str_eq(twice, once);
            free(once);
            free(twice);
        }
    }
}
END_TEST

START_TEST(test_safe_str_reuses_its_buffer)
{
    struct strbuf buf = {0};
    ck_assert_str_eq(text_safe_str(&buf, "a\x1B", U8), "a^[");
    ck_assert_str_eq(text_safe_str(&buf, "b", U8), "b");
    ck_assert_str_eq(text_safe_str(&buf, "", U8), "");
    strbuf_free(&buf);
}
END_TEST

START_TEST(test_quote)
{
    char out[16];
    ck_assert_str_eq(text_quote("Yoga", 4, out, sizeof out), "Yoga");
    ck_assert_str_eq(text_quote("a\x1B[2J\n", 6, out, sizeof out),
                     "a^[[2J^J");
    ck_assert_str_eq(text_quote("x\xC2\x9B", 3, out, sizeof out), "x" FFFD);
    ck_assert_str_eq(text_quote("pa\0in", 5, out, sizeof out), "pa^@in");
    /* cut with "...", within the buffer, never inside a character */
    ck_assert_str_eq(text_quote("abcdefghijklmnopqrstuvwxyz", 26, out,
                                sizeof out),
                     "abcdefghijkl...");
    ck_assert_str_eq(text_quote("\x1B\x1B\x1B\x1B\x1B\x1B\x1B\x1B\x1B", 9,
                                out, sizeof out),
                     "^[^[^[^[^[^[...");
    ck_assert_str_eq(text_quote("\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B"
                                "\xE7\x97\x9B\xE7\x97\x9B",
                                15, out, sizeof out),
                     "\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B"
                     "\xE7\x97\x9B\xE7\x97\x9B");
    ck_assert_str_eq(text_quote("\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B"
                                "\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B",
                                18, out, sizeof out),
                     "\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B"
                     "\xE7\x97\x9B...");
    ck_assert_str_eq(text_quote("ab\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B"
                                "\xE7\x97\x9B\xE7\x97\x9B",
                                17, out, sizeof out),
                     "ab\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B...");
    char big[4096];
    memset(big, '\x1B', sizeof big);
    char wide[96];
    text_quote(big, sizeof big, wide, sizeof wide);
    ck_assert_uint_eq(strlen(wide), sizeof wide - 1);
    ck_assert(str_starts_with(wide + sizeof wide - 4, "..."));
    /* tiny buffers */
    char tiny[4];
    ck_assert_str_eq(text_quote("abcdef", 6, tiny, sizeof tiny), "...");
    char one[1];
    ck_assert_str_eq(text_quote("abc", 3, one, sizeof one), "");
    ck_assert_str_eq(text_quote("ab", 2, tiny, sizeof tiny), "ab");
}
END_TEST

/* Sets the three locale variables (NULL unsets one). */
static void set_locale_env(const char *all, const char *ctype,
                           const char *lang)
{
    const char *names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    const char *values[] = {all, ctype, lang};
    for (int i = 0; i < 3; i++)
        if (values[i])
            setenv(names[i], values[i], 1);
        else
            unsetenv(names[i]);
}

/* A name that says UTF-8 is taken at its word, the first variable set
 * (not empty) being the one in force, as POSIX has it. */
START_TEST(test_locale_utf8_by_name)
{
    set_locale_env("en_GB.UTF-8", "C", "C");
    ck_assert(text_locale_utf8());
    set_locale_env("de_DE.utf8@euro", NULL, NULL);
    ck_assert(text_locale_utf8());
    set_locale_env("", "C.UTF-8", "C");
    ck_assert(text_locale_utf8());
    set_locale_env(NULL, NULL, "nl_NL.Utf-8");
    ck_assert(text_locale_utf8());
}
END_TEST

/* Any other name goes to the C library, which knows these are not
 * UTF-8 (an unknown one leaves the C locale). */
START_TEST(test_locale_not_utf8)
{
    set_locale_env("C", "en_GB.UTF-8", "en_GB.UTF-8");
    ck_assert(!text_locale_utf8());
    set_locale_env("C.UTF-8x", NULL, NULL);
    ck_assert(!text_locale_utf8());
    set_locale_env(NULL, "POSIX", "C.UTF-8");
    ck_assert(!text_locale_utf8());
    set_locale_env(NULL, NULL, "xx_XX.ISO-8859-1");
    ck_assert(!text_locale_utf8());
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, test_decode_well_formed);
    tcase_add_test(tc, test_decode_overlong);
    tcase_add_test(tc, test_decode_surrogates_and_range);
    tcase_add_test(tc, test_decode_truncated_and_stray);
    tcase_add_test(tc, test_encode_round_trip_all);
    tcase_add_test(tc, test_decode_accepts_exactly_canonical);
    tcase_add_test(tc, test_encode_special);
    tcase_add_test(tc, test_valid);
    tcase_add_test(tc, test_length);
    tcase_add_test(tc, test_next_prev_walk);
    tcase_add_test(tc, test_next_prev_malformed);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    tc = tcase_create("width");
    tcase_add_test(tc, test_cp_width);
    tcase_add_test(tc, test_string_width);
    tcase_add_test(tc, test_fit);
    tcase_add_test(tc, test_ellipsize_ascii_text);
    tcase_add_test(tc, test_ellipsize_wide);
    tcase_add_test(tc, test_ellipsize_properties);
    tcase_add_test(tc, test_ellipsize_small_buffer);
    suite_add_tcase(s, tc);

    tc = tcase_create("safe");
    tcase_add_test(tc, test_safe_plain_text_unchanged);
    tcase_add_test(tc, test_safe_c0_in_caret_notation);
    tcase_add_test(tc, test_safe_tabs_and_line_ends);
    tcase_add_test(tc, test_safe_c1_and_bidi);
    tcase_add_test(tc, test_safe_bytes_not_utf8);
    tcase_add_test(tc, test_safe_ascii_output);
    tcase_add_test(tc, test_safe_properties);
    tcase_add_test(tc, test_safe_str_reuses_its_buffer);
    tcase_add_test(tc, test_quote);
    tcase_add_test(tc, test_locale_utf8_by_name);
    tcase_add_test(tc, test_locale_not_utf8);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

ACHE_TEST_MAIN(make_suite)
