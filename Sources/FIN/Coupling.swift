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
        // What the applications' single paths can use at most, summed: exactly where the bound
        // over every block and layer of every application does not already fit.
        let mostMemory = graphs.reduce(0) { $0 + $1.mostMemory }
        let mostLoad = graphs.reduce(0) { $0 + $1.mostLoad }
        let mostTraffic = graphs.reduce(0) { $0 + $1.mostTraffic }
        let mostShare = withShares ? Double(graphs.count) * (instance.shareLevels!.max() ?? 0) : 0
        func need(_ most: Double, _ capacity: Double, _ exact: (ExpandedGraph) -> Double) -> Double {
            Tolerance.fits(most, within: capacity) ? most : graphs.reduce(0) { $0 + exact($1) }
        }
        let memory = (0..<nodes).map { n in need(mostMemory, instance.nodes[n].memoryBytes) { $0.pathMemory(n) } }
        let load = (0..<nodes).map { n in need(mostLoad, instance.nodes[n].opsPerSecond) { $0.pathLoad(n) } }
        // The largest level each application can use on each node.
        let share = (0..<nodes).map { n in withShares ? need(mostShare, 1) { $0.largestLevel(at: n) } : 0 }
        let traffic = (0..<links).map { l in need(mostTraffic, instance.links[l].bitsPerSecond) { $0.pathTraffic(l) } }
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
        resources.indices.filter { r in
            switch resources[r] {
            case .memory(let n), .load(let n), .share(let n): return g.lastBlock(at: n) > 0
            case .bandwidth(let l): return g.carries(link: l)
            }
        }
    }

    /// The priced search's mode: per edge, the application's energy per second plus the prices
    /// of what the edge uses; share prices charged once per node, at the largest level used
    /// there (nil when no share is priced). `usable` marks edges the search may take (others
    /// cost infinity). `energyWeight` 0 prices the use of shared capacity alone.
    func priced(
        _ g: ExpandedGraph, prices: [Double], energyWeight: Double = 1, usable: ((ExpandedGraph.Edge) -> Bool)? = nil
    ) -> LabelSearch.Mode {
        let rate = g.index.instance.applications[g.application].ratePerSecond * energyWeight
        var once: LabelSearch.OncePerNode?
        for n in shareId.indices where shareId[n] >= 0 && prices[Int(shareId[n])] > 0 {
            let last = g.lastBlock(at: n)
            guard last > 0 else { continue }
            if once == nil {
                let zero = [Double](repeating: 0, count: g.nodeCount)
                once = LabelSearch.OncePerNode(
                    charge: zero, levels: g.levels, lastBlock: [Int](repeating: 0, count: g.nodeCount))
            }
            once!.charge[n] = prices[Int(shareId[n])]
            once!.lastBlock[n] = last
        }
        return .priced(Pricing(rate: rate, coupling: self, prices: prices, usable: usable, once: once))
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
            let e = g.edge(i)
            forEachUse(e) { r, x in total[r, default: 0] += x }
            if let s = share(g, e) { total[s.resource] = max(total[s.resource] ?? 0, s.level) }
        }
        return total.keys.sorted().map { ($0, total[$0]!) }
    }
}

/// The priced search's cost of an edge (`LabelSearch.Mode.priced`): the application's energy
/// per second plus the prices of the shared capacities the edge uses (`Coupling.forEachUse`),
/// computed when the search reads the edge; infinity for an edge `usable` rejects. Share
/// prices are charged once per node (`once`). A class: the search reads it for every edge, and
/// a reference costs less to pass around than the arrays it holds.
final class Pricing {
    /// The application's rate times the weight of energy (0: capacity use alone).
    let rate: Double
    let coupling: Coupling
    let prices: [Double]
    let usable: ((ExpandedGraph.Edge) -> Bool)?
    let once: LabelSearch.OncePerNode?

    init(
        rate: Double, coupling: Coupling, prices: [Double], usable: ((ExpandedGraph.Edge) -> Bool)?,
        once: LabelSearch.OncePerNode?
    ) {
        self.rate = rate
        self.coupling = coupling
        self.prices = prices
        self.usable = usable
        self.once = once
    }

    @inline(__always)
    func cost(_ e: ExpandedGraph.Edge) -> Double {
        if let usable, !usable(e) { return .infinity }
        var c = rate * e.energy
        coupling.forEachUse(e) { r, x in c += prices[r] * x }
        return c
    }
}
