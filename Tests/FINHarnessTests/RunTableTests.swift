import FINHarness
import FINModel
import Foundation
import Testing

/// The repository root, found from this file's path.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A record with the fields the tests care about.
func record(
    _ instance: String, _ method: String, objective: Double? = nil, proven: Bool = false, feasible: Bool? = nil,
    bound: Double? = nil, status: SolutionStatus = .feasible, seconds: Double? = nil
) -> RunRecord {
    var r = RunRecord()
    r.key = "\(instance)|\(method)"
    r.instance = instance
    r.method = method
    r.nodes = 10
    r.applications = 1
    r.objectiveJoulesPerSecond = objective
    r.provenOptimal = proven
    r.feasibleByEvaluator = feasible ?? (objective != nil ? true : nil)
    r.boundJoulesPerSecond = bound
    r.status = status
    r.wallSeconds = seconds
    return r
}

@Suite("Run tables: CSV over bytes, typed records")
struct RunTableTests {
    @Test func csvFieldsQuotesCRLFAndBOM() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"two\r\nlines\",\r\n3,,last"
        let t = try CSVTable.parse(Array(text.utf8), file: "t.csv")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows.map(\.fields) == [["1", "x,y", "say \"hi\""], ["2", "two\r\nlines", ""], ["3", "", "last"]])
        #expect(t.rows.map(\.line) == [2, 3, 5])
        #expect(!t.endsWithLineEnd)
        #expect(t.completeLength == Array(text.utf8).count - "3,,last".utf8.count)
    }

    @Test func badTablesNameFileAndLine() {
        func problem(_ bytes: [UInt8]) -> String {
            do {
                _ = try RunTable.read(bytes, file: "x.csv")
                return "accepted"
            } catch { return error.description }
        }
        #expect(problem([]) == "x.csv:1: the file is empty")
        #expect(problem([0xEF, 0xBB, 0xBF]) == "x.csv:1: the file is empty")
        #expect(problem([0x61, 0x00, 0x62]).contains("binary data"))
        #expect(problem(Array("{\"format\": \"fin-instance/1\"}\n".utf8)).contains("x.csv:1: not a runs table"))
        #expect(problem(Array("a,\"b\n".utf8)).contains("a quoted field is not closed"))
        let header = RunRecord.columns.map(\.name).filter { $0 != "status" }.joined(separator: ",")
        #expect(problem(Array((header + "\n").utf8)) == "x.csv:1: missing columns status")
        var good = RunTable.text([record("i", "fin", objective: 1)])
        good += "broken,row\n"
        #expect(problem(Array(good.utf8)).hasPrefix("x.csv:3: 2 fields"))
    }

    @Test func recordsRoundTripInAnyColumnOrder() throws {
        var a = record("i1", "fin", objective: 1.25, feasible: true, bound: 0.5, seconds: 0.01)
        a.parameters = #"{"gamma": 50}"#
        a.message = "a message, with \"quotes\"\nand a line"
        a.seed = UInt64(1) << 60
        let b = record("i2", "mcp", status: .noSolution)
        #expect(try RunTable.read(Array(RunTable.text([a, b]).utf8), file: "t").records == [a, b])
        // Columns reversed, an extra column, CRLF line ends: the same records.
        a.message = "a message, with \"quotes\""
        let table = try CSVTable.parse(Array(RunTable.text([a, b]).utf8), file: "t")
        let rows = [table.header] + table.rows.map(\.fields)
        let shuffled = rows.map {
            CSVTable.line(["extra"] + $0.reversed()).replacingOccurrences(of: "\n", with: "\r\n")
        }
        #expect(try RunTable.read(Array(shuffled.joined().utf8), file: "t").records == [a, b])
    }

    /// Every committed runs and results table reads, as is and with CRLF line ends.
    @Test(arguments: [
        "default", "journal-users", "paper-alexnet", "paper-alexnet-cifar100", "paper-sensitivity", "authors-users",
        "authors-users-shares", "scaling-apps", "scaling-apps-contended", "scaling-nodes",
    ])
    func committedTablesRead(sweep: String) throws {
        for name in ["runs.csv", "results.csv"] {
            let path = root.appendingPathComponent("results/\(sweep)/\(name)").path
            let bytes = try FileIO.readBytes(path)
            let records = try RunTable.read(bytes, file: path).records
            #expect(records.count > 10)
            let crlf = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
            #expect(try RunTable.read(Array(crlf.utf8), file: path).records == records)
            // The report is the same from either.
            let derived = RunResults.derive(records)
            #expect(
                Report(records: derived).markdown()
                    == Report(
                        records: RunResults.derive(
                            try RunTable.read(Array(crlf.utf8), file: path).records)
                    ).markdown())
        }
    }
}
