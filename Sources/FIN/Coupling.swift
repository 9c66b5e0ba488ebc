import FINGraph
import FINModel

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
/// A price is charged per edge of an application's graph, so the priced search stays a
/// shortest-path search. That is exact for memory, load and bandwidth (each block has one
/// compute edge, each transfer one edge). A node's share is charged once per node, not per
/// block; spreading it as φ / K over compute edges (K = the blocks one path can place on the
/// node) undercharges a deployment that places several blocks there, so the subproblem's
/// minimum is at most the true one and the bound stays valid (it is weaker with shares).
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
    /// Per application and node: 1 / (blocks one path can place there), with share levels.
    private let shareSpread: [[Double]]

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
        var spread = [[Double]]()
        // `shareSpread` is indexed by application: one graph per application, in order.
        precondition(graphs.indices.allSatisfy { graphs[$0].application == $0 }, "Coupling needs every application's graph, in order")
        for g in graphs {
            for n in 0..<nodes {
                memory[n] += g.pathMemory[n]
                load[n] += g.pathLoad[n]
            }
            for l in 0..<links { traffic[l] += g.pathTraffic[l] }
            guard withShares else { continue }
            // Blocks with a compute edge on each node, and the largest level used there.
            var blocks = [Set<Int>](repeating: [], count: nodes)
            var largest = [Double](repeating: 0, count: nodes)
            for e in g.edges {
                if case .compute(let k, let n, let level) = e.kind {
                    blocks[n].insert(k)
                    largest[n] = max(largest[n], g.levels[level])
                }
            }
            for n in 0..<nodes { share[n] += largest[n] }
            spread.append(blocks.map { $0.isEmpty ? 0 : 1 / Double($0.count) })
        }
        var resources: [Resource] = []
        func id(_ r: Resource, _ need: Double, _ capacity: Double) -> Int32 {
            guard need > 0, !Tolerance.fits(need, within: capacity) else { return -1 }
            resources.append(r)
            return Int32(resources.count - 1)
        }
        memoryId = (0..<nodes).map { id(.memory(node: $0), memory[$0], instance.nodes[$0].memoryBytes) }
        loadId = (0..<nodes).map { id(.load(node: $0), load[$0], instance.nodes[$0].opsPerSecond) }
        shareId = withShares ? (0..<nodes).map { id(.share(node: $0), share[$0], 1) } : [Int32](repeating: -1, count: nodes)
        bandwidthId = (0..<links).map { id(.bandwidth(link: $0), traffic[$0], instance.links[$0].bitsPerSecond) }
        self.resources = resources
        memoryCapacity = instance.nodes.map(\.memoryBytes)
        loadCapacity = instance.nodes.map(\.opsPerSecond)
        bandwidthCapacity = instance.links.map(\.bitsPerSecond)
        shareSpread = spread
    }

    /// Calls `body(resource, fraction of its capacity)` for each priced resource edge `e` of
    /// application `a`'s graph uses.
    /// `fullShare`: charge a compute edge its whole share level instead of the spread one
    /// (an overcharge when several blocks share a node: for steering repairs, not for bounds).
    @inline(__always)
    func forEachUse(_ g: ExpandedGraph, _ e: ExpandedGraph.Edge, fullShare: Bool = false, _ body: (Int, Double) -> Void) {
        switch e.kind {
        case .compute(_, let n, let level):
            if memoryId[n] >= 0 { body(Int(memoryId[n]), e.memoryBytes / memoryCapacity[n]) }
            if loadId[n] >= 0 { body(Int(loadId[n]), e.load / loadCapacity[n]) }
            if shareId[n] >= 0 { body(Int(shareId[n]), g.levels[level] * (fullShare ? 1 : shareSpread[g.application][n])) }
        case .transfer(_, let l), .result(let l):
            if bandwidthId[l] >= 0 { body(Int(bandwidthId[l]), e.traffic / bandwidthCapacity[l]) }
        case .proceed, .terminal, .arrive:
            break
        }
    }

    /// The resources an application's graph touches (sorted, without repeats).
    func touched(_ g: ExpandedGraph) -> [Int] {
        var seen = Set<Int>()
        for e in g.edges { forEachUse(g, e) { r, _ in seen.insert(r) } }
        return seen.sorted()
    }

    /// Per-edge cost for the priced search: the application's energy per second plus the prices
    /// of what the edge uses. `usable` marks edges the search may take (others cost infinity).
    func costs(_ g: ExpandedGraph, prices: [Double], fullShare: Bool = false, usable: ((ExpandedGraph.Edge) -> Bool)? = nil) -> [Double] {
        let rate = g.index.instance.applications[g.application].ratePerSecond
        var out = [Double](repeating: 0, count: g.edges.count)
        for (i, e) in g.edges.enumerated() {
            if let usable, !usable(e) {
                out[i] = .infinity
                continue
            }
            var c = rate * e.energy
            forEachUse(g, e, fullShare: fullShare) { r, x in c += prices[r] * x }
            out[i] = c
        }
        return out
    }

    /// What a walk uses of each priced resource (fractions of capacity), sorted by resource.
    func usage(_ g: ExpandedGraph, walk: [Int]) -> [(resource: Int, amount: Double)] {
        var total: [Int: Double] = [:]
        for i in walk { forEachUse(g, g.edges[i]) { r, x in total[r, default: 0] += x } }
        return total.keys.sorted().map { ($0, total[$0]!) }
    }
}
