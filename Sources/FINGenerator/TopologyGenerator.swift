import FINModel

/// The knobs of an instance built on an imported topology (`TopologyGenerator`). Applications,
/// DNNs, bounds, targets, share levels, rates, heterogeneity, capacity scales, access and
/// backhaul delay ranges and the seed come from `generator`, exactly as for generated networks
/// (its `nodes` and edge-topology settings are not used).
public struct TopologyConfig: Sendable, Equatable {
    /// Propagation speed in fibre: 200,000 km/s (two thirds of the speed of light).
    public static let kilometresPerSecond = 200_000.0

    /// The settings shared with the generator.
    public var generator = GeneratorConfig()
    /// The instance name's stem (default: the topology's file name without extension).
    public var name: String?
    /// Cloud data centres, attached to this many highest-degree PoPs (ties by id).
    public var clouds = 1
    /// Or attached to these PoPs (topology ids), overriding `clouds`.
    public var cloudAt: [String] = []
    /// Devices attached to each PoP that has devices: a count uniform in this range.
    public var devicesPerPoP: ClosedRange<Int> = 1...2
    /// Share of PoPs that have devices (at least one PoP; the PoPs drawn by the seed).
    public var deviceFraction = 1.0
    /// Or only these PoPs (topology ids) have devices, overriding `deviceFraction`.
    public var deviceAt: [String] = []
    /// Length of a link whose file gives neither a length nor both end positions, in km.
    public var defaultLinkKilometres = 100.0

    public init() {}

    /// Problems with the settings for this topology, empty when it can build.
    public func problems(for topology: Topology) -> [String] {
        var g = generator
        g.nodes = 20  // not used here; keeps the generator's own check quiet
        var out = g.problems()
        let ids = Set(topology.nodes.map(\.id))
        if cloudAt.isEmpty && !(1...max(1, topology.nodes.count)).contains(clouds) {
            out.append("clouds must be in 1...\(topology.nodes.count) (the PoPs), got \(clouds)")
        }
        for id in cloudAt where !ids.contains(id) { out.append("cloud-at names unknown PoP \"\(id)\"") }
        if Set(cloudAt).count != cloudAt.count { out.append("cloud-at names a PoP twice") }
        for id in deviceAt where !ids.contains(id) { out.append("device-at names unknown PoP \"\(id)\"") }
        if Set(deviceAt).count != deviceAt.count { out.append("device-at names a PoP twice") }
        if devicesPerPoP.lowerBound < 0 || devicesPerPoP.upperBound < 1 || devicesPerPoP.upperBound > 1000 {
            out.append("devices per PoP must be a range within 0...1000 with an upper end >= 1")
        }
        if !(deviceFraction > 0 && deviceFraction <= 1) {
            out.append("device fraction must be in (0, 1], got \(deviceFraction)")
        }
        if !(defaultLinkKilometres >= 0 && defaultLinkKilometres.isFinite) {
            out.append("default link length must be a non-negative number of km")
        }
        return out
    }
}

/// Builds an instance on an imported topology. Every topology node is a point of presence (an
/// edge server with the edge tier's figures, drawn as the generator draws them), at the
/// node's position; cloud data centres hang off the highest-degree PoPs (or named ones) and
/// devices off the PoPs, both at their PoP's position. Every topology link is a two-way pair
/// of core links with the edge-edge figures and a propagation delay of its length / 200,000
/// km/s (length: the file's, else the great circle between the ends' positions, else
/// `defaultLinkKilometres`); device access links and cloud backhaul links take the tier
/// figures and the delay ranges of the generator. Applications are made by the generator's
/// own code. Seeded and byte-deterministic: draws in a fixed order (PoPs in file order, clouds,
/// devices, links, applications), every drawn number rounded to 4 significant digits.
public enum TopologyGenerator {
    /// The instance, or the settings' problems.
    public static func generate(
        _ topology: Topology, _ config: TopologyConfig, stem: String
    ) throws(GeneratorError) -> Instance {
        let problems = config.problems(for: topology)
        guard problems.isEmpty else { throw GeneratorError(problems: problems) }
        let c = config.generator
        var rng = SplitMix64(seed: c.seed)
        let pops = topology.nodes
        var index: [String: Int] = [:]
        for (i, p) in pops.enumerated() { index[p.id] = i }
        var degree = [Int](repeating: 0, count: pops.count)
        for l in topology.links {
            degree[index[l.a]!] += 1
            degree[index[l.b]!] += 1
        }

        var nodes: [Node] = []
        func add(_ id: String, _ tier: Tier, at pop: Topology.Node) {
            let f = TierFigures.of(tier)
            let speed = rng.uniform(1 - c.heterogeneity, 1 + c.heterogeneity)
            let power = rng.uniform(1 - c.heterogeneity, 1 + c.heterogeneity)
            let memory = rng.uniform(1 - c.heterogeneity, 1 + c.heterogeneity)
            nodes.append(
                Node(
                    id: id, tier: tier, opsPerSecond: Generator.round4(f.opsPerSecond * speed),
                    powerWatts: Generator.round4(f.powerWatts * power),
                    memoryBytes: Generator.round4(f.memoryBytes * memory * c.memoryScale),
                    longitude: pop.longitude, latitude: pop.latitude))
        }
        for p in pops { add(popID(p.id), .edge, at: p) }
        let cloudPoPs =
            config.cloudAt.isEmpty
            ? highestDegree(pops, degree, count: config.clouds)
            : config.cloudAt.map { index[$0]! }
        for i in cloudPoPs { add("c-\(pops[i].id)", .cloud, at: pops[i]) }
        let devicePoPs = devicePoPs(pops, config, index, &rng)
        var access: [(device: Int, pop: Int)] = []
        for i in devicePoPs {
            let count = rng.integer(config.devicesPerPoP)
            for k in 0..<count {
                access.append((nodes.count, i))
                add("d-\(pops[i].id)-\(k)", .device, at: pops[i])
            }
        }
        guard !access.isEmpty else {
            throw GeneratorError(problems: ["no devices: the devices-per-PoP range drew 0 at every PoP with devices"])
        }

        var links: [Link] = []
        func connect(_ a: Int, _ b: Int, latency: Double) {
            for (u, v) in [(a, b), (b, a)] {
                let fu = TierFigures.of(nodes[u].tier)
                let fv = TierFigures.of(nodes[v].tier)
                links.append(
                    Link(
                        from: nodes[u].id, to: nodes[v].id,
                        bitsPerSecond: Generator.round4(fv.receiveBitsPerSecond * c.bandwidthScale),
                        latencySeconds: latency, joulesPerBit: Generator.round4(fu.joulesPerBit + fv.joulesPerBit)))
            }
        }
        for l in topology.links {
            let km = kilometres(l, pops[index[l.a]!], pops[index[l.b]!], default: config.defaultLinkKilometres)
            connect(index[l.a]!, index[l.b]!, latency: Generator.round4(km / TopologyConfig.kilometresPerSecond))
        }
        for (k, i) in cloudPoPs.enumerated() {
            connect(i, pops.count + k, latency: Generator.round4(rng.uniform(c.backhaulLatency)))
        }
        for a in access {
            connect(a.device, a.pop, latency: Generator.round4(rng.uniform(c.accessLatency)))
        }

        let (models, applications) = Generator.makeApplications(c, nodes, links, &rng)
        let name = "topo-\(config.name ?? stem)-a\(c.applications)-s\(c.seed)"
        return Instance(
            name: name,
            description: describe(
                topology, config, stem: stem, devices: access.count,
                clouds: cloudPoPs.map { pops[$0].id }),
            nodes: nodes, links: links, models: models, applications: applications, shareLevels: c.shareLevels)
    }

    /// A PoP's node id in the instance.
    public static func popID(_ topologyID: String) -> String { "p-\(topologyID)" }

    /// The link's length in km: the file's, else the great circle, else the default.
    public static func kilometres(
        _ l: Topology.Link, _ a: Topology.Node, _ b: Topology.Node, default d: Double
    ) -> Double {
        if let km = l.kilometres { return km }
        if let lon1 = a.longitude, let lat1 = a.latitude, let lon2 = b.longitude, let lat2 = b.latitude {
            return Topology.greatCircleKilometres(longitude1: lon1, latitude1: lat1, longitude2: lon2, latitude2: lat2)
        }
        return d
    }

    /// The `count` PoPs of highest degree, ties by id (numerically when both ids are integers),
    /// in that order.
    static func highestDegree(_ pops: [Topology.Node], _ degree: [Int], count: Int) -> [Int] {
        let order = pops.indices.sorted { i, j in
            if degree[i] != degree[j] { return degree[i] > degree[j] }
            return idLess(pops[i].id, pops[j].id)
        }
        return Array(order.prefix(count))
    }

    /// Id order: integers numerically, before other ids; others by their UTF-8 bytes.
    static func idLess(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case (let x?, let y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        }
    }

    /// The PoPs with devices, in file order.
    static func devicePoPs(
        _ pops: [Topology.Node], _ config: TopologyConfig, _ index: [String: Int], _ rng: inout SplitMix64
    ) -> [Int] {
        if !config.deviceAt.isEmpty { return config.deviceAt.map { index[$0]! }.sorted() }
        guard config.deviceFraction < 1 else { return Array(pops.indices) }
        let count = max(1, Int((Double(pops.count) * config.deviceFraction).rounded()))
        var order = Array(pops.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        return order.prefix(count).sorted()
    }

    static func describe(
        _ t: Topology, _ config: TopologyConfig, stem: String, devices: Int, clouds: [String]
    ) -> String {
        let c = config.generator
        let positioned = t.nodes.filter { $0.longitude != nil }.count
        var parts = [
            "Built by finbench \(GeneratorConfig.version) on topology \(stem)"
                + (t.name.map { " (\"\($0)\")" } ?? "") + ", seed \(c.seed): \(t.nodes.count) PoPs (edge servers), "
                + "\(positioned) with positions, \(t.links.count) two-way core links (delay = length / 200,000 km/s; "
                + "default length \(config.defaultLinkKilometres) km), "
                + "clouds at PoP(s) \(clouds.joined(separator: ", ")), \(devices) devices "
                + "(\(config.devicesPerPoP.lowerBound)...\(config.devicesPerPoP.upperBound) per PoP)",
            "models \(c.models.joined(separator: "+"))",
            "\(c.applications) application\(c.applications == 1 ? "" : "s"), "
                + "rate \(c.rate.lowerBound)...\(c.rate.upperBound)/s",
            "latency slack \(c.latencySlack.lowerBound)...\(c.latencySlack.upperBound)",
            "memory x\(c.memoryScale), bandwidth x\(c.bandwidthScale), heterogeneity \(c.heterogeneity)",
            "targets from \(c.targetExit.rawValue) exits, exit probability "
                + "\(c.exitProbability.lowerBound)...\(c.exitProbability.upperBound), "
                + "destinations \(c.destinationProbability), pinned \(c.pinProbability)",
        ]
        if let s = c.shareLevels { parts.append("share levels \(s)") }
        parts.append("Tier figures are the papers' authors' values; memory, access and backhaul delays are ours")
        return parts.joined(separator: "; ") + "."
    }
}
