import ArgumentParser
import FINCommandLine
import FINGenerator
import FINModel
import Foundation

/// `generate --topology`: the options of an instance built on a real topology.
struct TopologyOptions: ParsableArguments {
    @Option(help: "Build the instance on this topology file (NetworkX node-link JSON, or Topology Zoo GraphML).")
    var topology: String?
    @Option(help: "Topology: cloud data centres, attached to this many highest-degree PoPs (ties by id; default 1).")
    var clouds: Int?
    @Option(help: "Topology: attach clouds to these PoPs instead (comma-separated topology node ids).")
    var cloudAt: String?
    @Option(help: "Topology: devices per PoP, LO:HI (default 1:2).")
    var devicesPerPop: IntRangeArgument?
    @Option(help: "Topology: share of PoPs (drawn by the seed) that have devices, in (0, 1] (default 1).")
    var deviceFraction: Double?
    @Option(help: "Topology: only these PoPs have devices (comma-separated topology node ids).")
    var deviceAt: String?
    @Option(help: "Topology: length in km of a link with no length and no end positions (default 100).")
    var defaultLinkKm: Double?
    @Option(help: "Topology: the instance name's stem (default: the file name without extension).")
    var topologyName: String?

    /// True when any option other than --topology is given.
    var isSet: Bool {
        clouds != nil || cloudAt != nil || devicesPerPop != nil || deviceFraction != nil || deviceAt != nil
            || defaultLinkKm != nil || topologyName != nil
    }

    /// The topology's settings on top of the generator's.
    func config(generator: GeneratorConfig) -> TopologyConfig {
        var t = TopologyConfig()
        t.generator = generator
        t.name = topologyName
        if let clouds { t.clouds = clouds }
        if let cloudAt { t.cloudAt = Self.list(cloudAt) }
        if let devicesPerPop { t.devicesPerPoP = devicesPerPop.range }
        if let deviceFraction { t.deviceFraction = deviceFraction }
        if let deviceAt { t.deviceAt = Self.list(deviceAt) }
        if let defaultLinkKm { t.defaultLinkKilometres = defaultLinkKm }
        return t
    }

    /// Reads the topology (exit 65 when it is bad, 66 when unreadable) and builds the instance.
    func instance(file: String, generator: GeneratorConfig) throws -> Instance {
        let topology = try failing { try TopologyReader.read(file) }
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let c = config(generator: generator)
        return try failing { try TopologyGenerator.generate(topology, c, stem: stem) }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
