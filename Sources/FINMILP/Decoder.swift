import FINModel

/// Turns a MILP point into deployments.
///
/// Each application's arcs with value 1 form a path from its input vertex to its terminal
/// (or destination) plus, possibly, cycles: arcs that cost nothing (zero bits, zero energy)
/// can be set to 1 without changing the objective. The decoder walks from the source, always
/// leaving a vertex by an arc not yet used, stops at the sink, and erases the loops of the walk
/// in each layer, so every transfer path is simple. It also returns the variables it kept, so
/// the caller can compare the formulation's objective on exactly this deployment with the
/// evaluator's.
struct Decoder {
    let formulation: Formulation

    enum Failure: Error, CustomStringConvertible {
        case brokenFlow(application: String, detail: String)
        var description: String {
            switch self {
            case .brokenFlow(let app, let detail): return "cannot decode application \(app): \(detail)"
            }
        }
    }

    /// The deployments and the variables they use.
    func decode(_ values: [Double]) throws(Failure) -> (deployments: [Deployment], kept: [Int]) {
        let index = formulation.index
        let instance = index.instance
        var byApp = [[Int]](repeating: [], count: instance.applications.count)
        for (v, x) in values.enumerated() where x > 0.5 { byApp[formulation.arcs[v].application].append(v) }
        var deployments: [Deployment] = []
        var kept: [Int] = []
        for (a, app) in instance.applications.enumerated() {
            let chain = index.chain(of: app)
            let source = index.nodeIndex[app.source]!
            let destination = app.destination.map { index.nodeIndex[$0]! }
            // Arcs by their tail vertex (layer, node); layer -1 marks the result layer.
            var leaving: [Int64: [Int]] = [:]
            func key(_ layer: Int, _ node: Int) -> Int64 { Int64(layer) << 32 | Int64(node) }
            var shareLevelOf: [Int: Int] = [:]
            for v in byApp[a] {
                switch formulation.arcs[v].arc {
                case .compute(let k, let n, _): leaving[key(k - 1, n), default: []].append(v)
                case .transfer(let k, let l): leaving[key(k, index.linkTail[l]), default: []].append(v)
                case .terminal(let d, let n): leaving[key(chain.depths[d].lastBlock, n), default: []].append(v)
                case .result(let l): leaving[key(-1, index.linkTail[l]), default: []].append(v)
                case .share: break
                }
            }
            // Walk.
            var layer = 0
            var node = source
            var hosts: [Int] = []
            var depth: Depth?
            var paths: [Int: [Int]] = [0: [source]]  // layer -> node sequence (result: -1)
            var used: [Int] = []
            var steps = 0
            walk: while true {
                steps += 1
                guard steps <= values.count + 2, var options = leaving[key(layer, node)], !options.isEmpty else {
                    throw .brokenFlow(application: app.id, detail: "the flow stops at layer \(layer), node \(instance.nodes[node].id)")
                }
                let v = options.removeFirst()
                leaving[key(layer, node)] = options
                used.append(v)
                switch formulation.arcs[v].arc {
                case .compute(let k, let n, let level):
                    hosts.append(n)
                    shareLevelOf[n] = level
                    layer = k
                    paths[k] = [n]
                case .transfer(_, let l):
                    node = index.linkHead[l]
                    paths[layer, default: []].append(node)
                    continue walk
                case .terminal(let d, let n):
                    depth = chain.depths[d]
                    guard let destination else { break walk }
                    layer = -1
                    node = n
                    paths[-1] = [n]
                    if n == destination { break walk }
                    continue walk
                case .result(let l):
                    node = index.linkHead[l]
                    paths[-1, default: []].append(node)
                    if node == destination { break walk }
                    continue walk
                case .share:
                    continue walk
                }
                node = hosts.last!
            }
            guard let depth, hosts.count == depth.lastBlock else {
                throw .brokenFlow(application: app.id, detail: "the walk ended without a complete deployment")
            }
            // Erase loops, keeping the variables of the arcs that remain.
            var transfers: [Transfer] = []
            var keptHere = used.filter {
                switch formulation.arcs[$0].arc {
                case .compute, .terminal: return true
                default: return false
                }
            }
            for layerKey in paths.keys.sorted(by: { ($0 == -1 ? Int.max : $0) < ($1 == -1 ? Int.max : $1) }) {
                let simple = loopErased(paths[layerKey]!)
                guard simple.count >= 2 else { continue }
                let afterBlock = layerKey == -1 ? depth.lastBlock : layerKey
                transfers.append(Transfer(afterBlock: afterBlock, path: simple.map { instance.nodes[$0].id }))
                for i in 1..<simple.count {
                    let l = index.link(from: simple[i - 1], to: simple[i])!
                    if let v = used.first(where: { u in
                        switch formulation.arcs[u].arc {
                        case .transfer(let k, let ll): return layerKey != -1 && k == layerKey && ll == l
                        case .result(let ll): return layerKey == -1 && ll == l
                        default: return false
                        }
                    }) { keptHere.append(v) }
                }
            }
            var shares: [String: Double]?
            if instance.shareLevels != nil {
                shares = Dictionary(uniqueKeysWithValues: Set(hosts).map { (instance.nodes[$0].id, formulation.levels[shareLevelOf[$0]!]) })
            }
            deployments.append(Deployment(application: app.id, exitAfterBlock: depth.lastBlock,
                                          hosts: hosts.map { instance.nodes[$0].id }, shares: shares, transfers: transfers))
            kept += keptHere
        }
        return (deployments, kept)
    }

    /// The node sequence with every cycle cut out (the first visit of a node is kept and the
    /// walk resumes after its last visit).
    func loopErased(_ nodes: [Int]) -> [Int] {
        var out: [Int] = []
        var position: [Int: Int] = [:]
        for n in nodes {
            if let p = position[n] {
                for m in out[(p + 1)...] { position[m] = nil }
                out.removeSubrange((p + 1)...)
            } else {
                position[n] = out.count
                out.append(n)
            }
        }
        return out
    }
}
