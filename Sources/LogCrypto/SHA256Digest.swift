/// A SHA-256 digest: 32 bytes, stored inline (no heap allocation).
public struct SHA256Digest: Sendable {
    /// The 32 bytes in order, as four native words (tuples have a guaranteed contiguous layout).
    @usableFromInline var storage: (UInt64, UInt64, UInt64, UInt64)

    @usableFromInline init(storage: (UInt64, UInt64, UInt64, UInt64)) {
        self.storage = storage
    }

    /// 32 zero bytes; format v1 uses it as `prev` of entry 0.
    public static let zero = SHA256Digest(storage: (0, 0, 0, 0))

    /// Creates a digest from exactly 32 bytes; `nil` for any other length.
    // Inlinable so callers in other modules get a specialised copy, not generic dispatch per byte.
    @inlinable
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &storage) { raw in
            let copied: Void? = bytes.withContiguousStorageIfAvailable { raw.copyMemory(from: UnsafeRawBufferPointer($0)) }
            if copied == nil {
                for (index, byte) in bytes.enumerated() { raw[index] = byte }
            }
        }
        self.init(storage: storage)
    }

    /// Parses 64 hexadecimal characters (either case); `nil` for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64 else { return nil }
        let parsed = hex.utf8.withContiguousStorageIfAvailable(Self.parse) ?? Array(hex.utf8).withUnsafeBufferPointer(Self.parse)
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses exactly 64 hexadecimal digits, branch-light: an invalid digit marks its nibble with
    /// the 0x10 bit, checked once at the end.
    private static func parse(_ chars: UnsafeBufferPointer<UInt8>) -> SHA256Digest? {
        guard chars.count == 64 else { return nil }
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var invalid: UInt8 = 0
        Swift.withUnsafeMutableBytes(of: &storage) { raw in
            for index in 0..<32 {
                let high = nibbleOrMarker(chars[2 * index])
                let low = nibbleOrMarker(chars[2 * index + 1])
                invalid |= high | low
                raw[index] = (high << 4) | (low & 0x0F)
            }
        }
        guard invalid & 0x10 == 0 else { return nil }
        return SHA256Digest(storage: storage)
    }

    /// The digit's value, or 0x10 for a byte that is not a hexadecimal digit.
    @inline(__always)
    private static func nibbleOrMarker(_ char: UInt8) -> UInt8 {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char &- UInt8(ascii: "A") &+ 10
        default: 0x10
        }
    }

    /// The 32 bytes as an array.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// The 64-character lowercase hexadecimal form.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            withUnsafeBytes { raw in
                for (index, byte) in raw.enumerated() {
                    out[2 * index] = Self.hexDigits[Int(byte >> 4)]
                    out[2 * index + 1] = Self.hexDigits[Int(byte & 0x0F)]
                }
            }
            return 64
        }
    }

    /// Calls `body` with the 32 bytes, without copying them.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

extension SHA256Digest: Hashable {
    /// Digests are equal when all 32 bytes are.
    @inlinable
    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
            && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
    }

    /// Hashes the 32 bytes.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }
}

extension SHA256Digest: CustomStringConvertible {
    /// The lowercase hexadecimal form.
    public var description: String { hex }
}
