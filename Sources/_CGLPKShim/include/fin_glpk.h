// A guarded entry point to GLPK.
//
// GLPK aborts the process on an invalid call unless an error hook is installed, and the hook
// can only return control by longjmp. A longjmp must never cross Swift frames, so every GLPK
// call the workbench makes happens inside fin_glpk_solve, in C, under one setjmp: build the
// problem from bulk arrays, solve, read the results, delete the problem. GLPK keeps
// per-thread state, so this all happens in one synchronous call on the caller's thread.
#ifndef FIN_GLPK_H
#define FIN_GLPK_H

#ifdef __cplusplus
extern "C" {
#endif

/// Raw outcome of a GLPK solve. The Swift wrapper maps it to a canonical status.
typedef struct {
    int intopt_return;      ///< glp_intopt's (or glp_simplex's) return code, 0 on success
    int mip_status;         ///< glp_mip_status (or glp_get_status for an LP) after the solve
    double objective;       ///< objective of the incumbent (excluding no constant)
    int has_bound;          ///< 1 when best_bound holds the best bound seen in the callback
    double best_bound;      ///< best bound over open nodes, recorded in the callback
    long long nodes;        ///< branch-and-bound nodes created (from glp_ios_tree_size)
    int hook_fired;         ///< 1 when GLPK raised an error and control came back through the hook
    char message[512];      ///< GLPK's error context when hook_fired
} fin_glpk_result;

/// Solves min/max c'x + 0 s.t. row_lb <= Ax <= row_ub, col_lb <= x <= col_ub, x_j integer where
/// is_integer[j]. Bounds of +/-HUGE_VAL mean "none". The matrix is given as `nnz` triplets with
/// 0-based row and column indices (validated here again). `time_limit_s` <= 0: no limit;
/// `mip_gap` < 0: GLPK's default. `x_out` (ncols doubles) receives the incumbent.
/// Returns 0 when the solve ran (see result), -1 when GLPK raised an error (result.message),
/// -2 when the input was rejected before GLPK was called (result.message).
int fin_glpk_solve(int ncols, int nrows,
                   const double *col_lb, const double *col_ub, const int *is_integer, const double *obj,
                   int maximize,
                   const double *row_lb, const double *row_ub,
                   int nnz, const int *row_index, const int *col_index, const double *value,
                   double time_limit_s, double mip_gap, int verbose,
                   double *x_out, fin_glpk_result *result);

/// Makes an invalid GLPK call (a column index out of range) under the guard and returns -1
/// with GLPK's message, proving that a GLPK error comes back as an error, not an abort.
int fin_glpk_provoke_error(fin_glpk_result *result);

/// GLPK's version string.
const char *fin_glpk_version(void);

#ifdef __cplusplus
}
#endif
#endif
