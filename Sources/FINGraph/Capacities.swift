import FINModel

/// Capacities a graph's edges must fit on their own: the instance's, or what other
/// applications left (FIN deploys applications one at a time on residual capacities).
public struct Capacities: Sendable {
    public var memoryBytes: [Double]
    public var opsPerSecond: [Double]
    /// Speed share still free on each node (1 when unused).
    public var share: [Double]
    public var bitsPerSecond: [Double]

    /// The full capacities of an instance.
    public init(_ index: NetworkIndex) {
        memoryBytes = index.instance.nodes.map(\.memoryBytes)
        opsPerSecond = index.nodeOpsPerSecond
        share = [Double](repeating: 1, count: index.nodeCount)
        bitsPerSecond = index.linkBitsPerSecond
    }
}
