import Foundation

/// The summary statistics the workbench reports, each defined once.
public enum Statistics {
    /// Linear-interpolation percentile (numpy's default), p in [0, 100]; nil for no values or a
    /// p outside [0, 100].
    public static func percentile(_ xs: [Double], _ p: Double) -> Double? {
        guard !xs.isEmpty, (0...100).contains(p) else { return nil }
        let s = xs.sorted()
        let h = Double(s.count - 1) * p / 100
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    /// The median (the 50th percentile); nil for no values.
    public static func median(_ xs: [Double]) -> Double? { percentile(xs, 50) }

    /// exp(mean(log(x + shift))) - shift; NaN for no values.
    public static func shiftedGeometricMean(_ xs: [Double], shift: Double) -> Double {
        guard !xs.isEmpty else { return .nan }
        return exp(xs.map { log($0 + shift) }.reduce(0, +) / Double(xs.count)) - shift
    }

    /// Least-squares slope of y on x; nil with fewer than two distinct x.
    public static func slope(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count >= 2 else { return nil }
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return nil }
        return zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
    }
}
