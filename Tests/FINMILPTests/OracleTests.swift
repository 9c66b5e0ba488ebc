import Foundation
import Testing
import FINBruteForce
import FINEvaluator
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINTestSupport

/// The MILP against brute-force enumeration on seeded tiny instances, for both solvers.
@Suite("MILP against brute force")
struct OracleTests {
    static let seeds: [UInt64] = Array(1...220)

    @Test func milpEqualsEnumeration() throws {
        var feasible = 0
        var infeasible = 0
        var features: [String: Int] = [:]
        for seed in Self.seeds {
            let instance = TinyInstances.make(seed: seed)
            try #require(InstanceValidator.issues(of: instance).isEmpty, "seed \(seed): \(InstanceValidator.issues(of: instance))")
            let oracle = try BruteForce.solve(instance)
            #expect(oracle.status == .optimal || oracle.status == .infeasible, "seed \(seed)")
            if oracle.status == .optimal { feasible += 1 } else { infeasible += 1 }
            if instance.shareLevels != nil { features["shares", default: 0] += 1 }
            if instance.applications.count > 1 { features["multi", default: 0] += 1 }
            if instance.applications.contains(where: { $0.destination != nil }) { features["destination", default: 0] += 1 }
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
            for (name, solver) in [("glpk", GLPKSolver() as any MILPSolver), ("cbc", CBCSolver())] {
                let milp = MILPMethod.solve(instance, solver: solver).solution
                let tag = "seed \(seed) \(name): oracle \(oracle.status) \(oracle.objectiveJoulesPerSecond ?? -1), milp \(milp.status) \(milp.objectiveJoulesPerSecond ?? -1) \(milp.info["message"] ?? "")"
                if oracle.status == .infeasible {
                    #expect(milp.status == .infeasible, "\(tag)")
                } else {
                    #expect(milp.status == .optimal, "\(tag)")
                    let a = try #require(oracle.objectiveJoulesPerSecond)
                    let b = milp.objectiveJoulesPerSecond ?? .nan
                    #expect(abs(a - b) <= 1e-9 * max(a, 1e-12), "\(tag)")
                    #expect(Evaluator(instance).evaluate(milp.deployments).feasible, "\(tag)")
                }
            }
        }
        print("oracle corpus: \(Self.seeds.count) instances, \(feasible) feasible, \(infeasible) infeasible, features \(features.sorted { $0.key < $1.key })")
        // The corpus must exercise both outcomes and every feature, or the test proves little.
        #expect(feasible >= 60 && infeasible >= 30, "feasible \(feasible), infeasible \(infeasible)")
        #expect(features.values.allSatisfy { $0 >= 10 } && features.count == 5, "\(features)")
    }
}
