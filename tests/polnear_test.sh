#!/usr/bin/env bash
# Speaker attribution on real news nobody on the project wrote: PolNeAR dev (84
# articles, 745 direct quotations), scored by ../shared/tools/score_quotes.py with
# the referents resolved (a speaker counts only when the canonical name is right).
# Skips (77) where ../shared or python3 is absent.
# usage: polnear_test.sh READOUT SHARED_DIR MIN_QUOTE_F1 MIN_SPEAKER MIN_E2E_F1
set -u
ro=$1 shared=$2 min_f1=$3 min_sp=$4 min_e2e=$5
pn=$shared/corpora/polnear
scorer=$shared/tools/score_quotes.py
if [ ! -f "$pn/dev-quotes.jsonl" ] || [ ! -f "$scorer" ] || ! command -v python3 >/dev/null; then
  echo "skipped: no PolNeAR dev data or scorer at $shared"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ro" quotes "$pn/dev/text" > "$tmp/pred.jsonl" || { echo "readout quotes failed"; exit 1; }
out=$(python3 "$scorer" "$pn/dev-quotes.jsonl" "$tmp/pred.jsonl" "$pn/dev/text" "$pn/dev-referents.tsv") ||
  { echo "scorer failed"; exit 1; }
echo "$out"
read -r _ f1 _ _ _ _ _ sp _ e2e _ <<<"$out"
python3 - "$f1" "$sp" "$e2e" "$min_f1" "$min_sp" "$min_e2e" <<'PY'
import sys
f1, sp, e2e, mf1, msp, me2e = map(float, sys.argv[1:])
bad = [f"{n} {v:.3f} < floor {m}" for n, v, m in
       (("quotation F1", f1, mf1), ("speaker accuracy", sp, msp), ("end-to-end F1", e2e, me2e)) if v < m]
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
