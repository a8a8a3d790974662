import EventLog
import LogCrypto
import Testing

/// The fast line decoder (compact lines read from the bytes, payload kept as validated bytes)
/// must give exactly what the strict path (`LogEntry(json:)` over `JSONValue.parse`) gives:
/// the same entries, and for bad lines the same error code, field and offset.
@Suite("LogEntryDecoder (fast line decoding)")
struct LogEntryDecoderTests {
    static let prev = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    /// A line with the given `data` text and optional envelope overrides (compact, canonical order).
    static func line(
        data: String = #"{"a":1}"#, actor: String = #"{"id":"u-1","name":"Synthetic User","role":"coordinator"}"#,
        at: String = #""2026-01-01T00:00:00.123456Z""#, prev: String = "\"\(prev)\"", reason: String? = nil,
        seq: String = "7", subject: String? = #""S-001""#, type: String = #""assessment.recorded""#, v: String = "1"
    ) -> String {
        var text = #"{"actor":"# + actor + #","at":"# + at + #","data":"# + data + #","prev":"# + prev
        if let reason { text += #","reason":"# + reason }
        text += #","seq":"# + seq
        if let subject { text += #","subject":"# + subject }
        return text + #","type":"# + type + #","v":"# + v + "}"
    }

    /// The entry or error the strict path gives for `text`: the parse, then `LogEntry(json:)`.
    static func strict(_ text: String) -> Result<LogEntry, EntryFormatError> {
        let value: JSONValue
        do {
            value = try JSONValue.parse(Array(text.utf8))
        } catch {
            return .failure(EntryFormatError(code: "entry.json", field: nil, reason: error.reason, offset: error.offset))
        }
        return Result { () throws(EntryFormatError) in try LogEntry(json: value) }
    }

    static func fast(_ text: String) -> Result<LogEntry, EntryFormatError> {
        var decoder = LogEntryDecoder()
        return Result { () throws(EntryFormatError) in try decoder.decode(line: Array(text.utf8)) }
    }

    static let validPayloads: [String] = [
        #"{}"#,
        #"{"input":"ast","observedOn":"2026-11-19","schema":1,"uln":"40","unit":"U/L","value":{"number":"41.5"}}"#,
        #"{"big":9007199254740991,"neg":-9007199254740991,"zero":0,"negzero":-0}"#,
        #"{"deep":{"a":[1,[2,[3,{"b":null}]],true,false],"c":{"d":{"e":"f"}}},"empty":[],"o":{}}"#,
        #"{"unicode":"Émile 中文 😀","text":"a/b"}"#,
        #"{"escaped":"quote \" and \\ and \n and \u00e9 and \ud83d\ude00"}"#,
        #"{"b":1,"a":2}"#,  // not in canonical order: the strict path reads it
        #"{ "a" : 1 }"#,  // whitespace
        #"{"é":1,"e":2}"#,  // a non-ASCII key
        #"{"via":"http","request":{"command":"assessment","idempotencyKey":"k","sha256":"00"}}"#,
    ]

    @Test("valid lines decode to the entry the strict path reads", arguments: validPayloads)
    func validLinesAgree(payload: String) throws {
        let text = Self.line(data: payload, reason: #""a reason""#)
        let fast = try Self.fast(text).get()
        let strict = try Self.strict(text).get()
        #expect(fast == strict)
        #expect(fast.data == strict.data)
        #expect(try LogEntry(line: Array(text.utf8)) == strict)
        // What the writer would store for it reads back to the same entry, payload as bytes.
        let canonical = fast.canonicalLine()
        let reread = try Self.fast(String(decoding: canonical, as: UTF8.self)).get()
        #expect(reread == strict)
        #expect(reread.canonicalLine() == canonical)
    }

    @Test("a compact line keeps its payload as bytes; others fall back to a dictionary")
    func payloadForm() throws {
        #expect(try Self.fast(Self.line()).get().rawData != nil)
        #expect(try Self.fast(Self.line(data: #"{"b":1,"a":2}"#)).get().rawData == nil)
        #expect(try Self.fast(Self.line(data: #"{"s":"\n"}"#)).get().rawData == nil)
        #expect(try Self.fast(Self.line(subject: #""S-\u0030""#)).get().subject == "S-0")
    }

    static let badLines: [String] = [
        line(data: #"{"n":9007199254740992}"#),  // integer beyond 2^53-1
        line(data: #"{"n":1.5}"#),
        line(data: #"{"n":1e3}"#),
        line(data: #"{"n":01}"#),
        line(data: #"{"a":1,"a":2}"#),  // duplicate key
        line(data: #"{"a":"\ud800"}"#),  // lone surrogate
        line(data: "{\"a\":\"\u{1}\"}"),  // unescaped control character
        line(data: #"{"a":tru}"#),
        line(data: #"{"a":[1,]}"#),
        line(data: #"[1]"#),  // data not an object
        line(data: String(repeating: "[", count: 600) + String(repeating: "]", count: 600)),
        line(actor: #"{"id":"u-1","name":"N","role":"r","extra":1}"#),
        line(actor: #"{"id":"","name":"N","role":"r"}"#),
        line(actor: #"{"id":"u-1","name":"N"}"#),
        line(actor: #""u-1""#),
        line(at: #""2026-01-01T00:00:00Z""#),
        line(at: "17"),
        line(prev: "\"" + prev.uppercased() + "\""),
        line(prev: #""00""#),
        line(reason: #""""#),
        line(seq: "-1"),
        line(seq: #""7""#),
        line(subject: #""""#),
        line(subject: "null"),
        line(type: #""bad type""#),
        line(type: #""a..b""#),
        line(v: "2"),
        #"{"actor":{"id":"u","name":"n","role":"r"},"seq":1}"#,  // missing fields
        line() + " x",  // trailing data
        line().replacingOccurrences(of: #""v":1"#, with: #""v":1,"v":1"#),  // duplicate top-level key
        line().replacingOccurrences(of: #""v":1"#, with: #""v":1,"w":1"#),  // unknown field
        "[]",
        "",
        "{",
    ]

    @Test("bad lines fail with the strict path's error (code, field, offset)", arguments: badLines)
    func badLinesAgree(text: String) {
        let fast = Self.fast(text)
        let strict = Self.strict(text)
        guard case .failure(let strictError) = strict else {
            Issue.record("the strict path accepted a line the test expects to be bad")
            return
        }
        #expect(fast.failure == strictError)
        let bytes = Array(text.utf8)
        #expect(Result { () throws(EntryFormatError) in try LogEntry(line: bytes) }.failure == strictError)
    }

    @Test("invalid UTF-8 inside the payload is refused as the strict parser refuses it")
    func invalidUTF8() {
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let text = Array(Self.line(data: #"{"a":"x"}"#).utf8)
            var bytes: [UInt8] = []
            let marker = text.firstIndex(of: UInt8(ascii: "x"))!
            bytes += text[..<marker] + bad + text[(marker + 1)...]
            var decoder = LogEntryDecoder()
            let fast = Result { () throws(EntryFormatError) in try decoder.decode(line: bytes) }
            let strict = Result { () throws(JSONParseError) in try JSONValue.parse(bytes) }
            #expect(fast.failure?.code == "entry.json")
            #expect(fast.failure?.offset == strict.failure?.offset)
        }
    }

    @Test("the member reader reads typed values in stored order")
    func memberReader() throws {
        let payload = #"{"b":true,"d":"2026-11-19","i":-42,"n":null,"o":{"k":"v","z":[1,{"y":"}"}]},"s":"é \"","t":"x"}"#
            .replacingOccurrences(of: #" \""#, with: "")
        let entry = try Self.fast(Self.line(data: payload)).get()
        let raw = try #require(entry.rawData)
        #expect(raw.members == entry.data)
        #expect(raw.member("i") == .integer(-42))
        #expect(raw.member("o") == ["k": "v", "z": [1, ["y": "}"]]])
        #expect(raw.member("missing") == nil)
        #expect(entry.dataMember("s") == .string("é"))
        raw.withMembers { reader in
            var keys: [String] = []
            while let key = reader.nextKey() {
                keys.append(key.string)
                if key.equals("b") {
                    #expect(reader.valueKind == .bool)
                    #expect(reader.string() == nil && reader.integer() == nil)
                    #expect(reader.bool() == true)
                } else if key.equals("i") {
                    #expect(reader.integer() == -42)
                } else if key.equals("n") {
                    let isNull = reader.null()
                    #expect(isNull)
                } else if key.equals("o") {
                    guard var nested = reader.object() else {
                        Issue.record("o is an object")
                        continue
                    }
                    #expect(nested.nextKey()?.string == "k")
                    #expect(nested.string() == "v")
                    #expect(nested.nextKey()?.equals("z") == true)
                    #expect(nested.valueKind == .array)
                    #expect(nested.nextKey() == nil)
                } else if key.equals("t") {
                    #expect(reader.string() == "x")
                }
                // "d" and "s" are left unread: the next key skips them.
            }
            #expect(keys == ["b", "d", "i", "n", "o", "s", "t"])
        }
    }

    @Test("removing members cuts them out of the bytes; the rest reads the same")
    func removingMembers() throws {
        let payload = #"{"a":1,"request":{"k":"v"},"schema":1,"via":"http","z":[2]}"#
        let entry = try Self.fast(Self.line(data: payload)).get()
        let stripped = entry.removingDataMembers(["via", "request"])
        #expect(stripped.rawData != nil)
        #expect(stripped.data == ["a": 1, "schema": 1, "z": [2]])
        #expect(entry.removingDataMembers(["a", "z", "request", "schema", "via"]).data == [:])
        var parsed = entry
        parsed.data = entry.data
        #expect(parsed.rawData == nil)
        #expect(parsed.removingDataMembers(["via", "request"]) == stripped)
        #expect(parsed.removingDataMembers(["nothing"]) == entry)
    }

    @Test("the decoder's shared actors and types do not mix entries up")
    func cachesAreKeyedByBytes() throws {
        var decoder = LogEntryDecoder()
        var lines: [String] = []
        for index in 0..<40 {
            let actor = #"{"id":"u-\#(index % 11)","name":"User \#(index % 11)","role":"r"}"#
            lines.append(Self.line(actor: actor, seq: "\(index)", type: "\"t.type\(index % 13)\""))
        }
        for text in lines {
            let decoded = try decoder.decode(line: Array(text.utf8))
            #expect(decoded == (try Self.strict(text).get()))
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
