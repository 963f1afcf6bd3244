# Optional libraries found through pkg-config; modules append to READOUT_EXTRA_LIBS.
set(READOUT_EXTRA_LIBS "")
# Web pages (read_html.c, extract_html.c, read_warc.c): libgumbo is a
# complete HTML5 parser (the browsers' tree-building rules, entities,
# broken markup); zlib reads .gz files and gzip-compressed WARC records.
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
list(APPEND READOUT_EXTRA_LIBS PkgConfig::GUMBO PkgConfig::ZLIB)
