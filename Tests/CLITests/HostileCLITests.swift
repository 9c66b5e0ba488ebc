import FINModel
import Foundation
import Testing

/// Issue 13, items 7, 8, 9, 12 and 13 through the command line: each used to trap (exit 132 or
/// 133), fail later in a solver (exit 70) or give the wrong status.
@Suite("finbench command line: hostile inputs", .serialized)
struct HostileCLITests {
    /// The paper scenario, edited by `edit` (a JSON document), written to `dir`.
    func paper(_ dir: URL, _ name: String, _ edit: (inout [String: JSONValue]) -> Void = { _ in }) throws -> String {
        let path = dir.appendingPathComponent(name).path
        let g = try run(["generate", "--paper", "b-alexnet-cifar10"])
        #expect(g.status == 0, "\(g.stderr)")
        guard case .object(var doc) = try JSONParser.parse(g.stdout) else { throw CocoaError(.fileReadCorruptFile) }
        edit(&doc)
        try JSONWriter.string(.object(doc)).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Item 7: powerWatts 1.5e308 with two applications: the objective overflowed and the JSON
    /// writer trapped (SIGILL, exit 132) in solve and evaluate --json.
    @Test func overflowingObjectiveIsRefusedNotTrapped() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try paper(dir, "good.json")
        let sol = dir.appendingPathComponent("sol.json").path
        #expect(try run(["solve", good, "-m", "fin-exact", "--out", sol]).status == 0)
        let huge = try paper(dir, "huge.json") { doc in
            guard case .array(var nodes)? = doc["nodes"], case .array(var apps)? = doc["applications"],
                case .object(var app) = apps[0]
            else { return }
            for i in nodes.indices {
                if case .object(var n) = nodes[i] {
                    n["powerWatts"] = .number(1.5e308)
                    nodes[i] = .object(n)
                }
            }
            app["id"] = "app-2"
            apps.append(.object(app))
            doc["nodes"] = .array(nodes)
            doc["applications"] = .array(apps)
        }
        for args in [
            ["solve", huge, "-m", "fin-exact"], ["solve", huge, "-m", "milp-cbc"],
            ["evaluate", "--json", huge, sol], ["validate", huge],
        ] {
            let r = try run(args)
            #expect(r.status == 65, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("nodes[0].powerWatts: 1.5e+308"), "\(args): \(r.stderr)")
        }
    }

    /// Item 13: joulesPerBit 1e306 validated, then CBC exited 70 on a -nan objective coefficient.
    @Test func unrepresentableFiguresAreRefusedByValidate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try paper(dir, "jpb.json") { doc in
            guard case .array(var links)? = doc["links"], case .object(var l) = links[0] else { return }
            l["joulesPerBit"] = .number(1e306)
            links[0] = .object(l)
            doc["links"] = .array(links)
        }
        let v = try run(["validate", bad])
        #expect(v.status == 65 && v.stderr.contains("links[0].joulesPerBit: 1e+306"), "\(v.status) \(v.stderr)")
        #expect(try run(["solve", bad, "-m", "milp-cbc"]).status == 65)
    }

    /// Item 8: a transfer after block -1 trapped the evaluator (index out of range).
    @Test func transferAfterBlockMinusOneIsAViolation() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inst = try paper(dir, "paper.json")
        let s = try run(["solve", inst, "-m", "milp-cbc"])
        #expect(s.status == 0, "\(s.stderr)")
        guard case .object(var doc) = try JSONParser.parse(s.stdout), case .array(var deps)? = doc["deployments"],
            case .object(var d) = deps[0]
        else { throw CocoaError(.fileReadCorruptFile) }
        d["transfers"] = [["afterBlock": -1, "path": ["device", "edge"]]]
        deps[0] = .object(d)
        doc["deployments"] = .array(deps)
        let sol = dir.appendingPathComponent("sol.json").path
        try JSONWriter.string(.object(doc)).write(toFile: sol, atomically: true, encoding: .utf8)
        for json in [false, true] {
            let e = try run(["evaluate", inst, sol] + (json ? ["--json"] : []))
            #expect(e.status == 3, "\(e.status) \(e.stderr)")
            #expect(e.stdout.contains("no such transfer"), "\(e.stdout)")
        }
    }

    /// Item 12: fin-exact on one application with no deployment proves infeasibility (exit 3,
    /// as the MILP); without applications every method says optimal, objective 0 (exit 0); and
    /// evaluate flags a file that claims infeasible while its deployments are feasible.
    @Test func statusesAgreeAcrossMethods() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let impossible = try paper(dir, "impossible.json") { doc in
            guard case .array(var apps)? = doc["applications"], case .object(var app) = apps[0] else { return }
            app["maxLatencySeconds"] = .number(1e-9)
            apps[0] = .object(app)
            doc["applications"] = .array(apps)
        }
        for method in ["fin-exact", "milp-cbc"] {
            let r = try run(["solve", impossible, "-m", method])
            #expect(
                r.status == 3 && r.stdout.contains("\"status\": \"infeasible\""),
                "\(method): \(r.status) \(r.stderr)")
        }
        #expect(try run(["solve", impossible, "-m", "fin"]).status == 4)
        let empty = try paper(dir, "empty.json") { $0["applications"] = [] }
        for method in ["fin-exact", "fin", "mcp", "milp-cbc"] {
            let r = try run(["solve", empty, "-m", method])
            #expect(
                r.status == 0 && r.stdout.contains("\"objectiveJoulesPerSecond\": 0"),
                "\(method): \(r.status) \(r.stderr)")
        }
        let inst = try paper(dir, "paper.json")
        let s = try run(["solve", inst, "-m", "fin-exact"])
        let claim = dir.appendingPathComponent("claim.json").path
        try s.stdout.replacingOccurrences(of: "\"status\": \"optimal\"", with: "\"status\": \"infeasible\"")
            .write(toFile: claim, atomically: true, encoding: .utf8)
        let e = try run(["evaluate", inst, claim])
        #expect(e.stdout.contains("mismatch: status: the file says infeasible"), "\(e.stdout)")
    }

    /// Item 9: generator options that ran away (a loop of 10^18 chords, 10^12 users) are usage errors.
    @Test func runawayGeneratorOptionsAreUsageErrors() throws {
        for args in [
            ["--preset", "synthetic", "--mesh-degree", "1000000000000000000"],
            ["--synthetic-models", "1000000000000"], ["--paper", "b-lenet", "--users", "1000000000000"],
            ["--nodes", "99999999999999999999"], ["--seed", "-1"], ["--rate", "nan"],
        ] {
            let r = try run(["generate"] + args)
            #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
        }
    }
}
