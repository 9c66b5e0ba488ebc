import FINDraw
import FINGenerator
import FINModel
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects the drawing's elements by class, with their attributes.
final class SVGElements: NSObject, XMLParserDelegate {
    var byClass: [String: [[String: String]]] = [:]
    var root: String?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = name }
        if let c = attributes["class"] { byClass[c, default: []].append(attributes) }
    }
}

@Suite("Drawing")
struct DrawTests {
    /// A 200-node instance with positions (a 10 x 10 grid of PoPs, one device each) and a
    /// deployment per application: block 1 on its source, the rest on a PoP two hops away.
    func instanceAndSolution() throws -> (Instance, Solution) {
        var nodes: [String] = []
        var links: [String] = []
        for r in 0..<10 {
            for c in 0..<10 {
                let id = r * 10 + c
                nodes.append(#"{"id": \#(id), "pos": [\#(Double(c) * 0.5), \#(45 + Double(r) * 0.4)]}"#)
                if c < 9 { links.append(#"{"source": \#(id), "target": \#(id + 1)}"#) }
                if r < 9 { links.append(#"{"source": \#(id), "target": \#(id + 10)}"#) }
            }
        }
        let text = #"{"nodes": [\#(nodes.joined(separator: ","))], "links": [\#(links.joined(separator: ","))]}"#
        let topology = try TopologyReader.parse(Data(text.utf8), file: "grid.json").validated(file: "grid.json")
        var c = TopologyConfig()
        c.devicesPerPoP = 1...1
        c.clouds = 2
        c.generator.applications = 12
        let instance = try TopologyGenerator.generate(topology, c, stem: "grid")
        #expect(instance.nodes.count == 202)
        var deployments: [Deployment] = []
        for a in instance.applications {
            let model = instance.models.first { $0.id == a.model }!
            let pop = a.source.split(separator: "-")[1]
            let here = Int(pop)!
            let there = here % 10 < 8 ? here + 2 : here - 2
            let mid = (here + there) / 2
            let hosts = [a.source] + Array(repeating: "p-\(there)", count: model.blocks.count - 1)
            let path = [a.source, "p-\(here)", "p-\(mid)", "p-\(there)"]
            deployments.append(
                Deployment(
                    application: a.id, exitAfterBlock: model.blocks.count, hosts: hosts, shares: nil,
                    transfers: [Transfer(afterBlock: 1, path: path)]))
        }
        let solution = Solution(instance: instance.name, method: "test", status: .feasible, deployments: deployments)
        return (instance, solution)
    }

    @Test func everyHostAndTransferIsDrawnInAValidSVG() throws {
        let (instance, solution) = try instanceAndSolution()
        let svg = DeploymentDrawing().svg(instance, solution: solution)
        let elements = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = elements
        #expect(parser.parse())
        #expect(elements.root == "svg")
        let hosts = elements.byClass["host"] ?? []
        let transfers = elements.byClass["transfer"] ?? []
        for d in solution.deployments {
            for run in DeploymentDrawing.hostRuns(d) {
                let blocks =
                    run.blocks.count == 1
                    ? "\(run.blocks.lowerBound)"
                    : "\(run.blocks.lowerBound)-\(run.blocks.upperBound)"
                #expect(
                    hosts.contains {
                        $0["data-application"] == d.application && $0["data-node"] == run.node
                            && $0["data-blocks"] == blocks
                    })
            }
            for t in d.transfers {
                #expect(
                    transfers.contains {
                        $0["data-application"] == d.application && $0["data-after-block"] == String(t.afterBlock)
                            && $0["data-path"] == t.path.joined(separator: " ")
                            && $0["points"]?.split(separator: " ").count == t.path.count
                    })
            }
        }
        // Every node is drawn at 202 nodes, by tier.
        #expect((elements.byClass["edge"] ?? []).count == 100 + 1)  // 100 PoPs and the legend's
        #expect((elements.byClass["cloud"] ?? []).count == 2 + 1)
        // Deterministic text.
        #expect(svg == DeploymentDrawing().svg(instance, solution: solution))
    }

    @Test func largeNetworksHideIdleDevices() throws {
        let (instance, solution) = try instanceAndSolution()
        var drawing = DeploymentDrawing()
        drawing.detailNodes = 100
        let svg = drawing.svg(instance, solution: solution)
        let sources = Set(
            solution.deployments.compactMap { d in instance.applications.first { $0.id == d.application }?.source })
        #expect(svg.contains("\(100 - sources.count) devices without a deployment not drawn"))
    }

    @Test func withoutPositionsALayeredLayout() throws {
        var c = GeneratorConfig()
        c.nodes = 30
        let instance = try Generator.generate(c)
        let svg = DeploymentDrawing().svg(instance, solution: nil)
        #expect(svg.contains("layered by tier"))
        #expect(svg.hasSuffix("</svg>\n"))
    }
}
