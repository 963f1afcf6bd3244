#!/usr/bin/env bash
# One command on a fresh Debian machine: install the dependencies, build,
# and run readout on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "== readout quotes --format text samples/wire-report.txt"
build/readout quotes --format text samples/wire-report.txt
