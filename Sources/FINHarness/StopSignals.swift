import Foundation

/// SIGTERM, SIGINT and SIGHUP while a sweep runs: the children are killed and the run stops.
final class StopSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?
    private var sources: [DispatchSourceSignal] = []
    static let handled: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    init() {
        for s in Self.handled {
            Glibc.signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.withLock { if self?.signal == nil { self?.signal = s } }
                ChildProcess.killAll()
            }
            source.resume()
            sources.append(source)
        }
    }

    var stopped: Bool { lock.withLock { signal != nil } }
    var received: Int32? { lock.withLock { signal } }

    func restore() {
        for s in sources { s.cancel() }
        for s in Self.handled { Glibc.signal(s, SIG_DFL) }
    }
}
