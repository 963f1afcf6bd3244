# Optional libraries found through pkg-config; modules append to READOUT_EXTRA_LIBS.
set(READOUT_EXTRA_LIBS "")
