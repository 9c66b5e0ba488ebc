import FINModel
import Foundation

/// Which shards of a sharded sweep are there and complete: what `finbench merge` checks before it
/// merges, so a partial sweep is never merged silently.
public struct ShardReport: Sendable, Equatable {
    /// One shard: its runs file (nil when missing) and its rows against the sweep's jobs.
    public struct Shard: Sendable, Equatable {
        public let index: Int
        /// The runs file, nil when it does not exist.
        public let file: String?
        /// Jobs of the sweep in this shard; nil when the sweep is not known.
        public let expected: Int?
        /// Distinct keys of complete rows in the file that belong to this shard.
        public let present: Int
        /// Keys of the shard's jobs without a row (at most the first few are kept).
        public let missingKeys: [String]
        /// Rows whose key is not one of this shard's jobs (another sweep or shard count).
        public let foreign: Int
    }

    /// The number of shards the sweep was split into.
    public let count: Int
    /// Every shard, in index order.
    public let shards: [Shard]
    /// Whether the expected rows were checked against a sweep.
    public let checkedAgainstSweep: Bool

    /// Shards without a runs file.
    public var missing: [Int] { shards.filter { $0.file == nil }.map(\.index) }
    /// Shards whose file lacks some of their jobs, or holds rows of other jobs.
    public var incomplete: [Int] {
        shards.filter { s in
            s.file != nil && ((s.expected.map { s.present < $0 } ?? false) || s.foreign > 0)
        }.map(\.index)
    }
    /// No shard missing or incomplete.
    public var isComplete: Bool { missing.isEmpty && incomplete.isEmpty }

    /// One line per shard that is missing or incomplete, then a summary line.
    public var description: String {
        var lines: [String] = []
        for s in shards {
            if s.file == nil {
                let file = Shards.runsFileName(index: s.index, count: count)
                lines.append("shard \(s.index)/\(count): missing (no \(file))")
            } else if incomplete.contains(s.index) {
                let expected = s.expected.map(String.init) ?? "?"
                var line = "shard \(s.index)/\(count): incomplete, \(s.present) of \(expected) rows"
                if !s.missingKeys.isEmpty {
                    line += "; missing e.g. \(s.missingKeys.prefix(3).joined(separator: ", "))"
                }
                if s.foreign > 0 { line += "; \(s.foreign) rows of other jobs" }
                lines.append(line)
            }
        }
        let rows = shards.reduce(0) { $0 + $1.present }
        let expected = shards.compactMap(\.expected).reduce(0, +)
        let tally = checkedAgainstSweep ? "\(rows) of \(expected) rows" : "\(rows) rows (not checked against a sweep)"
        lines.append("\(count - missing.count - incomplete.count) of \(count) shards complete, \(tally)")
        return lines.joined(separator: "\n")
    }
}

/// Shard file names, completeness checks and the per-shard manifest fields (host, Slurm ids).
public enum Shards {
    /// The shard of a runs file named `runs-shard<i>of<n>.csv`, or nil.
    public static func shard(ofRunsFile path: String) -> (index: Int, count: Int)? {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard name.hasPrefix("runs-shard"), name.hasSuffix(".csv") else { return nil }
        let core = name.dropFirst("runs-shard".count).dropLast(".csv".count)
        let parts = core.components(separatedBy: "of")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else {
            return nil
        }
        return (i, n)
    }

    /// The runs file of a shard (`runs.csv` when unsharded), as `SweepRunner` names it.
    public static func runsFileName(index: Int, count: Int) -> String {
        count > 1 ? "runs-shard\(index)of\(count).csv" : "runs.csv"
    }

    /// The manifest of a shard (`manifest.json` when unsharded).
    public static func manifestFileName(index: Int, count: Int) -> String {
        count > 1 ? "manifest-shard\(index)of\(count).json" : "manifest.json"
    }

    /// The keys of the rows of a runs file that read (a partial last line is not a row).
    public static func keys(inRunsFile path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path),
            let contents = try? RunTable.read([UInt8](data), file: path, strict: false)
        else { return [] }
        var records = contents.records
        // A last row without its line end is an interrupted append, not a row.
        if !contents.table.endsWithLineEnd, let last = contents.table.rows.last, last.fields != [""],
            contents.bad.last?.line != last.line, !records.isEmpty
        {
            records.removeLast()
        }
        return records.map(\.key)
    }

    /// Checks the shards of a `count`-way split: `files[i]` is shard i's runs file if it exists;
    /// with the sweep, every shard's rows are compared with its jobs (index % count == i).
    public static func check(sweep: Sweep?, count: Int, files: [Int: String]) -> ShardReport {
        var expectedKeys = [[String]](repeating: [], count: count)
        if let sweep {
            for job in SlurmScript.allJobs(sweep) { expectedKeys[job.index % count].append(job.key) }
        }
        let shards = (0..<count).map { i -> ShardReport.Shard in
            guard let file = files[i], FileManager.default.fileExists(atPath: file) else {
                return .init(
                    index: i, file: nil, expected: sweep == nil ? nil : expectedKeys[i].count, present: 0,
                    missingKeys: expectedKeys[i], foreign: 0)
            }
            let have = Set(keys(inRunsFile: file))
            guard sweep != nil else {
                return .init(index: i, file: file, expected: nil, present: have.count, missingKeys: [], foreign: 0)
            }
            let want = Set(expectedKeys[i])
            let missing = expectedKeys[i].filter { !have.contains($0) }
            return .init(
                index: i, file: file, expected: want.count, present: have.intersection(want).count,
                missingKeys: Array(missing.prefix(10)), foreign: have.subtracting(want).count)
        }
        return ShardReport(count: count, shards: shards, checkedAgainstSweep: sweep != nil)
    }

    /// The sweep recorded in a manifest next to a runs file (its shard's, else `manifest.json`).
    public static func sweep(nextTo runsFile: String) -> Sweep? {
        let dir = URL(fileURLWithPath: runsFile).deletingLastPathComponent()
        var names = ["manifest.json"]
        if let s = shard(ofRunsFile: runsFile) { names.insert(manifestFileName(index: s.index, count: s.count), at: 0) }
        for name in names {
            let path = dir.appendingPathComponent(name).path
            if let json = try? FileIO.readJSON(path), let sweep = json.objectValue?["sweep"],
                let parsed = try? Sweep.parse(sweep, file: path)
            {
                return parsed
            }
        }
        return nil
    }

    /// This process's attempt at a shard, for its manifest: host, shard, start time, and the Slurm
    /// job, array task and node when run under Slurm (`SLURM_*` variables).
    public static func attempt(
        index: Int, count: Int,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date()
    ) -> JSONValue {
        var fields: [String: JSONValue] = [
            "host": .string(hostName()),
            "shard": ["index": .number(Double(index)), "count": .number(Double(count))],
            "startedAt": .string(ISO8601DateFormatter().string(from: now)),
        ]
        let slurm: [(String, String)] = [
            ("SLURM_JOB_ID", "jobId"), ("SLURM_ARRAY_JOB_ID", "arrayJobId"),
            ("SLURM_ARRAY_TASK_ID", "arrayTaskId"), ("SLURMD_NODENAME", "node"),
            ("SLURM_RESTART_COUNT", "restartCount"),
        ]
        var s: [String: JSONValue] = [:]
        for (variable, key) in slurm { if let v = environment[variable] { s[key] = .string(v) } }
        if !s.isEmpty { fields["slurm"] = .object(s) }
        return .object(fields)
    }

    /// A manifest with the shard's fields added: `host` and `shard` of this attempt, and `attempts`,
    /// every attempt at the shard so far (those in the manifest already at `existingPath`, then this).
    public static func annotate(_ manifest: JSONValue, index: Int, count: Int, existingPath: String) -> JSONValue {
        guard case .object(var fields) = manifest else { return manifest }
        let now = attempt(index: index, count: count)
        let earlier = (try? FileIO.readJSON(existingPath))?.objectValue?["attempts"]?.arrayValue ?? []
        fields["host"] = now.objectValue?["host"]
        fields["shard"] = now.objectValue?["shard"]
        fields["attempts"] = .array(earlier + [now])
        return .object(fields)
    }

    /// The manifest of a merge: the sweep, versions and machine of the first shard manifest found, and
    /// `shards`, each shard's attempts (host, Slurm ids, start) and rows.
    public static func mergedManifest(_ report: ShardReport) -> JSONValue {
        var base: [String: JSONValue] = [:]
        var shards: [JSONValue] = []
        for s in report.shards {
            var entry: [String: JSONValue] = [
                "index": .number(Double(s.index)), "rows": .number(Double(s.present)),
                "complete": .bool(
                    !report.missing.contains(s.index)
                        && !report.incomplete.contains(s.index)),
            ]
            if let file = s.file {
                let dir = URL(fileURLWithPath: file).deletingLastPathComponent()
                let path = dir.appendingPathComponent(manifestFileName(index: s.index, count: report.count)).path
                if let m = (try? FileIO.readJSON(path))?.objectValue {
                    if base.isEmpty { base = m.filter { ["sweep", "versions", "machine"].contains($0.key) } }
                    entry["attempts"] = m["attempts"] ?? .array([])
                    entry["host"] = m["host"] ?? .null
                }
            }
            shards.append(.object(entry))
        }
        base["shards"] = .array(shards)
        return .object(base)
    }

    /// This machine's host name (`gethostname`), "unknown" if it cannot be read.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
