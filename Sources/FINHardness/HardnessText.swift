import FINModel

/// The text form of an `ApplicationHardness` (`finbench hardness`).
public enum HardnessText {
    static func ms(_ x: Double?) -> String { x.map { NumberFormat.sig($0 * 1000) + " ms" } ?? "none" }
    static func mj(_ x: Double?) -> String { x.map { NumberFormat.sig($0 * 1000) + " mJ" } ?? "none" }

    /// One or two lines: the static figures, then the optimum's facts when known.
    public static func lines(_ h: ApplicationHardness) -> [String] {
        let exits = h.admissibleExits.isEmpty ? "none" : h.admissibleExits.map(String.init).joined(separator: ",")
        let position = h.boundPosition.map { NumberFormat.sig($0, 3) } ?? "n/a (source alone is fastest)"
        var out = [
            "\(h.application) (\(h.model) from \(h.source)): exits \(exits); bound \(ms(h.boundSeconds)); "
                + "fastest \(ms(h.fastestSeconds)) / \(mj(h.fastestJoules)); cheapest \(ms(h.cheapestSeconds)) / "
                + "\(mj(h.cheapestJoules)); \(h.fastestDiffersFromCheapest ? "they differ" : "the same"); "
                + "source alone \(ms(h.sourceAloneSeconds)) / \(mj(h.sourceAloneJoules)), "
                + "\(h.sourceAloneFeasible ? "feasible" : "infeasible"); bound position \(position)"
        ]
        if let on = h.optimumOnSource {
            var binds: [String] = []
            if h.latencyAtBound == true { binds.append("latency at bound") }
            if h.memoryAtCapacity == true { binds.append("memory full") }
            if h.loadAtCapacity == true { binds.append("speed full") }
            if h.bandwidthAtCapacity == true { binds.append("bandwidth full") }
            if h.shareAtCapacity == true { binds.append("share full") }
            if h.latencyBinds == true { binds.append("bound costs energy") }
            if h.capacityBinds == true { binds.append("capacities cost energy") }
            let exit = h.optimumExit.map(String.init) ?? "?"
            let alone = h.optimumWithoutTransfers == true ? "on the source, no transfer" : "on the source"
            let place = on ? alone : "offloaded"
            out.append(
                "  optimum \(mj(h.optimumJoules)), \(ms(h.optimumSeconds)), exit after block \(exit), " + place
                    + "; binding: \(binds.isEmpty ? "nothing" : binds.joined(separator: ", "))")
        }
        return out
    }
}
