import ArgumentParser
import FINGenerator
import FINModel

struct Profiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the shipped DNN profiles with their blocks and exits.")

    func run() throws {
        for p in DNNProfiles.all {
            let chain = DNNChain(p.model)
            print("\(p.id): \(p.model.blocks.count) blocks, input \(JSONWriter.formatNumber(p.model.inputBits)) bits")
            for (i, b) in p.model.blocks.enumerated() {
                var line =
                    "  block \(i + 1): \(NumberFormat.sig(b.ops)) ops, output \(JSONWriter.formatNumber(b.outputBits)) "
                    + "bits, weights \(NumberFormat.sig(b.memoryBytes)) B"
                if let d = chain.depth(endingAfter: i + 1) {
                    let e = p.model.exits[d.exitIndex]
                    line += "; exit: accuracy \(e.accuracy), classifier \(NumberFormat.sig(e.ops)) ops"
                }
                print(line)
            }
            print("  \(p.provenance)")
        }
    }
}
