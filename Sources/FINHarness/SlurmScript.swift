import FINModel
import Foundation

/// Why a Slurm job script cannot be written from the options given.
public enum SlurmScriptError: Error, Equatable, CustomStringConvertible {
    /// The number of shards (array tasks) is not at least 1.
    case badShardCount(Int)
    /// A count (cpus, parallel jobs, sync interval) is not at least 1.
    case badCount(option: String, value: Int)
    /// A wall-clock limit that is not `HH:MM:SS` or `D-HH:MM:SS`.
    case badTime(String)
    /// A value that would not survive an `#SBATCH` line (spaces, quotes, newlines) or is malformed.
    case badValue(option: String, value: String, expected: String)

    /// The message for the command line.
    public var description: String {
        switch self {
        case .badShardCount(let n): return "--shards must be at least 1, got \(n)"
        case .badCount(let option, let value): return "\(option) must be at least 1, got \(value)"
        case .badTime(let s): return "--time must be HH:MM:SS or D-HH:MM:SS, got \"\(s)\""
        case .badValue(let option, let value, let expected): return "\(option): \"\(value)\" is not \(expected)"
        }
    }
}

/// What `finbench bench SWEEP --slurm` needs besides the sweep: the shard count, the resources of
/// each array task, and the absolute paths the tasks run with (on a file system the nodes share).
public struct SlurmOptions: Sendable, Equatable {
    /// Array tasks, one per shard: task i runs `finbench bench SWEEP --shard i/shards`.
    public var shards: Int
    /// Solves each task runs at once (`--jobs`).
    public var jobsPerTask: Int = 1
    /// CPUs requested per task (`--cpus-per-task`).
    public var cpusPerTask: Int = 1
    /// The partition, or the cluster's default.
    public var partition: String?
    /// The wall-clock limit of each task (`HH:MM:SS` or `D-HH:MM:SS`); derived from the sweep when nil.
    public var timeLimit: String?
    /// Memory per node (`--mem`, e.g. `4G`), or the cluster's default.
    public var memory: String?
    /// The `finbench` executable the tasks run (absolute).
    public var executable: String
    /// The sweep file the tasks read (absolute; `bench --slurm` writes a frozen copy).
    public var sweepFile: String
    /// The shared results directory (absolute): runs-shard<i>of<n>.csv, solutions/, instances/.
    public var resultsDirectory: String
    /// Where the tasks start (`--chdir`; the git revision recorded in the rows is read there).
    public var workingDirectory: String
    /// Seconds between copies of a running task's new results back to `resultsDirectory`.
    public var syncSeconds: Int = 60
    /// The wall-clock limit of the merge job.
    public var mergeTimeLimit: String = "00:30:00"

    /// Options with every path given and the defaults for the rest.
    public init(
        shards: Int, executable: String, sweepFile: String, resultsDirectory: String,
        workingDirectory: String
    ) {
        self.shards = shards
        self.executable = executable
        self.sweepFile = sweepFile
        self.resultsDirectory = resultsDirectory
        self.workingDirectory = workingDirectory
    }

    /// The directory of the scripts and logs: `<results>/slurm`.
    public var slurmDirectory: String { resultsDirectory + "/slurm" }
    /// The array job script.
    public var arrayScriptPath: String { slurmDirectory + "/array.sbatch" }
    /// The merge job script.
    public var mergeScriptPath: String { slurmDirectory + "/merge.sbatch" }
}

/// Slurm job scripts for a sweep: a job array with one task per shard, each on node-local scratch
/// with its results copied back atomically, and a merge job that runs after the array. Pure: the
/// text depends only on the sweep and the options.
public enum SlurmScript {
    /// Seconds added to every task's derived wall-clock limit (start-up, instance generation,
    /// copying results back).
    public static let fixedMarginSeconds = 300.0
    /// The factor on a task's scheduling bound in its derived wall-clock limit.
    public static let marginFactor = 1.1

    /// The hard wall-clock limit of one job of the sweep, as `SweepRunner` enforces it: the time
    /// limit plus `graceSeconds`, or `defaultHardLimitSeconds` for a method without a time limit.
    public static func hardLimitSeconds(_ job: SweepJob, in sweep: Sweep) -> Double {
        SweepRunner(sweep: sweep, directory: URL(fileURLWithPath: "/"), executable: URL(fileURLWithPath: "/"))
            .hardLimit(job)
    }

    /// The number of jobs of each shard, `[i] = jobs with index % shards == i`.
    public static func jobsPerShard(_ sweep: Sweep, shards: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: max(shards, 1))
        for job in allJobs(sweep) { counts[job.index % counts.count] += 1 }
        return counts
    }

    /// The longest a shard can run, in seconds: the largest, over shards, of
    /// `sum(hard limits) / P + (1 - 1/P) * max(hard limit)` with P = parallel jobs (any list
    /// schedule of P workers ends by then), times `marginFactor`, plus `fixedMarginSeconds`.
    public static func derivedTaskSeconds(_ sweep: Sweep, shards: Int, jobsPerTask: Int) -> Double {
        let n = max(shards, 1)
        let p = Double(max(jobsPerTask, 1))
        var sum = [Double](repeating: 0, count: n)
        var longest = [Double](repeating: 0, count: n)
        for job in allJobs(sweep) {
            let limit = hardLimitSeconds(job, in: sweep)
            sum[job.index % n] += limit
            longest[job.index % n] = max(longest[job.index % n], limit)
        }
        let bound = zip(sum, longest).map { $0 / p + (1 - 1 / p) * $1 }.max() ?? 0
        return bound * marginFactor + fixedMarginSeconds
    }

    /// Seconds as a Slurm time, rounded up to whole minutes: `HH:MM:SS`, or `D-HH:MM:SS` from a day.
    public static func formatDuration(_ seconds: Double) -> String {
        let minutes = max(1, Int((seconds / 60).rounded(.up)))
        let days = minutes / 1440, hours = (minutes % 1440) / 60, mins = minutes % 60
        let hms = "\(pad(hours)):\(pad(mins)):00"
        return days > 0 ? "\(days)-\(hms)" : hms
    }

    /// The seconds of `HH:MM:SS` or `D-HH:MM:SS` (minutes and seconds below 60).
    public static func parseDuration(_ text: String) throws(SlurmScriptError) -> Int {
        var days = 0
        var rest = Substring(text)
        if let dash = rest.firstIndex(of: "-") {
            guard let d = Int(rest[..<dash]), d >= 0 else { throw .badTime(text) }
            days = d
            rest = rest[rest.index(after: dash)...]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        let digitsOnly = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count == 3, digitsOnly,
            let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(parts[2]), m < 60, s < 60
        else { throw .badTime(text) }
        let total = ((days * 24 + h) * 60 + m) * 60 + s
        guard total > 0 else { throw .badTime(text) }
        return total
    }

    /// The job array script: `#SBATCH` header, then per task: a scratch directory on the node
    /// (`$SLURM_TMPDIR`, else `$TMPDIR`, else `/tmp`), seeded with the shard's rows so far (a
    /// re-run resumes), `finbench bench --shard $SLURM_ARRAY_TASK_ID/N` there, new files copied
    /// back every `syncSeconds`, on SIGTERM (cancel, pre-emption, time limit) and at the end, each
    /// as a temporary file renamed into place, the runs file last; then the scratch directory is
    /// removed (kept only when the copy back fails).
    public static func arrayScript(_ sweep: Sweep, _ options: SlurmOptions) throws(SlurmScriptError) -> String {
        try validate(options)
        let time: String
        if let given = options.timeLimit {
            time = formatDuration(Double(try parseDuration(given)))
        } else {
            time = formatDuration(derivedTaskSeconds(sweep, shards: options.shards, jobsPerTask: options.jobsPerTask))
        }
        let counts = jobsPerShard(sweep, shards: options.shards)
        var header = [
            "--job-name=finbench-\(safeName(sweep.name))",
            "--array=0-\(options.shards - 1)",
            "--time=\(time)",
            "--nodes=1",
            "--ntasks=1",
            "--cpus-per-task=\(options.cpusPerTask)",
            "--output=\(options.slurmDirectory)/logs/%A_%a.out",
            "--open-mode=append",
            "--chdir=\(options.workingDirectory)",
            "--requeue",
        ]
        if let p = options.partition { header.append("--partition=\(p)") }
        if let m = options.memory { header.append("--mem=\(m)") }
        let derivation =
            options.timeLimit == nil
            ? "# --time derived: largest shard's sum of hard limits / \(options.jobsPerTask) parallel "
                + "(plus the longest), x \(JSONWriter.formatNumber(marginFactor)) + \(Int(fixedMarginSeconds)) s."
            : "# --time as given."
        return """
            #!/bin/bash
            # finbench sweep "\(sweep.name)" as a Slurm job array: \(options.shards) shard(s), \
            \(counts.min() ?? 0)-\(counts.max() ?? 0) jobs each, \(options.jobsPerTask) at once.
            # Generated by `finbench bench --slurm`; see docs/HARNESS.md ("Running a sweep on a cluster").
            \(derivation)
            # Resume a failed or pre-empted task K (it continues where it stopped):
            #   sbatch --array=K \(options.arrayScriptPath)
            \(header.map { "#SBATCH \($0)" }.joined(separator: "\n"))
            set -uo pipefail

            FINBENCH=\(quote(options.executable))
            SWEEP=\(quote(options.sweepFile))
            RESULTS=\(quote(options.resultsDirectory))
            SHARDS=\(options.shards)
            JOBS=\(options.jobsPerTask)
            SYNC_SECONDS=\(options.syncSeconds)

            i="${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a job array task}"
            runs="runs-shard${i}of${SHARDS}.csv"
            manifest="manifest-shard${i}of${SHARDS}.json"
            if [ "$SHARDS" -eq 1 ]; then runs="runs.csv"; manifest="manifest.json"; fi
            scratch_root="${SLURM_TMPDIR:-${TMPDIR:-/tmp}}"
            scratch="$(mktemp -d "$scratch_root/finbench-${SLURM_JOB_ID:-$$}-${i}.XXXXXX")" || exit 1
            mkdir -p "$RESULTS" || exit 1
            echo "finbench shard $i/$SHARDS on $(hostname -s) in $scratch (job ${SLURM_JOB_ID:-?})"
            # Resume: the shard's rows so far (and its manifest, which lists every attempt).
            for f in "$runs" "$manifest"; do
              if [ -f "$RESULTS/$f" ]; then cp "$RESULTS/$f" "$scratch/$f" || exit 1; fi
            done
            stamp=""

            # Copies new files back: each to a temporary name in place, then renamed; the runs file
            # last, so every row copied back has its solution file.
            copy_back() {
              local next="$scratch/.sync.$(date +%s%N)" f
              touch "$next"
              while IFS= read -r -d '' f; do
                f="${f#./}"
                mkdir -p "$RESULTS/$(dirname "$f")" &&
                  cp "$scratch/$f" "$RESULTS/$f.part.$$" && mv -f "$RESULTS/$f.part.$$" "$RESULTS/$f" || return 1
              done < <(cd "$scratch" &&
                find . -type f ! -name '.*' ! -name '*.lock' ! -name "$runs" ${stamp:+-newer "$stamp"} -print0)
              if [ -f "$scratch/$runs" ]; then
                cp "$scratch/$runs" "$RESULTS/.$runs.part.$$" &&
                  mv -f "$RESULTS/.$runs.part.$$" "$RESULTS/$runs" || return 1
              fi
              [ -n "$stamp" ] && rm -f "$stamp"
              stamp="$next"
            }

            # `finbench bench` kills its solves when signalled; any that outlived it (their command
            # lines name this task's scratch directory) are killed here.
            stop_solves() {
              command -v pkill >/dev/null || return 0
              local n=0
              while pkill -KILL -f -- "$scratch/instances/" 2>/dev/null && [ "$n" -lt 50 ]; do
                sleep 0.1
                n=$((n + 1))
              done
            }

            pid=""
            on_signal() {
              echo "finbench shard $i: signalled, copying back what is done" >&2
              [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid"
              stop_solves
              copy_back && rm -rf "$scratch"
              exit 143
            }
            trap on_signal TERM INT USR1

            "$FINBENCH" bench "$SWEEP" --shard "$i/$SHARDS" --jobs "$JOBS" --out-dir "$scratch" &
            pid=$!
            waited=0
            while kill -0 "$pid" 2>/dev/null; do
              sleep 2 & wait $! 2>/dev/null
              waited=$((waited + 2))
              if [ "$waited" -ge "$SYNC_SECONDS" ]; then copy_back; waited=0; fi
            done
            wait "$pid"
            status=$?
            trap - TERM INT USR1
            if ! copy_back; then
              echo "finbench shard $i: copying results back to $RESULTS failed; scratch kept: $scratch" >&2
              exit 75
            fi
            rm -rf "$scratch"
            echo "finbench shard $i/$SHARDS: exit $status"
            exit "$status"

            """
    }

    /// The merge job script: `finbench merge` of every shard's runs file into the results
    /// directory; it fails, naming the missing or incomplete shards, unless all are complete.
    public static func mergeScript(_ sweep: Sweep, _ options: SlurmOptions) throws(SlurmScriptError) -> String {
        try validate(options)
        let time = formatDuration(Double(try parseDuration(options.mergeTimeLimit)))
        var header = [
            "--job-name=finbench-\(safeName(sweep.name))-merge",
            "--time=\(time)",
            "--nodes=1",
            "--ntasks=1",
            "--cpus-per-task=1",
            "--output=\(options.slurmDirectory)/logs/merge-%j.out",
            "--chdir=\(options.workingDirectory)",
        ]
        if let p = options.partition { header.append("--partition=\(p)") }
        return """
            #!/bin/bash
            # finbench sweep "\(sweep.name)": merges the \(options.shards) shard(s) of the job array.
            # Submitted with --dependency=afterany:<array job>; after resuming a task, run it again:
            #   sbatch --dependency=afterany:<new job> \(options.mergeScriptPath)
            \(header.map { "#SBATCH \($0)" }.joined(separator: "\n"))
            set -uo pipefail

            FINBENCH=\(quote(options.executable))
            SWEEP=\(quote(options.sweepFile))
            RESULTS=\(quote(options.resultsDirectory))
            SHARDS=\(options.shards)

            files=("$RESULTS/runs.csv")
            if [ "$SHARDS" -gt 1 ]; then
              files=()
              for ((k = 0; k < SHARDS; k++)); do files+=("$RESULTS/runs-shard${k}of${SHARDS}.csv"); done
            fi
            exec "$FINBENCH" merge --out-dir "$RESULTS" --sweep "$SWEEP" "$@" "${files[@]}"

            """
    }

    // MARK: - Helpers

    /// Every job of the sweep in the runner's order (the shard of job i is i % shards).
    static func allJobs(_ sweep: Sweep) -> [SweepJob] { sweep.jobs() }

    /// Rejects options that would make a broken script.
    static func validate(_ o: SlurmOptions) throws(SlurmScriptError) {
        guard o.shards >= 1 else { throw .badShardCount(o.shards) }
        for (name, value) in [("--jobs", o.jobsPerTask), ("--cpus", o.cpusPerTask), ("sync interval", o.syncSeconds)]
        where value < 1 {
            throw .badCount(option: name, value: value)
        }
        if let t = o.timeLimit { _ = try parseDuration(t) }
        let nameCharacter = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "_.,-".contains(c)) }
        if let p = o.partition, p.isEmpty || !p.allSatisfy(nameCharacter) {
            throw .badValue(option: "--partition", value: p, expected: "a partition name (letters, digits, _ . , -)")
        }
        if let m = o.memory {
            let digits = m.prefix { $0.isASCII && $0.isNumber }
            let unit = m.dropFirst(digits.count)
            guard !digits.isEmpty, unit.isEmpty || ["K", "M", "G", "T"].contains(unit.uppercased()) else {
                throw .badValue(option: "--mem", value: m, expected: "a size such as 4000, 500M or 4G")
            }
        }
        for (name, path) in [
            ("executable", o.executable), ("sweep file", o.sweepFile),
            ("results directory", o.resultsDirectory), ("working directory", o.workingDirectory),
        ]
        where !path.hasPrefix("/") || path.contains(where: { $0 == "\n" || $0 == " " || $0 == "\t" }) {
            throw .badValue(option: name, value: path, expected: "an absolute path without spaces")
        }
    }

    /// A shell word: single-quoted, embedded quotes escaped.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }

    /// A job name: letters, digits, `-`, `_`, `.`; anything else becomes `_`.
    static func safeName(_ s: String) -> String {
        String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
    }

    /// Two digits at least.
    static func pad(_ x: Int) -> String { x < 10 ? "0\(x)" : String(x) }
}
