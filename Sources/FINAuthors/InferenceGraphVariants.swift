/// The two other FIN functions of the authors' head, `ifg.m` and `ifg_low.m` (no driver of
/// theirs calls them; they decide differently from `ifg_high.m`, so the port offers them).
///
/// Both start from the MCP baseline's hosts (the loop of `weighted_fn1.m`), set the exit to 3,
/// and build for blocks 2..5 a band of edges on a level grid: from every level pair (m, n),
/// m, n in 1...gamma + 1, an edge to `(m + ceil(gamma * d / bound), n + ceil(gamma * a3 /
/// target))`, capped at gamma + 10, `d` being the previous block's device compute time. The
/// four edge types (device -> device, -> edge, -> cloud, edge -> cloud) sit at the same
/// positions, so whenever the scanned window holds one, the last check (a cloud edge) wins and
/// the block goes to the cloud; otherwise it keeps the baseline's host. Then the exit rule of
/// `ifg_high.m`; no shift. `ifg.m`: gamma 30, window gamma - 5 ... gamma + 11; `ifg_low.m`:
/// gamma 3, window gamma - 1 ... gamma + 1.
enum InferenceGraphVariants {
    /// Which file: the two differ only in gamma and the scanned window.
    enum Variant: Sendable {
        case ifg, ifgLow
        var defaultGamma: Int { self == .ifg ? 30 : 3 }
        /// The window's lower end as the code sets it (`lambda = gamma - 5` or `gamma - 1`).
        func defaultLambda(gamma: Int) -> Int { self == .ifg ? gamma - 5 : gamma - 1 }
        func windowTop(gamma: Int) -> Int { self == .ifg ? gamma + 11 : gamma + 1 }
    }

    static func decide(
        delay: Double, accuracy: Double, variant: Variant, gamma: Int, lambda: Int,
        figures f: AuthorsModelFigures = AuthorsModel.singleAlexNet
    ) -> AuthorsConfiguration {
        var hosts = WeightedGreedy.decide(delay: delay, accuracy: accuracy, figures: f).hosts
        let g = Double(gamma)
        let cap = Double(gamma + 10)
        let window = lambda...max(lambda, variant.windowTop(gamma: gamma))
        let top = variant.windowTop(gamma: gamma)
        let accuracyStep = (g * (f.accuracies[2] / accuracy)).rounded(.up)
        for i in 2...5 {
            let d = f.ops[i - 2] * 10000000 / 11000000000
            let delayStep = (g * (d / delay)).rounded(.up)
            var found = false
            for m in 1...(gamma + 1) where !found {
                let dl = Int(min(cap, Double(m) + delayStep))
                guard lambda <= top, window.contains(dl) else { continue }
                for n in 1...(gamma + 1) where window.contains(Int(min(cap, Double(n) + accuracyStep))) {
                    found = true
                    break
                }
            }
            if found { hosts[i - 1] = 3 }
        }
        let exit: Int
        (hosts, exit) = InferenceGraphHigh.lowerExit(
            hosts: hosts, exit: 3, accuracy: accuracy,
            accuracies: f.accuracies)
        return AuthorsConfiguration(hosts: hosts, exitIndex: exit)
    }
}
