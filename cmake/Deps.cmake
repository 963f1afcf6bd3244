# Optional libraries found through pkg-config; modules append to READOUT_EXTRA_LIBS.
set(READOUT_EXTRA_LIBS "")

# Snowball stemmers (libstemmer-dev): the phrase matcher (src/match.c) uses the
# English stemmer to keep only the generated inflections of a word list entry
# that share the word's stem.  Debian ships no .pc file for it.
find_path(STEMMER_INCLUDE_DIR libstemmer.h)
find_library(STEMMER_LIBRARY NAMES stemmer)
if(NOT STEMMER_INCLUDE_DIR OR NOT STEMMER_LIBRARY)
  message(FATAL_ERROR "libstemmer not found: install libstemmer-dev (scripts/install-deps.sh)")
endif()
include_directories(${STEMMER_INCLUDE_DIR})
list(APPEND READOUT_EXTRA_LIBS ${STEMMER_LIBRARY})
# Web pages (read_html.c, extract_html.c, read_warc.c): libgumbo is a
# complete HTML5 parser (the browsers' tree-building rules, entities,
# broken markup); zlib reads .gz files and gzip-compressed WARC records.
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
list(APPEND READOUT_EXTRA_LIBS PkgConfig::GUMBO PkgConfig::ZLIB)
