import FINBruteForce
import FINEvaluator
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINSolverHiGHS
import FINTestSupport
import Foundation
import Testing

/// The MILP against brute-force enumeration on seeded tiny instances, for every solver (GLPK, CBC,
/// HiGHS); the solvers' optima also equal each other, and their LP relaxations agree.
@Suite("MILP against brute force")
struct OracleTests {
    static let seeds: [UInt64] = Array(1...220)
    static let solvers: [(String, any MILPSolver)] = [
        ("glpk", GLPKSolver()), ("cbc", CBCSolver()), ("highs", HiGHSSolver()),
    ]

    @Test func milpEqualsEnumeration() throws {
        var feasible = 0
        var infeasible = 0
        var features: [String: Int] = [:]
        for seed in Self.seeds {
            let instance = TinyInstances.make(seed: seed)
            try #require(
                InstanceValidator.issues(of: instance).isEmpty,
                "seed \(seed): \(InstanceValidator.issues(of: instance))")
            let oracle = try BruteForce.solve(instance)
            #expect(oracle.status == .optimal || oracle.status == .infeasible, "seed \(seed)")
            if oracle.status == .optimal { feasible += 1 } else { infeasible += 1 }
            if instance.shareLevels != nil { features["shares", default: 0] += 1 }
            if instance.applications.count > 1 { features["multi", default: 0] += 1 }
            if instance.applications.contains(where: { $0.destination != nil }) {
                features["destination", default: 0] += 1
            }
            if instance.nodes.contains(where: { $0.tier == .relay }) { features["relay", default: 0] += 1 }
            if instance.applications.count > 1 {
                // Capacities bind when the joint optimum is worse than each application alone.
                let alone = try instance.applications.map { app in
                    var single = instance
                    single.applications = [app]
                    return try BruteForce.solve(single).objectiveJoulesPerSecond
                }
                if !alone.contains(nil) {
                    let sum = alone.reduce(0) { $0 + $1! }
                    if oracle.status == .infeasible || oracle.objectiveJoulesPerSecond! > sum * (1 + 1e-9) {
                        features["binding", default: 0] += 1
                    }
                }
            }
            var optima: [String: Double] = [:]
            for (name, solver) in Self.solvers {
                let milp = MILPMethod.solve(instance, solver: solver).solution
                let tag =
                    "seed \(seed) \(name): oracle \(oracle.status) \(oracle.objectiveJoulesPerSecond ?? -1), "
                    + "milp \(milp.status) \(milp.objectiveJoulesPerSecond ?? -1) \(milp.info["message"] ?? "")"
                if oracle.status == .infeasible {
                    #expect(milp.status == .infeasible, "\(tag)")
                } else {
                    #expect(milp.status == .optimal, "\(tag)")
                    let a = try #require(oracle.objectiveJoulesPerSecond)
                    let b = milp.objectiveJoulesPerSecond ?? .nan
                    optima[name] = b
                    #expect(abs(a - b) <= 1e-9 * max(a, 1e-12), "\(tag)")
                    #expect(Evaluator(instance).evaluate(milp.deployments).feasible, "\(tag)")
                }
            }
            if let highs = optima["highs"] {
                for (name, other) in optima where name != "highs" {
                    #expect(
                        abs(highs - other) <= 1e-9 * max(other, 1e-12),
                        "seed \(seed): highs \(highs), \(name) \(other)")
                }
            }
            // The LP relaxation (lp-glpk, lp-cbc, lp-highs): the same bound to 1e-6, never above the
            // optimum; infeasible only when the instance is.
            var lpBounds: [String: Double] = [:]
            for (name, solver) in Self.solvers {
                let lp = LPBound.solve(instance, solver: solver)
                let tag = "seed \(seed) lp-\(name): \(lp.status) \(lp.info["message"] ?? "")"
                if lp.status == .infeasible {
                    #expect(oracle.status == .infeasible, "\(tag)")
                    continue
                }
                #expect(lp.status == .noSolution, "\(tag)")
                let bound = try #require(lp.boundJoulesPerSecond, "\(tag)")
                lpBounds[name] = bound
                if let optimum = oracle.objectiveJoulesPerSecond {
                    #expect(bound <= optimum * (1 + 1e-12), "\(tag): bound \(bound) above the optimum \(optimum)")
                }
            }
            if lpBounds.count != 0 && lpBounds.count != Self.solvers.count {
                Issue.record("seed \(seed): LP relaxation infeasible for some solvers only: \(lpBounds)")
            }
            if let highs = lpBounds["highs"] {
                for (name, other) in lpBounds where name != "highs" {
                    #expect(
                        abs(highs - other) <= 1e-6 * max(other, 1e-12),
                        "seed \(seed): lp-highs \(highs), lp-\(name) \(other)")
                }
            }
        }
        print(
            "oracle corpus: \(Self.seeds.count) instances, \(feasible) feasible, \(infeasible) infeasible, features "
                + "\(features.sorted { $0.key < $1.key })"
        )
        // The corpus must exercise both outcomes and every feature, or the test proves little.
        #expect(feasible >= 60 && infeasible >= 30, "feasible \(feasible), infeasible \(infeasible)")
        #expect(features.values.allSatisfy { $0 >= 10 } && features.count == 5, "\(features)")
    }
}
