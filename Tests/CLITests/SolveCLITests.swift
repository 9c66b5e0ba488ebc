import FINHarness
import FINMethods
import Foundation
import Testing

/// Runs an external program; nil when it is not installed.
func runExternal(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
    let path = ["/usr/bin", "/usr/local/bin", "/bin"].map { "\($0)/\(program)" }.first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let path else { return nil }
    let r = ChildProcess.run(path, arguments)
    guard case .exited(let status) = r.outcome else { return (-1, r.standardOutputText + r.standardErrorText) }
    return (status, r.standardOutputText + r.standardErrorText)
}

/// The first number after `marker` in `text`.
func number(after marker: String, in text: String) -> Double? {
    guard let r = text.range(of: marker) else { return nil }
    let rest = text[r.upperBound...].drop { $0 == " " || $0 == "=" || $0 == ":" }
    return Double(rest.prefix { "0123456789.eE+-".contains($0) })
}

@Suite("finbench solve and export", .serialized)
struct SolveCLITests {
    /// Writes the journal's multi-user scenario (`users` users of `profile`, the study's share
    /// levels) into `dir` with `finbench generate`; returns its path and generate's stderr.
    func journalInstance(_ profile: String, users: Int, in dir: URL) throws -> (path: String, stderr: String) {
        let path = dir.appendingPathComponent("\(profile)-u\(users).json").path
        let g = try run([
            "generate", "--paper", profile, "--users", String(users), "--share-levels",
            "0.05,0.1,0.15,0.2,0.25,0.3,0.4,0.5,0.6,0.8,1", "--out", path,
        ])
        #expect(g.status == 0, "\(g.stderr)")
        return (path, g.stderr)
    }

    /// 20 B-LeNet users cannot share one edge server and one cloud (CBC proves it too, see
    /// results/journal-users): fin-multi finds no deployment, and its prices prove that none
    /// exists, so `solve` says infeasible (exit 3) and writes the certificate's ratio.
    @Test func infeasibleByCertificate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let instance = try journalInstance("b-lenet", users: 20, in: dir).path
        let out = dir.appendingPathComponent("sol.json").path
        let m = try run([
            "solve", instance, "--method", "fin-multi", "--iterations", "300", "--threads", "1", "--out", out,
        ])
        #expect(m.status == 3, "\(m.stderr)")
        // Proven by the prices (a Lagrangian certificate) or, when the half of the time fin-multi
        // gets on a small instance runs out first, by the MILP fallback in the other half.
        let proofs = ["Lagrangian certificate", "proven by the MILP fallback"]
        #expect(m.stderr.contains("fin-multi: infeasible") && proofs.contains { m.stderr.contains($0) }, "\(m.stderr)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        let proof = written.contains("\"infeasibilityRatio\"") || written.contains("\"fallback\"")
        #expect(proof && written.contains("\"status\": \"infeasible\""), "\(written)")
    }

    /// The journal's multi-user scenario end to end: generate, fin-multi with its certified
    /// bound, the LP bounds, orders, and the errors for options that do not apply.
    @Test func severalApplications() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (instance, generated) = try journalInstance("b-resnet", users: 4, in: dir)
        #expect(generated.contains("6 nodes (4 device, 1 edge, 1 cloud)"), "\(generated)")
        #expect(try run(["validate", instance]).status == 0)
        let out = dir.appendingPathComponent("sol.json").path
        let m = try run(["solve", instance, "--method", "fin-multi", "--iterations", "50", "--out", out])
        // 4 users of B-ResNet: every user at its own optimum fits once shares are settled, and the
        // bound (the sum of the users' optima) proves it.
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stderr.contains("fin-multi: optimal, objective 0.065751902 J/s, bound 0.065751902"), "\(m.stderr)")
        let e = try run(["evaluate", instance, out])
        #expect(e.status == 0, "\(e.stdout)")
        for method in ["lp-cbc", "lp-glpk"] {
            let lp = try run(["solve", instance, "--method", method, "--out", out])
            #expect(lp.status == 0, "\(lp.stderr)")
            let b = try #require(number(after: "bound", in: lp.stderr), "\(lp.stderr)")
            #expect(b > 0 && b <= 0.065751902 * (1 + 1e-9))
        }
        let ordered = try run(["solve", instance, "--method", "fin-exact", "--order", "shuffled:5", "--out", out])
        #expect(ordered.status == 2 && ordered.stderr.contains("fin-exact: feasible"), "\(ordered.stderr)")
        let bad = try run(["solve", instance, "--method", "milp-cbc", "--order", "file"])
        #expect(
            bad.status == 64
                && bad.stderr.contains("milp-cbc does not take order (it takes: timeLimitSeconds, gap, threads)"),
            "\(bad.stderr)")
        let badOrder = try run(["solve", instance, "--method", "fin", "--order", "random"])
        #expect(
            badOrder.status == 64
                && badOrder.stderr.contains(
                    "order (--order) must be heaviest-first, lightest-first, file or shuffled:SEED"),
            "\(badOrder.stderr)")
        let unknown = try run(["solve", instance, "--method", "nope"])
        #expect(unknown.status == 64, "\(unknown.stderr)")
        for name in MethodRegistry.names { #expect(unknown.stderr.contains("- \(name)\n"), "\(name) listed") }
        let badUsers = try run(["generate", "--paper", "b-resnet,b-lenet"])
        #expect(
            badUsers.status == 64 && badUsers.stderr.contains("several --paper profiles need --users"),
            "\(badUsers.stderr)")
        let badProfile = try run(["generate", "--paper", "b-resnet,nope", "--users", "2"])
        #expect(
            badProfile.status == 64 && badProfile.stderr.contains("unknown profile \"nope\""), "\(badProfile.stderr)")
    }

    @Test func solveStatusesAndFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paper = root.appendingPathComponent("instances/paper-b-alexnet-cifar10.json").path
        let out = dir.appendingPathComponent("sol.json").path
        for method in ["milp-glpk", "milp-cbc"] {
            let r = try run(["solve", paper, "--method", method, "--out", out])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("\(method): optimal, objective 0.085602911 J/s"), "\(r.stderr)")
            let e = try run(["evaluate", paper, out])
            #expect(e.status == 0 && !e.stdout.contains("mismatch"), "\(e.stdout)")
        }
        // 1 ms: block 1 is pinned to the device and needs 2.06 ms there. Proven infeasible: 3.
        let tight = dir.appendingPathComponent("tight.json").path
        #expect(
            try run(["generate", "--paper", "b-alexnet-cifar10", "--max-latency", "0.001", "--out", tight]).status == 0)
        let infeasible = try run(["solve", tight, "-m", "milp-cbc"])
        #expect(
            infeasible.status == 3 && infeasible.stdout.contains("\"status\": \"infeasible\""), "\(infeasible.stderr)")
        // Every heuristic and baseline on the paper scenario (5 ms, 0.8): status and objective.
        let expectations: [(String, Int32, String)] = [
            ("fin", 0, "fin: feasible, objective 0.085602911 J/s"),
            ("fin-exact", 0, "fin-exact: optimal, objective 0.085602911 J/s"),
            ("fin-epsilon", 0, "fin-epsilon: feasible, objective 0.085602911 J/s"),
            ("mcp", 0, "mcp: feasible, objective 0.13950394 J/s"),
            ("greedy", 0, "greedy: feasible, objective 0.085602911 J/s"),
            ("cloud-only", 0, "cloud-only: feasible, objective 0.13950394 J/s"),
            ("device-only", 4, "device-only: noSolution"),
            ("energy-lower-bound", 0, "energy-lower-bound: noSolution, bound 0.039381962"),
        ]
        for (method, status, line) in expectations {
            let r = try run(["solve", paper, "-m", method])
            // A feasible (not proven optimal) answer exits 2; the table gives 0 for "ok or feasible".
            let expected: Int32 = status == 0 && r.stderr.contains(": feasible") ? 2 : status
            #expect(r.status == expected, "\(method): \(r.status) \(r.stderr)")
            #expect(r.stderr.hasPrefix(line), "\(method): \(r.stderr)")
        }
        // Bad method and bad options.
        #expect(try run(["solve", paper, "-m", "simplex"]).status == 64)
        #expect(try run(["solve", paper, "-m", "milp-cbc", "--time-limit", "-1"]).status == 64)
        #expect(try run(["solve", paper, "-m", "fin", "--gamma", "0"]).status == 64)
        #expect(try run(["solve", dir.appendingPathComponent("none.json").path, "-m", "milp-cbc"]).status == 66)
    }

    /// An exported MPS of a medium instance, solved by the cbc and glpsol programs, gives the
    /// optimum the workbench finds in-process (scaled back to J/s).
    @Test(arguments: ["gen-standard-n50-a3", "gen-contended-n30-a4"])
    func exportedModelSolvesToTheSameOptimum(name: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let instance = root.appendingPathComponent("instances/\(name).json").path
        let mps = dir.appendingPathComponent("\(name).mps").path
        let lp = dir.appendingPathComponent("\(name).lp").path
        let exported = try run(["export", instance, "--format", "mps", "--out", mps])
        #expect(exported.status == 0)
        #expect(try run(["export", instance, "--format", "lp", "--out", lp]).status == 0)
        let scale = try #require(number(after: "multiply the model's objective by", in: exported.stderr))
        let solved = try run(["solve", instance, "-m", "milp-cbc"])
        let optimum = try #require(number(after: "objective", in: solved.stderr))
        guard let cbc = try runExternal("cbc", [mps, "solve"]),
            let glpsol = try runExternal(
                "glpsol", ["--freemps", mps, "--output", dir.appendingPathComponent("g.txt").path])
        else {
            print("skipped: the cbc and glpsol programs are not installed (Debian: coinor-cbc, glpk-utils)")
            return
        }
        #expect(cbc.output.contains("Optimal solution found"), "\(cbc.output)")
        let cbcObjective = try #require(number(after: "Objective value:", in: cbc.output), "\(cbc.output)")
        #expect(
            abs(cbcObjective * scale - optimum) <= 1e-6 * optimum, "cbc program: \(cbcObjective * scale) vs \(optimum)")
        #expect(glpsol.status == 0)
        let report = try String(contentsOfFile: dir.appendingPathComponent("g.txt").path, encoding: .utf8)
        #expect(report.contains("INTEGER OPTIMAL"), "\(report.prefix(400))")
        let glpkObjective = try #require(number(after: "obj =", in: report))
        #expect(
            abs(glpkObjective * scale - optimum) <= 1e-6 * optimum, "glpsol: \(glpkObjective * scale) vs \(optimum)")
        // The LP file too.
        let glpsolLP = try #require(
            try runExternal("glpsol", ["--lp", lp, "--output", dir.appendingPathComponent("l.txt").path]))
        #expect(glpsolLP.status == 0)
        let lpReport = try String(contentsOfFile: dir.appendingPathComponent("l.txt").path, encoding: .utf8)
        let lpObjective = try #require(number(after: "obj =", in: lpReport))
        #expect(
            abs(lpObjective * scale - optimum) <= 1e-6 * optimum, "glpsol on LP: \(lpObjective * scale) vs \(optimum)")
    }
}
