import Testing

@testable import FINModel

@Suite("Solution files")
struct SolutionFileTests {
    static let example = """
        {
          "format": "fin-solution/1",
          "instance": "b-alexnet-cifar10-paper",
          "method": "milp-cbc",
          "parameters": {"timeLimitSeconds": 60},
          "status": "optimal",
          "objectiveJoulesPerSecond": 0.0856,
          "boundJoulesPerSecond": 0.0856,
          "gap": 0,
          "wallSeconds": 0.12,
          "deployments": [
            {
              "application": "app-0",
              "exitAfterBlock": 5,
              "hosts": ["device", "device", "device", "cloud", "cloud"],
              "shares": {"device": 1.0, "cloud": 1.0},
              "transfers": [{"afterBlock": 3, "path": ["device", "cloud"]}],
              "energyJoules": 0.0856,
              "latencySeconds": 0.00369,
              "accuracy": 0.8595
            }
          ]
        }
        """

    @Test func readsTheFormatExample() throws {
        let s = try SolutionFile.decode(text: Self.example)
        #expect(s.status == .optimal)
        #expect(s.parameters == ["timeLimitSeconds": 60])
        #expect(s.deployments[0].hosts.count == 5)
        #expect(s.deployments[0].shares == ["device": 1, "cloud": 1])
        #expect(s.deployments[0].transfers == [Transfer(afterBlock: 3, path: ["device", "cloud"])])
        let again = try SolutionFile.decode(SolutionFile.encode(s))
        #expect(again == s)
    }

    @Test func rejectsUnknownStatusAndBadHosts() throws {
        let json = try JSONParser.parse(Self.example)
        var broken = setting("solved", at: ["status"], in: json)
        broken = setting(3, at: ["deployments", 0, "hosts", 1], in: broken)
        do {
            _ = try SolutionFile.decode(broken)
            Issue.record("accepted")
        } catch {
            guard case .invalid(_, let kind, let issues) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(kind == "solution")
            #expect(issues.map(\.description).contains { $0.hasPrefix(#"status: unknown status "solved""#) })
            #expect(
                issues.map(\.description).contains("deployments[0].hosts[1]: expected a node id string, found a number")
            )
        }
    }

    @Test func gapArithmetic() {
        #expect(Solution.relativeGap(objective: 2, bound: 1.5) == 0.25)
        #expect(Solution.relativeGap(objective: 0, bound: 0) == 0)
        #expect(Solution.relativeGap(objective: 1, bound: 1.0000001) == 0)
        #expect(Solution.relativeGap(objective: nil, bound: 1) == nil)
    }
}
