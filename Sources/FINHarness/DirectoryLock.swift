import FINModel
import Foundation

/// An exclusive advisory lock (`flock`) on a lock file, held while a run writes its output; a
/// second run on the same output fails at once with `HarnessError.busy`.
final class DirectoryLock: Sendable {
    private let fd: Int32

    init(_ path: String) throws(HarnessError) {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .output(OutputError(file: path, reason: String(cString: strerror(errno))))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            if busy { throw .busy(file: path) }
            throw .output(OutputError(file: path, reason: reason))
        }
        self.fd = fd
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Appends whole rows to a file opened with `O_APPEND`: each row is one `write`, so rows from
/// several writers never interleave within a line.
final class RowAppender: @unchecked Sendable {
    private let fd: Int32
    private let path: String
    private let lock = NSLock()

    init(_ path: String) throws(HarnessError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw .output(OutputError(file: path, reason: String(cString: strerror(errno)))) }
        self.fd = fd
        self.path = path
    }

    /// Appends `line`; the error when the write failed or was short (a full disk).
    func append(_ line: String) -> OutputError? {
        let bytes = Array(line.utf8)
        return lock.withLock {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n == bytes.count { return nil }
            let reason = n < 0 ? String(cString: strerror(errno)) : "short write (\(n) of \(bytes.count) bytes)"
            // A short write left part of a row: end it, so that resume drops it as unreadable.
            if n > 0 { _ = "\n".withCString { write(fd, $0, 1) } }
            return OutputError(file: path, reason: reason)
        }
    }

    func close() { _ = Glibc.close(fd) }
}

/// SIGTERM, SIGINT and SIGHUP while a sweep runs: the children are killed and the run stops.
final class StopSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?
    private var sources: [DispatchSourceSignal] = []
    static let handled: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    init() {
        for s in Self.handled {
            Glibc.signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.withLock { if self?.signal == nil { self?.signal = s } }
                ChildProcess.killAll()
            }
            source.resume()
            sources.append(source)
        }
    }

    var stopped: Bool { lock.withLock { signal != nil } }
    var received: Int32? { lock.withLock { signal } }

    func restore() {
        for s in sources { s.cancel() }
        for s in Self.handled { Glibc.signal(s, SIG_DFL) }
    }
}
