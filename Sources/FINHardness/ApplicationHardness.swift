import FINModel

/// How much there is to decide for one application (docs/INSTANCES.md). The static figures
/// need no solver; the `optimum...` and binding fields are filled by `Hardness.analyze(_:solve:)`
/// (the application's exact optimum alone, FIN-exact) or `Hardness.analyze(_:solution:)` (the
/// deployments of a solution, e.g. CBC's joint optimum), and are nil otherwise. Every field is
/// a scalar, so the harness can write one CSV column per field (`csvColumns`, `csvRow`).
public struct ApplicationHardness: Sendable, Equatable {
    /// Application id, model id, source node id.
    public var application: String
    public var model: String
    public var source: String
    /// Blocks after which the exits that meet the accuracy target sit, shallowest first.
    public var admissibleExits: [Int]
    /// The application's latency bound (s).
    public var boundSeconds: Double
    /// The least latency of any deployment, ties broken by energy (MCP's label search on the
    /// application's own graph: its bound ignored, capacities as in the instance, other
    /// applications ignored), and that deployment's energy (J per inference). Nil: none exists.
    public var fastestSeconds: Double?
    public var fastestJoules: Double?
    /// The least energy of any deployment, the bound ignored (a cheapest path on the same graph:
    /// each block's and transfer's capacities on their own, not their sums), and its latency.
    public var cheapestJoules: Double?
    public var cheapestSeconds: Double?
    /// The fastest and the cheapest deployment differ (hosts, exit or transfers): there is an
    /// energy/latency trade-off for the bound to cut.
    public var fastestDiffersFromCheapest: Bool
    /// The source computing the shallowest admissible exit alone, then sending the result by the
    /// fastest route: the fastest and cheapest source-only deployment. Latency, energy, and
    /// whether it meets the bound, the source's memory and its speed (at the top share level).
    /// Nil when the source cannot compute.
    public var sourceAloneSeconds: Double?
    public var sourceAloneJoules: Double?
    public var sourceAloneFeasible: Bool
    /// Where the bound sits: (bound - fastest) / (sourceAlone - fastest). Below 1 the source
    /// alone is too slow; nil when the source alone is at least as fast as any deployment.
    public var boundPosition: Double?

    /// The optimum (or the given solution's deployment) of this application: energy (J per
    /// inference), latency, final exit; nil when not solved or none found.
    public var optimumJoules: Double?
    public var optimumSeconds: Double?
    public var optimumExit: Int?
    /// Every block on the source (a result delivery to a destination allowed), and in addition
    /// no transfer at all.
    public var optimumOnSource: Bool?
    public var optimumWithoutTransfers: Bool?
    /// The latency is within 1e-6 (relative) of the bound.
    public var latencyAtBound: Bool?
    /// The bound costs energy: lifting it makes the application cheaper (per-application solve:
    /// its optimum alone; with a solution: on the capacities the other deployments leave).
    public var latencyBinds: Bool?
    /// A node hosting the application has its memory, or its speed, full (within 1e-6,
    /// every deployment of the solution counted); a link it uses is full.
    public var memoryAtCapacity: Bool?
    public var loadAtCapacity: Bool?
    public var bandwidthAtCapacity: Bool?
    /// With share levels: a hosting node's shares sum to 1 over two or more applications, or the
    /// application's load fills its share of a node.
    public var shareAtCapacity: Bool?
    /// Capacities cost energy: with memory, speed and bandwidth unlimited the application would
    /// be cheaper (its optimum alone, or with the other deployments of a solution fixed).
    public var capacityBinds: Bool?

    /// The application's deployment is trivial: the optimum runs every block on the source.
    public var trivial: Bool? { optimumOnSource }

    /// Column names, in `csvRow`'s order.
    public static let csvColumns = [
        "application", "model", "source", "admissible_exits", "bound_s", "fastest_s", "fastest_j", "cheapest_j",
        "cheapest_s", "fastest_differs_from_cheapest", "source_alone_s", "source_alone_j", "source_alone_feasible",
        "bound_position", "optimum_j", "optimum_s", "optimum_exit", "optimum_on_source", "optimum_without_transfers",
        "latency_at_bound", "latency_binds", "memory_at_capacity", "load_at_capacity", "bandwidth_at_capacity",
        "share_at_capacity", "capacity_binds",
    ]

    /// The fields as text (numbers to 10 significant digits, booleans true/false, nil empty;
    /// admissible exits joined by `;`).
    public var csvRow: [String] {
        func n(_ x: Double?) -> String { x.map { NumberFormat.sig($0, 10) } ?? "" }
        func b(_ x: Bool?) -> String { x.map { $0 ? "true" : "false" } ?? "" }
        func i(_ x: Int?) -> String { x.map(String.init) ?? "" }
        return [
            application, model, source, admissibleExits.map(String.init).joined(separator: ";"), n(boundSeconds),
            n(fastestSeconds), n(fastestJoules), n(cheapestJoules), n(cheapestSeconds), b(fastestDiffersFromCheapest),
            n(sourceAloneSeconds), n(sourceAloneJoules), b(sourceAloneFeasible), n(boundPosition), n(optimumJoules),
            n(optimumSeconds), i(optimumExit), b(optimumOnSource), b(optimumWithoutTransfers), b(latencyAtBound),
            b(latencyBinds), b(memoryAtCapacity), b(loadAtCapacity), b(bandwidthAtCapacity), b(shareAtCapacity),
            b(capacityBinds),
        ]
    }

    /// The fields as a JSON object (nil fields left out), keyed by the CSV column names.
    public var json: JSONValue {
        var out: [String: JSONValue] = [:]
        for (key, text) in zip(Self.csvColumns, csvRow) where !text.isEmpty {
            switch key {
            case "application", "model", "source": out[key] = .string(text)
            case "admissible_exits": out[key] = .array(admissibleExits.map { .number(Double($0)) })
            default:
                if text == "true" || text == "false" {
                    out[key] = .bool(text == "true")
                } else if let x = Double(text) {
                    out[key] = .number(x)
                }
            }
        }
        if admissibleExits.isEmpty { out["admissible_exits"] = .array([]) }
        return .object(out)
    }
}
