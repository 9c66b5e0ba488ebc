#include "stdio_shim.h"
#include <errno.h>
#include <stdio.h>

int fin_stdout_finish(void) {
    errno = 0;
    int flushed = fflush(stdout);
    if (flushed != 0 || ferror(stdout)) {
        return errno != 0 ? errno : -1;
    }
    return 0;
}
