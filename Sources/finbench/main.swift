import ArgumentParser
import Foundation
import _CStdioShim

/// Entry point: parses, runs, and maps failures to their exit status (never a trap). Standard
/// output is checked once, here, after every command: a write that failed (a full disk, a closed
/// pipe) exits 73 instead of 0.
signal(SIGPIPE, SIG_IGN)

/// Flushes standard output; on a failed write, says so and exits 73.
func finishStandardOutput() {
    let failure = fin_stdout_finish()
    if failure != 0 {
        let reason = failure > 0 ? String(cString: strerror(failure)) : "write error"
        FileHandle.standardError.write(Data("finbench: standard output: cannot write: \(reason)\n".utf8))
        exit(ExitStatus.cannotCreate)
    }
}

do {
    var command = try FinBench.parseAsRoot()
    try command.run()
    finishStandardOutput()
} catch let failure as Failure {
    finishStandardOutput()
    FileHandle.standardError.write(Data(("finbench: " + failure.message + "\n").utf8))
    exit(failure.status)
} catch let exit as ExitCode {
    finishStandardOutput()
    Foundation.exit(exit.rawValue)
} catch {
    finishStandardOutput()
    FinBench.exit(withError: error)
}
