import Foundation

/// Options every backend understands.
public struct SolveOptions: Sendable, Equatable {
    /// Wall-clock limit in seconds; nil for none.
    public var timeLimitSeconds: Double?
    /// Stop when (incumbent - bound) / |incumbent| is at most this; nil for the solver's default.
    public var relativeGap: Double?
    /// Solver threads (default 1: reproducible, and fair between solvers).
    public var threads: Int = 1
    /// Let the solver print its log.
    public var verbose: Bool = false

    public init(timeLimitSeconds: Double? = nil, relativeGap: Double? = nil, threads: Int = 1, verbose: Bool = false) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.threads = threads
        self.verbose = verbose
    }
}

/// The canonical outcome of a solve, the same for every backend.
public enum SolveStatus: String, Sendable, CaseIterable {
    /// Proven optimal (within the gap tolerance asked for).
    case optimal
    /// An incumbent, optimality not proven (a limit was hit).
    case feasible
    /// Proven: no feasible point.
    case infeasible
    /// Proven: the objective is unbounded (or the relaxation is, with no integer point known).
    case unbounded
    /// No incumbent and nothing proven (a limit was hit).
    case noSolution
    /// The solver failed.
    case error
}

/// What a backend returns. `objective` and `bound` include the model's constant (`settle`); the
/// gap is the workbench's, from them (`Solution.relativeGap`), never taken from the solver.
public struct SolveResult: Sendable {
    public var status: SolveStatus
    /// Objective of the incumbent, if there is one.
    public var objective: Double?
    /// Best proven bound (a lower bound when minimising), if the solver has one.
    public var bound: Double?
    /// The incumbent, if there is one.
    public var values: [Double]?
    /// Branch-and-bound nodes, where the solver reports them.
    public var nodes: Int?
    public var wallSeconds: Double
    /// Solver name and version ("glpk 5.0").
    public var solver: String
    /// The solver's raw codes, for the record ("glp_intopt=0 glp_mip_status=5").
    public var rawStatus: String
    /// Why the solve failed, for `.error`.
    public var message: String?

    public init(
        status: SolveStatus, objective: Double? = nil, bound: Double? = nil, values: [Double]? = nil,
        nodes: Int? = nil, wallSeconds: Double, solver: String, rawStatus: String, message: String? = nil
    ) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.values = values
        self.nodes = nodes
        self.wallSeconds = wallSeconds
        self.solver = solver
        self.rawStatus = rawStatus
        self.message = message
    }
}

/// A MILP backend. Conforming types are one file each and hold no per-solve state.
public protocol MILPSolver: Sendable {
    /// Short name ("glpk", "cbc").
    var name: String { get }
    /// The library's version.
    var version: String { get }
    /// Solves a model the caller has checked with `LinearModel.problems()` and that has at
    /// least one variable (`solve(_:with:options:)` handles the rest).
    func solveNonEmpty(_ model: LinearModel, options: SolveOptions) -> SolveResult
}

extension MILPSolver {
    /// Solves a model: rejects malformed ones, answers trivial ones (no variables, crossed
    /// bounds) without calling the library, and hands the rest to the backend.
    public func solve(_ model: LinearModel, options: SolveOptions = SolveOptions()) -> SolveResult {
        let start = Date()
        let label = "\(name) \(version)"
        let problems = model.problems()
        if !problems.isEmpty {
            return SolveResult(
                status: .error, wallSeconds: Date().timeIntervalSince(start), solver: label,
                rawStatus: "not called", message: "malformed model: " + problems.prefix(5).joined(separator: "; "))
        }
        if model.variables.contains(where: { $0.lower > $0.upper })
            || model.constraints.contains(where: { $0.lower > $0.upper })
        {
            return SolveResult(
                status: .infeasible, wallSeconds: Date().timeIntervalSince(start), solver: label,
                rawStatus: "not called: crossed bounds")
        }
        if model.variables.isEmpty {
            let feasible = model.constraints.allSatisfy { $0.lower <= 0 && 0 <= $0.upper }
            return SolveResult(
                status: feasible ? .optimal : .infeasible, objective: feasible ? model.objectiveConstant : nil,
                bound: feasible ? model.objectiveConstant : nil, values: feasible ? [] : nil,
                wallSeconds: Date().timeIntervalSince(start), solver: label, rawStatus: "not called: no variables")
        }
        var result = solveNonEmpty(model, options: options)
        result.wallSeconds = Date().timeIntervalSince(start)
        return result
    }
}
