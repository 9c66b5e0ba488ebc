import Foundation
import Testing

/// The Octave reference written by scripts/authors-reference.sh (the authors' own code run
/// unchanged), read from the test bundle.
enum Reference {
    static func rows(_ file: String) throws -> [[String: String]] {
        let url = try #require(Bundle.module.url(forResource: file, withExtension: "csv", subdirectory: "Resources"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }
}
