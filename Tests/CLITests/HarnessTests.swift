import FINHarness
import FINModel
import Foundation
import Testing

@Suite("finbench bench, merge and report", .serialized)
struct HarnessTests {
    func sweepFile(_ dir: URL, _ extra: String = "", methods: String) throws -> String {
        let path = dir.appendingPathComponent("sweep.json").path
        try """
        {"name": "t", "preset": "synthetic", "generator": {"targetExit": "deepest", "latencySlack": [0.1, 0.6]},
         "sizes": [10], "seeds": [1, 2], "methods": [\(methods)]\(extra)}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func records(_ file: URL) throws -> [RunRecord] { try RunTable.load(file.path) }

    @Test func tinySweepEndToEndWithResume() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let methods =
            #"{"method": "milp-cbc", "timeLimitSeconds": 30}, {"method": "fin", "gamma": 50}, {"method": "mcp"}"#
        let sweep = try sweepFile(dir, methods: methods)
        let out = dir.appendingPathComponent("out")
        let r = try run(["bench", sweep, "--out-dir", out.path, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let runsFile = out.appendingPathComponent("runs.csv")
        let runs = try records(runsFile)
        #expect(runs.count == 6)
        for row in runs {
            // Every deployment was scored: a feasible or optimal status is feasible by the evaluator.
            if row.status == .optimal || row.status == .feasible {
                #expect(row.feasibleByEvaluator == true, "\(row)")
                #expect(row.objectiveJoulesPerSecond != nil)
            }
            #expect(row.generatorVersion == "fin-gen/1" && row.nodes == 10)
        }
        #expect(runs.contains { $0.method == "milp-cbc" && $0.provenOptimal && $0.solver.hasPrefix("cbc ") })
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"glpk\"") && manifest.contains("\"cores\""))
        let results = try records(out.appendingPathComponent("results.csv"))
        for row in results where row.method == "milp-cbc" && row.status == .optimal { #expect(row.gapToBestKnown == 0) }

        // Interrupt: drop the last row and leave half a line, as a crash mid-append would; garble
        // another row so that it keeps its key but no longer reads.
        var text = try String(contentsOf: runsFile, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lastRow = lines[lines.count - 2]
        lines[1] = lines[1].replacingOccurrences(of: ",fin-gen/1,", with: ",fin-gen/1,garbled,")
        text = lines.dropLast(2).joined(separator: "\n") + "\n" + lastRow.prefix(20)
        try text.write(to: runsFile, atomically: true, encoding: .utf8)
        let again = try run(["bench", sweep, "--out-dir", out.path])
        #expect(again.status == 0, "\(again.stderr)")
        let resumed = try records(runsFile)
        #expect(resumed.count == runs.count)
        #expect(Set(resumed.map(\.key)) == Set(runs.map(\.key)))
        #expect(
            again.stderr.contains("[6/6]") && again.stderr.contains("[5/6]") && !again.stderr.contains("[4/6]"),
            "only the two broken jobs ran: \(again.stderr)")

        // CRLF line ends: nothing is lost or re-run.
        let crlf = try String(contentsOf: runsFile, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        try crlf.write(to: runsFile, atomically: true, encoding: .utf8)
        let third = try run(["bench", sweep, "--out-dir", out.path])
        #expect(third.status == 0 && !third.stderr.contains("/6]"), "\(third.stderr)")
        #expect(try records(runsFile).count == 6)
        let report = try run(["report", out.path])
        #expect(report.status == 0 && report.stdout.contains("| mcp | 10 | 1 | 2 |"), "\(report.stdout)")
    }

    @Test func killedSolveIsAnErrorRow() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A hard limit of 1 ms: the child is killed before it can answer.
        let sweep = try sweepFile(
            dir, #", "graceSeconds": 0"#, methods: #"{"method": "milp-glpk", "timeLimitSeconds": 0.001}"#)
        let out = dir.appendingPathComponent("out")
        let r = try run(["bench", sweep, "--out-dir", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let runs = try records(out.appendingPathComponent("runs.csv"))
        #expect(runs.count == 2)
        for row in runs {
            #expect(row.status == .error)
            #expect(row.message.hasPrefix("killed after 0.001 s"), "\(row)")
        }
    }

    @Test func shardsMergeToTheWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = try sweepFile(dir, methods: #"{"method": "fin-exact"}, {"method": "mcp"}"#)
        let out = dir.appendingPathComponent("out")
        for i in 0..<2 { #expect(try run(["bench", sweep, "--out-dir", out.path, "--shard", "\(i)/2"]).status == 0) }
        let merged = dir.appendingPathComponent("merged")
        let shards = (0..<2).map { out.appendingPathComponent("runs-shard\($0)of2.csv").path }
        let m = try run(["merge", "--out-dir", merged.path] + shards)
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try records(merged.appendingPathComponent("runs.csv")).count == 4)
        #expect(try run(["bench", sweep, "--shard", "2/2"]).status == 64)
        // A bad shard: exit 65 naming it, and the merged files stay as they were.
        let before = try Data(contentsOf: merged.appendingPathComponent("results.csv"))
        let bad = dir.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        let empty = bad.appendingPathComponent("runs-shard1of2.csv")
        try Data().write(to: empty)
        let manifestBefore = try? Data(contentsOf: merged.appendingPathComponent("manifest.json"))
        let refused = try run(["merge", "--out-dir", merged.path, shards[0], empty.path])
        #expect(refused.status == 65 && refused.stderr.contains("shard"), "\(refused.stderr)")
        #expect((try? Data(contentsOf: merged.appendingPathComponent("manifest.json"))) == manifestBefore)
        #expect(try Data(contentsOf: merged.appendingPathComponent("results.csv")) == before)
        let notATable = try run(["report", root.appendingPathComponent("instances/gen-easy-n10.json").path])
        #expect(notATable.status == 65 && notATable.stderr.contains("gen-easy-n10.json:1: not a runs table"))
    }

    /// Two runs on one output: while one holds the lock, the other refuses at once (exit 75)
    /// and writes nothing; with the lock free, it resumes.
    @Test func concurrentRunsOnOneDirectory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = try sweepFile(dir, methods: #"{"method": "mcp"}"#)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.appendingPathComponent("runs.csv.lock").path, O_CREAT | O_RDWR, 0o644)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let refused = try run(["bench", sweep, "--out-dir", out.path])
        #expect(refused.status == 75 && refused.stderr.contains("another bench run"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("runs.csv").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
        flock(fd, LOCK_UN)
        close(fd)
        #expect(try run(["bench", sweep, "--out-dir", out.path]).status == 0)
        #expect(try records(out.appendingPathComponent("runs.csv")).count == 2)
    }

    /// SIGTERM to bench: the children die with it, no row is half-written, and a resume
    /// completes the sweep without duplicates.
    @Test func terminatedBenchLeavesNoPartialRowAndResumes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // CBC on 200-node instances with a tight slack takes long enough to be interrupted.
        let path = dir.appendingPathComponent("sweep.json").path
        try """
        {"name": "t", "preset": "synthetic", "generator": {"targetExit": "deepest", "latencySlack": [0.1, 0.6]},
         "sizes": [10, 1000], "seeds": [1, 2], "methods": [{"method": "mcp"}, {"method": "milp-glpk", \
        "timeLimitSeconds": 20}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        var pid: pid_t = 0
        let words = [finbench.path, "bench", path, "--out-dir", out.path]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        #expect(posix_spawn(&pid, finbench.path, &actions, nil, argv, environ) == 0)
        posix_spawn_file_actions_destroy(&actions)
        // Wait until the 1000-node MILP is running (some rows written), then stop the run.
        let runsFile = out.appendingPathComponent("runs.csv")
        for _ in 0..<600 {
            Thread.sleep(forTimeInterval: 0.05)
            if let r = try? RunTable.load(runsFile.path), r.count >= 5 { break }
        }
        let started = Date()
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(Date().timeIntervalSince(started) < 5, "bench stopped promptly")
        let code = Int32((status >> 8) & 0xff)
        let expected = Int32(128) + SIGTERM
        #expect(code == expected, "exit \(code)")
        // No child is left running past its parent.
        let ps = ChildProcess.run("/bin/ps", ["-eo", "args"])
        #expect(!ps.standardOutputText.contains(out.path + "/instances"), "a child survived")
        let partial = try Data(contentsOf: runsFile)
        #expect(partial.last == UInt8(ascii: "\n"))
        let rows = try records(runsFile)
        #expect(rows.count < 8 && rows.allSatisfy { $0.status != .error })
        #expect(try run(["bench", path, "--out-dir", out.path]).status == 0)
        let done = try records(runsFile)
        #expect(done.count == 8 && Set(done.map(\.key)).count == 8)
    }
}
