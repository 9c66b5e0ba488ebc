import FINModel
import Foundation

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
