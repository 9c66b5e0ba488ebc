import FINModel

/// The scores of one deployment (MODEL.md, "Scores"), per inference.
public struct DeploymentScores: Sendable, Equatable {
    /// Expected energy per inference: `computeEnergyJoules + communicationEnergyJoules`.
    public let energyJoules: Double
    /// Expected energy of blocks and exit classifiers.
    public let computeEnergyJoules: Double
    /// Expected energy of transfers.
    public let communicationEnergyJoules: Double
    /// Worst-case latency (a sample that runs to the final exit).
    public let latencySeconds: Double
    /// Expected accuracy.
    public let accuracy: Double
}

/// What one deployment consumes of the shared capacities (per second, at the application's
/// rate). Entries are sorted by node or link index.
public struct Footprint: Sendable, Equatable {
    /// Weights placed on each hosting node (bytes).
    public var memory: [(node: Int, bytes: Double)]
    /// Compute load on each hosting node (ops/s): rate * pi_k * ops of its blocks and exits.
    public var load: [(node: Int, opsPerSecond: Double)]
    /// Speed share on each hosting node (1 without share levels).
    public var share: [(node: Int, share: Double)]
    /// Traffic on each link crossed (bit/s): rate * send probability * bits.
    public var traffic: [(link: Int, bitsPerSecond: Double)]

    public static func == (a: Footprint, b: Footprint) -> Bool {
        a.memory.elementsEqual(b.memory, by: ==) && a.load.elementsEqual(b.load, by: ==)
            && a.share.elementsEqual(b.share, by: ==) && a.traffic.elementsEqual(b.traffic, by: ==)
    }
}

/// A deployment whose ids have been resolved to indices and checked for structure.
public struct ResolvedDeployment: Sendable {
    /// Index of the application in `instance.applications`.
    public let application: Int
    public let depth: Depth
    /// Node index of the host of block k at `hosts[k - 1]`.
    public let hosts: [Int]
    /// Node index -> share of its speed (1 everywhere without share levels).
    public let shares: [Int: Double]
    /// Every transfer: which block's data (0 = input; `depth.lastBlock` = the result),
    /// the links crossed in order.
    public let transfers: [(afterBlock: Int, links: [Int])]
}
