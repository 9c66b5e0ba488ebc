import FINModel
import Foundation

extension TopologyReader {
    /// Parses NetworkX node-link JSON: `nodes` (each with an `id`, a string or an integer) and
    /// `links` or `edges` (each with `source` and `target`), directed or not. A node's position
    /// is topohub's `pos` ([longitude, latitude]), or `longitude`/`latitude` (any capitalisation,
    /// or `lon`/`lat`); its label is `label` or `name`. A link's length in km is `dist` (topohub),
    /// `distance`, `length` or `km`. The graph's name is `graph.name`. Other fields are ignored.
    static func parseNodeLink(_ data: Data, file: String) throws(TopologyError) -> Topology {
        let json: JSONValue
        do { json = try JSONParser.parse([UInt8](data)) } catch {
            throw .malformed(file: file, reason: "not JSON: \(error)")
        }
        guard let root = json.objectValue else { throw .malformed(file: file, reason: "expected a JSON object") }
        guard let nodeItems = root["nodes"]?.arrayValue else {
            throw .malformed(file: file, reason: "no \"nodes\" array")
        }
        let linkItems: [JSONValue]
        if let l = root["links"]?.arrayValue {
            linkItems = l
        } else if let e = root["edges"]?.arrayValue {
            linkItems = e
        } else if root["links"] == nil && root["edges"] == nil {
            linkItems = []
        } else {
            throw .malformed(file: file, reason: "\"links\"/\"edges\" is not an array")
        }
        var nodes: [Topology.Node] = []
        for (i, item) in nodeItems.enumerated() {
            guard let o = item.objectValue, let idValue = o["id"], let id = idText(idValue) else {
                throw .malformed(file: file, reason: "nodes[\(i)] has no string or number \"id\"")
            }
            let (lon, lat) = try position(o, file: file, id: id)
            let label = (o["label"] ?? o["name"]).flatMap(\.stringValue)
            nodes.append(Topology.Node(id: id, label: label, longitude: lon, latitude: lat))
        }
        var links: [Topology.Link] = []
        for (k, item) in linkItems.enumerated() {
            guard let o = item.objectValue, let s = o["source"].flatMap(idText), let t = o["target"].flatMap(idText)
            else { throw .malformed(file: file, reason: "link \(k) has no string or number \"source\" and \"target\"") }
            var km: Double?
            for key in ["dist", "distance", "length", "km"] {
                guard let v = o[key] else { continue }
                guard let x = v.numberValue else {
                    throw .badLength(file: file, link: k, detail: "\"\(key)\" is \(v.kindDescription), not a number")
                }
                km = x
                break
            }
            links.append(Topology.Link(a: s, b: t, kilometres: km))
        }
        let name = root["graph"]?.objectValue?["name"].flatMap(\.stringValue)
        return Topology(name: name, nodes: nodes, links: links)
    }

    /// A node's (longitude, latitude) from `pos` or named fields; (nil, nil) when absent.
    static func position(
        _ o: [String: JSONValue], file: String, id: String
    ) throws(TopologyError) -> (Double?, Double?) {
        if let pos = o["pos"] {
            guard let a = pos.arrayValue, a.count == 2, let lon = a[0].numberValue, let lat = a[1].numberValue else {
                throw .positionOutOfRange(file: file, id: id, detail: "\"pos\" is not [longitude, latitude]")
            }
            return (lon, lat)
        }
        func field(_ names: [String]) throws(TopologyError) -> Double? {
            for key in o.keys.sorted() where names.contains(key.lowercased()) {
                guard let x = o[key]!.numberValue else {
                    throw .positionOutOfRange(file: file, id: id, detail: "\"\(key)\" is not a number")
                }
                return x
            }
            return nil
        }
        return (try field(["longitude", "lon"]), try field(["latitude", "lat"]))
    }
}
