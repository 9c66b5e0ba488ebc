import FINModel

/// One run of the harness: a method on an instance, what it answered, and (in `results.csv`)
/// how the answer compares with the best known one. One record type; `RunRecord.columns` is the
/// one table that writes and reads it (docs/HARNESS.md, "Columns").
public struct RunRecord: Sendable, Equatable {
    // The job.
    /// "instance|method label": unique within a sweep, the resume key.
    public var key = ""
    public var sweep = ""
    public var instance = ""
    /// The generator preset, or `paper` / `users` for the papers' scenarios.
    public var preset = ""
    public var nodes = 0
    public var links = 0
    public var applications = 0
    /// Blocks of the largest model.
    public var blocks = 0
    public var seed: UInt64 = 0
    public var generatorVersion = ""
    /// The first application's bound and target.
    public var maxLatencySeconds: Double?
    public var minAccuracy: Double?
    public var method = ""
    /// The method's parameters as JSON text (sorted keys), "{}" for none.
    public var parameters = "{}"

    // The answer.
    /// Solver name and version (MILP and LP methods).
    public var solver = ""
    /// The solution's status; `error` for a kill, a crash or a missing solution.
    public var status: SolutionStatus = .error
    /// The evaluator's objective of the deployments, J/s.
    public var objectiveJoulesPerSecond: Double?
    public var boundJoulesPerSecond: Double?
    /// The workbench's gap from the solution's objective and bound.
    public var solverGap: Double?
    public var provenOptimal = false
    /// The evaluator's verdict on the deployments (nil without deployments).
    public var feasibleByEvaluator: Bool?
    /// The method's own time.
    public var wallSeconds: Double?
    /// The child process's time, start-up included.
    public var processWallSeconds: Double?
    public var cpuSeconds: Double?
    public var branchAndBoundNodes: Double?
    public var computeJoulesPerSecond: Double?
    public var communicationJoulesPerSecond: Double?
    public var message = ""
    public var gitRevision = ""
    public var finbenchVersion = ""

    // How hard the instance is (`FINHardness`; docs/INSTANCES.md).
    /// Applications whose fastest and cheapest deployments differ (a trade-off to decide).
    public var tradeOffApplications: Int?
    /// The median over applications of where the bound sits between the fastest deployment (0)
    /// and the source alone (1).
    public var boundPositionMedian: Double?
    /// Deployments of this run that run entirely on their source, with no transfer.
    public var onSourceApplications: Int?

    // Derived over every run of the instance (`results.csv` only).
    public var bestKnownJoulesPerSecond: Double?
    public var bestKnownIsProven: Bool?
    public var gapToBestKnown: Double?
    public var bestBoundJoulesPerSecond: Double?
    public var certifiedGap: Double?

    public init() {}

    /// The method and its parameters, as the report labels it ("fin {"gamma": 50, ...}").
    public var methodLabel: String { parameters == "{}" || parameters.isEmpty ? method : "\(method) \(parameters)" }

    /// Feasible by the evaluator.
    public var isFeasible: Bool { feasibleByEvaluator == true }

    /// The objective of a feasible answer.
    public var feasibleObjective: Double? { isFeasible ? objectiveJoulesPerSecond : nil }
}
