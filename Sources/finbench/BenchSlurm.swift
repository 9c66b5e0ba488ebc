import ArgumentParser
import FINHarness
import FINModel
import Foundation

/// The options of `finbench bench --slurm`: a job array script, one task per shard, and a merge job.
struct SlurmCLIOptions: ParsableArguments {
    @Flag(help: "Write a Slurm job array (one task per shard) and a merge job into OUT/slurm/ instead of running.")
    var slurm = false
    @Option(help: "With --slurm: the number of shards (array tasks).") var shards: Int?
    @Option(help: "With --slurm: the partition (default: the cluster's).") var partition: String?
    @Option(help: "With --slurm: each task's wall-clock limit, HH:MM:SS (default: from the sweep's time limits).")
    var time: String?
    @Option(help: "With --slurm: CPUs per task (default: --jobs).") var cpus: Int?
    @Option(help: "With --slurm: memory per task, e.g. 4G (default: the cluster's).") var mem: String?
    @Flag(help: "With --slurm: submit the array and the merge job (sbatch) and print their job ids.") var submit = false

    /// Whether any Slurm-only option was given.
    var anyGiven: Bool { shards != nil || partition != nil || time != nil || cpus != nil || mem != nil || submit }
}

/// The error of a failed `sbatch`.
struct SubmitError: Error, CustomStringConvertible {
    let description: String
}

extension Bench {
    /// `bench --slurm`: freezes a copy of the sweep in OUT/slurm/sweep.json, writes array.sbatch and
    /// merge.sbatch next to it, and with --submit submits both (the merge after the array).
    func writeSlurmJobs(_ parsed: Sweep, _ json: JSONValue, directory: URL) throws {
        guard shard == "0/1" else {
            throw Failure("--slurm makes its own shards; drop --shard", status: ExitStatus.usage)
        }
        guard let shards = cluster.shards else { throw Failure("--slurm needs --shards N", status: ExitStatus.usage) }
        let cwd = FileManager.default.currentDirectoryPath
        let results =
            directory.path.hasPrefix("/")
            ? directory.standardizedFileURL.path
            : URL(fileURLWithPath: cwd).appendingPathComponent(directory.path).standardizedFileURL.path
        let exe = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        var options = SlurmOptions(
            shards: shards, executable: exe.path, sweepFile: results + "/slurm/sweep.json",
            resultsDirectory: results, workingDirectory: cwd)
        options.jobsPerTask = jobs
        options.cpusPerTask = cluster.cpus ?? jobs
        options.partition = cluster.partition
        options.timeLimit = cluster.time
        options.memory = cluster.mem
        let array: String, merge: String
        do {
            array = try SlurmScript.arrayScript(parsed, options)
            merge = try SlurmScript.mergeScript(parsed, options)
        } catch {
            throw Failure(error.description, status: ExitStatus.usage)
        }
        try failing {
            try FileManager.default.createDirectory(
                atPath: options.slurmDirectory + "/logs",
                withIntermediateDirectories: true)
            try FileIO.writeJSON(json, to: options.sweepFile)
            try FileIO.writeAtomically(Array(array.utf8), to: options.arrayScriptPath)
            try FileIO.writeAtomically(Array(merge.utf8), to: options.mergeScriptPath)
            for path in [options.arrayScriptPath, options.mergeScriptPath] {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        }
        let counts = SlurmScript.jobsPerShard(parsed, shards: shards)
        printError(
            "sweep \(parsed.name): \(counts.reduce(0, +)) jobs in \(shards) array task(s) of "
                + "\(counts.min() ?? 0)-\(counts.max() ?? 0) jobs, \(jobs) at once; results into \(results)")
        printError("wrote \(options.arrayScriptPath) and \(options.mergeScriptPath)")
        guard cluster.submit else {
            printError(
                "submit: a=$(sbatch --parsable \(options.arrayScriptPath)) && "
                    + "sbatch --dependency=afterany:${a%%;*} \(options.mergeScriptPath)")
            return
        }
        do {
            let arrayJob = try Self.sbatch([options.arrayScriptPath])
            let mergeJob = try Self.sbatch(["--dependency=afterany:\(arrayJob)", options.mergeScriptPath])
            printError(
                "submitted array job \(arrayJob) (tasks 0-\(shards - 1)) and merge job \(mergeJob); "
                    + "resume task K: sbatch --array=K \(options.arrayScriptPath)")
            print("\(arrayJob) \(mergeJob)")
        } catch {
            throw Failure(error.description, status: ExitStatus.software)
        }
    }

    /// Runs `sbatch --parsable ARGS` and returns the job id (the text before any `;cluster`).
    static func sbatch(_ arguments: [String]) throws(SubmitError) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sbatch", "--parsable"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { throw SubmitError(description: "cannot run sbatch: \(error)") }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let id = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard p.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SubmitError(
                description: "sbatch \(arguments.joined(separator: " ")) failed "
                    + "(exit \(p.terminationStatus)): "
                    + problem.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return id
    }
}

extension MergeCommand {
    /// Checks the shards of the runs files given (named `runs-shard<i>of<n>.csv`) against the sweep
    /// (`--sweep`, else the shards' manifests): prints the missing and incomplete shards and fails
    /// unless `--allow-partial`. Returns the runs files to merge (those that exist); writes the
    /// merged manifest (each shard's hosts and attempts) into the output directory.
    func checkShards() throws -> [String] {
        var sharded = runs.compactMap { r in Shards.shard(ofRunsFile: r).map { (r, $0) } }
        // One runs file of an unsplit sweep (a one-task array) is checked when the sweep is given.
        if sharded.isEmpty, runs.count == 1, sweepFile != nil { sharded = [(runs[0], (index: 0, count: 1))] }
        guard !sharded.isEmpty else { return runs }
        let counts = Set(sharded.map(\.1.count))
        guard counts.count == 1, sharded.count == runs.count, let count = counts.first else {
            throw Failure(
                "merge: the runs files are not shards of one split (runs-shard<i>of<n>.csv, one n)",
                status: ExitStatus.usage)
        }
        var files: [Int: String] = [:]
        for (path, s) in sharded { files[s.index] = path }
        var sweep: Sweep?
        if let path = sweepFile {
            let json = try failing { try FileIO.readJSON(path) }
            sweep = try failing { try Sweep.parse(json, file: path) }
        } else {
            sweep = sharded.lazy.compactMap { Shards.sweep(nextTo: $0.0) }.first
        }
        let report = Shards.check(sweep: sweep, count: count, files: files)
        printError(report.description)
        if !report.isComplete {
            let redo = (report.missing + report.incomplete).sorted().map(String.init).joined(separator: ",")
            guard allowPartial else {
                throw Failure(
                    """
                    merge: not merging a partial sweep (shards \(redo) of \(count)); resume them \
                    (finbench bench SWEEP --shard K/\(count), or sbatch --array=\(redo) OUT/slurm/array.sbatch) \
                    or merge with --allow-partial
                    """, status: ExitStatus.dataError)
            }
            printError("merge: --allow-partial: merging without shards \(redo)")
        }
        // Written only once the merge goes ahead: a refused merge leaves the directory as it was.
        let manifest = URL(fileURLWithPath: outDir).appendingPathComponent("manifest.json").path
        try failing { try FileIO.writeJSON(Shards.mergedManifest(report), to: manifest) }
        return runs.filter { FileManager.default.fileExists(atPath: $0) }
    }
}
