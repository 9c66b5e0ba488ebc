/// A mixed-integer linear model: variables with bounds and integrality, sparse constraints
/// `lower <= a'x <= upper`, and a linear objective. Solver-agnostic: each backend loads it in
/// bulk (one compressed matrix), never term by term.
public struct LinearModel: Sendable {
    public enum Sense: Sendable { case minimize, maximize }

    public struct Variable: Sendable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var isInteger: Bool
        public var objective: Double
    }

    public struct Constraint: Sendable {
        public var name: String
        public var lower: Double
        public var upper: Double
        /// (variable index, coefficient); an index may appear once.
        public var terms: [(variable: Int, coefficient: Double)]
    }

    public var name: String
    public var sense: Sense
    public private(set) var variables: [Variable] = []
    public private(set) var constraints: [Constraint] = []
    /// Added to the objective of every solution.
    public var objectiveConstant: Double = 0

    public init(name: String = "model", sense: Sense = .minimize) {
        self.name = name
        self.sense = sense
    }

    /// Adds a variable and returns its index. Infinite bounds mean "none".
    @discardableResult
    public mutating func addVariable(
        _ name: String, lower: Double = 0, upper: Double = .infinity, integer: Bool = false, objective: Double = 0
    ) -> Int {
        variables.append(Variable(name: name, lower: lower, upper: upper, isInteger: integer, objective: objective))
        return variables.count - 1
    }

    /// Adds a binary variable.
    @discardableResult
    public mutating func addBinary(_ name: String, objective: Double = 0) -> Int {
        addVariable(name, lower: 0, upper: 1, integer: true, objective: objective)
    }

    /// Adds `lower <= Σ coefficient * x <= upper` and returns its index. Repeated variables are
    /// merged; zero coefficients dropped.
    @discardableResult
    public mutating func addConstraint(
        _ name: String, _ terms: [(Int, Double)], lower: Double = -.infinity, upper: Double = .infinity
    ) -> Int {
        var merged: [Int: Double] = [:]
        var order: [Int] = []
        for (v, c) in terms {
            if merged[v] == nil { order.append(v) }
            merged[v, default: 0] += c
        }
        let clean = order.compactMap { v -> (variable: Int, coefficient: Double)? in
            let c = merged[v]!
            return c == 0 ? nil : (v, c)
        }
        constraints.append(Constraint(name: name, lower: lower, upper: upper, terms: clean))
        return constraints.count - 1
    }

    /// Changes a variable's objective coefficient.
    public mutating func setObjective(_ variable: Int, _ coefficient: Double) {
        variables[variable].objective = coefficient
    }

    /// Changes a variable's bounds.
    public mutating func setBounds(_ variable: Int, lower: Double, upper: Double) {
        variables[variable].lower = lower
        variables[variable].upper = upper
    }

    /// The same model with every integrality requirement dropped (its LP relaxation).
    public func relaxation() -> LinearModel {
        var out = self
        for j in out.variables.indices { out.variables[j].isInteger = false }
        return out
    }

    public var integerCount: Int { variables.filter(\.isInteger).count }
    public var nonzeroCount: Int { constraints.reduce(0) { $0 + $1.terms.count } }

    /// Problems that make the model unusable by a solver: non-finite coefficients, NaN bounds,
    /// out-of-range indices. (Crossed bounds are not an error: the model is infeasible.)
    public func problems() -> [String] {
        var out: [String] = []
        for (j, v) in variables.enumerated() {
            if v.lower.isNaN || v.upper.isNaN { out.append("variable \(j) (\(v.name)): NaN bound") }
            if !v.objective.isFinite { out.append("variable \(j) (\(v.name)): objective coefficient \(v.objective)") }
            if v.lower == .infinity || v.upper == -.infinity {
                out.append("variable \(j) (\(v.name)): bounds [\(v.lower), \(v.upper)]")
            }
        }
        for (i, c) in constraints.enumerated() {
            if c.lower.isNaN || c.upper.isNaN { out.append("constraint \(i) (\(c.name)): NaN bound") }
            for (v, a) in c.terms {
                if !(0..<variables.count).contains(v) {
                    out.append("constraint \(i) (\(c.name)): variable index \(v) out of range")
                }
                if !a.isFinite { out.append("constraint \(i) (\(c.name)): coefficient \(a)") }
            }
        }
        if !objectiveConstant.isFinite { out.append("objective constant \(objectiveConstant)") }
        return out
    }

    /// The constraint matrix as coordinate triplets (row, column, value), row by row.
    public func triplets() -> (rows: [Int32], columns: [Int32], values: [Double]) {
        var r: [Int32] = []
        var c: [Int32] = []
        var v: [Double] = []
        r.reserveCapacity(nonzeroCount)
        c.reserveCapacity(nonzeroCount)
        v.reserveCapacity(nonzeroCount)
        for (i, con) in constraints.enumerated() {
            for (j, a) in con.terms {
                r.append(Int32(i))
                c.append(Int32(j))
                v.append(a)
            }
        }
        return (r, c, v)
    }

    /// The constraint matrix in compressed sparse column form.
    public func compressedColumns() -> (starts: [Int32], rows: [Int32], values: [Double]) {
        var count = [Int](repeating: 0, count: variables.count + 1)
        for con in constraints { for (j, _) in con.terms { count[j + 1] += 1 } }
        for j in 0..<variables.count { count[j + 1] += count[j] }
        var next = count
        var rows = [Int32](repeating: 0, count: count[variables.count])
        var values = [Double](repeating: 0, count: count[variables.count])
        for (i, con) in constraints.enumerated() {
            for (j, a) in con.terms {
                rows[next[j]] = Int32(i)
                values[next[j]] = a
                next[j] += 1
            }
        }
        return (count.map(Int32.init), rows, values)
    }

    /// The objective value of a point (constant included).
    public func objectiveValue(_ x: [Double]) -> Double {
        zip(variables, x).reduce(objectiveConstant) { $0 + $1.0.objective * $1.1 }
    }

    /// The largest violation of any bound, integrality or constraint at `x` (0 when feasible).
    public func maxViolation(_ x: [Double]) -> Double {
        var worst = 0.0
        for (v, value) in zip(variables, x) {
            worst = max(worst, v.lower - value, value - v.upper)
            if v.isInteger { worst = max(worst, abs(value - value.rounded())) }
        }
        for c in constraints {
            let a = c.terms.reduce(0) { $0 + $1.coefficient * x[$1.variable] }
            worst = max(worst, c.lower - a, a - c.upper)
        }
        return worst
    }
}
