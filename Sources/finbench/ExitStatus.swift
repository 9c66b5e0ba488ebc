import ArgumentParser
import FINGenerator
import FINHarness
import FINMethods
import FINModel
import Foundation

/// The exit statuses of `finbench`, in one place (README, "Exit status").
enum ExitStatus {
    /// Success: valid, feasible, optimal.
    static let ok: Int32 = 0
    /// `solve`: a deployment was found but optimality is not proven (e.g. a time limit).
    static let feasibleNotProven: Int32 = 2
    /// `evaluate`: the deployment breaks a constraint; `solve`: the instance is proven infeasible.
    static let infeasible: Int32 = 3
    /// `solve`: no deployment found and nothing proven (time limit, heuristic failure).
    static let noSolution: Int32 = 4
    /// Bad command line or generator settings (sysexits EX_USAGE).
    static let usage: Int32 = 64
    /// An input file is malformed or invalid (EX_DATAERR).
    static let dataError: Int32 = 65
    /// An input file cannot be read (EX_NOINPUT).
    static let noInput: Int32 = 66
    /// A solver or internal failure (EX_SOFTWARE).
    static let software: Int32 = 70
    /// An output file cannot be written (EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
    /// Another run holds the output (EX_TEMPFAIL): try again later.
    static let busy: Int32 = 75
}

/// An error that ends the command with a message on stderr and a specific exit status.
struct Failure: Error {
    let message: String
    let status: Int32

    init(_ message: String, status: Int32) {
        self.message = message
        self.status = status
    }

    init(_ error: InputError) {
        switch error {
        case .cannotRead: self.init(error.description, status: ExitStatus.noInput)
        case .malformedJSON, .invalid: self.init(error.description, status: ExitStatus.dataError)
        }
    }

    init(_ error: OutputError) { self.init(error.description, status: ExitStatus.cannotCreate) }
    init(_ error: GeneratorError) { self.init(error.description, status: ExitStatus.usage) }
}

/// Runs `body`, turning every error into a `Failure`: the workbench's typed errors get their own
/// exit status, anything unexpected exits 70 with its description. The one place where errors
/// become exit statuses.
func failing<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as Failure {
        throw e
    } catch let e as InputError {
        throw Failure(e)
    } catch let e as OutputError {
        throw Failure(e)
    } catch let e as GeneratorError {
        throw Failure(e)
    } catch let e as TopologyError {
        if case .cannotRead = e { throw Failure(e.description, status: ExitStatus.noInput) }
        throw Failure(e.description, status: ExitStatus.dataError)
    } catch let e as TableError {
        throw Failure(e.description, status: ExitStatus.dataError)
    } catch let e as HarnessError {
        switch e {
        case .input(let i): throw Failure(i)
        case .table(let t): throw Failure(t.description, status: ExitStatus.dataError)
        case .output(let o): throw Failure(o)
        case .busy: throw Failure(e.description, status: ExitStatus.busy)
        case .interrupted(let signal): throw Failure(e.description, status: 128 + signal)
        }
    } catch let e as MethodError {
        switch e {
        case .unsupportedInstance: throw Failure(e.description, status: ExitStatus.dataError)
        case .unknownMethod, .parameterNotTaken, .badValue: throw Failure(e.description, status: ExitStatus.usage)
        }
    } catch {
        throw Failure("unexpected failure: \(error)", status: ExitStatus.software)
    }
}

extension ExitStatus {
    /// The exit status that goes with a solution: its status, or success for a bound-only
    /// method that found its bound.
    static func of(_ solution: Solution, boundOnly: Bool) -> Int32 {
        if boundOnly && solution.boundJoulesPerSecond != nil && solution.status != .error { return ok }
        switch solution.status {
        case .optimal: return ok
        case .feasible: return feasibleNotProven
        case .infeasible: return infeasible
        case .noSolution: return noSolution
        case .error: return software
        }
    }
}

/// An output file named by `--out`: checked before any work is done (not one of the inputs,
/// not a FIFO, device or link), then written atomically.
struct OutputTarget {
    let path: String

    init(_ path: String, notSameAs inputs: [String]) throws {
        for input in inputs where FileIO.sameFile(path, input) {
            throw Failure(
                "--out \(path) is the input file \(input); refusing to overwrite it", status: ExitStatus.usage)
        }
        try failing { try FileIO.checkReplaceable(path) }
        self.path = path
    }

    func write(_ text: String) throws(OutputError) { try FileIO.writeAtomically(Array(text.utf8), to: path) }
}

/// Standard output for documents (checked at exit by `finishStandardOutput`).
enum StandardOutput {
    static func write(_ text: String) throws(OutputError) { print(text, terminator: "") }
}

/// CPU seconds of this process, user and system (the harness runs each solve in its own process).
enum ProcessClock {
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
