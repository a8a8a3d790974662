import Foundation

extension DecimalValue {
    /// Parses a plain decimal string exactly as `init?(_:)` does, without Foundation's string
    /// parser for the common case (at most 19 digits), which is some 30 times faster: the fold
    /// reads two decimals per lab assessment and must rebuild 300,000 events a second.
    ///
    /// Same grammar (optional `-`, no leading zeros, optional fraction, no exponent), same value
    /// and description as `DecimalValue(text)`; longer numbers go through `DecimalValue(text)`.
    static func parsing(_ text: String) -> DecimalValue? {
        var text = text
        return text.withUTF8 { parsing(utf8: $0) }
    }

    /// `parsing(_:)` on the UTF-8 bytes of the text.
    static func parsing(utf8 text: UnsafeBufferPointer<UInt8>) -> DecimalValue? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenDot = false
        var integerDigits = 0
        var leadingZero = false
        for (index, byte) in text.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: ".") where !seenDot && integerDigits > 0:
                seenDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !seenDot {
                    if leadingZero { return nil }
                    if integerDigits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                    integerDigits += 1
                } else {
                    fractionDigits += 1
                }
                digits += 1
                if digits > 19 { return DecimalValue(String(decoding: text, as: UTF8.self)) }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
            default:
                return nil
            }
        }
        guard integerDigits > 0, !seenDot || fractionDigits > 0 else { return nil }
        // Decimal has no negative zero (a negative zero-length Decimal is NaN): zero is unsigned.
        let sign: FloatingPointSign = negative && mantissa != 0 ? .minus : .plus
        return DecimalValue(storage: Decimal(sign: sign, exponent: -fractionDigits, significand: Decimal(mantissa)))
    }
}
