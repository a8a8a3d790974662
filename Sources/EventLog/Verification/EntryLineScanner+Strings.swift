extension EntryLineScanner {
    /// A string as JCS writes it (RFC 8785 section 3.2.2.2): UTF-8 (RFC 3629 well-formed), `"` and
    /// `\` escaped as `\"` and `\\`, U+0008, U+0009, U+000A, U+000C, U+000D as `\b \t \n \f \r`,
    /// the other controls below U+0020 as `\u00xx` (lowercase hex), everything else as itself.
    mutating func scanString() throws(LineDefect) -> StringSpan {
        position += 1  // the opening quote
        let start = position
        var isPlainASCII = true
        while true {
            skipPlainASCII()
            guard position < end else { throw encodingDefect("'\"' (the end of the string)") }
            let byte = base[position]
            if byte >= 0x20 && byte < 0x80 {
                if byte == ASCII.quote { break }
                if byte == ASCII.backslash {
                    isPlainASCII = false
                    try scanEscape()
                } else {
                    position += 1
                }
            } else if byte < 0x20 {
                throw LineDefect(
                    kind: .encoding, column: position, expected: "control characters escaped",
                    found: "a raw control character")
            } else {
                isPlainASCII = false
                try scanUTF8Sequence()
            }
        }
        let span = StringSpan(start: start, end: position, isPlainASCII: isPlainASCII)
        position += 1  // the closing quote
        return span
    }

    /// Advances over printable ASCII other than `"` and `\`, eight bytes at a time (SWAR: each
    /// test below flags the bytes of a 64-bit word that break the rule, in their high bits).
    @inline(__always)
    private mutating func skipPlainASCII() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while end - position >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            let nonASCII = word & highBits
            let control = (word &- (0x20 &* ones)) & ~word & highBits  // a byte below 0x20
            let quotes = word ^ (0x22 &* ones)  // zero where a byte is '"'
            let backslashes = word ^ (0x5C &* ones)  // zero where a byte is '\'
            let quote = (quotes &- ones) & ~quotes & highBits
            let backslash = (backslashes &- ones) & ~backslashes & highBits
            let flagged = nonASCII | control | quote | backslash
            if flagged != 0 {
                // The lowest flagged byte is the first one that breaks the rule (borrows only
                // propagate upwards, past a byte that is already flagged).
                position += flagged.trailingZeroBitCount / 8
                return
            }
            position += 8
        }
    }

    private mutating func scanEscape() throws(LineDefect) {
        let escape: UInt8 = position + 1 < end ? base[position + 1] : 0
        switch escape {
        case ASCII.quote, ASCII.backslash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            guard end - position >= 6, base[position + 2] == ASCII.zero, base[position + 3] == ASCII.zero,
                let high = ASCII.lowercaseHexValue(base[position + 4]), high <= 1,
                let low = ASCII.lowercaseHexValue(base[position + 5])
            else {
                throw LineDefect(
                    kind: .encoding, column: position,
                    expected: "\\u only as \\u0000 to \\u001f in lowercase hex; other characters as themselves",
                    found: "another \\u escape")
            }
            switch high << 4 | low {
            case 0x08, 0x09, 0x0A, 0x0C, 0x0D:
                throw LineDefect(
                    kind: .encoding, column: position, expected: "the short escape (\\b \\t \\n \\f \\r)",
                    found: "a \\u escape for it")
            default:
                position += 6
            }
        default:
            throw LineDefect(
                kind: .encoding, column: position, expected: "one of \\\" \\\\ \\b \\f \\n \\r \\t \\u00xx",
                found: escape == ASCII.slash ? "\\/ ('/' is written as itself)" : "another escape")
        }
    }

    /// One well-formed UTF-8 sequence of two to four bytes (`UTF8Sequence`: Unicode Table 3-7).
    private mutating func scanUTF8Sequence() throws(LineDefect) {
        guard let length = try? UTF8Sequence.length(at: base + position, available: end - position) else {
            throw invalidUTF8()
        }
        position += length
    }

    private func invalidUTF8() -> LineDefect {
        LineDefect(kind: .encoding, column: position, expected: "well-formed UTF-8", found: "an invalid byte sequence")
    }
}

/// Where a string's content (between its quotes, still escaped) lies in a line.
struct StringSpan: Sendable, Equatable {
    /// Offset of the first content byte.
    var start: Int
    /// Offset of the closing quote.
    var end: Int
    /// No escapes and only ASCII: the bytes are the characters, and byte order is UTF-16 order.
    var isPlainASCII: Bool

    /// The number of content bytes.
    var count: Int { end - start }

    /// Whether this string sorts strictly before `other` by UTF-16 code units (RFC 8785 section 3.2.3).
    func precedes(_ other: StringSpan, in base: UnsafePointer<UInt8>) -> Bool {
        if isPlainASCII && other.isPlainASCII {
            let shared = min(count, other.count)
            for index in 0..<shared {
                let left = base[start + index]
                let right = base[other.start + index]
                if left != right { return left < right }
            }
            return count < other.count
        }
        return utf16(in: base).lexicographicallyPrecedes(other.utf16(in: base))
    }

    /// The content bytes (still escaped). The line's buffer must outlive them.
    func bytes(in base: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: count)
    }

    /// Whether the content is exactly the ASCII `name`.
    func equals(_ name: StaticString, in base: UnsafePointer<UInt8>) -> Bool {
        count == name.utf8CodeUnitCount && ASCII.equal(base + start, name.utf8Start, count: count)
    }

    /// The decoded string. The span must come from a successful scan.
    func string(in base: UnsafePointer<UInt8>) -> String {
        if isPlainASCII {
            return String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
        }
        return String(decoding: utf16(in: base), as: UTF16.self)
    }

    /// A field name for a message: itself if short printable ASCII, else a neutral phrase.
    func printableName(in base: UnsafePointer<UInt8>) -> String {
        guard isPlainASCII, count <= 40, (0..<count).allSatisfy({ base[start + $0] >= 0x20 }) else {
            return "(a name that is not short printable ASCII)"
        }
        return "\"\(string(in: base))\""
    }

    /// The UTF-16 code units of the decoded content. The span must come from a successful scan.
    func utf16(in base: UnsafePointer<UInt8>) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(count)
        var index = start
        while index < end {
            let byte = base[index]
            if byte == ASCII.backslash {
                let escape = base[index + 1]
                switch escape {
                case UInt8(ascii: "b"): units.append(0x08)
                case UInt8(ascii: "f"): units.append(0x0C)
                case UInt8(ascii: "n"): units.append(0x0A)
                case UInt8(ascii: "r"): units.append(0x0D)
                case UInt8(ascii: "t"): units.append(0x09)
                case UInt8(ascii: "u"):
                    let high = UInt16(ASCII.lowercaseHexValue(base[index + 4]) ?? 0)
                    let low = UInt16(ASCII.lowercaseHexValue(base[index + 5]) ?? 0)
                    units.append(high << 4 | low)
                    index += 4
                default: units.append(UInt16(escape))  // \" and \\
                }
                index += 2
            } else if byte < 0x80 {
                units.append(UInt16(byte))
                index += 1
            } else {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length {
                    scalar = scalar << 6 | UInt32(base[index + offset] & 0x3F)
                }
                units.append(contentsOf: Unicode.Scalar(scalar)?.utf16 ?? "\u{FFFD}".unicodeScalars.first!.utf16)
                index += length
            }
        }
        return units
    }
}
