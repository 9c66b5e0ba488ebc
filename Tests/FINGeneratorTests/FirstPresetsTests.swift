import FINGenerator
import FINModel
import Testing

@Suite("First presets")
struct FirstPresetsTests {
    /// FNV-1a (64 bits) of a byte string.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// `easy`, `binding` and `synthetic` generate exactly what they did before the calibrated
    /// presets and device classes were added (fin-gen/1), so the committed sweeps reproduce.
    @Test(arguments: [
        (GeneratorConfig.Preset.easy, 50, 3, UInt64(2), UInt64(0x7561_7f08_2d6f_f1b6)),
        (.binding, 30, 4, 3, 0x2f16_2fff_6b3d_75c3),
        (.synthetic, 200, 1, 5, 0xaeee_600f_7eb7_1da2),
    ])
    func unchanged(preset: GeneratorConfig.Preset, nodes: Int, applications: Int, seed: UInt64, hash: UInt64) throws {
        var c = GeneratorConfig.preset(preset)
        c.nodes = nodes
        c.applications = applications
        c.seed = seed
        let bytes = JSONWriter.data(InstanceFile.encode(try Generator.generate(c)))
        #expect(Self.fnv1a(bytes) == hash, "\(preset) changed")
    }
}
