import FINEvaluator
import FINGenerator
import FINHardness
import FINModel
import Foundation

/// Runs a sweep: builds its instances, runs every (instance, method) job as a child
/// `finbench solve` (its command line built from the method registry) with a hard wall-clock
/// limit, scores each solution once with the evaluator, and appends one record per job to
/// `runs.csv`. A re-run resumes: only jobs without a readable row run. `results.csv` adds each
/// row's comparison with the other runs of its instance.
///
/// Safe against its hostile cases: a second run on the same runs file refuses to start (an
/// exclusive lock); rows are appended with `O_APPEND`, one `write` per row; a row that does not
/// read (an interrupted write, a garbled line) is dropped on resume and its job runs again;
/// SIGTERM, SIGINT or SIGHUP kill the children and stop the run without writing their rows.
public struct SweepRunner: Sendable {
    public let sweep: Sweep
    /// Where everything goes: instances/, solutions/, runs.csv, results.csv, manifest.json.
    public let directory: URL
    /// The `finbench` executable to run solves with.
    public let executable: URL
    public var jobs = 1
    /// Run only the jobs whose index i satisfies i % count == index.
    public var shard: (index: Int, count: Int) = (0, 1)

    public init(sweep: Sweep, directory: URL, executable: URL) {
        self.sweep = sweep
        self.directory = directory
        self.executable = executable
    }

    /// The jobs of this shard.
    public func myJobs() -> [SweepJob] { sweep.jobs().filter { $0.index % shard.count == shard.index } }

    /// The runs file of this shard.
    public var runsFile: URL {
        directory.appendingPathComponent(shard.count > 1 ? "runs-shard\(shard.index)of\(shard.count).csv" : "runs.csv")
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs the sweep; `manifest` is written once the lock is held; `progress` receives (done,
    /// total, job, status) for each finished job.
    public func run(
        manifest: JSONValue, progress: @escaping @Sendable (Int, Int, SweepJob, String) -> Void
    ) throws(HarnessError) {
        let mine = myJobs()
        // Every instance first, in memory: a bad setting stops the run before anything is written.
        var instances: [String: Instance] = [:]
        for job in mine where instances[job.instance] == nil {
            do { instances[job.instance] = try sweep.instance(for: job) } catch { throw .input(error) }
        }
        // How hard each instance is, once (recorded in every row of the instance).
        let names = instances.keys.sorted()
        let figures = names.map { Hardness.analyze(instances[$0]!) }
        let hardness = Dictionary(uniqueKeysWithValues: zip(names, figures))
        do {
            try FileManager.default.createDirectory(atPath: path("solutions"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: path("instances"), withIntermediateDirectories: true)
        } catch {
            throw .output(OutputError(file: directory.path, reason: error.localizedDescription))
        }
        let lock = try DirectoryLock(runsFile.path + ".lock")
        defer { lock.release() }
        do {
            let manifestName = Shards.manifestFileName(index: shard.index, count: shard.count)
            try FileIO.writeJSON(manifest, to: path(manifestName))
            for name in instances.keys.sorted() {
                try InstanceFile.write(instances[name]!, to: path("instances/\(name).json"))
            }
        } catch { throw .output(error) }
        removeLeftovers()
        let done = try resume()
        let todo = mine.filter { !done.contains($0.key) }
        let appender = try RowAppender(runsFile.path)
        defer { appender.close() }
        let stop = StopSignals()
        defer { stop.restore() }
        let state = RunState(finished: mine.count - todo.count)
        let total = mine.count
        let revision = Self.gitRevision()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, jobs)
        for job in todo {
            let instance = instances[job.instance]!
            let figures = hardness[job.instance]!
            queue.addOperation {
                guard !stop.stopped, !state.failed else { return }
                let record = self.runJob(job, instance, hardness: figures, revision: revision)
                // A job whose child was killed by a stop signal leaves no row.
                guard !stop.stopped else { return }
                let line = CSVTable.line(record.fields(RunRecord.columns))
                if let error = appender.append(line) {
                    state.fail(error)
                    return
                }
                progress(state.finish(), total, job, record.status.rawValue)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        if let signal = stop.received { throw .interrupted(signal: signal) }
        if let error = state.error { throw .output(error) }
        if shard.count == 1 {
            do {
                let runs = try RunTable.read(try FileIO.readBytes(runsFile.path), file: runsFile.path).records
                try FileIO.writeAtomically(Array(RunResults.text(runs).utf8), to: path("results.csv"))
            } catch let e as TableError {
                throw .table(e)
            } catch let e as OutputError {
                throw .output(e)
            } catch {
                throw .output(OutputError(file: runsFile.path, reason: "\(error)"))
            }
        }
    }

    /// Removes the temporary files of atomic writes that a killed child left in solutions/.
    func removeLeftovers() {
        let dir = path("solutions")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(".") {
            try? FileManager.default.removeItem(atPath: dir + "/" + name)
        }
    }

    /// The keys already done. Rows that do not read (an interrupted or garbled write) and a
    /// last row without its line end are dropped from the file (rewritten atomically) so that
    /// their jobs run again; a new or empty file gets its header.
    func resume() throws(HarnessError) -> Set<String> {
        let file = runsFile.path
        let header = CSVTable.line(RunRecord.columns.map(\.name))
        guard let bytes = FileManager.default.contents(atPath: file).map([UInt8].init), !bytes.isEmpty else {
            do { try FileIO.writeAtomically(Array(header.utf8), to: file) } catch { throw .output(error) }
            return []
        }
        var contents: RunTable.Contents
        do {
            contents = try RunTable.read(bytes, file: file, strict: false)
            if !contents.table.endsWithLineEnd {
                // The last row's write was cut: whatever it holds is not trusted.
                contents = try RunTable.read(
                    Array(bytes.prefix(contents.table.completeLength)), file: file, strict: false)
            }
        } catch { throw .table(error) }
        var keys = Set<String>()
        var kept: [RunRecord] = []
        for r in contents.records where !keys.contains(r.key) {
            keys.insert(r.key)
            kept.append(r)
        }
        let clean =
            contents.bad.isEmpty && kept.count == contents.records.count && bytes.count == contents.table.completeLength
        if !clean {
            do { try FileIO.writeAtomically(Array(RunTable.text(kept).utf8), to: file) } catch { throw .output(error) }
        }
        return keys
    }

    /// The child's command line: `solve INSTANCE --method M [parameters] --out SOLUTION`.
    public func arguments(_ job: SweepJob, instance: String, solution: String) -> [String] {
        ["solve", instance, "--method", job.method.name] + job.method.values.arguments + ["--out", solution]
    }

    /// The hard limit of a job: its time limit plus the grace, or the sweep's default.
    public func hardLimit(_ job: SweepJob) -> Double {
        job.method.values.real(.timeLimitSeconds).map { $0 + sweep.graceSeconds } ?? sweep.defaultHardLimitSeconds
    }

    /// One job: a child `finbench solve`, killed at the hard limit, its solution scored.
    func runJob(_ job: SweepJob, _ instance: Instance, hardness: [ApplicationHardness], revision: String) -> RunRecord {
        let instancePath = path("instances/\(job.instance).json")
        let safe = String(job.key.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        let solutionPath = path("solutions/\(safe).json")
        try? FileManager.default.removeItem(atPath: solutionPath)
        let limit = hardLimit(job)
        let child = ChildProcess.run(
            executable.path, arguments(job, instance: instancePath, solution: solutionPath), captureOutput: false,
            hardLimitSeconds: limit)
        var r = RunRecord(job: job, sweep: sweep, instance: instance, hardness: hardness, revision: revision)
        r.processWallSeconds = (child.wallSeconds * 1e4).rounded() / 1e4
        switch child.outcome {
        case .killed: r.message = "killed after \(JSONWriter.formatNumber(limit)) s (hard wall-clock limit)"
        case .signal(let s): r.message = "crashed with signal \(s)"
        case .failedToStart(let why): r.message = "could not start finbench: \(why)"
        case .exited(let code):
            if let s = try? SolutionFile.read(solutionPath) {
                r.record(s, scoredBy: Evaluator(instance))
            } else {
                let said = child.standardErrorText.trimmingCharacters(in: .whitespacesAndNewlines)
                r.message = "exit \(code) without a solution file: " + said
            }
        }
        if r.wallSeconds == nil { r.wallSeconds = child.wallSeconds }
        return r
    }

    /// The git revision of the working directory, "unknown" outside a repository.
    static func gitRevision() -> String {
        guard let git = ChildProcess.which("git") else { return "unknown" }
        let result = ChildProcess.run(git, ["rev-parse", "--short=12", "HEAD"], hardLimitSeconds: 30)
        let text = result.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
        return result.outcome == .exited(0) && !text.isEmpty ? text : "unknown"
    }
}

/// Counts finished jobs and remembers the first write failure, across the job threads.
final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: Int
    private(set) var error: OutputError?
    init(finished: Int) { self.finished = finished }
    var failed: Bool { lock.withLock { error != nil } }
    func finish() -> Int {
        lock.withLock {
            finished += 1
            return finished
        }
    }
    func fail(_ e: OutputError) { lock.withLock { if error == nil { error = e } } }
}
