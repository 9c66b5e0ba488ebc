import FINGenerator
import FINModel

extension SweepReader {
    /// The keys of a sweep's `topologies` object.
    static let topologyKeys = [
        "files", "clouds", "cloudAt", "devicesPerPoP", "deviceFraction", "defaultLinkKilometres",
    ]

    /// Reads `topologies`: the file list (non-empty, no two files with the same name stem, each
    /// stem a plain name) and the topology settings. The files themselves are read when the
    /// instances are built, before anything is written.
    mutating func readTopologies(_ json: JSONValue) -> Sweep.Topologies? {
        guard let t = object(json, at: "topologies", keys: Self.topologyKeys) else { return nil }
        let raw = t["files"]?.arrayValue ?? []
        let files = raw.compactMap(\.stringValue)
        if files.isEmpty || files.count != raw.count || files.contains(where: \.isEmpty) {
            fail("topologies.files", "required, a non-empty array of file paths")
        }
        var stems: [String] = []
        for (i, f) in files.enumerated() {
            let stem = Sweep.Topologies.stem(f)
            if !Self.isPlainName(stem) {
                fail("topologies.files[\(i)]", "the file name \"\(stem)\" is not a plain name")
            }
            if stems.contains(stem) { fail("topologies.files[\(i)]", "a second file named \"\(stem)\"") }
            stems.append(stem)
        }
        var c = TopologyConfig()
        if let v = t["clouds"] {
            if let x = v.numberValue, x == x.rounded(), x >= 1, x <= 10_000 {
                c.clouds = Int(x)
            } else {
                fail("topologies.clouds", "expected a whole number in 1...10000")
            }
        }
        if let v = t["cloudAt"] {
            if let a = v.arrayValue, let ids = Optional(a.compactMap(\.stringValue)), ids.count == a.count, !ids.isEmpty
            {
                c.cloudAt = ids
            } else {
                fail("topologies.cloudAt", "expected a non-empty array of node ids (strings)")
            }
        }
        if let v = t["devicesPerPoP"] {
            if let a = v.arrayValue, a.count == 2, let lo = a[0].numberValue, let hi = a[1].numberValue,
                lo == lo.rounded(), hi == hi.rounded(), lo >= 0, hi >= max(lo, 1), hi <= 1000
            {
                c.devicesPerPoP = Int(lo)...Int(hi)
            } else {
                fail("topologies.devicesPerPoP", "expected [lo, hi], whole numbers, 0 <= lo <= hi, 1 <= hi <= 1000")
            }
        }
        if let v = t["deviceFraction"] {
            if let x = v.numberValue, x > 0, x <= 1 {
                c.deviceFraction = x
            } else {
                fail("topologies.deviceFraction", "expected a number in (0, 1]")
            }
        }
        if let v = t["defaultLinkKilometres"] {
            if let x = v.numberValue, x >= 0, x.isFinite {
                c.defaultLinkKilometres = x
            } else {
                fail("topologies.defaultLinkKilometres", "expected a non-negative number")
            }
        }
        return Sweep.Topologies(files: files, config: c)
    }
}
