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

        /// The parameters a solution records.
        public var parameters: [String: JSONValue] {
            switch self {
            case .fin(let g, let l): return ["gamma": .number(Double(g)), "lambda": .number(Double(l))]
            case .epsilon(let e): return ["epsilon": .number(e)]
            case .exact, .minimumLatency: return [:]
            }
        }
    }

    /// The default γ and λ.
    public static let defaultGamma = 50
    public static let defaultLambda = 0
    /// The default ε of FIN-ε.
    public static let defaultEpsilon = 0.1

    /// One application's answer on given residual capacities.
    public struct Single: Sendable {
        public let deployment: Deployment
        /// Edges of the path in the application's expanded graph.
        public let pathEdges: Int
        public let labelsCreated: Int
    }

    /// Solves one application on `capacities` (the instance's when nil). Nil: no deployment.
    public static func solveSingle(
        _ index: NetworkIndex, application a: Int, variant: Variant, capacities: Capacities? = nil
    ) -> Single? {
        let capacities = capacities ?? Capacities(index)
        let graph = ExpandedGraph(
            index, application: a, levels: index.instance.shareLevels ?? [1], capacities: capacities)
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
            result = LabelSearch(graph: graph, mode: .quantized(levels: gamma, slack: lambda), capacities: capacities)
                .run()
        case .exact:
            result = LabelSearch(graph: graph, mode: .exact, capacities: capacities).run()
        case .minimumLatency:
            result = LabelSearch(graph: graph, mode: .latency, capacities: capacities).run()
        case .epsilon(let epsilon):
            // Lower bound: the least energy of any path, the latency bound ignored.
            guard let cheapest = graph.shortestPath(weight: \.energy) else { return nil }
            let lowerBound = cheapest.reduce(0) { $0 + graph.edge($1).energy }
            guard lowerBound > 0 else {
                // Energy 0 is possible: scaling is meaningless, and the exact search is cheap.
                return solveSingle(index, application: a, variant: .exact, capacities: capacities)
            }
            // δ = ε LB / h, where h must be at least the number of edges with positive energy on
            // the path returned; start from the cheapest path's count and double until it holds.
            var h = max(1, cheapest.filter { graph.edge($0).energy > 0 }.count)
            var found: LabelSearch.Result?
            while true {
                let delta = epsilon * lowerBound / Double(h)
                let r = LabelSearch(graph: graph, mode: .scaled(delta: delta), capacities: capacities).run()
                labels += r?.labelsCreated ?? 0
                guard let r else { break }
                let positive = r.path.filter { graph.edge($0).energy > 0 }.count
                found = r
                if positive <= h { break }
                h = max(2 * h, positive)
            }
            result = found
        }
        guard let result, let (deployment, _) = graph.deployment(along: result.path) else { return nil }
        return Single(
            deployment: deployment, pathEdges: result.path.count, labelsCreated: labels + result.labelsCreated)
    }

    /// The order in which applications are deployed one at a time.
    public enum Order: Sendable, Equatable {
        /// The heaviest first (rate x ops of the deepest admissible exit: the first-fit-decreasing
        /// rule of bin packing), ties by position in the file. The default.
        case heaviestFirst
        /// The lightest first.
        case lightestFirst
        /// As in the file.
        case file
        /// A seeded random permutation (SplitMix64, Fisher-Yates).
        case shuffled(seed: UInt64)

        /// Parses "heaviest-first", "lightest-first", "file" or "shuffled:SEED".
        public init?(_ text: String) {
            switch text {
            case "heaviest-first": self = .heaviestFirst
            case "lightest-first": self = .lightestFirst
            case "file": self = .file
            default:
                guard text.hasPrefix("shuffled:"), let seed = UInt64(text.dropFirst("shuffled:".count)) else {
                    return nil
                }
                self = .shuffled(seed: seed)
            }
        }

        public var name: String {
            switch self {
            case .heaviestFirst: return "heaviest-first"
            case .lightestFirst: return "lightest-first"
            case .file: return "file"
            case .shuffled(let seed): return "shuffled:\(seed)"
            }
        }
    }

    /// Each application's weight: rate x ops of its deepest admissible exit.
    static func weights(_ index: NetworkIndex) -> [Double] {
        index.instance.applications.map { app -> Double in
            let chain = index.chain(of: app)
            let k = chain.admissibleDepths(minAccuracy: app.minAccuracy).map(\.lastBlock).max() ?? 0
            return app.ratePerSecond * chain.computeOps[0...k].reduce(0, +)
        }
    }

    /// The applications in `order` (indices into the instance's list).
    public static func order(_ index: NetworkIndex, _ order: Order = .heaviestFirst) -> [Int] {
        let apps = Array(index.instance.applications.indices)
        switch order {
        case .file:
            return apps
        case .heaviestFirst:
            let w = weights(index)
            return apps.sorted { (w[$0], -$0) > (w[$1], -$1) }
        case .lightestFirst:
            let w = weights(index)
            return apps.sorted { (w[$0], $0) < (w[$1], $1) }
        case .shuffled(let seed):
            var out = apps
            var rng = SplitMix64(seed: seed)
            for i in stride(from: out.count - 1, to: 0, by: -1) {
                out.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            return out
        }
    }

    /// Solves every application, one at a time on the capacities the previous ones left, in
    /// `order`. Never throws: a failure is a solution with status `noSolution` or `error`.
    public static func solve(_ instance: Instance, variant: Variant, order: Order = .heaviestFirst) -> Solution {
        var parameters = variant.parameters
        if order != .heaviestFirst { parameters["order"] = .string(order.name) }
        var solution = Sequential.solve(
            instance, method: variant.name, order: order, parameters: parameters, exhaustive: variant == .exact
        ) { graph, residual in
            search(graph, variant: variant, capacities: residual).map { ($0.deployment, $0.labelsCreated) }
        }
        if variant == .exact && instance.applications.count == 1 && solution.status == .feasible {
            solution.status = .optimal
            solution.boundJoulesPerSecond = solution.objectiveJoulesPerSecond
            solution.gap = 0
        }
        return solution
    }

    /// With share levels: the shares of a deployment's hosting nodes, chosen among the levels
    /// still free so that the bound and each node's load are met with the least speed reserved,
    /// Σ φ_n · speed_n (leaving the most for the applications deployed after this one; the
    /// energy does not depend on shares; weighting by speed keeps a phone's share, which few
    /// others can use, from being saved at the cost of an edge server's). The levels are
    /// enumerated with the latency formula of `ShareSettling`, pruned by the least latency the
    /// remaining nodes can reach; the choice is then checked by the evaluator. With more than
    /// `ShareSettling.enumerationLimit` combinations, node by node instead: each node the
    /// smallest level that still meets the bound, the others at the largest free level.
    static func settleShares(_ d: Deployment, _ evaluator: Evaluator, _ residual: Capacities) -> Deployment {
        guard let levels = evaluator.instance.shareLevels?.sorted(), let given = d.shares,
            let s = ShareSettling(d, evaluator)
        else { return d }
        let free = s.nodes.map { n in levels.filter { Tolerance.fits($0, within: residual.share[n]) } }
        let top = zip(free, s.ids).map { $0.0.last ?? given[$0.1]! }
        guard s.fits(top) else { return d }
        let options = s.options(free)
        if let best = s.minimalVectors(options, limit: 1)?.first, s.fits(best) { return s.with(best) }
        return s.with(s.greedy(options, from: top))
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

    /// Gives a footprint back (the application is removed).
    mutating func release(_ f: Footprint, withShares: Bool) {
        for (n, b) in f.memory { memoryBytes[n] += b }
        for (n, x) in f.load { opsPerSecond[n] += x }
        if withShares { for (n, s) in f.share { share[n] += s } }
        for (l, x) in f.traffic { bitsPerSecond[l] += x }
    }

    /// True when a footprint fits the residual capacities.
    func admits(_ f: Footprint, withShares: Bool) -> Bool {
        f.memory.allSatisfy { Tolerance.fits($0.bytes, within: memoryBytes[$0.node]) }
            && f.load.allSatisfy { Tolerance.fits($0.opsPerSecond, within: opsPerSecond[$0.node]) }
            && (!withShares || f.share.allSatisfy { Tolerance.fits($0.share, within: share[$0.node]) })
            && f.traffic.allSatisfy { Tolerance.fits($0.bitsPerSecond, within: bitsPerSecond[$0.link]) }
    }
}
