import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one way the workbench runs another program: `posix_spawn` with the default signal
/// dispositions and an empty signal mask (so a child can be stopped), in its own process group
/// (so a kill reaches everything it started), standard error captured, an optional hard
/// wall-clock limit after which the group is killed (SIGKILL). Children alive are tracked, so
/// that `ChildProcess.killAll()` can stop them when the parent is told to stop.
public enum ChildProcess {
    /// How a child ended.
    public enum Outcome: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signal(Int32)
        /// The hard limit passed and it was killed.
        case killed
        /// It could not be started.
        case failedToStart(String)
    }

    /// What a run returns.
    public struct Result: Sendable {
        public let outcome: Outcome
        public let standardOutput: [UInt8]
        public let standardError: [UInt8]
        public let wallSeconds: Double
        /// The child's peak resident memory, bytes, from the operating system (`wait4`'s
        /// `ru_maxrss`); nil when unknown.
        public var peakResidentBytes: Int?
        /// True when `peakResidentBytes` is only an upper bound. Linux records, at `exec`, the
        /// peak of the memory image the child replaces; `posix_spawn` starts the child in the
        /// parent's image (vfork), so a child's `ru_maxrss` is at least the parent's own peak at
        /// that time. When it is no more than that, the child's true peak is unknown below it.
        public var peakResidentIsBound = false
        public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
        public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    nonisolated(unsafe) private static var live: Set<pid_t> = []
    nonisolated(unsafe) private static var stopping = false
    private static let lock = NSLock()

    /// Runs `executable` with `arguments`; `input` goes to its standard input (none: /dev/null).
    /// `captureOutput` false sends its standard output to /dev/null.
    public static func run(
        _ executable: String, _ arguments: [String], input: [UInt8]? = nil, captureOutput: Bool = true,
        hardLimitSeconds: Double? = nil, environment: [String: String]? = nil
    ) -> Result {
        let start = Date()
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inPipe: [Int32] = [-1, -1]
        // Close-on-exec (set under the spawn lock, so that a child started at the same moment by
        // another thread cannot inherit these pipes and keep them open past this child's end);
        // dup2 clears the flag on the child's own copies.
        lock.lock()
        let piped =
            pipe(&errPipe) == 0 && (!captureOutput || pipe(&outPipe) == 0) && (input == nil || pipe(&inPipe) == 0)
        for fd in [outPipe[0], outPipe[1], errPipe[0], errPipe[1], inPipe[0], inPipe[1]] where fd >= 0 {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        lock.unlock()
        guard piped else {
            return Result(
                outcome: .failedToStart("pipe: \(String(cString: strerror(errno)))"), standardOutput: [],
                standardError: [], wallSeconds: 0)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in [outPipe[0], outPipe[1], errPipe[0], errPipe[1], inPipe[0], inPipe[1]] where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env =
            (environment ?? ProcessInfo.processInfo.environment).sorted { $0.key < $1.key }
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        lock.lock()
        let spawned = stopping ? ECANCELED : posix_spawn(&pid, executable, &actions, &attributes, argv, env)
        var own = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &own)
        let parentPeak = Int(own.ru_maxrss)
        if spawned == 0 { live.insert(pid) }
        lock.unlock()
        for fd in [outPipe[1], errPipe[1], inPipe[0]] where fd >= 0 { close(fd) }
        guard spawned == 0 else {
            for fd in [outPipe[0], errPipe[0], inPipe[1]] where fd >= 0 { close(fd) }
            return Result(
                outcome: .failedToStart("\(executable): \(String(cString: strerror(spawned)))"),
                standardOutput: [], standardError: [], wallSeconds: 0)
        }
        // Readers and the writer on their own threads, so a chatty child never blocks on a pipe.
        let (outRead, errRead, inWrite, child) = (outPipe[0], errPipe[0], inPipe[1], pid)
        let group = DispatchGroup()
        nonisolated(unsafe) var out: [UInt8] = []
        nonisolated(unsafe) var err: [UInt8] = []
        if captureOutput {
            DispatchQueue.global().async(group: group) { out = drain(outRead) }
        }
        DispatchQueue.global().async(group: group) { err = drain(errRead) }
        if let input {
            DispatchQueue.global().async(group: group) {
                input.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = write(inWrite, raw.baseAddress! + offset, raw.count - offset)
                        if n <= 0 { break }
                        offset += n
                    }
                }
                close(inWrite)
            }
        }
        let exited = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status: Int32 = 0
        nonisolated(unsafe) var usage = rusage()
        Thread.detachNewThread {
            while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
            exited.signal()
        }
        var killed = false
        if let hardLimitSeconds, exited.wait(timeout: .now() + hardLimitSeconds) == .timedOut {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            killed = true
            exited.wait()
        } else if hardLimitSeconds == nil {
            exited.wait()
        }
        // The group may hold grandchildren: end them with the child.
        kill(-pid, SIGKILL)
        lock.lock()
        live.remove(pid)
        lock.unlock()
        group.wait()
        let wall = Date().timeIntervalSince(start)
        let outcome: Outcome
        if killed {
            outcome = .killed
        } else if status & 0x7f == 0 {
            outcome = .exited((status >> 8) & 0xff)
        } else {
            outcome = .signal(status & 0x7f)
        }
        var result = Result(outcome: outcome, standardOutput: out, standardError: err, wallSeconds: wall)
        result.peakResidentBytes = usage.ru_maxrss > 0 ? Int(usage.ru_maxrss) * 1024 : nil
        result.peakResidentIsBound = Int(usage.ru_maxrss) <= parentPeak
        return result
    }

    /// Kills every child alive (and its process group); no child starts afterwards.
    public static func killAll() {
        lock.lock()
        stopping = true
        for pid in live {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        lock.unlock()
    }

    private static func drain(_ fd: Int32) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                data += buffer[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(fd)
        return data
    }

    /// The first executable named `name` on PATH, or nil.
    public static func which(_ name: String) -> String? {
        if name.contains("/") { return name }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}
