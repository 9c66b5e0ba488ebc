import FINGenerator
import FINModel
import Foundation
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite("Shipped instances")
struct ShippedInstancesTests {
    let dir = repositoryRoot.appendingPathComponent("instances")

    /// The committed files are exactly what the code generates: a change of the generator
    /// that alters them must bump `GeneratorConfig.version` and regenerate them.
    @Test func committedFilesMatchTheGenerator() throws {
        let entries = try StandardInstances.all()
        let readme = try FileIO.readBytes(dir.appendingPathComponent("README.md").path)
        let readmeMatches = readme == Array(StandardInstances.readme(entries).utf8)
        #expect(readmeMatches, "instances/README.md differs; run `finbench demo --out-dir instances --no-solve`")
        for entry in entries {
            let path = dir.appendingPathComponent(entry.file).path
            let committed = try FileIO.readBytes(path)
            let matches = committed == JSONWriter.data(InstanceFile.encode(entry.instance))
            #expect(matches, "\(entry.file) differs; run `finbench demo --out-dir instances --no-solve`")
        }
    }

    @Test func everyFileValidatesAndIsListedInTheReadme() throws {
        let readme = try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(files.count == (try StandardInstances.all()).count)
        for file in files {
            let loaded = try InstanceFile.read(dir.appendingPathComponent(file).path)
            #expect(loaded.warnings.isEmpty, "\(file)")
            #expect(readme.contains("`\(file)`"), "\(file) is not described in instances/README.md")
        }
    }
}
