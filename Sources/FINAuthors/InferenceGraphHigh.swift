import Foundation

/// The authors' FIN as their drivers call it, `ifg_high.m`, on B-AlexNet (single model).
///
/// The code builds, for blocks 1..4 and each allowed tier pair (from -> to), one edge of a
/// 2-D level grid: its delay level is `i + ceil(gamma * d / bound)`, `d` being the block's
/// compute time on the sending tier (plus, for some pairs, twice the block output's bits times
/// the cloud's nJ/bit, an energy used as a delay), and its accuracy level
/// `j + ceil(gamma * a3 / target)`, both capped at gamma + 1. Block i (2..4) is then put on the
/// tier whose edges of layer i come last when the grid is scanned row by row from level
/// lambda to gamma + 1 (device edges, then edge, then cloud, at equal positions). Block 5 is
/// never placed. The exit is 3, lowered to 2 (blocks 4, 5 dropped) when exit 2's accuracy
/// beats the target and to 1 (blocks 2..5 dropped) when exit 1's does. When the bound exceeds
/// three times the summed cloud compute times of blocks 1..4, blocks 2..5 move one tier-slot
/// down the chain (block k takes block k-1's tier). See docs/AUTHORS.md.
enum InferenceGraphHigh {
    static let defaultGamma = 10
    static let defaultLambda = 1

    /// The tier pairs the code allows from layer i to i+1, as `(from - 1) * 3 + to`.
    static func allowedPairs(layer i: Int) -> [Int] { i == 1 ? [1, 2, 3] : [1, 2, 3, 5, 6, 9] }

    /// The tier a pair's edge assigns in the scan (device 1 <- pair 1; edge 2 <- pairs 2, 5;
    /// cloud 3 <- pairs 3, 6, 9), nil for pairs the scan ignores.
    static func assignedTier(pair: Int) -> Int? {
        switch pair {
        case 1: return 1
        case 2, 5: return 2
        case 3, 6, 9: return 3
        default: return nil
        }
    }

    /// An edge of the grid: the layer, the pair and its two levels.
    struct GridEdge {
        let layer: Int
        let pair: Int
        let delayLevel: Int
        let accuracyLevel: Int
    }

    /// The edges of the grid and the last delay computed for each layer (`w1__`).
    /// `extraDelay(layer, from, pair)` lists the terms the code adds to the compute time, in
    /// order. The accuracy level uses the last exit's accuracy.
    static func grid(
        delay: Double, accuracy: Double, gamma: Int, speeds: [Double], layers: Int = 4,
        figures f: AuthorsModelFigures, extraDelay: (Int, Int, Int) -> [Double]
    )
        -> (edges: [GridEdge], lastDelay: [Double])
    {
        var edges: [GridEdge] = []
        var lastDelay = [Double](repeating: 0, count: layers)
        let g = Double(gamma)
        let gridAccuracy = f.accuracies[f.accuracies.count - 1]
        for i in 1...layers {
            for from in 1...3 {
                for to in 1...3 {
                    let pair = (from - 1) * 3 + to
                    // Added term by term, as MATLAB evaluates `w + a + b`.
                    let base = f.ops[i - 1] * 10000000 / (speeds[from - 1] * 1000000000)
                    let d = extraDelay(i, from, pair).reduce(base, +)
                    lastDelay[i - 1] = d
                    guard allowedPairs(layer: i).contains(pair) else { continue }
                    let dl = min(Double(gamma + 1), Double(i) + (g * (d / delay)).rounded(.up))
                    let al = min(Double(gamma + 1), Double(from) + (g * (gridAccuracy / accuracy)).rounded(.up))
                    edges.append(GridEdge(layer: i, pair: pair, delayLevel: Int(dl), accuracyLevel: Int(al)))
                }
            }
        }
        return (edges, lastDelay)
    }

    /// The tier the scan leaves for a layer: the tier assigned by the edge inside the window
    /// that the row-by-row scan meets last (at one position the cloud's check comes last);
    /// nil when no edge is in the window.
    static func scan(_ edges: [GridEdge], window: ClosedRange<Int>) -> Int? {
        lastScanned(edges.compactMap { e in assignedTier(pair: e.pair).map { (e, $0) } }, window: window)
    }

    /// The tier of the candidate (edge, tier it assigns) that a row-by-row scan of the window
    /// meets last, the higher tier's check coming later at one position; nil if none is inside.
    static func lastScanned(_ candidates: [(GridEdge, Int)], window: ClosedRange<Int>) -> Int? {
        var best: (Int, Int, Int)?
        for (e, tier) in candidates where window.contains(e.delayLevel) && window.contains(e.accuracyLevel) {
            let key = (e.delayLevel, e.accuracyLevel, tier)
            if best == nil || key > best! { best = key }
        }
        return best?.2
    }

    /// `delay` in seconds, `accuracy` in percent.
    static func decide(
        delay: Double, accuracy: Double, gamma: Int = defaultGamma, lambda: Int = defaultLambda,
        figures f: AuthorsModelFigures = AuthorsModel.singleAlexNet,
        speeds: [Double] = AuthorsTiers.teraOpsPerSecond
    ) -> AuthorsConfiguration {
        let w3cloud = AuthorsTiers.nanojoulesPerBit[2]
        let (edges, lastDelay) = grid(delay: delay, accuracy: accuracy, gamma: gamma, speeds: speeds, figures: f) {
            i, _, pair in
            // MATLAB precedence: pair == 2 || pair == 3 || (pair == 6 && i > 2).
            guard pair == 2 || pair == 3 || (pair == 6 && i > 2) else { return [] }
            let bits = f.features[i - 1] * 8 * w3cloud / 1000000000
            return [bits, bits]
        }
        var hosts = [1, 0, 0, 0, 0]
        var exit = 3
        if lambda <= gamma + 1 {
            for i in 2...4 {
                let layerEdges = edges.filter { $0.layer == i }
                if let tier = scan(layerEdges, window: lambda...(gamma + 1)) {
                    hosts[i - 1] = tier
                }
            }
        }
        (hosts, exit) = lowerExit(hosts: hosts, exit: exit, accuracy: accuracy, accuracies: f.accuracies)
        if delay > 3 * WeightedGreedy.matlabSum(lastDelay) {
            if hosts[4] != 0 { hosts[4] = hosts[3] }
            if hosts[3] != 0 { hosts[3] = hosts[2] }
            hosts[2] = hosts[1]
            hosts[1] = hosts[0]
        }
        return AuthorsConfiguration(hosts: hosts, exitIndex: exit)
    }

    /// The code's exit rule: exit 2 (blocks 4, 5 dropped) when exit 2's accuracy exceeds the
    /// target, then exit 1 (blocks 2..5 dropped) when exit 1's does.
    static func lowerExit(hosts: [Int], exit: Int, accuracy: Double, accuracies: [Double]) -> ([Int], Int) {
        var hosts = hosts
        var exit = exit
        if accuracies[1] > accuracy {
            exit = 2
            hosts[3] = 0
            hosts[4] = 0
        }
        if accuracies[0] > accuracy {
            exit = 1
            for k in 1..<hosts.count { hosts[k] = 0 }
        }
        return (hosts, exit)
    }
}
