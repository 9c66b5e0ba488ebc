import FINModel

/// Counts over the applications of one or more hardness reports.
public struct HardnessSummary: Sendable, Equatable {
    public var applications = 0
    /// Applications whose fastest and cheapest deployments differ.
    public var tradeOff = 0
    /// Applications whose bound lies below the source-alone latency (bound position < 1).
    public var boundBelowSourceAlone = 0
    /// Applications whose source-alone deployment is feasible.
    public var sourceAloneFeasible = 0
    /// Applications with a known optimum, and among them: on the source, latency at the bound,
    /// some capacity (memory, speed, bandwidth) or share at capacity.
    public var solved = 0
    public var onSource = 0
    public var latencyAtBound = 0
    public var capacityAtLimit = 0
    public var shareAtLimit = 0
    /// Per-application solves only: the bound, or the capacities, cost energy.
    public var latencyBinds = 0
    public var capacityBinds = 0

    public init(_ rows: [ApplicationHardness]) {
        for r in rows { add(r) }
    }

    public mutating func add(_ r: ApplicationHardness) {
        applications += 1
        if r.fastestDiffersFromCheapest { tradeOff += 1 }
        if let p = r.boundPosition, p < 1 { boundBelowSourceAlone += 1 }
        if r.sourceAloneFeasible { sourceAloneFeasible += 1 }
        guard let on = r.optimumOnSource else { return }
        solved += 1
        if on { onSource += 1 }
        if r.latencyAtBound == true { latencyAtBound += 1 }
        if r.memoryAtCapacity == true || r.loadAtCapacity == true || r.bandwidthAtCapacity == true {
            capacityAtLimit += 1
        }
        if r.shareAtCapacity == true { shareAtLimit += 1 }
        if r.latencyBinds == true { latencyBinds += 1 }
        if r.capacityBinds == true { capacityBinds += 1 }
    }

    /// One line of text.
    public var line: String {
        var s =
            "\(applications) application(s): \(tradeOff) with fastest != cheapest, "
            + "\(boundBelowSourceAlone) with the bound below the source-alone latency, "
            + "\(sourceAloneFeasible) with a feasible source-alone deployment"
        if solved > 0 {
            s +=
                "; optimum known for \(solved): \(onSource) on the source, \(latencyAtBound) latency at the bound,"
                + " \(capacityAtLimit) a capacity at its limit, \(shareAtLimit) a share at its limit"
            if latencyBinds + capacityBinds > 0 {
                s += ", \(latencyBinds) cheaper without the bound, \(capacityBinds) cheaper without the capacities"
            }
        }
        return s
    }

    /// The counts as a JSON object.
    public var json: JSONValue {
        let fields: [(String, Int)] = [
            ("applications", applications), ("trade_off", tradeOff),
            ("bound_below_source_alone", boundBelowSourceAlone), ("source_alone_feasible", sourceAloneFeasible),
            ("solved", solved), ("on_source", onSource), ("latency_at_bound", latencyAtBound),
            ("capacity_at_limit", capacityAtLimit), ("share_at_limit", shareAtLimit),
            ("latency_binds", latencyBinds), ("capacity_binds", capacityBinds),
        ]
        return .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.0, JSONValue.number(Double($0.1))) }))
    }
}
