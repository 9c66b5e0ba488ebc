import FINEvaluator
import FINGraph
import FINLinear
import FINModel
import FINSolverCBC
import FINTestSupport
import Testing

@testable import FIN
@testable import FINBruteForce

/// `fin-multi`'s primal side against enumeration: the minimal share vectors of a deployment, the
/// restricted master problem given every deployment (then it is an exact method), and fin-multi
/// with its master problem.
@Suite("Master problem")
struct MasterProblemTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-12) }

    /// Every minimal share vector meets the bound and the loads (by the evaluator) and no node of
    /// it can drop one level and still do so; every feasible share vector of the same path is at
    /// least one of them, node by node.
    @Test func minimalShareVectorsAreExact() throws {
        var checked = 0, vectors = 0
        for seed in UInt64(1)...100 {
            let instance = TinyInstances.make(seed: seed)
            guard let levels = instance.shareLevels?.sorted() else { continue }
            let evaluator = Evaluator(instance)
            for app in instance.applications {
                let (list, _) = try BruteForce.candidates(app, evaluator, limit: 2_000_000)
                var byPath: [String: [Deployment]] = [:]
                var paths: [String] = []
                for c in list {
                    let key = MasterProblem.pathKey(c.deployment)
                    if byPath[key] == nil { paths.append(key) }
                    byPath[key, default: []].append(c.deployment)
                }
                for key in paths {
                    let feasible = byPath[key]!
                    let s = try #require(ShareSettling(feasible[0], evaluator))
                    let options = s.options(s.nodes.map { _ in levels })
                    let minimal = try #require(s.minimalVectors(options, limit: 10_000))
                    checked += 1
                    vectors += minimal.count
                    for phis in minimal {
                        #expect(s.fits(phis), "seed \(seed): a minimal vector \(phis) breaks the bound or a load")
                        for i in phis.indices {
                            guard let k = options[i].firstIndex(of: phis[i]), k > 0 else { continue }
                            var lower = phis
                            lower[i] = options[i][k - 1]
                            #expect(!s.fits(lower), "seed \(seed): \(phis) is not minimal at node \(s.ids[i])")
                        }
                    }
                    for d in feasible {
                        let phis = s.ids.map { d.shares![$0]! }
                        let covered = minimal.contains { m in zip(m, phis).allSatisfy { $0 <= $1 } }
                        #expect(covered, "seed \(seed): feasible shares \(phis) above no minimal vector")
                    }
                }
            }
        }
        #expect(checked >= 100, "only \(checked) paths with shares checked")
        print("minimal share vectors: \(checked) paths, \(vectors) vectors")
    }

    /// Given every deployment of every application as columns, the master problem is the
    /// problem itself: its optimum is brute force's, and it is infeasible exactly when the
    /// instance is.
    @Test func masterWithEveryDeploymentIsExact() throws {
        var optima = 0, infeasible = 0
        for seed in UInt64(1)...120 {
            let instance = TinyInstances.make(seed: seed)
            let oracle = try BruteForce.solve(instance)
            let evaluator = Evaluator(instance)
            let full = Capacities(evaluator.index)
            let withShares = instance.shareLevels != nil
            var master = MasterProblem(applications: instance.applications.count, shareVariants: 10_000)
            for (a, app) in instance.applications.enumerated() {
                let (list, _) = try BruteForce.candidates(app, evaluator, limit: 2_000_000)
                for c in list {
                    master.add(a, c.deployment, evaluator: evaluator) { d in
                        let e = evaluator.evaluate(d)
                        guard e.feasible, let f = e.deployments[0].footprint else { return nil }
                        return (f, e.objectiveJoulesPerSecond)
                    }
                }
            }
            let (choice, status) = master.solve(CBCSolver(), capacities: full, withShares: withShares, seconds: 60)
            guard oracle.status != .infeasible, let opt = oracle.objectiveJoulesPerSecond else {
                #expect(choice == nil, "seed \(seed): the master deploys an infeasible instance (\(status))")
                infeasible += 1
                continue
            }
            let picked = try #require(choice, "seed \(seed): no choice (\(status)), brute force \(opt)")
            let deployments = picked.enumerated().map { master.columns[$0.offset][$0.element].deployment }
            let e = evaluator.evaluate(deployments)
            #expect(e.feasible, "seed \(seed): \(e.violations)")
            #expect(
                Self.close(e.objectiveJoulesPerSecond, opt), "seed \(seed): \(e.objectiveJoulesPerSecond) vs \(opt)")
            optima += 1
        }
        print("master problem with every deployment: \(optima) optima, \(infeasible) infeasible")
        #expect(optima >= 40 && infeasible >= 10, "optima \(optima), infeasible \(infeasible)")
    }

    /// fin-multi with its master problem: answers feasible, never below the optimum, `optimal`
    /// only at it, `infeasible` only when it is; and it answers whenever brute force does.
    @Test func finMultiWithMasterAgainstBruteForce() throws {
        var compared = 0, atOptimum = 0
        for seed in UInt64(1)...120 {
            let instance = TinyInstances.make(seed: seed)
            let oracle = try BruteForce.solve(instance)
            var options = MultiApplication.Options()
            options.iterations = 200
            options.timeLimitSeconds = 600
            options.threads = 2
            options.master = CBCSolver()
            let s = MultiApplication.solve(instance, options: options)
            #expect(s.status != .error, "seed \(seed): \(s.info)")
            guard oracle.status != .infeasible, let opt = oracle.objectiveJoulesPerSecond else {
                #expect(s.deployments.isEmpty, "seed \(seed): deployments for an infeasible instance")
                continue
            }
            #expect(s.status != .infeasible, "seed \(seed): a false proof of infeasibility")
            guard let o = s.objectiveJoulesPerSecond, s.status == .optimal || s.status == .feasible else {
                continue
            }
            compared += 1
            #expect(Evaluator(instance).evaluate(s.deployments).feasible, "seed \(seed)")
            #expect(o >= opt * (1 - 1e-9), "seed \(seed): below the optimum")
            if s.status == .optimal { #expect(Self.close(o, opt), "seed \(seed): 'optimal' \(o), optimum \(opt)") }
            if Self.close(o, opt) { atOptimum += 1 }
        }
        print("fin-multi with its master on tiny instances: \(atOptimum) of \(compared) at the optimum")
        #expect(compared >= 40 && atOptimum >= compared * 9 / 10, "compared \(compared), at optimum \(atOptimum)")
    }
}
