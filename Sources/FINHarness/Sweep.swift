import FINGenerator
import FINMethods
import FINModel

/// A sweep: generator settings x sizes x applications x seeds x methods (with parameters).
/// Read from JSON (`results/sweeps/*.json`; docs/HARNESS.md lists the fields). Everything is
/// checked when the file is read, before any directory or manifest is written: unknown keys,
/// unknown methods and parameters (against the method registry), duplicates, out-of-range
/// numbers, generator settings, a name that is not a plain file name.
public struct Sweep: Sendable {
    /// A method with its parameters.
    public struct Method: Sendable, Equatable {
        public let descriptor: MethodDescriptor
        public let values: ParameterValues
        public var name: String { descriptor.name }
        /// A stable label: the name and the parameters in key order ("fin gamma=50 lambda=0").
        public var label: String { values.isEmpty ? name : "\(name) \(values.label)" }
        public static func == (a: Method, b: Method) -> Bool { a.name == b.name && a.values == b.values }
    }

    /// The papers' 3-tier scenario over a grid of bounds and targets, instead of generated
    /// instances.
    public struct PaperGrid: Sendable {
        public let profile: String
        public let maxLatencySeconds: [Double]
        public let minAccuracy: [Double]
    }

    /// The journal's multi-user scenario (`PaperScenario.users`): for each series of profiles,
    /// each user count, an instance with that many users of each profile.
    public struct Users: Sendable {
        public let series: [[String]]
        public let counts: [Int]
        public let shareLevels: [Double]?
        /// `"authors"`: the authors' resource model (`PaperScenario.authorsUsers`; their bounds and
        /// targets, each user's share fixed by their code); nil: the share levels above.
        public let resourceModel: String?
        /// `"authors"`: their driver's bounds and targets (`PaperScenario.applyAuthorsTargets`);
        /// nil: each profile's `paperLatencySeconds` and `paperMinAccuracy`.
        public let targets: String?
    }

    /// Real topologies (`TopologyGenerator`): for each file, application count and seed, an
    /// instance built on that network. The files are read when the instances are built, still
    /// before anything is written.
    public struct Topologies: Sendable {
        /// Topology files (node-link JSON or GraphML), relative to the working directory.
        public let files: [String]
        /// The settings other than the generator's (clouds, devices, default link length).
        public let config: TopologyConfig

        /// The instance name's stem of a file: its name without directory and extension.
        public static func stem(_ file: String) -> String {
            let base = file.split(separator: "/").last.map(String.init) ?? file
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
            return String(base[..<dot])
        }
    }

    public let name: String
    public let paper: PaperGrid?
    public let users: Users?
    public internal(set) var topologies: Topologies? = nil
    public let preset: GeneratorConfig.Preset
    /// Generator knobs applied on top of the preset (as `finbench generate` options).
    public let generator: [String: JSONValue]
    public let sizes: [Int]
    public let applications: [Int]
    public let seeds: [UInt64]
    public let methods: [Method]
    /// Extra wall-clock seconds a child process gets beyond the method's time limit before it is
    /// killed; methods without a time limit get `defaultHardLimitSeconds`.
    public let graceSeconds: Double
    public let defaultHardLimitSeconds: Double

    /// The top-level keys of a sweep file.
    public static let keys = [
        "name", "preset", "generator", "sizes", "applications", "seeds", "methods", "paper", "users", "graceSeconds",
        "defaultHardLimitSeconds", "topologies",
    ]
    /// The largest seed: JSON numbers are doubles, exact up to 2^53.
    public static let largestSeed: Double = 9_007_199_254_740_991

    /// Parses sweep JSON text (`file` names it in errors).
    public static func parse(text: String, file: String) throws(InputError) -> Sweep {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .malformedJSON(file: file, error) }
        return try parse(json, file: file)
    }

    /// Reads a sweep file.
    public static func read(_ path: String) throws(InputError) -> Sweep {
        try parse(try FileIO.readJSON(path), file: path)
    }

    /// Parses a sweep document, naming every field at fault.
    public static func parse(_ json: JSONValue, file: String) throws(InputError) -> Sweep {
        var reader = SweepReader()
        let sweep = reader.read(json)
        guard reader.issues.isEmpty, let sweep else { throw .invalid(file: file, kind: "sweep", issues: reader.issues) }
        return sweep
    }

    init(
        name: String, paper: PaperGrid?, users: Users?, preset: GeneratorConfig.Preset, generator: [String: JSONValue],
        sizes: [Int], applications: [Int], seeds: [UInt64], methods: [Method], graceSeconds: Double,
        defaultHardLimitSeconds: Double
    ) {
        self.name = name
        self.paper = paper
        self.users = users
        self.preset = preset
        self.generator = generator
        self.sizes = sizes
        self.applications = applications
        self.seeds = seeds
        self.methods = methods
        self.graceSeconds = graceSeconds
        self.defaultHardLimitSeconds = defaultHardLimitSeconds
    }

    /// The generator configuration of one point of the sweep.
    public func config(nodes: Int, applications: Int, seed: UInt64) throws(InputError) -> GeneratorConfig {
        var c = GeneratorConfig.preset(preset)
        c.nodes = nodes
        c.applications = applications
        c.seed = seed
        var issues: [FieldIssue] = []
        for key in generator.keys.sorted() {
            if let problem = Self.apply(key, generator[key]!, to: &c) {
                issues.append(FieldIssue(path: "generator.\(key)", message: problem))
            }
        }
        guard issues.isEmpty else { throw .invalid(file: "sweep \(name)", kind: "sweep", issues: issues) }
        return c
    }

    /// Applies one generator setting; the problem with it, if any.
    static func apply(_ key: String, _ v: JSONValue, to c: inout GeneratorConfig) -> String? {
        func range() -> ClosedRange<Double>? {
            guard let a = v.arrayValue, a.count == 2, let lo = a[0].numberValue, let hi = a[1].numberValue,
                lo.isFinite, hi.isFinite, lo <= hi
            else { return nil }
            return lo...hi
        }
        func number() -> Double? { v.numberValue.flatMap { $0.isFinite ? $0 : nil } }
        let bad = "bad value"
        switch key {
        case "latencySlack": if let r = range() { c.latencySlack = r } else { return "expected [lo, hi]" }
        case "exitProbability": if let r = range() { c.exitProbability = r } else { return "expected [lo, hi]" }
        case "rate": if let r = range() { c.rate = r } else { return "expected [lo, hi]" }
        case "memoryScale": if let x = number() { c.memoryScale = x } else { return bad }
        case "bandwidthScale": if let x = number() { c.bandwidthScale = x } else { return bad }
        case "destinationProbability": if let x = number() { c.destinationProbability = x } else { return bad }
        case "targetExit":
            guard let t = v.stringValue.flatMap(TargetExit.init(rawValue:)) else { return bad }
            c.targetExit = t
        case "models":
            guard let a = v.arrayValue?.compactMap(\.stringValue), !a.isEmpty else { return bad }
            c.models = a
        case "edgeTopology":
            guard let t = v.stringValue.flatMap(EdgeTopology.init(rawValue:)) else { return bad }
            c.edgeTopology = t
        case "shareLevels":
            guard let a = v.arrayValue?.compactMap(\.numberValue), !a.isEmpty else { return bad }
            c.shareLevels = a
        default:
            return "unknown generator setting (known: \(generatorKeys.joined(separator: ", ")))"
        }
        return nil
    }

    static let generatorKeys = [
        "bandwidthScale", "destinationProbability", "edgeTopology", "exitProbability", "latencySlack", "memoryScale",
        "models", "rate", "shareLevels", "targetExit",
    ]
}
