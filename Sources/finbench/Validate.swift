import ArgumentParser
import FINModel

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check instance files against the model and the file format.",
        discussion: """
            Reports every problem of each file with its JSON path and value (unknown ids, duplicate
            ids, self-links, negative or out-of-range numbers, exits after missing blocks, a last
            block without an exit, a relay as a source, ...) and warns about unknown fields and
            accuracy targets no exit can meet. Exit status 0 when every file is valid, 65 when one
            is malformed or invalid, 66 when one cannot be read.
            """)

    @Argument(help: "Instance files.") var instances: [String]
    @Flag(name: .shortAndLong, help: "Print only problems.") var quiet = false

    func run() throws {
        var status = ExitStatus.ok
        for path in instances {
            do {
                let loaded = try InstanceFile.read(path)
                if !quiet { print("ok      \(path): \(InstanceSummary(loaded.instance).line)") }
                for w in loaded.warnings { print("warning \(path): \(w)") }
            } catch {
                printError(error.description)
                let code = Failure(error).status
                if status == ExitStatus.ok || code == ExitStatus.dataError { status = code }
            }
        }
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
