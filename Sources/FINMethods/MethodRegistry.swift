import FIN
import FINAuthors
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINSolverHiGHS
import Foundation

/// Every method of the workbench, one entry each. Adding a method is one entry here plus its
/// implementation; `finbench solve`, sweep files, the harness and the report read this table.
public enum MethodRegistry {
    /// The entries, in the order the help lists them.
    public static let all: [MethodDescriptor] = exact + bounds + fin + joint + baselines + authors

    /// The method names, in registry order.
    public static var names: [String] { all.map(\.name) }

    /// The entry named `name`.
    public static func named(_ name: String) throws(MethodError) -> MethodDescriptor {
        guard let d = all.first(where: { $0.name == name }) else { throw .unknownMethod(name) }
        return d
    }

    // MARK: - Entries

    static let solverParameters: [MethodParameter] = [.timeLimitSeconds, .gap, .threads]

    static let exact: [MethodDescriptor] = [
        milp("milp-glpk", GLPKSolver(), "exact MILP (layered-graph flow) solved by GLPK"),
        milp("milp-cbc", CBCSolver(), "exact MILP (layered-graph flow) solved by COIN-OR CBC"),
        milp("milp-highs", HiGHSSolver(), "exact MILP (layered-graph flow) solved by HiGHS"),
    ]

    static let bounds: [MethodDescriptor] = [
        lp("lp-glpk", GLPKSolver(), "a lower bound: the LP relaxation of the MILP, solved by GLPK (no deployment)"),
        lp(
            "lp-cbc", CBCSolver(),
            "a lower bound: the LP relaxation of the MILP, solved by CBC's LP solver (no deployment)"),
        lp("lp-highs", HiGHSSolver(), "a lower bound: the LP relaxation of the MILP, solved by HiGHS (no deployment)"),
        MethodDescriptor(
            name: "energy-lower-bound", family: .bound,
            summary: "a lower bound: least-energy paths, latency bounds and shared capacities ignored (no deployment)",
            parameters: [], scope: .jointly, givesDeployment: false
        ) { instance, _, _ in Baselines.energyLowerBound(instance) },
    ]

    static let fin: [MethodDescriptor] = [
        sequential(
            "fin", .fin, "FIN(gamma, lambda): min-energy path on the feasible inference graph",
            [.gamma, .lambda]
        ) { v in
            .fin(
                gamma: v.integer(.gamma) ?? FINMethod.defaultGamma,
                lambda: v.integer(.lambda) ?? FINMethod.defaultLambda)
        },
        sequential(
            "fin-exact", .fin, "exact Pareto labels: the optimum for one application, capacities included", [],
            isExact: true
        ) { _ in .exact },
        sequential(
            "fin-epsilon", .fin, "cost scaling: energy within (1 + epsilon) of the optimum for one application",
            [.epsilon]
        ) { v in .epsilon(v.real(.epsilon) ?? FINMethod.defaultEpsilon) },
    ]

    static let joint: [MethodDescriptor] = [
        MethodDescriptor(
            name: "fin-multi", family: .joint,
            summary: "several applications jointly: Lagrangian prices on shared capacities, exact priced "
                + "subproblems, repair and rip-up-and-reroute; certified bound; the MILP in the time left on small "
                + "instances it leaves open",
            parameters: [.timeLimitSeconds, .gap, .iterations, .threads], isExact: true, scope: .jointly
        ) { instance, v, context in
            var options = MultiApplication.Options()
            if let t = v.real(.timeLimitSeconds) { options.timeLimitSeconds = t }
            if let g = v.real(.gap) { options.relativeGap = g }
            if let i = v.integer(.iterations) { options.iterations = i }
            options.threads = v.integer(.threads) ?? ProcessInfo.processInfo.activeProcessorCount
            if context.verbose { options.log = context.log }
            return JointFallback.solve(instance, options: options)
        }
    ]

    static let baselines: [MethodDescriptor] =
        [
            sequential(
                "mcp", .baseline,
                "baseline: Jung and Lee's minimum-latency path to an admissible exit (exact; "
                    + "stronger than the authors' per-block MCP)", []
            ) { _ in .minimumLatency }
        ]
        + Baselines.Rule.allCases.map { rule in
            MethodDescriptor(
                name: rule.rawValue, family: .baseline, summary: "baseline: " + rule.summary, parameters: [.order],
                scope: .oneAtATime
            ) { instance, v, _ in Baselines.solve(instance, rule: rule, order: v.order ?? .heaviestFirst) }
        }

    /// The authors' own decision procedures (docs/AUTHORS.md), on the papers' scenario only.
    static let authors: [MethodDescriptor] = AuthorsProcedure.allCases.map { procedure in
        let defaults = procedure.defaultGamma.map { g in
            " (gamma \(g), lambda \(procedure.defaultLambda(gamma: g).map(String.init) ?? "-") by default)"
        }
        return MethodDescriptor(
            name: procedure.rawValue, family: .authors,
            summary: "the authors' \(procedure.authorsFile), ported; the papers' scenario only" + (defaults ?? ""),
            parameters: procedure.takesGammaLambda ? [.gamma, .lambda] : [],
            scope: procedure.isMultiModel ? .jointly : .oneAtATime
        ) { instance, v, _ throws(MethodError) in
            do {
                return try Authors.solve(
                    instance, procedure: procedure, gamma: v.integer(.gamma), lambda: v.integer(.lambda))
            } catch {
                throw .unsupportedInstance(method: procedure.rawValue, reason: "\(error)")
            }
        }
    }

    // MARK: - Entry builders

    static func options(_ v: ParameterValues, _ context: RunContext) -> SolveOptions {
        SolveOptions(
            timeLimitSeconds: v.real(.timeLimitSeconds), relativeGap: v.real(.gap), threads: v.integer(.threads) ?? 1,
            verbose: context.verbose)
    }

    static func milp(_ name: String, _ solver: any MILPSolver & Sendable, _ summary: String) -> MethodDescriptor {
        MethodDescriptor(
            name: name, family: .exact, summary: summary, parameters: solverParameters, isExact: true, scope: .jointly
        ) { instance, v, context in MILPMethod.solve(instance, solver: solver, options: options(v, context)).solution }
    }

    static func lp(_ name: String, _ solver: any MILPSolver & Sendable, _ summary: String) -> MethodDescriptor {
        MethodDescriptor(
            name: name, family: .bound, summary: summary, parameters: [.timeLimitSeconds, .threads], scope: .jointly,
            givesDeployment: false
        ) { instance, v, context in LPBound.solve(instance, solver: solver, options: options(v, context)) }
    }

    static func sequential(
        _ name: String, _ family: MethodFamily, _ summary: String, _ parameters: [MethodParameter],
        isExact: Bool = false,
        variant: @escaping @Sendable (ParameterValues) -> FINMethod.Variant
    ) -> MethodDescriptor {
        MethodDescriptor(
            name: name, family: family, summary: summary, parameters: parameters + [.order], isExact: isExact,
            scope: .oneAtATime
        ) { instance, v, _ in
            FINMethod.solve(instance, variant: variant(v), order: v.order ?? .heaviestFirst)
        }
    }
}
