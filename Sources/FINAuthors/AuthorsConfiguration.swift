/// A configuration as the authors' code represents it: the tier hosting each block
/// (1 device, 2 edge, 3 cloud, 0 none) and the index of the final exit (1-based, in the
/// order of the model's exits). Written `HHHHH|eE`, e.g. `12333|e3`.
public struct AuthorsConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// `hosts[k - 1]`: tier code of block k's host, 0 when the code leaves it undeployed.
    public var hosts: [Int]
    /// Final exit, 1-based in exit order.
    public var exitIndex: Int

    public init(hosts: [Int], exitIndex: Int) {
        self.hosts = hosts
        self.exitIndex = exitIndex
    }

    /// The `HHHHH|eE` string, exactly as the authors' matrix reads.
    public var description: String { hosts.map(String.init).joined() + "|e\(exitIndex)" }

    /// Parses `HHHHH|eE`; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].hasPrefix("e"), let e = Int(parts[1].dropFirst()) else { return nil }
        var hosts: [Int] = []
        for c in parts[0] {
            guard let h = c.wholeNumberValue, (0...3).contains(h) else { return nil }
            hosts.append(h)
        }
        guard !hosts.isEmpty else { return nil }
        self.init(hosts: hosts, exitIndex: e)
    }
}
