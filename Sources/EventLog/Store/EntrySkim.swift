#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import LogCrypto

/// The few top-level members of a stored line that the store needs to seek and to check the
/// chain, found without parsing the line: no allocation, and mostly without reading `data`.
///
/// Relies on the line being JCS (RFC 8785) of a format v1 entry, as the writer stores it: no
/// whitespace, and members in the order actor, at, data, prev, reason, seq, subject, type, v.
/// A string value never contains an unescaped `"`, and only `data` can hold nested objects, so
/// the last `,"seq":` and the last `,"prev":"` in the line are the top-level ones, and the first
/// `},"at":"` closes the actor object. Lines that do not fit yield nil and callers report them
/// as damaged; full parsing and validation is `LogEntry(line:)`'s and the verifier's job.
struct EntrySkim {
    /// The `seq` member.
    let seq: Int64
    /// Byte range of the `prev` string's 64 hex digits within the line.
    let prevRange: Range<Int>
    /// Byte index just past the `seq` digits.
    private let seqEnd: Int

    /// Skims `line` (without its "\n").
    init?(_ line: UnsafeRawBufferPointer) {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        guard let seqKey = Self.lastIndex(of: ",\"seq\":", in: bytes, before: bytes.count) else { return nil }
        var index = seqKey + 7
        var value: Int64 = 0
        let digitsStart = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"),
            index - digitsStart < 16
        {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > digitsStart, index < bytes.count,
            bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "}")
        else { return nil }
        guard let prevKey = Self.lastIndex(of: ",\"prev\":\"", in: bytes, before: seqKey) else { return nil }
        let prevStart = prevKey + 9
        guard prevStart + 65 <= bytes.count, bytes[prevStart + 64] == UInt8(ascii: "\"") else { return nil }
        self.seq = value
        self.seqEnd = index
        self.prevRange = prevStart..<prevStart + 64
    }

    /// True when the `prev` member spells `digest` in lower-case hex.
    func prev(in line: UnsafeRawBufferPointer, equals digest: SHA256Digest) -> Bool {
        digest.withUnsafeBytes { raw in
            var index = prevRange.lowerBound
            for byte in raw {
                guard line[index] == ASCII.lowercaseHexDigit(byte >> 4),
                    line[index + 1] == ASCII.lowercaseHexDigit(byte & 0x0F)
                else { return false }
                index += 2
            }
            return true
        }
    }

    /// The `at` member as a timestamp.
    func at(in line: UnsafeRawBufferPointer) -> Timestamp? {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        guard let key = Self.firstIndex(of: "},\"at\":\"", in: bytes) else { return nil }
        let start = key + 8
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
        guard end < bytes.count else { return nil }
        return Timestamp.parse(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// Byte range of the `subject` value including its quotes, or nil when the entry has none.
    func subjectRange(in line: UnsafeRawBufferPointer) -> Range<Int>? {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        guard Self.matches(",\"subject\":\"", in: bytes, at: seqEnd) else { return nil }
        let start = seqEnd + 11
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return start..<index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    /// True when `pattern` is at `index` in `bytes`.
    static func matches(_ pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index >= 0, index + count <= bytes.count else { return false }
        return ASCII.equal(bytes.baseAddress! + index, pattern.utf8Start, count: count)
    }

    /// The start of the last occurrence of `pattern` that ends at or before `end`.
    private static func lastIndex(of pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>, before end: Int)
        -> Int?
    {
        let first = pattern.utf8Start[0]
        var index = end - pattern.utf8CodeUnitCount
        while index >= 0 {
            if bytes[index] == first, matches(pattern, in: bytes, at: index) { return index }
            index -= 1
        }
        return nil
    }

    /// The start of the first occurrence of `pattern`.
    static func firstIndex(of pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count >= pattern.utf8CodeUnitCount else { return nil }
        let first = Int32(pattern.utf8Start[0])
        let last = bytes.count - pattern.utf8CodeUnitCount
        var index = 0
        while index <= last, let hit = memchr(base + index, first, last - index + 1) {
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if matches(pattern, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }
}
