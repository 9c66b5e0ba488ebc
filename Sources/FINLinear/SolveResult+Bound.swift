extension SolveResult {
    /// The one place where a backend's raw incumbent and dual bound become the result's
    /// `objective` and `bound`, for every backend: the objective constant is added to both; a
    /// bound past the incumbent is clamped to it; a bound is dropped when it is not finite or
    /// beyond 1e40 (a solver's "no bound"); an optimum proven with no gap tolerance (not a stop
    /// on the gap), or an LP optimum, has its bound equal to its objective.
    ///
    /// `rawObjective` is nil without an incumbent; `stoppedOnGap` says the backend stopped
    /// because the gap fell under the tolerance (then the bound stays the solver's).
    public mutating func settle(
        rawObjective: Double?, rawBound: Double?, model: LinearModel, options: SolveOptions, stoppedOnGap: Bool
    ) {
        let constant = model.objectiveConstant
        let bound = rawBound.flatMap { $0.isFinite && abs($0) < 1e40 ? $0 + constant : nil }
        guard let raw = rawObjective, status == .optimal || status == .feasible else {
            objective = nil
            self.bound = status == .noSolution ? bound : nil
            return
        }
        let incumbent = raw + constant
        objective = incumbent
        if let bound {
            self.bound = model.sense == .minimize ? min(bound, incumbent) : max(bound, incumbent)
        } else {
            self.bound = nil
        }
        let isMIP = model.variables.contains(where: \.isInteger)
        if status == .optimal && (!isMIP || ((options.relativeGap ?? 0) == 0 && !stoppedOnGap)) {
            self.bound = incumbent
        }
    }
}
