import FINModel
import Foundation

/// The authors' own decision procedures (GitHub chetna-iitd/orchestrate_dynamic_DNN), ported:
/// the configuration each returns is the one their MATLAB code computes (checked against the
/// Octave reference in Tests/FINAuthorsTests), and the solution's scores are the workbench
/// evaluator's. See docs/AUTHORS.md.
public enum Authors {
    /// Gamma and lambda of `ifg_high.m`, the FIN their drivers call.
    public static let defaultGamma = 10
    public static let defaultLambda = 1

    /// Runs `procedure` on the papers' scenario. `gamma` and `lambda` (FIN procedures only;
    /// nil: the code's values for that procedure) are the level count and the lowest level the
    /// code scans. The single-model procedures need the single-application paper scenario with
    /// B-AlexNet (CIFAR-10); the multi-model ones the multi-user scenario of B-AlexNet,
    /// B-ResNet and B-LeNet users (`PaperScenario.authorsUsers`). Anything else throws.
    public static func solve(
        _ instance: Instance, procedure: AuthorsProcedure, gamma: Int? = nil,
        lambda: Int? = nil
    ) throws(AuthorsError) -> Solution {
        let start = Date()
        let roles = try PaperRecognition.roles(instance)
        let (g, l) = try parameters(procedure, gamma: gamma, lambda: lambda)
        var parameters: [String: JSONValue] = [:]
        if let g, let l {
            parameters["gamma"] = .number(Double(g))
            parameters["lambda"] = .number(Double(l))
        }
        let decided =
            procedure.isMultiModel
            ? try decideMulti(instance, roles: roles, procedure: procedure, gamma: g ?? 0, lambda: l ?? 0)
            : try decideSingle(instance, roles: roles, procedure: procedure, gamma: g ?? 0, lambda: l ?? 0)
        var solution = AuthorsSolution.build(
            decided, roles: roles, instance: instance, procedure: procedure,
            parameters: parameters)
        solution.wallSeconds = Date().timeIntervalSince(start)
        return solution
    }

    /// The configuration strings the procedure computes, per application id in instance order,
    /// without deploying them.
    public static func configurations(
        _ instance: Instance, procedure: AuthorsProcedure, gamma: Int? = nil, lambda: Int? = nil
    ) throws(AuthorsError) -> [(application: String, configuration: AuthorsConfiguration)] {
        let roles = try PaperRecognition.roles(instance)
        let (g, l) = try parameters(procedure, gamma: gamma, lambda: lambda)
        let decided =
            procedure.isMultiModel
            ? try decideMulti(instance, roles: roles, procedure: procedure, gamma: g ?? 0, lambda: l ?? 0)
            : try decideSingle(instance, roles: roles, procedure: procedure, gamma: g ?? 0, lambda: l ?? 0)
        return decided.sorted { $0.user.application < $1.user.application }
            .map { (instance.applications[$0.user.application].id, $0.configuration) }
    }

    static func parameters(_ procedure: AuthorsProcedure, gamma: Int?, lambda: Int?) throws(AuthorsError)
        -> (Int?, Int?)
    {
        guard let defaultGamma = procedure.defaultGamma else {
            guard gamma == nil, lambda == nil else {
                throw .badParameter("\(procedure.rawValue) has no gamma or lambda")
            }
            return (nil, nil)
        }
        let g = gamma ?? defaultGamma
        guard (1...1000).contains(g) else { throw .badParameter("gamma must be in 1...1000, got \(g)") }
        let l = lambda ?? procedure.defaultLambda(gamma: g)!
        guard l >= 1 else { throw .badParameter("lambda must be at least 1 (a MATLAB index), got \(l)") }
        return (g, l)
    }

    static func decideSingle(
        _ instance: Instance, roles: PaperRoles, procedure: AuthorsProcedure, gamma: Int,
        lambda: Int
    ) throws(AuthorsError) -> [AuthorsSolution.Decided] {
        guard roles.users.count == 1, roles.users[0].model == .alexNet else {
            throw .wrongScenario(
                "\(procedure.rawValue) (\(procedure.authorsFile)) needs one application of B-AlexNet "
                    + "(CIFAR-10); the multi-user scenario takes \(AuthorsProcedure.mcpMulti.rawValue) or "
                    + "\(AuthorsProcedure.finMulti.rawValue)")
        }
        let app = instance.applications[roles.users[0].application]
        // As the authors' driver passes them: the bound in seconds, the target in percent.
        let delay = app.maxLatencySeconds, accuracy = app.minAccuracy * 100
        let config: AuthorsConfiguration
        switch procedure {
        case .mcp: config = WeightedGreedy.decide(delay: delay, accuracy: accuracy)
        case .fin: config = InferenceGraphHigh.decide(delay: delay, accuracy: accuracy, gamma: gamma, lambda: lambda)
        case .finIFG, .finIFGLow:
            config = InferenceGraphVariants.decide(
                delay: delay, accuracy: accuracy,
                variant: procedure == .finIFG ? .ifg : .ifgLow,
                gamma: gamma, lambda: lambda)
        case .mcpMulti, .finMulti: fatalError("not a single-model procedure")
        }
        return [AuthorsSolution.Decided(user: roles.users[0], configuration: config, share: nil)]
    }

    static func decideMulti(
        _ instance: Instance, roles: PaperRoles, procedure: AuthorsProcedure, gamma: Int,
        lambda: Int
    ) throws(AuthorsError) -> [AuthorsSolution.Decided] {
        // Users of each DNN, numbered in application-id order.
        var byModel: [[PaperRoles.User]] = AuthorsModel.allCases.map { m in
            roles.users.filter { $0.model == m }
        }
        for m in byModel.indices {
            byModel[m].sort { instance.applications[$0.application].id < instance.applications[$1.application].id }
        }
        func setting(_ users: [PaperRoles.User]) throws(AuthorsError) -> (Double, Double)? {
            let apps = users.map { instance.applications[$0.application] }
            guard let first = apps.first else { return nil }
            let same = apps.allSatisfy {
                $0.maxLatencySeconds == first.maxLatencySeconds && $0.minAccuracy == first.minAccuracy
            }
            guard same else {
                throw .wrongScenario(
                    "the code takes one bound and target for B-AlexNet and B-ResNet users and one "
                        + "for B-LeNet users; the instance's differ")
            }
            return (first.maxLatencySeconds, first.minAccuracy * 100)
        }
        let main = try setting(byModel[0] + byModel[1])
        let lenet = try setting(byModel[2])
        let s = MultiModelWeighted.Setting(
            delay: main?.0 ?? 1, accuracy: main?.1 ?? 100,
            delayLeNet: lenet?.0 ?? 1, accuracyLeNet: lenet?.1 ?? 100,
            users: byModel.map(\.count))
        let p =
            procedure == .mcpMulti
            ? MultiModelWeighted.decide(s)
            : MultiModelInferenceGraph.decide(s, gamma: gamma, lambda: lambda)
        var out: [AuthorsSolution.Decided] = []
        for (m, users) in byModel.enumerated() {
            let model = AuthorsModel.allCases[m]
            let share = AuthorsTiers.multiModelRate[model]! / Double(max(users.count, 1))
            for (u, user) in users.enumerated() {
                out.append(
                    AuthorsSolution.Decided(
                        user: user, configuration: p.configuration(model: m + 1, user: u + 1, blocks: model.blockCount),
                        share: share))
            }
        }
        return out
    }
}
