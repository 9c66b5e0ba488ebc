import FINEvaluator
import FINModel
import Foundation

/// Exhaustive enumeration: the oracle the exact methods are checked against on tiny
/// instances. Independent of every other solver: it shares only the model types and the
/// evaluator.
///
/// For each application it lists every deployment — each admissible depth, each assignment
/// of blocks to compute nodes, each share level per hosting node, each simple path for each
/// transfer — and keeps those the evaluator finds feasible on their own. It then searches the
/// combinations (one deployment per application) for the cheapest whose summed resource use
/// fits every node and link, by depth-first search with the exact bound "energy so far + the
/// cheapest candidate of each remaining application".
public enum BruteForce {
    /// Why enumeration was refused.
    public struct TooLarge: Error, CustomStringConvertible {
        public let application: String
        public let candidates: Int
        public var description: String {
            "application \(application) has more than \(candidates) deployments to enumerate; brute force is for tiny "
                + "instances"
        }
    }

    /// A deployment feasible on its own, with its energy (J/s) and footprint.
    struct Candidate {
        let deployment: Deployment
        let energy: Double
        let footprint: Footprint
    }

    /// Solves `instance` (valid). Status `optimal` with the deployments, or `infeasible`.
    /// `limit` bounds the deployments enumerated per application.
    public static func solve(_ instance: Instance, limit: Int = 2_000_000) throws(TooLarge) -> Solution {
        let start = Date()
        let evaluator = Evaluator(instance)
        var lists: [[Candidate]] = []
        var enumerated = 0
        for app in instance.applications {
            let (list, count) = try candidates(app, evaluator, limit: limit)
            enumerated += count
            lists.append(list.sorted { $0.energy < $1.energy })
        }
        var solution = Solution(
            instance: instance.name, method: "brute-force", status: .infeasible,
            info: ["deploymentsEnumerated": .number(Double(enumerated))])
        if let best = search(lists, instance) {
            let (rescored, evaluation) = evaluator.rescored(
                Solution(
                    instance: instance.name, method: "brute-force", status: .optimal,
                    deployments: best, info: solution.info))
            solution = rescored
            if !evaluation.feasible {
                // Cannot happen unless the footprint arithmetic and the evaluator disagree.
                solution.status = .error
                solution.info["message"] = .string(
                    "combined deployments the evaluator rejects: \(evaluation.violations)")
            }
            solution.boundJoulesPerSecond = solution.objectiveJoulesPerSecond
            solution.gap = 0
        }
        solution.wallSeconds = Date().timeIntervalSince(start)
        return solution
    }

    /// Every simple path from `u` to `v` (node index sequences).
    static func simplePaths(_ index: NetworkIndex, from u: Int, to v: Int) -> [[Int]] {
        var out: [[Int]] = []
        var path = [u]
        var onPath = Set([u])
        func extend(_ n: Int) {
            if n == v {
                out.append(path)
                return
            }
            for l in index.outgoing[n] {
                let m = index.linkHead[l]
                guard !onPath.contains(m) else { continue }
                path.append(m)
                onPath.insert(m)
                extend(m)
                onPath.remove(m)
                path.removeLast()
            }
        }
        extend(u)
        return out
    }

    static func candidates(_ app: Application, _ evaluator: Evaluator, limit: Int) throws(TooLarge) -> (
        [Candidate], Int
    ) {
        let index = evaluator.index
        let instance = evaluator.instance
        let chain = index.chain(of: app)
        let compute = instance.nodes.indices.filter { instance.nodes[$0].canCompute }
        let source = index.nodeIndex[app.source]!
        let destination = app.destination.map { index.nodeIndex[$0]! }
        let levels = instance.shareLevels
        var pathCache: [Int64: [[Int]]] = [:]
        func paths(_ u: Int, _ v: Int) -> [[Int]] {
            let key = Int64(u) << 32 | Int64(v)
            if let p = pathCache[key] { return p }
            let p = simplePaths(index, from: u, to: v)
            pathCache[key] = p
            return p
        }
        var out: [Candidate] = []
        var count = 0
        for depth in chain.admissibleDepths(minAccuracy: app.minAccuracy) {
            let k = depth.lastBlock
            var hosts = [Int](repeating: compute.first ?? 0, count: k)
            func assign(_ b: Int) throws(TooLarge) {
                if b == k {
                    try withShares()
                    return
                }
                for n in compute {
                    if b == 0 && app.pinFirstBlockToSource && n != source { continue }
                    hosts[b] = n
                    try assign(b + 1)
                }
            }
            func withShares() throws(TooLarge) {
                let distinct = Array(Set(hosts)).sorted()
                guard let levels else {
                    try withTransfers(nil)
                    return
                }
                var choice = [Int](repeating: 0, count: distinct.count)
                while true {
                    try withTransfers(
                        Dictionary(
                            uniqueKeysWithValues: zip(distinct.map { instance.nodes[$0].id }, choice.map { levels[$0] })
                        ))
                    var i = 0
                    while i < choice.count {
                        choice[i] += 1
                        if choice[i] < levels.count { break }
                        choice[i] = 0
                        i += 1
                    }
                    if i == choice.count { break }
                }
            }
            func withTransfers(_ shares: [String: Double]?) throws(TooLarge) {
                var needed: [(Int, [[Int]])] = []
                if source != hosts[0] { needed.append((0, paths(source, hosts[0]))) }
                for b in 1..<max(k, 1) where b < k && hosts[b - 1] != hosts[b] {
                    needed.append((b, paths(hosts[b - 1], hosts[b])))
                }
                if let destination, hosts[k - 1] != destination { needed.append((k, paths(hosts[k - 1], destination))) }
                if needed.contains(where: { $0.1.isEmpty }) { return }
                var choice = [Int](repeating: 0, count: needed.count)
                while true {
                    count += 1
                    if count > limit { throw TooLarge(application: app.id, candidates: limit) }
                    let transfers = zip(needed, choice).map { need, c in
                        Transfer(afterBlock: need.0, path: need.1[c].map { instance.nodes[$0].id })
                    }
                    let d = Deployment(
                        application: app.id, exitAfterBlock: k, hosts: hosts.map { instance.nodes[$0].id },
                        shares: shares, transfers: transfers)
                    let e = evaluator.evaluate(d)
                    if e.feasible, let scores = e.deployments[0].scores, let footprint = e.deployments[0].footprint {
                        out.append(
                            Candidate(
                                deployment: d, energy: app.ratePerSecond * scores.energyJoules, footprint: footprint))
                    }
                    var i = 0
                    while i < choice.count {
                        choice[i] += 1
                        if choice[i] < needed[i].1.count { break }
                        choice[i] = 0
                        i += 1
                    }
                    if i == choice.count { break }
                }
            }
            try assign(0)
        }
        return (out, count)
    }

    /// The cheapest combination whose summed footprints fit, or nil.
    static func search(_ lists: [[Candidate]], _ instance: Instance) -> [Deployment]? {
        if lists.contains(where: \.isEmpty) { return nil }
        let nodes = instance.nodes
        let links = instance.links
        // The cheapest energy of the applications after position i.
        var rest = [Double](repeating: 0, count: lists.count + 1)
        for i in stride(from: lists.count - 1, through: 0, by: -1) { rest[i] = rest[i + 1] + lists[i][0].energy }
        var memory = [Double](repeating: 0, count: nodes.count)
        var load = memory
        var shares = memory
        var traffic = [Double](repeating: 0, count: links.count)
        var chosen: [Int] = []
        var best: [Int]?
        var bestEnergy = Double.infinity
        let withShares = instance.shareLevels != nil
        func fits(_ f: Footprint) -> Bool {
            for (n, b) in f.memory where !Tolerance.fits(memory[n] + b, within: nodes[n].memoryBytes) { return false }
            for (n, x) in f.load where !Tolerance.fits(load[n] + x, within: nodes[n].opsPerSecond) { return false }
            if withShares { for (n, s) in f.share where !Tolerance.fits(shares[n] + s, within: 1) { return false } }
            for (l, x) in f.traffic where !Tolerance.fits(traffic[l] + x, within: links[l].bitsPerSecond) {
                return false
            }
            return true
        }
        func apply(_ f: Footprint, _ sign: Double) {
            for (n, b) in f.memory { memory[n] += sign * b }
            for (n, x) in f.load { load[n] += sign * x }
            if withShares { for (n, s) in f.share { shares[n] += sign * s } }
            for (l, x) in f.traffic { traffic[l] += sign * x }
        }
        func visit(_ i: Int, _ energy: Double) {
            if i == lists.count {
                if energy < bestEnergy {
                    bestEnergy = energy
                    best = chosen
                }
                return
            }
            for (c, candidate) in lists[i].enumerated() {
                if energy + candidate.energy + rest[i + 1] >= bestEnergy { break }  // sorted: no later one is cheaper
                guard fits(candidate.footprint) else { continue }
                apply(candidate.footprint, 1)
                chosen.append(c)
                visit(i + 1, energy + candidate.energy)
                chosen.removeLast()
                apply(candidate.footprint, -1)
            }
        }
        visit(0, 0)
        return best.map { picks in picks.enumerated().map { lists[$0.offset][$0.element].deployment } }
    }
}
