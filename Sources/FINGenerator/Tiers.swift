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

    public static let device = TierFigures(
        opsPerSecond: 11e12, powerWatts: 6, memoryBytes: 4e9, joulesPerBit: 30e-9, receiveBitsPerSecond: 1e8)
    public static let edge = TierFigures(
        opsPerSecond: 153.4e12, powerWatts: 140, memoryBytes: 16e9, joulesPerBit: 37e-9, receiveBitsPerSecond: 5.618e11)
    public static let cloud = TierFigures(
        opsPerSecond: 312e12, powerWatts: 400, memoryBytes: 80e9, joulesPerBit: 12.6e-9, receiveBitsPerSecond: 4.545e12)
    public static let relay = TierFigures(
        opsPerSecond: 0, powerWatts: 0, memoryBytes: 0, joulesPerBit: 37e-9, receiveBitsPerSecond: 5.618e11)

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
        Link(
            from: from.rawValue, to: to.rawValue, bitsPerSecond: TierFigures.of(to).receiveBitsPerSecond,
            latencySeconds: 0, joulesPerBit: TierFigures.of(from).joulesPerBit + TierFigures.of(to).joulesPerBit)
    }

    /// The scenario for one profile. Bound and target default to the profile's paper values.
    public static func instance(profile: DNNProfile, maxLatencySeconds: Double? = nil, minAccuracy: Double? = nil)
        -> Instance
    {
        let nodes = [Tier.device, .edge, .cloud].map { t in
            let f = TierFigures.of(t)
            return Node(
                id: t.rawValue, tier: t, opsPerSecond: f.opsPerSecond, powerWatts: f.powerWatts,
                memoryBytes: f.memoryBytes)
        }
        let latency = maxLatencySeconds ?? profile.paperLatencySeconds
        let accuracy = minAccuracy ?? profile.paperMinAccuracy
        return Instance(
            name: "paper-\(profile.id)",
            description:
                "The papers' 3-tier scenario (Singhal et al., INFOCOM 2024 / ToN 2025): one device, one edge, one "
                + "cloud, upward links only, block 1 pinned to the device. Node speed and power, per-node transfer "
                + "energy (30, 37, 12.6 nJ/bit; a link costs the sum of its ends) and receiving rates (1e8, "
                + "5.618e11, 4.545e12 bit/s; a link has its receiver's rate) are the authors' values; "
                + "memory is FORMAT.md's example; links have no propagation delay. "
                + "\(profile.provenance).",
            nodes: nodes,
            links: [link(.device, .edge), link(.device, .cloud), link(.edge, .cloud)],
            models: [profile.model],
            applications: [
                Application(
                    id: "app-0", model: profile.model.id, source: "device", destination: nil, ratePerSecond: 1,
                    maxLatencySeconds: latency, minAccuracy: accuracy, pinFirstBlockToSource: true)
            ])
    }

    /// The journal's multi-user scenario: `usersPerProfile` users of each profile, each with its
    /// own device (upward links to the one shared edge server and the one shared cloud), every
    /// application at its profile's paper bound and target, block 1 pinned to its device. With
    /// `shareLevels`, the edge's and the cloud's speed is divided among the users that offload
    /// there (each device has one user, so its share is never contended).
    public static func users(profiles: [DNNProfile], usersPerProfile: Int, shareLevels: [Double]?) -> Instance {
        let count = profiles.count * usersPerProfile
        let width = String(count).count
        func padded(_ i: Int) -> String {
            let s = String(i)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let device = TierFigures.device
        var nodes: [Node] = (1...max(count, 1)).map {
            Node(
                id: "device-\(padded($0))", tier: .device, opsPerSecond: device.opsPerSecond,
                powerWatts: device.powerWatts, memoryBytes: device.memoryBytes)
        }
        for t in [Tier.edge, .cloud] {
            let f = TierFigures.of(t)
            nodes.append(
                Node(
                    id: t.rawValue, tier: t, opsPerSecond: f.opsPerSecond, powerWatts: f.powerWatts,
                    memoryBytes: f.memoryBytes))
        }
        var links: [Link] = []
        var applications: [Application] = []
        for (p, profile) in profiles.enumerated() {
            for u in 1...max(usersPerProfile, 1) {
                let id = "device-\(padded(p * usersPerProfile + u))"
                for to in [Tier.edge, .cloud] {
                    var l = link(.device, to)
                    l.from = id
                    links.append(l)
                }
                applications.append(
                    Application(
                        id: "\(profile.id)-\(padded(u))", model: profile.model.id, source: id, destination: nil,
                        ratePerSecond: 1,
                        maxLatencySeconds: profile.paperLatencySeconds, minAccuracy: profile.paperMinAccuracy,
                        pinFirstBlockToSource: true))
            }
        }
        links.append(link(.edge, .cloud))
        let names = profiles.map(\.id).joined(separator: ", ")
        return Instance(
            name: "users-\(profiles.map(\.id).joined(separator: "+"))-u\(usersPerProfile)",
            description:
                "The journal's multi-user scenario: \(usersPerProfile) user(s) of each of \(names), each on its own "
                + "device with upward links to one shared edge server and one shared cloud (the papers' tier "
                + "figures and link rule; see paper-* instances), each application at its profile's paper "
                + "latency bound and accuracy target, block 1 on its device"
                + (shareLevels.map {
                    ", edge and cloud speed shared in levels "
                        + "\($0.map { JSONWriter.formatNumber($0) }.joined(separator: ", "))"
                } ?? "") + ".",
            nodes: nodes, links: links, models: profiles.map(\.model), applications: applications,
            shareLevels: shareLevels)
    }
}
