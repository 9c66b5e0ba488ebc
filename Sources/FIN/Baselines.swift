import FINEvaluator
import FINGraph
import FINModel
import Foundation

/// The baselines FIN is compared with (docs/FIN.md). Each deploys every application by its
/// rule; the answer is re-scored by the evaluator and reported as `noSolution` when a rule
/// cannot meet the constraints.
public enum Baselines {
    public enum Rule: String, Sendable, CaseIterable {
        /// The shallowest admissible exit, every block on the source.
        case deviceOnly = "device-only"
        /// The shallowest admissible exit on the edge server nearest to the source (block 1 stays
        /// on the source when pinned).
        case edgeOnly = "edge-only"
        /// The same on the nearest cloud.
        case cloudOnly = "cloud-only"
        /// Block by block, the cheapest next host from which the bound can still be met.
        case greedy

        /// One line for the help.
        public var summary: String {
            switch self {
            case .deviceOnly: return "the shallowest admissible exit, all blocks on the source"
            case .edgeOnly:
                return "the shallowest admissible exit on the nearest edge server (block 1 on the source if pinned)"
            case .cloudOnly: return "the same on the nearest cloud"
            case .greedy: return "block by block, the cheapest next host that can still meet the bound"
            }
        }
    }

    /// Deploys every application by `rule`, one at a time in `order`, each on the capacities
    /// the previous ones left.
    public static func solve(_ instance: Instance, rule: Rule, order: FINMethod.Order = .heaviestFirst) -> Solution {
        let parameters: [String: JSONValue] = order == .heaviestFirst ? [:] : ["order": .string(order.name)]
        var solution = Sequential.solve(instance, method: rule.rawValue, order: order, parameters: parameters) { g, _ in
            let walk: [Int]?
            switch rule {
            case .deviceOnly: walk = onOneHost(g, tier: nil)
            case .edgeOnly: walk = onOneHost(g, tier: .edge)
            case .cloudOnly: walk = onOneHost(g, tier: .cloud)
            case .greedy: walk = greedy(g)
            }
            return walk.flatMap { g.deployment(along: $0) }.map { ($0.deployment, 0) }
        }
        solution.info["labels"] = nil
        if solution.status == .noSolution {
            solution.info["message"] = .string(
                "the \(rule.rawValue) rule: " + (solution.info["message"]?.stringValue ?? ""))
        }
        return solution
    }

    /// The walk of the shallowest admissible depth with every block on one host: the source
    /// (`tier` nil), or the node of `tier` whose compute edge for block 1 (block 2 when block 1
    /// is pinned) is reached fastest. Transfers take the fastest routes.
    static func onOneHost(_ g: ExpandedGraph, tier: Tier?) -> [Int]? {
        guard let d = g.depths.first else { return nil }
        let app = g.index.instance.applications[g.application]
        let source = g.index.nodeIndex[app.source]!
        let last = g.chain.depths[d].lastBlock
        let nodes = g.index.instance.nodes
        // Fastest routes in every layer and to the sink, over this depth's edges only.
        let allowed: (ExpandedGraph.Edge) -> Bool = { e in
            switch e.kind {
            case .terminal(let dd, _): return dd == d
            case .compute(let k, _, _): return k <= last
            default: return true
            }
        }
        let fastest = g.shortestPaths(from: g.source, weight: \.latency, allow: allowed)
        let host: Int
        if let tier {
            let first = app.pinFirstBlockToSource && last > 1 ? 2 : 1
            let candidates = nodes.indices.filter {
                nodes[$0].tier == tier && fastest.distance[g.done(first, $0)] < .infinity
            }
            guard
                let best = candidates.min(by: {
                    (fastest.distance[g.done(first, $0)], $0) < (fastest.distance[g.done(first, $1)], $1)
                })
            else { return nil }
            host = best
        } else {
            host = source
        }
        // Force every block onto `host` (block 1 onto the source when pinned).
        let onHost: (ExpandedGraph.Edge) -> Bool = { e in
            guard allowed(e) else { return false }
            if case .compute(let k, let n, _) = e.kind {
                return n == (k == 1 && app.pinFirstBlockToSource ? source : host)
            }
            return true
        }
        let path = g.shortestPaths(from: g.source, weight: \.latency, allow: onHost)
        guard path.distance[g.sink] < .infinity else { return nil }
        return g.trace(path.via, from: g.source, to: g.sink)
    }

    /// Greedy: the shallowest admissible depth; for each block in turn, among the compute
    /// nodes reachable in the current layer, the one with the least energy for the route there
    /// (cheapest route) plus the block, such that the time so far plus the fastest completion
    /// from there still meets the bound; if no node qualifies on cheapest routes, fastest routes
    /// are tried. The result goes by the cheapest route that fits, else the fastest.
    static func greedy(_ g: ExpandedGraph) -> [Int]? {
        guard let d = g.depths.first else { return nil }
        let app = g.index.instance.applications[g.application]
        let bound = app.maxLatencySeconds
        let last = g.chain.depths[d].lastBlock
        let allowed: (ExpandedGraph.Edge) -> Bool = { e in
            switch e.kind {
            case .terminal(let dd, _): return dd == d
            case .compute(let k, _, _): return k <= last
            default: return true
            }
        }
        let toGo = g.distancesToSink(weight: \.latency, allow: allowed)
        var walk: [Int] = []
        var at = g.source
        var elapsed = 0.0
        for k in 1...last {
            var chosen: (cost: Double, latency: Double, node: Int, path: [Int])?
            for routeWeight in [\ExpandedGraph.Edge.energy, \ExpandedGraph.Edge.latency] {
                let layer = g.shortestPaths(
                    from: at, weight: { $0[keyPath: routeWeight] },
                    allow: { e in
                        if case .transfer(let layer, _) = e.kind { return layer == k - 1 }
                        if case .compute(let kk, _, _) = e.kind { return kk == k }
                        return false
                    })
                for n in 0..<g.nodeCount {
                    for level in g.levels.indices {
                        guard let i = g.computeEdgeID(block: k, node: n, level: level) else { continue }
                        let e = g.edge(i)
                        guard layer.distance[e.head] < .infinity, layer.via[e.head] == i else { continue }
                        let route = g.trace(layer.via, from: at, to: e.tail)
                        let routeLatency = route.reduce(0) { $0 + g.edge($1).latency }
                        let routeEnergy = route.reduce(0) { $0 + g.edge($1).energy }
                        let latency = routeLatency + e.latency
                        guard Tolerance.fits(elapsed + latency + toGo[e.head], within: bound) else { continue }
                        let cost = routeEnergy + e.energy
                        if chosen == nil || (cost, latency, n) < (chosen!.cost, chosen!.latency, chosen!.node) {
                            chosen = (cost, latency, n, route + [i])
                        }
                    }
                }
                if chosen != nil { break }
            }
            guard let chosen else { return nil }
            walk += chosen.path
            elapsed += chosen.latency
            at = g.edge(chosen.path.last!).head
            if k < last {
                guard
                    let proceed = g.outgoingEdges(at).first(where: {
                        if case .proceed = g.edge($0).kind { return true } else { return false }
                    })
                else { return nil }
                walk.append(proceed)
                at = g.edge(proceed).head
            }
        }
        guard
            let terminal = g.outgoingEdges(at).first(where: {
                if case .terminal(let dd, _) = g.edge($0).kind { return dd == d } else { return false }
            })
        else { return nil }
        walk.append(terminal)
        at = g.edge(terminal).head
        if at != g.sink {
            // Deliver the result: the cheapest route that fits, else the fastest.
            for routeWeight in [\ExpandedGraph.Edge.energy, \ExpandedGraph.Edge.latency] {
                let r = g.shortestPaths(
                    from: at, weight: { $0[keyPath: routeWeight] },
                    allow: { e in
                        switch e.kind {
                        case .result, .arrive: return true
                        default: return false
                        }
                    })
                guard r.distance[g.sink] < .infinity else { return nil }
                let route = g.trace(r.via, from: at, to: g.sink)
                if Tolerance.fits(elapsed + route.reduce(0) { $0 + g.edge($1).latency }, within: bound) {
                    return walk + route
                }
            }
            return nil
        }
        return walk
    }

    /// A lower bound on the optimum: each application's least-energy path with the latency
    /// bound and every shared capacity ignored (`boundJoulesPerSecond`; no deployment).
    public static func energyLowerBound(_ instance: Instance) -> Solution {
        let start = Date()
        var relaxed = instance
        for a in relaxed.applications.indices { relaxed.applications[a].maxLatencySeconds = .greatestFiniteMagnitude }
        let index = NetworkIndex(relaxed)
        var total = 0.0
        var solution = Solution(
            instance: instance.name, method: "energy-lower-bound", status: .noSolution,
            info: [
                "message": .string("a lower bound only (latency bounds and shared capacities ignored); no deployment")
            ])
        for a in relaxed.applications.indices {
            let g = ExpandedGraph(index, application: a, levels: instance.shareLevels ?? [1])
            guard let path = g.shortestPath(weight: \.energy) else {
                solution.status = .infeasible
                solution.info["message"] = .string(
                    "application \(instance.applications[a].id) has no deployment even without its latency bound")
                solution.wallSeconds = Date().timeIntervalSince(start)
                return solution
            }
            total += instance.applications[a].ratePerSecond * path.reduce(0) { $0 + g.edge($1).energy }
        }
        solution.boundJoulesPerSecond = total
        solution.wallSeconds = Date().timeIntervalSince(start)
        return solution
    }
}
