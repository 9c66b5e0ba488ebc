import CHiGHS
import FINLinear
#if canImport(Glibc)
    import Glibc
#endif

/// HiGHS (MIT) behind `MILPSolver`, through its C API (`highs_c_api.h`, libhighs from the pinned
/// PyPI wheel `highsbox` that `scripts/setup.sh` installs). A model with integer variables goes
/// to HiGHS's branch-and-cut; one without (the LP relaxation behind `lp-highs`) to its simplex.
///
/// Quirks handled here:
/// - HiGHS's defaults stop a MIP at a relative gap of 1e-4 or an absolute gap of 1e-6, and use
///   feasibility tolerances of 1e-7 (LP) and 1e-6 (MIP): far looser than the 1e-9 the workbench
///   checks optima to. Set here: `mip_rel_gap` 0 (or the gap asked for), `mip_abs_gap` 1e-10,
///   `primal_feasibility_tolerance`, `dual_feasibility_tolerance` and
///   `mip_feasibility_tolerance` 1e-9 (as CBC's `primalT`, `dualT`, `integerT`). With HiGHS's
///   defaults the oracle test failed: on seed 58 HiGHS's "optimal" was 1.1e-5 (relative) above
///   the true optimum, inside its default gap.
/// - `threads` defaults to 0 in HiGHS (half the cores); the workbench's default is 1. The
///   scheduler that runs HiGHS's threads is per calling thread (`thread_local` in
///   HighsTaskExecutor) and `Highs_destroy` shuts down the calling thread's scheduler, so each
///   solve (create, run, destroy on one thread, synchronously) starts a scheduler with its own
///   thread count: no "global scheduler already initialized" error when solves differ.
/// - Presolve may end with "unbounded or infeasible" (model status 9); then the model is solved
///   again with presolve off. A MIP still says 9 when its relaxation is unbounded and no integer
///   point is known; a zero-objective solve then decides (see `solveNonEmpty`).
/// - `Highs_getObjectiveValue` and `mip_dual_bound` include the objective offset; the model is
///   passed with offset 0 and the constant added here, as in the other backends.
/// - With no incumbent, the objective value is meaningless (`primal_solution_status` says so) and
///   `mip_dual_bound` is -inf/+inf until the root LP is solved.
/// - `time_limit` runs from `Highs_run`; the backend passes what is left of the caller's limit.
///   HiGHS checks it often in the search but only between presolve passes: on the 10,000-node
///   synthetic instance (345k columns) presolve alone takes 1.2 s, and a 1 s limit ended after
///   1.7 s. On the conformance problems it stops within 0.01 s of the limit. But on a 10,000-node
///   single application (199k columns, `finbench-bench peers`) a 20 s limit ended after 35.3 s
///   and a 60 s one after 87 s: some phase of the MIP solve does not look at `time_limit`. So the
///   backend also installs HiGHS's interrupt callbacks (simplex, IPM, MIP), which HiGHS calls
///   often inside those phases; the callback stops the run once the deadline has passed
///   (`interruptAtDeadline`; model status "interrupt", mapped like the time limit).
/// - The Highs object is destroyed on every path (`defer`).
public struct HiGHSSolver: MILPSolver {
    public init() {}

    /// The callbacks HiGHS calls inside its simplex, interior-point and MIP loops.
    private static let interrupts = [
        kHighsCallbackSimplexInterrupt, kHighsCallbackIpmInterrupt, kHighsCallbackMipInterrupt,
    ]

    /// Seconds on CLOCK_MONOTONIC.
    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// Asks HiGHS to stop once the deadline (`user_callback_data`: CLOCK_MONOTONIC seconds) has
    /// passed. A C function: it holds no Swift state and cannot throw.
    private static let interruptAtDeadline: HighsCCallbackType = { _, _, _, dataIn, stopAt in
        guard let dataIn, let stopAt else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        if Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9 >= stopAt.load(as: Double.self) {
            dataIn.pointee.user_interrupt = 1
        }
    }

    public var name: String { "highs" }
    public var version: String { String(cString: Highs_version()) }

    /// A call into HiGHS that was refused before the solve.
    public enum Failure: Error, Equatable {
        /// `Highs_create` returned null.
        case cannotCreate
        /// An option was rejected (name, value as text, HiGHS's return code).
        case option(String, String, Int32)
        /// `Highs_passLp` / `Highs_passMip` rejected the model.
        case model(Int32)

        var message: String {
            switch self {
            case .cannotCreate: "HiGHS: cannot create an instance"
            case .option(let name, let value, let code): "HiGHS rejected option \(name)=\(value) (status \(code))"
            case .model(let code): "HiGHS rejected the model (status \(code))"
            }
        }
    }

    public func solveNonEmpty(_ model: LinearModel, options: SolveOptions) -> SolveResult {
        let label = "highs \(version)"
        // The time limit covers the whole call: every run sets HiGHS's `time_limit` to what is left
        // just before `Highs_run` (HiGHS's clock starts there; building and loading a model of
        // 345k columns took 0.25-0.3 s before it).
        let deadline = options.timeLimitSeconds.flatMap { $0 > 0 ? ContinuousClock.now + .seconds($0) : nil }
        do {
            let first = try solveOnce(model, options: options, label: label, presolve: true, deadline: deadline)
            guard first.modelStatus == kHighsModelStatusUnboundedOrInfeasible else { return first.result }
            // Presolve proved "no finite optimum" without saying which: solve again without it.
            var second = try solveOnce(model, options: options, label: label, presolve: false, deadline: deadline)
            second.result.rawStatus = first.result.rawStatus + "; " + second.result.rawStatus
            guard second.modelStatus == kHighsModelStatusUnboundedOrInfeasible else { return second.result }
            // A MIP whose relaxation is unbounded, with no integer point found yet: any feasible
            // point makes the MIP unbounded (rational data); look for one with a zero objective.
            let check = try solveOnce(
                model, options: options, label: label, presolve: true, zeroObjective: true,
                deadline: deadline)
            let feasible: Bool? =
                switch check.result.status {
                case .optimal, .feasible: true
                case .infeasible: false
                default: nil
                }
            second.result.status = Self.canonicalStatus(
                runStatus: second.runStatus, modelStatus: second.modelStatus, hasPoint: second.hasPoint,
                isMIP: second.isMIP, presolveOff: true, zeroObjectiveFeasible: feasible)
            second.result.rawStatus += "; zero objective: " + check.result.rawStatus
            return second.result
        } catch {
            return SolveResult(
                status: .error, wallSeconds: 0, solver: label, rawStatus: "not run",
                message: error.message)
        }
    }

    /// The outcome of one run, with HiGHS's raw codes.
    private struct Run {
        var result: SolveResult
        let runStatus: HighsInt
        let modelStatus: HighsInt
        let hasPoint: Bool
        let isMIP: Bool
    }

    /// One Highs instance, created, run and destroyed on the calling thread.
    private func solveOnce(
        _ model: LinearModel, options: SolveOptions, label: String, presolve: Bool,
        zeroObjective: Bool = false, deadline: ContinuousClock.Instant?
    ) throws(Failure) -> Run {
        guard let highs = Highs_create() else { throw .cannotCreate }
        defer { Highs_destroy(highs) }
        let isMIP = model.variables.contains(where: \.isInteger)

        func set(_ name: String, _ value: Bool) throws(Failure) {
            let code = Highs_setBoolOptionValue(highs, name, value ? 1 : 0)
            if code == kHighsStatusError { throw .option(name, String(value), code) }
        }
        func set(_ name: String, _ value: Int) throws(Failure) {
            let code = Highs_setIntOptionValue(highs, name, HighsInt(value))
            if code == kHighsStatusError { throw .option(name, String(value), code) }
        }
        func set(_ name: String, _ value: Double) throws(Failure) {
            let code = Highs_setDoubleOptionValue(highs, name, value)
            if code == kHighsStatusError { throw .option(name, String(value), code) }
        }
        func set(_ name: String, _ value: String) throws(Failure) {
            let code = Highs_setStringOptionValue(highs, name, value)
            if code == kHighsStatusError { throw .option(name, value, code) }
        }
        try set("output_flag", options.verbose)
        try set("threads", max(1, options.threads))
        try set("mip_rel_gap", max(0, options.relativeGap ?? 0))
        try set("mip_abs_gap", 1e-10)
        try set("primal_feasibility_tolerance", 1e-9)
        try set("dual_feasibility_tolerance", 1e-9)
        try set("mip_feasibility_tolerance", 1e-9)
        if !presolve { try set("presolve", "off") }

        // HiGHS takes infinite bounds as they are (kHighsInf is +inf).
        let (starts, rows, values) = model.compressedColumns()
        let n = HighsInt(model.variables.count)
        let m = HighsInt(model.constraints.count)
        let sense = model.sense == .minimize ? kHighsObjSenseMinimize : kHighsObjSenseMaximize
        let cost =
            zeroObjective
            ? [Double](repeating: 0, count: model.variables.count)
            : model.variables.map(\.objective)
        let colLower = model.variables.map(\.lower)
        let colUpper = model.variables.map(\.upper)
        let rowLower = model.constraints.map(\.lower)
        let rowUpper = model.constraints.map(\.upper)
        let passed: HighsInt
        if isMIP {
            let integrality = model.variables.map { $0.isInteger ? kHighsVarTypeInteger : kHighsVarTypeContinuous }
            passed = Highs_passMip(
                highs, n, m, HighsInt(values.count), kHighsMatrixFormatColwise, sense, 0,
                cost, colLower, colUpper, rowLower, rowUpper, starts, rows, values, integrality)
        } else {
            passed = Highs_passLp(
                highs, n, m, HighsInt(values.count), kHighsMatrixFormatColwise, sense, 0,
                cost, colLower, colUpper, rowLower, rowUpper, starts, rows, values)
        }
        if passed == kHighsStatusError { throw .model(passed) }

        if let deadline {
            let left = ContinuousClock.now.duration(to: deadline)
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
            try set("time_limit", max(seconds, 1e-3))
        }
        // The deadline as CLOCK_MONOTONIC seconds, for the interrupt callback (no Swift state).
        let stopAt = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer { stopAt.deallocate() }
        stopAt.pointee = .infinity
        if let deadline {
            let left = ContinuousClock.now.duration(to: deadline)
            stopAt.pointee =
                Self.monotonicSeconds() + Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
            _ = Highs_setCallback(highs, Self.interruptAtDeadline, stopAt)
            for kind in Self.interrupts { _ = Highs_startCallback(highs, kind) }
        }
        let runStatus = Highs_run(highs)
        if deadline != nil {
            for kind in Self.interrupts { _ = Highs_stopCallback(highs, kind) }
        }
        let modelStatus = Highs_getModelStatus(highs)
        var primalStatus: HighsInt = kHighsSolutionStatusNone
        _ = Highs_getIntInfoValue(highs, "primal_solution_status", &primalStatus)
        let hasPoint = primalStatus == kHighsSolutionStatusFeasible
        let status = Self.canonicalStatus(
            runStatus: runStatus, modelStatus: modelStatus, hasPoint: hasPoint,
            isMIP: isMIP, presolveOff: !presolve, zeroObjectiveFeasible: nil)
        let rawStatus =
            "Highs_run=\(runStatus) model_status=\(modelStatus) primal_solution_status=\(primalStatus)"
            + (presolve ? "" : " presolve=off")
        var nodes: Int64 = 0
        if isMIP { _ = Highs_getInt64InfoValue(highs, "mip_node_count", &nodes) }
        var result = SolveResult(
            status: status, nodes: isMIP ? Int(nodes) : nil, wallSeconds: 0, solver: label,
            rawStatus: rawStatus)
        var dualBound = Double.nan
        if isMIP { _ = Highs_getDoubleInfoValue(highs, "mip_dual_bound", &dualBound) }
        var rawObjective: Double?
        if status == .optimal || status == .feasible {
            var x = [Double](repeating: 0, count: model.variables.count)
            _ = Highs_getSolution(highs, &x, nil, nil, nil)
            result.values = x
            rawObjective = Highs_getObjectiveValue(highs)
        }
        if status == .error { result.message = "HiGHS failed: \(rawStatus)" }
        // HiGHS's dual bound may differ from a proven optimum by up to mip_abs_gap: an optimum
        // proven with no gap allowed takes its objective as the bound (`settle`).
        result.settle(
            rawObjective: rawObjective, rawBound: isMIP ? dualBound : nil, model: model, options: options,
            stoppedOnGap: false)
        return Run(result: result, runStatus: runStatus, modelStatus: modelStatus, hasPoint: hasPoint, isMIP: isMIP)
    }

    /// The one place where HiGHS's run status and model status become canonical statuses.
    /// `hasPoint`: `primal_solution_status` is "feasible" (an incumbent, for a MIP).
    /// `presolveOff`: the run had presolve off. `zeroObjectiveFeasible`: whether the model with a
    /// zero objective has a feasible point, when that was asked (nil: not asked, or not known).
    static func canonicalStatus(
        runStatus: HighsInt, modelStatus: HighsInt, hasPoint: Bool, isMIP: Bool,
        presolveOff: Bool, zeroObjectiveFeasible: Bool?
    ) -> SolveStatus {
        if runStatus == kHighsStatusError { return .error }
        switch modelStatus {
        case kHighsModelStatusOptimal:
            return hasPoint ? .optimal : .error
        case kHighsModelStatusInfeasible:
            return .infeasible
        case kHighsModelStatusUnbounded:
            // For a MIP, HiGHS says "unbounded" only when the root LP is unbounded and it has an
            // incumbent (HighsMipSolverData::evaluateRootNode); without one it says 9, below.
            return .unbounded
        case kHighsModelStatusUnboundedOrInfeasible:
            // After presolve: nothing proven yet (`solveNonEmpty` runs again without presolve).
            // Without presolve, for a MIP: the relaxation is unbounded and no integer point is
            // known; a feasible point (zero-objective solve) makes the MIP unbounded, none makes it
            // infeasible; not known: "unbounded" in the canonical sense (relaxation unbounded).
            guard presolveOff else { return .noSolution }
            return zeroObjectiveFeasible == false ? .infeasible : .unbounded
        case kHighsModelStatusTimeLimit, kHighsModelStatusIterationLimit, kHighsModelStatusSolutionLimit,
            kHighsModelStatusInterrupt, kHighsModelStatusObjectiveBound, kHighsModelStatusObjectiveTarget:
            // A limit: an LP's point at a limit is not an answer.
            return hasPoint && isMIP ? .feasible : .noSolution
        case kHighsModelStatusUnknown:
            // HiGHS stopped without a verdict (numerical trouble): keep an incumbent as feasible.
            return hasPoint && isMIP ? .feasible : .error
        default:
            // Notset, load/model/presolve/solve/postsolve errors; ModelEmpty cannot happen
            // (`solve` answers models with no variables itself).
            return .error
        }
    }
}
