import FINAuthors
import FINGenerator
import FINModel
import Testing

/// The one rule that deploys a configuration the model cannot take as it is.
@Suite("Authors' configurations: the nearest valid configuration")
struct NearestValidTests {
    static func repair(_ s: String, lastBlock: Int) -> [Int] {
        NearestValid.repair(AuthorsConfiguration(s)!, lastBlock: lastBlock).tiers
    }

    @Test("parsing and printing round-trip")
    func roundTrip() {
        for s in ["12333|e3", "11000|e1", "120|e2"] { #expect(AuthorsConfiguration(s)?.description == s) }
        #expect(AuthorsConfiguration("12a33|e3") == nil)
        #expect(AuthorsConfiguration("12333") == nil)
    }

    @Test("blocks past the exit are dropped; a missing block takes the previous block's host")
    func rule() {
        #expect(Self.repair("11000|e1", lastBlock: 1) == [1])
        #expect(Self.repair("13330|e3", lastBlock: 5) == [1, 3, 3, 3, 3])
        #expect(Self.repair("12000|e2", lastBlock: 3) == [1, 2, 2])
        #expect(Self.repair("11300|e2", lastBlock: 3) == [1, 1, 3])
        #expect(Self.repair("10000|e1", lastBlock: 1) == [1])
        #expect(Self.repair("00000|e1", lastBlock: 1) == [1])
        let valid = NearestValid.repair(AuthorsConfiguration("12333|e3")!, lastBlock: 5)
        #expect(valid.tiers == [1, 2, 3, 3, 3] && valid.notes.isEmpty)
        #expect(NearestValid.repair(AuthorsConfiguration("11000|e1")!, lastBlock: 1).notes.count == 1)
    }

    @Test("a deployed configuration that breaks the bound is not feasible and says why")
    func violation() throws {
        // ifg_high at 2.1 ms and 80 % (off the papers' grid): 13330|e3, deployed 13333, which
        // needs 2.2 ms.
        let i = PaperScenario.instance(
            profile: DNNProfiles.bAlexNetCIFAR10, maxLatencySeconds: 0.0021,
            minAccuracy: 0.8)
        let s = try Authors.solve(i, procedure: .fin)
        #expect(s.info["authorsConfiguration"] == .string("13330|e3"))
        #expect(s.status == .noSolution)
        #expect(s.objectiveJoulesPerSecond == nil)
        #expect(s.info["violations"] != nil)
        #expect(s.info["message"]?.stringValue?.contains("latency") == true)
    }

    @Test("a deployed configuration that meets the constraints is feasible")
    func feasible() throws {
        let i = PaperScenario.instance(profile: DNNProfiles.bAlexNetCIFAR10, maxLatencySeconds: 0.005, minAccuracy: 0.5)
        let s = try Authors.solve(i, procedure: .mcp)
        #expect(s.status == .feasible)
        #expect(s.objectiveJoulesPerSecond != nil)
    }
}
