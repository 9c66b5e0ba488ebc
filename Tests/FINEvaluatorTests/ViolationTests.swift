import FINEvaluator
import FINModel
import Testing

/// A hand-built instance with every feature: exit probabilities, a destination, share levels,
/// a relay, and capacities small enough to break.
///
///     dev --(1e6 bit/s, 1 ms)--> relay --(1e9, 1 ms)--> edge --(1e9, 0)--> sink
///     edge -> relay -> dev on the way back
func featureInstance(shareLevels: [Double]? = [0.5, 1]) -> Instance {
    let nodes = [
        Node(id: "dev", tier: .device, opsPerSecond: 1e9, powerWatts: 2, memoryBytes: 10),
        Node(id: "relay", tier: .relay, opsPerSecond: 0, powerWatts: 0, memoryBytes: 0),
        Node(id: "edge", tier: .edge, opsPerSecond: 1e10, powerWatts: 50, memoryBytes: 100),
        Node(id: "sink", tier: .cloud, opsPerSecond: 1e11, powerWatts: 100, memoryBytes: 100),
    ]
    func link(_ a: String, _ b: String, _ bw: Double, _ lat: Double, _ e: Double) -> Link {
        Link(from: a, to: b, bitsPerSecond: bw, latencySeconds: lat, joulesPerBit: e)
    }
    let links = [
        link("dev", "relay", 1e6, 0.001, 1e-7), link("relay", "edge", 1e9, 0.001, 1e-8),
        link("edge", "sink", 1e9, 0, 1e-8),
        link("edge", "relay", 1e9, 0.001, 1e-8), link("relay", "dev", 1e6, 0.001, 1e-7),
    ]
    let model = DNNModel(
        id: "m", inputBits: 1000,
        blocks: [
            Block(ops: 1e8, outputBits: 2000, memoryBytes: 4), Block(ops: 2e8, outputBits: 500, memoryBytes: 5),
            Block(ops: 4e8, outputBits: 100, memoryBytes: 6),
        ],
        exits: [
            Exit(afterBlock: 1, accuracy: 0.6, ops: 1e6, exitProbability: 0.5), Exit(afterBlock: 3, accuracy: 0.9),
        ],
        resultBits: 50)
    let apps = [
        Application(
            id: "a", model: "m", source: "dev", destination: "sink", ratePerSecond: 2, maxLatencySeconds: 0.5,
            minAccuracy: 0.7, pinFirstBlockToSource: true),
        Application(id: "b", model: "m", source: "dev", ratePerSecond: 1, maxLatencySeconds: 1, minAccuracy: 0.5),
    ]
    return Instance(
        name: "features", nodes: nodes, links: links, models: [model], applications: apps, shareLevels: shareLevels)
}

/// Block 1 on the device, blocks 2-3 on the edge, result to the sink.
let goodA = Deployment(
    application: "a", exitAfterBlock: 3, hosts: ["dev", "edge", "edge"], shares: ["dev": 0.5, "edge": 0.5],
    transfers: [
        Transfer(afterBlock: 1, path: ["dev", "relay", "edge"]), Transfer(afterBlock: 3, path: ["edge", "sink"]),
    ])
/// Exit 1 on the device.
let goodB = Deployment(application: "b", exitAfterBlock: 1, hosts: ["dev"], shares: ["dev": 0.5], transfers: [])

@Suite("Evaluator: scores with exit probabilities and destinations")
struct ExpectedScoreTests {
    @Test func exitProbabilitiesWeightEnergyButNotLatency() throws {
        let e = Evaluator(featureInstance())
        let result = e.evaluate([goodA, goodB])
        #expect(result.feasible, "\(result.violations)")
        let s = try #require(result.deployments[0].scores)
        // Compute: block 1 (+ exit ops) at 2 W / 1e9; blocks 2, 3 reached by half the samples at 50 W / 1e10.
        let compute = (1e8 + 1e6) * 2e-9 + 0.5 * (2e8 + 4e8) * 5e-9
        // Block 1's output is sent for the half that goes on; the result for every sample.
        let communication = 0.5 * 2000 * (1e-7 + 1e-8) + 50 * 1e-8
        #expect(abs(s.computeEnergyJoules - compute) < 1e-15)
        #expect(abs(s.communicationEnergyJoules - communication) < 1e-15)
        // Latency: worst case, every block at the share's speed, every transfer in full.
        let computeTime: Double = (1e8 + 1e6) / (0.5 * 1e9) + (2e8 + 4e8) / (0.5 * 1e10)
        let transferTime: Double = (2000 / 1e6 + 0.001) + (2000 / 1e9 + 0.001) + 50 / 1e9
        let latency = computeTime + transferTime
        #expect(abs(s.latencySeconds - latency) < 1e-15)
        #expect(abs(s.accuracy - (0.5 * 0.6 + 0.5 * 0.9)) < 1e-15)
        #expect(abs(result.objectiveJoulesPerSecond - (2 * s.energyJoules + (1e8 + 1e6) * 2e-9)) < 1e-15)
        // Footprint: load = rate * reach * ops; traffic = rate * probability * bits.
        let f = try #require(result.deployments[0].footprint)
        let expectedLoad: [Double] = [2 * 1.01e8, 2 * 0.5 * 6e8]
        let expectedTraffic: [Double] = [2000, 2000, 100]
        let expectedMemory: [Double] = [4, 11]
        #expect(f.load.map(\.opsPerSecond) == expectedLoad)
        #expect(f.traffic.map(\.bitsPerSecond) == expectedTraffic)
        #expect(f.memory.map(\.bytes) == expectedMemory)
    }
}

@Suite("Evaluator: violations")
struct ViolationTests {
    let evaluator = Evaluator(featureInstance())

    func kinds(_ deployments: [Deployment], all: Bool = false) -> [ViolationKind] {
        evaluator.evaluate(deployments, requireAllApplications: all).violations.map(\.kind)
    }

    func details(_ d: Deployment) -> [String] {
        evaluator.evaluate(d).violations.compactMap(\.detail)
    }

    @Test func latencyBoundWithExcess() throws {
        var d = goodA
        d.shares = ["dev": 0.5]
        d.hosts = ["dev", "dev", "dev"]
        d.transfers = [Transfer(afterBlock: 3, path: ["dev", "relay", "edge", "sink"])]
        let v = evaluator.evaluate(d).violations
        let latency = try #require(v.first { $0.kind == .latency })
        // 7.01e8 ops at half of 1e9 ops/s = 1.402 s, plus the result's trip.
        #expect(latency.subject == "application a")
        #expect(abs(latency.value! - (1.402 + 50 / 1e6 + 0.001 + 50 / 1e9 + 0.001 + 50 / 1e9)) < 1e-12)
        #expect(latency.limit == 0.5)
        #expect(abs(latency.excess! - (latency.value! - 0.5)) < 1e-15)
        #expect(latency.description.hasPrefix("[latency] application a: 1.4"))
    }

    @Test func accuracyTarget() {
        var d = goodA
        d.exitAfterBlock = 1
        d.hosts = ["dev"]
        d.shares = ["dev": 0.5]
        d.transfers = [Transfer(afterBlock: 1, path: ["dev", "relay", "edge", "sink"])]
        #expect(kinds([d]) == [.accuracy])
    }

    @Test func pinnedFirstBlock() {
        var d = goodA
        d.hosts = ["edge", "edge", "edge"]
        d.shares = ["edge": 1]
        d.transfers = [
            Transfer(afterBlock: 0, path: ["dev", "relay", "edge"]), Transfer(afterBlock: 3, path: ["edge", "sink"]),
        ]
        #expect(kinds([d]) == [.pinnedSource])
    }

    @Test func memoryIsSharedAcrossApplications() {
        // Each fits alone (device memory 10; a: 4, b: 4), a third block 1 on the device breaks it.
        var b2 = goodB
        b2.exitAfterBlock = 3
        b2.hosts = ["dev", "dev", "edge"]
        b2.shares = ["dev": 0.5, "edge": 0.5]
        b2.transfers = [Transfer(afterBlock: 2, path: ["dev", "relay", "edge"])]
        #expect(kinds([b2]).isEmpty)
        let v = evaluator.evaluate([goodA, b2]).violations
        #expect(v.map(\.kind) == [.memory])
        #expect(v[0].subject == "node dev" && v[0].value == 13 && v[0].limit == 10)
    }

    @Test func bandwidthAndComputeLoad() {
        let tight = featureInstanceWith { inst in
            inst.applications[0].ratePerSecond = 2000  // 2000 * 0.5 * 2000 bit/s > 1e6 on dev -> relay
        }
        let v = Evaluator(tight).evaluate(goodA).violations.map(\.kind)
        #expect(v.contains(.bandwidth))
        #expect(v.contains(.computeLoad))  // 2000 * 1.01e8 ops/s > 1e9 on dev
        #expect(v.contains(.shareLoad))
    }

    @Test func sharesMustSumToAtMostOne() {
        var a = goodA
        a.shares = ["dev": 1, "edge": 0.5]
        let v = evaluator.evaluate([a, goodB]).violations
        #expect(v.map(\.kind) == [.shareSum])
        #expect(v[0].subject == "node dev" && v[0].value == 1.5)
    }

    @Test func missingAndDuplicateApplications() {
        #expect(kinds([goodA], all: true) == [.missingApplication])
        #expect(kinds([goodA, goodB, goodB], all: true) == [.structure])
        #expect(evaluator.evaluate([], requireAllApplications: true).feasible == false)
    }

    typealias Edit = @Sendable (inout Deployment) -> Void
    static let structuralCases: [(String, Edit, String)] = [
        (
            "unknown application", { (d: inout Deployment) in d.application = "zzz" },
            "no such application in the instance"
        ),
        (
            "not an exit", { (d: inout Deployment) in d.exitAfterBlock = 2 },
            "exitAfterBlock 2 is not an exit of model m (exits after blocks 1, 3)"
        ),
        ("too few hosts", { (d: inout Deployment) in d.hosts = ["dev", "edge"] }, "2 hosts for 3 deployed blocks"),
        ("unknown host", { (d: inout Deployment) in d.hosts[2] = "moon" }, #"hosts[2]: unknown node "moon""#),
        (
            "relay host", { (d: inout Deployment) in d.hosts[1] = "relay" },
            #"hosts[1]: node "relay" cannot compute (speed 0)"#
        ),
        (
            "missing shares", { (d: inout Deployment) in d.shares = nil },
            "the instance has shareLevels, so shares must be given"
        ),
        (
            "share not a level", { (d: inout Deployment) in d.shares = ["dev": 0.5, "edge": 0.3] },
            #"share 0.3 on "edge" is not one of the share levels"#
        ),
        (
            "share missing on a host", { (d: inout Deployment) in d.shares = ["dev": 0.5] },
            #"no share given on host "edge""#
        ),
        (
            "share on a non-host", { (d: inout Deployment) in d.shares = ["dev": 0.5, "edge": 0.5, "sink": 1] },
            #"share given on "sink", which hosts no block"#
        ),
        (
            "missing transfer", { (d: inout Deployment) in d.transfers.removeFirst() },
            #"missing transfer of block 1's output (afterBlock 1) from "dev" to "edge""#
        ),
        (
            "missing result", { (d: inout Deployment) in d.transfers.removeLast() },
            #"missing transfer of the result (afterBlock 3) from "edge" to "sink""#
        ),
        (
            "transfer between equal ends",
            { (d: inout Deployment) in d.transfers.append(Transfer(afterBlock: 2, path: ["edge", "edge"])) },
            #"both ends are "edge""#
        ),
        (
            "transfer after a block past the exit",
            { (d: inout Deployment) in d.transfers.append(Transfer(afterBlock: 4, path: ["edge", "sink"])) },
            "no such transfer"
        ),
        (
            "path from the wrong node", { (d: inout Deployment) in d.transfers[0].path = ["relay", "edge"] },
            "the path must run from \"dev\" to \"edge\""
        ),
        (
            "path over a missing link", { (d: inout Deployment) in d.transfers[0].path = ["dev", "edge"] },
            "no link dev -> edge"
        ),
        (
            "path with a loop",
            { (d: inout Deployment) in d.transfers[0].path = ["dev", "relay", "dev", "relay", "edge"] },
            "visits a node twice"
        ),
        (
            "path through an unknown node", { (d: inout Deployment) in d.transfers[0].path = ["dev", "x", "edge"] },
            #"unknown node "x" in the path"#
        ),
        (
            "same transfer twice", { (d: inout Deployment) in d.transfers.append(d.transfers[0]) },
            "a second transfer after block 1"
        ),
    ]

    @Test func structuralProblemsAreNamed() {
        for (name, edit, detail) in Self.structuralCases {
            var d = goodA
            edit(&d)
            let found = details(d)
            #expect(found.contains { $0.contains(detail) }, "\(name): \(found)")
            #expect(evaluator.evaluate(d).violations.allSatisfy { $0.kind == .structure }, "\(name)")
        }
    }

    @Test func sharesWithoutLevelsAreStructural() {
        let e = Evaluator(featureInstance(shareLevels: nil))
        #expect(
            e.evaluate(goodA).violations.compactMap(\.detail) == ["shares given, but the instance has no shareLevels"])
        var a = goodA
        a.shares = nil
        #expect(e.evaluate(a).feasible)
    }

    @Test func rescoreReplacesClaimsAndRecomputesTheGap() {
        var a = goodA
        a.energyJoules = 123
        let s = Solution(
            instance: "features", method: "test", status: .feasible, objectiveJoulesPerSecond: 999,
            boundJoulesPerSecond: 0, deployments: [a, goodB])
        let (out, eval) = evaluator.rescored(s)
        #expect(out.deployments[0].energyJoules == eval.deployments[0].scores!.energyJoules)
        #expect(out.objectiveJoulesPerSecond == eval.objectiveJoulesPerSecond)
        #expect(out.gap == 1)
    }
}

func featureInstanceWith(_ edit: (inout Instance) -> Void) -> Instance {
    var i = featureInstance()
    edit(&i)
    return i
}
