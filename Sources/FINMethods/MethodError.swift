/// Why a method cannot run as asked.
public enum MethodError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No method has this name.
    case unknownMethod(String)
    /// The method does not take these parameters.
    case parameterNotTaken(method: String, parameters: [MethodParameter], takes: [MethodParameter])
    /// A parameter's value is outside what it admits.
    case badValue(parameter: MethodParameter, given: String)
    /// The method runs on a narrower class of instances than this one (for example the papers'
    /// 3-tier scenario only): what it needs.
    case unsupportedInstance(method: String, reason: String)

    public var description: String {
        switch self {
        case .unknownMethod(let name):
            return "unknown method \"\(name)\" (known: \(MethodRegistry.names.joined(separator: ", ")))"
        case .parameterNotTaken(let method, let parameters, let takes):
            let given = parameters.map(\.key).joined(separator: ", ")
            let valid = takes.isEmpty ? "none" : takes.map(\.key).joined(separator: ", ")
            return "\(method) does not take \(given) (it takes: \(valid))"
        case .badValue(let p, let given):
            return "\(p.key) (\(p.flag)) must be \(p.expectation), got \"\(given)\""
        case .unsupportedInstance(let method, let reason):
            return "\(method) cannot run on this instance: \(reason)"
        }
    }
}
