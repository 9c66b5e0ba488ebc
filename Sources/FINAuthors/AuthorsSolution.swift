import FINEvaluator
import FINModel

/// Turns the authors' configurations into a workbench `Solution` scored by the evaluator.
enum AuthorsSolution {
    /// One application's configuration as the code produced it.
    struct Decided {
        let user: PaperRoles.User
        let configuration: AuthorsConfiguration
        /// The share the authors' resource model gives on the edge and the cloud (multi-user).
        let share: Double?
    }

    /// The deployment of a configuration (after `NearestValid`) and the notes of the repair.
    static func deployment(_ d: Decided, roles: PaperRoles, instance: Instance) -> (Deployment, [String], String) {
        let app = instance.applications[d.user.application]
        let model = instance.models.first { $0.id == app.model }!
        let exitBlocks = model.exits.map(\.afterBlock).sorted()
        let e = d.configuration.exitIndex
        let lastBlock = exitBlocks[min(max(e, 1), exitBlocks.count) - 1]
        var (tiers, notes) = NearestValid.repair(d.configuration, lastBlock: lastBlock)
        if !(1...exitBlocks.count).contains(e) {
            notes.append("exit \(e) does not exist: the last exit is deployed")
        }
        let hosts = tiers.map { roles.node(tier: $0, user: d.user) }
        var transfers: [Transfer] = []
        for k in 1..<max(hosts.count, 1) where hosts[k] != hosts[k - 1] {
            transfers.append(Transfer(afterBlock: k, path: [hosts[k - 1], hosts[k]]))
        }
        var deployment = Deployment(application: app.id, exitAfterBlock: lastBlock, hosts: hosts, transfers: transfers)
        if let levels = instance.shareLevels {
            deployment.shares = shares(hosts: hosts, device: d.user.device, wanted: d.share, levels: levels)
        }
        let deployed = AuthorsConfiguration(
            hosts: tiers
                + [Int](
                    repeating: 0,
                    count: max(
                        0,
                        d.configuration.hosts.count
                            - tiers.count)), exitIndex: exitBlocks.firstIndex(of: lastBlock)! + 1)
        return (deployment, notes, deployed.description)
    }

    /// With share levels: 1 (or the largest level) on the device; on the edge and the cloud the
    /// smallest level at least the authors' share (the largest level when none is).
    static func shares(hosts: [String], device: String, wanted: Double?, levels: [Double]) -> [String: Double] {
        let sorted = levels.sorted()
        var out: [String: Double] = [:]
        for h in hosts {
            if h == device || wanted == nil {
                out[h] = sorted.last!
            } else {
                out[h] = sorted.first { Tolerance.fits(wanted!, within: $0) } ?? sorted.last!
            }
        }
        return out
    }

    /// The solution: deployments re-scored by the evaluator; `feasible` when it accepts them,
    /// else `noSolution` with the deployments, their scores and every violation kept in info.
    static func build(
        _ decided: [Decided], roles: PaperRoles, instance: Instance, procedure: AuthorsProcedure,
        parameters: [String: JSONValue]
    ) -> Solution {
        var deployments: [Deployment] = []
        var raw: [String: JSONValue] = [:]
        var deployedStrings: [String: JSONValue] = [:]
        var repairs: [String: JSONValue] = [:]
        for d in decided.sorted(by: { $0.user.application < $1.user.application }) {
            let (deployment, notes, deployed) = deployment(d, roles: roles, instance: instance)
            deployments.append(deployment)
            raw[deployment.application] = .string(d.configuration.description)
            deployedStrings[deployment.application] = .string(deployed)
            if !notes.isEmpty { repairs[deployment.application] = .array(notes.map { .string($0) }) }
        }
        var info: [String: JSONValue] = ["authorsFile": .string(procedure.authorsFile)]
        if procedure.isMultiModel {
            info["authorsConfigurations"] = .object(raw)
            info["deployedConfigurations"] = .object(deployedStrings)
            if !repairs.isEmpty { info["repairs"] = .object(repairs) }
        } else {
            let id = deployments[0].application
            info["authorsConfiguration"] = raw[id]!
            info["deployedConfiguration"] = deployedStrings[id]!
            if let notes = repairs[id] { info["repair"] = notes }
        }
        var solution = Solution(
            instance: instance.name, method: procedure.rawValue, parameters: parameters,
            status: .feasible, deployments: deployments, info: info)
        let evaluator = Evaluator(instance)
        let (rescored, evaluation) = evaluator.rescored(solution)
        solution = rescored
        if !evaluation.feasible {
            solution.status = .noSolution
            solution.objectiveJoulesPerSecond = nil
            solution.gap = nil
            solution.info["violations"] = .array(evaluation.violations.map { .string($0.description) })
            solution.info["message"] = .string(
                "the authors' configuration, deployed, breaks "
                    + Set(evaluation.violations.map { $0.kind.rawValue }).sorted().joined(separator: ", "))
        }
        return solution
    }
}
