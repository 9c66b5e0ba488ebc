import FINEvaluator
import FINGenerator
import FINModel
import Testing

/// The evaluator against values computed by hand from the authors' figures.
@Suite("Evaluator: hand-computed paper values")
struct PaperValuesTests {
    let evaluator = Evaluator(PaperScenario.instance(profile: DNNProfiles.bAlexNetCIFAR10))

    func scores(_ d: Deployment) throws -> DeploymentScores {
        let e = evaluator.evaluate(d)
        return try #require(e.deployments[0].scores, "\(e.violations)")
    }

    /// All five B-AlexNet blocks on the device: 72.2e9 block ops + 191,744 + 72,576 exit ops
    /// at 6 W / 11e12 ops/s.
    @Test func allBlocksOnTheDevice() throws {
        let s = try scores(
            Deployment(
                application: "app-0", exitAfterBlock: 5, hosts: Array(repeating: "device", count: 5), transfers: []))
        let ops = 72_200_000_000.0 + 191_744 + 72_576
        #expect(abs(s.energyJoules - ops * 6 / 11e12) < 1e-15)
        #expect(abs(s.latencySeconds - ops / 11e12) < 1e-15)
        #expect(abs(s.energyJoules - 0.039382) < 1e-6)  // "0.039 J"
        #expect(abs(s.latencySeconds - 0.0065637) < 1e-7)  // "6.6 ms"
        #expect(s.communicationEnergyJoules == 0)
        #expect(s.accuracy == 0.8595)
    }

    /// Block 1 on the device with exit 1: about 0.0123 J.
    @Test func firstExitOnTheDevice() throws {
        let s = try scores(Deployment(application: "app-0", exitAfterBlock: 1, hosts: ["device"], transfers: []))
        #expect(abs(s.energyJoules - (22_620_000_000.0 + 191_744) * 6 / 11e12) < 1e-15)
        #expect(abs(s.energyJoules - 0.012338) < 1e-6)
        #expect(s.accuracy == 0.5637)
    }

    /// FORMAT.md's example deployment: blocks 1-3 on the device, 4-5 on the cloud, block 3's
    /// output (13*13*384*8 bits) over the device -> cloud link (30 + 12.6 nJ/bit, 4.545e12 bit/s).
    @Test func formatExampleDeployment() throws {
        let s = try scores(
            Deployment(
                application: "app-0", exitAfterBlock: 5, hosts: ["device", "device", "device", "cloud", "cloud"],
                transfers: [Transfer(afterBlock: 3, path: ["device", "cloud"])]))
        let deviceOps = 39_476_000_000.0 + 191_744 + 72_576
        let cloudOps = 32_724_000_000.0
        let bits = 519_168.0
        #expect(abs(s.computeEnergyJoules - (deviceOps * 6 / 11e12 + cloudOps * 400 / 312e12)) < 1e-15)
        #expect(abs(s.communicationEnergyJoules - bits * 42.6e-9) < 1e-15)
        #expect(abs(s.latencySeconds - (deviceOps / 11e12 + cloudOps / 312e12 + bits / 4.545e12)) < 1e-15)
        // FORMAT.md prints 0.0856 J and 0.00369 s.
        #expect(abs(s.energyJoules - 0.0856) < 5e-5)
        #expect(abs(s.latencySeconds - 0.00369) < 5e-6)
        // The bound is 5 ms and the target 0.8: feasible.
        #expect(
            evaluator.evaluate(
                Deployment(
                    application: "app-0", exitAfterBlock: 5, hosts: ["device", "device", "device", "cloud", "cloud"],
                    transfers: [Transfer(afterBlock: 3, path: ["device", "cloud"])])
            ).feasible)
    }

    /// Through the edge: device -> edge -> cloud is a two-link path whose energies and times add.
    @Test func multiHopTransferAddsUp() throws {
        let s = try scores(
            Deployment(
                application: "app-0", exitAfterBlock: 5, hosts: ["device", "cloud", "cloud", "cloud", "cloud"],
                transfers: [Transfer(afterBlock: 1, path: ["device", "edge", "cloud"])]))
        let bits = 1_492_992.0
        #expect(abs(s.communicationEnergyJoules - bits * (67e-9 + 49.6e-9)) < 1e-15)
        let transferTime = bits / 5.618e11 + bits / 4.545e12
        let computeTime = (22_620_000_000.0 + 191_744) / 11e12 + (72_200_000_000.0 - 22_620_000_000 + 72_576) / 312e12
        #expect(abs(s.latencySeconds - (computeTime + transferTime)) < 1e-15)
    }
}
