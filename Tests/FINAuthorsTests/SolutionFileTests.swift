import FINAuthors
import FINGenerator
import FINModel
import Testing

/// What the procedures return can be written as a `fin-solution/1` file and read back.
@Suite("Authors' solutions as files")
struct SolutionFileTests {
    @Test(
        "feasible and infeasible answers round-trip through the file format",
        arguments: [AuthorsProcedure.fin, .mcp, .finMulti])
    func roundTrip(procedure: AuthorsProcedure) throws {
        let instance =
            procedure.isMultiModel
            ? PaperScenario.authorsUsers(usersPerProfile: 3)
            : PaperScenario.instance(profile: DNNProfiles.bAlexNetCIFAR10)
        var s = try Authors.solve(instance, procedure: procedure)
        s.wallSeconds = nil
        let text = JSONWriter.string(SolutionFile.encode(s))
        let back = try SolutionFile.decode(text: text)
        #expect(back.status == s.status)
        #expect(back.info == s.info)
        #expect(back.deployments.map(\.hosts) == s.deployments.map(\.hosts))
        #expect(back.objectiveJoulesPerSecond == s.objectiveJoulesPerSecond)
    }
}
