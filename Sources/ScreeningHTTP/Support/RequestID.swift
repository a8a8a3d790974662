import Foundation

/// The request id: echoed from the client's `X-Request-Id` when sane, otherwise generated.
enum RequestID {
    /// The longest client-supplied id echoed back.
    static let maxLength = 128

    /// `candidate` if it is 1-128 characters of `A-Z a-z 0-9 - _ . :` (safe in logs and headers),
    /// otherwise a fresh random id.
    static func resolve(_ candidate: String?) -> String {
        if let candidate, isSane(candidate) { return candidate }
        return UUID().uuidString.lowercased()
    }

    /// Whether a client-supplied id may be echoed.
    static func isSane(_ candidate: String) -> Bool {
        guard (1...maxLength).contains(candidate.utf8.count) else { return false }
        return candidate.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: ":"):
                true
            default: false
            }
        }
    }
}
