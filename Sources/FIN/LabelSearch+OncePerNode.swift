import FINGraph

extension LabelSearch.OncePerNode {
    /// Pays edge `e`'s charge into `paid` (sorted by node); returns what it adds to the cost:
    /// the excess over the largest charge already paid at its node.
    func pay(_ paid: inout LabelSearch.Usage, edge e: ExpandedGraph.Edge) -> Double {
        guard case .compute(_, let v, let level) = e.kind, charge[v] > 0 else { return 0 }
        let n = Int32(v)
        let x = charge[v] * levels[level]
        if let i = paid.firstIndex(where: { $0.resource == n }) {
            guard x > paid[i].amount else { return 0 }
            let extra = x - paid[i].amount
            paid[i].amount = x
            return extra
        }
        let at = paid.firstIndex(where: { $0.resource > n }) ?? paid.count
        paid.insert((n, x), at: at)
        return x
    }

    /// Drops the nodes where no block after `layer` can be computed any more.
    func forget(_ paid: inout LabelSearch.Usage, at layer: Int) {
        guard !paid.isEmpty else { return }
        paid.removeAll { lastBlock[Int($0.resource)] <= layer }
    }
}
