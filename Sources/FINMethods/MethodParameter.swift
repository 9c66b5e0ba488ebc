import FIN
import FINModel

/// A parameter a method may take, with its one name in sweep files (`key`), on the command line
/// (`flag`), its type and its valid range. The registry says which methods take which.
public enum MethodParameter: String, Sendable, CaseIterable, Comparable {
    case timeLimitSeconds
    case gap
    case threads
    case iterations
    case order
    case gamma
    case lambda
    case epsilon

    /// The value type and the values allowed.
    public enum Kind: Sendable {
        /// A whole number in the range.
        case integer(ClosedRange<Int>)
        /// A finite number; `positive` excludes 0.
        case real(positive: Bool)
        /// A one-at-a-time order: heaviest-first, lightest-first, file or shuffled:SEED.
        case order
    }

    /// The key in a sweep file's method object.
    public var key: String { rawValue }

    /// The option of `finbench solve`.
    public var flag: String {
        switch self {
        case .timeLimitSeconds: return "--time-limit"
        case .gap: return "--gap"
        case .threads: return "--threads"
        case .iterations: return "--iterations"
        case .order: return "--order"
        case .gamma: return "--gamma"
        case .lambda: return "--lambda"
        case .epsilon: return "--epsilon"
        }
    }

    public var kind: Kind {
        switch self {
        case .timeLimitSeconds: return .real(positive: true)
        case .gap: return .real(positive: false)
        case .threads: return .integer(1...1024)
        case .iterations: return .integer(0...10_000_000)
        case .order: return .order
        case .gamma: return .integer(1...1_000_000)
        case .lambda: return .integer(0...1_000_000)
        case .epsilon: return .real(positive: true)
        }
    }

    /// One line for help texts.
    public var help: String {
        switch self {
        case .timeLimitSeconds: return "wall-clock limit, seconds"
        case .gap: return "relative optimality gap at which the method may stop"
        case .threads: return "threads (CBC's; fin-multi's searches)"
        case .iterations: return "most subgradient iterations"
        case .order: return "order of one-at-a-time deployment: heaviest-first, lightest-first, file or shuffled:SEED"
        case .gamma: return "latency levels per application"
        case .lambda: return "lambda-proximity pruning, in levels (0 = exact dominance)"
        case .epsilon: return "relative error allowed"
        }
    }

    /// What the kind admits, for error messages.
    public var expectation: String {
        switch kind {
        case .integer(let r): return "a whole number in \(r.lowerBound)...\(r.upperBound)"
        case .real(let positive): return positive ? "a positive finite number" : "a non-negative finite number"
        case .order: return "heaviest-first, lightest-first, file or shuffled:SEED"
        }
    }

    public static func < (a: MethodParameter, b: MethodParameter) -> Bool { a.rawValue < b.rawValue }

    /// The parameter with this sweep key.
    public init?(key: String) { self.init(rawValue: key) }
}

/// A typed parameter value.
public enum ParameterValue: Sendable, Equatable, Hashable {
    case integer(Int)
    case real(Double)
    case order(FINMethod.Order)

    /// The value as `finbench solve` takes it and as labels show it.
    public var text: String {
        switch self {
        case .integer(let i): return String(i)
        case .real(let x): return JSONWriter.formatNumber(x)
        case .order(let o): return o.name
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
