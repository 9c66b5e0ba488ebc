import FINModel

/// The papers' scenario found in an instance, whatever its ids or order: which node plays
/// which tier, and which DNN each application runs.
struct PaperRoles: Sendable {
    /// One application of the scenario.
    struct User: Sendable {
        let application: Int
        let device: String
        let model: AuthorsModel
    }
    let edge: String
    let cloud: String
    /// In application order of the instance.
    let users: [User]

    /// Node id of a tier code (1 device of `user`, 2 edge, 3 cloud).
    func node(tier: Int, user: User) -> String {
        switch tier {
        case 1: return user.device
        case 2: return edge
        default: return cloud
        }
    }
}

/// Recognises the papers' scenario by its structure (docs/AUTHORS.md, "Where the port runs").
enum PaperRecognition {
    static func close(_ a: Double, _ b: Double, relative: Double = 1e-6) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b))
    }

    /// The roles, or a typed error saying what the authors' code needs.
    static func roles(_ instance: Instance) throws(AuthorsError) -> PaperRoles {
        guard !instance.applications.isEmpty else { throw .notPaperApplication("no application") }
        let byTier = { (t: Tier) in instance.nodes.filter { $0.tier == t } }
        let edges = byTier(.edge), clouds = byTier(.cloud), devices = byTier(.device)
        guard edges.count == 1, clouds.count == 1, byTier(.relay).isEmpty else {
            throw .notPaperNetwork(
                "needs exactly one edge server, one cloud and no relay (found \(edges.count) edge, "
                    + "\(clouds.count) cloud, \(byTier(.relay).count) relay)")
        }
        let edge = edges[0], cloud = clouds[0]
        try checkSpeed(edge, tier: 2)
        try checkSpeed(cloud, tier: 3)
        guard devices.count == instance.applications.count else {
            throw .notPaperNetwork(
                "needs one device per application (\(devices.count) devices, "
                    + "\(instance.applications.count) applications)")
        }
        var expectedLinks = [(edge.id, cloud.id, 2, 3)]
        var users: [PaperRoles.User] = []
        var usedDevices: [String] = []
        for (a, app) in instance.applications.enumerated() {
            guard let device = devices.first(where: { $0.id == app.source }) else {
                throw .notPaperApplication("application \(app.id): its source must be a device")
            }
            guard !usedDevices.contains(device.id) else {
                throw .notPaperApplication(
                    "application \(app.id): device \(device.id) already runs another application")
            }
            usedDevices.append(device.id)
            try checkSpeed(device, tier: 1)
            guard app.pinFirstBlockToSource else {
                throw .notPaperApplication("application \(app.id): block 1 must be pinned to its device")
            }
            guard app.destination == nil else {
                throw .notPaperApplication(
                    "application \(app.id): the authors' code delivers no result (no destination)")
            }
            guard let model = instance.models.first(where: { $0.id == app.model }) else {
                throw .unsupportedModel("application \(app.id): unknown model \(app.model)")
            }
            users.append(PaperRoles.User(application: a, device: device.id, model: try recognise(model)))
            expectedLinks += [(device.id, edge.id, 1, 2), (device.id, cloud.id, 1, 3)]
        }
        guard instance.links.count == expectedLinks.count else {
            throw .notPaperNetwork(
                "needs exactly the upward links device -> edge, device -> cloud, edge -> cloud "
                    + "(\(expectedLinks.count) links, found \(instance.links.count))")
        }
        for (from, to, ft, tt) in expectedLinks {
            guard let link = instance.links.first(where: { $0.from == from && $0.to == to }) else {
                throw .notPaperNetwork("missing link \(from) -> \(to)")
            }
            try checkLink(link, from: ft, to: tt)
        }
        return PaperRoles(edge: edge.id, cloud: cloud.id, users: users)
    }

    static func checkSpeed(_ node: Node, tier: Int) throws(AuthorsError) {
        let expected = AuthorsTiers.teraOpsPerSecond[tier - 1] * 1e12
        guard close(node.opsPerSecond, expected) else {
            throw .notPaperNetwork(
                "node \(node.id): the code hard-codes \(expected) ops/s for its tier, "
                    + "found \(node.opsPerSecond)")
        }
    }

    /// The code's receive time per bit and per-tier energies must match the link's figures.
    static func checkLink(_ link: Link, from: Int, to: Int) throws(AuthorsError) {
        let rate = 1 / (AuthorsTiers.nanosecondsPerBit[to - 1] * 1e-9)
        let energy = (AuthorsTiers.nanojoulesPerBit[from - 1] + AuthorsTiers.nanojoulesPerBit[to - 1]) * 1e-9
        guard close(link.bitsPerSecond, rate, relative: 1e-3), close(link.joulesPerBit, energy),
            link.latencySeconds == 0
        else {
            throw .notPaperNetwork(
                "link \(link.from) -> \(link.to): the code's figures are \(rate) bit/s, "
                    + "\(energy) J/bit, no propagation delay")
        }
    }

    /// The authors' DNN whose figures the model has (block ops, outputs, exits, accuracies).
    static func recognise(_ model: DNNModel) throws(AuthorsError) -> AuthorsModel {
        for candidate in AuthorsModel.allCases {
            let f = candidate == .alexNet ? AuthorsModel.singleAlexNet : candidate.multiModel
            guard model.blocks.count == candidate.blockCount,
                model.exits.map(\.afterBlock).sorted() == f.exitBlocks
            else { continue }
            let opsMatch = model.blocks.indices.allSatisfy { close(model.blocks[$0].ops, f.ops[$0] * 1e9) }
            let outputsMatch = f.features.indices.allSatisfy { close(model.blocks[$0].outputBits, f.features[$0] * 8) }
            guard opsMatch, outputsMatch else { continue }
            let accuracies = model.exits.sorted { $0.afterBlock < $1.afterBlock }.map(\.accuracy)
            guard zip(accuracies, f.accuracies).allSatisfy({ abs($0 * 100 - $1) < 0.05 }) else {
                throw .unsupportedModel(
                    "model \(model.id) has the blocks of \(candidate.rawValue) but not the "
                        + "accuracies the code decides with (\(f.accuracies.map { ($0 * 100).rounded() / 10000 }))")
            }
            guard model.exits.allSatisfy({ $0.exitProbability == 0 || $0.afterBlock == model.blocks.count }) else {
                throw .unsupportedModel("model \(model.id): the code has no exit probabilities (all must be 0)")
            }
            return candidate
        }
        throw .unsupportedModel(
            "model \(model.id) is none of B-AlexNet (CIFAR-10), B-ResNet, B-LeNet as the code "
                + "hard-codes them")
    }
}
