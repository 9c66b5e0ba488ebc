/// Integer-indexed view of a valid instance's network and applications, for algorithms.
///
/// Node indices follow the file's node order and link indices its link order; adjacency
/// lists follow link order, so every algorithm that walks them is deterministic.
public struct NetworkIndex: Sendable {
    public let instance: Instance
    /// Node id -> index in `instance.nodes`.
    public let nodeIndex: [String: Int]
    /// Outgoing link indices of each node, in link order.
    public let outgoing: [[Int]]
    /// Incoming link indices of each node, in link order.
    public let incoming: [[Int]]
    /// `linkTail[l]`, `linkHead[l]`: indices of link l's sending and receiving nodes.
    public let linkTail: [Int]
    public let linkHead: [Int]
    /// Per node: energy per operation (J/op, infinite where nothing can be computed) and speed
    /// (ops/s); per link: bandwidth (bit/s), latency (s) and energy per bit (J/bit). The same
    /// figures as the instance's, in flat arrays the graph searches read without copying nodes.
    public let nodeJoulesPerOp: [Double]
    public let nodeOpsPerSecond: [Double]
    public let linkBitsPerSecond: [Double]
    public let linkLatencySeconds: [Double]
    public let linkJoulesPerBit: [Double]
    /// Model id -> index in `instance.models`.
    public let modelIndex: [String: Int]
    /// One chain per model, in model order.
    public let chains: [DNNChain]
    private let linkByEnds: [Int64: Int]

    /// Builds the index. The instance must be valid (`InstanceValidator`).
    public init(_ instance: Instance) {
        self.instance = instance
        var nodeIndex: [String: Int] = [:]
        for (i, n) in instance.nodes.enumerated() { nodeIndex[n.id] = i }
        self.nodeIndex = nodeIndex
        var outgoing = [[Int]](repeating: [], count: instance.nodes.count)
        var incoming = [[Int]](repeating: [], count: instance.nodes.count)
        var linkByEnds: [Int64: Int] = [:]
        var linkTail = [Int](repeating: 0, count: instance.links.count)
        var linkHead = linkTail
        for (i, l) in instance.links.enumerated() {
            guard let u = nodeIndex[l.from], let v = nodeIndex[l.to] else { continue }
            linkTail[i] = u
            linkHead[i] = v
            outgoing[u].append(i)
            incoming[v].append(i)
            linkByEnds[Int64(u) << 32 | Int64(v)] = i
        }
        self.outgoing = outgoing
        self.incoming = incoming
        self.linkByEnds = linkByEnds
        self.linkTail = linkTail
        self.linkHead = linkHead
        nodeJoulesPerOp = instance.nodes.map(\.joulesPerOp)
        nodeOpsPerSecond = instance.nodes.map(\.opsPerSecond)
        linkBitsPerSecond = instance.links.map(\.bitsPerSecond)
        linkLatencySeconds = instance.links.map(\.latencySeconds)
        linkJoulesPerBit = instance.links.map(\.joulesPerBit)
        var modelIndex: [String: Int] = [:]
        for (i, m) in instance.models.enumerated() { modelIndex[m.id] = i }
        self.modelIndex = modelIndex
        chains = instance.models.map(DNNChain.init)
    }

    public var nodeCount: Int { instance.nodes.count }
    public var linkCount: Int { instance.links.count }

    /// The index of the link u -> v, if there is one.
    public func link(from u: Int, to v: Int) -> Int? { linkByEnds[Int64(u) << 32 | Int64(v)] }

    /// The chain of an application's model.
    public func chain(of application: Application) -> DNNChain { chains[modelIndex[application.model]!] }
}
