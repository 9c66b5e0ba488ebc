import FINHarness
import FINModel
import Foundation
import Testing

@Suite("results.csv and merge")
struct RunResultsTests {
    /// The gap arithmetic on hand values: best known = the least feasible objective (proven if
    /// a row with it is proven optimal); gap = objective / best - 1; best bound = the largest
    /// bound of a row that is not an error; certified gap = objective / best bound - 1.
    @Test func gapArithmetic() {
        let runs = [
            record("a", "milp", objective: 2, proven: true, bound: 2), record("a", "fin", objective: 2.5),
            record("a", "bad", objective: 1, feasible: false), record("b", "fin", objective: 4),
            record("b", "mcp", objective: 5), record("c", "fin"),
            record("b", "lb", bound: 3.2, status: .noSolution), record("b", "err", bound: 100, status: .error),
        ]
        let byKey = Dictionary(uniqueKeysWithValues: RunResults.derive(runs).map { ($0.key, $0) })
        func derived(_ key: String) -> [String] {
            RunRecord.derivedColumns.map { $0.value(of: byKey[key]!) }
        }
        #expect(derived("a|milp") == ["2", "true", "0", "2", "0"])
        #expect(derived("a|fin") == ["2", "true", "0.25", "2", "0.25"])
        #expect(derived("a|bad") == ["2", "true", "", "2", ""])  // infeasible by the evaluator: no gap, not the best
        #expect(derived("b|fin") == ["4", "false", "0", "3.2", "0.25"])  // the error row's bound is not trusted
        #expect(derived("b|mcp") == ["4", "false", "0.25", "3.2", "0.5625"])
        #expect(derived("b|lb") == ["4", "false", "", "3.2", ""])
        #expect(derived("c|fin") == ["", "", "", "", ""])
    }

    @Test func mergeIsTheUnionAndRefusesBadShards() throws {
        let a = RunTable.text([record("i1", "fin", objective: 1), record("i2", "fin", objective: 2)])
        let b = RunTable.text([record("i1", "mcp", objective: 3)]).replacingOccurrences(of: "\n", with: "\r\n")
        let merged = try Merge.combine([("a.csv", Array(a.utf8)), ("b.csv", Array(b.utf8))])
        #expect(merged.map(\.key) == ["i1|fin", "i1|mcp", "i2|fin"])
        func refusal(_ text: String) -> String {
            do {
                _ = try Merge.combine([("a.csv", Array(a.utf8)), ("c.csv", Array(text.utf8))])
                return "accepted"
            } catch { return error.description }
        }
        #expect(refusal("").hasPrefix("c.csv:1: the file is empty"))
        #expect(refusal(String(a.dropLast(5))).hasPrefix("c.csv:3:"))
        #expect(refusal(RunTable.text([record("i1", "fin", objective: 9)])).contains("also in a.csv"))
        #expect(refusal("\u{0}\u{1}binary").contains("binary"))
    }
}
