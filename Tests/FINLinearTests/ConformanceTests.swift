import Foundation
import Testing
import FINLinear
import FINSolverCBC
import FINSolverGLPK
import FINTestSupport

/// Every backend, by name (test arguments must be Sendable and printable).
let backends: [String: any MILPSolver] = ["glpk": GLPKSolver(), "cbc": CBCSolver()]

@Suite("Solver conformance")
struct ConformanceTests {
    @Test(arguments: ["glpk", "cbc"])
    func knownOutcomes(backend: String) throws {
        let solver = try #require(backends[backend])
        for problem in ConformanceProblems.all() {
            let r = solver.solve(problem.model, options: problem.options)
            let tag = "\(backend)/\(problem.name): \(r.status) \(r.rawStatus) \(r.message ?? "")"
            #expect(problem.expected.contains(r.status), "\(tag)")
            if let optimum = problem.optimum, r.status == .optimal {
                let objective = try #require(r.objective, "\(tag)")
                #expect(abs(objective - optimum) <= 1e-6 * max(1, abs(optimum)), "\(tag): objective \(objective)")
                #expect(r.bound == objective, "\(tag): bound \(String(describing: r.bound))")
                #expect(r.gap == 0)
            }
            if r.status == .optimal || r.status == .feasible {
                let x = try #require(r.values, "\(tag)")
                #expect(problem.model.maxViolation(x) <= 1e-6, "\(tag): violation \(problem.model.maxViolation(x))")
                #expect(abs(problem.model.objectiveValue(x) - r.objective!) <= 1e-6 * max(1, abs(r.objective!)), "\(tag)")
            }
            if let limit = problem.options.timeLimitSeconds {
                #expect(r.wallSeconds < limit + 2, "\(tag): took \(r.wallSeconds) s")
            }
            if r.status == .infeasible || r.status == .unbounded || r.status == .noSolution {
                #expect(r.values == nil && r.objective == nil, "\(tag)")
            }
        }
    }

    /// A time limit with an incumbent: the bound is a valid bound (no better than the incumbent)
    /// and the gap is the workbench's arithmetic on the two.
    @Test(arguments: ["glpk", "cbc"])
    func timeLimitBoundIsValid(backend: String) throws {
        let solver = try #require(backends[backend])
        let model = ConformanceProblems.multidimensionalKnapsack(items: 120, dimensions: 12, seed: 7)
        let r = solver.solve(model, options: SolveOptions(timeLimitSeconds: 0.3))
        #expect(r.status == .feasible, "\(r.status) \(r.rawStatus)")
        let objective = try #require(r.objective)
        let bound = try #require(r.bound, "\(backend) reports no bound at the time limit")
        #expect(bound >= objective)  // maximisation: the bound is an upper bound
        #expect(r.gap == (bound - objective) / objective)
    }

    /// Both solvers agree on random binary programs, and with brute-force enumeration.
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
            for (name, solver) in backends.sorted(by: { $0.key < $1.key }) {
                let r = solver.solve(m)
                if let best {
                    #expect(r.status == .optimal, "\(name) trial \(trial)")
                    #expect(abs((r.objective ?? .nan) - best) < 1e-9, "\(name) trial \(trial): \(String(describing: r.objective)) vs \(best)")
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

    @Test func malformedModelsAreRejectedBeforeTheSolver() throws {
        for (name, solver) in backends {
            var m = LinearModel()
            let x = m.addVariable("x", objective: .nan)
            m.addConstraint("bad", [(x, .infinity)], upper: 1)
            let r = solver.solve(m)
            #expect(r.status == .error && r.message!.contains("malformed model"), "\(name)")
        }
    }

    @Test func concurrentSolvesAreSafe() async throws {
        let model = ConformanceProblems.multidimensionalKnapsack(items: 30, dimensions: 5, seed: 1)
        let reference = try #require(CBCSolver().solve(model).objective)
        try await withThrowingTaskGroup(of: (String, Double?).self) { group in
            for i in 0..<16 {
                let name = i % 2 == 0 ? "glpk" : "cbc"
                group.addTask { (name, backends[name]!.solve(model).objective) }
            }
            for try await (name, objective) in group {
                #expect(objective.map { abs($0 - reference) < 1e-6 } == true, "\(name): \(String(describing: objective))")
            }
        }
    }
}
