// COIN-OR CBC's C interface (EPL-2.0). Debian: coinor-libcbc-dev; flags from pkg-config `cbc`.
#include <coin/Cbc_C_Interface.h>
