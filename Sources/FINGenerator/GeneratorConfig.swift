import FINModel

/// Every knob of the instance generator. Defaults give an "easy" instance: the paper's tier
/// figures, loose latency bounds, capacities that rarely bind. `preset(_:)` gives named
/// starting points; each field can then be overridden (the CLI exposes them all).
public struct GeneratorConfig: Sendable, Equatable {
    /// The generator's version, written into every instance it makes. Bump it whenever the same
    /// config and seed would give a different file.
    public static let version = "fin-gen/1"

    // MARK: Network

    /// Total number of nodes, 3...10,000, split into tiers by the fractions below (at least one
    /// device, one edge and one cloud).
    public var nodes = 20
    /// Share of nodes that are edge servers.
    public var edgeFraction = 0.10
    /// Share of nodes that are clouds.
    public var cloudFraction = 0.005
    /// Share of nodes that are relays (forwarding only); relays appear from 20 nodes up.
    public var relayFraction = 0.02
    /// How edge servers connect to each other: a ring, or a ring plus random chords.
    public var edgeTopology: EdgeTopology = .ring
    /// Random chords per edge server in a mesh, 0...1000.
    public var meshDegree = 2
    /// Probability that a device is attached to a second edge server.
    public var dualHomingProbability = 0.2
    /// Node speed and power are the tier's figure times a factor uniform in [1 - j, 1 + j].
    public var heterogeneity = 0.3
    /// Hardware classes of the devices: each device draws one uniformly from this list (no draw
    /// when it has one entry; list a class twice to weight it). `[.paper]`: the authors' figures.
    public var deviceClasses: [DeviceClass] = [.paper]
    /// Multiplies every node's memory (< 1 makes memory bind).
    public var memoryScale = 1.0
    /// Multiplies every link's bandwidth (< 1 makes bandwidth bind).
    public var bandwidthScale = 1.0
    /// Propagation delay ranges (seconds) of device-edge access links, links between edge
    /// servers and relays (metro), and links to clouds (backhaul).
    public var accessLatency: ClosedRange<Double> = 0.0005...0.002
    public var metroLatency: ClosedRange<Double> = 0.0001...0.0005
    public var backhaulLatency: ClosedRange<Double> = 0.002...0.010

    // MARK: DNNs

    /// Profile ids to draw applications' models from (`DNNProfiles`), or `synthetic`.
    public var models: [String] = ["b-alexnet-cifar10", "b-resnet", "b-lenet"]
    /// Blocks of a synthetic DNN.
    public var syntheticBlocks: ClosedRange<Int> = 5...10
    /// Number of distinct synthetic DNNs per instance (applications draw among them), 1...10,000.
    public var syntheticModels = 1
    /// Every intermediate exit's exit probability is uniform in this range (0...0: the
    /// static truncation of the papers' experiments).
    public var exitProbability: ClosedRange<Double> = 0...0

    // MARK: Applications

    /// Number of applications; each has a random device as its source.
    public var applications = 1
    /// Inferences per second, uniform in this range.
    public var rate: ClosedRange<Double> = 1...1
    /// Where the latency bound lies, drawn uniformly from this range: 0 is the latency of the
    /// fastest deployment of an admissible exit (capacities and energy ignored), 1 the time the
    /// source needs to run the deepest exit alone and deliver its result by the fastest route;
    /// values above 1 are looser still. (When the source alone is the fastest, the bound is
    /// that time times 1 + slack.)
    public var latencySlack: ClosedRange<Double> = 0.2...1.5
    /// Calibrated rule only: the bound is at least the fastest deployment's latency times
    /// 1 + this margin, so that no bound sits within a rounding error of the fastest deployment
    /// (where the cheapest is barely slower than the fastest).
    public var latencyMargin = 0.0
    /// The accuracy target is the accuracy of an exit (see `targetExit`) times a factor uniform
    /// in this range (<= 1 keeps that exit admissible).
    public var accuracySlack: ClosedRange<Double> = 0.97...1.0
    /// Which exit sets the accuracy target: a uniformly drawn one, the deepest (so every block
    /// must run: the scaling benchmarks' setting), or a drawn one other than the shallowest.
    public var targetExit: TargetExit = .random
    /// Probability that an application sends its result to a destination (a random device or
    /// cloud other than the source).
    public var destinationProbability = 0.0
    /// Probability that block 1 is pinned to the source.
    public var pinProbability = 1.0
    /// How bounds and pins are drawn: `.v1` as in fin-gen/1 (the default, kept so that files made
    /// with it stay byte-identical), `.calibrated` so that a latency slack below 1 cuts off the
    /// cheapest deployment whenever it is not the fastest (see `ApplicationRule`).
    public var applicationRule: ApplicationRule = .v1
    /// Share levels of the journal's resource allocation; nil for full-speed sharing.
    public var shareLevels: [Double]? = nil

    /// The random seed.
    public var seed: UInt64 = 1

    public init() {}

    /// Named starting points. `standard` is `finbench generate`'s default; `standard`,
    /// `contended` and `scaling` are calibrated for gap studies (few applications whose optimum
    /// stays on the source; docs/INSTANCES.md gives the measured shares). `easy`, `binding` and
    /// `synthetic` are the first presets, kept byte-identical so that committed results
    /// reproduce: most of their applications' optima run entirely on the source device.
    public enum Preset: String, Sendable, CaseIterable {
        /// Easy instances: the authors' tier figures, loose bounds, static DNNs, capacities that
        /// rarely bind; the optimum of most applications runs every block on its source.
        case easy
        /// Scarce memory and bandwidth, high rates, dynamic exits, destinations, share levels,
        /// on the authors' device figures (many optima still stay on the source).
        case binding
        /// Synthetic DNNs of 5-10 blocks on a meshed edge, the authors' device figures: the
        /// first scaling experiments' setting (many optima stay on the source).
        case synthetic
        /// Calibrated default: the papers' DNNs on a mix of device classes (phones, embedded
        /// GPUs, single-board computers, microcontrollers, accelerators), dynamic exits, bounds
        /// below the source-alone latency, some destinations and unpinned inputs.
        case standard
        /// `standard` with contended capacities: scarce memory and bandwidth, high rates,
        /// share levels, more applications.
        case contended
        /// Calibrated scaling setting: synthetic DNNs of 5-10 blocks on a meshed edge, the
        /// device mix of `standard`.
        case scaling
    }

    /// The configuration of a preset.
    public static func preset(_ p: Preset) -> GeneratorConfig {
        var c = GeneratorConfig()
        switch p {
        case .easy:
            break
        case .binding:
            c.memoryScale = 0.05
            c.bandwidthScale = 0.001
            c.rate = 1...40
            c.latencySlack = 0.1...0.8
            c.exitProbability = 0.1...0.5
            c.destinationProbability = 0.3
            c.shareLevels = [0.25, 0.5, 1]
            c.applications = 4
            c.edgeTopology = .mesh
        case .synthetic:
            c.models = ["synthetic"]
            c.edgeTopology = .mesh
            c.exitProbability = 0...0.3
        case .standard, .contended, .scaling:
            c = calibrated(p)
        }
        return c
    }

    /// Problems with the configuration, empty when it can generate.
    public func problems() -> [String] {
        var out: [String] = []
        if !(3...10_000).contains(nodes) { out.append("nodes must be in 3...10000, got \(nodes)") }
        for (name, x) in [
            ("edgeFraction", edgeFraction), ("cloudFraction", cloudFraction), ("relayFraction", relayFraction),
            ("dualHomingProbability", dualHomingProbability), ("destinationProbability", destinationProbability),
            ("pinProbability", pinProbability),
        ] where !(0...1).contains(x) {
            out.append("\(name) must be in [0, 1], got \(x)")
        }
        if edgeFraction + cloudFraction + relayFraction >= 1 {
            out.append("edge, cloud and relay fractions leave no devices")
        }
        if !(0..<1).contains(heterogeneity) { out.append("heterogeneity must be in [0, 1), got \(heterogeneity)") }
        if !(memoryScale > 0 && memoryScale.isFinite) { out.append("memoryScale must be positive, got \(memoryScale)") }
        if !(bandwidthScale > 0 && bandwidthScale.isFinite) {
            out.append("bandwidthScale must be positive, got \(bandwidthScale)")
        }
        if !(0...1000).contains(meshDegree) { out.append("meshDegree must be in 0...1000, got \(meshDegree)") }
        for (name, r) in [
            ("accessLatency", accessLatency), ("metroLatency", metroLatency), ("backhaulLatency", backhaulLatency),
        ]
        where r.lowerBound < 0 || !r.upperBound.isFinite {
            out.append("\(name) must be a non-negative range")
        }
        if deviceClasses.isEmpty { out.append("deviceClasses must name at least one class") }
        if models.isEmpty { out.append("models must name at least one profile or synthetic") }
        for m in models where m != "synthetic" && DNNProfiles.named(m) == nil {
            out.append(
                "unknown model profile \"\(m)\" (known: "
                    + "\((DNNProfiles.all.map(\.id) + ["synthetic"]).joined(separator: ", ")))"
            )
        }
        if syntheticBlocks.lowerBound < 1 || syntheticBlocks.upperBound > 100 {
            out.append("syntheticBlocks must be within 1...100")
        }
        if !(1...10_000).contains(syntheticModels) {
            out.append("syntheticModels must be in 1...10000, got \(syntheticModels)")
        }
        if exitProbability.lowerBound < 0 || exitProbability.upperBound > 1 {
            out.append("exitProbability must be within [0, 1]")
        }
        if !(1...100_000).contains(applications) {
            out.append("applications must be in 1...100000, got \(applications)")
        }
        if !(rate.lowerBound > 0) || !rate.upperBound.isFinite { out.append("rate must be a positive range") }
        if !(latencyMargin >= 0 && latencyMargin.isFinite) { out.append("latencyMargin must be >= 0") }
        if latencySlack.lowerBound < 0 || !latencySlack.upperBound.isFinite {
            out.append("latencySlack must be a non-negative range")
        }
        if !(accuracySlack.lowerBound > 0) || accuracySlack.upperBound > 1 {
            out.append("accuracySlack must be within (0, 1]")
        }
        if let levels = shareLevels, levels.isEmpty || levels.contains(where: { !($0 > 0 && $0 <= 1) }) {
            out.append("shareLevels must be values in (0, 1]")
        }
        return out
    }
}

/// How an application's latency bound and pin are drawn.
public enum ApplicationRule: String, Sendable, CaseIterable {
    /// fin-gen/1: the bound's reference `alone` runs the model's deepest exit on the source; the
    /// bound is computed with one pin draw and the application given another.
    case v1
    /// The latency slack places the bound between the fastest deployment (0) and the deployment
    /// of least energy (1), both with capacities ignored, so a slack below 1 makes the bound bind
    /// whenever the two differ; one pin draw serves both the bound and the application; block 1 is
    /// pinned only where the source holds its weights and carries its load at the application's
    /// rate; the rate is drawn before the bound (`Generator.calibratedApplication`).
    case calibrated
}

/// Which exit an application's accuracy target comes from.
public enum TargetExit: String, Sendable, CaseIterable {
    /// A uniformly drawn exit.
    case random
    /// The most accurate exit (every block must run: the scaling benchmarks' setting).
    case deepest
    /// A uniformly drawn exit other than the shallowest (the shallowest when the model has one
    /// exit): with block 1 pinned, a target the first exit meets leaves the source-alone
    /// deployment of block 1 as the obvious answer.
    case beyondFirst = "beyond-first"

    /// The exit that sets an application's target (draws only for `random` and `beyondFirst`).
    func draw(_ chain: DNNChain, _ rng: inout SplitMix64) -> Depth {
        switch self {
        case .deepest: return chain.depths.max { $0.accuracy < $1.accuracy }!
        case .random: return rng.pick(chain.depths)
        case .beyondFirst: return chain.depths.count > 1 ? rng.pick(Array(chain.depths.dropFirst())) : chain.depths[0]
        }
    }
}

/// How edge servers are connected.
public enum EdgeTopology: String, Sendable, CaseIterable {
    /// Each edge server linked to the next one in a ring.
    case ring
    /// A ring plus `meshDegree` random chords per edge server.
    case mesh
}
