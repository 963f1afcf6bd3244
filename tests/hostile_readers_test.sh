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
( ulimit -v 400000; $G 2 "$BIN" quotes --max-doc-size 1 --input jsonl < /dev/zero > out 2> err )
grep -q '^readout: -: line 1 (byte offset 0): longer than the limit' err; check "endless line: refused at the limit, memory bounded" $?
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

# ---- F12: numeric metadata ---------------------------------------------------------------
printf '{"id":"a","title":7,"date":8,"outlet":2.5,"language":true,"text":"t"}\n' |
  "$BIN" text --format json --input jsonl > out 2> err
grep -q '"title":"7"' out && grep -q '"date":"8"' out && grep -q '"language":null' out
check "numbers as metadata: each its own value, true taken as absent" $?

echo "hostile readers: $pass passed, $fail failed"
[ $fail = 0 ]
