import FINModel
import Foundation

/// Where each node of an instance is drawn, in SVG pixels. Geographic when nodes carry
/// positions (an equirectangular projection scaled by the cosine of the mean latitude, fitted
/// to the plot area; nodes without a position at the mean of their positioned neighbours, or
/// in a row below the map), otherwise layered by tier (clouds on top, then relays, edge
/// servers, devices), each layer in file order. Nodes sharing a place are fanned out around
/// it: clouds above, devices on a small circle.
public struct Layout: Sendable {
    /// Pixel position of each node, in instance order.
    public let points: [(x: Double, y: Double)]
    /// True when the layout is geographic.
    public let geographic: Bool

    /// The layout of `instance` in a plot area of `width` x `height` pixels with margin `margin`.
    public init(_ instance: Instance, width: Double, height: Double, margin: Double) {
        let nodes = instance.nodes
        let positioned = nodes.indices.filter { nodes[$0].longitude != nil && nodes[$0].latitude != nil }
        if positioned.isEmpty {
            geographic = false
            points = Self.layered(nodes, width: width, height: height, margin: margin)
        } else {
            geographic = true
            points = Self.geographic(instance, positioned, width: width, height: height, margin: margin)
        }
    }

    static func layered(_ nodes: [Node], width: Double, height: Double, margin: Double) -> [(x: Double, y: Double)] {
        let rows: [Tier] = [.cloud, .relay, .edge, .device]
        let present = rows.filter { t in nodes.contains { $0.tier == t } }
        var out = [(x: Double, y: Double)](repeating: (0, 0), count: nodes.count)
        for (r, tier) in present.enumerated() {
            let members = nodes.indices.filter { nodes[$0].tier == tier }
            let y =
                present.count == 1 ? height / 2 : margin + (height - 2 * margin) * Double(r) / Double(present.count - 1)
            for (k, i) in members.enumerated() {
                let x = margin + (width - 2 * margin) * (Double(k) + 0.5) / Double(members.count)
                out[i] = (x, y)
            }
        }
        return out
    }

    static func geographic(
        _ instance: Instance, _ positioned: [Int], width: Double, height: Double, margin: Double
    ) -> [(x: Double, y: Double)] {
        let nodes = instance.nodes
        let meanLat = positioned.map { nodes[$0].latitude! }.reduce(0, +) / Double(positioned.count)
        let scaleX = max(0.2, cos(meanLat * Double.pi / 180))
        func raw(_ i: Int) -> (Double, Double) { (nodes[i].longitude! * scaleX, -nodes[i].latitude!) }
        let xs = positioned.map { raw($0).0 }
        let ys = positioned.map { raw($0).1 }
        let spanX = max(xs.max()! - xs.min()!, 1e-6)
        let spanY = max(ys.max()! - ys.min()!, 1e-6)
        let unplaced = nodes.count - positioned.count
        let plotHeight = height - (unplaced > 0 ? 40 : 0)
        let scale = min((width - 2 * margin) / spanX, (plotHeight - 2 * margin) / spanY)
        let offsetX = (width - spanX * scale) / 2
        let offsetY = (plotHeight - spanY * scale) / 2
        var out = [(x: Double, y: Double)?](repeating: nil, count: nodes.count)
        for i in positioned {
            let (x, y) = raw(i)
            out[i] = (offsetX + (x - xs.min()!) * scale, offsetY + (y - ys.min()!) * scale)
        }
        // Nodes without a position: the mean of positioned neighbours, else a row below.
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() { index[n.id] = i }
        var neighbours = [[Int]](repeating: [], count: nodes.count)
        for l in instance.links {
            if let a = index[l.from], let b = index[l.to] { neighbours[a].append(b) }
        }
        var row = 0
        for i in nodes.indices where out[i] == nil {
            let placed = neighbours[i].compactMap { out[$0] }
            if placed.isEmpty {
                out[i] = (margin + Double(row % 80) * (width - 2 * margin) / 80, height - margin / 2)
                row += 1
            } else {
                let n = Double(placed.count)
                out[i] = (placed.map(\.x).reduce(0, +) / n + 6, placed.map(\.y).reduce(0, +) / n + 6)
            }
        }
        return fanOut(nodes, out.map { $0! })
    }

    /// Separates nodes drawn at the same spot: clouds go above it, devices on a circle.
    static func fanOut(_ nodes: [Node], _ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        var groups: [String: [Int]] = [:]
        var keys: [String] = []
        for (i, p) in points.enumerated() {
            let key = "\(Int((p.x * 10).rounded())),\(Int((p.y * 10).rounded()))"
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(i)
        }
        var out = points
        for key in keys {
            let members = groups[key]!
            guard members.count > 1 else { continue }
            let devices = members.filter { nodes[$0].tier == .device }
            let clouds = members.filter { nodes[$0].tier == .cloud }
            for (k, i) in clouds.enumerated() { out[i] = (points[i].x + Double(k) * 10, points[i].y - 14) }
            let radius = 11.0 + Double(max(0, devices.count - 8))
            for (k, i) in devices.enumerated() {
                // Below the PoP first (clouds sit above), then around it.
                let angle = Double.pi * (0.5 + 2 * Double(k) / Double(max(devices.count, 3)))
                out[i] = (points[i].x + radius * cos(angle), points[i].y + radius * sin(angle))
            }
        }
        return out
    }
}
