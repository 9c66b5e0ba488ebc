import ArgumentParser
import FINDraw
import FINModel

struct Draw: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw an instance's network and a solution's deployments as SVG.",
        discussion: """
            Nodes at their geographic positions when the instance has them (imported topologies), else
            layered by tier (clouds, relays, edge servers, devices); tiers by shape and colour; each
            application in its own colour: rings on the nodes hosting its blocks (with the block range),
            its transfer paths, and a legend. Above 300 nodes, devices without a deployment are not
            drawn. The same inputs give the same bytes.

            Examples:
              finbench draw abilene.json sol.json --out abilene.svg
              finbench draw net.json --out net.svg
            """)

    @Argument(help: "Instance file.") var instance: String
    @Argument(help: "Solution file (optional).") var solution: String?
    @Option(help: "Output SVG file (written atomically); standard output when absent.") var out: String?

    func run() throws {
        let target = try out.map { try OutputTarget($0, notSameAs: [instance] + (solution.map { [$0] } ?? [])) }
        let loaded = try failing { try InstanceFile.read(instance) }
        let sol = try solution.map { path in try failing { try SolutionFile.read(path) } }
        if let sol {
            let known = Set(loaded.instance.applications.map(\.id))
            for d in sol.deployments where !known.contains(d.application) {
                throw Failure(
                    "\(solution!): deployment of unknown application \"\(d.application)\"", status: ExitStatus.dataError
                )
            }
        }
        let svg = DeploymentDrawing().svg(loaded.instance, solution: sol)
        if let target {
            try failing { try target.write(svg) }
            printError("wrote \(target.path)")
        } else {
            try failing { try StandardOutput.write(svg) }
        }
    }
}
