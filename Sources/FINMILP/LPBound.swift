import FINLinear
import FINModel
import Foundation

/// The LP relaxation of the MILP (`Formulation` with integrality dropped), solved by a
/// backend: a lower bound on the optimum, no deployment. Valid for every instance the MILP
/// covers, share levels included; weaker than `fin-multi`'s Lagrangian bound at its best prices
/// (whose subproblems keep each application's path integral), but it needs no iterations.
public enum LPBound {
    /// Relative margin taken off the LP value (see `solve`).
    public static let safety = 1e-6

    /// Solves the relaxation. Status `noSolution` with the bound in `boundJoulesPerSecond`;
    /// `infeasible` when even the relaxation is (a proof that the instance is); `error` when
    /// the backend fails or stops before proving the LP optimum (a time limit: no valid bound).
    public static func solve(_ instance: Instance, solver: any MILPSolver, options: SolveOptions = SolveOptions())
        -> Solution
    {
        let start = Date()
        let formulation = Formulation(instance)
        let result = solver.solve(formulation.model.relaxation(), options: options)
        var parameters: [String: JSONValue] = [:]
        if let t = options.timeLimitSeconds { parameters["timeLimitSeconds"] = .number(t) }
        var solution = Solution(
            instance: instance.name, method: "lp-\(solver.name)", parameters: parameters, status: .error,
            info: [
                "solver": .string(result.solver), "solverStatus": .string(result.rawStatus),
                "variables": .number(Double(formulation.model.variables.count)),
                "constraints": .number(Double(formulation.model.constraints.count)),
                "solveSeconds": .number(result.wallSeconds),
            ])
        switch result.status {
        case .optimal:
            // The LP optimum (not the dual bound a MIP search reports) is the bound.
            guard let x = result.objective else {
                solution.info["message"] = .string("the solver reports an optimal LP without an objective value")
                break
            }
            // An LP optimum is exact only up to the solver's optimality tolerances (reduced costs
            // within 1e-7 are taken as zero): a value 1e-8 relative above the true minimum was
            // seen on a tiny instance. The bound is lowered by `safety` to stay below it.
            solution.status = .noSolution
            solution.boundJoulesPerSecond = max(0, x / formulation.objectiveScale * (1 - safety))
            solution.info["message"] = .string("a lower bound only (LP relaxation of the MILP); no deployment")
        case .infeasible:
            solution.status = .infeasible
            solution.info["message"] = .string("the LP relaxation is infeasible, so the instance is")
        case .feasible, .noSolution:
            solution.info["message"] = .string(
                "the LP was not solved to optimality within the limits: no valid bound (\(result.rawStatus))")
        case .unbounded:
            solution.info["message"] = .string(
                "the solver reports the LP unbounded; energies are non-negative, so this is a solver or formulation bug"
            )
        case .error:
            solution.info["message"] = .string(result.message ?? "solver error (\(result.rawStatus))")
        }
        solution.wallSeconds = Date().timeIntervalSince(start)
        return solution
    }
}
