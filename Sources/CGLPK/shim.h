// GLPK's C API (GPL-3.0-or-later). Debian: libglpk-dev. GLPK ships no pkg-config file.
#include <glpk.h>
