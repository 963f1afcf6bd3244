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
