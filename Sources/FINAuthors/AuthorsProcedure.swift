/// A decision procedure of the authors' MATLAB code (GitHub chetna-iitd/orchestrate_dynamic_DNN),
/// by the workbench method name it is registered under.
public enum AuthorsProcedure: String, Sendable, CaseIterable {
    /// `weighted_fn1.m`: their MCP baseline (per-block greedy on delay, weight threshold 0.85),
    /// on the single-application paper scenario with B-AlexNet (CIFAR-10).
    case mcp = "mcp-authors"
    /// `ifg_high.m`: their FIN as their drivers call it (gamma 10, lambda 1), same scenario.
    case fin = "fin-authors"
    /// `ifg.m`: another FIN of theirs that decides differently (gamma 30, lambda = gamma - 5).
    case finIFG = "fin-authors-ifg"
    /// `ifg_low.m`: the same with gamma 3, lambda = gamma - 1.
    case finIFGLow = "fin-authors-ifg-low"
    /// `weighted_fn1_multi_model.m` (commit 5b67a48): their MCP on the multi-user scenario
    /// (users of B-AlexNet, B-ResNet, B-LeNet sharing one edge and one cloud).
    case mcpMulti = "mcp-authors-multi"
    /// `ifg_high_multi_model.m` (commit 5b67a48): their FIN on the multi-user scenario.
    case finMulti = "fin-authors-multi"

    /// The MATLAB file the procedure reproduces.
    public var authorsFile: String {
        switch self {
        case .mcp: return "weighted_fn1.m"
        case .fin: return "ifg_high.m"
        case .finIFG: return "ifg.m"
        case .finIFGLow: return "ifg_low.m"
        case .mcpMulti: return "weighted_fn1_multi_model.m"
        case .finMulti: return "ifg_high_multi_model.m"
        }
    }

    /// True for the multi-model procedures (several applications).
    public var isMultiModel: Bool { self == .mcpMulti || self == .finMulti }

    /// True when gamma and lambda mean something (the FIN procedures).
    public var takesGammaLambda: Bool { self != .mcp && self != .mcpMulti }

    /// The code's gamma (nil for the MCP procedures).
    public var defaultGamma: Int? {
        switch self {
        case .fin, .finMulti: return 10
        case .finIFG: return 30
        case .finIFGLow: return 3
        case .mcp, .mcpMulti: return nil
        }
    }

    /// The code's lambda for a gamma (the lower end of the scanned level window); nil for MCP.
    public func defaultLambda(gamma: Int) -> Int? {
        switch self {
        case .fin, .finMulti: return 1
        case .finIFG: return gamma - 5
        case .finIFGLow: return gamma - 1
        case .mcp, .mcpMulti: return nil
        }
    }
}
