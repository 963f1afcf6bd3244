#!/usr/bin/env bash
# Fuzz every target with libFuzzer for a while (default 60 s each):
#   bench/fuzz.sh [SECONDS] [TARGET...]   (targets: html jsonl lexicon text warc cli json)
# Builds with clang, ASan and UBSan into build-fuzz/. New inputs that reach
# new code are added to fuzz/corpus/NAME/ only if you copy them there.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
# -fsanitize=fuzzer-no-link instruments the library too, not only the target
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DREADOUT_LIBFUZZER=ON -DREADOUT_SANITIZE=ON \
  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
shift || true
targets=("$@")
for bin in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$bin"); kind=${name#fuzz_}
  if [ ${#targets[@]} -gt 0 ] && [[ ! " ${targets[*]} " == *" $kind "* ]]; then continue; fi
  work=$(mktemp -d)
  cp -r fuzz/corpus/"$kind"/. "$work"/ 2>/dev/null || true
  # the whole-program targets take inputs up to 1 MB, as users give them
  case $kind in cli|json) len=1048576 ;; *) len=65536 ;; esac
  echo "== $name for ${secs}s"
  # a finding stops this target, not the others (its input is saved as crash-*)
  "$bin" -max_total_time="$secs" -max_len="$len" -timeout=30 -rss_limit_mb=4096 "$work" 2>&1 | grep -E '^#[0-9]+ +(DONE|INITED)|^Done|ERROR|SUMMARY' | tail -4 || status=1
  rm -rf "$work"
done
exit "${status:-0}"
