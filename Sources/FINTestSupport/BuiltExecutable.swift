import Foundation

/// Executables of this package built alongside the tests (`finbench`, `finbench-fuzz`).
public enum BuiltExecutable {
    /// The repository root, from a test file's `#filePath` (two folders below it).
    public static func root(testFile: String) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The path of executable `name` next to the test runner (which may sit inside an .xctest
    /// bundle), else under `.build/debug` of the repository.
    public static func path(_ name: String, root: URL) -> String {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(root.appendingPathComponent(".build/debug"))
        for dir in candidates {
            for d in [
                dir, dir.deletingLastPathComponent(), dir.deletingLastPathComponent().deletingLastPathComponent(),
            ] {
                let url = d.appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
            }
        }
        return root.appendingPathComponent(".build/debug/\(name)").path
    }
}
