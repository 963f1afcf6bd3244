/* render.h: the last stage — JSON Lines, TSV and aligned text writers. */
#ifndef READOUT_RENDER_H
#define READOUT_RENDER_H

#include "internal.h"

/* JSON object writer over a buffer.  Strings are escaped; invalid UTF-8
 * is written as U+FFFD so the output is always valid JSON. */
typedef struct {
    ro_buf *b;
    bool first;
} ro_json;

void ro_json_begin(ro_json *j, ro_buf *b);
void ro_json_end(ro_json *j); /* closes the object and adds a newline */
void ro_json_key(ro_json *j, const char *key);
void ro_json_str(ro_json *j, const char *key, const char *s, size_t n);
void ro_json_cstr(ro_json *j, const char *key, const char *s); /* NULL → null */
void ro_json_int(ro_json *j, const char *key, long long v);
void ro_json_num(ro_json *j, const char *key, double v);
void ro_json_bool(ro_json *j, const char *key, bool v);
void ro_json_null(ro_json *j, const char *key);
/* A sum of weights kept finite: clamped to ±RO_NUM_MAX (NaN, which finite
 * weights cannot give, is taken as 0). */
#define RO_NUM_MAX 1e300
double ro_num_clamp(double v);
/* A number as JSON, TSV and text show it ("%.4g"), always finite: clamped. */
void ro_num(ro_buf *b, double v);
/* Append an escaped JSON string literal (with quotes) to b. */
void ro_json_escape(ro_buf *b, const char *s, size_t n);

/* TSV field: tabs, newlines and backslashes escaped as \t \n \\. */
void ro_tsv_field(ro_buf *b, const char *s, size_t n);
/* Text views and terminal messages: control characters shown escaped (\n,
 * \t, \x1b, \u009b), invalid UTF-8 as U+FFFD, never raw. */
void ro_text_esc(ro_buf *b, const char *s, size_t n);
void ro_text_esc_cstr(ro_buf *b, const char *s); /* NULL as "" */
/* s escaped so onto a terminal (file names, WARC URIs, error messages). */
void ro_fput_esc(FILE *f, const char *s);
/* Terminal columns of s as ro_text_esc() shows it (wide characters 2, combining 0). */
size_t ro_text_width(const char *s, size_t n);
int ro_char_width(uint32_t c);
/* A column exactly width terminal columns wide: s escaped, cut at a character
 * boundary with "…" when it is wider, padded with spaces. */
void ro_text_cell(ro_buf *b, const char *s, size_t width);
/* Running text for a person, at most maxwidth columns (cut at a character,
 * "…" after): control characters (C0, DEL, C1) shown as spaces, invalid
 * UTF-8 as U+FFFD. */
void ro_text_field(ro_buf *b, const char *s, size_t n, size_t maxwidth);

#endif
