/* read_html.c: saved web pages, web archives and gzip input.
 * Not built yet: each reports a clear error. */
#include "internal.h"
#include "read.h"

static void unsupported(ro_reader *r, const char *source, const char *what)
{
    ro_error err;
    ro_set_error(&err, RO_ERR_FORMAT, 0, "%s input is not supported yet", what);
    ro_reader_fail(r, source, &err);
}

void ro_read_html_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                         const ro_read_opts *o)
{
    (void)bytes, (void)len, (void)o;
    unsupported(r, source, "HTML");
}

void ro_read_warc_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                         const ro_read_opts *o)
{
    (void)bytes, (void)len, (void)o;
    unsupported(r, source, "WARC");
}

FILE *ro_open_gzip(const char *path, ro_error *err)
{
    ro_set_error(err, RO_ERR_FORMAT, 0, "gzip-compressed input is not supported yet: %s", path);
    return NULL;
}
