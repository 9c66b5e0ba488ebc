import ArgumentParser
import FINGenerator
import FINHarness
import FINLinear
import FINModel
import FINSolverCBC
import FINSolverGLPK
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a sweep: generated instances x methods, each solve in a child process with a hard time limit.",
        discussion: """
            The sweep file (JSON; examples in results/sweeps/) gives the generator preset and settings,
            sizes, applications, seeds and methods with their parameters (timeLimitSeconds, gap, gamma,
            lambda, epsilon). Output in --out-dir (default results/<sweep name>): instances/,
            solutions/, runs.csv (one row per job, appended atomically; a re-run resumes), results.csv
            (runs with each row's gap to the best known answer), manifest.json (sweep, versions,
            machine). Every solution is re-scored by the evaluator. A solve that passes its time limit
            plus graceSeconds (default 30; defaultHardLimitSeconds, default 600, without a time limit)
            is killed and recorded as status error, as is a crash.
            --shard i/n runs every n-th job (independent parts, e.g. a Slurm array); `finbench merge`
            combines their runs files.
            """)

    @Argument(help: "Sweep file (JSON).") var sweep: String
    @Option(help: "Output directory (default: results/<sweep name>).") var outDir: String?
    @Option(help: "Solves to run at once.") var jobs: Int = 1
    @Option(help: "Run part i of n (0-based), e.g. 0/4.") var shard: String = "0/1"

    func run() throws {
        let json = try failing { try FileIO.readJSON(sweep) }
        let parsed = try failing { try Sweep.parse(json, file: sweep) }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
            throw Failure("--shard must be i/n with 0 <= i < n, got \(shard)", status: ExitStatus.usage)
        }
        guard jobs >= 1 else { throw Failure("--jobs must be at least 1", status: ExitStatus.usage) }
        let directory = URL(fileURLWithPath: outDir ?? "results/\(parsed.name)")
        let exe = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var runner = SweepRunner(sweep: parsed, directory: directory, executable: exe)
        runner.jobs = jobs
        runner.shard = (parts[0], parts[1])
        try failing { try writeManifest(json, directory) }
        let tty = isatty(2) == 1
        let start = Date()
        printError("sweep \(parsed.name): \(runner.allJobs().count) jobs in all\(parts[1] > 1 ? ", shard \(shard)" : ""), \(jobs) at once, into \(directory.path)")
        try failing {
            try runner.run { done, total, job, status in
                let elapsed = Date().timeIntervalSince(start)
                let rate = Double(done) / max(elapsed, 1e-9)
                let eta = rate > 0 ? Double(total - done) / rate : 0
                if tty {
                    let width = 30
                    let filled = total > 0 ? width * done / total : width
                    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                    FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(String(format: "%.2f", rate)) jobs/s ETA \(Int(eta)) s  ".utf8))
                    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
                } else {
                    printError("[\(done)/\(total)] \(job.key): \(status) (\(String(format: "%.2f", rate)) jobs/s, ETA \(Int(eta)) s)")
                }
            }
        }
        printError("done in \(String(format: "%.1f", Date().timeIntervalSince(start))) s: \(directory.path)/runs.csv")
    }

    func writeManifest(_ sweep: JSONValue, _ directory: URL) throws(OutputError) {
        let info = ProcessInfo.processInfo
        let manifest: JSONValue = [
            "sweep": sweep,
            "versions": [
                "finbench": .string(FinbenchVersion.string),
                "generator": .string(GeneratorConfig.version),
                "glpk": .string(GLPKSolver().version),
                "cbc": .string(CBCSolver().version),
            ],
            "machine": [
                "cores": .number(Double(info.activeProcessorCount)),
                "memoryBytes": .number(Double(info.physicalMemory)),
                "os": .string(info.operatingSystemVersionString),
            ],
        ]
        try FileIO.writeJSON(manifest, to: directory.appendingPathComponent("manifest.json").path)
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the runs files of sweep shards into runs.csv and results.csv.")

    @Option(help: "Output directory.") var outDir: String
    @Argument(help: "runs*.csv files of the shards.") var runs: [String]

    func run() throws {
        for r in runs where !FileManager.default.fileExists(atPath: r) { throw Failure(InputError.cannotRead(file: r, reason: "no such file")) }
        let dir = URL(fileURLWithPath: outDir)
        try failing { try SweepRunner.writeResults(runs: runs.map { URL(fileURLWithPath: $0) }, to: dir.appendingPathComponent("results.csv")) }
        // runs.csv: the union, as results.csv without the derived columns.
        let text = String(decoding: FileManager.default.contents(atPath: dir.appendingPathComponent("results.csv").path) ?? Data(), as: UTF8.self)
        let rows = CSV.parse(text).map { Array($0.prefix(SweepRunner.columns.count)) }
        try failing { try FileIO.writeAtomically(Array(rows.map(CSV.line).joined().utf8), to: dir.appendingPathComponent("runs.csv").path) }
        printError("merged \(rows.count - 1) rows into \(dir.path)/runs.csv and results.csv")
    }
}
