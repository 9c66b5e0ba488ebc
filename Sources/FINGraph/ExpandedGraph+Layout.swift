import FINModel

extension ExpandedGraph {
    /// What an application's graph needs to compute any edge's figures, and where each edge's
    /// number lies: O(kmax) numbers of its own, and the network's per-node and per-link arrays
    /// (`NetworkIndex`'s, shared by every application's graph: references, not copies). A class, so
    /// that reading it in a search costs one reference, not a copy of every array.
    ///
    /// Layout of the edge numbers, in the order an explicit graph lists its edges:
    /// - per block k in 1...kmax and node n, `levels.count + 1` slots: the compute edges at each
    ///   level, then the proceed edge `done(k, n) -> at(k, n)`;
    /// - per layer k in 0..<kmax and link l: the transfer edge;
    /// - per admissible depth (its position in `depths`) and node n: the terminal edge;
    /// - per link l: the result edge; then the arrive edge.
    @usableFromInline
    final class Figures: Sendable {
        @usableFromInline let nodes: Int
        @usableFromInline let links: Int
        @usableFromInline let kmax: Int
        @usableFromInline let levels: [Double]
        @usableFromInline let depths: [Int]
        /// The application's source node, and its destination node (-1: none).
        @usableFromInline let source: Int
        @usableFromInline let destination: Int
        /// Edge numbers per (block, node): one per level and the proceed edge.
        @usableFromInline let slots: Int
        @usableFromInline let transferBase: Int
        @usableFromInline let terminalBase: Int
        @usableFromInline let resultBase: Int
        @usableFromInline let arriveID: Int
        @usableFromInline let edgeIDLimit: Int
        /// Per block k (index 0 unused): expected operations per inference (reach × ops), the
        /// operations of the block, its weights, and its compute load at the application's rate.
        @usableFromInline let blockEnergy: [Double]
        @usableFromInline let blockOps: [Double]
        @usableFromInline let blockMemory: [Double]
        @usableFromInline let blockLoad: [Double]
        /// Per layer k in 0..<kmax (what is sent after block k): bits, expected bits per inference
        /// (send probability × bits), and traffic at the application's rate.
        @usableFromInline let layerBits: [Double]
        @usableFromInline let layerEnergy: [Double]
        @usableFromInline let layerTraffic: [Double]
        /// The result: bits, and traffic at the application's rate.
        @usableFromInline let resultBits: Double
        @usableFromInline let resultTraffic: Double
        /// Per block k in 0...kmax: the positions in `depths` of the depths ending after it.
        @usableFromInline let terminalsAfter: [[Int]]
        /// Per position in `depths`: the depth's last block.
        @usableFromInline let depthBlock: [Int]
        /// The network (`NetworkIndex`): per node, energy per operation and speed; per link, its
        /// ends, energy per bit, bandwidth and latency; per node, the links out and in.
        @usableFromInline let joulesPerOp: [Double]
        @usableFromInline let opsPerSecond: [Double]
        @usableFromInline let linkTail: [Int]
        @usableFromInline let linkHead: [Int]
        @usableFromInline let joulesPerBit: [Double]
        @usableFromInline let bitsPerSecond: [Double]
        @usableFromInline let linkLatency: [Double]
        @usableFromInline let outgoing: [[Int]]
        @usableFromInline let incoming: [[Int]]

        init(_ index: NetworkIndex, application a: Int, chain: DNNChain, depths: [Int], kmax: Int, levels: [Double]) {
            let app = index.instance.applications[a]
            let rate = app.ratePerSecond
            nodes = index.nodeCount
            links = index.linkCount
            self.kmax = kmax
            self.levels = levels
            self.depths = depths
            source = index.nodeIndex[app.source]!
            destination = app.destination.map { index.nodeIndex[$0]! } ?? -1
            slots = levels.count + 1
            transferBase = kmax * nodes * slots
            terminalBase = transferBase + kmax * links
            resultBase = terminalBase + depths.count * nodes
            arriveID = resultBase + links
            edgeIDLimit = arriveID + 1
            var blockEnergy = [Double](repeating: 0, count: kmax + 1)
            var blockOps = blockEnergy
            var blockMemory = blockEnergy
            var blockLoad = blockEnergy
            for k in stride(from: 1, through: kmax, by: 1) {
                let ops = chain.computeOps[k]
                blockOps[k] = ops
                blockEnergy[k] = chain.reach[k] * ops
                blockMemory[k] = chain.memoryBytes(block: k)
                blockLoad[k] = rate * chain.reach[k] * ops
            }
            (self.blockEnergy, self.blockOps, self.blockMemory, self.blockLoad) =
                (blockEnergy, blockOps, blockMemory, blockLoad)
            layerBits = (0..<kmax).map { chain.transferBits(afterBlock: $0) }
            layerEnergy = (0..<kmax).map { chain.sendProbability(afterBlock: $0) * chain.transferBits(afterBlock: $0) }
            layerTraffic = (0..<kmax).map {
                rate * chain.sendProbability(afterBlock: $0) * chain.transferBits(afterBlock: $0)
            }
            resultBits = chain.model.resultBits
            resultTraffic = rate * chain.model.resultBits
            depthBlock = depths.map { chain.depths[$0].lastBlock }
            var after = [[Int]](repeating: [], count: kmax + 1)
            for (position, k) in depthBlock.enumerated() { after[k].append(position) }
            terminalsAfter = after
            joulesPerOp = index.nodeJoulesPerOp
            opsPerSecond = index.nodeOpsPerSecond
            linkTail = index.linkTail
            linkHead = index.linkHead
            joulesPerBit = index.linkJoulesPerBit
            bitsPerSecond = index.linkBitsPerSecond
            linkLatency = index.linkLatencySeconds
            outgoing = index.outgoing
            incoming = index.incoming
        }

        /// Seconds to send `bits` over link `l` (`Link.seconds`).
        @inlinable func seconds(_ l: Int, bits: Double) -> Double {
            Link.seconds(bits: bits, bitsPerSecond: bitsPerSecond[l], latencySeconds: linkLatency[l])
        }

        @inlinable func computeID(_ k: Int, _ v: Int, _ level: Int) -> Int { ((k - 1) * nodes + v) * slots + level }
        @inlinable func proceedID(_ k: Int, _ v: Int) -> Int { ((k - 1) * nodes + v) * slots + slots - 1 }
        @inlinable func transferID(_ k: Int, _ l: Int) -> Int { transferBase + k * links + l }
        @inlinable func terminalID(_ position: Int, _ v: Int) -> Int { terminalBase + position * nodes + v }
        @inlinable func resultID(_ l: Int) -> Int { resultBase + l }
    }
}
