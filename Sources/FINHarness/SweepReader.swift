import FINGenerator
import FINMethods
import FINModel

/// Reads a sweep document, collecting every problem with its JSON path.
struct SweepReader {
    var issues: [FieldIssue] = []

    mutating func fail(_ path: String, _ message: String) { issues.append(FieldIssue(path: path, message: message)) }

    mutating func read(_ json: JSONValue) -> Sweep? {
        guard let root = object(json, at: nil, keys: Sweep.keys) else { return nil }
        let name = root["name"]?.stringValue ?? ""
        if name.isEmpty {
            fail("name", "required, a non-empty string")
        } else if !Self.isPlainName(name) {
            fail(
                "name",
                "must be a plain file name (letters, digits, '.', '_', '-'; not starting with '.'), got \"\(name)\"")
        }
        let presetName = root["preset"]?.stringValue ?? "easy"
        let preset = GeneratorConfig.Preset(rawValue: presetName)
        if preset == nil {
            let known = GeneratorConfig.Preset.allCases.map(\.rawValue).joined(separator: ", ")
            fail("preset", "unknown preset \"\(presetName)\" (known: \(known))")
        }
        let paper = root["paper"].flatMap { readPaper($0) }
        let users = root["users"].flatMap { readUsers($0) }
        if root["paper"] != nil && root["users"] != nil {
            fail("users", "a sweep has either \"paper\" or \"users\", not both")
        }
        let topologies = root["topologies"].flatMap { readTopologies($0) }
        if root["topologies"] != nil && (root["paper"] != nil || root["users"] != nil) {
            fail("topologies", "a sweep has one of \"paper\", \"users\" or \"topologies\"")
        }
        let generated = root["paper"] == nil && root["users"] == nil && root["topologies"] == nil
        for key in ["sizes", "seeds"] where !generated && root[key] != nil && !(key == "seeds" && topologies != nil) {
            fail(key, "not used with \"paper\", \"users\" or \"topologies\"")
        }
        let sizes = generated ? wholeNumbers(root, "sizes", 3...100_000) : [3]
        let applications = root["applications"] == nil ? [1] : wholeNumbers(root, "applications", 1...100_000)
        let seeds = generated || root["topologies"] != nil ? seedList(root) : [0]
        let methods = readMethods(root["methods"])
        var generator: [String: JSONValue] = [:]
        if let g = root["generator"] {
            if let o = g.objectValue {
                generator = o
                var c = GeneratorConfig.preset(preset ?? .easy)
                for key in o.keys.sorted() {
                    if let problem = Sweep.apply(key, o[key]!, to: &c) { fail("generator.\(key)", problem) }
                }
            } else {
                fail("generator", "expected an object")
            }
        }
        let grace = number(root, "graceSeconds", default: 30) { $0 >= 0 } ?? 30
        let hard = number(root, "defaultHardLimitSeconds", default: 600) { $0 > 0 } ?? 600
        guard issues.isEmpty, let preset else { return nil }
        var sweep = Sweep(
            name: name, paper: paper, users: users, preset: preset, generator: generator, sizes: sizes,
            applications: applications, seeds: seeds, methods: methods, graceSeconds: grace,
            defaultHardLimitSeconds: hard)
        sweep.topologies = topologies
        return sweep
    }

    /// A name that is safe as one path component.
    static func isPlainName(_ s: String) -> Bool {
        guard let first = s.utf8.first, first != UInt8(ascii: "."), s.utf8.count <= 200 else { return false }
        return s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F
                || c == 0x2D
        }
    }

    mutating func number(_ o: [String: JSONValue], _ key: String, default d: Double, _ ok: (Double) -> Bool) -> Double?
    {
        guard let v = o[key] else { return d }
        guard let x = v.numberValue, x.isFinite, ok(x) else {
            fail(key, "expected a finite number\(key == "graceSeconds" ? " >= 0" : " > 0")")
            return nil
        }
        return x
    }

    /// The object at `path` (nil: the document), every key of it checked against `keys`.
    mutating func object(_ json: JSONValue, at path: String?, keys: [String]) -> [String: JSONValue]? {
        guard case .object(let o) = json else {
            fail(path ?? "$", "expected an object")
            return nil
        }
        for key in o.keys.sorted() where !keys.contains(key) {
            fail(path.map { "\($0).\(key)" } ?? key, "unknown key (known: \(keys.joined(separator: ", ")))")
        }
        return o
    }

    /// The whole numbers under `key` (`prefix.key` in messages), each in `range`, no duplicates.
    mutating func wholeNumbers(
        _ o: [String: JSONValue], _ key: String, _ range: ClosedRange<Int>, prefix: String? = nil
    ) -> [Int] {
        let path = prefix.map { "\($0).\(key)" } ?? key
        guard let items = o[key]?.arrayValue, !items.isEmpty else {
            fail(path, "required, a non-empty array of whole numbers")
            return []
        }
        var out: [Int] = []
        for (i, v) in items.enumerated() {
            guard let x = v.numberValue, x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound)
            else {
                fail("\(path)[\(i)]", "expected a whole number in \(range.lowerBound)...\(range.upperBound)")
                continue
            }
            if out.contains(Int(x)) { fail("\(path)[\(i)]", "duplicate \(Int(x))") }
            out.append(Int(x))
        }
        return out
    }

    mutating func seedList(_ o: [String: JSONValue]) -> [UInt64] {
        guard let items = o["seeds"]?.arrayValue, !items.isEmpty else {
            fail("seeds", "required, a non-empty array of whole numbers")
            return []
        }
        var out: [UInt64] = []
        for (i, v) in items.enumerated() {
            guard let x = v.numberValue, x == x.rounded(), x >= 0, x <= Sweep.largestSeed else {
                fail("seeds[\(i)]", "expected a whole number in 0...2^53-1 (JSON numbers are exact up to there)")
                continue
            }
            if out.contains(UInt64(x)) { fail("seeds[\(i)]", "duplicate \(UInt64(x))") }
            out.append(UInt64(x))
        }
        return out
    }

    mutating func readMethods(_ json: JSONValue?) -> [Sweep.Method] {
        guard let items = json?.arrayValue, !items.isEmpty else {
            fail("methods", "required, a non-empty array")
            return []
        }
        var out: [Sweep.Method] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item, let name = o["method"]?.stringValue else {
                fail("methods[\(i)]", "expected an object with a \"method\" string")
                continue
            }
            let descriptor: MethodDescriptor
            do { descriptor = try MethodRegistry.named(name) } catch {
                fail("methods[\(i)].method", error.description)
                continue
            }
            var values = ParameterValues()
            for key in o.keys.sorted() where key != "method" {
                guard let p = MethodParameter(key: key), descriptor.parameters.contains(p) else {
                    let takes = descriptor.parameters.map(\.key).joined(separator: ", ")
                    fail(
                        "methods[\(i)].\(key)",
                        "\(name) does not take \(key) (it takes: \(takes.isEmpty ? "none" : takes))")
                    continue
                }
                guard let v = ParameterValues.parse(p, json: o[key]!) else {
                    fail("methods[\(i)].\(key)", "expected \(p.expectation)")
                    continue
                }
                values[p] = v
            }
            let method = Sweep.Method(descriptor: descriptor, values: values)
            if out.contains(method) { fail("methods[\(i)]", "duplicate method \(method.label)") }
            out.append(method)
        }
        return out
    }

    mutating func readPaper(_ json: JSONValue) -> Sweep.PaperGrid? {
        guard let p = object(json, at: "paper", keys: ["profile", "maxLatencySeconds", "minAccuracy"]) else {
            return nil
        }
        let profile = p["profile"]?.stringValue ?? ""
        if DNNProfiles.named(profile) == nil { fail("paper.profile", "unknown profile \"\(profile)\"") }
        func numbers(_ key: String, _ ok: (Double) -> Bool) -> [Double] {
            let raw = p[key]?.arrayValue ?? []
            let xs = raw.compactMap(\.numberValue)
            if xs.isEmpty || xs.count != raw.count || !xs.allSatisfy({ $0.isFinite && ok($0) }) {
                fail("paper.\(key)", "required, a non-empty array of valid numbers")
            } else if Set(xs).count != xs.count {
                fail("paper.\(key)", "duplicate values")
            }
            return xs
        }
        return Sweep.PaperGrid(
            profile: profile, maxLatencySeconds: numbers("maxLatencySeconds") { $0 > 0 },
            minAccuracy: numbers("minAccuracy") { (0...1).contains($0) })
    }

    mutating func readUsers(_ json: JSONValue) -> Sweep.Users? {
        let known = ["series", "counts", "shareLevels", "resourceModel", "targets"]
        guard let u = object(json, at: "users", keys: known) else { return nil }
        var series: [[String]] = []
        for (i, item) in (u["series"]?.arrayValue ?? []).enumerated() {
            let ids = item.arrayValue?.compactMap(\.stringValue) ?? []
            if ids.isEmpty { fail("users.series[\(i)]", "expected a non-empty array of profile ids") }
            for id in ids where DNNProfiles.named(id) == nil { fail("users.series[\(i)]", "unknown profile \"\(id)\"") }
            series.append(ids)
        }
        if series.isEmpty { fail("users.series", "required, a non-empty array of arrays of profile ids") }
        let counts = wholeNumbers(u, "counts", 1...1000, prefix: "users")
        var levels: [Double]?
        if let l = u["shareLevels"] {
            levels = l.arrayValue?.compactMap(\.numberValue)
            if levels?.isEmpty ?? true || !(levels ?? []).allSatisfy({ $0 > 0 && $0 <= 1 }) {
                fail("users.shareLevels", "expected a non-empty array of numbers in (0, 1]")
            }
        }
        let resourceModel = authorsOption(u, "resourceModel")
        let targets = authorsOption(u, "targets")
        if resourceModel != nil {
            let authors = PaperScenario.authorsResourceRates.map(\.profile)
            if series.contains(where: { $0 != authors }) {
                let list = authors.joined(separator: ", ")
                fail("users.series", "resourceModel \"authors\" takes the series [\(list)] only")
            }
            if u["shareLevels"] != nil { fail("users.shareLevels", "not used with resourceModel \"authors\"") }
            if targets != nil { fail("users.targets", "resourceModel \"authors\" already sets the authors' targets") }
        }
        return Sweep.Users(
            series: series, counts: counts, shareLevels: levels, resourceModel: resourceModel, targets: targets)
    }

    /// An optional `"authors"` setting of the users object (the only value it takes).
    mutating func authorsOption(_ u: [String: JSONValue], _ key: String) -> String? {
        guard let v = u[key] else { return nil }
        guard v.stringValue == "authors" else {
            fail("users.\(key)", "expected \"authors\" (or leave it out)")
            return nil
        }
        return "authors"
    }
}
