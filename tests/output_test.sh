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

echo "$pass passed, $fail failed"
[ $fail = 0 ]
