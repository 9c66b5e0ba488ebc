/// A depth at which a branchy DNN can be deployed: its final exit and what it gives.
public struct Depth: Sendable, Equatable {
    /// Index of the final exit in `DNNModel.exits`.
    public let exitIndex: Int
    /// The block the final exit follows (`k_e`): blocks 1...lastBlock are deployed.
    public let lastBlock: Int
    /// Expected accuracy when this exit is the deployment's final one (MODEL.md, "Scores").
    public let accuracy: Double
}

/// Derived quantities of a branchy DNN that every solver and the evaluator use, computed in
/// one place (MODEL.md, "Branchy DNN" and "Scores").
///
/// Blocks are 1-based throughout, as in the file format; index 0 of the arrays stands for the
/// raw input.
public struct DNNChain: Sendable {
    public let model: DNNModel
    /// Number of blocks `K`.
    public let blockCount: Int
    /// `exitAfter[k]`: index in `model.exits` of the exit after block k, or nil (k in 0...K).
    public let exitAfter: [Int?]
    /// `reach[k]` (pi_k): probability that a sample reaches block k, the product of (1 - q)
    /// over the exits before block k. `reach[0] = reach[1] = 1`. It does not depend on the
    /// depth: the final exit sits after the last deployed block.
    public let reach: [Double]
    /// `computeOps[k]`: ops run on block k's host per sample reaching it: the block and, if
    /// an exit follows it, the exit's classifier (k in 1...K; index 0 is 0).
    public let computeOps: [Double]
    /// Every depth, shallowest first (one per exit).
    public let depths: [Depth]

    public init(_ model: DNNModel) {
        self.model = model
        let k = model.blocks.count
        blockCount = k
        var exitAfter = [Int?](repeating: nil, count: k + 1)
        for (i, e) in model.exits.enumerated() where (1...max(k, 1)).contains(e.afterBlock) && k > 0 {
            exitAfter[e.afterBlock] = i
        }
        self.exitAfter = exitAfter
        var reach = [Double](repeating: 1, count: k + 1)
        var ops = [Double](repeating: 0, count: k + 1)
        for b in stride(from: 1, through: k, by: 1) {
            if b >= 2 {
                let q = exitAfter[b - 1].map { model.exits[$0].exitProbability } ?? 0
                reach[b] = reach[b - 1] * (1 - q)
            }
            ops[b] = model.blocks[b - 1].ops + (exitAfter[b].map { model.exits[$0].ops } ?? 0)
        }
        self.reach = reach
        computeOps = ops
        var depths: [Depth] = []
        var leftEarly = 0.0  // accuracy mass of samples leaving at earlier exits
        for b in stride(from: 1, through: k, by: 1) {
            guard let e = exitAfter[b] else { continue }
            let exit = model.exits[e]
            depths.append(Depth(exitIndex: e, lastBlock: b, accuracy: leftEarly + reach[b] * exit.accuracy))
            leftEarly += reach[b] * exit.exitProbability * exit.accuracy
        }
        self.depths = depths
    }

    /// Bits sent after block `k`: the raw input for k = 0, else block k's output.
    public func transferBits(afterBlock k: Int) -> Double {
        k == 0 ? model.inputBits : model.blocks[k - 1].outputBits
    }

    /// Probability that the output of block `k` (k < K) is sent on to block k + 1: pi of the
    /// block receiving it, 1 for the input. The result delivery is always sent (probability 1).
    public func sendProbability(afterBlock k: Int) -> Double { reach[k + 1] }

    /// Weights placed on the host of block `k` (1-based).
    public func memoryBytes(block k: Int) -> Double { model.blocks[k - 1].memoryBytes }

    /// The depth whose final exit follows `block`, if there is an exit there.
    public func depth(endingAfter block: Int) -> Depth? { depths.first { $0.lastBlock == block } }

    /// Depths whose accuracy meets `minAccuracy` (within `Tolerance`), shallowest first.
    public func admissibleDepths(minAccuracy: Double) -> [Depth] {
        depths.filter { Tolerance.meets($0.accuracy, target: minAccuracy) }
    }
}
