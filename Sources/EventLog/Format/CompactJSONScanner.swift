#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A validating scan of compact JSON (no whitespace, no escapes, ASCII object keys in ascending
/// order, as the writer's JCS lines are) that builds nothing: the fast path of `LogEntryDecoder`.
///
/// It accepts a subset of what `JSONParser` accepts and is at least as strict: every text it
/// accepts, `JSONParser` parses to the same value. Whatever it declines (returns `false` or nil),
/// even valid JSON such as a string with an escape, goes to `JSONParser`, which then reports the
/// exact error, so error codes and offsets stay those of the strict parser.
struct CompactJSONScanner {
    let input: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    @inline(__always)
    func peek() -> UInt8? {
        position < input.count ? input[position] : nil
    }

    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < input.count, input[position] == byte else { return false }
        position += 1
        return true
    }

    /// Skips one value; false when it is not compact, valid format v1 JSON.
    mutating func skipValue(depth: Int) -> Bool {
        guard position < input.count else { return false }
        switch input[position] {
        case ASCII.quote: return skipString(asciiOnly: false) != nil
        case ASCII.openBrace: return skipObject(depth: depth + 1)
        case ASCII.openBracket: return skipArray(depth: depth + 1)
        case UInt8(ascii: "t"): return skipLiteral("true")
        case UInt8(ascii: "f"): return skipLiteral("false")
        case UInt8(ascii: "n"): return skipLiteral("null")
        case ASCII.minus, ASCII.zero...ASCII.nine: return scanInteger() != nil
        default: return false
        }
    }

    /// A string without escapes starting at its opening quote; returns the range of its content.
    /// Validates UTF-8 (RFC 3629) unless `asciiOnly`, which declines any byte above 0x7F.
    mutating func skipString(asciiOnly: Bool) -> Range<Int>? {
        position += 1
        let start = position
        let count = input.count
        let base = input.baseAddress!
        while position < count {
            // The common run, eight bytes at a time: printable ASCII other than '"' and '\'.
            while position + 8 <= count, Self.isPlainWord(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) {
                position += 8
            }
            guard position < count else { return nil }
            var byte = base[position]
            while byte >= 0x20 && byte < 0x80 && byte != ASCII.quote && byte != ASCII.backslash {
                position += 1
                guard position < count else { return nil }
                byte = base[position]
            }
            if byte == ASCII.quote {
                position += 1
                return start..<(position - 1)
            } else if byte < 0x80 || asciiOnly || !skipUTF8Sequence() {
                return nil
            }
        }
        return nil
    }

    /// Whether none of the eight bytes of `word` is a quote, a backslash, a control character or
    /// a non-ASCII byte (the classic SWAR "has zero byte" test on `word` XOR each pattern).
    @inline(__always)
    static func isPlainWord(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(ASCII.quote))
        let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
        let special =
            ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | (word &- ones &* 0x20) | word
        return special & highs == 0
    }

    /// An integer `-?(0|[1-9][0-9]*)` within ±(2^53−1), not followed by a fraction or exponent.
    mutating func scanInteger() -> Int64? {
        let negative = input[position] == ASCII.minus
        if negative { position += 1 }
        guard let first = peek(), ASCII.isDigit(first) else { return nil }
        var magnitude: Int64 = 0
        if first == ASCII.zero {
            position += 1
        } else {
            while position < input.count, ASCII.isDigit(input[position]) {
                magnitude = magnitude * 10 + Int64(input[position] - ASCII.zero)
                guard magnitude <= JSONValue.maxSafeInteger else { return nil }
                position += 1
            }
        }
        if let next = peek(), ASCII.isDigit(next) || next == ASCII.dot || next | 0x20 == UInt8(ascii: "e") {
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    /// An object with ASCII keys without escapes, in strictly ascending byte order (as JCS, RFC
    /// 8785 section 3.2.3, sorts ASCII keys), which also rules out duplicates without a key set.
    mutating func skipObject(depth: Int) -> Bool {
        guard depth <= JSONParser.maxDepth else { return false }
        position += 1
        if consume(ASCII.closeBrace) { return true }
        var previous: Range<Int>?
        while true {
            guard peek() == ASCII.quote, let key = skipString(asciiOnly: true), consume(ASCII.colon) else {
                return false
            }
            if let previous, !isAscending(previous, key) { return false }
            previous = key
            guard skipValue(depth: depth) else { return false }
            if consume(ASCII.comma) { continue }
            return consume(ASCII.closeBrace)
        }
    }

    /// Whether the key at `first` sorts strictly before the key at `second` (bytewise).
    @inline(__always)
    private func isAscending(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
        let base = input.baseAddress!
        let order = memcmp(base + first.lowerBound, base + second.lowerBound, min(first.count, second.count))
        return order < 0 || (order == 0 && first.count < second.count)
    }

    private mutating func skipArray(depth: Int) -> Bool {
        guard depth <= JSONParser.maxDepth else { return false }
        position += 1
        if consume(ASCII.closeBracket) { return true }
        while true {
            guard skipValue(depth: depth) else { return false }
            if consume(ASCII.comma) { continue }
            return consume(ASCII.closeBracket)
        }
    }

    private mutating func skipLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= input.count,
            memcmp(input.baseAddress! + position, literal.utf8Start, count) == 0
        else { return false }
        position += count
        return true
    }

    /// One multi-byte UTF-8 sequence, as `JSONParser` checks it (`UTF8Sequence`).
    private mutating func skipUTF8Sequence() -> Bool {
        guard let length = try? UTF8Sequence.length(at: input.baseAddress! + position, available: input.count - position)
        else { return false }
        position += length
        return true
    }
}
