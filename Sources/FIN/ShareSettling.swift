import FINEvaluator
import FINModel

/// The share levels of one deployment's hosting nodes, with share levels in the instance
/// (docs/FIN.md, "Share levels"). Energy does not depend on shares; the latency is
/// `L0 + Σ_n t_n / φ_n` (t_n: the time the blocks on node n take at its full speed), and each
/// node's share must carry the load the deployment puts there. `t_n` and `L0` come from the
/// evaluator (the latency at full speed, and with one node at half speed); every share vector
/// chosen is checked by the evaluator again.
///
/// Two uses: `FINMethod.settleShares` takes the vector that reserves the least speed
/// (Σ φ_n · speed_n) for one-at-a-time deployment, and `fin-multi`'s master problem takes every
/// minimal vector (no node can drop to a lower level and still meet the bound) as a column, so
/// that the shares of all applications are chosen jointly and exactly.
struct ShareSettling {
    let deployment: Deployment
    /// Hosting node ids (sorted) and their indices.
    let ids: [String]
    let nodes: [Int]
    /// Each hosting node's time at full speed, and the latency that does not depend on shares.
    let time: [Double]
    let base: Double
    /// Each hosting node's load (ops/s) and speed.
    let load: [Double]
    let speed: [Double]
    let bound: Double
    let evaluator: Evaluator

    /// Above this many share combinations, vectors are not enumerated.
    static let enumerationLimit = 20_000

    /// Nil when the instance has no share levels or the deployment does not score.
    init?(_ d: Deployment, _ evaluator: Evaluator) {
        guard evaluator.instance.shareLevels != nil, let given = d.shares,
            let app = evaluator.instance.applications.first(where: { $0.id == d.application })
        else { return nil }
        let index = evaluator.index
        deployment = d
        self.evaluator = evaluator
        bound = app.maxLatencySeconds
        ids = given.keys.sorted()
        nodes = ids.map { index.nodeIndex[$0]! }
        speed = nodes.map { evaluator.instance.nodes[$0].opsPerSecond }
        var probe = d
        for id in ids { probe.shares![id] = 1 }
        guard let (full, perNode) = Self.scored(probe, evaluator) else { return nil }
        load = nodes.map { perNode[$0] ?? 0 }
        var t: [Double] = []
        for id in ids {
            var half = probe
            half.shares![id] = 0.5
            guard let (slow, _) = Self.scored(half, evaluator) else { return nil }
            t.append(max(0, slow - full))
        }
        time = t
        base = full - t.reduce(0, +)
    }

    /// Latency and load per node of a deployment, by the evaluator.
    private static func scored(_ d: Deployment, _ evaluator: Evaluator) -> (Double, [Int: Double])? {
        guard let resolved = evaluator.resolve(d).0 else { return nil }
        let (scores, footprint) = evaluator.score(resolved)
        return (
            scores.latencySeconds, Dictionary(footprint.load.map { ($0.node, $0.opsPerSecond) }, uniquingKeysWith: +)
        )
    }

    /// The deployment with shares `phis` (in the order of `ids`).
    func with(_ phis: [Double]) -> Deployment {
        var out = deployment
        for (id, phi) in zip(ids, phis) { out.shares![id] = phi }
        return out
    }

    /// True when the evaluator finds the bound met and every node's load within its share.
    func fits(_ phis: [Double]) -> Bool {
        guard let (latency, perNode) = Self.scored(with(phis), evaluator),
            Tolerance.fits(latency, within: bound)
        else { return false }
        return nodes.indices.allSatisfy { Tolerance.fits(perNode[nodes[$0]] ?? 0, within: phis[$0] * speed[$0]) }
    }

    /// Of `free` (levels per node, ascending), those that carry each node's load.
    func options(_ free: [[Double]]) -> [[Double]] {
        nodes.indices.map { i in free[i].filter { Tolerance.fits(load[i], within: $0 * speed[i]) } }
    }

    /// Every share vector over `options` (ascending per node) that meets the bound by the latency
    /// formula and from which no node can drop to its next lower option and still meet it, in
    /// increasing speed reserved (Σ φ · speed; ties in enumeration order), at most `limit` of
    /// them. Nil when `options` have more than `enumerationLimit` combinations.
    func minimalVectors(_ options: [[Double]], limit: Int) -> [[Double]]? {
        let combinations = options.reduce(1.0) { $0 * Double($1.count) }
        guard combinations <= Double(Self.enumerationLimit) else { return nil }
        // Least time the nodes from i on can take (each at its largest option).
        var rest = [Double](repeating: 0, count: nodes.count + 1)
        for i in stride(from: nodes.count - 1, through: 0, by: -1) {
            guard let largest = options[i].last else { return [] }
            rest[i] = rest[i + 1] + time[i] / largest
        }
        var found: [(sum: Double, phis: [Double])] = []
        var choice = [Int](repeating: 0, count: nodes.count)
        func minimal(_ latency: Double) -> Bool {
            for i in nodes.indices where choice[i] > 0 {
                let lower = latency - time[i] / options[i][choice[i]] + time[i] / options[i][choice[i] - 1]
                if Tolerance.fits(lower, within: bound) { return false }
            }
            return true
        }
        func search(_ i: Int, _ latency: Double, _ sum: Double) {
            guard Tolerance.fits(latency + rest[i], within: bound) else { return }
            if i == nodes.count {
                if minimal(latency) { found.append((sum, nodes.indices.map { options[$0][choice[$0]] })) }
                return
            }
            for k in options[i].indices {
                choice[i] = k
                search(i + 1, latency + time[i] / options[i][k], sum + options[i][k] * speed[i])
            }
        }
        search(0, base, 0)
        let ranked = found.indices.sorted { (found[$0].sum, $0) < (found[$1].sum, $1) }
        return ranked.prefix(limit).map { found[$0].phis }
    }

    /// Node by node: each node the smallest option that still meets the bound (by the
    /// evaluator), the others at their largest.
    func greedy(_ options: [[Double]], from top: [Double]) -> [Double] {
        var out = top
        for i in nodes.indices {
            for phi in options[i] where phi < out[i] {
                var trial = out
                trial[i] = phi
                if fits(trial) {
                    out = trial
                    break
                }
            }
        }
        return out
    }
}
