/* Shared helpers for the Check unit suites: each test file defines
 * `static Suite *make_suite(void)` and ends with ACHE_TEST_MAIN(make_suite). */
#ifndef ACHE_TESTUTIL_H
#define ACHE_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check_main.h"
#include "ache/util.h"

/* A fresh private temporary folder; the caller frees the string. */
static inline char *test_tmpdir(void)
{
    char *dir = xstrdup("/tmp/ache-test-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    return dir;
}

/* rm -rf of a test folder (only ever one we made with test_tmpdir). */
static inline void test_rmdir(const char *dir)
{
    if (strncmp(dir, "/tmp/ache-test-", 15) != 0)
        return;
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(cmd);
}

#define ACHE_TEST_MAIN(suite_fn) ACHE_CHECK_MAIN(suite_fn)

#endif
