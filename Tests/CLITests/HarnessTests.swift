import Foundation
import Testing
import FINHarness
import FINModel

@Suite("finbench bench and merge", .serialized)
struct HarnessTests {
    func sweepFile(_ dir: URL, _ extra: String = "", methods: String) throws -> String {
        let path = dir.appendingPathComponent("sweep.json").path
        try """
        {"name": "t", "preset": "synthetic", "generator": {"targetExit": "deepest", "latencySlack": [0.1, 0.6]},
         "sizes": [10], "seeds": [1, 2], "methods": [\(methods)]\(extra)}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func rows(_ file: URL) throws -> [[String]] {
        CSV.parse(try String(contentsOf: file, encoding: .utf8))
    }

    @Test func tinySweepEndToEndWithResume() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = try sweepFile(dir, methods: #"{"method": "milp-cbc", "timeLimitSeconds": 30}, {"method": "fin", "gamma": 50}, {"method": "mcp"}"#)
        let out = dir.appendingPathComponent("out")
        let r = try run(["bench", sweep, "--out-dir", out.path, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let runs = try rows(out.appendingPathComponent("runs.csv"))
        #expect(runs[0] == SweepRunner.columns)
        #expect(runs.count == 1 + 6)
        let col = { (name: String) in SweepRunner.columns.firstIndex(of: name)! }
        for row in runs.dropFirst() {
            #expect(row.count == SweepRunner.columns.count)
            // Every deployment was re-scored: a feasible or optimal status is feasible by the evaluator.
            if row[col("status")] == "optimal" || row[col("status")] == "feasible" {
                #expect(row[col("feasibleByEvaluator")] == "true", "\(row)")
                #expect(Double(row[col("objectiveJoulesPerSecond")]) != nil)
            }
            #expect(row[col("generatorVersion")] == "fin-gen/1" && row[col("nodes")] == "10")
        }
        #expect(runs.contains { $0[col("method")] == "milp-cbc" && $0[col("provenOptimal")] == "true" && $0[col("solver")].hasPrefix("cbc ") })
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"glpk\"") && manifest.contains("\"cores\""))
        // results.csv: every feasible row of an instance with a proven optimum has a gap >= 0,
        // and the MILP rows have gap 0.
        let results = try rows(out.appendingPathComponent("results.csv"))
        let gapCol = results[0].firstIndex(of: "gapToBestKnown")!
        for row in results.dropFirst() where row[col("method")] == "milp-cbc" && row[col("status")] == "optimal" {
            #expect(row[gapCol] == "0")
        }

        // Interrupt: drop the last row and leave half a line, as a crash mid-append would.
        let runsFile = out.appendingPathComponent("runs.csv")
        var text = try String(contentsOf: runsFile, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lastRow = String(lines[lines.count - 2])
        text = lines.dropLast(2).joined(separator: "\n") + "\n" + lastRow.prefix(20)
        try text.write(to: runsFile, atomically: true, encoding: .utf8)
        let again = try run(["bench", sweep, "--out-dir", out.path])
        #expect(again.status == 0, "\(again.stderr)")
        let resumed = try rows(runsFile)
        #expect(resumed.count == runs.count)
        #expect(Set(resumed.map { $0[0] }).count == resumed.count)
        #expect(again.stderr.contains("[6/6]") && !again.stderr.contains("[5/6]"), "only the missing job ran: \(again.stderr)")
    }

    @Test func killedSolveIsAnErrorRow() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A hard limit of 1 ms: the child is killed before it can answer.
        let sweep = try sweepFile(dir, #", "graceSeconds": 0"#, methods: #"{"method": "milp-glpk", "timeLimitSeconds": 0.001}"#)
        let out = dir.appendingPathComponent("out")
        let r = try run(["bench", sweep, "--out-dir", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let runs = try rows(out.appendingPathComponent("runs.csv"))
        let col = { (name: String) in SweepRunner.columns.firstIndex(of: name)! }
        #expect(runs.count == 3)
        for row in runs.dropFirst() {
            #expect(row[col("status")] == "error")
            #expect(row[col("message")].hasPrefix("killed after 0.001 s"), "\(row)")
        }
    }

    @Test func shardsMergeToTheWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = try sweepFile(dir, methods: #"{"method": "fin-exact"}, {"method": "mcp"}"#)
        let out = dir.appendingPathComponent("out")
        for i in 0..<2 { #expect(try run(["bench", sweep, "--out-dir", out.path, "--shard", "\(i)/2"]).status == 0) }
        let merged = dir.appendingPathComponent("merged")
        let m = try run(["merge", "--out-dir", merged.path, out.appendingPathComponent("runs-shard0of2.csv").path, out.appendingPathComponent("runs-shard1of2.csv").path])
        #expect(m.status == 0, "\(m.stderr)")
        let runs = try rows(merged.appendingPathComponent("runs.csv"))
        #expect(runs.count == 1 + 4)
        #expect(try run(["bench", sweep, "--shard", "2/2"]).status == 64)
    }

    /// The gap arithmetic on hand values: best known = the least feasible objective (proven if
    /// a row with it is proven optimal); gap = objective / best - 1; best bound = the largest
    /// bound of a row that is not an error; certified gap = objective / best bound - 1.
    @Test func gapArithmetic() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func row(_ key: String, _ instance: String, _ method: String, _ objective: String, _ proven: Bool, _ feasible: String,
                 bound: String = "", status: String = "feasible") -> [String] {
            var r = [String](repeating: "", count: SweepRunner.columns.count)
            let col = { (name: String) in SweepRunner.columns.firstIndex(of: name)! }
            r[0] = key
            r[col("boundJoulesPerSecond")] = bound
            r[col("status")] = status
            r[col("instance")] = instance
            r[col("method")] = method
            r[col("objectiveJoulesPerSecond")] = objective
            r[col("provenOptimal")] = proven ? "true" : "false"
            r[col("feasibleByEvaluator")] = feasible
            return r
        }
        let runs = dir.appendingPathComponent("runs.csv")
        let text = CSV.line(SweepRunner.columns) + [
            row("a|milp", "a", "milp", "2", true, "true", bound: "2"), row("a|fin", "a", "fin", "2.5", false, "true"),
            row("a|bad", "a", "x", "1", false, "false"), row("b|fin", "b", "fin", "4", false, "true"),
            row("b|mcp", "b", "mcp", "5", false, "true"), row("c|fin", "c", "fin", "", false, ""),
            row("b|lb", "b", "energy-lower-bound", "", false, "", bound: "3.2", status: "noSolution"),
            row("b|err", "b", "milp", "", false, "", bound: "100", status: "error"),
        ].map(CSV.line).joined()
        try text.write(to: runs, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("results.csv")
        try SweepRunner.writeResults(runs: [runs], to: out)
        let results = try rows(out)
        let n = SweepRunner.columns.count
        let byKey = Dictionary(uniqueKeysWithValues: results.dropFirst().map { ($0[0], Array($0[n...])) })
        #expect(byKey["a|milp"] == ["2", "true", "0", "2", "0"])
        #expect(byKey["a|fin"] == ["2", "true", "0.25", "2", "0.25"])
        #expect(byKey["a|bad"] == ["2", "true", "", "2", ""])  // infeasible by the evaluator: no gap, not the best
        #expect(byKey["b|fin"] == ["4", "false", "0", "3.2", "0.25"])  // the error row's bound is not trusted
        #expect(byKey["b|mcp"] == ["4", "false", "0.25", "3.2", "0.5625"])
        #expect(byKey["b|lb"] == ["4", "false", "", "3.2", ""])
        #expect(byKey["c|fin"] == ["", "", "", "", ""])
    }
}

@Suite("Report arithmetic")
struct ReportArithmeticTests {
    @Test func shiftedGeometricMeanPercentilesAndSlope() {
        // sgm with shift 0.01 of 0.09 and 0.99: exp((log 0.1 + log 1) / 2) - 0.01 = 0.31623 - 0.01.
        #expect(abs(Report.shiftedGeometricMean([0.09, 0.99]) - (0.1.squareRoot() - 0.01)) < 1e-12)
        #expect(Report.percentile([1, 2, 3, 4], 50) == 2.5)
        #expect(Report.percentile([0, 10], 95) == 9.5)
        #expect(Report.percentile([], 50) == nil)
        // t = n^2: slope 2 on log-log axes.
        let n: [Double] = [10, 100, 1000]
        #expect(abs(Report.slope(n.map(log), n.map { log($0 * $0) })! - 2) < 1e-12)
    }

    @Test func profilesAndSavings() {
        let header = SweepRunner.columns + SweepRunner.derivedColumns
        func row(_ instance: String, _ method: String, _ energy: Double, _ seconds: Double) -> [String] {
            var r = [String](repeating: "", count: header.count)
            func set(_ name: String, _ v: String) { r[header.firstIndex(of: name)!] = v }
            set("key", "\(instance)|\(method)"); set("instance", instance); set("method", method); set("nodes", "10")
            set("parameters", "{}"); set("objectiveJoulesPerSecond", String(energy)); set("feasibleByEvaluator", "true")
            set("wallSeconds", String(seconds)); set("status", "feasible"); set("gapToBestKnown", "0")
            return r
        }
        let report = Report(results: [header, row("i1", "fin", 1, 0.1), row("i1", "mcp", 4, 0.2), row("i2", "fin", 3, 1.0), row("i2", "mcp", 4, 0.1)])
        let fin = report.rows.first { $0.method == "fin" }!
        #expect(fin.medianSaving == (0.75 + 0.25) / 2)
        // fin is fastest on i1, 10x the fastest on i2.
        #expect(report.profile["fin"]! == [0.5, 0.5, 0.5, 1, 1, 1])
        #expect(report.profile["mcp"]! == [0.5, 1, 1, 1, 1, 1])
    }
}

@Suite("Sweep files")
struct SweepFileTests {
    @Test func defaultSweepFileIsTheBuiltInOne() throws {
        let file = try String(contentsOf: root.appendingPathComponent("results/sweeps/default.json"), encoding: .utf8)
        #expect(file == Sweep.defaultJSON + "\n")
    }

    @Test func shippedSweepsParse() throws {
        let dir = root.appendingPathComponent("results/sweeps")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            _ = try Sweep.parse(text: text, file: name)
        }
    }

    @Test func usersSweepsMakeTheJournalInstances() throws {
        let text = #"{"name": "u", "users": {"series": [["b-resnet"], ["b-lenet", "b-resnet"]], "counts": [1, 3], "shareLevels": [0.5, 1]}, "methods": [{"method": "fin-multi", "iterations": 5, "threads": 1}]}"#
        let sweep = try Sweep.parse(text: text, file: "u.json")
        let runner = SweepRunner(sweep: sweep, directory: URL(fileURLWithPath: "/nonexistent"), executable: URL(fileURLWithPath: "/bin/true"))
        let jobs = runner.allJobs()
        #expect(jobs.map(\.instance) == ["u-b-resnet-u1", "u-b-resnet-u3", "u-b-lenet+b-resnet-u1", "u-b-lenet+b-resnet-u3"])
        #expect(jobs.map(\.applications) == [1, 3, 2, 6])
        #expect(jobs[0].key == "u-b-resnet-u1|fin-multi iterations=5 threads=1")
        let bad = #"{"name": "u", "users": {"series": [["nope"]], "counts": [0]}, "methods": [{"method": "fin"}]}"#
        do {
            _ = try Sweep.parse(text: bad, file: "u.json")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("users.series[0]: unknown profile \"nope\""), "\(error.description)")
            #expect(error.description.contains("users.counts"), "\(error.description)")
        }
    }

    @Test func badSweepsNameTheField() throws {
        let json = try JSONParser.parse(#"{"name": "x", "sizes": [2], "seeds": [1], "methods": [{"method": "fin", "gama": 5}]}"#)
        do {
            _ = try Sweep.parse(json, file: "s.json")
            Issue.record("accepted")
        } catch {
            let text = error.description
            #expect(text.contains("sizes[0]: expected a whole number in 3...10000"), "\(text)")
            #expect(text.contains("methods[0].gama: unknown parameter"), "\(text)")
        }
    }
}
