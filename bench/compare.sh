#!/usr/bin/env bash
# bench/compare.sh OLD_BUILD NEW_BUILD CORPUS.jsonl [NEWS.jsonl] [RUNS]
# Before/after speed of two builds (e.g. a worktree of an older commit built
# with -DCMAKE_BUILD_TYPE=Release, and this one), on the same files, in the
# same session, interleaved: each run times OLD then NEW, the next NEW then
# OLD, so load from other jobs falls on both alike.  Default 5 runs.
#   stages alone (CPU time of one core, reading excluded; bench_pipeline):
#     quotes (sentences + quotations + attribution), names
#   stance stage: bench_stance stance minus bench_stance segment (CPU time)
#   whole commands: readout quotes | names | stance CORPUS > /dev/null, with
#     /usr/bin/time -v: wall clock, user + system, peak RSS
# NEWS is name-dense news text (the gold documents repeated, as bench/names.sh
# makes it); with it the quotes and names stages are timed on it too.
# Prints one tab-separated line per measurement:
#   run build measure file MB/s(CPU) MB/s(wall) peak_RSS_KB load
# and, at the end, the median and range of each.
set -euo pipefail
export LC_ALL=C
old=$1 new=$2 corpus=$3 news=${4:-} runs=${5:-5}
out=$(mktemp)
trap 'rm -f "$out" "$out.t" "$out.o"' EXIT
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.3f", b / 1e6 }'; }
# $1 build dir, $2 label, $3 file, $4.. the command (relative to the build dir)
timed() {
  local b=$1 label=$2 f=$3; shift 3
  /usr/bin/time -v "$b/$1" "${@:2}" > "$out.o" 2> "$out.t"
  awk -F': ' -v mb="$(mb "$f")" '
    /Elapsed \(wall clock\)/ { n = split($2, a, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + a[i] }
    /User time|System time/ { c += $2 }
    /Maximum resident set size/ { r = $2 }
    END { printf "%.1f\t%.1f\t%d", mb / c, mb / w, r }' "$out.t"
}
# the stage-alone MB/s that bench_pipeline prints last
stage() { sed -n 's/.*, \([0-9.]*\) MB\/s$/\1/p' "$out.o"; }
one() {
  local r=$1 tag=$2 b=$3 f load
  load=$(cut -d' ' -f1 /proc/loadavg)
  for f in "$corpus" $news; do
    for s in quotes names; do
      t=$(timed "$b" "$s" "$f" bench/bench_pipeline "$s" "$f")
      printf '%s\t%s\t%s-stage\t%s\t%s\t-\t%s\t%s\n' "$r" "$tag" "$s" "${f##*/}" "$(stage)" "$(cut -f3 <<<"$t")" "$load"
    done
  done
  # stance stage = (segment+stance) - segment, in CPU seconds
  local s1 s2
  "$b/bench/bench_stance" segment "$corpus" > "$out.o"
  s1=$(sed -n 's/.* in \([0-9.]*\) s:.*/\1/p' "$out.o")
  t=$(timed "$b" stance "$corpus" bench/bench_stance stance "$corpus")
  s2=$(sed -n 's/.* in \([0-9.]*\) s:.*/\1/p' "$out.o")
  awk -v a="$s1" -v c="$s2" -v mb="$(mb "$corpus")" -v r="$r" -v g="$tag" -v f="${corpus##*/}" \
      -v rss="$(cut -f3 <<<"$t")" -v l="$load" \
      'BEGIN { printf "%s\t%s\tstance-stage\t%s\t%.1f\t-\t%s\t%s\n", r, g, f, mb / (c - a), rss, l }'
  for s in quotes names stance; do
    t=$(timed "$b" "$s" "$corpus" readout "$s" --no-progress "$corpus")
    printf '%s\t%s\treadout-%s\t%s\t%s\t%s\n' "$r" "$tag" "$s" "${corpus##*/}" "$t" "$load"
  done
}
printf 'run\tbuild\tmeasure\tfile\tMB/s(CPU)\tMB/s(wall)\tpeak_RSS_KB\tload\n'
for ((r = 1; r <= runs; r++)); do
  if ((r % 2)); then one "$r" old "$old"; one "$r" new "$new"; else one "$r" new "$new"; one "$r" old "$old"; fi
done | tee "$out.all"
echo
echo "median [min-max] over $runs runs"
sort -t$'\t' -k3,3 -k4,4 -k2,2r "$out.all" | awk -F'\t' '
  function med(s,   n, a, i, j, t) { n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) " [" a[1] "-" a[n] "]" }
  { k = $3 "\t" $4 "\t" $2; if (!(k in c)) ord[++m] = k; c[k] = c[k] " " $5; w[k] = w[k] " " $6; p[k] = p[k] " " $7 }
  END { printf "measure\tfile\tbuild\tMB/s(CPU)\tMB/s(wall)\tpeak_RSS_KB\n"
        for (i = 1; i <= m; i++) { k = ord[i]; printf "%s\t%s\t%s\t%s\n", k, med(c[k]), (w[k] ~ /-/ ? "-" : med(w[k])), med(p[k]) } }'
rm -f "$out.all"
