/// One problem found in an input file: where (a JSON path such as `nodes[2].opsPerSecond`)
/// and what.
public struct FieldIssue: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path of the offending field, `$` for the document itself.
    public let path: String
    /// What is wrong, naming the offending value.
    public let message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// Collects issues and warnings while a document is read, so that one pass reports every
/// problem in a file rather than the first.
public final class IssueLog {
    public private(set) var issues: [FieldIssue] = []
    public private(set) var warnings: [FieldIssue] = []
    public init() {}
    public func fail(_ path: String, _ message: String) { issues.append(FieldIssue(path: path, message: message)) }
    public func warn(_ path: String, _ message: String) { warnings.append(FieldIssue(path: path, message: message)) }
}

/// Reads the fields of one JSON object, recording a specific issue for every missing,
/// mistyped or out-of-range field, and a warning for every field it does not know.
///
/// Accessors return `nil` (or the default) after recording an issue, so that reading can go
/// on and report the rest of the file.
struct ObjectReader {
    let path: String
    let fields: [String: JSONValue]
    let log: IssueLog

    /// Wraps `value` if it is an object; records an issue and returns nil otherwise.
    init?(_ value: JSONValue, path: String, log: IssueLog) {
        guard case .object(let fields) = value else {
            log.fail(path, "expected an object, found \(value.kindDescription)")
            return nil
        }
        self.path = path
        self.fields = fields
        self.log = log
    }

    func childPath(_ key: String) -> String { path == "$" ? key : "\(path).\(key)" }

    /// Warns about every key not in `known` (other tools may add fields; a typo should not
    /// pass silently).
    func warnUnknownKeys(_ known: Set<String>) {
        for key in fields.keys.sorted() where !known.contains(key) {
            log.warn(childPath(key), "unknown field, ignored")
        }
    }

    private func present(_ key: String, required: Bool) -> JSONValue? {
        guard let v = fields[key], v != .null else {
            if required { log.fail(childPath(key), "required field is missing") }
            return nil
        }
        return v
    }

    func string(_ key: String) -> String? {
        guard let v = present(key, required: true) else { return nil }
        guard case .string(let s) = v else {
            log.fail(childPath(key), "expected a string, found \(v.kindDescription)")
            return nil
        }
        return s
    }

    func optionalString(_ key: String) -> String? {
        guard let v = present(key, required: false) else { return nil }
        guard case .string(let s) = v else {
            log.fail(childPath(key), "expected a string or null, found \(v.kindDescription)")
            return nil
        }
        return s
    }

    /// A finite number; `default` makes the field optional.
    func number(_ key: String, default defaultValue: Double? = nil) -> Double? {
        guard let v = present(key, required: defaultValue == nil) else { return defaultValue }
        guard case .number(let x) = v else {
            log.fail(childPath(key), "expected a number, found \(v.kindDescription)")
            return nil
        }
        return x
    }

    /// A number that may be absent (or null): nil then.
    func optionalNumber(_ key: String) -> Double? {
        guard present(key, required: false) != nil else { return nil }
        return number(key)
    }

    /// A whole number.
    func integer(_ key: String) -> Int? {
        guard let x = number(key) else { return nil }
        guard x == x.rounded(), abs(x) < 1e15 else {
            log.fail(childPath(key), "expected a whole number, got \(JSONWriter.formatNumber(x))")
            return nil
        }
        return Int(x)
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let v = present(key, required: false) else { return defaultValue }
        guard case .bool(let b) = v else {
            log.fail(childPath(key), "expected true or false, found \(v.kindDescription)")
            return defaultValue
        }
        return b
    }

    /// The elements of an array field with their paths; `required: false` makes a missing
    /// field return nil without an issue.
    func array(_ key: String, required: Bool = true) -> [(path: String, value: JSONValue)]? {
        guard let v = present(key, required: required) else { return nil }
        guard case .array(let items) = v else {
            log.fail(childPath(key), "expected an array, found \(v.kindDescription)")
            return nil
        }
        let base = childPath(key)
        return items.enumerated().map { ("\(base)[\($0.offset)]", $0.element) }
    }

    func object(_ key: String, required: Bool = true) -> ObjectReader? {
        guard let v = present(key, required: required) else { return nil }
        return ObjectReader(v, path: childPath(key), log: log)
    }
}
