#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Counts distinct values (the summary's subjects) in bounded memory: exactly, up to
/// `exactLimit` distinct values; beyond that, as a HyperLogLog estimate (Flajolet et al., 2007;
/// 2^14 registers, standard error about 0.8%), so that verification memory never grows with the
/// log. Logs with fewer distinct subjects than the limit, which is nearly all of them, get the
/// exact count.
struct DistinctCount {
    /// The most distinct values counted exactly (about 10 MiB of strings at most).
    static let exactLimit = 1 << 17
    private static let precision = 14
    private static let registerCount = 1 << precision

    /// The values seen, while there are at most `exactLimit`.
    private var exact: Set<String>? = []
    private var registers = [UInt8](repeating: 0, count: DistinctCount.registerCount)

    /// Adds a value given as its bytes (the raw canonical spelling, so equal strings have equal
    /// bytes) and as a string.
    mutating func insert(bytes: UnsafeBufferPointer<UInt8>, string: @autoclosure () -> String) {
        let hash = Self.hash(bytes)
        let index = Int(hash >> UInt64(64 - Self.precision))
        let rank = UInt8((hash << UInt64(Self.precision) | 1 << (Self.precision - 1)).leadingZeroBitCount + 1)
        if registers[index] < rank { registers[index] = rank }
        guard exact != nil else { return }
        exact!.insert(string())
        if exact!.count > Self.exactLimit { exact = nil }
    }

    /// The number of distinct values, and whether it is exact (else estimated).
    var value: (count: Int, isExact: Bool) {
        if let exact { return (exact.count, true) }
        let m = Double(Self.registerCount)
        var sum = 0.0
        var zeros = 0
        for register in registers {
            sum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { zeros += 1 }
        }
        var estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum
        if estimate <= 2.5 * m && zeros > 0 { estimate = m * log(m / Double(zeros)) }
        return (Int(estimate.rounded()), false)
    }

    /// FNV-1a over the bytes, then the SplitMix64 finaliser to spread the bits.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}
