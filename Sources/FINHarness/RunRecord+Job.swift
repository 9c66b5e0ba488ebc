import FINEvaluator
import FINGenerator
import FINHardness
import FINModel

extension RunRecord {
    /// The record of a job before it runs: the instance's figures and the method.
    init(job: SweepJob, sweep: Sweep, instance: Instance, hardness: [ApplicationHardness], revision: String) {
        self.init()
        key = job.key
        self.sweep = sweep.name
        self.instance = job.instance
        preset = sweep.presetLabel
        nodes = instance.nodes.count
        links = instance.links.count
        applications = instance.applications.count
        blocks = instance.models.map(\.blocks.count).max() ?? 0
        seed = job.seed
        generatorVersion = sweep.paper != nil || sweep.users != nil ? "paper" : GeneratorConfig.version
        maxLatencySeconds = instance.applications.first?.maxLatencySeconds
        minAccuracy = instance.applications.first?.minAccuracy
        method = job.method.name
        parameters = JSONWriter.string(job.method.values.json).trimmingCharacters(in: .newlines)
        gitRevision = revision
        finbenchVersion = FinbenchVersion.string
        tradeOffApplications = hardness.filter(\.fastestDiffersFromCheapest).count
        boundPositionMedian = Statistics.median(hardness.compactMap(\.boundPosition))
    }

    /// Records a solution, its deployments scored by `evaluator` (once).
    mutating func record(_ s: Solution, scoredBy evaluator: Evaluator) {
        status = s.status
        if !s.deployments.isEmpty {
            let evaluation = evaluator.evaluate(s.deployments)
            objectiveJoulesPerSecond = evaluation.objectiveJoulesPerSecond
            feasibleByEvaluator = evaluation.feasible && evaluation.objectiveJoulesPerSecond.isFinite
            // The split of the objective, at each application's rate.
            var compute = 0.0
            var communication = 0.0
            let rates = Dictionary(evaluator.instance.applications.map { ($0.id, $0.ratePerSecond) }) { a, _ in a }
            for (d, e) in zip(s.deployments, evaluation.deployments) {
                guard let sc = e.scores, let rate = rates[d.application] else { continue }
                compute += rate * sc.computeEnergyJoules
                communication += rate * sc.communicationEnergyJoules
            }
            computeJoulesPerSecond = compute
            communicationJoulesPerSecond = communication
            let sources = Dictionary(evaluator.instance.applications.map { ($0.id, $0.source) }) { a, _ in a }
            onSourceApplications =
                s.deployments.filter { d in
                    d.transfers.isEmpty && d.hosts.allSatisfy { $0 == sources[d.application] }
                }.count
        }
        wallSeconds = s.wallSeconds
        boundJoulesPerSecond = s.boundJoulesPerSecond
        solverGap = s.gap
        provenOptimal = s.status == .optimal
        solver = s.info["solver"]?.stringValue ?? ""
        cpuSeconds = s.info["cpuSeconds"]?.numberValue
        branchAndBoundNodes = s.info["branchAndBoundNodes"]?.numberValue
        message = s.info["message"]?.stringValue ?? ""
    }
}
