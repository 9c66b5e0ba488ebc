import FINGenerator
import FINModel
import Foundation
import Testing

/// Small topology files written for these tests (no Python, no topohub).
enum TopologyFixtures {
    /// A directed node-link graph with integer ids, `links`, topohub's `dist` and `pos`.
    static let nodeLinkWithLengths = """
        {"directed": true, "multigraph": false, "graph": {"name": "tri"},
         "nodes": [{"id": 0, "pos": [-74.01, 40.71], "name": "New York"}, {"id": 1, "pos": [-87.65, 41.85]},
                   {"id": 2, "pos": [-77.04, 38.9]}],
         "links": [{"source": 0, "target": 1, "dist": 1234}, {"source": 1, "target": 0, "dist": 1234},
                   {"source": 1, "target": 2, "dist": 1000}, {"source": 2, "target": 0, "dist": 328}]}
        """
    /// An undirected node-link graph with string ids, `edges`, no lengths, positions for two nodes.
    static let nodeLinkEdges = """
        {"directed": false, "graph": {},
         "nodes": [{"id": "a", "longitude": 0, "latitude": 0}, {"id": "b", "longitude": 1, "latitude": 0},
                   {"id": "c"}],
         "edges": [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}]}
        """
    /// Topology Zoo style GraphML: keys, Latitude/Longitude/label, a node without a position,
    /// a parallel edge.
    static let zoo = """
        <?xml version="1.0" encoding="utf-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key attr.name="Network" attr.type="string" for="graph" id="d2" />
          <key attr.name="Longitude" attr.type="double" for="node" id="d29" />
          <key attr.name="Latitude" attr.type="double" for="node" id="d32" />
          <key attr.name="label" attr.type="string" for="node" id="d33" />
          <key attr.name="LinkLabel" attr.type="string" for="edge" id="d37" />
          <graph edgedefault="undirected">
            <data key="d2">Tiny</data>
            <node id="0"><data key="d29">16.37</data><data key="d32">48.21</data><data key="d33">Vienna</data></node>
            <node id="1"><data key="d29">14.29</data><data key="d32">48.31</data><data key="d33">Linz</data></node>
            <node id="2"><data key="d33">Internal</data></node>
            <edge source="0" target="1"><data key="d37">10G</data></edge>
            <edge source="1" target="0" />
            <edge source="1" target="2" />
          </graph>
        </graphml>
        """

    static func write(_ text: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fin-topology-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func instance(_ text: String, _ name: String, _ edit: (inout TopologyConfig) -> Void = { _ in }) throws
        -> Instance
    {
        let path = try write(text, name)
        let topology = try TopologyReader.read(path)
        var c = TopologyConfig()
        c.generator.applications = 3
        edit(&c)
        return try TopologyGenerator.generate(topology, c, stem: "t")
    }
}

@Suite("Topology import")
struct TopologyTests {
    func link(_ i: Instance, _ a: String, _ b: String) -> Link? { i.links.first { $0.from == a && $0.to == b } }

    @Test func aLinkOfDKilometresTakesDOver200000SecondsBothWays() throws {
        let i = try TopologyFixtures.instance(TopologyFixtures.nodeLinkWithLengths, "tri.json")
        #expect(InstanceValidator.issues(of: i).isEmpty)
        for (a, b, km) in [("p-0", "p-1", 1234.0), ("p-1", "p-2", 1000), ("p-2", "p-0", 328)] {
            #expect(link(i, a, b)?.latencySeconds == km / 200_000)
            #expect(link(i, b, a)?.latencySeconds == km / 200_000)
        }
        // Both directions in the file are one topology link: one pair of instance links.
        #expect(i.links.filter { $0.from == "p-0" && $0.to == "p-1" }.count == 1)
        #expect(i.nodes.first { $0.id == "p-0" }?.longitude == -74.01)
        #expect(i.nodes.first { $0.id == "p-0" }?.latitude == 40.71)
    }

    @Test func withoutLengthsTheGreatCircleOrTheDefault() throws {
        let i = try TopologyFixtures.instance(TopologyFixtures.nodeLinkEdges, "edges.json") {
            $0.defaultLinkKilometres = 50
        }
        #expect(InstanceValidator.issues(of: i).isEmpty)
        // One degree of longitude on the equator: 111.19 km.
        let ab = try #require(link(i, "p-a", "p-b")?.latencySeconds)
        #expect(abs(ab - 111.19 / 200_000) < 1e-7)  // 4 significant digits
        #expect(link(i, "p-b", "p-c")?.latencySeconds == 50.0 / 200_000)
        #expect(i.nodes.first { $0.id == "p-c" }?.longitude == nil)
    }

    @Test func zooGraphML() throws {
        let path = try TopologyFixtures.write(TopologyFixtures.zoo, "Tiny.graphml")
        let t = try TopologyReader.read(path)
        #expect(t.name == "Tiny")
        #expect(t.nodes.map(\.label) == ["Vienna", "Linz", "Internal"])
        #expect(t.nodes[0].longitude == 16.37 && t.nodes[0].latitude == 48.21)
        #expect(t.nodes[2].longitude == nil)
        #expect(t.links.count == 2)  // the parallel edge merged
        var c = TopologyConfig()
        c.cloudAt = ["2"]
        c.devicesPerPoP = 2...2
        let i = try TopologyGenerator.generate(t, c, stem: "Tiny")
        #expect(InstanceValidator.issues(of: i).isEmpty)
        #expect(i.nodes.filter { $0.tier == .device }.count == 6)
        #expect(i.nodes.filter { $0.tier == .cloud }.map(\.id) == ["c-2"])
        // Vienna-Linz great circle is about 153 km.
        let d = try #require(link(i, "p-0", "p-1")?.latencySeconds)
        #expect(abs(d * 200_000 - 153) < 2)
    }

    @Test func cloudsAtTheHighestDegreeTiesById() throws {
        // Star centre 1 has degree 3; the leaves tie at 1 and go by id (numerically: 2 before 10).
        let star = """
            {"nodes": [{"id": 10}, {"id": 1}, {"id": 2}, {"id": 3}],
             "links": [{"source": 1, "target": 10}, {"source": 1, "target": 2}, {"source": 1, "target": 3}]}
            """
        let i = try TopologyFixtures.instance(star, "star.json") { $0.clouds = 3 }
        #expect(i.nodes.filter { $0.tier == .cloud }.map(\.id) == ["c-1", "c-2", "c-3"])
    }

    @Test func seededAndByteDeterministic() throws {
        let a = try TopologyFixtures.instance(TopologyFixtures.nodeLinkWithLengths, "tri.json") {
            $0.generator.seed = 9
        }
        let b = try TopologyFixtures.instance(TopologyFixtures.nodeLinkWithLengths, "tri.json") {
            $0.generator.seed = 9
        }
        let c = try TopologyFixtures.instance(TopologyFixtures.nodeLinkWithLengths, "tri.json") {
            $0.generator.seed = 10
        }
        let text = { (i: Instance) in JSONWriter.string(InstanceFile.encode(i)) }
        #expect(text(a) == text(b))
        #expect(text(a) != text(c))
        // Positions survive a write and a read, with no warning.
        let loaded = try InstanceFile.decode(text: text(a))
        #expect(loaded.instance == a)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func devicesOnlyWhereAsked() throws {
        let i = try TopologyFixtures.instance(TopologyFixtures.nodeLinkWithLengths, "tri.json") {
            $0.deviceAt = ["2"]
            $0.devicesPerPoP = 3...3
        }
        #expect(i.nodes.filter { $0.tier == .device }.map(\.id) == ["d-2-0", "d-2-1", "d-2-2"])
        #expect(Set(i.applications.map(\.source)).isSubset(of: ["d-2-0", "d-2-1", "d-2-2"]))
    }

    @Test(arguments: [
        (#"{"nodes": [], "links": []}"#, TopologyError.noNodes(file: "bad.json")),
        (
            #"{"nodes": [{"id": 1}, {"id": 2}, {"id": 3}], "links": [{"source": 1, "target": 2}]}"#,
            .disconnected(file: "bad.json", id: "3", unreached: 1)
        ),
        (
            #"{"nodes": [{"id": 1}, {"id": 2}], "links": [{"source": 1, "target": 7}]}"#,
            .unknownNode(file: "bad.json", link: 0, id: "7")
        ),
        (
            #"{"nodes": [{"id": 1, "pos": [200, 0]}], "links": []}"#,
            .positionOutOfRange(file: "bad.json", id: "1", detail: "longitude 200.0 outside [-180, 180]")
        ),
        (
            #"{"nodes": [{"id": 1}, {"id": 2}], "links": [{"source": 1, "target": 2}, {"source": 2, "target": 2}]}"#,
            .selfLoop(file: "bad.json", link: 1, id: "2")
        ),
        (#"{"nodes": [{"id": "x"}, {"id": "x"}], "links": []}"#, .duplicateNode(file: "bad.json", id: "x")),
    ])
    func badFilesGetTypedErrors(text: String, expected: TopologyError) throws {
        #expect(throws: expected) {
            try TopologyReader.parse(Data(text.utf8), file: "bad.json").validated(file: "bad.json")
        }
    }

    @Test func badGraphMLNamesTheElement() throws {
        let text = TopologyFixtures.zoo.replacingOccurrences(of: #"target="2""#, with: #"target="9""#)
        #expect(throws: TopologyError.unknownNode(file: "z.graphml", link: 2, id: "9")) {
            try TopologyReader.parse(Data(text.utf8), file: "z.graphml").validated(file: "z.graphml")
        }
        #expect(throws: TopologyError.self) {
            try TopologyReader.parse(Data("<graphml><graph>".utf8), file: "cut.graphml")
        }
    }
}
