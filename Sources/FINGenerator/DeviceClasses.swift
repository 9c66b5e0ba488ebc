import FINModel

/// Hardware classes of source devices, beside the authors' device tier.
///
/// With the authors' figures the device spends the least energy per operation of the three tiers
/// (6 W / 11e12 ops/s = 0.55 pJ/op, against 0.91 for the edge and 1.28 for the cloud), so a
/// deployment leaves the device only when the latency bound, the accuracy target or a capacity
/// forces it. Real end devices are often slower and spend more per operation; these classes give
/// the generator such devices, so that offloading pays in energy as well as in time.
///
/// Every figure except `paper`'s is **our estimate** from public datasheets and papers, rounded,
/// for sustained DNN inference (not peak) with the whole board's power; `provenance` names the
/// sources. Edge and cloud keep the authors' figures; so does the per-node transfer energy where
/// nothing better is known.
public enum DeviceClass: String, Sendable, CaseIterable {
    /// The authors' device (INFOCOM 2024 / ToN 2025): 11e12 ops/s at 6 W, 4 GB.
    case paper
    /// A smartphone running the DNN on its GPU in FP16.
    case phone
    /// An embedded GPU module (NVIDIA Jetson Nano class).
    case embeddedGPU = "embedded-gpu"
    /// A single-board computer running the DNN on its CPU (Raspberry Pi 4 class).
    case singleBoard = "single-board"
    /// A microcontroller with int8 kernels (STM32H7 class) and a Bluetooth LE radio.
    case microcontroller
    /// A board with a small int8 accelerator whose on-chip parameter memory is a few MB
    /// (Google Coral Edge TPU class).
    case accelerator

    /// Speed, power, memory, per-bit transfer energy and receiving rate of the class.
    public var figures: TierFigures {
        switch self {
        case .paper:
            return TierFigures.device
        case .phone:
            return TierFigures(
                opsPerSecond: 0.5e12, powerWatts: 4, memoryBytes: 2e9, joulesPerBit: 30e-9,
                receiveBitsPerSecond: 1e8)
        case .embeddedGPU:
            return TierFigures(
                opsPerSecond: 0.25e12, powerWatts: 10, memoryBytes: 2e9, joulesPerBit: 30e-9,
                receiveBitsPerSecond: 1e8)
        case .singleBoard:
            return TierFigures(
                opsPerSecond: 20e9, powerWatts: 6, memoryBytes: 2e9, joulesPerBit: 30e-9,
                receiveBitsPerSecond: 1e8)
        case .microcontroller:
            return TierFigures(
                opsPerSecond: 0.5e9, powerWatts: 0.25, memoryBytes: 2e6, joulesPerBit: 15e-9,
                receiveBitsPerSecond: 1e6)
        case .accelerator:
            return TierFigures(
                opsPerSecond: 2e12, powerWatts: 2, memoryBytes: 8e6, joulesPerBit: 30e-9,
                receiveBitsPerSecond: 1e8)
        }
    }

    /// The rate at which the class sends (its radio's uplink); a link out of such a device has
    /// the smaller of this and its receiver's rate. Nil for `paper`: the authors' rule, a link
    /// has its receiver's rate.
    public var sendBitsPerSecond: Double? {
        switch self {
        case .paper: return nil
        case .phone, .embeddedGPU, .singleBoard, .accelerator: return 1e8
        case .microcontroller: return 1e6
        }
    }

    /// Where the figures come from (written into the description of instances that use them).
    public var provenance: String {
        switch self {
        case .paper:
            return "paper: the authors' device (11e12 ops/s, 6 W)"
        case .phone:
            return "phone: a smartphone GPU in FP16, 0.5e12 ops/s sustained at 4 W (estimate: about half the peak"
                + " FP16 rate of recent Adreno/Mali GPUs, cf. Ignatov et al., AI Benchmark, ICCVW 2019; 3-5 W"
                + " sustained SoC power), 2 GB for models, 100 Mbit/s Wi-Fi/5G both ways"
        case .embeddedGPU:
            return "embedded-gpu: NVIDIA Jetson Nano class, 0.25e12 ops/s at 10 W (estimate: about half the"
                + " datasheet's 472 GFLOPS FP16 peak, in its 10 W mode), 2 of its 4 GB for models, 100 Mbit/s"
        case .singleBoard:
            return "single-board: Raspberry Pi 4 class, 20e9 ops/s at 6 W (estimate: 4 Cortex-A72 cores at"
                + " 1.5 GHz peak at 48 GFLOPS FP32 with NEON; about 6 W for the loaded board), 2 GB for models,"
                + " 100 Mbit/s Wi-Fi"
        case .microcontroller:
            return "microcontroller: STM32H7 class (Cortex-M7 at 480 MHz), 0.5e9 int8 ops/s at 0.25 W (estimate:"
                + " CMSIS-NN kernels at about one op per cycle), 2 MB flash for weights, Bluetooth LE at 1 Mbit/s"
                + " and 15 nJ/bit (estimate from nRF52-class radio currents)"
        case .accelerator:
            return "accelerator: Google Coral Edge TPU class, 2e12 int8 ops/s at 2 W (estimate: half the"
                + " datasheet's 4 TOPS at 2 W, host included), 8 MB on-chip parameter memory, 100 Mbit/s"
        }
    }
}
