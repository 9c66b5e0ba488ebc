import FINEvaluator
import FINGraph
import FINModel
import Foundation

extension Generator {
    /// The first draws of every application, in order: its source, its target exit and accuracy
    /// factor (the target rounded down, so the drawn exit stays admissible), its destination.
    static func drawEnds(
        _ model: DNNModel, _ c: GeneratorConfig, _ devices: [Node], _ destinations: [Node], _ rng: inout SplitMix64
    ) -> (source: Node, chain: DNNChain, target: Double, destination: String?) {
        let source = rng.pick(devices)
        let chain = DNNChain(model)
        let exit = c.targetExit.draw(chain, &rng)
        let target = (exit.accuracy * rng.uniform(c.accuracySlack) * 1e4).rounded(.down) / 1e4
        var destination: String?
        if rng.chance(c.destinationProbability) {
            let other = destinations.filter { $0.id != source.id }
            if !other.isEmpty { destination = rng.pick(other).id }
        }
        return (source, chain, target, destination)
    }

    /// One application under `ApplicationRule.calibrated`. Draws, in order: source, target exit
    /// and accuracy factor, destination, rate, pin, latency slack.
    ///
    /// The bound is `fastest + s · (cheapest - fastest)`: `fastest` is the least latency of any
    /// deployment, `cheapest` the latency of the deployment of least energy (both on the
    /// application's graph with capacities ignored). A slack below 1 therefore cuts the cheapest
    /// deployment off whenever it is not also the fastest: the bound binds. When it is the
    /// fastest there is no trade-off and the bound is `fastest · (1 + s)`. Block 1 is
    /// pinned (with `pinProbability`) only where the source holds its weights and carries its
    /// load at the application's rate, so a pin never makes an instance infeasible by itself.
    /// Fastest and cheapest respect the application's own capacities (each block and transfer
    /// on its own); a rate at which the fastest deployment breaks a capacity is halved until it
    /// does not, so every application has a deployment on its own.
    static func calibratedApplication(
        id: String, _ model: DNNModel, _ c: GeneratorConfig, _ nodes: [Node], _ links: [Link],
        _ devices: [Node], _ destinations: [Node], _ rng: inout SplitMix64
    ) -> Application {
        let (source, chain, target, destination) = drawEnds(model, c, devices, destinations, &rng)
        let rate = round4(rng.uniform(c.rate))
        let topShare = c.shareLevels?.max() ?? 1
        let blockOneFits =
            chain.memoryBytes(block: 1) <= source.memoryBytes
            && rate * chain.computeOps[1] <= topShare * source.opsPerSecond
        let pinned = rng.chance(c.pinProbability) && blockOneFits
        var probe = Application(
            id: "probe", model: model.id, source: source.id, destination: destination,
            ratePerSecond: rate, maxLatencySeconds: .greatestFiniteMagnitude, minAccuracy: target,
            pinFirstBlockToSource: pinned)
        let slack = rng.uniform(c.latencySlack)
        var span = tradeOff(nodes, links, model, probe, c.shareLevels)
        // A rate the fastest deployment does not carry on its own is halved (at most 20 times).
        for _ in 0..<20 where span == nil {
            probe.ratePerSecond = round4(probe.ratePerSecond / 2)
            span = tradeOff(nodes, links, model, probe, c.shareLevels)
        }
        let latency: Double
        if let (fastest, cheapest) = span, cheapest > fastest * (1 + 1e-9) {
            latency = roundUp4(max(fastest + slack * (cheapest - fastest), fastest * (1 + c.latencyMargin)))
        } else {
            latency = roundUp4((span?.fastest ?? 1) * (1 + slack))
        }
        return Application(
            id: id, model: model.id, source: source.id, destination: destination,
            ratePerSecond: probe.ratePerSecond,
            maxLatencySeconds: latency, minAccuracy: target, pinFirstBlockToSource: pinned)
    }

    /// `x` to 4 significant digits, rounded up (a bound rounded down could cut off the fastest
    /// deployment).
    static func roundUp4(_ x: Double) -> Double {
        let y = round4(x)
        guard y < x, x > 0, x.isFinite else { return y }
        let step = pow(10, (log10(x)).rounded(.down) - 3)
        return round4(x + step / 2)
    }

    /// The latencies of the fastest and of the cheapest deployment of `app` on its expanded graph
    /// (the application alone: each block's and each transfer's memory, load and traffic within
    /// the instance's capacities on their own, not their sums); nil when there is none or the
    /// fastest breaks a capacity with its sums (then the caller lowers the rate).
    static func tradeOff(_ nodes: [Node], _ links: [Link], _ model: DNNModel, _ app: Application, _ levels: [Double]?)
        -> (fastest: Double, cheapest: Double)?
    {
        let probe = Instance(
            name: "probe", nodes: nodes, links: links, models: [model], applications: [app],
            shareLevels: levels)
        let index = NetworkIndex(probe)
        let graph = ExpandedGraph(index, application: 0, levels: levels ?? [1])
        guard let fast = graph.shortestPath(weight: \.latency), let cheap = graph.shortestPath(weight: \.energy),
            let deployment = graph.deployment(along: fast)?.deployment,
            Evaluator(index: index).evaluate(deployment).feasible
        else {
            return nil
        }
        return (fast.reduce(0) { $0 + graph.edge($1).latency }, cheap.reduce(0) { $0 + graph.edge($1).latency })
    }
}
