#!/usr/bin/env bash
# The benchmark for readout's core: generates SIZE MB (default 210) of
# realistic readouts, wire reports and transcripts as JSON Lines, then
# reports MB/s and peak memory for
#   - reading alone (JSON Lines decoding, UTF-8 validation),
#   - reading + segmentation,
#   - reading + segmentation + quotations + attribution (the library),
#   - the whole of `readout quotes` writing JSON Lines to /dev/null,
# and `wc -w` on the same file for scale.  One core: nothing here is parallel.
#   bench/run.sh [SIZE_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-210}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
mkdir -p bench/out
corpus=bench/out/corpus-${size}.jsonl
[ -s "$corpus" ] || build-bench/bench/bench_gen "$size" > "$corpus"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "corpus: $corpus, $(du -m "$corpus" | cut -f1) MB, $(wc -w < "$corpus") words (wc -w)"
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
for stage in read segment quotes; do
  out=$( { /usr/bin/time -f 'peak %M KB' build-bench/bench/bench_pipeline "$stage" "$corpus"; } 2>&1 )
  echo "$out" | tr '\n' ' '; echo
done
start=$(date +%s.%N)
/usr/bin/time -f 'readout quotes: peak %M KB, %e s' build-bench/readout quotes --no-progress "$corpus" > /dev/null
end=$(date +%s.%N)
python3 -c "import os;s=os.path.getsize('$corpus')/1e6;t=$end-$start;print(f'readout quotes: {s:.0f} MB in {t:.1f} s: {s/t:.1f} MB/s')"
