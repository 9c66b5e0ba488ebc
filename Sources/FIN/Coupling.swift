import FINGraph
import FINModel
import Foundation

/// The capacities applications share, as `fin-multi`'s Lagrangian relaxation prices them
/// (docs/FIN.md, "Several applications").
///
/// Resources, each a row `Σ_a use_a / capacity <= 1` of the MILP: a node's memory, a link's
/// bandwidth, and a node's compute load (without share levels), or, with share levels, the sum
/// of the shares given on a node together with the total load (implied: each application's load
/// fits its share, and the shares sum to at most 1). Only rows that can bind are kept: those
/// where the applications' largest single-path uses add up to more than the capacity (the same
/// test the MILP uses for its coupling rows). Relaxing fewer rows, or implied ones, keeps the
/// Lagrangian bound valid.
///
/// Memory, load and bandwidth prices are charged per edge of an application's graph (each block
/// has one compute edge, each transfer one edge), so they are exact in a shortest-path search.
/// A node's share is given once per application and node, however many blocks run there: its
/// price is charged once per node, at the largest level the path uses there, by the priced
/// search itself (`LabelSearch.OncePerNode`). For a real deployment (one level per node) that
/// is exactly its priced cost, so the subproblem is exact and the bound valid.
struct Coupling: Sendable {
    enum Resource: Sendable, Equatable {
        case memory(node: Int)
        case load(node: Int)
        case share(node: Int)
        case bandwidth(link: Int)
    }

    let resources: [Resource]
    private let memoryId: [Int32]
    private let loadId: [Int32]
    private let shareId: [Int32]
    private let bandwidthId: [Int32]
    private let memoryCapacity: [Double]
    private let loadCapacity: [Double]
    private let bandwidthCapacity: [Double]

    var count: Int { resources.count }

    init(graphs: [ExpandedGraph], index: NetworkIndex) {
        let instance = index.instance
        let nodes = index.nodeCount
        let links = index.linkCount
        let withShares = instance.shareLevels != nil
        var memory = [Double](repeating: 0, count: nodes)
        var load = memory
        var share = memory
        var traffic = [Double](repeating: 0, count: links)
        for g in graphs {
            for n in 0..<nodes {
                memory[n] += g.pathMemory[n]
                load[n] += g.pathLoad[n]
            }
            for l in 0..<links { traffic[l] += g.pathTraffic[l] }
            guard withShares else { continue }
            // The largest level the application can use on each node.
            var largest = [Double](repeating: 0, count: nodes)
            for e in g.edges {
                if case .compute(_, let n, let level) = e.kind { largest[n] = max(largest[n], g.levels[level]) }
            }
            for n in 0..<nodes { share[n] += largest[n] }
        }
        var resources: [Resource] = []
        func id(_ r: Resource, _ need: Double, _ capacity: Double) -> Int32 {
            guard need > 0, !Tolerance.fits(need, within: capacity) else { return -1 }
            resources.append(r)
            return Int32(resources.count - 1)
        }
        memoryId = (0..<nodes).map { id(.memory(node: $0), memory[$0], instance.nodes[$0].memoryBytes) }
        loadId = (0..<nodes).map { id(.load(node: $0), load[$0], instance.nodes[$0].opsPerSecond) }
        shareId =
            withShares ? (0..<nodes).map { id(.share(node: $0), share[$0], 1) } : [Int32](repeating: -1, count: nodes)
        bandwidthId = (0..<links).map { id(.bandwidth(link: $0), traffic[$0], instance.links[$0].bitsPerSecond) }
        self.resources = resources
        memoryCapacity = instance.nodes.map(\.memoryBytes)
        loadCapacity = instance.nodes.map(\.opsPerSecond)
        bandwidthCapacity = instance.links.map(\.bitsPerSecond)
    }

    /// Calls `body(resource, fraction of its capacity)` for each priced resource that edge `e`
    /// uses per edge (memory, load, bandwidth). Shares are per node: `share(_:_:)`.
    @inline(__always)
    func forEachUse(_ e: ExpandedGraph.Edge, _ body: (Int, Double) -> Void) {
        switch e.kind {
        case .compute(_, let n, _):
            if memoryId[n] >= 0 { body(Int(memoryId[n]), e.memoryBytes / memoryCapacity[n]) }
            if loadId[n] >= 0 { body(Int(loadId[n]), e.load / loadCapacity[n]) }
        case .transfer(_, let l), .result(let l):
            if bandwidthId[l] >= 0 { body(Int(bandwidthId[l]), e.traffic / bandwidthCapacity[l]) }
        case .proceed, .terminal, .arrive:
            break
        }
    }

    /// The priced share row and level of a compute edge on a node whose share sum is priced.
    @inline(__always)
    func share(_ g: ExpandedGraph, _ e: ExpandedGraph.Edge) -> (resource: Int, level: Double)? {
        guard case .compute(_, let n, let level) = e.kind, shareId[n] >= 0 else { return nil }
        return (Int(shareId[n]), g.levels[level])
    }

    /// The resources an application's graph touches (sorted, without repeats).
    func touched(_ g: ExpandedGraph) -> [Int] {
        var seen = Set<Int>()
        for e in g.edges {
            forEachUse(e) { r, _ in seen.insert(r) }
            if let s = share(g, e) { seen.insert(s.resource) }
        }
        return seen.sorted()
    }

    /// The priced search's mode: per edge, the application's energy per second plus the prices
    /// of what the edge uses; share prices charged once per node, at the largest level used
    /// there (nil when no share is priced). `usable` marks edges the search may take (others
    /// cost infinity). `energyWeight` 0 prices the use of shared capacity alone.
    func priced(
        _ g: ExpandedGraph, prices: [Double], energyWeight: Double = 1, usable: ((ExpandedGraph.Edge) -> Bool)? = nil
    ) -> LabelSearch.Mode {
        let rate = g.index.instance.applications[g.application].ratePerSecond * energyWeight
        var costs = [Double](repeating: 0, count: g.edges.count)
        var once = LabelSearch.OncePerNode(node: [], amount: [], lastBlock: [Int](repeating: 0, count: g.nodeCount))
        var charged = false
        for (i, e) in g.edges.enumerated() {
            if let usable, !usable(e) {
                costs[i] = .infinity
                continue
            }
            var c = rate * e.energy
            forEachUse(e) { r, x in c += prices[r] * x }
            costs[i] = c
            if let s = share(g, e), prices[s.resource] > 0, case .compute(let k, let n, _) = e.kind {
                if !charged {
                    once.node = [Int32](repeating: -1, count: g.edges.count)
                    once.amount = [Double](repeating: 0, count: g.edges.count)
                    charged = true
                }
                once.node[i] = Int32(n)
                once.amount[i] = prices[s.resource] * s.level
                once.lastBlock[n] = max(once.lastBlock[n], k)
            }
        }
        return .priced(costs: costs, once: charged ? once : nil)
    }

    /// The least priced use of the shared capacities, `μ·use`, over application `g`'s
    /// deployments that fit `capacities` on their own: the priced search with the energy left
    /// out (exact). Infinity when it has none; nil when the deadline passed first (then it
    /// proves nothing).
    func leastUse(_ g: ExpandedGraph, prices: [Double], capacities: Capacities, deadline: Date? = nil) -> Double? {
        let search = LabelSearch(
            graph: g, mode: priced(g, prices: prices, energyWeight: 0), capacities: capacities, deadline: deadline)
        switch search.search() {
        case .found(let r): return r.priority
        case .none: return .infinity
        case .stopped: return nil
        }
    }

    /// A proof that no joint deployment exists, from prices μ >= 0 and every application's
    /// `leastUse` at those prices: in any joint deployment every priced row is used to at most
    /// its capacity, so `Σ_a μ·use_a <= Σ_r μ_r`, and each term is at least the application's
    /// least use. When the least uses add up to more than `Σ_r μ_r` (with a 1e-6 relative
    /// margin for rounding), no joint deployment fits: the Lagrangian counterpart of the LP's
    /// Farkas certificate. Subgradient prices grow along such a direction when the instance is
    /// infeasible (which is why the Lagrangian bound then grows without limit). Returns the
    /// ratio of the two sides, or nil when the prices prove nothing.
    func certificate(leastUses: [Double?], prices: [Double]) -> Double? {
        // A search stopped by the deadline knows nothing: no proof then.
        guard leastUses.allSatisfy({ $0 != nil }) else { return nil }
        let leastUses = leastUses.map { $0! }
        let capacity = prices.reduce(0, +)
        guard capacity > 0 else { return nil }
        let need = leastUses.reduce(0, +)
        return need > capacity * (1 + 1e-6) ? need / capacity : nil
    }

    /// What a walk uses of each priced resource (fractions of capacity), sorted by resource: the
    /// sum over its edges, and for a share row the largest level the walk uses on the node.
    func usage(_ g: ExpandedGraph, walk: [Int]) -> [(resource: Int, amount: Double)] {
        var total: [Int: Double] = [:]
        for i in walk {
            let e = g.edges[i]
            forEachUse(e) { r, x in total[r, default: 0] += x }
            if let s = share(g, e) { total[s.resource] = max(total[s.resource] ?? 0, s.level) }
        }
        return total.keys.sorted().map { ($0, total[$0]!) }
    }
}
