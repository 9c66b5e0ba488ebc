import FINEvaluator
import FINGenerator
import FINModel
import Foundation

/// Runs a sweep: generates its instances, runs every (instance, method) job as a child
/// `finbench solve` with a hard wall-clock limit, re-scores each solution with the evaluator,
/// and appends one CSV row per job to `runs.csv` (atomically, so an interrupted sweep resumes
/// where it stopped). `results.csv` adds each row's gap to the best known answer.
public struct SweepRunner: Sendable {
    public let sweep: Sweep
    /// Where everything goes: instances/, solutions/, runs.csv, results.csv, manifest.json.
    public let directory: URL
    /// The `finbench` executable to run solves with.
    public let executable: URL
    public var jobs = 1
    /// Run only the jobs whose index i satisfies i % count == index.
    public var shard: (index: Int, count: Int) = (0, 1)

    public static let columns = [
        "key", "sweep", "instance", "preset", "nodes", "links", "applications", "blocks", "seed", "generatorVersion",
        "maxLatencySeconds", "minAccuracy",
        "method", "parameters", "solver", "status", "objectiveJoulesPerSecond", "boundJoulesPerSecond", "solverGap",
        "provenOptimal", "feasibleByEvaluator", "wallSeconds", "processWallSeconds", "cpuSeconds", "branchAndBoundNodes",
        "computeJoulesPerSecond", "communicationJoulesPerSecond", "message",
        "gitRevision", "finbenchVersion",
    ]
    /// Columns `results.csv` adds.
    public static let derivedColumns = ["bestKnownJoulesPerSecond", "bestKnownIsProven", "gapToBestKnown", "bestBoundJoulesPerSecond", "certifiedGap"]

    public init(sweep: Sweep, directory: URL, executable: URL) {
        self.sweep = sweep
        self.directory = directory
        self.executable = executable
    }

    public struct Job: Sendable {
        public let index: Int
        public let key: String
        public let instance: String
        public let nodes: Int
        public let applications: Int
        public let seed: UInt64
        public let method: Sweep.Method
        /// For paper-scenario sweeps: the bound and target of the instance.
        public let paperPoint: (bound: Double, target: Double)?
        /// For multi-user sweeps: the profiles and users per profile.
        public var usersPoint: (profiles: [String], count: Int)? = nil
    }

    /// Every job of the sweep, in a fixed order.
    public func allJobs() -> [Job] {
        var out: [Job] = []
        if let grid = sweep.paper {
            for bound in grid.maxLatencySeconds {
                for target in grid.minAccuracy {
                    let instance = "\(sweep.name)-\(grid.profile)-T\(JSONWriter.formatNumber(bound * 1000))ms-A\(JSONWriter.formatNumber(target))"
                    for m in sweep.methods {
                        out.append(Job(index: out.count, key: "\(instance)|\(m.label)", instance: instance, nodes: 3, applications: 1,
                                       seed: 0, method: m, paperPoint: (bound, target)))
                    }
                }
            }
            return out
        }
        if let users = sweep.users {
            for series in users.series {
                for count in users.counts {
                    let instance = "\(sweep.name)-\(series.joined(separator: "+"))-u\(count)"
                    for m in sweep.methods {
                        out.append(Job(index: out.count, key: "\(instance)|\(m.label)", instance: instance, nodes: count * series.count + 2,
                                       applications: count * series.count, seed: 0, method: m, paperPoint: nil, usersPoint: (series, count)))
                    }
                }
            }
            return out
        }
        for n in sweep.sizes {
            for a in sweep.applications {
                for seed in sweep.seeds {
                    let instance = "\(sweep.name)-n\(n)-a\(a)-s\(seed)"
                    for m in sweep.methods {
                        out.append(Job(index: out.count, key: "\(instance)|\(m.label)", instance: instance, nodes: n, applications: a, seed: seed, method: m, paperPoint: nil))
                    }
                }
            }
        }
        return out
    }

    var runsFile: URL { directory.appendingPathComponent(shard.count > 1 ? "runs-shard\(shard.index)of\(shard.count).csv" : "runs.csv") }

    /// Keys already in the runs file; a partial last line (an interrupted append) is cut off.
    func completedKeys() throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: runsFile.path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        if !text.isEmpty && !text.hasSuffix("\n") {
            let keep = text.lastIndex(of: "\n").map { text[...$0] } ?? ""
            try Data(keep.utf8).write(to: runsFile)
        }
        return Set(CSV.parse(text).dropFirst().compactMap(\.first))
    }

    /// Runs the sweep; `progress` receives (done, total, job, status) for each finished job.
    public func run(progress: @escaping @Sendable (Int, Int, Job, String) -> Void) throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("instances"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("solutions"), withIntermediateDirectories: true)
        let mine = allJobs().filter { $0.index % shard.count == shard.index }
        // Instances first (deterministic files).
        var instances: [String: Instance] = [:]
        for job in mine where instances[job.instance] == nil {
            var instance: Instance
            if let grid = sweep.paper, let point = job.paperPoint {
                instance = PaperScenario.instance(profile: DNNProfiles.named(grid.profile)!, maxLatencySeconds: point.bound, minAccuracy: point.target)
            } else if let point = job.usersPoint {
                instance = PaperScenario.users(profiles: point.profiles.map { DNNProfiles.named($0)! }, usersPerProfile: point.count,
                                               shareLevels: sweep.users?.shareLevels)
            } else {
                instance = try Generator.generate(try sweep.config(nodes: job.nodes, applications: job.applications, seed: job.seed))
            }
            instance.name = job.instance
            let path = directory.appendingPathComponent("instances/\(job.instance).json").path
            try InstanceFile.write(instance, to: path)
            instances[job.instance] = instance
        }
        let done = try completedKeys()
        if !FileManager.default.fileExists(atPath: runsFile.path) {
            try Data(CSV.line(Self.columns).utf8).write(to: runsFile)
        }
        let todo = mine.filter { !done.contains($0.key) }
        let handle = try FileHandle(forWritingTo: runsFile)
        handle.seekToEndOfFile()
        let lock = NSLock()
        nonisolated(unsafe) var finished = done.count
        let total = mine.count
        let revision = Self.gitRevision()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, jobs)
        for job in todo {
            let instance = instances[job.instance]!
            queue.addOperation {
                let row = self.runJob(job, instance, revision: revision)
                let line = Data(CSV.line(row).utf8)
                lock.lock()
                handle.write(line)  // one write of a whole line: a crash leaves no partial row but the last
                finished += 1
                let n = finished
                lock.unlock()
                progress(n, total, job, row[Self.columns.firstIndex(of: "status")!])
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        try handle.close()
        if shard.count == 1 { try Self.writeResults(runs: [runsFile], to: directory.appendingPathComponent("results.csv")) }
    }

    /// One job: a child `finbench solve`, killed at the hard limit, its solution re-scored.
    func runJob(_ job: Job, _ instance: Instance, revision: String) -> [String] {
        let instancePath = directory.appendingPathComponent("instances/\(job.instance).json").path
        let safe = job.key.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
        let solutionPath = directory.appendingPathComponent("solutions/\(String(safe)).json").path
        var arguments = ["solve", instancePath, "--method", job.method.name, "--out", solutionPath]
        let flags = ["timeLimitSeconds": "--time-limit", "gap": "--gap", "gamma": "--gamma", "lambda": "--lambda", "epsilon": "--epsilon",
                     "iterations": "--iterations", "threads": "--threads"]
        for key in job.method.parameters.keys.sorted() {
            let value = job.method.parameters[key]!
            arguments += [flags[key]!, ["gamma", "lambda", "iterations", "threads"].contains(key) ? String(Int(value)) : JSONWriter.formatNumber(value)]
        }
        let hardLimit = job.method.parameters["timeLimitSeconds"].map { $0 + sweep.graceSeconds } ?? sweep.defaultHardLimitSeconds
        try? FileManager.default.removeItem(atPath: solutionPath)
        let (outcome, wall) = Self.runChild(executable, arguments, hardLimit: hardLimit)

        var status = "error"
        var objective = "", bound = "", gap = "", solver = "", cpu = "", nodes = "", feasible = "", proven = "false"
        var methodWall = "", compute = "", communication = ""
        var message = ""
        switch outcome {
        case .killed: message = "killed after \(JSONWriter.formatNumber(hardLimit)) s (hard wall-clock limit)"
        case .signal(let s): message = "crashed with signal \(s)"
        case .failedToStart(let why): message = "could not start finbench: \(why)"
        case .exited(let code, let stderr):
            if let s = try? SolutionFile.read(solutionPath) {
                status = s.status.rawValue
                let evaluation = Evaluator(instance).evaluate(s.deployments)
                if !s.deployments.isEmpty {
                    objective = JSONWriter.formatNumber(evaluation.objectiveJoulesPerSecond)
                    feasible = evaluation.feasible ? "true" : "false"
                    // The split of the objective, at each application's rate.
                    var c = 0.0, m = 0.0
                    for (d, e) in zip(s.deployments, evaluation.deployments) {
                        guard let sc = e.scores, let app = instance.applications.first(where: { $0.id == d.application }) else { continue }
                        c += app.ratePerSecond * sc.computeEnergyJoules
                        m += app.ratePerSecond * sc.communicationEnergyJoules
                    }
                    compute = JSONWriter.formatNumber(c)
                    communication = JSONWriter.formatNumber(m)
                }
                methodWall = s.wallSeconds.map(JSONWriter.formatNumber) ?? ""
                bound = s.boundJoulesPerSecond.map(JSONWriter.formatNumber) ?? ""
                gap = s.gap.map(JSONWriter.formatNumber) ?? ""
                proven = s.status == .optimal ? "true" : "false"
                solver = s.info["solver"]?.stringValue ?? ""
                cpu = s.info["cpuSeconds"]?.numberValue.map(JSONWriter.formatNumber) ?? ""
                nodes = s.info["branchAndBoundNodes"]?.numberValue.map(JSONWriter.formatNumber) ?? ""
                message = s.info["message"]?.stringValue ?? ""
            } else {
                message = "exit \(code) without a solution file: " + stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        let blocks = instance.models.map(\.blocks.count).max() ?? 0
        let parameters = JSONWriter.string(.object(job.method.parameters.mapValues(JSONValue.number))).trimmingCharacters(in: .newlines)
        return [
            job.key, sweep.name, job.instance, sweep.paper != nil ? "paper" : sweep.users != nil ? "users" : sweep.preset.rawValue, String(instance.nodes.count), String(instance.links.count),
            String(instance.applications.count), String(blocks), String(job.seed), sweep.paper != nil || sweep.users != nil ? "paper" : GeneratorConfig.version,
            JSONWriter.formatNumber(instance.applications[0].maxLatencySeconds), JSONWriter.formatNumber(instance.applications[0].minAccuracy),
            job.method.name, parameters, solver, status, objective, bound, gap, proven, feasible,
            methodWall.isEmpty ? JSONWriter.formatNumber(wall) : methodWall, JSONWriter.formatNumber((wall * 1e4).rounded() / 1e4),
            cpu, nodes, compute, communication, message, revision, FinbenchVersion.string,
        ]
    }

    enum ChildOutcome {
        case exited(Int32, String)
        case signal(Int32)
        case killed
        case failedToStart(String)
    }

    /// Runs a child process, killing it (SIGKILL) at `hardLimit` seconds.
    static func runChild(_ executable: URL, _ arguments: [String], hardLimit: Double) -> (ChildOutcome, Double) {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        let start = Date()
        let finished = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in finished.signal() }
        do { try p.run() } catch { return (.failedToStart(String(describing: error)), 0) }
        // Drain stderr so a chatty child cannot block on a full pipe.
        nonisolated(unsafe) var stderrData = Data()
        let reader = DispatchQueue(label: "stderr")
        let drained = DispatchSemaphore(value: 0)
        reader.async {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        var killed = false
        if finished.wait(timeout: .now() + hardLimit) == .timedOut {
            kill(p.processIdentifier, SIGKILL)
            killed = true
            finished.wait()
        }
        drained.wait()
        let wall = Date().timeIntervalSince(start)
        if killed { return (.killed, wall) }
        if p.terminationReason == .uncaughtSignal { return (.signal(p.terminationStatus), wall) }
        return (.exited(p.terminationStatus, String(decoding: stderrData, as: UTF8.self)), wall)
    }

    /// The git revision of the working directory, "unknown" outside a repository.
    static func gitRevision() -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = ["rev-parse", "--short=12", "HEAD"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "unknown" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return p.terminationStatus == 0 && !text.isEmpty ? text : "unknown"
    }

    /// `results.csv`: the runs sorted by key, with each row's gap to the best known answer on
    /// its instance: the least objective of any evaluator-feasible row, proven when a row with
    /// that objective is proven optimal. gap = objective / best - 1 (0 when both are 0).
    public static func writeResults(runs: [URL], to output: URL) throws {
        var byKey: [String: [String]] = [:]
        for file in runs {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            for row in CSV.parse(String(decoding: data, as: UTF8.self)).dropFirst() where row.count == columns.count {
                if byKey[row[0]] == nil { byKey[row[0]] = row }
            }
        }
        let col = { (name: String) in columns.firstIndex(of: name)! }
        var best: [String: (Double, Bool)] = [:]
        // The best lower bound on each instance: the largest bound any row reports (MILP dual
        // bounds, fin-multi's Lagrangian bound, LP relaxations, energy-lower-bound). Rows of
        // methods that failed (status error) are not trusted.
        var bestBound: [String: Double] = [:]
        for row in byKey.values where row[col("status")] != "error" {
            guard let b = Double(row[col("boundJoulesPerSecond")]) else { continue }
            bestBound[row[col("instance")]] = max(bestBound[row[col("instance")]] ?? 0, b)
        }
        for row in byKey.values where row[col("feasibleByEvaluator")] == "true" {
            guard let x = Double(row[col("objectiveJoulesPerSecond")]) else { continue }
            let instance = row[col("instance")]
            let proven = row[col("provenOptimal")] == "true"
            if let (b, p) = best[instance] {
                if x < b * (1 - 1e-9) { best[instance] = (x, proven) } else if abs(x - b) <= 1e-9 * max(b, 1e-300) { best[instance] = (min(x, b), p || proven) }
            } else {
                best[instance] = (x, proven)
            }
        }
        var text = CSV.line(columns + derivedColumns)
        for key in byKey.keys.sorted() {
            let row = byKey[key]!
            var extra = ["", "", "", "", ""]
            let feasibleObjective = row[col("feasibleByEvaluator")] == "true" ? Double(row[col("objectiveJoulesPerSecond")]) : nil
            if let (b, p) = best[row[col("instance")]] {
                extra[0] = JSONWriter.formatNumber(b)
                extra[1] = p ? "true" : "false"
                if let x = feasibleObjective { extra[2] = JSONWriter.formatNumber(b > 0 ? x / b - 1 : 0) }
            }
            if let lb = bestBound[row[col("instance")]] {
                extra[3] = JSONWriter.formatNumber(lb)
                // Proven: the answer is at most this fraction above the optimum.
                if let x = feasibleObjective, x <= 0 || lb > 0 { extra[4] = JSONWriter.formatNumber(x <= 0 ? 0 : max(0, x / lb - 1)) }
            }
            text += CSV.line(row + extra)
        }
        try FileIO.writeAtomically(Array(text.utf8), to: output.path)
    }
}

/// The workbench's version, written into every result row.
public enum FinbenchVersion {
    public static let string = "0.1.0"
}
