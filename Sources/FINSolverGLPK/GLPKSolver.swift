import CGLPK
import FINLinear
import _CGLPKShim

/// GLPK (GNU Linear Programming Kit, GPL-3.0-or-later) behind `MILPSolver`.
///
/// Quirks handled here and in the C shim `_CGLPKShim`:
/// - GLPK aborts the process on an invalid call unless an error hook is installed; the hook
///   must longjmp, so every GLPK call runs inside one C function under setjmp, and a GLPK
///   error comes back as `.error` with GLPK's message.
/// - GLPK keeps per-thread state: problem creation, solve and deletion happen in one
///   synchronous call on the calling thread.
/// - GLPK reports its best bound only inside the branch-and-cut callback; the shim records it
///   at every callback. After a complete search the bound is the optimum itself.
/// - GLPK's MIP preprocessor is off: on one of our models it declared an infeasible point
///   (latency row broken by 3.4e-5) optimal. The shim solves the root LP with the simplex
///   method, then runs branch-and-cut; an infeasible or unbounded root LP comes back as
///   GLP_ENOPFS / GLP_ENODFS.
/// - Tolerances: `tol_obj` 1e-10 and `tol_int` 1e-9 instead of 1e-7 and 1e-5 (docs/MILP.md).
/// - `threads` is ignored: GLPK is single-threaded.
public struct GLPKSolver: MILPSolver {
    public init() {}

    public var name: String { "glpk" }
    public var version: String { String(cString: fin_glpk_version()) }

    public func solveNonEmpty(_ model: LinearModel, options: SolveOptions) -> SolveResult {
        let label = "glpk \(version)"
        let n = model.variables.count
        let m = model.constraints.count
        let (rows, cols, values) = model.triplets()
        let lower = model.variables.map { $0.lower == -.infinity ? -Double.infinity : $0.lower }
        let upper = model.variables.map(\.upper)
        let integer = model.variables.map { $0.isInteger ? Int32(1) : 0 }
        let objective = model.variables.map(\.objective)
        let rowLower = model.constraints.map(\.lower)
        let rowUpper = model.constraints.map(\.upper)
        var x = [Double](repeating: 0, count: n)
        var raw = fin_glpk_result()
        let isMIP = integer.contains(1)
        let code = fin_glpk_solve(
            Int32(n), Int32(m), lower, upper, integer, objective, model.sense == .maximize ? 1 : 0,
            rowLower, rowUpper, Int32(values.count), rows, cols, values,
            options.timeLimitSeconds ?? 0, options.relativeGap ?? -1, options.verbose ? 1 : 0, &x, &raw)
        let message = withUnsafeBytes(of: raw.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard code == 0 else {
            return SolveResult(
                status: .error, wallSeconds: 0, solver: label,
                rawStatus: code == -1 ? "GLPK error hook" : "rejected by the shim",
                message: "GLPK: \(message)")
        }
        let status = Self.canonicalStatus(returnCode: raw.intopt_return, status: raw.mip_status, isMIP: isMIP)
        let rawStatus = "\(isMIP ? "glp_intopt" : "glp_simplex")=\(raw.intopt_return) status=\(raw.mip_status)"
        var result = SolveResult(
            status: status, nodes: isMIP ? Int(raw.nodes) : nil, wallSeconds: 0, solver: label, rawStatus: rawStatus)
        if status == .optimal || status == .feasible { result.values = x }
        // GLPK's return code 0 is a proof; GLP_EMIPGAP is a stop on the gap tolerance.
        result.settle(
            rawObjective: status == .optimal || status == .feasible ? raw.objective : nil,
            rawBound: raw.has_bound == 1 ? raw.best_bound : nil, model: model, options: options,
            stoppedOnGap: raw.intopt_return != 0)
        if status == .error { result.message = "GLPK failed: \(rawStatus)" }
        return result
    }

    /// The one place where GLPK's return codes and statuses become canonical statuses.
    static func canonicalStatus(returnCode: Int32, status: Int32, isMIP: Bool) -> SolveStatus {
        let hasPoint = status == GLP_OPT || status == GLP_FEAS
        switch returnCode {
        case 0:
            switch status {
            case GLP_OPT: return .optimal
            case GLP_FEAS: return isMIP ? .feasible : .error
            case GLP_NOFEAS, GLP_INFEAS: return .infeasible
            case GLP_UNBND: return .unbounded
            default: return .noSolution
            }
        case GLP_EMIPGAP: return hasPoint ? .optimal : .noSolution
        case GLP_ETMLIM, GLP_EITLIM, GLP_ESTOP: return hasPoint && isMIP ? .feasible : .noSolution
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        default: return .error
        }
    }

    /// Provokes an invalid GLPK call under the shim's guard; returns GLPK's message. For tests
    /// that prove an error in GLPK does not abort the process.
    public static func provokeError() -> String? {
        var raw = fin_glpk_result()
        guard fin_glpk_provoke_error(&raw) == -1 else { return nil }
        return withUnsafeBytes(of: raw.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
