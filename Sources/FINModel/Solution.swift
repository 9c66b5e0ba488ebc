/// Canonical status of a solve (FORMAT.md).
public enum SolutionStatus: String, Sendable, CaseIterable {
    /// A deployment proven optimal (within the solver's gap tolerance).
    case optimal
    /// A deployment, optimality not proven.
    case feasible
    /// Proven: no deployment exists.
    case infeasible
    /// None found and nothing proven (a time limit, a heuristic that failed).
    case noSolution
    /// The method failed.
    case error
}

/// One transfer of an application's data along a network path.
public struct Transfer: Sendable, Equatable {
    /// 0 for the input; k for block k's output; the final block for the result delivery.
    public var afterBlock: Int
    /// Node ids from the sending host to the receiving one.
    public var path: [String]
    public init(afterBlock: Int, path: [String]) {
        self.afterBlock = afterBlock
        self.path = path
    }
}

/// The deployment of one application (FORMAT.md, "Solution").
public struct Deployment: Sendable, Equatable {
    public var application: String
    /// The block after which the deployment's final exit sits.
    public var exitAfterBlock: Int
    /// `hosts[i]` hosts block i + 1.
    public var hosts: [String]
    /// Share of each hosting node's speed, when the instance has share levels.
    public var shares: [String: Double]?
    /// Every transfer whose two ends differ, input and result delivery included.
    public var transfers: [Transfer]
    /// Scores as written in a file; the evaluator recomputes them, never trusts them.
    public var energyJoules: Double?
    public var latencySeconds: Double?
    public var accuracy: Double?
    /// Optional split of `energyJoules` (a workbench extension of FORMAT.md).
    public var computeEnergyJoules: Double?
    public var communicationEnergyJoules: Double?

    public init(
        application: String, exitAfterBlock: Int, hosts: [String], shares: [String: Double]? = nil,
        transfers: [Transfer]
    ) {
        self.application = application
        self.exitAfterBlock = exitAfterBlock
        self.hosts = hosts
        self.shares = shares
        self.transfers = transfers
    }
}

/// A solution document (`fin-solution/1`).
public struct Solution: Sendable, Equatable {
    public static let formatTag = "fin-solution/1"

    /// Name of the instance solved.
    public var instance: String
    public var method: String
    /// The method's parameters, as given.
    public var parameters: [String: JSONValue]
    public var status: SolutionStatus
    /// Total energy (J/s) of the deployments, absent without deployments.
    public var objectiveJoulesPerSecond: Double?
    /// A proven lower bound on the optimum, where the method has one.
    public var boundJoulesPerSecond: Double?
    /// (objective - bound) / objective, 0 when both are 0.
    public var gap: Double?
    public var wallSeconds: Double?
    public var deployments: [Deployment]
    /// Extra information from the method (solver version, node counts, an error message):
    /// a workbench extension of FORMAT.md, written under "info".
    public var info: [String: JSONValue]

    public init(
        instance: String, method: String, parameters: [String: JSONValue] = [:], status: SolutionStatus,
        objectiveJoulesPerSecond: Double? = nil, boundJoulesPerSecond: Double? = nil, gap: Double? = nil,
        wallSeconds: Double? = nil, deployments: [Deployment] = [], info: [String: JSONValue] = [:]
    ) {
        self.instance = instance
        self.method = method
        self.parameters = parameters
        self.status = status
        self.objectiveJoulesPerSecond = objectiveJoulesPerSecond
        self.boundJoulesPerSecond = boundJoulesPerSecond
        self.gap = gap
        self.wallSeconds = wallSeconds
        self.deployments = deployments
        self.info = info
    }

    /// The relative gap of FORMAT.md: (objective - bound) / objective, 0 when both are 0,
    /// nil when either is missing. Computed by the workbench, never taken from a solver.
    public static func relativeGap(objective: Double?, bound: Double?) -> Double? {
        guard let objective, let bound else { return nil }
        // Energy is never negative, so an objective of 0 is optimal whatever the bound says.
        guard objective > 0 else { return 0 }
        return max(0, (objective - bound) / objective)
    }
}
