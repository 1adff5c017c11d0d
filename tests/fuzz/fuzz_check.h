/* What every fuzz target checks of a message (header-only, so that the
 * Makefile's one-file-per-target rules need no change): it reaches a
 * terminal, so no control character may be in it (C0, DEL, C1), nor a
 * bidi override or isolate, which would reorder what is shown. */
#ifndef ACHE_FUZZ_CHECK_H
#define ACHE_FUZZ_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ache/text.h"

static inline void fuzz_die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s\n%s\n", what, detail);
    abort();
}

/* Dies when text holds a control or bidi character; a line end is
 * allowed where `lines` (text printed as whole lines). */
static inline void fuzz_check_clean(const char *text, bool lines)
{
    size_t len = strlen(text);
    for (size_t at = 0; at < len;) {
        uint32_t cp;
        at += utf8_decode(text + at, len - at, &cp);
        if (cp == '\n' && lines)
            continue;
        if (text_cp_is_control(cp) || text_cp_is_bidi_override(cp))
            fuzz_die("a control or bidi character in the message", text);
    }
}

#endif
