import FINModel

/// An SVG drawing of an instance's network and, optionally, a solution's deployments on top:
/// nodes at their geographic positions (or layered by tier, `Layout`), tiers by shape and
/// colour, every link, and for each application in its own colour the nodes hosting its blocks
/// (a ring with the block range), its source, and every transfer path; a legend lists tiers and
/// applications. Large networks are aggregated: above `detailNodes` nodes, devices that take no
/// part in a deployment are not drawn (the legend counts them); above `labelledApplications`
/// applications, colours repeat and block labels are left out. Deterministic text: the same
/// inputs give the same bytes.
///
/// Each drawn deployment element carries data attributes for tools and tests:
/// `<g class="host" data-application data-node data-blocks>` and
/// `<polyline class="transfer" data-application data-after-block data-path>`.
public struct DeploymentDrawing: Sendable {
    public var width = 1200.0
    public var height = 800.0
    public var legendWidth = 340.0
    public var margin = 40.0
    /// Above this many nodes, idle devices are not drawn.
    public var detailNodes = 300
    /// Above this many applications, block labels are not drawn and the legend is cut.
    public var labelledApplications = 24

    public init() {}

    /// One colour per application (Tableau 10 and 10 more), repeating after 20.
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
        "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf",
    ]

    /// The SVG document.
    public func svg(_ instance: Instance, solution: Solution?) -> String {
        let layout = Layout(instance, width: width, height: height, margin: margin)
        let p = layout.points
        var index: [String: Int] = [:]
        for (i, node) in instance.nodes.enumerated() { index[node.id] = i }
        let deployments = solution?.deployments ?? []
        var involved = [Bool](repeating: false, count: instance.nodes.count)
        for d in deployments {
            for h in d.hosts { if let i = index[h] { involved[i] = true } }
            for t in d.transfers { for v in t.path { if let i = index[v] { involved[i] = true } } }
        }
        for a in instance.applications where !deployments.isEmpty {
            if let i = index[a.source], deployments.contains(where: { $0.application == a.id }) { involved[i] = true }
        }
        let aggregate = instance.nodes.count > detailNodes
        let shown = instance.nodes.indices.map { i in !aggregate || instance.nodes[i].tier != .device || involved[i] }
        let hidden = shown.filter { !$0 }.count
        let colour = Dictionary(
            uniqueKeysWithValues: instance.applications.enumerated().map {
                ($1.id, Self.palette[$0 % Self.palette.count])
            })

        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let total = width + legendWidth
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGText.n(total))\" height=\"\(SVGText.n(height))\" "
        s += "viewBox=\"0 0 \(SVGText.n(total)) \(SVGText.n(height))\" font-family=\"sans-serif\">\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(SVGText.n(total))\" height=\"\(SVGText.n(height))\" fill=\"#ffffff\"/>\n"
        var title = instance.name
        if let sol = solution {
            title += " \u{2014} \(sol.method), \(sol.status.rawValue)"
            if let o = sol.objectiveJoulesPerSecond { title += ", \(SVGText.figure(o)) J/s" }
        }
        s += "<title>\(SVGText.escape(title))</title>\n"
        s += "<text x=\"\(SVGText.n(margin / 2))\" y=\"20\" font-size=\"14\">\(SVGText.escape(title))</text>\n"

        // Links: each two-way pair once, grey.
        // Thinner and lighter when large, so deployments stay on top of a dense core.
        s += "<g class=\"links\" stroke=\"\(aggregate ? "#e0e0e0" : "#c8c8c8")\" "
        s += "stroke-width=\"\(aggregate ? "0.5" : "0.8")\" fill=\"none\">\n"
        var drawn = Set<String>()
        for l in instance.links {
            guard let a = index[l.from], let b = index[l.to], shown[a], shown[b] else { continue }
            let key = a < b ? "\(a) \(b)" : "\(b) \(a)"
            guard drawn.insert(key).inserted else { continue }
            s += "<line x1=\"\(SVGText.n(p[a].x))\" y1=\"\(SVGText.n(p[a].y))\" x2=\"\(SVGText.n(p[b].x))\" "
            s += "y2=\"\(SVGText.n(p[b].y))\"/>\n"
        }
        s += "</g>\n"

        // Nodes by tier.
        s += "<g class=\"nodes\" stroke=\"#333333\" stroke-width=\"0.6\">\n"
        for (i, node) in instance.nodes.enumerated() where shown[i] {
            s += Self.shape(node, x: p[i].x, y: p[i].y, small: aggregate)
        }
        s += "</g>\n"

        // Transfer paths above the nodes, one colour per application, slightly offset so overlaps stay
        // visible.
        s += "<g class=\"transfers\" fill=\"none\" stroke-width=\"2.6\" stroke-opacity=\"0.85\" "
        s += "stroke-linecap=\"round\" stroke-linejoin=\"round\">\n"
        for (k, d) in deployments.enumerated() {
            let c = colour[d.application] ?? "#000000"
            let shift = Double(k % 5 - 2) * 0.9
            for t in d.transfers {
                let pts = t.path.compactMap { index[$0] }.map {
                    "\(SVGText.n(p[$0].x + shift)),\(SVGText.n(p[$0].y + shift))"
                }
                s += "<polyline class=\"transfer\" data-application=\"\(SVGText.escape(d.application))\" "
                s +=
                    "data-after-block=\"\(t.afterBlock)\" "
                s += "data-path=\"\(SVGText.escape(t.path.joined(separator: " ")))\" "
                s += "stroke=\"\(c)\" points=\"\(pts.joined(separator: " "))\"/>\n"
            }
        }
        s += "</g>\n"

        // Hosts: a ring per application on every node hosting its blocks, with the block range.
        let labels = deployments.count <= labelledApplications
        var ringsAt = [Int](repeating: 0, count: instance.nodes.count)
        s += "<g class=\"hosts\" fill=\"none\" stroke-width=\"2\">\n"
        for d in deployments {
            let c = colour[d.application] ?? "#000000"
            for (node, range) in Self.hostRuns(d) {
                guard let i = index[node] else { continue }
                let r = 7 + 3 * Double(ringsAt[i])
                ringsAt[i] += 1
                let blocks =
                    range.lowerBound == range.upperBound
                    ? "\(range.lowerBound)"
                    : "\(range.lowerBound)-\(range.upperBound)"
                s += "<g class=\"host\" data-application=\"\(SVGText.escape(d.application))\" "
                s += "data-node=\"\(SVGText.escape(node))\" data-blocks=\"\(blocks)\">"
                s +=
                    "<circle cx=\"\(SVGText.n(p[i].x))\" cy=\"\(SVGText.n(p[i].y))\" "
                    + "r=\"\(SVGText.n(r))\" stroke=\"\(c)\"/>"
                if labels {
                    s +=
                        "<text x=\"\(SVGText.n(p[i].x + r + 1))\" "
                        + "y=\"\(SVGText.n(p[i].y - r + 2 + 9 * Double(ringsAt[i] - 1)))\" "
                    s += "font-size=\"8\" fill=\"\(c)\" stroke=\"none\">b\(blocks)</text>"
                }
                s += "</g>\n"
            }
        }
        s += "</g>\n"
        s += legend(instance, solution, deployments, colour, hidden: hidden, geographic: layout.geographic)
        s += "</svg>\n"
        return s
    }

    /// Runs of consecutive blocks on one node: (node, first...last block), in block order.
    public static func hostRuns(_ d: Deployment) -> [(node: String, blocks: ClosedRange<Int>)] {
        var out: [(node: String, blocks: ClosedRange<Int>)] = []
        for (i, h) in d.hosts.enumerated() {
            if let last = out.last, last.node == h {
                out[out.count - 1].blocks = last.blocks.lowerBound...(i + 1)
            } else {
                out.append((h, (i + 1)...(i + 1)))
            }
        }
        return out
    }

    /// A node's symbol: device circle, edge square, cloud diamond, relay small grey dot.
    static func shape(_ node: Node, x: Double, y: Double, small: Bool) -> String {
        let k = small ? 0.7 : 1.0
        let id = SVGText.escape(node.id)
        switch node.tier {
        case .device:
            return "<circle class=\"device\" data-node=\"\(id)\" cx=\"\(SVGText.n(x))\" cy=\"\(SVGText.n(y))\" "
                + "r=\"\(SVGText.n(2.6 * k))\" fill=\"#a6d96a\"/>\n"
        case .edge:
            let h = 4.5 * k
            return "<rect class=\"edge\" data-node=\"\(id)\" x=\"\(SVGText.n(x - h))\" y=\"\(SVGText.n(y - h))\" "
                + "width=\"\(SVGText.n(2 * h))\" height=\"\(SVGText.n(2 * h))\" fill=\"#fdae61\"/>\n"
        case .cloud:
            let h = 8 * k
            return "<polygon class=\"cloud\" data-node=\"\(id)\" points=\"\(SVGText.n(x)),\(SVGText.n(y - h)) "
                + "\(SVGText.n(x + h)),\(SVGText.n(y)) \(SVGText.n(x)),\(SVGText.n(y + h)) "
                + "\(SVGText.n(x - h)),\(SVGText.n(y))\" "
                + "fill=\"#74add1\"/>\n"
        case .relay:
            return "<circle class=\"relay\" data-node=\"\(id)\" cx=\"\(SVGText.n(x))\" cy=\"\(SVGText.n(y))\" "
                + "r=\"\(SVGText.n(2 * k))\" fill=\"#bbbbbb\"/>\n"
        }
    }

    func legend(
        _ instance: Instance, _ solution: Solution?, _ deployments: [Deployment], _ colour: [String: String],
        hidden: Int, geographic: Bool
    ) -> String {
        let x0 = width + 10
        var y = 40.0
        var s = "<g class=\"legend\" font-size=\"11\">\n"
        s +=
            "<rect x=\"\(SVGText.n(width))\" y=\"0\" width=\"\(SVGText.n(legendWidth))\" "
            + "height=\"\(SVGText.n(height))\" "
        s += "fill=\"#f7f7f7\" stroke=\"none\"/>\n"
        func line(_ text: String, colour c: String = "#000000", indent: Double = 0) {
            s +=
                "<text x=\"\(SVGText.n(x0 + indent))\" y=\"\(SVGText.n(y))\" fill=\"\(c)\">"
                + "\(SVGText.escape(text))</text>\n"
            y += 14
        }
        let counts = Tier.allCases.map { t in (t, instance.nodes.filter { $0.tier == t }.count) }.filter { $0.1 > 0 }
        line(
            "\(instance.nodes.count) nodes, \(instance.links.count) links, "
                + (geographic ? "geographic positions" : "layered by tier"))
        for (t, n) in counts {
            s += Self.shape(
                Node(id: "legend-\(t.rawValue)", tier: t, opsPerSecond: 0, powerWatts: 0, memoryBytes: 0),
                x: x0 + 6, y: y - 4, small: false)
            line("\(t.rawValue): \(n)", indent: 18)
        }
        if hidden > 0 { line("\(hidden) devices without a deployment not drawn") }
        y += 6
        guard !deployments.isEmpty else {
            line(solution == nil ? "no solution drawn" : "the solution has no deployment")
            s += "</g>\n"
            return s
        }
        line("ring: blocks hosted (b first-last); line: transfer")
        let room = Int((height - y - 20) / 14)
        for (k, d) in deployments.enumerated() {
            if k >= room - 1 && deployments.count > room {
                line("... and \(deployments.count - k) more applications")
                break
            }
            let runs = Self.hostRuns(d).map { r in
                let b =
                    r.blocks.lowerBound == r.blocks.upperBound
                    ? "\(r.blocks.lowerBound)"
                    : "\(r.blocks.lowerBound)-\(r.blocks.upperBound)"
                return "b\(b)@\(r.node)"
            }
            var text = "\(d.application): " + runs.joined(separator: " ")
            if let e = d.energyJoules { text += ", \(SVGText.figure(e)) J" }
            if text.count > 52 { text = String(text.prefix(51)) + "\u{2026}" }
            let c = colour[d.application] ?? "#000000"
            s += "<rect x=\"\(SVGText.n(x0))\" y=\"\(SVGText.n(y - 9))\" width=\"10\" height=\"10\" fill=\"\(c)\"/>\n"
            line(text, indent: 14)
        }
        s += "</g>\n"
        return s
    }
}
