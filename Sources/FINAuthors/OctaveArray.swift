/// The authors' multi-model configuration array `p` (blocks x {host, exit} x DNN x user),
/// with MATLAB/Octave's indexing: column-major, and an index list shorter than the array's
/// rank addressing the trailing dimensions as one. The multi-model MCP reads `p(i, 2)` and
/// `p(i, 1, user)` on this 4-D array, which reach other DNNs' and users' entries; the port
/// reproduces those reads exactly through this type.
struct OctaveArray: Sendable {
    /// 5 x 2 x 3 x users.
    let users: Int
    private(set) var values: [Int]

    init(users: Int) {
        self.users = max(users, 1)
        values = [Int](repeating: 0, count: 5 * 2 * 3 * self.users)
    }

    /// 0-based linear position of 1-based subscripts; missing trailing subscripts count as 1
    /// and the last one given runs over the dimensions it stands for, as in MATLAB.
    private func linear(_ s: [Int]) -> Int {
        let strides = [1, 5, 10, 30]
        var at = 0
        for (k, x) in s.enumerated() { at += (x - 1) * strides[k] }
        precondition(at >= 0 && at < values.count, "index out of bounds (MATLAB would stop)")
        return at
    }

    subscript(_ s: Int...) -> Int {
        get { values[linear(s)] }
        set { values[linear(s)] = newValue }
    }

    /// The configuration of a DNN's user: hosts of blocks 1...blocks and exit `p(1, 2, m, u)`.
    func configuration(model m: Int, user u: Int, blocks: Int) -> AuthorsConfiguration {
        AuthorsConfiguration(hosts: (1...blocks).map { self[$0, 1, m, u] }, exitIndex: self[1, 2, m, u])
    }
}
