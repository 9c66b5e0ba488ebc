import FINEvaluator
import FINLinear
import FINModel
import Foundation

/// The exact method: build the formulation, solve it with a backend, decode, re-score with
/// the evaluator, and check that the evaluator agrees with the formulation.
public enum MILPMethod {
    /// The solution and what the solver said.
    public struct Outcome: Sendable {
        public let solution: Solution
        public let result: SolveResult
        public let variables: Int
        public let constraints: Int
        public let nonzeros: Int
    }

    /// Solves `instance` (valid) with `solver`. Never throws: a failure is a solution with
    /// status `error` and a message in `info.message`. With a `deadline`, the solver gets at most
    /// the time left after building the formulation (none left: status `noSolution`).
    public static func solve(
        _ instance: Instance, solver: any MILPSolver, options: SolveOptions = SolveOptions(), deadline: Date? = nil
    ) -> Outcome {
        let start = Date()
        let formulation = Formulation(instance)
        let built = Date()
        var solverOptions = options
        if let deadline {
            let left = deadline.timeIntervalSince(built)
            solverOptions.timeLimitSeconds = min(options.timeLimitSeconds ?? .infinity, max(left, 0))
        }
        let result =
            solverOptions.timeLimitSeconds == 0
            ? SolveResult(
                status: .noSolution, wallSeconds: 0, solver: "\(solver.name) \(solver.version)",
                rawStatus: "not called: the deadline passed while building")
            : solver.solve(formulation.model, options: solverOptions)
        var parameters: [String: JSONValue] = ["threads": .number(Double(options.threads))]
        if let t = options.timeLimitSeconds { parameters["timeLimitSeconds"] = .number(t) }
        if let g = options.relativeGap { parameters["relativeGap"] = .number(g) }
        var info: [String: JSONValue] = [
            "solver": .string(result.solver),
            "solverStatus": .string(result.rawStatus),
            "variables": .number(Double(formulation.model.variables.count)),
            "constraints": .number(Double(formulation.model.constraints.count)),
            "nonzeros": .number(Double(formulation.model.nonzeroCount)),
            "buildSeconds": .number(built.timeIntervalSince(start)),
            "solveSeconds": .number(result.wallSeconds),
        ]
        if let nodes = result.nodes { info["branchAndBoundNodes"] = .number(Double(nodes)) }
        var solution = Solution(
            instance: instance.name, method: "milp-\(solver.name)", parameters: parameters,
            status: .error, info: info)
        let scale = formulation.objectiveScale
        let bound = result.bound.map { max(0, $0 / scale) }

        func finish(_ s: Solution) -> Outcome {
            var s = s
            s.wallSeconds = Date().timeIntervalSince(start)
            return Outcome(
                solution: s, result: result, variables: formulation.model.variables.count,
                constraints: formulation.model.constraints.count, nonzeros: formulation.model.nonzeroCount)
        }
        func fail(_ message: String) -> Outcome {
            var s = solution
            s.status = .error
            s.deployments = []
            s.info["message"] = .string(message)
            return finish(s)
        }

        switch result.status {
        case .infeasible:
            solution.status = .infeasible
            return finish(solution)
        case .noSolution:
            solution.status = .noSolution
            solution.boundJoulesPerSecond = bound
            return finish(solution)
        case .unbounded:
            return fail(
                "the solver reports the MILP unbounded; energies are non-negative, so this is a solver or formulation "
                    + "bug (\(result.rawStatus))"
            )
        case .error:
            return fail(result.message ?? "solver error (\(result.rawStatus))")
        case .optimal, .feasible:
            break
        }
        guard let values = result.values else { return fail("the solver returned no values") }
        let decoded: (deployments: [Deployment], kept: [Int])
        do {
            decoded = try Decoder(formulation: formulation).decode(values)
        } catch {
            return fail(error.description)
        }
        solution.deployments = decoded.deployments
        solution.boundJoulesPerSecond = bound
        solution.status = result.status == .optimal ? .optimal : .feasible
        let evaluator = Evaluator(index: formulation.index)
        let (rescored, evaluation) = evaluator.rescored(solution)
        guard evaluation.feasible else {
            return fail(
                "the decoded deployment is infeasible by the evaluator: "
                    + evaluation.violations.map(\.description).joined(separator: "; "))
        }
        // The formulation's objective on exactly the arcs kept must be the evaluator's.
        let formulationObjective = decoded.kept.reduce(0) { $0 + formulation.energy[$1] }
        let evaluatorObjective = evaluation.objectiveJoulesPerSecond
        guard abs(formulationObjective - evaluatorObjective) <= 1e-9 * max(abs(evaluatorObjective), 1e-300) else {
            return fail(
                "formulation objective \(formulationObjective) J/s disagrees with the evaluator's "
                    + "\(evaluatorObjective) J/s"
            )
        }
        var out = rescored
        if let b = out.boundJoulesPerSecond, let o = out.objectiveJoulesPerSecond, b > o {
            // Solver tolerances can put the bound a hair above the incumbent.
            out.boundJoulesPerSecond = o
        }
        out.gap = Solution.relativeGap(objective: out.objectiveJoulesPerSecond, bound: out.boundJoulesPerSecond)
        return finish(out)
    }
}
