import FINModel

extension ExpandedGraph {
    /// Edge numbers are below this: arrays indexed by edge number have this size.
    public var edgeIDLimit: Int { figures.edgeIDLimit }

    /// True when edge number `e` exists.
    @inlinable
    public func contains(edge e: Int) -> Bool { e >= 0 && e < figures.edgeIDLimit && has(e) }

    @inlinable
    func has(_ e: Int) -> Bool { present[e &>> 6] & ((1 as UInt64) &<< UInt64(e & 63)) != 0 }

    /// Edge number `e` (which must exist) with its figures.
    @inlinable
    public func edge(_ e: Int) -> Edge {
        let f = figures
        if e < f.transferBase {
            let q = e / f.slots
            let slot = e - q * f.slots
            let k = q / f.nodes + 1
            let v = q - (k - 1) * f.nodes
            return slot < levels.count
                ? computeEdge(k, v, slot) : Edge(done(k, v), at(k, v), .proceed(block: k, node: v))
        }
        if e < f.terminalBase {
            let k = (e - f.transferBase) / f.links
            return transferEdge(k, e - f.transferBase - k * f.links)
        }
        if e < f.resultBase {
            let position = (e - f.terminalBase) / f.nodes
            return terminalEdge(position, e - f.terminalBase - position * f.nodes)
        }
        if e < f.arriveID { return resultEdge(e - f.resultBase) }
        return Edge(result(f.destination), sink, .arrive)
    }

    @inlinable
    func computeEdge(_ k: Int, _ v: Int, _ level: Int) -> Edge {
        let f = figures
        return Edge(
            at(k - 1, v), done(k, v), .compute(block: k, node: v, level: level),
            energy: f.blockEnergy[k] * f.joulesPerOp[v],
            latency: f.blockOps[k] / (levels[level] * f.opsPerSecond[v]), memory: f.blockMemory[k],
            load: f.blockLoad[k])
    }

    @inlinable
    func transferEdge(_ k: Int, _ l: Int) -> Edge {
        let f = figures
        return Edge(
            at(k, f.linkTail[l]), at(k, f.linkHead[l]), .transfer(layer: k, link: l),
            energy: f.layerEnergy[k] * f.joulesPerBit[l], latency: f.seconds(l, bits: f.layerBits[k]),
            traffic: f.layerTraffic[k])
    }

    @inlinable
    func terminalEdge(_ position: Int, _ v: Int) -> Edge {
        let f = figures
        return Edge(
            done(f.depthBlock[position], v), hasDestination ? result(v) : sink,
            .terminal(depth: f.depths[position], node: v))
    }

    @inlinable
    func resultEdge(_ l: Int) -> Edge {
        let f = figures
        return Edge(
            result(f.linkTail[l]), result(f.linkHead[l]), .result(link: l),
            energy: f.resultBits * f.joulesPerBit[l], latency: f.seconds(l, bits: f.resultBits),
            traffic: f.resultTraffic)
    }

    /// Calls `body(number, edge)` for every edge leaving vertex `v`, in edge-number order.
    @inlinable
    public func forEachOutgoing(_ v: Int, _ body: (Int, Edge) -> Void) {
        let f = figures
        let n = f.nodes
        let group = v / n
        let node = v - group * n
        if group < kmax {  // at(k, node), k < kmax: block k + 1 here, or send block k's output on
            let k = group
            let base = f.computeID(k + 1, node, 0)
            for level in 0..<levels.count where has(base + level) {
                body(base + level, computeEdge(k + 1, node, level))
            }
            let transfers = f.transferBase + k * f.links
            for l in f.outgoing[node] where has(transfers + l) { body(transfers + l, transferEdge(k, l)) }
        } else if group > kmax && group <= 2 * kmax {  // done(k, node): proceed, or end a depth
            let k = group - kmax
            let proceed = f.proceedID(k, node)
            if k < kmax && has(proceed) { body(proceed, Edge(v, at(k, node), .proceed(block: k, node: node))) }
            for position in f.terminalsAfter[k] {
                let t = f.terminalID(position, node)
                if has(t) { body(t, terminalEdge(position, node)) }
            }
        } else if group == 2 * kmax + 1 {  // result(node)
            for l in f.outgoing[node] where has(f.resultBase + l) { body(f.resultBase + l, resultEdge(l)) }
            if node == f.destination && has(f.arriveID) { body(f.arriveID, Edge(v, sink, .arrive)) }
        }
    }

    /// Calls `body(number, edge)` for every edge entering vertex `v`, in edge-number order.
    public func forEachIncoming(_ v: Int, _ body: (Int, Edge) -> Void) {
        let f = figures
        let n = f.nodes
        let group = v / n
        let node = v - group * n
        guard kmax >= 1 else { return }
        if v == sink {
            if hasDestination {
                if has(f.arriveID) { body(f.arriveID, edge(f.arriveID)) }
            } else {
                for position in f.depths.indices {
                    for u in 0..<n where has(f.terminalID(position, u)) {
                        body(f.terminalID(position, u), terminalEdge(position, u))
                    }
                }
            }
        } else if group <= kmax {  // at(k, node): proceed from done(k, node), transfers into node
            let k = group
            if k >= 1 && k < kmax && has(f.proceedID(k, node)) {
                body(f.proceedID(k, node), edge(f.proceedID(k, node)))
            }
            guard k < kmax else { return }
            let transfers = f.transferBase + k * f.links
            for l in f.incoming[node] where has(transfers + l) { body(transfers + l, transferEdge(k, l)) }
        } else if group <= 2 * kmax {  // done(k, node): its compute edges
            let k = group - kmax
            for level in 0..<levels.count where has(f.computeID(k, node, level)) {
                body(f.computeID(k, node, level), computeEdge(k, node, level))
            }
        } else if hasDestination {  // result(node): depths ending at node, results sent to it
            for position in f.depths.indices where has(f.terminalID(position, node)) {
                body(f.terminalID(position, node), terminalEdge(position, node))
            }
            for l in f.incoming[node] where has(f.resultBase + l) { body(f.resultBase + l, resultEdge(l)) }
        }
    }

    /// Calls `body(number, edge)` for every edge, in edge-number order.
    public func forEachEdge(_ body: (Int, Edge) -> Void) {
        for (w, word) in present.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let e = w << 6 + bits.trailingZeroBitCount
                body(e, edge(e))
                bits &= bits - 1
            }
        }
    }

    /// The numbers of the edges leaving `v`, in order.
    public func outgoingEdges(_ v: Int) -> [Int] {
        var out: [Int] = []
        forEachOutgoing(v) { e, _ in out.append(e) }
        return out
    }

    /// The number of the compute edge of block `k` at node `v` and share level `level`, if it exists.
    public func computeEdgeID(block k: Int, node v: Int, level: Int) -> Int? {
        guard k >= 1, k <= kmax else { return nil }
        let e = figures.computeID(k, v, level)
        return has(e) ? e : nil
    }

    /// The number of the transfer edge of layer `k` over link `l`, if it exists.
    public func transferEdgeID(layer k: Int, link l: Int) -> Int? {
        guard k >= 0, k < kmax else { return nil }
        let e = figures.transferID(k, l)
        return has(e) ? e : nil
    }

    /// The number of the result edge over link `l`, if it exists.
    public func resultEdgeID(link l: Int) -> Int? {
        guard hasDestination, kmax >= 1 else { return nil }
        let e = figures.resultID(l)
        return has(e) ? e : nil
    }

    /// True when some compute edge of block `k` exists at node `v`.
    public func computes(block k: Int, at v: Int) -> Bool {
        guard k >= 1, k <= kmax else { return false }
        let base = figures.computeID(k, v, 0)
        return (0..<levels.count).contains { has(base + $0) }
    }

    /// The largest share level of any compute edge at node `v` (0: none).
    public func largestLevel(at v: Int) -> Double {
        var most = 0.0
        for k in stride(from: 1, through: kmax, by: 1) {
            for level in levels.indices where has(figures.computeID(k, v, level)) { most = max(most, levels[level]) }
        }
        return most
    }

    /// The last block with a compute edge at node `v` (0: none).
    public func lastBlock(at v: Int) -> Int {
        for k in stride(from: kmax, through: 1, by: -1) where computes(block: k, at: v) { return k }
        return 0
    }

    /// True when some transfer or result edge uses link `l`.
    public func carries(link l: Int) -> Bool {
        (0..<kmax).contains { has(figures.transferID($0, l)) } || (hasDestination && has(figures.resultID(l)))
    }
}

extension ExpandedGraph {
    /// The most one path can use of node `v`'s memory: one compute edge per block there (a
    /// capacity above it cannot bind on a single path; see FIN's critical resources).
    public func pathMemory(_ v: Int) -> Double {
        var total = 0.0
        for k in stride(from: 1, through: kmax, by: 1) where computes(block: k, at: v) {
            total += figures.blockMemory[k]
        }
        return total
    }

    /// The most one path can load node `v` (ops/s at the application's rate).
    public func pathLoad(_ v: Int) -> Double {
        var total = 0.0
        for k in stride(from: 1, through: kmax, by: 1) where computes(block: k, at: v) { total += figures.blockLoad[k] }
        return total
    }

    /// The most one path can send over link `l` (bit/s): one transfer per layer, and the result.
    public func pathTraffic(_ l: Int) -> Double {
        var total = 0.0
        for k in 0..<kmax where has(figures.transferID(k, l)) { total += figures.layerTraffic[k] }
        if hasDestination && has(figures.resultID(l)) { total += figures.resultTraffic }
        return total
    }

    /// Upper bounds on `pathMemory`, `pathLoad` and `pathTraffic` at any node or link (every block,
    /// every layer): where a capacity holds these, the exact figures need not be computed.
    public var mostMemory: Double { figures.blockMemory.reduce(0, +) }
    public var mostLoad: Double { figures.blockLoad.reduce(0, +) }
    public var mostTraffic: Double { figures.layerTraffic.reduce(0, +) + (hasDestination ? figures.resultTraffic : 0) }
}
