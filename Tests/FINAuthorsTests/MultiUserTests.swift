import FINAuthors
import FINGenerator
import FINModel
import Testing

/// The multi-model procedures decide as the authors' code does for 1..20 users of each of
/// B-AlexNet, B-ResNet and B-LeNet (their driver's settings, commit 5b67a48).
@Suite("Authors' multi-model procedures against the Octave reference")
struct MultiUserTests {
    static let procedures: [(file: String, procedure: AuthorsProcedure)] = [
        ("weighted_fn1_multi_model", .mcpMulti), ("ifg_high_multi_model", .finMulti),
    ]
    static let modelOfProfile = ["b-alexnet-cifar10": "b-alexnet", "b-resnet": "b-resnet", "b-lenet": "b-lenet"]

    @Test("every user's configuration for 1..20 users equals the reference", arguments: procedures.map(\.file))
    func users(file: String) throws {
        let procedure = Self.procedures.first { $0.file == file }!.procedure
        let rows = try Reference.rows("authors-reference-multi").filter { $0["procedure"] == file }
        var mismatches: [String] = []
        var compared = 0
        for n in 1...20 {
            let instance = PaperScenario.authorsUsers(usersPerProfile: n)
            let got = try Authors.configurations(instance, procedure: procedure)
            // Users of a DNN are numbered in application-id order.
            var perModel: [String: [String]] = [:]
            for (id, config) in got.sorted(by: { $0.application < $1.application }) {
                let app = instance.applications.first { $0.id == id }!
                perModel[Self.modelOfProfile[app.model]!, default: []].append(config.description)
            }
            for row in rows where Int(row["users"]!) == n {
                let model = row["model"]!, user = Int(row["user"]!)!
                let port = perModel[model]?[user - 1] ?? "none"
                compared += 1
                if port != row["configuration"] {
                    let authors = row["configuration"]!
                    mismatches.append("\(n) users, \(model) user \(user): port \(port), authors \(authors)")
                }
            }
        }
        #expect(compared == 630)
        #expect(mismatches.isEmpty, "\(file): \(mismatches.count) differ:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test("the multi-user solution gives the authors' shares and keeps every raw configuration")
    func shares() throws {
        let instance = PaperScenario.authorsUsers(usersPerProfile: 4)
        let s = try Authors.solve(instance, procedure: .finMulti)
        #expect(s.deployments.count == 12)
        guard case .object(let raw)? = s.info["authorsConfigurations"] else {
            Issue.record("no authorsConfigurations")
            return
        }
        #expect(raw.count == 12)
        for d in s.deployments {
            for (node, share) in d.shares ?? [:] where node == "edge" || node == "cloud" {
                #expect(share < 0.01)
            }
        }
    }
}

/// The authors' multi-user scenario is a valid instance with their settings.
@Suite("PaperScenario.authorsUsers")
struct AuthorsUsersScenarioTests {
    @Test("valid, with the authors' bounds, targets and share levels", arguments: [1, 7, 20])
    func scenario(n: Int) {
        let i = PaperScenario.authorsUsers(usersPerProfile: n)
        #expect(InstanceValidator.issues(of: i).isEmpty)
        #expect(i.applications.count == 3 * n)
        #expect(i.shareLevels == [0.001 / Double(n), 0.002 / Double(n), 0.01 / Double(n), 1])
        for a in i.applications {
            let leNet = a.model == "b-lenet"
            #expect(a.maxLatencySeconds == (leNet ? 0.0001 : 0.005))
            #expect(a.minAccuracy == (leNet ? 0.95 : 0.5))
        }
    }
}
