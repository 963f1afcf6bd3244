#!/usr/bin/env bash
# output_test.sh BIN: what the writers print for hostile data (issue 9):
# JSON numbers always finite, text views cut at character boundaries and
# control characters shown escaped, never sent raw to the terminal.
set -u
BIN=$1
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; pass=0
check() { # name, condition result
  if [ "$2" = 0 ]; then pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi
}
json_ok() { # every line of the file parses as JSON with finite numbers
  python3 -c "
import json,sys
def bad(x): raise ValueError('non-finite '+x)
for l in open(sys.argv[1]): json.loads(l, parse_constant=bad)" "$1" 2>/dev/null
}

# --- finite numbers: weights checked on loading, sums clamped --------------------
printf 'We foozle and foozle it.\n' > "$tmp/w.txt"
for w in nan inf -inf 1e308 1e7 -1e7 NAN infinity; do
  printf '#list stance\nhedge\tfoozle\t%s\tnote\n' "$w" > "$tmp/w.tsv"
  "$BIN" stance --lexicon "$tmp/w.tsv" --by doc "$tmp/w.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc = 3 ] && [ ! -s "$tmp/out" ]; check "weight $w: refused (exit 3, no output)" $?
  grep -q "w.tsv:2: weight \"$w\" is out of range" "$tmp/err"; check "weight $w: names file and line" $?
done
printf '#list stance\nhedge\tfoozle\t1e6\tnote\n' > "$tmp/w.tsv"
for by in doc sentence speaker; do
  "$BIN" stance --lexicon "$tmp/w.tsv" --by $by "$tmp/w.txt" > "$tmp/out"; check "weight 1e6 --by $by: exit 0" $?
  json_ok "$tmp/out"; check "weight 1e6 --by $by: valid JSON" $?
done
grep -q '"scores":{"hedge":2e+06,' "$tmp/out"; check "weight 1e6: sum 2e+06" $?
printf '#list stance\nhedge\tfoozle\t-1e6\tnote\n' > "$tmp/w.tsv"
"$BIN" stance --lexicon "$tmp/w.tsv" --format tsv --by sentence "$tmp/w.txt" | cut -f7 | tail -1 > "$tmp/out"
[ "$(cat "$tmp/out")" = "-2e+06" ]; check "weight -1e6: TSV sum -2e+06" $?

# --- text views: names cut at characters, never inside UTF-8 ---------------------
printf 'Министр иностранных дел Сергей Викторович Лавров-Константинопольский заявил: «Мы не примем это».\n' > "$tmp/ru.txt"
"$BIN" names --format text "$tmp/ru.txt" > "$tmp/out"; check "names text: exit 0" $?
python3 -c "import sys;open(sys.argv[1],'rb').read().decode()" "$tmp/out"; check "names text: valid UTF-8" $?
grep -qx 'Сергей Викторович Лавров-Конста… person          1  full name “Сергей Викторович Лавров-Константинопольский” 1; never alone: “Сергей”, “Лавров-Константинопольский”' "$tmp/out"
check "names text: a 32-column name cut at a character" $?
"$BIN" quotes --format text "$tmp/ru.txt" > "$tmp/out"
grep -qx 'full    Сергей Викторович Лавро… colon          “Мы не примем это”' "$tmp/out"; check "quotes text: speaker cut at a character" $?
"$BIN" names --mentions --format text "$tmp/ru.txt" > "$tmp/out"
python3 -c "import sys;open(sys.argv[1],'rb').read().decode()" "$tmp/out"; check "names --mentions text: valid UTF-8" $?
grep -q '^      45  full name        Сергей Викторович Лавров-Ко… Сергей' "$tmp/out"; check "names --mentions text: 28 columns" $?

# --- control characters in ids, file names and WARC URIs: escaped ----------------
printf '{"id":"x\\u001b[2Jy\\u009bz","text":"Foreign Minister Wang Yi said: \\u201cWe agree.\\u201d"}\n' > "$tmp/id.jsonl"
for cmd in quotes names stance sources; do
  "$BIN" $cmd --format text "$tmp/id.jsonl" > "$tmp/out"
  grep -q '^== x\\x1b\[2Jy\\u009bz (' "$tmp/out"; check "$cmd text: id escaped" $?
  ! grep -q $'\x1b' "$tmp/out" && ! grep -q $'\xc2\x9b' "$tmp/out"; check "$cmd text: no raw ESC or CSI" $?
done
"$BIN" names --by speaker --format text "$tmp/id.jsonl" > "$tmp/out"
grep -q '^x\\x1b\[2Jy\\u009bz  narrator' "$tmp/out"; check "names --by speaker text: id escaped" $?
bad="$tmp/$(printf 'a\033[31mred.txt')"
printf 'Bad \xff byte\n' > "$bad"
"$BIN" quotes "$bad" > /dev/null 2> "$tmp/err"; [ $? = 1 ]; check "file name with ESC: exit 1" $?
grep -q 'a\\x1b\[31mred.txt: invalid UTF-8 at byte offset 4' "$tmp/err"; check "file name with ESC: escaped in the error" $?
! grep -q $'\x1b' "$tmp/err"; check "file name with ESC: no raw ESC on stderr" $?
printf 'He said “yes”.\n' > "$bad"
"$BIN" text --format text "$tmp/"*red.txt "$tmp/id.jsonl" > "$tmp/out"
grep -q '^==> .*a\\x1b\[31mred.txt <==$' "$tmp/out" && ! grep -q $'\x1b' "$tmp/out"; check "text headers: file name escaped" $?
printf '#list stance\nhedge\tfoozle\tnan\n' > "$tmp/$(printf 'l\033[1m.tsv')"
"$BIN" stance --lexicon "$tmp/"l*.tsv "$tmp/ru.txt" > /dev/null 2> "$tmp/err"
grep -q 'l\\x1b\[1m.tsv:2: weight "nan" is out of range' "$tmp/err" && ! grep -q $'\x1b' "$tmp/err"; check "word list name escaped" $?
python3 - "$tmp/u.warc" <<'PY'
import sys
http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The minister said: \xe2\x80\x9cWe will not accept this proposal at all.\xe2\x80\x9d</p></body></html>'
rec = b'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\x1b[31mred\r\nContent-Length: ' + str(len(http)).encode() + b'\r\n\r\n' + http + b'\r\n\r\n'
open(sys.argv[1], 'wb').write(rec)
PY
"$BIN" text --format text "$tmp/u.warc" > "$tmp/out"
grep -qx '==> http://x/\\x1b\[31mred <==' "$tmp/out"; check "WARC URI escaped in text headers" $?
"$BIN" quotes --format text "$tmp/u.warc" > "$tmp/out"
grep -qx '== http://x/\\x1b\[31mred (1)' "$tmp/out"; check "WARC URI escaped in quotes text" $?

# --- --lenient: a NUL byte is shown as U+FFFD in JSON, offsets unchanged ----------
printf 'Lanz said: \xe2\x80\x9cWe are\x00 ready.\xe2\x80\x9d\n' > "$tmp/nul.txt"
"$BIN" quotes --lenient "$tmp/nul.txt" > "$tmp/out" 2>/dev/null; check "NUL --lenient: exit 0" $?
grep -q '"quote":"We are\\ufffd ready.","start":14,"end":28' "$tmp/out"; check "NUL --lenient: U+FFFD in JSON, byte offsets kept" $?
grep -q 'u0000' "$tmp/out"; [ $? != 0 ]; check "NUL --lenient: no \\u0000" $?

echo "$pass passed, $fail failed"
[ $fail = 0 ]
