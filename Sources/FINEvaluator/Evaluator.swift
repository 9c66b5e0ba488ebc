import FINModel

/// The evaluation of one deployment.
public struct DeploymentEvaluation: Sendable {
    public let application: String
    /// Nil when the deployment's structure is broken and cannot be scored.
    public let scores: DeploymentScores?
    public let footprint: Footprint?
    /// Structural problems and the application's own constraints (latency, accuracy, pin).
    public let violations: [Violation]
}

/// The evaluation of a set of deployments sharing one network.
public struct SolutionEvaluation: Sendable {
    public let deployments: [DeploymentEvaluation]
    /// Every violation: each deployment's, then the shared capacities'.
    public let violations: [Violation]
    /// Sum over scored deployments of rate * energy per inference (J/s).
    public let objectiveJoulesPerSecond: Double
    /// True when every application is deployed and nothing is violated.
    public var feasible: Bool { violations.isEmpty }
}

/// The one place where energy, latency, accuracy and every capacity are computed
/// (MODEL.md, "Scores" and "Constraints"). Every solver's output is re-scored here.
public struct Evaluator: Sendable {
    public let index: NetworkIndex
    public var instance: Instance { index.instance }

    /// An evaluator for a valid instance (see `InstanceValidator`).
    public init(_ instance: Instance) {
        index = NetworkIndex(instance)
    }

    /// An evaluator over an existing index.
    public init(index: NetworkIndex) {
        self.index = index
    }

    // MARK: - Structure

    /// Resolves a deployment's ids and checks its structure: known application, an exit
    /// after the final block, one compute-capable host per block, shares matching the
    /// instance's levels, and exactly the transfers whose ends differ, each along a simple
    /// path of existing links from the sending host to the receiving node.
    public func resolve(_ d: Deployment) -> (ResolvedDeployment?, [Violation]) {
        let subject = "application \(d.application)"
        var problems: [String] = []
        guard let appIndex = instance.applications.firstIndex(where: { $0.id == d.application }) else {
            return (nil, [Violation(kind: .structure, subject: subject, detail: "no such application in the instance")])
        }
        let app = instance.applications[appIndex]
        let chain = index.chain(of: app)
        guard (1...chain.blockCount).contains(d.exitAfterBlock), let depth = chain.depth(endingAfter: d.exitAfterBlock)
        else {
            let exits = chain.depths.map { String($0.lastBlock) }.joined(separator: ", ")
            return (
                nil,
                [
                    Violation(
                        kind: .structure, subject: subject,
                        detail:
                            "exitAfterBlock \(d.exitAfterBlock) is not an exit of model \(app.model) (exits after "
                            + "blocks \(exits))"
                    )
                ]
            )
        }
        if d.hosts.count != depth.lastBlock {
            problems.append("\(d.hosts.count) hosts for \(depth.lastBlock) deployed blocks")
        }
        var hosts: [Int] = []
        for (i, id) in d.hosts.enumerated() {
            guard let n = index.nodeIndex[id] else {
                problems.append("hosts[\(i)]: unknown node \"\(id)\"")
                continue
            }
            if !instance.nodes[n].canCompute {
                problems.append("hosts[\(i)]: node \"\(id)\" cannot compute (speed 0)")
            }
            hosts.append(n)
        }
        // Shares
        var shares: [Int: Double] = [:]
        if let levels = instance.shareLevels {
            let given = d.shares ?? [:]
            if d.shares == nil { problems.append("the instance has shareLevels, so shares must be given") }
            for n in Set(hosts).sorted() {
                let id = instance.nodes[n].id
                if let phi = given[id] {
                    if !levels.contains(where: { abs($0 - phi) <= 1e-12 }) {
                        problems.append(
                            "share \(JSONWriter.formatNumber(phi)) on \"\(id)\" is not one of the share levels "
                                + "\(levels.map(JSONWriter.formatNumber))"
                        )
                    }
                    shares[n] = phi
                } else if d.shares != nil {
                    problems.append("no share given on host \"\(id)\"")
                }
            }
            for id in given.keys.sorted() where !hosts.contains(where: { instance.nodes[$0].id == id }) {
                problems.append("share given on \"\(id)\", which hosts no block of this application")
            }
        } else {
            if d.shares != nil { problems.append("shares given, but the instance has no shareLevels") }
            for n in hosts { shares[n] = 1 }
        }
        guard problems.isEmpty else {
            return (nil, problems.map { Violation(kind: .structure, subject: subject, detail: $0) })
        }
        // Transfers: the required ones follow from the hosts.
        let source = index.nodeIndex[app.source]!
        let destination = app.destination.map { index.nodeIndex[$0]! }
        func ends(_ k: Int) -> (from: Int, to: Int)? {
            if k == 0 { return (source, hosts[0]) }
            if k < depth.lastBlock { return (hosts[k - 1], hosts[k]) }
            if k == depth.lastBlock, let destination { return (hosts[k - 1], destination) }
            return nil
        }
        var listed: [Int: [Int]] = [:]
        for (t, transfer) in d.transfers.enumerated() {
            let k = transfer.afterBlock
            let where_ = "transfers[\(t)] (afterBlock \(k))"
            guard (0...depth.lastBlock).contains(k), let (from, to) = ends(k) else {
                let result = destination == nil ? "" : " or \(depth.lastBlock) for the result"
                problems.append("\(where_): no such transfer (afterBlock must be 0...\(depth.lastBlock - 1)\(result))")
                continue
            }
            guard from != to else {
                problems.append(
                    "\(where_): both ends are \"\(instance.nodes[from].id)\"; a transfer is listed only when its ends "
                        + "differ"
                )
                continue
            }
            guard listed[k] == nil else {
                problems.append("\(where_): a second transfer after block \(k)")
                continue
            }
            let path = transfer.path.compactMap { index.nodeIndex[$0] }
            if path.count != transfer.path.count {
                let unknown = transfer.path.filter { index.nodeIndex[$0] == nil }
                problems.append("\(where_): unknown node \"\(unknown[0])\" in the path")
                continue
            }
            guard path.count >= 2, path.first == from, path.last == to else {
                problems.append(
                    "\(where_): the path must run from \"\(instance.nodes[from].id)\" to \"\(instance.nodes[to].id)\", "
                        + "got \(transfer.path)"
                )
                continue
            }
            guard Set(path).count == path.count else {
                problems.append("\(where_): the path \(transfer.path) visits a node twice (paths are simple)")
                continue
            }
            var links: [Int] = []
            for i in 1..<path.count {
                guard let l = index.link(from: path[i - 1], to: path[i]) else {
                    problems.append("\(where_): no link \(transfer.path[i - 1]) -> \(transfer.path[i])")
                    break
                }
                links.append(l)
            }
            if links.count == path.count - 1 { listed[k] = links }
        }
        for k in 0...depth.lastBlock {
            if let (from, to) = ends(k), from != to, listed[k] == nil,
                !d.transfers.contains(where: { $0.afterBlock == k })
            {
                let what = k == 0 ? "the input" : (k == depth.lastBlock ? "the result" : "block \(k)'s output")
                problems.append(
                    "missing transfer of \(what) (afterBlock \(k)) from \"\(instance.nodes[from].id)\" to "
                        + "\"\(instance.nodes[to].id)\""
                )
            }
        }
        guard problems.isEmpty else {
            return (nil, problems.map { Violation(kind: .structure, subject: subject, detail: $0) })
        }
        let transfers = listed.keys.sorted().map { (afterBlock: $0, links: listed[$0]!) }
        return (
            ResolvedDeployment(application: appIndex, depth: depth, hosts: hosts, shares: shares, transfers: transfers),
            []
        )
    }

    // MARK: - Scores

    /// Bits of the transfer after block `k` of a deployment to `depth`, and the probability
    /// that it is sent (the result is delivered for every sample: a stated simplification).
    public func transferVolume(_ chain: DNNChain, depth: Depth, afterBlock k: Int) -> (
        bits: Double, probability: Double
    ) {
        k == depth.lastBlock
            ? (chain.model.resultBits, 1) : (chain.transferBits(afterBlock: k), chain.sendProbability(afterBlock: k))
    }

    /// Scores and footprint of a resolved deployment.
    public func score(_ r: ResolvedDeployment) -> (DeploymentScores, Footprint) {
        let app = instance.applications[r.application]
        let chain = index.chain(of: app)
        var computeEnergy = 0.0
        var latency = 0.0
        var memory: [Int: Double] = [:]
        var load: [Int: Double] = [:]
        for k in 1...r.depth.lastBlock {
            let n = r.hosts[k - 1]
            let node = instance.nodes[n]
            let ops = chain.computeOps[k]
            computeEnergy += chain.reach[k] * ops * node.joulesPerOp
            latency += ops / (r.shares[n]! * node.opsPerSecond)
            memory[n, default: 0] += chain.memoryBytes(block: k)
            load[n, default: 0] += app.ratePerSecond * chain.reach[k] * ops
        }
        var communicationEnergy = 0.0
        var traffic: [Int: Double] = [:]
        for t in r.transfers {
            let (bits, probability) = transferVolume(chain, depth: r.depth, afterBlock: t.afterBlock)
            for l in t.links {
                let link = instance.links[l]
                communicationEnergy += probability * bits * link.joulesPerBit
                latency += link.seconds(bits: bits)
                traffic[l, default: 0] += app.ratePerSecond * probability * bits
            }
        }
        let scores = DeploymentScores(
            energyJoules: computeEnergy + communicationEnergy, computeEnergyJoules: computeEnergy,
            communicationEnergyJoules: communicationEnergy, latencySeconds: latency, accuracy: r.depth.accuracy)
        let footprint = Footprint(
            memory: memory.keys.sorted().map { ($0, memory[$0]!) },
            load: load.keys.sorted().map { ($0, load[$0]!) },
            share: r.shares.keys.sorted().map { ($0, r.shares[$0]!) },
            traffic: traffic.keys.sorted().map { ($0, traffic[$0]!) })
        return (scores, footprint)
    }

    /// The application's own constraints: latency bound, accuracy target, pinned block 1.
    public func applicationViolations(_ r: ResolvedDeployment, _ s: DeploymentScores) -> [Violation] {
        let app = instance.applications[r.application]
        let subject = "application \(app.id)"
        var out: [Violation] = []
        if !Tolerance.fits(s.latencySeconds, within: app.maxLatencySeconds) {
            out.append(
                Violation(
                    kind: .latency, subject: subject, value: s.latencySeconds, limit: app.maxLatencySeconds, unit: "s"))
        }
        if !Tolerance.meets(s.accuracy, target: app.minAccuracy) {
            out.append(Violation(kind: .accuracy, subject: subject, value: s.accuracy, limit: app.minAccuracy))
        }
        if app.pinFirstBlockToSource, instance.nodes[r.hosts[0]].id != app.source {
            out.append(
                Violation(
                    kind: .pinnedSource, subject: subject,
                    detail:
                        "block 1 is on \"\(instance.nodes[r.hosts[0]].id)\", but it is pinned to the source "
                        + "\"\(app.source)\""
                ))
        }
        return out
    }

    // MARK: - Evaluation

    /// Evaluates one deployment on its own (its capacities as if it were alone).
    public func evaluate(_ deployment: Deployment) -> SolutionEvaluation {
        evaluate([deployment], requireAllApplications: false)
    }

    /// Evaluates deployments that share the network: each one's structure and own
    /// constraints, then every node's and link's capacity under their combined use.
    /// `requireAllApplications`: an application without a deployment is a violation.
    public func evaluate(_ deployments: [Deployment], requireAllApplications: Bool = true) -> SolutionEvaluation {
        var results: [DeploymentEvaluation] = []
        var violations: [Violation] = []
        var objective = 0.0
        var memory = [Double](repeating: 0, count: index.nodeCount)
        var load = memory
        var shareSum = memory
        var traffic = [Double](repeating: 0, count: index.linkCount)
        var shareLoad: [(app: String, node: Int, load: Double, share: Double)] = []
        var seen = Set<String>()
        for d in deployments {
            var own: [Violation] = []
            if !seen.insert(d.application).inserted {
                own.append(
                    Violation(
                        kind: .structure, subject: "application \(d.application)", detail: "deployed more than once"))
                results.append(
                    DeploymentEvaluation(application: d.application, scores: nil, footprint: nil, violations: own))
                violations += own
                continue
            }
            let (resolved, structural) = resolve(d)
            guard let resolved else {
                results.append(
                    DeploymentEvaluation(
                        application: d.application, scores: nil, footprint: nil, violations: structural))
                violations += structural
                continue
            }
            let (scores, footprint) = score(resolved)
            own += applicationViolations(resolved, scores)
            own += nonFiniteViolations(d.application, scores)
            let app = instance.applications[resolved.application]
            objective += app.ratePerSecond * scores.energyJoules
            for (n, b) in footprint.memory { memory[n] += b }
            for (n, x) in footprint.load { load[n] += x }
            for (l, x) in footprint.traffic { traffic[l] += x }
            if instance.shareLevels != nil {
                for ((n, phi), (_, x)) in zip(footprint.share, footprint.load) {
                    shareSum[n] += phi
                    shareLoad.append((app.id, n, x, phi))
                }
            }
            results.append(
                DeploymentEvaluation(application: d.application, scores: scores, footprint: footprint, violations: own))
            violations += own
        }
        if requireAllApplications {
            for app in instance.applications where !seen.contains(app.id) {
                violations.append(
                    Violation(
                        kind: .missingApplication, subject: "application \(app.id)", detail: "no deployment given"))
            }
        }
        for (n, node) in instance.nodes.enumerated() {
            let subject = "node \(node.id)"
            if memory[n] > 0, !Tolerance.fits(memory[n], within: node.memoryBytes) {
                violations.append(
                    Violation(kind: .memory, subject: subject, value: memory[n], limit: node.memoryBytes, unit: "bytes")
                )
            }
            if load[n] > 0, !Tolerance.fits(load[n], within: node.opsPerSecond) {
                violations.append(
                    Violation(
                        kind: .computeLoad, subject: subject, value: load[n], limit: node.opsPerSecond, unit: "ops/s"))
            }
            if shareSum[n] > 0, !Tolerance.fits(shareSum[n], within: 1) {
                violations.append(Violation(kind: .shareSum, subject: subject, value: shareSum[n], limit: 1))
            }
        }
        for s in shareLoad {
            let capacity = s.share * instance.nodes[s.node].opsPerSecond
            if !Tolerance.fits(s.load, within: capacity) {
                violations.append(
                    Violation(
                        kind: .shareLoad, subject: "node \(instance.nodes[s.node].id), application \(s.app)",
                        value: s.load, limit: capacity, unit: "ops/s"))
            }
        }
        for (l, link) in instance.links.enumerated() where traffic[l] > 0 {
            if !Tolerance.fits(traffic[l], within: link.bitsPerSecond) {
                violations.append(
                    Violation(
                        kind: .bandwidth, subject: "link \(link.from) -> \(link.to)", value: traffic[l],
                        limit: link.bitsPerSecond, unit: "bit/s"))
            }
        }
        if !objective.isFinite {
            violations.append(
                Violation(
                    kind: .nonFinite, subject: "objective",
                    detail:
                        "the energy per second is \(NumberFormat.sig(objective)): the figures overflow a 64-bit float"))
        }
        return SolutionEvaluation(deployments: results, violations: violations, objectiveJoulesPerSecond: objective)
    }

    /// The solution re-scored (`rescored`) when the evaluator accepts it; otherwise status
    /// `error`, no deployments, and the violations in `info.message` (a method's answer that the
    /// evaluator rejects is a bug in the method, never a result).
    public func checked(_ solution: Solution) -> Solution {
        let (rescored, evaluation) = self.rescored(solution)
        guard !evaluation.feasible else { return rescored }
        var out = rescored
        out.status = .error
        out.deployments = []
        out.objectiveJoulesPerSecond = nil
        out.gap = nil
        out.info["message"] = .string(
            "internal error, the evaluator rejects the answer: "
                + evaluation.violations.map(\.description).joined(separator: "; "))
        return out
    }

    /// The solution with every deployment's scores and the objective replaced by the
    /// evaluator's, and the gap recomputed from the objective and the bound. Scores of
    /// structurally broken deployments are removed.
    public func rescored(_ solution: Solution) -> (Solution, SolutionEvaluation) {
        let evaluation = evaluate(solution.deployments)
        var out = solution
        for (i, e) in evaluation.deployments.enumerated() {
            out.deployments[i].energyJoules = e.scores?.energyJoules
            out.deployments[i].computeEnergyJoules = e.scores?.computeEnergyJoules
            out.deployments[i].communicationEnergyJoules = e.scores?.communicationEnergyJoules
            out.deployments[i].latencySeconds = e.scores?.latencySeconds
            out.deployments[i].accuracy = e.scores?.accuracy
        }
        // Without applications the empty deployment is the answer, of energy 0.
        let answered = solution.status == .optimal || solution.status == .feasible
        let scored = !solution.deployments.isEmpty || (instance.applications.isEmpty && answered)
        out.objectiveJoulesPerSecond = scored ? evaluation.objectiveJoulesPerSecond : nil
        out.gap = Solution.relativeGap(objective: out.objectiveJoulesPerSecond, bound: out.boundJoulesPerSecond)
        return (out, evaluation)
    }
}
