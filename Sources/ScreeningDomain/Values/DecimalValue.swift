import Foundation

/// An exact decimal number (lab values, ULNs, thresholds, multiples): no binary floating point.
///
/// Written and read as plain decimal strings (`"41.5"`, `"-3"`, `"0.25"`): an optional minus,
/// digits without leading zeros, an optional fraction; no exponent, at most 30 significant digits.
/// `description` is canonical: no trailing fractional zeros, no `-0` (`"41.50"` reads as `41.5`).
public struct DecimalValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    let storage: Decimal

    init(storage: Decimal) {
        self.storage = storage
    }

    /// Parses a plain decimal string; nil for anything else (exponents, `+`, `.5`, `007`, `1.`).
    public init?(_ text: some StringProtocol) {
        guard DecimalValue.isPlainDecimal(text), let value = Decimal(string: String(text)) else { return nil }
        self.storage = value
    }

    /// The integer `value` exactly.
    public init(_ value: Int) {
        self.storage = Decimal(value)
    }

    /// The canonical decimal string: `"41.5"`, `"-3"`, `"0"`.
    public var description: String {
        storage.isZero ? "0" : storage.description
    }

    /// True when the value has no fractional part.
    public var isInteger: Bool {
        var value = storage
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .down)
        return rounded == storage
    }

    /// True when the value is below zero.
    public var isNegative: Bool { storage < 0 }

    /// The value rounded half away from zero to `places` fractional digits.
    public func rounded(places: Int) -> DecimalValue {
        var value = storage
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        return DecimalValue(storage: rounded)
    }

    /// The magnitude.
    public var magnitude: DecimalValue { isNegative ? DecimalValue(storage: -storage) : self }

    /// Numeric order.
    public static func < (lhs: DecimalValue, rhs: DecimalValue) -> Bool { lhs.storage < rhs.storage }
    /// Exact sum.
    public static func + (lhs: DecimalValue, rhs: DecimalValue) -> DecimalValue {
        DecimalValue(storage: lhs.storage + rhs.storage)
    }
    /// Exact difference.
    public static func - (lhs: DecimalValue, rhs: DecimalValue) -> DecimalValue {
        DecimalValue(storage: lhs.storage - rhs.storage)
    }
    /// Exact product (within 38 significant digits, ample for clinical values).
    public static func * (lhs: DecimalValue, rhs: DecimalValue) -> DecimalValue {
        DecimalValue(storage: lhs.storage * rhs.storage)
    }
    /// Quotient to 38 significant digits; round the result before comparing it with a recorded value.
    public static func / (lhs: DecimalValue, rhs: DecimalValue) -> DecimalValue {
        DecimalValue(storage: lhs.storage / rhs.storage)
    }

    /// Whether `text` is a plain decimal as this type reads it (trailing fractional zeros allowed).
    static func isPlainDecimal(_ text: some StringProtocol) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let integer = bytes.prefix(while: isDigit)
        guard !integer.isEmpty, integer.count == 1 || integer.first != UInt8(ascii: "0") else { return false }
        var rest = bytes.dropFirst(integer.count)
        var significant = integer.count
        if let dot = rest.first {
            guard dot == UInt8(ascii: "."), rest.count > 1 else { return false }
            rest = rest.dropFirst()
            guard rest.allSatisfy(isDigit) else { return false }
            significant += rest.count
        }
        return significant <= 30
    }
}

extension DecimalValue: Codable {
    /// Decodes a plain decimal string (never a JSON number, which could be binary floating point).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = DecimalValue(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a plain decimal string")
        }
        self = value
    }

    /// Encodes the canonical decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
