import ArgumentParser
import FINGenerator

/// `generate`'s options for the calibrated generator: device classes and the application rule.
struct DeviceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Comma-separated device classes, each device draws one (repeat one to weight it): "
                + DeviceClass.allCases.map(\.rawValue).joined(separator: ", ") + ".",
            valueName: "classes"))
    var deviceClasses: String?
    @Option(help: "How bounds and pins are drawn: v1 (fin-gen/1) or calibrated (slack 1 = the cheapest deployment).")
    var applicationRule: String?
    @Option(help: "Calibrated rule: the bound is at least the fastest deployment's latency times 1 + this margin.")
    var latencyMargin: Double?

    /// Applies the options given to `c`.
    func apply(to c: inout GeneratorConfig) throws(Failure) {
        if let deviceClasses {
            var classes: [DeviceClass] = []
            for name in deviceClasses.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
                guard let k = DeviceClass(rawValue: name) else {
                    let known = DeviceClass.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Failure("unknown device class \"\(name)\" (known: \(known))", status: ExitStatus.usage)
                }
                classes.append(k)
            }
            c.deviceClasses = classes
        }
        if let latencyMargin { c.latencyMargin = latencyMargin }
        if let applicationRule {
            guard let rule = ApplicationRule(rawValue: applicationRule) else {
                let message = "unknown application rule \"\(applicationRule)\" (v1 or calibrated)"
                throw Failure(message, status: ExitStatus.usage)
            }
            c.applicationRule = rule
        }
    }
}
