import FINModel

/// Why the authors' procedures cannot run on an instance. Their MATLAB code hard-codes the
/// papers' scenario, so the port runs only where that scenario is recognised; the CLI maps
/// every case to exit status 65 (invalid input for the method).
public enum AuthorsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The network is not the papers' one: one device per application, one edge, one cloud,
    /// and exactly the upward links device -> edge, device -> cloud, edge -> cloud.
    case notPaperNetwork(String)
    /// An application is not set as in the papers (block 1 pinned to its device, no
    /// destination, one application per device).
    case notPaperApplication(String)
    /// A model is not one whose figures the authors' code hard-codes, or its figures differ.
    case unsupportedModel(String)
    /// The procedure and the scenario do not go together (a single-model procedure on the
    /// multi-user scenario, or the reverse; unequal user counts per DNN).
    case wrongScenario(String)
    /// A parameter outside what the authors' code can run with (gamma < 1, lambda out of range).
    case badParameter(String)

    public var description: String {
        switch self {
        case .notPaperNetwork(let s): return "not the papers' network: \(s)"
        case .notPaperApplication(let s): return "not the papers' application setting: \(s)"
        case .unsupportedModel(let s): return "not a model of the authors' code: \(s)"
        case .wrongScenario(let s): return "wrong scenario for this procedure: \(s)"
        case .badParameter(let s): return "bad parameter: \(s)"
        }
    }
}
