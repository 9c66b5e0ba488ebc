import FINModel

/// Combines the runs files of a sweep's shards. Every file must read as a runs table (an error
/// names the file and line; nothing is written then); a key found in two files with different
/// rows is an error too.
public enum Merge {
    /// The union of the shards' records, in key order.
    public static func combine(_ files: [(path: String, bytes: [UInt8])]) throws(TableError) -> [RunRecord] {
        var byKey: [String: (record: RunRecord, file: String)] = [:]
        for (path, bytes) in files {
            let contents = try RunTable.read(bytes, file: path)
            if !contents.table.endsWithLineEnd {
                let line = contents.table.rows.last?.line ?? 1
                throw TableError(
                    file: path, line: line, message: "the last row has no line end (an interrupted write?)")
            }
            for var r in contents.records {
                r.clearDerived()
                if let seen = byKey[r.key] {
                    guard seen.record == r else {
                        throw TableError(
                            file: path, line: 1, message: "key \(r.key) also in \(seen.file) with another row")
                    }
                    continue
                }
                byKey[r.key] = (r, path)
            }
        }
        return byKey.keys.sorted().map { byKey[$0]!.record }
    }
}

extension RunRecord {
    /// Drops the fields derived over other runs.
    mutating func clearDerived() {
        bestKnownJoulesPerSecond = nil
        bestKnownIsProven = nil
        gapToBestKnown = nil
        bestBoundJoulesPerSecond = nil
        certifiedGap = nil
    }
}
