#!/usr/bin/env bash
# hostile_readers_test.sh BIN: inputs that must lose nothing and never hang
# (issue 9): symbolic link cycles, overlong JSON Lines lines, byte order
# marks, damaged gzip members, gzip bombs, WARC without newlines, numeric
# metadata.  Each case counts records and checks exit status and message.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0; pass=0
check() { # name, condition result
  if [ "$2" = 0 ]; then pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi
}
records() { grep -c . "$1"; }
# memory bounds checked with an address-space limit, except under a sanitizer
# (which reserves terabytes of address space up front)
if ldd "$BIN" 2>/dev/null | grep -q 'lib[at]san' || grep -q AddressSanitizer "$BIN"; then
  vlimit() { :; }
else
  vlimit() { ulimit -v 400000; }
fi
G=timeout # a guard: every case here finishes in well under a second
QUOTE='He said \u201cyes\u201d.'

# ---- F6: directories with symbolic links -----------------------------------------------
mkdir loop && printf 'He said \xe2\x80\x9cyes\xe2\x80\x9d.\n' > loop/a.txt && ln -s . loop/s1 && ln -s . loop/s2
$G 10 "$BIN" quotes loop > out 2> err; rc=$?
[ $rc = 0 ]; check "two self-links: finishes, exit 0 (got $rc)" $?
[ "$(records out)" = 1 ]; check "two self-links: the one file read once" $?
grep -q '^readout: warning: loop/s1: symbolic link cycle, skipped$' err; check "two self-links: s1 cycle named" $?
grep -q '^readout: warning: loop/s2: symbolic link cycle, skipped$' err; check "two self-links: s2 cycle named" $?

mkdir -p deep/x/y && printf 'She said \xe2\x80\x9cno\xe2\x80\x9d.\n' > deep/x/y/b.txt && ln -s ../.. deep/x/y/up
ln -s x deep/alias && ln -s y/b.txt deep/x/same.txt
$G 10 "$BIN" quotes deep > out 2> err; rc=$?
[ $rc = 0 ] && [ "$(records out)" = 1 ]; check "link up the tree, alias dir, alias file: one record, exit 0" $?
grep -q 'y/up: symbolic link cycle, skipped' err; check "cycle up two levels named" $?
grep -q 'deep/x: directory already read (by another link), skipped' err; check "second way to a directory named" $?
grep -q 'same.txt: file already read' err || grep -q 'b.txt: file already read' err; check "second name of a file named" $?

mkdir dang && printf 'He said \xe2\x80\x9cyes\xe2\x80\x9d.\n' > dang/a.txt && ln -s missing.txt dang/b.txt && ln -s c.txt dang/c.txt
"$BIN" quotes dang > out 2> err; rc=$?
[ $rc = 0 ] && [ "$(records out)" = 1 ]; check "dangling and looping links: the good file read, exit 0" $?
grep -q 'warning: dang/b.txt: dangling symbolic link, skipped' err; check "dangling link named" $?
grep -q 'warning: dang/c.txt: symbolic link loop' err; check "looping link named" $?

"$BIN" quotes loop/a.txt loop > out 2> err
[ "$(records out)" = 1 ]; check "a file named and reached in its directory: read once" $?

# ---- F7: JSON Lines lines longer than --max-doc-size -----------------------------------
{ printf '{"id":"first","text":"%s"}\n' "$QUOTE"
  printf '{"id":"huge","text":"'; head -c 1200000 /dev/zero | tr '\0' a; printf '"}\n'
  printf '{"id":"last","text":"She said \\u201cthree\\u201d."}\n'; } > long.jsonl
"$BIN" quotes --max-doc-size 1 long.jsonl > out 2> err; rc=$?
[ $rc = 1 ]; check "overlong line: exit 1 (got $rc)" $?
[ "$(records out)" = 2 ]; check "overlong line: the records before and after it kept" $?
grep -q '^readout: long.jsonl: line 2 (byte offset 49): longer than the limit of 1048576 bytes (--max-doc-size); skipped to the next line$' err
check "overlong line: file, line and offset named" $?
"$BIN" quotes --max-doc-size 1 --input jsonl < long.jsonl > out 2> err; rc=$?
[ $rc = 1 ] && [ "$(records out)" = 2 ]; check "overlong line on stdin: 2 records, exit 1" $?
gzip -c long.jsonl > long.jsonl.gz
"$BIN" quotes --max-doc-size 1 long.jsonl.gz > out 2> err; rc=$?
[ $rc = 1 ] && [ "$(records out)" = 2 ]; check "overlong line in .jsonl.gz: 2 records, exit 1" $?
# an endless line is refused as soon as it passes the limit, in bounded memory
( vlimit; $G 2 "$BIN" quotes --max-doc-size 1 --input jsonl < /dev/zero > out 2> err )
grep -q '^readout: -: line 1 (byte offset 0): longer than the limit' err; check "endless line: refused at the limit, memory bounded" $?
# ... and the input is given up with an error once no line end comes in 16 times the limit (64 MiB at least)
( vlimit; $G 20 "$BIN" quotes --max-doc-size 1 --input jsonl < /dev/zero > out 2> err ); rc=$?
[ $rc = 1 ] && grep -q 'no line end in [0-9]* bytes; the rest of the input is not read' err
check "endless line: the input given up with an error, exit 1 (got $rc)" $?
# no final newline: the last record is still read
printf '{"id":"a","text":"%s"}\n{"id":"b","text":"%s"}' "$QUOTE" "$QUOTE" > nonl.jsonl
"$BIN" quotes nonl.jsonl > out 2> err; [ $? = 0 ] && [ "$(records out)" = 2 ]; check "no final newline: last record kept" $?

# ---- F8: byte order marks ------------------------------------------------------------------
printf '\xef\xbb\xbf{"id":"a","text":"%s"}\n{"id":"b","text":"She said \\u201ctwo\\u201d."}\n' "$QUOTE" > bom.jsonl
"$BIN" quotes bom.jsonl > out 2> err; rc=$?
[ $rc = 0 ] && [ "$(records out)" = 2 ] && [ ! -s err ]; check "BOM before JSON Lines: both records, no error" $?
"$BIN" quotes --input jsonl < bom.jsonl > out 2> err
[ $? = 0 ] && [ "$(records out)" = 2 ]; check "BOM before JSON Lines on stdin" $?
"$BIN" quotes < bom.jsonl > out 2> err
[ $? = 0 ] && [ "$(records out)" = 2 ]; check "BOM before JSON Lines on stdin, kind sniffed" $?
printf '\xef\xbb\xbfHe said \xe2\x80\x9cyes\xe2\x80\x9d.\n' > bom.txt
"$BIN" quotes bom.txt > out 2> err; [ $? = 0 ] && [ "$(records out)" = 1 ]; check "BOM before text" $?
"$BIN" quotes < bom.txt > out 2> err; [ $? = 0 ] && [ "$(records out)" = 1 ]; check "BOM before text on stdin" $?

# ---- F11: gzip and WARC -------------------------------------------------------------------
python3 - <<'EOF'
import gzip
def rec(i, pad=0):
    body = '<p>Filler text of the page.</p>' * pad
    html = (f'<html><head><title>P{i}</title></head><body><article><p>The minister said: '
            f'\u201cWe will not accept proposal {i}.\u201d</p>{body}</article></body></html>').encode()
    http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n' + html
    return (b'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/' + str(i).encode() +
            b'\r\nContent-Length: ' + str(len(http)).encode() + b'\r\n\r\n' + http + b'\r\n\r\n')
# damage in the middle of the third member
ms = [gzip.compress(rec(i)) for i in range(3)]
m = bytearray(ms[2]); m[len(m) // 2] ^= 0xFF
open('mid.warc.gz', 'wb').write(ms[0] + ms[1] + bytes(m))
# large members (many stdio buffers each), the second one's CRC wrong: found at its end
ms = [gzip.compress(rec(i, 3000)) for i in range(3)]
m = bytearray(ms[1]); m[-8] ^= 0xFF
open('crc.warc.gz', 'wb').write(ms[0] + bytes(m) + ms[2])
open('offsets', 'w').write(f'{len(ms[0])}\n')
EOF
"$BIN" text --format tsv mid.warc.gz > out 2> err; rc=$?
[ $rc = 1 ]; check "damaged .warc.gz member: exit 1 (got $rc)" $?
[ "$(cut -f1 out | sort -u | grep -c http://x/)" = 2 ]; check "damaged .warc.gz member: the 2 intact records before it kept" $?
grep -q '^readout: mid.warc.gz: invalid gzip data at compressed byte offset [0-9]* (in the member starting at compressed byte offset [0-9]*): ' err
check "damaged .warc.gz member: compressed offsets named" $?
"$BIN" text --format tsv crc.warc.gz > out 2> err; rc=$?
[ $rc = 1 ] && [ "$(cut -f1 out | sort -u | grep -c http://x/)" = 1 ] && ! grep -q 'http://x/1' out
check "large member with a bad check value: its record not taken, the one before kept" $?
grep -q "in the member starting at compressed byte offset $(cat offsets)): incorrect data check" err
check "bad check value: the member's offset named" $?
# a gzip bomb: stopped at the limit while decompressing, in bounded memory and time
head -c 30000000 /dev/zero | gzip -1 -c > bomb.html.gz
( vlimit; $G 5 "$BIN" text --max-doc-size 1 bomb.html.gz > out 2> err ); rc=$?
[ $rc = 1 ] && grep -q 'bomb.html.gz: larger than the limit of 1048576 bytes for one document' err
check "gzip bomb (.html.gz): refused at --max-doc-size while decompressing (got $rc)" $?
head -c 30000000 /dev/zero | tr '\0' '\n' | gzip -1 -c > bomb.jsonl.gz
( vlimit; $G 10 "$BIN" text --max-doc-size 1 bomb.jsonl.gz > out 2> err ); rc=$?
[ $rc = 0 ]; check "a .jsonl.gz of empty lines: streamed in bounded memory (got $rc)" $?
# WARC without a newline, or with nothing but newlines: an error, never a spin
( vlimit; $G 5 "$BIN" text --input warc < /dev/zero > out 2> err ); rc=$?
[ $rc = 1 ] && grep -q '^readout: -: not a WARC file' err; check "WARC from /dev/zero: an error, not a spin (got $rc)" $?
{ printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n'; head -c 3000000 /dev/zero | tr '\0' '\n'; } > nl.warc
$G 5 "$BIN" text --max-doc-size 1 nl.warc > out 2> err; rc=$?
[ $rc = 1 ] && grep -q '^readout: nl.warc: no WARC record header in the [0-9]* bytes after byte offset 56' err
check "WARC: megabytes of newlines between records: an error (got $rc)" $?
{ printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 0\r\n\r\n'; head -c 3000000 /dev/zero | tr '\0' x; } > nonl.warc
$G 5 "$BIN" text --max-doc-size 1 nonl.warc > out 2> err; rc=$?
[ $rc = 1 ] && grep -q 'not a WARC record header' err && grep -q 'no WARC record header in the' err
check "WARC: megabytes without a newline after a record: an error (got $rc)" $?

# ---- F12: numeric metadata ---------------------------------------------------------------
printf '{"id":"a","title":7,"date":8,"outlet":2.5,"language":true,"text":"t"}\n' |
  "$BIN" text --format json --input jsonl > out 2> err
grep -q '"title":"7"' out && grep -q '"date":"8"' out && grep -q '"language":null' out
check "numbers as metadata: each its own value, true taken as absent" $?

echo "hostile readers: $pass passed, $fail failed"
[ $fail = 0 ]
