import FINModel
import Foundation

/// Summaries of a sweep's `results.csv` (docs/HARNESS.md): per method and size, the shifted
/// geometric mean of wall times, the share proven optimal, the gap distribution, the saving
/// against a baseline; a log-log growth fit per method; Dolan-Moré performance profiles.
public struct Report {
    /// The shift of the shifted geometric mean, seconds: exp(mean(log(t + s))) - s. 10 ms keeps
    /// sub-millisecond heuristics from dominating the mean without hiding second-scale solves.
    public static let shiftSeconds = 0.01

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

    public static func shiftedGeometricMean(_ xs: [Double], shift: Double = shiftSeconds) -> Double {
        guard !xs.isEmpty else { return .nan }
        return exp(xs.map { log($0 + shift) }.reduce(0, +) / Double(xs.count)) - shift
    }

    /// Linear-interpolation percentile (numpy's default), p in [0, 100].
    public static func percentile(_ xs: [Double], _ p: Double) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        let h = Double(s.count - 1) * p / 100
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    /// Least-squares slope of y on x.
    public static func slope(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count >= 2 else { return nil }
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return nil }
        return zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
    }

    /// Builds the report from the rows of a results file (header first).
    public init(results: [[String]], baseline: String = "mcp") {
        guard let header = results.first else {
            rows = []; growth = [:]; largestProven = [:]; profile = [:]
            return
        }
        let col = { (name: String) in header.firstIndex(of: name) }
        let body = results.dropFirst().filter { $0.count == header.count }
        func value(_ r: [String], _ name: String) -> String { col(name).map { r[$0] } ?? "" }
        func label(_ r: [String]) -> String {
            let p = value(r, "parameters")
            return p == "{}" || p.isEmpty ? value(r, "method") : "\(value(r, "method")) \(p)"
        }
        func isFeasible(_ r: [String]) -> Bool { value(r, "feasibleByEvaluator") == "true" }
        // Baseline energy per instance.
        var baselineEnergy: [String: Double] = [:]
        for r in body where value(r, "method") == baseline && isFeasible(r) {
            baselineEnergy[value(r, "instance")] = Double(value(r, "objectiveJoulesPerSecond"))
        }
        var groups: [String: [[String]]] = [:]
        for r in body { groups["\(label(r))\u{0}\(value(r, "nodes"))\u{0}\(value(r, "applications"))", default: []].append(r) }
        var out: [Row] = []
        var timesBySize: [String: [(Double, Double)]] = [:]
        var proven: [String: Int] = [:]
        for key in groups.keys.sorted(by: { a, b in
            let pa = a.split(separator: "\u{0}", omittingEmptySubsequences: false)
            let pb = b.split(separator: "\u{0}", omittingEmptySubsequences: false)
            return (String(pa[0]), Int(pa[1]) ?? 0, Int(pa[2]) ?? 0) < (String(pb[0]), Int(pb[1]) ?? 0, Int(pb[2]) ?? 0)
        }) {
            let rs = groups[key]!
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            let method = String(parts[0])
            let nodes = Int(parts[1]) ?? 0
            let applications = Int(parts[2]) ?? 0
            let times = rs.compactMap { Double(value($0, "wallSeconds")) }
            let gaps = rs.filter(isFeasible).compactMap { Double(value($0, "gapToBestKnown")) }
            let savings = rs.filter(isFeasible).compactMap { r -> Double? in
                guard let e = Double(value(r, "objectiveJoulesPerSecond")), let b = baselineEnergy[value(r, "instance")], b > 0 else { return nil }
                return 1 - e / b
            }
            let feasibleRows = rs.filter(isFeasible)
            let certified = feasibleRows.compactMap { Double(value($0, "certifiedGap")) }
            let provenCount = rs.filter { value($0, "provenOptimal") == "true" || value($0, "status") == "infeasible" }.count
            out.append(Row(method: method, nodes: nodes, applications: applications, runs: rs.count, provenOptimal: provenCount, feasible: rs.filter(isFeasible).count,
                           errors: rs.filter { value($0, "status") == "error" }.count,
                           shiftedGeometricMeanSeconds: Self.shiftedGeometricMean(times), medianGap: Self.percentile(gaps, 50),
                           p95Gap: Self.percentile(gaps, 95), maxGap: gaps.max(), medianSaving: Self.percentile(savings, 50),
                           maxCertifiedGap: certified.count == feasibleRows.count ? certified.max() : nil))
            // Growth against the size of the instance: nodes x applications.
            if let m = Self.percentile(times, 50), m > 0 { timesBySize[method, default: []].append((Double(nodes * max(applications, 1)), m)) }
            if provenCount == rs.count { proven[method] = max(proven[method] ?? 0, nodes) }
        }
        rows = out
        growth = timesBySize.compactMapValues { pts in Self.slope(pts.map { log($0.0) }, pts.map { log($0.1) }) }
        largestProven = proven
        // Performance profiles on wall time, over instances; unsolved (no feasible answer) = ∞.
        var best: [String: Double] = [:]
        var time: [String: [String: Double]] = [:]
        let instances = Set(body.map { value($0, "instance") })
        for r in body where isFeasible(r) || value(r, "status") == "infeasible" && value(r, "provenOptimal") == "true" {
            guard let t = Double(value(r, "wallSeconds")) else { continue }
            time[label(r), default: [:]][value(r, "instance")] = t
            best[value(r, "instance")] = min(best[value(r, "instance")] ?? .infinity, t)
        }
        let methods = Set(body.map(label))
        var profile: [String: [Double]] = [:]
        for m in methods {
            profile[m] = Self.taus.map { tau in
                let within = instances.filter { i in
                    guard let t = time[m]?[i], let b = best[i] else { return false }
                    return t <= tau * max(b, 1e-9)
                }.count
                return instances.isEmpty ? 0 : Double(within) / Double(instances.count)
            }
        }
        self.profile = profile
    }

    /// The report as Markdown tables.
    public func markdown(baseline: String = "mcp") -> String {
        func pct(_ x: Double?) -> String { x.map { String(format: "%.2f%%", $0 * 100) } ?? "-" }
        var s = "| method | nodes | apps | runs | proven optimal | feasible | errors | time s (sgm, shift \(Self.shiftSeconds)) | gap median | gap p95 | gap max | certified gap max | saving vs \(baseline) (median) |\n"
        s += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for r in rows {
            s += "| \(r.method) | \(r.nodes) | \(r.applications) | \(r.runs) | \(r.provenOptimal) | \(r.feasible) | \(r.errors) | \(String(format: "%.4g", r.shiftedGeometricMeanSeconds)) | \(pct(r.medianGap)) | \(pct(r.p95Gap)) | \(pct(r.maxGap)) | \(pct(r.maxCertifiedGap)) | \(pct(r.medianSaving)) |\n"
        }
        s += "\n| method | time growth (log-log slope vs nodes x applications) | largest nodes all proven |\n| --- | ---: | ---: |\n"
        for m in Set(rows.map(\.method)).sorted() {
            s += "| \(m) | \(growth[m].map { String(format: "%.2f", $0) } ?? "-") | \(largestProven[m].map(String.init) ?? "-") |\n"
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
