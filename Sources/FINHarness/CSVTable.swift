import Foundation

/// RFC 4180 CSV over UTF-8 bytes: quoted fields with commas, quotes and newlines, CRLF or LF line
/// ends, a byte-order mark. Rows keep their line numbers for error messages. (Parsing bytes, not
/// Swift `Character`s: "\r\n" is one Character, and a Character walk loses CRLF line ends.)
public struct CSVTable: Sendable {
    /// One row: its fields and the line it starts on (1-based).
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// The first row.
    public let header: [String]
    /// Every row after the header, in file order.
    public let rows: [Row]
    /// False when the last row has no line end (an interrupted append).
    public let endsWithLineEnd: Bool
    /// Bytes up to the end of the last complete row (the whole input when `endsWithLineEnd`).
    public let completeLength: Int

    /// Parses `bytes`; `file` names the input in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(TableError) -> CSVTable {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes.count > start else { throw TableError(file: file, line: 1, message: "the file is empty") }
        if bytes.contains(0) {
            throw TableError(file: file, line: 1, message: "binary data (a NUL byte), not CSV text")
        }
        var records: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var line = 1
        var rowLine = 1
        var completeLength = start
        var i = start
        func text(_ b: [UInt8]) throws(TableError) -> String {
            guard let s = String(validating: b, as: UTF8.self) else {
                throw TableError(file: file, line: line, message: "not valid UTF-8 text")
            }
            return s
        }
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
            } else if c == 0x22 && field.isEmpty {
                quoted = true
            } else if c == 0x2C {
                fields.append(try text(field))
                field = []
            } else if c == 0x0A || c == 0x0D {
                fields.append(try text(field))
                field = []
                records.append(Row(line: rowLine, fields: fields))
                fields = []
                if c == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                rowLine = line
                completeLength = i + 1
            } else {
                field.append(c)
            }
            i += 1
        }
        if quoted { throw TableError(file: file, line: rowLine, message: "a quoted field is not closed") }
        let ended = fields.isEmpty && field.isEmpty
        if !ended {
            fields.append(try text(field))
            records.append(Row(line: rowLine, fields: fields))
        }
        guard let first = records.first else { throw TableError(file: file, line: 1, message: "no header row") }
        return CSVTable(
            header: first.fields, rows: Array(records.dropFirst()), endsWithLineEnd: ended,
            completeLength: ended ? bytes.count : completeLength)
    }

    /// One field, quoted when it holds a comma, a quote or a line end.
    public static func field(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One row with its line end.
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}

/// A table that cannot be used, with the file and line at fault.
public struct TableError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { "\(file):\(line): \(message)" }
}
