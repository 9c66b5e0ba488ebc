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
            The sweep file (JSON; examples in results/sweeps/, fields in docs/HARNESS.md) gives the generator \
            preset and settings, sizes, applications, seeds and methods with their parameters. It is checked \
            against the method registry when read: an unknown key, method or parameter, a duplicate, or a \
            number out of range exits 65 before anything is written.

            Output in --out-dir (default results/<sweep name>): instances/, solutions/, runs.csv (one row per \
            job, appended; a re-run resumes, and a row that does not read runs again), results.csv (runs with \
            each row's gap to the best known answer), manifest.json (sweep, versions, machine). Every solution \
            is scored once by the evaluator. A solve that passes its time limit plus graceSeconds (default 30; \
            defaultHardLimitSeconds, default 600, without a time limit) is killed and recorded as status \
            error, as is a crash. A second run on the same output exits 75 at once. SIGTERM, SIGINT or SIGHUP \
            kill the children and stop without a partial row (exit 128 + signal).

            --shard i/n runs every n-th job (independent parts, e.g. a Slurm array); `finbench merge` combines \
            their runs files.
            """)

    @Argument(help: "Sweep file (JSON).") var sweep: String
    @Option(help: "Output directory (default: results/<sweep name>).") var outDir: String?
    @Option(help: "Solves to run at once.") var jobs: Int = 1
    @Option(help: "Run part i of n (0-based), e.g. 0/4.") var shard: String = "0/1"
    @OptionGroup(title: "Slurm") var cluster: SlurmCLIOptions

    func run() throws {
        let json = try failing { try FileIO.readJSON(sweep) }
        let parsed = try failing { try Sweep.parse(json, file: sweep) }
        let parts = shard.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, (0..<n).contains(i) else {
            throw Failure("--shard must be i/n with 0 <= i < n, got \(shard)", status: ExitStatus.usage)
        }
        guard jobs >= 1 else { throw Failure("--jobs must be at least 1", status: ExitStatus.usage) }
        let directory = URL(fileURLWithPath: outDir ?? "results/\(parsed.name)")
        if cluster.slurm { return try writeSlurmJobs(parsed, json, directory: directory) }
        if cluster.anyGiven {
            throw Failure(
                "--shards, --partition, --time, --cpus, --mem, --submit need --slurm",
                status: ExitStatus.usage)
        }
        var runner = SweepRunner(sweep: parsed, directory: directory, executable: Self.executable())
        runner.jobs = jobs
        runner.shard = (i, n)
        let start = Date()
        let total = runner.myJobs().count
        printError(
            "sweep \(parsed.name): \(total) jobs\(n > 1 ? " in shard \(shard)" : ""), \(jobs) at once, into "
                + "\(directory.path)"
        )
        let progress = Progress(start: start)
        let manifestPath = directory.appendingPathComponent(Shards.manifestFileName(index: i, count: n)).path
        let manifest = Shards.annotate(Self.manifest(json), index: i, count: n, existingPath: manifestPath)
        try failing { try runner.run(manifest: manifest, progress: progress.report) }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        printError("done in \(seconds) s: \(runner.runsFile.path)")
    }

    /// This executable (the children run `finbench solve`).
    static func executable() -> URL {
        Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// The manifest: the sweep as given, the versions, the machine.
    static func manifest(_ sweep: JSONValue) -> JSONValue {
        let info = ProcessInfo.processInfo
        return [
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
    }
}

/// The progress line of `bench` on standard error: a bar on a terminal, a line per job otherwise.
struct Progress: Sendable {
    let start: Date
    let tty = isatty(2) == 1

    func report(done: Int, total: Int, job: SweepJob, status: String) {
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let speed = "\(String(format: "%.2f", rate)) jobs/s, ETA \(Int(eta)) s"
        if tty {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(speed)  ".utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            printError("[\(done)/\(total)] \(job.key): \(status) (\(speed))")
        }
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the runs files of sweep shards into runs.csv and results.csv.",
        discussion: """
            Every file must read as a runs table (CRLF, a byte-order mark, reordered or extra columns are \
            fine); an empty, binary or truncated file, a missing column or a row that does not read is an \
            error naming the file and line (exit 65), and nothing is written.
            """)

    @Option(help: "Output directory.") var outDir: String
    @Option(
        name: .customLong("sweep"),
        help: "The sweep, to check every shard is complete (default: the shards' manifests).")
    var sweepFile: String?
    @Flag(help: "Merge even when shards are missing or incomplete (they are listed).") var allowPartial = false
    @Argument(help: "runs*.csv files of the shards.") var runs: [String]

    func run() throws {
        let runs = try checkShards()
        let files = try runs.map { path in (path, try failing { try FileIO.readBytes(path) }) }
        let records = try failing { try Merge.combine(files.map { (path: $0.0, bytes: $0.1) }) }
        let dir = URL(fileURLWithPath: outDir)
        let runsText = RunTable.text(records)
        let resultsText = RunResults.text(records)
        try failing {
            try FileIO.writeAtomically(Array(runsText.utf8), to: dir.appendingPathComponent("runs.csv").path)
            try FileIO.writeAtomically(Array(resultsText.utf8), to: dir.appendingPathComponent("results.csv").path)
        }
        printError("merged \(records.count) rows from \(runs.count) files into \(dir.path)/runs.csv and results.csv")
    }
}
