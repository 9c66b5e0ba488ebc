import FINEvaluator
import FINModel
import Testing

/// Issue 13, items 7, 8 and 12: out-of-range indices in a solution, non-finite scores and
/// status claims the deployments refute.
@Suite("Evaluator: hostile solutions")
struct HostileEvaluationTests {
    let evaluator = Evaluator(featureInstance())

    /// Item 8: a transfer after block -1 indexed hosts[-2] and trapped.
    @Test(arguments: [-1, -2, Int.min / 2, 4, 1_000_000_000_000])
    func outOfRangeTransferIsAStructureViolation(afterBlock: Int) throws {
        var d = goodA
        d.transfers.append(Transfer(afterBlock: afterBlock, path: ["dev", "relay", "edge"]))
        let result = evaluator.evaluate([d, goodB])
        #expect(!result.feasible)
        #expect(
            result.violations.contains { $0.kind == .structure && $0.detail?.contains("no such transfer") == true },
            "\(result.violations)")
    }

    /// Out-of-range exits are structure violations too.
    @Test(arguments: [-1, 0, 2, 4, Int.max])
    func outOfRangeExitIsAStructureViolation(exit: Int) {
        var d = goodB
        d.exitAfterBlock = exit
        let result = evaluator.evaluate([goodA, d])
        #expect(result.violations.contains { $0.kind == .structure }, "\(result.violations)")
    }

    /// Item 7: an instance built in code (never validated) whose objective overflows: the
    /// evaluation is not feasible, however every constraint holds.
    @Test func infiniteObjectiveIsNeverFeasible() {
        var instance = featureInstance(shareLevels: nil)
        for i in instance.links.indices { instance.links[i].joulesPerBit = 1.5e308 }
        let e = Evaluator(instance)
        var a = goodA
        a.shares = nil
        var b = goodB
        b.shares = nil
        let result = e.evaluate([a, b])
        #expect(!result.objectiveJoulesPerSecond.isFinite)
        #expect(!result.feasible)
        #expect(result.violations.contains { $0.kind == .nonFinite }, "\(result.violations)")
        let checked = e.checked(Solution(instance: "x", method: "m", status: .feasible, deployments: [a, b]))
        #expect(checked.status == .error && checked.objectiveJoulesPerSecond == nil)
    }

    /// Item 12: a file that claims infeasible while deploying every application feasibly.
    @Test func refutedStatusClaimsAreFlagged() {
        let deployments = [goodA, goodB]
        let evaluation = evaluator.evaluate(deployments)
        #expect(evaluation.feasible)
        for status in [SolutionStatus.infeasible, .noSolution] {
            let s = Solution(instance: "features", method: "m", status: status, deployments: deployments)
            #expect(StatusClaim.conflicts(s, evaluation).count == 1, "\(status)")
        }
        for status in [SolutionStatus.optimal, .feasible, .error] {
            let s = Solution(instance: "features", method: "m", status: status, deployments: deployments)
            #expect(StatusClaim.conflicts(s, evaluation).isEmpty, "\(status)")
        }
        let broken = evaluator.evaluate([goodA])
        let claim = Solution(instance: "features", method: "m", status: .optimal, deployments: [goodA])
        #expect(StatusClaim.conflicts(claim, broken).count == 1)
    }
}
