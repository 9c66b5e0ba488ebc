import Foundation

/// Reading and atomically writing the workbench's files.
public enum FileIO {
    /// The bytes of a file, or `InputError.cannotRead`.
    public static func readBytes(_ path: String) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotRead(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .cannotRead(file: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(file: path, reason: "permission denied or unreadable")
        }
        return [UInt8](data)
    }

    /// Parses a file as JSON.
    public static func readJSON(_ path: String) throws(InputError) -> JSONValue {
        let bytes = try readBytes(path)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .malformedJSON(file: path, error)
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory renamed
    /// over the target, so a reader never sees a partial file and a failure leaves nothing.
    /// Missing parent directories are created.
    /// A target that exists and is not a regular file (a FIFO, a device, a symbolic link, a
    /// directory) is refused, never replaced.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(OutputError) {
        try checkReplaceable(path)
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw OutputError(file: path, reason: String(describing: error.localizedDescription))
        }
    }

    /// Throws unless `path` is absent or a regular file (checked without following a symbolic
    /// link): writing atomically replaces the target, which must never happen to a FIFO, a device
    /// node such as /dev/null, or a link.
    public static func checkReplaceable(_ path: String) throws(OutputError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        guard kind != S_IFREG else { return }
        let what: String
        switch kind {
        case S_IFLNK: what = "a symbolic link"
        case S_IFIFO: what = "a FIFO"
        case S_IFCHR, S_IFBLK: what = "a device"
        case S_IFDIR: what = "a directory"
        default: what = "not a regular file"
        }
        throw OutputError(file: path, reason: "\(what); refusing to replace it (name a regular file)")
    }

    /// True when both paths name one existing file (same device and inode).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat()
        var y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// Writes a JSON value (sorted keys, stable layout) atomically. A document holding a number
    /// that is not finite (which JSON cannot represent) is refused, and nothing is written.
    public static func writeJSON(_ value: JSONValue, to path: String) throws(OutputError) {
        let nonFinite = JSONWriter.nonFinitePaths(in: value)
        guard nonFinite.isEmpty else {
            throw OutputError(
                file: path,
                reason: "the document holds numbers JSON cannot represent (not finite) at "
                    + nonFinite.prefix(5).joined(separator: ", "))
        }
        try writeAtomically(JSONWriter.data(value), to: path)
    }
}
