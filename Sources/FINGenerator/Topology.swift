import FINModel
import Foundation

/// A network topology read from a file (NetworkX node-link JSON or GraphML): points of presence
/// and undirected links, with positions and link lengths where the file gives them. Built by
/// `TopologyReader`, checked by `validated(file:)`, turned into an instance by
/// `TopologyGenerator`.
public struct Topology: Sendable, Equatable {
    /// One point of presence.
    public struct Node: Sendable, Equatable {
        /// The id in the file (integers written in decimal).
        public var id: String
        /// A human-readable name (`label` or `name`), when given.
        public var label: String?
        /// Degrees east, in [-180, 180], when known.
        public var longitude: Double?
        /// Degrees north, in [-90, 90], when known.
        public var latitude: Double?

        public init(id: String, label: String? = nil, longitude: Double? = nil, latitude: Double? = nil) {
            self.id = id
            self.label = label
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    /// One undirected link between two nodes, by id.
    public struct Link: Sendable, Equatable {
        public var a: String
        public var b: String
        /// The link's length in kilometres, when the file gives it (topohub's `dist`).
        public var kilometres: Double?

        public init(a: String, b: String, kilometres: Double? = nil) {
            self.a = a
            self.b = b
            self.kilometres = kilometres
        }
    }

    /// The graph's name in the file, when it has one.
    public var name: String?
    /// Nodes in file order.
    public var nodes: [Node]
    /// Links in file order, parallel links merged (the first one kept).
    public var links: [Link]

    public init(name: String? = nil, nodes: [Node], links: [Link]) {
        self.name = name
        self.nodes = nodes
        self.links = links
    }

    /// The topology checked: at least one node, unique ids, positions in range, every link
    /// between two different known nodes with a non-negative length, the graph connected.
    /// Parallel links (Topology Zoo multigraphs, both directions of a directed file) are merged
    /// into the first one. Throws the first problem found, naming the element.
    public func validated(file: String) throws(TopologyError) -> Topology {
        guard !nodes.isEmpty else { throw .noNodes(file: file) }
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() {
            guard index[n.id] == nil else { throw .duplicateNode(file: file, id: n.id) }
            index[n.id] = i
            if (n.longitude == nil) != (n.latitude == nil) {
                throw .positionOutOfRange(file: file, id: n.id, detail: "only one of longitude and latitude given")
            }
            if let lon = n.longitude, !(lon.isFinite && (-180...180).contains(lon)) {
                throw .positionOutOfRange(file: file, id: n.id, detail: "longitude \(lon) outside [-180, 180]")
            }
            if let lat = n.latitude, !(lat.isFinite && (-90...90).contains(lat)) {
                throw .positionOutOfRange(file: file, id: n.id, detail: "latitude \(lat) outside [-90, 90]")
            }
        }
        var merged: [Link] = []
        var seen = Set<Int64>()
        var neighbours = [[Int]](repeating: [], count: nodes.count)
        for (k, l) in links.enumerated() {
            guard let i = index[l.a] else { throw .unknownNode(file: file, link: k, id: l.a) }
            guard let j = index[l.b] else { throw .unknownNode(file: file, link: k, id: l.b) }
            guard i != j else { throw .selfLoop(file: file, link: k, id: l.a) }
            if let km = l.kilometres, !(km.isFinite && km >= 0) {
                throw .badLength(file: file, link: k, detail: "length \(km) km is not a finite non-negative number")
            }
            let key = Int64(min(i, j)) << 32 | Int64(max(i, j))
            guard seen.insert(key).inserted else { continue }
            merged.append(l)
            neighbours[i].append(j)
            neighbours[j].append(i)
        }
        var reached = [Bool](repeating: false, count: nodes.count)
        var stack = [0]
        reached[0] = true
        while let v = stack.popLast() {
            for w in neighbours[v] where !reached[w] {
                reached[w] = true
                stack.append(w)
            }
        }
        if let first = reached.firstIndex(of: false) {
            let count = reached.filter { !$0 }.count
            throw .disconnected(file: file, id: nodes[first].id, unreached: count)
        }
        return Topology(name: name, nodes: nodes, links: merged)
    }

    /// Great-circle distance in kilometres between two positions (haversine, mean Earth radius
    /// 6,371 km).
    public static func greatCircleKilometres(
        longitude1: Double, latitude1: Double, longitude2: Double, latitude2: Double
    ) -> Double {
        let r = Double.pi / 180
        let dLat = (latitude2 - latitude1) * r
        let dLon = (longitude2 - longitude1) * r
        let h =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude1 * r) * cos(latitude2 * r) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, h.squareRoot()))
    }
}

/// A topology file that cannot be imported; every case names the file and the element at fault.
public enum TopologyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be read.
    case cannotRead(file: String, reason: String)
    /// The file is not well-formed JSON or XML, or lacks a required element.
    case malformed(file: String, reason: String)
    /// The graph has no nodes.
    case noNodes(file: String)
    /// Two nodes share an id.
    case duplicateNode(file: String, id: String)
    /// A link (0-based, in file order) names a node that does not exist.
    case unknownNode(file: String, link: Int, id: String)
    /// A link joins a node to itself.
    case selfLoop(file: String, link: Int, id: String)
    /// A node's position is out of range or incomplete.
    case positionOutOfRange(file: String, id: String, detail: String)
    /// A link's length is negative or not a number.
    case badLength(file: String, link: Int, detail: String)
    /// Some nodes cannot be reached from the first one.
    case disconnected(file: String, id: String, unreached: Int)

    public var description: String {
        switch self {
        case .cannotRead(let f, let r): return "\(f): cannot read topology: \(r)"
        case .malformed(let f, let r): return "\(f): malformed topology: \(r)"
        case .noNodes(let f): return "\(f): the topology has no nodes"
        case .duplicateNode(let f, let id): return "\(f): node \"\(id)\" appears twice"
        case .unknownNode(let f, let k, let id): return "\(f): link \(k) names unknown node \"\(id)\""
        case .selfLoop(let f, let k, let id): return "\(f): link \(k) is a self-loop on node \"\(id)\""
        case .positionOutOfRange(let f, let id, let d): return "\(f): node \"\(id)\": \(d)"
        case .badLength(let f, let k, let d): return "\(f): link \(k): \(d)"
        case .disconnected(let f, let id, let n):
            return
                "\(f): the graph is disconnected: node \"\(id)\" (and \(n - 1) other(s)) "
                + "unreachable from the first node"
        }
    }
}

/// Reads topology files: GraphML (`.graphml`, `.xml`) or NetworkX node-link JSON (anything
/// else), by extension and, failing that, by the first non-blank character.
public enum TopologyReader {
    /// Reads and validates a topology file.
    public static func read(_ path: String) throws(TopologyError) -> Topology {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .cannotRead(file: path, reason: error.localizedDescription)
        }
        return try parse(data, file: path).validated(file: path)
    }

    /// Parses file contents (unvalidated); `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(TopologyError) -> Topology {
        let lower = file.lowercased()
        let firstByte = data.first { !(0x09...0x0D).contains($0) && $0 != 0x20 }
        if lower.hasSuffix(".graphml") || lower.hasSuffix(".xml") || firstByte == UInt8(ascii: "<") {
            return try parseGraphML(data, file: file)
        }
        return try parseNodeLink(data, file: file)
    }

    /// A number or string id as text: integers in decimal, strings as they are.
    static func idText(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let x) where x == x.rounded() && abs(x) < 9e15: return String(Int64(x))
        case .number(let x): return JSONWriter.formatNumber(x)
        default: return nil
        }
    }
}
