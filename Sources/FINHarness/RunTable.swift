import FINModel

/// Reading and writing run records as CSV (`runs.csv`, `results.csv`): the columns found by
/// name (any order, extra columns ignored), CRLF and a byte-order mark tolerated; a file that
/// is empty or lacks a required column is an error naming the file and line.
public enum RunTable {
    /// The header and rows of `records` under `columns`.
    public static func text(_ records: [RunRecord], columns: [RunColumn] = RunRecord.columns) -> String {
        CSVTable.line(columns.map(\.name)) + records.map { CSVTable.line($0.fields(columns)) }.joined()
    }

    /// What a table holds: the records that read, and the rows that did not (with their lines).
    public struct Contents: Sendable {
        public var records: [RunRecord]
        /// Rows that do not read as records: (line, why).
        public var bad: [(line: Int, reason: String)]
        /// The table as parsed.
        public let table: CSVTable
        /// True when the table has the derived columns of `results.csv`.
        public let hasDerivedColumns: Bool
    }

    /// Reads a runs or results table. With `strict`, the first row that does not read is an
    /// error; otherwise it is listed in `bad` (a resume treats it as not done).
    public static func read(_ bytes: [UInt8], file: String, strict: Bool = true) throws(TableError) -> Contents {
        let table = try CSVTable.parse(bytes, file: file)
        var index: [String: Int] = [:]
        for (i, name) in table.header.enumerated() where index[name] == nil { index[name] = i }
        let missing = RunRecord.columns.filter { $0.required && index[$0.name] == nil }.map(\.name)
        if !missing.isEmpty {
            let required = RunRecord.columns.filter(\.required).count
            let what = missing.count == required ? "not a runs table: none of its columns" : "missing columns"
            throw TableError(
                file: file, line: 1,
                message: "\(what) \(missing.prefix(6).joined(separator: ", "))"
                    + (missing.count > 6 ? ", ... (\(missing.count) in all)" : ""))
        }
        let derived = RunRecord.derivedColumns.allSatisfy { index[$0.name] != nil }
        let columns = RunRecord.columns + (derived ? RunRecord.derivedColumns : [])
        var out = Contents(records: [], bad: [], table: table, hasDerivedColumns: derived)
        for row in table.rows {
            if row.fields == [""] { continue }  // a blank line
            var record = RunRecord()
            var problem: String?
            if row.fields.count != table.header.count {
                problem = "\(row.fields.count) fields, the header has \(table.header.count)"
            } else {
                for c in columns {
                    guard let at = index[c.name] else { continue }  // an optional column the file lacks
                    if !c.read(&record, row.fields[at]) {
                        problem = "column \(c.name): cannot read \"\(row.fields[at].prefix(40))\""
                        break
                    }
                }
                if problem == nil && record.key.isEmpty { problem = "an empty key" }
            }
            if let problem {
                if strict { throw TableError(file: file, line: row.line, message: problem) }
                out.bad.append((row.line, problem))
            } else {
                out.records.append(record)
            }
        }
        return out
    }

    /// Reads a table from a file (`InputError` when unreadable, `TableError` when not a table).
    public static func load(_ path: String) throws -> [RunRecord] {
        try read(try FileIO.readBytes(path), file: path).records
    }
}
