import FINModel
import Foundation

/// Summaries of a sweep's results (docs/HARNESS.md, "The report"): per method and size, the
/// shifted geometric mean of wall times, the share proven optimal, the gap distribution, the
/// saving against a baseline; a log-log growth fit per method; Dolan-Moré performance profiles.
public struct Report: Sendable {
    /// The shift of the shifted geometric mean, seconds: exp(mean(log(t + s))) - s. 10 ms keeps
    /// sub-millisecond heuristics from dominating the mean without hiding second-scale solves.
    public static let shiftSeconds = 0.01

    /// One table row: a method (with its parameters) at one size.
    public struct Row: Sendable {
        public let method: String
        public let nodes: Int
        public let applications: Int
        public let runs: Int
        public let provenOptimal: Int
        public let feasible: Int
        public let errors: Int
        public let shiftedGeometricMeanSeconds: Double
        public let medianGap: Double?
        public let p95Gap: Double?
        public let maxGap: Double?
        /// Median over instances of 1 - energy / baseline energy.
        public let medianSaving: Double?
        /// The largest certified gap (energy / best lower bound on the instance - 1) over the
        /// feasible runs; nil when some feasible run has no certificate (no positive bound).
        public let maxCertifiedGap: Double?
    }

    public let rows: [Row]
    /// Per method: the slope of log(median wall time) against log(nodes x applications), when
    /// two sizes or more.
    public let growth: [String: Double]
    /// Per method: the largest size at which every run was proven optimal.
    public let largestProven: [String: Int]
    /// Per method: fraction of instances solved within τ times the fastest method, for `taus`.
    public let profile: [String: [Double]]
    public static let taus: [Double] = [1, 2, 5, 10, 100, 1000]
    public let baseline: String

    /// A group of rows: one method label at one size.
    struct Group: Hashable, Comparable {
        let label: String
        let nodes: Int
        let applications: Int
        static func < (a: Group, b: Group) -> Bool {
            (a.label, a.nodes, a.applications) < (b.label, b.nodes, b.applications)
        }
    }

    /// Builds the report from the records of a results table.
    public init(records: [RunRecord], baseline: String = "mcp") {
        self.baseline = baseline
        // Baseline energy per instance.
        var baselineEnergy: [String: Double] = [:]
        for r in records where r.method == baseline {
            if let x = r.feasibleObjective { baselineEnergy[r.instance] = x }
        }
        var groups: [Group: [RunRecord]] = [:]
        for r in records {
            groups[Group(label: r.methodLabel, nodes: r.nodes, applications: r.applications), default: []].append(r)
        }
        var out: [Row] = []
        var timesBySize: [String: [(Double, Double)]] = [:]
        var proven: [String: Int] = [:]
        for g in groups.keys.sorted() {
            let rs = groups[g]!
            let times = rs.compactMap(\.wallSeconds)
            let feasible = rs.filter(\.isFeasible)
            let gaps = feasible.compactMap(\.gapToBestKnown)
            let savings = feasible.compactMap { r -> Double? in
                guard let e = r.objectiveJoulesPerSecond, let b = baselineEnergy[r.instance], b > 0 else { return nil }
                return 1 - e / b
            }
            let certified = feasible.compactMap(\.certifiedGap)
            let provenCount = rs.filter { $0.provenOptimal || $0.status == .infeasible }.count
            out.append(
                Row(
                    method: g.label, nodes: g.nodes, applications: g.applications, runs: rs.count,
                    provenOptimal: provenCount, feasible: feasible.count,
                    errors: rs.filter { $0.status == .error }.count,
                    shiftedGeometricMeanSeconds: Statistics.shiftedGeometricMean(times, shift: Self.shiftSeconds),
                    medianGap: Statistics.percentile(gaps, 50), p95Gap: Statistics.percentile(gaps, 95),
                    maxGap: gaps.max(), medianSaving: Statistics.percentile(savings, 50),
                    maxCertifiedGap: certified.count == feasible.count ? certified.max() : nil))
            // Growth against the size of the instance: nodes x applications.
            if let m = Statistics.percentile(times, 50), m > 0 {
                timesBySize[g.label, default: []].append((Double(g.nodes * max(g.applications, 1)), m))
            }
            if provenCount == rs.count { proven[g.label] = max(proven[g.label] ?? 0, g.nodes) }
        }
        rows = out
        growth = timesBySize.compactMapValues { pts in Statistics.slope(pts.map { log($0.0) }, pts.map { log($0.1) }) }
        largestProven = proven
        profile = Self.performanceProfile(records)
    }

    /// Dolan-Moré profiles on wall time, over instances; unsolved (no feasible answer and no
    /// proof of infeasibility) counts as infinitely slow.
    static func performanceProfile(_ records: [RunRecord]) -> [String: [Double]] {
        var best: [String: Double] = [:]
        var time: [String: [String: Double]] = [:]
        let instances = Set(records.map(\.instance))
        for r in records where r.isFeasible || r.status == .infeasible && r.provenOptimal {
            guard let t = r.wallSeconds else { continue }
            time[r.methodLabel, default: [:]][r.instance] = t
            best[r.instance] = min(best[r.instance] ?? .infinity, t)
        }
        var profile: [String: [Double]] = [:]
        for m in Set(records.map(\.methodLabel)) {
            profile[m] = taus.map { tau in
                let within = instances.filter { i in
                    guard let t = time[m]?[i], let b = best[i] else { return false }
                    return t <= tau * max(b, 1e-9)
                }.count
                return instances.isEmpty ? 0 : Double(within) / Double(instances.count)
            }
        }
        return profile
    }

    /// The report as Markdown tables.
    public func markdown() -> String {
        func pct(_ x: Double?) -> String { x.map { String(format: "%.2f%%", $0 * 100) } ?? "-" }
        var s =
            "| method | nodes | apps | runs | proven optimal | feasible | errors | time s (sgm, shift "
            + "\(Self.shiftSeconds)) | gap median | gap p95 | gap max | certified gap max | saving vs \(baseline) "
            + "(median) |\n"
        s += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for r in rows {
            let cells = [
                r.method, String(r.nodes), String(r.applications), String(r.runs), String(r.provenOptimal),
                String(r.feasible), String(r.errors), String(format: "%.4g", r.shiftedGeometricMeanSeconds),
                pct(r.medianGap), pct(r.p95Gap), pct(r.maxGap), pct(r.maxCertifiedGap), pct(r.medianSaving),
            ]
            s += "| " + cells.joined(separator: " | ") + " |\n"
        }
        s += "\n| method | time growth (log-log slope vs nodes x applications) | largest nodes all proven |\n"
        s += "| --- | ---: | ---: |\n"
        for m in Set(rows.map(\.method)).sorted() {
            s +=
                "| \(m) | \(growth[m].map { String(format: "%.2f", $0) } ?? "-") | "
                + "\(largestProven[m].map(String.init) ?? "-") |\n"
        }
        s += "\nPerformance profile (Dolan-Moré, wall time): share of instances solved within τ x the fastest\n\n"
        s += "| method | " + Self.taus.map { "τ=\(JSONWriter.formatNumber($0))" }.joined(separator: " | ") + " |\n"
        s += "| --- |" + String(repeating: " ---: |", count: Self.taus.count) + "\n"
        for m in profile.keys.sorted() {
            s += "| \(m) | " + profile[m]!.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " |\n"
        }
        return s
    }
}
