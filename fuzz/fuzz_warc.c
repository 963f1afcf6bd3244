/* fuzz_warc.c: web archives — record headers, HTTP payloads, chunked and
 * compressed bodies, then each page as fuzz_html does it. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_run(data, size, RO_IN_WARC, 0);
    return 0;
}
