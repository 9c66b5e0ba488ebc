/// Command-line argument types shared by `finbench` and `finbench-bench`.
import ArgumentParser
import Foundation

/// A range of numbers on the command line: "LO:HI" or a single value.
public struct RangeArgument: ExpressibleByArgument, Sendable {
    public let range: ClosedRange<Double>
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil && $0!.isFinite }) else { return nil }
        let lo = parts[0]!
        let hi = parts.count == 2 ? parts[1]! : lo
        guard lo <= hi else { return nil }
        range = lo...hi
    }
    public static var defaultValueDescription: String { "LO:HI" }
}

/// A range of whole numbers: "LO:HI" or a single value.
public struct IntRangeArgument: ExpressibleByArgument, Sendable {
    public let range: ClosedRange<Int>
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let lo = parts[0]!
        let hi = parts.count == 2 ? parts[1]! : lo
        guard lo <= hi else { return nil }
        range = lo...hi
    }
}

/// A comma-separated list of numbers.
public struct NumberListArgument: ExpressibleByArgument, Sendable {
    public let values: [Double]
    public init?(argument: String) {
        let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else { return nil }
        values = parts.map { $0! }
    }
}
