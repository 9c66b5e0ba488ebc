#ifndef FIN_STDIO_SHIM_H
#define FIN_STDIO_SHIM_H

/// Flushes standard output and reports whether any write to it failed (0: every write went
/// through; otherwise the errno of the failure, or -1 when unknown). Swift 6 cannot name the C
/// global `stdout` from concurrent code, so the check lives here.
int fin_stdout_finish(void);

#endif
