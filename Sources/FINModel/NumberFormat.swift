import Foundation

/// Human-readable number formatting for messages and tables (files use `JSONWriter`).
public enum NumberFormat {
    /// `x` with `digits` significant digits ("0.006564", "1.493e+06").
    public static func sig(_ x: Double, _ digits: Int = 4) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)g", x)
    }

    /// A percentage with one decimal ("31.3%").
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "n/a" }
        return String(format: "%.1f%%", fraction * 100)
    }
}
