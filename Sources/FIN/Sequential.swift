import FINEvaluator
import FINGraph
import FINModel
import Foundation

/// Deploys the applications of an instance one at a time, each on the capacities the previous
/// ones left, in a `FINMethod.Order` (the heaviest first by default). FIN, its variants and the baselines
/// differ only in how they deploy one application; this is the rest, written once. Without
/// applications every method answers `optimal` with energy 0 (as the MILP does).
enum Sequential {
    /// `deploy(graph, residual)` returns one application's deployment on its graph (built on
    /// the residual capacities), or nil. The answer is re-scored by the evaluator.
    /// `exhaustive`: `deploy` finds a deployment whenever one exists on the capacities it is
    /// given (FIN-exact), so that a single application it cannot deploy is proven infeasible.
    static func solve(
        _ instance: Instance, method: String, order: FINMethod.Order = .heaviestFirst,
        parameters: [String: JSONValue] = [:],
        exhaustive: Bool = false,
        deploy: (ExpandedGraph, Capacities) -> (deployment: Deployment, labels: Int)?
    ) -> Solution {
        let start = Date()
        let evaluator = Evaluator(instance)
        let index = evaluator.index
        let withShares = instance.shareLevels != nil
        let order = FINMethod.order(index, order)
        var residual = Capacities(index)
        var deployments: [Deployment?] = Array(repeating: nil, count: instance.applications.count)
        var failed: [String] = []
        var labels = 0
        // True when no search found a deployment (as opposed to one found and then refused).
        var searchFailed = false
        for a in order {
            let graph = ExpandedGraph(index, application: a, levels: instance.shareLevels ?? [1], capacities: residual)
            guard let found = deploy(graph, residual) else {
                failed.append(instance.applications[a].id)
                searchFailed = true
                continue
            }
            var d = found.deployment
            labels += found.labels
            if withShares { d = FINMethod.settleShares(d, evaluator, residual) }
            let e = evaluator.evaluate(d)
            guard e.feasible, let footprint = e.deployments[0].footprint,
                residual.admits(footprint, withShares: withShares)
            else {
                failed.append(instance.applications[a].id)
                continue
            }
            residual.consume(footprint, withShares: withShares)
            deployments[a] = d
        }
        var solution = Solution(
            instance: instance.name, method: method, parameters: parameters, status: .feasible,
            info: [
                "labels": .number(Double(labels)), "order": .array(order.map { .string(instance.applications[$0].id) }),
            ])
        if !failed.isEmpty {
            solution.status = .noSolution
            solution.info["message"] = .string(
                "no deployment found for \(failed.joined(separator: ", ")) on the capacities left")
            if exhaustive && searchFailed && instance.applications.count == 1 {
                // The one application's search ran on the instance's own capacities and is
                // exhaustive: no deployment exists.
                solution.status = .infeasible
                solution.info["message"] = .string("no deployment of \(failed[0]) exists (exhaustive search)")
            }
        } else if instance.applications.isEmpty {
            // Nothing to deploy: the empty deployment is optimal, of energy 0.
            solution = evaluator.checked(solution)
            solution.status = .optimal
            solution.objectiveJoulesPerSecond = 0
            solution.boundJoulesPerSecond = 0
            solution.gap = 0
        } else {
            // Each deployment fitted the capacities left; together they must fit too.
            solution.deployments = deployments.compactMap { $0 }
            solution = evaluator.checked(solution)
        }
        solution.wallSeconds = Date().timeIntervalSince(start)
        return solution
    }
}
