import FIN
import FINModel

/// The parameters given to one method run, typed, in key order. Built from a sweep file's method
/// object or from `finbench solve`'s options, validated against the method's registry entry, and
/// turned back into a command line for the harness's child processes.
public struct ParameterValues: Sendable, Equatable, Hashable {
    /// Values in parameter order (no duplicates).
    public private(set) var entries: [(parameter: MethodParameter, value: ParameterValue)] = []

    public init() {}

    public subscript(_ p: MethodParameter) -> ParameterValue? {
        get { entries.first { $0.parameter == p }?.value }
        set {
            entries.removeAll { $0.parameter == p }
            if let newValue {
                entries.append((p, newValue))
                entries.sort { $0.parameter < $1.parameter }
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func integer(_ p: MethodParameter) -> Int? {
        if case .integer(let i)? = self[p] { return i }
        return nil
    }

    public func real(_ p: MethodParameter) -> Double? {
        switch self[p] {
        case .real(let x)?: return x
        case .integer(let i)?: return Double(i)
        default: return nil
        }
    }

    public var order: FINMethod.Order? {
        if case .order(let o)? = self[.order] { return o }
        return nil
    }

    /// `--flag value` pairs, in key order.
    public var arguments: [String] { entries.flatMap { [$0.parameter.flag, $0.value.text] } }

    /// The values as a JSON object (a solution's `parameters`, a runs row's `parameters`).
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        for (p, v) in entries {
            switch v {
            case .integer(let i): object[p.key] = .number(Double(i))
            case .real(let x): object[p.key] = .number(x)
            case .order(let o): object[p.key] = .string(o.name)
            }
        }
        return .object(object)
    }

    /// "key=value" pairs in key order, space-separated.
    public var label: String { entries.map { "\($0.parameter.key)=\($0.value.text)" }.joined(separator: " ") }

    public static func == (a: ParameterValues, b: ParameterValues) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.parameter == $1.parameter && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(label) }

    /// Parses one value from text (a command-line option).
    public static func parse(_ p: MethodParameter, text: String) -> ParameterValue? {
        switch p.kind {
        case .integer(let range):
            guard let i = Int(text), range.contains(i) else { return nil }
            return .integer(i)
        case .real(let positive):
            guard let x = Double(text) else { return nil }
            return real(x, positive: positive)
        case .order:
            return FINMethod.Order(text).map(ParameterValue.order)
        }
    }

    /// Parses one value from JSON (a sweep file). Whole numbers beyond Int's range are rejected,
    /// never converted.
    public static func parse(_ p: MethodParameter, json: JSONValue) -> ParameterValue? {
        switch p.kind {
        case .integer(let range):
            guard let x = json.numberValue, x == x.rounded(), abs(x) < 9.0e15 else { return nil }
            let i = Int(x)
            return range.contains(i) ? .integer(i) : nil
        case .real(let positive):
            return json.numberValue.flatMap { real($0, positive: positive) }
        case .order:
            return json.stringValue.flatMap(FINMethod.Order.init).map(ParameterValue.order)
        }
    }

    private static func real(_ x: Double, positive: Bool) -> ParameterValue? {
        guard x.isFinite, positive ? x > 0 : x >= 0 else { return nil }
        return .real(x)
    }
}
