import ArgumentParser
import FIN
import FINCommandLine
import FINEvaluator
import FINGenerator
import FINGraph
import FINHarness
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINSolverHiGHS
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
        subcommands: [
            MILPScaling.self, MILPFile.self, FINScaling.self, MultiScaling.self, Conformance.self, Configurations.self,
            Peers.self, MultiPrimal.self,
        ])
}

/// The benchmarks' instances: one application whose target needs the deepest exit.
func benchmarkInstance(nodes: Int, seed: Int, preset: GeneratorConfig.Preset, latencySlack: ClosedRange<Double>) throws
    -> Instance
{
    var c = GeneratorConfig.preset(preset)
    c.nodes = nodes
    c.applications = 1
    c.seed = UInt64(seed)
    c.targetExit = .deepest
    c.latencySlack = latencySlack
    return try Generator.generate(c)
}

/// Median of a non-empty list (`Statistics.median`, the workbench's one median).
func median(_ xs: [Double]) -> Double { Statistics.median(xs) ?? .nan }

/// The MILP backends by name, in the order the benchmarks print them.
let milpBackends: [(String, any MILPSolver)] = [("glpk", GLPKSolver()), ("cbc", CBCSolver()), ("highs", HiGHSSolver())]

/// The backends named in a comma-separated list, in `milpBackends`' order.
func selectedBackends(_ list: String) throws -> [(String, any MILPSolver)] {
    let names = Set(list.split(separator: ",").map { String($0) })
    let unknown = names.subtracting(milpBackends.map(\.0))
    guard unknown.isEmpty else { throw ValidationError("unknown solvers: \(unknown.sorted())") }
    return milpBackends.filter { names.contains($0.0) }
}

struct MILPScaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milp",
        abstract: "Solve time of the MILP backends on generated single-application instances of growing size.",
        discussion: """
            For each size, `--seeds` instances of the synthetic preset (one application, a DNN of 5-10
            blocks, a meshed edge, the deepest exit's accuracy as the target, a tight latency slack) are
            solved by each MILP backend (--solvers) with the time limit. Sizes beyond the list continue
            (doubling) while a solver still proves optimality within the limit, up to --max-nodes. Prints
            one row per size: median time, solved-to-optimality count, and each solver's time over each
            earlier one's.
            """)

    @Option(help: "Comma-separated network sizes.") var sizes: String = "10,20,50,100,200"
    @Option(help: "Instances per size.") var seeds: Int = 3
    @Option(help: "Time limit per solve, seconds.") var timeLimit: Double = 60
    @Option(help: "Keep doubling the size up to this many nodes while a solver still finishes.")
    var maxNodes: Int = 10_000
    @Option(help: "Generator preset.") var preset: String = "synthetic"
    @Option(help: "Generator latency slack, LO:HI (0: only the fastest deployment fits).")
    var latencySlack: RangeArgument = RangeArgument(argument: "0.1:0.6")!
    @Option(help: "Comma-separated MILP backends (glpk, cbc, highs).") var solvers: String = "glpk,cbc,highs"

    func run() throws {
        var sizeList = sizes.split(separator: ",").compactMap { Int($0) }
        let solvers = try selectedBackends(self.solvers)
        let names = solvers.map(\.0)
        var largest: [String: Int] = [:]
        print(
            "MILP scaling: \(preset) preset, deepest exit, latency slack \(latencySlack.range), 1 application, "
                + "\(seeds) seeds per size, time limit \(timeLimit) s, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        // Every solver's median time over every earlier solver's (cbc/glpk, highs/glpk, highs/cbc).
        let pairs = names.indices.flatMap { j in (0..<j).map { i in (i, j) } }
        let ratios = pairs.map { "\(names[$0.1])/\(names[$0.0])" }
        let header =
            ["nodes", "links", "vars", "rows"] + names.flatMap { ["\($0) median s", "\($0) optimal"] } + ratios
        print("| " + header.joined(separator: " | ") + " |")
        print("|" + String(repeating: " ---: |", count: header.count))
        var i = 0
        while i < sizeList.count {
            let n = sizeList[i]
            var times: [String: [Double]] = [:]
            var optimal: [String: Int] = [:]
            var links = 0
            var vars = 0
            var rows = 0
            for seed in 1...seeds {
                let instance = try benchmarkInstance(
                    nodes: n, seed: seed, preset: GeneratorConfig.Preset(rawValue: preset) ?? .synthetic,
                    latencySlack: latencySlack.range)
                links = instance.links.count
                for (name, solver) in solvers {
                    let options = SolveOptions(timeLimitSeconds: timeLimit)
                    let outcome = MILPMethod.solve(instance, solver: solver, options: options)
                    vars = outcome.variables
                    rows = outcome.constraints
                    times[name, default: []].append(outcome.solution.wallSeconds ?? .nan)
                    let status = outcome.solution.status
                    if status == .optimal || status == .infeasible { optimal[name, default: 0] += 1 }
                }
            }
            for name in names where optimal[name, default: 0] == seeds { largest[name] = n }
            let medians = names.map { median(times[$0]!) }
            var cells = ["\(n)", "\(links)", "\(vars)", "\(rows)"]
            for (name, t) in zip(names, medians) {
                cells += [String(format: "%.3f", t), "\(optimal[name, default: 0])/\(seeds)"]
            }
            cells += pairs.map { String(format: "%.2f", medians[$0.1] / medians[$0.0]) }
            print("| " + cells.joined(separator: " | ") + " |")
            if i == sizeList.count - 1, names.contains(where: { optimal[$0, default: 0] == seeds }), n < maxNodes {
                sizeList.append(min(n * 2, maxNodes))
            }
            i += 1
        }
        for name in names {
            print(
                "largest size \(name) solved to optimality on every seed within \(timeLimit) s: "
                    + "\(largest[name].map(String.init) ?? "none") nodes")
        }
    }
}

struct MILPFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milp-file",
        abstract: "Solve one instance file's MILP with each backend; print times, status, objective.")

    @Argument(help: "A fin-instance/1 file.") var instance: String
    @Option(help: "Comma-separated MILP backends (glpk, cbc, highs).") var solvers: String = "glpk,cbc,highs"
    @Option(help: "Time limit per solve, seconds.") var timeLimit: Double = 600
    @Option(help: "Solver threads.") var threads: Int = 1

    func run() throws {
        let loaded: InstanceFile.Loaded
        do { loaded = try InstanceFile.read(instance) } catch { throw ValidationError("\(error)") }
        print("| solver | status | total s | solver s | objective J/s | gap | vars | rows |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (name, solver) in try selectedBackends(solvers) {
            let options = SolveOptions(timeLimitSeconds: timeLimit, threads: threads)
            let outcome = MILPMethod.solve(loaded.instance, solver: solver, options: options)
            let s = outcome.solution
            let cells = [
                "milp-\(name) (\(outcome.result.solver))", s.status.rawValue,
                String(format: "%.3f", s.wallSeconds ?? .nan), String(format: "%.3f", outcome.result.wallSeconds),
                s.objectiveJoulesPerSecond.map { String(format: "%.12g", $0) } ?? "-",
                s.gap.map { String(format: "%.2e", $0) } ?? "-", "\(outcome.variables)", "\(outcome.constraints)",
            ]
            print("| " + cells.joined(separator: " | ") + " |")
        }
    }
}

struct Conformance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the conformance problems and a few MILP solves on each backend (for valgrind or sanitizers).")

    @Option(help: "Comma-separated MILP backends (glpk, cbc, highs).") var solvers: String = "glpk,cbc,highs"
    @Option(help: "Solver threads.") var threads: Int = 1

    func run() throws {
        var failures = 0
        for (name, solver) in try selectedBackends(solvers) {
            for p in ConformanceProblems.all() {
                var options = p.options
                options.threads = threads
                let r = solver.solve(p.model, options: options)
                let ok = p.expected.contains(r.status)
                if !ok { failures += 1 }
                let objective = r.objective.map { String($0) } ?? ""
                print(
                    "\(ok ? "ok  " : "FAIL") \(name) \(p.name): \(r.status.rawValue) \(objective) "
                        + String(format: "%.3f s", r.wallSeconds) + " [\(r.rawStatus)]")
            }
            for seed in UInt64(1)...20 {
                let options = SolveOptions(threads: threads)
                let s = MILPMethod.solve(TinyInstances.make(seed: seed), solver: solver, options: options).solution
                if s.status == .error { failures += 1 }
                print("\(s.status == .error ? "FAIL" : "ok  ") \(name) tiny-\(seed): \(s.status.rawValue)")
            }
        }
        if solvers.contains("glpk") {
            if let message = GLPKSolver.provokeError() {
                print("ok   glpk error hook: \(message)")
            } else {
                failures += 1
            }
        }
        print("\(failures == 0 ? "all passed" : "\(failures) failures")")
        if failures > 0 { throw ExitCode(1) }
    }
}

/// Seconds taken by `body`, and its result.
func timed<T>(_ body: () -> T) -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let r = body()
    return (r, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

struct FINScaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fin",
        abstract:
            "FIN, FIN-exact, FIN-epsilon and MCP against a plain Dijkstra on the same graph, and against the MILP.",
        discussion: """
            Generated single-application instances (synthetic preset: DNNs of 5-10 blocks, meshed edge;
            the deepest exit's accuracy as the target, so every block runs; latency slack 0.1-0.6).
            For each size and seed: the expanded graph is built once; a plain Dijkstra (least energy,
            bound ignored) and every search run on it; times are medians over --repeats runs. The MILP
            solvers run with --milp-time-limit where the network has at most --milp-max-nodes nodes.
            """)

    @Option(help: "Comma-separated network sizes.") var sizes: String = "100,1000,10000"
    @Option(help: "Instances per size.") var seeds: Int = 3
    @Option(help: "Timing repeats per search (median).") var repeats: Int = 5
    @Option(help: "Comma-separated gamma values for FIN.") var gammas: String = "10,50,100"
    @Option(help: "Time limit of the MILP solves, seconds.") var milpTimeLimit: Double = 60
    @Option(help: "Largest network the MILP solvers are run on.") var milpMaxNodes: Int = 10_000
    @Option(help: "Generator latency slack, LO:HI (0: only the fastest deployment fits).") var latencySlack:
        RangeArgument = RangeArgument(argument: "0.1:0.6")!

    func run() throws {
        let gammaList = gammas.split(separator: ",").compactMap { Int($0) }
        var variants: [(String, FINMethod.Variant)] = gammaList.map { ("fin γ=\($0)", .fin(gamma: $0, lambda: 0)) }
        variants += [
            ("fin γ=50 λ=2", .fin(gamma: 50, lambda: 2)), ("fin-exact", .exact), ("fin-epsilon 0.1", .epsilon(0.1)),
            ("mcp", .minimumLatency),
        ]
        print(
            "FIN scaling: synthetic preset, deepest exit, latency slack \(latencySlack.range), 1 application, \(seeds) "
                + "seeds per size, median of \(repeats) runs, release build, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        for n in sizes.split(separator: ",").compactMap({ Int($0) }) {
            var rows: [String: [Double]] = [:]
            var ratio: [String: [Double]] = [:]
            var gap: [String: [Double]] = [:]
            var build: [Double] = []
            var dijkstra: [Double] = []
            var fullDijkstra: [Double] = []
            var ratioFull: [String: [Double]] = [:]
            var graphSize = ""
            var milp: [String: [Double]] = [:]
            var milpUnsolved: [String: Int] = [:]
            var speedup: [Double] = []
            var skipped = 0
            var used = 0
            var seed = 0
            while used < seeds && seed < 10 * seeds {
                seed += 1
                let instance = try benchmarkInstance(
                    nodes: n, seed: seed, preset: .synthetic, latencySlack: latencySlack.range)
                let index = NetworkIndex(instance)
                let capacities = Capacities(index)
                let (graph, b) = timed { ExpandedGraph(index, application: 0, capacities: capacities) }
                // Only feasible instances: on an infeasible one every search stops at once.
                guard FINMethod.search(graph, variant: .exact, capacities: capacities) != nil else {
                    skipped += 1
                    continue
                }
                used += 1
                build.append(b)
                graphSize =
                    "\(graph.vertexCount) vertices, \(graph.edgeCount) edges, \(instance.models[0].blocks.count) "
                    + "blocks"
                let d = median((0..<repeats).map { _ in timed { graph.shortestPath(weight: \.energy) }.1 })
                dijkstra.append(d)
                let full = median(
                    (0..<repeats).map { _ in timed { graph.shortestPaths(from: graph.source, weight: \.energy) }.1 })
                fullDijkstra.append(full)
                let optimum = FINMethod.search(graph, variant: .exact, capacities: capacities).map {
                    Evaluator(instance).evaluate($0.deployment).objectiveJoulesPerSecond
                }
                var exactTime = 0.0
                for (name, v) in variants {
                    var answer: FINMethod.Single?
                    let t = median(
                        (0..<repeats).map { _ in
                            let (r, s) = timed { FINMethod.search(graph, variant: v, capacities: capacities) }
                            answer = r
                            return s
                        })
                    rows[name, default: []].append(t)
                    ratio[name, default: []].append(t / d)
                    ratioFull[name, default: []].append(t / full)
                    if name == "fin-exact" { exactTime = t + b }
                    if let optimum, let a = answer {
                        gap[name, default: []].append(
                            Evaluator(instance).evaluate(a.deployment).objectiveJoulesPerSecond / optimum - 1)
                    }
                }
                if n <= milpMaxNodes {
                    for (name, solver) in [("glpk", GLPKSolver() as any MILPSolver), ("cbc", CBCSolver())] {
                        let o = MILPMethod.solve(
                            instance, solver: solver, options: SolveOptions(timeLimitSeconds: milpTimeLimit))
                        if o.solution.status == .optimal || o.solution.status == .infeasible {
                            milp[name, default: []].append(o.solution.wallSeconds ?? .nan)
                            if name == "cbc" { speedup.append((o.solution.wallSeconds ?? .nan) / exactTime) }
                        } else {
                            milpUnsolved[name, default: 0] += 1
                        }
                    }
                }
            }
            print(
                "\n\(n) nodes, \(used) feasible instances (\(skipped) infeasible seeds skipped) (\(graphSize) for the "
                    + "last one); graph build \(String(format: "%.4f", median(build))) s; plain Dijkstra (least "
                    + "energy, bound ignored) to the sink \(String(format: "%.6f", median(dijkstra))) s, over all "
                    + "vertices \(String(format: "%.6f", median(fullDijkstra))) s"
            )
            print(
                "| method | search s (median) | x Dijkstra to sink | x full Dijkstra | build + search s | energy above "
                    + "optimum (max) |"
            )
            print("| --- | ---: | ---: | ---: | ---: | ---: |")
            for (name, _) in variants {
                let t = median(rows[name]!)
                let g = gap[name].map { String(format: "%.2f%%", ($0.max() ?? 0) * 100) } ?? "n/a"
                print(
                    "| \(name) | \(String(format: "%.5f", t)) | \(String(format: "%.1f", median(ratio[name]!))) | "
                        + "\(String(format: "%.1f", median(ratioFull[name]!))) | "
                        + "\(String(format: "%.4f", t + median(build))) | \(g) |"
                )
            }
            for name in ["glpk", "cbc"] {
                if let m = milp[name], !m.isEmpty {
                    print(
                        "| milp-\(name) (build + solve, proven runs) | | | | \(String(format: "%.4f", median(m))) | "
                            + "optimal on \(m.count)/\(used); \(milpUnsolved[name, default: 0]) not proven in "
                            + "\(milpTimeLimit) s |"
                    )
                } else if n <= milpMaxNodes {
                    print("| milp-\(name) | | | | not optimal within \(milpTimeLimit) s | |")
                }
            }
            if !speedup.isEmpty {
                print(
                    "FIN-exact (build + search) is \(String(format: "%.0f", median(speedup)))x faster than CBC (median "
                        + "over the \(speedup.count) instances CBC proved; min "
                        + "\(String(format: "%.0f", speedup.min()!))x)"
                )
            }
        }
    }
}

struct MultiScaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multi",
        abstract: "Many applications on large networks: each method's time and its certified gap.",
        discussion: """
            For each number of nodes and of applications, `--seeds` instances of the synthetic preset \
            made contended: rates of --rate (50-200) inferences/s, memory scaled by --memory-scale \
            (0.05), the deepest exit required, latency slack 0.3-1.0. Where applications outnumber \
            half the nodes, the density d = 2 x applications / nodes divides the rates and \
            multiplies the memory scale, so that the network is about as crowded as with one \
            application per two nodes (without it, 100 applications on 100 nodes cannot all be \
            placed for lack of memory, and 500 on 100 nodes are infeasible even for the LP \
            relaxation for lack of compute and bandwidth). The \
            generator sometimes makes an application that cannot be deployed even alone (the \
            instance is then trivially infeasible); such seeds are skipped (and named) and the next \
            seed is tried.

            Methods: sequential FIN-exact and FIN (heaviest first), MCP, fin-multi (time limit), \
            and, where the MILP has at most --milp-max-variables variables, CBC's LP relaxation and \
            the MILP (time limit). The certified gap of an answer is energy / best lower bound - 1, \
            the best bound being the largest of fin-multi's Lagrangian bound, the LP relaxation and \
            the MILP's dual bound: a proven limit on how far above the optimum the answer is.
            """)

    @Option(help: "Comma-separated network sizes.") var sizes: String = "100,1000,5000"
    @Option(help: "Comma-separated numbers of applications.") var applications: String = "10,100,500"
    @Option(help: "Instances per cell.") var seeds: Int = 1
    @Option(help: "fin-multi's time limit, seconds.") var timeLimit: Double = 60
    @Option(help: "The MILP's and the LP's time limit, seconds.") var milpTimeLimit: Double = 60
    @Option(help: "Skip the MILP and the LP above this many variables.") var milpMaxVariables: Int = 2_000_000
    @Option(
        help: ArgumentHelp(
            "Generator rate range, LO:HI inferences/s (divided by the density where applications outnumber half the "
                + "nodes).")
    ) var rate: RangeArgument = RangeArgument(argument: "50:200")!
    @Option(help: "Generator memory scale (times the density where applications outnumber half the nodes).")
    var memoryScale: Double = 0.05

    func run() throws {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        print(
            "Several applications: synthetic preset, rate \(rate.range)/s, memory x\(memoryScale), both scaled by the "
                + "density d = max(1, 2 apps / nodes), deepest exit, latency slack 0.3-1.0; fin-multi limit "
                + "\(timeLimit) s, MILP/LP limit \(milpTimeLimit) s, \(threads) cores"
        )
        print(
            "| nodes | apps | density | seed | graph edges | method | seconds | energy J/s | bound J/s | certified gap "
                + "|"
        )
        print("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
        func num(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "-" }
        for n in sizes.split(separator: ",").compactMap({ Int($0) }) {
            for a in applications.split(separator: ",").compactMap({ Int($0) }) {
                var seed = 0
                var used = 0
                while used < seeds && seed < seeds + 20 {
                    seed += 1
                    var c = GeneratorConfig.preset(.synthetic)
                    c.nodes = n
                    c.applications = a
                    c.seed = UInt64(seed)
                    c.targetExit = .deepest
                    c.latencySlack = 0.3...1.0
                    let density = max(1, 2 * Double(a) / Double(n))
                    c.rate = (rate.range.lowerBound / density)...(rate.range.upperBound / density)
                    c.memoryScale = memoryScale * density
                    let instance = try Generator.generate(c)
                    let index = NetworkIndex(instance)
                    if let lonely = instance.applications.indices.first(where: {
                        FINMethod.solveSingle(index, application: $0, variant: .exact) == nil
                    }) {
                        print(
                            "|  |  |  |  |  | \(n) nodes, \(a) applications, seed \(seed): skipped, "
                                + "\(instance.applications[lonely].id) cannot be deployed even alone |  |  |  |  |"
                        )
                        continue
                    }
                    used += 1
                    var rows: [(String, Solution)] = []
                    for (name, variant) in [
                        ("fin-exact (sequential)", FINMethod.Variant.exact),
                        ("fin γ=50 (sequential)", .fin(gamma: 50, lambda: 0)), ("mcp", .minimumLatency),
                    ] {
                        rows.append((name, FINMethod.solve(instance, variant: variant)))
                    }
                    var options = MultiApplication.Options()
                    options.timeLimitSeconds = timeLimit
                    options.threads = threads
                    let multi = MultiApplication.solve(instance, options: options)
                    rows.append(("fin-multi", multi))
                    let edges = Int(multi.info["graphEdges"]?.numberValue ?? 0)
                    var skipped = ""
                    if edges <= milpMaxVariables {
                        rows.append(
                            (
                                "lp-cbc",
                                LPBound.solve(
                                    instance, solver: CBCSolver(),
                                    options: SolveOptions(timeLimitSeconds: milpTimeLimit))
                            ))
                        rows.append(
                            (
                                "milp-cbc",
                                MILPMethod.solve(
                                    instance, solver: CBCSolver(),
                                    options: SolveOptions(timeLimitSeconds: milpTimeLimit)
                                ).solution
                            ))
                    } else {
                        skipped = " (MILP and LP not run: \(edges) > \(milpMaxVariables) variables)"
                    }
                    let best = rows.compactMap { $0.1.status == .error ? nil : $0.1.boundJoulesPerSecond }.max()
                    for (name, s) in rows {
                        let energy = s.status == .feasible || s.status == .optimal ? s.objectiveJoulesPerSecond : nil
                        var gap = "-"
                        if let e = energy, let b = best, b > 0 {
                            gap = String(format: "%.2f%%", max(0, e / b - 1) * 100)
                        }
                        let note = energy == nil ? " (\(s.status.rawValue))" : ""
                        print(
                            "| \(n) | \(a) | \(num(density)) | \(seed) | \(edges) | \(name)\(note) | "
                                + "\(String(format: "%.3f", s.wallSeconds ?? .nan)) | \(num(energy)) | "
                                + "\(num(s.boundJoulesPerSecond)) | \(gap) |"
                        )
                    }
                    if let seq = multi.info["sequentialObjectives"]?.objectValue {
                        let text = seq.keys.sorted().map { "\($0) \(num(seq[$0]?.numberValue))" }.joined(
                            separator: ", ")
                        print(
                            "|  |  |  |  |  | sequential FIN-exact by order: \(text); fin-multi "
                                + "\(Int(multi.info["iterations"]?.numberValue ?? 0)) iterations\(skipped) |  |  |  |  "
                                + "|"
                        )
                    }
                }
            }
        }
    }
}

/// The configuration space of the papers' 3-tier scenario: every deployment of one application
/// (the host tier of each block up to the final exit, and the final exit), scored by the
/// evaluator. Energy, latency and accuracy do not depend on the bound or the target, so one
/// table per profile serves every cell of the papers' grid.
struct Configurations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "configurations",
        abstract: "Every deployment of the papers' scenario, scored by the evaluator, as CSV.",
        discussion: """
            For each profile, block 1 on the device (the papers pin it), every later block up to each \
            exit on the device, the edge or the cloud. The scenario's links go upward only (device -> \
            edge, device -> cloud, edge -> cloud), so a block on a lower tier than its predecessor has \
            no link and is not a deployment; the table lists the others (1 + 6 + 15 for B-AlexNet). \
            Columns: profile, configuration (the authors' notation, e.g. 13333|e3: 1 device, 2 edge, \
            3 cloud per block, then the exit), exitAfterBlock, energyJoules, computeEnergyJoules, \
            communicationEnergyJoules, latencySeconds, accuracy (the evaluator's, per inference).
            """)

    @Option(help: "Comma-separated profile ids.") var profiles: String = "b-alexnet-cifar10,b-alexnet-cifar100"
    @Option(help: "Output CSV (stdout when omitted).") var out: String?

    func run() throws {
        var lines = [
            "profile,configuration,exitAfterBlock,energyJoules,computeEnergyJoules,communicationEnergyJoules,"
                + "latencySeconds,accuracy"
        ]
        for id in profiles.split(separator: ",").map(String.init) {
            guard let profile = DNNProfiles.named(id) else { throw ValidationError("unknown profile \(id)") }
            lines += try Self.rows(profile)
        }
        let text = lines.joined(separator: "\n") + "\n"
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: "")
        }
    }

    /// The scored rows of one profile, by exit then by tiers in lexicographic order.
    static func rows(_ profile: DNNProfile) throws -> [String] {
        let instance = PaperScenario.instance(profile: profile)
        let evaluator = Evaluator(instance)
        let app = instance.applications[0]
        let tiers = ["device", "edge", "cloud"]
        let blocks = profile.model.blocks.count
        var out: [String] = []
        for (e, exit) in profile.model.exits.enumerated() {
            for codes in nonDecreasing(length: exit.afterBlock - 1, from: 1) {
                let hostCodes = [1] + codes
                let hosts = hostCodes.map { tiers[$0 - 1] }
                var transfers: [Transfer] = []
                for k in 1..<hosts.count where hosts[k] != hosts[k - 1] {
                    transfers.append(Transfer(afterBlock: k, path: [hosts[k - 1], hosts[k]]))
                }
                let d = Deployment(
                    application: app.id, exitAfterBlock: exit.afterBlock, hosts: hosts, transfers: transfers)
                guard let s = evaluator.evaluate(d).deployments.first?.scores else {
                    throw ValidationError("\(profile.id): deployment \(hostCodes) cannot be scored")
                }
                let padding = String(repeating: "0", count: blocks - hostCodes.count)
                let name = hostCodes.map(String.init).joined() + padding + "|e\(e + 1)"
                let figures = [
                    s.energyJoules, s.computeEnergyJoules, s.communicationEnergyJoules, s.latencySeconds, s.accuracy,
                ]
                out.append(
                    ([profile.id, name, String(exit.afterBlock)] + figures.map { JSONWriter.formatNumber($0) })
                        .joined(separator: ","))
            }
        }
        return out
    }

    /// Every non-decreasing sequence of tier codes (1...3) of this length starting at `from`.
    static func nonDecreasing(length: Int, from: Int) -> [[Int]] {
        guard length > 0 else { return [[]] }
        return (from...3).flatMap { first in nonDecreasing(length: length - 1, from: first).map { [first] + $0 } }
    }
}

/// Every exact and heuristic method on the same instances, each solve a child `finbench solve`
/// process (one thread), with its time, peak resident memory from the operating system, status
/// and certified gap (objective / the best bound any method proved on the instance - 1), and the
/// ratio of its time to the fastest exact method that proved the optimum.
struct Peers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "Time, peak memory, status and certified gap of every method on the same instances.")

    @Option(help: "Time limit per solve, seconds.") var timeLimit: Double = 60
    @Option(
        help: ArgumentHelp(
            "Instance groups: single (1 application, 1,000 to 10,000 nodes), apps (200 nodes x 20 to 100 "
                + "applications), contended (500 contended nodes x 20 to 200), large (1,000 to 10,000 nodes x 100 "
                + "to 1,000)."))
    var groups: String = "single,apps,contended,large"
    @Option(help: "Methods, comma-separated.")
    var methods: String = "milp-cbc,milp-highs,milp-glpk,fin-multi,fin-exact,fin,mcp"
    @Option(help: "The MILPs are not run on instances whose expanded graphs have more edges (variables) in all.")
    var milpMaxVariables: Int = 2_000_000
    @Option(help: "The finbench executable (default: next to this one).") var finbench: String?
    @Option(help: "Where the instances and solutions go.") var workDirectory: String = "/tmp/finbench-peers"

    /// (label, nodes, applications, contended)
    static let sets: [String: [(String, Int, Int, Bool)]] = [
        "single": [1000, 2000, 5000, 10000].map { ("1 app, \(grouped($0)) nodes", $0, 1, false) },
        "apps": [20, 50, 100].map { ("200 nodes x \($0) apps", 200, $0, false) },
        "contended": [20, 50, 100, 200].map { ("500 contended x \($0) apps", 500, $0, true) },
        "large": [(1000, 100), (5000, 500), (10000, 1000)].map {
            ("\(grouped($0.0)) nodes x \(grouped($0.1)) apps", $0.0, $0.1, false)
        },
    ]

    /// 10000 -> "10,000".
    static func grouped(_ n: Int) -> String {
        n >= 1000 ? "\(n / 1000),\(String(format: "%03d", n % 1000))" : "\(n)"
    }

    func run() throws {
        let exe =
            finbench ?? Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("finbench").path
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let names = methods.split(separator: ",").map(String.init)
        print(
            "Peers: every method as a child `finbench solve`, one thread, time limit \(timeLimit) s, "
                + "peak resident memory from wait4 (ru_maxrss), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("| instance | method | seconds | x fastest exact | peak MB | status | energy J/s | certified gap |")
        print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |")
        for group in groups.split(separator: ",").map(String.init) {
            for (label, nodes, apps, contended) in Self.sets[group] ?? [] {
                var c = GeneratorConfig.preset(.scaling)
                c.nodes = nodes
                c.applications = apps
                c.seed = 1
                c.targetExit = .deepest
                c.latencySlack = 0.1...0.6
                if contended {
                    c.rate = 50...200
                    c.memoryScale = 0.05
                }
                let instance = try Generator.generate(c)
                let path = "\(workDirectory)/peers-n\(nodes)-a\(apps).json"
                try InstanceFile.write(instance, to: path)
                let index = NetworkIndex(instance)
                let variables = instance.applications.indices.reduce(0) {
                    $0 + ExpandedGraph(index, application: $1, levels: instance.shareLevels ?? [1]).edgeCount
                }
                var rows: [(String, Double, Int?, Bool, Solution?)] = []
                var notRun: [String] = []
                for m in names {
                    if m.hasPrefix("milp-") && variables > milpMaxVariables {
                        notRun.append("| \(label) | \(m) | - | - | - | not run: \(variables) variables | - | - |")
                        continue
                    }
                    let out = "\(workDirectory)/peers-n\(nodes)-a\(apps)-\(m).json"
                    try? FileManager.default.removeItem(atPath: out)
                    var args = ["solve", path, "--method", m, "--out", out]
                    if ["milp-cbc", "milp-highs", "milp-glpk", "fin-multi"].contains(m) {
                        args += ["--time-limit", JSONWriter.formatNumber(timeLimit)]
                    }
                    if ["milp-cbc", "milp-highs", "fin-multi"].contains(m) { args += ["--threads", "1"] }
                    let r = ChildProcess.run(exe, args, captureOutput: false, hardLimitSeconds: timeLimit + 60)
                    let solution = try? SolutionFile.read(out)
                    rows.append((m, r.wallSeconds, r.peakResidentBytes, r.peakResidentIsBound, solution))
                }
                let bound = rows.compactMap { $0.4?.status == .error ? nil : $0.4?.boundJoulesPerSecond }.max()
                let fastestExact = rows.filter { $0.0.hasPrefix("milp-") && $0.4?.status == .optimal }.map(\.1).min()
                for (m, seconds, peak, atMost, s) in rows {
                    let ratio = fastestExact.map { String(format: "%.2f", seconds / $0) } ?? "-"
                    let energy = s?.objectiveJoulesPerSecond.map { NumberFormat.sig($0, 6) } ?? "-"
                    var certified = "-"
                    if let o = s?.objectiveJoulesPerSecond, let b = bound, b > 0 {
                        certified = NumberFormat.percent(max(0, o / b - 1))
                    }
                    // "<= N": the child's peak is no more than this process's own (see ChildProcess).
                    let mb = peak.map { (atMost ? "<= " : "") + String(format: "%.0f", Double($0) / 1_048_576) } ?? "-"
                    let cells = [
                        label, m, String(format: "%.3f", seconds), ratio, mb, s?.status.rawValue ?? "none",
                        energy, certified,
                    ]
                    print("| " + cells.joined(separator: " | ") + " |")
                }
                for line in notRun { print(line) }
            }
        }
    }
}

/// What each part of `fin-multi`'s primal side earns: the Lagrangian method alone (sequential
/// starts, repair, rip-up and reroute), with the restricted master problem over the generated
/// paths (one share vector per path: the one-at-a-time settling), and with every minimal share
/// vector as a column (the shares settled jointly and exactly by the master).
struct MultiPrimal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multi-primal",
        abstract: "fin-multi's primal parts on instance files: energy, bound, time per configuration.",
        discussion: """
            Runs MultiApplication (not the portfolio: no MILP fallback) on each instance in three \
            configurations, one thread, the same time limit: `lagrangian` (no master problem), `master-1` \
            (master problem, one share vector per path), `master` (every minimal share vector, at most \
            --share-variants per path). Prints one row per instance and a summary: instances where a \
            configuration's answer is better than `lagrangian`'s (relative 1e-9), the share of \
            `lagrangian`'s certified gap it closes (mean over the instances where that gap is positive), \
            instances answered, and the median and largest wall time.
            """)

    @Argument(help: "Instance files.") var instances: [String]
    @Option(help: "Time limit per run, seconds.") var timeLimit: Double = 5
    @Option(help: "Minimal share vectors per path in the `master` configuration.") var shareVariants: Int = 8
    @Option(help: "The master problem's solver: highs or cbc.") var solver: String = "highs"

    func run() throws {
        let master: any MILPSolver
        switch solver {
        case "highs": master = HiGHSSolver()
        case "cbc": master = CBCSolver()
        default: throw ValidationError("unknown solver \(solver)")
        }
        let configurations: [(String, Int?)] = [("lagrangian", nil), ("master-1", 1), ("master", shareVariants)]
        print("fin-multi's primal parts, time limit \(timeLimit) s, one thread, master solver \(master.name)")
        print("| instance | configuration | status | energy J/s | bound J/s | certified gap | seconds | master |")
        print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
        func num(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "-" }
        var better = [Int](repeating: 0, count: configurations.count)
        var answered = better
        var closed = [[Double]](repeating: [], count: configurations.count)
        var times = [[Double]](repeating: [], count: configurations.count)
        for path in instances {
            let instance: Instance
            do { instance = try InstanceFile.read(path).instance } catch { throw ValidationError("\(error)") }
            var base: Solution?
            for (k, (name, variants)) in configurations.enumerated() {
                var options = MultiApplication.Options()
                options.timeLimitSeconds = timeLimit
                options.threads = 1
                if let variants {
                    options.master = master
                    options.shareVariants = variants
                }
                let s = MultiApplication.solve(instance, options: options)
                times[k].append(s.wallSeconds ?? .nan)
                let o = s.status == .optimal || s.status == .feasible ? s.objectiveJoulesPerSecond : nil
                if o != nil { answered[k] += 1 }
                if k == 0 { base = s }
                let b0 = base?.objectiveJoulesPerSecond
                if k > 0, let o {
                    if b0 == nil || o < b0! * (1 - 1e-9) { better[k] += 1 }
                    if let b0, let bound = base?.boundJoulesPerSecond, b0 - bound > 1e-9 * b0 {
                        closed[k].append(max(0, (b0 - o) / (b0 - bound)))
                    }
                }
                let certified = Solution.relativeGap(objective: o, bound: s.boundJoulesPerSecond)
                let said = ["masterSolves", "masterImprovements", "masterColumns"].map {
                    "\(Int(s.info[$0]?.numberValue ?? 0))"
                }
                print(
                    "| \(instance.name) | \(name) | \(s.status.rawValue) | \(num(o)) | "
                        + "\(num(s.boundJoulesPerSecond)) | "
                        + "\(certified.map { String(format: "%.3f%%", $0 * 100) } ?? "-") | "
                        + "\(String(format: "%.2f", s.wallSeconds ?? .nan)) | "
                        + "\(k == 0 ? "-" : said.joined(separator: "/")) |"
                )
            }
        }
        print("")
        print("| configuration | answered | better than lagrangian | certified gap closed, mean | median s | max s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for (k, (name, _)) in configurations.enumerated() {
            let mean = closed[k].isEmpty ? Double.nan : closed[k].reduce(0, +) / Double(closed[k].count)
            print(
                "| \(name) | \(answered[k]) / \(instances.count) | \(k == 0 ? "-" : String(better[k])) | "
                    + "\(k == 0 ? "-" : String(format: "%.1f%% of %d", mean * 100, closed[k].count)) | "
                    + "\(String(format: "%.2f", median(times[k]))) | "
                    + "\(String(format: "%.2f", times[k].max() ?? .nan)) |"
            )
        }
    }
}
