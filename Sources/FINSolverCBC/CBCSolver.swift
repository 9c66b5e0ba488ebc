import CCbc
import FINLinear
import Foundation

/// CBC's C interface is not safe to call from two threads at once (concurrent `Cbc_solve`
/// calls failed about 1 in 7 times on this machine's 2.10.8): one process-wide lock.
private let cbcLock = NSLock()

/// COIN-OR CBC (EPL-2.0) behind `MILPSolver`, through its C interface (libCbcSolver).
///
/// Quirks handled here:
/// - Calls are serialised by a process-wide lock (see `cbcLock`).
/// - With no incumbent, `Cbc_getObjValue` returns 1e50: `Cbc_bestSolution` is checked first.
/// - A stop on the gap tolerance sets the secondary status 2 while `Cbc_isProvenOptimal` is
///   also true: that is "optimal within the requested gap", and the bound is CBC's.
/// - An unbounded relaxation is reported as infeasible (status -1, `Cbc_isProvenInfeasible`,
///   while the initial LP was not proven infeasible): in exactly that case a second solve with
///   a zero objective tells "unbounded" (feasible) from "infeasible".
/// - Infinite bounds are passed as `Double.greatestFiniteMagnitude` (COIN_DBL_MAX).
/// - The model object is deleted on every path (`defer`).
public struct CBCSolver: MILPSolver {
    public init() {}

    public var name: String { "cbc" }
    public var version: String { String(cString: Cbc_getVersion()) }

    public func solveNonEmpty(_ model: LinearModel, options: SolveOptions) -> SolveResult {
        let label = "cbc \(version)"
        let big = Double.greatestFiniteMagnitude
        func finite(_ x: Double) -> Double { x == .infinity ? big : (x == -.infinity ? -big : x) }
        let (starts, rows, values) = model.compressedColumns()
        let colLower = model.variables.map { finite($0.lower) }
        let colUpper = model.variables.map { finite($0.upper) }
        let objective = model.variables.map(\.objective)
        let rowLower = model.constraints.map { finite($0.lower) }
        let rowUpper = model.constraints.map { finite($0.upper) }

        cbcLock.lock()
        defer { cbcLock.unlock() }
        return solveLocked(
            model, options: options, label: label, starts: starts, rows: rows, values: values,
            colLower: colLower, colUpper: colUpper, objective: objective, rowLower: rowLower, rowUpper: rowUpper)
    }

    private func solveLocked(
        _ model: LinearModel, options: SolveOptions, label: String, starts: [Int32], rows: [Int32],
        values: [Double], colLower: [Double], colUpper: [Double], objective: [Double],
        rowLower: [Double], rowUpper: [Double]
    ) -> SolveResult {
        guard let cbc = Cbc_newModel() else {
            return SolveResult(
                status: .error, wallSeconds: 0, solver: label, rawStatus: "Cbc_newModel failed",
                message: "CBC: cannot create a model")
        }
        defer { Cbc_deleteModel(cbc) }
        Cbc_loadProblem(
            cbc, Int32(model.variables.count), Int32(model.constraints.count), starts, rows, values,
            colLower, colUpper, objective, rowLower, rowUpper)
        for (j, v) in model.variables.enumerated() where v.isInteger { Cbc_setInteger(cbc, Int32(j)) }
        Cbc_setObjSense(cbc, model.sense == .minimize ? 1 : -1)
        Cbc_setLogLevel(cbc, options.verbose ? 1 : 0)
        if let t = options.timeLimitSeconds, t > 0 {
            Cbc_setMaximumSeconds(cbc, t)
            // CBC counts CPU seconds by default (several threads stop it early; a shared core
            // late). Wall-clock time is what the workbench's limit means. CBC checks the limit
            // between phases only: on the journal scenario with 12-15 B-ResNet users (2 solves
            // at once) it overran a 60 s limit by more than 30 s, so the harness's hard limit stays.
            Cbc_setParameter(cbc, "timeMode", "elapsed")
        }
        if let g = options.relativeGap { Cbc_setAllowableFractionGap(cbc, g) }
        if options.threads > 1 { Cbc_setParameter(cbc, "threads", String(options.threads)) }
        // CBC's default dual tolerance (1e-7) lets the LP stop on a basis whose objective is
        // up to ~1e-7 above the optimum: small enough to hide real differences between
        // deployments (two routes for a small result). Tighter, as GLPK below.
        Cbc_setParameter(cbc, "dualT", "1e-9")
        Cbc_setParameter(cbc, "primalT", "1e-9")
        // CBC prunes every node whose bound is within the cutoff increment (default 1e-5,
        // absolute) of the incumbent: on an objective of order 1 that hides improvements of
        // 1e-5 relative. The workbench wants the optimum to 1e-9.
        Cbc_setParameter(cbc, "increment", "1e-10")
        // Integrality tolerance (default 1e-7): see the GLPK shim for why it matters.
        Cbc_setParameter(cbc, "integerT", "1e-9")
        let solveReturn = Cbc_solve(cbc)

        let primary = Cbc_status(cbc)
        let secondary = Cbc_secondaryStatus(cbc)
        let hasIncumbent = Cbc_bestSolution(cbc) != nil
        let isMIP = model.variables.contains(where: \.isInteger)
        let status = Self.canonicalStatus(
            primary: primary, secondary: secondary, provenOptimal: Cbc_isProvenOptimal(cbc) != 0,
            provenInfeasible: Cbc_isProvenInfeasible(cbc) != 0, unbounded: Cbc_isContinuousUnbounded(cbc) != 0,
            abandoned: Cbc_isAbandoned(cbc) != 0, hasIncumbent: hasIncumbent || !isMIP)
        let rawStatus = "Cbc_solve=\(solveReturn) status=\(primary) secondary=\(secondary) incumbent=\(hasIncumbent)"
        if status == .infeasible, primary == -1, Cbc_isInitialSolveProvenPrimalInfeasible(cbc) == 0,
            objective.contains(where: { $0 != 0 })
        {
            // Infeasible or unbounded? Ask for any feasible point.
            let zero = [Double](repeating: 0, count: objective.count)
            let check = solveLocked(
                model, options: options, label: label, starts: starts, rows: rows, values: values,
                colLower: colLower, colUpper: colUpper, objective: zero, rowLower: rowLower, rowUpper: rowUpper)
            if check.status == .optimal || check.status == .feasible {
                return SolveResult(
                    status: .unbounded, wallSeconds: 0, solver: label,
                    rawStatus: rawStatus + "; feasible with a zero objective")
            }
        }
        var result = SolveResult(
            status: status, nodes: isMIP ? Int(Cbc_getNodeCount(cbc)) : nil, wallSeconds: 0,
            solver: label, rawStatus: rawStatus)
        if status == .optimal || status == .feasible, let x = Cbc_getColSolution(cbc) {
            result.values = Array(UnsafeBufferPointer(start: x, count: model.variables.count))
        }
        // Secondary status 2: CBC stopped on the gap tolerance (its bound stays its own).
        result.settle(
            rawObjective: result.values != nil ? Cbc_getObjValue(cbc) : nil, rawBound: Cbc_getBestPossibleObjValue(cbc),
            model: model, options: options, stoppedOnGap: secondary == 2)
        if status == .optimal || status == .feasible, result.values == nil {
            result.status = .error
            result.message = "CBC reported a solution but returned no values"
        }
        if status == .error { result.message = "CBC failed: \(rawStatus)" }
        return result
    }

    /// The one place where CBC's statuses become canonical statuses.
    static func canonicalStatus(
        primary: Int32, secondary: Int32, provenOptimal: Bool, provenInfeasible: Bool,
        unbounded: Bool, abandoned: Bool, hasIncumbent: Bool
    ) -> SolveStatus {
        if abandoned || primary == 2 { return .error }
        if provenOptimal && hasIncumbent { return .optimal }  // includes a stop on the gap (secondary 2)
        if provenInfeasible || secondary == 1 { return unbounded ? .unbounded : .infeasible }
        if unbounded || secondary == 7 { return .unbounded }
        if primary == 1 || primary == 5 || [3, 4, 5, 6, 8].contains(secondary) {
            return hasIncumbent ? .feasible : .noSolution
        }
        if primary == 0 && secondary == 0 && hasIncumbent { return .optimal }
        return hasIncumbent ? .feasible : .noSolution
    }
}
