/* libFuzzer target: exchange_parse on JSON (see fuzz_common.h for what is
 * checked). `make fuzz` builds it with clang; `make check` replays the
 * corpus in tests/fuzz/corpus/json through replay.c. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_exchange(EXCHANGE_JSON, data, size);
    return 0;
}
