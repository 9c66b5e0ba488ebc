import FIN
import FINBruteForce
import FINEvaluator
import FINModel
import FINTestSupport
import Testing

@Suite("Baselines")
struct BaselineTests {
    /// Every baseline answer is feasible; the lower bound never exceeds the optimum; MCP's
    /// latency is never above the optimum's (it minimises latency).
    @Test func baselinesAreFeasibleAndBoundsHold() throws {
        var answered: [String: Int] = [:]
        for seed in UInt64(1)...200 {
            let instance = TinyInstances.make(seed: seed)
            let oracle = try BruteForce.solve(instance)
            let evaluator = Evaluator(instance)
            for rule in Baselines.Rule.allCases {
                let s = Baselines.solve(instance, rule: rule)
                #expect(s.status == .feasible || s.status == .noSolution, "seed \(seed) \(rule)")
                if s.status == .feasible {
                    answered[rule.rawValue, default: 0] += 1
                    #expect(evaluator.evaluate(s.deployments).feasible, "seed \(seed) \(rule)")
                    #expect(oracle.status == .optimal, "seed \(seed) \(rule): a deployment for an infeasible instance")
                    if let opt = oracle.objectiveJoulesPerSecond {
                        #expect(
                            s.objectiveJoulesPerSecond! >= opt * (1 - 1e-9), "seed \(seed) \(rule) beats the optimum")
                    }
                    if rule == .deviceOnly {
                        for d in s.deployments {
                            let app = instance.applications.first { $0.id == d.application }!
                            #expect(d.hosts.allSatisfy { $0 == app.source })
                        }
                    }
                }
            }
            let bound = Baselines.energyLowerBound(instance)
            if let opt = oracle.objectiveJoulesPerSecond, let b = bound.boundJoulesPerSecond {
                #expect(b <= opt * (1 + 1e-9), "seed \(seed): lower bound \(b) > optimum \(opt)")
            }
            if instance.applications.count == 1, oracle.status == .optimal {
                let mcp = FINMethod.solve(instance, variant: .minimumLatency)
                let fastest = try #require(mcp.deployments.first?.latencySeconds, "seed \(seed)")
                #expect(fastest <= oracle.deployments[0].latencySeconds! * (1 + 1e-9), "seed \(seed)")
            }
        }
        #expect(Baselines.Rule.allCases.allSatisfy { answered[$0.rawValue, default: 0] >= 10 }, "\(answered)")
    }
}
