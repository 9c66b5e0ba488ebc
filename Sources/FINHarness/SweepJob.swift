import FINGenerator
import FINModel

/// One (instance, method) job of a sweep.
public struct SweepJob: Sendable {
    /// Position in the sweep's fixed job order (shards take every n-th).
    public let index: Int
    /// "instance|method label": the resume key.
    public let key: String
    public let instance: String
    public let nodes: Int
    public let applications: Int
    public let seed: UInt64
    public let method: Sweep.Method
    /// What builds the instance.
    public let point: Point

    /// Where a job's instance comes from.
    public enum Point: Sendable {
        /// The generator at a size, application count and seed.
        case generated
        /// The papers' scenario at a bound and target.
        case paper(bound: Double, target: Double)
        /// The journal's multi-user scenario: these profiles, this many users of each.
        case users(profiles: [String], count: Int)
        /// A real topology: this file, built with the sweep's topology settings.
        case topology(file: String)
    }
}

extension Sweep {
    /// Every job, in a fixed order.
    public func jobs() -> [SweepJob] {
        var out: [SweepJob] = []
        func add(_ instance: String, nodes: Int, applications: Int, seed: UInt64, _ point: SweepJob.Point) {
            for m in methods {
                out.append(
                    SweepJob(
                        index: out.count, key: "\(instance)|\(m.label)", instance: instance, nodes: nodes,
                        applications: applications, seed: seed, method: m, point: point))
            }
        }
        if let grid = paper {
            for bound in grid.maxLatencySeconds {
                for target in grid.minAccuracy {
                    let ms = JSONWriter.formatNumber(bound * 1000)
                    let instance = "\(name)-\(grid.profile)-T\(ms)ms-A\(JSONWriter.formatNumber(target))"
                    add(instance, nodes: 3, applications: 1, seed: 0, .paper(bound: bound, target: target))
                }
            }
        } else if let topologies {
            for file in topologies.files {
                for a in applications {
                    for seed in seeds {
                        let instance = "\(name)-\(Sweep.Topologies.stem(file))-a\(a)-s\(seed)"
                        add(instance, nodes: 0, applications: a, seed: seed, .topology(file: file))
                    }
                }
            }
        } else if let users {
            for series in users.series {
                for count in users.counts {
                    let instance = "\(name)-\(series.joined(separator: "+"))-u\(count)"
                    add(
                        instance, nodes: count * series.count + 2, applications: count * series.count, seed: 0,
                        .users(profiles: series, count: count))
                }
            }
        } else {
            for n in sizes {
                for a in applications {
                    for seed in seeds {
                        add("\(name)-n\(n)-a\(a)-s\(seed)", nodes: n, applications: a, seed: seed, .generated)
                    }
                }
            }
        }
        return out
    }

    /// The preset column of a row: `paper` or `users` for the papers' scenarios.
    var presetLabel: String {
        paper != nil ? "paper" : users != nil ? "users" : topologies != nil ? "topology" : preset.rawValue
    }

    /// The instance of a job, named after it.
    func instance(for job: SweepJob) throws(InputError) -> Instance {
        var instance: Instance
        switch job.point {
        case .paper(let bound, let target):
            instance = PaperScenario.instance(
                profile: DNNProfiles.named(paper!.profile)!, maxLatencySeconds: bound, minAccuracy: target)
        case .users(let profiles, let count):
            if users?.resourceModel == "authors" {
                instance = PaperScenario.authorsUsers(usersPerProfile: count)
            } else {
                instance = PaperScenario.users(
                    profiles: profiles.map { DNNProfiles.named($0)! }, usersPerProfile: count,
                    shareLevels: users?.shareLevels)
                if users?.targets == "authors" { PaperScenario.applyAuthorsTargets(&instance) }
            }
        case .topology(let file):
            instance = try topologyInstance(file: file, job: job)
        case .generated:
            let c = try config(nodes: job.nodes, applications: job.applications, seed: job.seed)
            do { instance = try Generator.generate(c) } catch {
                throw .invalid(
                    file: "sweep \(name)", kind: "sweep", issues: [FieldIssue(path: "generator", message: "\(error)")])
            }
        }
        instance.name = job.instance
        return instance
    }
}
