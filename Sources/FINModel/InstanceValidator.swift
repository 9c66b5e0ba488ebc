/// The semantic checks of an instance: every rule of MODEL.md and FORMAT.md that a well-formed
/// document must satisfy, each reported with the JSON path and value at fault.
///
/// It runs on `Instance` values, so files, generated instances and hand-built test instances
/// all pass through the same rules. An instance that validates can still be infeasible (no
/// deployment meets the targets): that is for solvers to find, and is only warned about here
/// when it is obvious (an accuracy target no exit reaches).
public enum InstanceValidator {
    /// All problems of `instance`; empty when it is valid.
    public static func issues(of instance: Instance) -> [FieldIssue] {
        let log = IssueLog()
        validate(instance, into: log)
        return log.issues
    }

    /// Validates and returns the instance, or throws `InputError.invalid` naming `file`.
    @discardableResult
    public static func check(_ instance: Instance, file: String = "<instance>") throws(InputError) -> Instance {
        let found = issues(of: instance)
        guard found.isEmpty else { throw .invalid(file: file, kind: "instance", issues: found) }
        return instance
    }

    static func validate(_ instance: Instance, into log: IssueLog) {
        func finite(_ x: Double, _ path: String) -> Bool {
            if !x.isFinite { log.fail(path, "must be a finite number, got \(x)") }
            return x.isFinite
        }
        func nonNegative(_ x: Double, _ path: String) {
            if finite(x, path), x < 0 { log.fail(path, "must be non-negative, got \(JSONWriter.formatNumber(x))") }
        }
        func positive(_ x: Double, _ path: String) {
            if finite(x, path), !(x > 0) { log.fail(path, "must be positive, got \(JSONWriter.formatNumber(x))") }
        }
        func fraction(_ x: Double, _ path: String) {
            if finite(x, path), !(0...1).contains(x) {
                log.fail(path, "must be a fraction in [0, 1], got \(JSONWriter.formatNumber(x))")
            }
        }
        /// Records the index of each id, reporting empty and duplicate ids.
        func indexIDs(_ ids: [String], _ list: String, _ what: String) -> [String: Int] {
            var seen: [String: Int] = [:]
            for (i, id) in ids.enumerated() {
                if id.isEmpty {
                    log.fail("\(list)[\(i)].id", "\(what) id must not be empty")
                } else if let first = seen[id] {
                    log.fail("\(list)[\(i)].id", "duplicate \(what) id \"\(id)\" (first at \(list)[\(first)])")
                } else {
                    seen[id] = i
                }
            }
            return seen
        }

        if instance.name.isEmpty { log.fail("name", "must not be empty") }

        // Nodes
        if instance.nodes.isEmpty { log.fail("nodes", "an instance needs at least one node") }
        let nodeIndex = indexIDs(instance.nodes.map(\.id), "nodes", "node")
        for (i, n) in instance.nodes.enumerated() {
            let p = "nodes[\(i)]"
            nonNegative(n.opsPerSecond, "\(p).opsPerSecond")
            nonNegative(n.powerWatts, "\(p).powerWatts")
            nonNegative(n.memoryBytes, "\(p).memoryBytes")
            if (n.longitude == nil) != (n.latitude == nil) {
                log.fail(p, "a position needs both longitude and latitude")
            }
            if let x = n.longitude, !(-180...180).contains(x) { log.fail("\(p).longitude", "must be in [-180, 180]") }
            if let y = n.latitude, !(-90...90).contains(y) { log.fail("\(p).latitude", "must be in [-90, 90]") }
            if n.tier == .relay, n.opsPerSecond != 0 {
                log.fail(
                    "\(p).opsPerSecond",
                    "a relay node only forwards, so its speed must be 0, got \(JSONWriter.formatNumber(n.opsPerSecond))"
                )
            }
        }

        // Links
        var linkIndex: [String: Int] = [:]
        for (i, l) in instance.links.enumerated() {
            let p = "links[\(i)]"
            let fromKnown = nodeIndex[l.from] != nil
            let toKnown = nodeIndex[l.to] != nil
            if !fromKnown { log.fail("\(p).from", "unknown node \"\(l.from)\"") }
            if !toKnown { log.fail("\(p).to", "unknown node \"\(l.to)\"") }
            if l.from == l.to {
                log.fail(p, "link from node \"\(l.from)\" to itself")
            } else if fromKnown, toKnown {
                let key = l.from + "\u{0}" + l.to
                if let first = linkIndex[key] {
                    log.fail(
                        p,
                        "duplicate link \(l.from) -> \(l.to) (first at links[\(first)]); paths name nodes, so parallel "
                            + "links are ambiguous"
                    )
                } else {
                    linkIndex[key] = i
                }
            }
            positive(l.bitsPerSecond, "\(p).bitsPerSecond")
            nonNegative(l.latencySeconds, "\(p).latencySeconds")
            nonNegative(l.joulesPerBit, "\(p).joulesPerBit")
        }

        // Models
        let modelIndex = indexIDs(instance.models.map(\.id), "models", "model")
        for (i, m) in instance.models.enumerated() {
            let p = "models[\(i)]"
            nonNegative(m.inputBits, "\(p).inputBits")
            nonNegative(m.resultBits, "\(p).resultBits")
            if m.blocks.isEmpty { log.fail("\(p).blocks", "a model needs at least one block") }
            for (b, block) in m.blocks.enumerated() {
                nonNegative(block.ops, "\(p).blocks[\(b)].ops")
                nonNegative(block.outputBits, "\(p).blocks[\(b)].outputBits")
                nonNegative(block.memoryBytes, "\(p).blocks[\(b)].memoryBytes")
            }
            var exitAt: [Int: Int] = [:]
            for (e, exit) in m.exits.enumerated() {
                let ep = "\(p).exits[\(e)]"
                if !(1...max(1, m.blocks.count)).contains(exit.afterBlock) || m.blocks.isEmpty {
                    log.fail(
                        "\(ep).afterBlock",
                        "exit after block \(exit.afterBlock), but the model has \(m.blocks.count) "
                            + "block\(m.blocks.count == 1 ? "" : "s") (blocks are numbered from 1)"
                    )
                } else if let first = exitAt[exit.afterBlock] {
                    log.fail(
                        "\(ep).afterBlock",
                        "a second exit after block \(exit.afterBlock) (first at \(p).exits[\(first)])")
                } else {
                    exitAt[exit.afterBlock] = e
                }
                fraction(exit.accuracy, "\(ep).accuracy")
                nonNegative(exit.ops, "\(ep).ops")
                fraction(exit.exitProbability, "\(ep).exitProbability")
            }
            if !m.blocks.isEmpty, exitAt[m.blocks.count] == nil {
                log.fail("\(p).exits", "the last block (\(m.blocks.count)) has no exit; every model ends with an exit")
            }
        }

        // Applications
        _ = indexIDs(instance.applications.map(\.id), "applications", "application")
        for (i, a) in instance.applications.enumerated() {
            let p = "applications[\(i)]"
            if modelIndex[a.model] == nil { log.fail("\(p).model", "unknown model \"\(a.model)\"") }
            if let s = nodeIndex[a.source] {
                if instance.nodes[s].tier == .relay {
                    log.fail(
                        "\(p).source",
                        "source \"\(a.source)\" is a relay node; samples come from device, edge or cloud nodes")
                }
            } else {
                log.fail("\(p).source", "unknown node \"\(a.source)\"")
            }
            if let d = a.destination, nodeIndex[d] == nil { log.fail("\(p).destination", "unknown node \"\(d)\"") }
            positive(a.ratePerSecond, "\(p).ratePerSecond")
            positive(a.maxLatencySeconds, "\(p).maxLatencySeconds")
            fraction(a.minAccuracy, "\(p).minAccuracy")
            if let m = modelIndex[a.model], log.issues.isEmpty {
                let chain = DNNChain(instance.models[m])
                if chain.admissibleDepths(minAccuracy: a.minAccuracy).isEmpty {
                    let best = chain.depths.map(\.accuracy).max() ?? 0
                    log.warn(
                        "\(p).minAccuracy",
                        "no exit of model \"\(a.model)\" reaches \(JSONWriter.formatNumber(a.minAccuracy)) (best "
                            + "\(JSONWriter.formatNumber(best))): the instance is infeasible"
                    )
                }
            }
        }

        // Share levels
        if let levels = instance.shareLevels {
            if levels.isEmpty {
                log.fail("shareLevels", "must list at least one level (omit the field for full-speed sharing)")
            }
            var seen = Set<Double>()
            for (i, x) in levels.enumerated() {
                if finite(x, "shareLevels[\(i)]"), !(x > 0 && x <= 1) {
                    log.fail("shareLevels[\(i)]", "a share must be in (0, 1], got \(JSONWriter.formatNumber(x))")
                }
                if !seen.insert(x).inserted {
                    log.fail("shareLevels[\(i)]", "duplicate share level \(JSONWriter.formatNumber(x))")
                }
            }
        }

        // Magnitudes (MODEL.md): only once every figure is known to be finite and every id resolves.
        if log.issues.isEmpty { validateMagnitudes(instance, into: log) }
    }
}
