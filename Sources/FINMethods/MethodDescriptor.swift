import FINModel

/// What kind of method an entry is; the report and the help group methods by it.
public enum MethodFamily: String, Sendable, CaseIterable {
    /// The MILP solved to proven optimality by a solver backend.
    case exact
    /// A proven lower bound on the optimum, no deployment.
    case bound
    /// FIN and its approximation-bounded variants (our reconstruction).
    case fin
    /// Several applications jointly, with a certified bound.
    case joint
    /// The baselines FIN is compared with (our rules).
    case baseline
    /// The authors' own decision procedures, ported from their MATLAB code.
    case authors
}

/// How a method treats several applications.
public enum ApplicationScope: String, Sendable {
    /// All applications in one model or search: the joint optimum or a joint heuristic.
    case jointly
    /// Deployed one at a time on the capacities the previous ones left (takes `order`).
    case oneAtATime
}

/// What a method run is given besides the instance and its parameters.
public struct RunContext: Sendable {
    /// Show the solver's or the method's log on standard error.
    public var verbose: Bool
    /// Where log lines go when `verbose`.
    public var log: @Sendable (String) -> Void
    public init(verbose: Bool = false, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.verbose = verbose
        self.log = log
    }
}

/// One method of the workbench: its name, what it is, the parameters it takes, and how to run
/// it. The registry (`MethodRegistry.all`) holds one per method; the CLI, sweep files, the
/// harness and the report all read it.
public struct MethodDescriptor: Sendable {
    public typealias Run = @Sendable (Instance, ParameterValues, RunContext) throws(MethodError) -> Solution

    /// The name `solve --method` and sweep files use.
    public let name: String
    public let family: MethodFamily
    /// One line for the help and the docs.
    public let summary: String
    /// The parameters it takes (others are rejected).
    public let parameters: [MethodParameter]
    /// It proves optimality (or infeasibility) when it says so.
    public let isExact: Bool
    public let scope: ApplicationScope
    /// False for the bound-only methods: they answer with `boundJoulesPerSecond` and no deployment.
    public let givesDeployment: Bool
    let run: Run

    public init(
        name: String, family: MethodFamily, summary: String, parameters: [MethodParameter], isExact: Bool = false,
        scope: ApplicationScope, givesDeployment: Bool = true, run: @escaping Run
    ) {
        self.name = name
        self.family = family
        self.summary = summary
        self.parameters = parameters
        self.isExact = isExact
        self.scope = scope
        self.givesDeployment = givesDeployment
        self.run = run
    }

    /// Checks that every value is a parameter this method takes.
    public func check(_ values: ParameterValues) throws(MethodError) {
        let foreign = values.entries.map(\.parameter).filter { !parameters.contains($0) }
        if !foreign.isEmpty {
            throw .parameterNotTaken(method: name, parameters: foreign, takes: parameters)
        }
    }

    /// Runs the method on a valid instance. The answer's scores are the evaluator's; an answer
    /// holding a number that is not finite is turned into status `error` (`finite(_:)`).
    public func solve(
        _ instance: Instance, _ values: ParameterValues, context: RunContext = RunContext()
    ) throws(MethodError) -> Solution {
        try check(values)
        return Self.finite(try run(instance, values, context))
    }
}
