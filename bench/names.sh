#!/usr/bin/env bash
# bench/names.sh [MB]: throughput and peak memory of readout names over
# generated text (default 256 MB; at least 200 MB for the README figures).
#   - the names stage alone (mentions and linking, reading excluded), CPU
#     time of one core: bench_pipeline names
#   - the whole command (reading JSON Lines, names, JSON output) with its
#     peak resident memory: /usr/bin/time -v readout names
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-256}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target readout bench_gen bench_pipeline >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/bench/bench_gen "$mb" > "$tmp/corpus.jsonl"
bytes=$(stat -c %s "$tmp/corpus.jsonl")
echo "corpus: $((bytes / 1000000)) MB of generated JSON Lines"
lscpu | grep -E '^Model name|^CPU\(s\)' | sed 's/  */ /g'
build/bench/bench_pipeline names "$tmp/corpus.jsonl"
# name-dense news text: the gold documents repeated to about 20 MB (needs python3)
if command -v python3 >/dev/null; then
  python3 - "$tmp/gold.jsonl" tests/gold/names/*.txt <<'PY'
import json, sys
out = open(sys.argv[1], "w")
docs = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
n = i = 0
while n < 20_000_000:
    d = docs[i % len(docs)]
    out.write(json.dumps({"id": "g%d" % i, "text": d}) + "\n")
    n += len(d.encode())
    i += 1
PY
  echo "gold documents repeated:"
  build/bench/bench_pipeline names "$tmp/gold.jsonl"
fi
/usr/bin/time -v build/readout names "$tmp/corpus.jsonl" > /dev/null 2> "$tmp/time"
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
awk -v b="$bytes" -v s="$secs" -v r="$rss" 'BEGIN {
  printf "readout names (read + names + JSON output): %.1f s, %.1f MB/s, peak RSS %.1f MB\n", s, b / 1e6 / s, r / 1024 }'
