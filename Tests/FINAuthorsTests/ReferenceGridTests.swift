import FINAuthors
import FINGenerator
import FINModel
import Testing

/// The port decides as the authors' code does on every cell of the papers' grid
/// (B-AlexNet, CIFAR-10; 3..15 ms x 10..85 %), for each single-model procedure.
@Suite("Authors' procedures: the 208-cell grid against the Octave reference")
struct ReferenceGridTests {
    static let procedures: [(file: String, procedure: AuthorsProcedure)] = [
        ("weighted_fn1", .mcp), ("ifg_high", .fin), ("ifg", .finIFG), ("ifg_low", .finIFGLow),
    ]

    /// The paper scenario at a cell: bound in ms, target in percent.
    static func cell(_ ms: Int, _ percent: Int) -> Instance {
        PaperScenario.instance(
            profile: DNNProfiles.bAlexNetCIFAR10, maxLatencySeconds: Double(ms) / 1000,
            minAccuracy: Double(percent) / 100)
    }

    @Test("every cell's configuration string equals the reference", arguments: procedures.map(\.file))
    func grid(file: String) throws {
        let procedure = Self.procedures.first { $0.file == file }!.procedure
        let rows = try Reference.rows("authors-reference-cifar10").filter { $0["procedure"] == file }
        #expect(rows.count == 208)
        var mismatches: [String] = []
        for row in rows {
            let ms = Int(row["latencyBoundMs"]!)!, percent = Int(row["accuracyTargetPercent"]!)!
            let got = try Authors.configurations(Self.cell(ms, percent), procedure: procedure)[0].configuration
            if got.description != row["configuration"] {
                mismatches.append("\(ms) ms, \(percent) %: port \(got), authors \(row["configuration"]!)")
            }
        }
        #expect(mismatches.isEmpty, "\(file): \(mismatches.count) cells differ:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test("the solution carries the raw configuration and evaluator scores")
    func solutionInfo() throws {
        let s = try Authors.solve(Self.cell(5, 80), procedure: .fin)
        #expect(s.info["authorsConfiguration"] == .string("13330|e3"))
        #expect(s.info["deployedConfiguration"] == .string("13333|e3"))
        #expect(s.info["repair"] != nil)
        #expect(s.deployments.count == 1)
        #expect(s.deployments[0].hosts == ["device", "cloud", "cloud", "cloud", "cloud"])
        #expect(s.deployments[0].energyJoules != nil)
        #expect(s.parameters["gamma"] == .number(10))
        #expect(s.parameters["lambda"] == .number(1))
    }
}
