import FINBruteForce
import FINGenerator
import FINLinear
import FINMILP
import FINModel
import FINSolverCBC
import FINSolverGLPK
import Testing

/// Found by the mutation fuzzer (issue 13): with the objective scaled to a largest coefficient of
/// 1, one dear link (4 J/bit, the others 1e-8) left the optimum near 1e-6, below the solvers'
/// absolute tolerances: CBC and GLPK both said optimal, 9 % and 63 % above the optimum.
@Suite("MILP objective scaling")
struct ObjectiveScaleTests {
    @Test func oneDearLinkDoesNotHideTheOptimum() throws {
        var instance = PaperScenario.instance(profile: try #require(DNNProfiles.named("b-alexnet-cifar10")))
        instance.links[0].joulesPerBit = 4
        instance.models[0].exits[1].accuracy = 0
        #expect(InstanceValidator.issues(of: instance).isEmpty)
        let oracle = try BruteForce.solve(instance)
        let optimum = try #require(oracle.objectiveJoulesPerSecond)
        for solver in [CBCSolver() as any MILPSolver, GLPKSolver()] {
            let s = MILPMethod.solve(instance, solver: solver).solution
            #expect(s.status == .optimal, "\(s.method): \(s.status)")
            let o = try #require(s.objectiveJoulesPerSecond, "\(s.method)")
            #expect(abs(o - optimum) <= 1e-9 * optimum, "\(s.method): \(o), optimum \(optimum)")
        }
    }
}
