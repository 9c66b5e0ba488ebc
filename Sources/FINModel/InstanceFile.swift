/// Reads and writes `fin-instance/1` documents (FORMAT.md).
public enum InstanceFile {
    /// The result of reading a document: the instance and warnings (unknown fields, targets
    /// no exit can meet) that do not make it invalid.
    public struct Loaded: Sendable {
        public let instance: Instance
        public let warnings: [FieldIssue]
    }

    /// Reads and validates an instance file.
    public static func read(_ path: String) throws(InputError) -> Loaded {
        try decode(FileIO.readJSON(path), file: path)
    }

    /// Decodes and validates an instance from a parsed document. `file` names it in errors.
    public static func decode(_ json: JSONValue, file: String = "<instance>") throws(InputError) -> Loaded {
        let log = IssueLog()
        let instance = parse(json, log: log)
        if let instance, log.issues.isEmpty {
            InstanceValidator.validate(instance, into: log)
        }
        guard let instance, log.issues.isEmpty else {
            throw .invalid(file: file, kind: "instance", issues: log.issues)
        }
        return Loaded(instance: instance, warnings: log.warnings)
    }

    /// Decodes an instance from JSON text.
    public static func decode(text: String, file: String = "<instance>") throws(InputError) -> Loaded {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .malformedJSON(file: file, error) }
        return try decode(json, file: file)
    }

    /// Writes an instance atomically with sorted keys.
    public static func write(_ instance: Instance, to path: String) throws(OutputError) {
        try FileIO.writeJSON(encode(instance), to: path)
    }

    // MARK: - JSON -> Instance (presence and types; values are checked by InstanceValidator)

    static func parse(_ json: JSONValue, log: IssueLog) -> Instance? {
        guard let root = ObjectReader(json, path: "$", log: log) else { return nil }
        root.warnUnknownKeys([
            "format", "name", "description", "nodes", "links", "models", "applications", "shareLevels",
        ])
        if let format = root.string("format"), format != Instance.formatTag {
            log.fail("format", "expected \"\(Instance.formatTag)\", got \"\(format)\"")
        }
        let name = root.string("name")
        let description = root.optionalString("description")

        let nodes: [Node] = (root.array("nodes") ?? []).compactMap { path, value in
            guard let o = ObjectReader(value, path: path, log: log) else { return nil }
            o.warnUnknownKeys(["id", "tier", "opsPerSecond", "powerWatts", "memoryBytes", "longitude", "latitude"])
            let longitude = o.optionalNumber("longitude")
            let latitude = o.optionalNumber("latitude")
            let tierText = o.string("tier")
            let tier = tierText.flatMap(Tier.init(rawValue:))
            if let tierText, tier == nil {
                log.fail(o.childPath("tier"), "unknown tier \"\(tierText)\" (expected device, edge, cloud or relay)")
            }
            guard let id = o.string("id"), let tier, let ops = o.number("opsPerSecond"),
                let power = o.number("powerWatts"), let memory = o.number("memoryBytes")
            else { return nil }
            return Node(
                id: id, tier: tier, opsPerSecond: ops, powerWatts: power, memoryBytes: memory, longitude: longitude,
                latitude: latitude)
        }

        let links: [Link] = (root.array("links") ?? []).compactMap { path, value in
            guard let o = ObjectReader(value, path: path, log: log) else { return nil }
            o.warnUnknownKeys(["from", "to", "bitsPerSecond", "latencySeconds", "joulesPerBit"])
            guard let from = o.string("from"), let to = o.string("to"), let bw = o.number("bitsPerSecond"),
                let latency = o.number("latencySeconds"), let energy = o.number("joulesPerBit")
            else { return nil }
            return Link(from: from, to: to, bitsPerSecond: bw, latencySeconds: latency, joulesPerBit: energy)
        }

        let models: [DNNModel] = (root.array("models") ?? []).compactMap { path, value in
            guard let o = ObjectReader(value, path: path, log: log) else { return nil }
            o.warnUnknownKeys(["id", "inputBits", "blocks", "exits", "resultBits"])
            let blocks: [Block] = (o.array("blocks") ?? []).compactMap { bpath, bvalue in
                guard let b = ObjectReader(bvalue, path: bpath, log: log) else { return nil }
                b.warnUnknownKeys(["ops", "outputBits", "memoryBytes"])
                guard let ops = b.number("ops"), let out = b.number("outputBits"), let mem = b.number("memoryBytes")
                else { return nil }
                return Block(ops: ops, outputBits: out, memoryBytes: mem)
            }
            let exits: [Exit] = (o.array("exits") ?? []).compactMap { epath, evalue in
                guard let e = ObjectReader(evalue, path: epath, log: log) else { return nil }
                e.warnUnknownKeys(["afterBlock", "accuracy", "ops", "exitProbability"])
                guard let after = e.integer("afterBlock"), let acc = e.number("accuracy"),
                    let ops = e.number("ops", default: 0), let q = e.number("exitProbability", default: 0)
                else { return nil }
                return Exit(afterBlock: after, accuracy: acc, ops: ops, exitProbability: q)
            }
            guard let id = o.string("id"), let input = o.number("inputBits"),
                let result = o.number("resultBits", default: 0)
            else { return nil }
            return DNNModel(id: id, inputBits: input, blocks: blocks, exits: exits, resultBits: result)
        }

        let applications: [Application] = (root.array("applications") ?? []).compactMap { path, value in
            guard let o = ObjectReader(value, path: path, log: log) else { return nil }
            o.warnUnknownKeys([
                "id", "model", "source", "destination", "ratePerSecond", "maxLatencySeconds", "minAccuracy",
                "pinFirstBlockToSource",
            ])
            let destination = o.optionalString("destination")
            let pin = o.bool("pinFirstBlockToSource", default: false)
            guard let id = o.string("id"), let model = o.string("model"), let source = o.string("source"),
                let rate = o.number("ratePerSecond", default: 1), let latency = o.number("maxLatencySeconds"),
                let accuracy = o.number("minAccuracy")
            else { return nil }
            return Application(
                id: id, model: model, source: source, destination: destination, ratePerSecond: rate,
                maxLatencySeconds: latency, minAccuracy: accuracy, pinFirstBlockToSource: pin)
        }

        var shareLevels: [Double]?
        if let levels = root.array("shareLevels", required: false) {
            shareLevels = levels.compactMap { path, value in
                guard case .number(let x) = value else {
                    log.fail(path, "expected a number, found \(value.kindDescription)")
                    return nil
                }
                return x
            }
        }
        guard let name, log.issues.isEmpty else { return nil }
        return Instance(
            name: name, description: description, nodes: nodes, links: links, models: models,
            applications: applications, shareLevels: shareLevels)
    }

    // MARK: - Instance -> JSON

    /// The document for an instance. Optional fields with defaults are written out, so other
    /// tools need not know the defaults.
    public static func encode(_ instance: Instance) -> JSONValue {
        var root: [String: JSONValue] = [
            "format": .string(Instance.formatTag),
            "name": .string(instance.name),
            "nodes": .array(
                instance.nodes.map { n in
                    var o: [String: JSONValue] = [
                        "id": .string(n.id), "tier": .string(n.tier.rawValue), "opsPerSecond": .number(n.opsPerSecond),
                        "powerWatts": .number(n.powerWatts), "memoryBytes": .number(n.memoryBytes),
                    ]
                    if let x = n.longitude { o["longitude"] = .number(x) }
                    if let y = n.latitude { o["latitude"] = .number(y) }
                    return .object(o)
                }),
            "links": .array(
                instance.links.map { l in
                    [
                        "from": .string(l.from), "to": .string(l.to), "bitsPerSecond": .number(l.bitsPerSecond),
                        "latencySeconds": .number(l.latencySeconds), "joulesPerBit": .number(l.joulesPerBit),
                    ]
                }),
            "models": .array(
                instance.models.map { m in
                    [
                        "id": .string(m.id), "inputBits": .number(m.inputBits), "resultBits": .number(m.resultBits),
                        "blocks": .array(
                            m.blocks.map { b in
                                [
                                    "ops": .number(b.ops), "outputBits": .number(b.outputBits),
                                    "memoryBytes": .number(b.memoryBytes),
                                ]
                            }),
                        "exits": .array(
                            m.exits.map { e in
                                [
                                    "afterBlock": .number(Double(e.afterBlock)), "accuracy": .number(e.accuracy),
                                    "ops": .number(e.ops), "exitProbability": .number(e.exitProbability),
                                ]
                            }),
                    ]
                }),
            "applications": .array(
                instance.applications.map { a in
                    [
                        "id": .string(a.id), "model": .string(a.model), "source": .string(a.source),
                        "destination": a.destination.map(JSONValue.string) ?? .null,
                        "ratePerSecond": .number(a.ratePerSecond), "maxLatencySeconds": .number(a.maxLatencySeconds),
                        "minAccuracy": .number(a.minAccuracy), "pinFirstBlockToSource": .bool(a.pinFirstBlockToSource),
                    ]
                }),
        ]
        if let d = instance.description { root["description"] = .string(d) }
        if let levels = instance.shareLevels { root["shareLevels"] = .array(levels.map(JSONValue.number)) }
        return .object(root)
    }
}
