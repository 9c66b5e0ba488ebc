import FINGraph
import FINModel
import Foundation
import HeapModule

/// The label-setting search shared by FIN(γ, λ), FIN-exact, FIN-ε and the latency-driven
/// baseline: a best-first search over (vertex, label) pairs of an application's expanded graph.
///
/// A label is a partial path from the source: its *priority* (what is minimised: energy, or
/// scaled energy for FIN-ε, or latency for MCP), its *measure* (what is bounded: latency in
/// quantised levels for FIN, in seconds otherwise), its true energy and latency, and its use of
/// the *critical* resources (below). Labels leave the queue in non-decreasing (priority,
/// measure); the first label to reach the sink is the answer. At each vertex a new label is
/// dropped when another there has priority no higher, measure at most `slack` higher, and uses
/// no more of any critical resource (`slack` = λ for FIN; 0 is exact Pareto dominance); labels
/// already there are removed only when the new one dominates them exactly.
///
/// Critical resources: a node's memory or compute load, or a link's bandwidth, that the edges
/// of one path could together exceed (two blocks on one node, two transfers over one link). Only
/// those are carried in labels and checked on every extension; the others cannot bind on one
/// path, and the graph has already dropped every edge that breaks a capacity on its own. So
/// every path found respects every capacity, and in the common case (nothing critical) a label
/// is two numbers.
///
/// Charges paid once per node (`OncePerNode`, the share prices of `fin-multi`): a label also
/// carries, per charged node, the largest charge its path has paid there; an edge pays only what
/// exceeds it. A label then dominates another only if it has paid at least as much at every node
/// (what it may still have to pay is no more). Entries are dropped once no compute edge of a
/// later block exists at their node.
struct LabelSearch {
    /// Costs a path pays once per node, at the largest charge of its edges there, and not once
    /// per edge: a compute edge at node n and share level φ charges `charge[n] × φ` (0: none).
    struct OncePerNode {
        var charge: [Double]
        /// The share levels of the graph.
        var levels: [Double]
        /// Per charged node: the last block with a compute edge there (0: none).
        var lastBlock: [Int]
    }

    /// What is minimised and what is bounded.
    enum Mode {
        /// FIN(γ, λ): minimise energy; latency in levels of width `bound / levels`, each edge
        /// rounded up to whole levels, at most `levels` in all; dominance slack λ levels.
        case quantized(levels: Int, slack: Int)
        /// FIN-exact: minimise energy; exact latency within the bound; exact dominance.
        case exact
        /// FIN-ε: minimise Σ ⌊energy / delta⌋ per edge; exact latency; exact dominance.
        case scaled(delta: Double)
        /// MCP: minimise latency (ties: energy); exact dominance.
        case latency
        /// Minimise a cost per edge (`Pricing.cost`, non-negative; infinite = unusable); exact
        /// latency; exact dominance. The Lagrangian subproblem of `fin-multi`: energy plus the
        /// prices of the shared capacities an edge uses, plus the charges paid once per node
        /// (share prices), when given.
        case priced(Pricing)
    }

    struct Result {
        /// Edge indices from source to sink.
        let path: [Int]
        let energy: Double
        let latency: Double
        /// Levels used (quantised mode), or latency in seconds.
        let measure: Double
        /// What was minimised, at the sink: the path's cost in the priced mode (with the charges
        /// paid once per node), its energy or scaled energy otherwise, its latency for MCP.
        let priority: Double
        let labelsCreated: Int
        let labelsExpanded: Int
    }

    let graph: ExpandedGraph
    let mode: Mode
    /// Residual capacities the path must fit.
    let capacities: Capacities
    /// When set, the search gives up once this time has passed (checked every 64 expansions),
    /// so that a method's time limit holds inside one search.
    var deadline: Date?

    init(graph: ExpandedGraph, mode: Mode, capacities: Capacities, deadline: Date? = nil) {
        self.graph = graph
        self.mode = mode
        self.capacities = capacities
        self.deadline = deadline
    }

    /// How a search ended.
    enum Outcome {
        case found(Result)
        /// Exhausted: no path meets the bound and the capacities.
        case none
        /// The deadline passed first: nothing is known.
        case stopped
    }

    /// The answer, nil when there is none or the deadline passed first.
    func run() -> Result? {
        if case .found(let r) = search() { return r }
        return nil
    }

    /// Amounts per resource (critical resources used, or charges paid per node), sorted by id.
    typealias Usage = [(resource: Int32, amount: Double)]

    /// True when every entry of `a` is in `b` with at least its amount (absent = 0): `a` uses
    /// no more than `b` of any resource, or `b` has paid at least what `a` has at every node.
    static func atMost(_ a: Usage, _ b: Usage) -> Bool {
        var j = 0
        for (r, x) in a {
            while j < b.count && b[j].resource < r { j += 1 }
            guard j < b.count, b[j].resource == r, x <= b[j].amount else { return false }
        }
        return true
    }

    /// The search: labels leave the store best first; each is extended along the outgoing edges
    /// of its vertex; the store keeps only labels no other label at their vertex dominates; the
    /// first label to reach the sink is the answer. The policies are `LabelExtension` (what a
    /// label becomes along an edge: increments, the bound, critical resources, charges paid once
    /// per node) and `LabelStore` (Pareto fronts and dominance per mode).
    func search() -> Outcome {
        if let deadline, Date() >= deadline { return .stopped }
        let g = graph
        let step = LabelExtension(graph: g, mode: mode, capacities: capacities)
        var store = LabelStore(vertexCount: g.vertexCount, plain: step.isPlain, slack: step.slack)
        store.offer(g.source, .origin, parent: -1, edge: -1)
        var expanded = 0
        while let id = store.popBest() {
            let v = store.vertex(id)
            if v == g.sink {
                let l = store.label(id)
                return .found(
                    Result(
                        path: store.path(to: id), energy: l.energy, latency: l.latency, measure: l.measure,
                        priority: l.priority, labelsCreated: store.count, labelsExpanded: expanded))
            }
            expanded += 1
            if let deadline, expanded & 63 == 0, Date() >= deadline { return .stopped }
            let from = store.label(id)
            g.forEachOutgoing(v) { e, edge in
                guard let next = step.extend(from, along: edge) else { return }
                store.offer(edge.head, next, parent: Int32(id), edge: Int32(e))
            }
        }
        return .none
    }
}
