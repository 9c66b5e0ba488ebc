import FINHarness
import FINModel
import Foundation
import Testing

@Suite("Sweep files")
struct SweepTests {
    @Test func shippedSweepsParse() throws {
        let dir = root.appendingPathComponent("results/sweeps")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json")
        {
            _ = try Sweep.read(dir.appendingPathComponent(name).path)
        }
    }

    @Test func usersSweepsMakeTheJournalInstances() throws {
        let text = #"""
            {"name": "u", "users": {"series": [["b-resnet"], ["b-lenet", "b-resnet"]], "counts": [1, 3],
             "shareLevels": [0.5, 1]}, "methods": [{"method": "fin-multi", "iterations": 5, "threads": 1}]}
            """#
        let jobs = try Sweep.parse(text: text, file: "u.json").jobs()
        #expect(
            jobs.map(\.instance) == [
                "u-b-resnet-u1", "u-b-resnet-u3", "u-b-lenet+b-resnet-u1", "u-b-lenet+b-resnet-u3",
            ])
        #expect(jobs.map(\.applications) == [1, 3, 2, 6])
        #expect(jobs[0].key == "u-b-resnet-u1|fin-multi iterations=5 threads=1")
    }

    /// `resourceModel` and `targets` "authors": the authors' multi-user driver's scenario.
    @Test func usersSweepsTakeTheAuthorsSettings() throws {
        let three = #"[["b-alexnet-cifar10", "b-resnet", "b-lenet"]]"#
        let authors = try Sweep.parse(
            text: #"{"name": "a", "users": {"series": \#(three), "counts": [2], "resourceModel": "authors"}, "#
                + #""methods": [{"method": "fin-authors-multi"}]}"#, file: "a.json")
        #expect(authors.users?.resourceModel == "authors")
        #expect(authors.jobs().map(\.applications) == [6])
        let shares = try Sweep.parse(
            text: #"{"name": "s", "users": {"series": \#(three), "counts": [1], "targets": "authors", "#
                + #""shareLevels": [0.5, 1]}, "methods": [{"method": "mcp"}]}"#, file: "s.json")
        #expect(shares.users?.targets == "authors")
        for bad in [
            #"{"name": "b", "users": {"series": [["b-resnet"]], "counts": [1], "resourceModel": "authors"}, "#,
            #"{"name": "b", "users": {"series": \#(three), "counts": [1], "resourceModel": "mine"}, "#,
            #"{"name": "b", "users": {"series": \#(three), "counts": [1], "resourceModel": "authors", "#
                + #""shareLevels": [1]}, "#,
        ] {
            #expect(problems(bad + #""methods": [{"method": "mcp"}]}"#) != "accepted")
        }
    }

    /// The problems of a sweep text, or "accepted".
    func problems(_ text: String) -> String {
        do {
            _ = try Sweep.parse(text: text, file: "s.json")
            return "accepted"
        } catch { return error.description }
    }

    static let bad: [(String, String)] = [
        (#""methods": [{"method": "mcpp"}]"#, #"methods[0].method: unknown method "mcpp" (known: milp-glpk, milp-cbc"#),
        (#""methods": [{"method": "mcp"}], "bogus": 1"#, "bogus: unknown key (known: name, preset"),
        (#""methods": [{"method": "mcp"}, {"method": "mcp"}]"#, "methods[1]: duplicate method mcp"),
        (#""methods": [{"method": "milp-cbc", "timeLimitSeconds": 0}]"#, "timeLimitSeconds: expected a positive"),
        (#""methods": [{"method": "fin", "gama": 5}]"#, "methods[0].gama: fin does not take gama (it takes: gamma"),
        (#""methods": [{"method": "milp-cbc", "gamma": 5}]"#, "milp-cbc does not take gamma"),
        (#""methods": [{"method": "fin", "gamma": 1e19}]"#, "methods[0].gamma: expected a whole number"),
        (#""methods": [{"method": "fin", "order": "random"}]"#, "methods[0].order: expected heaviest-first"),
        (#""methods": [{"method": "mcp"}], "generator": {"nope": 1}"#, "generator.nope: unknown generator setting"),
        (
            #""methods": [{"method": "mcp"}], "applications": [18446744073709551616]"#,
            "applications[0]: expected a whole"
        ),
    ]

    @Test(arguments: bad) func badSweepsAreRejectedWithTheField(fragment: String, expected: String) {
        let text = #"{"name": "s", "sizes": [10], "seeds": [1], "# + fragment + "}"
        #expect(problems(text).contains(expected), "\(problems(text))")
    }

    @Test func namesSeedsAndSizes() {
        let m = #""methods": [{"method": "mcp"}]"#
        #expect(
            problems(#"{"name": "../../escape", "sizes": [10], "seeds": [1], "# + m + "}").contains("plain file name"))
        #expect(problems(#"{"name": ".hidden", "sizes": [10], "seeds": [1], "# + m + "}").contains("plain file name"))
        #expect(
            problems(#"{"name": "s", "sizes": [10], "seeds": [18446744073709551616], "# + m + "}").contains("seeds[0]"))
        #expect(
            problems(#"{"name": "s", "sizes": [10, 10], "seeds": [1], "# + m + "}").contains("sizes[1]: duplicate 10"))
        #expect(
            problems(#"{"name": "s", "sizes": [2], "seeds": [1], "# + m + "}").contains("sizes[0]: expected a whole"))
        #expect(problems(#"{"name": "s", "sizes": [10], "seeds": [9007199254740991], "# + m + "}") == "accepted")
    }
}
