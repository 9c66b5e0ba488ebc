import Testing

@testable import FINModel

@Suite("Branchy DNN quantities")
struct DNNChainTests {
    /// Exits after blocks 1 (q = 0.4, accuracy 0.5), 2 (q = 0.5, accuracy 0.7), 3 (final, 0.9).
    let model = DNNModel(
        id: "m", inputBits: 100,
        blocks: [
            Block(ops: 10, outputBits: 50, memoryBytes: 1), Block(ops: 20, outputBits: 40, memoryBytes: 2),
            Block(ops: 30, outputBits: 30, memoryBytes: 3),
        ],
        exits: [
            Exit(afterBlock: 2, accuracy: 0.7, ops: 2, exitProbability: 0.5),
            Exit(afterBlock: 1, accuracy: 0.5, ops: 1, exitProbability: 0.4),
            Exit(afterBlock: 3, accuracy: 0.9, ops: 3, exitProbability: 0.2),
        ])

    @Test func reachProbabilitiesMultiplyTheContinuations() {
        let c = DNNChain(model)
        #expect(c.reach == [1, 1, 0.6, 0.3])
        #expect(c.computeOps == [0, 11, 22, 33])
        #expect(c.sendProbability(afterBlock: 0) == 1)
        #expect(c.sendProbability(afterBlock: 1) == 0.6)
        #expect(c.sendProbability(afterBlock: 2) == 0.3)
    }

    @Test func depthAccuracyTreatsTheFinalExitAsTakingEverything() {
        let c = DNNChain(model)
        #expect(c.depths.map(\.lastBlock) == [1, 2, 3])
        // Depth 1: every sample leaves at exit 1.
        #expect(c.depths[0].accuracy == 0.5)
        // Depth 2: 0.4 leave at exit 1, the remaining 0.6 at exit 2 (its q ignored).
        #expect(abs(c.depths[1].accuracy - (0.4 * 0.5 + 0.6 * 0.7)) < 1e-15)
        // Depth 3: 0.4 at exit 1, 0.6 * 0.5 at exit 2, 0.3 at exit 3 (its q = 0.2 ignored).
        #expect(abs(c.depths[2].accuracy - (0.4 * 0.5 + 0.3 * 0.7 + 0.3 * 0.9)) < 1e-15)
        #expect(c.admissibleDepths(minAccuracy: 0.62).map(\.lastBlock) == [2, 3])
    }

    @Test func staticTruncationIsTheExitAccuracy() {
        var m = model
        for i in m.exits.indices { m.exits[i].exitProbability = 0 }
        #expect(DNNChain(m).depths.map(\.accuracy) == [0.5, 0.7, 0.9])
    }
}
