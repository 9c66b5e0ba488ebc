import FINModel

/// A small valid instance written by hand (not by the generator), the base of the broken corpus.
let baseInstanceText = """
    {
      "format": "fin-instance/1",
      "name": "base",
      "nodes": [
        {"id": "device", "tier": "device", "opsPerSecond": 11e12, "powerWatts": 6, "memoryBytes": 4e9},
        {"id": "edge", "tier": "edge", "opsPerSecond": 153.4e12, "powerWatts": 140, "memoryBytes": 16e9},
        {"id": "router", "tier": "relay", "opsPerSecond": 0, "powerWatts": 0, "memoryBytes": 0}
      ],
      "links": [
        {"from": "device", "to": "router", "bitsPerSecond": 1e8, "latencySeconds": 0.001, "joulesPerBit": 6.7e-8},
        {"from": "router", "to": "edge", "bitsPerSecond": 1e9, "latencySeconds": 0.001, "joulesPerBit": 1e-8}
      ],
      "models": [
        {
          "id": "net",
          "inputBits": 1000,
          "blocks": [
            {"ops": 1e9, "outputBits": 500, "memoryBytes": 1e6},
            {"ops": 2e9, "outputBits": 200, "memoryBytes": 2e6},
            {"ops": 3e9, "outputBits": 100, "memoryBytes": 3e6}
          ],
          "exits": [
            {"afterBlock": 1, "accuracy": 0.5, "ops": 1e6, "exitProbability": 0.4},
            {"afterBlock": 3, "accuracy": 0.9}
          ]
        }
      ],
      "applications": [
        {"id": "app-0", "model": "net", "source": "device", "maxLatencySeconds": 0.5, "minAccuracy": 0.6}
      ]
    }
    """

/// One step of a path into a JSON document: an object key or an array index.
enum PathKey: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)
    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

/// The document with the value at `path` replaced (nil: removed).
func setting(_ value: JSONValue?, at path: [PathKey], in json: JSONValue) -> JSONValue {
    guard let head = path.first else { return value ?? .null }
    let rest = Array(path.dropFirst())
    switch (json, head) {
    case (.object(var o), .key(let key)):
        if rest.isEmpty, value == nil {
            o.removeValue(forKey: key)
        } else {
            o[key] = setting(value, at: rest, in: o[key] ?? .null)
        }
        return .object(o)
    case (.array(var a), .index(let i)):
        if i == a.count { a.append(.null) }
        if rest.isEmpty, value == nil { a.remove(at: i) } else { a[i] = setting(value, at: rest, in: a[i]) }
        return .array(a)
    default:
        fatalError("bad test path \(path)")
    }
}
