/// The tier of a network node. `relay` nodes only forward traffic (speed 0).
public enum Tier: String, Sendable, CaseIterable, Comparable {
    case device, edge, cloud, relay
    public static func < (a: Tier, b: Tier) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A network node (MODEL.md, "Network").
public struct Node: Sendable, Equatable {
    public var id: String
    public var tier: Tier
    /// Compute speed; 0 for nodes that host nothing (relays, sensors).
    public var opsPerSecond: Double
    /// Power drawn while computing, in watts.
    public var powerWatts: Double
    /// Memory available for DNN weights.
    public var memoryBytes: Double
    /// Geographic position in degrees (a workbench extension of FORMAT.md: optional, both or
    /// neither; imported topologies set them, drawings use them).
    public var longitude: Double?
    public var latitude: Double?

    public init(
        id: String, tier: Tier, opsPerSecond: Double, powerWatts: Double, memoryBytes: Double,
        longitude: Double? = nil, latitude: Double? = nil
    ) {
        self.id = id
        self.tier = tier
        self.opsPerSecond = opsPerSecond
        self.powerWatts = powerWatts
        self.memoryBytes = memoryBytes
        self.longitude = longitude
        self.latitude = latitude
    }

    /// True when the node can host DNN blocks (speed > 0).
    public var canCompute: Bool { opsPerSecond > 0 }
    /// Energy of one operation, power / speed (J/op); infinite for a node that cannot compute.
    public var joulesPerOp: Double { canCompute ? powerWatts / opsPerSecond : .infinity }
}

/// A directed link (MODEL.md, "Network"). Sending b bits takes b / bandwidth + latency
/// seconds and costs b * joulesPerBit joules.
public struct Link: Sendable, Equatable {
    public var from: String
    public var to: String
    public var bitsPerSecond: Double
    public var latencySeconds: Double
    /// Transfer energy per bit, sender and receiver together.
    public var joulesPerBit: Double

    public init(from: String, to: String, bitsPerSecond: Double, latencySeconds: Double, joulesPerBit: Double) {
        self.from = from
        self.to = to
        self.bitsPerSecond = bitsPerSecond
        self.latencySeconds = latencySeconds
        self.joulesPerBit = joulesPerBit
    }

    /// Seconds to send `bits` over this link.
    public func seconds(bits: Double) -> Double {
        Link.seconds(bits: bits, bitsPerSecond: bitsPerSecond, latencySeconds: latencySeconds)
    }

    /// Seconds to send `bits` over a link of this bandwidth and latency (the one formula).
    @inlinable
    public static func seconds(bits: Double, bitsPerSecond: Double, latencySeconds: Double) -> Double {
        bits / bitsPerSecond + latencySeconds
    }
}

/// One block of a branchy DNN. Its exit classifier's weights, if any, are counted in
/// `memoryBytes` (an exit is deployed exactly when its block is).
public struct Block: Sendable, Equatable {
    public var ops: Double
    /// Size of the block's output; unused for the last block (results use `resultBits`).
    public var outputBits: Double
    public var memoryBytes: Double
    public init(ops: Double, outputBits: Double, memoryBytes: Double) {
        self.ops = ops
        self.outputBits = outputBits
        self.memoryBytes = memoryBytes
    }
}

/// An early exit after a block.
public struct Exit: Sendable, Equatable {
    /// The 1-based block this exit follows.
    public var afterBlock: Int
    public var accuracy: Double
    /// Operations of the exit's classifier, run on the host of its block.
    public var ops: Double
    /// Share of the samples reaching this exit that leave there (ignored, taken as 1, for the
    /// deployment's final exit).
    public var exitProbability: Double
    public init(afterBlock: Int, accuracy: Double, ops: Double = 0, exitProbability: Double = 0) {
        self.afterBlock = afterBlock
        self.accuracy = accuracy
        self.ops = ops
        self.exitProbability = exitProbability
    }
}

/// A branchy DNN: a chain of blocks with exits (MODEL.md, "Branchy DNN").
public struct DNNModel: Sendable, Equatable {
    public var id: String
    /// Size of the raw input (block 0's output).
    public var inputBits: Double
    public var blocks: [Block]
    /// Exits, in file order (`DNNChain` indexes them by block).
    public var exits: [Exit]
    /// Size of the result delivered to an application's destination.
    public var resultBits: Double

    public init(id: String, inputBits: Double, blocks: [Block], exits: [Exit], resultBits: Double = 0) {
        self.id = id
        self.inputBits = inputBits
        self.blocks = blocks
        self.exits = exits
        self.resultBits = resultBits
    }
}

/// An application: one DNN run on the samples of a source node (MODEL.md, "Application").
public struct Application: Sendable, Equatable {
    public var id: String
    public var model: String
    public var source: String
    /// The node that must receive the result, if any.
    public var destination: String?
    /// Inferences per second.
    public var ratePerSecond: Double
    public var maxLatencySeconds: Double
    public var minAccuracy: Double
    /// Block 1 must run on the source (the papers' setting).
    public var pinFirstBlockToSource: Bool

    public init(
        id: String, model: String, source: String, destination: String? = nil, ratePerSecond: Double = 1,
        maxLatencySeconds: Double, minAccuracy: Double, pinFirstBlockToSource: Bool = false
    ) {
        self.id = id
        self.model = model
        self.source = source
        self.destination = destination
        self.ratePerSecond = ratePerSecond
        self.maxLatencySeconds = maxLatencySeconds
        self.minAccuracy = minAccuracy
        self.pinFirstBlockToSource = pinFirstBlockToSource
    }
}

/// A problem instance (`fin-instance/1`): network, DNN models, applications and optional
/// share levels. Construct it freely; `InstanceValidator` says whether it is well formed,
/// and `InstanceFile` reads and writes it.
public struct Instance: Sendable, Equatable {
    public static let formatTag = "fin-instance/1"

    public var name: String
    public var description: String?
    public var nodes: [Node]
    public var links: [Link]
    public var models: [DNNModel]
    public var applications: [Application]
    /// Speed shares an application may be given on a node (journal version); nil: every
    /// application computes at full speed.
    public var shareLevels: [Double]?

    public init(
        name: String, description: String? = nil, nodes: [Node], links: [Link], models: [DNNModel],
        applications: [Application], shareLevels: [Double]? = nil
    ) {
        self.name = name
        self.description = description
        self.nodes = nodes
        self.links = links
        self.models = models
        self.applications = applications
        self.shareLevels = shareLevels
    }
}
