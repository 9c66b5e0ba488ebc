import ArgumentParser
import Foundation

/// Entry point: parses, runs, and maps failures to their exit status (never a trap).
do {
    var command = try FinBench.parseAsRoot()
    try command.run()
} catch let failure as Failure {
    FileHandle.standardError.write(Data(("finbench: " + failure.message + "\n").utf8))
    exit(failure.status)
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    FinBench.exit(withError: error)
}
