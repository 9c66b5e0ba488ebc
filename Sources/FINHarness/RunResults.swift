import FINModel

/// `results.csv`: the runs sorted by key (the first row of each key kept), each with how it
/// compares with the other runs of its instance (docs/HARNESS.md, "Columns").
public enum RunResults {
    /// Relative tolerance under which two objectives are the same answer.
    static let sameObjective = 1e-9

    /// The records with their derived fields.
    public static func derive(_ runs: [RunRecord]) -> [RunRecord] {
        var byKey: [String: RunRecord] = [:]
        for r in runs where byKey[r.key] == nil { byKey[r.key] = r }
        let records = byKey.keys.sorted().map { byKey[$0]! }
        // The least objective of any evaluator-feasible row of each instance, proven when a row
        // with that objective is proven optimal.
        var best: [String: (objective: Double, proven: Bool)] = [:]
        // The largest lower bound any row reports (MILP dual bounds, fin-multi's Lagrangian
        // bound, LP relaxations, energy-lower-bound); rows of failed methods are not trusted.
        var bestBound: [String: Double] = [:]
        for r in records {
            if r.status != .error, let b = r.boundJoulesPerSecond {
                bestBound[r.instance] = max(bestBound[r.instance] ?? 0, b)
            }
            guard let x = r.feasibleObjective else { continue }
            if let (b, p) = best[r.instance] {
                if x < b * (1 - sameObjective) {
                    best[r.instance] = (x, r.provenOptimal)
                } else if abs(x - b) <= sameObjective * max(b, 1e-300) {
                    best[r.instance] = (min(x, b), p || r.provenOptimal)
                }
            } else {
                best[r.instance] = (x, r.provenOptimal)
            }
        }
        return records.map { r in
            var r = r
            r.clearDerived()
            if let (b, p) = best[r.instance] {
                r.bestKnownJoulesPerSecond = b
                r.bestKnownIsProven = p
                if let x = r.feasibleObjective { r.gapToBestKnown = b > 0 ? x / b - 1 : 0 }
            }
            if let lb = bestBound[r.instance] {
                r.bestBoundJoulesPerSecond = lb
                // Proven: the answer is at most this fraction above the optimum.
                if let x = r.feasibleObjective, x <= 0 || lb > 0 { r.certifiedGap = x <= 0 ? 0 : max(0, x / lb - 1) }
            }
            return r
        }
    }

    /// The text of `results.csv`.
    public static func text(_ runs: [RunRecord]) -> String {
        RunTable.text(derive(runs), columns: RunRecord.columns + RunRecord.derivedColumns)
    }
}
