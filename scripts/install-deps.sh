#!/usr/bin/env bash
# Installs what readout needs to build and test, from Debian's packages.
set -euo pipefail
PKGS=(build-essential cmake pkg-config
      libutf8proc-dev   # Unicode properties and case mapping
      libjansson-dev    # JSON Lines input
      libgumbo-dev      # HTML5 parsing
      zlib1g-dev        # gzip and .warc.gz input
      libstemmer-dev    # Snowball stemmers for inflections
      libsqlite3-dev    # corpus store (FTS5)
      libpcre2-dev
      valgrind time)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
