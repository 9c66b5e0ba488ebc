/// Writes JSON with sorted keys and a stable layout, so that the same value always gives the
/// same bytes on every platform.
///
/// Layout: two-space indentation; an array or object whose members are all scalars is kept
/// on one line when that line stays short (so a node or a path reads as one line, as in
/// FORMAT.md). Numbers: integral values below 2^53 are written without a fraction
/// ("24576"), others in Swift's shortest round-trip form ("0.0856", "6.7e-08").
///
/// JSON has no NaN or infinity. The writer never traps on one: it writes `null` (as JavaScript's
/// `JSON.stringify` does), and `nonFinitePaths(in:)` lists where a document holds one, so that
/// a caller writing a file can refuse it with a typed error (`FileIO.writeJSON` does).
public enum JSONWriter {
    /// The longest single-line rendering of an all-scalar container.
    public static let inlineWidth = 140

    /// Renders `value` as text ending with a newline.
    public static func string(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out.append("\n")
        return out
    }

    /// Renders `value` as UTF-8 bytes ending with a newline.
    public static func data(_ value: JSONValue) -> [UInt8] { Array(string(value).utf8) }

    /// The number format used in every file the workbench writes; `null` for a number that is
    /// not finite (JSON cannot hold it).
    public static func formatNumber(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 {
            if x == 0 { return "0" }  // also turns -0 into 0
            return String(Int64(x))
        }
        return x.description
    }

    /// The JSON paths (`$`, `deployments[0].energyJoules`) of every number in `value` that is not
    /// finite, in document order with sorted keys; empty when the document can be written as is.
    public static func nonFinitePaths(in value: JSONValue) -> [String] {
        var out: [String] = []
        func visit(_ v: JSONValue, _ path: String) {
            switch v {
            case .number(let x) where !x.isFinite: out.append(path)
            case .array(let items):
                for (i, item) in items.enumerated() { visit(item, "\(path)[\(i)]") }
            case .object(let fields):
                for key in fields.keys.sorted() { visit(fields[key]!, path == "$" ? key : "\(path).\(key)") }
            default: break
            }
        }
        visit(value, "$")
        return out
    }

    /// Escapes a string as a JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return true
        }
    }

    /// One-line rendering, used for scalars and for short all-scalar containers.
    private static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return formatNumber(x)
        case .string(let s): return quote(s)
        case .array(let a): return "[" + a.map(inline).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { quote($0) + ": " + inline(o[$0]!) }.joined(separator: ", ") + "}"
        }
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case .array(let items) where !items.isEmpty:
            if items.allSatisfy(isScalar) {
                let line = inline(value)
                if line.count + indent * 2 <= inlineWidth {
                    out += line
                    return
                }
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let fields) where !fields.isEmpty:
            if fields.values.allSatisfy(isScalar) {
                let line = inline(value)
                if line.count + indent * 2 <= inlineWidth {
                    out += line
                    return
                }
            }
            out += "{\n"
            let keys = fields.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += pad + quote(key) + ": "
                write(fields[key]!, indent: indent + 1, into: &out)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        default:
            out += inline(value)
        }
    }
}
