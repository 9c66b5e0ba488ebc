import FINGraph
import FINModel

/// The resources of one application's graph that a single path could exhaust.
struct CriticalResources {
    /// Critical resource of each node's memory (3n), load (3n + 1) and each link's bandwidth
    /// (3N + l): its number, or -1.
    private var id: [Int32] = []
    /// Capacity of each critical resource.
    private var capacity: [Double] = []
    /// Per critical resource and layer: the most a path can still use of it from a vertex of that
    /// layer on (layer k: `at(k, ·)` and `done(k, ·)`; layer kmax + 1: the result vertices).
    private var ahead: [[Double]] = []
    private let graph: ExpandedGraph
    private let kmax: Int
    private let nodes: Int

    var isEmpty: Bool { capacity.isEmpty }

    init(graph g: ExpandedGraph, capacities: Capacities) {
        nodes = g.index.nodeCount
        graph = g
        kmax = g.kmax
        let links = g.index.linkCount
        // The most one path can use of each resource (`pathMemory` etc., computed only where the
        // bound over every block and layer does not already fit).
        let (mostMemory, mostLoad, mostTraffic) = (g.mostMemory, g.mostLoad, g.mostTraffic)
        var id = [Int32](repeating: -1, count: 3 * nodes + links)
        var kinds: [Int] = []
        func register(_ resource: Int, _ cap: Double) {
            id[resource] = Int32(capacity.count)
            capacity.append(cap)
            kinds.append(resource)
        }
        let withShares = g.index.instance.shareLevels != nil
        for n in 0..<nodes {
            let memoryCapacity = capacities.memoryBytes[n]
            if !Tolerance.fits(mostMemory, within: memoryCapacity)
                && !Tolerance.fits(g.pathMemory(n), within: memoryCapacity)
            {
                register(3 * n, memoryCapacity)
            }
            // With share levels the application's load must fit its share: at most the largest
            // level still free on the node.
            var loadCapacity = capacities.opsPerSecond[n]
            if withShares {
                let phi = g.levels.filter { Tolerance.fits($0, within: capacities.share[n]) }.max() ?? 0
                loadCapacity = min(loadCapacity, phi * g.index.nodeOpsPerSecond[n])
            }
            if !Tolerance.fits(mostLoad, within: loadCapacity) && !Tolerance.fits(g.pathLoad(n), within: loadCapacity) {
                register(3 * n + 1, loadCapacity)
            }
        }
        for l in 0..<links
        where !Tolerance.fits(mostTraffic, within: capacities.bitsPerSecond[l])
            && !Tolerance.fits(g.pathTraffic(l), within: capacities.bitsPerSecond[l])
        {
            register(3 * nodes + l, capacities.bitsPerSecond[l])
        }
        self.id = id
        guard !capacity.isEmpty else { return }
        // Per resource: the most one edge of each layer uses (compute edges count in the layer
        // before their block, the layer their tail is in; result edges in layer kmax + 1).
        var most = [[Double]](repeating: [Double](repeating: 0, count: g.kmax + 2), count: capacity.count)
        for (r, resource) in kinds.enumerated() {
            if resource < 3 * nodes {
                let n = resource / 3
                for k in stride(from: 1, through: g.kmax, by: 1) {
                    for level in g.levels.indices {
                        guard let e = g.computeEdgeID(block: k, node: n, level: level) else { continue }
                        let edge = g.edge(e)
                        most[r][k - 1] = max(most[r][k - 1], resource % 3 == 0 ? edge.memoryBytes : edge.load)
                    }
                }
            } else {
                let l = resource - 3 * nodes
                for k in 0..<g.kmax {
                    if let e = g.transferEdgeID(layer: k, link: l) { most[r][k] = max(most[r][k], g.edge(e).traffic) }
                }
                if let e = g.resultEdgeID(link: l) { most[r][g.kmax + 1] = max(most[r][g.kmax + 1], g.edge(e).traffic) }
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
    func extend(_ usage: inout LabelSearch.Usage, edge e: ExpandedGraph.Edge) -> Bool {
        switch e.kind {
        case .compute(_, let n, _):
            if id[3 * n] >= 0 { guard add(&usage, id[3 * n], e.memoryBytes) else { return false } }
            if id[3 * n + 1] >= 0 { guard add(&usage, id[3 * n + 1], e.load) else { return false } }
        case .transfer(_, let l), .result(let l):
            if id[3 * nodes + l] >= 0 { guard add(&usage, id[3 * nodes + l], e.traffic) else { return false } }
        case .proceed, .terminal, .arrive:
            break
        }
        return true
    }

    /// Adds `x` of critical resource `r` to `usage`; false when its capacity would be exceeded.
    private func add(_ usage: inout LabelSearch.Usage, _ r: Int32, _ x: Double) -> Bool {
        if let i = usage.firstIndex(where: { $0.resource == r }) {
            let total = usage[i].amount + x
            guard Tolerance.fits(total, within: capacity[Int(r)]) else { return false }
            usage[i].amount = total
        } else {
            guard Tolerance.fits(x, within: capacity[Int(r)]) else { return false }
            let at = usage.firstIndex(where: { $0.resource > r }) ?? usage.count
            usage.insert((r, x), at: at)
        }
        return true
    }
}
