@testable import EventLog
import LogCrypto
import Testing

@Suite("LogEntry.scanCanonicalLine (the verifier's fast path)")
struct LogEntryScanTests {
    static let entries: [LogEntry] = [
        LogEntryTests.sample,
        LogEntry(
            seq: 0, prev: .zero, at: Timestamp(microsecondsSinceEpoch: 0), type: "log.created",
            actor: Actor(id: "system", name: "System", role: "system"), data: [:]),
        LogEntry(
            seq: 9_007_199_254_740_991, prev: SHA256.hash("x"), at: Timestamp(microsecondsSinceEpoch: -1),
            type: "a-b_c.D9", actor: Actor(id: "\u{1}", name: "\u{7f}\"\\", role: "r\u{1F600}"),
            data: ["": "", "a": [[], [:], [nil, false, -9_007_199_254_740_991, 0]], "b\u{7f}": ["c~": "\u{0}\u{1f}\u{8}"]],
            subject: "S", reason: nil),
    ]

    /// The slow, obviously right definition: parses, and re-encodes to the same bytes.
    static func isCanonicalEntry(_ line: [UInt8]) -> Bool {
        guard let entry = try? LogEntry(line: line) else { return false }
        return entry.canonicalLine() == line
    }

    @Test("canonical lines are accepted with their header")
    func acceptsCanonical() throws {
        for entry in Self.entries {
            let line = entry.canonicalLine()
            let header = try LogEntry.scanCanonicalLine(line)
            #expect(header == EntryHeader(seq: entry.seq, prev: entry.prev, at: entry.at))
            let fast = line.withUnsafeBufferPointer { buffer -> EntryHeader? in
                var scanner = CanonicalLineScanner(buffer)
                return scanner.scanEntry()
            }
            #expect(fast == header, "the one-pass scanner proves these lines itself")
        }
    }

    @Test("canonical lines the fast scanner leaves to the parser are still accepted")
    func nonASCIIKeys() throws {
        let entry = LogEntry(
            seq: 1, prev: .zero, at: Timestamp(microsecondsSinceEpoch: 5), type: "t",
            actor: Actor(id: "i", name: "n", role: "r"), data: ["\u{fb33}": 1, "\u{1F600}": 2, "\u{e9}": 3, "q\"": 4, "\u{1f}\u{8}": 5])
        #expect(try LogEntry.scanCanonicalLine(entry.canonicalLine()).seq == 1)
    }

    @Test("valid but non-canonical lines are entry.notCanonical; invalid ones keep their field error")
    func errors() {
        let line = String(decoding: LogEntryTests.sample.canonicalLine(), as: UTF8.self)
        let spaced = line.replacingOccurrences(of: #","seq":7"#, with: #", "seq": 7"#)
        let escapedSlash = line.replacingOccurrences(of: "SCR-0001", with: #"SCR\/0001"#)
        let reordered = line.replacingOccurrences(of: #""test":"ALT","uln":"40""#, with: #""uln":"40","test":"ALT""#)
        for variant in [spaced, escapedSlash, reordered] {
            do {
                _ = try LogEntry.scanCanonicalLine(Array(variant.utf8))
                Issue.record("accepted a non-canonical line")
            } catch {
                #expect(error.code == "entry.notCanonical")
            }
        }
        do {
            _ = try LogEntry.scanCanonicalLine(Array(line.replacingOccurrences(of: #""seq":7"#, with: #""seq":-7"#).utf8))
            Issue.record("accepted a negative seq")
        } catch {
            #expect(error.code == "entry.invalidValue")
            #expect(error.field == "seq")
        }
    }

    /// Deterministic pseudo-random numbers (SplitMix64) so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes that matter to JSON and to the canonical form.
    static let interesting: [UInt8] = Array(#"{}[]:,"\/ -0123456789.eEabfnrtuv"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xF4, 0xFF]

    static func mutate(_ line: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = line
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let index = Int.random(in: 0..<max(bytes.count, 1), using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !bytes.isEmpty: bytes[index] = interesting.randomElement(using: &random)!
            case 1: bytes.insert(interesting.randomElement(using: &random)!, at: min(index, bytes.count))
            case 2 where !bytes.isEmpty: bytes.remove(at: index)
            default:
                // Swap two bytes (reorders digits, quotes, keys...).
                let other = Int.random(in: 0..<max(bytes.count, 1), using: &random)
                if !bytes.isEmpty { bytes.swapAt(index, other) }
            }
        }
        return bytes
    }

    @Test("differential: the scan accepts exactly the lines that parse and re-encode identically")
    func differential() {
        var random = SplitMix64(state: 20_260_101)
        var accepted = 0
        for round in 0..<20_000 {
            let base = Self.entries[round % Self.entries.count].canonicalLine()
            let line = Self.mutate(base, using: &random)
            let expected = Self.isCanonicalEntry(line)
            let actual = (try? LogEntry.scanCanonicalLine(line)) != nil
            #expect(actual == expected, "round \(round): \(String(decoding: line, as: UTF8.self))")
            let fast = line.withUnsafeBufferPointer { buffer -> EntryHeader? in
                var scanner = CanonicalLineScanner(buffer)
                return scanner.scanEntry()
            }
            if fast != nil {
                #expect(expected, "the one-pass scanner accepted a line the parser rejects (round \(round))")
            }
            if actual { accepted += 1 }
        }
        // Some mutations keep the line canonical (e.g. a changed letter inside a string).
        #expect(accepted > 100)
    }
}
