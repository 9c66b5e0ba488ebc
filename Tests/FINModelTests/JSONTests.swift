import Testing

@testable import FINModel

@Suite("JSON parser and writer")
struct JSONTests {
    @Test func parsesScalarsAndNesting() throws {
        let v = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null, "x\u00e9\n"], "b": {}}"#)
        #expect(v == .object(["a": .array([1, -2500, true, false, .null, .string("xé\n")]), "b": .object([:])]))
    }

    @Test func surrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a quoted key"),
        ("[1, 2", 1, 6, "unexpected end of input inside an array"),
        ("{\n  \"a\": NaN\n}", 2, 8, "NaN and Infinity are not JSON numbers"),
        ("[1e999]", 1, 2, "out of the range of a 64-bit float"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\""),
        ("[01]", 1, 2, "leading zero"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[1] x", 1, 5, "unexpected text after the JSON document"),
        ("", 1, 1, "unexpected end of input, expected a value"),
        ("[\"\\q\"]", 1, 3, "invalid escape"),
        ("{\"a\" 1}", 1, 6, "expected ':' after key"),
        ("tru", 1, 1, "invalid literal"),
    ])
    func syntaxErrorsNameTheirPlace(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test func writerSortsKeysAndFormatsNumbers() {
        let v: JSONValue = ["b": 1, "a": ["z": 0.0856, "y": 6.7e-8, "x": 24576.0, "w": -0.0], "c": [1, 2]]
        let text = JSONWriter.string(v)
        #expect(
            text == """
                {
                  "a": {"w": 0, "x": 24576, "y": 6.7e-08, "z": 0.0856},
                  "b": 1,
                  "c": [1, 2]
                }

                """)
    }

    @Test func writerRoundTripsEveryDouble() throws {
        for x in [0.1, 1.0 / 3.0, 1e-300, 1.7976931348623157e308, 5e-324, 12345678901234567890.0, 9007199254740993.0] {
            let back = try JSONParser.parse(JSONWriter.formatNumber(x))
            #expect(back == .number(x))
        }
    }

    @Test func writerEscapesStrings() throws {
        let s = "quote \" backslash \\ tab \t nul \u{0} é"
        #expect(try JSONParser.parse(JSONWriter.quote(s)) == .string(s))
    }
}
