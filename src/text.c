/* text: UTF-8 decoding, display width from our own tables, cutting by
 * columns. Nothing here looks at the locale, so a grid drawn in a test is
 * the grid drawn on a terminal. */
#include "ache/text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ache/util.h"

struct cp_range {
    uint32_t lo, hi;
};

/* Characters that take no column: combining marks, which join the character
 * before them; invisible format characters (zero-width space and joiner,
 * bidi controls, word joiner, byte-order mark); variation selectors and
 * emoji tag characters, which only choose how the character before them
 * looks; and the medial and final Hangul jamo, which join the initial jamo
 * into one syllable. Sorted, not overlapping: searched by bisection. */
static const struct cp_range zero_width[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},
    {0x05BF, 0x05BF},   {0x05C1, 0x05C2},   {0x05C4, 0x05C5},
    {0x05C7, 0x05C7},   {0x0610, 0x061A},   {0x064B, 0x065F},
    {0x0670, 0x0670},   {0x06D6, 0x06DC},   {0x06DF, 0x06E4},
    {0x06E7, 0x06E8},   {0x06EA, 0x06ED},   {0x1160, 0x11FF},
    {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF},   {0x200B, 0x200F},
    {0x202A, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
    {0x20D0, 0x20FF},   {0x302A, 0x302D},   {0x3099, 0x309A},
    {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F},   {0xFEFF, 0xFEFF},
    {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};

/* Characters that take two columns: East Asian Wide and Fullwidth (Hangul,
 * CJK, kana, Yi, fullwidth forms) and the emoji shown as pictures by
 * default. Holes inside a block are folded in where that keeps the table
 * short; unassigned code points there cannot appear in sensible text. */
static const struct cp_range double_width[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},
    {0x23E9, 0x23EC},   {0x23F0, 0x23F0},   {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},
    {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},
    {0x26F2, 0x26F3},   {0x26F5, 0x26F5},   {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},
    {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F202}, {0x1F210, 0x1F23B}, {0x1F240, 0x1F248},
    {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool in_table(uint32_t cp, const struct cp_range *t, size_t n)
{
    if (cp < t[0].lo || cp > t[n - 1].hi)
        return false;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < t[mid].lo)
            hi = mid;
        else if (cp > t[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The length a lead byte announces and the allowed range of the byte after
 * it; the narrowed ranges after E0, ED, F0 and F4 are what shut out
 * overlong forms, surrogates and values above U+10FFFF. */
static size_t lead_info(unsigned char c, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            *lo = 0xA0;
        else if (c == 0xED)
            *hi = 0x9F;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            *lo = 0x90;
        else if (c == 0xF4)
            *hi = 0x8F;
        return 4;
    }
    return 0;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    unsigned char lo, hi;
    size_t n = lead_info(u[0], &lo, &hi);
    if (n == 0 || len < n || u[1] < lo || u[1] > hi)
        goto bad;
    uint32_t v = u[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if (!is_continuation(u[i]))
            goto bad;
        v = (v << 6) | (u[i] & 0x3Fu);
    }
    *cp = v;
    return n;
bad:
    *cp = TEXT_REPLACEMENT;
    return 1;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *u = (unsigned char *)out;
    /* Nothing unencodable is ever written: it becomes U+FFFD. */
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = TEXT_REPLACEMENT;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A decoded U+FFFD that used one byte was an error; a real U+FFFD in the
 * text takes three. */
static bool decode_failed(uint32_t cp, size_t used)
{
    return cp == TEXT_REPLACEMENT && used == 1;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII, most text by far, needs no decoding. */
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (decode_failed(cp, n)) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

size_t utf8_length(const char *s, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; count++) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
    }
    return count;
}

/* Steps back over continuation bytes to the lead byte of the last
 * character; if that lead does not decode to exactly the bytes up to
 * `offset`, the last byte stood alone (as utf8_decode would have read it
 * going forward). */
size_t utf8_prev(const char *s, size_t offset)
{
    if (offset == 0)
        return 0;
    size_t i = offset - 1;
    while (i > 0 && offset - i < 4 && is_continuation((unsigned char)s[i]))
        i--;
    uint32_t cp;
    size_t n = utf8_decode(s + i, offset - i, &cp);
    if (i + n == offset && !decode_failed(cp, n))
        return i;
    return offset - 1;
}

size_t utf8_next(const char *s, size_t len, size_t offset)
{
    if (offset >= len)
        return len;
    uint32_t cp;
    return offset + utf8_decode(s + offset, len - offset, &cp);
}

int text_cp_width(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return 0;
    if (cp < 0x300)
        return 1; /* the common case, without a search */
    if ((cp >= 0x2500 && cp <= 0x259F) || (cp >= 0x2800 && cp <= 0x28FF))
        return 1; /* box drawing, blocks and braille: every chart cell */
    if (in_table(cp, zero_width, COUNT(zero_width)))
        return 0;
    if (in_table(cp, double_width, COUNT(double_width)))
        return 2;
    return 1;
}

size_t text_width(const char *s, size_t len)
{
    size_t cols = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        cols += (size_t)text_cp_width(cp);
    }
    return cols;
}

/* Zero-width characters right after the last one that fits are kept, so a
 * combining accent stays with its letter. */
size_t text_fit(const char *s, size_t len, size_t cols, size_t *used)
{
    size_t i = 0, width = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        size_t w = (size_t)text_cp_width(cp);
        if (width + w > cols)
            break;
        width += w;
        i += n;
    }
    if (used)
        *used = width;
    return i;
}

/* The longest prefix of s[0..len) that fits in `cols` columns and in
 * `room` bytes, ending on a character boundary. */
static size_t fit_bytes(const char *s, size_t len, size_t cols, size_t room)
{
    size_t n = text_fit(s, len, cols, NULL);
    while (n > room)
        n = utf8_prev(s, n);
    return n;
}

char *text_ellipsize(const char *s, size_t cols, bool ascii, char *out,
                     size_t outsz)
{
    if (outsz == 0)
        return out;
    size_t len = strlen(s);
    size_t n;
    if (text_width(s, len) <= cols) {
        n = fit_bytes(s, len, cols, outsz - 1);
        memcpy(out, s, n);
        out[n] = '\0';
        return out;
    }
    const char *mark = ascii ? "..." : "\xE2\x80\xA6"; /* U+2026 */
    size_t mark_cols = ascii ? 3 : 1;
    size_t mark_len = strlen(mark);
    if (cols < mark_cols || outsz - 1 < mark_len) {
        /* No room for text: as much of the mark as fits, all ASCII. */
        n = cols < outsz - 1 ? cols : outsz - 1;
        if (!ascii)
            n = 0;
        memset(out, '.', n);
        out[n] = '\0';
        return out;
    }
    n = fit_bytes(s, len, cols - mark_cols, outsz - 1 - mark_len);
    memcpy(out, s, n);
    memcpy(out + n, mark, mark_len + 1);
    return out;
}

/* ---- text that is safe to print ------------------------------------------ */

bool text_cp_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool text_cp_is_bidi_override(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void text_safe(struct strbuf *out, const char *s, size_t len, unsigned flags)
{
    bool utf8 = flags & TEXT_SAFE_UTF8, lines = flags & TEXT_SAFE_LINES;
    const char *unknown = utf8 ? "\xEF\xBF\xBD" : "?"; /* U+FFFD */
    strbuf_grow(out, len);
    strbuf_appendn(out, "", 0); /* a string even when s is empty */
    for (size_t i = 0; i < len;) {
        /* printable ASCII, most text by far, in runs */
        size_t run = i;
        while (run < len && (unsigned char)s[run] >= 0x20 &&
               (unsigned char)s[run] < 0x7F)
            run++;
        if (run > i) {
            strbuf_appendn(out, s + i, run - i);
            i = run;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (lines && (cp == '\n' || (cp == '\r' && i + 1 < len &&
                                      s[i + 1] == '\n'))) {
            if (cp == '\n')
                strbuf_putc(out, '\n');
        } else if (cp == '\t') {
            strbuf_putc(out, ' ');
        } else if (cp < 0x20 || cp == 0x7F) {
            strbuf_putc(out, '^');
            strbuf_putc(out, (char)(cp ^ 0x40)); /* ESC ^[, DEL ^? */
        } else if (decode_failed(cp, n) || text_cp_is_control(cp) ||
                   text_cp_is_bidi_override(cp)) {
            strbuf_append(out, unknown);
        } else if (!utf8) {
            strbuf_putc(out, '?');
        } else {
            strbuf_appendn(out, s + i, n);
        }
        i += n;
    }
}

const char *text_safe_str(struct strbuf *buf, const char *s, unsigned flags)
{
    strbuf_reset(buf);
    text_safe(buf, s, strlen(s), flags);
    return strbuf_str(buf);
}

char *text_quote(const char *s, size_t len, char *out, size_t outsz)
{
    if (outsz == 0)
        return out;
    /* Each byte shows as one byte at least: more than outsz bytes of s
     * could not fit anyway. */
    bool cut = len > outsz;
    struct strbuf sb = {0};
    text_safe(&sb, s, cut ? outsz : len, TEXT_SAFE_UTF8);
    const char *shown = strbuf_str(&sb);
    size_t n = sb.len;
    if (n > outsz - 1 || cut) {
        /* room for "..." and the NUL, cut on a character boundary */
        n = outsz > 4 ? outsz - 4 : 0;
        if (n > sb.len)
            n = sb.len;
        while (n > 0 && n < sb.len &&
               (unsigned char)shown[n] >= 0x80 &&
               (unsigned char)shown[n] < 0xC0)
            n--;
        memcpy(out, shown, n);
        size_t dots = outsz - 1 - n < 3 ? outsz - 1 - n : 3;
        memcpy(out + n, "...", dots);
        n += dots;
    } else {
        memcpy(out, shown, n);
    }
    out[n] = '\0';
    strbuf_free(&sb);
    return out;
}

void text_locale_load(void)
{
    static bool loaded;
    if (!loaded)
        setlocale(LC_CTYPE, "");
    loaded = true;
}

/* "en_GB.UTF-8", "C.utf8", "de_DE.UTF-8@euro": the codeset after the
 * dot, up to a modifier. */
static bool names_utf8(const char *name)
{
    const char *dot = strchr(name, '.');
    if (!dot)
        return false;
    size_t n = strcspn(dot + 1, "@");
    return (n == 5 && strncasecmp(dot + 1, "UTF-8", 5) == 0) ||
           (n == 4 && strncasecmp(dot + 1, "UTF8", 4) == 0);
}

bool text_locale_utf8(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            if (names_utf8(v))
                return true;
            break; /* the first one set is the one in force */
        }
    }
    text_locale_load();
    const char *codeset = nl_langinfo(CODESET);
    return codeset && strcmp(codeset, "UTF-8") == 0;
}
