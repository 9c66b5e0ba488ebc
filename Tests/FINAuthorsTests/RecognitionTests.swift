import FINAuthors
import FINGenerator
import FINModel
import Testing

/// The procedures run on the papers' scenario whatever its ids and order, and reject
/// anything else with a typed error.
@Suite("Authors' procedures: recognising the papers' scenario")
struct RecognitionTests {
    static let paper = PaperScenario.instance(profile: DNNProfiles.bAlexNetCIFAR10)

    static func rejects(
        _ instance: Instance, _ procedure: AuthorsProcedure = .fin,
        _ matches: (AuthorsError) -> Bool
    ) {
        do {
            _ = try Authors.solve(instance, procedure: procedure)
            Issue.record("accepted an instance it should reject")
        } catch {
            #expect(matches(error), "unexpected error: \(error)")
        }
    }

    @Test("renamed and reordered nodes, links and models give the same configuration")
    func renamedAndReordered() throws {
        var i = Self.paper
        let names = ["device": "phone-7", "edge": "mec", "cloud": "dc"]
        i.nodes = i.nodes.reversed().map {
            var n = $0
            n.id = names[n.id]!
            return n
        }
        i.links = i.links.reversed().map {
            var l = $0
            l.from = names[l.from]!
            l.to = names[l.to]!
            return l
        }
        i.applications[0].source = "phone-7"
        i.applications[0].id = "camera"
        i.models[0].id = "alex"
        i.applications[0].model = "alex"
        for p in AuthorsProcedure.allCases where !p.isMultiModel {
            let a = try Authors.solve(Self.paper, procedure: p)
            let b = try Authors.solve(i, procedure: p)
            #expect(a.info["authorsConfiguration"] == b.info["authorsConfiguration"])
            #expect(a.objectiveJoulesPerSecond == b.objectiveJoulesPerSecond)
            #expect(b.deployments[0].hosts[0] == "phone-7")
        }
    }

    @Test("a generated network is not the papers' scenario")
    func generated() throws {
        var c = GeneratorConfig.preset(.easy)
        c.nodes = 10
        c.applications = 1
        c.seed = 1
        let g = try Generator.generate(c)
        Self.rejects(g) {
            if case .notPaperNetwork = $0 { return true }
            return false
        }
    }

    @Test("a downward link, an unpinned block 1, a destination, other figures are rejected")
    func variations() {
        var down = Self.paper
        down.links.append(
            Link(
                from: "cloud", to: "edge", bitsPerSecond: 5.618e11, latencySeconds: 0,
                joulesPerBit: 4.96e-8))
        Self.rejects(down) {
            if case .notPaperNetwork = $0 { return true }
            return false
        }
        var unpinned = Self.paper
        unpinned.applications[0].pinFirstBlockToSource = false
        Self.rejects(unpinned) {
            if case .notPaperApplication = $0 { return true }
            return false
        }
        var destination = Self.paper
        destination.applications[0].destination = "cloud"
        Self.rejects(destination) {
            if case .notPaperApplication = $0 { return true }
            return false
        }
        var slow = Self.paper
        slow.nodes[1].opsPerSecond = 100e12
        Self.rejects(slow) {
            if case .notPaperNetwork = $0 { return true }
            return false
        }
        var delayed = Self.paper
        delayed.links[0].latencySeconds = 0.001
        Self.rejects(delayed) {
            if case .notPaperNetwork = $0 { return true }
            return false
        }
    }

    @Test("models the single-model code does not have are rejected")
    func models() {
        let cifar100 = PaperScenario.instance(profile: DNNProfiles.bAlexNetCIFAR100)
        Self.rejects(cifar100) {
            if case .unsupportedModel = $0 { return true }
            return false
        }
        let resnet = PaperScenario.instance(profile: DNNProfiles.bResNet)
        Self.rejects(resnet) {
            if case .wrongScenario = $0 { return true }
            return false
        }
        var edited = Self.paper
        edited.models[0].blocks[2].ops *= 2
        Self.rejects(edited) {
            if case .unsupportedModel = $0 { return true }
            return false
        }
    }

    @Test("single- and multi-model procedures refuse each other's scenario")
    func wrongScenario() {
        let users = PaperScenario.authorsUsers(usersPerProfile: 2)
        Self.rejects(users, .mcp) {
            if case .wrongScenario = $0 { return true }
            return false
        }
        var mixed = PaperScenario.authorsUsers(usersPerProfile: 2)
        mixed.applications[0].minAccuracy = 0.6
        Self.rejects(mixed, .finMulti) {
            if case .wrongScenario = $0 { return true }
            return false
        }
    }

    @Test("gamma and lambda out of range, or given to MCP, are rejected")
    func parameters() {
        #expect(throws: AuthorsError.self) { try Authors.solve(Self.paper, procedure: .fin, gamma: 0) }
        #expect(throws: AuthorsError.self) { try Authors.solve(Self.paper, procedure: .fin, lambda: 0) }
        #expect(throws: AuthorsError.self) { try Authors.solve(Self.paper, procedure: .mcp, gamma: 10) }
    }
}
