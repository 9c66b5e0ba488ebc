import FINModel

extension GeneratorConfig {
    /// The device mix of the calibrated presets: every class but the authors' device, whose
    /// energy per operation undercuts the edge's and the cloud's (see `DeviceClass`).
    public static let calibratedDeviceClasses: [DeviceClass] = [
        .phone, .embeddedGPU, .singleBoard, .microcontroller, .accelerator,
    ]

    /// The calibrated presets (`standard`, `contended`, `scaling`); the others as `easy`.
    /// docs/INSTANCES.md gives the share of applications whose proven optimum stays on the
    /// source for each, measured with `scripts/source-share.sh`.
    static func calibrated(_ p: Preset) -> GeneratorConfig {
        var c = GeneratorConfig()
        c.applicationRule = .calibrated
        c.deviceClasses = calibratedDeviceClasses
        c.models = ["b-alexnet-cifar10", "b-alexnet-cifar100", "b-resnet", "b-lenet"]
        c.applications = 3
        c.rate = 1...5
        c.latencySlack = 0.1...0.9
        c.latencyMargin = 0.2
        c.exitProbability = 0.1...0.4
        c.destinationProbability = 0.2
        c.pinProbability = 0.5
        c.targetExit = .beyondFirst
        switch p {
        case .contended:
            c.applications = 6
            c.memoryScale = 0.05
            c.bandwidthScale = 0.1
            c.rate = 1...40
            c.shareLevels = [0.25, 0.5, 1]
            c.edgeTopology = .mesh
        case .scaling:
            c.models = ["synthetic"]
            c.edgeTopology = .mesh
            c.exitProbability = 0...0.3
        default:
            break
        }
        return c
    }
}
