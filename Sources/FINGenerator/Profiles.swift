import FINModel

/// A DNN shipped with the workbench, with where its figures come from.
public struct DNNProfile: Sendable {
    /// Stable id, used on the command line and as the model id in instances.
    public let id: String
    /// One-line statement of the sources of its figures.
    public let provenance: String
    public let model: DNNModel
    /// A latency bound and accuracy target for the paper scenario that make the problem
    /// non-trivial (the device alone is too slow, the shallowest exit too inaccurate). The
    /// papers' default point for B-AlexNet on CIFAR-10 (5 ms, 0.80); the workbench's own choice
    /// for the other profiles (`StandardInstances.boundsProvenance` says which).
    public let paperLatencySeconds: Double
    public let paperMinAccuracy: Double
}

/// The papers' three branchy DNNs (Singhal et al., INFOCOM 2024 / ToN 2025).
///
/// Block ops, block outputs and exit accuracies are the authors' published figures. They give
/// no input size, weight memory or exit-classifier cost; for those we take the real networks'
/// layer shapes, and say so in `provenance`:
/// - input: the dataset's image at 8 bits per value (CIFAR 32x32x3, MNIST padded to 32x32x1);
/// - weights: float32 parameters of the layers in each block (AlexNet as in Krizhevsky et al.
///   2012 with a 10- or 100-class head, ResNet-110 for CIFAR, LeNet-5), the exit classifier's
///   weights counted in the block it follows;
/// - exit classifiers: a global average pool and one fully connected layer over the block's
///   output (H*W*C + 2*C*classes ops); the final exit's classifier is part of the last block;
/// - result: one 8-bit score per class.
public enum DNNProfiles {
    /// Outputs are "features at 8 bits": H * W * C * 8 bits.
    static func bits(_ h: Double, _ w: Double, _ c: Double) -> Double { h * w * c * 8 }
    /// Global-average-pool + linear exit over an HxWxC output (ops, bytes of float32 weights).
    static func exitHead(_ h: Double, _ w: Double, _ c: Double, classes: Double) -> (ops: Double, bytes: Double) {
        (h * w * c + 2 * c * classes, (c * classes + classes) * 4)
    }

    static func alexNet(classes: Double, id: String, dataset: String, accuracies: [Double], minAccuracy: Double)
        -> DNNProfile
    {
        let e1 = exitHead(27, 27, 256, classes: classes)
        let e2 = exitHead(13, 13, 384, classes: classes)
        // float32 parameters per block: conv1+conv2 | conv3 | conv4 | conv5 | fc6+fc7+fc8
        let params: [Double] = [
            34_944 + 307_456, 885_120, 663_936, 442_624, 37_752_832 + 16_781_312 + 4096 * classes + classes,
        ]
        let model = DNNModel(
            id: id, inputBits: bits(32, 32, 3),
            blocks: [
                Block(ops: 22.62e9, outputBits: bits(27, 27, 256), memoryBytes: params[0] * 4 + e1.bytes),
                Block(ops: 6.711e9, outputBits: bits(13, 13, 384), memoryBytes: params[1] * 4),
                Block(ops: 10.145e9, outputBits: bits(13, 13, 384), memoryBytes: params[2] * 4 + e2.bytes),
                Block(ops: 19.201e9, outputBits: bits(13, 13, 256), memoryBytes: params[3] * 4),
                Block(ops: 13.523e9, outputBits: classes * 8, memoryBytes: params[4] * 4),
            ],
            exits: [
                Exit(afterBlock: 1, accuracy: accuracies[0], ops: e1.ops),
                Exit(afterBlock: 3, accuracy: accuracies[1], ops: e2.ops),
                Exit(afterBlock: 5, accuracy: accuracies[2]),
            ],
            resultBits: classes * 8)
        return DNNProfile(
            id: id,
            provenance:
                "B-AlexNet on \(dataset): block ops, block outputs (8-bit features) and exit accuracies are the "
                + "authors' figures; input size, weights (float32 AlexNet layers) and exit heads (avg-pool + FC) "
                + "are our estimates from the real network",
            model: model, paperLatencySeconds: 0.005, paperMinAccuracy: minAccuracy)
    }

    /// B-AlexNet on CIFAR-10: 5 blocks, exits after 1, 3, 5.
    public static let bAlexNetCIFAR10 = alexNet(
        classes: 10, id: "b-alexnet-cifar10", dataset: "CIFAR-10", accuracies: [0.5637, 0.7805, 0.8595],
        minAccuracy: 0.8)

    /// B-AlexNet on CIFAR-100: same blocks, the CIFAR-100 exit accuracies.
    public static let bAlexNetCIFAR100 = alexNet(
        classes: 100, id: "b-alexnet-cifar100", dataset: "CIFAR-100", accuracies: [0.3956, 0.5477, 0.6032],
        minAccuracy: 0.55)

    /// B-ResNet (ResNet-110 for CIFAR-10): 5 blocks, exits after 1, 3, 5.
    public static let bResNet: DNNProfile = {
        let e1 = exitHead(32, 32, 16, classes: 10)
        let e2 = exitHead(8, 8, 64, classes: 10)
        // ResNet-110 parameters: conv1 + half of stage 1 | other half | stage 2 + a third of
        // stage 3 | a third of stage 3 | a third of stage 3 + fc
        let params: [Double] = [432 + 41_472, 41_472, 331_776 + 442_368, 442_368, 442_368 + 650]
        let model = DNNModel(
            id: "b-resnet", inputBits: bits(32, 32, 3),
            blocks: [
                Block(ops: 0.7733e9, outputBits: bits(32, 32, 16), memoryBytes: params[0] * 4 + e1.bytes),
                Block(ops: 1.0803e9, outputBits: bits(32, 32, 16), memoryBytes: params[1] * 4),
                Block(ops: 1.0593e9, outputBits: bits(8, 8, 64), memoryBytes: params[2] * 4 + e2.bytes),
                Block(ops: 3.5043e9, outputBits: bits(8, 8, 64), memoryBytes: params[3] * 4),
                Block(ops: 11.7704e9, outputBits: 80, memoryBytes: params[4] * 4),
            ],
            exits: [
                Exit(afterBlock: 1, accuracy: 0.389, ops: e1.ops),
                Exit(afterBlock: 3, accuracy: 0.518, ops: e2.ops),
                Exit(afterBlock: 5, accuracy: 0.937),
            ],
            resultBits: 80)
        return DNNProfile(
            id: "b-resnet",
            provenance:
                "B-ResNet on CIFAR-10: block ops, block outputs (8-bit features) and exit accuracies are the authors' "
                + "figures; input size, weights (float32 ResNet-110 layers) and exit heads (avg-pool + FC) are our "
                + "estimates from the real network",
            model: model, paperLatencySeconds: 0.0012, paperMinAccuracy: 0.9)
    }()

    /// B-LeNet (LeNet-5 on MNIST): 3 blocks, exits after 1 and 3.
    public static let bLeNet: DNNProfile = {
        let e1 = exitHead(10, 10, 16, classes: 10)
        // LeNet-5 parameters: conv1 + conv2 | conv3 (16 -> 120) | fc 120-84-10
        let params: [Double] = [156 + 2_416, 48_120, 10_164 + 850]
        let model = DNNModel(
            id: "b-lenet", inputBits: bits(32, 32, 1),
            blocks: [
                Block(ops: 0.1674e9, outputBits: bits(10, 10, 16), memoryBytes: params[0] * 4 + e1.bytes),
                Block(ops: 0.04e9, outputBits: bits(1, 1, 120), memoryBytes: params[1] * 4),
                Block(ops: 0.048e9, outputBits: 80, memoryBytes: params[2] * 4),
            ],
            exits: [
                Exit(afterBlock: 1, accuracy: 0.9359, ops: e1.ops),
                Exit(afterBlock: 3, accuracy: 0.9925),
            ],
            resultBits: 80)
        return DNNProfile(
            id: "b-lenet",
            provenance:
                "B-LeNet on MNIST: block ops, block outputs (8-bit features) and exit accuracies are the authors' "
                + "figures; input size (32x32 padded MNIST), weights (float32 LeNet-5 layers) and the exit head "
                + "(avg-pool + FC) are our estimates from the real network",
            model: model, paperLatencySeconds: 0.00002, paperMinAccuracy: 0.99)
    }()

    /// Every shipped profile, in a stable order.
    public static let all: [DNNProfile] = [bAlexNetCIFAR10, bAlexNetCIFAR100, bResNet, bLeNet]

    /// The profile with this id.
    public static func named(_ id: String) -> DNNProfile? { all.first { $0.id == id } }
}
