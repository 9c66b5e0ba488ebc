import FINModel

/// The network-expanded graph of one application (FIN's stage 2; the MILP's arcs; the layered
/// graph of Jung and Lee's MCP).
///
/// Vertices, for a network of N nodes and deepest admissible block `kmax`:
/// - `at(k, n)`: block k's output is at node n (k = 0: the raw input), k in 0...kmax;
/// - `done(k, n)`: block k has just been computed on n, k in 1...kmax. Only here can a depth
///   end, so a deployment's result always leaves the host of its last block;
/// - `result(n)`: the result is at n (only with a destination);
/// - `sink`.
///
/// Edges, each with its energy per inference (J), latency (s), and the resources it uses on
/// its own (at the application's rate):
/// - compute `at(k-1, n) -> done(k, n)` for each share level; `continue` `done(k, n) -> at(k, n)`;
/// - transfer `at(k, u) -> at(k, v)` for link u -> v (block k's output; the input for k = 0);
/// - terminal `done(k_d, n) -> result(n)` (or `sink`) for each admissible depth d;
/// - result `result(u) -> result(v)` and `arrive` `result(destination) -> sink`.
///
/// A path from `source` to `sink` is a deployment; its energy and latency are the sums over
/// its edges (latency: compute at the chosen share of the node's speed). Edges that break a
/// capacity or the latency bound on their own are not created ("pruned"); with block 1
/// pinned, compute edges of block 1 exist only at the source and the input never moves.
public struct ExpandedGraph: Sendable {
    public enum Kind: Sendable, Equatable {
        case compute(block: Int, node: Int, level: Int)
        case proceed(block: Int, node: Int)
        case transfer(layer: Int, link: Int)
        case terminal(depth: Int, node: Int)
        case result(link: Int)
        case arrive
    }

    public struct Edge: Sendable {
        public let tail: Int
        public let head: Int
        public let kind: Kind
        /// Expected energy per inference (J).
        public let energy: Double
        /// Time on the worst-case path (s).
        public let latency: Double
        /// Weights placed (compute edges).
        public let memoryBytes: Double
        /// Compute load at the application's rate (ops/s, compute edges).
        public let load: Double
        /// Traffic at the application's rate (bit/s, transfer and result edges).
        public let traffic: Double
    }

    public let index: NetworkIndex
    public let application: Int
    public let chain: DNNChain
    /// Admissible depths (indices into `chain.depths`).
    public let depths: [Int]
    public let kmax: Int
    public let levels: [Double]
    public let hasDestination: Bool
    public private(set) var edges: [Edge] = []
    /// Outgoing edge indices of each vertex.
    public private(set) var outgoing: [[Int]]
    /// The most one path can use of each node's memory and compute load and of each link's
    /// bandwidth (one compute edge per block, one transfer per layer and link, each at its
    /// largest): a capacity above it cannot bind on a single path (see FIN's critical resources).
    public private(set) var pathMemory: [Double] = []
    public private(set) var pathLoad: [Double] = []
    public private(set) var pathTraffic: [Double] = []

    public var nodeCount: Int { index.nodeCount }
    public var vertexCount: Int { outgoing.count }
    public func at(_ k: Int, _ n: Int) -> Int { k * nodeCount + n }
    public func done(_ k: Int, _ n: Int) -> Int { (kmax + k) * nodeCount + n }
    public func result(_ n: Int) -> Int { (2 * kmax + 1) * nodeCount + n }
    public var sink: Int { (2 * kmax + 2) * nodeCount }
    public var source: Int { at(0, index.nodeIndex[index.instance.applications[application].source]!) }
    /// The blocks already computed at vertex `v`: k for `at(k, ·)` and `done(k, ·)`, kmax + 1
    /// for the result vertices and kmax + 2 for the sink. Edges leaving a vertex of layer k use
    /// blocks after k only.
    public func layer(of v: Int) -> Int {
        if v < (kmax + 1) * nodeCount { return v / nodeCount }
        if v < (2 * kmax + 1) * nodeCount { return v / nodeCount - kmax }
        return v < sink ? kmax + 1 : kmax + 2
    }

    /// Builds the graph of application `a`. `levels`: share levels (`[1]` without them).
    public init(_ index: NetworkIndex, application a: Int, levels: [Double] = [1], capacities: Capacities? = nil) {
        self.index = index
        application = a
        self.levels = levels
        let instance = index.instance
        let app = instance.applications[a]
        let chain = index.chain(of: app)
        self.chain = chain
        let admissible = chain.admissibleDepths(minAccuracy: app.minAccuracy)
        depths = chain.depths.indices.filter { admissible.contains(chain.depths[$0]) }
        kmax = admissible.map(\.lastBlock).max() ?? 0
        hasDestination = app.destination != nil
        let n = index.nodeCount
        outgoing = [[Int]](repeating: [], count: (2 * kmax + 2) * n + 1)
        let cap = capacities ?? Capacities(index)
        let source = index.nodeIndex[app.source]!
        let bound = app.maxLatencySeconds
        let rate = app.ratePerSecond

        func add(
            _ tail: Int, _ head: Int, _ kind: Kind, energy: Double = 0, latency: Double = 0, memory: Double = 0,
            load: Double = 0, traffic: Double = 0
        ) {
            outgoing[tail].append(edges.count)
            edges.append(
                Edge(
                    tail: tail, head: head, kind: kind, energy: energy, latency: latency, memoryBytes: memory,
                    load: load, traffic: traffic))
        }
        pathMemory = [Double](repeating: 0, count: n)
        pathLoad = pathMemory
        pathTraffic = [Double](repeating: 0, count: index.linkCount)
        guard kmax >= 1 else { return }
        // computable[k][v]: some compute edge of block k ends at done(k, v).
        var computable = [[Bool]](repeating: [Bool](repeating: false, count: n), count: kmax + 1)
        // Compute and proceed edges.
        for k in 1...kmax {
            let ops = chain.computeOps[k]
            let memory = chain.memoryBytes(block: k)
            let load = rate * chain.reach[k] * ops
            for (v, node) in instance.nodes.enumerated() where node.canCompute {
                if k == 1 && app.pinFirstBlockToSource && v != source { continue }
                guard Tolerance.fits(memory, within: cap.memoryBytes[v]) else { continue }
                var any = false
                var mostLoad = 0.0
                for (li, phi) in levels.enumerated() where Tolerance.fits(phi, within: cap.share[v]) {
                    let seconds = ops / (phi * node.opsPerSecond)
                    guard Tolerance.fits(seconds, within: bound),
                        Tolerance.fits(load, within: min(phi * node.opsPerSecond, cap.opsPerSecond[v]))
                    else { continue }
                    add(
                        at(k - 1, v), done(k, v), .compute(block: k, node: v, level: li),
                        energy: chain.reach[k] * ops * node.joulesPerOp, latency: seconds, memory: memory, load: load)
                    any = true
                    mostLoad = load
                }
                if any {
                    pathMemory[v] += memory
                    pathLoad[v] += mostLoad
                }
                computable[k][v] = any
                if any && k < kmax { add(done(k, v), at(k, v), .proceed(block: k, node: v)) }
            }
        }
        // Transfer edges (none in layer 0 when block 1 is pinned: the input never moves).
        for k in 0..<kmax where !(k == 0 && app.pinFirstBlockToSource) {
            let bits = chain.transferBits(afterBlock: k)
            let probability = chain.sendProbability(afterBlock: k)
            for (l, link) in instance.links.enumerated() {
                let seconds = link.seconds(bits: bits)
                let traffic = rate * probability * bits
                guard Tolerance.fits(seconds, within: bound), Tolerance.fits(traffic, within: cap.bitsPerSecond[l])
                else { continue }
                add(
                    at(k, index.linkTail[l]), at(k, index.linkHead[l]), .transfer(layer: k, link: l),
                    energy: probability * bits * link.joulesPerBit, latency: seconds, traffic: traffic)
                pathTraffic[l] += traffic
            }
        }
        // Terminal edges.
        for d in depths {
            let k = chain.depths[d].lastBlock
            for v in 0..<n where computable[k][v] {
                add(done(k, v), hasDestination ? result(v) : sink, .terminal(depth: d, node: v))
            }
        }
        // Result delivery.
        if let destination = app.destination.map({ index.nodeIndex[$0]! }) {
            let bits = chain.model.resultBits
            for (l, link) in instance.links.enumerated() {
                let seconds = link.seconds(bits: bits)
                let traffic = rate * bits
                guard Tolerance.fits(seconds, within: bound), Tolerance.fits(traffic, within: cap.bitsPerSecond[l])
                else { continue }
                add(
                    result(index.linkTail[l]), result(index.linkHead[l]), .result(link: l),
                    energy: bits * link.joulesPerBit, latency: seconds, traffic: traffic)
                pathTraffic[l] += traffic
            }
            add(result(destination), sink, .arrive)
        }
    }
}
