/* read.h: the first stage of the pipeline — turn files, directories and
 * standard input into documents. */
#ifndef READOUT_READ_H
#define READOUT_READ_H

#include "readout.h"
#include <stdbool.h>
#include <stdio.h>

typedef enum { RO_IN_AUTO, RO_IN_TEXT, RO_IN_JSONL, RO_IN_HTML, RO_IN_WARC } ro_input_kind;

typedef struct {
    int flags;             /* RO_LENIENT */
    uint64_t max_doc;      /* largest document accepted, in bytes */
    ro_input_kind kind;    /* forced kind, or RO_IN_AUTO to go by name/content */
    bool progress;         /* report progress on stderr */
} ro_read_opts;

/* Called for each document; the reader frees it afterwards.  source is the
 * file (or "-") it came from.  Return non-zero to stop reading. */
typedef int (*ro_doc_fn)(ro_doc *doc, const char *source, void *ctx);
/* Called for each input that could not be read; reading goes on. */
typedef void (*ro_err_fn)(const char *source, const ro_error *err, void *ctx);

typedef struct {
    ro_doc_fn on_doc;
    ro_err_fn on_error;
    /* Called for each warning (a symbolic link cycle, a dangling link, a
     * file reached twice); NULL prints "readout: warning: SOURCE: ..." on
     * standard error.  Warnings do not count as errors. */
    ro_err_fn on_warning;
    void *ctx;
    /* counters, filled in by the reader */
    uint64_t docs, errors, bytes, replaced, warnings;
} ro_reader;

/* Read every path ("-" is standard input; directories are walked, in
 * sorted order, taking files with known text extensions).  Returns the
 * number of inputs that failed. */
uint64_t ro_read_paths(ro_reader *r, char *const *paths, size_t npaths, const ro_read_opts *opts);

/* Read one in-memory buffer as the given kind (no RO_IN_AUTO for HTML). */
void ro_read_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                    ro_input_kind kind, const ro_read_opts *opts);

/* For readers of other formats (read_html.c): report a failed input, or
 * hand over a document (the reader frees it).  Returns non-zero to stop. */
void ro_reader_fail(ro_reader *r, const char *source, const ro_error *err);
int ro_reader_emit(ro_reader *r, ro_doc *doc, const char *source, const ro_read_opts *o);

/* Implemented in read_html.c: saved web pages, web archives, gzip. */
void ro_read_html_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                         const ro_read_opts *o);
void ro_read_warc_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                         const ro_read_opts *o);
/* A WARC file read record by record from a stream (read_warc.c). */
void ro_read_warc_stream(ro_reader *r, FILE *fp, const char *source, const ro_read_opts *o);
/* Open a gzip-compressed file as a stream of its uncompressed bytes;
 * NULL with err filled on failure. */
FILE *ro_open_gzip(const char *path, ro_error *err);
/* After a read error on such a stream: what was wrong, in words (with the
 * compressed byte offset), or NULL; cleared by the call. */
const char *ro_gzip_last_error(void);

/* What kind a file name suggests. */
ro_input_kind ro_kind_from_name(const char *path);

#endif
