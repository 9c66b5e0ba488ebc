import FINModel

/// Checks the status a solution file claims against the evaluator's verdict on its deployments
/// (`finbench evaluate` reports each conflict next to the figures that disagree).
public enum StatusClaim {
    /// One line per conflict, empty when the status agrees with the evaluation: `infeasible` or
    /// `noSolution` while every application is deployed and every constraint holds (the claim is
    /// refuted by the file itself), or `optimal`/`feasible` while a constraint is broken or the
    /// objective is not finite.
    public static func conflicts(_ solution: Solution, _ evaluation: SolutionEvaluation) -> [String] {
        switch solution.status {
        case .infeasible where evaluation.feasible:
            return [
                "status: the file says infeasible, but its deployments deploy every application and break "
                    + "no constraint"
            ]
        case .noSolution where evaluation.feasible:
            return [
                "status: the file says no solution was found, but its deployments deploy every application and "
                    + "break no constraint"
            ]
        case .optimal where !evaluation.feasible, .feasible where !evaluation.feasible:
            let finite = evaluation.objectiveJoulesPerSecond.isFinite
            return [
                "status: the file says \(solution.status.rawValue), but "
                    + (finite
                        ? "the deployments break \(evaluation.violations.count) constraint(s)"
                        : "the objective is not finite")
            ]
        default:
            return []
        }
    }
}
