import FINGenerator
import FINModel

/// A sweep: generator settings x sizes x applications x seeds x methods (with parameters).
/// Read from JSON (`results/sweeps/*.json`); see docs/HARNESS.md for the fields.
public struct Sweep: Sendable {
    public struct Method: Sendable, Equatable {
        /// A `finbench solve` method name.
        public let name: String
        /// Its parameters, as given (timeLimitSeconds, gap, gamma, lambda, epsilon).
        public let parameters: [String: Double]
        /// A stable label: the name and the parameters in key order ("fin gamma=50 lambda=0").
        public var label: String {
            ([name] + parameters.keys.sorted().map { "\($0)=\(JSONWriter.formatNumber(parameters[$0]!))" }).joined(separator: " ")
        }
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
    }

    public let name: String
    public let paper: PaperGrid?
    public let users: Users?
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

    /// The default sweep, run by `finbench demo` (the same text as results/sweeps/default.json).
    public static let defaultJSON = #"""
{
  "name": "default",
  "preset": "synthetic",
  "generator": {"targetExit": "deepest", "latencySlack": [0.1, 0.6]},
  "sizes": [10, 20, 50, 100, 200],
  "seeds": [1, 2, 3],
  "methods": [
    {"method": "milp-cbc", "timeLimitSeconds": 60},
    {"method": "milp-glpk", "timeLimitSeconds": 60},
    {"method": "fin", "gamma": 50, "lambda": 0},
    {"method": "fin-exact"},
    {"method": "greedy"},
    {"method": "mcp"}
  ]
}
"""#

    static let knownParameters: Set<String> = ["timeLimitSeconds", "gap", "gamma", "lambda", "epsilon", "iterations", "threads"]

    /// Parses sweep JSON text (`file` names it in errors).
    public static func parse(text: String, file: String) throws(InputError) -> Sweep {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .malformedJSON(file: file, error) }
        return try parse(json, file: file)
    }

    /// Parses a sweep document, naming the field at fault.
    public static func parse(_ json: JSONValue, file: String) throws(InputError) -> Sweep {
        var issues: [FieldIssue] = []
        func fail(_ path: String, _ message: String) { issues.append(FieldIssue(path: path, message: message)) }
        guard case .object(let root) = json else { throw .invalid(file: file, kind: "sweep", issues: [FieldIssue(path: "$", message: "expected an object")]) }
        let name = root["name"]?.stringValue ?? ""
        if name.isEmpty { fail("name", "required, a non-empty string") }
        let presetName = root["preset"]?.stringValue ?? "easy"
        let preset = GeneratorConfig.Preset(rawValue: presetName)
        if preset == nil { fail("preset", "unknown preset \"\(presetName)\"") }
        func ints(_ key: String, _ range: ClosedRange<Int>) -> [Int] {
            guard let items = root[key]?.arrayValue, !items.isEmpty else {
                fail(key, "required, a non-empty array of whole numbers")
                return []
            }
            return items.enumerated().compactMap { i, v in
                guard let x = v.numberValue, x == x.rounded(), range.contains(Int(x)) else {
                    fail("\(key)[\(i)]", "expected a whole number in \(range)")
                    return nil
                }
                return Int(x)
            }
        }
        var paper: PaperGrid?
        if let p = root["paper"]?.objectValue {
            let profile = p["profile"]?.stringValue ?? ""
            if DNNProfiles.named(profile) == nil { fail("paper.profile", "unknown profile \"\(profile)\"") }
            func numbers(_ key: String, _ ok: (Double) -> Bool) -> [Double] {
                let xs = p[key]?.arrayValue?.compactMap(\.numberValue) ?? []
                if xs.isEmpty || !xs.allSatisfy(ok) { fail("paper.\(key)", "required, a non-empty array of valid numbers") }
                return xs
            }
            paper = PaperGrid(profile: profile, maxLatencySeconds: numbers("maxLatencySeconds") { $0 > 0 },
                              minAccuracy: numbers("minAccuracy") { (0...1).contains($0) })
        }
        var users: Users?
        if let u = root["users"]?.objectValue {
            var series: [[String]] = []
            for (i, item) in (u["series"]?.arrayValue ?? []).enumerated() {
                let ids = item.arrayValue?.compactMap(\.stringValue) ?? []
                if ids.isEmpty { fail("users.series[\(i)]", "expected a non-empty array of profile ids") }
                for id in ids where DNNProfiles.named(id) == nil { fail("users.series[\(i)]", "unknown profile \"\(id)\"") }
                series.append(ids)
            }
            if series.isEmpty { fail("users.series", "required, a non-empty array of arrays of profile ids") }
            let counts = (u["counts"]?.arrayValue ?? []).compactMap { $0.numberValue.flatMap { $0 == $0.rounded() && $0 >= 1 && $0 <= 1000 ? Int($0) : nil } }
            if counts.isEmpty || counts.count != u["counts"]?.arrayValue?.count { fail("users.counts", "required, a non-empty array of whole numbers in 1...1000") }
            var levels: [Double]?
            if let l = u["shareLevels"] {
                levels = l.arrayValue?.compactMap(\.numberValue)
                if levels?.isEmpty ?? true || !(levels ?? []).allSatisfy({ $0 > 0 && $0 <= 1 }) { fail("users.shareLevels", "expected a non-empty array of numbers in (0, 1]") }
            }
            if paper != nil { fail("users", "a sweep has either \"paper\" or \"users\", not both") }
            users = Users(series: series, counts: counts, shareLevels: levels)
        }
        let generated = paper == nil && users == nil
        let sizes = generated ? ints("sizes", 3...10_000) : [3]
        let applications = root["applications"] == nil ? [1] : ints("applications", 1...100_000)
        let seeds = generated ? ints("seeds", 0...Int(Int32.max)).map { UInt64($0) } : [0]
        var methods: [Method] = []
        if let items = root["methods"]?.arrayValue, !items.isEmpty {
            for (i, item) in items.enumerated() {
                guard case .object(let o) = item, let m = o["method"]?.stringValue else {
                    fail("methods[\(i)]", "expected an object with a \"method\" string")
                    continue
                }
                var parameters: [String: Double] = [:]
                for key in o.keys.sorted() where key != "method" {
                    guard knownParameters.contains(key), let x = o[key]?.numberValue, x >= 0 else {
                        fail("methods[\(i)].\(key)", knownParameters.contains(key) ? "expected a non-negative number" : "unknown parameter (known: \(knownParameters.sorted().joined(separator: ", ")))")
                        continue
                    }
                    parameters[key] = x
                }
                methods.append(Method(name: m, parameters: parameters))
            }
        } else {
            fail("methods", "required, a non-empty array")
        }
        let generator = root["generator"]?.objectValue ?? [:]
        let grace = root["graceSeconds"]?.numberValue ?? 30
        let hard = root["defaultHardLimitSeconds"]?.numberValue ?? 600
        if !(grace >= 0) { fail("graceSeconds", "must be non-negative") }
        if !(hard > 0) { fail("defaultHardLimitSeconds", "must be positive") }
        guard issues.isEmpty, let preset else { throw .invalid(file: file, kind: "sweep", issues: issues) }
        return Sweep(name: name, paper: paper, users: users, preset: preset, generator: generator, sizes: sizes, applications: applications, seeds: seeds,
                     methods: methods, graceSeconds: grace, defaultHardLimitSeconds: hard)
    }

    /// The generator configuration of one point of the sweep.
    public func config(nodes: Int, applications: Int, seed: UInt64) throws(InputError) -> GeneratorConfig {
        var c = GeneratorConfig.preset(preset)
        c.nodes = nodes
        c.applications = applications
        c.seed = seed
        for key in generator.keys.sorted() {
            let v = generator[key]!
            func range() -> ClosedRange<Double>? {
                guard let a = v.arrayValue, a.count == 2, let lo = a[0].numberValue, let hi = a[1].numberValue, lo <= hi else { return nil }
                return lo...hi
            }
            var ok = true
            switch key {
            case "latencySlack": if let r = range() { c.latencySlack = r } else { ok = false }
            case "exitProbability": if let r = range() { c.exitProbability = r } else { ok = false }
            case "rate": if let r = range() { c.rate = r } else { ok = false }
            case "memoryScale": if let x = v.numberValue { c.memoryScale = x } else { ok = false }
            case "bandwidthScale": if let x = v.numberValue { c.bandwidthScale = x } else { ok = false }
            case "destinationProbability": if let x = v.numberValue { c.destinationProbability = x } else { ok = false }
            case "targetExit": if let t = v.stringValue.flatMap(TargetExit.init(rawValue:)) { c.targetExit = t } else { ok = false }
            case "models": if let a = v.arrayValue?.compactMap(\.stringValue), !a.isEmpty { c.models = a } else { ok = false }
            case "edgeTopology": if let t = v.stringValue.flatMap(EdgeTopology.init(rawValue:)) { c.edgeTopology = t } else { ok = false }
            case "shareLevels": if let a = v.arrayValue?.compactMap(\.numberValue), !a.isEmpty { c.shareLevels = a } else { ok = false }
            default:
                throw .invalid(file: "sweep \(name)", kind: "sweep", issues: [FieldIssue(path: "generator.\(key)", message: "unknown generator setting")])
            }
            if !ok { throw .invalid(file: "sweep \(name)", kind: "sweep", issues: [FieldIssue(path: "generator.\(key)", message: "bad value")]) }
        }
        return c
    }
}
