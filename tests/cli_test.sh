#!/usr/bin/env bash
# cli_test.sh BIN TESTDIR: the program as a user meets it — help, version,
# exit codes, and errors that name the file and the byte offset.
set -u
BIN=$1
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; pass=0
check() { # name, condition result
  if [ "$2" = 0 ]; then pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi
}

"$BIN" --version | grep -q '^readout [0-9]'; check "--version" $?
"$BIN" --help | grep -q 'quotes'; check "--help lists commands" $?
"$BIN" help quotes | grep -q 'mention_start'; check "help quotes documents fields" $?
"$BIN" >/dev/null 2>&1; [ $? = 2 ]; check "no command: exit 2" $?
"$BIN" frobnicate >/dev/null 2>&1; [ $? = 2 ]; check "unknown command: exit 2" $?
"$BIN" quotes --bogus >/dev/null 2>&1; [ $? = 2 ]; check "unknown option: exit 2" $?

printf 'Good text.\n' > "$tmp/ok.txt"
printf 'Caf\xc3\xa9 ok, then bad \xff byte.\n' > "$tmp/bad.txt"
"$BIN" quotes "$tmp/bad.txt" 2> "$tmp/err" >/dev/null; rc=$?
[ $rc = 1 ]; check "invalid UTF-8: exit 1" $?
grep -q "bad.txt: invalid UTF-8 at byte offset 19" "$tmp/err"; check "invalid UTF-8: names file and offset" $?
"$BIN" quotes --lenient "$tmp/bad.txt" 2> "$tmp/err" >/dev/null; [ $? = 0 ]; check "--lenient accepts" $?
grep -q "1 invalid bytes replaced" "$tmp/err"; check "--lenient counts" $?
"$BIN" quotes "$tmp/ok.txt" "$tmp/bad.txt" "$tmp/missing.txt" 2> "$tmp/err" >/dev/null; [ $? = 1 ]; check "mixed inputs: exit 1" $?
grep -q "missing.txt: No such file" "$tmp/err"; check "missing file named" $?

printf 'abc\0def' > "$tmp/nul.txt"
"$BIN" quotes "$tmp/nul.txt" 2> "$tmp/err" >/dev/null; [ $? = 1 ]; check "NUL: exit 1" $?
grep -q "NUL byte at offset 3" "$tmp/err"; check "NUL: offset" $?

: > "$tmp/empty.txt"
"$BIN" quotes "$tmp/empty.txt" > "$tmp/out" 2>&1; [ $? = 0 ] && [ ! -s "$tmp/out" ]; check "empty file: no output, exit 0" $?

printf '{"id":"a","text":"He said: \\u201cYes.\\u201d"}\n{"text": 5}\nnot json\n' > "$tmp/in.jsonl"
"$BIN" quotes "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err"; [ $? = 1 ]; check "jsonl with bad lines: exit 1" $?
grep -q 'in.jsonl: line 2 (byte offset 46): no "text" string' "$tmp/err"; check "jsonl: missing text named with offset" $?
grep -q 'in.jsonl: line 3 (byte offset 58): invalid JSON' "$tmp/err"; check "jsonl: bad JSON named with offset" $?

printf 'x' > "$tmp/big.txt"; head -c 3000000 /dev/zero | tr '\0' 'a' > "$tmp/big.txt"
"$BIN" quotes --max-doc-size 1 "$tmp/big.txt" 2> "$tmp/err" >/dev/null; [ $? = 1 ]; check "too big: exit 1" $?
grep -q "larger than the limit" "$tmp/err"; check "too big: says so" $?

truncate -s 2G "$tmp/huge.txt"
"$BIN" quotes "$tmp/huge.txt" 2> "$tmp/err" >/dev/null; [ $? = 1 ] && grep -q "huge.txt: file of 2147483648 bytes is larger than the limit" "$tmp/err"; check "2 GB file: a clear error, at once" $?
head -c 100000000 /dev/zero | tr '\0' 'x' > "$tmp/line.txt"; printf ' He said: "Done."\n' >> "$tmp/line.txt"
"$BIN" quotes --format tsv "$tmp/line.txt" > "$tmp/out" 2>&1; [ $? = 0 ] && grep -q "	Done.	100000011	100000016	" "$tmp/out"; check "100 MB single line: read whole, offsets past 100 MB" $?
rm -f "$tmp/line.txt" "$tmp/huge.txt"
mkdir -p "$tmp/dir/sub"; printf 'One.\n' > "$tmp/dir/a.txt"; printf 'Two.\n' > "$tmp/dir/sub/b.txt"; printf '\x00\x01' > "$tmp/dir/skip.bin"
"$BIN" quotes "$tmp/dir" > /dev/null 2>&1; [ $? = 0 ]; check "directory read recursively, unknown files skipped" $?
printf 'He said: "Fine."\n' | "$BIN" quotes > /dev/null 2>&1; [ $? = 0 ]; check "standard input" $?
"$BIN" quotes --lexicon "$tmp/nope.tsv" "$tmp/ok.txt" > /dev/null 2>&1; [ $? = 3 ]; check "missing lexicon: exit 3" $?
printf 'say\n' > "$tmp/badlex.tsv"
"$BIN" quotes --lexicon "$tmp/badlex.tsv" "$tmp/ok.txt" 2> "$tmp/err" > /dev/null; [ $? = 3 ] && grep -q 'badlex.tsv:1' "$tmp/err"; check "bad lexicon line named" $?

echo "$pass passed, $fail failed"
[ $fail = 0 ]
