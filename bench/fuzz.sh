#!/usr/bin/env bash
# Fuzz every target with libFuzzer for a while (default 60 s each):
#   bench/fuzz.sh [SECONDS]
# Builds with clang, ASan and UBSan into build-fuzz/. New inputs that reach
# new code are added to fuzz/corpus/NAME/ only if you copy them there.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DREADOUT_LIBFUZZER=ON -DREADOUT_SANITIZE=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
for bin in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$bin"); kind=${name#fuzz_}
  work=$(mktemp -d)
  cp -r fuzz/corpus/"$kind"/. "$work"/ 2>/dev/null || true
  echo "== $name for ${secs}s"
  "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 "$work" 2>&1 | tail -3
  rm -rf "$work"
done
