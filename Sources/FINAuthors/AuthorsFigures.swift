/// The figures the authors' MATLAB code hard-codes for one DNN, in the code's own units:
/// block operations as written in `ops_layer` (in units of 1e9 ops, labelled "mops"), block
/// outputs as element counts (`feature_layer`, 8 bits each), exit accuracies in percent
/// (`ac1`, already multiplied by the code's rescaling factor).
struct AuthorsModelFigures: Sendable {
    /// `ops_layer`, one entry per block the code lists (it may list more, or fewer, than the
    /// model has; see docs/AUTHORS.md).
    let ops: [Double]
    /// `feature_layer`: output elements of blocks 1, 2, ...
    let features: [Double]
    /// `ac1`: accuracy of exits 1, 2, ... in percent.
    let accuracies: [Double]
    /// The model's exits, by the block they follow (not in the code: read from the papers).
    let exitBlocks: [Int]
}

/// Tier figures as the code writes them: speeds in TOPS (`w1_1`), receive time per bit in
/// ns (`w1_2`, used as the delay of a transfer into the tier) and transfer energy per bit in
/// nJ (`w3`), indexed device, edge, cloud.
enum AuthorsTiers {
    static let teraOpsPerSecond: [Double] = [11, 153.4, 312]
    static let nanosecondsPerBit: [Double] = [10, 0.00178, 0.00022]
    static let nanojoulesPerBit: [Double] = [30, 37, 12.6]
    /// Per-DNN share of the edge's and cloud's speed in the multi-model code
    /// (`resource_rate_alex`, `_resnet`, `_lenet`), divided there by the number of users.
    static let multiModelRate: [AuthorsModel: Double] = [.alexNet: 0.001, .resNet: 0.01, .leNet: 2e-03]
}

/// The DNNs the authors' code knows.
public enum AuthorsModel: String, Sendable, CaseIterable, Comparable {
    /// B-AlexNet, CIFAR-10 (the single-model functions and the multi-model ones).
    case alexNet = "b-alexnet"
    /// B-ResNet (multi-model functions only).
    case resNet = "b-resnet"
    /// B-LeNet (multi-model functions only).
    case leNet = "b-lenet"

    public static func < (a: AuthorsModel, b: AuthorsModel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The code's accuracy vector: `scale * raw`, evaluated as MATLAB does (scalar first).
    static func scaled(_ numerator: Double, _ denominator: Double, _ raw: [Double]) -> [Double] {
        let factor = numerator / denominator
        return raw.map { factor * $0 }
    }

    /// Figures of the single-model functions (`weighted_fn1.m`, `ifg*.m`): B-AlexNet with six
    /// op counts (the sixth, 29.084, is never used) and accuracies rescaled by 85.95 / 79.19.
    static let singleAlexNet = AuthorsModelFigures(
        ops: [22.62, 6.711, 10.145, 19.201, 13.523, 29.084],
        features: [27 * 27 * 256, 13 * 13 * 384, 13 * 13 * 384, 13 * 13 * 256],
        accuracies: scaled(85.95, 79.19, [51.94, 71.91, 79.19]), exitBlocks: [1, 3, 5])

    /// Figures of the multi-model functions (commit 5b67a48). AlexNet's op list there drops
    /// block 3's 10.145 and so shifts blocks 3..5 onto the next block's figure.
    var multiModel: AuthorsModelFigures {
        switch self {
        case .alexNet:
            return AuthorsModelFigures(
                ops: [22.62, 6.711, 19.201, 13.523, 29.084],
                features: [27 * 27 * 256, 13 * 13 * 384, 13 * 13 * 384, 13 * 13 * 256],
                accuracies: Self.scaled(85.95, 79.19, [51.94, 71.91, 79.19]), exitBlocks: [1, 3, 5])
        case .resNet:
            return AuthorsModelFigures(
                ops: [0.7733, 1.0803, 1.0593, 3.5043, 11.7704],
                features: [32 * 32 * 16, 32 * 32 * 16, 8 * 8 * 64, 8 * 8 * 64],
                accuracies: Self.scaled(93.70, 79.17, [32.86, 43.78, 79.17]), exitBlocks: [1, 3, 5])
        case .leNet:
            return AuthorsModelFigures(
                ops: [0.1674, 0.04, 0.048], features: [10 * 10 * 16, 1 * 1 * 120],
                accuracies: Self.scaled(99.25, 99.25, [93.59, 99.25]), exitBlocks: [1, 3])
        }
    }

    /// Number of blocks of the model.
    var blockCount: Int { self == .leNet ? 3 : 5 }
}
