import FINModel

/// Which constraint a deployment breaks.
public enum ViolationKind: String, Sendable, CaseIterable {
    /// The deployment does not describe a deployment of the instance (unknown ids, wrong
    /// host count, a missing or broken transfer path, a share not in the levels, ...).
    case structure
    /// An application of the instance has no deployment.
    case missingApplication
    /// Worst-case latency above the application's bound.
    case latency
    /// Expected accuracy below the application's target.
    case accuracy
    /// Block 1 not on the source although the application pins it there.
    case pinnedSource
    /// Weights placed on a node above its memory.
    case memory
    /// Compute load (ops/s) on a node above its speed.
    case computeLoad
    /// Shares given on a node summing to more than 1.
    case shareSum
    /// An application's load on a node above its share of the node's speed.
    case shareLoad
    /// Traffic on a link above its bandwidth.
    case bandwidth
    /// A score or the objective is not a finite number: the instance's figures overflow a 64-bit
    /// float (an instance that passes `InstanceValidator` cannot; MODEL.md, "Magnitudes"). Never
    /// feasible.
    case nonFinite
}

/// One broken constraint: what, where, and by how much.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public let kind: ViolationKind
    /// Where: "application app-0", "node edge-3", "link a -> b".
    public let subject: String
    /// The value found and the limit it breaks (nil for structural problems).
    public let value: Double?
    public let limit: Double?
    /// Unit of `value` and `limit`.
    public let unit: String
    /// Free-text detail for structural problems.
    public let detail: String?

    public init(
        kind: ViolationKind, subject: String, value: Double? = nil, limit: Double? = nil, unit: String = "",
        detail: String? = nil
    ) {
        self.kind = kind
        self.subject = subject
        self.value = value
        self.limit = limit
        self.unit = unit
        self.detail = detail
    }

    /// How far the value is past its limit (positive), in the unit.
    public var excess: Double? {
        guard let value, let limit else { return nil }
        return kind == .accuracy ? limit - value : value - limit
    }

    public var description: String {
        var text = "[\(kind.rawValue)] \(subject)"
        if let value, let limit, let excess {
            let relation = kind == .accuracy ? "<" : ">"
            let u = unit.isEmpty ? "" : " \(unit)"
            text += ": \(NumberFormat.sig(value, 6))\(u) \(relation) \(NumberFormat.sig(limit, 6))\(u)"
            text += " (by \(NumberFormat.sig(excess))\(u)"
            if limit != 0 { text += ", \(NumberFormat.percent(excess / abs(limit)))" }
            text += ")"
        }
        if let detail { text += ": \(detail)" }
        return text
    }
}
