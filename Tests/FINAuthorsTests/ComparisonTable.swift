import FINAuthors
import FINGenerator
import FINModel
import Foundation
import Testing

/// Writes the evaluator's scores of every deployed configuration (the numbers behind
/// docs/AUTHORS.md) when FINAUTHORS_COMPARISON_DIR names a directory; otherwise only checks
/// that every solve succeeds.
@Suite("Authors' procedures: evaluator scores of the deployed configurations")
struct ComparisonTable {
    static let outDir = ProcessInfo.processInfo.environment["FINAUTHORS_COMPARISON_DIR"]

    static func number(_ x: Double?) -> String { x.map { String($0) } ?? "" }

    static func violationKinds(_ s: Solution) -> String {
        guard case .array(let v)? = s.info["violations"] else { return "" }
        let kinds = v.compactMap { $0.stringValue }.map { String($0.dropFirst().prefix { $0 != "]" }) }
        return Array(Set(kinds)).sorted().joined(separator: ";")
    }

    /// `model:count` of the applications with a violation of their own (latency, accuracy).
    static func violatingPerModel(_ s: Solution) -> String {
        guard case .array(let v)? = s.info["violations"] else { return "" }
        var apps: Set<String> = []
        for text in v.compactMap({ $0.stringValue }) {
            guard let r = text.range(of: "application ") else { continue }
            apps.insert(String(text[r.upperBound...].prefix { $0 != " " && $0 != "," && $0 != ":" }))
        }
        var perModel: [String: Int] = [:]
        for a in apps { perModel[String(a.prefix { !$0.isNumber }.dropLast()), default: 0] += 1 }
        return perModel.keys.sorted().map { "\($0):\(perModel[$0]!)" }.joined(separator: ";")
    }

    @Test("the grid, every single-model procedure")
    func grid() throws {
        var lines = [
            "procedure,latencyBoundMs,accuracyTargetPercent,authorsConfiguration,deployedConfiguration,"
                + "status,energyJoules,latencySeconds,accuracy,violations"
        ]
        for p in AuthorsProcedure.allCases where !p.isMultiModel {
            for ms in 3...15 {
                for percent in stride(from: 10, through: 85, by: 5) {
                    let s = try Authors.solve(ReferenceGridTests.cell(ms, percent), procedure: p)
                    let d = s.deployments[0]
                    lines.append(
                        [
                            p.rawValue, "\(ms)", "\(percent)", s.info["authorsConfiguration"]!.stringValue!,
                            s.info["deployedConfiguration"]!.stringValue!, s.status.rawValue,
                            Self.number(d.energyJoules), Self.number(d.latencySeconds), Self.number(d.accuracy),
                            Self.violationKinds(s),
                        ].joined(separator: ","))
                }
            }
        }
        #expect(lines.count == 1 + 4 * 208)
        if let dir = Self.outDir {
            try (lines.joined(separator: "\n") + "\n").write(
                toFile: dir + "/authors-evaluated-cifar10.csv",
                atomically: true, encoding: .utf8)
        }
    }

    @Test("the multi-user scenario, 1..20 users of each DNN")
    func users() throws {
        var lines = [
            "procedure,users,status,objectiveJoulesPerSecond,energyJoulesPerSecondAsDeployed,violations,"
                + "violatingApplicationsPerModel"
        ]
        for p in [AuthorsProcedure.mcpMulti, .finMulti] {
            for n in 1...20 {
                let s = try Authors.solve(PaperScenario.authorsUsers(usersPerProfile: n), procedure: p)
                let total = s.deployments.reduce(0.0) { $0 + ($1.energyJoules ?? .nan) }
                lines.append(
                    [
                        p.rawValue, "\(n)", s.status.rawValue, Self.number(s.objectiveJoulesPerSecond),
                        String(total), Self.violationKinds(s), Self.violatingPerModel(s),
                    ].joined(separator: ","))
            }
        }
        #expect(lines.count == 41)
        if let dir = Self.outDir {
            try (lines.joined(separator: "\n") + "\n").write(
                toFile: dir + "/authors-evaluated-users.csv",
                atomically: true, encoding: .utf8)
        }
    }
}
