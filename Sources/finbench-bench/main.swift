import ArgumentParser
import FINGenerator
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINTestSupport
import Foundation

/// Benchmarks that print figures. Build and run in release mode:
///   swift run -c release finbench-bench milp
/// Timings from debug builds or unit tests mean nothing; these are the project's speed figures.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finbench-bench",
        abstract: "Release-build benchmarks of the workbench's solvers.",
        subcommands: [MILPScaling.self, Conformance.self])
}

/// Median of a non-empty list.
func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

struct MILPScaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milp",
        abstract: "Solve time of GLPK and CBC on generated single-application instances of growing size.",
        discussion: """
            For each size, `--seeds` instances of the synthetic preset (one application, a DNN of 5-10
            blocks, a meshed edge) are solved by both MILP backends with the time limit. Sizes beyond
            the list continue (doubling) while either solver still proves optimality within the limit,
            up to --max-nodes. Prints one row per size: median time, solved-to-optimality count.
            """)

    @Option(help: "Comma-separated network sizes.") var sizes: String = "10,20,50,100,200"
    @Option(help: "Instances per size.") var seeds: Int = 3
    @Option(help: "Time limit per solve, seconds.") var timeLimit: Double = 60
    @Option(help: "Keep doubling the size up to this many nodes while a solver still finishes.") var maxNodes: Int = 10_000
    @Option(help: "Generator preset.") var preset: String = "synthetic"

    func run() throws {
        var sizeList = sizes.split(separator: ",").compactMap { Int($0) }
        let solvers: [(String, any MILPSolver)] = [("glpk", GLPKSolver()), ("cbc", CBCSolver())]
        var largest: [String: Int] = [:]
        print("MILP scaling: \(preset) preset, 1 application, \(seeds) seeds per size, time limit \(timeLimit) s, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("| nodes | links | vars | rows | glpk median s | glpk optimal | cbc median s | cbc optimal | cbc/glpk |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        var i = 0
        while i < sizeList.count {
            let n = sizeList[i]
            var times: [String: [Double]] = [:]
            var optimal: [String: Int] = [:]
            var links = 0
            var vars = 0
            var rows = 0
            for seed in 1...seeds {
                var c = GeneratorConfig.preset(GeneratorConfig.Preset(rawValue: preset) ?? .synthetic)
                c.nodes = n
                c.applications = 1
                c.seed = UInt64(seed)
                let instance = try Generator.generate(c)
                links = instance.links.count
                for (name, solver) in solvers {
                    let outcome = MILPMethod.solve(instance, solver: solver, options: SolveOptions(timeLimitSeconds: timeLimit))
                    vars = outcome.variables
                    rows = outcome.constraints
                    times[name, default: []].append(outcome.solution.wallSeconds ?? .nan)
                    if outcome.solution.status == .optimal || outcome.solution.status == .infeasible { optimal[name, default: 0] += 1 }
                }
            }
            for (name, _) in solvers where optimal[name, default: 0] == seeds { largest[name] = n }
            let g = median(times["glpk"]!)
            let b = median(times["cbc"]!)
            print("| \(n) | \(links) | \(vars) | \(rows) | \(String(format: "%.3f", g)) | \(optimal["glpk", default: 0])/\(seeds) | \(String(format: "%.3f", b)) | \(optimal["cbc", default: 0])/\(seeds) | \(String(format: "%.2f", b / g)) |")
            if i == sizeList.count - 1, solvers.contains(where: { optimal[$0.0, default: 0] == seeds }), n < maxNodes {
                sizeList.append(min(n * 2, maxNodes))
            }
            i += 1
        }
        for (name, _) in solvers {
            print("largest size \(name) solved to optimality on every seed within \(timeLimit) s: \(largest[name].map(String.init) ?? "none") nodes")
        }
    }
}

struct Conformance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the solver conformance problems and a few MILP solves on both backends (for valgrind or sanitizer runs).")

    func run() throws {
        var failures = 0
        for (name, solver) in [("glpk", GLPKSolver() as any MILPSolver), ("cbc", CBCSolver())] {
            for p in ConformanceProblems.all() {
                let r = solver.solve(p.model, options: p.options)
                let ok = p.expected.contains(r.status)
                if !ok { failures += 1 }
                print("\(ok ? "ok  " : "FAIL") \(name) \(p.name): \(r.status.rawValue) \(r.objective.map { String($0) } ?? "")")
            }
            for seed in UInt64(1)...20 {
                let s = MILPMethod.solve(TinyInstances.make(seed: seed), solver: solver).solution
                if s.status == .error { failures += 1 }
                print("\(s.status == .error ? "FAIL" : "ok  ") \(name) tiny-\(seed): \(s.status.rawValue)")
            }
        }
        if let message = GLPKSolver.provokeError() { print("ok   glpk error hook: \(message)") } else { failures += 1 }
        print("\(failures == 0 ? "all passed" : "\(failures) failures")")
        if failures > 0 { throw ExitCode(1) }
    }
}
