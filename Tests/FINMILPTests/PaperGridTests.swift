import Foundation
import Testing
import FINBruteForce
import FINGenerator
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK

/// The paper scenario, B-AlexNet on CIFAR-10: the optimum over latency bound x accuracy target.
@Suite("Paper scenario grid")
struct PaperGridTests {
    static let bounds: [Double] = Array(3...15).map { Double($0) / 1000 }
    static let targets: [Double] = [0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.85]

    /// Optimal energy (mJ per inference) by bound (rows, 3..15 ms) and target (columns 0.10 ..
    /// 0.85); nil would mark an infeasible point (there is none: exit 1 on the device takes
    /// 2.06 ms). Checked by hand: 3 ms / 0.60 runs blocks 1-2 on the device and block 3 on the
    /// cloud (16.00 + 22.12 transfer + 13.01 = 51.12 mJ, 2.70 ms); 6 ms / 0.80 runs blocks 1-4 on
    /// the device and block 5 on the cloud (32.01 + 14.74 + 17.34 = 64.09 mJ). Every column up to 0.50 is exit 1 on the device (12.3383 mJ); up to
    /// 0.70 exit 2 (blocks 1-3) on the device once the bound allows its 3.589 ms; 0.80 and
    /// 0.85 need the final exit, on the device alone from 6.564 ms (39.382 mJ), otherwise
    /// blocks 4-5 (or 2-5) go to the cloud.
    static let expectedMillijoules: [[Double?]] = [
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 51.1219, 51.1219, 89.9074, 89.9074],  // 3 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 85.6029, 85.6029],  // 4 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 85.6029, 85.6029],  // 5 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 64.0873, 64.0873],  // 6 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 7 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 8 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 9 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 10 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 11 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 12 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 13 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 14 ms
        [12.3383, 12.3383, 12.3383, 12.3383, 12.3383, 21.5325, 21.5325, 39.3820, 39.3820],  // 15 ms
    ]

    @Test func gridMatchesTableAndAllThreeMethodsAgree() throws {
        var rows: [String] = []
        for (i, bound) in Self.bounds.enumerated() {
            var row: [String] = []
            for (j, target) in Self.targets.enumerated() {
                let instance = PaperScenario.instance(profile: DNNProfiles.bAlexNetCIFAR10, maxLatencySeconds: bound, minAccuracy: target)
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
                let expected = Self.expectedMillijoules[i][j]
                #expect((expected == nil) == (e == nil), "\(tag)")
                if let expected, let e { #expect(abs(e * 1000 - expected) < 5e-4, "\(tag): \(e * 1000) mJ") }
            }
            rows.append("        [" + row.joined(separator: ", ") + "],  // \(Int(bound * 1000)) ms")
        }
        #expect(rows.count == Self.expectedMillijoules.count)
    }
}
