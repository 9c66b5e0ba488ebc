import HeapModule

/// The one Dijkstra of the workbench: least total weight from a start vertex over non-negative
/// arc weights, with a binary heap; ties broken by vertex index, so answers are deterministic.
/// Callers describe their graph by `arcs(v, visit)`, which calls `visit(head, weight, arc)` for
/// every usable arc out of `v` (weight infinity or NaN: unusable).
public enum Dijkstra {
    /// Distances from `start` and, per vertex, the arc reaching it on a shortest path (-1: none).
    /// With `stopAt`, the search ends once that vertex is settled (other distances may then be
    /// unfinished).
    @inlinable
    public static func run(
        vertexCount: Int, from start: Int, stopAt: Int? = nil,
        arcs: (_ vertex: Int, _ visit: (_ head: Int, _ weight: Double, _ arc: Int) -> Void) -> Void
    ) -> (distance: [Double], via: [Int]) {
        var distance = [Double](repeating: .infinity, count: vertexCount)
        var via = [Int](repeating: -1, count: vertexCount)
        var heap = Heap<QueueEntry>()
        distance[start] = 0
        heap.insert(QueueEntry(distance: 0, vertex: start))
        while let e = heap.popMin() {
            guard e.distance <= distance[e.vertex] else { continue }
            if e.vertex == stopAt { break }
            arcs(e.vertex) { head, weight, arc in
                let d = e.distance + weight
                if d < distance[head] {
                    distance[head] = d
                    via[head] = arc
                    heap.insert(QueueEntry(distance: d, vertex: head))
                }
            }
        }
        return (distance, via)
    }

    /// A queue entry: a tentative distance and its vertex.
    @usableFromInline
    struct QueueEntry: Comparable {
        @usableFromInline let distance: Double
        @usableFromInline let vertex: Int
        @inlinable init(distance: Double, vertex: Int) {
            self.distance = distance
            self.vertex = vertex
        }
        @inlinable static func < (a: QueueEntry, b: QueueEntry) -> Bool {
            (a.distance, a.vertex) < (b.distance, b.vertex)
        }
    }
}
