import ArgumentParser
import FINEvaluator
import FINModel

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a solution against its instance and list every broken constraint.",
        discussion: """
            Recomputes each deployment's energy (compute and communication), worst-case latency and
            expected accuracy, then checks latency bounds, accuracy targets, pinned sources, node
            memory, compute load, speed shares and link bandwidth for all applications together.
            Figures the solution file claims are compared with the recomputed ones.
            Exit status 0 when feasible, 3 when a constraint is broken or an application is not
            deployed, 65/66 for bad or unreadable files.
            """)

    @Argument(help: "Instance file.") var instance: String
    @Argument(help: "Solution file.") var solution: String
    @Flag(help: "Print the evaluation as JSON instead of text.") var json = false

    func run() throws {
        let loaded = try failing { try InstanceFile.read(instance) }
        let sol = try failing { try SolutionFile.read(solution) }
        let evaluator = Evaluator(loaded.instance)
        let evaluation = evaluator.evaluate(sol.deployments)
        let mismatches = claimMismatches(sol, evaluation) + StatusClaim.conflicts(sol, evaluation)
        if json {
            print(JSONWriter.string(encode(sol, evaluation, mismatches)), terminator: "")
        } else {
            report(sol, loaded.instance, evaluation, mismatches)
        }
        if !evaluation.feasible { throw ExitCode(ExitStatus.infeasible) }
    }

    /// Figures the file claims that differ from the evaluator's by more than 1e-9 relative.
    func claimMismatches(_ s: Solution, _ e: SolutionEvaluation) -> [String] {
        var out: [String] = []
        func check(_ what: String, _ claimed: Double?, _ actual: Double?) {
            guard let claimed, let actual else { return }
            if abs(claimed - actual) > 1e-9 * max(abs(actual), 1e-300) {
                out.append(
                    "\(what): file says \(NumberFormat.sig(claimed, 10)), evaluator \(NumberFormat.sig(actual, 10))")
            }
        }
        for (d, r) in zip(s.deployments, e.deployments) {
            check("\(d.application) energyJoules", d.energyJoules, r.scores?.energyJoules)
            check("\(d.application) latencySeconds", d.latencySeconds, r.scores?.latencySeconds)
            check("\(d.application) accuracy", d.accuracy, r.scores?.accuracy)
        }
        if !s.deployments.isEmpty {
            check("objectiveJoulesPerSecond", s.objectiveJoulesPerSecond, e.objectiveJoulesPerSecond)
        }
        return out
    }

    func report(_ s: Solution, _ instance: Instance, _ e: SolutionEvaluation, _ mismatches: [String]) {
        print(
            "solution: method \(s.method), status \(s.status.rawValue), \(s.deployments.count) "
                + "deployment\(s.deployments.count == 1 ? "" : "s")"
        )
        if s.instance != instance.name {
            print("warning: the solution names instance \"\(s.instance)\", the file is \"\(instance.name)\"")
        }
        for (d, r) in zip(s.deployments, e.deployments) {
            guard let sc = r.scores, let app = instance.applications.first(where: { $0.id == d.application }) else {
                print("  \(d.application): not scored (broken structure)")
                continue
            }
            print("  \(d.application): exit after block \(d.exitAfterBlock), hosts \(d.hosts.joined(separator: " "))")
            print(
                "    energy \(NumberFormat.sig(sc.energyJoules, 6)) J/inference (compute "
                    + "\(NumberFormat.sig(sc.computeEnergyJoules)), communication "
                    + "\(NumberFormat.sig(sc.communicationEnergyJoules)))"
            )
            print(
                "    latency \(NumberFormat.sig(sc.latencySeconds * 1000, 6)) ms (bound "
                    + "\(NumberFormat.sig(app.maxLatencySeconds * 1000, 6))), accuracy "
                    + "\(NumberFormat.sig(sc.accuracy, 6)) (target \(NumberFormat.sig(app.minAccuracy, 6)))"
            )
        }
        print("objective: \(NumberFormat.sig(e.objectiveJoulesPerSecond, 8)) J/s")
        for m in mismatches { print("mismatch: \(m)") }
        if e.feasible {
            print("feasible: every constraint holds")
        } else {
            print("infeasible: \(e.violations.count) violation\(e.violations.count == 1 ? "" : "s")")
            for v in e.violations { print("  \(v)") }
        }
    }

    func encode(_ s: Solution, _ e: SolutionEvaluation, _ mismatches: [String]) -> JSONValue {
        .object([
            "feasible": .bool(e.feasible),
            "objectiveJoulesPerSecond": .number(e.objectiveJoulesPerSecond),
            "mismatches": .array(mismatches.map(JSONValue.string)),
            "deployments": .array(
                e.deployments.map { r in
                    var o: [String: JSONValue] = ["application": .string(r.application)]
                    if let sc = r.scores {
                        o["energyJoules"] = .number(sc.energyJoules)
                        o["computeEnergyJoules"] = .number(sc.computeEnergyJoules)
                        o["communicationEnergyJoules"] = .number(sc.communicationEnergyJoules)
                        o["latencySeconds"] = .number(sc.latencySeconds)
                        o["accuracy"] = .number(sc.accuracy)
                    }
                    return .object(o)
                }),
            "violations": .array(
                e.violations.map { v in
                    var o: [String: JSONValue] = [
                        "kind": .string(v.kind.rawValue), "subject": .string(v.subject),
                        "message": .string(v.description),
                    ]
                    if let x = v.value { o["value"] = .number(x) }
                    if let x = v.limit { o["limit"] = .number(x) }
                    if let x = v.excess { o["excess"] = .number(x) }
                    return .object(o)
                }),
        ])
    }
}
