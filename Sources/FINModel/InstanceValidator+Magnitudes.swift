/// The magnitudes an instance's figures may take (MODEL.md, "Magnitudes"): every figure is 0 or
/// within [`smallest`, `largest`], and every product that enters the evaluator's scores, the
/// MILP's objective or one of its rows stays below `largest`, so that no score overflows a
/// 64-bit float and every coefficient is one LP solvers can represent (CBC and GLPK take 1e30
/// as infinity). A non-zero objective coefficient below `smallest` is only warned about: solvers
/// may treat it as 0.
public enum Magnitude {
    /// The largest figure or product allowed.
    public static let largest = 1e30
    /// The smallest non-zero figure allowed; smaller non-zero objective coefficients are warned about.
    public static let smallest = 1e-30
}

extension InstanceValidator {
    /// Checks `Magnitude`'s limits on a structurally valid instance (ids resolved, numbers finite).
    static func validateMagnitudes(_ instance: Instance, into log: IssueLog) {
        checkFigures(instance, log)
        guard log.issues.isEmpty else { return }
        checkProducts(instance, log)
    }

    private static func text(_ x: Double) -> String { NumberFormat.sig(x, 6) }

    /// Every figure other than accuracies and exit probabilities: 0 or within the limits.
    private static func checkFigures(_ instance: Instance, _ log: IssueLog) {
        func check(_ x: Double, _ path: String) {
            guard x != 0, x.isFinite else { return }
            if abs(x) > Magnitude.largest {
                log.fail(
                    path,
                    "\(text(x)) is above \(text(Magnitude.largest)), the largest figure solvers can "
                        + "represent")
            } else if abs(x) < Magnitude.smallest {
                log.fail(
                    path,
                    "\(text(x)) is below \(text(Magnitude.smallest)), the smallest non-zero figure allowed "
                        + "(write 0 or a larger value)")
            }
        }
        for (i, n) in instance.nodes.enumerated() {
            check(n.opsPerSecond, "nodes[\(i)].opsPerSecond")
            check(n.powerWatts, "nodes[\(i)].powerWatts")
            check(n.memoryBytes, "nodes[\(i)].memoryBytes")
        }
        for (i, l) in instance.links.enumerated() {
            check(l.bitsPerSecond, "links[\(i)].bitsPerSecond")
            check(l.latencySeconds, "links[\(i)].latencySeconds")
            check(l.joulesPerBit, "links[\(i)].joulesPerBit")
        }
        for (i, m) in instance.models.enumerated() {
            check(m.inputBits, "models[\(i)].inputBits")
            check(m.resultBits, "models[\(i)].resultBits")
            for (b, block) in m.blocks.enumerated() {
                check(block.ops, "models[\(i)].blocks[\(b)].ops")
                check(block.outputBits, "models[\(i)].blocks[\(b)].outputBits")
                check(block.memoryBytes, "models[\(i)].blocks[\(b)].memoryBytes")
            }
            for (e, exit) in m.exits.enumerated() { check(exit.ops, "models[\(i)].exits[\(e)].ops") }
        }
        for (i, a) in instance.applications.enumerated() {
            check(a.ratePerSecond, "applications[\(i)].ratePerSecond")
            check(a.maxLatencySeconds, "applications[\(i)].maxLatencySeconds")
        }
        for (i, x) in (instance.shareLevels ?? []).enumerated() { check(x, "shareLevels[\(i)]") }
    }

    /// The largest (and smallest non-zero) figure over a collection, with its position.
    private struct Extreme {
        var most: (value: Double, at: Int)?
        var least: (value: Double, at: Int)?
        mutating func add(_ x: Double, _ i: Int) {
            if most == nil || x > most!.value { most = (x, i) }
            if x > 0, least == nil || x < least!.value { least = (x, i) }
        }
    }

    /// Per application, the largest value each product can take (whole model on the node or
    /// link that makes it largest): each must stay below `Magnitude.largest`.
    private static func checkProducts(_ instance: Instance, _ log: IssueLog) {
        var joulesPerOp = Extreme()
        var speed = Extreme()
        for (i, n) in instance.nodes.enumerated() where n.canCompute {
            joulesPerOp.add(n.joulesPerOp, i)
            speed.add(n.opsPerSecond, i)
        }
        var joulesPerBit = Extreme()
        var bandwidth = Extreme()
        var delay = Extreme()
        for (i, l) in instance.links.enumerated() {
            joulesPerBit.add(l.joulesPerBit, i)
            bandwidth.add(l.bitsPerSecond, i)
            delay.add(l.latencySeconds, i)
        }
        let smallestShare = instance.shareLevels?.min() ?? 1
        let modelIndex = Dictionary(instance.models.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var chains: [Int: DNNChain] = [:]
        for (i, app) in instance.applications.enumerated() {
            guard let m = modelIndex[app.model] else { continue }
            let chain = chains[m] ?? DNNChain(instance.models[m])
            chains[m] = chain
            let model = instance.models[m]
            let ops = chain.computeOps.reduce(0, +)
            let bits = ([model.inputBits, model.resultBits] + model.blocks.map(\.outputBits)).max() ?? 0
            let memory = model.blocks.map(\.memoryBytes).reduce(0, +)
            let p = "applications[\(i)]"
            let rate = app.ratePerSecond
            var products: [(String, Double)] = [
                ("compute load: rate \(text(rate)) x ops \(text(ops)) of model \(model.id) (ops/s)", rate * ops),
                (
                    "traffic: rate \(text(rate)) x largest transfer \(text(bits)) bits of model \(model.id) (bit/s)",
                    rate * bits
                ),
                ("memory: weights of model \(model.id) (bytes)", memory),
            ]
            if let (jpo, n) = joulesPerOp.most {
                products.append(
                    (
                        "compute energy: rate \(text(rate)) x ops \(text(ops)) x \(text(jpo)) J/op of node "
                            + "\(instance.nodes[n].id) (J/s)", rate * ops * jpo
                    ))
            }
            if let (slowest, n) = speed.least {
                let seconds = ops / (slowest * smallestShare)
                products.append(
                    (
                        "compute time: ops \(text(ops)) / (\(text(slowest)) ops/s of node "
                            + "\(instance.nodes[n].id) x share \(text(smallestShare))) (s)", seconds
                    ))
                products.append(
                    (
                        "latency row: compute time \(text(seconds)) s / bound "
                            + "\(text(app.maxLatencySeconds)) s", seconds / app.maxLatencySeconds
                    ))
            }
            if let (jpb, l) = joulesPerBit.most {
                products.append(
                    (
                        "communication energy: rate \(text(rate)) x \(text(bits)) bits x \(text(jpb)) J/bit "
                            + "of link \(linkName(instance, l)) (J/s)", rate * bits * jpb
                    ))
            }
            if let (narrowest, l) = bandwidth.least {
                let seconds = bits / narrowest + (delay.most?.value ?? 0)
                products.append(
                    (
                        "transfer time: \(text(bits)) bits / \(text(narrowest)) bit/s of link "
                            + "\(linkName(instance, l)) (s)", seconds
                    ))
                products.append(
                    (
                        "latency row: transfer time \(text(seconds)) s / bound "
                            + "\(text(app.maxLatencySeconds)) s", seconds / app.maxLatencySeconds
                    ))
            }
            for (what, x) in products where !(x < Magnitude.largest) {
                log.fail(
                    p,
                    "\(what) = \(text(x)) is not below \(text(Magnitude.largest)), the largest figure "
                        + "solvers can represent")
            }
            warnSmallCoefficients(p, app, chain, joulesPerOp, joulesPerBit, log)
        }
    }

    /// Warns when the smallest non-zero energy coefficient of an application is below
    /// `Magnitude.smallest`: solvers may take it as 0.
    private static func warnSmallCoefficients(
        _ p: String, _ app: Application, _ chain: DNNChain, _ joulesPerOp: Extreme, _ joulesPerBit: Extreme,
        _ log: IssueLog
    ) {
        var least = Double.infinity
        if let jpo = joulesPerOp.least?.value {
            for k in stride(from: 1, through: chain.blockCount, by: 1) {
                let x = app.ratePerSecond * chain.reach[k] * chain.computeOps[k] * jpo
                if x > 0 { least = min(least, x) }
            }
        }
        if let jpb = joulesPerBit.least?.value {
            for k in 0..<chain.blockCount {
                let sent = chain.sendProbability(afterBlock: k) * chain.transferBits(afterBlock: k)
                let x = app.ratePerSecond * sent * jpb
                if x > 0 { least = min(least, x) }
            }
        }
        if least < Magnitude.smallest {
            log.warn(
                p,
                "an energy coefficient of \(text(least)) J/s is below \(text(Magnitude.smallest)): "
                    + "LP solvers may take it as 0, and the MILP's objective may then disagree with the evaluator's")
        }
    }

    private static func linkName(_ instance: Instance, _ l: Int) -> String {
        "\(instance.links[l].from) -> \(instance.links[l].to)"
    }
}
