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
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw OutputError(file: path, reason: String(describing: error.localizedDescription))
        }
    }

    /// Writes a JSON value (sorted keys, stable layout) atomically.
    public static func writeJSON(_ value: JSONValue, to path: String) throws(OutputError) {
        try writeAtomically(JSONWriter.data(value), to: path)
    }
}
