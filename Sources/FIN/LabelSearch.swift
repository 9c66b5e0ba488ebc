import FINGraph
import FINModel
import HeapModule

/// The label-setting search shared by FIN(γ, λ), FIN-exact, FIN-ε and the latency-driven
/// baseline: a best-first search over (vertex, label) pairs of an application's expanded graph.
///
/// A label is a partial path from the source: its *priority* (what is minimised: energy, or
/// scaled energy for FIN-ε, or latency for MCP), its *measure* (what is bounded: latency in
/// quantised levels for FIN, in seconds otherwise), its true energy and latency, and its use of
/// the *critical* resources (below). Labels leave the queue in non-decreasing (priority,
/// measure); the first label to reach the sink is the answer. At each vertex a new label is
/// dropped when another there has priority no higher, measure at most `slack` higher, and uses
/// no more of any critical resource (`slack` = λ for FIN; 0 is exact Pareto dominance); labels
/// already there are removed only when the new one dominates them exactly.
///
/// Critical resources: a node's memory or compute load, or a link's bandwidth, that the edges
/// of one path could together exceed (two blocks on one node, two transfers over one link). Only
/// those are carried in labels and checked on every extension; the others cannot bind on one
/// path, and the graph has already dropped every edge that breaks a capacity on its own. So
/// every path found respects every capacity, and in the common case (nothing critical) a label
/// is two numbers.
///
/// Charges paid once per node (`OncePerNode`, the share prices of `fin-multi`): a label also
/// carries, per charged node, the largest charge its path has paid there; an edge pays only what
/// exceeds it. A label then dominates another only if it has paid at least as much at every node
/// (what it may still have to pay is no more). Entries are dropped once no compute edge of a
/// later block exists at their node.
struct LabelSearch {
    /// Costs a path pays once per node, at the largest charge of its edges there, and not once
    /// per edge: edge `e` charges `amount[e]` at node `node[e]` (-1: none).
    struct OncePerNode {
        var node: [Int32]
        var amount: [Double]
        /// Per node: the last block with a compute edge there (0: none).
        var lastBlock: [Int]
    }

    /// What is minimised and what is bounded.
    enum Mode {
        /// FIN(γ, λ): minimise energy; latency in levels of width `bound / levels`, each edge
        /// rounded up to whole levels, at most `levels` in all; dominance slack λ levels.
        case quantized(levels: Int, slack: Int)
        /// FIN-exact: minimise energy; exact latency within the bound; exact dominance.
        case exact
        /// FIN-ε: minimise Σ ⌊energy / delta⌋ per edge; exact latency; exact dominance.
        case scaled(delta: Double)
        /// MCP: minimise latency (ties: energy); exact dominance.
        case latency
        /// Minimise a given cost per edge (`costs[e]`, non-negative; infinite = unusable); exact
        /// latency; exact dominance. The Lagrangian subproblem of `fin-multi`: energy plus the
        /// prices of the shared capacities an edge uses, plus the charges paid once per node
        /// (share prices), when given.
        case priced(costs: [Double], once: OncePerNode?)
    }

    struct Result {
        /// Edge indices from source to sink.
        let path: [Int]
        let energy: Double
        let latency: Double
        /// Levels used (quantised mode), or latency in seconds.
        let measure: Double
        /// What was minimised, at the sink: the path's cost in the priced mode (with the charges
        /// paid once per node), its energy or scaled energy otherwise, its latency for MCP.
        let priority: Double
        let labelsCreated: Int
        let labelsExpanded: Int
    }

    let graph: ExpandedGraph
    let mode: Mode
    /// Residual capacities the path must fit.
    let capacities: Capacities

    /// Amounts per resource (critical resources used, or charges paid per node), sorted by id.
    typealias Usage = [(resource: Int32, amount: Double)]

    /// True when every entry of `a` is in `b` with at least its amount (absent = 0): `a` uses
    /// no more than `b` of any resource, or `b` has paid at least what `a` has at every node.
    static func atMost(_ a: Usage, _ b: Usage) -> Bool {
        var j = 0
        for (r, x) in a {
            while j < b.count && b[j].resource < r { j += 1 }
            guard j < b.count, b[j].resource == r, x <= b[j].amount else { return false }
        }
        return true
    }

    private struct Entry: Comparable {
        let priority: Double
        let measure: Double
        let label: Int32
        static func < (a: Entry, b: Entry) -> Bool {
            (a.priority, a.measure, a.label) < (b.priority, b.measure, b.label)
        }
    }

    func run() -> Result? {
        let g = graph
        let bound = g.index.instance.applications[g.application].maxLatencySeconds
        // Priority and measure increments of an edge, computed when the edge is used (a
        // per-search pass over every edge would cost more than the search on large graphs).
        let measureLimit: Double
        let slack: Double
        let width: Double
        var scale = 1.0
        switch mode {
        case .quantized(let levels, let lambda):
            width = bound / Double(levels)
            measureLimit = Double(levels)
            slack = Double(lambda)
        case .exact, .latency, .priced:
            width = 1
            measureLimit = bound
            slack = 0
        case .scaled(let delta):
            width = 1
            scale = delta
            measureLimit = bound
            slack = 0
        }
        let mode = self.mode
        var costs: [Double] = []
        var once: OncePerNode?
        if case .priced(let c, let o) = mode {
            costs = c
            once = o
        }
        func increments(_ i: Int, _ e: ExpandedGraph.Edge) -> (priority: Double, measure: Double) {
            switch mode {
            case .priced: return (costs[i], e.latency)
            case .quantized:
                let x = e.latency / width
                return (e.energy, x > 0 ? (x - 1e-12 * max(1, x)).rounded(.up) : 0)
            case .exact: return (e.energy, e.latency)
            case .scaled: return ((e.energy / scale).rounded(.down), e.latency)
            case .latency: return (e.latency, e.energy)
            }
        }
        let critical = CriticalResources(graph: g, capacities: capacities)
        // Labels are more than (priority, measure) when they carry resources or charges paid.
        let plain = critical.isEmpty && once == nil
        var quantized = false
        if case .quantized = mode { quantized = true }

        // Labels, structure of arrays.
        var priority: [Double] = []
        var measure: [Double] = []
        var energy: [Double] = []
        var latency: [Double] = []
        var vertexOf: [Int32] = []
        var parent: [Int32] = []
        var edgeOf: [Int32] = []
        var alive: [Bool] = []
        var usage: [Usage] = []
        var paid: [Usage] = []
        // Per vertex: live labels sorted by measure, priorities strictly decreasing (when no
        // resource is critical); any order otherwise.
        var fronts = [[Int32]](repeating: [], count: g.vertexCount)
        var heap = Heap<Entry>()
        var expanded = 0

        func dominates(_ a: Int32, _ p: Double, _ m: Double, _ u: Usage, _ c: Usage) -> Bool {
            let ai = Int(a)
            guard priority[ai] <= p, measure[ai] <= m + slack else { return false }
            return Self.atMost(usage[ai], u) && Self.atMost(c, paid[ai])
        }

        /// Adds a label unless dominated; removes the labels it dominates.
        func offer(_ v: Int, _ p: Double, _ m: Double, _ e: Double, _ l: Double, _ from: Int32, _ edge: Int32, _ u: Usage, _ c: Usage) {
            var front = fronts[v]
            if plain {
                // Binary search: the last label with measure <= m + slack has the least priority
                // among those that could dominate.
                var lo = 0
                var hi = front.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if measure[Int(front[mid])] <= m + slack { lo = mid + 1 } else { hi = mid }
                }
                if lo > 0 && priority[Int(front[lo - 1])] <= p { return }
                // Remove the labels the new one dominates exactly (measure >= m, priority >= p).
                // Only a newcomer is dropped with the slack: λ-dominance is not transitive, and
                // removing old labels with it would let the drift at one vertex add up to several λ.
                front.removeAll { id in
                    let i = Int(id)
                    if measure[i] >= m && priority[i] >= p {
                        alive[i] = false
                        return true
                    }
                    return false
                }
            } else {
                for id in front where dominates(id, p, m, u, c) { return }
                front.removeAll { id in
                    let i = Int(id)
                    if p <= priority[i] && m <= measure[i] && Self.atMost(u, usage[i]) && Self.atMost(paid[i], c) {
                        alive[i] = false
                        return true
                    }
                    return false
                }
            }
            let id = Int32(priority.count)
            priority.append(p)
            measure.append(m)
            energy.append(e)
            latency.append(l)
            vertexOf.append(Int32(v))
            parent.append(from)
            edgeOf.append(edge)
            alive.append(true)
            usage.append(u)
            paid.append(c)
            // Keep the front sorted by measure.
            var at = front.count
            while at > 0 && measure[Int(front[at - 1])] > m { at -= 1 }
            front.insert(id, at: at)
            fronts[v] = front
            heap.insert(Entry(priority: p, measure: m, label: id))
        }

        offer(g.source, 0, 0, 0, 0, -1, -1, [], [])
        while let top = heap.popMin() {
            let id = Int(top.label)
            guard alive[id] else { continue }
            let v = Int(vertexOf[id])
            if v == g.sink {
                var path: [Int] = []
                var at = Int32(id)
                while parent[Int(at)] >= 0 {
                    path.append(Int(edgeOf[Int(at)]))
                    at = parent[Int(at)]
                }
                return Result(path: path.reversed(), energy: energy[id], latency: latency[id], measure: measure[id],
                              priority: priority[id], labelsCreated: priority.count, labelsExpanded: expanded)
            }
            expanded += 1
            for e in g.outgoing[v] {
                let edge = g.edges[e]
                let step = increments(e, edge)
                guard step.priority < .infinity else { continue }
                let m = measure[id] + step.measure
                if quantized {
                    guard m <= measureLimit else { continue }
                } else {
                    guard Tolerance.fits(latency[id] + edge.latency, within: bound) else { continue }
                }
                var u = usage[id]
                if !critical.isEmpty {
                    guard critical.extend(&u, edge: e) else { continue }
                    critical.forget(&u, at: edge.head)
                }
                var c = paid[id]
                var extra = 0.0
                if let once {
                    extra = once.pay(&c, edge: e)
                    once.forget(&c, at: g.layer(of: edge.head))
                }
                offer(edge.head, priority[id] + step.priority + extra, m, energy[id] + edge.energy, latency[id] + edge.latency,
                      Int32(id), Int32(e), u, c)
            }
        }
        return nil
    }
}

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
            if !Tolerance.fits(memory[n], within: capacities.memoryBytes[n]) { register(3 * n, capacities.memoryBytes[n]) }
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
        usage.removeAll { Tolerance.fits($0.amount + ahead[Int($0.resource)][layer], within: capacity[Int($0.resource)]) }
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

extension LabelSearch.OncePerNode {
    /// Pays edge `e`'s charge into `paid` (sorted by node); returns what it adds to the cost:
    /// the excess over the largest charge already paid at its node.
    func pay(_ paid: inout LabelSearch.Usage, edge e: Int) -> Double {
        let n = node[e]
        guard n >= 0 else { return 0 }
        let x = amount[e]
        if let i = paid.firstIndex(where: { $0.resource == n }) {
            guard x > paid[i].amount else { return 0 }
            let extra = x - paid[i].amount
            paid[i].amount = x
            return extra
        }
        let at = paid.firstIndex(where: { $0.resource > n }) ?? paid.count
        paid.insert((n, x), at: at)
        return x
    }

    /// Drops the nodes where no block after `layer` can be computed any more.
    func forget(_ paid: inout LabelSearch.Usage, at layer: Int) {
        guard !paid.isEmpty else { return }
        paid.removeAll { lastBlock[Int($0.resource)] <= layer }
    }
}
