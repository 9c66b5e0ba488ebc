import FINHarness
import FINTestSupport
import Foundation
import Testing

/// The repository root, found from this file's path.
let root = BuiltExecutable.root(testFile: #filePath)

/// The `finbench` executable built alongside the tests.
let finbench = URL(fileURLWithPath: BuiltExecutable.path("finbench", root: root))

struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

func run(_ arguments: [String], input: String? = nil, in directory: URL? = nil) throws -> Run {
    // In another directory: through the shell's cd (ChildProcess starts children where it runs).
    let r =
        directory.map { dir in
            ChildProcess.run(
                "/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", dir.path, finbench.path] + arguments,
                input: input.map { Array($0.utf8) })
        } ?? ChildProcess.run(finbench.path, arguments, input: input.map { Array($0.utf8) })
    let status: Int32
    switch r.outcome {
    case .exited(let code): status = code
    case .signal(let s): status = 128 + s
    case .killed: status = -1
    case .failedToStart(let why): throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: why])
    }
    return Run(status: status, stdout: r.standardOutputText, stderr: r.standardErrorText)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("finbench-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("finbench command line", .serialized)
struct CLITests {
    @Test func generateValidateEvaluate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inst = dir.appendingPathComponent("paper.json").path
        let g = try run(["generate", "--paper", "b-alexnet-cifar10", "--out", inst])
        #expect(g.status == 0, "\(g.stderr)")
        let v = try run(["validate", inst])
        #expect(v.status == 0 && v.stdout.hasPrefix("ok "), "\(v.stdout)\(v.stderr)")

        // FORMAT.md's example deployment is feasible: exit 0, its figures recomputed.
        let good = dir.appendingPathComponent("good.json").path
        try """
        {"format": "fin-solution/1", "instance": "paper-b-alexnet-cifar10", "method": "hand", "status": "feasible",
         "deployments": [{"application": "app-0", "exitAfterBlock": 5, "hosts": ["device", "device", "device", \
        "cloud", "cloud"],
                          "transfers": [{"afterBlock": 3, "path": ["device", "cloud"]}], "energyJoules": 0.0856}]}
        """.write(toFile: good, atomically: true, encoding: .utf8)
        let e = try run(["evaluate", inst, good])
        #expect(e.status == 0, "\(e.stdout)\(e.stderr)")
        #expect(e.stdout.contains("energy 0.0856029 J/inference"), "\(e.stdout)")
        #expect(e.stdout.contains("mismatch: app-0 energyJoules: file says 0.0856"), "\(e.stdout)")
        #expect(e.stdout.contains("feasible: every constraint holds"))

        // Everything on the device: 6.56 ms > 5 ms. Exit status 3 and the violation named.
        let slow = dir.appendingPathComponent("slow.json").path
        try """
        {"format": "fin-solution/1", "instance": "paper-b-alexnet-cifar10", "method": "hand", "status": "feasible",
         "deployments": [{"application": "app-0", "exitAfterBlock": 5, "hosts": ["device", "device", "device", \
        "device", "device"], "transfers": []}]}
        """.write(toFile: slow, atomically: true, encoding: .utf8)
        let s = try run(["evaluate", inst, slow])
        #expect(s.status == 3)
        #expect(s.stdout.contains("[latency] application app-0: 0.00656366 s > 0.005 s"), "\(s.stdout)")
        let j = try run(["evaluate", "--json", inst, slow])
        #expect(j.status == 3 && j.stdout.contains("\"kind\": \"latency\""), "\(j.stdout)")
    }

    @Test func badInputsGetSpecificMessagesAndStatuses() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json").path
        try "{\"format\": \"fin-instance/1\", \"name\": \"x\", \"nodes\": [}".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let malformed = try run(["validate", bad])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("bad.json: malformed JSON at line 1, column"), "\(malformed.stderr)")

        let neg = dir.appendingPathComponent("neg.json").path
        let text = try String(contentsOf: root.appendingPathComponent("instances/paper-b-lenet.json"), encoding: .utf8)
        try text.replacingOccurrences(of: "\"powerWatts\": 6", with: "\"powerWatts\": -6").write(
            toFile: neg, atomically: true, encoding: .utf8)
        let invalid = try run(["validate", neg])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("nodes[0].powerWatts: must be non-negative, got -6"), "\(invalid.stderr)")

        let missing = try run(["validate", dir.appendingPathComponent("nope.json").path])
        #expect(missing.status == 66 && missing.stderr.contains("no such file"))

        let usage = try run(["generate", "--nodes", "2"])
        #expect(usage.status == 64 && usage.stderr.contains("nodes must be in 3...10000, got 2"), "\(usage.stderr)")
        let unknownOption = try run(["generate", "--frobnicate"])
        #expect(unknownOption.status == 64)
        let badRange = try run(["generate", "--rate", "5:1"])
        #expect(badRange.status == 64)
    }

    @Test func unwritableOutputLeavesNothingBehind() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        // The parent "directory" is a file: the write fails, no partial output anywhere.
        let r = try run(["generate", "--out", blocker.appendingPathComponent("inst.json").path])
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["file"])
    }

    @Test func generateIsDeterministicOnStdout() throws {
        let a = try run(["generate", "--preset", "binding", "--nodes", "25", "--seed", "9"])
        let b = try run(["generate", "--preset", "binding", "--nodes", "25", "--seed", "9"])
        let c = try run(["generate", "--preset", "binding", "--nodes", "25", "--seed", "10"])
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout != c.stdout)
    }

    /// Every "how it was made" command of instances/README.md reproduces its file exactly.
    @Test func readmeCommandsReproduceTheShippedInstances() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let readme = try String(contentsOf: root.appendingPathComponent("instances/README.md"), encoding: .utf8)
        var checked = 0
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let file = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            var words = cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")).split(separator: " ").map(
                String.init)
            #expect(words.first == "finbench")
            words.removeFirst()
            let out = words.firstIndex(of: "--out")!
            words[out + 1] = dir.appendingPathComponent(file).path
            let r = try run(words)
            #expect(r.status == 0, "\(file): \(r.stderr)")
            let made = try Data(contentsOf: dir.appendingPathComponent(file))
            let shipped = try Data(contentsOf: root.appendingPathComponent("instances/\(file)"))
            #expect(made == shipped, "\(file) is not what its README command makes")
            checked += 1
        }
        #expect(checked == 9)
    }

    @Test func helpIsUsefulOnItsOwn() throws {
        for command in ["generate", "validate", "evaluate", "demo", "profiles"] {
            let r = try run([command, "--help"])
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(command)")
        }
    }
}
