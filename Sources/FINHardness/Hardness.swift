import FIN
import FINEvaluator
import FINGraph
import FINModel

/// Computes `ApplicationHardness` for every application of an instance (docs/INSTANCES.md).
public enum Hardness {
    /// Relative tolerance of "at the bound" and "at capacity".
    public static let bindingTolerance = 1e-6

    /// The static figures of every application (no solver), in the instance's order.
    public static func analyze(_ instance: Instance) -> [ApplicationHardness] {
        let context = Context(instance)
        return instance.applications.indices.map { context.staticFigures($0) }
    }

    /// The static figures, plus each application's exact optimum alone (FIN-exact on the full
    /// capacities, other applications ignored), whether it stays on the source, which
    /// constraints sit at their limit, and whether lifting the bound or the capacities would
    /// make it cheaper.
    public static func analyzeSolving(_ instance: Instance) -> [ApplicationHardness] {
        let context = Context(instance)
        let (index, evaluator, unbounded) = (context.index, context.evaluator, context.unbounded)
        return instance.applications.indices.map { a in
            var h = context.staticFigures(a)
            guard let optimum = FINMethod.solveSingle(index, application: a, variant: .exact)?.deployment else {
                return h
            }
            let evaluation = evaluator.evaluate(optimum)
            fill(&h, optimum, evaluation, instance)
            let free = FINMethod.solveSingle(unbounded, application: a, variant: .exact)?.deployment
            let relaxed = FINMethod.solveSingle(index, application: a, variant: .exact, capacities: unlimited(index))?
                .deployment
            let best = h.optimumJoules ?? 0
            h.latencyBinds = free.map { cheaper(energy(evaluator, $0), than: best) } ?? false
            h.capacityBinds = relaxed.map { cheaper(energy(evaluator, $0), than: best) } ?? false
            return h
        }
    }

    /// The static figures, plus the facts of each application's deployment in `solution`, every
    /// deployment counted on the shared capacities (for a joint optimum such as CBC's). With the
    /// other deployments fixed, `latencyBinds` says whether a cheaper deployment of this one fits
    /// the capacities they leave but breaks the bound, `capacityBinds` whether one meets the
    /// bound with memory, speed and bandwidth unlimited (FIN-exact on the residual capacities).
    public static func analyze(_ instance: Instance, solution: Solution) -> [ApplicationHardness] {
        let context = Context(instance)
        let (index, evaluator, unbounded) = (context.index, context.evaluator, context.unbounded)
        let evaluation = evaluator.evaluate(solution.deployments, requireAllApplications: false)
        let withShares = instance.shareLevels != nil
        return instance.applications.indices.map { a in
            var h = context.staticFigures(a)
            guard let d = solution.deployments.first(where: { $0.application == h.application }) else { return h }
            fill(&h, d, evaluation, instance)
            guard let best = h.optimumJoules else { return h }
            var residual = Capacities(index)
            for other in evaluation.deployments where other.application != h.application {
                guard let f = other.footprint else { continue }
                for (n, b) in f.memory { residual.memoryBytes[n] -= b }
                for (n, x) in f.load { residual.opsPerSecond[n] -= x }
                if withShares { for (n, x) in f.share { residual.share[n] -= x } }
                for (l, x) in f.traffic { residual.bitsPerSecond[l] -= x }
            }
            var open = unlimited(index)
            open.share = residual.share
            let free = FINMethod.solveSingle(unbounded, application: a, variant: .exact, capacities: residual)?
                .deployment
            let relaxed = FINMethod.solveSingle(index, application: a, variant: .exact, capacities: open)?.deployment
            h.latencyBinds = free.map { cheaper(energy(evaluator, $0), than: best) } ?? false
            h.capacityBinds = relaxed.map { cheaper(energy(evaluator, $0), than: best) } ?? false
            return h
        }
    }

    // MARK: - Parts

    /// The instance with every latency bound lifted.
    static func lifted(_ instance: Instance) -> Instance {
        var out = instance
        for a in out.applications.indices { out.applications[a].maxLatencySeconds = .greatestFiniteMagnitude }
        return out
    }

    /// Capacities with memory, speed and bandwidth unlimited (shares as they are).
    static func unlimited(_ index: NetworkIndex) -> Capacities {
        var c = Capacities(index)
        c.memoryBytes = c.memoryBytes.map { _ in .greatestFiniteMagnitude }
        c.opsPerSecond = c.opsPerSecond.map { _ in .greatestFiniteMagnitude }
        c.bitsPerSecond = c.bitsPerSecond.map { _ in .greatestFiniteMagnitude }
        return c
    }

    static func cheaper(_ a: Double?, than b: Double) -> Bool {
        guard let a else { return false }
        return a < b * (1 - 1e-9) - 1e-15
    }

    static func scores(_ evaluator: Evaluator, _ d: Deployment) -> DeploymentScores? {
        guard let resolved = evaluator.resolve(d).0 else { return nil }
        return evaluator.score(resolved).0
    }

    static func energy(_ evaluator: Evaluator, _ d: Deployment) -> Double? { scores(evaluator, d)?.energyJoules }

    /// An instance's index, its evaluator, and the index of its copy with every bound lifted.
    struct Context {
        let index: NetworkIndex
        let evaluator: Evaluator
        let unbounded: NetworkIndex

        init(_ instance: Instance) {
            index = NetworkIndex(instance)
            evaluator = Evaluator(index: index)
            unbounded = NetworkIndex(Hardness.lifted(instance))
        }

        func staticFigures(_ a: Int) -> ApplicationHardness {
            Hardness.staticFigures(index, evaluator, unbounded, a)
        }
    }

    static func staticFigures(_ index: NetworkIndex, _ evaluator: Evaluator, _ unbounded: NetworkIndex, _ a: Int)
        -> ApplicationHardness
    {
        let instance = index.instance
        let app = instance.applications[a]
        let chain = index.chain(of: app)
        let exits = chain.admissibleDepths(minAccuracy: app.minAccuracy).map(\.lastBlock).sorted()
        var h = ApplicationHardness(
            application: app.id, model: app.model, source: app.source, admissibleExits: exits,
            boundSeconds: app.maxLatencySeconds, fastestDiffersFromCheapest: false, sourceAloneFeasible: false)
        let fastest = FINMethod.solveSingle(unbounded, application: a, variant: .minimumLatency)?.deployment
        let graph = ExpandedGraph(unbounded, application: a, levels: instance.shareLevels ?? [1])
        let cheapest = graph.shortestPath(weight: \.energy).flatMap { graph.deployment(along: $0)?.deployment }
        if let fastest, let s = scores(evaluator, fastest) {
            h.fastestSeconds = s.latencySeconds
            h.fastestJoules = s.energyJoules
        }
        if let cheapest, let s = scores(evaluator, cheapest) {
            h.cheapestSeconds = s.latencySeconds
            h.cheapestJoules = s.energyJoules
        }
        if let fastest, let cheapest {
            h.fastestDiffersFromCheapest =
                fastest.hosts != cheapest.hosts
                || fastest.exitAfterBlock != cheapest.exitAfterBlock || fastest.transfers != cheapest.transfers
        }
        if let alone = SourceAlone.deployment(index, a), let s = scores(evaluator, alone) {
            h.sourceAloneSeconds = s.latencySeconds
            h.sourceAloneJoules = s.energyJoules
            h.sourceAloneFeasible = evaluator.evaluate(alone).feasible
        }
        if let f = h.fastestSeconds, let s = h.sourceAloneSeconds, s > f * (1 + 1e-9) {
            h.boundPosition = (app.maxLatencySeconds - f) / (s - f)
        }
        return h
    }

    /// Fills the optimum's fields from deployment `d` and an evaluation that scored it (alone or
    /// with the other deployments of its solution).
    static func fill(
        _ h: inout ApplicationHardness, _ d: Deployment, _ evaluation: SolutionEvaluation, _ instance: Instance
    ) {
        guard let mine = evaluation.deployments.first(where: { $0.application == d.application }),
            let s = mine.scores, let footprint = mine.footprint,
            let app = instance.applications.first(where: { $0.id == d.application })
        else { return }
        h.optimumJoules = s.energyJoules
        h.optimumSeconds = s.latencySeconds
        h.optimumExit = d.exitAfterBlock
        h.optimumOnSource = d.hosts.allSatisfy { $0 == app.source }
        h.optimumWithoutTransfers = h.optimumOnSource == true && d.transfers.isEmpty
        h.latencyAtBound = s.latencySeconds >= app.maxLatencySeconds * (1 - bindingTolerance)
        let usage = SharedUsage(evaluation, instance)
        let t = 1 - bindingTolerance
        let nodes = instance.nodes
        h.memoryAtCapacity = footprint.memory.contains { usage.memory[$0.node] >= nodes[$0.node].memoryBytes * t }
        h.loadAtCapacity = footprint.load.contains { usage.load[$0.node] >= nodes[$0.node].opsPerSecond * t }
        let links = instance.links
        h.bandwidthAtCapacity = footprint.traffic.contains {
            usage.traffic[$0.link] >= links[$0.link].bitsPerSecond * t
        }
        if instance.shareLevels != nil {
            let full = footprint.share.contains { usage.sharers[$0.node] >= 2 && usage.shareSum[$0.node] >= t }
            let filled = footprint.load.contains { load in
                let phi = footprint.share.first { $0.node == load.node }?.share ?? 1
                return load.opsPerSecond >= phi * instance.nodes[load.node].opsPerSecond * t
            }
            h.shareAtCapacity = full || filled
        } else {
            h.shareAtCapacity = false
        }
    }
}

/// What every deployment of an evaluation uses of each node and link together.
struct SharedUsage {
    var memory: [Double]
    var load: [Double]
    var shareSum: [Double]
    var sharers: [Int]
    var traffic: [Double]

    init(_ evaluation: SolutionEvaluation, _ instance: Instance) {
        memory = [Double](repeating: 0, count: instance.nodes.count)
        load = memory
        shareSum = memory
        sharers = memory.map { _ in 0 }
        traffic = [Double](repeating: 0, count: instance.links.count)
        for d in evaluation.deployments {
            guard let f = d.footprint else { continue }
            for m in f.memory { memory[m.node] += m.bytes }
            for l in f.load { load[l.node] += l.opsPerSecond }
            for s in f.share {
                shareSum[s.node] += s.share
                sharers[s.node] += 1
            }
            for t in f.traffic { traffic[t.link] += t.bitsPerSecond }
        }
    }
}
