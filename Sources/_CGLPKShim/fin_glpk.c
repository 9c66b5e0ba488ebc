#include "fin_glpk.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Per-call state reachable from GLPK's hook and callback. Thread-local: GLPK's own state is
// per-thread, and two threads may solve at once.
typedef struct {
    jmp_buf env;
    fin_glpk_result *result;
    int verbose;
    char output[512];  // the tail of GLPK's terminal output, for error messages
} guard_t;

static _Thread_local guard_t *current_guard = NULL;

static void error_hook(void *info) {
    (void)info;
    guard_t *g = current_guard;
    if (g == NULL) abort();  // not ours: keep GLPK's default behaviour
    longjmp(g->env, 1);
}

// Keeps the tail of GLPK's terminal output (its error messages go there) and silences it
// unless verbose.
static int terminal_hook(void *info, const char *text) {
    guard_t *g = (guard_t *)info;
    size_t have = strlen(g->output), add = strlen(text), room = sizeof g->output - 1;
    if (add >= room) {
        memcpy(g->output, text + add - room, room);
        g->output[room] = 0;
    } else {
        if (have + add > room) {
            memmove(g->output, g->output + (have + add - room), have - (have + add - room));
            have = room - add;
        }
        memcpy(g->output + have, text, add + 1);
    }
    return g->verbose ? 0 : 1;
}

typedef struct {
    fin_glpk_result *result;
} callback_t;

// Records the best bound over open subproblems whenever GLPK calls back: GLPK reports its
// bound only here, never after glp_intopt returns.
static void branch_callback(glp_tree *tree, void *info) {
    callback_t *cb = (callback_t *)info;
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        double bound = glp_ios_node_bound(tree, best);
        if (isfinite(bound)) {
            cb->result->best_bound = bound;
            cb->result->has_bound = 1;
        }
    }
    int active = 0, current = 0, total = 0;
    glp_ios_tree_size(tree, &active, &current, &total);
    cb->result->nodes = total;
}

static int set_bounds_type(double lb, double ub) {
    int has_lb = isfinite(lb), has_ub = isfinite(ub);
    if (has_lb && has_ub) return lb == ub ? GLP_FX : GLP_DB;
    if (has_lb) return GLP_LO;
    if (has_ub) return GLP_UP;
    return GLP_FR;
}

const char *fin_glpk_version(void) { return glp_version(); }

int fin_glpk_solve(int ncols, int nrows,
                   const double *col_lb, const double *col_ub, const int *is_integer, const double *obj,
                   int maximize,
                   const double *row_lb, const double *row_ub,
                   int nnz, const int *row_index, const int *col_index, const double *value,
                   double time_limit_s, double mip_gap, int verbose,
                   double *x_out, fin_glpk_result *result) {
    memset(result, 0, sizeof(*result));
    result->best_bound = NAN;
    result->objective = NAN;
    // Validate everything GLPK would abort on.
    if (ncols < 1 || nrows < 0 || nnz < 0) {
        snprintf(result->message, sizeof result->message, "invalid sizes: %d columns, %d rows, %d entries", ncols, nrows, nnz);
        return -2;
    }
    for (int k = 0; k < nnz; k++) {
        if (row_index[k] < 0 || row_index[k] >= nrows || col_index[k] < 0 || col_index[k] >= ncols || !isfinite(value[k])) {
            snprintf(result->message, sizeof result->message, "invalid matrix entry %d: row %d, column %d", k, row_index[k], col_index[k]);
            return -2;
        }
    }
    for (int j = 0; j < ncols; j++) {
        if (col_lb[j] > col_ub[j] || isnan(col_lb[j]) || isnan(col_ub[j]) || !isfinite(obj[j])) {
            snprintf(result->message, sizeof result->message, "invalid column %d", j);
            return -2;
        }
    }
    for (int i = 0; i < nrows; i++) {
        if (row_lb[i] > row_ub[i] || isnan(row_lb[i]) || isnan(row_ub[i])) {
            snprintf(result->message, sizeof result->message, "invalid row %d", i);
            return -2;
        }
    }
    // 1-based copies for glp_load_matrix (index 0 unused).
    int *ia = malloc(sizeof(int) * (size_t)(nnz + 1));
    int *ja = malloc(sizeof(int) * (size_t)(nnz + 1));
    double *ar = malloc(sizeof(double) * (size_t)(nnz + 1));
    if (!ia || !ja || !ar) {
        free(ia); free(ja); free(ar);
        snprintf(result->message, sizeof result->message, "out of memory");
        return -2;
    }
    for (int k = 0; k < nnz; k++) {
        ia[k + 1] = row_index[k] + 1;
        ja[k + 1] = col_index[k] + 1;
        ar[k + 1] = value[k];
    }

    guard_t guard;
    guard.result = result;
    guard.verbose = verbose;
    guard.output[0] = 0;
    guard_t *previous = current_guard;
    current_guard = &guard;
    // volatile: read after a longjmp.
    glp_prob *volatile prob = NULL;
    int any_integer = 0;

    if (setjmp(guard.env) != 0) {
        // GLPK raised an error. Its environment (and the problem object) are unusable: free
        // the whole environment, which frees every GLPK object of this thread.
        result->hook_fired = 1;
        // Keep the last lines of GLPK's output, without trailing newlines.
        size_t n = strlen(guard.output);
        while (n > 0 && (guard.output[n - 1] == '\n' || guard.output[n - 1] == ' ')) guard.output[--n] = 0;
        snprintf(result->message, sizeof result->message, "%s", n > 0 ? guard.output : "GLPK raised an internal error");
        glp_error_hook(NULL, NULL);
        glp_free_env();
        current_guard = previous;
        free(ia); free(ja); free(ar);
        return -1;
    }
    glp_error_hook(error_hook, NULL);
    glp_term_out(GLP_ON);
    glp_term_hook(terminal_hook, &guard);

    prob = glp_create_prob();
    glp_set_obj_dir(prob, maximize ? GLP_MAX : GLP_MIN);
    if (nrows > 0) glp_add_rows(prob, nrows);
    glp_add_cols(prob, ncols);
    for (int i = 0; i < nrows; i++) {
        glp_set_row_bnds(prob, i + 1, set_bounds_type(row_lb[i], row_ub[i]),
                         isfinite(row_lb[i]) ? row_lb[i] : 0, isfinite(row_ub[i]) ? row_ub[i] : 0);
    }
    for (int j = 0; j < ncols; j++) {
        glp_set_col_bnds(prob, j + 1, set_bounds_type(col_lb[j], col_ub[j]),
                         isfinite(col_lb[j]) ? col_lb[j] : 0, isfinite(col_ub[j]) ? col_ub[j] : 0);
        glp_set_obj_coef(prob, j + 1, obj[j]);
        if (is_integer[j]) {
            glp_set_col_kind(prob, j + 1, GLP_IV);
            any_integer = 1;
        }
    }
    if (nnz > 0) glp_load_matrix(prob, nnz, ia, ja, ar);

    if (any_integer) {
        // GLPK's MIP preprocessor is not used: on an infeasible model whose latency row has
        // coefficients from 1e-5 to 0.1 it declared a point violating that row by 3.4e-5
        // "integer optimal" (glpsol does the same). Instead: the root LP by the simplex
        // method, then branch-and-cut on it.
        double started = glp_time();
        glp_smcp lp;
        glp_init_smcp(&lp);
        lp.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
        lp.presolve = GLP_OFF;
        if (time_limit_s > 0) lp.tm_lim = time_limit_s * 1000 < 2e9 ? (int)ceil(time_limit_s * 1000) : 2000000000;
        int lp_return = glp_simplex(prob, &lp);
        int lp_status = glp_get_status(prob);
        if (lp_return != 0 || lp_status != GLP_OPT) {
            // Report the relaxation's outcome in the MIP's terms.
            result->intopt_return = lp_return != 0 ? lp_return
                                  : (lp_status == GLP_NOFEAS ? GLP_ENOPFS : (lp_status == GLP_UNBND ? GLP_ENODFS : GLP_EFAIL));
            result->mip_status = GLP_UNDEF;
            for (int j = 0; j < ncols; j++) x_out[j] = 0;
        } else {
            glp_iocp parm;
            glp_init_iocp(&parm);
            parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
            parm.presolve = GLP_OFF;
            if (time_limit_s > 0) {
                // The simplex already used part of the time.
                double left = time_limit_s - glp_difftime(glp_time(), started);
                parm.tm_lim = left * 1000 < 1 ? 1 : (left * 1000 < 2e9 ? (int)ceil(left * 1000) : 2000000000);
            }
            if (mip_gap >= 0) parm.mip_gap = mip_gap;
            // Default 1e-7: a node whose bound is within 1e-7 (relative) of the incumbent is
            // pruned, which hides small but real improvements.
            parm.tol_obj = 1e-10;
            // Default 1e-5: a binary at 0.99999 would count as 1.
            parm.tol_int = 1e-9;
            callback_t cb = {result};
            parm.cb_func = branch_callback;
            parm.cb_info = &cb;
            result->intopt_return = glp_intopt(prob, &parm);
            result->mip_status = glp_mip_status(prob);
            result->objective = glp_mip_obj_val(prob);
            for (int j = 0; j < ncols; j++) x_out[j] = glp_mip_col_val(prob, j + 1);
        }
    } else {
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
        parm.presolve = GLP_OFF;
        if (time_limit_s > 0) parm.tm_lim = time_limit_s * 1000 < 2e9 ? (int)ceil(time_limit_s * 1000) : 2000000000;
        result->intopt_return = glp_simplex(prob, &parm);
        result->mip_status = glp_get_status(prob);
        result->objective = glp_get_obj_val(prob);
        for (int j = 0; j < ncols; j++) x_out[j] = glp_get_col_prim(prob, j + 1);
        if (result->mip_status == GLP_OPT) {
            result->best_bound = result->objective;
            result->has_bound = 1;
        }
    }
    glp_delete_prob(prob);
    prob = NULL;
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
    current_guard = previous;
    free(ia); free(ja); free(ar);
    return 0;
}

int fin_glpk_provoke_error(fin_glpk_result *result) {
    memset(result, 0, sizeof(*result));
    guard_t guard;
    guard.result = result;
    guard.verbose = 0;
    guard.output[0] = 0;
    guard_t *previous = current_guard;
    current_guard = &guard;
    if (setjmp(guard.env) != 0) {
        result->hook_fired = 1;
        size_t n = strlen(guard.output);
        while (n > 0 && (guard.output[n - 1] == '\n' || guard.output[n - 1] == ' ')) guard.output[--n] = 0;
        snprintf(result->message, sizeof result->message, "%s", guard.output);
        glp_error_hook(NULL, NULL);
        glp_free_env();
        current_guard = previous;
        return -1;
    }
    glp_error_hook(error_hook, NULL);
    glp_term_out(GLP_ON);
    glp_term_hook(terminal_hook, &guard);
    glp_prob *prob = glp_create_prob();
    glp_add_cols(prob, 1);
    glp_set_obj_coef(prob, 5, 1.0);  // column 5 does not exist: GLPK raises an error
    glp_delete_prob(prob);
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
    current_guard = previous;
    return 0;
}
