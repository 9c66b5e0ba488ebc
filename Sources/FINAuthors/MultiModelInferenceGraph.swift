/// The authors' multi-model FIN, `ifg_high_multi_model.m` (commit 5b67a48): the level-grid
/// scan of `ifg_high.m` per user, with each DNN's users sharing the edge's and cloud's speed
/// (speed x the DNN's resource rate / its number of users). AlexNet is `ifg_high.m` on those
/// speeds and the multi-model op list. ResNet and LeNet have their own rules, kept as written
/// (docs/AUTHORS.md): ResNet adds both outputs and the sender's energy to some delays, takes
/// the device from the previous layer's edges, and overrides blocks 2..5 by fixed rules on
/// the bound and target; LeNet scans the previous layer's edges and pins blocks by fixed
/// thresholds (4 x summed delays, 0.2 ms, 85 %).
enum MultiModelInferenceGraph {
    static func decide(_ s: MultiModelWeighted.Setting, gamma: Int, lambda: Int) -> OctaveArray {
        var p = OctaveArray(users: max(s.users[0], s.users[1], s.users[2]))
        for m in 1...3 {
            let model = AuthorsModel.allCases[m - 1]
            let n = s.users[m - 1]
            guard n >= 1 else { continue }
            let rate = AuthorsTiers.multiModelRate[model]!
            let speeds = [11, 153.4 * 1000 * rate / Double(n), 312 * 1000 * rate / Double(n)]
            let config: AuthorsConfiguration
            switch model {
            case .alexNet:
                config = InferenceGraphHigh.decide(
                    delay: s.delay, accuracy: s.accuracy, gamma: gamma, lambda: lambda,
                    figures: model.multiModel, speeds: speeds)
            case .resNet:
                config = resNet(delay: s.delay, accuracy: s.accuracy, gamma: gamma, lambda: lambda, speeds: speeds)
            case .leNet:
                config = leNet(
                    delay: s.delayLeNet, accuracy: s.accuracyLeNet, gamma: gamma, lambda: lambda,
                    speeds: speeds)
            }
            // Every user of a DNN gets the same answer: nothing in the loop depends on the user.
            for u in 1...n {
                for (k, h) in config.hosts.enumerated() { p[k + 1, 1, m, u] = h }
                for r in 1...5 { p[r, 2, m, u] = config.exitIndex }
            }
        }
        return p
    }

    static func resNet(
        delay: Double, accuracy: Double, gamma: Int, lambda: Int,
        speeds: [Double]
    ) -> AuthorsConfiguration {
        let f = AuthorsModel.resNet.multiModel
        let w3 = AuthorsTiers.nanojoulesPerBit
        let (edges, lastDelay) = InferenceGraphHigh.grid(
            delay: delay, accuracy: accuracy, gamma: gamma, speeds: speeds,
            figures: f
        ) { i, from, pair in
            guard [2, 3, 6].contains(pair), i > 2 else { return [] }
            var terms = [f.features[i - 1] * 8 * w3[2] / 1000000000, f.features[i - 2] * 8 * w3[2] / 1000000000]
            if from > 1 {
                let sender = f.features[i - 2] * 8 * w3[from - 2] / 1000000000
                terms += [sender, sender]
            }
            return terms
        }
        var hosts = [1, 0, 0, 0, 0]
        if lambda <= gamma + 5 {
            for i in 2...4 {
                // The device is read from layer i - 1's edges, the edge and cloud from layer i's.
                var candidates: [(InferenceGraphHigh.GridEdge, Int)] = []
                for e in edges {
                    if e.layer == i - 1 && e.pair == 1 { candidates.append((e, 1)) }
                    if e.layer == i && (e.pair == 2 || e.pair == 5) { candidates.append((e, 2)) }
                    if e.layer == i && [3, 6, 9].contains(e.pair) { candidates.append((e, 3)) }
                }
                if let tier = InferenceGraphHigh.lastScanned(candidates, window: lambda...(gamma + 5)) {
                    hosts[i - 1] = tier
                }
            }
        }
        var exit = 3
        (hosts, exit) = InferenceGraphHigh.lowerExit(
            hosts: hosts, exit: exit, accuracy: accuracy,
            accuracies: f.accuracies)
        if delay > 3 * WeightedGreedy.matlabSum(lastDelay) && accuracy < 80 {
            for k in [4, 3, 2, 1] where hosts[k] != 0 { hosts[k] = hosts[0] }
        }
        if delay > 5 * 1e-3 && accuracy > 80 {
            hosts[4] = 1
            hosts[3] = 1
            for k in [2, 1] where hosts[k] != 0 { hosts[k] = 1 }
        }
        if hosts[3] != 0 && hosts[4] == 0 {
            hosts[4] = delay > 5 * 1e-3 ? 1 : 2
        }
        return AuthorsConfiguration(hosts: hosts, exitIndex: exit)
    }

    static func leNet(
        delay: Double, accuracy: Double, gamma: Int, lambda: Int,
        speeds: [Double]
    ) -> AuthorsConfiguration {
        let f = AuthorsModel.leNet.multiModel
        let w3cloud = AuthorsTiers.nanojoulesPerBit[2]
        let (edges, lastDelay) = InferenceGraphHigh.grid(
            delay: delay, accuracy: accuracy, gamma: gamma, speeds: speeds,
            layers: 2, figures: f
        ) { i, _, pair in
            guard pair == 2 || pair == 3 || (pair == 6 && i > 2) else { return [] }
            let bits = f.features[i - 1] * 8 * w3cloud / 1000000000
            return [bits, bits]
        }
        var hosts = [1, 1, 1]
        var exit = 2
        if lambda <= gamma + 1 {
            for i in 2...3 {
                let candidates = edges.filter { $0.layer == i - 1 && (1...3).contains($0.pair) }.map { ($0, $0.pair) }
                if let tier = InferenceGraphHigh.lastScanned(candidates, window: lambda...(gamma + 1)) {
                    hosts[i - 1] = tier
                }
            }
        }
        if f.accuracies[1] > accuracy {
            exit = 2
            hosts[0] = 1
            hosts[1] = 1
        }
        if f.accuracies[0] > accuracy {
            exit = 1
            hosts[1] = 0
            hosts[2] = 0
        }
        // w1__ has a third, zero entry: the sum is that of the two layers.
        if delay > 4 * WeightedGreedy.matlabSum(lastDelay + [0]) && accuracy < 85 {
            for k in [2, 1] where hosts[k] != 0 { hosts[k] = hosts[0] }
        }
        if delay > 0.2 * 1e-3 && accuracy > 85 {
            for k in [2, 1] where hosts[k] != 0 { hosts[k] = 1 }
        }
        return AuthorsConfiguration(hosts: hosts, exitIndex: exit)
    }
}
