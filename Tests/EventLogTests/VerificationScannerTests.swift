@testable import EventLog
import LogCrypto
import Testing

/// The verifier's one-pass line check agrees with the slow, obvious route: parse strictly, check
/// the fields (`LogEntry(json:)`), re-encode canonically (RFC 8785) and compare bytes.
@Suite("Verification line scanner")
struct VerificationScannerTests {
    /// The obvious route.
    static func referenceAccepts(_ line: [UInt8]) -> Bool {
        guard let value = try? JSONValue.parse(line), value.canonicalBytes() == line else { return false }
        return (try? LogEntry(json: value)) != nil
    }

    /// The verifier's route: the scanner plus the per-line value checks `EntryChain` makes
    /// (everything but the links to the previous line).
    static func scannerAccepts(_ line: [UInt8]) -> Bool {
        line.withUnsafeBytes { raw in
            var fields = ScannedLine()
            guard (try? EntryLineScanner.scan(raw, into: &fields)) != nil,
                let base = raw.baseAddress?
                    .assumingMemoryBound(to: UInt8.self)
            else { return false }
            guard fields.version == 1, let seq = fields.seq, seq >= 0, let prev = fields.prev, let at = fields.at,
                let type = fields.type
            else { return false }
            return ASCII.isLowercaseHexDigest(prev.bytes(in: base))
                && Timestamp.parse(at.bytes(in: base)) != nil && ASCII.isDottedName(type.bytes(in: base))
        }
    }

    /// The general scanner alone (no literal template), for comparing the two paths.
    static func generalScan(_ line: [UInt8]) -> ScannedLine? {
        line.withUnsafeBytes { raw -> ScannedLine? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var scanner = EntryLineScanner(base: base, end: raw.count)
            var fields = ScannedLine()
            return (try? scanner.scanEntry(into: &fields)) != nil ? fields : nil
        }
    }

    static func templateScan(_ line: [UInt8]) -> ScannedLine? {
        line.withUnsafeBytes { raw -> ScannedLine? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var scanner = EntryLineScanner(base: base, end: raw.count)
            var fields = ScannedLine()
            return scanner.scanEntryTemplate(into: &fields) ? fields : nil
        }
    }

    static func checkAgreement(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = referenceAccepts(line)
        #expect(
            scannerAccepts(line) == reference, "\(String(decoding: line, as: UTF8.self))",
            sourceLocation: sourceLocation)
        if let template = templateScan(line) {
            #expect(
                generalScan(line) == template, "template accepted what the general scan did not",
                sourceLocation: sourceLocation)
        }
    }

    static let base =
        #"{"actor":{"id":"u-1","name":"N","role":"r"},"at":"2026-01-01T08:00:00.000000Z","data":DATA,"#
        + #""prev":"0000000000000000000000000000000000000000000000000000000000000000","seq":0,"type":"a.b","v":1}"#

    static func line(data: String) -> [UInt8] {
        Array(base.replacingOccurrences(of: "DATA", with: data).utf8)
    }

    @Test(
        "hand-picked canonical and non-canonical data agree",
        arguments: [
            #"{}"#, #"{"a":1}"#, #"{"a": 1}"#, #"{"a":1 }"#, #"{"b":1,"a":2}"#, #"{"a":1,"a":2}"#,
            #"{"a":-0}"#, #"{"a":0}"#, #"{"a":01}"#, #"{"a":1.0}"#, #"{"a":1e5}"#, #"{"a":-1}"#,
            #"{"a":9007199254740991}"#, #"{"a":9007199254740992}"#, #"{"a":-9007199254740991}"#,
            #"{"a":-9007199254740992}"#, #"{"a":12345678901234567}"#,
            #"{"a":"\u0041"}"#, #"{"a":"\u001f"}"#, #"{"a":"\u001F"}"#, #"{"a":"\/"}"#, #"{"a":"/"}"#,
            #"{"a":"\n"}"#, #"{"a":"\u000a"}"#, #"{"a":"\u0008"}"#, #"{"a":"\b"}"#, #"{"a":"\u007f"}"#,
            #"{"a":"\ud800"}"#, #"{"a":"\ud83d\ude00"}"#, "{\"a\":\"\u{1F600}\"}", "{\"a\":\"\u{7F}\"}",
            #"{"a":"\""}"#, #"{"a":"\\"}"#, #"{"a":"\'"}"#, #"{"a":"\x"}"#,
            #"{"a":true,"b":false,"c":null}"#, #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":[]}"#, #"{"a":[1,2]}"#,
            #"{"a":[1,]}"#, #"{"a":[,1]}"#, #"{"a":{"b":{}}}"#, #"{"a":{"b":1,}}"#, #"{"":1}"#, #"{"":1,"a":2}"#,
            "{\"\u{E000}\":1,\"\u{10000}\":2}", "{\"\u{10000}\":1,\"\u{E000}\":2}", "{\"\u{FB01}\":1,\"\u{FB00}\":2}",
            "{\"a\\n\":1,\"a\":2}", "{\"a\":1,\"a\\n\":2}", "{\"\\u0001\":1,\"\\b\":2}", "{\"\\b\":1,\"\\u0001\":2}",
            "{\"\\\"\":1,\"!\":2}", "{\"!\":1,\"\\\"\":2}", "{\"e\u{301}\":1,\"\u{E9}\":2}",
            "{\"\u{E9}\":1,\"e\u{301}\":2}",
            "{\"K\":1,\"\u{212A}\":2}", "{\";\":1,\"\u{37E}\":2}", "{\"a\":{\"K\":1,\"\u{212A}\":2}}",
            "{\"a\":[{\"\u{E9}\":1,\"e\u{301}\":{\"x\":[1]}}]}",
        ])
    func handPicked(data: String) {
        Self.checkAgreement(Self.line(data: data))
    }

    @Test("entry-level variations agree: missing, extra, reordered and mistyped fields")
    func entryVariations() {
        let valid = String(decoding: Self.line(data: "{}"), as: UTF8.self)
        func with(_ old: String, _ new: String) -> String {
            valid.replacingOccurrences(of: old, with: new)
        }
        var variants: [String] = [valid, valid + " ", " " + valid, valid + "\r", "[" + valid + "]", ""]
        variants += [
            with(#","v":1}"#, #","v":2}"#),
            with(#","v":1}"#, "}"),
            with(#","v":1}"#, #","v":1,"w":1}"#),
            with(#""seq":0"#, #""seq":-1"#),
            with(#""seq":0"#, #""seq":"0""#),
            with(#""type":"a.b""#, #""type":"a..b""#),
            with(#""type":"a.b""#, #""type":"ab""#),
            with(#""type":"a.b""#, #""type":"a b""#),
            with(#""seq":0,"#, #""reason":"why","seq":0,"subject":"S-1","#),
            with(#""seq":0,"#, #""reason":"","seq":0,"#),
            with(#""seq":0,"#, #""seq":0,"subject":"","#),
            with(#""seq":0,"#, #""seq":0,"subject":null,"#),
            with(#""seq":0,"#, #""subject":"S","seq":0,"#),
            with(#""id":"u-1""#, #""id":"""#),
            with(#""role":"r""#, #""role":"""#),
            with(#","role":"r""#, ""),
            with(#","role":"r""#, #","role":"r","x":"y""#),
            with(#""id":"u-1","name":"N""#, #""name":"N","id":"u-1""#),
            with("2026-01-01T08:00:00.000000Z", "2026-02-29T08:00:00.000000Z"),
            with("2026-01-01T08:00:00.000000Z", "2024-02-29T08:00:00.000000Z"),
            with("2026-01-01T08:00:00.000000Z", "2026-01-01T08:00:00.000000z"),
            with("2026-01-01T08:00:00.000000Z", "2026-01-01T24:00:00.000000Z"),
            with("2026-01-01T08:00:00.000000Z", "2026-01-01T08:00:60.000000Z"),
            with("2026-01-01T08:00:00.000000Z", "2026-01-01T08:00:00.00000Z"),
            with("2026-01-01T08:00:00.000000Z", "2026-01-01T08:00:00Z"),
            with("00000000000000000000000000000000", "0000000000000000000000000000000A"),
            with(#""data":{}"#, #""data":[]"#),
            with(#""data":{}"#, #""data":null"#),
            with(#""actor":{"#, #""actor":["#),
        ]
        for variant in variants {
            Self.checkAgreement(Array(variant.utf8))
        }
    }

    @Test("boundary entries are accepted by both routes")
    func boundaryEntries() {
        let entries = [
            LogEntryTests.sample,
            LogEntry(
                seq: 0, prev: .zero, at: Timestamp(microsecondsSinceEpoch: 0), type: "log.created",
                actor: Actor(id: "system", name: "System", role: "system"), data: [:]),
            // The largest seq, a time before 1970, controls and quotes in the actor, odd data keys.
            LogEntry(
                seq: 9_007_199_254_740_991, prev: SHA256.hash("x"), at: Timestamp(microsecondsSinceEpoch: -1),
                type: "a-b_c.D9", actor: Actor(id: "\u{1}", name: "\u{7f}\"\\", role: "r\u{1F600}"),
                data: [
                    "": "", "a": [[], [:], [nil, false, -9_007_199_254_740_991, 0]],
                    "b\u{7f}": ["c~": "\u{0}\u{1f}\u{8}"],
                ],
                subject: "S", reason: nil),
            // Member names outside ASCII, whose UTF-16 order differs from their UTF-8 order.
            LogEntry(
                seq: 1, prev: .zero, at: Timestamp(microsecondsSinceEpoch: 5), type: "t",
                actor: Actor(id: "i", name: "n", role: "r"),
                data: ["\u{fb33}": 1, "\u{1F600}": 2, "\u{e9}": 3, "q\"": 4, "\u{1f}\u{8}": 5]),
        ]
        for entry in entries {
            let line = entry.canonicalLine()
            #expect(Self.referenceAccepts(line))
            Self.checkAgreement(line)
        }
    }

    @Test("nesting at the parser's depth limit agrees")
    func nesting() {
        for depth in [509, 510, 511, 512] {
            let data = "{\"a\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            Self.checkAgreement(Self.line(data: data))
        }
    }

    @Test("generated entries and thousands of single-byte mutations of them agree")
    func generatedAndMutated() {
        var random = SplitMix64(seed: 0x5EED_1234)
        var accepted = 0
        for _ in 0..<300 {
            let line = Self.randomEntry(&random).canonicalLine()
            #expect(Self.referenceAccepts(line))
            Self.checkAgreement(line)
            for _ in 0..<40 {
                var mutated = line
                let index = Int(random.next() % UInt64(mutated.count))
                switch random.next() % 5 {
                case 0: mutated[index] ^= UInt8(1 << (random.next() % 8))
                case 1: mutated.insert(Self.interestingBytes[Int(random.next() % 12)], at: index)
                case 2: mutated.remove(at: index)
                case 3: mutated[index] = Self.interestingBytes[Int(random.next() % 12)]
                default:
                    let other = Int(random.next() % UInt64(mutated.count))
                    mutated.swapAt(index, other)
                }
                if Self.referenceAccepts(mutated) { accepted += 1 }
                Self.checkAgreement(mutated)
            }
        }
        #expect(accepted > 0, "some mutations (inside string values) stay valid")
    }

    static let interestingBytes: [UInt8] = [0x20, 0x22, 0x5C, 0x2C, 0x3A, 0x7B, 0x7D, 0x5B, 0x5D, 0x0A, 0xC3, 0x80]

    /// A random entry with string values that exercise escaping, non-ASCII and key order.
    static func randomEntry(_ random: inout SplitMix64) -> LogEntry {
        LogEntry(
            seq: Int64(random.next() % 1000), prev: SHA256.hash(randomString(&random)),
            at: Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000 + Int64(random.next() % 100_000_000_000_000)),
            type: ["a", "log.created", "subject.screened", "x_y-z.w9"][Int(random.next() % 4)],
            actor: Actor(id: "u" + randomString(&random), name: "n" + randomString(&random), role: "r"),
            data: randomObject(&random, depth: 0),
            subject: random.next() % 2 == 0 ? "S" + randomString(&random) : nil,
            reason: random.next() % 3 == 0 ? "R" + randomString(&random) : nil)
    }

    static func randomObject(_ random: inout SplitMix64, depth: Int) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for _ in 0..<Int(random.next() % 5) {
            object[randomString(&random)] = randomValue(&random, depth: depth + 1)
        }
        return object
    }

    static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch random.next() % (depth > 3 ? 4 : 6) {
        case 0: return .string(randomString(&random))
        case 1:
            let magnitude = Int64(random.next() % UInt64(JSONValue.maxSafeInteger))
            return .integer(random.next() % 2 == 0 ? magnitude : -magnitude)
        case 2: return .bool(random.next() % 2 == 0)
        case 3: return .null
        case 4: return .array((0..<Int(random.next() % 4)).map { _ in randomValue(&random, depth: depth + 1) })
        default: return .object(randomObject(&random, depth: depth))
        }
    }

    static let alphabet: [String] = [
        "a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "é", "\u{E000}", "\u{FFFF}",
        "\u{10000}", "😀", "\u{2028}", "中", "e\u{301}", "\u{E9}", "\u{212A}", "K",
    ]

    static func randomString(_ random: inout SplitMix64) -> String {
        (0..<Int(random.next() % 8)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }
}

/// A small seedable generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
