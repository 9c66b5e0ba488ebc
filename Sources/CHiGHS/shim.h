// HiGHS's C API (MIT). Not packaged by Debian: scripts/setup.sh installs the pinned PyPI wheel
// highsbox into /usr/local/lib/highs and writes /usr/local/lib/pkgconfig/highs.pc, whose
// Cflags put include/highs on the path.
#include <interfaces/highs_c_api.h>
