import FINModel

extension Evaluator {
    /// A violation for each score of a deployment that is not a finite number (figures that
    /// overflow a 64-bit float): such a deployment is never feasible, and its scores cannot be
    /// written to a JSON file.
    func nonFiniteViolations(_ application: String, _ s: DeploymentScores) -> [Violation] {
        let figures = [
            ("energyJoules", s.energyJoules), ("computeEnergyJoules", s.computeEnergyJoules),
            ("communicationEnergyJoules", s.communicationEnergyJoules), ("latencySeconds", s.latencySeconds),
            ("accuracy", s.accuracy),
        ]
        let broken = figures.filter { !$0.1.isFinite }
        guard !broken.isEmpty else { return [] }
        let list = broken.map { "\($0.0) \(NumberFormat.sig($0.1))" }.joined(separator: ", ")
        return [
            Violation(
                kind: .nonFinite, subject: "application \(application)",
                detail: "\(list): the figures overflow a 64-bit float")
        ]
    }
}
