import ArgumentParser
import FINHarness
import FINModel
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise a sweep's results.csv: times, proven optima, gaps, savings, growth, performance profiles.",
        discussion: """
            Per method (with its parameters) and network size: runs, proven optimal, feasible by the evaluator, \
            errors, the shifted geometric mean of wall times (shift 0.01 s), the median, 95th percentile \
            (linear interpolation) and largest gap to the best known answer, and the median energy saving \
            against the baseline method. Then the log-log slope of median time against size per method, the \
            largest size every run was proven optimal, and Dolan-Moré performance profiles on wall time. \
            Writes report.md beside results.csv as well. Given a runs.csv (no derived columns), derives them \
            first. A file that is not a runs or results table is an error naming the file and line (exit \
            65); report.md is then left as it was.
            """)

    @Argument(help: "A sweep output directory or its results.csv.") var results: String
    @Option(help: "Baseline method for the savings column (a method of the registry).")
    var baseline: MethodName = MethodName(argument: "mcp")!

    func run() throws {
        var path = results
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            path += "/results.csv"
        }
        let bytes = try failing { try FileIO.readBytes(path) }
        let contents = try failing { try RunTable.read(bytes, file: path) }
        let records = contents.hasDerivedColumns ? contents.records : RunResults.derive(contents.records)
        let text = Report(records: records, baseline: baseline.descriptor.name).markdown()
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("report.md").path
        try failing { try FileIO.writeAtomically(Array(text.utf8), to: out) }
        print(text, terminator: "")
    }
}
