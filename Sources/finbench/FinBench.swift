import ArgumentParser
import FINModel
import Foundation

/// The root command.
struct FinBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finbench",
        abstract:
            "Energy-minimal deployment of early-exit DNNs over mobile-edge-cloud networks: instances, evaluation, "
            + "solvers.",
        discussion: """
            Files: instances are fin-instance/1 JSON, solutions fin-solution/1 JSON (see README.md).
            Exit status: 0 ok; 2 feasible but not proven optimal; 3 infeasible; 4 no solution found;
            64 bad usage or settings; 65 malformed or invalid input; 66 unreadable input;
            70 solver or internal failure; 73 cannot write output.
            """,
        version: FinbenchVersion.string,
        subcommands: [
            Generate.self, Validate.self, Evaluate.self, Draw.self, Solve.self, Export.self, Bench.self,
            MergeCommand.self, ReportCommand.self, Profiles.self, Demo.self,
            HardnessCommand.self,
        ])
}

/// Prints to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
