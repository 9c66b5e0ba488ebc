import FINGraph
import FINLinear
import FINModel

/// The exact MILP of docs/MODEL.md: one unit flow per application on its network-expanded
/// graph (`ExpandedGraph`), coupled across applications by memory, compute load, bandwidth
/// and speed shares. docs/MILP.md gives the equations and the reasons for this form.
///
/// Variables: a binary per edge of each application's graph, and with share levels a binary
/// `y[a, n, φ]` per application, compute node and level. Rows: flow conservation at every
/// vertex (1 out of the source, 1 into the sink), the latency bound, one share per node with
/// the application's load within it, and the coupling rows. Edges that break a constraint on
/// their own are not in the graph; coupling rows are written only where the edges that could
/// use a resource could exceed it. Every row is scaled to a right-hand side of 1 and the
/// objective so that the optimum is about 1 (`objectiveScale(energy:graphs:rates:)`).
public struct Formulation: Sendable {
    /// What a variable stands for.
    public enum Variable: Sendable {
        case edge(application: Int, edge: Int)
        case share(application: Int, node: Int, level: Int)
    }

    public let index: NetworkIndex
    /// One graph per application.
    public let graphs: [ExpandedGraph]
    public private(set) var model: LinearModel
    public private(set) var variables: [Variable] = []
    /// Per application and edge number: the edge's variable (-1: no such edge).
    public private(set) var edgeVariable: [[Int]] = []
    /// The objective is multiplied by this before solving (the optimum about 1; see Formulation+Scale).
    public private(set) var objectiveScale: Double = 1
    /// Unscaled objective coefficient of each variable (J/s).
    public private(set) var energy: [Double] = []
    /// Share levels in use (`[1]` without share levels).
    public let levels: [Double]

    public init(_ instance: Instance) {
        let index = NetworkIndex(instance)
        self.index = index
        levels = instance.shareLevels ?? [1]
        graphs = instance.applications.indices.map { [levels] in ExpandedGraph(index, application: $0, levels: levels) }
        model = LinearModel(name: instance.name, sense: .minimize)
        build()
    }

    private mutating func add(_ v: Variable, _ name: String, energy e: Double) -> Int {
        let x = model.addBinary(name, objective: e)
        variables.append(v)
        energy.append(e)
        return x
    }

    private mutating func build() {
        let instance = index.instance
        let nodes = instance.nodes
        let withShares = instance.shareLevels != nil
        var memoryTerms = [[(Int, Double)]](repeating: [], count: nodes.count)
        var loadTerms = memoryTerms
        var shareTerms = memoryTerms
        var trafficTerms = [[(Int, Double)]](repeating: [], count: instance.links.count)

        for (a, g) in graphs.enumerated() {
            let app = instance.applications[a]
            let tag = "a\(a)"
            // Edge numbers are sparse: `vars[e]` is edge e's variable (-1: no such edge); names
            // number the edges in order (the n-th edge of the graph is `e<n>`).
            var edges: [(number: Int, edge: ExpandedGraph.Edge)] = []
            edges.reserveCapacity(g.edgeCount)
            g.forEachEdge { e, edge in edges.append((e, edge)) }
            var vars = [Int](repeating: -1, count: g.edgeIDLimit)
            for (i, (e, edge)) in edges.enumerated() {
                vars[e] = add(.edge(application: a, edge: e), "\(tag)_e\(i)", energy: app.ratePerSecond * edge.energy)
            }
            edgeVariable.append(vars)
            // Flow conservation.
            for v in 0..<g.vertexCount {
                let supply: Double = (v == g.source ? 1 : 0) - (v == g.sink ? 1 : 0)
                var terms: [(Int, Double)] = []
                g.forEachOutgoing(v) { e, _ in terms.append((vars[e], 1.0)) }
                g.forEachIncoming(v) { e, _ in terms.append((vars[e], -1.0)) }
                guard supply != 0 || !terms.isEmpty else { continue }
                model.addConstraint("\(tag)_flow\(v)", terms, lower: supply, upper: supply)
            }
            // Latency.
            let bound = app.maxLatencySeconds
            model.addConstraint(
                "\(tag)_latency",
                edges.compactMap { $0.edge.latency > 0 ? (vars[$0.number], $0.edge.latency / bound) : nil },
                upper: 1)
            // Resources.
            var shareVars: [Int: [Int]] = [:]
            var appLoad: [Int: [(Int, Double)]] = [:]
            for (i, (e, edge)) in edges.enumerated() {
                switch edge.kind {
                case .compute(_, let n, let level):
                    memoryTerms[n].append((vars[e], edge.memoryBytes))
                    if withShares {
                        if shareVars[n] == nil {
                            shareVars[n] = levels.indices.map {
                                add(.share(application: a, node: n, level: $0), "\(tag)_y\(n)_\($0)", energy: 0)
                            }
                        }
                        model.addConstraint("\(tag)_xy\(i)", [(vars[e], 1), (shareVars[n]![level], -1)], upper: 0)
                        appLoad[n, default: []].append((vars[e], edge.load))
                    } else {
                        loadTerms[n].append((vars[e], edge.load))
                    }
                case .transfer(_, let l), .result(let l):
                    trafficTerms[l].append((vars[e], edge.traffic))
                default:
                    break
                }
            }
            for n in shareVars.keys.sorted() {
                let ys = shareVars[n]!
                model.addConstraint("\(tag)_one_share_\(n)", ys.map { ($0, 1.0) }, upper: 1)
                let speed = nodes[n].opsPerSecond
                model.addConstraint(
                    "\(tag)_share_load_\(n)",
                    appLoad[n]!.map { ($0.0, $0.1 / speed) } + zip(ys, levels).map { ($0, -$1) }, upper: 0)
                for (y, phi) in zip(ys, levels) { shareTerms[n].append((y, phi)) }
            }
        }
        // Coupling rows, only where they can bind.
        func capacity(_ name: String, _ terms: [(Int, Double)], _ limit: Double) {
            guard !terms.isEmpty else { return }
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
        for (l, link) in instance.links.enumerated() {
            capacity("bandwidth_\(l)", trafficTerms[l], link.bitsPerSecond)
        }
        objectiveScale = Self.objectiveScale(
            energy: energy, graphs: graphs, rates: instance.applications.map(\.ratePerSecond))
        for (v, e) in energy.enumerated() { model.setObjective(v, e * objectiveScale) }
    }
}
