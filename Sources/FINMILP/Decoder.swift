import FINGraph
import FINModel

/// Turns a MILP point into deployments.
///
/// Each application's edges at 1 form a source-to-sink path plus, possibly, cycles: edges that
/// cost nothing (zero bits, zero energy, zero delay) can be at 1 without changing the objective.
/// The decoder walks from the source, always leaving a vertex by an edge not yet used, stops at
/// the sink, and lets `ExpandedGraph.deployment(along:)` erase loops, so every transfer path is
/// simple. It returns the variables of the edges kept, so the caller can compare the
/// formulation's objective on exactly this deployment with the evaluator's.
struct Decoder {
    let formulation: Formulation

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func decode(_ values: [Double]) throws(Failure) -> (deployments: [Deployment], kept: [Int]) {
        var deployments: [Deployment] = []
        var kept: [Int] = []
        for (a, g) in formulation.graphs.enumerated() {
            let vars = formulation.edgeVariable[a]
            var unused = [[Int]](repeating: [], count: g.vertexCount)
            g.forEachEdge { e, edge in if values[vars[e]] > 0.5 { unused[edge.tail].append(e) } }
            var walk: [Int] = []
            var v = g.source
            while v != g.sink {
                guard !unused[v].isEmpty, walk.count <= g.edgeCount else {
                    throw Failure(
                        description: "application \(g.index.instance.applications[a].id): the flow stops at vertex \(v)"
                    )
                }
                let e = unused[v].removeFirst()
                walk.append(e)
                v = g.edge(e).head
            }
            guard let (deployment, edges) = g.deployment(along: walk) else {
                throw Failure(
                    description: "application \(g.index.instance.applications[a].id): the flow is not a deployment")
            }
            deployments.append(deployment)
            kept += edges.map { vars[$0] }
        }
        return (deployments, kept)
    }
}
