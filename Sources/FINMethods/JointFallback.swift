import FIN
import FINEvaluator
import FINLinear
import FINMILP
import FINModel
import FINSolverHiGHS
import Foundation

/// `fin-multi` with its master problem solved by `masterSolver` and an exact fallback (docs/FIN.md,
/// "Several applications jointly"): when the
/// Lagrangian method ends without a deployment, or with a certified gap above its tolerance, on an
/// instance small enough for the MILP (at most `largestGraph` expanded-graph edges in all), the
/// MILP (`fallbackSolver`, HiGHS) runs in the time left; the better deployment and the better bound are kept, and
/// `info.fallback` says what the MILP did. On small instances fin-multi itself gets half the time. `infeasible` then
/// comes from either proof: the
/// Lagrangian certificate or the MILP's.
enum JointFallback {
    /// The largest instance, in expanded-graph edges over all applications, given to the MILP.
    static let largestGraph = 200_000
    /// Seconds the MILP needs at least to be worth starting.
    static let leastTime = 0.5
    /// Instances with at most this many (node, application, block) triples are small: fin-multi
    /// gets half the time limit, so that the MILP keeps the other half when fin-multi leaves the
    /// instance open (on an infeasible instance the Lagrangian search can spend all its time
    /// looking for a certificate the MILP finds in a second).
    static let smallInstance = 50_000

    /// Seconds the fallback leaves before the limit: the MILP solver's overrun past its own limit
    /// (measured on the contended preset, docs/FIN.md), decoding and writing the answer.
    static let margin = 0.5
    /// The solver of the restricted master problem (small models: hundreds to thousands of binaries).
    static let masterSolver: any MILPSolver = HiGHSSolver()
    /// The solver of the exact fallback.
    static let fallbackSolver: any MILPSolver = HiGHSSolver()

    static func solve(_ instance: Instance, options: MultiApplication.Options) -> Solution {
        let started = Date()
        let deadline = started.addingTimeInterval(options.timeLimitSeconds)
        let blocks = instance.models.map(\.blocks.count).max() ?? 1
        let small = instance.nodes.count * instance.applications.count * blocks <= smallInstance
        var first = options
        if first.master == nil { first.master = masterSolver }
        if small { first.timeLimitSeconds = options.timeLimitSeconds / 2 }
        let joint = MultiApplication.solve(instance, options: first)
        let left = deadline.timeIntervalSinceNow - margin
        let open = joint.status == .noSolution || joint.status == .feasible && (joint.gap ?? 1) > options.relativeGap
        let edges = joint.info["graphEdges"]?.numberValue ?? .infinity
        guard open, left >= leastTime, edges <= Double(largestGraph) else { return joint }
        let milp = MILPMethod.solve(
            instance, solver: fallbackSolver,
            options: SolveOptions(timeLimitSeconds: left, relativeGap: options.relativeGap, threads: options.threads),
            deadline: deadline.addingTimeInterval(-margin)
        ).solution
        var out = joint
        let said = "milp-\(fallbackSolver.name) in the \(String(format: "%.1f", left)) s left: \(milp.status.rawValue)"
        out.info["fallback"] = .string(said)
        switch milp.status {
        case .infeasible:
            out.status = .infeasible
            out.deployments = []
            out.objectiveJoulesPerSecond = nil
            out.boundJoulesPerSecond = nil
            out.gap = nil
            out.info["message"] = .string("no joint deployment exists (proven by the MILP fallback)")
        case .optimal, .feasible:
            let better = (milp.objectiveJoulesPerSecond ?? .infinity) < (joint.objectiveJoulesPerSecond ?? .infinity)
            if better { out.deployments = milp.deployments }
            let bounds = [joint.boundJoulesPerSecond, milp.boundJoulesPerSecond].compactMap { $0 }
            out.boundJoulesPerSecond = bounds.max()
            out = Evaluator(instance).checked(out)
            if out.status != .error, let o = out.objectiveJoulesPerSecond {
                if let b = out.boundJoulesPerSecond, b > o { out.boundJoulesPerSecond = o }
                out.gap = Solution.relativeGap(objective: o, bound: out.boundJoulesPerSecond)
                // The MILP's optimum (within the gap tolerance) is proven whichever answer is kept.
                out.status = milp.status == .optimal || (out.gap ?? 1) <= 1e-9 ? .optimal : .feasible
                out.info["message"] = nil
            }
        case .noSolution, .error:
            break
        }
        out.wallSeconds = Date().timeIntervalSince(started)
        return out
    }
}
