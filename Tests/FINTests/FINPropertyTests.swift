import FIN
import FINBruteForce
import FINEvaluator
import FINGenerator
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINTestSupport
import Foundation
import Testing

/// Seeded property tests of FIN and its variants against the exact methods.
@Suite("FIN properties")
struct FINPropertyTests {
    /// Single-application tiny instances (every model feature on at random).
    static func tiny(_ seed: UInt64) -> Instance { TinyInstances.make(seed: seed, maxApplications: 1) }
    static let seeds: [UInt64] = Array(1000...1239)

    func withBound(_ instance: Instance, _ bound: Double) -> Instance {
        var i = instance
        i.applications[0].maxLatencySeconds = bound
        return i
    }

    /// FIN-exact returns the true optimum (brute force and the MILP with both solvers agree).
    @Test func finExactIsTheOptimum() throws {
        var feasible = 0
        for seed in Self.seeds {
            let instance = Self.tiny(seed)
            let oracle = try BruteForce.solve(instance)
            let exact = FINMethod.solve(instance, variant: .exact)
            if oracle.status == .infeasible {
                // One application: the search is exhaustive, so it proves infeasibility.
                let expected: SolutionStatus = instance.applications.count == 1 ? .infeasible : .noSolution
                #expect(exact.status == expected, "seed \(seed): \(exact.status)")
                continue
            }
            feasible += 1
            #expect(exact.status == .optimal, "seed \(seed): \(exact.status) \(exact.info)")
            let opt = try #require(oracle.objectiveJoulesPerSecond)
            #expect(abs((exact.objectiveJoulesPerSecond ?? .nan) - opt) <= 1e-9 * max(opt, 1e-12), "seed \(seed)")
        }
        #expect(feasible >= 100, "only \(feasible) feasible instances")
    }

    /// FIN-exact equals the MILP (both solvers) on generated single-application instances.
    @Test func finExactEqualsMILPOnGeneratedInstances() throws {
        var compared = 0
        for preset in GeneratorConfig.Preset.allCases {
            for seed in UInt64(1)...12 {
                var c = GeneratorConfig.preset(preset)
                c.nodes = 20 + Int(seed) * 5
                c.applications = 1
                c.seed = seed
                let instance = try Generator.generate(c)
                let exact = FINMethod.solve(instance, variant: .exact)
                for solver in [GLPKSolver() as any MILPSolverForTests, CBCSolver()] {
                    let milp = MILPMethod.solve(instance, solver: solver).solution
                    if milp.status == .infeasible {
                        #expect(exact.status == .infeasible, "\(preset) \(seed)")
                    } else {
                        #expect(
                            milp.status == .optimal && exact.status == .optimal,
                            "\(preset) \(seed): \(milp.status) \(exact.status)")
                        let a = try #require(milp.objectiveJoulesPerSecond)
                        #expect(
                            abs((exact.objectiveJoulesPerSecond ?? .nan) - a) <= 1e-9 * a,
                            "\(preset) \(seed) \(milp.method)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared >= 50)
    }

    /// FIN(γ, λ) always meets the bound, and its energy is at most the optimum under the bound
    /// tightened by H(1 + λ) levels, H being the edges of that optimum's path. For every h, the
    /// optimum under T - h(1 + λ)Δ whose path has at most h edges must be matched; when FIN
    /// returns nothing, no such deployment may exist.
    @Test(arguments: [(5, 0), (10, 0), (10, 1), (30, 2), (50, 0)])
    func finGuarantee(gamma: Int, lambda: Int) throws {
        var checked = 0
        for seed in Self.seeds {
            let instance = Self.tiny(seed)
            let fin = FINMethod.solve(instance, variant: .fin(gamma: gamma, lambda: lambda))
            if fin.status == .feasible {
                #expect(Evaluator(instance).evaluate(fin.deployments).feasible, "seed \(seed)")
            } else {
                #expect(fin.status == .noSolution, "seed \(seed): \(fin.status) \(fin.info)")
            }
            let bound = instance.applications[0].maxLatencySeconds
            let width = bound / Double(gamma)
            for h in 1...60 {
                let tightened = bound - Double(h * (1 + lambda)) * width
                guard tightened > 0 else { break }
                guard
                    let best = FINMethod.solveSingle(
                        NetworkIndex(withBound(instance, tightened)), application: 0, variant: .exact),
                    best.pathEdges <= h
                else { continue }
                let optimum = Evaluator(instance).evaluate(best.deployment).objectiveJoulesPerSecond
                let got = fin.objectiveJoulesPerSecond ?? .infinity
                #expect(
                    got <= optimum * (1 + 1e-9),
                    "seed \(seed) gamma \(gamma) lambda \(lambda) h \(h): \(got) > \(optimum)")
                checked += 1
            }
        }
        #expect(checked >= 80, "only \(checked) guarantee checks")
    }

    /// FIN-ε is within (1 + ε) of the optimum and meets every constraint.
    @Test(arguments: [0.01, 0.1, 0.5])
    func finEpsilonBound(epsilon: Double) throws {
        for seed in Self.seeds {
            let instance = Self.tiny(seed)
            let exact = FINMethod.solve(instance, variant: .exact)
            let approx = FINMethod.solve(instance, variant: .epsilon(epsilon))
            guard let opt = exact.objectiveJoulesPerSecond else {
                #expect(approx.status == .noSolution, "seed \(seed)")
                continue
            }
            #expect(approx.status == .feasible || approx.status == .optimal, "seed \(seed): \(approx.status)")
            #expect(Evaluator(instance).evaluate(approx.deployments).feasible)
            #expect((approx.objectiveJoulesPerSecond ?? .infinity) <= (1 + epsilon) * opt * (1 + 1e-12), "seed \(seed)")
        }
    }

    /// Several applications: every answer of every variant is feasible by the evaluator.
    @Test func multiApplicationAnswersAreFeasible() throws {
        var deployed = 0
        for seed in UInt64(1)...150 {
            let instance = TinyInstances.make(seed: seed)
            for variant in [FINMethod.Variant.fin(gamma: 20, lambda: 0), .exact, .epsilon(0.1), .minimumLatency] {
                let s = FINMethod.solve(instance, variant: variant)
                #expect(s.status != .error, "seed \(seed) \(variant): \(s.info)")
                if s.status == .feasible || s.status == .optimal {
                    #expect(Evaluator(instance).evaluate(s.deployments).feasible, "seed \(seed) \(variant)")
                    deployed += 1
                }
            }
        }
        #expect(deployed >= 150)
    }
}

/// The MILP backends as one existential type for the tests above.
typealias MILPSolverForTests = FINLinear.MILPSolver
