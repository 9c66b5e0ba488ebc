import FINLinear
import FINModel

/// The exact MILP of docs/MODEL.md, as one layered-graph flow per application with the
/// applications coupled through memory, compute load, bandwidth and speed shares. The
/// equations and the reasons for this form are in docs/MILP.md.
///
/// Vertices: `(k, n)` = "block k's output is at node n" for k in 0...kmax (k = 0: the raw
/// input), plus a result layer `R` when the application has a destination. Arcs (binary
/// variables):
/// - compute `x[k, n, φ]`: (k-1, n) -> (k, n), block k on n at share level φ;
/// - transfer `f[k, l]`: (k, u) -> (k, v), block k's output (the input for k = 0) over link l;
/// - terminal `t[d, n]`: (k_d, n) -> R (or the sink), depth d ends with block k_d on n;
/// - result `g[l]`: (R, u) -> (R, v), the result over link l toward the destination.
/// Share levels add `y[n, φ]`: the application is given share φ on n.
///
/// Arcs that break a constraint on their own (too slow for the bound, too big for a node,
/// too much load or traffic) are never created; capacity rows are only written where the
/// arcs that could use a resource could exceed it. Every row is scaled to a right-hand side
/// of 1 and the objective to a largest coefficient of 1.
public struct Formulation: Sendable {
    /// Which arc a variable stands for, for decoding.
    public enum Arc: Sendable, Equatable {
        case compute(block: Int, node: Int, level: Int)
        case transfer(layer: Int, link: Int)
        case terminal(depth: Int, node: Int)
        case result(link: Int)
        case share(node: Int, level: Int)
    }

    public let index: NetworkIndex
    public private(set) var model: LinearModel
    /// For each variable: its application and arc.
    public private(set) var arcs: [(application: Int, arc: Arc)] = []
    /// The objective is multiplied by this before solving (largest coefficient 1).
    public private(set) var objectiveScale: Double = 1
    /// Share levels in use (`[1]` without share levels).
    public let levels: [Double]
    /// Objective coefficients before scaling (J/s per unit of each variable).
    public private(set) var energy: [Double] = []

    public init(_ instance: Instance) {
        index = NetworkIndex(instance)
        levels = instance.shareLevels ?? [1]
        model = LinearModel(name: instance.name, sense: .minimize)
        build()
    }

    private mutating func variable(_ app: Int, _ arc: Arc, _ name: String, energy e: Double) -> Int {
        let v = model.addBinary(name, objective: e)
        arcs.append((app, arc))
        energy.append(e)
        return v
    }

    private mutating func build() {
        let instance = index.instance
        let nodes = instance.nodes
        let links = instance.links
        let withShares = instance.shareLevels != nil
        // Per node and link: (variable, amount) terms of the coupling rows, across applications.
        var memoryTerms = [[(Int, Double)]](repeating: [], count: nodes.count)
        var loadTerms = memoryTerms
        var shareTerms = memoryTerms
        var trafficTerms = [[(Int, Double)]](repeating: [], count: links.count)

        for (a, app) in instance.applications.enumerated() {
            let chain = index.chain(of: app)
            let depths = chain.admissibleDepths(minAccuracy: app.minAccuracy)
            let source = index.nodeIndex[app.source]!
            let destination = app.destination.map { index.nodeIndex[$0]! }
            let bound = app.maxLatencySeconds
            let rate = app.ratePerSecond
            let kmax = depths.map(\.lastBlock).max() ?? 0
            let tag = "a\(a)"
            var latencyTerms: [(Int, Double)] = []
            // out[k][n] / in[k][n]: arcs leaving / entering vertex (k, n); layer kmax + 1 is R.
            var outArcs = [[[Int]]](repeating: [[Int]](repeating: [], count: nodes.count), count: kmax + 2)
            var inArcs = outArcs
            var computeAt = [[[Int]]](repeating: [[Int]](repeating: [], count: nodes.count), count: kmax + 1)
            var shareVars: [Int: [Int]] = [:]  // node -> y per level
            var appLoad: [Int: [(Int, Double)]] = [:]

            // Compute arcs.
            if kmax >= 1 {
                for k in 1...kmax {
                    let ops = chain.computeOps[k]
                    let mem = chain.memoryBytes(block: k)
                    let load = rate * chain.reach[k] * ops
                    for (n, node) in nodes.enumerated() where node.canCompute {
                        if k == 1 && app.pinFirstBlockToSource && n != source { continue }
                        guard Tolerance.fits(mem, within: node.memoryBytes) else { continue }
                        for (li, phi) in levels.enumerated() {
                            let seconds = ops / (phi * node.opsPerSecond)
                            guard Tolerance.fits(seconds, within: bound), Tolerance.fits(load, within: phi * node.opsPerSecond) else { continue }
                            let v = variable(a, .compute(block: k, node: n, level: li), "\(tag)_x\(k)_\(n)_\(li)",
                                             energy: rate * chain.reach[k] * ops * node.joulesPerOp)
                            outArcs[k - 1][n].append(v)
                            inArcs[k][n].append(v)
                            computeAt[k][n].append(v)
                            latencyTerms.append((v, seconds / bound))
                            memoryTerms[n].append((v, mem))
                            appLoad[n, default: []].append((v, load))
                            if withShares {
                                if shareVars[n] == nil {
                                    shareVars[n] = levels.indices.map { variable(a, .share(node: n, level: $0), "\(tag)_y\(n)_\($0)", energy: 0) }
                                }
                                model.addConstraint("\(tag)_xy\(k)_\(n)_\(li)", [(v, 1), (shareVars[n]![li], -1)], upper: 0)
                            } else {
                                loadTerms[n].append((v, load))
                            }
                        }
                    }
                }
            }
            // Transfer arcs: block k's output for k < kmax. With block 1 pinned to the source the
            // input never moves, so layer 0 has no transfer arcs.
            for k in 0..<kmax where !(k == 0 && app.pinFirstBlockToSource) {
                let bits = chain.transferBits(afterBlock: k)
                let probability = chain.sendProbability(afterBlock: k)
                for (l, link) in links.enumerated() {
                    let seconds = link.seconds(bits: bits)
                    let traffic = rate * probability * bits
                    guard Tolerance.fits(seconds, within: bound), Tolerance.fits(traffic, within: link.bitsPerSecond) else { continue }
                    let v = variable(a, .transfer(layer: k, link: l), "\(tag)_f\(k)_\(l)", energy: rate * probability * bits * link.joulesPerBit)
                    outArcs[k][index.linkTail[l]].append(v)
                    inArcs[k][index.linkHead[l]].append(v)
                    latencyTerms.append((v, seconds / bound))
                    trafficTerms[l].append((v, traffic))
                }
            }
            // Terminal arcs, from a node that computed the depth's last block.
            var terminals: [Int] = []
            for (d, depth) in chain.depths.enumerated() where depths.contains(depth) {
                let k = depth.lastBlock
                for n in nodes.indices where !computeAt[k][n].isEmpty {
                    let v = variable(a, .terminal(depth: d, node: n), "\(tag)_t\(d)_\(n)", energy: 0)
                    outArcs[k][n].append(v)
                    inArcs[kmax + 1][n].append(v)
                    terminals.append(v)
                    model.addConstraint("\(tag)_tx\(d)_\(n)", [(v, 1)] + computeAt[k][n].map { ($0, -1.0) }, upper: 0)
                }
            }
            model.addConstraint("\(tag)_one_terminal", terminals.map { ($0, 1.0) }, lower: 1, upper: 1)
            // Result arcs toward the destination.
            if destination != nil {
                let bits = chain.model.resultBits
                for (l, link) in links.enumerated() {
                    let seconds = link.seconds(bits: bits)
                    let traffic = rate * bits
                    guard Tolerance.fits(seconds, within: bound), Tolerance.fits(traffic, within: link.bitsPerSecond) else { continue }
                    let v = variable(a, .result(link: l), "\(tag)_g\(l)", energy: rate * bits * link.joulesPerBit)
                    outArcs[kmax + 1][index.linkTail[l]].append(v)
                    inArcs[kmax + 1][index.linkHead[l]].append(v)
                    latencyTerms.append((v, seconds / bound))
                    trafficTerms[l].append((v, traffic))
                }
            }
            // Flow conservation: out - in = 1 at the source's input vertex, -1 at the
            // destination's result vertex, 0 elsewhere (without a destination the terminal
            // arcs end the flow, and the result layer has no rows).
            let lastLayer = destination == nil ? kmax : kmax + 1
            for k in 0...lastLayer {
                for n in nodes.indices {
                    let out = outArcs[k][n]
                    let into = inArcs[k][n]
                    if out.isEmpty && into.isEmpty && !(k == 0 && n == source) && !(k == kmax + 1 && n == destination) { continue }
                    var rhs = 0.0
                    if k == 0 && n == source { rhs += 1 }
                    if k == kmax + 1 && n == destination { rhs -= 1 }
                    model.addConstraint("\(tag)_flow\(k)_\(n)", out.map { ($0, 1.0) } + into.map { ($0, -1.0) }, lower: rhs, upper: rhs)
                }
            }
            model.addConstraint("\(tag)_latency", latencyTerms, upper: 1)
            // Shares: one level per node, the application's load within its share.
            for n in shareVars.keys.sorted() {
                let ys = shareVars[n]!
                model.addConstraint("\(tag)_one_share_\(n)", ys.map { ($0, 1.0) }, upper: 1)
                let speed = nodes[n].opsPerSecond
                model.addConstraint("\(tag)_share_load_\(n)", appLoad[n]!.map { ($0.0, $0.1 / speed) } + zip(ys, levels).map { ($0, -$1) }, upper: 0)
                for (y, phi) in zip(ys, levels) { shareTerms[n].append((y, phi)) }
            }
        }
        // Coupling rows, only where they can bind.
        func capacity(_ name: String, _ terms: [(Int, Double)], _ limit: Double) {
            guard !terms.isEmpty else { return }
            // The most the arcs could use together (each variable counted once at its largest).
            var most: [Int: Double] = [:]
            for (v, x) in terms { most[v] = max(most[v] ?? 0, x) }
            guard !Tolerance.fits(most.values.reduce(0, +), within: limit) else { return }
            if limit > 0 {
                model.addConstraint(name, terms.map { ($0.0, $0.1 / limit) }, upper: 1)
            } else {
                model.addConstraint(name, terms, upper: 0)
            }
        }
        for (n, node) in nodes.enumerated() {
            capacity("memory_\(n)", memoryTerms[n], node.memoryBytes)
            capacity("load_\(n)", loadTerms[n], node.opsPerSecond)
            capacity("shares_\(n)", shareTerms[n], 1)
        }
        for (l, link) in links.enumerated() {
            capacity("bandwidth_\(l)", trafficTerms[l], link.bitsPerSecond)
        }
        let largest = energy.map(abs).max() ?? 0
        objectiveScale = largest > 0 ? 1 / largest : 1
        for (v, e) in energy.enumerated() { model.setObjective(v, e * objectiveScale) }
    }
}
