import FINModel

/// Why a sweep, a merge or a report stopped.
public enum HarnessError: Error, Sendable, CustomStringConvertible {
    /// A sweep file or its settings are invalid.
    case input(InputError)
    /// A runs or results table does not read.
    case table(TableError)
    /// A file cannot be written.
    case output(OutputError)
    /// Another run holds the lock on this output.
    case busy(file: String)
    /// A stop signal arrived; the children were killed and no partial row was written.
    case interrupted(signal: Int32)

    public var description: String {
        switch self {
        case .input(let e): return e.description
        case .table(let e): return e.description
        case .output(let e): return e.description
        case .busy(let file):
            return "\(file): another bench run is writing this output; wait for it or use another --out-dir"
        case .interrupted(let signal): return "stopped by signal \(signal); children killed, no partial row written"
        }
    }
}
