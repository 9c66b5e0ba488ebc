import FINLinear

/// A model with the outcome every backend must report.
public struct ConformanceProblem: Sendable {
    public let name: String
    public let model: LinearModel
    /// Acceptable statuses (a time-limit problem may legitimately end either way on a fast machine).
    public let expected: Set<SolveStatus>
    /// The optimum, when known.
    public let optimum: Double?
    public let options: SolveOptions
}

/// The conformance suite run against every backend (as in MathOptInterface's shared tests):
/// known optima, infeasible, unbounded, empty, constant objective, huge coefficient range,
/// and time limits with and without an incumbent.
public enum ConformanceProblems {
    public static func all() -> [ConformanceProblem] {
        var out: [ConformanceProblem] = []
        func add(
            _ name: String, _ expected: Set<SolveStatus>, _ optimum: Double?, options: SolveOptions = SolveOptions(),
            _ build: (inout LinearModel) -> Void
        ) {
            var m = LinearModel(name: name)
            build(&m)
            out.append(ConformanceProblem(name: name, model: m, expected: expected, optimum: optimum, options: options))
        }
        add("lp-max", [.optimal], 11) { m in
            m.sense = .maximize
            let x = m.addVariable("x", upper: 3, objective: 3)
            let y = m.addVariable("y", objective: 2)
            m.addConstraint("a", [(x, 1), (y, 1)], upper: 4)
            m.addConstraint("b", [(x, 1), (y, 3)], upper: 6)
        }
        add("lp-equality-free-variable", [.optimal], -5) { m in
            let x = m.addVariable("x", lower: -5, upper: 5, objective: 1)
            let y = m.addVariable("y", lower: -.infinity, upper: 3, objective: -1)
            m.addConstraint("sum", [(x, 1), (y, 1)], lower: 1, upper: 1)
        }
        add("lp-ranged-row", [.optimal], 2) { m in
            let x = m.addVariable("x", objective: 1)
            let y = m.addVariable("y", objective: 1)
            m.addConstraint("range", [(x, 1), (y, 2)], lower: 4, upper: 6)
            m.addConstraint("x-min", [(x, 1)], lower: 0)
        }
        add("milp-knapsack", [.optimal], 9) { m in
            m.sense = .maximize
            let v = [5.0, 4, 3].enumerated().map { m.addBinary("v\($0.offset)", objective: $0.element) }
            m.addConstraint("w1", [(v[0], 2), (v[1], 3), (v[2], 1)], upper: 5)
            m.addConstraint("w2", [(v[0], 4), (v[1], 1), (v[2], 2)], upper: 11)
            m.addConstraint("w3", [(v[0], 3), (v[1], 4), (v[2], 2)], upper: 8)
        }
        add("milp-general-integers", [.optimal], 2) { m in
            let x = m.addVariable("x", integer: true, objective: 1)
            let y = m.addVariable("y", integer: true, objective: 1)
            m.addConstraint("cover", [(x, 2), (y, 2)], lower: 3)
        }
        add("milp-objective-constant", [.optimal], 11) { m in
            let x = m.addVariable("x", lower: 1, upper: 10, integer: true, objective: 1)
            m.objectiveConstant = 10
            m.addConstraint("x>=1", [(x, 1)], lower: 1)
        }
        add("milp-infeasible", [.infeasible], nil) { m in
            let x = m.addBinary("x")
            let y = m.addBinary("y")
            m.addConstraint("ge3", [(x, 1), (y, 1)], lower: 3)
        }
        add("milp-integer-infeasible-lp-feasible", [.infeasible], nil) { m in
            let x = m.addVariable("x", upper: 5, integer: true, objective: 1)
            let y = m.addVariable("y", upper: 5, integer: true, objective: 1)
            m.addConstraint("odd", [(x, 2), (y, 2)], lower: 3, upper: 3)
        }
        add("lp-infeasible", [.infeasible], nil) { m in
            let x = m.addVariable("x", objective: 1)
            m.addConstraint("lo", [(x, 1)], lower: 2)
            m.addConstraint("hi", [(x, 1)], upper: 1)
        }
        add("milp-unbounded", [.unbounded], nil) { m in
            let x = m.addVariable("x", integer: true, objective: -1)
            let y = m.addVariable("y", objective: 0)
            m.addConstraint("x>=y", [(x, 1), (y, -1)], lower: 0)
        }
        // The relaxation is unbounded (y), but 3x + 5z = 7 has no integer solution: infeasible.
        // "unbounded" is also canonical here (relaxation unbounded, no integer point known).
        add("milp-unbounded-relaxation-integer-infeasible", [.infeasible, .unbounded], nil) { m in
            let x = m.addVariable("x", upper: 10, integer: true)
            let z = m.addVariable("z", upper: 10, integer: true)
            let y = m.addVariable("y", objective: -1)
            m.addConstraint("no-integer-point", [(x, 3), (z, 5)], lower: 7, upper: 7)
            m.addConstraint("mix", [(y, 1), (x, -1), (z, -1)], lower: 0)
        }
        // Unbounded (y), with integer points (13 + 19 + 29 + 41 = 102) that no trivial heuristic
        // finds before the relaxation is seen to be unbounded.
        add("milp-unbounded-hidden-integer-point", [.unbounded], nil) { m in
            let weights = [13.0, 17, 19, 23, 29, 31, 37, 41, 43, 47]
            let xs = weights.indices.map { m.addBinary("x\($0)") }
            let y = m.addVariable("y", objective: -1)
            m.addConstraint("subset-sum", zip(xs, weights).map { ($0, $1) }, lower: 102, upper: 102)
            m.addConstraint("mix", [(y, 1)] + xs.map { ($0, -1.0) }, lower: 0)
        }
        add("lp-unbounded", [.unbounded], nil) { m in
            let x = m.addVariable("x", objective: -1)
            let y = m.addVariable("y", objective: -1)
            m.addConstraint("diff", [(x, 1), (y, -1)], upper: 1)
        }
        add("empty-model", [.optimal], 0) { _ in }
        add("empty-model-constant", [.optimal], 7) { m in m.objectiveConstant = 7 }
        add("empty-model-infeasible-row", [.infeasible], nil) { m in m.addConstraint("0>=1", [], lower: 1) }
        add("crossed-bounds", [.infeasible], nil) { m in m.addVariable("x", lower: 2, upper: 1, objective: 1) }
        // Coefficients from 1e-6 to 1e8: y = 1 costs 1e3, x = 1e8 costs 100.
        add("huge-coefficient-range", [.optimal], 100) { m in
            let x = m.addVariable("x", upper: 1e8, integer: true, objective: 1e-6)
            let y = m.addBinary("y", objective: 1e3)
            m.addConstraint("cover", [(x, 1e-4), (y, 1e4)], lower: 1e4)
        }
        // A multidimensional knapsack that takes far more than 0.3 s to prove optimal; any
        // subset of a feasible set is feasible, so an incumbent comes early.
        add("time-limit-with-incumbent", [.feasible, .optimal], nil, options: SolveOptions(timeLimitSeconds: 0.3)) {
            m in
            m = multidimensionalKnapsack(items: 120, dimensions: 12, seed: 7)
        }
        // Market split (Cornuéjols and Dawande 1999): equality knapsacks whose feasible points
        // are very hard to find; nothing is found or proven within 0.3 s.
        add("time-limit-without-incumbent", [.noSolution], nil, options: SolveOptions(timeLimitSeconds: 0.3)) { m in
            m = marketSplit(rows: 6, seed: 3)
        }
        return out
    }

    /// max Σ p_i x_i s.t. Σ w_ji x_i <= c_j, binary x, correlated profits.
    public static func multidimensionalKnapsack(items: Int, dimensions: Int, seed: UInt64) -> LinearModel {
        var rng = LCG(seed)
        var m = LinearModel(name: "mkp-\(items)-\(dimensions)", sense: .maximize)
        var weights = [[Double]](repeating: [], count: dimensions)
        var xs: [Int] = []
        for i in 0..<items {
            var total = 0.0
            for j in 0..<dimensions {
                let w = Double(1 + rng.next() % 1000)
                weights[j].append(w)
                total += w
            }
            xs.append(
                m.addBinary("x\(i)", objective: (total / Double(dimensions)).rounded() + Double(rng.next() % 500)))
        }
        for j in 0..<dimensions {
            let capacity = (weights[j].reduce(0, +) / 2).rounded()
            m.addConstraint("d\(j)", zip(xs, weights[j]).map { ($0, $1) }, upper: capacity)
        }
        return m
    }

    /// Σ_i a_ji x_i = floor(Σ_i a_ji / 2) for each row j, binary x, n = 10 (rows - 1).
    public static func marketSplit(rows: Int, seed: UInt64) -> LinearModel {
        var rng = LCG(seed)
        let n = 10 * (rows - 1)
        var m = LinearModel(name: "market-split-\(rows)")
        let xs = (0..<n).map { m.addBinary("x\($0)") }
        for j in 0..<rows {
            let a = (0..<n).map { _ in Double(rng.next() % 100) }
            let rhs = (a.reduce(0, +) / 2).rounded(.down)
            m.addConstraint("r\(j)", zip(xs, a).map { ($0, $1) }, lower: rhs, upper: rhs)
        }
        return m
    }

    /// A tiny deterministic generator local to these fixed problems.
    struct LCG {
        var state: UInt64
        init(_ seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
    }
}
