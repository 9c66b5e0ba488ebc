/// The authors' multi-model MCP, `weighted_fn1_multi_model.m` (commit 5b67a48): the greedy
/// of `weighted_fn1.m` run for every user of B-AlexNet, then B-ResNet, then B-LeNet, with the
/// edge's and cloud's compute time scaled by the DNN's resource rate, and the quirks of that
/// file kept (docs/AUTHORS.md): device time over 11e12 instead of 11e9 (except LeNet's
/// block 2), the output counted twice in a transfer's delay, AlexNet's edge/cloud time
/// multiplied by the total number of users while ResNet's and LeNet's are not, LeNet's
/// block 3 never considered, and reads of `p` with too few subscripts that land on another
/// DNN's or user's entries.
enum MultiModelWeighted {
    struct Setting: Sendable {
        /// Bound (s) and target (percent) of AlexNet and ResNet users.
        let delay: Double
        let accuracy: Double
        /// Bound and target of LeNet users.
        let delayLeNet: Double
        let accuracyLeNet: Double
        /// Users of AlexNet, ResNet, LeNet.
        let users: [Int]
    }

    /// One step of the greedy: the three delays, the chosen tier and delay.
    private static func step(
        valD: Double, valE: Double, valC: Double, deeperD: () -> Bool, deeperE: () -> Bool,
        deeperC: () -> Bool, prevD: () -> Int, prevE: () -> Int, prevC: () -> Int
    )
        -> (tier: Int, delay: Double)?
    {
        if valD < valE && deeperD() && prevD() == 1 { return (1, valD) }
        if valD > valE && deeperE() && prevE() == 1 { return (2, valE) }
        if valE > valC && deeperC() && prevC() >= 1 { return (3, valC) }
        return nil
    }

    static func decide(_ s: Setting) -> OctaveArray {
        let (nA, nR, nL) = (s.users[0], s.users[1], s.users[2])
        let total = Double(nA + nR + nL)
        var p = OctaveArray(users: max(nA, nR, nL))
        let ns = AuthorsTiers.nanosecondsPerBit
        let w = WeightedGreedy.threshold
        // B-AlexNet (m = 1).
        let fa = AuthorsModel.alexNet.multiModel
        let rateA = AuthorsTiers.multiModelRate[.alexNet]!
        for u in stride(from: 1, through: nA, by: 1) {
            var kept = [fa.ops[0] * 10000000 / 11000000000000]
            p[1, 1, 1, u] = 1
            p[1, 2, 1, u] = 3
            for i in 2...5 {
                let o = fa.ops[i - 1], f = fa.features[i - 2]
                let valD = o * 10000000 / 11000000000000
                let valE = (o * 10000000 * total / (rateA * 153400000000000)) + ((f + f) * 8 * ns[1] / 1000000000)
                let valC = (o * 10000000 * total / (rateA * 312000000000000)) + ((f + f) * 8 * ns[2] / 1000000000)
                kept.append(min(valD, valE, valC))
                let weight = max(
                    0.5 * WeightedGreedy.matlabSum(kept) / s.delay,
                    s.accuracy / WeightedGreedy.exitAccuracyOfBlock(i, fa.accuracies))
                let pick = step(
                    valD: valD, valE: valE, valC: valC,
                    deeperD: { weight > w || p[i - 1, 2] >= i },
                    deeperE: { weight > w || p[i - 1, 2] >= i },
                    deeperC: { weight > w || p[i - 1, 2, 1, u] >= i },
                    prevD: { p[i - 1, 1] }, prevE: { p[i - 1, 1, u] }, prevC: { p[i - 1, 1, 1, u] })
                if let pick {
                    p[i, 1, 1, u] = pick.tier
                    for r in 1...5 { p[r, 2, 1, u] = i < 4 ? min(i, 2) : min(i, 3) }
                    kept[i - 1] = pick.delay
                }
            }
        }
        // B-ResNet (m = 2): no division by the number of users.
        let fr = AuthorsModel.resNet.multiModel
        let rateR = AuthorsTiers.multiModelRate[.resNet]!
        for u in stride(from: 1, through: nR, by: 1) {
            var kept = [fr.ops[0] * 10000000 / 11000000000000]
            p[1, 1, 2, u] = 1
            p[1, 2, 2, u] = 3
            for i in 2...5 {
                let o = fr.ops[i - 1], f = fr.features[i - 2]
                let valD = o * 10000000 / 11000000000000
                let valE = (o * 10000000 / (rateR * 153400000000000)) + ((f + f) * 8 * ns[1] / 1000000000)
                let valC = (o * 10000000 / (rateR * 312000000000000)) + ((f + f) * 8 * ns[2] / 1000000000)
                kept.append(min(valD, valE, valC))
                let weight = max(
                    0.5 * WeightedGreedy.matlabSum(kept) / s.delay,
                    s.accuracy / WeightedGreedy.exitAccuracyOfBlock(i, fr.accuracies))
                let pick = step(
                    valD: valD, valE: valE, valC: valC,
                    deeperD: { weight > w || p[i - 1, 2, u] >= i },
                    deeperE: { weight > w || p[i - 1, 2, 2, u] >= i },
                    deeperC: { weight > w || p[i - 1, 2, 2, u] >= i },
                    prevD: { p[i - 1, 1, u] }, prevE: { p[i - 1, 1, 2, u] }, prevC: { p[i - 1, 1, 2, u] })
                if let pick {
                    p[i, 1, 2, u] = pick.tier
                    for r in 1...5 { p[r, 2, 2, u] = i < 4 ? min(i, 2) : min(i, 3) }
                    kept[i - 1] = pick.delay
                }
            }
        }
        // B-LeNet (m = 3): block 2 only; its device time over 11e9; a cloud pick writes user 1.
        let fl = AuthorsModel.leNet.multiModel
        let rateL = AuthorsTiers.multiModelRate[.leNet]!
        for u in stride(from: 1, through: nL, by: 1) {
            var kept = [fl.ops[0] * 10000000 / 11000000000000]
            p[1, 1, 3, u] = 1
            p[1, 2, 3, u] = 1
            let i = 2
            let o = fl.ops[1], f = fl.features[0]
            let valD = o * 10000000 / 11000000000
            let valE = (o * 10000000 / (rateL * 153400000000000)) + ((f + f) * 8 * ns[1] / 1000000000)
            let valC = (o * 10000000 / (rateL * 312000000000000)) + ((f + f) * 8 * ns[2] / 1000000000)
            kept.append(min(valD, valE, valC))
            let weight = max(0.5 * WeightedGreedy.matlabSum(kept) / s.delayLeNet, s.accuracyLeNet / fl.accuracies[0])
            let deeper = { weight > w || p[i - 1, 2, 3, u] >= i }
            let pick = step(
                valD: valD, valE: valE, valC: valC, deeperD: deeper, deeperE: deeper, deeperC: deeper,
                prevD: { p[i - 1, 1, 3, u] }, prevE: { p[i - 1, 1, 3, u] }, prevC: { p[i - 1, 1, 3, u] })
            if let pick {
                if pick.tier == 3 { p[i, 1, 3] = 3 } else { p[i, 1, 3, u] = pick.tier }
                for r in 1...5 { p[r, 2, 3, u] = min(i, 3) }
            }
        }
        return p
    }
}
