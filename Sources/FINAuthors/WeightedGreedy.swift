/// The authors' MCP baseline, `weighted_fn1.m`, on B-AlexNet (single model).
///
/// Block 1 goes on the device with exit 1. For each next block i the code prices three
/// hosts by delay only: the device's compute time, and the edge's and cloud's compute time
/// plus the receive time of block i-1's output. A weight
/// `max(0.5 * (delay of the cheapest hosts so far) / bound, target / accuracy of exit(i))`
/// decides whether to go deeper (weight > 0.85, or the exit already reaches block i). The host
/// is the device if it is faster than the edge and block i-1 is on the device; else the edge
/// under the same condition; else the cloud if it is faster than the edge. Placing block i
/// sets the final exit to 2 (blocks 2, 3) or 3 (blocks 4, 5). All comparisons are strict, as
/// in the code; the constants are the code's (docs/AUTHORS.md lists every quirk).
enum WeightedGreedy {
    /// The code's weight threshold.
    static let threshold = 0.85

    /// `delay` in seconds and `accuracy` in percent, as the authors' driver passes them.
    static func decide(
        delay: Double, accuracy: Double,
        figures f: AuthorsModelFigures = AuthorsModel.singleAlexNet
    ) -> AuthorsConfiguration {
        var hosts = [1, 0, 0, 0, 0]
        var exit = 1
        // w1: the delay kept for each block so far (the cheapest host's, then the chosen one's).
        var kept = [f.ops[0] * 10000000 / 11000000000]
        for i in 2...5 {
            let valD = f.ops[i - 1] * 10000000 / 11000000000
            let valE =
                (f.ops[i - 1] * 10000000 / 153400000000)
                + (f.features[i - 2] * 8 * AuthorsTiers.nanosecondsPerBit[1] / 1000000000)
            let valC =
                (f.ops[i - 1] * 10000000 / 312000000000)
                + (f.features[i - 2] * 8 * AuthorsTiers.nanosecondsPerBit[2] / 1000000000)
            let exitAccuracy = exitAccuracyOfBlock(i, f.accuracies)
            kept.append(min(valD, valE, valC))
            let weight = max(0.5 * matlabSum(kept) / delay, accuracy / exitAccuracy)
            let deeper = weight > threshold || exit >= i
            let newExit = i < 4 ? min(i, 2) : min(i, 3)
            if valD < valE && deeper && hosts[i - 2] == 1 {
                hosts[i - 1] = 1
                exit = newExit
                kept[i - 1] = valD
            } else if valD > valE && deeper && hosts[i - 2] == 1 {
                hosts[i - 1] = 2
                exit = newExit
                kept[i - 1] = valE
            } else if valE > valC && deeper && hosts[i - 2] >= 1 {
                hosts[i - 1] = 3
                exit = newExit
                kept[i - 1] = valC
            }
        }
        return AuthorsConfiguration(hosts: hosts, exitIndex: exit)
    }

    /// The accuracy the code weighs block i against (`w2`): exit 2 for block 3, exit 3 for
    /// block 5, else entry i-1 (exit 1 for block 2, exit 3 for block 4).
    static func exitAccuracyOfBlock(_ i: Int, _ accuracies: [Double]) -> Double {
        if i == 3 { return accuracies[1] }
        if i == 5 { return accuracies[2] }
        return accuracies[i - 2]
    }

    /// MATLAB's `sum` of a vector: left to right.
    static func matlabSum(_ xs: [Double]) -> Double { xs.reduce(0, +) }
}
