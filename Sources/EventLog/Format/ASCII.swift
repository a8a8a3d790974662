/// The ASCII bytes and byte-level helpers shared by the format's writer and parser, the store's
/// skim and the verifier's line scanner, so each rule is spelt once.
enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let newline = UInt8(ascii: "\n")

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- zero < 10
    }

    /// The value of a lowercase hexadecimal digit (`0-9a-f`), or `nil`.
    @inline(__always)
    static func lowercaseHexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case zero...nine: byte - zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// The lowercase hexadecimal digit for `nibble` (0...15).
    @inline(__always)
    static func lowercaseHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? zero + nibble : UInt8(ascii: "a") - 10 + nibble
    }

    /// `bytes` in lowercase hexadecimal, two digits a byte.
    static func lowercaseHex(_ bytes: some Sequence<UInt8>) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            digits.append(lowercaseHexDigit(byte >> 4))
            digits.append(lowercaseHexDigit(byte & 0x0F))
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Whether `bytes` are exactly 64 lowercase hexadecimal digits: the only way format v1 writes a
    /// SHA-256 digest (`prev`, and the digests in `log.recovered`).
    static func isLowercaseHexDigest(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count == 64 && bytes.allSatisfy { lowercaseHexValue($0) != nil }
    }

    /// Whether `bytes` form a dotted name: one or more segments of ASCII letters, digits, `_` or
    /// `-`, joined by `.` (no empty segment). The rule for an entry's `type` (docs/format.md section 4).
    static func isDottedName(_ bytes: some Sequence<UInt8>) -> Bool {
        var segmentLength = 0
        for byte in bytes {
            switch byte {
            case dot:
                guard segmentLength > 0 else { return false }
                segmentLength = 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                zero...nine, UInt8(ascii: "_"), minus:
                segmentLength += 1
            default:
                return false
            }
        }
        return segmentLength > 0
    }

    /// Appends `value` in decimal, zero-padded on the left to at least `minimumWidth` digits.
    static func appendDecimal(_ value: UInt64, minimumWidth: Int = 1, to buffer: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        var value = value
        withUnsafeMutableBytes(of: &digits) { raw in
            var index = raw.count
            repeat {
                index -= 1
                raw[index] = zero + UInt8(value % 10)
                value /= 10
            } while value > 0 || raw.count - index < minimumWidth
            buffer.append(contentsOf: raw[index...])
        }
    }

    /// Whether `count` bytes at `left` and `right` are equal.
    @inline(__always)
    static func equal(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
        for index in 0..<count where left[index] != right[index] {
            return false
        }
        return true
    }
}
