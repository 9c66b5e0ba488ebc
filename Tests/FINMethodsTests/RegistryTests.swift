import FINBruteForce
import FINGenerator
import FINMethods
import FINModel
import FINTestSupport
import Foundation
import Testing

@Suite("The method registry")
struct RegistryTests {
    @Test func namesAreUniqueAndParametersKnown() throws {
        #expect(Set(MethodRegistry.names).count == MethodRegistry.all.count)
        for d in MethodRegistry.all {
            #expect(Set(d.parameters).count == d.parameters.count, "\(d.name)")
            #expect(d.scope == .jointly || d.parameters.contains(.order) || d.family == .authors, "\(d.name)")
        }
        #expect(throws: MethodError.unknownMethod("nope")) { try MethodRegistry.named("nope") }
        var values = ParameterValues()
        values[.gamma] = .integer(10)
        #expect(throws: MethodError.self) { try MethodRegistry.named("milp-cbc").check(values) }
    }

    /// Every method runs on the papers' scenario through its entry and answers under its name,
    /// with the evaluator's scores.
    @Test(arguments: MethodRegistry.names) func everyMethodRunsOnThePaperScenario(name: String) throws {
        let instance = PaperScenario.instance(
            profile: DNNProfiles.bAlexNetCIFAR10, maxLatencySeconds: 0.005, minAccuracy: 0.8)
        let d = try MethodRegistry.named(name)
        let s = try d.solve(instance, ParameterValues())
        #expect(s.method == name)
        #expect(s.status != .error, "\(s.info)")
        if d.family == .authors { #expect(s.info["authorsFile"] != nil) }
        if d.givesDeployment {
            #expect(s.objectiveJoulesPerSecond != nil || s.status == .noSolution, "\(name): \(s.status)")
        } else {
            #expect(s.boundJoulesPerSecond != nil && s.deployments.isEmpty)
        }
    }

    /// fin-multi through its entry (with the MILP fallback) against brute force on tiny
    /// instances: it answers every feasible one, never below the optimum, and calls an instance
    /// infeasible only when it is.
    @Test func finMultiAnswersEveryFeasibleTinyInstance() throws {
        let method = try MethodRegistry.named("fin-multi")
        var values = ParameterValues()
        values[.timeLimitSeconds] = .real(10)
        values[.threads] = .integer(1)
        var feasible = 0
        for seed in UInt64(1)...120 {
            let instance = TinyInstances.make(seed: seed)
            let oracle = try BruteForce.solve(instance)
            let s = try method.solve(instance, values)
            #expect(s.status != .error, "seed \(seed): \(s.info)")
            if s.status == .infeasible { #expect(oracle.status == .infeasible, "seed \(seed)") }
            guard let opt = oracle.objectiveJoulesPerSecond else {
                #expect(s.deployments.isEmpty, "seed \(seed)")
                continue
            }
            feasible += 1
            let o = try #require(s.objectiveJoulesPerSecond, "seed \(seed): no answer, \(s.info)")
            #expect(o >= opt * (1 - 1e-9) && o <= opt * (1 + 1e-4) + 1e-15, "seed \(seed): \(o) vs \(opt)")
        }
        #expect(feasible >= 40)
    }

    /// The time limit holds inside a round of searches: a crowded instance with a limit of
    /// 0.2 s ends within a second of it once its graphs are built (building them is not
    /// interrupted; it takes milliseconds in a release build, seconds in a debug one).
    @Test func finMultiTimeLimitHolds() throws {
        var c = GeneratorConfig.preset(.synthetic)
        c.nodes = 400
        c.applications = 40
        c.seed = 3
        c.rate = 50...200
        c.memoryScale = 0.05
        c.targetExit = .deepest
        let instance = try Generator.generate(c)
        var values = ParameterValues()
        values[.timeLimitSeconds] = .real(0.2)
        values[.threads] = .integer(1)
        let s = try MethodRegistry.named("fin-multi").solve(instance, values)
        let graphs = try #require(s.info["graphSeconds"]?.numberValue)
        #expect((s.wallSeconds ?? 99) - graphs < 1.2, "\(s.wallSeconds ?? -1) s, graphs \(graphs) s")
        #expect(s.status != .infeasible || s.info["infeasibilityRatio"] != nil || s.info["fallback"] != nil)
    }
}
