import FINModel

extension ExpandedGraph {
    /// A cheapest path from `source` to `sink` under a non-negative edge weight (Dijkstra with
    /// a binary heap; ties broken by vertex index, so the answer is deterministic). Returns
    /// the edge indices in order, or nil when the sink is unreachable.
    public func shortestPath(weight: (Edge) -> Double) -> [Int]? {
        let (distance, via) = shortestPaths(from: source, weight: weight, stopAt: sink)
        guard distance[sink] < .infinity else { return nil }
        return trace(via, from: source, to: sink)
    }

    /// The deployment a source-to-sink walk describes. Loops inside one layer (possible when
    /// edges cost nothing) are erased, so every transfer path is simple. With share levels, a
    /// node gets the largest level used by its blocks. Also returns the edges kept.
    public func deployment(along walk: [Int]) -> (deployment: Deployment, kept: [Int])? {
        let instance = index.instance
        let app = instance.applications[application]
        var hosts: [Int] = []
        var levelOf: [Int: Int] = [:]
        var depth: Depth?
        // Node sequences per transfer layer (-1: the result), with the edge entering each node.
        var layers: [Int: [(node: Int, edge: Int?)]] = [0: [(index.nodeIndex[app.source]!, nil)]]
        var kept: [Int] = []
        var layer = 0
        for e in walk {
            switch edge(e).kind {
            case .compute(let k, let v, let level):
                hosts.append(v)
                // One share per node: the largest level any block there used (the MILP's rows make
                // them equal; a path search may not, and a larger share only shortens the latency).
                if let previous = levelOf[v], levels[previous] >= levels[level] {} else { levelOf[v] = level }
                layer = k
                layers[k] = [(v, nil)]
                kept.append(e)
            case .proceed:
                kept.append(e)
            case .transfer(_, let l):
                layers[layer, default: []].append((index.linkHead[l], e))
            case .terminal(let d, let v):
                depth = chain.depths[d]
                layer = -1
                layers[-1] = [(v, nil)]
                kept.append(e)
            case .result(let l):
                layers[-1, default: []].append((index.linkHead[l], e))
            case .arrive:
                kept.append(e)
            }
        }
        guard let depth, hosts.count == depth.lastBlock else { return nil }
        var transfers: [Transfer] = []
        for key in layers.keys.sorted(by: { ($0 < 0 ? Int.max : $0) < ($1 < 0 ? Int.max : $1) }) {
            var simple: [(node: Int, edge: Int?)] = []
            var position: [Int: Int] = [:]
            for step in layers[key]! {
                if let p = position[step.node] {
                    for s in simple[(p + 1)...] { position[s.node] = nil }
                    simple.removeSubrange((p + 1)...)
                } else {
                    position[step.node] = simple.count
                    simple.append(step)
                }
            }
            guard simple.count >= 2 else { continue }
            kept += simple.compactMap(\.edge)
            transfers.append(
                Transfer(afterBlock: key < 0 ? depth.lastBlock : key, path: simple.map { instance.nodes[$0.node].id }))
        }
        var shares: [String: Double]?
        if instance.shareLevels != nil {
            shares = Dictionary(uniqueKeysWithValues: levelOf.map { (instance.nodes[$0.key].id, levels[$0.value]) })
        }
        return (
            Deployment(
                application: app.id, exitAfterBlock: depth.lastBlock, hosts: hosts.map { instance.nodes[$0].id },
                shares: shares, transfers: transfers), kept
        )
    }
}

extension ExpandedGraph {
    /// Distances and the edge reaching each vertex on a shortest path from `start`, using only
    /// edges `allow` accepts (`Dijkstra`; weights must be non-negative). With `stopAt`, the search
    /// ends once that vertex is settled (other distances may then be unfinished).
    public func shortestPaths(
        from start: Int, weight: (Edge) -> Double, allow: (Edge) -> Bool = { _ in true }, stopAt: Int? = nil
    ) -> (distance: [Double], via: [Int]) {
        Dijkstra.run(vertexCount: vertexCount, from: start, stopAt: stopAt) { v, visit in
            forEachOutgoing(v) { i, e in if allow(e) { visit(e.head, weight(e), i) } }
        }
    }

    /// Least total weight from every vertex to the sink, using only edges `allow` accepts
    /// (`Dijkstra` on the reversed graph).
    public func distancesToSink(weight: (Edge) -> Double, allow: (Edge) -> Bool = { _ in true }) -> [Double] {
        Dijkstra.run(vertexCount: vertexCount, from: sink) { v, visit in
            forEachIncoming(v) { i, e in if allow(e) { visit(e.tail, weight(e), i) } }
        }.distance
    }

    /// The edges from `start` to `v` recorded in `via` (empty when v == start).
    public func trace(_ via: [Int], from start: Int, to v: Int) -> [Int] {
        var path: [Int] = []
        var at = v
        while at != start {
            path.append(via[at])
            at = edge(via[at]).tail
        }
        return path.reversed()
    }
}
