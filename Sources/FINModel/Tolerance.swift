/// The numerical tolerance used wherever the workbench compares a score with a limit.
public enum Tolerance {
    /// Relative slack allowed on a limit.
    public static let relative = 1e-9
    /// Absolute slack, for limits at or near 0.
    public static let absolute = 1e-12

    /// True when `value` is at most `limit` within tolerance.
    public static func fits(_ value: Double, within limit: Double) -> Bool {
        value <= limit + relative * abs(limit) + absolute
    }

    /// True when `value` is at least `target` within tolerance.
    public static func meets(_ value: Double, target: Double) -> Bool {
        value >= target - relative * abs(target) - absolute
    }
}
