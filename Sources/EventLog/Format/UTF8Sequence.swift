/// The check every JSON reader in this module applies to one multi-byte UTF-8 sequence (RFC 3629
/// section 4, Unicode Table 3-7): no overlong forms, no encoded surrogates, nothing above
/// U+10FFFF, no truncated sequence.
enum UTF8Sequence {
    /// What is wrong with a sequence.
    enum Defect: Error {
        case leadByte, truncated, secondByte, continuationByte
    }

    /// The length (2 to 4) of the well-formed sequence at `start`, of which `available` bytes
    /// can be read.
    @inline(__always)
    static func length(at start: UnsafePointer<UInt8>, available: Int) throws(Defect) -> Int {
        let length: Int
        var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
        switch start[0] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: throw .leadByte
        }
        guard available >= length else { throw .truncated }
        guard start[1] >= lowerBound && start[1] <= upperBound else { throw .secondByte }
        for index in 2..<length where start[index] & 0xC0 != 0x80 {
            throw .continuationByte
        }
        return length
    }
}
