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
