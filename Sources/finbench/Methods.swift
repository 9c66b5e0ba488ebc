import FIN
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK

/// Every solve method the CLI offers, in one place.
enum Methods {
    /// Method names with a one-line description.
    static let all: [(name: String, summary: String)] = [
        ("milp-glpk", "exact MILP (layered-graph flow) solved by GLPK"),
        ("milp-cbc", "exact MILP (layered-graph flow) solved by COIN-OR CBC"),
        ("fin-multi", "several applications jointly: Lagrangian prices on shared capacities, exact priced subproblems, repair and rip-up-and-reroute; certified bound (--time-limit, --gap, --iterations, --threads)"),
        ("fin", "FIN(gamma, lambda): min-energy path on the feasible inference graph (--gamma, --lambda)"),
        ("fin-exact", "exact Pareto labels: the optimum for one application, capacities included"),
        ("fin-epsilon", "cost scaling: energy within (1 + epsilon) of the optimum for one application (--epsilon)"),
        ("mcp", "baseline: Jung and Lee's minimum-latency path to an admissible exit"),
        ("device-only", "baseline: the shallowest admissible exit, all blocks on the source"),
        ("edge-only", "baseline: the shallowest admissible exit on the nearest edge server (block 1 on the source if pinned)"),
        ("cloud-only", "baseline: the same on the nearest cloud"),
        ("greedy", "baseline: block by block, the cheapest next host that can still meet the bound"),
        ("lp-glpk", "a lower bound: the LP relaxation of the MILP, solved by GLPK (no deployment)"),
        ("lp-cbc", "a lower bound: the LP relaxation of the MILP, solved by CBC's LP solver (no deployment)"),
        ("energy-lower-bound", "a lower bound: least-energy paths, latency bounds and shared capacities ignored (no deployment)"),
    ]

    static var names: String { all.map(\.name).joined(separator: ", ") }

    /// The MILP backend of a method name, if it is a MILP method.
    static func milpSolver(_ method: String) -> (any MILPSolver)? {
        switch method {
        case "milp-glpk": return GLPKSolver()
        case "milp-cbc": return CBCSolver()
        default: return nil
        }
    }

    /// The backend of an LP-relaxation bound method.
    static func lpSolver(_ method: String) -> (any MILPSolver)? {
        switch method {
        case "lp-glpk": return GLPKSolver()
        case "lp-cbc": return CBCSolver()
        default: return nil
        }
    }

    /// Methods that give a bound and no deployment.
    static let boundOnly: Set<String> = ["energy-lower-bound", "lp-glpk", "lp-cbc"]

    /// Methods that deploy applications one at a time (and take --order).
    static func isSequential(_ method: String) -> Bool {
        finVariant(method, gamma: 1, lambda: 0, epsilon: 1) != nil || Baselines.Rule(rawValue: method) != nil
    }

    /// The FIN variant of a method name, if it is one.
    static func finVariant(_ method: String, gamma: Int, lambda: Int, epsilon: Double) -> FINMethod.Variant? {
        switch method {
        case "fin": return .fin(gamma: gamma, lambda: lambda)
        case "fin-exact": return .exact
        case "fin-epsilon": return .epsilon(epsilon)
        case "mcp": return .minimumLatency
        default: return nil
        }
    }

    /// The parameters recorded in a FIN solution.
    static func finParameters(_ v: FINMethod.Variant) -> [String: JSONValue] {
        switch v {
        case .fin(let g, let l): return ["gamma": .number(Double(g)), "lambda": .number(Double(l))]
        case .epsilon(let e): return ["epsilon": .number(e)]
        default: return [:]
        }
    }

    /// The exit status that goes with a solution's status.
    static func exitStatus(_ status: SolutionStatus) -> Int32 {
        switch status {
        case .optimal: return ExitStatus.ok
        case .feasible: return ExitStatus.feasibleNotProven
        case .infeasible: return ExitStatus.infeasible
        case .noSolution: return ExitStatus.noSolution
        case .error: return ExitStatus.software
        }
    }
}
