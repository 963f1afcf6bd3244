/* extract.h: between reading a web page and making its document — the
 * article's text, links and metadata (extract_html.c), and the conversion
 * of the page's bytes to UTF-8 (read_html.c). */
#ifndef READOUT_EXTRACT_H
#define READOUT_EXTRACT_H

#include "internal.h"
#include "read.h"

typedef struct {
    char *text; /* the article: paragraphs separated by blank lines (malloc) */
    size_t len;
    ro_link *links; /* anchor spans in text; urls malloc'd */
    size_t nlinks;
    /* metadata, each NULL when the page does not give it (malloc) */
    char *title, *byline, *date, *site, *language, *canonical;
    size_t parse_bytes; /* what libgumbo allocated for the page (also when refused) */
} ro_extract;

/* Deepest element nesting accepted; deeper pages are refused with an error
 * (libgumbo's tree construction is quadratic in depth). */
#define RO_HTML_MAX_DEPTH 5000
/* Most attributes accepted on one element; a page with more is refused
 * (libgumbo's duplicate-attribute check is quadratic in their number). */
#define RO_HTML_MAX_ATTRS 256
/* The parser's memory for one page is bounded: at most this many bytes per
 * byte of the page plus a constant (real pages measure 3-22 per byte; tag
 * soup such as misnested <b><p>x</b>, 57).  A page that needs more is
 * refused with an error. */
#define RO_HTML_PARSE_PER_BYTE 32
#define RO_HTML_PARSE_BASE (4 << 20)

/* Parse a page (UTF-8) and extract its article.  base_url resolves
 * relative links (may be NULL).  Returns 0, or -1 with err filled. */
int ro_extract_html(const char *html, size_t len, const char *base_url, ro_extract *x,
                    ro_error *err);
void ro_extract_free(ro_extract *x);

/* Convert a page's bytes to UTF-8, going by a byte order mark, the
 * charset the transport declared (may be NULL), the page's own <meta>,
 * else UTF-8 if the bytes are valid UTF-8, else Windows-1252.  Invalid
 * sequences become U+FFFD (counted in *bad).  Returns malloc'd bytes. */
char *ro_html_to_utf8(const char *bytes, size_t len, const char *declared, size_t *outlen,
                      size_t *bad, char *charset, size_t charsetsz);

/* Copy links (and their URLs) into the document (doc_links.c). */
void ro_doc_set_links(ro_doc *doc, const ro_link *links, size_t n);

/* Make a page's document and hand it to the reader (read_html.c; used by
 * read_warc.c too).  id names the document; url is where the page came
 * from, if known; fallback_date stands in when the page gives no date;
 * content_type is the transport's Content-Type (for its charset), or NULL.
 * Returns non-zero to stop reading. */
int ro_html_emit(ro_reader *r, const char *bytes, size_t len, const char *source,
                 const char *id, const char *url, const char *fallback_date,
                 const char *content_type, const ro_read_opts *o);

/* Why the last read of a gzip stream (ro_open_gzip) failed on this thread,
 * or NULL; clears it. */
const char *ro_gzip_last_error(void);

#endif
