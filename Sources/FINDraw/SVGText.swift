/// Text helpers for SVG written by hand: escaping and fixed-precision numbers, so the same
/// drawing is the same bytes on every platform.
enum SVGText {
    /// XML-escaped text for attribute values and element content.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with one decimal (-0 written as 0).
    static func n(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// A figure with 3 significant digits for labels.
    static func figure(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return x == 0 ? "0" : "\(x)" }
        var digits = 2 - Int((log10Approx(abs(x))).rounded(.down))
        digits = max(0, min(digits, 9))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (x * scale).rounded() / scale
        var s = "\(r)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    private static func log10Approx(_ x: Double) -> Double {
        var e = 0.0
        var v = x
        while v >= 10 {
            v /= 10
            e += 1
        }
        while v < 1 {
            v *= 10
            e -= 1
        }
        return e
    }
}
