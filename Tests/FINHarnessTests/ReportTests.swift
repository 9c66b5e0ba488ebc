import FINHarness
import FINModel
import Foundation
import Testing

@Suite("Report arithmetic")
struct ReportTests {
    @Test func shiftedGeometricMeanPercentilesAndSlope() {
        // sgm with shift 0.01 of 0.09 and 0.99: exp((log 0.1 + log 1) / 2) - 0.01 = 0.31623 - 0.01.
        #expect(abs(Statistics.shiftedGeometricMean([0.09, 0.99], shift: 0.01) - (0.1.squareRoot() - 0.01)) < 1e-12)
        #expect(Statistics.percentile([1, 2, 3, 4], 50) == 2.5)
        #expect(Statistics.percentile([0, 10], 95) == 9.5)
        #expect(Statistics.percentile([], 50) == nil)
        #expect(Statistics.median([3, 1, 2]) == 2)
        // t = n^2: slope 2 on log-log axes.
        let n: [Double] = [10, 100, 1000]
        #expect(abs(Statistics.slope(n.map(log), n.map { log($0 * $0) })! - 2) < 1e-12)
    }

    @Test func profilesAndSavings() {
        let runs = [
            record("i1", "fin", objective: 1, seconds: 0.1), record("i1", "mcp", objective: 4, seconds: 0.2),
            record("i2", "fin", objective: 3, seconds: 1.0), record("i2", "mcp", objective: 4, seconds: 0.1),
        ]
        let report = Report(records: RunResults.derive(runs))
        let fin = report.rows.first { $0.method == "fin" }!
        #expect(fin.medianSaving == (0.75 + 0.25) / 2)
        // fin is fastest on i1, 10x the fastest on i2.
        #expect(report.profile["fin"]! == [0.5, 0.5, 0.5, 1, 1, 1])
        #expect(report.profile["mcp"]! == [0.5, 1, 1, 1, 1, 1])
    }
}
