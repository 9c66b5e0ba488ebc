import ArgumentParser
import FINLinear
import FINMILP
import FINModel

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an instance's MILP as free MPS or CPLEX LP, for glpsol, cbc or any other solver.",
        discussion: """
            The model is the one `solve --method milp-*` builds (objective scaled so its largest
            coefficient is 1: multiply a solver's objective by the scale printed on standard error
            to get J/s). Examples:
              finbench export inst.json --format mps --out inst.mps && cbc inst.mps solve
              finbench export inst.json --format lp --out inst.lp && glpsol --lp inst.lp
            """)

    @Argument(help: "Instance file.") var instance: String
    @Option(help: "mps or lp.") var format: String = "mps"
    @Option(help: "Output file (written atomically); standard output when absent.") var out: String?

    func run() throws {
        let loaded = try failing { try InstanceFile.read(instance) }
        let formulation = Formulation(loaded.instance)
        let text: String
        switch format {
        case "mps": text = ModelWriter.mps(formulation.model)
        case "lp": text = ModelWriter.lp(formulation.model)
        default: throw Failure("unknown format \"\(format)\" (mps or lp)", status: ExitStatus.usage)
        }
        if let out {
            try failing { try FileIO.writeAtomically(Array(text.utf8), to: out) }
        } else {
            print(text, terminator: "")
        }
        printError(
            "objective scale: multiply the model's objective by \(1 / formulation.objectiveScale) for J/s "
                + "(\(formulation.model.variables.count) variables, \(formulation.model.constraints.count) rows)"
        )
    }
}
