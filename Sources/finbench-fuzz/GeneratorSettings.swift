import FINGenerator
import FINModel

/// Hostile generator settings: one to three knobs of a preset set to values out of range, at
/// the edges of their range, not finite, or huge.
enum GeneratorSettings {
    static func draw(_ rng: inout SplitMix64) -> (GeneratorConfig, String) {
        var c = GeneratorConfig.preset(rng.pick(GeneratorConfig.Preset.allCases))
        c.nodes = rng.pick([3, 5, 8, 12])
        c.applications = rng.pick([1, 2])
        c.seed = rng.next()
        let reals: [Double] = [0, -1, 1, 0.5, 1e-300, 1e308, -1e308, .nan, .infinity, 1e30, 1e31, 2]
        let ints = [0, -1, 1, 2, 3, 1000, 10_000, 10_001, Int.max, Int.min, 1 << 40]
        var notes: [String] = []
        for _ in 0..<(1 + rng.below(3)) {
            let x = rng.pick(reals)
            let y = rng.pick(reals)
            let i = rng.pick(ints)
            // A range cannot hold NaN (its initializer traps, as the CLI's and the sweep reader's
            // parsers know); infinite bounds it can.
            let (a, b) = (x.isNaN ? 0 : x, y.isNaN ? 1 : y)
            let range = min(a, b)...max(a, b)
            switch rng.below(16) {
            case 0: c.nodes = i
            case 1: c.applications = i
            case 2: c.meshDegree = i
            case 3: c.syntheticModels = i
            case 4: c.edgeFraction = x
            case 5: c.cloudFraction = x
            case 6: c.relayFraction = x
            case 7: c.heterogeneity = x
            case 8: c.memoryScale = x
            case 9: c.bandwidthScale = x
            case 10: c.rate = range
            case 11: c.latencySlack = range
            case 12: c.accuracySlack = range
            case 13: c.exitProbability = range
            case 14: c.shareLevels = [x, y]
            default:
                let lo = rng.pick(ints)
                let hi = rng.pick(ints)
                c.syntheticBlocks = min(lo, hi)...max(lo, hi)
                c.models = ["synthetic"]
            }
            notes.append("knob \(notes.count): x \(x) y \(y) i \(i)")
        }
        return (c, notes.joined(separator: "; "))
    }
}
