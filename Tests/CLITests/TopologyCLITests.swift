import FINHarness
import FINModel
import Foundation
import Testing

@Suite("finbench generate --topology, draw, topology sweeps", .serialized)
struct TopologyCLITests {
    static let square = """
        {"nodes": [{"id": 0, "pos": [10, 50]}, {"id": 1, "pos": [11, 50]}, {"id": 2, "pos": [11, 51]},
                   {"id": 3, "pos": [10, 51]}],
         "links": [{"source": 0, "target": 1, "dist": 80}, {"source": 1, "target": 2}, {"source": 2, "target": 3},
                   {"source": 3, "target": 0}]}
        """

    @Test func generateDrawAndBadFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let topo = dir.appendingPathComponent("square.json").path
        try Self.square.write(toFile: topo, atomically: true, encoding: .utf8)
        let inst = dir.appendingPathComponent("inst.json").path
        let g = try run(["generate", "--topology", topo, "--applications", "3", "--clouds", "2", "--out", inst])
        #expect(g.status == 0, "\(g.stderr)")
        let again = try run(["generate", "--topology", topo, "--applications", "3", "--clouds", "2"])
        #expect(again.stdout == (try String(contentsOfFile: inst, encoding: .utf8)))
        #expect(try run(["validate", inst]).status == 0)
        let sol = dir.appendingPathComponent("sol.json").path
        #expect([0, 2].contains(try run(["solve", inst, "-m", "fin-exact", "--out", sol]).status))
        let svg = dir.appendingPathComponent("out.svg").path
        let d = try run(["draw", inst, sol, "--out", svg])
        #expect(d.status == 0, "\(d.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains("geographic positions"))

        let bad = dir.appendingPathComponent("bad.json").path
        try #"{"nodes": [{"id": 0}, {"id": 1}], "links": [{"source": 0, "target": 5}]}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try run(["generate", "--topology", bad])
        #expect(r.status == 65 && r.stderr.contains("link 0 names unknown node \"5\""), "\(r.stderr)")
        #expect(try run(["generate", "--topology", dir.appendingPathComponent("none.json").path]).status == 66)
        #expect(try run(["generate", "--topology", topo, "--nodes", "5"]).status == 64)
        #expect(try run(["generate", "--clouds", "2"]).status == 64)
    }

    @Test func topologySweep() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let topo = dir.appendingPathComponent("square.json").path
        try Self.square.write(toFile: topo, atomically: true, encoding: .utf8)
        let sweep = dir.appendingPathComponent("sweep.json").path
        func write(_ files: String) throws {
            try """
            {"name": "t", "topologies": {"files": [\(files)], "clouds": 1}, "applications": [1, 2], "seeds": [1],
             "methods": [{"method": "fin-exact"}, {"method": "mcp"}]}
            """.write(toFile: sweep, atomically: true, encoding: .utf8)
        }
        try write("\"\(topo)\"")
        let jobs = try Sweep.read(sweep).jobs()
        #expect(jobs.map(\.instance) == ["t-square-a1-s1", "t-square-a1-s1", "t-square-a2-s1", "t-square-a2-s1"])
        let out = dir.appendingPathComponent("out")
        let r = try run(["bench", sweep, "--out-dir", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try RunTable.load(out.appendingPathComponent("runs.csv").path)
        #expect(rows.count == 4 && rows.allSatisfy { $0.preset == "topology" && $0.nodes > 4 })

        // A missing file stops the run before anything is written.
        try write("\"\(dir.appendingPathComponent("missing.json").path)\"")
        let out2 = dir.appendingPathComponent("out2")
        let missing = try run(["bench", sweep, "--out-dir", out2.path])
        #expect(missing.status == 65, "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out2.path))
        // Two files with one name stem are refused when the sweep is read.
        try write("\"a/x.json\", \"b/x.json\"")
        #expect(throws: InputError.self) { try Sweep.read(sweep) }
    }
}
