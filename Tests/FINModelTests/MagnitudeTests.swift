import Foundation
import Testing

@testable import FINModel

/// Issue 13, items 7 and 13: figures that overflow or that solvers cannot represent are
/// refused by validation with the field and value, and the JSON writer never traps.
@Suite("Magnitudes and non-finite numbers")
struct MagnitudeTests {
    func decode(_ json: JSONValue) -> Result<InstanceFile.Loaded, InputError> {
        Result { () throws(InputError) in try InstanceFile.decode(json) }
    }

    func issues(_ json: JSONValue) -> [FieldIssue] {
        guard case .failure(.invalid(_, _, let issues)) = decode(json) else { return [] }
        return issues
    }

    var base: JSONValue { get throws { try JSONParser.parse(baseInstanceText) } }

    /// Item 7: powerWatts 1.5e308 with two applications made the objective infinite, and the
    /// JSON writer trapped on it. Now validation refuses the figure.
    @Test func hugePowerIsRefusedWithItsPath() throws {
        var json = setting(.number(1.5e308), at: ["nodes", 0, "powerWatts"], in: try base)
        let app: JSONValue = [
            "id": "app-1", "model": "net", "source": "device", "maxLatencySeconds": 0.5,
            "minAccuracy": 0.6,
        ]
        json = setting(app, at: ["applications", 1], in: json)
        let found = issues(json)
        #expect(found.map(\.path) == ["nodes[0].powerWatts"], "\(found)")
        #expect(found.first?.message.contains("1.5e+308") == true, "\(found)")
    }

    /// Item 13: joulesPerBit 1e306 validated, then CBC failed on a NaN objective coefficient.
    @Test func hugeJoulesPerBitIsRefused() throws {
        let found = issues(setting(.number(1e306), at: ["links", 0, "joulesPerBit"], in: try base))
        #expect(found.map(\.path) == ["links[0].joulesPerBit"], "\(found)")
    }

    /// A tiny non-zero figure is refused; 0 stays allowed.
    @Test func tinyFiguresAreRefusedButZeroIsNot() throws {
        let tiny = issues(setting(.number(1e-40), at: ["links", 1, "latencySeconds"], in: try base))
        #expect(tiny.map(\.path) == ["links[1].latencySeconds"], "\(tiny)")
        #expect(issues(setting(.number(0), at: ["links", 1, "latencySeconds"], in: try base)).isEmpty)
    }

    /// Figures each below 1e30 whose product is not: rate x ops x J/op.
    @Test func productsAboveTheLimitAreRefused() throws {
        var json = setting(.number(1e25), at: ["applications", 0, "ratePerSecond"], in: try base)
        json = setting(.number(1e20), at: ["models", 0, "blocks", 0, "ops"], in: json)
        let found = issues(json)
        #expect(!found.isEmpty && found.allSatisfy { $0.path == "applications[0]" }, "\(found)")
        #expect(found.contains { $0.message.contains("compute energy") }, "\(found)")
        #expect(found.contains { $0.message.contains("compute load") }, "\(found)")
    }

    /// Every shipped instance stays within the limits.
    @Test func shippedInstancesAreWithinTheLimits() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("instances")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
        #expect(!files.isEmpty)
        for f in files {
            #expect(throws: Never.self, "\(f)") { try InstanceFile.read(dir.appendingPathComponent(f).path) }
        }
    }

    /// The writer renders a non-finite number as null instead of trapping, and says where.
    @Test func writerNeverTraps() {
        #expect(JSONWriter.formatNumber(.infinity) == "null")
        #expect(JSONWriter.formatNumber(-.infinity) == "null")
        #expect(JSONWriter.formatNumber(.nan) == "null")
        let doc: JSONValue = ["a": [1, .number(.infinity)], "b": ["c": .number(.nan)], "d": 2]
        #expect(JSONWriter.string(doc).contains("null"))
        #expect(JSONWriter.nonFinitePaths(in: doc) == ["a[1]", "b.c"])
    }

    /// Files are never written with a non-finite number: a typed error, and nothing on disk.
    @Test func filesRefuseNonFiniteNumbers() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nonfinite-\(UUID()).json").path
        #expect(throws: OutputError.self) { try FileIO.writeJSON(["x": .number(.infinity)], to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
