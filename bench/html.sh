#!/usr/bin/env bash
# bench/html.sh [SUITE]: speed and memory of reading web pages — parsing
# (libgumbo) plus article extraction — over the Readability conformance pages
# repeated to at least 200 MB, first as a directory of pages, then as one WARC
# file (a request and a response record per page), plain and gzip-compressed
# (MB/s of uncompressed HTML).  One thread, so MB/s is
# per core.  Peak memory is /usr/bin/time's maximum resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${1:-../shared/conformance/readability}
[ -d "$suite" ] || suite=../../shared/conformance/readability
[ -d "$suite" ] || { echo "no conformance suite at $suite" >&2; exit 1; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target bench_pipeline >/dev/null
out=bench/out/html
rm -rf "$out" && mkdir -p "$out/pages"
one=$(cat "$suite"/*/source.html | wc -c)
reps=$(( (200000000 + one - 1) / one ))
echo "suite: $(ls -d "$suite"/*/ | wc -l) pages, $one bytes; repeated $reps times"
warc=$out/pages.warc
: > "$warc"
for r in $(seq 1 "$reps"); do
  for d in "$suite"/*/; do
    name=$(basename "$d")
    ln -s "$(cd "$d" && pwd)/source.html" "$out/pages/$name-$r.html"
    uri="https://bench.example/$name/$r"
    req="GET /$name/$r HTTP/1.1"$'\r\n'"Host: bench.example"$'\r\n\r\n'
    printf 'WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=request\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' \
      "$uri" "${#req}" "$req" >> "$warc"
    hdr="HTTP/1.1 200 OK"$'\r\n'"Content-Type: text/html"$'\r\n\r\n'
    len=$(( ${#hdr} + $(wc -c < "$d/source.html") ))
    printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s' \
      "$uri" "$len" "$hdr" >> "$warc"
    cat "$d/source.html" >> "$warc"
    printf '\r\n\r\n' >> "$warc"
  done
done
gzip -1 -c "$warc" > "$warc.gz"
lscpu | grep -E '^(Model name|CPU\(s\))' | sed 's/  */ /g'
for input in "$out/pages" "$warc" "$warc.gz"; do
  echo "== $input"
  if [ -x /usr/bin/time ]; then # Debian package "time"
    /usr/bin/time -v build/bench/bench_pipeline read "$input" 2> "$out/time.txt"
    grep -E 'Maximum resident set size' "$out/time.txt" | sed 's/^\s*/peak memory: /'
  else
    build/bench/bench_pipeline read "$input"
  fi
done
largest=$(ls -S "$suite"/*/source.html | head -1)
echo "largest page: $largest, $(wc -c < "$largest") bytes"
