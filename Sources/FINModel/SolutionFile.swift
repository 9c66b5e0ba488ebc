/// Reads and writes `fin-solution/1` documents (FORMAT.md).
public enum SolutionFile {
    /// Reads a solution file. Only its shape is checked here; whether its deployments fit
    /// an instance is the evaluator's business.
    public static func read(_ path: String) throws(InputError) -> Solution {
        try decode(FileIO.readJSON(path), file: path)
    }

    /// Decodes a solution from JSON text.
    public static func decode(text: String, file: String = "<solution>") throws(InputError) -> Solution {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .malformedJSON(file: file, error) }
        return try decode(json, file: file)
    }

    /// Decodes a solution from a parsed document.
    public static func decode(_ json: JSONValue, file: String = "<solution>") throws(InputError) -> Solution {
        let log = IssueLog()
        let solution = parse(json, log: log)
        guard let solution, log.issues.isEmpty else { throw .invalid(file: file, kind: "solution", issues: log.issues) }
        return solution
    }

    /// Writes a solution atomically with sorted keys.
    public static func write(_ solution: Solution, to path: String) throws(OutputError) {
        try FileIO.writeJSON(encode(solution), to: path)
    }

    static func parse(_ json: JSONValue, log: IssueLog) -> Solution? {
        guard let root = ObjectReader(json, path: "$", log: log) else { return nil }
        root.warnUnknownKeys([
            "format", "instance", "method", "parameters", "status", "objectiveJoulesPerSecond",
            "boundJoulesPerSecond", "gap", "wallSeconds", "deployments", "info",
        ])
        if let format = root.string("format"), format != Solution.formatTag {
            log.fail("format", "expected \"\(Solution.formatTag)\", got \"\(format)\"")
        }
        let statusText = root.string("status")
        let status = statusText.flatMap(SolutionStatus.init(rawValue:))
        if let statusText, status == nil {
            log.fail(
                "status",
                "unknown status \"\(statusText)\" (expected one of "
                    + "\(SolutionStatus.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let parameters = root.object("parameters", required: false)?.fields ?? [:]
        let info = root.object("info", required: false)?.fields ?? [:]
        func optionalNumber(_ r: ObjectReader, _ key: String) -> Double? {
            guard let v = r.fields[key], v != .null else { return nil }
            guard case .number(let x) = v else {
                log.fail(r.childPath(key), "expected a number, found \(v.kindDescription)")
                return nil
            }
            return x
        }
        let deployments: [Deployment] = (root.array("deployments") ?? []).compactMap { path, value in
            guard let d = ObjectReader(value, path: path, log: log) else { return nil }
            d.warnUnknownKeys([
                "application", "exitAfterBlock", "hosts", "shares", "transfers", "energyJoules", "latencySeconds",
                "accuracy", "computeEnergyJoules", "communicationEnergyJoules",
            ])
            let hosts: [String] = (d.array("hosts") ?? []).compactMap { hp, hv in
                guard case .string(let s) = hv else {
                    log.fail(hp, "expected a node id string, found \(hv.kindDescription)")
                    return nil
                }
                return s
            }
            var shares: [String: Double]?
            if let s = d.object("shares", required: false) {
                var out: [String: Double] = [:]
                for key in s.fields.keys.sorted() {
                    if let x = s.number(key) { out[key] = x }
                }
                shares = out
            }
            let transfers: [Transfer] = (d.array("transfers") ?? []).compactMap { tp, tv in
                guard let t = ObjectReader(tv, path: tp, log: log) else { return nil }
                t.warnUnknownKeys(["afterBlock", "path"])
                let nodes: [String] = (t.array("path") ?? []).compactMap { np, nv in
                    guard case .string(let s) = nv else {
                        log.fail(np, "expected a node id string, found \(nv.kindDescription)")
                        return nil
                    }
                    return s
                }
                guard let after = t.integer("afterBlock") else { return nil }
                return Transfer(afterBlock: after, path: nodes)
            }
            guard let app = d.string("application"), let exit = d.integer("exitAfterBlock") else { return nil }
            var dep = Deployment(
                application: app, exitAfterBlock: exit, hosts: hosts, shares: shares, transfers: transfers)
            dep.energyJoules = optionalNumber(d, "energyJoules")
            dep.latencySeconds = optionalNumber(d, "latencySeconds")
            dep.accuracy = optionalNumber(d, "accuracy")
            dep.computeEnergyJoules = optionalNumber(d, "computeEnergyJoules")
            dep.communicationEnergyJoules = optionalNumber(d, "communicationEnergyJoules")
            return dep
        }
        guard let instance = root.string("instance"), let method = root.string("method"), let status else { return nil }
        return Solution(
            instance: instance, method: method, parameters: parameters, status: status,
            objectiveJoulesPerSecond: optionalNumber(root, "objectiveJoulesPerSecond"),
            boundJoulesPerSecond: optionalNumber(root, "boundJoulesPerSecond"), gap: optionalNumber(root, "gap"),
            wallSeconds: optionalNumber(root, "wallSeconds"), deployments: deployments, info: info)
    }

    /// The document for a solution; absent optional numbers are omitted.
    public static func encode(_ s: Solution) -> JSONValue {
        var root: [String: JSONValue] = [
            "format": .string(Solution.formatTag),
            "instance": .string(s.instance),
            "method": .string(s.method),
            "parameters": .object(s.parameters),
            "status": .string(s.status.rawValue),
            "deployments": .array(s.deployments.map(encode)),
        ]
        if let x = s.objectiveJoulesPerSecond { root["objectiveJoulesPerSecond"] = .number(x) }
        if let x = s.boundJoulesPerSecond { root["boundJoulesPerSecond"] = .number(x) }
        if let x = s.gap { root["gap"] = .number(x) }
        if let x = s.wallSeconds { root["wallSeconds"] = .number(x) }
        if !s.info.isEmpty { root["info"] = .object(s.info) }
        return .object(root)
    }

    static func encode(_ d: Deployment) -> JSONValue {
        var o: [String: JSONValue] = [
            "application": .string(d.application),
            "exitAfterBlock": .number(Double(d.exitAfterBlock)),
            "hosts": .array(d.hosts.map(JSONValue.string)),
            "transfers": .array(
                d.transfers.map { t in
                    ["afterBlock": .number(Double(t.afterBlock)), "path": .array(t.path.map(JSONValue.string))]
                }),
        ]
        if let shares = d.shares { o["shares"] = .object(shares.mapValues(JSONValue.number)) }
        if let x = d.energyJoules { o["energyJoules"] = .number(x) }
        if let x = d.latencySeconds { o["latencySeconds"] = .number(x) }
        if let x = d.accuracy { o["accuracy"] = .number(x) }
        if let x = d.computeEnergyJoules { o["computeEnergyJoules"] = .number(x) }
        if let x = d.communicationEnergyJoules { o["communicationEnergyJoules"] = .number(x) }
        return .object(o)
    }
}
