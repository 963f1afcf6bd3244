#!/usr/bin/env bash
# Learn the speaker attribution models (data/speaker_model.tsv) from PolNeAR train
# (../shared/corpora/polnear), with the project's referents for its pronoun and
# description sources (tools/polnear-train-referents.tsv) and the project's own gold
# set (tests/gold/quotes; never the held-out set).  Then rebuild and measure on dev:
#   scripts/train.sh [--epochs N]
set -euo pipefail
cd "$(dirname "$0")/.."
pn=${POLNEAR:-../shared/corpora/polnear}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target train_speaker >/dev/null
build/train_speaker "$pn" tools/polnear-train-referents.tsv --gold tests/gold/quotes "$@" \
  --out data/speaker_model.tsv
cmake --build build -j"$(nproc)" >/dev/null
build/readout quotes "$pn/dev/text" > build/polnear-dev.jsonl
python3 ../shared/tools/score_quotes.py "$pn/dev-quotes.jsonl" build/polnear-dev.jsonl "$pn/dev/text" \
  "$pn/dev-referents.tsv"
