#!/usr/bin/env bash
# Speaker accuracy on PolNeAR train, fold by fold: for each K, learn the models without the articles of
# fold K/5 (tools/train_speaker.c --fold), and score readout on those articles with this project's train
# referents (tools/polnear-train-referents.tsv).  Restores the full model at the end.
#   scripts/folds.sh [K...]          (default: 0 1 2)
# The fold articles are copied to a temporary directory, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
pn=${POLNEAR:-../shared/corpora/polnear}
[ -d "$pn/train/text" ] || { echo "folds.sh: $pn not found" >&2; exit 77; }
folds=("$@"); [ ${#folds[@]} -gt 0 ] || folds=(0 1 2)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target train_speaker >/dev/null
for k in "${folds[@]}"; do
  build/train_speaker "$pn" tools/polnear-train-referents.tsv --gold tests/gold/quotes --fold "$k/5" \
    --out data/speaker_model.tsv 2>/dev/null
  cmake --build build -j"$(nproc)" --target readout >/dev/null
  mkdir -p "$tmp/$k/text"
  python3 - "$k" "$pn" "$tmp/$k" <<'PY'
import json, os, shutil, sys
k, pn, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def fold(d):  # as fold_of in tools/train_speaker.c: FNV-1a of the file name, mod 5
    h = 2166136261
    for ch in d.encode():
        h = ((h ^ ch) * 16777619) & 0xffffffff
    return h % 5
with open(os.path.join(out, 'gold.jsonl'), 'w') as g:
    for line in open(os.path.join(pn, 'train-quotes.jsonl'), encoding='utf-8'):
        doc = json.loads(line)['doc']
        if fold(doc) == k:
            g.write(line)
            dst = os.path.join(out, 'text', doc)
            if not os.path.exists(dst):
                shutil.copy(os.path.join(pn, 'train', 'text', doc), dst)
PY
  build/readout quotes "$tmp/$k/text" > "$tmp/$k/pred.jsonl"
  printf 'fold %s: ' "$k"
  python3 ../shared/tools/score_quotes.py "$tmp/$k/gold.jsonl" "$tmp/$k/pred.jsonl" "$tmp/$k/text" \
    tools/polnear-train-referents.tsv 2>/dev/null | tail -1
done
build/train_speaker "$pn" tools/polnear-train-referents.tsv --gold tests/gold/quotes --out data/speaker_model.tsv 2>/dev/null
cmake --build build -j"$(nproc)" >/dev/null
