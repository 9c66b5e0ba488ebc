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
///
/// Storage (ExpandedGraph+Layout.swift): the graph is implicit. An edge is a number whose
/// place in a fixed layout says what it is (kind, block or layer, node or link, level); its
/// figures are computed when it is read, from the network (`NetworkIndex`, shared by every
/// application's graph) and a few numbers per block of the DNN. All an application's graph
/// stores per edge is one bit: whether the edge exists (passes the pruning). Edge numbers follow
/// the order in which an explicit graph would list its edges, and so does every enumeration,
/// so searches break ties as they always did.
public struct ExpandedGraph: Sendable {
    public enum Kind: Sendable, Equatable {
        case compute(block: Int, node: Int, level: Int)
        case proceed(block: Int, node: Int)
        case transfer(layer: Int, link: Int)
        case terminal(depth: Int, node: Int)
        case result(link: Int)
        case arrive
    }

    /// One edge, with its figures (computed when read).
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

        @inlinable @usableFromInline
        init(
            _ tail: Int, _ head: Int, _ kind: Kind, energy: Double = 0, latency: Double = 0, memory: Double = 0,
            load: Double = 0, traffic: Double = 0
        ) {
            self.tail = tail
            self.head = head
            self.kind = kind
            self.energy = energy
            self.latency = latency
            memoryBytes = memory
            self.load = load
            self.traffic = traffic
        }
    }

    public let index: NetworkIndex
    public let application: Int
    public let chain: DNNChain
    /// Admissible depths (indices into `chain.depths`).
    @inlinable public var depths: [Int] { figures.depths }
    /// The deepest admissible depth's last block.
    @inlinable public var kmax: Int { figures.kmax }
    /// Share levels (`[1]` without them).
    @inlinable public var levels: [Double] { figures.levels }
    @inlinable public var hasDestination: Bool { figures.destination >= 0 }
    /// How many edges exist.
    public let edgeCount: Int

    /// The application's per-block and per-layer figures and the edge-number layout.
    @usableFromInline let figures: Figures
    /// One bit per edge number: the edge exists.
    @usableFromInline let present: [UInt64]

    public var nodeCount: Int { figures.nodes }
    public var vertexCount: Int { (2 * kmax + 2) * figures.nodes + 1 }
    @inlinable public func at(_ k: Int, _ n: Int) -> Int { k * figures.nodes + n }
    @inlinable public func done(_ k: Int, _ n: Int) -> Int { (kmax + k) * figures.nodes + n }
    @inlinable public func result(_ n: Int) -> Int { (2 * kmax + 1) * figures.nodes + n }
    @inlinable public var sink: Int { (2 * kmax + 2) * figures.nodes }
    public var source: Int { at(0, figures.source) }
    /// The blocks already computed at vertex `v`: k for `at(k, ·)` and `done(k, ·)`, kmax + 1
    /// for the result vertices and kmax + 2 for the sink. Edges leaving a vertex of layer k use
    /// blocks after k only.
    @inlinable
    public func layer(of v: Int) -> Int {
        let n = figures.nodes
        if v < (kmax + 1) * n { return v / n }
        if v < (2 * kmax + 1) * n { return v / n - kmax }
        return v < sink ? kmax + 1 : kmax + 2
    }

    /// Builds the graph of application `a`. `levels`: share levels (`[1]` without them).
    public init(_ index: NetworkIndex, application a: Int, levels: [Double] = [1], capacities: Capacities? = nil) {
        self.index = index
        application = a
        let instance = index.instance
        let app = instance.applications[a]
        let chain = index.chain(of: app)
        self.chain = chain
        let admissible = chain.admissibleDepths(minAccuracy: app.minAccuracy)
        let depths = chain.depths.indices.filter { admissible.contains(chain.depths[$0]) }
        let kmax = admissible.map(\.lastBlock).max() ?? 0
        let figures = Figures(index, application: a, chain: chain, depths: depths, kmax: kmax, levels: levels)
        self.figures = figures
        (present, edgeCount) = Self.existing(index, app, chain, figures, capacities: capacities ?? Capacities(index))
    }

    /// Which edges exist: those that break neither a capacity nor the latency bound on their own.
    private static func existing(
        _ index: NetworkIndex, _ app: Application, _ chain: DNNChain, _ figures: Figures, capacities cap: Capacities
    ) -> ([UInt64], Int) {
        let instance = index.instance
        let (kmax, levels, depths) = (figures.kmax, figures.levels, figures.depths)
        let n = index.nodeCount
        var present = [UInt64](repeating: 0, count: (figures.edgeIDLimit + 63) / 64)
        var count = 0
        func add(_ e: Int) {
            present[e >> 6] |= 1 << UInt64(e & 63)
            count += 1
        }
        guard kmax >= 1 else { return (present, 0) }
        let source = figures.source
        let bound = app.maxLatencySeconds
        // computable[k][v]: some compute edge of block k ends at done(k, v).
        var computable = [[Bool]](repeating: [Bool](repeating: false, count: n), count: kmax + 1)
        // Compute and proceed edges.
        for k in 1...kmax {
            let ops = figures.blockOps[k]
            let memory = figures.blockMemory[k]
            let load = figures.blockLoad[k]
            for (v, node) in instance.nodes.enumerated() where node.canCompute {
                if k == 1 && app.pinFirstBlockToSource && v != source { continue }
                guard Tolerance.fits(memory, within: cap.memoryBytes[v]) else { continue }
                var any = false
                for (li, phi) in levels.enumerated() where Tolerance.fits(phi, within: cap.share[v]) {
                    let seconds = ops / (phi * node.opsPerSecond)
                    guard Tolerance.fits(seconds, within: bound),
                        Tolerance.fits(load, within: min(phi * node.opsPerSecond, cap.opsPerSecond[v]))
                    else { continue }
                    add(figures.computeID(k, v, li))
                    any = true
                }
                computable[k][v] = any
                if any && k < kmax { add(figures.proceedID(k, v)) }
            }
        }
        // Transfer edges (none in layer 0 when block 1 is pinned: the input never moves).
        for k in 0..<kmax where !(k == 0 && app.pinFirstBlockToSource) {
            let bits = figures.layerBits[k]
            let traffic = figures.layerTraffic[k]
            for l in 0..<index.linkCount {
                guard Tolerance.fits(figures.seconds(l, bits: bits), within: bound),
                    Tolerance.fits(traffic, within: cap.bitsPerSecond[l])
                else { continue }
                add(figures.transferID(k, l))
            }
        }
        // Terminal edges.
        for (position, d) in depths.enumerated() {
            let k = chain.depths[d].lastBlock
            for v in 0..<n where computable[k][v] { add(figures.terminalID(position, v)) }
        }
        // Result delivery.
        if figures.destination >= 0 {
            for l in 0..<index.linkCount {
                guard Tolerance.fits(figures.seconds(l, bits: figures.resultBits), within: bound),
                    Tolerance.fits(figures.resultTraffic, within: cap.bitsPerSecond[l])
                else { continue }
                add(figures.resultID(l))
            }
            add(figures.arriveID)
        }
        return (present, count)
    }
}
