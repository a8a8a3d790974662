public import LogCrypto

/// The Merkle tree hash of RFC 6962 section 2.1 over SHA-256.
///
/// Leaves are hashed as SHA-256(0x00 || line) and interior nodes as SHA-256(0x01 || left || right),
/// so a leaf can never be mistaken for a node (second-preimage resistance).
public enum Merkle {
    /// The leaf hash of one log line (without its `"\n"`): SHA-256(0x00 || line).
    public static func leafHash(_ line: UnsafeRawBufferPointer) -> SHA256Digest {
        SHA256.hash(prefix: 0x00, line)
    }

    /// The leaf hash of one log line (without its `"\n"`): SHA-256(0x00 || line).
    public static func leafHash(_ line: [UInt8]) -> SHA256Digest {
        line.withUnsafeBytes { leafHash($0) }
    }

    /// An interior node: SHA-256(0x01 || left || right).
    public static func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        SHA256.hash(prefix: 0x01, left, right)
    }

    /// The Merkle tree hash MTH (RFC 6962 section 2.1) of `leaves`, which are leaf hashes in log order.
    /// The empty tree's hash is SHA-256 of the empty string.
    public static func root(of leaves: [SHA256Digest]) -> SHA256Digest {
        guard !leaves.isEmpty else { return SHA256.hash([UInt8]()) }
        return leaves.withUnsafeBufferPointer { subtreeHash($0[...]) }
    }

    /// MTH(D[n]): split at the largest power of two smaller than n.
    private static func subtreeHash(_ leaves: Slice<UnsafeBufferPointer<SHA256Digest>>) -> SHA256Digest {
        if leaves.count == 1 { return leaves[leaves.startIndex] }
        let split = largestPowerOfTwo(below: leaves.count)
        let middle = leaves.startIndex + split
        return nodeHash(subtreeHash(leaves[..<middle]), subtreeHash(leaves[middle...]))
    }

    /// The largest power of two strictly smaller than `n` (n ≥ 2).
    static func largestPowerOfTwo(below n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}
