import ArgumentParser
import FINCommandLine
import FINGenerator
import FINModel

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a seeded instance (or the papers' 3-tier scenario).",
        discussion: """
            Starts from a preset (default standard, see docs/INSTANCES.md) and applies the options. The same
            options and seed always give a byte-identical file. Without --out the instance goes to
            standard output.

            Examples:
              finbench generate --nodes 100 --applications 5 --seed 7 --out inst.json
              finbench generate --preset binding --nodes 30 --out tight.json
              finbench generate --preset synthetic --nodes 1000 --synthetic-blocks 5:10 --out big.json
              finbench generate --paper b-alexnet-cifar10 --max-latency 0.004 --min-accuracy 0.7
              finbench generate --paper b-alexnet-cifar10,b-resnet,b-lenet --users 5 --share-levels 0.1,0.25,0.5,1
              finbench generate --topology Abilene.graphml --clouds 2 --applications 10 --out abilene.json
            """)

    @Option(
        help: ArgumentHelp(
            "Write the papers' 3-tier scenario for this DNN profile instead (see `finbench profiles`); with --users, a "
                + "comma-separated list.")
    )
    var paper: String?
    @Option(
        help: ArgumentHelp(
            "Paper scenario: this many users of each --paper profile, each on its own device, sharing one edge and one "
                + "cloud (the journal's multi-user scenario; takes --share-levels).")
    )
    var users: Int?
    @Flag(
        help: """
            With --users: the authors' multi-user settings (their code's driver, docs/AUTHORS.md): --paper must be \
            b-alexnet-cifar10,b-resnet,b-lenet; their bounds, targets and resource model as share levels.
            """)
    var authorsResourceModel = false
    @Option(help: "Paper scenario: latency bound in seconds (default: the profile's).")
    var maxLatency: Double?
    @Option(help: "Paper scenario: accuracy target in [0, 1] (default: the profile's).")
    var minAccuracy: Double?

    @OptionGroup(title: "Real topology (NetworkX node-link JSON or GraphML; docs/MODEL.md, \"Imported topologies\")")
    var topologyOptions: TopologyOptions

    @Option(help: "Preset to start from: \(GeneratorConfig.Preset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: String = "standard"
    @Option(help: "Random seed.") var seed: UInt64?
    @Option(help: "Total nodes, 3...10000.") var nodes: Int?
    @Option(help: "Number of applications.") var applications: Int?
    @Option(help: "Comma-separated DNN profile ids, or 'synthetic'.") var models: String?
    @Option(help: "Edge interconnection: ring or mesh.") var edgeTopology: String?
    @Option(help: "Random chords per edge server in a mesh.") var meshDegree: Int?
    @Option(help: "Share of nodes that are edge servers.") var edgeFraction: Double?
    @Option(help: "Share of nodes that are clouds.") var cloudFraction: Double?
    @Option(help: "Share of nodes that are relays (from 20 nodes up).") var relayFraction: Double?
    @Option(help: "Probability that a device links to a second edge server.") var dualHoming: Double?
    @Option(help: "Node speed/power/memory factor spread j: uniform in [1-j, 1+j].") var heterogeneity: Double?
    @Option(help: "Multiply every node's memory (< 1 makes memory bind).") var memoryScale: Double?
    @Option(help: "Multiply every link's bandwidth (< 1 makes bandwidth bind).") var bandwidthScale: Double?
    @Option(help: "Inferences per second per application, LO:HI.") var rate: RangeArgument?
    @Option(
        help: ArgumentHelp(
            "Latency bound position, LO:HI: 0 = the fastest deployment's latency, 1 = the source alone (plus fastest "
                + "delivery), > 1 looser.")
    ) var latencySlack: RangeArgument?
    @Option(help: "Accuracy target as a multiple of a random exit's accuracy, LO:HI within (0, 1].") var accuracySlack:
        RangeArgument?
    @Option(help: "Exit probability of intermediate exits, LO:HI (0 = static truncation).") var exitProbability:
        RangeArgument?
    @Option(help: "Which exit sets the accuracy target: random, deepest or beyond-first.") var targetExit: String?
    @Option(help: "Probability that an application has a result destination.") var destinationProbability: Double?
    @Option(help: "Probability that block 1 is pinned to the source.") var pinProbability: Double?
    @Option(help: "Comma-separated share levels, e.g. 0.25,0.5,1 (journal resource allocation).") var shareLevels:
        NumberListArgument?
    @Flag(help: "Drop share levels even if the preset has them.") var noShareLevels = false
    @Option(help: "Blocks per synthetic DNN, LO:HI.") var syntheticBlocks: IntRangeArgument?
    @Option(help: "Number of distinct synthetic DNNs.") var syntheticModels: Int?
    @Option(help: "Output file (written atomically); standard output when absent.") var out: String?
    @OptionGroup var deviceOptions: DeviceOptions

    func config() throws -> GeneratorConfig {
        guard let p = GeneratorConfig.Preset(rawValue: preset) else {
            throw Failure(
                "unknown preset \"\(preset)\" (known: "
                    + "\(GeneratorConfig.Preset.allCases.map(\.rawValue).joined(separator: ", ")))",
                status: ExitStatus.usage)
        }
        var c = GeneratorConfig.preset(p)
        if let seed { c.seed = seed }
        if let nodes { c.nodes = nodes }
        if let applications { c.applications = applications }
        if let models { c.models = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let edgeTopology {
            guard let t = EdgeTopology(rawValue: edgeTopology) else {
                throw Failure("unknown edge topology \"\(edgeTopology)\" (ring or mesh)", status: ExitStatus.usage)
            }
            c.edgeTopology = t
        }
        if let meshDegree { c.meshDegree = meshDegree }
        if let edgeFraction { c.edgeFraction = edgeFraction }
        if let cloudFraction { c.cloudFraction = cloudFraction }
        if let relayFraction { c.relayFraction = relayFraction }
        if let dualHoming { c.dualHomingProbability = dualHoming }
        if let heterogeneity { c.heterogeneity = heterogeneity }
        if let memoryScale { c.memoryScale = memoryScale }
        if let bandwidthScale { c.bandwidthScale = bandwidthScale }
        if let rate { c.rate = rate.range }
        if let latencySlack { c.latencySlack = latencySlack.range }
        if let accuracySlack { c.accuracySlack = accuracySlack.range }
        if let exitProbability { c.exitProbability = exitProbability.range }
        if let targetExit {
            guard let t = TargetExit(rawValue: targetExit) else {
                let known = TargetExit.allCases.map(\.rawValue).joined(separator: ", ")
                throw Failure("unknown target exit \"\(targetExit)\" (\(known))", status: ExitStatus.usage)
            }
            c.targetExit = t
        }
        if let destinationProbability { c.destinationProbability = destinationProbability }
        if let pinProbability { c.pinProbability = pinProbability }
        if let shareLevels { c.shareLevels = shareLevels.values }
        if noShareLevels { c.shareLevels = nil }
        if let syntheticBlocks { c.syntheticBlocks = syntheticBlocks.range }
        if let syntheticModels { c.syntheticModels = syntheticModels }
        try deviceOptions.apply(to: &c)
        return c
    }

    func run() throws {
        let instance: Instance
        if let paper {
            guard topologyOptions.topology == nil else {
                throw Failure("--paper and --topology do not go together", status: ExitStatus.usage)
            }
            let profiles = try paper.split(separator: ",").map { id in
                guard let profile = DNNProfiles.named(String(id)) else {
                    throw Failure(
                        "unknown profile \"\(id)\" (known: \(DNNProfiles.all.map(\.id).joined(separator: ", ")))",
                        status: ExitStatus.usage)
                }
                return profile
            }
            if let users {
                guard (1...10_000).contains(users), !profiles.isEmpty else {
                    throw Failure(
                        "--users must be in 1...10000, with at least one --paper profile", status: ExitStatus.usage)
                }
                guard maxLatency == nil, minAccuracy == nil else {
                    throw Failure(
                        "--users takes each profile's paper bound and target; --max-latency and --min-accuracy do not "
                            + "apply",
                        status: ExitStatus.usage)
                }
                if authorsResourceModel {
                    let authorsProfiles = PaperScenario.authorsResourceRates.map(\.profile)
                    guard profiles.map(\.id) == authorsProfiles, shareLevels == nil, !noShareLevels else {
                        throw Failure(
                            "--authors-resource-model takes --paper b-alexnet-cifar10,b-resnet,b-lenet "
                                + "and sets its own share levels", status: ExitStatus.usage)
                    }
                    instance = PaperScenario.authorsUsers(usersPerProfile: users)
                } else {
                    instance = PaperScenario.users(
                        profiles: profiles, usersPerProfile: users,
                        shareLevels: noShareLevels ? nil : shareLevels?.values)
                }
            } else {
                guard !authorsResourceModel else {
                    throw Failure("--authors-resource-model needs --users", status: ExitStatus.usage)
                }
                guard profiles.count == 1 else {
                    throw Failure("several --paper profiles need --users", status: ExitStatus.usage)
                }
                instance = PaperScenario.instance(
                    profile: profiles[0], maxLatencySeconds: maxLatency, minAccuracy: minAccuracy)
            }
        } else if let file = topologyOptions.topology {
            guard nodes == nil else { throw Failure("--nodes does not apply to --topology", status: ExitStatus.usage) }
            instance = try topologyOptions.instance(file: file, generator: config())
        } else {
            guard !topologyOptions.isSet else {
                throw Failure("the topology options need --topology FILE", status: ExitStatus.usage)
            }
            let c = try config()
            instance = try failing { try Generator.generate(c) }
        }
        // Every instance written is a valid one.
        let issues = InstanceValidator.issues(of: instance)
        guard issues.isEmpty else {
            throw Failure(
                "the settings give an invalid instance:\n" + issues.map { "  \($0)" }.joined(separator: "\n"),
                status: ExitStatus.usage)
        }
        if let out {
            try failing { try InstanceFile.write(instance, to: out) }
            printError("wrote \(out): \(InstanceSummary(instance).line)")
        } else {
            print(JSONWriter.string(InstanceFile.encode(instance)), terminator: "")
        }
    }
}
