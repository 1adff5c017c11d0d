/* Golden-file comparison for pictures drawn into a grid: tests compare
 * text with tests/golden/<name>; ACHE_UPDATE_GOLDEN=1 rewrites the files
 * instead (look at the diff before committing it). Tests run from the
 * repository's root. */
#ifndef ACHE_GOLDEN_H
#define ACHE_GOLDEN_H

#include "testutil.h"

static inline bool update_golden(void)
{
    const char *v = getenv("ACHE_UPDATE_GOLDEN");
    return v && strcmp(v, "1") == 0;
}

static inline void write_golden(const char *path, const char *got)
{
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(got, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* Line number (from 1) of the first line where a and b differ. */
static inline int first_diff_line(const char *a, const char *b)
{
    int line = 1;
    for (; *a && *a == *b; a++, b++)
        if (*a == '\n')
            line++;
    return line;
}

/* A copy of line n (from 1) of text, without its newline. */
static inline char *line_of(const char *text, int n)
{
    for (; n > 1 && *text; text++)
        if (*text == '\n')
            n--;
    return xstrndup(text, strcspn(text, "\n"));
}

static inline void report_mismatch(const char *path, const char *want,
                            const char *got)
{
    int n = first_diff_line(want, got);
    char *w = line_of(want, n), *g = line_of(got, n);
    fprintf(stderr, "--- %s (want)\n%s--- got\n%s", path, want, got);
    ck_abort_msg("%s differs at line %d:\n want |%s|\n  got |%s|", path, n, w,
                 g);
}

/* Compares `got` with tests/golden/<name>; on a mismatch prints both
 * pictures to stderr and the first differing line in the failure. */
static inline void check_golden(const char *name, const char *got)
{
    char *path = xasprintf("tests/golden/%s", name);
    if (update_golden()) {
        write_golden(path, got);
        free(path);
        return;
    }
    char *want = NULL;
    size_t len = 0;
    struct ache_err err;
    if (file_read_all(path, &want, &len, &err) != ACHE_OK) {
        fprintf(stderr, "%s: got:\n%s", name, got);
        ck_abort_msg("%s (ACHE_UPDATE_GOLDEN=1 creates it)", err.msg);
    }
    if (strcmp(want, got) != 0)
        report_mismatch(path, want, got);
    free(want);
    free(path);
}

#endif
