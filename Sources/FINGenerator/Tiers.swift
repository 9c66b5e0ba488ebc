import FINModel

/// Per-tier hardware figures published by the papers' authors (INFOCOM 2024 / ToN 2025).
///
/// Memory is not given by the authors; the values are those of FORMAT.md's example (a
/// phone-class device, an edge GPU server, a cloud GPU). Relays take the edge's network
/// figures and compute nothing.
public struct TierFigures: Sendable {
    public let opsPerSecond: Double
    public let powerWatts: Double
    public let memoryBytes: Double
    /// Transfer energy at this node, sending or receiving; a link costs the sum of its ends.
    public let joulesPerBit: Double
    /// Rate at which this node receives; a link into it has this bandwidth.
    public let receiveBitsPerSecond: Double

    public static let device = TierFigures(opsPerSecond: 11e12, powerWatts: 6, memoryBytes: 4e9, joulesPerBit: 30e-9, receiveBitsPerSecond: 1e8)
    public static let edge = TierFigures(opsPerSecond: 153.4e12, powerWatts: 140, memoryBytes: 16e9, joulesPerBit: 37e-9, receiveBitsPerSecond: 5.618e11)
    public static let cloud = TierFigures(opsPerSecond: 312e12, powerWatts: 400, memoryBytes: 80e9, joulesPerBit: 12.6e-9, receiveBitsPerSecond: 4.545e12)
    public static let relay = TierFigures(opsPerSecond: 0, powerWatts: 0, memoryBytes: 0, joulesPerBit: 37e-9, receiveBitsPerSecond: 5.618e11)

    public static func of(_ tier: Tier) -> TierFigures {
        switch tier {
        case .device: return device
        case .edge: return edge
        case .cloud: return cloud
        case .relay: return relay
        }
    }
}

/// The papers' evaluation scenario: one device, one edge server and one cloud, upward links
/// only (device -> edge, device -> cloud, edge -> cloud), block 1 pinned to the device.
public enum PaperScenario {
    /// A link between the two tiers with the authors' figures: bandwidth = the receiving
    /// node's rate, energy = the sum of both ends' per-bit energy, no propagation delay
    /// (the authors model none).
    static func link(_ from: Tier, _ to: Tier) -> Link {
        Link(from: from.rawValue, to: to.rawValue, bitsPerSecond: TierFigures.of(to).receiveBitsPerSecond,
             latencySeconds: 0, joulesPerBit: TierFigures.of(from).joulesPerBit + TierFigures.of(to).joulesPerBit)
    }

    /// The scenario for one profile. Bound and target default to the profile's paper values.
    public static func instance(profile: DNNProfile, maxLatencySeconds: Double? = nil, minAccuracy: Double? = nil) -> Instance {
        let nodes = [Tier.device, .edge, .cloud].map { t in
            let f = TierFigures.of(t)
            return Node(id: t.rawValue, tier: t, opsPerSecond: f.opsPerSecond, powerWatts: f.powerWatts, memoryBytes: f.memoryBytes)
        }
        let latency = maxLatencySeconds ?? profile.paperLatencySeconds
        let accuracy = minAccuracy ?? profile.paperMinAccuracy
        return Instance(
            name: "paper-\(profile.id)",
            description: "The papers' 3-tier scenario (Singhal et al., INFOCOM 2024 / ToN 2025): one device, one edge, one cloud, upward links only, block 1 pinned to the device. Node speed and power, per-node transfer energy (30, 37, 12.6 nJ/bit; a link costs the sum of its ends) and receiving rates (1e8, 5.618e11, 4.545e12 bit/s; a link has its receiver's rate) are the authors' values; memory is FORMAT.md's example; links have no propagation delay. \(profile.provenance).",
            nodes: nodes,
            links: [link(.device, .edge), link(.device, .cloud), link(.edge, .cloud)],
            models: [profile.model],
            applications: [
                Application(id: "app-0", model: profile.model.id, source: "device", destination: nil, ratePerSecond: 1,
                            maxLatencySeconds: latency, minAccuracy: accuracy, pinFirstBlockToSource: true)
            ])
    }
}
