import ArgumentParser
import Foundation
import FIN
import FINLinear
import FINMILP
import FINModel

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an instance and write a fin-solution/1 file (standard output without --out).",
        discussion: """
            Methods: \(Methods.all.map { "\n  \($0.name): \($0.summary)" }.joined())

            Every solution is re-scored by the evaluator before it is written; for the MILP methods a
            disagreement between the formulation's objective and the evaluator's beyond 1e-9 relative
            is reported as an error. The gap is computed by the workbench from the objective and the
            solver's best bound.

            Exit status: 0 optimal; 2 feasible, optimality not proven (time limit); 3 proven
            infeasible; 4 no solution found (time limit); 70 solver failure; 65/66 bad input.
            A summary line goes to standard error.
            """)

    @Argument(help: "Instance file.") var instance: String
    @Option(name: .shortAndLong, help: "Method: \(Methods.names).") var method: String
    @Option(help: "Wall-clock limit for the solver, seconds.") var timeLimit: Double?
    @Option(help: "Relative optimality gap at which the solver may stop.") var gap: Double?
    @Option(help: "Threads: CBC's (default 1; GLPK is single-threaded) or fin-multi's searches (default: all cores).") var threads: Int?
    @Option(help: "fin-multi: most subgradient iterations.") var iterations: Int = MultiApplication.Options().iterations
    @Option(help: "One-at-a-time methods: the order applications are deployed in: heaviest-first (default), lightest-first, file, or shuffled:SEED.") var order: String = "heaviest-first"

    @Option(help: "FIN: latency levels per application.") var gamma: Int = FINMethod.defaultGamma
    @Option(help: "FIN: lambda-proximity pruning, in levels (0 = exact dominance).") var lambda: Int = FINMethod.defaultLambda
    @Option(help: "FIN-epsilon: relative error allowed.") var epsilon: Double = 0.1
    @Flag(help: "Show the solver's log on standard error.") var verbose = false
    @Option(help: "Output file (written atomically).") var out: String?

    func validate() throws {
        if let t = timeLimit, !(t > 0 && t.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let g = gap, !(g >= 0 && g.isFinite) { throw ValidationError("--gap must be a non-negative number") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if iterations < 0 { throw ValidationError("--iterations must be at least 0") }
        if FINMethod.Order(order) == nil { throw ValidationError("--order must be heaviest-first, lightest-first, file or shuffled:SEED, got \"\(order)\"") }
        if gamma < 1 { throw ValidationError("--gamma must be at least 1") }
        if lambda < 0 { throw ValidationError("--lambda must be at least 0") }
        if !(epsilon > 0 && epsilon.isFinite) { throw ValidationError("--epsilon must be positive") }
    }

    func run() throws {
        let loaded = try failing { try InstanceFile.read(instance) }
        var solution: Solution
        var size = ""
        let order = FINMethod.Order(self.order)!
        if order != .heaviestFirst && !Methods.isSequential(method) {
            throw Failure("--order applies to the one-at-a-time methods (fin, fin-exact, fin-epsilon, mcp and the baselines), not \(method)", status: ExitStatus.usage)
        }
        if let solver = Methods.milpSolver(method) {
            let options = SolveOptions(timeLimitSeconds: timeLimit, relativeGap: gap, threads: threads ?? 1, verbose: verbose)
            let outcome = MILPMethod.solve(loaded.instance, solver: solver, options: options)
            solution = outcome.solution
            size = " (\(outcome.variables) variables, \(outcome.constraints) rows)"
        } else if let solver = Methods.lpSolver(method) {
            solution = LPBound.solve(loaded.instance, solver: solver, options: SolveOptions(timeLimitSeconds: timeLimit, threads: threads ?? 1, verbose: verbose))
        } else if method == "fin-multi" {
            var options = MultiApplication.Options()
            if let timeLimit { options.timeLimitSeconds = timeLimit }
            if let gap { options.relativeGap = gap }
            options.iterations = iterations
            options.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
            if verbose { options.log = { printError($0) } }
            solution = MultiApplication.solve(loaded.instance, options: options)
        } else if let variant = Methods.finVariant(method, gamma: gamma, lambda: lambda, epsilon: epsilon) {
            solution = FINMethod.solve(loaded.instance, variant: variant, order: order, parameters: Methods.finParameters(variant))
        } else if let rule = Baselines.Rule(rawValue: method) {
            solution = Baselines.solve(loaded.instance, rule: rule, order: order)
        } else if method == "energy-lower-bound" {
            solution = Baselines.energyLowerBound(loaded.instance)
        } else {
            throw Failure("unknown method \"\(method)\" (known: \(Methods.names))", status: ExitStatus.usage)
        }
        // CPU seconds of this process (the harness runs each solve in its own process).
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        solution.info["cpuSeconds"] = .number((cpu * 1e6).rounded() / 1e6)
        if let out {
            try failing { try SolutionFile.write(solution, to: out) }
        } else {
            print(JSONWriter.string(SolutionFile.encode(solution)), terminator: "")
        }
        var line = "\(solution.method): \(solution.status.rawValue)"
        if let o = solution.objectiveJoulesPerSecond { line += ", objective \(NumberFormat.sig(o, 8)) J/s" }
        if let b = solution.boundJoulesPerSecond { line += ", bound \(NumberFormat.sig(b, 8))" }
        if let g = solution.gap { line += ", gap \(NumberFormat.percent(g))" }
        line += ", \(NumberFormat.sig(solution.wallSeconds ?? 0, 3)) s\(size)"
        if case .string(let m)? = solution.info["message"] { line += ": \(m)" }
        printError(line)
        // A bound-only method succeeds when it has its bound.
        let boundOnly = Methods.boundOnly.contains(method) && solution.boundJoulesPerSecond != nil
        let status = boundOnly ? ExitStatus.ok : Methods.exitStatus(solution.status)
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
