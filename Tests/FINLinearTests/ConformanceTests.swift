import FINLinear
import FINSolverCBC
import FINSolverGLPK
import FINSolverHiGHS
import FINTestSupport
import Foundation
import Testing

/// Every backend, by name (test arguments must be Sendable and printable).
let backends: [String: any MILPSolver] = ["glpk": GLPKSolver(), "cbc": CBCSolver(), "highs": HiGHSSolver()]
let backendNames = ["glpk", "cbc", "highs"]

/// The conformance problems by name, built once.
let conformanceProblems = Dictionary(uniqueKeysWithValues: ConformanceProblems.all().map { ($0.name, $0) })
let conformanceProblemNames = ConformanceProblems.all().map(\.name)

@Suite("Solver conformance")
struct ConformanceTests {
    /// One case per (backend, problem): a failure names both.
    @Test(arguments: backendNames, conformanceProblemNames)
    func knownOutcome(backend: String, problem name: String) throws {
        let solver = try #require(backends[backend])
        let problem = try #require(conformanceProblems[name])
        let r = solver.solve(problem.model, options: problem.options)
        let tag = "\(backend)/\(problem.name): \(r.status) \(r.rawStatus) \(r.message ?? "")"
        #expect(problem.expected.contains(r.status), "\(tag)")
        #expect(r.solver == "\(solver.name) \(solver.version)", "\(tag)")
        if let optimum = problem.optimum, r.status == .optimal {
            let objective = try #require(r.objective, "\(tag)")
            #expect(abs(objective - optimum) <= 1e-6 * max(1, abs(optimum)), "\(tag): objective \(objective)")
            #expect(r.bound == objective, "\(tag): bound \(String(describing: r.bound))")
        }
        if r.status == .optimal || r.status == .feasible {
            let x = try #require(r.values, "\(tag)")
            let violation = problem.model.maxViolation(x)
            #expect(violation <= 1e-6, "\(tag): violation \(violation)")
            let objective = try #require(r.objective)
            #expect(abs(problem.model.objectiveValue(x) - objective) <= 1e-6 * max(1, abs(objective)), "\(tag)")
        }
        if let limit = problem.options.timeLimitSeconds {
            #expect(r.wallSeconds < limit + 2, "\(tag): took \(r.wallSeconds) s")
        }
        if r.status == .infeasible || r.status == .unbounded || r.status == .noSolution {
            #expect(r.values == nil && r.objective == nil, "\(tag)")
        }
    }

    /// A time limit with an incumbent: the bound is a valid bound (no better than the incumbent)
    /// and the gap is the workbench's arithmetic on the two.
    @Test(arguments: backendNames)
    func timeLimitBoundIsValid(backend: String) throws {
        let solver = try #require(backends[backend])
        let model = ConformanceProblems.multidimensionalKnapsack(items: 120, dimensions: 12, seed: 7)
        let r = solver.solve(model, options: SolveOptions(timeLimitSeconds: 0.3))
        #expect(r.status == .feasible, "\(r.status) \(r.rawStatus)")
        let objective = try #require(r.objective)
        let bound = try #require(r.bound, "\(backend) reports no bound at the time limit")
        #expect(bound >= objective)  // maximisation: the bound is an upper bound
    }

    /// HiGHS stops within a second of its time limit on problems it cannot finish (with and
    /// without an incumbent), with one thread and with two: by its own `time_limit` (model status
    /// 13) or by the backend's interrupt callback at the deadline (17).
    @Test(arguments: [1, 2])
    func highsHonoursTheTimeLimit(threads: Int) throws {
        let limit = 2.0
        let hard = [
            ConformanceProblems.multidimensionalKnapsack(items: 120, dimensions: 12, seed: 7),
            ConformanceProblems.marketSplit(rows: 6, seed: 3),
        ]
        for model in hard {
            let r = HiGHSSolver().solve(model, options: SolveOptions(timeLimitSeconds: limit, threads: threads))
            #expect(r.status == .feasible || r.status == .noSolution, "\(model.name): \(r.status) \(r.rawStatus)")
            #expect(
                r.rawStatus.contains("model_status=13") || r.rawStatus.contains("model_status=17"),
                "\(model.name): \(r.rawStatus)")
            #expect(r.wallSeconds < limit + 1, "\(model.name): \(r.wallSeconds) s for a \(limit) s limit")
        }
    }

    /// A gap asked for: the solve stops within it, and the gap reported is the workbench's.
    @Test(arguments: backendNames)
    func relativeGapIsHonoured(backend: String) throws {
        let solver = try #require(backends[backend])
        let model = ConformanceProblems.multidimensionalKnapsack(items: 40, dimensions: 5, seed: 2)
        let exact = solver.solve(model)
        let loose = solver.solve(model, options: SolveOptions(relativeGap: 0.05))
        #expect(exact.status == .optimal && loose.status == .optimal, "\(exact.rawStatus) / \(loose.rawStatus)")
        let best = try #require(exact.objective)
        let found = try #require(loose.objective)
        #expect(found >= best * (1 - 0.05) - 1e-9 && found <= best + 1e-6, "\(found) vs \(best)")
        if let bound = loose.bound { #expect(found - bound <= 0.05 * abs(found) + 1e-12) }
    }

    /// All backends agree on random binary programs, and with brute-force enumeration.
    @Test func solversAgreeWithEnumeration() throws {
        var state: UInt64 = 12345
        func draw(_ n: UInt64) -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % n)
        }
        for trial in 0..<30 {
            var m = LinearModel(name: "random-\(trial)")
            let n = 6 + trial % 5
            let xs = (0..<n).map { m.addBinary("x\($0)", objective: draw(21) - 10) }
            for r in 0..<3 {
                m.addConstraint("r\(r)", xs.map { ($0, draw(11) - 3) }, lower: draw(5) - 6, upper: draw(12) + 2)
            }
            var best: Double?
            for mask in 0..<(1 << n) {
                let x = (0..<n).map { Double((mask >> $0) & 1) }
                if m.maxViolation(x) <= 1e-9 { best = min(best ?? .infinity, m.objectiveValue(x)) }
            }
            for name in backendNames {
                let r = backends[name]!.solve(m)
                if let best {
                    #expect(r.status == .optimal, "\(name) trial \(trial)")
                    let objective = r.objective ?? .nan
                    #expect(abs(objective - best) < 1e-9, "\(name) trial \(trial): \(objective) vs \(best)")
                } else {
                    #expect(r.status == .infeasible, "\(name) trial \(trial): \(r.status)")
                }
            }
        }
    }

    @Test func glpkErrorIsAnErrorNotAnAbort() throws {
        let message = try #require(GLPKSolver.provokeError())
        #expect(message.contains("glp_set_obj_coef"), "\(message)")
        // GLPK still works after its environment was freed.
        let r = GLPKSolver().solve(ConformanceProblems.all()[0].model)
        #expect(r.status == .optimal && r.objective == 11)
    }

    @Test(arguments: backendNames)
    func malformedModelsAreRejectedBeforeTheSolver(backend: String) throws {
        let solver = try #require(backends[backend])
        var m = LinearModel()
        let x = m.addVariable("x", objective: .nan)
        m.addConstraint("bad", [(x, .infinity)], upper: 1)
        let r = solver.solve(m)
        #expect(r.status == .error && r.message!.contains("malformed model"), "\(backend)")
    }

    /// Solves on several threads at once, every backend, HiGHS also with two threads of its own
    /// (its scheduler is per calling thread; a thread count that changes from one solve to the
    /// next on the same thread must work).
    @Test func concurrentSolvesAreSafe() async throws {
        let model = ConformanceProblems.multidimensionalKnapsack(items: 30, dimensions: 5, seed: 1)
        let reference = try #require(CBCSolver().solve(model).objective)
        try await withThrowingTaskGroup(of: (String, Double?).self) { group in
            for i in 0..<24 {
                let name = backendNames[i % 3]
                let threads = name == "highs" && i % 2 == 0 ? 2 : 1
                group.addTask {
                    let r = backends[name]!.solve(model, options: SolveOptions(threads: threads))
                    return ("\(name) threads \(threads)", r.objective)
                }
            }
            for try await (name, objective) in group {
                let agrees = objective.map { abs($0 - reference) < 1e-6 } == true
                #expect(agrees, "\(name): \(String(describing: objective))")
            }
        }
    }

    /// The same thread solving with 1, 2, then 1 HiGHS threads (HiGHS refuses a thread count
    /// different from its scheduler's unless the scheduler was shut down in between).
    @Test func highsThreadCountMayChangeOnOneThread() throws {
        let model = ConformanceProblems.multidimensionalKnapsack(items: 30, dimensions: 5, seed: 1)
        let results = [1, 2, 1, 3].map { HiGHSSolver().solve(model, options: SolveOptions(threads: $0)) }
        for r in results { #expect(r.status == .optimal, "\(r.rawStatus)") }
        #expect(Set(results.compactMap(\.objective)).count == 1)
    }

    @Test func highsReportsItsVersion() {
        let v = HiGHSSolver().version
        #expect(v.split(separator: ".").count == 3 && v.allSatisfy { $0.isNumber || $0 == "." }, "\(v)")
        #expect(v == "1.15.1", "scripts/setup.sh pins 1.15.1; got \(v)")
    }
}
