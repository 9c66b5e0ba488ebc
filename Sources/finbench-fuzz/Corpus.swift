import FIN
import FINGenerator
import FINModel
import FINTestSupport

/// The valid documents the fuzzer mutates: small instances with every feature of the model (the
/// papers' scenario, its multi-user version with share levels, random tiny instances, a generated
/// instance with binding capacities, destinations and exit probabilities), a FIN-exact solution of
/// each, and sweep files of every kind.
struct Corpus {
    let instances: [Instance]
    /// A solution of each instance (same index).
    let solutions: [Solution]
    let sweeps: [String]

    static func make() -> Corpus {
        var instances: [Instance] = []
        if let alexnet = DNNProfiles.named("b-alexnet-cifar10"), let lenet = DNNProfiles.named("b-lenet") {
            instances.append(PaperScenario.instance(profile: alexnet))
            instances.append(
                PaperScenario.users(profiles: [alexnet, lenet], usersPerProfile: 1, shareLevels: [0.25, 0.5, 1]))
        }
        for seed in UInt64(1)...4 { instances.append(TinyInstances.make(seed: seed, maxApplications: 2)) }
        var c = GeneratorConfig.preset(.binding)
        c.nodes = 8
        c.applications = 2
        if let generated = try? Generator.generate(c) { instances.append(generated) }
        instances = instances.filter { InstanceValidator.issues(of: $0).isEmpty }
        let solutions = instances.map { FINMethod.solve($0, variant: .exact) }
        return Corpus(instances: instances, solutions: solutions, sweeps: sweeps)
    }

    static let sweeps = [
        """
        {"name": "gen", "preset": "synthetic", "generator": {"targetExit": "deepest", "latencySlack": [0.1, 0.6],
         "rate": [1, 2], "shareLevels": [0.5, 1], "exitProbability": [0, 0.3], "memoryScale": 1, "bandwidthScale": 1,
         "destinationProbability": 0.2, "models": ["synthetic"], "edgeTopology": "mesh"},
         "sizes": [10], "applications": [1, 2], "seeds": [1, 2], "graceSeconds": 5, "defaultHardLimitSeconds": 10,
         "methods": [{"method": "milp-cbc", "timeLimitSeconds": 60}, {"method": "fin", "gamma": 50, "lambda": 0},
          {"method": "fin-exact", "order": "shuffled:3"}, {"method": "fin-epsilon", "epsilon": 0.1}, {"method": "mcp"}]}
        """,
        """
        {"name": "paper", "paper": {"profile": "b-alexnet-cifar10", "maxLatencySeconds": [0.003, 0.01],
         "minAccuracy": [0.1, 0.8]}, "methods": [{"method": "fin", "gamma": 10, "lambda": 0}, {"method": "mcp"}]}
        """,
        """
        {"name": "users", "graceSeconds": 60, "users": {"series": [["b-alexnet-cifar10"], ["b-lenet", "b-resnet"]],
         "counts": [1, 2], "shareLevels": [0.05, 0.5, 1]},
         "methods": [{"method": "fin-multi", "timeLimitSeconds": 60, "iterations": 300, "threads": 1},
          {"method": "fin-exact"}, {"method": "lp-cbc", "timeLimitSeconds": 60}]}
        """,
    ]
}
