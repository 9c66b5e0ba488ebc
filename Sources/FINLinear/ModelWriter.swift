import Foundation

/// Writes a `LinearModel` as free MPS or CPLEX LP text, so that glpsol, the cbc binary or any
/// other solver can read it. Names are sanitised to [A-Za-z0-9_.] and made unique.
public enum ModelWriter {
    /// Free-format MPS (`glpsol --freemps`, `cbc` reads it as is). Maximisation is written as
    /// minimisation of the negated objective (OBJSENSE sections are not read by every tool);
    /// the objective constant is an RHS entry on the objective row, read as minus the constant.
    public static func mps(_ model: LinearModel) -> String {
        let (cols, rows) = names(model)
        let sign: Double = model.sense == .maximize ? -1 : 1
        var out = "NAME \(sanitize(model.name))\nROWS\n N obj\n"
        for (i, c) in model.constraints.enumerated() {
            let type: String
            if c.lower == c.upper {
                type = "E"
            } else if c.lower.isFinite && c.upper.isFinite {
                type = "G"
            }  // with RANGES below
            else if c.lower.isFinite {
                type = "G"
            } else if c.upper.isFinite {
                type = "L"
            } else {
                type = "N"
            }
            out += " \(type) \(rows[i])\n"
        }
        var byColumn = [[(Int, Double)]](repeating: [], count: model.variables.count)
        for (i, c) in model.constraints.enumerated() { for (j, a) in c.terms { byColumn[j].append((i, a)) } }
        out += "COLUMNS\n"
        var inInteger = false
        for (j, v) in model.variables.enumerated() {
            if v.isInteger != inInteger {
                out += "    MARKER 'MARKER' \(v.isInteger ? "'INTORG'" : "'INTEND'")\n"
                inInteger = v.isInteger
            }
            if v.objective != 0 { out += "    \(cols[j]) obj \(number(sign * v.objective))\n" }
            for (i, a) in byColumn[j] { out += "    \(cols[j]) \(rows[i]) \(number(a))\n" }
            if v.objective == 0 && byColumn[j].isEmpty { out += "    \(cols[j]) obj 0\n" }
        }
        if inInteger { out += "    MARKER 'MARKER' 'INTEND'\n" }
        out += "RHS\n"
        if model.objectiveConstant != 0 { out += "    RHS obj \(number(-sign * model.objectiveConstant))\n" }
        var ranges = ""
        for (i, c) in model.constraints.enumerated() {
            let rhs: Double
            if c.lower == c.upper {
                rhs = c.lower
            } else if c.lower.isFinite {
                rhs = c.lower
            } else if c.upper.isFinite {
                rhs = c.upper
            } else {
                continue
            }
            if rhs != 0 { out += "    RHS \(rows[i]) \(number(rhs))\n" }
            if c.lower.isFinite && c.upper.isFinite && c.lower != c.upper {
                ranges += "    RNG \(rows[i]) \(number(c.upper - c.lower))\n"
            }
        }
        if !ranges.isEmpty { out += "RANGES\n" + ranges }
        out += "BOUNDS\n"
        for (j, v) in model.variables.enumerated() {
            let n = cols[j]
            if v.isInteger && v.lower == 0 && v.upper == 1 {
                out += " BV BND \(n)\n"
                continue
            }
            if v.lower == v.upper {
                out += " FX BND \(n) \(number(v.lower))\n"
                continue
            }
            if v.lower == -.infinity && v.upper == .infinity {
                out += " FR BND \(n)\n"
                continue
            }
            if v.lower == -.infinity {
                out += " MI BND \(n)\n"
            } else if v.lower != 0 {
                out += " LO BND \(n) \(number(v.lower))\n"
            }
            if v.upper != .infinity {
                out += " UP BND \(n) \(number(v.upper))\n"
            } else if v.isInteger {
                out += " PL BND \(n)\n"
            }
        }
        out += "ENDATA\n"
        return out
    }

    /// CPLEX LP format (`glpsol --lp`, `cbc` reads `.lp`).
    public static func lp(_ model: LinearModel) -> String {
        let (cols, rows) = names(model)
        func expression(_ terms: [(Int, Double)]) -> String {
            if terms.isEmpty { return "0 \(cols.first ?? "x")" }
            var s = ""
            for (k, (j, a)) in terms.enumerated() {
                let sign = a < 0 ? "-" : (k == 0 ? "" : "+")
                s += (k == 0 ? "" : " ") + "\(sign) \(number(abs(a))) \(cols[j])"
                if (k + 1) % 6 == 0 { s += "\n  " }
            }
            return s
        }
        var out = "\\ \(sanitize(model.name))\n"
        out += model.sense == .minimize ? "Minimize\n" : "Maximize\n"
        let objectiveTerms = model.variables.enumerated().compactMap {
            $0.element.objective == 0 ? nil : ($0.offset, $0.element.objective)
        }
        out += " obj: " + expression(objectiveTerms)
        if model.objectiveConstant != 0 {
            out += " \(model.objectiveConstant < 0 ? "-" : "+") \(number(abs(model.objectiveConstant)))"
        }
        out += "\nSubject To\n"
        for (i, c) in model.constraints.enumerated() where !(c.lower == -.infinity && c.upper == .infinity) {
            let e = expression(c.terms.map { ($0.variable, $0.coefficient) })
            if c.lower == c.upper {
                out += " \(rows[i]): \(e) = \(number(c.lower))\n"
            } else {
                if c.lower.isFinite { out += " \(rows[i])_lo: \(e) >= \(number(c.lower))\n" }
                if c.upper.isFinite { out += " \(rows[i])_up: \(e) <= \(number(c.upper))\n" }
            }
        }
        out += "Bounds\n"
        for (j, v) in model.variables.enumerated() {
            let lo = v.lower == -.infinity ? "-inf" : number(v.lower)
            let up = v.upper == .infinity ? "+inf" : number(v.upper)
            out += " \(lo) <= \(cols[j]) <= \(up)\n"
        }
        let integers = model.variables.indices.filter { model.variables[$0].isInteger }
        if !integers.isEmpty {
            out += "General\n"
            for chunk in stride(from: 0, to: integers.count, by: 8) {
                out +=
                    " " + integers[chunk..<min(chunk + 8, integers.count)].map { cols[$0] }.joined(separator: " ")
                    + "\n"
            }
        }
        out += "End\n"
        return out
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.17g", x)
    }

    static func sanitize(_ s: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")
        let t = String(s.map { allowed.contains($0) ? $0 : "_" })
        return t.isEmpty ? "_" : (t.first!.isNumber ? "n" + t : t)
    }

    /// Unique sanitised names: columns, then rows.
    static func names(_ model: LinearModel) -> ([String], [String]) {
        var used: Set<String> = ["obj", "RHS", "RNG", "BND", "MARKER"]
        func unique(_ base: String, _ fallback: String) -> String {
            var n = sanitize(base.isEmpty ? fallback : base)
            if n.count > 200 { n = String(n.prefix(200)) }
            var candidate = n
            var k = 1
            while used.contains(candidate) {
                candidate = "\(n)_\(k)"
                k += 1
            }
            used.insert(candidate)
            return candidate
        }
        let cols = model.variables.enumerated().map { unique($0.element.name, "x\($0.offset)") }
        let rows = model.constraints.enumerated().map { unique($0.element.name, "c\($0.offset)") }
        return (cols, rows)
    }
}
