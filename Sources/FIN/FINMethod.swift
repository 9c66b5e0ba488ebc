import FINEvaluator
import FINGraph
import FINModel
import Foundation

/// FIN and its variants (docs/FIN.md), and the single-application searches the baselines
/// share. Every answer is a deployment re-scored by the evaluator.
public enum FINMethod {
    /// Which search.
    public enum Variant: Sendable, Equatable {
        /// FIN(γ, λ): γ latency levels per application, λ-proximity pruning.
        case fin(gamma: Int, lambda: Int)
        /// Exact Pareto labels: the optimum of one application, capacities included.
        case exact
        /// Cost scaling: energy at most (1 + ε) times the optimum, bound and capacities met.
        case epsilon(Double)
        /// Jung and Lee's objective: the minimum-latency deployment (ties: least energy).
        case minimumLatency

        var name: String {
            switch self {
            case .fin: return "fin"
            case .exact: return "fin-exact"
            case .epsilon: return "fin-epsilon"
            case .minimumLatency: return "mcp"
            }
        }
    }

    /// The default γ and λ.
    public static let defaultGamma = 50
    public static let defaultLambda = 0

    /// One application's answer on given residual capacities.
    public struct Single: Sendable {
        public let deployment: Deployment
        /// Edges of the path in the application's expanded graph.
        public let pathEdges: Int
        public let labelsCreated: Int
    }

    /// Solves one application on `capacities` (the instance's when nil). Nil: no deployment.
    public static func solveSingle(_ index: NetworkIndex, application a: Int, variant: Variant, capacities: Capacities? = nil) -> Single? {
        let capacities = capacities ?? Capacities(index)
        let graph = ExpandedGraph(index, application: a, levels: index.instance.shareLevels ?? [1], capacities: capacities)
        return search(graph, variant: variant, capacities: capacities)
    }

    /// Runs a variant's search on an application's graph built on `capacities`.
    public static func search(_ graph: ExpandedGraph, variant: Variant, capacities: Capacities) -> Single? {
        let index = graph.index
        let a = graph.application
        let result: LabelSearch.Result?
        var labels = 0
        switch variant {
        case .fin(let gamma, let lambda):
            result = LabelSearch(graph: graph, mode: .quantized(levels: gamma, slack: lambda), capacities: capacities).run()
        case .exact:
            result = LabelSearch(graph: graph, mode: .exact, capacities: capacities).run()
        case .minimumLatency:
            result = LabelSearch(graph: graph, mode: .latency, capacities: capacities).run()
        case .epsilon(let epsilon):
            // Lower bound: the least energy of any path, the latency bound ignored.
            guard let cheapest = graph.shortestPath(weight: \.energy) else { return nil }
            let lowerBound = cheapest.reduce(0) { $0 + graph.edges[$1].energy }
            guard lowerBound > 0 else {
                // Energy 0 is possible: scaling is meaningless, and the exact search is cheap.
                return solveSingle(index, application: a, variant: .exact, capacities: capacities)
            }
            // δ = ε LB / h, where h must be at least the number of edges with positive energy on
            // the path returned; start from the cheapest path's count and double until it holds.
            var h = max(1, cheapest.filter { graph.edges[$0].energy > 0 }.count)
            var found: LabelSearch.Result?
            while true {
                let delta = epsilon * lowerBound / Double(h)
                let r = LabelSearch(graph: graph, mode: .scaled(delta: delta), capacities: capacities).run()
                labels += r?.labelsCreated ?? 0
                guard let r else { break }
                let positive = r.path.filter { graph.edges[$0].energy > 0 }.count
                found = r
                if positive <= h { break }
                h = max(2 * h, positive)
            }
            result = found
        }
        guard let result, let (deployment, _) = graph.deployment(along: result.path) else { return nil }
        return Single(deployment: deployment, pathEdges: result.path.count, labelsCreated: labels + result.labelsCreated)
    }

    /// The order in which applications are deployed one at a time: the heaviest first (rate x
    /// ops of the deepest admissible exit, the first-fit-decreasing rule of bin packing), ties
    /// by position in the file.
    public static func order(_ index: NetworkIndex) -> [Int] {
        let apps = index.instance.applications
        let weight = apps.map { app -> Double in
            let chain = index.chain(of: app)
            let k = chain.admissibleDepths(minAccuracy: app.minAccuracy).map(\.lastBlock).max() ?? 0
            return app.ratePerSecond * chain.computeOps[0...k].reduce(0, +)
        }
        return apps.indices.sorted { (weight[$0], -$0) > (weight[$1], -$1) }
    }

    /// Solves every application, one at a time on the capacities the previous ones left, in
    /// `order(_:)`. Never throws: a failure is a solution with status `noSolution` or `error`.
    public static func solve(_ instance: Instance, variant: Variant, parameters: [String: JSONValue] = [:]) -> Solution {
        var solution = Sequential.solve(instance, method: variant.name, parameters: parameters) { graph, residual in
            search(graph, variant: variant, capacities: residual).map { ($0.deployment, $0.labelsCreated) }
        }
        if variant == .exact && instance.applications.count == 1 && solution.status == .feasible {
            solution.status = .optimal
            solution.boundJoulesPerSecond = solution.objectiveJoulesPerSecond
            solution.gap = 0
        }
        return solution
    }

    /// With share levels: each hosting node first gets the largest level still free there (a
    /// larger share only shortens the latency; the energy does not depend on it), then, node by
    /// node, the smallest level that still meets the bound and the application's load, which
    /// leaves capacity for the applications deployed after this one.
    static func settleShares(_ d: Deployment, _ evaluator: Evaluator, _ residual: Capacities) -> Deployment {
        guard let levels = evaluator.instance.shareLevels?.sorted(), let given = d.shares else { return d }
        let index = evaluator.index
        func fits(_ trial: Deployment) -> Bool {
            guard let resolved = evaluator.resolve(trial).0 else { return false }
            let app = evaluator.instance.applications[resolved.application]
            let (scores, footprint) = evaluator.score(resolved)
            guard Tolerance.fits(scores.latencySeconds, within: app.maxLatencySeconds) else { return false }
            for (n, load) in footprint.load {
                let phi = trial.shares![evaluator.instance.nodes[n].id]!
                guard Tolerance.fits(load, within: phi * evaluator.instance.nodes[n].opsPerSecond) else { return false }
            }
            return true
        }
        var out = d
        for id in given.keys.sorted() {
            let n = index.nodeIndex[id]!
            out.shares![id] = levels.filter { Tolerance.fits($0, within: residual.share[n]) }.max() ?? given[id]!
        }
        guard fits(out) else { return d }
        for id in given.keys.sorted() {
            let n = index.nodeIndex[id]!
            for phi in levels where phi < out.shares![id]! && Tolerance.fits(phi, within: residual.share[n]) {
                var trial = out
                trial.shares![id] = phi
                if fits(trial) {
                    out = trial
                    break
                }
            }
        }
        return out
    }
}

extension Capacities {
    /// Takes a deployed application's footprint off the residual capacities.
    mutating func consume(_ f: Footprint, withShares: Bool) {
        for (n, b) in f.memory { memoryBytes[n] -= b }
        for (n, x) in f.load { opsPerSecond[n] -= x }
        if withShares { for (n, s) in f.share { share[n] -= s } }
        for (l, x) in f.traffic { bitsPerSecond[l] -= x }
    }

    /// True when a footprint fits the residual capacities.
    func admits(_ f: Footprint, withShares: Bool) -> Bool {
        f.memory.allSatisfy { Tolerance.fits($0.bytes, within: memoryBytes[$0.node]) }
            && f.load.allSatisfy { Tolerance.fits($0.opsPerSecond, within: opsPerSecond[$0.node]) }
            && (!withShares || f.share.allSatisfy { Tolerance.fits($0.share, within: share[$0.node]) })
            && f.traffic.allSatisfy { Tolerance.fits($0.bitsPerSecond, within: bitsPerSecond[$0.link]) }
    }
}
