#!/usr/bin/env bash
# Speed of stance markers: MB/s and peak memory over a generated corpus.
#   bench/stance.sh [MEGABYTES] [RUNS]     (default 200 MB, best of 3 runs)
# Runs, on the same corpus:
#   1. the phrase matcher alone with the full stance list;
#   2. the matcher with a synthetic list of 100 and of 10,000 phrases (the
#      first 100 lines of the same file), to show that the time does not grow
#      with the list;
#   3. the whole stance stage (reading JSON Lines, sentences, matching,
#      negation), against reading and sentences alone;
#   4. the program, readout stance, with /usr/bin/time -v for peak memory.
# bench_stance times CPU seconds (MB/s per core); the program's line uses user
# plus system time too, and gives wall time beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C
MB=${1:-200}
RUNS=${2:-3}
# The fastest of RUNS runs of a bench_stance measurement (the machine may be shared).
best() {
  for ((r = 0; r < RUNS; r++)); do build/bench/bench_stance "$@"; done |
    awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "MB/s") v = $i; if (v > bestv) { bestv = v; line = $0 } }
         END { print line }'
}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
out=bench/out
mkdir -p "$out"
[ -s "$out/stance-$MB.txt" ] || build/bench/bench_gen --text "$MB" > "$out/stance-$MB.txt"
[ -s "$out/stance-$MB.jsonl" ] || build/bench/bench_gen "$MB" > "$out/stance-$MB.jsonl"

# Synthetic lists of 10,000 phrases of 2 to 4 words, with the phrase syntax
# (inflections, =exact, optional words, alternatives); the 100-phrase lists are
# the first 100 lines of the same files.
#   dense: every word drawn from the corpus's own small vocabulary (about 220
#     words), so every word of the text starts a phrase and a fifth of word
#     pairs continue one: the worst case, where matching does more work per word
#   mixed: a word drawn from the corpus one time in five, otherwise an invented
#     word, as with a real list over a real vocabulary
head -c 4000000 "$out/stance-$MB.txt" | tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' |
  awk 'length($0) > 1' | sort -u > "$out/words.txt"
for kind in dense mixed; do
  awk -v seed=7 -v kind=$kind 'BEGIN { srand(seed) }
    { w[n++] = $0 }
    function word() {
      if (kind == "mixed" && rand() < 0.8) return "zq" int(rand() * 50000)
      return w[int(rand() * n)]
    }
    END {
      print "#list bench"
      for (i = 0; i < 10000; i++) {
        k = 2 + int(rand() * 3); p = ""
        for (j = 0; j < k; j++) {
          r = rand(); x = word()
          if (r > 0.9) x = "=" x
          else if (r > 0.85 && j > 1) x = "(" x ")"
          else if (r > 0.8) x = x "|" word()
          p = p (j ? " " : "") x
        }
        printf "c%d\t%s\t1\t\n", i % 9, p
      }
    }' "$out/words.txt" > "$out/lex10k-$kind.tsv"
  head -n 101 "$out/lex10k-$kind.tsv" > "$out/lex100-$kind.tsv"
done

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "corpus: $(du -m "$out/stance-$MB.txt" | cut -f1) MB of text, $(du -m "$out/stance-$MB.jsonl" | cut -f1) MB of JSON Lines"
best match "$out/stance-$MB.txt"
for kind in dense mixed; do
  for n in 100 10k; do
    printf '%-6s %-4s ' "$kind" "$n"
    best match "$out/stance-$MB.txt" "$out/lex$n-$kind.tsv"
  done
done
best segment "$out/stance-$MB.jsonl"
best stance "$out/stance-$MB.jsonl"
for args in "" "--by doc"; do
  /usr/bin/time -v build/readout stance $args "$out/stance-$MB.jsonl" > /dev/null 2> "$out/time.txt"
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt" |
         awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$out/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
  size=$(stat -c %s "$out/stance-$MB.jsonl")
  awk -v c="$cpu" -v w="$wall" -v r="$rss" -v b="$size" -v a="$args" 'BEGIN {
    printf "readout stance %s: %.1f MB in %.2f s CPU (%.2f s wall): %.1f MB/s, peak RSS %.1f MB\n",
           a, b / 1e6, c, w, b / 1e6 / c, r / 1024 }'
done
