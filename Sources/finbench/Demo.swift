import ArgumentParser
import FIN
import FINGenerator
import FINHarness
import FINMethods
import FINModel
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "The main job on built-in defaults: write the standard instances, validate them, and compare the exact "
            + "optimum, FIN and MCP on each.",
        discussion: """
            Writes the instances shipped in instances/ (the papers' scenario for each DNN profile and
            generated networks of 10 to 1,000 nodes) to --out-dir, reads each file back through the
            validator, then solves each with the exact MILP (CBC), FIN (gamma 50, lambda 0) and the
            latency-driven MCP baseline, and prints energies, FIN's gap to the optimum and its saving
            against MCP. `finbench demo --out-dir instances` regenerates the shipped files byte for byte.
            """)

    @Option(help: "Directory to write the instances to.") var outDir: String = "demo-output/instances"
    @Flag(help: "Only write and validate the instances.") var noSolve = false
    @Option(help: "The default sweep's file.") var sweep: String = "results/sweeps/default.json"

    func run() throws {
        let entries = try failing { try StandardInstances.all() }
        print("Writing \(entries.count) instances to \(outDir)/")
        var instances: [(String, Instance)] = []
        for entry in entries {
            let path = outDir + "/" + entry.file
            try failing { try InstanceFile.write(entry.instance, to: path) }
            let loaded = try failing { try InstanceFile.read(path) }
            print(
                "  ok  \(entry.file.padding(toLength: 30, withPad: " ", startingAt: 0)) "
                    + "\(InstanceSummary(loaded.instance).line)"
            )
            for w in loaded.warnings { print("      warning: \(w)") }
            instances.append((entry.file, loaded.instance))
        }
        try failing {
            try FileIO.writeAtomically(Array(StandardInstances.readme(entries).utf8), to: outDir + "/README.md")
        }
        print("All \(entries.count) instances valid; their list is in \(outDir)/README.md.")
        guard !noSolve else { return }

        print("\nEnergy (J/s) of the exact optimum (MILP, CBC, 60 s limit), FIN (gamma 50) and MCP:")
        print("| instance | optimum | FIN | FIN gap | MCP | FIN saving vs MCP | FIN s | MILP s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        func cell(_ s: Solution) -> String {
            s.objectiveJoulesPerSecond.map { NumberFormat.sig($0, 5) } ?? s.status.rawValue
        }
        var limit = ParameterValues()
        limit[.timeLimitSeconds] = .real(60)
        for (file, instance) in instances {
            let milp = try failing { try MethodRegistry.named("milp-cbc").solve(instance, limit) }
            let fin = try failing { try MethodRegistry.named("fin").solve(instance, ParameterValues()) }
            let mcp = try failing { try MethodRegistry.named("mcp").solve(instance, ParameterValues()) }
            var gap = "-"
            if let o = milp.objectiveJoulesPerSecond, milp.status == .optimal, let f = fin.objectiveJoulesPerSecond {
                gap = NumberFormat.percent(o > 0 ? f / o - 1 : 0)
            }
            var saving = "-"
            if let f = fin.objectiveJoulesPerSecond, let m = mcp.objectiveJoulesPerSecond, m > 0 {
                saving = NumberFormat.percent(1 - f / m)
            }
            let name = file.replacingOccurrences(of: ".json", with: "")
            let times = "\(NumberFormat.sig(fin.wallSeconds ?? 0, 2)) | \(NumberFormat.sig(milp.wallSeconds ?? 0, 2))"
            print("| \(name) | \(cell(milp)) | \(cell(fin)) | \(gap) | \(cell(mcp)) | \(saving) | \(times) |")
        }
        print(
            """

            FIN gap: energy above the optimum; saving: 1 - FIN / MCP. FIN deploys several applications one at a \
            time, so it can fail where the optimum exists (noSolution).
            """)

        // The default sweep: generated networks of 10 to 200 nodes, every method, each solve in
        // its own process; then the report.
        let sweepDirectory = URL(fileURLWithPath: outDir).deletingLastPathComponent().appendingPathComponent(
            "default-sweep")
        print("\nDefault sweep (\(sweep)) into \(sweepDirectory.path):")
        let json = try failing { try FileIO.readJSON(sweep) }
        let parsed = try failing { try Sweep.parse(json, file: sweep) }
        var runner = SweepRunner(sweep: parsed, directory: sweepDirectory, executable: Bench.executable())
        runner.jobs = 2
        try failing {
            try runner.run(manifest: Bench.manifest(json)) { done, total, _, _ in
                if done % 10 == 0 || done == total { printError("  \(done)/\(total) solves") }
            }
        }
        let path = sweepDirectory.appendingPathComponent("results.csv").path
        let records = try failing { try RunTable.read(try FileIO.readBytes(path), file: path).records }
        print(Report(records: records).markdown())
    }
}
