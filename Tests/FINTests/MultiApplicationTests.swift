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

/// Seeded property tests of `fin-multi` and of the certified lower bounds against the exact
/// methods (brute force on tiny instances, the MILP on contended generated ones).
@Suite("Several applications")
struct MultiApplicationTests {
    /// How much worse than the best one-at-a-time order `fin-multi` may be: none. It starts from
    /// three orders and only ever improves, and no instance below has needed more.
    static let orderTolerance = 0.0

    static func options(iterations: Int = 200) -> MultiApplication.Options {
        var o = MultiApplication.Options()
        o.iterations = iterations
        o.timeLimitSeconds = 600  // the iteration limit decides, so runs are reproducible
        o.threads = 2
        return o
    }

    /// Every permutation of 0..<n (n small).
    static func permutations(_ n: Int) -> [[Int]] {
        guard n > 1 else { return [Array(0..<n)] }
        return permutations(n - 1).flatMap { p in
            (0...p.count).map { i in
                var q = p
                q.insert(n - 1, at: i)
                return q
            }
        }
    }

    /// The best sequential FIN-exact answer over every order of the applications (all
    /// permutations up to 4 applications, else 24 seeded shuffles and the named orders).
    static func bestSequential(_ instance: Instance) -> Double? {
        let n = instance.applications.count
        var orders: [FINMethod.Order] = [.heaviestFirst, .lightestFirst, .file]
        orders += (0..<24).map { .shuffled(seed: UInt64($0)) }
        var best: Double?
        if n <= 4 {
            // Explicit permutations through a reordered instance.
            for p in permutations(n) {
                var reordered = instance
                reordered.applications = p.map { instance.applications[$0] }
                let s = FINMethod.solve(reordered, variant: .exact, order: .file)
                if let o = s.objectiveJoulesPerSecond, s.status != .noSolution { best = min(best ?? o, o) }
            }
            return best
        }
        for order in orders {
            let s = FINMethod.solve(instance, variant: .exact, order: order)
            if let o = s.objectiveJoulesPerSecond, s.status != .noSolution { best = min(best ?? o, o) }
        }
        return best
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-12) }

    /// Tiny instances (up to 3 applications, every feature): answers feasible, never below the
    /// optimum; the Lagrangian and LP bounds never above it; "infeasible" only when it is.
    @Test func tinyInstancesAgainstBruteForce() throws {
        var compared = 0, multi = 0, provenOptimal = 0, certifiedInfeasible = 0
        for seed in UInt64(1)...200 {
            let instance = TinyInstances.make(seed: seed)
            let oracle = try BruteForce.solve(instance)
            let s = MultiApplication.solve(instance, options: Self.options())
            #expect(s.status != .error, "seed \(seed): \(s.info)")
            if s.status == .infeasible {
                #expect(oracle.status == .infeasible, "seed \(seed): fin-multi claims a proof of infeasibility")
                if s.info["infeasibilityRatio"] != nil { certifiedInfeasible += 1 }
            }
            guard oracle.status != .infeasible, let opt = oracle.objectiveJoulesPerSecond else {
                #expect(s.deployments.isEmpty, "seed \(seed): deployments for an infeasible instance")
                continue
            }
            compared += 1
            if instance.applications.count > 1 { multi += 1 }
            if let b = s.boundJoulesPerSecond {
                #expect(b <= opt * (1 + 1e-9) + 1e-15, "seed \(seed): bound \(b) > optimum \(opt)")
            }
            for solver in [GLPKSolver() as any MILPSolver, CBCSolver()] {
                let lp = LPBound.solve(instance, solver: solver)
                let b = try #require(lp.boundJoulesPerSecond, "seed \(seed): \(lp.info)")
                #expect(b <= opt * (1 + 1e-12) + 1e-15, "seed \(seed) \(solver.name): LP bound \(b) > optimum \(opt)")
            }
            if s.status == .optimal || s.status == .feasible {
                #expect(Evaluator(instance).evaluate(s.deployments).feasible, "seed \(seed)")
                let o = try #require(s.objectiveJoulesPerSecond)
                #expect(o >= opt * (1 - 1e-9), "seed \(seed): below the optimum")
                if s.status == .optimal {
                    provenOptimal += 1
                    #expect(close(o, opt), "seed \(seed): 'optimal' \(o) but the optimum is \(opt)")
                }
                if let best = Self.bestSequential(instance) {
                    #expect(
                        o <= best * (1 + Self.orderTolerance) * (1 + 1e-9),
                        "seed \(seed): \(o) worse than the best order \(best)")
                }
            } else if Self.bestSequential(instance) != nil {
                Issue.record("seed \(seed): a one-at-a-time order deploys every application, fin-multi found nothing")
            }
        }
        print(
            "fin-multi on tiny instances: \(compared) feasible compared (\(multi) with several applications), "
                + "\(provenOptimal) proven optimal, \(certifiedInfeasible) proven infeasible by the Lagrangian "
                + "certificate"
        )
        #expect(
            compared >= 60 && multi >= 40 && provenOptimal >= 40 && certifiedInfeasible >= 8,
            "compared \(compared), multi \(multi), proven \(provenOptimal), certified infeasible \(certifiedInfeasible)"
        )
    }

    /// Contended generated instances small enough for the MILP: the journal's multi-user
    /// scenario with share levels, and the binding preset. Bounds never above the optimum,
    /// answers feasible and never worse than the best one-at-a-time order.
    @Test func contendedInstancesAgainstTheMILP() throws {
        var instances: [Instance] = []
        let levels = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1]
        for profile in [DNNProfiles.bResNet, DNNProfiles.bLeNet, DNNProfiles.bAlexNetCIFAR10] {
            for users in [2, 3, 5] {
                instances.append(PaperScenario.users(profiles: [profile], usersPerProfile: users, shareLevels: levels))
            }
        }
        for seed in UInt64(1)...10 {
            var c = GeneratorConfig.preset(.binding)
            c.nodes = 25
            c.applications = 5
            c.memoryScale = 0.1
            c.bandwidthScale = 0.003
            c.latencySlack = 0.3...1.2
            c.seed = seed
            instances.append(try Generator.generate(c))
        }
        var compared = 0
        for instance in instances {
            let milp = MILPMethod.solve(instance, solver: CBCSolver(), options: SolveOptions(timeLimitSeconds: 60))
                .solution
            guard milp.status == .optimal, let opt = milp.objectiveJoulesPerSecond else { continue }
            compared += 1
            let s = MultiApplication.solve(instance, options: Self.options())
            let b = try #require(s.boundJoulesPerSecond, "\(instance.name)")
            #expect(b <= opt * (1 + 1e-9), "\(instance.name): bound \(b) > optimum \(opt)")
            let o = try #require(s.objectiveJoulesPerSecond, "\(instance.name): \(s.status) \(s.info)")
            #expect(Evaluator(instance).evaluate(s.deployments).feasible, "\(instance.name)")
            #expect(o >= opt * (1 - 1e-9))
            if let best = Self.bestSequential(instance) {
                #expect(
                    o <= best * (1 + Self.orderTolerance) * (1 + 1e-9),
                    "\(instance.name): \(o) worse than the best order \(best)")
            }
            let lp = LPBound.solve(instance, solver: CBCSolver())
            #expect((lp.boundJoulesPerSecond ?? .infinity) <= opt * (1 + 1e-12), "\(instance.name)")
        }
        #expect(compared >= 12, "only \(compared) instances solved by the MILP")
    }

    /// Without contention the relaxation is exact: the bound meets the answer at once.
    @Test func uncontendedInstancesAreProvenOptimal() throws {
        for seed in UInt64(1)...5 {
            var c = GeneratorConfig.preset(.easy)
            c.nodes = 60
            c.applications = 8
            c.seed = seed
            let instance = try Generator.generate(c)
            let s = MultiApplication.solve(instance, options: Self.options())
            guard s.status != .infeasible else { continue }
            #expect(s.status == .optimal, "seed \(seed): \(s.status) gap \(s.gap ?? .nan)")
        }
    }

    /// The sequential orders: every order gives a feasible answer or none, and "file" on a
    /// reversed instance is "the reverse order".
    @Test func ordersAreHonoured() throws {
        var c = GeneratorConfig.preset(.binding)
        c.nodes = 25
        c.applications = 5
        c.seed = 4
        let instance = try Generator.generate(c)
        for order in [FINMethod.Order.heaviestFirst, .lightestFirst, .file, .shuffled(seed: 3)] {
            let s = FINMethod.solve(instance, variant: .exact, order: order)
            #expect(s.status != .error)
            let recorded = s.info["order"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(recorded.sorted() == instance.applications.map(\.id).sorted(), "\(order.name)")
            if order == .file { #expect(recorded == instance.applications.map(\.id)) }
            if s.status == .feasible { #expect(Evaluator(instance).evaluate(s.deployments).feasible) }
        }
        #expect(FINMethod.Order("shuffled:12") == .shuffled(seed: 12))
        #expect(FINMethod.Order("shuffled:") == nil)
        #expect(FINMethod.Order("random") == nil)
    }
}
