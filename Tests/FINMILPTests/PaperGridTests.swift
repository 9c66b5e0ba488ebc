import FINBruteForce
import FINGenerator
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINTestSupport
import Foundation
import Testing

/// The paper scenario, B-AlexNet on CIFAR-10: the optimum over latency bound x accuracy target.
@Suite("Paper scenario grid")
struct PaperGridTests {
    @Test func gridMatchesTableAndAllThreeMethodsAgree() throws {
        var rows: [String] = []
        for (i, bound) in PaperGridGolden.bounds.enumerated() {
            var row: [String] = []
            for (j, target) in PaperGridGolden.targets.enumerated() {
                let instance = PaperScenario.instance(
                    profile: DNNProfiles.bAlexNetCIFAR10, maxLatencySeconds: bound, minAccuracy: target)
                let glpk = MILPMethod.solve(instance, solver: GLPKSolver()).solution
                let cbc = MILPMethod.solve(instance, solver: CBCSolver()).solution
                let brute = try BruteForce.solve(instance)
                let tag = "\(bound * 1000) ms, \(target)"
                #expect(glpk.status == brute.status && cbc.status == brute.status, "\(tag)")
                let e = brute.objectiveJoulesPerSecond
                for s in [glpk, cbc] where e != nil {
                    #expect(abs((s.objectiveJoulesPerSecond ?? .nan) - e!) <= 1e-9 * e!, "\(tag) \(s.method)")
                }
                row.append(e.map { String(format: "%.4f", $0 * 1000) } ?? "nil")
                let expected = PaperGridGolden.millijoules["optimum"]![i][j]
                #expect((expected == nil) == (e == nil), "\(tag)")
                if let expected, let e { #expect(abs(e * 1000 - expected) < 5e-4, "\(tag): \(e * 1000) mJ") }
            }
            rows.append("        [" + row.joined(separator: ", ") + "],  // \(Int(bound * 1000)) ms")
        }
        #expect(rows.count == PaperGridGolden.bounds.count)
    }
}
