import Foundation

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast, seedable generator. The system
/// generator cannot be seeded, so every random choice in the workbench goes through this.
///
/// The sampling helpers below are written out rather than taken from the standard library's
/// `random(in:using:)`, whose algorithms are not promised to stay the same across Swift
/// releases: a seed must give the same instance on every toolchain.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double uniform in [0, 1), with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A double uniform in [lo, hi] (lo when the range is empty).
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { hi <= lo ? lo : lo + (hi - lo) * unit() }

    /// A double uniform in the range.
    public mutating func uniform(_ r: ClosedRange<Double>) -> Double { uniform(r.lowerBound, r.upperBound) }

    /// A double whose logarithm is uniform in [log lo, log hi]; lo, hi > 0.
    public mutating func logUniform(_ lo: Double, _ hi: Double) -> Double {
        hi <= lo ? lo : exp2(log2(lo) + (log2(hi) - log2(lo)) * unit())
    }

    /// An integer uniform in 0..<n (n > 0), without modulo bias (rejection sampling).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(\(n))")
        let bound = UInt64(n)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let x = next()
            if x < limit { return Int(x % bound) }
        }
    }

    /// An integer uniform in the range.
    public mutating func integer(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

    /// A uniformly chosen element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// The elements in a uniformly random order (Fisher-Yates).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        if a.count > 1 {
            for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, below(i + 1)) }
        }
        return a
    }
}
