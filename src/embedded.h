/* embedded.h: the word lists compiled into the library (see cmake/embed.cmake). */
#ifndef READOUT_EMBEDDED_H
#define READOUT_EMBEDDED_H
#include <stddef.h>
typedef struct {
    const char *name; /* file name, e.g. "reporting_verbs.tsv" */
    const char *data; /* NUL-terminated */
    size_t len;
} ro_embedded_file;
extern const ro_embedded_file ro_embedded_files[];
#endif
