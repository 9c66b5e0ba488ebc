import FIN
import FINGenerator
import FINModel
import FINTestSupport
import Foundation
import Testing

/// FIN and MCP on the paper scenario grid (B-AlexNet, CIFAR-10), against the optimum.
@Suite("Paper scenario grid: FIN and MCP")
struct PaperGridFINTests {
    @Test func gridTable() throws {
        var found: [String: [[Double?]]] = [:]
        let methods: [(String, FINMethod.Variant)] = [
            ("optimum", .exact), ("fin-10", .fin(gamma: 10, lambda: 0)), ("fin-30", .fin(gamma: 30, lambda: 0)),
            ("fin-100", .fin(gamma: 100, lambda: 0)), ("mcp", .minimumLatency),
        ]
        for (name, variant) in methods {
            found[name] = PaperGridGolden.bounds.map { bound in
                PaperGridGolden.targets.map { target in
                    let instance = PaperScenario.instance(
                        profile: DNNProfiles.bAlexNetCIFAR10, maxLatencySeconds: bound, minAccuracy: target)
                    return FINMethod.solve(instance, variant: variant).objectiveJoulesPerSecond.map {
                        ($0 * 1e7).rounded() / 1e4
                    }
                }
            }
        }
        for (name, _) in methods {
            #expect(found[name]! == PaperGridGolden.millijoules[name]!, "\(name)")
        }
        // FIN and MCP are never below the optimum.
        for i in PaperGridGolden.bounds.indices {
            for j in PaperGridGolden.targets.indices {
                let opt = found["optimum"]![i][j]!
                for name in ["fin-10", "fin-30", "fin-100", "mcp"] {
                    if let e = found[name]![i][j] { #expect(e >= opt - 1e-4, "\(name) \(i) \(j)") }
                }
            }
        }
    }
}
