/* main() of a Check test program, shared by the unit and screen suites:
 * runs the suite that suite_fn() makes, and fails if a test did. */
#ifndef ACHE_CHECK_MAIN_H
#define ACHE_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define ACHE_CHECK_MAIN(suite_fn)                                  \
    int main(void)                                                 \
    {                                                              \
        SRunner *runner = srunner_create(suite_fn());              \
        srunner_run_all(runner, CK_NORMAL);                        \
        int failed = srunner_ntests_failed(runner);                \
        srunner_free(runner);                                      \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;               \
    }

#endif
