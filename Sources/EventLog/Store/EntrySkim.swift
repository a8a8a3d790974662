import LogCrypto

/// The few top-level members of a stored line that the store needs to seek and to check the
/// chain, found without building a JSON tree: one pass, no allocation.
///
/// Only for lines the store itself wrote (JCS, so no whitespace between tokens); anything it
/// cannot read yields nil and the caller reports the line as damaged. Full parsing and
/// validation is `LogEntry(line:)`'s and the verifier's job.
struct EntrySkim {
    /// The `seq` member.
    var seq: Int64
    /// Byte range of the `prev` string's 64 hex digits within the line.
    var prevRange: Range<Int>
    /// Byte range of the `at` string's characters within the line.
    var atRange: Range<Int>
    /// Byte range of the `subject` value (including its quotes), if present.
    var subjectRange: Range<Int>?

    /// Skims `line` (without its "\n").
    init?(_ line: UnsafeRawBufferPointer) {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        var scanner = Scanner(bytes: bytes)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var seq: Int64?
        var prev: Range<Int>?
        var at: Range<Int>?
        var subject: Range<Int>?
        if scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            guard let key = scanner.string() else { return nil }
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            let valueStart = scanner.index
            guard scanner.skipValue() else { return nil }
            let value = valueStart..<scanner.index
            switch key.count {
            case 2 where Self.equals(bytes, key, "at"): at = value
            case 3 where Self.equals(bytes, key, "seq"): seq = Self.integer(bytes, value)
            case 4 where Self.equals(bytes, key, "prev"): prev = value
            case 7 where Self.equals(bytes, key, "subject"): subject = value
            default: break
            }
            if scanner.take(UInt8(ascii: ",")) { continue }
            guard scanner.take(UInt8(ascii: "}")), scanner.index == bytes.count else { return nil }
            break
        }
        guard let seq, let prev, let at, prev.count == 66, at.count >= 2 else { return nil }
        self.seq = seq
        self.prevRange = prev.lowerBound + 1..<prev.upperBound - 1
        self.atRange = at.lowerBound + 1..<at.upperBound - 1
        self.subjectRange = subject
    }

    /// The `prev` member as a digest.
    func prev(in line: UnsafeRawBufferPointer) -> SHA256Digest? {
        SHA256Digest(hex: String(decoding: UnsafeRawBufferPointer(rebasing: line[prevRange]), as: UTF8.self))
    }

    /// True when the `prev` member spells `digest` (lower-case hex).
    func prev(in line: UnsafeRawBufferPointer, equals digestHex: [UInt8]) -> Bool {
        digestHex.withUnsafeBytes { expected in
            UnsafeRawBufferPointer(rebasing: line[prevRange]).elementsEqual(expected)
        }
    }

    /// The `at` member as a timestamp.
    func at(in line: UnsafeRawBufferPointer) -> Timestamp? {
        Timestamp(formatted: String(decoding: UnsafeRawBufferPointer(rebasing: line[atRange]), as: UTF8.self))
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ name: StaticString) -> Bool {
        var index = range.lowerBound
        for byte in UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount) {
            if bytes[index] != byte { return false }
            index += 1
        }
        return true
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard !range.isEmpty, range.count <= 16 else { return nil }
        var value: Int64 = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A forward cursor over JCS bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Skips a string; returns the range of its contents (between the quotes).
        mutating func string() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<index - 1
                }
                index += byte == UInt8(ascii: "\\") ? 2 : 1
            }
            return nil
        }

        /// Skips one value of any kind.
        mutating func skipValue() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default:
                        break
                    }
                    index += 1
                }
                return false
            default:
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") {
                    index += 1
                }
                return index > start
            }
        }
    }
}
