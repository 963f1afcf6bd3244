#!/usr/bin/env bash
# The memory bound per document (README, "Limits"): a document's analysis
# takes at most 32 times its size in bytes, plus the program's own
# (the word lists), for any text; real news about 14 times.  Peak resident
# memory (GNU time's %M) of `quotes`, `names` and `stance` on one-document texts of
# several shapes, each at two sizes: the bound must hold at both, and the
# growth from the small to the large one must be linear within it.
#   memory_bound_test.sh READOUT [SHARED_DIR]
# Skipped without GNU time (scripts/install-deps.sh installs it).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SHARED=${2:-}
[ -n "$SHARED" ] && [ -d "$SHARED" ] && SHARED=$(cd "$SHARED" && pwd)
TIME=/usr/bin/time
if ! [ -x "$TIME" ] || ! "$TIME" -f %M true >/dev/null 2>&1; then
  echo "SKIP: GNU time (/usr/bin/time) is not installed"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0

# text of one shape, repeated to n bytes (cut at a whole repetition)
make_text() { # shape-text bytes out
  local unit=$1 n=$2 out=$3
  printf '%s' "$unit" > unit
  local reps=$((n / $(wc -c < unit)))
  # doubling concatenation: fast in any shell
  : > "$out"
  cp unit acc
  while [ "$reps" -gt 0 ]; do
    if [ $((reps & 1)) = 1 ]; then cat acc >> "$out"; fi
    reps=$((reps >> 1))
    [ "$reps" -gt 0 ] && cat acc acc > acc2 && mv acc2 acc
  done
}

peak_kb() { # command file -> KB
  "$TIME" -f %M -o rss "$BIN" "$1" "$2" > /dev/null 2> err || { echo "readout $1 $2 failed: $(cat err)" >&2; echo 0; return; }
  tail -1 rss
}

printf '' > empty.txt
base_q=$(peak_kb quotes empty.txt)
base_s=$(peak_kb stance empty.txt)
base_n=$(peak_kb names empty.txt)

check() { # name file-small file-large factor
  local name=$1 small=$2 large=$3 factor=$4
  local ss sl
  ss=$(wc -c < "$small"); sl=$(wc -c < "$large")
  for cmd in quotes names stance; do
    local base=$base_q
    [ "$cmd" = stance ] && base=$base_s
    [ "$cmd" = names ] && base=$base_n
    local ms ml
    ms=$(peak_kb "$cmd" "$small"); ml=$(peak_kb "$cmd" "$large")
    # KB of memory per byte of text, times 1000 (integers only)
    local slope=$(( (ml - ms) * 1024 * 1000 / (sl - ss) ))
    local whole=$(( (ml - base) * 1024 * 1000 / sl ))
    local lim=$((factor * 1000))
    local ok=PASS
    if [ "$ms" = 0 ] || [ "$ml" = 0 ] || [ "$slope" -gt "$lim" ] || [ "$whole" -gt "$lim" ]; then
      ok=FAIL; fail=1
    fi
    printf '%s %-10s %-7s %8d KB at %8d bytes  %8d KB at %8d bytes  growth %3d.%02dx  whole %3d.%02dx  (bound %dx)\n' \
      "$ok" "$name" "$cmd" "$ms" "$ss" "$ml" "$sl" $((slope / 1000)) $((slope % 1000 / 10)) \
      $((whole / 1000)) $((whole % 1000 / 10)) "$factor"
  done
}

S=400000 L=1600000
shape() { # name unit
  make_text "$2" $S "$1-s.txt"; make_text "$2" $L "$1-l.txt"
  check "$1" "$1-s.txt" "$1-l.txt" 32
}
shape prose $'The minister said: \xe2\x80\x9cWe will not accept this.\xe2\x80\x9d Mr Smith met Ms Jones in Geneva.\n\n'
shape words 'a '
shape paragraphs $'a\n\n'
shape names 'Mr Smith met Ms Jones. '
shape capitals 'Ab Cd '
shape quotes $'\xe2\x80\x9cx\xe2\x80\x9d '
shape said $'He said \xe2\x80\x9cno\xe2\x80\x9d. '
shape roles 'the minister said the spokesman said '
shape stops '. '

# real news (PolNeAR's train articles, run as one document each way), if present
T="$SHARED/corpora/polnear/train/text"
if [ -n "$SHARED" ] && [ -d "$T" ]; then
  files=("$T"/*.txt)
  half=$(( ${#files[@]} / 4 ))
  cat "${files[@]:0:$half}" > news-s.txt
  cat "${files[@]}" > news-l.txt
  check news news-s.txt news-l.txt 16
else
  echo "SKIP real news: $T not found"
fi
exit $fail
