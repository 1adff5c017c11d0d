/* text: UTF-8 decoding and validation, display width, cutting by columns.
 *
 * Widths are computed here rather than with the C library's wcwidth so that
 * drawing (which must not depend on the locale) and tests agree everywhere:
 * East Asian Wide/Fullwidth and emoji are 2 columns, combining marks and
 * zero-width characters 0, control characters 0, everything else 1.
 */
#ifndef ACHE_TEXT_H
#define ACHE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

struct strbuf;

/* Decodes one code point from s[0..len). Returns the bytes used (1-4).
 * Invalid or truncated sequences, overlong forms, surrogates and values
 * above U+10FFFF yield TEXT_REPLACEMENT and consume 1 byte. len must be > 0. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the bytes written. */
size_t utf8_encode(uint32_t cp, char *out);
/* True when s[0..len) is well-formed UTF-8. On false, *bad_offset (if not
 * NULL) is the byte offset of the first bad sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Number of code points in s[0..len). */
size_t utf8_length(const char *s, size_t len);
/* Byte offset of the code point before / after `offset` (clamped). */
size_t utf8_prev(const char *s, size_t offset);
size_t utf8_next(const char *s, size_t len, size_t offset);

/* Columns a code point occupies: 0, 1 or 2 (see above). */
int text_cp_width(uint32_t cp);
/* Columns of s[0..len). */
size_t text_width(const char *s, size_t len);
/* Length in bytes of the longest prefix of s[0..len) that fits in `cols`
 * columns without splitting a character; *used (if not NULL) is its width. */
size_t text_fit(const char *s, size_t len, size_t cols, size_t *used);
/* Copies into out (size outsz) the text cut to `cols` columns, ending in
 * "…" (or "..." when ascii is true) when it had to be cut. Returns out. */
char *text_ellipsize(const char *s, size_t cols, bool ascii, char *out,
                     size_t outsz);


/* ---- text that is safe to print ------------------------------------------ */

/* C0 controls (U+0000-U+001F), DEL and C1 controls (U+0080-U+009F). */
bool text_cp_is_control(uint32_t cp);
/* The bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which reorder the text after them up to the end of the
 * paragraph, so that what is shown is not what is there. */
bool text_cp_is_bidi_override(uint32_t cp);

/* How text_safe writes. */
enum {
    TEXT_SAFE_UTF8 = 1u << 0,  /* UTF-8 output; without it, ASCII */
    TEXT_SAFE_LINES = 1u << 1, /* keep line ends: LF, and CRLF as LF */
};

/* Appends s[0..len) to out in a form safe for a terminal or a text file:
 * every control character is shown, and none is emitted.
 *   - C0 controls and DEL in caret notation: ESC is "^[", BEL "^G", NUL
 *     "^@", DEL "^?" (as `cat -v` shows them);
 *   - a tab as one space (its width is the terminal's to choose, so a
 *     column would no longer line up);
 *   - LF (and a CR just before it) as a line end with TEXT_SAFE_LINES,
 *     else as "^J" ("^M");
 *   - C1 controls, bidi overrides and isolates and bytes that are not
 *     UTF-8: U+FFFD in UTF-8 output, '?' in ASCII output;
 *   - in ASCII output, every other character beyond ASCII as '?' (one
 *     for each character), as the full-screen diary shows it.
 * Everything else is copied as it is. The result is at most three times
 * as long as s, and text_safe of its own result changes nothing. */
void text_safe(struct strbuf *out, const char *s, size_t len, unsigned flags);
/* text_safe of the string s into *buf, emptied first; returns buf's text
 * (for printf arguments: one buffer for each). */
const char *text_safe_str(struct strbuf *buf, const char *s, unsigned flags);

/* Quotes s[0..len) for a message: text_safe on one line in UTF-8, cut to
 * fit out (size outsz) and ending in "..." when cut. Every message that
 * quotes what a person typed or what a file holds quotes it through
 * this. Returns out. */
char *text_quote(const char *s, size_t len, char *out, size_t outsz);

/* The person's character set. Commands that only print need to know
 * whether it is UTF-8, and most locales say so in their name ($LC_ALL,
 * else $LC_CTYPE, else $LANG: "en_GB.UTF-8", "C.utf8"), which is read
 * without loading the locale: loading it costs half a millisecond, a
 * good part of a whole `ache chart`. A name that does not say is asked of
 * the C library, after text_locale_load. */
bool text_locale_utf8(void);
/* Loads the locale's character set (LC_CTYPE) once: curses needs it
 * before it starts, and text_locale_utf8 where a name does not say. */
void text_locale_load(void);

#endif
