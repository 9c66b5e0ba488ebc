import FIN
import FINGenerator
import FINHardness
import FINModel
import Testing

@Suite("Calibrated presets")
struct CalibratedPresetTests {
    /// The default preset leaves something to decide: on a fixed seed set, at most 20% of its
    /// applications have an optimum (FIN-exact, each application alone) that runs entirely on
    /// the source.
    @Test func defaultPresetRarelyKeepsTheOptimumOnTheSource() throws {
        var solved = 0
        var onSource = 0
        for seed in UInt64(1)...16 {
            var c = GeneratorConfig.preset(.standard)
            c.nodes = 20
            c.applications = 3
            c.seed = seed
            let instance = try Generator.generate(c)
            #expect(InstanceValidator.issues(of: instance).isEmpty)
            for h in Hardness.analyzeSolving(instance) {
                guard let on = h.optimumOnSource else { continue }
                solved += 1
                if on { onSource += 1 }
            }
        }
        #expect(solved >= 40, "too few applications solved: \(solved) of 48")
        #expect(Double(onSource) <= 0.2 * Double(solved), "\(onSource) of \(solved) optima stay on the source")
    }

    /// The easy preset is easy: the source-alone deployment is the optimum of most applications.
    @Test func easyPresetIsEasy() throws {
        var c = GeneratorConfig.preset(.easy)
        c.nodes = 20
        c.applications = 4
        c.seed = 3
        let rows = Hardness.analyzeSolving(try Generator.generate(c))
        #expect(rows.filter { $0.optimumOnSource == true }.count >= 2)
    }

    /// The figures are consistent: the fastest deployment is never slower than the cheapest,
    /// nor cheaper; an optimum lies between the cheapest energy and the bound.
    @Test func figuresAreConsistent() throws {
        var c = GeneratorConfig.preset(.standard)
        c.nodes = 20
        c.seed = 5
        for h in Hardness.analyzeSolving(try Generator.generate(c)) {
            if let fs = h.fastestSeconds, let cs = h.cheapestSeconds { #expect(fs <= cs * (1 + 1e-9)) }
            if let fj = h.fastestJoules, let cj = h.cheapestJoules { #expect(cj <= fj * (1 + 1e-9)) }
            if let o = h.optimumJoules, let cj = h.cheapestJoules { #expect(cj <= o * (1 + 1e-9)) }
            if let s = h.optimumSeconds { #expect(s <= h.boundSeconds * (1 + 1e-9)) }
            #expect(h.csvRow.count == ApplicationHardness.csvColumns.count)
        }
    }
}
