import FINGraph

extension Formulation {
    /// The most the scaled objective's largest coefficient may reach.
    static let largestScaledCoefficient = 1e9

    /// The factor the objective is multiplied by before solving: 1 / (a lower bound on the
    /// optimum), so that the optimum is about 1 and solvers' absolute tolerances (1e-7 and below)
    /// are relative ones. The bound is the sum over applications of the rate times the least
    /// energy of any path (latency bound and capacities ignored). Scaling by the largest
    /// coefficient instead left the optimum at 1e-6 when one edge was far dearer than the rest
    /// (a link of 4 J/bit next to 1e-8 J/bit ones): CBC and GLPK then stopped, each "optimal", at
    /// deployments 9 % and 63 % above the optimum (found by the mutation fuzzer). Without a positive
    /// bound, or when 1 / bound would push the largest coefficient above
    /// `largestScaledCoefficient`, it falls back towards 1 / (largest coefficient).
    static func objectiveScale(energy: [Double], graphs: [ExpandedGraph], rates: [Double]) -> Double {
        let largest = energy.map(abs).max() ?? 0
        guard largest > 0 else { return 1 }
        var bound = 0.0
        for (g, rate) in zip(graphs, rates) {
            guard let path = g.shortestPath(weight: \.energy) else { return 1 / largest }
            bound += rate * path.reduce(0) { $0 + g.edge($1).energy }
        }
        guard bound > 0, bound.isFinite else { return 1 / largest }
        return min(1 / bound, largestScaledCoefficient / largest)
    }
}
