import FINModel

/// The instances shipped in `instances/`, defined once here: `finbench demo` writes them,
/// and a test checks that the committed files are exactly what this code generates.
public enum StandardInstances {
    /// A shipped instance: file name, one-line description, how to remake it, the instance.
    public struct Entry: Sendable {
        public let file: String
        public let summary: String
        public let command: String
        public let instance: Instance
    }

    /// Generator settings of the shipped generated instances.
    public static let generated: [(file: String, summary: String, command: String, config: GeneratorConfig)] = {
        var out: [(String, String, String, GeneratorConfig)] = []
        func add(
            _ file: String, _ summary: String, _ command: String, _ edit: (inout GeneratorConfig) -> Void,
            preset: GeneratorConfig.Preset = .easy
        ) {
            var c = GeneratorConfig.preset(preset)
            edit(&c)
            out.append((file, summary, command, c))
        }
        add(
            "gen-easy-n10.json",
            "10 nodes, 1 application (paper DNNs), the easy preset: the optimum runs on the source",
            "finbench generate --preset easy --nodes 10 --applications 1 --seed 1"
        ) {
            $0.nodes = 10
            $0.applications = 1
            $0.seed = 1
        }
        add(
            "gen-standard-n50-a3.json",
            "50 nodes with relays, 3 applications, mixed device classes (calibrated default)",
            "finbench generate --preset standard --nodes 50 --applications 3 --seed 2",
            {
                $0.nodes = 50
                $0.applications = 3
                $0.seed = 2
            }, preset: .standard)
        add(
            "gen-contended-n30-a4.json", "30 nodes, 4 applications, scarce memory/bandwidth, high rates, share levels",
            "finbench generate --preset contended --nodes 30 --applications 4 --seed 3",
            {
                $0.nodes = 30
                $0.applications = 4
                $0.seed = 3
            }, preset: .contended)
        add(
            "gen-standard-n200-a10.json", "200 nodes, ring edge, 10 applications, mixed device classes",
            "finbench generate --preset standard --nodes 200 --applications 10 --seed 4",
            {
                $0.nodes = 200
                $0.applications = 10
                $0.seed = 4
            }, preset: .standard)
        add(
            "gen-scaling-n1000.json", "1,000 nodes, meshed edge, 1 synthetic DNN of 5-10 blocks, mixed device classes",
            "finbench generate --preset scaling --nodes 1000 --applications 1 --seed 9",
            {
                $0.nodes = 1000
                $0.applications = 1
                $0.seed = 9
            }, preset: .scaling)
        return out
    }()

    /// Every shipped instance: the paper scenario for each profile, then the generated ones.
    public static func all() throws(GeneratorError) -> [Entry] {
        var out = DNNProfiles.all.map { p in
            let bound = NumberFormat.sig(p.paperLatencySeconds * 1000)
            return Entry(
                file: "paper-\(p.id).json",
                summary: "paper scenario (device, edge, cloud; upward links; block 1 pinned), \(p.id), "
                    + "bound \(bound) ms, accuracy >= \(p.paperMinAccuracy) (\(boundsProvenance(p.id)))",
                command: "finbench generate --paper \(p.id)", instance: PaperScenario.instance(profile: p))
        }
        for g in generated {
            out.append(
                Entry(file: g.file, summary: g.summary, command: g.command, instance: try Generator.generate(g.config)))
        }
        return out
    }

    /// Where a paper instance's bound and target come from: the papers' default point, or the
    /// workbench's own choice (and what the authors' drivers use instead).
    public static func boundsProvenance(_ profile: String) -> String {
        switch profile {
        case "b-alexnet-cifar10": return "bound and target: the papers' default point"
        case "b-alexnet-cifar100":
            return "bound: the papers' 5 ms; target: the workbench's, under the final exit's 60.32 %; "
                + "the authors' code decides nothing on CIFAR-100"
        case "b-resnet":
            return "bound and target: the workbench's; the authors' multi-model driver runs 5 ms, 50 %"
        case "b-lenet":
            return "bound and target: the workbench's; the authors' multi-model driver runs 0.1 ms, 95 %"
        default: return "bound and target: the workbench's"
        }
    }

    /// The `README.md` written beside the shipped instances: one line per file saying what it is
    /// and the command that makes it.
    public static func readme(_ entries: [Entry]) -> String {
        var lines = [
            "# Shipped instances",
            "",
            "Written by `finbench demo --out-dir instances --no-solve` (generator \(GeneratorConfig.version)); a test "
                + "checks that",
            "these files are byte-identical to what the code generates. Each file's `description` field says",
            "where its numbers come from. Any single file can be remade with the command in its row.",
            "The bound and target of each `paper-*` file are the papers' default point (B-AlexNet, CIFAR-10)",
            "or the workbench's own choice, as its row says; the authors' multi-user driver (their commit",
            "5b67a48) uses 5 ms and 50 % for B-AlexNet and B-ResNet users and 0.1 ms and 95 % for B-LeNet",
            "users (`finbench generate --paper b-alexnet-cifar10,b-resnet,b-lenet --users N",
            "--authors-resource-model`, docs/AUTHORS.md).",
            "",
            "| file | what it is | how it was made |",
            "| --- | --- | --- |",
        ]
        for e in entries {
            let i = e.instance
            let size =
                "\(i.nodes.count) nodes, \(i.links.count) links, \(i.applications.count) "
                + "app\(i.applications.count == 1 ? "" : "s")"
            lines.append("| `\(e.file)` | \(e.summary) (\(size)) | `\(e.command) --out instances/\(e.file)` |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
