import FINModel

/// A column of the runs and results tables: its name and how it writes and reads its field.
public struct RunColumn: Sendable {
    public let name: String
    /// A file without it is not a runs table (the columns added later are optional).
    public let required: Bool
    let write: @Sendable (RunRecord) -> String
    let read: @Sendable (inout RunRecord, String) -> Bool

    /// The field of `record` in this column, as written.
    public func value(of record: RunRecord) -> String { write(record) }

    static func text(_ name: String, _ path: WritableKeyPath<RunRecord, String> & Sendable, required: Bool = true)
        -> RunColumn
    {
        RunColumn(name: name, required: required, write: { $0[keyPath: path] }) { r, s in
            r[keyPath: path] = s
            return true
        }
    }

    static func int(_ name: String, _ path: WritableKeyPath<RunRecord, Int> & Sendable) -> RunColumn {
        RunColumn(name: name, required: true, write: { String($0[keyPath: path]) }) { r, s in
            guard let x = Int(s), x >= 0 else { return false }
            r[keyPath: path] = x
            return true
        }
    }

    static func count(_ name: String, _ path: WritableKeyPath<RunRecord, Int?> & Sendable) -> RunColumn {
        RunColumn(name: name, required: false, write: { $0[keyPath: path].map(String.init) ?? "" }) { r, s in
            if s.isEmpty {
                r[keyPath: path] = nil
                return true
            }
            guard let x = Int(s), x >= 0 else { return false }
            r[keyPath: path] = x
            return true
        }
    }

    static func number(
        _ name: String, _ path: WritableKeyPath<RunRecord, Double?> & Sendable, required: Bool = true
    ) -> RunColumn {
        RunColumn(name: name, required: required, write: { $0[keyPath: path].map(JSONWriter.formatNumber) ?? "" }) {
            r, s in
            if s.isEmpty {
                r[keyPath: path] = nil
                return true
            }
            guard let x = Double(s), !x.isNaN else { return false }
            r[keyPath: path] = x
            return true
        }
    }

    static func flag(_ name: String, _ path: WritableKeyPath<RunRecord, Bool?> & Sendable) -> RunColumn {
        RunColumn(name: name, required: true, write: { $0[keyPath: path].map { $0 ? "true" : "false" } ?? "" }) {
            r, s in
            switch s {
            case "": r[keyPath: path] = nil
            case "true": r[keyPath: path] = true
            case "false": r[keyPath: path] = false
            default: return false
            }
            return true
        }
    }
}

extension RunRecord {
    /// The columns of `runs.csv`, in order.
    public static let columns: [RunColumn] = [
        .text("key", \.key), .text("sweep", \.sweep), .text("instance", \.instance), .text("preset", \.preset),
        .int("nodes", \.nodes), .int("links", \.links), .int("applications", \.applications), .int("blocks", \.blocks),
        RunColumn(name: "seed", required: true, write: { String($0.seed) }) { r, s in
            guard let x = UInt64(s) else { return false }
            r.seed = x
            return true
        },
        .text("generatorVersion", \.generatorVersion),
        .number("maxLatencySeconds", \.maxLatencySeconds), .number("minAccuracy", \.minAccuracy),
        .text("method", \.method), .text("parameters", \.parameters), .text("solver", \.solver),
        RunColumn(name: "status", required: true, write: { $0.status.rawValue }) { r, s in
            guard let x = SolutionStatus(rawValue: s) else { return false }
            r.status = x
            return true
        },
        .number("objectiveJoulesPerSecond", \.objectiveJoulesPerSecond),
        .number("boundJoulesPerSecond", \.boundJoulesPerSecond), .number("solverGap", \.solverGap),
        RunColumn(name: "provenOptimal", required: true, write: { $0.provenOptimal ? "true" : "false" }) { r, s in
            guard s == "true" || s == "false" else { return false }
            r.provenOptimal = s == "true"
            return true
        },
        .flag("feasibleByEvaluator", \.feasibleByEvaluator),
        .number("wallSeconds", \.wallSeconds), .number("processWallSeconds", \.processWallSeconds),
        .number("cpuSeconds", \.cpuSeconds), .number("branchAndBoundNodes", \.branchAndBoundNodes),
        .number("computeJoulesPerSecond", \.computeJoulesPerSecond),
        .number("communicationJoulesPerSecond", \.communicationJoulesPerSecond),
        .text("message", \.message), .text("gitRevision", \.gitRevision), .text("finbenchVersion", \.finbenchVersion),
        // Hardness (docs/INSTANCES.md); optional: files written before they existed lack them.
        .count("tradeOffApplications", \.tradeOffApplications),
        .number("boundPositionMedian", \.boundPositionMedian, required: false),
        .count("onSourceApplications", \.onSourceApplications),
    ]

    /// The columns `results.csv` adds.
    public static let derivedColumns: [RunColumn] = [
        .number("bestKnownJoulesPerSecond", \.bestKnownJoulesPerSecond),
        .flag("bestKnownIsProven", \.bestKnownIsProven),
        .number("gapToBestKnown", \.gapToBestKnown), .number("bestBoundJoulesPerSecond", \.bestBoundJoulesPerSecond),
        .number("certifiedGap", \.certifiedGap),
    ]

    /// The fields of this record under `columns`.
    public func fields(_ columns: [RunColumn]) -> [String] { columns.map { $0.write(self) } }
}
