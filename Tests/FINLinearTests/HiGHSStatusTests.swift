import CHiGHS
import FINLinear
import Testing

@testable import FINSolverHiGHS

/// HiGHS's raw codes to canonical statuses: every model status, including the ones the
/// conformance problems cannot provoke (errors, "unbounded or infeasible" without presolve).
@Suite("HiGHS status mapping")
struct HiGHSStatusTests {
    func map(
        _ model: HighsInt, run: HighsInt = kHighsStatusOk, point: Bool = false, mip: Bool = true,
        presolveOff: Bool = false, zeroObjectiveFeasible: Bool? = nil
    ) -> SolveStatus {
        HiGHSSolver.canonicalStatus(
            runStatus: run, modelStatus: model, hasPoint: point, isMIP: mip,
            presolveOff: presolveOff, zeroObjectiveFeasible: zeroObjectiveFeasible)
    }

    @Test func proofs() {
        #expect(map(kHighsModelStatusOptimal, point: true) == .optimal)
        #expect(map(kHighsModelStatusOptimal, point: false) == .error)
        #expect(map(kHighsModelStatusInfeasible) == .infeasible)
        #expect(map(kHighsModelStatusUnbounded, point: true) == .unbounded)
        #expect(map(kHighsModelStatusUnbounded, mip: false) == .unbounded)
    }

    @Test func unboundedOrInfeasible() {
        let status = kHighsModelStatusUnboundedOrInfeasible
        #expect(map(status) == .noSolution)  // after presolve: run again
        #expect(map(status, presolveOff: true, zeroObjectiveFeasible: true) == .unbounded)
        #expect(map(status, presolveOff: true, zeroObjectiveFeasible: false) == .infeasible)
        #expect(map(status, presolveOff: true, zeroObjectiveFeasible: nil) == .unbounded)
    }

    @Test func limits() {
        let limits = [
            kHighsModelStatusTimeLimit, kHighsModelStatusIterationLimit, kHighsModelStatusSolutionLimit,
            kHighsModelStatusInterrupt, kHighsModelStatusObjectiveBound, kHighsModelStatusObjectiveTarget,
        ]
        for status in limits {
            #expect(map(status, run: kHighsStatusWarning, point: true) == .feasible, "\(status)")
            #expect(map(status, run: kHighsStatusWarning, point: false) == .noSolution, "\(status)")
            // An LP stopped at a limit has no answer, whatever point it holds.
            #expect(map(status, run: kHighsStatusWarning, point: true, mip: false) == .noSolution, "\(status)")
        }
        #expect(map(kHighsModelStatusUnknown, run: kHighsStatusWarning, point: true) == .feasible)
        #expect(map(kHighsModelStatusUnknown, run: kHighsStatusWarning, point: false) == .error)
    }

    @Test func errors() {
        let failures = [
            kHighsModelStatusNotset, kHighsModelStatusLoadError, kHighsModelStatusModelError,
            kHighsModelStatusPresolveError, kHighsModelStatusSolveError, kHighsModelStatusPostsolveError,
            kHighsModelStatusModelEmpty,
        ]
        for status in failures { #expect(map(status) == .error, "\(status)") }
        #expect(map(kHighsModelStatusOptimal, run: kHighsStatusError, point: true) == .error)
    }

    /// A rejected option comes back as `.error` with HiGHS's refusal, not a crash.
    @Test func failuresHaveMessages() {
        #expect(HiGHSSolver.Failure.option("threads", "-1", -1).message.contains("threads=-1"))
        #expect(HiGHSSolver.Failure.model(-1).message.contains("rejected the model"))
    }
}
