#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Standard base64 (RFC 4648 section 4, with padding), as C2SP notes and checkpoints use it.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes canonical base64 only: padded, no whitespace, and zero unused bits, so that every
    /// byte string has exactly one accepted text form (the one `encode` writes).
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ decode(utf8: $0) }) { return decoded }
        return Array(text.utf8).withUnsafeBufferPointer { decode(utf8: $0) }
    }

    /// `decode(_:)` of the text whose UTF-8 bytes are `chars`. A checkpoint is read per
    /// signed batch, so this decodes directly rather than through `Data` and a re-encoding.
    static func decode(utf8 chars: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard chars.count % 4 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count / 4 * 3)
        var index = 0
        while index < chars.count {
            let a = value(chars[index]), b = value(chars[index + 1])
            guard a | b < 64 else { return nil }
            let third = chars[index + 2], fourth = chars[index + 3]
            if index + 4 == chars.count, fourth == equals {
                if third == equals {
                    // "xx==": one byte; the low 4 bits of the second digit are unused and must be 0.
                    guard b & 0x0F == 0 else { return nil }
                    bytes.append(a << 2 | b >> 4)
                } else {
                    // "xxx=": two bytes; the low 2 bits of the third digit are unused and must be 0.
                    let c = value(third)
                    guard c < 64, c & 0x03 == 0 else { return nil }
                    bytes.append(a << 2 | b >> 4)
                    bytes.append((b & 0x0F) << 4 | c >> 2)
                }
            } else {
                let c = value(third), d = value(fourth)
                guard c | d < 64 else { return nil }
                bytes.append(a << 2 | b >> 4)
                bytes.append((b & 0x0F) << 4 | c >> 2)
                bytes.append((c & 0x03) << 6 | d)
            }
            index += 4
        }
        return bytes
    }

    private static let equals = UInt8(ascii: "=")

    /// The 6-bit value of a base64 digit (RFC 4648 Table 1), or 0xFF for any other byte.
    @inline(__always)
    private static func value(_ char: UInt8) -> UInt8 {
        switch char {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): char &- UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): char &- UInt8(ascii: "a") &+ 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char &- UInt8(ascii: "0") &+ 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: 0xFF
        }
    }
}
