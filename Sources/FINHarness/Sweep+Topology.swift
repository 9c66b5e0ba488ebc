import FINGenerator
import FINModel

extension Sweep {
    /// The instance of a topology job: the file read and checked, the generator settings of the
    /// sweep (preset and `generator`) with the job's application count and seed.
    func topologyInstance(file: String, job: SweepJob) throws(InputError) -> Instance {
        let topology: Topology
        do { topology = try TopologyReader.read(file) } catch {
            throw .invalid(
                file: "sweep \(name)", kind: "sweep",
                issues: [FieldIssue(path: "topologies.files", message: "\(error)")])
        }
        var c = topologies!.config
        c.generator = try config(nodes: 20, applications: job.applications, seed: job.seed)
        do { return try TopologyGenerator.generate(topology, c, stem: Sweep.Topologies.stem(file)) } catch {
            throw .invalid(
                file: "sweep \(name)", kind: "sweep", issues: [FieldIssue(path: "topologies", message: "\(error)")])
        }
    }
}
