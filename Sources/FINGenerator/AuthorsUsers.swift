import FINModel

extension PaperScenario {
    /// Per-DNN share of the edge's and the cloud's speed in the authors' multi-model code
    /// (`resource_rate_alex`, `_resnet`, `_lenet` in `ifg_high_multi_model.m`), divided there by
    /// the number of users of that DNN.
    public static let authorsResourceRates: [(profile: String, rate: Double)] = [
        ("b-alexnet-cifar10", 0.001), ("b-resnet", 0.01), ("b-lenet", 0.002),
    ]

    /// The journal's multi-user scenario as the authors' code runs it (their driver at commit
    /// 5b67a48): `usersPerProfile` users of each of B-AlexNet (CIFAR-10), B-ResNet and B-LeNet,
    /// AlexNet and ResNet users at 5 ms and 50 %, LeNet users at 0.1 ms and 95 %, and the
    /// authors' resource model as share levels: a user of a DNN gets that DNN's rate divided
    /// by the number of its users of the edge's and the cloud's speed (levels 0.001/N,
    /// 0.002/N, 0.01/N), and 1 on its own device. The workbench's share levels
    /// (`users(profiles:usersPerProfile:shareLevels:)`) let every method choose among levels;
    /// here the levels are those the authors' model assigns.
    public static func authorsUsers(usersPerProfile: Int) -> Instance {
        let profiles = authorsResourceRates.map { DNNProfiles.named($0.profile)! }
        let n = Double(max(usersPerProfile, 1))
        let levels = (authorsResourceRates.map { $0.rate / n } + [1]).sorted()
        var instance = users(profiles: profiles, usersPerProfile: usersPerProfile, shareLevels: levels)
        applyAuthorsTargets(&instance)
        instance.name = "authors-users-u\(usersPerProfile)"
        instance.description =
            (instance.description ?? "") + " Authors' settings (their multi-model driver, commit "
            + "5b67a48): B-AlexNet and B-ResNet users at 5 ms and 50 %, B-LeNet users at 0.1 ms and 95 %; share levels "
            + "are the authors' resource model (each user of a DNN gets the DNN's rate, 0.001, 0.01 or 0.002, "
            + "divided by the number of its users, of the edge's and the cloud's speed; 1 on its own device)."
        return instance
    }

    /// Sets every application to the authors' multi-model driver's bound and target (commit
    /// 5b67a48): B-LeNet users at 0.1 ms and 95 %, every other user at 5 ms and 50 %. The
    /// workbench's `users(profiles:usersPerProfile:shareLevels:)` gives each profile its own
    /// `paperLatencySeconds` and `paperMinAccuracy` instead.
    public static func applyAuthorsTargets(_ instance: inout Instance) {
        for a in instance.applications.indices {
            let leNet = instance.applications[a].model == "b-lenet"
            instance.applications[a].maxLatencySeconds = leNet ? 0.0001 : 0.005
            instance.applications[a].minAccuracy = leNet ? 0.95 : 0.5
        }
    }
}
