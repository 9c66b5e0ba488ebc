import FINGenerator
import FINModel
import Foundation
import Testing

@Suite("SplitMix64")
struct SplitMix64Tests {
    /// The reference implementation (Vigna, splitmix64.c) from state 0.
    @Test func matchesTheReferenceSequence() {
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func helpersStayInRange() {
        var g = SplitMix64(seed: 42)
        for _ in 0..<10_000 {
            let u = g.unit()
            #expect(u >= 0 && u < 1)
            let k = g.below(7)
            #expect((0..<7).contains(k))
            let x = g.logUniform(1e3, 1e6)
            #expect(x >= 1e3 && x <= 1e6 * (1 + 1e-12))
        }
        let shuffled = g.shuffled(Array(0..<50))
        #expect(shuffled.sorted() == Array(0..<50))
    }
}

@Suite("Instance generator")
struct GeneratorTests {
    func bytes(_ c: GeneratorConfig) throws -> String {
        JSONWriter.string(InstanceFile.encode(try Generator.generate(c)))
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentFile() throws {
        for preset in GeneratorConfig.Preset.allCases {
            var c = GeneratorConfig.preset(preset)
            c.nodes = 60
            c.applications = 3
            c.seed = 11
            let a = try bytes(c)
            #expect(a == (try bytes(c)), "\(preset)")
            c.seed = 12
            #expect(a != (try bytes(c)), "\(preset)")
        }
    }

    /// Every preset, many sizes and seeds: valid, no warnings, every node connected, at least
    /// one device, edge and cloud, and every application's drawn exit admissible.
    @Test func generatedInstancesAreValidAndConnected() throws {
        for preset in GeneratorConfig.Preset.allCases {
            for n in [3, 4, 5, 7, 10, 19, 20, 21, 50, 200] {
                for seed in UInt64(1)...4 {
                    var c = GeneratorConfig.preset(preset)
                    c.nodes = n
                    c.seed = seed
                    c.applications = 1 + Int(seed % 3)
                    let instance = try Generator.generate(c)
                    let tag = "\(preset) n=\(n) seed=\(seed)"
                    let loaded = try InstanceFile.decode(InstanceFile.encode(instance))
                    #expect(loaded.warnings.isEmpty, "\(tag): \(loaded.warnings)")
                    #expect(instance.nodes.count == n, "\(tag)")
                    for tier in [Tier.device, .edge, .cloud] {
                        #expect(instance.nodes.contains { $0.tier == tier }, "\(tag): no \(tier)")
                    }
                    #expect(isConnected(instance), "\(tag)")
                    #expect(instance.applications.count == c.applications)
                }
            }
        }
    }

    @Test func tenThousandNodes() throws {
        var c = GeneratorConfig.preset(.synthetic)
        c.nodes = 10_000
        let instance = try Generator.generate(c)
        #expect(InstanceValidator.issues(of: instance).isEmpty)
        #expect(instance.nodes.count == 10_000)
        #expect(isConnected(instance))
        let blocks = instance.models[0].blocks.count
        #expect((5...10).contains(blocks))
    }

    @Test func bindingPresetHasItsFeatures() throws {
        var c = GeneratorConfig.preset(.binding)
        c.applications = 20
        c.nodes = 40
        let i = try Generator.generate(c)
        #expect(i.shareLevels == [0.25, 0.5, 1])
        #expect(i.applications.contains { $0.destination != nil })
        #expect(i.models.contains { m in m.exits.contains { $0.exitProbability > 0 } })
        // Memory scaled by 0.05 (times the heterogeneity factor 0.7...1.3): 140-260 MB per
        // device, about B-AlexNet's block 5 (218 MB).
        #expect(i.nodes.filter { $0.tier == .device }.allSatisfy { (1.4e8...2.6e8).contains($0.memoryBytes) })
    }

    static let badSettings: [(@Sendable (inout GeneratorConfig) -> Void, String)] = [
        ({ (c: inout GeneratorConfig) in c.nodes = 2 }, "nodes must be in 3...10000, got 2"),
        ({ (c: inout GeneratorConfig) in c.models = ["vgg"] }, "unknown model profile \"vgg\""),
        ({ (c: inout GeneratorConfig) in c.memoryScale = 0 }, "memoryScale must be positive"),
        (
            { (c: inout GeneratorConfig) in
                c.edgeFraction = 0.7
                c.cloudFraction = 0.3
            }, "leave no devices"
        ),
        ({ (c: inout GeneratorConfig) in c.shareLevels = [0, 1] }, "shareLevels must be values in (0, 1]"),
        ({ (c: inout GeneratorConfig) in c.accuracySlack = 0.5...1.2 }, "accuracySlack must be within (0, 1]"),
    ]

    @Test func badSettingsAreRejected() {
        for (edit, message) in Self.badSettings {
            var c = GeneratorConfig()
            edit(&c)
            do {
                _ = try Generator.generate(c)
                Issue.record("generated with \(message)")
            } catch {
                #expect(error.problems.contains { $0.contains(message) }, "\(error)")
            }
        }
    }
}

/// True when every node is reachable from node 0 (links come in pairs, so this is strong
/// connectivity).
func isConnected(_ instance: Instance) -> Bool {
    let index = NetworkIndex(instance)
    var seen = [Bool](repeating: false, count: index.nodeCount)
    var stack = [0]
    seen[0] = true
    while let u = stack.popLast() {
        for l in index.outgoing[u] where !seen[index.linkHead[l]] {
            seen[index.linkHead[l]] = true
            stack.append(index.linkHead[l])
        }
    }
    return seen.allSatisfy { $0 }
        && instance.links.allSatisfy { l in
            index.link(from: index.nodeIndex[l.to]!, to: index.nodeIndex[l.from]!) != nil
        }
}
