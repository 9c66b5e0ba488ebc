import Testing

@testable import FINModel

@Suite("Instance files")
struct InstanceFileTests {
    @Test func baseInstanceIsValidAndDefaultsApply() throws {
        let loaded = try InstanceFile.decode(text: baseInstanceText)
        let app = loaded.instance.applications[0]
        #expect(app.ratePerSecond == 1)
        #expect(app.destination == nil)
        #expect(app.pinFirstBlockToSource == false)
        #expect(loaded.instance.models[0].resultBits == 0)
        #expect(loaded.instance.models[0].exits[1].exitProbability == 0)
        #expect(loaded.instance.shareLevels == nil)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func roundTripIsExact() throws {
        let first = try InstanceFile.decode(text: baseInstanceText).instance
        let text = JSONWriter.string(InstanceFile.encode(first))
        let second = try InstanceFile.decode(text: text).instance
        #expect(first == second)
        #expect(JSONWriter.string(InstanceFile.encode(second)) == text)
    }

    @Test func unknownFieldsAreWarnedAbout() throws {
        let json = setting(
            true, at: ["applications", 0, "pinFirstBlockToSorce"], in: try JSONParser.parse(baseInstanceText))
        let loaded = try InstanceFile.decode(json)
        #expect(loaded.warnings.map(\.description) == ["applications[0].pinFirstBlockToSorce: unknown field, ignored"])
    }

    @Test func unreachableAccuracyIsAWarningNotAnError() throws {
        let json = setting(0.95, at: ["applications", 0, "minAccuracy"], in: try JSONParser.parse(baseInstanceText))
        let loaded = try InstanceFile.decode(json)
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings[0].message.contains("no exit of model \"net\" reaches 0.95"))
    }

    /// The corpus of broken instances: each mutation of the valid base must be rejected with
    /// its own message, at its own path.
    static let brokenCorpus: [(name: String, path: [PathKey], value: JSONValue?, issue: String)] = [
        ("wrong format", ["format"], "fin-instance/2", #"format: expected "fin-instance/1", got "fin-instance/2""#),
        ("missing nodes", ["nodes"], nil, "nodes: required field is missing"),
        ("empty nodes", ["nodes"], [], "nodes: an instance needs at least one node"),
        ("empty name", ["name"], "", "name: must not be empty"),
        ("negative speed", ["nodes", 0, "opsPerSecond"], -5, "nodes[0].opsPerSecond: must be non-negative, got -5"),
        (
            "speed as text", ["nodes", 0, "opsPerSecond"], "fast",
            "nodes[0].opsPerSecond: expected a number, found a string"
        ),
        ("negative power", ["nodes", 1, "powerWatts"], -1, "nodes[1].powerWatts: must be non-negative, got -1"),
        (
            "negative memory", ["nodes", 1, "memoryBytes"], -1e9,
            "nodes[1].memoryBytes: must be non-negative, got -1000000000"
        ),
        (
            "unknown tier", ["nodes", 0, "tier"], "fog",
            #"nodes[0].tier: unknown tier "fog" (expected device, edge, cloud or relay)"#
        ),
        (
            "duplicate node", ["nodes", 1, "id"], "device",
            #"nodes[1].id: duplicate node id "device" (first at nodes[0])"#
        ),
        ("empty node id", ["nodes", 1, "id"], "", "nodes[1].id: node id must not be empty"),
        (
            "computing relay", ["nodes", 2, "opsPerSecond"], 1e9,
            "nodes[2].opsPerSecond: a relay node only forwards, so its speed must be 0, got 1000000000"
        ),
        ("node not an object", ["nodes", 0], 42, "nodes[0]: expected an object, found a number"),
        ("link to unknown node", ["links", 0, "to"], "moon", #"links[0].to: unknown node "moon""#),
        ("link from unknown node", ["links", 0, "from"], "mars", #"links[0].from: unknown node "mars""#),
        ("self link", ["links", 0, "to"], "device", #"links[0]: link from node "device" to itself"#),
        (
            "duplicate link", ["links", 2],
            ["from": "device", "to": "router", "bitsPerSecond": 1, "latencySeconds": 0, "joulesPerBit": 0],
            "links[2]: duplicate link device -> router (first at links[0])"
        ),
        ("zero bandwidth", ["links", 0, "bitsPerSecond"], 0, "links[0].bitsPerSecond: must be positive, got 0"),
        (
            "negative latency", ["links", 1, "latencySeconds"], -0.001,
            "links[1].latencySeconds: must be non-negative, got -0.001"
        ),
        (
            "negative link energy", ["links", 1, "joulesPerBit"], -1e-9,
            "links[1].joulesPerBit: must be non-negative, got -1e-09"
        ),
        (
            "missing link field", ["links", 0, "bitsPerSecond"], nil,
            "links[0].bitsPerSecond: required field is missing"
        ),
        ("no blocks", ["models", 0, "blocks"], [], "models[0].blocks: a model needs at least one block"),
        (
            "negative block ops", ["models", 0, "blocks", 1, "ops"], -1,
            "models[0].blocks[1].ops: must be non-negative, got -1"
        ),
        (
            "negative output", ["models", 0, "blocks", 0, "outputBits"], -8,
            "models[0].blocks[0].outputBits: must be non-negative, got -8"
        ),
        ("negative input", ["models", 0, "inputBits"], -1, "models[0].inputBits: must be non-negative, got -1"),
        ("negative result", ["models", 0, "resultBits"], -80, "models[0].resultBits: must be non-negative, got -80"),
        (
            "exit after missing block", ["models", 0, "exits", 0, "afterBlock"], 7,
            "models[0].exits[0].afterBlock: exit after block 7, but the model has 3 blocks (blocks are numbered from 1)"
        ),
        (
            "exit after block 0", ["models", 0, "exits", 0, "afterBlock"], 0,
            "models[0].exits[0].afterBlock: exit after block 0, but the model has 3 blocks"
        ),
        (
            "fractional block", ["models", 0, "exits", 0, "afterBlock"], 2.5,
            "models[0].exits[0].afterBlock: expected a whole number, got 2.5"
        ),
        (
            "no exit on last block", ["models", 0, "exits", 1, "afterBlock"], 2,
            "models[0].exits: the last block (3) has no exit; every model ends with an exit"
        ),
        (
            "two exits after one block", ["models", 0, "exits", 1, "afterBlock"], 1,
            "models[0].exits[1].afterBlock: a second exit after block 1 (first at models[0].exits[0])"
        ),
        (
            "accuracy above 1", ["models", 0, "exits", 1, "accuracy"], 1.2,
            "models[0].exits[1].accuracy: must be a fraction in [0, 1], got 1.2"
        ),
        (
            "negative exit probability", ["models", 0, "exits", 0, "exitProbability"], -0.1,
            "models[0].exits[0].exitProbability: must be a fraction in [0, 1], got -0.1"
        ),
        (
            "negative exit ops", ["models", 0, "exits", 0, "ops"], -3,
            "models[0].exits[0].ops: must be non-negative, got -3"
        ),
        (
            "duplicate model", ["models", 1],
            [
                "id": "net", "inputBits": 1, "blocks": [["ops": 1, "outputBits": 1, "memoryBytes": 1]],
                "exits": [["afterBlock": 1, "accuracy": 1]],
            ], #"models[1].id: duplicate model id "net" (first at models[0])"#
        ),
        ("unknown model", ["applications", 0, "model"], "resnet", #"applications[0].model: unknown model "resnet""#),
        ("unknown source", ["applications", 0, "source"], "phone", #"applications[0].source: unknown node "phone""#),
        (
            "relay source", ["applications", 0, "source"], "router",
            #"applications[0].source: source "router" is a relay node"#
        ),
        (
            "unknown destination", ["applications", 0, "destination"], "tv",
            #"applications[0].destination: unknown node "tv""#
        ),
        (
            "zero rate", ["applications", 0, "ratePerSecond"], 0,
            "applications[0].ratePerSecond: must be positive, got 0"
        ),
        (
            "negative bound", ["applications", 0, "maxLatencySeconds"], -1,
            "applications[0].maxLatencySeconds: must be positive, got -1"
        ),
        (
            "accuracy target above 1", ["applications", 0, "minAccuracy"], 1.5,
            "applications[0].minAccuracy: must be a fraction in [0, 1], got 1.5"
        ),
        (
            "pin as text", ["applications", 0, "pinFirstBlockToSource"], "yes",
            "applications[0].pinFirstBlockToSource: expected true or false, found a string"
        ),
        (
            "duplicate application", ["applications", 1],
            ["id": "app-0", "model": "net", "source": "edge", "maxLatencySeconds": 1, "minAccuracy": 0.5],
            #"applications[1].id: duplicate application id "app-0" (first at applications[0])"#
        ),
        ("zero share level", ["shareLevels"], [0, 0.5], "shareLevels[0]: a share must be in (0, 1], got 0"),
        ("share above 1", ["shareLevels"], [0.5, 2], "shareLevels[1]: a share must be in (0, 1], got 2"),
        ("empty share levels", ["shareLevels"], [], "shareLevels: must list at least one level"),
        ("duplicate share level", ["shareLevels"], [0.5, 0.5], "shareLevels[1]: duplicate share level 0.5"),
        ("share level as text", ["shareLevels"], ["half"], "shareLevels[0]: expected a number, found a string"),
        ("links not an array", ["links"], ["a": 1], "links: expected an array, found an object"),
    ]

    @Test func brokenCorpusIsRejectedWithSpecificMessages() throws {
        let base = try JSONParser.parse(baseInstanceText)
        var messages = Set<String>()
        for case_ in Self.brokenCorpus {
            let broken = setting(case_.value, at: case_.path, in: base)
            do {
                _ = try InstanceFile.decode(broken, file: "x.json")
                Issue.record("\(case_.name): accepted")
            } catch {
                guard case .invalid(let file, let kind, let issues) = error else {
                    Issue.record("\(case_.name): \(error)")
                    continue
                }
                #expect(file == "x.json" && kind == "instance")
                let found = issues.map(\.description)
                #expect(found.contains { $0.hasPrefix(case_.issue) }, "\(case_.name): got \(found)")
                messages.insert(found.joined(separator: "|"))
            }
        }
        // Every case gives its own message.
        #expect(messages.count == Self.brokenCorpus.count)
    }

    @Test func everyProblemOfAFileIsReported() throws {
        var json = try JSONParser.parse(baseInstanceText)
        json = setting(-1, at: ["nodes", 0, "opsPerSecond"], in: json)
        json = setting("moon", at: ["links", 0, "to"], in: json)
        json = setting(2, at: ["applications", 0, "minAccuracy"], in: json)
        do {
            _ = try InstanceFile.decode(json)
            Issue.record("accepted")
        } catch {
            guard case .invalid(_, _, let issues) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(issues.count == 3)
        }
    }

    @Test func rootMustBeAnObject() {
        #expect(throws: InputError.self) { try InstanceFile.decode(text: "[]") }
    }

    @Test func malformedTextIsASyntaxError() {
        do {
            _ = try InstanceFile.decode(text: "{\"format\": \"fin-instance/1\",\n \"name\": }", file: "bad.json")
            Issue.record("accepted")
        } catch {
            guard case .malformedJSON(let file, let e) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(file == "bad.json" && e.line == 2)
            #expect(error.description.hasPrefix("bad.json: malformed JSON at line 2, column 10"))
        }
    }

    @Test func programmaticInstancesGoThroughTheSameRules() {
        var instance = try! InstanceFile.decode(text: baseInstanceText).instance
        instance.nodes[0].opsPerSecond = .nan
        instance.links[0].latencySeconds = .infinity
        let issues = InstanceValidator.issues(of: instance).map(\.description)
        #expect(issues.contains("nodes[0].opsPerSecond: must be a finite number, got nan"))
        #expect(issues.contains("links[0].latencySeconds: must be a finite number, got inf"))
    }

    @Test func missingFileIsCannotRead() {
        do {
            _ = try InstanceFile.read("/nonexistent/instance.json")
            Issue.record("read")
        } catch {
            guard case .cannotRead(_, let reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(reason == "no such file")
        }
    }
}
