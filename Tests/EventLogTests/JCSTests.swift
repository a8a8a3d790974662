import EventLog
import Testing

/// RFC 8785 (JCS) canonical encoding. Expected outputs are the RFC's own examples; they can be
/// reproduced with Python, whose json.dumps escapes strings as JCS does and whose keys we sort by
/// UTF-16 code units:
///   python3 -c 'import json; d={...}; print(json.dumps({k:d[k] for k in sorted(d,
///     key=lambda k:k.encode("utf-16-be"))}, ensure_ascii=False, separators=(",",":")))'
@Suite("JCS (RFC 8785) encoding")
struct JCSTests {
    @Test("RFC 8785 section 3.2.3: keys sorted by UTF-16 code units")
    func keySorting() {
        let value: JSONValue = [
            "\u{20ac}": "Euro Sign",
            "\r": "Carriage Return",
            "\u{fb33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One",
            "\u{1F600}": "Emoji: Grinning Face",  // "\ud83d\ude00" in the RFC
            "\u{0080}": "Control",
            "\u{00f6}": "Latin Small Letter O With Diaeresis",
        ]
        // Note U+1F600 (surrogates D83D DE00) sorts before U+FB33 in UTF-16, after it in code points.
        let expected =
            #"{"\r":"Carriage Return","1":"One","\#u{0080}":"Control","\#u{00f6}":"Latin Small Letter O With Diaeresis","#
            + #""\#u{20ac}":"Euro Sign","\#u{1F600}":"Emoji: Grinning Face","\#u{fb33}":"Hebrew Letter Dalet With Dagesh"}"#
        // Compare bytes: Swift's String == treats U+FB33 and its decomposition U+05D3 U+05BC as equal.
        #expect(value.canonicalBytes() == Array(expected.utf8))
    }

    @Test("RFC 8785 section 3.2.2.2: string escaping")
    func stringEscaping() throws {
        // The RFC's JSON input "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", parsed by our parser.
        let input = #""\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/""#
        let parsed = try JSONValue.parse(Array(input.utf8))
        #expect(parsed.canonicalBytes() == Array(#""\#u{20ac}$\u000f\nA'B\"\\\\\"/""#.utf8))
    }

    @Test("every control character below U+0020 is escaped; U+007F and non-ASCII are raw")
    func controlCharacters() {
        let named: [UInt8: String] = [0x08: #"\b"#, 0x09: #"\t"#, 0x0A: #"\n"#, 0x0C: #"\f"#, 0x0D: #"\r"#]
        for code in UInt8(0)..<0x20 {
            let string = String(decoding: [code], as: UTF8.self)
            let hex = String(code, radix: 16)
            let expected = named[code] ?? #"\u00"# + (hex.count == 1 ? "0" + hex : hex)
            #expect(JSONValue.string(string).canonicalString == "\"" + expected + "\"", "U+\(hex)")
        }
        let raw = "\u{7f}/\u{e9}\u{20ac}\u{1F600}\u{E000}"
        #expect(JSONValue.string(raw).canonicalBytes() == Array(("\"" + raw + "\"").utf8))
    }

    @Test("RFC 8785 section 3.2.2.3: integers in plain decimal; literals; nesting without whitespace")
    func integersAndStructure() {
        let cases: [(JSONValue, String)] = [
            (0, "0"), (1, "1"), (-1, "-1"), (1_000_000, "1000000"),
            (.integer(JSONValue.maxSafeInteger), "9007199254740991"),
            (.integer(-JSONValue.maxSafeInteger), "-9007199254740991"),
            (nil, "null"), (true, "true"), (false, "false"),
            ([], "[]"), ([:], "{}"),
            (["literals": [nil, true, false], "b": [1, [2, ["c": "d"]]]],
             #"{"b":[1,[2,{"c":"d"}]],"literals":[null,true,false]}"#),
        ]
        for (value, expected) in cases {
            #expect(value.canonicalString == expected)
        }
    }

    @Test("canonical output parses back to the same value and re-encodes identically")
    func roundTrip() throws {
        let value: JSONValue = [
            "name": "Zoë \"Q\" \\ \n\t", "count": -42, "nested": ["a": [1, 2, 3], "B": nil], "flag": false,
            "emoji": "😀", "private": "\u{E000}",
        ]
        let bytes = value.canonicalBytes()
        let parsed = try JSONValue.parse(bytes)
        #expect(parsed == value)
        #expect(parsed.canonicalBytes() == bytes)
    }
}
