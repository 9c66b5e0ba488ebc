import HeapModule

/// The label store of the search: every label created (structure of arrays), the queue of
/// labels to expand (best priority first, then least measure), and per vertex the Pareto front
/// of live labels, with the dominance rule of the mode.
///
/// Dominance: a new label at a vertex is dropped when a live label there has priority no
/// higher, measure at most `slack` higher, uses no more of any critical resource and has paid at
/// least as much at every node; live labels the new one dominates exactly (slack 0) are removed.
/// Only a newcomer is dropped with the slack: λ-dominance is not transitive, and removing old
/// labels with it would let the drift at one vertex add up to several λ. In the plain case (two
/// numbers per label) a front is kept sorted by measure with strictly decreasing priorities, and
/// the check is a binary search.
struct LabelStore {
    private var priority: [Double] = []
    private var measure: [Double] = []
    private var energy: [Double] = []
    private var latency: [Double] = []
    private var vertexOf: [Int32] = []
    private var parent: [Int32] = []
    private var edgeOf: [Int32] = []
    private var alive: [Bool] = []
    private var usage: [LabelSearch.Usage] = []
    private var paid: [LabelSearch.Usage] = []
    /// Per vertex: live labels sorted by measure, in `fronts[frontOf[v]]` (-1: no label has
    /// reached v yet). Only vertices a label reaches get a front: on large graphs a search
    /// reaches few, and an array per vertex cost more to create and free than the search.
    private var frontOf: [Int32]
    private var fronts: [[Int32]] = []
    private var heap = Heap<Entry>()
    let plain: Bool
    let slack: Double

    private struct Entry: Comparable {
        let priority: Double
        let measure: Double
        let label: Int32
        static func < (a: Entry, b: Entry) -> Bool {
            (a.priority, a.measure, a.label) < (b.priority, b.measure, b.label)
        }
    }

    init(vertexCount: Int, plain: Bool, slack: Double) {
        frontOf = [Int32](repeating: -1, count: vertexCount)
        self.plain = plain
        self.slack = slack
    }

    /// Labels created so far.
    var count: Int { priority.count }

    func vertex(_ id: Int) -> Int { Int(vertexOf[id]) }

    func label(_ id: Int) -> Label {
        Label(
            priority: priority[id], measure: measure[id], energy: energy[id], latency: latency[id], usage: usage[id],
            paid: paid[id])
    }

    /// The next live label to expand, best first; nil when none is left.
    mutating func popBest() -> Int? {
        while let top = heap.popMin() {
            let id = Int(top.label)
            if alive[id] { return id }
        }
        return nil
    }

    /// The edges from the source to label `id`.
    func path(to id: Int) -> [Int] {
        var path: [Int] = []
        var at = Int32(id)
        while parent[Int(at)] >= 0 {
            path.append(Int(edgeOf[Int(at)]))
            at = parent[Int(at)]
        }
        return path.reversed()
    }

    /// Adds `l` at vertex `v` unless a live label there dominates it; removes the labels it
    /// dominates exactly.
    mutating func offer(_ v: Int, _ l: Label, parent from: Int32, edge: Int32) {
        if frontOf[v] < 0 {
            frontOf[v] = Int32(fronts.count)
            fronts.append([])
        }
        let slot = Int(frontOf[v])
        var front = fronts[slot]
        fronts[slot] = []  // keeps `front` uniquely referenced while it is edited
        let kept = plain ? offerPlain(&front, l) : offerGeneral(&front, l)
        if kept {
            let id = Int32(priority.count)
            priority.append(l.priority)
            measure.append(l.measure)
            energy.append(l.energy)
            latency.append(l.latency)
            vertexOf.append(Int32(v))
            parent.append(from)
            edgeOf.append(edge)
            alive.append(true)
            usage.append(l.usage)
            paid.append(l.paid)
            // Keep the front sorted by measure.
            var at = front.count
            while at > 0 && measure[Int(front[at - 1])] > l.measure { at -= 1 }
            front.insert(id, at: at)
            heap.insert(Entry(priority: l.priority, measure: l.measure, label: id))
        }
        fronts[slot] = front
        #if DEBUG
            checkFront(front)
        #endif
    }

    /// Plain dominance (two numbers): false when the front dominates `l`.
    private mutating func offerPlain(_ front: inout [Int32], _ l: Label) -> Bool {
        // Binary search: the last label with measure <= m + slack has the least priority among
        // those that could dominate.
        var lo = 0
        var hi = front.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if measure[Int(front[mid])] <= l.measure + slack { lo = mid + 1 } else { hi = mid }
        }
        if lo > 0 && priority[Int(front[lo - 1])] <= l.priority { return false }
        front.removeAll { id in
            let i = Int(id)
            guard measure[i] >= l.measure && priority[i] >= l.priority else { return false }
            alive[i] = false
            return true
        }
        return true
    }

    /// Dominance with critical resources and charges paid: false when the front dominates `l`.
    private mutating func offerGeneral(_ front: inout [Int32], _ l: Label) -> Bool {
        for id in front {
            let i = Int(id)
            if priority[i] <= l.priority && measure[i] <= l.measure + slack
                && LabelSearch.atMost(usage[i], l.usage) && LabelSearch.atMost(l.paid, paid[i])
            {
                return false
            }
        }
        front.removeAll { id in
            let i = Int(id)
            guard
                l.priority <= priority[i] && l.measure <= measure[i] && LabelSearch.atMost(l.usage, usage[i])
                    && LabelSearch.atMost(paid[i], l.paid)
            else { return false }
            alive[i] = false
            return true
        }
        return true
    }

    #if DEBUG
        /// The front's invariants (debug builds only): sorted by measure, every label alive;
        /// plain fronts have strictly decreasing priorities; in small general fronts no label
        /// dominates another exactly.
        private func checkFront(_ front: [Int32]) {
            for (a, b) in zip(front, front.dropFirst()) {
                assert(measure[Int(a)] <= measure[Int(b)], "front not sorted by measure")
                if plain { assert(priority[Int(a)] > priority[Int(b)], "plain front: priorities must decrease") }
            }
            assert(front.allSatisfy { alive[Int($0)] }, "a dead label in a front")
            guard !plain, front.count <= 8 else { return }
            for a in front {
                for b in front where a != b {
                    let (i, j) = (Int(a), Int(b))
                    let dominated =
                        priority[i] <= priority[j] && measure[i] <= measure[j]
                        && LabelSearch.atMost(usage[i], usage[j]) && LabelSearch.atMost(paid[j], paid[i])
                    assert(
                        !dominated
                            || (priority[i] == priority[j] && measure[i] == measure[j]
                                && usage[i].count == usage[j].count && paid[i].count == paid[j].count && i > j),
                        "a label in the front dominates another")
                }
            }
        }
    #endif
}
