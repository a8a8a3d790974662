import EventLog
import Testing

@Suite("Strict JSON parser (RFC 8259, format v1 limits)")
struct JCSParserTests {
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    @Test("accepts RFC 8259 JSON with whitespace, escapes and surrogate pairs")
    func accepts() throws {
        #expect(try Self.parse(" { \"a\" : [ 1 , -2 , true , null ] ,\n\"b\":\"x\\u0041\\ud83d\\ude00\" } ")
            == ["a": [1, -2, true, nil], "b": "xA😀"])
        #expect(try Self.parse("0") == 0)
        #expect(try Self.parse("-0") == 0)
        #expect(try Self.parse("9007199254740991") == .integer(9_007_199_254_740_991))
        #expect(try Self.parse("-9007199254740991") == .integer(-9_007_199_254_740_991))
        #expect(try Self.parse("\"\\/\"") == "/")
        #expect(try JSONValue.parse([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22]) == "😀")
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        let input: [UInt8], code: String, offset: Int, testDescription: String
        init(_ text: String, _ code: String, at offset: Int) {
            self.init(Array(text.utf8), code, at: offset, text)
        }
        init(_ input: [UInt8], _ code: String, at offset: Int, _ description: String) {
            self.input = input
            self.code = code
            self.offset = offset
            self.testDescription = description
        }
    }

    static let rejections: [Rejection] = [
        Rejection(#"{"a":1,"a":2}"#, "json.duplicateKey", at: 7),
        Rejection("1.5", "json.number", at: 1),
        Rejection("1e3", "json.number", at: 1),
        Rejection("1E3", "json.number", at: 1),
        Rejection("9007199254740992", "json.number", at: 0),  // 2^53
        Rejection("-9007199254740992", "json.number", at: 0),
        Rejection("123456789012345678901234567890", "json.number", at: 0),
        Rejection("01", "json.number", at: 1),
        Rejection("-01", "json.number", at: 2),
        Rejection("-", "json.number", at: 1),
        Rejection("+1", "json.syntax", at: 0),
        Rejection(#"{"a":1} x"#, "json.trailing", at: 8),
        Rejection("[1,2]]", "json.trailing", at: 5),
        Rejection([0x22, 0xFF, 0x22], "json.utf8", at: 1, "invalid UTF-8 byte FF"),
        Rejection([0x22, 0xC0, 0xAF, 0x22], "json.utf8", at: 1, "overlong UTF-8"),
        Rejection([0x22, 0xED, 0xA0, 0x80, 0x22], "json.utf8", at: 1, "UTF-8-encoded surrogate"),
        Rejection([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "json.utf8", at: 1, "code point above U+10FFFF"),
        Rejection([0x22, 0xE2, 0x82], "json.utf8", at: 1, "truncated UTF-8"),
        Rejection(#""\ud800""#, "json.string", at: 1),
        Rejection(#""\ud800\u0041""#, "json.string", at: 1),
        Rejection(#""\udc00""#, "json.string", at: 1),
        Rejection(#""\x""#, "json.string", at: 1),
        Rejection("\"a\u{1}\"", "json.string", at: 2),
        Rejection("\"abc", "json.string", at: 4),
        Rejection("", "json.syntax", at: 0),
        Rejection("[1,]", "json.syntax", at: 3),
        Rejection(#"{"a" 1}"#, "json.syntax", at: 5),
        Rejection("{1:2}", "json.syntax", at: 1),
        Rejection("tru", "json.syntax", at: 0),
        Rejection("NaN", "json.syntax", at: 0),
        Rejection("'a'", "json.syntax", at: 0),
    ]

    @Test("rejects, with code and byte offset", arguments: rejections)
    func rejects(_ case: Rejection) {
        do {
            let value = try JSONValue.parse(`case`.input)
            Issue.record("accepted: \(value)")
        } catch {
            #expect(error.code == `case`.code)
            #expect(error.offset == `case`.offset)
        }
    }

    @Test("rejects nesting deeper than 512 but accepts 512")
    func depth() throws {
        _ = try Self.parse(String(repeating: "[", count: 512) + String(repeating: "]", count: 512))
        #expect(throws: JSONParseError.self) {
            try Self.parse(String(repeating: "[", count: 513) + String(repeating: "]", count: 513))
        }
    }

    @Test("parses from a non-contiguous collection too")
    func nonContiguous() throws {
        let bytes = Array(#"{"k":[1,"v"]}"#.utf8)
        #expect(try JSONValue.parse(bytes.lazy.map { $0 }) == ["k": [1, "v"]])
    }
}
