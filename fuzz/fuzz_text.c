/* fuzz_text.c: plain text, strict and lenient. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_run(data, size, RO_IN_TEXT, 0);
    fuzz_run(data, size, RO_IN_TEXT, RO_LENIENT);
    return 0;
}
