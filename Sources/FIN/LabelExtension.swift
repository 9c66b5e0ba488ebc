import FINGraph
import FINModel

/// A label of the search: a partial path from the source, with what it has accumulated.
struct Label {
    /// What is minimised (energy, scaled energy, latency, or the priced cost).
    var priority: Double
    /// What is bounded: latency in quantised levels (FIN) or seconds.
    var measure: Double
    var energy: Double
    var latency: Double
    /// Use of the critical resources, sorted by resource id.
    var usage: LabelSearch.Usage
    /// Charges paid once per node, sorted by node.
    var paid: LabelSearch.Usage

    static let origin = Label(priority: 0, measure: 0, energy: 0, latency: 0, usage: [], paid: [])
}

/// The extension policy of the search: what a label becomes along an edge, per mode (the
/// increments of priority and measure, the latency bound), with the critical resources
/// (`CriticalResources`) and the charges paid once per node (`LabelSearch.OncePerNode`).
struct LabelExtension {
    let graph: ExpandedGraph
    let mode: LabelSearch.Mode
    let critical: CriticalResources
    let once: LabelSearch.OncePerNode?
    let pricing: Pricing?
    /// The latency bound of the application, seconds.
    let bound: Double
    /// Quantised mode: the level width and the number of levels.
    let width: Double
    let measureLimit: Double
    let quantized: Bool
    /// FIN-ε: the scaling step.
    let scale: Double
    /// Dominance slack in measure units (λ levels for FIN, 0 otherwise).
    let slack: Double

    init(graph g: ExpandedGraph, mode: LabelSearch.Mode, capacities: Capacities) {
        graph = g
        self.mode = mode
        bound = g.index.instance.applications[g.application].maxLatencySeconds
        var width = 1.0
        var limit = bound
        var slack = 0.0
        var scale = 1.0
        var quantized = false
        var pricing: Pricing?
        var once: LabelSearch.OncePerNode?
        switch mode {
        case .quantized(let levels, let lambda):
            width = bound / Double(levels)
            limit = Double(levels)
            slack = Double(lambda)
            quantized = true
        case .scaled(let delta):
            scale = delta
        case .priced(let p):
            pricing = p
            once = p.once
        case .exact, .latency:
            break
        }
        (self.width, measureLimit, self.slack, self.scale, self.quantized) = (width, limit, slack, scale, quantized)
        self.pricing = pricing
        self.once = once
        critical = CriticalResources(graph: g, capacities: capacities)
    }

    /// Labels are two numbers (and the plain dominance applies) when nothing is critical and no
    /// charge is paid once per node.
    var isPlain: Bool { critical.isEmpty && once == nil }

    /// Priority and measure increments of edge `e` (computed when the edge is used: a per-search
    /// pass over every edge would cost more than the search on large graphs).
    @inline(__always)
    func increments(_ e: ExpandedGraph.Edge) -> (priority: Double, measure: Double) {
        switch mode {
        case .priced: return (pricing!.cost(e), e.latency)
        case .quantized:
            let x = e.latency / width
            return (e.energy, x > 0 ? (x - 1e-12 * max(1, x)).rounded(.up) : 0)
        case .exact: return (e.energy, e.latency)
        case .scaled: return ((e.energy / scale).rounded(.down), e.latency)
        case .latency: return (e.latency, e.energy)
        }
    }

    /// The label `from` extended along edge `e`; nil when the edge is unusable, the bound or a
    /// critical capacity would be broken.
    @inline(__always)
    func extend(_ from: Label, along edge: ExpandedGraph.Edge) -> Label? {
        let step = increments(edge)
        guard step.priority < .infinity else { return nil }
        let m = from.measure + step.measure
        if quantized {
            guard m <= measureLimit else { return nil }
        } else {
            guard Tolerance.fits(from.latency + edge.latency, within: bound) else { return nil }
        }
        var u = from.usage
        if !critical.isEmpty {
            guard critical.extend(&u, edge: edge) else { return nil }
            critical.forget(&u, at: edge.head)
        }
        var c = from.paid
        var extra = 0.0
        if let once {
            extra = once.pay(&c, edge: edge)
            once.forget(&c, at: graph.layer(of: edge.head))
        }
        return Label(
            priority: from.priority + step.priority + extra, measure: m, energy: from.energy + edge.energy,
            latency: from.latency + edge.latency, usage: u, paid: c)
    }
}
