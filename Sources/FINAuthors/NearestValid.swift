/// The one rule that turns a configuration of the authors' code into a deployment of the
/// workbench's model when it is not one (docs/AUTHORS.md, "Nearest valid configuration"):
///
/// 1. blocks past the final exit's block are dropped (`11000|e1` deploys block 1 only);
/// 2. a block up to the final exit's block without a host (tier 0) goes on the host of the
///    block before it (`13330|e3` deploys `13333`); block 1 without a host goes on the device.
///
/// Nothing else is changed: a configuration that then breaks the bound or the target is
/// deployed as it is and the evaluator says so.
public enum NearestValid {
    /// The repaired tiers of blocks 1...lastBlock, and one sentence per change (empty when
    /// the configuration was deployable as it is).
    public static func repair(
        _ configuration: AuthorsConfiguration,
        lastBlock: Int
    ) -> (tiers: [Int], notes: [String]) {
        var notes: [String] = []
        var hosts = configuration.hosts
        if hosts.count < lastBlock { hosts += [Int](repeating: 0, count: lastBlock - hosts.count) }
        let dropped = (lastBlock..<hosts.count).filter { hosts[$0] != 0 }.map { $0 + 1 }
        if !dropped.isEmpty {
            let list = dropped.map(String.init).joined(separator: ", ")
            notes.append(
                "dropped block\(dropped.count == 1 ? "" : "s") \(list)"
                    + " past the final exit (after block \(lastBlock))")
        }
        var tiers = Array(hosts.prefix(lastBlock))
        for k in tiers.indices where tiers[k] == 0 {
            tiers[k] = k == 0 ? 1 : tiers[k - 1]
            notes.append(
                "block \(k + 1) had no host: put on "
                    + (k == 0 ? "the device" : "the host of block \(k) (tier \(tiers[k]))"))
        }
        return (tiers, notes)
    }
}
