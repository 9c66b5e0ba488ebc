import FINGraph
import FINModel
import FINTestSupport
import Testing

@Suite("Implicit expanded graph")
struct ExpandedGraphTests {
    /// The three enumerations (per vertex out, per vertex in, every edge) and `edge(_:)` describe
    /// one graph: the same edges with the same figures, each leaving its tail and entering its
    /// head, in increasing edge number; the edge count is the number enumerated; every edge fits
    /// the latency bound and the capacities on its own; the path maxima stay below their bounds.
    @Test func enumerationsAgree() {
        var edges = 0
        for seed in UInt64(1)...150 {
            let instance = TinyInstances.make(seed: seed, maxNodes: 6, maxBlocks: 4)
            let index = NetworkIndex(instance)
            for a in instance.applications.indices {
                let g = ExpandedGraph(index, application: a, levels: instance.shareLevels ?? [1])
                let bound = instance.applications[a].maxLatencySeconds
                var all: [Int: ExpandedGraph.Edge] = [:]
                var order: [Int] = []
                g.forEachEdge { e, edge in
                    all[e] = edge
                    order.append(e)
                }
                #expect(order == order.sorted() && all.count == g.edgeCount, "seed \(seed) app \(a)")
                var out: [Int] = []
                var into: [Int] = []
                for v in 0..<g.vertexCount {
                    var last = -1
                    g.forEachOutgoing(v) { e, edge in
                        #expect(edge.tail == v && e > last && g.contains(edge: e), "seed \(seed) app \(a) edge \(e)")
                        last = e
                        out.append(e)
                    }
                    last = -1
                    g.forEachIncoming(v) { e, edge in
                        #expect(edge.head == v && e > last, "seed \(seed) app \(a) edge \(e)")
                        last = e
                        into.append(e)
                    }
                }
                #expect(out.sorted() == order && into.sorted() == order, "seed \(seed) app \(a)")
                for (e, edge) in all {
                    let read = g.edge(e)
                    #expect(
                        read.tail == edge.tail && read.head == edge.head && read.kind == edge.kind
                            && read.energy == edge.energy && read.latency == edge.latency,
                        "seed \(seed) app \(a) edge \(e)")
                    #expect(Tolerance.fits(edge.latency, within: bound), "seed \(seed) app \(a) edge \(e)")
                    if case .compute(_, let n, _) = edge.kind {
                        #expect(Tolerance.fits(edge.memoryBytes, within: instance.nodes[n].memoryBytes))
                    }
                }
                for n in 0..<g.nodeCount {
                    #expect(g.pathMemory(n) <= g.mostMemory && g.pathLoad(n) <= g.mostLoad)
                }
                for l in 0..<index.linkCount { #expect(g.pathTraffic(l) <= g.mostTraffic) }
                edges += all.count
            }
        }
        #expect(edges > 5_000, "only \(edges) edges checked")
    }
}
