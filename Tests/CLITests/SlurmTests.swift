import FINHarness
import FINModel
import Foundation
import Testing

/// `SlurmScript` (pure), `Shards` (completeness), and the scripts `bench --slurm` writes, run with
/// bash outside Slurm (as an array task would run them), with `merge` refusing a partial sweep.
@Suite("Slurm job scripts and shard checks", .serialized)
struct SlurmTests {
    static let sweepText = """
        {"name": "t", "preset": "synthetic", "generator": {"targetExit": "deepest", "latencySlack": [0.1, 0.6]},
         "sizes": [10], "seeds": [1, 2], "graceSeconds": 5, "defaultHardLimitSeconds": 100,
         "methods": [{"method": "milp-cbc", "timeLimitSeconds": 10}, {"method": "mcp"}]}
        """

    func options(shards: Int) -> SlurmOptions {
        SlurmOptions(
            shards: shards, executable: "/opt/fin/finbench", sweepFile: "/data/out/slurm/sweep.json",
            resultsDirectory: "/data/out", workingDirectory: "/home/me/finbench")
    }

    @Test func durations() throws {
        #expect(try SlurmScript.parseDuration("01:30:00") == 5400)
        #expect(try SlurmScript.parseDuration("2-00:00:01") == 172_801)
        for bad in ["90", "1:60:00", "", "00:00:00", "a-01:00:00", "01:00", "-1:00:00"] {
            #expect(throws: SlurmScriptError.badTime(bad)) { try SlurmScript.parseDuration(bad) }
        }
        #expect(SlurmScript.formatDuration(5400) == "01:30:00")
        #expect(SlurmScript.formatDuration(61) == "00:02:00")
        #expect(SlurmScript.formatDuration(90_000) == "1-01:00:00")
        #expect(SlurmScript.formatDuration(0) == "00:01:00")
    }

    /// Jobs: 0 milp-cbc (10 + 5 s), 1 mcp (100 s), 2 milp-cbc, 3 mcp. Two shards: shard 1 holds
    /// both mcp jobs, 200 s serial: 200 x 1.1 + 300 = 520 s, 9 min; two at once: 200 / 2 + 100 / 2
    /// = 150 s, x 1.1 + 300 = 465 s, 8 min.
    @Test func wallLimitFromTheSweep() throws {
        let sweep = try Sweep.parse(text: Self.sweepText, file: "t.json")
        #expect(SlurmScript.jobsPerShard(sweep, shards: 2) == [2, 2])
        #expect(SlurmScript.jobsPerShard(sweep, shards: 3) == [2, 1, 1])
        #expect(abs(SlurmScript.derivedTaskSeconds(sweep, shards: 2, jobsPerTask: 1) - 520) < 1e-9)
        #expect(abs(SlurmScript.derivedTaskSeconds(sweep, shards: 2, jobsPerTask: 2) - 465) < 1e-9)
        var o = options(shards: 2)
        #expect(try SlurmScript.arrayScript(sweep, o).contains("#SBATCH --time=00:09:00\n"))
        o.jobsPerTask = 2
        #expect(try SlurmScript.arrayScript(sweep, o).contains("#SBATCH --time=00:08:00\n"))
        o.timeLimit = "1-00:00:00"
        #expect(try SlurmScript.arrayScript(sweep, o).contains("#SBATCH --time=1-00:00:00\n"))
    }

    @Test func scriptText() throws {
        let sweep = try Sweep.parse(text: Self.sweepText, file: "t.json")
        var o = options(shards: 4)
        o.cpusPerTask = 3
        o.jobsPerTask = 2
        o.partition = "short"
        o.memory = "4G"
        let array = try SlurmScript.arrayScript(sweep, o)
        for line in [
            "#!/bin/bash\n", "#SBATCH --array=0-3\n", "#SBATCH --cpus-per-task=3\n",
            "#SBATCH --partition=short\n", "#SBATCH --mem=4G\n",
            "#SBATCH --output=/data/out/slurm/logs/%A_%a.out\n",
            "#SBATCH --chdir=/home/me/finbench\n", "FINBENCH='/opt/fin/finbench'\n", "SHARDS=4\n", "JOBS=2\n",
            #"--shard "$i/$SHARDS" --jobs "$JOBS" --out-dir "$scratch""#, "${SLURM_TMPDIR:-${TMPDIR:-/tmp}}",
            "sbatch --array=K /data/out/slurm/array.sbatch",
        ] {
            #expect(array.contains(line), "\(line)")
        }
        #expect(array.split(separator: "\n").allSatisfy { $0.count <= 200 })
        let merge = try SlurmScript.mergeScript(sweep, o)
        #expect(merge.contains(#"merge --out-dir "$RESULTS" --sweep "$SWEEP""#))
        #expect(merge.contains("#SBATCH --partition=short\n") && !merge.contains("--array"))
        // Pure: the same input, the same text.
        #expect(try SlurmScript.arrayScript(sweep, o) == array)
    }

    @Test func badOptions() throws {
        let sweep = try Sweep.parse(text: Self.sweepText, file: "t.json")
        var o = options(shards: 0)
        #expect(throws: SlurmScriptError.badShardCount(0)) { try SlurmScript.arrayScript(sweep, o) }
        o = options(shards: 2)
        o.partition = "a b"
        #expect(throws: SlurmScriptError.self) { try SlurmScript.arrayScript(sweep, o) }
        o = options(shards: 2)
        o.memory = "4GB"
        #expect(throws: SlurmScriptError.self) { try SlurmScript.arrayScript(sweep, o) }
        o = options(shards: 2)
        o.resultsDirectory = "relative/out"
        #expect(throws: SlurmScriptError.self) { try SlurmScript.mergeScript(sweep, o) }
    }

    @Test func shardFileNames() {
        let s = Shards.shard(ofRunsFile: "/x/runs-shard3of8.csv")
        #expect(s?.index == 3 && s?.count == 8)
        #expect(Shards.shard(ofRunsFile: "runs-shard8of8.csv") == nil)
        #expect(Shards.shard(ofRunsFile: "runs.csv") == nil)
        #expect(Shards.runsFileName(index: 1, count: 4) == "runs-shard1of4.csv")
        #expect(Shards.manifestFileName(index: 0, count: 1) == "manifest.json")
    }

    /// Runs a script with bash as Slurm would run array task `task` (no Slurm needed).
    func bash(_ script: String, task: Int?, scratch: URL, jobID: Int = 100) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script]
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = scratch.path
        env["SLURM_JOB_ID"] = String(jobID)
        env["SLURM_TMPDIR"] = nil
        if let task { env["SLURM_ARRAY_TASK_ID"] = String(task) } else { env["SLURM_ARRAY_TASK_ID"] = nil }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// `bench --slurm` writes the scripts; each task runs on scratch and copies back; the merge
    /// refuses a missing shard (or merges it with --allow-partial); a re-run task resumes.
    @Test func scriptsRunAsArrayTasks() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = dir.appendingPathComponent("sweep.json")
        let cbc = #"{"method": "milp-cbc", "timeLimitSeconds": 10}"#
        try Self.sweepText.replacingOccurrences(of: cbc, with: #"{"method": "fin"}"#)
            .write(to: sweep, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let scratch = dir.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        #expect(try run(["bench", sweep.path, "--shards", "2"]).status == 64)
        #expect(try run(["bench", sweep.path, "--slurm", "--shards", "2", "--time", "1:2"]).status == 64)
        let g = try run(["bench", sweep.path, "--slurm", "--shards", "2", "--out-dir", out.path], in: dir)
        #expect(g.status == 0, "\(g.stderr)")
        let array = out.appendingPathComponent("slurm/array.sbatch").path
        let merge = out.appendingPathComponent("slurm/merge.sbatch").path
        #expect(FileManager.default.isExecutableFile(atPath: array))
        #expect(try bash(array, task: nil, scratch: scratch).status != 0, "not an array task")

        let t0 = try bash(array, task: 0, scratch: scratch)
        #expect(t0.status == 0, "\(t0.stderr)")
        #expect(try rows(out.appendingPathComponent("runs-shard0of2.csv")).count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "scratch removed")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest-shard0of2.json").path))
        let partial = try bash(merge, task: nil, scratch: scratch)
        #expect(partial.status == 65 && partial.stderr.contains("shard 1/2: missing"), "\(partial.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("runs.csv").path))
        let allowed = try run([
            "merge", "--out-dir", dir.appendingPathComponent("partial").path, "--allow-partial",
            out.appendingPathComponent("runs-shard0of2.csv").path,
            out.appendingPathComponent("runs-shard1of2.csv").path,
        ])
        #expect(allowed.status == 0 && allowed.stderr.contains("1 of 2 shards complete"), "\(allowed.stderr)")

        #expect(try bash(array, task: 1, scratch: scratch, jobID: 101).status == 0)
        // An interrupted task: drop shard 1's last row; re-running index 1 runs only that job.
        let shard1 = out.appendingPathComponent("runs-shard1of2.csv")
        let lines = try String(contentsOf: shard1, encoding: .utf8).split(separator: "\n")
        try (lines.dropLast().joined(separator: "\n") + "\n").write(to: shard1, atomically: true, encoding: .utf8)
        let incomplete = try bash(merge, task: nil, scratch: scratch)
        #expect(
            incomplete.status == 65 && incomplete.stderr.contains("shard 1/2: incomplete, 1 of 2 rows"),
            "\(incomplete.stderr)")
        let again = try bash(array, task: 1, scratch: scratch, jobID: 102)
        #expect(
            again.status == 0 && again.stderr.contains("[2/2]") && !again.stderr.contains("[1/2]"),
            "\(again.stderr)")
        let m = try bash(merge, task: nil, scratch: scratch)
        #expect(m.status == 0 && m.stderr.contains("2 of 2 shards complete, 4 of 4 rows"), "\(m.stderr)")
        let merged = try rows(out.appendingPathComponent("runs.csv"))
        #expect(merged.count == 5 && Set(merged.dropFirst().map { $0[0] }).count == 4)
        let manifest = try FileIO.readJSON(out.appendingPathComponent("manifest.json").path)
        let shards = manifest.objectValue?["shards"]?.arrayValue ?? []
        #expect(shards.count == 2 && shards.allSatisfy { $0.objectValue?["host"]?.stringValue?.isEmpty == false })
        // Shard 1 ran twice: two attempts, the second under job 102.
        let attempts = shards.last?.objectValue?["attempts"]?.arrayValue ?? []
        #expect(attempts.count == 2)
        #expect(attempts.last?.objectValue?["slurm"]?.objectValue?["jobId"] == .string("102"))
        #expect(manifest.objectValue?["sweep"] != nil)
    }

    /// A one-task array (`--shards 1`) writes runs.csv and manifest.json, as an unsplit run does.
    @Test func oneTaskArray() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = dir.appendingPathComponent("sweep.json")
        try Self.sweepText.replacingOccurrences(
            of: #"{"method": "milp-cbc", "timeLimitSeconds": 10}"#,
            with: #"{"method": "fin"}"#
        )
        .write(to: sweep, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        #expect(try run(["bench", sweep.path, "--slurm", "--shards", "1", "--out-dir", out.path], in: dir).status == 0)
        let merge = out.appendingPathComponent("slurm/merge.sbatch").path
        #expect(try bash(merge, task: nil, scratch: dir).status == 65, "nothing ran yet")
        let t = try bash(out.appendingPathComponent("slurm/array.sbatch").path, task: 0, scratch: dir)
        #expect(t.status == 0, "\(t.stderr)")
        #expect(try rows(out.appendingPathComponent("runs.csv")).count == 5)
        let m = try bash(merge, task: nil, scratch: dir)
        #expect(m.status == 0 && m.stderr.contains("1 of 1 shards complete, 4 of 4 rows"), "\(m.stderr)")
        let manifest = try FileIO.readJSON(out.appendingPathComponent("manifest.json").path).objectValue ?? [:]
        #expect(manifest["shards"]?.arrayValue?.count == 1 && manifest["machine"] != nil)
    }

    /// SIGTERM (scancel, pre-emption, the time limit) mid-shard: the task stops its solves, copies
    /// back the rows done, removes its scratch directory and exits 143; run again, it resumes.
    @Test func signalledTaskCopiesBackAndResumes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = dir.appendingPathComponent("sweep.json")
        try Self.sweepText.replacingOccurrences(of: #""seeds": [1, 2]"#, with: #""seeds": [1, 2, 3, 4, 5, 6]"#)
            .replacingOccurrences(of: #""sizes": [10]"#, with: #""sizes": [100]"#)
            .write(to: sweep, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let scratch = dir.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        #expect(try run(["bench", sweep.path, "--slurm", "--shards", "2", "--out-dir", out.path], in: dir).status == 0)
        let p = Process()
        // Children of the test process start with SIGTERM blocked, and the trap of a bash started so
        // does not run; `env --default-signal=TERM` gives the task what slurmstepd gives it.
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["--default-signal=TERM", "/bin/bash", out.appendingPathComponent("slurm/array.sbatch").path]
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = scratch.path
        env["SLURM_ARRAY_TASK_ID"] = "0"
        env["SLURM_JOB_ID"] = "200"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        let errPipe = Pipe()
        p.standardError = errPipe
        try p.run()
        // Once the shard has a row on scratch (of its 6), signal the task.
        var seen = 0
        for _ in 0..<3000 where seen == 0 {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
            for t in tasks {
                let file = scratch.appendingPathComponent(t).appendingPathComponent("runs-shard0of2.csv")
                seen = max(seen, (try? rows(file).count - 1) ?? 0)
            }
            if seen == 0 { usleep(20_000) }
        }
        try #require(seen > 0 && p.isRunning, "the task finished before it could be signalled")
        p.terminate()
        p.waitUntilExit()
        let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 143, "\(err)")
        let copied = try rows(out.appendingPathComponent("runs-shard0of2.csv")).count - 1
        #expect(copied >= seen && copied <= 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "scratch removed")
        // No solve of the task is left running.
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let left = procs.filter { pid in
            guard Int(pid) != nil, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
                return false
            }
            return String(decoding: data, as: UTF8.self).contains(scratch.path)
        }
        #expect(left.isEmpty, "processes left: \(left)")
        let array = out.appendingPathComponent("slurm/array.sbatch").path
        let again = try bash(array, task: 0, scratch: scratch, jobID: 201)
        #expect(again.status == 0, "\(again.stderr)")
        if copied < 6 {
            #expect(
                again.stderr.contains("[\(copied + 1)/6]") && !again.stderr.contains("[\(copied)/6]"),
                "\(again.stderr)")
        }
        let all = try rows(out.appendingPathComponent("runs-shard0of2.csv")).dropFirst().map { $0[0] }
        #expect(all.count == 6 && Set(all).count == 6)
    }

    func rows(_ file: URL) throws -> [[String]] {
        let table = try CSVTable.parse([UInt8](try Data(contentsOf: file)), file: file.path)
        return [table.header] + table.rows.map(\.fields)
    }
}
