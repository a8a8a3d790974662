import LogCrypto

/// A single-pass, allocation-free recogniser of canonical format v1 lines.
///
/// It is sound but not complete: it accepts only lines that `LogEntry(line:)` accepts and that
/// equal their own `canonicalLine()`; it returns `nil` for everything else, including some
/// canonical lines it does not try to prove (object keys with escapes or non-ASCII characters,
/// whose UTF-16 order and Unicode equivalence need the full parser).
struct CanonicalLineScanner {
    private let input: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    /// The header of a canonical line, or `nil` if this scanner cannot prove the line canonical.
    mutating func scanEntry() -> EntryHeader? {
        depth = 1
        // Members in RFC 8785 order: actor, at, data, prev, reason?, seq, subject?, type, v.
        guard literal(#"{"actor":{"id":"#), nonEmptyString(),
            literal(#","name":"#), nonEmptyString(),
            literal(#","role":"#), nonEmptyString(),
            literal(#"},"at":""#), let at = timestamp(),
            literal(#"","data":"#), object(),
            literal(#","prev":""#), let prev = lowercaseHexDigest(),
            literal(#"""#)
        else { return nil }
        if literal(#","reason":"#) {
            guard nonEmptyString() else { return nil }
        }
        guard literal(#","seq":"#), let seq = integer(), seq >= 0 else { return nil }
        if literal(#","subject":"#) {
            guard nonEmptyString() else { return nil }
        }
        guard literal(#","type":""#), dottedName(), literal(#"","v":1}"#), position == input.count else { return nil }
        return EntryHeader(seq: seq, prev: prev, at: at)
    }

    // MARK: Values

    private mutating func value() -> Bool {
        guard position < input.count else { return false }
        switch input[position] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return integer() != nil
        }
    }

    /// An object whose keys are plain ASCII (no escapes), in strictly increasing order, which for
    /// ASCII is both UTF-16 order (RFC 8785 section 3.2.3) and proof of no duplicates.
    private mutating func object() -> Bool {
        guard literal("{") else { return false }
        depth += 1
        guard depth <= JSONParser.maxDepth else { return false }
        if literal("}") {
            depth -= 1
            return true
        }
        var previousKey: Range<Int>? = nil
        repeat {
            guard let key = asciiKey() else { return false }
            if let previousKey {
                guard UnsafeBufferPointer(rebasing: input[previousKey])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: input[key]))
                else { return false }
            }
            previousKey = key
            guard literal(":"), value() else { return false }
        } while literal(",")
        guard literal("}") else { return false }
        depth -= 1
        return true
    }

    private mutating func array() -> Bool {
        guard literal("[") else { return false }
        depth += 1
        guard depth <= JSONParser.maxDepth else { return false }
        if literal("]") {
            depth -= 1
            return true
        }
        repeat {
            guard value() else { return false }
        } while literal(",")
        guard literal("]") else { return false }
        depth -= 1
        return true
    }

    /// A key made of printable ASCII other than `"` and `\`; returns the range between the quotes.
    private mutating func asciiKey() -> Range<Int>? {
        guard literal("\"") else { return nil }
        let start = position
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return start..<(position - 1)
            }
            guard byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        return nil
    }

    /// A string in RFC 8785 form: raw valid UTF-8 except `"`, `\` and controls, which are escaped
    /// exactly as the JCS writer escapes them. Returns the length of its content in bytes.
    private mutating func string() -> Int? {
        guard literal("\"") else { return nil }
        let start = position
        let count = input.count
        let base = input.baseAddress!
        while position < count {
            let byte = base[position]
            // Fast path: printable ASCII that needs no escape.
            if byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return position - 1 - start
            case UInt8(ascii: "\\"):
                guard canonicalEscape() else { return nil }
            case 0..<0x20:
                return nil
            default:
                guard utf8Sequence() else { return nil }
            }
        }
        return nil
    }

    private mutating func nonEmptyString() -> Bool {
        guard let length = string() else { return false }
        return length > 0
    }

    /// `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, or `\u00xx` (lowercase) for the other controls.
    private mutating func canonicalEscape() -> Bool {
        guard position + 1 < input.count else { return false }
        switch input[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
            return true
        case UInt8(ascii: "u"):
            guard position + 6 <= input.count, input[position + 2] == UInt8(ascii: "0"),
                input[position + 3] == UInt8(ascii: "0")
            else { return false }
            let high = input[position + 4], low = input[position + 5]
            let value: UInt8
            switch (high, low) {
            case (UInt8(ascii: "0"), UInt8(ascii: "0")...UInt8(ascii: "9")): value = low - UInt8(ascii: "0")
            case (UInt8(ascii: "0"), UInt8(ascii: "a")...UInt8(ascii: "f")): value = low - UInt8(ascii: "a") + 10
            case (UInt8(ascii: "1"), UInt8(ascii: "0")...UInt8(ascii: "9")): value = 16 + low - UInt8(ascii: "0")
            case (UInt8(ascii: "1"), UInt8(ascii: "a")...UInt8(ascii: "f")): value = 16 + low - UInt8(ascii: "a") + 10
            default: return false
            }
            // Controls with a short escape must use it.
            guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value) else { return false }
            position += 6
            return true
        default:
            return false
        }
    }

    /// One multi-byte UTF-8 sequence (RFC 3629: no overlongs, surrogates or values above U+10FFFF).
    private mutating func utf8Sequence() -> Bool {
        let lead = input[position]
        let length: Int
        var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: return false
        }
        guard position + length <= input.count else { return false }
        let second = input[position + 1]
        guard second >= lowerBound && second <= upperBound else { return false }
        for index in 2..<length where input[position + index] & 0xC0 != 0x80 {
            return false
        }
        position += length
        return true
    }

    /// An integer as JCS writes it: `0`, or an optional `-` and digits without a leading zero,
    /// within ±(2^53−1); `-0` is not canonical.
    private mutating func integer() -> Int64? {
        let negative = literal("-")
        guard position < input.count else { return nil }
        let first = input[position]
        if first == UInt8(ascii: "0") {
            guard !negative else { return nil }
            position += 1
            return 0
        }
        guard first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") else { return nil }
        var magnitude: Int64 = 0
        while position < input.count, input[position] >= UInt8(ascii: "0"), input[position] <= UInt8(ascii: "9") {
            magnitude = magnitude * 10 + Int64(input[position] - UInt8(ascii: "0"))
            guard magnitude <= JSONValue.maxSafeInteger else { return nil }
            position += 1
        }
        return negative ? -magnitude : magnitude
    }

    // MARK: Entry fields

    private mutating func timestamp() -> Timestamp? {
        let end = position + Timestamp.formattedLength
        guard end <= input.count,
            let timestamp = Timestamp.parse(UnsafeBufferPointer(rebasing: input[position..<end]))
        else { return nil }
        position = end
        return timestamp
    }

    /// 64 lowercase hexadecimal digits.
    mutating func lowercaseHexDigest() -> SHA256Digest? {
        guard position + 64 <= input.count else { return nil }
        var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var invalid: UInt8 = 0
        withUnsafeMutableBytes(of: &bytes) { raw in
            let hex = input.baseAddress! + position
            for index in 0..<32 {
                let high = Self.lowercaseNibble(hex[2 * index]), low = Self.lowercaseNibble(hex[2 * index + 1])
                invalid |= (high | low) & 0xF0
                raw[index] = high << 4 | (low & 0x0F)
            }
        }
        guard invalid == 0 else { return nil }
        position += 64
        return withUnsafeBytes(of: &bytes) { SHA256Digest(bytes: $0) }
    }

    /// A dotted name (segments of ASCII letters, digits, `_`, `-` joined by `.`) and its closing quote
    /// position; the characters allowed need no escaping, so the raw bytes are the name.
    private mutating func dottedName() -> Bool {
        var segmentLength = 0
        while position < input.count {
            switch input[position] {
            case UInt8(ascii: "."):
                guard segmentLength > 0 else { return false }
                segmentLength = 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                segmentLength += 1
            default:
                return segmentLength > 0
            }
            position += 1
        }
        return false
    }

    /// The value of a lowercase hex digit, or a value ≥ 0x10 for any other byte (branch-free).
    @inline(__always)
    private static func lowercaseNibble(_ byte: UInt8) -> UInt8 {
        let digit = byte &- UInt8(ascii: "0")
        let letter = byte &- UInt8(ascii: "a")
        if digit < 10 { return digit }
        if letter < 6 { return letter + 10 }
        return 0xFF
    }

    /// Consumes `text` if the input continues with exactly these bytes.
    @inline(__always)
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= input.count else { return false }
        let expected = text.utf8Start
        for index in 0..<count where input[position + index] != expected[index] {
            return false
        }
        position += count
        return true
    }
}
