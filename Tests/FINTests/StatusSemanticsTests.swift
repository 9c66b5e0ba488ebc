import FIN
import FINEvaluator
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import FINTestSupport
import Testing

/// Issue 13, item 12: statuses mean the same for every method. FIN-exact on one application
/// searches exhaustively on the instance's own capacities, so finding nothing proves
/// infeasibility (as the MILP says); an instance without applications is solved optimally, with
/// energy 0, by every method.
@Suite("Status semantics")
struct StatusSemanticsTests {
    /// A tiny instance whose latency bound no deployment meets.
    func impossible(applications: Int) -> Instance {
        var instance = TinyInstances.make(seed: 7, maxApplications: 1)
        instance.applications[0].maxLatencySeconds = 1e-12
        while instance.applications.count < applications {
            var app = instance.applications[0]
            app.id += "-\(instance.applications.count)"
            instance.applications.append(app)
        }
        return instance
    }

    @Test func finExactProvesOneApplicationInfeasible() {
        let instance = impossible(applications: 1)
        #expect(InstanceValidator.issues(of: instance).isEmpty)
        let exact = FINMethod.solve(instance, variant: .exact)
        #expect(exact.status == .infeasible, "\(exact.status) \(exact.info)")
        #expect(MILPMethod.solve(instance, solver: CBCSolver()).solution.status == .infeasible)
        // Heuristics prove nothing.
        #expect(FINMethod.solve(instance, variant: .fin(gamma: 50, lambda: 0)).status == .noSolution)
        #expect(FINMethod.solve(instance, variant: .minimumLatency).status == .noSolution)
    }

    /// With several applications one at a time, later ones run on what earlier ones left: nothing proven.
    @Test func finExactOnSeveralApplicationsProvesNothing() {
        let exact = FINMethod.solve(impossible(applications: 2), variant: .exact)
        #expect(exact.status == .noSolution, "\(exact.status)")
    }

    @Test func noApplicationsIsOptimalWithEnergyZero() {
        var instance = TinyInstances.make(seed: 3)
        instance.applications = []
        #expect(InstanceValidator.issues(of: instance).isEmpty)
        var answers = [
            FINMethod.solve(instance, variant: .exact), FINMethod.solve(instance, variant: .fin(gamma: 5, lambda: 0)),
            FINMethod.solve(instance, variant: .epsilon(0.1)), FINMethod.solve(instance, variant: .minimumLatency),
            MILPMethod.solve(instance, solver: CBCSolver()).solution,
            MILPMethod.solve(instance, solver: GLPKSolver()).solution,
        ]
        answers += Baselines.Rule.allCases.map { Baselines.solve(instance, rule: $0) }
        for s in answers {
            #expect(s.status == .optimal, "\(s.method): \(s.status) \(s.info)")
            #expect(s.objectiveJoulesPerSecond == 0, "\(s.method): \(String(describing: s.objectiveJoulesPerSecond))")
            #expect(s.deployments.isEmpty, "\(s.method)")
        }
    }
}
