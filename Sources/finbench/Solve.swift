import ArgumentParser
import FIN
import FINMethods
import FINModel
import Foundation

/// A method name on the command line, checked against the registry (unknown: exit 64 with
/// every name).
struct MethodName: ExpressibleByArgument {
    let descriptor: MethodDescriptor
    init?(argument: String) {
        guard let d = try? MethodRegistry.named(argument) else { return nil }
        descriptor = d
    }
    static var allValueStrings: [String] { MethodRegistry.names }
    static var defaultCompletionKind: CompletionKind { .list(MethodRegistry.names) }
    var defaultValueDescription: String { descriptor.name }
}

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an instance and write a fin-solution/1 file (standard output without --out).",
        discussion: """
            Methods (each takes only the options named after it):
            \(MethodRegistry.all.map(Self.describe).joined(separator: "\n"))

            Every solution is re-scored by the evaluator before it is written; for the MILP methods a \
            disagreement between the formulation's objective and the evaluator's beyond 1e-9 relative is \
            reported as an error. The gap is computed by the workbench from the objective and the \
            solver's best bound.

            Exit status: 0 optimal (a bound-only method: its bound found); 2 feasible, optimality not \
            proven (time limit); 3 proven infeasible; 4 no solution found (time limit); 64 bad usage \
            (an unknown method, an option the method does not take); 65/66 bad input; 70 solver failure; \
            73 cannot write the output. A summary line goes to standard error.
            """)

    @Argument(help: "Instance file.") var instance: String
    @Option(name: .shortAndLong, help: "Method (see below).") var method: MethodName
    @Option(help: ArgumentHelp(MethodParameter.timeLimitSeconds.help)) var timeLimit: String?
    @Option(help: ArgumentHelp(MethodParameter.gap.help)) var gap: String?
    @Option(help: ArgumentHelp(MethodParameter.threads.help + " (default: 1 for solvers, all cores for fin-multi)"))
    var threads: String?
    @Option(help: ArgumentHelp(MethodParameter.iterations.help)) var iterations: String?
    @Option(help: ArgumentHelp(MethodParameter.order.help + " (default heaviest-first)")) var order: String?
    @Option(help: ArgumentHelp(MethodParameter.gamma.help + " (default \(FINMethod.defaultGamma))")) var gamma: String?
    @Option(help: ArgumentHelp(MethodParameter.lambda.help + " (default \(FINMethod.defaultLambda))")) var lambda:
        String?
    @Option(help: ArgumentHelp(MethodParameter.epsilon.help + " (default \(FINMethod.defaultEpsilon))")) var epsilon:
        String?
    @Flag(help: "Show the solver's log on standard error.") var verbose = false
    @Option(help: "Output file (written atomically; never the instance itself).") var out: String?

    static func describe(_ d: MethodDescriptor) -> String {
        let options = d.parameters.map(\.flag).joined(separator: ", ")
        return "  \(d.name): \(d.summary)" + (options.isEmpty ? "" : " (\(options))")
    }

    /// The options given, typed and checked against the method's entry.
    func parameterValues() throws(MethodError) -> ParameterValues {
        let given: [(MethodParameter, String?)] = [
            (.timeLimitSeconds, timeLimit), (.gap, gap), (.threads, threads), (.iterations, iterations),
            (.order, order),
            (.gamma, gamma), (.lambda, lambda), (.epsilon, epsilon),
        ]
        var values = ParameterValues()
        for case (let p, let text?) in given {
            guard let v = ParameterValues.parse(p, text: text) else { throw .badValue(parameter: p, given: text) }
            values[p] = v
        }
        try method.descriptor.check(values)
        return values
    }

    func run() throws {
        let values: ParameterValues
        do { values = try parameterValues() } catch { throw Failure(error.description, status: ExitStatus.usage) }
        let target = try out.map { path in try failing { try OutputTarget(path, notSameAs: [instance]) } }
        let loaded = try failing { try InstanceFile.read(instance) }
        let descriptor = method.descriptor
        let context = RunContext(verbose: verbose, log: { printError($0) })
        var solution = try failing { try descriptor.solve(loaded.instance, values, context: context) }
        solution.info["cpuSeconds"] = .number((ProcessClock.cpuSeconds() * 1e6).rounded() / 1e6)
        let text = JSONWriter.string(SolutionFile.encode(solution))
        if let target {
            try failing { try target.write(text) }
        } else {
            try failing { try StandardOutput.write(text) }
        }
        printError(Self.summary(solution))
        let status = ExitStatus.of(solution, boundOnly: !descriptor.givesDeployment)
        if status != ExitStatus.ok { throw ExitCode(status) }
    }

    /// The summary line on standard error.
    static func summary(_ solution: Solution) -> String {
        var line = "\(solution.method): \(solution.status.rawValue)"
        if let o = solution.objectiveJoulesPerSecond { line += ", objective \(NumberFormat.sig(o, 8)) J/s" }
        if let b = solution.boundJoulesPerSecond { line += ", bound \(NumberFormat.sig(b, 8))" }
        if let g = solution.gap { line += ", gap \(NumberFormat.percent(g))" }
        line += ", \(NumberFormat.sig(solution.wallSeconds ?? 0, 3)) s"
        if case .number(let v)? = solution.info["variables"], case .number(let c)? = solution.info["constraints"] {
            line += " (\(Int(v)) variables, \(Int(c)) rows)"
        }
        if case .string(let m)? = solution.info["message"] { line += ": \(m)" }
        return line
    }
}
