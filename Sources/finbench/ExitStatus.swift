import ArgumentParser
import FINModel
import FINGenerator

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
    } catch {
        throw Failure("unexpected failure: \(error)", status: ExitStatus.software)
    }
}
