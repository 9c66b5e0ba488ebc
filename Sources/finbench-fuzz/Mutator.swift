import FINModel
import Foundation

/// Seeded mutations of JSON documents, on the tree (numbers flipped to 0, -1, 1e308, tiny or huge
/// values, fields deleted, array elements duplicated or removed, values of the wrong type) and on
/// the text (truncation, CRLF line ends, a byte-order mark, number literals JSON does not have,
/// stray bytes). Every draw goes through one `SplitMix64`, so a seed and a case index give the
/// same input on every run.
struct Mutator {
    /// One step of a path into a JSON document.
    enum Step: CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let k): return ".\(k)"
            case .index(let i): return "[\(i)]"
            }
        }
    }

    var rng: SplitMix64

    /// Every value in `json` with its path, the document itself first.
    static func paths(_ json: JSONValue, _ prefix: [Step] = []) -> [([Step], JSONValue)] {
        var out = [(prefix, json)]
        switch json {
        case .object(let o):
            for key in o.keys.sorted() { out += paths(o[key]!, prefix + [.key(key)]) }
        case .array(let a):
            for (i, v) in a.enumerated() { out += paths(v, prefix + [.index(i)]) }
        default: break
        }
        return out
    }

    /// `json` with `transform` applied at `path` (nil removes the value).
    static func edit(
        _ json: JSONValue, at path: ArraySlice<Step>, _ transform: (JSONValue) -> JSONValue?
    ) -> JSONValue? {
        guard let head = path.first else { return transform(json) }
        let rest = path.dropFirst()
        switch (json, head) {
        case (.object(var o), .key(let k)):
            guard let child = o[k] else { return json }
            o[k] = nil
            if let v = edit(child, at: rest, transform) { o[k] = v }
            return .object(o)
        case (.array(var a), .index(let i)) where a.indices.contains(i):
            if let v = edit(a[i], at: rest, transform) { a[i] = v } else { a.remove(at: i) }
            return .array(a)
        default:
            return json
        }
    }

    /// Numbers a hostile user would try.
    static let numbers: [Double] = [
        0, -0.0, -1, 1, 0.5, 2, 1e308, -1e308, 1.7976931348623157e308, 5e-324, 1e-320, 1e-300, 1e-31, 1e-30, 1e30,
        1e31, 1e15, 1e16, 9_007_199_254_740_993, 9.3e18, 1.8e19, -9.3e18, 4_294_967_296, 2_147_483_648, 1e-9, 0.999999,
        1.0000001, 3.5, -1e-300,
    ]

    /// Literals that are not JSON numbers, or are but overflow.
    static let badLiterals = [
        "NaN", "nan", "Infinity", "-Infinity", "inf", "1e999", "-1e999", "1e-999", "99999999999999999999999999", "0x10",
        "1.", ".5", "-", "+1", "01", "1e", "\"1\"", "1_000", "null", "true", "[]", "{}", "\"NaN\"",
    ]

    mutating func pick<T>(_ items: [T]) -> T { rng.pick(items) }

    /// One mutation of the tree; `ids` are string values in the document, reused to duplicate ids.
    mutating func mutateTree(_ json: JSONValue, ids: [String]) -> (JSONValue, String) {
        var all = Self.paths(json)
        // Most mutations set one number to an extreme value, so that many inputs stay well formed
        // and reach validation, the evaluator and the solvers; the rest break the structure.
        if rng.chance(0.6) {
            let numbers = all.filter { if case .number = $0.1 { return true } else { return false } }
            if !numbers.isEmpty {
                let (path, _) = numbers[rng.below(numbers.count)]
                // Half the time a small whole number: indices (afterBlock, exitAfterBlock) off by one.
                let x = rng.chance(0.5) ? Double(rng.integer(-3...6)) : pick(Self.numbers)
                let place = path.map(\.description).joined()
                return (Self.edit(json, at: path[...]) { _ in .number(x) } ?? .null, "\(place): number \(x)")
            }
        }
        all = all.isEmpty ? [([], json)] : all
        let (path, value) = all[rng.below(all.count)]
        let place = path.isEmpty ? "$" : path.map(\.description).joined()
        var note = ""
        let mutated = Self.edit(json, at: path[...]) { v -> JSONValue? in
            switch (v, rng.below(10)) {
            case (.number, 0...4):
                let x = pick(Self.numbers)
                note = "number \(x)"
                return .number(x)
            case (.string, 0...3):
                let odd = ["", " ", "\u{0}", String(repeating: "x", count: 300), "é", "-1"]
                let s = rng.chance(0.5) && !ids.isEmpty ? pick(ids) : pick(odd)
                note = "string \"\(s.prefix(20))\""
                return .string(s)
            case (.array(var a), 0...3) where !a.isEmpty:
                let i = rng.below(a.count)
                if rng.chance(0.5) {
                    a.append(a[i])
                    note = "duplicate element \(i)"
                } else {
                    a.remove(at: i)
                    note = "remove element \(i)"
                }
                return .array(a)
            case (.object(var o), 0...3) where !o.isEmpty:
                let key = o.keys.sorted()[rng.below(o.count)]
                if rng.chance(0.7) {
                    o[key] = nil
                    note = "delete \(key)"
                } else {
                    o["unknownField"] = .number(1)
                    note = "add a field"
                }
                return .object(o)
            case (_, 0...1):
                note = "delete"
                return nil
            default:
                let replacement: JSONValue = pick([
                    .null, .bool(true), .string("1"), .array([]), .object([:]), .number(-1), .number(1e308),
                    .array([.number(1)]), .object(["x": .null]),
                ])
                note = "wrong type \(replacement.kindDescription)"
                return replacement
            }
        }
        return (mutated ?? .null, "\(place): \(note)")
    }

    /// One mutation of the text (bytes, so that invalid UTF-8 reaches the parser as it is).
    mutating func mutateText(_ text: [UInt8]) -> ([UInt8], String) {
        var bytes = text
        switch rng.below(7) {
        case 0:
            let n = bytes.isEmpty ? 0 : rng.below(bytes.count)
            return (Array(bytes.prefix(n)), "truncate at \(n)")
        case 1:
            return (bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }, "CRLF")
        case 2:
            return ([0xEF, 0xBB, 0xBF] + bytes, "BOM")
        case 3, 4:
            // A number literal replaced by one JSON does not have.
            let starts = bytes.indices.filter { i in
                i > 0 && bytes[i - 1] == UInt8(ascii: " ")
                    && (bytes[i] == UInt8(ascii: "-")
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]))
            }
            guard !starts.isEmpty else { return (bytes, "no number") }
            let start = starts[rng.below(starts.count)]
            var end = start + 1
            let numberBytes = Array("0123456789.eE+-".utf8)
            while end < bytes.count, numberBytes.contains(bytes[end]) { end += 1 }
            let literal = pick(Self.badLiterals)
            bytes.replaceSubrange(start..<end, with: Array(literal.utf8))
            return (bytes, "literal \(literal)")
        case 5:
            let i = bytes.isEmpty ? 0 : rng.below(bytes.count)
            let b = pick([UInt8(0), 0xFF, 0xC3, UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: ","), 0x7F])
            bytes.insert(b, at: i)
            return (bytes, "byte \(b) at \(i)")
        default:
            // A duplicate key: "name" added after the first opening brace.
            guard let brace = bytes.firstIndex(of: UInt8(ascii: "{")) else { return (bytes, "no object") }
            bytes.insert(contentsOf: Array("\"name\": \"dup\", ".utf8), at: brace + 1)
            return (bytes, "duplicate key")
        }
    }
}
