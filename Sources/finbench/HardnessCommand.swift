import ArgumentParser
import FINHardness
import FINModel

/// `finbench hardness`: how much each application leaves to decide (docs/INSTANCES.md).
struct HardnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hardness",
        abstract: "Per application: fastest vs cheapest deployment, admissible exits, bound position, what binds.",
        discussion: """
            Static figures need no solver: whether the fastest and the cheapest deployment differ,
            the admissible exits, the source-alone deployment (shallowest admissible exit) and whether
            it is feasible, and the bound's position (bound - fastest) / (source alone - fastest).
            --solve adds each application's exact optimum alone (fin-exact): whether it stays on the
            source, whether its latency is at the bound and a memory, speed, bandwidth or share at
            capacity, and whether lifting the bound or the capacities would make it cheaper.
            --solution FILE reads the facts from a solution's deployments instead (e.g. CBC's joint
            optimum), every deployment counted on the shared capacities.
            """)

    @Argument(help: "Instance file.") var instance: String
    @Flag(help: "Solve each application alone with fin-exact.") var solve = false
    @Option(help: "Take the optimum's facts from this solution file.") var solution: String?
    @Flag(help: "Print JSON (one object per application, keyed as the CSV columns).") var json = false

    func run() throws {
        let loaded = try failing { try InstanceFile.read(instance) }
        let inst = loaded.instance
        let rows: [ApplicationHardness]
        if let solution {
            let sol = try failing { try SolutionFile.read(solution) }
            rows = Hardness.analyze(inst, solution: sol)
        } else if solve {
            rows = Hardness.analyzeSolving(inst)
        } else {
            rows = Hardness.analyze(inst)
        }
        if json {
            let object: JSONValue = [
                "instance": .string(inst.name),
                "applications": .array(rows.map(\.json)),
                "summary": HardnessSummary(rows).json,
            ]
            print(JSONWriter.string(object), terminator: "")
        } else {
            for row in rows { print(HardnessText.lines(row).joined(separator: "\n")) }
            print(HardnessSummary(rows).line)
        }
    }
}
