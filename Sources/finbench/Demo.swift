import ArgumentParser
import FINGenerator
import FINModel

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job on built-in defaults: write the standard instances, re-read and validate them, summarise.",
        discussion: """
            Writes the instances shipped in instances/ (the papers' scenario for each DNN profile and
            generated networks of 10 to 1,000 nodes) to --out-dir, reads each file back through the
            validator and prints a summary. `finbench demo --out-dir instances` regenerates the
            shipped files byte for byte.
            """)

    @Option(help: "Directory to write the instances to.") var outDir: String = "demo-output/instances"

    func run() throws {
        let entries = try failing { try StandardInstances.all() }
        print("Writing \(entries.count) instances to \(outDir)/")
        for entry in entries {
            let path = outDir + "/" + entry.file
            try failing { try InstanceFile.write(entry.instance, to: path) }
            let loaded = try failing { try InstanceFile.read(path) }
            print("  ok  \(entry.file.padding(toLength: 34, withPad: " ", startingAt: 0)) \(InstanceSummary(loaded.instance).line)")
            for w in loaded.warnings { print("      warning: \(w)") }
        }
        try failing { try FileIO.writeAtomically(Array(StandardInstances.readme(entries).utf8), to: outDir + "/README.md") }
        print("All \(entries.count) instances valid; their list is in \(outDir)/README.md.")
    }
}

import Foundation
