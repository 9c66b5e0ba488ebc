import FINModel

extension MethodDescriptor {
    /// `solution` unless it holds a number that is not finite (an objective or a score that
    /// overflowed): then status `error`, no deployments, objective, bound or gap, and what was
    /// wrong in `info.message`. An objective of infinity is never an answer, and JSON cannot
    /// hold it.
    static func finite(_ solution: Solution) -> Solution {
        let paths = JSONWriter.nonFinitePaths(in: SolutionFile.encode(solution))
        guard !paths.isEmpty else { return solution }
        var out = solution
        out.status = .error
        out.deployments = []
        out.objectiveJoulesPerSecond = nil
        out.boundJoulesPerSecond = nil
        out.gap = nil
        out.wallSeconds = solution.wallSeconds.flatMap { $0.isFinite ? $0 : nil }
        out.info = solution.info.filter { JSONWriter.nonFinitePaths(in: $0.value).isEmpty }
        out.info["message"] = .string(
            "internal error, the answer holds numbers that are not finite at "
                + paths.prefix(5).joined(separator: ", ") + " (figures that overflow a 64-bit float)")
        return out
    }
}
