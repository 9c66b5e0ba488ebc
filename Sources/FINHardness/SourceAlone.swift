import FINEvaluator
import FINModel
import HeapModule

/// The source-alone deployment of an application: every block up to the shallowest admissible
/// exit on the source, the result (if a destination) sent along the route of least latency.
enum SourceAlone {
    /// Nil when no exit is admissible, the source cannot compute or the destination is
    /// unreachable. With share levels the source gets the largest level.
    static func deployment(_ index: NetworkIndex, _ a: Int) -> Deployment? {
        let instance = index.instance
        let app = instance.applications[a]
        let chain = index.chain(of: app)
        guard let k = chain.admissibleDepths(minAccuracy: app.minAccuracy).map(\.lastBlock).min(),
            let s = index.nodeIndex[app.source], instance.nodes[s].canCompute
        else { return nil }
        var transfers: [Transfer] = []
        if let destination = app.destination.flatMap({ index.nodeIndex[$0] }) {
            let bits = chain.model.resultBits
            guard let route = fastestRoute(index, from: s, to: destination, bits: bits) else { return nil }
            transfers.append(Transfer(afterBlock: k, path: route.map { instance.nodes[$0].id }))
        }
        let shares = instance.shareLevels.map { levels in [app.source: levels.max() ?? 1] }
        return Deployment(
            application: app.id, exitAfterBlock: k, hosts: Array(repeating: app.source, count: k),
            shares: shares, transfers: transfers)
    }

    struct Entry: Comparable {
        let seconds: Double
        let node: Int
        static func < (a: Entry, b: Entry) -> Bool { (a.seconds, a.node) < (b.seconds, b.node) }
    }

    /// Nodes of a least-latency route for `bits` (Dijkstra on bits / bandwidth + delay; ties by
    /// node index), nil when unreachable.
    static func fastestRoute(_ index: NetworkIndex, from s: Int, to t: Int, bits: Double) -> [Int]? {
        var best = [Double](repeating: .infinity, count: index.nodeCount)
        var via = [Int](repeating: -1, count: index.nodeCount)
        best[s] = 0
        var heap = Heap<Entry>()
        heap.insert(Entry(seconds: 0, node: s))
        while let e = heap.popMin() {
            if e.node == t { break }
            guard e.seconds <= best[e.node] else { continue }
            for l in index.outgoing[e.node] {
                let v = index.linkHead[l]
                let x = e.seconds + index.instance.links[l].seconds(bits: bits)
                if x < best[v] {
                    best[v] = x
                    via[v] = e.node
                    heap.insert(Entry(seconds: x, node: v))
                }
            }
        }
        guard best[t] < .infinity else { return nil }
        var route = [t]
        while route.last! != s { route.append(via[route.last!]) }
        return route.reversed()
    }
}
