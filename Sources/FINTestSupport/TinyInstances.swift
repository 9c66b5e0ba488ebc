import FINModel
import Foundation

/// Random tiny instances for oracle tests (brute force against the exact methods): 3-5 nodes,
/// 1-3 blocks, 1-3 applications, with every feature of the model switched on at random —
/// relays, exit probabilities, destinations, pinning, share levels, zero-cost links and
/// zero-bit outputs (which let optimal flows carry free cycles), and capacities drawn so that
/// they sometimes bind.
public enum TinyInstances {
    /// The workbench's SplitMix64 with the draws these instances use (kept as they were, so a
    /// seed keeps its instance).
    struct RNG {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
        mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { unit() < p }
        /// A value with 3 significant digits, so files stay readable.
        mutating func round3(_ x: Double) -> Double {
            guard x != 0 else { return 0 }
            let e = (x.magnitude).exponent10
            let scale = pow10(2 - e)
            return (x * scale).rounded() / scale
        }
    }

    /// The instance for a seed.
    public static func make(seed: UInt64, maxNodes: Int = 5, maxBlocks: Int = 3, maxApplications: Int = 3) -> Instance {
        var r = RNG(state: seed)
        let nodeCount = 3 + r.below(maxNodes - 2)
        var nodes: [Node] = []
        for i in 0..<nodeCount {
            let tier: Tier = i == 0 ? .device : [Tier.device, .edge, .cloud, .relay, .edge][r.below(5)]
            let speed: Double
            switch tier {
            case .device: speed = r.round3(r.uniform(1e9, 5e9))
            case .edge: speed = r.round3(r.uniform(5e9, 3e10))
            case .cloud: speed = r.round3(r.uniform(3e10, 1e11))
            case .relay: speed = 0
            }
            let power = tier == .relay ? 0 : r.round3(r.uniform(1, 50))
            let memory = tier == .relay ? 0 : r.round3(r.uniform(3, 40))
            nodes.append(Node(id: "n\(i)", tier: tier, opsPerSecond: speed, powerWatts: power, memoryBytes: memory))
        }
        var links: [Link] = []
        for u in 0..<nodeCount {
            for v in 0..<nodeCount where u != v && r.chance(0.6) {
                let energy = r.chance(0.15) ? 0 : r.round3(r.uniform(1e-9, 1e-7))
                let latency = r.chance(0.3) ? 0 : r.round3(r.uniform(1e-4, 1e-2))
                links.append(
                    Link(
                        from: "n\(u)", to: "n\(v)", bitsPerSecond: r.round3(r.uniform(2e4, 2e6)),
                        latencySeconds: latency, joulesPerBit: energy))
            }
        }
        let blockCount = 1 + r.below(maxBlocks)
        var blocks: [Block] = []
        for _ in 0..<blockCount {
            blocks.append(
                Block(
                    ops: r.round3(r.uniform(1e7, 1e9)), outputBits: r.chance(0.15) ? 0 : r.round3(r.uniform(100, 5000)),
                    memoryBytes: r.round3(r.uniform(1, 12))))
        }
        var exits: [Exit] = []
        var accuracy = r.uniform(0.3, 0.6)
        for b in 1...blockCount where b == blockCount || r.chance(0.5) {
            let q = r.chance(0.5) ? r.round3(r.uniform(0.05, 0.6)) : 0
            exits.append(
                Exit(
                    afterBlock: b, accuracy: r.round3(accuracy), ops: r.chance(0.5) ? r.round3(r.uniform(1e5, 1e7)) : 0,
                    exitProbability: q))
            accuracy = min(0.99, accuracy + r.uniform(0.05, 0.3))
        }
        let model = DNNModel(
            id: "m", inputBits: r.round3(r.uniform(100, 5000)), blocks: blocks, exits: exits,
            resultBits: r.chance(0.3) ? 0 : r.round3(r.uniform(10, 500)))
        let chain = DNNChain(model)
        let computeNodes = nodes.filter(\.canCompute)
        let appCount = 1 + r.below(maxApplications)
        var apps: [Application] = []
        for a in 0..<appCount {
            let source = computeNodes[r.below(computeNodes.count)]
            let totalOps = chain.computeOps.reduce(0, +)
            let bound = r.round3(totalOps / source.opsPerSecond * r.uniform(0.3, 2.5) + r.uniform(0, 0.01))
            let target =
                r.chance(0.3)
                ? 0
                : (chain.depths[r.below(chain.depths.count)].accuracy * r.uniform(0.9, 1.0) * 1000).rounded(.down)
                    / 1000
            let destination = r.chance(0.4) ? nodes[r.below(nodeCount)].id : nil
            apps.append(
                Application(
                    id: "a\(a)", model: "m", source: source.id, destination: destination,
                    ratePerSecond: r.round3(r.uniform(1, 5)), maxLatencySeconds: max(bound, 1e-4),
                    minAccuracy: target, pinFirstBlockToSource: r.chance(0.5)))
        }
        let levels: [Double]? = r.chance(0.3) ? (r.chance(0.5) ? [0.5, 1] : [0.25, 0.5, 1]) : nil
        return Instance(
            name: "tiny-\(seed)", description: "TinyInstances seed \(seed)", nodes: nodes, links: links,
            models: [model], applications: apps, shareLevels: levels)
    }
}

private extension Double {
    /// floor(log10(self)) for positive values.
    var exponent10: Int { Int((Foundation.log10(self)).rounded(.down)) }
}

private func pow10(_ e: Int) -> Double { Foundation.pow(10, Double(e)) }
