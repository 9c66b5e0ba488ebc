import FINEvaluator
import FINGraph
import FINLinear
import FINModel

/// `fin-multi`'s restricted master problem (docs/FIN.md, "Several applications jointly"): the
/// deployments its searches have generated, kept per application as columns, and the choice of
/// one column per application under the shared capacities, solved exactly by a MILP solver the
/// caller injects (FIN links no solver library).
///
/// A column is a deployment that meets its application's bound and fits the whole network on its
/// own, with its footprint and energy per second (the evaluator's). With share levels each path
/// enters with every minimal share vector (`ShareSettling.minimalVectors`: no node can drop to a
/// lower level and still meet the bound), up to `shareVariants` of them, so that the shares of
/// all applications are settled jointly rather than one application at a time. The model has one
/// binary per column, one row per application (exactly one column), and one row per shared
/// capacity (memory and load per node, the share sum per node with share levels, bandwidth per
/// link), scaled by the capacity; rows that no choice of columns can overfill are left out. Its
/// optimum is the best joint deployment made of generated columns.
struct MasterProblem {
    /// One generated deployment of an application.
    struct Column {
        let deployment: Deployment
        let footprint: Footprint
        let energy: Double
    }

    private(set) var columns: [[Column]]
    /// The paths (exit, hosts, transfers) already added, per application.
    private var seen: [Set<String>]
    /// Minimal share vectors added per path, at most.
    let shareVariants: Int
    var count: Int { columns.reduce(0) { $0 + $1.count } }
    /// True when every application has a column.
    var complete: Bool { columns.allSatisfy { !$0.isEmpty } }

    init(applications: Int, shareVariants: Int) {
        columns = Array(repeating: [], count: applications)
        seen = Array(repeating: [], count: applications)
        self.shareVariants = max(1, shareVariants)
    }

    /// The key of a deployment's path (its shares left out).
    static func pathKey(_ d: Deployment) -> String {
        let transfers = d.transfers.map { "\($0.afterBlock):" + $0.path.joined(separator: ",") }
        return "\(d.exitAfterBlock)|" + d.hosts.joined(separator: ",") + "|" + transfers.joined(separator: ";")
    }

    /// Adds application `a`'s deployment `d` (a path not seen before) as columns: with share
    /// levels, one per minimal share vector over all levels; `alone` gives a deployment's
    /// footprint and energy when it is feasible on its own, nil otherwise. Returns the number of
    /// columns added.
    @discardableResult
    mutating func add(
        _ a: Int, _ d: Deployment, evaluator: Evaluator, alone: (Deployment) -> (Footprint, Double)?
    ) -> Int {
        guard seen[a].insert(Self.pathKey(d)).inserted else { return 0 }
        var variants = [d]
        if let levels = evaluator.instance.shareLevels?.sorted(), let s = ShareSettling(d, evaluator) {
            let options = s.options(s.nodes.map { _ in levels })
            if let vectors = s.minimalVectors(options, limit: shareVariants) {
                let fitting = vectors.filter { s.fits($0) }.map { s.with($0) }
                if !fitting.isEmpty { variants = fitting }
            } else {
                let full = Capacities(evaluator.index)
                variants = [FINMethod.settleShares(d, evaluator, full)]
            }
        }
        var added = 0
        for v in variants {
            guard let (f, e) = alone(v) else { continue }
            columns[a].append(Column(deployment: v, footprint: f, energy: e))
            added += 1
        }
        return added
    }

    /// A row of the master: one shared capacity.
    private enum Row: Hashable, Comparable {
        case memory(Int)
        case load(Int)
        case share(Int)
        case bandwidth(Int)
    }

    /// The master model on `capacities`, and the (application, column) of each variable.
    func model(capacities: Capacities, withShares: Bool) -> (LinearModel, [(Int, Int)]) {
        var model = LinearModel(name: "fin-multi-master")
        var variables: [(Int, Int)] = []
        var terms: [Row: [(Int, Double)]] = [:]
        var most: [Row: Double] = [:]
        for (a, list) in columns.enumerated() {
            var one: [(Int, Double)] = []
            var largest: [Row: Double] = [:]
            for (j, c) in list.enumerated() {
                let x = model.addBinary("x_\(a)_\(j)", objective: c.energy)
                variables.append((a, j))
                one.append((x, 1))
                var uses: [(Row, Double)] = []
                for (n, b) in c.footprint.memory { uses.append((.memory(n), b / capacities.memoryBytes[n])) }
                for (n, x) in c.footprint.load { uses.append((.load(n), x / capacities.opsPerSecond[n])) }
                if withShares { for (n, s) in c.footprint.share { uses.append((.share(n), s / capacities.share[n])) } }
                for (l, x) in c.footprint.traffic { uses.append((.bandwidth(l), x / capacities.bitsPerSecond[l])) }
                var merged: [Row: Double] = [:]
                for (r, u) in uses where u.isFinite && u > 0 { merged[r, default: 0] += u }
                for r in merged.keys.sorted() {
                    terms[r, default: []].append((x, merged[r]!))
                    largest[r] = max(largest[r] ?? 0, merged[r]!)
                }
            }
            model.addConstraint("one_\(a)", one, lower: 1, upper: 1)
            for r in largest.keys.sorted() { most[r, default: 0] += largest[r]! }
        }
        // Only rows that some choice of columns can overfill.
        for r in terms.keys.sorted() where !Tolerance.fits(most[r]!, within: 1) {
            model.addConstraint("\(r)", terms[r]!, upper: 1)
        }
        return (model, variables)
    }

    /// The best choice of one column per application under `capacities`, by `solver` within
    /// `seconds`: each application's column index, or nil (no choice found); and the solver's
    /// status.
    func solve(
        _ solver: any MILPSolver, capacities: Capacities, withShares: Bool, seconds: Double
    ) -> ([Int]?, SolveStatus) {
        guard complete else { return (nil, .noSolution) }
        let (model, variables) = self.model(capacities: capacities, withShares: withShares)
        let result = solver.solve(
            model, options: SolveOptions(timeLimitSeconds: max(seconds, 0.01), relativeGap: 1e-9, threads: 1))
        guard result.status == .optimal || result.status == .feasible, let x = result.values else {
            return (nil, result.status)
        }
        var choice = [Int](repeating: -1, count: columns.count)
        for (k, (a, j)) in variables.enumerated() where x[k] > 0.5 { choice[a] = j }
        return (choice.contains(-1) ? nil : choice, result.status)
    }
}
