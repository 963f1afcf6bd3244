#!/usr/bin/env bash
# html_test.sh BIN TESTDIR: web pages and archives as a user meets them —
# gzip, WARC (plain and gzip-compressed, from files and standard input), and
# hostile input: damaged gzip, broken WARC headers, 100,000-deep nesting, a
# 50 MB attribute.  Each must give a clear error or a correct result.
set -u
BIN=$1
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; pass=0
check() { # name, condition result
  if [ "$2" = 0 ]; then pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi
}
crashed() { [ "$1" -ge 128 ]; }

page() { # title, paragraph
  printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head><body><nav><a href="/">Home</a></nav><article><p>%s</p><p>The two sides agreed to continue contacts at the expert level, officials said.</p></article></body></html>\n' "$1" "$2"
}
page "Talks end" "Two days of talks ended on Friday without a joint statement." > "$tmp/a.html"
page "Envoy returns" "The envoy returned to the capital on Saturday morning." > "$tmp/b.html"

# gzip
gzip -c "$tmp/a.html" > "$tmp/a.html.gz"
"$BIN" text "$tmp/a.html.gz" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q "without a joint statement" "$tmp/out"; check ".html.gz is read" $?
head -c 60 "$tmp/a.html.gz" > "$tmp/cut.html.gz"
"$BIN" text "$tmp/cut.html.gz" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 1 ]; check "truncated gzip: exit 1" $?
grep -q "cut.html.gz: truncated gzip data: unexpected end of file at compressed byte offset" "$tmp/err"; check "truncated gzip: named, with offset" $?
printf '\037\213\010\000garbage-not-deflate-data' > "$tmp/bad.html.gz"
"$BIN" text "$tmp/bad.html.gz" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "bad.html.gz: .*gzip" "$tmp/err"; check "corrupt gzip: clear error" $?

# standard input
"$BIN" text --input html - < "$tmp/a.html" > "$tmp/out"; rc=$?
[ $rc = 0 ] && grep -q "without a joint statement" "$tmp/out" && ! grep -q Home "$tmp/out"; check "--input html on stdin" $?

# WARC: a request and a response per page, in a plain and a gzip-compressed file
rec() { # type uri content-type payload-file
  printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-03-14T18:31:02Z\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n' "$1" "$2" "$3" "$(wc -c < "$4")"
  cat "$4"; printf '\r\n\r\n'
}
for p in a b; do
  { printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'; cat "$tmp/$p.html"; } > "$tmp/$p.http"
  printf 'GET /%s HTTP/1.1\r\nHost: news.example\r\n\r\n' "$p" > "$tmp/$p.req"
  rec request "https://news.example/$p" "application/http; msgtype=request" "$tmp/$p.req" > "$tmp/$p.req.warc"
  rec response "https://news.example/$p" "application/http; msgtype=response" "$tmp/$p.http" > "$tmp/$p.resp.warc"
done
cat "$tmp/a.req.warc" "$tmp/a.resp.warc" "$tmp/b.req.warc" "$tmp/b.resp.warc" > "$tmp/crawl.warc"
: > "$tmp/crawl.warc.gz"
for f in a.req a.resp b.req b.resp; do gzip -c "$tmp/$f.warc" >> "$tmp/crawl.warc.gz"; done
"$BIN" text --format tsv "$tmp/crawl.warc" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(grep -c '^https://news.example/' "$tmp/out")" = 2 ]; check "WARC: one document per HTML response" $?
grep -q $'^https://news.example/a\thttps://news.example/a\tTalks end\t\t2025-03-14T18:31:02Z' "$tmp/out"; check "WARC: target URI and date" $?
"$BIN" text --format tsv "$tmp/crawl.warc.gz" > "$tmp/out2" 2> "$tmp/err"; rc=$?
[ $rc = 0 ] && cmp -s "$tmp/out" "$tmp/out2"; check ".warc.gz: record by record, same result" $?
"$BIN" text --format tsv --input warc - < "$tmp/crawl.warc" > "$tmp/out2" 2> "$tmp/err"; rc=$?
[ $rc = 0 ] && cmp -s "$tmp/out" "$tmp/out2"; check "--input warc on stdin" $?

# a body the crawler already decoded, its Content-Encoding header left in place
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'; cat "$tmp/a.html"; } > "$tmp/dec.http"
rec response "https://news.example/dec" "application/http; msgtype=response" "$tmp/dec.http" > "$tmp/dec.warc"
"$BIN" text "$tmp/dec.warc" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q "without a joint statement" "$tmp/out"; check "WARC: decoded body under a gzip header" $?

# a cut-off .warc.gz (a download that stopped): the records before the damage are read
sz=$(wc -c < "$tmp/crawl.warc.gz")
head -c $((sz - 40)) "$tmp/crawl.warc.gz" > "$tmp/cutoff.warc.gz"
"$BIN" text --format tsv "$tmp/cutoff.warc.gz" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "cutoff.warc.gz: truncated gzip data: unexpected end of file at compressed byte offset" "$tmp/err"; check "cut-off .warc.gz: named, with offset" $?
grep -q '^https://news.example/a' "$tmp/out"; check "cut-off .warc.gz: earlier records read" $?

# broken WARC headers: each a clear error with the byte offset; the good records still read
{ cat "$tmp/a.resp.warc"; printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n\r\nno length here\r\n\r\n'; cat "$tmp/b.resp.warc"; } > "$tmp/nolen.warc"
"$BIN" text --format tsv "$tmp/nolen.warc" > "$tmp/out" 2> "$tmp/err"; rc=$?
off=$(wc -c < "$tmp/a.resp.warc")
[ $rc = 1 ] && grep -q "nolen.warc: WARC record without Content-Length at byte offset $off" "$tmp/err"; check "WARC without Content-Length: named, offset" $?
[ "$(grep -c '^https://news.example/' "$tmp/out")" = 2 ]; check "WARC: records after damage are still read" $?
{ cat "$tmp/a.resp.warc"; printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\n'; } > "$tmp/badlen.warc"
"$BIN" text "$tmp/badlen.warc" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "badlen.warc: WARC record with an invalid Content-Length at byte offset $off" "$tmp/err"; check "WARC with bad Content-Length" $?
{ cat "$tmp/a.resp.warc"; head -c 300 "$tmp/b.resp.warc"; } > "$tmp/cut.warc"
"$BIN" text "$tmp/cut.warc" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "cut.warc: WARC record at byte offset $off cut off" "$tmp/err"; check "truncated WARC record: named, offset" $?
printf 'not a warc at all\n' > "$tmp/plain.warc"
"$BIN" text "$tmp/plain.warc" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'plain.warc: not a WARC file: no "WARC/1.x" line at byte offset 0' "$tmp/err"; check "not a WARC file" $?
head -c 100 /dev/urandom > "$tmp/noise.warc"; printf 'WARC/1.0\r\n' >> "$tmp/noise.warc"; head -c 5000 /dev/urandom >> "$tmp/noise.warc"
"$BIN" text "$tmp/noise.warc" > /dev/null 2>&1; rc=$?
! crashed $rc; check "WARC of random bytes: no crash" $?

# 100,000-deep nesting: refused with the offset; 2,000 deep is read
rep() { yes "$1" | head -n "$2" | tr -d '\n'; } # a string repeated
{ printf '<html><body>'; rep '<div>' 100000; printf 'deep text'; rep '</div>' 100000; printf '</body></html>\n'; } > "$tmp/deep.html"
"$BIN" text "$tmp/deep.html" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "deep.html: elements nested more than 5000 deep at byte offset" "$tmp/err"; check "100,000-deep nesting: clear error" $?
{ printf '<html><body>'; rep '<span><b>' 50000; printf 'deep text</body></html>\n'; } > "$tmp/deep2.html"
"$BIN" text "$tmp/deep2.html" > /dev/null 2> "$tmp/err"; rc=$?
! crashed $rc && [ $rc -le 1 ]; check "100,000 unclosed inline elements: no crash" $?
{ printf '<html><body><article>'; rep '<div>' 2000
  printf '<p>Deep but fine, with a sentence long enough to count as the text of an article.</p>'
  rep '</div>' 2000; printf '</article></body></html>\n'; } > "$tmp/deep3.html"
"$BIN" text "$tmp/deep3.html" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q "Deep but fine" "$tmp/out"; check "2,000-deep nesting: read" $?

# a 50 MB attribute
{ printf '<html><body><article><p class="'; head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' x
  printf '">A paragraph after a very long attribute, still the article.</p></article></body></html>'; } > "$tmp/attr.html"
"$BIN" text "$tmp/attr.html" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q "still the article" "$tmp/out"; check "50 MB attribute: correct result" $?

# --max-doc-size applies to pages
"$BIN" text --max-doc-size 1 "$tmp/attr.html" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "larger than the limit" "$tmp/err"; check "--max-doc-size refuses a large page" $?

# help
"$BIN" --help | grep -q '^  text ' && "$BIN" --help | grep -q '^  sources '; check "--help lists text and sources" $?
"$BIN" help text | grep -q 'links' && "$BIN" help sources | grep -q 'according_to'; check "help text, help sources" $?

# every command reads pages
"$BIN" quotes "$tmp/a.html" > /dev/null 2> "$tmp/err"; check "quotes reads a page" $?
"$BIN" sources "$tmp/crawl.warc.gz" > /dev/null 2> "$tmp/err"; check "sources reads a WARC" $?

echo "html_test: $pass passed, $fail failed"
[ $fail = 0 ]
