import Dispatch
import FINEvaluator
import FINGraph
import FINLinear
import FINModel
import Foundation

/// `fin-multi`: several applications deployed jointly, with a certified lower bound
/// (docs/FIN.md, "Several applications").
///
/// Lagrangian relaxation of the shared capacities (`Coupling`): with prices μ ≥ 0 on the rows
/// that can bind, each application is solved on its own by the exact priced search (FIN-exact
/// with cost = energy per second + prices of what an edge uses, a share's price paid once per
/// node), and `L(μ) = Σ_a min cost_a(μ) − Σ_r μ_r` is a lower bound on the optimum for every μ,
/// because each subproblem is solved exactly. Prices move
/// by projected subgradient steps with Polyak's step size towards the best known energy; the step
/// factor halves when the bound has not improved for a while.
///
/// Deployments: the sequential answers in three orders (heaviest first, lightest first, file
/// order) start the search; then at every iteration a repair keeps the priced answers that fit,
/// in the heaviest-first order, and reroutes the others on what is left with the priced search;
/// a candidate is improved by rip-up and reroute (each application in turn removed and
/// re-solved exactly on the capacities the others leave) until no application improves. The
/// answer is never worse than sequential FIN-exact in those three orders, unless the optima
/// alone, with the few that collide rerouted, already end within the gap tolerance of the bound:
/// then the starting points are skipped. With a `master` solver, every deployment generated on
/// the way is a column of a restricted master problem (`MasterProblem`), solved exactly every
/// `masterEvery` iterations while new columns come in.
public enum MultiApplication {
    public struct Options: Sendable, Equatable {
        /// Wall-clock limit for the whole method (graph building included).
        public var timeLimitSeconds: Double = 60
        /// Stop when (energy − bound) / energy is at most this.
        public var relativeGap: Double = 1e-4
        /// Most subgradient iterations.
        public var iterations: Int = 1000
        /// Threads for the per-application searches (results do not depend on it).
        public var threads: Int = 2
        /// Receives one line per iteration (bound, best energy, step) when set.
        public var log: (@Sendable (String) -> Void)?
        /// The MILP solver of the restricted master problem (none: no master problem).
        public var master: (any MILPSolver)?
        /// Minimal share vectors per generated path in the master problem, at most.
        public var shareVariants: Int = 8
        /// The master problem is solved every this many iterations (when new columns came in).
        public var masterEvery: Int = 10
        public init() {}

        /// Equal settings (the log and the master solver compared by presence).
        public static func == (a: Options, b: Options) -> Bool {
            (a.timeLimitSeconds, a.relativeGap, a.iterations, a.threads, a.shareVariants, a.masterEvery) == (
                b.timeLimitSeconds, b.relativeGap, b.iterations, b.threads, b.shareVariants, b.masterEvery
            ) && (a.master == nil) == (b.master == nil)
        }
    }

    /// Solves `instance` (valid). Never throws: a failure is a solution with status
    /// `infeasible` (proven: an application cannot be deployed even alone, or the prices give a
    /// certificate that the applications cannot share the capacities), `noSolution` or `error`.
    public static func solve(_ instance: Instance, options: Options = Options()) -> Solution {
        var run = LagrangianRun(instance, options)
        return run.solve()
    }
}

/// One application's priced answer.
private struct Priced: Sendable {
    let walk: [Int]
    let cost: Double
    let usage: [(resource: Int, amount: Double)]
}

/// A joint deployment with each application's footprint and energy per second.
private struct Candidate {
    var deployments: [Deployment]
    var footprints: [Footprint]
    var energy: [Double]
    var objective: Double { energy.reduce(0, +) }
}

private struct LagrangianRun {
    let instance: Instance
    let options: Options
    typealias Options = MultiApplication.Options
    let start = Date()
    let evaluator: Evaluator
    let withShares: Bool
    var graphs: [ExpandedGraph] = []
    var coupling: Coupling!
    var full: Capacities
    var prices: [Double] = []
    var priced: [Priced?] = []
    var lowerBound = -Double.infinity
    var incumbent: Candidate?
    var info: [String: JSONValue] = [:]
    var searches = 0
    /// Seconds spent in the priced subproblems, the repairs, the improvements (and the master).
    var seconds: [String: Double] = ["subproblems": 0, "repair": 0, "improve": 0]
    /// The restricted master problem's columns (filled only with a master solver).
    var master: MasterProblem
    /// Columns at the last master solve, master solves, and the solves that found a better answer.
    var masterColumns = 0
    var masterSolves = 0
    var masterImprovements = 0

    /// Runs `body`, adding its wall time to `seconds[key]`.
    mutating func timed<T>(_ key: String, _ body: (inout Self) -> T) -> T {
        let t0 = Date()
        let out = body(&self)
        seconds[key, default: 0] += Date().timeIntervalSince(t0)
        return out
    }

    init(_ instance: Instance, _ options: Options) {
        self.instance = instance
        self.options = options
        evaluator = Evaluator(instance)
        withShares = instance.shareLevels != nil
        full = Capacities(evaluator.index)
        master = MasterProblem(applications: instance.applications.count, shareVariants: options.shareVariants)
        if options.master != nil { seconds["master"] = 0 }
    }

    var elapsed: Double { Date().timeIntervalSince(start) }
    var timeUp: Bool { elapsed >= options.timeLimitSeconds }
    /// Every search gives up at this time, so the limit holds inside a round of searches.
    var deadline: Date { start.addingTimeInterval(options.timeLimitSeconds) }
    /// A round of priced searches was cut by the deadline: its answers give no bound.
    var stopped = false
    var upperBound: Double { incumbent?.objective ?? .infinity }

    /// Runs `body` for 0..<n on `threads` threads; results in index order.
    func parallel<T: Sendable>(_ n: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard options.threads > 1, n > 1 else { return (0..<n).map(body) }
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
        buffer.initialize(repeating: nil)
        defer { buffer.deallocate() }
        nonisolated(unsafe) let out = buffer
        let chunks = min(n, options.threads * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in stride(from: c, to: n, by: chunks) { out[i] = body(i) }
        }
        return buffer.map { $0! }
    }

    mutating func solve() -> Solution {
        let index = evaluator.index
        let levels = instance.shareLevels ?? [1]
        graphs = parallel(instance.applications.count) { ExpandedGraph(index, application: $0, levels: levels) }
        coupling = Coupling(graphs: graphs, index: index)
        prices = [Double](repeating: 0, count: coupling.count)
        info["pricedResources"] = .number(Double(coupling.count))
        info["graphEdges"] = .number(Double(graphs.reduce(0) { $0 + $1.edgeCount }))
        info["graphSeconds"] = .number(elapsed)

        // Iteration 0 (no prices): each application's optimum alone; none means infeasible.
        priced = timed("subproblems") { $0.solvePriced(Array($0.graphs.indices)) }
        if stopped {
            return finish(status: .noSolution, message: "the time limit passed during the first round of searches")
        }
        if let a = priced.firstIndex(where: { $0 == nil }) {
            return finish(
                status: .infeasible,
                message:
                    "application \(instance.applications[a].id) cannot be deployed even alone on the whole network "
                    + "(proven by the exact search)"
            )
        }
        // The optima alone, together: when they fit the shared capacities (or the few that do not
        // fit are rerouted at almost no extra energy), that is the answer, and the starting points
        // below are not needed. On large, loosely coupled networks this saves most of the time.
        let separately = priced.reduce(0) { $0 + $1!.cost }
        addColumns(priced)
        if let c = timed("repair", { $0.keepAndReroute(FINMethod.order(index)) }) { offer(c, improve: false) }
        if let best = incumbent?.objective, within(best, of: separately) {
            info["sequentialObjectives"] = .string("not run: the optima alone fit together")
        } else {
            startingPoints()
            solveMaster()
        }

        var theta = 1.0
        var sinceImprovement = 0
        var iteration = 0
        let patience = 10
        let order = FINMethod.order(index)
        let touched = graphs.map { coupling.touched($0) }
        var certificate: Double?
        while true {
            let bound = priced.reduce(0) { $0 + $1!.cost } - prices.reduce(0, +)
            if lowerBound == -.infinity || bound > lowerBound + 1e-12 * abs(lowerBound) {
                lowerBound = max(lowerBound, bound)
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
            // A repair costs several times a dual iteration on large instances: every iteration at
            // first, then every fifth. Candidates within 1% of the best are improved.
            var repaired: Candidate?
            if iteration < 5 || iteration % 5 == 0 {
                repaired = timed("repair") { $0.repair(order) }
                if let c = repaired { offer(c, improve: c.objective < upperBound * 1.01) }
            }
            if let log = options.log {
                let violated = subgradient().filter { $0 > 1e-9 }.count
                log(
                    "iteration \(iteration): bound \(bound), best \(upperBound), repair "
                        + "\(repaired.map { String($0.objective) } ?? "failed"), theta \(theta), rows over capacity "
                        + "\(violated), \(String(format: "%.3f", elapsed)) s"
                )
            }
            iteration += 1
            if iteration % options.masterEvery == 0 { solveMaster() }
            if gapReached() || iteration > options.iterations || timeUp { break }
            // With no deployment yet, every 25 iterations: do the prices already prove that none exists?
            if incumbent == nil, iteration % 25 == 0,
                let ratio = timed("subproblems", { $0.infeasibilityCertificate() })
            {
                certificate = ratio
                break
            }
            // Subgradient of L at μ, projected: rows at price 0 that are slack do not move.
            let g = subgradient()
            var norm = 0.0
            for r in g.indices where g[r] > 0 || prices[r] > 0 { norm += g[r] * g[r] }
            guard norm > 0 else { break }  // the relaxed answer fits every shared capacity
            if sinceImprovement >= patience {
                theta /= 2
                sinceImprovement = 0
                if theta < 1e-6 { break }
            }
            let target = upperBound < .infinity ? upperBound : bound + max(0.1 * abs(bound), 1e-12)
            let step = theta * max(target - bound, 1e-9 * max(abs(target), 1e-12)) / norm
            var changed = [Bool](repeating: false, count: coupling.count)
            for r in g.indices {
                let next = max(0, prices[r] + step * g[r])
                if next != prices[r] {
                    prices[r] = next
                    changed[r] = true
                }
            }
            // Only applications whose graph uses a price that moved change their answer.
            let todo = graphs.indices.filter { a in touched[a].contains { changed[$0] } }
            let fresh = timed("subproblems") { $0.solvePriced(todo) }
            if stopped { break }  // a cut round gives no bound: keep the last complete one
            for (a, p) in zip(todo, fresh) { priced[a] = p }
            addColumns(fresh, of: todo)
        }
        if !gapReached() { solveMaster() }
        info["iterations"] = .number(Double(iteration))
        info["finalStepFactor"] = .number(theta)
        guard incumbent != nil else {
            if let ratio = certificate ?? timed("subproblems", { $0.infeasibilityCertificate() }) {
                info["infeasibilityRatio"] = .number(ratio)
                return finish(
                    status: .infeasible,
                    message:
                        "no joint deployment exists: at the final prices, the least priced use of the shared "
                        + "capacities each application can make adds up to \(String(format: "%.6g", ratio)) times "
                        + "what the capacities allow (a Lagrangian certificate)"
                )
            }
            return finish(
                status: .noSolution, message: "no joint deployment found within the limits (the bound is still valid)")
        }
        return finish(status: .feasible, message: nil)
    }

    /// Starting points: sequential FIN-exact in three orders (independent: run side by side), the
    /// best improved.
    mutating func startingPoints() {
        let index = evaluator.index
        let startOrders = [FINMethod.Order.heaviestFirst, .lightestFirst, .file]
        let this = self  // a copy the concurrent closure can hold (it cannot capture `inout self`)
        let starts = parallel(startOrders.count) { i -> (Candidate?, Int) in
            var count = 0
            let c = this.sequential(FINMethod.order(index, startOrders[i]), prices: nil, count: &count)
            return (c, count)
        }
        var orders: [String: JSONValue] = [:]
        for (order, (c, count)) in zip(startOrders, starts) {
            searches += count
            orders[order.name] = c.map { .number($0.objective) } ?? .null
            if let c { offer(c, improve: false) }
        }
        info["sequentialObjectives"] = .object(orders)
        if var c = incumbent {
            improve(&c)
            offer(c, improve: false)
        }
    }

    /// A proof that no joint deployment exists, from the current prices (`Coupling.certificate`):
    /// the ratio it proves, or nil.
    mutating func infeasibilityCertificate() -> Double? {
        guard prices.contains(where: { $0 > 0 }) else { return nil }
        let graphs = self.graphs
        let coupling = self.coupling!
        let prices = self.prices
        let full = self.full
        searches += graphs.count
        let deadline = self.deadline
        let minima = parallel(graphs.count) {
            coupling.leastUse(graphs[$0], prices: prices, capacities: full, deadline: deadline)
        }
        return coupling.certificate(leastUses: minima, prices: prices)
    }

    /// Use minus capacity of every priced row by the current priced answers (the subgradient).
    func subgradient() -> [Double] {
        var g = [Double](repeating: -1, count: coupling.count)
        for p in priced { for (r, x) in p!.usage { g[r] += x } }
        return g
    }

    func gapReached() -> Bool {
        guard let ub = incumbent?.objective else { return false }
        return within(ub, of: lowerBound)
    }

    /// True when `objective` is within the gap tolerance of `bound` (`Solution.relativeGap`).
    func within(_ objective: Double, of bound: Double) -> Bool {
        (Solution.relativeGap(objective: objective, bound: bound) ?? 1) <= options.relativeGap
    }

    /// The exact priced answers of applications `apps` at the current prices.
    mutating func solvePriced(_ apps: [Int]) -> [Priced?] {
        let graphs = self.graphs
        let coupling = self.coupling!
        let prices = self.prices
        let full = self.full
        let deadline = self.deadline
        searches += apps.count
        let outcomes = parallel(apps.count) { i -> (Priced?, Bool) in
            let g = graphs[apps[i]]
            let search = LabelSearch(
                graph: g, mode: coupling.priced(g, prices: prices), capacities: full, deadline: deadline)
            switch search.search() {
            case .found(let r):
                return (Priced(walk: r.path, cost: r.priority, usage: coupling.usage(g, walk: r.path)), false)
            case .none: return (nil, false)
            case .stopped: return (nil, true)
            }
        }
        if outcomes.contains(where: \.1) { stopped = true }
        return outcomes.map(\.0)
    }

    /// A deployment's footprint and energy per second when it fits the whole network on its own.
    var alone: (Deployment) -> (Footprint, Double)? {
        { [evaluator, full, withShares] d in
            let e = evaluator.evaluate(d)
            guard e.feasible, let f = e.deployments[0].footprint, full.admits(f, withShares: withShares) else {
                return nil
            }
            return (f, e.objectiveJoulesPerSecond)
        }
    }

    /// A deployment's footprint and energy per second when it fits `residual`.
    func fits(_ d: Deployment, _ residual: Capacities) -> (Footprint, Double)? {
        let e = evaluator.evaluate(d)
        guard e.feasible, let f = e.deployments[0].footprint, residual.admits(f, withShares: withShares) else {
            return nil
        }
        return (f, e.objectiveJoulesPerSecond)
    }

    /// Application `a`'s best deployment on `residual` by the exact search, at `prices` (energy
    /// alone when nil); with share levels only levels still free are used, then shares settle.
    func route(_ a: Int, _ residual: Capacities, prices: [Double]?) -> (Deployment, Footprint, Double)? {
        let g = graphs[a]
        var usable: ((ExpandedGraph.Edge) -> Bool)?
        if withShares {
            usable = { e in
                if case .compute(_, let n, let level) = e.kind {
                    return Tolerance.fits(g.levels[level], within: residual.share[n])
                }
                return true
            }
        }
        let mode = coupling.priced(g, prices: prices ?? [Double](repeating: 0, count: coupling.count), usable: usable)
        guard let r = LabelSearch(graph: g, mode: mode, capacities: residual, deadline: deadline).run(),
            var (d, _) = g.deployment(along: r.path)
        else { return nil }
        if withShares { d = FINMethod.settleShares(d, evaluator, residual) }
        guard let (f, energy) = fits(d, residual) else { return nil }
        return (d, f, energy)
    }

    /// A joint deployment from the current priced answers: keep those that fit, in `order`, and
    /// reroute the rest on what is left at the current prices. When that fails, every
    /// application is rerouted in `order` with a penalty ρ added to every price, ρ growing
    /// fourfold per attempt from the mean priced cost of an application: the answers drift from
    /// the least energy towards the least use of shared capacity, which is what a crowded
    /// network needs (the prices of a relaxation can be too low to say so, notably with shares).
    mutating func repair(_ order: [Int]) -> Candidate? {
        if let c = keepAndReroute(order) { return c }
        let mean = priced.reduce(0) { $0 + $1!.cost } / Double(max(priced.count, 1))
        var rho = max(mean, 1e-12)
        for _ in 0..<6 {
            if timeUp { return nil }
            let guide = prices.map { $0 + rho }
            var count = 0
            var residual = full
            var placed: [(Int, Deployment, Footprint, Double)] = []
            let complete = place(order, &residual, &placed, prices: guide, count: &count)
            searches += count
            // The routes placed before one failed are columns of the master problem all the same.
            if !complete { addColumns(placed) }
            if complete { return candidate(placed) }
            rho *= 4
        }
        return nil
    }

    /// Keeps the priced answers that fit, in `order`, and reroutes the rest on what is left.
    mutating func keepAndReroute(_ order: [Int]) -> Candidate? {
        var residual = full
        var placed: [(Int, Deployment, Footprint, Double)] = []
        var pending: [Int] = []
        for a in order {
            guard let p = priced[a], var (d, _) = graphs[a].deployment(along: p.walk) else {
                pending.append(a)
                continue
            }
            if withShares { d = FINMethod.settleShares(d, evaluator, residual) }
            guard let (f, e) = fits(d, residual) else {
                pending.append(a)
                continue
            }
            residual.consume(f, withShares: withShares)
            placed.append((a, d, f, e))
        }
        var count = 0
        defer { searches += count }
        guard place(pending, &residual, &placed, prices: prices, count: &count) else {
            addColumns(placed)
            return nil
        }
        return candidate(placed)
    }

    /// Every application in `order`, each on what the previous ones left, by the exact search at
    /// `prices` (energy alone when nil: sequential FIN-exact).
    func sequential(_ order: [Int], prices: [Double]?, count: inout Int) -> Candidate? {
        var residual = full
        var placed: [(Int, Deployment, Footprint, Double)] = []
        guard place(order, &residual, &placed, prices: prices, count: &count) else { return nil }
        return candidate(placed)
    }

    /// Routes `apps` in turn on `residual` at `prices`, each taking its footprint off; false
    /// when one finds no room (or the time is up).
    func place(
        _ apps: [Int], _ residual: inout Capacities, _ placed: inout [(Int, Deployment, Footprint, Double)],
        prices: [Double]?, count: inout Int
    ) -> Bool {
        for a in apps {
            if timeUp { return false }
            count += 1
            guard let (d, f, e) = route(a, residual, prices: prices) else { return false }
            residual.consume(f, withShares: withShares)
            placed.append((a, d, f, e))
        }
        return true
    }

    func candidate(_ placed: [(Int, Deployment, Footprint, Double)]) -> Candidate {
        let sorted = placed.sorted { $0.0 < $1.0 }
        return Candidate(deployments: sorted.map(\.1), footprints: sorted.map(\.2), energy: sorted.map(\.3))
    }

    /// Rip-up and reroute: each application in turn (the most energy first) is removed and
    /// re-solved exactly on what the others leave; repeated until a pass changes nothing.
    mutating func improve(_ c: inout Candidate) {
        for _ in 0..<50 {
            var residual = full
            for f in c.footprints { residual.consume(f, withShares: withShares) }
            var changed = false
            let order = c.energy.indices.sorted { (c.energy[$0], -$0) > (c.energy[$1], -$1) }
            for a in order {
                if timeUp { return }
                residual.release(c.footprints[a], withShares: withShares)
                searches += 1
                let rerouted = route(a, residual, prices: nil)
                if let (d, _, _) = rerouted, options.master != nil {
                    master.add(a, d, evaluator: evaluator, alone: alone)
                }
                if let (d, f, e) = rerouted, e < c.energy[a] * (1 - 1e-12) {
                    c.deployments[a] = d
                    c.footprints[a] = f
                    c.energy[a] = e
                    changed = true
                }
                residual.consume(c.footprints[a], withShares: withShares)
            }
            if !changed { return }
        }
    }

    /// Takes a candidate if it is better than the incumbent (after improving it, if asked).
    mutating func offer(_ c: Candidate, improve shouldImprove: Bool) {
        var c = c
        // A candidate already within the gap tolerance of the bound is not improved: the method
        // stops with it.
        if shouldImprove && !within(c.objective, of: lowerBound) { timed("improve") { $0.improve(&c) } }
        if options.master != nil {
            let alone = self.alone
            for (a, d) in c.deployments.enumerated() {
                master.add(a, d, evaluator: evaluator, alone: alone)
            }
        }
        if c.objective < upperBound { incumbent = c }
    }

    /// Adds the priced answers `answers` of applications `apps` (all when nil) to the master's
    /// columns (with a master solver only).
    mutating func addColumns(_ answers: [Priced?], of apps: [Int]? = nil) {
        guard options.master != nil else { return }
        let alone = self.alone
        for (i, p) in answers.enumerated() {
            let a = apps?[i] ?? i
            guard let p, let (d, _) = graphs[a].deployment(along: p.walk) else { continue }
            master.add(a, d, evaluator: evaluator, alone: alone)
        }
    }

    /// Adds placed routes to the master's columns (with a master solver only).
    mutating func addColumns(_ placed: [(Int, Deployment, Footprint, Double)]) {
        guard options.master != nil else { return }
        let alone = self.alone
        for (a, d, _, _) in placed { master.add(a, d, evaluator: evaluator, alone: alone) }
    }

    /// Solves the restricted master problem when columns came in since its last solve, in at most
    /// `masterShare` of the time limit (and never past it), and offers its answer.
    mutating func solveMaster() {
        guard let solver = options.master, master.count > masterColumns, master.complete else { return }
        let left = options.timeLimitSeconds - elapsed - Self.masterMargin
        guard left > 0.05 else { return }
        masterColumns = master.count
        masterSolves += 1
        let (choice, status) = timed("master") {
            $0.master.solve(
                solver, capacities: $0.full, withShares: $0.withShares,
                seconds: min(left, Self.masterShare * $0.options.timeLimitSeconds))
        }
        info["masterStatus"] = .string(status.rawValue)
        guard let choice else { return }
        var residual = full
        var placed: [(Int, Deployment, Footprint, Double)] = []
        for (a, j) in choice.enumerated() {
            let column = master.columns[a][j]
            guard residual.admits(column.footprint, withShares: withShares) else { return }
            residual.consume(column.footprint, withShares: withShares)
            placed.append((a, column.deployment, column.footprint, column.energy))
        }
        let c = candidate(placed)
        if c.objective < upperBound * (1 - 1e-12) { masterImprovements += 1 }
        offer(c, improve: c.objective < upperBound * 1.01)
    }

    /// A master solve gets at most this share of the time limit.
    static let masterShare = 0.25
    /// Seconds a master solve leaves before the limit (building the answer and the solution).
    static let masterMargin = 0.2

    func finish(status: SolutionStatus, message: String?) -> Solution {
        var info = self.info
        info["subproblemSearches"] = .number(Double(searches))
        if options.master != nil {
            info["masterColumns"] = .number(Double(master.count))
            info["masterSolves"] = .number(Double(masterSolves))
            info["masterImprovements"] = .number(Double(masterImprovements))
        }
        for (k, v) in seconds { info[k + "Seconds"] = .number(v) }
        if lowerBound > -.infinity { info["lagrangianBound"] = .number(lowerBound) }
        if let message { info["message"] = .string(message) }
        let parameters: [String: JSONValue] = [
            "timeLimitSeconds": .number(options.timeLimitSeconds), "relativeGap": .number(options.relativeGap),
            "iterations": .number(Double(options.iterations)),
        ]
        var solution = Solution(
            instance: instance.name, method: "fin-multi", parameters: parameters, status: status, info: info)
        if lowerBound > -.infinity, status != .infeasible { solution.boundJoulesPerSecond = max(0, lowerBound) }
        if let c = incumbent {
            solution.deployments = c.deployments
            solution = evaluator.checked(solution)
            if solution.status != .error, let o = solution.objectiveJoulesPerSecond,
                let b = solution.boundJoulesPerSecond
            {
                if b > o { solution.boundJoulesPerSecond = o }  // rounding in the last digits
                solution.gap = Solution.relativeGap(objective: o, bound: solution.boundJoulesPerSecond)
                if o - min(b, o) <= 1e-9 * max(o, 1e-300) { solution.status = .optimal }
            }
        }
        solution.wallSeconds = elapsed
        return solution
    }
}
