import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK

/// Every solve method the CLI offers, in one place.
enum Methods {
    /// Method names with a one-line description.
    static let all: [(name: String, summary: String)] = [
        ("milp-glpk", "exact MILP (layered-graph flow) solved by GLPK"),
        ("milp-cbc", "exact MILP (layered-graph flow) solved by COIN-OR CBC"),
    ]

    static var names: String { all.map(\.name).joined(separator: ", ") }

    /// The MILP backend of a method name, if it is a MILP method.
    static func milpSolver(_ method: String) -> (any MILPSolver)? {
        switch method {
        case "milp-glpk": return GLPKSolver()
        case "milp-cbc": return CBCSolver()
        default: return nil
        }
    }

    /// The exit status that goes with a solution's status.
    static func exitStatus(_ status: SolutionStatus) -> Int32 {
        switch status {
        case .optimal: return ExitStatus.ok
        case .feasible: return ExitStatus.feasibleNotProven
        case .infeasible: return ExitStatus.infeasible
        case .noSolution: return ExitStatus.noSolution
        case .error: return ExitStatus.software
        }
    }
}
