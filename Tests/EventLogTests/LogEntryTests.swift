import EventLog
import LogCrypto
import Testing

@Suite("LogEntry (format v1 lines)")
struct LogEntryTests {
    static let sample = LogEntry(
        seq: 7,
        prev: SHA256Digest(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")!,
        at: Timestamp(microsecondsSinceEpoch: 1_767_225_600_123_456),
        type: "lab.recorded",
        actor: Actor(id: "u-0042", name: "Dr. \u{c9}mile \"Test\" Synthetic", role: "investigator"),
        data: ["test": "ALT", "value": "41.5", "uln": "40", "flags": [1, true, nil], "z": ["b": 2, "a": 1]],
        subject: "SCR-0001",
        reason: "transcription error\ncorrected"
    )

    static let sampleLine =
        #"{"actor":{"id":"u-0042","name":"Dr. \#u{c9}mile \"Test\" Synthetic","role":"investigator"},"#
        + #""at":"2026-01-01T00:00:00.123456Z","#
        + #""data":{"flags":[1,true,null],"test":"ALT","uln":"40","value":"41.5","z":{"a":1,"b":2}},"#
        + #""prev":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","#
        + #""reason":"transcription error\ncorrected","seq":7,"subject":"SCR-0001","type":"lab.recorded","v":1}"#

    @Test("the canonical line is the JCS of the event object, fields in RFC 8785 order")
    func canonicalLine() {
        #expect(Self.sample.canonicalLine() == Array(Self.sampleLine.utf8))
        #expect(Self.sample.canonicalLine() == Self.sample.jsonValue.canonicalBytes())
    }

    @Test("absent optional fields are omitted; seq 0 has 64 zeros as prev")
    func firstEntryWithoutOptionals() throws {
        let first = LogEntry(
            seq: 0, prev: .zero, at: Timestamp(microsecondsSinceEpoch: 0), type: "log.created",
            actor: Actor(id: "system", name: "System", role: "system"), data: [:])
        let line = String(decoding: first.canonicalLine(), as: UTF8.self)
        #expect(
            line == #"{"actor":{"id":"system","name":"System","role":"system"},"at":"1970-01-01T00:00:00.000000Z","#
                + #""data":{},"prev":""# + String(repeating: "0", count: 64) + #"","seq":0,"type":"log.created","v":1}"#)
        #expect(first.canonicalLine() == first.jsonValue.canonicalBytes())
        #expect(try LogEntry(line: first.canonicalLine()) == first)
    }

    @Test("canonical line -> parse -> the same entry and the same bytes")
    func roundTrip() throws {
        let parsed = try LogEntry(line: Array(Self.sampleLine.utf8))
        #expect(parsed == Self.sample)
        #expect(parsed.canonicalLine() == Array(Self.sampleLine.utf8))
        #expect(try LogEntry(json: Self.sample.jsonValue) == Self.sample)
    }

    // LINE='<sampleLine, with \" and \n as written in the JSON>'; { printf '\x00'; printf '%s' "$LINE"; } | openssl dgst -sha256
    @Test("the entry hash is the RFC 6962 leaf hash of the line")
    func entryHash() {
        #expect(Self.sample.entryHash.hex == "c494d3119c5c0bb6309f34bde49c34c8b673919241b9bc86b488ed362e8bb3fc")
        var prefixed: [UInt8] = [0x00]
        prefixed += Self.sample.canonicalLine()
        #expect(Self.sample.entryHash == SHA256.hash(prefixed))
        #expect(Self.sample.entryHash == Merkle.leafHash(Self.sample.canonicalLine()))
    }

    static func mutated(_ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
        var object = Self.sample.jsonValue.objectValue!
        change(&object)
        return .object(object)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let json: JSONValue, code: String, field: String?, testDescription: String
    }

    static let badEntries: [Bad] = [
        Bad(json: mutated { $0["seq"] = nil }, code: "entry.missingField", field: "seq", testDescription: "no seq"),
        Bad(json: mutated { $0["seq"] = "7" }, code: "entry.wrongType", field: "seq", testDescription: "seq string"),
        Bad(json: mutated { $0["seq"] = -1 }, code: "entry.invalidValue", field: "seq", testDescription: "seq < 0"),
        Bad(json: mutated { $0["v"] = nil }, code: "entry.missingField", field: "v", testDescription: "no v"),
        Bad(json: mutated { $0["v"] = 2 }, code: "entry.invalidValue", field: "v", testDescription: "v 2"),
        Bad(json: mutated { $0["prev"] = nil }, code: "entry.missingField", field: "prev", testDescription: "no prev"),
        Bad(json: mutated { $0["prev"] = .string(String(repeating: "A", count: 64)) },
            code: "entry.invalidValue", field: "prev", testDescription: "uppercase prev"),
        Bad(json: mutated { $0["prev"] = "abc" }, code: "entry.invalidValue", field: "prev", testDescription: "short prev"),
        Bad(json: mutated { $0["at"] = 5 }, code: "entry.wrongType", field: "at", testDescription: "at number"),
        Bad(json: mutated { $0["at"] = "2026-01-01T00:00:00Z" },
            code: "entry.invalidValue", field: "at", testDescription: "at without micros"),
        Bad(json: mutated { $0["type"] = nil }, code: "entry.missingField", field: "type", testDescription: "no type"),
        Bad(json: mutated { $0["type"] = "" }, code: "entry.invalidValue", field: "type", testDescription: "empty type"),
        Bad(json: mutated { $0["type"] = "lab..recorded" },
            code: "entry.invalidValue", field: "type", testDescription: "empty segment"),
        Bad(json: mutated { $0["type"] = "lab recorded" },
            code: "entry.invalidValue", field: "type", testDescription: "space in type"),
        Bad(json: mutated { $0["actor"] = "u-1" }, code: "entry.wrongType", field: "actor", testDescription: "actor string"),
        Bad(json: mutated { $0["actor"] = ["id": "u", "name": "n"] },
            code: "entry.missingField", field: "actor.role", testDescription: "actor without role"),
        Bad(json: mutated { $0["actor"] = ["id": "", "name": "n", "role": "r"] },
            code: "entry.invalidValue", field: "actor.id", testDescription: "empty actor id"),
        Bad(json: mutated { $0["actor"] = ["id": 1, "name": "n", "role": "r"] },
            code: "entry.wrongType", field: "actor.id", testDescription: "numeric actor id"),
        Bad(json: mutated { $0["actor"] = ["id": "u", "name": "n", "role": "r", "site": "x"] },
            code: "entry.unknownField", field: "actor.site", testDescription: "extra actor field"),
        Bad(json: mutated { $0["data"] = nil }, code: "entry.missingField", field: "data", testDescription: "no data"),
        Bad(json: mutated { $0["data"] = [1] }, code: "entry.wrongType", field: "data", testDescription: "data array"),
        Bad(json: mutated { $0["data"] = ["n": ["m": .integer(1 << 53)]] },
            code: "entry.invalidValue", field: "data.n.m", testDescription: "integer beyond 2^53-1"),
        Bad(json: mutated { $0["subject"] = nil as JSONValue? ?? .null },
            code: "entry.wrongType", field: "subject", testDescription: "null subject"),
        Bad(json: mutated { $0["subject"] = "" }, code: "entry.invalidValue", field: "subject", testDescription: "empty subject"),
        Bad(json: mutated { $0["reason"] = 3 }, code: "entry.wrongType", field: "reason", testDescription: "numeric reason"),
        Bad(json: mutated { $0["extra"] = 1 }, code: "entry.unknownField", field: "extra", testDescription: "unknown field"),
        Bad(json: [1, 2], code: "entry.wrongType", field: nil, testDescription: "not an object"),
    ]

    @Test("missing, mistyped and invalid fields are named in the error", arguments: badEntries)
    func rejects(_ bad: Bad) {
        do {
            _ = try LogEntry(json: bad.json)
            Issue.record("accepted")
        } catch {
            #expect(error.code == bad.code)
            #expect(error.field == bad.field)
            #expect(!error.description.contains("SCR-0001"), "no field values in errors")
        }
    }

    // Integers beyond 2^53-1 cannot be read back from a line at all: there they are a JSON error.
    @Test(
        "reading the same objects as lines gives the same errors",
        arguments: badEntries.filter { $0.testDescription != "integer beyond 2^53-1" })
    func rejectsLines(_ bad: Bad) {
        do {
            _ = try LogEntry(line: bad.json.canonicalBytes())
            Issue.record("accepted")
        } catch {
            #expect(error.code == bad.code)
            #expect(error.field == bad.field)
        }
    }

    @Test("duplicate members, known or unknown, are JSON errors at the repeated key")
    func duplicateMembers() {
        for line in [#"{"v":1,"v":1}"#, #"{"x":1,"x":1}"#] {
            do {
                _ = try LogEntry(line: Array(line.utf8))
                Issue.record("accepted \(line)")
            } catch {
                #expect(error.code == "entry.json")
                #expect(error.offset == 7)
            }
        }
    }

    @Test("a line that is not JSON reports the parse offset")
    func badLine() {
        do {
            _ = try LogEntry(line: Array(#"{"seq":1,"#.utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.code == "entry.json")
            #expect(error.offset == 9)
        }
    }

    @Test("checkFormat catches what a writer must not store")
    func checkFormat() {
        var entry = Self.sample
        #expect(throws: Never.self) { try entry.checkFormat() }
        entry.at = Timestamp(microsecondsSinceEpoch: 253_402_300_800_000_000)  // year 10000
        #expect(throws: EntryFormatError.self) { try entry.checkFormat() }
        entry = Self.sample
        entry.reason = ""
        #expect(throws: EntryFormatError.self) { try entry.checkFormat() }
    }
}
