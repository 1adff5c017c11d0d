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

#endif
