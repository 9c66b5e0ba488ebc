import FINModel
import Foundation
import Testing

@Suite("finbench hardness")
struct HardnessCLITests {
    /// Text and JSON reports of a shipped instance: one object per application with the CSV
    /// column names, the summary's counts, a solve's facts; the same facts from a solution file.
    @Test func reportsEveryApplication() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let instance = root.appendingPathComponent("instances/gen-standard-n50-a3.json").path
        let text = try run(["hardness", instance])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("app-0") && text.stdout.contains("bound position"))
        let json = try run(["hardness", instance, "--solve", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let parsed = try JSONParser.parse(Array(json.stdout.utf8))
        let apps = try #require(parsed.objectValue?["applications"]?.arrayValue)
        #expect(apps.count == 3)
        #expect(apps.allSatisfy { $0.objectValue?["optimum_on_source"] != nil })
        let solution = dir.appendingPathComponent("sol.json").path
        #expect(try run(["solve", instance, "-m", "fin-exact", "--out", solution]).status <= 2)
        let fromSolution = try run(["hardness", instance, "--solution", solution])
        #expect(fromSolution.status == 0, "\(fromSolution.stderr)")
        #expect(fromSolution.stdout.contains("optimum known for 3"))
        #expect(try run(["hardness", dir.appendingPathComponent("none.json").path]).status == 66)
    }

    /// The calibrated options are parsed; a bad class is a usage error.
    @Test func deviceClassOptions() throws {
        let ok = try run([
            "generate", "--nodes", "20", "--device-classes", "phone,microcontroller",
            "--application-rule", "calibrated", "--target-exit", "beyond-first",
        ])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("Device classes phone+microcontroller"))
        #expect(try run(["generate", "--device-classes", "toaster"]).status == 64)
        #expect(try run(["generate", "--application-rule", "v9"]).status == 64)
    }
}
