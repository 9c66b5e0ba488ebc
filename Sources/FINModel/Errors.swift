/// Why an input file could not be used. Each case maps to its own exit status in the CLI.
public enum InputError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read (missing, unreadable).
    case cannotRead(file: String, reason: String)
    /// The file is not JSON.
    case malformedJSON(file: String, JSONSyntaxError)
    /// The file is JSON but not a valid document of its kind; every problem is listed.
    case invalid(file: String, kind: String, issues: [FieldIssue])

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .malformedJSON(let file, let e):
            return "\(file): malformed JSON at \(e)"
        case .invalid(let file, let kind, let issues):
            let head = "\(file): invalid \(kind) (\(issues.count) problem\(issues.count == 1 ? "" : "s"))"
            return ([head] + issues.map { "  \($0)" }).joined(separator: "\n")
        }
    }
}

/// Why an output file could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): cannot write: \(reason)" }
}
