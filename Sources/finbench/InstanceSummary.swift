import FINModel

/// A one-line description of an instance, for `validate`, `generate` and `demo`.
struct InstanceSummary {
    let instance: Instance
    init(_ instance: Instance) { self.instance = instance }

    var tierCounts: String {
        Tier.allCases.compactMap { t -> String? in
            let n = instance.nodes.filter { $0.tier == t }.count
            return n == 0 ? nil : "\(n) \(t.rawValue)"
        }.joined(separator: ", ")
    }

    var line: String {
        let apps = instance.applications.count
        let models = instance.models.map(\.id).joined(separator: ", ")
        var text =
            "\(instance.nodes.count) nodes (\(tierCounts)), \(instance.links.count) links, \(apps) "
            + "application\(apps == 1 ? "" : "s"), models: \(models)"
        if let levels = instance.shareLevels {
            text += ", shares \(levels.map(JSONWriter.formatNumber).joined(separator: "/"))"
        }
        return text
    }
}
