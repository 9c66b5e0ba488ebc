import FINGraph
import FINModel

/// The resources of one application's graph that a single path could exhaust.
struct CriticalResources {
    /// Per edge: (resource id, amount) it uses of critical resources.
    private var uses: [[(Int32, Double)]]
    /// Capacity of each critical resource.
    private var capacity: [Double] = []
    /// Per critical resource and layer: the most a path can still use of it from a vertex of that
    /// layer on (layer k: `at(k, ·)` and `done(k, ·)`; layer kmax + 1: the result vertices).
    private var ahead: [[Double]] = []
    private let graph: ExpandedGraph
    private let kmax: Int

    var isEmpty: Bool { capacity.isEmpty }

    init(graph g: ExpandedGraph, capacities: Capacities) {
        uses = []
        let nodes = g.index.nodeCount
        graph = g
        kmax = g.kmax
        // The most one path can use of each resource was recorded when the graph was built.
        let links = g.index.linkCount
        let memory = g.pathMemory
        let load = g.pathLoad
        let traffic = g.pathTraffic
        // Ids: memory of n = 3n, load of n = 3n + 1, traffic of l = 3N + l.
        var id = [Int32](repeating: -1, count: 3 * nodes + links)
        func register(_ resource: Int, _ cap: Double) {
            id[resource] = Int32(capacity.count)
            capacity.append(cap)
        }
        let withShares = g.index.instance.shareLevels != nil
        for n in 0..<nodes {
            if !Tolerance.fits(memory[n], within: capacities.memoryBytes[n]) {
                register(3 * n, capacities.memoryBytes[n])
            }
            // With share levels the application's load must fit its share: at most the largest
            // level still free on the node.
            var loadCapacity = capacities.opsPerSecond[n]
            if withShares {
                let phi = g.levels.filter { Tolerance.fits($0, within: capacities.share[n]) }.max() ?? 0
                loadCapacity = min(loadCapacity, phi * g.index.instance.nodes[n].opsPerSecond)
            }
            if !Tolerance.fits(load[n], within: loadCapacity) { register(3 * n + 1, loadCapacity) }
        }
        for l in 0..<links where !Tolerance.fits(traffic[l], within: capacities.bitsPerSecond[l]) {
            register(3 * nodes + l, capacities.bitsPerSecond[l])
        }
        guard !capacity.isEmpty else { return }
        uses = [[(Int32, Double)]](repeating: [], count: g.edges.count)
        // Per resource: the most one edge of each layer uses (compute edges count in the layer
        // before their block, the layer their tail is in; result edges in layer kmax + 1).
        var most = [[Double]](repeating: [Double](repeating: 0, count: g.kmax + 2), count: capacity.count)
        func note(_ i: Int, _ r: Int32, _ layer: Int, _ x: Double) {
            uses[i].append((r, x))
            most[Int(r)][layer] = max(most[Int(r)][layer], x)
        }
        for (i, e) in g.edges.enumerated() {
            switch e.kind {
            case .compute(let k, let n, _):
                if id[3 * n] >= 0 { note(i, id[3 * n], k - 1, e.memoryBytes) }
                if id[3 * n + 1] >= 0 { note(i, id[3 * n + 1], k - 1, e.load) }
            case .transfer(let k, let l):
                if id[3 * nodes + l] >= 0 { note(i, id[3 * nodes + l], k, e.traffic) }
            case .result(let l):
                if id[3 * nodes + l] >= 0 { note(i, id[3 * nodes + l], g.kmax + 1, e.traffic) }
            default: break
            }
        }
        // Suffix sums: what is still ahead from each layer.
        ahead = most.map { m in
            var out = m
            for k in stride(from: m.count - 2, through: 0, by: -1) { out[k] += out[k + 1] }
            return out
        }
    }

    /// Drops from `usage` the resources the rest of any path from vertex `v` can no longer push
    /// past their capacity: they cannot make a difference to feasibility any more, and labels
    /// that differ only in them then dominate one another. (One use per layer is assumed, as for
    /// the path maxima; a walk that crossed a link twice in one layer is a cycle, which the
    /// deployment erases, and every answer is checked by the evaluator.)
    func forget(_ usage: inout LabelSearch.Usage, at v: Int) {
        guard !usage.isEmpty else { return }
        let layer = graph.layer(of: v)
        guard layer <= kmax + 1 else {
            usage.removeAll()
            return
        }
        usage.removeAll {
            Tolerance.fits($0.amount + ahead[Int($0.resource)][layer], within: capacity[Int($0.resource)])
        }
    }

    /// Adds edge `e`'s use to `usage`; false when a capacity would be exceeded.
    func extend(_ usage: inout LabelSearch.Usage, edge e: Int) -> Bool {
        for (r, x) in uses[e] {
            if let i = usage.firstIndex(where: { $0.resource == r }) {
                let total = usage[i].amount + x
                guard Tolerance.fits(total, within: capacity[Int(r)]) else { return false }
                usage[i].amount = total
            } else {
                guard Tolerance.fits(x, within: capacity[Int(r)]) else { return false }
                let at = usage.firstIndex(where: { $0.resource > r }) ?? usage.count
                usage.insert((r, x), at: at)
            }
        }
        return true
    }
}
