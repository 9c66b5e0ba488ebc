import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

extension TopologyReader {
    /// Parses GraphML as the Internet Topology Zoo writes it: `<key>` declarations map ids such
    /// as `d29` to attribute names (`Longitude`, `Latitude`, `label`; a link length under
    /// `dist`, `distance`, `length` or `km`), `<node id>` and `<edge source target>` carry
    /// `<data key>` children. Nodes without both coordinates have no position. Directed or not,
    /// links are taken as two-way.
    static func parseGraphML(_ data: Data, file: String) throws(TopologyError) -> Topology {
        let collector = GraphMLCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        let finished = parser.parse()
        if finished, collector.problem == nil, let open = collector.open.last {
            collector.problem = "the document ends inside <\(open)>"
        }
        guard finished, collector.problem == nil else {
            let reason = collector.problem ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown"
            throw .malformed(file: file, reason: "not GraphML: \(reason) (line \(parser.lineNumber))")
        }
        guard collector.sawGraph else { throw .malformed(file: file, reason: "no <graph> element") }
        func number(_ text: String?, _ what: String) throws(TopologyError) -> Double? {
            guard let text else { return nil }
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { return nil }
            guard let x = Double(t) else { throw .malformed(file: file, reason: "\(what): \"\(t)\" is not a number") }
            return x
        }
        var nodes: [Topology.Node] = []
        for n in collector.nodes {
            let a = n.attributes
            let lon = try number(a["longitude"], "node \"\(n.id)\" Longitude")
            let lat = try number(a["latitude"], "node \"\(n.id)\" Latitude")
            // Topology Zoo leaves some nodes without coordinates: no position, not an error.
            let both = lon != nil && lat != nil
            nodes.append(
                Topology.Node(
                    id: n.id, label: a["label"] ?? a["name"], longitude: both ? lon : nil, latitude: both ? lat : nil))
        }
        var links: [Topology.Link] = []
        for (k, e) in collector.edges.enumerated() {
            var km: Double?
            for key in ["dist", "distance", "length", "km"] {
                if let x = try number(e.attributes[key], "link \(k) \(key)") {
                    km = x
                    break
                }
            }
            links.append(Topology.Link(a: e.source, b: e.target, kilometres: km))
        }
        return Topology(name: collector.graphName, nodes: nodes, links: links)
    }
}

/// Collects GraphML elements during an `XMLParser` pass; attribute names are lower-cased.
final class GraphMLCollector: NSObject, XMLParserDelegate {
    struct Element {
        var id: String
        var source: String
        var target: String
        var attributes: [String: String] = [:]
    }

    /// Key id -> attribute name (lower-cased).
    var keyNames: [String: String] = [:]
    var nodes: [Element] = []
    var edges: [Element] = []
    var graphName: String?
    var sawGraph = false
    var problem: String?
    /// Elements opened and not yet closed (some XMLParser versions accept a truncated document).
    var open: [String] = []
    /// The node or edge being read (true: an edge), the data key being read and its text.
    private var current: (isEdge: Bool, element: Element)?
    private var dataKey: String?
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        open.append(name)
        switch name {
        case "key":
            if let id = attributes["id"], let attr = attributes["attr.name"] { keyNames[id] = attr.lowercased() }
        case "graph":
            sawGraph = true
        case "node":
            guard let id = attributes["id"] else {
                problem = "a <node> without an id (node \(nodes.count))"
                parser.abortParsing()
                return
            }
            current = (false, Element(id: id, source: "", target: ""))
        case "edge":
            guard let s = attributes["source"], let t = attributes["target"] else {
                problem = "an <edge> without source and target (edge \(edges.count))"
                parser.abortParsing()
                return
            }
            current = (true, Element(id: attributes["id"] ?? "", source: s, target: t))
        case "data":
            dataKey = attributes["key"]
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if dataKey != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
        switch name {
        case "data":
            guard let key = dataKey else { return }
            let attr = keyNames[key] ?? key.lowercased()
            if current != nil {
                current!.element.attributes[attr] = text
            } else if attr == "label" || attr == "name" || attr == "network" {
                if graphName == nil || attr == "network" { graphName = text }
            }
            dataKey = nil
        case "node":
            if let c = current, !c.isEdge { nodes.append(c.element) }
            current = nil
        case "edge":
            if let c = current, c.isEdge { edges.append(c.element) }
            current = nil
        default:
            break
        }
    }
}
